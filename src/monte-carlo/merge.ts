/**
 * Splitting a study across machines: each machine runs a range of replicates (by hand, or
 * one shard of a job array, see shards.ts) and writes a partial result — every sample of
 * the metrics the merge needs; `mergeResults` checks every part in full, checks that the
 * parts come from the same run and together cover one contiguous range (the whole run,
 * when they know its total), and rebuilds exactly the result one machine would have
 * produced for the whole range.
 *
 * The format is documented in docs/partial-results.md. A part is plain JSON: it may
 * have been written by another machine, another person or a broken disk, so nothing in
 * it is trusted before it is checked, and every problem is a {@link MergeError} naming
 * the part and the field.
 */
import { InvalidParameterError, MergeError, describeValue } from '../errors.js';
import { seedKey } from '../random/rng.js';
import { resultFromColumns, type MonteCarloResult, type ReplicateRange } from './runner.js';
import { MAX_REPLICATES, shardRange, type Shard } from './shards.js';

export const PARTIAL_FORMAT = 'hearsay-partial/2';

/**
 * One machine's share of a study, as JSON-ready data.
 *
 * `kind` says what was split, and so what `meta` holds and how a merge is printed:
 * `replicates` (a library run of any kernel), `spread` and `compare` (the CLI commands).
 * Later kinds (`run`, `sweep`, `projection`, `uncertainty`) split other units — report
 * replicates, sweep steps, uncertainty draws — in the same `range`.
 */
export interface PartialResult {
  readonly format: typeof PARTIAL_FORMAT;
  readonly kind: string;
  /** The hearsay version that produced it: parts from different versions do not merge. */
  readonly version: string;
  /** {@link runFingerprint} of the network and kernel spec (16 hex digits). */
  readonly fingerprint: string;
  /** The seed's canonical text ({@link seedKey}): `42` and `"42"` are the same seed, written "42". */
  readonly seed: string;
  /** The replicates this part ran, [from, to). */
  readonly range: ReplicateRange;
  /** The whole run's replicate count, when known: the parts must then cover 0 … total−1. */
  readonly total?: number;
  /** Which shard of the run this part is (0-based), when it was run as one. */
  readonly shard?: Shard;
  /** Whatever the producer needs to print the merged run (the CLI keeps its flags here). */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Wall time of this part's replicates; only when asked for, so a part's bytes depend on its inputs alone. */
  readonly elapsedMs?: number;
  readonly metricNames: readonly string[];
  /** Every replicate's value of every metric, in replicate order. */
  readonly samples: Readonly<Record<string, readonly number[]>>;
}

