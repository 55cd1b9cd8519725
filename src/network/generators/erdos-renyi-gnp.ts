import { parseParameters } from '../../parameters/check.js';
import type { Seed } from '../../random/rng.js';
import { compileNetwork } from '../compile.js';
import { erdosRenyiGnpOptionsSchema } from '../specs.js';
import type { Network } from '../types.js';
import { EdgeBuffer, pushGnpPairs, openStream, pairCount } from './shared.js';

export interface ErdosRenyiGnpOptions {
  /** Number of people (an integer ≥ 0). */
  readonly size: number;
  /** Chance that any given pair is tied, in [0, 1]. Mean degree is (size − 1) · probability. */
  readonly probability: number;
  /** Seeds the stream `network/erdos-renyi-gnp`. */
  readonly seed: Seed;
  /**
   * Refuse (or stop drawing) past this many ties: an integer ≤ 2^30 − 1, the default. See
   * {@link expectedTies} for the count before building.
   */
  readonly maxTies?: number;
}

/**
 * Erdős–Rényi G(n, p) (Gilbert 1959): every pair of people is tied independently with
 * `probability`, so the number of ties is Binomial(size·(size − 1)/2, probability) and a
 * person's degree Binomial(size − 1, probability), close to Poisson for large networks.
 * This is the random network of the percolation results in DOMAIN.md (S = 1 − e^(−c·T·S)).
 *
 * Method: Batagelj & Brandes (2005), "Efficient generation of large random networks",
 * Phys. Rev. E 71, 036113, algorithm G(n, p): walk the pairs (v, w), w < v, in row order,
 * jumping over the non-ties with geometric skips, so the cost is O(size + ties), not
 * O(size²). Skips use 53-bit uniforms.
 *
 * Trust is 1 on every tie; roles are all bystanders.
 *
 * @throws {InvalidParameterError} every problem of the options at once, each named
 *   `erdosRenyiGnp.<option>` (the rules are declared in `erdosRenyiGnpOptionsSchema`):
 *   size not an integer ≥ 0; probability not in [0, 1] or expecting more than 2^30 − 1
 *   ties; more ties expected than maxTies; an invalid seed; an unknown option. Also
 *   `erdosRenyiGnp.maxTies` when the random draw passes maxTies (it is stopped there).
 * @example
 * const network = erdosRenyiGnp({ size: 10_000, probability: 0.001, seed: 'pilot' });
 * edgeCount(network); // ≈ 49,995 ± 224 (binomial mean and sd)
 */
export function erdosRenyiGnp(options: ErdosRenyiGnpOptions): Network {
  const { size: n, probability: p, seed, maxTies } = parseParameters(erdosRenyiGnpOptionsSchema, options, 'erdosRenyiGnp');
  const { random, stream } = openStream(seed, 'erdos-renyi-gnp');
  const edges = new EdgeBuffer(pairCount(n) * p, 'erdosRenyiGnp', 'probability', p, maxTies);
  pushGnpPairs(random, n, p, edges);
  return compileNetwork(
    { size: n, sources: edges.sources, targets: edges.targets, count: edges.count },
    { info: { source: 'erdos-renyi-gnp', parameters: { size: n, probability: p, seed }, stream } },
  );
}
