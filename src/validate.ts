/**
 * Boundary checks shared by every module. Each throws an {@link InvalidParameterError}
 * naming the field, the requirement and the value received; nothing is clamped or
 * defaulted here.
 */
import { InvalidParameterError } from './errors.js';

export function requireFinite(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidParameterError(field, 'a finite number', value);
  }
  return value;
}

/** A number in [min, max] (inclusive unless told otherwise). */
export function requireNumberIn(
  field: string,
  value: unknown,
  min: number,
  max: number,
  { minExclusive = false, maxExclusive = false }: { minExclusive?: boolean; maxExclusive?: boolean } = {},
): number {
  const lo = minExclusive ? '>' : '≥';
  const hi = maxExclusive ? '<' : '≤';
  const describe =
    max === Infinity
      ? `a number ${lo} ${min}`
      : min === -Infinity
        ? `a number ${hi} ${max}`
        : `a number ${lo} ${min} and ${hi} ${max}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidParameterError(field, describe, value);
  }
  if ((minExclusive ? value <= min : value < min) || (maxExclusive ? value >= max : value > max)) {
    throw new InvalidParameterError(field, describe, value);
  }
  return value;
}

export function requireProbability(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new InvalidParameterError(field, 'a probability between 0 and 1', value);
  }
  return value;
}

/** An integer in [min, max]. */
export function requireInteger(field: string, value: unknown, min = -Infinity, max = Infinity): number {
  const describe =
    max === Infinity
      ? `an integer ≥ ${min}`
      : min === -Infinity
        ? `an integer ≤ ${max}`
        : `an integer between ${min} and ${max}`;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidParameterError(field, describe, value);
  }
  return value;
}

export function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidParameterError(field, 'true or false', value);
  return value;
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidParameterError(field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
  }
  return value as T;
}

/** Rejects option keys the function does not know, so a typo never passes silently. */
export function rejectUnknownKeys(field: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new InvalidParameterError(`${field}.${key}`, `one of the options ${known.join(', ')}`, key);
    }
  }
}

export function requireObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidParameterError(field, 'an options object', value);
  }
  return value as Record<string, unknown>;
}
