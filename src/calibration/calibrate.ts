/**
 * calibrate(scenario, observations, options): the scenario's distributions are the priors,
 * one projection replicate under the current practice is the simulator, the observed
 * months are the summaries; ABC-SMC ({@link abcSmc}) gives the posterior, from which come
 * each parameter's summary and fitted distribution, the parameters the data say nothing
 * about, and the posterior predictive bands of every projection metric — the dark number
 * (lost prospects per month and their value) among them. docs/calibration.md.
 */
import { quantileSorted } from 'simple-statistics';
import { InvalidParameterError } from '../errors.js';
import type { Network } from '../network/types.js';
import { PROJECTION_METRICS, projectionColumn } from '../projection/kernel.js';
import { PROJECTION_DEFAULTS } from '../projection/options.js';
import { Rng, deriveRng, seedKey, type Seed } from '../random/rng.js';
import { formatDistribution, type UncertainParameter } from '../uncertainty/draw.js';
import { MAX_ENDPOINT_ROUNDING_RISK, type DistributionSpec } from '../uncertainty/distributions.js';
import { requireInteger } from '../validate.js';
import {
  abcSmc,
  abcSmcAsync,
  type AbcProgress,
  type AbcSmcOptions,
  type AbcSmcResult,
  type AbcState,
  type AbcStopReason,
  type AsyncBatchRunner,
  type BatchRunner,
} from './abc-smc.js';
import { CalibrationSimulator, calibrationTargets, summaryNames, type CalibrationModelSpec, type CalibrationProjection, type CalibrationSummaries } from './model.js';
import { OBSERVATION_METRICS, type ObservationLabel, type ObservationMetric, type Observations } from './observations.js';
import { priorVsPosterior, resamplePosterior, summarizePosterior, type IdentificationCheck, type PosteriorSummary } from './posterior.js';

/** Defaults of a calibration, each with its source. */
export const CALIBRATION_DEFAULTS = Object.freeze({
  /** [A] enough for a posterior sd within about 3% (1/√(2·ESS)) and for the identification check's margin. */
  particles: 500,
  /** [A] posterior draws simulated for the predictive bands: a 5–95% band from 200 draws is within a couple of percentiles. */
  predictiveDraws: 200,
  /** [A] 0.02: below it a generation costs more than 50 simulations (about 2 s of a 20,000-person town) per particle. */
  minAcceptanceRate: 0.02,
});

/** A scenario whose numbers may be distributions: the priors. The network is the same in every simulation. */
export type CalibrationScenario = { readonly network: Network } & Readonly<Record<string, unknown>>;

export interface CalibrateOptions {
  /** The company's current practice: the policy its observed months were run under (numbers or distributions). */
  readonly policy: Readonly<Record<string, unknown>>;
  /** The projection's parameters (months ≥ the last observed month; default 60 months). */
  readonly projection?: CalibrationProjection;
  readonly seed: Seed;
  /** Particles per population (default 500 [A]). */
  readonly particles?: number;
  /** The most simulations (default: none). */
  readonly budget?: number;
  readonly targetTolerance?: number;
  /** Default 0.02 [A] (see {@link CALIBRATION_DEFAULTS}). */
  readonly minAcceptanceRate?: number;
  readonly maxGenerations?: number;
  readonly alpha?: number;
  readonly batchSize?: number;
  /** The observation metrics (default {@link OBSERVATION_METRICS}). */
  readonly metrics?: Readonly<Record<string, ObservationMetric>>;
  /** The summary statistics: `means` (default: each metric's level), `series` (level and trend) or `monthly` (see CalibrationSummaries). */
  readonly summaries?: CalibrationSummaries;
  /** Posterior draws simulated for the predictive bands (default 200 [A]; 0 for none). */
  readonly predictiveDraws?: number;
  readonly onProgress?: (progress: AbcProgress) => void;
  readonly onGeneration?: (state: AbcState) => void;
  readonly signal?: { readonly aborted: boolean };
  readonly resume?: AbcState;
}

/** One calibrated parameter. */
export interface CalibratedParameter {
  /** Its path in the scenario (the current practice's as `policies[0]…`). */
  readonly name: string;
  readonly prior: string;
  readonly priorMean: number;
  readonly priorSd: number;
  readonly posterior: PosteriorSummary;
  /** Posterior sd / prior sd, and whether the data narrowed it (≤ 0.9). */
  readonly check: IdentificationCheck;
  /** The posterior as one distribution of the prior's kind, by moments (see {@link fitDistribution}), or the number when it collapsed. */
  readonly fitted: DistributionSpec | number;
}

/** A metric of one month over the posterior predictive draws. */
export interface PredictiveRow {
  readonly metric: string;
  readonly month: number;
  readonly mean: number;
  readonly p05: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
  /** The observed value, when this metric was observed this month. */
  readonly observed?: number;
  /** The observation metric's name (CSV), when observed. */
  readonly observedAs?: string;
}

