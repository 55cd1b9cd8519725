/**
 * The phrases a decision is stated in, shared by the command line and the report: what
 * the scenario's incidents are ("per month", "for 100 returned phones"), the parts of a
 * difference, and the break-even value of a lost person in words a shop owner reads.
 */
import type { PairedDifference } from '../decision/difference.js';
import type { ValuePart } from '../economics/valuation.js';
import { formatMoney, formatNumber, moneyDecimals } from './format.js';
import type { ReportData } from './types.js';
import { en } from './locale/en.js';
import { activeLocale, t } from './locale/index.js';

/** The parts of a difference, as a reader names them (in English; {@link partLabel} in the report's language). */
export const PART_LABELS: Readonly<Record<ValuePart, string>> = en.parts;

/** A part's label in the language being rendered. */
export const partLabel = (part: ValuePart): string => t().parts[part];

/** When the scenario's incidents happen, as a phrase after an amount: "per month", "for 100 returned phones". */
export function incidentsPhrase(incidents: ReportData['incidents']): string {
  const period = incidents.period;
  const n = formatNumber(incidents.count, 0);
  const c = t();
  if (period === null) return c.perIncidents(n, incidents.count);
  const p = period.toLowerCase();
  if (p === 'month' || p === 'a month' || p === 'per month') return c.perMonth(n);
  if (p === 'year' || p === 'a year' || p === 'per year') return c.perYear(n);
  if (p === 'week' || p === 'a week' || p === 'per week') return c.perWeek(n);
  return c.perFree(period);
}

/** The counterfactual every absolute figure is measured against, in one sentence (English). */
export const COUNTERFACTUAL = en.counterfactual;

/** The model's reason for no break-even value, in the report's language (English reasons pass through). */
function reasonText(reason: string | undefined): string {
  const c = t();
  if (reason === undefined) return c.breakEvenReasonDefault;
  if (activeLocale() === 'en') return reason;
  if (reason.startsWith('the two policies lose the same')) return c.breakEvenReasonSame;
  if (reason.startsWith('one policy keeps more money')) return c.breakEvenReasonDominates;
  return reason;
}

/** Which policy keeps more money in a difference (`policy` when its money difference is positive). */
function keeper(d: PairedDifference): { keeps: string; other: string } {
  return d.money >= 0 ? { keeps: d.policy, other: d.against } : { keeps: d.against, other: d.policy };
}

/**
 * The break-even value of a lost person in words: "“refuse, bill 200 kr” pays only if a
 * lost customer is worth less than 1,290 kr (95% CI …); here a customer's lifetime value
 * is 2,000 kr and winning a new one costs 600 kr." Or why there is none.
 */
export function breakEvenSentence(d: PairedDifference, data: Pick<ReportData, 'currency' | 'economics'>): string {
  const c = t();
  const cur = data.currency;
  const ltv = formatMoney(data.economics.customerValue, cur, moneyDecimals(data.economics.customerValue));
  const acq = data.economics.acquisitionCost;
  const context = c.breakEvenContext(ltv, acq === null ? null : formatMoney(acq, cur, moneyDecimals(acq)));
  const be = d.breakEvenLossValue;
  if (be === null) return c.breakEvenNone(d.policy, d.against, reasonText(d.breakEvenLossValueReason), context);
  const { keeps } = keeper(d);
  const dec = moneyDecimals(be.value, be.ci95Low, be.ci95High);
  const ci = be.ci95Low === null || be.ci95High === null ? '' : c.breakEvenCi(formatMoney(be.ci95Low, cur, dec), formatMoney(be.ci95High, cur, dec));
  return c.breakEvenPays(keeps, formatMoney(be.value, cur, dec), ci, context);
}
