/**
 * How a company handles a complaint, and the other levers it has: the decision, first
 * contact resolution, delays, hand-offs, an escalation ladder with authority limits, how
 * easy it is to complain, proactive follow-up, and its answer to public complaints.
 * Money is in one currency unit throughout (the examples use Danish kroner, kr).
 */
import { InvalidParameterError } from '../errors.js';
import {
  rejectUnknownKeys,
  requireNumberIn,
  requireObject,
  requireOneOf,
  requireProbability,
} from '../validate.js';

export type Decision =
  | 'full-refund'
  | 'repair-or-replace'
  | 'partial-credit'
  | 'refuse'
  | 'refuse-with-fee'
  | 'apology-only'
  | 'goodwill';
export const DECISIONS: readonly Decision[] = [
  'full-refund',
  'repair-or-replace',
  'partial-credit',
  'refuse',
  'refuse-with-fee',
  'apology-only',
  'goodwill',
];

/** How the company answers a complaint made in public (review site, social media). */
export type PublicAnswer = 'answer-well' | 'answer-badly' | 'ignore' | 'delete';
export const PUBLIC_ANSWERS: readonly PublicAnswer[] = ['answer-well', 'answer-badly', 'ignore', 'delete'];

/** One rung of the escalation ladder. Level 0 is the front line. */
export interface EscalationLevel {
  readonly name: string;
  /** The largest credit (money granted to the customer) this level may give without passing the case up. */
  readonly authorityLimit: number;
  /** Days the customer waits at this level before it acts. */
  readonly delayDays: number;
  /** What handling one case at this level costs the company. */
  readonly handlingCost: number;
  /** The chance the customer gives up while waiting at this level (the case then ends unresolved). */
  readonly giveUpProbability: number;
}

export interface PolicySpec {
  readonly name: string;
  readonly decision: Decision;
  /** refuse-with-fee: the fee billed (e.g. an inspection fee). */
  readonly fee?: number;
  /** partial-credit and goodwill: the credit granted. */
  readonly credit?: number;
  /** repair-or-replace: what the repair costs the company (default: the amount at stake). */
  readonly repairCost?: number;
  /** Chance the front line settles the case at the first contact, when it has the authority. Default 0.7 [Q]: call-centre average (SQM Group). */
  readonly firstContactResolution?: number;
  /** Chance each contact ends with the customer passed to another agent (one more contact). Default 0.2 [A]. */
  readonly handOffProbability?: number;
  /** At most this many hand-offs. Default 3 [A]. */
  readonly maxHandOffs?: number;
  /** The escalation ladder, front line first. Default: a front line that may grant 1,000 and settles in 2 days [A]. */
  readonly escalation?: readonly EscalationLevel[];
  /** Share of would-be-silent unhappy customers who complain because complaining is made easy, in [0, 1]. Default 0. */
  readonly accessibility?: number;
  /** What making complaining easy costs per incident (a free line, a web form, staff). Default 0. */
  readonly accessibilityCost?: number;
  /** Proactive follow-up: share of silent unhappy customers it reaches (they then complain and are handled). Default 0. */
  readonly followUpReach?: number;
  /** Cost per follow-up contact; one contact per incident. Default 0. */
  readonly followUpCostPerContact?: number;
  /** The answer to a public complaint, seen by its onlookers. Default `ignore`. */
  readonly publicAnswer?: PublicAnswer;
  /** What one public answer costs. Default 0. */
  readonly publicAnswerCost?: number;
}

export interface ResolvedPolicy {
  readonly name: string;
  readonly decision: Decision;
  readonly fee: number;
  readonly credit: number;
  readonly repairCost: number | null;
  readonly firstContactResolution: number;
  readonly handOffProbability: number;
  readonly maxHandOffs: number;
  readonly escalation: readonly EscalationLevel[];
  readonly accessibility: number;
  readonly accessibilityCost: number;
  readonly followUpReach: number;
  readonly followUpCostPerContact: number;
  readonly publicAnswer: PublicAnswer;
  readonly publicAnswerCost: number;
}

/** Ladders have at most this many levels, and a case at most MAX_HAND_OFFS hand-offs (at the level it starts on). */
export const MAX_LEVELS = 10;
export const MAX_HAND_OFFS = 20;

export const DEFAULT_LADDER: readonly EscalationLevel[] = Object.freeze([
  Object.freeze({ name: 'front line', authorityLimit: 1000, delayDays: 2, handlingCost: 50, giveUpProbability: 0.05 }),
]);

export const POLICY_DEFAULTS = Object.freeze({
  firstContactResolution: 0.7,
  handOffProbability: 0.2,
  maxHandOffs: 3,
  accessibility: 0,
  accessibilityCost: 0,
  followUpReach: 0,
  followUpCostPerContact: 0,
  publicAnswer: 'ignore' as PublicAnswer,
  publicAnswerCost: 0,
});

const KEYS = [
  'name',
  'decision',
  'fee',
  'credit',
  'repairCost',
  'firstContactResolution',
  'handOffProbability',
  'maxHandOffs',
  'escalation',
  'accessibility',
  'accessibilityCost',
  'followUpReach',
  'followUpCostPerContact',
  'publicAnswer',
  'publicAnswerCost',
];

const money = (field: string, value: unknown) => requireNumberIn(field, value, 0, Infinity);

