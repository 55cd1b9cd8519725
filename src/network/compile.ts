/**
 * Edge arrays → {@link Network}. Every way of making a network (generators, edge lists,
 * graphology) ends here, so the rules on self-loops and repeated edges live in one place:
 *
 * - `onSelfLoop: 'error'` (default) throws a {@link GraphStructureError} naming the edge;
 *   `'drop'` leaves it out and counts it in `info.droppedSelfLoops`. A person telling
 *   themselves a story changes nothing in any model here.
 * - `onDuplicate: 'error'` (default) throws, naming both edges; `'drop'` keeps the first
 *   (its trust too) and counts the rest in `info.droppedDuplicates`. In an undirected
 *   network `a b` and `b a` are the same tie.
 *
 * Two stable counting sorts (by head, then by tail) build sorted rows in O(n + m) time.
 */
import { GraphStructureError, InvalidParameterError } from '../errors.js';
import { requireInteger } from '../validate.js';
import type { Network, NetworkInfo } from './types.js';

export interface EdgeArrays {
  /** Number of people; edge endpoints are indices in [0, size). */
  readonly size: number;
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  /** How many entries of sources/targets are edges (default: their length). */
  readonly count?: number;
  /** Tie strength per edge in (0, 1]; default 1 for every tie. */
  readonly trust?: Float32Array;
}

export interface CompileOptions {
  readonly directed?: boolean;
  readonly onSelfLoop?: 'error' | 'drop';
  readonly onDuplicate?: 'error' | 'drop';
  /** Names edge e in error messages (e.g. `line 17`); default `edges[e]`. */
  readonly describeEdge?: (edge: number) => string;
  /** Names person i in error messages; default its key. */
  readonly keys?: readonly string[] | null;
  readonly role?: Uint8Array;
  readonly segment?: Uint16Array;
  readonly segmentNames?: readonly string[];
  readonly info: Pick<NetworkInfo, 'source' | 'parameters'> & { readonly stream?: string };
}

