import { describe, expect, it } from 'vitest';
import { chiSquaredDistributionTable } from 'simple-statistics';
import {
  audienceSize,
  bernoulli,
  binomial,
  createRng,
  drawBinomial,
  drawPoisson,
  gamma,
  geometric,
  logFactorial,
  poisson,
  sampleIndices,
  standardNormal,
  uniformInt,
  weightedChoice,
} from '../../src/index.js';
import type { Rng } from '../../src/index.js';
import {
  ALPHA,
  chiSquareCritical,
  continuousChiSquare,
  discreteChiSquare,
  drawMany,
  expectFit,
  expectInvalid,
  expectMoments,
  normalCdf,
  pmfMoments,
  pmfs,
  regularizedGammaP,
} from './statistics.js';
import type { MomentReference } from './statistics.js';

/** Draws per statistical check: enough for ~1% precision on a variance, fast enough. */
const N = 200_000;

/** Expects two moment references to agree (closed form against pmf sums). */
function expectSameMoments(a: MomentReference, b: MomentReference): void {
  expect(Math.abs(a.mean - b.mean) / Math.max(1, Math.abs(b.mean))).toBeLessThan(1e-9);
  expect(Math.abs(a.variance - b.variance) / b.variance).toBeLessThan(1e-9);
  expect(Math.abs(a.mu4 - b.mu4) / b.mu4).toBeLessThan(1e-9);
}

/** An independent copy of Floyd's algorithm (Bentley & Floyd, CACM 30(9), 1987). */
function floydReference(rng: Rng, k: number, n: number): number[] {
  const chosen: number[] = [];
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(rng.next() * (j + 1));
    chosen.push(chosen.includes(t) ? j : t);
  }
  return chosen;
}

describe('reference statistics used by these tests', () => {
  it('chi-square critical values match published tables', () => {
    // Upper-tail 0.001 critical values, NIST/SEMATECH e-Handbook of Statistical Methods,
    // §1.3.6.7.4 "Critical Values of the Chi-Square Distribution".
    expect(chiSquareCritical(1, 0.001)).toBeCloseTo(10.828, 3);
    expect(chiSquareCritical(10, 0.001)).toBeCloseTo(29.588, 3);
    expect(chiSquareCritical(20, 0.001)).toBeCloseTo(45.315, 3);
    expect(chiSquareCritical(100, 0.001)).toBeCloseTo(149.449, 3);
    // simple-statistics' table (Hines & Montgomery 1980, two decimals), upper tails 0.01
    // and 0.005, df 1–30.
    const table = chiSquaredDistributionTable as unknown as Record<number, Record<string, number>>;
    for (let df = 1; df <= 30; df++) {
      expect(Math.abs(chiSquareCritical(df, 0.01) - table[df]!['0.01']!)).toBeLessThan(0.006);
      expect(Math.abs(chiSquareCritical(df, 0.005) - table[df]!['0.005']!)).toBeLessThan(0.006);
    }
  });

  it('the normal and gamma distribution functions hit known values', () => {
    // Φ(1.959963984540054) = 0.975; Φ(−1) = 0.15865525393145707 (both to double precision).
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    // Gamma(1) is Exponential(1): P(1, x) = 1 − e^−x.
    for (const x of [0.1, 1, 5, 30]) expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 13);
  });
});

describe('bernoulli', () => {
  it('has mean p and variance pq (μ4 = pq(1 − 3pq))', () => {
    const rng = createRng('bernoulli');
    for (const p of [0.3, 0.02]) {
      const q = 1 - p;
      const draw = bernoulli(p);
      const xs = drawMany(N, () => (draw(rng) ? 1 : 0));
      expectMoments(xs, { mean: p, variance: p * q, mu4: p * q * (1 - 3 * p * q) }, `bernoulli(${p})`);
    }
  });

  it('never passes at 0, always at 1', () => {
    const rng = createRng('bernoulli-edges');
    const never = bernoulli(0);
    const always = bernoulli(1);
    for (let i = 0; i < 10_000; i++) {
      expect(never(rng)).toBe(false);
      expect(always(rng)).toBe(true);
    }
  });

  it('rejects probabilities outside [0, 1]', () => {
    for (const bad of [-0.1, 1.1, Number.NaN, Infinity, '0.5']) expectInvalid(() => bernoulli(bad as never), 'probability');
  });
});

