/**
 * The projection's charts as static SVG: the same charts as `fanChartSpec` and
 * `earlyWarningChartSpec` draw with Vega-Lite (same data, bands, colours, panel and
 * legend order), for places that show no Vega-Lite — a notebook exported to HTML, a
 * notebook viewed on GitHub, a page without scripts. Send both in one Jupyter display
 * bundle and each front end picks what it can show:
 *
 * ```ts
 * Deno.jupyter.display({
 *   'application/vnd.vegalite.v5+json': fanChartSpec(rows, options),
 *   'image/svg+xml': fanChartSvg(rows, options),
 * }, { raw: true });
 * ```
 *
 * Like the report's charts (svg.ts): no scripts, fonts, images or links, text escaped,
 * coordinates rounded to 0.01, so the same rows give the same bytes; a `<title>`, a
 * `<desc>` and `role="img"` for screen readers. No ids, so several charts can share a page.
 */
import {
  resolveEarlyWarningChart,
  resolveFanChart,
  type EarlyWarningChartOptions,
  type EarlyWarningChartRow,
  type FanChartOptions,
  type FanChartRow,
  type FanChartValue,
} from '../projection/chart.js';
import { coord, decimalsFor, escapeXml, formatInterval, formatNumber, formatPercent } from './format.js';
import { linearScale, niceAxis, tickStep, type Axis } from './scale.js';

// The report's chart style (svg.ts).
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const INK = '#1f2328';
const MUTED = '#59636e';
const GRID = '#e6e8eb';
const AXIS_LINE = '#9aa1a9';
/**
 * Glyph width of the sans-serif stack, as a share of the font size, for room to leave: a
 * little above the average (the report's 0.58), since a clipped legend label cannot be
 * read and the widest fallback fonts (DejaVu Sans) run to about 0.63.
 */
const CHAR_WIDTH = 0.64;
/** Opacities of the 5–95% and 25–75% bands, as in the Vega-Lite spec. */
const OUTER_BAND = 0.15;
const INNER_BAND = 0.3;

type Attributes = Readonly<Record<string, string | number | undefined>>;
type Scale = (v: number) => number;

function el(name: string, attrs: Attributes, content?: string): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) out += ` ${key}="${typeof value === 'number' ? coord(value) : escapeXml(value)}"`;
  }
  return content === undefined ? `${out}/>` : `${out}>${content}</${name}>`;
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

function points(xs: readonly number[], ys: readonly number[]): string {
  return xs.map((x, i) => `${coord(x)},${coord(ys[i]!)}`).join(' ');
}

/** Whole-month ticks about 80 pixels apart, the domain widened to whole ticks (Vega-Lite's "nice"). */
function monthAxis(months: readonly number[], pixels: number): Axis {
  const m0 = Math.min(...months);
  const m1 = Math.max(...months);
  if (m0 === m1) return { lo: m0 - 1, hi: m1 + 1, step: 1, ticks: [m0], decimals: 0 };
  const step = Math.max(1, Math.round(tickStep(m0, m1, Math.max(2, Math.floor(pixels / 80)))));
  const k0 = Math.floor(m0 / step);
  const k1 = Math.ceil(m1 / step);
  const ticks: number[] = [];
  for (let k = k0; k <= k1; k++) ticks.push(k * step);
  return { lo: k0 * step, hi: k1 * step, step, ticks, decimals: 0 };
}

interface Frame {
  readonly name: 'fan-chart' | 'early-warning';
  readonly title: string;
  readonly subtitle: string;
  readonly description: string;
  /** Plot area of one panel, in pixels. */
  readonly width: number;
  readonly height: number;
  /** Scenario names, one panel each; a single panel gets no heading. */
  readonly panels: readonly string[];
  readonly months: readonly number[];
  readonly yAxis: Axis;
  readonly yLabel: (tick: number) => string;
  readonly yTitle: string;
  readonly legend: ReadonlyArray<{ readonly label: string; readonly color: string }>;
  readonly swatch: 'fan' | 'line';
  /** Draws one panel's marks with its scales. */
  readonly draw: (scenario: string, x: Scale, y: Scale) => string;
}

