/**
 * Month-by-month churn projections under several complaint policies, as tidy rows a
 * notebook can chart in one call, plus the early warning: the first month in which
 * acquisitions fall below losses.
 */
import { InvalidParameterError } from '../errors.js';
import { resolvePolicies, type PolicySpec } from '../experience/policy.js';
import { resolveScenario, type Scenario } from '../measure/scenario.js';
import { runReplicates, runReplicatesSync, type MonteCarloResult, type ReplicateRange } from '../monte-carlo/runner.js';
import { summarize } from '../monte-carlo/summary.js';
import { METRIC_KINDS, PROJECTION_METRICS, ProjectionKernel, projectionColumn, warningColumn, type ProjectionMetric } from './kernel.js';
import { resolveProjectionOptions, type ProjectionAssumption, type ProjectionOptions, type ResolvedProjection } from './options.js';
import type { QuantileBand } from '../monte-carlo/summary.js';
import type { Seed } from '../random/rng.js';

/** One metric of one policy in one month, summarised over replicates. */
export interface ProjectionRow extends QuantileBand {
  readonly scenario: string;
  readonly policy: string;
  /** 0 is the start (stocks and running totals only); 1 … months. */
  readonly month: number;
  readonly metric: ProjectionMetric;
  /** Standard error of the mean, sd/√R; null for a single replicate. */
  readonly se: number | null;
}

/** One metric of one policy in one month of one replicate. */
export interface ProjectionReplicateRow {
  readonly scenario: string;
  readonly policy: string;
  readonly replicate: number;
  readonly month: number;
  readonly metric: ProjectionMetric;
  readonly value: number;
}

/**
 * The early warning of one policy: the first month in which acquisitions − losses have
 * fallen short of what marketing and churn from other causes give with no problems, by
 * more than chance allows (docs/projection.md).
 */
export interface EarlyWarning {
  readonly policy: string;
  /** With no problems the warning goes off in at most this share of runs (options.warningFalseAlarmRate). */
  readonly falseAlarmRate: number;
  readonly replicates: number;
  /** Replicates in which the warning went off within the horizon. */
  readonly crossed: number;
  /** Replicates in which they never did. */
  readonly neverCrossed: number;
  /** crossed / replicates. */
  readonly shareCrossed: number;
  /** The month of crossing among the replicates that crossed; null when none did. */
  readonly month: {
    readonly mean: number;
    readonly min: number;
    readonly p05: number;
    readonly p25: number;
    readonly p50: number;
    readonly p75: number;
    readonly p95: number;
    readonly max: number;
  } | null;
}

/**
 * Total churn of one policy over the horizon, a year's worth: 1 − (1 − μ)^12 with μ the
 * customers lost per customer-month (summed means: Σ churned / Σ customers at the start
 * of each month), split by cause in proportion to the customers each cause took.
 */
export interface TotalChurn {
  readonly policy: string;
  /** Share of customers lost in a year, all causes. */
  readonly annual: number;
  /** Its parts: other causes (annualChurnRate), problems (direct) and word of mouth; they add up to `annual`. */
  readonly baseline: number;
  readonly problems: number;
  readonly wordOfMouth: number;
}

/** How many replicates first crossed in each month, for a chart of the warning's distribution. */
export interface EarlyWarningRow {
  readonly scenario: string;
  readonly policy: string;
  readonly month: number;
  /** Replicates whose first crossing is this month. */
  readonly firstCrossings: number;
  /** Share of all replicates that have crossed by this month. */
  readonly cumulativeShare: number;
}

export interface ProjectionResult {
  readonly scenario: string;
  /** The seed as given (a number stays a number). */
  readonly seed: Seed;
  readonly range: ReplicateRange;
  readonly replicates: number;
  readonly months: number;
  readonly policies: readonly string[];
  /** `{ scenario, policy, month, metric, mean, se, p05, p25, p50, p75, p95 }`. */
  readonly rows: readonly ProjectionRow[];
  /** With `perReplicate: true`: one row per replicate, policy, month and metric. */
  readonly replicateRows?: readonly ProjectionReplicateRow[];
  readonly earlyWarning: readonly EarlyWarning[];
  readonly earlyWarningRows: readonly EarlyWarningRow[];
  /** Total churn per policy, a year's worth, with its parts (also in `assumptions`, marked measured). */
  readonly totalChurn: readonly TotalChurn[];
  /** With `perReplicate: true`: each replicate's warning month per policy, null when it never crossed. */
  readonly replicateWarnings?: ReadonlyArray<{ readonly policy: string; readonly replicate: number; readonly month: number | null }>;
  /** What the projection rests on: every parameter with its value and source. */
  readonly assumptions: readonly ProjectionAssumption[];
  readonly parameters: ResolvedProjection;
  readonly elapsedMs: number;
}

