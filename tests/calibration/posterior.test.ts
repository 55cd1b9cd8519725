import { describe, expect, test } from 'vitest';
import {
  IDENTIFIED_SD_RATIO,
  InvalidParameterError,
  createRng,
  effectiveSampleSize,
  madScale,
  priorVsPosterior,
  resamplePosterior,
  summarizePosterior,
  weightedMean,
  weightedQuantile,
  weightedQuantiles,
  weightedVariance,
} from '../../src/index.js';
import { uniformPrior } from './priors.js';

describe('weighted statistics (exact small cases)', () => {
  test('equal weights give the ordinary mean, variance (divisor n) and type-1 quantiles', () => {
    const x = [4, 1, 3, 2];
    const w = [1, 1, 1, 1];
    expect(weightedMean(x, w)).toBe(2.5);
    expect(weightedVariance(x, w)).toBe(1.25); // ((1.5² + 0.5²)·2)/4
    // Type 1: the smallest x with F(x) ≥ q; F = 0.25, 0.5, 0.75, 1 at 1, 2, 3, 4.
    expect(weightedQuantiles(x, w, [0, 0.25, 0.26, 0.5, 0.75, 1])).toEqual([1, 1, 2, 2, 3, 4]);
    expect(effectiveSampleSize(w)).toBe(4);
  });

  test('weights count as repeated values; zero weights are skipped', () => {
    // x = 1 (weight 3), 5 (weight 1), 9 (weight 0) is the sample {1, 1, 1, 5}.
    const x = [9, 5, 1];
    const w = [0, 0.25, 0.75];
    expect(weightedMean(x, w)).toBe(2);
    expect(weightedVariance(x, w)).toBe(3); // (3·1 + 9)/4
    expect(weightedQuantile(x, w, 0.75)).toBe(1);
    expect(weightedQuantile(x, w, 0.76)).toBe(5);
    expect(weightedQuantile(x, w, 1)).toBe(5);
    expect(weightedQuantile(x, w, 0)).toBe(1);
    expect(effectiveSampleSize(w)).toBe(1 / (0.0625 + 0.5625)); // 1.6
  });
});

describe('madScale', () => {
  test('the median absolute deviation of each summary; the mean absolute deviation when the MAD is 0; 0 for a constant', () => {
    // Rows of three summaries: column 0 = 1, 2, 3, 4, 100 (median 3, deviations 2, 1, 0, 1, 97 → MAD 1);
    // column 1 = 0, 0, 0, 0, 5 (MAD 0 → mean absolute deviation 5/5 = 1); column 2 constant 7.
    const rows = [
      [1, 0, 7],
      [2, 0, 7],
      [3, 0, 7],
      [4, 0, 7],
      [100, 5, 7],
    ];
    expect([...madScale(rows.flat(), 5, 3)]).toEqual([1, 1, 0]);
    // An even count: the median averages the middle two (column 1, 2, 3, 10: median 2.5, deviations 1.5, 0.5, 0.5, 7.5 → MAD 1).
    expect([...madScale([1, 2, 3, 10], 4, 1)]).toEqual([1]);
  });
});

describe('posterior summaries', () => {
  const result = {
    parameters: ['x', 'y'],
    particles: [Float64Array.of(1, 2, 3, 4), Float64Array.of(0.5, 0.5, 0.5, 0.5)],
    weights: Float64Array.of(0.1, 0.2, 0.3, 0.4),
  };

  test('mean, sd and the 5/50/95% quantiles of the weighted particles', () => {
    const [x, y] = summarizePosterior(result);
    // Mean 0.1 + 0.4 + 0.9 + 1.6 = 3; variance 0.1·4 + 0.2·1 + 0 + 0.4·1 = 1.
    expect(x).toMatchObject({ parameter: 'x', mean: 3, sd: 1, p05: 1, p50: 3, p95: 4, interval90: [1, 4] });
    expect(x!.mean).toBe(3);
    expect(y).toMatchObject({ parameter: 'y', mean: 0.5, sd: 0 });
  });

  test('priorVsPosterior flags a posterior sd above 0.9 of the prior sd, and only that', () => {
    expect(IDENTIFIED_SD_RATIO).toBe(0.9);
    // Prior sds: Uniform(0, 2√3) has sd 1 (x's posterior sd 1: ratio 1, flagged);
    // Uniform(0, 12√3) has sd 6 (x at 1/6: identified).
    const checks = priorVsPosterior([{ name: 'y', prior: uniformPrior(0, 1) }, { name: 'x', prior: uniformPrior(0, 2 * Math.sqrt(3)) }], result);
    expect(checks[0]).toMatchObject({ parameter: 'x', identified: false });
    expect(checks[0]!.ratio).toBeCloseTo(1, 12);
    expect(checks[0]!.warning).toBe('the data say nothing about x: its posterior sd (1.00) is 100% of its prior sd (1.00)');
    expect(checks[1]).toMatchObject({ parameter: 'y', identified: true, ratio: 0 });
    const narrow = priorVsPosterior([{ name: 'x', prior: uniformPrior(0, 12 * Math.sqrt(3)) }, { name: 'y', prior: uniformPrior(0, 1) }], result);
    expect(narrow[0]!.identified).toBe(true);
    // Just above and just below the threshold.
    const sdFor = (ratio: number) => ({ name: 'x', prior: { ...uniformPrior(0, 1), variance: 1 / ratio ** 2 } });
    expect(priorVsPosterior([sdFor(0.9001), { name: 'y', prior: uniformPrior(0, 1) }], result)[0]!.identified).toBe(false);
    expect(priorVsPosterior([sdFor(0.8999), { name: 'y', prior: uniformPrior(0, 1) }], result)[0]!.identified).toBe(true);
  });

  test('priorVsPosterior refuses a missing prior or a prior without a finite variance', () => {
    expect(() => priorVsPosterior([{ name: 'x', prior: uniformPrior(0, 1) }], result)).toThrow(InvalidParameterError);
    expect(() => priorVsPosterior([{ name: 'x', prior: { ...uniformPrior(0, 1), variance: Infinity } }, { name: 'y', prior: uniformPrior(0, 1) }], result)).toThrow(
      /^priors\[0\]\.prior\.variance: /,
    );
  });

  test('resamplePosterior: systematic resampling gives each particle count·w draws, give or take one', () => {
    const draws = resamplePosterior(result, 1000, createRng(1));
    const counts = [1, 2, 3, 4].map((v) => draws[0]!.filter((x) => x === v).length);
    [100, 200, 300, 400].forEach((expected, i) => expect(Math.abs(counts[i]! - expected)).toBeLessThanOrEqual(1));
    expect(draws[1]!.every((y) => y === 0.5)).toBe(true);
    expect(resamplePosterior(result, 10, createRng(1))[0]).toEqual(resamplePosterior(result, 10, createRng(1))[0]);
  });
});
