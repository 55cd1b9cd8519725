/**
 * The value of information: what it would be worth to know the parameters before
 * deciding. Inputs are the draws of a probabilistic sensitivity analysis: for strategies
 * k = 1…K and draws j = 1…N, the net benefit NB_k(θ_j) — one array per strategy, one value
 * per draw, in one unit (kr) — and, for EVPPI, the parameter values that produced each draw.
 *
 * - EVPI = E_θ[max_k NB_k(θ)] − max_k E_θ[NB_k(θ)]: perfect knowledge of every parameter
 *   (Raiffa & Schlaifer 1961; dampack `calc_evpi`, voi `evpi`).
 * - EVPPI(φ) = E_φ[max_k E[NB_k | φ]] − max_k E[NB_k] for a parameter or group φ, with
 *   E[NB_k | φ] estimated by regression on the PSA draws (Strong, Oakley & Brennan 2014,
 *   Med Decis Making 34:311; the method of the R packages voi, SAVI, BCEA and dampack).
 * - The probability each strategy is best, and the acceptability curve: that probability
 *   as a function of a valuation (the CEAC of health economics; Fenwick et al. 2001).
 *
 * Every estimate is computed as a mean of per-draw terms that are each ≥ 0, so rounding
 * can never make an EVPI or EVPPI negative.
 */
import { InvalidParameterError } from '../errors.js';
import { deriveRng, seedKey } from '../random/rng.js';
import type { Rng, Seed } from '../random/rng.js';
import { requireInteger } from '../validate.js';
import { normalQuantileLower } from './special-functions.js';
import { MAX_GROUPS, MIN_DRAWS_PER_GROUP, fitSmoother, fittedFor, groupIndex, prepareGroupMeans, prepareSpline } from './smoother.js';
import type { PreparedSmoother, SmootherFit } from './smoother.js';

/** One value per draw. */
export type DrawSeries = ArrayLike<number>;

/** Net benefit: one series per strategy, one value per draw. */
export type NetBenefit = readonly DrawSeries[];

/** Checks the net-benefit series: at least one, of one length ≥ 1, every value finite. */
function readSeries(series: unknown, field: string, minDraws = 1): { k: number; n: number; rows: DrawSeries[] } {
  if (!Array.isArray(series) || series.length === 0) {
    throw new InvalidParameterError(field, 'a list with one series of draws per strategy', series);
  }
  const rows = series as unknown[];
  let n = -1;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (!(Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView)))) {
      throw new InvalidParameterError(`${field}[${k}]`, 'an array of numbers (one per draw)', row);
    }
    const values = row as ArrayLike<unknown>;
    if (n === -1) {
      n = values.length;
      if (n < minDraws) throw new InvalidParameterError(`${field}[${k}]`, `at least ${minDraws} draw${minDraws === 1 ? '' : 's'}`, row);
    } else if (values.length !== n) {
      throw new InvalidParameterError(`${field}[${k}]`, `${n} draws, as ${field}[0] has`, row);
    }
    for (let j = 0; j < n; j++) {
      const x = values[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidParameterError(`${field}[${k}][${j}]`, 'a finite number', x);
    }
  }
  return { k: rows.length, n, rows: rows as DrawSeries[] };
}

/** Index of the largest mean (the first on ties), and the means. */
function bestByMean(rows: readonly DrawSeries[], n: number): { best: number; means: Float64Array } {
  const means = new Float64Array(rows.length);
  let best = 0;
  for (let k = 0; k < rows.length; k++) {
    let sum = 0;
    const row = rows[k]!;
    for (let j = 0; j < n; j++) sum += row[j]!;
    means[k] = sum / n;
    if (means[k]! > means[best]!) best = k;
  }
  return { best, means };
}

/** EVPI and its Monte Carlo standard error. */
export interface EvpiResult {
  /** E[max_k NB_k] − max_k E[NB_k], in the unit of the net benefit; ≥ 0. */
  readonly value: number;
  /**
   * Standard error of `value` as a mean over draws: sd(D)/√N with D_j = max_k NB_kj −
   * NB_{best,j}. It ignores that `best` is itself estimated, which matters only when two
   * strategies' means are within a standard error of each other.
   */
  readonly se: number;
  /** The strategy with the largest mean net benefit: the decision under current information. */
  readonly best: number;
  /** Each strategy's mean net benefit. */
  readonly means: readonly number[];
  readonly draws: number;
}

