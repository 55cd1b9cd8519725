import Graph, { DirectedGraph, MultiUndirectedGraph, UndirectedGraph } from 'graphology';
import complete from 'graphology-generators/classic/complete';
import ladder from 'graphology-generators/classic/ladder';
import path from 'graphology-generators/classic/path';
import caveman from 'graphology-generators/community/caveman';
import connectedCaveman from 'graphology-generators/community/connected-caveman';
import clusters from 'graphology-generators/random/clusters';
import erdosRenyi from 'graphology-generators/random/erdos-renyi';
import krackhardtKite from 'graphology-generators/small/krackhardt-kite';
import florentineFamilies from 'graphology-generators/social/florentine-families';
import karateClub from 'graphology-generators/social/karate-club';
import { describe, expect, it } from 'vitest';
import {
  GraphStructureError,
  InvalidParameterError,
  Role,
  assignRoles,
  assignSegments,
  assignTrust,
  compileNetwork,
  createRng,
  degree,
  edgeCount,
  fromGraphology,
  keyOf,
  parseEdgeList,
  toGraphology,
  type Network,
} from '../../src/index.js';
import { thrown } from '../helpers/network.js';


function expectSameNetwork(a: Network, b: Network): void {
  expect(b.size).toBe(a.size);
  expect(b.directed).toBe(a.directed);
  expect(Array.from(b.offsets)).toEqual(Array.from(a.offsets));
  expect(Array.from(b.neighbors)).toEqual(Array.from(a.neighbors));
  expect(Array.from(b.trust)).toEqual(Array.from(a.trust));
  expect(Array.from(b.role)).toEqual(Array.from(a.role));
  expect(Array.from(b.segment)).toEqual(Array.from(a.segment));
  expect(b.segmentNames).toEqual(a.segmentNames);
  expect(b.keys).toEqual(a.keys);
}

/** Every graphology edge appears as a tie (both arcs when undirected), and nothing else. */
function expectMatchesGraph(network: Network, graph: Graph): void {
  expect(network.size).toBe(graph.order);
  const nodes = graph.nodes();
  nodes.forEach((key, i) => expect(keyOf(network, i)).toBe(key));
  let arcs = 0;
  graph.forEachEdge((_edge, _attributes, source, target, _s, _t, undirected) => {
    const u = nodes.indexOf(source);
    const v = nodes.indexOf(target);
    const has = (x: number, y: number) => network.neighbors.subarray(network.offsets[x]!, network.offsets[x + 1]!).includes(y);
    expect(has(u, v)).toBe(true);
    if (undirected || !network.directed) expect(has(v, u)).toBe(true);
    arcs += network.directed && !undirected ? 1 : 2;
  });
  expect(network.neighbors.length).toBe(arcs);
}

