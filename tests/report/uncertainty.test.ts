// The report's "How sure are we?": built from a real small PSA, the section and its three
// charts appear in the HTML, the Markdown and the chart files, the same data always gives
// the same bytes, every name is escaped, the tables add up, and the sentence for the
// client says what the numbers say.
import { describe, expect, it } from 'vitest';
import { analyseUncertainty, assignRoles, groups, type UncertaintyResult } from '../../src/index.js';
import { formatInterval } from '../../src/report/format.js';
import {
  UNCERTAINTY_CHART_NAMES,
  measureFirstSentence,
  renderHtmlReport,
  renderMarkdownReport,
  reportCharts,
  reportTables,
  uncertaintyCharts,
  type ReportData,
} from '../../src/report/index.js';

const network = assignRoles(groups({ size: 1200, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.002, seed: 'report' }), { customers: 0.3, prospects: 0.3 }, 'report');
const ladder = [{ name: 'desk', authorityLimit: 1000, delayDays: 2, handlingCost: 50, giveUpProbability: 0.05 }];
const names = ['refuse <b>&</b> bill', 'repair "free"'];
const psa = analyseUncertainty(
  {
    network,
    incidents: { count: 20, amount: 600 },
    behaviour: { repurchase: { major: { unresolved: { dist: 'beta', mean: 0.19, sd: 0.06 } } } },
    economics: { margin: 500, acquisitionCost: 600, retention: { dist: 'uniform', low: 0.74, high: 0.86 } },
  },
  [
    { name: names[0]!, decision: 'refuse-with-fee', fee: 200, escalation: ladder },
    { name: names[1]!, decision: 'repair-or-replace', repairCost: { dist: 'gamma', mean: 600, sd: 150 }, escalation: ladder },
  ],
  { seed: 3, draws: 60, replicatesPerDraw: 2, replicates: 30, seSamples: 50 },
);
const comparison = psa.comparison!;
const data: ReportData = {
  title: 'A <test> & report',
  scenario: 'test.yaml',
  version: '0.0.0',
  seed: '3',
  replicates: 30,
  currency: 'kr',
  baseline: names[0]!,
  incidents: { count: 40, period: null },
  economics: { customerValue: 2000, acquisitionCost: null, lossValuation: 'lifetime-value' },
  wordOfMouth: true,
  policies: names.map((name) => ({ name, description: name, metrics: comparison.summary[name]!, lostProspectSamples: Array.from(comparison.result.samples![`${name}:expectedLostProspects`]!) })),
  differences: comparison.differences,
  assumptions: [],
  uncertainty: psa,
};

describe('the report with a PSA', () => {
  it('has the section, its three charts (escaped) and its tables, the same bytes every time', () => {
    const html = renderHtmlReport(data);
    expect(html).toContain('How sure are we?');
    for (const name of UNCERTAINTY_CHART_NAMES) expect(html).toContain(`data-chart="${name}"`);
    expect(html).not.toContain('<b>&</b>');
    expect(html).toContain('refuse &lt;b&gt;&amp;&lt;/b&gt; bill');
    expect(renderHtmlReport(data)).toBe(html);
    const md = renderMarkdownReport(data);
    expect(md).toContain('## How sure are we?');
    expect(md).toContain('](charts/evppi.svg)');
    const charts = reportCharts(data);
    for (const name of UNCERTAINTY_CHART_NAMES) expect(charts[`charts/${name}.svg`]).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
    expect(uncertaintyCharts({ ...data, uncertainty: undefined } as unknown as ReportData)).toEqual([]);
    const tables = reportTables(data);
    expect(tables['uncertainty-draws']).toHaveLength(60 * 2);
    expect(tables['uncertainty-evppi']!.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(tables['uncertainty-parameters']!.map((r) => r.parameter)).toEqual(['behaviour.repurchase.major.unresolved', 'economics.retention', 'policies[1].repairCost']);
  });

  it("the difference chart states both intervals: the simulation's 95% CI and the draws' 95% range", () => {
    const svg = uncertaintyCharts(data).find((c) => c.name === 'uncertainty-difference')!.svg;
    const desc = /<desc id="hs-uncertainty-difference-desc">([^<]*)<\/desc>/.exec(svg)![1]!;
    const mc = comparison.differences.find((d) => d.policy === names[1] && d.against === names[0])!.difference;
    const d = psa.differences[0]!.difference;
    expect(desc).toContain(`Monte Carlo only ${formatInterval([mc.ci95Low!, mc.ci95High!], 0, 'kr')}`);
    expect(desc).toContain(`with parameter uncertainty ${formatInterval([d.p025, d.p975], 0, 'kr')}`);
  });
});

describe('the sentence for the client', () => {
  const base: UncertaintyResult = { ...psa };
  const row = (parameter: string, value: number, se: number) => ({ parameter, parameters: [parameter], group: false, value, se, method: 'spline' as const });

  it('names the assumption worth measuring, and says nothing else comes close when the next is under half', () => {
    const u = { ...base, evpi: { value: 1000, se: 50 }, evppi: [row('a.b', 800, 40), row('c.d', 300, 40)] };
    expect(measureFirstSentence(u, 'kr', 'per month')).toMatch(/^Knowing a\.b exactly would be worth up to 800 kr per month; nothing else comes close\./);
    const close = { ...u, evppi: [row('a.b', 800, 40), row('c.d', 500, 40)] };
    expect(measureFirstSentence(close, 'kr')).toMatch(/next comes c\.d at 500 kr/);
  });

  it('says measuring would change little when the EVPI is within two standard errors of 0', () => {
    const u = { ...base, evpi: { value: 10, se: 20 }, evppi: [row('a.b', 5, 10)] };
    expect(measureFirstSentence(u, 'kr')).toMatch(/^Whatever the assumptions within their ranges/);
  });
});
