import { GraphStructureError } from '../../errors.js';
import { parseParameters } from '../../parameters/check.js';
import type { Sfc32 } from '../../random/fast.js';
import type { Seed } from '../../random/rng.js';
import { compileNetwork } from '../compile.js';
import { randomRegularOptionsSchema } from '../specs.js';
import type { Network } from '../types.js';
import { TieSet, openStream, uniformBelow } from './shared.js';

export interface RandomRegularOptions {
  /** Number of people (an integer ≥ 0). */
  readonly size: number;
  /** Ties per person (an integer ≥ 0 and < size; size · degree must be even). */
  readonly degree: number;
  /** Seeds the stream `network/random-regular`. */
  readonly seed: Seed;
  /**
   * Refuse (or stop drawing) past this many ties: an integer ≤ 2^30 − 1, the default. See
   * {@link expectedTies} for the count before building.
   */
  readonly maxTies?: number;
}

/** Pairing attempts before giving up; each fails only rarely (see {@link randomRegular}). */
const MAX_ATTEMPTS = 10_000;

/**
 * A random k-regular network: everybody has exactly `degree` ties, no self-loops, no
 * repeats, otherwise random. The reference network where everyone talks to the same
 * number of people, with a closed-form cascade size (DOMAIN.md: v = 1 − T + T·v^(k−1),
 * S = 1 − v^k).
 *
 * Method: the pairing algorithm of Steger & Wormald (1999), "Generation and random
 * generation of regular graphs", Combinatorics, Probability and Computing 8. Each person
 * gets `degree` stubs; two unpaired stubs are drawn uniformly and joined when that makes
 * neither a self-loop nor a repeat, otherwise drawn again; when no unpaired stubs can be
 * joined any more the attempt restarts from scratch (rare: the attempt succeeds with
 * probability → 1 as size grows for fixed degree). The result is *asymptotically*
 * uniform over k-regular graphs for degree ≪ size^(1/3) (Kim & Vu 2003, "Generating
 * random regular graphs", STOC), not exactly uniform for small networks; NetworkX's
 * `random_regular_graph` is a batched variant of the same algorithm. When
 * degree > (size − 1)/2 the complement, a (size − 1 − degree)-regular network, is drawn
 * instead and inverted, which keeps dense cases fast and the distribution the same.
 *
 * Trust is 1 on every tie; roles are all bystanders.
 *
 * @throws {InvalidParameterError} every problem of the options at once, each named
 *   `randomRegular.<option>` (the rules are declared in `randomRegularOptionsSchema`):
 *   size or degree not an integer ≥ 0; degree ≥ size (a person has at most size − 1
 *   distinct ties); size · degree odd (every tie has two ends); more ties than maxTies
 *   (default 2^30 − 1); an invalid seed; an unknown option.
 * @throws {GraphStructureError} in principle, no pairing attempt succeeding in 10,000.
 * @example
 * const network = randomRegular({ size: 10_000, degree: 4, seed: 3 });
 * degree(network, 0); // 4, and the same for everyone
 */
export function randomRegular(options: RandomRegularOptions): Network {
  const { size: n, degree: d, seed } = parseParameters(randomRegularOptionsSchema, options, 'randomRegular');
  const { random, stream } = openStream(seed, 'random-regular');
  const info = { source: 'random-regular', parameters: { size: n, degree: d, seed }, stream };

  const complement = d > (n - 1) / 2;
  const sparseDegree = complement ? n - 1 - d : d;
  const { sources, targets } = pairStubs(random, n, sparseDegree);
  if (!complement) return compileNetwork({ size: n, sources, targets }, { info });

  // Every pair {u, v} not tied in the sparse network; rows are sorted, so one merge pass
  // per person. Dense means n·d/2 > n(n − 1)/4, so n is at most ~65,536 here.
  const sparse = compileNetwork({ size: n, sources, targets }, { info });
  const m = (n * d) / 2;
  const denseSources = new Int32Array(m);
  const denseTargets = new Int32Array(m);
  let e = 0;
  for (let u = 0; u < n; u++) {
    let a = sparse.offsets[u]!;
    const end = sparse.offsets[u + 1]!;
    while (a < end && sparse.neighbors[a]! <= u) a++;
    for (let v = u + 1; v < n; v++) {
      if (a < end && sparse.neighbors[a] === v) {
        a++;
        continue;
      }
      denseSources[e] = u;
      denseTargets[e++] = v;
    }
  }
  return compileNetwork({ size: n, sources: denseSources, targets: denseTargets }, { info });
}

/** Steger–Wormald pairing of n·d stubs into a simple d-regular network. */
function pairStubs(random: Sfc32, n: number, d: number): { sources: Int32Array; targets: Int32Array } {
  const stubs = n * d;
  const m = stubs / 2;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  const owner = new Int32Array(stubs); // owner[0, unpaired): the people of the unpaired stubs
  const ties = new TieSet(m, sources, targets);
  const seen = new Int32Array(n).fill(-1); // for the "can anything still be joined?" check
  let check = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    for (let s = 0; s < stubs; s++) owner[s] = Math.floor(s / d);
    if (attempt > 0) ties.table.fill(0);
    let unpaired = stubs;
    let e = 0;
    let misses = 0;
    while (unpaired > 0) {
      const i = uniformBelow(random, unpaired);
      let j = uniformBelow(random, unpaired - 1);
      if (j >= i) j++;
      const a = owner[i]!;
      const b = owner[j]!;
      if (a !== b && !ties.has(a, b)) {
        sources[e] = a;
        targets[e] = b;
        ties.insert(e++);
        // Remove stubs i and j: the higher index first, each replaced by the last one.
        const hi = i > j ? i : j;
        const lo = i > j ? j : i;
        owner[hi] = owner[--unpaired]!;
        owner[lo] = owner[--unpaired]!;
        misses = 0;
      } else if (++misses > 64 + unpaired) {
        // Many misses in a row: test every pair of people still holding stubs.
        if (!canJoinAny(owner, unpaired, ties, seen, check++)) break;
        misses = 0;
      }
    }
    if (unpaired === 0) return { sources, targets };
  }
  throw new GraphStructureError(
    'degree',
    `no simple ${d}-regular network of ${n} people found in ${MAX_ATTEMPTS} pairing attempts`,
  );
}

/** Whether two distinct people with unpaired stubs are not yet tied. */
function canJoinAny(owner: Int32Array, unpaired: number, ties: TieSet, seen: Int32Array, stamp: number): boolean {
  const people: number[] = [];
  for (let s = 0; s < unpaired; s++) {
    const p = owner[s]!;
    if (seen[p] !== stamp) {
      seen[p] = stamp;
      people.push(p);
    }
  }
  for (let x = 0; x < people.length; x++) {
    for (let y = x + 1; y < people.length; y++) if (!ties.has(people[x]!, people[y]!)) return true;
  }
  return false;
}
