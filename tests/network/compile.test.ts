// compileNetwork against a reference written the obvious way: every arc as an object,
// sorted with Array.prototype.sort by (tail, head, edge order), repeats dropped or
// reported after sorting. compileNetwork sorts rows by insertion and, for long rows far
// from sorted, by radix; the random cases below reach both (rows of 1 to ~200 arcs, with
// repeats in both directions), and the stars reach long rows with many radix passes.
import { describe, expect, it } from 'vitest';
import { GraphStructureError, compileNetwork, createRng, type Network, type Rng } from '../../src/index.js';

interface Case {
  size: number;
  sources: Int32Array;
  targets: Int32Array;
  trust?: Float32Array;
  directed: boolean;
  onSelfLoop: 'error' | 'drop';
  onDuplicate: 'error' | 'drop';
  keys: string[] | null;
  lines: boolean;
}

type Expected =
  | { kind: 'network'; offsets: number[]; neighbors: number[]; trust: number[]; droppedSelfLoops: number; droppedDuplicates: number }
  | { kind: 'error'; field: string; message: string };

/** The reference: arcs as objects, one comparison sort, then a scan for repeats. */
function reference(c: Case): Expected {
  const describe = (e: number) => (c.lines ? `line ${e + 1}` : `edges[${e}]`);
  const name = (i: number) => (c.keys === null ? String(i) : JSON.stringify(c.keys[i]));
  const arcs: Array<{ tail: number; head: number; edge: number }> = [];
  let selfLoops = 0;
  for (let e = 0; e < c.sources.length; e++) {
    const u = c.sources[e]!;
    const v = c.targets[e]!;
    if (u === v) {
      if (c.onSelfLoop === 'error') {
        const field = describe(e);
        return { kind: 'error', field, message: `${field}: self-loop on ${name(u)} (a person cannot tell themselves; pass onSelfLoop: 'drop' to leave self-loops out)` };
      }
      selfLoops++;
      continue;
    }
    arcs.push({ tail: u, head: v, edge: e });
    if (!c.directed) arcs.push({ tail: v, head: u, edge: e });
  }
  arcs.sort((a, b) => a.tail - b.tail || a.head - b.head || a.edge - b.edge);
  const kept: typeof arcs = [];
  let repeats = 0;
  for (let i = 0; i < arcs.length; i++) {
    const arc = arcs[i]!;
    const previous = arcs[i - 1];
    if (previous !== undefined && previous.tail === arc.tail && previous.head === arc.head) {
      if (c.onDuplicate === 'error') {
        const field = describe(arc.edge);
        return {
          kind: 'error',
          field,
          message: `${field}: repeats the tie between ${name(arc.tail)} and ${name(arc.head)} first given at ${describe(previous.edge)} (pass onDuplicate: 'drop' to keep only the first)`,
        };
      }
      repeats++;
      continue;
    }
    kept.push(arc);
  }
  const offsets = new Array<number>(c.size + 1).fill(0);
  for (const arc of kept) offsets[arc.tail + 1]!++;
  for (let i = 0; i < c.size; i++) offsets[i + 1]! += offsets[i]!;
  return {
    kind: 'network',
    offsets,
    neighbors: kept.map((arc) => arc.head),
    trust: kept.map((arc) => (c.trust === undefined ? 1 : c.trust[arc.edge]!)),
    droppedSelfLoops: selfLoops,
    droppedDuplicates: c.directed ? repeats : repeats / 2,
  };
}

function compile(c: Case): Network {
  return compileNetwork(
    { size: c.size, sources: c.sources, targets: c.targets, ...(c.trust === undefined ? {} : { trust: c.trust }) },
    {
      directed: c.directed,
      onSelfLoop: c.onSelfLoop,
      onDuplicate: c.onDuplicate,
      keys: c.keys,
      ...(c.lines ? { describeEdge: (e: number) => `line ${e + 1}` } : {}),
      info: { source: 'test', parameters: {} },
    },
  );
}

/** Arrays identical to the reference's, each in a buffer of its own exact length. */
function expectMatchesReference(c: Case, label: string): void {
  const expected = reference(c);
  if (expected.kind === 'error') {
    let error: unknown = null;
    try {
      compile(c);
    } catch (caught) {
      error = caught;
    }
    expect(error, label).toBeInstanceOf(GraphStructureError);
    expect((error as GraphStructureError).field, label).toBe(expected.field);
    expect((error as GraphStructureError).message, label).toBe(expected.message);
    return;
  }
  const network = compile(c);
  expect(network.offsets, label).toBeInstanceOf(Int32Array);
  expect(network.neighbors, label).toBeInstanceOf(Int32Array);
  expect(network.trust, label).toBeInstanceOf(Float32Array);
  expect(Array.from(network.offsets), label).toEqual(expected.offsets);
  expect(Array.from(network.neighbors), label).toEqual(expected.neighbors);
  expect(Array.from(network.trust), label).toEqual(expected.trust);
  for (const array of [network.offsets, network.neighbors, network.trust]) {
    expect(array.buffer.byteLength, label).toBe(array.byteLength);
  }
  expect(network.info.droppedSelfLoops, label).toBe(expected.droppedSelfLoops);
  expect(network.info.droppedDuplicates, label).toBe(expected.droppedDuplicates);
}

