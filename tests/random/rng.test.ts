import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Sfc32, createRng, deriveRng, replicateRng, seedKey, uint32Threshold } from '../../src/index.js';
import type { Rng } from '../../src/index.js';
import { Z, continuousChiSquare, discreteChiSquare, expectFit, expectInvalid, expectMoments } from './statistics.js';

const TWO_32 = 2 ** 32;

function take(rng: Rng, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(rng.next());
  return out;
}

/** Uniform(0, 1): mean 1/2, variance 1/12, fourth central moment 1/80. */
const UNIFORM_01 = { mean: 0.5, variance: 1 / 12, mu4: 1 / 80 };

describe('seedKey', () => {
  it('turns numbers and strings into the stream name', () => {
    expect(seedKey(42)).toBe('42');
    expect(seedKey(-3.5)).toBe('-3.5');
    expect(seedKey('pilot-2026')).toBe('pilot-2026');
  });

  it('rejects seeds that are not finite numbers or non-empty strings, naming the field', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, '', null, undefined, true, {}, [1], 10n]) {
      expectInvalid(() => seedKey(bad as never), 'seed');
      expectInvalid(() => createRng(bad as never), 'seed');
      expectInvalid(() => replicateRng(bad as never, 0), 'seed');
      expectInvalid(() => deriveRng(bad as never, 'network'), 'seed');
    }
    expectInvalid(() => seedKey(Number.NaN, 'options.seed'), 'options.seed');
  });
});

describe('createRng', () => {
  it('gives the same sequence for the same seed, number or string', () => {
    expect(take(createRng(42), 1000)).toEqual(take(createRng(42), 1000));
    expect(take(createRng('pilot-2026'), 1000)).toEqual(take(createRng('pilot-2026'), 1000));
  });

  it('gives different sequences for different seeds', () => {
    const a = take(createRng(1), 100);
    expect(take(createRng(2), 100)).not.toEqual(a);
    expect(take(createRng('1x'), 100)).not.toEqual(a);
    expect(take(createRng(1.5), 100)).not.toEqual(a);
  });

  it('is seedrandom Alea on the stream "hearsay/<seed>" (the names DESIGN.md promises)', () => {
    const rng = createRng(42);
    const alea = seedrandom.alea('hearsay/42');
    expect(rng.stream).toBe('hearsay/42');
    for (let i = 0; i < 100; i++) {
      expect(rng.next()).toBe(alea.double());
      expect(rng.uint32()).toBe(alea.int32() >>> 0);
    }
  });

  it('next() is in [0, 1) with 53 bits; uint32() is an integer in [0, 2^32)', () => {
    const rng = createRng('bits');
    let beyond32Bits = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      expect(Number.isInteger(x * 2 ** 53)).toBe(true);
      if (!Number.isInteger(x * TWO_32)) beyond32Bits++;
      const u = rng.uint32();
      expect(Number.isInteger(u) && u >= 0 && u < TWO_32).toBe(true);
    }
    // A 32-bit generator would give 0 here; with 53 bits, all but ~10_000·2^-21.
    expect(beyond32Bits).toBeGreaterThan(9_990);
  });

  it('next() is uniform: moments and a 100-bin chi-square', () => {
    const rng = createRng('uniformity');
    const xs = Float64Array.from({ length: 400_000 }, () => rng.next());
    expectMoments(xs, UNIFORM_01, 'Rng.next');
    expectFit(continuousChiSquare(xs, (x) => x, 100, 0, 1), 'Rng.next');
  });

  it('uint32() is uniform: top byte chi-square and every bit set half the time', () => {
    const rng = createRng('uint32');
    const n = 200_000;
    const topByte = new Float64Array(n);
    const ones = new Float64Array(32);
    for (let i = 0; i < n; i++) {
      const u = rng.uint32();
      topByte[i] = u >>> 24;
      for (let b = 0; b < 32; b++) ones[b]! += (u >>> b) & 1;
    }
    expectFit(discreteChiSquare(topByte, new Float64Array(256).fill(1 / 256)), 'Rng.uint32 top byte');
    // Each bit count is Binomial(n, 1/2): SE = √(n/4).
    for (let b = 0; b < 32; b++) expect(Math.abs(ones[b]! - n / 2), `bit ${b}`).toBeLessThan(Z * Math.sqrt(n / 4));
  });
});

