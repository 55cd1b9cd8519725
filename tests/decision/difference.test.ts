// What refusing really costs (issue 11): the paired difference per incident and its parts
// (which add up to it exactly), both valuations of a lost person side by side, the value
// of a lost person at which two policies are worth the same, and the win-back offer made
// only where it pays. References: DOMAIN.md's fee break-even (150 kr against a 2,500 kr
// customer at 6 points of extra churn), and exact identities of the valuation.
import { describe, expect, it } from 'vitest';
import {
  REACTION_NEUTRAL,
  VALUE_PARTS,
  assignRoles,
  comparePolicies,
  groups,
  moneyAndPeople,
  resolveEconomics,
  valueParts,
  type PolicySpec,
  type Scenario,
  type SpreadOptions,
} from '../../src/index.js';

const network = assignRoles(
  groups({ size: 5000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.0005, seed: 'shop' }),
  { customers: 0.3, prospects: 0.4 },
  'shop',
);
const ladder = [{ name: 'counter', authorityLimit: 1e6, delayDays: 0, handlingCost: 40, giveUpProbability: 0 }];
/** Everyone complains (no silent customers); refusing leaves 6 points of extra churn on a 2,500 kr customer. */
const scenario = (spread: SpreadOptions | false, economics: Partial<Scenario['economics']> = {}): Scenario => ({
  network,
  incidents: { count: 200, severity: 'major', amount: 600 },
  complaints: { probability: 1, channels: { frontLine: 1, headOffice: 0, public: 0 } },
  // The episode at its neutral settings (issue 12): the fee's size leaves repurchase alone, so
  // refusing costs exactly the 6 points of churn set here.
  behaviour: { ...REACTION_NEUTRAL, repurchase: { major: { silent: 1, unresolved: 0.94, resolved: 1, resolvedQuickly: 1 } } },
  spread,
  economics: { margin: 1000, retention: 0.8, discountRate: 0.12, ...economics }, // lifetime value 2,500
});
const fee: PolicySpec = { name: 'fee', decision: 'refuse-with-fee', fee: 150, escalation: ladder };
const free: PolicySpec = { name: 'free repair', decision: 'repair-or-replace', repairCost: 0, firstContactResolution: 1, escalation: ladder };

const differenceOf = (c: ReturnType<typeof comparePolicies>, policy: string, against: string) => c.differences.find((d) => d.policy === policy && d.against === against)!;

describe('the parts of a difference', () => {
  it('the net value of every replicate is exactly the sum of its parts, in their order', () => {
    const c = comparePolicies(scenario({}, { acquisitionCost: 600, winBack: { offerCost: 100, successProbability: 0.3 } }), [fee, free], { seed: 'parts', replicates: 50 });
    for (const name of ['fee', 'free repair']) {
      const net = c.result.samples![`${name}:netValue`]!;
      for (let i = 0; i < net.length; i++) {
        let sum = 0;
        for (const part of VALUE_PARTS) sum += c.result.samples![`${name}:parts.${part}`]![i]!;
        expect(net[i]).toBe(sum);
      }
    }
  });

  it('the parts of a paired difference add up to it, and the per-incident figure divides by the incidents', () => {
    const c = comparePolicies(scenario({}, { acquisitionCost: 600 }), [fee, free], { seed: 'parts', replicates: 200 });
    const d = differenceOf(c, 'free repair', 'fee');
    const sum = VALUE_PARTS.reduce((s, part) => s + d.parts[part], 0);
    // Each replicate's difference is the sum of its part differences, exactly; the means
    // of the parts add up to the mean difference to rounding (a sum of 7 means of 200).
    expect(Math.abs(sum - d.difference.mean)).toBeLessThan(1e-9 * Math.max(1, Math.abs(d.difference.mean)));
    expect(d.perIncident!.mean).toBeCloseTo(d.difference.mean / 200, 9);
    // Refusing keeps the fees; the free repair keeps the customers the fee would lose.
    expect(d.parts.moneyKept).toBeLessThan(0);
    expect(d.parts.customersLostDirect).toBeGreaterThan(0);
  });

  it('on warranty (the repair costs the shop nothing) the money refusing keeps is exactly the fees billed', () => {
    const c = comparePolicies(scenario(false), [fee, free], { seed: 'warranty', replicates: 100 });
    const d = differenceOf(c, 'fee', 'free repair');
    const fees = c.summary.fee!.feesBilled!.mean;
    expect(d.parts.moneyKept).toBeCloseTo(150 * fees, 9);
    expect(fees).toBe(200); // everyone complains, every complaint is billed
  });
});

