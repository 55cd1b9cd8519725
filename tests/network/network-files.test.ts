// Network files from someone else: messages that never quote the file's content when asked
// not to, and graphology JSON exports that are checked before a graph is built.
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import {
  EdgeListParseError,
  GraphStructureError,
  InvalidParameterError,
  NetworkFileError,
  edgeCount,
  fromGraphology,
  parseEdgeList,
  parseGraphologyJson,
  toGraphology,
} from '../../src/index.js';

const SECRET = 'AKIA_SECRET_42';

/** The error `make` throws (the test fails if it throws none). */
function caught(make: () => unknown): Error {
  try {
    make();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}

describe('parseEdgeList with quoteContent: false', () => {
  // Each text breaks one rule on a line holding the secret; the quoting reader shows it, the other must not.
  const cases: Array<[string, string, object, number, string]> = [
    ['one field', `a b\n${SECRET}\n`, {}, 2, SECRET],
    ['four fields', `a b\n${SECRET} x y z\n`, {}, 2, SECRET],
    ['a bad header', `source target trust extra ${SECRET}\n`, { header: true }, 1, SECRET],
    ['a trust that is not a number', `a b 0.5\nc d ${SECRET}\n`, {}, 2, SECRET],
    ['a trust that rounds to 0', `a ${SECRET} 1e-50\n`, {}, 1, '1e-50'],
    ['an index that is not one', `0 1\n${SECRET} 2\n`, { ids: 'indices' }, 2, SECRET],
    ['a self-loop', `a b\n${SECRET} ${SECRET}\n`, {}, 2, SECRET],
    ['a repeated tie', `${SECRET} b\nb ${SECRET}\n`, {}, 2, SECRET],
  ];
  it.each(cases)('%s: the quoting reader shows the line, the other gives its number only', (_what, text, options, line, content) => {
    const quoted = caught(() => parseEdgeList(text, { ...options, source: 'f.edges' }));
    expect(quoted.message).toContain(content);
    const plain = caught(() => parseEdgeList(text, { ...options, source: 'f.edges', quoteContent: false }));
    expect(plain).toBeInstanceOf(quoted.constructor);
    expect(plain.message).not.toContain(content);
    expect(plain.message).toContain(`f.edges, line ${line}`);
  });

  it('a repeated tie names both lines and the option that would let it through', () => {
    const e = caught(() => parseEdgeList(`${SECRET} b\nc d\nb ${SECRET}\n`, { source: 'f.edges', quoteContent: false })) as GraphStructureError;
    expect(e).toBeInstanceOf(GraphStructureError);
    expect(e.message).toBe("f.edges, line 3: repeats a tie first given at f.edges, line 1 (pass onDuplicate: 'drop' to keep only the first)");
    expect(e.option).toBe('onDuplicate');
    expect(e.message).toContain(e.remedy!);
  });

  it('a line read well is read the same either way', () => {
    const text = 'ann bob 0.5\nbob cy 1\n';
    const a = parseEdgeList(text);
    const b = parseEdgeList(text, { quoteContent: false });
    expect(Array.from(b.neighbors)).toEqual(Array.from(a.neighbors));
    expect(b.keys).toEqual(a.keys);
  });
});

describe('fromGraphology with quoteContent: false', () => {
  it('names nodes and edges by position and shows only the kind of a bad value', () => {
    const g = new Graph({ type: 'undirected' });
    g.addNode('ann', { role: 'customer' });
    g.addNode(SECRET, { role: SECRET });
    g.addEdge('ann', SECRET);
    expect(caught(() => fromGraphology(g)).message).toContain(SECRET);
    const e = caught(() => fromGraphology(g, { quoteContent: false }));
    expect(e).toBeInstanceOf(InvalidParameterError);
    expect(e.message).toBe("graph node #1.role: expected 'customer', 'prospect' or 'bystander', received text (not shown: the file's content is never quoted)");
  });

  it('a bad trust names the edge by position', () => {
    const g = new Graph({ type: 'undirected' });
    g.addNode('a');
    g.addNode('b');
    g.addNode('c');
    g.addEdgeWithKey(SECRET, 'a', 'b', { trust: 0.5 });
    g.addEdgeWithKey(`${SECRET}-2`, 'b', 'c', { trust: 7 });
    const e = caught(() => fromGraphology(g, { quoteContent: false }));
    expect(e.message).not.toContain(SECRET);
    expect(e.message).toMatch(/^graph edge #1\.trust: expected a tie strength > 0 and ≤ 1/);
  });
});

describe('parseGraphologyJson', () => {
  const source = 'net.json';
  const read = (text: string, quoteContent = false) => caught(() => parseGraphologyJson(text, { source, quoteContent }));

  it.each([
    ['null', 'null', 'net.json: expected a graphology JSON export (an object with nodes and edges), received null'],
    ['a list', '[1, 2]', 'net.json: expected a graphology JSON export (an object with nodes and edges), received a list'],
    ['text that is not JSON', `{"nodes": [${SECRET}`, 'net.json: expected a graphology JSON export, received text that is not JSON'],
    ['nodes that are not a list', '{"nodes": {"a": 1}}', 'net.json, nodes: expected a list of nodes, received an object'],
    ['a node without a key', '{"nodes": [{"attributes": {}}]}', 'net.json, nodes[0].key: expected a key (text or a number), received nothing'],
    ['a node given twice', `{"nodes": [{"key": "${SECRET}"}, {"key": "b"}, {"key": "${SECRET}"}]}`, 'net.json, nodes[2].key: repeats the key of nodes[0] (each node is given once)'],
    ['an edge to a node not in the list', `{"nodes": [{"key": "a"}], "edges": [{"source": "a", "target": "${SECRET}"}]}`, 'net.json, edges[0].target: expected the key of a node in the list, received a key that no node has'],
    ['a bad options.type', `{"options": {"type": "${SECRET}"}, "nodes": []}`, 'net.json, options.type: expected "mixed", "directed" or "undirected", received text'],
    ['bad node attributes', '{"nodes": [{"key": "a", "attributes": [1]}]}', 'net.json, nodes[0].attributes: expected an object, received a list'],
    ['an undirected edge in a directed graph', '{"options": {"type": "directed"}, "nodes": [{"key": "a"}, {"key": "b"}], "edges": [{"source": "a", "target": "b", "undirected": true}]}', 'net.json, edges[0].undirected: expected a directed edge in a graph of type "directed"'],
    ['an edge key given twice', '{"nodes": [{"key": "a"}, {"key": "b"}], "edges": [{"key": "e", "source": "a", "target": "b"}, {"key": "e", "source": "b", "target": "a"}]}', 'net.json, edges[1].key: repeats the key of edges[0] (each edge key is given once)'],
  ])('%s: one NetworkFileError naming the file and the place, no content', (_what, text, message) => {
    const e = read(text);
    expect(e).toBeInstanceOf(NetworkFileError);
    expect(e.message).toBe(message);
  });

  it('quotes keys when allowed (a file the user owns)', () => {
    expect(read(`{"nodes": [{"key": "${SECRET}"}, {"key": "${SECRET}"}]}`, true).message).toBe(`net.json, nodes[1].key: repeats the key "${SECRET}" of nodes[0] (each node is given once)`);
  });

  it("graphology's default (mixed) export, whose addEdge adds directed edges, reads two-way unless directed is given", () => {
    const g = new Graph(); // mixed, graphology's default
    g.addNode('a');
    g.addNode('b');
    g.addNode('c');
    g.addEdge('a', 'b');
    g.addEdge('b', 'c');
    const text = JSON.stringify(g.export());
    const undirected = parseGraphologyJson(text);
    expect(undirected.directed).toBe(false);
    expect(edgeCount(undirected)).toBe(2);
    const directed = parseGraphologyJson(text, { directed: true });
    expect(directed.directed).toBe(true);
    expect(directed.offsets[3]).toBe(2); // two arcs, one each way given
  });

  it('a directed export stays directed; an undirected one undirected', () => {
    const d = new Graph({ type: 'directed' });
    d.mergeEdge('a', 'b');
    expect(parseGraphologyJson(JSON.stringify(d.export())).directed).toBe(true);
    const u = new Graph({ type: 'undirected' });
    u.mergeEdge('a', 'b');
    expect(parseGraphologyJson(JSON.stringify(u.export())).directed).toBe(false);
  });

  it("reads back toGraphology's export exactly", () => {
    const original = parseEdgeList('ann bob 0.5\nbob cy 1\ncy dan 0.25\n');
    const back = parseGraphologyJson(JSON.stringify(toGraphology(original).export()));
    expect(back.keys).toEqual(original.keys);
    expect(Array.from(back.offsets)).toEqual(Array.from(original.offsets));
    expect(Array.from(back.neighbors)).toEqual(Array.from(original.neighbors));
    expect(Array.from(back.trust)).toEqual(Array.from(original.trust));
  });

  it('parallel edges and self-loops follow onDuplicate and onSelfLoop, naming the file and the edge', () => {
    const text = '{"options": {"type": "undirected"}, "nodes": [{"key": "a"}, {"key": "b"}], "edges": [{"source": "a", "target": "b"}, {"source": "b", "target": "a"}]}';
    const e = caught(() => parseGraphologyJson(text, { source, quoteContent: false })) as GraphStructureError;
    expect(e).toBeInstanceOf(GraphStructureError);
    expect(e.message).toBe("net.json, graph edge #1: repeats a tie first given at graph edge #0 (pass onDuplicate: 'drop' to keep only the first)");
    expect(e.option).toBe('onDuplicate');
    expect(edgeCount(parseGraphologyJson(text, { onDuplicate: 'drop' }))).toBe(1);
  });

  it('a bad role names the file and the node by position', () => {
    const e = read(`{"nodes": [{"key": "a", "attributes": {"role": "${SECRET}"}}]}`);
    expect(e).toBeInstanceOf(InvalidParameterError);
    expect(e.message).toBe("net.json, graph node #0.role: expected 'customer', 'prospect' or 'bystander', received text (not shown: the file's content is never quoted)");
  });

  it('EdgeListParseError is not what a JSON file gives', () => {
    expect(read('null')).not.toBeInstanceOf(EdgeListParseError);
  });
});
