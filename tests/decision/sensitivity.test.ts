// Sensitivity that respects the scenario (issue 11): swings centred on the scenario's own
// values, the valuation of a lost person, the acquisition cost, the repair cost, the
// repurchase table and the prospects' chance of buying among the assumptions swung, every
// policy against the baseline, and bars anchored at the headline.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SENSITIVITY, assignRoles, comparePolicies, groups, sensitivity, type PolicySpec, type Scenario } from '../../src/index.js';

const network = assignRoles(groups({ size: 3000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001, seed: 'sens' }), { customers: 0.3, prospects: 0.4 }, 'sens');
const ladder = [{ name: 'counter', authorityLimit: 5000, delayDays: 7, handlingCost: 60, giveUpProbability: 0.05 }];
const policies: PolicySpec[] = [
  { name: 'refuse, bill 200 kr', decision: 'refuse-with-fee', fee: 200, escalation: ladder },
  { name: 'free repair', decision: 'repair-or-replace', repairCost: 600, escalation: ladder },
  { name: 'refund', decision: 'full-refund', escalation: ladder },
];
const scenario = (economics: Partial<Scenario['economics']> = {}): Scenario => ({
  network,
  incidents: { count: 60, severity: 'major', amount: 600 },
  economics: { margin: 800, acquisitionCost: 600, ...economics },
});

describe('sensitivity', () => {
  it('swings what the issue names, each lever moving the result, for every policy against the baseline', () => {
    const r = sensitivity(scenario(), policies, { seed: 's', replicates: 60, baseline: 'refuse, bill 200 kr' });
    expect(r.comparisons.map((c) => c.policy)).toEqual(['free repair', 'refund']);
    const repair = Object.fromEntries(r.comparisons[0]!.rows.map((row) => [row.parameter, row]));
    for (const path of ['economics.lossValuation', 'policies[1].repairCost', 'behaviour.repurchase', 'spread.purchaseProbability', 'complaints.probability', 'economics.retention']) {
      expect(repair[path], path).toBeDefined();
      expect(repair[path]!.swing, path).toBeGreaterThan(0);
    }
    // The valuation row: the same replicates valued at replacement cost and at lifetime value.
    expect(repair['economics.lossValuation']).toMatchObject({ low: 600, lowLabel: 'replacement cost', highLabel: 'lifetime value' });
    // The repair cost belongs to the free repair only: it does not move the refund's tornado.
    expect(r.comparisons[1]!.rows.find((row) => row.parameter === 'policies[1].repairCost')!.swing).toBe(0);
    // Under lifetime value the acquisition cost acts on nothing the headline shows: left out, and said why.
    expect(r.skipped.map((s) => s.parameter)).toContain('economics.acquisitionCost');
  });

  it('the acquisition cost is swung when the headline values a lost person at replacement cost', () => {
    const r = sensitivity(scenario({ lossValuation: 'replacement' }), policies.slice(0, 2), { seed: 's', replicates: 40, parameters: [{ path: 'economics.acquisitionCost', share: 0.5 }] });
    const row = r.comparisons[0]!.rows[0]!;
    expect([row.low, row.high]).toEqual([300, 900]);
    // The free repair loses fewer people: worth more the dearer a replacement.
    expect(row.atHigh).toBeGreaterThan(row.atLow);
  });

  it('anchors every bar at the headline: the base is the number the report leads with', () => {
    const c = comparePolicies(scenario(), policies.slice(0, 2), { seed: 's', replicates: 300 });
    const headline = c.differences.find((d) => d.policy === 'free repair')!.difference.mean;
    const r = sensitivity(scenario(), policies.slice(0, 2), { seed: 's', replicates: 40, parameters: [{ path: 'economics.retention', share: 0.075 }], headline: { 'free repair': headline } });
    const t = r.comparisons[0]!;
    expect(t.base).toBe(headline);
    // The paired change of the swing, from 40 replicates, around the 300-replicate headline.
    const own = sensitivity(scenario(), policies.slice(0, 2), { seed: 's', replicates: 40, parameters: [{ path: 'economics.retention', share: 0.075 }] }).comparisons[0]!;
    expect(t.rows[0]!.atLow - t.base).toBeCloseTo(own.rows[0]!.atLow - own.base, 6);
  });

  it('the default list says where every range comes from', () => {
    for (const spec of DEFAULT_SENSITIVITY) expect(spec.source, spec.path).toMatch(/\S/);
  });
});
