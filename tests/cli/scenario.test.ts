// The scenario commands end to end, as subprocesses on the built CLI.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEdgeList } from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const examples = join(root, 'examples/scenarios');

function hearsay(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'hearsay-cli-'));
const small = join(tmp, 'small.yaml');
writeFileSync(
  small,
  `name: small shop
seed: 3
replicates: 30
network: { generator: groups, size: 2000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001 }
roles: { customers: 0.3, prospects: 0.3 }
incidents: { count: 20, amount: 300 }
economics: { margin: 500 }
policies:
  - { name: fee, decision: refuse-with-fee, fee: 150 }
  - { name: repair, decision: repair-or-replace }
breakEven: { parameter: fee, policies: [fee, repair], low: 0, high: 20000 }
sensitivity:
  - { path: economics.retention, low: 0.7, high: 0.9 }
`,
);

describe('hearsay validate', () => {
  it('accepts a valid file: exit 0', () => {
    const r = hearsay(['validate', small]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid — 2 policies, 2,000 people/);
  });

  it('lists every problem with its line: exit 2', () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, readFileSync(small, 'utf8').replace('fee: 150', 'fee: -200').replace('margin: 500', 'margin: 500, marign: 2'));
    const r = hearsay(['validate', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('2 problems in');
    expect(r.stderr).toContain('bad.yaml:7: economics.marign: expected no parameter of this name (did you mean "margin"?), received "marign"');
    expect(r.stderr).toContain('bad.yaml:9: policies[0].fee: expected a number ≥ 0 and ≤ 1e12, received -200');
  });

  it('warns, on stderr, of a fee above the amount at stake, and still exits 0 (validate and run)', () => {
    const steep = join(tmp, 'steep.yaml');
    writeFileSync(steep, readFileSync(small, 'utf8').replace('fee: 150', 'fee: 2400').replace('high: 20000 }', 'high: 20000 }\n').replace(/sensitivity:[\s\S]*$/, ''));
    const v = hearsay(['validate', steep]);
    expect(v.code).toBe(0);
    expect(v.stderr).toBe('warning: policies[0].fee: a fee of 2,400 is 8 times the amount at stake (300): the customer pays more than the problem was worth\n');
    expect(v.stdout).toMatch(/valid — 2 policies/);
    const r = hearsay(['compare', steep, '--quiet', '--replicates', '4']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: policies[0].fee:');
    expect(hearsay(['validate', small]).stderr).toBe('');
  });

  it('a missing file: exit 2, one line', () => {
    const r = hearsay(['validate', join(tmp, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nope\.yaml: cannot read the scenario file \(ENOENT\)/);
  });
});

describe('hearsay run', () => {
  it('writes the report, charts and data: exit 0, progress never on stdout', () => {
    const out = join(tmp, 'report');
    const r = hearsay(['run', small, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# small shop/);
    for (const f of ['report.html', 'report.md', 'report.json']) expect(existsSync(join(out, f))).toBe(true);
    expect(readdirSync(join(out, 'charts')).length).toBeGreaterThan(2);
    expect(readdirSync(join(out, 'data')).length).toBeGreaterThan(2);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/NaN|undefined/);
    expect(html).not.toMatch(/<script/);
    // No link to anything outside the page (the SVG namespace is a name, not a request).
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
    const data = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(data.seed).toBe('3');
    expect(data.policies).toHaveLength(2);
  });

  it('the same seed gives the same report; --seed changes it', () => {
    const a = hearsay(['run', small, '--format', 'json', '--quiet']);
    const b = hearsay(['run', small, '--format', 'json', '--quiet']);
    const c = hearsay(['run', small, '--format', 'json', '--quiet', '--seed', '4']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(c.stdout).seed).toBe('4');
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('worker threads give the same report as one thread', () => {
    const one = hearsay(['run', small, '--format', 'json', '--quiet', '--workers', '0']);
    const two = hearsay(['run', small, '--format', 'json', '--quiet', '--workers', '2']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('prints HTML, Markdown or CSV on stdout', () => {
    expect(hearsay(['run', small, '--format', 'html', '--quiet']).stdout).toMatch(/^<!doctype html>/i);
    expect(hearsay(['run', small, '--format', 'csv', '--quiet']).stdout.split('\n')[0]).toMatch(/^policy,metric,mean/);
  });

  it('bad arguments: exit 2', () => {
    expect(hearsay(['run', small, '--format', 'pdf']).code).toBe(2);
    expect(hearsay(['run', small, '--replicates', '0']).code).toBe(2);
    expect(hearsay(['run']).code).toBe(2);
  });
});

describe('hearsay compare, sweep, schema, generate, examples', () => {
  it('compare prints the policies side by side', () => {
    const r = hearsay(['compare', small, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| fee \|/);
    expect(r.stdout).toMatch(/## Against "fee" \(current practice\)/);
    expect(r.stdout).toMatch(/per incident/);
    expect(r.stdout).toMatch(/pays only if a lost customer or prospect is worth less than/);
  });

  it('sweep gives tidy rows over a range', () => {
    const r = hearsay(['sweep', small, '--parameter', 'policies[0].fee', '--from', '0', '--to', '300', '--steps', '3', '--quiet']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^parameter,value,policy,metric,mean/);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[1]))).toEqual(new Set(['0', '150', '300']));
    const bad = hearsay(['sweep', small, '--parameter', 'policies[0].fee', '--from', '-10', '--to', '300', '--steps', '2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/policies\[0\]\.fee: expected a number ≥ 0 and ≤ 1e12, received -10/);
  });

  it('schema prints the JSON Schema and the parameter table', () => {
    const json = JSON.parse(hearsay(['schema']).stdout);
    expect(json.type).toBe('object');
    expect(hearsay(['schema', '--format', 'markdown']).stdout).toMatch(/^\| parameter \|/);
  });

  it('generate writes an edge list that reads back', () => {
    const r = hearsay(['generate', 'groups', 'size=300', 'groupSize=6', 'insideProbability=0.7', 'acrossProbability=0.01', '--seed', '5', '--trust']);
    expect(r.code).toBe(0);
    const net = parseEdgeList(r.stdout);
    expect(net.size).toBe(300);
    const again = hearsay(['generate', 'groups', 'size=300', 'groupSize=6', 'insideProbability=0.7', 'acrossProbability=0.01', '--seed', '5', '--trust']);
    expect(again.stdout).toBe(r.stdout);
    const bad = hearsay(['generate', 'groups', 'size=300', 'groupSize=6', 'insideProbability=7', 'acrossProbability=0.01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/insideProbability: expected a number ≥ 0 and ≤ 1, received 7/);
    expect(hearsay(['generate', 'village', 'size=3']).code).toBe(2);
  });

  it('examples lists, shows and runs the bundled scenarios', () => {
    const list = hearsay(['examples', 'list']);
    expect(list.code).toBe(0);
    const names = readdirSync(examples).filter((f) => f.endsWith('.yaml')).map((f) => f.replace('.yaml', ''));
    for (const n of names) expect(list.stdout).toContain(n);
    expect(hearsay(['examples', 'show', 'phone-shop']).stdout).toBe(readFileSync(join(examples, 'phone-shop.yaml'), 'utf8'));
    expect(hearsay(['examples', 'show', 'nothing']).code).toBe(2);
  });

  it.each(readdirSync(examples).filter((f) => f.endsWith('.yaml')))('examples/scenarios/%s runs with hearsay run', (name) => {
    const r = hearsay(['run', join(examples, name), '--replicates', '20', '--quiet', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).replicates).toBe(20);
  });
});

describe('an unexpected failure exits with 1', () => {
  it('a broken install (the worker script missing) is reported as such', () => {
    // The CLI copied without dist/node/worker.js beside it.
    // Inside the project (git-ignored), so its packages still resolve from node_modules.
    const broken = join(root, 'artifacts', 'broken-install');
    mkdirSync(join(broken, 'cli'), { recursive: true });
    copyFileSync(cli, join(broken, 'cli/main.js'));
    const edges = join(root, 'tests/fixtures/two-triangles.edges');
    const r = spawnSync(process.execPath, [join(broken, 'cli/main.js'), 'spread', '--edges', edges, '--probability', '0.5', '--tellers', '1', '--workers', '1'], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^hearsay: unexpected failure/);
  });
});
