/**
 * How a company handles a complaint, and the other levers it has: the decision, first
 * contact resolution, delays, hand-offs, an escalation ladder with authority limits, how
 * easy it is to complain, proactive follow-up, and its answer to public complaints.
 * Money is in one currency unit throughout (the examples use Danish kroner, kr).
 *
 * Declared once here: the library's policies and the scenario file's `policies` list are
 * checked against the same schema, rules across fields included.
 */
import { z } from 'zod';
import { InvalidParameterError } from '../errors.js';
import { winBackSchema } from '../economics/win-back.js';
import { addProblem, count, days, describe, money, parseParameters, probability, text, whenValid } from '../parameters/index.js';

export type Decision = 'full-refund' | 'repair-or-replace' | 'partial-credit' | 'refuse' | 'refuse-with-fee' | 'apology-only' | 'goodwill';
export const DECISIONS: readonly Decision[] = ['full-refund', 'repair-or-replace', 'partial-credit', 'refuse', 'refuse-with-fee', 'apology-only', 'goodwill'];

/** How the company answers a complaint made in public (review site, social media). */
export type PublicAnswer = 'answer-well' | 'answer-badly' | 'ignore' | 'delete';
export const PUBLIC_ANSWERS: readonly PublicAnswer[] = ['answer-well', 'answer-badly', 'ignore', 'delete'];

/** Whom proactive follow-up calls go to (seed 004 calls the complainers too). */
export type FollowUpTarget = 'silent' | 'complainers' | 'both';
export const FOLLOW_UP_TARGETS: readonly FollowUpTarget[] = ['silent', 'complainers', 'both'];

/** Ladders have at most this many levels, and a case at most MAX_HAND_OFFS hand-offs (at the level it starts on). */
export const MAX_LEVELS = 10;
export const MAX_HAND_OFFS = 20;

export const escalationLevelSchema = z.strictObject({
  name: text({ description: 'who handles the case at this rung (front line, sales manager, director, board)' }),
  authorityLimit: money({ description: 'the largest credit this level may grant without passing the case up' }),
  delayDays: days({ description: 'days the customer waits at this level before it acts' }),
  handlingCost: money({ description: 'what handling one case at this level costs' }),
  giveUpProbability: probability({ description: 'chance the customer gives up while waiting here (the case then ends unresolved)' }),
});
export type EscalationLevel = z.output<typeof escalationLevelSchema>;

export const DEFAULT_LADDER: readonly EscalationLevel[] = Object.freeze([
  Object.freeze({ name: 'front line', authorityLimit: 1000, delayDays: 2, handlingCost: 50, giveUpProbability: 0.05 }),
]);

const ladderSchema = z
  .array(describe(escalationLevelSchema, { description: 'one rung of the ladder' }))
  .min(1)
  .max(MAX_LEVELS)
  .superRefine((ladder, ctx) => {
    for (let i = 1; i < ladder.length; i++) {
      const below = ladder[i - 1]!;
      if (ladder[i]!.authorityLimit < below.authorityLimit) {
        addProblem(ctx, [i, 'authorityLimit'], `an authority at least that of the level below ("${below.name}", ${below.authorityLimit}): authority grows up the ladder`, ladder[i]!.authorityLimit);
      }
    }
  });

/** Which decisions carry which amount. */
const AMOUNT_OF: Readonly<Record<'fee' | 'credit' | 'repairCost', readonly Decision[]>> = {
  fee: ['refuse-with-fee'],
  credit: ['partial-credit', 'goodwill'],
  repairCost: ['repair-or-replace'],
};

