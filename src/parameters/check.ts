/**
 * Checking a value against a declared schema, in hearsay's words: every problem with its
 * path, what was expected and what was received, and a suggestion for a misspelt key.
 * The library's options and the scenario file's sections go through this one function,
 * so they can never disagree.
 */
import { z } from 'zod';
import { InvalidParameterError, describeValue, formatPath, type ParameterProblem } from '../errors.js';
import { coreOf, innerOf } from './declare.js';

export type Path = ReadonlyArray<string | number>;

/** The parts of a formatted path (the inverse of {@link formatPath}). */
export function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Raises a rule's problem from a refinement, in the common wording. */
export function addProblem(ctx: z.RefinementCtx, path: Path, expected: string, received: unknown): void {
  ctx.addIssue({ code: 'custom', path: [...path], message: `expected ${expected}`, input: received, params: { expected, received } });
}

/**
 * Options for a refinement that should run whenever the fields it reads are valid, even
 * if other fields of the same object are not: so every problem is reported in one pass.
 */
export function whenValid(...keys: string[]): { when: (payload: z.core.ParsePayload) => boolean } {
  return { when: (payload) => !payload.issues.some((i) => i.path !== undefined && keys.includes(String(i.path[0]))) };
}

/** Levenshtein distance, for did-you-mean. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Words users reach for that mean one of our keys. */
const SYNONYMS: Readonly<Record<string, string>> = { model: 'generator', type: 'generator', kind: 'generator', nodes: 'size', people: 'size', n: 'size' };

/** The closest known key to a misspelt one, if close enough to be a slip. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const synonym = SYNONYMS[key];
  if (synonym !== undefined && known.includes(synonym)) return synonym;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(Math.min(key.length, best.length) / 3)) ? best : undefined;
}

/** The options of a union, or undefined. */
function unionOptions(schema: z.ZodType): readonly z.ZodType[] | undefined {
  return schema instanceof z.ZodUnion ? (schema.options as readonly z.ZodType[]) : undefined;
}

