// Month-by-month projections: the closed form of baseline churn, a flat balanced market,
// the one-shot dark number reproduced by one month, cascades crossing month boundaries,
// the ordering of a worse policy on common random numbers, determinism, tidy rows,
// the early warning, and validation.
import { describe, expect, it } from 'vitest';
import {
  InvalidParameterError,
  assignRoles,
  estimateDarkNumber,
  groups,
  type Network,
  type PolicySpec,
  type Scenario,
} from '../../src/index.js';
import { PROJECTION_METRICS, METRIC_KINDS, projectChurn, projectChurnAsync, type ProjectionResult, type ProjectionRow } from '../../src/projection/index.js';
import { meanSe } from '../helpers/graphs.js';

const circles = (size: number, customers: number, prospects: number, seed: string): Network =>
  assignRoles(groups({ size, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.0005, seed }), { customers, prospects }, seed);

const row = (r: ProjectionResult, policy: string, metric: string, month: number): ProjectionRow =>
  r.rows.find((x) => x.policy === policy && x.metric === metric && x.month === month)!;

/** Per-replicate values of one metric and month, in replicate order. */
function values(r: ProjectionResult, policy: string, metric: string, month: number): number[] {
  return r.replicateRows!.filter((x) => x.policy === policy && x.metric === metric && x.month === month).map((x) => x.value);
}

const ladder = [{ name: 'counter', authorityLimit: 1e6, delayDays: 2, handlingCost: 50, giveUpProbability: 0.05 }];
const refund: PolicySpec = { name: 'refund', decision: 'full-refund', escalation: ladder };
const fee: PolicySpec = { name: 'fee', decision: 'refuse-with-fee', fee: 200, escalation: ladder };

describe('baseline churn only', () => {
  const network = circles(20_000, 0.5, 0.2, 'baseline');
  const quiet: Scenario = { network, incidents: { count: 0, amount: 600 }, spread: false, economics: { margin: 1200 } };

  it('the mean customer count follows 0.8^(t/12) of the start: 32.77% left after 60 months', () => {
    const R = 100;
    const r = projectChurn(quiet, [refund], { seed: 'closed-form', replicates: R, incidentRate: 0, marketingRate: 0 });
    const c0 = 10_000;
    expect(row(r, 'refund', 'customers', 0).mean).toBe(c0);
    // Monthly hazard h = 1 − 0.8^(1/12); each customer survives t months with
    // S(t) = (1 − h)^t = 0.8^(t/12), independently, so C(t) ~ Binomial(C₀, S(t)) and the
    // mean of R replicates has SE √(C₀·S·(1 − S)/R).
    expect(r.parameters.monthlyChurnHazard).toBeCloseTo(1 - Math.pow(0.8, 1 / 12), 15);
    for (const t of [1, 12, 24, 36, 48, 60]) {
      const survival = Math.pow(0.8, t / 12);
      const se = Math.sqrt((c0 * survival * (1 - survival)) / R);
      expect(Math.abs(row(r, 'refund', 'customers', t).mean - c0 * survival)).toBeLessThan(4 * se);
    }
    expect(Math.pow(0.8, 5)).toBeCloseTo(0.3277, 4);
    // Revenue is margin/12 per customer per month.
    expect(row(r, 'refund', 'revenue', 60).mean).toBeCloseTo(100 * row(r, 'refund', 'customers', 60).mean, 6);
    // Everyone who left is visible churn; nobody was turned away unseen.
    expect(row(r, 'refund', 'visibleLoss', 60).mean).toBeCloseTo(c0 - row(r, 'refund', 'customers', 60).mean, 6);
    expect(row(r, 'refund', 'invisibleLoss', 60).mean).toBe(0);
    // The 20% a year is flagged as an assumption. With no problems, churn from other
    // causes is the whole of 1 − retention, and the measured total is that too.
    const churn = r.assumptions.find((a) => a.parameter === 'annualChurnRate')!;
    expect(churn.isDefault).toBe(true);
    expect(churn.value).toBe(0.2);
    expect(churn.source).toMatch(/\[F\]/);
    expect(churn.source).toMatch(/other than problems/);
  });

  it('a balanced market (the default marketing rate) stays flat in expectation', () => {
    // With churned customers back in the market and m = h·C₀/P₀, E[C] and E[P] solve
    // a linear system at its fixed point: E[C(t)] = C₀ for every t. SE from the replicates.
    const r = projectChurn(quiet, [refund], { seed: 'flat', replicates: 60, incidentRate: 0, months: 36, perReplicate: true });
    for (const t of [6, 18, 36]) {
      const s = meanSe(values(r, 'refund', 'customers', t));
      expect(Math.abs(s.mean - 10_000)).toBeLessThan(4 * s.se);
    }
    expect(r.assumptions.find((a) => a.parameter === 'marketingRate')!.source).toMatch(/balanced/);
  });
});

