/**
 * Reading a scenario file (YAML or JSON — JSON is read as YAML 1.2, so both get line
 * numbers): syntax, unsafe keys, the schema, cross-field rules and size limits. Every
 * problem is collected, with its path, the value received and its line.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ScenarioError, describeValue, type ScenarioProblem } from '../errors.js';
import { GENERATOR_SCHEMAS, fileNetworkSchema, scenarioSchema, type ScenarioFile } from './schema.js';

/** Limits that protect a machine from a hostile or mistaken file. */
export interface ScenarioLimits {
  /** People in a generated network. Default 5,000,000. */
  readonly maxPeople?: number;
  /** Ties in a generated network. Default 50,000,000. */
  readonly maxTies?: number;
  /** Replicates. Default 1,000,000. */
  readonly maxReplicates?: number;
  /** Characters in the file. Default 1,000,000. */
  readonly maxFileSize?: number;
}

export const DEFAULT_LIMITS: Required<ScenarioLimits> = Object.freeze({
  maxPeople: 5_000_000,
  maxTies: 50_000_000,
  maxReplicates: 1_000_000,
  maxFileSize: 1_000_000,
});

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Path = ReadonlyArray<string | number>;

export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out;
}

/** The 1-based line of the node at `path` (or of the key when `key` is given). */
function lineOf(doc: Document, counter: LineCounter, path: Path, key?: string): number | undefined {
  let node: unknown = doc.contents;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
      if (pair === undefined) return rangeLine(node, counter);
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else {
      break;
    }
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (pair !== undefined && isScalar(pair.key)) return rangeLine(pair.key as Node, counter);
  }
  return rangeLine(node, counter);
}

function rangeLine(node: unknown, counter: LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range === undefined ? undefined : counter.linePos(range[0]).line;
}

/** Turns a zod issue into our wording: `expected …, received …`. */
function describeIssue(issue: z.core.$ZodIssue & { input?: unknown }): { message: string; key?: string }[] {
  const received = `received ${describeValue(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'an integer' : issue.expected === 'number' ? 'a number' : issue.expected === 'string' ? 'text' : issue.expected === 'boolean' ? 'true or false' : issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping of parameters' : `a ${issue.expected}`;
      if (issue.input === undefined) return [{ message: `expected ${expected}, received nothing (this parameter is required)` }];
      return [{ message: `expected ${expected}, ${received}` }];
    }
    case 'too_small': {
      const min = issue.minimum as number;
      if (issue.origin === 'array') return [{ message: `expected at least ${min} item${min === 1 ? '' : 's'}, ${received}` }];
      if (issue.origin === 'string') return [{ message: `expected non-empty text, ${received}` }];
      return [{ message: `expected a number ${issue.inclusive ? '≥' : '>'} ${min}, ${received}` }];
    }
    case 'too_big': {
      const max = issue.maximum as number;
      if (issue.origin === 'array') return [{ message: `expected at most ${max} items, ${received}` }];
      if (issue.origin === 'string') return [{ message: `expected at most ${max} characters, ${received}` }];
      return [{ message: `expected a number ${issue.inclusive ? '≤' : '<'} ${max}, ${received}` }];
    }
    case 'invalid_value':
      return [{ message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, ${received}` }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ key, message: `expected no parameter of this name (check its spelling), received "${key}"` }));
    case 'invalid_union':
      return [{ message: `expected ${issue.path.at(-1) === 'spread' ? 'false or a mapping of spread parameters' : 'one of the allowed forms'}, ${received}` }];
    default:
      return [{ message: `${issue.message}, ${received}` }];
  }
}

function problemsFrom(
  result: z.ZodSafeParseResult<unknown>,
  prefix: Path,
  doc: Document,
  counter: LineCounter,
): ScenarioProblem[] {
  if (result.success) return [];
  return result.error.issues.flatMap((issue) =>
    describeIssue(issue as z.core.$ZodIssue & { input?: unknown }).map(({ message, key }) => {
      const path = [...prefix, ...(issue.path as Array<string | number>)];
      const line = lineOf(doc, counter, path, key);
      return {
        path: formatPath(key === undefined ? path : [...path, key]),
        message,
        ...(line === undefined ? {} : { line }),
      };
    }),
  );
}

/** Walks the YAML tree and reports keys that could reach an object's prototype. */
function unsafeKeys(doc: Document, counter: LineCounter): ScenarioProblem[] {
  const found: ScenarioProblem[] = [];
  const walk = (node: unknown, path: Array<string | number>) => {
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? String(item.key.value) : '';
        if (FORBIDDEN_KEYS.has(key)) {
          const line = rangeLine(item.key, counter);
          found.push({ path: formatPath([...path, key]), message: `expected an ordinary parameter name, received "${key}" (not allowed in scenario files)`, ...(line === undefined ? {} : { line }) });
        }
        walk(item.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    }
  };
  walk(doc.contents, []);
  return found;
}

/**
 * Parses and validates a scenario file's text.
 * @throws {ScenarioError} listing every problem, each with its path and line.
 */