describe('fromGraphology', () => {
  it("compiles Zachary's karate club: 34 people, 78 ties, no keys stored", () => {
    const graph = karateClub(UndirectedGraph);
    const network = fromGraphology(graph, { segmentAttribute: 'club' });
    expect(network.size).toBe(34);
    expect(edgeCount(network)).toBe(78);
    expect(network.directed).toBe(false);
    expect(network.keys).toBeNull();
    // Zachary (1977): the instructor (node 0) has 16 ties, the administrator (node 33) 17.
    expect(degree(network, 0)).toBe(16);
    expect(degree(network, 33)).toBe(17);
    expect(network.segmentNames).toEqual(['Mr. Hi', 'Officer']);
    expect(network.segment[0]).toBe(0);
    expect(network.segment[33]).toBe(1);
    expect(network.info.source).toBe('graphology');
    expectMatchesGraph(network, graph);
  });

  it('asks for directed on a mixed graph holding directed edges (karateClub(Graph))', () => {
    const graph = karateClub(Graph);
    expect(graph.type).toBe('mixed');
    const error = thrown(() => fromGraphology(graph), InvalidParameterError);
    expect(error.field).toBe('options.directed');
    expect(error.message).toContain('78 directed and 0 undirected edges');
    const undirected = fromGraphology(graph, { directed: false });
    expect(edgeCount(undirected)).toBe(78);
    expect(undirected.neighbors.length).toBe(156);
    const directed = fromGraphology(graph, { directed: true });
    expect(directed.directed).toBe(true);
    expect(edgeCount(directed)).toBe(78);
  });

  it('compiles every graphology-generators family', () => {
    const rng = createRng(11);
    const random = () => rng.next();
    const graphs: Array<[string, Graph, number]> = [
      ['caveman', caveman(UndirectedGraph, 4, 5), 40],
      ['connected caveman', connectedCaveman(UndirectedGraph, 4, 5), 40],
      ['complete', complete(UndirectedGraph, 10), 45],
      ['ladder', ladder(UndirectedGraph, 10), 28],
      ['path', path(UndirectedGraph, 10), 9],
      ['krackhardt kite', krackhardtKite(UndirectedGraph), 18],
      ['florentine families', florentineFamilies(UndirectedGraph), 20],
      ['erdos-renyi', erdosRenyi(UndirectedGraph, { order: 200, probability: 0.05, rng: random }), -1],
      ['clusters', clusters(UndirectedGraph, { order: 200, size: 600, clusters: 5, rng: random }), -1],
    ];
    for (const [name, graph, ties] of graphs) {
      const network = fromGraphology(graph, { onDuplicate: 'drop' });
      expect(edgeCount(network), name).toBe(ties === -1 ? graph.size - network.info.droppedDuplicates : ties);
      if (network.info.droppedDuplicates === 0) expectMatchesGraph(network, graph);
    }
  });

  it('reads roles, segments (strings or integers) and trust from attributes', () => {
    const graph = new UndirectedGraph();
    graph.addNode('ann', { role: 'customer', segment: 'north' });
    graph.addNode('bob', { role: 'prospect', segment: 'south' });
    graph.addNode('cy', { role: 'bystander', segment: 'north' });
    graph.addEdge('ann', 'bob', { trust: 0.5 });
    graph.addEdge('bob', 'cy', { trust: 1 });
    const network = fromGraphology(graph);
    expect(network.keys).toEqual(['ann', 'bob', 'cy']);
    expect(Array.from(network.role)).toEqual([Role.customer, Role.prospect, Role.bystander]);
    expect(network.segmentNames).toEqual(['north', 'south']);
    expect(Array.from(network.segment)).toEqual([0, 1, 0]);
    expect(Array.from(network.trust)).toEqual([0.5, 0.5, 1, 1]);
    // Integer labels, e.g. community numbers from graphology-communities-louvain.
    const rng = createRng(2);
    const communities = clusters(UndirectedGraph, { order: 30, size: 60, clusters: 3, rng: () => rng.next() });
    const bySegment = fromGraphology(communities, { segmentAttribute: 'cluster', onDuplicate: 'drop' });
    expect([...bySegment.segmentNames].sort()).toEqual(['0', '1', '2']);
    communities.forEachNode((key, attributes) => {
      expect(bySegment.segmentNames[bySegment.segment[Number(key)]!]).toBe(String(attributes.cluster));
    });
  });

  it('ignores attributes named null, and defaults to bystanders in "all" with trust 1', () => {
    const graph = new UndirectedGraph();
    graph.addNode('a', { role: 'vip', segment: { weird: true } });
    graph.addNode('b', { role: 'vip', segment: { weird: true } });
    graph.addEdge('a', 'b', { trust: 7 });
    const network = fromGraphology(graph, { roleAttribute: null, segmentAttribute: null, trustAttribute: null });
    expect(Array.from(network.role)).toEqual([0, 0]);
    expect(network.segmentNames).toEqual(['all']);
    expect(Array.from(network.trust)).toEqual([1, 1]);
  });

  it('turns undirected edges of a mixed graph into two arcs with directed: true', () => {
    const graph = new Graph();
    graph.addNode('a');
    graph.addNode('b');
    graph.addNode('c');
    graph.addDirectedEdge('a', 'b');
    graph.addUndirectedEdge('b', 'c');
    const network = fromGraphology(graph, { directed: true });
    expect(Array.from(network.offsets)).toEqual([0, 1, 2, 3]);
    expect(Array.from(network.neighbors)).toEqual([1, 2, 1]);
    // A mixed graph with only undirected edges needs no option.
    const onlyUndirected = new Graph();
    onlyUndirected.mergeUndirectedEdge('x', 'y');
    expect(fromGraphology(onlyUndirected).directed).toBe(false);
  });

  it('directed graphs keep one arc per edge; directed: false makes a→b and b→a one tie twice', () => {
    const graph = new DirectedGraph();
    graph.mergeEdge('a', 'b');
    graph.mergeEdge('b', 'a');
    graph.mergeEdge('b', 'c');
    const network = fromGraphology(graph);
    expect(network.directed).toBe(true);
    expect(edgeCount(network)).toBe(3);
    expect(thrown(() => fromGraphology(graph, { directed: false }), GraphStructureError).message).toContain('repeats the tie');
    const merged = fromGraphology(graph, { directed: false, onDuplicate: 'drop' });
    expect(edgeCount(merged)).toBe(2);
    expect(merged.info.droppedDuplicates).toBe(1);
  });

  it('self-loops and parallel edges follow onSelfLoop / onDuplicate, naming the edge', () => {
    const graph = new MultiUndirectedGraph();
    graph.mergeEdgeWithKey('first', 'a', 'b');
    graph.mergeEdgeWithKey('again', 'b', 'a');
    graph.mergeEdgeWithKey('loop', 'b', 'b');
    let error = thrown(() => fromGraphology(graph), GraphStructureError);
    expect(error.field).toBe('graph edge "loop"');
    error = thrown(() => fromGraphology(graph, { onSelfLoop: 'drop' }), GraphStructureError);
    expect(error.field).toBe('graph edge "again"');
    expect(error.message).toContain('first given at graph edge "first"');
    const network = fromGraphology(graph, { onSelfLoop: 'drop', onDuplicate: 'drop' });
    expect(edgeCount(network)).toBe(1);
    expect(network.info.droppedSelfLoops).toBe(1);
    expect(network.info.droppedDuplicates).toBe(1);
  });

  it('names the node and the value for a bad role', () => {
    const graph = new UndirectedGraph();
    graph.addNode('ann', { role: 'customer' });
    graph.addNode('bob', { role: 'vip' });
    graph.addEdge('ann', 'bob');
    const error = thrown(() => fromGraphology(graph), InvalidParameterError);
    expect(error.field).toBe('graph node "bob".role');
    expect(error.message).toBe(`graph node "bob".role: expected 'customer', 'prospect' or 'bystander', received "vip"`);
  });

  it('requires a role, segment and trust on every item or on none', () => {
    const graph = new UndirectedGraph();
    graph.addNode('ann', { role: 'customer', segment: 'north' });
    graph.addNode('bob');
    graph.addEdge('ann', 'bob', { trust: 0.5 });
    let error = thrown(() => fromGraphology(graph), InvalidParameterError);
    expect(error.field).toBe('graph node "bob".role');
    expect(error.message).toContain('on every node or on none (node "ann" has one)');
    error = thrown(() => fromGraphology(graph, { roleAttribute: null }), InvalidParameterError);
    expect(error.field).toBe('graph node "bob".segment');
    graph.addNode('cy');
    graph.addEdge('bob', 'cy');
    error = thrown(() => fromGraphology(graph, { roleAttribute: null, segmentAttribute: null }), InvalidParameterError);
    expect(error.field).toMatch(/^graph edge ".*"\.trust$/);
    expect(error.message).toContain('a missing trust is not taken to be 1');
  });

  it('rejects trust outside (0, 1] and segments that are not labels', () => {
    for (const bad of [0, -0.5, 1.5, Number.NaN, '0.5', 1e-50]) {
      const graph = new UndirectedGraph();
      graph.mergeEdgeWithKey('e1', 'a', 'b', { trust: bad });
      const error = thrown(() => fromGraphology(graph), InvalidParameterError);
      expect(error.field).toBe('graph edge "e1".trust');
      expect(error.received).toBe(bad);
    }
    const graph = new UndirectedGraph();
    graph.addNode('a', { segment: 1.5 });
    expect(thrown(() => fromGraphology(graph), InvalidParameterError).field).toBe('graph node "a".segment');
  });

  it('orders segment labels by segmentNames, rejecting labels outside it', () => {
    const graph = new UndirectedGraph();
    graph.addNode('a', { segment: 'south' });
    graph.addNode('b', { segment: 'north' });
    graph.addEdge('a', 'b');
    const network = fromGraphology(graph, { segmentNames: ['north', 'south', 'east'] });
    expect(network.segmentNames).toEqual(['north', 'south', 'east']);
    expect(Array.from(network.segment)).toEqual([1, 0]);
    const error = thrown(() => fromGraphology(graph, { segmentNames: ['north'] }), InvalidParameterError);
    expect(error.field).toBe('graph node "a".segment');
    const none = new UndirectedGraph();
    none.mergeEdge('a', 'b');
    expect(thrown(() => fromGraphology(none, { segmentNames: ['x'] }), InvalidParameterError).field).toBe('options.segmentNames');
  });

  it('rejects bad options and non-graphs', () => {
    expect(thrown(() => fromGraphology({} as never), InvalidParameterError).field).toBe('graph');
    const graph = karateClub(UndirectedGraph);
    expect(thrown(() => fromGraphology(graph, { weight: 'x' } as never), InvalidParameterError).field).toBe('options.weight');
    expect(thrown(() => fromGraphology(graph, { trustAttribute: 3 } as never), InvalidParameterError).field).toBe('options.trustAttribute');
  });
});