export const policySchema = z
  .strictObject({
    name: text({ description: 'the policy, as it will be named in the report' }),
    description: describe(z.string(), { description: 'one sentence on what the policy does, for the report' }).optional(),
    decision: describe(z.enum(DECISIONS as [Decision, ...Decision[]]), { description: 'what the company decides on a complaint' }),
    fee: money({ description: 'refuse-with-fee: the fee billed (e.g. an inspection fee)', label: 'Fee' }).optional(),
    credit: money({ description: 'partial-credit: the credit; goodwill: the gesture on top of the refund', label: 'Credit' }).optional(),
    repairCost: money({ description: 'repair-or-replace: what the repair costs the company', label: 'Repair cost', defaultText: 'the amount at stake' }).optional(),
    firstContactResolution: probability({
      description: 'chance the front line settles a case at the first contact when it has the authority',
      label: 'First-contact resolution',
      source: '[Q] call-centre average ~70% (SQM Group)',
    }).default(0.7),
    handOffProbability: probability({ description: 'chance each contact passes the customer to another agent', label: 'Chance of a hand-off', source: '[A]' }).default(0.2),
    maxHandOffs: count({ description: 'at most this many hand-offs', source: '[A]' }, 0, MAX_HAND_OFFS).default(3),
    escalation: describe(ladderSchema, {
      description: 'the escalation ladder, front line first; authority must not decrease',
      source: '[A] a front line granting up to 1000 in 2 days',
    }).default(DEFAULT_LADDER as EscalationLevel[]),
    accessibility: probability({ description: 'share of would-be-silent unhappy customers who complain because complaining is made easy', source: '[A]' }).default(0),
    accessibilityCost: money({ description: 'cost of making complaining easy, per incident' }).default(0),
    tracking: describe(z.boolean(), {
      description: 'the customer can follow the case (a tracking page, progress messages): waiting is felt less (behaviour.trackingRelief)',
      label: 'Tracking',
    }).default(false),
    followUpTarget: describe(z.enum(FOLLOW_UP_TARGETS as [FollowUpTarget, ...FollowUpTarget[]]), {
      description:
        'whom follow-up calls go to: "silent" — every customer with the problem is called, and a silent one the call reaches voices the complaint; "complainers" — every complainer is called while the case runs and after it closes: reached, they do not give up, and the call is the last moment (behaviour.pain.followUpRelief); "both"',
    }).default('silent'),
    followUpReach: probability({ description: 'share of the customers called whom the follow-up call reaches' }).default(0),
    followUpCostPerContact: money({ description: 'cost of one follow-up call (with reach > 0: one per incident for silent, one per complainer for complainers)' }).default(0),
    publicAnswer: describe(z.enum(PUBLIC_ANSWERS as [PublicAnswer, ...PublicAnswer[]]), { description: 'the answer to a public complaint, seen by its onlookers' }).default('ignore'),
    publicAnswerCost: money({ description: 'cost of one public answer (charged only for complaints answered)' }).default(0),
    winBack: describe(winBackSchema.nullable(), { description: "this policy's own win-back offer (null: none), instead of economics.winBack", defaultText: 'economics.winBack' }).optional(),
  })
  .superRefine(
    (p, ctx) => {
      for (const key of ['fee', 'credit', 'repairCost'] as const) {
        const allowed = AMOUNT_OF[key];
        if (allowed.includes(p.decision)) {
          if (p[key] === undefined && key !== 'repairCost') addProblem(ctx, [key], `an amount ≥ 0 (decision "${p.decision}" needs one)`, undefined);
        } else if (p[key] !== undefined) {
          addProblem(ctx, [key], `no ${key === 'repairCost' ? 'repair cost' : key} (only decision ${allowed.map((d) => `"${d}"`).join(' or ')} has one; this policy's is "${p.decision}")`, p[key]);
        }
      }
    },
    whenValid('decision', 'fee', 'credit', 'repairCost'),
  );

/** A policy as given (optional fields may be left out). */
export type PolicySpec = z.input<typeof policySchema>;

/** Two names are the same policy when they differ only by spaces or case. */
export function policyKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A list of policies to compare: at least one, at most 20, names distinct. */
export const policiesSchema = describe(
  z
    .array(describe(policySchema, { description: 'one policy' }))
    .min(1)
    .max(20)
    .superRefine(
      (policies, ctx) => {
        const seen = new Map<string, number>();
        policies.forEach((p, i) => {
          const key = policyKey(p.name);
          const first = seen.get(key);
          if (first !== undefined) addProblem(ctx, [i, 'name'], `a name no other policy has (policy ${first + 1} is "${policies[first]!.name}")`, p.name);
          else seen.set(key, i);
        });
      },
      { when: (payload) => Array.isArray(payload.value) && (payload.value as unknown[]).every((p) => typeof (p as { name?: unknown })?.name === 'string') },
    ),
  { description: 'the complaint policies to compare (names must differ)' },
);

