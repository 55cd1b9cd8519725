/**
 * Machinery shared by the generators in this folder (not part of the public API): the
 * limits their options are checked against (in ../specs.ts), the seeded fast stream, exact uniform integers, geometric skips, a
 * growable edge buffer and an open-addressing set of ties, all on typed arrays so no
 * generator allocates an object per edge.
 */
import { InvalidParameterError } from '../../errors.js';
import { Sfc32 } from '../../random/fast.js';
import { deriveRng, type Seed } from '../../random/rng.js';

/**
 * The most ties a generated network may have. Offsets are Int32Array and an undirected
 * tie is two arcs, so 2 · ties must stay below 2^31.
 */
export const MAX_EDGES = 2 ** 30 - 1;

/** The most people: compileNetwork's limit (offsets has size + 1 Int32 entries). */
export const MAX_SIZE = 2 ** 31 - 2;

/** Group indices are stored in `segment`, a Uint16Array: at most this many groups. */
export const MAX_GROUPS = 65_536;

/**
 * Defaults for {@link groups}. Goldenberg, Libai & Muller (2001) estimate per-period
 * transmission of ~0.01–0.07 over a strong tie and ~0.005–0.015 over a weak one
 * (quoted in DOMAIN.md). Taking the middle of each range, a weak tie passes a story
 * about 0.01 / 0.04 = 0.25 times as often as a strong one; hence strong ties at full
 * trust 1 and weak ties at 0.25. The ratio is our reading of their ranges, not a figure
 * they state: change it freely.
 */
export const GROUPS_DEFAULTS = { strongTrust: 1, weakTrust: 0.25 } as const;

/**
 * The generator's own stream, `deriveRng(seed, 'network', name)`, turned into an
 * {@link Sfc32} for the inner loops. Returns the stream name for `info.stream`.
 */
export function openStream(seed: Seed, generator: string): { random: Sfc32; stream: string } {
  const rng = deriveRng(seed, 'network', generator);
  return { random: Sfc32.fromRng(rng), stream: rng.stream };
}

/** C(n, 2): the number of unordered pairs among n people (exact below 2^53). */
export function pairCount(n: number): number {
  return (n * (n - 1)) / 2;
}

/**
 * Exactly uniform integer on [0, n), 1 ≤ n ≤ 2^32, by rejection: 32-bit words at or
 * above the largest multiple of n are redrawn, so every residue is equally likely (a
 * plain `floor(u · n)` would favour some values by up to n / 2^32).
 */
export function uniformBelow(random: Sfc32, n: number): number {
  const limit = 4294967296 - (4294967296 % n);
  let x = random.nextUint32();
  while (x >= limit) x = random.nextUint32();
  return x % n;
}

/** Uniform on (0, 1] with 53 bits, so geometric skips keep full resolution for tiny p. */
export function uniformOpen0(random: Sfc32): number {
  return (random.nextUint32() * 2097152 + (random.nextUint32() >>> 11) + 1) * 1.1102230246251565e-16;
}

/**
 * Failures before the first success in Bernoulli(p) trials, by inversion:
 * floor(ln U / ln(1 − p)) with U uniform on (0, 1]. `inverseLog` is 1 / ln(1 − p),
 * computed once per probability (p in (0, 1]; p = 1 gives 1/−∞ = −0 and a skip of 0).
 */
export function geometricSkip(random: Sfc32, inverseLog: number): number {
  return Math.floor(Math.log(uniformOpen0(random)) * inverseLog);
}

/**
 * A list of ties whose final number is random (G(n, p), stochastic blocks): starts at
 * the expected count plus a margin and grows by half when that is not enough.
 */
export class EdgeBuffer {
  sources: Int32Array;
  targets: Int32Array;
  count = 0;
  readonly #generator: string;
  readonly #field: string;
  readonly #received: unknown;
  readonly #limit: number;
  readonly #expected: number;

  /**
   * `expected` edges are allocated with six standard deviations to spare (a binomial
   * count with mean μ has sd ≤ √μ), so growing is rare, and never more than `maxTies`
   * (the options' rules have already refused an `expected` above it). Errors are named
   * like the options' problems, `generator.field`: `field`/`received` the parameter
   * blamed if the count passes {@link MAX_EDGES}; passing `maxTies` (below MAX_EDGES)
   * stops the draw with an error naming `generator.maxTies`.
   */
  constructor(expected: number, generator: string, field: string, received: unknown, maxTies: number = MAX_EDGES) {
    const capacity = Math.min(maxTies, Math.ceil(expected + 6 * Math.sqrt(expected) + 64));
    this.sources = new Int32Array(capacity);
    this.targets = new Int32Array(capacity);
    this.#generator = generator;
    this.#field = field;
    this.#received = received;
    this.#limit = maxTies;
    this.#expected = expected;
  }

