/**
 * `hearsay merge`: combines partial results — from `spread` and `compare` run with
 * `--shard` on the tasks of a job array, or `spread --replicates FROM:TO --partial` by
 * hand — into exactly what one machine prints for the whole run, byte for byte.
 *
 * Every part is checked in full before anything is read from it (checkPartial), then
 * what its kind keeps in `meta` (the seed as given, the model, the scenario, the format),
 * then that the parts belong together; every problem names the file. The output goes
 * through the same code as the command that made the parts (`spreadJson`,
 * `formatComparison`), so it stays identical when that output changes.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { MergeError, describeValue } from '../errors.js';
import { canonicalJson } from '../monte-carlo/fingerprint.js';
import { checkPartial, mergeResults, type MergedResult, type PartialResult } from '../monte-carlo/merge.js';
import { seedKey } from '../random/rng.js';
import { DEFAULT_LIMITS, parseScenario, type ScenarioLimits } from '../scenario-file/parse.js';
import { assembleRun, assembleUncertainRun, comparisonOfReplicates, reportLabels, type RunSections, type ScenarioWarning } from '../scenario-file/run.js';
import { checkUncertainFile, compareMetricNames, fileUncertaintyPlan, mergedUncertainty, planMetricNames, type UncertaintyOverrides } from '../scenario-file/uncertainty.js';
import type { SensitivityRuns } from '../decision/sensitivity.js';
import type { ProjectionAssumption, ResolvedProjection } from '../projection/options.js';
import type { RunPartMeta } from './run-shard.js';
import type { ScenarioFile } from '../scenario-file/schema.js';
import type { ComparePartMeta } from './compare-shard.js';
import { UsageError } from './errors.js';
import { formatComparison, runOutput, sweepOutput, type SweepPartMeta } from './scenario.js';
import { SPREAD_MODELS, SPREAD_PARTIAL_METRICS, spreadJson } from './spread.js';

interface MergeFlags {
  json?: boolean;
  samples?: boolean;
  timing?: boolean;
  format?: 'md' | 'csv' | 'json' | 'html';
  out?: string;
}

/** The kinds of partial results `hearsay merge` prints. */
const KINDS = ['spread', 'compare', 'run', 'sweep'] as const;

export function mergeCommand(): Command {
  return new Command('merge')
    .summary('combine the partial results of one run split across machines')
    .description(
      'Reads partial results written by `hearsay spread|compare|run|sweep ... --shard I/N|auto` (or ' +
        '`hearsay spread ... --replicates FROM:TO --partial`) and prints what one machine prints for ' +
        'the whole run, byte for byte. Refuses malformed parts and parts of different runs (network, ' +
        'model, scenario, seed, version, total), overlaps and gaps, naming the file.',
    )
    .argument('<files...>', 'partial result files (JSON)')
    .option('--json', 'spread parts: print one JSON object (as `spread --json` does)')
    .option('--samples', "spread parts, with --json: add every replicate's count")
    .option('--timing', 'spread parts, with --json: add msPerReplicate (parts written with --timing)')
    .addOption(new Option('--format <format>', 'compare, run and sweep parts: the output format (default: the --format the parts were run with); html for run parts only').choices(['md', 'json', 'csv', 'html']))
    .option('--out <dir>', 'run parts: write the report here (report.html, report.md, charts/, data/, report.json), as `hearsay run --out` does')
    .action((files: string[], flags: MergeFlags) => {
      process.stdout.write(mergeFiles(files, flags));
    });
}

/** What `hearsay merge FILES` prints. */
export function mergeFiles(files: readonly string[], flags: MergeFlags): string {
  const parts = files.map((file) => checkPartial(readJson(file), file));
  const kind = parts[0]!.kind;
  parts.forEach((p, i) => {
    if (!(KINDS as readonly string[]).includes(p.kind)) {
      throw new MergeError(`${files[i]}: kind: expected ${KINDS.map((k) => `"${k}"`).join(', ')} (the partial results hearsay merge prints), received ${describeValue(p.kind)}`);
    }
    if (p.kind !== kind) throw new MergeError(`${files[i]} is a partial result of ${p.kind}, ${files[0]} of ${kind}: only parts of one run can be merged`);
  });
  if (flags.out !== undefined && kind !== 'run') throw new UsageError('--out: for run parts (the report); other parts print on stdout');
  if (kind === 'run') return mergeRun(parts, files, flags);
  if (kind === 'sweep') return mergeSweep(parts, files, flags);
  return kind === 'spread' ? mergeSpread(parts, files, flags) : mergeCompare(parts, files, flags);
}

