/**
 * Customer lifetime value and the money side of a scenario.
 */
import { InvalidParameterError } from '../errors.js';
import { rejectUnknownKeys, requireInteger, requireNumberIn, requireObject, requireOneOf, requireProbability } from '../validate.js';

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
export function lifetimeValue(options: { margin: number; retention: number; discountRate: number; horizonYears?: number | null }): number {
  const m = requireNumberIn('margin', options.margin, 0, Infinity);
  const r = requireProbability('retention', options.retention);
  const i = requireNumberIn('discountRate', options.discountRate, 0, 10);
  if (r >= 1 + i) throw new InvalidParameterError('retention', `a retention below 1 + discountRate (${1 + i})`, r);
  const horizon = options.horizonYears ?? null;
  if (horizon === null) return (m * r) / (1 + i - r);
  const t = requireInteger('horizonYears', horizon, 1, 1000);
  const q = r / (1 + i);
  // Σ_{t=1..T} m q^t = m q (1 − q^T)/(1 − q)
  return q === 1 ? m * t : (m * q * (1 - Math.pow(q, t))) / (1 - q);
}

export interface EconomicsSpec {
  /** Margin per customer per year (the currency of the scenario). */
  readonly margin: number;
  /** Share of customers still buying a year later. Default 0.8 [Q]: annual churn of 20% sits inside industry ranges of 14–26%. */
  readonly retention?: number;
  /** Yearly discount rate. Default 0.12 [A] (DOMAIN.md's worked example). */
  readonly discountRate?: number;
  /** Lifetime value over this many years only; default none (the infinite sum). */
  readonly horizonYears?: number | null;
  /** What winning one new customer costs (marketing, sales). Default 0. */
  readonly acquisitionCost?: number;
  /**
   * What a lost customer or prospect costs: `lifetime-value` (default: the margins they
   * would have brought) or `replacement` (the company replaces them at acquisitionCost).
   */
  readonly lossValuation?: 'lifetime-value' | 'replacement';
  /** A win-back offer to every customer seen to leave: its cost and the chance it brings them back. Default none. */
  readonly winBack?: { readonly offerCost: number; readonly successProbability: number } | null;
}

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

export function resolveEconomics(spec: EconomicsSpec, field = 'economics'): ResolvedEconomics {
  requireObject(field, spec);
  rejectUnknownKeys(field, spec, ['margin', 'retention', 'discountRate', 'horizonYears', 'acquisitionCost', 'lossValuation', 'winBack']);
  const margin = requireNumberIn(`${field}.margin`, spec.margin, 0, Infinity);
  const retention = requireProbability(`${field}.retention`, spec.retention ?? 0.8);
  const discountRate = requireNumberIn(`${field}.discountRate`, spec.discountRate ?? 0.12, 0, 10);
  const horizonYears = spec.horizonYears === undefined || spec.horizonYears === null ? null : requireInteger(`${field}.horizonYears`, spec.horizonYears, 1, 1000);
  const acquisitionCost = requireNumberIn(`${field}.acquisitionCost`, spec.acquisitionCost ?? 0, 0, Infinity);
  const lossValuation = requireOneOf(`${field}.lossValuation`, spec.lossValuation ?? 'lifetime-value', ['lifetime-value', 'replacement'] as const);
  let winBack: ResolvedEconomics['winBack'] = null;
  if (spec.winBack !== undefined && spec.winBack !== null) {
    const w = requireObject(`${field}.winBack`, spec.winBack);
    rejectUnknownKeys(`${field}.winBack`, w, ['offerCost', 'successProbability']);
    winBack = Object.freeze({
      offerCost: requireNumberIn(`${field}.winBack.offerCost`, w.offerCost, 0, Infinity),
      successProbability: requireProbability(`${field}.winBack.successProbability`, w.successProbability),
    });
  }
  let customerValue: number;
  try {
    customerValue = lifetimeValue({ margin, retention, discountRate, horizonYears });
  } catch (error) {
    if (error instanceof InvalidParameterError) throw new InvalidParameterError(`${field}.${error.field}`, error.expected, error.received);
    throw error;
  }
  return Object.freeze({
    margin,
    retention,
    discountRate,
    horizonYears,
    acquisitionCost,
    lossValuation,
    winBack,
    customerValue,
    lossPerCustomer: lossValuation === 'lifetime-value' ? customerValue : acquisitionCost,
  });
}
