/**
 * From a validated scenario file to results: build the network, assign roles, compare
 * the policies on common random numbers, find the break-even and the sensitivity when
 * asked, and assemble the report's data. Core code: reading files is the caller's
 * (the CLI passes `readText`), so this runs in browsers too.
 */
import { GraphStructureError, ScenarioError, type ParameterProblem, HearsayError, InvalidParameterError, formatPath } from '../errors.js';
import { breakEvenSteps, comparePolicies, comparisonFromResult, runStepsAsync, runStepsSync, type BreakEvenResult, type ComparisonRequest, type ComparisonResult } from '../decision/compare.js';
import { anchorSensitivity, sensitivitySteps, type SensitivityResult, type SensitivityRuns, type SensitivitySpec } from '../decision/sensitivity.js';
import type { PolicySpec } from '../experience/policy.js';
import { complaintWarnings } from '../experience/complaints.js';
import { resolveEconomics } from '../economics/lifetime-value.js';
import { policyWarnings, resolvePolicies } from '../experience/policy.js';
import { resolveScenario, type ResolvedScenario } from '../measure/scenario.js';
import type { KernelSpec } from '../kernels/registry.js';
import type { MonteCarloResult, ReplicateRange } from '../monte-carlo/runner.js';
import type { Scenario } from '../measure/scenario.js';
import { parseEdgeList } from '../network/edge-list.js';
import { barabasiAlbert } from '../network/generators/barabasi-albert.js';
import { erdosRenyiGnm } from '../network/generators/erdos-renyi-gnm.js';
import { erdosRenyiGnp } from '../network/generators/erdos-renyi-gnp.js';
import { expectedTies } from '../network/generators/expected-ties.js';
import { groups } from '../network/generators/groups.js';
import { MAX_EDGES } from '../network/generators/shared.js';
import { randomRegular } from '../network/generators/random-regular.js';
import { wattsStrogatz } from '../network/generators/watts-strogatz.js';
import { parseGraphologyJson } from '../network/graphology-json.js';
import { assignRoles } from '../network/roles.js';
import type { Network } from '../network/types.js';
import { parsePath } from '../parameters/index.js';
import type { Seed } from '../random/rng.js';
import { prepareProjection, projectionFromResult, resolveProjectionOptions, type ProjectionAssumption, type ProjectionKernel, type ProjectionOptions, type ProjectionResult, type ProjectionShape } from '../projection/index.js';
import { shardRange, type Shard } from '../monte-carlo/shards.js';
import type { ReportAssumption, ReportData } from '../report/types.js';
import { formatMoney } from '../report/format.js';
import { t, withLocale, type Locale } from '../report/locale/index.js';
import { VERSION } from '../version.js';
import { parameterRows } from './parameters.js';
import { DEFAULT_LIMITS, limitProblems, lineOfPath, locateProblems, type ScenarioLimits } from './parse.js';
import { type ScenarioFile } from './schema.js';
import { checkUncertainFile, fileUncertaintyPlan, fileUncertaintyResult, partScenario, uncertainAssumptions, uncertaintyDrawProblems, type FileUncertainty, type UncertaintyOverrides } from './uncertainty.js';
import { UncertaintyKernel, type UncertaintyPlan, type UncertaintyResult } from '../decision/uncertainty.js';
import { runReplicatesSync } from '../monte-carlo/runner.js';

