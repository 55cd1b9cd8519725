/**
 * graphology is hearsay's interchange format (DESIGN.md): users bring a graph, and get
 * one back with results as node attributes for sigma.js, Gephi or graphology's metrics.
 * Simulations never run on it; {@link fromGraphology} compiles it once into a
 * {@link Network} through {@link compileNetwork}.
 */
import Graph from 'graphology';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { InvalidParameterError, NotShown } from '../errors.js';
import { rejectUnknownKeys, requireBoolean, requireObject, requireOneOf } from '../validate.js';
import { compileNetwork } from './compile.js';
import type { Network, RoleName } from './types.js';
import { ROLE_NAMES, Role, keyOf } from './types.js';

/** Options of {@link fromGraphology}. */
export interface FromGraphologyOptions {
  /**
   * Whether ties are one-way. Default: the graph's own type: `'undirected'` → false,
   * `'directed'` → true; a `'mixed'` graph (graphology's default `Graph`) → false when
   * it holds only undirected edges, and otherwise there is no default: pass `true` (each
   * directed edge is one arc, each undirected edge two) or `false` (every edge is a
   * two-way tie; `a → b` and `b → a` are then the same tie twice, see `onDuplicate`).
   * Forcing a value on a directed or undirected graph follows the same rules.
   */
  readonly directed?: boolean;
  /**
   * Node attribute holding `'customer'`, `'prospect'` or `'bystander'`. Default `'role'`;
   * `null` ignores roles. When no node has it everyone is a bystander; when some do,
   * every node must.
   */
  readonly roleAttribute?: string | null;
  /**
   * Node attribute holding a segment label (a string, or an integer used as its decimal
   * string, e.g. a community number). Default `'segment'`; `null` ignores it. When no node
   * has it everyone is in segment `"all"`; when some do, every node must.
   */
  readonly segmentAttribute?: string | null;
  /**
   * The order of segment labels in `segmentNames`. Default: the graph attribute
   * `segmentNames` when present (as {@link toGraphology} writes it), else order of first
   * appearance. Labels listed but unused are kept.
   */
  readonly segmentNames?: readonly string[];
  /**
   * Edge attribute holding the tie strength in (0, 1]. Default `'trust'`; `null` ignores
   * it. When no edge has it every tie has trust 1; when some do, every edge must (a
   * missing trust is never taken to be 1 behind the user's back).
   */
  readonly trustAttribute?: string | null;
  /** See {@link compileNetwork}. Default `'error'`. */
  readonly onSelfLoop?: 'error' | 'drop';
  /** See {@link compileNetwork}; parallel edges of a multigraph are repeated ties. Default `'error'`. */
  readonly onDuplicate?: 'error' | 'drop';
  /**
   * Whether error messages may quote the graph's content (node and edge keys, attribute
   * values). Default true; `false` names nodes and edges by their position in the graph's
   * order (`graph node #3`, `graph edge #12`) and shows only the kind of a bad value: for a
   * file whose content must not leak into a message.
   */
  readonly quoteContent?: boolean;
}

const FROM_OPTION_KEYS = [
  'directed',
  'roleAttribute',
  'segmentAttribute',
  'segmentNames',
  'trustAttribute',
  'onSelfLoop',
  'onDuplicate',
  'quoteContent',
] as const;

const MAX_SEGMENTS = 65536;

function attributeOption(field: string, value: unknown, fallback: string): string | null {
  if (value === undefined) return fallback;
  if (value === null || typeof value === 'string') return value;
  throw new InvalidParameterError(field, 'an attribute name (a string) or null', value);
}

/** How messages name nodes, edges and values: quoted, or by position only. */
class Namer {
  constructor(readonly quote: boolean) {}
  node(key: string, index: number): string {
    return this.quote ? `graph node ${JSON.stringify(key)}` : `graph node #${index}`;
  }
  edge(key: string, index: number): string {
    return this.quote ? `graph edge ${JSON.stringify(key)}` : `graph edge #${index}`;
  }
  value(value: unknown): unknown {
    return this.quote ? value : new NotShown(value);
  }
}

