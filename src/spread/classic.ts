/**
 * The classic independent cascade as a replicate kernel: every arc the same probability,
 * every person reached retells, no roles. The special case percolation theory speaks
 * about, and the one the C reference in bench/ runs.
 */
import type { Network } from '../network/types.js';
import { Sfc32 } from '../random/fast.js';
import type { Rng } from '../random/rng.js';
import { requireOneOf, requireProbability } from '../validate.js';
import { runIndependentCascade, type ClassicCounters } from './independent-cascade.js';
import { drawTellers, resolveStories, type StorySpec } from './stories.js';
import { HOP_BINS, SpreadWorkspace } from './workspace.js';

export const CLASSIC_METRICS: readonly string[] = [
  'reached',
  'arcsExamined',
  'maxHop',
  ...Array.from({ length: HOP_BINS }, (_, h) => `reachedByHop.${h}`),
];

export interface IndependentCascadeOptions {
  /** The chance that a person who knows passes it over each tie, in [0, 1]. */
  readonly probability: number;
  /** Fixed ids, or `{ count }` people drawn afresh in every replicate. */
  readonly tellers: StorySpec['tellers'];
  /** `skip` (geometric skipping, default) or `plain` (one draw per arc). Same law. */
  readonly method?: 'skip' | 'plain';
}

export class IndependentCascadeKernel {
  readonly metricNames = CLASSIC_METRICS;
  readonly network: Network;
  readonly probability: number;
  readonly method: 'skip' | 'plain';
  readonly #story;
  readonly #ws: SpreadWorkspace;
  readonly #gen = new Sfc32();
  readonly #tellers: Int32Array;
  readonly #byHop = new Float64Array(HOP_BINS);
  readonly #counters: ClassicCounters = { reached: 0, arcsExamined: 0, maxHop: 0 };

  constructor(network: Network, options: IndependentCascadeOptions) {
    this.network = network;
    this.probability = requireProbability('probability', options.probability);
    this.method = requireOneOf('method', options.method ?? 'skip', ['skip', 'plain'] as const);
    this.#story = resolveStories(network, [{ valence: 'negative', tellers: options.tellers }])[0]!;
    this.#ws = new SpreadWorkspace(network, false);
    this.#tellers = new Int32Array(this.#story.count);
  }

  run(rng: Rng, out: Float64Array): void {
    const k = drawTellers(this.#story, rng, this.#tellers);
    this.#gen.seedFrom(rng);
    const c = this.#counters;
    runIndependentCascade(this.network, this.#ws, this.#tellers, k, this.probability, this.#gen, this.#byHop, c, this.method);
    out[0] = c.reached;
    out[1] = c.arcsExamined;
    out[2] = c.maxHop;
    out.set(this.#byHop, 3);
  }

  /** The people the last replicate reached (0/1 per person). */
  lastReached(): Uint8Array {
    const mark = new Uint8Array(this.network.size);
    const q = this.#ws.queue;
    for (let i = 0; i < this.#counters.reached; i++) mark[q[i]!] = 1;
    return mark;
  }
}
