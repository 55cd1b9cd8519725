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
export { CalibrationSimulator, calibrationParameters, calibrationTargets, reduceSummaries, summaryLength, summaryNames } from './model.js';
export type { CalibrationModelSpec, CalibrationParameter, CalibrationProjection, CalibrationSummaries } from './model.js';
export { CALIBRATION_DEFAULTS, DARK_NUMBER_METRICS, calibrate, calibrateAsync, calibrationResult, fitDistribution, localRunner, prepareCalibration } from './calibrate.js';
export type { CalibrateOptions, CalibratedParameter, CalibrationResult, CalibrationScenario, PredictiveRow, PreparedCalibration } from './calibrate.js';
