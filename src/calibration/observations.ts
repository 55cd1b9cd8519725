/**
 * A company's own numbers, month by month: the data a calibration fits. A tidy CSV with
 * one observation per row,
 *
 * ```csv
 * # complaints and customers lost, first year of the new fee
 * month,metric,value
 * 1,complaints,14
 * 1,churned,31
 * 2,complaints,17
 * ...
 * 12,heardNegativeShare,0.18
 * ```
 *
 * Month 1 is the first month of the projection (month 0 is its starting state, which is
 * not observed). Metrics come from {@link OBSERVATION_METRICS}, any subset, any months;
 * each metric says whether it is a count (a number ≥ 0) or a share (in [0, 1]) and
 * whether its series must be monthly (no month missing between its first and its last).
 * Every problem in the file is collected in one pass and thrown together as an
 * {@link ObservationsError}, each with its line and field.
 */
import { ObservationsError, type ObservationProblem, InvalidParameterError } from '../errors.js';
import type { ProjectionMetric } from '../projection/kernel.js';
import { rejectUnknownKeys, requireInteger } from '../validate.js';

/** What one metric of the observations is. */
export interface ObservationMetric {
  /** `count`: a number ≥ 0 (not necessarily whole: an average is allowed). `share`: a number in [0, 1]. */
  readonly kind: 'count' | 'share';
  /**
   * `true`: a series is every month from its first observed month to its last; a month
   * missing in between is an error (a forgotten row). `false`: any months (a survey run now
   * and then).
   */
  readonly monthly: boolean;
  /** The projection's metric it is compared with, when the projection produces it. */
  readonly projectionMetric?: ProjectionMetric;
  /** What is counted, in the words of the documentation. */
  readonly description: string;
}

/**
 * The metrics a company can observe, by the name used in the CSV. Extend it by passing
 * `{ ...OBSERVATION_METRICS, myMetric: { … } }` as `options.metrics`.
 *
 * `heardNegativeShare` has no projection metric yet: the projection does not report a
 * survey share (docs/calibration.md).
 */
export const OBSERVATION_METRICS: Readonly<Record<string, ObservationMetric>> = Object.freeze({
  complaints: {
    kind: 'count',
    monthly: true,
    projectionMetric: 'complaints',
    description: 'complaints received in the month, by any channel',
  },
  publicComplaints: {
    kind: 'count',
    monthly: true,
    projectionMetric: 'publicComplaints',
    description: 'complaints made in public in the month (reviews, social media)',
  },
  churned: {
    kind: 'count',
    monthly: true,
    projectionMetric: 'churned',
    description: 'customers lost in the month, for any reason',
  },
  acquired: {
    kind: 'count',
    monthly: true,
    projectionMetric: 'acquired',
    description: 'customers won in the month, by marketing and by recommendation',
  },
  referrals: {
    kind: 'count',
    monthly: true,
    projectionMetric: 'referrals',
    description: 'customers won in the month by recommendation',
  },
  customers: {
    kind: 'count',
    monthly: true,
    projectionMetric: 'customers',
    description: 'customers at the end of the month',
  },
  heardNegativeShare: {
    kind: 'share',
    monthly: false,
    description: 'share of people surveyed in the month who had heard something bad about the company',
  },
});

/** One metric's observations, in month order. */
export interface ObservedSeries {
  readonly metric: string;
  readonly kind: 'count' | 'share';
  /** Observed months (1-based), increasing. */
  readonly months: Int32Array;
  /** values[i] was observed in months[i]. */
  readonly values: Float64Array;
  /** The file line of each value (1-based), for messages. */
  readonly lines: Int32Array;
}

/** The observations of a file, one series per metric present, in the order of the metric list. */
export interface Observations {
  /** The file's name (or any label) used in messages. */
  readonly source: string;
  readonly series: readonly ObservedSeries[];
  /** The latest month observed in any series. */
  readonly lastMonth: number;
  /** Number of observations (rows). */
  readonly count: number;
}

/** Options of {@link parseObservations}. */
export interface ParseObservationsOptions {
  /** The metrics allowed (default {@link OBSERVATION_METRICS}). */
  readonly metrics?: Readonly<Record<string, ObservationMetric>>;
  /** The latest month allowed: the projection's horizon. Default: no limit. */
  readonly maxMonths?: number;
}

