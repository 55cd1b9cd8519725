// The cascade kernels against theory: bond percolation (Newman 2002), exact small cases,
// and determinism. Statistical tolerances are 4 standard errors of the simulated mean
// (two-sided, a false alarm about once in 16,000 runs); each comment gives the formula.
import { describe, expect, it } from 'vitest';
import {
  IndependentCascadeKernel,
  erdosRenyiGnm,
  independentCascade,
  randomRegular,
  runReplicatesSync,
  type Network,
} from '../../src/index.js';
import { componentOf, fromPairs, meanSe, stars } from '../helpers/graphs.js';

/** Solves S = 1 − exp(−c·T·S) for the giant cascade share on Erdős–Rényi (S > 0 branch). */
function erdosRenyiShare(c: number, t: number): number {
  let s = 1;
  for (let i = 0; i < 10_000; i++) s = 1 - Math.exp(-c * t * s);
  return s;
}

/** Random k-regular: v = 1 − T + T·v^(k−1), S = 1 − v^k (Newman 2002, DOMAIN.md). */
function regularShare(k: number, t: number): number {
  let v = 0;
  for (let i = 0; i < 10_000; i++) v = 1 - t + t * v ** (k - 1);
  return 1 - v ** k;
}

/**
 * From one random teller per replicate: the share of replicates with a large cascade and
 * the mean size of a large cascade should both be S. Large = over a tenth of the network
 * (small outbreaks above the threshold are O(log n), far below that).
 *
 * The replicates all run on one drawn network, whose own giant share differs from S by
 * about σ = √(S(1 − S)/n) / (1 − κ), κ the slope of the fixed-point map at the solution
 * (the central limit theorem for the giant component, Pittel 1990 for Erdős–Rényi; the
 * 1/(1 − κ) factor is the linearised fixed point's amplification). So each tolerance is
 * 4·√(SE² + σ²), SE being the replicate standard error.
 */
function checkPercolation(network: Network, probability: number, expected: number, slope: number, replicates: number): void {
  const sigma = Math.sqrt((expected * (1 - expected)) / network.size) / (1 - slope);
  const kernel = new IndependentCascadeKernel(network, { probability, tellers: { count: 1 } });
  const result = runReplicatesSync(kernel, { seed: 'percolation', replicates, samples: true });
  const sizes = result.samples!.reached!;
  const large = Array.from(sizes).filter((s) => s > network.size / 10).map((s) => s / network.size);
  // Share of large outbreaks ~ Binomial(R, S)/R: SE = √(S(1 − S)/R).
  const share = large.length / replicates;
  expect(Math.abs(share - expected)).toBeLessThan(4 * Math.hypot(Math.sqrt((expected * (1 - expected)) / replicates), sigma));
  // Mean large size / n: SE from the replicates themselves.
  const { mean, se } = meanSe(large);
  expect(Math.abs(mean - expected)).toBeLessThan(4 * Math.hypot(se, sigma));
}

describe('independent cascade = bond percolation', () => {
  it('solves the published reference values', () => {
    expect(erdosRenyiShare(4, 0.5)).toBeCloseTo(0.7968, 4);
    expect(erdosRenyiShare(6, 0.5)).toBeCloseTo(0.9405, 4);
    expect(regularShare(4, 0.5)).toBeCloseTo(0.8541, 4);
  });

  it('Erdős–Rényi c = 4, T = 0.5 → S = 0.7968', () => {
    const n = 50_000;
    const share = erdosRenyiShare(4, 0.5);
    checkPercolation(erdosRenyiGnm({ size: n, edges: 2 * n, seed: 11 }), 0.5, share, 4 * 0.5 * (1 - share), 600);
  });

  it('Erdős–Rényi c = 6, T = 0.5 → S = 0.9405', () => {
    const n = 50_000;
    const share = erdosRenyiShare(6, 0.5);
    checkPercolation(erdosRenyiGnm({ size: n, edges: 3 * n, seed: 12 }), 0.5, share, 6 * 0.5 * (1 - share), 600);
  });

  it('random 4-regular, T = 0.5 → S = 0.8541', () => {
    const share = regularShare(4, 0.5);
    const v = (1 - share) ** (1 / 4);
    checkPercolation(randomRegular({ size: 50_000, degree: 4, seed: 13 }), 0.5, share, 0.5 * 3 * v ** 2, 600);
  });

  it('the plain and skipping samplers agree in law', () => {
    const network = erdosRenyiGnm({ size: 20_000, edges: 30_000, seed: 3 });
    const run = (method: 'skip' | 'plain') =>
      runReplicatesSync(new IndependentCascadeKernel(network, { probability: 0.6, tellers: { count: 5 }, method }), {
        seed: method,
        replicates: 400,
        samples: true,
      }).samples!.reached!;
    const a = meanSe(run('skip'));
    const b = meanSe(run('plain'));
    // Two independent means: SE of the difference = √(se_a² + se_b²).
    expect(Math.abs(a.mean - b.mean)).toBeLessThan(4 * Math.hypot(a.se, b.se));
  });
});

