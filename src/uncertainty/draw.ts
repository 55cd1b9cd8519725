/**
 * Parameters written as distributions, found in a value along its schema, checked, and
 * drawn. Any number a schema expects may be written instead as a distribution —
 * `{ dist: 'beta', mean: 0.3, sd: 0.1, source: '[A] …' }` — in a scenario file and in the
 * library alike (the same object). {@link findDistributions} walks the value with its
 * schema ({@link schemaAt}): where a number is expected and a mapping with `dist` is found,
 * the spec is validated (every problem with its path), its support must fit the number's
 * range ({@link supportFits}: a probability's distribution stays in [0, 1], an integer
 * takes only a discrete distribution with integer values), and the parameter is recorded.
 *
 * Shares of one mapping that must sum to 1 (the complaint channels) cannot be drawn one by
 * one — the sum would drift from 1 in almost every draw — so the mapping itself takes a
 * Dirichlet: `channels: { dist: dirichlet, alpha: { frontLine: 46, headOffice: 2.5, public:
 * 1.5 } }` or `{ dist: dirichlet, mean: { … }, concentration: 50 }` (α = mean ·
 * concentration). Each share is then a parameter of its own for the value of information.
 *
 * Drawing: each distribution (a "unit": one number, or the shares of one Dirichlet) draws
 * from a stream named after its own path below the draw's stream, so adding, removing or
 * reordering a parameter never changes another's draws ({@link drawParameters}).
 */
import { z } from 'zod';
import { describeValue, formatPath, type ParameterProblem } from '../errors.js';
import { schemaAt, schemaProblems, type Path } from '../parameters/check.js';
import { coreOf, numericRange, type NumericRange } from '../parameters/declare.js';
import { setPath } from '../parameters/paths.js';
import { childRng, type Rng } from '../random/rng.js';
import { MAX_ENDPOINT_ROUNDING_RISK, compileDistribution, distributionSchema, supportFits, type Distribution, type DistributionSpec } from './distributions.js';

/** A Dirichlet on the shares of one mapping (they sum to 1 in every draw). */
export interface DirichletSpec {
  readonly dist: 'dirichlet';
  /** The concentration parameter of each share, α ≥ 0 (0: the share is always 0); at least two > 0. */
  readonly alpha?: Readonly<Record<string, number>>;
  /** Or the mean shares (≥ 0, summing to 1) … */
  readonly mean?: Readonly<Record<string, number>>;
  /** … and the concentration Σα > 0: as many observations as this are worth (α = mean · concentration). */
  readonly concentration?: number;
  readonly source?: string;
}

/** What a number in a model may be: the number, or a distribution of it. */
export type NumberOrDistribution = number | DistributionSpec;

/** Every value of `T` may also be a distribution: numbers become `number | DistributionSpec`. */
export type Uncertain<T> = T extends number
  ? number | DistributionSpec
  : T extends string | boolean | null | undefined | bigint | symbol
    ? T
    : T extends readonly (infer U)[]
      ? ReadonlyArray<Uncertain<U>>
      : T extends object
        ? { readonly [K in keyof T]: Uncertain<T[K]> } | (AllNumbers<T> extends true ? DirichletSpec : never)
        : T;

/** True when every value of a mapping is a number (a Dirichlet may stand for it). */
type AllNumbers<T> = [keyof T] extends [never] ? false : { [K in keyof T]-?: NonNullable<T[K]> extends number ? true : false }[keyof T] extends true ? true : false;

