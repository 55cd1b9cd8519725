export { resolveRange, resultFromColumns, runChunk, runReplicates, runReplicatesSync } from './runner.js';
export type { AbortSignalLike, MonteCarloOptions, MonteCarloResult, ReplicateKernel, ReplicateRange } from './runner.js';
export { summarize } from './summary.js';
export type { MetricSummary, QuantileBand } from './summary.js';
export { canonicalJson, runFingerprint } from './fingerprint.js';
export { PARTIAL_FORMAT, mergeResults, toPartialResult } from './merge.js';
export type { PartialResult } from './merge.js';
