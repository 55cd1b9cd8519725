/**
 * Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC), in its
 * population Monte Carlo form (Beaumont, Cornuet, Marin & Robert 2009, Biometrika
 * 96:983; Toni et al. 2009, J R Soc Interface 6:187), for models whose likelihood cannot
 * be written down but which can be simulated. docs/calibration.md explains the method and
 * how to read the result.
 *
 * - **Generation 0** draws `particles` parameter vectors θ from the prior and simulates
 *   each once. Their summaries set the scale of every summary statistic (the median
 *   absolute deviation, see {@link madScale}); every draw is kept, with equal weights, and
 *   the generation's tolerance is its largest distance.
 * - **Generation g ≥ 1** uses the tolerance ε_g = the weighted α-quantile of generation
 *   g−1's distances (pyABC's `QuantileEpsilon`, default α = 0.5, in the spirit of
 *   Del Moral, Doucet & Jasra 2012), never below `targetTolerance`, and strictly below
 *   ε_{g−1} (see `stalled`). It proposes θ* by picking a particle of generation g−1 by its
 *   weight and moving it with a Gaussian kernel whose covariance is twice the weighted
 *   covariance of generation g−1 (Beaumont et al. 2009); a proposal outside the priors'
 *   support or of zero prior density is drawn again (no simulation is spent on it). θ* is
 *   simulated and accepted when its distance is ≤ ε_g, until `particles` are accepted.
 *   An accepted θ gets the importance weight w ∝ π(θ) / Σ_j w_j K(θ | θ_j) (Beaumont et
 *   al. 2009, Toni et al. 2009).
 * - **Distance**: Euclidean, on summaries divided by their scale:
 *   d(s, o) = √Σ_k ((s_k − o_k)/scale_k)².
 *
 * Determinism: every random number of attempt j of generation g comes from its own
 * streams, `deriveRng(seed, 'abc', g, j, 'proposal')` (the engine's draws) and
 * `deriveRng(seed, 'abc', g, j, 'simulation')` (the simulator's; the names are built from
 * a per-generation prefix, which is the same string and ~4× cheaper). Proposals are made in
 * batches, simulated by a pluggable runner, and accepted in attempt order, stopping at
 * the attempt that completes the population; simulations past it are discarded and not
 * counted. So the result is identical for any batch size and any runner (a worker pool
 * that simulates a batch in any order included).
 */
import { AbortError, CalibrationError, InvalidParameterError } from '../errors.js';
import type { AbortSignalLike } from '../monte-carlo/runner.js';
import { Rng, deriveRng, seedKey, type Seed } from '../random/rng.js';
import { standardNormal } from '../random/samplers.js';
import { rejectUnknownKeys, requireInteger, requireNumberIn } from '../validate.js';
import { distanceAt, madScale } from './distance.js';
import { importanceWeights, perturbationKernel, type Population } from './kernel.js';
import { effectiveSampleSize, weightedQuantile } from './weighted.js';

/**
 * A prior distribution as the calibration needs it. Any object of this shape works (the
 * scenario's distributions are); `logDensity` may omit its normalising constant, which
 * cancels in the weights, but must be −Infinity where the density is 0.
 */
export interface CalibrationPrior {
  readonly mean: number;
  readonly variance: number;
  /** The closed interval outside which the density is 0 (±Infinity for none). */
  readonly support: { readonly low: number; readonly high: number };
  sample(rng: Rng): number;
  logDensity(x: number): number;
}

/** A parameter to calibrate: its name and its prior. */
export interface NamedPrior {
  readonly name: string;
  readonly prior: CalibrationPrior;
}

/**
 * Proposals to simulate: `size` parameter vectors, row after row in `thetas`
 * (`thetas[i·dimension + p]` is parameter p of proposal i), and for each the name of the
 * random stream to simulate it with (`new Rng(streams[i])`). A runner returns the
 * summaries, `size × summaryLength` numbers, row i for proposal i.
 */
export interface SimulationBatch {
  readonly generation: number;
  /** Attempt index (within the generation) of proposal 0. */
  readonly first: number;
  readonly size: number;
  readonly dimension: number;
  readonly summaryLength: number;
  readonly thetas: Float64Array;
  readonly streams: readonly string[];
}

/** Simulates once at θ with the given random source and returns the summary statistics. */
export type Simulator = (theta: Float64Array, rng: Rng) => ArrayLike<number>;
/** Simulates a batch synchronously (see {@link SimulationBatch}). */
export type BatchRunner = (batch: SimulationBatch) => ArrayLike<number>;
/** Simulates a batch, possibly on other threads. */
export type AsyncBatchRunner = (batch: SimulationBatch) => ArrayLike<number> | PromiseLike<ArrayLike<number>>;

