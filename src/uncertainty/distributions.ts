/**
 * Parameter distributions for probabilistic sensitivity analysis: what we believe about
 * a parameter we do not know exactly (Briggs, Claxton & Sculpher, Decision Modelling for
 * Health Economic Evaluation, 2006, ch. 4). A distribution is plain data, written the same
 * way in a scenario file and in code — `{ dist: 'beta', mean: 0.5, sd: 0.15 }` — and is
 * compiled once into a cheap object that samples from an injected {@link Rng}, after
 * d3-random: validate once, then draw without checks.
 *
 * Families and forms (each spec may carry a `source`: where the range comes from):
 * - `beta` — `{ mean, sd }` (0 < mean < 1, sd² < mean(1 − mean)) or `{ alpha, beta }`;
 *   probabilities and shares. α = m·(m(1−m)/s² − 1), β = (1−m)·(m(1−m)/s² − 1).
 * - `gamma` — `{ mean, sd }` or `{ shape, scale }` (mean = shape·scale); positive
 *   quantities such as costs and audience sizes. shape = m²/s², scale = s²/m.
 * - `lognormal` — `{ mean, sd }` (of the lognormal itself) or `{ mu, sigma }` (of its
 *   log). σ² = log(1 + s²/m²), μ = log m − σ²/2.
 * - `normal` — `{ mean, sd, low?, high? }`: `mean` and `sd` are those of the normal
 *   before truncation to [low, high]; the compiled `mean` and `variance` are those after.
 * - `uniform` — `{ low, high }`; `triangular` and `pert` — `{ low, mode, high }` (PERT:
 *   a beta on [low, high] with mean (low + 4·mode + high)/6, λ = 4; Vose, Risk Analysis,
 *   3rd ed., 2008, §9.1.2).
 * - `discrete` — `{ values, weights? }`: each value with probability weight / Σ weights
 *   (equal weights when absent).
 *
 * Sampling: normal, truncated normal and lognormal by inversion with Wichura's Φ⁻¹ (one
 * uniform per draw; the uniform is the midpoint of one of 2^53 equal cells, so |z| ≤ 8.3);
 * gamma by Marsaglia & Tsang (src/random/samplers.ts), below shape 1 through the boost
 * G(k) = G(k + 1)·U^(1/k) in logarithms; beta as X/(X + Y) of two gammas, also in
 * logarithms so tiny shapes neither underflow to 0/0 nor lose the smaller one; PERT as a
 * scaled beta; triangular by inversion; discrete by Vose's alias method.
 */
import { z } from 'zod';
import { InvalidParameterError, describeValue } from '../errors.js';
import { gamma as gammaSampler, weightedChoice } from '../random/samplers.js';
import type { Sampler } from '../random/samplers.js';
import type { Rng } from '../random/rng.js';
import { logBeta, logGamma, normalQuantileLower, standardNormalCdf, standardNormalLogDensity, standardNormalQuantile } from './special-functions.js';

// --- the specs, as users write them ------------------------------------------------------

/** Beta from its mean and standard deviation: 0 < mean < 1, 0 < sd² < mean(1 − mean). */
export interface BetaMeanSd {
  readonly dist: 'beta';
  readonly mean: number;
  readonly sd: number;
  readonly source?: string;
}
/** Beta(α, β) from its shapes, α > 0, β > 0. */
export interface BetaShapes {
  readonly dist: 'beta';
  readonly alpha: number;
  readonly beta: number;
  readonly source?: string;
}
/** Gamma from its mean and standard deviation, both > 0. */
export interface GammaMeanSd {
  readonly dist: 'gamma';
  readonly mean: number;
  readonly sd: number;
  readonly source?: string;
}
/** Gamma with shape k > 0 and scale θ > 0 (mean kθ, variance kθ²). */
export interface GammaShapeScale {
  readonly dist: 'gamma';
  readonly shape: number;
  readonly scale: number;
  readonly source?: string;
}
/** Lognormal from its own mean and standard deviation, both > 0. */
export interface LognormalMeanSd {
  readonly dist: 'lognormal';
  readonly mean: number;
  readonly sd: number;
  readonly source?: string;
}
/** Lognormal whose logarithm is normal with mean μ and standard deviation σ > 0. */
export interface LognormalMuSigma {
  readonly dist: 'lognormal';
  readonly mu: number;
  readonly sigma: number;
  readonly source?: string;
}
/** Normal with mean and sd (> 0), optionally truncated to [low, high]. */
export interface NormalSpec {
  readonly dist: 'normal';
  readonly mean: number;
  readonly sd: number;
  readonly low?: number;
  readonly high?: number;
  readonly source?: string;
}
/** Uniform on [low, high], low < high. */
export interface UniformSpec {
  readonly dist: 'uniform';
  readonly low: number;
  readonly high: number;
  readonly source?: string;
}
/** Triangular on [low, high] with its peak at mode (low ≤ mode ≤ high, low < high). */
export interface TriangularSpec {
  readonly dist: 'triangular';
  readonly low: number;
  readonly mode: number;
  readonly high: number;
  readonly source?: string;
}
/** PERT (λ = 4) on [low, high] with most likely value mode. */
export interface PertSpec {
  readonly dist: 'pert';
  readonly low: number;
  readonly mode: number;
  readonly high: number;
  readonly source?: string;
}
/** A finite set of values, each with probability weight / Σ weights (equal when absent). */
export interface DiscreteSpec {
  readonly dist: 'discrete';
  readonly values: readonly number[];
  readonly weights?: readonly number[];
  readonly source?: string;
}