describe('exact cases', () => {
  it('probability 0 reaches only the tellers', () => {
    const network = erdosRenyiGnm({ size: 1000, edges: 5000, seed: 1 });
    for (const method of ['skip', 'plain'] as const) {
      const r = independentCascade(network, { probability: 0, tellers: ['1', '2', '3', '2'], method }, 5);
      expect(r.reached).toBe(3);
      expect(r.byHop).toEqual([3]);
      expect(r.maxHop).toBe(0);
    }
  });

  it("probability 1 reaches exactly the tellers' connected components", () => {
    // Sparse enough to have many components.
    const network = erdosRenyiGnm({ size: 2000, edges: 900, seed: 2 });
    for (const method of ['skip', 'plain'] as const) {
      for (let trial = 0; trial < 5; trial++) {
        const r = independentCascade(network, { probability: 1, tellers: { count: 4 }, method }, trial, { perPerson: true });
        const tellers = Array.from(r.reachedPeople!.keys()).filter((i) => r.reachedPeople![i] === 1);
        // The same tellers (same stream) with probability 0 name the tellers; the
        // components found by an independent BFS from them must be the reached set.
        const seedsOnly = independentCascade(network, { probability: 0, tellers: { count: 4 }, method }, trial, { perPerson: true });
        const tellerIds = Array.from(seedsOnly.reachedPeople!.keys()).filter((i) => seedsOnly.reachedPeople![i] === 1);
        const component = componentOf(network, tellerIds);
        expect(new Set(tellers)).toEqual(component);
      }
    }
  });

  it('3 tellers with 10 listeners each, probability 1, reach exactly 30 at hop 1', () => {
    const network = stars(3, 10);
    const r = independentCascade(network, { probability: 1, tellers: ['0', '11', '22'] }, 1);
    expect(r.byHop).toEqual([3, 30]);
    expect(r.reached).toBe(33);
  });

  it('a path reached hop by hop', () => {
    const network = fromPairs(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    const r = independentCascade(network, { probability: 1, tellers: ['0'] }, 1);
    expect(r.byHop).toEqual([1, 1, 1, 1, 1]);
    expect(r.maxHop).toBe(4);
    expect(r.arcsExamined).toBe(8);
  });
});

describe('determinism', () => {
  const network = erdosRenyiGnm({ size: 5000, edges: 10_000, seed: 9 });
  const run = (seed: number | string) =>
    runReplicatesSync(new IndependentCascadeKernel(network, { probability: 0.4, tellers: { count: 3 } }), {
      seed,
      replicates: 50,
      samples: true,
    }).samples!.reached!;

  it('the same seed gives identical results', () => {
    expect(Array.from(run(42))).toEqual(Array.from(run(42)));
  });

  it('another seed gives different results', () => {
    expect(Array.from(run(42))).not.toEqual(Array.from(run(43)));
  });

  it('replicate i depends only on (seed, i): ranges and chunks agree', () => {
    const kernel = new IndependentCascadeKernel(network, { probability: 0.4, tellers: { count: 3 } });
    const whole = runReplicatesSync(kernel, { seed: 7, replicates: 30, samples: true }).samples!.reached!;
    const tail = runReplicatesSync(kernel, { seed: 7, replicates: { from: 10, to: 30 }, samples: true }).samples!.reached!;
    expect(Array.from(tail)).toEqual(Array.from(whole.subarray(10)));
  });
});
