export { BREAK_EVEN_PARAMETERS, scenarioFileSchema, scenarioJsonSchema } from './schema.js';
export type { ScenarioFile } from './schema.js';
export { DEFAULT_LIMITS, lineOfPath, parseScenario, readScenario } from './parse.js';
export type { ScenarioLimits } from './parse.js';
export { parameterRows, parameterTableMarkdown, parameterTableText } from './parameters.js';
export type { ParameterRow } from './parameters.js';
export { assumptions, buildNetwork, checkScenario, runScenario, runScenarioAsync, scenarioFromFile } from './run.js';
export type { PolicyReplicateRunner, RunScenarioOptions, ScenarioCheck, ScenarioRun, ScenarioWarning } from './run.js';
