// Issue 11, item 5: the win-back offer in the month-by-month projection. A customer seen
// to leave (after the episode or a story) gets the policy's offer when it pays, or always
// when forced; a won-back customer stays, with the win-back's own retention. Exact cases
// on common random numbers, the neutral settings, and the levers by more than their SE.
import { describe, expect, it } from 'vitest';
import { assignRoles, groups, type Network, type PolicySpec, type Scenario } from '../../src/index.js';
import { projectChurn, type ProjectionResult } from '../../src/projection/index.js';
import { meanSe } from '../helpers/graphs.js';

const network: Network = assignRoles(groups({ size: 3000, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.0005, seed: 'win-back' }), { customers: 0.3, prospects: 0.4 }, 'win-back');
const ladder = [{ name: 'counter', authorityLimit: 1e6, delayDays: 2, handlingCost: 50, giveUpProbability: 0.05 }];
const scenario: Scenario = { network, incidents: { count: 60, amount: 600 }, economics: { margin: 1000, retention: 0.8 } };
const refuse: PolicySpec = { name: 'refuse', decision: 'refuse-with-fee', fee: 200, escalation: ladder };
const months = 12;

/** Per-replicate values of one metric and month, in replicate order. */
const values = (r: ProjectionResult, policy: string, metric: string, month: number): number[] =>
  r.replicateRows!.filter((x) => x.policy === policy && x.metric === metric && x.month === month).map((x) => x.value);
/** Per-replicate sums of a monthly flow over months 1 … T. */
const total = (r: ProjectionResult, policy: string, metric: string): number[] => {
  const sums = values(r, policy, metric, 1).map(() => 0);
  for (let t = 1; t <= months; t++) values(r, policy, metric, t).forEach((x, i) => (sums[i]! += x));
  return sums;
};
const minus = (a: number[], b: number[]) => a.map((x, i) => x - b[i]!);

describe('win-back in the projection', () => {
  const always = (name: string, successProbability: number, extra: object = {}): PolicySpec => ({
    ...refuse,
    name,
    winBack: { offerCost: 100, successProbability, offer: 'always', ...extra },
  });
  const r = projectChurn(
    scenario,
    [
      { ...refuse, name: 'none', winBack: null },
      always('never works', 0),
      always('always works', 1),
      always('half', 0.5),
      always('half, loyal', 0.5, { retention: 0.95 }),
      always('half, fickle', 0.5, { retention: 0.2 }),
      { ...refuse, name: 'too dear', winBack: { offerCost: 1e6, successProbability: 0.5 } },
    ],
    { seed: 'win-back', replicates: 60, months, incidentRate: 0.05, annualChurnRate: 0.2, perReplicate: true },
  );

  it('an offer that always works wins back, in month 1, exactly the customers who left without one; each offer costs its price', () => {
    // Same incidents, same episodes and the same stories in month 1 (common random numbers):
    // every customer who left under "none" is offered and won back under "always works".
    const left = values(r, 'none', 'directChurn', 1).map((x, i) => x + values(r, 'none', 'womChurn', 1)[i]!);
    expect(values(r, 'always works', 'wonBack', 1)).toEqual(left);
    expect(values(r, 'always works', 'directChurn', 1).every((x) => x === 0)).toBe(true);
    expect(values(r, 'always works', 'womChurn', 1).every((x) => x === 0)).toBe(true);
    expect(minus(values(r, 'always works', 'serviceCost', 1), values(r, 'none', 'serviceCost', 1))).toEqual(left.map((x) => 100 * x));
    expect(left.some((x) => x > 0)).toBe(true);
  });

  it('neutral: an offer that never works changes no customer in any month, and costs its price for every leaver', () => {
    for (let t = 1; t <= months; t++) {
      for (const metric of ['customers', 'prospects', 'churned', 'directChurn', 'womChurn', 'baselineChurn', 'lostProspects', 'moneyKept']) {
        expect(values(r, 'never works', metric, t), `${metric} month ${t}`).toEqual(values(r, 'none', metric, t));
      }
      const leavers = values(r, 'none', 'directChurn', t).map((x, i) => x + values(r, 'none', 'womChurn', t)[i]!);
      expect(minus(values(r, 'never works', 'serviceCost', t), values(r, 'none', 'serviceCost', t))).toEqual(leavers.map((x) => 100 * x));
      expect(values(r, 'never works', 'wonBack', t).every((x) => x === 0)).toBe(true);
    }
  });

  it('neutral: an offer that does not pay (when-it-pays) is not made — the numbers are those without win-back', () => {
    for (let t = 1; t <= months; t++) {
      for (const metric of ['customers', 'churned', 'serviceCost', 'wonBack']) {
        expect(values(r, 'too dear', metric, t), `${metric} month ${t}`).toEqual(values(r, 'none', metric, t));
      }
    }
  });

  it('the lever: a better chance of success keeps more customers (0 → 0.5 → 1), by more than 3 SE', () => {
    const end = (p: string) => values(r, p, 'customers', months);
    for (const [low, high] of [['never works', 'half'], ['half', 'always works']] as const) {
      const { mean, se } = meanSe(minus(end(high), end(low)));
      expect(mean, `${high} − ${low}`).toBeGreaterThan(3 * se);
      expect(se).toBeGreaterThan(0);
    }
  });

  it("the lever: a won-back customer's own retention sets their later churn", () => {
    // Same offers and successes until the won-back customers' own churn differs: fickle
    // ones (20% a year stay) leave more often than loyal ones (95%) and than the others (80%).
    const baseline = (p: string) => total(r, p, 'baselineChurn');
    for (const [loyal, fickle] of [['half, loyal', 'half'], ['half', 'half, fickle']] as const) {
      const { mean, se } = meanSe(minus(baseline(fickle), baseline(loyal)));
      expect(mean, `${fickle} − ${loyal}`).toBeGreaterThan(3 * se);
    }
  });
});
