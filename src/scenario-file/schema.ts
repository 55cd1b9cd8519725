/**
 * The scenario file format: nothing declared here but the file's own fields (name, seed,
 * replicates, which policy is the baseline, what to compute). Every section is the
 * schema of the module that owns it — the network's, the roles', the incidents',
 * complaints', behaviour's, spread's, economics', the policies', the projection's, the
 * sensitivity's — so a file and the library can never disagree.
 */
import { z } from 'zod';
import { planSwings, sensitivitySpecSchema } from '../decision/sensitivity.js';
import { uncertaintySettingsSchema } from '../decision/uncertainty.js';
import { policiesSchema, policyKey, policySchema } from '../experience/policy.js';
import { scenarioSectionsSchema } from '../measure/scenario.js';
import { roleSharesSchema } from '../network/roles.js';
import { networkSpecSchema } from '../network/specs.js';
import { addProblem, count, describe, money, schemaAt, schemaProblems, seed, text, whenValid } from '../parameters/index.js';
import { projectionParametersSchema } from '../projection/options.js';
import { sharesOf } from '../uncertainty/draw.js';
import { allowDistributions } from './uncertain-paths.js';
import { LOCALES } from '../report/locale/index.js';

/** What a break-even search may vary: a policy's amount, or the incidents' amount at stake. */
export const BREAK_EVEN_PARAMETERS = ['fee', 'credit', 'repairCost', 'amount'] as const;

const breakEvenSchema = describe(
  z
    .strictObject({
      parameter: describe(z.enum(BREAK_EVEN_PARAMETERS), { description: "the first policy's fee, credit or repair cost, or the incidents' amount at stake" }),
      policies: describe(z.tuple([z.string().min(1), z.string().min(1)]), { description: 'the two policies, by name (the parameter belongs to the first)' }),
      low: money({ description: 'lower end of the search' }),
      high: money({ description: 'upper end of the search' }),
    })
    .superRefine((b, ctx) => {
      if (b.high <= b.low) addProblem(ctx, ['high'], `a number above low (${b.low})`, b.high);
      if (policyKey(b.policies[0]) === policyKey(b.policies[1])) addProblem(ctx, ['policies', 1], 'a policy other than the first of the pair', b.policies[1]);
    }, whenValid('low', 'high', 'policies')),
  { description: 'find the fee, credit, repair cost or amount at which two policies are worth the same' },
);

const sensitivitySchema = describe(z.union([z.boolean(), z.array(describe(sensitivitySpecSchema, { description: 'one parameter to swing' }))]), {
  description: 'swing parameters one at a time: true for the default list with sourced ranges, or a list of { path, low, high, source }',
});

const fileProjectionSchema = describe(
  z.intersection(projectionParametersSchema, z.object({ replicates: count({ description: 'replicates of the projection', defaultText: 'the scenario replicates, at most 200' }, 2).optional() })),
  { description: 'project customers, churn and the dark number month by month (docs/projection.md)' },
);

const uncertaintySchema = describe(z.union([z.literal('defaults'), uncertaintySettingsSchema]), {
  description: 'how sure are we: the draws of the distributions (docs/uncertainty.md); "defaults" also draws the built-in defaults\' sourced ranges',
});

const fields = {
  name: text({ description: 'the scenario, as it will be named in the report' }),
  description: describe(z.string(), { description: 'what situation the scenario models' }).optional(),
  seed: describe(seed(), { description: 'the seed: the same seed gives the same numbers' }).default(1),
  replicates: count({ description: 'Monte Carlo replicates' }, 2).default(1000),
  currency: describe(z.string().min(1).max(8), { description: 'currency label for money in the report' }).default('kr'),
  locale: describe(z.enum(LOCALES), {
    description: "the report's language: en, da (Danish), sv (Swedish) or nb (Norwegian Bokmål); numbers are formatted for it. hearsay run --locale overrides it",
    label: 'Report language',
  }).default('en'),
  network: networkSpecSchema,
  roles: roleSharesSchema,
  ...scenarioSectionsSchema.shape,
  policies: policiesSchema,
  baseline: text({ description: 'the policy the others are compared against (current practice)', defaultText: 'the first policy' }).optional(),
  breakEven: breakEvenSchema.optional(),
  projection: fileProjectionSchema.optional(),
  sensitivity: sensitivitySchema.default(false),
  uncertainty: uncertaintySchema.optional(),
};