describe('replicateRng and deriveRng', () => {
  it('replicate i depends only on (seed, i), not on which other replicates ran or in what order', () => {
    const alone = take(replicateRng(7, 5), 200);
    // Interleave draws from many replicates, created in reverse order.
    const rngs = Array.from({ length: 10 }, (_, i) => replicateRng(7, 9 - i));
    const interleaved: number[] = [];
    for (let step = 0; step < 200; step++) {
      for (const r of rngs) {
        const x = r.next();
        if (r.stream === 'hearsay/7/replicate/5') interleaved.push(x);
      }
    }
    expect(interleaved).toEqual(alone);
    expect(replicateRng(7, 5).stream).toBe('hearsay/7/replicate/5');
    expect(take(replicateRng('7', 5), 200)).toEqual(alone);
  });

  it('different replicates, seeds and paths give different streams', () => {
    const base = take(replicateRng(7, 0), 50);
    expect(take(replicateRng(7, 1), 50)).not.toEqual(base);
    expect(take(replicateRng(8, 0), 50)).not.toEqual(base);
    expect(take(createRng(7), 50)).not.toEqual(base);
    expect(take(deriveRng(7, 'network'), 50)).not.toEqual(base);
    expect(take(deriveRng(7, 'replicate', 0), 50)).toEqual(base);
    expect(deriveRng(7, 'network', 3).stream).toBe('hearsay/7/network/3');
  });

  it('neighbouring replicate streams are uncorrelated (|r| < Z/√N)', () => {
    const n = 100_000;
    const a = replicateRng(2026, 0);
    const b = replicateRng(2026, 1);
    let sab = 0;
    let sa = 0;
    let sb = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      const x = a.next();
      const y = b.next();
      sa += x;
      sb += y;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    const cov = sab / n - (sa / n) * (sb / n);
    const r = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
    // Under independence the sample correlation has SE ≈ 1/√N.
    expect(Math.abs(r)).toBeLessThan(Z / Math.sqrt(n));
  });

  it('rejects bad replicate indices and path parts, naming the field', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, '0']) expectInvalid(() => replicateRng(1, bad as never), 'replicate');
    expectInvalid(() => deriveRng(1, 'network', 2.5), 'path[1]');
    expectInvalid(() => deriveRng(1, Number.NaN), 'path[0]');
  });
});

/**
 * sfc32 as published (PractRand's sfc32, version 4), written out with BigInt so that
 * no 32-bit JavaScript trick is shared with src/random/fast.ts:
 *   tmp = a + b + counter++; a = b ^ (b >> 9); b = c + (c << 3); c = rotl(c, 21) + tmp.
 * Seeding as in PractRand and the sfc32 of src/: set (a, b, c, counter), discard 12.
 */
function sfc32Reference(seed: [number, number, number, number], count: number, discard = 12): number[] {
  const M = 0xffff_ffffn;
  let [a, b, c, counter] = seed.map((x) => BigInt(x >>> 0)) as [bigint, bigint, bigint, bigint];
  const out: number[] = [];
  for (let i = 0; i < discard + count; i++) {
    const tmp = (a + b + counter) & M;
    counter = (counter + 1n) & M;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M;
    c = ((((c << 21n) | (c >> 11n)) & M) + tmp) & M;
    if (i >= discard) out.push(Number(tmp));
  }
  return out;
}

function takeUint32(gen: Sfc32, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(gen.nextUint32());
  return out;
}