const COLUMNS = ['month', 'metric', 'value'] as const;
/** A decimal number as people write it: 12, -3, 0.25, .5, 1e3. No hex, no "Infinity", no blanks. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Splits one CSV line into fields: trimmed; `"…"` quotes a field, `""` inside quotes is one `"`. */
function splitCsvLine(line: string): string[] | string {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) return 'a quoted field is not closed';
        const c = line[i]!;
        if (c === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
      if (i < n && line[i] !== ',') return 'text after a closing quote';
      fields.push(value);
    } else {
      const start = i;
      while (i < n && line[i] !== ',') i++;
      fields.push(line.slice(start, i).trim());
    }
    if (i >= n) return fields;
    i++; // the comma
  }
}

/** Edit distance between two short strings (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = up;
    }
  }
  return prev[b.length]!;
}

/** The known name closest to `name` (case ignored), if it is close enough to be a typo. */
function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(lower.length / 3)) ? best : undefined;
}

function describeMonths(from: number, to: number): string {
  return from === to ? `month ${from}` : `months ${from}–${to}`;
}

/**
 * Reads a tidy CSV of observations (`month,metric,value`).
 *
 * - The first line that is neither blank nor a comment (`#` first) is the header: the
 *   three column names `month`, `metric`, `value` in any order (case ignored). Blank lines
 *   and comment lines may appear anywhere; a UTF-8 byte-order mark is ignored.
 * - `month`: an integer ≥ 1 (and ≤ `options.maxMonths`). `metric`: a name of
 *   `options.metrics` (spelled exactly; a near miss is suggested). `value`: a decimal
 *   number, ≥ 0 for a count, in [0, 1] for a share.
 * - Each (month, metric) at most once; a monthly metric with no month missing between
 *   its first and last.
 *
 * @throws {ObservationsError} listing every problem, each with its line and field.
 * @throws {InvalidParameterError} for a bad `options` value.
 * @example
 * parseObservations('month,metric,value\n1,complaints,14\n2,complaints,17\n', 'shop.csv')
 * // { source: 'shop.csv', lastMonth: 2, count: 2,
 * //   series: [{ metric: 'complaints', kind: 'count', months: [1, 2], values: [14, 17], lines: [2, 3] }] }
 */
