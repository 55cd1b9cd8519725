// Money against references: the lifetime-value multiple, the fee break-even of
// DOMAIN.md (150 kr against a 2,500 kr customer breaks even at 6% extra churn), what word
// of mouth does to it, the bound on refusing, common random numbers, and sensitivity.
import { describe, expect, it } from 'vitest';
import {
  InvalidParameterError,
  assignRoles,
  breakEven,
  comparePolicies,
  groups,
  lifetimeValue,
  sensitivity,
  type PolicySpec,
  type Scenario,
  type SpreadOptions,
} from '../../src/index.js';

describe('customer lifetime value (Gupta & Lehmann 2003)', () => {
  it('r = 0.8, i = 0.12 gives 2.5 × the yearly margin', () => {
    expect(lifetimeValue({ margin: 1, retention: 0.8, discountRate: 0.12 })).toBeCloseTo(2.5, 12);
    expect(lifetimeValue({ margin: 1000, retention: 0.8, discountRate: 0.12 })).toBeCloseTo(2500, 9);
  });
  it('the finite horizon is the plain sum of discounted, surviving margins', () => {
    let sum = 0;
    for (let t = 1; t <= 5; t++) sum += (1000 * 0.8 ** t) / 1.12 ** t;
    expect(lifetimeValue({ margin: 1000, retention: 0.8, discountRate: 0.12, horizonYears: 5 })).toBeCloseTo(sum, 9);
    // A long horizon approaches the closed form.
    expect(lifetimeValue({ margin: 1000, retention: 0.8, discountRate: 0.12, horizonYears: 400 })).toBeCloseTo(2500, 6);
  });
  it('rejects impossible inputs', () => {
    expect(() => lifetimeValue({ margin: -1, retention: 0.8, discountRate: 0.1 })).toThrow(InvalidParameterError);
    expect(() => lifetimeValue({ margin: 1, retention: 1.2, discountRate: 0.1 })).toThrow(/retention/);
  });
});

// A shop with 5,000 people (circles of friends); 200 customers a replicate bring a
// faulty product back and everyone asks for a repair (complaint probability 1).
const network = assignRoles(
  groups({ size: 5000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.0005, seed: 'shop' }),
  { customers: 0.3, prospects: 0.4 },
  'shop',
);
const ladder = [{ name: 'counter', authorityLimit: 1e6, delayDays: 0, handlingCost: 0, giveUpProbability: 0 }];
// Charging the fee leaves the customer unresolved (repurchase 94%); the free repair is
// settled at once (repurchase 100%): 6 points of extra churn. DOMAIN.md's arithmetic
// holds the extra churn fixed whatever the fee, so the fee's size must not move it:
// moneyTaken at its neutral setting 0.
const scenario = (spread: SpreadOptions | false): Scenario => ({
  network,
  incidents: { count: 200, severity: 'major', amount: 600 },
  complaints: { probability: 1, channels: { frontLine: 1, headOffice: 0, public: 0 } },
  behaviour: {
    moneyTaken: 0,
    repurchase: { minor: { silent: 1, unresolved: 1, resolved: 1, resolvedQuickly: 1 }, major: { silent: 1, unresolved: 0.94, resolved: 1, resolvedQuickly: 1 } },
  },
  spread,
  economics: { margin: 1000, retention: 0.8, discountRate: 0.12 }, // lifetime value 2,500
});
const fee: PolicySpec = { name: 'fee', decision: 'refuse-with-fee', fee: 150, escalation: ladder };
const free: PolicySpec = { name: 'free repair', decision: 'repair-or-replace', repairCost: 0, firstContactResolution: 1, escalation: ladder };

