/**
 * One-at-a-time sensitivity: which assumptions drive the answer. Each assumption is
 * swung around the scenario's own value (± a stated share, or a low and high the scenario
 * gives), every policy runs on the same streams at each end, and each policy's paired
 * difference against the baseline is recorded. The bars are anchored at the headline: a
 * bar shows the headline plus the paired change the swing makes, so the tornado's base is
 * the number the report leads with, whatever replicates the swings ran.
 */
import { z } from 'zod';
import { InvalidParameterError, formatPath, type ParameterProblem } from '../errors.js';
import { policiesSchema, resolvePolicies, type PolicySpec, type ResolvedPolicy } from '../experience/policy.js';
import { resolveScenario, resolveSections, scenarioSectionsSchema, type ResolvedScenario, type ResolvedSections, type Scenario } from '../measure/scenario.js';
import type { MonteCarloResult } from '../monte-carlo/runner.js';
import { addProblem, describe, getPath, numericRange, parseParameters, parsePath, schemaAt, schemaProblems, setPath, text, whenValid } from '../parameters/index.js';
import { comparisonContext, comparisonFromResult, runStepsSync, type ComparisonRequest, type ComparisonSteps, type RunOptions } from './compare.js';

/** Swinging the valuation of a lost person: replacement cost against lifetime value (no new simulation). */
export const LOSS_VALUATION_PATH = 'economics.lossValuation';
/** Swinging the whole repurchase table at once: every cell scaled by 1 ± share (at most 1). */
export const REPURCHASE_PATH = 'behaviour.repurchase';

/** One assumption to swing: around the scenario's value (± share), or from low to high. */
export const sensitivitySpecSchema = z
  .strictObject({
    path: text({
      description: `a dotted path to a number of the scenario (economics.retention, spread.tellProbability, policies[0].fee; policies[*].fee for every policy that has one), or ${REPURCHASE_PATH} (the table scaled together) or ${LOSS_VALUATION_PATH} (replacement cost against lifetime value)`,
    }),
    share: describe(z.number().gt(0).max(10), { description: "swing ± this share of the scenario's own value (0.5: from half to one and a half times it), kept inside the parameter's range" }).optional(),
    low: describe(z.number(), { description: 'or: the low end of the range' }).optional(),
    high: describe(z.number(), { description: 'and the high end' }).optional(),
    source: describe(z.string(), { description: 'where the range comes from' }).optional(),
  })
  .superRefine(
    (p, ctx) => {
      if (p.path === LOSS_VALUATION_PATH) {
        for (const key of ['share', 'low', 'high'] as const) if (p[key] !== undefined) addProblem(ctx, [key], `nothing: ${LOSS_VALUATION_PATH} swings between the two valuations`, p[key]);
        return;
      }
      const range = p.low !== undefined || p.high !== undefined;
      if (p.share !== undefined && range) addProblem(ctx, ['share'], 'either share or low and high, not both', p.share);
      else if (p.share === undefined && !range) addProblem(ctx, ['share'], 'a share (± of the scenario value), or low and high', undefined);
      else if (range && (p.low === undefined || p.high === undefined)) addProblem(ctx, [p.low === undefined ? 'low' : 'high'], 'both low and high', undefined);
      else if (p.low !== undefined && p.high !== undefined && p.high < p.low) addProblem(ctx, ['high'], `a number ≥ low (${p.low})`, p.high);
    },
    whenValid('path', 'share', 'low', 'high'),
  );
export type SensitivitySpec = z.input<typeof sensitivitySpecSchema>;

/**
 * The assumptions that drive most results, each swung around the scenario's own value,
 * with where the range comes from.
 */
