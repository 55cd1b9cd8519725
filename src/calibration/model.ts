/**
 * The simulator of a calibration: the scenario's distributions are the priors, the
 * month-by-month projection under the company's current practice (one policy) is the
 * model, and the summaries are the observed metrics, month by month.
 *
 * Everything here is plain data in, numbers out, so a worker thread rebuilds the same
 * simulator from a {@link CalibrationModelSpec} and the network, and simulates θ with the
 * stream it is given: same θ and stream → the same summaries on any thread.
 */
import { modelCheck, uncertainModel, type ModelValue, type UncertainModel } from '../decision/uncertainty.js';
import { InvalidParameterError, ObservationsError, type ObservationProblem, type ParameterProblem } from '../errors.js';
import { resolvePolicies, type PolicySpec } from '../experience/policy.js';
import { resolveScenario, type Scenario } from '../measure/scenario.js';
import type { Network } from '../network/types.js';
import { PROJECTION_METRICS, ProjectionKernel, projectionColumn, type ProjectionMetric } from '../projection/kernel.js';
import { resolveProjectionOptions, type ProjectionOptions } from '../projection/options.js';
import type { Rng } from '../random/rng.js';
import { compileDistribution, type Distribution, type DistributionSpec } from '../uncertainty/distributions.js';
import { substituteValues, type UncertainParameter } from '../uncertainty/draw.js';
import type { CalibrationPrior, NamedPrior } from './abc-smc.js';
import { OBSERVATION_METRICS, observationVector, type ObservationLabel, type ObservationMetric, type Observations } from './observations.js';

/** The projection's parameters a calibration runs with (no seed, replicates or run settings). */
export type CalibrationProjection = Omit<ProjectionOptions, 'seed' | 'replicates' | 'name' | 'perReplicate' | 'onProgress' | 'signal'>;

/**
 * What a calibration simulates, as plain data (a worker thread rebuilds it):
 * the scenario's sections and the current practice, numbers or distributions (the
 * distributions are the priors), the projection's parameters, and which projection metric
 * of which month each summary is.
 */
export interface CalibrationModelSpec {
  /** incidents, complaints, behaviour, spread, economics: numbers or distributions. */
  readonly scenario: Readonly<Record<string, unknown>>;
  /** The company's current practice (the policy the observed months were run under). */
  readonly policy: Readonly<Record<string, unknown>>;
  readonly projection: CalibrationProjection;
  /** Observed value i is projection metric `targets[i].metric` in month `targets[i].month`. */
  readonly targets: ReadonlyArray<{ readonly metric: ProjectionMetric; readonly month: number }>;
  /** How the observed values become summaries (see {@link CalibrationSummaries}); default `means`. */
  readonly summaries?: CalibrationSummaries;
}

/**
 * The summary statistics a calibration compares:
 * - `means` [A] (default): per observed metric, the mean of its observed months (its
 *   level). One number per series whatever its length, so the tolerance can fall far
 *   below the month-to-month noise. Each summary that is mostly noise adds about one
 *   standardised unit to the distance of the truth itself (with k monthly values, about
 *   √k), and ABC accepts almost nothing below that: the other forms learn less from the
 *   same data unless the months really differ (docs/calibration.md).
 * - `series`: the mean and the least-squares slope (the trend per month; left out for a
 *   metric observed in one month) of each metric.
 * - `monthly`: every observed value, one summary each.
 */
export type CalibrationSummaries = 'means' | 'series' | 'monthly';

/** Per series (consecutive targets of one metric) where its values start and end. */
function seriesBounds(targets: CalibrationModelSpec['targets']): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  for (let i = 0; i < targets.length; i++) {
    if (i === 0 || targets[i]!.metric !== targets[i - 1]!.metric) out.push({ from: i, to: i + 1 });
    else out[out.length - 1]!.to = i + 1;
  }
  return out;
}

/** How many summaries the targets make. */
export function summaryLength(targets: CalibrationModelSpec['targets'], summaries: CalibrationSummaries = 'means'): number {
  if (summaries === 'monthly') return targets.length;
  return seriesBounds(targets).reduce((n, b) => n + (summaries === 'series' && b.to - b.from > 1 ? 2 : 1), 0);
}

/** The names of the summaries: `complaints: mean`, `complaints: slope` (series) or `complaints: month 3` (monthly). */
export function summaryNames(targets: CalibrationModelSpec['targets'], summaries: CalibrationSummaries = 'means'): string[] {
  if (summaries === 'monthly') return targets.map((t) => `${t.metric}: month ${t.month}`);
  return seriesBounds(targets).flatMap((b) => (summaries === 'series' && b.to - b.from > 1 ? [`${targets[b.from]!.metric}: mean`, `${targets[b.from]!.metric}: slope`] : [`${targets[b.from]!.metric}: mean`]));
}

