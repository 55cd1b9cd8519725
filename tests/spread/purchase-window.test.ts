// Issue 12, item 5: the prospects' purchase probability is a chance within a stated
// window; stories move the choice of company (East, Hammond & Lomax's shifts, stated at a
// choice of 0.5), not whether the prospect buys in the category at all. Exact cases, the
// neutral setting (0.5: the numbers of main 0705db2 exactly), and the lever.
import { describe, expect, it } from 'vitest';
import {
  Role,
  SHIFT_PRIOR,
  SPREAD_DEFAULTS,
  assignRoles,
  comparePolicies,
  groups,
  prepareWordOfMouth,
  purchaseAfterHearing,
  purchaseSplit,
  runReplicatesSync,
  spreadWordOfMouth,
  type Scenario,
} from '../../src/index.js';
import { stars } from '../helpers/graphs.js';

const classic = { tellProbability: 1, transmission: 'plain', retellProbability: 0 } as const;

describe('the purchase probability within a window', () => {
  it('at 0.5 and above it is the original formula, in the same floating-point operations', () => {
    // main 0705db2: π' = π + (1 − π)(1 − (1 − 2s₊)^n₊) − π(1 − (1 − 2s₋)^n₋).
    for (const prior of [0.5, 0.6, 0.83, 1]) {
      for (const [neg, pos] of [[0.1, 0.2], [0.11, 0.2], [0.05, 0.35], [0.5, 0]]) {
        for (let nNeg = 0; nNeg <= 4; nNeg++) {
          for (let nPos = 0; nPos <= 4; nPos++) {
            const old = prior + (1 - prior) * (1 - Math.pow(1 - 2 * pos!, nPos)) - prior * (1 - Math.pow(1 - 2 * neg!, nNeg));
            expect(purchaseAfterHearing({ purchaseProbability: prior, negativeShift: neg!, positiveShift: pos! }, nNeg, nPos)).toBe(old);
          }
        }
      }
    }
  });

  it('below 0.5 a story moves the choice of a prospect who buys in the category with q = 2π', () => {
    // π = 0.14 = q·c with c = 0.5, q = 0.28. One negative story: c' = 0.4, π' = 0.112
    // (−0.028, a fifth of π as at 0.5). One positive: c' = 0.7, π' = 0.196. π' ≤ q always.
    const o = { purchaseProbability: 0.14, negativeShift: 0.1, positiveShift: 0.2 };
    expect(purchaseSplit(0.14)).toEqual({ inMarket: 0.28, choice: SHIFT_PRIOR });
    expect(purchaseSplit(0.14).inMarket * SHIFT_PRIOR).toBe(0.14);
    expect(purchaseAfterHearing(o, 0, 0)).toBe(0.14);
    expect(purchaseAfterHearing(o, 1, 0)).toBeCloseTo(0.112, 15);
    expect(purchaseAfterHearing(o, 0, 1)).toBeCloseTo(0.196, 15);
    expect(purchaseAfterHearing(o, 1, 1)).toBeCloseTo(0.168, 15);
    expect(purchaseAfterHearing(o, 0, 60)).toBeCloseTo(0.28, 12);
    expect(purchaseAfterHearing(o, 60, 0)).toBeCloseTo(0, 5);
    expect(purchaseSplit(0.7)).toEqual({ inMarket: 1, choice: 0.7 });
  });

  it('the default: 0.14 within 12 months', () => {
    expect(SPREAD_DEFAULTS.purchaseProbability).toBe(0.14);
    expect(SPREAD_DEFAULTS.purchaseWindowMonths).toBe(12);
  });

  it('prospects hearing one negative story: expected loss exactly 0.028 each at the default', () => {
    const network = stars(1, 200, Role.prospect);
    const kernel = prepareWordOfMouth(network, { ...classic, stories: [{ valence: 'negative', tellers: ['0'] }] });
    const result = runReplicatesSync(kernel, { seed: 3, replicates: 300, samples: true });
    expect(result.summary.expectedLostProspects!.mean).toBeCloseTo(200 * 0.028, 10);
    expect(result.summary.expectedLostProspects!.sd).toBe(0);
    // Realised losses ~ Binomial(200, 0.028) per replicate: SE √(200·0.028·0.972/300).
    expect(Math.abs(result.summary.lostProspects!.mean - 5.6)).toBeLessThan(4 * Math.sqrt((200 * 0.028 * 0.972) / 300));
  });

  it('purchaseProbability 0.5 gives the word-of-mouth numbers of main 0705db2 exactly', () => {
    // Printed by main 0705db2's spreadWordOfMouth for this network, stories and seed.
    const network = assignRoles(groups({ size: 3000, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.0005, seed: 'neutral' }), { customers: 0.3, prospects: 0.4 }, 'neutral');
    const r = spreadWordOfMouth(network, { purchaseProbability: 0.5, stories: [{ valence: 'negative', tellers: { count: 30 } }, { valence: 'positive', tellers: { count: 20 } }] }, 'neutral');
    expect(r.metrics).toMatchObject({
      reached: 255, reachedNegative: 159, reachedPositive: 100, tellers: 50, lostProspects: 8, expectedLostProspects: 5.3719999999999954, wonProspects: 4,
      expectedWonProspects: 5.7920000000000025, customersAtRisk: 34, churnedCustomers: 2, expectedChurnedCustomers: 0.9231250000000009, arcsExamined: 809, maxHop: 4,
    });
  });

  it('the lever: the dark number and referrals are proportional to it up to 0.5, in the one-shot comparison too', () => {
    // Who hears what does not depend on π, and the reactions draw one uniform per
    // prospect whatever π, so on one seed the expected lost and won prospects are exactly
    // proportional to π ≤ 0.5 (π' = π·c'/0.5).
    const network = assignRoles(groups({ size: 3000, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.0005, seed: 'lever' }), { customers: 0.3, prospects: 0.4 }, 'lever');
    const at = (purchaseProbability: number) =>
      spreadWordOfMouth(network, { purchaseProbability, stories: [{ valence: 'negative', tellers: { count: 30 } }, { valence: 'positive', tellers: { count: 20 } }] }, 'lever').metrics;
    const half = at(0.5);
    expect(half.expectedLostProspects).toBeGreaterThan(1);
    expect(half.expectedWonProspects).toBeGreaterThan(1);
    for (const p of [0.05, 0.14, 0.3]) {
      expect(at(p).expectedLostProspects).toBeCloseTo((half.expectedLostProspects * p) / 0.5, 9);
      expect(at(p).expectedWonProspects).toBeCloseTo((half.expectedWonProspects * p) / 0.5, 9);
    }
    // The one-shot comparison (PolicyKernel → WordOfMouthKernel's reaction) uses the same quantity.
    const scenario = (purchaseProbability: number): Scenario => ({
      network,
      incidents: { count: 80, severity: 'major', amount: 600 },
      spread: { purchaseProbability },
      economics: { margin: 1000 },
    });
    const policy = [{ name: 'fee', decision: 'refuse-with-fee' as const, fee: 200 }];
    const lost = (p: number) => comparePolicies(scenario(p), policy, { seed: 'lever', replicates: 50 }).summary.fee!.expectedLostProspects!.mean;
    const base = lost(0.5);
    expect(base).toBeGreaterThan(1);
    expect(lost(0.14)).toBeCloseTo(base * 0.28, 9);
  });
});