export const DEFAULT_SENSITIVITY: readonly SensitivitySpec[] = Object.freeze([
  { path: 'spread.tellProbability', share: 0.5, source: '[A] ± half of the value in use' },
  { path: 'spread.retellProbability', share: 0.5, source: "[A] ± half; Verde (2006)'s 31% told anyone [Q]" },
  { path: 'spread.negativeShift', share: 0.5, source: '[Q] East, Hammond & Lomax (2008): −0.11, ± half' },
  {
    path: 'spread.purchaseProbability',
    low: 0.05,
    high: 0.5,
    source: '[A] derived, wide: balanced markets convert 5% a year (14% churn, one customer per three prospects) to 46% (26% churn, two customers per prospect)',
  },
  { path: 'behaviour.negativeTalkProbability', share: 1 / 3, source: '[Q] Verde (2006): 31% told anyone, ± a third' },
  { path: 'behaviour.audience.negative.mean', share: 0.5, source: '[Q] Verde (2006): "on average four people", ± half' },
  { path: 'complaints.probability', share: 0.2, source: '[Q] Goodman/TARP: 50–75% complain about money (0.625 ± 20%)' },
  { path: REPURCHASE_PATH, share: 0.2, source: '[Q] the TARP repurchase table (Barlow & Møller), every cell ± 20%' },
  { path: 'economics.retention', share: 0.075, source: '[Q] annual churn of 14–26% (0.8 ± 0.06)' },
  { path: 'economics.acquisitionCost', share: 0.5, source: '[A] ± half of the cost given' },
  { path: LOSS_VALUATION_PATH, source: 'a lost person valued at the cost of replacing them, or at their lifetime value' },
  { path: 'policies[*].repairCost', share: 0.5, source: '[A] ± half of what a repair costs' },
]);

/** One assumption swung: a tornado bar of one policy against the baseline. */
export interface TornadoRow {
  readonly parameter: string;
  readonly low: number;
  readonly high: number;
  /** How the ends read when they are not plain numbers (the valuations). */
  readonly lowLabel?: string;
  readonly highLabel?: string;
  readonly source: string;
  /** The headline difference with the parameter at its low and high end, everything else as in the scenario. */
  readonly atLow: number;
  readonly atHigh: number;
  /** |atHigh − atLow|: rows are sorted by it, largest first. */
  readonly swing: number;
  /** Set when an end was held at the parameter's limit (e.g. a probability at 1). */
  readonly capped?: string;
}

export interface SensitivityComparison {
  readonly policy: string;
  readonly against: string;
  /** The headline: the paired difference the bars are anchored at. */
  readonly base: number;
  readonly rows: readonly TornadoRow[];
}

export interface SensitivityResult {
  /** Replicates each swing ran (paired on the same streams). */
  readonly replicates: number;
  readonly baseline: string;
  /** One tornado per policy against the baseline. */
  readonly comparisons: readonly SensitivityComparison[];
  /** Assumptions left out, and why (word of mouth off, no acquisition cost, …). */
  readonly skipped: ReadonlyArray<{ readonly parameter: string; readonly reason: string }>;
}

export interface SensitivityOptions extends RunOptions {
  readonly parameters?: readonly SensitivitySpec[];
  /** The policy the others are compared against (default: the first). */
  readonly baseline?: string;
  /** The headline difference of each policy against the baseline (default: this run's own base). */
  readonly headline?: Readonly<Record<string, number>>;
}

/** A swing made concrete: the path(s) it sets, its ends, and what they read as. */
interface Swing {
  readonly parameter: string;
  readonly low: number;
  readonly high: number;
  readonly source: string;
  readonly capped?: string;
}

/** The value in use for a path: the scenario's, else its default (resolved). */
function centreOf(path: string, resolved: ResolvedSections, policies: readonly ResolvedPolicy[]): number | undefined {
  const parts = parsePath(path);
  if (parts[0] === 'policies') {
    const p = policies[parts[1] as number];
    if (p === undefined) return undefined;
    const v = getPath(p, formatPath(parts.slice(2)));
    if (parts[2] === 'repairCost' && v === null && p.decision === 'repair-or-replace') return resolved.incidents.amount;
    return typeof v === 'number' ? v : undefined;
  }
  const v = getPath(resolved, path);
  return typeof v === 'number' ? v : undefined;
}

