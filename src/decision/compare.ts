/**
 * The questions users came with: how big is the dark number, which complaint policy is
 * worth more, at what fee or refund two policies are worth the same, and which
 * assumptions drive the answer.
 *
 * Every policy runs on the same replicate streams (common random numbers): in replicate
 * i the same customers have the same problems and the same uniforms decide every step,
 * so paired differences between policies are far less noisy than independent runs.
 */
import { InvalidParameterError } from '../errors.js';
import { resolvePolicies, resolvePolicy, type PolicySpec, type ResolvedPolicy } from '../experience/policy.js';
import type { ResolvedEconomics } from '../economics/lifetime-value.js';
import { POLICY_METRICS, PolicyKernel, policyWinBack } from '../measure/kernel.js';
import { pairedDifference, type PairedDifference } from './difference.js';
export type { PairedDifference } from './difference.js';
import { resolveScenario, type ResolvedScenario, type Scenario } from '../measure/scenario.js';
import { runReplicatesSync, type MonteCarloResult, type ReplicateRange } from '../monte-carlo/runner.js';
import type { MetricSummary } from '../monte-carlo/summary.js';
import { Rng, deriveRng, type Seed } from '../random/rng.js';
import { requireInteger } from '../validate.js';

export interface RunOptions {
  readonly seed: Seed;
  readonly replicates: number | ReplicateRange;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: { readonly aborted: boolean };
}

/** Several policies on the same streams: columns `policyName:metric`. */
export class ComparisonKernel {
  readonly metricNames: readonly string[];
  readonly kernels: readonly PolicyKernel[];
  readonly #row: Float64Array;

  constructor(scenario: ResolvedScenario, policies: readonly ResolvedPolicy[]) {
    this.kernels = policies.map((p) => new PolicyKernel(scenario, p));
    this.metricNames = policies.flatMap((p) => POLICY_METRICS.map((m) => `${p.name}:${m}`));
    this.#row = new Float64Array(POLICY_METRICS.length);
  }

