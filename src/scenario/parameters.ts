/**
 * The parameter table, read off the scenario schema: one row per parameter with its
 * description, unit, allowed range, default and source. It prints `hearsay schema
 * --format markdown` (the README's table), the help text, and the report's assumptions.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

export interface ParameterRow {
  readonly path: string;
  readonly description: string;
  readonly unit: string;
  readonly range: string;
  readonly default: string;
  readonly source: string;
  readonly required: boolean;
}

type AnySchema = z.ZodType & { def?: { type?: string }; meta(): Record<string, unknown> | undefined };

function metaOf(schema: z.ZodType): Record<string, unknown> {
  return ((schema as AnySchema).meta() ?? {}) as Record<string, unknown>;
}

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; meta: Record<string, unknown> } {
  let meta = metaOf(schema);
  let inner = schema;
  let optional = false;
  for (;;) {
    if (inner instanceof z.ZodOptional) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodDefault) {
      inner = inner.unwrap() as z.ZodType;
    } else break;
    meta = { ...metaOf(inner), ...meta };
  }
  return { inner, optional, meta };
}

function range(schema: z.ZodType): string {
  if (schema instanceof z.ZodNumber) {
    const json = z.toJSONSchema(schema) as { type?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
    const kind = json.type === 'integer' ? 'integer' : 'number';
    const big = (x: number) => Math.abs(x) >= 9e15;
    const lo = json.exclusiveMinimum !== undefined ? `> ${json.exclusiveMinimum}` : json.minimum !== undefined && !big(json.minimum) ? `≥ ${json.minimum}` : '';
    const hi = json.exclusiveMaximum !== undefined ? `< ${json.exclusiveMaximum}` : json.maximum !== undefined && !big(json.maximum) ? `≤ ${json.maximum}` : '';
    return [kind, [lo, hi].filter(Boolean).join(' and ')].filter(Boolean).join(' ');
  }
  if (schema instanceof z.ZodEnum) return (schema.options as string[]).map((o) => JSON.stringify(o)).join(' | ');
  if (schema instanceof z.ZodBoolean) return 'true | false';
  if (schema instanceof z.ZodString) return 'text';
  if (schema instanceof z.ZodLiteral) return JSON.stringify([...(schema as z.ZodLiteral).values][0]);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).map((o) => range(o)).join(' | ');
  if (schema instanceof z.ZodArray) return 'list';
  if (schema instanceof z.ZodObject) return 'mapping';
  return '';
}

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Every documented parameter of the scenario file, in file order. */
export function parameterRows(): ParameterRow[] {
  const rows: ParameterRow[] = [];
  const walk = (schema: z.ZodType, path: string, required: boolean) => {
    const { inner, optional, meta } = unwrap(schema);
    const isLeaf = !(inner instanceof z.ZodObject);
    if (path !== '' && (isLeaf || meta.description !== undefined) && !(inner instanceof z.ZodUnion && path === 'network')) {
      rows.push({
        path,
        description: show(meta.description),
        unit: show(meta.unit),
        range: isLeaf ? range(inner) : 'mapping',
        default: show(meta.default),
        source: show(meta.source),
        required: required && !optional,
      });
    }
    if (inner instanceof z.ZodObject) {
      for (const [key, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
        walk(child, path === '' ? key : `${path}.${key}`, required && !optional);
      }
    } else if (inner instanceof z.ZodArray && path === 'policies') {
      walk(inner.element as z.ZodType, `${path}[]`, true);
    } else if (inner instanceof z.ZodUnion && path === 'spread') {
      walk((inner.options as z.ZodType[])[1]!, path, false);
    } else if (inner instanceof z.ZodUnion && path === 'network') {
      for (const form of inner.options as z.ZodObject[]) {
        const generator = form.shape.generator as z.ZodLiteral | undefined;
        const label = generator === undefined ? 'network(file)' : `network(${String([...generator.values][0])})`;
        for (const [key, child] of Object.entries(form.shape as Record<string, z.ZodType>)) {
          if (key === 'generator') continue;
          walk(child, `${label}.${key}`, true);
        }
      }
    }
  };
  walk(scenarioSchema, '', true);
  // The network's forms are listed by hand: one row per generator.
  return rows.filter((r, i, all) => all.findIndex((x) => x.path === r.path) === i);
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
