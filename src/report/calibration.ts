/**
 * "What your numbers say": the report section of a calibration — what was learnt about
 * each parameter, what the data say nothing about, the dark number the fit implies, and
 * the posterior predictive check (observed months against simulated bands) as a table and
 * an SVG chart. Every phrase is in {@link CALIBRATION_TEXT}, one object, so the report's
 * locale work can translate it.
 */
import type { CalibrationResult, PredictiveRow } from '../calibration/calibrate.js';
import { coord, escapeMarkdown, escapeXml, formatNumber, formatPercent } from './format.js';
import { linearScale, niceAxis } from './scale.js';

/** Every phrase of the section. */
export const CALIBRATION_TEXT = Object.freeze({
  title: 'What your numbers say',
  monthSpan: (first: number, last: number) => (first === last ? `month ${first}` : `months ${first}–${last}`),
  intro: (observations: number, metrics: string, months: string, source: string) =>
    `Calibrated to ${observations} observed values (${metrics}; ${months}) from ${source}, by approximate Bayesian computation (ABC-SMC): the scenario's distributions are the priors, the month-by-month projection under the current practice is the model.`,
  run: (simulations: number, stoppedBy: string, tolerance: string, ess: string, generations: number) =>
    `${simulations} simulations in ${generations} populations; stopped by ${stoppedBy}; final tolerance ${tolerance}; effective sample size ${ess}.`,
  parametersTitle: 'What was learnt',
  parameterHeader: ['Parameter', 'Prior', 'Posterior mean', '90% interval', 'Posterior sd / prior sd', 'Fitted distribution'],
  nothingTitle: 'What the data say nothing about',
  nothingNone: 'Every calibrated parameter was narrowed down by the data (posterior sd at most 0.9 of the prior sd).',
  nothingNote: 'These parameters keep, more or less, their prior: report them as assumptions, not as something learnt.',
  darkTitle: 'The dark number this implies',
  dark: (mean: string, low: string, high: string, value: string, months: number) =>
    `Over the ${months} months projected, word of mouth turns away on average ${mean} prospects a month (90% of the simulations between ${low} and ${high} in a month), worth ${value} a month: customers the company never sees.`,
  darkHeader: ['Month', 'Prospects lost in the month (mean)', '90% band', 'Their value (mean)'],
  checkTitle: 'Does the fit reproduce the numbers?',
  check: (inside: number, total: number) =>
    `${inside} of ${total} observed values lie inside the 90% band of the posterior predictive simulations (about 90% is expected when the model fits; far fewer means it cannot reproduce the numbers).`,
  checkHeader: ['Metric', 'Month', 'Observed', 'Simulated median', '90% band'],
  chartTitle: 'Observed numbers (dots) against the posterior predictive bands (50% and 90%) and median',
  monthLabel: 'month',
  stopReasons: {
    tolerance: 'reaching the target tolerance',
    'acceptance-rate': 'the acceptance rate falling below its minimum',
    budget: 'the simulation budget',
    generations: 'the number of populations',
    stalled: 'a tolerance that could not go lower',
    aborted: 'an interruption (the last complete population is reported)',
  } as Record<string, string>,
});

/** What the section needs besides the result: where the data came from, the currency. */
export interface CalibrationReportOptions {
  readonly source: string;
  readonly currency: string;
}