/**
 * Validates everything and prepares the kernel, without running it: use it with
 * {@link runReplicates} or split a study over machines, then {@link projectionFromResult}.
 */
export function prepareProjection(
  scenario: Scenario,
  policies: readonly PolicySpec[],
  options: ProjectionOptions,
): { kernel: ProjectionKernel; assumptions: ProjectionAssumption[] } {
  const s = resolveScenario(scenario);
  const resolved = resolvePolicies(policies);
  const { resolved: params, assumptions } = resolveProjectionOptions(options, s);
  return { kernel: new ProjectionKernel(s, resolved, params), assumptions };
}

/** What {@link projectionFromResult} needs of the kernel: its parameters, policies' names and metric names (a merge has no network to build it on). */
export type ProjectionShape = {
  readonly params: ResolvedProjection;
  readonly policies: ReadonlyArray<{ readonly name: string }>;
  readonly metricNames: readonly string[];
};

/** Shapes a finished run (kept samples required) into rows and early warnings. */
export function projectionFromResult(
  kernel: ProjectionShape,
  result: MonteCarloResult,
  assumptions: readonly ProjectionAssumption[],
): ProjectionResult {
  const params = kernel.params;
  const T = params.months;
  const P = kernel.policies.length;
  const scenario = params.name;
  const names = kernel.policies.map((p) => p.name);
  const samples = result.samples;
  if (samples === undefined) {
    throw new InvalidParameterError('result.samples', 'a run with samples kept (samples: true)', undefined);
  }
  const column = (j: number) => samples[kernel.metricNames[j]!]!;
  const rows: ProjectionRow[] = [];
  for (let p = 0; p < P; p++) {
    for (let t = 0; t <= T; t++) {
      PROJECTION_METRICS.forEach((metric, m) => {
        if (t === 0 && METRIC_KINDS[metric] === 'flow') return;
        const sm = result.summary[kernel.metricNames[projectionColumn(T, p, t, m)]!]!;
        rows.push({ scenario, policy: names[p]!, month: t, metric, mean: sm.mean, se: sm.se, p05: sm.p05, p25: sm.p25, p50: sm.p50, p75: sm.p75, p95: sm.p95 });
      });
    }
  }

  const R = result.replicates;
  const earlyWarning: EarlyWarning[] = [];
  const earlyWarningRows: EarlyWarningRow[] = [];
  for (let p = 0; p < P; p++) {
    const months = column(warningColumn(T, P, p));
    const crossedMonths: number[] = [];
    const counts = new Array<number>(T + 1).fill(0);
    for (let i = 0; i < months.length; i++) {
      const m = months[i]!;
      if (m > 0) {
        crossedMonths.push(m);
        counts[m]!++;
      }
    }
    let month: EarlyWarning['month'] = null;
    if (crossedMonths.length > 0) {
      const sm = summarize(crossedMonths, `${names[p]}: warning month`);
      month = { mean: sm.mean, min: sm.min, p05: sm.p05, p25: sm.p25, p50: sm.p50, p75: sm.p75, p95: sm.p95, max: sm.max };
    }
    earlyWarning.push({
      policy: names[p]!,
      falseAlarmRate: params.warningFalseAlarmRate,
      replicates: R,
      crossed: crossedMonths.length,
      neverCrossed: R - crossedMonths.length,
      shareCrossed: crossedMonths.length / R,
      month,
    });
    let cumulative = 0;
    for (let t = 1; t <= T; t++) {
      cumulative += counts[t]!;
      earlyWarningRows.push({ scenario, policy: names[p]!, month: t, firstCrossings: counts[t]!, cumulativeShare: cumulative / R });
    }
  }

  const mean = (p: number, t: number, metric: ProjectionMetric) => result.summary[kernel.metricNames[projectionColumn(T, p, t, PROJECTION_METRICS.indexOf(metric))]!]!.mean;
  const totalChurn: TotalChurn[] = [];
  const measured: ProjectionAssumption[] = [];
  const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
  for (let p = 0; p < P; p++) {
    let exposure = 0;
    let lost = 0;
    let baseline = 0;
    let direct = 0;
    let wom = 0;
    for (let t = 1; t <= T; t++) {
      exposure += mean(p, t - 1, 'customers');
      lost += mean(p, t, 'churned');
      baseline += mean(p, t, 'baselineChurn');
      direct += mean(p, t, 'directChurn');
      wom += mean(p, t, 'womChurn');
    }
    const annual = exposure > 0 ? 1 - Math.pow(1 - lost / exposure, 12) : 0;
    const part = (x: number) => (lost > 0 ? (annual * x) / lost : 0);
    const c: TotalChurn = { policy: names[p]!, annual, baseline: part(baseline), problems: part(direct), wordOfMouth: part(wom) };
    totalChurn.push(c);
    measured.push({
      parameter: `total churn: ${names[p]}`,
      value: annual,
      isDefault: false,
      measured: true,
      source: `measured over ${T} months: ${percent(annual)} a year = other causes ${percent(c.baseline)} + problems ${percent(c.problems)} + word of mouth ${percent(c.wordOfMouth)}`,
    });
  }

  let replicateRows: ProjectionReplicateRow[] | undefined;
  let replicateWarnings: Array<{ policy: string; replicate: number; month: number | null }> | undefined;
  if (params.perReplicate) {
    replicateRows = [];
    replicateWarnings = [];
    const from = result.range.from;
    for (let p = 0; p < P; p++) {
      const warn = column(warningColumn(T, P, p));
      for (let i = 0; i < R; i++) replicateWarnings.push({ policy: names[p]!, replicate: from + i, month: warn[i]! > 0 ? warn[i]! : null });
      for (let t = 0; t <= T; t++) {
        PROJECTION_METRICS.forEach((metric, m) => {
          if (t === 0 && METRIC_KINDS[metric] === 'flow') return;
          const values = column(projectionColumn(T, p, t, m));
          for (let i = 0; i < R; i++) {
            replicateRows!.push({ scenario, policy: names[p]!, replicate: from + i, month: t, metric, value: values[i]! });
          }
        });
      }
    }
  }

  return {
    scenario,
    seed: result.seed,
    range: result.range,
    replicates: R,
    months: T,
    policies: names,
    rows,
    ...(replicateRows === undefined ? {} : { replicateRows, replicateWarnings: replicateWarnings! }),
    earlyWarning,
    earlyWarningRows,
    totalChurn,
    assumptions: [...assumptions, ...measured],
    parameters: params,
    elapsedMs: result.elapsedMs,
  };
}

