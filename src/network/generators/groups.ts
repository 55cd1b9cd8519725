import { InvalidParameterError } from '../../errors.js';
import type { Seed } from '../../random/rng.js';
import { requireInteger, requireNumberIn, requireProbability } from '../../validate.js';
import { compileNetwork } from '../compile.js';
import type { Network } from '../types.js';
import {
  EdgeBuffer,
  MAX_EDGES,
  geometricSkip,
  openStream,
  pairCount,
  readMaxTies,
  readOptions,
  requireSeed,
  requireSize,
} from './shared.js';
import type { Sfc32 } from '../../random/fast.js';

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
 * Defaults for {@link groups}. Goldenberg, Libai & Muller (2001) estimate per-period
 * transmission of ~0.01–0.07 over a strong tie and ~0.005–0.015 over a weak one
 * (quoted in DOMAIN.md). Taking the middle of each range, a weak tie passes a story
 * about 0.01 / 0.04 = 0.25 times as often as a strong one; hence strong ties at full
 * trust 1 and weak ties at 0.25. The ratio is our reading of their ranges, not a figure
 * they state: change it freely.
 */
export const GROUPS_DEFAULTS = { strongTrust: 1, weakTrust: 0.25 } as const;

const KNOWN = [
  'size',
  'groupSize',
  'groupSizes',
  'insideProbability',
  'acrossProbability',
  'strongTrust',
  'weakTrust',
  'seed',
  'maxTies',
] as const;

/** Group indices are stored in `segment`, a Uint16Array. */
const MAX_GROUPS = 65_536;

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
 * @throws {InvalidParameterError} size not an integer ≥ 0; neither or both of groupSize
 *   and groupSizes; groupSize not an integer in [1, size]; groupSizes not integers ≥ 1
 *   summing to size; more than 65,536 groups; a probability outside [0, 1]; a trust
 *   outside (0, 1]; more than 2^30 − 1 ties expected; an invalid seed; an unknown option.
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
  const o = readOptions('groups', options, KNOWN);
  const n = requireSize('size', o.size);
  const sizes = readGroupSizes(n, o.groupSize, o.groupSizes);
  const inside = requireProbability('insideProbability', o.insideProbability);
  const across = requireProbability('acrossProbability', o.acrossProbability);
  const strongTrust =
    o.strongTrust === undefined
      ? GROUPS_DEFAULTS.strongTrust
      : requireNumberIn('strongTrust', o.strongTrust, 0, 1, { minExclusive: true });
  const weakTrust =
    o.weakTrust === undefined
      ? GROUPS_DEFAULTS.weakTrust
      : requireNumberIn('weakTrust', o.weakTrust, 0, 1, { minExclusive: true });
  const seed = requireSeed(o.seed);
  const maxTies = readMaxTies(o.maxTies);

  const groupCount = sizes.length;
  let insidePairs = 0;
  for (let g = 0; g < groupCount; g++) insidePairs += pairCount(sizes[g]!);
  const acrossPairs = pairCount(n) - insidePairs;
  if (insidePairs * inside > MAX_EDGES) {
    throw new InvalidParameterError('insideProbability', `a probability giving at most ${MAX_EDGES} ties on average`, inside);
  }
  if (insidePairs * inside + acrossPairs * across > MAX_EDGES) {
    throw new InvalidParameterError('acrossProbability', `a probability giving at most ${MAX_EDGES} ties on average`, across);
  }
  const { random, stream } = openStream(seed, 'groups');

  const starts = new Int32Array(groupCount + 1);
  for (let g = 0; g < groupCount; g++) starts[g + 1] = starts[g]! + sizes[g]!;
  const segment = new Uint16Array(n);
  for (let g = 0; g < groupCount; g++) segment.fill(g, starts[g]!, starts[g + 1]!);
  const segmentNames = Array.from({ length: groupCount }, (_, g) => `group-${g}`);

  const edges = new EdgeBuffer(insidePairs * inside + acrossPairs * across, 'acrossProbability', across, maxTies);
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

function readGroupSizes(n: number, groupSize: unknown, groupSizes: unknown): Int32Array {
  if ((groupSize === undefined) === (groupSizes === undefined)) {
    throw new InvalidParameterError(
      groupSize === undefined ? 'groupSize' : 'groupSizes',
      'exactly one of groupSize and groupSizes',
      groupSize === undefined ? groupSizes : groupSize,
    );
  }
  let sizes: Int32Array;
  if (groupSize !== undefined) {
    const s = requireInteger('groupSize', groupSize, 1, Math.max(1, n));
    const count = Math.ceil(n / s);
    if (count > MAX_GROUPS) {
      throw new InvalidParameterError('groupSize', `a size giving at most ${MAX_GROUPS} groups (⌈size / groupSize⌉)`, s);
    }
    sizes = new Int32Array(count).fill(s);
    if (count > 0) sizes[count - 1] = n - (count - 1) * s;
  } else {
    if (typeof groupSizes !== 'object' || groupSizes === null || typeof (groupSizes as ArrayLike<unknown>).length !== 'number') {
      throw new InvalidParameterError('groupSizes', 'an array of integers ≥ 1', groupSizes);
    }
    const list = groupSizes as ArrayLike<unknown>;
    if (list.length > MAX_GROUPS) throw new InvalidParameterError('groupSizes', `at most ${MAX_GROUPS} groups`, groupSizes);
    sizes = new Int32Array(list.length);
    let sum = 0;
    for (let g = 0; g < list.length; g++) {
      sizes[g] = requireInteger(`groupSizes[${g}]`, list[g], 1, n);
      sum += sizes[g]!;
    }
    if (sum !== n) throw new InvalidParameterError('groupSizes', `group sizes summing to size (${n}), not ${sum}`, groupSizes);
  }
  return sizes;
}
