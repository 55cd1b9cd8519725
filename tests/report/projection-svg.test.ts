// The projection's charts as static SVG (the fallback a notebook sends beside the
// Vega-Lite spec): the marks sit where the axis labels say, the colours and order are
// the spec's, text is escaped, and the same rows give the same bytes.
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, earlyWarningChartSvg, fanChartSpec, fanChartSvg, type EarlyWarningRow, type ProjectionRow } from '../../src/index.js';

const rows: ProjectionRow[] = [];
for (const policy of ['fee', 'refund']) {
  for (let month = 0; month <= 12; month++) {
    const m = 1000 - month * (policy === 'fee' ? 30 : 10);
    rows.push({ scenario: 'shop', policy, month, metric: 'customers', mean: m, se: 1, p05: m - 40, p25: m - 20, p50: m, p75: m + 20, p95: m + 40 });
  }
}

const all = (svg: string, re: RegExp) => [...svg.matchAll(re)];
const pointsOf = (attr: string) => attr.split(' ').map((p) => p.split(',').map(Number) as [number, number]);

/** The y axis as drawn: each tick label's value and the y of its grid line (label baseline − 4). */
function yTicks(svg: string, parse: (label: string) => number): Array<{ value: number; y: number }> {
  return all(svg, /<text x="[\d.]+" y="([\d.]+)" text-anchor="end" fill="#59636e" font-size="11">([^<]+)<\/text>/g).map((m) => ({
    value: parse(m[2]!),
    y: Number(m[1]) - 4,
  }));
}

describe('fanChartSvg', () => {
  const svg = fanChartSvg(rows, { metric: 'customers', title: 'Customers by month' });

  it('draws each median where the y axis labels put its value, months evenly across', () => {
    const ticks = yTicks(svg, (l) => Number(l.replace(/,/g, '')));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks[0]!.value).toBe(0); // zero included, as Vega-Lite draws areas
    const [a, b] = [ticks[0]!, ticks[ticks.length - 1]!];
    const yOf = (v: number) => a.y + ((v - a.value) / (b.value - a.value)) * (b.y - a.y);
    const lines = all(svg, /<polyline points="([^"]+)" fill="none" stroke="(#[0-9A-Fa-f]{6})"/g);
    expect(lines.map((l) => l[2])).toEqual(['#0072B2', '#D55E00']);
    for (const [i, policy] of ['fee', 'refund'].entries()) {
      const pts = pointsOf(lines[i]![1]!);
      const series = rows.filter((r) => r.policy === policy);
      expect(pts).toHaveLength(series.length);
      pts.forEach(([, y], k) => expect(Math.abs(y - yOf(series[k]!.p50))).toBeLessThanOrEqual(0.01)); // coordinates are rounded to 0.01
      const steps = pts.slice(1).map(([x], k) => x - pts[k]![0]);
      for (const s of steps) expect(Math.abs(s - steps[0]!)).toBeLessThanOrEqual(0.02);
    }
  });

  it('draws the 5–95% and 25–75% bands of every policy, in the colours and order of the Vega-Lite spec', () => {
    const bands = all(svg, /<polygon points="([^"]+)" fill="(#[0-9A-Fa-f]{6})" fill-opacity="([\d.]+)"/g).map((m) => [m[2], m[3]]);
    expect(bands).toEqual([
      ['#0072B2', '0.15'],
      ['#D55E00', '0.15'],
      ['#0072B2', '0.3'],
      ['#D55E00', '0.3'],
    ]);
    const spec = fanChartSpec(rows, { metric: 'customers' }) as { layer: Array<{ encoding: { color: { scale: { domain: string[]; range: string[] } } } }> };
    expect(spec.layer[0]!.encoding.color.scale).toEqual({ domain: ['fee', 'refund'], range: ['#0072B2', '#D55E00'] });
    expect(svg).toContain('>fee</text>');
    expect(svg).toContain('>refund</text>');
    // Each band's outline: the upper quantile left to right, then the lower back.
    const outer = pointsOf(all(svg, /<polygon points="([^"]+)"/g)[0]![1]!);
    expect(outer).toHaveLength(2 * 13);
  });

  it('is one well-formed, self-contained SVG that says what it shows', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+)" height="(\d+)" viewBox="0 0 \1 \2" role="img" aria-label="Customers by month"/);
    expect(svg).toContain('<title>Customers by month</title>');
    expect(svg).toMatch(/<desc>Customers by month: fan charts of customers by month\. Median at month 12 \(5–95% of replicates\): fee 640 \(600–680\); refund 880 \(840–920\)\.<\/desc>/);
    expect(svg).not.toMatch(/NaN|undefined|<script|href=|id="/);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(fanChartSvg(rows, { metric: 'customers', title: 'Customers by month' })).toBe(svg);
  });

  it('puts several scenarios side by side in row order, on one scale', () => {
    const two = [...rows.map((r) => ({ ...r, scenario: 'with levers', p50: r.p50 / 2, p05: r.p05 / 2, p25: r.p25 / 2, p75: r.p75 / 2, p95: r.p95 / 2 })), ...rows];
    const s = fanChartSvg(two, { metric: 'customers', width: 200 });
    const headings = all(s, /<text x="[\d.]+" y="[\d.]+" text-anchor="middle" font-weight="600">([^<]+)<\/text>/g).map((m) => m[1]);
    expect(headings).toEqual(['with levers', 'shop']);
    expect(all(s, /<polyline /g)).toHaveLength(4);
    expect(yTicks(s, Number).length).toBe(yTicks(fanChartSvg(rows, { metric: 'customers', width: 200 }), Number).length); // labels once, not per panel
  });

  it('escapes names and keeps long ones whole, widening the chart for the legend', () => {
    const name = 'refuse <and> bill "200 kr" & wait for the customer to give up on the repair';
    const s = fanChartSvg(
      rows.map((r) => (r.policy === 'fee' ? { ...r, policy: name } : r)),
      { metric: 'customers', title: 'A & B' },
    );
    expect(s).toContain('>refuse &lt;and&gt; bill &quot;200 kr&quot; &amp; wait for the customer to give up on the repair</text>');
    expect(s).toContain('<title>A &amp; B</title>');
    const width = (x: string) => Number(/^<svg [^>]*width="(\d+)"/.exec(x)![1]);
    expect(width(s)).toBeGreaterThan(width(svg) + 300);
  });

  it('rejects what fanChartSpec rejects, with the same error', () => {
    const bad = rows.map((r, i) => (i === 5 ? { ...r, p25: Number.POSITIVE_INFINITY } : r));
    expect(() => fanChartSvg(bad, { metric: 'customers' })).toThrow(InvalidParameterError);
    expect(() => fanChartSvg(bad, { metric: 'customers' })).toThrow(/^rows\[5\]\.p25: expected a finite number, received Infinity$/);
    expect(() => fanChartSvg(rows, { metric: 'revenue' })).toThrow(/options\.metric/);
  });
});

