export { EPISODE_METRICS, POLICY_METRICS, PolicyKernel } from './kernel.js';
export type { EpisodeMetric } from './kernel.js';
export { resolveScenario, scenarioNetworkProblems, scenarioSectionsSchema, spreadSectionSchema } from './scenario.js';
export type { ResolvedScenario, Scenario } from './scenario.js';
