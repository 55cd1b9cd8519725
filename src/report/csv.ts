/**
 * Tidy tables of everything a report charts, and CSV (RFC 4180) to write them.
 */
import type { MetricSummary } from '../monte-carlo/summary.js';
import { checkReportData, darkNumberHistogram, differencesAgainstBaseline, hasStory, storyHops, tornadoViews } from './data.js';
import { VALUE_PARTS } from '../economics/valuation.js';
import type { ReportData } from './types.js';
import type { Locale } from './locale/index.js';
import { uncertaintyTables } from './uncertainty.js';

export type CsvValue = string | number | boolean | null | undefined;
export type CsvRow = Readonly<Record<string, CsvValue>>;

export interface CsvOptions {
  /** The columns in order (default: every key, in the order first met across the rows). */
  readonly columns?: readonly string[];
  /**
   * `plain` (default): the machine format, RFC 4180 — comma, dot decimals, UTF-8.
   * `excel`: what a spreadsheet set to `locale` opens directly — for da, sv and nb a
   * semicolon between fields and a decimal comma in numbers; always a UTF-8 byte-order
   * mark so accented names read right. Formula-looking text is neutralised in both.
   */
  readonly flavour?: 'plain' | 'excel';
  /** With `flavour: 'excel'`: the spreadsheet's language (default en: comma and dot). */
  readonly locale?: Locale;
}

/** The field separator and decimal mark of a spreadsheet in each language. */
const EXCEL: Readonly<Record<Locale, { readonly separator: string; readonly decimal: string }>> = {
  en: { separator: ',', decimal: '.' },
  da: { separator: ';', decimal: ',' },
  sv: { separator: ';', decimal: ',' },
  nb: { separator: ';', decimal: ',' },
};

/** A text cell a spreadsheet would run as a formula (or, after a tab or CR, re-read as one). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Text that is only a number (`-5`, `+1.5e3`): a spreadsheet reads it as that number, nothing else. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function field(value: unknown, separator = ',', decimal = '.'): string {
  let text: string;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // Plain JavaScript number strings ("0.1", "1e-7", "-5", "Infinity"); NaN means nothing to say.
    if (Number.isNaN(value)) return '';
    text = String(value);
    if (decimal !== '.') text = text.replace('.', decimal);
  } else {
    if (typeof value === 'string') text = value;
    else if (typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
    else text = JSON.stringify(value) ?? '';
    // CSV injection (OWASP): `=HYPERLINK(…)` as a policy name would run in the client's
    // spreadsheet. A leading ' makes the cell plain text; numbers are never touched.
    if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  }
  const special = separator === ',' ? /[",\r\n]/ : /[";\r\n]/;
  return special.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows of plain objects as CSV (RFC 4180): a header line, then one line per row, CRLF
 * line ends; a field with a comma, quote or line break is quoted with inner quotes
 * doubled; numbers as JavaScript writes them (`String(x)`), null and undefined (and NaN)
 * empty; nested values as JSON. The columns are every key in the order first met, so
 * the same rows always give the same text.
 *
 * Cells are safe to open in a spreadsheet: a text cell (a header too) starting with `=`,
 * `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so it is shown, never run
 * as a formula (`=HYPERLINK(…)` → `'=HYPERLINK(…)`); numbers, and text that is only a
 * number (`"-5"`), are written as they are.
 *
 * @example
 * toCsv([{ policy: 'refuse, bill 200 kr', mean: -182281.5, se: null }]);
 * // 'policy,mean,se\r\n"refuse, bill 200 kr",-182281.5,\r\n'
 */
