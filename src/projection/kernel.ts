/**
 * One replicate of a month-by-month projection under every policy, on common random
 * numbers. Each month, in this order (docs/projection.md):
 *
 * 1. **Incidents**: each customer has a problem with chance `incidentRate`; the policy
 *    handles it ({@link runEpisode}); a customer whose episode ends with `stays` false
 *    leaves at the end of the month (direct churn); a customer with a story becomes a
 *    teller; a public complaint is seen by onlookers among customers and prospects.
 * 2. **Word of mouth**: the month's tellers, and the listeners of earlier months whose
 *    retelling falls due, tell their neighbours — the valenced cascade of
 *    docs/model.md, one hop per `retellDelayMonths` months, so a cascade crosses month
 *    boundaries.
 * 3. **Reactions**: everyone who heard something this month reacts by role, with the
 *    reaction model of docs/model.md: prospects are lost (dissuaded; they leave the
 *    market) or won (referrals) by the East–Hammond–Lomax shifts; customers who heard
 *    negative stories leave with 1 − (1 − customerChurnShift)^n₋. This month's incident
 *    customers do not react: their episode decided for them.
 *    A customer seen to leave (after the episode or a story) is made the policy's win-back
 *    offer when it pays (or always, when the scenario forces it); a won-back customer
 *    stays, and from then on has the win-back's own retention (step 4).
 * 4. **Baseline churn**: every remaining customer leaves with the monthly hazard.
 * 5. **Marketing**: every remaining prospect becomes a customer with `marketingRate`.
 * 6. Roles change at the end of the month, on the kernel's own copy of the role array
 *    (the user's network is never touched).
 *
 * Why not WordOfMouthKernel.runEpisode: it runs a cascade to completion in one call and
 * reports counts, not who heard or reacted; here a cascade must carry over into later
 * months and each reaction must change a person's role. The cascade and the reactions
 * below follow its rules exactly (same formulas, same order of draws per telling), and
 * tests/projection checks that one month with `retellDelayMonths: 0` has the same dark
 * number as PolicyKernel.
 *
 * Common random numbers: the incident, baseline-churn and marketing events are drawn
 * once per replicate on the person × month grid and shared by every policy; each
 * incident's episode uniforms depend only on (replicate, event), so the same customer
 * with the same problem in the same month meets every policy with the same numbers; the
 * spread and onlooker generators restart from the same seed for every policy.
 */
import { Channel, EPISODE_UNIFORMS, EpisodeOutcome, Story, runEpisode } from '../experience/episode.js';
import type { ResolvedPolicy } from '../experience/policy.js';
import { winBackOffered } from '../economics/valuation.js';
import { policyWinBack } from '../measure/kernel.js';
import type { ResolvedScenario } from '../measure/scenario.js';
import type { ReplicateKernel } from '../monte-carlo/runner.js';
import { Role } from '../network/types.js';
import { Sfc32 } from '../random/fast.js';
import type { Rng } from '../random/rng.js';
import { EventGrid } from './events.js';
import { purchaseSplit } from '../spread/options.js';
import { WARNING_TUNING_MONTHS, type ResolvedProjection } from './options.js';

const TWO_32 = 4294967296;

/** What kind of quantity a metric is: a stock at the end of the month, a flow during it, or a running total. */
export type MetricKind = 'stock' | 'flow' | 'cumulative';

/** The metrics of every month, in column order, with their kind. */
export const PROJECTION_METRICS = [
  'customers',
  'prospects',
  'acquired',
  'referrals',
  'churned',
  'churnRate',
  'baselineChurn',
  'directChurn',
  'womChurn',
  'lostProspects',
  'incidents',
  'complaints',
  'silentUnhappy',
  'negativeTellers',
  'positiveTellers',
  'reachedNegative',
  'reachedPositive',
  'revenue',
  'moneyKept',
  'serviceCost',
  'visibleLoss',
  'invisibleLoss',
  'wonBack',
  'publicComplaints',
] as const;
export type ProjectionMetric = (typeof PROJECTION_METRICS)[number];

