/**
 * One replicate of a scenario under one policy: incidents happen to customers, each
 * episode runs (complaint, handling, memory, behaviour), the stories spread, and the
 * replicate's metric row records what the company can see, what it cannot, and what it
 * all costs. Policies run on the same replicate stream share their random numbers
 * (common random numbers): the same customers have the same problems, draw the same
 * uniforms for every decision, and the spread runs on the same generator.
 */
import { Category, Channel, EPISODE_BASE_UNIFORMS, EPISODE_UNIFORMS, EpisodeOutcome, Story, runEpisode } from '../experience/episode.js';
import { resolveWinBack, type ResolvedEconomics, type ResolvedWinBack } from '../economics/lifetime-value.js';
import { VALUE_PARTS, moneyAndPeople, valueParts } from '../economics/valuation.js';
import type { ResolvedPolicy } from '../experience/policy.js';
import { Sfc32 } from '../random/fast.js';
import type { Rng } from '../random/rng.js';
import { sampleIndices } from '../random/samplers.js';
import { HOP_BINS } from '../spread/workspace.js';
import { SPREAD_METRICS, SPREAD_SCALAR_METRICS, WordOfMouthKernel, type EpisodeSpreadInput } from '../spread/word-of-mouth.js';
import type { ResolvedScenario } from './scenario.js';

/** Episode and money metrics, before the word-of-mouth ones. */
export const EPISODE_METRICS = [
  'incidents',
  'complaints',
  'complaintsFrontLine',
  'complaintsHeadOffice',
  'complaintsPublic',
  'complaintsByAccessibility',
  'complaintsByFollowUp',
  'followUpCalls',
  'keptByFollowUp',
  'silentUnhappy',
  'resolvedQuickly',
  'resolved',
  'unresolved',
  'gaveUp',
  'stuckAtTop',
  'escalated',
  'contacts',
  'handOffs',
  'feesBilled',
  'meanRemembered',
  'negativeTellers',
  'positiveTellers',
  'publicViewers',
  'directChurn',
  'womChurn',
  'churnRecorded',
  'invisibleLoss',
  'moneyKept',
  'handlingCost',
  'leverCost',
  ...VALUE_PARTS.map((part) => `parts.${part}` as const),
  'moneyNet',
  'peopleLost',
  'netValue',
  'incidentCost',
] as const;
export type EpisodeMetric = (typeof EPISODE_METRICS)[number];

const E = Object.fromEntries(EPISODE_METRICS.map((name, i) => [name, i])) as Record<EpisodeMetric, number>;
const W0 = EPISODE_METRICS.length;
const W = Object.fromEntries(SPREAD_SCALAR_METRICS.map((name, i) => [name, W0 + i])) as Record<(typeof SPREAD_SCALAR_METRICS)[number], number>;

/** Every column of a policy replicate: episode and money metrics, then the spread metrics. */
export const POLICY_METRICS: readonly string[] = [...EPISODE_METRICS, ...SPREAD_METRICS];

/** The win-back offer a policy makes: its own when it has one (null: none), else the scenario's. */
export function policyWinBack(economics: ResolvedEconomics, policy: ResolvedPolicy): ResolvedWinBack | null {
  if (policy.winBack === undefined) return economics.winBack;
  if (policy.winBack === null) return null;
  return resolveWinBack(policy.winBack, economics);
}

