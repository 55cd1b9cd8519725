// `--shard` on spread and compare, and `hearsay merge`: the merged parts print exactly
// what one machine prints for the whole run (bytes); the same seed gives the same bytes
// (timing only behind --timing); spread's replicate limits; every malformed or foreign
// part refused, naming its file. The byte comparisons run the built CLI as subprocesses;
// the many refusals call the commands in this process (a subprocess costs seconds on a
// loaded machine), and a few subprocesses check exit code 2 and the one-line message.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { mergeFiles } from '../../src/cli/merge.js';
import { spreadCommand } from '../../src/cli/spread.js';
import { HearsayError, MergeError } from '../../src/errors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const village = join(root, 'examples/networks/village.edges');
const tmp = mkdtempSync(join(tmpdir(), 'hearsay-merge-'));

// The scheduler variables of the machine running the tests must not leak into the CLI.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLURM_|JOB_COMPLETION_INDEX|AWS_BATCH_)/.test(k)));

function hearsay(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root, env: { ...cleanEnv, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: string[], env: Record<string, string> = {}): string {
  const r = hearsay(args, env);
  if (r.code !== 0) throw new Error(`hearsay ${args.join(' ')} exited with ${r.code}: ${r.stderr}`);
  return r.stdout;
}

let n = 0;
function file(text: string): string {
  const path = join(tmp, `part-${n++}.json`);
  writeFileSync(path, text);
  return path;
}
const write = (p: unknown) => file(JSON.stringify(p));
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** A subprocess refused: one line on stderr, exit 2, nothing on stdout. */
function refused(args: string[], message: RegExp, env: Record<string, string> = {}) {
  const r = hearsay(args, env);
  expect(r.stderr.trim()).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

/** The same in this process: the error the CLI prints as `hearsay: <message>` with exit 2. */
function refusedHere(run: () => unknown, message: RegExp) {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error instanceof UsageError || error instanceof HearsayError).toBe(true);
  expect((error as Error).message).toMatch(message);
}

async function spreadHere(args: string[]): Promise<unknown> {
  return spreadCommand().exitOverride().parseAsync(['--edges', village, '--probability', '0.15', '--tellers', '3', ...args], { from: 'user' }).then(
    () => undefined,
    (e: unknown) => e,
  );
}

const spread = ['spread', '--edges', village, '--probability', '0.15', '--tellers', '3', '--seed', '11', '--quiet', '--workers', '0'];
const shared: { parts: string[]; json: string; samples: string } = { parts: [], json: '', samples: '' };

beforeAll(() => {
  // One part on a worker thread, the others on the main thread: the same numbers.
  shared.parts = [0, 1, 2].map((i) => file(ok([...spread, '--replicates', '200', '--shard', `${i}/3`, ...(i === 1 ? ['--workers', '1'] : [])])));
  shared.json = ok([...spread, '--replicates', '200', '--json']);
  shared.samples = ok([...spread, '--replicates', '200', '--json', '--samples']);
});

describe('spread: the same seed gives the same bytes', () => {
  it('--json carries no timing unless --timing, and is byte-identical run to run', () => {
    expect(ok([...spread, '--replicates', '200', '--json', '--workers', '2'])).toBe(shared.json);
    expect(JSON.parse(shared.json)).not.toHaveProperty('msPerReplicate');
    const timed = JSON.parse(ok([...spread, '--replicates', '200', '--json', '--timing']));
    expect(timed.msPerReplicate).toBeGreaterThanOrEqual(0);
    expect({ ...timed, msPerReplicate: undefined }).toEqual({ ...JSON.parse(shared.json), msPerReplicate: undefined });
  });

  it('parts are byte-identical run to run, and carry elapsedMs only with --timing', () => {
    expect(ok([...spread, '--replicates', '200', '--shard', '1/3'])).toBe(readFileSync(shared.parts[1]!, 'utf8'));
    expect(read(shared.parts[1]!)).not.toHaveProperty('elapsedMs');
    // A range given by hand (--replicates A:B --partial) is the same bytes run to run.
    const byHand = ok([...spread, '--replicates', '67:134', '--partial']);
    expect(ok([...spread, '--replicates', '67:134', '--partial'])).toBe(byHand);
    expect(JSON.parse(byHand)).not.toHaveProperty('elapsedMs');
    const timed = [0, 1].map((i) => file(ok([...spread, '--replicates', '50', '--shard', `${i}/2`, '--timing'])));
    expect(read(timed[0]!).elapsedMs).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(mergeFiles(timed, { json: true, timing: true })).msPerReplicate).toBeGreaterThanOrEqual(0);
    refusedHere(() => mergeFiles(shared.parts, { json: true, timing: true }), /--timing: the parts were written without --timing/);
  });
});