/** The per-month metrics the predictive check adds to the projection's: the dark number per month and its value. */
export const DARK_NUMBER_METRICS = ['lostProspectsInMonth', 'lostProspectsValue'] as const;

export interface CalibrationResult {
  readonly seed: Seed;
  readonly parameters: readonly CalibratedParameter[];
  /** "the data say nothing about X: …", one per parameter not narrowed down. */
  readonly warnings: readonly string[];
  readonly observed: { readonly labels: readonly ObservationLabel[]; readonly values: readonly number[] };
  readonly stoppedBy: AbcStopReason;
  readonly ess: number;
  readonly tolerance: number;
  readonly simulations: number;
  readonly generations: AbcSmcResult['generations'];
  /** Every projection metric and the dark number per month, over posterior draws; observed values beside. */
  readonly predictive: readonly PredictiveRow[];
  readonly predictiveDraws: number;
  readonly months: number;
  readonly abc: AbcSmcResult;
}

/**
 * The posterior of one parameter as a distribution a scenario file takes, by moments:
 * a beta (mean, sd) for a parameter in [0, 1]; a lognormal (mean, sd) for one ≥ 0 whose
 * bound above is out of reach (a guard such as money ≤ 1e12); otherwise a normal truncated to the parameter's range. A
 * posterior whose sd is 0 (every particle equal) is the number itself. Only the marginal is
 * kept: correlations between parameters are not.
 */
export function fitDistribution(parameter: Pick<UncertainParameter, 'range'>, mean: number, sd: number, source: string): DistributionSpec | number {
  const round = (x: number) => Number(x.toPrecision(4));
  if (!(sd > 0)) return mean;
  const { min, max } = parameter.range;
  if (min === 0 && max === 1 && mean > 0 && mean < 1 && sd * sd < mean * (1 - mean)) {
    const m = round(mean);
    const s = Math.min(round(sd), Number((0.999 * Math.sqrt(m * (1 - m))).toPrecision(4)));
    return { dist: 'beta', mean: m, sd: s, source };
  }
  // A lognormal when the bound above is only a guard against overflow: Cantelli's bound on a
  // draw beyond it below MAX_ENDPOINT_ROUNDING_RISK, as the scenario's checks require.
  const k = max - mean;
  if (min === 0 && mean > 0 && (max === Infinity || (k > 0 && (sd * sd) / (sd * sd + k * k) < MAX_ENDPOINT_ROUNDING_RISK))) {
    return { dist: 'lognormal', mean: round(mean), sd: round(sd), source };
  }
  return { dist: 'normal', mean: round(mean), sd: round(sd), ...(Number.isFinite(min) ? { low: min } : {}), ...(Number.isFinite(max) ? { high: max } : {}), source };
}

/** What {@link prepareCalibration} builds: the simulator and the engine's inputs. */
export interface PreparedCalibration {
  readonly spec: CalibrationModelSpec;
  readonly simulator: CalibrationSimulator;
  /** The observed values, in the order of labels. */
  readonly observed: Float64Array;
  readonly labels: ObservationLabel[];
  /** The summaries compared (names and observed values). */
  readonly summaries: { readonly names: readonly string[]; readonly observed: Float64Array };
  readonly months: number;
  readonly engine: Omit<AbcSmcOptions<never>, 'runBatch'>;
}

/**
 * Checks everything and builds the simulator and the engine's options, without simulating
 * (run it with {@link abcSmc}, or on worker threads: `hearsay/node`'s calibrationRunner).
 * @throws {InvalidParameterError} for a bad scenario, policy or option (every problem at once).
 * @throws {ObservationsError} for an observation the projection cannot produce (with its line).
 */
