/**
 * The plain-language summary at the top of a report, written from the data: the dark
 * number under the baseline, what the company sees and what it does not, each policy
 * against the baseline, the break-even value, the assumption that matters most and where
 * the projection ends. Sentences are lists of parts, so the HTML and Markdown renderers
 * can each escape and emphasise them their own way.
 */
import {
  baselineOf,
  darkNumberOf,
  differencesAgainstBaseline,
  isMoneyParameter,
  projectionPolicies,
  projectionRows,
  incidentCostOf,
  tornadoViews,
} from './data.js';
import { breakEvenSentence, incidentsPhrase } from './wording.js';
import { NBSP, roundedEstimate, ci95Of, decimalsFor, formatInterval, formatMoney, formatNumber, formatPercent, formatQuantity, formatValue, moneyDecimals } from './format.js';
import type { ReportData } from './types.js';
import { t } from './locale/index.js';

/** Plain text, or text to emphasise. */
export type SentencePart = string | { readonly strong: string };
export type Sentence = readonly SentencePart[];

/** The sentence as plain text. */
export function sentenceText(sentence: Sentence): string {
  return sentence.map((p) => (typeof p === 'string' ? p : p.strong)).join('');
}

const count = (x: number | null | undefined, one: string, many: string): string => {
  const text = formatQuantity(x);
  return `${text}${NBSP}${text === formatNumber(1, 0) || text === formatNumber(1, 1) ? one : many}`;
};

/** A policy name in running text, in quotes so a name with commas reads as one. */
const quote = (name: string): string => `\u201c${name}\u201d`;
void quote;

/** A readable name for a break-even parameter ("the fee"), in the report's language. */
export function parameterPhrase(parameter: string): string {
  return t().parameterPhrases[parameter] ?? parameter;
}

/** A value of a parameter or outcome, as money when it is money. */
function valueText(x: number, money: boolean, currency: string, decimals = decimalsFor(x)): string {
  return money ? formatMoney(x, currency, decimals) : formatNumber(x, decimals);
}