describe('toGraphology', () => {
  it('writes people, roles, segments, per-person values and trust, with deterministic edge keys', () => {
    let network = parseEdgeList('ann bob 0.5\nbob cy 0.25\ncy ann 1');
    network = assignSegments(network, ['north', 'south', 'north']);
    network = assignRoles(network, ['customer', 'prospect', 'bystander']);
    const graph = toGraphology(network, { reach: [3, 1, 0], heard: Float64Array.of(0.5, 0, 1) });
    expect(graph.type).toBe('undirected');
    expect(graph.multi).toBe(false);
    expect(graph.nodes()).toEqual(['ann', 'bob', 'cy']);
    expect(graph.edges()).toEqual(['0--1', '0--2', '1--2']);
    expect(graph.getNodeAttributes('ann')).toEqual({ role: 'customer', segment: 'north', reach: 3, heard: 0.5 });
    expect(graph.getNodeAttributes('bob')).toEqual({ role: 'prospect', segment: 'south', reach: 1, heard: 0 });
    expect(graph.getEdgeAttribute('1--2', 'trust')).toBe(0.25);
    expect(graph.extremities('0--2')).toEqual(['ann', 'cy']);
    expect(graph.getAttribute('segmentNames')).toEqual(['north', 'south']);
  });

  it('makes a directed graph from a directed network, keys "u->v"', () => {
    const network = parseEdgeList('a b\nb a\nc a', { directed: true });
    const graph = toGraphology(network);
    expect(graph.type).toBe('directed');
    expect(graph.edges()).toEqual(['0->1', '1->0', '2->0']);
  });

  it('rejects per-person values of the wrong length, NaN, or named role/segment', () => {
    const network = parseEdgeList('a b');
    expect(thrown(() => toGraphology(network, { x: [1] }), InvalidParameterError).field).toBe('nodeValues.x');
    expect(thrown(() => toGraphology(network, { x: [1, Number.NaN] }), InvalidParameterError).field).toBe('nodeValues.x[1]');
    expect(thrown(() => toGraphology(network, { role: [1, 2] }), InvalidParameterError).field).toBe('nodeValues.role');
  });
});