export function prepareCalibration(scenario: CalibrationScenario, observations: Observations, options: CalibrateOptions): PreparedCalibration {
  if (typeof scenario !== 'object' || scenario === null) throw new InvalidParameterError('scenario', 'a scenario object with its network', scenario);
  if (typeof options !== 'object' || options === null) throw new InvalidParameterError('options', 'an options object with policy and seed', options);
  if (typeof options.policy !== 'object' || options.policy === null) throw new InvalidParameterError('options.policy', 'the current practice: a policy object', options.policy);
  if (typeof observations !== 'object' || observations === null || !Array.isArray(observations.series)) {
    throw new InvalidParameterError('observations', 'observations read by parseObservations', observations);
  }
  seedKey(options.seed, 'options.seed');
  const particles = requireInteger('options.particles', options.particles ?? CALIBRATION_DEFAULTS.particles, 2, 1e7);
  if (options.budget !== undefined) requireInteger('options.budget', options.budget, particles);
  const { network, ...sections } = scenario;
  const projection = options.projection ?? {};
  const months = typeof projection.months === 'number' ? projection.months : PROJECTION_DEFAULTS.months;
  const { observed, labels, targets } = calibrationTargets(observations, months, options.metrics ?? OBSERVATION_METRICS);
  const spec: CalibrationModelSpec = { scenario: sections, policy: options.policy, projection, targets, ...(options.summaries === undefined ? {} : { summaries: options.summaries }) };
  const simulator = new CalibrationSimulator(network, spec);
  const summaries = simulator.reduce(observed);
  // The base case must be a valid scenario with a valid projection: its problems are the user's, with their paths.
  simulator.kernel(simulator.model.found.parameters.map((p) => p.central));
  const engine = {
    priors: simulator.priors(),
    observed: summaries,
    seed: options.seed,
    particles,
    minAcceptanceRate: options.minAcceptanceRate ?? CALIBRATION_DEFAULTS.minAcceptanceRate,
    inSupport: (theta: Float64Array) => simulator.problems(theta).length === 0,
    ...(options.budget === undefined ? {} : { maxSimulations: options.budget }),
    ...(options.targetTolerance === undefined ? {} : { targetTolerance: options.targetTolerance }),
    ...(options.maxGenerations === undefined ? {} : { maxGenerations: options.maxGenerations }),
    ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.onGeneration === undefined ? {} : { onGeneration: options.onGeneration }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.resume === undefined ? {} : { resume: options.resume }),
  };
  return { spec, simulator, observed, labels, summaries: { names: summaryNames(targets, spec.summaries), observed: summaries }, months, engine };
}

/** The runner that simulates a batch on this thread. */
export function localRunner(simulator: CalibrationSimulator, makeRng: (stream: string) => Rng): BatchRunner {
  return (batch) => {
    const k = batch.summaryLength;
    const d = batch.dimension;
    const out = new Float64Array(batch.size * k);
    for (let i = 0; i < batch.size; i++) simulator.simulate(batch.thetas.subarray(i * d, (i + 1) * d), makeRng(batch.streams[i]!), out.subarray(i * k, (i + 1) * k));
    return out;
  };
}

/**
 * Reads a finished run: each parameter's posterior, its check against the prior and its
 * fitted distribution; the warnings; the posterior predictive bands (simulated here, on
 * this thread, from `predictiveDraws` draws resampled from the posterior with the streams
 * `deriveRng(seed, 'calibration', 'predictive', i)`).
 */
export function calibrationResult(prepared: PreparedCalibration, abc: AbcSmcResult, options: { readonly seed: Seed; readonly predictiveDraws?: number }): CalibrationResult {
  const { simulator, labels, observed } = prepared;
  const priors = simulator.priors();
  const summaries = summarizePosterior(abc);
  const checks = priorVsPosterior(priors, abc);
  const parameters: CalibratedParameter[] = simulator.parameters.map((p, i) => {
    const s = summaries[i]!;
    const source = `[calibrated] posterior of ${formatDistribution(p.parameter.spec)} given the observations (ESS ${Math.round(abc.ess)}, tolerance ${Number(abc.tolerance.toPrecision(3))})`;
    return {
      name: p.name,
      prior: formatDistribution(p.parameter.spec),
      priorMean: p.prior.mean,
      priorSd: Math.sqrt(p.prior.variance),
      posterior: s,
      check: checks[i]!,
      fitted: fitDistribution(p.parameter, s.mean, s.sd, source),
    };
  });
  const draws = requireInteger('options.predictiveDraws', options.predictiveDraws ?? CALIBRATION_DEFAULTS.predictiveDraws, 0, 1e6);
  const predictive = draws > 0 ? predictiveRows(prepared, abc, options.seed, draws) : [];
  return {
    seed: options.seed,
    parameters,
    warnings: checks.flatMap((c) => (c.warning === undefined ? [] : [c.warning])),
    observed: { labels, values: Array.from(observed) },
    stoppedBy: abc.stoppedBy,
    ess: abc.ess,
    tolerance: abc.tolerance,
    simulations: abc.simulations,
    generations: abc.generations,
    predictive,
    predictiveDraws: draws,
    months: prepared.months,
    abc,
  };
}

