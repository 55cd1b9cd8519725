/**
 * Buffers a kernel needs for one network, allocated once and reused by every replicate:
 * visited marks with an epoch counter (no clearing between replicates), a queue, and —
 * for the valenced kernels only (`full`) — per-person hearing counts, hops, intensities.
 * A workspace belongs to one network and one thread at a time.
 */
import type { Network } from '../network/types.js';

/** Hop counts are kept for hops 0 … HOP_BINS − 2; the last bin holds every later hop. */
export const HOP_BINS = 32;

export class SpreadWorkspace {
  readonly size: number;
  /** visited[v] === epoch ⇔ v was reached in the current pass. */
  readonly visited: Int32Array;
  /** decided[v] === epoch ⇔ v's reaction was already drawn in this replicate. */
  readonly decided: Int32Array;
  epoch = 0;
  /** Tellers still to tell, in order. */
  readonly queue: Int32Array;
  /** Everyone reached by the negative / positive story in this replicate, in order. */
  readonly reachedNegative: Int32Array;
  readonly reachedPositive: Int32Array;
  /** How often each person heard each story (valid for reached people only). */
  readonly heardNegative: Int32Array;
  readonly heardPositive: Int32Array;
  /** Hop at which each person first heard each story (valid for reached people). */
  readonly hopNegative: Int32Array;
  readonly hopPositive: Int32Array;
  /** Lengths of the reached lists of the last replicate, so their counts can be reset. */
  lastNegativeCount = 0;
  lastPositiveCount = 0;
  /** Story intensity each person would pass on (valid for reached people). */
  readonly intensity: Float64Array;
  /** Linear threshold: accumulated pressure and drawn thresholds. */
  readonly pressure: Float64Array;
  readonly threshold: Float64Array;
  /** Sum of trust over arcs into each person (linear threshold weights), computed once. */
  inTrust: Float64Array | null = null;
  /** Per-person outcomes of the current replicate (1 = lost, won, at risk …). */
  readonly outcome: Uint8Array;

  /** `full: false` allocates only what the classic cascade needs (visited, queue). */
  constructor(network: Network, full = true) {
    const n = network.size;
    const m = full ? n : 0;
    this.size = n;
    this.visited = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.decided = new Int32Array(m);
    this.reachedNegative = new Int32Array(m);
    this.reachedPositive = new Int32Array(m);
    this.heardNegative = new Int32Array(m);
    this.heardPositive = new Int32Array(m);
    this.hopNegative = new Int32Array(m);
    this.hopPositive = new Int32Array(m);
    this.intensity = new Float64Array(m);
    this.pressure = new Float64Array(m);
    this.threshold = new Float64Array(m);
    this.outcome = new Uint8Array(m);
  }

  /** Starts a new pass: every visited mark becomes stale at once. */
  nextEpoch(): number {
    if (this.epoch === 0x7fffffff) {
      this.visited.fill(0);
      this.decided.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  /** In-trust sums for the linear threshold model, computed on first use. */
  inTrustOf(network: Network): Float64Array {
    if (this.inTrust === null) {
      const sums = new Float64Array(network.size);
      const { neighbors, trust } = network;
      for (let a = 0; a < neighbors.length; a++) sums[neighbors[a]!]! += trust[a]!;
      this.inTrust = sums;
    }
    return this.inTrust;
  }
}
