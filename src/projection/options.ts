/**
 * The parameters of a month-by-month projection, each with its default and where the
 * default comes from. Labels follow DOMAIN.md: [Q] quoted by a secondary source, [S]
 * seen in the source, [F] folklore, [A] an assumption of ours, to be replaced by the
 * user's own figure. Every default that drives the result is listed in the result's
 * `assumptions`, so a report can say what it rests on.
 */
import { z } from 'zod';
import { InvalidParameterError, type ParameterProblem } from '../errors.js';
import type { ResolvedScenario } from '../measure/scenario.js';
import { SPREAD_DEFAULTS } from '../spread/options.js';
import type { AbortSignalLike } from '../monte-carlo/runner.js';
import { count, describe, parseParameters, parsePath, probability, seed, text } from '../parameters/index.js';

/** Where a churned customer goes: back into the market, or out of it for the horizon. */
export type AfterChurn = 'prospect' | 'bystander';

export const PROJECTION_DEFAULTS = Object.freeze({
  months: 60,
  incidentRate: 0.01,
  marketingRate: 'balanced' as const,
  afterChurn: 'prospect' as AfterChurn,
  retellDelayMonths: 1,
  memoryMonths: 12,
  warningFalseAlarmRate: 0.05,
  name: 'scenario',
});

/**
 * The early warning's boundary is tuned by ρ (months): a normal-mixture boundary is
 * tightest, relative to √t, around t ≈ 8ρ, so ρ = 1 aims at shortfalls that have lasted
 * about two to three quarters [A] (docs/projection.md, "Early warning").
 */
export const WARNING_TUNING_MONTHS = 1;

/** The projection's model parameters, declared once (library options and the scenario file's `projection`). */
const parameterFields = {
  months: count({ description: 'months projected', label: 'Months projected', unit: 'months' }, 1, 600).default(PROJECTION_DEFAULTS.months),
  incidentRate: probability({
    description: 'chance a customer has a problem in a month (at most one a month); replace it with complaints per customer per month ÷ the chance of complaining',
    label: 'Problems per customer per month',
    unit: 'per month',
    source: '[A] about 11% of customers a year',
  }).default(PROJECTION_DEFAULTS.incidentRate),
  annualChurnRate: probability({
    description:
      'share of customers lost in a year for causes other than problems and stories (churn from problems and word of mouth comes on top, and the total is reported)',
    label: 'Yearly churn from other causes',
    unit: 'per year',
    defaultText: 'derived: 1 − retention / (1 − incidentRate × (1 − repurchase[severity].silent))^12, so that with problems that nobody complains about the total is 1 − economics.retention',
    source: '[A] derived from economics.retention (20% a year: [F] national figure, inside industry ranges of 14–26% [Q])',
  }).optional(),
  marketingRate: describe(z.union([z.number().min(0).max(1), z.literal('balanced'), z.literal('purchase')]), {
    description:
      'chance a prospect becomes a customer through marketing in a month; "balanced": marketing wins in month 1 as many customers as the churn of economics.retention takes; "purchase": the monthly equivalent of spread.purchaseProbability',
    label: 'Marketing conversion per month',
    unit: 'per month',
    source: '[A]',
  }).default(PROJECTION_DEFAULTS.marketingRate),
  afterChurn: describe(z.enum(['prospect', 'bystander']), { description: 'a churned customer goes back to the market, or out of it', source: '[A]' }).default(PROJECTION_DEFAULTS.afterChurn),
  retellDelayMonths: count({ description: 'months between hearing a story and retelling it (0: a cascade runs within its month)', unit: 'months', source: '[A]' }, 0, 24).default(
    PROJECTION_DEFAULTS.retellDelayMonths,
  ),
  memoryMonths: count({ description: 'months a person remembers a story (and does not start retelling another of that valence)', unit: 'months', source: '[A]' }, 1, 600).default(
    PROJECTION_DEFAULTS.memoryMonths,
  ),
  warningFalseAlarmRate: describe(z.number().gt(0).lt(1), {
    description: 'the early warning goes off by chance, with no problems at all, in at most this share of runs, however long the projection',
    label: 'Early warning: false-alarm rate',
    source: '[A] the usual 5%',
  }).default(PROJECTION_DEFAULTS.warningFalseAlarmRate),
};