const below = (rng: Rng, k: number) => Math.floor(rng.next() * k);
/** A trust value in (0, 1] exactly representable in single precision. */
const trustValue = (rng: Rng) => Math.fround(1 - rng.next() * 0.999);

function withoutTrust(c: Case): Case {
  const { trust: _, ...rest } = c;
  return rest;
}

function shuffle(rng: Rng, sources: Int32Array, targets: Int32Array, trust?: Float32Array): void {
  for (let i = sources.length - 1; i > 0; i--) {
    const j = below(rng, i + 1);
    [sources[i], sources[j]] = [sources[j]!, sources[i]!];
    [targets[i], targets[j]] = [targets[j]!, targets[i]!];
    if (trust !== undefined) [trust[i], trust[j]] = [trust[j]!, trust[i]!];
  }
}

/**
 * A random edge list: a few people with many edges (so repeats in both directions and
 * self-loops are common), or more people with hubs (long rows, neighbours spread over a
 * wide range so the radix sort takes one, two or three passes).
 */
function randomCase(rng: Rng): Case {
  const crowded = rng.next() < 0.6;
  const size = crowded ? 1 + below(rng, 12) : 13 + below(rng, 4000);
  const m = below(rng, crowded ? 150 : 400);
  const hub = below(rng, size);
  const hubShare = crowded ? 0 : rng.next();
  const selfLoops = rng.next() < 0.7;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    let u = below(rng, size);
    let v = rng.next() < hubShare ? hub : below(rng, size);
    if (rng.next() < 0.5) [u, v] = [v, u];
    if (!selfLoops && u === v && size > 1) v = (u + 1) % size;
    if (rng.next() < 0.1 && e > 0) {
      // An explicit repeat of an earlier edge, half the time reversed.
      const f = below(rng, e);
      [u, v] = rng.next() < 0.5 ? [sources[f]!, targets[f]!] : [targets[f]!, sources[f]!];
    }
    sources[e] = u;
    targets[e] = v;
  }
  const withTrust = rng.next() < 0.5;
  const trust = withTrust ? Float32Array.from({ length: m }, () => trustValue(rng)) : undefined;
  return {
    size,
    sources,
    targets,
    ...(trust === undefined ? {} : { trust }),
    directed: rng.next() < 0.4,
    onSelfLoop: selfLoops ? 'drop' : rng.next() < 0.5 ? 'drop' : 'error',
    onDuplicate: rng.next() < 0.8 ? 'drop' : 'error',
    keys: rng.next() < 0.2 ? Array.from({ length: size }, (_, i) => `p${i}`) : null,
    lines: rng.next() < 0.3,
  };
}

describe('compileNetwork: equal to a reference sort', () => {
  it('600 random edge lists: repeats both ways, self-loops, directed and undirected, trust, errors', () => {
    const rng = createRng('compile-equivalence');
    let errors = 0;
    let dropped = 0;
    for (let i = 0; i < 600; i++) {
      const c = randomCase(rng);
      const expected = reference(c);
      if (expected.kind === 'error') errors++;
      else dropped += expected.droppedDuplicates;
      expectMatchesReference(c, `case ${i}`);
    }
    // The cases really contain both outcomes, and many repeated ties.
    expect(errors).toBeGreaterThan(50);
    expect(dropped).toBeGreaterThan(1000);
  });

  it('empty, one person, and only self-loops', () => {
    const base = { directed: false, onSelfLoop: 'drop', onDuplicate: 'drop', keys: null, lines: false } as const;
    expectMatchesReference({ ...base, size: 0, sources: new Int32Array(0), targets: new Int32Array(0) }, 'empty');
    expectMatchesReference({ ...base, size: 1, sources: Int32Array.of(0, 0), targets: Int32Array.of(0, 0) }, 'one');
    expectMatchesReference({ ...base, size: 3, sources: Int32Array.of(2, 1), targets: Int32Array.of(2, 1) }, 'loops');
  });
});

