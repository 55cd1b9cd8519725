/**
 * The report's charts as self-contained SVG strings: no scripts, no external fonts,
 * images or links, every piece of text escaped, every coordinate rounded to 0.01, so the
 * same data always gives the same bytes. Each chart has a visible title, axis labels with
 * units, and `<title>` / `<desc>` / `aria-label` for screen readers. Each function
 * returns `null` when the data it draws is absent.
 *
 * Every chart's root element carries `class="hearsay-chart"` and `data-chart="<name>"`
 * (`dark-number`, `policy-comparison`, `break-even`, `tornado`, `projection`).
 */
import type { MetricSummary } from '../monte-carlo/summary.js';
import {
  baselineOf,
  checkReportData,
  darkNumberHistogram,
  darkNumberOf,
  differencesAgainstBaseline,
  hasBreakEven,
  hasComparison,
  hasDarkNumber,
  hasProjection,
  hasSensitivity,
  isMoneyParameter,
  policyColor,
  projectionPolicies,
  projectionRows,
  hasDifference,
  hasStory,
  incidentCostOf,
  storyHops,
  tornadoViews,
  type TornadoView,
} from './data.js';
import { VALUE_PARTS } from '../economics/valuation.js';
import { incidentsPhrase } from './wording.js';
import {
  ci95Of,
  coord,
  decimalsFor,
  escapeXml,
  formatInterval,
  formatMoney,
  formatNumber,
  formatPercent,
  formatValue,
  moneyDecimals,
  truncate,
} from './format.js';
import { linearScale, niceAxis, tickStep, type Axis } from './scale.js';
import { metricName, parameterPhrase, rangeText } from './summary.js';
import type { ReportData } from './types.js';
import { t, withLocale } from './locale/index.js';

/** The chart names, in the order a report shows them. */
export const CHART_NAMES = ['waterfall', 'story', 'dark-number', 'policy-comparison', 'break-even', 'tornado', 'projection'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

const WIDTH = 680;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const INK = '#1f2328';
const MUTED = '#59636e';
const GRID = '#e6e8eb';
const AXIS_LINE = '#9aa1a9';
const FAINT = '#b8bec5';
/** Average glyph width of the sans-serif stack, as a share of the font size: enough to lay out labels. */
const CHAR_WIDTH = 0.58;

type Attributes = Readonly<Record<string, string | number | undefined>>;

function attributes(attrs: Attributes): string {
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out += ` ${key}="${typeof value === 'number' ? coord(value) : escapeXml(value)}"`;
  }
  return out;
}

function el(name: string, attrs: Attributes, content?: string): string {
  return content === undefined ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${content}</${name}>`;
}

function text(x: number, y: number, content: string, attrs: Attributes = {}): string {
  return el('text', { x, y, ...attrs }, escapeXml(content));
}

function line(x1: number, y1: number, x2: number, y2: number, attrs: Attributes): string {
  return el('line', { x1, y1, x2, y2, ...attrs });
}

function textWidth(content: string, size = 12): number {
  return Array.from(content).length * size * CHAR_WIDTH;
}

/** Splits text into lines of at most `max` characters at spaces. */
function wrap(content: string, max: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of content.split(/\s+/)) {
    if (word === '') continue;
    if (current !== '' && current.length + 1 + word.length > max) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}

function paragraph(x: number, y: number, content: string, maxChars: number, attrs: Attributes = {}, leading = 15): { svg: string; height: number } {
  const lines = wrap(content, maxChars);
  return { svg: lines.map((l, i) => text(x, y + i * leading, l, attrs)).join(''), height: lines.length * leading };
}

/**
 * Text wrapped at spaces to fit `width` pixels (estimated), as one <text> with a <tspan>
 * per line, so a long name never runs past the chart's edge; a word longer than a line
 * is cut with "…".
 */
function wrappedText(x: number, y: number, content: string, width: number, size: number, attrs: Attributes = {}, leading = size + 3): { svg: string; height: number } {
  const max = Math.max(4, Math.floor(width / (size * CHAR_WIDTH)));
  const lines = wrap(content, max).map((l) => truncate(l, max));
  if (lines.length === 0) lines.push('');
  const inner = lines.map((l, i) => (i === 0 ? escapeXml(l) : `<tspan x="${coord(x)}" dy="${coord(leading)}">${escapeXml(l)}</tspan>`)).join('');
  return { svg: el('text', { x, y, ...attrs }, inner), height: lines.length * leading };
}

/**
 * The outer element, title and subtitle; `body` draws below `top`. A title or subtitle
 * too long for one line wraps (tspans) and the body moves down to make room.
 */
function chart(name: string, height: number, title: string, subtitle: string, description: string, body: string): string {
  const titleLines = wrap(title, Math.floor(WIDTH / (15 * 0.62)));
  const subtitleLines = subtitle === '' ? [] : wrap(subtitle, Math.floor(WIDTH / (12 * CHAR_WIDTH)));
  const extra = Math.max(0, titleLines.length - 1) * 19 + Math.max(0, subtitleLines.length - 1) * 15;
  const lines = (xs: readonly string[], leading: number) => xs.map((l, i) => (i === 0 ? escapeXml(l) : `<tspan x="0" dy="${leading}">${escapeXml(l)}</tspan>`)).join('');
  const total = height + extra;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${coord(total)}" viewBox="0 0 ${WIDTH} ${coord(total)}"` +
    ` role="img" aria-label="${escapeXml(title)}" aria-describedby="hs-${name}-desc" class="hearsay-chart" data-chart="${name}"` +
    ` font-family="${escapeXml(FONT)}" font-size="12" fill="${INK}">` +
    el('title', { id: `hs-${name}-title` }, escapeXml(title)) +
    el('desc', { id: `hs-${name}-desc` }, escapeXml(description)) +
    el('rect', { width: WIDTH, height: total, fill: '#ffffff' }) +
    el('text', { x: 0, y: 18, 'font-size': 15, 'font-weight': 700 }, lines(titleLines, 19)) +
    (subtitleLines.length === 0 ? '' : el('text', { x: 0, y: 36 + (titleLines.length - 1) * 19, fill: MUTED }, lines(subtitleLines, 15))) +
    (extra === 0 ? body : `<g transform="translate(0 ${extra})">${body}</g>`) +
    '</svg>'
  );
}

