/**
 * Lines for problems found after parsing (while building the network, running): the
 * library names the field (`network.file`), and the CLI, which has the file's text,
 * finds the line it is on.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { ScenarioError } from '../errors.js';

/** `policies[0].fee` → ['policies', 0, 'fee']. */
function pathParts(path: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const piece of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(piece);
    if (m === null) return [];
    if (m[1] !== '') parts.push(m[1]!);
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) parts.push(Number(index[1]));
  }
  return parts;
}

/** The 1-based line of the value at `path` in a YAML (or JSON) text, or undefined. */
export function lineOfPath(text: string, path: string): number | undefined {
  const parts = pathParts(path);
  if (parts.length === 0) return undefined;
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  let node: unknown = doc.contents;
  let keyNode: unknown = undefined;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
      if (pair === undefined) return undefined;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      keyNode = undefined;
      node = node.items[part];
    } else return undefined;
  }
  const range = ((node as { range?: [number, number, number] } | null)?.range ?? (keyNode as { range?: [number, number, number] } | undefined)?.range);
  return range === undefined ? undefined : counter.linePos(range[0]).line;
}

/** The same error with a line for every problem that had none and whose path is in the text. */
export function withLines(error: ScenarioError, text: string): ScenarioError {
  if (error.problems.every((p) => p.line !== undefined || p.path === '')) return error;
  return new ScenarioError(
    error.source,
    error.problems.map((p) => {
      if (p.line !== undefined || p.path === '') return p;
      const line = lineOfPath(text, p.path);
      return line === undefined ? p : { ...p, line };
    }),
  );
}
