/**
 * What customers do after an episode: stay or leave, talk or not, to how many, with which
 * valence and intensity; and the pain scale their memory works on. Defaults carry a
 * source label as in DOMAIN.md: [Q] quoted by a secondary source, [S] seen in the source,
 * [A] our assumption.
 */
import { z } from 'zod';
import { addProblem, describe, number, pain, parseParameters, probability, whenValid } from '../parameters/index.js';
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

/** What decides a story's valence: the recovery (the default), or the remembered pain of the whole episode (the neutral setting). */
export type ValenceSource = 'recovery' | 'episode';
export const VALENCE_SOURCES: readonly ValenceSource[] = ['recovery', 'episode'];

/**
 * The defaults of the reactions to what was done (docs/model.md, "What the customer does"),
 * and the NEUTRAL values under which each mechanism does nothing — the behaviour of the
 * model before these mechanisms existed, reproduced exactly (a test holds it).
 */
export const REACTION_DEFAULTS = Object.freeze({
  valence: 'recovery' as ValenceSource,
  positiveTalkProbability: 0.31,
  moneyTaken: 0.5,
  compensationScale: 0.25,
  giveUpPerHandOff: 0.15,
  giveUpPerDay: 0.01,
  trackingRelief: 0.5,
  followUpRelief: 0.25,
});
export const REACTION_NEUTRAL = Object.freeze({
  valence: 'episode' as ValenceSource,
  positiveTalkProbability: 0.155,
  moneyTaken: 0,
  compensationScale: 0,
  giveUpPerHandOff: 0,
  giveUpPerDay: 0,
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
  followUpRelief: REACTION_DEFAULTS.followUpRelief,
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
        source: '[A] derived: SQM Group\'s ~15 points of top-box satisfaction lost per extra contact [Q], read as 1.5 on this 0–10 scale',
      }).default(PAIN_DEFAULTS.perExtraContact),
      waitScaleDays: describe(z.number().gt(0).max(3650), {
        description: 'waiting d days hurts 10·(1 − e^(−d/τ)); this is τ',
        unit: 'days',
        source: '[A]',
      }).default(PAIN_DEFAULTS.waitScaleDays),
      outcome: describe(outcomePain, { description: 'the end of the episode, by decision', source: '[A]' }),
      unresolved: pain({ description: 'the end when the customer gave up, or nobody had the authority to settle', source: '[A]' }).default(PAIN_DEFAULTS.unresolved),
      followUpRelief: probability({
        description: "a follow-up call that reaches a complainer becomes the episode's last moment, with the end's pain less this share",
        source: '[A] after the peak-end rule: a milder last moment lowers the memory (Kahneman et al. 1993) [S]',
      }).default(PAIN_DEFAULTS.followUpRelief),
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
      valence: describe(z.enum(VALENCE_SOURCES as [ValenceSource, ...ValenceSource[]]), {
        description:
          'what decides whether a customer has a negative story, a positive one or none: "recovery" — a silent customer has a negative one, a complainer is judged on the handling (the peak-end of the contacts, waits and end, not the problem itself); "episode" — the remembered pain of the whole episode, problem included (the neutral setting)',
        source: '[A] compensation and recovery drive word of mouth (Orsingher et al. 2010; Gelbrich & Roschk 2011) [S]',
      }).default(REACTION_DEFAULTS.valence),
      negativeFrom: pain({ description: 'pain (of the recovery, or of the episode) from which the story is negative', source: '[A] the middle of the scale' }).default(5),
      positiveUpTo: pain({ description: 'pain (of the recovery, or of the episode) up to which the story is positive: a recovery no worse than one smooth contact and a good end', source: '[A]' }).default(2),
      negativeTalkProbability: probability({ description: 'chance a customer with a negative story tells anyone', label: 'Chance an unhappy customer talks', source: '[Q] Verde 2006: 31% of shoppers with a problem told friends, family or colleagues' }).default(0.31),
      positiveTalkProbability: probability({
        description: 'chance a customer with a positive story tells anyone',
        label: 'Chance a satisfied customer talks',
        source: "[A] Verde's 31% as for unhappy customers: TARP's \"unhappy customers tell twice as many\" [Q] is applied once, to the audience",
      }).default(REACTION_DEFAULTS.positiveTalkProbability),
      moneyTaken: probability({
        description:
          'share of the chance of buying again, of the gap between the end\'s pain and 10, and of the chance of keeping a negative story to oneself, lost for every multiple of the amount at stake the company takes (a fee): each scales by (1 − this)^(fee ÷ amount)',
        label: 'Effect of money taken',
        source: '[A] a fee as large as the amount at stake halves the chance of buying again; 0: the fee\'s size does not matter',
      }).default(REACTION_DEFAULTS.moneyTaken),
      compensationScale: number(
        {
          description:
            "goodwill: the gesture, as a share of the amount at stake, from which the end is as good as it gets (pain.outcome.goodwill); a smaller gesture ends that share of the way from a plain refund's pain; 0: any gesture has the full effect",
          source: '[A] compensation relative to the problem buys satisfaction and positive word of mouth (Gelbrich & Roschk 2011) [S]',
        },
        0,
        100,
      ).default(REACTION_DEFAULTS.compensationScale),
      giveUpPerHandOff: probability({
        description: 'chance a customer gives up because of each hand-off, on top of the level\'s giveUpProbability',
        source: '[A] after SQM Group: each extra contact costs ~15 points of top-box satisfaction [Q]',
      }).default(REACTION_DEFAULTS.giveUpPerHandOff),
      giveUpPerDay: probability({
        description: 'chance a waiting customer gives up per day felt (tracking shortens the days felt), on top of the level\'s giveUpProbability',
        source: '[A] about one in four gives up over a month of waiting',
      }).default(REACTION_DEFAULTS.giveUpPerDay),
      trackingRelief: probability({
        description: 'with a policy\'s tracking (the customer sees the case progress): share of the waiting days that are not felt, in pain and in giving up',
        source: '[A] after seed 003: the customer who could follow the parcel kept his trust',
      }).default(REACTION_DEFAULTS.trackingRelief),
      audience: describe(
        z
          .strictObject({
            negative: describe(audienceSchema(AUDIENCE_DEFAULTS.negative), { description: 'people a customer with a negative story tells' }),
            positive: describe(audienceSchema(AUDIENCE_DEFAULTS.positive), { description: 'people a customer with a positive story tells' }),
          })
          .prefault({}),
        {
          description: 'how many people a talking customer tells directly (negative binomial)',
          defaultText: 'negative mean 4, positive mean 2, dispersion 1',
          source: '[Q] Verde 2006: tellers told "an average of four" people; positive: half of that, TARP\'s "unhappy customers tell about twice as many as happy ones" (10 vs 5) [Q], derived',
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
