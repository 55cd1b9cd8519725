// `hearsay compare` and `run` with distributions: the JSON, CSV and Markdown of the PSA;
// the same bytes for any number of worker threads (0, 1, 2) and for any split into shards
// merged back; the report's "How sure are we?" with its charts and tables; --uncertainty
// on a file without distributions; a bad distribution refused with its line, exit 2.
// Runs the built CLI (npm run build first) as subprocesses.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'hearsay-psa-'));
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLURM_|JOB_COMPLETION_INDEX|AWS_BATCH_)/.test(k)));

function hearsay(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root, env: cleanEnv });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function ok(args: string[]): string {
  const r = hearsay(args);
  if (r.code !== 0) throw new Error(`hearsay ${args.join(' ')} exited with ${r.code}: ${r.stderr}`);
  return r.stdout;
}

const plain = `name: shop under uncertainty
seed: 9
replicates: 30
network: { generator: groups, size: 1500, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.002 }
roles: { customers: 0.3, prospects: 0.3 }
incidents: { count: 20, amount: 600 }
economics: { margin: 800, acquisitionCost: 600 }
policies:
  - { name: "refuse, bill 200 kr", decision: refuse-with-fee, fee: 200 }
  - { name: free repair, decision: repair-or-replace }
`;
const uncertain = `${plain}behaviour:
  repurchase:
    major:
      unresolved: { dist: beta, mean: 0.19, sd: 0.06, source: "[Q] TARP" }
spread:
  tellProbability: { dist: pert, low: 0.2, mode: 0.4, high: 0.6 }
uncertainty:
  draws: 24
  replicatesPerDraw: 2
  groups:
    both: [behaviour.repurchase.major.unresolved, spread.tellProbability]
`;
const scenario = join(tmp, 'uncertain.yaml');
writeFileSync(scenario, uncertain);
const plainFile = join(tmp, 'plain.yaml');
writeFileSync(plainFile, plain);
const compare = ['compare', scenario, '--quiet'];