describe('the break-even value of a lost person', () => {
  it('word of mouth off, no silent customers: it is the money kept ÷ the extra churn, exactly', () => {
    const c = comparePolicies(scenario(false), [fee, free], { seed: 'fee', replicates: 400 });
    const d = differenceOf(c, 'fee', 'free repair');
    const moneyKept = c.summary.fee!.moneyKept!.mean - c.summary['free repair']!.moneyKept!.mean;
    const extraChurn = c.summary.fee!.directChurn!.mean - c.summary['free repair']!.directChurn!.mean;
    expect(d.breakEvenLossValue!.value).toBeCloseTo(moneyKept / extraChurn, 6);
    // DOMAIN.md: 150 kr against 6 points of extra churn breaks even at 150 / 0.06 = 2,500 kr,
    // the customer's lifetime value. The churn is drawn: within the delta-method error.
    expect(Math.abs(d.breakEvenLossValue!.value - 2500)).toBeLessThan(4 * d.breakEvenLossValue!.se!);
    // The money difference is the fee on each of the 200 incidents; handling is the same.
    expect(moneyKept).toBe(150 * 200);
  });

  it('under replacement valuation at an acquisition cost of the break-even value, the difference vanishes', () => {
    const first = comparePolicies(scenario({}, { acquisitionCost: 600, lossValuation: 'replacement' }), [fee, free], { seed: 'be', replicates: 300 });
    const be = differenceOf(first, 'free repair', 'fee').breakEvenLossValue!.value;
    const at = comparePolicies(scenario({}, { acquisitionCost: be, lossValuation: 'replacement' }), [fee, free], { seed: 'be', replicates: 300 });
    const d = differenceOf(at, 'free repair', 'fee').difference;
    expect(Math.abs(d.mean)).toBeLessThan(Math.max(1e-6, 3 * d.se!));
    // And it is linear: the same replicates valued at be give exactly money − be · people = 0 on average.
    const same = differenceOf(first, 'free repair', 'fee');
    expect(Math.abs(same.money - be * same.peopleLost)).toBeLessThan(1e-6 * Math.abs(same.money));
  });

  it('is null, with the reason, when one policy keeps more money and loses fewer people', () => {
    const waive: PolicySpec = { name: 'waive', decision: 'refuse', escalation: ladder };
    // Refusing without a fee against refusing with one: the fee keeps money; the customers'
    // churn is the same (both unresolved), so the people lost are the same.
    const c = comparePolicies(scenario(false), [fee, waive], { seed: 'dom', replicates: 100 });
    const d = differenceOf(c, 'fee', 'waive');
    expect(d.breakEvenLossValue).toBeNull();
    expect(d.breakEvenLossValueReason).toMatch(/lose the same number of people/);
  });
});

