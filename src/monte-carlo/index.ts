export { resolveRange, resultFromColumns, runChunk, runReplicates, runReplicatesSync } from './runner.js';
export type { AbortSignalLike, MonteCarloOptions, MonteCarloResult, ReplicateKernel, ReplicateRange } from './runner.js';
export { SampleArray, asSampleArray, withoutSamples } from './samples.js';
export { summarize } from './summary.js';
export type { MetricSummary, QuantileBand } from './summary.js';
export { buildKernel, canonicalJson, loadKernel, runFingerprint, specWithIndexTellers } from './kernels.js';
export type { KernelFactory, KernelSpec } from './kernels.js';
export { PARTIAL_FORMAT, mergeResults, toPartialResult } from './merge.js';
export type { PartialResult } from './merge.js';