/**
 * Why a run stopped.
 * - `tolerance`: a population reached `targetTolerance`.
 * - `acceptance-rate`: the next population would have accepted fewer than
 *   `minAcceptanceRate` of its proposals; it was abandoned after `particles /
 *   minAcceptanceRate` simulations.
 * - `budget`: `maxSimulations` would be exceeded (a generation under way is abandoned;
 *   none is started with fewer simulations left than `particles`).
 * - `generations`: `maxGenerations` populations were made.
 * - `stalled`: every particle is at the same distance, so the tolerance cannot decrease.
 * - `aborted`: the AbortSignal fired.
 * The result is always the last complete population.
 */
export type AbcStopReason = 'tolerance' | 'acceptance-rate' | 'budget' | 'generations' | 'stalled' | 'aborted';

/** One complete population. */
export interface AbcGeneration {
  readonly generation: number;
  /** Its tolerance ε (generation 0: its largest distance). */
  readonly tolerance: number;
  /** particles / simulations of this generation. */
  readonly acceptanceRate: number;
  /** Simulations this generation used. */
  readonly simulations: number;
  /** Effective sample size of its weights. */
  readonly ess: number;
}

/** Reported after every batch. */
export interface AbcProgress {
  readonly generation: number;
  /** The generation's tolerance (Infinity in generation 0: every prior draw is kept). */
  readonly tolerance: number;
  readonly accepted: number;
  readonly particles: number;
  /** Simulations so far in this generation. */
  readonly attempts: number;
  /** accepted / attempts in this generation so far. */
  readonly acceptanceRate: number;
  /** Simulations so far in the whole run. */
  readonly simulations: number;
}

/**
 * Everything needed to continue a run after a complete population: plain numbers,
 * strings and arrays, so `JSON.parse(JSON.stringify(state))` gives it back exactly.
 * Pass it as `resume` with the same seed, priors and observations.
 */
export interface AbcState {
  readonly format: 'hearsay-abc-smc/1';
  readonly seed: string;
  readonly parameters: readonly string[];
  readonly observed: readonly number[];
  /** The divisor of each summary in the distance; 0: the summary is ignored. */
  readonly scale: readonly number[];
  readonly generation: number;
  readonly tolerance: number;
  /** Simulations used by the whole run so far. */
  readonly simulations: number;
  /** particles[p][i]: parameter p of particle i. */
  readonly particles: readonly (readonly number[])[];
  /** Normalised weights. */
  readonly weights: readonly number[];
  readonly distances: readonly number[];
  readonly history: readonly AbcGeneration[];
}

/** Options of {@link abcSmc} and {@link abcSmcAsync}. */
export interface AbcSmcOptions<Runner = BatchRunner> {
  /** The parameters, with distinct names, in the order θ lists them. */
  readonly priors: readonly NamedPrior[];
  /** The observed summary statistics (e.g. {@link observationVector}'s values). */
  readonly observed: ArrayLike<number>;
  /** Simulates once; used by the default runner (a plain loop). */
  readonly simulate?: Simulator;
  /** Simulates a batch; replaces the default runner (then `simulate` is not needed). */
  readonly runBatch?: Runner;
  readonly seed: Seed;
  /** Particles per population (≥ 2). */
  readonly particles: number;
  /** Quantile of the previous population's distances that becomes the next tolerance, in (0, 1). Default 0.5 [S] (pyABC's QuantileEpsilon). */
  readonly alpha?: number;
  /** Stop once a population's tolerance is ≤ this (≥ 0). Default 0 [A]: reached only by a discrete distance. */
  readonly targetTolerance?: number;
  /** Stop when a population would accept fewer than this share of its proposals, in [0, 1). Default 0.01 [A]. */
  readonly minAcceptanceRate?: number;
  /** The most simulations of the whole run (an integer ≥ particles). Default: no limit. */
  readonly maxSimulations?: number;
  /** The most populations, generation 0 included (≥ 1). Default 20 [A]. */
  readonly maxGenerations?: number;
  /**
   * How summaries are standardised: `'mad'` (default) divides each by its median absolute
   * deviation over generation 0's simulations ({@link madScale}); an array gives the
   * divisors (each > 0).
   */
  readonly scale?: 'mad' | ArrayLike<number>;
  /** The most proposals per batch handed to the runner (≥ 1). Default 1000. Does not change the result. */
  readonly batchSize?: number;
  /** Called after every batch. */
  readonly onProgress?: (progress: AbcProgress) => void;
  /** Called after every complete population with the state to resume from. */
  readonly onGeneration?: (state: AbcState) => void;
  /** Checked before every batch; when aborted, the last complete population is returned with `stoppedBy: 'aborted'`. */
  readonly signal?: AbortSignalLike;
  /** Continue from a state reported by `onGeneration` (or a result's `state`). */
  readonly resume?: AbcState;
  /**
   * A rule the parameters must keep together (the prior's support beyond each parameter's
   * own range, e.g. one probability below another): false → θ has prior density 0. Prior
   * draws that break it are drawn again from their stream (the prior truncated to the
   * rule), proposals are redrawn, and no simulation is spent on either. Default: none.
   */
  readonly inSupport?: (theta: Float64Array) => boolean;
}