/**
 * The expected value of perfect information: E_θ[max_k NB_k(θ)] − max_k E_θ[NB_k(θ)],
 * the mean over draws of what knowing θ would add to the best decision made without it.
 * Computed as the mean of max_k NB_kj − NB_{best,j} (each term ≥ 0).
 *
 * @example
 * evpi([[0, 0, 0, 0], [-2, -1, 1, 6]])
 * // { value: 0.75, se: 0.478…, best: 1, means: [0, 1], draws: 4 }
 * // deciding now picks strategy 1 (mean 1); knowing θ would avoid its losses in draws 0–1.
 */
export function evpi(netBenefit: NetBenefit): EvpiResult {
  const { n, rows } = readSeries(netBenefit, 'netBenefit');
  const { best, means } = bestByMean(rows, n);
  const chosen = rows[best]!;
  let sum = 0;
  let sumSq = 0;
  for (let j = 0; j < n; j++) {
    let max = -Infinity;
    for (const row of rows) if (row[j]! > max) max = row[j]!;
    const d = max - chosen[j]!;
    sum += d;
    sumSq += d * d;
  }
  const value = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSq - n * value * value) / (n - 1)) : 0;
  return { value, se: Math.sqrt(variance / n), best, means: Array.from(means), draws: n };
}

/**
 * The share of draws in which each strategy has the largest net benefit. A draw in which
 * t strategies tie for the largest counts 1/t for each, so the shares add up to 1 (up to
 * the rounding of the final division, below 1e-15).
 *
 * @example
 * probabilityBest([[1, 1, 0, 0], [0, 1, 2, 3]]) // [0.375, 0.625]
 */
export function probabilityBest(netBenefit: NetBenefit): number[] {
  const { k, n, rows } = readSeries(netBenefit, 'netBenefit');
  return bestShares(k, n, (s, j) => rows[s]![j]!, new Float64Array(k));
}

function bestShares(k: number, n: number, value: (strategy: number, draw: number) => number, scratch: Float64Array): number[] {
  const wins = new Float64Array(k);
  for (let j = 0; j < n; j++) {
    let max = -Infinity;
    let ties = 0;
    for (let s = 0; s < k; s++) {
      const v = value(s, j);
      scratch[s] = v;
      if (v > max) {
        max = v;
        ties = 1;
      } else if (v === max) ties++;
    }
    const share = 1 / ties;
    for (let s = 0; s < k; s++) if (scratch[s] === max) wins[s] = wins[s]! + share;
  }
  return Array.from(wins, (w) => w / n);
}

/**
 * Net benefit whose one valuation is left open: per strategy and draw, `money` (kr kept,
 * minus kr paid, not depending on the valuation) and `lost` (how many units — customers,
 * prospects — are lost, each worth the valuation λ). NB_k(λ) = money_k − λ·lost_k.
 * Won units enter `lost` negatively.
 */
export interface ValuedParts {
  readonly money: NetBenefit;
  readonly lost: NetBenefit;
}

/** One point of an acceptability curve. */
export interface AcceptabilityPoint {
  /** The valuation λ of one lost unit (kr per customer). */
  readonly lossValue: number;
  /** The strategy's index. */
  readonly strategy: number;
  /** Share of draws in which the strategy has the largest NB at this valuation (ties split). */
  readonly probabilityBest: number;
  /** Its mean net benefit at this valuation. */
  readonly expectedNetBenefit: number;
}

function readParts(parts: ValuedParts): { k: number; n: number; money: DrawSeries[]; lost: DrawSeries[] } {
  if (typeof parts !== 'object' || parts === null) throw new InvalidParameterError('parts', 'a mapping with money and lost', parts);
  const money = readSeries(parts.money, 'parts.money');
  const lost = readSeries(parts.lost, 'parts.lost');
  if (lost.k !== money.k) throw new InvalidParameterError('parts.lost', `${money.k} series, one per strategy as in parts.money`, parts.lost);
  if (lost.n !== money.n) throw new InvalidParameterError('parts.lost[0]', `${money.n} draws, as parts.money[0] has`, parts.lost[0]);
  return { k: money.k, n: money.n, money: money.rows, lost: lost.rows };
}

