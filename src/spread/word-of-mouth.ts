/**
 * Word of mouth on a {@link Network}: negative and positive stories travel in one
 * replicate, by one of three models, and then every person who heard something reacts
 * according to their role.
 *
 * What hearing does (documented in docs/model.md):
 * - A **prospect** buys from the company within the purchase window with probability
 *   π = q·c (q: buys in the category within the window; c: chooses this company, 0.5
 *   for π ≤ 0.5, see purchaseSplit). After n₋ negative and n₊ positive stories,
 *   π' = q·(c + (1 − c)·(1 − (1 − 2s₊)^n₊) − c·(1 − (1 − 2s₋)^n₋)),
 *   where s₋, s₊ are the East, Hammond & Lomax (2008) shifts stated at a choice of 0.5.
 *   Each positive story closes a share of the headroom above c, each negative one takes a
 *   share of c: negative stories hurt most those who were likely to choose the company,
 *   positive ones help most those who were not (EHL's finding), π' stays in [0, q], and
 *   the order of hearing does not matter. One uniform u per prospect decides: the prospect is
 *   **lost** (the dark number) when u < π but u ≥ π', **won** (a referral) when u ≥ π
 *   but u < π'. The expected counts Σ max(0, π − π') and Σ max(0, π' − π) are reported
 *   too: they have a smaller variance.
 * - A **customer** who heard n₋ ≥ 1 negative stories is **at risk** and leaves through
 *   word of mouth with probability 1 − (1 − c)^n₋.
 * - A **bystander** relays stories and does nothing else.
 * The tellers themselves do not react here: what happened to them is the experience
 * module's business.
 */
import type { Network } from '../network/types.js';
import { Role } from '../network/types.js';
import { Sfc32 } from '../random/fast.js';
import type { Rng } from '../random/rng.js';
import { purchaseSplit, type ResolvedSpreadOptions } from './options.js';
import { drawTellers, type ResolvedStory } from './stories.js';
import { HOP_BINS, SpreadWorkspace } from './workspace.js';

const TWO_32 = 4294967296;

/** Scalar metrics of one replicate, in column order. */
export const SPREAD_SCALAR_METRICS = [
  'reached',
  'reachedNegative',
  'reachedPositive',
  'tellers',
  'lostProspects',
  'expectedLostProspects',
  'wonProspects',
  'expectedWonProspects',
  'customersAtRisk',
  'churnedCustomers',
  'expectedChurnedCustomers',
  'lostProspectsFromPublic',
  'arcsExamined',
  'maxHop',
] as const;
export type SpreadScalarMetric = (typeof SPREAD_SCALAR_METRICS)[number];

const M = Object.fromEntries(SPREAD_SCALAR_METRICS.map((name, i) => [name, i])) as Record<SpreadScalarMetric, number>;
const NEG_HOP = SPREAD_SCALAR_METRICS.length;
const POS_HOP = NEG_HOP + HOP_BINS;
const LOST_HOP = POS_HOP + HOP_BINS;

/** Every metric column of a replicate: the scalars, then counts by hop. */
export const SPREAD_METRICS: readonly string[] = [
  ...SPREAD_SCALAR_METRICS,
  ...Array.from({ length: HOP_BINS }, (_, h) => `negativeByHop.${h}`),
  ...Array.from({ length: HOP_BINS }, (_, h) => `positiveByHop.${h}`),
  ...Array.from({ length: HOP_BINS }, (_, h) => `lostByHop.${h}`),
];

/** Outcome bits in {@link PerPersonOutcome.outcome}. */
export const Outcome = {
  heardNegative: 1,
  heardPositive: 2,
  lost: 4,
  won: 8,
  atRisk: 16,
  churned: 32,
  teller: 64,
} as const;

/** Per-person results of one replicate, on request (for graph export and notebooks). */
export interface PerPersonOutcome {
  /** Bit set of {@link Outcome} flags per person. */
  readonly outcome: Uint8Array;
  /** Hop at which the negative / positive story first reached the person; −1 never. */
  readonly hopNegative: Int32Array;
  readonly hopPositive: Int32Array;
  /** Times the person heard each story. */
  readonly heardNegative: Int32Array;
  readonly heardPositive: Int32Array;
}

