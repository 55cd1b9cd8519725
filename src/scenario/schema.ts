/**
 * The scenario file format, described once. Every parameter carries its description,
 * unit, range, default and the source of the default; that one description drives the
 * validation of files, the JSON Schema for editors, `hearsay schema` (the parameter
 * table in the README and in `--help`) — and the library checks the same ranges again
 * at its own boundary.
 */
import { z } from 'zod';
import { DECISIONS, PUBLIC_ANSWERS } from '../experience/policy.js';
import { SPREAD_DEFAULTS } from '../spread/options.js';

/** What is said about one parameter. */
export interface ParameterMeta {
  readonly description: string;
  readonly unit?: string;
  /** The default as written in a file; absent when the parameter is required. */
  readonly default?: unknown;
  /** Where the default comes from: [Q] quoted, [S] seen in the source, [A] assumption. */
  readonly source?: string;
}

function p<T extends z.ZodType>(schema: T, meta: ParameterMeta): T {
  return schema.meta({ ...meta }) as T;
}
const probability = () => z.number().min(0).max(1);
const money = () => z.number().min(0);
const count = () => z.number().int().min(0);

const seed = z.union([z.number(), z.string().min(1)]);

const generators = {
  'erdos-renyi-gnm': z.strictObject({
    generator: z.literal('erdos-renyi-gnm'),
    size: p(count(), { description: 'people', unit: 'people' }),
    edges: p(count(), { description: 'ties, drawn uniformly among all pairs', unit: 'ties' }),
    seed: p(seed.optional(), { description: 'seed of the network (default: the scenario seed)' }),
  }),
  'erdos-renyi-gnp': z.strictObject({
    generator: z.literal('erdos-renyi-gnp'),
    size: p(count(), { description: 'people', unit: 'people' }),
    probability: p(probability(), { description: 'chance of a tie between any two people' }),
    seed: p(seed.optional(), { description: 'seed of the network (default: the scenario seed)' }),
  }),
  'watts-strogatz': z.strictObject({
    generator: z.literal('watts-strogatz'),
    size: p(count(), { description: 'people', unit: 'people' }),
    neighbors: p(count(), { description: 'ties per person on the ring before rewiring (even)', unit: 'ties' }),
    rewiring: p(probability(), { description: 'chance each tie is rewired to a random person' }),
    seed: p(seed.optional(), { description: 'seed of the network (default: the scenario seed)' }),
  }),
  'barabasi-albert': z.strictObject({
    generator: z.literal('barabasi-albert'),
    size: p(count(), { description: 'people', unit: 'people' }),
    edgesPerPerson: p(count(), { description: 'ties each newcomer makes (mean degree ≈ 2×)', unit: 'ties' }),
    seed: p(seed.optional(), { description: 'seed of the network (default: the scenario seed)' }),
  }),
  'random-regular': z.strictObject({
    generator: z.literal('random-regular'),
    size: p(count(), { description: 'people', unit: 'people' }),
    degree: p(count(), { description: 'ties per person', unit: 'ties' }),
    seed: p(seed.optional(), { description: 'seed of the network (default: the scenario seed)' }),
  }),
  groups: z.strictObject({
    generator: z.literal('groups'),
    size: p(count(), { description: 'people', unit: 'people' }),
    groupSize: p(count().min(1), { description: 'people per personal group (household, circle of friends)', unit: 'people' }),
    insideProbability: p(probability(), { description: 'chance of a strong tie between two people of one group' }),
    acrossProbability: p(probability(), { description: 'chance of a weak tie between two people of different groups' }),
    strongTrust: p(z.number().gt(0).max(1).optional(), { description: 'trust of ties inside groups', default: 1, source: '[A] strong ties near 1 (Goldenberg, Libai & Muller 2001)' }),
    weakTrust: p(z.number().gt(0).max(1).optional(), { description: 'trust of ties across groups', default: 0.25, source: '[A] ratio of weak to strong transmission midpoints (Goldenberg et al. 2001)' }),
    seed: p(seed.optional(), { description: 'seed of the network (default: the scenario seed)' }),
  }),
};

