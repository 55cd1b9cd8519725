/**
 * One replicate, as a plain result: the entry points for users who want a single run.
 * Many replicates with summaries: see monte-carlo/.
 */
import type { Network } from '../network/types.js';
import { Rng, createRng, type Seed } from '../random/rng.js';
import { IndependentCascadeKernel, type IndependentCascadeOptions } from './classic.js';
import { resolveSpreadOptions, type SpreadOptions } from './options.js';
import { resolveStories, type StorySpec } from './stories.js';
import { SPREAD_SCALAR_METRICS, WordOfMouthKernel, type PerPersonOutcome, type SpreadScalarMetric } from './word-of-mouth.js';
import { HOP_BINS } from './workspace.js';

export interface WordOfMouthOptions extends SpreadOptions {
  /** The stories and who starts them. */
  readonly stories: readonly StorySpec[];
}

export interface SpreadResult {
  /** The stream the replicate ran on. */
  readonly stream: string;
  readonly metrics: Readonly<Record<SpreadScalarMetric, number>>;
  /** People first reached at each hop (hop 0: the tellers), trailing zeros trimmed. */
  readonly byHop: { readonly negative: number[]; readonly positive: number[]; readonly lost: number[] };
  readonly perPerson?: PerPersonOutcome;
}

/** Builds a reusable kernel (buffers allocated once) for many replicates. */
export function prepareWordOfMouth(network: Network, options: WordOfMouthOptions): WordOfMouthKernel {
  const { stories, ...rest } = options;
  return new WordOfMouthKernel(network, resolveStories(network, stories), resolveSpreadOptions(rest));
}

/**
 * Spreads the stories once and returns what happened.
 *
 * @example
 * const net = assignRoles(wattsStrogatz({ size: 1000, neighbors: 10, rewiring: 0.1, seed: 1 }),
 *   { customers: 0.3, prospects: 0.4 }, 1);
 * const r = spreadWordOfMouth(net, { stories: [{ valence: 'negative', tellers: { count: 3, among: 'customer' } }] }, 7);
 * r.metrics.lostProspects; // prospects who would have bought and did not
 */
export function spreadWordOfMouth(
  network: Network,
  options: WordOfMouthOptions,
  seed: Seed | Rng,
  { perPerson = false }: { perPerson?: boolean } = {},
): SpreadResult {
  const kernel = prepareWordOfMouth(network, options);
  const rng = seed instanceof Rng ? seed : createRng(seed);
  const row = new Float64Array(kernel.metricNames.length);
  kernel.run(rng, row);
  const metrics = Object.fromEntries(SPREAD_SCALAR_METRICS.map((m, i) => [m, row[i]!])) as Record<SpreadScalarMetric, number>;
  const k = SPREAD_SCALAR_METRICS.length;
  const hops = (offset: number) => trimZeros(Array.from(row.subarray(k + offset * HOP_BINS, k + (offset + 1) * HOP_BINS)));
  return {
    stream: rng.stream,
    metrics,
    byHop: { negative: hops(0), positive: hops(1), lost: hops(2) },
    ...(perPerson ? { perPerson: kernel.lastPerPerson() } : {}),
  };
}

export interface CascadeResult {
  readonly stream: string;
  /** People who know at the end, tellers included. */
  readonly reached: number;
  readonly arcsExamined: number;
  readonly maxHop: number;
  /** People first reached at each hop (hop 0: the tellers), trailing zeros trimmed. */
  readonly byHop: number[];
  /** 1 for every person reached, on request. */
  readonly reachedPeople?: Uint8Array;
}

/**
 * The classic independent cascade, once.
 *
 * @example
 * independentCascade(network, { probability: 0.1, tellers: { count: 5 } }, 42).reached
 */
export function independentCascade(
  network: Network,
  options: IndependentCascadeOptions,
  seed: Seed | Rng,
  { perPerson = false }: { perPerson?: boolean } = {},
): CascadeResult {
  const kernel = new IndependentCascadeKernel(network, options);
  const rng = seed instanceof Rng ? seed : createRng(seed);
  const row = new Float64Array(kernel.metricNames.length);
  kernel.run(rng, row);
  return {
    stream: rng.stream,
    reached: row[0]!,
    arcsExamined: row[1]!,
    maxHop: row[2]!,
    byHop: trimZeros(Array.from(row.subarray(3))),
    ...(perPerson ? { reachedPeople: kernel.lastReached() } : {}),
  };
}

function trimZeros(values: number[]): number[] {
  let end = values.length;
  while (end > 1 && values[end - 1] === 0) end--;
  return values.slice(0, end);
}
