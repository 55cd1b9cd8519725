/**
 * Who is who: customers, prospects and bystanders (DESIGN.md, "The model"), and the
 * segments they belong to. Labels are drawn after the network is built, on their own
 * random stream (`deriveRng(seed, 'roles')`), so changing the shares never changes the
 * network, and the same seed always gives the same people the same roles.
 */
import { z } from 'zod';
import { InvalidParameterError } from '../errors.js';
import { addProblem, describe, parseParameters, probability } from '../parameters/index.js';
import { deriveRng, type Rng, type Seed } from '../random/rng.js';
import { rejectUnknownKeys, requireInteger, requireObject } from '../validate.js';
import type { Network, RoleName } from './types.js';
import { Role, keyOf } from './types.js';

/** Shares of people who are customers and prospects; the rest are bystanders. */
export interface RoleShares {
  /** Share of people who buy from the company now, in [0, 1]. */
  readonly customers: number;
  /** Share of people in the market who could buy, in [0, 1]; customers + prospects ≤ 1. */
  readonly prospects: number;
}

/**
 * How to give people roles:
 * - {@link RoleShares}: exact counts from shares over everyone, people drawn at random;
 * - `{ bySegment: { north: {…}, south: {…} } }`: the same within each segment (every
 *   segment must be listed);
 * - an array with one role name per person, or a function `(person, key) => role name`.
 */
export type RoleSpec =
  | RoleShares
  | { readonly bySegment: Readonly<Record<string, RoleShares>> }
  | readonly RoleName[]
  | ((person: number, key: string) => RoleName);

/** A random source for labelling: an {@link Rng}, or a seed (then the stream `deriveRng(seed, name)` is used). */
export type RandomSource = Rng | Seed;

/** Number of people in each role. */
export interface RoleCounts {
  readonly customers: number;
  readonly prospects: number;
  readonly bystanders: number;
}

/** An Rng from an Rng or a seed, on the named stream. */
function resolveRandom(random: RandomSource | undefined, stream: string, purpose: string): Rng {
  if (typeof random === 'object' && random !== null && typeof (random as Rng).next === 'function') return random as Rng;
  if (random === undefined) {
    throw new InvalidParameterError('random', `an Rng or a seed (${purpose} are drawn at random)`, random);
  }
  return deriveRng(random as Seed, stream);
}

/**
 * Makes fractional counts whole by the largest-remainder (Hamilton) method: class i gets
 * ⌊shares[i]·total⌋, and the units still missing go one each to the classes with the
 * largest remainders, ties to the earlier class. The counts sum to `total` exactly, and
 * each differs from its quota shares[i]·total by less than 1. `shares` must be ≥ 0 and
 * sum to 1 (within 1e-9); the last class's quota is taken as `total` minus the others',
 * so floating-point shares such as 0.1 + 0.2 + 0.7 do not lose a unit.
 *
 * @example
 * apportion(10, [0.25, 0.25, 0.5]); // [3, 2, 5]: quotas 2.5, 2.5, 5; the tie goes to the first
 * apportion(7, [0.3, 0.5, 0.2]);    // [2, 4, 1]: quotas 2.1, 3.5, 1.4
 */
export function apportion(total: number, shares: readonly number[]): number[] {
  requireInteger('total', total, 0);
  let sum = 0;
  for (let i = 0; i < shares.length; i++) {
    const s = shares[i]!;
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0 || s > 1) {
      throw new InvalidParameterError(`shares[${i}]`, 'a share between 0 and 1', s);
    }
    sum += s;
  }
  if (shares.length === 0 || Math.abs(sum - 1) > 1e-9) {
    throw new InvalidParameterError('shares', 'shares summing to 1', sum);
  }
  const k = shares.length;
  const quota = new Array<number>(k);
  let rest = total;
  for (let i = 0; i < k - 1; i++) {
    quota[i] = shares[i]! * total;
    rest -= quota[i]!;
  }
  quota[k - 1] = Math.max(0, rest);
  const counts = quota.map((q) => Math.floor(q));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => quota[b]! - counts[b]! - (quota[a]! - counts[a]!) || a - b);
  for (let j = 0; missing > 0; j = (j + 1) % k, missing--) counts[order[j]!]!++;
  return counts;
}