/**
 * Projects the customer base month by month under each policy, every policy on the same
 * random streams: incidents arrive at `incidentRate` per customer per month and are
 * handled by the policy; stories spread one hop per `retellDelayMonths`; customers
 * churn at the baseline hazard, after bad episodes and after negative word of mouth;
 * prospects are won by marketing and referrals and lost to negative stories. See
 * docs/projection.md for the model and every default.
 *
 * @throws InvalidParameterError naming the field, the requirement and the value received.
 * @example
 * const network = assignRoles(groups({ size: 20_000, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.0005, seed: 1 }),
 *   { customers: 0.3, prospects: 0.4 }, 1);
 * const p = projectChurn({ network, incidents: { count: 0, amount: 600 }, economics: { margin: 1000 } },
 *   [{ name: 'fee', decision: 'refuse-with-fee', fee: 200 }, { name: 'refund', decision: 'full-refund' }],
 *   { seed: 1, replicates: 200 });
 * p.rows.filter((r) => r.metric === 'customers' && r.month === 60); // mean and bands per policy
 * p.earlyWarning; // when acquisitions first fall below losses, per policy
 */
export function projectChurn(scenario: Scenario, policies: readonly PolicySpec[], options: ProjectionOptions): ProjectionResult {
  const { kernel, assumptions } = prepareProjection(scenario, policies, options);
  const result = runReplicatesSync(kernel, {
    seed: options.seed,
    replicates: options.replicates,
    samples: true,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return projectionFromResult(kernel, result, assumptions);
}

/**
 * {@link projectChurn} yielding to the event loop about every 50 ms, so a notebook or
 * page can draw progress and an AbortSignal is honoured promptly. Same numbers.
 */
export async function projectChurnAsync(scenario: Scenario, policies: readonly PolicySpec[], options: ProjectionOptions): Promise<ProjectionResult> {
  const { kernel, assumptions } = prepareProjection(scenario, policies, options);
  const result = await runReplicates(kernel, {
    seed: options.seed,
    replicates: options.replicates,
    samples: true,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return projectionFromResult(kernel, result, assumptions);
}