describe('uniformInt', () => {
  it('is uniform on [0, n): moments ((n² − 1)/12, μ4 = (n² − 1)(3n² − 7)/240) and chi-square', () => {
    const rng = createRng('uniform-int');
    for (const n of [10, 97]) {
      const draw = uniformInt(n);
      const xs = drawMany(N, () => draw(rng));
      const pmf = new Float64Array(n).fill(1 / n);
      const ref = { mean: (n - 1) / 2, variance: (n * n - 1) / 12, mu4: ((n * n - 1) * (3 * n * n - 7)) / 240 };
      expectSameMoments(ref, pmfMoments(pmf));
      expectMoments(xs, ref, `uniformInt(${n})`);
      expectFit(discreteChiSquare(xs, pmf), `uniformInt(${n})`);
    }
  });

  it('covers the whole range up to n = 2^32', () => {
    const rng = createRng('uniform-int-wide');
    const draw = uniformInt(2 ** 32);
    const one = uniformInt(1);
    for (let i = 0; i < 10_000; i++) {
      const x = draw(rng);
      expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
      expect(one(rng)).toBe(0);
    }
  });

  it('rejects n that is not an integer in [1, 2^32]', () => {
    for (const bad of [0, -1, 1.5, 2 ** 32 + 1, Number.NaN, Infinity]) expectInvalid(() => uniformInt(bad), 'n');
  });
});

describe('geometric', () => {
  it('counts failures before a success: mean q/p, variance q/p², μ4 = σ⁴(9 + p²/q), exact pmf', () => {
    const rng = createRng('geometric');
    for (const p of [0.2, 0.01, 0.9]) {
      const q = 1 - p;
      const variance = q / (p * p);
      // Excess kurtosis of the geometric distribution: 6 + p²/q (Johnson, Kemp & Kotz,
      // Univariate Discrete Distributions, 3rd ed., §5.2).
      const ref = { mean: q / p, variance, mu4: variance * variance * (9 + (p * p) / q) };
      const pmf = pmfs.geometric(p, Math.ceil(Math.log(1e-18) / Math.log(q)));
      expectSameMoments(ref, pmfMoments(pmf));
      const draw = geometric(p);
      const xs = drawMany(N, () => draw(rng));
      expectMoments(xs, ref, `geometric(${p})`);
      expectFit(discreteChiSquare(xs, pmf), `geometric(${p})`);
    }
  });

  it('is always 0 at p = 1', () => {
    const draw = geometric(1);
    const rng = createRng(1);
    for (let i = 0; i < 100; i++) expect(draw(rng)).toBe(0);
  });

  it('rejects p outside (0, 1]', () => {
    for (const bad of [0, -0.5, 1.5, Number.NaN, Infinity]) expectInvalid(() => geometric(bad), 'probability');
  });
});

describe('standardNormal', () => {
  it('has mean 0, variance 1 (μ4 = 3) and fits Φ in 50 equiprobable bins', () => {
    const rng = createRng('normal');
    const xs = drawMany(N, () => standardNormal(rng));
    expectMoments(xs, { mean: 0, variance: 1, mu4: 3 }, 'standardNormal');
    expectFit(continuousChiSquare(xs, normalCdf, 50, -10, 10), 'standardNormal');
  });
});

describe('gamma', () => {
  it('has mean kθ, variance kθ² (μ4 = 3k(k + 2)θ⁴) and fits P(k, x/θ), on both paths (k < 1, k ≥ 1)', () => {
    const rng = createRng('gamma');
    for (const [k, theta] of [
      [0.5, 2],
      [1, 1],
      [2.5, 0.4],
      [30, 3],
    ] as const) {
      const draw = gamma(k, theta);
      const xs = drawMany(N, () => draw(rng));
      // Excess kurtosis 6/k: μ4 = (kθ²)²(3 + 6/k) = 3k(k + 2)θ⁴.
      expectMoments(xs, { mean: k * theta, variance: k * theta * theta, mu4: 3 * k * (k + 2) * theta ** 4 }, `gamma(${k}, ${theta})`);
      const cdf = (x: number) => regularizedGammaP(k, x / theta);
      expectFit(continuousChiSquare(xs, cdf, 50, 0, theta * (k + 40 * Math.sqrt(k) + 50)), `gamma(${k}, ${theta})`);
      for (let i = 0; i < xs.length; i++) if (!(xs[i]! > 0)) throw new Error(`gamma(${k}) drew ${xs[i]}`);
    }
  });

  it('defaults the scale to 1', () => {
    const a = createRng(5);
    const b = createRng(5);
    expect(drawMany(100, () => gamma(2)(a))).toEqual(drawMany(100, () => gamma(2, 1)(b)));
  });

  it('rejects shapes and scales that are not finite and > 0', () => {
    for (const bad of [0, -1, Number.NaN, Infinity]) {
      expectInvalid(() => gamma(bad), 'shape');
      expectInvalid(() => gamma(1, bad), 'scale');
    }
  });
});