/** A parameter's distribution, as plain data. */
export type DistributionSpec =
  | BetaMeanSd
  | BetaShapes
  | GammaMeanSd
  | GammaShapeScale
  | LognormalMeanSd
  | LognormalMuSigma
  | NormalSpec
  | UniformSpec
  | TriangularSpec
  | PertSpec
  | DiscreteSpec;

/** The family names a spec may give as `dist`. */
export type DistributionName = DistributionSpec['dist'];
export const DISTRIBUTION_NAMES: readonly DistributionName[] = ['beta', 'gamma', 'lognormal', 'normal', 'uniform', 'triangular', 'pert', 'discrete'];

/**
 * A compiled distribution. `support` is the closed interval every sample lies in (±Infinity
 * when unbounded); `logDensity` is the log density (for `discrete`, the log probability of
 * the value; −Infinity outside the support); `quantile`, where present, is the inverse
 * distribution function. Sampling is deterministic given the rng stream.
 */
export interface Distribution {
  readonly spec: DistributionSpec;
  readonly mean: number;
  readonly variance: number;
  readonly support: { low: number; high: number };
  sample(rng: Rng): number;
  logDensity(x: number): number;
  quantile?(p: number): number;
}

// --- validation: one checker for compileDistribution and the zod schema ------------------

/** One problem with a spec: where (relative to the spec), what was expected, what came. */
interface SpecProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly expected: string;
  readonly received: unknown;
}

/** The keys each family accepts, and its alternative forms. */
const FORMS: Record<DistributionName, { keys: readonly string[]; forms: readonly (readonly string[])[]; optional?: readonly string[] }> = {
  beta: { keys: ['mean', 'sd', 'alpha', 'beta'], forms: [['mean', 'sd'], ['alpha', 'beta']] },
  gamma: { keys: ['mean', 'sd', 'shape', 'scale'], forms: [['mean', 'sd'], ['shape', 'scale']] },
  lognormal: { keys: ['mean', 'sd', 'mu', 'sigma'], forms: [['mean', 'sd'], ['mu', 'sigma']] },
  normal: { keys: ['mean', 'sd', 'low', 'high'], forms: [['mean', 'sd']], optional: ['low', 'high'] },
  uniform: { keys: ['low', 'high'], forms: [['low', 'high']] },
  triangular: { keys: ['low', 'mode', 'high'], forms: [['low', 'mode', 'high']] },
  pert: { keys: ['low', 'mode', 'high'], forms: [['low', 'mode', 'high']] },
  discrete: { keys: ['values', 'weights'], forms: [['values']], optional: ['weights'] },
};

/** The smallest share of a normal's probability a truncation may keep [A]: less is almost surely a unit mistake. */
export const MIN_TRUNCATED_MASS = 1e-6;

