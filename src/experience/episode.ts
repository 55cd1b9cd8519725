/**
 * One customer's episode: the problem, whether they complain and where, how the policy
 * handles it (first contact, hand-offs, the escalation ladder, waits, giving up), what it
 * costs, what they remember (peak-end), and what they do next (stay, talk).
 *
 * Every episode reads a fixed block of {@link EPISODE_UNIFORMS} uniforms, each with one
 * purpose, so that two policies run on the same block (common random numbers) differ
 * only where the policies differ.
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
/** Uniforms one episode reads. */
export const EPISODE_UNIFORMS = U_GIVE_UP + MAX_LEVELS;

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
  /** No level had the authority to grant the credit: the case ended unresolved at the top. */
  stuck = false;
  /** Money to the company: + fee billed, − refund, repair or credit. */
  cash = 0;
  /** Fees billed in this episode (count, for break-even analysis). */
  feesBilled = 0;
  handlingCost = 0;
  waitedDays = 0;
  problemPain = 0;
  peakPain = 0;
  endPain = 0;
  remembered = 0;
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
  out.stuck = false;
  out.cash = 0;
  out.feesBilled = 0;
  out.handlingCost = 0;
  out.waitedDays = 0;
  out.story = Story.none;
  out.intensity = 0;
  out.audience = 0;
  out.publicViewers = 0;

  const problem = incidents.severity === 'minor' ? pain.problem.minor : pain.problem.major;
  out.problemPain = problem;
  let peak = problem;
  let end = problem;
  const moment = (p: number) => {
    if (p > peak) peak = p;
    end = p;
  };

  // Complain at all? Accessibility turns a share of the would-be-silent into complainers.
  const p = complaints.probability;
  const uc = u[offset + U_COMPLAIN]!;
  if (uc < p) {
    out.complained = true;
  } else if (uc < p + policy.accessibility * (1 - p)) {
    out.complained = true;
    out.byAccessibility = true;
  } else if (u[offset + U_FOLLOW_UP]! < policy.followUpReach) {
    out.complained = true;
    out.byFollowUp = true;
  }

  if (out.complained) {
    const ch = u[offset + U_CHANNEL]!;
    const c = complaints.channels;
    out.channel = out.byFollowUp ? Channel.frontLine : ch < c.frontLine ? Channel.frontLine : ch < c.frontLine + c.headOffice ? Channel.headOffice : Channel.public;
    if (out.channel === Channel.public) {
      out.publicViewers = negativeBinomialInverse(u[offset + U_PUBLIC]!, complaints.publicAudience.mean, complaints.publicAudience.dispersion);
    }
    const ladder = policy.escalation;
    const top = ladder.length - 1;
    let level = out.channel === Channel.headOffice ? Math.min(1, top) : 0;
    out.topLevel = level;
    out.contacts = 1;
    out.handlingCost = ladder[level]!.handlingCost;
    moment(pain.contact);
    const decision = policy.decision;
    if (decision === 'refuse' || decision === 'refuse-with-fee' || decision === 'apology-only') {
      // The answer needs no authority: it comes from the level the complaint reached.
      out.waitedDays = ladder[level]!.delayDays;
      moment(waitPain(out.waitedDays, pain.waitScaleDays));
      out.category = Category.unresolved;
      if (decision === 'refuse-with-fee') {
        out.cash = policy.fee;
        out.feesBilled = 1;
      }
      moment(pain.outcome[decision]);
    } else {
      const amount = incidents.amount;
      const credit = decision === 'partial-credit' ? policy.credit : decision === 'goodwill' ? amount + policy.credit : amount;
      const costToCompany = decision === 'repair-or-replace' ? (policy.repairCost ?? amount) : credit;
      if (credit <= ladder[level]!.authorityLimit && u[offset + U_FIRST_CONTACT]! < policy.firstContactResolution) {
        out.category = Category.resolvedQuickly;
        out.cash = -costToCompany;
        moment(pain.outcome[decision]);
      } else {
        // Passed from agent to agent before anyone owns the case.
        for (let h = 0; h < policy.maxHandOffs && u[offset + U_HAND_OFF + h]! < policy.handOffProbability; h++) {
          out.handOffs++;
          out.contacts++;
          moment(Math.min(10, pain.contact + pain.perExtraContact * (out.contacts - 1)));
        }
        for (;;) {
          out.waitedDays += ladder[level]!.delayDays;
          moment(waitPain(out.waitedDays, pain.waitScaleDays));
          if (u[offset + U_GIVE_UP + level]! < ladder[level]!.giveUpProbability) {
            out.gaveUp = true;
            out.category = Category.unresolved;
            moment(pain.unresolved);
            break;
          }
          if (credit <= ladder[level]!.authorityLimit) {
            out.category = Category.resolved;
            out.cash = -costToCompany;
            moment(pain.outcome[decision]);
            break;
          }
          if (level === top) {
            out.stuck = true;
            out.category = Category.unresolved;
            moment(pain.unresolved);
            break;
          }
          level++;
          out.topLevel = level;
          out.contacts++;
          out.handlingCost += ladder[level]!.handlingCost;
          moment(Math.min(10, pain.contact + pain.perExtraContact * (out.contacts - 1)));
        }
      }
    }
  }

  out.peakPain = peak;
  out.endPain = end;
  out.remembered = (peak + end) / 2;
  const row = incidents.severity === 'minor' ? behaviour.repurchase.minor : behaviour.repurchase.major;
  const stay =
    out.category === Category.silent
      ? row.silent
      : out.category === Category.unresolved
        ? row.unresolved
        : out.category === Category.resolved
          ? row.resolved
          : row.resolvedQuickly;
  out.stays = u[offset + U_STAY]! < stay;

  const ut = u[offset + U_TALK]!;
  if (out.remembered >= behaviour.negativeFrom) {
    if (ut < behaviour.negativeTalkProbability) {
      out.story = Story.negative;
      out.intensity = out.remembered / 10;
      out.audience = negativeBinomialInverse(u[offset + U_AUDIENCE]!, behaviour.audience.negative.mean, behaviour.audience.negative.dispersion);
    }
  } else if (out.remembered <= behaviour.positiveUpTo) {
    if (ut < behaviour.positiveTalkProbability) {
      out.story = Story.positive;
      out.intensity = 1 - out.remembered / 10;
      out.audience = negativeBinomialInverse(u[offset + U_AUDIENCE]!, behaviour.audience.positive.mean, behaviour.audience.positive.dispersion);
    }
  }
}