/** The tellers and onlookers of one episode replicate (see {@link WordOfMouthKernel.runEpisode}). */
export interface EpisodeSpreadInput {
  readonly tellers: Int32Array;
  /** 1 negative, 2 positive, per teller. */
  readonly valence: Uint8Array;
  readonly intensity: Float64Array;
  /** Neighbours each teller tells directly. */
  readonly audience: Int32Array;
  readonly count: number;
  readonly onlookers: Int32Array;
  readonly onlookerNegative: Int32Array;
  readonly onlookerPositive: Int32Array;
  readonly onlookerCount: number;
  readonly excluded: Int32Array;
  readonly excludedCount: number;
}

/**
 * A prepared word-of-mouth kernel: buffers allocated once; `run` fills one replicate's
 * metric row (see {@link SPREAD_METRICS}) and allocates nothing.
 */
export class WordOfMouthKernel {
  readonly metricNames = SPREAD_METRICS;
  readonly network: Network;
  readonly options: ResolvedSpreadOptions;
  readonly stories: readonly ResolvedStory[];
  readonly #ws: SpreadWorkspace;
  readonly #gen = new Sfc32();
  readonly #tellerScratch: Int32Array;
  #lastTellerCount = 0;
  #tellers: Int32Array;
  #tellerIntensity: Float64Array;
  /** How many neighbours each teller tells directly (−1: each with the tie's probability). */
  #tellerAudience: Int32Array;
  /** The audience of the distinct tellers in queue order (repeated tellers count once). */
  #queuedAudience: Int32Array;
  /** Arc positions of one row, for choosing an audience without replacement. */
  #arcScratch: Int32Array;
  /** Episode runs: people whose reaction is decided elsewhere (the incident customers). */
  #excluded: Int32Array = new Int32Array(0);
  #excludedCount = 0;
  /** publicSeen[v] === publicEpoch ⇔ v saw a public complaint in this replicate (allocated on first use). */
  #publicSeen: Int32Array | null = null;
  #publicEpoch = 0;
  /**
   * Linear threshold: people who heard a story without acting on it are in no reached
   * list, so their hearing counts are listed here to be reset before the next replicate
   * (allocated on first use).
   */
  #touchedNegative: Int32Array | null = null;
  #touchedPositive: Int32Array | null = null;
  #touchedNegativeCount = 0;
  #touchedPositiveCount = 0;

  constructor(network: Network, stories: readonly ResolvedStory[], options: ResolvedSpreadOptions) {
    this.network = network;
    this.options = options;
    this.stories = stories;
    this.#ws = new SpreadWorkspace(network);
    let most = 0;
    let total = 0;
    for (const s of stories) {
      most = Math.max(most, s.count);
      total += s.count;
    }
    this.#tellerScratch = new Int32Array(most);
    this.#tellers = new Int32Array(total);
    this.#tellerIntensity = new Float64Array(total);
    this.#tellerAudience = new Int32Array(total).fill(-1);
    this.#queuedAudience = new Int32Array(total);
    let maxDegree = 0;
    for (let i = 0; i < network.size; i++) maxDegree = Math.max(maxDegree, network.offsets[i + 1]! - network.offsets[i]!);
    this.#arcScratch = new Int32Array(maxDegree);
  }

