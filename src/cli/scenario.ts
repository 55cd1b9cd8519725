/**
 * The scenario commands: validate, schema, run, compare, sweep, generate, examples.
 */
import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { summaryRow as tidyRow } from '../decision/compare.js';
import { ScenarioError } from '../errors.js';
import { formatEdgeList } from '../network/edge-list.js';
import { edgeCount } from '../network/types.js';
import { VALUE_PARTS } from '../economics/valuation.js';
import type { MetricSummary } from '../monte-carlo/summary.js';
import { formatMoney, formatNumber, formatPercent, moneyDecimals } from '../report/format.js';
import { renderHtmlReport, renderMarkdownReport, reportCharts, reportTables, toCsv } from '../report/index.js';
import { LOCALES, type Locale } from '../report/locale/index.js';
import { COUNTERFACTUAL, PART_LABELS, breakEvenSentence, incidentsPhrase } from '../report/wording.js';
import { GENERATOR_NAMES } from '../network/specs.js';
import { DEFAULT_LIMITS, parseScenario, readScenario, type ScenarioLimits } from '../scenario-file/parse.js';
import { parameterRows, parameterTableMarkdown, parameterTableText } from '../scenario-file/parameters.js';
import { buildNetwork, checkScenario, describePolicies, runScenarioAsync, type PolicyReplicateRunner, type RunScenarioOptions, type ScenarioRun, type ScenarioWarning } from '../scenario-file/run.js';
import { scenarioJsonSchema, type ScenarioFile } from '../scenario-file/schema.js';
import { UsageError, writeFailure } from './errors.js';
import { FileRefusedError, MAX_TEXT_LENGTH, defaultMaxNetworkBytes, readRegularFile, readScenarioNetworkFile } from './files.js';
import { withLines } from './lines.js';
import { checkUncertainFile } from '../scenario-file/uncertainty.js';
import { uncertaintyCsvRows, uncertaintyJson, uncertaintyMarkdown } from '../report/uncertainty.js';
import { positiveIntArg, seedArg } from './options.js';
import { writeReportFolder } from './report-files.js';
import { reportTooLarge } from './report-size.js';
import { DEFAULT_WORKERS, pooledRunner, progressReporter, workersArg } from './run.js';
import { comparePartial } from './compare-shard.js';
import { runPartial } from './run-shard.js';
import { shardOf, type ShardFlags } from './shard.js';
import { canonicalJson, textFingerprint } from '../monte-carlo/fingerprint.js';
import { PARTIAL_FORMAT, type PartialResult } from '../monte-carlo/merge.js';
import { shardRange } from '../monte-carlo/shards.js';
import { seedKey } from '../random/rng.js';
import { VERSION } from '../version.js';

/** Bundled scenarios, beside the built CLI: dist/cli → examples/scenarios. */
const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/scenarios/', import.meta.url));

type Format = 'json' | 'csv' | 'md' | 'html';

/** Flags of the commands that read a scenario and its network. */
interface FileFlags {
  maxPeople?: number;
  maxTies?: number;
  maxReplicates?: number;
  maxNetworkBytes?: number;
  allowFilesOutside?: boolean;
}

interface CommonFlags extends FileFlags {
  seed?: number | string;
  uncertainty?: boolean;
  draws?: number;
  replicatesPerDraw?: number;
  workers?: number;
  replicates?: number;
  quiet?: boolean;
}

/** A scenario file read and checked: the file, its folder, and its text (for the lines of later problems). */
interface ScenarioInput {
  readonly path: string;
  readonly file: ScenarioFile;
  readonly dir: string;
  readonly text: string;
}

function readScenarioFile(path: string, limits: ScenarioLimits): ScenarioInput {
  let text: string;
  try {
    // A scenario is small: a FIFO or a device is refused at once, and no more than the size limit is read.
    text = readRegularFile(path, { maxBytes: limits.maxFileSize ?? DEFAULT_LIMITS.maxFileSize });
  } catch (error) {
    throw new UsageError(`${path}: cannot read the scenario file (${error instanceof FileRefusedError ? error.reason : String(error)})`);
  }
  // Read only: every check (the file's and its network's) runs in one pass when the scenario is prepared.
  return { path, file: readScenario(text, path, limits), dir: dirname(resolve(path)), text };
}

function limitsOf(flags: FileFlags): ScenarioLimits {
  return {
    ...(flags.maxPeople === undefined ? {} : { maxPeople: flags.maxPeople }),
    ...(flags.maxTies === undefined ? {} : { maxTies: flags.maxTies }),
    ...(flags.maxReplicates === undefined ? {} : { maxReplicates: flags.maxReplicates }),
  };
}

