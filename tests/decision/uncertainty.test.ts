// How sure are we? The probabilistic sensitivity analysis of a policy comparison, checked
// against what can be known exactly: a deterministic model whose difference is linear in
// one uncertain fee (EVPI in closed form, EVPPI of that fee equal to the EVPI, EVPPI of an
// irrelevant parameter ≈ 0), common random numbers (identical policies identical in every
// draw; the base case bit for bit what comparePolicies gives), the acceptability curve's
// ends, probabilities that sum to 1, the defaults' sources, and the refusals.
// Tolerances: Z = 4 standard errors, each SE stated where it is used.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DISTRIBUTIONS,
  REACTION_NEUTRAL,
  InvalidParameterError,
  UncertaintyKernel,
  analyseUncertainty,
  assignRoles,
  breakEven,
  comparePolicies,
  defaultOf,
  drawScenario,
  groups,
  parsePath,
  prepareUncertainty,
  resolvePolicies,
  runReplicatesSync,
  schemaAt,
  uncertainModelSchema,
  withDefaultDistributions,
  type UncertainPolicySpec,
  type UncertainScenario,
} from '../../src/index.js';

const Z = 4;
const network = assignRoles(groups({ size: 1500, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.002, seed: 'psa' }), { customers: 0.3, prospects: 0.3 }, 'psa');
const ladder = [{ name: 'desk', authorityLimit: 1000, delayDays: 0, handlingCost: 10, giveUpProbability: 0 }];

/**
 * Nothing random is left: everyone complains to the front line, every case is settled at
 * once, nobody leaves and no story spreads. Net value = fees kept − handling, so the fee
 * policy minus the fixed-fee policy is k·(fee − 40) exactly, k = 20 incidents.
 */
const deterministic: UncertainScenario = {
  network,
  incidents: { count: 20, amount: 600 },
  complaints: { probability: 1, channels: { frontLine: 1, headOffice: 0, public: 0 } },
  // The episode's reactions at their neutral settings: a fee's size does not change who stays.
  behaviour: { ...REACTION_NEUTRAL, repurchase: { major: { silent: 1, unresolved: 1, resolved: 1, resolvedQuickly: 1 } } },
  spread: false,
  // Valued people: none are lost, so retention cannot matter.
  economics: { margin: 800, retention: { dist: 'uniform', low: 0.7, high: 0.9 } },
};
const settled = { escalation: ladder, handOffProbability: 0, firstContactResolution: 1 } as const;
const feePolicies: UncertainPolicySpec[] = [
  { name: 'fixed fee', decision: 'refuse-with-fee', fee: 40, ...settled },
  { name: 'uncertain fee', decision: 'refuse-with-fee', fee: { dist: 'uniform', low: 0, high: 100 }, ...settled },
];

describe('a model whose difference is linear in one uncertain parameter', () => {
  const N = 2000;
  const r = analyseUncertainty(deterministic, feePolicies, { seed: 1, draws: N, replicatesPerDraw: 1, seSamples: 200 });

  it('the draws are what the model says: the difference is k·(fee − 40) in every draw', () => {
    const fee = r.result.samples!['parameter:policies[1].fee']!;
    const a = r.result.samples!['uncertain fee:drawNetValue']!;
    const b = r.result.samples!['fixed fee:drawNetValue']!;
    for (let j = 0; j < N; j++) expect(a[j]! - b[j]!).toBeCloseTo(20 * (fee[j]! - 40), 6);
  });

  it('EVPI matches the closed form: D = 20(U − 40), U ~ U(0, 100), EVPI = E[max(0, D)] − max(0, E[D]) = 360 − 200 = 160', () => {
    // E[max(0, D)] = 20·60²/(2·100) = 360, E[D] = 200; the estimate's se is evpi's own.
    expect(Math.abs(r.evpi.value - 160)).toBeLessThan(Z * r.evpi.se);
    expect(r.evpi.se).toBeGreaterThan(0);
  });

  it('EVPPI of the fee equals the EVPI (it alone drives the values); EVPPI of retention is 0 (nothing depends on it)', () => {
    const fee = r.evppi.find((x) => x.parameter === 'policies[1].fee')!;
    const retention = r.evppi.find((x) => x.parameter === 'economics.retention')!;
    // A linear function is fitted exactly by the unpenalised part of the spline.
    expect(Math.abs(fee.value - r.evpi.value)).toBeLessThan(1e-6 * r.evpi.value);
    expect(retention.value).toBeLessThanOrEqual(Z * retention.se + 1e-9 * r.evpi.value);
    expect(r.evppi[0]!.parameter).toBe('policies[1].fee');
  });

  it('the probability each policy is best: P(U > 40) = 0.6 within 4 SE, and they sum to 1', () => {
    const p = r.probabilityBest['uncertain fee']!;
    expect(Math.abs(p - 0.6)).toBeLessThan(Z * Math.sqrt((0.6 * 0.4) / N));
    expect(p + r.probabilityBest['fixed fee']!).toBeCloseTo(1, 12);
    const d = r.differences[0]!;
    // sd of D = 20·100/√12; se of its mean over N draws.
    expect(Math.abs(d.difference.mean - 200)).toBeLessThan((Z * 20 * 100) / Math.sqrt(12 * N));
    expect(d.probabilityBetter).toBeCloseTo(p, 12);
  });

  it('reports each uncertain parameter with its distribution and base case', () => {
    expect(r.parameters.map((p) => [p.parameter, p.distribution, p.central])).toEqual([
      ['economics.retention', 'uniform (0.7 to 0.9)', 0.8],
      ['policies[1].fee', 'uniform (0 to 100)', 50],
    ]);
    expect(r.parameters[1]!.description).toMatch(/fee billed.*“uncertain fee”/);
  });
});

