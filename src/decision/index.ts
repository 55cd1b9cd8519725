export { ComparisonKernel, breakEven, comparePolicies, comparisonContext, comparisonFromResult, estimateDarkNumber } from './compare.js';
export type { BreakEvenOptions, BreakEvenResult, CompareOptions, ComparisonContext, ComparisonResult, DarkNumberResult, RunOptions, SummaryRow } from './compare.js';
export { countsOf, pairedDifference } from './difference.js';
export type { BreakEvenLossValue, DifferenceContext, PairedDifference, Valuation, ValuedDifference } from './difference.js';
export { DEFAULT_SENSITIVITY, LOSS_VALUATION_PATH, REPURCHASE_PATH, planSwings, sensitivity, sensitivitySpecSchema } from './sensitivity.js';
export type { SensitivityComparison, SensitivityOptions, SensitivityResult, SensitivitySpec, TornadoRow } from './sensitivity.js';
