/**
 * Parsers for option values: each throws a commander InvalidArgumentError whose message
 * says what was expected, and commander names the flag and the value received.
 */
import { InvalidArgumentError } from 'commander';

export function probabilityArg(value: string): number {
  const p = Number(value);
  if (value.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) {
    throw new InvalidArgumentError('expected a probability between 0 and 1.');
  }
  return p;
}

export function positiveIntArg(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a whole number ≥ 1.');
  }
  return n;
}

/** A seed as typed: an integer-looking value becomes a number, anything else a string. */
export function seedArg(value: string): number | string {
  if (value.length === 0) throw new InvalidArgumentError('expected a number or a non-empty string.');
  return /^-?\d{1,15}$/.test(value) ? Number(value) : value;
}

/** `R` or `FROM:TO` (a half-open range of replicate indices, for splitting a study). */
export function replicatesArg(value: string): number | { from: number; to: number } {
  const range = /^(\d+):(\d+)$/.exec(value);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (to <= from) throw new InvalidArgumentError('expected FROM:TO with TO > FROM.');
    return { from, to };
  }
  return positiveIntArg(value);
}

export function listArg(value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s.length === 0)) throw new InvalidArgumentError('expected a comma-separated list of ids with no empty item.');
  return items;
}
