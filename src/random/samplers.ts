/**
 * Samplers the model needs, after d3-random: each factory validates its parameters once
 * and returns a cheap function of an {@link Rng}. Units and support are in each doc.
 */
import { InvalidParameterError } from '../errors.js';
import { requireInteger, requireNumberIn, requireProbability } from '../validate.js';
import type { Rng } from './rng.js';

/** A function drawing one value from a distribution, given a random source. */
export type Sampler<T = number> = (rng: Rng) => T;

/** true with probability p. */
export function bernoulli(probability: number): Sampler<boolean> {
  const p = requireProbability('probability', probability);
  return (rng) => rng.next() < p;
}

/** Uniform integer on [0, n), n ≤ 2^32. */
export function uniformInt(n: number): Sampler {
  requireInteger('n', n, 1, 2 ** 32);
  return (rng) => Math.floor(rng.next() * n);
}

/**
 * Geometric: the number of failures before the first success in Bernoulli(p) trials,
 * support {0, 1, 2, …}, mean (1 − p)/p. Drawn by inversion, one uniform per draw.
 */
export function geometric(probability: number): Sampler {
  const p = requireNumberIn('probability', probability, 0, 1, { minExclusive: true });
  if (p === 1) return () => 0;
  const inv = 1 / Math.log1p(-p);
  return (rng) => Math.floor(Math.log(1 - rng.next()) * inv);
}

