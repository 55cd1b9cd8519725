/**
 * From a validated scenario file to results: build the network, assign roles, compare
 * the policies on common random numbers, find the break-even and the sensitivity when
 * asked, and assemble the report's data. Core code: reading files is the caller's
 * (the CLI passes `readText`), so this runs in browsers too.
 */
import { GraphStructureError, ScenarioError, type ParameterProblem, HearsayError, InvalidParameterError, formatPath } from '../errors.js';
import { breakEven, comparePolicies, comparisonFromResult, type BreakEvenResult, type ComparisonResult } from '../decision/compare.js';
import { sensitivity, type SensitivityResult, type SensitivitySpec } from '../decision/sensitivity.js';
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
import { projectChurn, resolveProjectionOptions, type ProjectionResult } from '../projection/index.js';
import type { ReportAssumption, ReportData } from '../report/types.js';
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

function describePolicy(p: ScenarioFile['policies'][number], currency: string): string {
  if (p.description !== undefined) return p.description;
  switch (p.decision) {
    case 'full-refund':
      return 'refund the amount at stake';
    case 'repair-or-replace':
      return `repair or replace${p.repairCost === undefined ? '' : ` (costs ${p.repairCost} ${currency})`}`;
    case 'partial-credit':
      return `grant a credit of ${p.credit} ${currency}`;
    case 'refuse':
      return 'refuse';
    case 'refuse-with-fee':
      return `refuse and bill a ${p.fee} ${currency} fee`;
    case 'apology-only':
      return 'apologise, nothing more';
    default:
      return `refund plus a ${p.credit} ${currency} gesture`;
  }
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
    return withUncertainty(file, p, result);
  }
  const comparison = comparePolicies(p.scenario, p.policies, { seed: p.seed, replicates: p.replicates, onProgress: p.progress('policies') });
  return finish(file, p, comparison);
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
  if (p.psa !== undefined) return withUncertainty(file, p, result);
  return finish(file, p, comparisonOfReplicates(file, result, p.seed));
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
function withUncertainty(file: ScenarioFile, p: Prepared, result: MonteCarloResult): ScenarioRun {
  const { comparison, uncertainty } = fileUncertaintyResult(p.psa!, result);
  const run = finish(p.uncertain.base, p, comparison);
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

function finish(file: ScenarioFile, prepared: Prepared, comparison: ComparisonResult): ScenarioRun {
  const { source, seed, replicates, network, scenario, policies, progress } = prepared;
  const byName = (name: string) => policies.find((p) => p.name === name)!;
  const breakEvenReplicates = Math.min(replicates, BREAK_EVEN_REPLICATES);
  let be: ScenarioRun['breakEven'];
  if (file.breakEven !== undefined) {
    const pair = file.breakEven.policies;
    let r: BreakEvenResult;
    try {
      r = breakEven(scenario, [byName(pair[0]), byName(pair[1])], {
        parameter: file.breakEven.parameter,
        low: file.breakEven.low,
        high: file.breakEven.high,
        seed,
        replicates: breakEvenReplicates,
      });
    } catch (error) {
      // e.g. a range in which the two policies never swap places: name the file's section.
      if (error instanceof InvalidParameterError) throw new ScenarioError(source, [{ path: 'breakEven', message: error.message }]);
      throw error;
    }
    be = { ...r, policies: pair, replicates: breakEvenReplicates };
  }
  let sens: SensitivityResult | undefined;
  const { currency, baseline } = reportLabels(file);
  if (file.sensitivity !== undefined && file.sensitivity !== false) {
    // Every policy against the baseline; the bars anchored at the headline differences.
    const headline = Object.fromEntries(comparison.differences.filter((d) => d.against === baseline).map((d) => [d.policy, d.difference.mean]));
    sens = sensitivity(scenario, policies, {
      seed,
      replicates: Math.min(replicates, SENSITIVITY_REPLICATES),
      baseline,
      headline,
      ...(Array.isArray(file.sensitivity) ? { parameters: file.sensitivity as SensitivitySpec[] } : {}),
    });
  }
  let projection: ProjectionResult | undefined;
  const projectionReplicates = file.projection?.replicates ?? Math.min(replicates, PROJECTION_REPLICATES);
  if (file.projection !== undefined) {
    const { replicates: _r, ...rest } = file.projection;
    void _r;
    projection = projectChurn(scenario, policies, {
      ...(rest as object),
      seed,
      replicates: projectionReplicates,
      name: file.name,
      onProgress: progress('projection'),
    } as Parameters<typeof projectChurn>[2]);
  }
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
    wordOfMouth: prepared.resolved.spread !== null,
    policies: file.policies.map((p) => ({
      name: p.name,
      description: describePolicy(p, currency),
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
    ...(prepared.warnings.length === 0 ? {} : { warnings: prepared.warnings.map((w) => `${w.path}: ${w.message}`) }),
    assumptions: assumptions(file),
  };
  return {
    file,
    warnings: prepared.warnings,
    network,
    scenario,
    policies,
    seed,
    replicates,
    comparison,
    ...(be === undefined ? {} : { breakEven: be }),
    ...(sens === undefined ? {} : { sensitivity: sens }),
    ...(projection === undefined ? {} : { projection }),
    report,
  };
}

