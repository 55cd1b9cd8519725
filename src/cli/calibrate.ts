/**
 * `hearsay calibrate SCENARIO --data FILE`: the scenario's distributions fitted to a
 * company's observed months (ABC-SMC on the projection, particles on worker threads), and
 * everything written to one folder: the posterior samples, summaries (JSON and Markdown:
 * "What your numbers say"), the posterior predictive check (CSV and SVG, the dark number
 * among the metrics) and the calibrated scenario file. Ctrl-C stops after the batch under
 * way and writes what the last complete population reached.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'yaml';
import type { AbcProgress, AbcState } from '../calibration/abc-smc.js';
import { CALIBRATION_DEFAULTS, calibrateAsync, type CalibrationResult } from '../calibration/calibrate.js';
import { parseObservations } from '../calibration/observations.js';
import { ScenarioError } from '../errors.js';
import { calibrationPool, type CalibrationPool } from '../node/calibration.js';
import { PROJECTION_DEFAULTS } from '../projection/options.js';
import { calibrationCheckSvg, calibrationMarkdown, predictiveCoverage } from '../report/calibration.js';
import { calibratedScenarioFile, fileCalibration } from '../scenario-file/calibration.js';
import { DEFAULT_LIMITS, readScenario } from '../scenario-file/parse.js';
import { checkScenario } from '../scenario-file/run.js';
import { UsageError } from './errors.js';
import { FileRefusedError, defaultMaxNetworkBytes, readRegularFile, readScenarioNetworkFile } from './files.js';
import { withLines } from './lines.js';
import { positiveIntArg, seedArg } from './options.js';
import { DEFAULT_WORKERS, workersArg } from './run.js';

/** The calibration's worker script, built beside the CLI at dist/node/calibration-worker.js. */
const WORKER_URL = new URL('../node/calibration-worker.js', import.meta.url);

/** The largest observations file read [A]: 10 years of 20 metrics is about 10 kB. */
const MAX_DATA_BYTES = 16 * 1024 * 1024;

interface CalibrateFlags {
  data: string;
  out?: string;
  budget?: number;
  targetTolerance?: number;
  minAcceptanceRate?: number;
  particles?: number;
  seed?: number | string;
  workers: number;
  summaries?: 'means' | 'series' | 'monthly';
  predictiveDraws?: number;
  resume?: string;
  quiet?: boolean;
}

function nonNegativeArg(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0.');
  return n;
}

function rateArg(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n >= 1) throw new InvalidArgumentError('expected a number ≥ 0 and < 1.');
  return n;
}

function particlesArg(value: string): number {
  const n = positiveIntArg(value);
  if (n < 2) throw new InvalidArgumentError('expected a whole number ≥ 2.');
  return n;
}

function countArg(value: string): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 0.');
  return Number(value);
}

