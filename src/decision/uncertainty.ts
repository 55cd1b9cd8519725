/**
 * How sure are we? Probabilistic sensitivity analysis (PSA) of a policy comparison: the
 * scenario's uncertain parameters, written as distributions, are drawn N times; in each
 * draw every policy runs on the *same* drawn scenario (common random numbers) for M inner
 * replicates; over the draws we get each policy's value and each paired difference with
 * parameter uncertainty, the probability each policy is best, the acceptability curve over
 * the value of a lost person, the EVPI and the EVPPI of each parameter and named group
 * (Briggs, Claxton & Sculpher 2006; Strong, Oakley & Brennan 2014; ../docs/uncertainty.md).
 *
 * Streams: draw j is replicate j of the run, `hearsay/<seed>/replicate/<j>`; parameter x
 * of draw j draws from `…/replicate/<j>/parameter/<path of x>` and inner replicate m from
 * `…/replicate/<j>/inner/<m>`. So a parameter's draws depend on the seed, the draw and its
 * own path only (adding a parameter changes no other), and the draws are the same on any
 * number of workers and any split of the draws across machines.
 *
 * The draws run as one {@link UncertaintyKernel}, a replicate kernel whose replicate index
 * is the draw index: one row per draw. With `replicates` R > 0, unit j < R also runs
 * replicate j of the base case (every distribution at its mean) exactly as comparePolicies
 * runs it, so one run — on worker threads, or split into shards and merged — gives both the
 * Monte-Carlo-only comparison and the PSA.
 */
import { z } from 'zod';
import { InvalidParameterError, type ParameterProblem } from '../errors.js';
import { resolveEconomics, type ResolvedEconomics } from '../economics/lifetime-value.js';
import { policiesSchema, resolvePolicies, type PolicySpec, type ResolvedPolicy } from '../experience/policy.js';
import { POLICY_METRICS } from '../measure/kernel.js';
import { resolveScenario, scenarioNetworkProblems, scenarioSectionsSchema, type Scenario } from '../measure/scenario.js';
import { resultFromColumns, runReplicatesSync, type MonteCarloResult, type ReplicateKernel } from '../monte-carlo/runner.js';
import { summarize } from '../monte-carlo/summary.js';
import type { Network } from '../network/types.js';
import { count, describe, formatPath, metaOf, parseParameters, parsePath, schemaAt, schemaProblems, type Path } from '../parameters/index.js';
import { childRng, replicateRng, seedKey, type Rng, type Seed } from '../random/rng.js';
import {
  centralValues,
  drawParameters,
  findDistributions,
  formatDistribution,
  isAtOrBelow,
  substituteValues,
  type FoundDistributions,
  type Uncertain,
  type UncertainParameter,
} from '../uncertainty/draw.js';
import { MAX_EVPPI_GROUP, MIN_EVPPI_DRAWS, acceptabilityCurve, evpi, evppi, probabilityBest, type EvppiMethod } from '../uncertainty/value-of-information.js';
import { quantileSorted } from 'simple-statistics';
import { ComparisonKernel, comparisonFromResult, type ComparisonResult } from './compare.js';
import { withDefaultDistributions } from './uncertainty-defaults.js';

/** Draws when not said [A]: enough for EVPPI's regressions to separate signal from noise (Strong et al. 2014 use 1,000 and more). */
export const DEFAULT_DRAWS = 1000;
/** Inner replicates per draw when not said [A]: the Monte Carlo noise of a draw's mean value shrinks as 1/√M. */
export const DEFAULT_REPLICATES_PER_DRAW = 10;
/** Acceptability curve: the value of one lost person from 0 to this many lifetime values… */
export const ACCEPTABILITY_SPAN = 3;
/** … in this many equal steps. */
export const ACCEPTABILITY_STEPS = 30;

/** The settings of a PSA, declared once: the scenario file's `uncertainty` section and the library's options. */
export const uncertaintySettingsSchema = z.strictObject({
  draws: count({ description: 'parameter draws: each samples every distribution once, and every policy runs on that same draw', label: 'Draws', source: '[A]' }, MIN_EVPPI_DRAWS, 1_000_000).default(DEFAULT_DRAWS),
  replicatesPerDraw: count({ description: 'Monte Carlo replicates of every policy in each draw (1 allowed)', label: 'Replicates per draw', source: '[A]' }, 1, 100_000).default(DEFAULT_REPLICATES_PER_DRAW),
  defaults: describe(z.boolean(), {
    description: "draw every parameter left at its built-in default whose source gives a range, from that range (docs/uncertainty.md lists them)",
  }).default(false),
  groups: describe(z.record(z.string().min(1), z.array(z.string().min(1)).min(1).max(MAX_EVPPI_GROUP)), {
    description: `named groups of uncertain parameters (their paths, at most ${MAX_EVPPI_GROUP}) whose joint value of information is wanted`,
  }).optional(),
});
export type UncertaintySettings = z.input<typeof uncertaintySettingsSchema>;

