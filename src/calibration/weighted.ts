/**
 * Statistics of weighted samples (importance-weighted particles): weights need not be
 * normalised, only ≥ 0 with a positive sum. Quantiles invert the weighted empirical
 * distribution function (the smallest value whose cumulative weight reaches q), so a
 * quantile is always one of the values, as in Hyndman & Fan's type 1 for equal weights.
 */

/** Kish's effective sample size (Σw)² / Σw²: how many equally weighted draws the sample is worth. */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    sum += w;
    squares += w * w;
  }
  return squares > 0 ? (sum * sum) / squares : 0;
}

/** Σ wᵢxᵢ / Σ wᵢ. */
export function weightedMean(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    sum += weights[i]! * values[i]!;
    total += weights[i]!;
  }
  return sum / total;
}

/** Σ wᵢ(xᵢ − x̄)² / Σ wᵢ: the variance of the weighted empirical distribution. */
export function weightedVariance(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  const mean = weightedMean(values, weights);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - mean;
    sum += weights[i]! * d * d;
    total += weights[i]!;
  }
  return sum / total;
}

/** Indices 0 … n−1 sorted by value (ties by index, so the order is reproducible). */
export function sortedOrder(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]! || a - b);
  return order;
}

/**
 * Weighted quantiles for several probabilities at once: for each q, the smallest value
 * whose cumulative normalised weight is ≥ q (q in [0, 1]; q = 0 gives the smallest value
 * of positive weight).
 */
export function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const order = sortedOrder(values);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  return probabilities.map((q) => {
    const target = q * total;
    let cumulative = 0;
    let last = NaN;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const w = weights[i]!;
      if (w <= 0) continue;
      cumulative += w;
      last = values[i]!;
      // Relative slack for rounding in the running sum, so q = 1 reaches the largest value.
      if (cumulative >= target * (1 - 1e-12)) return last;
    }
    return last;
  });
}

/** One weighted quantile; see {@link weightedQuantiles}. */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, probability: number): number {
  return weightedQuantiles(values, weights, [probability])[0]!;
}
