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
import { NBSP, ci95Of, decimalsFor, formatInterval, formatMoney, formatNumber, formatPercent, formatQuantity, formatValue, moneyDecimals } from './format.js';
import type { ReportData } from './types.js';

/** Plain text, or text to emphasise. */
export type SentencePart = string | { readonly strong: string };
export type Sentence = readonly SentencePart[];

/** The sentence as plain text. */
export function sentenceText(sentence: Sentence): string {
  return sentence.map((p) => (typeof p === 'string' ? p : p.strong)).join('');
}

const count = (x: number | null | undefined, one: string, many: string): string => {
  const text = formatQuantity(x);
  return `${text}${NBSP}${text === '1' || text === '1.0' ? one : many}`;
};

/** A policy name in running text, in quotes so a name with commas reads as one. */
const quote = (name: string): string => `\u201c${name}\u201d`;

/** A readable name for a break-even parameter ("the fee"). */
export function parameterPhrase(parameter: string): string {
  const known: Readonly<Record<string, string>> = { fee: 'the fee', credit: 'the credit', repairCost: 'the repair cost', amount: 'the amount at stake' };
  return known[parameter] ?? parameter;
}

/** A value of a parameter or outcome, as money when it is money. */
function valueText(x: number, money: boolean, currency: string, decimals = decimalsFor(x)): string {
  return money ? formatMoney(x, currency, decimals) : formatNumber(x, decimals);
}

