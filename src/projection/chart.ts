/**
 * Charts without a browser: Vega-Lite v5 specifications as plain objects, ready for
 * Jupyter (`application/vnd.vegalite.v5+json`), Observable (`vl.spec`), vega-embed or
 * `vl2svg` on the command line. `fanChartSvg` and `earlyWarningChartSvg`
 * (src/report/projection-svg.ts) draw the same charts as static SVG from the same
 * validated data, for views without Vega-Lite.
 */
import { InvalidParameterError } from '../errors.js';
import { requireFinite, requireInteger, requireProbability } from '../validate.js';
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
 * Okabe–Ito colours (distinguishable with colour blindness), as in the report: one per
 * policy in the order the rows first name them, repeated after eight. The Vega-Lite specs
 * and the SVG fallbacks (`fanChartSvg`, `earlyWarningChartSvg`) use the same colours.
 */
export const POLICY_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7F6000', '#000000'] as const;

/** One point of a fan chart: the fields of a row the chart draws. */
export interface FanChartValue extends QuantileBand {
  readonly scenario: string;
  readonly policy: string;
  readonly month: number;
}

/** A fan chart's validated settings and data, shared by the Vega-Lite spec and the SVG. */
export interface ResolvedFanChart {
  readonly metric: string;
  readonly title: string;
  readonly yTitle: string;
  readonly width: number;
  readonly height: number;
  readonly values: readonly FanChartValue[];
  /** Scenarios and policies in the order the rows first name them. */
  readonly scenarios: readonly string[];
  readonly policies: readonly string[];
  /** One colour per policy, from {@link POLICY_COLORS}. */
  readonly colors: readonly string[];
}

/** Names in the order they first appear. */
function firstSeen(names: Iterable<string>): string[] {
  return [...new Set(names)];
}

function colorsFor(policies: readonly string[]): string[] {
  return policies.map((_, i) => POLICY_COLORS[i % POLICY_COLORS.length]!);
}

function requireRows(rows: unknown): asserts rows is readonly unknown[] {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InvalidParameterError('rows', 'a non-empty list of projection rows', rows);
  }
}

function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidParameterError(field, 'a string', value);
  return value;
}

/** Checks the fields a chart reads from row i: text labels and finite numbers. */
function checkRow(row: unknown, i: number, numbers: readonly string[]): void {
  if (typeof row !== 'object' || row === null) throw new InvalidParameterError(`rows[${i}]`, 'a row object', row);
  const r = row as Record<string, unknown>;
  requireText(`rows[${i}].scenario`, r.scenario);
  requireText(`rows[${i}].policy`, r.policy);
  for (const key of numbers) requireFinite(`rows[${i}].${key}`, r[key]);
}

/** Validates a fan chart's rows and options once, for {@link fanChartSpec} and `fanChartSvg`. */
export function resolveFanChart(rows: readonly FanChartRow[], options: FanChartOptions): ResolvedFanChart {
  requireRows(rows);
  if (typeof options !== 'object' || options === null) throw new InvalidParameterError('options', 'an options object with a metric', options);
  const { metric } = options;
  const available = firstSeen(rows.map((r) => r.metric));
  if (typeof metric !== 'string' || !available.includes(metric)) {
    throw new InvalidParameterError('options.metric', `one of the metrics in the rows (${available.join(', ')})`, metric);
  }
  const width = requireInteger('options.width', options.width ?? 560, 1, 10_000);
  const height = requireInteger('options.height', options.height ?? 320, 1, 10_000);
  const title = requireText('options.title', options.title ?? metric);
  const yTitle = requireText('options.yTitle', options.yTitle ?? metric);
  const values: FanChartValue[] = [];
  rows.forEach((r, i) => {
    if (r.metric !== metric) return;
    checkRow(r, i, ['month', 'mean', 'p05', 'p25', 'p50', 'p75', 'p95']);
    values.push({ scenario: r.scenario, policy: r.policy, month: r.month, mean: r.mean, p05: r.p05, p25: r.p25, p50: r.p50, p75: r.p75, p95: r.p95 });
  });
  const policies = firstSeen(values.map((v) => v.policy));
  return { metric, title, yTitle, width, height, values, scenarios: firstSeen(values.map((v) => v.scenario)), policies, colors: colorsFor(policies) };
}

/** The colour encoding: policies in row order, each with its colour from {@link POLICY_COLORS}. */
function colorEncoding(policies: readonly string[], colors: readonly string[]) {
  return { field: 'policy', type: 'nominal', title: 'policy', scale: { domain: [...policies], range: [...colors] } };
}