export function toCsv(rows: readonly object[], options: CsvOptions = {}): string {
  let columns = options.columns;
  if (columns === undefined) {
    const seen = new Set<string>();
    const order: string[] = [];
    for (const row of rows) {
      for (const key of Object.keys(row)) {
        if (!seen.has(key)) {
          seen.add(key);
          order.push(key);
        }
      }
    }
    columns = order;
  }
  if (columns.length === 0) return '';
  const excel = options.flavour === 'excel';
  const { separator, decimal } = excel ? EXCEL[options.locale ?? 'en'] : EXCEL.en;
  const lines = [columns.map((c) => field(c, separator, decimal)).join(separator)];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(columns.map((c) => field(Object.prototype.hasOwnProperty.call(record, c) ? record[c] : undefined, separator, decimal)).join(separator));
  }
  return `${excel ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

function summaryColumns(s: MetricSummary) {
  return {
    n: s.n,
    mean: s.mean,
    sd: s.sd,
    se: s.se,
    ci95Low: s.ci95Low,
    ci95High: s.ci95High,
    min: s.min,
    p05: s.p05,
    p25: s.p25,
    p50: s.p50,
    p75: s.p75,
    p95: s.p95,
    max: s.max,
  };
}

/** Every table {@link reportTables} can give, by name (a run gives those its data supports). */
export const REPORT_TABLE_NAMES = ['run', 'policies', 'differences', 'difference-parts', 'story', 'dark-number', 'dark-number-histogram', 'break-even', 'sensitivity', 'projection', 'assumptions'] as const;

/**
 * Everything the report charts, as tidy rows (one observation per row), by table name:
 *
 * - `run`: title, scenario, version, seed, replicates, currency, baseline (one row);
 * - `policies`: every metric summary of every policy (policy, metric, n, mean, sd, se,
 *   ci95Low, ci95High, min, p05 … p95, max);
 * - `differences`: paired differences of net value, every ordered pair, with the share of
 *   replicates in which `policy` is worth more (metric `netValue`); against the baseline
 *   also per incident (`netValuePerIncident`), under each valuation of a lost person
 *   (`netValue.lifetime-value`, `netValue.replacement`) and the break-even loss value
 *   (`breakEvenLossValue`, or its `note` when there is none);
 * - `difference-parts`: the parts of each difference against the baseline (policy,
 *   against, part, mean), one row per part plus `total`; they add up to the difference;
 * - `story`: with word of mouth, how far the story travelled (policy, metric, mean, and
 *   hop for `negativeByHop` rows);
 * - `dark-number`: each replicate's lost prospects per policy (policy, replicate, lostProspects);
 * - `dark-number-histogram`: the charted bins (policy, binLow, binHigh, count);
 * - `break-even`, `sensitivity`, `projection`, `assumptions`: when the data has them;
 * - with a PSA, `uncertainty-draws` (each draw's net value per policy), `uncertainty-summary`,
 *   `uncertainty-acceptability`, `uncertainty-evppi`, `uncertainty-parameters`.
 *
 * Tables the data lacks are left out.
 */
export function reportTables(data: ReportData): Record<string, CsvRow[]> {
  checkReportData(data);
  const tables: Record<string, CsvRow[]> = {};
  tables.run = [
    {
      title: data.title,
      scenario: data.scenario,
      version: data.version,
      seed: data.seed,
      replicates: data.replicates,
      currency: data.currency,
      baseline: data.baseline,
    },
  ];
  tables.policies = data.policies.flatMap((p) =>
    Object.keys(p.metrics).map((metric) => ({ policy: p.name, metric, ...summaryColumns(p.metrics[metric]!) })),
  );
  if (data.differences.length > 0) {
    const against = differencesAgainstBaseline(data).map((x) => x.difference);
    tables.differences = [
      ...data.differences.map((d) => ({
        policy: d.policy,
        against: d.against,
        metric: 'netValue',
        ...summaryColumns(d.difference),
        probabilityBetter: d.probabilityBetter,
        probabilityBetterSe: d.probabilityBetterSe,
      })),
      ...against.flatMap((d) => [
        ...(d.perIncident === null ? [] : [{ policy: d.policy, against: d.against, metric: 'netValuePerIncident', ...summaryColumns(d.perIncident) }]),
        ...(['lifetime-value', 'replacement'] as const).flatMap((v) => {
          const valued = d.valuations[v];
          return valued === null ? [] : [{ policy: d.policy, against: d.against, metric: `netValue.${v}`, ...summaryColumns(valued.difference), probabilityBetter: valued.probabilityBetter, lossValue: valued.lossValue }];
        }),
        d.breakEvenLossValue === null
          ? { policy: d.policy, against: d.against, metric: 'breakEvenLossValue', note: d.breakEvenLossValueReason ?? '' }
          : { policy: d.policy, against: d.against, metric: 'breakEvenLossValue', mean: d.breakEvenLossValue.value, se: d.breakEvenLossValue.se, ci95Low: d.breakEvenLossValue.ci95Low, ci95High: d.breakEvenLossValue.ci95High },
      ]),
    ];
    if (against.length > 0) {
      tables['difference-parts'] = against.flatMap((d) => [
        ...VALUE_PARTS.map((part) => ({ policy: d.policy, against: d.against, part, mean: d.parts[part] })),
        { policy: d.policy, against: d.against, part: 'total', mean: d.difference.mean },
      ]);
    }
  }
  if (hasStory(data)) {
    const hops = storyHops(data);
    tables.story = data.policies.flatMap((p) => [
      ...['tellers', 'reachedNegative', 'customersAtRisk', 'expectedChurnedCustomers', 'expectedLostProspects', 'publicViewers', 'maxHop']
        .filter((m) => p.metrics[m] !== undefined)
        .map((metric) => ({ policy: p.name, metric, hop: null, mean: p.metrics[metric]!.mean })),
      ...hops.map((hop) => ({ policy: p.name, metric: 'negativeByHop', hop, mean: p.metrics[`negativeByHop.${hop}`]?.mean ?? null })),
    ]);
  }
  const samples = data.policies.flatMap((p) => p.lostProspectSamples.map((x, i) => ({ policy: p.name, replicate: i, lostProspects: x })));
  if (samples.length > 0) {
    tables['dark-number'] = samples;
    const h = darkNumberHistogram(data);
    tables['dark-number-histogram'] = h.policies.flatMap((policy, j) => h.bins.map((b) => ({ policy, binLow: b.low, binHigh: b.high, count: b.counts[j]! })));
  }
  const be = data.breakEven;
  if (be !== undefined) {
    tables['break-even'] = [
      {
        policy: be.policies[0],
        against: be.policies[1],
        parameter: be.parameter,
        value: be.value,
        se: be.se,
        ci95Low: be.ci95Low,
        ci95High: be.ci95High,
        slope: be.slope,
        evaluations: be.evaluations,
        replicates: be.replicates,
      },
    ];
  }
  const views = tornadoViews(data);
  if (views.length > 0) {
    tables.sensitivity = views.flatMap((v) =>
      v.rows.map((r) => ({
        policy: v.policy,
        against: v.against,
        replicates: data.sensitivity!.replicates,
        base: v.base,
        parameter: r.parameter,
        low: r.low,
        high: r.high,
        lowLabel: r.lowLabel ?? null,
        highLabel: r.highLabel ?? null,
        atLow: r.atLow,
        atHigh: r.atHigh,
        swing: r.swing,
        source: r.source,
      })),
    );
  }
  if (data.projection !== undefined && data.projection.rows.length > 0) {
    tables.projection = data.projection.rows.map((r) => ({
      policy: r.policy,
      month: r.month,
      metric: r.metric,
      mean: r.mean,
      p05: r.p05,
      p25: r.p25,
      p50: r.p50,
      p75: r.p75,
      p95: r.p95,
    }));
  }
  if (data.assumptions.length > 0) {
    tables.assumptions = data.assumptions.map((a) => ({ parameter: a.parameter, value: a.value, unit: a.unit, source: a.source }));
  }
  Object.assign(tables, uncertaintyTables(data));
  return tables;
}
