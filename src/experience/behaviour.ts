/**
 * Incidents, complaining, and what customers do after an episode: stay or leave, talk or
 * not, to how many, with which valence and intensity. Defaults carry a source label as in
 * DOMAIN.md: [Q] quoted by a secondary source, [S] seen in the source, [A] our assumption.
 */
import { InvalidParameterError } from '../errors.js';
import { rejectUnknownKeys, requireInteger, requireNumberIn, requireObject, requireOneOf, requireProbability } from '../validate.js';
import type { Decision } from './policy.js';

export type Severity = 'minor' | 'major';
/** How an episode ended, in the categories of the TARP repurchase table. */
export type OutcomeCategory = 'silent' | 'unresolved' | 'resolved' | 'resolvedQuickly';
export const OUTCOME_CATEGORIES: readonly OutcomeCategory[] = ['silent', 'unresolved', 'resolved', 'resolvedQuickly'];

export interface IncidentSpec {
  /** Customers who have the problem in one replicate, drawn uniformly among the customers. */
  readonly count: number;
  /** `minor` or `major`: selects the row of the repurchase table and the pain of the problem. Default `major`. */
  readonly severity?: Severity;
  /** The money at stake: the price of the repair or refund the customer asks for. */
  readonly amount: number;
  /** The problem costs the customer money (a refused refund, a fee): such problems are complained about far more often. Default true. */
  readonly moneyLoss?: boolean;
}

export interface ComplaintSpec {
  /**
   * The chance an unhappy customer complains at all. Default 0.625 for money-loss
   * problems [Q] (Goodman/TARP: 50–75%, midpoint), 0.06 otherwise [Q] (Wharton/Verde
   * 2006: 6% of shoppers with a problem contacted the retailer).
   */
  readonly probability?: number;
  /**
   * Where complaints go, as shares of complainers summing to 1. Default front line 0.92,
   * head office 0.05 [Q] (Goodman: only 1–5% escalate to a manager or head office),
   * public 0.03 [A]. Head-office complaints start at the second rung of the ladder.
   */
  readonly channels?: { readonly frontLine: number; readonly headOffice: number; readonly public: number };
  /** How many people see one public complaint: negative binomial, default mean 30, dispersion 0.5 [A]. */
  readonly publicAudience?: { readonly mean: number; readonly dispersion: number };
}

export interface RepurchaseRow {
  readonly silent: number;
  readonly unresolved: number;
  readonly resolved: number;
  readonly resolvedQuickly: number;
}

export interface BehaviourSpec {
  /**
   * The chance a customer buys again, by severity and outcome. Default: the TARP national
   * survey [Q] (Barlow & Møller, *A Complaint Is a Gift*): minor 37/46/70/95%, major
   * 9/19/54/82% for did not complain / unresolved / resolved / resolved quickly.
   */
  readonly repurchase?: { readonly minor: RepurchaseRow; readonly major: RepurchaseRow };
  /** Remembered pain at or above this makes the story negative. Default 5 [A] (the middle of the scale). */
  readonly negativeFrom?: number;
  /** Remembered pain at or below this makes the story positive (a recovery that delighted). Default 2 [A]. */
  readonly positiveUpTo?: number;
  /** Chance a customer with a negative story tells anyone. Default 0.31 [Q] (Verde 2006: 31% of shoppers with a problem told someone). */
  readonly negativeTalkProbability?: number;
  /** Chance a delighted customer tells anyone. Default 0.155 [A]: half the negative rate, after TARP's "unhappy customers tell about twice as many". */
  readonly positiveTalkProbability?: number;
  /**
   * How many people a talking customer tells directly: negative binomial (heavy-tailed).
   * Default negative mean 4 [Q] (Verde 2006: "on average four people"), positive mean 2
   * [Q] (TARP: happy customers tell about half as many), dispersion 1 [A].
   */
  readonly audience?: {
    readonly negative: { readonly mean: number; readonly dispersion: number };
    readonly positive: { readonly mean: number; readonly dispersion: number };
  };
  /** Pain of the moments of an episode, 0–10 (see docs/model.md). */
  readonly pain?: Partial<PainSpec>;
}

