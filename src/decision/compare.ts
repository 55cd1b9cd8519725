/**
 * The questions users came with: how big is the dark number, which complaint policy is
 * worth more, at what fee or refund two policies are worth the same, and which
 * assumptions drive the answer.
 *
 * Every policy runs on the same replicate streams (common random numbers): in replicate
 * i the same customers have the same problems and the same uniforms decide every step,
 * so paired differences between policies are far less noisy than independent runs.
 */
import { z } from 'zod';
import { InvalidParameterError, formatPath, type ParameterProblem } from '../errors.js';
import { policiesSchema, resolvePolicies, resolvePolicy, type PolicySpec, type ResolvedPolicy } from '../experience/policy.js';
import { POLICY_METRICS, PolicyKernel } from '../measure/kernel.js';
import { resolveScenario, scenarioSectionsSchema, type ResolvedScenario, type Scenario } from '../measure/scenario.js';
import { addProblem, describe, numericRange, parseParameters, parsePath, schemaAt, schemaProblems, setPath, text } from '../parameters/index.js';
import { runReplicatesSync, type MonteCarloResult, type ReplicateRange } from '../monte-carlo/runner.js';
import { summarize, type MetricSummary } from '../monte-carlo/summary.js';
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

function row(policy: string, metric: string, s: MetricSummary): SummaryRow {
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
    rows: POLICY_METRICS.map((m) => row(p.name, m, sum[m]!)),
    visible: { complaints: sum.complaints!.mean, churnRecorded: sum.churnRecorded!.mean },
    invisible: { lostProspects: sum.lostProspects!.mean, silentUnhappy: sum.silentUnhappy!.mean },
    result,
  };
}

/** A paired comparison of two policies' net value. */
export interface PairedDifference {
  readonly policy: string;
  readonly against: string;
  /** Net value of `policy` minus net value of `against`, per replicate, summarised. */
  readonly difference: MetricSummary;
  /** Share of replicates in which `policy` is worth more, with its standard error. */
  readonly probabilityBetter: number;
  readonly probabilityBetterSe: number;
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
  return comparisonFromResult(s, resolved, result, options);
}

/**
 * The comparison from replicates already run by a {@link ComparisonKernel} with samples
 * kept — however they were run (this thread, worker threads, merged parts). The scenario
 * `s` is read only to measure the variance reduction: parts merged from other machines
 * carry no network, and pass null.
 */