export interface RunScenarioOptions extends UncertaintyOverrides {
  /** Overrides the file's seed. */
  readonly seed?: Seed;
  /** Overrides the file's replicates. */
  readonly replicates?: number;
  /**
   * Reads a network file named in the scenario (relative paths are the caller's to
   * resolve; the CLI keeps them inside the scenario's folder). A {@link HearsayError} it
   * throws is shown as the problem with `network.file`. The file's content is never
   * quoted in a message (it may be a file the scenario's author does not own): problems
   * in it are named by line or position only.
   */
  readonly readText?: (path: string) => string;
  /** Names the scenario in messages and the report. */
  readonly source?: string;
  readonly limits?: ScenarioLimits;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

/** Something valid but worth a second look: `warning: policies[0].fee: …` on the command line. */
export interface ScenarioWarning {
  /** Where, as written in the file (`policies[0].fee`). */
  readonly path: string;
  readonly message: string;
}

export interface ScenarioRun {
  readonly file: ScenarioFile;
  /** What validate and run warn about (a fee or credit above the amount at stake, a probability beside a complaint preset). */
  readonly warnings: readonly ScenarioWarning[];
  readonly network: Network;
  readonly scenario: Scenario;
  readonly policies: readonly PolicySpec[];
  readonly seed: Seed;
  readonly replicates: number;
  readonly comparison: ComparisonResult;
  readonly breakEven?: BreakEvenResult & { readonly policies: readonly [string, string]; readonly replicates: number };
  readonly sensitivity?: SensitivityResult;
  readonly projection?: ProjectionResult;
  /** With distributions (or `uncertainty: defaults`): the PSA; `comparison` is then the base case's. */
  readonly uncertainty?: UncertaintyResult;
  readonly report: ReportData;
}

/** Replicates of the sections beside the comparison (each section of the report states its own). */
export const BREAK_EVEN_REPLICATES = 500;
export const SENSITIVITY_REPLICATES = 200;
export const PROJECTION_REPLICATES = 200;

function problem(source: string, path: string, message: string): never {
  throw new ScenarioError(source, [{ path, message }]);
}

/** Builds the network a scenario file describes, with its roles. */
export function buildNetwork(file: ScenarioFile, seed: Seed, options: RunScenarioOptions = {}): Network {
  const source = options.source ?? 'scenario';
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const spec = file.network as Record<string, unknown>;
  const networkSeed = (spec.seed as Seed | undefined) ?? `${String(seed)}/network`;
  let network: Network;
  try {
    if ('file' in spec) {
      if (options.readText === undefined) problem(source, 'network.file', 'expected a way to read files (this environment has none)');
      const path = spec.file as string;
      let text: string;
      try {
        text = options.readText(path);
      } catch (error) {
        if (error instanceof HearsayError) problem(source, 'network.file', error.message);
        problem(source, 'network.file', `expected a readable file, received ${JSON.stringify(path)} (${(error as { code?: string }).code ?? (error as Error).message})`);
      }
      const directed = spec.directed as boolean | undefined;
      const policy = {
        onDuplicate: (spec.onDuplicate as 'error' | 'drop' | undefined) ?? 'error',
        onSelfLoop: (spec.onSelfLoop as 'error' | 'drop' | undefined) ?? 'error',
        quoteContent: false,
      };
      try {
        network = path.toLowerCase().endsWith('.json')
          ? // Without network.directed, a graphology export keeps its own type (a mixed one reads two-way).
            parseGraphologyJson(text, { ...policy, source: path, ...(directed === undefined ? {} : { directed }) })
          : parseEdgeList(text, { ...policy, directed: directed ?? false, source: path });
      } catch (error) {
        if (error instanceof GraphStructureError && error.option !== undefined && error.remedy !== undefined) {
          const remedy = error.option === 'onDuplicate' ? 'set network.onDuplicate: drop to keep only the first' : 'set network.onSelfLoop: drop to leave self-loops out';
          problem(source, 'network.file', error.message.replace(error.remedy, remedy));
        }
        if (error instanceof HearsayError) problem(source, 'network.file', error.message);
        throw error;
      }
    } else {
      const g = spec.generator as string;
      const { generator: _ignored, ...params } = spec;
      void _ignored;
      // Refused before building: a runaway draw (G(n, p), groups) would take minutes and gigabytes.
      const ties = expectedTies(spec as { generator: string });
      if (ties > limits.maxTies) {
        problem(source, 'network', `expected at most ${limits.maxTies} ties (the limit), received a network of about ${Math.round(ties)} ties`);
      }
      const withSeed = { ...params, seed: networkSeed, maxTies: Math.min(limits.maxTies, MAX_EDGES) } as never;
      network =
        g === 'erdos-renyi-gnm'
          ? erdosRenyiGnm(withSeed)
          : g === 'erdos-renyi-gnp'
            ? erdosRenyiGnp(withSeed)
            : g === 'watts-strogatz'
              ? wattsStrogatz(withSeed)
              : g === 'barabasi-albert'
                ? barabasiAlbert(withSeed)
                : g === 'random-regular'
                  ? randomRegular(withSeed)
                  : groups(withSeed);
    }
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    if (error instanceof InvalidParameterError) {
      // A generator names its options `<function>.<option>` (`wattsStrogatz.neighbors`); the file names them `network.<option>`.
      throw new ScenarioError(
        source,
        error.problems.map((p) => {
          const parts = parsePath(formatPath(p.path));
          return parts[1] === 'maxTies'
            ? // A random tie count (G(n, p), groups) whose mean is within the limit but whose draw passed it.
              { path: 'network', message: `expected at most ${limits.maxTies} ties (the limit), received a network whose random draw passed the limit and was stopped` }
            : { path: formatPath(parts.slice(1), 'network'), message: p.message };
        }),
      );
    }
    if (error instanceof HearsayError) problem(source, 'network', error.message);
    throw error;
  }
  if (network.size > limits.maxPeople) problem(source, 'network', `expected at most ${limits.maxPeople} people (the limit), received ${network.size}`);
  if (network.neighbors.length / 2 > limits.maxTies) problem(source, 'network', `expected at most ${limits.maxTies} ties (the limit), received ${network.neighbors.length / 2}`);
  return assignRoles(network, { customers: file.roles.customers, prospects: file.roles.prospects }, `${String(seed)}/roles`);
}

/** The scenario and policies in the library's terms. */
export function scenarioFromFile(file: ScenarioFile, network: Network): { scenario: Scenario; policies: PolicySpec[] } {
  const scenario = {
    network,
    incidents: file.incidents,
    ...(file.complaints === undefined ? {} : { complaints: file.complaints }),
    ...(file.behaviour === undefined ? {} : { behaviour: file.behaviour }),
    ...(file.spread === undefined ? {} : { spread: file.spread }),
    economics: file.economics,
  } as Scenario;
  return { scenario, policies: policiesOf(file) };
}

function policiesOf(file: ScenarioFile): PolicySpec[] {
  return file.policies.map(({ description: _d, ...p }) => {
    void _d;
    return p as PolicySpec;
  });
}

/**
 * What a policy does, in the report's language: the file's own description when it gives one
 * (as written), else one made from its decision and amounts. English amounts read as before
 * (`600 kr`); other languages format them by Intl.
 */
function describePolicy(p: ScenarioFile['policies'][number], currency: string, locale: Locale = 'en'): string {
  if (p.description !== undefined) return p.description;
  return withLocale(locale, () => {
    const d = t().policyDescriptions;
    const amount = (x: number | undefined) => (locale === 'en' ? `${x} ${currency}` : formatMoney(x ?? Number.NaN, currency));
    switch (p.decision) {
      case 'full-refund':
        return d.fullRefund;
      case 'repair-or-replace':
        return d.repairOrReplace(p.repairCost === undefined ? null : amount(p.repairCost));
      case 'partial-credit':
        return d.partialCredit(amount(p.credit));
      case 'refuse':
        return d.refuse;
      case 'refuse-with-fee':
        return d.refuseWithFee(amount(p.fee));
      case 'apology-only':
        return d.apologyOnly;
      default:
        return d.goodwill(amount(p.credit));
    }
  });
}

/** The file's policies described in a language (what `hearsay run --locale` puts in the report). */
export function describePolicies(file: ScenarioFile, locale: Locale): string[] {
  const currency = file.currency ?? 'kr';
  return file.policies.map((p) => describePolicy(p, currency, locale));
}

/** The assumptions behind a run: every documented parameter, from the file or its default. */
export function assumptions(file: ScenarioFile): ReportAssumption[] {
  const get = (path: string): unknown => {
    let node: unknown = file;
    for (const part of path.split('.')) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return node;
  };
  return parameterRows()
    .filter((r) => /^(incidents|complaints|behaviour|spread|economics|roles)\./.test(r.path) && r.range !== 'mapping')
    .filter((r) => !/\.(minor|major|negative|positive)\./.test(r.path))
    .map((r) => {
      const v = get(r.path);
      const fromFile = v !== undefined;
      return {
        parameter: r.path,
        ...(r.label === '' ? {} : { label: r.label }),
        value: fromFile ? (typeof v === 'string' ? v : JSON.stringify(v)) : r.default || '—',
        unit: r.unit,
        source: fromFile ? 'scenario file' : r.source || (r.default ? 'default' : ''),
      };
    })
    .filter((a) => a.value !== '—');
}

interface Prepared {
  readonly source: string;
  readonly seed: Seed;
  readonly replicates: number;
  readonly network: Network;
  readonly scenario: Scenario;
  readonly resolved: ResolvedScenario;
  readonly policies: PolicySpec[];
  readonly warnings: readonly ScenarioWarning[];
  readonly progress: (stage: string) => (done: number, total: number) => void;
  /** The file's distributions, and the plan of their draws when it has any. */
  readonly uncertain: FileUncertainty;
  readonly psa: UncertaintyPlan | undefined;
}

/** The problems of an InvalidParameterError (or none, for any other error, which is rethrown). */
function problemsOf(error: unknown): readonly ParameterProblem[] {
  if (error instanceof InvalidParameterError) return error.problems;
  throw error;
}

/**
 * Everything a run checks before it simulates, in one pass: the file against its
 * schema (every section's rules), the size limits, the network built from it, the rules
 * that need the network (enough customers for the incidents, a marketing rate that can
 * balance churn). Every problem is reported at once, with its path and line.
 * @throws {ScenarioError}
 */
function prepare(file: ScenarioFile, options: RunScenarioOptions): Prepared {
  const source = options.source ?? 'scenario';
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const fail = (problems: readonly ParameterProblem[]) => new ScenarioError(source, locateProblems(file, problems));
  // Distributions are checked with everything else; the rest of the file is read at its base case.
  const uncertain = checkUncertainFile(file, options);
  const fileProblems = [...uncertain.problems, ...limitProblems(file, limits, uncertain.problems)];
  const broken = new Set(fileProblems.map((p) => String(p.path[0])));
  // The network is built when its own sections are sound, so its problems join the others.
  if (broken.has('network') || broken.has('roles') || broken.has('seed') || broken.has('')) throw fail(fileProblems);
  const seed = options.seed ?? file.seed ?? 1;
  const replicates = options.replicates ?? file.replicates ?? 1000;
  let network: Network;
  try {
    network = buildNetwork(file, seed, { ...options, source });
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // Problems found while building the network join the file's, each with its line.
    const located = error.problems.map((p) => {
      const line = p.line ?? lineOfPath(file, parsePath(p.path));
      return { ...p, ...(line === undefined ? {} : { line }) };
    });
    throw new ScenarioError(source, [...locateProblems(file, fileProblems), ...located]);
  }
  const { scenario, policies } = scenarioFromFile(uncertain.base, network);
  const problems = [...fileProblems];
  let resolved: ResolvedScenario | undefined;
  try {
    resolved = resolveScenario(scenario, '');
  } catch (error) {
    for (const p of problemsOf(error)) if (!broken.has(String(p.path[0]))) problems.push(p);
  }
  if (resolved !== undefined && problems.length === 0) problems.push(...uncertaintyDrawProblems(uncertain, network, seed));
  if (resolved !== undefined && file.projection !== undefined && !broken.has('projection')) {
    const { replicates: projectionReplicates, ...rest } = file.projection;
    try {
      resolveProjectionOptions({ ...rest, seed, replicates: projectionReplicates ?? Math.min(replicates, 200) }, resolved, 'projection', '');
    } catch (error) {
      problems.push(...problemsOf(error));
    }
  }
  if (problems.length > 0) throw fail(problems);
  const progress = (stage: string) => (done: number, total: number) => options.onProgress?.(stage, done, total);
  const warnings = [...complaintWarnings(uncertain.base.complaints), ...policyWarnings(policies, resolved!.incidents.amount)].map((w) => ({ path: formatPath(w.path), message: w.message }));
  const psa = fileUncertaintyPlan(uncertain, file, replicates);
  return { source, seed, replicates, network, scenario, resolved: resolved!, policies, warnings, progress, uncertain, psa };
}

/** What {@link checkScenario} found: the file is valid, and what it describes. */
export interface ScenarioCheck {
  readonly network: Network;
  readonly policies: readonly string[];
  readonly replicates: number;
  /** Valid, but worth a second look (a fee or credit above the amount at stake). */
  readonly warnings: readonly ScenarioWarning[];
}

/**
 * Runs every check a run makes, without simulating: `hearsay validate`.
 * @throws {ScenarioError} listing every problem with its path and line.
 */
export function checkScenario(file: ScenarioFile, options: RunScenarioOptions = {}): ScenarioCheck {
  const p = prepare(file, options);
  return { network: p.network, policies: p.policies.map((x) => x.name), replicates: p.replicates, warnings: p.warnings };
}

/**
 * Runs a scenario file: policies compared on common random numbers, break-even and
 * sensitivity when asked, the projection when asked, and the report's data.
 */
export function runScenario(file: ScenarioFile, options: RunScenarioOptions = {}): ScenarioRun {
  const p = prepare(file, options);
  if (p.psa !== undefined) {
    const result = runReplicatesSync(new UncertaintyKernel(p.network, p.psa.kernel), { seed: p.seed, replicates: p.psa.units, samples: true, onProgress: p.progress('draws') });
    return withUncertainty(file, p, result, sectionsSync(p.uncertain.base, p));
  }
  const comparison = comparePolicies(p.scenario, p.policies, { seed: p.seed, replicates: p.replicates, onProgress: p.progress('policies') });
  return finish(file, p, comparison, sectionsSync(file, p));
}

/** Runs the policy replicates of a scenario: on this thread, on worker threads, … */
export type PolicyReplicateRunner = (
  network: Network,
  spec: KernelSpec,
  options: { readonly seed: Seed; readonly replicates: number | ReplicateRange; readonly samples: true; readonly onProgress: (done: number, total: number) => void },
) => Promise<MonteCarloResult>;

/**
 * {@link runScenario} with the policy comparison — the bulk of the work — run by
 * `runReplicates` (the CLI passes worker threads). Same numbers as runScenario.
 */
export async function runScenarioAsync(file: ScenarioFile, options: RunScenarioOptions & { readonly runReplicates: PolicyReplicateRunner }): Promise<ScenarioRun> {
  const p = prepare(file, options);
  const result = await options.runReplicates(p.network, policySpec(p), {
    seed: p.seed,
    replicates: p.psa?.units ?? p.replicates,
    samples: true,
    onProgress: p.progress(p.psa === undefined ? 'policies' : 'draws'),
  });
  const sections = await sectionsAsync(p.psa === undefined ? file : p.uncertain.base, p, options.runReplicates);
  if (p.psa !== undefined) return withUncertainty(file, p, result, sections);
  return finish(file, p, comparisonOfReplicates(file, result, p.seed), sections);
}

/** One shard of a whole run (`hearsay run --shard`): its share of the comparison and of each section. */
export interface ScenarioRunPart {
  readonly network: Network;
  /** The comparison's kernel spec (with a PSA, the draws'): with the network, the part's fingerprint. */
  readonly spec: KernelSpec;
  /** The comparison's (or the draws') replicates of this shard, samples kept. */
  readonly result: MonteCarloResult;
  /** The comparison's replicates (or draws) in the whole run. */
  readonly total: number;
  readonly facts: RunFacts;
  /** The break-even on the first shard, the sensitivity on the last, a share of the projection's replicates on each. */
  readonly sections: RunSections;
}

/**
 * Runs shard `shard` of a scenario's whole run: the comparison's replicates (or the PSA's
 * draws) split into `shard.count` balanced contiguous parts, the projection's likewise,
 * the break-even (a bisection, whose steps depend on each other) whole on the first shard
 * and the sensitivity whole on the last. `range(total)` gives this shard's share of the
 * comparison (the CLI's refuses more shards than replicates).
 */
export async function runScenarioPart(
  file: ScenarioFile,
  options: RunScenarioOptions & { readonly runReplicates: PolicyReplicateRunner },
  shard: Shard,
  range: (total: number) => ReplicateRange,
): Promise<ScenarioRunPart> {
  const p = prepare(file, options);
  const total = p.psa?.units ?? p.replicates;
  const spec = policySpec(p);
  const result = await options.runReplicates(p.network, spec, {
    seed: p.seed,
    replicates: range(total),
    samples: true,
    onProgress: p.progress(p.psa === undefined ? 'policies' : 'draws'),
  });
  const sections = await sectionsAsync(p.psa === undefined ? file : p.uncertain.base, p, options.runReplicates, shard);
  return { network: p.network, spec, result, total, facts: factsOf(p), sections };
}

// ---- The policy comparison split across machines (hearsay compare --shard, hearsay merge) ----

function policySpec(p: Prepared): KernelSpec {
  if (p.psa !== undefined) return { kind: 'uncertainty', options: p.psa.kernel };
  const { network: _n, ...withoutNetwork } = p.scenario;
  void _n;
  return { kind: 'policies', options: { scenario: withoutNetwork, policies: p.policies } };
}

/** What runScenarioAsync hands its replicate runner for the policy comparison. */
export interface PolicyRun {
  readonly network: Network;
  readonly spec: KernelSpec;
  readonly seed: Seed;
  readonly replicates: number;
  /** The scenario a part of this run carries (with a PSA: the file with the run's settings folded in). */
  readonly scenario: ScenarioFile;
}

/**
 * The policy comparison of a scenario as a kernel spec on its network, with the seed and
 * replicates it runs with: `hearsay compare --shard` runs a share of its replicates.
 */
export function policyRun(file: ScenarioFile, options: RunScenarioOptions = {}): PolicyRun {
  const p = prepare(file, options);
  return { network: p.network, spec: policySpec(p), seed: p.seed, replicates: p.psa?.units ?? p.replicates, scenario: partScenario(file, p.uncertain, p.replicates) };
}

/**
 * The comparison from a scenario's policy replicates, however they were run: on this
 * thread, on worker threads, or merged from parts run on other machines (no network needed).
 */
export function comparisonOfReplicates(file: ScenarioFile, result: MonteCarloResult, seed: Seed): ComparisonResult {
  const economics = resolveEconomics(file.economics);
  return comparisonFromResult({ economics, incidents: file.incidents.count }, resolvePolicies(policiesOf(file)), result, { seed });
}

/** A run with a PSA: the base case's comparison and report, with the draws' answers added. */
function withUncertainty(file: ScenarioFile, p: Prepared, result: MonteCarloResult, sections: RunSections): ScenarioRun {
  const { network, scenario, policies } = p;
  return { ...assembleUncertainRun(file, p.uncertain.base, p.psa!, factsOf(p), result, sections), network, scenario, policies };
}

/** {@link assembleRun} for a run with a PSA: the base case's comparison and report, with the draws' answers added. */
export function assembleUncertainRun(
  file: ScenarioFile,
  base: ScenarioFile,
  plan: UncertaintyPlan,
  facts: RunFacts,
  result: MonteCarloResult,
  sections: RunSections,
): Omit<ScenarioRun, 'network' | 'scenario' | 'policies'> {
  const { comparison, uncertainty } = fileUncertaintyResult(plan, result);
  const run = assembleRun(base, facts, comparison, sections);
  return { ...run, file, uncertainty, report: { ...run.report, uncertainty, assumptions: uncertainAssumptions(assumptions(file), uncertainty) } };
}

/** The currency and the baseline policy a run names (in its report and its comparison). */
export function reportLabels(file: ScenarioFile): Pick<ReportData, 'currency' | 'baseline' | 'incidents' | 'economics'> {
  const economics = resolveEconomics(file.economics);
  return {
    currency: file.currency ?? 'kr',
    baseline: file.baseline ?? file.policies[0]!.name,
    incidents: { count: file.incidents.count, period: file.incidents.period?.trim() ?? null },
    economics: { customerValue: economics.customerValue, acquisitionCost: economics.acquisitionCost, lossValuation: economics.lossValuation },
  };
}

/** The break-even, sensitivity and projection as run, before the report assembles them (plain data but for the projection's samples). */
export interface RunSections {
  readonly breakEven?: BreakEvenResult & { readonly policies: readonly [string, string]; readonly replicates: number };
  readonly sensitivity?: SensitivityRuns;
  readonly projection?: ProjectionSection;
}

/** The projection's replicates with what shapes them into rows. */
export interface ProjectionSection {
  readonly result: MonteCarloResult;
  readonly shape: ProjectionShape;
  readonly assumptions: readonly ProjectionAssumption[];
  readonly replicates: number;
}

/** What a run's sections need, planned from the file: each one's study and replicates. */
function sectionPlans(file: ScenarioFile, prepared: Prepared) {
  const { source, seed, replicates, scenario, policies } = prepared;
  const byName = (name: string) => policies.find((p) => p.name === name)!;
  const { baseline } = reportLabels(file);
  const breakEvenReplicates = Math.min(replicates, BREAK_EVEN_REPLICATES);
  const be =
    file.breakEven === undefined
      ? undefined
      : {
          pair: file.breakEven.policies,
          replicates: breakEvenReplicates,
          steps: () =>
            breakEvenSteps(scenario, [byName(file.breakEven!.policies[0]), byName(file.breakEven!.policies[1])], {
              parameter: file.breakEven!.parameter,
              low: file.breakEven!.low,
              high: file.breakEven!.high,
              seed,
              replicates: breakEvenReplicates,
            }),
        };
  const sensitivityReplicates = Math.min(replicates, SENSITIVITY_REPLICATES);
  const sens =
    file.sensitivity === undefined || file.sensitivity === false
      ? undefined
      : {
          replicates: sensitivityReplicates,
          steps: () =>
            sensitivitySteps(scenario, policies, {
              seed,
              replicates: sensitivityReplicates,
              baseline,
              ...(Array.isArray(file.sensitivity) ? { parameters: file.sensitivity as SensitivitySpec[] } : {}),
            }),
        };
  let projection: { replicates: number; options: ProjectionOptions; kernel: ProjectionKernel; assumptions: ProjectionAssumption[] } | undefined;
  if (file.projection !== undefined) {
    const projectionReplicates = file.projection.replicates ?? Math.min(replicates, PROJECTION_REPLICATES);
    const { replicates: _r, ...rest } = file.projection;
    void _r;
    const options = { ...(rest as object), seed, replicates: projectionReplicates, name: file.name } as ProjectionOptions;
    projection = { replicates: projectionReplicates, options, ...prepareProjection(scenario, policies, options) };
  }
  /** A break-even range in which the two policies never swap places, say: named by the file's section. */
  const breakEvenProblem = (error: unknown): never => {
    if (error instanceof InvalidParameterError) throw new ScenarioError(source, [{ path: 'breakEven', message: error.message }]);
    throw error;
  };
  return { be, sens, projection, breakEvenProblem };
}

/** Which sections a shard runs: the break-even on the first, the sensitivity on the last, a share of the projection's replicates on each. */
function sectionShare(shard: Shard | undefined, replicates: number) {
  if (shard === undefined) return { breakEven: true, sensitivity: true, projection: replicates as number | ReplicateRange };
  return { breakEven: shard.index === 0, sensitivity: shard.index === shard.count - 1, projection: shardRange(replicates, shard.index, shard.count) as number | ReplicateRange };
}

/** The sections on this thread. */
function sectionsSync(file: ScenarioFile, prepared: Prepared): RunSections {
  const { be, sens, projection, breakEvenProblem } = sectionPlans(file, prepared);
  const { seed, network } = prepared;
  let breakEvenResult: RunSections['breakEven'];
  if (be !== undefined) {
    try {
      breakEvenResult = { ...runStepsSync(be.steps(), network, { seed, replicates: be.replicates }), policies: be.pair, replicates: be.replicates };
    } catch (error) {
      breakEvenProblem(error);
    }
  }
  const sensitivityRuns = sens === undefined ? undefined : runStepsSync(sens.steps(), network, { seed, replicates: sens.replicates });
  let projectionSection: ProjectionSection | undefined;
  if (projection !== undefined) {
    const result = runReplicatesSync(projection.kernel, { seed, replicates: projection.replicates, samples: true, onProgress: prepared.progress('projection') });
    projectionSection = { result, shape: projection.kernel, assumptions: projection.assumptions, replicates: projection.replicates };
  }
  return { ...(breakEvenResult === undefined ? {} : { breakEven: breakEvenResult }), ...(sensitivityRuns === undefined ? {} : { sensitivity: sensitivityRuns }), ...(projectionSection === undefined ? {} : { projection: projectionSection }) };
}

/** The sections with `runReplicates` (worker threads); with a shard, its share of them. Same numbers as {@link sectionsSync}. */
async function sectionsAsync(file: ScenarioFile, prepared: Prepared, runReplicates: PolicyReplicateRunner, shard?: Shard): Promise<RunSections> {
  const { be, sens, projection, breakEvenProblem } = sectionPlans(file, prepared);
  const { seed, network } = prepared;
  if (shard !== undefined && projection !== undefined && shard.count > projection.replicates) {
    throw new ScenarioError(prepared.source, [
      { path: 'projection.replicates', message: `expected at least as many replicates as shards (${shard.count}), so that no shard is empty, received ${projection.replicates}` },
    ]);
  }
  const share = sectionShare(shard, projection?.replicates ?? 1);
  const comparisons = (replicates: number, stage: string) => (request: ComparisonRequest) =>
    runReplicates(network, { kind: 'policies', options: { scenario: request.sections, policies: request.policies } }, { seed, replicates, samples: true, onProgress: prepared.progress(stage) });
  let breakEvenResult: RunSections['breakEven'];
  if (be !== undefined && share.breakEven) {
    try {
      breakEvenResult = { ...(await runStepsAsync(be.steps(), comparisons(be.replicates, 'break-even'))), policies: be.pair, replicates: be.replicates };
    } catch (error) {
      breakEvenProblem(error);
    }
  }
  const sensitivityRuns = sens === undefined || !share.sensitivity ? undefined : await runStepsAsync(sens.steps(), comparisons(sens.replicates, 'sensitivity'));
  let projectionSection: ProjectionSection | undefined;
  if (projection !== undefined) {
    const { network: _n, ...sections } = prepared.scenario;
    void _n;
    const spec: KernelSpec = { kind: 'projection', options: { scenario: sections, policies: prepared.policies, projection: projection.options } };
    const result = await runReplicates(network, spec, { seed, replicates: share.projection, samples: true, onProgress: prepared.progress('projection') });
    projectionSection = { result, shape: projection.kernel, assumptions: projection.assumptions, replicates: projection.replicates };
  }
  return { ...(breakEvenResult === undefined ? {} : { breakEven: breakEvenResult }), ...(sensitivityRuns === undefined ? {} : { sensitivity: sensitivityRuns }), ...(projectionSection === undefined ? {} : { projection: projectionSection }) };
}

/** What the report states about a run besides its numbers: known before the network is needed again. */
export interface RunFacts {
  /** The scenario file's name (not its path). */
  readonly source: string;
  readonly seed: Seed;
  readonly replicates: number;
  readonly wordOfMouth: boolean;
  readonly warnings: readonly ScenarioWarning[];
}

function factsOf(prepared: Prepared): RunFacts {
  return {
    source: prepared.source.split(/[\\/]/).pop() || prepared.source,
    seed: prepared.seed,
    replicates: prepared.replicates,
    wordOfMouth: prepared.resolved.spread !== null,
    warnings: prepared.warnings,
  };
}

function finish(file: ScenarioFile, prepared: Prepared, comparison: ComparisonResult, sections: RunSections): ScenarioRun {
  const { network, scenario, policies } = prepared;
  return { ...assembleRun(file, factsOf(prepared), comparison, sections), network, scenario, policies };
}

/**
 * The report of a run from its comparison and sections, with no network: on the machine
 * that ran it, or from parts merged from other machines (`hearsay merge`).
 */
export function assembleRun(
  file: ScenarioFile,
  facts: RunFacts,
  comparison: ComparisonResult,
  sections: RunSections,
): Omit<ScenarioRun, 'network' | 'scenario' | 'policies'> {
  const { source, seed, replicates } = facts;
  const { currency, baseline } = reportLabels(file);
  const be = sections.breakEven;
  let sens: SensitivityResult | undefined;
  if (sections.sensitivity !== undefined) {
    // Every policy against the baseline; the bars anchored at the headline differences.
    const headline = Object.fromEntries(comparison.differences.filter((d) => d.against === baseline).map((d) => [d.policy, d.difference.mean]));
    sens = anchorSensitivity(sections.sensitivity, headline);
  }
  const projection = sections.projection === undefined ? undefined : projectionFromResult(sections.projection.shape, sections.projection.result, sections.projection.assumptions);
  const projectionReplicates = sections.projection?.replicates ?? 0;
  const labels = reportLabels(file);
  const report: ReportData = {
    title: file.name,
    // The file's name only: the path as typed (an absolute path on the author's machine) stays out of a client's report.
    scenario: source.split(/[\\/]/).pop() || source,
    ...(file.description === undefined ? {} : { description: file.description.trim() }),
    ...(file.locale === undefined || file.locale === 'en' ? {} : { locale: file.locale }),
    version: VERSION,
    seed: String(seed),
    replicates,
    ...labels,
    wordOfMouth: facts.wordOfMouth,
    policies: file.policies.map((p) => ({
      name: p.name,
      description: describePolicy(p, currency, file.locale),
      metrics: comparison.summary[p.name]!,
      lostProspectSamples: Array.from(comparison.result.samples![`${p.name}:expectedLostProspects`]!),
    })),
    differences: comparison.differences,
    ...(be === undefined ? {} : { breakEven: be }),
    ...(sens === undefined ? {} : { sensitivity: sens }),
    ...(projection === undefined
      ? {}
      : {
          projection: {
            metric: 'customers',
            rows: projection.rows.map(({ policy, month, metric, mean, p05, p25, p50, p75, p95 }) => ({ policy, month, metric, mean, p05, p25, p50, p75, p95 })),
            assumptions: projection.assumptions.map((a) => `${a.parameter} = ${String(a.value)}${a.measured === true ? ` (${a.source})` : a.isDefault ? ` (default; ${a.source})` : ' (scenario file)'}`),
            replicates: projectionReplicates,
          },
        }),
    ...(facts.warnings.length === 0 ? {} : { warnings: facts.warnings.map((w) => `${w.path}: ${w.message}`) }),
    assumptions: assumptions(file),
  };
  return {
    file,
    warnings: facts.warnings,
    seed,
    replicates,
    comparison,
    ...(be === undefined ? {} : { breakEven: be }),
    ...(sens === undefined ? {} : { sensitivity: sens }),
    ...(projection === undefined ? {} : { projection }),
    report,
  };
}

