// Complaint handling and memory against references: the peak-end examples, the TARP
// cohort arithmetic (closed form and simulation), the escalation ladder, and errors.
import { describe, expect, it } from 'vitest';
import {
  Category,
  EPISODE_UNIFORMS,
  EpisodeOutcome,
  InvalidParameterError,
  assignRoles,
  erdosRenyiGnm,
  estimateDarkNumber,
  negativeBinomialInverse,
  rememberedPain,
  resolveBehaviour,
  resolveComplaints,
  resolveIncidents,
  resolvePolicy,
  runEpisode,
  type PolicySpec,
} from '../../src/index.js';

describe('peak-end memory (Kahneman et al. 1993; Redelmeier & Kahneman 1996)', () => {
  it('peak 8, end 7 → 7.5; peak 8, end 1 → 4.5 although it lasted longer', () => {
    expect(rememberedPain([3, 8, 7])).toBe(7.5);
    expect(rememberedPain([3, 8, 7, 5, 3, 1])).toBe(4.5);
  });
  it('rejects moments off the 0–10 scale', () => {
    expect(() => rememberedPain([3, 11])).toThrow(/moments\[1\]: expected a pain between 0 and 10, received 11/);
    expect(() => rememberedPain([])).toThrow(InvalidParameterError);
  });
});

describe('TARP cohort arithmetic', () => {
  // 1,000 customers with a minor problem; 4% complain; complainers 50% resolved quickly,
  // 25% resolved, 25% unresolved. Expected retained (TARP repurchase, minor row):
  // 960·0.37 + 40·(0.5·0.95 + 0.25·0.70 + 0.25·0.46) = 385.8 (DOMAIN.md).
  const expected = 960 * 0.37 + 40 * (0.5 * 0.95 + 0.25 * 0.7 + 0.25 * 0.46);
  // A policy that yields that mix: first contact settles half; the rest wait at one level
  // where half give up.
  const policy: PolicySpec = {
    name: 'tarp mix',
    decision: 'full-refund',
    firstContactResolution: 0.5,
    handOffProbability: 0,
    escalation: [{ name: 'front line', authorityLimit: 1e9, delayDays: 3, handlingCost: 0, giveUpProbability: 0.5 }],
  };

  it('closed form', () => {
    expect(expected).toBeCloseTo(385.8, 10);
  });

  it('simulation agrees within its standard error', () => {
    const network = assignRoles(erdosRenyiGnm({ size: 2000, edges: 4000, seed: 1 }), { customers: 0.6, prospects: 0.2 }, 1);
    const r = estimateDarkNumber(
      {
        network,
        incidents: { count: 1000, severity: 'minor', amount: 100, moneyLoss: false },
        complaints: { probability: 0.04, channels: { frontLine: 1, headOffice: 0, public: 0 } },
        // The mix needs the level's give-up chance exactly: no giving up with time (neutral).
        behaviour: { giveUpPerDay: 0 },
        spread: false,
        economics: { margin: 100 },
      },
      policy,
      { seed: 'tarp', replicates: 400 },
    );
    const retained = r.result.summary.incidents!.mean - r.summary.directChurn!.mean;
    // directChurn's SE is the SE of retained (incidents is fixed at 1000).
    expect(Math.abs(retained - expected)).toBeLessThan(4 * r.summary.directChurn!.se!);
    // The mix itself: 40 complaints, 20 / 10 / 10 expected.
    expect(Math.abs(r.summary.complaints!.mean - 40)).toBeLessThan(4 * r.summary.complaints!.se!);
    expect(Math.abs(r.summary.resolvedQuickly!.mean - 20)).toBeLessThan(4 * r.summary.resolvedQuickly!.se!);
    expect(Math.abs(r.summary.resolved!.mean - 10)).toBeLessThan(4 * r.summary.resolved!.se!);
    expect(Math.abs(r.summary.unresolved!.mean - 10)).toBeLessThan(4 * r.summary.unresolved!.se!);
    expect(r.invisible.silentUnhappy).toBeCloseTo(1000 - r.visible.complaints, 10);
  });
});

