/**
 * Customer lifetime value and the money side of a scenario.
 */
import { z } from 'zod';
import { addProblem, count, describe, money, number, parseParameters, probability, whenValid } from '../parameters/index.js';
import { winBackSchema, type WinBackOffer } from './win-back.js';

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
      acquisitionCost: money({
        description: 'what winning one new customer costs (marketing, sales); the value of a lost or won person under replacement valuation',
        label: 'Acquisition cost',
        defaultText: 'unknown: the replacement valuation is then left out',
      }).optional(),
      lossValuation: describe(z.enum(['lifetime-value', 'replacement']), {
        description:
          'the valuation the headline uses for a lost or won person (customer or prospect): their lifetime value, or the cost of replacing them (acquisitionCost); results always show both when acquisitionCost is known',
        label: 'Valuation of a lost customer',
      }).default('lifetime-value'),
      winBack: winBackSchema.nullable().optional(),
    })
    .superRefine(retentionRule, retentionRuleWhen)
    .superRefine((e, ctx) => {
      if (e.lossValuation === 'replacement' && e.acquisitionCost === undefined) {
        addProblem(ctx, ['acquisitionCost'], 'the cost of winning a new customer (the replacement valuation values a lost person at it)', undefined);
      }
    }, whenValid('lossValuation', 'acquisitionCost')),
  { description: 'the money side' },
);

/** The economics as given (optional fields may be left out). */
export type EconomicsSpec = z.input<typeof economicsSchema>;

/** A win-back offer with every default filled in. */
export interface ResolvedWinBack {
  readonly offerCost: number;
  readonly successProbability: number;
  readonly retention: number;
  readonly offer: WinBackOffer;
  /** What a won-back customer is worth relative to any other customer: CLV at their retention ÷ CLV at the scenario's. */
  readonly worth: number;
}

export interface ResolvedEconomics {
  readonly margin: number;
  readonly retention: number;
  readonly discountRate: number;
  readonly horizonYears: number | null;
  /** null when the scenario does not say (the replacement valuation is then unavailable). */
  readonly acquisitionCost: number | null;
  readonly lossValuation: 'lifetime-value' | 'replacement';
  readonly winBack: ResolvedWinBack | null;
  /** Lifetime value of one customer. */
  readonly customerValue: number;
  /** What one lost (or won) person is worth under each valuation; replacement is null without an acquisition cost. */
  readonly valuations: { readonly 'lifetime-value': number; readonly replacement: number | null };
  /** What one lost or won customer or prospect is worth under the chosen valuation. */
  readonly lossPerCustomer: number;
}

/** A win-back offer resolved against the economics it sits in (its retention defaults to theirs). */
export function resolveWinBack(spec: z.output<typeof winBackSchema>, economics: { margin: number; retention: number; discountRate: number; horizonYears: number | null; customerValue: number }): ResolvedWinBack {
  const retention = spec.retention ?? economics.retention;
  const value = retention === economics.retention ? economics.customerValue : lifetimeValue({ margin: economics.margin, retention, discountRate: economics.discountRate, horizonYears: economics.horizonYears });
  // A customer worth nothing (margin 0) makes every customer alike: the ratio is 1.
  const worth = economics.customerValue === 0 ? 1 : value / economics.customerValue;
  return Object.freeze({ offerCost: spec.offerCost, successProbability: spec.successProbability, retention, offer: spec.offer, worth });
}

/** Checks the economics once, fills in the defaults and values a customer. */
export function resolveEconomics(spec: EconomicsSpec, field = 'economics'): ResolvedEconomics {
  const e = parseParameters(economicsSchema, spec, field);
  const horizonYears = e.horizonYears ?? null;
  const customerValue = lifetimeValue({ margin: e.margin, retention: e.retention, discountRate: e.discountRate, horizonYears });
  const acquisitionCost = e.acquisitionCost ?? null;
  const base = { margin: e.margin, retention: e.retention, discountRate: e.discountRate, horizonYears, customerValue };
  const valuations = Object.freeze({ 'lifetime-value': customerValue, replacement: acquisitionCost });
  return Object.freeze({
    ...base,
    acquisitionCost,
    lossValuation: e.lossValuation,
    winBack: e.winBack == null ? null : resolveWinBack(e.winBack, base),
    valuations,
    lossPerCustomer: e.lossValuation === 'lifetime-value' ? customerValue : acquisitionCost!,
  });
}
