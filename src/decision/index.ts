export { ComparisonKernel, breakEven, breakEvenSteps, comparePolicies, comparisonContext, comparisonFromResult, estimateDarkNumber, requestKernel, runStepsAsync, runStepsSync } from './compare.js';
export type { BreakEvenOptions, BreakEvenResult, CompareOptions, ComparisonContext, ComparisonRequest, ComparisonResult, ComparisonSteps, DarkNumberResult, RunOptions, SummaryRow } from './compare.js';
export { countsOf, pairedDifference } from './difference.js';
export type { BreakEvenLossValue, DifferenceContext, PairedDifference, Valuation, ValuedDifference } from './difference.js';
export { DEFAULT_SENSITIVITY, LOSS_VALUATION_PATH, REPURCHASE_PATH, anchorSensitivity, planSwings, sensitivity, sensitivitySpecSchema, sensitivitySteps } from './sensitivity.js';
export type { SensitivityComparison, SensitivityOptions, SensitivityResult, SensitivityRuns, SensitivitySpec, TornadoRow } from './sensitivity.js';
export {
  ACCEPTABILITY_SPAN,
  ACCEPTABILITY_STEPS,
  DEFAULT_DRAWS,
  DEFAULT_REPLICATES_PER_DRAW,
  DRAW_METRICS,
  UncertaintyKernel,
  analyseUncertainty,
  drawModel,
  drawProblems,
  drawScenario,
  groupProblems,
  modelCheck,
  parameterColumn,
  planUncertainty,
  policyLinkKey,
  prepareUncertainty,
  uncertainModel,
  uncertainModelSchema,
  uncertaintyFromResult,
  uncertaintySettingsSchema,
} from './uncertainty.js';
export type {
  DrawSummary,
  EvppiRow,
  ModelValue,
  UncertainModel,
  UncertainParameterRow,
  UncertainPolicySpec,
  UncertainScenario,
  UncertaintyAnalysis,
  UncertaintyKernelOptions,
  UncertaintyOptions,
  UncertaintyPlan,
  UncertaintyResult,
  UncertaintySettings,
} from './uncertainty.js';
export { DEFAULT_DISTRIBUTIONS, withDefaultDistributions } from './uncertainty-defaults.js';
export type { DefaultDistribution } from './uncertainty-defaults.js';
