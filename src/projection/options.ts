/**
 * The parameters of a month-by-month projection, each with its default and where the
 * default comes from. Labels follow DOMAIN.md: [Q] quoted by a secondary source, [S]
 * seen in the source, [F] folklore, [A] an assumption of ours, to be replaced by the
 * user's own figure. Every default that drives the result is listed in the result's
 * `assumptions`, so a report can say what it rests on.
 */
import { InvalidParameterError } from '../errors.js';
import type { AbortSignalLike, ReplicateRange } from '../monte-carlo/runner.js';
import type { Seed } from '../random/rng.js';
import type { ResolvedScenario } from '../measure/scenario.js';
import { rejectUnknownKeys, requireBoolean, requireInteger, requireObject, requireOneOf, requireProbability } from '../validate.js';

/** Where a churned customer goes: back into the market, or out of it for the horizon. */
export type AfterChurn = 'prospect' | 'bystander';

export interface ProjectionOptions {
  readonly seed: Seed;
  /** A count R (replicates 0 … R−1) or a range `{ from, to }`. */
  readonly replicates: number | ReplicateRange;
  /** Months projected. Default 60 (five years). */
  readonly months?: number;
  /**
   * The chance that a customer has a problem (an incident) in a month, in [0, 1]; at
   * most one incident per customer per month. Default 0.01 [A]: about 11% of customers
   * a year. Replace it with your own: complaints per customer per month divided by the
   * chance of complaining (`scenario.complaints.probability`). The projection uses the
   * scenario's incident severity and amount; `scenario.incidents.count` (the one-shot
   * figure) is not used.
   */
  readonly incidentRate?: number;
  /**
   * Baseline share of customers lost in a year, for reasons that have nothing to do
   * with complaints. Default 1 − `scenario.economics.retention` (retention defaults to
   * 0.8, so 20% a year: [F] as a national figure, inside industry ranges of 14–26% [Q]).
   * The monthly hazard is 1 − (1 − annualChurnRate)^(1/12).
   */
  readonly annualChurnRate?: number;
  /**
   * The chance that a prospect becomes a customer through marketing in a month, in
   * [0, 1], or `balanced` (default) [A]: the rate at which marketing wins, in the first
   * month, as many customers as baseline churn takes, h·C₀/P₀. With churned customers
   * going back to the market (`afterChurn: 'prospect'`) the customer base is then flat
   * in expectation until complaints and word of mouth move it.
   */
  readonly marketingRate?: number | 'balanced';
  /**
   * A churned customer goes back into the market as a prospect (default) [A] — buying
   * elsewhere now, and marketing may win them back — or out of it as a bystander for the
   * rest of the horizon. Either way they still relay stories.
   */
  readonly afterChurn?: AfterChurn;
  /**
   * Months between hearing a story and retelling it, an integer ≥ 0. Default 1 [A]:
   * each hop of a cascade takes a month, so a story told in month t reaches its
   * second-hand listeners in month t + 1, and a cascade crosses month boundaries. 0
   * runs every cascade within its month (the one-shot model of docs/model.md, month by
   * month).
   */
  readonly retellDelayMonths?: number;
  /**
   * A person who learned a story of one valence within this many months does not start
   * retelling another of that valence (they already know "what that company is like").
   * An integer ≥ 1. Default 12 [A]. It also stops stories bouncing back and forth.
   */
  readonly memoryMonths?: number;
  /**
   * The early warning compares acquisitions with losses over this many months (a rolling
   * sum), an integer ≥ 1. Default 3 [A] (a quarter), less sensitive to a single noisy
   * month than 1, which compares single months. A horizon shorter than 3 months uses
   * the whole horizon by default. In a flat market acquisitions equal losses in
   * expectation and the warning goes off early in about half the replicates, whatever
   * the window; in a growing base it marks when growth stops.
   */
  readonly warningWindow?: number;
  /** The scenario's label in every row. Default `scenario`. */
  readonly name?: string;
  /** Also return one row per replicate, month and metric. Default false. */
  readonly perReplicate?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignalLike;
}

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

export const PROJECTION_KEYS = [
  'seed',
  'replicates',
  'months',
  'incidentRate',
  'annualChurnRate',
  'marketingRate',
  'afterChurn',
  'retellDelayMonths',
  'memoryMonths',
  'warningWindow',
  'name',
  'perReplicate',
  'onProgress',
  'signal',
] as const;

