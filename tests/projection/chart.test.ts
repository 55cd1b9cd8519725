// The fan chart is a plain Vega-Lite v5 object: bands 5–95% and 25–75%, the median
// line, one colour per policy in row order; several scenarios become panels in row order.
// The early-warning chart is a step line per policy. (Their SVG twins: tests/report/projection-svg.test.ts.)
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/index.js';
import { earlyWarningChartSpec, fanChartSpec, type EarlyWarningRow, type ProjectionRow } from '../../src/projection/index.js';
import { POLICY_COLORS } from '../../src/projection/chart.js';

const rows: ProjectionRow[] = [];
for (const policy of ['fee', 'refund']) {
  for (let month = 0; month <= 3; month++) {
    for (const metric of ['customers', 'lostProspects'] as const) {
      const m = 100 - month * (policy === 'fee' ? 3 : 1);
      rows.push({ scenario: 'shop', policy, month, metric, mean: m, se: 1, p05: m - 4, p25: m - 2, p50: m, p75: m + 2, p95: m + 4 });
    }
  }
}

type Layer = { mark: { type: string }; encoding: Record<string, { field: string; type?: string }> };

describe('fanChartSpec', () => {
  it('builds a layered Vega-Lite v5 fan chart of one metric, coloured by policy', () => {
    const spec = fanChartSpec(rows, { metric: 'customers' }) as Record<string, unknown>;
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    const values = (spec.data as { values: Array<Record<string, unknown>> }).values;
    expect(values).toHaveLength(8);
    expect(values.every((v) => typeof v.p50 === 'number' && !('metric' in v))).toBe(true);
    const layer = spec.layer as Layer[];
    expect(layer.map((l) => l.mark.type)).toEqual(['area', 'area', 'line']);
    expect([layer[0]!.encoding.y!.field, layer[0]!.encoding.y2!.field]).toEqual(['p05', 'p95']);
    expect([layer[1]!.encoding.y!.field, layer[1]!.encoding.y2!.field]).toEqual(['p25', 'p75']);
    expect(layer[2]!.encoding.y!.field).toBe('p50');
    for (const l of layer) {
      expect(l.encoding.x).toMatchObject({ field: 'month', type: 'quantitative' });
      expect(l.encoding.color).toMatchObject({ field: 'policy', type: 'nominal' });
    }
    // JSON-safe: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it('puts several scenarios side by side', () => {
    const two = [...rows, ...rows.map((r) => ({ ...r, scenario: 'shop with levers' }))];
    const spec = fanChartSpec(two, { metric: 'lostProspects', title: 'The dark number', width: 300 }) as Record<string, unknown>;
    expect(spec.facet).toEqual({ column: { field: 'scenario', type: 'nominal', title: 'scenario', sort: ['shop', 'shop with levers'] } });
    expect((spec.spec as { width: number }).width).toBe(300);
    expect(spec.title).toBe('The dark number');
  });

  it('colours the policies in the order the rows name them, with the report\'s palette', () => {
    const reversed = [...rows].reverse();
    const layer = (fanChartSpec(reversed, { metric: 'customers' }) as { layer: Layer[] }).layer;
    expect(layer[0]!.encoding.color).toEqual({
      field: 'policy',
      type: 'nominal',
      title: 'policy',
      scale: { domain: ['refund', 'fee'], range: [POLICY_COLORS[0], POLICY_COLORS[1]] },
    });
    // Okabe–Ito, as the report's charts (src/report/data.ts).
    expect(POLICY_COLORS.slice(0, 3)).toEqual(['#0072B2', '#D55E00', '#009E73']);
  });

  it('rejects a metric the rows do not hold, and empty rows', () => {
    expect(() => fanChartSpec(rows, { metric: 'revenue' })).toThrow(InvalidParameterError);
    expect(() => fanChartSpec(rows, { metric: 'revenue' })).toThrow(/options\.metric: expected one of the metrics in the rows \(customers, lostProspects\), received "revenue"/);
    expect(() => fanChartSpec([], { metric: 'customers' })).toThrow(/rows/);
    expect(() => fanChartSpec(rows, { metric: 'customers', width: 0 })).toThrow(/options\.width/);
  });

  it('rejects a row of the metric without a finite number, naming the row and field', () => {
    const bad = rows.map((r, i) => (i === 2 ? { ...r, p95: Number.NaN } : r));
    expect(() => fanChartSpec(bad, { metric: 'customers' })).toThrow(InvalidParameterError);
    expect(() => fanChartSpec(bad, { metric: 'customers' })).toThrow(/^rows\[2\]\.p95: expected a finite number, received NaN$/);
    // Rows of other metrics are not read.
    expect(() => fanChartSpec(bad.map((r, i) => (i === 2 ? { ...r, metric: 'lostProspects' as const } : r)), { metric: 'customers' })).not.toThrow();
  });
});

describe('earlyWarningChartSpec', () => {
  const warning: EarlyWarningRow[] = [];
  for (const policy of ['fee', 'refund']) {
    for (let month = 3; month <= 6; month++) {
      warning.push({ scenario: 'shop', policy, month, firstCrossings: 1, cumulativeShare: (month - 2) / (policy === 'fee' ? 4 : 8) });
    }
  }

  it('draws the share of replicates that have crossed as a step line per policy, 0–100%', () => {
    const spec = earlyWarningChartSpec(warning) as Record<string, unknown> & { encoding: Record<string, Record<string, unknown>> };
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect(spec.mark).toEqual({ type: 'line', interpolate: 'step-after', strokeWidth: 2 });
    expect(spec.encoding.x).toMatchObject({ field: 'month', type: 'quantitative' });
    expect(spec.encoding.y).toMatchObject({ field: 'cumulativeShare', axis: { format: '%' }, scale: { domain: [0, 1] } });
    expect(spec.encoding.color).toMatchObject({ scale: { domain: ['fee', 'refund'] } });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(8);
    expect(spec.title).toBe('Replicates in which the early warning has gone off');
    expect([spec.width, spec.height]).toEqual([560, 260]);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it('rejects empty rows and a share outside 0–1', () => {
    expect(() => earlyWarningChartSpec([])).toThrow(InvalidParameterError);
    expect(() => earlyWarningChartSpec([{ ...warning[0]!, cumulativeShare: 1.5 }])).toThrow(/^rows\[0\]\.cumulativeShare: expected a probability between 0 and 1, received 1\.5$/);
    expect(() => earlyWarningChartSpec(warning, { height: -1 })).toThrow(/options\.height/);
  });
});
