/**
 * "How sure are we?": the probabilistic sensitivity analysis in the report — the
 * difference between policies with parameter uncertainty beside the Monte-Carlo-only
 * interval, the acceptability curve, the value of knowing each assumption (EVPPI bars),
 * the ranking of what to measure first and one sentence a client understands — and the
 * same answers as JSON, tidy CSV rows and Markdown for `hearsay compare`.
 */
import type { UncertaintyResult } from '../decision/uncertainty.js';
import type { Block, ReportSection } from './document.js';
import { policyColor } from './data.js';
import { MINUS, coord, formatInterval, formatMoney, formatNumber, formatPercent, formatValue, moneyDecimals, truncate } from './format.js';
import { ci95Of } from './format.js';
import { linearScale, niceAxis, tickStep } from './scale.js';
import type { Sentence } from './summary.js';
import { chartKit } from './svg.js';
import { incidentsPhrase } from './wording.js';
import type { ReportData } from './types.js';

/** Money as `hearsay compare` prints it: whole units, thousands grouped, a plain minus. */
function plainMoney(x: number, currency: string): string {
  return `${formatNumber(Math.round(x), 0).replace(MINUS, '-')} ${currency}`;
}

/** What `hearsay compare --format json` prints under `uncertainty`, nothing rounded. */
export function uncertaintyJson(u: UncertaintyResult): Record<string, unknown> {
  return {
    draws: u.draws,
    replicatesPerDraw: u.replicatesPerDraw,
    baseline: u.baseline,
    probabilityBest: u.probabilityBest,
    evpi: u.evpi.value,
    evpiSe: u.evpi.se,
    evppi: u.evppi.map((r) => ({ parameter: r.parameter, value: r.value, se: r.se, method: r.method, ...(r.group ? { group: r.parameters } : {}) })),
    acceptability: u.acceptability.map(({ lossValue, policy, probabilityBest }) => ({ lossValue, policy, probabilityBest })),
    netValue: u.netValue,
    differences: u.differences,
    parameters: u.parameters.map(({ parameter, paths, description, distribution, source, mean, sd, central, isDefault }) => ({ parameter, paths, description, distribution, source, mean, sd, central, isDefault })),
  };
}

/**
 * The PSA as tidy rows beside a comparison's rows (`hearsay compare --format csv`): one
 * observation per row, `metric` saying which (`psa:netValue`, `psa:difference`,
 * `psa:probabilityBest`, `psa:evpi`, `psa:evppi`, `psa:acceptability`).
 */
export function uncertaintyCsvRows(u: UncertaintyResult): object[] {
  const rows: object[] = [];
  for (const policy of u.policies) {
    const s = u.netValue[policy]!;
    rows.push({ policy, metric: 'psa:netValue', mean: s.mean, sd: s.sd, p05: s.p05, p50: s.p50, p95: s.p95, p025: s.p025, p975: s.p975 });
  }
  for (const d of u.differences) {
    const s = d.difference;
    rows.push({ policy: d.policy, metric: 'psa:difference', mean: s.mean, sd: s.sd, p05: s.p05, p50: s.p50, p95: s.p95, p025: s.p025, p975: s.p975, against: d.against, probabilityBetter: d.probabilityBetter });
  }
  for (const policy of u.policies) rows.push({ policy, metric: 'psa:probabilityBest', value: u.probabilityBest[policy]! });
  rows.push({ metric: 'psa:evpi', value: u.evpi.value, se: u.evpi.se });
  for (const r of u.evppi) rows.push({ metric: 'psa:evppi', parameter: r.parameter, value: r.value, se: r.se, method: r.method });
  for (const a of u.acceptability) rows.push({ policy: a.policy, metric: 'psa:acceptability', lossValue: a.lossValue, value: a.probabilityBest });
  return rows;
}

/** How many EVPPI rows a text summary lists. */
const LISTED = 5;

/**
 * The one sentence a client reads: what knowing the most valuable assumption would be
 * worth, and whether anything else comes close; or that measuring would change little.
 */
