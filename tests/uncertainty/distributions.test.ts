// Parameter distributions: each family and form against closed-form moments (sample mean
// and variance within Z = 4 standard errors, SE from the fourth central moment — see
// tests/random/statistics.ts), support respected, densities that integrate to 1 or hit
// known values, quantiles that invert the distribution function, every invalid spec
// refused naming its field, support-fit rules, determinism. References are written here,
// independently of src/: densities from their textbook formulas, Φ from the regularized
// incomplete gamma function of the test helpers.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  InvalidParameterError,
  compileDistribution,
  createRng,
  distributionSchema,
  distributionSupport,
  logBeta,
  logGamma,
  standardNormalCdf,
  standardNormalQuantile,
  supportFits,
} from '../../src/index.js';
import type { Distribution, DistributionSpec } from '../../src/index.js';
import { continuousChiSquare, drawMany, expectFit, expectInvalid, expectMoments, logGammaHalfInteger, normalCdf } from '../random/statistics.js';
import type { MomentReference } from '../random/statistics.js';

/** Draws per moment check: SE of a variance about 0.3% of it for light tails. */
const N = 200_000;

/** Simpson's rule on [a, b] with n (even) intervals. */
function integrate(f: (x: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/** Mass, mean, variance and fourth central moment of a density on [a, b], by quadrature. */
function quadratureMoments(density: (x: number) => number, a: number, b: number): MomentReference & { mass: number } {
  const mass = integrate(density, a, b);
  const mean = integrate((x) => x * density(x), a, b) / mass;
  const variance = integrate((x) => (x - mean) ** 2 * density(x), a, b) / mass;
  const mu4 = integrate((x) => (x - mean) ** 4 * density(x), a, b) / mass;
  return { mass, mean, variance, mu4 };
}

const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** Closed-form moments of each family (Johnson, Kotz & Balakrishnan, Continuous Univariate Distributions). */
const reference = {
  beta(a: number, b: number): MomentReference {
    const s = a + b;
    const mean = a / s;
    const variance = (a * b) / (s * s * (s + 1));
    const excess = (6 * ((a - b) ** 2 * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3));
    return { mean, variance, mu4: (excess + 3) * variance * variance };
  },
  gamma(k: number, theta: number): MomentReference {
    const variance = k * theta * theta;
    return { mean: k * theta, variance, mu4: (3 + 6 / k) * variance * variance };
  },
  lognormal(mu: number, sigma: number): MomentReference {
    const s2 = sigma * sigma;
    const variance = Math.expm1(s2) * Math.exp(2 * mu + s2);
    const excess = Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6;
    return { mean: Math.exp(mu + s2 / 2), variance, mu4: (excess + 3) * variance * variance };
  },
  normal(mean: number, sd: number): MomentReference {
    return { mean, variance: sd * sd, mu4: 3 * sd ** 4 };
  },
  truncatedNormal(mean: number, sd: number, low: number, high: number): MomentReference {
    const lo = Math.max(low, mean - 40 * sd);
    const hi = Math.min(high, mean + 40 * sd);
    return quadratureMoments((x) => phi((x - mean) / sd) / sd, lo, hi);
  },
  uniform(a: number, b: number): MomentReference {
    const variance = (b - a) ** 2 / 12;
    return { mean: (a + b) / 2, variance, mu4: (b - a) ** 4 / 80 };
  },
  triangular(a: number, c: number, b: number): MomentReference {
    const variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    return { mean: (a + b + c) / 3, variance, mu4: 2.4 * variance * variance }; // excess kurtosis −3/5
  },
  pert(a: number, m: number, b: number): MomentReference {
    const beta = reference.beta(1 + (4 * (m - a)) / (b - a), 1 + (4 * (b - m)) / (b - a));
    const w = b - a;
    return { mean: a + w * beta.mean, variance: w * w * beta.variance, mu4: w ** 4 * beta.mu4 };
  },
  discrete(values: number[], weights: number[]): MomentReference {
    const total = weights.reduce((s, w) => s + w, 0);
    const mean = values.reduce((s, v, i) => s + (v * weights[i]!) / total, 0);
    const variance = values.reduce((s, v, i) => s + ((v - mean) ** 2 * weights[i]!) / total, 0);
    const mu4 = values.reduce((s, v, i) => s + ((v - mean) ** 4 * weights[i]!) / total, 0);
    return { mean, variance, mu4 };
  },
};

/** Every form of every family, with its closed-form (or quadrature) moments. */
const CASES: Array<{ label: string; spec: DistributionSpec; ref: MomentReference }> = [
  // beta from mean/sd: α = m(m(1−m)/s² − 1) = 0.3·20 = 6, β = 0.7·20 = 14
  { label: 'beta mean/sd', spec: { dist: 'beta', mean: 0.3, sd: 0.1 }, ref: reference.beta(6, 14) },
  { label: 'beta alpha/beta', spec: { dist: 'beta', alpha: 2, beta: 5 }, ref: reference.beta(2, 5) },
  { label: 'beta with shapes below 1', spec: { dist: 'beta', alpha: 0.5, beta: 0.3 }, ref: reference.beta(0.5, 0.3) },
  // gamma from mean/sd: shape = 600²/200² = 9, scale = 200²/600
  { label: 'gamma mean/sd', spec: { dist: 'gamma', mean: 600, sd: 200 }, ref: reference.gamma(9, 200 ** 2 / 600) },
  { label: 'gamma shape/scale below 1', spec: { dist: 'gamma', shape: 0.5, scale: 2 }, ref: reference.gamma(0.5, 2) },
  // lognormal from mean/sd: σ² = log(1 + 16/64), μ = log 8 − σ²/2
  { label: 'lognormal mean/sd', spec: { dist: 'lognormal', mean: 8, sd: 4 }, ref: reference.lognormal(Math.log(8) - Math.log(1.25) / 2, Math.sqrt(Math.log(1.25))) },
  { label: 'lognormal mu/sigma', spec: { dist: 'lognormal', mu: 1, sigma: 0.5 }, ref: reference.lognormal(1, 0.5) },
  { label: 'normal', spec: { dist: 'normal', mean: 5, sd: 2 }, ref: reference.normal(5, 2) },
  { label: 'normal truncated to [0, 1]', spec: { dist: 'normal', mean: 0.3, sd: 0.2, low: 0, high: 1 }, ref: reference.truncatedNormal(0.3, 0.2, 0, 1) },
  { label: 'normal truncated far in its upper tail', spec: { dist: 'normal', mean: 0, sd: 1, low: 3 }, ref: reference.truncatedNormal(0, 1, 3, Infinity) },
  { label: 'normal truncated below', spec: { dist: 'normal', mean: 10, sd: 5, low: 0 }, ref: reference.truncatedNormal(10, 5, 0, Infinity) },
  { label: 'normal truncated above', spec: { dist: 'normal', mean: -1, sd: 2, high: 0 }, ref: reference.truncatedNormal(-1, 2, -Infinity, 0) },
  { label: 'uniform', spec: { dist: 'uniform', low: 2, high: 5 }, ref: reference.uniform(2, 5) },
  { label: 'triangular', spec: { dist: 'triangular', low: 0, mode: 1, high: 4 }, ref: reference.triangular(0, 1, 4) },
  { label: 'triangular with the mode at low', spec: { dist: 'triangular', low: 0, mode: 0, high: 1 }, ref: reference.triangular(0, 0, 1) },
  { label: 'pert', spec: { dist: 'pert', low: 100, mode: 200, high: 500, source: '[A] workshop estimate' }, ref: reference.pert(100, 200, 500) },
  { label: 'discrete with weights', spec: { dist: 'discrete', values: [5, 1, 2], weights: [1, 1, 2] }, ref: reference.discrete([5, 1, 2], [1, 1, 2]) },
  { label: 'discrete, equal weights', spec: { dist: 'discrete', values: [0, 10, 4] }, ref: reference.discrete([0, 10, 4], [1, 1, 1]) },
];

describe('the special functions', () => {
  /**
   * Φ(x) for x ≤ −√3 as ½·Q(½, x²/2), the upper regularized gamma function by its
   * continued fraction (modified Lentz; Numerical Recipes, 3rd ed., §6.2), which keeps
   * full relative precision however small Φ is.
   */
  function lowerTail(x: number): number {
    const a = 0.5;
    const y = (x * x) / 2;
    const tiny = 1e-300;
    let b = y + 1 - a;
    let c = 1 / tiny;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i < 10_000; i++) {
      const an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < tiny) d = tiny;
      c = b + an / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      const delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    return 0.5 * Math.exp(-y + a * Math.log(y) - 0.5 * Math.log(Math.PI)) * h;
  }

  it('Φ matches independent references to double precision in the lower tail', () => {
    for (let x = -37.5; x <= 0; x += 0.173) {
      // Above −√3, Φ > 0.04 and the series reference (absolute error ~1e-16) suffices.
      const ref = x < -Math.sqrt(3) ? lowerTail(x) : normalCdf(x);
      // The reference computes e^(−x²/2) in one piece, so its own relative error grows as x²·ε.
      expect(Math.abs(standardNormalCdf(x) - ref) / ref, `Φ(${x})`).toBeLessThan(2e-14 + 4e-16 * x * x);
      // The upper tail by symmetry: 1 − Φ(−x) to 1e-16 absolute.
      expect(Math.abs(standardNormalCdf(-x) - (1 - ref)), `Φ(${-x})`).toBeLessThan(2e-16);
    }
    // Published values: Φ(−1) = 0.158655253931457051…, Φ(−10) = 7.61985302416052606e-24.
    expect(standardNormalCdf(-1)).toBeCloseTo(0.15865525393145705, 16);
    expect(standardNormalCdf(-10) / 7.61985302416052606e-24).toBeCloseTo(1, 13);
  });

  it('Φ⁻¹ inverts Φ and hits published quantiles', () => {
    for (const p of [1e-300, 1e-20, 1e-10, 0.001, 0.02, 0.075, 0.3, 0.5, 0.7, 0.925, 0.99, 1 - 1e-10]) {
      const x = standardNormalQuantile(p);
      const back = standardNormalCdf(x);
      expect(Math.abs(back - p) / Math.min(p, 1 - p), `Φ(Φ⁻¹(${p}))`).toBeLessThan(1e-6 + (p < 0.5 ? 1e-13 : 1e-15 / (1 - p)));
    }
    // Φ⁻¹(0.975) = 1.959963984540054; Φ⁻¹(1e-10) = −6.361340902404056 (R qnorm).
    expect(standardNormalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(standardNormalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 13);
    expect(standardNormalQuantile(0)).toBe(-Infinity);
    expect(standardNormalQuantile(1)).toBe(Infinity);
    expectInvalid(() => standardNormalQuantile(1.5), 'p');
  });

  it('log Γ is exact at half-integers and matches Γ(1/3)', () => {
    for (const a of [0.5, 1, 1.5, 2, 3.5, 10, 20.5, 100, 171.5]) {
      expect(Math.abs(logGamma(a) - logGammaHalfInteger(a)), `logΓ(${a})`).toBeLessThan(1e-13 * Math.max(1, Math.abs(logGammaHalfInteger(a))));
    }
    // Γ(1/3) = 2.678938534707747633… (Abramowitz & Stegun 6.1.10).
    expect(logGamma(1 / 3)).toBeCloseTo(Math.log(2.678938534707747633), 14);
    // B(2, 3) = 1/12.
    expect(logBeta(2, 3)).toBeCloseTo(-Math.log(12), 14);
    expectInvalid(() => logGamma(0), 'x');
  });
});

describe('sampling matches each distribution', () => {
  it.each(CASES)('$label: mean and variance within 4 standard errors, draws inside the support', ({ label, spec, ref }) => {
    const d = compileDistribution(spec, label);
    // The compiled moments are the distribution's, to rounding.
    expect(Math.abs(d.mean - ref.mean) / Math.max(1, Math.abs(ref.mean))).toBeLessThan(1e-9);
    expect(Math.abs(d.variance - ref.variance) / ref.variance).toBeLessThan(1e-8);
    const rng = createRng(`moments/${label}`);
    const xs = drawMany(N, () => d.sample(rng));
    expectMoments(xs, ref, label);
    let low = Infinity;
    let high = -Infinity;
    for (const x of xs) {
      low = Math.min(low, x);
      high = Math.max(high, x);
    }
    expect(low).toBeGreaterThanOrEqual(d.support.low);
    expect(high).toBeLessThanOrEqual(d.support.high);
    expect(Number.isFinite(low) && Number.isFinite(high)).toBe(true);
  });

  it('a truncated normal has the truncated distribution, not only its moments (chi-square, 50 bins)', () => {
    for (const [mean, sd, low, high] of [
      [0.3, 0.2, 0, 1],
      [0, 1, 3, Infinity],
      [0, 1, -Infinity, -4],
      [2, 1, -1, 0],
    ] as const) {
      const d = compileDistribution({ dist: 'normal', mean, sd, ...(low === -Infinity ? {} : { low }), ...(high === Infinity ? {} : { high }) });
      const a = low === -Infinity ? 0 : normalCdf((low - mean) / sd);
      const z = normalCdf((high - mean) / sd) - a;
      // In the far tail the lower-tail form keeps precision: P(X ≤ x | X ≥ 3) = (Q(3) − Q(x))/Q(3).
      const cdf = low > mean
        ? (x: number) => (normalCdf(-(low - mean) / sd) - normalCdf(-(x - mean) / sd)) / normalCdf(-(low - mean) / sd)
        : (x: number) => (normalCdf((x - mean) / sd) - a) / z;
      const rng = createRng(`truncated/${low}/${high}`);
      const xs = drawMany(100_000, () => d.sample(rng));
      expectFit(continuousChiSquare(xs, cdf, 50, Math.max(low, mean - 12 * sd), Math.min(high, mean + 12 * sd)), `normal(${mean}, ${sd}) on [${low}, ${high}]`);
    }
  });

  it('tiny beta shapes give draws near 0 and 1, never NaN', () => {
    const d = compileDistribution({ dist: 'beta', alpha: 0.001, beta: 0.001 });
    const rng = createRng(9);
    let nearZero = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = d.sample(rng);
      expect(x >= 0 && x <= 1).toBe(true);
      if (x < 0.5) nearZero++;
    }
    // Beta(ε, ε) puts half its mass near each end: 5000 ± 4·50.
    expect(Math.abs(nearZero - 5000)).toBeLessThan(200);
  });

  it('the same seed gives the same draws; another seed, others', () => {
    for (const { spec } of CASES) {
      const d = compileDistribution(spec);
      const a = createRng('same');
      const b = createRng('same');
      const c = createRng('other');
      const xa = drawMany(50, () => d.sample(a));
      expect(Array.from(xa)).toEqual(Array.from(drawMany(50, () => d.sample(b))));
      expect(Array.from(xa)).not.toEqual(Array.from(drawMany(50, () => d.sample(c))));
    }
  });

  it('keeps its own copy of the spec: editing the user object changes nothing', () => {
    const spec = { dist: 'discrete' as const, values: [1, 2, 3], weights: [1, 1, 1] };
    const d = compileDistribution(spec);
    spec.values[0] = 100;
    spec.weights[0] = 0;
    expect(d.mean).toBe(2);
    expect((d.spec as { values: readonly number[] }).values).toEqual([1, 2, 3]);
    expect(Object.isFrozen(d.spec) && Object.isFrozen(d.support)).toBe(true);
  });
});

describe('densities', () => {
  /** ∫ exp(logDensity) over the support (or 1e-12 … 1 − 1e-12 quantiles of an unbounded one). */
  const totalMass = (d: Distribution, lo: number, hi: number) => integrate((x) => Math.exp(d.logDensity(x)), lo, hi, 200_000);

  it.each([
    [{ dist: 'beta', mean: 0.3, sd: 0.1 }, 0, 1],
    [{ dist: 'beta', alpha: 2, beta: 5 }, 0, 1],
    [{ dist: 'gamma', mean: 600, sd: 200 }, 0, 600 + 40 * 200],
    [{ dist: 'gamma', shape: 1, scale: 3 }, 0, 200],
    [{ dist: 'lognormal', mu: 1, sigma: 0.5 }, 0, Math.exp(1 + 0.5 * 9)],
    [{ dist: 'normal', mean: 5, sd: 2 }, 5 - 20, 5 + 20],
    [{ dist: 'normal', mean: 0.3, sd: 0.2, low: 0, high: 1 }, 0, 1],
    [{ dist: 'normal', mean: 0, sd: 1, low: 3 }, 3, 30],
    [{ dist: 'uniform', low: 2, high: 5 }, 2, 5],
    [{ dist: 'triangular', low: 0, mode: 1, high: 4 }, 0, 4],
    [{ dist: 'pert', low: 100, mode: 200, high: 500 }, 100, 500],
  ] as Array<[DistributionSpec, number, number]>)('%o integrates to 1', (spec, lo, hi) => {
    // Simpson's error on these smooth integrands (kinks only at the triangle's mode, on a node) is far below 1e-6.
    expect(totalMass(compileDistribution(spec), lo, hi)).toBeCloseTo(1, 6);
  });

  it('hits known values, including at poles and outside the support', () => {
    // Beta(2, 3) at 0.5: x(1 − x)²/B(2, 3) = 0.5 · 0.25 · 12 = 1.5.
    expect(compileDistribution({ dist: 'beta', alpha: 2, beta: 3 }).logDensity(0.5)).toBeCloseTo(Math.log(1.5), 14);
    // Beta(½, ½) (arcsine) at ½: 1/(π·√(¼)) = 2/π; infinite at its ends.
    const arcsine = compileDistribution({ dist: 'beta', alpha: 0.5, beta: 0.5 });
    expect(arcsine.logDensity(0.5)).toBeCloseTo(Math.log(2 / Math.PI), 14);
    expect(arcsine.logDensity(0)).toBe(Infinity);
    expect(arcsine.logDensity(1.1)).toBe(-Infinity);
    // Beta(1, 1) is uniform, also at its ends (0·log 0 = 0).
    expect(compileDistribution({ dist: 'beta', alpha: 1, beta: 1 }).logDensity(0)).toBe(0);
    // Gamma(½, 2) at 1: x^(−½)e^(−½)/(Γ(½)·√2).
    expect(compileDistribution({ dist: 'gamma', shape: 0.5, scale: 2 }).logDensity(1)).toBeCloseTo(-0.5 - 0.5 * Math.log(Math.PI) - 0.5 * Math.log(2), 14);
    expect(compileDistribution({ dist: 'gamma', shape: 2, scale: 3 }).logDensity(-1)).toBe(-Infinity);
    // Lognormal(0, 1) at 1: 1/√(2π).
    expect(compileDistribution({ dist: 'lognormal', mu: 0, sigma: 1 }).logDensity(1)).toBeCloseTo(-0.5 * Math.log(2 * Math.PI), 14);
    // Normal truncated to [0, ∞) at its mean 0: 2φ(0).
    expect(compileDistribution({ dist: 'normal', mean: 0, sd: 1, low: 0 }).logDensity(0)).toBeCloseTo(Math.log(2 * phi(0)), 14);
    expect(compileDistribution({ dist: 'normal', mean: 0, sd: 1, low: 0 }).logDensity(-0.1)).toBe(-Infinity);
    // Triangular(0, 1, 4) at its mode: 2/(4 − 0).
    expect(compileDistribution({ dist: 'triangular', low: 0, mode: 1, high: 4 }).logDensity(1)).toBeCloseTo(Math.log(0.5), 14);
    // Discrete: the log probability of a value, −∞ for anything else.
    const d = compileDistribution({ dist: 'discrete', values: [5, 1, 2], weights: [1, 1, 2] });
    expect(d.logDensity(2)).toBeCloseTo(Math.log(0.5), 15);
    expect(d.logDensity(3)).toBe(-Infinity);
    expectInvalid(() => d.logDensity(Number.NaN), 'x');
  });
});

describe('quantiles', () => {
  it('invert the distribution function where a quantile is offered', () => {
    const normal = compileDistribution({ dist: 'normal', mean: 5, sd: 2 });
    expect(normal.quantile!(0.975)).toBeCloseTo(5 + 2 * 1.959963984540054, 13);
    const lognormal = compileDistribution({ dist: 'lognormal', mu: 1, sigma: 0.5 });
    expect(lognormal.quantile!(0.5)).toBeCloseTo(Math.E, 14);
    const truncated = compileDistribution({ dist: 'normal', mean: 0, sd: 1, low: 3 });
    // Median of Z | Z ≥ 3: Q(x) = Q(3)/2.
    const median = truncated.quantile!(0.5);
    expect(normalCdf(-median) / normalCdf(-3)).toBeCloseTo(0.5, 10);
    expect(truncated.quantile!(0)).toBe(3);
    expect(compileDistribution({ dist: 'uniform', low: 2, high: 5 }).quantile!(0.25)).toBe(2.75);
    // Triangular(0, 1, 4): F(1) = 1/4.
    expect(compileDistribution({ dist: 'triangular', low: 0, mode: 1, high: 4 }).quantile!(0.25)).toBeCloseTo(1, 14);
    const discrete = compileDistribution({ dist: 'discrete', values: [5, 1, 2], weights: [1, 1, 2] });
    expect([0, 0.25, 0.26, 0.75, 0.76, 1].map((p) => discrete.quantile!(p))).toEqual([1, 1, 2, 2, 5, 5]);
    expectInvalid(() => normal.quantile!(-0.1), 'p');
  });
});

describe('invalid specs are refused, naming the field', () => {
  const INVALID: Array<[unknown, string]> = [
    [null, 'share'],
    [[1, 2], 'share'],
    [{ dist: 'poisson', mean: 1 }, 'share.dist'],
    [{ mean: 1 }, 'share.dist'],
    [{ dist: 'beta', mean: 1.2, sd: 0.1 }, 'share.mean'],
    [{ dist: 'beta', mean: 0, sd: 0.1 }, 'share.mean'],
    [{ dist: 'beta', mean: 0.5, sd: 0 }, 'share.sd'],
    [{ dist: 'beta', mean: 0.5, sd: 0.6 }, 'share.sd'],
    [{ dist: 'beta', mean: '0.5', sd: 0.1 }, 'share.mean'],
    [{ dist: 'beta', mean: Number.NaN, sd: 0.1 }, 'share.mean'],
    [{ dist: 'beta', mean: 0.5 }, 'share.sd'],
    [{ dist: 'beta' }, 'share.mean'],
    [{ dist: 'beta', alpha: 0, beta: 1 }, 'share.alpha'],
    [{ dist: 'beta', alpha: 1, beta: -1 }, 'share.beta'],
    [{ dist: 'beta', mean: 0.5, sd: 0.1, alpha: 2 }, 'share.alpha'],
    [{ dist: 'beta', mean: 0.5, sd: 0.1, sdd: 1 }, 'share.sdd'],
    [{ dist: 'beta', mean: 0.5, sd: 0.1, source: 5 }, 'share.source'],
    [{ dist: 'gamma', mean: 0, sd: 1 }, 'share.mean'],
    [{ dist: 'gamma', mean: 1, sd: -1 }, 'share.sd'],
    [{ dist: 'gamma', shape: 0, scale: 1 }, 'share.shape'],
    [{ dist: 'gamma', shape: 1, scale: Infinity }, 'share.scale'],
    [{ dist: 'gamma', shape: 1, scale: 1e200 }, 'share.scale'],
    [{ dist: 'gamma', mean: 1, shape: 1 }, 'share.shape'],
    [{ dist: 'lognormal', mean: -1, sd: 1 }, 'share.mean'],
    [{ dist: 'lognormal', mu: 0, sigma: 0 }, 'share.sigma'],
    [{ dist: 'lognormal', mu: 400, sigma: 1 }, 'share.sigma'],
    [{ dist: 'normal', mean: 0, sd: 0 }, 'share.sd'],
    [{ dist: 'normal', mean: 0, sd: 1, low: 1, high: 0 }, 'share.high'],
    [{ dist: 'normal', mean: 0, sd: 1, low: 1, high: 1 }, 'share.high'],
    [{ dist: 'normal', mean: 100, sd: 1, low: 0, high: 1 }, 'share.high'],
    [{ dist: 'normal', mean: -100, sd: 1, low: 0 }, 'share.low'],
    [{ dist: 'normal', mean: 0, sd: 1, low: -Infinity }, 'share.low'],
    [{ dist: 'normal', mean: 0, sd: 1, shape: 2 }, 'share.shape'],
    [{ dist: 'uniform', low: 1, high: 1 }, 'share.high'],
    [{ dist: 'uniform', low: 1 }, 'share.high'],
    [{ dist: 'triangular', low: 0, mode: 2, high: 1 }, 'share.mode'],
    [{ dist: 'triangular', low: 1, mode: 1, high: 0 }, 'share.high'],
    [{ dist: 'pert', low: 0, mode: -1, high: 1 }, 'share.mode'],
    [{ dist: 'pert', low: 0, high: 1 }, 'share.mode'],
    [{ dist: 'discrete', values: [] }, 'share.values'],
    [{ dist: 'discrete', values: 'abc' }, 'share.values'],
    [{ dist: 'discrete', values: [1, Number.NaN] }, 'share.values[1]'],
    [{ dist: 'discrete', values: [1, 1] }, 'share.values[1]'],
    [{ dist: 'discrete', values: [1, 2], weights: [1] }, 'share.weights'],
    [{ dist: 'discrete', values: [1, 2], weights: [1, -1] }, 'share.weights[1]'],
    [{ dist: 'discrete', values: [1, 2], weights: [0, 0] }, 'share.weights'],
  ];

  it.each(INVALID)('%o → %s', (spec, field) => {
    expectInvalid(() => compileDistribution(spec as DistributionSpec, 'share'), field);
  });

  it('says what a beta needs in words a user can act on', () => {
    expect(() => compileDistribution({ dist: 'beta', mean: 0.5, sd: 0.6 }, 'field')).toThrow(
      new InvalidParameterError('field.sd', 'sd² < mean(1 − mean) = 0.25 for a beta', 0.6),
    );
    expect(() => compileDistribution({ dist: 'beta', mean: 0.5, sd: 0.6 }, 'field')).toThrow('field.sd: expected sd² < mean(1 − mean) = 0.25 for a beta, received 0.6');
  });

  it('the zod schema reports the same problems with their paths, every one of them', () => {
    const result = distributionSchema.safeParse({ dist: 'discrete', values: [1, 1, 'a'], weights: [1] }, { reportInput: true });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => ({ path: i.path, message: i.message, input: (i as { input?: unknown }).input }));
    expect(issues).toEqual([
      { path: ['values', 1], message: 'expected a value not listed before (values[0] is 1)', input: 1 },
      { path: ['values', 2], message: 'expected a finite number', input: 'a' },
      { path: ['weights'], message: 'expected a list of 3 weights, one per value', input: [1] },
    ]);
    for (const [spec, field] of INVALID) {
      const r = distributionSchema.safeParse(spec);
      expect(r.success, JSON.stringify(spec)).toBe(false);
      const path = r.error!.issues[0]!.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      expect(`share${path}`).toBe(field);
    }
  });

  it('the zod schema accepts every valid form and its JSON Schema agrees', () => {
    const schema = z.toJSONSchema(distributionSchema, { target: 'draft-2020-12' });
    const validate = new Ajv2020({ strict: false }).compile(schema);
    for (const { spec } of CASES) {
      expect(distributionSchema.parse(spec)).toEqual(spec);
      expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ dist: 'beta', mean: 0.5, sd: 0.1, sdd: 1 })).toBe(false);
    expect(validate({ dist: 'gamma', mean: 1 })).toBe(false);
  });
});