/** The last complete population and how the run got there. */
export interface AbcSmcResult {
  readonly parameters: readonly string[];
  /** particles[p][i]: parameter p of particle i. */
  readonly particles: readonly Float64Array[];
  /** Normalised importance weights. */
  readonly weights: Float64Array;
  readonly distances: Float64Array;
  /** Effective sample size of the weights. */
  readonly ess: number;
  /** The population's tolerance. */
  readonly tolerance: number;
  /** Its generation number (0: the prior population). */
  readonly generation: number;
  /** Every complete population, generation 0 first. */
  readonly generations: readonly AbcGeneration[];
  /** Simulations used by the whole run, abandoned generations included. */
  readonly simulations: number;
  readonly stoppedBy: AbcStopReason;
  /** The divisor of each summary in the distance (0: ignored, it never varied). */
  readonly scale: Float64Array;
  /** The state to resume from. */
  readonly state: AbcState;
}

/** Defaults, each with its source: [S] seen in pyABC, [A] our assumption. */
export const ABC_SMC_DEFAULTS = Object.freeze({
  /** [S] pyABC QuantileEpsilon(alpha=0.5): the median of the previous distances. */
  alpha: 0.5,
  /** [A] 0: keep going until another rule stops the run. */
  targetTolerance: 0,
  /** [A] below 1% a population costs more than 100 simulations per particle for little gain. */
  minAcceptanceRate: 0.01,
  /** [A] */
  maxGenerations: 20,
  /** [A] large enough to keep a worker pool busy; the default runner wastes at most what the estimate of the remaining need overshoots. */
  batchSize: 1000,
});

const STATE_FORMAT = 'hearsay-abc-smc/1';
/** Proposals drawn for one attempt before the run gives up on the priors' support. */
const MAX_PROPOSAL_TRIES = 10_000;

interface Resolved {
  readonly priors: readonly NamedPrior[];
  readonly names: readonly string[];
  readonly d: number;
  readonly k: number;
  readonly observed: Float64Array;
  readonly seed: string;
  readonly particles: number;
  readonly alpha: number;
  readonly targetTolerance: number;
  readonly minAcceptanceRate: number;
  readonly maxSimulations: number;
  readonly maxGenerations: number;
  readonly batchSize: number;
  readonly scale: Float64Array | undefined;
  readonly onProgress: ((progress: AbcProgress) => void) | undefined;
  readonly onGeneration: ((state: AbcState) => void) | undefined;
  readonly resume: AbcState | undefined;
  readonly inSupport: ((theta: Float64Array) => boolean) | undefined;
}

const OPTION_KEYS = [
  'priors',
  'observed',
  'simulate',
  'runBatch',
  'seed',
  'particles',
  'alpha',
  'targetTolerance',
  'minAcceptanceRate',
  'maxSimulations',
  'maxGenerations',
  'scale',
  'batchSize',
  'onProgress',
  'onGeneration',
  'signal',
  'resume',
  'inSupport',
];