/**
 * Compiles a graphology graph into a {@link Network}.
 *
 * Nodes become people in the graph's node order, node keys become `keys` (no keys are
 * stored when node i's key is `String(i)` for every i, as for the graphology-generators
 * graphs). An undirected edge becomes one tie (two arcs); a directed edge one arc (see
 * {@link FromGraphologyOptions.directed} for mixed graphs). Roles, segments and trust are
 * read from attributes when present and validated; nothing is guessed or clamped.
 *
 * Cost: one pass over nodes and one over edges plus {@link compileNetwork}; about 0.1 s
 * for 100,000 people and 500,000 ties (bench/graphology.bench.mjs).
 *
 * @throws {InvalidParameterError} naming the node or edge and the value for a bad role,
 *   segment or trust, an attribute present on some items only, or an ambiguous mixed graph.
 * @throws {GraphStructureError} for a self-loop or a repeated tie (unless dropped).
 * @example
 * import { UndirectedGraph } from 'graphology';
 * import karateClub from 'graphology-generators/social/karate-club';
 * const network = fromGraphology(karateClub(UndirectedGraph));
 * network.size;        // 34
 * edgeCount(network);  // 78
 */
export function fromGraphology(graph: AbstractGraph, options: FromGraphologyOptions = {}): Network {
  if (typeof graph !== 'object' || graph === null || typeof (graph as { forEachEdge?: unknown }).forEachEdge !== 'function') {
    throw new InvalidParameterError('graph', 'a graphology Graph', graph);
  }
  requireObject('options', options);
  rejectUnknownKeys('options', options, FROM_OPTION_KEYS);
  const roleAttribute = attributeOption('options.roleAttribute', options.roleAttribute, 'role');
  const segmentAttribute = attributeOption('options.segmentAttribute', options.segmentAttribute, 'segment');
  const trustAttribute = attributeOption('options.trustAttribute', options.trustAttribute, 'trust');
  const onSelfLoop = requireOneOf('options.onSelfLoop', options.onSelfLoop ?? 'error', ['error', 'drop']);
  const onDuplicate = requireOneOf('options.onDuplicate', options.onDuplicate ?? 'error', ['error', 'drop']);
  const namer = new Namer(options.quoteContent === undefined ? true : requireBoolean('options.quoteContent', options.quoteContent));
  const nodeField = (key: string, index: number, attribute: string) => `${namer.node(key, index)}.${attribute}`;

  let directed: boolean;
  if (options.directed !== undefined) {
    if (typeof options.directed !== 'boolean') throw new InvalidParameterError('options.directed', 'true or false', options.directed);
    directed = options.directed;
  } else if (graph.type === 'undirected') {
    directed = false;
  } else if (graph.type === 'directed') {
    directed = true;
  } else if (graph.directedSize === 0) {
    directed = false;
  } else {
    throw new InvalidParameterError(
      'options.directed',
      `true or false for a mixed graph holding ${graph.directedSize} directed and ${graph.undirectedSize} undirected edges ` +
        "(graphology's default Graph is mixed and its addEdge adds directed edges): true keeps each directed edge one-way " +
        'and turns each undirected edge into two arcs; false treats every edge as a two-way tie',
      undefined,
    );
  }

  // Nodes: index, key, role, segment.
  const n = graph.order;
  const index = new Map<string, number>();
  const keys: string[] = new Array<string>(n);
  const role = new Uint8Array(n);
  const segment = new Uint16Array(n);
  let segmentNames: string[] | null = null;
  const segmentIndex = new Map<string, number>();
  const givenNames = segmentAttribute === null ? undefined : (options.segmentNames ?? graphSegmentNames(graph, namer));
  if (givenNames !== undefined) {
    segmentNames = [];
    for (let s = 0; s < givenNames.length; s++) {
      const name = givenNames[s];
      if (typeof name !== 'string' || segmentIndex.has(name)) {
        throw new InvalidParameterError(`segmentNames[${s}]`, 'a segment label (a string) not given before', namer.value(name));
      }
      segmentIndex.set(name, s);
      segmentNames.push(name);
    }
    if (segmentNames.length > MAX_SEGMENTS) {
      throw new InvalidParameterError('segmentNames', `at most ${MAX_SEGMENTS} labels`, namer.value(segmentNames));
    }
  }
  const fixedNames = segmentNames !== null;
  let withRole = -1;
  let withSegment = -1;
  let firstRoleNode = '';
  let firstSegmentNode = '';
  let firstRoleIndex = 0;
  let firstSegmentIndex = 0;
  let i = 0;
  graph.forEachNode((key: string, attributes: Attributes) => {
    index.set(key, i);
    keys[i] = key;
    if (roleAttribute !== null) {
      const value: unknown = attributes[roleAttribute];
      const has = value === undefined ? 0 : 1;
      if (withRole === -1) {
        withRole = has;
        firstRoleNode = key;
        firstRoleIndex = i;
      } else if (has !== withRole) {
        throw new InvalidParameterError(
          nodeField(key, i, roleAttribute),
          `'customer', 'prospect' or 'bystander' on every node or on none (${namer.node(firstRoleNode, firstRoleIndex).replace(/^graph /, '')} ${withRole === 1 ? 'has one' : 'has none'})`,
          namer.value(value),
        );
      }
      if (has === 1) {
        if (value !== 'customer' && value !== 'prospect' && value !== 'bystander') {
          throw new InvalidParameterError(nodeField(key, i, roleAttribute), "'customer', 'prospect' or 'bystander'", namer.value(value));
        }
        role[i] = Role[value];
      }
    }
    if (segmentAttribute !== null) {
      const value: unknown = attributes[segmentAttribute];
      const has = value === undefined ? 0 : 1;
      if (withSegment === -1) {
        withSegment = has;
        firstSegmentNode = key;
        firstSegmentIndex = i;
      } else if (has !== withSegment) {
        throw new InvalidParameterError(
          nodeField(key, i, segmentAttribute),
          `a segment label on every node or on none (${namer.node(firstSegmentNode, firstSegmentIndex).replace(/^graph /, '')} ${withSegment === 1 ? 'has one' : 'has none'})`,
          namer.value(value),
        );
      }
      if (has === 1) {
        let label: string;
        if (typeof value === 'string') label = value;
        else if (typeof value === 'number' && Number.isInteger(value)) label = String(value);
        else throw new InvalidParameterError(nodeField(key, i, segmentAttribute), 'a segment label (a string or an integer)', namer.value(value));
        let s = segmentIndex.get(label);
        if (s === undefined) {
          if (fixedNames) {
            throw new InvalidParameterError(
              nodeField(key, i, segmentAttribute),
              namer.quote ? `one of the segment names ${describeNames(segmentNames!)}` : `one of the ${segmentNames!.length} segment names given`,
              namer.value(value),
            );
          }
          segmentNames ??= [];
          s = segmentNames.length;
          if (s >= MAX_SEGMENTS) {
            throw new InvalidParameterError(nodeField(key, i, segmentAttribute), `at most ${MAX_SEGMENTS} different segments`, namer.value(value));
          }
          segmentNames.push(label);
          segmentIndex.set(label, s);
        }
        segment[i] = s;
      }
    }
    i++;
  });
  if (withSegment !== 1) {
    if (options.segmentNames !== undefined) {
      throw new InvalidParameterError(
        'options.segmentNames',
        `segment labels on the nodes to order (no node has the attribute ${JSON.stringify(segmentAttribute)})`,
        namer.value(options.segmentNames),
      );
    }
    segmentNames = null;
  }

  // Edges → edge arrays. An undirected edge in a directed network is two edges.
  const capacity = directed ? graph.directedSize + 2 * graph.undirectedSize : graph.size;
  const sources = new Int32Array(capacity);
  const targets = new Int32Array(capacity);
  // What names edge entry e in a message: its key, or (not quoting) its position in the graph's edge order.
  const edgeKeys: string[] | null = namer.quote ? new Array<string>(capacity) : null;
  const edgeIndex: Int32Array | null = namer.quote ? null : new Int32Array(capacity);
  const trust = trustAttribute === null ? null : new Float32Array(capacity);
  let m = 0;
  let j = -1;
  let withTrust = -1;
  let firstTrustEdge = '';
  let firstTrustIndex = 0;
  graph.forEachEdge(
    (edge: string, attributes: Attributes, source: string, target: string, _sa: Attributes, _ta: Attributes, undirected: boolean) => {
      j++;
      const u = index.get(source)!;
      const v = index.get(target)!;
      let t = 1;
      if (trust !== null) {
        const value: unknown = attributes[trustAttribute!];
        const has = value === undefined ? 0 : 1;
        if (withTrust === -1) {
          withTrust = has;
          firstTrustEdge = edge;
          firstTrustIndex = j;
        } else if (has !== withTrust) {
          throw new InvalidParameterError(
            `${namer.edge(edge, j)}.${trustAttribute}`,
            `a tie strength > 0 and ≤ 1 on every edge or on none (${namer.edge(firstTrustEdge, firstTrustIndex).replace(/^graph /, '')} ${withTrust === 1 ? 'has one' : 'has none'}; a missing trust is not taken to be 1)`,
            namer.value(value),
          );
        }
        if (has === 1) {
          if (typeof value !== 'number' || !(value > 0 && value <= 1) || Math.fround(value) === 0) {
            throw new InvalidParameterError(
              `${namer.edge(edge, j)}.${trustAttribute}`,
              'a tie strength > 0 and ≤ 1 (and ≥ 1.5e-45, the smallest single-precision value)',
              namer.value(value),
            );
          }
          t = value;
        }
      }
      sources[m] = u;
      targets[m] = v;
      if (edgeKeys !== null) edgeKeys[m] = edge;
      else edgeIndex![m] = j;
      if (trust !== null) trust[m] = t;
      m++;
      if (directed && undirected) {
        sources[m] = v;
        targets[m] = u;
        if (edgeKeys !== null) edgeKeys[m] = edge;
        else edgeIndex![m] = j;
        if (trust !== null) trust[m] = t;
        m++;
      }
    },
  );

  const identityKeys = keys.every((key, person) => key === String(person));
  return compileNetwork(
    { size: n, sources, targets, count: m, ...(trust === null || withTrust !== 1 ? {} : { trust }) },
    {
      directed,
      onSelfLoop,
      onDuplicate,
      keys: identityKeys ? null : keys,
      role,
      segment,
      ...(segmentNames === null ? {} : { segmentNames }),
      quoteKeys: namer.quote,
      describeEdge: (e: number) => (edgeKeys !== null ? `graph edge ${JSON.stringify(edgeKeys[e])}` : `graph edge #${edgeIndex![e]}`),
      info: {
        source: 'graphology',
        parameters: {
          type: graph.type,
          multi: graph.multi,
          order: graph.order,
          size: graph.size,
          directed,
          roleAttribute,
          segmentAttribute,
          trustAttribute,
          onSelfLoop,
          onDuplicate,
        },
      },
    },
  );
}