/** The discriminator key of a discriminated union. */
function discriminatorOf(schema: z.ZodType): string | undefined {
  return (schema as unknown as { def?: { discriminator?: string } }).def?.discriminator;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The keys an object-like option declares (all variants of a discriminated union). */
function optionKeys(option: z.ZodType): string[] {
  const c = coreOf(option);
  if (c instanceof z.ZodObject) return Object.keys(c.shape);
  const inner = unionOptions(c);
  return inner === undefined ? [] : inner.flatMap(optionKeys);
}

/** The branch of a union a value is meant for (by discriminator, by a key only it has, else by type). */
function branchFor(options: readonly z.ZodType[], value: unknown, discriminator?: string): z.ZodType | undefined {
  if (discriminator !== undefined && isPlainObject(value)) {
    const found = options.find((o) => {
      const c = coreOf(o);
      const lit = c instanceof z.ZodObject ? coreOf(c.shape[discriminator] as z.ZodType) : undefined;
      return lit instanceof z.ZodLiteral && [...lit.values].includes(value[discriminator] as never);
    });
    if (found !== undefined) return found;
  }
  if (isPlainObject(value)) {
    const objectLike = options.filter((o) => {
      const c = coreOf(o);
      return c instanceof z.ZodObject || c instanceof z.ZodUnion;
    });
    // A discriminated union the value names its variant for, or an option with a key only it has.
    const byDiscriminator = objectLike.find((o) => {
      const d = discriminatorOf(coreOf(o));
      return d !== undefined && d in value;
    });
    if (byDiscriminator !== undefined) return byDiscriminator;
    const byKey = objectLike.find((o) => {
      const own = optionKeys(o);
      return Object.keys(value).some((k) => own.includes(k) && objectLike.every((other) => other === o || !optionKeys(other).includes(k)));
    });
    return byKey ?? objectLike[0];
  }
  return options.find((o) => {
    const c = coreOf(o);
    if (Array.isArray(value)) return c instanceof z.ZodArray || c instanceof z.ZodTuple;
    return !(c instanceof z.ZodObject) && !(c instanceof z.ZodArray) && !(c instanceof z.ZodUnion);
  });
}

/**
 * The schema that checks the value at `path` (walking objects, lists and unions along
 * the value), or undefined when the path leaves the schema.
 */
export function schemaAt(root: z.ZodType, path: Path, value: unknown): z.ZodType | undefined {
  let schema: z.ZodType | undefined = root;
  let v = value;
  for (const part of path) {
    schema = schema === undefined ? undefined : descend(schema, part, v);
    v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[part] : undefined;
    if (schema === undefined) return undefined;
  }
  return schema;
}

function descend(schema: z.ZodType, part: string | number, value: unknown): z.ZodType | undefined {
  const core = coreOf(schema);
  const options = unionOptions(core);
  if (options !== undefined) {
    // The branch the value is meant for; when the value is missing (a section left
    // out), the first branch the path leads into.
    const branch = branchFor(options, value, discriminatorOf(core));
    const found = branch === undefined ? undefined : descend(branch, part, value);
    if (found !== undefined || (value !== undefined && discriminatorOf(core) !== undefined)) return found;
    for (const option of options) {
      const inner = descend(option, part, undefined);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  if (core instanceof z.ZodPipe) return descend((core as unknown as { def: { in: z.ZodType } }).def.in, part, value);
  if (core instanceof z.ZodIntersection) return descend(core.def.left as z.ZodType, part, value) ?? descend(core.def.right as z.ZodType, part, value);
  if (core instanceof z.ZodObject) return (core.shape as Record<string, z.ZodType>)[String(part)];
  if (core instanceof z.ZodArray && typeof part === 'number') return core.element as z.ZodType;
  if (core instanceof z.ZodTuple && typeof part === 'number') return (core.def.items as z.ZodType[])[part];
  if (core instanceof z.ZodRecord) return core.valueType as z.ZodType;
  return undefined;
}

/** Known keys of the object schema at a path (for did-you-mean), and keys of sibling variants. */
function knownKeysAt(root: z.ZodType, path: Path, value: unknown): { known: string[]; variants: Array<{ label: string; keys: string[] }> } {
  let schema = schemaAt(root, path, value);
  const here = path.reduce<unknown>((v, part) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[part] : undefined), value);
  const variants: Array<{ label: string; keys: string[] }> = [];
  if (schema === undefined) return { known: [], variants };
  let core = coreOf(schema);
  for (let options = unionOptions(core); options !== undefined; options = unionOptions(core)) {
    const d = discriminatorOf(core);
    for (const o of options) {
      const c = coreOf(o);
      if (!(c instanceof z.ZodObject)) continue;
      const lit = d === undefined ? undefined : coreOf(c.shape[d] as z.ZodType);
      const label = lit instanceof z.ZodLiteral ? `${d} ${JSON.stringify([...lit.values][0])}` : Object.keys(c.shape)[0] !== undefined ? `the form with "${Object.keys(c.shape)[0]}"` : 'another form';
      variants.push({ label, keys: Object.keys(c.shape) });
    }
    schema = branchFor(options, here, d);
    if (schema === undefined) return { known: [], variants };
    core = coreOf(schema);
  }
  return { known: core instanceof z.ZodObject ? Object.keys(core.shape) : [], variants };
}

/** A bound as people read it: 10000000 as 1e7, 0.5 as 0.5. */
function bound(x: number): string {
  if (Math.abs(x) >= 1e7 && Number.isInteger(Math.log10(Math.abs(x)))) return `${x < 0 ? '-' : ''}1e${Math.log10(Math.abs(x))}`;
  return String(x);
}

/** How a schema's allowed values read in a message ("a number ≥ 0 and ≤ 1", "one of …"). */
export function describeExpected(schema: z.ZodType): string {
  const core = coreOf(schema);
  if (core instanceof z.ZodNumber) {
    const json = z.toJSONSchema(core) as { type?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
    const kind = json.type === 'integer' ? 'an integer' : 'a number';
    const big = (x: number) => Math.abs(x) >= 9e15;
    const lo = json.exclusiveMinimum !== undefined ? `> ${bound(json.exclusiveMinimum)}` : json.minimum !== undefined && !big(json.minimum) ? `≥ ${bound(json.minimum)}` : '';
    const hi = json.exclusiveMaximum !== undefined ? `< ${bound(json.exclusiveMaximum)}` : json.maximum !== undefined && !big(json.maximum) ? `≤ ${bound(json.maximum)}` : '';
    return [kind, [lo, hi].filter(Boolean).join(' and ')].filter(Boolean).join(' ');
  }
  if (core instanceof z.ZodEnum) return `one of ${(core.options as string[]).map((o) => JSON.stringify(o)).join(', ')}`;
  if (core instanceof z.ZodLiteral) return [...core.values].map((v) => JSON.stringify(v)).join(' or ');
  if (core instanceof z.ZodBoolean) return 'true or false';
  if (core instanceof z.ZodString) return 'text';
  if (core instanceof z.ZodArray || core instanceof z.ZodTuple) return 'a list';
  if (core instanceof z.ZodObject || core instanceof z.ZodRecord) return 'a mapping of parameters';
  const options = unionOptions(core);
  if (options !== undefined) return options.map(describeExpected).join(', or ');
  return 'a valid value';
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  int: 'an integer',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of parameters',
  tuple: 'a list',
  record: 'a mapping of parameters',
};

type Issue = z.core.$ZodIssue & { input?: unknown; params?: { expected?: string; received?: unknown } };

/**
 * Every problem of `value` against `schema`, in hearsay's words, paths relative to the
 * value. An empty list means the value is valid.
 */
export function schemaProblems(schema: z.ZodType, value: unknown): ParameterProblem[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  const out: ParameterProblem[] = [];
  for (const issue of result.error.issues) describeIssue(schema, value, issue as Issue, [], out);
  return dropConsequences(dedupe(oneValueExpected(schema, value, out)));
}

/** Where, at or above `path`, the value is written as a distribution (a mapping with `dist`), if anywhere. */
function distributionAbove(root: unknown, path: Path): Path | undefined {
  let node = root;
  for (let i = 0; ; i++) {
    if (isPlainObject(node) && Object.hasOwn(node, 'dist')) return path.slice(0, i);
    if (i === path.length || node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[path[i]!];
  }
}

/**
 * A distribution where a function takes one value (comparePolicies, breakEven, …): one
 * problem at the distribution's path saying what to use instead, in place of whatever the
 * schema made of the mapping.
 */
function oneValueExpected(root: z.ZodType, rootValue: unknown, problems: ParameterProblem[]): ParameterProblem[] {
  const out: ParameterProblem[] = [];
  const said = new Set<string>();
  for (const p of problems) {
    const at = distributionAbove(rootValue, p.path);
    // The value itself a distribution: the schema is the distribution's own.
    if (at === undefined || at.length === 0) {
      out.push(p);
      continue;
    }
    const key = formatPath(at);
    if (said.has(key)) continue;
    said.add(key);
    const here = schemaAt(root, at, rootValue);
    const dist = (at.reduce<unknown>((v, part) => (v as Record<string | number, unknown>)[part], rootValue) as { dist?: unknown }).dist;
    const expected = `${here === undefined ? 'one value' : describeExpected(here)}: one value per parameter here (to draw distributions, use analyseUncertainty)`;
    out.push({ path: at, expected, received: dist, message: `expected ${expected}, received ${typeof dist === 'string' && /^[a-z]{1,20}$/.test(dist) ? `a ${dist} distribution` : 'a distribution'}` });
  }
  return out;
}

/**
 * A misspelt key (`prospect` for `prospects`) also leaves the real one missing: the
 * missing one is a consequence of the slip, so only the slip is reported.
 */
function dropConsequences(problems: ParameterProblem[]): ParameterProblem[] {
  const meant = new Set<string>();
  for (const p of problems) {
    const m = /^no parameter of this name \((?:.*; )?did you mean "([^"]+)"\?\)$/.exec(p.expected);
    if (m !== null) meant.add(formatPath([...p.path.slice(0, -1), m[1]!]));
  }
  if (meant.size === 0) return problems;
  return problems.filter((p) => !(p.received === undefined && meant.has(formatPath(p.path))));
}

function dedupe(problems: ParameterProblem[]): ParameterProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${formatPath(p.path)}\u0000${p.expected}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function push(out: ParameterProblem[], path: Path, expected: string, received: unknown, receivedText?: string): void {
  out.push({ path, expected, received, message: `expected ${expected}, received ${receivedText ?? describeValue(received)}` });
}

function describeIssue(root: z.ZodType, rootValue: unknown, issue: Issue, prefix: Path, out: ParameterProblem[]): void {
  const path = [...prefix, ...(issue.path as Array<string | number>)];
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type': {
      const here = schemaAt(root, path, rootValue);
      const expected = here === undefined ? (TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`) : describeExpected(here);
      if (input === undefined) push(out, path, expected, input, 'nothing (this parameter is required)');
      else push(out, path, expected, input);
      return;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') return push(out, path, `at least ${min} item${min === 1 ? '' : 's'}`, input);
      if (issue.origin === 'string') return push(out, path, min <= 1 ? 'non-empty text' : `at least ${min} characters`, input);
      const here = schemaAt(root, path, rootValue);
      return push(out, path, here === undefined ? `a number ${issue.inclusive ? '≥' : '>'} ${min}` : describeExpected(here), input);
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return push(out, path, `at most ${max} items`, input);
      if (issue.origin === 'string') return push(out, path, `at most ${max} characters`, input);
      const here = schemaAt(root, path, rootValue);
      return push(out, path, here === undefined ? `a number ${issue.inclusive ? '≤' : '<'} ${max}` : describeExpected(here), input);
    }
    case 'not_multiple_of':
      return push(out, path, `a multiple of ${String(issue.divisor)}`, input);
    case 'invalid_value':
      return push(out, path, `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, input);
    case 'unrecognized_keys': {
      const { known, variants } = knownKeysAt(root, path, rootValue);
      for (const key of issue.keys) {
        const owner = variants.find((v) => v.keys.includes(key) && !known.includes(key));
        const suggestion = suggestKey(key, known);
        const hint =
          owner !== undefined
            ? `"${key}" belongs to ${owner.label}${suggestion !== undefined ? `; did you mean "${suggestion}"?` : ''}`
            : suggestion !== undefined
              ? `did you mean "${suggestion}"?`
              : 'check its spelling';
        out.push({ path: [...path, key], expected: `no parameter of this name (${hint})`, received: key, message: `expected no parameter of this name (${hint}), received "${key}"` });
      }
      return;
    }
    case 'invalid_union': {
      const union = schemaAt(root, path, rootValue);
      const here = path.reduce<unknown>((v, part) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[part] : undefined), rootValue);
      if ('discriminator' in issue && issue.discriminator !== undefined) {
        // A discriminated union whose discriminator matched no option.
        const options = (issue as { options?: unknown[] }).options ?? [];
        const d = String(issue.discriminator);
        const at = issue.path.length > 0 && issue.path[issue.path.length - 1] === d ? path : [...path, d];
        const owner = at.slice(0, -1);
        const obj = owner.reduce<unknown>((v, part) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[part] : undefined), rootValue);
        const value = isPlainObject(obj) ? obj[d] : undefined;
        // The whole union at the owner's path: its other forms are named too ("or network.file").
        const whole = schemaAt(root, owner, rootValue);
        const siblings = whole === undefined ? [] : (unionOptions(coreOf(whole)) ?? []).filter((o) => discriminatorOf(coreOf(o)) !== d && !optionKeys(o).includes(d));
        const others = siblings.map((o) => {
          const first = optionKeys(o)[0];
          return first !== undefined ? formatPath([...owner, first]) : describeExpected(o);
        });
        const expected = `one of ${options.map((o) => JSON.stringify(o)).join(', ')}${others.length > 0 ? ` (or ${others.join(', or ')})` : ''}`;
        if (value === undefined && isPlainObject(obj)) {
          // A key that means the discriminator ("model" for "generator") is a slip, not a missing value.
          const allKeys = whole === undefined ? [] : optionKeys(whole);
          const slip = Object.keys(obj).find((k) => !allKeys.includes(k) && suggestKey(k, allKeys) === d);
          if (slip !== undefined) {
            const expectedKey = `no parameter of this name (did you mean "${d}"?)`;
            out.push({ path: [...owner, slip], expected: expectedKey, received: slip, message: `expected ${expectedKey}, received "${slip}"` });
            return;
          }
        }
        push(out, at, expected, value, value === undefined ? 'nothing (this parameter is required)' : undefined);
        return;
      }
      // A plain union: report the problems of the branch the value was meant for.
      const errors = (issue as { errors?: Issue[][] }).errors ?? [];
      const options = union === undefined ? undefined : unionOptions(coreOf(union));
      let chosen = -1;
      if (options !== undefined) {
        const branch = branchFor(options, here, discriminatorOf(coreOf(union!)));
        chosen = branch === undefined ? -1 : options.indexOf(branch);
      }
      const branchIssues = chosen >= 0 ? errors[chosen] : undefined;
      const typeMismatch = branchIssues === undefined || branchIssues.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
      if (typeMismatch) {
        push(out, path, union === undefined ? 'one of the allowed forms' : describeExpected(union), here);
        return;
      }
      for (const inner of branchIssues) describeIssue(root, rootValue, inner, path, out);
      return;
    }
    case 'custom': {
      const expected = issue.params?.expected ?? issue.message.replace(/^expected /, '');
      push(out, path, expected, issue.params !== undefined && 'received' in issue.params ? issue.params.received : input);
      return;
    }
    default:
      push(out, path, issue.message, input);
  }
}

/**
 * Checks `value` against `schema` and returns zod's output (defaults filled in).
 * @throws {InvalidParameterError} carrying every problem, each named `field.path`.
 */
export function parseParameters<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw parameterError(field, schemaProblems(schema, value));
}

/** One error for a list of problems, their paths prefixed with `field`. */
export function parameterError(field: string, problems: readonly ParameterProblem[]): InvalidParameterError {
  const named = problems.map((p) => ({ ...p, path: [...parsePath(field), ...p.path] }));
  return InvalidParameterError.fromProblems(named);
}

export { formatPath, innerOf };
