/**
 * Reading a calibration's weighted particles: posterior summaries per parameter, the
 * check that flags parameters the data say nothing about, and equally weighted draws for
 * running the model on what was learnt.
 */
import { InvalidParameterError } from '../errors.js';
import type { Rng } from '../random/rng.js';
import { requireInteger, requireNumberIn } from '../validate.js';
import type { AbcSmcResult, NamedPrior } from './abc-smc.js';
import { weightedMean, weightedQuantiles, weightedVariance } from './weighted.js';

/** The weighted particles a posterior summary needs (an {@link AbcSmcResult} has them). */
export type WeightedParticles = Pick<AbcSmcResult, 'parameters' | 'particles' | 'weights'>;

/** One parameter's posterior, from the weighted particles. */
export interface PosteriorSummary {
  readonly parameter: string;
  readonly mean: number;
  /** Standard deviation of the weighted particles. */
  readonly sd: number;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
  /** The central 90% interval [p05, p95]. */
  readonly interval90: readonly [number, number];
}

/**
 * Weighted posterior mean, sd and quantiles (5%, 50%, 95%) of every parameter. Quantiles
 * invert the weighted empirical distribution ({@link weightedQuantiles}).
 */
export function summarizePosterior(result: WeightedParticles): PosteriorSummary[] {
  return result.parameters.map((parameter, p) => {
    const values = result.particles[p]!;
    const [p05, p50, p95] = weightedQuantiles(values, result.weights, [0.05, 0.5, 0.95]) as [number, number, number];
    return {
      parameter,
      mean: weightedMean(values, result.weights),
      sd: Math.sqrt(weightedVariance(values, result.weights)),
      p05,
      p50,
      p95,
      interval90: [p05, p95] as const,
    };
  });
}

/**
 * [A] A posterior sd above 0.9 of the prior's means the data did not narrow the
 * parameter down. Why 0.9: with an effective sample size of 500 particles the sd of an
 * unchanged prior is estimated within about 1/√(2·500) ≈ 3%, so an unidentified
 * parameter lands near 1 and is flagged with a margin of about three standard errors.
 */
export const IDENTIFIED_SD_RATIO = 0.9;

/** Whether the data narrowed one parameter down. */
export interface IdentificationCheck {
  readonly parameter: string;
  readonly priorSd: number;
  readonly posteriorSd: number;
  /** posteriorSd / priorSd. */
  readonly ratio: number;
  /** ratio ≤ the threshold. */
  readonly identified: boolean;
  /** For an unidentified parameter: "the data say nothing about X: …". */
  readonly warning?: string;
}

/**
 * Compares every parameter's posterior sd with its prior sd (√prior.variance) and flags
 * each whose posterior is not clearly narrower: posterior sd > `maxRatio` × prior sd
 * (default {@link IDENTIFIED_SD_RATIO}) → "the data say nothing about X". A flagged
 * parameter's posterior is its prior, more or less: report it as an assumption, not as
 * something learnt.
 *
 * @throws {InvalidParameterError} when a parameter has no prior, or a prior's variance is not a finite number > 0.
 */
export function priorVsPosterior(
  priors: readonly NamedPrior[],
  result: WeightedParticles,
  options: { readonly maxRatio?: number } = {},
): IdentificationCheck[] {
  const maxRatio = requireNumberIn('options.maxRatio', options.maxRatio ?? IDENTIFIED_SD_RATIO, 0, Infinity, { minExclusive: true });
  const summaries = summarizePosterior(result);
  return summaries.map((s) => {
    const index = priors.findIndex((p) => p.name === s.parameter);
    if (index < 0) throw new InvalidParameterError('priors', `a prior named ${JSON.stringify(s.parameter)}`, priors.map((p) => p.name).join(', '));
    const variance = priors[index]!.prior.variance;
    if (typeof variance !== 'number' || !Number.isFinite(variance) || !(variance > 0)) {
      throw new InvalidParameterError(`priors[${index}].prior.variance`, 'a finite number > 0', variance);
    }
    const priorSd = Math.sqrt(variance);
    const ratio = s.sd / priorSd;
    const identified = ratio <= maxRatio;
    const check: IdentificationCheck = { parameter: s.parameter, priorSd, posteriorSd: s.sd, ratio, identified };
    if (identified) return check;
    return {
      ...check,
      warning: `the data say nothing about ${s.parameter}: its posterior sd (${s.sd.toPrecision(3)}) is ${(100 * ratio).toFixed(0)}% of its prior sd (${priorSd.toPrecision(3)})`,
    };
  });
}

/**
 * `count` equally weighted draws from the weighted particles, by systematic resampling
 * (one uniform from `rng`, then evenly spaced points on the cumulative weights; Kitagawa
 * 1996): per parameter, draws[p][i]. Particle i appears about count·wᵢ times.
 */
export function resamplePosterior(result: WeightedParticles, count: number, rng: Rng): Float64Array[] {
  requireInteger('count', count, 1, 1e9);
  const n = result.weights.length;
  const draws = result.particles.map(() => new Float64Array(count));
  let total = 0;
  for (let i = 0; i < n; i++) total += result.weights[i]!;
  const step = total / count;
  let position = rng.next() * step;
  let cumulative = result.weights[0]!;
  let i = 0;
  for (let c = 0; c < count; c++) {
    while (cumulative <= position && i < n - 1) cumulative += result.weights[++i]!;
    for (let p = 0; p < draws.length; p++) draws[p]![c] = result.particles[p]![i]!;
    position += step;
  }
  return draws;
}
