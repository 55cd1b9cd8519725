/**
 * The phrases a decision is stated in, shared by the command line and the report: what
 * the scenario's incidents are ("per month", "for 100 returned phones"), the parts of a
 * difference, and the break-even value of a lost person in words a shop owner reads.
 */
import type { PairedDifference } from '../decision/difference.js';
import type { ValuePart } from '../economics/valuation.js';
import { formatMoney, formatNumber, moneyDecimals } from './format.js';
import type { ReportData } from './types.js';

/** The parts of a difference, as a reader names them. */
export const PART_LABELS: Readonly<Record<ValuePart, string>> = {
  moneyKept: 'money kept or paid (fees, refunds, repairs, credits)',
  handling: 'handling (contacts, escalation, service levers)',
  customersLostDirect: 'customers lost after their own episode',
  customersLostWordOfMouth: 'customers lost through word of mouth',
  prospectsLost: 'prospects lost (the dark number)',
  prospectsWon: 'prospects won (referrals)',
  winBacks: 'customers won back',
};

/** When the scenario's incidents happen, as a phrase after an amount: "per month", "for 100 returned phones". */
export function incidentsPhrase(incidents: ReportData['incidents']): string {
  const period = incidents.period;
  const n = formatNumber(incidents.count, 0);
  if (period === null) return `for these ${n} incident${incidents.count === 1 ? '' : 's'}`;
  const p = period.toLowerCase();
  if (p === 'month' || p === 'a month' || p === 'per month') return `per month (${n} incidents)`;
  if (p === 'year' || p === 'a year' || p === 'per year') return `per year (${n} incidents)`;
  if (p === 'week' || p === 'a week' || p === 'per week') return `per week (${n} incidents)`;
  return `for ${period}`;
}

/** The counterfactual every absolute figure is measured against, in one sentence. */
export const COUNTERFACTUAL =
  'Costs are measured against the incidents not happening at all: every customer who had the problem stays for certain, and nobody hears a story.';

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
  const cur = data.currency;
  const ltv = formatMoney(data.economics.customerValue, cur, moneyDecimals(data.economics.customerValue));
  const acq = data.economics.acquisitionCost;
  const context = `here a customer's lifetime value is ${ltv}${acq === null ? ' (no acquisition cost given)' : ` and winning a new one costs ${formatMoney(acq, cur, moneyDecimals(acq))}`}`;
  const be = d.breakEvenLossValue;
  if (be === null) return `No value of a lost person makes \u201c${d.policy}\u201d and \u201c${d.against}\u201d equal: ${d.breakEvenLossValueReason ?? 'the difference does not change sign'}; ${context}.`;
  const { keeps } = keeper(d);
  const dec = moneyDecimals(be.value, be.ci95Low, be.ci95High);
  const ci = be.ci95Low === null || be.ci95High === null ? '' : ` (95% CI ${formatMoney(be.ci95Low, cur, dec)} to ${formatMoney(be.ci95High, cur, dec)})`;
  return `\u201c${keeps}\u201d pays only if a lost customer or prospect is worth less than ${formatMoney(be.value, cur, dec)}${ci}; ${context}.`;
}
