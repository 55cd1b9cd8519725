// The report's headline (issue 11): the difference against the baseline, its parts as a
// waterfall that adds up to it, the break-even loss value in words (or why there is none),
// both valuations of a lost person, a tornado for every policy, how far the story
// travelled whenever there is word of mouth, and never an unnamed "period".
import { describe, expect, it } from 'vitest';
import { VALUE_PARTS } from '../../src/economics/valuation.js';
import { renderHtmlReport, renderMarkdownReport, reportCharts, reportTables, toCsv, tornadoChart, type ReportData } from '../../src/report/index.js';
import { storyChart, waterfallChart } from '../../src/report/svg.js';
import { PART_LABELS } from '../../src/report/wording.js';
import { escapeXml, formatMoney, moneyDecimals } from '../../src/report/format.js';
import { handMadeReportData, realReportData } from './fixtures.js';

const real = realReportData(40);
const hand = handMadeReportData();

function everything(data: ReportData): string {
  const parts = [renderHtmlReport(data), renderMarkdownReport(data), ...Object.values(reportCharts(data))];
  for (const rows of Object.values(reportTables(data))) parts.push(toCsv(rows));
  return parts.join('\n');
}

describe('the difference against the baseline', () => {
  it('the parts in the report add up to the difference, for every policy', () => {
    const rows = reportTables(real)['difference-parts']!;
    const policies = real.policies.map((p) => p.name).filter((n) => n !== real.baseline);
    expect(new Set(rows.map((r) => r.policy))).toEqual(new Set(policies));
    for (const policy of policies) {
      const mine = rows.filter((r) => r.policy === policy);
      expect(mine.map((r) => r.part)).toEqual([...VALUE_PARTS, 'total']);
      const sum = mine.filter((r) => r.part !== 'total').reduce((s, r) => s + (r.mean as number), 0);
      const total = mine.find((r) => r.part === 'total')!.mean as number;
      const d = real.differences.find((x) => x.policy === policy && x.against === real.baseline)!;
      expect(total).toBe(d.difference.mean);
      // The parts are means of per-replicate parts that add up exactly; only rounding of the sums remains.
      expect(Math.abs(sum - total)).toBeLessThan(1e-9 * Math.max(1, Math.abs(total)) * 100);
    }
  });

  it('the waterfall draws every part that is not zero, and ends at the difference', () => {
    const svg = waterfallChart(real)!;
    expect(svg).toContain('data-chart="waterfall"');
    for (const { policy, against, parts, difference } of real.differences.filter((d) => d.against === real.baseline)) {
      expect(svg).toContain(escapeXml(`${policy} against ${against}`));
      for (const k of VALUE_PARTS) {
        if (parts[k] === 0) continue;
        // Labels may wrap into tspans: every word of the label is there.
        for (const word of PART_LABELS[k].split(' ')) expect(svg, k).toContain(escapeXml(word));
        expect(svg, k).toContain(`${parts[k] > 0 ? '+' : ''}${formatMoney(parts[k], 'kr', moneyDecimals(parts[k]))}`);
      }
      expect(svg).toContain(`${difference.mean > 0 ? '+' : ''}${formatMoney(difference.mean, 'kr', moneyDecimals(difference.mean))}`);
    }
    expect(renderHtmlReport(real)).toContain('id="figure-waterfall"');
  });

  it('states the break-even loss value in words, or why there is none', () => {
    const html = renderHtmlReport(real);
    expect(html).toMatch(/pays only if a lost customer or prospect is worth less than [\d,]+\u00a0kr/);
    const none = handMadeReportData({
      differences: hand.differences.map((d) => ({ ...d, breakEvenLossValue: null, breakEvenLossValueReason: 'both policies lose the same people' })),
    });
    const text = renderMarkdownReport(none);
    expect(text).toContain('No value of a lost person makes');
    expect(text).toContain('both policies lose the same people');
    expect(text).not.toContain('pays only if');
  });

  it('shows both valuations side by side; without an acquisition cost the replacement line is left out with a note', () => {
    expect(real.economics.acquisitionCost).toBe(600);
    const withBoth = renderHtmlReport(real);
    expect(withBoth).toContain('replacement cost (600\u00a0kr)');
    expect(withBoth).toContain('lifetime value (2,000\u00a0kr)');
    const d = real.differences.find((x) => x.against === real.baseline)!;
    expect(withBoth).toContain(`${d.valuations.replacement!.difference.mean > 0 ? '+' : ''}${formatMoney(d.valuations.replacement!.difference.mean, '', 0)}`);
    expect(hand.economics.acquisitionCost).toBeNull();
    const without = renderHtmlReport(hand);
    expect(without).toContain('The replacement valuation is left out: the scenario gives no economics.acquisitionCost.');
    expect(without).not.toContain('replacement cost (');
    expect(reportTables(hand).differences!.some((r) => r.metric === 'netValue.replacement')).toBe(false);
    expect(reportTables(real).differences!.some((r) => r.metric === 'netValue.replacement')).toBe(true);
  });

  it('draws a tornado for every policy against the baseline, and says how many replicates it ran', () => {
    const svg = tornadoChart(real)!;
    const others = real.policies.map((p) => p.name).filter((n) => n !== real.baseline);
    expect(others.length).toBe(2);
    for (const name of others) expect(svg).toContain(escapeXml(`${name} \u2212 ${real.baseline}`));
    const html = renderHtmlReport(real);
    expect(html).toContain(`Each swing ran ${real.sensitivity!.replicates} replicates (fewer than the headline&#39;s ${real.replicates})`);
    const rows = reportTables(real).sensitivity!;
    expect(new Set(rows.map((r) => r.policy))).toEqual(new Set(others));
  });

  it('shows how far the story travelled exactly when the scenario has word of mouth', () => {
    const on = renderHtmlReport(hand);
    expect(on).toContain('<section id="story">');
    expect(on).toContain('people who heard the bad story');
    expect(storyChart(hand)).toContain('data-chart="story"');
    expect(reportTables(hand).story!.filter((r) => r.metric === 'negativeByHop').map((r) => r.hop)).toEqual([1, 2, 1, 2]);
    const off = handMadeReportData({ wordOfMouth: false });
    expect(renderHtmlReport(off)).not.toContain('<section id="story">');
    expect(storyChart(off)).toBeNull();
    expect(reportTables(off)).not.toHaveProperty('story');
    expect(Object.keys(reportCharts(off))).not.toContain('charts/story.svg');
  });

  it('never writes an unnamed period: the incidents are named', () => {
    for (const data of [real, hand, handMadeReportData({ incidents: { count: 60, period: 'month' } })]) {
      // The fixture's assumption rows carry its own units ("phones per period"): left out here.
      const text = everything({ ...data, assumptions: [] });
      expect(text).not.toMatch(/period/i);
    }
    expect(renderHtmlReport(handMadeReportData({ incidents: { count: 60, period: 'month' } }))).toContain('per month (60 incidents)');
    expect(renderHtmlReport(hand)).toContain('for these 10 incidents');
  });
});
