/**
 * Reading a scenario file (YAML or JSON — JSON is read as YAML 1.2, so both get line
 * numbers): syntax, unsafe keys, the schema, cross-field rules and size limits. Every
 * problem is collected, with its path, the value received and its line.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { ScenarioError, describeValue, formatPath, type ParameterProblem, type ScenarioProblem } from '../errors.js';
import { expectedTies, type GeneratorParameters } from '../network/generators/expected-ties.js';
import { parsePath } from '../parameters/index.js';
import { type ScenarioFile } from './schema.js';
import { checkUncertainFile } from './uncertainty.js';

/** Limits that protect a machine from a hostile or mistaken file. */
export interface ScenarioLimits {
  /** People in a generated network. Default 5,000,000. */
  readonly maxPeople?: number;
  /** Ties in a generated network. Default 50,000,000. */
  readonly maxTies?: number;
  /** Replicates. Default 1,000,000. */
  readonly maxReplicates?: number;
  /** Bytes of the file (UTF-8). Default 1,000,000. */
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

/** Where each path of a parsed file lies in its text, for files read by parseScenario. */
const locators = new WeakMap<object, (path: Path) => number | undefined>();

/** The 1-based line of `path` in the text `file` was parsed from, when known. */
export function lineOfPath(file: ScenarioFile, path: Path): number | undefined {
  return locators.get(file)?.(path);
}

/** Problems with their file paths and, where known, lines. */
export function locateProblems(file: ScenarioFile | undefined, problems: readonly ParameterProblem[]): ScenarioProblem[] {
  const located = problems.map((p) => {
    const line = file === undefined ? undefined : lineOfPath(file, p.path);
    return { path: formatPath(p.path), message: p.message, ...(line === undefined ? {} : { line }) };
  });
  // In the order of the file, as a reader goes through it.
  return located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}

/** UTF-8 bytes of a string, without allocating a buffer. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Reads a scenario file's text: syntax, unsafe keys and the file's size, nothing more.
 * The result is checked by {@link checkScenario} (as `hearsay validate` and `run` do: every
 * problem of the file, and those that need its network, in one pass) or by
 * {@link parseScenario}.
 * @throws {ScenarioError} when the text is not a readable scenario file.
 */
export function readScenario(text: string, source = 'scenario', limits: ScenarioLimits = {}): ScenarioFile {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const bytes = utf8Length(text);
  if (bytes > lim.maxFileSize) {
    throw new ScenarioError(source, [{ path: '', message: `expected a file of at most ${lim.maxFileSize} bytes, received ${bytes}` }]);
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
  const file = value as ScenarioFile;
  locators.set(file, (path) => lineOf(doc, counter, path));
  return file;
}

/**
 * Reads and validates a scenario file's text: syntax, unsafe keys, every section against
 * its module's schema (rules across fields included) and the size limits. Rules that
 * need the built network are checked when the scenario is prepared ({@link checkScenario}).
 * @throws {ScenarioError} listing every problem, each with its path and line.
 */
export function parseScenario(text: string, source = 'scenario', limits: ScenarioLimits = {}): ScenarioFile {
  const file = readScenario(text, source, limits);
  // Distributions are checked with everything else (rules across fields at the base case).
  const schema = checkUncertainFile(file).problems;
  const problems = [...schema, ...limitProblems(file, { ...DEFAULT_LIMITS, ...limits }, schema)];
  if (problems.length > 0) throw new ScenarioError(source, locateProblems(file, problems));
  return file;
}

/**
 * The size limits a file must respect (checked before anything is built). A value the
 * schema already refused (`schemaProblems`) is not measured against a limit too, nor is a
 * network section with problems held to the tie limit: its own problems say what is
 * wrong, once.
 */
export function limitProblems(file: ScenarioFile, lim: Required<ScenarioLimits>, schemaProblems: readonly ParameterProblem[] = []): ParameterProblem[] {
  const refused = new Set(schemaProblems.flatMap((p) => [String(p.path[0]), formatPath(p.path)]));
  const out: ParameterProblem[] = [];
  const at = (path: string, expected: string, received: unknown, receivedText = describeValue(received)) =>
    out.push({ path: parsePath(path), expected, received, message: `expected ${expected}, received ${receivedText}` });
  const replicates = file.replicates ?? 1000;
  if (typeof replicates === 'number' && replicates > lim.maxReplicates && !refused.has('replicates')) at('replicates', `at most ${lim.maxReplicates} replicates (the limit)`, replicates);
  const net = (file.network ?? {}) as Record<string, unknown>;
  const size = net.size;
  if (typeof size === 'number' && size > lim.maxPeople && !refused.has('network.size')) at('network.size', `at most ${lim.maxPeople} people (the limit)`, size);
  if (typeof net.generator === 'string' && !refused.has('network')) {
    // The expected number of ties of the generator (exact where it is fixed), before anything is built.
    let ties: number | null = null;
    try {
      ties = expectedTies(net as GeneratorParameters);
    } catch {
      ties = null; // a malformed network section has its own problems
    }
    if (ties !== null && ties > lim.maxTies) at('network', `at most ${lim.maxTies} ties (the limit; raise it with --max-ties)`, ties, `a network of ${net.generator === 'erdos-renyi-gnp' || net.generator === 'groups' ? 'about ' : ''}${Math.round(ties)} ties`);
  }
  return out;
}
