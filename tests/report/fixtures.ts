// Report data for the tests: one built from a small real run of the library (the phone
// shop of examples/, shrunk), and hand-made variants for the edge cases.
import {
  DEFAULT_SENSITIVITY,
  assignRoles,
  breakEven,
  comparePolicies,
  groups,
  sensitivity,
  type PolicySpec,
  type Scenario,
} from '../../src/index.js';
import type { PairedDifference } from '../../src/decision/difference.js';
import type { ReportData, ReportPolicy, ReportProjectionRow } from '../../src/report/index.js';
import { summarize } from '../../src/monte-carlo/summary.js';
import { VERSION } from '../../src/version.js';

const counter = [{ name: 'shop counter', authorityLimit: 1000, delayDays: 7, handlingCost: 60, giveUpProbability: 0.05 }];
const POLICIES: readonly PolicySpec[] = [
  { name: 'refuse, bill 200 kr', decision: 'refuse-with-fee', fee: 200, escalation: counter },
  { name: 'free repair', decision: 'repair-or-replace', repairCost: 600, escalation: counter },
  { name: 'repair + 200 kr voucher', decision: 'goodwill', credit: 200, escalation: counter },
];
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'refuse, bill 200 kr': 'Say the fault is the customer’s own and bill a 200 kr inspection fee.',
  'free repair': 'Repair the phone free of charge (600 kr).',
  'repair + 200 kr voucher': 'Repair it and add a 200 kr voucher as an apology.',
};

/**
 * A synthetic projection (customers, months 0–24) standing in for projectChurn's rows:
 * a slow decline whose bands widen with time, steeper for the refusing policy.
 */
export function syntheticProjection(policies: readonly string[], months = 24): ReportProjectionRow[] {
  const rows: ReportProjectionRow[] = [];
  policies.forEach((policy, j) => {
    const loss = [9, 5, 6][j % 3]!;
    for (let month = 0; month <= months; month++) {
      const median = 4000 - loss * month - 0.08 * month * month;
      const spread = 6 * Math.sqrt(month);
      rows.push({
        policy,
        month,
        metric: 'customers',
        mean: median - 0.1 * spread,
        p05: median - 2 * spread,
        p25: median - 0.8 * spread,
        p50: median,
        p75: median + 0.7 * spread,
        p95: median + 1.7 * spread,
      });
    }
  });
  return rows;
}

/** The report data of a small real run: three phone-shop policies on a town of 3,000. */
export function realReportData(replicates = 60): ReportData {
  const town = groups({ size: 3000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001, seed: 'report-town' });
  const network = assignRoles(town, { customers: 0.2, prospects: 0.3 }, 'report-town');
  const scenario: Scenario = {
    network,
    incidents: { count: 40, severity: 'major', amount: 600 },
    economics: { margin: 800, retention: 0.8, discountRate: 0.12, acquisitionCost: 600 },
  };
  const seed = 2026;
  const c = comparePolicies(scenario, POLICIES, { seed, replicates });
  const be = breakEven(scenario, [POLICIES[0]!, POLICIES[1]!], { parameter: 'fee', low: 0, high: 5000, seed, replicates: 40, tolerance: 5 });
  // behaviour.audience.negative.mean is left out: swinging it alone drops the audience's
  // dispersion (sensitivity's setPath replaces no sibling, but resolveScenario then wants both).
  const sens = sensitivity(scenario, POLICIES, { seed, replicates: 20, parameters: DEFAULT_SENSITIVITY, baseline: 'refuse, bill 200 kr' });
  const policies: ReportPolicy[] = c.policies.map((name) => ({
    name,
    description: DESCRIPTIONS[name]!,
    metrics: c.summary[name]!,
    lostProspectSamples: Array.from(c.result.samples![`${name}:expectedLostProspects`]!),
  }));
  return {
    title: 'What does the 200 kr inspection fee cost?',
    scenario: 'tests/report/fixtures.ts (phone shop, 3,000 people)',
    version: VERSION,
    seed: String(c.seed),
    replicates: c.replicates,
    currency: 'kr',
    baseline: 'refuse, bill 200 kr',
    incidents: { count: 40, period: 'month' },
    economics: { customerValue: 2000, acquisitionCost: 600, lossValuation: 'lifetime-value' },
    wordOfMouth: true,
    policies,
    differences: c.differences,
    breakEven: { ...be, policies: ['refuse, bill 200 kr', 'free repair'], replicates: 40 },
    sensitivity: sens,
    projection: {
      metric: 'customers',
      replicates: 20,
      rows: syntheticProjection(c.policies),
      assumptions: ['Synthetic rows for the test: projectChurn is not wired into the report yet.', 'Annual churn 20% spread evenly over the months.'],
    },
    assumptions: [
      { parameter: 'incidents.count', value: '40', unit: 'phones per period', source: 'scenario file' },
      { parameter: 'incidents.amount', value: '600', unit: 'kr', source: 'scenario file' },
      { parameter: 'economics.margin', value: '800', unit: 'kr per year', source: 'scenario file' },
      { parameter: 'economics.retention', value: '0.8', unit: 'share per year', source: '[Q] industry figures' },
      { parameter: 'economics.discountRate', value: '0.12', unit: 'per year', source: '[A]' },
      { parameter: 'complaints.probability', value: '0.625', unit: 'probability', source: '[Q] Goodman/TARP 50–75%' },
      { parameter: 'spread.tellProbability', value: '0.4', unit: 'probability', source: '[A] Verde (2006): four people' },
      { parameter: 'behaviour.negativeTalkProbability', value: '0.31', unit: 'probability', source: '[Q] Verde (2006)' },
      { parameter: 'spread.negativeShift', value: '0.1', unit: 'purchase probability', source: '[Q] East, Hammond & Lomax (2008)' },
    ],
  };
}