describe('word of mouth month by month', () => {
  it('one month with retellDelayMonths 0 has the one-shot dark number of PolicyKernel', () => {
    // Every customer has an incident in month 1 (incidentRate 1), so the month's tellers
    // are exactly PolicyKernel's with incidents.count = all customers, and with no delay
    // the whole cascade runs in month 1. Lost and won prospects in month 1 then have the
    // one-shot law: means agree within 4·√(se₁² + se₂²) (independent runs).
    const network = circles(3000, 0.1, 0.5, 'one-shot');
    const scenario: Scenario = {
      network,
      incidents: { count: 300, severity: 'minor', amount: 300 },
      economics: { margin: 1000 },
    };
    const goodwill: PolicySpec = { name: 'goodwill', decision: 'goodwill', credit: 50, escalation: ladder };
    for (const policy of [fee, goodwill]) {
      const R = 300;
      const p = projectChurn(scenario, [policy], { seed: 'month', replicates: R, months: 1, incidentRate: 1, annualChurnRate: 0.2, retellDelayMonths: 0, perReplicate: true });
      const d = estimateDarkNumber(scenario, policy, { seed: 'one-shot', replicates: R });
      const lost = meanSe(values(p, policy.name, 'lostProspects', 1));
      const won = meanSe(values(p, policy.name, 'referrals', 1));
      const dl = d.summary.lostProspects!;
      const dw = d.summary.wonProspects!;
      expect(Math.abs(lost.mean - dl.mean)).toBeLessThan(4 * Math.hypot(lost.se, dl.se!) + 1e-9);
      expect(Math.abs(won.mean - dw.mean)).toBeLessThan(4 * Math.hypot(won.se, dw.se!) + 1e-9);
      if (policy === fee) expect(lost.mean).toBeGreaterThan(5);
      else expect(won.mean).toBeGreaterThan(1);
    }
  });

  it('a cascade crosses month boundaries: one hop per month', () => {
    // Month 1: every customer has a silent major problem (remembered 7: a negative story,
    // told for sure), leaves and relays nothing more; nothing else happens afterwards
    // (no churn, no marketing, no customers left). Whatever prospects hear in months 2
    // and 3 comes from listeners retelling a month later.
    const network = circles(4000, 0.1, 0.6, 'hops');
    const scenario: Scenario = {
      network,
      incidents: { count: 0, severity: 'major', amount: 600 },
      complaints: { probability: 0 },
      behaviour: {
        negativeTalkProbability: 1,
        repurchase: { minor: { silent: 0, unresolved: 0, resolved: 0, resolvedQuickly: 0 }, major: { silent: 0, unresolved: 0, resolved: 0, resolvedQuickly: 0 } },
      },
      spread: { retellProbability: 0.8, retellDecay: 1 },
      economics: { margin: 1000 },
    };
    const options = { replicates: 40, months: 3, incidentRate: 1, marketingRate: 0, annualChurnRate: 0, afterChurn: 'bystander', perReplicate: true } as const;
    const delayed = projectChurn(scenario, [refund], { ...options, seed: 'hops' });
    expect(row(delayed, 'refund', 'customers', 1).mean).toBe(0);
    const reached2 = meanSe(values(delayed, 'refund', 'reachedNegative', 2));
    expect(reached2.mean - 4 * reached2.se).toBeGreaterThan(0);
    const gained = values(delayed, 'refund', 'lostProspects', 2).map((x, i) => x - values(delayed, 'refund', 'lostProspects', 1)[i]!);
    const g = meanSe(gained);
    expect(g.mean - 4 * g.se).toBeGreaterThan(0);
    // Without a delay the whole cascade happens in month 1 and month 2 is silent.
    const instant = projectChurn(scenario, [refund], { ...options, seed: 'hops', retellDelayMonths: 0 });
    expect(values(instant, 'refund', 'reachedNegative', 2).every((x) => x === 0)).toBe(true);
    expect(values(instant, 'refund', 'lostProspects', 3)).toEqual(values(instant, 'refund', 'lostProspects', 1));
  });
});