describe('support', () => {
  it('is the closed interval the draws lie in', () => {
    expect(distributionSupport({ dist: 'beta', mean: 0.4, sd: 0.1 })).toEqual({ low: 0, high: 1 });
    expect(distributionSupport({ dist: 'gamma', shape: 2, scale: 1 })).toEqual({ low: 0, high: Infinity });
    expect(distributionSupport({ dist: 'normal', mean: 0, sd: 1 })).toEqual({ low: -Infinity, high: Infinity });
    expect(distributionSupport({ dist: 'normal', mean: 0, sd: 1, low: -1 })).toEqual({ low: -1, high: Infinity });
    expect(distributionSupport({ dist: 'pert', low: 1, mode: 2, high: 9 })).toEqual({ low: 1, high: 9 });
    expect(distributionSupport({ dist: 'discrete', values: [7, 3, 5], weights: [0, 1, 1] })).toEqual({ low: 3, high: 5 });
    expectInvalid(() => distributionSupport({ dist: 'uniform', low: 1, high: 0 }, 'x'), 'x.high');
  });

  const probability = { min: 0, max: 1 };
  const positive = { min: 0, max: Infinity, minExclusive: true };
  const count = { min: 0, max: Infinity, integer: true };

  it('accepts distributions that stay in the parameter range', () => {
    const fits: Array<[DistributionSpec, Parameters<typeof supportFits>[1]]> = [
      [{ dist: 'beta', mean: 0.3, sd: 0.1 }, probability],
      [{ dist: 'normal', mean: 0.3, sd: 0.1, low: 0, high: 1 }, probability],
      [{ dist: 'uniform', low: 0, high: 1 }, probability],
      [{ dist: 'gamma', mean: 600, sd: 200 }, { min: 0, max: Infinity }],
      [{ dist: 'gamma', shape: 0.5, scale: 1 }, positive], // reaches 0 by underflow with probability < 1e-160
      [{ dist: 'lognormal', mean: 4, sd: 3 }, positive],
      [{ dist: 'uniform', low: 0, high: 2 }, positive], // a draw is exactly 0 once in 2^53
      [{ dist: 'beta', alpha: 2, beta: 2 }, { min: 0, max: 1, maxExclusive: true }],
      [{ dist: 'discrete', values: [0, 1, 2], weights: [0, 1, 1] }, positive],
      [{ dist: 'discrete', values: [1, 2, 3] }, count],
    ];
    for (const [spec, range] of fits) expect(() => supportFits(spec, range, 'p'), JSON.stringify(spec)).not.toThrow();
    // A compiled distribution is accepted as well as its spec.
    expect(() => supportFits(compileDistribution({ dist: 'beta', alpha: 2, beta: 3 }), probability, 'p')).not.toThrow();
  });

  it('refuses distributions that could leave it, naming the field', () => {
    const refused: Array<[DistributionSpec, Parameters<typeof supportFits>[1]]> = [
      [{ dist: 'normal', mean: 0.3, sd: 0.1 }, probability], // must be truncated
      [{ dist: 'normal', mean: 0.3, sd: 0.1, low: -0.1, high: 1 }, probability],
      [{ dist: 'gamma', mean: 0.5, sd: 0.1 }, { min: 0, max: 1 }], // a gamma on a parameter ≤ 1
      [{ dist: 'lognormal', mu: 0, sigma: 1 }, { min: -Infinity, max: 10 }],
      [{ dist: 'uniform', low: -1, high: 1 }, { min: 0, max: Infinity }],
      [{ dist: 'gamma', shape: 0.01, scale: 1 }, positive], // underflows to 0 about once in 1,700 draws
      [{ dist: 'beta', alpha: 2, beta: 0.3 }, { min: 0, max: 1, maxExclusive: true }], // rounds to 1
      [{ dist: 'discrete', values: [0, 1], weights: [1, 3] }, positive],
      [{ dist: 'uniform', low: 1, high: 3 }, count],
      [{ dist: 'discrete', values: [1, 2.5] }, count],
      [{ dist: 'discrete', values: [-1, 2] }, count],
    ];
    for (const [spec, range] of refused) expectInvalid(() => supportFits(spec, range, 'p'), 'p');
    expect(() => supportFits({ dist: 'normal', mean: 0.3, sd: 0.1 }, probability, 'share')).toThrow('truncate the normal with low and high');
    // An invalid spec is reported with its own field first.
    expectInvalid(() => supportFits({ dist: 'beta', mean: 2, sd: 0.1 }, probability, 'share'), 'share.mean');
  });
});