/** How a scenario's network file is read: inside the scenario's folder, regular, at most --max-network-bytes. */
function networkReader(input: ScenarioInput, flags: FileFlags): (name: string) => string {
  const maxBytes = flags.maxNetworkBytes ?? defaultMaxNetworkBytes(flags.maxTies ?? DEFAULT_LIMITS.maxTies);
  return (name) => readScenarioNetworkFile(input.dir, name, { allowOutside: flags.allowFilesOutside ?? false, maxBytes });
}

/** Warnings go to stderr, one a line: `warning: policies[0].fee: …`. */
function printWarnings(warnings: readonly ScenarioWarning[]): void {
  for (const w of warnings) process.stderr.write(`warning: ${w.path}: ${w.message}\n`);
}

/** Runs `work`, giving a problem found after parsing (building the network, running) its line in the file. */
async function withFileLines<T>(input: ScenarioInput, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ScenarioError) throw withLines(error, input.text);
    throw error;
  }
}

function checkReplicates(flags: CommonFlags, limits: ScenarioLimits): void {
  const max = limits.maxReplicates ?? DEFAULT_LIMITS.maxReplicates;
  if (flags.replicates !== undefined && flags.replicates > max) {
    throw new UsageError(`--replicates: expected at most ${max} (raise it with --max-replicates), received ${flags.replicates}`);
  }
}

async function execute(path: string, flags: CommonFlags, options: { readonly report?: boolean } = {}): Promise<ScenarioRun> {
  const run = await withScenario(path, flags, runScenarioAsync, options);
  printWarnings(run.warnings);
  return run;
}

/** Reads a scenario file, then runs `run` on it with the flags' settings, its network reader and progress. */
async function withScenario<T>(
  path: string,
  flags: CommonFlags,
  run: (file: ScenarioFile, options: RunScenarioOptions & { readonly runReplicates: PolicyReplicateRunner }) => Promise<T>,
  options: { readonly report?: boolean } = {},
): Promise<T> {
  const limits = limitsOf(flags);
  const input = readScenarioFile(path, limits);
  const { file } = input;
  checkReplicates(flags, limits);
  if (options.report) {
    const tooLarge = reportTooLarge(file.policies.map((p) => p.name), flags.replicates ?? file.replicates ?? 1000);
    if (tooLarge !== null) throw new UsageError(tooLarge);
  }
  const progress = progressReporter(flags.quiet ?? false);
  const pool = pooledRunner(flags.workers ?? DEFAULT_WORKERS);
  try {
    return await withFileLines(input, () =>
      run(file, {
        source: path,
        limits,
        readText: networkReader(input, flags),
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        ...(flags.replicates === undefined ? {} : { replicates: flags.replicates }),
        ...uncertaintyFlags(flags),
        onProgress: (stage, done, total) => progress.update(done, total, stage),
        // Every replicate of the run on worker threads started once (or this thread with --workers 0).
        runReplicates: (network, spec, options) => pool.run(network, spec, options),
      }),
    );
  } finally {
    progress.done();
    await pool.close();
  }
}

/** Replicates where a standard error is shown: at least 2. */
function replicateCountArg(value: string): number {
  const n = positiveIntArg(value);
  if (n < 2) throw new InvalidArgumentError('expected a whole number ≥ 2 (a standard error needs at least 2 replicates).');
  return n;
}

/** --uncertainty, --draws, --replicates-per-draw as run options. */
function uncertaintyFlags(flags: CommonFlags): { uncertainty?: boolean; draws?: number; replicatesPerDraw?: number } {
  return {
    ...(flags.uncertainty === true ? { uncertainty: true } : {}),
    ...(flags.draws === undefined ? {} : { draws: flags.draws }),
    ...(flags.replicatesPerDraw === undefined ? {} : { replicatesPerDraw: flags.replicatesPerDraw }),
  };
}

/** The flags of a run with parameter uncertainty (run, compare). */
function uncertaintyOptions(command: Command): Command {
  return command
    .option('--uncertainty', "draw the built-in defaults' sourced ranges too (as uncertainty: defaults), and run the PSA")
    .option('--draws <n>', "override the scenario's parameter draws (uncertainty.draws)", positiveIntArg)
    .option('--replicates-per-draw <m>', "override the replicates of every policy in each draw (uncertainty.replicatesPerDraw)", positiveIntArg);
}

function networkBytesArg(value: string): number {
  const n = positiveIntArg(value);
  if (n > MAX_TEXT_LENGTH) throw new InvalidArgumentError(`expected at most ${MAX_TEXT_LENGTH} (the longest text Node can hold).`);
  return n;
}