/** A scenario whose numbers may be distributions (the network is the same in every draw). */
export type UncertainScenario = { readonly network: Network } & Uncertain<Omit<Scenario, 'network'>>;
/** A policy whose numbers may be distributions. */
export type UncertainPolicySpec = Uncertain<PolicySpec>;

/** The model a PSA draws from: the scenario's sections and the policies, at the paths of a scenario file. */
export const uncertainModelSchema = z.object({ ...scenarioSectionsSchema.shape, policies: policiesSchema });

/** The sections and policies as plain data, numbers or distributions (paths as in files). */
export type ModelValue = Readonly<Record<string, unknown>> & { readonly policies: readonly unknown[] };

/**
 * The same distribution written for the same parameter of several policies is one unknown
 * (a handling cost in an anchored ladder, a front line's first-contact resolution): drawn
 * once per draw for all of them.
 */
export function policyLinkKey(parts: Path): string | null {
  return parts[0] === 'policies' && typeof parts[1] === 'number' ? formatPath(['policies', '*', ...parts.slice(2)]) : null;
}

/** A model with its distributions found and checked. */
export interface UncertainModel {
  /** The model as drawn from: sections and policies, with defaults placed when asked. */
  readonly value: ModelValue;
  readonly found: FoundDistributions;
  /** The base case: every distribution at its central value. */
  readonly central: ModelValue;
  /** Paths that took a built-in default distribution. */
  readonly defaulted: readonly string[];
}

/** Finds and checks the distributions of a model; problems are returned, paths as in files. */
export function uncertainModel(value: ModelValue, options: { readonly defaults?: boolean } = {}): { model: UncertainModel; problems: ParameterProblem[] } {
  const placed = options.defaults ? withDefaultDistributions(value) : { model: value, added: [] };
  const found = findDistributions(uncertainModelSchema, placed.model, { linkKey: policyLinkKey });
  const central = substituteValues(placed.model, found.units, centralValues(found.parameters));
  const problems = [...found.problems, ...schemaProblems(uncertainModelSchema, central).filter((p) => !isAtOrBelow(p.path, found.locations))];
  return { model: { value: placed.model, found, central, defaulted: placed.added }, problems };
}

/** The model of draw `draw` (seed, draw → the same values everywhere), and the values drawn (parameter order). */
export function drawModel(model: UncertainModel, seed: Seed, draw: number): { value: ModelValue; values: Float64Array } {
  const values = new Float64Array(model.found.parameters.length);
  drawParameters(model.found.units, replicateRng(seed, draw), values);
  return { value: substituteValues(model.value, model.found.units, values), values };
}

/**
 * Rules across fields must hold in every draw (positiveUpTo below negativeFrom, authority
 * growing up the ladder, shares summing to 1 …). Checks the draws a run will make — seed
 * and draws fixed, so exactly those — against `check` (by default the model's schema) and
 * reports each broken rule once: at the rule's path when a distribution stands there,
 * otherwise at the first distribution involved, with how many draws break it and the
 * values of the first that did. Problems the base case has already are not repeated.
 */