/** Whether the file has a list of policies with names (all the file's rules need). */
function namedPolicies(value: unknown): boolean {
  const policies = (value as { policies?: unknown } | null)?.policies;
  return Array.isArray(policies) && policies.every((p) => typeof (p as { name?: unknown } | null)?.name === 'string');
}

/** Rules across the file's own fields (each section's rules sit with the section). */
function fileRules(file: z.output<z.ZodObject<typeof fields>>, ctx: z.RefinementCtx): void {
  const names = file.policies.map((p) => p.name);
  const list = names.map((n) => JSON.stringify(n)).join(', ');
  if (file.baseline !== undefined && !names.includes(file.baseline)) addProblem(ctx, ['baseline'], `the name of one of the policies (${list})`, file.baseline);
  if (file.breakEven !== undefined) {
    const indices = file.breakEven.policies.map((name, i) => {
      const at = names.indexOf(name);
      if (at < 0) addProblem(ctx, ['breakEven', 'policies', i], `the name of one of the policies (${list})`, name);
      return at;
    });
    const first = indices[0]!;
    const { parameter, low, high } = file.breakEven;
    if (first >= 0 && parameter !== 'amount') {
      // The parameter must be one the first policy has: the policy with it set must be valid.
      for (const value of [low, high]) {
        const problems = schemaProblems(policySchema, { ...file.policies[first]!, [parameter]: value });
        const own = problems.find((p) => p.path[0] === parameter);
        if (own !== undefined) {
          addProblem(ctx, ['breakEven', 'parameter'], `a parameter of policy "${names[first]}" (${own.expected})`, parameter);
          break;
        }
      }
    }
  }
}

/** Each swing of the sensitivity list must be a valid value of its parameter. */
function swingRule(file: z.output<z.ZodObject<typeof fields>>, ctx: z.RefinementCtx): void {
  if (!Array.isArray(file.sensitivity)) return;
  const sections = { incidents: file.incidents, complaints: file.complaints, behaviour: file.behaviour, spread: file.spread, economics: file.economics };
  for (const problem of planSwings(sections, file.policies, file.sensitivity).problems) addProblem(ctx, ['sensitivity', ...problem.path], problem.expected, problem.received);
}

export const scenarioFileSchema = describe(
  z
    .strictObject(fields)
    // The rules read only policy names (and each swing's own effect), so they run even
    // when other parts of the file have problems: every problem comes in one pass.
    .superRefine(fileRules, { when: (payload) => namedPolicies(payload.value) && whenValid('baseline', 'breakEven').when(payload) })
    .superRefine(swingRule, { when: (payload) => namedPolicies(payload.value) && whenValid('sensitivity').when(payload) }),
  { description: 'a hearsay scenario: the people, their problem, how it is handled, what it costs, and what to compute' },
);

/** A scenario file as written (optional fields may be left out). */
export type ScenarioFile = z.input<typeof scenarioFileSchema>;

/** The JSON Schema of scenario files (draft 2020-12), for editor autocompletion. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  // Numbers of the drawn sections may be distributions (validated by the file's own checks).
  const drawn = allowDistributions(schema, (parts) => {
    const here = schemaAt(scenarioFileSchema, parts, undefined);
    return here !== undefined && sharesOf(here) !== undefined;
  });
  return { ...drawn, $id: 'urn:hearsay:scenario', title: 'hearsay scenario' };
}
