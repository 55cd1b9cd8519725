/**
 * The replicate runner: R replicates from one seed, replicate i on the stream
 * `replicateRng(seed, i)` alone, so the numbers are identical however the replicates
 * are chunked, interleaved or spread over workers and machines.
 */
import { AbortError, InvalidParameterError } from '../errors.js';
import { replicateRng, seedKey, type Rng, type Seed } from '../random/rng.js';
import { requireInteger } from '../validate.js';
import { asSampleArray, type SampleArray } from './samples.js';
import { summarize, type MetricSummary } from './summary.js';

/** The part of the standard AbortSignal the runner reads (any AbortSignal fits). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/**
 * Anything that fills one replicate's metric row from that replicate's stream. Runners pass
 * the replicate's index too, for kernels whose replicates differ by more than their stream
 * (the uncertainty kernel: replicate j is parameter draw j).
 */
export interface ReplicateKernel {
  readonly metricNames: readonly string[];
  run(rng: Rng, out: Float64Array, replicate?: number): void;
}

/** A range of replicate indices [from, to). */
export interface ReplicateRange {
  readonly from: number;
  readonly to: number;
}

export interface MonteCarloOptions {
  readonly seed: Seed;
  /** A count R (replicates 0 … R−1) or a range `{ from, to }` (for splitting a study). */
  readonly replicates: number | ReplicateRange;
  /** Keep every replicate's value of every metric (default false). */
  readonly samples?: boolean;
  /** Called now and then with (done, total); and once at the end. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignalLike;
}

/**
 * A run's summaries (and samples, when kept). Serialises cleanly: `JSON.stringify(result)`
 * writes samples as plain arrays, `JSON.stringify(result, withoutSamples)` leaves them out.
 */
export interface MonteCarloResult {
  /** The seed as given: 42 stays the number 42, "abc" the text "abc" (42 and "42" name the same streams). */
  readonly seed: Seed;
  readonly range: ReplicateRange;
  readonly replicates: number;
  readonly metricNames: readonly string[];
  readonly summary: Readonly<Record<string, MetricSummary>>;
  /**
   * Per-metric samples in replicate order, when asked for: Float64Arrays that JSON writes
   * as plain arrays ({@link SampleArray}).
   */
  readonly samples?: Readonly<Record<string, SampleArray>>;
  /** Wall time of the replicates, in milliseconds. */
  readonly elapsedMs: number;
}

export function resolveRange(replicates: number | ReplicateRange, field = 'replicates'): ReplicateRange {
  if (typeof replicates === 'number') {
    requireInteger(field, replicates, 1, 1e9);
    return { from: 0, to: replicates };
  }
  if (typeof replicates !== 'object' || replicates === null) {
    throw new InvalidParameterError(field, 'a count ≥ 1 or a range { from, to }', replicates);
  }
  const from = requireInteger(`${field}.from`, replicates.from, 0, 1e9);
  const to = requireInteger(`${field}.to`, replicates.to, 0, 1e9);
  if (to <= from) throw new InvalidParameterError(`${field}.to`, `an index > from (${from})`, to);
  return { from, to };
}

/** Runs replicates [from, to) into columns (one Float64Array per metric, indexed from 0). */
export function runChunk(
  kernel: ReplicateKernel,
  seed: Seed,
  from: number,
  to: number,
  columns: Float64Array[],
  offset: number,
  row: Float64Array,
): void {
  const m = kernel.metricNames.length;
  for (let i = from; i < to; i++) {
    kernel.run(replicateRng(seed, i), row, i);
    for (let j = 0; j < m; j++) {
      const v = row[j]!;
      if (!Number.isFinite(v)) {
        throw new InvalidParameterError(`replicate ${i}: ${kernel.metricNames[j]}`, 'a finite number', v);
      }
      columns[j]![i - offset] = v;
    }
  }
}

/**
 * Assembles a result from per-metric columns in replicate order (replicate range.from
 * first). Every runner — single-threaded, workers, merged partials — ends here, so the
 * same samples give bit-identical summaries.
 */
export function resultFromColumns(
  metricNames: readonly string[],
  seed: Seed,
  range: ReplicateRange,
  columns: readonly Float64Array[],
  keepSamples: boolean,
  elapsedMs: number,
): MonteCarloResult {
  seedKey(seed);
  const summary: Record<string, MetricSummary> = {};
  const samples: Record<string, SampleArray> = {};
  metricNames.forEach((name, j) => {
    summary[name] = summarize(columns[j]!, name);
    if (keepSamples) samples[name] = asSampleArray(columns[j]!);
  });
  return {
    seed,
    range,
    replicates: range.to - range.from,
    metricNames,
    summary,
    ...(keepSamples ? { samples } : {}),
    elapsedMs,
  };
}

function checkAbort(signal: AbortSignalLike | undefined, done: number): void {
  if (signal?.aborted) throw new AbortError(`the run was aborted after ${done} replicates`);
}

/**
 * Runs the replicates synchronously. An AbortSignal is checked between replicates
 * (useful when it is aborted from `onProgress`); use {@link runReplicates} to let timers
 * and other events abort a long run.
 */
export function runReplicatesSync(kernel: ReplicateKernel, options: MonteCarloOptions): MonteCarloResult {
  seedKey(options.seed);
  const range = resolveRange(options.replicates);
  const total = range.to - range.from;
  const columns = kernel.metricNames.map(() => new Float64Array(total));
  const row = new Float64Array(kernel.metricNames.length);
  const started = Date.now();
  let lastReport = started;
  for (let i = range.from; i < range.to; i++) {
    checkAbort(options.signal, i - range.from);
    runChunk(kernel, options.seed, i, i + 1, columns, range.from, row);
    if (options.onProgress !== undefined && Date.now() - lastReport >= 100) {
      lastReport = Date.now();
      options.onProgress(i + 1 - range.from, total);
    }
  }
  options.onProgress?.(total, total);
  return resultFromColumns(kernel.metricNames, options.seed, range, columns, options.samples ?? false, Date.now() - started);
}

/**
 * Runs the replicates, yielding to the event loop about every 50 ms so progress can be
 * drawn and an AbortSignal honoured promptly. Same numbers as {@link runReplicatesSync}.
 */
export async function runReplicates(kernel: ReplicateKernel, options: MonteCarloOptions): Promise<MonteCarloResult> {
  seedKey(options.seed);
  const range = resolveRange(options.replicates);
  const total = range.to - range.from;
  const columns = kernel.metricNames.map(() => new Float64Array(total));
  const row = new Float64Array(kernel.metricNames.length);
  const started = Date.now();
  let i = range.from;
  while (i < range.to) {
    checkAbort(options.signal, i - range.from);
    const sliceStart = Date.now();
    do {
      runChunk(kernel, options.seed, i, i + 1, columns, range.from, row);
      i++;
    } while (i < range.to && Date.now() - sliceStart < 50);
    options.onProgress?.(i - range.from, total);
    if (i < range.to) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return resultFromColumns(kernel.metricNames, options.seed, range, columns, options.samples ?? false, Date.now() - started);
}