export function comparisonFromResult(
  s: ResolvedScenario | null,
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
      rows.push(row(name, m, sm));
    }
  }
  const value = (name: string) => result.samples![`${name}:netValue`]!;
  const differences: PairedDifference[] = [];
  for (const a of names) {
    for (const b of names) {
      if (a === b) continue;
      const va = value(a);
      const vb = value(b);
      const d = new Float64Array(va.length);
      let better = 0;
      for (let i = 0; i < d.length; i++) {
        d[i] = va[i]! - vb[i]!;
        if (d[i]! > 0) better++;
      }
      const p = better / d.length;
      differences.push({
        policy: a,
        against: b,
        difference: summarize(d, `${a} − ${b}`),
        probabilityBetter: p,
        probabilityBetterSe: Math.sqrt((p * (1 - p)) / d.length),
      });
    }
  }
  let varianceReduction: ComparisonResult['varianceReduction'];
  if (options.measureVarianceReduction) {
    if (s === null) throw new InvalidParameterError('scenario', 'the resolved scenario, to measure the variance reduction', s);
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
 * The fee, credit, repair cost or amount at stake at which two policies are worth the
 * same in expectation, found by bisection on the mean paired difference of net value
 * (every evaluation on the same streams), with a standard error from the delta method:
 * SE(x*) ≈ SE(D(x*)) / |D'(x*)|.
 *
 * @example
 * breakEven(scenario, [refuseWithFee, waiveFee], { parameter: 'fee', low: 0, high: 2000, seed: 1, replicates: 1000 });
 */
export function breakEven(scenario: Scenario, pair: readonly [PolicySpec, PolicySpec], options: BreakEvenOptions): BreakEvenResult {
  const s0 = resolveScenario(scenario);
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
  const samples = (x: number): Float64Array => {
    const scenarioAt = parameter === 'amount' ? resolveScenario({ ...scenario, incidents: { ...scenario.incidents, amount: x } }) : s0;
    const policies = pair.map((p, i) => resolvePolicy(parameter !== 'amount' && i === which ? { ...p, [parameter]: x } : p, `policies[${i}]`));
    const kernel = new ComparisonKernel(scenarioAt, policies);
    const r = runReplicatesSync(kernel, { seed: options.seed, replicates: options.replicates, samples: true });
    const a = r.samples![`${policies[0]!.name}:netValue`]!;
    const b = r.samples![`${policies[1]!.name}:netValue`]!;
    return a.map((v, i) => v - b[i]!);
  };
  const mean = (d: Float64Array) => d.reduce((x, y) => x + y, 0) / d.length;
  let lo = options.low;
  let hi = options.high;
  let dLo = mean(samples(lo));
  let dHi = mean(samples(hi));
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
    const dMid = mean(samples(mid));
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
  const at = samples(x);
  // The local slope, from a step of 1% of the range on each side (inside the range).
  const step = (options.high - options.low) / 100;
  const left = Math.max(options.low, x - step);
  const right = Math.min(options.high, x + step);
  const slope = (mean(samples(right)) - mean(samples(left))) / (right - left);
  evaluations += 3;
  if (slope === 0) {
    throw new InvalidParameterError(parameter, 'a parameter that changes the difference near the break-even point', x);
  }
  const se = Math.sqrt(variance(at) / total) / Math.abs(slope);
  return { parameter, value: x, se, ci95Low: x - 1.959963984540054 * se, ci95High: x + 1.959963984540054 * se, slope, evaluations };
}

/** One parameter swung over its range, for a tornado chart (declared once: library and scenario files). */
export const sensitivitySpecSchema = z
  .strictObject({
    path: text({ description: 'a dotted path into the scenario (economics.retention, spread.tellProbability, policies[0].fee)' }),
    low: describe(z.number(), { description: 'low end of the range' }),
    high: describe(z.number(), { description: 'high end of the range' }),
    source: describe(z.string(), { description: 'where the range comes from' }).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.high < p.low) addProblem(ctx, ['high'], `a number ≥ low (${p.low})`, p.high);
  });
export type SensitivitySpec = z.input<typeof sensitivitySpecSchema>;

/**
 * Whether each end of each swing is a valid value of its parameter: the scenario (and
 * policies) with the value set must pass the same schemas as any scenario. Paths of the
 * problems are `[index, 'low' | 'high' | 'path']`.
 */
export function swingProblems(
  sections: Omit<Scenario, 'network'>,
  policies: readonly PolicySpec[],
  specs: readonly SensitivitySpec[],
): ParameterProblem[] {
  const out: ParameterProblem[] = [];
  specs.forEach((spec, i) => {
    const isPolicy = spec.path.startsWith('policies');
    const target = isPolicy ? { policies } : sections;
    const schema = isPolicy ? z.strictObject({ policies: policiesSchema }) : scenarioSectionsSchema;
    const here = schemaAt(schema, parsePath(spec.path), target);
    if (here === undefined || numericRange(here) === undefined) {
      const expected = isPolicy
        ? `a path to a number of one of the ${policies.length} policies (policies[0]…policies[${policies.length - 1}])`
        : 'a path to a number of the scenario (incidents, complaints, behaviour, spread, economics)';
      out.push({ path: [i, 'path'], expected, received: spec.path, message: `expected ${expected}, received ${JSON.stringify(spec.path)}` });
      return;
    }
    // Problems the scenario has anyway are not the swing's.
    const before = new Set(schemaProblems(schema, target).map((q) => `${formatPath(q.path)}\u0000${q.expected}`));
    for (const end of ['low', 'high'] as const) {
      const value = spec[end];
      let changed: unknown;
      try {
        changed = setPath(target, spec.path, value);
      } catch (error) {
        if (!(error instanceof InvalidParameterError)) throw error;
        out.push({ path: [i, 'path'], expected: error.expected, received: spec.path, message: `expected ${error.expected}, received ${JSON.stringify(spec.path)}` });
        return;
      }
      for (const problem of schemaProblems(schema, changed)) {
        if (before.has(`${formatPath(problem.path)}\u0000${problem.expected}`)) continue;
        const expected = `a value at which ${formatPath(problem.path)} is valid (${problem.expected})`;
        out.push({ path: [i, end], expected, received: value, message: `expected ${expected}, received ${value}` });
      }
    }
  });
  return out;
}