/**
 * Net benefit at one valuation: NB_k = money_k − lossValue·lost_k per draw, ready for
 * {@link evpi}, {@link evppi} or {@link probabilityBest}.
 */
export function netBenefitAt(parts: ValuedParts, lossValue: number): Float64Array[] {
  const { n, money, lost } = readParts(parts);
  if (typeof lossValue !== 'number' || !Number.isFinite(lossValue)) throw new InvalidParameterError('lossValue', 'a finite number', lossValue);
  return money.map((m, k) => {
    const out = new Float64Array(n);
    const l = lost[k]!;
    for (let j = 0; j < n; j++) out[j] = m[j]! - lossValue * l[j]!;
    return out;
  });
}

/**
 * The acceptability curve: for each valuation λ of one lost unit, the probability that
 * each strategy is best when NB_k = money_k − λ·lost_k (and its mean NB). Tidy rows, one
 * per valuation and strategy, in the order given. At λ = 0 the strategy keeping the most
 * money is favoured; as λ grows, the one losing the fewest.
 *
 * @example
 * acceptabilityCurve({ money: [[200, 200], [0, 0]], lost: [[1, 0.5], [0, 0]] }, [0, 300])
 * // λ = 0: strategy 0 best in both draws; λ = 300: NB_0 = −100 and 50, so 0.5 each
 */