export function measureFirstSentence(u: UncertaintyResult, currency: string, per = 'for these incidents'): string {
  const best = u.policies.reduce((a, b) => (u.netValue[b]!.mean > u.netValue[a]!.mean ? b : a));
  const worth = (x: number) => plainMoney(x, currency);
  const p = formatPercent(u.probabilityBest[best]!);
  if (!(u.evpi.value > 2 * u.evpi.se) || u.evppi.length === 0) {
    return `Whatever the assumptions within their ranges, “${best}” is the better bet (best in ${p} of the draws); knowing every assumption exactly would be worth about ${worth(u.evpi.value)} ${per}, no more than the noise of the estimate.`;
  }
  const top = u.evppi[0]!;
  const overlaps = (r: (typeof u.evppi)[number]) => r.parameters.some((x) => top.parameters.includes(x));
  const next = u.evppi.find((r) => r !== top && !overlaps(r));
  const name = top.group ? `${top.parameter} (${top.parameters.join(', ')})` : top.parameter;
  if (!(top.value > 2 * top.se)) {
    return `“${best}” is best in ${p} of the draws; knowing every assumption exactly would be worth ${worth(u.evpi.value)} ${per}, but no single one stands out (the largest, ${name}, ${worth(top.value)} ± ${worth(top.se)}).`;
  }
  const tail = next === undefined || next.value < top.value / 2 ? 'nothing else comes close' : `next comes ${next.parameter} at ${worth(next.value)}`;
  return `Knowing ${name} exactly would be worth up to ${worth(top.value)} ${per}; ${tail}. (“${best}” is best in ${p} of the draws; knowing everything would be worth ${worth(u.evpi.value)}.)`;
}

/** The PSA for `hearsay compare`'s Markdown, after the comparison. */
export function uncertaintyMarkdown(u: UncertaintyResult, currency: string, per = 'for these incidents'): string {
  const money = (x: number) => plainMoney(x, currency);
  const lines = [
    `How sure are we? ${formatNumber(u.draws, 0)} draws of ${u.parameters.length} uncertain parameter${u.parameters.length === 1 ? '' : 's'}, ${formatNumber(u.replicatesPerDraw, 0)} replicate${u.replicatesPerDraw === 1 ? '' : 's'} of each policy per draw`,
    '',
    '| policy | cost of these incidents | 95% of draws | probability best |',
    '| --- | --- | --- | --- |',
  ];
  for (const policy of u.policies) {
    // The net value is minus the cost of the incidents (against their not happening at all).
    const s = u.netValue[policy]!;
    lines.push(`| ${policy} | ${money(-s.mean)} | ${money(-s.p975)} to ${money(-s.p025)} | ${formatPercent(u.probabilityBest[policy]!)} |`);
  }
  if (u.differences.length > 0) {
    lines.push('', `Against "${u.baseline}", with parameter uncertainty:`, '');
    for (const d of u.differences) {
      const s = d.difference;
      lines.push(`- ${d.policy}: ${money(s.mean)} (95% of draws ${money(s.p025)} to ${money(s.p975)}), better in ${formatPercent(d.probabilityBetter)} of draws`);
    }
  }
  lines.push('', `EVPI, knowing every assumption exactly: ${money(u.evpi.value)} ${per} (se ${money(u.evpi.se)})`);
  if (u.evppi.length > 0) {
    lines.push(`Measure first (EVPPI, what knowing one exactly would be worth ${per}):`, '');
    u.evppi.slice(0, LISTED).forEach((r, i) => lines.push(`${i + 1}. ${r.group ? `${r.parameter} (${r.parameters.join(', ')})` : r.parameter}: ${money(r.value)} ± ${money(r.se)}`));
  }
  lines.push('', measureFirstSentence(u, currency, per));
  return `${lines.join('\n')}\n`;
}

// ---- the report section ---------------------------------------------------------------------

