/**
 * Reading a graphology JSON export (`JSON.stringify(graph.export())`, or Gephi and other
 * tools writing graphology's serialisation) into a {@link Network}. The text comes from
 * someone else's file, so nothing in it is trusted: the shape is checked before any
 * graph is built, and every problem is one {@link NetworkFileError} naming where in the
 * file it is (`nodes[3]`, `edges[12].target`, `options.type`), never a stack trace from
 * deep inside graphology.
 */
import Graph from 'graphology';
import type { Attributes } from 'graphology-types';
import { GraphStructureError, InvalidParameterError, NetworkFileError } from '../errors.js';
import { fromGraphology, type FromGraphologyOptions } from './graphology.js';
import type { Network } from './types.js';

/** Options of {@link parseGraphologyJson}: those of {@link fromGraphology}, and a name for the text. */
export interface ParseGraphologyJsonOptions extends FromGraphologyOptions {
  /** A name for the text (usually its file name), used in error messages. */
  readonly source?: string;
}

const GRAPH_TYPES = ['mixed', 'directed', 'undirected'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return typeof value;
}

/**
 * Reads the text of a graphology JSON export into a {@link Network} (through
 * {@link fromGraphology}, whose options apply).
 *
 * The export is an object `{ options?, attributes?, nodes?, edges? }`: `options.type` one
 * of `mixed` (graphology's default), `directed`, `undirected`; nodes `{ key, attributes? }`
 * with keys (text or numbers) given once; edges `{ key?, source, target, attributes?,
 * undirected? }` between nodes of the list, keys (when given) given once. Parallel edges
 * and self-loops are left to `onDuplicate` and `onSelfLoop`, whatever `options.multi` and
 * `options.allowSelfLoops` say.
 *
 * Direction: `directed` when given; otherwise a `directed` export is one-way and an
 * `undirected` or `mixed` one (graphology's default `Graph`, whose `addEdge` adds directed
 * edges) two-way: every edge a tie both ways.
 *
 * With `quoteContent: false` no message quotes the file: places are named by position
 * (`nodes[3]`, `graph node #3`) and bad values by their kind only.
 *
 * @throws {NetworkFileError} for text that is not JSON or not an export, a bad
 *   `options.type`, a node given twice, an edge to a node that is not in the list, a
 *   repeated edge key.
 * @throws {InvalidParameterError} / {@link GraphStructureError} from {@link fromGraphology}
 *   (a bad role, segment or trust; a self-loop or repeated tie).
 * @example
 * const text = JSON.stringify({ nodes: [{ key: 'ann' }, { key: 'bob' }], edges: [{ source: 'ann', target: 'bob' }] });
 * parseGraphologyJson(text).size; // 2
 */
