// `hearsay spread` end to end, as a subprocess on the built CLI (npm test builds first).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const edges = fileURLToPath(new URL('../fixtures/two-triangles.edges', import.meta.url));

function hearsay(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build (npm test does it first)`);
});

describe('hearsay spread', () => {
  it('prints one JSON object with the documented fields', () => {
    // --quiet: on a loaded machine a run can pass the one second after which progress
    // appears (that rule is checked on a driven clock in progress.test.ts).
    const r = hearsay('spread', '--edges', edges, '--probability', '1', '--tellers-list', 'ann', '--replicates', '20', '--seed', '5', '--json', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    // No wall time (it would make the bytes differ run to run): --timing adds msPerReplicate.
    expect(Object.keys(out)).toEqual(['replicates', 'seed', 'model', 'reached']);
    expect(out.replicates).toBe(20);
    expect(out.seed).toBe(5);
    // Probability 1 from ann reaches her whole component: the two triangles, 6 people.
    expect(out.reached).toMatchObject({ mean: 6, sd: 0, se: 0, p05: 6, p50: 6, p95: 6 });
  });

  it('--samples adds every replicate, and the same seed gives the same samples', () => {
    const args = ['spread', '--edges', edges, '--probability', '0.5', '--tellers', '2', '--replicates', '50', '--seed', 'abc', '--json', '--samples'];
    const a = JSON.parse(hearsay(...args).stdout);
    const b = JSON.parse(hearsay(...args).stdout);
    expect(a.seed).toBe('abc');
    expect(a.reached.samples).toHaveLength(50);
    expect(a.reached.samples).toEqual(b.reached.samples);
    const mean = a.reached.samples.reduce((s: number, x: number) => s + x, 0) / 50;
    expect(a.reached.mean).toBeCloseTo(mean, 12);
    const c = JSON.parse(hearsay(...args.slice(0, -3), 'other', '--json', '--samples').stdout);
    expect(c.reached.samples).not.toEqual(a.reached.samples);
  });

  it('probability 0 reaches only the tellers', () => {
    const out = JSON.parse(hearsay('spread', '--edges', edges, '--probability', '0', '--tellers', '3', '--replicates', '10', '--json').stdout);
    expect(out.reached.mean).toBe(3);
  });

  it('replicate ranges are slices of the whole run', () => {
    const base = ['spread', '--edges', edges, '--probability', '0.5', '--tellers', '1', '--seed', '9', '--json', '--samples'];
    const whole = JSON.parse(hearsay(...base, '--replicates', '30').stdout);
    const part = JSON.parse(hearsay(...base, '--replicates', '10:30').stdout);
    expect(part.replicates).toBe(20);
    expect(part.reached.samples).toEqual(whole.reached.samples.slice(10));
  });

  it('runs the threshold and rumour models', () => {
    const t = hearsay('spread', '--edges', edges, '--model', 'threshold', '--threshold', '0.5', '--tellers-list', 'xi', '--replicates', '5', '--json');
    expect(t.code).toBe(0);
    // xi's only neighbour yu hears from half (all) of her voices.
    expect(JSON.parse(t.stdout).reached.mean).toBe(2);
    const r = hearsay('spread', '--edges', edges, '--model', 'rumour', '--probability', '1', '--tellers', '1', '--replicates', '5', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).model).toBe('rumour');
  });

  it('prints a readable summary without --json', () => {
    const r = hearsay('spread', '--edges', edges, '--probability', '1', '--tellers-list', 'xi', '--replicates', '10');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/8 people, 8 ties/);
    expect(r.stdout).toMatch(/mean 2\.0/);
  });

  it.each([
    [['--probability', '1.5', '--tellers', '1'], /--probability.*'1\.5' is invalid\. expected a probability between 0 and 1/],
    [['--probability', 'x', '--tellers', '1'], /--probability/],
    [['--probability', '0.5', '--tellers', '0'], /--tellers.*expected a whole number ≥ 1/],
    [['--probability', '0.5', '--tellers', '99'], /^hearsay: --tellers: expected an integer between 1 and 8, received 99/],
    [['--probability', '0.5', '--tellers-list', 'ann,zed'], /^hearsay: --tellers-list: expected a person in the network, received "zed"/],
    [['--probability', '0.5'], /exactly one of --tellers K and --tellers-list/],
    [['--probability', '0.5', '--tellers', '1', '--tellers-list', 'ann'], /exactly one of/],
    [['--tellers', '1'], /--probability: required by --model cascade/],
    [['--probability', '0.5', '--tellers', '1', '--replicates', '5:2'], /--replicates.*TO > FROM/],
    [['--probability', '0.5', '--tellers', '1', '--model', 'gossip'], /--model.*gossip/],
    [['--probability', '0.5', '--tellers', '1', '--bogus'], /unknown option '--bogus'/],
    [['--model', 'threshold', '--probability', '0.5', '--tellers', '1'], /--probability: the threshold model/],
  ])('bad arguments %j: one line, exit code 2', (args, message) => {
    const r = hearsay('spread', '--edges', edges, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('a missing or malformed edge list: exit code 2 naming the file and line', () => {
    const missing = hearsay('spread', '--edges', '/nonexistent/file.edges', '--probability', '0.5', '--tellers', '1');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--edges: cannot read "\/nonexistent\/file.edges" \(ENOENT\)/);
    const bad = fileURLToPath(new URL('../fixtures/bad-line.edges', import.meta.url));
    const r = hearsay('spread', '--edges', bad, '--probability', '0.5', '--tellers', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-line\.edges, line 3/);
  });
});
