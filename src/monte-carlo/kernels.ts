/**
 * Kernels described as plain data, so they can be rebuilt anywhere: in a worker thread,
 * on another machine, or from a partial result being merged. A spec plus a network plus
 * a seed determines every number of a run.
 */
import { InvalidParameterError } from '../errors.js';
import { indexOfKey, keyOf, type Network } from '../network/types.js';
import { IndependentCascadeKernel, type IndependentCascadeOptions } from '../spread/classic.js';
import { prepareWordOfMouth, type WordOfMouthOptions } from '../spread/api.js';
import type { StorySpec } from '../spread/stories.js';
import type { ReplicateKernel } from './runner.js';
import { ComparisonKernel } from '../economics/compare.js';
import { resolvePolicies, type PolicySpec } from '../experience/policy.js';
import { resolveScenario, type Scenario } from '../measure/scenario.js';

/** A kernel a module provides: `export function kernel(network, options) { … }`. */
export type KernelFactory = (network: Network, options: unknown) => ReplicateKernel;

export type KernelSpec =
  | { readonly kind: 'independent-cascade'; readonly options: IndependentCascadeOptions }
  | { readonly kind: 'word-of-mouth'; readonly options: WordOfMouthOptions }
  /** Complaint policies compared on common random numbers (see comparePolicies); the scenario without its network. */
  | { readonly kind: 'policies'; readonly options: { readonly scenario: Omit<Scenario, 'network'>; readonly policies: readonly PolicySpec[] } }
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
    case 'module':
      throw new InvalidParameterError('spec.kind', 'a built-in kernel here (load "module" kernels with loadKernel)', spec.kind);
    default:
      throw new InvalidParameterError('spec.kind', '"independent-cascade", "word-of-mouth", "policies" or "module"', (spec as { kind?: unknown })?.kind);
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

/** FNV-1a over 32-bit words, two lanes for 64 bits, as 16 hex digits. */
class Hasher {
  #a = 0x811c9dc5;
  #b = 0xcbf29ce4;
  word(x: number): void {
    this.#a = Math.imul(this.#a ^ (x & 0xffff), 0x01000193);
    this.#a = Math.imul(this.#a ^ (x >>> 16), 0x01000193);
    this.#b = Math.imul(this.#b ^ (x >>> 16), 0x01000193);
    this.#b = Math.imul(this.#b ^ (x & 0xffff), 0x01000193);
  }
  words(xs: ArrayLike<number>): void {
    this.word(xs.length);
    for (let i = 0; i < xs.length; i++) this.word(xs[i]!);
  }
  text(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }
  hex(): string {
    return (this.#a >>> 0).toString(16).padStart(8, '0') + (this.#b >>> 0).toString(16).padStart(8, '0');
  }
}

/** JSON with sorted keys, so equal specs give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A fingerprint of everything that determines a run's numbers except the seed and the
 * replicate range: the network (ties, trust, roles, segments, ids) and the kernel spec.
 * Partial results merge only when their fingerprints and seeds agree.
 */
export function runFingerprint(network: Network, spec: KernelSpec): string {
  const h = new Hasher();
  h.word(network.size);
  h.word(network.directed ? 1 : 0);
  h.words(network.offsets);
  h.words(network.neighbors);
  h.words(new Int32Array(network.trust.buffer, network.trust.byteOffset, network.trust.length));
  h.words(network.role);
  h.words(network.segment);
  for (const name of network.segmentNames) h.text(name);
  if (network.keys !== null) for (let i = 0; i < network.size; i++) h.text(keyOf(network, i));
  h.text(canonicalJson(spec));
  return h.hex();
}