export function summarySentences(data: ReportData): Sentence[] {
  const c = t();
  const out: Sentence[] = [];
  const cur = data.currency;
  const per = incidentsPhrase(data.incidents);
  const baseline = baselineOf(data);
  for (const { policy, difference } of differencesAgainstBaseline(data)) {
    const s = difference.difference;
    const pi = difference.perIncident;
    // Amounts rounded to what their uncertainty supports (two significant digits of the CI half-width).
    const r = roundedEstimate(s.mean, ci95Of(s), moneyDecimals(s.mean, ...(ci95Of(s) ?? [])));
    const sentence: SentencePart[] = [c.againstHead(data.baseline), { strong: policy.name }];
    if (Number.isFinite(s.mean) && s.mean !== 0) {
      const word = s.mean > 0 ? c.more : c.less;
      if (pi !== null && Number.isFinite(pi.mean)) {
        const ri = roundedEstimate(pi.mean, ci95Of(pi), moneyDecimals(pi.mean, ...(ci95Of(pi) ?? [])));
        sentence.push(c.isWorth, { strong: c.moreLessPerIncident(formatMoney(Math.abs(ri.mean), cur, ri.decimals), word) }, ', ');
        sentence.push({ strong: c.moreLess(formatMoney(Math.abs(r.mean), cur, r.decimals), word) }, ` ${per}`);
      } else sentence.push(c.isWorth, { strong: c.moreLess(formatMoney(Math.abs(r.mean), cur, r.decimals), word) }, ` ${per}`);
    } else {
      sentence.push(c.sameOnAverage(per));
    }
    sentence.push(c.ciAndBetterIn(s.ci95Low === null ? c.ciOneReplicate : formatInterval(r.ci, r.decimals, cur)));
    sentence.push({ strong: formatPercent(difference.probabilityBetter) }, c.ofRuns);
    if (s.ci95Low !== null && s.ci95High !== null && s.ci95Low <= 0 && s.ci95High >= 0) {
      sentence.push(c.includesZero(formatNumber(data.replicates, 0)));
    }
    sentence.push(` ${capitalise(breakEvenSentence(difference, data))}`);
    out.push(sentence);
  }
  const dark = darkNumberOf(baseline);
  if (dark !== undefined) {
    const d = decimalsFor(dark.mean, dark.p95);
    const lostValue = baseline.metrics['parts.prospectsLost'];
    const worth = lostValue === undefined ? undefined : { mean: -lostValue.mean };
    const others = differencesAgainstBaseline(data)
      .map(({ policy }) => ({ policy, s: darkNumberOf(policy) }))
      .filter((x): x is { policy: typeof baseline; s: NonNullable<typeof dark> } => x.s !== undefined);
    out.push([
      c.darkWith,
      { strong: baseline.name },
      c.darkBaseline,
      { strong: count(dark.mean, c.prospect, c.prospects) },
      c.darkSpread(per, formatInterval(ci95Of(dark), d), formatNumber(dark.p05, d), formatNumber(dark.p95, d)),
      ...(worth === undefined ? ['.'] : [c.darkWorth, { strong: formatMoney(worth.mean, cur) }, c.darkWorthTail]),
      ...(others.length === 0 ? [] : [c.darkOthers(others.map(({ policy, s }) => c.darkOther(policy.name, formatNumber(s.mean, decimalsFor(s.mean, dark.mean)))).join('; '))]),
    ]);
  }
  const m = baseline.metrics;
  if (m.complaints !== undefined && m.churnRecorded !== undefined) {
    out.push([
      c.sees(per),
      { strong: count(m.complaints.mean, c.complaint, c.complaints) },
      c.and,
      { strong: count(m.churnRecorded.mean, c.customer, c.customers) },
      c.seesTail,
      ...(m.silentUnhappy === undefined ? ['.'] : [c.and, { strong: count(m.silentUnhappy.mean, c.unhappyCustomer, c.unhappyCustomers) }, c.silentTail]),
    ]);
  }
  const costed = data.policies.map((p) => ({ p, cost: incidentCostOf(p) })).filter((x) => x.cost !== undefined && Number.isFinite(x.cost.mean));
  if (data.policies.length >= 3 && costed.length === data.policies.length) {
    const best = costed.reduce((a, b) => (b.cost!.mean < a.cost!.mean ? b : a));
    out.push([c.costsLeast(String(data.policies.length)), { strong: best.p.name }, c.costsLeastTail(formatMoney(best.cost!.mean, cur), per)]);
  }
  const be = data.breakEven;
  if (be !== undefined) {
    const money = isMoneyParameter(be.parameter);
    const dec = money ? moneyDecimals(be.value, be.ci95Low, be.ci95High) : decimalsFor(be.value, be.ci95Low, be.ci95High);
    const [a, b] = be.policies;
    const sentence: SentencePart[] = [
      c.breakEvenHead,
      { strong: a },
      c.and,
      { strong: b },
      c.breakEvenSame(parameterPhrase(be.parameter)),
      { strong: valueText(be.value, money, cur, dec) },
      c.ci95(formatInterval(ci95Of(be), dec, money ? cur : undefined)),
    ];
    if (Number.isFinite(be.slope) && be.slope !== 0) {
      const above = be.slope > 0 ? a : b;
      const below = be.slope > 0 ? b : a;
      sentence.push(c.breakEvenAbove(above, below));
    }
    out.push(sentence);
  }
  for (const sens of tornadoViews(data)) {
    const top = sens.rows[0]!;
    const dec = moneyDecimals(sens.base, top.atLow, top.atHigh);
    const sentence: SentencePart[] = [
      c.driverHead(sens.policy, sens.against),
      { strong: parameterName(data, top.parameter) },
      c.driverTail(rangeText(top), formatMoney(top.atLow, cur, dec), formatMoney(top.atHigh, cur, dec), formatMoney(sens.base, cur, dec)),
    ];
    if (Number.isFinite(sens.base) && sens.base !== 0) {
      const flips = sens.rows.filter((r) => Math.sign(r.atLow) !== Math.sign(sens.base) || Math.sign(r.atHigh) !== Math.sign(sens.base));
      sentence.push(flips.length === 0 ? c.noFlip : c.flips(flips.map((r) => parameterName(data, r.parameter)).join(', '), flips.length));
    }
    out.push(sentence);
  }
  const proj = data.projection;
  const prows = projectionRows(data);
  if (proj !== undefined && prows.length > 0) {
    const last = prows.reduce((a, r) => (r.month > a ? r.month : a), -Infinity);
    const parts: SentencePart[] = [c.projectedHead(metricName(proj.metric), formatNumber(last, 0))];
    const names = projectionPolicies(data);
    names.forEach((name, i) => {
      const r = prows.find((x) => x.policy === name && x.month === last);
      if (r === undefined) return;
      const dec = decimalsFor(r.p50, r.p95);
      if (i > 0) parts.push(i === names.length - 1 ? c.and : ', ');
      parts.push({ strong: formatNumber(r.p50, dec) }, c.projectedWith(name, formatInterval([r.p05, r.p95], dec)));
    });
    parts.push('.');
    out.push(parts);
  }
  return out;
}

/** A parameter as a reader names it: its label in the report's language, else the schema's label, else its path. */
export function parameterName(data: ReportData, path: string): string {
  const label = t().parameterLabels[path] ?? data.assumptions.find((a) => a.parameter === path)?.label;
  // In running text: "the valuation of a lost customer", not "Valuation …" (an acronym such as "CLV" stays).
  return label === undefined ? path : /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** A metric's name in the report's language. */
export const metricName = (metric: string): string => t().metricNames[metric] ?? metric;

/** A swung range as it reads: the valuations by name, numbers otherwise. */
export function rangeText(r: { readonly low: number; readonly high: number; readonly lowLabel?: string; readonly highLabel?: string }): string {
  const c = t();
  const label = (l: string | undefined, x: number) => (l === undefined ? formatValue(x) : (c.valuationLabel[l] ?? l));
  return c.rangeTo(label(r.lowLabel, r.low), label(r.highLabel, r.high));
}

/** Starts a sentence with a capital (a quoted name stays as written). */
export const capitalise = (text: string): string => (/^[\u201c\u201d\u00bb\u00ab]/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1));

/** The sentence that says what the figures are for and how they were made. */
export function periodNote(data: ReportData): string {
  return t().runsNote(incidentsPhrase(data.incidents), formatNumber(data.replicates, 0), data.seed);
}
