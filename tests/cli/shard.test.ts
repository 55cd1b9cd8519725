// --shard I/N | auto [--shards N]: the shard from the flag or from the scheduler's
// environment (Slurm, Kubernetes indexed Jobs, AWS Batch), and every wrong or missing
// variable named in one usage error.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { shardFromEnvironment, shardOf, shardReplicates, type Environment } from '../../src/cli/shard.js';

const slurm = (id: string, extra: Environment = {}): Environment => ({
  SLURM_ARRAY_JOB_ID: '41',
  SLURM_ARRAY_TASK_ID: id,
  SLURM_ARRAY_TASK_MIN: '0',
  SLURM_ARRAY_TASK_MAX: '3',
  SLURM_ARRAY_TASK_COUNT: '4',
  SLURM_ARRAY_TASK_STEP: '1',
  ...extra,
});

function refused(run: () => unknown, message: RegExp) {
  expect(run).toThrow(UsageError);
  expect(run).toThrow(message);
}

describe('Slurm', () => {
  it('index = ID − MIN, count = COUNT', () => {
    expect(['0', '1', '2', '3'].map((id) => shardFromEnvironment(slurm(id)))).toEqual([0, 1, 2, 3].map((index) => ({ index, count: 4 })));
  });

  it('an array that starts elsewhere (--array=1-8), or has a step (--array=0-15:4)', () => {
    const from1 = { SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '8', SLURM_ARRAY_TASK_COUNT: '8' };
    expect(shardFromEnvironment(slurm('1', from1))).toEqual({ index: 0, count: 8 });
    expect(shardFromEnvironment(slurm('8', from1))).toEqual({ index: 7, count: 8 });
    const stepped = { SLURM_ARRAY_TASK_MAX: '12', SLURM_ARRAY_TASK_STEP: '4' };
    expect(shardFromEnvironment(slurm('8', stepped))).toEqual({ index: 2, count: 4 });
    refused(() => shardFromEnvironment(slurm('6', stepped)), /SLURM_ARRAY_TASK_ID: expected MIN \(0\) plus a multiple of the step \(4\), received "6"/);
  });

  it('without MAX and STEP (older Slurm): MIN and COUNT suffice', () => {
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '3', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 2, count: 4 });
  });

  it('--shards must agree with the array', () => {
    expect(shardFromEnvironment(slurm('2'), 4)).toEqual({ index: 2, count: 4 });
    refused(() => shardFromEnvironment(slurm('2'), 5), /^--shards: expected the array's SLURM_ARRAY_TASK_COUNT \(4\) or nothing, received 5$/);
  });

  it.each<[string, Environment, RegExp]>([
    ['no MIN', { SLURM_ARRAY_TASK_MIN: undefined }, /SLURM_ARRAY_TASK_MIN is not set/],
    ['no COUNT', { SLURM_ARRAY_TASK_COUNT: undefined }, /SLURM_ARRAY_TASK_COUNT is not set/],
    ['a non-integer ID', { SLURM_ARRAY_TASK_ID: '2a' }, /SLURM_ARRAY_TASK_ID: expected a whole number ≥ 0, received "2a"/],
    ['an empty ID', { SLURM_ARRAY_TASK_ID: '' }, /SLURM_ARRAY_TASK_ID: expected a whole number ≥ 0, received ""/],
    ['a negative MIN', { SLURM_ARRAY_TASK_MIN: '-1' }, /SLURM_ARRAY_TASK_MIN: expected a whole number ≥ 0, received "-1"/],
    ['a fractional COUNT', { SLURM_ARRAY_TASK_COUNT: '4.0' }, /SLURM_ARRAY_TASK_COUNT: expected a whole number/],
    ['a COUNT of 0', { SLURM_ARRAY_TASK_COUNT: '0', SLURM_ARRAY_TASK_MAX: undefined }, /SLURM_ARRAY_TASK_COUNT: expected at least 1 task/],
    ['an ID below MIN', { SLURM_ARRAY_TASK_MIN: '3', SLURM_ARRAY_TASK_MAX: '6' }, /SLURM_ARRAY_TASK_ID: expected MIN \(3\)/],
    ['an ID past COUNT', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MAX: undefined }, /SLURM_ARRAY_TASK_ID: expected at most 3 \(the last of SLURM_ARRAY_TASK_COUNT=4 tasks from 0\), received "4"/],
    ['a list with gaps (--array=1,2,7)', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_COUNT: '3' }, /SLURM_ARRAY_TASK_COUNT: expected the 7 tasks from SLURM_ARRAY_TASK_MIN \(1\) to SLURM_ARRAY_TASK_MAX \(7\).*--array=0-2/],
  ])('%s: a usage error naming the variable', (_, change, message) => {
    refused(() => shardFromEnvironment(slurm('2', change)), message);
  });
});

