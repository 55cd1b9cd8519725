// Partial results and mergeResults: shards merged through JSON are the whole run to the
// bit; every part is checked in full; anything malformed is a MergeError naming the part
// and the field — never a TypeError or RangeError (fuzzed with truncated and mutated parts).
import { describe, expect, it } from 'vitest';
import {
  MergeError,
  PARTIAL_FORMAT,
  assignRoles,
  buildKernel,
  checkPartial,
  createRng,
  erdosRenyiGnm,
  mergeResults,
  runFingerprint,
  runReplicatesSync,
  shardRange,
  toPartialResult,
  type KernelSpec,
  type MonteCarloResult,
  type PartialResult,
} from '../../src/index.js';
import { VERSION } from '../../src/version.js';

const network = assignRoles(erdosRenyiGnm({ size: 400, edges: 900, seed: 1 }), { customers: 0.3, prospects: 0.4 }, 2);
const spec: KernelSpec = { kind: 'independent-cascade', options: { probability: 0.4, tellers: { count: 2 } } };
const fingerprint = runFingerprint(network, spec);
const kernel = buildKernel(network, spec);

function bytes(result: MonteCarloResult): string[] {
  return result.metricNames.map((m) => Buffer.from(result.samples![m]!.buffer).toString('hex'));
}

/** Shard i of n of a run of `total` replicates, through JSON as between machines. */
function shard(i: number, n: number, total: number, seed: number | string = 7, extra: Partial<Parameters<typeof toPartialResult>[1]> = {}): PartialResult {
  const range = shardRange(total, i, n);
  const result = runReplicatesSync(kernel, { seed, replicates: range, samples: true });
  return JSON.parse(JSON.stringify(toPartialResult(result, { fingerprint, version: VERSION, kind: 'spread', total, shard: { index: i, count: n }, ...extra })));
}

describe('partial results', () => {
  it('shards merged in any order are the whole run, to the bit', () => {
    const whole = runReplicatesSync(kernel, { seed: 7, replicates: 23, samples: true });
    for (const n of [1, 2, 5, 23]) {
      const parts = Array.from({ length: n }, (_, i) => shard(i, n, 23)).reverse();
      const merged = mergeResults(parts, { samples: true });
      expect(merged.range).toEqual({ from: 0, to: 23 });
      expect(bytes(merged)).toEqual(bytes(whole));
      expect(merged.summary).toEqual(whole.summary);
      expect(merged.kind).toBe('spread');
      expect(merged.fingerprint).toBe(fingerprint);
    }
  });

  it('carry no timing unless asked: the same inputs give the same bytes', () => {
    const a = JSON.stringify(shard(1, 3, 30));
    const b = JSON.stringify(shard(1, 3, 30));
    expect(a).toBe(b);
    expect(JSON.parse(a)).not.toHaveProperty('elapsedMs');
    expect(mergeResults([0, 1, 2].map((i) => shard(i, 3, 30))).timed).toBe(false);
    const timed = [0, 1, 2].map((i) => shard(i, 3, 30, 7, { elapsed: true }));
    expect(timed[0]!.elapsedMs).toBeGreaterThanOrEqual(0);
    const merged = mergeResults(timed);
    expect(merged.timed).toBe(true);
    expect(merged.elapsedMs).toBe(timed.reduce((s, p) => s + p.elapsedMs!, 0));
  });

  it('keep only the metrics asked for', () => {
    const p = shard(0, 2, 10, 7, { metrics: ['reached'] });
    expect(p.metricNames).toEqual(['reached']);
    expect(Object.keys(p.samples)).toEqual(['reached']);
    const merged = mergeResults([p, shard(1, 2, 10, 7, { metrics: ['reached'] })]);
    expect(merged.summary.reached).toEqual(runReplicatesSync(kernel, { seed: 7, replicates: 10 }).summary.reached);
  });

  it('toPartialResult refuses a shard whose range is not its share', () => {
    const result = runReplicatesSync(kernel, { seed: 7, replicates: { from: 0, to: 4 }, samples: true });
    expect(() => toPartialResult(result, { fingerprint, version: VERSION, total: 10, shard: { index: 0, count: 2 } })).toThrow(/result\.range: expected 0:5, shard 0 of 2, received "0:4"/);
    expect(() => toPartialResult(result, { fingerprint, version: VERSION, total: 3 })).toThrow(/options\.total/);
    expect(() => toPartialResult(result, { fingerprint, version: VERSION, metrics: ['nope'] })).toThrow(/options\.metrics/);
  });
});