/** A number for a message: as written, rounded to 6 significant digits when long. */
function show(x: number): string {
  if (!Number.isFinite(x)) return describeValue(x);
  return String(Number(x.toPrecision(6)));
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Lower and upper truncation points standardised, and the probability between them. */
function truncationMass(mean: number, sd: number, low: number, high: number): number {
  const a = (low - mean) / sd;
  const b = (high - mean) / sd;
  // Work in the lower tail, where Φ keeps its relative precision.
  return a > 0 ? standardNormalCdf(-a) - standardNormalCdf(-b) : standardNormalCdf(b) - standardNormalCdf(a);
}

/** Every problem with a would-be spec, in the order a reader meets them. */
function specProblems(spec: unknown): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const add = (path: ReadonlyArray<string | number>, expected: string, received: unknown) => problems.push({ path, expected, received });
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    add([], `a distribution: a mapping with dist (${DISTRIBUTION_NAMES.join(', ')}) and its parameters`, spec);
    return problems;
  }
  const s = spec as Record<string, unknown>;
  const dist = s.dist;
  if (typeof dist !== 'string' || !(DISTRIBUTION_NAMES as readonly string[]).includes(dist)) {
    add(['dist'], `one of ${DISTRIBUTION_NAMES.join(', ')}`, dist);
    return problems;
  }
  const name = dist as DistributionName;
  const family = FORMS[name];
  for (const key of Object.keys(s)) {
    if (key === 'dist' || key === 'source' || family.keys.includes(key)) continue;
    add([key], `no parameter of this name in a ${name} (it takes ${family.forms.map((f) => f.join(', ')).join(' or ')}${family.optional ? `, and optionally ${family.optional.join(', ')}` : ''})`, key);
  }
  if (s.source !== undefined && typeof s.source !== 'string') add(['source'], 'text saying where the range comes from', s.source);
  const present = family.forms.filter((form) => form.some((k) => s[k] !== undefined));
  if (present.length > 1) {
    add([present[1]!.find((k) => s[k] !== undefined)!], `either ${family.forms.map((f) => f.join(' and ')).join(', or ')} for a ${name}, not both`, s[present[1]!.find((k) => s[k] !== undefined)!]);
    return problems;
  }
  const form = present[0] ?? family.forms[0]!;
  if (name === 'discrete') {
    discreteProblems(s, add);
    return problems;
  }
  const required = [...form, ...(family.optional ?? []).filter((k) => s[k] !== undefined)];
  let numbersOk = true;
  for (const key of required) {
    if (!isNumber(s[key])) {
      numbersOk = false;
      const alternatives = family.forms.length > 1 ? ` (a ${name} takes ${family.forms.map((f) => f.join(' and ')).join(', or ')})` : '';
      add([key], `a finite number${s[key] === undefined ? alternatives : ''}`, s[key]);
    }
  }
  if (!numbersOk || problems.length > 0) return problems;
  const v = (k: string) => s[k] as number;
  switch (name) {
    case 'beta':
      if (form[0] === 'mean') {
        const m = v('mean');
        const sd = v('sd');
        if (!(m > 0 && m < 1)) add(['mean'], 'a number > 0 and < 1 for a beta', m);
        else if (!(sd > 0)) add(['sd'], 'a number > 0', sd);
        else if (!(sd * sd < m * (1 - m))) add(['sd'], `sd² < mean(1 − mean) = ${show(m * (1 - m))} for a beta`, sd);
      } else {
        if (!(v('alpha') > 0)) add(['alpha'], 'a number > 0', v('alpha'));
        if (!(v('beta') > 0)) add(['beta'], 'a number > 0', v('beta'));
      }
      break;
    case 'gamma':
    case 'lognormal':
      if (form[0] === 'mean') {
        if (!(v('mean') > 0)) add(['mean'], `a number > 0 for a ${name}`, v('mean'));
        if (!(v('sd') > 0)) add(['sd'], 'a number > 0', v('sd'));
      } else if (name === 'gamma') {
        if (!(v('shape') > 0)) add(['shape'], 'a number > 0', v('shape'));
        if (!(v('scale') > 0)) add(['scale'], 'a number > 0', v('scale'));
        else if (v('shape') > 0 && !Number.isFinite(v('shape') * v('scale') * v('scale'))) add(['scale'], 'a gamma with a finite variance (shape·scale² below 1.8e308)', v('scale'));
      } else {
        const sigma = v('sigma');
        if (!(sigma > 0)) add(['sigma'], 'a number > 0', sigma);
        else if (!Number.isFinite(Math.expm1(sigma * sigma) * Math.exp(2 * v('mu') + sigma * sigma))) {
          add(['sigma'], `a lognormal with a finite variance (2·mu + 2·sigma² below 709; mu is ${show(v('mu'))})`, sigma);
        }
      }
      break;
    case 'normal': {
      const mean = v('mean');
      const sd = v('sd');
      if (!(sd > 0)) {
        add(['sd'], 'a number > 0', sd);
        break;
      }
      const low = s.low === undefined ? -Infinity : v('low');
      const high = s.high === undefined ? Infinity : v('high');
      if (!(low < high)) {
        add(['high'], `a number > low = ${show(low)}`, high);
        break;
      }
      const mass = truncationMass(mean, sd, low, high);
      if (!(mass >= MIN_TRUNCATED_MASS)) {
        const key = s.low !== undefined && (s.high === undefined || low - mean > mean - high) ? 'low' : 'high';
        add([key], `a truncation keeping at least ${MIN_TRUNCATED_MASS} of the normal's probability (mean ${show(mean)}, sd ${show(sd)}; [${show(low)}, ${show(high)}] keeps ${mass.toExponential(2)})`, v(key));
      }
      break;
    }
    case 'uniform':
      if (!(v('low') < v('high'))) add(['high'], `a number > low = ${show(v('low'))}`, v('high'));
      break;
    case 'triangular':
    case 'pert':
      if (!(v('low') < v('high'))) add(['high'], `a number > low = ${show(v('low'))}`, v('high'));
      else if (!(v('mode') >= v('low') && v('mode') <= v('high'))) add(['mode'], `a number between low = ${show(v('low'))} and high = ${show(v('high'))}`, v('mode'));
      break;
  }
  return problems;
}

function discreteProblems(s: Record<string, unknown>, add: (path: ReadonlyArray<string | number>, expected: string, received: unknown) => void): void {
  const values = s.values;
  if (!Array.isArray(values) || values.length === 0) {
    add(['values'], 'a non-empty list of numbers', values);
    return;
  }
  const seen = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const x: unknown = values[i];
    if (!isNumber(x)) add(['values', i], 'a finite number', x);
    else if (seen.has(x)) add(['values', i], `a value not listed before (values[${seen.get(x)}] is ${show(x)})`, x);
    else seen.set(x, i);
  }
  const weights = s.weights;
  if (weights === undefined) return;
  if (!Array.isArray(weights) || weights.length !== values.length) {
    add(['weights'], `a list of ${values.length} weights, one per value`, weights);
    return;
  }
  let positive = false;
  let ok = true;
  for (let i = 0; i < weights.length; i++) {
    const w: unknown = weights[i];
    if (!isNumber(w) || w < 0) {
      add(['weights', i], 'a finite number ≥ 0', w);
      ok = false;
    } else if (w > 0) positive = true;
  }
  if (ok && !positive) add(['weights'], 'at least one weight > 0', 0);
}

