// Shards: N contiguous, balanced parts of a run's replicates, and the I/N notation.
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, parseShard, shardRange } from '../../src/index.js';

describe('shardRange', () => {
  it('the worked examples', () => {
    expect([0, 1, 2, 3].map((i) => shardRange(10, i, 4))).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
      { from: 6, to: 8 },
      { from: 8, to: 10 },
    ]);
    expect(shardRange(7, 0, 1)).toEqual({ from: 0, to: 7 });
    expect(shardRange(5, 4, 5)).toEqual({ from: 4, to: 5 });
  });

  // Exhaustive over every total up to 150 and every shard count up to the total (11,325
  // splits): the shards, in index order, tile 0 … total−1 with no overlap and no gap, none
  // is empty, and their sizes are ⌊total/N⌋ or ⌈total/N⌉.
  it('shards of any N cover every replicate exactly once, sizes differing by at most 1', () => {
    // Checked in plain code, one expect at the end (an expect per replicate is slow).
    const failures: string[] = [];
    for (let total = 1; total <= 150; total++) {
      for (let count = 1; count <= total; count++) {
        const seen = new Uint8Array(total);
        let next = 0;
        let min = Infinity;
        let max = 0;
        for (let i = 0; i < count; i++) {
          const { from, to } = shardRange(total, i, count);
          if (from !== next) failures.push(`${i}/${count} of ${total} starts at ${from}, not ${next}`);
          for (let r = from; r < to; r++) seen[r]!++;
          next = to;
          min = Math.min(min, to - from);
          max = Math.max(max, to - from);
        }
        if (next !== total) failures.push(`${count} shards of ${total} end at ${next}`);
        if (!seen.every((x) => x === 1)) failures.push(`${count} shards of ${total} do not cover each replicate once`);
        if (min !== Math.floor(total / count) || max - min > 1) failures.push(`${count} shards of ${total}: sizes ${min}–${max}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('large runs: exact integers, no overflow, the last shard ends at the total', () => {
    const total = 1e9;
    for (const count of [1, 3, 7, 1000, 999_999_937, 1e9]) {
      expect(shardRange(total, count - 1, count).to).toBe(total);
      const mid = Math.floor(count / 2);
      const a = shardRange(total, mid, count);
      expect(Number.isSafeInteger(a.from) && Number.isSafeInteger(a.to)).toBe(true);
      if (mid + 1 < count) expect(shardRange(total, mid + 1, count).from).toBe(a.to);
    }
  });

  it('more shards than replicates is refused: no shard may be empty', () => {
    expect(() => shardRange(3, 0, 4)).toThrow(InvalidParameterError);
    expect(() => shardRange(3, 0, 4)).toThrow(/count: expected at most as many shards as replicates \(3\), so that no shard is empty, received 4/);
  });

  it.each([
    [10, 4, 4, /index: expected an integer between 0 and 3, received 4/],
    [10, -1, 4, /index/],
    [10, 1.5, 4, /index/],
    [10, 0, 0, /count: expected an integer between 1/],
    [0, 0, 1, /total: expected an integer between 1/],
    [1.5, 0, 1, /total/],
    [Number.NaN, 0, 1, /total/],
  ])('shardRange(%s, %s, %s) is refused', (total, index, count, message) => {
    expect(() => shardRange(total, index, count)).toThrow(InvalidParameterError);
    expect(() => shardRange(total, index, count)).toThrow(message);
  });
});

describe('parseShard', () => {
  it('reads I/N, 0-based', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
  });

  it.each(['4/4', '5/4', '1/0', '0/0', '-1/4', '1/-4', 'a/b', '1', '1/2/3', '', '1.5/4', ' /4', '0x1/4', '99999999999/100000000000'])('refuses %j naming the shard', (text) => {
    expect(() => parseShard(text)).toThrow(InvalidParameterError);
    expect(() => parseShard(text)).toThrow(/^shard: expected I\/N/);
  });
});
