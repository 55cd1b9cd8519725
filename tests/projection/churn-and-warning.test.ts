// Issue 12, the projection half: churn from other causes (derived from the retention
// figure, total churn measured), the early warning (a sequential test with at most 5%
// false alarms with no problems, which tells the phone shop's policies apart), the
// public answer charged only when answered, the purchase window's marketing rate, and
// the neutral settings that give the numbers of main 0705db2 exactly.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assignRoles, buildNetwork, comparePolicies, groups, parseScenario, scenarioFromFile, type Network, type PolicySpec, type Scenario } from '../../src/index.js';
import { REACTION_NEUTRAL } from '../../src/index.js';
import { WARNING_TUNING_MONTHS, projectChurn, type ProjectionResult } from '../../src/projection/index.js';
import { meanSe } from '../helpers/graphs.js';

const circles = (size: number, customers: number, prospects: number, seed: string): Network =>
  assignRoles(groups({ size, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.0005, seed }), { customers, prospects }, seed);

/** Per-replicate values of one metric and month, in replicate order. */
const values = (r: ProjectionResult, policy: string, metric: string, month: number): number[] =>
  r.replicateRows!.filter((x) => x.policy === policy && x.metric === metric && x.month === month).map((x) => x.value);

/** Each replicate's warning month for one policy; never → horizon + 1. */
const warnings = (r: ProjectionResult, policy: string): number[] =>
  r.replicateWarnings!.filter((x) => x.policy === policy).map((x) => x.month ?? r.months + 1);

/** log of the binomial probability C(n, k) p^k (1 − p)^(n − k). */
function logBinomial(n: number, k: number, p: number): number {
  let c = 0;
  for (let i = 1; i <= k; i++) c += Math.log((n - k + i) / i);
  return c + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/**
 * Clopper–Pearson: the upper end of the one-sided 95% interval for a proportion, k
 * successes in n: the p at which P(X ≤ k) = 0.05 (bisection on the exact binomial CDF).
 */
function upper95(k: number, n: number): number {
  if (k >= n) return 1;
  const cdf = (p: number) => {
    let s = 0;
    for (let i = 0; i <= k; i++) s += Math.exp(logBinomial(n, i, p));
    return s;
  };
  let lo = k / n;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) > 0.05) lo = mid;
    else hi = mid;
  }
  return hi;
}

const ladder = [{ name: 'counter', authorityLimit: 1e6, delayDays: 2, handlingCost: 50, giveUpProbability: 0.05 }];