export const METRIC_KINDS: Readonly<Record<ProjectionMetric, MetricKind>> = Object.freeze({
  customers: 'stock',
  prospects: 'stock',
  acquired: 'flow',
  referrals: 'flow',
  churned: 'flow',
  churnRate: 'flow',
  baselineChurn: 'flow',
  directChurn: 'flow',
  womChurn: 'flow',
  lostProspects: 'cumulative',
  incidents: 'flow',
  complaints: 'flow',
  silentUnhappy: 'flow',
  negativeTellers: 'flow',
  positiveTellers: 'flow',
  reachedNegative: 'flow',
  reachedPositive: 'flow',
  revenue: 'flow',
  moneyKept: 'flow',
  serviceCost: 'flow',
  visibleLoss: 'cumulative',
  invisibleLoss: 'cumulative',
  wonBack: 'flow',
  publicComplaints: 'flow',
});

const M = Object.fromEntries(PROJECTION_METRICS.map((name, i) => [name, i])) as Record<ProjectionMetric, number>;
const METRIC_COUNT = PROJECTION_METRICS.length;

/** Column of (policy p, month t, metric m) in a replicate row. */
export function projectionColumn(months: number, p: number, t: number, m: number): number {
  return (p * (months + 1) + t) * METRIC_COUNT + m;
}

/** Column of policy p's early-warning month (0: never) in a replicate row. */
export function warningColumn(months: number, policies: number, p: number): number {
  return policies * (months + 1) * METRIC_COUNT + p;
}

/** Tellings waiting for their month: a ring buffer that grows when full. */
class TellingQueue {
  person: Int32Array;
  hop: Int32Array;
  valence: Uint8Array;
  intensity: Float64Array;
  audience: Int32Array;
  when: Int32Array;
  head = 0;
  size = 0;

  constructor(capacity: number) {
    this.person = new Int32Array(capacity);
    this.hop = new Int32Array(capacity);
    this.valence = new Uint8Array(capacity);
    this.intensity = new Float64Array(capacity);
    this.audience = new Int32Array(capacity);
    this.when = new Int32Array(capacity);
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  push(person: number, hop: number, valence: number, intensity: number, audience: number, when: number): void {
    if (this.size === this.person.length) this.#grow();
    const cap = this.person.length;
    let i = this.head + this.size;
    if (i >= cap) i -= cap;
    this.person[i] = person;
    this.hop[i] = hop;
    this.valence[i] = valence;
    this.intensity[i] = intensity;
    this.audience[i] = audience;
    this.when[i] = when;
    this.size++;
  }

  #grow(): void {
    const cap = this.person.length;
    const next = cap * 2;
    const unwrap = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(next);
      for (let k = 0; k < this.size; k++) {
        let i = this.head + k;
        if (i >= cap) i -= cap;
        b[k] = a[i]!;
      }
      return b;
    };
    this.person = unwrap(this.person, (n) => new Int32Array(n));
    this.hop = unwrap(this.hop, (n) => new Int32Array(n));
    this.valence = unwrap(this.valence, (n) => new Uint8Array(n));
    this.intensity = unwrap(this.intensity, (n) => new Float64Array(n));
    this.audience = unwrap(this.audience, (n) => new Int32Array(n));
    this.when = unwrap(this.when, (n) => new Int32Array(n));
    this.head = 0;
  }
}

/** 32-bit finaliser of MurmurHash3: spreads an event index over all bits of a seed word. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x | 0;
}

/**
 * A prepared projection: buffers allocated once; `run` fills one replicate's row for
 * every policy (see {@link projectionColumn}) and allocates nothing in steady state
 * (event and telling buffers grow only when a replicate needs more than any before).
 */
export class ProjectionKernel implements ReplicateKernel {
  readonly metricNames: readonly string[];
  readonly scenario: ResolvedScenario;
  readonly policies: readonly ResolvedPolicy[];
  readonly params: ResolvedProjection;

  readonly #incidentEvents: EventGrid;
  readonly #churnEvents: EventGrid;
  readonly #marketingEvents: EventGrid;
  readonly #shared = new Sfc32();
  readonly #episodeGen = new Sfc32();
  readonly #spreadGen = new Sfc32();
  readonly #onlookerGen = new Sfc32();
  /** Win-back draws: their own stream, so a scenario without win-back reads none of the others' numbers differently. */
  readonly #winBackGen = new Sfc32();
  readonly #winBackKey = new Int32Array(4);
  /** wonBack[v] = 1 once v was won back in this policy's run; the list holds them in order. */
  readonly #wonBack: Uint8Array;
  readonly #wonBackList: Int32Array;
  #wonBackCount = 0;
  readonly #episodeKey = new Int32Array(4);
  readonly #spreadKey = new Int32Array(4);
  readonly #onlookerKey = new Int32Array(4);
  readonly #uniforms = new Float64Array(EPISODE_UNIFORMS);
  readonly #episode = new EpisodeOutcome();

