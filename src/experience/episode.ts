/**
 * One customer's episode: the problem, whether they complain and where, how the policy
 * handles it (first contact, hand-offs, the escalation ladder, waits, giving up, follow-up
 * calls), what it costs, what they remember (peak-end), and what they do next (stay, talk,
 * with which valence) — docs/model.md states every formula and its neutral setting.
 *
 * Every episode reads a fixed block of {@link EPISODE_UNIFORMS} uniforms, each with one
 * purpose, so that two policies run on the same block (common random numbers) differ
 * only where the policies differ. The first {@link EPISODE_BASE_UNIFORMS} are the block
 * of the model before the reactions of issue 12; the later ones are drawn after every
 * episode's base block (see PolicyKernel), so that with every new lever at its neutral
 * setting the numbers are exactly those of that model.
 *
 * Allocation-free: runEpisode is called once per incident and creates no object or closure.
 */
import { negativeBinomialInverse } from './audience.js';
import type { ResolvedBehaviour } from './behaviour.js';
import type { ResolvedComplaints } from './complaints.js';
import type { ResolvedIncidents } from './incidents.js';
import { MAX_HAND_OFFS, MAX_LEVELS, type ResolvedPolicy } from './policy.js';

const U_COMPLAIN = 0;
const U_FOLLOW_UP = 1;
const U_CHANNEL = 2;
const U_FIRST_CONTACT = 3;
const U_STAY = 4;
const U_TALK = 5;
const U_AUDIENCE = 6;
const U_PUBLIC = 7;
const U_HAND_OFF = 8;
const U_GIVE_UP = U_HAND_OFF + MAX_HAND_OFFS;
/** Uniforms of the base block (the model before issue 12's reactions). */
export const EPISODE_BASE_UNIFORMS = U_GIVE_UP + MAX_LEVELS;
/** Whether the follow-up calls to complainers reach this customer. */
const U_FOLLOW_UP_COMPLAINER = EPISODE_BASE_UNIFORMS;
/** Uniforms one episode reads: the base block, then the later ones. */
export const EPISODE_UNIFORMS = U_FOLLOW_UP_COMPLAINER + 1;

export const Channel = { none: 0, frontLine: 1, headOffice: 2, public: 3 } as const;
export const Category = { silent: 0, unresolved: 1, resolved: 2, resolvedQuickly: 3 } as const;
export const Story = { none: 0, negative: 1, positive: 2 } as const;

/** The outcome of one episode; reused between episodes (no allocation). */
export class EpisodeOutcome {
  /** The customer voiced the complaint (on their own, made easy, or asked in a follow-up). */
  complained = false;
  /** Would have stayed silent, but complaining was made easy (accessibility). */
  byAccessibility = false;
  /** Would have stayed silent, but a proactive follow-up reached them. */
  byFollowUp = false;
  channel: number = Channel.none;
  category: number = Category.silent;
  contacts = 0;
  handOffs = 0;
  /** Highest rung of the ladder the case reached (−1 when there was no complaint). */
  topLevel = -1;
  gaveUp = false;
  /** Would have given up, but the follow-up calls to complainers kept them on board. */
  keptByFollowUp = false;
  /** No level had the authority to grant the credit: the case ended unresolved at the top. */
  stuck = false;
  /** Follow-up calls made to this customer: one to surface a silent complaint, one to a complainer (0–2). */
  followUpCalls = 0;
  /** A follow-up call to this complainer was made (it costs), whether or not it reached them. */
  complainerCall = false;
  /** Money to the company: + fee billed, − refund, repair or credit. */
  cash = 0;
  /** Fees billed in this episode (count, for break-even analysis). */
  feesBilled = 0;
  handlingCost = 0;
  waitedDays = 0;
  /** Waiting days as felt: fewer with tracking. */
  feltDays = 0;
  problemPain = 0;
  peakPain = 0;
  /** The worst moment of the handling (contacts, waits, end), the problem left out; 0 without a complaint. */
  handlingPeak = 0;
  endPain = 0;
  remembered = 0;
  /** How the recovery is judged: (worst moment of the handling + end) / 2; the problem's pain for a silent customer. */
  judgement = 0;
  stays = false;
  story: number = Story.none;
  intensity = 0;
  audience = 0;
  /** People who see the complaint when it was made in public. */
  publicViewers = 0;
}

function waitPain(days: number, scale: number): number {
  return 10 * (1 - Math.exp(-days / scale));
}

/** A moment of the handling: it may be the worst, and it is the last so far. */
function moment(out: EpisodeOutcome, pain: number): void {
  if (pain > out.peakPain) out.peakPain = pain;
  if (pain > out.handlingPeak) out.handlingPeak = pain;
  out.endPain = pain;
}

/**
 * The end of a resolution: the decision's pain; for goodwill, between a plain refund's
 * pain and goodwill's by the gesture relative to the amount at stake (compensationScale).
 */