describe('neutral settings: the numbers of main 0705db2 exactly', () => {
  it('purchaseProbability 0.5, churn from other causes and marketing given as numbers', () => {
    // The old projection added annualChurnRate on top of the problems and balanced
    // marketing against it alone; giving both as numbers, with the prior of 0.5 and no
    // cost for public answers that are ignored, gives exactly the numbers the code of
    // main 0705db2 printed for this run (copied below). The early warning is a new
    // statistic, not a mechanism, and is not compared.
    const network = assignRoles(groups({ size: 3000, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.0005, seed: 'neutral' }), { customers: 0.3, prospects: 0.4 }, 'neutral');
    // REACTION_NEUTRAL: the episode half of issue 12 at its neutral settings (the old episode).
    const scenario: Scenario = { network, incidents: { count: 0, severity: 'minor', amount: 600 }, behaviour: { ...REACTION_NEUTRAL }, spread: { purchaseProbability: 0.5 }, economics: { margin: 1000 } };
    const policies: PolicySpec[] = [
      { name: 'fee', decision: 'refuse-with-fee', fee: 200, escalation: ladder },
      { name: 'goodwill', decision: 'goodwill', credit: 100, escalation: ladder, publicAnswer: 'answer-badly' },
    ];
    const r = projectChurn(scenario, policies, { seed: 'neutral', replicates: 3, months: 12, incidentRate: 0.05, annualChurnRate: 0.2, marketingRate: 0.02, perReplicate: true });
    const old: Record<string, number[]> = {
  'fee:6:customers': [805, 798, 812],
  'fee:6:prospects': [1274, 1275, 1270],
  'fee:6:lostProspects': [21, 27, 18],
  'fee:6:referrals': [0, 0, 0],
  'fee:6:churned': [34, 35, 41],
  'fee:6:baselineChurn': [13, 14, 13],
  'fee:6:directChurn': [20, 21, 28],
  'fee:6:womChurn': [1, 0, 0],
  'fee:6:serviceCost': [1650, 1200, 1650],
  'fee:12:customers': [724, 759, 772],
  'fee:12:prospects': [1342, 1296, 1297],
  'fee:12:lostProspects': [34, 45, 31],
  'fee:12:referrals': [0, 0, 0],
  'fee:12:churned': [34, 32, 25],
  'fee:12:baselineChurn': [11, 13, 8],
  'fee:12:directChurn': [22, 19, 16],
  'fee:12:womChurn': [1, 0, 1],
  'fee:12:serviceCost': [1200, 1000, 1000],
  'goodwill:6:customers': [872, 857, 869],
  'goodwill:6:prospects': [1209, 1217, 1225],
  'goodwill:6:lostProspects': [19, 26, 6],
  'goodwill:6:referrals': [2, 1, 2],
  'goodwill:6:churned': [23, 28, 29],
  'goodwill:6:baselineChurn': [15, 14, 13],
  'goodwill:6:directChurn': [8, 14, 16],
  'goodwill:6:womChurn': [0, 0, 0],
  'goodwill:6:serviceCost': [1650, 1250, 1750],
  'goodwill:12:customers': [838, 848, 855],
  'goodwill:12:prospects': [1236, 1213, 1236],
  'goodwill:12:lostProspects': [26, 39, 9],
  'goodwill:12:referrals': [0, 0, 0],
  'goodwill:12:churned': [24, 21, 19],
  'goodwill:12:baselineChurn': [13, 12, 10],
  'goodwill:12:directChurn': [11, 9, 9],
  'goodwill:12:womChurn': [0, 0, 0],
  'goodwill:12:serviceCost': [1300, 1100, 1200],
    };
    for (const [key, expected] of Object.entries(old)) {
      const [policy, month, metric] = key.split(':') as [string, string, string];
      expect(values(r, policy, metric, Number(month)), key).toEqual(expected);
    }
  });
});

