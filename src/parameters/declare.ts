/**
 * The kit every module uses to declare its parameters once: type, range, default, unit,
 * human label and source, as a zod schema with metadata. The same declaration checks the
 * library's options and the scenario file's sections, gives the TypeScript types (input
 * and resolved), the JSON Schema for editors and the parameter table of the README.
 *
 * A default that is a fixed value is a zod `.default(value)` (so the JSON Schema's
 * `default` is a valid value); a default that depends on something else ("the amount at
 * stake") is prose in `defaultText`, and the resolving module fills it in.
 */
import { z } from 'zod';

/** What is said about one parameter, beside its type and range. */
export interface ParameterMeta {
  /** What the parameter is, in one phrase. */
  readonly description: string;
  /** A short human label for reports ("Retention"); default: read off the path. */
  readonly label?: string;
  readonly unit?: string;
  /** Where the default comes from: [Q] quoted, [S] seen in the source, [F] folklore, [A] our assumption. */
  readonly source?: string;
  /** A default that is not a fixed value, in words ("the amount at stake"). */
  readonly defaultText?: string;
}

/**
 * The largest amount of money any parameter may hold: a trillion in the scenario's
 * currency. Totals multiply amounts by counts of at most 10^7, so every sum stays far
 * inside the range of a double and no result can overflow to Infinity.
 */
export const MAX_MONEY = 1e12;

/** Attaches a parameter's description (and label, unit, source) to its schema. */
export function describe<T extends z.ZodType>(schema: T, meta: ParameterMeta): T {
  return schema.meta({ ...meta }) as T;
}

/** A chance or a share, in [0, 1]. */
export const probability = (meta: ParameterMeta) => describe(z.number().min(0).max(1), meta);

/** An amount of money, ≥ 0 and at most {@link MAX_MONEY}. */
export const money = (meta: ParameterMeta) => describe(z.number().min(0).max(MAX_MONEY), { unit: 'currency', ...meta });

/** A whole number in [min, max]. */
export const count = (meta: ParameterMeta, min = 0, max = Number.MAX_SAFE_INTEGER) => describe(z.number().int().min(min).max(max), meta);

/** A number in [min, max] (inclusive). */
export const number = (meta: ParameterMeta, min: number, max: number) => describe(z.number().min(min).max(max), meta);

/** A point on the 0–10 pain scale of the peak-end studies. */
export const pain = (meta: ParameterMeta) => describe(z.number().min(0).max(10), { unit: 'pain 0–10', ...meta });

/** Days of waiting, at most ten years. */
export const days = (meta: ParameterMeta) => describe(z.number().min(0).max(3650), { unit: 'days', ...meta });

/** A seed: a number or non-empty text (42 and "42" are the same seed). */
export const seed = () => z.union([z.number(), z.string().min(1)]);

/** Non-empty text. */
export const text = (meta: ParameterMeta) => describe(z.string().min(1), meta);

/** The metadata of a schema (merged through optional/default wrappers, outer wins). */
export function metaOf(schema: z.ZodType): ParameterMeta | undefined {
  let node: z.ZodType | undefined = schema;
  let merged: Record<string, unknown> = {};
  while (node !== undefined) {
    const m = node.meta() as Record<string, unknown> | undefined;
    if (m !== undefined) merged = { ...m, ...merged };
    node = innerOf(node);
  }
  return typeof merged.description === 'string' ? (merged as unknown as ParameterMeta) : undefined;
}

/** The schema inside an optional, default, prefault, nullable or readonly wrapper. */
export function innerOf(schema: z.ZodType): z.ZodType | undefined {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodReadonly
  ) {
    return (schema as unknown as { unwrap(): z.ZodType }).unwrap();
  }
  return undefined;
}

/** Strips every wrapper: the schema that checks the value itself. */
export function coreOf(schema: z.ZodType): z.ZodType {
  let node = schema;
  for (let inner = innerOf(node); inner !== undefined; inner = innerOf(node)) node = inner;
  return node;
}

/** The fixed default of a schema, if it has one (`.default(v)` or `.prefault(v)`). */
export function defaultOf(schema: z.ZodType): { value: unknown } | undefined {
  for (let node: z.ZodType | undefined = schema; node !== undefined; node = innerOf(node)) {
    if (node instanceof z.ZodDefault || node instanceof z.ZodPrefault) {
      const value = (node as unknown as { def: { defaultValue: unknown } }).def.defaultValue;
      return { value: typeof value === 'function' ? (value as () => unknown)() : value };
    }
  }
  return undefined;
}

/** Whether a value may be left out (optional, or with a default). */
export function isOptional(schema: z.ZodType): boolean {
  for (let node: z.ZodType | undefined = schema; node !== undefined; node = innerOf(node)) {
    if (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodPrefault) return true;
  }
  return false;
}

/** The numeric range a number schema allows, read off its checks. */
export interface NumericRange {
  readonly min: number;
  readonly max: number;
  readonly minExclusive: boolean;
  readonly maxExclusive: boolean;
  readonly integer: boolean;
}

export function numericRange(schema: z.ZodType): NumericRange | undefined {
  const core = coreOf(schema);
  if (!(core instanceof z.ZodNumber)) return undefined;
  const json = z.toJSONSchema(core) as { type?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
  return {
    min: json.exclusiveMinimum ?? json.minimum ?? -Infinity,
    max: json.exclusiveMaximum ?? json.maximum ?? Infinity,
    minExclusive: json.exclusiveMinimum !== undefined,
    maxExclusive: json.exclusiveMaximum !== undefined,
    integer: json.type === 'integer',
  };
}