describe('round trip Network → graphology → Network', () => {
  it('gives identical arrays: undirected with string keys, roles, segments and trust', () => {
    let network = parseEdgeList('ann bob\nbob cy\ncy dora\ndora ann\nann cy\neve bob');
    network = assignSegments(network, ['west', 'east', 'west', 'north', 'east'], ['north', 'east', 'west', 'unused']);
    network = assignRoles(network, { customers: 0.4, prospects: 0.4 }, 5);
    network = assignTrust(network, { kind: 'uniform', min: 0.1, max: 1 }, 5);
    expectSameNetwork(network, fromGraphology(toGraphology(network)));
  });

  it('gives identical arrays: a larger directed network without keys', () => {
    const rng = createRng(9);
    const m = 3000;
    const sources = new Int32Array(m);
    const targets = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      sources[e] = Math.floor(rng.next() * 500);
      targets[e] = Math.floor(rng.next() * 500);
    }
    let network = compileNetwork(
      { size: 500, sources, targets },
      { directed: true, onSelfLoop: 'drop', onDuplicate: 'drop', info: { source: 'test', parameters: {} } },
    );
    network = assignTrust(network, { kind: 'beta', alpha: 2, beta: 2 }, 1);
    const back = fromGraphology(toGraphology(network));
    expectSameNetwork(network, back);
    expect(back.keys).toBeNull();
  });

  it('graphology → Network → graphology keeps nodes, edges and attributes', () => {
    const graph = karateClub(UndirectedGraph);
    const network = assignRoles(fromGraphology(graph, { segmentAttribute: 'club' }), { customers: 0.5, prospects: 0.25 }, 1);
    const again = toGraphology(network);
    expect(again.order).toBe(34);
    expect(again.size).toBe(78);
    graph.forEachEdge((_e, _a, s, t) => expect(again.hasEdge(s, t)).toBe(true));
    expect(again.getNodeAttribute('0', 'segment')).toBe('Mr. Hi');
  });
});