/** Money and people both at stake: stories spread, customers leave, prospects are lost. */
const shop: UncertainScenario = {
  network,
  incidents: { count: 30, amount: 600 },
  behaviour: { repurchase: { major: { unresolved: { dist: 'beta', mean: 0.19, sd: 0.06, source: '[Q] TARP' } } } },
  spread: { tellProbability: { dist: 'pert', low: 0.2, mode: 0.4, high: 0.6 } },
  economics: { margin: 800, acquisitionCost: 600 },
};
const shopPolicies: UncertainPolicySpec[] = [
  { name: 'fee', decision: 'refuse-with-fee', fee: 200, escalation: ladder },
  { name: 'repair', decision: 'repair-or-replace', repairCost: { dist: 'gamma', mean: 600, sd: 150 }, escalation: ladder },
  { name: 'repair too', decision: 'repair-or-replace', repairCost: { dist: 'gamma', mean: 600, sd: 150 }, escalation: ladder },
];

describe('common random numbers and the base case', () => {
  const r = analyseUncertainty(shop, shopPolicies, { seed: 'crn', draws: 60, replicatesPerDraw: 3, replicates: 40, seSamples: 50 });

  it('every policy runs on the same draw: two identical policies agree in every draw, bit for bit', () => {
    const a = r.result.samples!['repair:drawNetValue']!;
    const b = r.result.samples!['repair too:drawNetValue']!;
    expect(Array.from(a)).toEqual(Array.from(b));
    // …and the linked repair cost is one parameter, drawn once for both.
    expect(r.parameters.map((p) => p.parameter)).toEqual(['behaviour.repurchase.major.unresolved', 'spread.tellProbability', 'policies[1,2].repairCost']);
  });

  it('draw j is what drawScenario gives for draw j', () => {
    for (const j of [0, 17, 59]) {
      const drawn = drawScenario(shop, shopPolicies, { seed: 'crn', draw: j });
      expect(drawn.values['spread.tellProbability']).toBe(r.result.samples!['parameter:spread.tellProbability']![j]);
      expect(drawn.policies[2]!.repairCost).toBe(r.result.samples!['parameter:policies[1].repairCost']![j]);
      expect((drawn.scenario.spread as { tellProbability: number }).tellProbability).toBe(drawn.values['spread.tellProbability']);
    }
  });

  it('the base case beside the draws is comparePolicies on the scenario at its means, bit for bit', () => {
    const central = comparePolicies(
      {
        ...shop,
        behaviour: { repurchase: { major: { unresolved: 0.19 } } },
        spread: { tellProbability: (0.2 + 4 * 0.4 + 0.6) / 6 },
      } as Parameters<typeof comparePolicies>[0],
      [
        { name: 'fee', decision: 'refuse-with-fee', fee: 200, escalation: ladder },
        { name: 'repair', decision: 'repair-or-replace', repairCost: 600, escalation: ladder },
        { name: 'repair too', decision: 'repair-or-replace', repairCost: 600, escalation: ladder },
      ],
      { seed: 'crn', replicates: 40 },
    );
    expect(r.comparison).not.toBeNull();
    for (const [name, column] of Object.entries(central.result.samples!)) expect(Array.from(r.comparison!.result.samples![name]!), name).toEqual(Array.from(column));
    expect(r.comparison!.differences).toEqual(central.differences);
  });

  it('the same seed gives the same draws; another seed others', () => {
    const again = analyseUncertainty(shop, shopPolicies, { seed: 'crn', draws: 20, replicatesPerDraw: 1, seSamples: 0 });
    expect(Array.from(again.result.samples!['parameter:spread.tellProbability']!)).toEqual(Array.from(r.result.samples!['parameter:spread.tellProbability']!.subarray(0, 20)));
    const other = drawScenario(shop, shopPolicies, { seed: 'other', draw: 0 });
    expect(other.values['spread.tellProbability']).not.toBe(r.result.samples!['parameter:spread.tellProbability']![0]);
  });
});