/** A problem's path as a field name: `sd`, `values[2]`. */
function pathText(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function joinField(field: string, path: ReadonlyArray<string | number>): string {
  const rest = pathText(path);
  if (field === '') return rest;
  if (rest === '') return field;
  return rest.startsWith('[') ? `${field}${rest}` : `${field}.${rest}`;
}

// --- the zod schema ----------------------------------------------------------------------

const source = z.exactOptional(z.string().meta({ description: 'where the range comes from (a study, a quote, an assumption)' }));
const num = (description: string) => z.number().meta({ description });
const FORM_SCHEMAS = [
  z.strictObject({ dist: z.literal('beta'), mean: num('mean, 0 < mean < 1'), sd: num('standard deviation, sd² < mean(1 − mean)'), source }).meta({ description: 'beta from its mean and standard deviation' }),
  z.strictObject({ dist: z.literal('beta'), alpha: num('first shape α > 0'), beta: num('second shape β > 0'), source }).meta({ description: 'beta from its shapes' }),
  z.strictObject({ dist: z.literal('gamma'), mean: num('mean > 0'), sd: num('standard deviation > 0'), source }).meta({ description: 'gamma from its mean and standard deviation' }),
  z.strictObject({ dist: z.literal('gamma'), shape: num('shape > 0'), scale: num('scale > 0 (mean = shape·scale)'), source }).meta({ description: 'gamma from its shape and scale' }),
  z.strictObject({ dist: z.literal('lognormal'), mean: num('mean > 0'), sd: num('standard deviation > 0'), source }).meta({ description: 'lognormal from its own mean and standard deviation' }),
  z.strictObject({ dist: z.literal('lognormal'), mu: num('mean of the logarithm'), sigma: num('standard deviation of the logarithm, > 0'), source }).meta({ description: 'lognormal from the normal of its logarithm' }),
  z
    .strictObject({
      dist: z.literal('normal'),
      mean: num('mean before truncation'),
      sd: num('standard deviation before truncation, > 0'),
      low: z.exactOptional(num('truncate below this value')),
      high: z.exactOptional(num('truncate above this value')),
      source,
    })
    .meta({ description: 'normal, optionally truncated to [low, high]' }),
  z.strictObject({ dist: z.literal('uniform'), low: num('lowest value'), high: num('highest value, > low'), source }).meta({ description: 'uniform on [low, high]' }),
  z.strictObject({ dist: z.literal('triangular'), low: num('lowest value'), mode: num('most likely value'), high: num('highest value, > low'), source }).meta({ description: 'triangular on [low, high] peaking at mode' }),
  z.strictObject({ dist: z.literal('pert'), low: num('lowest value'), mode: num('most likely value'), high: num('highest value, > low'), source }).meta({ description: 'PERT (a beta, λ = 4) on [low, high] with most likely value mode' }),
  z
    .strictObject({
      dist: z.literal('discrete'),
      values: z.array(z.number()).min(1).meta({ description: 'the possible values' }),
      weights: z.exactOptional(z.array(z.number().min(0)).meta({ description: 'relative weight of each value (equal when absent)' })),
      source,
    })
    .meta({ description: 'a finite set of values with weights' }),
] as const;

/**
 * The zod schema of a distribution spec. Validation runs the same checks as
 * {@link compileDistribution} first — each problem an issue with its path relative to the
 * spec (`['sd']`, `['values', 2]`), `message` saying what was expected (`expected sd² <
 * mean(1 − mean) = 0.25 for a beta`) and `input` the value received — and only a valid
 * spec reaches the union of forms, which types the output and gives the JSON Schema.
 */
export const distributionSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const p of specProblems(value)) {
      ctx.addIssue({ code: 'custom', path: [...p.path], message: `expected ${p.expected}`, input: p.received });
    }
  })
  .pipe(z.union(FORM_SCHEMAS))
  .meta({ description: 'a distribution: { dist: beta | gamma | lognormal | normal | uniform | triangular | pert | discrete, …its parameters, source? }' });

/** True when a value looks like a distribution spec (a mapping with a `dist` key), valid or not. */
export function isDistributionSpec(value: unknown): value is DistributionSpec {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'dist' in value;
}

/**
 * Checks a spec and throws an {@link InvalidParameterError} naming the exact field, what
 * was expected and what was received, e.g. `share.sd: expected sd² < mean(1 − mean) =
 * 0.25 for a beta, received 0.6`.
 */
export function validateDistribution(spec: unknown, field = 'distribution'): asserts spec is DistributionSpec {
  const problems = specProblems(spec);
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new InvalidParameterError(joinField(field, p.path), p.expected, p.received);
  }
}

// --- compiled distributions ----------------------------------------------------------------

/** Half the spacing of Rng.next()'s grid: u + 2^-54 is the midpoint of a cell of width 2^-53. */
const HALF_CELL = 2 ** -54;

/** A standard normal from one uniform, by inversion at the midpoint of the uniform's cell. */
function normalByInversion(rng: Rng): number {
  const u = rng.next();
  return u < 0.5 ? normalQuantileLower(u + HALF_CELL) : -normalQuantileLower(1 - u - HALF_CELL);
}

/** log Gamma(shape, 1) draws: Marsaglia–Tsang above shape 1, the boost in logs below. */
function logGammaDraw(shape: number, unit: Sampler): (rng: Rng) => number {
  if (shape >= 1) return (rng) => Math.log(unit(rng));
  const inv = 1 / shape;
  return (rng) => {
    const g = unit(rng); // Gamma(shape + 1)
    const u = 1 - rng.next(); // (0, 1]
    return Math.log(g) + Math.log(u) * inv;
  };
}

/** a·log(x), with 0·log(0) = 0 (a density's factor x^a at the edge of its support). */
function xlog(a: number, x: number): number {
  return a === 0 ? 0 : a * Math.log(x);
}

/** The probability a draw equals a finite end of an interval by rounding a scaled uniform. */
function scaledRoundingRisk(endpoint: number, width: number): number {
  return 2 ** -52 * (1 + Math.abs(endpoint) / width);
}

function requireP(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new InvalidParameterError('p', 'a probability between 0 and 1', p);
  return p;
}

function requireX(x: number): number {
  if (typeof x !== 'number' || Number.isNaN(x)) throw new InvalidParameterError('x', 'a number', x);
  return x;
}