export function drawProblems(
  model: UncertainModel,
  seed: Seed,
  draws: number,
  check: (drawn: ModelValue) => readonly ParameterProblem[] = (drawn) => schemaProblems(uncertainModelSchema, drawn),
): ParameterProblem[] {
  const { parameters } = model.found;
  if (parameters.length === 0) return [];
  // One problem per path: a rule's wording may carry the values that broke it.
  const known = new Set(check(model.central).map((p) => formatPath(p.path)));
  const broken = new Map<string, { problem: ParameterProblem; draw: number; values: Float64Array; count: number }>();
  for (let j = 0; j < draws; j++) {
    const { value, values } = drawModel(model, seed, j);
    for (const p of check(value)) {
      const key = formatPath(p.path);
      if (known.has(key)) continue;
      const seen = broken.get(key);
      if (seen !== undefined) seen.count++;
      else broken.set(key, { problem: p, draw: j, values, count: 1 });
    }
  }
  const out: ParameterProblem[] = [];
  for (const { problem, draw, values, count: n } of broken.values()) {
    const involved = involvedParameters(parameters, problem.path);
    const at = isAtOrBelow(problem.path, model.found.locations) || involved.length === 0 ? problem.path : involved[0]!.parts;
    const shown = involved.slice(0, 4).map((p) => `${p.label} = ${show(values[parameters.indexOf(p)]!)}`);
    const shares = /channels$/.test(formatPath(problem.path)) ? '; shares that must sum to 1 take one dirichlet on the mapping' : '';
    const expected = `${problem.expected} in every draw (${n} of ${draws} draws break it; the first, draw ${draw} of seed ${String(seed)}, has ${shown.length > 0 ? shown.join(', ') : `${formatPath(problem.path)} = ${JSON.stringify(problem.received)}`})${shares}; narrow the distributions so the rule always holds`;
    out.push({ path: at, expected, received: problem.received, message: `expected ${expected}, received ${typeof problem.received === 'number' ? show(problem.received) : JSON.stringify(problem.received)}` });
  }
  return out;
}

/**
 * What a draw of the model must pass: the model's schema (every section's rules), and when
 * the incidents are uncertain, the rule that needs the network (enough customers).
 */
export function modelCheck(network: Network, model: UncertainModel): (drawn: ModelValue) => ParameterProblem[] {
  const needsNetwork = model.found.parameters.some((p) => p.parts[0] === 'incidents');
  return (drawn) => [...schemaProblems(uncertainModelSchema, drawn), ...(needsNetwork ? scenarioNetworkProblems(drawn as { incidents?: unknown }, network) : [])];
}

function show(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * The uncertain parameters a rule at `path` reads, the closest first: those at or under the
 * rule's path, then its siblings, then the rest of its mapping and section.
 */
function involvedParameters(parameters: readonly UncertainParameter[], path: Path): UncertainParameter[] {
  const shared = (p: UncertainParameter) =>
    Math.max(
      ...p.paths.map((text) => {
        const parts = parsePath(text);
        let i = 0;
        while (i < path.length && i < parts.length && parts[i] === path[i]) i++;
        return i;
      }),
    );
  return parameters.filter((p) => shared(p) >= 1).sort((a, b) => shared(b) - shared(a) || a.parts.length - b.parts.length);
}

// ---- the kernel ---------------------------------------------------------------------------

/** What the uncertainty kernel is built from: plain data, so workers and merges rebuild it. */
export interface UncertaintyKernelOptions {
  /** The scenario's sections without the network; numbers or distributions (built-in defaults already placed). */
  readonly scenario: Readonly<Record<string, unknown>>;
  readonly policies: readonly unknown[];
  /** N: draws of the parameters (units 0 … N − 1). */
  readonly draws: number;
  /** M: inner replicates of every policy per draw. */
  readonly replicatesPerDraw: number;
  /** R: base-case replicates run beside the draws (units 0 … R − 1); 0 for none. */
  readonly replicates: number;
}

/** Per-policy columns of a draw: mean net value, money and people lost over the inner replicates. */
export const DRAW_METRICS = ['drawNetValue', 'drawMoney', 'drawPeopleLost'] as const;

/** The column of an uncertain parameter's drawn value. */
export const parameterColumn = (path: string) => `parameter:${path}`;

const M_INDEX = Object.fromEntries(POLICY_METRICS.map((m, i) => [m, i])) as Record<string, number>;

/** Every column of an uncertainty run, in order: the base case's (when R > 0), then the draws' and the parameters'. */
function columnNames(policies: readonly string[], parameters: readonly UncertainParameter[], replicates: number): string[] {
  const names: string[] = [];
  if (replicates > 0) for (const p of policies) for (const m of POLICY_METRICS) names.push(`${p}:${m}`);
  for (const p of policies) for (const m of DRAW_METRICS) names.push(`${p}:${m}`);
  for (const q of parameters) names.push(parameterColumn(q.path));
  return names;
}

function requireUnits(options: UncertaintyKernelOptions): void {
  const int = (field: string, v: unknown, min: number) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new InvalidParameterError(field, `a whole number ≥ ${min}`, v);
  };
  int('draws', options.draws, 1);
  int('replicatesPerDraw', options.replicatesPerDraw, 1);
  int('replicates', options.replicates, 0);
}