/** Validates the projection options against a resolved scenario and fills in the defaults. */
export function resolveProjectionOptions(
  options: ProjectionOptions,
  scenario: ResolvedScenario,
  field = 'options',
): { resolved: ResolvedProjection; assumptions: ProjectionAssumption[] } {
  requireObject(field, options);
  rejectUnknownKeys(field, options, PROJECTION_KEYS);
  if (scenario.spread !== null && scenario.spread.model !== 'cascade') {
    throw new InvalidParameterError(
      'scenario.spread.model',
      '"cascade" (the projection spreads stories as a cascade that unfolds month by month)',
      scenario.spread.model,
    );
  }
  const months = requireInteger(`${field}.months`, options.months ?? PROJECTION_DEFAULTS.months, 1, 1200);
  const incidentRate = requireProbability(`${field}.incidentRate`, options.incidentRate ?? PROJECTION_DEFAULTS.incidentRate);
  // By default the survival of a year is the scenario's retention itself, so the hazard
  // is 1 − r^(1/12) exactly; the churn rate shown is 1 − r to 15 significant digits
  // (1 − 0.8 is 0.19999999999999996 in binary floating point).
  const retention = scenario.economics.retention;
  const annualChurnRate =
    options.annualChurnRate === undefined
      ? Number((1 - retention).toPrecision(15))
      : requireProbability(`${field}.annualChurnRate`, options.annualChurnRate);
  const monthlyChurnHazard = 1 - Math.pow(options.annualChurnRate === undefined ? retention : 1 - annualChurnRate, 1 / 12);
  const afterChurn = requireOneOf(`${field}.afterChurn`, options.afterChurn ?? PROJECTION_DEFAULTS.afterChurn, ['prospect', 'bystander'] as const);
  const retellDelayMonths = requireInteger(`${field}.retellDelayMonths`, options.retellDelayMonths ?? PROJECTION_DEFAULTS.retellDelayMonths, 0, 1200);
  const memoryMonths = requireInteger(`${field}.memoryMonths`, options.memoryMonths ?? PROJECTION_DEFAULTS.memoryMonths, 1, 1_000_000);
  // The default window is a quarter, or the whole horizon when that is shorter.
  const warningWindow = requireInteger(`${field}.warningWindow`, options.warningWindow ?? Math.min(PROJECTION_DEFAULTS.warningWindow, months), 1, months);
  const name = options.name ?? PROJECTION_DEFAULTS.name;
  if (typeof name !== 'string' || name.length === 0) throw new InvalidParameterError(`${field}.name`, 'a non-empty label', name);
  const perReplicate = requireBoolean(`${field}.perReplicate`, options.perReplicate ?? false);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new InvalidParameterError(`${field}.onProgress`, 'a function (done, total) => void', options.onProgress);
  }

  const role = scenario.network.role;
  let startCustomers = 0;
  let startProspects = 0;
  for (let i = 0; i < role.length; i++) {
    if (role[i] === 1) startCustomers++;
    else if (role[i] === 2) startProspects++;
  }

  const marketingSpec = options.marketingRate ?? PROJECTION_DEFAULTS.marketingRate;
  let marketingRate: number;
  let marketingSource: string;
  if (marketingSpec === 'balanced') {
    if (startProspects === 0 || startCustomers === 0) {
      marketingRate = 0;
      marketingSource = `[A] balanced: the network starts with ${startCustomers} customers and ${startProspects} prospects, so marketing has nobody to win (rate 0)`;
    } else {
      marketingRate = (monthlyChurnHazard * startCustomers) / startProspects;
      if (marketingRate > 1) {
        throw new InvalidParameterError(
          `${field}.marketingRate`,
          `a monthly rate ≤ 1: "balanced" would need ${marketingRate.toFixed(3)} (baseline churn h = ${monthlyChurnHazard.toFixed(5)} × ${startCustomers} customers / ${startProspects} prospects); give a number or more prospects`,
          marketingSpec,
        );
      }
      marketingSource = `[A] balanced: h·C₀/P₀ = ${monthlyChurnHazard.toFixed(5)} × ${startCustomers} / ${startProspects}, so marketing wins in month 1 as many customers as baseline churn takes`;
    }
  } else if (typeof marketingSpec === 'number') {
    marketingRate = requireProbability(`${field}.marketingRate`, marketingSpec);
    marketingSource = 'given';
  } else {
    throw new InvalidParameterError(`${field}.marketingRate`, 'a monthly rate between 0 and 1, or "balanced"', marketingSpec);
  }

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
      name,
      perReplicate,
      startCustomers,
      startProspects,
    }),
    assumptions,
  };
}