describe('the decision under uncertainty', () => {
  const r = analyseUncertainty(shop, shopPolicies.slice(0, 2), { seed: 5, draws: 200, replicatesPerDraw: 2, seSamples: 100, groups: { 'repurchase and reach': ['behaviour.repurchase.major.unresolved', 'spread.tellProbability'] } });

  it('probabilities best sum to 1, overall and at every value of a lost person', () => {
    expect(Object.values(r.probabilityBest).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const byValue = new Map<number, number>();
    for (const a of r.acceptability) byValue.set(a.lossValue, (byValue.get(a.lossValue) ?? 0) + a.probabilityBest);
    expect(byValue.size).toBe(31);
    for (const total of byValue.values()) expect(total).toBeCloseTo(1, 12);
  });

  it('at a loss value of 0 the policy that keeps the most money is favoured; at 3 lifetime values the one that loses fewest people', () => {
    const at = (lossValue: number, policy: string) => r.acceptability.find((a) => a.lossValue === lossValue && a.policy === policy)!.probabilityBest;
    // The fee is kept, the repair paid: at λ = 0 the fee policy is best in every draw.
    expect(at(0, 'fee')).toBe(1);
    const last = r.acceptability[r.acceptability.length - 1]!.lossValue;
    expect(last).toBeCloseTo(3 * r.lifetimeValue, 6);
    expect(at(last, 'repair')).toBeGreaterThan(0.9);
  });

  it('0 ≤ EVPPI ≤ EVPI for every parameter and group, ranked from the most valuable', () => {
    expect(r.evppi.length).toBe(4);
    for (const row of r.evppi) {
      expect(row.value).toBeGreaterThanOrEqual(0);
      expect(row.value).toBeLessThanOrEqual(r.evpi.value);
    }
    for (let i = 1; i < r.evppi.length; i++) expect(r.evppi[i - 1]!.value).toBeGreaterThanOrEqual(r.evppi[i]!.value);
    expect(r.evppi.find((x) => x.group)).toMatchObject({ parameter: 'repurchase and reach', parameters: ['behaviour.repurchase.major.unresolved', 'spread.tellProbability'], method: 'tensor-spline' });
  });
});

describe('refusals', () => {
  it('deterministic functions name the distribution and say what to use instead', () => {
    const withDistribution = { ...shop, behaviour: {}, spread: {}, economics: { margin: { dist: 'gamma', mean: 800, sd: 100 } } } as unknown as Parameters<typeof comparePolicies>[0];
    const policies = [{ name: 'fee', decision: 'refuse-with-fee', fee: 200 } as const];
    for (const run of [() => comparePolicies(withDistribution, policies, { seed: 1, replicates: 10 }), () => breakEven(withDistribution, [policies[0], { name: 'r', decision: 'repair-or-replace' }], { parameter: 'fee', low: 0, high: 500, seed: 1, replicates: 10 })]) {
      try {
        run();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidParameterError);
        expect((error as InvalidParameterError).problems).toEqual([expect.objectContaining({ path: ['scenario', 'economics', 'margin'], message: expect.stringMatching(/one value per parameter here \(to draw distributions, use analyseUncertainty\), received a gamma distribution$/) })]);
      }
    }
    expect(() => resolvePolicies([{ name: 'x', decision: 'refuse-with-fee', fee: { dist: 'uniform', low: 0, high: 9 } } as never])).toThrow(/policies\[0\]\.fee: .*use analyseUncertainty/);
  });

  it('a rule across fields must hold in every draw: refused with the draws that break it', () => {
    const scenario = { ...shop, behaviour: { positiveUpTo: { dist: 'uniform', low: 1, high: 4 }, negativeFrom: { dist: 'uniform', low: 3, high: 6 } } } as UncertainScenario;
    try {
      prepareUncertainty(scenario, shopPolicies, { seed: 2, draws: 100 });
      expect.unreachable();
    } catch (error) {
      const problems = (error as InvalidParameterError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]!.path[0]).toBe('behaviour');
      expect(problems[0]!.message).toMatch(/in every draw \(\d+ of 100 draws break it; the first, draw \d+ of seed 2, has behaviour\.positiveUpTo = [\d.]+, behaviour\.negativeFrom = [\d.]+\)/);
    }
    // Ranges that cannot overlap pass.
    const apart = { ...shop, behaviour: { positiveUpTo: { dist: 'uniform', low: 1, high: 2.5 }, negativeFrom: { dist: 'uniform', low: 3, high: 6 } } } as UncertainScenario;
    expect(() => prepareUncertainty(apart, shopPolicies, { seed: 2, draws: 100 })).not.toThrow();
  });

  it('refuses nothing to draw, too few draws, and a group naming no uncertain parameter', () => {
    const plain: UncertainScenario = { network, incidents: { count: 5, amount: 600 }, economics: { margin: 800 } };
    expect(() => analyseUncertainty(plain, shopPolicies.slice(0, 1), { seed: 1 })).toThrow(/at least one distribution to draw/);
    expect(() => analyseUncertainty(shop, shopPolicies, { seed: 1, draws: 10 })).toThrow(/options\.draws: expected an integer ≥ 20/);
    expect(() => prepareUncertainty(shop, shopPolicies, { seed: 1, draws: 20, groups: { g: ['economics.margin'] } })).toThrow(/options\.groups\.g\[0\]: expected the path of an uncertain parameter/);
  });

  it('the kernel needs the replicate index its runners pass', () => {
    const { plan } = prepareUncertainty(shop, shopPolicies, { seed: 1, draws: 20, replicatesPerDraw: 1 });
    const kernel = new UncertaintyKernel(network, plan.kernel);
    expect(() => kernel.run(undefined as never, new Float64Array(kernel.metricNames.length))).toThrow(/replicate/);
    const r = runReplicatesSync(kernel, { seed: 1, replicates: 20 });
    expect(r.metricNames).toContain('parameter:spread.tellProbability');
  });
});

