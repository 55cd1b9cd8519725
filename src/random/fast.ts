/**
 * A small, fast generator for kernels: sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator, 128-bit state, passes PractRand to at least 2^40 bytes). Kernels seed one
 * from their replicate's {@link Rng} stream, so results stay reproducible, and call it in
 * their inner loops: as a monomorphic class V8 inlines `nextUint32` into the loop, which
 * then runs at about half the speed of sfc32 written inline with local variables and
 * several times faster than seedrandom, `Rng` or a swappable rng function (measured in
 * bench/rng.bench.mjs).
 */
import type { Rng } from './rng.js';

const TWO_NEG_32 = 2 ** -32;

export class Sfc32 {
  a = 0;
  b = 0;
  c = 0;
  d = 1;

  constructor(a = 0, b = 0, c = 0, d = 1) {
    this.reset(a, b, c, d);
  }

  /** Seeds from a stream: four 32-bit words, then 12 outputs discarded to mix. */
  static fromRng(rng: Rng): Sfc32 {
    return new Sfc32(rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32());
  }

  /** Re-seeds in place from a stream (no allocation). */
  seedFrom(rng: Rng): void {
    this.reset(rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32());
  }

  reset(a: number, b: number, c: number, d: number): void {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Uniform integer on [0, 2^32). */
  nextUint32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    // The reference adds the counter before incrementing it (`a + b + counter++`).
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    // Store only int32 values: storing the unreduced sum first (then `|= 0`) put a
    // heap number in the field on every call and ran ~3.5× slower (bench/rng.bench.mjs).
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1) with 32 bits of precision. */
  nextFloat(): number {
    return this.nextUint32() * TWO_NEG_32;
  }

  /** Uniform on (0, 1], for logarithms. */
  nextFloatOpen0(): number {
    return (this.nextUint32() + 1) * TWO_NEG_32;
  }
}

/**
 * The 32-bit threshold for a Bernoulli(p) trial with {@link Sfc32.nextUint32}:
 * `x < threshold` happens with probability exactly `threshold / 2^32`: p itself when p is
 * a multiple of 2^-32 (0 and 1 included: 0 never, 1 always), otherwise p less at most
 * 2.4e-10, far below any Monte Carlo error.
 */
export function uint32Threshold(probability: number): number {
  return Math.floor(probability * 4294967296);
}