/**
 * Shared by every compiled distribution. `roundingRisk(side)` bounds the probability that
 * a draw lands exactly on that end of the support through floating-point rounding (an
 * underflow to 0, or 1 − x below 2^-53): the support-fit check uses it for ranges that
 * exclude an end.
 */
abstract class CompiledDistribution implements Distribution {
  readonly spec: DistributionSpec;
  abstract readonly mean: number;
  abstract readonly variance: number;
  abstract readonly support: { low: number; high: number };
  constructor(spec: DistributionSpec) {
    this.spec = spec;
  }
  abstract sample(rng: Rng): number;
  abstract logDensity(x: number): number;
  abstract roundingRisk(side: 'low' | 'high'): number;
}

class BetaDistribution extends CompiledDistribution {
  readonly mean: number;
  readonly variance: number;
  readonly support = Object.freeze({ low: 0, high: 1 });
  readonly alpha: number;
  readonly beta: number;
  readonly #lx: (rng: Rng) => number;
  readonly #ly: (rng: Rng) => number;
  readonly #logNorm: number;
  constructor(spec: DistributionSpec, alpha: number, beta: number) {
    super(spec);
    this.alpha = alpha;
    this.beta = beta;
    const s = alpha + beta;
    this.mean = alpha / s;
    this.variance = (alpha * beta) / (s * s * (s + 1));
    this.#lx = logGammaDraw(alpha, gammaSampler(alpha >= 1 ? alpha : alpha + 1));
    this.#ly = logGammaDraw(beta, gammaSampler(beta >= 1 ? beta : beta + 1));
    this.#logNorm = logBeta(alpha, beta);
  }
  sample(rng: Rng): number {
    const lx = this.#lx(rng);
    const ly = this.#ly(rng);
    return 1 / (1 + Math.exp(ly - lx));
  }
  logDensity(x: number): number {
    requireX(x);
    if (x < 0 || x > 1) return -Infinity;
    return xlog(this.alpha - 1, x) + (this.beta === 1 ? 0 : (this.beta - 1) * Math.log1p(-x)) - this.#logNorm;
  }
  roundingRisk(side: 'low' | 'high'): number {
    // P(X < t) ≤ 2·t^α/(α·B(α, β)) for t ≤ 2^-52. A draw is 0 when e^(ly − lx) overflows
    // (X/(X+Y) below e^-709.78); it is 1 when 1 − X is below about 2^-53.
    const [shape, t] = side === 'low' ? [this.alpha, Math.exp(-709)] : [this.beta, 2 ** -52];
    return Math.min(1, Math.exp(Math.log(2) + shape * Math.log(t) - Math.log(shape) - this.#logNorm));
  }
}

class GammaDistribution extends CompiledDistribution {
  readonly mean: number;
  readonly variance: number;
  readonly support = Object.freeze({ low: 0, high: Infinity });
  readonly shape: number;
  readonly scale: number;
  readonly #draw: (rng: Rng) => number;
  readonly #logNorm: number;
  constructor(spec: DistributionSpec, shape: number, scale: number) {
    super(spec);
    this.shape = shape;
    this.scale = scale;
    this.mean = shape * scale;
    this.variance = shape * scale * scale;
    if (shape >= 1) {
      this.#draw = gammaSampler(shape, scale);
    } else {
      const log = logGammaDraw(shape, gammaSampler(shape + 1));
      this.#draw = (rng) => scale * Math.exp(log(rng));
    }
    this.#logNorm = logGamma(shape) + shape * Math.log(scale);
  }
  sample(rng: Rng): number {
    return this.#draw(rng);
  }
  logDensity(x: number): number {
    requireX(x);
    if (x < 0 || x === Infinity) return -Infinity;
    return xlog(this.shape - 1, x) - x / this.scale - this.#logNorm;
  }
  roundingRisk(side: 'low' | 'high'): number {
    if (side === 'high') return 0;
    // P(G < t) ≤ t^k/Γ(k + 1) for the unit gamma; a draw underflows to 0 below 1e-323.
    const t = 1e-323 / this.scale;
    return t >= 1 ? 1 : Math.min(1, Math.exp(this.shape * Math.log(t) - logGamma(this.shape + 1)));
  }
}

class LognormalDistribution extends CompiledDistribution {
  readonly mean: number;
  readonly variance: number;
  readonly support = Object.freeze({ low: 0, high: Infinity });
  readonly mu: number;
  readonly sigma: number;
  constructor(spec: DistributionSpec, mu: number, sigma: number) {
    super(spec);
    this.mu = mu;
    this.sigma = sigma;
    this.mean = Math.exp(mu + (sigma * sigma) / 2);
    this.variance = Math.expm1(sigma * sigma) * Math.exp(2 * mu + sigma * sigma);
  }
  sample(rng: Rng): number {
    return Math.exp(this.mu + this.sigma * normalByInversion(rng));
  }
  logDensity(x: number): number {
    requireX(x);
    if (!(x > 0) || x === Infinity) return -Infinity;
    const lx = Math.log(x);
    return standardNormalLogDensity((lx - this.mu) / this.sigma) - Math.log(this.sigma) - lx;
  }
  quantile(p: number): number {
    return Math.exp(this.mu + this.sigma * standardNormalQuantile(requireP(p)));
  }
  roundingRisk(side: 'low' | 'high'): number {
    return side === 'low' ? standardNormalCdf((-745.2 - this.mu) / this.sigma) : 0;
  }
}

class NormalDistribution extends CompiledDistribution {
  readonly mean: number;
  readonly variance: number;
  readonly support: { low: number; high: number };
  readonly mu: number;
  readonly sigma: number;
  // Truncation in standard units, oriented so that the interval never lies wholly above
  // 0 (flip = −1 mirrors it), where Φ keeps its relative precision.
  readonly #flip: number;
  readonly #pa: number;
  readonly #mass: number;
  readonly #logMass: number;
  readonly #untruncated: boolean;
  constructor(spec: DistributionSpec, mu: number, sigma: number, low: number, high: number) {
    super(spec);
    this.#untruncated = low === -Infinity && high === Infinity;
    this.mu = mu;
    this.sigma = sigma;
    this.support = Object.freeze({ low, high });
    let a = (low - mu) / sigma;
    let b = (high - mu) / sigma;
    this.#flip = a > 0 ? -1 : 1;
    if (a > 0) [a, b] = [-b, -a];
    const pa = standardNormalCdf(a);
    const mass = standardNormalCdf(b) - pa;
    this.#pa = pa;
    this.#mass = mass;
    this.#logMass = Math.log(mass);
    const phiA = Number.isFinite(a) ? Math.exp(standardNormalLogDensity(a)) : 0;
    const phiB = Number.isFinite(b) ? Math.exp(standardNormalLogDensity(b)) : 0;
    const shift = (phiA - phiB) / mass;
    const aphiA = Number.isFinite(a) ? a * phiA : 0;
    const bphiB = Number.isFinite(b) ? b * phiB : 0;
    this.mean = mu + this.#flip * sigma * shift;
    this.variance = sigma * sigma * (1 + (aphiA - bphiB) / mass - shift * shift);
  }
  sample(rng: Rng): number {
    if (this.#untruncated) return this.mu + this.sigma * normalByInversion(rng);
    const p = this.#pa + (rng.next() + HALF_CELL) * this.#mass;
    const x = this.mu + this.#flip * this.sigma * standardNormalQuantile(Math.min(p, 1));
    // Φ⁻¹(Φ(a)) may miss a by an ulp: keep every draw inside [low, high].
    return x < this.support.low ? this.support.low : x > this.support.high ? this.support.high : x;
  }
  logDensity(x: number): number {
    requireX(x);
    if (x < this.support.low || x > this.support.high || !Number.isFinite(x)) return -Infinity;
    return standardNormalLogDensity((x - this.mu) / this.sigma) - Math.log(this.sigma) - this.#logMass;
  }
  quantile(p: number): number {
    requireP(p);
    if (p === 0) return this.support.low;
    if (p === 1) return this.support.high;
    const x = this.mu + this.#flip * this.sigma * standardNormalQuantile(Math.min(this.#pa + (this.#flip === 1 ? p : 1 - p) * this.#mass, 1));
    return x < this.support.low ? this.support.low : x > this.support.high ? this.support.high : x;
  }
  roundingRisk(side: 'low' | 'high'): number {
    const end = side === 'low' ? this.support.low : this.support.high;
    return Number.isFinite(end) ? 2 ** -50 * (1 + Math.abs(end) / this.sigma) : 0;
  }
}

class UniformDistribution extends CompiledDistribution {
  readonly mean: number;
  readonly variance: number;
  readonly support: { low: number; high: number };
  readonly #width: number;
  constructor(spec: DistributionSpec, low: number, high: number) {
    super(spec);
    this.support = Object.freeze({ low, high });
    this.#width = high - low;
    this.mean = low + this.#width / 2;
    this.variance = (this.#width * this.#width) / 12;
  }
  sample(rng: Rng): number {
    const x = this.support.low + this.#width * rng.next();
    return x > this.support.high ? this.support.high : x;
  }
  logDensity(x: number): number {
    requireX(x);
    return x < this.support.low || x > this.support.high ? -Infinity : -Math.log(this.#width);
  }
  quantile(p: number): number {
    requireP(p);
    return p === 1 ? this.support.high : this.support.low + this.#width * p;
  }
  roundingRisk(side: 'low' | 'high'): number {
    return scaledRoundingRisk(side === 'low' ? this.support.low : this.support.high, this.#width);
  }
}

class TriangularDistribution extends CompiledDistribution {
  readonly mean: number;
  readonly variance: number;
  readonly support: { low: number; high: number };
  readonly mode: number;
  readonly #split: number;
  constructor(spec: DistributionSpec, low: number, mode: number, high: number) {
    super(spec);
    this.support = Object.freeze({ low, high });
    this.mode = mode;
    this.#split = (mode - low) / (high - low);
    this.mean = (low + mode + high) / 3;
    this.variance = (low * low + mode * mode + high * high - low * mode - low * high - mode * high) / 18;
  }
  quantile(p: number): number {
    requireP(p);
    const { low, high } = this.support;
    const x = p <= this.#split ? low + Math.sqrt(p * (high - low) * (this.mode - low)) : high - Math.sqrt((1 - p) * (high - low) * (high - this.mode));
    return x < low ? low : x > high ? high : x;
  }
  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }
  logDensity(x: number): number {
    requireX(x);
    const { low, high } = this.support;
    if (x < low || x > high) return -Infinity;
    const width = high - low;
    if (x < this.mode) return Math.log((2 * (x - low)) / (width * (this.mode - low)));
    if (x > this.mode) return Math.log((2 * (high - x)) / (width * (high - this.mode)));
    return Math.log(2 / width);
  }
  roundingRisk(side: 'low' | 'high'): number {
    return scaledRoundingRisk(side === 'low' ? this.support.low : this.support.high, this.support.high - this.support.low);
  }
}

class PertDistribution extends CompiledDistribution {
  readonly mean: number;
  readonly variance: number;
  readonly support: { low: number; high: number };
  readonly #beta: BetaDistribution;
  readonly #width: number;
  constructor(spec: DistributionSpec, low: number, mode: number, high: number) {
    super(spec);
    this.support = Object.freeze({ low, high });
    const width = high - low;
    this.#width = width;
    this.#beta = new BetaDistribution(spec, 1 + (4 * (mode - low)) / width, 1 + (4 * (high - mode)) / width);
    this.mean = (low + 4 * mode + high) / 6;
    this.variance = width * width * this.#beta.variance;
  }
  sample(rng: Rng): number {
    const x = this.support.low + this.#width * this.#beta.sample(rng);
    return x > this.support.high ? this.support.high : x;
  }
  logDensity(x: number): number {
    requireX(x);
    if (x < this.support.low || x > this.support.high) return -Infinity;
    return this.#beta.logDensity((x - this.support.low) / this.#width) - Math.log(this.#width);
  }
  roundingRisk(side: 'low' | 'high'): number {
    return this.#beta.roundingRisk(side) + scaledRoundingRisk(side === 'low' ? this.support.low : this.support.high, this.#width);
  }
}

class DiscreteDistribution extends CompiledDistribution {
  readonly mean: number;
  readonly variance: number;
  readonly support: { low: number; high: number };
  /** The values with positive probability, ascending, and their probabilities. */
  readonly #values: Float64Array;
  readonly #cumulative: Float64Array;
  readonly #logP: Map<number, number>;
  readonly #listed: Float64Array;
  readonly #pick: Sampler;
  readonly #share: Float64Array;
  constructor(spec: DiscreteSpec) {
    super(spec);
    const n = spec.values.length;
    const weights = spec.weights ?? new Array<number>(n).fill(1);
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, weights[i]!);
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]! / largest;
    this.#listed = Float64Array.from(spec.values);
    this.#share = new Float64Array(n);
    for (let i = 0; i < n; i++) this.#share[i] = weights[i]! / largest / total;
    this.#pick = spec.weights === undefined ? (rng) => Math.floor(rng.next() * n) : weightedChoice(weights);
    const order = [...Array(n).keys()].filter((i) => this.#share[i]! > 0).sort((a, b) => spec.values[a]! - spec.values[b]!);
    this.#values = Float64Array.from(order, (i) => spec.values[i]!);
    this.#cumulative = new Float64Array(order.length);
    this.#logP = new Map();
    let mean = 0;
    let cum = 0;
    order.forEach((i, k) => {
      cum += this.#share[i]!;
      this.#cumulative[k] = cum;
      this.#logP.set(spec.values[i]!, Math.log(this.#share[i]!));
      mean += this.#share[i]! * spec.values[i]!;
    });
    let variance = 0;
    for (const i of order) variance += this.#share[i]! * (spec.values[i]! - mean) ** 2;
    this.mean = mean;
    this.variance = variance;
    this.support = Object.freeze({ low: this.#values[0]!, high: this.#values[this.#values.length - 1]! });
  }
  sample(rng: Rng): number {
    return this.#listed[this.#pick(rng)]!;
  }
  logDensity(x: number): number {
    requireX(x);
    return this.#logP.get(x) ?? -Infinity;
  }
  quantile(p: number): number {
    requireP(p);
    const cum = this.#cumulative;
    const last = cum.length - 1;
    for (let k = 0; k < last; k++) if (cum[k]! >= p && p > 0) return this.#values[k]!;
    return p === 0 ? this.#values[0]! : this.#values[last]!;
  }
  roundingRisk(side: 'low' | 'high'): number {
    // The end value itself is drawn with its own probability.
    return Math.exp(this.#logP.get(side === 'low' ? this.support.low : this.support.high)!);
  }
}

/** A deep, frozen copy of a validated spec, so later edits to the user's object change nothing. */
function freezeSpec(spec: DistributionSpec): DistributionSpec {
  const copy: Record<string, unknown> = { ...spec };
  if (spec.dist === 'discrete') {
    copy.values = Object.freeze([...spec.values]);
    if (spec.weights !== undefined) copy.weights = Object.freeze([...spec.weights]);
  }
  return Object.freeze(copy) as unknown as DistributionSpec;
}

/**
 * Validates a spec and compiles it into a {@link Distribution}. Throws an
 * {@link InvalidParameterError} naming `field` and the offending key.
 *
 * @example
 * const share = compileDistribution({ dist: 'beta', mean: 0.5, sd: 0.15, source: '[A]' }, 'complainShare');
 * share.mean;                  // 0.5
 * share.sample(createRng(1));  // 0.5327881501480027
 * compileDistribution({ dist: 'beta', mean: 0.5, sd: 0.6 }, 'complainShare');
 * // InvalidParameterError: complainShare.sd: expected sd² < mean(1 − mean) = 0.25 for a beta, received 0.6
 */
export function compileDistribution(spec: DistributionSpec, field = 'distribution'): Distribution {
  return compile(spec, field);
}

function compile(input: unknown, field: string): CompiledDistribution {
  validateDistribution(input, field);
  const spec = freezeSpec(input);
  switch (spec.dist) {
    case 'beta': {
      if ('alpha' in spec) return new BetaDistribution(spec, spec.alpha, spec.beta);
      const k = (spec.mean * (1 - spec.mean)) / (spec.sd * spec.sd) - 1;
      return new BetaDistribution(spec, spec.mean * k, (1 - spec.mean) * k);
    }
    case 'gamma':
      if ('shape' in spec) return new GammaDistribution(spec, spec.shape, spec.scale);
      return new GammaDistribution(spec, (spec.mean * spec.mean) / (spec.sd * spec.sd), (spec.sd * spec.sd) / spec.mean);
    case 'lognormal': {
      if ('mu' in spec) return new LognormalDistribution(spec, spec.mu, spec.sigma);
      const sigma2 = Math.log1p((spec.sd * spec.sd) / (spec.mean * spec.mean));
      return new LognormalDistribution(spec, Math.log(spec.mean) - sigma2 / 2, Math.sqrt(sigma2));
    }
    case 'normal':
      return new NormalDistribution(spec, spec.mean, spec.sd, spec.low ?? -Infinity, spec.high ?? Infinity);
    case 'uniform':
      return new UniformDistribution(spec, spec.low, spec.high);
    case 'triangular':
      return new TriangularDistribution(spec, spec.low, spec.mode, spec.high);
    case 'pert':
      return new PertDistribution(spec, spec.low, spec.mode, spec.high);
    case 'discrete':
      return new DiscreteDistribution(spec);
  }
}

/**
 * The closed interval a spec's draws lie in: `{ low, high }`, ±Infinity when unbounded.
 * A beta's is [0, 1], a gamma's and a lognormal's [0, Infinity), a discrete's the least
 * and greatest value with positive weight.
 */
export function distributionSupport(spec: DistributionSpec | Distribution, field = 'distribution'): { low: number; high: number } {
  const d = isCompiled(spec) ? spec : compile(spec, field);
  return { low: d.support.low, high: d.support.high };
}

/** A parameter's allowed range. */
export interface ParameterRange {
  /** Least allowed value (−Infinity for none). */
  readonly min: number;
  /** Greatest allowed value (Infinity for none). */
  readonly max: number;
  /** The parameter must be > min, not ≥. */
  readonly minExclusive?: boolean;
  /** The parameter must be < max, not ≤. */
  readonly maxExclusive?: boolean;
  /** The parameter is an integer (counts, hops): only `discrete` with integer values fits. */
  readonly integer?: boolean;
}

/** Draws may land on an excluded end of a range through rounding at most this often [A]. */
export const MAX_ENDPOINT_ROUNDING_RISK = 1e-12;

function isCompiled(x: DistributionSpec | Distribution): x is Distribution {
  return typeof (x as Distribution).sample === 'function';
}

function describeRange(range: ParameterRange): string {
  const lo = range.min === -Infinity ? '' : `${range.minExclusive ? '>' : '≥'} ${show(range.min)}`;
  const hi = range.max === Infinity ? '' : `${range.maxExclusive ? '<' : '≤'} ${show(range.max)}`;
  return [lo, hi].filter(Boolean).join(' and ') || 'any number';
}

/**
 * Refuses a distribution whose draws could leave a parameter's range, with an
 * {@link InvalidParameterError} naming `field`. The support (closed) must lie within
 * [min, max]. Where the range excludes an end (`minExclusive`), a distribution whose
 * support reaches that end is accepted only when the end has probability 0 and rounding
 * lands a draw on it less often than {@link MAX_ENDPOINT_ROUNDING_RISK} (a gamma with shape
 * 0.01 underflows to 0 in about 1 draw in 1,700 and is refused for a parameter > 0).
 * An integer parameter accepts only a `discrete` distribution with integer values: a
 * continuous one would need rounding, which would change its mean and variance unseen.
 *
 * @example
 * supportFits({ dist: 'normal', mean: 0.3, sd: 0.1 }, { min: 0, max: 1 }, 'share');
 * // InvalidParameterError: share: expected a distribution whose draws stay ≥ 0 and ≤ 1 (truncate the normal with low and high), received "a normal on [-Infinity, Infinity]"
 */
export function supportFits(spec: DistributionSpec | Distribution, range: ParameterRange, field = 'distribution'): void {
  const d = isCompiled(spec) ? spec : compile(spec, field);
  const name = d.spec.dist;
  const { low, high } = d.support;
  const received = `a ${name} on [${show(low)}, ${show(high)}]`;
  const fail = (expected: string) => {
    throw new InvalidParameterError(field, expected, received);
  };
  if (range.integer) {
    if (name !== 'discrete') fail('a discrete distribution with integer values (this parameter is an integer)');
    for (const v of (d.spec as DiscreteSpec).values) if (!Number.isInteger(v)) fail(`a discrete distribution with integer values (this parameter is an integer; ${show(v)} is not)`);
  }
  const hint = name === 'normal' ? ' (truncate the normal with low and high)' : '';
  if (low < range.min || high > range.max) fail(`a distribution whose draws stay ${describeRange(range)}${hint}`);
  const risk = (side: 'low' | 'high') => (d instanceof CompiledDistribution ? d.roundingRisk(side) : 1);
  for (const side of ['low', 'high'] as const) {
    const exclusive = side === 'low' ? range.minExclusive : range.maxExclusive;
    const bound = side === 'low' ? range.min : range.max;
    const end = side === 'low' ? low : high;
    if (!exclusive || end !== bound) continue;
    const r = risk(side);
    if (r > MAX_ENDPOINT_ROUNDING_RISK) {
      const once = 1 / r < 1e15 ? String(Math.round(1 / r)) : show(1 / r);
      const how = name === 'discrete' ? `it gives ${show(end)} with probability ${show(r)}` : `its draws round to ${show(end)} about once in ${once}`;
      fail(`a distribution whose draws stay ${describeRange(range)} (${how})`);
    }
  }
}