describe('the escalation ladder', () => {
  const incidents = resolveIncidents({ count: 1, severity: 'major', amount: 200 });
  const complaints = resolveComplaints({ probability: 1, channels: { frontLine: 1, headOffice: 0, public: 0 } }, incidents);
  const behaviour = resolveBehaviour();
  const ladder = [
    { name: 'front line', authorityLimit: 100, delayDays: 2, handlingCost: 40, giveUpProbability: 0 },
    { name: 'sales manager', authorityLimit: 150, delayDays: 5, handlingCost: 120, giveUpProbability: 0 },
    { name: 'director', authorityLimit: 5000, delayDays: 10, handlingCost: 600, giveUpProbability: 0 },
    { name: 'board', authorityLimit: 1e6, delayDays: 30, handlingCost: 3000, giveUpProbability: 0 },
  ];
  const run = (spec: PolicySpec, fill = 0.99) => {
    const u = new Float64Array(EPISODE_UNIFORMS).fill(fill);
    u[0] = 0; // complains
    const out = new EpisodeOutcome();
    runEpisode(resolvePolicy(spec), incidents, complaints, behaviour, u, 0, out);
    return out;
  };

  it('a 200 kr credit climbs to the director: three contacts, 17 days, every level paid', () => {
    const out = run({ name: 'credit', decision: 'partial-credit', credit: 200, handOffProbability: 0, escalation: ladder });
    expect(out.topLevel).toBe(2);
    expect(out.contacts).toBe(3);
    expect(out.waitedDays).toBe(17);
    expect(out.handlingCost).toBe(40 + 120 + 600);
    expect(out.category).toBe(Category.resolved);
    expect(out.cash).toBe(-200);
    // Peak-end: problem 7, the wait 10·(1 − e^(−17/30)) = 4.33, the end (partial credit) 4.
    expect(out.peakPain).toBe(7);
    expect(out.remembered).toBeCloseTo((7 + 4) / 2, 12);
  });

  it('with front-line authority of 200 the same credit is settled at the first contact', () => {
    const frontLine = [{ ...ladder[0]!, authorityLimit: 200 }, { ...ladder[1]!, authorityLimit: 200 }, ...ladder.slice(2)];
    const out = run({ name: 'empowered', decision: 'partial-credit', credit: 200, escalation: frontLine }, 0);
    expect(out.category).toBe(Category.resolvedQuickly);
    expect(out.contacts).toBe(1);
    expect(out.handlingCost).toBe(40);
    expect(out.waitedDays).toBe(0);
  });

  it('a credit above every authority ends unresolved at the top', () => {
    const out = run({ name: 'too much', decision: 'partial-credit', credit: 2e6, handOffProbability: 0, escalation: ladder });
    expect(out.stuck).toBe(true);
    expect(out.topLevel).toBe(3);
    expect(out.category).toBe(Category.unresolved);
    expect(out.cash).toBe(0);
  });

  it('refusing with a fee bills the fee and ends unresolved', () => {
    const out = run({ name: 'fee', decision: 'refuse-with-fee', fee: 150, escalation: ladder });
    expect(out.cash).toBe(150);
    expect(out.feesBilled).toBe(1);
    expect(out.category).toBe(Category.unresolved);
    // Money taken: the gap to 10 shrinks by (1 − 0.5)^(150 / 200).
    expect(out.endPain).toBeCloseTo(10 - (10 - 9) * 0.5 ** 0.75, 12);
  });
});

describe('audience sizes by inversion', () => {
  it('negative binomial inverse matches the mean and variance', () => {
    // Mean m, variance m + m²/r. Uniforms on a fine grid approximate the distribution.
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const k = negativeBinomialInverse((i + 0.5) / n, 4, 1);
      s += k;
      s2 += k * k;
    }
    const mean = s / n;
    expect(mean).toBeCloseTo(4, 2);
    expect(s2 / n - mean * mean).toBeCloseTo(4 + 16, 0);
    expect(negativeBinomialInverse(0.5, 0, 1)).toBe(0);
  });
});