function resolutionEnd(policy: ResolvedPolicy, amount: number, behaviour: ResolvedBehaviour): number {
  const outcome = behaviour.pain.outcome;
  if (policy.decision !== 'goodwill' || behaviour.compensationScale === 0) return outcome[policy.decision];
  const share = policy.credit === 0 ? 0 : Math.min(1, policy.credit / amount / behaviour.compensationScale);
  return outcome['full-refund'] + (outcome.goodwill - outcome['full-refund']) * share;
}

/**
 * Runs one episode. `u` holds at least {@link EPISODE_UNIFORMS} uniforms on [0, 1)
 * starting at `offset`.
 */
export function runEpisode(
  policy: ResolvedPolicy,
  incidents: ResolvedIncidents,
  complaints: ResolvedComplaints,
  behaviour: ResolvedBehaviour,
  u: Float64Array,
  offset: number,
  out: EpisodeOutcome,
): void {
  const pain = behaviour.pain;
  out.complained = false;
  out.byAccessibility = false;
  out.byFollowUp = false;
  out.channel = Channel.none;
  out.category = Category.silent;
  out.contacts = 0;
  out.handOffs = 0;
  out.topLevel = -1;
  out.gaveUp = false;
  out.keptByFollowUp = false;
  out.stuck = false;
  out.followUpCalls = 0;
  out.complainerCall = false;
  out.cash = 0;
  out.feesBilled = 0;
  out.handlingCost = 0;
  out.waitedDays = 0;
  out.feltDays = 0;
  out.story = Story.none;
  out.intensity = 0;
  out.audience = 0;
  out.publicViewers = 0;

  const problem = incidents.severity === 'minor' ? pain.problem.minor : pain.problem.major;
  out.problemPain = problem;
  out.peakPain = problem;
  out.handlingPeak = 0;
  out.endPain = problem;
  // Money taken (a fee) relative to the amount at stake scales the chance of buying again,
  // the gap between the end's pain and 10 and the chance of keeping a negative story to
  // oneself by (1 − moneyTaken)^(fee / amount).
  let taken = 1;

  // Complain at all? Accessibility turns a share of the would-be-silent into complainers;
  // a follow-up call to every customer with the problem surfaces a share of the rest.
  const target = policy.followUpTarget;
  const callsSilent = policy.followUpReach > 0 && target !== 'complainers';
  const callsComplainers = policy.followUpReach > 0 && target !== 'silent';
  if (callsSilent) out.followUpCalls = 1;
  const p = complaints.probability;
  const uc = u[offset + U_COMPLAIN]!;
  if (uc < p) {
    out.complained = true;
  } else if (uc < p + policy.accessibility * (1 - p)) {
    out.complained = true;
    out.byAccessibility = true;
  } else if (target !== 'complainers' && u[offset + U_FOLLOW_UP]! < policy.followUpReach) {
    out.complained = true;
    out.byFollowUp = true;
  }

  if (out.complained) {
    // Reached by the follow-up calls to complainers (a complainer is called whatever happens).
    const reached = callsComplainers && u[offset + U_FOLLOW_UP_COMPLAINER]! < policy.followUpReach;
    if (callsComplainers) {
      out.complainerCall = true;
      out.followUpCalls++;
    }
    // With tracking, a share of the waiting is not felt (in pain and in giving up).
    const felt = policy.tracking ? 1 - behaviour.trackingRelief : 1;
    const ch = u[offset + U_CHANNEL]!;
    const c = complaints.channels;
    out.channel = out.byFollowUp ? Channel.frontLine : ch < c.frontLine ? Channel.frontLine : ch < c.frontLine + c.headOffice ? Channel.headOffice : Channel.public;
    if (out.channel === Channel.public) {
      out.publicViewers = negativeBinomialInverse(u[offset + U_PUBLIC]!, complaints.publicAudience.mean, complaints.publicAudience.dispersion);
    }
    const ladder = policy.escalation;
    const top = ladder.length - 1;
    let level = out.channel === Channel.headOffice ? Math.min(1, top) : 0;
    const start = level;
    out.topLevel = level;
    out.contacts = 1;
    out.handlingCost = ladder[level]!.handlingCost;
    moment(out, pain.contact);
    const decision = policy.decision;
    if (decision === 'refuse' || decision === 'refuse-with-fee' || decision === 'apology-only') {
      // The answer needs no authority: it comes from the level the complaint reached.
      out.waitedDays = ladder[level]!.delayDays;
      out.feltDays = out.waitedDays * felt;
      moment(out, waitPain(out.feltDays, pain.waitScaleDays));
      out.category = Category.unresolved;
      let end = pain.outcome[decision];
      if (decision === 'refuse-with-fee') {
        out.cash = policy.fee;
        out.feesBilled = 1;
        if (behaviour.moneyTaken > 0 && policy.fee > 0) {
          taken = Math.pow(1 - behaviour.moneyTaken, policy.fee / incidents.amount);
          end = 10 - (10 - end) * taken;
        }
      }
      moment(out, end);
    } else {
      const amount = incidents.amount;
      const credit = decision === 'partial-credit' ? policy.credit : decision === 'goodwill' ? amount + policy.credit : amount;
      const costToCompany = decision === 'repair-or-replace' ? (policy.repairCost ?? amount) : credit;
      if (credit <= ladder[level]!.authorityLimit && u[offset + U_FIRST_CONTACT]! < policy.firstContactResolution) {
        out.category = Category.resolvedQuickly;
        out.cash = -costToCompany;
        moment(out, resolutionEnd(policy, amount, behaviour));
      } else {
        // Passed from agent to agent before anyone owns the case.
        for (let h = 0; h < policy.maxHandOffs && u[offset + U_HAND_OFF + h]! < policy.handOffProbability; h++) {
          out.handOffs++;
          out.contacts++;
          moment(out, Math.min(10, pain.contact + pain.perExtraContact * (out.contacts - 1)));
        }
        const perHandOff = behaviour.giveUpPerHandOff;
        const perDay = behaviour.giveUpPerDay;
        for (;;) {
          const delay = ladder[level]!.delayDays;
          out.waitedDays += delay;
          out.feltDays += delay * felt;
          moment(out, waitPain(out.feltDays, pain.waitScaleDays));
          // The level's chance of giving up, raised by the hand-offs at this level and the
          // days felt here: 1 − (1 − g)(1 − perHandOff)^handOffs (1 − perDay)^days.
          let giveUp = ladder[level]!.giveUpProbability;
          if (perHandOff > 0 || perDay > 0) {
            const handOffsHere = level === start ? out.handOffs : 0;
            giveUp = 1 - (1 - giveUp) * Math.pow(1 - perHandOff, handOffsHere) * Math.pow(1 - perDay, delay * felt);
          }
          if (u[offset + U_GIVE_UP + level]! < giveUp) {
            if (reached) {
              out.keptByFollowUp = true;
            } else {
              out.gaveUp = true;
              out.category = Category.unresolved;
              moment(out, pain.unresolved);
              break;
            }
          }
          if (credit <= ladder[level]!.authorityLimit) {
            out.category = Category.resolved;
            out.cash = -costToCompany;
            moment(out, resolutionEnd(policy, amount, behaviour));
            break;
          }
          if (level === top) {
            out.stuck = true;
            out.category = Category.unresolved;
            moment(out, pain.unresolved);
            break;
          }
          level++;
          out.topLevel = level;
          out.contacts++;
          out.handlingCost += ladder[level]!.handlingCost;
          moment(out, Math.min(10, pain.contact + pain.perExtraContact * (out.contacts - 1)));
        }
      }
    }
    // The call after the case is its last moment: the end, softened (peak-end).
    if (reached && pain.followUpRelief > 0) moment(out, out.endPain * (1 - pain.followUpRelief));
  }

  const peak = out.peakPain;
  const end = out.endPain;
  out.remembered = (peak + end) / 2;
  out.judgement = out.complained ? (out.handlingPeak + end) / 2 : problem;
  const row = incidents.severity === 'minor' ? behaviour.repurchase.minor : behaviour.repurchase.major;
  const stay =
    out.category === Category.silent
      ? row.silent
      : out.category === Category.unresolved
        ? row.unresolved
        : out.category === Category.resolved
          ? row.resolved
          : row.resolvedQuickly;
  out.stays = u[offset + U_STAY]! < (taken === 1 ? stay : stay * taken);

  // Valence: by the recovery (a silent customer's story is negative), or by the
  // remembered pain of the whole episode (the neutral setting).
  const byRecovery = behaviour.valence === 'recovery';
  const judged = byRecovery ? out.judgement : out.remembered;
  const negative = byRecovery && !out.complained ? true : judged >= behaviour.negativeFrom;
  const ut = u[offset + U_TALK]!;
  if (negative) {
    // Money taken makes keeping quiet less likely too: 1 − (1 − p)·(1 − moneyTaken)^(fee / amount).
    const talk = taken === 1 ? behaviour.negativeTalkProbability : 1 - (1 - behaviour.negativeTalkProbability) * taken;
    if (ut < talk) {
      out.story = Story.negative;
      out.intensity = out.remembered / 10;
      out.audience = negativeBinomialInverse(u[offset + U_AUDIENCE]!, behaviour.audience.negative.mean, behaviour.audience.negative.dispersion);
    }
  } else if (judged <= behaviour.positiveUpTo) {
    if (ut < behaviour.positiveTalkProbability) {
      out.story = Story.positive;
      out.intensity = 1 - out.remembered / 10;
      out.audience = negativeBinomialInverse(u[offset + U_AUDIENCE]!, behaviour.audience.positive.mean, behaviour.audience.positive.dispersion);
    }
  }
}