/** The charts of the section, in the order it shows them. */
export const UNCERTAINTY_CHART_NAMES = ['uncertainty-difference', 'acceptability', 'evppi'] as const;
export type UncertaintyChartName = (typeof UNCERTAINTY_CHART_NAMES)[number];

const UNCERTAINTY_CHART_ALT: Readonly<Record<UncertaintyChartName, string>> = {
  'uncertainty-difference': 'Histograms of the difference from the baseline over the parameter draws, with the Monte-Carlo-only 95% confidence interval beside the 95% range of the draws',
  acceptability: 'Acceptability curve: the probability each policy is best against the value of one lost customer',
  evppi: 'Bars: what knowing each assumption exactly would be worth (EVPPI), with the EVPI for reference',
};

/** How many EVPPI bars the chart draws. */
const EVPPI_BARS = 12;

function differenceSamples(u: UncertaintyResult, policy: string): number[] {
  const a = u.samples[policy] ?? [];
  const b = u.samples[u.baseline] ?? [];
  return a.map((x, j) => x - (b[j] ?? NaN)).filter(Number.isFinite);
}

/** Equal-width bins over all values, about `target` of them on round edges. */
function bins(values: readonly number[], target = 24): { lo: number; width: number; count: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return { lo: 0, width: 1, count: 1 };
  const width = hi > lo ? tickStep(lo, hi, target) : Math.max(1, Math.abs(lo) * 0.1);
  const start = Math.floor(lo / width) * width;
  return { lo: start, width, count: Math.floor((hi - start) / width) + 1 };
}

/**
 * Per policy against the baseline: the histogram of the difference over the parameter
 * draws, and above it two intervals — the 95% confidence interval of the mean difference
 * from Monte Carlo alone (the base case, every parameter fixed) and the 95% range of the
 * draws, which adds what we do not know about the parameters.
 */