/** Expands `policies[*].x` into each policy that has x. */
function expand(specs: readonly SensitivitySpec[], policies: readonly ResolvedPolicy[]): SensitivitySpec[] {
  return specs.flatMap((spec) => {
    if (!spec.path.startsWith('policies[*]')) return [spec];
    const rest = spec.path.slice('policies[*]'.length);
    return policies.flatMap((p, i) => {
      const key = rest.replace(/^\./, '').split('.')[0]!;
      const has = key === 'repairCost' ? p.decision === 'repair-or-replace' : key === 'fee' ? p.decision === 'refuse-with-fee' : key === 'credit' ? p.decision === 'partial-credit' || p.decision === 'goodwill' : true;
      return has ? [{ ...spec, path: `policies[${i}]${rest}` }] : [];
    });
  });
}

/** The repurchase table with every cell scaled by `factor` (at most 1). */
function scaledRepurchase(resolved: ResolvedSections, factor: number) {
  const row = (r: ResolvedScenario['behaviour']['repurchase']['minor']) => ({
    silent: Math.min(1, r.silent * factor),
    unresolved: Math.min(1, r.unresolved * factor),
    resolved: Math.min(1, r.resolved * factor),
    resolvedQuickly: Math.min(1, r.resolvedQuickly * factor),
  });
  return { minor: row(resolved.behaviour.repurchase.minor), major: row(resolved.behaviour.repurchase.major) };
}

/**
 * Each swing made concrete against the scenario in use, with the problems of swings that
 * cannot be made (paths `[index, 'path' | 'low' | 'high' | 'share']`) and those left out.
 */
