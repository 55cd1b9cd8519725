/**
 * `hearsay spread`: the classic cascade (or the threshold and rumour models) on an edge
 * list, many replicates, one summary.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import {
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
import { VERSION } from '../version.js';
import { UsageError } from './errors.js';
import { listArg, positiveIntArg, probabilityArg, replicatesArg, seedArg } from './options.js';
import { DEFAULT_WORKERS, runSpec, workersArg } from './run.js';

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
  workers: number;
  quiet?: boolean;
}

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
    .option('--seed <s>', 'seed (number or text); the same seed gives the same numbers', seedArg, 1)
    .addOption(new Option('--model <model>', 'spread model').choices(['cascade', 'threshold', 'rumour']).default('cascade'))
    .option('--threshold <t>', 'threshold model: "uniform" (default) or a share in (0, 1]')
    .option('--directed', 'read "source target" as "source tells target" only')
    .option('--drop-duplicates', 'keep the first of repeated ties instead of failing')
    .option('--drop-self-loops', 'leave out self-loops instead of failing')
    .option('--json', 'print one JSON object on stdout')
    .option('--samples', 'with --json: add every replicate\'s count as reached.samples')
    .option('--partial', 'print a partial result (every sample of every metric) for `hearsay merge`')
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
  let text: string;
  try {
    text = readFileSync(flags.edges, 'utf8');
  } catch (error) {
    throw new UsageError(`--edges: cannot read ${JSON.stringify(flags.edges)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const network = parseEdgeList(text, {
    source: flags.edges,
    directed: flags.directed ?? false,
    onDuplicate: flags.dropDuplicates ? 'drop' : 'error',
    onSelfLoop: flags.dropSelfLoops ? 'drop' : 'error',
  });
  const tellers: StorySpec['tellers'] = flags.tellersList ?? { count: flags.tellers! };
  const spec = kernelSpec(flags, tellers);
  // Build once here, where errors can name the flag the user typed.
  asUsage(flags.tellersList ? '--tellers-list' : '--tellers', () => buildKernel(network, spec));
  const result = await runSpec(network, spec, {
    seed: flags.seed,
    replicates: flags.replicates,
    workers: flags.workers,
    samples: (flags.samples ?? false) || (flags.partial ?? false),
    quiet: flags.quiet ?? false,
  });
  if (flags.partial) {
    const meta = { command: 'spread', seed: flags.seed, model: flags.model, edges: flags.edges };
    process.stdout.write(`${JSON.stringify(toPartialResult(result, runFingerprint(network, spec), VERSION, meta))}\n`);
    return;
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(spreadJson(result, flags.seed, flags.model, flags.samples ?? false))}\n`);
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

/** The JSON of `spread --json`, also printed by `merge` for merged spread partials. */
export function spreadJson(result: MonteCarloResult, seed: number | string, model: string, samples: boolean) {
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
    msPerReplicate: result.elapsedMs / result.replicates,
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