/** The flags of every command that reads a scenario file and its network. */
function fileOptions(command: Command): Command {
  return command
    .option('--max-people <n>', `refuse networks larger than this (default ${DEFAULT_LIMITS.maxPeople})`, positiveIntArg)
    .option('--max-ties <n>', `refuse networks with more ties than this, before building them (default ${DEFAULT_LIMITS.maxTies})`, positiveIntArg)
    .option('--max-replicates <n>', `refuse more replicates than this (default ${DEFAULT_LIMITS.maxReplicates})`, positiveIntArg)
    .option(
      '--max-network-bytes <n>',
      `refuse a network file larger than this (default: 10 bytes per tie of --max-ties, ${defaultMaxNetworkBytes(DEFAULT_LIMITS.maxTies)})`,
      networkBytesArg,
    )
    .option('--allow-files-outside', "read network.file even where it leaves the scenario's folder (an absolute path, .., a symbolic link)");
}

function commonOptions(command: Command): Command {
  return fileOptions(
    command
      .option('--seed <s>', "override the scenario's seed", seedArg)
      .option('--replicates <r>', "override the scenario's replicates (at least 2)", replicateCountArg)
      .option('--quiet', 'no progress on stderr')
      .option('--workers <n>', 'worker threads for the policy replicates (0: this thread)', workersArg, DEFAULT_WORKERS),
  );
}

/** What `compare` prints: from a run, or from parts merged from other machines (`hearsay merge`). */
export type ComparisonView = Pick<ScenarioRun, 'seed' | 'replicates' | 'comparison' | 'uncertainty'> & {
  readonly file: Pick<ScenarioFile, 'name'>;
  readonly report: Pick<ScenarioRun['report'], 'currency' | 'baseline' | 'incidents' | 'economics'>;
};

/** `compare`'s output in each format; `merge` prints merged compare parts through it too. */
export function formatComparison(run: ComparisonView, format: 'md' | 'csv' | 'json'): string {
  if (format === 'md') return comparisonMarkdown(run);
  if (format === 'csv') return comparisonCsv(run);
  return `${JSON.stringify({ policies: run.comparison.policies, rows: run.comparison.rows, differences: run.comparison.differences, ...(run.uncertainty === undefined ? {} : { uncertainty: uncertaintyJson(run.uncertainty) }) })}\n`;
}

/**
 * The comparison as a reader takes it in: first the decision — each policy against the
 * baseline, per incident and for the scenario's incidents, its parts, and the value of a
 * lost person at which the two are worth the same — then what the incidents cost.
 */
function comparisonMarkdown(run: ComparisonView): string {
  const c = run.report.currency;
  const baseline = run.report.baseline;
  const incidents = run.report.incidents;
  const per = incidentsPhrase(incidents);
  const money = (x: number | null | undefined, d = 0) => formatMoney(x, c, d);
  const signed = (x: number, d = 0) => `${x > 0 ? '+' : ''}${money(x, d)}`;
  const lines = [`# ${run.file.name}`, '', `${formatNumber(run.replicates, 0)} simulated runs of the same incidents, seed ${String(run.seed)}; money in ${c}.`];
  const diffs = run.comparison.differences.filter((d) => d.against === baseline);
  if (diffs.length > 0) {
    lines.push('', `## Against "${baseline}" (current practice)`, '');
    for (const d of diffs) {
      const s = d.difference;
      const pi = d.perIncident;
      const dec = pi === null ? 0 : moneyDecimals(pi.mean, pi.ci95Low, pi.ci95High);
      const ci = s.ci95Low === null || s.ci95High === null ? '' : ` (95% CI ${money(s.ci95Low)} to ${money(s.ci95High)})`;
      lines.push(
        `- **${d.policy}**: ${pi === null ? '' : `${signed(pi.mean, dec)} per incident, `}${signed(s.mean)} ${per}${ci}; better in ${formatPercent(d.probabilityBetter)} of runs.`,
      );
      const parts = VALUE_PARTS.filter((k) => d.parts[k] !== 0).map((k) => `${PART_LABELS[k]} ${signed(d.parts[k])}`);
      if (parts.length > 0) lines.push(`  - where it comes from: ${parts.join('; ')}.`);
      lines.push(`  - ${breakEvenSentence(d, run.report)}`);
      const other = run.report.economics.lossValuation === 'lifetime-value' ? d.valuations.replacement : d.valuations['lifetime-value'];
      if (other !== null) {
        const name = run.report.economics.lossValuation === 'lifetime-value' ? 'replacement cost' : 'lifetime value';
        lines.push(`  - valuing a lost person at ${name} (${money(other.lossValue)}) instead: ${signed(other.difference.mean)} ${per}, better in ${formatPercent(other.probabilityBetter)} of runs.`);
      } else {
        lines.push('  - the replacement valuation is left out: the scenario gives no economics.acquisitionCost.');
      }
    }
  }
  lines.push(
    '',
    `## What the incidents cost ${per}`,
    '',
    COUNTERFACTUAL,
    '',
    '| policy | cost | 95% CI | customers lost | prospects lost | complaints seen | silent unhappy |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const name of run.comparison.policies) {
    const s = run.comparison.summary[name]!;
    const cost = s.incidentCost!;
    lines.push(
      `| ${name} | ${money(cost.mean)} | ${cost.ci95Low === null || cost.ci95High === null ? 'n/a' : `${money(cost.ci95Low)} to ${money(cost.ci95High)}`} | ${formatNumber(s.directChurn!.mean + s.expectedChurnedCustomers!.mean, 1)} | ${formatNumber(s.expectedLostProspects!.mean, 2)} | ${formatNumber(s.complaints!.mean, 1)} | ${formatNumber(s.silentUnhappy!.mean, 1)} |`,
    );
  }
  return `${lines.join('\n')}\n${run.uncertainty === undefined ? '' : `\n${uncertaintyMarkdown(run.uncertainty, c, per)}`}`;
}