/**
 * The PSA as a replicate kernel: replicate j is draw j (and, for j < R, base-case
 * replicate j). Columns: the base case's `<policy>:<metric>`; per policy the draw's mean
 * net value, money and people lost over its M inner replicates (`<policy>:drawNetValue`,
 * `…:drawMoney`, `…:drawPeopleLost`); every parameter's drawn value (`parameter:<path>`).
 * A unit past R (or past N) leaves those columns 0.
 */
export class UncertaintyKernel implements ReplicateKernel {
  readonly metricNames: readonly string[];
  readonly model: UncertainModel;
  readonly options: UncertaintyKernelOptions;
  readonly policyNames: readonly string[];
  readonly #network: Network;
  readonly #base: ComparisonKernel | null;
  readonly #baseWidth: number;
  readonly #values: Float64Array;
  readonly #row: Float64Array;
  readonly #sums: Float64Array;

  constructor(network: Network, options: UncertaintyKernelOptions) {
    requireUnits(options);
    const { model, problems } = uncertainModel({ ...options.scenario, policies: options.policies });
    if (problems.length > 0) throw InvalidParameterError.fromProblems(problems);
    this.model = model;
    this.options = options;
    this.#network = network;
    const central = model.central;
    const { policies: centralPolicies, ...centralSections } = central;
    const resolved = resolvePolicies(centralPolicies as PolicySpec[]);
    this.policyNames = resolved.map((p) => p.name);
    this.#base = options.replicates > 0 ? new ComparisonKernel(resolveScenario({ ...centralSections, network } as Scenario, ''), resolved) : null;
    this.#baseWidth = options.replicates > 0 ? resolved.length * POLICY_METRICS.length : 0;
    this.metricNames = columnNames(this.policyNames, model.found.parameters, options.replicates);
    this.#values = new Float64Array(model.found.parameters.length);
    this.#row = new Float64Array(resolved.length * POLICY_METRICS.length);
    this.#sums = new Float64Array(resolved.length * DRAW_METRICS.length);
  }

