// The fan chart is a plain Vega-Lite v5 object: bands 5–95% and 25–75%, the median
// line, one colour per policy; several scenarios become panels.
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/index.js';
import { fanChartSpec, type ProjectionRow } from '../../src/projection/index.js';

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
    expect(spec.facet).toEqual({ column: { field: 'scenario', type: 'nominal', title: 'scenario' } });
    expect((spec.spec as { width: number }).width).toBe(300);
    expect(spec.title).toBe('The dark number');
  });

  it('rejects a metric the rows do not hold, and empty rows', () => {
    expect(() => fanChartSpec(rows, { metric: 'revenue' })).toThrow(InvalidParameterError);
    expect(() => fanChartSpec(rows, { metric: 'revenue' })).toThrow(/options\.metric: expected one of the metrics in the rows \(customers, lostProspects\), received "revenue"/);
    expect(() => fanChartSpec([], { metric: 'customers' })).toThrow(/rows/);
    expect(() => fanChartSpec(rows, { metric: 'customers', width: 0 })).toThrow(/options\.width/);
  });
});