function describeNames(names: readonly string[]): string {
  const shown = names.slice(0, 10).map((s) => JSON.stringify(s));
  return names.length > 10 ? `${shown.join(', ')}, … (${names.length} in all)` : shown.join(', ');
}

/** The graph attribute `segmentNames` when present (validated), else undefined. */
function graphSegmentNames(graph: AbstractGraph, namer: Namer): readonly string[] | undefined {
  const value: unknown = graph.getAttribute('segmentNames');
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new InvalidParameterError('graph attribute segmentNames', 'an array of segment labels (strings)', namer.value(value));
  }
  return value as string[];
}

/** Per-person numbers to write as node attributes, e.g. `{ reach: result.heardCount }`. */
export type NodeValues = Readonly<Record<string, ArrayLike<number>>>;

/**
 * Turns a {@link Network} into a graphology graph, for drawing (sigma.js), export (Gephi)
 * or graphology's metrics.
 *
 * The graph is a simple `undirected` or `directed` graph like the network. Nodes are
 * added in person order with the network's keys ({@link keyOf}) and the attributes
 * `role` (`'customer'` | `'prospect'` | `'bystander'`), `segment` (its label) and one
 * attribute per entry of `nodeValues`. Each tie is one edge with attribute `trust`; its
 * key is made of 0-based person indices, deterministic and unique whatever the ids:
 * `"u--v"` (u < v) in an undirected graph, `"u->v"` in a directed one. The graph
 * attribute `segmentNames` keeps the order of segment labels, so {@link fromGraphology}
 * gives back identical arrays.
 *
 * The graph is a graphology `Graph`, typed as graphology-types' `AbstractGraph` (what
 * graphology's own libraries and sigma.js accept): graphology ships CommonJS types whose
 * default export an ESM project under `moduleResolution: NodeNext` cannot use as a type.
 *
 * @param nodeValues Per-person numbers, each of length `network.size`; names must not be
 *   `role` or `segment`, and values must not be NaN.
 * @example
 * const graph = toGraphology(network, { reach: reachPerPerson });
 * graph.getNodeAttribute('ann', 'reach');
 * graph.getEdgeAttribute('0--1', 'trust');
 */