export function uncertaintyDifferenceChart(data: ReportData): string | null {
  const u = data.uncertainty;
  if (u === undefined || u.differences.length === 0) return null;
  const k = chartKit;
  const cur = data.currency;
  const left = 56;
  const right = k.WIDTH - 12;
  const panels = u.differences.map((d) => {
    const mc = data.differences.find((x) => x.policy === d.policy && x.against === u.baseline);
    return { d, values: differenceSamples(u, d.policy), ci: ci95Of(mc?.difference) ?? null };
  });
  const all = panels.flatMap((p) => [...p.values, ...(p.ci ?? [])]);
  const axis = k.fitAxis([...all, 0], right - left, { includeZero: true });
  const x = linearScale(axis.lo, axis.hi, left, right);
  const b = bins(panels.flatMap((p) => p.values));
  const counts = panels.map((p) => {
    const c = new Array<number>(b.count).fill(0);
    for (const v of p.values) c[Math.min(b.count - 1, Math.max(0, Math.floor((v - b.lo) / b.width)))]!++;
    return c;
  });
  const maxCount = Math.max(1, ...counts.flat());
  const yAxisSpec = niceAxis([0, maxCount], 3);
  let body = '';
  let top = k.TOP;
  const descriptions: string[] = [];
  const headHeight = 20;
  const stripHeight = 30;
  const panelHeight = 80;
  panels.forEach((p, i) => {
    const colour = policyColor(data, p.d.policy);
    const s = p.d.difference;
    body += k.text(left, top + 13, `${truncate(p.d.policy, 40)} − ${truncate(u.baseline, 30)}`, { 'font-weight': 600 });
    // The two intervals.
    const strip = top + headHeight;
    if (p.ci !== null) {
      const [a, c] = p.ci;
      body += k.el('rect', { x: Math.min(x(a), x(c)), y: strip + 2, width: Math.max(2, Math.abs(x(c) - x(a))), height: 8, rx: 2, fill: k.INK });
    }
    body += k.line(x(s.p025), strip + 20, x(s.p975), strip + 20, { stroke: colour, 'stroke-width': 3 });
    body += k.line(x(s.p025), strip + 15, x(s.p025), strip + 25, { stroke: colour, 'stroke-width': 2 });
    body += k.line(x(s.p975), strip + 15, x(s.p975), strip + 25, { stroke: colour, 'stroke-width': 2 });
    const panelTop = strip + stripHeight;
    const bottom = panelTop + panelHeight;
    const y = linearScale(0, yAxisSpec.hi, bottom, panelTop);
    body += k.yAxis(yAxisSpec, y, left, right);
    counts[i]!.forEach((c, j) => {
      if (c === 0) return;
      const x0 = x(b.lo + j * b.width);
      const x1 = x(b.lo + (j + 1) * b.width);
      body += k.el('rect', { x: x0 + 0.5, y: y(c), width: Math.max(0.5, x1 - x0 - 1), height: bottom - y(c), fill: colour, 'fill-opacity': 0.75 });
    });
    body += k.line(left, bottom, right, bottom, { stroke: k.AXIS_LINE, 'stroke-width': 1 });
    body += k.line(x(0), strip, x(0), bottom, { stroke: k.INK, 'stroke-width': 1.5 });
    body += k.text(right, panelTop + 10, `better in ${formatPercent(p.d.probabilityBetter)} of draws`, { 'text-anchor': 'end', 'font-size': 11 });
    descriptions.push(
      `${p.d.policy} minus ${u.baseline}: Monte Carlo only ${p.ci === null ? 'n/a' : formatInterval(p.ci, 0, cur)}; with parameter uncertainty ${formatInterval([s.p025, s.p975], 0, cur)}, better in ${formatPercent(p.d.probabilityBetter)} of draws`,
    );
    top = bottom + 14;
  });
  body += k.xAxis(axis, x, top - 14, top - 14, `difference in net value, policy − ${truncate(u.baseline, 40)} (${k.moneyUnit(cur)})`);
  body += k.rotatedLabel(14, (k.TOP + top) / 2, 'draws');
  top += 34;
  body += k.legendSwatches(top, left, [
    { shape: (lx, ly) => k.el('rect', { x: lx, y: ly - 4, width: 16, height: 8, rx: 2, fill: k.INK }), label: 'Monte Carlo only: 95% CI of the mean' },
    { shape: (lx, ly) => k.line(lx, ly, lx + 16, ly, { stroke: k.MUTED, 'stroke-width': 3 }), label: 'with parameter uncertainty: 95% of draws' },
  ]);
  top += 14;
  const title = 'How sure are we? The difference with parameter uncertainty';
  const subtitle = `${formatNumber(u.draws, 0)} draws of ${u.parameters.length} uncertain assumptions, each the same for every policy`;
  return k.chart('uncertainty-difference', top, title, subtitle, `${descriptions.join('; ')}.`, body);
}

