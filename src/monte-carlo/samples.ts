/**
 * Replicate samples as results hold them. A {@link SampleArray} is a Float64Array — the
 * runners fill plain columns and wrap them at the end, sharing their memory, so hot loops
 * and `result.samples[name][i]` work as on any typed array — that serialises as a plain
 * JSON array: `JSON.stringify(result)` writes `"reached":[3,17,…]`, not `{"0":3,"1":17,…}`.
 * {@link withoutSamples} leaves the samples out of the JSON altogether.
 */

/** A Float64Array of one metric's replicate values that `JSON.stringify` writes as an array. */
export class SampleArray extends Float64Array {
  /** The samples as a plain array of numbers (what `JSON.stringify` writes). */
  toJSON(): number[] {
    return Array.from(this);
  }
}

/** The column as a {@link SampleArray} over the same memory (a copy only of shared memory). */
export function asSampleArray(column: Float64Array): SampleArray {
  if (column instanceof SampleArray) return column;
  if (column.buffer instanceof ArrayBuffer) return new SampleArray(column.buffer, column.byteOffset, column.length);
  const copy = new SampleArray(column.length);
  copy.set(column);
  return copy;
}

function isSampleRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const columns = Object.values(value);
  return columns.length > 0 && columns.every((c) => c instanceof Float64Array);
}

/**
 * A `JSON.stringify` replacer that leaves every result's replicate samples out (the
 * `samples` of a {@link MonteCarloResult}, wherever it sits in a larger result); summaries
 * and everything else are written as usual. Partial results keep theirs: merging needs them.
 *
 * @example
 * JSON.stringify(comparison);                 // samples as plain arrays: 1 number per replicate and metric
 * JSON.stringify(comparison, withoutSamples); // summaries only
 */
export function withoutSamples(key: string, value: unknown): unknown {
  return key === 'samples' && isSampleRecord(value) ? undefined : value;
}