export interface PartialOptions {
  /** {@link runFingerprint} of the network and kernel spec the result was run with. */
  readonly fingerprint: string;
  /** The hearsay version (`VERSION`). */
  readonly version: string;
  /** What was split (default `replicates`). */
  readonly kind?: string;
  /** The whole run's replicate count, so a merge can tell a missing last part. */
  readonly total?: number;
  /** The shard this result is; its range must be `shardRange(total, index, count)`. */
  readonly shard?: Shard;
  /** Keep only these metrics (default: all); a merge gives summaries of these only. */
  readonly metrics?: readonly string[];
  /** Record the wall time (default false: the same inputs give the same bytes). */
  readonly elapsed?: boolean;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * The largest sample magnitude a part may carry: beyond it, squares overflow and a merged
 * standard deviation would be Infinity. Every real metric (people, money) is far below.
 */
export const MAX_SAMPLE_MAGNITUDE = 1e100;

const KIND = /^[a-z][a-z0-9-]{0,39}$/;
const FINGERPRINT = /^[0-9a-f]{16}$/;
const KEYS = new Set(['format', 'kind', 'version', 'fingerprint', 'seed', 'range', 'total', 'shard', 'meta', 'elapsedMs', 'metricNames', 'samples']);

/**
 * Turns a result run with `samples: true` into a partial result.
 *
 * @throws {InvalidParameterError} when the result has no samples, names an unknown
 *   metric, or its range does not fit `total` and `shard`.
 */
export function toPartialResult(result: MonteCarloResult, options: PartialOptions): PartialResult {
  if (result.samples === undefined) {
    throw new InvalidParameterError('result.samples', 'a result run with samples: true', undefined);
  }
  const kind = options.kind ?? 'replicates';
  if (!KIND.test(kind)) throw new InvalidParameterError('options.kind', 'a lower-case word such as "replicates" or "spread"', kind);
  if (!FINGERPRINT.test(options.fingerprint)) throw new InvalidParameterError('options.fingerprint', 'runFingerprint(network, spec): 16 hex digits', options.fingerprint);
  const names = options.metrics ?? result.metricNames;
  for (const name of names) {
    if (!result.metricNames.includes(name)) throw new InvalidParameterError('options.metrics', `metrics of the result (${result.metricNames.join(', ')})`, name);
  }
  const { range } = result;
  if (options.total !== undefined && !(Number.isSafeInteger(options.total) && options.total >= range.to && options.total <= MAX_REPLICATES)) {
    throw new InvalidParameterError('options.total', `an integer ≥ the range's end (${range.to})`, options.total);
  }
  if (options.shard !== undefined) {
    if (options.total === undefined) throw new InvalidParameterError('options.total', 'the total of the run a shard belongs to', undefined);
    const expected = shardRange(options.total, options.shard.index, options.shard.count);
    if (expected.from !== range.from || expected.to !== range.to) {
      throw new InvalidParameterError('result.range', `${expected.from}:${expected.to}, shard ${options.shard.index} of ${options.shard.count}`, `${range.from}:${range.to}`);
    }
  }
  const samples: Record<string, number[]> = {};
  for (const name of names) samples[name] = Array.from(result.samples[name]!);
  return {
    format: PARTIAL_FORMAT,
    kind,
    version: options.version,
    fingerprint: options.fingerprint,
    seed: seedKey(result.seed),
    range: { from: range.from, to: range.to },
    ...(options.total === undefined ? {} : { total: options.total }),
    ...(options.shard === undefined ? {} : { shard: { index: options.shard.index, count: options.shard.count } }),
    ...(options.meta === undefined ? {} : { meta: options.meta }),
    ...(options.elapsed ? { elapsedMs: result.elapsedMs } : {}),
    metricNames: [...names],
    samples,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function isWhole(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/**
 * Checks one partial result in full before anything is read from it — its format,
 * fields, integer range 0 ≤ from < to ≤ total (or 10⁹), shard, metric names and every
 * sample (a finite number, as many as the range holds) — and returns it typed.
 *
 * @param label names the part in messages (a file name; default "part").
 * @throws {MergeError} `label: field: expected …, received …`.
 */
export function checkPartial(value: unknown, label = 'part'): PartialResult {
  const bad = (field: string, expected: string, received: unknown): never => {
    throw new MergeError(`${label}: ${field === '' ? '' : `${field}: `}expected ${expected}, received ${describeValue(received)}`);
  };
  if (!isRecord(value)) bad('', `a partial result (a JSON object with format "${PARTIAL_FORMAT}")`, value);
  const p = value as Record<string, unknown>;
  if (p.format !== PARTIAL_FORMAT) bad('format', `a partial result of format "${PARTIAL_FORMAT}" (as this version of hearsay writes)`, p.format);
  for (const key of Object.keys(p)) if (!KEYS.has(key)) bad(key, 'no field of this name in a partial result', key);
  if (typeof p.kind !== 'string' || !KIND.test(p.kind)) bad('kind', 'a lower-case word such as "spread" or "compare"', p.kind);
  if (typeof p.version !== 'string' || p.version.length === 0 || p.version.length > 100) bad('version', 'a hearsay version such as "0.1.0"', p.version);
  if (typeof p.fingerprint !== 'string' || !FINGERPRINT.test(p.fingerprint)) bad('fingerprint', '16 hex digits', p.fingerprint);
  if (typeof p.seed !== 'string' || p.seed.length === 0) bad('seed', 'a seed (non-empty text)', p.seed);

  const range = p.range;
  if (!isRecord(range)) bad('range', 'an object { from, to }', range);
  const r = range as Record<string, unknown>;
  for (const key of Object.keys(r)) if (key !== 'from' && key !== 'to') bad(`range.${key}`, 'only from and to', key);
  if (!isWhole(r.from, 0, MAX_REPLICATES - 1)) bad('range.from', `an integer between 0 and ${MAX_REPLICATES - 1}`, r.from);
  const from = r.from as number;
  let limit = MAX_REPLICATES;
  if (p.total !== undefined) {
    if (!isWhole(p.total, 1, MAX_REPLICATES)) bad('total', `an integer between 1 and ${MAX_REPLICATES}`, p.total);
    limit = p.total as number;
  }
  if (!isWhole(r.to, from + 1, limit)) {
    bad('range.to', `an integer > range.from (${from}) and ≤ ${p.total === undefined ? MAX_REPLICATES : `the run's total (${limit})`}`, r.to);
  }
  const to = r.to as number;

  if (p.shard !== undefined) {
    if (p.total === undefined) bad('total', 'the total of the run the shard belongs to', p.total);
    const shard = p.shard;
    if (!isRecord(shard)) bad('shard', 'an object { index, count }', shard);
    const s = shard as Record<string, unknown>;
    for (const key of Object.keys(s)) if (key !== 'index' && key !== 'count') bad(`shard.${key}`, 'only index and count', key);
    if (!isWhole(s.count, 1, limit)) bad('shard.count', `an integer between 1 and the run's total (${limit})`, s.count);
    if (!isWhole(s.index, 0, (s.count as number) - 1)) bad('shard.index', `an integer between 0 and ${(s.count as number) - 1}`, s.index);
    const expected = shardRange(limit, s.index as number, s.count as number);
    if (expected.from !== from || expected.to !== to) {
      bad('range', `${expected.from}:${expected.to} for shard ${s.index as number} of ${s.count as number} of ${limit} replicates`, `${from}:${to}`);
    }
  }
  if (p.meta !== undefined && !isRecord(p.meta)) bad('meta', 'an object', p.meta);
  if (p.elapsedMs !== undefined && !(typeof p.elapsedMs === 'number' && Number.isFinite(p.elapsedMs) && p.elapsedMs >= 0)) {
    bad('elapsedMs', 'a number of milliseconds ≥ 0', p.elapsedMs);
  }

  const names = p.metricNames;
  if (!Array.isArray(names) || names.length === 0) bad('metricNames', 'a non-empty list of metric names', names);
  const seen = new Set<string>();
  (names as unknown[]).forEach((name, j) => {
    if (typeof name !== 'string' || name.length === 0 || name === '__proto__') bad(`metricNames[${j}]`, 'a metric name', name);
    if (seen.has(name as string)) bad(`metricNames[${j}]`, 'names that differ', name);
    seen.add(name as string);
  });
  const samples = p.samples;
  if (!isRecord(samples)) bad('samples', 'an object with the samples of every metric', samples);
  const count = to - from;
  for (const key of Object.keys(samples as object)) if (!seen.has(key)) bad(`samples.${key}`, 'only the metrics in metricNames', key);
  for (const name of seen) {
    const column = Object.hasOwn(samples as object, name) ? (samples as Record<string, unknown>)[name] : undefined;
    if (!Array.isArray(column) || column.length !== count) {
      bad(`samples.${name}`, `${count} samples (replicates ${from}:${to})`, column);
    }
    const values = column as unknown[];
    for (let i = 0; i < count; i++) {
      const v = values[i];
      if (typeof v !== 'number' || !(Math.abs(v) <= MAX_SAMPLE_MAGNITUDE)) bad(`samples.${name}[${i}]`, `a finite number of magnitude at most ${MAX_SAMPLE_MAGNITUDE}`, v);
    }
  }
  return value as PartialResult;
}

export interface MergeOptions {
  /** Keep every replicate's values in the merged result (default false). */
  readonly samples?: boolean;
  /** Names for the parts in messages, one per part (file names); default "part 1", "part 2", … */
  readonly labels?: readonly string[];
}

/** The merged run: a result like one machine's, with what the parts agreed on. */
export type MergedResult = MonteCarloResult & {
  readonly kind: string;
  readonly fingerprint: string;
  readonly version: string;
  /** Whether every part recorded its wall time (then `elapsedMs` is their sum, else 0). */
  readonly timed: boolean;
};

/**
 * Combines partial results into the result of one run over their union: the same
 * samples in the same order, so the same summaries to the last bit.
 *
 * @throws {MergeError} for anything that is not a well-formed partial result (naming
 *   the part and the field), and when parts come from different networks, kernels,
 *   seeds, versions or kinds, measure different metrics, belong to runs of different
 *   totals, overlap, or leave a gap.
 */
export function mergeResults(partials: readonly unknown[], options: MergeOptions = {}): MergedResult {
  if (!Array.isArray(partials) || partials.length === 0) {
    throw new MergeError(`expected a non-empty list of partial results, received ${describeValue(partials)}`);
  }
  const labels = options.labels;
  if (labels !== undefined && (!Array.isArray(labels) || labels.length !== partials.length || labels.some((l) => typeof l !== 'string'))) {
    throw new InvalidParameterError('options.labels', `one name per part (${partials.length})`, labels);
  }
  const name = (i: number) => labels?.[i] ?? `part ${i + 1}`;
  const parts = partials.map((p, i) => checkPartial(p, name(i)));
  const describe = (i: number) => `${name(i)} (replicates ${parts[i]!.range.from}:${parts[i]!.range.to})`;
  const first = parts[0]!;
  const firstNames = first.metricNames.join('\u0000');
  parts.forEach((p, i) => {
    if (p.kind !== first.kind) {
      throw new MergeError(`${describe(i)} is a partial result of ${p.kind}, ${describe(0)} of ${first.kind}: only parts of one run can be merged`);
    }
    if (p.fingerprint !== first.fingerprint) {
      throw new MergeError(
        `${describe(i)} comes from a different network or model (fingerprint ${p.fingerprint}, ${describe(0)} has ${first.fingerprint}): only parts of one run can be merged`,
      );
    }
    if (p.seed !== first.seed) {
      throw new MergeError(`${describe(i)} was run with seed ${JSON.stringify(p.seed)}, ${describe(0)} with ${JSON.stringify(first.seed)}: only parts of one run can be merged`);
    }
    if (p.version !== first.version) {
      throw new MergeError(`${describe(i)} was made by hearsay ${p.version}, ${describe(0)} by ${first.version}: rerun the parts with one version`);
    }
    if (p.metricNames.join('\u0000') !== firstNames) {
      throw new MergeError(`${describe(i)} measures different metrics from ${describe(0)}`);
    }
    if (p.total !== first.total) {
      const of = (t: number | undefined) => (t === undefined ? 'a range given by hand' : `a run of ${t} replicates`);
      throw new MergeError(`${describe(i)} is part of ${of(p.total)}, ${describe(0)} of ${of(first.total)}: only parts of one run can be merged`);
    }
    if (p.shard !== undefined && first.shard !== undefined && p.shard.count !== first.shard.count) {
      throw new MergeError(`${describe(i)} is one of ${p.shard.count} shards, ${describe(0)} one of ${first.shard.count}: run every shard with the same count`);
    }
  });
  const order = parts.map((_, i) => i).sort((a, b) => parts[a]!.range.from - parts[b]!.range.from);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const cur = order[k]!;
    if (parts[cur]!.range.from < parts[prev]!.range.to) {
      throw new MergeError(`${describe(cur)} overlaps ${describe(prev)}: each replicate must come from exactly one part`);
    }
    if (parts[cur]!.range.from > parts[prev]!.range.to) {
      throw new MergeError(`replicates ${parts[prev]!.range.to}:${parts[cur]!.range.from} are missing between ${describe(prev)} and ${describe(cur)}`);
    }
  }
  const range = { from: parts[order[0]!]!.range.from, to: parts[order[order.length - 1]!]!.range.to };
  if (first.total !== undefined) {
    if (range.from > 0) throw new MergeError(`replicates 0:${range.from} of the run's ${first.total} are missing: no part starts at replicate 0`);
    if (range.to < first.total) throw new MergeError(`replicates ${range.to}:${first.total} of the run's ${first.total} are missing: no part ends at replicate ${first.total}`);
  }
  const total = range.to - range.from;
  const columns = first.metricNames.map((metric) => {
    const column = new Float64Array(total);
    for (const i of order) column.set(parts[i]!.samples[metric]!, parts[i]!.range.from - range.from);
    return column;
  });
  const timed = parts.every((p) => p.elapsedMs !== undefined);
  const elapsed = timed ? parts.reduce((s, p) => s + p.elapsedMs!, 0) : 0;
  return {
    ...resultFromColumns(first.metricNames, first.seed, range, columns, options.samples ?? false, elapsed),
    kind: first.kind,
    fingerprint: first.fingerprint,
    version: first.version,
    timed,
  };
}
