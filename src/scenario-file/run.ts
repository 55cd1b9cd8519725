/**
 * From a validated scenario file to results: build the network, assign roles, compare
 * the policies on common random numbers, find the break-even and the sensitivity when
 * asked, and assemble the report's data. Core code: reading files is the caller's
 * (the CLI passes `readText`), so this runs in browsers too.
 */
import Graph from 'graphology';
import { ScenarioError, type ParameterProblem, HearsayError, InvalidParameterError } from '../errors.js';
import { breakEven, comparePolicies, comparisonFromResult, sensitivity, type BreakEvenResult, type ComparisonResult, type SensitivitySpec, type TornadoRow } from '../decision/compare.js';
import type { PolicySpec } from '../experience/policy.js';
import { resolvePolicies } from '../experience/policy.js';
import { resolveScenario, type ResolvedScenario } from '../measure/scenario.js';
import type { KernelSpec } from '../kernels/registry.js';
import type { MonteCarloResult, ReplicateRange } from '../monte-carlo/runner.js';
import type { Scenario } from '../measure/scenario.js';
import { parseEdgeList } from '../network/edge-list.js';
import { barabasiAlbert } from '../network/generators/barabasi-albert.js';
import { erdosRenyiGnm } from '../network/generators/erdos-renyi-gnm.js';
import { erdosRenyiGnp } from '../network/generators/erdos-renyi-gnp.js';
import { groups } from '../network/generators/groups.js';
import { randomRegular } from '../network/generators/random-regular.js';
import { wattsStrogatz } from '../network/generators/watts-strogatz.js';
import { fromGraphology } from '../network/graphology.js';
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
  /** Reads a network file named in the scenario (relative paths are the caller's to resolve). */
  readonly readText?: (path: string) => string;
  /** Names the scenario in messages and the report. */
  readonly source?: string;
  readonly limits?: ScenarioLimits;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

export interface ScenarioRun {
  readonly file: ScenarioFile;
  readonly network: Network;
  readonly scenario: Scenario;
  readonly policies: readonly PolicySpec[];
  readonly seed: Seed;
  readonly replicates: number;
  readonly comparison: ComparisonResult;
  readonly breakEven?: BreakEvenResult & { readonly policies: readonly [string, string] };
  readonly sensitivity?: { readonly base: number; readonly outcome: string; readonly rows: readonly TornadoRow[] };
  readonly projection?: ProjectionResult;
  /** With distributions (or `uncertainty: defaults`): the PSA; `comparison` is then the base case's. */
  readonly uncertainty?: UncertaintyResult;
  readonly report: ReportData;
}

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
        problem(source, 'network.file', `expected a readable file, received ${JSON.stringify(path)} (${(error as { code?: string }).code ?? (error as Error).message})`);
      }
      const policy = {
        directed: (spec.directed as boolean | undefined) ?? false,
        onDuplicate: (spec.onDuplicate as 'error' | 'drop' | undefined) ?? 'error',
        onSelfLoop: (spec.onSelfLoop as 'error' | 'drop' | undefined) ?? 'error',
      };
      if (path.toLowerCase().endsWith('.json')) {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          problem(source, 'network.file', `expected a graphology JSON export, received text that is not JSON (${path})`);
        }
        const graph = Graph.from(json as never);
        network = fromGraphology(graph, { onDuplicate: policy.onDuplicate, onSelfLoop: policy.onSelfLoop, ...(policy.directed ? { directed: true } : {}) });
      } else {
        network = parseEdgeList(text, { ...policy, source: path });
      }
    } else {
      const g = spec.generator as string;
      const { generator: _ignored, ...params } = spec;
      void _ignored;
      const withSeed = { ...params, seed: networkSeed } as never;
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
    if (error instanceof InvalidParameterError) problem(source, `network.${error.field}`, `expected ${error.expected}, received ${JSON.stringify(error.received) ?? String(error.received)}`);
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
  const fileProblems = [...uncertain.problems, ...limitProblems(file, limits)];
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
  const psa = fileUncertaintyPlan(uncertain, file, replicates);
  return { source, seed, replicates, network, scenario, resolved: resolved!, policies, progress, uncertain, psa };
}

/** What {@link checkScenario} found: the file is valid, and what it describes. */
export interface ScenarioCheck {
  readonly network: Network;
  readonly policies: readonly string[];
  readonly replicates: number;
}