  readonly #role: Uint8Array;
  /** Clock value at which a person last learned a negative / positive story (see #clock). */
  readonly #knownNegative: Int32Array;
  readonly #knownPositive: Int32Array;
  /** heardMark[v] === clock ⇔ v heard something this month; then heard* are this month's counts. */
  readonly #heardMark: Int32Array;
  readonly #heardNegative: Int32Array;
  readonly #heardPositive: Int32Array;
  readonly #heardList: Int32Array;
  #heardCount = 0;
  /** This month's incident customers (their episode decides for them). */
  readonly #excludedMark: Int32Array;
  /** Someone whose role changes at the end of this month. */
  readonly #decidedMark: Int32Array;
  readonly #changePerson: Int32Array;
  readonly #changeRole: Uint8Array;
  #changeCount = 0;
  /** Customers and prospects (the people who see public complaints), with positions for O(1) removal. */
  readonly #market: Int32Array;
  readonly #marketPosition: Int32Array;
  #marketCount = 0;
  readonly #queue: TellingQueue;
  readonly #arcScratch: Int32Array;
  /**
   * Months elapsed over all runs of this kernel: month t of a run is clock base + t,
   * so per-person marks never need clearing between runs.
   */
  #clock = 0;

  constructor(scenario: ResolvedScenario, policies: readonly ResolvedPolicy[], params: ResolvedProjection) {
    this.scenario = scenario;
    this.policies = policies;
    this.params = params;
    const T = params.months;
    const names: string[] = [];
    for (const p of policies) for (let t = 0; t <= T; t++) for (const m of PROJECTION_METRICS) names.push(`${p.name}:${t}:${m}`);
    for (const p of policies) names.push(`${p.name}:warningMonth`);
    this.metricNames = names;

    const network = scenario.network;
    const n = network.size;
    this.#incidentEvents = new EventGrid(n, T, params.incidentRate);
    this.#churnEvents = new EventGrid(n, T, params.monthlyChurnHazard);
    this.#marketingEvents = new EventGrid(n, T, params.marketingRate);
    this.#role = new Uint8Array(n);
    this.#wonBack = new Uint8Array(n);
    this.#wonBackList = new Int32Array(n);
    this.#knownNegative = new Int32Array(n);
    this.#knownPositive = new Int32Array(n);
    this.#heardMark = new Int32Array(n);
    this.#heardNegative = new Int32Array(n);
    this.#heardPositive = new Int32Array(n);
    this.#heardList = new Int32Array(n);
    this.#excludedMark = new Int32Array(n);
    this.#decidedMark = new Int32Array(n);
    this.#changePerson = new Int32Array(n);
    this.#changeRole = new Uint8Array(n);
    this.#market = new Int32Array(n);
    this.#marketPosition = new Int32Array(n);
    this.#queue = new TellingQueue(Math.max(1024, n >> 3));
    let maxDegree = 0;
    for (let i = 0; i < n; i++) maxDegree = Math.max(maxDegree, network.offsets[i + 1]! - network.offsets[i]!);
    this.#arcScratch = new Int32Array(maxDegree);
  }

  run(rng: Rng, out: Float64Array): void {
    const T = this.params.months;
    // The replicate stream is read in one fixed order, whatever the policies.
    this.#shared.seedFrom(rng);
    for (let i = 0; i < 4; i++) this.#episodeKey[i] = rng.uint32() | 0;
    for (let i = 0; i < 4; i++) this.#spreadKey[i] = rng.uint32() | 0;
    for (let i = 0; i < 4; i++) this.#onlookerKey[i] = rng.uint32() | 0;
    // Read last: the streams above are what they were before win-back existed.
    for (let i = 0; i < 4; i++) this.#winBackKey[i] = rng.uint32() | 0;
    this.#incidentEvents.draw(this.#shared, this.params.incidentRate);
    this.#churnEvents.draw(this.#shared, this.params.monthlyChurnHazard);
    this.#marketingEvents.draw(this.#shared, this.params.marketingRate);
    out.fill(0, 0, this.metricNames.length);
    for (let p = 0; p < this.policies.length; p++) {
      if (this.#clock > 0x7fffffff - 2 * (T + 2)) this.#resetClock();
      const base = this.#clock;
      this.#clock += T + 1;
      this.#runPolicy(p, base, out);
    }
  }

  #resetClock(): void {
    this.#knownNegative.fill(0);
    this.#knownPositive.fill(0);
    this.#heardMark.fill(0);
    this.#excludedMark.fill(0);
    this.#decidedMark.fill(0);
    this.#clock = 0;
  }