describe('hearsay compare with distributions', () => {
  const json = ok([...compare, '--format', 'json', '--workers', '0']);

  it('prints the PSA under `uncertainty`: draws, probability best, EVPI, EVPPI, acceptability', () => {
    const out = JSON.parse(json) as { policies: string[]; uncertainty: Record<string, unknown> };
    const u = out.uncertainty as {
      draws: number;
      probabilityBest: Record<string, number>;
      evpi: number;
      evppi: Array<{ parameter: string; value: number; se: number }>;
      acceptability: Array<{ lossValue: number; policy: string; probabilityBest: number }>;
    };
    expect(u.draws).toBe(24);
    expect(Object.keys(u.probabilityBest)).toEqual(out.policies);
    expect(Object.values(u.probabilityBest).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(u.evpi).toBeGreaterThanOrEqual(0);
    expect(u.evppi.map((e) => e.parameter).sort()).toEqual(['behaviour.repurchase.major.unresolved', 'both', 'spread.tellProbability']);
    for (const e of u.evppi) expect(Object.keys(e).slice(0, 3)).toEqual(['parameter', 'value', 'se']);
    expect(u.acceptability).toHaveLength(31 * 2);
    expect(Object.keys(u.acceptability[0]!)).toEqual(['lossValue', 'policy', 'probabilityBest']);
    expect(u.acceptability[0]).toMatchObject({ lossValue: 0, policy: 'refuse, bill 200 kr', probabilityBest: 1 });
  });

  it('prints the same bytes on 1 and 2 worker threads as on this thread', () => {
    expect(ok([...compare, '--format', 'json', '--workers', '1'])).toBe(json);
    expect(ok([...compare, '--format', 'json', '--workers', '2'])).toBe(json);
  });

  it('split into shards and merged, prints what one machine prints, byte for byte', () => {
    const parts = [0, 1, 2].map((i) => {
      const path = join(tmp, `part-${i}.json`);
      writeFileSync(path, ok([...compare, '--format', 'json', '--shard', `${i}/3`, '--workers', String(i % 2)]));
      return path;
    });
    const part = JSON.parse(readFileSync(parts[0]!, 'utf8')) as { total: number; metricNames: string[] };
    // The units of the run: max(replicates 30, draws 24).
    expect(part.total).toBe(30);
    expect(part.metricNames).toContain('parameter:spread.tellProbability');
    expect(ok(['merge', ...parts])).toBe(json);
    expect(ok(['merge', '--format', 'md', ...parts])).toBe(ok([...compare, '--workers', '0']));
  });

  it('--draws and --replicates-per-draw travel with the parts', () => {
    const args = [...compare, '--format', 'json', '--draws', '40', '--replicates-per-draw', '1', '--seed', '3'];
    const whole = ok([...args, '--workers', '0']);
    expect((JSON.parse(whole) as { uncertainty: { draws: number } }).uncertainty.draws).toBe(40);
    const parts = [0, 1].map((i) => {
      const path = join(tmp, `flags-${i}.json`);
      writeFileSync(path, ok([...args, '--shard', `${i}/2`, '--workers', '0']));
      return path;
    });
    expect(ok(['merge', ...parts])).toBe(whole);
  });

  it('CSV: the comparison rows, then tidy PSA rows', () => {
    const csv = ok([...compare, '--format', 'csv', '--workers', '0']);
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe('policy,metric,mean,sd,se,p05,p50,p95,ci95Low,ci95High,against,probabilityBetter,probabilityBetterSe,note,value,p025,p975,parameter,method,lossValue');
    const metrics = new Set(rows.map((r) => /^(?:"[^"]*"|[^,]*),([^,]*)/.exec(r)![1]));
    for (const m of ['netValue', 'psa:netValue', 'psa:difference', 'psa:probabilityBest', 'psa:evpi', 'psa:evppi', 'psa:acceptability']) expect(metrics).toContain(m);
  });

  it('Markdown: the comparison of the base case, then how sure we are, ending with one sentence for the client', () => {
    const md = ok([...compare, '--workers', '0']);
    expect(md).toMatch(/^# shop under uncertainty\n\n30 simulated runs of the same incidents, seed 9/);
    expect(md).toContain('How sure are we? 24 draws of 2 uncertain parameters, 2 replicates of each policy per draw');
    expect(md).toMatch(/EVPI, knowing every assumption exactly: [\d,]+ kr for these \d+ incidents/);
    // Each policy's cost of the incidents (positive), never an unfilled template.
    expect(md).toContain('| policy | cost of these incidents | 95% of draws | probability best |');
    expect(md).toMatch(/Measure first \(EVPPI, what knowing one exactly would be worth for these \d+ incidents\):/);
    expect(md).not.toContain('${');
    expect(md.trim().split('\n').pop()).toMatch(/^(Knowing|Whatever|“)/);
  });
});

describe('hearsay run with distributions, and --uncertainty', () => {
  it('the report has "How sure are we?", its three charts and its tables', () => {
    const out = join(tmp, 'report');
    ok(['run', scenario, '--out', out, '--quiet', '--workers', '0']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('How sure are we?');
    for (const chart of ['uncertainty-difference', 'acceptability', 'evppi']) {
      expect(existsSync(join(out, 'charts', `${chart}.svg`)), chart).toBe(true);
      expect(html).toContain(`data-chart="${chart}"`);
    }
    for (const table of ['uncertainty-draws', 'uncertainty-summary', 'uncertainty-acceptability', 'uncertainty-evppi', 'uncertainty-parameters']) expect(existsSync(join(out, 'data', `${table}.csv`)), table).toBe(true);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('## How sure are we?');
    expect(md).toContain('![Bars: what knowing each assumption exactly would be worth');
  });

  it('--uncertainty draws the built-in defaults of a file without distributions', () => {
    const json = JSON.parse(ok(['compare', plainFile, '--format', 'json', '--uncertainty', '--draws', '20', '--replicates-per-draw', '1', '--quiet', '--workers', '0'])) as { uncertainty: { parameters: Array<{ parameter: string; isDefault: boolean }> } };
    expect(json.uncertainty.parameters.length).toBeGreaterThan(10);
    expect(json.uncertainty.parameters.every((p) => p.isDefault)).toBe(true);
    // Without it, the output has no uncertainty at all.
    expect(ok(['compare', plainFile, '--format', 'json', '--quiet', '--workers', '0'])).not.toContain('"uncertainty"');
  });

  it('a bad distribution: one problem per line with its line number, exit 2', () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, uncertain.replace('{ dist: beta, mean: 0.19, sd: 0.06, source: "[Q] TARP" }', '{ dist: normal, mean: 0.19, sd: 0.06 }'));
    const r = hearsay(['compare', bad, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(/bad\.yaml:14: behaviour\.repurchase\.major\.unresolved: expected a distribution whose draws stay ≥ 0 and ≤ 1 \(truncate the normal with low and high\)/);
  });
});