export function compileNetwork(edges: EdgeArrays, options: CompileOptions): Network {
  const n = requireInteger('size', edges.size, 0, 2 ** 31 - 2);
  const m = edges.count ?? edges.sources.length;
  requireInteger('count', m, 0, Math.min(edges.sources.length, edges.targets.length));
  const { sources, targets, trust: edgeTrust } = edges;
  const directed = options.directed ?? false;
  const onSelfLoop = options.onSelfLoop ?? 'error';
  const onDuplicate = options.onDuplicate ?? 'error';
  const keys = options.keys ?? null;
  const describeEdge = options.describeEdge ?? ((e: number) => `edges[${e}]`);
  const name = (i: number) => (keys === null ? String(i) : JSON.stringify(keys[i]));
  if (edgeTrust !== undefined && edgeTrust.length < m) {
    throw new InvalidParameterError('trust', `a Float32Array with one value per edge (${m})`, edgeTrust);
  }

  // Pass 0: validate endpoints and trust, count self-loops.
  let selfLoops = 0;
  for (let e = 0; e < m; e++) {
    const u = sources[e]!;
    const v = targets[e]!;
    if (!(u >= 0 && u < n)) throw new InvalidParameterError(`${describeEdge(e)}.source`, `an index in [0, ${n})`, u);
    if (!(v >= 0 && v < n)) throw new InvalidParameterError(`${describeEdge(e)}.target`, `an index in [0, ${n})`, v);
    if (edgeTrust !== undefined) {
      const t = edgeTrust[e]!;
      if (!(t > 0 && t <= 1)) throw new InvalidParameterError(`${describeEdge(e)}.trust`, 'a tie strength > 0 and ≤ 1', t);
    }
    if (u === v) {
      if (onSelfLoop === 'error') {
        throw new GraphStructureError(
          describeEdge(e),
          `self-loop on ${name(u)} (a person cannot tell themselves; pass onSelfLoop: 'drop' to leave self-loops out)`,
        );
      }
      selfLoops++;
    }
  }

  const arcsPerEdge = directed ? 1 : 2;
  const arcCount = (m - selfLoops) * arcsPerEdge;
  // Arc id x: edge x >> 1, reversed when x & 1 (undirected only); directed arcs use x = 2e.
  const headOf = (x: number) => ((x & 1) === 1 ? sources[x >> 1]! : targets[x >> 1]!);
  const tailOf = (x: number) => ((x & 1) === 1 ? targets[x >> 1]! : sources[x >> 1]!);

  // Pass 1: arcs sorted by head (stable in edge order).
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const u = sources[e]!;
    const v = targets[e]!;
    if (u === v) continue;
    start[v + 1]!++;
    if (!directed) start[u + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const byHead = new Int32Array(arcCount);
  for (let e = 0; e < m; e++) {
    const u = sources[e]!;
    const v = targets[e]!;
    if (u === v) continue;
    byHead[start[v]!++] = 2 * e;
    if (!directed) byHead[start[u]!++] = 2 * e + 1;
  }

  // Pass 2: stable by tail → rows sorted by head, ties in edge order.
  const offsets = new Int32Array(n + 1);
  for (let a = 0; a < arcCount; a++) offsets[tailOf(byHead[a]!) + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = start; // reuse: row write positions
  fill.set(offsets);
  let neighbors = new Int32Array(arcCount);
  const arcEdge = new Int32Array(arcCount);
  for (let a = 0; a < arcCount; a++) {
    const x = byHead[a]!;
    const pos = fill[tailOf(x)]!++;
    neighbors[pos] = headOf(x);
    arcEdge[pos] = x >> 1;
  }

  // Pass 3: repeated ties are adjacent in a sorted row.
  let duplicates = 0;
  for (let u = 0; u < n; u++) {
    for (let a = offsets[u]! + 1; a < offsets[u + 1]!; a++) {
      if (neighbors[a] === neighbors[a - 1]) {
        if (onDuplicate === 'error') {
          throw new GraphStructureError(
            describeEdge(arcEdge[a]!),
            `repeats the tie between ${name(u)} and ${name(neighbors[a]!)} first given at ${describeEdge(arcEdge[a - 1]!)} (pass onDuplicate: 'drop' to keep only the first)`,
          );
        }
        duplicates++;
      }
    }
  }
  let finalOffsets = offsets;
  let finalArcEdge = arcEdge;
  if (duplicates > 0) {
    const kept = new Int32Array(arcCount - duplicates);
    const keptEdge = new Int32Array(arcCount - duplicates);
    finalOffsets = new Int32Array(n + 1);
    let w = 0;
    for (let u = 0; u < n; u++) {
      const end = offsets[u + 1]!;
      for (let a = offsets[u]!; a < end; a++) {
        if (a > offsets[u]! && neighbors[a] === neighbors[a - 1]) continue;
        kept[w] = neighbors[a]!;
        keptEdge[w++] = arcEdge[a]!;
      }
      finalOffsets[u + 1] = w;
    }
    neighbors = kept;
    finalArcEdge = keptEdge;
  }

  const trust = new Float32Array(neighbors.length);
  if (edgeTrust === undefined) trust.fill(1);
  else for (let a = 0; a < trust.length; a++) trust[a] = edgeTrust[finalArcEdge[a]!]!;

  const role = options.role ?? new Uint8Array(n);
  const segment = options.segment ?? new Uint16Array(n);
  if (role.length !== n) throw new InvalidParameterError('role', `a Uint8Array of length ${n}`, role);
  if (segment.length !== n) throw new InvalidParameterError('segment', `a Uint16Array of length ${n}`, segment);
  if (keys !== null && keys.length !== n) throw new InvalidParameterError('keys', `${n} ids`, keys);
  const info: NetworkInfo = {
    source: options.info.source,
    parameters: options.info.parameters,
    ...(options.info.stream === undefined ? {} : { stream: options.info.stream }),
    droppedSelfLoops: selfLoops,
    droppedDuplicates: directed ? duplicates : duplicates / 2,
  };
  return {
    size: n,
    directed,
    offsets: finalOffsets,
    neighbors,
    trust,
    role,
    segment,
    segmentNames: options.segmentNames ?? ['all'],
    keys,
    info,
  };
}
