/**
 * What customers do after an episode: stay or leave, talk or not, to how many, with which
 * valence and intensity; and the pain scale their memory works on. Defaults carry a
 * source label as in DOMAIN.md: [Q] quoted by a secondary source, [S] seen in the source,
 * [A] our assumption.
 */
import { z } from 'zod';
import { addProblem, describe, pain, parseParameters, probability, whenValid } from '../parameters/index.js';
import { audienceSchema } from './audience.js';
import { DECISIONS, type Decision } from './policy.js';

/** How an episode ended, in the categories of the TARP repurchase table. */
export type OutcomeCategory = 'silent' | 'unresolved' | 'resolved' | 'resolvedQuickly';
export const OUTCOME_CATEGORIES: readonly OutcomeCategory[] = ['silent', 'unresolved', 'resolved', 'resolvedQuickly'];

/**
 * The chance a customer buys again, by severity and outcome: the TARP national survey [Q]
 * (Barlow & Møller, *A Complaint Is a Gift*): did not complain / complained, unresolved /
 * resolved / resolved quickly.
 */
export const TARP_REPURCHASE = Object.freeze({
  minor: Object.freeze({ silent: 0.37, unresolved: 0.46, resolved: 0.7, resolvedQuickly: 0.95 }),
  major: Object.freeze({ silent: 0.09, unresolved: 0.19, resolved: 0.54, resolvedQuickly: 0.82 }),
});

export const AUDIENCE_DEFAULTS = Object.freeze({
  negative: Object.freeze({ mean: 4, dispersion: 1 }),
  positive: Object.freeze({ mean: 2, dispersion: 1 }),
});

/** The pain of each moment of an episode, 0–10 (see docs/model.md). */
export const PAIN_DEFAULTS = Object.freeze({
  problem: Object.freeze({ minor: 4, major: 7 }),
  contact: 2,
  perExtraContact: 1.5,
  waitScaleDays: 30,
  outcome: Object.freeze({
    'full-refund': 1,
    'repair-or-replace': 2,
    'partial-credit': 4,
    refuse: 8,
    'refuse-with-fee': 9,
    'apology-only': 6,
    goodwill: 0,
  } satisfies Record<Decision, number>),
  unresolved: 8,
});

function repurchaseRow(defaults: { readonly silent: number; readonly unresolved: number; readonly resolved: number; readonly resolvedQuickly: number }) {
  return z
    .strictObject({
      silent: probability({ description: 'did not complain' }).default(defaults.silent),
      unresolved: probability({ description: 'complained, not resolved' }).default(defaults.unresolved),
      resolved: probability({ description: 'complained, resolved' }).default(defaults.resolved),
      resolvedQuickly: probability({ description: 'complained, resolved at the first contact' }).default(defaults.resolvedQuickly),
    })
    .prefault({});
}

const outcomePain = z
  .strictObject(
    Object.fromEntries(DECISIONS.map((d) => [d, pain({ description: `the end of the episode when the decision is "${d}"` }).default(PAIN_DEFAULTS.outcome[d])])) as Record<
      Decision,
      z.ZodDefault<z.ZodNumber>
    >,
  )
  .prefault({});

export const painSchema = describe(
  z
    .strictObject({
      problem: describe(
        z.strictObject({
          minor: pain({ description: 'the problem itself, minor', source: '[A]' }).default(PAIN_DEFAULTS.problem.minor),
          major: pain({ description: 'the problem itself, major', source: '[A]' }).default(PAIN_DEFAULTS.problem.major),
        }),
        { description: 'the pain of the problem itself, by severity' },
      ).prefault({}),
      contact: pain({ description: 'a contact with the company', source: '[A]' }).default(PAIN_DEFAULTS.contact),
      perExtraContact: pain({
        description: 'added for every earlier contact in the same case',
        source: '[Q] each extra contact costs ~15 points of top-box satisfaction (SQM Group), 1.5 on this scale [A]',
      }).default(PAIN_DEFAULTS.perExtraContact),
      waitScaleDays: describe(z.number().gt(0).max(3650), {
        description: 'waiting d days hurts 10·(1 − e^(−d/τ)); this is τ',
        unit: 'days',
        source: '[A]',
      }).default(PAIN_DEFAULTS.waitScaleDays),
      outcome: describe(outcomePain, { description: 'the end of the episode, by decision', source: '[A]' }),
      unresolved: pain({ description: 'the end when the customer gave up, or nobody had the authority to settle', source: '[A]' }).default(PAIN_DEFAULTS.unresolved),
    })
    .prefault({}),
  { description: 'pain of the moments of an episode on the 0–10 scale of the peak-end studies' },
);

export const behaviourSchema = describe(
  z
    .strictObject({
      repurchase: describe(z
          .strictObject({
            minor: describe(repurchaseRow(TARP_REPURCHASE.minor), { description: 'a minor problem (TARP: under $5)' }),
            major: describe(repurchaseRow(TARP_REPURCHASE.major), { description: 'a major problem (TARP: over $100)' }),
          })
          .prefault({}), {
        description: 'chance of buying again by severity and outcome',
        defaultText: 'minor 37/46/70/95%, major 9/19/54/82%',
        source: '[Q] TARP national survey (Barlow & Møller)',
      }),
      negativeFrom: pain({ description: 'remembered pain from which the story is negative', source: '[A] the middle of the scale' }).default(5),
      positiveUpTo: pain({ description: 'remembered pain up to which the story is positive (a recovery that delighted)', source: '[A]' }).default(2),
      negativeTalkProbability: probability({ description: 'chance a customer with a negative story tells anyone', label: 'Chance an unhappy customer talks', source: '[Q] Verde 2006: 31% of shoppers with a problem told someone' }).default(0.31),
      positiveTalkProbability: probability({ description: 'chance a delighted customer tells anyone', label: 'Chance a delighted customer talks', source: '[A] half the negative rate, after TARP' }).default(0.155),
      audience: describe(
        z
          .strictObject({
            negative: describe(audienceSchema(AUDIENCE_DEFAULTS.negative), { description: 'people a customer with a negative story tells' }),
            positive: describe(audienceSchema(AUDIENCE_DEFAULTS.positive), { description: 'people a delighted customer tells' }),
          })
          .prefault({}),
        {
          description: 'how many people a talking customer tells directly (negative binomial)',
          defaultText: 'negative mean 4, positive mean 2, dispersion 1',
          source: '[Q] Verde 2006 "on average four people"; TARP: happy customers tell about half as many',
        },
      ),
      pain: painSchema,
    })
    .superRefine(
      (b, ctx) => {
        if (b.positiveUpTo >= b.negativeFrom) addProblem(ctx, ['positiveUpTo'], `a pain below negativeFrom (${b.negativeFrom})`, b.positiveUpTo);
      },
      whenValid('negativeFrom', 'positiveUpTo'),
    ),
  { description: 'what customers do after an episode' },
);

export type BehaviourSpec = z.input<typeof behaviourSchema>;
export type PainSpec = z.output<typeof painSchema>;
export type RepurchaseRow = z.output<ReturnType<typeof repurchaseRow>>;
export type ResolvedBehaviour = Readonly<z.output<typeof behaviourSchema>>;

/** Checks the behaviour once and fills in the defaults (nested settings may be given in part). */
export function resolveBehaviour(spec: BehaviourSpec = {}, field = 'behaviour'): ResolvedBehaviour {
  return deepFreeze(parseParameters(behaviourSchema, spec, field));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
