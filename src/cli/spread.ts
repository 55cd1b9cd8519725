/**
 * `hearsay spread`: the classic cascade (or the threshold and rumour models) on an edge
 * list, many replicates, one summary.
 */
import { Command, Option } from 'commander';
import {
  GraphStructureError,
  InvalidParameterError,
  UnknownNodeError,
  buildKernel,
  edgeCount,
  parseEdgeList,
  runFingerprint,
  toPartialResult,
  type KernelSpec,
  type MetricSummary,
  type MonteCarloResult,
  type StorySpec,
} from '../index.js';
import { DEFAULT_LIMITS } from '../scenario-file/parse.js';
import { VERSION } from '../version.js';
import { UsageError } from './errors.js';
import { FileRefusedError, MAX_TEXT_LENGTH, readRegularFile } from './files.js';
import { listArg, positiveIntArg, probabilityArg, replicatesArg, seedArg } from './options.js';
import { DEFAULT_WORKERS, runSpec, workersArg } from './run.js';
import { shardOf, shardReplicates } from './shard.js';

interface SpreadFlags {
  edges: string;
  probability?: number;
  tellers?: number;
  tellersList?: string[];
  replicates: number | { from: number; to: number };
  seed: number | string;
  model: 'cascade' | 'threshold' | 'rumour';
  threshold?: string;
  directed?: boolean;
  dropDuplicates?: boolean;
  dropSelfLoops?: boolean;
  json?: boolean;
  samples?: boolean;
  partial?: boolean;
  shard?: string;
  shards?: number;
  timing?: boolean;
  maxReplicates?: number;
  workers: number;
  quiet?: boolean;
}

/** The metrics a spread partial carries: what `spread --json` prints (the rest stay on the machine). */
export const SPREAD_PARTIAL_METRICS = ['reached'] as const;
export const SPREAD_MODELS = ['cascade', 'threshold', 'rumour'] as const;

export function spreadCommand(): Command {
  return new Command('spread')
    .summary('spread one story through an edge list, many times')
    .description(
      'Runs the classic independent cascade on an edge list: every tie passes the story with the same\n' +
        'probability, every person reached retells, no roles. K tellers are drawn afresh in every\n' +
        'replicate (--tellers K) or the same people are named each time (--tellers-list a,b,c).\n' +
        '--model threshold (linear threshold) and --model rumour (Maki–Thompson) run the other kernels.',
    )
    .requiredOption('--edges <file>', 'edge list: "source target [trust]" per line, comma or blank separated, # comments')
    .option('--probability <p>', 'chance a tie passes the story (cascade and rumour)', probabilityArg)
    .option('--tellers <k>', 'draw K tellers uniformly at random in every replicate', positiveIntArg)
    .option('--tellers-list <ids>', 'the same tellers every replicate, comma-separated ids', listArg)
    .option('--replicates <r>', 'number of replicates R, or a range FROM:TO of replicate indices', replicatesArg, 1000)
    .option('--max-replicates <n>', `refuse more replicates than this (default ${DEFAULT_LIMITS.maxReplicates})`, positiveIntArg)
    .option('--seed <s>', 'seed (number or text); the same seed gives the same numbers', seedArg, 1)
    .addOption(new Option('--model <model>', 'spread model').choices(['cascade', 'threshold', 'rumour']).default('cascade'))
    .option('--threshold <t>', 'threshold model: "uniform" (default) or a share in (0, 1]')
    .option('--directed', 'read "source target" as "source tells target" only')
    .option('--drop-duplicates', 'keep the first of repeated ties instead of failing')
    .option('--drop-self-loops', 'leave out self-loops instead of failing')
    .option('--json', 'print one JSON object on stdout')
    .option('--samples', 'with --json: add every replicate\'s count as reached.samples')
    .option('--partial', 'print a partial result (every replicate\'s count) for `hearsay merge`')
    .option('--shard <I/N|auto>', 'run shard I of N (0-based) of the R replicates and print its partial result; auto: from the job array (Slurm, Kubernetes, AWS Batch)')
    .option('--shards <n>', 'with --shard auto: the number of shards, where the scheduler does not say (Kubernetes, AWS Batch)', positiveIntArg)
    .option('--timing', 'add the wall time to --json (msPerReplicate) and to partial results (elapsedMs)')
    .option('--workers <n>', 'worker threads (0: run on the main thread)', workersArg, DEFAULT_WORKERS)
    .option('--quiet', 'no progress on stderr')
    .action(async (flags: SpreadFlags) => {
      await runSpread(flags);
    });
}