function resolveOptions(options: AbcSmcOptions<unknown>): Resolved {
  if (typeof options !== 'object' || options === null) throw new InvalidParameterError('options', 'an options object', options);
  rejectUnknownKeys('options', options, OPTION_KEYS);
  const seed = seedKey(options.seed, 'options.seed');
  if (!Array.isArray(options.priors) || options.priors.length === 0) {
    throw new InvalidParameterError('options.priors', 'a non-empty array of { name, prior }', options.priors);
  }
  const names: string[] = [];
  options.priors.forEach((p: NamedPrior, i) => {
    const field = `options.priors[${i}]`;
    if (typeof p !== 'object' || p === null) throw new InvalidParameterError(field, 'an object { name, prior }', p);
    if (typeof p.name !== 'string' || p.name === '') throw new InvalidParameterError(`${field}.name`, 'a non-empty name', p.name);
    if (names.includes(p.name)) throw new InvalidParameterError(`${field}.name`, 'a name no other parameter has', p.name);
    names.push(p.name);
    const prior = p.prior;
    if (typeof prior !== 'object' || prior === null || typeof prior.sample !== 'function' || typeof prior.logDensity !== 'function') {
      throw new InvalidParameterError(`${field}.prior`, 'a distribution with sample(rng) and logDensity(x)', prior);
    }
    const support = prior.support;
    if (typeof support !== 'object' || support === null || typeof support.low !== 'number' || typeof support.high !== 'number' || !(support.low < support.high)) {
      throw new InvalidParameterError(`${field}.prior.support`, 'an interval { low, high } with low < high', support);
    }
  });
  const observedInput: unknown = options.observed;
  if (!(Array.isArray(observedInput) || ArrayBuffer.isView(observedInput)) || (observedInput as ArrayLike<number>).length === 0) {
    throw new InvalidParameterError('options.observed', 'a non-empty array of numbers', observedInput);
  }
  const observed = Float64Array.from(options.observed);
  observed.forEach((x, k) => {
    if (!Number.isFinite(x)) throw new InvalidParameterError(`options.observed[${k}]`, 'a finite number', options.observed[k]);
  });
  if (options.simulate === undefined && options.runBatch === undefined) {
    throw new InvalidParameterError('options.simulate', 'a simulator (theta, rng) => summaries, or options.runBatch', undefined);
  }
  if (options.simulate !== undefined && typeof options.simulate !== 'function') {
    throw new InvalidParameterError('options.simulate', 'a function (theta, rng) => summaries', options.simulate);
  }
  if (options.runBatch !== undefined && typeof options.runBatch !== 'function') {
    throw new InvalidParameterError('options.runBatch', 'a function (batch) => summaries', options.runBatch);
  }
  const particles = requireInteger('options.particles', options.particles, 2, 1e7);
  const alpha = requireNumberIn('options.alpha', options.alpha ?? ABC_SMC_DEFAULTS.alpha, 0, 1, { minExclusive: true, maxExclusive: true });
  const targetTolerance = requireNumberIn('options.targetTolerance', options.targetTolerance ?? ABC_SMC_DEFAULTS.targetTolerance, 0, Infinity);
  const minAcceptanceRate = requireNumberIn('options.minAcceptanceRate', options.minAcceptanceRate ?? ABC_SMC_DEFAULTS.minAcceptanceRate, 0, 1, { maxExclusive: true });
  const maxSimulations =
    options.maxSimulations === undefined ? Infinity : requireInteger('options.maxSimulations', options.maxSimulations, particles);
  const maxGenerations = requireInteger('options.maxGenerations', options.maxGenerations ?? ABC_SMC_DEFAULTS.maxGenerations, 1, 1e6);
  const batchSize = requireInteger('options.batchSize', options.batchSize ?? ABC_SMC_DEFAULTS.batchSize, 1, 1e9);
  let scale: Float64Array | undefined;
  if (options.scale !== undefined && options.scale !== 'mad') {
    const s: unknown = options.scale;
    if (!(Array.isArray(s) || ArrayBuffer.isView(s)) || (s as ArrayLike<number>).length !== observed.length) {
      throw new InvalidParameterError('options.scale', `'mad' or ${observed.length} positive numbers (one per observed summary)`, s);
    }
    scale = Float64Array.from(s as ArrayLike<number>);
    scale.forEach((x, k) => {
      if (!(x > 0) || !Number.isFinite(x)) throw new InvalidParameterError(`options.scale[${k}]`, 'a number > 0', x);
    });
  }
  for (const key of ['onProgress', 'onGeneration', 'inSupport'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') throw new InvalidParameterError(`options.${key}`, 'a function', options[key]);
  }
  const resolved: Resolved = {
    priors: options.priors,
    names,
    d: names.length,
    k: observed.length,
    observed,
    seed,
    particles,
    alpha,
    targetTolerance,
    minAcceptanceRate,
    maxSimulations,
    maxGenerations,
    batchSize,
    scale,
    onProgress: options.onProgress,
    onGeneration: options.onGeneration,
    resume: options.resume,
    inSupport: options.inSupport,
  };
  if (options.resume !== undefined) checkState(options.resume, resolved);
  return resolved;
}

/** Checks a state to resume from against the run's seed, priors and observations. */
function checkState(state: AbcState, r: Resolved): void {
  const bad = (field: string, expected: string, received: unknown): never => {
    throw new InvalidParameterError(`options.resume.${field}`, expected, received);
  };
  if (typeof state !== 'object' || state === null) throw new InvalidParameterError('options.resume', 'a state reported by onGeneration', state);
  if (state.format !== STATE_FORMAT) bad('format', JSON.stringify(STATE_FORMAT), state.format);
  if (state.seed !== r.seed) bad('seed', `the run's seed ${JSON.stringify(r.seed)}`, state.seed);
  if (!Array.isArray(state.parameters) || state.parameters.length !== r.d || state.parameters.some((n, i) => n !== r.names[i])) {
    bad('parameters', `the priors' names ${r.names.join(', ')}`, state.parameters);
  }
  if (!Array.isArray(state.observed) || state.observed.length !== r.k || state.observed.some((x, i) => x !== r.observed[i])) {
    bad('observed', 'the same observed summaries as options.observed', state.observed);
  }
  if (!Array.isArray(state.scale) || state.scale.length !== r.k || state.scale.some((x) => !(x >= 0) || !Number.isFinite(x))) {
    bad('scale', `${r.k} numbers ≥ 0`, state.scale);
  }
  if (r.scale !== undefined && state.scale.some((x, i) => x !== r.scale![i])) bad('scale', 'the divisors given in options.scale', state.scale);
  requireInteger('options.resume.generation', state.generation, 0);
  requireNumberIn('options.resume.tolerance', state.tolerance, 0, Infinity);
  requireInteger('options.resume.simulations', state.simulations, 1);
  if (!Array.isArray(state.weights) || state.weights.length === 0) bad('weights', 'a non-empty array', state.weights);
  const n = state.weights.length;
  if (!Array.isArray(state.particles) || state.particles.length !== r.d) bad('particles', `${r.d} arrays (one per parameter)`, state.particles);
  state.particles.forEach((column, p) => {
    if (!Array.isArray(column) || column.length !== n) bad(`particles[${p}]`, `${n} numbers (one per weight)`, column);
    column.forEach((x, i) => {
      if (!Number.isFinite(x)) bad(`particles[${p}][${i}]`, 'a finite number', x);
    });
  });
  state.weights.forEach((w, i) => {
    if (!(w >= 0) || !Number.isFinite(w)) bad(`weights[${i}]`, 'a number ≥ 0', w);
  });
  if (!Array.isArray(state.distances) || state.distances.length !== n || state.distances.some((x) => !(x >= 0) || !Number.isFinite(x))) {
    bad('distances', `${n} numbers ≥ 0`, state.distances);
  }
  if (!Array.isArray(state.history) || state.history.length !== state.generation + 1) {
    bad('history', `${state.generation + 1} generations`, state.history);
  }
}

/** Everything the engine tracks between generations. */
class Engine {
  readonly r: Resolved;
  population: Population | undefined;
  scale: Float64Array | undefined;
  history: AbcGeneration[] = [];
  simulations = 0;

  constructor(r: Resolved) {
    this.r = r;
    const state = r.resume;
    if (state !== undefined) {
      const n = state.weights.length;
      const theta = new Float64Array(n * r.d);
      for (let p = 0; p < r.d; p++) for (let i = 0; i < n; i++) theta[i * r.d + p] = state.particles[p]![i]!;
      this.population = {
        generation: state.generation,
        size: n,
        theta,
        weights: Float64Array.from(state.weights),
        distances: Float64Array.from(state.distances),
        tolerance: state.tolerance,
      };
      this.scale = Float64Array.from(state.scale);
      this.history = state.history.map((g) => ({ ...g }));
      this.simulations = state.simulations;
    }
  }

  /** log π(θ) for θ = theta[offset … offset + d), −Infinity outside the support. */
  logPrior(theta: Float64Array, offset: number): number {
    let sum = 0;
    for (let p = 0; p < this.r.d; p++) {
      const x = theta[offset + p]!;
      const prior = this.r.priors[p]!.prior;
      if (!(x >= prior.support.low && x <= prior.support.high)) return -Infinity;
      sum += prior.logDensity(x);
    }
    if (Number.isNaN(sum) || sum === -Infinity) return -Infinity;
    return this.r.inSupport === undefined || this.r.inSupport(theta.subarray(offset, offset + this.r.d)) ? sum : -Infinity;
  }

  state(): AbcState {
    const pop = this.population!;
    const { d } = this.r;
    const particles: number[][] = [];
    for (let p = 0; p < d; p++) {
      const column: number[] = new Array<number>(pop.size);
      for (let i = 0; i < pop.size; i++) column[i] = pop.theta[i * d + p]!;
      particles.push(column);
    }
    return {
      format: STATE_FORMAT,
      seed: this.r.seed,
      parameters: [...this.r.names],
      observed: Array.from(this.r.observed),
      scale: Array.from(this.scale!),
      generation: pop.generation,
      tolerance: pop.tolerance,
      simulations: this.simulations,
      particles,
      weights: Array.from(pop.weights),
      distances: Array.from(pop.distances),
      history: this.history.map((g) => ({ ...g })),
    };
  }

  result(stoppedBy: AbcStopReason): AbcSmcResult {
    const pop = this.population!;
    const { d } = this.r;
    const particles: Float64Array[] = [];
    for (let p = 0; p < d; p++) {
      const column = new Float64Array(pop.size);
      for (let i = 0; i < pop.size; i++) column[i] = pop.theta[i * d + p]!;
      particles.push(column);
    }
    return {
      parameters: [...this.r.names],
      particles,
      weights: pop.weights.slice(),
      distances: pop.distances.slice(),
      ess: effectiveSampleSize(pop.weights),
      tolerance: pop.tolerance,
      generation: pop.generation,
      generations: this.history.map((g) => ({ ...g })),
      simulations: this.simulations,
      stoppedBy,
      scale: this.scale!.slice(),
      state: this.state(),
    };
  }

  /** The next tolerance, or why the run stops after the current population. */
  next(): number | AbcStopReason {
    const r = this.r;
    const pop = this.population!;
    if (pop.tolerance <= r.targetTolerance) return 'tolerance';
    if (pop.generation + 1 >= r.maxGenerations) return 'generations';
    if (r.maxSimulations - this.simulations < r.particles) return 'budget';
    let epsilon = weightedQuantile(pop.distances, pop.weights, r.alpha);
    if (!(epsilon < pop.tolerance)) {
      // A discrete distance can put the α-quantile on the tolerance itself: step down to
      // the largest distance below it instead, so every generation tightens.
      epsilon = -Infinity;
      for (let i = 0; i < pop.size; i++) {
        const x = pop.distances[i]!;
        if (x < pop.tolerance && x > epsilon && pop.weights[i]! > 0) epsilon = x;
      }
      if (epsilon === -Infinity) return 'stalled';
    }
    return Math.max(epsilon, r.targetTolerance);
  }

  progress(generation: number, tolerance: number, accepted: number, attempts: number): void {
    this.r.onProgress?.({
      generation,
      tolerance,
      accepted,
      particles: this.r.particles,
      attempts,
      acceptanceRate: attempts === 0 ? 0 : accepted / attempts,
      simulations: this.simulations,
    });
  }

  complete(pop: Population, attempts: number): void {
    this.population = pop;
    this.history.push({
      generation: pop.generation,
      tolerance: pop.tolerance,
      acceptanceRate: pop.size / attempts,
      simulations: attempts,
      ess: effectiveSampleSize(pop.weights),
    });
    this.r.onGeneration?.(this.state());
  }
}

function checkSummaries(out: ArrayLike<number> | null | undefined, batch: SimulationBatch): ArrayLike<number> {
  const expected = batch.size * batch.summaryLength;
  if (out === null || out === undefined || typeof out.length !== 'number' || out.length !== expected) {
    throw new CalibrationError(
      'runBatch',
      `expected ${expected} summaries (${batch.size} simulations × ${batch.summaryLength}), received ${out === null || out === undefined ? String(out) : `${out.length} values`}`,
    );
  }
  return out;
}

/** Throws unless summary row `a` of a batch is finite. */
function checkRow(out: ArrayLike<number>, a: number, batch: SimulationBatch): void {
  const k = batch.summaryLength;
  for (let m = 0; m < k; m++) {
    const x = out[a * k + m]!;
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new CalibrationError(
        'simulate',
        `expected finite summaries, received ${String(x)} as summary ${m} of simulation ${batch.first + a} in generation ${batch.generation}`,
      );
    }
  }
}