  run(rng: Rng, out: Float64Array): void {
    const m = POLICY_METRICS.length;
    this.kernels.forEach((kernel, p) => {
      // A fresh generator on the same stream: every policy sees the same numbers.
      kernel.run(new Rng(rng.stream), this.#row);
      out.set(this.#row, p * m);
    });
  }
}

/** A metric's summary as a tidy row. */
export interface SummaryRow {
  readonly policy: string;
  readonly metric: string;
  readonly mean: number;
  readonly sd: number | null;
  readonly se: number | null;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
  readonly ci95Low: number | null;
  readonly ci95High: number | null;
}

/** One metric of one policy as a tidy row: its summary, without the samples. */
export function summaryRow(policy: string, metric: string, s: MetricSummary): SummaryRow {
  return {
    policy,
    metric,
    mean: s.mean,
    sd: s.sd,
    se: s.se,
    p05: s.p05,
    p50: s.p50,
    p95: s.p95,
    ci95Low: s.ci95Low,
    ci95High: s.ci95High,
  };
}

export interface DarkNumberResult {
  /** The seed as given (a number stays a number). */
  readonly seed: Seed;
  readonly replicates: number;
  readonly policy: string;
  /** Summaries of every metric (see docs/model.md for the list). */
  readonly summary: Readonly<Record<string, MetricSummary>>;
  /** The same as tidy rows, one per metric. */
  readonly rows: readonly SummaryRow[];
  /** What the company sees beside what it does not, as means per replicate. */
  readonly visible: { readonly complaints: number; readonly churnRecorded: number };
  readonly invisible: { readonly lostProspects: number; readonly silentUnhappy: number };
  readonly result: MonteCarloResult;
}

/**
 * The dark number of a scenario under one policy: lost prospects, customers lost
 * directly and through word of mouth, referrals, and what the company can see against
 * what it cannot, summarised over replicates.
 *
 * @example
 * const r = estimateDarkNumber(scenario, { name: 'refuse with fee', decision: 'refuse-with-fee', fee: 200 },
 *   { seed: 1, replicates: 1000 });
 * r.summary.lostProspects.mean; r.invisible.lostProspects;
 */
export function estimateDarkNumber(scenario: Scenario, policy: PolicySpec, options: RunOptions): DarkNumberResult {
  const s = resolveScenario(scenario);
  const p = resolvePolicy(policy);
  const kernel = new PolicyKernel(s, p);
  const result = runReplicatesSync(kernel, { ...options });
  const sum = result.summary;
  return {
    seed: result.seed,
    replicates: result.replicates,
    policy: p.name,
    summary: sum,
    rows: POLICY_METRICS.map((m) => summaryRow(p.name, m, sum[m]!)),
    visible: { complaints: sum.complaints!.mean, churnRecorded: sum.churnRecorded!.mean },
    invisible: { lostProspects: sum.lostProspects!.mean, silentUnhappy: sum.silentUnhappy!.mean },
    result,
  };
}

export interface ComparisonResult {
  /** The seed as given (a number stays a number). */
  readonly seed: Seed;
  readonly replicates: number;
  readonly policies: readonly string[];
  /** Every metric of every policy as tidy rows. */
  readonly rows: readonly SummaryRow[];
  /** Net value and its parts per policy. */
  readonly summary: Readonly<Record<string, Readonly<Record<string, MetricSummary>>>>;
  /** Every ordered pair of policies. */
  readonly differences: readonly PairedDifference[];
  /**
   * With `measureVarianceReduction`: for each pair, the variance of the net-value
   * difference from independent runs divided by that from common random numbers.
   */
  readonly varianceReduction?: ReadonlyArray<{ readonly policy: string; readonly against: string; readonly ratio: number }>;
  readonly result: MonteCarloResult;
}

export interface CompareOptions extends RunOptions {
  /** Also run every policy on its own independent streams and report how much common random numbers shrink the variance of differences. */
  readonly measureVarianceReduction?: boolean;
}

function variance(xs: ArrayLike<number>): number {
  const n = xs.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i]!;
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (xs[i]! - m) ** 2;
  return v / (n - 1);
}

/**
 * Runs every policy on the same streams and compares their net value pairwise.
 *
 * @example
 * const c = comparePolicies(scenario, [refuseWithFee, freeRepair, goodwill], { seed: 1, replicates: 1000 });
 * c.differences.find((d) => d.policy === 'free repair' && d.against === 'refuse with fee');
 */
export function comparePolicies(scenario: Scenario, policies: readonly PolicySpec[], options: CompareOptions): ComparisonResult {
  const s = resolveScenario(scenario);
  const resolved = resolvePolicies(policies);
  const kernel = new ComparisonKernel(s, resolved);
  const result = runReplicatesSync(kernel, { ...options, samples: true });
  return comparisonFromResult(comparisonContext(s), resolved, result, options);
}

/** What a comparison needs besides its replicates: the money side, the incidents, each policy's win-back. */
export interface ComparisonContext {
  readonly economics: ResolvedEconomics;
  /** Incidents in one replicate. */
  readonly incidents: number;
  /** The resolved scenario, when at hand: needed only to measure the variance reduction. */
  readonly scenario?: ResolvedScenario;
}

/** The context of a resolved scenario. */
export function comparisonContext(s: ResolvedScenario): ComparisonContext {
  return { economics: s.economics, incidents: s.incidents.count, scenario: s };
}

/**
 * The comparison from replicates already run by a {@link ComparisonKernel} with samples
 * kept — however they were run (this thread, worker threads, merged parts from machines
 * that hold no network).
 */
export function comparisonFromResult(
  context: ComparisonContext,
  resolved: readonly ResolvedPolicy[],
  result: MonteCarloResult,
  options: Pick<CompareOptions, 'seed' | 'measureVarianceReduction'>,
): ComparisonResult {
  if (result.samples === undefined) {
    throw new InvalidParameterError('result.samples', 'a run with samples kept (samples: true)', undefined);
  }
  const names = resolved.map((p) => p.name);
  const summary: Record<string, Record<string, MetricSummary>> = {};
  const rows: SummaryRow[] = [];
  for (const name of names) {
    summary[name] = {};
    for (const m of POLICY_METRICS) {
      const sm = result.summary[`${name}:${m}`]!;
      summary[name][m] = sm;
      rows.push(summaryRow(name, m, sm));
    }
  }
  const value = (name: string) => result.samples![`${name}:netValue`]!;
  const winBacks = new Map(resolved.map((p) => [p.name, policyWinBack(context.economics, p)]));
  const differenceContext = { economics: context.economics, incidents: context.incidents, winBack: (name: string) => winBacks.get(name) ?? null };
  const differences: PairedDifference[] = [];
  for (const a of names) {
    for (const b of names) {
      if (a !== b) differences.push(pairedDifference(result, a, b, differenceContext));
    }
  }
  let varianceReduction: ComparisonResult['varianceReduction'];
  if (options.measureVarianceReduction) {
    const s = context.scenario;
    if (s === undefined) throw new InvalidParameterError('context.scenario', 'the resolved scenario, to measure the variance reduction', s);
    if (result.replicates < 2) {
      throw new InvalidParameterError('replicates', 'at least 2 replicates to measure the variance reduction', result.replicates);
    }
    const independent = resolved.map((p, index) => {
      const k = new PolicyKernel(s, p);
      const range = result.range;
      const column = new Float64Array(range.to - range.from);
      const out = new Float64Array(POLICY_METRICS.length);
      const at = POLICY_METRICS.indexOf('netValue');
      for (let i = range.from; i < range.to; i++) {
        k.run(deriveRng(options.seed, 'independent', index, 'replicate', i), out);
        column[i - range.from] = out[at]!;
      }
      return column;
    });
    const pairs: Array<{ policy: string; against: string; ratio: number }> = [];
    for (let a = 0; a < names.length; a++) {
      for (let b = a + 1; b < names.length; b++) {
        const vb = value(names[b]!);
        const crn = variance(value(names[a]!).map((x, i) => x - vb[i]!));
        const ind = variance(independent[a]!.map((x, i) => x - independent[b]![i]!));
        pairs.push({ policy: names[a]!, against: names[b]!, ratio: crn === 0 ? Infinity : ind / crn });
      }
    }
    varianceReduction = pairs;
  }
  return {
    seed: result.seed,
    replicates: result.replicates,
    policies: names,
    rows,
    summary,
    differences,
    ...(varianceReduction === undefined ? {} : { varianceReduction }),
    result,
  };
}

export interface BreakEvenOptions extends RunOptions {
  /** The policy field to vary (`fee`, `credit` or `repairCost`) or the incident `amount`. */
  readonly parameter: 'fee' | 'credit' | 'repairCost' | 'amount';
  /** Which policy the parameter belongs to (default: the first); ignored for `amount`. */
  readonly in?: 0 | 1;
  /** The range searched; the difference must change sign between its ends. */
  readonly low: number;
  readonly high: number;
  /** Stop when the bracket is this narrow (default (high − low)/10⁴). */
  readonly tolerance?: number;
}

export interface BreakEvenResult {
  readonly parameter: string;
  /** The amount at which the two policies' mean net values are equal. */
  readonly value: number;
  /** Standard error of that amount: SE of the paired difference there over the slope. */
  readonly se: number;
  /** 95% confidence interval of that amount, value ± 1.96·se. */
  readonly ci95Low: number;
  readonly ci95High: number;
  /** Mean paired difference (first − second) per unit of the parameter near the break-even point. */
  readonly slope: number;
  readonly evaluations: number;
}

/**
 * One comparison a study needs: the scenario's sections and the policies at one point of
 * a parameter, run on the study's seed and replicates (every point on the same streams).
 */
export interface ComparisonRequest {
  readonly sections: Omit<Scenario, 'network'>;
  readonly policies: readonly PolicySpec[];
}

/**
 * A study written once and run anywhere: it yields the comparisons it needs, one at a
 * time, and receives each one's replicates (samples kept). {@link runStepsSync} runs them
 * on this thread; {@link runStepsAsync} hands them to any runner (worker threads), with
 * the same numbers, since each comparison's replicates are the same whoever runs them.
 */
export type ComparisonSteps<T> = Generator<ComparisonRequest, T, MonteCarloResult>;

/** The kernel of a request on a network: what a worker builds from the same request. */
export function requestKernel(network: Scenario['network'], request: ComparisonRequest): ComparisonKernel {
  return new ComparisonKernel(resolveScenario({ ...request.sections, network } as Scenario), resolvePolicies(request.policies));
}

/** Runs a study's comparisons on this thread. */
export function runStepsSync<T>(steps: ComparisonSteps<T>, network: Scenario['network'], options: RunOptions): T {
  let step = steps.next();
  while (!step.done) {
    const result = runReplicatesSync(requestKernel(network, step.value), { seed: options.seed, replicates: options.replicates, samples: true });
    step = steps.next(result);
  }
  return step.value;
}

/** Runs a study's comparisons with `run` (worker threads, …), one after the other. */
export async function runStepsAsync<T>(steps: ComparisonSteps<T>, run: (request: ComparisonRequest) => Promise<MonteCarloResult>): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await run(step.value));
  return step.value;
}