describe('poisson', () => {
  // Mean λ, variance λ, fourth central moment λ(1 + 3λ).
  const cases: Array<[number, number]> = [
    [0.2, N],
    [3, N], // Knuth's product of uniforms
    [29.9, N / 2], // Knuth at its largest λ (≈ 31 uniforms per draw)
    [30, N], // PTRS at its smallest λ
    [50, N],
    [1000, N],
  ];
  for (const [lambda, n] of cases) {
    it(`Poisson(${lambda}): moments and chi-square against the exact pmf`, () => {
      const rng = createRng(`poisson-${lambda}`);
      const ref = { mean: lambda, variance: lambda, mu4: lambda * (1 + 3 * lambda) };
      const pmf = pmfs.poisson(lambda, Math.ceil(lambda + 20 * Math.sqrt(lambda) + 30));
      expectSameMoments(ref, pmfMoments(pmf));
      const draw = poisson(lambda);
      const xs = drawMany(n, () => draw(rng));
      expectMoments(xs, ref, `poisson(${lambda})`);
      expectFit(discreteChiSquare(xs, pmf), `poisson(${lambda})`);
    });
  }

  it('drawPoisson gives the same draws as poisson(λ) on the same stream; λ = 0 gives 0', () => {
    for (const lambda of [0, 3, 50]) {
      const a = createRng(11);
      const b = createRng(11);
      const draw = poisson(lambda);
      for (let i = 0; i < 1000; i++) expect(drawPoisson(b, lambda)).toBe(draw(a));
    }
    expect(poisson(0)(createRng(1))).toBe(0);
  });

  it('rejects a mean that is not finite and ≥ 0', () => {
    for (const bad of [-1, -1e-9, Number.NaN, Infinity]) expectInvalid(() => poisson(bad), 'mean');
  });
});

describe('binomial', () => {
  // Mean np, variance npq, fourth central moment npq(1 + 3(n − 2)pq).
  const cases: Array<[number, number, string]> = [
    [20, 0.3, 'geometric skips, np = 6'],
    [1000, 0.005, 'geometric skips, np = 5'],
    [30, 0.7, 'n − Binomial(30, 0.3) by skips'],
    [100, 0.1, 'BTRS at np = 10'],
    [1000, 0.02, 'BTRS, np = 20'],
    [1000, 0.4, 'BTRS, np = 400'],
    [1000, 0.9, 'n − BTRS(1000, 0.1)'],
    [1000, 0.5, 'BTRS at p = 0.5'],
  ];
  for (const [n, p, path] of cases) {
    it(`Binomial(${n}, ${p}) (${path}): moments and chi-square against the exact pmf`, () => {
      const rng = createRng(`binomial-${n}-${p}`);
      const q = 1 - p;
      const ref = { mean: n * p, variance: n * p * q, mu4: n * p * q * (1 + 3 * (n - 2) * p * q) };
      const pmf = pmfs.binomial(n, p);
      expectSameMoments(ref, pmfMoments(pmf));
      const draw = binomial(n, p);
      const xs = drawMany(N, () => draw(rng));
      expectMoments(xs, ref, `binomial(${n}, ${p})`);
      expectFit(discreteChiSquare(xs, pmf), `binomial(${n}, ${p})`);
      for (let i = 0; i < xs.length; i++) if (xs[i]! > n) throw new Error(`binomial(${n}, ${p}) drew ${xs[i]}`);
    });
  }

  it('handles the degenerate cases exactly', () => {
    const rng = createRng('binomial-edges');
    for (let i = 0; i < 100; i++) {
      expect(binomial(0, 0.5)(rng)).toBe(0);
      expect(binomial(50, 0)(rng)).toBe(0);
      expect(binomial(50, 1)(rng)).toBe(50);
      expect(drawBinomial(rng, 7, 1)).toBe(7);
    }
  });

  it('drawBinomial gives the same draws as binomial(n, p) on the same stream', () => {
    for (const [n, p] of [
      [20, 0.3],
      [1000, 0.4],
      [1000, 0.9],
    ] as const) {
      const a = createRng(12);
      const b = createRng(12);
      const draw = binomial(n, p);
      for (let i = 0; i < 1000; i++) expect(drawBinomial(b, n, p)).toBe(draw(a));
    }
  });

  it('rejects bad trials and probabilities, naming each', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity]) expectInvalid(() => binomial(bad, 0.5), 'trials');
    for (const bad of [-0.1, 1.5, Number.NaN]) expectInvalid(() => binomial(10, bad), 'probability');
  });
});

