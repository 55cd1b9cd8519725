// The value of information against closed forms (DECISION.md; Raiffa & Schlaifer 1961) and
// against "oracle" estimates that know the true conditional expectation, so that each
// tolerance can be split into the part the draws explain (their Monte Carlo error) and
// the part the regression explains (its reported standard error). Z = 4 standard errors
// throughout: two-sided P(|Z| > 4) ≈ 6e-5, and every test is seeded.
import { describe, expect, it } from 'vitest';
import {
  acceptabilityCurve,
  compileDistribution,
  createRng,
  evpi,
  evppi,
  netBenefitAt,
  probabilityBest,
  standardNormalCdf,
} from '../../src/index.js';
import type { Rng } from '../../src/index.js';
import { expectInvalid } from '../random/statistics.js';

const Z = 4;
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const standardNormal = compileDistribution({ dist: 'normal', mean: 0, sd: 1 });
const uniform01 = compileDistribution({ dist: 'uniform', low: 0, high: 1 });

function normals(rng: Rng, n: number, mean = 0, sd = 1): Float64Array {
  return Float64Array.from({ length: n }, () => mean + sd * standardNormal.sample(rng));
}

/** E[max(0, X)] and E[max(0, X)²] for X ~ N(μ, σ²). */
function positivePart(mu: number, sigma: number): { mean: number; meanSquare: number } {
  const t = mu / sigma;
  return {
    mean: sigma * phi(t) + mu * standardNormalCdf(t),
    meanSquare: (mu * mu + sigma * sigma) * standardNormalCdf(t) + mu * sigma * phi(t),
  };
}

/**
 * The EVPPI the regression estimates when it knows E[NB_k − NB_0 | φ] exactly (`truth`,
 * one series per strategy after the first): mean_j max(0, g_kj) − mean_j g_(best)j, the
 * best chosen by the data's means as the estimator does.
 */
function oracle(truth: readonly ArrayLike<number>[], netBenefit: readonly ArrayLike<number>[]): number {
  const n = netBenefit[0]!.length;
  const meanOf = (row: ArrayLike<number>) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += row[j]!;
    return s / n;
  };
  let best = -1;
  let bestMean = 0;
  for (let k = 1; k < netBenefit.length; k++) {
    const m = meanOf(netBenefit[k]!) - meanOf(netBenefit[0]!);
    if (m > bestMean) {
      bestMean = m;
      best = k - 1;
    }
  }
  let sum = 0;
  for (let j = 0; j < n; j++) {
    let max = 0;
    for (const g of truth) max = Math.max(max, g[j]!);
    sum += max - (best === -1 ? 0 : truth[best]![j]!);
  }
  return sum / n;
}