/** The summaries of observed (or simulated) values in target order, written to `out`. */
export function reduceSummaries(targets: CalibrationModelSpec['targets'], values: ArrayLike<number>, summaries: CalibrationSummaries, out: Float64Array): Float64Array {
  if (summaries === 'monthly') {
    for (let i = 0; i < targets.length; i++) out[i] = values[i]!;
    return out;
  }
  let k = 0;
  for (const { from, to } of seriesBounds(targets)) {
    const n = to - from;
    let mx = 0;
    let my = 0;
    for (let i = from; i < to; i++) {
      mx += targets[i]!.month;
      my += values[i]!;
    }
    mx /= n;
    my /= n;
    out[k++] = my;
    if (summaries === 'series' && n > 1) {
      let sxy = 0;
      let sxx = 0;
      for (let i = from; i < to; i++) {
        const dx = targets[i]!.month - mx;
        sxy += dx * (values[i]! - my);
        sxx += dx * dx;
      }
      out[k++] = sxy / sxx;
    }
  }
  return out;
}

/** A calibrated parameter: where it stands, its prior, and the range its values must keep. */
export interface CalibrationParameter {
  /** Its path in the scenario (`behaviour.repurchase.major.unresolved`, `policies[0].fee`). */
  readonly name: string;
  readonly parameter: UncertainParameter;
  readonly prior: CalibrationPrior;
}

/**
 * The prior of one parameter for the ABC engine: the compiled distribution, its support
 * narrowed to the parameter's range (so no proposal leaves it).
 */
function priorOf(p: UncertainParameter): CalibrationPrior {
  const d: Distribution = compileDistribution(p.spec as DistributionSpec, p.path);
  const low = Math.max(d.support.low, p.range.min);
  const high = Math.min(d.support.high, p.range.max);
  return { mean: d.mean, variance: d.variance, support: { low, high }, sample: (rng) => d.sample(rng), logDensity: (x) => d.logDensity(x) };
}

/** The model value a spec describes: the sections with the one policy, at the paths of a scenario file (`policies[0]…`). */
function modelValueOf(spec: CalibrationModelSpec): ModelValue {
  return { ...spec.scenario, policies: [spec.policy] };
}

/**
 * The parameters a spec calibrates: every distribution in its scenario and policy, in the
 * order they are written. Shares written as one Dirichlet are refused: they move together
 * and the engine's priors are one number each.
 * @throws {InvalidParameterError} listing every problem of the distributions or the model.
 */
export function calibrationParameters(spec: CalibrationModelSpec): { model: UncertainModel; parameters: CalibrationParameter[] } {
  const { model, problems } = uncertainModel(modelValueOf(spec));
  const all: ParameterProblem[] = [...problems];
  for (const p of model.found.parameters) {
    if (p.spec.dist === 'dirichlet') {
      const expected = 'a distribution on one number (a calibration does not fit shares drawn together from one dirichlet yet; give each share a number)';
      all.push({ path: p.parts, expected, received: 'a dirichlet', message: `expected ${expected}, received a dirichlet` });
    } else if (p.range.integer) {
      const expected = 'a distribution on a number that may take any value in its range (a calibration does not fit whole-number parameters)';
      all.push({ path: p.parts, expected, received: p.spec.dist, message: `expected ${expected}, received a ${p.spec.dist} distribution` });
    }
  }
  if (all.length === 0 && model.found.parameters.length === 0) {
    const expected = 'at least one parameter written as a distribution (the prior of what to calibrate), e.g. { dist: beta, mean: 0.4, sd: 0.15 }';
    all.push({ path: [], expected, received: 'no distribution', message: `expected ${expected}, received none` });
  }
  if (all.length > 0) throw InvalidParameterError.fromProblems(all);
  const parameters = model.found.parameters.map((p) => ({ name: p.label, parameter: p, prior: priorOf(p) }));
  return { model, parameters };
}

/**
 * The summaries of a calibration: each observed metric of each observed month, compared
 * with the projection metric it names ({@link OBSERVATION_METRICS}). A metric the
 * projection does not produce, or a month past the projection's horizon, is refused with
 * the line of its first row.
 * @throws {ObservationsError}
 */
