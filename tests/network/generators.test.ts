/**
 * The seeded CSR generators: closed-form structure (exact counts, exact clustering),
 * statistics against theory with tolerances derived from the standard error,
 * determinism, and every error path by class.
 *
 * Statistical tolerances are 4 standard errors unless said otherwise: for an
 * approximately normal estimate a 4 SE band misses with probability 6.3·10⁻⁵, so a
 * failure means a bug, not bad luck; and the seeds are fixed, so a test either always
 * passes or always fails.
 */
import { describe, expect, it } from 'vitest';
import {
  GROUPS_DEFAULTS,
  GraphStructureError,
  InvalidParameterError,
  barabasiAlbert,
  configurationModel,
  degree,
  edgeCount,
  erdosRenyiGnm,
  erdosRenyiGnp,
  groups,
  randomRegular,
  wattsStrogatz,
  Sfc32,
  type Network,
} from '../../src/index.js';
// Internal, to force the top-up path of G(n, m); not exported from the package.
import { drawGnmEdges } from '../../src/network/generators/erdos-renyi-gnm.js';

const Z = 4; // standard errors allowed in every statistical check

/** C(n, 2). */
const pairs = (n: number) => (n * (n - 1)) / 2;

/** Binomial(N, p) count within Z standard errors of its mean N·p. */
function expectBinomialCount(count: number, trials: number, p: number): void {
  const se = Math.sqrt(trials * p * (1 - p));
  expect(Math.abs(count - trials * p)).toBeLessThanOrEqual(Z * se);
}

/** Rows strictly increasing (so no repeats), no self-loops, every arc mirrored. */
function expectSimpleUndirected(network: Network): void {
  const { size, offsets, neighbors } = network;
  expect(offsets.length).toBe(size + 1);
  expect(offsets[0]).toBe(0);
  expect(offsets[size]).toBe(neighbors.length);
  for (let u = 0; u < size; u++) {
    for (let a = offsets[u]!; a < offsets[u + 1]!; a++) {
      const v = neighbors[a]!;
      if (v === u) throw new Error(`self-loop at ${u}`);
      if (a > offsets[u]! && neighbors[a - 1]! >= v) throw new Error(`row ${u} not strictly increasing`);
      if (!hasArc(network, v, u)) throw new Error(`arc ${u}→${v} has no mirror`);
    }
  }
}