  #runPolicy(p: number, base: number, out: Float64Array): void {
    const s = this.scenario;
    const network = s.network;
    const n = network.size;
    const params = this.params;
    const T = params.months;
    const policy = this.policies[p]!;
    const spread = s.spread;
    const role = this.#role;
    role.set(network.role);
    this.#spreadGen.reset(this.#spreadKey[0]!, this.#spreadKey[1]!, this.#spreadKey[2]!, this.#spreadKey[3]!);
    this.#onlookerGen.reset(this.#onlookerKey[0]!, this.#onlookerKey[1]!, this.#onlookerKey[2]!, this.#onlookerKey[3]!);
    this.#queue.clear();
    this.#winBackGen.reset(this.#winBackKey[0]!, this.#winBackKey[1]!, this.#winBackKey[2]!, this.#winBackKey[3]!);
    this.#wonBack.fill(0);
    this.#wonBackCount = 0;
    let customers = 0;
    let prospects = 0;
    this.#marketCount = 0;
    for (let i = 0; i < n; i++) {
      const r = role[i];
      if (r === Role.customer) customers++;
      else if (r === Role.prospect) prospects++;
      else continue;
      this.#marketPosition[i] = this.#marketCount;
      this.#market[this.#marketCount++] = i;
    }
    const col = (t: number) => (p * (T + 1) + t) * METRIC_COUNT;
    out[col(0) + M.customers] = customers;
    out[col(0) + M.prospects] = prospects;

    const afterChurn = params.afterChurn === 'prospect' ? Role.prospect : Role.bystander;
    const monthlyMargin = s.economics.margin / 12;
    const leverPerIncident = policy.accessibilityCost + (policy.followUpReach > 0 && policy.followUpTarget !== 'complainers' ? policy.followUpCostPerContact : 0);
    // A public complaint the policy ignores costs nothing to answer (as in PolicyKernel).
    const publicAnswerCost = policy.publicAnswer === 'ignore' ? 0 : policy.publicAnswerCost;
    const onlookerNegative = policy.publicAnswer === 'answer-well' ? 0 : policy.publicAnswer === 'answer-badly' || policy.publicAnswer === 'delete' ? 2 : 1;
    // The win-back offer (docs/projection.md): made to a customer seen to leave when it
    // pays at the scenario's value of a lost customer, or always when forced; a won-back
    // customer's monthly hazard is 1 − (1 − h)·(r_wb / r)^(1/12), 0 when that is below 0.
    const winBack = policyWinBack(s.economics, policy);
    const offer = winBack !== null && winBackOffered(winBack, s.economics.lossPerCustomer);
    const winBackSuccess = offer ? winBack.successProbability : 0;
    const winBackCost = offer ? winBack.offerCost : 0;
    const hw = offer && winBack.retention !== s.economics.retention && s.economics.retention > 0 ? Math.max(0, 1 - (1 - params.monthlyChurnHazard) * Math.pow(winBack.retention / s.economics.retention, 1 / 12)) : params.monthlyChurnHazard;
    const wbGen = this.#winBackGen;
    const ep = this.#episode;
    const u = this.#uniforms;
    const key = this.#episodeKey;
    const gen = this.#episodeGen;
    let lostTotal = 0;
    let churnedTotal = 0;
    // The early warning (docs/projection.md): S, the running sum of the months'
    // standardised shortfalls of acquisitions − losses against what marketing and
    // churn from other causes give with no problems, crosses the normal-mixture
    // boundary −√((τ + ρ)(ln(1 + τ/ρ) + 2 ln(1/α))), τ the months that carried information.
    const m = params.marketingRate >= 1 ? 1 : params.marketingRate;
    const hb = params.monthlyChurnHazard;
    const rho = WARNING_TUNING_MONTHS;
    const evidence = 2 * Math.log(1 / params.warningFalseAlarmRate);
    let shortfall = 0;
    let informative = 0;
    let warning = 0;