/** The probability each policy is best against the value of one lost person, 0 to 3 lifetime values. */
export function acceptabilityChart(data: ReportData): string | null {
  const u = data.uncertainty;
  if (u === undefined || u.acceptability.length === 0) return null;
  const k = chartKit;
  const cur = data.currency;
  const left = 56;
  const right = k.WIDTH - 16;
  const top = k.TOP + 8;
  const bottom = top + 220;
  const values = u.acceptability.map((a) => a.lossValue);
  const axis = k.fitAxis(values, right - left);
  const x = linearScale(axis.lo, axis.hi, left, right);
  const yAxisSpec = niceAxis([0, 1], 5);
  const y = linearScale(0, 1, bottom, top);
  let body = k.yAxis(yAxisSpec, y, left, right);
  body += k.xAxis(axis, x, top, bottom, `value of one lost customer or prospect (${cur === '' ? 'money' : cur})`);
  body += k.rotatedLabel(14, (top + bottom) / 2, 'probability best');
  const marker = u.lossPerCustomer;
  if (Number.isFinite(marker) && marker >= axis.lo && marker <= axis.hi) {
    body += k.line(x(marker), top, x(marker), bottom, { stroke: k.MUTED, 'stroke-width': 1, 'stroke-dasharray': '4 3' });
    body += k.text(x(marker) + 4, top + 10, `this scenario: ${formatMoney(marker, cur, 0)}`, { 'font-size': 11, fill: k.MUTED });
  }
  const descriptions: string[] = [];
  for (const policy of u.policies) {
    const points = u.acceptability.filter((a) => a.policy === policy);
    const d = points.map((a, i) => `${i === 0 ? 'M' : 'L'}${coord(x(a.lossValue))} ${coord(y(a.probabilityBest))}`).join(' ');
    body += k.el('path', { d, fill: 'none', stroke: policyColor(data, policy), 'stroke-width': 2.5 });
    const first = points[0];
    const last = points[points.length - 1];
    if (first !== undefined && last !== undefined) descriptions.push(`${policy}: ${formatPercent(first.probabilityBest)} at 0, ${formatPercent(last.probabilityBest)} at ${formatMoney(last.lossValue, cur, 0)}`);
  }
  let legendTop = bottom + 50;
  body += k.legendSwatches(
    legendTop,
    left,
    u.policies.map((p) => ({ shape: (lx: number, ly: number) => k.line(lx, ly, lx + 16, ly, { stroke: policyColor(data, p), 'stroke-width': 2.5 }), label: truncate(p, 30) })),
  );
  legendTop += 14;
  const title = 'Which policy is best, by what a lost customer is worth';
  const subtitle = `Share of draws in which each policy is best, valuing a lost person from 0 to ${formatNumber(u.acceptability.length > 0 ? 3 : 0, 0)} lifetime values (${formatMoney(u.lifetimeValue, cur, 0)} each)`;
  return k.chart('acceptability', legendTop, title, subtitle, `Acceptability curves. ${descriptions.join('; ')}.`, body);
}

/** What knowing each assumption (or group) exactly would be worth: bars with ± 1 se, the EVPI as a line. */
export function evppiChart(data: ReportData): string | null {
  const u = data.uncertainty;
  if (u === undefined || u.evppi.length === 0) return null;
  const k = chartKit;
  const cur = data.currency;
  const rows = u.evppi.slice(0, EVPPI_BARS);
  const labels = rows.map((r) => truncate(r.group ? `${r.parameter} (group)` : r.parameter, 44));
  const left = Math.min(300, Math.max(120, Math.max(...labels.map((l) => k.textWidth(l, 11))) + 16));
  const right = k.WIDTH - 90;
  const rowHeight = 22;
  const top = k.TOP + 10;
  const bottom = top + rows.length * rowHeight;
  const axis = k.fitAxis([0, u.evpi.value, ...rows.map((r) => r.value + r.se)], right - left, { includeZero: true });
  const x = linearScale(axis.lo, axis.hi, left, right);
  let body = k.xAxis(axis, x, top, bottom, `worth of knowing it exactly (${k.moneyUnit(cur)})`);
  rows.forEach((r, i) => {
    const cy = top + i * rowHeight + rowHeight / 2;
    body += k.text(left - 8, cy + 4, labels[i]!, { 'text-anchor': 'end', 'font-size': 11 });
    body += k.el('rect', { x: x(0), y: cy - 6, width: Math.max(0, x(r.value) - x(0)), height: 12, fill: r.group ? k.MUTED : '#0072B2', 'fill-opacity': 0.85 });
    if (r.se > 0) body += k.line(x(Math.max(0, r.value - r.se)), cy, x(r.value + r.se), cy, { stroke: k.INK, 'stroke-width': 1 });
    body += k.text(k.WIDTH - 2, cy + 4, formatMoney(r.value, cur, 0), { 'text-anchor': 'end', 'font-size': 11, 'font-variant-numeric': 'tabular-nums' });
  });
  if (u.evpi.value >= axis.lo && u.evpi.value <= axis.hi) {
    body += k.line(x(u.evpi.value), top - 6, x(u.evpi.value), bottom, { stroke: k.INK, 'stroke-width': 1.5, 'stroke-dasharray': '5 3' });
    body += k.text(x(u.evpi.value), top - 9, `EVPI ${formatMoney(u.evpi.value, cur, 0)}`, { 'text-anchor': 'middle', 'font-size': 11 });
  }
  const height = bottom + 44;
  const title = 'What is worth measuring first';
  const subtitle = 'Expected value of partial perfect information per assumption (± 1 standard error); dashed: all of them (EVPI)';
  const description = rows.map((r) => `${r.parameter}: ${formatMoney(r.value, cur, 0)} ± ${formatMoney(r.se, cur, 0)}`).join('; ');
  return k.chart('evppi', height, title, subtitle, `EVPPI bars. ${description}.`, body);
}

