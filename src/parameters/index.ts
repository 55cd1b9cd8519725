export { MAX_MONEY, coreOf, count, days, defaultOf, describe, innerOf, isOptional, metaOf, money, number, numericRange, pain, probability, seed, text } from './declare.js';
export type { NumericRange, ParameterMeta } from './declare.js';
export { addProblem, describeExpected, formatPath, parameterError, parseParameters, parsePath, schemaAt, schemaProblems, suggestKey, whenValid } from './check.js';
export type { Path } from './check.js';
export { getPath, setPath } from './paths.js';