export interface TornadoRow {
  readonly parameter: string;
  readonly low: number;
  readonly high: number;
  readonly source: string;
  /** The outcome with the parameter at its low and high end, everything else at base. */
  readonly atLow: number;
  readonly atHigh: number;
  /** |atHigh − atLow|: rows are sorted by it, largest first. */
  readonly swing: number;
}

/**
 * Ranges for the assumptions that drive most results, with where each range comes from.
 * Paths that a scenario leaves at their defaults are swung around those defaults.
 */
export const DEFAULT_SENSITIVITY: readonly SensitivitySpec[] = Object.freeze([
  { path: 'spread.tellProbability', low: 0.2, high: 0.6, source: '[A] around the default 0.4' },
  { path: 'spread.retellProbability', low: 0.15, high: 0.5, source: '[A] around Verde (2006)\'s 31%' },
  { path: 'spread.negativeShift', low: 0.05, high: 0.15, source: '[Q] East, Hammond & Lomax (2008) −0.11, ± half' },
  { path: 'spread.purchaseProbability', low: 0.3, high: 0.7, source: '[A] prospects\' prior' },
  { path: 'behaviour.negativeTalkProbability', low: 0.2, high: 0.45, source: '[Q] Verde (2006) 31%, ± a third' },
  { path: 'behaviour.audience.negative.mean', low: 2, high: 10, source: '[Q] Verde 4 people to TARP 10' },
  { path: 'complaints.probability', low: 0.5, high: 0.75, source: '[Q] Goodman/TARP 50–75% for money-loss problems' },
  { path: 'economics.retention', low: 0.74, high: 0.86, source: '[Q] annual churn 14–26% (industry figures)' },
]);

/**
 * One-at-a-time sensitivity: each parameter at the low and high end of its range, the
 * others at base, on the same streams. The outcome is the net value of the first policy,
 * or with two policies the mean paired difference first − second.
 */
export function sensitivity(
  scenario: Scenario,
  policies: readonly PolicySpec[],
  options: RunOptions & { readonly parameters?: readonly SensitivitySpec[] },
): { readonly base: number; readonly rows: readonly TornadoRow[] } {
  if (!Array.isArray(policies) || policies.length < 1 || policies.length > 2) {
    throw new InvalidParameterError('policies', 'one policy, or two to compare', policies);
  }
  const outcome = (sc: Scenario, ps: readonly PolicySpec[]): number => {
    const resolved = resolvePolicies(ps);
    const kernel = new ComparisonKernel(resolveScenario(sc), resolved);
    const r = runReplicatesSync(kernel, { seed: options.seed, replicates: options.replicates });
    const a = r.summary[`${resolved[0]!.name}:netValue`]!.mean;
    return resolved.length === 1 ? a : a - r.summary[`${resolved[1]!.name}:netValue`]!.mean;
  };
  const specs = parseParameters(z.array(sensitivitySpecSchema), options.parameters ?? DEFAULT_SENSITIVITY, 'parameters');
  const { network: _network, ...sections } = scenario;
  void _network;
  const swing = swingProblems(sections, policies, specs);
  if (swing.length > 0) throw InvalidParameterError.fromProblems(swing.map((p) => ({ ...p, path: ['parameters', ...p.path] })));
  const base = outcome(scenario, policies);
  const rows = specs.map((p) => {
    const at = (v: number) => {
      if (p.path.startsWith('policies')) {
        const changed = setPath({ policies }, p.path, v);
        return outcome(scenario, changed.policies);
      }
      const { network, ...rest } = scenario;
      return outcome({ ...setPath(rest, p.path, v), network }, policies);
    };
    const atLow = at(p.low);
    const atHigh = at(p.high);
    return { parameter: p.path, low: p.low, high: p.high, source: p.source ?? '', atLow, atHigh, swing: Math.abs(atHigh - atLow) };
  });
  rows.sort((a, b) => b.swing - a.swing);
  return { base, rows };
}