export class PolicyKernel {
  readonly metricNames = POLICY_METRICS;
  readonly scenario: ResolvedScenario;
  readonly policy: ResolvedPolicy;
  readonly #spread: WordOfMouthKernel | null;
  readonly #incidentGen = new Sfc32();
  readonly #viewerGen = new Sfc32();
  readonly #uniforms: Float64Array;
  readonly #episode = new EpisodeOutcome();
  readonly #picks: Int32Array;
  readonly #input: {
    tellers: Int32Array;
    valence: Uint8Array;
    intensity: Float64Array;
    audience: Int32Array;
    count: number;
    onlookers: Int32Array;
    onlookerNegative: Int32Array;
    onlookerPositive: Int32Array;
    onlookerCount: number;
    excluded: Int32Array;
    excludedCount: number;
  };
  readonly #spreadRow: Float64Array;
  readonly #counts = { cash: 0, handling: 0, customersLostDirect: 0, customersLostWordOfMouth: 0, prospectsLost: 0, prospectsWon: 0 };
  /** The win-back offer this policy makes: its own, or the scenario's. */
  readonly winBack: ResolvedWinBack | null;

  constructor(scenario: ResolvedScenario, policy: ResolvedPolicy) {
    this.scenario = scenario;
    this.policy = policy;
    this.winBack = policyWinBack(scenario.economics, policy);
    const k = scenario.incidents.count;
    this.#uniforms = new Float64Array(Math.max(1, k) * EPISODE_UNIFORMS);
    this.#picks = new Int32Array(k);
    this.#spread =
      scenario.spread === null
        ? null
        : new WordOfMouthKernel(scenario.network, [], scenario.spread);
    this.#input = {
      tellers: new Int32Array(k),
      valence: new Uint8Array(k),
      intensity: new Float64Array(k),
      audience: new Int32Array(k),
      count: 0,
      onlookers: new Int32Array(64),
      onlookerNegative: new Int32Array(64),
      onlookerPositive: new Int32Array(64),
      onlookerCount: 0,
      excluded: this.#picks,
      excludedCount: k,
    };
    this.#spreadRow = new Float64Array(SPREAD_METRICS.length);
  }

  run(rng: Rng, out: Float64Array): void {
    const s = this.scenario;
    const policy = this.policy;
    const econ = s.economics;
    const k = s.incidents.count;
    out.fill(0, 0, this.metricNames.length);
    // The same draws from the replicate stream, in the same order, for every policy.
    sampleIndices(rng, k, s.customers.length, this.#picks);
    for (let i = 0; i < k; i++) this.#picks[i] = s.customers[this.#picks[i]!]!;
    this.#incidentGen.seedFrom(rng);
    this.#viewerGen.seedFrom(rng);
    const u = this.#uniforms;
    // Every episode's base block first, then the later uniforms: with every new lever at
    // its neutral setting, the base blocks hold the very numbers the model drew before.
    const gen = this.#incidentGen;
    for (let i = 0; i < k; i++) {
      const at = i * EPISODE_UNIFORMS;
      for (let j = 0; j < EPISODE_BASE_UNIFORMS; j++) u[at + j] = gen.nextFloat();
    }
    for (let i = 0; i < k; i++) {
      const at = i * EPISODE_UNIFORMS;
      for (let j = EPISODE_BASE_UNIFORMS; j < EPISODE_UNIFORMS; j++) u[at + j] = gen.nextFloat();
    }

    const input = this.#input;
    input.count = 0;
    input.onlookerCount = 0;
    const ep = this.#episode;
    let remembered = 0;
    let complainerCalls = 0;
    for (let i = 0; i < k; i++) {
      runEpisode(policy, s.incidents, s.complaints, s.behaviour, u, i * EPISODE_UNIFORMS, ep);
      remembered += ep.remembered;
      if (ep.complained) {
        out[E.complaints]!++;
        if (ep.channel === Channel.frontLine) out[E.complaintsFrontLine]!++;
        else if (ep.channel === Channel.headOffice) out[E.complaintsHeadOffice]!++;
        else out[E.complaintsPublic]!++;
        if (ep.byAccessibility) out[E.complaintsByAccessibility]!++;
        if (ep.byFollowUp) out[E.complaintsByFollowUp]!++;
        if (ep.complainerCall) complainerCalls++;
        if (ep.keptByFollowUp) out[E.keptByFollowUp]!++;
      } else {
        out[E.silentUnhappy]!++;
      }
      if (ep.category === Category.resolvedQuickly) out[E.resolvedQuickly]!++;
      else if (ep.category === Category.resolved) out[E.resolved]!++;
      else if (ep.category === Category.unresolved) out[E.unresolved]!++;
      if (ep.gaveUp) out[E.gaveUp]!++;
      if (ep.stuck) out[E.stuckAtTop]!++;
      if (ep.topLevel > 0) out[E.escalated]!++;
      out[E.contacts]! += ep.contacts;
      out[E.handOffs]! += ep.handOffs;
      out[E.followUpCalls]! += ep.followUpCalls;
      out[E.feesBilled]! += ep.feesBilled;
      out[E.moneyKept]! += ep.cash;
      out[E.handlingCost]! += ep.handlingCost;
      if (!ep.stays) out[E.directChurn]!++;
      if (ep.story !== Story.none && this.#spread !== null) {
        const j = input.count++;
        input.tellers[j] = this.#picks[i]!;
        input.valence[j] = ep.story;
        input.intensity[j] = ep.intensity;
        input.audience[j] = ep.audience;
        if (ep.story === Story.negative) out[E.negativeTellers]!++;
        else out[E.positiveTellers]!++;
      }
      if (ep.publicViewers > 0) {
        out[E.publicViewers]! += ep.publicViewers;
        if (this.#spread !== null) this.#addViewers(ep.publicViewers);
      }
    }
    out[E.incidents] = k;
    out[E.meanRemembered] = k > 0 ? remembered / k : 0;
    out[E.leverCost] =
      k * (policy.accessibilityCost + (policy.followUpReach > 0 && policy.followUpTarget !== 'complainers' ? policy.followUpCostPerContact : 0)) +
      complainerCalls * policy.followUpCostPerContact +
      // Ignoring a public complaint costs nothing to answer.
      (policy.publicAnswer === 'ignore' ? 0 : out[E.complaintsPublic]! * policy.publicAnswerCost);

    if (this.#spread !== null) {
      this.#spread.runEpisode(rng, input as EpisodeSpreadInput, this.#spreadRow);
      out.set(this.#spreadRow, W0);
    }
    const womChurn = out[W.churnedCustomers]!;
    out[E.womChurn] = womChurn;
    out[E.churnRecorded] = out[E.directChurn]! + womChurn;
    out[E.invisibleLoss] = out[W.lostProspects]! + out[E.silentUnhappy]!;

    // Money, in parts that add up to the net value (economics/valuation.ts). Expected
    // values where the model gives them (word-of-mouth churn, lost and won prospects):
    // the same mean as the realised counts, with less noise.
    const counts = this.#counts;
    counts.cash = out[E.moneyKept]!;
    counts.handling = out[E.handlingCost]! + out[E.leverCost]!;
    counts.customersLostDirect = out[E.directChurn]!;
    counts.customersLostWordOfMouth = out[W.expectedChurnedCustomers]!;
    counts.prospectsLost = out[W.expectedLostProspects]!;
    counts.prospectsWon = out[W.expectedWonProspects]!;
    const loss = econ.lossPerCustomer;
    const net = valueParts(counts, loss, this.winBack, out, E['parts.moneyKept']);
    const mp = moneyAndPeople(counts, loss, this.winBack);
    out[E.moneyNet] = mp.money;
    out[E.peopleLost] = mp.people;
    out[E.netValue] = net;
    out[E.incidentCost] = 0 - net;
  }

  /** Draws the onlookers of one public complaint; their hearings depend on the company's answer. */
  #addViewers(viewers: number): void {
    const input = this.#input;
    const pool = this.scenario.audiencePool;
    if (pool.length === 0) return;
    const need = input.onlookerCount + viewers;
    if (need > input.onlookers.length) {
      const size = Math.max(need, 2 * input.onlookers.length);
      const grow = (a: Int32Array) => {
        const b = new Int32Array(size);
        b.set(a.subarray(0, input.onlookerCount));
        return b;
      };
      input.onlookers = grow(input.onlookers);
      input.onlookerNegative = grow(input.onlookerNegative);
      input.onlookerPositive = grow(input.onlookerPositive);
    }
    const answer = this.policy.publicAnswer;
    // The complaint itself is one negative story; a bad answer or a deletion that is
    // noticed adds another; a good answer takes the sting out, so onlookers are not
    // moved either way [A].
    const negative = answer === 'answer-well' ? 0 : answer === 'answer-badly' || answer === 'delete' ? 2 : 1;
    const positive = 0;
    for (let v = 0; v < viewers; v++) {
      const j = input.onlookerCount++;
      input.onlookers[j] = pool[Math.floor(this.#viewerGen.nextFloat() * pool.length)]!;
      input.onlookerNegative[j] = negative;
      input.onlookerPositive[j] = positive;
    }
  }
}

export { HOP_BINS };
