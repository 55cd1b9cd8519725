import { GraphStructureError } from '../../errors.js';
import { parseParameters } from '../../parameters/check.js';
import type { Seed } from '../../random/rng.js';
import { compileNetwork } from '../compile.js';
import { configurationModelOptionsSchema } from '../specs.js';
import type { Network } from '../types.js';
import { openStream, uniformBelow } from './shared.js';

export interface ConfigurationModelOptions {
  /**
   * Ties wanted per person: degrees[i] for person i, integers in [0, length − 1], with an
   * even sum. The number of people is `degrees.length`.
   */
  readonly degrees: ArrayLike<number>;
  /** Seeds the stream `network/configuration-model`. */
  readonly seed: Seed;
  /**
   * What to do when the random matching ties a person to themselves. `'error'` (default)
   * throws a {@link GraphStructureError}; `'drop'` leaves the tie out, lowering that
   * person's degree by 2, and counts it in `info.droppedSelfLoops`.
   */
  readonly onSelfLoop?: 'error' | 'drop';
  /**
   * What to do when the matching ties the same two people more than once. `'error'`
   * (default) throws; `'drop'` keeps one tie, lowering both people's degrees by 1 per
   * extra copy, and counts the extra copies in `info.droppedDuplicates`.
   */
  readonly onDuplicate?: 'error' | 'drop';
  /**
   * Refuse past this many ties (counted before any self-loop or repeat is dropped): an
   * integer ≤ 2^30 − 1, the default. See {@link expectedTies}.
   */
  readonly maxTies?: number;
}

/**
 * The configuration model (Bender & Canfield 1978; Bollobás 1980; Molloy & Reed 1995):
 * a random network with a given degree sequence. Person i gets degrees[i] stubs and the
 * stubs are matched uniformly at random (a Fisher–Yates shuffle, then stub s paired with
 * stub s + total/2). Use it to keep the degrees measured in a real customer network
 * while randomising who knows whom.
 *
 * A uniform matching is a multigraph: it makes self-loops and repeated ties. With
 * ν = Σ d(d − 1) / Σ d their numbers are close to Poisson with means ν/2 and ν²/4, so a
 * draw is simple with probability ≈ e^(−ν/2 − ν²/4) (van der Hofstad, *Random Graphs
 * and Complex Networks* vol. 1, ch. 7): about 2·10⁻¹¹ when everyone has 10 ties, and far
 * less with hubs. The default `'error'` policies therefore throw for almost every
 * realistic sequence, on purpose: nothing is changed without being asked. Pass
 * `onSelfLoop: 'drop', onDuplicate: 'drop'` to get the "erased" configuration model
 * (Britton, Deijfen & Martin-Löf 2006): the people involved end with fewer ties than
 * asked (self-loop −2, each extra copy −1 at both ends), the numbers dropped are in
 * `info.droppedSelfLoops` / `info.droppedDuplicates`, and the share of ties lost
 * vanishes as the network grows when the degrees have a finite second moment (ν stays
 * bounded while the number of ties grows). The degrees are exact whenever both counts
 * are 0.
 *
 * Trust is 1 on every tie; roles are all bystanders.
 *
 * @throws {InvalidParameterError} every problem of the options at once, each named
 *   `configurationModel.<option>` (the rules are declared in
 *   `configurationModelOptionsSchema`): degrees not an array of integers in
 *   [0, length − 1], or with an odd sum (every tie has two ends); more than 2^30 − 1
 *   ties, or more than maxTies; a policy other than 'error' or 'drop'; an invalid seed;
 *   an unknown option.
 * @throws {GraphStructureError} a self-loop or repeated tie drawn under the `'error'`
 *   policy.
 * @example
 * const network = configurationModel({
 *   degrees: [3, 3, 2, 2, 2, 1, 1],
 *   seed: 11,
 *   onSelfLoop: 'drop',
 *   onDuplicate: 'drop',
 * });
 * network.info.droppedSelfLoops + network.info.droppedDuplicates; // what was left out
 */
export function configurationModel(options: ConfigurationModelOptions): Network {
  const o = parseParameters(configurationModelOptionsSchema, options, 'configurationModel');
  const { seed, onSelfLoop, onDuplicate } = o;
  const degrees = Int32Array.from(o.degrees);
  const n = degrees.length;
  let total = 0;
  let pairs = 0; // Σ d(d − 1), for ν in the error message
  for (let i = 0; i < n; i++) {
    total += degrees[i]!;
    pairs += degrees[i]! * (degrees[i]! - 1);
  }
  const { random, stream } = openStream(seed, 'configuration-model');

  const stubs = new Int32Array(total);
  for (let i = 0, s = 0; i < n; i++) for (let k = degrees[i]!; k > 0; k--) stubs[s++] = i;
  for (let s = total - 1; s > 0; s--) {
    const r = uniformBelow(random, s + 1);
    const x = stubs[s]!;
    stubs[s] = stubs[r]!;
    stubs[r] = x;
  }
  const m = total / 2;
  const sources = stubs.subarray(0, m);
  const targets = stubs.subarray(m);

  const nu = total === 0 ? 0 : pairs / total;
  const advice =
    `with these degrees a uniform matching has on average ≈ ${round(nu / 2)} self-loops and ≈ ${round((nu * nu) / 4)} repeated ties ` +
    `(ν = Σd(d−1)/Σd = ${round(nu)}) and is simple with probability ≈ ${Math.exp(-nu / 2 - (nu * nu) / 4).toPrecision(2)}; ` +
    `pass onSelfLoop: 'drop' and onDuplicate: 'drop' to leave them out (each dropped self-loop lowers that person's degree by 2, ` +
    `each dropped repeat lowers both people's by 1; the counts are kept in info.droppedSelfLoops and info.droppedDuplicates)`;
  if (onSelfLoop === 'error') {
    for (let e = 0; e < m; e++) {
      if (sources[e] === targets[e]) {
        throw new GraphStructureError('degrees', `the random matching tied person ${sources[e]} to themselves; ${advice}`);
      }
    }
  }
  try {
    return compileNetwork(
      { size: n, sources, targets },
      {
        onSelfLoop,
        onDuplicate,
        describeEdge: (e) => `matched pair ${e}`,
        info: {
          source: 'configuration-model',
          parameters: { people: n, degreeSum: total, seed, onSelfLoop, onDuplicate },
          stream,
        },
      },
    );
  } catch (error) {
    if (error instanceof GraphStructureError) throw new GraphStructureError('degrees', `${error.message}; ${advice}`);
    throw error;
  }
}

function round(x: number): string {
  return x < 10 ? x.toPrecision(2) : Math.round(x).toString();
}