export function planSwings(
  sections: Omit<Scenario, 'network'>,
  policies: readonly PolicySpec[],
  specs: readonly SensitivitySpec[],
): { swings: Swing[]; problems: ParameterProblem[]; skipped: Array<{ parameter: string; reason: string }> } {
  // Centres come from the sections as resolved; a section with problems of its own (they
  // are reported with it) gives no centre, and its swings are not judged here.
  const resolved = tryResolve(() => resolveSections(sections));
  const resolvedPolicies = tryResolve(() => resolvePolicies(policies));
  const basic = pathProblems(sections, policies, specs);
  if (resolved === undefined || resolvedPolicies === undefined || basic.length > 0) return { swings: [], problems: basic, skipped: [] };
  const problems: ParameterProblem[] = [];
  const skipped: Array<{ parameter: string; reason: string }> = [];
  const swings: Swing[] = [];
  const indexOf = new Map<SensitivitySpec, number>();
  specs.forEach((s, i) => indexOf.set(s, i));
  const expanded = specs.flatMap((spec) => expand([spec], resolvedPolicies).map((e) => ({ spec: e, index: indexOf.get(spec)! })));
  for (const { spec, index } of expanded) {
    const problem = (key: string, expected: string, received: unknown) =>
      problems.push({ path: [index, key], expected, received, message: `expected ${expected}, received ${typeof received === 'string' ? JSON.stringify(received) : String(received)}` });
    const source = spec.source ?? '';
    if (spec.path === LOSS_VALUATION_PATH) {
      if (resolved.economics.acquisitionCost === null) skipped.push({ parameter: spec.path, reason: 'no acquisition cost is given, so the replacement valuation is unknown' });
      else swings.push({ parameter: spec.path, low: resolved.economics.acquisitionCost, high: resolved.economics.customerValue, source });
      continue;
    }
    if (spec.path.startsWith('spread.') && resolved.spread === null) {
      skipped.push({ parameter: spec.path, reason: 'word of mouth is off in this scenario' });
      continue;
    }
    if (spec.path === 'economics.acquisitionCost') {
      if (resolved.economics.acquisitionCost === null) {
        skipped.push({ parameter: spec.path, reason: 'no acquisition cost is given' });
        continue;
      }
      if (resolved.economics.lossValuation !== 'replacement') {
        skipped.push({ parameter: spec.path, reason: 'it acts only on the replacement valuation; the headline values a lost person at lifetime value (see economics.lossValuation)' });
        continue;
      }
    }
    if (spec.path === REPURCHASE_PATH) {
      const share = spec.share ?? 0.2;
      if (spec.low !== undefined || spec.high !== undefined) problem('low', `a share: ${REPURCHASE_PATH} scales the whole table`, spec.low ?? spec.high);
      else swings.push({ parameter: spec.path, low: 1 - share, high: 1 + share, source, capped: 'cells held at 1 at most' });
      continue;
    }
    const schema = spec.path.startsWith('policies') ? z.strictObject({ policies: policiesSchema }) : scenarioSectionsSchema;
    const value = spec.path.startsWith('policies') ? { policies } : sections;
    const here = schemaAt(schema, parsePath(spec.path), value);
    const range = here === undefined ? undefined : numericRange(here);
    const centre = centreOf(spec.path, resolved, resolvedPolicies);
    if (range === undefined || (centre === undefined && spec.share !== undefined)) {
      const expected = spec.path.startsWith('policies')
        ? `a path to a number of one of the ${policies.length} policies (policies[0] to policies[${policies.length - 1}])`
        : 'a path to a number of the scenario (incidents, complaints, behaviour, spread, economics)';
      problem('path', expected, spec.path);
      continue;
    }
    let low: number;
    let high: number;
    let capped: string | undefined;
    if (spec.share !== undefined) {
      low = centre! * (1 - spec.share);
      high = centre! * (1 + spec.share);
      if (range.integer) {
        low = Math.round(low);
        high = Math.round(high);
      }
      // Kept inside the parameter's range, and said so.
      if (high > range.max) {
        high = range.max;
        capped = `high held at ${range.max}, the largest allowed`;
      }
      if (low < range.min) {
        low = range.min;
        capped = `${capped === undefined ? '' : `${capped}; `}low held at ${range.min}, the smallest allowed`;
      }
    } else {
      low = spec.low!;
      high = spec.high!;
    }
    // Each end must be a valid value of the scenario (rules across fields included).
    const before = new Set(schemaProblems(schema, value).map((q) => `${formatPath(q.path)}\u0000${q.expected}`));
    let bad = false;
    for (const [end, x] of [['low', low], ['high', high]] as const) {
      let changed: unknown;
      try {
        changed = setPath(value, spec.path, x);
      } catch (error) {
        if (!(error instanceof InvalidParameterError)) throw error;
        problem('path', error.expected, spec.path);
        bad = true;
        break;
      }
      for (const q of schemaProblems(schema, changed)) {
        if (before.has(`${formatPath(q.path)}\u0000${q.expected}`)) continue;
        problem(spec.share !== undefined ? 'share' : end, `a value at which ${formatPath(q.path)} is valid (${q.expected})`, x);
        bad = true;
      }
    }
    if (!bad) swings.push({ parameter: spec.path, low, high, source, ...(capped === undefined ? {} : { capped }) });
  }
  return { swings, problems, skipped };
}

function tryResolve<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch (error) {
    if (error instanceof InvalidParameterError) return undefined;
    throw error;
  }
}

/**
 * The problems a list of swings has whatever the rest of the scenario holds: paths that
 * name no number (or a policy that does not exist), and ends outside the parameter's own range.
 */
