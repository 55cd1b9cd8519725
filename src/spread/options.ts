/**
 * The parameters of word of mouth, each with its default and where the default comes
 * from. Labels follow DOMAIN.md: [Q] quoted by a secondary source, [S] seen in the
 * source, [A] an assumption of ours, to be replaced by the user's own figure.
 */
import { InvalidParameterError } from '../errors.js';
import { rejectUnknownKeys, requireNumberIn, requireObject, requireOneOf, requireProbability } from '../validate.js';

export type SpreadModelName = 'cascade' | 'threshold' | 'rumour';
export const SPREAD_MODELS: readonly SpreadModelName[] = ['cascade', 'threshold', 'rumour'];

export interface SpreadOptions {
  /**
   * `cascade` (valenced independent cascade, default), `threshold` (linear threshold:
   * a person acts once the trust-weighted share of neighbours telling reaches their
   * threshold) or `rumour` (Maki–Thompson: spreaders stop once they meet people who
   * already know).
   */
  readonly model?: SpreadModelName;
  /**
   * Cascade and rumour: the chance that a teller passes a story of intensity 1 over a tie
   * of trust 1. Default 0.4 [A]: a teller with ten close ties then tells four people,
   * Verde (2006)'s "on average four people" [Q].
   */
  readonly tellProbability?: number;
  /**
   * How the chance over an arc is built: `trust` (default) multiplies tellProbability by
   * the story's intensity and the tie's trust; `plain` uses tellProbability on every arc,
   * which with retellProbability 1 and no decay is the classic independent cascade.
   */
  readonly transmission?: 'trust' | 'plain';
  /**
   * The chance a listener retells at hop 1 (the tellers themselves always tell).
   * Default 0.31 [Q]: the share of shoppers with a problem who told anyone (Verde 2006),
   * applied to listeners as an assumption.
   */
  readonly retellProbability?: number;
  /**
   * The retell chance is multiplied by this at every further hop: hop h retells with
   * retellProbability × retellDecay^(h−1). Default 0.5 [A].
   */
  readonly retellDecay?: number;
  /**
   * Negative stories grow as they travel: each retelling closes this share of the gap
   * between the story's intensity and 1, s(h) = 1 − (1 − s₀)(1 − g)^h, so intensity — and
   * every probability built on it — stays in [0, 1]. Default 0.2 [A], after Verde (2006):
   * "rude" becomes "verbally abusive" by the third or fourth listener [Q].
   */
  readonly embellishment?: number;
  /**
   * A prospect's chance of buying before hearing anything. Default 0.5 [A]: the prior at
   * which the East, Hammond & Lomax (2008) shifts below are stated.
   */
  readonly purchaseProbability?: number;
  /**
   * Shift in purchase probability from one negative story for a prospect whose prior
   * is 0.5. Default 0.1 [Q]: East, Hammond & Lomax (2008), mean shift −0.11.
   */
  readonly negativeShift?: number;
  /**
   * Shift from one positive story at prior 0.5. Default 0.2 [Q]: East, Hammond & Lomax
   * (2008), mean shift +0.20.
   */
  readonly positiveShift?: number;
  /**
   * Extra chance that a customer leaves per negative story heard. Default 0.025 [Q]:
   * negative word of mouth hurts acquisition more than 4× as much as retention (East et
   * al.), so a quarter of the 0.1 prospect shift.
   */
  readonly customerChurnShift?: number;
  /**
   * Linear threshold: `uniform` (default; each person's threshold uniform on (0, 1],
   * drawn afresh per replicate, Kempe et al. 2003) or a fixed share in (0, 1].
   */
  readonly threshold?: 'uniform' | number;
  /**
   * Rumour: the chance a spreader who meets someone who already knows stops spreading.
   * Default 1, the Maki–Thompson model.
   */
  readonly stiflingProbability?: number;
}

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

const KEYS = Object.keys(SPREAD_DEFAULTS);

/** Validates options once and fills in the defaults. */
export function resolveSpreadOptions(options: SpreadOptions = {}, field = 'options'): ResolvedSpreadOptions {
  requireObject(field, options);
  rejectUnknownKeys(field, options, KEYS);
  const o = { ...SPREAD_DEFAULTS, ...stripUndefined(options) };
  const model = requireOneOf(`${field}.model`, o.model, SPREAD_MODELS);
  const transmission = requireOneOf(`${field}.transmission`, o.transmission, ['trust', 'plain'] as const);
  const purchaseProbability = requireProbability(`${field}.purchaseProbability`, o.purchaseProbability);
  // Shifts are stated at prior 0.5, so the per-story share of the headroom is twice the shift.
  const negativeShift = requireNumberIn(`${field}.negativeShift`, o.negativeShift, 0, 0.5);
  const positiveShift = requireNumberIn(`${field}.positiveShift`, o.positiveShift, 0, 0.5);
  let threshold: 'uniform' | number = 'uniform';
  if (o.threshold !== 'uniform') {
    if (typeof o.threshold !== 'number') {
      throw new InvalidParameterError(`${field}.threshold`, '"uniform" or a share > 0 and ≤ 1', o.threshold);
    }
    threshold = requireNumberIn(`${field}.threshold`, o.threshold, 0, 1, { minExclusive: true });
  }
  return {
    model,
    tellProbability: requireProbability(`${field}.tellProbability`, o.tellProbability),
    transmission,
    retellProbability: requireProbability(`${field}.retellProbability`, o.retellProbability),
    retellDecay: requireProbability(`${field}.retellDecay`, o.retellDecay),
    embellishment: requireProbability(`${field}.embellishment`, o.embellishment),
    purchaseProbability,
    negativeShift,
    positiveShift,
    customerChurnShift: requireProbability(`${field}.customerChurnShift`, o.customerChurnShift),
    threshold,
    stiflingProbability: requireProbability(`${field}.stiflingProbability`, o.stiflingProbability),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
