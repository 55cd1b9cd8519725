/**
 * Distributions in scenario files: found and checked with every other problem of the file
 * in one pass (each with its path and line), the base case every deterministic part of a
 * run uses (the comparison table, break-even, sensitivity, projection: each distribution at
 * its mean), and the plan of the draws.
 *
 * A file's PSA runs when it holds a distribution, or when `uncertainty: defaults` (or the
 * CLI's `--uncertainty`) places the built-in ones. Its settings come from the
 * `uncertainty` section, overridden by `--draws` and `--replicates-per-draw`.
 */
import { DRAW_METRICS, parameterColumn, policyLinkKey, uncertainModel, drawProblems, groupProblems, modelCheck, planUncertainty, uncertaintyFromResult, uncertaintySettingsSchema, type ModelValue, type UncertainModel, type UncertaintyPlan, type UncertaintyResult } from '../decision/uncertainty.js';
import { withDefaultDistributions } from '../decision/uncertainty-defaults.js';
import type { ComparisonResult } from '../decision/compare.js';
import type { ParameterProblem } from '../errors.js';
import { POLICY_METRICS } from '../measure/kernel.js';
import type { MonteCarloResult } from '../monte-carlo/runner.js';
import type { Network } from '../network/types.js';
import { schemaProblems } from '../parameters/index.js';
import type { Seed } from '../random/rng.js';
import type { ReportAssumption } from '../report/types.js';
import { centralValues, findDistributions, isAtOrBelow, substituteValues } from '../uncertainty/draw.js';
import { scenarioFileSchema, type ScenarioFile } from './schema.js';
import { fileRefusal } from './uncertain-paths.js';

/** Overrides of a file's uncertainty settings (the CLI's flags). */
export interface UncertaintyOverrides {
  /** Draw the built-in defaults' ranges too (`--uncertainty`: as `uncertainty: defaults`). */
  readonly uncertainty?: boolean;
  readonly draws?: number;
  readonly replicatesPerDraw?: number;
}

/** The settings of a file's PSA, with the overrides applied. */
export interface FileUncertaintySettings {
  readonly defaults: boolean;
  readonly draws: number;
  readonly replicatesPerDraw: number;
  readonly groups: Readonly<Record<string, readonly string[]>> | undefined;
}

/** What the checks of a file found about its distributions. */
export interface FileUncertainty {
  /** The file with every distribution at its base-case value (the same object when it has none). */
  readonly base: ScenarioFile;
  readonly problems: readonly ParameterProblem[];
  /** The model to draw, when the file (or the overrides) asks for a PSA and it is sound. */
  readonly model: UncertainModel | undefined;
  readonly settings: FileUncertaintySettings | undefined;
}

const MODEL_KEYS = ['incidents', 'complaints', 'behaviour', 'spread', 'economics', 'policies'] as const;

function pickModel(file: Record<string, unknown>): ModelValue {
  const out: Record<string, unknown> = {};
  for (const key of MODEL_KEYS) if (file[key] !== undefined) out[key] = file[key];
  return out as ModelValue;
}

/** The file's uncertainty settings, or undefined when they are malformed (the schema says how). */
function settingsOf(file: ScenarioFile, overrides: UncertaintyOverrides): FileUncertaintySettings | undefined {
  const section = (file as { uncertainty?: unknown }).uncertainty;
  const parsed = uncertaintySettingsSchema.safeParse(section === 'defaults' ? { defaults: true } : (section ?? {}));
  if (!parsed.success) return undefined;
  return {
    defaults: parsed.data.defaults || overrides.uncertainty === true,
    draws: overrides.draws ?? parsed.data.draws,
    replicatesPerDraw: overrides.replicatesPerDraw ?? parsed.data.replicatesPerDraw,
    groups: parsed.data.groups,
  };
}

/**
 * Every problem of a file, distributions included, in one pass: each distribution checked
 * (its spec, its support against the parameter's range, refused where the value is the
 * same in every draw), then the file's schema on the base case (every rule across fields),
 * then the uncertainty settings (groups name uncertain parameters; a PSA asked for has
 * something to draw). Rules across fields in each draw need the seed and the network: see
 * {@link uncertaintyDrawProblems}.
 */
export function checkUncertainFile(file: ScenarioFile, overrides: UncertaintyOverrides = {}): FileUncertainty {
  const settings = settingsOf(file, overrides);
  const placed = settings?.defaults === true ? withDefaultDistributions(file as unknown as Record<string, unknown>) : { model: file as unknown as Record<string, unknown>, added: [] };
  const found = findDistributions(scenarioFileSchema, placed.model, { refuse: fileRefusal, linkKey: policyLinkKey });
  if (found.locations.length === 0 && placed.added.length === 0) {
    // No distribution anywhere: the file is checked exactly as before.
    const problems = [...schemaProblems(scenarioFileSchema, file), ...settingsProblems(file, overrides, settings, 0)];
    return { base: file, problems, model: undefined, settings: undefined };
  }
  const base = substituteValues(placed.model, found.units, centralValues(found.parameters)) as unknown as ScenarioFile;
  const problems: ParameterProblem[] = [...found.problems, ...schemaProblems(scenarioFileSchema, base).filter((p) => !isAtOrBelow(p.path, found.locations))];
  // Distributions written but refused or malformed are problems already: not "nothing to draw".
  problems.push(...settingsProblems(file, overrides, settings, found.locations.length));
  if (settings !== undefined) problems.push(...groupProblems(settings.groups, found.parameters).map((p) => ({ ...p, path: ['uncertainty', 'groups', ...p.path] })));
  const active = settings !== undefined && found.parameters.length > 0 && found.problems.length === 0;
  const model: UncertainModel | undefined = active
    ? { value: pickModel(placed.model), found, central: pickModel(base as unknown as Record<string, unknown>), defaulted: placed.added }
    : undefined;
  return { base, problems, model, settings: active ? settings : undefined };
}

