export { GENERATOR_SCHEMAS, networkSchema, policySchema, scenarioJsonSchema, scenarioSchema } from './schema.js';
export type { ParameterMeta, ScenarioFile } from './schema.js';
export { DEFAULT_LIMITS, formatPath, parseScenario } from './parse.js';
export type { ScenarioLimits } from './parse.js';
export { parameterRows, parameterTableMarkdown, parameterTableText } from './parameters.js';
export type { ParameterRow } from './parameters.js';
export { assumptions, buildNetwork, checkPolicies, runScenario, runScenarioAsync, scenarioFromFile } from './run.js';
export type { PolicyReplicateRunner, RunScenarioOptions, ScenarioRun } from './run.js';
