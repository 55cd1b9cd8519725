// `hearsay calibrate`: the files it writes, the calibrated scenario that validate and
// compare accept, and bad input refused with one line and exit 2 (a bad line of the data
// file, an unknown metric, more months than projected). Runs the built CLI (npm run build
// first) as subprocesses.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'hearsay-calibrate-'));

function hearsay(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scenario = join(tmp, 'shop.yaml');
writeFileSync(
  scenario,
  `name: small shop
seed: 5
replicates: 20
network: { generator: groups, size: 1500, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.002 }
roles: { customers: 0.3, prospects: 0.3 }
incidents: { count: 20, amount: 600, severity: major }
complaints:
  probability: { dist: beta, mean: 0.5, sd: 0.2, source: "[A]" }
behaviour:
  repurchase:
    major:
      unresolved: { dist: uniform, low: 0, high: 1 }
economics: { margin: 800, acquisitionCost: 600 }
policies:
  - { name: refuse, decision: refuse }
  - { name: free repair, decision: repair-or-replace }
projection: { months: 6, incidentRate: 0.05, annualChurnRate: 0.1 }
`,
);
const data = join(tmp, 'data.csv');
writeFileSync(data, ['# made up for the test', 'month,metric,value', ...[1, 2, 3, 4, 5, 6].flatMap((m) => [`${m},complaints,${10 + (m % 3)}`, `${m},churned,${20 - (m % 2)}`])].join('\n'));

function refused(csv: string, pattern: RegExp) {
  const bad = join(tmp, `bad-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(bad, csv);
  const r = hearsay(['calibrate', scenario, '--data', bad, '--out', join(tmp, 'never'), '--quiet', '--workers', '0']);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(existsSync(join(tmp, 'never'))).toBe(false);
}

describe('hearsay calibrate: bad input, one line, exit 2', () => {
  it('a bad line of the data file: its line and field', () => {
    refused('month,metric,value\n1,complaints,12\n2,complaints,-3\n', /^hearsay: \S*bad-\w+\.csv:3: value: expected a count ≥ 0 for complaints, received -3$/m);
  });
  it('an unknown metric, with a suggestion', () => {
    refused('month,metric,value\n1,complaint,12\n', /bad-\w+\.csv:2: metric: expected one of .* received "complaint" \(did you mean "complaints"\?\)/);
  });
  it('more months than projected', () => {
    refused('month,metric,value\n7,complaints,12\n', /bad-\w+\.csv:2: month: expected a month ≤ 6 \(the months projected\), received 7/);
  });
  it('a metric the projection does not produce', () => {
    refused('month,metric,value\n3,heardNegativeShare,0.2\n', /bad-\w+\.csv:2: metric: expected a metric the projection produces/);
  });
  it('a missing data file', () => {
    const r = hearsay(['calibrate', scenario, '--data', join(tmp, 'nowhere.csv'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hearsay: --data: cannot read .*nowhere\.csv/);
  });
});

describe('hearsay calibrate: stopping rules from the command line', () => {
  it('--target-tolerance: a tolerance every prior draw meets stops after generation 0', () => {
    const r = hearsay(['calibrate', scenario, '--data', data, '--out', join(tmp, 'tolerance'), '--target-tolerance', '1e9', '--particles', '20', '--predictive-draws', '2', '--workers', '0', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Calibrated \(generation 0, 20 simulations, stopped by tolerance/);
  });
  it('--min-acceptance-rate 0.99: the first population after the prior is abandoned', () => {
    const r = hearsay(['calibrate', scenario, '--data', data, '--out', join(tmp, 'rate'), '--min-acceptance-rate', '0.99', '--particles', '20', '--predictive-draws', '2', '--workers', '0', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Calibrated \(generation 0, \d+ simulations, stopped by acceptance-rate/);
  });
  it('a budget below the particles is refused', () => {
    const r = hearsay(['calibrate', scenario, '--data', data, '--out', join(tmp, 'never2'), '--budget', '10', '--particles', '20', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('hearsay: --budget: expected at least the 20 simulations of one population (--particles), received 10\n');
  });
});

describe('hearsay calibrate: a run and its files', () => {
  const out = join(tmp, 'out');
  const r = hearsay(['calibrate', scenario, '--data', data, '--out', out, '--budget', '300', '--particles', '40', '--predictive-draws', '10', '--workers', '1', '--quiet']);

  it('exits 0 and says where it wrote what', () => {
    expect(r.stderr.replace(/^warning: .*\n/gm, '')).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Calibrated \(generation \d+, \d+ simulations, stopped by budget, final tolerance [\d.]+, ESS \d+; \d+ of 12 observed values inside their 90% band\) to /);
    for (const name of ['posterior.csv', 'predictive.csv', 'summary.json', 'calibration.md', 'check.svg', 'state.json', 'calibrated.yaml']) expect(existsSync(join(out, name)), name).toBe(true);
  });

  it('posterior.csv: tidy rows, one per particle and parameter, weights summing to 1', () => {
    const lines = readFileSync(join(out, 'posterior.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('particle,weight,distance,parameter,value');
    expect(lines).toHaveLength(1 + 40 * 2);
    const weights = lines.slice(1).filter((l) => l.includes('complaints.probability')).map((l) => Number(l.split(',')[1]));
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('summary.json: ESS, final tolerance, the parameters and the dark number', () => {
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.stoppedBy).toBe('budget');
    expect(s.ess).toBeGreaterThan(1);
    expect(s.parameters.map((p: { parameter: string }) => p.parameter)).toEqual(['complaints.probability', 'behaviour.repurchase.major.unresolved']);
    expect(s.darkNumber.filter((d: { metric: string }) => d.metric === 'lostProspectsInMonth')).toHaveLength(6);
    expect(readFileSync(join(out, 'calibration.md'), 'utf8')).toMatch(/^## What your numbers say\n/);
    expect(readFileSync(join(out, 'check.svg'), 'utf8')).toMatch(/^<svg [^>]*>\n<title>Observed numbers/);
  });

  it('the calibrated scenario file passes validate and compare', () => {
    const calibrated = join(out, 'calibrated.yaml');
    const text = readFileSync(calibrated, 'utf8');
    expect(text).toMatch(/probability:\n {4}dist: beta\n/);
    const v = hearsay(['validate', calibrated]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    const c = hearsay(['compare', calibrated, '--format', 'json', '--draws', '20', '--replicates-per-draw', '1', '--replicates', '20', '--workers', '0', '--quiet']);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    const json = JSON.parse(c.stdout);
    expect(json.uncertainty.parameters.map((p: { parameter: string }) => p.parameter)).toEqual(['complaints.probability', 'behaviour.repurchase.major.unresolved']);
  });
});

describe('the worked example', () => {
  it('examples/calibration/shop-data.csv is what make-data.mjs prints (data made by the model)', () => {
    const r = spawnSync(process.execPath, [join(root, 'examples/calibration/make-data.mjs')], { encoding: 'utf8', cwd: root });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(root, 'examples/calibration/shop-data.csv'), 'utf8'));
  });
});

describe('hearsay calibrate: Ctrl-C', () => {
  it('stops after the batch under way and writes the last complete population', async () => {
    const out = join(tmp, 'interrupted');
    // No budget and many particles: the run would take minutes; SIGINT is sent once the
    // progress shows generation 1 under way (so generation 0 is complete).
    const child = spawn(process.execPath, [cli, 'calibrate', scenario, '--data', data, '--out', out, '--particles', '300', '--predictive-draws', '5', '--workers', '1'], { cwd: root });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/generation [1-9]/.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      child.on('close', (c) => resolve(c));
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Interrupted: wrote the last complete population \(generation \d+, \d+ simulations, stopped by aborted/);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).stoppedBy).toBe('aborted');
    expect(existsSync(join(out, 'calibrated.yaml'))).toBe(true);
  });
});