describe('Sfc32', () => {
  it("matches PractRand's published sfc32 output", () => {
    // `RNG_output sfc32 64 0x0` and `RNG_output sfc32 64 0x123456789ABCDEF` from PractRand
    // pre0.95, as recorded in the test vectors of the Rust crate sfc_prng (src/sfc32.rs):
    // a 64-bit seed s sets a = 0, b = low word, c = high word, counter = 1, then 12 rounds.
    const seedZero = [0x514676c3, 0x08a809df, 0x30349d2b, 0xfb52c520, 0x38802be1, 0x948279e6, 0xec4bf1d9, 0x7cb0a909];
    const seedHex = [0x84712d97, 0xf5a3d9c8, 0x5cd0a295, 0x35e05b54, 0x4c627ca1, 0x33a043e2, 0xb6113c67, 0x7cab9699];
    expect(takeUint32(new Sfc32(0, 0, 0, 1), 8)).toEqual(seedZero);
    expect(takeUint32(new Sfc32(0, 0x89abcdef, 0x01234567, 1), 8)).toEqual(seedHex);
    expect(sfc32Reference([0, 0, 0, 1], 8)).toEqual(seedZero);
    // Amit Patel's sfc32(0, 12345, 0, 1) with 12 outputs discarded (simblob.blogspot.com,
    // "Upgrading my PRNG", 2022), as recorded in the Go package maloquacious/prng.
    expect(takeUint32(new Sfc32(0, 12345, 0, 1), 5)).toEqual([235160590, 2967261163, 116171463, 2882324903, 362604721]);
  });

  it('matches a BigInt reimplementation over 1000 outputs from arbitrary states', () => {
    const seeder = createRng('sfc32-states');
    for (let trial = 0; trial < 20; trial++) {
      const seed: [number, number, number, number] = [seeder.uint32(), seeder.uint32(), seeder.uint32(), seeder.uint32()];
      expect(takeUint32(new Sfc32(...seed), 1000)).toEqual(sfc32Reference(seed, 1000));
    }
    // Counter wrap-around and all-ones words.
    const edge: [number, number, number, number] = [0xffffffff, 0xffffffff, 0xffffffff, 0xfffffff8];
    expect(takeUint32(new Sfc32(...edge), 100)).toEqual(sfc32Reference(edge, 100));
  });

  it('seeds deterministically from an Rng stream: fromRng and seedFrom agree', () => {
    const a = Sfc32.fromRng(createRng(99));
    const b = new Sfc32(0, 0, 0, 1);
    b.seedFrom(createRng(99));
    const words = createRng(99);
    const c = new Sfc32(words.uint32(), words.uint32(), words.uint32(), words.uint32());
    const seqA = takeUint32(a, 100);
    expect(takeUint32(b, 100)).toEqual(seqA);
    expect(takeUint32(c, 100)).toEqual(seqA);
    expect(takeUint32(Sfc32.fromRng(createRng(100)), 100)).not.toEqual(seqA);
  });

  it('nextFloat is nextUint32 / 2^32 in [0, 1); nextFloatOpen0 is (nextUint32 + 1) / 2^32 in (0, 1]', () => {
    const ints = Sfc32.fromRng(createRng('floats'));
    const floats = Sfc32.fromRng(createRng('floats'));
    const open = Sfc32.fromRng(createRng('floats'));
    for (let i = 0; i < 10_000; i++) {
      const u = ints.nextUint32();
      const f = floats.nextFloat();
      const g = open.nextFloatOpen0();
      expect(f).toBe(u / TWO_32);
      expect(g).toBe((u + 1) / TWO_32);
      expect(f >= 0 && f < 1 && g > 0 && g <= 1).toBe(true);
    }
  });

  it('is uniform: moments, a 100-bin chi-square, every bit, and consecutive pairs', () => {
    const gen = Sfc32.fromRng(createRng('sfc32-uniformity'));
    const n = 400_000;
    const xs = Float64Array.from({ length: n }, () => gen.nextFloat());
    expectMoments(xs, UNIFORM_01, 'Sfc32.nextFloat');
    expectFit(continuousChiSquare(xs, (x) => x, 100, 0, 1), 'Sfc32.nextFloat');

    const ones = new Float64Array(32);
    const pairs = new Float64Array(n / 2);
    for (let i = 0; i < n / 2; i++) {
      const u = gen.nextUint32();
      const v = gen.nextUint32();
      for (let b = 0; b < 32; b++) ones[b]! += ((u >>> b) & 1) + ((v >>> b) & 1);
      pairs[i] = (u >>> 28) * 16 + (v >>> 28); // 256 cells of (top nibble, next top nibble)
    }
    for (let b = 0; b < 32; b++) expect(Math.abs(ones[b]! - n / 2), `bit ${b}`).toBeLessThan(Z * Math.sqrt(n / 4));
    expectFit(discreteChiSquare(pairs, new Float64Array(256).fill(1 / 256)), 'Sfc32 pairs');
  });
});