describe('policies on common random numbers', () => {
  const network = circles(10_000, 0.3, 0.4, 'policies');
  const scenario: Scenario = { network, incidents: { count: 0, amount: 600 }, economics: { margin: 1000 } };
  const R = 60;
  const result = projectChurn(scenario, [fee, refund], { seed: 'crn', replicates: R, months: 36, incidentRate: 0.02, perReplicate: true });

  it('a policy that ends every handled complaint worse never projects more customers', () => {
    // The fee ends every complaint at pain 9 and unresolved; the refund settles it. On
    // the same streams, the paired difference fee − refund in month t has mean ≤ 0:
    // we check mean(d) ≤ 4·SE(d) in every month, and that by month 36 the fee is
    // significantly worse (mean(d) + 4·SE(d) < 0).
    for (let t = 1; t <= 36; t++) {
      const a = values(result, 'fee', 'customers', t);
      const b = values(result, 'refund', 'customers', t);
      const d = meanSe(a.map((x, i) => x - b[i]!));
      if (d.se === 0) expect(d.mean).toBeLessThanOrEqual(0);
      else expect(d.mean).toBeLessThanOrEqual(4 * d.se);
    }
    const a = values(result, 'fee', 'customers', 36);
    const b = values(result, 'refund', 'customers', 36);
    const d = meanSe(a.map((x, i) => x - b[i]!));
    expect(d.mean + 4 * d.se).toBeLessThan(0);
    // The dark number is larger under the fee.
    expect(row(result, 'fee', 'lostProspects', 36).mean).toBeGreaterThan(row(result, 'refund', 'lostProspects', 36).mean);
  });

  it('both policies meet the same incidents in month 1; two copies of one policy agree exactly', () => {
    expect(values(result, 'fee', 'incidents', 1)).toEqual(values(result, 'refund', 'incidents', 1));
    // Every draw (incidents, episodes, spread, churn, marketing) is shared, so the same
    // policy under two names gives identical replicates.
    const twins = projectChurn(scenario, [fee, { ...fee, name: 'fee again' }], { seed: 'twins', replicates: 5, months: 24, incidentRate: 0.05, annualChurnRate: 0.2, perReplicate: true });
    for (const m of PROJECTION_METRICS) {
      for (const t of [1, 12, 24]) expect(values(twins, 'fee again', m, t)).toEqual(values(twins, 'fee', m, t));
    }
  });

  it('rows are tidy: no NaN, ordered quantiles, month 0 only for stocks and totals', () => {
    const months = 36;
    expect(result.rows).toHaveLength(
      2 * (PROJECTION_METRICS.length * months + PROJECTION_METRICS.filter((m) => METRIC_KINDS[m] !== 'flow').length),
    );
    for (const r of result.rows) {
      expect(r.scenario).toBe('scenario');
      for (const k of ['mean', 'p05', 'p25', 'p50', 'p75', 'p95'] as const) expect(Number.isFinite(r[k])).toBe(true);
      expect(r.se === null || Number.isFinite(r.se)).toBe(true);
      expect(r.p05).toBeLessThanOrEqual(r.p25);
      expect(r.p25).toBeLessThanOrEqual(r.p50);
      expect(r.p50).toBeLessThanOrEqual(r.p75);
      expect(r.p75).toBeLessThanOrEqual(r.p95);
      if (r.month === 0) expect(METRIC_KINDS[r.metric]).not.toBe('flow');
    }
    expect(result.replicateRows).toHaveLength(R * result.rows.length);
    for (const r of result.replicateRows!) expect(Number.isFinite(r.value)).toBe(true);
    // Stocks and flows agree: C(t) = C(t − 1) + acquired − churned.
    const c = (t: number) => values(result, 'fee', 'customers', t);
    const acq = values(result, 'fee', 'acquired', 10);
    const out = values(result, 'fee', 'churned', 10);
    c(10).forEach((x, i) => expect(x).toBe(c(9)[i]! + acq[i]! - out[i]!));
    for (const w of result.earlyWarning) {
      expect(w.crossed + w.neverCrossed).toBe(R);
      expect(Number.isFinite(w.shareCrossed)).toBe(true);
    }
  });

  it('does not touch the network it was given', () => {
    const before = network.role.slice();
    projectChurn(scenario, [fee], { seed: 'touch', replicates: 2, months: 12, incidentRate: 0.05, annualChurnRate: 0.2 });
    expect(network.role).toEqual(before);
  });
});