/**
 * The fee, credit, repair cost or amount at stake at which two policies are worth the
 * same in expectation, found by bisection on the mean paired difference of net value
 * (every evaluation on the same streams), with a standard error from the delta method:
 * SE(x*) ≈ SE(D(x*)) / |D'(x*)|.
 *
 * @example
 * breakEven(scenario, [refuseWithFee, waiveFee], { parameter: 'fee', low: 0, high: 2000, seed: 1, replicates: 1000 });
 */
export function breakEven(scenario: Scenario, pair: readonly [PolicySpec, PolicySpec], options: BreakEvenOptions): BreakEvenResult {
  return runStepsSync(breakEvenSteps(scenario, pair, options), scenario.network, options);
}

/** {@link breakEven} as the comparisons it runs, for {@link runStepsSync} or {@link runStepsAsync}. */
export function* breakEvenSteps(scenario: Scenario, pair: readonly [PolicySpec, PolicySpec], options: BreakEvenOptions): ComparisonSteps<BreakEvenResult> {
  resolveScenario(scenario);
  if (!Array.isArray(pair) || pair.length !== 2) throw new InvalidParameterError('policies', 'two policies', pair);
  const which = options.in ?? 0;
  if (which !== 0 && which !== 1) throw new InvalidParameterError('in', '0 or 1 (the first or second policy)', options.in);
  const { parameter } = options;
  if (!['fee', 'credit', 'repairCost', 'amount'].includes(parameter)) {
    throw new InvalidParameterError('parameter', '"fee", "credit", "repairCost" or "amount"', parameter);
  }
  if (!(Number.isFinite(options.low) && options.low >= 0)) {
    throw new InvalidParameterError('low', 'a finite number ≥ 0', options.low);
  }
  if (!(Number.isFinite(options.high) && options.high > options.low)) {
    throw new InvalidParameterError('high', `a finite number above low (${options.low})`, options.high);
  }
  const tolerance = options.tolerance ?? (options.high - options.low) / 1e4;
  // A tolerance of 0 (or less) would bisect forever once lo and hi are adjacent doubles;
  // NaN would stop at once, at the middle of the range.
  if (!(Number.isFinite(tolerance) && tolerance > 0)) {
    throw new InvalidParameterError('tolerance', 'a finite width > 0', options.tolerance);
  }
  const total = typeof options.replicates === 'number' ? requireInteger('replicates', options.replicates, 2, 1e9) : options.replicates.to - options.replicates.from;
  const { network: _network, ...sections } = scenario;
  void _network;
  const names = pair.map((p, i) => resolvePolicy(p, `policies[${i}]`).name);
  const request = (x: number): ComparisonRequest => ({
    sections: parameter === 'amount' ? { ...sections, incidents: { ...sections.incidents, amount: x } } : sections,
    policies: pair.map((p, i) => (parameter !== 'amount' && i === which ? { ...p, [parameter]: x } : p)),
  });
  const differenceOf = (r: MonteCarloResult): Float64Array => {
    const a = r.samples![`${names[0]!}:netValue`]!;
    const b = r.samples![`${names[1]!}:netValue`]!;
    return a.map((v, i) => v - b[i]!);
  };
  const mean = (d: Float64Array) => d.reduce((x, y) => x + y, 0) / d.length;
  let lo = options.low;
  let hi = options.high;
  let dLo = mean(differenceOf(yield request(lo)));
  let dHi = mean(differenceOf(yield request(hi)));
  let evaluations = 2;
  if (dLo === 0) hi = lo;
  else if (dHi === 0) lo = hi;
  else if (Math.sign(dLo) === Math.sign(dHi)) {
    throw new InvalidParameterError(
      'low, high',
      `a range where the difference changes sign (at ${options.low}: ${dLo.toFixed(2)}, at ${options.high}: ${dHi.toFixed(2)})`,
      [options.low, options.high],
    );
  }
  while (hi - lo > tolerance) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break; // lo and hi are adjacent doubles: as narrow as it gets
    const dMid = mean(differenceOf(yield request(mid)));
    evaluations++;
    if (dMid === 0) {
      lo = hi = mid;
      break;
    }
    if (Math.sign(dMid) === Math.sign(dLo)) {
      lo = mid;
      dLo = dMid;
    } else {
      hi = mid;
      dHi = dMid;
    }
  }
  const x = (lo + hi) / 2;
  const at = differenceOf(yield request(x));
  // The local slope, from a step of 1% of the range on each side (inside the range).
  const step = (options.high - options.low) / 100;
  const left = Math.max(options.low, x - step);
  const right = Math.min(options.high, x + step);
  const slope = (mean(differenceOf(yield request(right))) - mean(differenceOf(yield request(left)))) / (right - left);
  evaluations += 3;
  if (slope === 0) {
    throw new InvalidParameterError(parameter, 'a parameter that changes the difference near the break-even point', x);
  }
  const se = Math.sqrt(variance(at) / total) / Math.abs(slope);
  return { parameter, value: x, se, ci95Low: x - 1.959963984540054 * se, ci95High: x + 1.959963984540054 * se, slope, evaluations };
}

