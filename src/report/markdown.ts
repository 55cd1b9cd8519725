/**
 * The Markdown twin of the HTML report: the same summary and the same tables, with the
 * charts referenced as SVG files beside it (`![…](charts/dark-number.svg)`);
 * {@link reportCharts} gives those files' contents under the same relative paths.
 */
import { buildReportDocument, labelParts, type Block, type ReportSection } from './document.js';
import { withLocale } from './locale/index.js';
import { escapeMarkdown } from './format.js';
import type { Sentence } from './summary.js';
import { allCharts } from './svg.js';
import { uncertaintyCharts } from './uncertainty.js';
import type { ReportData } from './types.js';

export interface MarkdownReportOptions {
  /** Folder of the chart files, relative to the Markdown file (default `charts`; `''` for the same folder). */
  readonly chartDirectory?: string;
}

function chartPath(name: string, options: MarkdownReportOptions): string {
  const dir = (options.chartDirectory ?? 'charts').replace(/\/+$/, '');
  return dir === '' ? `${name}.svg` : `${dir}/${name}.svg`;
}

/** A relative path as a Markdown link destination: spaces and parentheses would end it early. */
function destination(path: string): string {
  return /[\s()<>]/.test(path) ? `<${path.replace(/[<>]/g, (c) => encodeURIComponent(c))}>` : path;
}

function inline(sentence: Sentence): string {
  return sentence.map((p) => (typeof p === 'string' ? escapeMarkdown(p) : `**${escapeMarkdown(p.strong)}**`)).join('');
}

function table(b: Extract<Block, { kind: 'table' }>): string {
  const codeText = (text: string) => `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
  const cell = (text: string, column: { readonly code?: boolean; readonly labelled?: boolean } | undefined) => {
    if (column?.labelled && text !== '') {
      const { label, path } = labelParts(text);
      return label === null ? codeText(path) : `${escapeMarkdown(label)} (${codeText(path)})`;
    }
    return column?.code && text !== '' ? codeText(text) : escapeMarkdown(text);
  };
  const head = `| ${b.columns.map((c) => escapeMarkdown(c.label)).join(' | ')} |`;
  const rule = `| ${b.columns.map((c) => (c.numeric ? '---:' : '---')).join(' | ')} |`;
  const rows = b.rows.map((row) => `| ${row.map((text, i) => cell(text, b.columns[i])).join(' | ')} |`);
  const title = b.title === undefined ? [] : [`**${escapeMarkdown(b.title)}**`, ''];
  return [...title, head, rule, ...rows].join('\n');
}

function block(b: Block, options: MarkdownReportOptions): string {
  switch (b.kind) {
    case 'paragraph':
      return b.note ? `_${inline(b.text)}_` : inline(b.text);
    case 'list':
      return b.items.map((item) => `- ${inline(item)}`).join('\n');
    case 'table':
      return table(b);
    case 'figure':
      return `![${escapeMarkdown(b.alt)}](${destination(chartPath(b.chart, options))})${b.caption === '' ? '' : `\n\n_${escapeMarkdown(b.caption)}_`}`;
    case 'subheading':
      return `### ${escapeMarkdown(b.text)}`;
    case 'definitions':
      return b.items.map(([term, value]) => `- ${escapeMarkdown(term)}: \`${value.replace(/`/g, "'")}\``).join('\n');
  }
}

function section(s: ReportSection, options: MarkdownReportOptions): string {
  return [`## ${escapeMarkdown(s.heading)}`, ...s.blocks.map((b) => block(b, options))].join('\n\n');
}

/**
 * Renders the report as Markdown (CommonMark with GFM tables). Write the files of
 * {@link reportCharts} beside it so the chart references resolve.
 *
 * @example
 * const md = renderMarkdownReport(data);
 * for (const [path, svg] of Object.entries(reportCharts(data))) writeFileSync(join(outDir, path), svg);
 */
export function renderMarkdownReport(data: ReportData, options: MarkdownReportOptions = {}): string {
  return withLocale(data.locale, () => render(data, options));
}

function render(data: ReportData, options: MarkdownReportOptions): string {
  const doc = buildReportDocument(data);
  const parts = [`# ${escapeMarkdown(doc.title)}`, `_${escapeMarkdown(doc.subtitle)}_`, ...doc.sections.map((s) => section(s, options))];
  return `${parts.join('\n\n')}\n`;
}

/**
 * The chart files a Markdown report refers to, keyed by their path relative to the
 * Markdown file (`charts/dark-number.svg`), only for the charts the data supports.
 */
export function reportCharts(data: ReportData, options: MarkdownReportOptions = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, svg } of [...allCharts(data), ...uncertaintyCharts(data)]) out[chartPath(name, options)] = `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
  return out;
}