/** One uncertain parameter. */
export interface UncertainParameter {
  /** Its path (`behaviour.negativeFrom`, `policies[0].fee`, `complaints.channels.public`): the first of {@link paths}. */
  readonly path: string;
  readonly parts: Path;
  /** Every path it stands at: one, or several linked ones drawn once (see {@link FindDistributionsOptions.linkKey}). */
  readonly paths: readonly string[];
  /** How to name it: the path, or for linked paths `policies[0,2].firstContactResolution`. */
  readonly label: string;
  /** The distribution as written (for a share of a Dirichlet, the Dirichlet). */
  readonly spec: DistributionSpec | DirichletSpec;
  /** Where the belief comes from (`spec.source`), if said. */
  readonly source: string | undefined;
  readonly mean: number;
  readonly variance: number;
  /** Closed interval every draw lies in. */
  readonly support: { readonly low: number; readonly high: number };
  /**
   * The base case: the distribution's mean; for an integer parameter the value of the
   * distribution nearest its mean (the smaller on a tie).
   */
  readonly central: number;
  /** The parameter's allowed range. */
  readonly range: NumericRange;
  /** The unit that draws it. */
  readonly unit: number;
}

/** What draws one or more parameters from one stream: a number's distribution, or a Dirichlet's shares. */
export interface DrawUnit {
  /** Where the spec stands (the first place, when linked); the unit's stream is named after it. */
  readonly path: string;
  /** Every place its value goes (numbers: linked paths; shares: the mapping). */
  readonly paths: readonly string[];
  readonly kind: 'number' | 'shares';
  /** For shares: the mapping's keys, in the schema's order. */
  readonly keys: readonly string[];
  /** Index of its first parameter, and how many it draws. */
  readonly first: number;
  readonly count: number;
  /** Writes `count` values at `out[offset …]`. */
  sample(rng: Rng, out: Float64Array, offset: number): void;
}

/** What {@link findDistributions} found. */
export interface FoundDistributions {
  /** In the order of the value (depth first, keys in their written order). */
  readonly parameters: readonly UncertainParameter[];
  readonly units: readonly DrawUnit[];
  /** Problems of the distributions, paths relative to the value. */
  readonly problems: readonly ParameterProblem[];
  /** Where distributions stand, valid or not: problems a schema reports at these paths are theirs, already said. */
  readonly locations: readonly Path[];
}

export interface FindDistributionsOptions {
  /** Why no distribution may stand at a path (e.g. "the network is the same in every draw"), or null when one may. */
  readonly refuse?: (parts: Path) => string | null;
  /**
   * Paths with the same key (not null) holding the same distribution are one unknown,
   * drawn once for all of them: e.g. `policies[*].escalation[0].handlingCost`, so the same
   * uncertain cost written into every policy (a YAML anchor) takes one value per draw.
   */
  readonly linkKey?: (parts: Path) => string | null;
}