/** Title, panels side by side on a shared y scale, axes, and a legend on the right. */
function renderFrame(f: Frame): string {
  const pad = 8;
  const gap = 24;
  const tickLabels = f.yAxis.ticks.map(f.yLabel);
  const left = pad + 18 + 6 + Math.max(...tickLabels.map((l) => textWidth(l, 11))) + 6;
  const headed = f.panels.length > 1;
  const top = 30 + (f.subtitle === '' ? 0 : 18) + 12 + (headed ? 20 : 0);
  const bottom = top + f.height;
  const mx = monthAxis(f.months, f.width);
  const y = linearScale(f.yAxis.lo, f.yAxis.hi, bottom, top);
  let body = '';
  f.panels.forEach((scenario, i) => {
    const x0 = left + i * (f.width + gap);
    const x1 = x0 + f.width;
    const x = linearScale(mx.lo, mx.hi, x0, x1);
    if (headed) body += text((x0 + x1) / 2, top - 10, scenario, { 'text-anchor': 'middle', 'font-weight': 600 });
    f.yAxis.ticks.forEach((t, k) => {
      body += line(x0, y(t), x1, y(t), { stroke: GRID, 'stroke-width': 1 });
      if (i === 0) body += text(x0 - 6, y(t) + 4, tickLabels[k]!, { 'text-anchor': 'end', fill: MUTED, 'font-size': 11 });
    });
    for (const t of mx.ticks) {
      body += line(x(t), bottom, x(t), bottom + 4, { stroke: AXIS_LINE, 'stroke-width': 1 });
      body += text(x(t), bottom + 16, formatNumber(t, 0), { 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 });
    }
    body += line(x0, bottom, x1, bottom, { stroke: AXIS_LINE, 'stroke-width': 1 });
    body += text((x0 + x1) / 2, bottom + 33, 'month', { 'text-anchor': 'middle' });
    body += f.draw(scenario, x, y);
  });
  body += text(0, 0, f.yTitle, { transform: `translate(${coord(pad + 12)} ${coord((top + bottom) / 2)}) rotate(-90)`, 'text-anchor': 'middle' });

  const legendX = left + f.panels.length * f.width + (f.panels.length - 1) * gap + 24;
  body += text(legendX, top + 4, 'policy', { 'font-weight': 600 });
  f.legend.forEach(({ label, color }, i) => {
    const ly = top + 24 + i * 20;
    if (f.swatch === 'fan') {
      body += el('rect', { x: legendX, y: ly - 7, width: 18, height: 14, fill: color, 'fill-opacity': OUTER_BAND });
      body += el('rect', { x: legendX, y: ly - 4, width: 18, height: 8, fill: color, 'fill-opacity': INNER_BAND });
    }
    body += line(legendX, ly, legendX + 18, ly, { stroke: color, 'stroke-width': 2 });
    body += text(legendX + 26, ly + 4, label);
  });
  const widest = Math.max(textWidth('policy'), ...f.legend.map((l) => 26 + textWidth(l.label)));
  const width = Math.ceil(legendX + widest + pad);
  const height = Math.ceil(Math.max(bottom + 42, top + 24 + f.legend.length * 20) + pad);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` role="img" aria-label="${escapeXml(f.title)}" class="hearsay-chart" data-chart="${f.name}"` +
    ` font-family="${escapeXml(FONT)}" font-size="12" fill="${INK}">` +
    el('title', {}, escapeXml(f.title)) +
    el('desc', {}, escapeXml(f.description)) +
    el('rect', { width, height, fill: '#ffffff' }) +
    text(pad, 22, f.title, { 'font-size': 15, 'font-weight': 700 }) +
    (f.subtitle === '' ? '' : text(pad, 40, f.subtitle, { fill: MUTED })) +
    body +
    '</svg>'
  );
}

/** Each scenario's rows of one policy, by month. */
function seriesOf<T extends { readonly scenario: string; readonly policy: string; readonly month: number }>(values: readonly T[], scenario: string, policy: string): T[] {
  return values.filter((v) => v.scenario === scenario && v.policy === policy).sort((a, b) => a.month - b.month);
}

/**
 * The fan chart of {@link fanChartSpec} as a static SVG string: per policy the 5–95% and
 * 25–75% bands of the replicates and the median line, months across, one panel per
 * scenario on a shared scale that includes zero (as Vega-Lite draws it), the policies in
 * the legend in row order.
 *
 * @throws InvalidParameterError as {@link fanChartSpec}.
 * @example
 * const svg = fanChartSvg(projection.rows, { metric: 'customers', title: 'Customers by month' });
 * // '<svg xmlns="http://www.w3.org/2000/svg" width="…" … data-chart="fan-chart" …>'
 */