describe('mergeResults refuses what is not one whole run', () => {
  it('a missing first or last shard, though the rest is contiguous', () => {
    const parts = [0, 1, 2, 3].map((i) => shard(i, 4, 20));
    expect(() => mergeResults(parts.slice(1))).toThrow(/replicates 0:5 of the run's 20 are missing: no part starts at replicate 0/);
    expect(() => mergeResults(parts.slice(0, 3))).toThrow(/replicates 15:20 of the run's 20 are missing/);
    expect(() => mergeResults([parts[0]!, parts[2]!, parts[3]!])).toThrow(/replicates 5:10 are missing between part 1 \(replicates 0:5\) and part 2 \(replicates 10:15\)/);
    expect(() => mergeResults([parts[0]!, parts[1]!, parts[1]!, parts[2]!, parts[3]!])).toThrow(/overlaps/);
  });

  it('shards of runs of different totals or counts, and other kinds', () => {
    expect(() => mergeResults([shard(0, 2, 20), shard(1, 2, 21)])).toThrow(/part 2 \(replicates 11:21\) is part of a run of 21 replicates, part 1 \(replicates 0:10\) of a run of 20 replicates/);
    expect(() => mergeResults([shard(0, 2, 20), shard(1, 4, 20), shard(2, 4, 20), shard(3, 4, 20)])).toThrow(/one of 4 shards, part 1 \(replicates 0:10\) one of 2/);
    expect(() => mergeResults([shard(0, 2, 20), { ...shard(1, 2, 20), kind: 'compare' }])).toThrow(/is a partial result of compare, part 1 \(replicates 0:10\) of spread/);
  });

  it('names the part by its label', () => {
    const parts = [shard(0, 2, 20), { ...shard(1, 2, 20), fingerprint: 'nothex' }];
    expect(() => mergeResults(parts, { labels: ['a.json', 'b.json'] })).toThrow(/^b\.json: fingerprint: expected 16 hex digits, received "nothex"$/);
  });

  it.each<[string, (p: Record<string, any>) => void, RegExp]>([
    ['an old format', (p) => (p.format = 'hearsay-partial/1'), /format: expected a partial result of format "hearsay-partial\/2"/],
    ['no range', (p) => delete p.range, /range: expected an object \{ from, to \}, received undefined/],
    ['a negative start', (p) => (p.range.from = -1), /range\.from: expected an integer between 0/],
    ['a fractional end', (p) => (p.range.to = 9.5), /range\.to: expected an integer > range\.from \(0\) and ≤ the run's total \(20\), received 9\.5/],
    ['an end past the total', (p) => (p.range.to = 21), /range\.to/],
    ['an empty range', (p) => (p.range.to = 0), /range\.to/],
    ['a range that is not its shard', (p) => ((p.range.to = 9), p.samples.reached.pop()), /range: expected 0:10 for shard 0 of 2 of 20 replicates, received "0:9"/],
    ['a sample that is text', (p) => (p.samples.reached[3] = '5'), /samples\.reached\[3\]: expected a finite number of magnitude at most 1e\+100, received "5"/],
    ['a null sample (NaN in JSON)', (p) => (p.samples.reached[0] = null), /samples\.reached\[0\]: expected a finite number of magnitude at most 1e\+100, received null/],
    ['a sample whose square overflows', (p) => (p.samples.reached[1] = -1e300), /samples\.reached\[1\]: expected a finite number of magnitude at most 1e\+100, received -1e\+300/],
    ['too few samples', (p) => p.samples.reached.pop(), /samples\.reached: expected 10 samples \(replicates 0:10\), received an array of length 9/],
    ['a metric without samples', (p) => delete p.samples.maxHop, /samples\.maxHop: expected 10 samples/],
    ['samples of an unnamed metric', (p) => (p.samples.extra = []), /samples\.extra: expected only the metrics in metricNames/],
    ['a repeated metric name', (p) => p.metricNames.push('reached'), /metricNames\[\d+\]: expected names that differ/],
    ['__proto__ as a metric', (p) => (p.metricNames[0] = '__proto__'), /metricNames\[0\]: expected a metric name/],
    ['an unknown field', (p) => (p.owner = 'me'), /owner: expected no field of this name/],
    ['a seed that is a number', (p) => (p.seed = 7), /seed: expected a seed/],
    ['a negative elapsed time', (p) => (p.elapsedMs = -1), /elapsedMs/],
    ['a shard without its total', (p) => delete p.total, /total: expected the total of the run/],
  ])('%s', (_, mutate, message) => {
    const bad = shard(0, 2, 20) as unknown as Record<string, any>;
    mutate(bad);
    const run = () => mergeResults([bad, shard(1, 2, 20)]);
    expect(run).toThrow(MergeError);
    expect(run).toThrow(message);
  });

  it('not a list, an empty list, not an object', () => {
    for (const input of [undefined, null, 5, 'x', {}, []]) {
      expect(() => mergeResults(input as never)).toThrow(MergeError);
    }
    for (const part of [null, 5, 'x', [], [1, 2], true]) {
      expect(() => mergeResults([part])).toThrow(/^part 1: expected a partial result/);
    }
  });
});

// Fuzzing: every field of a valid part replaced by each of a list of wrong values, every
// array truncated, then 3,000 random mutations anywhere in the tree (seeded, so a failure
// reproduces). Whatever happens, mergeResults either merges (a harmless change, such as
// dropping an optional field) or throws a MergeError: never a TypeError or RangeError,
// never a result with a non-finite number in it.
describe('mergeResults fuzzed', () => {
  const WRONG: unknown[] = [undefined, null, true, 0, -1, 1.5, 2 ** 53, 1e300, Number.NaN, Infinity, '', 'x', '7', [], [0], {}, { from: 0 }, { length: 3 }];
  const base = () => [0, 1, 2].map((i) => shard(i, 3, 12, 'fuzz', { metrics: ['reached', 'maxHop'] })) as unknown as Array<Record<string, any>>;

  function outcome(parts: unknown[]): 'merged' | 'refused' {
    try {
      const r = mergeResults(parts, { samples: true });
      for (const s of Object.values(r.summary)) {
        for (const v of Object.values(s)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      }
      return 'merged';
    } catch (error) {
      if (!(error instanceof MergeError)) throw new Error(`not a MergeError: ${String(error)}`);
      return 'refused';
    }
  }

  /** Every [holder, key] in a part's tree. */
  function slots(node: unknown, out: Array<[Record<string, unknown> | unknown[], string | number]> = []) {
    if (typeof node !== 'object' || node === null) return out;
    for (const key of Object.keys(node)) {
      const k = Array.isArray(node) ? Number(key) : key;
      out.push([node as never, k]);
      slots((node as Record<string, unknown>)[key], out);
    }
    return out;
  }

  it('every field, every wrong value, every truncation', () => {
    let refused = 0;
    const count = slots(base()[1]).length;
    for (let s = 0; s < count; s++) {
      for (const wrong of [...WRONG, 'delete', 'truncate']) {
        const parts = base();
        const [holder, key] = slots(parts[1])[s]!;
        const old = (holder as Record<string, unknown>)[key as string];
        if (wrong === 'delete') delete (holder as Record<string, unknown>)[key as string];
        else if (wrong === 'truncate') {
          if (!Array.isArray(old)) continue;
          old.length = Math.floor(old.length / 2);
        } else (holder as Record<string, unknown>)[key as string] = wrong;
        if (outcome(parts) === 'refused') refused++;
      }
    }
    expect(refused).toBeGreaterThan(count * 10);
  });

  it('3,000 random mutations anywhere in one or two parts', () => {
    const rng = createRng('merge-fuzz');
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
    const outcomes = { merged: 0, refused: 0 };
    for (let round = 0; round < 3000; round++) {
      const parts = base();
      const touched = rng.next() < 0.3 ? 2 : 1;
      for (let t = 0; t < touched; t++) {
        const part = pick(parts);
        const [holder, key] = pick(slots(part));
        const r = rng.next();
        if (r < 0.15) delete (holder as Record<string, unknown>)[key as string];
        else if (r < 0.25 && Array.isArray(holder)) holder.length = Math.floor(rng.next() * holder.length);
        else if (r < 0.35) (holder as Record<string, unknown>)[key as string] = structuredClone(parts[(parts.indexOf(part) + 1) % 3]![pick(Object.keys(part))]);
        else (holder as Record<string, unknown>)[key as string] = pick(WRONG);
      }
      if (rng.next() < 0.1) parts.splice(Math.floor(rng.next() * 3), 1);
      outcomes[outcome(parts)]++;
    }
    expect(outcomes.refused).toBeGreaterThan(2000);
  });

  it('a valid part passes checkPartial unchanged', () => {
    const p = base()[0]!;
    expect(checkPartial(p)).toBe(p);
    expect(p.format).toBe(PARTIAL_FORMAT);
  });
});