describe('evpi', () => {
  // Two strategies, NB_1 = 0, NB_2 = X ~ N(μ, σ²): EVPI = σφ(μ/σ) + μΦ(μ/σ) − max(0, μ).
  // The estimate is mean_j max(0, X_j) − max(0, X̄). For μ ≠ 0 here |μ|√N/σ ≥ 150, so the
  // sign of X̄ is that of μ and the estimate is exactly a mean of iid terms D_j (max(0, X_j)
  // for μ < 0, max(0, −X_j) for μ > 0) whose standard error `se` reports; the tolerance is
  // Z·se. For μ = 0 the term max(0, X̄) adds at most |X̄| < Z·σ/√N (max is 1-Lipschitz).
  const N = 1_000_000;
  const sigma = 2;
  it.each([-sigma, -0.3 * sigma, 0, 0.3 * sigma, sigma])('matches the closed form for μ = %d, σ = 2', (mu) => {
    const rng = createRng(`evpi/${mu}`);
    const x = normals(rng, N, mu, sigma);
    const result = evpi([new Float64Array(N), x]);
    const truth = positivePart(mu, sigma).mean - Math.max(0, mu);
    const tolerance = Z * result.se + (mu === 0 ? (Z * sigma) / Math.sqrt(N) : 0);
    expect(Math.abs(result.value - truth), `EVPI ${result.value} vs ${truth} ± ${tolerance}`).toBeLessThan(tolerance);
    // The reported se is sd(D)/√N: D is max(0, X) or max(0, −X) (the same law as max(0, X) with −μ).
    const d = positivePart(mu > 0 ? -mu : mu, sigma);
    const sdD = Math.sqrt(d.meanSquare - d.mean * d.mean);
    // A sample sd's relative standard error is below 0.1% at this N (kurtosis < 10): 1% is Z-safe.
    if (mu !== 0) expect(Math.abs(result.se * Math.sqrt(N) - sdD) / sdD).toBeLessThan(0.01);
    if (mu !== 0) expect(result.best).toBe(mu > 0 ? 1 : 0); // at μ = 0 the sign of X̄ decides
    expect(result.draws).toBe(N);
  });

  it('the textbook special values: μ = 0 gives σ/√(2π); μ = ±σ gives 0.0833σ', () => {
    expect(positivePart(0, 1).mean).toBeCloseTo(0.3989, 4);
    expect(positivePart(1, 1).mean - 1).toBeCloseTo(0.0833, 4);
    expect(positivePart(-1, 1).mean).toBeCloseTo(0.0833, 4);
  });

  it('computes a small case exactly', () => {
    // Means 0 and 1: decide for strategy 1; perfect information gains 2 and 1 in draws 0 and 1.
    const result = evpi([
      [0, 0, 0, 0],
      [-2, -1, 1, 6],
    ]);
    expect(result.value).toBe(0.75);
    expect(result.best).toBe(1);
    expect(result.means).toEqual([0, 1]);
    // D = (2, 1, 0, 0): sd = √(11/12 · 4/3 …) — exactly √(((2−.75)² + (1−.75)² + 2·.75²)/3)/2.
    expect(result.se).toBeCloseTo(Math.sqrt((1.25 ** 2 + 0.25 ** 2 + 2 * 0.75 ** 2) / 3) / 2, 15);
  });

  it('is 0 for one strategy, for identical strategies and for a strategy best in every draw', () => {
    expect(evpi([[1, 2, 3]]).value).toBe(0);
    expect(evpi([[1, 2, 3], [1, 2, 3]]).value).toBe(0);
    expect(evpi([[1, 2, 3], [2, 3, 4], [0, 0, 0]]).value).toBe(0);
  });

  it('is never negative, whatever the rounding', () => {
    const rng = createRng('evpi/sign');
    for (let t = 0; t < 200; t++) {
      const k = 1 + (t % 4);
      const n = 1 + (t % 7);
      const rows = Array.from({ length: k }, () => Array.from({ length: n }, () => Math.round((rng.next() - 0.5) * 10) / 10 + 1e15 * (t % 2)));
      const result = evpi(rows);
      expect(result.value).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(result.se)).toBe(true);
    }
  });

  it('refuses malformed net benefit, naming the field', () => {
    expectInvalid(() => evpi([]), 'netBenefit');
    expectInvalid(() => evpi('x' as never), 'netBenefit');
    expectInvalid(() => evpi([[]]), 'netBenefit[0]');
    expectInvalid(() => evpi([[1, 2], [1]]), 'netBenefit[1]');
    expectInvalid(() => evpi([[1, Number.NaN]]), 'netBenefit[0][1]');
    expectInvalid(() => evpi([[1, 2], 'ab' as never]), 'netBenefit[1]');
  });
});