const TOP = 52;

/** The finest round axis whose tick labels fit side by side in `pixels`. */
function fitAxis(values: readonly number[], pixels: number, options: { readonly includeZero?: boolean } = {}): Axis {
  for (let count = 8; count >= 2; count--) {
    const axis = niceAxis(values, count, options);
    const widest = Math.max(...axis.ticks.map((t) => textWidth(formatNumber(t, axis.decimals), 11)));
    if (pixels / Math.max(1, axis.ticks.length - 1) >= widest + 14) return axis;
  }
  return niceAxis(values, 2, options);
}

/** A horizontal value axis: grid lines over [top, bottom], tick labels and a title below. */
function xAxis(axis: Axis, x: (v: number) => number, top: number, bottom: number, label: string, showLabel = true): string {
  let out = '';
  for (const t of axis.ticks) {
    if (bottom > top) out += line(x(t), top, x(t), bottom, { stroke: GRID, 'stroke-width': 1 });
    out += text(x(t), bottom + 15, formatNumber(t, axis.decimals), { 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 });
  }
  out += line(x(axis.lo), bottom, x(axis.hi), bottom, { stroke: AXIS_LINE, 'stroke-width': 1 });
  if (showLabel) out += text((x(axis.lo) + x(axis.hi)) / 2, bottom + 33, label, { 'text-anchor': 'middle' });
  return out;
}

/** A vertical value axis at `left`: grid lines across [left, right] and tick labels. */
function yAxis(axis: Axis, y: (v: number) => number, left: number, right: number): string {
  let out = '';
  for (const t of axis.ticks) {
    out += line(left, y(t), right, y(t), { stroke: GRID, 'stroke-width': 1 });
    out += text(left - 6, y(t) + 4, formatNumber(t, axis.decimals), { 'text-anchor': 'end', fill: MUTED, 'font-size': 11 });
  }
  return out;
}

function rotatedLabel(x: number, y: number, label: string): string {
  return text(0, 0, label, { transform: `translate(${coord(x)} ${coord(y)}) rotate(-90)`, 'text-anchor': 'middle' });
}

function noteBox(y: number, message: string): string {
  return text(WIDTH / 2, y, message, { 'text-anchor': 'middle', fill: MUTED, 'font-style': 'italic' });
}