export function fanChartSvg(rows: readonly FanChartRow[], options: FanChartOptions): string {
  const c = resolveFanChart(rows, options);
  const lastMonth = Math.max(...c.values.map((v) => v.month));
  const descriptions: string[] = [];
  for (const scenario of c.scenarios) {
    for (const policy of c.policies) {
      const last = c.values.find((v) => v.scenario === scenario && v.policy === policy && v.month === lastMonth);
      if (last === undefined) continue;
      const d = decimalsFor(last.p50, last.p95);
      const who = c.scenarios.length > 1 ? `${scenario}, ${policy}` : policy;
      descriptions.push(`${who} ${formatNumber(last.p50, d)} (${formatInterval([last.p05, last.p95], d)})`);
    }
  }
  const band = (series: readonly FanChartValue[], low: 'p05' | 'p25', high: 'p95' | 'p75', x: Scale, y: Scale): string => {
    const xs = series.map((v) => x(v.month));
    return points([...xs, ...xs.slice().reverse()], [...series.map((v) => y(v[high])), ...series.map((v) => y(v[low])).reverse()]);
  };
  // Zero included, as Vega-Lite's default scale for areas; about one tick per 50 pixels.
  const yAxis = niceAxis(
    c.values.flatMap((v) => [v.p05, v.p95]),
    Math.max(2, Math.round(c.height / 50)),
    { includeZero: true },
  );
  return renderFrame({
    name: 'fan-chart',
    title: c.title,
    subtitle: 'Median (line), 25–75% and 5–95% of replicates (bands)',
    description: `${c.title}: fan charts of ${c.metric} by month. Median at month ${formatNumber(lastMonth, 0)} (5–95% of replicates): ${descriptions.join('; ')}.`,
    width: c.width,
    height: c.height,
    panels: c.scenarios,
    months: c.values.map((v) => v.month),
    yAxis,
    yLabel: (t) => formatNumber(t, yAxis.decimals),
    yTitle: c.yTitle,
    legend: c.policies.map((label, i) => ({ label, color: c.colors[i]! })),
    swatch: 'fan',
    draw: (scenario, x, y) => {
      let out = '';
      const all = c.policies.map((policy) => seriesOf(c.values, scenario, policy));
      all.forEach((s, i) => {
        if (s.length > 0) out += el('polygon', { points: band(s, 'p05', 'p95', x, y), fill: c.colors[i], 'fill-opacity': OUTER_BAND, stroke: 'none' });
      });
      all.forEach((s, i) => {
        if (s.length > 0) out += el('polygon', { points: band(s, 'p25', 'p75', x, y), fill: c.colors[i], 'fill-opacity': INNER_BAND, stroke: 'none' });
      });
      all.forEach((s, i) => {
        if (s.length > 0) {
          out += el('polyline', {
            points: points(s.map((v) => x(v.month)), s.map((v) => y(v.p50))),
            fill: 'none',
            stroke: c.colors[i],
            'stroke-width': 2,
            'stroke-linejoin': 'round',
          });
        }
      });
      return out;
    },
  });
}

/**
 * The early-warning step chart of {@link earlyWarningChartSpec} as a static SVG string:
 * the share of replicates that have crossed by each month, one line per policy, 0–100%.
 *
 * @throws InvalidParameterError as {@link earlyWarningChartSpec}.
 * @example
 * const svg = earlyWarningChartSvg(projection.earlyWarningRows);
 */
export function earlyWarningChartSvg(rows: readonly EarlyWarningChartRow[], options: EarlyWarningChartOptions = {}): string {
  const c = resolveEarlyWarningChart(rows, options);
  const lastMonth = Math.max(...c.values.map((v) => v.month));
  const descriptions: string[] = [];
  for (const scenario of c.scenarios) {
    for (const policy of c.policies) {
      const s = seriesOf(c.values, scenario, policy);
      if (s.length === 0) continue;
      const who = c.scenarios.length > 1 ? `${scenario}, ${policy}` : policy;
      descriptions.push(`${who} ${formatPercent(s[s.length - 1]!.cumulativeShare)}`);
    }
  }
  const yAxis = niceAxis([0, 1], 5);
  return renderFrame({
    name: 'early-warning',
    title: c.title,
    subtitle: '',
    description: `${c.title}, by month and policy. By month ${formatNumber(lastMonth, 0)}: ${descriptions.join('; ')}.`,
    width: c.width,
    height: c.height,
    panels: c.scenarios,
    months: c.values.map((v) => v.month),
    yAxis,
    yLabel: (t) => formatPercent(t, Math.max(0, yAxis.decimals - 2)),
    yTitle: 'share of replicates',
    legend: c.policies.map((label, i) => ({ label, color: c.colors[i]! })),
    swatch: 'line',
    draw: (scenario, x, y) =>
      c.policies
        .map((policy, i) => {
          const s = seriesOf(c.values, scenario, policy);
          if (s.length === 0) return '';
          // Step after: each share holds until the next month's.
          const xs: number[] = [];
          const ys: number[] = [];
          s.forEach((v, k) => {
            if (k > 0) {
              xs.push(x(v.month));
              ys.push(y(s[k - 1]!.cumulativeShare));
            }
            xs.push(x(v.month));
            ys.push(y(v.cumulativeShare));
          });
          return el('polyline', { points: points(xs, ys), fill: 'none', stroke: c.colors[i], 'stroke-width': 2, 'stroke-linejoin': 'round' });
        })
        .join(''),
  });
}
