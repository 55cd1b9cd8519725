/**
 * The parameter table, read off the scenario file's schema (itself composed of the
 * modules' schemas): one row per parameter with its description, unit, allowed range,
 * default and source. It prints `hearsay schema --format markdown` (the README's table),
 * the help text, and the report's assumptions.
 */
import { z } from 'zod';
import { coreOf, defaultOf, describeExpected, isOptional, metaOf } from '../parameters/index.js';
import { scenarioFileSchema } from './schema.js';

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
  if (core instanceof z.ZodObject || core instanceof z.ZodIntersection) return 'mapping';
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
    lines.push(`| \`${r.path}\`${r.required ? ' (required)' : ''} | ${esc(r.description)} | ${esc(r.unit)} | ${esc(r.range)} | ${esc(r.default)} | ${esc(r.source)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The table as plain text for --help. */
export function parameterTableText(): string {
  return parameterRows()
    .map((r) => `  ${r.path}${r.required ? ' (required)' : ''}\n      ${r.description}${r.unit ? ` [${r.unit}]` : ''}${r.range && r.range !== 'mapping' ? `; ${r.range}` : ''}${r.default ? `; default ${r.default}` : ''}${r.source ? ` ${r.source}` : ''}`)
    .join('\n');
}