/** Standard normal, by the Marsaglia polar method. */
export function standardNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** Gamma(shape, scale=1) by Marsaglia & Tsang (2000); shape < 1 via the boost u^(1/shape). */
function gammaUnit(rng: Rng, shape: number): number {
  if (shape < 1) {
    const u = 1 - rng.next(); // (0, 1]
    return gammaUnit(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Gamma with shape k > 0 and scale θ > 0 (mean kθ, variance kθ²). */
export function gamma(shape: number, scale = 1): Sampler {
  const k = requireNumberIn('shape', shape, 0, Infinity, { minExclusive: true });
  const theta = requireNumberIn('scale', scale, 0, Infinity, { minExclusive: true });
  return (rng) => gammaUnit(rng, k) * theta;
}

const LOG_FACTORIAL_TABLE: number[] = (() => {
  const t = [0];
  for (let i = 1; i < 256; i++) t.push(t[i - 1]! + Math.log(i));
  return t;
})();

/**
 * log(k!) for an integer k ≥ 0: from a table below 256, by Stirling's series above
 * (relative error < 1e-15). Any other k throws {@link InvalidParameterError}: a table
 * lookup would otherwise return undefined.
 */
export function logFactorial(k: number): number {
  if (k < 256) {
    const value = LOG_FACTORIAL_TABLE[k];
    if (value === undefined) throw new InvalidParameterError('k', 'an integer ≥ 0', k);
    return value;
  }
  if (!Number.isInteger(k)) throw new InvalidParameterError('k', 'an integer ≥ 0', k);
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

function poissonSmall(rng: Rng, lambda: number): number {
  // Knuth: multiply uniforms until the product falls below e^-λ (λ < 30).
  const limit = Math.exp(-lambda);
  let k = 0;
  let prod = rng.next();
  while (prod >= limit) {
    k++;
    prod *= rng.next();
  }
  return k;
}

function poissonPtrs(rng: Rng, lambda: number): number {
  // Hörmann (1993), "The transformed rejection method for generating Poisson random
  // variables" (PTRS), for λ ≥ 10.
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = 1 - rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) {
      return k;
    }
  }
}

/** Poisson with mean λ ≥ 0 (Knuth below λ = 30, Hörmann's PTRS above). */
export function poisson(mean: number): Sampler {
  const lambda = requireNumberIn('mean', mean, 0, Infinity);
  if (lambda === 0) return () => 0;
  return lambda < 30 ? (rng) => poissonSmall(rng, lambda) : (rng) => poissonPtrs(rng, lambda);
}

/** Draws Poisson(λ) for a λ known only at run time (λ finite and ≥ 0). */
export function drawPoisson(rng: Rng, lambda: number): number {
  if (!(lambda >= 0 && lambda < Infinity)) throw new InvalidParameterError('mean', 'a finite number ≥ 0', lambda);
  if (lambda === 0) return 0;
  return lambda < 30 ? poissonSmall(rng, lambda) : poissonPtrs(rng, lambda);
}

function binomialBtrs(rng: Rng, n: number, p: number): number {
  // Hörmann (1993), "The generation of binomial random variates" (BTRS), for n·p ≥ 10,
  // p ≤ 0.5.
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const m = Math.floor((n + 1) * p);
  const lpq = Math.log(p / (1 - p));
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = 1 - rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    const lhs = Math.log((v * alpha) / (a / (us * us) + b));
    if (lhs <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

function binomialSkip(rng: Rng, n: number, p: number): number {
  // Count successes by jumping geometric gaps: O(n·p) uniforms.
  const inv = 1 / Math.log1p(-p);
  let k = 0;
  let pos = Math.floor(Math.log(1 - rng.next()) * inv);
  while (pos < n) {
    k++;
    pos += 1 + Math.floor(Math.log(1 - rng.next()) * inv);
  }
  return k;
}

/** Draws Binomial(n, p) for parameters known only at run time (n an integer ≥ 0, p in [0, 1]). */
export function drawBinomial(rng: Rng, n: number, p: number): number {
  if (!(Number.isInteger(n) && n >= 0) || !(p >= 0 && p <= 1)) {
    throw new InvalidParameterError(Number.isInteger(n) && n >= 0 ? 'probability' : 'trials', Number.isInteger(n) && n >= 0 ? 'a probability between 0 and 1' : 'an integer ≥ 0', Number.isInteger(n) && n >= 0 ? p : n);
  }
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - drawBinomial(rng, n, 1 - p);
  return n * p < 10 ? binomialSkip(rng, n, p) : binomialBtrs(rng, n, p);
}

/** Binomial(n, p): successes in n independent trials (n an integer ≥ 0). */
export function binomial(trials: number, probability: number): Sampler {
  const n = requireInteger('trials', trials, 0, Number.MAX_SAFE_INTEGER);
  const p = requireProbability('probability', probability);
  return (rng) => drawBinomial(rng, n, p);
}

/**
 * k distinct integers from [0, n), uniformly over k-subsets, written into `out`
 * (allocation-free when `out` is given). Floyd's algorithm: k draws; the membership
 * test is a scan while k ≤ 64, a Set above. The order of `out` is the order drawn.
 */
export function sampleIndices(rng: Rng, k: number, n: number, out?: Int32Array): Int32Array {
  requireInteger('n', n, 0, 2 ** 31 - 1);
  requireInteger('k', k, 0, n);
  const result = out ?? new Int32Array(k);
  if (result.length < k) throw new InvalidParameterError('out', `an Int32Array of length ≥ ${k}`, result);
  if (k <= 64) {
    for (let j = n - k, filled = 0; j < n; j++, filled++) {
      const t = Math.floor(rng.next() * (j + 1));
      let seen = false;
      for (let i = 0; i < filled; i++) {
        if (result[i] === t) {
          seen = true;
          break;
        }
      }
      result[filled] = seen ? j : t;
    }
    return result;
  }
  const chosen = new Set<number>();
  for (let j = n - k, filled = 0; j < n; j++, filled++) {
    const t = Math.floor(rng.next() * (j + 1));
    const pick = chosen.has(t) ? j : t;
    chosen.add(pick);
    result[filled] = pick;
  }
  return result;
}

/**
 * Index i with probability weights[i] / Σ weights, by Vose's alias method: O(n) set-up,
 * O(1) per draw. Weights must be finite, ≥ 0, and not all zero.
 */
export function weightedChoice(weights: ArrayLike<number>): Sampler {
  const n = weights.length;
  if (n === 0) throw new InvalidParameterError('weights', 'at least one weight', weights);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new InvalidParameterError(`weights[${i}]`, 'a finite number ≥ 0', w);
    }
    if (w > largest) largest = w;
  }
  if (largest === 0) throw new InvalidParameterError('weights', 'at least one weight > 0', 0);
  // Sum weights relative to the largest, so finite weights near Number.MAX_VALUE cannot
  // overflow the total to Infinity (which turned every scaled weight into NaN or 0).
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]! / largest;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = ((weights[i]! / largest) * n) / total;
    (scaled[i]! < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1; // only rounding leftovers remain here
  return (rng) => {
    const u = rng.next() * n;
    const i = Math.floor(u);
    return u - i < prob[i]! ? i : alias[i]!;
  };
}

/**
 * A heavy-tailed audience size: how many people one teller tells. Negative binomial with
 * the given mean and dispersion r (variance = mean + mean²/r; small r = heavy tail,
 * r → ∞ = Poisson), drawn as a gamma–Poisson mixture. Support {0, 1, 2, …}.
 * Verde (2006) reports "on average four people"; TARP reports 8–16 for unhappy
 * customers. See DOMAIN.md.
 */
export function audienceSize(options: { mean: number; dispersion: number }): Sampler {
  const mean = requireNumberIn('audienceSize.mean', options.mean, 0, Infinity);
  const r = requireNumberIn('audienceSize.dispersion', options.dispersion, 0, Infinity, { minExclusive: true });
  if (mean === 0) return () => 0;
  const scale = mean / r;
  return (rng) => drawPoisson(rng, gammaUnit(rng, r) * scale);
}