    for (let t = 1; t <= T; t++) {
      const clock = base + t;
      const c = col(t);
      const customersBefore = customers;
      const prospectsBefore = prospects;
      this.#heardCount = 0;
      this.#changeCount = 0;
      let churnedNow = 0;
      let direct = 0;
      let wonBack = 0;

      // 1. Incidents.
      const incidents = this.#incidentEvents;
      const from = incidents.all ? 0 : incidents.monthStart[t - 1]!;
      const to = incidents.all ? n : incidents.monthStart[t]!;
      for (let e = from; e < to; e++) {
        const v = incidents.all ? e : incidents.persons[e]!;
        if (role[v] !== Role.customer) continue;
        // The same customer, month and event meet every policy with the same uniforms.
        const id = incidents.all ? (t - 1) * n + e : e;
        const h = mix32(id + 0x9e3779b9);
        gen.reset(key[0]! ^ h, key[1]! ^ mix32(h), key[2]! + id, key[3]!);
        for (let k = 0; k < EPISODE_UNIFORMS; k++) u[k] = gen.nextFloat();
        runEpisode(policy, s.incidents, s.complaints, s.behaviour, u, 0, ep);
        out[c + M.incidents]!++;
        if (ep.complained) {
          out[c + M.complaints]!++;
          if (ep.channel === Channel.public) out[c + M.publicComplaints]!++;
        } else out[c + M.silentUnhappy]!++;
        out[c + M.moneyKept]! += ep.cash;
        out[c + M.serviceCost]! += ep.handlingCost + leverPerIncident + (ep.complainerCall ? policy.followUpCostPerContact : 0) + (ep.channel === Channel.public ? publicAnswerCost : 0);
        this.#excludedMark[v] = clock;
        if (!ep.stays) {
          if (offer) {
            out[c + M.serviceCost]! += winBackCost;
            if (wbGen.nextFloat() < winBackSuccess) {
              this.#markWonBack(v);
              wonBack++;
            } else {
              this.#decide(v, afterChurn, clock);
              direct++;
            }
          } else {
            this.#decide(v, afterChurn, clock);
            direct++;
          }
        }
        if (spread === null) continue;
        if (ep.story !== Story.none) {
          if (ep.story === Story.negative) {
            out[c + M.negativeTellers]!++;
            this.#knownNegative[v] = clock;
          } else {
            out[c + M.positiveTellers]!++;
            this.#knownPositive[v] = clock;
          }
          this.#queue.push(v, 0, ep.story, ep.intensity, ep.audience, clock);
        }
        // Onlookers of a public complaint, among this month's customers and prospects.
        // The complaint is one negative story; a bad answer or a noticed deletion adds
        // another; a good answer takes the sting out (the measure kernel's rule).
        for (let j = 0; j < ep.publicViewers; j++) {
          const o = this.#market[Math.floor(this.#onlookerGen.nextFloat() * this.#marketCount)]!;
          if (onlookerNegative > 0) this.#hear(o, true, onlookerNegative, clock);
        }
      }

      // 2. Word of mouth due this month.
      if (spread !== null) this.#tell(base, clock);

      // 3. Reactions.
      let lost = 0;
      let won = 0;
      let wom = 0;
      if (spread !== null && this.#heardCount > 0) {
        const sg = this.#spreadGen;
        // π = q·c: stories move the choice c, not q (spread/options.ts purchaseSplit).
        const prior = spread.purchaseProbability;
        const { inMarket, choice } = purchaseSplit(prior);
        const keepNeg = 1 - 2 * spread.negativeShift;
        const keepPos = 1 - 2 * spread.positiveShift;
        const stay = 1 - spread.customerChurnShift;
        let reachedNeg = 0;
        let reachedPos = 0;
        for (let i = 0; i < this.#heardCount; i++) {
          const v = this.#heardList[i]!;
          const nNeg = this.#heardNegative[v]!;
          const nPos = this.#heardPositive[v]!;
          if (nNeg > 0) reachedNeg++;
          if (nPos > 0) reachedPos++;
          if (this.#excludedMark[v] === clock) continue;
          const r = role[v];
          if (r === Role.prospect) {
            const after = inMarket * (choice + (1 - choice) * (1 - Math.pow(keepPos, nPos)) - choice * (1 - Math.pow(keepNeg, nNeg)));
            const x = sg.nextUint32() / TWO_32;
            if (after < prior) {
              if (x < prior && x >= after) {
                this.#decide(v, Role.bystander, clock);
                lost++;
              }
            } else if (after > prior) {
              if (x >= prior && x < after) {
                this.#decide(v, Role.customer, clock);
                won++;
              }
            }
          } else if (r === Role.customer && nNeg > 0) {
            if (sg.nextUint32() / TWO_32 < 1 - Math.pow(stay, nNeg)) {
              if (offer) {
                out[c + M.serviceCost]! += winBackCost;
                if (wbGen.nextFloat() < winBackSuccess) {
                  this.#markWonBack(v);
                  wonBack++;
                  continue;
                }
              }
              this.#decide(v, afterChurn, clock);
              wom++;
            }
          }
        }
        out[c + M.reachedNegative] = reachedNeg;
        out[c + M.reachedPositive] = reachedPos;
      }

      // 4. Baseline churn, 5. marketing: the shared grid events that apply this month.
      let baseline = 0;
      const churnEvents = this.#churnEvents;
      const cFrom = churnEvents.all ? 0 : churnEvents.monthStart[t - 1]!;
      const cTo = churnEvents.all ? n : churnEvents.monthStart[t]!;
      for (let e = cFrom; e < cTo; e++) {
        const v = churnEvents.all ? e : churnEvents.persons[e]!;
        if (role[v] !== Role.customer || this.#decidedMark[v] === clock) continue;
        // A won-back customer less loyal than others (hw > h) also leaves below; one more
        // loyal (hw < h) survives a shared churn event with chance 1 − hw/h.
        if (hw < hb && this.#wonBack[v] === 1 && wbGen.nextFloat() >= hw / hb) continue;
        this.#decide(v, afterChurn, clock);
        baseline++;
      }
      if (hw > hb) {
        const extra = (hw - hb) / (1 - hb);
        for (let i = 0; i < this.#wonBackCount; i++) {
          const v = this.#wonBackList[i]!;
          if (role[v] !== Role.customer || this.#decidedMark[v] === clock) continue;
          if (wbGen.nextFloat() < extra) {
            this.#decide(v, afterChurn, clock);
            baseline++;
          }
        }
      }
      let marketed = 0;
      const mEvents = this.#marketingEvents;
      const mFrom = mEvents.all ? 0 : mEvents.monthStart[t - 1]!;
      const mTo = mEvents.all ? n : mEvents.monthStart[t]!;
      for (let e = mFrom; e < mTo; e++) {
        const v = mEvents.all ? e : mEvents.persons[e]!;
        if (role[v] !== Role.prospect || this.#decidedMark[v] === clock) continue;
        this.#decide(v, Role.customer, clock);
        marketed++;
      }

      // 6. Roles change at the end of the month.
      for (let i = 0; i < this.#changeCount; i++) {
        const v = this.#changePerson[i]!;
        const r = this.#changeRole[i]!;
        role[v] = r;
        if (r === Role.bystander) this.#leaveMarket(v);
      }
      churnedNow = direct + wom + baseline;
      const acquired = won + marketed;
      customers += acquired - churnedNow;
      prospects += (afterChurn === Role.prospect ? churnedNow : 0) - lost - acquired;
      lostTotal += lost;
      churnedTotal += churnedNow;

      out[c + M.customers] = customers;
      out[c + M.prospects] = prospects;
      out[c + M.acquired] = acquired;
      out[c + M.referrals] = won;
      out[c + M.churned] = churnedNow;
      out[c + M.churnRate] = customersBefore > 0 ? churnedNow / customersBefore : 0;
      out[c + M.baselineChurn] = baseline;
      out[c + M.directChurn] = direct;
      out[c + M.womChurn] = wom;
      out[c + M.lostProspects] = lostTotal;
      out[c + M.revenue] = monthlyMargin * customers;
      out[c + M.visibleLoss] = churnedTotal;
      out[c + M.invisibleLoss] = lostTotal;
      out[c + M.wonBack] = wonBack;

      if (warning === 0) {
        // With no problems, acquisitions ~ Binomial(P, m) and losses ~ Binomial(C, h),
        // independent given the stocks at the start of the month.
        const expected = m * prospectsBefore - hb * customersBefore;
        const variance = m * (1 - m) * prospectsBefore + hb * (1 - hb) * customersBefore;
        const net = acquired - churnedNow;
        if (variance > 0) {
          shortfall += (net - expected) / Math.sqrt(variance);
          informative++;
          if (shortfall <= -Math.sqrt((informative + rho) * (Math.log(1 + informative / rho) + evidence))) warning = t;
        } else if (net < expected) {
          // Nothing could move without problems, and customers were lost: conclusive.
          warning = t;
        }
      }
    }
    out[warningColumn(T, this.policies.length, p)] = warning;
  }

  /** Records that v takes role r at the end of this month. */
  #decide(v: number, r: number, clock: number): void {
    this.#decidedMark[v] = clock;
    this.#changePerson[this.#changeCount] = v;
    this.#changeRole[this.#changeCount++] = r;
  }

  /** v was won back: stays a customer, with the win-back's own retention from now on. */
  #markWonBack(v: number): void {
    if (this.#wonBack[v] === 1) return;
    this.#wonBack[v] = 1;
    this.#wonBackList[this.#wonBackCount++] = v;
  }

  #leaveMarket(v: number): void {
    const at = this.#marketPosition[v]!;
    if (at >= this.#marketCount || this.#market[at] !== v) return; // already out (a bystander before)
    const last = this.#market[--this.#marketCount]!;
    this.#market[at] = last;
    this.#marketPosition[last] = at;
  }

  /** v hears `count` stories of one valence this month (counts for the reaction only). */
  #hear(v: number, negative: boolean, count: number, clock: number): void {
    if (this.#heardMark[v] !== clock) {
      this.#heardMark[v] = clock;
      this.#heardNegative[v] = 0;
      this.#heardPositive[v] = 0;
      this.#heardList[this.#heardCount++] = v;
    }
    if (negative) this.#heardNegative[v]! += count;
    else this.#heardPositive[v]! += count;
  }

  /** Runs every telling due by this month (a delay of 0 adds tellings due this month). */
  #tell(base: number, clock: number): void {
    const o = this.scenario.spread!;
    const { offsets, neighbors, trust } = this.scenario.network;
    const q = this.#queue;
    const gen = this.#spreadGen;
    const useTrust = o.transmission === 'trust';
    const delay = this.params.retellDelayMonths;
    const memory = this.params.memoryMonths;
    const scratch = this.#arcScratch;
    while (q.size > 0 && q.when[q.head]! <= clock) {
      const i = q.head;
      const u = q.person[i]!;
      const h = q.hop[i]! + 1;
      const valence = q.valence[i]!;
      const s = q.intensity[i]!;
      const audience = q.audience[i]!;
      q.head = i + 1 === q.person.length ? 0 : i + 1;
      q.size--;
      const negative = valence === Story.negative;
      const told = negative ? 1 - (1 - s) * (1 - o.embellishment) : s;
      const base32 = (useTrust ? o.tellProbability * s : o.tellProbability) * TWO_32;
      const retell = h === 1 ? o.retellProbability : o.retellProbability * Math.pow(o.retellDecay, h - 1);
      const retellThreshold = retell * TWO_32;
      const known = negative ? this.#knownNegative : this.#knownPositive;
      const start = offsets[u]!;
      const end = offsets[u + 1]!;
      const degree = end - start;
      // A teller with an audience tells exactly that many neighbours (all, if fewer),
      // chosen uniformly by a partial Fisher–Yates shuffle; a listener passing it on
      // tells each neighbour with the tie's probability.
      const chosen = audience < 0 ? -1 : Math.min(audience, degree);
      if (chosen >= 0) for (let a = 0; a < degree; a++) scratch[a] = start + a;
      const trials = chosen >= 0 ? chosen : degree;
      for (let k = 0; k < trials; k++) {
        let a: number;
        if (chosen >= 0) {
          const pick = k + Math.floor((gen.nextUint32() / TWO_32) * (degree - k));
          a = scratch[pick]!;
          scratch[pick] = scratch[k]!;
        } else {
          a = start + k;
          if (gen.nextUint32() >= (useTrust ? base32 * trust[a]! : base32)) continue;
        }
        const v = neighbors[a]!;
        this.#hear(v, negative, 1, clock);
        // Someone who learned a story of this valence recently does not start retelling.
        const k0 = known[v]!;
        if (k0 > base && clock - k0 < memory) continue;
        known[v] = clock;
        if (gen.nextUint32() < retellThreshold) q.push(v, h, valence, told, -1, clock + delay);
      }
    }
  }
}
