// Helpers shared by the network tests.
import { expect } from 'vitest';
import { compileNetwork, createRng, type Network } from '../../src/index.js';

/** Runs fn, expects it to throw an error of `kind`, and returns the error. */
export function thrown<T extends Error>(fn: () => unknown, kind: new (...args: never[]) => T): T {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return error as T;
  }
  throw new Error('expected an error');
}

/** A seeded random simple network built through compileNetwork (self-loops and repeats dropped). */
export function randomNetwork(size: number, ties: number, seed: number, directed = false): Network {
  const rng = createRng(seed);
  const sources = new Int32Array(ties);
  const targets = new Int32Array(ties);
  for (let e = 0; e < ties; e++) {
    sources[e] = Math.floor(rng.next() * size);
    targets[e] = Math.floor(rng.next() * size);
  }
  return compileNetwork(
    { size, sources, targets },
    { directed, onSelfLoop: 'drop', onDuplicate: 'drop', info: { source: 'test', parameters: { size, ties, seed } } },
  );
}
