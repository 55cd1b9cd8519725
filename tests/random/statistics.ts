/**
 * Reference statistics for the sampler tests, written independently of src/ so that a
 * bug there cannot hide itself: exact log-factorials, the regularized incomplete gamma
 * function (hence the chi-square and normal distribution functions and chi-square
 * quantiles), moment checks with tolerances from the standard error, and Pearson
 * chi-square goodness-of-fit tests against an exact pmf or cdf.
 */
import { expect } from 'vitest';
import { InvalidParameterError } from '../../src/index.js';

/** How many standard errors a moment may miss by: two-sided P(|Z| > 4) ≈ 6.3e-5. */
export const Z = 4;

/** Significance of every chi-square test (about the same tail as Z = 4). */
export const ALPHA = 1e-4;

/** Draws n values from a sampler into a Float64Array. */
export function drawMany(n: number, draw: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

/** log(k!) by summing log i over i ≤ k, for k ≤ max (exact to rounding). */
export function logFactorialTable(max: number): Float64Array {
  const t = new Float64Array(max + 1);
  for (let i = 1; i <= max; i++) t[i] = t[i - 1]! + Math.log(i);
  return t;
}

/**
 * log Γ(a) for a a positive multiple of 1/2, exactly by recursion:
 * Γ(1) = 1, Γ(1/2) = √π, Γ(a + 1) = a·Γ(a).
 */
export function logGammaHalfInteger(a: number): number {
  if (!(a > 0) || !Number.isInteger(2 * a)) throw new Error(`logGammaHalfInteger: ${a} is not a positive multiple of 1/2`);
  let x = Number.isInteger(a) ? 1 : 0.5;
  let value = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  while (x < a) {
    value += Math.log(x);
    x += 1;
  }
  return value;
}

/**
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), for a a
 * positive multiple of 1/2: by its power series when x < a + 1, otherwise by the
 * continued fraction for Q = 1 − P (modified Lentz). Numerical Recipes, 3rd ed., §6.2.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const logPrefactor = -x + a * Math.log(x) - logGammaHalfInteger(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(logPrefactor);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - Math.exp(logPrefactor) * h;
}

/** The chi-square distribution function with df degrees of freedom: P(df/2, x/2). */
export function chiSquareCdf(x: number, df: number): number {
  return regularizedGammaP(df / 2, x / 2);
}

/** The standard normal distribution function: Φ(x) = ½(1 + sign(x)·P(½, x²/2)). */
export function normalCdf(x: number): number {
  const half = 0.5 * regularizedGammaP(0.5, (x * x) / 2);
  return x < 0 ? 0.5 - half : 0.5 + half;
}

/** Inverts an increasing cdf on [lo, hi] by bisection to within 1e-12 relative. */
export function invertCdf(cdf: (x: number) => number, p: number, lo: number, hi: number): number {
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
    const mid = 0.5 * (lo + hi);
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The upper-α critical value of the chi-square distribution: P(X > value) = α. */
export function chiSquareCritical(df: number, alpha = ALPHA): number {
  return invertCdf((x) => chiSquareCdf(x, df), 1 - alpha, 0, df + 40 * Math.sqrt(2 * df) + 100);
}

export interface MomentReference {
  mean: number;
  variance: number;
  /** The fourth central moment E[(X − μ)^4]. */
  mu4: number;
}

/**
 * Checks the sample mean and variance against closed forms, each within Z standard
 * errors: SE(mean) = σ/√N, and SE(s²) = √((μ4 − σ⁴)/N), the large-N standard error of
 * the sample variance (e.g. Kendall & Stuart, The Advanced Theory of Statistics, §10.5).
 */
export function expectMoments(xs: ArrayLike<number>, ref: MomentReference, label = ''): void {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - mean;
    ss += d * d;
  }
  const variance = ss / (n - 1);
  const seMean = Math.sqrt(ref.variance / n);
  const seVariance = Math.sqrt((ref.mu4 - ref.variance * ref.variance) / n);
  expect(Math.abs(mean - ref.mean), `${label} mean ${mean} vs ${ref.mean} (SE ${seMean})`).toBeLessThan(Z * seMean);
  expect(Math.abs(variance - ref.variance), `${label} variance ${variance} vs ${ref.variance} (SE ${seVariance})`).toBeLessThan(
    Z * seVariance,
  );
}

/** Mean, variance and fourth central moment of a pmf given on 0..pmf.length − 1. */
export function pmfMoments(pmf: ArrayLike<number>): MomentReference {
  let mean = 0;
  for (let k = 0; k < pmf.length; k++) mean += k * pmf[k]!;
  let variance = 0;
  let mu4 = 0;
  for (let k = 0; k < pmf.length; k++) {
    const d2 = (k - mean) * (k - mean);
    variance += d2 * pmf[k]!;
    mu4 += d2 * d2 * pmf[k]!;
  }
  return { mean, variance, mu4 };
}

export interface ChiSquareResult {
  statistic: number;
  df: number;
  critical: number;
}

/**
 * Pearson's chi-square test of integer samples against an exact pmf on 0..pmf.length − 1
 * (the mass beyond the table joins the last bin). Adjacent values are pooled until each
 * bin expects at least `minExpected` draws (Cochran's rule asks for 5); values with zero
 * probability must never be drawn. No parameter is estimated, so df = bins − 1.
 */
export function discreteChiSquare(samples: ArrayLike<number>, pmf: ArrayLike<number>, minExpected = 20): ChiSquareResult {
  const n = samples.length;
  const K = pmf.length;
  const binOf = new Int32Array(K);
  const binProbability: number[] = [];
  let current = 0;
  let covered = 0;
  for (let k = 0; k < K; k++) {
    binOf[k] = binProbability.length;
    current += pmf[k]!;
    if (current * n >= minExpected) {
      binProbability.push(current);
      covered += current;
      current = 0;
    }
  }
  // Whatever remains (the last values plus the tail beyond K) joins the last bin.
  const rest = Math.max(0, 1 - covered);
  if (binProbability.length === 0) binProbability.push(rest);
  else binProbability[binProbability.length - 1]! += rest;
  const lastBin = binProbability.length - 1;
  for (let k = 0; k < K; k++) if (binOf[k]! > lastBin) binOf[k] = lastBin;
  const observed = new Float64Array(binProbability.length);
  for (let i = 0; i < n; i++) {
    const x = samples[i]!;
    if (!Number.isInteger(x) || x < 0) throw new Error(`sample ${i} is ${x}, outside the support`);
    if (x < K && pmf[x] === 0) throw new Error(`sample ${i} is ${x}, which has probability 0`);
    observed[x < K ? binOf[x]! : lastBin]! += 1;
  }
  let statistic = 0;
  for (let b = 0; b < binProbability.length; b++) {
    const e = n * binProbability[b]!;
    statistic += ((observed[b]! - e) * (observed[b]! - e)) / e;
  }
  const df = binProbability.length - 1;
  return { statistic, df, critical: chiSquareCritical(df) };
}

/**
 * Pearson's chi-square test of continuous samples against a cdf, in `bins` equiprobable
 * bins whose edges are the cdf's quantiles (found by bisection on [lo, hi]).
 */
export function continuousChiSquare(
  samples: ArrayLike<number>,
  cdf: (x: number) => number,
  bins: number,
  lo: number,
  hi: number,
): ChiSquareResult {
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) edges.push(invertCdf(cdf, b / bins, lo, hi));
  const observed = new Float64Array(bins);
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    // Binary search for the first edge above x.
    let a = 0;
    let z = edges.length;
    while (a < z) {
      const m = (a + z) >> 1;
      if (edges[m]! <= x) a = m + 1;
      else z = m;
    }
    observed[a]! += 1;
  }
  const e = samples.length / bins;
  let statistic = 0;
  for (let b = 0; b < bins; b++) statistic += ((observed[b]! - e) * (observed[b]! - e)) / e;
  return { statistic, df: bins - 1, critical: chiSquareCritical(bins - 1) };
}