function pathProblems(sections: Omit<Scenario, 'network'>, policies: readonly PolicySpec[], specs: readonly SensitivitySpec[]): ParameterProblem[] {
  const out: ParameterProblem[] = [];
  specs.forEach((spec, index) => {
    if (spec.path === LOSS_VALUATION_PATH || spec.path === REPURCHASE_PATH || spec.path.startsWith('policies[*]')) return;
    const isPolicy = spec.path.startsWith('policies');
    const parts = parsePath(spec.path);
    const schema = isPolicy ? z.strictObject({ policies: policiesSchema }) : scenarioSectionsSchema;
    const here = schemaAt(schema, parts, isPolicy ? { policies } : sections);
    const missingPolicy = isPolicy && !(typeof parts[1] === 'number' && parts[1] < policies.length);
    if (here === undefined || numericRange(here) === undefined || missingPolicy) {
      const expected = isPolicy ? `a path to a number of one of the ${policies.length} policies (policies[0] to policies[${policies.length - 1}])` : 'a path to a number of the scenario (incidents, complaints, behaviour, spread, economics)';
      out.push({ path: [index, 'path'], expected, received: spec.path, message: `expected ${expected}, received ${JSON.stringify(spec.path)}` });
      return;
    }
    for (const end of ['low', 'high'] as const) {
      const x = spec[end];
      if (x === undefined) continue;
      for (const q of schemaProblems(here, x)) out.push({ path: [index, end], expected: q.expected, received: x, message: q.message });
    }
  });
  return out;
}

/** Each policy's mean paired difference against the baseline (net value), from a run's samples. */
function differences(result: MonteCarloResult, names: readonly string[], baseline: string): Map<string, number> {
  const b = result.samples![`${baseline}:netValue`]!;
  const out = new Map<string, number>();
  for (const name of names) {
    if (name === baseline) continue;
    const a = result.samples![`${name}:netValue`]!;
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]! - b[i]!;
    out.set(name, s / a.length);
  }
  return out;
}

/**
 * What a sensitivity study ran, before it is anchored at the headline: each policy's mean
 * paired difference against the baseline at the base and at each end of each swing. Plain
 * data (JSON round-trips it exactly), so it can be run on one machine and anchored on another.
 */
export interface SensitivityRuns {
  readonly replicates: number;
  readonly baseline: string;
  readonly names: readonly string[];
  readonly base: Readonly<Record<string, number>>;
  readonly swings: ReadonlyArray<{
    readonly parameter: string;
    readonly low: number;
    readonly high: number;
    readonly lowLabel?: string;
    readonly highLabel?: string;
    readonly source: string;
    readonly capped?: string;
    readonly atLow: Readonly<Record<string, number>>;
    readonly atHigh: Readonly<Record<string, number>>;
  }>;
  readonly skipped: ReadonlyArray<{ readonly parameter: string; readonly reason: string }>;
}

/**
 * One-at-a-time sensitivity of every policy's difference against the baseline.
 * @throws {InvalidParameterError} naming `parameters[i]…` for a swing that cannot be made.
 */
export function sensitivity(scenario: Scenario, policies: readonly PolicySpec[], options: SensitivityOptions): SensitivityResult {
  return anchorSensitivity(runStepsSync(sensitivitySteps(scenario, policies, options), scenario.network, options), options.headline);
}