describe('the fee break-even', () => {
  it('without word of mouth a 150 kr fee breaks even at 6% extra churn (150 / 2,500)', () => {
    const c = comparePolicies(scenario(false), [fee, free], { seed: 'fee', replicates: 400 });
    const d = c.differences.find((x) => x.policy === 'fee')!.difference;
    // Per incident: 150 − 2,500 · 1{churn}, churn ~ Bernoulli(0.06): mean 0.
    expect(Math.abs(d.mean)).toBeLessThan(4 * d.se!);
    const b = breakEven(scenario(false), [fee, free], { parameter: 'fee', low: 0, high: 1000, seed: 'fee', replicates: 400 });
    expect(Math.abs(b.value - 150)).toBeLessThan(4 * b.se);
    // Every billed fee adds its amount: the slope is the fees billed per replicate (200).
    expect(b.slope).toBeCloseTo(200, 9);
  });

  it('with word of mouth on, 6% extra churn is no longer enough to break even', () => {
    // The fee leaves customers with a negative story (the refusal ends at pain 9): some
    // tell, prospects are lost. The free repair, settled at the first contact, is judged
    // (contact 2 + end 2) / 2 = 2: a positive story, which loses no prospect. So at
    // 150 kr the fee now loses money, the fee that would break even is higher, and the
    // extra churn at which a 150 kr fee breaks even is below 6%.
    const c = comparePolicies(scenario({}), [fee, free], { seed: 'fee', replicates: 400 });
    const d = c.differences.find((x) => x.policy === 'fee')!.difference;
    expect(d.mean + 4 * d.se!).toBeLessThan(0);
    expect(c.summary.fee!['parts.prospectsLost']!.mean).toBeLessThan(0);
    expect(c.summary['free repair']!['parts.prospectsLost']!.mean).toBe(0);
    const b = breakEven(scenario({}), [fee, free], { parameter: 'fee', low: 0, high: 2000, seed: 'fee', replicates: 400 });
    expect(b.value - 4 * b.se).toBeGreaterThan(150);
    // The break-even extra churn at 150 kr: (150 − word-of-mouth loss per incident) / 2,500.
    const fee_ = c.summary.fee!;
    const womLossPerIncident = -(fee_['parts.prospectsLost']!.mean + fee_['parts.customersLostWordOfMouth']!.mean) / 200;
    expect((150 - womLossPerIncident) / 2500).toBeLessThan(0.06);
  });

  it('refusing everything never shows more value than the fees it keeps', () => {
    const refuse: PolicySpec = { name: 'refuse all', decision: 'refuse-with-fee', fee: 150, publicAnswer: 'answer-well' };
    const c = comparePolicies({ ...scenario({}), complaints: { probability: 0.6 } }, [refuse], { seed: 'bound', replicates: 200 });
    const net = c.result.samples!['refuse all:netValue']!;
    const kept = c.result.samples!['refuse all:moneyKept']!;
    for (let i = 0; i < net.length; i++) expect(net[i]!).toBeLessThanOrEqual(kept[i]!);
  });
});

describe('common random numbers', () => {
  it('shrink the variance of a paired difference compared with independent runs', () => {
    // Two policies with the same randomness in them (churn, stories): a 150 kr and a
    // 100 kr fee. (Against the free repair, whose value never varies, CRN cannot help.)
    const smallFee: PolicySpec = { ...fee, name: 'small fee', fee: 100 };
    const c = comparePolicies(scenario({}), [fee, smallFee], { seed: 'crn', replicates: 300, measureVarianceReduction: true });
    const ratio = c.varianceReduction![0]!.ratio;
    // F-test of equal variances at 300/300 degrees of freedom: a ratio above 1.5 is far
    // beyond chance (the 0.9999 quantile of F(299, 299) is about 1.55); CRN give much more.
    expect(ratio).toBeGreaterThan(2);
  });

  it('the same seed gives the same comparison', () => {
    const a = comparePolicies(scenario({}), [fee, free], { seed: 9, replicates: 20 });
    const b = comparePolicies(scenario({}), [fee, free], { seed: 9, replicates: 20 });
    expect(a.rows).toEqual(b.rows);
  });
});

describe('sensitivity', () => {
  it('returns one row per parameter, largest swing first, around the base outcome', () => {
    const r = sensitivity(scenario({}), [fee, free], {
      seed: 's',
      replicates: 60,
      parameters: [
        { path: 'economics.retention', low: 0.7, high: 0.9 },
        { path: 'spread.tellProbability', low: 0.2, high: 0.6 },
        { path: 'policies[0].fee', low: 100, high: 200 },
      ],
    });
    // One tornado: the free repair against the baseline (the first policy, the fee).
    expect(r.comparisons.map((c) => [c.policy, c.against])).toEqual([['free repair', 'fee']]);
    const rows = r.comparisons[0]!.rows;
    expect(rows.map((x) => x.parameter).sort()).toEqual(['economics.retention', 'policies[0].fee', 'spread.tellProbability']);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.swing).toBeGreaterThanOrEqual(rows[i]!.swing);
    // The fee enters linearly: 100 kr more on 200 fees is 20,000 more for the fee policy,
    // so 20,000 less for "free repair minus fee".
    const feeRow = rows.find((x) => x.parameter === 'policies[0].fee')!;
    expect(feeRow.atLow - feeRow.atHigh).toBeCloseTo(200 * 100, 6);
    expect(Number.isFinite(r.comparisons[0]!.base)).toBe(true);
    expect(r.replicates).toBe(60);
  });
});