describe('logFactorial', () => {
  /** log of a positive BigInt to double precision: top 60 bits, plus the shift times ln 2. */
  function logBigInt(x: bigint): number {
    const bits = x.toString(16).length * 4;
    const shift = Math.max(0, bits - 60);
    return Math.log(Number(x >> BigInt(shift))) + shift * Math.LN2;
  }

  it('equals log(k!) computed from the exact integer k!, for k = 0..1500 (table and Stirling)', () => {
    let factorial = 1n;
    for (let k = 0; k <= 1500; k++) {
      if (k > 0) factorial *= BigInt(k);
      const exact = logBigInt(factorial);
      expect(Math.abs(logFactorial(k) - exact), `k = ${k}`).toBeLessThanOrEqual(1e-14 * Math.max(1, exact));
    }
  });

  it('equals the compensated sum of log i for large k', () => {
    for (const k of [5000, 100_000, 1_000_000]) {
      // Kahan summation of log 1 + … + log k.
      let sum = 0;
      let carry = 0;
      for (let i = 2; i <= k; i++) {
        const y = Math.log(i) - carry;
        const t = sum + y;
        carry = t - sum - y;
        sum = t;
      }
      expect(Math.abs(logFactorial(k) - sum) / sum, `k = ${k}`).toBeLessThan(1e-14);
    }
  });

  it('steps by log k across the table boundary', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    for (const k of [254, 255, 256, 257]) expect(logFactorial(k) - logFactorial(k - 1)).toBeCloseTo(Math.log(k), 11);
  });

  it('rejects k that is not an integer ≥ 0', () => {
    for (const bad of [-1, 1.5, 300.5, Number.NaN, Infinity, -Infinity]) expectInvalid(() => logFactorial(bad), 'k');
  });
});