/** The section's charts the data supports, by name, in order. */
export function uncertaintyCharts(data: ReportData): Array<{ readonly name: UncertaintyChartName; readonly svg: string }> {
  const makers: Record<UncertaintyChartName, (d: ReportData) => string | null> = {
    'uncertainty-difference': uncertaintyDifferenceChart,
    acceptability: acceptabilityChart,
    evppi: evppiChart,
  };
  const out: Array<{ name: UncertaintyChartName; svg: string }> = [];
  for (const name of UNCERTAINTY_CHART_NAMES) {
    const svg = makers[name](data);
    if (svg !== null) out.push({ name, svg });
  }
  return out;
}

/** The client sentence for "In short", when the report has a PSA. */
export function uncertaintySummary(data: ReportData): Sentence[] {
  return data.uncertainty === undefined ? [] : [[measureFirstSentence(data.uncertainty, data.currency, incidentsPhrase(data.incidents))]];
}

/** "How sure are we?": the section of the report. */
export function uncertaintySection(data: ReportData): ReportSection | null {
  const u = data.uncertainty;
  if (u === undefined) return null;
  const cur = data.currency;
  const figure = (name: UncertaintyChartName, svg: string | null, caption: string): Block[] => (svg === null ? [] : [{ kind: 'figure', chart: name, svg, alt: UNCERTAINTY_CHART_ALT[name], caption }]);
  const dec = moneyDecimals(...u.policies.map((p) => u.netValue[p]!.mean));
  const m = (x: number) => formatNumber(x, dec);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        `The comparison above fixes every assumption at one value and shows only the noise of the simulation. Here ${u.parameters.length} assumption${u.parameters.length === 1 ? ' is' : 's are'} written as a range of plausible values (the table at the end). The model drew them `,
        { strong: `${formatNumber(u.draws, 0)} times` },
        ` — each draw the same for every policy — and ran every policy ${formatNumber(u.replicatesPerDraw, 0)} time${u.replicatesPerDraw === 1 ? '' : 's'} on each draw.`,
      ],
    },
    { kind: 'paragraph', text: [{ strong: measureFirstSentence(u, cur, incidentsPhrase(data.incidents)) }] },
    ...figure('uncertainty-difference', uncertaintyDifferenceChart(data), 'Black bar: the 95% confidence interval from the simulation alone, every assumption fixed. Coloured bar and histogram: the difference over the draws of the assumptions. Right of the black line is better than the baseline.'),
    {
      kind: 'table',
      title: `Net value ${incidentsPhrase(data.incidents)} with parameter uncertainty (${cur})`,
      columns: [{ label: 'policy' }, { label: 'mean', numeric: true }, { label: '95% of draws', numeric: true }, { label: 'best in', numeric: true }],
      rows: u.policies.map((p) => {
        const s = u.netValue[p]!;
        return [p, m(s.mean), formatInterval([s.p025, s.p975], dec), formatPercent(u.probabilityBest[p]!)];
      }),
    },
  ];
  if (u.differences.length > 0) {
    blocks.push({
      kind: 'table',
      title: `Against ${u.baseline} (${cur}, ${incidentsPhrase(data.incidents)})`,
      columns: [
        { label: 'policy' },
        { label: 'simulation only: mean', numeric: true },
        { label: '95% CI', numeric: true },
        { label: 'with parameter uncertainty: mean', numeric: true },
        { label: '95% of draws', numeric: true },
        { label: 'better in', numeric: true },
      ],
      rows: u.differences.map((d) => {
        const mc = data.differences.find((x) => x.policy === d.policy && x.against === u.baseline);
        return [d.policy, mc === undefined ? 'n/a' : m(mc.difference.mean), formatInterval(ci95Of(mc?.difference), dec), m(d.difference.mean), formatInterval([d.difference.p025, d.difference.p975], dec), formatPercent(d.probabilityBetter)];
      }),
    });
  }
  blocks.push(
    ...figure('acceptability', acceptabilityChart(data), `The dashed line is the value this scenario puts on a lost customer (${formatMoney(u.lossPerCustomer, cur, 0)}). Where the curves cross, the decision turns on that value.`),
    {
      kind: 'paragraph',
      text: [
        'Knowing every assumption exactly would be worth ',
        { strong: `${formatMoney(u.evpi.value, cur, 0)} ${incidentsPhrase(data.incidents)}` },
        ` (the expected value of perfect information, ± ${formatMoney(u.evpi.se, cur, 0)}): what a decision made knowing them would gain, on average, over the best decision today. The bars split it by assumption: the expected value of partial perfect information (EVPPI), estimated by regression on the draws (Strong, Oakley & Brennan 2014). Values below about two standard errors are indistinguishable from 0.`,
      ],
    },
    ...figure('evppi', evppiChart(data), ''),
    {
      kind: 'table',
      title: 'Measure this first',
      columns: [{ label: 'rank', numeric: true }, { label: 'assumption', code: true }, { label: `worth knowing (${cur})`, numeric: true }, { label: 'se', numeric: true }, { label: 'share of EVPI', numeric: true }],
      rows: u.evppi.map((r, i) => [
        formatNumber(i + 1, 0),
        r.group ? `${r.parameter}: ${r.parameters.join(', ')}` : r.parameter,
        formatNumber(r.value, 0),
        formatNumber(r.se, 0),
        u.evpi.value > 0 ? formatPercent(r.value / u.evpi.value, 0) : 'n/a',
      ]),
    },
    {
      kind: 'table',
      title: 'The uncertain assumptions',
      columns: [{ label: 'parameter', code: true }, { label: 'what it is' }, { label: 'distribution' }, { label: 'mean', numeric: true }, { label: 'source' }],
      rows: u.parameters.map((p) => [p.parameter, p.description, p.distribution, formatValue(p.mean), p.source === '' ? (p.isDefault ? 'built-in default' : 'scenario file') : p.source]),
    },
  );
  return { id: 'uncertainty', heading: 'How sure are we?', blocks };
}

