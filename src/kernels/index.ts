export { buildKernel, loadKernel, specWithIndexTellers } from './registry.js';
export type { KernelFactory, KernelSpec } from './registry.js';