/** JSON with keys sorted: equal for equal specifications, whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `policies[0,2].fee` for linked paths that differ only in one index; else the paths joined. */
function linkedLabel(paths: readonly Path[]): string {
  if (paths.length === 1) return formatPath(paths[0]!);
  const first = paths[0]!;
  const differ = first.map((_, i) => paths.some((p) => p[i] !== first[i]));
  const at = differ.indexOf(true);
  if (differ.filter(Boolean).length === 1 && typeof first[at] === 'number' && paths.every((p) => p.length === first.length)) {
    const head = formatPath(first.slice(0, at));
    const tail = formatPath(first.slice(at + 1));
    return `${head}[${paths.map((p) => p[at]).join(',')}]${tail === '' ? '' : tail.startsWith('[') ? tail : `.${tail}`}`;
  }
  return paths.map((p) => formatPath(p)).join(' + ');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** True when a value is written as a distribution: a mapping with a `dist` key (no parameter of hearsay is called `dist`). */
export function isDistributionLike(value: unknown): value is Record<string, unknown> & { dist: unknown } {
  return isPlainObject(value) && Object.hasOwn(value, 'dist');
}

/** "a beta distribution", for messages. */
export function describeDistribution(value: unknown): string {
  const dist = isDistributionLike(value) ? value.dist : undefined;
  return typeof dist === 'string' && /^[a-z]{1,20}$/.test(dist) ? `a ${dist} distribution` : 'a distribution';
}

/** A distribution as one short phrase: `beta (mean 0.19, sd 0.06)`, `pert (0.2, 0.31, 0.45)`. */
export function formatDistribution(spec: DistributionSpec | DirichletSpec): string {
  const n = (x: number) => String(Number(x.toPrecision(4)));
  const s = spec as unknown as Record<string, unknown>;
  const named = (keys: readonly string[]) =>
    keys
      .filter((k) => typeof s[k] === 'number')
      .map((k) => `${k} ${n(s[k] as number)}`)
      .join(', ');
  switch (spec.dist) {
    case 'triangular':
    case 'pert':
      return `${spec.dist} (${n(spec.low)}, ${n(spec.mode)}, ${n(spec.high)})`;
    case 'uniform':
      return `uniform (${n(spec.low)} to ${n(spec.high)})`;
    case 'discrete':
      return `discrete (${spec.values.map(n).join(', ')}${spec.weights === undefined ? '' : `; weights ${spec.weights.map(n).join(', ')}`})`;
    case 'dirichlet': {
      const m = spec.alpha ?? spec.mean ?? {};
      const parts = Object.entries(m).map(([k, v]) => `${k} ${n(v)}`);
      return `dirichlet (${spec.alpha !== undefined ? 'α ' : 'mean '}${parts.join(', ')}${spec.concentration === undefined ? '' : `; concentration ${n(spec.concentration)}`})`;
    }
    default:
      return `${spec.dist} (${named(['mean', 'sd', 'alpha', 'beta', 'shape', 'scale', 'mu', 'sigma', 'low', 'high'])})`;
  }
}

/** The number schema a value's schema accepts (itself, or the number option of a union), if any. */
function numberSchemaOf(schema: z.ZodType): z.ZodType | undefined {
  const core = coreOf(schema);
  if (core instanceof z.ZodNumber) return core;
  if (core instanceof z.ZodUnion) {
    for (const option of core.options as readonly z.ZodType[]) {
      const c = coreOf(option);
      if (c instanceof z.ZodNumber) return c;
    }
  }
  return undefined;
}

/**
 * The keys of a mapping of shares that must sum to 1, or undefined: every value a number
 * in [0, 1], and the mapping's own rule accepts equal shares but refuses shares that do
 * not add up (so a mapping of independent probabilities, such as repurchase rates, is not one).
 */
export function sharesOf(schema: z.ZodType): string[] | undefined {
  const core = coreOf(schema);
  if (!(core instanceof z.ZodObject)) return undefined;
  const keys = Object.keys(core.shape as Record<string, z.ZodType>);
  if (keys.length < 2) return undefined;
  for (const key of keys) {
    const n = numberSchemaOf((core.shape as Record<string, z.ZodType>)[key]!);
    const range = n === undefined ? undefined : numericRange(n);
    if (range === undefined || range.min !== 0 || range.max !== 1 || range.integer) return undefined;
  }
  const equal = Object.fromEntries(keys.map((k) => [k, 1 / keys.length]));
  const half = Object.fromEntries(keys.map((k) => [k, 0.5]));
  return schemaProblems(core, equal).length === 0 && schemaProblems(core, half).some((p) => p.path.length === 0) ? keys : undefined;
}

/** Problems of a Dirichlet spec for the mapping with `keys`, paths relative to the spec. */
function dirichletProblems(spec: Record<string, unknown>, keys: readonly string[]): Array<{ path: Path; expected: string; received: unknown }> {
  const out: Array<{ path: Path; expected: string; received: unknown }> = [];
  const add = (path: Path, expected: string, received: unknown) => out.push({ path, expected, received });
  for (const key of Object.keys(spec)) {
    if (!['dist', 'alpha', 'mean', 'concentration', 'source'].includes(key)) add([key], 'no parameter of this name in a dirichlet (it takes alpha, or mean and concentration)', key);
  }
  if (spec.source !== undefined && typeof spec.source !== 'string') add(['source'], 'text saying where the shares come from', spec.source);
  const hasAlpha = spec.alpha !== undefined;
  const hasMean = spec.mean !== undefined || spec.concentration !== undefined;
  if (hasAlpha && hasMean) {
    add([spec.mean !== undefined ? 'mean' : 'concentration'], 'either alpha, or mean and concentration, for a dirichlet, not both', spec.mean ?? spec.concentration);
    return out;
  }
  const weights = hasAlpha ? 'alpha' : 'mean';
  const mapping = spec[weights];
  if (!isPlainObject(mapping)) {
    add([weights], `a mapping with a ${hasAlpha ? 'weight' : 'mean share'} for each of ${keys.join(', ')}${hasAlpha || spec.mean !== undefined ? '' : ' (a dirichlet takes alpha, or mean and concentration)'}`, mapping);
    return out;
  }
  for (const key of Object.keys(mapping)) if (!keys.includes(key)) add([weights, key], `one of the shares (${keys.join(', ')})`, key);
  let positive = 0;
  let sum = 0;
  for (const key of keys) {
    const v = mapping[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) add([weights, key], `a finite number ≥ 0${v === undefined ? ` (every share needs its ${hasAlpha ? 'weight' : 'mean'})` : ''}`, v);
    else {
      sum += v;
      if (v > 0) positive++;
    }
  }
  if (out.length > 0) return out;
  if (positive < 2) add([weights], 'at least two shares with a value > 0 (with one, nothing is uncertain)', mapping);
  if (!hasAlpha) {
    if (Math.abs(sum - 1) > 1e-9) add(['mean'], 'mean shares that sum to 1', sum);
    const c = spec.concentration;
    if (typeof c !== 'number' || !Number.isFinite(c) || !(c > 0)) add(['concentration'], 'a finite number > 0 (the weight of the mean shares, Σα)', c);
  }
  return out;
}

/** A compiled Dirichlet: stick-breaking with betas, so the shares sum to 1 and none is ever negative or NaN. */
function compileDirichlet(spec: Record<string, unknown>, keys: readonly string[], field: string): { alpha: number[]; sample: (rng: Rng, out: Float64Array, offset: number) => void } {
  const mapping = (spec.alpha ?? spec.mean) as Record<string, number>;
  const scale = spec.alpha !== undefined ? 1 : (spec.concentration as number);
  const alpha = keys.map((k) => mapping[k]! * scale);
  const positive = keys.map((_, i) => i).filter((i) => alpha[i]! > 0);
  // Share i (but the last positive) takes Beta(α_i, Σ of the later α) of what is left.
  const breaks: Array<{ index: number; beta: Distribution }> = [];
  for (let p = 0; p < positive.length - 1; p++) {
    const i = positive[p]!;
    let rest = 0;
    for (let q = p + 1; q < positive.length; q++) rest += alpha[positive[q]!]!;
    breaks.push({ index: i, beta: compileDistribution({ dist: 'beta', alpha: alpha[i]!, beta: rest }, field) });
  }
  const last = positive[positive.length - 1]!;
  return {
    alpha,
    sample(rng, out, offset) {
      for (let i = 0; i < keys.length; i++) out[offset + i] = 0;
      let left = 1;
      for (const { index, beta } of breaks) {
        const b = beta.sample(rng);
        out[offset + index] = left * b;
        left *= 1 - b;
      }
      out[offset + last] = left;
    },
  };
}

/**
 * A range's far bounds — the guards against overflow, such as money ≤ 1e12 — widened to
 * the distribution's support when the probability of a draw beyond them is below
 * {@link MAX_ENDPOINT_ROUNDING_RISK}, bounded by Cantelli's inequality from the mean and
 * variance alone (P(X − μ ≥ k) ≤ σ²/(σ² + k²)): so a cost may take a gamma or a lognormal.
 * A bound within reach (pain ≤ 10, a probability ≤ 1) stays; every draw a run makes is
 * checked against the range anyway.
 */
function beyondGuards(d: Distribution, range: NumericRange): NumericRange {
  const tail = (k: number) => (k > 0 ? d.variance / (d.variance + k * k) : 1);
  const high = d.support.high > range.max && tail(range.max - d.mean) < MAX_ENDPOINT_ROUNDING_RISK;
  const low = d.support.low < range.min && tail(d.mean - range.min) < MAX_ENDPOINT_ROUNDING_RISK;
  if (!high && !low) return range;
  return { ...range, ...(high ? { max: d.support.high, maxExclusive: false } : {}), ...(low ? { min: d.support.low, minExclusive: false } : {}) };
}

/** The base case of a distribution for a parameter with `range`. */
function centralOf(d: Distribution, range: NumericRange): number {
  if (!range.integer || d.spec.dist !== 'discrete') return d.mean;
  let best = NaN;
  for (const v of d.spec.values) {
    if (d.logDensity(v) === -Infinity) continue;
    if (Number.isNaN(best) || Math.abs(v - d.mean) < Math.abs(best - d.mean) || (Math.abs(v - d.mean) === Math.abs(best - d.mean) && v < best)) best = v;
  }
  return best;
}

/**
 * Finds every distribution in `value`, walking it with `schema`: each one validated, its
 * support checked against the range of the number it stands for, refused where
 * `options.refuse` says none may stand. Problems come back (never thrown), paths relative
 * to `value`, so they join the schema's own problems in one pass.
 */
export function findDistributions(schema: z.ZodType, value: unknown, options: FindDistributionsOptions = {}): FoundDistributions {
  const parameters: UncertainParameter[] = [];
  const units: DrawUnit[] = [];
  const problems: ParameterProblem[] = [];
  const locations: Path[] = [];
  const problem = (path: Path, expected: string, received: unknown, receivedText?: string) =>
    problems.push({ path, expected, received, message: `expected ${expected}, received ${receivedText ?? describeValue(received)}` });

  const visit = (node: unknown, parts: Array<string | number>): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...parts, i]));
      return;
    }
    if (!isPlainObject(node)) return;
    if (!isDistributionLike(node)) {
      for (const key of Object.keys(node)) visit(node[key], [...parts, key]);
      return;
    }
    const here = schemaAt(schema, parts, value);
    // A key the schema does not know: the schema reports it as such.
    if (here === undefined) return;
    locations.push(parts);
    const field = formatPath(parts);
    const refusal = options.refuse?.(parts) ?? null;
    if (refusal !== null) {
      problem(parts, `a value, not a distribution (${refusal})`, node, describeDistribution(node));
      return;
    }
    const numberSchema = numberSchemaOf(here);
    const shareKeys = numberSchema === undefined ? sharesOf(here) : undefined;
    if (node.dist === 'dirichlet') {
      if (shareKeys === undefined) {
        problem(parts, `${numberSchema === undefined ? 'a mapping of its parameters' : 'one number or its distribution'} (a dirichlet stands for shares of one mapping that sum to 1, such as complaints.channels)`, node, describeDistribution(node));
        return;
      }
      const found = dirichletProblems(node, shareKeys);
      for (const p of found) problem([...parts, ...p.path], p.expected, p.received);
      if (found.length > 0) return;
      const compiled = compileDirichlet(node, shareKeys, field);
      const total = compiled.alpha.reduce((a, b) => a + b, 0);
      const unit = units.length;
      const first = parameters.length;
      shareKeys.forEach((key, i) => {
        const a = compiled.alpha[i]!;
        const mean = a / total;
        parameters.push({
          path: formatPath([...parts, key]),
          parts: [...parts, key],
          paths: [formatPath([...parts, key])],
          label: formatPath([...parts, key]),
          spec: node as unknown as DirichletSpec,
          source: typeof node.source === 'string' ? node.source : undefined,
          mean,
          variance: (a * (total - a)) / (total * total * (total + 1)),
          support: { low: 0, high: a > 0 ? 1 : 0 },
          central: mean,
          range: numericRange(numberSchemaOf((coreOf(here) as z.ZodObject).shape[key] as z.ZodType)!)!,
          unit,
        });
      });
      units.push({ path: field, paths: [field], kind: 'shares', keys: shareKeys, first, count: shareKeys.length, sample: compiled.sample });
      return;
    }
    if (numberSchema === undefined) {
      const hint = shareKeys !== undefined ? `a dirichlet on the whole mapping, for shares that sum to 1, or a distribution on each number inside` : 'a distribution on a number inside it';
      problem(parts, `a mapping of parameters (a distribution stands for one number; here, ${hint})`, node, describeDistribution(node));
      return;
    }
    const parent = parts.length > 0 ? schemaAt(schema, parts.slice(0, -1), value) : undefined;
    if (parent !== undefined && sharesOf(parent) !== undefined) {
      const mapping = formatPath(parts.slice(0, -1));
      problem(parts, `a number: ${mapping} are shares that sum to 1, drawn together (write ${mapping} as { dist: dirichlet, … })`, node, describeDistribution(node));
      return;
    }
    const specProblems = schemaProblems(distributionSchema, node);
    if (specProblems.length > 0) {
      for (const p of specProblems) problems.push({ ...p, path: [...parts, ...p.path] });
      return;
    }
    const range = numericRange(numberSchema)!;
    let d: Distribution;
    try {
      d = compileDistribution(node as unknown as DistributionSpec, field);
      supportFits(d, beyondGuards(d, range), field);
    } catch (error) {
      const e = error as { problems?: readonly ParameterProblem[] };
      if (e.problems === undefined) throw error;
      for (const p of e.problems) problem(parts, p.expected, p.received);
      return;
    }
    const key = options.linkKey?.(parts) ?? null;
    if (key !== null) {
      const link = `${key}\u0000${canonical(d.spec)}`;
      const existing = links.get(link);
      if (existing !== undefined) {
        existing.paths.push(field);
        existing.parts.push(parts);
        return;
      }
      links.set(link, { unit: units.length, paths: [field], parts: [parts] });
    }
    const unit = units.length;
    const first = parameters.length;
    parameters.push({
      path: field,
      parts,
      paths: [field],
      label: field,
      spec: d.spec,
      source: d.spec.source,
      mean: d.mean,
      variance: d.variance,
      support: d.support,
      central: centralOf(d, range),
      range,
      unit,
    });
    units.push({ path: field, paths: [field], kind: 'number', keys: [], first, count: 1, sample: (rng, out, offset) => (out[offset] = d.sample(rng)) });
  };
  const links = new Map<string, { unit: number; paths: string[]; parts: Path[] }>();
  visit(value, []);
  // Linked paths: one unit and one parameter, placed at every path.
  for (const { unit, paths, parts } of links.values()) {
    if (paths.length === 1) continue;
    const u = units[unit]!;
    units[unit] = { ...u, paths };
    const p = parameters[u.first]!;
    parameters[u.first] = { ...p, paths, label: linkedLabel(parts) };
  }
  return { parameters, units, problems, locations };
}