describe('sampleIndices', () => {
  it('draws k distinct indices in [0, n), on both the scan (k ≤ 64) and the Set (k > 64) paths', () => {
    const rng = createRng('sample-indices');
    for (const [k, n] of [
      [0, 0],
      [0, 10],
      [1, 1],
      [5, 5],
      [64, 64],
      [64, 1000],
      [65, 65],
      [65, 66],
      [300, 100_000],
      [1000, 1000],
    ] as const) {
      for (let trial = 0; trial < 20; trial++) {
        const out = sampleIndices(rng, k, n);
        expect(out.length).toBe(k);
        const seen = new Set<number>();
        for (const x of out) {
          expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
          seen.add(x);
        }
        expect(seen.size).toBe(k);
      }
    }
  });

  it("is Floyd's algorithm draw for draw, on both paths", () => {
    for (const [k, n] of [
      [10, 50],
      [64, 100],
      [65, 100],
      [500, 2000],
    ] as const) {
      const a = createRng(`floyd-${k}`);
      const b = createRng(`floyd-${k}`);
      for (let trial = 0; trial < 20; trial++) expect(Array.from(sampleIndices(a, k, n))).toEqual(floydReference(b, k, n));
    }
  });

  it('draws every 3-subset of 7 equally often (chi-square over the 35 subsets)', () => {
    const rng = createRng('subsets');
    const draws = 70_000;
    const codeOf = new Map<number, number>();
    for (let mask = 0; mask < 128; mask++) {
      let bits = 0;
      for (let b = 0; b < 7; b++) bits += (mask >> b) & 1;
      if (bits === 3) codeOf.set(mask, codeOf.size);
    }
    expect(codeOf.size).toBe(35);
    const xs = new Float64Array(draws);
    const out = new Int32Array(3);
    for (let i = 0; i < draws; i++) {
      sampleIndices(rng, 3, 7, out);
      xs[i] = codeOf.get((1 << out[0]!) | (1 << out[1]!) | (1 << out[2]!))!;
    }
    expectFit(discreteChiSquare(xs, new Float64Array(35).fill(1 / 35)), 'subsets of 7');
  });

  it('includes each index with probability k/n, on both paths', () => {
    // Over T draws, index i is included O_i times with E = Tk/n. The indicators of one
    // draw have covariance (k(n − k)/n²)·(n/(n − 1))·(I − J/n), so
    // S = Σ(O_i − E)² / (T k (n − k) / (n (n − 1))) is chi-square with n − 1 df.
    const rng = createRng('inclusion');
    for (const [k, n, draws] of [
      [10, 1000, 20_000],
      [64, 100, 5000],
      [65, 100, 5000],
      [100, 150, 5000],
    ] as const) {
      const counts = new Float64Array(n);
      const out = new Int32Array(k);
      for (let t = 0; t < draws; t++) {
        sampleIndices(rng, k, n, out);
        for (let j = 0; j < k; j++) counts[out[j]!]! += 1;
      }
      const expected = (draws * k) / n;
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (counts[i]! - expected) ** 2;
      const statistic = ss / ((draws * k * (n - k)) / (n * (n - 1)));
      expectFit({ statistic, df: n - 1, critical: chiSquareCritical(n - 1, ALPHA) }, `inclusion k = ${k}, n = ${n}`);
    }
  });

  it('writes into a given buffer without allocating a new one', () => {
    const out = new Int32Array(10).fill(-1);
    const result = sampleIndices(createRng(3), 4, 20, out);
    expect(result).toBe(out);
    expect(Array.from(out.subarray(4))).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(Array.from(out.subarray(0, 4))).toEqual(Array.from(sampleIndices(createRng(3), 4, 20)));
  });

  it('rejects bad k, n and buffers, naming each', () => {
    const rng = createRng(1);
    expectInvalid(() => sampleIndices(rng, 6, 5), 'k');
    expectInvalid(() => sampleIndices(rng, -1, 5), 'k');
    expectInvalid(() => sampleIndices(rng, 1.5, 5), 'k');
    expectInvalid(() => sampleIndices(rng, Number.NaN, 5), 'k');
    expectInvalid(() => sampleIndices(rng, 0, -1), 'n');
    expectInvalid(() => sampleIndices(rng, 1, 2.5), 'n');
    expectInvalid(() => sampleIndices(rng, 1, 2 ** 31), 'n');
    expectInvalid(() => sampleIndices(rng, 3, 10, new Int32Array(2)), 'out');
  });
});

describe('weightedChoice', () => {
  function pmfOf(weights: number[]): Float64Array {
    const total = weights.reduce((s, w) => s + w, 0);
    return Float64Array.from(weights, (w) => w / total);
  }

  it('draws index i with probability w_i / Σw: moments from the pmf and chi-square', () => {
    const rng = createRng('weighted');
    const seeder = createRng('weights');
    const many = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? 0 : seeder.next() * (i % 3 === 0 ? 10 : 1)));
    for (const weights of [[1, 0, 3, 6, 0.5, 2.5], [2, 1], many]) {
      const pmf = pmfOf(weights);
      const draw = weightedChoice(weights);
      const xs = drawMany(N, () => draw(rng));
      expectMoments(xs, pmfMoments(pmf), `weightedChoice(${weights.length})`);
      // discreteChiSquare also fails if a zero-weight index is ever drawn.
      expectFit(discreteChiSquare(xs, pmf), `weightedChoice(${weights.length})`);
    }
  });

  it('handles weights near the limits of floating point', () => {
    const rng = createRng('weighted-extremes');
    for (const weights of [
      [1e308, 1e308, 5e307], // the plain sum overflows to Infinity
      [5e-324, 1e-323, 0], // subnormal
      [1e-300, 1, 1e300, 5e299], // 600 orders of magnitude apart: only the last two are drawn
    ]) {
      const draw = weightedChoice(weights);
      const xs = drawMany(N / 4, () => draw(rng));
      expectFit(discreteChiSquare(xs, pmfOf(weights.map((w) => w / Math.max(...weights)))), `weightedChoice([${weights}])`);
    }
    const one = weightedChoice([3]);
    expect(one(rng)).toBe(0);
  });

  it('rejects empty, negative, non-finite and all-zero weights, naming the entry', () => {
    expectInvalid(() => weightedChoice([]), 'weights');
    expectInvalid(() => weightedChoice([0, 0]), 'weights');
    expectInvalid(() => weightedChoice([1, -1]), 'weights[1]');
    expectInvalid(() => weightedChoice([1, 2, Number.NaN]), 'weights[2]');
    expectInvalid(() => weightedChoice([Infinity, 1]), 'weights[0]');
    expectInvalid(() => weightedChoice([1, '2' as never]), 'weights[1]');
  });
});

