import { parseParameters } from '../../parameters/check.js';
import type { Seed } from '../../random/rng.js';
import { compileNetwork } from '../compile.js';
import { groupsOptionsSchema } from '../specs.js';
import type { Network } from '../types.js';
import { EdgeBuffer, geometricSkip, openStream, pairCount } from './shared.js';
import type { Sfc32 } from '../../random/fast.js';

export { GROUPS_DEFAULTS } from './shared.js';

export interface GroupsOptions {
  /** Number of people (an integer ≥ 0). */
  readonly size: number;
  /**
   * People per personal group: groups of this size in index order, the last one holding
   * the remainder when size is not a multiple. Give this or `groupSizes`, not both.
   */
  readonly groupSize?: number;
  /** The size of every group in index order (integers ≥ 1 summing to `size`). */
  readonly groupSizes?: ArrayLike<number>;
  /** Chance that two people in the same group are tied (a strong tie), in [0, 1]. */
  readonly insideProbability: number;
  /** Chance that two people in different groups are tied (a weak tie), in [0, 1]. */
  readonly acrossProbability: number;
  /** Trust on ties inside a group, in (0, 1]. Default {@link GROUPS_DEFAULTS}.strongTrust. */
  readonly strongTrust?: number;
  /** Trust on ties across groups, in (0, 1]. Default {@link GROUPS_DEFAULTS}.weakTrust. */
  readonly weakTrust?: number;
  /** Seeds the stream `network/groups`. */
  readonly seed: Seed;
  /**
   * Refuse (or stop drawing) past this many ties: an integer ≤ 2^30 − 1, the default. See
   * {@link expectedTies} for the count before building.
   */
  readonly maxTies?: number;
}

/**
 * Personal groups with strong ties inside and weak ties across: the network of
 * Goldenberg, Libai & Muller (2001), "Talk of the network: a complex systems look at the
 * underlying process of word-of-mouth", Marketing Letters 12(3), drawn as a stochastic
 * block model (Holland, Laskey & Leinhardt 1983). People are split into consecutive
 * groups; two people in the same group are tied with `insideProbability` (trust
 * `strongTrust`), two in different groups with `acrossProbability` (trust `weakTrust`),
 * all pairs independently. Under negative word of mouth the weak ties carry the damage
 * across groups (Goldenberg, Libai, Moldovan & Muller 2007).
 *
 * A person's expected number of strong ties is (their group's size − 1) ·
 * insideProbability, of weak ties (size − their group's size) · acrossProbability.
 * Person i's group index is `segment[i]`, named `group-0`, `group-1`, … in
 * `segmentNames`; at most 65,536 groups (the segment array is 16-bit).
 *
 * Method: Batagelj & Brandes (2005) geometric skipping, once over the pairs inside
 * groups and once over the pairs across them. Groups are consecutive index ranges, so
 * person v's earlier partners inside (or across) form one range, and the cost is
 * O(size + ties), however many groups there are.
 *
 * @throws {InvalidParameterError} every problem of the options at once, each named
 *   `groups.<option>` (the rules are declared in `groupsOptionsSchema`): size not an
 *   integer ≥ 0; neither or both of groupSize and groupSizes; groupSize not an integer in
 *   [1, size]; groupSizes not integers in [1, size] summing to size; more than 65,536
 *   groups; a probability outside [0, 1]; a trust outside (0, 1]; more than 2^30 − 1 ties
 *   expected, or more than maxTies; an invalid seed; an unknown option. Also
 *   `groups.maxTies` when the random draw passes maxTies (it is stopped there).
 * @example
 * const network = groups({
 *   size: 100_000,
 *   groupSize: 20,
 *   insideProbability: 0.4, // ≈ 7.6 strong ties each
 *   acrossProbability: 3 / 100_000, // ≈ 3 weak ties each
 *   seed: 'goldenberg',
 * });
 * network.segmentNames[network.segment[42]]; // 'group-2'
 */
export function groups(options: GroupsOptions): Network {
  const o = parseParameters(groupsOptionsSchema, options, 'groups');
  const { size: n, insideProbability: inside, acrossProbability: across, strongTrust, weakTrust, seed, maxTies } = o;
  const sizes = groupSizesOf(n, o.groupSize, o.groupSizes);

  const groupCount = sizes.length;
  let insidePairs = 0;
  for (let g = 0; g < groupCount; g++) insidePairs += pairCount(sizes[g]!);
  const acrossPairs = pairCount(n) - insidePairs;
  const { random, stream } = openStream(seed, 'groups');

  const starts = new Int32Array(groupCount + 1);
  for (let g = 0; g < groupCount; g++) starts[g + 1] = starts[g]! + sizes[g]!;
  const segment = new Uint16Array(n);
  for (let g = 0; g < groupCount; g++) segment.fill(g, starts[g]!, starts[g + 1]!);
  const segmentNames = Array.from({ length: groupCount }, (_, g) => `group-${g}`);

  const edges = new EdgeBuffer(insidePairs * inside + acrossPairs * across, 'groups', 'acrossProbability', across, maxTies);
  if (inside > 0) skipPairs(random, edges, starts, n, 1 / Math.log1p(-inside), true);
  const strongCount = edges.count;
  if (across > 0) skipPairs(random, edges, starts, n, 1 / Math.log1p(-across), false);
  const trust = new Float32Array(edges.count);
  trust.fill(strongTrust, 0, strongCount);
  trust.fill(weakTrust, strongCount);

  return compileNetwork(
    { size: n, sources: edges.sources, targets: edges.targets, count: edges.count, trust },
    {
      segment,
      segmentNames,
      info: {
        source: 'groups',
        parameters: {
          size: n,
          ...(o.groupSize === undefined ? { groupSizes: Array.from(sizes) } : { groupSize: o.groupSize }),
          insideProbability: inside,
          acrossProbability: across,
          strongTrust,
          weakTrust,
          seed,
        },
        stream,
      },
    },
  );
}

/**
 * Batagelj–Brandes skipping over the pairs (v, w), w < v, either inside v's group
 * (w in [start, v)) or across (w in [0, start)), where start is the first index of v's
 * group. Rows are walked in order; `w` is the position within row v.
 */
function skipPairs(
  random: Sfc32,
  edges: EdgeBuffer,
  starts: Int32Array,
  n: number,
  inverseLog: number,
  insideGroups: boolean,
): void {
  let v = 0;
  let g = 0;
  let groupStart = 0;
  let groupEnd = starts[1]!;
  let w = -1;
  while (v < n) {
    w += 1 + geometricSkip(random, inverseLog);
    for (;;) {
      const rowLength = insideGroups ? v - groupStart : groupStart;
      if (w < rowLength) break;
      w -= rowLength;
      if (++v === n) return;
      if (v === groupEnd) {
        g++;
        groupStart = groupEnd;
        groupEnd = starts[g + 1]!;
      }
    }
    edges.push(v, insideGroups ? groupStart + w : w);
  }
}

/** The size of every group, from checked options: `groupSize` in index order (the last holding the remainder), or `groupSizes`. */
function groupSizesOf(n: number, groupSize: number | undefined, groupSizes: ArrayLike<number> | undefined): Int32Array {
  if (groupSizes !== undefined) return Int32Array.from(groupSizes);
  const s = groupSize!;
  const count = Math.ceil(n / s);
  const sizes = new Int32Array(count).fill(s);
  if (count > 0) sizes[count - 1] = n - (count - 1) * s;
  return sizes;
}
