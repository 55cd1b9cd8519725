// The report renderers: numbers never print as NaN, text is escaped everywhere, the same
// data gives the same bytes, every section appears exactly when its data does, and CSV
// follows RFC 4180.
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/index.js';
import { summarize } from '../../src/monte-carlo/summary.js';
import {
  CHART_NAMES,
  allCharts,
  breakEvenChart,
  checkReportData,
  darkNumberChart,
  darkNumberHistogram,
  policyComparisonChart,
  projectionChart,
  renderHtmlReport,
  renderMarkdownReport,
  reportCharts,
  reportTables,
  sentenceText,
  summarySentences,
  toCsv,
  tornadoChart,
  type ReportData,
} from '../../src/report/index.js';
import { escapeMarkdown, escapeXml, formatInterval, formatMoney, formatNumber, formatValue, roundedEstimate, supportedStep } from '../../src/report/format.js';
import { niceAxis } from '../../src/report/scale.js';
import { handMadeReportData, singleReplicateData } from './fixtures.js';

/** Everything a report can produce for the data, as one string per output. */
function outputs(data: ReportData): Record<string, string> {
  const out: Record<string, string> = { html: renderHtmlReport(data), markdown: renderMarkdownReport(data) };
  for (const [path, svg] of Object.entries(reportCharts(data))) out[path] = svg;
  for (const [name, rows] of Object.entries(reportTables(data))) out[`${name}.csv`] = toCsv(rows);
  return out;
}

describe('number formatting', () => {
  it('groups thousands, uses a true minus, never writes −0, NaN or an exponent', () => {
    expect(formatNumber(-27318.4, 0)).toBe('\u221227,318');
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(-0.004, 2)).toBe('0.00');
    expect(formatNumber(-0, 0)).toBe('0');
    expect(formatNumber(NaN, 1)).toBe('n/a');
    expect(formatNumber(Infinity, 1)).toBe('n/a');
    expect(formatNumber(null, 1)).toBe('n/a');
    expect(formatNumber(undefined, 1)).toBe('n/a');
    expect(formatNumber(1e21, 0)).toBe('n/a');
  });
  it('money and intervals keep the unit on the line and make negative ranges readable', () => {
    expect(formatMoney(618.2, 'kr')).toBe('618\u00a0kr');
    expect(formatMoney(12.5, 'kr')).toBe('12.50\u00a0kr');
    expect(formatMoney(-1200, '$')).toBe('\u2212$1,200');
    expect(formatMoney(NaN, 'kr')).toBe('n/a');
    expect(formatInterval([550.2, 686.4], 0, 'kr')).toBe('550\u2013686\u00a0kr');
    expect(formatInterval([-5, 3], 0)).toBe('\u22125 to 3');
    expect(formatInterval(null, 0)).toBe('n/a');
    expect(formatInterval([NaN, 3], 0)).toBe('n/a');
    expect(formatValue(0.025)).toBe('0.025');
    expect(formatValue(5000)).toBe('5,000');
    expect(formatValue(NaN)).toBe('n/a');
  });
  it('rounds an estimate to two significant digits of its CI half-width, never finer than asked', () => {
    // Half-width 1,146: steps of 100. 21.1: steps of 1. 0.34: steps of 0.01.
    expect(supportedStep([28072, 30364])).toBe(100);
    expect(supportedStep([175.2, 217.4])).toBe(1);
    expect(supportedStep([0.5, 1.18])).toBe(0.01);
    expect(supportedStep(null)).toBeNull();
    expect(supportedStep([5, 5])).toBeNull();
    expect(roundedEstimate(29218, [28072, 30364], 0)).toEqual({ mean: 29200, ci: [28100, 30400], decimals: 0 });
    expect(roundedEstimate(0.8347, [0.5, 1.18], 2)).toEqual({ mean: 0.83, ci: [0.5, 1.18], decimals: 2 });
    // Finer than the display's decimals is never shown: the decimals asked for stand.
    expect(roundedEstimate(29.27, [28.9, 29.6], 0)).toEqual({ mean: 29.27, ci: [28.9, 29.6], decimals: 0 });
    expect(roundedEstimate(-1234.5, [-1400, -1069], 2)).toEqual({ mean: -1230, ci: [-1400, -1070], decimals: 0 }); // half-width 165.5: steps of 10
  });
  it('round axes cover the values with exact tick values', () => {
    const a = niceAxis([0.13, 0.71], 6);
    expect(a.lo).toBeLessThanOrEqual(0.13);
    expect(a.hi).toBeGreaterThanOrEqual(0.71);
    expect(a.ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    expect(a.decimals).toBe(1);
    expect(niceAxis([], 5)).toMatchObject({ lo: 0, hi: 1 });
    expect(niceAxis([7, 7], 5).ticks.length).toBeGreaterThan(1);
    expect(niceAxis([NaN, 3, Infinity, 5], 4).ticks.every(Number.isFinite)).toBe(true);
  });
});

