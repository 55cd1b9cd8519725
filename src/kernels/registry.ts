/**
 * The registry of kernels by name. It sits above every kernel it names (spread,
 * decision, …), so no lower floor has to know the floors above it.
 *
 * Kernels described as plain data, so they can be rebuilt anywhere: in a worker thread,
 * on another machine, or from a partial result being merged. A spec plus a network plus
 * a seed determines every number of a run.
 */
import { ComparisonKernel } from '../decision/compare.js';
import { UncertaintyKernel, type UncertaintyKernelOptions } from '../decision/uncertainty.js';
import { InvalidParameterError } from '../errors.js';
import { resolvePolicies, type PolicySpec } from '../experience/policy.js';
import { resolveScenario, type Scenario } from '../measure/scenario.js';
import type { ReplicateKernel } from '../monte-carlo/runner.js';
import { indexOfKey, type Network } from '../network/types.js';
import { prepareWordOfMouth, type WordOfMouthOptions } from '../spread/api.js';
import { IndependentCascadeKernel, type IndependentCascadeOptions } from '../spread/classic.js';
import type { StorySpec } from '../spread/stories.js';
import { prepareProjection } from '../projection/project.js';
import type { ProjectionOptions } from '../projection/options.js';

/** A kernel a module provides: `export function kernel(network, options) { … }`. */
export type KernelFactory = (network: Network, options: unknown) => ReplicateKernel;

export type KernelSpec =
  | { readonly kind: 'independent-cascade'; readonly options: IndependentCascadeOptions }
  | { readonly kind: 'word-of-mouth'; readonly options: WordOfMouthOptions }
  /** Complaint policies compared on common random numbers (see comparePolicies); the scenario without its network. */
  | { readonly kind: 'policies'; readonly options: { readonly scenario: Omit<Scenario, 'network'>; readonly policies: readonly PolicySpec[] } }
  /** Parameter draws of a policy comparison (probabilistic sensitivity analysis): replicate j is draw j (see UncertaintyKernel). */
  | { readonly kind: 'uncertainty'; readonly options: UncertaintyKernelOptions }
  /** A month-by-month projection (see projectChurn); the scenario without its network, the options without callbacks. */
  | { readonly kind: 'projection'; readonly options: { readonly scenario: Omit<Scenario, 'network'>; readonly policies: readonly PolicySpec[]; readonly projection: ProjectionOptions } }
  /** Your own kernel: a module URL and the name of its {@link KernelFactory} export. */
  | { readonly kind: 'module'; readonly module: string; readonly export?: string; readonly options?: unknown };

/** Builds a built-in kernel synchronously (a `module` kernel needs {@link loadKernel}). */
export function buildKernel(network: Network, spec: KernelSpec): ReplicateKernel {
  switch (spec?.kind) {
    case 'independent-cascade':
      return new IndependentCascadeKernel(network, spec.options);
    case 'word-of-mouth':
      return prepareWordOfMouth(network, spec.options);
    case 'policies':
      return new ComparisonKernel(resolveScenario({ ...spec.options.scenario, network } as Scenario), resolvePolicies(spec.options.policies));
    case 'uncertainty':
      return new UncertaintyKernel(network, spec.options);
    case 'projection':
      return prepareProjection({ ...spec.options.scenario, network } as Scenario, spec.options.policies, spec.options.projection).kernel;
    case 'module':
      throw new InvalidParameterError('spec.kind', 'a built-in kernel here (load "module" kernels with loadKernel)', spec.kind);
    default:
      throw new InvalidParameterError('spec.kind', '"independent-cascade", "word-of-mouth", "policies", "uncertainty", "projection" or "module"', (spec as { kind?: unknown })?.kind);
  }
}

/** Builds any kernel, importing a `module` kernel's code first. */
export async function loadKernel(network: Network, spec: KernelSpec): Promise<ReplicateKernel> {
  if (spec?.kind !== 'module') return buildKernel(network, spec);
  if (typeof spec.module !== 'string' || spec.module.length === 0) {
    throw new InvalidParameterError('spec.module', 'a module URL', spec.module);
  }
  const name = spec.export ?? 'kernel';
  const mod = (await import(/* @vite-ignore */ spec.module)) as Record<string, unknown>;
  const factory = mod[name];
  if (typeof factory !== 'function') {
    throw new InvalidParameterError(`spec.export`, `the name of a kernel factory exported by ${spec.module}`, name);
  }
  return (factory as KernelFactory)(network, spec.options);
}

/**
 * The same spec with named tellers written as person indices, for a copy of the network
 * that carries no ids (`keys: null`), as worker threads receive it.
 */
export function specWithIndexTellers(network: Network, spec: KernelSpec): KernelSpec {
  if (network.keys === null) return spec;
  // Unknown ids are left as they are, for the kernel to report with their field.
  const toIndices = (tellers: StorySpec['tellers']): StorySpec['tellers'] =>
    Array.isArray(tellers)
      ? tellers.map((key: string) => {
          const index = indexOfKey(network, key);
          return index < 0 ? key : String(index);
        })
      : tellers;
  switch (spec.kind) {
    case 'independent-cascade':
      return { ...spec, options: { ...spec.options, tellers: toIndices(spec.options.tellers) } };
    case 'word-of-mouth':
      return {
        ...spec,
        options: {
          ...spec.options,
          stories: spec.options.stories.map((s) => ({ ...s, tellers: toIndices(s.tellers) })),
        },
      };
    default:
      return spec;
  }
}