describe('probabilityBest', () => {
  it('counts draws, splitting ties equally', () => {
    // Draw 0: strategy 0; draw 1: tie (½ each); draws 2, 3: strategy 1.
    expect(probabilityBest([[1, 1, 0, 0], [0, 1, 2, 3]])).toEqual([0.375, 0.625]);
    expect(probabilityBest([[5], [5], [5]])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(probabilityBest([[1, 2]])).toEqual([1]);
  });

  it('sums to 1', () => {
    const rng = createRng('best/sum');
    for (let t = 0; t < 50; t++) {
      const k = 2 + (t % 5);
      const rows = Array.from({ length: k }, () => Array.from({ length: 97 }, () => Math.floor(rng.next() * 3)));
      const p = probabilityBest(rows);
      expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
      for (const x of p) expect(x >= 0 && x <= 1).toBe(true);
    }
  });
});

describe('the acceptability curve', () => {
  const parts = {
    money: [
      [200, 200, 200],
      [0, 0, 0],
      [-100, 50, 0],
    ],
    lost: [
      [1, 0.5, 2],
      [0.2, 0.2, 0.5],
      [0, 0, 0],
    ],
  };

  it('favours the strategy keeping the most money at a valuation of 0, the one losing fewest at a high one', () => {
    const rows = acceptabilityCurve(parts, [0, 1e6]);
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.lossValue === 0).map((r) => r.probabilityBest)).toEqual(probabilityBest(parts.money));
    expect(rows.filter((r) => r.lossValue === 0).map((r) => r.probabilityBest)).toEqual([1, 0, 0]);
    // At λ = 1e6 strategy 2 loses nobody and wins every draw.
    expect(rows.filter((r) => r.lossValue === 1e6).map((r) => r.probabilityBest)).toEqual([0, 0, 1]);
  });

  it('is the probability best of the net benefit at each valuation, with its mean', () => {
    const values = [0, 50, 100, 150, 200, 400];
    const rows = acceptabilityCurve(parts, values);
    for (const lambda of values) {
      const nb = netBenefitAt(parts, lambda);
      const at = rows.filter((r) => r.lossValue === lambda);
      expect(at.map((r) => r.strategy)).toEqual([0, 1, 2]);
      expect(at.map((r) => r.probabilityBest)).toEqual(probabilityBest(nb));
      expect(at.map((r) => r.expectedNetBenefit)).toEqual(evpi(nb).means.map((m) => expect.closeTo(m, 10)));
    }
    // λ = 100: NB_0 = (100, 150, 0), NB_1 = (−20, −20, −50), NB_2 = (−100, 50, 0): strategy 0
    // wins draws 0 and 1 and ties strategy 2 in draw 2.
    expect(rows.filter((r) => r.lossValue === 100).map((r) => r.probabilityBest)).toEqual([2.5 / 3, 0, 0.5 / 3]);
  });

  it('refuses malformed parts and valuations', () => {
    expectInvalid(() => acceptabilityCurve({ money: parts.money, lost: parts.lost.slice(1) }, [0]), 'parts.lost');
    expectInvalid(() => acceptabilityCurve({ money: parts.money, lost: [[1], [1], [1]] }, [0]), 'parts.lost[0]');
    expectInvalid(() => acceptabilityCurve(parts, []), 'lossValues');
    expectInvalid(() => acceptabilityCurve(parts, [0, Number.NaN]), 'lossValues[1]');
    expectInvalid(() => netBenefitAt(parts, Infinity), 'lossValue');
    expectInvalid(() => acceptabilityCurve(null as never, [0]), 'parts');
  });
});

