export { resolveRange, resultFromColumns, runChunk, runReplicates, runReplicatesSync } from './runner.js';
export type { AbortSignalLike, MonteCarloOptions, MonteCarloResult, ReplicateKernel, ReplicateRange } from './runner.js';
export { summarize } from './summary.js';
export type { MetricSummary, QuantileBand } from './summary.js';
export { canonicalJson, runFingerprint } from './fingerprint.js';
export { PARTIAL_FORMAT, checkPartial, mergeResults, toPartialResult } from './merge.js';
export type { MergedResult, MergeOptions, PartialOptions, PartialResult } from './merge.js';
export { MAX_REPLICATES, parseShard, shardRange } from './shards.js';
export type { Shard } from './shards.js';