export function parseScenario(text: string, source = 'scenario', limits: ScenarioLimits = {}): ScenarioFile {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  if (text.length > lim.maxFileSize) {
    throw new ScenarioError(source, [{ path: '', message: `expected a file of at most ${lim.maxFileSize} characters, received ${text.length}` }]);
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, strict: true });
  // Warnings count too: an unknown tag (`!!js/function`) would otherwise become a string.
  const parseProblems = [...doc.errors, ...doc.warnings];
  if (parseProblems.length > 0) {
    throw new ScenarioError(
      source,
      parseProblems.map((e) => ({ path: '', message: `the file does not parse: ${e.message.split('\n')[0]}`, line: counter.linePos(e.pos[0]).line })),
    );
  }
  const unsafe = unsafeKeys(doc, counter);
  if (unsafe.length > 0) throw new ScenarioError(source, unsafe);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ScenarioError(source, [{ path: '', message: `the file does not parse: ${(error as Error).message}` }]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScenarioError(source, [{ path: '', message: `expected a mapping of scenario parameters, received ${describeValue(value)}` }]);
  }
  const problems: ScenarioProblem[] = [];
  const v = value as Record<string, unknown>;
  // The network and spread are checked on their own, so a mistake inside them is named
  // precisely rather than as "no alternative of the union matched".
  const { network, spread, ...rest } = v;
  const restSchema = scenarioSchema.omit({ network: true, spread: true });
  problems.push(...problemsFrom(restSchema.safeParse(rest, { reportInput: true }), [], doc, counter));
  if (network === undefined) {
    problems.push({ path: 'network', message: 'expected a generator and its parameters, or a file, received nothing (this parameter is required)' });
  } else if (typeof network === 'object' && network !== null && !Array.isArray(network) && 'file' in network) {
    problems.push(...problemsFrom(fileNetworkSchema.safeParse(network, { reportInput: true }), ['network'], doc, counter));
  } else {
    const name = (network as { generator?: unknown })?.generator;
    const branch = GENERATOR_SCHEMAS.find((o) => o.shape.generator.value === name);
    if (branch === undefined) {
      const names = GENERATOR_SCHEMAS.map((o) => JSON.stringify(o.shape.generator.value));
      const line = lineOf(doc, counter, ['network', 'generator']);
      problems.push({ path: 'network.generator', message: `expected one of ${names.join(', ')} (or network.file), received ${describeValue(name)}`, ...(line === undefined ? {} : { line }) });
    } else {
      problems.push(...problemsFrom((branch as z.ZodType).safeParse(network, { reportInput: true }), ['network'], doc, counter));
    }
  }
  if (spread !== undefined && spread !== false) {
    const objectSchema = scenarioSchema.shape.spread.unwrap().options[1];
    problems.push(...problemsFrom(objectSchema.safeParse(spread, { reportInput: true }), ['spread'], doc, counter));
  }
  if (problems.length === 0) problems.push(...crossFieldProblems(v as ScenarioFile, lim, doc, counter));
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return v as ScenarioFile;
}

function crossFieldProblems(file: ScenarioFile, lim: Required<ScenarioLimits>, doc: Document, counter: LineCounter): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const at = (path: Path, message: string) => {
    const line = lineOf(doc, counter, path);
    out.push({ path: formatPath(path), message, ...(line === undefined ? {} : { line }) });
  };
  const names = file.policies.map((p) => p.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) at(['policies', i, 'name'], `expected a name no other policy has, received "${name}"`);
  });
  if (file.baseline !== undefined && !names.includes(file.baseline)) {
    at(['baseline'], `expected the name of one of the policies (${names.map((n) => JSON.stringify(n)).join(', ')}), received "${file.baseline}"`);
  }
  if (file.breakEven !== undefined) {
    file.breakEven.policies.forEach((name, i) => {
      if (!names.includes(name)) at(['breakEven', 'policies', i], `expected the name of one of the policies, received "${name}"`);
    });
    if (file.breakEven.high <= file.breakEven.low) at(['breakEven', 'high'], `expected a number above low (${file.breakEven.low}), received ${file.breakEven.high}`);
  }
  if (file.roles.customers + file.roles.prospects > 1 + 1e-12) {
    at(['roles'], `expected shares of customers and prospects that add up to at most 1, received ${file.roles.customers + file.roles.prospects}`);
  }
  const replicates = file.replicates ?? 1000;
  if (replicates > lim.maxReplicates) at(['replicates'], `expected at most ${lim.maxReplicates} replicates (the limit), received ${replicates}`);
  const net = file.network as Record<string, unknown>;
  if (typeof net.size === 'number' && net.size > lim.maxPeople) {
    at(['network', 'size'], `expected at most ${lim.maxPeople} people (the limit), received ${net.size}`);
  }
  const ties =
    net.generator === 'erdos-renyi-gnm'
      ? (net.edges as number)
      : net.generator === 'barabasi-albert'
        ? (net.size as number) * (net.edgesPerPerson as number)
        : net.generator === 'watts-strogatz'
          ? ((net.size as number) * (net.neighbors as number)) / 2
          : net.generator === 'random-regular'
            ? ((net.size as number) * (net.degree as number)) / 2
            : null; // G(n, p) and groups: the count is random; checked once built
  if (ties !== null && ties > lim.maxTies) at(['network'], `expected at most ${lim.maxTies} ties (the limit), received a network of about ${ties}`);
  return out;
}