/** True when `path` lies at or below one of `locations`. */
export function isAtOrBelow(path: Path, locations: readonly Path[]): boolean {
  return locations.some((loc) => loc.length <= path.length && loc.every((part, i) => part === path[i]));
}

/**
 * Draws every unit once into `out` (one value per parameter, in parameter order), each
 * from the stream `<draw stream>/parameter/<unit path>`: a parameter's draws depend on the
 * seed, the draw and its own path only.
 */
export function drawParameters(units: readonly DrawUnit[], drawRng: Rng, out: Float64Array): void {
  for (const unit of units) unit.sample(childRng(drawRng, 'parameter', unit.path), out, unit.first);
}

/** The value with every distribution replaced by the parameter values in `values` (parameter order); the input is not changed. */
export function substituteValues<T>(value: T, units: readonly DrawUnit[], values: ArrayLike<number>): T {
  let out = value;
  for (const unit of units) {
    if (unit.kind === 'number') for (const path of unit.paths) out = setPath(out, path, values[unit.first]!);
    else out = setPath(out, unit.path, Object.fromEntries(unit.keys.map((k, i) => [k, values[unit.first + i]!])));
  }
  return out;
}

/** The base-case values: each parameter's {@link UncertainParameter.central}. */
export function centralValues(parameters: readonly UncertainParameter[]): Float64Array {
  return Float64Array.from(parameters, (p) => p.central);
}