export function toGraphology(network: Network, nodeValues: NodeValues = {}): AbstractGraph {
  requireObject('nodeValues', nodeValues);
  const n = network.size;
  const names = Object.keys(nodeValues);
  const columns: ArrayLike<number>[] = [];
  for (const name of names) {
    if (name === 'role' || name === 'segment') {
      throw new InvalidParameterError(`nodeValues.${name}`, 'a name other than role and segment (written from the network)', name);
    }
    const column = nodeValues[name]!;
    if (typeof column !== 'object' || column === null || typeof column.length !== 'number' || column.length !== n) {
      throw new InvalidParameterError(`nodeValues.${name}`, `an array of ${n} numbers (one per person)`, column);
    }
    for (let i = 0; i < n; i++) {
      const x = column[i];
      if (typeof x !== 'number' || Number.isNaN(x)) {
        throw new InvalidParameterError(`nodeValues.${name}[${i}]`, 'a number (not NaN)', x);
      }
    }
    columns.push(column);
  }

  const graph = new Graph({ type: network.directed ? 'directed' : 'undirected', multi: false, allowSelfLoops: false });
  graph.setAttribute('segmentNames', [...network.segmentNames]);
  const { offsets, neighbors, trust, role, segment, segmentNames, directed } = network;
  const keys: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const key = keyOf(network, i);
    keys[i] = key;
    const attributes: Attributes = { role: ROLE_NAMES[role[i]!] as RoleName, segment: segmentNames[segment[i]!] };
    for (let c = 0; c < names.length; c++) attributes[names[c]!] = columns[c]![i];
    graph.addNode(key, attributes);
  }
  for (let u = 0; u < n; u++) {
    for (let a = offsets[u]!; a < offsets[u + 1]!; a++) {
      const v = neighbors[a]!;
      if (directed) graph.addDirectedEdgeWithKey(`${u}->${v}`, keys[u], keys[v], { trust: trust[a] });
      else if (u < v) graph.addUndirectedEdgeWithKey(`${u}--${v}`, keys[u], keys[v], { trust: trust[a] });
    }
  }
  return graph;
}