/** The report in another language (English: no locale field, as a file without one). */
function withReportLocale(run: ScenarioRun, locale: Locale): ScenarioRun['report'] {
  const { locale: _old, ...report } = run.report;
  void _old;
  // The policies the file does not describe are described in the report's language.
  const descriptions = describePolicies(run.file, locale);
  const rest = { ...report, policies: report.policies.map((p, i) => ({ ...p, description: descriptions[i]! })) };
  return locale === 'en' ? rest : { ...rest, locale };
}

/** What a run prints: with --out, the comparison and the files written; else the report in --format. `merge` prints merged run parts through it too. */
export function runOutput(run: ComparisonView & Pick<ScenarioRun, 'report'>, out: string | undefined, format: Format, csv: 'plain' | 'excel' = 'plain'): string {
  if (out !== undefined) {
    const files = writeReport(run, out, csv);
    return `${comparisonMarkdown(run)}\nwrote ${files.length} files to ${out}/ (open ${join(out, 'report.html')})\n`;
  }
  if (format === 'html') return renderHtmlReport(run.report);
  if (format === 'md') return renderMarkdownReport(run.report);
  if (format === 'json') return `${JSON.stringify(run.report)}\n`;
  return comparisonCsv(run);
}

/** What a sweep part keeps in `meta`: the scenario, the sweep's settings, and the rows of each of its steps. */
export type SweepPartMeta = {
  readonly scenario: unknown;
  readonly settings: { readonly parameter: string; readonly from: number; readonly to: number; readonly steps: number; readonly seed?: number | string; readonly replicates?: number };
  readonly format: 'json' | 'csv';
  readonly limits: ScenarioLimits;
  readonly rows: readonly (readonly object[])[];
};

/** The rows of one step of a sweep: the comparison's headline metrics and the differences against the baseline. */
function sweepRows(result: ScenarioRun, parameter: string, value: number): object[] {
  const rows: object[] = [];
  const metrics = ['netValue', 'expectedLostProspects', 'directChurn', 'womChurn', 'moneyKept', 'complaints'];
  for (const r of result.comparison.rows) if (metrics.includes(r.metric)) rows.push({ parameter, value, ...r });
  for (const d of differenceRows(result)) rows.push({ parameter, value, ...d });
  return rows;
}

/** What a sweep prints; `merge` prints merged sweep parts through it too. */
export function sweepOutput(rows: readonly object[], format: 'json' | 'csv'): string {
  return format === 'csv' ? toCsv(rows, { columns: ['parameter', 'value', ...COMPARISON_COLUMNS] }) : `${JSON.stringify(rows)}\n`;
}

/** --shard and --shards, as run, compare and sweep take them. */
function shardOptions(command: Command, what: string): Command {
  return command
    .option('--shard <I/N|auto>', what)
    .option('--shards <n>', 'with --shard auto: the number of shards, where the scheduler does not say (Kubernetes, AWS Batch)', positiveIntArg);
}

/** Every file of the report, rendered (nothing is written before all of it is ready). */
function renderReportFiles(run: Pick<ScenarioRun, 'report'>, csv: 'plain' | 'excel' = 'plain'): Map<string, string> {
  const files = new Map<string, string>();
  files.set('report.html', renderHtmlReport(run.report));
  files.set('report.md', renderMarkdownReport(run.report));
  // Chart names are paths relative to report.md (charts/…svg), as the Markdown links them.
  for (const [name, svg] of Object.entries(reportCharts(run.report))) files.set(name, svg);
  const csvOptions = csv === 'excel' ? { flavour: 'excel' as const, locale: run.report.locale ?? 'en' } : {};
  for (const [name, rows] of Object.entries(reportTables(run.report))) files.set(`data/${name}.csv`, toCsv(rows as object[], csvOptions));
  files.set('report.json', `${JSON.stringify(run.report, null, 2)}\n`);
  return files;
}

function writeReport(run: Pick<ScenarioRun, 'report'>, out: string, csv: 'plain' | 'excel' = 'plain'): string[] {
  const files = renderReportFiles(run, csv);
  try {
    return writeReportFolder(out, files);
  } catch (error) {
    throw writeFailure(error, `--out: cannot write the report to ${JSON.stringify(out)}`, '; the folder is as it was');
  }
}