describe('Kubernetes indexed Jobs and AWS Batch', () => {
  it.each(['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'])('%s with --shards N', (variable) => {
    expect(shardFromEnvironment({ [variable]: '0' }, 3)).toEqual({ index: 0, count: 3 });
    expect(shardFromEnvironment({ [variable]: '2' }, 3)).toEqual({ index: 2, count: 3 });
    refused(() => shardFromEnvironment({ [variable]: '2' }), new RegExp(`${variable} is set \\(.*\\) but the number of shards is not: give --shards N`));
    refused(() => shardFromEnvironment({ [variable]: '3' }, 3), new RegExp(`${variable}: expected an index below --shards \\(3\\), received "3"`));
    refused(() => shardFromEnvironment({ [variable]: 'one' }, 3), new RegExp(`${variable}: expected a whole number ≥ 0, received "one"`));
    refused(() => shardFromEnvironment({ [variable]: ' 1' }, 3), new RegExp(`${variable}: expected a whole number`));
  });
});

describe('which scheduler', () => {
  it('none: says which variables were looked for', () => {
    refused(() => shardFromEnvironment({ PATH: '/bin', SLURM_JOB_ID: '7' }), /no job array index in the environment: expected SLURM_ARRAY_TASK_ID \(a Slurm job array\), JOB_COMPLETION_INDEX \(a Kubernetes indexed Job\), AWS_BATCH_JOB_ARRAY_INDEX \(an AWS Batch array job\); outside a job array give --shard I\/N/);
  });

  it('two at once: names both', () => {
    refused(() => shardFromEnvironment({ ...slurm('1'), JOB_COMPLETION_INDEX: '1' }, 4), /SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX are both set/);
    refused(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '1', AWS_BATCH_JOB_ARRAY_INDEX: '1' }, 4), /JOB_COMPLETION_INDEX and AWS_BATCH_JOB_ARRAY_INDEX are both set/);
  });
});

describe('the flags', () => {
  it('--shard I/N, --shard auto, no shard', () => {
    expect(shardOf({ shard: '1/3' }, {})).toEqual({ index: 1, count: 3 });
    expect(shardOf({ shard: 'auto', shards: 3 }, { JOB_COMPLETION_INDEX: '1' })).toEqual({ index: 1, count: 3 });
    expect(shardOf({}, slurm('1'))).toBeUndefined();
  });

  it.each<[object, RegExp]>([
    [{ shard: '3/3' }, /^--shard: expected I\/N with I counted from 0, so at most 2 for N = 3, received "3\/3"$/],
    [{ shard: 'x' }, /^--shard: expected I\/N/],
    [{ shard: '1/3', shards: 3 }, /^--shards: only with --shard auto/],
    [{ shards: 3 }, /^--shards: only with --shard auto$/],
  ])('%j is refused', (flags, message) => {
    refused(() => shardOf(flags, {}), message);
  });

  it('more shards than replicates is refused', () => {
    expect(shardReplicates(10, { index: 3, count: 4 })).toEqual({ from: 8, to: 10 });
    refused(() => shardReplicates(3, { index: 0, count: 4 }), /--shard: expected at most as many shards as replicates \(3\), so that no shard is empty, received 4 shards/);
  });
});