/**
 * The algorithm as a generator: it yields batches to simulate and receives their
 * summaries (or null when the run is aborted), so the synchronous and the asynchronous
 * drivers share every step.
 */
function* runEngine(r: Resolved): Generator<SimulationBatch, AbcSmcResult, ArrayLike<number> | null> {
  const engine = new Engine(r);
  const { d, k, particles: N } = r;

  if (engine.population === undefined) {
    // Generation 0: the prior population, every draw kept.
    const theta = new Float64Array(N * d);
    const summaries = new Float64Array(N * k);
    let done = 0;
    const prefix = deriveRng(r.seed, 'abc', 0).stream;
    while (done < N) {
      const size = Math.min(r.batchSize, N - done);
      const batchTheta = new Float64Array(size * d);
      const streams: string[] = [];
      for (let a = 0; a < size; a++) {
        const j = done + a;
        const rng = new Rng(`${prefix}/${j}/proposal`);
        for (let tries = 1; ; tries++) {
          for (let p = 0; p < d; p++) {
            const prior = r.priors[p]!.prior;
            const x = prior.sample(rng);
            const logDensity = prior.logDensity(x);
            if (!(x >= prior.support.low && x <= prior.support.high) || !(logDensity > -Infinity)) {
              throw new CalibrationError(
                `options.priors[${p}].prior`,
                `expected sample() to draw inside the support [${prior.support.low}, ${prior.support.high}] with a positive density, received ${x} (log density ${logDensity})`,
              );
            }
            batchTheta[a * d + p] = x;
          }
          if (r.inSupport === undefined || r.inSupport(batchTheta.subarray(a * d, (a + 1) * d))) break;
          if (tries >= MAX_PROPOSAL_TRIES) {
            throw new CalibrationError('options.inSupport', `expected prior draws that keep the rule, received ${MAX_PROPOSAL_TRIES} in a row that break it (generation 0, attempt ${j})`);
          }
        }
        streams.push(`${prefix}/${j}/simulation`);
      }
      const batch: SimulationBatch = { generation: 0, first: done, size, dimension: d, summaryLength: k, thetas: batchTheta, streams };
      const out = yield batch;
      if (out === null) throw new AbortError(`the calibration was aborted before its first population was complete (${done} of ${N} prior simulations)`);
      checkSummaries(out, batch);
      for (let a = 0; a < size; a++) {
        checkRow(out, a, batch);
        for (let m = 0; m < k; m++) summaries[(done + a) * k + m] = out[a * k + m]!;
      }
      theta.set(batchTheta, done * d);
      done += size;
      engine.simulations += size;
      engine.progress(0, Infinity, done, done);
    }
    engine.scale = r.scale ?? madScale(summaries, N, k);
    const distances = new Float64Array(N);
    let tolerance = 0;
    for (let i = 0; i < N; i++) {
      distances[i] = distanceAt(summaries, i * k, r.observed, engine.scale);
      tolerance = Math.max(tolerance, distances[i]!);
    }
    engine.complete({ generation: 0, size: N, theta, weights: new Float64Array(N).fill(1 / N), distances, tolerance }, N);
  }

  const scale = engine.scale!;
  for (;;) {
    const epsilon = engine.next();
    if (typeof epsilon === 'string') return engine.result(epsilon);
    const prev = engine.population!;
    const g = prev.generation + 1;
    const kernel = perturbationKernel(prev, d);
    const cumulative = new Float64Array(prev.size);
    let total = 0;
    for (let i = 0; i < prev.size; i++) cumulative[i] = total += prev.weights[i]!;

    const theta = new Float64Array(N * d);
    const distances = new Float64Array(N);
    const logPriors = new Float64Array(N);
    let accepted = 0;
    let attempts = 0;
    const rateCap = r.minAcceptanceRate > 0 ? Math.floor(N / r.minAcceptanceRate) : Infinity;
    const limit = Math.min(rateCap, r.maxSimulations - engine.simulations);
    let rate = engine.history[engine.history.length - 1]!.acceptanceRate;
    const z = new Float64Array(d);
    const prefix = deriveRng(r.seed, 'abc', g).stream;
    while (accepted < N) {
      if (attempts >= limit) return engine.result(attempts >= rateCap ? 'acceptance-rate' : 'budget');
      const need = Math.ceil((N - accepted) / Math.max(rate, 1e-6));
      const size = Math.max(1, Math.min(r.batchSize, limit - attempts, need));
      const batchTheta = new Float64Array(size * d);
      const streams: string[] = [];
      for (let a = 0; a < size; a++) {
        const j = attempts + a;
        const rng = new Rng(`${prefix}/${j}/proposal`);
        let tries = 0;
        for (;;) {
          if (++tries > MAX_PROPOSAL_TRIES) {
            throw new CalibrationError(
              'options.priors',
              `expected proposals inside the priors' support, received ${MAX_PROPOSAL_TRIES} outside it in a row (generation ${g}, attempt ${j}); are the supports much narrower than the particles' spread?`,
            );
          }
          const u = rng.next() * total;
          let lo = 0;
          let hi = prev.size - 1;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (cumulative[mid]! > u) hi = mid;
            else lo = mid + 1;
          }
          for (let p = 0; p < d; p++) z[p] = standardNormal(rng);
          for (let p = 0; p < d; p++) {
            let step = 0;
            for (let q = 0; q <= p; q++) step += kernel.chol[p * d + q]! * z[q]!;
            batchTheta[a * d + p] = prev.theta[lo * d + p]! + step;
          }
          if (engine.logPrior(batchTheta, a * d) > -Infinity) break;
        }
        streams.push(`${prefix}/${j}/simulation`);
      }
      const batch: SimulationBatch = { generation: g, first: attempts, size, dimension: d, summaryLength: k, thetas: batchTheta, streams };
      const out = yield batch;
      if (out === null) return engine.result('aborted');
      checkSummaries(out, batch);
      let used = size;
      for (let a = 0; a < size; a++) {
        checkRow(out, a, batch);
        const distance = distanceAt(out, a * k, r.observed, scale);
        if (distance <= epsilon) {
          for (let p = 0; p < d; p++) theta[accepted * d + p] = batchTheta[a * d + p]!;
          distances[accepted] = distance;
          logPriors[accepted] = engine.logPrior(batchTheta, a * d);
          accepted++;
          if (accepted === N) {
            used = a + 1;
            break;
          }
        }
      }
      attempts += used;
      engine.simulations += used;
      rate = accepted > 0 ? accepted / attempts : rate / 2;
      engine.progress(g, epsilon, accepted, attempts);
    }
    const weights = importanceWeights(theta, logPriors, prev, kernel, d);
    engine.complete({ generation: g, size: N, theta, weights, distances, tolerance: epsilon }, attempts);
  }
}

