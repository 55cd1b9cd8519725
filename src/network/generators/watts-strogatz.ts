import { parseParameters } from '../../parameters/check.js';
import type { Seed } from '../../random/rng.js';
import { compileNetwork } from '../compile.js';
import { wattsStrogatzOptionsSchema } from '../specs.js';
import type { Network } from '../types.js';
import { TieSet, openStream, uniformBelow } from './shared.js';

export interface WattsStrogatzOptions {
  /** Number of people on the ring (an integer ≥ 0). */
  readonly size: number;
  /** k: ties per person in the starting ring lattice, k/2 on each side; even, < size. */
  readonly neighbors: number;
  /** β: chance that each lattice tie is rewired to a random new endpoint, in [0, 1]. */
  readonly rewiring: number;
  /** Seeds the stream `network/watts-strogatz`. */
  readonly seed: Seed;
  /**
   * Refuse (or stop drawing) past this many ties: an integer ≤ 2^30 − 1, the default. See
   * {@link expectedTies} for the count before building.
   */
  readonly maxTies?: number;
}

/**
 * Watts–Strogatz small world (Watts & Strogatz 1998, "Collective dynamics of
 * 'small-world' networks", Nature 393): people on a ring, each tied to the k/2 nearest on
 * either side (tight local circles with many shared friends), then each tie rewired with
 * probability β to a random person. A few rewired ties make the network "small" (short
 * paths across it) while it stays clustered: the picture of a story leaving a circle of
 * friends through one acquaintance.
 *
 * The rewiring follows NetworkX's `watts_strogatz_graph`: for j = 1 … k/2, for each
 * person u in order, the lattice tie (u, u + j mod n) is, with probability β, replaced
 * by (u, w) with w uniform among people other than u and not already tied to u (a
 * person already tied to everyone keeps the tie). There are therefore exactly
 * size · k / 2 ties for every β, no self-loops and no repeats. At β = 0 the average
 * clustering is 3(k − 2) / (4(k − 1)) when size > 3k/2; at β = 1 the network is close to,
 * but not exactly, a random one (every person keeps at least k/2 ties).
 *
 * Trust is 1 on every tie; roles are all bystanders.
 *
 * @throws {InvalidParameterError} every problem of the options at once, each named
 *   `wattsStrogatz.<option>` (the rules are declared in `wattsStrogatzOptionsSchema`):
 *   size not an integer ≥ 0; neighbors not an even integer ≥ 0 and < size (a person
 *   cannot have size or more distinct ties); rewiring not in [0, 1]; more ties than
 *   maxTies (default 2^30 − 1); an invalid seed; an unknown option.
 * @example
 * const network = wattsStrogatz({ size: 1000, neighbors: 10, rewiring: 0.1, seed: 7 });
 * edgeCount(network); // 5000, whatever the rewiring
 */
export function wattsStrogatz(options: WattsStrogatzOptions): Network {
  const { size: n, neighbors: k, rewiring: beta, seed } = parseParameters(wattsStrogatzOptionsSchema, options, 'wattsStrogatz');
  const half = k / 2;
  const m = n * half;
  const { random, stream } = openStream(seed, 'watts-strogatz');

  // Lattice tie e = (j − 1)·n + u joins u and u + j (mod n), j = 1 … k/2. Since
  // k < n, j + j' ≤ k < n and no two of these ties coincide.
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let j = 1, e = 0; j <= half; j++) {
    for (let u = 0; u < n; u++, e++) {
      sources[e] = u;
      targets[e] = u + j < n ? u + j : u + j - n;
    }
  }

  if (beta > 0) {
    const ties = new TieSet(m, sources, targets);
    for (let e = 0; e < m; e++) ties.insert(e);
    const degree = new Int32Array(n).fill(k);
    // Rewire when a uniform 32-bit word falls below β·2^32 (β = 1 always; the error for
    // other β is below 2.4e-10).
    const threshold = Math.floor(beta * 4294967296);
    for (let e = 0; e < m; e++) {
      if (random.nextUint32() >= threshold) continue;
      const u = sources[e]!;
      if (degree[u]! >= n - 1) continue; // tied to everyone: nowhere to go
      let w = uniformBelow(random, n);
      while (w === u || ties.has(u, w)) w = uniformBelow(random, n);
      const v = targets[e]!;
      ties.removeSlot(ties.find(u, v));
      targets[e] = w;
      ties.insert(e);
      degree[v]!--;
      degree[w]!++;
    }
  }
  return compileNetwork(
    { size: n, sources, targets },
    {
      info: { source: 'watts-strogatz', parameters: { size: n, neighbors: k, rewiring: beta, seed }, stream },
    },
  );
}
