// The calibration of a scenario: data made by hearsay's own projection at known
// parameters, recovered by calibrate() (ABC-SMC on the projection).
import { describe, expect, test } from 'vitest';
import {
  InvalidParameterError,
  ObservationsError,
  assignRoles,
  calibrate,
  deriveRng,
  fitDistribution,
  groups,
  parseObservations,
  prepareProjection,
  projectionColumn,
  PROJECTION_METRICS,
  type CalibrationResult,
} from '../../src/index.js';

// A small town, so the test runs in seconds: 3,000 people, 30% customers, 30% prospects.
const network = assignRoles(groups({ size: 3000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.0005, seed: 7 }), { customers: 0.3, prospects: 0.3 }, 7);
const MONTHS = 12;
const projection = { months: MONTHS, incidentRate: 0.05, annualChurnRate: 0.1 };
const policy = { name: 'refuse', decision: 'refuse' as const };
const TRUTH = { complaintProbability: 0.45, unresolved: 0.3 };
const sections = (complaintProbability: unknown, unresolved: unknown, audience: unknown) => ({
  incidents: { count: 0, amount: 600, severity: 'major' as const },
  complaints: { probability: complaintProbability, channels: { frontLine: 0.95, headOffice: 0.05, public: 0 }, publicAudience: { mean: audience } },
  behaviour: { repurchase: { major: { unresolved } } },
  economics: { margin: 500 },
});

/** The data: one projection replicate at the truth, 12 months of complaints and customers lost. */
function syntheticCsv(): string {
  const { kernel } = prepareProjection({ network, ...sections(TRUTH.complaintProbability, TRUTH.unresolved, 30) } as never, [policy], { ...projection, seed: 1, replicates: 1 });
  const row = new Float64Array(kernel.metricNames.length);
  kernel.run(deriveRng('truth', 1), row);
  const lines = ['# made by hearsay at complaints.probability 0.45, repurchase.major.unresolved 0.3', 'month,metric,value'];
  for (const metric of ['complaints', 'churned'] as const) {
    for (let t = 1; t <= MONTHS; t++) lines.push(`${t},${metric},${row[projectionColumn(MONTHS, 0, t, PROJECTION_METRICS.indexOf(metric))]}`);
  }
  return lines.join('\n');
}

const priors = sections(
  { dist: 'beta', mean: 0.5, sd: 0.2 },
  { dist: 'uniform', low: 0, high: 1 },
  // Nobody complains in public, so the audience of a public complaint changes nothing observed.
  { dist: 'uniform', low: 10, high: 50 },
);

describe('calibrate: recovery of known parameters from data made by the model', () => {
  const observations = parseObservations(syntheticCsv(), 'synthetic.csv');
  let fit: CalibrationResult;
  test('runs to its stopping rule within the budget', () => {
    fit = calibrate({ network, ...priors }, observations, { policy, projection, seed: 2026, particles: 150, budget: 4000, predictiveDraws: 40 });
    expect(fit.simulations).toBeLessThanOrEqual(4000);
    expect(fit.parameters.map((p) => p.name)).toEqual(['complaints.probability', 'complaints.publicAudience.mean', 'behaviour.repurchase.major.unresolved']);
  });

  // Each identified parameter: the truth inside its 90% interval (a calibrated posterior
  // covers it with probability 0.9; the seed is fixed, so this run is reproducible), and
  // a posterior sd well below the prior's (ratio < 0.5: 12 months of about 45 problems
  // pin the complaint share to about ±0.03 against a prior sd of 0.2; the churn of about
  // 240 unresolved complainers, seen through about 520 customers lost (sd ≈ 23), pins
  // their repurchase rate to about ±23/240 ≈ 0.1 against a prior sd of 0.29).
  test('complaints.probability and repurchase.major.unresolved are recovered', () => {
    for (const [name, truth] of [
      ['complaints.probability', TRUTH.complaintProbability],
      ['behaviour.repurchase.major.unresolved', TRUTH.unresolved],
    ] as const) {
      const p = fit.parameters.find((q) => q.name === name)!;
      expect(p.posterior.p05, name).toBeLessThanOrEqual(truth);
      expect(p.posterior.p95, name).toBeGreaterThanOrEqual(truth);
      expect(p.check.ratio, name).toBeLessThan(0.5);
      expect(p.check.identified).toBe(true);
    }
  });

  // The audience never enters the observed numbers: its posterior is its prior, whose sd
  // is estimated within about 1/√(2·ESS) (6% at ESS 150), so the ratio is near 1 and
  // above the 0.9 threshold.
  test('the parameter the data cannot see is flagged', () => {
    const audience = fit.parameters.find((q) => q.name === 'complaints.publicAudience.mean')!;
    expect(audience.check.identified).toBe(false);
    expect(fit.warnings).toHaveLength(1);
    expect(fit.warnings[0]).toMatch(/^the data say nothing about complaints\.publicAudience\.mean/);
  });

  test('fitted distributions are of the prior kind by moments', () => {
    const share = fit.parameters[0]!;
    expect(share.fitted).toMatchObject({ dist: 'beta' });
    expect((share.fitted as { mean: number }).mean).toBeCloseTo(share.posterior.mean, 3);
    expect(fit.parameters[1]!.fitted).toMatchObject({ dist: 'normal', low: 0, high: 1_000_000 });
  });

  test('the predictive check has every month of every metric, the observed beside', () => {
    const complaints = fit.predictive.filter((r) => r.metric === 'complaints');
    expect(complaints).toHaveLength(MONTHS);
    expect(complaints.every((r) => r.observed !== undefined && r.p05 <= r.p95)).toBe(true);
    const dark = fit.predictive.filter((r) => r.metric === 'lostProspectsInMonth');
    expect(dark).toHaveLength(MONTHS);
    const value = fit.predictive.filter((r) => r.metric === 'lostProspectsValue');
    expect(value[0]!.mean).toBeGreaterThanOrEqual(0);
  });
});

