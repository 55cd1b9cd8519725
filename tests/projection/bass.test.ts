// The Bass check: adoption through marketing and word of mouth, simulated on a complete
// network in small time steps, follows Bass's closed form.
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, compileNetwork, type Network } from '../../src/index.js';
import { bassAdoption, simulateBass } from '../../src/projection/index.js';

/** The complete network on n people, built with typed arrays (2M ties at n = 2000). */
function completeNetwork(n: number): Network {
  const m = (n * (n - 1)) / 2;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      sources[k] = i;
      targets[k++] = j;
    }
  }
  return compileNetwork({ size: n, sources, targets }, { info: { source: 'test', parameters: {} } });
}

/**
 * Bass (1969), written here independently of src/:
 * F(t) = (1 − e^−(p+q)t) / (1 + (q/p)·e^−(p+q)t).
 * DOMAIN.md: p = 0.03, q = 0.38 (Sultan, Farley & Lehmann 1990 averages) give
 * F(5) = 0.3312, F(10) = 0.8128; F(1) = (1 − e^−0.41)/(1 + 12.667·e^−0.41) = 0.0357.
 */
function bass(t: number, p: number, q: number): number {
  const e = Math.exp(-(p + q) * t);
  return (1 - e) / (1 + (q / p) * e);
}

describe('the Bass curve', () => {
  it('matches the reference values of DOMAIN.md', () => {
    expect(bass(5, 0.03, 0.38)).toBeCloseTo(0.3312, 4);
    expect(bass(10, 0.03, 0.38)).toBeCloseTo(0.8128, 4);
    for (const t of [0, 0.5, 1, 5, 6.19, 10, 30]) expect(bassAdoption(t, 0.03, 0.38)).toBeCloseTo(bass(t, 0.03, 0.38), 12);
    expect(() => bassAdoption(1, 0, 0.38)).toThrow(InvalidParameterError);
  });
});

describe('simulateBass on a complete network', () => {
  const network = completeNetwork(2000);

  it('follows F(t) within ±0.02 at 1, 5 and 10 years (p = 0.03, q = 0.38, Δt = 1/50 year)', () => {
    // On the complete network a person's adopted share of neighbours is F (less their
    // own 1/(n − 1)), so the mean share is Bass's mean-field curve up to O(1/n) and the
    // O(Δt) lag of stepping; the replicate spread at t = 5 has sd ≈ 0.025, so with 40
    // replicates the mean's SE is ≈ 0.004 and 4 SE stay inside the ±0.02 asked for.
    const r = simulateBass(network, { innovation: 0.03, imitation: 0.38, years: 10, stepsPerYear: 50, seed: 'bass', replicates: 40 });
    expect(r.rows).toHaveLength(501);
    expect(r.rows[0]!.mean).toBe(0);
    for (const year of [1, 5, 10]) {
      const row = r.rows.find((x) => x.step === year * 50)!;
      expect(row.year).toBe(year);
      expect(Math.abs(row.mean - bass(year, 0.03, 0.38))).toBeLessThan(0.02);
      expect(row.p05).toBeLessThanOrEqual(row.p50);
      expect(row.p50).toBeLessThanOrEqual(row.p95);
    }
    // Adoption never goes back.
    for (let s = 1; s < r.rows.length; s++) expect(r.rows[s]!.mean).toBeGreaterThanOrEqual(r.rows[s - 1]!.mean);
  });

  it('is deterministic, and rejects bad options', () => {
    const small = completeNetwork(50);
    const a = simulateBass(small, { innovation: 0.1, imitation: 0.5, years: 2, stepsPerYear: 12, seed: 3, replicates: 5 });
    const b = simulateBass(small, { innovation: 0.1, imitation: 0.5, years: 2, stepsPerYear: 12, seed: 3, replicates: 5 });
    const c = simulateBass(small, { innovation: 0.1, imitation: 0.5, years: 2, stepsPerYear: 12, seed: 4, replicates: 5 });
    expect(a.rows).toEqual(b.rows);
    expect(a.rows).not.toEqual(c.rows);
    expect(() => simulateBass(small, { innovation: -0.1, imitation: 0.5, seed: 1, replicates: 2 })).toThrow(/options.innovation/);
    expect(() => simulateBass(small, { innovation: 0.1, imitation: 0.5, years: 1.01, stepsPerYear: 10, seed: 1, replicates: 2 })).toThrow(/whole number of steps/);
    expect(() => simulateBass(small, { innovation: 0.1, imitation: 0.5, seed: 1, replicates: 2, steps: 3 } as never)).toThrow(InvalidParameterError);
    expect(() => simulateBass({} as never, { innovation: 0.1, imitation: 0.5, seed: 1, replicates: 2 })).toThrow(/network/);
  });
});
