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
import type { AbortSignalLike } from '../monte-carlo/runner.js';
import { addProblem, count, describe, parseParameters, parsePath, probability, seed, text, whenValid } from '../parameters/index.js';

/** Where a churned customer goes: back into the market, or out of it for the horizon. */
export type AfterChurn = 'prospect' | 'bystander';

export const PROJECTION_DEFAULTS = Object.freeze({
  months: 60,
  incidentRate: 0.01,
  marketingRate: 'balanced' as const,
  afterChurn: 'prospect' as AfterChurn,
  retellDelayMonths: 1,
  memoryMonths: 12,
  warningWindow: 3,
  name: 'scenario',
});

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
    description: 'baseline share of customers lost in a year for reasons that have nothing to do with complaints',
    label: 'Yearly churn, complaints aside',
    unit: 'per year',
    defaultText: '1 − economics.retention (20%)',
    source: '[F] national figure, inside industry ranges of 14–26% [Q]',
  }).optional(),
  marketingRate: describe(z.union([z.number().min(0).max(1), z.literal('balanced')]), {
    description: 'chance a prospect becomes a customer through marketing in a month, or "balanced" (marketing wins in month 1 as many customers as baseline churn takes)',
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
  warningWindow: count(
    { description: 'months over which acquisitions are compared with losses for the early warning', unit: 'months', defaultText: '3, or the whole horizon when shorter', source: '[A] a quarter' },
    1,
    60,
  ).optional(),
};

function windowRule(p: { months: number; warningWindow?: number | undefined }, ctx: z.RefinementCtx): void {
  if (p.warningWindow !== undefined && p.warningWindow > p.months) addProblem(ctx, ['warningWindow'], `at most the months projected (${p.months})`, p.warningWindow);
}

export const projectionParametersSchema = describe(z.strictObject(parameterFields).superRefine(windowRule, whenValid('months', 'warningWindow')), {
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
  })
  .superRefine(windowRule, whenValid('months', 'warningWindow'));

/**
 * The options of a projection (see docs/projection.md for every parameter):
 * `seed` and `replicates` (a count R, or a range `{ from, to }`) are required; the model
 * parameters default as documented, each with its source.
 */
export type ProjectionOptions = z.input<typeof projectionOptionsSchema>;

export interface ResolvedProjection {
  readonly months: number;
  readonly incidentRate: number;
  readonly annualChurnRate: number;
  /** 1 − (1 − annualChurnRate)^(1/12). */
  readonly monthlyChurnHazard: number;
  readonly marketingRate: number;
  readonly afterChurn: AfterChurn;
  readonly retellDelayMonths: number;
  readonly memoryMonths: number;
  readonly warningWindow: number;
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
  // By default the survival of a year is the scenario's retention itself, so the hazard
  // is 1 − r^(1/12) exactly; the churn rate shown is 1 − r to 15 significant digits
  // (1 − 0.8 is 0.19999999999999996 in binary floating point).
  const retention = scenario.economics.retention;
  const annualChurnRate = o.annualChurnRate ?? Number((1 - retention).toPrecision(15));
  const monthlyChurnHazard = 1 - Math.pow(o.annualChurnRate === undefined ? retention : 1 - annualChurnRate, 1 / 12);
  const afterChurn = o.afterChurn;
  const retellDelayMonths = o.retellDelayMonths;
  const memoryMonths = o.memoryMonths;
  // The default window is a quarter, or the whole horizon when that is shorter.
  const warningWindow = o.warningWindow ?? Math.min(PROJECTION_DEFAULTS.warningWindow, months);

  const role = scenario.network.role;
  let startCustomers = 0;
  let startProspects = 0;
  for (let i = 0; i < role.length; i++) {
    if (role[i] === 1) startCustomers++;
    else if (role[i] === 2) startProspects++;
  }

  let marketingRate: number;
  let marketingSource: string;
  if (o.marketingRate === 'balanced') {
    if (startProspects === 0 || startCustomers === 0) {
      marketingRate = 0;
      marketingSource = `[A] balanced: the network starts with ${startCustomers} customers and ${startProspects} prospects, so marketing has nobody to win (rate 0)`;
    } else {
      marketingRate = (monthlyChurnHazard * startCustomers) / startProspects;
      marketingSource = `[A] balanced: h·C₀/P₀ = ${monthlyChurnHazard.toFixed(5)} × ${startCustomers} / ${startProspects}, so marketing wins in month 1 as many customers as baseline churn takes`;
      if (marketingRate > 1) {
        const expected = `a monthly rate ≤ 1: "balanced" would need ${marketingRate.toFixed(3)} (baseline churn h = ${monthlyChurnHazard.toFixed(5)} × ${startCustomers} customers / ${startProspects} prospects); give a number or more prospects`;
        problems.push({ path: [...prefix, 'marketingRate'], expected, received: 'balanced', message: `expected ${expected}, received "balanced"` });
      }
    }
  } else {
    marketingRate = o.marketingRate;
    marketingSource = 'given';
  }
  if (problems.length > 0) throw InvalidParameterError.fromProblems(problems);

  const given = (key: keyof ProjectionOptions) => options[key] !== undefined;
  const assumptions: ProjectionAssumption[] = [
    {
      parameter: 'annualChurnRate',
      value: annualChurnRate,
      isDefault: !given('annualChurnRate'),
      source: given('annualChurnRate')
        ? `given; monthly hazard 1 − (1 − ${annualChurnRate})^(1/12) = ${monthlyChurnHazard.toFixed(6)}`
        : `1 − scenario.economics.retention (${retention}): an assumption, replace it with your own churn. The default retention 0.8 gives 20% a year: [F] as a national figure ("Danish companies lose ~20% of their customers a year"), inside industry ranges of 14–26% [Q]. Monthly hazard 1 − ${retention}^(1/12) = ${monthlyChurnHazard.toFixed(6)}`,
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
  return {
    resolved: Object.freeze({
      months,
      incidentRate,
      annualChurnRate,
      monthlyChurnHazard,
      marketingRate,
      afterChurn,
      retellDelayMonths,
      memoryMonths,
      warningWindow,
      name: o.name,
      perReplicate: o.perReplicate,
      startCustomers,
      startProspects,
    }),
    assumptions,
  };
}
