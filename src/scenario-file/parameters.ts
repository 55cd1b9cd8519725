/**
 * The parameter table, read off the scenario file's schema (itself composed of the
 * modules' schemas): one row per parameter with its description, unit, allowed range,
 * default and source. It prints `hearsay schema --format markdown` (the README's table),
 * the help text, and the report's assumptions.
 */
import { z } from 'zod';
import { coreOf, defaultOf, describeExpected, isOptional, metaOf, parsePath, schemaAt } from '../parameters/index.js';
import { sharesOf } from '../uncertainty/draw.js';
import { scenarioFileSchema } from './schema.js';
import { fileRefusal } from './uncertain-paths.js';

export interface ParameterRow {
  /** The path as written in a file; `[]` marks every item of a list, `network(groups)` one form of the network. */
  readonly path: string;
  readonly label: string;
  readonly description: string;
  readonly unit: string;
  readonly range: string;
  readonly default: string;
  readonly source: string;
  readonly required: boolean;
  /** A scenario file may write it as a distribution (a number of a drawn section, or a mapping of shares). */
  readonly drawable: boolean;
}

/** Whether a row's value may be a distribution in a file: a number (or shares) of a section the PSA draws. */
function drawable(path: string, schema: z.ZodType): boolean {
  if (fileRefusal(parsePath(path)) !== null) return false;
  const core = coreOf(schema);
  const numeric = core instanceof z.ZodNumber || (core instanceof z.ZodUnion && (core.options as z.ZodType[]).some((o) => coreOf(o) instanceof z.ZodNumber));
  // One share of a mapping that sums to 1 is drawn with the others (a dirichlet on the mapping).
  const parts = parsePath(path.replace(/\[\]/g, '[0]'));
  const parent = parts.length > 1 ? schemaAt(scenarioFileSchema, parts.slice(0, -1), undefined) : undefined;
  if (parent !== undefined && sharesOf(parent) !== undefined) return false;
  return numeric || sharesOf(schema) !== undefined;
}

