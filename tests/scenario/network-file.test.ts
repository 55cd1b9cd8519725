// buildNetwork and runScenario with files and limits: a network file's content never in a
// message, graphology exports that fail as one ScenarioError, the tie limit checked before
// building, and a report that names the scenario by its file name only.
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { HearsayError, ScenarioError, edgeCount } from '../../src/index.js';
import { buildNetwork, parseScenario, readScenario, runScenario } from '../../src/scenario-file/index.js';

const SECRET = 'AKIA_SECRET_42';

function scenario(network: string, extra = ''): string {
  return `name: test
seed: 1
replicates: 20
network: ${network}
roles: { customers: 0.3, prospects: 0.3 }
incidents: { count: 2, amount: 300 }
economics: { margin: 500 }
policies:
  - { name: fee, decision: refuse-with-fee, fee: 150 }
  - { name: repair, decision: repair-or-replace }
${extra}`;
}

function caught(make: () => unknown): Error {
  try {
    make();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}

const ring = Array.from({ length: 30 }, (_, i) => `${i} ${(i + 1) % 30}`).join('\n');

describe('a network file named by a scenario', () => {
  it('a line that cannot be read is named by its number, never quoted', () => {
    const file = parseScenario(scenario('{ file: net.edges }'), 'test.yaml');
    const e = caught(() => buildNetwork(file, 1, { source: 'test.yaml', readText: () => `${ring}\n${SECRET}=hunter2\n` }));
    expect(e).toBeInstanceOf(ScenarioError);
    expect(e.message).toBe('test.yaml: network.file: net.edges, line 31: expected 2 fields (source, target) or 3 (source, target, trust), found 1');
  });

  it('a repeated tie names the scenario setting that would drop it, not the library option', () => {
    const file = parseScenario(scenario('{ file: net.edges }'), 'test.yaml');
    const e = caught(() => buildNetwork(file, 1, { source: 'test.yaml', readText: () => `${ring}\n${SECRET} x\nx ${SECRET}\n` }));
    expect(e.message).toBe('test.yaml: network.file: net.edges, line 32: repeats a tie first given at net.edges, line 31 (set network.onDuplicate: drop to keep only the first)');
  });

  it("a reader's own refusal is the problem with network.file", () => {
    const file = parseScenario(scenario('{ file: ../x.edges }'), 'test.yaml');
    const refuse = () => {
      throw new HearsayError("expected a path inside the scenario's folder, received \"../x.edges\"");
    };
    expect(caught(() => buildNetwork(file, 1, { source: 'test.yaml', readText: refuse })).message).toBe(
      'test.yaml: network.file: expected a path inside the scenario\'s folder, received "../x.edges"',
    );
  });

  it.each([
    ['null', 'null', 'test.yaml: network.file: net.json: expected a graphology JSON export (an object with nodes and edges), received null'],
    ['an edge to a node not in the list', '{"nodes": [{"key": "a"}], "edges": [{"source": "a", "target": "b"}]}', 'test.yaml: network.file: net.json, edges[0].target: expected the key of a node in the list, received a key that no node has'],
    ['a node given twice', '{"nodes": [{"key": "a"}, {"key": "a"}]}', 'test.yaml: network.file: net.json, nodes[1].key: repeats the key of nodes[0] (each node is given once)'],
    ['a bad options.type', '{"options": {"type": "hyper"}}', 'test.yaml: network.file: net.json, options.type: expected "mixed", "directed" or "undirected", received text'],
    ['text that is not JSON', SECRET, 'test.yaml: network.file: net.json: expected a graphology JSON export, received text that is not JSON'],
  ])('a graphology export with %s is one ScenarioError', (_what, text, message) => {
    const file = parseScenario(scenario('{ file: net.json }'), 'test.yaml');
    const e = caught(() => buildNetwork(file, 1, { source: 'test.yaml', readText: () => text }));
    expect(e).toBeInstanceOf(ScenarioError);
    expect(e.message).toBe(message);
  });

  it("graphology's default (mixed) export reads two-way; network.directed: true reads it one-way", () => {
    const g = new Graph();
    for (let i = 0; i < 30; i++) g.mergeEdge(String(i), String((i + 1) % 30));
    const text = JSON.stringify(g.export());
    const two = buildNetwork(parseScenario(scenario('{ file: net.json }'), 't.yaml'), 1, { readText: () => text });
    expect(two.directed).toBe(false);
    expect(edgeCount(two)).toBe(30);
    const one = buildNetwork(parseScenario(scenario('{ file: net.json, directed: true }'), 't.yaml'), 1, { readText: () => text });
    expect(one.directed).toBe(true);
  });
});

describe('the tie limit, before building', () => {
  it('refuses the groups network that passed every check (~25 GB) from its expected ties', () => {
    const text = scenario('{ generator: groups, size: 46000, groupSize: 46000, insideProbability: 1, acrossProbability: 0 }');
    // Validation refuses it, with its line, before anything is built …
    expect(caught(() => parseScenario(text, 'test.yaml')).message).toBe(
      'test.yaml:4: network: expected at most 50000000 ties (the limit; raise it with --max-ties), received a network of about 1057977000 ties',
    );
    // … and so does building it from code.
    const file = readScenario(text, 'test.yaml');
    expect(caught(() => buildNetwork(file, 1, { source: 'test.yaml' })).message).toBe(
      'test.yaml: network: expected at most 50000000 ties (the limit), received a network of about 1057977000 ties',
    );
  });

  it('refuses G(n, p) with 55 million expected ties without drawing them', () => {
    const text = scenario('{ generator: erdos-renyi-gnp, size: 1000000, probability: 0.00011 }');
    expect(caught(() => parseScenario(text, 'test.yaml')).message).toBe(
      'test.yaml:4: network: expected at most 50000000 ties (the limit; raise it with --max-ties), received a network of about 54999945 ties',
    );
    const file = readScenario(text, 'test.yaml');
    expect(caught(() => buildNetwork(file, 1, { source: 'test.yaml' })).message).toBe(
      'test.yaml: network: expected at most 50000000 ties (the limit), received a network of about 54999945 ties',
    );
  });

  it('a draw whose mean is within the limit but whose count is not stops, naming the limit', () => {
    // Mean 9,999.99 ties; the network seed "1/network" draws more than 10,000.
    const file = parseScenario(scenario('{ generator: erdos-renyi-gnp, size: 1000, probability: 0.02002 }'), 'test.yaml', { maxTies: 10000 });
    const built = caught(() => buildNetwork(file, 1, { source: 'test.yaml', limits: { maxTies: 10000 } }));
    expect(built.message).toBe('test.yaml: network: expected at most 10000 ties (the limit), received a network whose random draw passed the limit and was stopped');
    expect(edgeCount(buildNetwork(file, 1, { limits: { maxTies: 20000 } }))).toBeGreaterThan(10000);
  });
});

describe('the report', () => {
  it("names the scenario by its file name, never the path on the author's machine", () => {
    const file = parseScenario(scenario('{ generator: groups, size: 300, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.01 }'), 'shop.yaml');
    expect(runScenario(file, { source: '/home/consultant/clients/acme/shop.yaml' }).report.scenario).toBe('shop.yaml');
    expect(runScenario(file, { source: 'C:\\Users\\kim\\acme\\shop.yaml' }).report.scenario).toBe('shop.yaml');
  });
});
