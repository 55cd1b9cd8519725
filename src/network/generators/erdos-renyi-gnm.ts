import type { Sfc32 } from '../../random/fast.js';
import type { Seed } from '../../random/rng.js';
import { parseParameters } from '../../parameters/check.js';
import { compileNetwork } from '../compile.js';
import { erdosRenyiGnmOptionsSchema } from '../specs.js';
import type { Network } from '../types.js';
import { EdgeBuffer, TieSet, pushGnpPairs, openStream, pairCount, uniformBelow } from './shared.js';

export interface ErdosRenyiGnmOptions {
  /** Number of people (an integer ≥ 0). */
  readonly size: number;
  /** Number of ties (an integer from 0 to size·(size − 1)/2). */
  readonly edges: number;
  /** Seeds the stream `network/erdos-renyi-gnm`. */
  readonly seed: Seed;
  /**
   * Refuse (or stop drawing) past this many ties: an integer ≤ 2^30 − 1, the default. See
   * {@link expectedTies} for the count before building.
   */
  readonly maxTies?: number;
}

/** Candidates drawn: m plus this many standard deviations of a Binomial count with mean m. */
const OVERSAMPLE_SD = 4;

/**
 * Erdős–Rényi G(n, m): `edges` distinct ties drawn uniformly from all size·(size − 1)/2
 * pairs, every set of that many ties equally likely (Erdős & Rényi 1959, "On random
 * graphs I"). The plainest network with a fixed number of ties: use it as the null model
 * beside a structured one, or where the number of relationships is known exactly.
 *
 * Method (generate candidates, thin, top up): draw G(n, p′) by geometric skipping
 * (Batagelj & Brandes 2005), with p′ chosen so that about m + 4√m candidate ties come
 * out; keep a uniformly random m of them by selection sampling (Knuth, TAOCP vol. 2,
 * 3.4.2 Algorithm S); in the rare case of fewer than m candidates (≈ 3·10⁻⁵ for large
 * m), add the missing ones as uniform new pairs, rejecting repeats with an
 * open-addressing set on typed arrays. No step favours any pair over another, so the
 * final set is uniform over m-sets. Cost O(size + m), no object per tie.
 *
 * Trust is 1 on every tie; roles are all bystanders.
 *
 * @throws {InvalidParameterError} every problem of the options at once, each named
 *   `erdosRenyiGnm.<option>` (the rules are declared in `erdosRenyiGnmOptionsSchema`):
 *   size not an integer ≥ 0, edges not an integer in [0, size·(size − 1)/2] (or above
 *   2^30 − 1), edges above maxTies, an invalid seed, an unknown option.
 * @example
 * const network = erdosRenyiGnm({ size: 1000, edges: 5000, seed: 42 });
 * edgeCount(network); // 5000
 * network.offsets[1000]; // 10000 arcs: every tie is stored both ways
 */
export function erdosRenyiGnm(options: ErdosRenyiGnmOptions): Network {
  const { size: n, edges: m, seed } = parseParameters(erdosRenyiGnmOptionsSchema, options, 'erdosRenyiGnm');
  const { random, stream } = openStream(seed, 'erdos-renyi-gnm');
  const { sources, targets } = drawGnmEdges(random, n, m, OVERSAMPLE_SD);
  return compileNetwork(
    { size: n, sources, targets },
    { info: { source: 'erdos-renyi-gnm', parameters: { size: n, edges: m, seed }, stream } },
  );
}

/**
 * m uniform distinct pairs among n people. `oversample` sets how many standard
 * deviations of extra candidates to draw; exported (not from the package) so the tests
 * can force the top-up path with a negative value.
 * @internal
 */
export function drawGnmEdges(
  random: Sfc32,
  n: number,
  m: number,
  oversample: number,
): { sources: Int32Array; targets: Int32Array } {
  const pairs = pairCount(n);
  if (m === 0) return { sources: new Int32Array(0), targets: new Int32Array(0) };

  // Candidates: every pair independently with probability p′.
  const p = Math.max(0, Math.min(1, (m + oversample * Math.sqrt(m)) / pairs));
  const candidates = new EdgeBuffer(Math.max(m, pairs * p), 'erdosRenyiGnm', 'edges', m);
  pushGnpPairs(random, n, p, candidates);
  const { sources, targets, count } = candidates;

  if (count >= m) {
    // Algorithm S, in place (kept ≤ i): keep candidate i with probability
    // (still needed)/(still unseen).
    for (let i = 0, kept = 0; kept < m; i++) {
      if (uniformBelow(random, count - i) < m - kept) {
        sources[kept] = sources[i]!;
        targets[kept++] = targets[i]!;
      }
    }
    return { sources: sources.subarray(0, m), targets: targets.subarray(0, m) };
  }

  // Top up (the buffer holds at least m): uniform new pairs, rejecting repeats.
  const chosen = new TieSet(m, sources, targets);
  for (let e = 0; e < count; e++) chosen.insert(e);
  for (let e = count; e < m; ) {
    const u = uniformBelow(random, n);
    let v = uniformBelow(random, n - 1);
    if (v >= u) v++; // uniform over the n − 1 others: every pair has chance 2 / (n(n − 1))
    if (chosen.has(u, v)) continue;
    sources[e] = u;
    targets[e] = v;
    chosen.insert(e++);
  }
  return { sources: sources.subarray(0, m), targets: targets.subarray(0, m) };
}