/**
 * Runs every check a run makes, without simulating: `hearsay validate`.
 * @throws {ScenarioError} listing every problem with its path and line.
 */
export function checkScenario(file: ScenarioFile, options: RunScenarioOptions = {}): ScenarioCheck {
  const p = prepare(file, options);
  return { network: p.network, policies: p.policies.map((x) => x.name), replicates: p.replicates };
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
  return comparisonFromResult(null, resolvePolicies(policiesOf(file)), result, { seed });
}

/** A run with a PSA: the base case's comparison and report, with the draws' answers added. */
function withUncertainty(file: ScenarioFile, p: Prepared, result: MonteCarloResult): ScenarioRun {
  const { comparison, uncertainty } = fileUncertaintyResult(p.psa!, result);
  const run = finish(p.uncertain.base, p, comparison);
  return { ...run, file, uncertainty, report: { ...run.report, uncertainty, assumptions: uncertainAssumptions(assumptions(file), uncertainty) } };
}

/** The currency and the baseline policy a run names (in its report and its comparison). */
export function reportLabels(file: ScenarioFile): { readonly currency: string; readonly baseline: string } {
  return { currency: file.currency ?? 'kr', baseline: file.baseline ?? file.policies[0]!.name };
}

function finish(file: ScenarioFile, prepared: Prepared, comparison: ComparisonResult): ScenarioRun {
  const { source, seed, replicates, network, scenario, policies, progress } = prepared;
  const byName = (name: string) => policies.find((p) => p.name === name)!;
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
        replicates: Math.min(replicates, 500),
      });
    } catch (error) {
      // e.g. a range in which the two policies never swap places: name the file's section.
      if (error instanceof InvalidParameterError) throw new ScenarioError(source, [{ path: 'breakEven', message: error.message }]);
      throw error;
    }
    be = { ...r, policies: pair };
  }
  let sens: ScenarioRun['sensitivity'];
  if (file.sensitivity !== undefined && file.sensitivity !== false) {
    const baseline = file.baseline ?? policies[0]!.name;
    const other = policies.find((p) => p.name !== baseline);
    const pair = other === undefined ? [byName(baseline)] : [other, byName(baseline)];
    // A path `policies[i]…` names the file's policy i; the sensitivity runs on the pair,
    // whose order differs, so the index is translated to the policy's place in the pair.
    const filePath = new Map<string, string>();
    const parameters = Array.isArray(file.sensitivity)
      ? (file.sensitivity as SensitivitySpec[]).map((spec, k) => {
          const m = /^policies\[(\d+)\]/.exec(spec.path);
          if (m === null) return spec;
          const named = policies[Number(m[1])];
          const at = named === undefined ? -1 : pair.indexOf(named);
          if (at < 0) {
            problem(
              source,
              `sensitivity[${k}].path`,
              `expected a path into one of the compared policies (${pair.map((q) => JSON.stringify(q.name)).join(', ')}), received ${JSON.stringify(spec.path)}`,
            );
          }
          const path = `policies[${at}]${spec.path.slice(m[0].length)}`;
          filePath.set(path, spec.path);
          return { ...spec, path };
        })
      : undefined;
    const r = sensitivity(scenario, pair, {
      seed,
      replicates: Math.min(replicates, 200),
      ...(parameters === undefined ? {} : { parameters }),
    });
    sens = { ...r, rows: r.rows.map((row) => ({ ...row, parameter: filePath.get(row.parameter) ?? row.parameter })), outcome: other === undefined ? `net value of ${baseline}` : `net value of ${other.name} minus ${baseline}` };
  }
  let projection: ProjectionResult | undefined;
  if (file.projection !== undefined) {
    const { replicates: projectionReplicates, ...rest } = file.projection;
    projection = projectChurn(scenario, policies, {
      ...(rest as object),
      seed,
      replicates: projectionReplicates ?? Math.min(replicates, 200),
      name: file.name,
      onProgress: progress('projection'),
    } as Parameters<typeof projectChurn>[2]);
  }
  const { currency, baseline } = reportLabels(file);
  const report: ReportData = {
    title: file.name,
    scenario: source,
    version: VERSION,
    seed: String(seed),
    replicates,
    currency,
    baseline,
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
            assumptions: projection.assumptions.map((a) => `${a.parameter} = ${String(a.value)}${a.isDefault ? ` (default; ${a.source})` : ' (scenario file)'}`),
          },
        }),
    assumptions: assumptions(file),
  };
  return {
    file,
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