/**
 * The decision numbers as tidy rows beside the policies' own: each policy's paired
 * difference in net value against the baseline (for the scenario's incidents and per
 * incident, under each valuation of a lost person), its parts, and the break-even value
 * of a lost person.
 */
function differenceRows(run: ComparisonView): Record<string, unknown>[] {
  const baseline = run.report.baseline;
  const summaryRow = (policy: string, metric: string, s: MetricSummary, extra: Record<string, unknown> = {}) => ({ ...tidyRow(policy, metric, s), against: baseline, ...extra });
  return run.comparison.differences
    .filter((d) => d.against === baseline)
    .flatMap((d) => [
      summaryRow(d.policy, 'netValueDifference', d.difference, { probabilityBetter: d.probabilityBetter, probabilityBetterSe: d.probabilityBetterSe }),
      ...(d.perIncident === null ? [] : [summaryRow(d.policy, 'netValueDifferencePerIncident', d.perIncident)]),
      ...VALUE_PARTS.map((part) => ({ policy: d.policy, metric: `differenceParts.${part}`, mean: d.parts[part], against: baseline })),
      ...(['lifetime-value', 'replacement'] as const).flatMap((v) => {
        const valued = d.valuations[v];
        return valued === null ? [] : [summaryRow(d.policy, `netValueDifference.${v}`, valued.difference, { probabilityBetter: valued.probabilityBetter })];
      }),
      d.breakEvenLossValue === null
        ? { policy: d.policy, metric: 'breakEvenLossValue', against: baseline, note: d.breakEvenLossValueReason }
        : { policy: d.policy, metric: 'breakEvenLossValue', mean: d.breakEvenLossValue.value, se: d.breakEvenLossValue.se, ci95Low: d.breakEvenLossValue.ci95Low, ci95High: d.breakEvenLossValue.ci95High, against: baseline },
    ]);
}

const COMPARISON_COLUMNS = ['policy', 'metric', 'mean', 'sd', 'se', 'p05', 'p50', 'p95', 'ci95Low', 'ci95High', 'against', 'probabilityBetter', 'probabilityBetterSe', 'note'];

/**
 * The comparison as CSV: every metric of every policy, then the decision numbers — each
 * policy's paired difference in net value against the baseline (metric
 * `netValueDifference`, `against` the baseline, with the chance it is better).
 */
function comparisonCsv(run: ComparisonView): string {
  const psa = run.uncertainty === undefined ? [] : uncertaintyCsvRows(run.uncertainty);
  const columns = psa.length === 0 ? COMPARISON_COLUMNS : [...COMPARISON_COLUMNS, 'value', 'p025', 'p975', 'parameter', 'method', 'lossValue'];
  return toCsv([...(run.comparison.rows as unknown as object[]), ...differenceRows(run), ...psa], { columns });
}