describe('determinism', () => {
  const network = circles(3000, 0.3, 0.4, 'determinism');
  const scenario: Scenario = { network, incidents: { count: 0, amount: 600 }, economics: { margin: 1000 } };
  const options = { months: 12, incidentRate: 0.05, annualChurnRate: 0.2, perReplicate: true } as const;

  it('the same seed gives identical rows; another seed different ones; chunks add up', async () => {
    const a = projectChurn(scenario, [fee, refund], { ...options, seed: 7, replicates: 20 });
    const b = projectChurn(scenario, [fee, refund], { ...options, seed: 7, replicates: 20 });
    const c = projectChurn(scenario, [fee, refund], { ...options, seed: 8, replicates: 20 });
    expect(b.rows).toEqual(a.rows);
    expect(b.replicateRows).toEqual(a.replicateRows);
    expect(c.rows).not.toEqual(a.rows);
    const first = projectChurn(scenario, [fee, refund], { ...options, seed: 7, replicates: { from: 0, to: 8 } });
    const rest = projectChurn(scenario, [fee, refund], { ...options, seed: 7, replicates: { from: 8, to: 20 } });
    const key = (r: { policy: string; replicate: number; month: number; metric: string }) => `${r.policy}|${r.replicate}|${r.month}|${r.metric}`;
    const joined = new Map([...first.replicateRows!, ...rest.replicateRows!].map((r) => [key(r), r.value]));
    for (const r of a.replicateRows!) expect(joined.get(key(r))).toBe(r.value);
    // A policy's numbers do not depend on which other policies run beside it.
    const alone = projectChurn(scenario, [refund], { ...options, seed: 7, replicates: 20 });
    expect(alone.rows).toEqual(a.rows.filter((r) => r.policy === 'refund'));
    // The async runner gives the same numbers.
    const d = await projectChurnAsync(scenario, [fee, refund], { ...options, seed: 7, replicates: 20 });
    expect(d.rows).toEqual(a.rows);
  });
});

describe('the early warning', () => {
  const network = circles(5000, 0.3, 0.4, 'warning');
  const scenario: Scenario = { network, incidents: { count: 0, amount: 600 }, spread: false, economics: { margin: 1000 } };

  it('counts replicates that never go off, without NaN', () => {
    // No churn at all and no problems: acquisitions only ever exceed losses of zero.
    const r = projectChurn(scenario, [refund], { seed: 1, replicates: 10, months: 24, incidentRate: 0, annualChurnRate: 0, marketingRate: 0.05 });
    const w = r.earlyWarning[0]!;
    expect(w).toMatchObject({ crossed: 0, neverCrossed: 10, shareCrossed: 0, month: null, falseAlarmRate: 0.05 });
    expect(r.earlyWarningRows).toHaveLength(24);
    for (const x of r.earlyWarningRows) {
      expect(x.firstCrossings).toBe(0);
      expect(x.cumulativeShare).toBe(0);
    }
  });

  it('with nothing that could move without problems, the first customer lost sets it off', () => {
    // No churn from other causes and no marketing: with no problems acquisitions and
    // losses are both 0 for sure (variance 0), so any loss is conclusive. Every customer
    // has a problem in month 1 and some leave.
    const r = projectChurn(scenario, [refund], {
      seed: 2, replicates: 10, months: 6, incidentRate: 1, annualChurnRate: 0, marketingRate: 0, perReplicate: true,
    });
    const w = r.earlyWarning[0]!;
    expect(values(r, 'refund', 'churned', 1).every((x) => x > 0)).toBe(true);
    expect(w).toMatchObject({ crossed: 10, neverCrossed: 0, shareCrossed: 1 });
    expect(w.month).toMatchObject({ mean: 1, min: 1, max: 1, p50: 1 });
    expect(r.earlyWarningRows[0]).toMatchObject({ month: 1, firstCrossings: 10, cumulativeShare: 1 });
    expect(r.replicateWarnings!.every((x) => x.month === 1)).toBe(true);
  });
});