function defaultRunner(simulate: Simulator): BatchRunner {
  return (batch) => {
    const { size, dimension: d, summaryLength: k } = batch;
    const out = new Float64Array(size * k);
    for (let i = 0; i < size; i++) {
      const s = simulate(batch.thetas.subarray(i * d, (i + 1) * d), new Rng(batch.streams[i]!));
      if (s === null || s === undefined || s.length !== k) {
        throw new CalibrationError(
          'simulate',
          `expected ${k} summaries (one per observed value), received ${s === null || s === undefined ? String(s) : `${s.length}`}`,
        );
      }
      for (let m = 0; m < k; m++) out[i * k + m] = s[m]!;
    }
    return out;
  };
}

function isPromiseLike(x: unknown): x is PromiseLike<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

/**
 * Calibrates parameters to observed summaries by ABC-SMC, synchronously (see the module
 * doc for the method). The runner must return summaries synchronously; use
 * {@link abcSmcAsync} for a worker pool.
 *
 * @throws {InvalidParameterError} for a bad option.
 * @throws {CalibrationError} when the simulator or a prior misbehaves.
 * @throws {AbortError} when aborted before the first population is complete.
 * @example
 * // p of a binomial: 6 successes in 20, Beta(2, 3) prior → posterior Beta(8, 17)
 * const r = abcSmc({ priors: [{ name: 'p', prior: beta23 }], observed: [6 / 20], seed: 1, particles: 1000,
 *   simulate: (theta, rng) => [drawBinomial(rng, 20, theta[0]) / 20] });
 * r.stoppedBy;  // 'tolerance' (an exact match: tolerance 0)
 * summarizePosterior(r)[0]; // { parameter: 'p', mean: 0.3194…, sd: 0.0887…, p05: 0.180…, p50: 0.313…, p95: 0.476…, … }
 */
