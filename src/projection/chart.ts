/**
 * Charts without a browser: Vega-Lite v5 specifications as plain objects, ready for
 * Jupyter (`application/vnd.vegalite.v5+json`), Observable (`vl.spec`), vega-embed or
 * `vl2svg` on the command line.
 */
import { InvalidParameterError } from '../errors.js';
import { requireInteger } from '../validate.js';
import type { QuantileBand } from '../monte-carlo/summary.js';

/** The fields of a summary row the fan chart reads (a {@link ProjectionRow} has them all). */
export interface FanChartRow extends QuantileBand {
  readonly scenario: string;
  readonly policy: string;
  readonly month: number;
  readonly metric: string;
}

export interface FanChartOptions {
  /** The metric to chart (`customers`, `lostProspects`, `revenue`, …). */
  readonly metric: string;
  /** Chart title. Default: the metric's name. */
  readonly title?: string;
  /** Axis title for the metric. Default: the metric's name. */
  readonly yTitle?: string;
  /** Width and height in pixels of one panel. Default 560 × 320. */
  readonly width?: number;
  readonly height?: number;
}

/** A Vega-Lite v5 specification (plain JSON-compatible object). */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * A fan chart of one metric by policy: the 5–95% band of the replicates, the 25–75%
 * band inside it, and the median as a line, one colour per policy, months on the x
 * axis. Rows of several scenarios become one panel per scenario.
 *
 * @throws InvalidParameterError when the rows hold no such metric.
 * @example
 * const spec = fanChartSpec(projection.rows, { metric: 'customers' });
 * // Deno Jupyter: await Deno.jupyter.display({ 'application/vnd.vegalite.v5+json': spec }, { raw: true });
 */
export function fanChartSpec(rows: readonly FanChartRow[], options: FanChartOptions): VegaLiteSpec {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InvalidParameterError('rows', 'a non-empty list of projection rows', rows);
  }
  if (typeof options !== 'object' || options === null) throw new InvalidParameterError('options', 'an options object with a metric', options);
  const { metric } = options;
  const available = [...new Set(rows.map((r) => r.metric))];
  if (typeof metric !== 'string' || !available.includes(metric)) {
    throw new InvalidParameterError('options.metric', `one of the metrics in the rows (${available.join(', ')})`, metric);
  }
  const width = requireInteger('options.width', options.width ?? 560, 1, 10_000);
  const height = requireInteger('options.height', options.height ?? 320, 1, 10_000);
  const title = options.title ?? metric;
  const yTitle = options.yTitle ?? metric;
  if (typeof title !== 'string') throw new InvalidParameterError('options.title', 'a string', title);
  if (typeof yTitle !== 'string') throw new InvalidParameterError('options.yTitle', 'a string', yTitle);
  const values = rows
    .filter((r) => r.metric === metric)
    .map((r) => ({ scenario: r.scenario, policy: r.policy, month: r.month, mean: r.mean, p05: r.p05, p25: r.p25, p50: r.p50, p75: r.p75, p95: r.p95 }));
  const scenarios = new Set(values.map((v) => v.scenario));

  const x = { field: 'month', type: 'quantitative', title: 'month', axis: { tickMinStep: 1 } };
  const color = { field: 'policy', type: 'nominal', title: 'policy' };
  const layer = [
    {
      mark: { type: 'area', opacity: 0.15 },
      encoding: { x, color, y: { field: 'p05', type: 'quantitative', title: yTitle }, y2: { field: 'p95' } },
    },
    {
      mark: { type: 'area', opacity: 0.3 },
      encoding: { x, color, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } },
    },
    {
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x,
        color,
        y: { field: 'p50', type: 'quantitative' },
        tooltip: [
          { field: 'policy', type: 'nominal' },
          { field: 'month', type: 'quantitative' },
          { field: 'p50', type: 'quantitative', title: 'median', format: ',.1f' },
          { field: 'mean', type: 'quantitative', format: ',.1f' },
          { field: 'p05', type: 'quantitative', title: '5%', format: ',.1f' },
          { field: 'p95', type: 'quantitative', title: '95%', format: ',.1f' },
        ],
      },
    },
  ];
  const head = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: `${metric} by month and policy: median, 25–75% and 5–95% of replicates`,
    title,
    data: { values },
  };
  if (scenarios.size > 1) {
    return { ...head, facet: { column: { field: 'scenario', type: 'nominal', title: 'scenario' } }, spec: { width, height, layer }, resolve: { scale: { y: 'shared' } } };
  }
  return { ...head, width, height, layer };
}
