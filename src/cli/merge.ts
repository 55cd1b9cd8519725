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
import { comparisonOfReplicates, reportLabels } from '../scenario-file/run.js';
import { compareMetricNames, mergedUncertainty } from '../scenario-file/uncertainty.js';
import type { ScenarioFile } from '../scenario-file/schema.js';
import type { ComparePartMeta } from './compare-shard.js';
import { UsageError } from './errors.js';
import { formatComparison } from './scenario.js';
import { SPREAD_MODELS, SPREAD_PARTIAL_METRICS, spreadJson } from './spread.js';

interface MergeFlags {
  json?: boolean;
  samples?: boolean;
  timing?: boolean;
  format?: 'md' | 'csv' | 'json';
}

export function mergeCommand(): Command {
  return new Command('merge')
    .summary('combine the partial results of one run split across machines')
    .description(
      'Reads partial results written by `hearsay spread|compare ... --shard I/N|auto` (or ' +
        '`hearsay spread ... --replicates FROM:TO --partial`) and prints what one machine prints for ' +
        'the whole run, byte for byte. Refuses malformed parts and parts of different runs (network, ' +
        'model, scenario, seed, version, total), overlaps and gaps, naming the file.',
    )
    .argument('<files...>', 'partial result files (JSON)')
    .option('--json', 'spread parts: print one JSON object (as `spread --json` does)')
    .option('--samples', "spread parts, with --json: add every replicate's count")
    .option('--timing', 'spread parts, with --json: add msPerReplicate (parts written with --timing)')
    .addOption(new Option('--format <format>', 'compare parts: md, json or csv (default: the --format the parts were run with)').choices(['md', 'json', 'csv']))
    .action((files: string[], flags: MergeFlags) => {
      process.stdout.write(mergeFiles(files, flags));
    });
}

/** What `hearsay merge FILES` prints. */
export function mergeFiles(files: readonly string[], flags: MergeFlags): string {
  const parts = files.map((file) => checkPartial(readJson(file), file));
  const kind = parts[0]!.kind;
  parts.forEach((p, i) => {
    if (p.kind !== 'spread' && p.kind !== 'compare') {
      throw new MergeError(`${files[i]}: kind: expected "spread" or "compare" (the partial results hearsay merge prints), received ${describeValue(p.kind)}`);
    }
    if (p.kind !== kind) throw new MergeError(`${files[i]} is a partial result of ${p.kind}, ${files[0]} of ${kind}: only parts of one run can be merged`);
  });
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
    // The scenario is checked again, as any scenario file is (its problems name the part).
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
