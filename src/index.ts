/**
 * hearsay: put a number on word of mouth. Re-exports only; nothing runs on import.
 */
export * from './errors.js';
export * from './random/index.js';
export * from './network/index.js';
export * from './spread/index.js';
export * from './monte-carlo/index.js';
export * from './experience/index.js';
export * from './measure/index.js';
export * from './economics/index.js';
export * from './decision/index.js';
export * from './parameters/index.js';
export * from './scenario-file/index.js';
export * from './projection/index.js';
export * from './kernels/index.js';
export * from './report/index.js';
export * from './uncertainty/index.js';
export * from './calibration/index.js';
