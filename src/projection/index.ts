/**
 * Month-by-month projections: churn and acquisition under complaint policies, the early
 * warning, fan charts, and the networked Bass diffusion model.
 */
export { METRIC_KINDS, PROJECTION_METRICS, ProjectionKernel, projectionColumn, warningColumn } from './kernel.js';
export type { MetricKind, ProjectionMetric } from './kernel.js';
export { PROJECTION_DEFAULTS, WARNING_TUNING_MONTHS, resolveProjectionOptions } from './options.js';
export type { AfterChurn, ProjectionAssumption, ProjectionOptions, ResolvedProjection } from './options.js';
export { prepareProjection, projectChurn, projectChurnAsync, projectionFromResult } from './project.js';
export type { EarlyWarning, EarlyWarningRow, ProjectionReplicateRow, ProjectionResult, ProjectionRow, ProjectionShape, TotalChurn } from './project.js';
export { earlyWarningChartSpec, fanChartSpec } from './chart.js';
export type { EarlyWarningChartOptions, EarlyWarningChartRow, FanChartOptions, FanChartRow, VegaLiteSpec } from './chart.js';
export { BassKernel, bassAdoption, simulateBass } from './bass.js';
export type { BassOptions, BassResult, BassRow } from './bass.js';