describe('uncertainty: defaults', () => {
  it('places each default distribution only where the scenario leaves the parameter unset', () => {
    const model = { incidents: { count: 5, amount: 1, severity: 'major' }, spread: { tellProbability: 0.3 }, economics: { margin: 1 }, policies: [{ name: 'a', decision: 'refuse' }, { name: 'b', decision: 'refuse', firstContactResolution: 0.9 }] };
    const { model: placed, added } = withDefaultDistributions(model);
    expect(added).toContain('spread.retellProbability');
    expect(added).not.toContain('spread.tellProbability');
    expect(added).toContain('behaviour.repurchase.major.unresolved');
    expect(added).not.toContain('behaviour.repurchase.minor.unresolved');
    expect(added).toContain('policies[0].firstContactResolution');
    expect(added).not.toContain('policies[1].firstContactResolution');
    expect((placed as typeof model).spread.tellProbability).toBe(0.3);
    expect(model.spread).toEqual({ tellProbability: 0.3 });
    expect(withDefaultDistributions({ ...model, spread: false }).added.some((p) => p.startsWith('spread.'))).toBe(false);
    expect(withDefaultDistributions({ ...model, incidents: { ...model.incidents, moneyLoss: false } }).added).not.toContain('complaints.probability');
  });

  it("each default's mode (PERT), midpoint (uniform) or mean (beta) is the declared default, and each says where it comes from", () => {
    const base = { incidents: { count: 5, amount: 1 }, economics: { margin: 1 }, policies: [{ name: 'a', decision: 'refuse' }] };
    for (const entry of DEFAULT_DISTRIBUTIONS) {
      const d = entry.distribution;
      const centre = d.dist === 'pert' ? d.mode : d.dist === 'uniform' ? (d.low + d.high) / 2 : d.dist === 'beta' && 'mean' in d ? d.mean : NaN;
      const path = entry.path.replace('policies[]', 'policies[0]');
      const declared = path === 'complaints.probability' ? 0.625 : (defaultOf(schemaAt(uncertainModelSchema, parsePath(path), base)!)?.value as number);
      expect(centre, entry.path).toBeCloseTo(declared, 12);
      expect(d.source, entry.path).toMatch(/^\[(Q|A|S)\]/);
    }
  });
});