/** Validates a policy once, filling in the defaults. */
export function resolvePolicy(spec: PolicySpec, field = 'policy'): ResolvedPolicy {
  requireObject(field, spec);
  rejectUnknownKeys(field, spec, KEYS);
  if (typeof spec.name !== 'string' || spec.name.length === 0) {
    throw new InvalidParameterError(`${field}.name`, 'a non-empty name', spec.name);
  }
  const decision = requireOneOf(`${field}.decision`, spec.decision, DECISIONS);
  const needs = (key: 'fee' | 'credit', when: Decision[]) => {
    if (when.includes(decision)) {
      if (spec[key] === undefined) throw new InvalidParameterError(`${field}.${key}`, `an amount ≥ 0 (decision "${decision}" needs one)`, undefined);
      return money(`${field}.${key}`, spec[key]);
    }
    if (spec[key] !== undefined) {
      throw new InvalidParameterError(`${field}.${key}`, `no ${key} (decision "${decision}" has none)`, spec[key]);
    }
    return 0;
  };
  const fee = needs('fee', ['refuse-with-fee']);
  const credit = needs('credit', ['partial-credit', 'goodwill']);
  let repairCost: number | null = null;
  if (spec.repairCost !== undefined) {
    if (decision !== 'repair-or-replace') {
      throw new InvalidParameterError(`${field}.repairCost`, 'no repair cost (only decision "repair-or-replace" has one)', spec.repairCost);
    }
    repairCost = money(`${field}.repairCost`, spec.repairCost);
  }
  const ladder = spec.escalation ?? DEFAULT_LADDER;
  if (!Array.isArray(ladder) || ladder.length === 0 || ladder.length > MAX_LEVELS) {
    throw new InvalidParameterError(`${field}.escalation`, `a list of 1 to ${MAX_LEVELS} levels, front line first`, ladder);
  }
  const escalation = ladder.map((level: EscalationLevel, i: number) => {
    const f = `${field}.escalation[${i}]`;
    requireObject(f, level);
    rejectUnknownKeys(f, level, ['name', 'authorityLimit', 'delayDays', 'handlingCost', 'giveUpProbability']);
    if (typeof level.name !== 'string' || level.name.length === 0) throw new InvalidParameterError(`${f}.name`, 'a non-empty name', level.name);
    return Object.freeze({
      name: level.name,
      authorityLimit: requireNumberIn(`${f}.authorityLimit`, level.authorityLimit, 0, Infinity),
      delayDays: requireNumberIn(`${f}.delayDays`, level.delayDays, 0, 3650),
      handlingCost: money(`${f}.handlingCost`, level.handlingCost),
      giveUpProbability: requireProbability(`${f}.giveUpProbability`, level.giveUpProbability),
    });
  });
  for (let i = 1; i < escalation.length; i++) {
    if (escalation[i]!.authorityLimit < escalation[i - 1]!.authorityLimit) {
      throw new InvalidParameterError(
        `${field}.escalation[${i}].authorityLimit`,
        `an authority at least that of the level below ("${escalation[i - 1]!.name}", ${escalation[i - 1]!.authorityLimit}): authority grows up the ladder`,
        escalation[i]!.authorityLimit,
      );
    }
  }
  const o = { ...POLICY_DEFAULTS, ...Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) } as Record<string, unknown>;
  const maxHandOffs = o.maxHandOffs;
  if (typeof maxHandOffs !== 'number' || !Number.isInteger(maxHandOffs) || maxHandOffs < 0 || maxHandOffs > MAX_HAND_OFFS) {
    throw new InvalidParameterError(`${field}.maxHandOffs`, `an integer between 0 and ${MAX_HAND_OFFS}`, maxHandOffs);
  }
  return Object.freeze({
    name: spec.name,
    decision,
    fee,
    credit,
    repairCost,
    firstContactResolution: requireProbability(`${field}.firstContactResolution`, o.firstContactResolution),
    handOffProbability: requireProbability(`${field}.handOffProbability`, o.handOffProbability),
    maxHandOffs,
    escalation: Object.freeze(escalation),
    accessibility: requireProbability(`${field}.accessibility`, o.accessibility),
    accessibilityCost: money(`${field}.accessibilityCost`, o.accessibilityCost),
    followUpReach: requireProbability(`${field}.followUpReach`, o.followUpReach),
    followUpCostPerContact: money(`${field}.followUpCostPerContact`, o.followUpCostPerContact),
    publicAnswer: requireOneOf(`${field}.publicAnswer`, o.publicAnswer, PUBLIC_ANSWERS),
    publicAnswerCost: money(`${field}.publicAnswerCost`, o.publicAnswerCost),
  });
}

/** Validates a list of policies for a comparison: at least one, each valid, names distinct. */
export function resolvePolicies(policies: readonly PolicySpec[]): ResolvedPolicy[] {
  if (!Array.isArray(policies) || policies.length === 0) {
    throw new InvalidParameterError('policies', 'a non-empty list of policies', policies);
  }
  const resolved = policies.map((p, i) => resolvePolicy(p, `policies[${i}]`));
  const seen = new Set<string>();
  resolved.forEach((p, i) => {
    if (seen.has(p.name)) throw new InvalidParameterError(`policies[${i}].name`, 'a name no other policy has', p.name);
    seen.add(p.name);
  });
  return resolved;
}