const fileNetwork = z.strictObject({
  file: p(z.string().min(1), { description: 'an edge list (source target [trust] per line) or a graphology JSON export (.json), relative to the scenario file' }),
  directed: p(z.boolean().optional(), { description: 'read "a b" as "a tells b" only', default: false }),
  onDuplicate: p(z.enum(['error', 'drop']).optional(), { description: 'repeated ties: fail, or keep the first', default: 'error' }),
  onSelfLoop: p(z.enum(['error', 'drop']).optional(), { description: 'self-loops: fail, or leave out', default: 'error' }),
});

/** The generators a scenario may name, each with its own parameters. */
export const GENERATOR_SCHEMAS = [
  generators['erdos-renyi-gnm'],
  generators['erdos-renyi-gnp'],
  generators['watts-strogatz'],
  generators['barabasi-albert'],
  generators['random-regular'],
  generators.groups,
] as const;
export const fileNetworkSchema = fileNetwork;
export const networkSchema = z.union([...GENERATOR_SCHEMAS, fileNetwork]);

const audience = z.strictObject({
  mean: p(z.number().min(0), { description: 'mean audience', unit: 'people' }),
  dispersion: p(z.number().gt(0), { description: 'negative-binomial dispersion (smaller: heavier tail)' }),
});

const level = z.strictObject({
  name: p(z.string().min(1), { description: 'who handles the case at this rung (front line, sales manager, director, board)' }),
  authorityLimit: p(money(), { description: 'the largest credit this level may grant without passing the case up', unit: 'currency' }),
  delayDays: p(z.number().min(0).max(3650), { description: 'days the customer waits at this level', unit: 'days' }),
  handlingCost: p(money(), { description: 'what handling one case at this level costs', unit: 'currency' }),
  giveUpProbability: p(probability(), { description: 'chance the customer gives up while waiting here' }),
});

export const policySchema = z.strictObject({
  name: p(z.string().min(1), { description: 'the policy, as it will be named in the report' }),
  description: p(z.string().optional(), { description: 'one sentence on what the policy does, for the report' }),
  decision: p(z.enum(DECISIONS as [string, ...string[]]), { description: 'what the company decides on a complaint' }),
  fee: p(money().optional(), { description: 'refuse-with-fee: the fee billed', unit: 'currency' }),
  credit: p(money().optional(), { description: 'partial-credit: the credit; goodwill: the gesture on top of the refund', unit: 'currency' }),
  repairCost: p(money().optional(), { description: 'repair-or-replace: what the repair costs the company', unit: 'currency', default: 'the amount at stake' }),
  firstContactResolution: p(probability().optional(), { description: 'chance the front line settles a case at the first contact when it has the authority', default: 0.7, source: '[Q] call-centre average (SQM Group)' }),
  handOffProbability: p(probability().optional(), { description: 'chance each contact passes the customer to another agent', default: 0.2, source: '[A]' }),
  maxHandOffs: p(count().max(20).optional(), { description: 'at most this many hand-offs', default: 3, source: '[A]' }),
  escalation: p(z.array(level).min(1).max(10).optional(), { description: 'the escalation ladder, front line first; authority must not decrease', default: 'a front line granting up to 1000 in 2 days' }),
  accessibility: p(probability().optional(), { description: 'share of would-be-silent unhappy customers who complain because complaining is made easy', default: 0, source: '[A]' }),
  accessibilityCost: p(money().optional(), { description: 'cost of making complaining easy, per incident', unit: 'currency', default: 0 }),
  followUpReach: p(probability().optional(), { description: 'share of silent unhappy customers a proactive follow-up reaches', default: 0 }),
  followUpCostPerContact: p(money().optional(), { description: 'cost per follow-up contact (one per incident)', unit: 'currency', default: 0 }),
  publicAnswer: p(z.enum(PUBLIC_ANSWERS as [string, ...string[]]).optional(), { description: 'the answer to a public complaint, seen by its onlookers', default: 'ignore' }),
  publicAnswerCost: p(money().optional(), { description: 'cost of one public answer', unit: 'currency', default: 0 }),
});