/** One panel per scenario (in row order) when there are several, on a shared y scale. */
function withPanels(head: VegaLiteSpec, scenarios: readonly string[], width: number, height: number, view: VegaLiteSpec): VegaLiteSpec {
  if (scenarios.length > 1) {
    return {
      ...head,
      facet: { column: { field: 'scenario', type: 'nominal', title: 'scenario', sort: [...scenarios] } },
      spec: { width, height, ...view },
      resolve: { scale: { y: 'shared' } },
    };
  }
  return { ...head, width, height, ...view };
}

/**
 * A fan chart of one metric by policy: the 5–95% band of the replicates, the 25–75%
 * band inside it, and the median as a line, one colour per policy, months on the x
 * axis. Rows of several scenarios become one panel per scenario. `fanChartSvg` draws the
 * same chart as a static SVG.
 *
 * @throws InvalidParameterError when the rows hold no such metric, or a row of it lacks
 * a label or a finite number.
 * @example
 * const spec = fanChartSpec(projection.rows, { metric: 'customers' });
 * // Deno Jupyter: await Deno.jupyter.display({ 'application/vnd.vegalite.v5+json': spec }, { raw: true });
 */
export function fanChartSpec(rows: readonly FanChartRow[], options: FanChartOptions): VegaLiteSpec {
  const { metric, title, yTitle, width, height, values, scenarios, policies, colors } = resolveFanChart(rows, options);
  const x = { field: 'month', type: 'quantitative', title: 'month', axis: { tickMinStep: 1 } };
  const color = colorEncoding(policies, colors);
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
  return withPanels(head, scenarios, width, height, { layer });
}

/** The fields of an early-warning row the chart reads (an {@link EarlyWarningRow} has them all). */
export interface EarlyWarningChartRow {
  readonly scenario: string;
  readonly policy: string;
  readonly month: number;
  readonly cumulativeShare: number;
}

export interface EarlyWarningChartOptions {
  /** Chart title. Default: "Replicates in which the early warning has gone off". */
  readonly title?: string;
  /** Width and height in pixels of one panel. Default 560 × 260. */
  readonly width?: number;
  readonly height?: number;
}

/** An early-warning chart's validated settings and data, shared by the spec and the SVG. */
export interface ResolvedEarlyWarningChart {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly values: readonly EarlyWarningChartRow[];
  readonly scenarios: readonly string[];
  readonly policies: readonly string[];
  readonly colors: readonly string[];
}

/** Validates an early-warning chart's rows and options once, for the spec and `earlyWarningChartSvg`. */
export function resolveEarlyWarningChart(rows: readonly EarlyWarningChartRow[], options: EarlyWarningChartOptions = {}): ResolvedEarlyWarningChart {
  requireRows(rows);
  if (typeof options !== 'object' || options === null) throw new InvalidParameterError('options', 'an options object', options);
  const width = requireInteger('options.width', options.width ?? 560, 1, 10_000);
  const height = requireInteger('options.height', options.height ?? 260, 1, 10_000);
  const title = requireText('options.title', options.title ?? 'Replicates in which the early warning has gone off');
  const values = rows.map((r, i) => {
    checkRow(r, i, ['month']);
    return { scenario: r.scenario, policy: r.policy, month: r.month, cumulativeShare: requireProbability(`rows[${i}].cumulativeShare`, r.cumulativeShare) };
  });
  const policies = firstSeen(values.map((v) => v.policy));
  return { title, width, height, values, scenarios: firstSeen(values.map((v) => v.scenario)), policies, colors: colorsFor(policies) };
}

/**
 * The early warning as a step chart: for every month, the share of replicates in which
 * acquisitions − losses have already fallen short of what marketing and churn from other
 * causes give with no problems, by more than chance allows (`projection.earlyWarningRows`,
 * docs/projection.md), one line per policy. `earlyWarningChartSvg` draws the
 * same chart as a static SVG.
 *
 * @throws InvalidParameterError for empty rows, or a row without labels, a finite month
 * or a share between 0 and 1.
 * @example
 * const spec = earlyWarningChartSpec(projection.earlyWarningRows);
 */
export function earlyWarningChartSpec(rows: readonly EarlyWarningChartRow[], options: EarlyWarningChartOptions = {}): VegaLiteSpec {
  const { title, width, height, values, scenarios, policies, colors } = resolveEarlyWarningChart(rows, options);
  const head = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: 'Share of replicates in which the early warning has gone off, by month and policy',
    title,
    data: { values },
  };
  return withPanels(head, scenarios, width, height, {
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding: {
      x: { field: 'month', type: 'quantitative', title: 'month', axis: { tickMinStep: 1 } },
      y: { field: 'cumulativeShare', type: 'quantitative', title: 'share of replicates', axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: colorEncoding(policies, colors),
    },
  });
}
