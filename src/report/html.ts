/**
 * The client report as one self-contained HTML page: inline CSS and inline SVG, no
 * JavaScript, no fonts, images or anything else fetched (a Content-Security-Policy of
 * `default-src 'none'` makes sure of it), readable on screen and printable on A4.
 */
import { buildReportDocument, labelParts, type Block, type ReportSection } from './document.js';
import { LOCALE_TAGS, activeLocale, t, withLocale } from './locale/index.js';
import { escapeXml } from './format.js';
import type { Sentence } from './summary.js';
import type { ReportData } from './types.js';

const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const SERIF = "Charter, 'Bitstream Charter', 'Sitka Text', Cambria, Georgia, 'DejaVu Serif', serif";
const MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace";

const CSS = `
:root { --ink: #1f2328; --muted: #59636e; --rule: #d0d7de; --faint: #eef1f4; --accent: #0072B2; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #f3f4f6; color: var(--ink); font: 16px/1.55 ${SERIF}; }
main { max-width: 800px; margin: 2rem auto; padding: 2.5rem 3rem 2rem; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 4px 16px rgba(0,0,0,.04); }
h1, h2, h3, .eyebrow, .subtitle, table, figcaption, dl, details > summary, footer, .note { font-family: ${SANS}; }
.eyebrow { margin: 0; color: var(--accent); font-size: .78rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; }
h1 { margin: .25rem 0 .4rem; font-size: 1.9rem; line-height: 1.2; letter-spacing: -.01em; }
.subtitle { margin: 0 0 1.6rem; color: var(--muted); font-size: .9rem; }
h2 { margin: 2.4rem 0 .7rem; padding-top: .9rem; border-top: 1px solid var(--rule); font-size: 1.3rem; line-height: 1.3; }
h3 { margin: 1.2rem 0 .3rem; font-size: .95rem; }
p { margin: .6rem 0; hyphens: auto; }
section#summary { margin-top: 0; }
section#summary h2 { border-top: 0; margin-top: 0; padding-top: 0; }
section#summary ul { margin: 0; padding: .9rem 1.2rem .9rem 2.3rem; background: #f2f7fb; border-left: 4px solid var(--accent); }
section#summary li { margin: .35rem 0; }
strong { font-weight: 700; }
.note { color: var(--muted); font-size: .85rem; }
figure { margin: 1.2rem 0 .8rem; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { margin-top: .4rem; color: var(--muted); font-size: .82rem; line-height: 1.45; }
table { width: 100%; margin: .4rem 0 1rem; border-collapse: collapse; font-size: .84rem; line-height: 1.4; font-variant-numeric: tabular-nums; }
caption { caption-side: top; padding: 0 0 .3rem; text-align: left; font-weight: 600; font-size: .88rem; }
th, td { padding: .32rem .55rem; border-bottom: 1px solid var(--faint); text-align: left; vertical-align: top; }
th { border-bottom: 1.5px solid var(--ink); font-weight: 600; }
th:first-child, td:first-child { padding-left: 0; }
th:last-child, td:last-child { padding-right: 0; }
.num { text-align: right; white-space: nowrap; }
code { font-family: ${MONO}; font-size: .88em; }
small.path { color: var(--muted); font-size: .78em; }
details { margin: .2rem 0 1rem; }
details > summary { color: var(--muted); font-size: .84rem; cursor: pointer; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.2rem; margin: .6rem 0; font-size: .9rem; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; padding-top: .8rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .78rem; }
@media (max-width: 700px) { main { margin: 0; padding: 1.2rem 1rem; box-shadow: none; } .num { white-space: normal; } }
@page { size: A4; margin: 15mm 14mm 17mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, tr, dl, section#summary ul { break-inside: avoid; page-break-inside: avoid; }
  details { display: none; }
  section#summary ul { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`
  .trim()
  .replace(/\n\s*/g, '\n');

function inline(sentence: Sentence): string {
  return sentence.map((p) => (typeof p === 'string' ? escapeXml(p) : `<strong>${escapeXml(p.strong)}</strong>`)).join('');
}

function table(block: Extract<Block, { kind: 'table' }>, withCaption: boolean): string {
  const cls = (numeric: boolean | undefined) => (numeric ? ' class="num"' : '');
  const head = block.columns.map((c) => `<th scope="col"${cls(c.numeric)}>${escapeXml(c.label)}</th>`).join('');
  const body = block.rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell, i) => {
            const c = block.columns[i];
            // Parameter paths may break after a dot, never inside a name.
            const code = (text: string) => `<code>${escapeXml(text).replace(/\./g, '.<wbr>')}</code>`;
            let content: string;
            if (c?.labelled && cell !== '') {
              const { label, path } = labelParts(cell);
              content = label === null ? code(path) : `${escapeXml(label)}<br><small class="path">${code(path)}</small>`;
            } else content = c?.code && cell !== '' ? code(cell) : escapeXml(cell);
            return `<td${cls(c?.numeric)}>${content}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const caption = withCaption && block.title !== undefined ? `<caption>${escapeXml(block.title)}</caption>` : '';
  return `<table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p${b.note ? ' class="note"' : ''}>${inline(b.text)}</p>`;
    case 'list':
      return `<ul>\n${b.items.map((item) => `<li>${inline(item)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      if (b.detail) return `<details><summary>${escapeXml(b.title ?? 'The numbers')}</summary>\n${table(b, false)}\n</details>`;
      return table(b, true);
    case 'figure':
      return `<figure class="chart" id="figure-${escapeXml(b.chart)}">\n${b.svg}${b.caption === '' ? '' : `\n<figcaption>${escapeXml(b.caption)}</figcaption>`}\n</figure>`;
    case 'subheading':
      return `<h3>${escapeXml(b.text)}</h3>`;
    case 'definitions':
      return `<dl>\n${b.items.map(([term, value]) => `<dt>${escapeXml(term)}</dt><dd>${escapeXml(value)}</dd>`).join('\n')}\n</dl>`;
  }
}

function section(s: ReportSection): string {
  return `<section id="${escapeXml(s.id)}">\n<h2>${escapeXml(s.heading)}</h2>\n${s.blocks.map(block).join('\n')}\n</section>`;
}

/**
 * Renders the report as one HTML page, ready to send: open it in any browser, offline,
 * or print it to PDF (A4). The same data always gives the same bytes.
 *
 * @throws {InvalidParameterError} when the data lacks what a report needs (see {@link checkReportData}).
 * @example
 * const html = renderHtmlReport(data);
 * html.startsWith('<!DOCTYPE html>'); // true
 */
export function renderHtmlReport(data: ReportData): string {
  return withLocale(data.locale, () => render(data));
}

function render(data: ReportData): string {
  const doc = buildReportDocument(data);
  return `<!DOCTYPE html>
<html lang="${LOCALE_TAGS[activeLocale()]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="hearsay ${escapeXml(data.version)}">
<title>${escapeXml(doc.title)}</title>
<style>
${CSS}
</style>
</head>
<body>
<main>
<header>
<p class="eyebrow">${escapeXml(t().eyebrow)}</p>
<h1>${escapeXml(doc.title)}</h1>
<p class="subtitle">${escapeXml(doc.subtitle)}</p>
</header>
${doc.sections.map(section).join('\n')}
<footer>${escapeXml(t().footer(data.version))}</footer>
</main>
</body>
</html>
`;
}
