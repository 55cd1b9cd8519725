import { parseParameters } from '../../parameters/check.js';
import type { Seed } from '../../random/rng.js';
import { compileNetwork } from '../compile.js';
import { barabasiAlbertOptionsSchema } from '../specs.js';
import type { Network } from '../types.js';
import { openStream, uniformBelow } from './shared.js';

export interface BarabasiAlbertOptions {
  /** Number of people (an integer > edgesPerPerson). */
  readonly size: number;
  /** m: ties each newcomer makes, to m distinct earlier people (an integer ≥ 1). Mean degree ≈ 2m. */
  readonly edgesPerPerson: number;
  /** Seeds the stream `network/barabasi-albert`. */
  readonly seed: Seed;
  /**
   * Refuse (or stop drawing) past this many ties: an integer ≤ 2^30 − 1, the default. See
   * {@link expectedTies} for the count before building.
   */
  readonly maxTies?: number;
}

/**
 * Barabási–Albert preferential attachment (Barabási & Albert 1999, "Emergence of scaling
 * in random networks", Science 286): people join one at a time and tie themselves to m
 * earlier people chosen with probability proportional to how many ties those already
 * have. The result is scale free: a few hubs with very many ties, the tail
 * P(degree ≥ k) → m(m + 1) / (k(k + 1)) for m ≤ k ≪ m·√size (Dorogovtsev, Mendes &
 * Samukhin 2000; Bollobás, Riordan, Spencer & Tusnády 2001). Use it where a few
 * well-connected people (an influencer, a club organiser) carry stories far.
 *
 * Starting graph, as NetworkX's `barabasi_albert_graph` (≥ 2.0): a star on the first
 * m + 1 people, person 0 in the centre tied to 1 … m. Each later person t = m + 1, …,
 * size − 1 draws targets uniformly from the list of tie ends made so far (person i
 * appears there once per tie, so the draw is proportional to degree), redrawing any
 * already chosen, until it has m distinct targets; then its m ties join the list. So
 * there are exactly m · (size − m) ties, no self-loops and no repeats.
 *
 * The list of tie ends is the edge list itself (sources then targets in one Int32Array,
 * 8·m·size bytes), so nothing is copied and no object is made per tie: 1,000,000 people
 * with m = 5 build in well under 3 s with the whole Node process under 400 MB resident
 * (measured in bench/network.bench.mjs; most of the time is the CSR build).
 *
 * Trust is 1 on every tie; roles are all bystanders.
 *
 * @throws {InvalidParameterError} every problem of the options at once, each named
 *   `barabasiAlbert.<option>` (the rules are declared in `barabasiAlbertOptionsSchema`):
 *   edgesPerPerson not an integer ≥ 1; size not an integer > edgesPerPerson (the
 *   starting star needs m + 1 people); more ties than maxTies (default 2^30 − 1); an
 *   invalid seed; an unknown option.
 * @example
 * const network = barabasiAlbert({ size: 1_000_000, edgesPerPerson: 5, seed: 1 });
 * edgeCount(network); // 4,999,975 = 5 · (1,000,000 − 5)
 */
export function barabasiAlbert(options: BarabasiAlbertOptions): Network {
  const { size: n, edgesPerPerson: m, seed } = parseParameters(barabasiAlbertOptionsSchema, options, 'barabasiAlbert');
  const total = m * (n - m);
  const { random, stream } = openStream(seed, 'barabasi-albert');

  // ends[0, total) are the tie sources (the newcomer), ends[total, 2·total) the targets.
  // After e ties, the tie ends so far are ends[0, e) and ends[total, total + e).
  const ends = new Int32Array(2 * total);
  const sources = ends.subarray(0, total);
  const targets = ends.subarray(total);
  for (let i = 0; i < m; i++) {
    sources[i] = i + 1;
    targets[i] = 0;
  }
  let e = m;
  // chosenBy[p] = the newcomer who last picked p: an O(1) "already chosen?" test.
  const chosenBy = new Int32Array(n).fill(-1);
  for (let t = m + 1; t < n; t++) {
    const drawn = 2 * e;
    for (let picked = 0; picked < m; ) {
      const r = uniformBelow(random, drawn);
      const target = r < e ? sources[r]! : targets[r - e]!;
      if (chosenBy[target] === t) continue;
      chosenBy[target] = t;
      sources[e + picked] = t;
      targets[e + picked] = target;
      picked++;
    }
    e += m;
  }
  return compileNetwork(
    { size: n, sources, targets },
    { info: { source: 'barabasi-albert', parameters: { size: n, edgesPerPerson: m, seed }, stream } },
  );
}