describe('compileNetwork: a high-degree row', () => {
  const LEAVES = 5000;
  const HUB = 2345; // leaves on both sides of the hub

  /**
   * A star with LEAVES leaves in shuffled order plus `repeats` ties given again (some as
   * leaf → hub), each with trust of its own, so 'drop' must keep the first one's.
   */
  function star(seed: string, repeats: number, order: 'shuffled' | 'nearly sorted'): Case & { trust: Float32Array } {
    const rng = createRng(seed);
    const m = LEAVES + repeats;
    const sources = new Int32Array(m);
    const targets = new Int32Array(m);
    for (let i = 0; i < LEAVES; i++) {
      sources[i] = HUB;
      targets[i] = i < HUB ? i : i + 1;
    }
    const trust = Float32Array.from({ length: m }, () => trustValue(rng));
    if (order === 'shuffled') shuffle(rng, sources.subarray(0, LEAVES), targets.subarray(0, LEAVES), trust.subarray(0, LEAVES));
    else {
      for (let k = 0; k < 10; k++) {
        // A few neighbouring leaves swapped: insertion sort finishes within its budget.
        const i = below(rng, LEAVES - 1);
        [targets[i], targets[i + 1]] = [targets[i + 1]!, targets[i]!];
      }
    }
    for (let r = 0; r < repeats; r++) {
      const e = LEAVES + r;
      // Nearly sorted: repeat leaves near the end of the row, a few moves from their place.
      const leaf = targets[order === 'shuffled' ? below(rng, LEAVES) : LEAVES - 1 - below(rng, 20)]!;
      [sources[e], targets[e]] = r % 2 === 0 ? [HUB, leaf] : [leaf, HUB];
    }
    return { size: LEAVES + 1, sources, targets, trust, directed: false, onSelfLoop: 'error', onDuplicate: 'drop', keys: null, lines: true };
  }

  it('5,000 shuffled leaves with repeated ties under drop: sorted row, first trust kept', () => {
    const c = star('star', 7, 'shuffled');
    expectMatchesReference(c, 'star');
    const network = compile(c);
    const row = network.neighbors.subarray(network.offsets[HUB], network.offsets[HUB + 1]);
    expect(row.length).toBe(LEAVES);
    expect(Array.from(row)).toEqual(Array.from({ length: LEAVES }, (_, i) => (i < HUB ? i : i + 1)));
    expect(network.info.droppedDuplicates).toBe(7);
    // The first-given trust of each tie, from the edge list itself.
    for (let e = 0; e < LEAVES; e++) {
      const leaf = c.targets[e]!;
      const at = network.offsets[HUB]! + (leaf < HUB ? leaf : leaf - 1);
      expect(network.trust[at]).toBe(c.trust[e]);
      expect(network.trust[network.offsets[leaf]!]).toBe(c.trust[e]);
    }
  });

  it('the same without trust, directed, nearly sorted, and with repeats as errors', () => {
    const c = star('star-variants', 5, 'shuffled');
    expectMatchesReference(withoutTrust(c), 'no trust');
    expectMatchesReference({ ...c, directed: true }, 'directed');
    expectMatchesReference({ ...withoutTrust(c), directed: true }, 'directed, no trust');
    const nearly = star('star-nearly', 5, 'nearly sorted');
    expectMatchesReference(nearly, 'nearly sorted');
    expectMatchesReference(withoutTrust(nearly), 'nearly sorted, no trust');
    expectMatchesReference({ ...c, onDuplicate: 'error' }, 'error');
    expectMatchesReference({ ...c, directed: true, onDuplicate: 'error' }, 'error, directed');
  });

  it('a hub whose neighbours span millions of indices (radix sort over three digits)', () => {
    const rng = createRng('wide-star');
    const size = 1 << 23;
    const sources = new Int32Array(LEAVES);
    const targets = new Int32Array(LEAVES);
    const seen = new Set<number>();
    for (let i = 0; i < LEAVES; i++) {
      let leaf = below(rng, size);
      while (leaf === HUB || seen.has(leaf)) leaf = below(rng, size);
      seen.add(leaf);
      sources[i] = HUB;
      targets[i] = leaf;
    }
    // The same leaves again, reversed, later in the list: every tie is repeated once.
    const trust = Float32Array.from({ length: 2 * LEAVES }, () => trustValue(rng));
    const c: Case = {
      size,
      sources: Int32Array.from([...sources, ...targets]),
      targets: Int32Array.from([...targets, ...sources]),
      trust,
      directed: false,
      onSelfLoop: 'error',
      onDuplicate: 'drop',
      keys: null,
      lines: false,
    };
    const network = compile(c);
    expect(network.info.droppedDuplicates).toBe(LEAVES);
    const row = Array.from(network.neighbors.subarray(network.offsets[HUB], network.offsets[HUB + 1]));
    expect(row).toEqual([...seen].sort((a, b) => a - b));
    const firstTrust = new Map<number, number>();
    for (let e = 0; e < LEAVES; e++) firstTrust.set(targets[e]!, trust[e]!);
    expect(Array.from(network.trust.subarray(network.offsets[HUB], network.offsets[HUB + 1]))).toEqual(row.map((v) => firstTrust.get(v)));
  });
});
