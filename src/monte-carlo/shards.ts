/**
 * Shards: one run's replicates split into N contiguous, balanced parts, so that a job
 * array (Slurm, Kubernetes indexed jobs, AWS Batch) can run part I on machine I and
 * `mergeResults` can put the parts back together into exactly the whole run.
 *
 * Shard indices are 0-based (0 … N−1), as Kubernetes' JOB_COMPLETION_INDEX and AWS
 * Batch's AWS_BATCH_JOB_ARRAY_INDEX are; a Slurm array may start anywhere, and the CLI
 * subtracts SLURM_ARRAY_TASK_MIN. Every shard holds at least one replicate: more shards
 * than replicates is refused rather than handing some machines nothing to do (an empty
 * shard could not write a partial result that says which replicates it ran).
 */
import { InvalidParameterError } from '../errors.js';
import type { ReplicateRange } from './runner.js';

/** The largest replicate count and shard count accepted (as for replicate ranges). */
export const MAX_REPLICATES = 1e9;

/** Shard `index` of `count` (0-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

function requireWhole(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidParameterError(field, `an integer between ${min} and ${max}`, value);
  }
  return value;
}

/**
 * The replicates [from, to) of shard `index` of `count` when `total` replicates are
 * split: the first `total mod count` shards hold one replicate more than the others, so
 * sizes differ by at most one and the shards, in order, cover 0 … total−1 exactly once.
 *
 * @throws {InvalidParameterError} unless 1 ≤ count ≤ total and 0 ≤ index < count.
 * @example
 * shardRange(10, 0, 4); // { from: 0, to: 3 }
 * shardRange(10, 3, 4); // { from: 8, to: 10 }
 */
export function shardRange(total: number, index: number, count: number): ReplicateRange {
  requireWhole('total', total, 1, MAX_REPLICATES);
  requireWhole('count', count, 1, MAX_REPLICATES);
  if (count > total) {
    throw new InvalidParameterError('count', `at most as many shards as replicates (${total}), so that no shard is empty`, count);
  }
  requireWhole('index', index, 0, count - 1);
  const size = Math.floor(total / count);
  const extra = total % count;
  // No product index × total: it could pass 2^53 for large runs.
  const from = index * size + Math.min(index, extra);
  return { from, to: from + size + (index < extra ? 1 : 0) };
}

/**
 * Reads `I/N` (shard I of N, 0-based: `0/4` … `3/4`).
 *
 * @throws {InvalidParameterError} naming `shard` for anything else (`4/4`, `1/0`, `-1/4`, `a/b`).
 * @example
 * parseShard('2/8'); // { index: 2, count: 8 }
 */
export function parseShard(text: string, field = 'shard'): Shard {
  const m = typeof text === 'string' ? /^(\d{1,10})\/(\d{1,10})$/.exec(text.trim()) : null;
  if (m === null) {
    throw new InvalidParameterError(field, 'I/N, shard I of N counted from 0 (e.g. 0/4 … 3/4)', text);
  }
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_REPLICATES) {
    throw new InvalidParameterError(field, `I/N with N between 1 and ${MAX_REPLICATES}`, text);
  }
  if (index >= count) {
    throw new InvalidParameterError(field, `I/N with I counted from 0, so at most ${count - 1} for N = ${count}`, text);
  }
  return { index, count };
}