export interface ResolvedPolicy {
  readonly name: string;
  readonly decision: Decision;
  /** The fee billed (0 unless refuse-with-fee). */
  readonly fee: number;
  /** The credit granted (0 unless partial-credit or goodwill). */
  readonly credit: number;
  /** What a repair costs the company; null: the amount at stake. */
  readonly repairCost: number | null;
  readonly firstContactResolution: number;
  readonly handOffProbability: number;
  readonly maxHandOffs: number;
  readonly escalation: readonly EscalationLevel[];
  readonly accessibility: number;
  readonly accessibilityCost: number;
  readonly tracking: boolean;
  readonly followUpTarget: FollowUpTarget;
  readonly followUpReach: number;
  readonly followUpCostPerContact: number;
  readonly publicAnswer: PublicAnswer;
  readonly publicAnswerCost: number;
  /** This policy's own win-back offer (null: none); undefined: the scenario's (economics.winBack). */
  readonly winBack?: Readonly<z.output<typeof winBackSchema>> | null;
}

function freezePolicy(p: z.output<typeof policySchema>): ResolvedPolicy {
  const { description: _d, fee, credit, repairCost, escalation, winBack, ...rest } = p;
  void _d;
  return Object.freeze({
    ...rest,
    ...(winBack === undefined ? {} : { winBack: winBack === null ? null : Object.freeze({ ...winBack }) }),
    fee: fee ?? 0,
    credit: credit ?? 0,
    repairCost: repairCost ?? null,
    escalation: Object.freeze(escalation.map((level) => Object.freeze({ ...level }))),
  });
}

/** Validates a policy once, filling in the defaults. */
export function resolvePolicy(spec: PolicySpec, field = 'policy'): ResolvedPolicy {
  return freezePolicy(parseParameters(policySchema, spec, field));
}

/** Validates a list of policies for a comparison: at least one, each valid, names distinct. */
export function resolvePolicies(policies: readonly PolicySpec[], field = 'policies'): ResolvedPolicy[] {
  if (!Array.isArray(policies)) throw new InvalidParameterError(field, 'a non-empty list of policies', policies);
  return parseParameters(policiesSchema, policies, field).map(freezePolicy);
}

/** Something valid but worth a second look, with its path (`policies[0].fee`). */
export interface ParameterWarning {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

const amountText = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * Warnings about policies that are valid but probably not meant: a fee, a credit or a
 * goodwill gesture larger than the amount at stake (the customer pays more than the
 * problem was worth, or is given more than they asked for). Pure: paths are relative to
 * `field`'s list (`['policies', 0, 'fee']` with the default field).
 *
 * @example
 * policyWarnings([{ name: 'fee', decision: 'refuse-with-fee', fee: 5000 }], 600);
 * // [{ path: ['policies', 0, 'fee'], message: 'a fee of 5,000 is 8.33 times the amount at stake (600) …' }]
 */
export function policyWarnings(
  policies: ReadonlyArray<{ readonly decision: string; readonly fee?: number | undefined; readonly credit?: number | undefined }>,
  amount: number,
  field: ReadonlyArray<string | number> = ['policies'],
): ParameterWarning[] {
  const out: ParameterWarning[] = [];
  policies.forEach((p, i) => {
    const times = (x: number) => (amount > 0 ? `${amountText(x / amount)} times` : 'more than');
    if (p.decision === 'refuse-with-fee' && p.fee !== undefined && p.fee > amount) {
      out.push({ path: [...field, i, 'fee'], message: `a fee of ${amountText(p.fee)} is ${times(p.fee)} the amount at stake (${amountText(amount)}): the customer pays more than the problem was worth` });
    }
    if (p.decision === 'partial-credit' && p.credit !== undefined && p.credit > amount) {
      out.push({ path: [...field, i, 'credit'], message: `a credit of ${amountText(p.credit)} is ${times(p.credit)} the amount at stake (${amountText(amount)}): more than the customer asked for` });
    }
    if (p.decision === 'goodwill' && p.credit !== undefined && p.credit > amount) {
      out.push({ path: [...field, i, 'credit'], message: `a gesture of ${amountText(p.credit)} on top of the refund is ${times(p.credit)} the amount at stake (${amountText(amount)})` });
    }
  });
  return out;
}