export function acceptabilityCurve(parts: ValuedParts, lossValues: ArrayLike<number>): AcceptabilityPoint[] {
  const { k, n, money, lost } = readParts(parts);
  if (!(Array.isArray(lossValues) || ArrayBuffer.isView(lossValues)) || lossValues.length === 0) {
    throw new InvalidParameterError('lossValues', 'a non-empty list of valuations', lossValues);
  }
  for (let i = 0; i < lossValues.length; i++) {
    const v = lossValues[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidParameterError(`lossValues[${i}]`, 'a finite number', v);
  }
  const moneyMean = bestByMean(money, n).means;
  const lostMean = bestByMean(lost, n).means;
  const scratch = new Float64Array(k);
  const rows: AcceptabilityPoint[] = [];
  for (let i = 0; i < lossValues.length; i++) {
    const lambda = lossValues[i]!;
    const shares = bestShares(k, n, (s, j) => money[s]![j]! - lambda * lost[s]![j]!, scratch);
    for (let s = 0; s < k; s++) {
      rows.push({ lossValue: lambda, strategy: s, probabilityBest: shares[s]!, expectedNetBenefit: moneyMean[s]! - lambda * lostMean[s]! });
    }
  }
  return rows;
}

/** How E[NB | φ] was estimated. */
export type EvppiMethod = 'spline' | 'tensor-spline' | 'group-means';

/** Options of {@link evppi}. */
export interface EvppiOptions {
  /**
   * Draws of the regression coefficients for the standard error (default 500, voi's
   * default B [S] voi::evppi); 0 skips the standard error (se = 0 then means "not computed").
   */
  readonly seSamples?: number;
  /** Seed of the coefficient draws (default 1 [A]); the estimate itself uses no randomness. */
  readonly seed?: Seed;
}

/** An EVPPI estimate. */
export interface EvppiResult {
  /** EVPPI, in the unit of the net benefit: the regression estimate, never above `evpi`. */
  readonly value: number;
  /**
   * Standard error from the regression: the standard deviation of the EVPPI over
   * `seSamples` draws of the metamodel's coefficients from their posterior (Strong, Oakley
   * & Brennan 2014, §"Standard errors"; voi `se = TRUE`). It measures the regression's
   * uncertainty for these PSA draws, not the Monte Carlo error of the draws themselves.
   */
  readonly se: number;
  readonly method: EvppiMethod;
  /** The EVPI from the same draws: EVPPI cannot exceed it. */
  readonly evpi: number;
  /**
   * The regression estimate before the bound: when it exceeds `evpi` (regression noise; the
   * estimand E_φ[max_k E(NB_k | φ)] ≤ E[max_k NB_k] by Jensen's inequality), `value` is
   * `evpi`: φ explains all the decision uncertainty the draws can show.
   */
  readonly regressionValue: number;
  /** Effective degrees of freedom of each strategy's regression (against strategy 0). */
  readonly edf: readonly number[];
  readonly draws: number;
}

/** At least this many draws for an EVPPI [A]: fewer cannot separate signal from noise. */
export const MIN_EVPPI_DRAWS = 20;
/** EVPPI by regression handles groups up to this size (the tensor product grows as 4^D). */
export const MAX_EVPPI_GROUP = 4;

function readParameters(parameterDraws: unknown, n: number): DrawSeries[] {
  const isSeries = (x: unknown) => ArrayBuffer.isView(x) || (Array.isArray(x) && !(x.length > 0 && typeof x[0] === 'object' && x[0] !== null));
  const single = isSeries(parameterDraws);
  if (single) parameterDraws = [parameterDraws];
  if (!Array.isArray(parameterDraws) || parameterDraws.length === 0) {
    throw new InvalidParameterError('parameterDraws', 'one series of parameter values per draw, or a list of them for a group', parameterDraws);
  }
  const group = parameterDraws as unknown[];
  if (group.length > MAX_EVPPI_GROUP) {
    throw new InvalidParameterError('parameterDraws', `a group of at most ${MAX_EVPPI_GROUP} parameters (larger groups need a Gaussian-process metamodel, not implemented)`, parameterDraws);
  }
  for (let g = 0; g < group.length; g++) {
    const series = group[g];
    const field = single ? 'parameterDraws' : `parameterDraws[${g}]`;
    if (!(Array.isArray(series) || (ArrayBuffer.isView(series) && !(series instanceof DataView)))) {
      throw new InvalidParameterError(field, 'an array of numbers (one per draw)', series);
    }
    const values = series as ArrayLike<unknown>;
    if (values.length !== n) throw new InvalidParameterError(field, `${n} values, one per draw of netBenefit`, series);
    for (let j = 0; j < n; j++) {
      const x = values[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidParameterError(`${field}[${j}]`, 'a finite number', x);
    }
  }
  return group as DrawSeries[];
}

/** mean_j max(0, f_1j, …, f_(K−1)j) − mean_j f_(best)j, from fitted incremental net benefits. */
function evppiFromFitted(fitted: readonly Float64Array[], means: ArrayLike<number>, n: number): number {
  const strategies = fitted.length;
  let best = -1; // −1: the reference strategy (incremental NB 0)
  let bestMean = 0;
  for (let k = 0; k < strategies; k++) {
    if (means[k]! > bestMean) {
      bestMean = means[k]!;
      best = k;
    }
  }
  const chosen = best === -1 ? undefined : fitted[best]!;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    let max = 0;
    for (let k = 0; k < strategies; k++) {
      const f = fitted[k]![j]!;
      if (f > max) max = f;
    }
    sum += chosen === undefined ? max : max - chosen[j]!;
  }
  return sum / n;
}

/**
 * The standard deviation of the EVPPI over `samples` draws of every regression's
 * coefficients from their posterior (independent across strategies, as in SAVI and voi).
 * Buffers are allocated once; each draw costs O(p² + N·4^D) per strategy.
 */
function regressionStandardError(smoother: PreparedSmoother, fits: readonly SmootherFit[], samples: number, rng: Rng): number {
  const { n, p } = smoother;
  const coef = new Float64Array(p);
  const scratch = new Float64Array(p);
  const draws = fits.map(() => new Float64Array(n));
  const drawMeans = new Float64Array(fits.length);
  let sum = 0;
  let sumSq = 0;
  for (let b = 0; b < samples; b++) {
    for (let f = 0; f < fits.length; f++) {
      const mean = fits[f]!.coef;
      const sd = fits[f]!.coefSd;
      for (let i = 0; i < p; i++) {
        const u = rng.next();
        // A standard normal by inversion at the midpoint of u's cell (as the normal distribution draws).
        const z = u < 0.5 ? normalQuantileLower(u + HALF_CELL) : -normalQuantileLower(1 - u - HALF_CELL);
        coef[i] = mean[i]! + sd[i]! * z;
      }
      drawMeans[f] = fittedFor(smoother, fits[f]!.mean, coef, draws[f]!, scratch);
    }
    const v = evppiFromFitted(draws, drawMeans, n);
    sum += v;
    sumSq += v * v;
  }
  const m = sum / samples;
  return Math.sqrt(Math.max(0, (sumSq - samples * m * m) / (samples - 1)));
}

const HALF_CELL = 2 ** -54;

/**
 * The expected value of partial perfect information about a parameter (or a group of up
 * to four): E_φ[max_k E(NB_k | φ)] − max_k E(NB_k), by the regression method of Strong,
 * Oakley & Brennan (2014). Each strategy's incremental net benefit against strategy 0 is
 * regressed on φ (as voi and SAVI do), and the EVPPI is the mean over draws of the best
 * fitted value minus the best mean. Metamodels (src/uncertainty/smoother.ts): one
 * parameter — a cubic penalised (O'Sullivan) spline with knots at quantiles and REML
 * smoothing (Wand & Ormerod 2008; Wood 2011); two to four — a tensor-product spline of the
 * same kind; a parameter (group) with at most 20 distinct
 * values and at least 5 draws per value — the group means.
 *
 * Bias: the fitted values carry regression noise, and the maximum of noisy values is
 * biased upward, so a small EVPPI is overestimated by roughly the noise's contribution —
 * a parameter the net benefit does not depend on gets a small positive EVPPI of the order
 * of its standard error when the strategies are close (Strong et al. 2014, §Discussion).
 * Read an EVPPI below two standard errors as "indistinguishable from 0".
 *
 * @example
 * // NB of strategy 1 depends on θ alone; strategy 0 is the reference (0).
 * evppi(theta, [zeros, theta.map((t) => 100 * (t - 0.5))]).value // ≈ evpi(…).value
 */
export function evppi(parameterDraws: DrawSeries | readonly DrawSeries[], netBenefit: NetBenefit, options: EvppiOptions = {}): EvppiResult {
  const { k, n, rows } = readSeries(netBenefit, 'netBenefit', MIN_EVPPI_DRAWS);
  const group = readParameters(parameterDraws, n);
  if (typeof options !== 'object' || options === null) throw new InvalidParameterError('options', 'a mapping of options', options);
  for (const key of Object.keys(options)) {
    if (key !== 'seSamples' && key !== 'seed') throw new InvalidParameterError(`options.${key}`, 'one of the options seSamples, seed', key);
  }
  const seSamples = requireInteger('options.seSamples', options.seSamples ?? 500, 0, 1_000_000);
  const seed = seedKey(options.seed ?? 1, 'options.seed');
  const total = evpi(rows);
  // Incremental net benefit against strategy 0.
  const reference = rows[0]!;
  const increments: Float64Array[] = [];
  for (let s = 1; s < k; s++) {
    const row = rows[s]!;
    const inc = new Float64Array(n);
    for (let j = 0; j < n; j++) inc[j] = row[j]! - reference[j]!;
    increments.push(inc);
  }
  // A parameter that never varies carries no information: leave it out of the basis (a
  // group of constants is one group of all draws, whose EVPPI is exactly 0).
  const varying = group.filter((series) => {
    for (let j = 1; j < n; j++) if (series[j] !== series[0]) return true;
    return false;
  });
  const groups = groupIndex(varying, n, Math.min(MAX_GROUPS, Math.floor(n / MIN_DRAWS_PER_GROUP)));
  const smoother: PreparedSmoother = groups !== undefined ? prepareGroupMeans(groups.group, groups.count) : prepareSpline(varying);
  const fits = increments.map((y) => fitSmoother(smoother, y));
  const fitted = fits.map((f) => f.fitted);
  const means = fits.map((f) => f.mean);
  const regressionValue = evppiFromFitted(fitted, means, n);
  const se = seSamples > 1 && fits.length > 0 ? regressionStandardError(smoother, fits, seSamples, deriveRng(seed, 'evppi', 'coefficients')) : 0;
  return {
    value: Math.min(regressionValue, total.value),
    se,
    method: smoother.method,
    evpi: total.value,
    regressionValue,
    edf: fits.map((f) => f.edf),
    draws: n,
  };
}