const repurchaseRow = z.strictObject({
  silent: p(probability(), { description: 'did not complain' }),
  unresolved: p(probability(), { description: 'complained, not resolved' }),
  resolved: p(probability(), { description: 'complained, resolved' }),
  resolvedQuickly: p(probability(), { description: 'complained, resolved at the first contact' }),
});

export const scenarioSchema = z.strictObject({
  name: p(z.string().min(1), { description: 'the scenario, as it will be named in the report' }),
  description: p(z.string().optional(), { description: 'what situation the scenario models' }),
  seed: p(seed.optional(), { description: 'the seed: the same seed gives the same numbers', default: 1 }),
  replicates: p(count().min(2).optional(), { description: 'Monte Carlo replicates', default: 1000 }),
  currency: p(z.string().min(1).max(8).optional(), { description: 'currency label for money in the report', default: 'kr' }),
  network: p(networkSchema, { description: 'a generator and its parameters, or a file' }),
  roles: p(
    z.strictObject({
      customers: p(probability(), { description: 'share of people who are customers' }),
      prospects: p(probability(), { description: 'share of people in the market who could buy' }),
    }),
    { description: 'who is who (the rest are bystanders who relay stories); exact counts by largest remainder, people drawn at random' },
  ),
  incidents: p(
    z.strictObject({
      count: p(count(), { description: 'customers who have the problem in one replicate', unit: 'customers' }),
      severity: p(z.enum(['minor', 'major']).optional(), { description: 'row of the TARP repurchase table and pain of the problem', default: 'major' }),
      amount: p(money(), { description: 'the money at stake: the repair or refund asked for', unit: 'currency' }),
      moneyLoss: p(z.boolean().optional(), { description: 'the problem costs the customer money (they complain more)', default: true }),
    }),
    { description: 'the problem customers have' },
  ),
  complaints: p(
    z
      .strictObject({
        probability: p(probability().optional(), { description: 'chance an unhappy customer complains at all', default: '0.625 money loss, else 0.06', source: '[Q] Goodman/TARP 50–75%; Wharton/Verde 2006 6%' }),
        channels: p(
          z
            .strictObject({
              frontLine: p(probability(), { description: 'share complaining to the front line' }),
              headOffice: p(probability(), { description: 'share complaining to head office (starts at the second rung)' }),
              public: p(probability(), { description: 'share complaining in public (reviews, social media)' }),
            })
            .optional(),
          { description: 'shares of complainers by channel, summing to 1', default: { frontLine: 0.92, headOffice: 0.05, public: 0.03 }, source: '[Q] Goodman: 1–5% go to head office; public [A]' },
        ),
        publicAudience: p(audience.optional(), { description: 'people who see one public complaint', default: { mean: 30, dispersion: 0.5 }, source: '[A]' }),
      })
      .optional(),
    { description: 'how unhappy customers complain (the complaint iceberg)' },
  ),
  behaviour: p(
    z
      .strictObject({
        repurchase: p(z.strictObject({ minor: repurchaseRow, major: repurchaseRow }).optional(), {
          description: 'chance of buying again by severity and outcome',
          default: 'minor 37/46/70/95%, major 9/19/54/82%',
          source: '[Q] TARP national survey (Barlow & Møller)',
        }),
        negativeFrom: p(z.number().min(0).max(10).optional(), { description: 'remembered pain from which the story is negative', unit: 'pain 0–10', default: 5, source: '[A]' }),
        positiveUpTo: p(z.number().min(0).max(10).optional(), { description: 'remembered pain up to which the story is positive', unit: 'pain 0–10', default: 2, source: '[A]' }),
        negativeTalkProbability: p(probability().optional(), { description: 'chance a customer with a negative story tells anyone', default: 0.31, source: '[Q] Verde 2006' }),
        positiveTalkProbability: p(probability().optional(), { description: 'chance a delighted customer tells anyone', default: 0.155, source: '[A] half the negative rate (TARP)' }),
        audience: p(z.strictObject({ negative: audience, positive: audience }).optional(), {
          description: 'how many people a talking customer tells directly',
          default: { negative: { mean: 4, dispersion: 1 }, positive: { mean: 2, dispersion: 1 } },
          source: '[Q] Verde 2006 "on average four people"; TARP: happy tell half as many',
        }),
      })
      .optional(),
    { description: 'what customers do after an episode' },
  ),
  spread: p(
    z
      .union([
        z.literal(false),
        z.strictObject({
          model: p(z.enum(['cascade', 'threshold', 'rumour']).optional(), { description: 'spread model', default: SPREAD_DEFAULTS.model }),
          tellProbability: p(probability().optional(), { description: 'chance a story of intensity 1 passes over a tie of trust 1', default: SPREAD_DEFAULTS.tellProbability, source: '[A] four of ten close ties (Verde 2006)' }),
          transmission: p(z.enum(['trust', 'plain']).optional(), { description: 'whether trust and intensity scale the chance', default: SPREAD_DEFAULTS.transmission }),
          retellProbability: p(probability().optional(), { description: 'chance a listener retells at hop 1', default: SPREAD_DEFAULTS.retellProbability, source: '[Q] Verde 2006, applied to listeners [A]' }),
          retellDecay: p(probability().optional(), { description: 'factor on the retell chance per further hop', default: SPREAD_DEFAULTS.retellDecay, source: '[A]' }),
          embellishment: p(probability().optional(), { description: 'share of the gap to intensity 1 a negative story gains per retelling', default: SPREAD_DEFAULTS.embellishment, source: '[A] after Verde 2006' }),
          purchaseProbability: p(probability().optional(), { description: "a prospect's prior chance of buying", default: SPREAD_DEFAULTS.purchaseProbability, source: '[A]' }),
          negativeShift: p(z.number().min(0).max(0.5).optional(), { description: 'fall in purchase probability per negative story at prior 0.5', default: SPREAD_DEFAULTS.negativeShift, source: '[Q] East, Hammond & Lomax 2008' }),
          positiveShift: p(z.number().min(0).max(0.5).optional(), { description: 'rise per positive story at prior 0.5', default: SPREAD_DEFAULTS.positiveShift, source: '[Q] East, Hammond & Lomax 2008' }),
          customerChurnShift: p(probability().optional(), { description: 'extra chance a customer leaves per negative story heard', default: SPREAD_DEFAULTS.customerChurnShift, source: '[Q] NWOM hurts acquisition >4× retention (East et al.)' }),
          threshold: p(z.union([z.literal('uniform'), z.number().gt(0).max(1)]).optional(), { description: 'threshold model: uniform or a fixed share', default: 'uniform' }),
          stiflingProbability: p(z.number().gt(0).max(1).optional(), { description: 'rumour model: chance a spreader stops on meeting someone who knows', default: 1 }),
        }),
      ])
      .optional(),
    { description: 'how stories travel, or false for no word of mouth' },
  ),
  economics: p(
    z.strictObject({
      margin: p(money(), { description: 'margin per customer per year', unit: 'currency/year' }),
      retention: p(probability().optional(), { description: 'share of customers still buying a year later', default: 0.8, source: '[Q] annual churn 14–26% (industry figures)' }),
      discountRate: p(z.number().min(0).max(10).optional(), { description: 'yearly discount rate', default: 0.12, source: '[A]' }),
      horizonYears: p(count().min(1).max(1000).optional(), { description: 'lifetime value over this many years only', default: 'no limit' }),
      acquisitionCost: p(money().optional(), { description: 'what winning one new customer costs', unit: 'currency', default: 0 }),
      lossValuation: p(z.enum(['lifetime-value', 'replacement']).optional(), { description: 'a lost customer costs their lifetime value, or the cost of replacing them', default: 'lifetime-value' }),
      winBack: p(
        z
          .strictObject({
            offerCost: p(money(), { description: 'what one offer costs', unit: 'currency' }),
            successProbability: p(probability(), { description: 'chance the offer brings the customer back' }),
          })
          .optional(),
        { description: 'a win-back offer to every customer seen to leave', default: 'none' },
      ),
    }),
    { description: 'the money side' },
  ),
  policies: p(z.array(policySchema).min(1).max(20), { description: 'the complaint policies to compare (names must differ)' }),
  baseline: p(z.string().min(1).optional(), { description: 'the policy the others are compared against', default: 'the first policy' }),
  breakEven: p(
    z
      .strictObject({
        parameter: p(z.enum(['fee', 'credit', 'repairCost', 'amount']), { description: "the policy's fee, credit or repair cost (in the first policy), or the incidents' amount" }),
        policies: p(z.tuple([z.string().min(1), z.string().min(1)]), { description: 'the two policies, by name' }),
        low: p(money(), { description: 'lower end of the search', unit: 'currency' }),
        high: p(money(), { description: 'upper end of the search', unit: 'currency' }),
      })
      .optional(),
    { description: 'find the fee, credit, repair cost or amount at which two policies are worth the same' },
  ),
  projection: p(
    z
      .strictObject({
        months: p(count().min(1).max(600).optional(), { description: 'months projected', unit: 'months', default: 60 }),
        replicates: p(count().min(2).optional(), { description: 'replicates of the projection', default: 'the scenario replicates, at most 200' }),
        incidentRate: p(probability().optional(), { description: 'chance a customer has a problem in a month', unit: 'per month', default: 0.01, source: '[A] about 11% of customers a year' }),
        annualChurnRate: p(probability().optional(), { description: 'baseline share of customers lost in a year, complaints aside', unit: 'per year', default: '1 − economics.retention (20%)', source: '[F] national figure, inside industry ranges of 14–26% [Q]' }),
        marketingRate: p(z.union([probability(), z.literal('balanced')]).optional(), { description: 'chance a prospect becomes a customer through marketing in a month, or balanced (wins what baseline churn takes)', unit: 'per month', default: 'balanced', source: '[A]' }),
        afterChurn: p(z.enum(['prospect', 'bystander']).optional(), { description: 'a churned customer goes back to the market, or out of it', default: 'prospect', source: '[A]' }),
        retellDelayMonths: p(count().max(24).optional(), { description: 'months between hearing a story and retelling it', unit: 'months', default: 1, source: '[A]' }),
        memoryMonths: p(count().min(1).max(600).optional(), { description: 'months a person remembers a story (and does not retell another of that valence)', unit: 'months', default: 12, source: '[A]' }),
        warningWindow: p(count().min(1).max(60).optional(), { description: 'months over which acquisitions are compared with losses for the early warning', unit: 'months', default: 3, source: '[A]' }),
      })
      .optional(),
    { description: 'project customers, churn and the dark number month by month (docs/projection.md)' },
  ),
  sensitivity: p(
    z
      .union([
        z.boolean(),
        z.array(
          z.strictObject({
            path: p(z.string().min(1), { description: 'a dotted path into the scenario (economics.retention, policies[0].fee)' }),
            low: p(z.number(), { description: 'low end of the range' }),
            high: p(z.number(), { description: 'high end of the range' }),
            source: p(z.string().optional(), { description: 'where the range comes from' }),
          }),
        ),
      ])
      .optional(),
    { description: 'swing parameters one at a time (true: the default list with sourced ranges)', default: false },
  ),
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;

/** The JSON Schema of scenario files (draft 2020-12), for editor autocompletion. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'urn:hearsay:scenario', title: 'hearsay scenario' };
}