/** The posterior predictive bands of every projection metric and the dark number per month. */
function predictiveRows(prepared: PreparedCalibration, abc: AbcSmcResult, seed: Seed, draws: number): PredictiveRow[] {
  const { simulator, labels, observed, months: T } = prepared;
  const thetas = resamplePosterior(abc, draws, deriveRng(seed, 'calibration', 'predictive', 'resample'));
  const d = thetas.length;
  const names: string[] = [...PROJECTION_METRICS, ...DARK_NUMBER_METRICS];
  const M = names.length;
  // values[(m · T + (t − 1)) · draws + i]: metric m in month t of draw i.
  const values = new Float64Array(M * T * draws);
  const theta = new Float64Array(d);
  const lost = PROJECTION_METRICS.indexOf('lostProspects');
  for (let i = 0; i < draws; i++) {
    for (let p = 0; p < d; p++) theta[p] = thetas[p]![i]!;
    const { row, lossPerCustomer } = simulator.project(theta, deriveRng(seed, 'calibration', 'predictive', i));
    for (let t = 1; t <= T; t++) {
      for (let m = 0; m < PROJECTION_METRICS.length; m++) values[(m * T + t - 1) * draws + i] = row[projectionColumn(T, 0, t, m)]!;
      const inMonth = row[projectionColumn(T, 0, t, lost)]! - row[projectionColumn(T, 0, t - 1, lost)]!;
      values[(PROJECTION_METRICS.length * T + t - 1) * draws + i] = inMonth;
      values[((PROJECTION_METRICS.length + 1) * T + t - 1) * draws + i] = inMonth * lossPerCustomer;
    }
  }
  const observedAt = new Map<string, { value: number; as: string }>();
  labels.forEach((l, i) => {
    const metric = (OBSERVATION_METRICS[l.metric]?.projectionMetric ?? l.metric) as string;
    observedAt.set(`${metric}/${l.month}`, { value: observed[i]!, as: l.metric });
  });
  const rows: PredictiveRow[] = [];
  for (let m = 0; m < M; m++) {
    const metric = names[m]!;
    for (let t = 1; t <= T; t++) {
      const sorted = Array.from(values.subarray((m * T + t - 1) * draws, (m * T + t) * draws)).sort((a, b) => a - b);
      let sum = 0;
      for (const x of sorted) sum += x;
      const seen = observedAt.get(`${metric}/${t}`);
      rows.push({
        metric,
        month: t,
        mean: sum / draws,
        p05: quantileSorted(sorted, 0.05),
        p25: quantileSorted(sorted, 0.25),
        p50: quantileSorted(sorted, 0.5),
        p75: quantileSorted(sorted, 0.75),
        p95: quantileSorted(sorted, 0.95),
        ...(seen === undefined ? {} : { observed: seen.value, observedAs: seen.as }),
      });
    }
  }
  return rows;
}

/**
 * Calibrates a scenario to a company's observed months, on this thread: the scenario's
 * distributions are the priors, the projection under `options.policy` (the current
 * practice) the simulator. Returns the posterior of every parameter (with its fitted
 * distribution and a warning for each the data say nothing about), ESS, final tolerance,
 * and the posterior predictive bands of every metric, the dark number included.
 *
 * @example
 * const observations = parseObservations(csvText, 'shop.csv');
 * const fit = calibrate(
 *   { network, incidents: { count: 0, amount: 600 }, economics: { margin: 500 },
 *     spread: { tellProbability: { dist: 'beta', mean: 0.4, sd: 0.15 } } },
 *   observations,
 *   { policy: { name: 'refuse', decision: 'refuse' }, projection: { months: 24, incidentRate: 0.02 }, seed: 1, particles: 300 });
 * fit.parameters[0].posterior; // mean, sd, 90% interval of spread.tellProbability
 * fit.warnings;                // "the data say nothing about …"
 */
export function calibrate(scenario: CalibrationScenario, observations: Observations, options: CalibrateOptions): CalibrationResult {
  const prepared = prepareCalibration(scenario, observations, options);
  const abc = abcSmc({ ...prepared.engine, runBatch: localRunner(prepared.simulator, rngOf) });
  return calibrationResult(prepared, abc, { seed: options.seed, ...(options.predictiveDraws === undefined ? {} : { predictiveDraws: options.predictiveDraws }) });
}

/**
 * {@link calibrate} with a batch runner that may return a Promise (worker threads:
 * `hearsay/node`'s calibrationRunner), yielding to the event loop between batches. Same
 * result as calibrate for the same options, whatever the runner.
 */
export async function calibrateAsync(
  scenario: CalibrationScenario,
  observations: Observations,
  options: CalibrateOptions & { readonly runBatch?: (prepared: PreparedCalibration) => AsyncBatchRunner },
): Promise<CalibrationResult> {
  const { runBatch, ...rest } = options;
  const prepared = prepareCalibration(scenario, observations, rest);
  const runner = runBatch === undefined ? localRunner(prepared.simulator, rngOf) : runBatch(prepared);
  const abc = await abcSmcAsync({ ...prepared.engine, runBatch: runner });
  return calibrationResult(prepared, abc, { seed: options.seed, ...(options.predictiveDraws === undefined ? {} : { predictiveDraws: options.predictiveDraws }) });
}

/** The generator of a stream name, as the engine's default runner builds it. */
function rngOf(stream: string): Rng {
  return new Rng(stream);
}
