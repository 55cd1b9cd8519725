/**
 * The parameters of word of mouth, each with its default and where the default comes
 * from. Labels follow DOMAIN.md: [Q] quoted by a secondary source, [S] seen in the
 * source, [A] an assumption of ours, to be replaced by the user's own figure.
 */
import { z } from 'zod';
import { count, describe, number, parseParameters, probability } from '../parameters/index.js';

export type SpreadModelName = 'cascade' | 'threshold' | 'rumour';
export const SPREAD_MODELS: readonly SpreadModelName[] = ['cascade', 'threshold', 'rumour'];

/** Word-of-mouth options with every default filled in (see {@link spreadOptionsSchema}). */
export interface ResolvedSpreadOptions {
  readonly model: SpreadModelName;
  readonly tellProbability: number;
  readonly transmission: 'trust' | 'plain';
  readonly retellProbability: number;
  readonly retellDecay: number;
  readonly embellishment: number;
  readonly purchaseProbability: number;
  readonly purchaseWindowMonths: number;
  readonly negativeShift: number;
  readonly positiveShift: number;
  readonly customerChurnShift: number;
  readonly threshold: 'uniform' | number;
  readonly stiflingProbability: number;
}

export const SPREAD_DEFAULTS: ResolvedSpreadOptions = Object.freeze({
  model: 'cascade',
  tellProbability: 0.4,
  transmission: 'trust',
  retellProbability: 0.31,
  retellDecay: 0.5,
  embellishment: 0.2,
  purchaseProbability: 0.14,
  purchaseWindowMonths: 12,
  negativeShift: 0.1,
  positiveShift: 0.2,
  customerChurnShift: 0.025,
  threshold: 'uniform',
  stiflingProbability: 1,
});

/**
 * The word-of-mouth parameters, declared once: the library's options and the scenario
 * file's `spread` section are checked against this schema.
 */
export const spreadOptionsSchema = describe(
  z.strictObject({
    model: describe(z.enum(SPREAD_MODELS as [SpreadModelName, ...SpreadModelName[]]), {
      description: 'spread model: cascade (valenced independent cascade), threshold (linear threshold) or rumour (Maki–Thompson)',
    }).default(SPREAD_DEFAULTS.model),
    tellProbability: probability({
      description: 'cascade and rumour: chance a story of intensity 1 passes over a tie of trust 1',
      label: 'Chance a story passes over a close tie',
      source: '[A] a teller with ten close ties tells four people, Verde 2006 "on average four people" [Q]',
    }).default(SPREAD_DEFAULTS.tellProbability),
    transmission: describe(z.enum(['trust', 'plain']), {
      description: 'trust: the chance is tellProbability × intensity × trust; plain: tellProbability on every tie',
    }).default(SPREAD_DEFAULTS.transmission),
    retellProbability: probability({
      description: 'chance a listener retells at hop 1 (the tellers themselves always tell)',
      label: 'Chance a listener retells',
      source: '[Q] Verde 2006: 31% of shoppers with a problem told anyone, applied to listeners [A]',
    }).default(SPREAD_DEFAULTS.retellProbability),
    retellDecay: probability({ description: 'factor on the retell chance at every further hop', source: '[A]' }).default(SPREAD_DEFAULTS.retellDecay),
    embellishment: probability({
      description: 'share of the gap to intensity 1 a negative story gains at every retelling',
      source: '[A] after Verde 2006: "rude" becomes "verbally abusive" by the third or fourth listener [Q]',
    }).default(SPREAD_DEFAULTS.embellishment),
    purchaseProbability: probability({
      description: 'chance that a prospect who hears nothing buys from this company within purchaseWindowMonths months',
      label: "Prospects' chance of buying within the window",
      source:
        "derived [A]: the phone-shop town's balanced marketing conversion (20% churn a year, 2 customers per 3 prospects: 0.0123 a month) over 12 months, 1 − (1 − 0.0123)^12 = 0.138 (docs/model.md)",
    }).default(SPREAD_DEFAULTS.purchaseProbability),
    purchaseWindowMonths: count(
      {
        description: 'the months purchaseProbability is stated for; a projection month uses its monthly equivalent 1 − (1 − purchaseProbability)^(1/months)',
        label: 'Purchase window',
        unit: 'months',
        source: '[A] a year, the period of the retention figure',
      },
      1,
      1200,
    ).default(SPREAD_DEFAULTS.purchaseWindowMonths),
    negativeShift: number(
      { description: 'fall in the chance of choosing this company per negative story, for a prospect whose chance is 0.5', label: 'Effect of one negative story', source: '[Q] East, Hammond & Lomax 2008: mean shift −0.11' },
      0,
      0.5,
    ).default(SPREAD_DEFAULTS.negativeShift),
    positiveShift: number(
      { description: 'rise in the chance of choosing this company per positive story, for a prospect whose chance is 0.5', label: 'Effect of one positive story', source: '[Q] East, Hammond & Lomax 2008: mean shift +0.20' },
      0,
      0.5,
    ).default(SPREAD_DEFAULTS.positiveShift),
    customerChurnShift: probability({
      description: 'extra chance a customer leaves per negative story heard',
      label: 'Effect of a negative story on a customer',
      source: 'derived: a quarter of the prospect shift, since negative word of mouth hurts acquisition more than 4× as much as retention (East et al.) [Q]',
    }).default(SPREAD_DEFAULTS.customerChurnShift),
    threshold: describe(z.union([z.literal('uniform'), z.number().gt(0).max(1)]), {
      description: 'linear threshold: "uniform" (each person\'s threshold uniform on (0, 1], drawn afresh per replicate, Kempe et al. 2003) or one fixed share',
    }).default(SPREAD_DEFAULTS.threshold),
    stiflingProbability: describe(z.number().gt(0).max(1), {
      description: 'rumour: chance a spreader who meets someone who already knows stops spreading (1: Maki–Thompson)',
    }).default(SPREAD_DEFAULTS.stiflingProbability),
  }),
  { description: 'how stories travel' },
);

