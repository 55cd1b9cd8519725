/**
 * Splitting a study across machines: each machine runs a range of replicates and writes a
 * partial result (every sample of every metric); `mergeResults` checks that the parts
 * come from the same run and together cover one contiguous range, and rebuilds exactly
 * the result one machine would have produced for the whole range.
 */
import { InvalidParameterError, MergeError } from '../errors.js';
import { seedKey } from '../random/rng.js';
import { resultFromColumns, type MonteCarloResult, type ReplicateRange } from './runner.js';

export const PARTIAL_FORMAT = 'hearsay-partial/1';

/** One machine's share of a study, as JSON-ready data. */
export interface PartialResult {
  readonly format: typeof PARTIAL_FORMAT;
  /** {@link runFingerprint} of the network and kernel spec. */
  readonly fingerprint: string;
  /** The seed's canonical text ({@link seedKey}): the seed 7 is written "7". */
  readonly seed: string;
  readonly range: ReplicateRange;
  readonly metricNames: readonly string[];
  /** Every replicate's value of every metric, in replicate order. */
  readonly samples: Readonly<Record<string, readonly number[]>>;
  readonly elapsedMs: number;
  /** The hearsay version that produced it: parts from different versions do not merge. */
  readonly version: string;
  /** Whatever the producer wants to carry along (the CLI keeps its flags here). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** Turns a result run with `samples: true` into a partial result. */
export function toPartialResult(
  result: MonteCarloResult,
  fingerprint: string,
  version: string,
  meta?: Readonly<Record<string, unknown>>,
): PartialResult {
  if (result.samples === undefined) {
    throw new InvalidParameterError('result.samples', 'a result run with samples: true', undefined);
  }
  const samples: Record<string, number[]> = {};
  for (const name of result.metricNames) samples[name] = Array.from(result.samples[name]!);
  return {
    format: PARTIAL_FORMAT,
    fingerprint,
    seed: seedKey(result.seed),
    range: result.range,
    metricNames: result.metricNames,
    samples,
    elapsedMs: result.elapsedMs,
    version,
    ...(meta === undefined ? {} : { meta }),
  };
}

function describe(p: PartialResult, i: number): string {
  return `part ${i + 1} (replicates ${p?.range?.from}:${p?.range?.to})`;
}

/**
 * Combines partial results into the result of one run over their union.
 * @throws {MergeError} when parts come from different networks, kernels, seeds or
 *   versions, measure different metrics, overlap, or leave a gap.
 */
export function mergeResults(partials: readonly PartialResult[], { samples = false }: { samples?: boolean } = {}): MonteCarloResult & { fingerprint: string } {
  if (!Array.isArray(partials) || partials.length === 0) {
    throw new InvalidParameterError('partials', 'at least one partial result', partials);
  }
  partials.forEach((p, i) => {
    if (p?.format !== PARTIAL_FORMAT) {
      throw new MergeError(`${describe(p, i)}: expected a partial result (format "${PARTIAL_FORMAT}"), received format ${JSON.stringify(p?.format)}`);
    }
  });
  const first = partials[0]!;
  partials.forEach((p, i) => {
    if (p.fingerprint !== first.fingerprint) {
      throw new MergeError(
        `${describe(p, i)} comes from a different network or model (fingerprint ${p.fingerprint}, ${describe(first, 0)} has ${first.fingerprint}): only parts of one run can be merged`,
      );
    }
    if (p.seed !== first.seed) {
      throw new MergeError(`${describe(p, i)} was run with seed ${JSON.stringify(p.seed)}, ${describe(first, 0)} with ${JSON.stringify(first.seed)}: only parts of one run can be merged`);
    }
    if (p.version !== first.version) {
      throw new MergeError(`${describe(p, i)} was made by hearsay ${p.version}, ${describe(first, 0)} by ${first.version}: rerun the parts with one version`);
    }
    if (p.metricNames.join('\u0000') !== first.metricNames.join('\u0000')) {
      throw new MergeError(`${describe(p, i)} measures different metrics from ${describe(first, 0)}`);
    }
  });
  const sorted = partials.map((p, i) => ({ p, i })).sort((a, b) => a.p.range.from - b.p.range.from);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (cur.p.range.from < prev.p.range.to) {
      throw new MergeError(`${describe(cur.p, cur.i)} overlaps ${describe(prev.p, prev.i)}: each replicate must come from exactly one part`);
    }
    if (cur.p.range.from > prev.p.range.to) {
      throw new MergeError(`replicates ${prev.p.range.to}:${cur.p.range.from} are missing between ${describe(prev.p, prev.i)} and ${describe(cur.p, cur.i)}`);
    }
  }
  const range = { from: sorted[0]!.p.range.from, to: sorted[sorted.length - 1]!.p.range.to };
  const total = range.to - range.from;
  const columns = first.metricNames.map((name: string) => {
    const column = new Float64Array(total);
    for (const { p, i } of sorted) {
      const values = p.samples[name];
      const expected = p.range.to - p.range.from;
      if (!Array.isArray(values) || values.length !== expected) {
        throw new MergeError(`${describe(p, i)}: expected ${expected} samples of ${name}, received ${Array.isArray(values) ? values.length : 'none'}`);
      }
      column.set(values, p.range.from - range.from);
    }
    return column;
  });
  const elapsed = partials.reduce((s, p) => s + p.elapsedMs, 0);
  return { ...resultFromColumns(first.metricNames, first.seed, range, columns, samples, elapsed), fingerprint: first.fingerprint };
}
