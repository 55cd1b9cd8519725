/**
 * Summaries of replicate samples, via simple-statistics: mean, sample standard
 * deviation, standard error, quantiles and the 95% confidence interval of the mean.
 */
import { mean as ssMean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import { InvalidParameterError } from '../errors.js';

/** The mean and the quantiles a fan chart draws: the fields every tidy quantile row shares. */
export interface QuantileBand {
  readonly mean: number;
  readonly p05: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

export interface MetricSummary {
  /** Number of replicates. */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 denominator); null for a single replicate. */
  readonly sd: number | null;
  /** Standard error of the mean, sd / √n; null for a single replicate. */
  readonly se: number | null;
  readonly min: number;
  readonly max: number;
  /** Quantiles by simple-statistics' `quantileSorted` (nearest rank, averaging at ties). */
  readonly p05: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
  /**
   * 95% confidence interval of the mean, mean ± 1.96·se (normal approximation); null for a
   * single replicate. Flat fields, as in every tidy row and CSV table (one interval shape
   * everywhere).
   */
  readonly ci95Low: number | null;
  readonly ci95High: number | null;
}

/** Summarises one metric's samples (finite numbers, at least one). */
export function summarize(samples: ArrayLike<number>, field = 'samples'): MetricSummary {
  const n = samples.length;
  if (n === 0) throw new InvalidParameterError(field, 'at least one sample', samples);
  const values = Array.from(samples);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new InvalidParameterError(`${field}[${i}]`, 'a finite number', values[i]);
  }
  const sorted = values.slice().sort((a, b) => a - b);
  const m = ssMean(values);
  const sd = n > 1 ? sampleStandardDeviation(values) : null;
  const se = sd === null ? null : sd / Math.sqrt(n);
  return {
    n,
    mean: m,
    sd,
    se,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    p05: quantileSorted(sorted, 0.05),
    p25: quantileSorted(sorted, 0.25),
    p50: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p95: quantileSorted(sorted, 0.95),
    ci95Low: se === null ? null : m - 1.959963984540054 * se,
    ci95High: se === null ? null : m + 1.959963984540054 * se,
  };
}