export function abcSmc(options: AbcSmcOptions<BatchRunner>): AbcSmcResult {
  const r = resolveOptions(options);
  const runBatch = options.runBatch ?? defaultRunner(options.simulate!);
  const engine = runEngine(r);
  let step = engine.next();
  while (!step.done) {
    if (options.signal?.aborted) {
      step = engine.next(null);
      continue;
    }
    const out: unknown = runBatch(step.value);
    if (isPromiseLike(out)) throw new InvalidParameterError('options.runBatch', 'summaries returned synchronously (use abcSmcAsync for a runner that returns a Promise)', out);
    step = engine.next(out as ArrayLike<number>);
  }
  return step.value;
}

/**
 * {@link abcSmc} with a runner that may return a Promise (a worker pool), yielding to the
 * event loop about every 50 ms so progress can be drawn and the AbortSignal honoured.
 * Same result as abcSmc for the same options.
 */
export async function abcSmcAsync(options: AbcSmcOptions<AsyncBatchRunner>): Promise<AbcSmcResult> {
  const r = resolveOptions(options);
  const runBatch: AsyncBatchRunner = options.runBatch ?? defaultRunner(options.simulate!);
  const engine = runEngine(r);
  let step = engine.next();
  let lastYield = Date.now();
  while (!step.done) {
    if (options.signal?.aborted) {
      step = engine.next(null);
      continue;
    }
    const out = await runBatch(step.value);
    if (Date.now() - lastYield >= 50) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
    step = engine.next(out);
  }
  return step.value;
}