describe('uint32Threshold', () => {
  it('is floor(p · 2^32): 0 never passes, 1 always does', () => {
    expect(uint32Threshold(0)).toBe(0);
    expect(uint32Threshold(1)).toBe(TWO_32);
    expect(uint32Threshold(0.5)).toBe(2 ** 31);
    expect(uint32Threshold(0.3)).toBe(Math.floor(0.3 * TWO_32));
    expect(uint32Threshold(2 ** -32)).toBe(1);
    expect(0xffffffff < uint32Threshold(1)).toBe(true);
    expect(0 < uint32Threshold(0)).toBe(false);
  });

  it('gives Bernoulli(p) trials with nextUint32 (count within Z·SE of the binomial)', () => {
    const gen = Sfc32.fromRng(createRng('threshold'));
    for (const p of [0.001, 0.3, 0.97]) {
      const threshold = uint32Threshold(p);
      const n = 200_000;
      let hits = 0;
      for (let i = 0; i < n; i++) if (gen.nextUint32() < threshold) hits++;
      // hits ~ Binomial(n, p): SE = √(n p (1 − p)).
      expect(Math.abs(hits - n * p), `p = ${p}`).toBeLessThan(Z * Math.sqrt(n * p * (1 - p)));
    }
  });
});

describe('stream names cannot collide', () => {
  const first = (rng: Rng) => [rng.next(), rng.next(), rng.next()];
  it('a seed containing "/" is not replicate 5 of seed 7', () => {
    expect(createRng('7/replicate/5').stream).toBe('hearsay/7%2Freplicate%2F5');
    expect(first(createRng('7/replicate/5'))).not.toEqual(first(replicateRng(7, 5)));
    expect(first(deriveRng('a/b', 'c'))).not.toEqual(first(deriveRng('a', 'b', 'c')));
    expect(first(deriveRng('a%2Fb', 'c'))).not.toEqual(first(deriveRng('a/b', 'c')));
  });
  it('the number 42 and the string "42" are the same seed (documented)', () => {
    expect(first(createRng(42))).toEqual(first(createRng('42')));
  });
});

describe('run-time samplers reject non-finite parameters instead of looping', () => {
  it('drawPoisson and drawBinomial', async () => {
    const { drawPoisson, drawBinomial, InvalidParameterError } = await import('../../src/index.js');
    const rng = createRng(1);
    expect(() => drawPoisson(rng, Number.NaN)).toThrow(InvalidParameterError);
    expect(() => drawPoisson(rng, Infinity)).toThrow(/mean: expected a finite number ≥ 0, received Infinity/);
    expect(() => drawBinomial(rng, 10, Number.NaN)).toThrow(/probability/);
    expect(() => drawBinomial(rng, 2.5, 0.5)).toThrow(/trials/);
  });
});