/** Shares of customers and prospects, declared once (assignRoles and the scenario file's `roles`). */
export const roleSharesSchema = describe(
  z
    .strictObject({
      customers: probability({ description: 'share of people who buy from the company now', label: 'Share of customers' }),
      prospects: probability({ description: 'share of people in the market who could buy', label: 'Share of prospects' }),
    })
    .superRefine((r, ctx) => {
      if (r.customers + r.prospects > 1 + 1e-12) addProblem(ctx, [], 'shares of customers and prospects that add up to at most 1 (the rest are bystanders)', r.customers + r.prospects);
    }),
  { description: 'who is who (the rest are bystanders who relay stories); exact counts by largest remainder, people drawn at random' },
);

function requireShares(field: string, value: unknown): RoleShares {
  return parseParameters(roleSharesSchema, value, field);
}

function roleCode(field: string, value: unknown): number {
  if (value === 'customer' || value === 'prospect' || value === 'bystander') return Role[value];
  throw new InvalidParameterError(field, "'customer', 'prospect' or 'bystander'", value);
}

/**
 * Gives people roles. Returns a new {@link Network} sharing every array of `network`
 * except `role`.
 *
 * With shares, the counts are exact: ⌊share · n⌋ made whole by the largest remainder
 * ({@link apportion} over customers, prospects, bystanders), within each segment for
 * `bySegment`. The people are chosen uniformly at random: every assignment with those
 * counts is equally likely (people are visited in index order and person i becomes a
 * customer with probability customers left / people left, else a prospect with
 * probability prospects left / people left; one uniform per person).
 *
 * @param random An {@link Rng}, or a seed for the stream `deriveRng(seed, 'roles')`.
 *   Needed for shares only.
 * @throws {InvalidParameterError} for shares outside [0, 1] or summing above 1, a segment
 *   missing from or unknown to `bySegment`, a role name other than `'customer'`,
 *   `'prospect'`, `'bystander'`, or an array of the wrong length.
 * @example
 * const labelled = assignRoles(network, { customers: 0.3, prospects: 0.5 }, 42);
 * countRoles(labelled); // { customers: 30, prospects: 50, bystanders: 20 } for 100 people
 */
export function assignRoles(network: Network, spec: RoleSpec, random?: RandomSource): Network {
  const n = network.size;
  const role = new Uint8Array(n);
  if (typeof spec === 'function') {
    for (let i = 0; i < n; i++) role[i] = roleCode(`roles(${i}, ${JSON.stringify(keyOf(network, i))})`, spec(i, keyOf(network, i)));
    return { ...network, role };
  }
  if (Array.isArray(spec)) {
    if (spec.length !== n) throw new InvalidParameterError('roles', `one role name per person (${n})`, spec);
    for (let i = 0; i < n; i++) role[i] = roleCode(`roles[${i}]`, spec[i]);
    return { ...network, role };
  }
  const object = requireObject('roles', spec);
  const segments = network.segmentNames.length;
  const customersLeft = new Float64Array(segments);
  const prospectsLeft = new Float64Array(segments);
  const peopleLeft = new Float64Array(segments);
  for (let i = 0; i < n; i++) peopleLeft[network.segment[i]!]!++;
  if ('bySegment' in object) {
    rejectUnknownKeys('roles', object, ['bySegment']);
    const bySegment = requireObject('roles.bySegment', object.bySegment);
    for (const name of Object.keys(bySegment)) {
      if (!network.segmentNames.includes(name)) {
        throw new InvalidParameterError(
          `roles.bySegment.${name}`,
          `a segment of the network (${network.segmentNames.map((s) => JSON.stringify(s)).join(', ')})`,
          name,
        );
      }
    }
    for (let s = 0; s < segments; s++) {
      const name = network.segmentNames[s]!;
      if (!Object.hasOwn(bySegment, name)) {
        throw new InvalidParameterError(`roles.bySegment.${name}`, 'shares for every segment of the network', undefined);
      }
      const shares = requireShares(`roles.bySegment.${name}`, bySegment[name]);
      const [c, p] = apportion(peopleLeft[s]!, [shares.customers, shares.prospects, Math.max(0, 1 - shares.customers - shares.prospects)]);
      customersLeft[s] = c!;
      prospectsLeft[s] = p!;
    }
  } else {
    const shares = requireShares('roles', object);
    const [c, p] = apportion(n, [shares.customers, shares.prospects, Math.max(0, 1 - shares.customers - shares.prospects)]);
    // Counts over everyone: one pool, whatever the segments.
    return drawRoles(network, role, null, Float64Array.of(c!), Float64Array.of(p!), Float64Array.of(n), resolveRandom(random, 'roles', 'roles'));
  }
  return drawRoles(network, role, network.segment, customersLeft, prospectsLeft, peopleLeft, resolveRandom(random, 'roles', 'roles'));
}

