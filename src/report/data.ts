/**
 * What the renderers share: checking a ReportData once at the boundary, finding the
 * numbers each section shows, binning the dark number, and one colour per policy.
 * Nothing here changes a number: it selects, sorts for display and counts samples into bins.
 */
import { InvalidParameterError } from '../errors.js';
import type { MetricSummary } from '../monte-carlo/summary.js';
import type { PairedDifference } from '../decision/compare.js';
import { multipleOf, tickStep } from './scale.js';
import type { TornadoRow } from '../decision/sensitivity.js';
import type { ReportData, ReportPolicy, ReportProjectionRow } from './types.js';

/**
 * Checks the shape a report needs: a title, policies with distinct names, a baseline
 * among them, lists where lists belong. Numbers are not checked: a missing or non-finite
 * number is shown as "n/a", never as "NaN".
 *
 * @throws {InvalidParameterError} naming the field, e.g. `data.baseline: expected the name of one of data.policies`.
 */
export function checkReportData(data: ReportData): void {
  if (typeof data !== 'object' || data === null) throw new InvalidParameterError('data', 'a ReportData object', data);
  for (const field of ['title', 'scenario', 'version', 'seed', 'currency', 'baseline'] as const) {
    if (typeof data[field] !== 'string') throw new InvalidParameterError(`data.${field}`, 'a string', data[field]);
  }
  if (typeof data.replicates !== 'number') throw new InvalidParameterError('data.replicates', 'a number', data.replicates);
  if (!Array.isArray(data.policies) || data.policies.length === 0) {
    throw new InvalidParameterError('data.policies', 'a non-empty list of policies', data.policies);
  }
  const names = new Set<string>();
  data.policies.forEach((p, i) => {
    if (typeof p !== 'object' || p === null || typeof p.name !== 'string') {
      throw new InvalidParameterError(`data.policies[${i}].name`, 'a string', p?.name);
    }
    if (names.has(p.name)) throw new InvalidParameterError(`data.policies[${i}].name`, 'a name no other policy has', p.name);
    names.add(p.name);
    if (typeof p.metrics !== 'object' || p.metrics === null) throw new InvalidParameterError(`data.policies[${i}].metrics`, 'an object of metric summaries', p.metrics);
    if (!Array.isArray(p.lostProspectSamples)) {
      throw new InvalidParameterError(`data.policies[${i}].lostProspectSamples`, 'a list of numbers', p.lostProspectSamples);
    }
  });
  if (!names.has(data.baseline)) throw new InvalidParameterError('data.baseline', 'the name of one of data.policies', data.baseline);
  for (const field of ['differences', 'assumptions'] as const) {
    if (!Array.isArray(data[field])) throw new InvalidParameterError(`data.${field}`, 'a list', data[field]);
  }
  if (data.sensitivity !== undefined && !Array.isArray(data.sensitivity.comparisons)) {
    throw new InvalidParameterError('data.sensitivity.comparisons', 'a list of tornadoes, one per policy against the baseline', data.sensitivity.comparisons);
  }
  if (data.projection !== undefined && !Array.isArray(data.projection.rows)) {
    throw new InvalidParameterError('data.projection.rows', 'a list of projection rows', data.projection.rows);
  }
  if (data.breakEven !== undefined && (!Array.isArray(data.breakEven.policies) || data.breakEven.policies.length !== 2)) {
    throw new InvalidParameterError('data.breakEven.policies', 'the names of the two policies compared', data.breakEven.policies);
  }
}

/** The dark number's summary for a policy: expected lost prospects (the samples' metric), else realised. */
export function darkNumberOf(policy: ReportPolicy): MetricSummary | undefined {
  return policy.metrics.expectedLostProspects ?? policy.metrics.lostProspects;
}

export function baselineOf(data: ReportData): ReportPolicy {
  return data.policies.find((p) => p.name === data.baseline)!;
}

/** Each other policy against the baseline, in the order of data.policies. */
export function differencesAgainstBaseline(data: ReportData): Array<{ readonly policy: ReportPolicy; readonly difference: PairedDifference }> {
  const out: Array<{ policy: ReportPolicy; difference: PairedDifference }> = [];
  for (const policy of data.policies) {
    if (policy.name === data.baseline) continue;
    const difference = data.differences.find((d) => d.policy === policy.name && d.against === data.baseline);
    if (difference !== undefined) out.push({ policy, difference });
  }
  return out;
}

export const hasDarkNumber = (data: ReportData): boolean => data.policies.some((p) => p.lostProspectSamples.some(Number.isFinite));
export const hasComparison = (data: ReportData): boolean => data.policies.some((p) => p.metrics.netValue !== undefined);
export const hasBreakEven = (data: ReportData): boolean => data.breakEven !== undefined;
export const hasSensitivity = (data: ReportData): boolean => (tornadoView(data)?.rows.length ?? 0) > 0;

/** One tornado as the charts and tables show it: a policy against the baseline. */
export interface TornadoView {
  readonly policy: string;
  readonly against: string;
  readonly base: number;
  readonly outcome: string;
  readonly rows: readonly TornadoRow[];
}

/** Every tornado (each policy against the baseline) that has rows, in the order of the sensitivity result. */
export function tornadoViews(data: ReportData): TornadoView[] {
  return (data.sensitivity?.comparisons ?? [])
    .filter((c) => c.rows.length > 0)
    .map((c) => ({ policy: c.policy, against: c.against, base: c.base, outcome: `the difference ${c.policy} minus ${c.against}`, rows: sortedTornadoRows(c.rows) }));
}

/** The first tornado (the first policy against the baseline). */
export function tornadoView(data: ReportData): TornadoView | undefined {
  return tornadoViews(data)[0];
}
export const hasProjection = (data: ReportData): boolean => projectionRows(data).length > 0;

