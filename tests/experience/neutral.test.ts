// Every mechanism of issue 12 (money taken, valence from the recovery, silent customers
// who talk, giving up with hand-offs and waiting, tracking, compensation relative to the
// stake, follow-up calls to complainers) has a NEUTRAL setting. With every one of them
// neutral, comparePolicies gives bit-for-bit the numbers of the model before them.
//
// How the reference was obtained: on the unmodified branch point (main at 0705db2), the
// build (dist/) ran exactly this comparison — the network, the two scenarios and the five
// policies below, seed 'neutral', 200 replicates — and the means were printed with
// JSON.stringify (shortest round-trip form), pasted here unchanged. toBe compares exactly.
// The money columns (netValue, moneyKept, handlingCost, leverCost) also depend on the
// money model: a deliberate change there (issue 11) re-captures them the same way.
import { describe, expect, it } from 'vitest';
import { REACTION_NEUTRAL, assignRoles, comparePolicies, groups, type PolicySpec } from '../../src/index.js';

const REFERENCE: Record<string, Record<string, Record<string, number>>> = {
  major: {
    "fee": { netValue: -111327.1514229833, directChurn: 50.91, womChurn: 3.17, expectedLostProspects: 12.664229241599987, expectedWonProspects: 0, negativeTellers: 18.485, positiveTellers: 0, meanRemembered: 8.2545, complaints: 37.635, moneyKept: 7527, handlingCost: 1881.75, leverCost: 0, reached: 221.195 },
    "repair": { netValue: -131373.88737792967, directChurn: 38.16, womChurn: 1.82, expectedLostProspects: 7.076587999999995, expectedWonProspects: 0, negativeTellers: 10.55, positiveTellers: 0, meanRemembered: 5.8735, complaints: 44.255, moneyKept: -17177.5, handlingCost: 30888.95, leverCost: 1200, reached: 167.775 },
    "goodwill": { netValue: -117683.9283125, directChurn: 38.685, womChurn: 0.345, expectedLostProspects: 1.4869560000000002, expectedWonProspects: 0, negativeTellers: 8.395, positiveTellers: 0, meanRemembered: 5.235354166666667, complaints: 42.44, moneyKept: -16572.5, handlingCost: 29729.65, leverCost: 426.9, reached: 56.715 },
    "credit": { netValue: -109840.00089225448, directChurn: 38.635, womChurn: 3.23, expectedLostProspects: 12.37415567359999, expectedWonProspects: 0, negativeTellers: 18.485, positiveTellers: 0, meanRemembered: 6.259916666666666, complaints: 37.635, moneyKept: -8217.5, handlingCost: 6762.9, leverCost: 0, reached: 213.515 },
    "apology": { netValue: -109217.79350692136, directChurn: 50.91, womChurn: 2.04, expectedLostProspects: 8.412979999999994, expectedWonProspects: 0, negativeTellers: 18.485, positiveTellers: 0, meanRemembered: 6.686375000000001, complaints: 37.635, moneyKept: 0, handlingCost: 1881.75, leverCost: 0, reached: 214.885 },
  },
  minor: {
    "fee": { netValue: -89300.9095817166, directChurn: 48.47, womChurn: 0.875, expectedLostProspects: 3.7122654399999973, expectedWonProspects: 0, negativeTellers: 7.465, positiveTellers: 0, meanRemembered: 5.51125, complaints: 24.18, moneyKept: 4836, handlingCost: 1209, leverCost: 0, reached: 77.455 },
    "repair": { netValue: -97706.23882812499, directChurn: 38.395, womChurn: 0.445, expectedLostProspects: 1.8747999999999991, expectedWonProspects: 0, negativeTellers: 3.13, positiveTellers: 0, meanRemembered: 4.0955625, complaints: 40.68, moneyKept: -17500, handlingCost: 7388.9, leverCost: 1600, reached: 46.735 },
    "goodwill": { netValue: -83695.765078125, directChurn: 39.915, womChurn: 0.07, expectedLostProspects: 0.29963999999999996, expectedWonProspects: 0.7390999999999999, negativeTellers: 1.56, positiveTellers: 3.795, meanRemembered: 3.530671875, complaints: 35.385, moneyKept: -7627.5, handlingCost: 6418, leverCost: 434.2, reached: 27.76 },
    "credit": { netValue: -90980.34852978788, directChurn: 43.29, womChurn: 0.675, expectedLostProspects: 2.5826694399999974, expectedWonProspects: 0, negativeTellers: 1.39, positiveTellers: 0, meanRemembered: 4.2032968749999995, complaints: 24.18, moneyKept: -5198.75, handlingCost: 4380.65, leverCost: 0, reached: 35.365 },
    "apology": { netValue: -91442.72334374998, directChurn: 48.47, womChurn: 0.51, expectedLostProspects: 2.496491999999999, expectedWonProspects: 0, negativeTellers: 7.465, positiveTellers: 0, meanRemembered: 4.6045, complaints: 24.18, moneyKept: 0, handlingCost: 1209, leverCost: 0, reached: 72.165 },
  },
};