function hasArc(network: Network, u: number, v: number): boolean {
  // Rows are sorted: binary search.
  let lo = network.offsets[u]!;
  let hi = network.offsets[u + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (network.neighbors[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo < network.offsets[u + 1]! && network.neighbors[lo] === v;
}

function degrees(network: Network): Int32Array {
  const d = new Int32Array(network.size);
  for (let i = 0; i < network.size; i++) d[i] = degree(network, i);
  return d;
}

/** Average local clustering (NetworkX's average_clustering: people with < 2 ties count 0). */
function averageClustering(network: Network): number {
  const { size, offsets, neighbors } = network;
  const mark = new Int32Array(size).fill(-1);
  let sum = 0;
  for (let u = 0; u < size; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    const d = end - start;
    if (d < 2) continue;
    for (let a = start; a < end; a++) mark[neighbors[a]!] = u;
    let links = 0; // each tie among u's neighbours is seen from both ends
    for (let a = start; a < end; a++) {
      const v = neighbors[a]!;
      for (let b = offsets[v]!; b < offsets[v + 1]!; b++) if (mark[neighbors[b]!] === u) links++;
    }
    sum += links / (d * (d - 1));
  }
  return sum / size;
}

/** How often each pair {u, v} (index u·n + v, u < v) is tied across `runs` networks. */
function pairFrequencies(n: number, runs: number, make: (seed: number) => Network): Float64Array {
  const counts = new Float64Array(n * n);
  for (let s = 0; s < runs; s++) {
    const g = make(s);
    for (let u = 0; u < n; u++) {
      for (let a = g.offsets[u]!; a < g.offsets[u + 1]!; a++) if (g.neighbors[a]! > u) counts[u * n + g.neighbors[a]!]!++;
    }
  }
  for (let i = 0; i < counts.length; i++) counts[i]! /= runs;
  return counts;
}

/** Every pair tied with frequency p ± Z·√(p(1 − p)/runs) (binomial SE per pair). */
function expectEveryPairAt(frequencies: Float64Array, n: number, p: number, runs: number): void {
  const se = Math.sqrt((p * (1 - p)) / runs);
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) expect(Math.abs(frequencies[u * n + v]! - p)).toBeLessThanOrEqual(Z * se);
  }
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function identical(a: Network, b: Network): boolean {
  return (
    a.size === b.size &&
    sameBytes(a.offsets, b.offsets) &&
    sameBytes(a.neighbors, b.neighbors) &&
    sameBytes(a.trust, b.trust) &&
    sameBytes(a.segment, b.segment) &&
    sameBytes(a.role, b.role)
  );
}

function expectThrows(fn: () => unknown, errorClass: new (...args: never[]) => Error, field: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(errorClass);
  expect((caught as { field: string }).field).toBe(field);
}

describe('erdosRenyiGnp', () => {
  it('has Binomial(C(n, 2), p) ties and mean degree (n − 1)·p', () => {
    // Edge count ~ Binomial(C(n,2), p): mean 9,995, SE √(C(n,2)·p·(1 − p)) ≈ 99.7.
    // Mean degree is 2·count/n, so it is the same check scaled: (n − 1)p ± Z·2·SE/n.
    const n = 2000;
    const p = 0.005;
    const g = erdosRenyiGnp({ size: n, probability: p, seed: 1 });
    expectBinomialCount(edgeCount(g), pairs(n), p);
    const meanDegree = (2 * edgeCount(g)) / n;
    expect(Math.abs(meanDegree - (n - 1) * p)).toBeLessThanOrEqual((Z * 2 * Math.sqrt(pairs(n) * p * (1 - p))) / n);
    expectSimpleUndirected(g);
    expect(g.info).toMatchObject({ source: 'erdos-renyi-gnp', stream: 'hearsay/1/network/erdos-renyi-gnp' });
  });

  it('ties every pair with probability p (the skips land on every row position)', () => {
    // Per pair, the frequency over R runs is Binomial(R, p)/R: SE √(p(1 − p)/R) ≈ 0.0072.
    // 15 pairs at 4 SE: family-wise false alarm ≈ 15 · 6.3e-5 ≈ 1e-3.
    const n = 6;
    const runs = 4000;
    const f = pairFrequencies(n, runs, (seed) => erdosRenyiGnp({ size: n, probability: 0.3, seed }));
    expectEveryPairAt(f, n, 0.3, runs);
  });

  it('keeps full resolution for tiny probabilities (53-bit skips)', () => {
    // C(1e5, 2) ≈ 5e9 pairs at p = 1e-6: ≈ 5,000 ties, SE ≈ 70.7.
    const n = 100_000;
    const g = erdosRenyiGnp({ size: n, probability: 1e-6, seed: 2 });
    expectBinomialCount(edgeCount(g), pairs(n), 1e-6);
  });

  it('gives no ties at p = 0 and the complete network at p = 1', () => {
    expect(edgeCount(erdosRenyiGnp({ size: 50, probability: 0, seed: 1 }))).toBe(0);
    const full = erdosRenyiGnp({ size: 50, probability: 1, seed: 1 });
    expect(edgeCount(full)).toBe(pairs(50));
    expectSimpleUndirected(full);
    expect(edgeCount(erdosRenyiGnp({ size: 0, probability: 0.5, seed: 1 }))).toBe(0);
    expect(edgeCount(erdosRenyiGnp({ size: 1, probability: 1, seed: 1 }))).toBe(0);
  });
});

describe('erdosRenyiGnm', () => {
  it('has exactly m distinct ties', () => {
    const g = erdosRenyiGnm({ size: 1000, edges: 3000, seed: 1 });
    expect(edgeCount(g)).toBe(3000);
    expectSimpleUndirected(g);
    expect(g.info.droppedDuplicates).toBe(0);
  });

  it('puts every pair in with probability m / C(n, 2)', () => {
    // Uniform m-subsets of 15 pairs put each pair in with probability m/15; per-pair
    // frequency over R runs has SE √(p(1 − p)/R). m = 5 thins G(n, 0.93) candidates,
    // m = 12 thins the complete network (p′ capped at 1).
    const n = 6;
    const runs = 4000;
    for (const m of [5, 12]) {
      const f = pairFrequencies(n, runs, (seed) => erdosRenyiGnm({ size: n, edges: m, seed }));
      expectEveryPairAt(f, n, m / pairs(n), runs);
    }
  });

  it('stays uniform when the candidates fall short and are topped up', () => {
    // Internal: oversample = −2 standard deviations makes p′ = (m − 2√m)/C(n, 2), so
    // nearly every draw needs the top-up path. Same per-pair SE as above.
    const n = 6;
    const m = 5;
    const runs = 4000;
    const counts = new Float64Array(n * n);
    const random = new Sfc32(1, 2, 3, 4);
    for (let r = 0; r < runs; r++) {
      const { sources, targets } = drawGnmEdges(random, n, m, -2);
      const seen = new Set<number>();
      for (let e = 0; e < m; e++) {
        const u = Math.min(sources[e]!, targets[e]!);
        const v = Math.max(sources[e]!, targets[e]!);
        expect(u).not.toBe(v);
        seen.add(u * n + v);
        counts[u * n + v]!++;
      }
      expect(seen.size).toBe(m);
    }
    for (let i = 0; i < counts.length; i++) counts[i]! /= runs;
    expectEveryPairAt(counts, n, m / pairs(n), runs);
  });

  it('handles the extremes and a large dense network', () => {
    expect(edgeCount(erdosRenyiGnm({ size: 30, edges: 0, seed: 1 }))).toBe(0);
    const full = erdosRenyiGnm({ size: 30, edges: pairs(30), seed: 1 });
    expect(edgeCount(full)).toBe(pairs(30));
    expectSimpleUndirected(full);
    const dense = erdosRenyiGnm({ size: 300, edges: 40_000, seed: 3 });
    expect(edgeCount(dense)).toBe(40_000);
    expectSimpleUndirected(dense);
  });
});

describe('wattsStrogatz', () => {
  it('at β = 0 is the ring lattice with clustering exactly 3(k − 2)/(4(k − 1))', () => {
    // Watts & Strogatz (1998); Barrat & Weigt (2000): every person's k neighbours share
    // 3k(k − 2)/8 ties, so C = 3(k − 2)/(4(k − 1)) for size > 3k/2 (no wrap-around).
    for (const k of [4, 10]) {
      const g = wattsStrogatz({ size: 1000, neighbors: k, rewiring: 0, seed: 1 });
      expect(averageClustering(g)).toBeCloseTo((3 * (k - 2)) / (4 * (k - 1)), 12);
      expect(degrees(g).every((d) => d === k)).toBe(true);
      expect(hasArc(g, 0, 999) && hasArc(g, 0, 1000 - k / 2) && hasArc(g, 0, k / 2)).toBe(true);
    }
  });

  it('has exactly n·k/2 ties, simple, for every β; everyone keeps ≥ k/2 ties', () => {
    for (const beta of [0, 0.2, 1]) {
      const g = wattsStrogatz({ size: 2000, neighbors: 6, rewiring: beta, seed: 5 });
      expect(edgeCount(g)).toBe(6000);
      expectSimpleUndirected(g);
      // NetworkX's rule: tie (u, u + j) is rewired at u's end, so u keeps it.
      expect(Math.min(...degrees(g))).toBeGreaterThanOrEqual(3);
    }
  });

  it('rewires a Binomial(n·k/2, β) number of ties', () => {
    // Each lattice tie moves with probability β, so the surviving lattice ties number
    // Binomial(m, 1 − β) (SE √(m·β(1 − β)) ≈ 89 here), plus the few the rewiring lands
    // back on a lattice pair: ≈ β·m·k/n ≈ 10, an order below the tolerance (≈ 358).
    const n = 10_000;
    const k = 10;
    const beta = 0.2;
    const g = wattsStrogatz({ size: n, neighbors: k, rewiring: beta, seed: 9 });
    let lattice = 0;
    for (let u = 0; u < n; u++) for (let j = 1; j <= k / 2; j++) if (hasArc(g, u, (u + j) % n)) lattice++;
    expectBinomialCount(lattice, (n * k) / 2, 1 - beta);
  });

  it('allows k = 0 and the largest even k < n', () => {
    expect(edgeCount(wattsStrogatz({ size: 10, neighbors: 0, rewiring: 0.5, seed: 1 }))).toBe(0);
    const g = wattsStrogatz({ size: 9, neighbors: 8, rewiring: 1, seed: 1 });
    expect(edgeCount(g)).toBe(36); // complete: nobody can be rewired
    expectSimpleUndirected(g);
  });
});

describe('barabasiAlbert', () => {
  it('starts from a star on m + 1 people and adds m ties per newcomer', () => {
    const star = barabasiAlbert({ size: 4, edgesPerPerson: 3, seed: 1 });
    expect(Array.from(degrees(star))).toEqual([3, 1, 1, 1]);
    const g = barabasiAlbert({ size: 10_000, edgesPerPerson: 4, seed: 2 });
    expect(edgeCount(g)).toBe(4 * (10_000 - 4));
    expectSimpleUndirected(g);
    const d = degrees(g);
    for (let t = 5; t < 10_000; t++) expect(d[t]).toBeGreaterThanOrEqual(4);
  });

  it('has the degree tail P(K ≥ k) = m(m + 1)/(k(k + 1))', () => {
    // Dorogovtsev, Mendes & Samukhin (2000); Bollobás, Riordan, Spencer & Tusnády (2001):
    // P(K = k) = 2m(m + 1)/(k(k + 1)(k + 2)), hence the tail above, for m ≤ k ≪ m√n.
    // The share of people with K ≥ k is treated as Binomial(n, P)/n: SE √(P(1 − P)/n).
    // That SE is conservative: over 20 seeds at this n the share's sd was 0.57–0.65 of it
    // (degrees sum to a constant, so they are negatively correlated).
    // Finite-size bias, measured as the mean over seeds minus the formula (m = 3):
    // n = 2,000: 0.9e-3 to 1.7e-3 (up to 0.56 SE); n = 20,000: ≤ 4.5e-4 (≤ 0.31 SE);
    // n = 200,000: ≤ 2.3e-4, within the ±1.6e-4 precision of the measurement (≤ 0.34 SE).
    // So at n = 200,000 the bias uses well under a tenth of the 4 SE tolerance.
    const n = 200_000;
    const m = 3;
    const d = degrees(barabasiAlbert({ size: n, edgesPerPerson: m, seed: 2026 }));
    for (const k of [10, 20]) {
      const expected = (m * (m + 1)) / (k * (k + 1));
      let atLeast = 0;
      for (let i = 0; i < n; i++) if (d[i]! >= k) atLeast++;
      expect(Math.abs(atLeast / n - expected)).toBeLessThanOrEqual(Z * Math.sqrt((expected * (1 - expected)) / n));
    }
  });
});

describe('randomRegular', () => {
  it('gives everyone exactly k ties, simple', () => {
    for (const [n, k] of [
      [10_000, 4],
      [1001, 6],
      [12, 8], // dense: drawn as the complement of a 3-regular network
      [101, 60],
      [9, 8], // complete
    ] as const) {
      const g = randomRegular({ size: n, degree: k, seed: n });
      expect(degrees(g).every((d) => d === k)).toBe(true);
      expectSimpleUndirected(g);
    }
    expect(edgeCount(randomRegular({ size: 5, degree: 0, seed: 1 }))).toBe(0);
    expect(edgeCount(randomRegular({ size: 0, degree: 0, seed: 1 }))).toBe(0);
  });
});

describe('configurationModel', () => {
  it('matches the degrees exactly when nothing is dropped', () => {
    // One stub each: no self-loop or repeat is possible, so the default 'error' holds.
    const ones = new Array<number>(1000).fill(1);
    const matching = configurationModel({ degrees: ones, seed: 1 });
    expect(degrees(matching).every((d) => d === 1)).toBe(true);
    // Degrees 1–3 (ν = Σd(d−1)/Σd = 4/3, simple with probability ≈ e^(−ν/2 − ν²/4) ≈ 0.33):
    // on every seed, the degree sum falls by exactly 2 per dropped tie and nobody gains;
    // on the seeds where nothing was dropped, every degree is exact.
    const wanted = Array.from({ length: 2001 }, (_, i) => 1 + (i % 3));
    const total = wanted.reduce((sum, d) => sum + d, 0);
    let exactRuns = 0;
    for (let seed = 0; seed < 20; seed++) {
      const g = configurationModel({ degrees: wanted, seed, onSelfLoop: 'drop', onDuplicate: 'drop' });
      const got = degrees(g);
      const dropped = g.info.droppedSelfLoops + g.info.droppedDuplicates;
      expect(got.reduce((s, x) => s + x, 0)).toBe(total - 2 * dropped);
      expect(got.every((d, i) => d <= wanted[i]!)).toBe(true);
      expectSimpleUndirected(g);
      if (dropped === 0) {
        exactRuns++;
        expect(Array.from(got)).toEqual(wanted);
      }
    }
    expect(exactRuns).toBeGreaterThan(0);
  });

  it('makes Σ C(d, 2)/(2M − 1) self-loops on average (a uniform matching)', () => {
    // In a uniform matching of 2M stubs any two stubs are paired with probability
    // 1/(2M − 1), so E[self-loops] = Σ_i C(d_i, 2)/(2M − 1) exactly. Their number is
    // close to Poisson (van der Hofstad vol. 1, ch. 7), so the mean over R seeds has
    // SE √(E/R).
    const wanted = Array.from({ length: 10_000 }, (_, i) => (i < 100 ? 200 : 3));
    const stubs = wanted.reduce((s, d) => s + d, 0);
    const expected = wanted.reduce((s, d) => s + (d * (d - 1)) / 2, 0) / (stubs - 1);
    const runs = 20;
    let loops = 0;
    for (let seed = 0; seed < runs; seed++) {
      loops += configurationModel({ degrees: wanted, seed, onSelfLoop: 'drop', onDuplicate: 'drop' }).info
        .droppedSelfLoops;
    }
    expect(Math.abs(loops / runs - expected)).toBeLessThanOrEqual(Z * Math.sqrt(expected / runs));
  });

  it("throws under the default 'error' policies, saying how to drop", () => {
    const wanted = Array.from({ length: 1000 }, (_, i) => (i < 10 ? 100 : 4));
    expect(() => configurationModel({ degrees: wanted, seed: 1 })).toThrow(/onSelfLoop: 'drop'/);
    expectThrows(() => configurationModel({ degrees: wanted, seed: 1 }), GraphStructureError, 'degrees');
    expectThrows(
      () => configurationModel({ degrees: wanted, seed: 1, onSelfLoop: 'drop' }),
      GraphStructureError,
      'degrees',
    );
  });

  it('rejects an odd degree sum before matching, as a problem of the options (declared in configurationModelOptionsSchema)', () => {
    expectThrows(() => configurationModel({ degrees: [1, 2, 2], seed: 1 }), InvalidParameterError, 'configurationModel.degrees');
  });
});

describe('groups', () => {
  it('ties Binomial(pairs, p) inside and across, with strong and weak trust', () => {
    // 400 groups of 50: 490,000 pairs inside (p = 0.2: mean 98,000, SE ≈ 280) and
    // 199,500,000 across (p = 2e-4: mean 39,900, SE ≈ 200), counted separately.
    const n = 20_000;
    const g = groups({ size: n, groupSize: 50, insideProbability: 0.2, acrossProbability: 2e-4, seed: 4 });
    let inside = 0;
    let across = 0;
    let wrongTrust = 0;
    for (let u = 0; u < n; u++) {
      for (let a = g.offsets[u]!; a < g.offsets[u + 1]!; a++) {
        const v = g.neighbors[a]!;
        const same = g.segment[u] === g.segment[v];
        if (g.trust[a] !== (same ? GROUPS_DEFAULTS.strongTrust : GROUPS_DEFAULTS.weakTrust)) wrongTrust++;
        if (v < u) continue;
        if (same) inside++;
        else across++;
      }
    }
    expect(wrongTrust).toBe(0);
    const insidePairs = 400 * pairs(50);
    expectBinomialCount(inside, insidePairs, 0.2);
    expectBinomialCount(across, pairs(n) - insidePairs, 2e-4);
    expectSimpleUndirected(g);
    expect(g.segmentNames.length).toBe(400);
    expect(g.segmentNames[g.segment[12_345]!]).toBe('group-246');
  });

  it('gives exact blocks at probabilities 0 and 1, with uneven groups', () => {
    const sizes = [1, 2, 3, 5, 1, 8];
    const n = 20;
    const inside = sizes.reduce((s, x) => s + pairs(x), 0);
    const cliques = groups({ size: n, groupSizes: sizes, insideProbability: 1, acrossProbability: 0, seed: 1 });
    expect(edgeCount(cliques)).toBe(inside);
    const multipartite = groups({
      size: n,
      groupSizes: sizes,
      insideProbability: 0,
      acrossProbability: 1,
      strongTrust: 0.9,
      weakTrust: 0.1,
      seed: 1,
    });
    expect(edgeCount(multipartite)).toBe(pairs(n) - inside);
    for (let u = 0; u < n; u++) {
      for (let a = cliques.offsets[u]!; a < cliques.offsets[u + 1]!; a++) {
        expect(cliques.segment[cliques.neighbors[a]!]).toBe(cliques.segment[u]);
      }
      for (let a = multipartite.offsets[u]!; a < multipartite.offsets[u + 1]!; a++) {
        expect(multipartite.segment[multipartite.neighbors[a]!]).not.toBe(multipartite.segment[u]);
        expect(multipartite.trust[a]).toBeCloseTo(0.1, 7);
      }
    }
    expect(Array.from(cliques.segment.slice(0, 6))).toEqual([0, 1, 1, 2, 2, 2]);
  });

  it('puts the remainder in a last, smaller group', () => {
    const g = groups({ size: 105, groupSize: 50, insideProbability: 1, acrossProbability: 0, seed: 1 });
    expect(g.segmentNames).toEqual(['group-0', 'group-1', 'group-2']);
    expect(g.segment[104]).toBe(2);
    expect(edgeCount(g)).toBe(2 * pairs(50) + pairs(5));
  });
});

describe('determinism', () => {
  const makers: Array<[string, (seed: number | string) => Network]> = [
    ['erdos-renyi-gnm', (seed) => erdosRenyiGnm({ size: 3000, edges: 15_000, seed })],
    ['erdos-renyi-gnp', (seed) => erdosRenyiGnp({ size: 3000, probability: 0.003, seed })],
    ['watts-strogatz', (seed) => wattsStrogatz({ size: 3000, neighbors: 10, rewiring: 0.3, seed })],
    ['barabasi-albert', (seed) => barabasiAlbert({ size: 3000, edgesPerPerson: 5, seed })],
    ['random-regular', (seed) => randomRegular({ size: 3000, degree: 10, seed })],
    [
      'configuration-model',
      (seed) =>
        configurationModel({
          degrees: Array.from({ length: 3000 }, (_, i) => 5 + (i % 11)),
          seed,
          onSelfLoop: 'drop',
          onDuplicate: 'drop',
        }),
    ],
    [
      'groups',
      (seed) => groups({ size: 3000, groupSize: 30, insideProbability: 0.3, acrossProbability: 0.001, seed }),
    ],
  ];
  for (const [name, make] of makers) {
    it(`${name}: same seed → byte-identical arrays; different seed → different`, () => {
      const a = make(42);
      expect(identical(a, make(42))).toBe(true);
      expect(identical(a, make(43))).toBe(false);
      expect(identical(make('pilot-2026'), make('pilot-2026'))).toBe(true);
      expect(a.info.source).toBe(name);
      expect(a.info.stream).toBe(`hearsay/42/network/${name}`);
      expect(a.info.parameters.seed).toBe(42);
    });
  }
});

describe('errors', () => {
  const bad = [NaN, Infinity, -Infinity, -1, 2.5, '10', undefined, null];
  type Case = [label: string, fn: () => unknown, errorClass: typeof InvalidParameterError | typeof GraphStructureError, field: string];
  const cases: Case[] = [];
  const ip = InvalidParameterError;
  for (const v of bad) {
    const size = v as number;
    cases.push(
      [`gnm size ${String(v)}`, () => erdosRenyiGnm({ size, edges: 0, seed: 1 }), ip, 'erdosRenyiGnm.size'],
      [`gnp size ${String(v)}`, () => erdosRenyiGnp({ size, probability: 0.1, seed: 1 }), ip, 'erdosRenyiGnp.size'],
      [`ws size ${String(v)}`, () => wattsStrogatz({ size, neighbors: 0, rewiring: 0, seed: 1 }), ip, 'wattsStrogatz.size'],
      [`ba size ${String(v)}`, () => barabasiAlbert({ size, edgesPerPerson: 1, seed: 1 }), ip, 'barabasiAlbert.size'],
      [`regular size ${String(v)}`, () => randomRegular({ size, degree: 0, seed: 1 }), ip, 'randomRegular.size'],
      [`groups size ${String(v)}`, () => groups({ size, groupSize: 1, insideProbability: 0, acrossProbability: 0, seed: 1 }), ip, 'groups.size'],
    );
  }
  for (const p of [NaN, Infinity, -0.1, 1.1, '0.5']) {
    const probability = p as number;
    cases.push(
      [`gnp probability ${String(p)}`, () => erdosRenyiGnp({ size: 10, probability, seed: 1 }), ip, 'erdosRenyiGnp.probability'],
      [`ws rewiring ${String(p)}`, () => wattsStrogatz({ size: 10, neighbors: 2, rewiring: probability, seed: 1 }), ip, 'wattsStrogatz.rewiring'],
      [`groups inside ${String(p)}`, () => groups({ size: 10, groupSize: 5, insideProbability: probability, acrossProbability: 0, seed: 1 }), ip, 'groups.insideProbability'],
      [`groups across ${String(p)}`, () => groups({ size: 10, groupSize: 5, insideProbability: 0, acrossProbability: probability, seed: 1 }), ip, 'groups.acrossProbability'],
    );
  }
  for (const seed of [NaN, Infinity, '', {}, undefined, null] as unknown as number[]) {
    cases.push(
      [`gnm seed ${String(seed)}`, () => erdosRenyiGnm({ size: 10, edges: 1, seed }), ip, 'erdosRenyiGnm.seed'],
      [`ba seed ${String(seed)}`, () => barabasiAlbert({ size: 10, edgesPerPerson: 1, seed }), ip, 'barabasiAlbert.seed'],
      [`cm seed ${String(seed)}`, () => configurationModel({ degrees: [1, 1], seed }), ip, 'configurationModel.seed'],
    );
  }
  cases.push(
    // Mean degree ≥ n and other impossible sizes.
    ['gnm edges > C(n,2)', () => erdosRenyiGnm({ size: 10, edges: 46, seed: 1 }), ip, 'erdosRenyiGnm.edges'],
    ['gnm edges negative', () => erdosRenyiGnm({ size: 10, edges: -1, seed: 1 }), ip, 'erdosRenyiGnm.edges'],
    ['gnm edges fractional', () => erdosRenyiGnm({ size: 10, edges: 1.5, seed: 1 }), ip, 'erdosRenyiGnm.edges'],
    ['gnp too many ties', () => erdosRenyiGnp({ size: 100_000, probability: 0.5, seed: 1 }), ip, 'erdosRenyiGnp.probability'],
    ['ws odd k', () => wattsStrogatz({ size: 10, neighbors: 3, rewiring: 0, seed: 1 }), ip, 'wattsStrogatz.neighbors'],
    ['ws k = n', () => wattsStrogatz({ size: 10, neighbors: 10, rewiring: 0, seed: 1 }), ip, 'wattsStrogatz.neighbors'],
    ['ws k negative', () => wattsStrogatz({ size: 10, neighbors: -2, rewiring: 0, seed: 1 }), ip, 'wattsStrogatz.neighbors'],
    ['ba m = 0', () => barabasiAlbert({ size: 10, edgesPerPerson: 0, seed: 1 }), ip, 'barabasiAlbert.edgesPerPerson'],
    ['ba m fractional', () => barabasiAlbert({ size: 10, edgesPerPerson: 1.5, seed: 1 }), ip, 'barabasiAlbert.edgesPerPerson'],
    ['ba m = n', () => barabasiAlbert({ size: 10, edgesPerPerson: 10, seed: 1 }), ip, 'barabasiAlbert.size'],
    ['regular degree = n', () => randomRegular({ size: 10, degree: 10, seed: 1 }), ip, 'randomRegular.degree'],
    ['regular degree negative', () => randomRegular({ size: 10, degree: -2, seed: 1 }), ip, 'randomRegular.degree'],
    ['regular degree fractional', () => randomRegular({ size: 10, degree: 2.5, seed: 1 }), ip, 'randomRegular.degree'],
    ['regular n·k odd', () => randomRegular({ size: 9, degree: 3, seed: 1 }), ip, 'randomRegular.degree'],
    ['cm not an array', () => configurationModel({ degrees: 5 as unknown as number[], seed: 1 }), ip, 'configurationModel.degrees'],
    ['cm degree ≥ n', () => configurationModel({ degrees: [4, 2, 1, 1], seed: 1 }), ip, 'configurationModel.degrees[0]'],
    ['cm degree negative', () => configurationModel({ degrees: [1, -1, 2], seed: 1 }), ip, 'configurationModel.degrees[1]'],
    ['cm degree fractional', () => configurationModel({ degrees: [1, 1.5, 0.5], seed: 1 }), ip, 'configurationModel.degrees[1]'],
    ['cm degree NaN', () => configurationModel({ degrees: [1, NaN, 1], seed: 1 }), ip, 'configurationModel.degrees[1]'],
    ['cm bad policy', () => configurationModel({ degrees: [1, 1], seed: 1, onSelfLoop: 'keep' as 'drop' }), ip, 'configurationModel.onSelfLoop'],
    ['cm bad duplicate policy', () => configurationModel({ degrees: [1, 1], seed: 1, onDuplicate: 'merge' as 'drop' }), ip, 'configurationModel.onDuplicate'],
    ['groups neither size', () => groups({ size: 10, insideProbability: 0, acrossProbability: 0, seed: 1 }), ip, 'groups.groupSize'],
    ['groups both sizes', () => groups({ size: 10, groupSize: 5, groupSizes: [5, 5], insideProbability: 0, acrossProbability: 0, seed: 1 }), ip, 'groups.groupSizes'],
    ['groups groupSize 0', () => groups({ size: 10, groupSize: 0, insideProbability: 0, acrossProbability: 0, seed: 1 }), ip, 'groups.groupSize'],
    ['groups groupSize > size', () => groups({ size: 10, groupSize: 11, insideProbability: 0, acrossProbability: 0, seed: 1 }), ip, 'groups.groupSize'],
    ['groups too many groups', () => groups({ size: 70_000, groupSize: 1, insideProbability: 0, acrossProbability: 0, seed: 1 }), ip, 'groups.groupSize'],
    ['groups sizes sum', () => groups({ size: 10, groupSizes: [5, 4], insideProbability: 0, acrossProbability: 0, seed: 1 }), ip, 'groups.groupSizes'],
    ['groups size 0 in list', () => groups({ size: 10, groupSizes: [10, 0], insideProbability: 0, acrossProbability: 0, seed: 1 }), ip, 'groups.groupSizes[1]'],
    ['groups strongTrust 0', () => groups({ size: 10, groupSize: 5, insideProbability: 0, acrossProbability: 0, strongTrust: 0, seed: 1 }), ip, 'groups.strongTrust'],
    ['groups weakTrust > 1', () => groups({ size: 10, groupSize: 5, insideProbability: 0, acrossProbability: 0, weakTrust: 1.2, seed: 1 }), ip, 'groups.weakTrust'],
    ['groups weakTrust NaN', () => groups({ size: 10, groupSize: 5, insideProbability: 0, acrossProbability: 0, weakTrust: NaN, seed: 1 }), ip, 'groups.weakTrust'],
    // Typos and non-objects never pass silently.
    ['unknown option', () => erdosRenyiGnm({ size: 10, edges: 1, seed: 1, sead: 2 } as never), ip, 'erdosRenyiGnm.sead'],
    ['unknown option (ws)', () => wattsStrogatz({ size: 10, neighbors: 2, beta: 0.1, rewiring: 0, seed: 1 } as never), ip, 'wattsStrogatz.beta'],
    ['options not an object', () => barabasiAlbert(undefined as never), ip, 'barabasiAlbert'],
    ['options an array', () => groups([] as never), ip, 'groups'],
  );
  for (const [label, fn, errorClass, field] of cases) {
    it(`${label} → ${errorClass.name} on ${field}`, () => expectThrows(fn, errorClass, field));
  }

  it('names the field, the requirement and the value received', () => {
    expect(() => erdosRenyiGnp({ size: 10, probability: 1.5, seed: 1 })).toThrow(
      'erdosRenyiGnp.probability: expected a number ≥ 0 and ≤ 1, received 1.5',
    );
    expect(() => randomRegular({ size: 10, degree: 10, seed: 1 })).toThrow(/^randomRegular\.degree: expected an integer < size \(10\).*received 10$/);
    expect(() => randomRegular({ size: 9, degree: 3, seed: 1 })).toThrow(
      'randomRegular.degree: expected a degree making size · degree even, since every tie has two ends (size · degree = 9 · 3 = 27 is odd: make size or degree even), received 3',
    );
    expect(() => configurationModel({ degrees: [1, 2, 2], seed: 1 })).toThrow(/^configurationModel\.degrees: expected .*sum to 5, an odd number/);
    expect(() => wattsStrogatz({ size: 10, neighbors: 3, rewiring: 0, seed: 1 })).toThrow(
      'wattsStrogatz.neighbors: expected an even integer (k/2 ties on each side of the ring), received 3',
    );
  });
});