describe('audienceSize', () => {
  // Negative binomial with mean m and dispersion r: variance σ² = m + m²/r; excess
  // kurtosis 6/r + r/(m(m + r)) (Johnson, Kemp & Kotz, §5.1, with p = r/(r + m)), so
  // μ4 = σ⁴(3 + 6/r + r/(m(m + r))).
  const cases: Array<[number, number]> = [
    [4, 0.8],
    [12, 2],
    [0.5, 0.3],
    [40, 100], // gamma–Poisson with λ mostly ≥ 30: the PTRS path
    [4, 1e6], // r → ∞: nearly Poisson(4)
  ];
  for (const [m, r] of cases) {
    it(`mean ${m}, dispersion ${r}: moments and chi-square against the exact pmf`, () => {
      const rng = createRng(`audience-${m}-${r}`);
      const variance = m + (m * m) / r;
      const ref = { mean: m, variance, mu4: variance * variance * (3 + 6 / r + r / (m * (m + r))) };
      const pmf = pmfs.negativeBinomial(m, r, Math.ceil(m + 80 * Math.sqrt(variance) + 100));
      expectSameMoments(ref, pmfMoments(pmf));
      const draw = audienceSize({ mean: m, dispersion: r });
      const xs = drawMany(N, () => draw(rng));
      expectMoments(xs, ref, `audienceSize(${m}, ${r})`);
      expectFit(discreteChiSquare(xs, pmf), `audienceSize(${m}, ${r})`);
    });
  }

  it('is 0 when the mean is 0', () => {
    const draw = audienceSize({ mean: 0, dispersion: 1 });
    expect(draw(createRng(1))).toBe(0);
  });

  it('rejects a bad mean or dispersion, naming the option', () => {
    for (const bad of [-1, Number.NaN, Infinity]) expectInvalid(() => audienceSize({ mean: bad, dispersion: 1 }), 'audienceSize.mean');
    for (const bad of [0, -1, Number.NaN, Infinity]) {
      expectInvalid(() => audienceSize({ mean: 4, dispersion: bad }), 'audienceSize.dispersion');
    }
  });
});

describe('determinism', () => {
  it('every sampler gives the same draws for the same seed and different draws for another', () => {
    const samplers: Array<[string, (rng: Rng) => number]> = [
      ['bernoulli', (rng) => (bernoulli(0.4)(rng) ? 1 : 0)],
      ['uniformInt', uniformInt(1000)],
      ['geometric', geometric(0.1)],
      ['standardNormal', standardNormal],
      ['gamma', gamma(0.7, 2)],
      ['poisson small', poisson(3)],
      ['poisson large', poisson(80)],
      ['binomial small', binomial(20, 0.3)],
      ['binomial large', binomial(1000, 0.4)],
      ['weightedChoice', weightedChoice([1, 2, 3, 4])],
      ['audienceSize', audienceSize({ mean: 4, dispersion: 0.8 })],
      ['sampleIndices', (rng) => sampleIndices(rng, 100, 1000).reduce((h, x) => (h * 31 + x) % 1_000_003, 0)],
    ];
    for (const [name, draw] of samplers) {
      const a = createRng('same');
      const b = createRng('same');
      const c = createRng('other');
      const xa = drawMany(200, () => draw(a));
      expect(drawMany(200, () => draw(b)), name).toEqual(xa);
      expect(drawMany(200, () => draw(c)), name).not.toEqual(xa);
    }
  });
});