describe('spread --shard and merge', () => {
  it('three shards merged print exactly what one machine prints, run to run', () => {
    expect(read(shared.parts[1]!)).toMatchObject({ format: 'hearsay-partial/2', kind: 'spread', total: 200, shard: { index: 1, count: 3 }, range: { from: 67, to: 134 }, metricNames: ['reached'] });
    const merged = ok(['merge', ...[...shared.parts].reverse(), '--json']);
    expect(merged).toBe(shared.json);
    expect(ok(['merge', ...shared.parts, '--json'])).toBe(merged);
    expect(mergeFiles(shared.parts, { json: true, samples: true })).toBe(shared.samples);
  });

  it('--shard auto: Slurm array tasks (from any first index), a Kubernetes indexed Job pod', () => {
    const slurm = (id: number) => ({ SLURM_ARRAY_TASK_ID: String(id + 5), SLURM_ARRAY_TASK_MIN: '5', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_COUNT: '3' });
    for (const i of [0, 2]) expect(ok([...spread, '--replicates', '200', '--shard', 'auto'], slurm(i))).toBe(readFileSync(shared.parts[i]!, 'utf8'));
    expect(ok([...spread, '--replicates', '200', '--shard', 'auto', '--shards', '3'], { JOB_COMPLETION_INDEX: '1' })).toBe(readFileSync(shared.parts[1]!, 'utf8'));
    refused([...spread, '--replicates', '200', '--shard', 'auto', '--shards', '4'], /^hearsay: --shards: expected the array's SLURM_ARRAY_TASK_COUNT \(3\) or nothing, received 4$/, slurm(0));
  });

  it.each<[string[], RegExp]>([
    [['--replicates', '200', '--shard', '3/3'], /^--shard: expected I\/N with I counted from 0/],
    [['--replicates', '2', '--shard', '0/3'], /^--shard: expected at most as many shards as replicates \(2\)/],
    [['--replicates', '0:100', '--shard', '0/2'], /--shard: splits a count of replicates/],
    [['--replicates', '100', '--shard', '0/2', '--json'], /--shard: prints a partial result/],
    [['--replicates', '100', '--shards', '2'], /--shards: only with --shard auto/],
    [['--replicates', '100', '--shard', 'auto'], /--shard auto: found no job array index in the environment/],
  ])('%j is refused', async (args, message) => {
    // In this process: the scheduler variables of the machine running the tests are set aside.
    const saved = Object.entries(process.env).filter(([k]) => !(k in cleanEnv));
    for (const [k] of saved) delete process.env[k];
    try {
      const error = await spreadHere(args);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
    } finally {
      for (const [k, v] of saved) process.env[k] = v;
    }
  });
});

describe('spread limits (issue 10)', () => {
  it.each<[string[], RegExp]>([
    [['--replicates', '1', '--json'], /^--replicates: expected at least 2 replicates \(a standard error needs two\), received 1$/],
    [['--replicates', '1'], /--replicates: expected at least 2 replicates/],
    [['--replicates', '7:8', '--json'], /--replicates: expected at least 2 replicates/],
    [['--replicates', '1', '--shard', '0/1'], /--replicates: expected at least 2 replicates/],
    [['--replicates', '1000001'], /^--replicates: expected at most 1000000 replicates \(raise the limit with --max-replicates\), received 1000001$/],
    [['--replicates', '999999:1000001', '--partial'], /--replicates: expected at most 1000000 replicates .* received 999999:1000001/],
    [['--replicates', '3000', '--max-replicates', '2000'], /expected at most 2000 replicates/],
  ])('%j is refused', async (args, message) => {
    const error = await spreadHere(args);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });

  it('as the CLI prints it: one line, exit 2', () => {
    refused([...spread, '--replicates', '1', '--json'], /^hearsay: --replicates: expected at least 2 replicates \(a standard error needs two\), received 1$/);
  });

  it('--max-replicates raises the limit; a hand-made partial of one replicate is allowed, but not merged alone', () => {
    const p = JSON.parse(ok([...spread, '--replicates', '1000000:1000002', '--max-replicates', '2000000', '--partial']));
    expect(p.range).toEqual({ from: 1000000, to: 1000002 });
    const one = file(ok([...spread, '--replicates', '5:6', '--partial']));
    expect(read(one).samples.reached).toHaveLength(1);
    refusedHere(() => mergeFiles([one], { json: true }), /the parts hold 1 replicate: expected at least 2/);
  });
});

describe('merge checks every part and names the bad file', () => {
  it('a truncated file (as the CLI prints it), something that is not a file, a missing file', () => {
    const text = readFileSync(shared.parts[1]!, 'utf8');
    const cut = file(text.slice(0, Math.floor(text.length / 2)));
    refused(['merge', shared.parts[0]!, cut, shared.parts[2]!, '--json'], new RegExp(`^hearsay: ${cut}: expected a partial result \\(JSON\\), received text that is not valid JSON`));
    refusedHere(() => mergeFiles([shared.parts[0]!, tmp], { json: true }), new RegExp(`${tmp}: expected a partial result file, received something that is not a regular file`));
    refusedHere(() => mergeFiles([shared.parts[0]!, join(tmp, 'nope.json')], {}), /nope\.json: cannot read \(ENOENT\)/);
  });

  it.each<[string, (p: Record<string, any>) => void, RegExp]>([
    ['a model that is not one', (p) => (p.meta.model = 'gossip'), /meta\.model: expected "cascade", "threshold", "rumour", received "gossip"/],
    ['a printed seed that is not the seed run', (p) => (p.meta.seed = 12), /meta\.seed: expected the part's seed \("11"\), received 12/],
    ['the seed as text where the others have a number', (p) => (p.meta.seed = '11'), /was run with a different seed or model/],
    ['a sample that is not a number', (p) => (p.samples.reached[2] = 'many'), /samples\.reached\[2\]: expected a finite number/],
    ['a range past its total', (p) => (p.range.to = 201), /range\.to: expected an integer > range\.from \(67\) and ≤ the run's total \(200\), received 201/],
    ['an unknown setting', (p) => (p.meta.colour = 'red'), /meta\.colour: expected no setting of this name/],
    ['other metrics', (p) => ((p.metricNames = ['maxHop']), (p.samples = { maxHop: p.samples.reached })), /metricNames: expected 1 metrics \(reached\), received 1 \(maxHop\)/],
    ['another version', (p) => (p.version = '0.0.9'), /was made by hearsay 0\.0\.9/],
    ['another seed', (p) => ((p.seed = '12'), (p.meta.seed = 12)), /was run with seed "12"/],
    ['a library part', (p) => ((p.kind = 'replicates'), delete p.meta), /kind: expected "spread", "compare", "run", "sweep"/],
    ['no meta', (p) => delete p.meta, /meta: expected the settings of the spread run/],
  ])('%s', (_, mutate, message) => {
    const b = read(shared.parts[1]!);
    mutate(b);
    const bad = write(b);
    refusedHere(() => mergeFiles([shared.parts[0]!, bad, shared.parts[2]!], { json: true }), message);
    refusedHere(() => mergeFiles([shared.parts[0]!, bad, shared.parts[2]!], { json: true }), new RegExp(bad));
  });

  it('a missing shard and a duplicated one', () => {
    refusedHere(() => mergeFiles(shared.parts.slice(0, 2), { json: true }), /replicates 134:200 of the run's 200 are missing/);
    refusedHere(() => mergeFiles([...shared.parts, shared.parts[1]!], { json: true }), /overlaps/);
  });
});

// A scenario small enough for a test: 2,000 people, 30 replicates.
const scenario = join(tmp, 'shop.yaml');
writeFileSync(
  scenario,
  `name: shop with a fee
seed: 3
replicates: 30
currency: EUR
network: { generator: groups, size: 2000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001 }
roles: { customers: 0.3, prospects: 0.3 }
incidents: { count: 20, amount: 300 }
economics: { margin: 500 }
policies:
  - { name: fee, decision: refuse-with-fee, fee: 150 }
  - { name: repair, decision: repair-or-replace }
  - { name: refund, decision: full-refund }
baseline: repair
`,
);

describe('compare --shard and merge', () => {
  const args = ['compare', scenario, '--quiet', '--seed', 'text seed', '--replicates', '25'];
  const parts: string[] = [];
  beforeAll(() => {
    for (const i of [0, 1, 2]) parts.push(file(ok([...args, '--shard', `${i}/3`, '--workers', String(i % 2)])));
  });

  it('merged shards print exactly what compare prints, in every format', () => {
    expect(read(parts[0]!)).toMatchObject({ kind: 'compare', total: 25, shard: { index: 0, count: 3 }, meta: { seed: 'text seed', format: 'md', limits: {} } });
    expect(read(parts[0]!).meta.scenario.name).toBe('shop with a fee');
    expect(ok(['merge', ...parts])).toBe(ok(args));
    for (const format of ['json', 'csv'] as const) expect(mergeFiles(parts, { format })).toBe(ok([...args, '--format', format]));
  });

  it('--shard auto reads a Slurm array; the parts print in the format they were run with', () => {
    const env = (i: number) => ({ SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '1', SLURM_ARRAY_TASK_COUNT: '2', SLURM_ARRAY_TASK_STEP: '1' });
    const auto = [0, 1].map((i) => file(ok(['compare', scenario, '--quiet', '--format', 'json', '--shard', 'auto'], env(i))));
    expect(read(auto[1]!)).toMatchObject({ total: 30, shard: { index: 1, count: 2 }, meta: { seed: 3, format: 'json' } });
    expect(mergeFiles(auto, {})).toBe(ok(['compare', scenario, '--quiet', '--format', 'json']));
  });

  it('refuses parts of another scenario or format, a mangled scenario, spread flags, and a mix with spread parts', () => {
    const changed = (change: (p: Record<string, any>) => void) => {
      const p = read(parts[1]!);
      change(p);
      return write(p);
    };
    const renamed = changed((p) => (p.meta.scenario.name = 'another shop'));
    refusedHere(() => mergeFiles([parts[0]!, renamed, parts[2]!], {}), new RegExp(`${renamed} was run with a different scenario, seed, format or limits`));
    const json = changed((p) => (p.meta.format = 'json'));
    refusedHere(() => mergeFiles([parts[0]!, json, parts[2]!], {}), /was run with a different scenario, seed, format or limits/);
    const mangled = changed((p) => (p.meta.scenario.policies[0].fee = -5));
    refusedHere(() => mergeFiles([parts[0]!, mangled, parts[2]!], {}), new RegExp(`${mangled} \\(its scenario\\).*policies\\[0\\]\\.fee: expected a number ≥ 0 and ≤ 1e12, received -5`, 's'));
    const fewer = changed((p) => (p.meta.scenario.policies = p.meta.scenario.policies.slice(0, 2)));
    refusedHere(() => mergeFiles([parts[0]!, fewer, parts[2]!], {}), /metricNames: expected \d+ metrics \(fee:/);
    const format = changed((p) => (p.meta.format = 'html'));
    refusedHere(() => mergeFiles([parts[0]!, format, parts[2]!], {}), /meta\.format: expected "md", "csv" or "json", received "html"/);
    const limits = changed((p) => (p.meta.limits = { maxReplicates: 10 }));
    refusedHere(() => mergeFiles([parts[0]!, limits, parts[2]!], {}), /total: expected the run's replicates, at most 10, received 25/);
    refusedHere(() => mergeFiles(parts, { json: true }), /--json, --samples, --timing: for spread parts/);
    refusedHere(() => mergeFiles([parts[0]!, shared.parts[1]!], {}), new RegExp(`${shared.parts[1]} is a partial result of spread, ${parts[0]} of compare`));
    expect(() => mergeFiles([parts[0]!, renamed], {})).toThrow(MergeError);
  });
});
