export {
  DISTRIBUTION_NAMES,
  MAX_ENDPOINT_ROUNDING_RISK,
  MIN_TRUNCATED_MASS,
  compileDistribution,
  distributionSchema,
  distributionSupport,
  isDistributionSpec,
  supportFits,
  validateDistribution,
} from './distributions.js';
export type {
  BetaMeanSd,
  BetaShapes,
  DiscreteSpec,
  Distribution,
  DistributionName,
  DistributionSpec,
  GammaMeanSd,
  GammaShapeScale,
  LognormalMeanSd,
  LognormalMuSigma,
  NormalSpec,
  ParameterRange,
  PertSpec,
  TriangularSpec,
  UniformSpec,
} from './distributions.js';
export { logBeta, logGamma, standardNormalCdf, standardNormalQuantile } from './special-functions.js';
export { MAX_EVPPI_GROUP, MIN_EVPPI_DRAWS, acceptabilityCurve, evpi, evppi, netBenefitAt, probabilityBest } from './value-of-information.js';
export type { AcceptabilityPoint, DrawSeries, EvpiResult, EvppiMethod, EvppiOptions, EvppiResult, NetBenefit, ValuedParts } from './value-of-information.js';
export {
  centralValues,
  describeDistribution,
  drawParameters,
  findDistributions,
  formatDistribution,
  isAtOrBelow,
  isDistributionLike,
  sharesOf,
  substituteValues,
} from './draw.js';
export type { DirichletSpec, DrawUnit, FindDistributionsOptions, FoundDistributions, NumberOrDistribution, Uncertain, UncertainParameter } from './draw.js';
