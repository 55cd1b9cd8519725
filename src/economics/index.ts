export { economicsSchema, lifetimeValue, lifetimeValueSchema, resolveEconomics, resolveWinBack } from './lifetime-value.js';
export type { EconomicsSpec, LifetimeValueOptions, ResolvedEconomics, ResolvedWinBack } from './lifetime-value.js';
export { WIN_BACK_OFFERS, winBackSchema } from './win-back.js';
export type { WinBackOffer, WinBackSpec } from './win-back.js';
export { VALUE_PARTS, moneyAndPeople, valueParts, winBackOffered } from './valuation.js';
export type { RunCounts, ValuePart } from './valuation.js';