export function summarySentences(data: ReportData): Sentence[] {
  const out: Sentence[] = [];
  const cur = data.currency;
  const per = incidentsPhrase(data.incidents);
  const baseline = baselineOf(data);
  for (const { policy, difference } of differencesAgainstBaseline(data)) {
    const s = difference.difference;
    const pi = difference.perIncident;
    const dec = moneyDecimals(s.mean, ...(ci95Of(s) ?? []));
    const sentence: SentencePart[] = [`Against ${quote(data.baseline)}, `, { strong: policy.name }];
    if (Number.isFinite(s.mean) && s.mean !== 0) {
      const word = s.mean > 0 ? 'more' : 'less';
      if (pi !== null && Number.isFinite(pi.mean)) {
        sentence.push(' is worth ', { strong: `${formatMoney(Math.abs(pi.mean), cur, moneyDecimals(pi.mean, ...(ci95Of(pi) ?? [])))} ${word} per incident` }, ', ');
        sentence.push({ strong: `${formatMoney(Math.abs(s.mean), cur, dec)} ${word}` }, ` ${per}`);
      } else sentence.push(' is worth ', { strong: `${formatMoney(Math.abs(s.mean), cur, dec)} ${word}` }, ` ${per}`);
    } else {
      sentence.push(` is worth the same ${per} on average`);
    }
    sentence.push(` (95% CI ${s.ci95Low === null ? 'n/a with one replicate' : formatInterval(ci95Of(s), dec, cur)}), and better in `);
    sentence.push({ strong: formatPercent(difference.probabilityBetter) }, ' of simulated runs.');
    if (s.ci95Low !== null && s.ci95High !== null && s.ci95Low <= 0 && s.ci95High >= 0) {
      sentence.push(` The interval includes zero: with ${formatNumber(data.replicates, 0)} replicates the two cannot be told apart.`);
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
      'With ',
      { strong: baseline.name },
      ' (the baseline), word of mouth turns away an estimated ',
      { strong: count(dark.mean, 'prospect', 'prospects') },
      ` ${per} (95% CI ${formatInterval(ci95Of(dark), d)}; between ${formatNumber(dark.p05, d)} and ${formatNumber(dark.p95, d)} in 90% of simulated runs)`,
      ...(worth === undefined
        ? ['.']
        : [', worth ', { strong: formatMoney(worth.mean, cur) }, ' in lifetime value. Sales records never show them: they are the dark number.']),
      ...(others.length === 0
        ? []
        : [` With ${others.map(({ policy, s }) => `${quote(policy.name)}: ${formatNumber(s.mean, decimalsFor(s.mean, dark.mean))}`).join('; ')}.`]),
    ]);
  }
  const m = baseline.metrics;
  if (m.complaints !== undefined && m.churnRecorded !== undefined) {
    out.push([
      `What the company sees ${per}: `,
      { strong: count(m.complaints.mean, 'complaint', 'complaints') },
      ' and ',
      { strong: count(m.churnRecorded.mean, 'customer', 'customers') },
      ' who do not come back. What it does not see: the lost prospects',
      ...(m.silentUnhappy === undefined
        ? ['.']
        : [' and ', { strong: count(m.silentUnhappy.mean, 'unhappy customer', 'unhappy customers') }, ' who never complained.']),
    ]);
  }
  const costed = data.policies.map((p) => ({ p, cost: incidentCostOf(p) })).filter((x) => x.cost !== undefined && Number.isFinite(x.cost.mean));
  if (data.policies.length >= 3 && costed.length === data.policies.length) {
    const best = costed.reduce((a, b) => (b.cost!.mean < a.cost!.mean ? b : a));
    out.push([`Of the ${data.policies.length} policies, `, { strong: best.p.name }, ` costs the least: ${formatMoney(best.cost!.mean, cur)} ${per}.`]);
  }
  const be = data.breakEven;
  if (be !== undefined) {
    const money = isMoneyParameter(be.parameter);
    const dec = money ? moneyDecimals(be.value, be.ci95Low, be.ci95High) : decimalsFor(be.value, be.ci95Low, be.ci95High);
    const [a, b] = be.policies;
    const sentence: SentencePart[] = [
      'Break-even: ',
      { strong: a },
      ' and ',
      { strong: b },
      ` are worth the same when ${parameterPhrase(be.parameter)} is `,
      { strong: valueText(be.value, money, cur, dec) },
      ` (95% CI ${formatInterval(ci95Of(be), dec, money ? cur : undefined)}).`,
    ];
    if (Number.isFinite(be.slope) && be.slope !== 0) {
      const above = be.slope > 0 ? a : b;
      const below = be.slope > 0 ? b : a;
      sentence.push(` Above it ${quote(above)} is worth more; below it, ${quote(below)}.`);
    }
    out.push(sentence);
  }
  for (const sens of tornadoViews(data)) {
    const top = sens.rows[0]!;
    const dec = moneyDecimals(sens.base, top.atLow, top.atHigh);
    const sentence: SentencePart[] = [
      `For ${quote(sens.policy)} against ${quote(sens.against)}, the assumption that moves the difference most is `,
      { strong: top.parameter },
      `: over its range, ${rangeText(top)}, it goes from ${formatMoney(top.atLow, cur, dec)} to ${formatMoney(top.atHigh, cur, dec)} (base ${formatMoney(sens.base, cur, dec)}).`,
    ];
    if (Number.isFinite(sens.base) && sens.base !== 0) {
      const flips = sens.rows.filter((r) => Math.sign(r.atLow) !== Math.sign(sens.base) || Math.sign(r.atHigh) !== Math.sign(sens.base));
      sentence.push(
        flips.length === 0
          ? ' No single assumption, swung over its range, changes its sign.'
          : ` Swung over its range, ${flips.map((r) => r.parameter).join(', ')} can change its sign: the conclusion depends on ${flips.length === 1 ? 'it' : 'them'}.`,
      );
    }
    out.push(sentence);
  }
  const proj = data.projection;
  const prows = projectionRows(data);
  if (proj !== undefined && prows.length > 0) {
    const last = prows.reduce((a, r) => (r.month > a ? r.month : a), -Infinity);
    const parts: SentencePart[] = [`Projected ${proj.metric} in month ${formatNumber(last, 0)} (median of the runs): `];
    const names = projectionPolicies(data);
    names.forEach((name, i) => {
      const r = prows.find((x) => x.policy === name && x.month === last);
      if (r === undefined) return;
      const dec = decimalsFor(r.p50, r.p95);
      if (i > 0) parts.push(i === names.length - 1 ? ' and ' : ', ');
      parts.push({ strong: formatNumber(r.p50, dec) }, ` with ${quote(name)} (90% of runs ${formatInterval([r.p05, r.p95], dec)})`);
    });
    parts.push('.');
    out.push(parts);
  }
  return out;
}

/** A swung range as it reads: the valuations by name, numbers otherwise. */
export function rangeText(r: { readonly low: number; readonly high: number; readonly lowLabel?: string; readonly highLabel?: string }): string {
  return `${r.lowLabel ?? formatValue(r.low)} to ${r.highLabel ?? formatValue(r.high)}`;
}

const capitalise = (text: string): string => (text.startsWith('\u201c') ? text : text.charAt(0).toUpperCase() + text.slice(1));

/** The sentence that says what the figures are for and how they were made. */
export function periodNote(data: ReportData): string {
  const per = incidentsPhrase(data.incidents);
  return `Figures are ${per} and the word of mouth that follows, averaged over ${formatNumber(data.replicates, 0)} simulated runs of the same incidents from seed ${data.seed}. "95% CI" is the confidence interval of the mean; the 5–95% range shows how much one run varies.`;
}
