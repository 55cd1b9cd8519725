/**
 * The perturbation kernel and importance weights of population Monte Carlo ABC
 * (Beaumont, Cornuet, Marin & Robert 2009, Biometrika 96:983): a Gaussian kernel with
 * twice the population's weighted covariance, and w ∝ π(θ) / Σ_j w_j K(θ | θ_j).
 */
import { CalibrationError } from '../errors.js';

/** One complete population, row-major. */
export interface Population {
  readonly generation: number;
  readonly size: number;
  /** Row-major: theta[i·d + p]. */
  readonly theta: Float64Array;
  readonly weights: Float64Array;
  readonly distances: Float64Array;
  readonly tolerance: number;
}

/** Lower-triangular L with L·Lᵀ = A (d × d, row-major), or undefined if A is not positive definite. */
function cholesky(a: Float64Array, d: number): Float64Array | undefined {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * d + k]! * l[j * d + k]!;
      if (i === j) {
        if (!(sum > 0)) return undefined;
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / l[j * d + j]!;
      }
    }
  }
  return l;
}

export interface Kernel {
  /** Cholesky factor L of the kernel covariance 2Σ (row-major, lower triangular). */
  readonly chol: Float64Array;
}

/** Gaussian kernel with covariance twice the population's weighted covariance (Beaumont et al. 2009). */
export function perturbationKernel(pop: Population, d: number): Kernel {
  const mean = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < pop.size; i++) {
    const w = pop.weights[i]!;
    total += w;
    for (let p = 0; p < d; p++) mean[p] += w * pop.theta[i * d + p]!;
  }
  for (let p = 0; p < d; p++) mean[p] /= total;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < pop.size; i++) {
    const w = pop.weights[i]! / total;
    for (let p = 0; p < d; p++) {
      const dp = pop.theta[i * d + p]! - mean[p]!;
      for (let q = 0; q <= p; q++) cov[p * d + q] += w * dp * (pop.theta[i * d + q]! - mean[q]!);
    }
  }
  let largest = 0;
  for (let p = 0; p < d; p++) {
    for (let q = 0; q <= p; q++) {
      cov[p * d + q] *= 2;
      cov[q * d + p] = cov[p * d + q]!;
    }
    largest = Math.max(largest, cov[p * d + p]!);
  }
  if (!(largest > 0)) {
    throw new CalibrationError('particles', `expected particles that differ, received a population of generation ${pop.generation} collapsed to one point`);
  }
  // Particles on a line (or a parameter that no longer varies) make 2Σ singular: add a
  // ridge, from 1e-12 of the largest variance up, until it factorises.
  let chol = cholesky(cov, d);
  for (let ridge = largest * 1e-12; chol === undefined; ridge *= 10) {
    const regularised = cov.slice();
    for (let p = 0; p < d; p++) regularised[p * d + p] += ridge;
    chol = cholesky(regularised, d);
  }
  return { chol };
}

/** y = L⁻¹x for the rows of x (n × d), by forward substitution. */
function whiten(x: Float64Array, n: number, L: Float64Array, d: number): Float64Array {
  const y = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < d; p++) {
      let s = x[i * d + p]!;
      for (let q = 0; q < p; q++) s -= L[p * d + q]! * y[i * d + q]!;
      y[i * d + p] = s / L[p * d + p]!;
    }
  }
  return y;
}

/**
 * w_i ∝ π(θ_i) / Σ_j w_j K(θ_i | θ_j), normalised; computed in logs. With K Gaussian of
 * covariance LLᵀ, log K(θ_i | θ_j) = −½‖L⁻¹θ_i − L⁻¹θ_j‖² + a constant that cancels.
 */
export function importanceWeights(theta: Float64Array, logPriors: Float64Array, prev: Population, kernel: Kernel, d: number): Float64Array {
  const n = logPriors.length;
  const m = prev.size;
  const yPrev = whiten(prev.theta, m, kernel.chol, d);
  const y = whiten(theta, n, kernel.chol, d);
  const logPrevWeights = new Float64Array(m);
  for (let j = 0; j < m; j++) logPrevWeights[j] = Math.log(prev.weights[j]!);
  const logKernel = new Float64Array(m);
  const logWeights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let largest = -Infinity;
    for (let j = 0; j < m; j++) {
      let q = 0;
      for (let p = 0; p < d; p++) {
        const diff = y[i * d + p]! - yPrev[j * d + p]!;
        q += diff * diff;
      }
      const lk = logPrevWeights[j]! - 0.5 * q;
      logKernel[j] = lk;
      if (lk > largest) largest = lk;
    }
    let sum = 0;
    for (let j = 0; j < m; j++) sum += Math.exp(logKernel[j]! - largest);
    logWeights[i] = logPriors[i]! - largest - Math.log(sum);
  }
  let top = -Infinity;
  for (let i = 0; i < n; i++) if (logWeights[i]! > top) top = logWeights[i]!;
  const weights = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i] = Math.exp(logWeights[i]! - top);
  for (let i = 0; i < n; i++) weights[i] /= total;
  return weights;
}

