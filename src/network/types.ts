/**
 * The compiled network every simulation runs on: compressed sparse rows in typed arrays.
 * graphology is the interchange format; the hot loops never touch it (DESIGN.md).
 */

/** Role codes stored in {@link Network.role}. */
export const Role = {
  /** Not in the market, but relays stories. */
  bystander: 0,
  /** Buys from the company now. */
  customer: 1,
  /** In the market, could buy: the people a bad story can turn away. */
  prospect: 2,
} as const;
export type RoleName = keyof typeof Role;
export type RoleCode = (typeof Role)[RoleName];
export const ROLE_NAMES: readonly RoleName[] = ['bystander', 'customer', 'prospect'];

/** Where a network came from and what was done to it on the way in. */
export interface NetworkInfo {
  /** `edge-list`, `graphology`, or the generator's name (`barabasi-albert`, …). */
  readonly source: string;
  /** The generator's parameters or the reader's options, for the record. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The seed's stream name when the network was drawn at random. */
  readonly stream?: string;
  /** Self-loops dropped on request (`onSelfLoop: 'drop'`); 0 otherwise. */
  readonly droppedSelfLoops: number;
  /** Repeated edges dropped on request (`onDuplicate: 'drop'`); 0 otherwise. */
  readonly droppedDuplicates: number;
}

/**
 * A customer network in compressed sparse rows. Person i's ties are the arcs
 * `offsets[i] .. offsets[i+1]-1`; arc a goes to `neighbors[a]` with tie strength
 * `trust[a]` in (0, 1]. Rows are sorted by neighbour index. An undirected network
 * stores every tie as two arcs with the same trust; `directed` networks store arc
 * u → v only (u can tell v).
 */
export interface Network {
  /** Number of people. */
  readonly size: number;
  readonly directed: boolean;
  /** Int32Array of length size + 1. */
  readonly offsets: Int32Array;
  /** Int32Array of length offsets[size]: the head of every arc. */
  readonly neighbors: Int32Array;
  /** Float32Array, one tie strength in (0, 1] per arc. */
  readonly trust: Float32Array;
  /** Uint8Array, one {@link Role} code per person. */
  readonly role: Uint8Array;
  /** Uint16Array, one index into {@link Network.segmentNames} per person. */
  readonly segment: Uint16Array;
  /** Segment labels; a network without segments has one, `"all"`. */
  readonly segmentNames: readonly string[];
  /** The user's string id per person; `null` means person i's id is `String(i)`. */
  readonly keys: readonly string[] | null;
  readonly info: NetworkInfo;
}

/** Number of ties: arcs for a directed network, arcs / 2 for an undirected one. */
export function edgeCount(network: Network): number {
  const arcs = network.neighbors.length;
  return network.directed ? arcs : arcs / 2;
}

/** Person i's number of arcs (out-degree for directed networks). */
export function degree(network: Network, person: number): number {
  return network.offsets[person + 1]! - network.offsets[person]!;
}

/** The string id of person i. */
export function keyOf(network: Network, person: number): string {
  return network.keys === null ? String(person) : network.keys[person]!;
}

const indexCache = new WeakMap<readonly string[], Map<string, number>>();

/** The index of the person with this id, or -1 when there is none. */
export function indexOfKey(network: Network, key: string): number {
  if (network.keys === null) {
    if (!/^(0|[1-9][0-9]*)$/.test(key)) return -1;
    const i = Number(key);
    return i < network.size ? i : -1;
  }
  let map = indexCache.get(network.keys);
  if (map === undefined) {
    map = new Map();
    const keys = network.keys;
    for (let i = 0; i < keys.length; i++) map.set(keys[i]!, i);
    indexCache.set(keys, map);
  }
  return map.get(key) ?? -1;
}