  #resetHearing(): void {
    const ws = this.#ws;
    // Only reached people had their counts set in the previous replicate.
    for (let i = 0; i < ws.lastNegativeCount; i++) ws.heardNegative[ws.reachedNegative[i]!] = 0;
    for (let i = 0; i < ws.lastPositiveCount; i++) ws.heardPositive[ws.reachedPositive[i]!] = 0;
    for (let i = 0; i < this.#touchedNegativeCount; i++) ws.heardNegative[this.#touchedNegative![i]!] = 0;
    for (let i = 0; i < this.#touchedPositiveCount; i++) ws.heardPositive[this.#touchedPositive![i]!] = 0;
    this.#touchedNegativeCount = 0;
    this.#touchedPositiveCount = 0;
  }

  #ensureTellerCapacity(n: number): void {
    if (this.#tellers.length >= n) return;
    const size = Math.max(n, 2 * this.#tellers.length);
    this.#tellers = new Int32Array(size);
    this.#tellerIntensity = new Float64Array(size);
    this.#tellerAudience = new Int32Array(size).fill(-1);
    this.#queuedAudience = new Int32Array(size);
  }

  /**
   * Spreads the stories of one episode replicate: the tellers are given (negative ones
   * first), each tells exactly `audience[i]` of their neighbours (or all, if fewer),
   * chosen uniformly; listeners then retell by the model's rules. Onlookers of public
   * complaints hear `onlookerNegative[j]` negative and `onlookerPositive[j]` positive
   * stories directly. The `excluded` people (the incident customers, whose fate the
   * episode decides) are counted as reached but do not react. The fast generator is
   * seeded from `rng`. Writes the metric row `out`.
   */
  runEpisode(rng: Rng, input: EpisodeSpreadInput, out: Float64Array): void {
    const ws = this.#ws;
    out.fill(0, 0, this.metricNames.length);
    this.#resetHearing();
    this.#ensureTellerCapacity(input.count);
    let total = 0;
    let negativeTellers = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < input.count; i++) {
        if ((input.valence[i] === 1) !== (pass === 0)) continue;
        this.#tellers[total] = input.tellers[i]!;
        this.#tellerIntensity[total] = input.intensity[i]!;
        this.#tellerAudience[total++] = input.audience[i]!;
      }
      if (pass === 0) negativeTellers = total;
    }
    this.#lastTellerCount = total;
    this.#gen.seedFrom(rng);
    let negCount = this.#pass(true, 0, negativeTellers, out, NEG_HOP);
    let posCount = this.#pass(false, negativeTellers, total, out, POS_HOP);
    // Onlookers of public complaints hear directly, outside the network.
    this.#publicEpoch++;
    if (input.onlookerCount > 0) {
      if (this.#publicSeen === null) this.#publicSeen = new Int32Array(this.network.size);
      // Who is already on each reached list (tellers included): marks in `visited` for
      // the negative story and in `decided` for the positive one, both free until the
      // reaction pass takes new epochs. (A hearing count of 0 does not tell: tellers
      // have one, and so may a linear-threshold listener who heard without acting.)
      let onNegative = 0;
      let onPositive = 0;
      for (let j = 0; j < input.onlookerCount; j++) {
        const v = input.onlookers[j]!;
        const k = input.onlookerNegative[j]!;
        if (k > 0) {
          this.#publicSeen[v] = this.#publicEpoch;
          if (onNegative === 0) {
            onNegative = ws.nextEpoch();
            for (let i = 0; i < negCount; i++) ws.visited[ws.reachedNegative[i]!] = onNegative;
          }
          if (ws.visited[v] !== onNegative) {
            ws.visited[v] = onNegative;
            ws.reachedNegative[negCount++] = v;
            ws.hopNegative[v] = 1;
          }
          ws.heardNegative[v]! += k;
        }
        const q = input.onlookerPositive[j]!;
        if (q > 0) {
          if (onPositive === 0) {
            onPositive = ws.nextEpoch();
            for (let i = 0; i < posCount; i++) ws.decided[ws.reachedPositive[i]!] = onPositive;
          }
          if (ws.decided[v] !== onPositive) {
            ws.decided[v] = onPositive;
            ws.reachedPositive[posCount++] = v;
            ws.hopPositive[v] = 1;
          }
          ws.heardPositive[v]! += q;
        }
      }
    }
    ws.lastNegativeCount = negCount;
    ws.lastPositiveCount = posCount;
    out[M.reachedNegative] = negCount;
    out[M.reachedPositive] = posCount;
    this.#excluded = input.excluded;
    this.#excludedCount = input.excludedCount;
    this.#react(negCount, posCount, out);
    this.#excludedCount = 0;
  }

  /** Runs one replicate on its stream `rng` and writes its metrics into `out`. */
  run(rng: Rng, out: Float64Array): void {
    const ws = this.#ws;
    const gen = this.#gen;
    out.fill(0, 0, this.metricNames.length);
    this.#resetHearing();
    this.#publicEpoch++;
    // Tellers first (from the replicate stream), then the fast generator seeded from it.
    let negativeTellers = 0;
    let total = 0;
    for (const valence of ['negative', 'positive'] as const) {
      for (const story of this.stories) {
        if (story.valence !== valence) continue;
        const k = drawTellers(story, rng, this.#tellerScratch);
        for (let i = 0; i < k; i++) {
          this.#tellers[total] = this.#tellerScratch[i]!;
          this.#tellerAudience[total] = -1;
          this.#tellerIntensity[total++] = story.intensity;
        }
      }
      if (valence === 'negative') negativeTellers = total;
    }
    this.#lastTellerCount = total;
    gen.seedFrom(rng);
    const negCount = this.#pass(true, 0, negativeTellers, out, NEG_HOP);
    const posCount = this.#pass(false, negativeTellers, total, out, POS_HOP);
    ws.lastNegativeCount = negCount;
    ws.lastPositiveCount = posCount;
    out[M.reachedNegative] = negCount;
    out[M.reachedPositive] = posCount;
    this.#react(negCount, posCount, out);
  }

  /** One valence's spread; returns how many people it reached (tellers included). */
  #pass(negative: boolean, from: number, to: number, out: Float64Array, hopColumn: number): number {
    if (from === to) return 0;
    switch (this.options.model) {
      case 'cascade':
        return this.#cascade(negative, from, to, out, hopColumn);
      case 'threshold':
        return this.#threshold(negative, from, to, out, hopColumn);
      case 'rumour':
        return this.#rumour(negative, from, to, out, hopColumn);
    }
  }

  /** Seeds a pass with its tellers; returns how many distinct tellers. */
  #seed(negative: boolean, from: number, to: number, epoch: number, startQueue: boolean): number {
    const ws = this.#ws;
    const visited = ws.visited;
    const reached = negative ? ws.reachedNegative : ws.reachedPositive;
    const hop = negative ? ws.hopNegative : ws.hopPositive;
    let count = 0;
    for (let i = from; i < to; i++) {
      const t = this.#tellers[i]!;
      if (visited[t] === epoch) continue;
      visited[t] = epoch;
      hop[t] = 0;
      ws.intensity[t] = this.#tellerIntensity[i]!;
      this.#queuedAudience[count] = this.#tellerAudience[i]!;
      reached[count] = t;
      if (startQueue) ws.queue[count] = t;
      count++;
    }
    return count;
  }

