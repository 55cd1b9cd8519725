export { EPISODE_METRICS, POLICY_METRICS, PolicyKernel } from './kernel.js';
export type { EpisodeMetric } from './kernel.js';
export { resolveScenario, resolveSections, scenarioNetworkProblems, scenarioSectionsSchema, spreadSectionSchema } from './scenario.js';
export type { ResolvedScenario, ResolvedSections, Scenario } from './scenario.js';
