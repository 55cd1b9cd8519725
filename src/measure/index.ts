export { EPISODE_METRICS, POLICY_METRICS, PolicyKernel } from './kernel.js';
export type { EpisodeMetric } from './kernel.js';
export { resolveScenario } from './scenario.js';
export type { ResolvedScenario, Scenario } from './scenario.js';