  run(rng: Rng, out: Float64Array, replicate?: number): void {
    if (replicate === undefined) throw new InvalidParameterError('replicate', 'the replicate index (the draw), as the replicate runner passes it', replicate);
    const { draws, replicatesPerDraw, replicates } = this.options;
    out.fill(0, 0, this.metricNames.length);
    if (replicate < replicates) this.#base!.run(rng, out.subarray(0, this.#baseWidth));
    if (replicate >= draws) return;
    const model = this.model;
    drawParameters(model.found.units, rng, this.#values);
    const drawn = substituteValues(model.value, model.found.units, this.#values);
    const { policies, ...sections } = drawn;
    const scenario = resolveScenario({ ...sections, network: this.#network } as Scenario, '');
    const kernel = new ComparisonKernel(scenario, resolvePolicies(policies as PolicySpec[]));
    const P = this.policyNames.length;
    const width = POLICY_METRICS.length;
    const sums = this.#sums.fill(0);
    // Money and people lost per replicate, as the policy kernel splits its net value
    // (economics/valuation.ts): NB(λ) = money − λ·people for a lost person worth λ, with
    // each policy's win-back decision as taken at the scenario's valuation.
    const net = M_INDEX.netValue!;
    const moneyNet = M_INDEX.moneyNet!;
    const peopleLost = M_INDEX.peopleLost!;
    for (let m = 0; m < replicatesPerDraw; m++) {
      kernel.run(childRng(rng, 'inner', m), this.#row);
      for (let p = 0; p < P; p++) {
        const at = p * DRAW_METRICS.length;
        sums[at] += this.#row[p * width + net]!;
        sums[at + 1] += this.#row[p * width + moneyNet]!;
        sums[at + 2] += this.#row[p * width + peopleLost]!;
      }
    }
    const at = this.#baseWidth;
    for (let i = 0; i < sums.length; i++) out[at + i] = sums[i]! / replicatesPerDraw;
    out.set(this.#values, at + sums.length);
  }
}

// ---- from draws to answers ----------------------------------------------------------------

/** What the analysis needs besides the samples; computed without the network (a merge has none). */
export interface UncertaintyPlan {
  readonly kernel: UncertaintyKernelOptions;
  readonly model: UncertainModel;
  readonly policies: readonly ResolvedPolicy[];
  /** The policy the others are compared against. */
  readonly baseline: string;
  readonly groups: Readonly<Record<string, readonly string[]>>;
  /** Lifetime value of a customer, and the valuation of a lost person, in the base case. */
  readonly lifetimeValue: number;
  readonly lossPerCustomer: number;
  /** The base case's money side and incidents (the comparison's context). */
  readonly economics: ResolvedEconomics;
  readonly incidents: number;
  /** Units the run makes: max(R, N). */
  readonly units: number;
}

/** Problems of named groups: each path an uncertain parameter, no parameter twice, at most four. */
export function groupProblems(groups: Readonly<Record<string, readonly string[]>> | undefined, parameters: readonly UncertainParameter[]): ParameterProblem[] {
  const out: ParameterProblem[] = [];
  for (const [name, paths] of Object.entries(groups ?? {})) {
    const seen = new Set<UncertainParameter>();
    paths.forEach((path, i) => {
      const p = parameters.find((q) => q.paths.includes(path) || q.label === path);
      const expected = p === undefined ? `the path of an uncertain parameter (${parameters.map((q) => q.label).slice(0, 6).join(', ')}${parameters.length > 6 ? ', …' : ''})` : 'a parameter not listed before in this group';
      if (p === undefined || seen.has(p)) out.push({ path: [name, i], expected, received: path, message: `expected ${expected}, received ${JSON.stringify(path)}` });
      else seen.add(p);
    });
  }
  return out;
}

/** The plan of a PSA; throws an InvalidParameterError listing every problem. */
export function planUncertainty(
  model: UncertainModel,
  settings: { readonly draws: number; readonly replicatesPerDraw: number; readonly replicates: number; readonly baseline?: string; readonly groups?: Readonly<Record<string, readonly string[]>> | undefined },
): UncertaintyPlan {
  const { policies: centralPolicies, ...centralSections } = model.central;
  const policies = resolvePolicies(centralPolicies as PolicySpec[]);
  const economics = resolveEconomics((centralSections as { economics: Parameters<typeof resolveEconomics>[0] }).economics);
  const baseline = settings.baseline ?? policies[0]!.name;
  if (!policies.some((p) => p.name === baseline)) throw new InvalidParameterError('baseline', `the name of one of the policies (${policies.map((p) => JSON.stringify(p.name)).join(', ')})`, baseline);
  const { policies: withDistributions, ...sections } = model.value;
  return {
    kernel: { scenario: sections, policies: withDistributions, draws: settings.draws, replicatesPerDraw: settings.replicatesPerDraw, replicates: settings.replicates },
    model,
    policies,
    baseline,
    groups: settings.groups ?? {},
    lifetimeValue: economics.customerValue,
    lossPerCustomer: economics.lossPerCustomer,
    economics,
    incidents: (centralSections as { incidents: { count: number } }).incidents.count,
    units: Math.max(settings.replicates, settings.draws),
  };
}

/** A distribution of values over the draws. */
export interface DrawSummary {
  readonly mean: number;
  readonly sd: number | null;
  /** 2.5% and 97.5% of the draws: the 95% interval with parameter uncertainty. */
  readonly p025: number;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
  readonly p975: number;
}

function drawSummary(values: ArrayLike<number>, field: string): DrawSummary {
  const s = summarize(values, field);
  const sorted = Array.from(values).sort((a, b) => a - b);
  return { mean: s.mean, sd: s.sd, p025: quantileSorted(sorted, 0.025), p05: s.p05, p50: s.p50, p95: s.p95, p975: quantileSorted(sorted, 0.975) };
}

/** One uncertain parameter, as reported. */
export interface UncertainParameterRow {
  /** Its name: the path, or linked paths (`policies[0,1,2].firstContactResolution`). */
  readonly parameter: string;
  readonly paths: readonly string[];
  /** What it is, in words (the descriptions of its declaration and the mappings it sits in). */
  readonly description: string;
  readonly distribution: string;
  readonly source: string;
  readonly mean: number;
  readonly sd: number;
  /** The base case's value. */
  readonly central: number;
  /** A built-in default distribution (`uncertainty: defaults`), not the scenario's own. */
  readonly isDefault: boolean;
}

/** The value of knowing a parameter (or a named group) exactly. */
export interface EvppiRow {
  /** The parameter's name, or the group's. */
  readonly parameter: string;
  /** A group's parameters; a single parameter's own name. */
  readonly parameters: readonly string[];
  readonly group: boolean;
  readonly value: number;
  readonly se: number;
  readonly method: EvppiMethod;
}

export interface UncertaintyResult {
  /** The seed as given. */
  readonly seed: Seed;
  readonly draws: number;
  readonly replicatesPerDraw: number;
  readonly policies: readonly string[];
  readonly baseline: string;
  readonly parameters: readonly UncertainParameterRow[];
  /** Each policy's net value over the draws (parameter uncertainty and the inner replicates' noise). */
  readonly netValue: Readonly<Record<string, DrawSummary>>;
  /** Each policy minus the baseline, per draw. */
  readonly differences: ReadonlyArray<{ readonly policy: string; readonly against: string; readonly difference: DrawSummary; readonly probabilityBetter: number }>;
  readonly probabilityBest: Readonly<Record<string, number>>;
  readonly evpi: { readonly value: number; readonly se: number };
  /** Every parameter and named group, the most valuable first: what to measure first. */
  readonly evppi: readonly EvppiRow[];
  /** The probability each policy is best by the value λ of one lost person, 0 to 3 lifetime values. */
  readonly acceptability: ReadonlyArray<{ readonly lossValue: number; readonly policy: string; readonly probabilityBest: number; readonly expectedNetValue: number }>;
  readonly lifetimeValue: number;
  readonly lossPerCustomer: number;
  /** Per policy, its net value in every draw (for charts). */
  readonly samples: Readonly<Record<string, readonly number[]>>;
}

/** The base-case comparison and the PSA from an uncertainty run's samples, however it was run. */
export function uncertaintyFromResult(plan: UncertaintyPlan, result: MonteCarloResult, options: { readonly seSamples?: number } = {}): { comparison: ComparisonResult | null; uncertainty: UncertaintyResult } {
  const samples = result.samples;
  if (samples === undefined) throw new InvalidParameterError('result.samples', 'a run with samples kept (samples: true)', undefined);
  const { draws: N, replicates: R, replicatesPerDraw } = plan.kernel;
  if (result.range.from !== 0 || result.range.to !== plan.units) {
    throw new InvalidParameterError('result.range', `every unit of the run, 0 to ${plan.units}`, result.range);
  }
  const names = plan.policies.map((p) => p.name);
  const column = (name: string, n: number) => {
    const c = samples[name];
    if (c === undefined) throw new InvalidParameterError('result.samples', `a column ${JSON.stringify(name)} (an uncertainty run of this plan)`, Object.keys(samples).slice(0, 3));
    return c.subarray(0, n);
  };
  let comparison: ComparisonResult | null = null;
  if (R > 0) {
    const baseNames = names.flatMap((p) => POLICY_METRICS.map((m) => `${p}:${m}`));
    const base = resultFromColumns(baseNames, result.seed, { from: 0, to: R }, baseNames.map((n) => column(n, R)), true, result.elapsedMs);
    comparison = comparisonFromResult({ economics: plan.economics, incidents: plan.incidents }, plan.policies, base, { seed: result.seed });
  }
  const nb = names.map((p) => column(`${p}:drawNetValue`, N));
  const money = names.map((p) => column(`${p}:drawMoney`, N));
  const people = names.map((p) => column(`${p}:drawPeopleLost`, N));
  const params = plan.model.found.parameters;
  const drawsOf = (p: UncertainParameter) => column(parameterColumn(p.path), N);
  const baseIndex = names.indexOf(plan.baseline);
  const differences = names
    .map((policy, k) => ({ policy, k }))
    .filter(({ k }) => k !== baseIndex)
    .map(({ policy, k }) => {
      const d = new Float64Array(N);
      let better = 0;
      for (let j = 0; j < N; j++) {
        d[j] = nb[k]![j]! - nb[baseIndex]![j]!;
        if (d[j]! > 0) better++;
      }
      return { policy, against: plan.baseline, difference: drawSummary(d, `${policy} − ${plan.baseline}`), probabilityBetter: better / N };
    });
  const best = probabilityBest(nb);
  const e = evpi(nb);
  const seed = result.seed;
  const evppiOptions = { seed, ...(options.seSamples === undefined ? {} : { seSamples: options.seSamples }) };
  const rows: EvppiRow[] = params.map((p) => {
    const r = evppi(drawsOf(p), nb, evppiOptions);
    return { parameter: p.label, parameters: [p.label], group: false, value: r.value, se: r.se, method: r.method };
  });
  for (const [name, paths] of Object.entries(plan.groups)) {
    const members = paths.map((path) => params.find((q) => q.paths.includes(path) || q.label === path)!);
    const r = evppi(members.map(drawsOf), nb, evppiOptions);
    rows.push({ parameter: name, parameters: members.map((m) => m.label), group: true, value: r.value, se: r.se, method: r.method });
  }
  rows.sort((a, b) => b.value - a.value || a.parameter.localeCompare(b.parameter));
  const step = (ACCEPTABILITY_SPAN * plan.lifetimeValue) / ACCEPTABILITY_STEPS;
  const lossValues = Array.from({ length: ACCEPTABILITY_STEPS + 1 }, (_, i) => i * step);
  const curve = plan.lifetimeValue > 0 ? acceptabilityCurve({ money, lost: people }, lossValues) : [];
  const defaulted = new Set(plan.model.defaulted);
  return {
    comparison,
    uncertainty: {
      seed,
      draws: N,
      replicatesPerDraw,
      policies: names,
      baseline: plan.baseline,
      parameters: params.map((p) => ({
        parameter: p.label,
        paths: p.paths,
        description: describeParameter(p, plan.model.value, names),
        distribution: formatDistribution(p.spec),
        source: p.source ?? '',
        mean: p.mean,
        sd: Math.sqrt(p.variance),
        central: p.central,
        isDefault: p.paths.every((path) => defaulted.has(path)),
      })),
      netValue: Object.fromEntries(names.map((p, k) => [p, drawSummary(nb[k]!, `${p}: net value`)])),
      differences,
      probabilityBest: Object.fromEntries(names.map((p, k) => [p, best[k]!])),
      evpi: { value: e.value, se: e.se },
      evppi: rows,
      acceptability: curve.map((r) => ({ lossValue: r.lossValue, policy: names[r.strategy]!, probabilityBest: r.probabilityBest, expectedNetValue: r.expectedNetBenefit })),
      lifetimeValue: plan.lifetimeValue,
      lossPerCustomer: plan.lossPerCustomer,
      samples: Object.fromEntries(names.map((p, k) => [p, Array.from(nb[k]!)])),
    },
  };
}

/** A parameter in words: the descriptions along its path (its section's left out), and which policies. */
function describeParameter(p: UncertainParameter, value: unknown, policies: readonly string[]): string {
  const words: string[] = [];
  for (let i = 2; i <= p.parts.length; i++) {
    if (typeof p.parts[i - 1] === 'number') continue;
    const here = schemaAt(uncertainModelSchema, p.parts.slice(0, i), value);
    const d = here === undefined ? undefined : metaOf(here)?.description;
    if (d !== undefined) words.push(d);
  }
  let text = words.join(' — ');
  if (p.parts[0] === 'policies') {
    const indices = p.paths.map((path) => Number(/^policies\[(\d+)\]/.exec(path)?.[1]));
    const named = indices.map((i) => `“${policies[i] ?? i}”`);
    text += indices.length === policies.length && policies.length > 1 ? ' (every policy)' : ` (${named.join(', ')})`;
  }
  return text;
}

// ---- the library --------------------------------------------------------------------------

/** Options of {@link analyseUncertainty}: the settings of a scenario file's `uncertainty` section, and the run's. */
export interface UncertaintyOptions extends UncertaintySettings {
  readonly seed: Seed;
  /** Base-case replicates for the Monte-Carlo-only comparison beside the PSA (default 0: none). */
  readonly replicates?: number;
  /** The policy the others are compared against (default: the first). */
  readonly baseline?: string;
  /** Coefficient draws for each EVPPI's standard error (default 500; 0 skips it). */
  readonly seSamples?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: { readonly aborted: boolean };
}

const libraryOptionsSchema = uncertaintySettingsSchema.extend({
  replicates: count({ description: 'base-case replicates' }, 0, 1_000_000_000).default(0),
});

function modelOf(scenario: UncertainScenario, policies: readonly UncertainPolicySpec[]): { network: Network; value: ModelValue } {
  if (typeof scenario !== 'object' || scenario === null) throw new InvalidParameterError('scenario', 'a scenario object', scenario);
  if (!Array.isArray(policies)) throw new InvalidParameterError('policies', 'a non-empty list of policies', policies);
  const { network, ...sections } = scenario as { network: Network } & Record<string, unknown>;
  return { network, value: { ...sections, policies } };
}

/**
 * The PSA of a policy comparison, prepared: every distribution checked (and the rules
 * across fields in each of the draws the run will make), the kernel's options, and the plan
 * that turns its samples into answers. Run `kernel` yourself (e.g. `runReplicatesParallel`
 * with `{ kind: 'uncertainty', options: plan.kernel }` and `replicates: plan.units`), then
 * {@link uncertaintyFromResult}.
 * @throws {InvalidParameterError} listing every problem, paths as in scenario files.
 */
export function prepareUncertainty(scenario: UncertainScenario, policies: readonly UncertainPolicySpec[], options: UncertaintyOptions): { plan: UncertaintyPlan; kernel: UncertaintyKernel } {
  const settings = parseParameters(libraryOptionsSchema, { ...pick(options, ['draws', 'replicatesPerDraw', 'defaults', 'groups', 'replicates']) }, 'options');
  seedKey(options.seed, 'options.seed');
  const { network, value } = modelOf(scenario, policies);
  const { model, problems } = uncertainModel(value, { defaults: settings.defaults });
  if (problems.length === 0 && model.found.parameters.length === 0) {
    problems.push({ path: [], expected: 'at least one distribution to draw (write a number as { dist: … }, or set defaults: true)', received: 'no distribution', message: 'expected at least one distribution to draw (write a number as { dist: … }, or set defaults: true), received none' });
  }
  problems.push(...groupProblems(settings.groups, model.found.parameters).map((p) => ({ ...p, path: ['options', 'groups', ...p.path] })));
  if (problems.length === 0) problems.push(...drawProblems(model, options.seed, settings.draws, modelCheck(network, model)));
  if (problems.length > 0) throw InvalidParameterError.fromProblems(problems);
  const plan = planUncertainty(model, { ...settings, ...(options.baseline === undefined ? {} : { baseline: options.baseline }) });
  return { plan, kernel: new UncertaintyKernel(network, plan.kernel) };
}

function pick<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if ((value as Record<string, unknown>)[key] !== undefined) out[key] = (value as Record<string, unknown>)[key];
  return out as Partial<T>;
}

export interface UncertaintyAnalysis extends UncertaintyResult {
  /** The Monte-Carlo-only comparison of the base case (with `replicates`), else null. */
  readonly comparison: ComparisonResult | null;
  readonly result: MonteCarloResult;
}

/**
 * How sure are we? Draws every uncertain parameter `draws` times (each draw the same for
 * every policy), runs each policy `replicatesPerDraw` times per draw, and returns each
 * policy's value and its difference from the baseline with parameter uncertainty, the
 * probability each policy is best, the acceptability curve, the EVPI and the EVPPI of every
 * parameter and group (the most valuable first). Any number of the scenario and the
 * policies may be a distribution `{ dist: 'beta', mean: 0.3, sd: 0.1 }` (docs/uncertainty.md).
 *
 * @example
 * const psa = analyseUncertainty(
 *   { network, incidents: { count: 100, amount: 600 }, economics: { margin: 800, retention: { dist: 'uniform', low: 0.74, high: 0.86 } } },
 *   [{ name: 'fee', decision: 'refuse-with-fee', fee: 200 }, { name: 'repair', decision: 'repair-or-replace' }],
 *   { seed: 1, draws: 500, replicatesPerDraw: 5, defaults: true });
 * psa.probabilityBest; psa.evpi.value; psa.evppi[0]; // what to measure first
 */
export function analyseUncertainty(scenario: UncertainScenario, policies: readonly UncertainPolicySpec[], options: UncertaintyOptions): UncertaintyAnalysis {
  const { plan, kernel } = prepareUncertainty(scenario, policies, options);
  const result = runReplicatesSync(kernel, {
    seed: options.seed,
    replicates: plan.units,
    samples: true,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const { comparison, uncertainty } = uncertaintyFromResult(plan, result, options.seSamples === undefined ? {} : { seSamples: options.seSamples });
  return { ...uncertainty, comparison, result };
}

/**
 * One draw of an uncertain scenario: the scenario and policies with every distribution
 * replaced by its value in draw `draw` of `seed` — exactly what {@link analyseUncertainty}
 * runs in that draw — and the values by parameter name.
 */
export function drawScenario(
  scenario: UncertainScenario,
  policies: readonly UncertainPolicySpec[],
  options: { readonly seed: Seed; readonly draw: number; readonly defaults?: boolean },
): { scenario: Scenario; policies: PolicySpec[]; values: Record<string, number> } {
  const { network, value } = modelOf(scenario, policies);
  if (!Number.isSafeInteger(options.draw) || options.draw < 0) throw new InvalidParameterError('options.draw', 'a whole number ≥ 0', options.draw);
  const { model, problems } = uncertainModel(value, { defaults: options.defaults ?? false });
  if (problems.length > 0) throw InvalidParameterError.fromProblems(problems);
  const drawn = drawModel(model, options.seed, options.draw);
  const { policies: drawnPolicies, ...sections } = drawn.value;
  return {
    scenario: { ...sections, network } as Scenario,
    policies: drawnPolicies as PolicySpec[],
    values: Object.fromEntries(model.found.parameters.map((p, i) => [p.label, drawn.values[i]!])),
  };
}