  #cascade(negative: boolean, from: number, to: number, out: Float64Array, hopColumn: number): number {
    const { offsets, neighbors, trust } = this.network;
    const o = this.options;
    const ws = this.#ws;
    const gen = this.#gen;
    const visited = ws.visited;
    const queue = ws.queue;
    const intensity = ws.intensity;
    const reached = negative ? ws.reachedNegative : ws.reachedPositive;
    const heard = negative ? ws.heardNegative : ws.heardPositive;
    const hop = negative ? ws.hopNegative : ws.hopPositive;
    const epoch = ws.nextEpoch();
    let count = this.#seed(negative, from, to, epoch, true);
    const tellerCount = count;
    out[M.tellers] += count;
    out[hopColumn] += count;
    let tail = count;
    let head = 0;
    const useTrust = o.transmission === 'trust';
    const grow = negative ? o.embellishment : 0;
    const lastBin = HOP_BINS - 1;
    let arcs = 0;
    let deepest = 0;
    while (head < tail) {
      const u = queue[head++]!;
      const h = hop[u]! + 1;
      const s = intensity[u]!;
      const told = 1 - (1 - s) * (1 - grow);
      // Scaled to 2^32 so a trial is one integer draw and one comparison.
      const base = (useTrust ? o.tellProbability * s : o.tellProbability) * TWO_32;
      const retell = h === 1 ? o.retellProbability : o.retellProbability * Math.pow(o.retellDecay, h - 1);
      const retellThreshold = retell * TWO_32;
      const bin = hopColumn + (h < lastBin ? h : lastBin);
      const end = offsets[u + 1]!;
      const start = offsets[u]!;
      arcs += end - start;
      // A teller with an audience tells exactly that many neighbours (all, if fewer),
      // chosen uniformly by a partial Fisher–Yates shuffle of the row's arcs.
      const told0 = head <= tellerCount ? this.#queuedAudience[head - 1]! : -1;
      const chosen = told0 < 0 ? -1 : Math.min(told0, end - start);
      if (chosen >= 0) {
        const arcsOfRow = this.#arcScratch;
        for (let a = start; a < end; a++) arcsOfRow[a - start] = a;
        for (let c = 0; c < chosen; c++) {
          const pick = c + Math.floor((gen.nextUint32() / TWO_32) * (end - start - c));
          const a = arcsOfRow[pick]!;
          arcsOfRow[pick] = arcsOfRow[c]!;
          const v = neighbors[a]!;
          if (visited[v] === epoch) {
            heard[v]!++;
            continue;
          }
          visited[v] = epoch;
          heard[v] = 1;
          hop[v] = h;
          intensity[v] = told;
          reached[count++] = v;
          out[bin]!++;
          if (h > deepest) deepest = h;
          if (gen.nextUint32() < retellThreshold) queue[tail++] = v;
        }
        continue;
      }
      for (let a = start; a < end; a++) {
        if (gen.nextUint32() >= (useTrust ? base * trust[a]! : base)) continue;
        const v = neighbors[a]!;
        if (visited[v] === epoch) {
          heard[v]!++;
          continue;
        }
        visited[v] = epoch;
        heard[v] = 1;
        hop[v] = h;
        intensity[v] = told;
        reached[count++] = v;
        out[bin]!++;
        if (h > deepest) deepest = h;
        if (gen.nextUint32() < retellThreshold) queue[tail++] = v;
      }
    }
    out[M.arcsExamined] += arcs;
    if (deepest > out[M.maxHop]!) out[M.maxHop] = deepest;
    return count;
  }

  #threshold(negative: boolean, from: number, to: number, out: Float64Array, hopColumn: number): number {
    const network = this.network;
    const { offsets, neighbors, trust } = network;
    const ws = this.#ws;
    const gen = this.#gen;
    const visited = ws.visited;
    const touched = ws.decided; // free until the reaction pass, which takes a new epoch
    const pressure = ws.pressure;
    const thresholds = ws.threshold;
    const inTrust = ws.inTrustOf(network);
    const queue = ws.queue;
    const reached = negative ? ws.reachedNegative : ws.reachedPositive;
    const heard = negative ? ws.heardNegative : ws.heardPositive;
    const hop = negative ? ws.hopNegative : ws.hopPositive;
    const fixed = this.options.threshold === 'uniform' ? -1 : this.options.threshold;
    if (this.#touchedNegative === null) {
      this.#touchedNegative = new Int32Array(network.size);
      this.#touchedPositive = new Int32Array(network.size);
    }
    const touchedList = negative ? this.#touchedNegative : this.#touchedPositive!;
    let touchedCount = 0;
    const touchEpoch = ws.nextEpoch();
    const epoch = ws.nextEpoch();
    let count = this.#seed(negative, from, to, epoch, true);
    out[M.tellers] += count;
    out[hopColumn] += count;
    let tail = count;
    let head = 0;
    const lastBin = HOP_BINS - 1;
    let arcs = 0;
    let deepest = 0;
    while (head < tail) {
      const u = queue[head++]!;
      const h = hop[u]! + 1;
      const bin = hopColumn + (h < lastBin ? h : lastBin);
      const end = offsets[u + 1]!;
      arcs += end - offsets[u]!;
      for (let a = offsets[u]!; a < end; a++) {
        const v = neighbors[a]!;
        if (visited[v] === epoch) {
          heard[v]!++;
          continue;
        }
        if (touched[v] !== touchEpoch) {
          touched[v] = touchEpoch;
          touchedList[touchedCount++] = v;
          pressure[v] = 0;
          heard[v] = 0;
          // Uniform on (0, 1]: a threshold of 0 would act without any voice.
          thresholds[v] = fixed > 0 ? fixed : (gen.nextUint32() + 1) / TWO_32;
        }
        heard[v]!++;
        pressure[v]! += trust[a]! / inTrust[v]!;
        // 1e-9 absorbs rounding in the sum, so "every voice" reaches a threshold of 1.
        if (pressure[v]! + 1e-9 >= thresholds[v]!) {
          visited[v] = epoch;
          hop[v] = h;
          reached[count++] = v;
          queue[tail++] = v;
          out[bin]!++;
          if (h > deepest) deepest = h;
        }
      }
    }
    out[M.arcsExamined] += arcs;
    if (deepest > out[M.maxHop]!) out[M.maxHop] = deepest;
    if (negative) this.#touchedNegativeCount = touchedCount;
    else this.#touchedPositiveCount = touchedCount;
    return count;
  }

  #rumour(negative: boolean, from: number, to: number, out: Float64Array, hopColumn: number): number {
    const { offsets, neighbors, trust } = this.network;
    const o = this.options;
    const ws = this.#ws;
    const gen = this.#gen;
    const visited = ws.visited;
    const spreaders = ws.queue;
    const intensity = ws.intensity;
    const reached = negative ? ws.reachedNegative : ws.reachedPositive;
    const heard = negative ? ws.heardNegative : ws.heardPositive;
    const hop = negative ? ws.hopNegative : ws.hopPositive;
    const epoch = ws.nextEpoch();
    let count = this.#seed(negative, from, to, epoch, true);
    out[M.tellers] += count;
    out[hopColumn] += count;
    let active = count;
    const useTrust = o.transmission === 'trust';
    const grow = negative ? o.embellishment : 0;
    const stifle = o.stiflingProbability * TWO_32;
    const lastBin = HOP_BINS - 1;
    let contacts = 0;
    let deepest = 0;
    while (active > 0) {
      // A random spreader makes a call to a random acquaintance (asynchronous updating).
      const i = Math.floor((gen.nextUint32() / TWO_32) * active);
      const u = spreaders[i]!;
      const start = offsets[u]!;
      const d = offsets[u + 1]! - start;
      if (d === 0) {
        spreaders[i] = spreaders[--active]!;
        continue;
      }
      const a = start + Math.floor((gen.nextUint32() / TWO_32) * d);
      const v = neighbors[a]!;
      contacts++;
      if (visited[v] === epoch) {
        heard[v]!++;
        if (gen.nextUint32() < stifle) spreaders[i] = spreaders[--active]!;
        continue;
      }
      const s = intensity[u]!;
      const p = useTrust ? o.tellProbability * s * trust[a]! : o.tellProbability;
      if (gen.nextUint32() >= p * TWO_32) continue;
      const h = hop[u]! + 1;
      visited[v] = epoch;
      heard[v] = 1;
      hop[v] = h;
      intensity[v] = 1 - (1 - s) * (1 - grow);
      reached[count++] = v;
      spreaders[active++] = v;
      out[hopColumn + (h < lastBin ? h : lastBin)]!++;
      if (h > deepest) deepest = h;
    }
    out[M.arcsExamined] += contacts;
    if (deepest > out[M.maxHop]!) out[M.maxHop] = deepest;
    return count;
  }

  /** Everyone who heard something reacts by role (see the module doc). */
  #react(negCount: number, posCount: number, out: Float64Array): void {
    const ws = this.#ws;
    const gen = this.#gen;
    const role = this.network.role;
    const o = this.options;
    const decided = ws.decided;
    // The excluded (incident customers) count as reached but their reaction is decided
    // by their episode: mark them in the visited array, free now that spreading is done.
    // Tellers do not react either (docs/model.md), even when they heard another teller.
    const excludedEpoch = ws.nextEpoch();
    for (let i = 0; i < this.#excludedCount; i++) ws.visited[this.#excluded[i]!] = excludedEpoch;
    for (let i = 0; i < this.#lastTellerCount; i++) ws.visited[this.#tellers[i]!] = excludedEpoch;
    const epoch = ws.nextEpoch();
    // π = q·c: stories move the choice c, not q (purchaseSplit); π' = q·c'.
    const prior = o.purchaseProbability;
    const { inMarket, choice } = purchaseSplit(prior);
    const keepNeg = 1 - 2 * o.negativeShift;
    const keepPos = 1 - 2 * o.positiveShift;
    const stay = 1 - o.customerChurnShift;
    const lastBin = HOP_BINS - 1;
    let union = 0;
    let lost = 0;
    let won = 0;
    let expectedLost = 0;
    let expectedWon = 0;
    let atRisk = 0;
    let churned = 0;
    let expectedChurned = 0;
    let lostFromPublic = 0;
    for (let list = 0; list < 2; list++) {
      const people = list === 0 ? ws.reachedNegative : ws.reachedPositive;
      const n = list === 0 ? negCount : posCount;
      for (let i = 0; i < n; i++) {
        const v = people[i]!;
        if (decided[v] === epoch) continue;
        decided[v] = epoch;
        ws.outcome[v] = 0;
        union++;
        if (ws.visited[v] === excludedEpoch) continue;
        const r = role[v];
        if (r === Role.bystander) continue;
        // heard* are zero for people the story did not reach in this replicate.
        const nNeg = ws.heardNegative[v]!;
        const nPos = ws.heardPositive[v]!;
        if (r === Role.prospect) {
          if (nNeg === 0 && nPos === 0) continue; // heard nothing: no draw
          const after = inMarket * (choice + (1 - choice) * (1 - Math.pow(keepPos, nPos)) - choice * (1 - Math.pow(keepNeg, nNeg)));
          const u = gen.nextUint32() / TWO_32;
          if (after < prior) {
            expectedLost += prior - after;
            if (u < prior && u >= after) {
              lost++;
              if (this.#publicSeen !== null && this.#publicSeen[v] === this.#publicEpoch) lostFromPublic++;
              ws.outcome[v] = Outcome.lost;
              const h = ws.hopNegative[v]!;
              out[LOST_HOP + (h < lastBin ? h : lastBin)]!++;
            }
          } else if (after > prior) {
            expectedWon += after - prior;
            if (u >= prior && u < after) {
              won++;
              ws.outcome[v] = Outcome.won;
            }
          }
        } else if (nNeg > 0) {
          atRisk++;
          const leave = 1 - Math.pow(stay, nNeg);
          expectedChurned += leave;
          if (gen.nextUint32() / TWO_32 < leave) {
            churned++;
            ws.outcome[v] = Outcome.atRisk | Outcome.churned;
          } else {
            ws.outcome[v] = Outcome.atRisk;
          }
        }
      }
    }
    out[M.reached] = union;
    out[M.lostProspects] = lost;
    out[M.expectedLostProspects] = expectedLost;
    out[M.wonProspects] = won;
    out[M.expectedWonProspects] = expectedWon;
    out[M.customersAtRisk] = atRisk;
    out[M.churnedCustomers] = churned;
    out[M.expectedChurnedCustomers] = expectedChurned;
    out[M.lostProspectsFromPublic] = lostFromPublic;
  }

  /** The per-person outcome of the replicate `run` filled last, as fresh arrays. */
  lastPerPerson(): PerPersonOutcome {
    const ws = this.#ws;
    const n = this.network.size;
    const outcome = new Uint8Array(n);
    const hopNegative = new Int32Array(n).fill(-1);
    const hopPositive = new Int32Array(n).fill(-1);
    const heardNegative = new Int32Array(n);
    const heardPositive = new Int32Array(n);
    for (let i = 0; i < ws.lastNegativeCount; i++) {
      const v = ws.reachedNegative[i]!;
      outcome[v] = ws.outcome[v]! | Outcome.heardNegative;
      hopNegative[v] = ws.hopNegative[v]!;
      heardNegative[v] = ws.heardNegative[v]!;
    }
    for (let i = 0; i < ws.lastPositiveCount; i++) {
      const v = ws.reachedPositive[i]!;
      outcome[v] = ws.outcome[v]! | outcome[v]! | Outcome.heardPositive;
      hopPositive[v] = ws.hopPositive[v]!;
      heardPositive[v] = ws.heardPositive[v]!;
    }
    for (let i = 0; i < this.#lastTellerCount; i++) outcome[this.#tellers[i]!]! |= Outcome.teller;
    return { outcome, hopNegative, hopPositive, heardNegative, heardPositive };
  }
}