/** Tidy tables of the section (report `data/`): the draws, the summaries, the curve, the EVPPI. */
export function uncertaintyTables(data: ReportData): Record<string, object[]> {
  const u = data.uncertainty;
  if (u === undefined) return {};
  const draws: object[] = [];
  for (const policy of u.policies) (u.samples[policy] ?? []).forEach((value, draw) => draws.push({ draw, policy, netValue: value }));
  return {
    'uncertainty-draws': draws,
    'uncertainty-summary': uncertaintyCsvRows(u).filter((r) => !['psa:evppi', 'psa:acceptability'].includes((r as { metric: string }).metric)),
    'uncertainty-acceptability': u.acceptability.map((a) => ({ lossValue: a.lossValue, policy: a.policy, probabilityBest: a.probabilityBest, expectedNetValue: a.expectedNetValue })),
    'uncertainty-evppi': u.evppi.map((r, rank) => ({ rank: rank + 1, parameter: r.parameter, group: r.group ? r.parameters.join(' + ') : '', value: r.value, se: r.se, method: r.method })),
    'uncertainty-parameters': u.parameters.map((p) => ({ parameter: p.parameter, paths: p.paths.join(' '), description: p.description, distribution: p.distribution, mean: p.mean, sd: p.sd, central: p.central, source: p.source, isDefault: p.isDefault })),
  };
}