export function scenarioCommands(): Command[] {
  const validate = fileOptions(
    new Command('validate')
      .summary('check a scenario file and list every problem')
      .argument('<scenario>', 'scenario file (YAML or JSON)')
      .addHelpText('after', `\nScenario parameters:\n${parameterTableText()}\n`),
  ).action(async (path: string, flags: FileFlags) => {
    const limits = limitsOf(flags);
    const input = readScenarioFile(path, limits);
    const { file } = input;
    const { network, policies, warnings } = await withFileLines(input, () => checkScenario(file, { source: path, limits, readText: networkReader(input, flags) }));
    printWarnings(warnings);
    process.stdout.write(`${path}: valid — ${policies.length} policies, ${network.size.toLocaleString('en-US')} people, ${edgeCount(network).toLocaleString('en-US')} ties\n`);
  });

  const schema = new Command('schema')
    .summary('print the JSON Schema of scenario files, or the parameter table')
    .addOption(new Option('--format <format>', 'json (JSON Schema), markdown or text (parameter table)').choices(['json', 'markdown', 'text']).default('json'))
    .action((flags: { format: string }) => {
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
      else if (flags.format === 'markdown') process.stdout.write(parameterTableMarkdown());
      else process.stdout.write(`${parameterTableText()}\n`);
    });

  const run = shardOptions(uncertaintyOptions(commonOptions(
    new Command('run')
      .summary('run a scenario and write the report')
      .argument('<scenario>', 'scenario file (YAML or JSON)')
      .option('--out <dir>', 'write report.html, report.md, charts/, data/ and report.json here')
      .addOption(new Option('--format <format>', 'what to print on stdout when there is no --out').choices(['json', 'csv', 'md', 'html']).default('md'))
      .addOption(new Option('--locale <locale>', "the report's language (overrides the scenario's locale): en, da, sv or nb").choices([...LOCALES]))
      .addOption(new Option('--csv <flavour>', 'data/*.csv as plain CSV (comma, dot decimals) or for a spreadsheet in the report language (excel: semicolons, decimal comma, UTF-8 BOM)').choices(['plain', 'excel']).default('plain')),
  )), 'run shard I of N (0-based) of the run and print its partial result for `hearsay merge`, which writes the report; auto: from the job array (Slurm, Kubernetes, AWS Batch)').action(async (path: string, flags: CommonFlags & ShardFlags & { out?: string; format: Format; locale?: Locale; csv: 'plain' | 'excel' }) => {
    const shard = shardOf(flags, process.env);
    if (shard !== undefined) {
      if (flags.out !== undefined) throw new UsageError('--out: not with --shard (a shard prints its partial result; hearsay merge --out writes the report)');
      if (flags.locale !== undefined) throw new UsageError("--locale: not with --shard (give the scenario a locale: the merged report is written in the file's language)");
      if (flags.csv !== 'plain') throw new UsageError('--csv: not with --shard (a shard writes no report; hearsay merge --out writes it)');
      process.stdout.write(await withScenario(path, flags, (file, options) => runPartial(file, options, shard, flags), { report: true }));
      return;
    }
    const ran = await execute(path, flags, { report: true });
    const result = flags.locale === undefined ? ran : { ...ran, report: withReportLocale(ran, flags.locale) };
    process.stdout.write(runOutput(result, flags.out, flags.format, flags.csv));
  });

  const compare = shardOptions(uncertaintyOptions(commonOptions(
    new Command('compare')
      .summary('compare the policies of a scenario side by side')
      .argument('<scenario>', 'scenario file (YAML or JSON)')
      .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv', 'md']).default('md')),
  )), 'run shard I of N (0-based) of the replicates and print its partial result for `hearsay merge`; auto: from the job array (Slurm, Kubernetes, AWS Batch)').action(async (path: string, flags: CommonFlags & ShardFlags & { format: 'md' | 'csv' | 'json' }) => {
    const shard = shardOf(flags, process.env);
    if (shard !== undefined) {
      process.stdout.write(await withScenario(path, flags, (file, options) => comparePartial(file, options, shard, flags)));
      return;
    }
    process.stdout.write(formatComparison(await execute(path, flags), flags.format));
  });

  const sweep = shardOptions(commonOptions(
    new Command('sweep')
      .summary('run a scenario over a range of one parameter; tidy rows out')
      .argument('<scenario>', 'scenario file (YAML or JSON)')
      .requiredOption('--parameter <path>', 'a numeric parameter of the scenario (economics.margin, policies[0].fee, spread.tellProbability)')
      .requiredOption('--from <x>', 'first value', numberArg)
      .requiredOption('--to <x>', 'last value', numberArg)
      .option('--steps <n>', 'number of values, evenly spaced', positiveIntArg, 5)
      .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('csv')),
  ), 'run shard I of N (0-based) of the sweep\'s steps (each step whole) and print its partial result for `hearsay merge`; auto: from the job array (Slurm, Kubernetes, AWS Batch)').action(
    async (path: string, flags: CommonFlags & ShardFlags & { parameter: string; from: number; to: number; steps: number; format: 'json' | 'csv' }) => {
      const shard = shardOf(flags, process.env);
      if (flags.steps < 2 && flags.from !== flags.to) throw new UsageError('--steps: expected at least 2 values for a range');
      const limits = limitsOf(flags);
      const input = readScenarioFile(path, limits);
      checkReplicates(flags, limits);
      checkSweepPath(input.file, flags.parameter, flags);
      const values = sweepValues(flags.from, flags.to, flags.steps);
      if (shard !== undefined && shard.count > values.length) {
        throw new UsageError(`--shard: expected at most as many shards as the sweep's steps (${values.length}), so that no shard is empty, received ${shard.count} shards`);
      }
      const range = shard === undefined ? { from: 0, to: values.length } : shardRange(values.length, shard.index, shard.count);
      // The network files a step reads, for the part's fingerprint.
      const texts: string[] = [];
      const read = networkReader(input, flags);
      const readText = (name: string) => {
        const text = read(name);
        if (!texts.includes(text)) texts.push(text);
        return text;
      };
      const pool = pooledRunner(flags.workers ?? DEFAULT_WORKERS);
      const steps: object[][] = [];
      try {
        for (let k = range.from; k < range.to; k++) {
          const value = values[k]!;
          const changed = setPath(input.file, flags.parameter, value) as ScenarioFile;
          // The comparison only: the break-even, the sensitivity and the projection are not swept.
          const { breakEven: _b, sensitivity: _s, projection: _p, ...rest } = changed;
          void _b;
          void _s;
          void _p;
          const checked = parseScenario(JSON.stringify(rest), `${path} with ${flags.parameter} = ${value}`, limits);
          // Swept at the base case: every distribution at its mean, no draws.
          const { uncertainty: _u, ...base } = checkUncertainFile(checked).base as ScenarioFile & { uncertainty?: unknown };
          void _u;
          const result = await withFileLines(input, () =>
            runScenarioAsync(base as ScenarioFile, {
              source: path,
              limits,
              readText,
              ...(flags.seed === undefined ? {} : { seed: flags.seed }),
              ...(flags.replicates === undefined ? {} : { replicates: flags.replicates }),
              // Each step's replicates on worker threads (or this thread with --workers 0): the same numbers.
              runReplicates: (network, spec, options) => pool.run(network, spec, options),
            }),
          );
          steps.push(sweepRows(result, flags.parameter, value));
          if (!flags.quiet) process.stderr.write(`hearsay: ${flags.parameter} = ${value} done (${k + 1}/${values.length})\n`);
        }
      } finally {
        await pool.close();
      }
      if (shard === undefined) {
        process.stdout.write(sweepOutput(steps.flat(), flags.format));
        return;
      }
      const settings: SweepPartMeta['settings'] = {
        parameter: flags.parameter,
        from: flags.from,
        to: flags.to,
        steps: flags.steps,
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        ...(flags.replicates === undefined ? {} : { replicates: flags.replicates }),
      };
      const meta: SweepPartMeta = { scenario: JSON.parse(JSON.stringify(input.file)) as unknown, settings, format: flags.format, limits, rows: steps };
      const part: PartialResult = {
        format: PARTIAL_FORMAT,
        kind: 'sweep',
        version: VERSION,
        fingerprint: textFingerprint([canonicalJson(input.file), canonicalJson(settings), ...texts]),
        seed: seedKey(flags.seed ?? input.file.seed ?? 1),
        range,
        total: values.length,
        shard,
        meta,
        metricNames: ['step'],
        samples: { step: Array.from({ length: range.to - range.from }, (_, i) => range.from + i) },
      };
      process.stdout.write(`${JSON.stringify(part)}\n`);
    },
  );

  const generate = new Command('generate')
    .summary('write a generated network as an edge list')
    .argument('<generator>', GENERATOR_NAMES.join(', '))
    .argument('[parameters...]', 'key=value pairs, e.g. size=2000 groupSize=8')
    .option('--seed <s>', 'seed', seedArg, 1)
    .option('--trust', 'write the trust column')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((generator: string, pairs: string[], flags: { seed: number | string; trust?: boolean; out?: string }) => {
      const params: Record<string, unknown> = { generator, seed: flags.seed };
      for (const pair of pairs) {
        const m = /^([A-Za-z]+)=(.+)$/.exec(pair);
        if (m === null) throw new UsageError(`${pair}: expected key=value, e.g. size=2000`);
        params[m[1]!] = Number.isFinite(Number(m[2])) ? Number(m[2]) : m[2];
      }
      const file = { name: 'generate', network: params, roles: { customers: 0, prospects: 0 }, incidents: { count: 0, amount: 0 }, economics: { margin: 0 }, policies: [{ name: 'none', decision: 'refuse' }] };
      let network: ReturnType<typeof buildNetwork>;
      try {
        const checked = parseScenario(JSON.stringify(file), 'generate');
        network = buildNetwork(checked, flags.seed, { source: 'generate' });
      } catch (error) {
        if (error instanceof ScenarioError) throw new UsageError(error.problems.map((p) => `${p.path.replace(/^network\.?/, '') || generator}: ${p.message}`).join('; '));
        throw error;
      }
      const text = formatEdgeList(network, { trust: flags.trust ?? false, header: true });
      if (flags.out === undefined) process.stdout.write(text);
      else {
        writeFileAtomically(flags.out, text);
        process.stderr.write(`hearsay: wrote ${network.size} people, ${edgeCount(network)} ties to ${flags.out}\n`);
      }
    });

  const examples = new Command('examples')
    .summary('list, show or run the bundled scenarios')
    .argument('[action]', 'list, show or run', 'list')
    .argument('[name]', 'an example name (from list)')
    .option('--out <dir>', 'run: write the report here')
    .option('--allow-files-outside', "run: read network.file even where it leaves the scenario's folder")
    .action(async (action: string, name: string | undefined, flags: { out?: string; allowFilesOutside?: boolean }) => {
      const names = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
      if (action === 'list') {
        for (const n of names) {
          const text = readFileSync(join(EXAMPLES_DIR, `${n}.yaml`), 'utf8');
          const title = /^name:\s*(.+)$/m.exec(text)?.[1] ?? '';
          process.stdout.write(`${n.padEnd(22)} ${title}\n`);
        }
        return;
      }
      if (action !== 'show' && action !== 'run') throw new UsageError(`examples: expected list, show or run, received "${action}"`);
      if (name === undefined || !names.includes(name)) {
        throw new UsageError(`examples ${action}: expected one of ${names.join(', ')}, received ${name === undefined ? 'nothing' : `"${name}"`}`);
      }
      const path = join(EXAMPLES_DIR, `${name}.yaml`);
      if (action === 'show') {
        process.stdout.write(readFileSync(path, 'utf8'));
        return;
      }
      const result = await execute(path, { allowFilesOutside: flags.allowFilesOutside ?? false }, { report: flags.out !== undefined });
      if (flags.out !== undefined) {
        const files = writeReport(result, flags.out);
        process.stdout.write(comparisonMarkdown(result));
        process.stdout.write(`\nwrote ${files.length} files to ${flags.out}/\n`);
      } else process.stdout.write(comparisonMarkdown(result));
    });

  return [run, compare, sweep, validate, schema, generate, examples];
}

