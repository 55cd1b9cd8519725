export { Role, ROLE_NAMES, degree, edgeCount, indexOfKey, keyOf } from './types.js';
export type { Network, NetworkInfo, RoleCode, RoleName } from './types.js';
export { compileNetwork } from './compile.js';
export type { CompileOptions, EdgeArrays } from './compile.js';
export * from './generators/index.js';
export * from './edge-list.js';
export * from './graphology.js';
export * from './roles.js';
export * from './trust.js';
