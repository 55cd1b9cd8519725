// `run --shard` and `sweep --shard` with `hearsay merge`, and the sections of a run on
// worker threads. A merge of N parts must be the whole run, byte for byte: the report's
// every file (run), the rows (sweep), for N = 1, 2, 3 and a count that does not divide the
// total; the shards must cover every replicate (every sweep step) exactly once; parts
// that are missing, repeated or from another run are refused, naming the file and what
// differs. Run parts are made in this process (this thread, --workers 0: a subprocess
// costs seconds on a loaded machine); the CLI's wiring, the sweep and the worker counts
// (--workers 1 vs 2: the same bytes) run the built CLI as subprocesses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeFiles } from '../../src/cli/merge.js';
import { pooledRunner } from '../../src/cli/run.js';
import { runPartial } from '../../src/cli/run-shard.js';
import { formatComparison, runOutput } from '../../src/cli/scenario.js';
import { comparePartial } from '../../src/cli/compare-shard.js';
import { HearsayError } from '../../src/errors.js';
import { readScenario } from '../../src/scenario-file/parse.js';
import { runScenarioAsync, type RunScenarioOptions } from '../../src/scenario-file/run.js';
import type { ScenarioFile } from '../../src/scenario-file/schema.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const fixture = join(root, 'tests/fixtures/shard-run.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'hearsay-shard-run-'));
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLURM_|JOB_COMPLETION_INDEX|AWS_BATCH_)/.test(k)));

