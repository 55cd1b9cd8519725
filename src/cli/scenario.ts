/**
 * The scenario commands: validate, schema, run, compare, sweep, generate, examples.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { ScenarioError } from '../errors.js';
import { formatEdgeList } from '../network/edge-list.js';
import { edgeCount } from '../network/types.js';
import { renderHtmlReport, renderMarkdownReport, reportCharts, reportTables, toCsv } from '../report/index.js';
import { GENERATOR_NAMES } from '../network/specs.js';
import { DEFAULT_LIMITS, parseScenario, readScenario, type ScenarioLimits } from '../scenario-file/parse.js';
import { parameterTableMarkdown, parameterTableText } from '../scenario-file/parameters.js';
import { buildNetwork, checkScenario, runScenario, runScenarioAsync, type PolicyReplicateRunner, type RunScenarioOptions, type ScenarioRun } from '../scenario-file/run.js';
import { scenarioJsonSchema, type ScenarioFile } from '../scenario-file/schema.js';
import { checkUncertainFile } from '../scenario-file/uncertainty.js';
import { uncertaintyCsvRows, uncertaintyJson, uncertaintyMarkdown } from '../report/uncertainty.js';
import { UsageError } from './errors.js';
import { positiveIntArg, seedArg } from './options.js';
import { DEFAULT_WORKERS, progressReporter, runSpec, workersArg } from './run.js';
import { comparePartial } from './compare-shard.js';
import { shardOf, type ShardFlags } from './shard.js';

/** Bundled scenarios, beside the built CLI: dist/cli → examples/scenarios. */
const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/scenarios/', import.meta.url));

type Format = 'json' | 'csv' | 'md' | 'html';

interface CommonFlags {
  seed?: number | string;
  uncertainty?: boolean;
  draws?: number;
  replicatesPerDraw?: number;
  workers?: number;
  replicates?: number;
  quiet?: boolean;
  maxPeople?: number;
  maxReplicates?: number;
}

function readScenarioFile(path: string, limits: ScenarioLimits): { file: ScenarioFile; dir: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read the scenario file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // Read only: every check (the file's and its network's) runs in one pass when the scenario is prepared.
  return { file: readScenario(text, path, limits), dir: dirname(resolve(path)) };
}

function limitsOf(flags: CommonFlags): ScenarioLimits {
  return {
    ...(flags.maxPeople === undefined ? {} : { maxPeople: flags.maxPeople }),
    ...(flags.maxReplicates === undefined ? {} : { maxReplicates: flags.maxReplicates }),
  };
}

async function execute(path: string, flags: CommonFlags): Promise<ScenarioRun> {
  return withScenario(path, flags, runScenarioAsync);
}

