/**
 * `--shard I/N | auto [--shards N]`: which share of a run this process computes. `auto`
 * reads the job array index the scheduler sets:
 *
 * - Slurm (`sbatch --array=A-B`): SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and
 *   SLURM_ARRAY_TASK_COUNT; shard = (ID − MIN) / STEP of COUNT, so an array may start at
 *   any index (`--array=1-8` is shards 0 … 7 of 8). With a step (`--array=0-15:4`) the
 *   shards are the steps. A list with uneven gaps (`--array=1,2,7`) is refused.
 * - Kubernetes indexed Jobs: JOB_COMPLETION_INDEX (0-based), with `--shards N` (the Job's
 *   `completions`, which the pod cannot see).
 * - AWS Batch array jobs: AWS_BATCH_JOB_ARRAY_INDEX (0-based), with `--shards N` (the
 *   array size).
 *
 * The environment is passed in (not read from `process.env` here) so every case can be
 * tested. A missing, non-integer or inconsistent value is a UsageError naming the variable.
 */
import { InvalidParameterError } from '../errors.js';
import { parseShard, shardRange, type Shard } from '../monte-carlo/shards.js';
import type { ReplicateRange } from '../monte-carlo/runner.js';
import { UsageError } from './errors.js';

export type Environment = Readonly<Record<string, string | undefined>>;

const SCHEDULERS = [
  { variable: 'SLURM_ARRAY_TASK_ID', name: 'a Slurm job array' },
  { variable: 'JOB_COMPLETION_INDEX', name: 'a Kubernetes indexed Job' },
  { variable: 'AWS_BATCH_JOB_ARRAY_INDEX', name: 'an AWS Batch array job' },
] as const;

/** A whole number ≥ 0 from the environment, or a UsageError naming the variable. */
function integerVariable(env: Environment, variable: string, why: string): number {
  const text = env[variable];
  if (text === undefined) throw new UsageError(`--shard auto: ${variable} is not set (${why})`);
  if (!/^\d{1,10}$/.test(text)) {
    throw new UsageError(`--shard auto: ${variable}: expected a whole number ≥ 0, received ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function slurmShard(env: Environment, shards: number | undefined): Shard {
  const id = integerVariable(env, 'SLURM_ARRAY_TASK_ID', 'Slurm sets it in every task of a job array');
  const min = integerVariable(env, 'SLURM_ARRAY_TASK_MIN', 'Slurm sets it beside SLURM_ARRAY_TASK_ID: the first index of the array');
  const count = integerVariable(env, 'SLURM_ARRAY_TASK_COUNT', 'Slurm sets it beside SLURM_ARRAY_TASK_ID: the number of tasks of the array');
  const step = env.SLURM_ARRAY_TASK_STEP === undefined ? 1 : integerVariable(env, 'SLURM_ARRAY_TASK_STEP', '');
  if (count < 1) throw new UsageError(`--shard auto: SLURM_ARRAY_TASK_COUNT: expected at least 1 task, received "${count}"`);
  if (step < 1) throw new UsageError(`--shard auto: SLURM_ARRAY_TASK_STEP: expected a step of at least 1, received "${step}"`);
  if (id < min || (id - min) % step !== 0) {
    throw new UsageError(`--shard auto: SLURM_ARRAY_TASK_ID: expected MIN (${min}) plus a multiple of the step (${step}), received "${id}"`);
  }
  if (env.SLURM_ARRAY_TASK_MAX !== undefined) {
    const max = integerVariable(env, 'SLURM_ARRAY_TASK_MAX', '');
    if (max < min || (max - min) % step !== 0 || (max - min) / step + 1 !== count) {
      throw new UsageError(
        `--shard auto: SLURM_ARRAY_TASK_COUNT: expected the ${Math.floor((max - min) / step) + 1} tasks from SLURM_ARRAY_TASK_MIN (${min}) to SLURM_ARRAY_TASK_MAX (${max}) in steps of ${step}, received "${count}" — submit the array as a range (--array=0-${count - 1})`,
      );
    }
  }
  const index = (id - min) / step;
  if (index >= count) {
    throw new UsageError(`--shard auto: SLURM_ARRAY_TASK_ID: expected at most ${min + (count - 1) * step} (the last of SLURM_ARRAY_TASK_COUNT=${count} tasks from ${min}), received "${id}"`);
  }
  if (shards !== undefined && shards !== count) {
    throw new UsageError(`--shards: expected the array's SLURM_ARRAY_TASK_COUNT (${count}) or nothing, received ${shards}`);
  }
  return { index, count };
}

function indexedShard(env: Environment, variable: string, name: string, shards: number | undefined): Shard {
  const index = integerVariable(env, variable, '');
  if (shards === undefined) {
    throw new UsageError(`--shard auto: ${variable} is set (${name}) but the number of shards is not: give --shards N (the number of tasks)`);
  }
  if (index >= shards) {
    throw new UsageError(`--shard auto: ${variable}: expected an index below --shards (${shards}), received "${index}"`);
  }
  return { index, count: shards };
}

/**
 * The shard this process is, from the scheduler's environment (see the module comment).
 * @param shards the `--shards N` flag, if given.
 */
export function shardFromEnvironment(env: Environment, shards?: number): Shard {
  const present = SCHEDULERS.filter((s) => env[s.variable] !== undefined);
  if (present.length === 0) {
    throw new UsageError(
      `--shard auto: found no job array index in the environment: expected ${SCHEDULERS.map((s) => `${s.variable} (${s.name})`).join(', ')}; outside a job array give --shard I/N`,
    );
  }
  if (present.length > 1) {
    throw new UsageError(`--shard auto: ${present.map((s) => s.variable).join(' and ')} are both set: expected the index of one scheduler only (unset the other, or give --shard I/N)`);
  }
  const scheduler = present[0]!;
  if (scheduler.variable === 'SLURM_ARRAY_TASK_ID') return slurmShard(env, shards);
  return indexedShard(env, scheduler.variable, scheduler.name, shards);
}

export interface ShardFlags {
  readonly shard?: string;
  readonly shards?: number;
}

/** The shard named by `--shard` (and `--shards`), or undefined for an unsharded run. */
export function shardOf(flags: ShardFlags, env: Environment): Shard | undefined {
  if (flags.shard === undefined) {
    if (flags.shards !== undefined) throw new UsageError('--shards: only with --shard auto');
    return undefined;
  }
  if (flags.shard === 'auto') return shardFromEnvironment(env, flags.shards);
  if (flags.shards !== undefined) throw new UsageError('--shards: only with --shard auto (--shard I/N names the count already)');
  try {
    return parseShard(flags.shard);
  } catch (error) {
    if (error instanceof InvalidParameterError) throw new UsageError(`--${error.message}`);
    throw error;
  }
}

/** The replicates of `shard` in a run of `total`, or a UsageError for too many shards. */
export function shardReplicates(total: number, shard: Shard): ReplicateRange {
  if (shard.count > total) {
    throw new UsageError(`--shard: expected at most as many shards as replicates (${total}), so that no shard is empty, received ${shard.count} shards`);
  }
  return shardRange(total, shard.index, shard.count);
}
