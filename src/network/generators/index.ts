/**
 * Seeded generators that write the compiled {@link Network} directly (CSR in typed
 * arrays), for the networks graphology-generators lacks and word-of-mouth studies need.
 * Each draws from its own stream `deriveRng(seed, 'network', name)`: the same seed gives
 * byte-identical arrays.
 */
export { erdosRenyiGnm } from './erdos-renyi-gnm.js';
export type { ErdosRenyiGnmOptions } from './erdos-renyi-gnm.js';
export { erdosRenyiGnp } from './erdos-renyi-gnp.js';
export type { ErdosRenyiGnpOptions } from './erdos-renyi-gnp.js';
export { wattsStrogatz } from './watts-strogatz.js';
export type { WattsStrogatzOptions } from './watts-strogatz.js';
export { barabasiAlbert } from './barabasi-albert.js';
export type { BarabasiAlbertOptions } from './barabasi-albert.js';
export { randomRegular } from './random-regular.js';
export type { RandomRegularOptions } from './random-regular.js';
export { configurationModel } from './configuration-model.js';
export type { ConfigurationModelOptions } from './configuration-model.js';
export { GROUPS_DEFAULTS, groups } from './groups.js';
export type { GroupsOptions } from './groups.js';
export { expectedTies } from './expected-ties.js';
export type { GeneratorParameters } from './expected-ties.js';