export function parseObservations(text: string, source: string, options: ParseObservationsOptions = {}): Observations {
  if (typeof text !== 'string') throw new InvalidParameterError('text', 'the text of a CSV file', text);
  rejectUnknownKeys('options', options, ['metrics', 'maxMonths']);
  const metrics = options.metrics ?? OBSERVATION_METRICS;
  const metricNames = Object.keys(metrics);
  for (const name of metricNames) {
    const m = metrics[name]!;
    if (m.kind !== 'count' && m.kind !== 'share') {
      throw new InvalidParameterError(`options.metrics.${name}.kind`, '"count" or "share"', m.kind);
    }
  }
  const maxMonths = options.maxMonths === undefined ? Infinity : requireInteger('options.maxMonths', options.maxMonths, 1);

  const problems: ObservationProblem[] = [];
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/);
  let order: number[] | undefined; // order[c] = index of column c (month, metric, value) in a row
  /** Per metric: month → line of its row. */
  const seen = new Map<string, Map<number, { line: number; value: number }>>();
  let count = 0;

  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const raw = lines[index]!;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fields = splitCsvLine(raw);
    if (typeof fields === 'string') {
      problems.push({ line, field: order === undefined ? 'header' : 'row', message: `expected comma-separated fields, received ${fields}` });
      if (order === undefined) break;
      continue;
    }
    if (order === undefined) {
      const names = fields.map((f) => f.toLowerCase());
      const positions = COLUMNS.map((c) => names.indexOf(c));
      const duplicates = names.length !== new Set(names).size;
      if (names.length !== 3 || positions.some((p) => p < 0) || duplicates) {
        problems.push({ line, field: 'header', message: `expected the columns month,metric,value, received ${JSON.stringify(trimmed)}` });
        break; // without a header no row can be read
      }
      order = positions;
      continue;
    }
    if (fields.length !== 3) {
      problems.push({ line, field: 'row', message: `expected 3 fields (month,metric,value), received ${fields.length}` });
      continue;
    }
    const monthText = fields[order[0]!]!;
    const metric = fields[order[1]!]!;
    const valueText = fields[order[2]!]!;
    let ok = true;

    let month = NaN;
    if (!/^[+]?\d+$/.test(monthText) || Number(monthText) < 1) {
      problems.push({ line, field: 'month', message: `expected an integer ≥ 1, received ${JSON.stringify(monthText)}` });
      ok = false;
    } else {
      month = Number(monthText);
      if (month > maxMonths) {
        problems.push({ line, field: 'month', message: `expected a month ≤ ${maxMonths} (the months projected), received ${month}` });
        ok = false;
      }
    }

    const definition = Object.hasOwn(metrics, metric) ? metrics[metric] : undefined;
    if (definition === undefined) {
      const suggestion = closestName(metric, metricNames);
      problems.push({
        line,
        field: 'metric',
        message: `expected one of ${metricNames.join(', ')}, received ${JSON.stringify(metric)}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
      });
      ok = false;
    }

    let value = NaN;
    if (!NUMBER.test(valueText)) {
      problems.push({ line, field: 'value', message: `expected a number, received ${JSON.stringify(valueText)}` });
      ok = false;
    } else {
      value = Number(valueText);
      if (!Number.isFinite(value)) {
        problems.push({ line, field: 'value', message: `expected a finite number, received ${JSON.stringify(valueText)}` });
        ok = false;
      } else if (definition?.kind === 'count' && value < 0) {
        problems.push({ line, field: 'value', message: `expected a count ≥ 0 for ${metric}, received ${value}` });
        ok = false;
      } else if (definition?.kind === 'share' && (value < 0 || value > 1)) {
        problems.push({ line, field: 'value', message: `expected a share between 0 and 1 for ${metric}, received ${value}` });
        ok = false;
      }
    }

    if (!ok) continue;
    let byMonth = seen.get(metric);
    if (byMonth === undefined) {
      byMonth = new Map();
      seen.set(metric, byMonth);
    }
    const earlier = byMonth.get(month);
    if (earlier !== undefined) {
      problems.push({ line, field: 'month', message: `expected each month once per metric, received ${metric} in month ${month} again (first on line ${earlier.line})` });
      continue;
    }
    byMonth.set(month, { line, value });
    count++;
  }

  if (order === undefined && problems.length === 0) {
    problems.push({ field: 'header', message: 'expected the header month,metric,value, received an empty file' });
  } else if (order !== undefined && count === 0 && problems.length === 0) {
    problems.push({ field: 'row', message: 'expected at least one observation, received none' });
  }

  const series: ObservedSeries[] = [];
  let lastMonth = 0;
  for (const metric of metricNames) {
    const byMonth = seen.get(metric);
    if (byMonth === undefined) continue;
    const months = [...byMonth.keys()].sort((a, b) => a - b);
    if (metrics[metric]!.monthly) {
      for (let i = 1; i < months.length; i++) {
        if (months[i]! !== months[i - 1]! + 1) {
          const after = byMonth.get(months[i]!)!;
          problems.push({
            line: after.line,
            field: metric,
            message: `expected every month from ${months[0]} to ${months[months.length - 1]}, received no ${describeMonths(months[i - 1]! + 1, months[i]! - 1)} (the series jumps from month ${months[i - 1]} to ${months[i]})`,
          });
        }
      }
    }
    const n = months.length;
    const s: ObservedSeries = {
      metric,
      kind: metrics[metric]!.kind,
      months: new Int32Array(n),
      values: new Float64Array(n),
      lines: new Int32Array(n),
    };
    months.forEach((month, i) => {
      const row = byMonth.get(month)!;
      s.months[i] = month;
      s.values[i] = row.value;
      s.lines[i] = row.line;
    });
    lastMonth = Math.max(lastMonth, months[n - 1]!);
    series.push(s);
  }

  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    throw new ObservationsError(source, problems);
  }
  return { source, series, lastMonth, count };
}

/** One entry of a flattened observation vector: which metric and month it is. */
export interface ObservationLabel {
  readonly metric: string;
  readonly month: number;
}

/**
 * The observations as one vector of summary statistics, in a fixed order: series in the
 * order of {@link Observations.series} (the metric list's order), months increasing
 * within each. A simulator for {@link abcSmc} returns its summaries in this order;
 * `labels[i]` says what entry i is.
 */
export function observationVector(observations: Observations): { values: Float64Array; labels: ObservationLabel[] } {
  const values = new Float64Array(observations.count);
  const labels: ObservationLabel[] = [];
  let k = 0;
  for (const s of observations.series) {
    for (let i = 0; i < s.months.length; i++) {
      values[k++] = s.values[i]!;
      labels.push({ metric: s.metric, month: s.months[i]! });
    }
  }
  return { values, labels };
}