describe('churn from other causes, and the total', () => {
  it('by default, problems nobody complains about bring total churn to 1 − retention', () => {
    // Nobody complains and word of mouth is off: every problem ends as TARP's "did not
    // complain" row (a major problem: 9% buy again), so churn from problems has the
    // monthly hazard i·(1 − 0.09) and the default churn from other causes h solves
    // (1 − h)(1 − i·0.91) = 0.8^(1/12). Closed form: 1 − 0.8/(1 − 0.01·0.91)^12.
    const network = circles(20_000, 0.4, 0.3, 'total');
    const scenario: Scenario = { network, incidents: { count: 0, severity: 'major', amount: 600 }, complaints: { probability: 0 }, spread: false, economics: { margin: 1000 } };
    const R = 40;
    const r = projectChurn(scenario, [{ name: 'any', decision: 'full-refund' }], { seed: 'total', replicates: R, months: 24, incidentRate: 0.01, perReplicate: true });
    const annual = 1 - 0.8 / Math.pow(1 - 0.01 * 0.91, 12);
    expect(r.parameters.annualChurnRate).toBeCloseTo(annual, 14);
    expect(annual).toBeCloseTo(0.10725, 5);
    expect(r.parameters.referenceChurnHazard).toBe(1 - Math.pow(0.8, 1 / 12));
    const a = r.assumptions.find((x) => x.parameter === 'annualChurnRate')!;
    expect(a).toMatchObject({ isDefault: true });
    expect(a.source).toMatch(/derived from scenario\.economics\.retention/);
    // Measured: each replicate's customers lost per customer-month, as a year.
    const perReplicate = Array.from({ length: R }, (_, i) => {
      let lost = 0;
      let exposure = 0;
      for (let t = 1; t <= 24; t++) {
        lost += values(r, 'any', 'churned', t)[i]!;
        exposure += values(r, 'any', 'customers', t - 1)[i]!;
      }
      return 1 - Math.pow(1 - lost / exposure, 12);
    });
    const s = meanSe(perReplicate);
    expect(Math.abs(s.mean - 0.2)).toBeLessThan(4 * s.se);
    // The result's total churn is the same measure on the means, split by cause.
    const total = r.totalChurn[0]!;
    expect(Math.abs(total.annual - 0.2)).toBeLessThan(4 * s.se);
    expect(total.baseline + total.problems + total.wordOfMouth).toBeCloseTo(total.annual, 12);
    expect(total.wordOfMouth).toBe(0);
    expect(Math.abs(total.baseline - annual)).toBeLessThan(0.01);
    const listed = r.assumptions.find((x) => x.parameter === 'total churn: any')!;
    expect(listed).toMatchObject({ value: total.annual, measured: true });
    expect(listed.source).toMatch(/other causes .* \+ problems .* \+ word of mouth/);
    // The monthly churn rate is churned over the customers at the start of the month.
    for (const t of [1, 12, 24]) {
      const rate = values(r, 'any', 'churnRate', t);
      const churned = values(r, 'any', 'churned', t);
      const before = values(r, 'any', 'customers', t - 1);
      rate.forEach((x, i) => expect(x).toBe(churned[i]! / before[i]!));
    }
  });

  it('the lever: more churn from other causes, more total churn', () => {
    // Same streams; annualChurnRate 0.05 → 0.3 raises the total by more than its SE.
    const network = circles(5000, 0.3, 0.4, 'lever');
    const scenario: Scenario = { network, incidents: { count: 0, amount: 600 }, economics: { margin: 1000 } };
    const run = (annualChurnRate: number) =>
      projectChurn(scenario, [{ name: 'p', decision: 'refuse' }], { seed: 'lever', replicates: 30, months: 24, annualChurnRate, marketingRate: 0.01, perReplicate: true });
    const low = run(0.05);
    const high = run(0.3);
    const d = meanSe(values(high, 'p', 'visibleLoss', 24).map((x, i) => x - values(low, 'p', 'visibleLoss', 24)[i]!));
    expect(d.mean - 4 * d.se).toBeGreaterThan(0);
    expect(high.totalChurn[0]!.annual).toBeGreaterThan(low.totalChurn[0]!.annual + 0.2);
  });
});