describe('validation', () => {
  const network = circles(600, 0.3, 0.4, 'validation');
  const scenario: Scenario = { network, incidents: { count: 0, amount: 600 }, economics: { margin: 1000 } };
  const run = (options: Record<string, unknown>, policies: PolicySpec[] = [refund], s: Scenario = scenario) =>
    () => projectChurn(s, policies, { seed: 1, replicates: 2, ...options } as never);

  it('names the field, the requirement and the value received', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ months: 0 }, /options\.months: expected an integer ≥ 1 and ≤ 600, received 0/],
      [{ months: 1.5 }, /options\.months/],
      [{ incidentRate: 1.5 }, /options\.incidentRate: expected a number ≥ 0 and ≤ 1, received 1\.5/],
      [{ annualChurnRate: Number.NaN }, /options\.annualChurnRate.*NaN/],
      [{ marketingRate: 'lots' }, /options\.marketingRate: expected a number ≥ 0 and ≤ 1, or "balanced", or "purchase", received "lots"/],
      [{ afterChurn: 'gone' }, /options\.afterChurn/],
      [{ retellDelayMonths: -1 }, /options\.retellDelayMonths/],
      [{ memoryMonths: 0 }, /options\.memoryMonths/],
      [{ warningFalseAlarmRate: 0 }, /options\.warningFalseAlarmRate: expected a number > 0 and < 1, received 0/],
      [{ warningFalseAlarmRate: 1 }, /options\.warningFalseAlarmRate/],
      [{ warningWindow: 3 }, /options\.warningWindow: expected no parameter of this name/],
      [{ marketingRate: 'purchases' }, /options\.marketingRate: expected a number ≥ 0 and ≤ 1, or "balanced", or "purchase", received "purchases"/],
      // Problems nobody complains about would alone take more than 1 − retention: no
      // default churn from other causes (an error, not a clamp at 0).
      [{ incidentRate: 0.05 }, /options\.annualChurnRate: expected a yearly churn from other causes: there is no default, because problems nobody complains about \(incidentRate 0\.05 × \(1 − 0\.09\) a month\) would alone lose 42\.8% of customers a year, more than 1 − economics\.retention \(20\.0%\)/],
      [{ month: 12 }, /options\.month: expected no parameter of this name \(did you mean "months"\?\)/],
      [{ name: '' }, /options\.name/],
      [{ perReplicate: 'yes' }, /options\.perReplicate/],
      [{ replicates: 0 }, /replicates/],
      [{ seed: Number.NaN }, /seed/],
    ];
    for (const [options, message] of cases) {
      expect(run(options), JSON.stringify(options)).toThrow(InvalidParameterError);
      expect(run(options)).toThrow(message);
    }
    expect(run({}, [])).toThrow(/policies: expected at least 1 item/);
    expect(run({}, [refund, refund])).toThrow(/policies\[1\]\.name/);
    expect(run({}, [refund], { ...scenario, spread: { model: 'threshold' } })).toThrow(/scenario\.spread\.model: expected "cascade"/);
    // "balanced" cannot be reached with a handful of prospects: an error, not a clamp.
    const crowded = assignRoles(groups({ size: 600, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.001, seed: 'c' }), { customers: 0.99, prospects: 0.005 }, 'c');
    expect(run({}, [refund], { ...scenario, network: crowded })).toThrow(/options\.marketingRate: expected a monthly rate ≤ 1/);
  });
});