/** A number as typed: not empty, not NaN, finite. */
function numberArg(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new InvalidArgumentError('expected a number.');
  return x;
}

/** Writes a file through a temporary sibling and a rename: never half a file at `path`. */
function writeFileAtomically(path: string, text: string): void {
  const temporary = join(dirname(resolve(path)), `.${path.split(/[\\/]/).pop()}.hearsay-${process.pid}`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw writeFailure(error, `--out: cannot write ${JSON.stringify(path)}`);
  }
}

/**
 * The values of a sweep: `steps` evenly spaced from `from` to `to`, both ends exactly as
 * given, the others rounded to 15 significant digits (a double's decimal precision), so
 * 0.2 to 1 in 5 steps gives 0.6, not 0.6000000000000001.
 */
export function sweepValues(from: number, to: number, steps: number): number[] {
  if (steps === 1) return [from];
  return Array.from({ length: steps }, (_, k) => (k === 0 ? from : k === steps - 1 ? to : Number((from + ((to - from) * k) / (steps - 1)).toPrecision(15))));
}

/** `policies[0].fee` → ['policies', '0', 'fee']; refuses keys that reach a prototype. */
function pathParts(path: string): string[] {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  if (parts.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) {
    throw new UsageError(`--parameter: expected a dotted path such as economics.margin or policies[0].fee, received "${path}"`);
  }
  return parts;
}