/** {@link sensitivity} as the comparisons it runs (for {@link runStepsSync} or {@link runStepsAsync}), unanchored. */
export function* sensitivitySteps(scenario: Scenario, policies: readonly PolicySpec[], options: Omit<SensitivityOptions, 'headline'>): ComparisonSteps<SensitivityRuns> {
  const resolvedPolicies = resolvePolicies(policies);
  if (resolvedPolicies.length < 2) throw new InvalidParameterError('policies', 'at least two policies to compare', policies);
  const names = resolvedPolicies.map((p) => p.name);
  const baseline = options.baseline ?? names[0]!;
  if (!names.includes(baseline)) throw new InvalidParameterError('baseline', `the name of one of the policies (${names.join(', ')})`, baseline);
  const specs = parseParameters(z.array(sensitivitySpecSchema), options.parameters ?? DEFAULT_SENSITIVITY, 'parameters');
  const { network: _network, ...sections } = scenario;
  void _network;
  const { swings, problems, skipped } = planSwings(sections, policies, specs);
  if (problems.length > 0) throw InvalidParameterError.fromProblems(problems.map((p) => ({ ...p, path: ['parameters', ...p.path] })));

  const resolved = resolveScenario(scenario);
  const replicates = typeof options.replicates === 'number' ? options.replicates : options.replicates.to - options.replicates.from;
  const baseRun: MonteCarloResult = yield { sections, policies };
  const base = differences(baseRun, names, baseline);
  const baseComparison = comparisonFromResult(comparisonContext(resolved), resolvedPolicies, baseRun, { seed: options.seed });

  const out: Array<SensitivityRuns['swings'][number]> = [];
  for (const swing of swings) {
    let atLow: Map<string, number>;
    let atHigh: Map<string, number>;
    let labels: { lowLabel?: string; highLabel?: string } = {};
    if (swing.parameter === LOSS_VALUATION_PATH) {
      // The same replicates valued both ways: no new simulation.
      const valued = (v: 'replacement' | 'lifetime-value') =>
        new Map(baseComparison.differences.filter((d) => d.against === baseline).map((d) => [d.policy, d.valuations[v]!.difference.mean] as const));
      atLow = valued('replacement');
      atHigh = valued('lifetime-value');
      labels = { lowLabel: 'replacement cost', highLabel: 'lifetime value' };
    } else {
      const at = (x: number): ComparisonRequest => {
        let changedSections: Omit<Scenario, 'network'> = sections;
        let changedPolicies: readonly PolicySpec[] = policies;
        if (swing.parameter === REPURCHASE_PATH) {
          changedSections = { ...sections, behaviour: { ...(sections.behaviour ?? {}), repurchase: scaledRepurchase(resolved, x) } };
        } else if (swing.parameter.startsWith('policies')) {
          changedPolicies = setPath({ policies }, swing.parameter, x).policies;
        } else {
          changedSections = setPath(sections, swing.parameter, x);
        }
        return { sections: changedSections, policies: changedPolicies };
      };
      atLow = differences(yield at(swing.low), names, baseline);
      atHigh = differences(yield at(swing.high), names, baseline);
    }
    out.push({
      parameter: swing.parameter,
      low: swing.low,
      high: swing.high,
      ...labels,
      source: swing.source,
      ...(swing.capped === undefined ? {} : { capped: swing.capped }),
      atLow: Object.fromEntries(atLow),
      atHigh: Object.fromEntries(atHigh),
    });
  }
  return { replicates, baseline, names, base: Object.fromEntries(base), swings: out, skipped };
}

/**
 * A sensitivity study's bars anchored at the headline: each end is the headline plus the
 * paired change the swing makes (default headline: the study's own base).
 */
export function anchorSensitivity(runs: SensitivityRuns, headline?: Readonly<Record<string, number>>): SensitivityResult {
  const { baseline, base } = runs;
  const anchor = (name: string) => headline?.[name] ?? base[name]!;
  const rows = new Map<string, TornadoRow[]>(runs.names.filter((n) => n !== baseline).map((n) => [n, []]));
  for (const swing of runs.swings) {
    for (const [name, list] of rows) {
      const lo = anchor(name) + (swing.atLow[name]! - base[name]!);
      const hi = anchor(name) + (swing.atHigh[name]! - base[name]!);
      list.push({
        parameter: swing.parameter,
        low: swing.low,
        high: swing.high,
        ...(swing.lowLabel === undefined ? {} : { lowLabel: swing.lowLabel }),
        ...(swing.highLabel === undefined ? {} : { highLabel: swing.highLabel }),
        source: swing.source,
        atLow: lo,
        atHigh: hi,
        swing: Math.abs(hi - lo),
        ...(swing.capped === undefined ? {} : { capped: swing.capped }),
      });
    }
  }
  const comparisons = [...rows].map(([policy, list]) => ({ policy, against: baseline, base: anchor(policy), rows: list.sort((a, b) => b.swing - a.swing) }));
  return { replicates: runs.replicates, baseline, comparisons, skipped: runs.skipped };
}