export interface PainSpec {
  /** The problem itself. Default minor 4, major 7 [A]. */
  readonly problem: { readonly minor: number; readonly major: number };
  /** A contact with the company. Default 2 [A]. */
  readonly contact: number;
  /** Added for every earlier contact in the same case: each extra contact costs ~15 points of top-box satisfaction (SQM Group) [Q], 1.5 on this scale [A]. */
  readonly perExtraContact: number;
  /** Waiting d days hurts 10·(1 − e^(−d/τ)); τ default 30 days [A]. */
  readonly waitScaleDays: number;
  /** The end of the episode, by decision. Defaults [A]: full refund 1, repair 2, partial credit 4, refuse 8, refuse with fee 9, apology only 6, goodwill 0. */
  readonly outcome: Readonly<Record<Decision, number>>;
  /** The end when the customer gave up waiting, or the case found no one with the authority to settle it. Default 8 [A]. */
  readonly unresolved: number;
}

export const AUDIENCE_DEFAULTS = Object.freeze({
  negative: Object.freeze({ mean: 4, dispersion: 1 }),
  positive: Object.freeze({ mean: 2, dispersion: 1 }),
});

export const TARP_REPURCHASE = Object.freeze({
  minor: Object.freeze({ silent: 0.37, unresolved: 0.46, resolved: 0.7, resolvedQuickly: 0.95 }),
  major: Object.freeze({ silent: 0.09, unresolved: 0.19, resolved: 0.54, resolvedQuickly: 0.82 }),
});

export const PAIN_DEFAULTS: PainSpec = Object.freeze({
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
  }),
  unresolved: 8,
});

export interface ResolvedBehaviour {
  readonly repurchase: { readonly minor: RepurchaseRow; readonly major: RepurchaseRow };
  readonly negativeFrom: number;
  readonly positiveUpTo: number;
  readonly negativeTalkProbability: number;
  readonly positiveTalkProbability: number;
  readonly audience: {
    readonly negative: { readonly mean: number; readonly dispersion: number };
    readonly positive: { readonly mean: number; readonly dispersion: number };
  };
  readonly pain: PainSpec;
}

export interface ResolvedIncidents {
  readonly count: number;
  readonly severity: Severity;
  readonly amount: number;
  readonly moneyLoss: boolean;
}

export interface ResolvedComplaints {
  readonly probability: number;
  readonly channels: { readonly frontLine: number; readonly headOffice: number; readonly public: number };
  readonly publicAudience: { readonly mean: number; readonly dispersion: number };
}

export function resolveIncidents(spec: IncidentSpec, field = 'incidents'): ResolvedIncidents {
  requireObject(field, spec);
  rejectUnknownKeys(field, spec, ['count', 'severity', 'amount', 'moneyLoss']);
  if (spec.moneyLoss !== undefined && typeof spec.moneyLoss !== 'boolean') {
    throw new InvalidParameterError(`${field}.moneyLoss`, 'true or false', spec.moneyLoss);
  }
  return Object.freeze({
    count: requireInteger(`${field}.count`, spec.count, 0, 10_000_000),
    severity: requireOneOf(`${field}.severity`, spec.severity ?? 'major', ['minor', 'major'] as const),
    amount: requireNumberIn(`${field}.amount`, spec.amount, 0, Infinity),
    moneyLoss: spec.moneyLoss ?? true,
  });
}

function audienceSpec(field: string, value: unknown): { mean: number; dispersion: number } {
  const o = requireObject(field, value);
  rejectUnknownKeys(field, o, ['mean', 'dispersion']);
  return Object.freeze({
    mean: requireNumberIn(`${field}.mean`, o.mean, 0, 1e6),
    dispersion: requireNumberIn(`${field}.dispersion`, o.dispersion, 0, 1e6, { minExclusive: true }),
  });
}