/** A part's file as JSON: a regular file, read whole; its content is never quoted back. */
function readJson(file: string): unknown {
  let text: string;
  try {
    const fd = openSync(file, 'r');
    try {
      if (!fstatSync(fd).isFile()) throw new UsageError(`${file}: expected a partial result file, received something that is not a regular file`);
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new MergeError(`${file}: expected a partial result (JSON), received text that is not valid JSON (a truncated file, or not a part)`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks `meta` holds exactly `keys` and returns it. */
function metaOf(p: PartialResult, file: string, keys: readonly string[]): Record<string, unknown> {
  const meta = p.meta;
  if (!isRecord(meta)) throw new MergeError(`${file}: meta: expected the settings of the ${p.kind} run (${keys.join(', ')}), received ${describeValue(meta)}`);
  for (const key of Object.keys(meta)) if (!keys.includes(key)) throw new MergeError(`${file}: meta.${key}: expected no setting of this name in a ${p.kind} part`);
  return meta;
}

/** The seed as the user gave it (printed), checked against the part's seed field. */
function seedOf(meta: Record<string, unknown>, p: PartialResult, file: string): number | string {
  const seed = meta.seed;
  const ok = (typeof seed === 'number' && Number.isFinite(seed)) || (typeof seed === 'string' && seed.length > 0);
  if (!ok || seedKey(seed as number | string) !== p.seed) {
    throw new MergeError(`${file}: meta.seed: expected the part's seed (${JSON.stringify(p.seed)}), received ${describeValue(seed)}`);
  }
  return seed as number | string;
}

function sameMetricNames(p: PartialResult, expected: readonly string[], file: string): void {
  if (p.metricNames.length !== expected.length || p.metricNames.some((m, j) => m !== expected[j])) {
    throw new MergeError(`${file}: metricNames: expected ${expected.length} metrics (${expected.slice(0, 3).join(', ')}${expected.length > 3 ? ', …' : ''}), received ${p.metricNames.length} (${p.metricNames.slice(0, 3).join(', ')}${p.metricNames.length > 3 ? ', …' : ''})`);
  }
}

/** Every part's meta must equal the first's (as canonical JSON). */
function sameSettings(texts: readonly string[], files: readonly string[], what: string): void {
  texts.forEach((t, i) => {
    if (t !== texts[0]) throw new MergeError(`${files[i]} was run with a different ${what} from ${files[0]}: only parts of one run can be merged`);
  });
}

function mergeSpread(parts: readonly PartialResult[], files: readonly string[], flags: MergeFlags): string {
  if (flags.format !== undefined) throw new UsageError('--format: for compare parts; spread parts print text, or JSON with --json');
  if (flags.samples && !flags.json) throw new UsageError('--samples: only with --json');
  if (flags.timing && !flags.json) throw new UsageError('--timing: only with --json');
  const settings = parts.map((p, i) => {
    const meta = metaOf(p, files[i]!, ['seed', 'model', 'edges']);
    const seed = seedOf(meta, p, files[i]!);
    if (!(SPREAD_MODELS as readonly unknown[]).includes(meta.model)) {
      throw new MergeError(`${files[i]}: meta.model: expected ${SPREAD_MODELS.map((m) => `"${m}"`).join(', ')}, received ${describeValue(meta.model)}`);
    }
    if (typeof meta.edges !== 'string') throw new MergeError(`${files[i]}: meta.edges: expected the edge list's name, received ${describeValue(meta.edges)}`);
    sameMetricNames(p, SPREAD_PARTIAL_METRICS, files[i]!);
    return { seed, model: meta.model as string, edges: meta.edges };
  });
  const merged = mergeResults(parts, { samples: flags.samples ?? false, labels: files });
  // After the parts' own fields agree: the seed as given (7 or "7") and the model. The
  // edge list's path may differ between machines (the fingerprint covers its content).
  sameSettings(settings.map((s) => canonicalJson({ seed: s.seed, model: s.model })), files, 'seed or model');
  atLeastTwo(merged);
  const { seed, model, edges } = settings[0]!;
  if (flags.timing && !merged.timed) throw new UsageError('--timing: the parts were written without --timing, so their wall time is unknown');
  const json = spreadJson(merged, seed, model, { samples: flags.samples ?? false, timing: flags.timing ?? false });
  if (flags.json) return `${JSON.stringify(json)}\n`;
  const r = json.reached;
  return (
    `hearsay merge · ${files.length} parts, replicates ${merged.range.from}:${merged.range.to} of ${edges}, seed ${JSON.stringify(seed)}\n` +
    `people reached: mean ${r.mean.toFixed(1)} (sd ${r.sd?.toFixed(1) ?? 'n/a'}), 5% ${r.p05} · median ${r.p50} · 95% ${r.p95}\n`
  );
}

function atLeastTwo(merged: MergedResult): void {
  if (merged.replicates < 2) {
    throw new MergeError(`the parts hold ${merged.replicates} replicate: expected at least 2 (a standard error needs two)`);
  }
}

const FORMATS = ['md', 'csv', 'json'] as const;
const LIMIT_KEYS = ['maxPeople', 'maxTies', 'maxReplicates', 'maxFileSize'] as const;

function limitsOf(value: unknown, file: string): ScenarioLimits {
  if (!isRecord(value)) throw new MergeError(`${file}: meta.limits: expected the limits the scenario was checked against, received ${describeValue(value)}`);
  const limits: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!(LIMIT_KEYS as readonly string[]).includes(key)) throw new MergeError(`${file}: meta.limits.${key}: expected no limit of this name`);
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new MergeError(`${file}: meta.limits.${key}: expected a whole number ≥ 1, received ${describeValue(v)}`);
    limits[key] = v;
  }
  return limits;
}

function mergeCompare(parts: readonly PartialResult[], files: readonly string[], flags: MergeFlags): string {
  if (flags.format === 'html') throw new UsageError('--format: html is for run parts; compare parts print md, csv or json');
  if (flags.json || flags.samples || flags.timing) {
    throw new UsageError('--json, --samples, --timing: for spread parts; compare parts print in the format they were run with (--format to choose another)');
  }
  const checked = parts.map((p, i) => {
    const file = files[i]!;
    const meta = metaOf(p, file, ['scenario', 'seed', 'format', 'limits']) as Partial<Record<keyof ComparePartMeta, unknown>>;
    const seed = seedOf(meta, p, file);
    const format = FORMATS.find((f) => f === meta.format);
    if (format === undefined) throw new MergeError(`${file}: meta.format: expected "md", "csv" or "json", received ${describeValue(meta.format)}`);
    const limits = limitsOf(meta.limits, file);
    const maxReplicates = limits.maxReplicates ?? DEFAULT_LIMITS.maxReplicates;
    if (p.total === undefined || p.total > maxReplicates) {
      throw new MergeError(`${file}: total: expected the run's replicates, at most ${maxReplicates}, received ${describeValue(p.total)}`);
    }
    // The scenario is checked again, like every scenario file (its problems name the part).
    const scenario: ScenarioFile = parseScenario(JSON.stringify(meta.scenario ?? null), `${file} (its scenario)`, limits);
    sameMetricNames(p, compareMetricNames(scenario), file);
    return { scenario, seed, format, text: canonicalJson(meta) };
  });
  const merged = mergeResults(parts, { samples: true, labels: files });
  sameSettings(checked.map((c) => c.text), files, 'scenario, seed, format or limits');
  const { scenario, seed, format } = checked[0]!;
  const psa = mergedUncertainty(scenario, merged);
  if (psa !== undefined) return formatComparison({ file: scenario, seed, ...psa, report: reportLabels(scenario) }, flags.format ?? format);
  const comparison = comparisonOfReplicates(scenario, merged, seed);
  return formatComparison({ file: scenario, seed, replicates: merged.replicates, comparison, report: reportLabels(scenario) }, flags.format ?? format);
}

const RUN_FORMATS = ['md', 'csv', 'json', 'html'] as const;

/** The seed before the fingerprint: with another seed the network's roles differ too, and "a different network" would hide why. */
function sameSeed(parts: readonly PartialResult[], files: readonly string[]): void {
  parts.forEach((p, i) => {
    if (p.seed !== parts[0]!.seed) throw new MergeError(`${files[i]} was run with seed ${JSON.stringify(p.seed)}, ${files[0]} with seed ${JSON.stringify(parts[0]!.seed)}: only parts of one run can be merged`);
  });
}

function wholeAtLeast(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** The uncertainty flags a run part was run with. */
function overridesOf(value: unknown, file: string): UncertaintyOverrides {
  if (!isRecord(value)) throw new MergeError(`${file}: meta.overrides: expected the run's uncertainty flags (an object), received ${describeValue(value)}`);
  for (const [key, v] of Object.entries(value)) {
    if (key === 'uncertainty' ? v !== true : key === 'draws' || key === 'replicatesPerDraw' ? !wholeAtLeast(v, 1) : true) {
      throw new MergeError(`${file}: meta.overrides.${key}: expected uncertainty: true, draws or replicatesPerDraw (whole numbers ≥ 1), received ${describeValue(v)}`);
    }
  }
  return value as UncertaintyOverrides;
}

/** What the report states besides its numbers, as the shard found it. */
function factsOf(value: unknown, file: string): { source: string; wordOfMouth: boolean; warnings: ScenarioWarning[] } {
  const bad = (field: string, expected: string, received: unknown): never => {
    throw new MergeError(`${file}: meta.facts${field}: expected ${expected}, received ${describeValue(received)}`);
  };
  if (!isRecord(value)) bad('', 'the file name, word of mouth and warnings of the run', value);
  const f = value as Record<string, unknown>;
  if (typeof f.source !== 'string' || f.source.length === 0) bad('.source', "the scenario file's name", f.source);
  if (typeof f.wordOfMouth !== 'boolean') bad('.wordOfMouth', 'true or false', f.wordOfMouth);
  if (!Array.isArray(f.warnings)) bad('.warnings', 'a list of warnings', f.warnings);
  const warnings = (f.warnings as unknown[]).map((w, i) => {
    if (!isRecord(w) || typeof w.path !== 'string' || typeof w.message !== 'string') bad(`.warnings[${i}]`, '{ path, message }', w);
    return { path: (w as { path: string }).path, message: (w as { message: string }).message };
  });
  return { source: f.source as string, wordOfMouth: f.wordOfMouth as boolean, warnings };
}

/** Checks that `value` is an object whose `numbers` are finite numbers and `texts` strings. */
function shapeOf(value: unknown, where: string, numbers: readonly string[], texts: readonly string[] = []): Record<string, unknown> {
  if (!isRecord(value)) throw new MergeError(`${where}: expected an object, received ${describeValue(value)}`);
  for (const key of numbers) {
    const v = value[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new MergeError(`${where}.${key}: expected a finite number, received ${describeValue(v)}`);
  }
  for (const key of texts) if (typeof value[key] !== 'string') throw new MergeError(`${where}.${key}: expected text, received ${describeValue(value[key])}`);
  return value;
}

/** Each policy's number: an object of finite numbers, one per name. */
function byPolicy(value: unknown, where: string, names: readonly string[]): void {
  shapeOf(value, where, names);
}

function checkBreakEven(value: unknown, where: string): NonNullable<RunSections['breakEven']> {
  const b = shapeOf(value, where, ['value', 'se', 'ci95Low', 'ci95High', 'slope', 'evaluations', 'replicates'], ['parameter']);
  if (!Array.isArray(b.policies) || b.policies.length !== 2 || b.policies.some((p) => typeof p !== 'string')) {
    throw new MergeError(`${where}.policies: expected the two policies' names, received ${describeValue(b.policies)}`);
  }
  return b as unknown as NonNullable<RunSections['breakEven']>;
}

function checkSensitivity(value: unknown, where: string, names: readonly string[]): SensitivityRuns {
  const s = shapeOf(value, where, ['replicates'], ['baseline']);
  if (!Array.isArray(s.names) || s.names.length !== names.length || s.names.some((n, i) => n !== names[i])) {
    throw new MergeError(`${where}.names: expected the scenario's policies (${names.join(', ')}), received ${describeValue(s.names)}`);
  }
  const others = names.filter((n) => n !== s.baseline);
  byPolicy(s.base, `${where}.base`, names.filter((n) => n !== s.baseline));
  if (!Array.isArray(s.swings)) throw new MergeError(`${where}.swings: expected a list, received ${describeValue(s.swings)}`);
  (s.swings as unknown[]).forEach((w, i) => {
    const swing = shapeOf(w, `${where}.swings[${i}]`, ['low', 'high'], ['parameter', 'source']);
    byPolicy(swing.atLow, `${where}.swings[${i}].atLow`, others);
    byPolicy(swing.atHigh, `${where}.swings[${i}].atHigh`, others);
  });
  if (!Array.isArray(s.skipped) || s.skipped.some((k) => !isRecord(k) || typeof k.parameter !== 'string' || typeof k.reason !== 'string')) {
    throw new MergeError(`${where}.skipped: expected a list of { parameter, reason }, received ${describeValue(s.skipped)}`);
  }
  return s as unknown as SensitivityRuns;
}

/** Which part holds a section run whole on one shard: exactly the one expected. */
function wholeSection(parts: readonly PartialResult[], files: readonly string[], name: string, holder: (p: PartialResult) => boolean, wanted: boolean): { part: PartialResult; file: string } | undefined {
  let found: { part: PartialResult; file: string } | undefined;
  parts.forEach((p, i) => {
    const has = (p.meta!.sections as Record<string, unknown>)[name] !== undefined;
    const expected = wanted && holder(p);
    if (has !== expected) {
      throw new MergeError(
        `${files[i]}: meta.sections.${name}: expected ${expected ? `the ${name} (shard ${p.shard!.index} of ${p.shard!.count} runs it)` : `no ${name} (${wanted ? `another shard runs it` : 'the scenario asks for none'})`}, received ${has ? 'one' : 'none'}`,
      );
    }
    if (has) found = { part: p, file: files[i]! };
  });
  return found;
}

/**
 * Merges the parts of `hearsay run --shard`: the comparison's samples, the projection's
 * (a nested partial result in each part), the break-even from the first shard and the
 * sensitivity from the last, into the report one machine writes (the same files, bytes).
 */
function mergeRun(parts: readonly PartialResult[], files: readonly string[], flags: MergeFlags): string {
  if (flags.json || flags.samples || flags.timing) {
    throw new UsageError('--json, --samples, --timing: for spread parts; run parts print the report in the format they were run with (--format to choose another, --out to write its files)');
  }
  const checked = parts.map((p, i) => {
    const file = files[i]!;
    const meta = metaOf(p, file, ['scenario', 'seed', 'replicates', 'overrides', 'format', 'limits', 'facts', 'sections']) as Partial<Record<keyof RunPartMeta, unknown>>;
    if (p.shard === undefined) throw new MergeError(`${file}: shard: expected the shard of the run this part is (hearsay run --shard writes it), received nothing`);
    const seed = seedOf(meta, p, file);
    const format = RUN_FORMATS.find((f) => f === meta.format);
    if (format === undefined) throw new MergeError(`${file}: meta.format: expected "md", "csv", "json" or "html", received ${describeValue(meta.format)}`);
    const limits = limitsOf(meta.limits, file);
    const maxReplicates = limits.maxReplicates ?? DEFAULT_LIMITS.maxReplicates;
    if (!wholeAtLeast(meta.replicates, 2) || meta.replicates > maxReplicates) {
      throw new MergeError(`${file}: meta.replicates: expected the run's replicates, 2 to ${maxReplicates}, received ${describeValue(meta.replicates)}`);
    }
    const overrides = overridesOf(meta.overrides, file);
    const facts = factsOf(meta.facts, file);
    if (!isRecord(meta.sections)) throw new MergeError(`${file}: meta.sections: expected the shard's sections (an object), received ${describeValue(meta.sections)}`);
    for (const key of Object.keys(meta.sections)) {
      if (!['breakEven', 'sensitivity', 'projection'].includes(key)) throw new MergeError(`${file}: meta.sections.${key}: expected no section of this name`);
    }
    // The scenario is checked again, like every scenario file (its problems name the part).
    const scenario: ScenarioFile = parseScenario(JSON.stringify(meta.scenario ?? null), `${file} (its scenario)`, limits);
    const uncertain = checkUncertainFile(scenario, overrides);
    if (uncertain.problems.length > 0) throw new MergeError(`${file}: meta.scenario: expected a scenario that runs, received one with problems (${uncertain.problems[0]!.message})`);
    const plan = fileUncertaintyPlan(uncertain, scenario, meta.replicates);
    const total = plan?.units ?? meta.replicates;
    if (p.total !== total) throw new MergeError(`${file}: total: expected the run's ${plan === undefined ? 'replicates' : 'draws'} (${total}), received ${describeValue(p.total)}`);
    sameMetricNames(p, planMetricNames(scenario, plan), file);
    const { sections: _s, ...settings } = meta;
    void _s;
    return { scenario, seed, format, replicates: meta.replicates, uncertain, plan, facts, text: canonicalJson(settings) };
  });
  sameSeed(parts, files);
  const merged = mergeResults(parts, { samples: true, labels: files });
  sameSettings(checked.map((c) => c.text), files, 'scenario, seed, replicates, uncertainty flags, format, limits or facts');
  const { scenario, seed, format, replicates, uncertain, plan } = checked[0]!;
  const count = parts[0]!.shard!.count;
  // The sections, checked against what the scenario asks for and who runs them.
  const base = plan === undefined ? scenario : uncertain.base;
  const names = base.policies.map((p) => p.name);
  const be = wholeSection(parts, files, 'breakEven', (p) => p.shard!.index === 0, base.breakEven !== undefined);
  const sens = wholeSection(parts, files, 'sensitivity', (p) => p.shard!.index === count - 1, base.sensitivity !== undefined && base.sensitivity !== false);
  let projection: RunSections['projection'];
  if (base.projection !== undefined || parts.some((p) => (p.meta!.sections as Record<string, unknown>).projection !== undefined)) {
    const projected = parts.map((p, i) => {
      const where = `${files[i]}: meta.sections.projection`;
      const section = (p.meta!.sections as Record<string, unknown>).projection;
      if (base.projection === undefined) throw new MergeError(`${where}: expected no projection (the scenario asks for none), received one`);
      if (!isRecord(section)) throw new MergeError(`${where}: expected the shard's projection, received ${describeValue(section)}`);
      for (const key of Object.keys(section)) if (!['params', 'policies', 'assumptions', 'part'].includes(key)) throw new MergeError(`${where}.${key}: expected no field of this name`);
      shapeOf(section.params, `${where}.params`, ['months', 'warningFalseAlarmRate'], ['name']);
      if (!Array.isArray(section.policies) || section.policies.length !== names.length || section.policies.some((n, j) => n !== names[j])) {
        throw new MergeError(`${where}.policies: expected the scenario's policies (${names.join(', ')}), received ${describeValue(section.policies)}`);
      }
      if (!Array.isArray(section.assumptions) || section.assumptions.some((a) => !isRecord(a) || typeof a.parameter !== 'string' || typeof a.source !== 'string')) {
        throw new MergeError(`${where}.assumptions: expected a list of { parameter, value, source }, received ${describeValue(section.assumptions)}`);
      }
      const part = checkPartial(section.part, `${files[i]} (its projection)`);
      if (part.kind !== 'projection') throw new MergeError(`${where}.part.kind: expected "projection", received ${describeValue(part.kind)}`);
      if (part.shard?.index !== p.shard!.index || part.shard.count !== count) {
        throw new MergeError(`${where}.part.shard: expected shard ${p.shard!.index} of ${count}, as the part's, received ${describeValue(part.shard)}`);
      }
      const { part: _p, ...rest } = section;
      void _p;
      return { part, text: canonicalJson(rest), section };
    });
    sameSettings(projected.map((x) => x.text), files, 'projection');
    const result = mergeResults(projected.map((x) => x.part), { samples: true, labels: files.map((f) => `${f} (its projection)`) });
    const first = projected[0]!.section;
    projection = {
      result,
      shape: { params: first.params as ResolvedProjection, policies: names.map((name) => ({ name })), metricNames: result.metricNames },
      assumptions: first.assumptions as ProjectionAssumption[],
      replicates: result.replicates,
    };
  }
  const sections: RunSections = {
    ...(be === undefined ? {} : { breakEven: checkBreakEven((be.part.meta!.sections as Record<string, unknown>).breakEven, `${be.file}: meta.sections.breakEven`) }),
    ...(sens === undefined ? {} : { sensitivity: checkSensitivity((sens.part.meta!.sections as Record<string, unknown>).sensitivity, `${sens.file}: meta.sections.sensitivity`, names) }),
    ...(projection === undefined ? {} : { projection }),
  };
  const facts = { ...checked[0]!.facts, seed, replicates };
  // The seed as given (16, not the parts' text "16"), as one machine's result carries it.
  const result = { ...merged, seed };
  const run = plan === undefined ? assembleRun(scenario, facts, comparisonOfReplicates(scenario, result, seed), sections) : assembleUncertainRun(scenario, uncertain.base, plan, facts, result, sections);
  return runOutput({ ...run, report: run.report }, flags.out, flags.format ?? format);
}

/**
 * Merges the parts of `hearsay sweep --shard`: each part holds the rows of its steps (each
 * step run whole on one machine), so the merge checks they belong together and cover every
 * step once, and prints the rows in step order, as `sweep` does.
 */
function mergeSweep(parts: readonly PartialResult[], files: readonly string[], flags: MergeFlags): string {
  if (flags.json || flags.samples || flags.timing) throw new UsageError('--json, --samples, --timing: for spread parts; sweep parts print csv or json (--format)');
  if (flags.format === 'md' || flags.format === 'html') throw new UsageError(`--format: sweep parts print csv or json, received ${flags.format}`);
  const checked = parts.map((p, i) => {
    const file = files[i]!;
    const meta = metaOf(p, file, ['scenario', 'settings', 'format', 'limits', 'rows']) as Partial<Record<keyof SweepPartMeta, unknown>>;
    if (meta.format !== 'csv' && meta.format !== 'json') throw new MergeError(`${file}: meta.format: expected "csv" or "json", received ${describeValue(meta.format)}`);
    sameMetricNames(p, ['step'], file);
    const count = p.range.to - p.range.from;
    const steps = p.samples.step!;
    steps.forEach((k, j) => {
      if (k !== p.range.from + j) throw new MergeError(`${file}: samples.step[${j}]: expected step ${p.range.from + j}, received ${describeValue(k)}`);
    });
    if (!Array.isArray(meta.rows) || meta.rows.length !== count) throw new MergeError(`${file}: meta.rows: expected the rows of ${count} steps, received ${describeValue(meta.rows)}`);
    (meta.rows as unknown[]).forEach((step, j) => {
      if (!Array.isArray(step) || step.length === 0) throw new MergeError(`${file}: meta.rows[${j}]: expected the rows of step ${p.range.from + j}, received ${describeValue(step)}`);
      (step as unknown[]).forEach((row, r) => {
        const okRow = isRecord(row) && Object.values(row).every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
        if (!okRow) throw new MergeError(`${file}: meta.rows[${j}][${r}]: expected a row of numbers and text, received ${describeValue(row)}`);
      });
    });
    limitsOf(meta.limits, file);
    const { rows: _r, ...settings } = meta;
    void _r;
    return { format: meta.format as 'csv' | 'json', text: canonicalJson(settings), rows: meta.rows as object[][] };
  });
  sameSeed(parts, files);
  mergeResults(parts, { labels: files });
  sameSettings(checked.map((c) => c.text), files, 'scenario, sweep settings, format or limits');
  const order = parts.map((_, i) => i).sort((a, b) => parts[a]!.range.from - parts[b]!.range.from);
  const rows = order.flatMap((i) => checked[i]!.rows.flat());
  return sweepOutput(rows, flags.format ?? checked[0]!.format);
}
