export { Rng, childRng, createRng, deriveRng, replicateRng, seedKey } from './rng.js';
export type { Seed } from './rng.js';
export { Sfc32, uint32Threshold } from './fast.js';
export {
  audienceSize,
  bernoulli,
  binomial,
  drawBinomial,
  drawPoisson,
  gamma,
  geometric,
  logFactorial,
  poisson,
  sampleIndices,
  standardNormal,
  uniformInt,
  weightedChoice,
} from './samplers.js';
export type { Sampler } from './samplers.js';