describe('both valuations, always visible', () => {
  it('acquisitionCost changes the replacement result and not the lifetime-value one', () => {
    const a = comparePolicies(scenario({}, { acquisitionCost: 300 }), [fee, free], { seed: 'acq', replicates: 100 });
    const b = comparePolicies(scenario({}, { acquisitionCost: 900 }), [fee, free], { seed: 'acq', replicates: 100 });
    const da = differenceOf(a, 'free repair', 'fee');
    const db = differenceOf(b, 'free repair', 'fee');
    expect(db.valuations['lifetime-value'].difference.mean).toBe(da.valuations['lifetime-value'].difference.mean);
    expect(db.difference.mean).toBe(da.difference.mean); // the headline uses lifetime value
    // The free repair saves people; each is worth 600 kr more at 900 than at 300.
    const moved = db.valuations.replacement!.difference.mean - da.valuations.replacement!.difference.mean;
    expect(moved).toBeCloseTo(600 * -db.peopleLost, 6);
    expect(moved).toBeGreaterThan(4 * db.valuations.replacement!.difference.se!);
  });

  it('without an acquisition cost the replacement line is left out, never zero', () => {
    const c = comparePolicies(scenario({}), [fee, free], { seed: 'none', replicates: 20 });
    expect(differenceOf(c, 'free repair', 'fee').valuations.replacement).toBeNull();
    expect(resolveEconomics({ margin: 1000 }).valuations.replacement).toBeNull();
  });

  it('a won prospect is worth what a lost one costs, under either valuation', () => {
    const counts = { cash: 0, handling: 0, customersLostDirect: 0, customersLostWordOfMouth: 0, prospectsLost: 3, prospectsWon: 3 };
    for (const loss of [600, 2500]) {
      const parts = new Float64Array(VALUE_PARTS.length);
      expect(valueParts(counts, loss, null, parts)).toBe(0);
      expect(parts[VALUE_PARTS.indexOf('prospectsWon')]).toBe(3 * loss);
    }
  });
});

describe('the win-back offer', () => {
  const counts = { cash: 100, handling: 20, customersLostDirect: 4, customersLostWordOfMouth: 1, prospectsLost: 2, prospectsWon: 0 };
  const economics = (offer: 'when-it-pays' | 'always', offerCost: number) =>
    resolveEconomics({ margin: 1000, retention: 0.8, discountRate: 0.12, winBack: { offerCost, successProbability: 0.2, offer } });

  it('is offered only where it pays, so it never lowers a policy\'s value', () => {
    const parts = new Float64Array(VALUE_PARTS.length);
    const none = valueParts(counts, 2500, null, parts);
    for (const offerCost of [0, 100, 499, 500, 501, 2000]) {
      const w = economics('when-it-pays', offerCost).winBack!;
      expect(valueParts(counts, 2500, w, parts)).toBeGreaterThanOrEqual(none);
    }
  });

  it('forced, it is made even at a loss; that is the old behaviour (its neutral setting)', () => {
    const parts = new Float64Array(VALUE_PARTS.length);
    const w = economics('always', 2000).winBack!;
    const none = valueParts(counts, 2500, null, parts);
    const forced = valueParts(counts, 2500, w, parts);
    // 5 lost customers, each offered 2,000 kr for a 20% chance of 2,500 kr back: −1,500 each.
    expect(forced - none).toBeCloseTo(5 * (0.2 * 2500 - 2000), 9);
  });

  it("a won-back customer's own retention values them: a less loyal one is worth less", () => {
    const loyal = resolveEconomics({ margin: 1000, winBack: { offerCost: 10, successProbability: 0.5 } }).winBack!;
    const fickle = resolveEconomics({ margin: 1000, winBack: { offerCost: 10, successProbability: 0.5, retention: 0.5 } }).winBack!;
    expect(loyal.worth).toBe(1);
    // CLV at 0.5 over CLV at 0.8 (discount 0.12): (0.5 / 0.62) / (0.8 / 0.32) = 0.3226…
    expect(fickle.worth).toBeCloseTo(0.5 / 0.62 / (0.8 / 0.32), 12);
    const a = moneyAndPeople(counts, 2500, loyal);
    const b = moneyAndPeople(counts, 2500, fickle);
    expect(b.people).toBeGreaterThan(a.people);
  });

  it('each policy may have its own offer, or none', () => {
    const withOffer: PolicySpec = { ...fee, name: 'fee + win-back', winBack: { offerCost: 100, successProbability: 0.5 } };
    const c = comparePolicies(scenario(false), [fee, withOffer], { seed: 'wb', replicates: 100 });
    expect(c.summary.fee!['parts.winBacks']!.mean).toBe(0);
    // 0.5 × 2,500 > 100: offered to every lost customer, each worth 1,150 kr on average.
    const lost = c.summary['fee + win-back']!.directChurn!.mean;
    expect(c.summary['fee + win-back']!['parts.winBacks']!.mean).toBeCloseTo(lost * (0.5 * 2500 - 100), 6);
  });
});
