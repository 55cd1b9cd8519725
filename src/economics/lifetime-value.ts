/**
 * Customer lifetime value and the money side of a scenario.
 */
import { z } from 'zod';
import { addProblem, count, describe, money, number, parseParameters, probability, whenValid } from '../parameters/index.js';

/**
 * Lifetime value of a customer with margin m per year, retention r per year and discount
 * rate i: CLV = m·r / (1 + i − r) (Gupta & Lehmann 2003) [S], the value of the margins
 * from next year on, each year's margin received if the customer is still there. With
 * a horizon of T years, the finite sum Σ_{t=1..T} m·r^t/(1 + i)^t.
 *
 * @example
 * lifetimeValue({ margin: 1000, retention: 0.8, discountRate: 0.12 }); // 2500 (2.5 × m)
 * lifetimeValue({ margin: 1000, retention: 0.8, discountRate: 0.12, horizonYears: 5 }); // 2035.16…
 */
export function lifetimeValue(options: LifetimeValueOptions): number {
  const { margin: m, retention: r, discountRate: i, horizonYears } = parseParameters(lifetimeValueSchema, options, 'options');
  if (horizonYears == null) return (m * r) / (1 + i - r);
  const q = r / (1 + i);
  // Σ_{t=1..T} m q^t = m q (1 − q^T)/(1 − q)
  return q === 1 ? m * horizonYears : (m * q * (1 - Math.pow(q, horizonYears))) / (1 - q);
}

/** What a customer is worth: declared once, shared by lifetimeValue and the economics section. */
const valueFields = {
  margin: money({ description: 'margin per customer per year', label: 'Margin per customer', unit: 'currency/year' }),
  retention: probability({
    description: 'share of customers still buying a year later',
    label: 'Retention',
    source: '[Q] annual churn of 14–26% (industry figures)',
  }).default(0.8),
  discountRate: number({ description: 'yearly discount rate', label: 'Discount rate', source: "[A] DOMAIN.md's worked example" }, 0, 10).default(0.12),
  horizonYears: count({ description: 'lifetime value over this many years only', label: 'Horizon', unit: 'years', defaultText: 'no limit' }, 1, 1000).nullable().optional(),
};

/** Retention must stay below 1 + discount rate, or a customer is worth infinitely much. */
function retentionRule(e: { retention: number; discountRate: number }, ctx: z.RefinementCtx): void {
  if (e.retention >= 1 + e.discountRate) addProblem(ctx, ['retention'], `a retention below 1 + discountRate (${1 + e.discountRate}): otherwise a customer is worth infinitely much`, e.retention);
}
const retentionRuleWhen = whenValid('retention', 'discountRate');

export const lifetimeValueSchema = z.strictObject(valueFields).superRefine(retentionRule, retentionRuleWhen);
export type LifetimeValueOptions = z.input<typeof lifetimeValueSchema>;

export const economicsSchema = describe(
  z
    .strictObject({
      ...valueFields,
      acquisitionCost: money({ description: 'what winning one new customer costs (marketing, sales)', label: 'Acquisition cost' }).default(0),
      lossValuation: describe(z.enum(['lifetime-value', 'replacement']), {
        description: 'a lost customer or prospect costs their lifetime value (the margins they would have brought), or the cost of replacing them (acquisitionCost)',
        label: 'Valuation of a lost customer',
      }).default('lifetime-value'),
      winBack: describe(
        z.strictObject({
          offerCost: money({ description: 'what one offer costs' }),
          successProbability: probability({ description: 'chance the offer brings the customer back' }),
        }),
        { description: 'a win-back offer to every customer seen to leave', defaultText: 'none' },
      )
        .nullable()
        .optional(),
    })
    .superRefine(retentionRule, retentionRuleWhen),
  { description: 'the money side' },
);

/** The economics as given (optional fields may be left out). */
export type EconomicsSpec = z.input<typeof economicsSchema>;

export interface ResolvedEconomics {
  readonly margin: number;
  readonly retention: number;
  readonly discountRate: number;
  readonly horizonYears: number | null;
  readonly acquisitionCost: number;
  readonly lossValuation: 'lifetime-value' | 'replacement';
  readonly winBack: { readonly offerCost: number; readonly successProbability: number } | null;
  /** Lifetime value of one customer. */
  readonly customerValue: number;
  /** What one lost customer or prospect costs under the chosen valuation. */
  readonly lossPerCustomer: number;
}

/** Checks the economics once, fills in the defaults and values a customer. */
export function resolveEconomics(spec: EconomicsSpec, field = 'economics'): ResolvedEconomics {
  const e = parseParameters(economicsSchema, spec, field);
  const horizonYears = e.horizonYears ?? null;
  const customerValue = lifetimeValue({ margin: e.margin, retention: e.retention, discountRate: e.discountRate, horizonYears });
  return Object.freeze({
    margin: e.margin,
    retention: e.retention,
    discountRate: e.discountRate,
    horizonYears,
    acquisitionCost: e.acquisitionCost,
    lossValuation: e.lossValuation,
    winBack: e.winBack == null ? null : Object.freeze({ ...e.winBack }),
    customerValue,
    lossPerCustomer: e.lossValuation === 'lifetime-value' ? customerValue : e.acquisitionCost,
  });
}
