export { resolveRange, runChunk, runReplicates, runReplicatesSync } from './runner.js';
export type { AbortSignalLike, MonteCarloOptions, MonteCarloResult, ReplicateKernel, ReplicateRange } from './runner.js';
export { summarize } from './summary.js';
export type { MetricSummary } from './summary.js';