describe('public answers', () => {
  // Every complaint goes public: the cost of public answers is then cost × complaints.
  const network = circles(3000, 0.3, 0.4, 'public');
  const scenario: Scenario = { network, incidents: { count: 60, amount: 600 }, complaints: { channels: { frontLine: 0, headOffice: 0, public: 1 } }, economics: { margin: 1000 } };
  const base: PolicySpec = { name: 'p', decision: 'refuse', escalation: ladder };

  it('the projection charges publicAnswerCost only for complaints it answers', () => {
    const options = { seed: 'public', replicates: 4, months: 6, annualChurnRate: 0.2, perReplicate: true } as const;
    const r = projectChurn(
      scenario,
      [
        { ...base, name: 'ignore, free', publicAnswer: 'ignore' },
        { ...base, name: 'ignore, 50', publicAnswer: 'ignore', publicAnswerCost: 50 },
        { ...base, name: 'answer, free', publicAnswer: 'answer-well' },
        { ...base, name: 'answer, 50', publicAnswer: 'answer-well', publicAnswerCost: 50 },
      ],
      options,
    );
    for (let t = 1; t <= 6; t++) {
      // Ignoring costs nothing to answer, whatever the price of an answer (main 0705db2
      // charged it: 50 × complaints more).
      expect(values(r, 'ignore, 50', 'serviceCost', t)).toEqual(values(r, 'ignore, free', 'serviceCost', t));
      const complaints = values(r, 'answer, 50', 'complaints', t);
      expect(complaints).toEqual(values(r, 'answer, free', 'complaints', t));
      values(r, 'answer, 50', 'serviceCost', t).forEach((x, i) => expect(x - values(r, 'answer, free', 'serviceCost', t)[i]!).toBe(50 * complaints[i]!));
    }
    expect(values(r, 'answer, 50', 'complaints', 1).some((x) => x > 0)).toBe(true);
  });

  it('counts the public complaints: all of them when every complaint goes public, none when none does', () => {
    const policies = [{ ...base, name: 'answer', publicAnswer: 'answer-well' as const }];
    const options = { seed: 'public count', replicates: 4, months: 6, annualChurnRate: 0.2, perReplicate: true } as const;
    const all = projectChurn(scenario, policies, options);
    const none = projectChurn({ ...scenario, complaints: { channels: { frontLine: 1, headOffice: 0, public: 0 } } }, policies, options);
    for (let t = 1; t <= 6; t++) {
      expect(values(all, 'answer', 'publicComplaints', t)).toEqual(values(all, 'answer', 'complaints', t));
      expect(values(none, 'answer', 'publicComplaints', t).every((x) => x === 0)).toBe(true);
    }
    expect(values(all, 'answer', 'publicComplaints', 1).some((x) => x > 0)).toBe(true);
  });

  it('the one-shot comparison charges it the same way', () => {
    const c = comparePolicies(
      scenario,
      [
        { ...base, name: 'ignore, 50', publicAnswer: 'ignore', publicAnswerCost: 50 },
        { ...base, name: 'answer, 50', publicAnswer: 'answer-well', publicAnswerCost: 50 },
      ],
      { seed: 'public', replicates: 20 },
    );
    const samples = c.result.samples!;
    samples['ignore, 50:leverCost']!.forEach((x) => expect(x).toBe(0));
    samples['answer, 50:leverCost']!.forEach((x, i) => expect(x).toBe(50 * samples['answer, 50:complaintsPublic']![i]!));
    expect(c.summary['answer, 50']!.complaintsPublic!.mean).toBeGreaterThan(0);
  });
});

