/**
 * Reading and replacing one value at a dotted path (`economics.retention`,
 * `policies[0].fee`) in plain data, without touching the original: what sweeps,
 * sensitivity and break-even searches vary.
 */
import { InvalidParameterError } from '../errors.js';
import { parsePath } from './check.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function parts(path: string, field: string): Array<string | number> {
  const p = parsePath(path);
  if (p.length === 0 || p.some((x) => typeof x === 'string' && FORBIDDEN.has(x)) || path.includes('..') || /^[.[]|\.$/.test(path)) {
    throw new InvalidParameterError(field, 'a dotted path such as economics.margin or policies[0].fee', path);
  }
  return p;
}

/** The value at `path`, or undefined when the path leads nowhere. */
export function getPath(root: unknown, path: string, field = 'path'): unknown {
  let node = root;
  for (const part of parts(path, field)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node) !== (typeof part === 'number')) return undefined;
    if (!Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/**
 * A copy of `root` with the value at `path` replaced (missing sections are created as
 * mappings; list items must exist). Only the objects on the path are copied.
 * @throws {InvalidParameterError} for a malformed path, or one through a value that is not a section.
 */
export function setPath<T>(root: T, path: string, value: unknown, field = 'path'): T {
  const p = parts(path, field);
  const clone = (node: unknown, i: number): unknown => {
    const key = p[i]!;
    const base = node === undefined ? {} : node;
    if (typeof key === 'number') {
      if (!Array.isArray(base) || key >= base.length) {
        throw new InvalidParameterError(field, `a path into the scenario (${formatParts(p.slice(0, i + 1))} does not exist)`, path);
      }
    } else if (base === null || typeof base !== 'object' || Array.isArray(base) || ArrayBuffer.isView(base)) {
      throw new InvalidParameterError(field, `a path into the scenario (${formatParts(p.slice(0, i)) || 'the root'} is not a section)`, path);
    }
    const copy: Record<string | number, unknown> = Array.isArray(base) ? ([...base] as unknown as Record<number, unknown>) : { ...(base as Record<string, unknown>) };
    copy[key] = i === p.length - 1 ? value : clone((base as Record<string | number, unknown>)[key], i + 1);
    return copy;
  };
  return clone(root, 0) as T;
}

function formatParts(p: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of p) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}