export function calibrationTargets(
  observations: Observations,
  months: number,
  metrics: Readonly<Record<string, ObservationMetric>> = OBSERVATION_METRICS,
): { observed: Float64Array; labels: ObservationLabel[]; targets: Array<{ metric: ProjectionMetric; month: number }> } {
  const problems: ObservationProblem[] = [];
  for (const s of observations.series) {
    const projected = metrics[s.metric]?.projectionMetric;
    if (projected === undefined || !(PROJECTION_METRICS as readonly string[]).includes(projected)) {
      const usable = Object.keys(metrics).filter((m) => metrics[m]!.projectionMetric !== undefined);
      problems.push({ line: s.lines[0]!, field: 'metric', message: `expected a metric the projection produces (${usable.join(', ')}), received "${s.metric}" (not simulated yet)` });
    }
    for (let i = 0; i < s.months.length; i++) {
      if (s.months[i]! > months) {
        problems.push({ line: s.lines[i]!, field: 'month', message: `expected a month ≤ ${months} (the months projected: projection.months), received ${s.months[i]}` });
        break;
      }
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    throw new ObservationsError(observations.source, problems);
  }
  const { values, labels } = observationVector(observations);
  const targets = labels.map((l) => ({ metric: metrics[l.metric]!.projectionMetric!, month: l.month }));
  return { observed: values, labels, targets };
}

/**
 * A calibration's simulator on one network: θ (the parameters in order) → the scenario with
 * θ in place of its distributions → one projection replicate under the current practice on
 * the stream given → the targeted metrics. Build it once per thread and call it for every
 * proposal.
 */
export class CalibrationSimulator {
  readonly spec: CalibrationModelSpec;
  readonly model: UncertainModel;
  readonly parameters: readonly CalibrationParameter[];
  readonly #network: Network;
  readonly #check: (drawn: ModelValue) => ParameterProblem[];
  #row: Float64Array | undefined;
  readonly #values: Float64Array;
  readonly #summaries: CalibrationSummaries;

  constructor(network: Network, spec: CalibrationModelSpec) {
    this.spec = spec;
    this.#network = network;
    const { model, parameters } = calibrationParameters(spec);
    this.model = model;
    this.parameters = parameters;
    this.#check = modelCheck(network, model);
    this.#values = new Float64Array(spec.targets.length);
    const summaries: unknown = spec.summaries ?? 'means';
    if (summaries !== 'means' && summaries !== 'series' && summaries !== 'monthly') throw new InvalidParameterError('options.summaries', '"means", "series" or "monthly"', summaries);
    this.#summaries = summaries;
  }

  /** How many summaries a simulation returns. */
  get summaryLength(): number {
    return summaryLength(this.spec.targets, this.#summaries);
  }

  /** The observed values (in target order) as summaries. */
  reduce(values: ArrayLike<number>): Float64Array {
    return reduceSummaries(this.spec.targets, values, this.#summaries, new Float64Array(this.summaryLength));
  }

  /** The model with θ in place of the distributions. */
  drawn(theta: ArrayLike<number>): ModelValue {
    return substituteValues(this.model.value, this.model.found.units, theta);
  }

  /** The rules across fields θ breaks (positiveUpTo below negativeFrom, …): none for a θ inside the prior's support. */
  problems(theta: ArrayLike<number>): ParameterProblem[] {
    return this.#check(this.drawn(theta));
  }

  /** A prepared projection at θ (one policy: the current practice). */
  kernel(theta: ArrayLike<number>): ProjectionKernel {
    const { policies, ...sections } = this.drawn(theta);
    const scenario = resolveScenario({ ...sections, network: this.#network } as Scenario, '');
    const [policy] = resolvePolicies(policies as PolicySpec[]);
    const { resolved } = resolveProjectionOptions({ ...this.spec.projection, seed: 1, replicates: 1 } as ProjectionOptions, scenario, 'projection', '');
    return new ProjectionKernel(scenario, [policy!], resolved);
  }

  /** One replicate at θ: every projection metric of every month (see {@link projectionColumn}, policy 0). */
  project(theta: ArrayLike<number>, rng: Rng): { row: Float64Array; months: number; lossPerCustomer: number } {
    const kernel = this.kernel(theta);
    const width = kernel.metricNames.length;
    if (this.#row === undefined || this.#row.length !== width) this.#row = new Float64Array(width);
    kernel.run(rng, this.#row);
    return { row: this.#row, months: kernel.params.months, lossPerCustomer: kernel.scenario.economics.lossPerCustomer };
  }

  /** The summaries at θ (see {@link CalibrationSummaries}). */
  simulate(theta: ArrayLike<number>, rng: Rng, out = new Float64Array(this.summaryLength)): Float64Array {
    const { row, months } = this.project(theta, rng);
    const values = this.#values;
    this.spec.targets.forEach((t, i) => {
      values[i] = row[projectionColumn(months, 0, t.month, PROJECTION_METRICS.indexOf(t.metric))]!;
    });
    return reduceSummaries(this.spec.targets, values, this.#summaries, out);
  }

  /** The ABC engine's priors, named by path. */
  priors(): NamedPrior[] {
    return this.parameters.map((p) => ({ name: p.name, prior: p.prior }));
  }
}