async function runSpread(flags: SpreadFlags): Promise<void> {
  if ((flags.tellers === undefined) === (flags.tellersList === undefined)) {
    throw new UsageError('give exactly one of --tellers K and --tellers-list a,b,c');
  }
  if (flags.model === 'threshold') {
    if (flags.probability !== undefined) {
      throw new UsageError('--probability: the threshold model has no per-tie probability (use --threshold)');
    }
  } else {
    if (flags.probability === undefined) throw new UsageError(`--probability: required by --model ${flags.model}`);
    if (flags.threshold !== undefined) throw new UsageError('--threshold: only the threshold model has a threshold');
  }
  if (flags.samples && !flags.json) throw new UsageError('--samples: only with --json');
  if (flags.partial && (flags.json || flags.samples)) throw new UsageError('--partial: prints its own JSON; leave out --json and --samples');
  const shard = shardOf(flags, process.env);
  if (shard !== undefined && (flags.json || flags.samples || flags.partial)) {
    throw new UsageError('--shard: prints a partial result of its shard; leave out --json, --samples and --partial');
  }
  const max = flags.maxReplicates ?? DEFAULT_LIMITS.maxReplicates;
  const asked = flags.replicates;
  const end = typeof asked === 'number' ? asked : asked.to;
  if (end > max) {
    throw new UsageError(`--replicates: expected at most ${max} replicates (raise the limit with --max-replicates), received ${typeof asked === 'number' ? asked : `${asked.from}:${asked.to}`}`);
  }
  // Every output but a hand-made partial shows a standard error, which needs two replicates.
  const count = typeof asked === 'number' ? asked : asked.to - asked.from;
  if (count < 2 && !flags.partial) {
    throw new UsageError(`--replicates: expected at least 2 replicates (a standard error needs two), received ${count}`);
  }
  if (shard !== undefined && typeof asked !== 'number') {
    throw new UsageError(`--shard: splits a count of replicates (--replicates R), received the range ${asked.from}:${asked.to}`);
  }
  const replicates = shard === undefined ? asked : shardReplicates(asked as number, shard);
  let text: string;
  try {
    // Only a regular file (a FIFO or /dev/zero fails at once), no longer than Node can hold.
    text = readRegularFile(flags.edges, { maxBytes: MAX_TEXT_LENGTH });
  } catch (error) {
    throw new UsageError(`--edges: cannot read ${JSON.stringify(flags.edges)} (${error instanceof FileRefusedError ? error.reason : String(error)})`);
  }
  let network;
  try {
    network = parseEdgeList(text, {
      source: flags.edges,
      directed: flags.directed ?? false,
      onDuplicate: flags.dropDuplicates ? 'drop' : 'error',
      onSelfLoop: flags.dropSelfLoops ? 'drop' : 'error',
    });
  } catch (error) {
    // The library names its option (onDuplicate: 'drop'); the user typed a flag.
    if (error instanceof GraphStructureError && error.option !== undefined && error.remedy !== undefined) {
      const flag = error.option === 'onDuplicate' ? 'pass --drop-duplicates to keep only the first' : 'pass --drop-self-loops to leave self-loops out';
      throw new UsageError(error.message.replace(error.remedy, flag));
    }
    throw error;
  }
  const tellers: StorySpec['tellers'] = flags.tellersList ?? { count: flags.tellers! };
  const spec = kernelSpec(flags, tellers);
  // Build once here, where errors can name the flag the user typed.
  asUsage(flags.tellersList ? '--tellers-list' : '--tellers', () => buildKernel(network, spec));
  const partial = (flags.partial ?? false) || shard !== undefined;
  const result = await runSpec(network, spec, {
    seed: flags.seed,
    replicates,
    workers: flags.workers,
    samples: (flags.samples ?? false) || partial,
    quiet: flags.quiet ?? false,
  });
  if (partial) {
    const part = toPartialResult(result, {
      kind: 'spread',
      fingerprint: runFingerprint(network, spec),
      version: VERSION,
      // A count R is the whole run: a merge then checks that no part is missing.
      ...(typeof asked === 'number' ? { total: asked } : {}),
      ...(shard === undefined ? {} : { shard }),
      metrics: SPREAD_PARTIAL_METRICS,
      elapsed: flags.timing ?? false,
      meta: { seed: flags.seed, model: flags.model, edges: flags.edges },
    });
    process.stdout.write(`${JSON.stringify(part)}\n`);
    return;
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(spreadJson(result, flags.seed, flags.model, { samples: flags.samples ?? false, timing: flags.timing ?? false }))}\n`);
    return;
  }
  process.stdout.write(spreadText(result, flags, network.size, edgeCount(network)));
}

/** Re-labels a teller problem with the flag the user typed. */
function asUsage<T>(flag: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if ((error instanceof InvalidParameterError || error instanceof UnknownNodeError) && error.field.startsWith('stories[0].tellers')) {
      const detail = error.message.slice(error.message.indexOf(': ') + 2);
      throw new UsageError(`${flag}: ${detail}`);
    }
    throw error;
  }
}

function kernelSpec(flags: SpreadFlags, tellers: StorySpec['tellers']): KernelSpec {
  if (flags.model === 'cascade') {
    return { kind: 'independent-cascade', options: { probability: flags.probability!, tellers } };
  }
  const threshold = flags.threshold === undefined || flags.threshold === 'uniform' ? 'uniform' : Number(flags.threshold);
  if (typeof threshold === 'number' && !(threshold > 0 && threshold <= 1)) {
    throw new UsageError(`--threshold: expected "uniform" or a share > 0 and ≤ 1, received ${JSON.stringify(flags.threshold)}`);
  }
  return {
    kind: 'word-of-mouth',
    options: {
      model: flags.model,
      tellProbability: flags.probability ?? 1,
      transmission: 'plain',
      retellProbability: 1,
      retellDecay: 1,
      embellishment: 0,
      threshold,
      stories: [{ valence: 'negative', tellers }],
    },
  };
}

/**
 * The JSON of `spread --json`, also printed by `merge` for merged spread partials. Only
 * with `timing` does it carry the wall time, so the same seed gives the same bytes.
 */
export function spreadJson(result: MonteCarloResult, seed: number | string, model: string, { samples, timing }: { samples: boolean; timing: boolean }) {
  const s = result.summary.reached!;
  return {
    replicates: result.replicates,
    ...(result.range.from !== 0 ? { range: result.range } : {}),
    seed,
    model,
    reached: {
      mean: s.mean,
      sd: s.sd,
      se: s.se,
      p05: s.p05,
      p50: s.p50,
      p95: s.p95,
      ...(samples ? { samples: Array.from(result.samples!.reached!) } : {}),
    },
    ...(timing ? { msPerReplicate: result.elapsedMs / result.replicates } : {}),
  };
}

function fmt(x: number | null, digits = 1): string {
  return x === null ? 'n/a' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function spreadText(result: MonteCarloResult, flags: SpreadFlags, people: number, ties: number): string {
  const s: MetricSummary = result.summary.reached!;
  const tellers = flags.tellersList ? `${flags.tellersList.length} named` : `${flags.tellers} drawn at random each time`;
  const lines = [
    `hearsay spread · ${flags.edges}: ${people.toLocaleString('en-US')} people, ${ties.toLocaleString('en-US')} ties`,
    `model ${flags.model}${flags.probability === undefined ? '' : `, probability ${flags.probability}`}, tellers ${tellers}`,
    `${result.replicates.toLocaleString('en-US')} replicates, seed ${JSON.stringify(flags.seed)}, ${fmt(result.elapsedMs / result.replicates, 2)} ms per replicate`,
    '',
    `people reached (tellers included)`,
    `  mean ${fmt(s.mean)}  (95% CI ${s.ci95Low === null || s.ci95High === null ? 'n/a' : `${fmt(s.ci95Low)}–${fmt(s.ci95High)}`}, sd ${fmt(s.sd)})`,
    `  5% ${fmt(s.p05, 0)} · median ${fmt(s.p50, 0)} · 95% ${fmt(s.p95, 0)} · max ${fmt(s.max, 0)}`,
    `  share of the network: ${fmt((100 * s.mean) / people)}%`,
    '',
  ];
  return lines.join('\n');
}