function range(schema: z.ZodType): string {
  const core = coreOf(schema);
  if (core instanceof z.ZodNumber) return describeExpected(core).replace(/^an? /, '');
  if (core instanceof z.ZodEnum) return (core.options as string[]).map((o) => JSON.stringify(o)).join(' | ');
  if (core instanceof z.ZodBoolean) return 'true | false';
  if (core instanceof z.ZodString) return 'text';
  if (core instanceof z.ZodLiteral) return [...core.values].map((v) => JSON.stringify(v)).join(' | ');
  if (core instanceof z.ZodTuple) return `list of ${(core.def.items as z.ZodType[]).length}`;
  if (core instanceof z.ZodArray) return 'list';
  if (core instanceof z.ZodObject || core instanceof z.ZodIntersection || core instanceof z.ZodRecord) return 'mapping';
  if (core instanceof z.ZodUnion) {
    const parts = [...new Set((core.options as z.ZodType[]).map((o) => range(o)))];
    return parts.join(' | ');
  }
  return '';
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The object shapes inside a schema (an object, or both sides of an intersection). */
function shapes(core: z.ZodType): Array<Record<string, z.ZodType>> {
  if (core instanceof z.ZodObject) return [core.shape as Record<string, z.ZodType>];
  if (core instanceof z.ZodIntersection) return [...shapes(coreOf(core.def.left as z.ZodType)), ...shapes(coreOf(core.def.right as z.ZodType))];
  return [];
}

function labelOf(path: string): string {
  const last = path.replace(/\[\]$/, '').split(/[.)]/).pop() ?? path;
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every documented parameter of the scenario file, in file order. */
export function parameterRows(): ParameterRow[] {
  const rows: ParameterRow[] = [];
  const seen = new Set<string>();
  const add = (path: string, schema: z.ZodType, required: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    const meta = metaOf(schema);
    const fixed = defaultOf(schema);
    rows.push({
      path,
      label: meta?.label ?? labelOf(path),
      description: meta?.description ?? '',
      unit: meta?.unit ?? '',
      range: range(schema),
      // An empty mapping as default means "each part keeps its own default" (listed below it).
      default: fixed !== undefined && !isEmptyObject(fixed.value) ? show(fixed.value) : (meta?.defaultText ?? ''),
      source: meta?.source ?? '',
      required: required && !isOptional(schema),
      drawable: drawable(path, schema),
    });
  };
  const walk = (schema: z.ZodType, path: string, required: boolean) => {
    const core = coreOf(schema);
    const here = required && !isOptional(schema);
    const at = (key: string) => (path === '' ? key : `${path}.${key}`);
    const objectShapes = shapes(core);
    if (objectShapes.length > 0) {
      if (path !== '') add(path, schema, required);
      for (const shape of objectShapes) for (const [key, child] of Object.entries(shape)) walk(child, at(key), here);
      return;
    }
    if (core instanceof z.ZodArray) {
      add(path, schema, required);
      walk(core.element as z.ZodType, `${path}[]`, true);
      return;
    }
    if (core instanceof z.ZodUnion) {
      const options = core.options as z.ZodType[];
      const structured = options.filter((o) => shapes(coreOf(o)).length > 0 || coreOf(o) instanceof z.ZodArray || coreOf(o) instanceof z.ZodUnion);
      if (structured.length === 0) {
        add(path, schema, required);
        return;
      }
      add(path, schema, required);
      for (const option of structured) {
        const c = coreOf(option);
        if (c instanceof z.ZodUnion) {
          // A discriminated union: one block per variant, labelled by its discriminator.
          const d = (c as unknown as { def: { discriminator?: string } }).def.discriminator;
          for (const variant of c.options as z.ZodType[]) {
            const shape = shapes(coreOf(variant))[0] ?? {};
            const lit = d === undefined ? undefined : coreOf(shape[d] as z.ZodType);
            const name = lit instanceof z.ZodLiteral ? String([...lit.values][0]) : 'other';
            for (const [key, child] of Object.entries(shape)) if (key !== d) walk(child, `${path}(${name}).${key}`, here);
          }
        } else if (shapes(c).length > 0 && options.some((o) => o !== option && coreOf(o) instanceof z.ZodUnion)) {
          // The plain-object form beside a discriminated union (network(file).file).
          for (const [key, child] of Object.entries(shapes(c)[0]!)) walk(child, `${path}(${Object.keys(shapes(c)[0]!)[0]}).${key}`, here);
        } else if (c instanceof z.ZodArray) {
          walk(c.element as z.ZodType, `${path}[]`, true);
        } else {
          for (const shape of shapes(c)) for (const [key, child] of Object.entries(shape)) walk(child, at(key), false);
        }
      }
      return;
    }
    add(path, schema, required);
  };
  walk(scenarioFileSchema, '', true);
  return rows;
}

/** The table as Markdown (the README's parameter section). */
export function parameterTableMarkdown(): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| parameter | description | unit | range | default | source |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of parameterRows()) {
    lines.push(`| \`${r.path}\`${r.required ? ' (required)' : ''} | ${esc(r.description)} | ${esc(r.unit)} | ${esc(r.range)}${r.drawable ? ' †' : ''} | ${esc(r.default)} | ${esc(r.source)} |`);
  }
  return `${lines.join('\n')}\n\n${DRAWABLE_NOTE}\n`;
}

/** What the table's † says. */
const DRAWABLE_NOTE =
  '† may also be written as a distribution, which the uncertainty analysis draws: `{ dist: beta, mean: 0.3, sd: 0.1, source: "…" }` — ' +
  '`beta`, `gamma`, `lognormal`, `normal` (truncate it with `low`/`high`), `uniform`, `triangular`, `pert` or `discrete`, its draws within the range ' +
  '(an integer takes a `discrete` distribution with integer values); a mapping of shares takes a `dirichlet`. See docs/uncertainty.md.';

/** The table as plain text for --help. */
export function parameterTableText(): string {
  return parameterRows()
    .map((r) => `  ${r.path}${r.required ? ' (required)' : ''}\n      ${r.description}${r.unit ? ` [${r.unit}]` : ''}${r.range && r.range !== 'mapping' ? `; ${r.range}` : ''}${r.drawable ? ' or a distribution' : ''}${r.default ? `; default ${r.default}` : ''}${r.source ? ` ${r.source}` : ''}`)
    .join('\n');
}
