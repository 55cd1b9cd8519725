/**
 * The parameters of word of mouth, each with its default and where the default comes
 * from. Labels follow DOMAIN.md: [Q] quoted by a secondary source, [S] seen in the
 * source, [A] an assumption of ours, to be replaced by the user's own figure.
 */
import { z } from 'zod';
import { describe, number, parseParameters, probability } from '../parameters/index.js';

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
  purchaseProbability: 0.5,
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
      description: "a prospect's chance of buying before hearing anything",
      label: "Prospects' chance of buying",
      source: '[A] the prior at which the East, Hammond & Lomax (2008) shifts are stated',
    }).default(SPREAD_DEFAULTS.purchaseProbability),
    negativeShift: number(
      { description: 'fall in purchase probability per negative story, for a prospect whose prior is 0.5', label: 'Effect of one negative story', source: '[Q] East, Hammond & Lomax 2008: mean shift −0.11' },
      0,
      0.5,
    ).default(SPREAD_DEFAULTS.negativeShift),
    positiveShift: number(
      { description: 'rise in purchase probability per positive story at prior 0.5', label: 'Effect of one positive story', source: '[Q] East, Hammond & Lomax 2008: mean shift +0.20' },
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