function ok(args: string[]): string {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root, env: cleanEnv });
  if (r.status !== 0) throw new Error(`hearsay ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

let n = 0;
function write(text: string): string {
  const path = join(tmp, `part-${n++}.json`);
  writeFileSync(path, text);
  return path;
}
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;

/** Every file under a folder, by relative path, with its bytes. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

const file: ScenarioFile = readScenario(readFileSync(fixture, 'utf8'), fixture);
const runner = pooledRunner(0);
const base = (extra: Partial<RunScenarioOptions> = {}) => ({ source: fixture, runReplicates: runner.run, ...extra });

async function parts(count: number, extra: Partial<RunScenarioOptions> = {}, format: 'json' | 'md' = 'json'): Promise<string[]> {
  const out: string[] = [];
  for (let index = 0; index < count; index++) out.push(write(await runPartial(file, base(extra), { index, count }, { format })));
  return out;
}

function refused(run: () => unknown, message: RegExp) {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HearsayError);
  expect((error as Error).message).toMatch(message);
}

describe('run --shard and merge: the same report as one machine', () => {
  const whole: { json: string; md: string; outDir: string; outText: string } = { json: '', md: '', outDir: '', outText: '' };
  const byCount = new Map<number, string[]>();

  beforeAll(async () => {
    const run = await runScenarioAsync(file, base());
    whole.json = runOutput(run, undefined, 'json');
    whole.md = runOutput(run, undefined, 'md');
    whole.outDir = join(tmp, 'whole');
    whole.outText = runOutput(run, whole.outDir, 'md');
    // 12 replicates and a 6-month projection of 12: 5 shards do not divide them.
    for (const count of [1, 2, 3, 5]) byCount.set(count, await parts(count));
  }, 600_000);

  it('N parts merged (N = 1, 2, 3, 5) print exactly the whole run, in any order of the files', () => {
    for (const [count, files] of byCount) {
      expect(mergeFiles(files, {}), `${count} parts`).toBe(whole.json);
      expect(mergeFiles([...files].reverse(), { format: 'md' }), `${count} parts, reversed, md`).toBe(whole.md);
    }
  });

  it('merge --out writes the same report files, byte for byte', () => {
    for (const [count, files] of byCount) {
      const dir = join(tmp, `merged-${count}`);
      const text = mergeFiles(files, { out: dir });
      expect(text.replaceAll(dir, whole.outDir), `${count} parts`).toBe(whole.outText);
      const merged = tree(dir);
      const expected = tree(whole.outDir);
      expect(Object.keys(merged).sort()).toEqual(Object.keys(expected).sort());
      for (const name of Object.keys(expected)) expect(merged[name], `${count} parts: ${name}`).toBe(expected[name]);
    }
  });

  it('the shards cover every replicate of the comparison and of the projection exactly once; break-even on the first, sensitivity on the last', () => {
    for (const [count, files] of byCount) {
      const ps = files.map(read);
      const covered = (ranges: Array<{ from: number; to: number }>) => ranges.flatMap((r) => Array.from({ length: r.to - r.from }, (_, i) => r.from + i));
      expect(covered(ps.map((p) => p.range))).toEqual(Array.from({ length: 12 }, (_, i) => i));
      expect(covered(ps.map((p) => p.meta.sections.projection.part.range))).toEqual(Array.from({ length: 12 }, (_, i) => i));
      // Balanced: sizes differ by at most one.
      const sizes = ps.map((p) => p.range.to - p.range.from);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(ps.map((p) => p.meta.sections.breakEven !== undefined)).toEqual(ps.map((_, i) => i === 0));
      expect(ps.map((p) => p.meta.sections.sensitivity !== undefined)).toEqual(ps.map((_, i) => i === count - 1));
    }
  });

  it('refuses a missing part, a repeated part, parts of runs with another seed or scenario, and a part stripped of its section', async () => {
    const [a, b, c] = byCount.get(3)!;
    refused(() => mergeFiles([a!, c!], {}), /gap|missing|cover/i);
    refused(() => mergeFiles([a!, b!, b!, c!], {}), /overlap|twice|more than once/i);
    // Another seed: the same shard of another run (the fixture's network has a seed of its own, so only the run's seed differs).
    const otherSeed = write(await runPartial(file, base({ seed: 17 }), { index: 1, count: 3 }, { format: 'json' }));
    refused(() => mergeFiles([a!, otherSeed, c!], {}), /seed/);
    // Another scenario (another margin): the same network and shard, different settings.
    const changed = read(b!);
    changed.meta.scenario.economics.margin = 900;
    refused(() => mergeFiles([a!, write(JSON.stringify(changed)), c!], {}), /different scenario/);
    // Another version.
    const older = read(b!);
    older.version = '0.0.1';
    refused(() => mergeFiles([a!, write(JSON.stringify(older)), c!], {}), /version/);
    // The break-even removed from the first shard.
    const stripped = read(a!);
    delete stripped.meta.sections.breakEven;
    refused(() => mergeFiles([write(JSON.stringify(stripped)), b!, c!], {}), /meta\.sections\.breakEven: expected the breakEven/);
    // A sensitivity where the scenario's last shard is not.
    const extra = read(a!);
    extra.meta.sections.sensitivity = read(c!).meta.sections.sensitivity;
    refused(() => mergeFiles([write(JSON.stringify(extra)), b!, c!], {}), /meta\.sections\.sensitivity: expected no sensitivity/);
    // A projection part of another shard.
    const swapped = read(a!);
    swapped.meta.sections.projection.part = read(b!).meta.sections.projection.part;
    refused(() => mergeFiles([write(JSON.stringify(swapped)), b!, c!], {}), /projection\.part\.shard: expected shard 0 of 3/);
    // Run parts and compare parts do not mix.
    const compare = read(a!);
    compare.kind = 'compare';
    refused(() => mergeFiles([write(JSON.stringify(compare)), b!, c!], {}), /partial result of (run|compare)/);
  });

  it('with parameter uncertainty: the draws split, merged = one machine (22 draws in 3 parts)', async () => {
    const psa = { uncertainty: true, draws: 22, replicatesPerDraw: 1 } as const;
    const run = await runScenarioAsync(file, base(psa));
    const files = await parts(3, psa);
    expect(read(files[0]!).total).toBe(run.uncertainty!.draws);
    expect(mergeFiles(files, {})).toBe(runOutput(run, undefined, 'json'));
    expect(mergeFiles(files, { format: 'csv' })).toBe(runOutput(run, undefined, 'csv'));
  }, 600_000);
});

describe('compare --shard --uncertainty', () => {
  // The parts' metric names are the uncertainty kernel's, whose parameter columns follow
  // the sections' order, not the file's: here the file lists economics before policies and
  // the defaults placed by --uncertainty fall in between (this merge was refused before).
  it("parts of a PSA with the built-in defaults merge to one machine's comparison", async () => {
    const psa = { uncertainty: true, draws: 22, replicatesPerDraw: 1 } as const;
    const run = await runScenarioAsync(file, base(psa));
    const files: string[] = [];
    for (let index = 0; index < 2; index++) files.push(write(await comparePartial(file, base(psa), { index, count: 2 }, { format: 'json' })));
    expect(mergeFiles(files, {})).toBe(formatComparison(run, 'json'));
  }, 600_000);
});

describe('the CLI: run --shard, sweep --shard, merge, and worker counts', () => {
  const args = (extra: string[]) => ['run', fixture, '--quiet', '--format', 'json', ...extra];

  it('run --shard I/N through the CLI (one shard on 2 worker threads) merges to run on 1 or 2 worker threads, byte for byte', () => {
    const one = ok(args(['--workers', '1']));
    const two = ok(args(['--workers', '2']));
    expect(two).toBe(one);
    const files = [0, 1].map((i) => write(ok(args(['--shard', `${i}/2`, '--workers', i === 0 ? '2' : '0']))));
    expect(ok(['merge', ...files])).toBe(one);
  }, 300_000);

  it('sweep --shard splits the steps (5 steps in 1, 2 and 3 parts); merged = the whole sweep on 1 or 2 worker threads', () => {
    const sweep = ['sweep', fixture, '--parameter', 'policies[0].fee', '--from', '0', '--to', '400', '--steps', '5', '--quiet'];
    const one = ok([...sweep, '--workers', '1']);
    expect(ok([...sweep, '--workers', '2'])).toBe(one);
    for (const count of [1, 2, 3]) {
      const files = Array.from({ length: count }, (_, i) => write(ok([...sweep, '--workers', '0', '--shard', `${i}/${count}`])));
      const steps = files.map(read).flatMap((p) => p.samples.step as number[]);
      expect(steps, `${count} parts cover every step once`).toEqual([0, 1, 2, 3, 4]);
      expect(ok(['merge', ...files.reverse()]), `${count} parts`).toBe(one);
    }
    const [a, b] = [0, 1].map((i) => write(ok([...sweep, '--workers', '0', '--shard', `${i}/2`])));
    refused(() => mergeFiles([a!], {}), /gap|missing|cover/i);
    const other = write(ok([...sweep.map((x) => (x === '400' ? '500' : x)), '--workers', '0', '--shard', '1/2']));
    refused(() => mergeFiles([a!, other], {}), /different|fingerprint/);
    const seeded = write(ok([...sweep, '--workers', '0', '--seed', '99', '--shard', '1/2']));
    refused(() => mergeFiles([a!, seeded], {}), /seed "99"/);
    expect(mergeFiles([b!, a!], {})).toBe(one);
  }, 600_000);
});