describe('bad policies are rejected by class', () => {
  const base = { name: 'p', decision: 'refuse-with-fee', fee: 150 } as const;
  it.each([
    [{ ...base, fee: -200 }, /policy\.fee: expected a number ≥ 0 and ≤ 1e12, received -200/],
    [{ name: 'p', decision: 'refuse-with-fee' }, /policy\.fee: expected an amount ≥ 0 \(decision "refuse-with-fee" needs one\)/],
    [{ name: 'p', decision: 'full-refund', fee: 10 }, /policy\.fee: expected no fee/],
    [{ ...base, firstContactResolution: 1.2 }, /policy\.firstContactResolution: expected a number ≥ 0 and ≤ 1, received 1\.2/],
    [{ ...base, handOffProbability: -0.1 }, /handOffProbability/],
    [
      {
        ...base,
        escalation: [
          { name: 'a', authorityLimit: 500, delayDays: 1, handlingCost: 1, giveUpProbability: 0 },
          { name: 'b', authorityLimit: 200, delayDays: 1, handlingCost: 1, giveUpProbability: 0 },
        ],
      },
      /escalation\[1\]\.authorityLimit: expected an authority at least that of the level below \("a", 500\)/,
    ],
    [{ ...base, escalation: [{ name: 'a', authorityLimit: 1, delayDays: 1, handlingCost: 1, giveUpProbability: 2 }] }, /giveUpProbability/],
    [{ ...base, escalation: [] }, /policy\.escalation: expected at least 1 item, received an array of length 0/],
    [{ ...base, decision: 'shrug' }, /policy\.decision: expected one of/],
    [{ ...base, publicAnswer: 'sue' }, /publicAnswer/],
    [{ ...base, fees: 3 }, /policy\.fees/],
  ])('%j', (spec, message) => {
    expect(() => resolvePolicy(spec as PolicySpec)).toThrow(InvalidParameterError);
    expect(() => resolvePolicy(spec as PolicySpec)).toThrow(message);
  });
});

describe('review: audience draws and partial settings', () => {
  it('a large, nearly Poisson audience is not cut to 1 by an underflowing p(0)', () => {
    // Mean 2000, dispersion 2000: p(0) = 0.5^2000 underflows to 0. The median of this
    // negative binomial (sd √(2000 + 2000²/2000) ≈ 63) lies within a few people of 2000.
    const median = negativeBinomialInverse(0.5, 2000, 2000);
    expect(Math.abs(median - 2000)).toBeLessThan(5);
    // Monotone in u, as the CRN pairing needs.
    expect(negativeBinomialInverse(0.1, 2000, 2000)).toBeLessThan(median);
    expect(negativeBinomialInverse(0.9, 2000, 2000)).toBeGreaterThan(median);
    // Near 5% / 95%: 2000 ∓ 1.645 · 63.2 ≈ 1896 / 2104.
    expect(Math.abs(negativeBinomialInverse(0.05, 2000, 2000) - 1896)).toBeLessThan(6);
    expect(Math.abs(negativeBinomialInverse(0.95, 2000, 2000) - 2104)).toBeLessThan(6);
  });

  it('a pain problem given in part keeps the default for the other severity', () => {
    const b = resolveBehaviour({ pain: { problem: { minor: 3 } as never } });
    expect(b.pain.problem).toEqual({ minor: 3, major: 7 });
  });

  it('rejects an audience or public audience that is not a mapping instead of defaulting it', () => {
    expect(() => resolveBehaviour({ audience: { negative: 5 } as never })).toThrow(/behaviour\.audience\.negative/);
    const incidents = resolveIncidents({ count: 1, amount: 100 });
    expect(() => resolveComplaints({ publicAudience: 5 as never }, incidents)).toThrow(/complaints\.publicAudience/);
  });

  it('rejects pain outcomes for decisions that do not exist', () => {
    expect(() => resolveBehaviour({ pain: { outcome: { refnud: 2 } as never } })).toThrow(/behaviour\.pain\.outcome/);
    expect(() => resolveBehaviour({ pain: { problem: { mnior: 3 } as never } })).toThrow(/behaviour\.pain\.problem/);
  });
});