/** The projection rows of the charted metric. */
export function projectionRows(data: ReportData): readonly ReportProjectionRow[] {
  const p = data.projection;
  return p === undefined ? [] : p.rows.filter((r) => r.metric === p.metric);
}

/** Policies in the projection, in the order of data.policies, then any others in order of appearance. */
export function projectionPolicies(data: ReportData): string[] {
  const rows = projectionRows(data);
  const seen = new Set(rows.map((r) => r.policy));
  const ordered = data.policies.map((p) => p.name).filter((n) => seen.has(n));
  for (const r of rows) if (!ordered.includes(r.policy)) ordered.push(r.policy);
  return ordered;
}

/** Tornado rows largest swing first (stable for ties); non-finite swings last. */
export function sortedTornadoRows(rows: readonly TornadoRow[]): TornadoRow[] {
  const key = (s: number) => (Number.isFinite(s) ? s : -Infinity);
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => key(b.row.swing) - key(a.row.swing) || a.i - b.i)
    .map((x) => x.row);
}

/** The first tornado's rows, largest swing first. */
export function tornadoRows(data: ReportData): readonly TornadoRow[] {
  return tornadoView(data)?.rows ?? [];
}

/** What the incidents cost a policy (positive = cost): the `incidentCost` metric, else minus net value. */
export function incidentCostOf(policy: ReportPolicy): MetricSummary | undefined {
  const cost = policy.metrics.incidentCost;
  if (cost !== undefined) return cost;
  const v = policy.metrics.netValue;
  if (v === undefined) return undefined;
  const neg = (x: number | null) => (x === null ? null : -x);
  return { ...v, mean: -v.mean, min: -v.max, max: -v.min, p05: -v.p95, p25: -v.p75, p50: -v.p50, p75: -v.p25, p95: -v.p05, ci95Low: neg(v.ci95High), ci95High: neg(v.ci95Low) };
}

/** The hops (1, 2, …) at which the bad story reached people, up to the last one any policy reaches on average (≥ 0.05 people). */
export function storyHops(data: ReportData): number[] {
  let last = 0;
  for (const p of data.policies) {
    for (let h = 1; p.metrics[`negativeByHop.${h}`] !== undefined; h++) if (p.metrics[`negativeByHop.${h}`]!.mean >= 0.05) last = Math.max(last, h);
  }
  return Array.from({ length: last }, (_, i) => i + 1);
}

/** Whether the report shows how far the story travelled: word of mouth on, and the spread's metrics there. */
export const hasStory = (data: ReportData): boolean => data.wordOfMouth === true && data.policies.some((p) => p.metrics.reachedNegative !== undefined);

/** Whether any policy's difference against the baseline has parts to draw. */
export const hasDifference = (data: ReportData): boolean => differencesAgainstBaseline(data).length > 0;

/** Parameters that are amounts of money (their break-even value is in the currency). */
export function isMoneyParameter(parameter: string): boolean {
  return /(^|\.)(fee|credit|repairCost|amount|margin|acquisitionCost|handlingCost|cost|offerCost)$/i.test(parameter);
}

export interface HistogramBin {
  readonly low: number;
  readonly high: number;
  readonly counts: readonly number[];
}

export interface Histogram {
  readonly width: number;
  /** Policy names, the order of `counts` in every bin. */
  readonly policies: readonly string[];
  readonly bins: readonly HistogramBin[];
  /** Finite samples per policy. */
  readonly totals: readonly number[];
}

/**
 * The dark number's samples of every policy in common bins of a round width (about 20
 * bins over the pooled range; whole numbers when every sample is whole). Bins are
 * [low, high), the last one closed. Non-finite samples are left out.
 */
export function darkNumberHistogram(data: ReportData, targetBins = 20): Histogram {
  const policies = data.policies.filter((p) => p.lostProspectSamples.length > 0);
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (const p of policies) {
    for (const x of p.lostProspectSamples) {
      if (!Number.isFinite(x)) continue;
      if (x < min) min = x;
      if (x > max) max = x;
      if (!Number.isInteger(x)) whole = false;
    }
  }
  if (min === Infinity) return { width: 0, policies: policies.map((p) => p.name), bins: [], totals: policies.map(() => 0) };
  let width: number;
  let k0: number;
  let count: number;
  if (min === max) {
    width = whole ? 1 : min === 0 ? 1 : tickStep(0, Math.abs(min), 10);
    k0 = Math.floor(min / width);
    count = 1;
  } else {
    width = tickStep(min, max, targetBins);
    if (whole) width = Math.max(1, Math.round(width));
    k0 = Math.floor(min / width + 1e-9);
    count = Math.max(1, Math.floor(max / width + 1e-9) - k0 + 1);
  }
  const counts = Array.from({ length: count }, () => new Array<number>(policies.length).fill(0));
  const totals = policies.map(() => 0);
  policies.forEach((p, j) => {
    for (const x of p.lostProspectSamples) {
      if (!Number.isFinite(x)) continue;
      const b = Math.min(count - 1, Math.max(0, Math.floor(x / width + 1e-9) - k0));
      counts[b]![j]!++;
      totals[j]!++;
    }
  });
  const bins = counts.map((c, i) => ({ low: multipleOf(k0 + i, width), high: multipleOf(k0 + i + 1, width), counts: c }));
  return { width, policies: policies.map((p) => p.name), bins, totals };
}

/** Okabe–Ito colours (distinguishable with colour-blindness), one per policy in data order. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7F6000', '#000000'];

export function policyColor(data: ReportData, name: string): string {
  const i = data.policies.findIndex((p) => p.name === name);
  return PALETTE[(i < 0 ? data.policies.length : i) % PALETTE.length]!;
}