function number(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  return formatNumber(x, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
}

function fitted(value: CalibrationResult['parameters'][number]['fitted']): string {
  if (typeof value === 'number') return number(value);
  const entries = Object.entries(value).filter(([k]) => k !== 'dist' && k !== 'source');
  return `${value.dist} (${entries.map(([k, v]) => `${k} ${typeof v === 'number' ? number(v) : String(v)}`).join(', ')})`;
}

/** The observed rows of the predictive check, in the order of the observations. */
export function observedRows(result: Pick<CalibrationResult, 'predictive'>): PredictiveRow[] {
  return result.predictive.filter((r) => r.observed !== undefined);
}

/** The section as Markdown (a level-2 heading and its parts). */
export function calibrationMarkdown(result: CalibrationResult, options: CalibrationReportOptions): string {
  const t = CALIBRATION_TEXT;
  const lines: string[] = [`## ${t.title}`, ''];
  const metrics = [...new Set(result.observed.labels.map((l) => l.metric))];
  const months = result.observed.labels.map((l) => l.month);
  const span = t.monthSpan(Math.min(...months), Math.max(...months));
  lines.push(t.intro(result.observed.values.length, metrics.join(', '), span, escapeMarkdown(options.source)));
  lines.push(t.run(result.simulations, t.stopReasons[result.stoppedBy] ?? result.stoppedBy, number(result.tolerance), formatNumber(result.ess, 0), result.generations.length), '');
  lines.push(`### ${t.parametersTitle}`, '');
  lines.push(`| ${t.parameterHeader.join(' | ')} |`, `|${t.parameterHeader.map(() => ' --- ').join('|')}|`);
  for (const p of result.parameters) {
    lines.push(
      `| ${escapeMarkdown(p.name)} | ${escapeMarkdown(p.prior)} | ${number(p.posterior.mean)} | ${number(p.posterior.p05)}–${number(p.posterior.p95)} | ${formatNumber(p.check.ratio, 2)} | ${escapeMarkdown(fitted(p.fitted))} |`,
    );
  }
  lines.push('', `### ${t.nothingTitle}`, '');
  if (result.warnings.length === 0) lines.push(t.nothingNone);
  else {
    for (const w of result.warnings) lines.push(`- ${escapeMarkdown(w)}`);
    lines.push('', t.nothingNote);
  }
  const lost = result.predictive.filter((r) => r.metric === 'lostProspectsInMonth');
  const value = result.predictive.filter((r) => r.metric === 'lostProspectsValue');
  if (lost.length > 0) {
    const mean = (rows: PredictiveRow[], key: 'mean' | 'p05' | 'p95') => rows.reduce((s, r) => s + r[key], 0) / rows.length;
    lines.push('', `### ${t.darkTitle}`, '');
    lines.push(t.dark(number(mean(lost, 'mean')), number(Math.min(...lost.map((r) => r.p05))), number(Math.max(...lost.map((r) => r.p95))), `${formatNumber(mean(value, 'mean'), 0)} ${options.currency}`, lost.length), '');
    lines.push(`| ${t.darkHeader.join(' | ')} |`, `|${t.darkHeader.map(() => ' --- ').join('|')}|`);
    lost.forEach((r, i) => {
      lines.push(`| ${r.month} | ${number(r.mean)} | ${number(r.p05)}–${number(r.p95)} | ${formatNumber(value[i]!.mean, 0)} ${options.currency} |`);
    });
  }
  const observed = observedRows(result);
  if (observed.length > 0) {
    const inside = observed.filter((r) => r.observed! >= r.p05 && r.observed! <= r.p95).length;
    lines.push('', `### ${t.checkTitle}`, '', t.check(inside, observed.length), '');
    lines.push(`| ${t.checkHeader.join(' | ')} |`, `|${t.checkHeader.map(() => ' --- ').join('|')}|`);
    for (const r of observed) lines.push(`| ${escapeMarkdown(r.observedAs ?? r.metric)} | ${r.month} | ${number(r.observed!)} | ${number(r.p50)} | ${number(r.p05)}–${number(r.p95)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The posterior predictive check as an SVG: one panel per observed metric, months across,
 * the 90% and 50% bands of the simulations, their median, and the observed values as dots.
 */
export function calibrationCheckSvg(result: Pick<CalibrationResult, 'predictive'>): string {
  const metrics = [...new Set(observedRows(result).map((r) => r.metric))];
  const width = 640;
  const left = 60;
  const right = 12;
  const panel = 170;
  const head = 24;
  const gap = 36;
  const top = 30;
  const height = top + metrics.length * (panel + head + gap);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="11" role="img">`,
    `<title>${escapeXml(CALIBRATION_TEXT.chartTitle)}</title>`,
    `<text x="${left}" y="16" font-size="12" font-weight="600">${escapeXml(CALIBRATION_TEXT.chartTitle)}</text>`,
  ];
  metrics.forEach((metric, k) => {
    const rows = result.predictive.filter((r) => r.metric === metric);
    const seen = rows.filter((r) => r.observed !== undefined);
    const lastMonth = Math.max(...seen.map((r) => r.month));
    const shown = rows.filter((r) => r.month <= lastMonth);
    const y0 = top + k * (panel + head + gap) + head;
    const axis = niceAxis([...shown.flatMap((r) => [r.p05, r.p95]), ...seen.map((r) => r.observed!)], 5, { includeZero: true });
    const x = linearScale(0.5, lastMonth + 0.5, left, width - right);
    const y = linearScale(axis.lo, axis.hi, y0 + panel, y0);
    const label = seen[0]?.observedAs ?? metric;
    parts.push(`<text x="${left}" y="${coord(y0 - 8)}" font-weight="600">${escapeXml(label)}</text>`);
    for (const tick of axis.ticks) {
      parts.push(`<line x1="${left}" x2="${width - right}" y1="${coord(y(tick))}" y2="${coord(y(tick))}" stroke="#e5e5e5"/>`);
      parts.push(`<text x="${left - 6}" y="${coord(y(tick) + 4)}" text-anchor="end" fill="#555">${escapeXml(formatNumber(tick, axis.decimals))}</text>`);
    }
    const area = (lo: 'p05' | 'p25', hi: 'p95' | 'p75') =>
      `M${shown.map((r) => `${coord(x(r.month))},${coord(y(r[hi]))}`).join('L')}L${[...shown].reverse().map((r) => `${coord(x(r.month))},${coord(y(r[lo]))}`).join('L')}Z`;
    parts.push(`<path d="${area('p05', 'p95')}" fill="#9ecae1" fill-opacity="0.45"/>`);
    parts.push(`<path d="${area('p25', 'p75')}" fill="#4292c6" fill-opacity="0.45"/>`);
    parts.push(`<path d="M${shown.map((r) => `${coord(x(r.month))},${coord(y(r.p50))}`).join('L')}" fill="none" stroke="#08519c" stroke-width="1.5"/>`);
    for (const r of seen) parts.push(`<circle cx="${coord(x(r.month))}" cy="${coord(y(r.observed!))}" r="3" fill="#d94801"><title>${escapeXml(`${label}, ${CALIBRATION_TEXT.monthLabel} ${r.month}: ${number(r.observed!)}`)}</title></circle>`);
    const step = Math.max(1, Math.ceil(lastMonth / 12));
    for (let m = step; m <= lastMonth; m += step) parts.push(`<text x="${coord(x(m))}" y="${coord(y0 + panel + 14)}" text-anchor="middle" fill="#555">${m}</text>`);
    parts.push(`<text x="${width - right}" y="${coord(y0 + panel + 28)}" text-anchor="end" fill="#555">${escapeXml(CALIBRATION_TEXT.monthLabel)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** The observed-vs-simulated share for a one-line summary: observed values inside their 90% band. */
export function predictiveCoverage(result: Pick<CalibrationResult, 'predictive'>): { inside: number; total: number; share: string } {
  const observed = observedRows(result);
  const inside = observed.filter((r) => r.observed! >= r.p05 && r.observed! <= r.p95).length;
  return { inside, total: observed.length, share: formatPercent(observed.length === 0 ? 0 : inside / observed.length, 0) };
}
