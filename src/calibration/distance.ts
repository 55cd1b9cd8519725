/**
 * The distance of ABC: summaries standardised by their spread over the prior
 * simulations (the median absolute deviation, as pyABC's `median_absolute_deviation`
 * scale), then compared by Euclidean distance (docs/calibration.md, "The distance").
 */

/**
 * Divisors for the summaries: for each, the median absolute deviation (MAD) of its values
 * over `rows` simulations (`summaries[i·length + k]`). When the MAD is 0 (more than half
 * the simulations share one value) the mean absolute deviation about the median is used
 * instead; when that is 0 too the summary never varied and its divisor is 0, meaning it
 * is left out of the distance (it cannot tell parameters apart).
 */
export function madScale(summaries: ArrayLike<number>, rows: number, length: number): Float64Array {
  const scale = new Float64Array(length);
  const column = new Float64Array(rows);
  for (let k = 0; k < length; k++) {
    for (let i = 0; i < rows; i++) column[i] = summaries[i * length + k]!;
    column.sort();
    const median = medianOfSorted(column);
    let meanDeviation = 0;
    for (let i = 0; i < rows; i++) {
      column[i] = Math.abs(column[i]! - median);
      meanDeviation += column[i]!;
    }
    column.sort();
    const mad = medianOfSorted(column);
    scale[k] = mad > 0 ? mad : meanDeviation / rows;
  }
  return scale;
}

function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h]! : 0.5 * (sorted[h - 1]! + sorted[h]!);
}

/** The distance between summaries `s[offset … offset + k)` and the observed ones. */
export function distanceAt(s: ArrayLike<number>, offset: number, observed: Float64Array, scale: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < observed.length; k++) {
    const divisor = scale[k]!;
    if (divisor === 0) continue;
    const z = (s[offset + k]! - observed[k]!) / divisor;
    sum += z * z;
  }
  return Math.sqrt(sum);
}