function finite(...xs: ReadonlyArray<number | null | undefined>): number[] {
  return xs.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

const moneyUnit = (currency: string, what = ''): string => (currency === '' ? what : what === '' ? currency : `${currency} ${what}`);

// ---------------------------------------------------------------------------------------
// The dark number

/**
 * Histograms of the dark number, one panel per policy on common bins and a common scale:
 * expected lost prospects in each simulated run, with the mean marked.
 */
export const darkNumberChart = (data: ReportData): string | null => withLocale(data.locale, () => darkNumberChartIn(data));

function darkNumberChartIn(data: ReportData): string | null {
  checkReportData(data);
  if (!hasDarkNumber(data)) return null;
  const h = darkNumberHistogram(data);
  const policies = h.policies.map((name) => data.policies.find((p) => p.name === name)!);
  const left = 56;
  const right = WIDTH - 12;
  const panelHeight = 78;
  const headHeight = 20;
  const gap = 14;
  const xAxisSpec = fitAxis([h.bins[0]!.low, h.bins[h.bins.length - 1]!.high], right - left);
  const x = linearScale(xAxisSpec.lo, xAxisSpec.hi, left, right);
  let maxCount = 0;
  for (const b of h.bins) for (const c of b.counts) maxCount = Math.max(maxCount, c);
  const yAxisSpec = niceAxis([0, maxCount], 3);
  let body = '';
  let top = TOP;
  const summaries: string[] = [];
  policies.forEach((policy, j) => {
    const colour = policyColor(data, policy.name);
    const panelTop = top + headHeight;
    const bottom = panelTop + panelHeight;
    const y = linearScale(0, yAxisSpec.hi, bottom, panelTop);
    const dark = darkNumberOf(policy);
    const d = decimalsFor(dark?.mean, dark?.p95);
    const heading = dark === undefined ? policy.name : `${truncate(policy.name, 48)} · ${t().mean} ${formatNumber(dark.mean, d)} (${t().ciTag} ${formatInterval(ci95Of(dark), d)})`;
    body += text(left, top + 13, heading, { 'font-weight': 600 });
    body += yAxis(yAxisSpec, y, left, right);
    for (const bin of h.bins) {
      const count = bin.counts[j]!;
      if (count === 0) continue;
      const x0 = x(bin.low);
      const x1 = x(bin.high);
      body += el('rect', { x: x0 + 0.5, y: y(count), width: Math.max(0.5, x1 - x0 - 1), height: bottom - y(count), fill: colour, 'fill-opacity': 0.8 });
    }
    body += line(left, bottom, right, bottom, { stroke: AXIS_LINE, 'stroke-width': 1 });
    if (dark !== undefined && Number.isFinite(dark.mean)) {
      const mx = x(dark.mean);
      body += line(mx, panelTop - 2, mx, bottom, { stroke: INK, 'stroke-width': 1.5, 'stroke-dasharray': '4 3' });
      const label = `${t().mean} ${formatNumber(dark.mean, d)}`;
      const anchor = mx + 6 + textWidth(label, 11) > right ? 'end' : 'start';
      body += text(anchor === 'end' ? mx - 6 : mx + 6, panelTop + 10, label, { 'font-size': 11, 'text-anchor': anchor });
      summaries.push(t().darkDescItem(policy.name, formatNumber(dark.mean, d), formatInterval([dark.p05, dark.p95], d)));
    }
    top = bottom + gap;
  });
  body += xAxis(xAxisSpec, x, top - gap, top - gap, t().darkXAxis);
  body += rotatedLabel(14, (TOP + top - gap) / 2, t().darkYAxis);
  const height = top - gap + 44;
  const title = t().darkTitle;
  const subtitle = t().darkSubtitle(incidentsPhrase(data.incidents), formatNumber(data.replicates, 0));
  const description = t().darkDesc(policies.length, formatValue(h.width), summaries.join('; '));
  return chart('dark-number', height, title, subtitle, description, body);
}

// ---------------------------------------------------------------------------------------
// The policy comparison

interface IntervalRow {
  readonly label: string;
  readonly colour: string;
  readonly s: MetricSummary;
  readonly valueLabel: string;
}

/** Rows of dot (mean), thick bar (95% CI) and faint line (5–95% of runs). */
function intervalRows(rows: readonly IntervalRow[], axis: Axis, x: (v: number) => number, top: number, left: number, rowHeight: number): string {
  let out = '';
  rows.forEach((r, i) => {
    const cy = top + i * rowHeight + rowHeight / 2;
    out += text(left - 10, cy + 4, truncate(r.label, 34), { 'text-anchor': 'end' });
    const clamp = (v: number) => Math.min(axis.hi, Math.max(axis.lo, v));
    if (Number.isFinite(r.s.p05) && Number.isFinite(r.s.p95)) {
      out += line(x(clamp(r.s.p05)), cy, x(clamp(r.s.p95)), cy, { stroke: FAINT, 'stroke-width': 2 });
      out += line(x(clamp(r.s.p05)), cy - 5, x(clamp(r.s.p05)), cy + 5, { stroke: FAINT, 'stroke-width': 2 });
      out += line(x(clamp(r.s.p95)), cy - 5, x(clamp(r.s.p95)), cy + 5, { stroke: FAINT, 'stroke-width': 2 });
    }
    const ci = ci95Of(r.s);
    if (ci !== null && ci.every(Number.isFinite)) {
      const a = x(clamp(ci[0]));
      const b = x(clamp(ci[1]));
      out += el('rect', { x: Math.min(a, b), y: cy - 4, width: Math.max(1, Math.abs(b - a)), height: 8, rx: 2, fill: r.colour, 'fill-opacity': 0.45 });
    }
    if (Number.isFinite(r.s.mean)) {
      out += el('circle', { cx: x(clamp(r.s.mean)), cy, r: 5, fill: r.colour, stroke: '#ffffff', 'stroke-width': 1.5 });
    }
    out += text(WIDTH - 2, cy + 4, r.valueLabel, { 'text-anchor': 'end', 'font-variant-numeric': 'tabular-nums' });
  });
  return out;
}

/** A legend row: each item draws its 16-pixel swatch at (x, y) (y the middle). */
function legendSwatches(y: number, x0: number, items: ReadonlyArray<{ readonly shape: (x: number, y: number) => string; readonly label: string }>): string {
  let out = '';
  let x = x0;
  for (const item of items) {
    out += item.shape(x, y);
    out += text(x + 22, y + 4, item.label, { fill: MUTED, 'font-size': 11 });
    x += 22 + textWidth(item.label, 11) + 18;
  }
  return out;
}

/**
 * What the incidents cost each policy (mean, 95% CI of the mean, 5–95% of runs) and, below, each
 * policy's paired difference from the baseline on the same random streams.
 */
export const policyComparisonChart = (data: ReportData): string | null => withLocale(data.locale, () => policyComparisonChartIn(data));

function policyComparisonChartIn(data: ReportData): string | null {
  checkReportData(data);
  if (!hasComparison(data)) return null;
  const cur = data.currency;
  const policies = data.policies.filter((p) => incidentCostOf(p) !== undefined);
  const per = incidentsPhrase(data.incidents);
  const diffs = differencesAgainstBaseline(data);
  const labels = [...policies.map((p) => truncate(p.name, 34)), ...diffs.map((d) => truncate(d.policy.name, 34))];
  const left = Math.min(250, Math.max(90, Math.max(...labels.map((l) => textWidth(l))) + 18));
  const valueColumn = 128;
  const right = WIDTH - valueColumn - 8;
  const rowHeight = 30;
  let body = '';
  let top = TOP + 8;
  // The cost of the incidents.
  const values = policies.map((p) => incidentCostOf(p)!);
  const axisA = fitAxis(values.flatMap((s) => finite(s.mean, s.p05, s.p95, ...(ci95Of(s) ?? []))), right - left);
  const xa = linearScale(axisA.lo, axisA.hi, left, right);
  const costHead = wrappedText(0, top + 2, t().costPanel(moneyUnit(cur, per)), WIDTH, 12, { 'font-weight': 600 });
  body += costHead.svg;
  top += 12 + costHead.height - 15;
  const heightA = policies.length * rowHeight;
  body += xAxis(axisA, xa, top, top + heightA, t().costAxis(moneyUnit(cur, per)));
  body += intervalRows(
    policies.map((p) => {
      const s = incidentCostOf(p)!;
      return { label: p.name, colour: policyColor(data, p.name), s, valueLabel: formatMoney(s.mean, cur) };
    }),
    axisA,
    xa,
    top,
    left,
    rowHeight,
  );
  top += heightA + 50;
  body += legendSwatches(top, left, [
    { shape: (lx, ly) => el('circle', { cx: lx + 8, cy: ly, r: 5, fill: MUTED }), label: t().mean },
    { shape: (lx, ly) => el('rect', { x: lx, y: ly - 4, width: 16, height: 8, rx: 2, fill: MUTED, 'fill-opacity': 0.45 }), label: t().ciOfMean },
    { shape: (lx, ly) => line(lx, ly, lx + 16, ly, { stroke: FAINT, 'stroke-width': 2 }), label: t().rangeOfSimulatedRuns },
  ]);
  top += 18;
  const descriptions = policies.map((p) => t().costDescItem(p.name, formatMoney(incidentCostOf(p)!.mean, cur), formatInterval(ci95Of(incidentCostOf(p)), moneyDecimals(incidentCostOf(p)!.mean), cur)));
  // Paired differences.
  if (diffs.length > 0) {
    top += 16;
    const dvalues = diffs.map((d) => d.difference.difference);
    const axisB = fitAxis(dvalues.flatMap((s) => finite(s.mean, s.p05, s.p95, ...(ci95Of(s) ?? []))), right - left, { includeZero: true });
    const xb = linearScale(axisB.lo, axisB.hi, left, right);
    const panelHead = wrappedText(0, top + 2, t().differencePanel(data.baseline, moneyUnit(cur, per)), WIDTH, 12, { 'font-weight': 600 });
    body += panelHead.svg;
    top += 12 + panelHead.height - 15;
    const heightB = diffs.length * rowHeight;
    body += xAxis(axisB, xb, top, top + heightB, t().differenceAxis(truncate(data.baseline, 40), moneyUnit(cur, per)));
    body += line(xb(0), top - 4, xb(0), top + heightB, { stroke: INK, 'stroke-width': 1.5 });
    body += intervalRows(
      diffs.map(({ policy, difference }) => {
        const s = difference.difference;
        const sign = s.mean > 0 ? '+' : '';
        return {
          label: policy.name,
          colour: policyColor(data, policy.name),
          s,
          valueLabel: `${sign}${formatMoney(s.mean, cur)} · ${formatPercent(difference.probabilityBetter, 0)}`,
        };
      }),
      axisB,
      xb,
      top,
      left,
      rowHeight,
    );
    top += heightB + 50;
    const note = paragraph(left, top, t().differenceNote(truncate(data.baseline, 40)), Math.floor((WIDTH - left) / (11 * CHAR_WIDTH)), { fill: MUTED, 'font-size': 11 }, 14);
    body += note.svg;
    top += note.height - 6;
    for (const { policy, difference } of diffs) {
      const s = difference.difference;
      descriptions.push(t().costDiffDescItem(policy.name, data.baseline, formatMoney(s.mean, cur), formatInterval(ci95Of(s), moneyDecimals(s.mean), cur), formatPercent(difference.probabilityBetter)));
    }
  }
  const title = t().costTitle;
  const subtitle = t().costSubtitle(truncate(per, 40), truncate(baselineOf(data).name, 40));
  return chart('policy-comparison', top + 10, title, subtitle, `${descriptions.join('; ')}.`, body);
}

// ---------------------------------------------------------------------------------------
// Break-even

/**
 * The break-even value of a parameter: the mean paired difference of net value against
 * the parameter, drawn as a straight line of the estimated slope through (value, 0), with
 * the 95% CI of the value shaded. Only the value, its CI and the slope were computed:
 * the line is the honest local picture, not a simulated curve, and the caption says so.
 */
export const breakEvenChart = (data: ReportData): string | null => withLocale(data.locale, () => breakEvenChartIn(data));

function breakEvenChartIn(data: ReportData): string | null {
  checkReportData(data);
  if (!hasBreakEven(data)) return null;
  const be = data.breakEven!;
  const cur = data.currency;
  const money = isMoneyParameter(be.parameter);
  const [a, b] = be.policies;
  const left = 84;
  const right = WIDTH - 24;
  let top = TOP + 6;
  const plotHeight = 230;
  const dec = money ? moneyDecimals(be.value, be.ci95Low, be.ci95High) : decimalsFor(be.value, be.ci95Low, be.ci95High);
  const valueText = (v: number) => (money ? formatMoney(v, cur, dec) : formatNumber(v, dec));
  const ok = Number.isFinite(be.value) && Number.isFinite(be.slope);
  let body = '';
  let description: string;
  if (!ok) {
    body += noteBox(top + plotHeight / 2, t().breakEvenNotFinite);
    description = t().breakEvenUnavailable;
    top += plotHeight;
  } else {
    const half = Number.isFinite(be.ci95Low) && Number.isFinite(be.ci95High) ? Math.max(Math.abs(be.ci95High - be.value), Math.abs(be.value - be.ci95Low)) : 0;
    let reach = Math.max(3 * half, 0.3 * Math.abs(be.value));
    if (!(reach > 0)) reach = 1;
    let lo = be.value - reach;
    const hi = be.value + reach;
    if (lo < 0 && be.value >= 0) lo = 0;
    const ax = fitAxis([lo, hi], right - left);
    const lineAt = (v: number) => be.slope * (v - be.value);
    const ay = niceAxis([lineAt(ax.lo), lineAt(ax.hi), 0], 6);
    const x = linearScale(ax.lo, ax.hi, left, right);
    const bottom = top + plotHeight;
    const y = linearScale(ay.lo, ay.hi, bottom, top);
    body += yAxis(ay, y, left, right);
    body += xAxis(ax, x, top, bottom, money ? `${parameterPhrase(be.parameter)} (${cur})` : parameterPhrase(be.parameter));
    body += rotatedLabel(16, (top + bottom) / 2, t().breakEvenYAxis(moneyUnit(cur)));
    if (Number.isFinite(be.ci95Low) && Number.isFinite(be.ci95High)) {
      const c0 = x(Math.max(ax.lo, Math.min(ax.hi, be.ci95Low)));
      const c1 = x(Math.max(ax.lo, Math.min(ax.hi, be.ci95High)));
      body += el('rect', { x: Math.min(c0, c1), y: top, width: Math.max(1, Math.abs(c1 - c0)), height: plotHeight, fill: '#0072B2', 'fill-opacity': 0.14 });
      body += text(Math.max(c0, c1) - 4, top + 30, t().ciTag, { 'text-anchor': 'end', fill: '#0072B2', 'font-size': 11 });
    }
    body += line(left, y(0), right, y(0), { stroke: INK, 'stroke-width': 1.2 });
    body += line(x(ax.lo), y(lineAt(ax.lo)), x(ax.hi), y(lineAt(ax.hi)), { stroke: '#0072B2', 'stroke-width': 2.5 });
    body += el('circle', { cx: x(be.value), cy: y(0), r: 5, fill: '#0072B2', stroke: '#ffffff', 'stroke-width': 1.5 });
    const label = t().breakEvenLabel(valueText(be.value), formatInterval(ci95Of(be), dec, money ? cur : undefined));
    const px = x(be.value);
    const anchor = px + 10 + textWidth(label) > right ? 'end' : 'start';
    // The label sits on the side of the zero line away from the line's rise.
    const labelY = be.slope > 0 ? y(0) + 20 : y(0) - 12;
    body += text(anchor === 'end' ? px - 10 : px + 10, labelY, label, { 'text-anchor': anchor, 'font-weight': 600 });
    const upper = be.slope > 0 ? a : b;
    const lower = be.slope > 0 ? b : a;
    body += text(left + 8, top + 16, t().aboveZero(truncate(a, 30)), { fill: MUTED, 'font-size': 11 });
    body += text(left + 8, bottom - 8, t().belowZero(truncate(b, 30)), { fill: MUTED, 'font-size': 11 });
    top = bottom + 46;
    const slopeText = t().breakEvenSlope(formatNumber(be.slope, decimalsFor(be.slope)), moneyUnit(cur), money ? cur : t().breakEvenUnit, parameterPhrase(be.parameter));
    const caption = paragraph(
      0,
      top,
      t().breakEvenCaption(slopeText),
      104,
      { fill: MUTED, 'font-size': 11 },
      14,
    );
    body += caption.svg;
    top += caption.height;
    description = t().breakEvenDesc(a, b, parameterPhrase(be.parameter), valueText(be.value), formatInterval(ci95Of(be), dec, money ? cur : undefined), upper, lower);
  }
  const title = t().breakEvenTitle(parameterPhrase(be.parameter));
  const subtitle = t().breakEvenSubtitle(truncate(a, 36), truncate(b, 36));
  return chart('break-even', top + 8, title, subtitle, description, body);
}

// ---------------------------------------------------------------------------------------
// Tornado

const LOW_COLOUR = '#56B4E9';
const HIGH_COLOUR = '#E69F00';

/**
 * One-at-a-time sensitivity, one panel per policy against the baseline: for each
 * parameter (largest swing first) a bar from the headline difference to the difference
 * with the parameter at the low end of its range, and one to the high end.
 */
export const tornadoChart = (data: ReportData): string | null => withLocale(data.locale, () => tornadoChartIn(data));

function tornadoChartIn(data: ReportData): string | null {
  checkReportData(data);
  if (!hasSensitivity(data)) return null;
  const views = tornadoViews(data);
  const cur = data.currency;
  const per = incidentsPhrase(data.incidents);
  const labels = views.flatMap((v) => v.rows.map((r) => truncate(r.parameter, 36)));
  const left = Math.min(260, Math.max(110, Math.max(...labels.map((l) => textWidth(l))) + 16));
  const right = WIDTH - 30;
  const rowHeight = 36;
  const dec = moneyDecimals(...views.flatMap((v) => [v.base, ...v.rows.flatMap((r) => [r.atLow, r.atHigh])]));
  // One scale for every panel, so the bars compare across policies.
  const axis = fitAxis(finite(...views.flatMap((v) => [v.base, ...v.rows.flatMap((r) => [r.atLow, r.atHigh])])), right - left);
  const x = linearScale(axis.lo, axis.hi, left, right);
  let top = TOP + 6;
  let body = '';
  const descriptions: string[] = [];
  for (const v of views) {
    const head = wrappedText(0, top + 12, `${v.policy} − ${v.against}`, WIDTH, 12, { 'font-weight': 600 });
    body += head.svg;
    top += head.height + 26;
    body += tornadoPanel(v, x, axis, left, top, rowHeight, cur, dec);
    top += v.rows.length * rowHeight + 44;
    descriptions.push(
      t().tornadoDescItem(v.policy, v.against, formatMoney(v.base, cur, dec), v.rows.map((r) => t().tornadoDescRow(r.parameter, rangeText(r), formatMoney(r.atLow, cur, dec), formatMoney(r.atHigh, cur, dec))).join('; ')),
    );
  }
  top -= 4;
  body += text((x(axis.lo) + x(axis.hi)) / 2, top - 10, t().tornadoAxis(moneyUnit(cur, per)), { 'text-anchor': 'middle' });
  top += 14;
  body += legendSwatches(top, left, [
    { shape: (lx, ly) => el('rect', { x: lx, y: ly - 6, width: 16, height: 12, fill: LOW_COLOUR }), label: t().lowEnd },
    { shape: (lx, ly) => el('rect', { x: lx, y: ly - 6, width: 16, height: 12, fill: HIGH_COLOUR }), label: t().highEnd },
  ]);
  top += 14;
  const title = t().tornadoTitle;
  const subtitle = t().tornadoSubtitle(truncate(data.baseline, 40));
  const description = t().tornadoDesc(views.length, descriptions.join('. '));
  return chart('tornado', top, title, subtitle, description, body);
}

function tornadoPanel(v: TornadoView, x: (value: number) => number, axis: Axis, left: number, top: number, rowHeight: number, cur: string, dec: number): string {
  const plotHeight = v.rows.length * rowHeight;
  let body = '';
  for (const t of axis.ticks) {
    body += line(x(t), top, x(t), top + plotHeight, { stroke: GRID, 'stroke-width': 1 });
    body += text(x(t), top + plotHeight + 15, formatNumber(t, axis.decimals), { 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 });
  }
  body += line(x(axis.lo), top + plotHeight, x(axis.hi), top + plotHeight, { stroke: AXIS_LINE, 'stroke-width': 1 });
  const base = Number.isFinite(v.base) ? v.base : null;
  v.rows.forEach((r, i) => {
    const rowTop = top + i * rowHeight;
    body += text(left - 8, rowTop + 15, truncate(r.parameter, 36), { 'text-anchor': 'end' });
    body += text(left - 8, rowTop + 29, truncate(rangeText(r), 40), { 'text-anchor': 'end', fill: MUTED, 'font-size': 10.5 });
    const bar = (value: number, y0: number, colour: string, end: string) => {
      if (base === null || !Number.isFinite(value)) return text(x(axis.lo) + 4, y0 + 10, `${end}: n/a`, { fill: MUTED, 'font-size': 10.5 });
      const a = x(base);
      const b = x(value);
      let out = el('rect', { x: Math.min(a, b), y: y0, width: Math.max(1, Math.abs(b - a)), height: 13, fill: colour });
      const label = formatMoney(value, cur, dec);
      const outward = value < base ? -1 : 1;
      let lx = b + outward * 4;
      let anchor = outward < 0 ? 'end' : 'start';
      let inside = false;
      if (anchor === 'start' && lx + textWidth(label, 10.5) > WIDTH) {
        lx = b - 4;
        anchor = 'end';
        inside = true;
      } else if (anchor === 'end' && lx - textWidth(label, 10.5) < left) {
        lx = b + 4;
        anchor = 'start';
        inside = true;
      }
      out += text(lx, y0 + 10.5, label, { 'text-anchor': anchor, 'font-size': 10.5, fill: inside ? INK : MUTED });
      return out;
    };
    body += bar(r.atLow, rowTop + 4, LOW_COLOUR, 'low');
    body += bar(r.atHigh, rowTop + 18, HIGH_COLOUR, 'high');
  });
  if (base !== null) {
    body += line(x(base), top - 6, x(base), top + plotHeight, { stroke: INK, 'stroke-width': 1.5 });
    const label = t().base(formatMoney(base, cur, dec));
    const bx = x(base);
    const anchor = bx + textWidth(label, 11) / 2 > WIDTH ? 'end' : bx - textWidth(label, 11) / 2 < 0 ? 'start' : 'middle';
    body += text(bx, top - 10, label, { 'text-anchor': anchor, 'font-size': 11, 'font-weight': 600 });
  }
  return body;
}

// ---------------------------------------------------------------------------------------
// Waterfall: the parts of each difference

const GAIN = '#009E73';
const LOSS = '#D55E00';
const TOTAL = '#0072B2';

/**
 * The parts of each policy's difference from the baseline as a waterfall, one panel per
 * policy on a common scale: each part a bar from the running sum before it to the running
 * sum after it (green in favour of the policy, orange in favour of the baseline), the
 * last bar the difference itself, from zero. The parts add up to the difference exactly.
 */
export const waterfallChart = (data: ReportData): string | null => withLocale(data.locale, () => waterfallChartIn(data));

function waterfallChartIn(data: ReportData): string | null {
  checkReportData(data);
  if (!hasDifference(data)) return null;
  const diffs = differencesAgainstBaseline(data);
  const cur = data.currency;
  const per = incidentsPhrase(data.incidents);
  const parts = VALUE_PARTS.filter((k) => diffs.some(({ difference }) => difference.parts[k] !== 0));
  const left = 250;
  const valueColumn = 92;
  const right = WIDTH - valueColumn - 8;
  const labelChars = Math.floor((left - 14) / (12 * CHAR_WIDTH));
  const values: number[] = [0];
  for (const { difference } of diffs) {
    let run = 0;
    for (const k of parts) {
      run += difference.parts[k];
      values.push(run);
    }
    values.push(difference.difference.mean);
  }
  const axis = fitAxis(finite(...values), right - left, { includeZero: true });
  const x = linearScale(axis.lo, axis.hi, left, right);
  let top = TOP + 4;
  let body = '';
  const descriptions: string[] = [];
  for (const { policy, difference } of diffs) {
    const head = wrappedText(0, top + 12, t().against(policy.name, data.baseline), WIDTH, 12, { 'font-weight': 600 });
    body += head.svg;
    top += head.height + 8;
    const rows = [...parts.map((k) => ({ label: t().parts[k], value: difference.parts[k], total: false })), { label: t().theDifference, value: difference.difference.mean, total: true }];
    const heights = rows.map((r) => Math.max(24, wrap(r.label, labelChars).length * 14 + 8));
    const panelHeight = heights.reduce((a, b) => a + b, 0);
    for (const t of axis.ticks) body += line(x(t), top, x(t), top + panelHeight, { stroke: GRID, 'stroke-width': 1 });
    let run = 0;
    let y = top;
    rows.forEach((r, i) => {
      const h = heights[i]!;
      const cy = y + h / 2;
      const from = r.total ? 0 : run;
      const to = r.total ? r.value : run + r.value;
      const lines = wrap(r.label, labelChars);
      body += el(
        'text',
        { x: left - 10, y: cy + 4 - ((lines.length - 1) * 14) / 2, 'text-anchor': 'end', ...(r.total ? { 'font-weight': 600 } : {}) },
        lines.map((l, j) => (j === 0 ? escapeXml(l) : `<tspan x="${coord(left - 10)}" dy="14">${escapeXml(l)}</tspan>`)).join(''),
      );
      if (Number.isFinite(from) && Number.isFinite(to)) {
        const a = x(from);
        const b = x(to);
        body += el('rect', { x: Math.min(a, b), y: cy - 7, width: Math.max(1, Math.abs(b - a)), height: 14, fill: r.total ? TOTAL : r.value >= 0 ? GAIN : LOSS });
        if (!r.total && i + 1 < rows.length) {
          // A thin connector to where the next bar starts.
          body += line(b, cy + 7, b, y + h + heights[i + 1]! / 2 - 7, { stroke: AXIS_LINE, 'stroke-width': 1, 'stroke-dasharray': '2 2' });
        }
      }
      const sign = r.value > 0 ? '+' : '';
      body += text(WIDTH - 2, cy + 4, `${sign}${formatMoney(r.value, cur, moneyDecimals(r.value))}`, { 'text-anchor': 'end', 'font-variant-numeric': 'tabular-nums', ...(r.total ? { 'font-weight': 600 } : {}) });
      if (!r.total) run += r.value;
      y += h;
    });
    body += line(x(0), top - 4, x(0), top + panelHeight, { stroke: INK, 'stroke-width': 1.5 });
    for (const t of axis.ticks) body += text(x(t), top + panelHeight + 15, formatNumber(t, axis.decimals), { 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 });
    body += line(x(axis.lo), top + panelHeight, x(axis.hi), top + panelHeight, { stroke: AXIS_LINE, 'stroke-width': 1 });
    top += panelHeight + 40;
    descriptions.push(t().waterfallDescItem(policy.name, data.baseline, rows.map((r) => `${r.label} ${formatMoney(r.value, cur, moneyDecimals(r.value))}`).join(', ')));
  }
  body += text((x(axis.lo) + x(axis.hi)) / 2, top - 12, t().waterfallAxis(moneyUnit(cur, per)), { 'text-anchor': 'middle' });
  top += 8;
  body += legendSwatches(top, 0, [
    { shape: (lx, ly) => el('rect', { x: lx, y: ly - 6, width: 16, height: 12, fill: GAIN }), label: t().inFavourPolicy },
    { shape: (lx, ly) => el('rect', { x: lx, y: ly - 6, width: 16, height: 12, fill: LOSS }), label: t().inFavourBaseline },
    { shape: (lx, ly) => el('rect', { x: lx, y: ly - 6, width: 16, height: 12, fill: TOTAL }), label: t().theDifference },
  ]);
  top += 14;
  const title = t().waterfallTitle;
  const subtitle = t().waterfallSubtitle(truncate(data.baseline, 40), truncate(per, 40));
  return chart('waterfall', top, title, subtitle, t().waterfallDesc(descriptions.join('. ')), body);
}

// ---------------------------------------------------------------------------------------
// How far the story travelled

/** People who heard the bad story at each hop, bars grouped by hop, one colour per policy. */
export const storyChart = (data: ReportData): string | null => withLocale(data.locale, () => storyChartIn(data));

function storyChartIn(data: ReportData): string | null {
  checkReportData(data);
  if (!hasStory(data)) return null;
  const hops = storyHops(data);
  if (hops.length === 0) return null;
  const policies = data.policies;
  const left = 56;
  const right = WIDTH - 12;
  const plotHeight = 200;
  let top = TOP + 14;
  const means = policies.map((p) => hops.map((h) => p.metrics[`negativeByHop.${h}`]?.mean ?? 0));
  const ay = niceAxis([0, ...means.flat()], 5);
  const y = linearScale(ay.lo, ay.hi, top + plotHeight, top);
  const bottom = top + plotHeight;
  let body = yAxis(ay, y, left, right);
  const groupWidth = (right - left) / hops.length;
  const barWidth = Math.min(36, (groupWidth * 0.8) / policies.length);
  hops.forEach((h, i) => {
    const gx = left + i * groupWidth + (groupWidth - barWidth * policies.length) / 2;
    policies.forEach((p, j) => {
      const v = means[j]![i]!;
      if (!(v > 0)) return;
      body += el('rect', { x: gx + j * barWidth, y: y(v), width: Math.max(0.5, barWidth - 1), height: bottom - y(v), fill: policyColor(data, p.name), 'fill-opacity': 0.85 });
    });
    body += text(left + (i + 0.5) * groupWidth, bottom + 15, formatNumber(h, 0), { 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 });
  });
  body += line(left, bottom, right, bottom, { stroke: AXIS_LINE, 'stroke-width': 1 });
  body += text((left + right) / 2, bottom + 33, t().storyAxis, { 'text-anchor': 'middle' });
  body += rotatedLabel(14, (top + bottom) / 2, t().storyYAxis);
  top = bottom + 56;
  for (const p of policies) {
    const item = wrappedText(left + 22, top + 4, p.name, right - left - 22, 11, { fill: MUTED, 'font-size': 11 });
    body += el('rect', { x: left, y: top - 6, width: 16, height: 12, fill: policyColor(data, p.name), 'fill-opacity': 0.85 }) + item.svg;
    top += Math.max(18, item.height + 4);
  }
  const title = t().storyTitle;
  const subtitle = t().storySubtitle(truncate(incidentsPhrase(data.incidents), 40));
  const description = t().storyDesc(String(hops[0]), String(hops[hops.length - 1]), policies.map((p, j) => `${p.name}: ${means[j]!.map((m) => formatNumber(m, decimalsFor(m))).join(', ')}`).join('; '));
  return chart('story', top, title, subtitle, description, body);
}

// ---------------------------------------------------------------------------------------
// Projection

/** Whole-month ticks inside [m0, m1]. */
function monthTicks(m0: number, m1: number): Axis {
  if (m0 === m1) return { lo: m0 - 1, hi: m1 + 1, step: 1, ticks: [m0], decimals: 0 };
  const step = Math.max(1, Math.round(tickStep(m0, m1, 5)));
  const ticks: number[] = [];
  for (let k = Math.ceil(m0 / step); k * step <= m1; k++) ticks.push(k * step);
  return { lo: m0, hi: m1, step, ticks, decimals: 0 };
}

/**
 * Fan charts of the projection, one panel per policy on a common scale: the 5–95% and
 * 25–75% bands of the runs and the median line, month by month.
 */
export const projectionChart = (data: ReportData): string | null => withLocale(data.locale, () => projectionChartIn(data));

function projectionChartIn(data: ReportData): string | null {
  checkReportData(data);
  if (!hasProjection(data)) return null;
  const proj = data.projection!;
  const rows = projectionRows(data).filter((r) => [r.month, r.p05, r.p25, r.p50, r.p75, r.p95].every(Number.isFinite));
  const names = projectionPolicies(data);
  const columns = Math.min(3, names.length);
  const gridRows = Math.ceil(names.length / columns);
  const left = 60;
  const gapX = 22;
  const panelWidth = (WIDTH - left - 8 - gapX * (columns - 1)) / columns;
  const panelHeight = 150;
  const headHeight = 20;
  const gapY = 40;
  const months = rows.map((r) => r.month);
  const m0 = months.length === 0 ? 0 : Math.min(...months);
  const m1 = months.length === 0 ? 1 : Math.max(...months);
  const mx = monthTicks(m0, m1);
  const ay = niceAxis(rows.flatMap((r) => [r.p05, r.p95]), 4);
  let body = '';
  const top0 = TOP + 4;
  const descriptions: string[] = [];
  names.forEach((name, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    const px0 = left + col * (panelWidth + gapX);
    const px1 = px0 + panelWidth;
    const panelTop = top0 + row * (headHeight + panelHeight + gapY) + headHeight;
    const bottom = panelTop + panelHeight;
    const x = linearScale(mx.lo, mx.hi, px0, px1);
    const y = linearScale(ay.lo, ay.hi, bottom, panelTop);
    const colour = policyColor(data, name);
    body += text(px0, panelTop - 7, truncate(name, Math.max(8, Math.floor(panelWidth / (12 * CHAR_WIDTH)))), { 'font-weight': 600 });
    for (const t of ay.ticks) {
      body += line(px0, y(t), px1, y(t), { stroke: GRID, 'stroke-width': 1 });
      if (col === 0) body += text(px0 - 6, y(t) + 4, formatNumber(t, ay.decimals), { 'text-anchor': 'end', fill: MUTED, 'font-size': 11 });
    }
    for (const t of mx.ticks) {
      body += line(x(t), bottom, x(t), bottom + 4, { stroke: AXIS_LINE, 'stroke-width': 1 });
      body += text(x(t), bottom + 16, formatNumber(t, 0), { 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 });
    }
    body += line(px0, bottom, px1, bottom, { stroke: AXIS_LINE, 'stroke-width': 1 });
    body += text((px0 + px1) / 2, bottom + 32, t().month, { 'text-anchor': 'middle' });
    const series = rows.filter((r) => r.policy === name).slice().sort((p, q) => p.month - q.month);
    if (series.length === 0) {
      body += text((px0 + px1) / 2, (panelTop + bottom) / 2, 'no finite values', { 'text-anchor': 'middle', fill: MUTED, 'font-style': 'italic' });
      return;
    }
    const band = (lowKey: 'p05' | 'p25', highKey: 'p95' | 'p75', opacity: number) => {
      const upper = series.map((r) => `${coord(x(r.month))},${coord(y(r[highKey]))}`);
      const lower = series.map((r) => `${coord(x(r.month))},${coord(y(r[lowKey]))}`).reverse();
      return el('polygon', { points: [...upper, ...lower].join(' '), fill: colour, 'fill-opacity': opacity, stroke: 'none' });
    };
    body += band('p05', 'p95', 0.16);
    body += band('p25', 'p75', 0.32);
    body += el('polyline', { points: series.map((r) => `${coord(x(r.month))},${coord(y(r.p50))}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-linejoin': 'round' });
    const last = series[series.length - 1]!;
    const d = decimalsFor(last.p50, last.p95);
    descriptions.push(t().projectionDescItem(name, formatNumber(last.month, 0), formatNumber(last.p50, d), formatInterval([last.p05, last.p95], d)));
  });
  const gridBottom = top0 + gridRows * (headHeight + panelHeight + gapY) - gapY;
  body += rotatedLabel(14, (top0 + gridBottom) / 2, metricName(proj.metric));
  let top = gridBottom + 58;
  body += legendSwatches(top, left, [
    { shape: (lx, ly) => el('rect', { x: lx, y: ly - 6, width: 16, height: 12, fill: MUTED, 'fill-opacity': 0.16 }), label: t().runs5to95 },
    { shape: (lx, ly) => el('rect', { x: lx, y: ly - 6, width: 16, height: 12, fill: MUTED, 'fill-opacity': 0.32 }), label: t().runs25to75 },
    { shape: (lx, ly) => line(lx, ly, lx + 16, ly, { stroke: MUTED, 'stroke-width': 2 }), label: t().median },
  ]);
  top += 14;
  const title = t().projectionTitle(metricName(proj.metric));
  const subtitle = t().projectionSubtitle(formatNumber(m0, 0), formatNumber(m1, 0));
  return chart('projection', top, title, subtitle, t().projectionDesc(metricName(proj.metric), descriptions.join('; ')), body);
}

/** Every chart the data supports, by name, in report order. */
export function allCharts(data: ReportData): Array<{ readonly name: ChartName; readonly svg: string }> {
  return withLocale(data.locale, () => allChartsIn(data));
}

function allChartsIn(data: ReportData): Array<{ readonly name: ChartName; readonly svg: string }> {
  const out: Array<{ name: ChartName; svg: string }> = [];
  const makers: Record<ChartName, (d: ReportData) => string | null> = {
    waterfall: waterfallChart,
    story: storyChart,
    'dark-number': darkNumberChart,
    'policy-comparison': policyComparisonChart,
    'break-even': breakEvenChart,
    tornado: tornadoChart,
    projection: projectionChart,
  };
  for (const name of CHART_NAMES) {
    const svg = makers[name](data);
    if (svg !== null) out.push({ name, svg });
  }
  return out;
}

/** The pieces every chart is drawn with, for charts drawn in other files (report/uncertainty.ts): one look. */
export const chartKit = {
  WIDTH,
  TOP,
  INK,
  MUTED,
  GRID,
  AXIS_LINE,
  FAINT,
  CHAR_WIDTH,
  chart,
  el,
  text,
  line,
  textWidth,
  paragraph,
  wrappedText,
  fitAxis,
  xAxis,
  yAxis,
  rotatedLabel,
  legendSwatches,
  finite,
  moneyUnit,
} as const;