describe('public complaints', () => {
  it('onlookers are lost when the company ignores them, not when it answers well', () => {
    const publicScenario: Scenario = {
      ...scenario({}),
      complaints: { probability: 1, channels: { frontLine: 0, headOffice: 0, public: 1 }, publicAudience: { mean: 40, dispersion: 1 } },
    };
    const ignore: PolicySpec = { ...fee, name: 'ignore', publicAnswer: 'ignore' };
    const well: PolicySpec = { ...fee, name: 'answer well', publicAnswer: 'answer-well', publicAnswerCost: 20 };
    const c = comparePolicies(publicScenario, [ignore, well], { seed: 'public', replicates: 100 });
    expect(c.summary.ignore!.publicViewers!.mean).toBeGreaterThan(0);
    expect(c.summary.ignore!.lostProspectsFromPublic!.mean).toBeGreaterThan(0);
    expect(c.summary['answer well']!.lostProspectsFromPublic!.mean).toBe(0);
    // Every public complaint was answered at 20 kr.
    expect(c.summary['answer well']!.leverCost!.mean).toBeCloseTo(20 * c.summary['answer well']!.complaintsPublic!.mean, 9);
  });
});

it('default sensitivity runs on a scenario that leaves nested settings at their defaults', () => {
  const network = assignRoles(groups({ size: 2000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001, seed: 1 }), { customers: 0.3, prospects: 0.3 }, 1);
  const r = sensitivity(
    { network, incidents: { count: 20, amount: 300 }, economics: { margin: 500 } },
    [{ name: 'fee', decision: 'refuse-with-fee', fee: 100 }, { name: 'refund', decision: 'full-refund' }],
    { seed: 1, replicates: 10 },
  );
  // The default list less what this scenario cannot swing: no acquisition cost (so neither
  // it nor the valuation), no repair policy (so no repair cost).
  expect(r.skipped.map((s) => s.parameter).sort()).toEqual(['economics.acquisitionCost', 'economics.lossValuation']);
  const rows = r.comparisons[0]!.rows;
  expect(rows).toHaveLength(9);
  for (const row of rows) expect(Number.isFinite(row.atLow) && Number.isFinite(row.atHigh)).toBe(true);
});

describe('review: break-even and comparison inputs', () => {
  const opts = { parameter: 'fee' as const, high: 1000, seed: 'fee', replicates: 20 };
  it('names low when low is the problem', () => {
    expect(() => breakEven(scenario(false), [fee, free], { ...opts, low: -1 })).toThrow(/^low:/);
    expect(() => breakEven(scenario(false), [fee, free], { ...opts, low: Number.NaN })).toThrow(/^low:/);
    expect(() => breakEven(scenario(false), [fee, free], { ...opts, low: 10, high: 5 })).toThrow(/^high:/);
  });
  it('rejects a tolerance that is not a positive number (NaN stopped the search at once, 0 never stopped it)', () => {
    for (const tolerance of [Number.NaN, 0, -1, Infinity]) {
      expect(() => breakEven(scenario(false), [fee, free], { ...opts, low: 0, tolerance })).toThrow(/^tolerance:/);
    }
  });
  it('rejects a policy index other than 0 or 1', () => {
    expect(() => breakEven(scenario(false), [fee, free], { ...opts, low: 0, in: 2 as never })).toThrow(/^in:/);
  });
  it('measureVarianceReduction needs at least two replicates (one gives a variance of NaN)', () => {
    expect(() => comparePolicies(scenario(false), [fee, free], { seed: 1, replicates: 1, measureVarianceReduction: true })).toThrow(/replicates/);
  });
});

it('ignoring public complaints costs nothing to answer', () => {
  const publicScenario: Scenario = {
    ...scenario({}),
    complaints: { probability: 1, channels: { frontLine: 0, headOffice: 0, public: 1 } },
  };
  const ignore: PolicySpec = { ...fee, name: 'ignore', publicAnswer: 'ignore', publicAnswerCost: 50 };
  const c = comparePolicies(publicScenario, [ignore], { seed: 'ignore', replicates: 5 });
  expect(c.summary.ignore!.complaintsPublic!.mean).toBeGreaterThan(0);
  expect(c.summary.ignore!.leverCost!.max).toBe(0);
});