export const projectionParametersSchema = describe(z.strictObject(parameterFields), {
  description: 'project customers, churn and the dark number month by month (docs/projection.md)',
});

/** The options of projectChurn: the model parameters and how to run. */
export const projectionOptionsSchema = z
  .strictObject({
    ...parameterFields,
    seed: seed(),
    replicates: z.union([z.number(), z.strictObject({ from: z.number(), to: z.number() })]),
    name: text({ description: "the scenario's label in every row" }).default(PROJECTION_DEFAULTS.name),
    perReplicate: describe(z.boolean(), { description: 'also return one row per replicate, month and metric' }).default(false),
    onProgress: z.custom<(done: number, total: number) => void>((v) => typeof v === 'function', { message: 'expected a function (done, total) => void' }).optional(),
    signal: z.custom<AbortSignalLike>((v) => typeof v === 'object' && v !== null && 'aborted' in v, { message: 'expected an AbortSignal' }).optional(),
  });

/**
 * The options of a projection (see docs/projection.md for every parameter):
 * `seed` and `replicates` (a count R, or a range `{ from, to }`) are required; the model
 * parameters default as documented, each with its source.
 */
export type ProjectionOptions = z.input<typeof projectionOptionsSchema>;

export interface ResolvedProjection {
  readonly months: number;
  readonly incidentRate: number;
  /** Churn from causes other than problems and stories, per year. */
  readonly annualChurnRate: number;
  /** 1 − (1 − annualChurnRate)^(1/12): the monthly hazard of that churn. */
  readonly monthlyChurnHazard: number;
  /**
   * The monthly churn hazard of the reference: other causes plus problems that nobody
   * complains about (incidentRate × (1 − the silent repurchase rate)). By default it is
   * 1 − retention^(1/12).
   */
  readonly referenceChurnHazard: number;
  readonly marketingRate: number;
  readonly afterChurn: AfterChurn;
  readonly retellDelayMonths: number;
  readonly memoryMonths: number;
  /** The early warning's false-alarm rate α under no problems. */
  readonly warningFalseAlarmRate: number;
  readonly name: string;
  readonly perReplicate: boolean;
  /** Customers and prospects at month 0. */
  readonly startCustomers: number;
  readonly startProspects: number;
}

/** A parameter the projection rests on, with its value and where it came from. */
export interface ProjectionAssumption {
  readonly parameter: string;
  readonly value: number | string;
  /** True when the value is the default rather than the user's own. */
  readonly isDefault: boolean;
  /** Source label and explanation ([Q], [S], [F], [A] as in docs/projection.md). */
  readonly source: string;
  /** True for a figure measured by the projection itself (total churn), not a parameter. */
  readonly measured?: boolean;
}