describe('earlyWarningChartSvg', () => {
  const warning: EarlyWarningRow[] = [];
  for (const policy of ['fee', 'refund']) {
    for (let month = 3; month <= 12; month++) {
      warning.push({ scenario: 'shop', policy, month, firstCrossings: 1, cumulativeShare: Math.min(1, (month - 2) / (policy === 'fee' ? 5 : 20)) });
    }
  }
  const svg = earlyWarningChartSvg(warning);

  it('draws each policy as steps that hold a share until the next month, on a 0–100% axis', () => {
    const ticks = yTicks(svg, (l) => Number(l.replace('%', '')) / 100);
    expect(ticks.map((t) => t.value)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const [a, b] = [ticks[0]!, ticks[ticks.length - 1]!];
    const yOf = (v: number) => a.y + ((v - a.value) / (b.value - a.value)) * (b.y - a.y);
    const lines = all(svg, /<polyline points="([^"]+)" fill="none" stroke="(#[0-9A-Fa-f]{6})"/g);
    expect(lines.map((l) => l[2])).toEqual(['#0072B2', '#D55E00']);
    const pts = pointsOf(lines[0]![1]!);
    const fee = warning.filter((w) => w.policy === 'fee');
    expect(pts).toHaveLength(2 * fee.length - 1);
    // Points 2k and 2k−1 share month k's x; point 2k−1 still has month k−1's share.
    for (let k = 1; k < fee.length; k++) {
      expect(pts[2 * k - 1]![0]).toBe(pts[2 * k]![0]);
      expect(Math.abs(pts[2 * k - 1]![1] - yOf(fee[k - 1]!.cumulativeShare))).toBeLessThanOrEqual(0.01);
      expect(Math.abs(pts[2 * k]![1] - yOf(fee[k]!.cumulativeShare))).toBeLessThanOrEqual(0.01);
    }
    expect(svg).toContain('<desc>Replicates in which the early warning has gone off, by month and policy. By month 12: fee 100.0%; refund 50.0%.</desc>');
  });

  it('rejects a share outside 0–1', () => {
    expect(() => earlyWarningChartSvg([{ ...warning[0]!, cumulativeShare: -0.1 }])).toThrow(InvalidParameterError);
  });
});
