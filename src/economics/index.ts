export { economicsSchema, lifetimeValue, lifetimeValueSchema, resolveEconomics } from './lifetime-value.js';
export type { EconomicsSpec, LifetimeValueOptions, ResolvedEconomics } from './lifetime-value.js';