describe('the purchase window in the projection', () => {
  it('marketingRate "purchase" is the monthly equivalent of spread.purchaseProbability, and the window acts', () => {
    const network = circles(5000, 0.3, 0.4, 'window');
    const make = (purchaseWindowMonths: number): Scenario => ({ network, incidents: { count: 0, amount: 600 }, spread: { purchaseProbability: 0.3, purchaseWindowMonths }, economics: { margin: 1000 } });
    const options = { seed: 'window', replicates: 20, months: 24, incidentRate: 0, marketingRate: 'purchase', perReplicate: true } as const;
    const year = projectChurn(make(12), [{ name: 'p', decision: 'refuse' }], options);
    const twoYears = projectChurn(make(24), [{ name: 'p', decision: 'refuse' }], options);
    expect(year.parameters.marketingRate).toBe(1 - Math.pow(0.7, 1 / 12));
    expect(twoYears.parameters.marketingRate).toBe(1 - Math.pow(0.7, 1 / 24));
    // The same chance spread over a longer window: fewer prospects won a month.
    const d = meanSe(values(year, 'p', 'customers', 24).map((x, i) => x - values(twoYears, 'p', 'customers', 24)[i]!));
    expect(d.mean - 4 * d.se).toBeGreaterThan(0);
    // With "balanced", the assumptions set the prospects' own monthly chance beside it.
    const balanced = projectChurn(make(12), [{ name: 'p', decision: 'refuse' }], { ...options, marketingRate: 'balanced' });
    expect(balanced.assumptions.find((a) => a.parameter === 'marketingRate')!.source).toMatch(/prospects' own chance of buying is 0\.02929 a month \(spread\.purchaseProbability 0\.3 within 12 months\); this rate is 0\.47× that/);
  });

  it('the default purchase probability is the phone-shop town\'s balanced conversion over a year', () => {
    // Derived: balanced marketing converts h·C₀/P₀ a month, h = 1 − 0.8^(1/12), with 2
    // customers per 3 prospects; over 12 months 1 − (1 − h·2/3)^12 = 0.1378 → 0.14.
    const h = 1 - Math.pow(0.8, 1 / 12);
    const year = 1 - Math.pow(1 - (h * 2) / 3, 12);
    expect(year).toBeCloseTo(0.1378, 4);
    const file = parseScenario(readFileSync(fileURLToPath(new URL('../../examples/scenarios/phone-shop.yaml', import.meta.url)), 'utf8'), 'phone-shop.yaml');
    const { scenario, policies } = scenarioFromFile(file, buildNetwork(file, file.seed!));
    const r = projectChurn(scenario, policies.slice(0, 1), { seed: 1, replicates: 2, months: 1 });
    expect(r.parameters.marketingRate).toBeCloseTo((h * 2) / 3, 12);
    // The monthly equivalent of the default 0.14 within 12 months is within 2% of it.
    const monthly = 1 - Math.pow(1 - 0.14, 1 / 12);
    expect(Math.abs(monthly / r.parameters.marketingRate - 1)).toBeLessThan(0.02);
    expect(r.assumptions.find((a) => a.parameter === 'spread.purchaseProbability')).toMatchObject({ value: 0.14, isDefault: true });
  });
});

describe('the early warning', () => {
  it('goes off in at most 5% of runs with no problems over 36 months (binomial bound), in a town and in a small shop', () => {
    // With no problems, acquisitions ~ Binomial(P, m) and losses ~ Binomial(C, h) given
    // the stocks, so the standardised shortfalls have mean 0 and variance 1 and the
    // normal-mixture boundary is crossed with probability ≤ 5% (Ville's inequality; the
    // boundary is two-sided, so the one-sided rate is about half that). We count false
    // alarms in n runs and require the upper end of the one-sided 95% Clopper–Pearson
    // interval to be below 5%.
    const cases: Array<[string, Network, number]> = [
      ['phone-shop town', assignRoles(groups({ size: 20_000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.0003, seed: 'fa' }), { customers: 0.2, prospects: 0.3 }, 'fa'), 1000],
      ['20 customers', assignRoles(groups({ size: 200, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001, seed: 'fa' }), { customers: 0.1, prospects: 0.5 }, 'fa'), 3000],
    ];
    for (const [name, network, n] of cases) {
      const r = projectChurn({ network, incidents: { count: 0, amount: 600 }, economics: { margin: 1000 } }, [{ name: 'p', decision: 'refuse' }], {
        seed: 'false alarms', replicates: n, months: 36, incidentRate: 0,
      });
      const k = r.earlyWarning[0]!.crossed;
      expect(upper95(k, n), `${name}: ${k} false alarms in ${n} runs`).toBeLessThan(0.05);
    }
    // The bound itself: 0 of 59 runs already gives an upper end below 5%; 50 of 1000 does not.
    expect(upper95(0, 59)).toBeLessThan(0.05);
    expect(upper95(50, 1000)).toBeGreaterThan(0.05);
  });

  it('goes off sooner under "refuse, bill 200 kr" than under "free repair" in the phone shop', () => {
    // The phone shop's own scenario file, projection as it states (36 months). On the same
    // streams, each replicate's warning month under the free repair minus the month under
    // the fee (never = 37): mean > 4 SE.
    const file = parseScenario(readFileSync(fileURLToPath(new URL('../../examples/scenarios/phone-shop.yaml', import.meta.url)), 'utf8'), 'phone-shop.yaml');
    const { scenario, policies } = scenarioFromFile(file, buildNetwork(file, file.seed!));
    const r = projectChurn(scenario, policies, { ...file.projection, seed: file.seed!, replicates: 200, perReplicate: true });
    const fee = warnings(r, 'refuse, bill 200 kr');
    const repair = warnings(r, 'free repair');
    const d = meanSe(repair.map((x, i) => x - fee[i]!));
    expect(d.mean - 4 * d.se).toBeGreaterThan(0);
    const by3 = (policy: string) => r.earlyWarningRows.find((x) => x.policy === policy && x.month === 3)!.cumulativeShare;
    expect(by3('refuse, bill 200 kr')).toBeGreaterThan(by3('free repair'));
  });

  it('is the documented rule: recomputed from the replicate rows', () => {
    // S_t = Σ (A − L − (m·P − h·C)) / √(m(1 − m)·P + h(1 − h)·C) over the months so far, P
    // and C at the start of each month; the warning is the first t with
    // S_t ≤ −√((t + ρ)(ln(1 + t/ρ) + 2 ln(1/α))).
    const network = circles(4000, 0.3, 0.4, 'rule');
    const scenario: Scenario = { network, incidents: { count: 0, severity: 'major', amount: 600 }, economics: { margin: 1000 } };
    const fee: PolicySpec = { name: 'fee', decision: 'refuse-with-fee', fee: 200, escalation: ladder };
    const refund: PolicySpec = { name: 'refund', decision: 'full-refund', escalation: ladder };
    const r = projectChurn(scenario, [fee, refund], { seed: 'rule', replicates: 30, months: 24, incidentRate: 0.004, warningFalseAlarmRate: 0.1, perReplicate: true });
    const m = r.parameters.marketingRate;
    const h = r.parameters.monthlyChurnHazard;
    let fired = 0;
    for (const policy of ['fee', 'refund']) {
      const got = warnings(r, policy);
      for (let i = 0; i < 30; i++) {
        let s = 0;
        let month = 25;
        for (let t = 1; t <= 24; t++) {
          const c = values(r, policy, 'customers', t - 1)[i]!;
          const p = values(r, policy, 'prospects', t - 1)[i]!;
          const net = values(r, policy, 'acquired', t)[i]! - values(r, policy, 'churned', t)[i]!;
          s += (net - (m * p - h * c)) / Math.sqrt(m * (1 - m) * p + h * (1 - h) * c);
          if (s <= -Math.sqrt((t + WARNING_TUNING_MONTHS) * (Math.log(1 + t / WARNING_TUNING_MONTHS) + 2 * Math.log(1 / 0.1)))) {
            month = t;
            break;
          }
        }
        expect(got[i], `${policy}, replicate ${i}`).toBe(month);
        if (month <= 24) fired++;
      }
    }
    expect(fired).toBeGreaterThan(0);
  });

  it('the lever: a higher false-alarm rate never goes off later, and sometimes sooner', () => {
    // The boundary falls as α rises, on the same streams: month(α = 0.3) ≤ month(α = 0.01).
    const network = circles(4000, 0.3, 0.4, 'alpha');
    const scenario: Scenario = { network, incidents: { count: 0, severity: 'major', amount: 600 }, economics: { margin: 1000 } };
    const run = (warningFalseAlarmRate: number) =>
      projectChurn(scenario, [{ name: 'fee', decision: 'refuse-with-fee', fee: 200, escalation: ladder }], {
        seed: 'alpha', replicates: 40, months: 36, incidentRate: 0.003, warningFalseAlarmRate, perReplicate: true,
      });
    const strict = warnings(run(0.01), 'fee');
    const loose = warnings(run(0.3), 'fee');
    loose.forEach((x, i) => expect(x).toBeLessThanOrEqual(strict[i]!));
    const d = meanSe(strict.map((x, i) => x - loose[i]!));
    expect(d.mean - 4 * d.se).toBeGreaterThan(0);
  });
});
