export { OBSERVATION_METRICS, observationVector, parseObservations } from './observations.js';
export type { ObservationLabel, ObservationMetric, Observations, ObservedSeries, ParseObservationsOptions } from './observations.js';
export { ABC_SMC_DEFAULTS, abcSmc, abcSmcAsync } from './abc-smc.js';
export { madScale } from './distance.js';
export type {
  AbcGeneration,
  AbcProgress,
  AbcSmcOptions,
  AbcSmcResult,
  AbcState,
  AbcStopReason,
  AsyncBatchRunner,
  BatchRunner,
  CalibrationPrior,
  NamedPrior,
  SimulationBatch,
  Simulator,
} from './abc-smc.js';
export { IDENTIFIED_SD_RATIO, priorVsPosterior, resamplePosterior, summarizePosterior } from './posterior.js';
export type { IdentificationCheck, PosteriorSummary, WeightedParticles } from './posterior.js';
export { effectiveSampleSize, weightedMean, weightedQuantile, weightedQuantiles, weightedVariance } from './weighted.js';