describe('escaping', () => {
  it('escapes XML and Markdown specials and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeXml('bell\u0007')).toBe('bell\uFFFD');
    expect(escapeMarkdown('<script>a|b*c_[d]</script>')).toBe('\\<script\\>a\\|b\\*c\\_\\[d\\]\\</script\\>');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
  });

  const evil = '<script>alert("x")</script> & | `tick` [link](http://evil.example)';
  const data = (() => {
    const base = handMadeReportData();
    const rename = (n: string) => (n === 'refuse' ? evil : n);
    return {
      ...base,
      title: `${evil} title`,
      scenario: evil,
      baseline: evil,
      currency: '<kr>',
      policies: base.policies.map((p) => ({ ...p, name: rename(p.name), description: evil })),
      differences: base.differences.map((d) => ({ ...d, policy: rename(d.policy), against: rename(d.against) })),
      breakEven: { ...base.breakEven!, policies: [evil, 'refund'] as const },
      sensitivity: { ...base.sensitivity!, comparisons: base.sensitivity!.comparisons.map((c) => ({ ...c, rows: c.rows.map((r) => ({ ...r, parameter: evil, source: evil })) })) },
      projection: { ...base.projection!, metric: evil, rows: base.projection!.rows.map((r) => ({ ...r, policy: rename(r.policy), metric: evil })), assumptions: [evil] },
      assumptions: [{ parameter: evil, value: evil, unit: evil, source: evil }],
    } satisfies ReportData;
  })();

  it('a <script> in any name is shown, never run: HTML and SVG escape it', () => {
    const html = renderHtmlReport(data);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<kr>');
    expect(html).not.toMatch(/href=/i);
    for (const svg of Object.values(reportCharts(data))) {
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toContain('<kr>');
      expect(svg).toContain('&lt;');
    }
  });
  it('Markdown backslash-escapes it, so no renderer reads it as HTML, a link or a table cell', () => {
    const md = renderMarkdownReport(data);
    // Outside code spans (where nothing is interpreted), every special character is escaped.
    const prose = md.replace(/`[^`\n]*`/g, '');
    expect(prose).not.toMatch(/(^|[^\\])<script/);
    expect(md).toContain('\\<script\\>');
    expect(prose).not.toMatch(/(^|[^\\])\[link\]/);
    // Every table row keeps its column count: no unescaped pipe inside a cell.
    for (const table of md.split(/\n\n/).filter((b) => b.startsWith('| '))) {
      const counts = table.split('\n').map((line) => line.replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size).toBe(1);
    }
  });
});

describe('no NaN, ever', () => {
  it('a single replicate (null SEs and CIs) renders n/a, not NaN', () => {
    const data = singleReplicateData();
    for (const [name, text] of Object.entries(outputs(data))) {
      expect(text, name).not.toMatch(/NaN|undefined|Infinity/);
    }
    const html = renderHtmlReport(data);
    expect(html).toContain('n/a');
    expect(summarySentences(data).map(sentenceText).join(' ')).toContain('95% CI n/a');
  });
  it('non-finite numbers in the data render as n/a (and CSV leaves NaN empty)', () => {
    const base = handMadeReportData();
    const broken = { ...summarize([1, 2, 3]), mean: NaN, p95: Infinity, ci95Low: NaN, ci95High: 4 };
    const data: ReportData = {
      ...base,
      policies: base.policies.map((p, i) => ({
        ...p,
        metrics: { ...p.metrics, netValue: i === 0 ? broken : p.metrics.netValue!, expectedLostProspects: broken },
        lostProspectSamples: [...p.lostProspectSamples, NaN, Infinity],
      })),
      differences: base.differences.map((d) => ({ ...d, difference: broken, probabilityBetter: NaN })),
      breakEven: { ...base.breakEven!, value: NaN, se: NaN, ci95Low: NaN, ci95High: NaN },
      sensitivity: { ...base.sensitivity!, comparisons: base.sensitivity!.comparisons.map((c) => ({ ...c, base: NaN, rows: c.rows.map((r) => ({ ...r, atLow: NaN, swing: NaN })) })) },
      projection: { ...base.projection!, rows: base.projection!.rows.map((r, i) => (i % 3 === 0 ? { ...r, p50: NaN } : r)) },
    };
    for (const [name, text] of Object.entries(outputs(data))) {
      if (name.endsWith('.csv')) expect(text, name).not.toContain('NaN');
      else expect(text, name).not.toMatch(/NaN|undefined|Infinity/);
    }
  });
});

describe('determinism', () => {
  it('the same data gives the same bytes, also after a JSON round trip', () => {
    const a = outputs(handMadeReportData());
    const b = outputs(handMadeReportData());
    const c = outputs(JSON.parse(JSON.stringify(handMadeReportData())) as ReportData);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });
  it('different data gives a different report', () => {
    expect(renderHtmlReport(handMadeReportData({ seed: '2' }))).not.toBe(renderHtmlReport(handMadeReportData()));
  });
});

describe('sections appear exactly when their data does', () => {
  const countCharts = (html: string, name: string) => html.split(`data-chart="${name}"`).length - 1;
  const optional = ['breakEven', 'sensitivity', 'projection'] as const;
  const sectionOf = { breakEven: 'break-even', sensitivity: 'sensitivity', projection: 'projection' } as const;
  const chartOf = { breakEven: 'break-even', sensitivity: 'tornado', projection: 'projection' } as const;
  const headingOf = { breakEven: 'Break-even', sensitivity: 'What drives the result', projection: 'Projection' } as const;

  for (let mask = 0; mask < 8; mask++) {
    const present = optional.filter((_, i) => mask & (1 << i));
    it(`with ${present.length === 0 ? 'none' : present.join(', ')} of the optional parts`, () => {
      const full = handMadeReportData();
      const data = { ...full } as Record<string, unknown>;
      for (const key of optional) if (!present.includes(key)) delete data[key];
      const d = data as unknown as ReportData;
      const html = renderHtmlReport(d);
      const md = renderMarkdownReport(d);
      const charts = reportCharts(d);
      const tables = reportTables(d);
      for (const key of optional) {
        const on = present.includes(key);
        expect(html.includes(`<section id="${sectionOf[key]}">`), key).toBe(on);
        expect(countCharts(html, chartOf[key]), key).toBe(on ? 1 : 0);
        expect(md.includes(`## ${headingOf[key]}\n`), key).toBe(on);
        expect(`charts/${chartOf[key]}.svg` in charts, key).toBe(on);
        expect(sectionOf[key] in tables, key).toBe(on);
      }
      // Always there for this data: summary, policies, dark number, comparison, assumptions, reproduction.
      for (const id of ['summary', 'policies', 'difference', 'story', 'dark-number', 'comparison', 'assumptions', 'reproduce']) {
        expect(html).toContain(`<section id="${id}">`);
      }
      expect(countCharts(html, 'dark-number')).toBe(1);
      expect(countCharts(html, 'policy-comparison')).toBe(1);
      expect(countCharts(html, 'waterfall')).toBe(1);
      expect(countCharts(html, 'story')).toBe(1);
      expect(html.split('class="hearsay-chart"').length - 1).toBe(4 + present.length);
      // The Markdown references exactly the chart files.
      const referenced = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
      expect(referenced.sort()).toEqual(Object.keys(charts).sort());
    });
  }

  it('no samples: no dark-number chart, section or sample tables', () => {
    const base = handMadeReportData();
    const data = { ...base, policies: base.policies.map((p) => ({ ...p, lostProspectSamples: [] })) };
    expect(darkNumberChart(data)).toBeNull();
    const html = renderHtmlReport(data);
    expect(html).not.toContain('<section id="dark-number">');
    expect(reportTables(data)).not.toHaveProperty('dark-number');
    // The summary still states the dark number from the metrics.
    expect(summarySentences(data).map(sentenceText).join(' ')).toMatch(/turns away an estimated 4\.7/);
  });
  it('no net value: no comparison; one policy: no differences panel', () => {
    const base = handMadeReportData();
    const noValue = { ...base, policies: base.policies.map((p) => ({ ...p, metrics: { expectedLostProspects: p.metrics.expectedLostProspects! } })) };
    expect(policyComparisonChart(noValue)).toBeNull();
    expect(renderHtmlReport(noValue)).not.toContain('<section id="comparison">');
    const single = { ...base, policies: [base.policies[0]!], differences: [] };
    const svg = policyComparisonChart(single)!;
    expect(svg).toContain('Cost of these incidents');
    expect(svg).not.toContain('Difference from');
    expect(reportTables(single)).not.toHaveProperty('differences');
  });
  it('an empty sensitivity or a projection without rows of its metric draws nothing', () => {
    const base = handMadeReportData();
    expect(tornadoChart({ ...base, sensitivity: { ...base.sensitivity!, comparisons: base.sensitivity!.comparisons.map((c) => ({ ...c, rows: [] })) } })).toBeNull();
    expect(projectionChart({ ...base, projection: { ...base.projection!, metric: 'revenue' } })).toBeNull();
    expect(breakEvenChart({ ...base, breakEven: undefined as never })).toBeNull();
  });
});