const network = assignRoles(groups({ size: 3000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.002, seed: 'neutral' }), { customers: 0.3, prospects: 0.3 }, 'neutral');
const ladder = [
  { name: 'front line', authorityLimit: 100, delayDays: 2, handlingCost: 40, giveUpProbability: 0.05 },
  { name: 'manager', authorityLimit: 300, delayDays: 7, handlingCost: 150, giveUpProbability: 0.1 },
  { name: 'director', authorityLimit: 5000, delayDays: 14, handlingCost: 600, giveUpProbability: 0.1 },
];
// The policy levers at their neutral settings are their defaults (no tracking, follow-up
// calls to silent customers only); written out here so the test says so.
const neutralPolicy = { tracking: false, followUpTarget: 'silent' } as const;
const policies: PolicySpec[] = [
  { name: 'fee', decision: 'refuse-with-fee', fee: 200, publicAnswer: 'delete' },
  { name: 'repair', decision: 'repair-or-replace', repairCost: 500, handOffProbability: 0.5, maxHandOffs: 4, escalation: ladder, followUpReach: 0.3, followUpCostPerContact: 20 },
  { name: 'goodwill', decision: 'goodwill', credit: 100, escalation: ladder, accessibility: 0.2, accessibilityCost: 5, publicAnswer: 'answer-well', publicAnswerCost: 30 },
  { name: 'credit', decision: 'partial-credit', credit: 250, escalation: ladder, publicAnswer: 'answer-badly' },
  { name: 'apology', decision: 'apology-only' },
].map((p) => ({ ...p, ...neutralPolicy }) as PolicySpec);

describe('every new lever at its neutral setting gives the old numbers exactly', () => {
  it.each([
    ['major', { count: 60, severity: 'major', amount: 400 }, { channels: { frontLine: 0.8, headOffice: 0.1, public: 0.1 } }],
    ['minor', { count: 80, severity: 'minor', amount: 150, moneyLoss: false }, { probability: 0.3 }],
  ] as const)('%s problems', (label, incidents, complaints) => {
    const c = comparePolicies(
      // purchaseProbability 0.5: the neutral setting of the purchase window (issue 12's projection half).
      { network, incidents, complaints, behaviour: { ...REACTION_NEUTRAL }, spread: { purchaseProbability: 0.5 }, economics: { margin: 700, acquisitionCost: 300 } },
      policies,
      { seed: 'neutral', replicates: 200 },
    );
    for (const [policy, metrics] of Object.entries(REFERENCE[label]!)) {
      for (const [metric, mean] of Object.entries(metrics)) expect(c.summary[policy]![metric]!.mean, `${policy} ${metric}`).toBe(mean);
    }
  });

  it('the reference exercises what the neutral settings must leave alone: fees, positive stories, follow-up, hand-offs', () => {
    expect(REFERENCE.minor!.goodwill!.positiveTellers).toBeGreaterThan(0);
    expect(REFERENCE.major!.fee!.moneyKept).toBeGreaterThan(0);
    expect(REFERENCE.major!.repair!.leverCost).toBeGreaterThan(0);
  });
});