  push(source: number, target: number): void {
    if (this.count === this.sources.length) this.#grow();
    this.sources[this.count] = source;
    this.targets[this.count++] = target;
  }

  #grow(): void {
    if (this.count >= this.#limit && this.#limit < MAX_EDGES) {
      throw new InvalidParameterError(
        `${this.#generator}.maxTies`,
        `a limit the network stays within: the draw passed ${this.#limit} ties and was stopped (about ${Math.round(this.#expected)} expected)`,
        this.#limit,
      );
    }
    if (this.count >= MAX_EDGES) {
      throw new InvalidParameterError(
        `${this.#generator}.${this.#field}`,
        `a value giving at most ${MAX_EDGES} ties (the network's offsets are 32-bit)`,
        this.#received,
      );
    }
    const capacity = Math.min(this.#limit, Math.ceil(this.count * 1.5) + 64);
    const sources = new Int32Array(capacity);
    const targets = new Int32Array(capacity);
    sources.set(this.sources);
    targets.set(this.targets);
    this.sources = sources;
    this.targets = targets;
  }
}

/**
 * A set of undirected ties {u, v} stored by edge index in an open-addressing table with
 * linear probing. The endpoints live in the caller's `sources`/`targets` arrays (edge e is
 * {sources[e], targets[e]}, in either order), so the table itself is one Int32Array of
 * edge index + 1 (0 = empty) kept at most half full. Removal uses backward-shift deletion
 * (Knuth, TAOCP vol. 3, 6.4 Algorithm R), so no tombstones accumulate.
 */
export class TieSet {
  readonly table: Int32Array;
  readonly mask: number;
  readonly sources: Int32Array;
  readonly targets: Int32Array;

  /** Room for `capacity` ties at a load factor ≤ 1/2. */
  constructor(capacity: number, sources: Int32Array, targets: Int32Array) {
    let slots = 16;
    while (slots < 2 * capacity) slots *= 2;
    this.table = new Int32Array(slots);
    this.mask = slots - 1;
    this.sources = sources;
    this.targets = targets;
  }

  /** The home slot of {u, v}: symmetric in u and v (a murmur3-style mix of min, max). */
  slotOf(u: number, v: number): number {
    const lo = u < v ? u : v;
    const hi = u < v ? v : u;
    let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    return h & this.mask;
  }

  /** The table slot holding {u, v}, or −1. */
  find(u: number, v: number): number {
    const { table, mask, sources, targets } = this;
    let slot = this.slotOf(u, v);
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) return -1;
      const s = sources[entry - 1]!;
      const t = targets[entry - 1]!;
      if ((s === u && t === v) || (s === v && t === u)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  has(u: number, v: number): boolean {
    return this.find(u, v) !== -1;
  }

  /** Records edge e (whose endpoints are already in sources/targets); e must be new. */
  insert(edge: number): void {
    const { table, mask } = this;
    let slot = this.slotOf(this.sources[edge]!, this.targets[edge]!);
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = edge + 1;
  }

  /**
   * Forgets the tie in `slot` (from {@link find}), shifting later entries of its probe
   * run back so every remaining entry stays reachable from its home slot.
   */
  removeSlot(slot: number): void {
    const { table, mask, sources, targets } = this;
    let hole = slot;
    let next = (hole + 1) & mask;
    for (;;) {
      const entry = table[next]!;
      if (entry === 0) break;
      const home = this.slotOf(sources[entry - 1]!, targets[entry - 1]!);
      // Move the entry into the hole unless its home lies cyclically in (hole, next].
      const stays = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!stays) {
        table[hole] = entry;
        hole = next;
      }
      next = (next + 1) & mask;
    }
    table[hole] = 0;
  }
}

/**
 * Every pair (v, w), 0 ≤ w < v < n, independently with probability p, pushed into `out`
 * in order: geometric skipping over the pairs (Batagelj & Brandes 2005), O(n + edges).
 */
export function pushGnpPairs(random: Sfc32, n: number, p: number, out: EdgeBuffer): void {
  if (!(p > 0)) return;
  const inverseLog = 1 / Math.log1p(-p);
  // Row v holds v pairs.
  let v = 1;
  let w = -1;
  while (v < n) {
    w += 1 + geometricSkip(random, inverseLog);
    while (w >= v && v < n) {
      w -= v;
      v++;
    }
    if (v < n) out.push(v, w);
  }
}