/** Sequential draws of exact counts per segment (a uniform random assignment). */
function drawRoles(
  network: Network,
  role: Uint8Array,
  segment: Uint16Array | null,
  customersLeft: Float64Array,
  prospectsLeft: Float64Array,
  peopleLeft: Float64Array,
  rng: Rng,
): Network {
  const n = network.size;
  for (let i = 0; i < n; i++) {
    const s = segment === null ? 0 : segment[i]!;
    const u = rng.next() * peopleLeft[s]!;
    if (u < customersLeft[s]!) {
      role[i] = Role.customer;
      customersLeft[s]!--;
    } else if (u < customersLeft[s]! + prospectsLeft[s]!) {
      role[i] = Role.prospect;
      prospectsLeft[s]!--;
    } else {
      role[i] = Role.bystander;
    }
    peopleLeft[s]!--;
  }
  return { ...network, role };
}

/**
 * Counts people by role, in the whole network or in one segment.
 *
 * @example
 * countRoles(network);          // { customers: 300, prospects: 500, bystanders: 200 }
 * countRoles(network, 'north'); // the same, for segment "north" only
 */
export function countRoles(network: Network, segment?: string): RoleCounts {
  let only = -1;
  if (segment !== undefined) {
    only = network.segmentNames.indexOf(segment);
    if (only < 0) {
      throw new InvalidParameterError(
        'segment',
        `a segment of the network (${network.segmentNames.map((s) => JSON.stringify(s)).join(', ')})`,
        segment,
      );
    }
  }
  const counts = [0, 0, 0];
  const { role, segment: seg } = network;
  for (let i = 0; i < network.size; i++) if (only < 0 || seg[i] === only) counts[role[i]!]!++;
  return { customers: counts[Role.customer]!, prospects: counts[Role.prospect]!, bystanders: counts[Role.bystander]! };
}

/** Segment labels per person: an array of labels, or a function `(person, key) => label`. */
export type SegmentSpec = readonly string[] | ((person: number, key: string) => string);

/**
 * Puts people into segments (regions, customer groups, …) by label. Returns a new
 * {@link Network} sharing every array of `network` except `segment` and `segmentNames`.
 * Labels are numbered in order of first appearance unless `segmentNames` gives the order
 * (then every label must be in it; unused names are kept). At most 65,536 segments.
 *
 * @example
 * const regional = assignSegments(network, (i) => (i < 500 ? 'north' : 'south'));
 * regional.segmentNames; // ['north', 'south']
 */
export function assignSegments(network: Network, spec: SegmentSpec, segmentNames?: readonly string[]): Network {
  const n = network.size;
  const segment = new Uint16Array(n);
  const names: string[] = [];
  const index = new Map<string, number>();
  if (segmentNames !== undefined) {
    if (!Array.isArray(segmentNames)) throw new InvalidParameterError('segmentNames', 'an array of segment labels', segmentNames);
    for (let s = 0; s < segmentNames.length; s++) {
      const name: unknown = segmentNames[s];
      if (typeof name !== 'string' || index.has(name)) {
        throw new InvalidParameterError(`segmentNames[${s}]`, 'a segment label (a string) not given before', name);
      }
      index.set(name, s);
      names.push(name);
    }
  }
  if (typeof spec !== 'function' && (!Array.isArray(spec) || spec.length !== n)) {
    throw new InvalidParameterError('segments', `one segment label per person (${n}) or a function of (person, key)`, spec);
  }
  for (let i = 0; i < n; i++) {
    const label: unknown = typeof spec === 'function' ? spec(i, keyOf(network, i)) : spec[i];
    const field = typeof spec === 'function' ? `segments(${i}, ${JSON.stringify(keyOf(network, i))})` : `segments[${i}]`;
    if (typeof label !== 'string') throw new InvalidParameterError(field, 'a segment label (a string)', label);
    let s = index.get(label);
    if (s === undefined) {
      if (segmentNames !== undefined) {
        throw new InvalidParameterError(field, `one of the segment names ${names.map((x) => JSON.stringify(x)).join(', ')}`, label);
      }
      s = names.length;
      if (s >= 65536) throw new InvalidParameterError(field, 'at most 65536 different segments', label);
      names.push(label);
      index.set(label, s);
    }
    segment[i] = s;
  }
  if (names.length === 0) names.push('all');
  return { ...network, segment, segmentNames: names };
}
