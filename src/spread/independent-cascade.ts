/**
 * The classic independent cascade (Kempe, Kleinberg & Tardos 2003): the tellers know the
 * story at hop 0; each person who learns it gets one chance to pass it over each of
 * their ties, succeeding independently with the same probability p. The final set is
 * the set reachable from the tellers through ties kept with probability p, so on a
 * random network the cascade is bond percolation (Newman 2002).
 *
 * Two exact samplers of the same law:
 * - `skip` (default): reads the adjacency lists of the people who tell, in the order they
 *   learn the story, as one stream of Bernoulli(p) trials and jumps straight from one
 *   success to the next with a geometric gap: arcs between successes are never read.
 * - `plain`: one draw per arc whose head has not heard yet (the C reference's `plain`).
 */
import type { Sfc32 } from '../random/fast.js';
import { uint32Threshold } from '../random/fast.js';
import type { Network } from '../network/types.js';
import { HOP_BINS, type SpreadWorkspace } from './workspace.js';

const TWO_NEG_53 = 2 ** -53;

/** Uniform on (0, 1] with 53 bits from two sfc32 outputs. */
function open53(gen: Sfc32): number {
  const a = gen.nextUint32() >>> 5;
  const b = gen.nextUint32() >>> 6;
  return (a * 67108864 + b + 1) * TWO_NEG_53;
}

export interface ClassicCounters {
  /** People who know the story at the end (tellers included). */
  reached: number;
  /** Arcs leaving people who told (the sum of their out-degrees). */
  arcsExamined: number;
  /** The hop reached: 0 when nobody beyond the tellers heard. */
  maxHop: number;
}

/**
 * Runs one classic cascade. `tellers[0 … tellerCount)` start it (repeats count once);
 * `byHop` (length {@link HOP_BINS}) receives the number of people first reached at each
 * hop. Allocates nothing. The people reached are `ws.queue[0 … reached)`.
 */
export function runIndependentCascade(
  network: Network,
  ws: SpreadWorkspace,
  tellers: Int32Array,
  tellerCount: number,
  probability: number,
  gen: Sfc32,
  byHop: Float64Array,
  counters: ClassicCounters,
  method: 'skip' | 'plain' = 'skip',
): void {
  const { offsets, neighbors } = network;
  const visited = ws.visited;
  const queue = ws.queue;
  const epoch = ws.nextEpoch();
  byHop.fill(0);
  let tail = 0;
  for (let i = 0; i < tellerCount; i++) {
    const t = tellers[i]!;
    if (visited[t] !== epoch) {
      visited[t] = epoch;
      queue[tail++] = t;
    }
  }
  byHop[0] = tail;
  let head = 0;
  let levelEnd = tail;
  let hop = 0;
  let arcs = 0;
  let deepest = 0;
  const lastBin = HOP_BINS - 1;

  if (probability > 0 && method === 'plain') {
    const thr = uint32Threshold(probability);
    while (head < tail) {
      if (head === levelEnd) {
        hop++;
        levelEnd = tail;
      }
      const u = queue[head++]!;
      const end = offsets[u + 1]!;
      const start = offsets[u]!;
      arcs += end - start;
      const bin = hop + 1 < lastBin ? hop + 1 : lastBin;
      for (let a = start; a < end; a++) {
        const v = neighbors[a]!;
        if (visited[v] === epoch) continue;
        if (gen.nextUint32() < thr) {
          visited[v] = epoch;
          queue[tail++] = v;
          byHop[bin]!++;
          deepest = hop + 1;
        }
      }
    }
  } else if (probability > 0) {
    // Geometric skipping. `skip` is the number of failed trials before the next success.
    const inv = probability < 1 ? 1 / Math.log1p(-probability) : 0;
    const always = probability >= 1;
    let skip = always ? 0 : Math.floor(Math.log(open53(gen)) * inv);
    while (head < tail) {
      if (head === levelEnd) {
        hop++;
        levelEnd = tail;
      }
      const u = queue[head++]!;
      const end = offsets[u + 1]!;
      let a = offsets[u]!;
      const d = end - a;
      arcs += d;
      if (skip >= d) {
        skip -= d;
        continue;
      }
      a += skip;
      const bin = hop + 1 < lastBin ? hop + 1 : lastBin;
      for (;;) {
        const v = neighbors[a]!;
        if (visited[v] !== epoch) {
          visited[v] = epoch;
          queue[tail++] = v;
          byHop[bin]!++;
          deepest = hop + 1;
        }
        const gap = always ? 0 : Math.floor(Math.log(open53(gen)) * inv);
        const left = end - a - 1;
        if (gap >= left) {
          skip = gap - left;
          break;
        }
        a += gap + 1;
      }
    }
  }
  counters.reached = tail;
  counters.arcsExamined = arcs;
  counters.maxHop = deepest;
}