/** Reads and checks a scenario file, then runs `run` on it with the flags' settings and progress. */
async function withScenario<T>(
  path: string,
  flags: CommonFlags,
  run: (file: ScenarioFile, options: RunScenarioOptions & { readonly runReplicates: PolicyReplicateRunner }) => Promise<T>,
): Promise<T> {
  const limits = limitsOf(flags);
  const { file, dir } = readScenarioFile(path, limits);
  const max = limits.maxReplicates ?? DEFAULT_LIMITS.maxReplicates;
  if (flags.replicates !== undefined && flags.replicates > max) {
    throw new UsageError(`--replicates: expected at most ${max} (raise it with --max-replicates), received ${flags.replicates}`);
  }
  const progress = progressReporter(flags.quiet ?? false);
  const workers = flags.workers ?? DEFAULT_WORKERS;
  try {
    return await run(file, {
      source: path,
      limits,
      readText: (p) => readFileSync(resolve(dir, p), 'utf8'),
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      ...(flags.replicates === undefined ? {} : { replicates: flags.replicates }),
      ...uncertaintyFlags(flags),
      onProgress: (stage, done, total) => progress.update(done, total, stage),
      // The policy replicates on worker threads (or this thread with --workers 0).
      runReplicates: (network, spec, options) => runSpec(network, spec, { ...options, workers }),
    });
  } finally {
    progress.done();
  }
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

function commonOptions(command: Command): Command {
  return command
    .option('--seed <s>', "override the scenario's seed", seedArg)
    .option('--replicates <r>', "override the scenario's replicates", positiveIntArg)
    .option('--quiet', 'no progress on stderr')
    .option('--workers <n>', 'worker threads for the policy replicates (0: this thread)', workersArg, DEFAULT_WORKERS)
    .option('--max-people <n>', `refuse networks larger than this (default ${DEFAULT_LIMITS.maxPeople})`, positiveIntArg)
    .option('--max-replicates <n>', `refuse more replicates than this (default ${DEFAULT_LIMITS.maxReplicates})`, positiveIntArg);
}

const money = (x: number, currency: string) => `${Math.round(x).toLocaleString('en-US')} ${currency}`;

/** What `compare` prints: from a run, or from parts merged from other machines (`hearsay merge`). */
export type ComparisonView = Pick<ScenarioRun, 'seed' | 'replicates' | 'comparison' | 'uncertainty'> & {
  readonly file: Pick<ScenarioFile, 'name'>;
  readonly report: Pick<ScenarioRun['report'], 'currency' | 'baseline'>;
};

/** `compare`'s output in each format; `merge` prints merged compare parts through it too. */
export function formatComparison(run: ComparisonView, format: 'md' | 'csv' | 'json'): string {
  if (format === 'md') return comparisonMarkdown(run);
  if (format === 'csv') return toCsv([...(run.comparison.rows as unknown as object[]), ...(run.uncertainty === undefined ? [] : uncertaintyCsvRows(run.uncertainty))]);
  return `${JSON.stringify({ policies: run.comparison.policies, rows: run.comparison.rows, differences: run.comparison.differences, ...(run.uncertainty === undefined ? {} : { uncertainty: uncertaintyJson(run.uncertainty) }) })}\n`;
}

function comparisonMarkdown(run: ComparisonView): string {
  const c = run.report.currency;
  const lines = [
    `# ${run.file.name}`,
    '',
    `${run.replicates} replicates, seed ${String(run.seed)}; net value per period, ${c}`,
    '',
    '| policy | net value | 95% CI | customers lost | prospects lost | complaints seen | silent unhappy |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const name of run.comparison.policies) {
    const s = run.comparison.summary[name]!;
    const ci = s.netValue!.ci95;
    lines.push(
      `| ${name} | ${money(s.netValue!.mean, c)} | ${ci === null ? 'n/a' : `${money(ci[0], c)} to ${money(ci[1], c)}`} | ${(s.directChurn!.mean + s.womChurn!.mean).toFixed(1)} | ${s.expectedLostProspects!.mean.toFixed(2)} | ${s.complaints!.mean.toFixed(1)} | ${s.silentUnhappy!.mean.toFixed(1)} |`,
    );
  }
  const baseline = run.report.baseline;
  const diffs = run.comparison.differences.filter((d) => d.against === baseline);
  if (diffs.length > 0) {
    lines.push('', `Against "${baseline}":`, '');
    for (const d of diffs) {
      const ci = d.difference.ci95;
      lines.push(`- ${d.policy}: ${money(d.difference.mean, c)}${ci === null ? '' : ` (95% CI ${money(ci[0], c)} to ${money(ci[1], c)})`}, better in ${(100 * d.probabilityBetter).toFixed(1)}% of replicates`);
    }
  }
  return `${lines.join('\n')}\n${run.uncertainty === undefined ? '' : `\n${uncertaintyMarkdown(run.uncertainty, c)}`}`;
}

function writeReport(run: ScenarioRun, out: string): string[] {
  try {
    return writeReportFiles(run, out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EACCES' || code === 'EEXIST' || code === 'EROFS' || code === 'ENOSPC') {
      throw new UsageError(`--out: cannot write the report to ${JSON.stringify(out)} (${code})`);
    }
    throw error;
  }
}

function writeReportFiles(run: ScenarioRun, out: string): string[] {
  mkdirSync(join(out, 'charts'), { recursive: true });
  mkdirSync(join(out, 'data'), { recursive: true });
  const written: string[] = [];
  const put = (name: string, text: string) => {
    writeFileSync(join(out, name), text);
    written.push(join(out, name));
  };
  put('report.html', renderHtmlReport(run.report));
  put('report.md', renderMarkdownReport(run.report));
  // Chart names are paths relative to report.md (charts/…svg), as the Markdown links them.
  for (const [name, svg] of Object.entries(reportCharts(run.report))) put(name, svg);
  for (const [name, rows] of Object.entries(reportTables(run.report))) put(join('data', `${name}.csv`), toCsv(rows as object[]));
  put('report.json', `${JSON.stringify(run.report, null, 2)}\n`);
  return written;
}

export function scenarioCommands(): Command[] {
  const validate = new Command('validate')
    .summary('check a scenario file and list every problem')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--max-people <n>', 'size limit', positiveIntArg)
    .option('--max-replicates <n>', 'replicates limit', positiveIntArg)
    .addHelpText('after', `\nScenario parameters:\n${parameterTableText()}\n`)
    .action((path: string, flags: CommonFlags) => {
      const { file, dir } = readScenarioFile(path, limitsOf(flags));
      const { network, policies } = checkScenario(file, { source: path, limits: limitsOf(flags), readText: (p) => readFileSync(resolve(dir, p), 'utf8') });
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

  const run = uncertaintyOptions(commonOptions(
    new Command('run')
      .summary('run a scenario and write the report')
      .argument('<scenario>', 'scenario file (YAML or JSON)')
      .option('--out <dir>', 'write report.html, report.md, charts/, data/ and report.json here')
      .addOption(new Option('--format <format>', 'what to print on stdout when there is no --out').choices(['json', 'csv', 'md', 'html']).default('md')),
  )).action(async (path: string, flags: CommonFlags & { out?: string; format: Format }) => {
    const result = await execute(path, flags);
    if (flags.out !== undefined) {
      const files = writeReport(result, flags.out);
      process.stdout.write(comparisonMarkdown(result));
      process.stdout.write(`\nwrote ${files.length} files to ${flags.out}/ (open ${join(flags.out, 'report.html')})\n`);
      return;
    }
    if (flags.format === 'html') process.stdout.write(renderHtmlReport(result.report));
    else if (flags.format === 'md') process.stdout.write(renderMarkdownReport(result.report));
    else if (flags.format === 'json') process.stdout.write(`${JSON.stringify(result.report)}\n`);
    else process.stdout.write(toCsv(result.comparison.rows as unknown as object[]));
  });

  const compare = uncertaintyOptions(commonOptions(
    new Command('compare')
      .summary('compare the policies of a scenario side by side')
      .argument('<scenario>', 'scenario file (YAML or JSON)')
      .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv', 'md']).default('md'))
      .option('--shard <I/N|auto>', 'run shard I of N (0-based) of the replicates and print its partial result for `hearsay merge`; auto: from the job array (Slurm, Kubernetes, AWS Batch)')
      .option('--shards <n>', 'with --shard auto: the number of shards, where the scheduler does not say (Kubernetes, AWS Batch)', positiveIntArg),
  )).action(async (path: string, flags: CommonFlags & ShardFlags & { format: 'md' | 'csv' | 'json' }) => {
    const shard = shardOf(flags, process.env);
    if (shard !== undefined) {
      process.stdout.write(await withScenario(path, flags, (file, options) => comparePartial(file, options, shard, flags)));
      return;
    }
    process.stdout.write(formatComparison(await execute(path, flags), flags.format));
  });

  const sweep = commonOptions(
    new Command('sweep')
      .summary('run a scenario over a range of one parameter; tidy rows out')
      .argument('<scenario>', 'scenario file (YAML or JSON)')
      .requiredOption('--parameter <path>', 'a dotted path into the scenario (economics.margin, policies[0].fee, spread.tellProbability)')
      .requiredOption('--from <x>', 'first value', Number)
      .requiredOption('--to <x>', 'last value', Number)
      .option('--steps <n>', 'number of values, evenly spaced', positiveIntArg, 5)
      .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('csv')),
  ).action((path: string, flags: CommonFlags & { parameter: string; from: number; to: number; steps: number; format: Format }) => {
    if (!Number.isFinite(flags.from) || !Number.isFinite(flags.to)) throw new UsageError('--from, --to: expected numbers');
    if (flags.steps < 2 && flags.from !== flags.to) throw new UsageError('--steps: expected at least 2 values for a range');
    const limits = limitsOf(flags);
    const { file, dir } = readScenarioFile(path, limits);
    const rows: object[] = [];
    const metrics = ['netValue', 'expectedLostProspects', 'directChurn', 'womChurn', 'moneyKept', 'complaints'];
    for (let k = 0; k < flags.steps; k++) {
      const value = flags.steps === 1 ? flags.from : flags.from + ((flags.to - flags.from) * k) / (flags.steps - 1);
      const changed = setPath(file, flags.parameter, value) as ScenarioFile;
      const text = JSON.stringify(changed);
      const checked = parseScenario(text, `${path} with ${flags.parameter} = ${value}`, limits);
      // A sweep compares the base case: every distribution at its mean.
      const result = runScenario(
        { ...checkUncertainFile(checked).base, breakEven: undefined, sensitivity: false, uncertainty: undefined } as unknown as ScenarioFile,
        {
          source: path,
          limits,
          readText: (p) => readFileSync(resolve(dir, p), 'utf8'),
          ...(flags.seed === undefined ? {} : { seed: flags.seed }),
          ...(flags.replicates === undefined ? {} : { replicates: flags.replicates }),
        },
      );
      for (const r of result.comparison.rows) {
        if (metrics.includes(r.metric)) rows.push({ parameter: flags.parameter, value, ...r });
      }
      if (!flags.quiet) process.stderr.write(`hearsay: ${flags.parameter} = ${value} done (${k + 1}/${flags.steps})\n`);
    }
    process.stdout.write(flags.format === 'csv' ? toCsv(rows) : `${JSON.stringify(rows)}\n`);
  });

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
      let checked: ScenarioFile;
      try {
        checked = parseScenario(JSON.stringify(file), 'generate');
      } catch (error) {
        if (error instanceof ScenarioError) throw new UsageError(error.problems.map((p) => `${p.path.replace(/^network\./, '')}: ${p.message}`).join('; '));
        throw error;
      }
      const network = buildNetwork(checked, flags.seed, { source: 'generate' });
      const text = formatEdgeList(network, { trust: flags.trust ?? false, header: true });
      if (flags.out === undefined) process.stdout.write(text);
      else {
        writeFileSync(flags.out, text);
        process.stderr.write(`hearsay: wrote ${network.size} people, ${edgeCount(network)} ties to ${flags.out}\n`);
      }
    });

  const examples = new Command('examples')
    .summary('list, show or run the bundled scenarios')
    .argument('[action]', 'list, show or run', 'list')
    .argument('[name]', 'an example name (from list)')
    .option('--out <dir>', 'run: write the report here')
    .action(async (action: string, name: string | undefined, flags: { out?: string }) => {
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
      const result = await execute(path, {});
      if (flags.out !== undefined) {
        const files = writeReport(result, flags.out);
        process.stdout.write(comparisonMarkdown(result));
        process.stdout.write(`\nwrote ${files.length} files to ${flags.out}/\n`);
      } else process.stdout.write(comparisonMarkdown(result));
    });

  return [run, compare, sweep, validate, schema, generate, examples];
}

/** A copy of a plain object with the value at a dotted path replaced. */
function setPath(root: unknown, path: string, value: number): unknown {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  if (parts.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) {
    throw new UsageError(`--parameter: expected a dotted path such as economics.margin or policies[0].fee, received "${path}"`);
  }
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