export function parseGraphologyJson(text: string, options: ParseGraphologyJsonOptions = {}): Network {
  const { source, ...fromOptions } = options;
  const quote = options.quoteContent ?? true;
  const fail: (at: string, problem: string) => never = (at, problem) => {
    throw new NetworkFileError(source, at, problem);
  };
  const shown = (value: unknown) => (quote && (typeof value === 'string' || typeof value === 'number') ? ` ${JSON.stringify(value)}` : '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the text, so it is not passed on.
    fail('', 'expected a graphology JSON export, received text that is not JSON');
  }
  if (!isPlainObject(data)) fail('', `expected a graphology JSON export (an object with nodes and edges), received ${kindOf(data)}`);
  const d = data as Record<string, unknown>;

  const graphOptions = d.options ?? {};
  if (!isPlainObject(graphOptions)) fail('options', `expected an object, received ${kindOf(graphOptions)}`);
  const typeValue = (graphOptions as Record<string, unknown>).type ?? 'mixed';
  if (typeof typeValue !== 'string' || !(GRAPH_TYPES as readonly string[]).includes(typeValue)) {
    fail('options.type', `expected "mixed", "directed" or "undirected", received ${quote ? JSON.stringify(typeValue) : kindOf(typeValue)}`);
  }
  const type = typeValue as (typeof GRAPH_TYPES)[number];
  for (const flag of ['multi', 'allowSelfLoops'] as const) {
    const value = (graphOptions as Record<string, unknown>)[flag];
    if (value !== undefined && typeof value !== 'boolean') fail(`options.${flag}`, `expected true or false, received ${kindOf(value)}`);
  }
  const attributes = d.attributes ?? {};
  if (!isPlainObject(attributes)) fail('attributes', `expected an object, received ${kindOf(attributes)}`);
  const nodes = d.nodes ?? [];
  if (!Array.isArray(nodes)) fail('nodes', `expected a list of nodes, received ${kindOf(nodes)}`);
  const edges = d.edges ?? [];
  if (!Array.isArray(edges)) fail('edges', `expected a list of edges, received ${kindOf(edges)}`);

  const keyOf = (value: unknown, at: string): string => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return fail(at, `expected a key (text or a number), received ${value === undefined ? 'nothing' : kindOf(value)}`);
  };
  const attributesOf = (item: Record<string, unknown>, at: string): Attributes => {
    const a = item.attributes;
    if (a === undefined || a === null) return {};
    if (!isPlainObject(a)) fail(`${at}.attributes`, `expected an object, received ${kindOf(a)}`);
    return a as Attributes;
  };

  // multi and self-loops are allowed here so that repeated ties and self-loops reach
  // compileNetwork, which names them and honours onDuplicate / onSelfLoop.
  const graph = new Graph({ type, multi: true, allowSelfLoops: true });
  graph.replaceAttributes(attributes as Attributes);
  const nodeIndex = new Map<string, number>();
  const nodeList = nodes as unknown[];
  for (let i = 0; i < nodeList.length; i++) {
    const node = nodeList[i];
    if (!isPlainObject(node)) fail(`nodes[${i}]`, `expected a node { key, attributes }, received ${kindOf(node)}`);
    const n = node as Record<string, unknown>;
    const key = keyOf(n.key, `nodes[${i}].key`);
    const first = nodeIndex.get(key);
    if (first !== undefined) fail(`nodes[${i}].key`, `repeats the key${shown(key)} of nodes[${first}] (each node is given once)`);
    nodeIndex.set(key, i);
    graph.addNode(key, attributesOf(n, `nodes[${i}]`));
  }

  const edgeList = edges as unknown[];
  const givenKeys = new Map<string, number>();
  for (let j = 0; j < edgeList.length; j++) {
    const edge = edgeList[j];
    if (!isPlainObject(edge)) fail(`edges[${j}]`, `expected an edge { source, target, attributes }, received ${kindOf(edge)}`);
    const e = edge as Record<string, unknown>;
    if (e.key === undefined) continue;
    const key = keyOf(e.key, `edges[${j}].key`);
    const first = givenKeys.get(key);
    if (first !== undefined) fail(`edges[${j}].key`, `repeats the key${shown(key)} of edges[${first}] (each edge key is given once)`);
    givenKeys.set(key, j);
  }
  for (let j = 0; j < edgeList.length; j++) {
    const e = edgeList[j] as Record<string, unknown>;
    const s = keyOf(e.source, `edges[${j}].source`);
    const t = keyOf(e.target, `edges[${j}].target`);
    for (const [end, key] of [['source', s], ['target', t]] as const) {
      if (!nodeIndex.has(key)) fail(`edges[${j}].${end}`, `expected the key of a node in the list, received${shown(key) || ' a key'} that no node has`);
    }
    const undirectedValue = e.undirected ?? type === 'undirected';
    if (typeof undirectedValue !== 'boolean') fail(`edges[${j}].undirected`, `expected true or false, received ${kindOf(undirectedValue)}`);
    const undirected = undirectedValue as boolean;
    if (undirected && type === 'directed') fail(`edges[${j}].undirected`, 'expected a directed edge in a graph of type "directed"');
    if (!undirected && type === 'undirected') fail(`edges[${j}].undirected`, 'expected an undirected edge in a graph of type "undirected"');
    // Keyless edges get a deterministic key (graphology's own would differ run to run).
    let key = e.key === undefined ? `edges[${j}]` : String(e.key);
    if (e.key === undefined) while (givenKeys.has(key)) key = `${key}~`;
    const a = attributesOf(e, `edges[${j}]`);
    if (undirected) graph.addUndirectedEdgeWithKey(key, s, t, a);
    else graph.addDirectedEdgeWithKey(key, s, t, a);
  }
  const directed = fromOptions.directed ?? type === 'directed';
  try {
    return fromGraphology(graph, { ...fromOptions, directed });
  } catch (error) {
    if (source === undefined) throw error;
    // Name the file too: `ties.json, graph node #3.role: …`.
    if (error instanceof InvalidParameterError && error.field.startsWith('graph')) {
      throw new InvalidParameterError(`${source}, ${error.field}`, error.expected, error.received);
    }
    if (error instanceof GraphStructureError) {
      const problem = error.message.slice(error.field.length + 2);
      throw new GraphStructureError(
        `${source}, ${error.field}`,
        problem,
        error.option === undefined || error.remedy === undefined ? undefined : { option: error.option, remedy: error.remedy },
      );
    }
    throw error;
  }
}
