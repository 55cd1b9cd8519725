export { ComparisonKernel, DEFAULT_SENSITIVITY, breakEven, comparePolicies, comparisonFromResult, estimateDarkNumber, sensitivity } from './compare.js';
export type {
  BreakEvenOptions,
  BreakEvenResult,
  CompareOptions,
  ComparisonResult,
  DarkNumberResult,
  PairedDifference,
  RunOptions,
  SensitivitySpec,
  SummaryRow,
  TornadoRow,
} from './compare.js';
