/**
 * What the people and the money of one run are worth, split into parts that add up to
 * the net value exactly. The counterfactual is the incidents not happening at all: every
 * incident customer stays for certain and nobody hears a story. Against it, a policy's net
 * value is what these incidents cost (negative) or earn; what a client decides on is the
 * difference between two policies, and its parts say where it comes from.
 *
 * Everything here is linear in L, the value of one lost (or won) person:
 *   net value = money − L · people lost,
 * with money = fees − refunds, repairs and credits − handling − win-back offers, and people
 * lost = customers lost (after their own episode and through word of mouth) + prospects
 * lost − prospects won − customers won back. So the value of a lost person at which two
 * policies are worth the same is L* = Δmoney / Δpeople lost.
 */
import type { ResolvedWinBack } from './lifetime-value.js';

/** The parts of the net value, in the order they are added. */
export const VALUE_PARTS = ['moneyKept', 'handling', 'customersLostDirect', 'customersLostWordOfMouth', 'prospectsLost', 'prospectsWon', 'winBacks'] as const;
export type ValuePart = (typeof VALUE_PARTS)[number];

/** What one run counted, before any valuation (people as expected counts where the model gives them). */
export interface RunCounts {
  /** Money to the company: fees − refunds, repairs and credits. */
  readonly cash: number;
  /** Handling and the levers' costs (contacts, escalation, accessibility, follow-up, public answers). */
  readonly handling: number;
  /** Incident customers who left after their own episode. */
  readonly customersLostDirect: number;
  /** Customers who left after hearing a story. */
  readonly customersLostWordOfMouth: number;
  readonly prospectsLost: number;
  readonly prospectsWon: number;
}

/** Whether the win-back offer is made at the value L of a lost person. */
export function winBackOffered(winBack: ResolvedWinBack | null, lossValue: number): boolean {
  if (winBack === null) return false;
  return winBack.offer === 'always' || winBack.successProbability * winBack.worth * lossValue > winBack.offerCost;
}

/**
 * Writes the parts of the net value at the value L of a lost person into `out` (from
 * `offset`, in {@link VALUE_PARTS} order). Returns the net value: the parts' sum, added
 * in that order.
 */
export function valueParts(c: RunCounts, lossValue: number, winBack: ResolvedWinBack | null, out: Float64Array, offset = 0): number {
  const lost = c.customersLostDirect + c.customersLostWordOfMouth;
  const offered = winBackOffered(winBack, lossValue);
  // 0 − x, not −x: a part that is nothing is +0, never −0 (which JSON would not keep).
  out[offset] = c.cash;
  out[offset + 1] = 0 - c.handling;
  out[offset + 2] = 0 - lossValue * c.customersLostDirect;
  out[offset + 3] = 0 - lossValue * c.customersLostWordOfMouth;
  out[offset + 4] = 0 - lossValue * c.prospectsLost;
  out[offset + 5] = lossValue * c.prospectsWon;
  out[offset + 6] = offered ? lost * (winBack!.successProbability * winBack!.worth * lossValue - winBack!.offerCost) : 0;
  let net = 0;
  for (let k = 0; k < VALUE_PARTS.length; k++) net += out[offset + k]!;
  return net;
}

/** The money and the people of a run, at the win-back decision taken for value L (net value = money − L · people). */
export function moneyAndPeople(c: RunCounts, lossValue: number, winBack: ResolvedWinBack | null): { money: number; people: number } {
  const lost = c.customersLostDirect + c.customersLostWordOfMouth;
  const offered = winBackOffered(winBack, lossValue);
  return {
    money: c.cash - c.handling - (offered ? lost * winBack!.offerCost : 0),
    people: lost + c.prospectsLost - c.prospectsWon - (offered ? lost * winBack!.successProbability * winBack!.worth : 0),
  };
}
