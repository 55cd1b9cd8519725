/**
 * `uncertainty: defaults`: the built-in defaults whose sources give a range (or a survey
 * figure whose error can be bounded) become distributions, each with its source. Built
 * from the ranges the project already quotes — the default sensitivity ranges
 * (DEFAULT_SENSITIVITY in compare.ts) and the sources declared beside each parameter
 * (docs/model.md, ../shared/DOMAIN.md) — and applied only to parameters a scenario leaves
 * unset: a value written in the scenario is taken as known.
 *
 * Shape by what the source says: a range with a most likely value (the default) is a PERT
 * on the range with its mode at the default (Vose 2008); a range with nothing said about
 * where in it the truth lies is uniform; a survey share quoted without its sampling error
 * is a beta around it with an sd we assume. Every distribution's mode or mean is the
 * declared default (tested), so the base case stays where the defaults were, except where
 * a PERT's range is lopsided (the audience: mean 4.67 for a mode of 4).
 */
import type { DistributionSpec } from '../uncertainty/distributions.js';
import { getPath, setPath } from '../parameters/paths.js';

/** One default distribution. */
export interface DefaultDistribution {
  /** The parameter, as in scenario files; `policies[].x` means every policy that leaves x unset. */
  readonly path: string;
  readonly distribution: DistributionSpec & { readonly source: string };
  /** When it applies, in words (empty: always). */
  readonly when: string;
}

/** The TARP repurchase rates (docs/model.md), by severity and outcome. */
const TARP = {
  minor: { silent: 0.37, unresolved: 0.46, resolved: 0.7, resolvedQuickly: 0.95 },
  major: { silent: 0.09, unresolved: 0.19, resolved: 0.54, resolvedQuickly: 0.82 },
} as const;

const TARP_SOURCE = '[Q] TARP national survey (Barlow & Møller), point estimate; the survey\'s sampling error is not quoted: sd 0.05 [A]';