/** Progress on stderr: the generation, its tolerance and acceptance rate; a line at most every 2 s (redrawn in place on a terminal). */
function calibrationProgress(quiet: boolean, stream: NodeJS.WritableStream & { readonly isTTY?: boolean } = process.stderr) {
  let last = 0;
  let drawn = false;
  const tty = stream.isTTY === true;
  return {
    update(p: AbcProgress) {
      if (quiet) return;
      const now = Date.now();
      if (now - last < (tty ? 200 : 2000) && p.accepted < p.particles) return;
      last = now;
      const tolerance = Number.isFinite(p.tolerance) ? p.tolerance.toPrecision(3) : '∞ (prior)';
      const line = `hearsay: calibrate: generation ${p.generation}, tolerance ${tolerance}, accepted ${p.accepted}/${p.particles}, acceptance rate ${(100 * p.acceptanceRate).toFixed(1)}%, ${p.simulations} simulations`;
      if (tty) {
        stream.write(`\r${line}\u001b[K`);
        drawn = true;
      } else stream.write(`${line}\n`);
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

/** Tidy CSV: a header and one row per record; text quoted when it needs to be. */
function csv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cell = (v: string | number) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${[header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n')}\n`;
}

/** Everything the command writes, by file name. */
export function calibrationFiles(result: CalibrationResult, options: { source: string; scenario: string; currency: string; calibrated: unknown; summaryNames: readonly string[]; summaryObserved: ArrayLike<number> }): Map<string, string> {
  const files = new Map<string, string>();
  const abc = result.abc;
  const rows: Array<Array<string | number>> = [];
  for (let i = 0; i < abc.weights.length; i++) abc.parameters.forEach((name, p) => rows.push([i, abc.weights[i]!, abc.distances[i]!, name, abc.particles[p]![i]!]));
  files.set('posterior.csv', csv(['particle', 'weight', 'distance', 'parameter', 'value'], rows));
  files.set(
    'predictive.csv',
    csv(
      ['metric', 'month', 'mean', 'p05', 'p25', 'p50', 'p75', 'p95', 'observed'],
      result.predictive.map((r) => [r.metric, r.month, r.mean, r.p05, r.p25, r.p50, r.p75, r.p95, r.observed ?? '']),
    ),
  );
  const coverage = predictiveCoverage(result);
  const summary = {
    scenario: options.scenario,
    data: options.source,
    seed: String(result.seed),
    stoppedBy: result.stoppedBy,
    particles: abc.weights.length,
    ess: result.ess,
    tolerance: result.tolerance,
    simulations: result.simulations,
    generations: result.generations,
    summaries: options.summaryNames.map((name, i) => ({ name, observed: options.summaryObserved[i]!, scale: abc.scale[i]! })),
    parameters: result.parameters.map((p) => ({
      parameter: p.name,
      prior: p.prior,
      priorMean: p.priorMean,
      priorSd: p.priorSd,
      mean: p.posterior.mean,
      sd: p.posterior.sd,
      p05: p.posterior.p05,
      p50: p.posterior.p50,
      p95: p.posterior.p95,
      sdRatio: p.check.ratio,
      identified: p.check.identified,
      fitted: p.fitted,
    })),
    warnings: result.warnings,
    darkNumber: result.predictive.filter((r) => r.metric === 'lostProspectsInMonth' || r.metric === 'lostProspectsValue'),
    predictiveCheck: { draws: result.predictiveDraws, observedInside90: coverage.inside, observed: coverage.total },
  };
  files.set('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
  files.set('calibration.md', calibrationMarkdown(result, { source: options.source, currency: options.currency }));
  if (result.predictive.length > 0) files.set('check.svg', calibrationCheckSvg(result));
  files.set('state.json', `${JSON.stringify(abc.state)}\n`);
  const header = `# Calibrated by hearsay calibrate from ${options.scenario} and ${options.source} (seed ${String(result.seed)}; ${result.simulations} simulations, stopped by ${result.stoppedBy}).\n# Each calibrated parameter is its posterior fitted by moments (beta, lognormal or truncated normal); correlations between parameters are not kept.\n`;
  files.set('calibrated.yaml', `${header}${stringify(options.calibrated, { lineWidth: 0 })}`);
  return files;
}

export function calibrateCommand(): Command {
  return new Command('calibrate')
    .description("fit the scenario's distributions to a company's observed months (ABC-SMC on the projection) and write the posterior, the dark number it implies, a predictive check and a calibrated scenario file")
    .argument('<scenario>', 'a scenario file (YAML or JSON) whose uncertain parameters are written as distributions (the priors)')
    .requiredOption('--data <file>', 'the observations: a CSV month,metric,value (docs/calibration.md lists the metrics)')
    .option('--out <dir>', 'the folder to write to (default: calibration beside the data file)')
    .option('--budget <n>', 'stop before the simulations would exceed this (default: no limit)', positiveIntArg)
    .option('--target-tolerance <e>', 'stop once a population reaches this tolerance, in standardised units (default 0: never)', nonNegativeArg)
    .option('--min-acceptance-rate <r>', `stop when a population would accept fewer than this share of its proposals (default ${CALIBRATION_DEFAULTS.minAcceptanceRate})`, rateArg)
    .option('--particles <n>', `particles per population (default ${CALIBRATION_DEFAULTS.particles})`, particlesArg)
    .option('--seed <s>', "override the scenario's seed", seedArg)
    .option('--workers <n>', 'worker threads for the simulations (0: this thread)', workersArg, DEFAULT_WORKERS)
    .addOption(new Option('--summaries <kind>', 'the summary statistics: each metric\'s mean (means), mean and trend (series), or every month (monthly)').choices(['means', 'series', 'monthly']))
    .option('--predictive-draws <n>', `posterior draws simulated for the predictive check (default ${CALIBRATION_DEFAULTS.predictiveDraws})`, countArg)
    .option('--resume <state.json>', 'continue from the state.json of an earlier run (same scenario, data and seed)')
    .option('--quiet', 'no progress on stderr')
    .action(async (path: string, flags: CalibrateFlags) => {
      await runCalibrate(path, flags);
    });
}

async function runCalibrate(path: string, flags: CalibrateFlags): Promise<void> {
  let text: string;
  try {
    text = readRegularFile(path, { maxBytes: DEFAULT_LIMITS.maxFileSize });
  } catch (error) {
    throw new UsageError(`${path}: cannot read the scenario file (${error instanceof FileRefusedError ? error.reason : String(error)})`);
  }
  const file = readScenario(text, path);
  const dir = dirname(resolve(path));
  const maxBytes = defaultMaxNetworkBytes(DEFAULT_LIMITS.maxTies);
  const seed = flags.seed ?? file.seed ?? 1;
  let checked: ReturnType<typeof checkScenario>;
  try {
    checked = checkScenario(file, { source: path, seed, readText: (name) => readScenarioNetworkFile(dir, name, { allowOutside: false, maxBytes }) });
  } catch (error) {
    if (error instanceof ScenarioError) throw withLines(error, text);
    throw error;
  }
  let dataText: string;
  try {
    dataText = readRegularFile(flags.data, { maxBytes: MAX_DATA_BYTES });
  } catch (error) {
    throw new UsageError(`--data: cannot read ${flags.data} (${error instanceof FileRefusedError ? error.reason : String(error)})`);
  }
  const c = fileCalibration(file, checked.network);
  const months = c.months ?? PROJECTION_DEFAULTS.months;
  const observations = parseObservations(dataText, flags.data, { maxMonths: months });
  let resume: AbcState | undefined;
  if (flags.resume !== undefined) {
    try {
      resume = JSON.parse(readRegularFile(flags.resume, { maxBytes: 1024 * 1024 * 1024 })) as AbcState;
    } catch (error) {
      throw new UsageError(`--resume: cannot read ${flags.resume} as a state.json (${error instanceof FileRefusedError ? error.reason : error instanceof Error ? error.message : String(error)})`);
    }
  }
  const out = flags.out ?? join(dirname(resolve(flags.data)), 'calibration');
  const particles = flags.particles ?? CALIBRATION_DEFAULTS.particles;
  if (flags.budget !== undefined && flags.budget < particles) {
    throw new UsageError(`--budget: expected at least the ${particles} simulations of one population (--particles), received ${flags.budget}`);
  }
  const progress = calibrationProgress(flags.quiet ?? false);
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nhearsay: calibrate: stopping after the batch under way (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  let pool: Promise<CalibrationPool> | undefined;
  let result: CalibrationResult;
  let summaryNames: readonly string[] = [];
  let summaryObserved: ArrayLike<number> = [];
  try {
    result = await calibrateAsync(c.scenario, observations, {
      policy: c.policy,
      projection: c.projection,
      seed,
      ...(flags.particles === undefined ? {} : { particles: flags.particles }),
      ...(flags.budget === undefined ? {} : { budget: flags.budget }),
      ...(flags.targetTolerance === undefined ? {} : { targetTolerance: flags.targetTolerance }),
      ...(flags.minAcceptanceRate === undefined ? {} : { minAcceptanceRate: flags.minAcceptanceRate }),
      ...(flags.summaries === undefined ? {} : { summaries: flags.summaries }),
      ...(flags.predictiveDraws === undefined ? {} : { predictiveDraws: flags.predictiveDraws }),
      ...(resume === undefined ? {} : { resume }),
      // Small batches, so Ctrl-C is honoured within seconds (the batch size never changes the result).
      batchSize: Math.max(16, 8 * Math.max(1, flags.workers)),
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
      runBatch: (prepared) => {
        summaryNames = prepared.summaries.names;
        summaryObserved = prepared.summaries.observed;
        return async (batch) => {
          pool ??= calibrationPool(checked.network, prepared.spec, { workers: flags.workers, workerUrl: WORKER_URL });
          return (await pool).runBatch(batch);
        };
      },
    });
  } finally {
    progress.done();
    process.off('SIGINT', onInterrupt);
    await pool?.then(
      (p) => p.close(),
      () => {},
    );
  }
  const note = `Calibrated to ${basename(flags.data)} by hearsay calibrate (seed ${String(seed)}).`;
  const calibrated = calibratedScenarioFile(file, c, result, note);
  const files = calibrationFiles(result, { source: basename(flags.data), scenario: basename(path), currency: file.currency ?? 'kr', calibrated, summaryNames, summaryObserved });
  mkdirSync(out, { recursive: true });
  for (const [name, content] of files) writeFileSync(join(out, name), content);
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  const coverage = predictiveCoverage(result);
  process.stdout.write(
    `${result.stoppedBy === 'aborted' ? 'Interrupted: wrote the last complete population' : 'Calibrated'} (generation ${result.abc.generation}, ${result.simulations} simulations, stopped by ${result.stoppedBy}, final tolerance ${result.tolerance.toPrecision(3)}, ESS ${Math.round(result.ess)}; ${coverage.inside} of ${coverage.total} observed values inside their 90% band) to ${out}: ${[...files.keys()].join(', ')}\n`,
  );
}