/** Asserts a chi-square statistic is below its critical value, with the numbers shown. */
export function expectFit(result: ChiSquareResult, label = ''): void {
  expect(result.statistic, `${label} chi-square ${result.statistic.toFixed(2)} on ${result.df} df (critical ${result.critical.toFixed(2)})`).toBeLessThan(
    result.critical,
  );
}

/** Exact pmf tables for the discrete references. */
export const pmfs = {
  /** Poisson(λ) on 0..max: e^−λ λ^k / k!. */
  poisson(lambda: number, max: number): Float64Array {
    const lf = logFactorialTable(max);
    const p = new Float64Array(max + 1);
    for (let k = 0; k <= max; k++) p[k] = Math.exp(-lambda + k * Math.log(lambda) - lf[k]!);
    return p;
  },
  /** Binomial(n, p) on 0..n: C(n, k) p^k (1 − p)^(n − k). */
  binomial(n: number, p: number): Float64Array {
    const lf = logFactorialTable(n);
    const out = new Float64Array(n + 1);
    for (let k = 0; k <= n; k++) out[k] = Math.exp(lf[n]! - lf[k]! - lf[n - k]! + k * Math.log(p) + (n - k) * Math.log1p(-p));
    return out;
  },
  /** Geometric (failures before the first success) on 0..max: (1 − p)^k p. */
  geometric(p: number, max: number): Float64Array {
    const out = new Float64Array(max + 1);
    for (let k = 0; k <= max; k++) out[k] = Math.pow(1 - p, k) * p;
    return out;
  },
  /**
   * Negative binomial with mean m and dispersion r on 0..max, by the recurrence
   * P(0) = (r/(r+m))^r, P(k+1) = P(k)·(k + r)/(k + 1)·m/(r + m).
   */
  negativeBinomial(m: number, r: number, max: number): Float64Array {
    const q = m / (r + m);
    const out = new Float64Array(max + 1);
    out[0] = Math.pow(r / (r + m), r);
    for (let k = 0; k < max; k++) out[k + 1] = (out[k]! * (k + r) * q) / (k + 1);
    return out;
  },
};

/** Asserts fn throws an InvalidParameterError whose field (and message) names `field`. */
export function expectInvalid(fn: () => unknown, field: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an InvalidParameterError for ${field}`).toBeInstanceOf(InvalidParameterError);
  expect((caught as InvalidParameterError).field).toBe(field);
  expect((caught as InvalidParameterError).message.startsWith(`${field}: expected `)).toBe(true);
}