/** The default distributions, in the order of the parameter table. */
export const DEFAULT_DISTRIBUTIONS: readonly DefaultDistribution[] = Object.freeze([
  {
    path: 'complaints.probability',
    distribution: { dist: 'uniform', low: 0.5, high: 0.75, source: '[Q] Goodman/TARP: 50–75% of money-loss problems are complained about; uniform, no value in the range quoted as likelier [A]' },
    when: 'money is at stake (incidents.moneyLoss not false)',
  },
  ...(['minor', 'major'] as const).flatMap((severity) =>
    (['silent', 'unresolved', 'resolved', 'resolvedQuickly'] as const).map((outcome) => ({
      path: `behaviour.repurchase.${severity}.${outcome}`,
      distribution: { dist: 'beta' as const, mean: TARP[severity][outcome], sd: 0.05, source: TARP_SOURCE },
      when: `the incidents are ${severity} (incidents.severity)`,
    })),
  ),
  {
    path: 'behaviour.negativeTalkProbability',
    distribution: { dist: 'pert', low: 0.2, mode: 0.31, high: 0.45, source: '[Q] Verde (2006): 31% of shoppers with a problem told someone; 0.2–0.45 (± a third) as the sensitivity range [A]' },
    when: '',
  },
  {
    path: 'behaviour.audience.negative.mean',
    distribution: { dist: 'pert', low: 2, mode: 4, high: 10, source: '[Q] Verde (2006) "on average four people" to TARP\'s 10 (soft drinks); 2 at the low end [A]' },
    when: '',
  },
  {
    path: 'spread.tellProbability',
    distribution: { dist: 'pert', low: 0.2, mode: 0.4, high: 0.6, source: '[A] 0.2–0.6 around the default 0.4 (the sensitivity range)' },
    when: 'word of mouth is on (spread not false)',
  },
  {
    path: 'spread.retellProbability',
    distribution: { dist: 'pert', low: 0.15, mode: 0.31, high: 0.5, source: "[Q] Verde (2006)'s 31%, applied to listeners; 0.15–0.5 [A] (the sensitivity range)" },
    when: 'word of mouth is on (spread not false)',
  },
  {
    path: 'spread.purchaseProbability',
    distribution: {
      dist: 'pert',
      low: 0.05,
      mode: 0.14,
      high: 0.5,
      source: '[A] derived: the default 0.14 is a balanced market\'s yearly conversion; balanced markets convert 5% (14% churn, one customer per three prospects) to 46% (26% churn, two per prospect)',
    },
    when: 'word of mouth is on (spread not false)',
  },
  {
    path: 'spread.negativeShift',
    distribution: { dist: 'pert', low: 0.05, mode: 0.1, high: 0.15, source: '[Q] East, Hammond & Lomax (2008): mean shift −0.11; ± half [A] (the sensitivity range)' },
    when: 'word of mouth is on (spread not false)',
  },
  {
    path: 'spread.positiveShift',
    distribution: { dist: 'pert', low: 0.1, mode: 0.2, high: 0.3, source: '[Q] East, Hammond & Lomax (2008): mean shift +0.20; ± half [A], as for the negative shift' },
    when: 'word of mouth is on (spread not false)',
  },
  {
    path: 'economics.retention',
    distribution: { dist: 'uniform', low: 0.74, high: 0.86, source: '[Q] annual churn of 14–26% (industry figures); uniform, no value in the range quoted as likelier [A]' },
    when: '',
  },
  {
    path: 'policies[].firstContactResolution',
    distribution: { dist: 'pert', low: 0.6, mode: 0.7, high: 0.8, source: '[Q] SQM Group: call-centre average ~70%, world class ≥ 80%; 0.6–0.8 [A]' },
    when: 'drawn once for every policy that leaves it unset (the same front line)',
  },
] satisfies DefaultDistribution[]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a default applies to a model (the scenario's sections and policies, as in files). */
function applies(entry: DefaultDistribution, model: Record<string, unknown>): boolean {
  const incidents = isRecord(model.incidents) ? model.incidents : {};
  if (entry.path === 'complaints.probability') return incidents.moneyLoss !== false;
  const severity = /^behaviour\.repurchase\.(minor|major)\./.exec(entry.path)?.[1];
  if (severity !== undefined) return (incidents.severity ?? 'major') === severity;
  if (entry.path.startsWith('spread.')) return model.spread !== false;
  return true;
}

/** Whether a value may be set at `path` (every section on the way a mapping, or absent). */
function settable(model: unknown, path: string): boolean {
  const parts = path.split('.');
  let node: unknown = model;
  for (let i = 0; i < parts.length - 1; i++) {
    if (node === undefined) return true;
    if (!isRecord(node)) return false;
    node = node[parts[i]!];
  }
  return node === undefined || isRecord(node);
}

/**
 * The model with every applicable default distribution placed where the model leaves the
 * parameter unset (a value of its own, number or distribution, is kept), and the paths
 * that received one. The model is not changed.
 */
export function withDefaultDistributions<T extends Record<string, unknown>>(model: T): { model: T; added: string[] } {
  let out = model;
  const added: string[] = [];
  for (const entry of DEFAULT_DISTRIBUTIONS) {
    if (!applies(entry, model)) continue;
    if (entry.path.startsWith('policies[].')) {
      const key = entry.path.slice('policies[].'.length);
      const policies = model.policies;
      if (!Array.isArray(policies)) continue;
      policies.forEach((policy, i) => {
        if (isRecord(policy) && policy[key] === undefined) {
          out = setPath(out, `policies[${i}].${key}`, { ...entry.distribution });
          added.push(`policies[${i}].${key}`);
        }
      });
      continue;
    }
    if (!settable(out, entry.path) || getPath(out, entry.path) !== undefined) continue;
    out = setPath(out, entry.path, { ...entry.distribution });
    added.push(entry.path);
  }
  return { model: out, added };
}
