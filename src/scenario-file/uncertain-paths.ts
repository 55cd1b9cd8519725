/**
 * Where a scenario file's numbers may be distributions, and how the JSON Schema says so.
 *
 * The model's sections — incidents, complaints, behaviour, spread, economics, and the
 * policies with their ladders — are drawn. The rest is the same in every draw: the network
 * and its roles (built once), the run's settings (seed, replicates), the break-even search
 * and the sensitivity swings (they run at the base case), the projection (it runs at the
 * base case too), and the `uncertainty` section itself.
 */
import { z } from 'zod';
import type { Path } from '../parameters/index.js';
import { distributionSchema } from '../uncertainty/distributions.js';

/** Why a distribution may not stand at this path of a scenario file, or null when it may. */
export function fileRefusal(parts: Path): string | null {
  switch (parts[0]) {
    case 'incidents':
    case 'complaints':
    case 'behaviour':
    case 'spread':
    case 'economics':
    case 'policies':
      return null;
    case 'network':
      return 'the network is the same in every draw';
    case 'roles':
      return 'roles are assigned once, with the network: the same in every draw';
    case 'projection':
      return 'the projection runs at the base case, every distribution at its mean';
    case 'breakEven':
      return 'the break-even search runs at the base case, every distribution at its mean';
    case 'sensitivity':
      return 'the sensitivity swings run at the base case, every distribution at its mean';
    case 'uncertainty':
      return 'a setting of the analysis';
    default:
      return 'a setting of the run';
  }
}

/** A discrete distribution with integer values: what an integer parameter may take. */
const integerDistribution = {
  type: 'object',
  properties: {
    dist: { type: 'string', const: 'discrete' },
    values: { type: 'array', items: { type: 'integer' }, minItems: 1, description: 'the possible values (integers)' },
    weights: { type: 'array', items: { type: 'number', minimum: 0 }, description: 'relative weight of each value (equal when absent)' },
    source: { type: 'string', description: 'where the range comes from' },
  },
  required: ['dist', 'values'],
  additionalProperties: false,
  description: 'a discrete distribution with integer values',
};

const shareWeights = { type: 'object', additionalProperties: { type: 'number', minimum: 0 } };
const dirichlet = {
  type: 'object',
  properties: {
    dist: { type: 'string', const: 'dirichlet' },
    alpha: { ...shareWeights, description: 'the concentration of each share, ≥ 0' },
    mean: { ...shareWeights, description: 'the mean shares, summing to 1 (with concentration)' },
    concentration: { type: 'number', exclusiveMinimum: 0, description: 'Σα: how many observations the mean shares are worth' },
    source: { type: 'string', description: 'where the shares come from' },
  },
  required: ['dist'],
  additionalProperties: false,
  description: 'a Dirichlet on shares that sum to 1: alpha, or mean and concentration',
};

const META_KEYS = ['description', 'default', 'label', 'unit', 'source', 'defaultText', 'title'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberSchema(node: Record<string, unknown>): boolean {
  return node.type === 'number' || node.type === 'integer';
}

/** The node with its number form (or each number option of an anyOf) joined by "or a distribution". */
function withDistribution(node: Record<string, unknown>): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) (META_KEYS.includes(k) ? meta : rest)[k] = v;
  const ref = (n: Record<string, unknown>) => ({ $ref: n.type === 'integer' ? '#/$defs/integerDistribution' : '#/$defs/distribution' });
  if (Array.isArray(rest.anyOf)) {
    const options = rest.anyOf as Array<Record<string, unknown>>;
    const numbers = options.filter(isNumberSchema);
    return { ...meta, ...rest, anyOf: [...options, ...numbers.map(ref)] };
  }
  return { ...meta, anyOf: [rest, ref(rest)] };
}

/**
 * The scenario file's JSON Schema with every number a file may draw written as "a number
 * or a distribution" (`$defs/distribution`; integers `$defs/integerDistribution`), and
 * the mappings of shares (`isShares`) as "the mapping or a Dirichlet" (`$defs/dirichlet`).
 */
export function allowDistributions(schema: Record<string, unknown>, isShares: (parts: Path) => boolean): Record<string, unknown> {
  const visit = (node: unknown, parts: Array<string | number>, isProperty: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n, parts, false));
    if (!isRecord(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && isRecord(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, [...parts, k], true)]));
      else if (key === 'items' && isRecord(value)) out[key] = visit(value, [...parts, 0], true);
      else if (key === 'anyOf' || key === 'allOf' || key === 'oneOf') out[key] = (value as unknown[]).map((v) => visit(v, parts, false));
      else out[key] = value;
    }
    if (!isProperty || parts.length === 0 || fileRefusal(parts) !== null) return out;
    const numeric = isNumberSchema(out) || (Array.isArray(out.anyOf) && (out.anyOf as unknown[]).some((o) => isRecord(o) && isNumberSchema(o)));
    if (numeric) return withDistribution(out);
    if (isShares(parts)) {
      const meta: Record<string, unknown> = {};
      const rest: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(out)) (META_KEYS.includes(k) ? meta : rest)[k] = v;
      return { ...meta, anyOf: [rest, { $ref: '#/$defs/dirichlet' }] };
    }
    return out;
  };
  const visited = visit(schema, [], false) as Record<string, unknown>;
  const distribution = z.toJSONSchema(distributionSchema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  delete distribution.$schema;
  return { ...visited, $defs: { distribution, integerDistribution, dirichlet } };
}