/**
 * Refuses a sweep that cannot change anything: a path that names no numeric parameter of
 * the scenario schema, a policy the scenario does not have, a part of the run the sweep
 * leaves out, or a value a flag overrides.
 */
function checkSweepPath(file: ScenarioFile, path: string, flags: CommonFlags): void {
  const parts = pathParts(path);
  const bad = (why: string): never => {
    throw new UsageError(`--parameter: ${why}, received "${path}"`);
  };
  if (['breakEven', 'sensitivity', 'projection'].includes(parts[0]!)) {
    bad('expected a parameter of the comparison (a sweep leaves out the break-even, the sensitivity and the projection, so this changes nothing)');
  }
  if (path === 'seed' && flags.seed !== undefined) bad('expected a parameter --seed does not override');
  if (path === 'replicates' && flags.replicates !== undefined) bad('expected a parameter --replicates does not override');
  // The schema's name for the path: policies[2].fee → policies[].fee, network.size → network(groups).size.
  let schemaPath = path.replace(/\[\d+\]/g, '[]');
  if (parts[0] === 'network') {
    const network = file.network as Record<string, unknown>;
    const form = typeof network.generator === 'string' ? network.generator : 'file';
    schemaPath = schemaPath.replace(/^network/, `network(${form})`);
  }
  const row = parameterRows().find((r) => r.path === schemaPath);
  if (row === undefined) bad('expected a numeric parameter of the scenario (hearsay schema --format text lists them)');
  if (!/\b(number|integer)\b/.test(row!.range)) bad(`expected a numeric parameter, and this one is ${row!.range}`);
  if (parts[0] === 'policies' && /^\d+$/.test(parts[1] ?? '')) {
    const i = Number(parts[1]);
    if (i >= file.policies.length) {
      bad(`expected one of the scenario's ${file.policies.length} policies (policies[0] to policies[${file.policies.length - 1}])`);
    }
  }
}

/** A copy of a plain object with the value at a dotted path replaced. */
function setPath(root: unknown, path: string, value: number): unknown {
  const parts = pathParts(path);
  const clone = (node: unknown, i: number): unknown => {
    const key = parts[i]!;
    if (typeof node !== 'object' || node === null) {
      throw new UsageError(`--parameter: "${parts.slice(0, i).join('.')}" is not a section of the scenario, so "${path}" cannot be set`);
    }
    const copy: Record<string, unknown> = Array.isArray(node) ? ([...node] as unknown as Record<string, unknown>) : { ...(node as Record<string, unknown>) };
    copy[key] = i === parts.length - 1 ? value : clone((node as Record<string, unknown>)[key] ?? {}, i + 1);
    return copy;
  };
  return clone(root, 0);
}