describe('calibrate: stopped by its signal', () => {
  test('returns the last complete population, stopped by aborted', () => {
    const observations = parseObservations(syntheticCsv(), 'synthetic.csv');
    const controller = new AbortController();
    const fit = calibrate({ network, ...priors }, observations, {
      policy,
      projection,
      seed: 3,
      particles: 30,
      predictiveDraws: 3,
      signal: controller.signal,
      onGeneration: (state) => {
        if (state.generation === 1) controller.abort();
      },
    });
    expect(fit.stoppedBy).toBe('aborted');
    expect(fit.abc.generation).toBe(1);
    expect(fit.generations).toHaveLength(2);
    expect(fit.predictive.length).toBeGreaterThan(0);
  });
});

describe('calibrate: bad input', () => {
  const csv = 'month,metric,value\n1,complaints,3\n2,complaints,4\n';
  test('more months than projected: the line of the row', () => {
    const observations = parseObservations(csv, 'data.csv');
    expect(() => calibrate({ network, ...priors }, observations, { policy, projection: { ...projection, months: 1 }, seed: 1 })).toThrow(
      new ObservationsError('data.csv', [{ line: 3, field: 'month', message: 'expected a month ≤ 1 (the months projected: projection.months), received 2' }]),
    );
  });
  test('a metric the projection does not produce', () => {
    const observations = parseObservations('month,metric,value\n4,heardNegativeShare,0.2\n', 'data.csv');
    expect(() => calibrate({ network, ...priors }, observations, { policy, projection, seed: 1 })).toThrow(/data\.csv:2: metric: expected a metric the projection produces .*received "heardNegativeShare"/);
  });
  test('no distribution to calibrate', () => {
    const observations = parseObservations(csv, 'data.csv');
    expect(() => calibrate({ network, ...sections(0.5, 0.2, 30) }, observations, { policy, projection, seed: 1 })).toThrow(InvalidParameterError);
  });
});

describe('fitDistribution', () => {
  test('beta in [0, 1], lognormal for a positive quantity, truncated normal otherwise, a number when collapsed', () => {
    expect(fitDistribution({ range: { min: 0, max: 1, minExclusive: false, maxExclusive: false, integer: false } }, 0.3, 0.05, 's')).toEqual({ dist: 'beta', mean: 0.3, sd: 0.05, source: 's' });
    expect(fitDistribution({ range: { min: 0, max: 1e12, minExclusive: false, maxExclusive: false, integer: false } }, 600, 150, 's')).toEqual({ dist: 'lognormal', mean: 600, sd: 150, source: 's' });
    expect(fitDistribution({ range: { min: 0, max: 10, minExclusive: false, maxExclusive: false, integer: false } }, 5, 1, 's')).toEqual({ dist: 'normal', mean: 5, sd: 1, low: 0, high: 10, source: 's' });
    expect(fitDistribution({ range: { min: 0, max: 1, minExclusive: false, maxExclusive: false, integer: false } }, 0.3, 0, 's')).toBe(0.3);
  });
});