export function resolveComplaints(spec: ComplaintSpec = {}, incidents: ResolvedIncidents, field = 'complaints'): ResolvedComplaints {
  requireObject(field, spec);
  rejectUnknownKeys(field, spec, ['probability', 'channels', 'publicAudience']);
  const channels = spec.channels ?? { frontLine: 0.92, headOffice: 0.05, public: 0.03 };
  requireObject(`${field}.channels`, channels);
  rejectUnknownKeys(`${field}.channels`, channels, ['frontLine', 'headOffice', 'public']);
  const c = {
    frontLine: requireProbability(`${field}.channels.frontLine`, channels.frontLine),
    headOffice: requireProbability(`${field}.channels.headOffice`, channels.headOffice),
    public: requireProbability(`${field}.channels.public`, channels.public),
  };
  const sum = c.frontLine + c.headOffice + c.public;
  if (Math.abs(sum - 1) > 1e-9) {
    throw new InvalidParameterError(`${field}.channels`, 'shares of complainers that sum to 1', sum);
  }
  return Object.freeze({
    probability: requireProbability(`${field}.probability`, spec.probability ?? (incidents.moneyLoss ? 0.625 : 0.06)),
    channels: Object.freeze(c),
    publicAudience: audienceSpec(`${field}.publicAudience`, {
      mean: 30,
      dispersion: 0.5,
      ...requireObject(`${field}.publicAudience`, spec.publicAudience ?? {}),
    }),
  });
}

function painValue(field: string, value: unknown): number {
  return requireNumberIn(field, value, 0, 10);
}

export function resolveBehaviour(spec: BehaviourSpec = {}, field = 'behaviour'): ResolvedBehaviour {
  requireObject(field, spec);
  rejectUnknownKeys(field, spec, [
    'repurchase',
    'negativeFrom',
    'positiveUpTo',
    'negativeTalkProbability',
    'positiveTalkProbability',
    'audience',
    'pain',
  ]);
  const table = spec.repurchase ?? TARP_REPURCHASE;
  requireObject(`${field}.repurchase`, table);
  const row = (severity: Severity): RepurchaseRow => {
    const f = `${field}.repurchase.${severity}`;
    const r = requireObject(f, table[severity]);
    rejectUnknownKeys(f, r, OUTCOME_CATEGORIES);
    return Object.freeze({
      silent: requireProbability(`${f}.silent`, r.silent),
      unresolved: requireProbability(`${f}.unresolved`, r.unresolved),
      resolved: requireProbability(`${f}.resolved`, r.resolved),
      resolvedQuickly: requireProbability(`${f}.resolvedQuickly`, r.resolvedQuickly),
    });
  };
  // Nested settings may be given in part: what is left out keeps its default.
  const given = spec.audience ?? {};
  requireObject(`${field}.audience`, given);
  rejectUnknownKeys(`${field}.audience`, given, ['negative', 'positive']);
  const part = (key: 'negative' | 'positive') => {
    const v = (given as Partial<ResolvedBehaviour['audience']>)[key];
    return v === undefined ? {} : requireObject(`${field}.audience.${key}`, v);
  };
  const audience = {
    negative: { ...AUDIENCE_DEFAULTS.negative, ...part('negative') },
    positive: { ...AUDIENCE_DEFAULTS.positive, ...part('positive') },
  };
  const givenPain = requireObject(`${field}.pain`, spec.pain ?? {}) as Partial<PainSpec>;
  rejectUnknownKeys(`${field}.pain`, givenPain, Object.keys(PAIN_DEFAULTS));
  const nested = <K extends 'problem' | 'outcome'>(key: K): Partial<PainSpec[K]> => {
    if (givenPain[key] === undefined) return {};
    const o = requireObject(`${field}.pain.${key}`, givenPain[key]);
    rejectUnknownKeys(`${field}.pain.${key}`, o, Object.keys(PAIN_DEFAULTS[key]));
    return o as Partial<PainSpec[K]>;
  };
  const p = { ...PAIN_DEFAULTS, ...givenPain, problem: { ...PAIN_DEFAULTS.problem, ...nested('problem') } };
  const outcome = { ...PAIN_DEFAULTS.outcome, ...nested('outcome') };
  const negativeFrom = painValue(`${field}.negativeFrom`, spec.negativeFrom ?? 5);
  const positiveUpTo = painValue(`${field}.positiveUpTo`, spec.positiveUpTo ?? 2);
  if (positiveUpTo >= negativeFrom) {
    throw new InvalidParameterError(`${field}.positiveUpTo`, `a pain below negativeFrom (${negativeFrom})`, positiveUpTo);
  }
  return Object.freeze({
    repurchase: Object.freeze({ minor: row('minor'), major: row('major') }),
    negativeFrom,
    positiveUpTo,
    negativeTalkProbability: requireProbability(`${field}.negativeTalkProbability`, spec.negativeTalkProbability ?? 0.31),
    positiveTalkProbability: requireProbability(`${field}.positiveTalkProbability`, spec.positiveTalkProbability ?? 0.155),
    audience: Object.freeze({
      negative: audienceSpec(`${field}.audience.negative`, audience.negative),
      positive: audienceSpec(`${field}.audience.positive`, audience.positive),
    }),
    pain: Object.freeze({
      problem: Object.freeze({
        minor: painValue(`${field}.pain.problem.minor`, p.problem.minor),
        major: painValue(`${field}.pain.problem.major`, p.problem.major),
      }),
      contact: painValue(`${field}.pain.contact`, p.contact),
      perExtraContact: painValue(`${field}.pain.perExtraContact`, p.perExtraContact),
      waitScaleDays: requireNumberIn(`${field}.pain.waitScaleDays`, p.waitScaleDays, 0, 3650, { minExclusive: true }),
      outcome: Object.freeze(
        Object.fromEntries(Object.entries(outcome).map(([k, v]) => [k, painValue(`${field}.pain.outcome.${k}`, v)])) as Record<Decision, number>,
      ),
      unresolved: painValue(`${field}.pain.unresolved`, p.unresolved),
    }),
  });
}