const summary = (xs: number[]) => summarize(xs);

/** A paired difference made by hand from per-replicate differences (money and people made up to match). */
function handDifference(policy: string, against: string, d: readonly number[], incidents = 10): PairedDifference {
  const s = summary([...d]);
  const better = d.filter((x) => x > 0).length / d.length;
  const valued = { lossValue: 2000, difference: s, perIncident: summary(d.map((x) => x / incidents)), probabilityBetter: better };
  return {
    policy,
    against,
    difference: s,
    perIncident: summary(d.map((x) => x / incidents)),
    parts: { moneyKept: -s.mean, handling: 0, customersLostDirect: 2 * s.mean, customersLostWordOfMouth: 0, prospectsLost: 0, prospectsWon: 0, winBacks: 0 },
    probabilityBetter: better,
    probabilityBetterSe: Math.sqrt((better * (1 - better)) / d.length),
    valuations: { 'lifetime-value': valued, replacement: null },
    breakEvenLossValue: { value: 1000, se: 50, ci95Low: 902, ci95High: 1098 },
    money: -s.mean,
    peopleLost: -s.mean / 1000,
  };
}

/** How far a made-up story travelled: tellers, people reached by hop, customers at risk. */
function story(lost: readonly number[], tellers: number): Record<string, ReturnType<typeof summary>> {
  const hop1 = lost.map((x) => 3 * tellers + x);
  const hop2 = lost.map((x) => tellers + 2 * x);
  return {
    tellers: summary(lost.map(() => tellers)),
    'negativeByHop.0': summary(lost.map(() => tellers)),
    'negativeByHop.1': summary(hop1),
    'negativeByHop.2': summary(hop2),
    'negativeByHop.3': summary(lost.map(() => 0)),
    reachedNegative: summary(lost.map((_, i) => tellers + hop1[i]! + hop2[i]!)),
    customersAtRisk: summary(lost.map((_, i) => Math.round((hop1[i]! + hop2[i]!) / 5))),
  };
}

/** Hand-made data: two policies, every section present, quick to build. */
export function handMadeReportData(overrides: Partial<ReportData> = {}): ReportData {
  const a = [3, 5, 4, 8, 2, 6, 5, 4, 7, 3];
  const b = [1, 2, 1, 3, 0, 2, 2, 1, 2, 1];
  const netA = a.map((x) => -10000 - 300 * x);
  const netB = b.map((x) => -9000 - 300 * x);
  const policies: ReportPolicy[] = [
    { name: 'refuse', description: 'Refuse the refund.', metrics: { expectedLostProspects: summary(a), netValue: summary(netA), 'parts.prospectsLost': summary(a.map((x) => -300 * x)), ...story(a, 10) }, lostProspectSamples: a },
    { name: 'refund', description: 'Refund in full.', metrics: { expectedLostProspects: summary(b), netValue: summary(netB), 'parts.prospectsLost': summary(b.map((x) => -300 * x)), ...story(b, 4) }, lostProspectSamples: b },
  ];
  const diff = netB.map((x, i) => x - netA[i]!);
  return {
    title: 'Hand-made report',
    scenario: 'hand-made',
    version: VERSION,
    seed: '1',
    replicates: a.length,
    currency: 'kr',
    baseline: 'refuse',
    incidents: { count: 10, period: null },
    economics: { customerValue: 2000, acquisitionCost: null, lossValuation: 'lifetime-value' },
    wordOfMouth: true,
    policies,
    differences: [handDifference('refund', 'refuse', diff), handDifference('refuse', 'refund', diff.map((x) => -x))],
    breakEven: { parameter: 'fee', value: 640, se: 8, ci95Low: 624.3, ci95High: 655.7, slope: -1.2, evaluations: 17, policies: ['refuse', 'refund'], replicates: 10 },
    sensitivity: {
      replicates: 10,
      baseline: 'refuse',
      skipped: [],
      comparisons: [
        {
          policy: 'refund',
          against: 'refuse',
          base: 1600,
          rows: [
            { parameter: 'spread.tellProbability', low: 0.2, high: 0.6, source: '[A]', atLow: 900, atHigh: 2300, swing: 1400 },
            { parameter: 'economics.retention', low: 0.74, high: 0.86, source: '[Q]', atLow: 1300, atHigh: 2100, swing: 800 },
          ],
        },
      ],
    },
    projection: { metric: 'customers', replicates: 10, rows: syntheticProjection(['refuse', 'refund'], 6), assumptions: ['synthetic'] },
    assumptions: [{ parameter: 'economics.margin', value: '800', unit: 'kr per year', source: 'scenario file' }],
    ...overrides,
  };
}

/** Every number-bearing field of a single-replicate run: null SEs and CIs. */
export function singleReplicateData(): ReportData {
  const one = (x: number) => summarize([x]);
  const base = handMadeReportData();
  return {
    ...base,
    replicates: 1,
    policies: [
      { name: 'refuse', description: 'Refuse.', metrics: { expectedLostProspects: one(4), netValue: one(-11000), 'parts.prospectsLost': one(-1200), complaints: one(25), churnRecorded: one(10), silentUnhappy: one(15) }, lostProspectSamples: [4] },
      { name: 'refund', description: 'Refund.', metrics: { expectedLostProspects: one(1), netValue: one(-9500), 'parts.prospectsLost': one(-300) }, lostProspectSamples: [1] },
    ],
    differences: [{ ...handDifference('refund', 'refuse', [1500]), difference: one(1500), perIncident: one(150), probabilityBetterSe: 0, breakEvenLossValue: { value: 1000, se: null, ci95Low: null, ci95High: null } }],
  };
}