/** A PSA asked for with nothing to draw, or draws asked for with no PSA. */
function settingsProblems(file: ScenarioFile, overrides: UncertaintyOverrides, settings: FileUncertaintySettings | undefined, parameters: number): ParameterProblem[] {
  if (settings === undefined || parameters > 0) return [];
  const section = (file as { uncertainty?: unknown }).uncertainty;
  const asked = section !== undefined || overrides.uncertainty === true || overrides.draws !== undefined || overrides.replicatesPerDraw !== undefined;
  if (!asked) return [];
  const expected = 'distributions to draw: write a parameter as { dist: … }, or use uncertainty: defaults (--uncertainty) where defaults apply';
  const why = section !== undefined ? 'an uncertainty section' : overrides.uncertainty === true ? '--uncertainty' : '--draws or --replicates-per-draw';
  return [{ path: ['uncertainty'], expected, received: why, message: `expected ${expected}, received ${why} with nothing uncertain` }];
}

/**
 * The rules across fields in each of the draws the run will make (its seed and draws), on
 * the built network (enough customers for every drawn count of incidents).
 */
export function uncertaintyDrawProblems(checked: FileUncertainty, network: Network, seed: Seed): ParameterProblem[] {
  if (checked.model === undefined || checked.settings === undefined) return [];
  return drawProblems(checked.model, seed, checked.settings.draws, modelCheck(network, checked.model));
}

/** The plan of a file's PSA, with `replicates` base-case replicates beside the draws. */
export function fileUncertaintyPlan(checked: FileUncertainty, file: ScenarioFile, replicates: number): UncertaintyPlan | undefined {
  if (checked.model === undefined || checked.settings === undefined) return undefined;
  return planUncertainty(checked.model, {
    draws: checked.settings.draws,
    replicatesPerDraw: checked.settings.replicatesPerDraw,
    replicates,
    baseline: file.baseline ?? (checked.base.policies[0]!.name as string),
    groups: checked.settings.groups,
  });
}

/**
 * The file a compare part carries when its run draws: its seed's run settings folded in
 * (replicates, draws, inner replicates, defaults), so a merge rebuilds the same plan with
 * neither the network nor the flags.
 */
export function partScenario(file: ScenarioFile, checked: FileUncertainty, replicates: number): ScenarioFile {
  if (checked.settings === undefined) return file;
  const { defaults, draws, replicatesPerDraw, groups } = checked.settings;
  return { ...file, replicates, uncertainty: { draws, replicatesPerDraw, defaults, ...(groups === undefined ? {} : { groups }) } } as ScenarioFile;
}

/** The metrics a compare part of this file carries: the policies', or with a PSA the uncertainty kernel's. */
export function compareMetricNames(file: ScenarioFile): readonly string[] {
  const checked = checkUncertainFile(file);
  return planMetricNames(file, fileUncertaintyPlan(checked, file, file.replicates ?? 1000));
}

/**
 * The metrics of a file's comparison run by `plan` (its PSA), or the policies' when it has
 * none, in the order its kernel writes them: the parameters as the kernel finds them in the
 * sections it is given (which may differ from the file's order when defaults are placed).
 */
export function planMetricNames(file: ScenarioFile, plan: UncertaintyPlan | undefined): readonly string[] {
  if (plan === undefined) return file.policies.flatMap((policy) => POLICY_METRICS.map((m) => `${policy.name}:${m}`));
  const names: string[] = [];
  if (plan.kernel.replicates > 0) for (const p of plan.policies) for (const m of POLICY_METRICS) names.push(`${p.name}:${m}`);
  for (const p of plan.policies) for (const m of DRAW_METRICS) names.push(`${p.name}:${m}`);
  const { model } = uncertainModel({ ...plan.kernel.scenario, policies: plan.kernel.policies } as ModelValue);
  for (const q of model.found.parameters) names.push(parameterColumn(q.path));
  return names;
}

/** The comparison and the PSA of a file from its uncertainty run's samples (merged parts included). */
export function fileUncertaintyResult(plan: UncertaintyPlan, result: MonteCarloResult): { comparison: ComparisonResult; uncertainty: UncertaintyResult } {
  const { comparison, uncertainty } = uncertaintyFromResult(plan, result);
  return { comparison: comparison!, uncertainty };
}

/**
 * The report's assumptions with each uncertain parameter shown as its distribution, and
 * where it comes from: the scenario file, or a built-in default's source.
 */
export function uncertainAssumptions(assumptions: readonly ReportAssumption[], uncertainty: UncertaintyResult): ReportAssumption[] {
  const byPath = new Map<string, UncertaintyResult['parameters'][number]>();
  for (const p of uncertainty.parameters) for (const path of p.paths) byPath.set(path.replace(/^policies\[\d+\]/, 'policies[]'), p);
  const out = assumptions.map((a) => {
    const p = byPath.get(a.parameter);
    if (p === undefined) return a;
    byPath.delete(a.parameter);
    return { ...a, value: p.distribution, source: p.isDefault ? p.source : `scenario file${p.source === '' ? '' : `; ${p.source}`}` };
  });
  return out;
}

/** A merged compare part's comparison and PSA, when its scenario draws (else undefined). */
export function mergedUncertainty(file: ScenarioFile, merged: MonteCarloResult): { replicates: number; comparison: ComparisonResult; uncertainty: UncertaintyResult } | undefined {
  const replicates = file.replicates ?? 1000;
  const plan = fileUncertaintyPlan(checkUncertainFile(file), file, replicates);
  if (plan === undefined) return undefined;
  return { replicates, ...fileUncertaintyResult(plan, merged) };
}