/** Word-of-mouth options as given (every field optional). */
export type SpreadOptions = z.input<typeof spreadOptionsSchema>;

/** Validates options once and fills in the defaults. */
export function resolveSpreadOptions(options: SpreadOptions = {}, field = 'options'): ResolvedSpreadOptions {
  return Object.freeze(parseParameters(spreadOptionsSchema, options, field));
}

/**
 * East, Hammond & Lomax (2008) state their shifts for a listener whose chance of choosing
 * the brand is 0.5. A prospect's chance of buying from the company within the window is
 * π = q·c: q the chance they buy in the category at all within the window, c the chance
 * they choose this company. Stories move c (what EHL measured), not q. Taking c = 0.5,
 * the prior at which the shifts are stated, q = 2π for π ≤ 0.5; above 0.5, q = 1 and c = π.
 */
export const SHIFT_PRIOR = 0.5;

/** The split π = q·c of {@link SHIFT_PRIOR}: `inMarket` q and `choice` c (q·c is π exactly). */
export function purchaseSplit(purchaseProbability: number): { readonly inMarket: number; readonly choice: number } {
  return purchaseProbability >= SHIFT_PRIOR
    ? { inMarket: 1, choice: purchaseProbability }
    : { inMarket: purchaseProbability / SHIFT_PRIOR, choice: SHIFT_PRIOR };
}

/**
 * A prospect's chance of buying within the window after hearing nNeg negative and nPos
 * positive stories: π' = q·(c + (1 − c)(1 − (1 − 2s₊)^n₊) − c(1 − (1 − 2s₋)^n₋)), with
 * q, c from {@link purchaseSplit}. At π ≥ 0.5 (q = 1) this is the original form, in the
 * same floating-point operations. Kernels inline it; this is the reference.
 */
export function purchaseAfterHearing(o: Pick<ResolvedSpreadOptions, 'purchaseProbability' | 'negativeShift' | 'positiveShift'>, nNeg: number, nPos: number): number {
  const { inMarket, choice } = purchaseSplit(o.purchaseProbability);
  return inMarket * (choice + (1 - choice) * (1 - Math.pow(1 - 2 * o.positiveShift, nPos)) - choice * (1 - Math.pow(1 - 2 * o.negativeShift, nNeg)));
}