/** Validates the projection options against a resolved scenario and fills in the defaults. */
export function resolveProjectionOptions(
  options: ProjectionOptions,
  scenario: ResolvedScenario,
  field = 'options',
  scenarioField = 'scenario',
): { resolved: ResolvedProjection; assumptions: ProjectionAssumption[] } {
  const o = parseParameters(projectionOptionsSchema, options, field);
  const problems: ParameterProblem[] = [];
  const prefix = parsePath(field);
  if (scenario.spread !== null && scenario.spread.model !== 'cascade') {
    const expected = '"cascade" (the projection spreads stories as a cascade that unfolds month by month)';
    problems.push({ path: [...parsePath(scenarioField), 'spread', 'model'], expected, received: scenario.spread.model, message: `expected ${expected}, received "${scenario.spread.model}"` });
  }
  const months = o.months;
  const incidentRate = o.incidentRate;
  // Churn. economics.retention is the company's total: by default the churn from other
  // causes is what is left of it once problems take their share — the share they take
  // when nobody complains (TARP's "did not complain" row), whatever the policy.
  const retention = scenario.economics.retention;
  const severity = scenario.incidents.severity;
  const silentStay = scenario.behaviour.repurchase[severity].silent;
  const problemHazard = incidentRate * (1 - silentStay);
  let annualChurnRate: number;
  let monthlyChurnHazard: number;
  let referenceChurnHazard: number;
  if (o.annualChurnRate !== undefined) {
    annualChurnRate = o.annualChurnRate;
    monthlyChurnHazard = 1 - Math.pow(1 - annualChurnRate, 1 / 12);
    referenceChurnHazard = 1 - (1 - monthlyChurnHazard) * (1 - problemHazard);
  } else {
    // The survival of a year is the scenario's retention itself, so the reference hazard
    // is 1 − r^(1/12) exactly; the churn rate shown is rounded to 15 significant digits
    // (1 − 0.8 is 0.19999999999999996 in binary floating point).
    referenceChurnHazard = 1 - Math.pow(retention, 1 / 12);
    monthlyChurnHazard = problemHazard === 0 ? referenceChurnHazard : 1 - Math.pow(retention, 1 / 12) / (1 - problemHazard);
    annualChurnRate = Number((problemHazard === 0 ? 1 - retention : 1 - retention / Math.pow(1 - problemHazard, 12)).toPrecision(15));
    if (monthlyChurnHazard < 0) {
      const alone = 1 - Math.pow(1 - problemHazard, 12);
      const expected = `a yearly churn from other causes: there is no default, because problems nobody complains about (incidentRate ${incidentRate} × (1 − ${silentStay}) a month) would alone lose ${(100 * alone).toFixed(1)}% of customers a year, more than 1 − economics.retention (${(100 * (1 - retention)).toFixed(1)}%); give annualChurnRate (0 for none), a lower incidentRate or a lower retention`;
      problems.push({ path: [...prefix, 'annualChurnRate'], expected, received: undefined, message: `expected ${expected}, received undefined` });
    }
  }
  const afterChurn = o.afterChurn;
  const retellDelayMonths = o.retellDelayMonths;
  const memoryMonths = o.memoryMonths;
  const warningFalseAlarmRate = o.warningFalseAlarmRate;

  const role = scenario.network.role;
  let startCustomers = 0;
  let startProspects = 0;
  for (let i = 0; i < role.length; i++) {
    if (role[i] === 1) startCustomers++;
    else if (role[i] === 2) startProspects++;
  }

  // The prospects' own chance of buying, per month (spread.purchaseProbability within
  // spread.purchaseWindowMonths), beside which the marketing rate is read.
  const spread = scenario.spread;
  const monthlyPurchase = spread === null ? null : 1 - Math.pow(1 - spread.purchaseProbability, 1 / spread.purchaseWindowMonths);
  let marketingRate: number;
  let marketingSource: string;
  if (o.marketingRate === 'balanced') {
    if (startProspects === 0 || startCustomers === 0) {
      marketingRate = 0;
      marketingSource = `[A] balanced: the network starts with ${startCustomers} customers and ${startProspects} prospects, so marketing has nobody to win (rate 0)`;
    } else {
      marketingRate = (referenceChurnHazard * startCustomers) / startProspects;
      marketingSource = `[A] balanced: h·C₀/P₀ = ${referenceChurnHazard.toFixed(5)} × ${startCustomers} / ${startProspects}, so marketing wins in month 1 as many customers as the churn of the retention figure takes (h: other causes and problems nobody complains about)`;
      if (marketingRate > 1) {
        const expected = `a monthly rate ≤ 1: "balanced" would need ${marketingRate.toFixed(3)} (churn h = ${referenceChurnHazard.toFixed(5)} × ${startCustomers} customers / ${startProspects} prospects); give a number or more prospects`;
        problems.push({ path: [...prefix, 'marketingRate'], expected, received: 'balanced', message: `expected ${expected}, received "balanced"` });
      }
    }
  } else if (o.marketingRate === 'purchase') {
    if (spread === null || monthlyPurchase === null) {
      marketingRate = 0;
      const expected = 'a number or "balanced" ("purchase" needs spread.purchaseProbability, and word of mouth is off)';
      problems.push({ path: [...prefix, 'marketingRate'], expected, received: 'purchase', message: `expected ${expected}, received "purchase"` });
    } else {
      marketingRate = monthlyPurchase;
    }
    marketingSource = spread === null ? 'purchase' : `purchase: 1 − (1 − ${spread.purchaseProbability})^(1/${spread.purchaseWindowMonths}), the monthly equivalent of spread.purchaseProbability`;
  } else {
    marketingRate = o.marketingRate;
    marketingSource = 'given';
  }
  if (monthlyPurchase !== null && o.marketingRate !== 'purchase') {
    marketingSource += `; the prospects' own chance of buying is ${monthlyPurchase.toFixed(5)} a month (spread.purchaseProbability ${spread!.purchaseProbability} within ${spread!.purchaseWindowMonths} months); this rate is ${(marketingRate / monthlyPurchase).toFixed(2)}× that`;
  }
  if (problems.length > 0) throw InvalidParameterError.fromProblems(problems);

  const given = (key: keyof ProjectionOptions) => options[key] !== undefined;
  const assumptions: ProjectionAssumption[] = [
    {
      parameter: 'annualChurnRate',
      value: annualChurnRate,
      isDefault: !given('annualChurnRate'),
      source: given('annualChurnRate')
        ? `given: churn from causes other than problems and stories; monthly hazard 1 − (1 − ${annualChurnRate})^(1/12) = ${monthlyChurnHazard.toFixed(6)}; problems and word of mouth add to it (total churn is measured)`
        : `[A] churn from causes other than problems and stories, derived from scenario.economics.retention (${retention}) as the total: ${retention}^(1/12) = (1 − h)(1 − ${incidentRate} × (1 − ${silentStay})), so that with problems nobody complains about (TARP's "did not complain" row) total churn is 1 − ${retention}; monthly hazard h = ${monthlyChurnHazard.toFixed(6)}. The default retention 0.8 is [F] as a national figure ("Danish companies lose ~20% of their customers a year"), inside industry ranges of 14–26% [Q]; replace it with your own`,
    },
    {
      parameter: 'incidentRate',
      value: incidentRate,
      isDefault: !given('incidentRate'),
      source: given('incidentRate') ? 'given' : '[A] 1% of customers have a problem in a month (about 11% a year); replace with complaints per customer per month ÷ the chance of complaining',
    },
    { parameter: 'marketingRate', value: marketingRate, isDefault: !given('marketingRate'), source: marketingSource },
    {
      parameter: 'afterChurn',
      value: afterChurn,
      isDefault: !given('afterChurn'),
      source: given('afterChurn') ? 'given' : '[A] a churned customer goes back into the market as a prospect',
    },
    {
      parameter: 'retellDelayMonths',
      value: retellDelayMonths,
      isDefault: !given('retellDelayMonths'),
      source: given('retellDelayMonths') ? 'given' : '[A] each hop of a cascade takes one month',
    },
    {
      parameter: 'memoryMonths',
      value: memoryMonths,
      isDefault: !given('memoryMonths'),
      source: given('memoryMonths') ? 'given' : '[A] a person who learned a story within 12 months does not start retelling another of the same valence',
    },
    {
      parameter: 'scenario.incidents.count',
      value: scenario.incidents.count,
      isDefault: false,
      source: 'not used by the projection: incidents arrive at incidentRate per customer per month',
    },
  ];
  if (spread !== null) {
    const isDefault = spread.purchaseProbability === SPREAD_DEFAULTS.purchaseProbability && spread.purchaseWindowMonths === SPREAD_DEFAULTS.purchaseWindowMonths;
    const meaning = `the chance a prospect who hears nothing buys from the company within ${spread.purchaseWindowMonths} months (${monthlyPurchase!.toFixed(5)} a month): what stories move (docs/model.md)`;
    assumptions.push({
      parameter: 'spread.purchaseProbability',
      value: spread.purchaseProbability,
      isDefault,
      source: isDefault
        ? `${meaning}. Derived [A]: the phone-shop town's balanced marketing conversion (20% churn a year, 2 customers per 3 prospects: 0.0123 a month) over 12 months, 1 − (1 − 0.0123)^12 = 0.138`
        : `given: ${meaning}`,
    });
  }
  assumptions.push({
    parameter: 'warningFalseAlarmRate',
    value: warningFalseAlarmRate,
    isDefault: !given('warningFalseAlarmRate'),
    source: given('warningFalseAlarmRate')
      ? 'given: the early warning goes off by chance with no problems in at most this share of runs'
      : '[A] the early warning goes off by chance, with no problems, in at most 5% of runs (a normal-mixture boundary on the standardised shortfall of acquisitions − losses: docs/projection.md)',
  });
  return {
    resolved: Object.freeze({
      months,
      incidentRate,
      annualChurnRate,
      monthlyChurnHazard,
      referenceChurnHazard,
      marketingRate,
      afterChurn,
      retellDelayMonths,
      memoryMonths,
      warningFalseAlarmRate,
      name: o.name,
      perReplicate: o.perReplicate,
      startCustomers,
      startProspects,
    }),
    assumptions,
  };
}