describe('charts', () => {
  const data = handMadeReportData();
  it('every chart is a self-contained, accessible SVG', () => {
    const charts = allCharts(data);
    expect(charts.map((c) => c.name)).toEqual([...CHART_NAMES]);
    for (const { name, svg } of charts) {
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), name).toBe(true);
      expect(svg, name).toContain(`data-chart="${name}"`);
      expect(svg, name).toMatch(/aria-label="[^"]+"/);
      expect(svg, name).toMatch(/<title id="hs-[\w-]+-title">[^<]+<\/title>/);
      expect(svg, name).toMatch(/<desc id="hs-[\w-]+-desc">[^<]+<\/desc>/);
      expect(svg, name).not.toMatch(/<script|href|url\(|@import|<image|<foreignObject/i);
      // The only URL is the SVG namespace.
      expect(svg.match(/https?:\/\//g), name).toEqual(['http://']);
      // Money axes name the currency and what the money is for (the dark number counts prospects; the projection its metric; the story people).
      if (!['dark-number', 'projection', 'story', 'break-even'].includes(name)) expect(svg, name).toContain('kr for these 10 incidents');
      if (name === 'break-even') expect(svg, name).toContain('(kr)');
    }
  });
  it('the break-even chart says the line is a local picture, and tells which policy wins where', () => {
    const svg = breakEvenChart(data)!;
    expect(svg).toContain('The local picture: a straight line with the estimated slope');
    expect(svg).toContain('not simulated away from that point');
    expect(svg).toContain('above 0: refuse worth more');
    expect(svg).toContain('break-even 640\u00a0kr (95% CI 624\u2013656\u00a0kr)');
  });
  it('the histogram counts every finite sample once, in contiguous bins', () => {
    const h = darkNumberHistogram(data);
    expect(h.totals).toEqual([10, 10]);
    h.policies.forEach((_, j) => expect(h.bins.reduce((s, b) => s + b.counts[j]!, 0)).toBe(10));
    for (let i = 1; i < h.bins.length; i++) expect(h.bins[i]!.low).toBe(h.bins[i - 1]!.high);
    expect(h.width).toBe(1); // whole-number samples get whole bins
  });
  it('tornado rows are drawn largest swing first, whatever order they come in', () => {
    const reversed = { ...data, sensitivity: { ...data.sensitivity!, comparisons: data.sensitivity!.comparisons.map((c) => ({ ...c, rows: [...c.rows].reverse() })) } };
    const svg = tornadoChart(reversed)!;
    expect(svg.indexOf('spread.tellProbability')).toBeLessThan(svg.indexOf('economics.retention'));
  });
});

describe('the summary', () => {
  it('states the dark number, the comparison, the break-even and what drives the result', () => {
    const text = summarySentences(handMadeReportData()).map(sentenceText);
    expect(text[0]).toBe(
      'Against \u201crefuse\u201d, refund is worth 196\u00a0kr more per incident, 1,960\u00a0kr more for these 10 incidents (95% CI 1,750\u20132,170\u00a0kr), and better in 100.0% of simulated runs. \u201crefuse\u201d pays only if a lost customer or prospect is worth less than 1,000\u00a0kr (95% CI 902\u00a0kr to 1,098\u00a0kr); here a customer\'s lifetime value is 2,000\u00a0kr (no acquisition cost given).',
    );
    expect(text[1]).toBe(
      'With refuse (the baseline), word of mouth turns away an estimated 4.7\u00a0prospects for these 10 incidents (95% CI 3.5\u20135.9; between 2.5 and 7.5 in 90% of simulated runs), worth 1,410\u00a0kr in lifetime value. Sales records never show them: they are the dark number. With \u201crefund\u201d: 1.5.',
    );
    expect(text.some((s) => s.startsWith('Break-even: refuse and refund are worth the same when the fee is 640\u00a0kr (95% CI 624\u2013656\u00a0kr). Above it \u201crefund\u201d is worth more'))).toBe(true);
    expect(text).toContain('For \u201crefund\u201d against \u201crefuse\u201d, the assumption that moves the difference most is spread.tellProbability: over its range, 0.2 to 0.6, it goes from 900\u00a0kr to 2,300\u00a0kr (base 1,600\u00a0kr). No single assumption, swung over its range, changes its sign.');
  });
  it('says so when the interval includes zero', () => {
    const base = handMadeReportData();
    const noisy = summarize([-500, 800, -300, 600, 100]);
    const data = { ...base, differences: [{ ...base.differences[0]!, difference: noisy, probabilityBetter: 0.6, probabilityBetterSe: 0.2 }] };
    expect(summarySentences(data).map(sentenceText).join(' ')).toContain('The interval includes zero: with 10 replicates the two cannot be told apart.');
  });
});

describe('CSV (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, leaves nulls empty, writes numbers as JavaScript does', () => {
    const csv = toCsv([
      { policy: 'refuse, bill 200 kr', note: 'says "no"', mean: -182281.5, se: null },
      { policy: 'two\nlines', note: 'cr\r', mean: 0.1, extra: true },
      { policy: 'plain', mean: 1e-7, se: -0, extra: undefined },
    ]);
    expect(csv).toBe(
      [
        'policy,note,mean,se,extra',
        '"refuse, bill 200 kr","says ""no""",-182281.5,,',
        '"two\nlines","cr\r",0.1,,true',
        'plain,,1e-7,0,',
        '',
      ].join('\r\n'),
    );
  });
  it('keeps a given column order, writes NaN as empty and Infinity as JavaScript does', () => {
    expect(toCsv([{ a: 1, b: NaN, c: Infinity }], { columns: ['c', 'a', 'b'] })).toBe('c,a,b\r\nInfinity,1,\r\n');
    expect(toCsv([])).toBe('');
  });
  it('tidy tables hold every charted number, one observation per row', () => {
    const data = handMadeReportData();
    const t = reportTables(data);
    expect(Object.keys(t)).toEqual(['run', 'policies', 'differences', 'difference-parts', 'story', 'dark-number', 'dark-number-histogram', 'break-even', 'sensitivity', 'projection', 'assumptions']);
    expect(t['dark-number']).toHaveLength(20);
    expect(t['dark-number']![0]).toEqual({ policy: 'refuse', replicate: 0, lostProspects: 3 });
    expect(t.policies!.find((r) => r.policy === 'refund' && r.metric === 'netValue')).toMatchObject({ n: 10, mean: data.policies[1]!.metrics.netValue!.mean });
    expect(t['break-even']![0]).toMatchObject({ policy: 'refuse', against: 'refund', parameter: 'fee', value: 640, ci95Low: 624.3, ci95High: 655.7 });
    expect(t.sensitivity!.map((r) => r.parameter)).toEqual(['spread.tellProbability', 'economics.retention']);
    expect(t.projection).toHaveLength(data.projection!.rows.length);
    const single = reportTables(singleReplicateData());
    expect(single.policies![0]).toMatchObject({ sd: null, se: null, ci95Low: null, ci95High: null });
    expect(toCsv(single.policies!).split('\r\n')[1]).toMatch(/^refuse,expectedLostProspects,1,4,,,,,4,/);
  });
});

describe('input checks', () => {
  it('names the field that is wrong', () => {
    const base = handMadeReportData();
    expect(() => renderHtmlReport({ ...base, baseline: 'nobody' })).toThrow(InvalidParameterError);
    expect(() => renderHtmlReport({ ...base, baseline: 'nobody' })).toThrow(/data\.baseline: expected the name of one of data\.policies, received "nobody"/);
    expect(() => checkReportData({ ...base, policies: [] })).toThrow(/data\.policies/);
    expect(() => checkReportData({ ...base, policies: [base.policies[0]!, base.policies[0]!] })).toThrow(/data\.policies\[1\]\.name: expected a name no other policy has/);
    expect(() => reportTables({ ...base, differences: undefined as never })).toThrow(/data\.differences/);
  });
  it('chart paths follow the chart directory option', () => {
    const data = handMadeReportData();
    expect(Object.keys(reportCharts(data, { chartDirectory: 'figures/' }))).toContain('figures/dark-number.svg');
    expect(renderMarkdownReport(data, { chartDirectory: '' })).toContain('](dark-number.svg)');
    expect(renderMarkdownReport(data, { chartDirectory: 'my charts' })).toContain('](<my charts/dark-number.svg>)');
  });
});