describe('evppi', () => {
  it('matches the closed form when the net benefit is a parameter plus independent noise', () => {
    // NB_1 = 0, NB_2 = μ + X + Y with X, Y ~ N(0, 1): E[NB_2 | X] = μ + X, so
    // EVPPI(X) = φ(μ) + μΦ(μ) − max(0, μ). The estimate errs by the draws' Monte Carlo
    // error (sd(D)/√N with D = max(0, −μ − X), since μ > 0 is identified: μ√N = 32) plus
    // the regression's, reported as se; the tolerance combines them.
    const n = 4000;
    const mu = 0.5;
    const rng = createRng('evppi/closed-form');
    const x = normals(rng, n);
    const y = normals(rng, n);
    const nb2 = Float64Array.from(x, (v, j) => mu + v + y[j]!);
    const result = evppi(x, [new Float64Array(n), nb2]);
    const truth = positivePart(mu, 1).mean - mu;
    const d = positivePart(-mu, 1);
    const mc = Math.sqrt(d.meanSquare - d.mean * d.mean) / Math.sqrt(n);
    const tolerance = Z * Math.hypot(result.se, mc);
    expect(Math.abs(result.value - truth), `EVPPI ${result.value} vs ${truth} ± ${tolerance}`).toBeLessThan(tolerance);
    expect(result.method).toBe('spline');
    // Against the oracle that knows E[NB_2 | X], only the regression's error remains.
    expect(Math.abs(result.value - oracle([Float64Array.from(x, (v) => mu + v)], [new Float64Array(n), nb2]))).toBeLessThan(Z * result.se);
  });

  it('is about 0 for a parameter the net benefit does not depend on', () => {
    // μ = 0, the case where the upward bias of max over noisy fits is largest.
    const n = 2000;
    const rng = createRng('evppi/unrelated');
    const nb2 = normals(rng, n);
    const unrelated = normals(rng, n, 10, 3);
    const result = evppi(unrelated, [new Float64Array(n), nb2]);
    expect(result.value).toBeGreaterThanOrEqual(0);
    expect(result.value, `${result.value} ± ${result.se}`).toBeLessThan(Z * result.se);
    expect(result.value).toBeLessThan(0.02 * result.evpi);
  });

  it('equals the EVPI for the only parameter driving the net benefit', () => {
    // Three strategies, each a smooth function of θ alone: knowing θ is perfect information.
    const n = 1000;
    const rng = createRng('evppi/only');
    const theta = Float64Array.from({ length: n }, () => uniform01.sample(rng));
    const nb = [Float64Array.from(theta, (t) => 100 * (t * t - 0.3)), Float64Array.from(theta, (t) => 50 * Math.sin(3 * t) - 25), new Float64Array(n)];
    const result = evppi(theta, nb);
    expect(result.evpi).toBeGreaterThan(5);
    expect(Math.abs(result.value - result.evpi), `${result.value} vs ${result.evpi} ± ${result.se}`).toBeLessThan(Z * result.se + 1e-9 * result.evpi);
  });

  it('keeps 0 ≤ EVPPI ≤ EVPI in every case, however degenerate', () => {
    const rng = createRng('evppi/bounds');
    for (let t = 0; t < 16; t++) {
      const n = [20, 50, 200, 1000][t % 4]!;
      const k = 2 + (t % 3);
      const dims = 1 + ((3 * t) % 4); // 1, 4, 3, 2 parameters with 20, 50, 200, 1000 draws
      const params = Array.from({ length: dims }, (_, d) =>
        t % 5 === 0 && d === 0
          ? Float64Array.from({ length: n }, () => Math.floor(rng.next() * 3)) // discrete
          : t % 7 === 0 && d === 0
            ? new Float64Array(n).fill(2) // constant
            : normals(rng, n),
      );
      const strength = [0, 0.3, 1, 100][(t + (t >> 2)) % 4]!;
      const noise = [1, 1, 0.1, 0][(t >> 2) % 4]!;
      const nb = Array.from({ length: k }, (_, s) =>
        Float64Array.from({ length: n }, (_, j) => strength * Math.sin(s + params[0]![j]!) * (dims > 1 ? params[dims - 1]![j]! : 1) + noise * standardNormal.sample(rng) + (t % 6 === 0 ? 10 * s : 0)),
      );
      const result = evppi(dims === 1 ? params[0]! : params, nb, { seSamples: 50 });
      const label = `case ${t}: n ${n}, k ${k}, dims ${dims}`;
      expect(result.value, label).toBeGreaterThanOrEqual(0);
      expect(result.value, label).toBeLessThanOrEqual(result.evpi);
      expect(result.regressionValue, label).toBeGreaterThanOrEqual(0);
      expect(result.evpi, label).toBe(evpi(nb).value);
      expect(Number.isFinite(result.se) && result.se >= 0, label).toBe(true);
    }
  });

  it('needs the group when parameters act together (tensor-product spline)', () => {
    // NB_2 = X1·X2 + noise with X1, X2 ~ N(0, 1): E[NB_2 | X1] = X1·E[X2] = 0, so each alone
    // is worth about nothing, while together they are worth E[max(0, X1X2)] − 0.
    const n = 2000;
    const rng = createRng('evppi/interaction');
    const x1 = normals(rng, n);
    const x2 = normals(rng, n);
    const nb2 = Float64Array.from(x1, (v, j) => v * x2[j]! + 0.3 * standardNormal.sample(rng));
    const nb = [new Float64Array(n), nb2];
    const together = evppi([x1, x2], nb);
    expect(together.method).toBe('tensor-spline');
    expect(Math.abs(together.value - oracle([Float64Array.from(x1, (v, j) => v * x2[j]!)], nb)), `${together.value} ± ${together.se}`).toBeLessThan(Z * together.se);
    for (const alone of [evppi(x1, nb), evppi(x2, nb)]) expect(alone.value).toBeLessThan(Z * alone.se + 0.05 * together.value);
  });

  it.each([3, 4])('estimates a group of %i parameters against the oracle', (dims) => {
    const n = 1000;
    const rng = createRng(`evppi/group/${dims}`);
    const xs = Array.from({ length: dims }, () => normals(rng, n));
    const signal = Float64Array.from({ length: n }, (_, j) => xs.reduce((s, x, d) => s + (d + 1) * 0.3 * x[j]!, 0.2));
    const nb = [new Float64Array(n), Float64Array.from(signal, (v) => v + 0.5 * standardNormal.sample(rng))];
    const result = evppi(xs, nb, { seSamples: 200 });
    expect(result.method).toBe('tensor-spline');
    expect(Math.abs(result.value - oracle([signal], nb)), `${result.value} ± ${result.se}`).toBeLessThan(Z * result.se);
  });

  it('follows a net benefit linear in a skewed parameter inside a group of four', () => {
    // A lognormal parameter entering linearly (through a product) must not bend the fit:
    // a basis on the parameters' ranks turned it into a steep curve, and the group's
    // regression estimate came out about 35% above the EVPI.
    const n = 1000;
    const rng = createRng('evppi/skewed-group');
    const draw = (spec: Parameters<typeof compileDistribution>[0]) => {
      const d = compileDistribution(spec);
      return Float64Array.from({ length: n }, () => d.sample(rng));
    };
    const [x0, x3, x5, x9] = [draw({ dist: 'beta', mean: 0.5, sd: 0.15 }), draw({ dist: 'lognormal', mean: 4, sd: 2 }), draw({ dist: 'pert', low: 0.1, mode: 0.2, high: 0.5 }), draw({ dist: 'beta', mean: 0.5, sd: 0.15 })];
    const g1 = Float64Array.from(x0, (v, j) => 4000 * (v - 0.5) ** 2 - 60 + 40 * x3[j]! * (x9[j]! - 0.25));
    const g2 = Float64Array.from(x5, (v) => 600 * (v - 0.25) - 25);
    const nb = [new Float64Array(n), Float64Array.from(g1, (v) => v + 5 * standardNormal.sample(rng)), Float64Array.from(g2, (v) => v + 5 * standardNormal.sample(rng))];
    const result = evppi([x0, x3, x5, x9], nb, { seSamples: 200 });
    expect(result.regressionValue).toBeLessThanOrEqual(result.evpi);
    expect(Math.abs(result.regressionValue - oracle([g1, g2], nb)), `${result.regressionValue} ± ${result.se}`).toBeLessThan(Z * result.se);
  });

  it('uses group means for a parameter with few values, and returns exactly 0 for a constant one', () => {
    const n = 900;
    const rng = createRng('evppi/discrete');
    const level = [-1, 0.2, 1.5];
    const theta = Float64Array.from({ length: n }, () => Math.floor(rng.next() * 3));
    const truth = Float64Array.from(theta, (t) => level[t]!);
    const nb = [new Float64Array(n), Float64Array.from(truth, (v) => v + standardNormal.sample(rng))];
    const result = evppi(theta, nb);
    expect(result.method).toBe('group-means');
    expect(Math.abs(result.value - oracle([truth], nb)), `${result.value} ± ${result.se}`).toBeLessThan(Z * result.se);
    const constant = evppi(new Float64Array(n).fill(7), nb);
    expect(constant).toMatchObject({ value: 0, se: 0, method: 'group-means' });
    // A constant member of a group is left out: the group is worth what the others are.
    const x = normals(rng, n);
    const nbx = [new Float64Array(n), Float64Array.from(x, (v) => v + standardNormal.sample(rng))];
    expect(evppi([new Float64Array(n).fill(7), x], nbx)).toEqual(evppi(x, nbx));
    // One strategy: nothing to choose, nothing to learn.
    expect(evppi(x, [nbx[1]!])).toMatchObject({ value: 0, se: 0, evpi: 0 });
  });

  it('reports a standard error of the size of the regression error', () => {
    // Over 40 independent PSA samples, the root mean square of (estimate − oracle) should
    // be close to the mean reported se: the rms of 40 values has a relative SE near
    // 1/√80 ≈ 11%, so the ratio is required within [0.6, 1.6] (about 4 SEs below, 5 above).
    const n = 1000;
    let sumSq = 0;
    let sumSe = 0;
    const reps = 40;
    for (let r = 0; r < reps; r++) {
      const rng = createRng(`evppi/se/${r}`);
      const x = normals(rng, n);
      const truth = Float64Array.from(x, (v) => 0.2 + Math.sin(2 * v));
      const nb = [new Float64Array(n), Float64Array.from(truth, (v) => v + 1.5 * standardNormal.sample(rng))];
      const result = evppi(x, nb, { seSamples: 200 });
      sumSq += (result.value - oracle([truth], nb)) ** 2;
      sumSe += result.se;
    }
    const ratio = Math.sqrt(sumSq / reps) / (sumSe / reps);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });

  it('does not depend on the unit or origin of a parameter', () => {
    // The basis is built on (x − min)/(max − min): kr or thousands of kr give the same EVPPI.
    const n = 500;
    const rng = createRng('evppi/units');
    const x = normals(rng, n);
    const nb = [new Float64Array(n), Float64Array.from(x, (v) => Math.sin(2 * v) + standardNormal.sample(rng))];
    const a = evppi(x, nb);
    const b = evppi(Float64Array.from(x, (v) => 1000 * v - 37), nb);
    // Equal up to the rounding of z, which moves REML's optimum within its search tolerance.
    expect(Math.abs(b.value - a.value) / a.value).toBeLessThan(1e-6);
    // The se is a Monte Carlo estimate (500 coefficient draws): rounding can turn the
    // eigenvectors of the unpenalised space, so the same draws land on other directions.
    // A sample sd from B = 500 draws has a relative SE of about 1/√(2B) = 3.2%: Z = 4 → 13%.
    expect(Math.abs(b.se - a.se) / a.se).toBeLessThan(0.13);
  });

  it('is reproducible: the seed moves only the standard error', () => {
    const n = 300;
    const rng = createRng('evppi/seed');
    const x = normals(rng, n);
    const nb = [new Float64Array(n), Float64Array.from(x, (v) => v + standardNormal.sample(rng)), normals(rng, n, 0.1)];
    const a = evppi(x, nb, { seed: 5 });
    expect(evppi(x, nb, { seed: 5 })).toEqual(a);
    const b = evppi(x, nb, { seed: 6 });
    expect(b.value).toBe(a.value);
    expect(b.se).not.toBe(a.se);
    expect(evppi(x, nb, { seSamples: 0 }).se).toBe(0);
    // Plain arrays and typed arrays give the same answer.
    expect(evppi(Array.from(x), nb.map((row) => Array.from(row)), { seed: 5 })).toEqual(a);
  });

  it('refuses malformed input, naming the field', () => {
    const n = 30;
    const x = Array.from({ length: n }, (_, j) => j);
    const nb = [new Array(n).fill(0), x];
    expectInvalid(() => evppi(x.slice(1), nb), 'parameterDraws');
    expectInvalid(() => evppi([x, x.slice(1)], nb), 'parameterDraws[1]');
    expectInvalid(() => evppi([...x.slice(0, 5), Number.NaN, ...x.slice(6)], nb), 'parameterDraws[5]');
    expectInvalid(() => evppi([x, x, x, x, x], nb), 'parameterDraws');
    expectInvalid(() => evppi(x.slice(0, 10), nb.map((row) => row.slice(0, 10))), 'netBenefit[0]');
    expectInvalid(() => evppi(x, [nb[0]!, nb[1]!.slice(1)]), 'netBenefit[1]');
    expectInvalid(() => evppi(x, nb, { seSamples: -1 }), 'options.seSamples');
    expectInvalid(() => evppi(x, nb, { samples: 10 } as never), 'options.samples');
    expectInvalid(() => evppi(x, nb, { seed: Number.NaN }), 'options.seed');
  });
});
