/**
 * Seeded randomness. A seed (number or string) becomes an {@link Rng} through
 * seedrandom's Alea generator; nothing in hearsay calls `Math.random`.
 *
 * Streams are named, not counted: replicate i of a run seeded with S draws from the
 * stream `hearsay/S/replicate/i`, whatever the number of workers or the order in which
 * replicates run, so the same seed gives the same numbers on any machine.
 */
import seedrandom from 'seedrandom';
import { InvalidParameterError } from '../errors.js';

/** A seed as users write it: a finite number or a non-empty string. */
export type Seed = number | string;

/** Turns a seed into the canonical string that names its stream family. */
export function seedKey(seed: Seed, field = 'seed'): string {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new InvalidParameterError(field, 'a finite number or a non-empty string', seed);
    return String(seed);
  }
  if (typeof seed === 'string' && seed.length > 0) return seed;
  throw new InvalidParameterError(field, 'a finite number or a non-empty string', seed);
}

/**
 * A seeded source of uniform numbers. `next()` is uniform on [0, 1) with 53 bits;
 * `uint32()` is uniform on the integers [0, 2^32).
 */
export class Rng {
  /** The stream name this generator was seeded with (for the record in results). */
  readonly stream: string;
  readonly #prng: seedrandom.PRNG;

  constructor(stream: string) {
    this.stream = stream;
    this.#prng = seedrandom.alea(stream);
  }

  /** Uniform on [0, 1), 53 bits of precision. */
  next(): number {
    return this.#prng.double();
  }

  /** Uniform integer on [0, 2^32). */
  uint32(): number {
    return this.#prng.int32() >>> 0;
  }
}

/**
 * A seed or path part as it appears in a stream name: `/` and `%` escaped, so a seed
 * such as `"7/replicate/5"` can never name the same stream as replicate 5 of seed 7.
 * The number 42 and the string "42" are the same seed.
 */
function streamPart(part: string): string {
  return part.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/** An Rng for a seed, e.g. `createRng(42)` or `createRng('pilot-2026')`. */
export function createRng(seed: Seed): Rng {
  return new Rng(`hearsay/${streamPart(seedKey(seed))}`);
}

/**
 * An independent stream derived from the seed and a path of names or indices alone:
 * `deriveRng(seed, 'replicate', 17)`, `deriveRng(seed, 'network')`.
 */
export function deriveRng(seed: Seed, ...path: Array<string | number>): Rng {
  const key = seedKey(seed);
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (typeof part === 'number' && !Number.isInteger(part)) {
      throw new InvalidParameterError(`path[${i}]`, 'an integer or a name', part);
    }
  }
  return new Rng(`hearsay/${streamPart(key)}/${path.map((p) => streamPart(String(p))).join('/')}`);
}

/**
 * A stream named below another: `childRng(replicateRng(7, 3), 'parameter', 'economics.margin')`
 * draws from `hearsay/7/replicate/3/parameter/economics.margin`, independent of the parent
 * and of every sibling, and the same wherever it is derived. The parent is not advanced.
 */
export function childRng(parent: Rng, ...path: Array<string | number>): Rng {
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (typeof part === 'number' && !Number.isInteger(part)) {
      throw new InvalidParameterError(`path[${i}]`, 'an integer or a name', part);
    }
  }
  return new Rng(`${parent.stream}/${path.map((p) => streamPart(String(p))).join('/')}`);
}

/** The stream of replicate `index` (0-based) of a run seeded with `seed`. */
export function replicateRng(seed: Seed, index: number): Rng {
  if (!Number.isInteger(index) || index < 0) {
    throw new InvalidParameterError('replicate', 'an integer ≥ 0', index);
  }
  return deriveRng(seed, 'replicate', index);
}
