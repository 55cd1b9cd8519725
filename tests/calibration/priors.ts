/**
 * Simple priors for the calibration tests, written here (not taken from src/) so that the
 * engine is tested against the Prior shape alone: uniform, beta and normal, each with its
 * mean, variance, support, sampler and log density (normalising constants omitted where
 * they cancel in the weights: the engine only needs differences of log densities).
 */
import { drawBinomial, gamma, standardNormal, type CalibrationPrior, type Rng } from '../../src/index.js';

export function uniformPrior(low: number, high: number): CalibrationPrior {
  return {
    mean: (low + high) / 2,
    variance: (high - low) ** 2 / 12,
    support: { low, high },
    sample: (rng: Rng) => low + (high - low) * rng.next(),
    logDensity: (x: number) => (x >= low && x <= high ? -Math.log(high - low) : -Infinity),
  };
}

/** Beta(a, b): mean a/(a+b), variance ab/((a+b)²(a+b+1)); drawn as X/(X+Y), X ~ Γ(a), Y ~ Γ(b). */
export function betaPrior(a: number, b: number): CalibrationPrior {
  const ga = gamma(a);
  const gb = gamma(b);
  return {
    mean: a / (a + b),
    variance: (a * b) / ((a + b) ** 2 * (a + b + 1)),
    support: { low: 0, high: 1 },
    sample: (rng: Rng) => {
      const x = ga(rng);
      return x / (x + gb(rng));
    },
    logDensity: (x: number) => (x > 0 && x < 1 ? (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) : -Infinity),
  };
}

export function normalPrior(mean: number, sd: number): CalibrationPrior {
  return {
    mean,
    variance: sd * sd,
    support: { low: -Infinity, high: Infinity },
    sample: (rng: Rng) => mean + sd * standardNormal(rng),
    logDensity: (x: number) => -0.5 * ((x - mean) / sd) ** 2,
  };
}

/** The binomial toy: summary y/n with y ~ Binomial(n, θ[0]). */
export function binomialShare(n: number) {
  return (theta: Float64Array, rng: Rng): number[] => [drawBinomial(rng, n, theta[0]!) / n];
}