/**
 * Negative binomial with the given mean and dispersion r, by inversion of one uniform u
 * in [0, 1): the same u gives the same or a larger count for a larger mean, which keeps
 * policies compared on common random numbers closely paired. The pmf recursion
 * p(k+1) = p(k)·(k + r)/(k + 1)·mean/(mean + r) starts from p(0) = (r/(r + mean))^r.
 */
export function negativeBinomialInverse(u: number, mean: number, dispersion: number): number {
  if (mean === 0) return 0;
  const q = mean / (mean + dispersion);
  let p = Math.pow(dispersion / (dispersion + mean), dispersion);
  if (p === 0) return negativeBinomialInverseLog(u, mean, dispersion, q);
  let cdf = p;
  let k = 0;
  // The tail beyond 10^6 people has probability far below one in 2^53 for any audience
  // this model allows (mean ≤ 10^6); stopping there changes nothing measurable.
  while (u >= cdf && k < 1_000_000) {
    p *= ((k + dispersion) / (k + 1)) * q;
    k++;
    cdf += p;
    if (p === 0 && cdf < u) break;
  }
  return k;
}

/**
 * The same inversion when p(0) underflows (a large, nearly Poisson audience): the pmf is
 * carried as a logarithm, so terms below the smallest double count as 0 on the way up to
 * the mode instead of stopping the search at k = 1.
 */
function negativeBinomialInverseLog(u: number, mean: number, dispersion: number, q: number): number {
  const logQ = Math.log(q);
  let logP = dispersion * Math.log(dispersion / (dispersion + mean));
  let cdf = 0;
  let k = 0;
  const mode = Math.max(0, Math.floor(((dispersion - 1) * mean) / dispersion));
  while (k < 1_000_000) {
    const p = Math.exp(logP);
    cdf += p;
    if (u < cdf) break;
    if (p === 0 && k > mode) break;
    logP += Math.log((k + dispersion) / (k + 1)) + logQ;
    k++;
  }
  return k;
}
