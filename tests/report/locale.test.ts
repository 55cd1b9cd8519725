// Reports in the client's language (issue 15): one catalog per language with every key of
// the English one, numbers by Intl for the language, <html lang>, English unchanged, CSV
// for a spreadsheet in that language, and long policy names that wrap instead of running
// past a chart's edge.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGS, LOCALES, LOCALE_TAGS, withLocale, type Catalog } from '../../src/report/locale/index.js';
import { en } from '../../src/report/locale/en.js';
import { formatInterval, formatMoney, formatNumber, formatPercent, formatValue } from '../../src/report/format.js';
import { allCharts, renderHtmlReport, renderMarkdownReport, toCsv, type ReportData } from '../../src/report/index.js';
import { handMadeReportData } from './fixtures.js';
import { readScenario } from '../../src/scenario-file/parse.js';
import { runScenario } from '../../src/scenario-file/run.js';

/** Every key path of a catalog, with the kind of value (string, function, or a nested table). */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}:string`];
  if (typeof value === 'function') return [`${prefix}:function/${(value as (...a: unknown[]) => unknown).length}`];
  if (value !== null && typeof value === 'object') return Object.keys(value).sort().flatMap((k) => shape((value as Record<string, unknown>)[k], prefix === '' ? k : `${prefix}.${k}`));
  return [`${prefix}:${typeof value}`];
}

describe('catalogs', () => {
  it('every language has every key of the English catalog, of the same kind', () => {
    const english = shape(en).filter((k) => !k.startsWith('parameterLabels.'));
    for (const locale of LOCALES) {
      const mine = shape(CATALOGS[locale]).filter((k) => !k.startsWith('parameterLabels.'));
      expect(mine, locale).toEqual(english);
    }
  });
  it('a catalog lacking a key is caught at run time (the check can fail)', () => {
    const { inShort: _dropped, ...rest } = en;
    void _dropped;
    expect(shape(rest)).not.toEqual(shape(en));
    // And by the type checker: `const x: Catalog = rest` would not compile (inShort is missing).
    const typed: Omit<Catalog, 'inShort'> = rest;
    expect(Object.keys(typed)).not.toContain('inShort');
  });
  it('no translated string is left in English by accident (headings differ from English)', () => {
    for (const locale of ['da', 'sv', 'nb'] as const) {
      const c = CATALOGS[locale];
      for (const key of ['inShort', 'differenceHeading', 'storyHeading', 'darkHeading', 'costHeading', 'sensitivityHeading', 'assumptionsHeading', 'reproduceHeading', 'counterfactual'] as const) {
        expect(c[key], `${locale}.${key}`).not.toBe(en[key]);
      }
      for (const part of Object.keys(en.parts) as Array<keyof Catalog['parts']>) expect(c.parts[part], `${locale}.parts.${part}`).not.toBe(en.parts[part]);
    }
  });
});

describe('numbers in each language', () => {
  const intl = (locale: 'da' | 'sv' | 'nb', x: number, d = 0) => new Intl.NumberFormat(LOCALE_TAGS[locale], { minimumFractionDigits: d, maximumFractionDigits: d }).format(x);
  it('match Intl for the language, and the literal forms a reader expects', () => {
    expect(withLocale('da', () => formatMoney(27370, 'kr', 0))).toBe('27.370\u00a0kr');
    expect(withLocale('da', () => formatMoney(27370, 'kr', 0))).toBe(`${intl('da', 27370)}\u00a0kr`);
    // Swedish and Bokmål group with a no-break space (U+00A0), as Intl does.
    expect(withLocale('sv', () => formatMoney(27370, 'kr', 0))).toBe('27\u00a0370\u00a0kr');
    expect(withLocale('nb', () => formatMoney(27370, 'kr', 0))).toBe('27\u00a0370\u00a0kr');
    for (const locale of ['da', 'sv', 'nb'] as const) {
      expect(withLocale(locale, () => formatNumber(1234.5, 1)), locale).toBe(intl(locale, 1234.5, 1));
      // A true minus sign, whatever Intl writes (a hyphen in Danish, U+2212 in Swedish).
      expect(withLocale(locale, () => formatNumber(-27370, 0)), locale).toBe(`\u2212${intl(locale, 27370)}`);
      expect(withLocale(locale, () => formatNumber(-0.0001, 2)), locale).toBe(intl(locale, 0, 2));
      expect(withLocale(locale, () => formatNumber(Number.NaN, 2)), locale).toBe('n/a');
    }
    expect(withLocale('da', () => formatPercent(0.96))).toBe('96,0\u00a0%');
    expect(withLocale('da', () => formatValue(0.025))).toBe('0,025');
    expect(withLocale('da', () => formatInterval([-5, 12], 0))).toBe('\u22125 til 12');
    expect(withLocale('sv', () => formatInterval([1200, 1300], 0, 'kr'))).toBe('1\u00a0200\u20131\u00a0300\u00a0kr');
  });
  it('English keeps its own format, and the language is restored after rendering', () => {
    expect(formatMoney(27370, 'kr', 0)).toBe('27,370\u00a0kr');
    expect(formatPercent(0.96)).toBe('96.0%');
    renderHtmlReport(handMadeReportData({ locale: 'da' }));
    expect(formatNumber(1234.5, 1)).toBe('1,234.5');
  });
});

describe('the report in each language', () => {
  const hand = handMadeReportData();
  it('sets <html lang> and translates the headings; English is byte-identical with or without locale', () => {
    expect(renderHtmlReport(hand)).toContain('<html lang="en">');
    expect(renderHtmlReport({ ...hand, locale: 'en' })).toBe(renderHtmlReport(hand));
    for (const locale of ['da', 'sv', 'nb'] as const) {
      const data: ReportData = { ...hand, locale };
      const html = renderHtmlReport(data);
      expect(html).toContain(`<html lang="${LOCALE_TAGS[locale]}">`);
      expect(html).toContain(`<h2>${CATALOGS[locale].inShort}</h2>`);
      const md = renderMarkdownReport(data);
      for (const heading of [en.inShort, en.differenceHeading, en.storyHeading, en.darkHeading, en.costHeading, en.sensitivityHeading, en.projectionHeading, en.reproduceHeading]) {
        expect(md, `${locale}: ${heading}`).not.toContain(`## ${heading}\n`);
      }
      for (const { name, svg } of allCharts(data)) {
        for (const english of ['simulated runs', 'in favour of the policy', 'the difference', 'month']) {
          // Chart text (not the screen-reader description) is translated.
          const visible = svg.replace(/<desc[^>]*>[\s\S]*?<\/desc>/, '');
          expect(visible, `${locale} ${name}`).not.toMatch(new RegExp(`>[^<]*\\b${english}\\b[^<]*<`));
        }
      }
    }
  });
  it('a Danish report reads Danish numbers and words', () => {
    const html = renderHtmlReport({ ...hand, locale: 'da', incidents: { count: 100, period: 'month' } });
    expect(html).toContain('pr. måned (100 hændelser)');
    expect(html).toContain('Sammenlignet med \u00bbrefuse\u00ab: <strong>refund</strong> er <strong>');
    expect(html).toContain('1.960\u00a0kr mere værd');
    expect(html).toContain('100,0\u00a0%');
    expect(html).toContain('betaler sig kun, hvis en tabt kunde eller potentiel kunde er mindre værd end 1.000\u00a0kr');
  });
});

describe('CSV for a spreadsheet in the language (--csv excel)', () => {
  const rows = [{ policy: 'afvis; 200 kr', mean: -27370.25, share: 0.5, note: '=HYPERLINK("http://x")' }];
  it('Danish, Swedish, Norwegian: semicolons, decimal comma, a UTF-8 BOM; formulas neutralised', () => {
    for (const locale of ['da', 'sv', 'nb'] as const) {
      expect(toCsv(rows, { flavour: 'excel', locale })).toBe('\uFEFFpolicy;mean;share;note\r\n"afvis; 200 kr";-27370,25;0,5;"\'=HYPERLINK(""http://x"")"\r\n');
    }
  });
  it('English excel: commas and dots with a BOM; plain CSV unchanged', () => {
    expect(toCsv(rows, { flavour: 'excel', locale: 'en' })).toBe('\uFEFFpolicy,mean,share,note\r\n afvis; 200 kr,-27370.25,0.5,"\'=HYPERLINK(""http://x"")"\r\n'.replace(' afvis', 'afvis'));
    expect(toCsv(rows)).toBe('policy,mean,share,note\r\nafvis; 200 kr,-27370.25,0.5,"\'=HYPERLINK(""http://x"")"\r\n');
  });
});

describe('long policy names', () => {
  it('a 60-character policy name wraps: no line of chart text is wider than its chart', () => {
    const long = 'refuse the repair, bill the inspection fee and apologise later';
    expect(long.length).toBeGreaterThanOrEqual(60);
    const base = handMadeReportData();
    const rename = (n: string) => (n === 'refuse' ? long : n);
    const data: ReportData = {
      ...base,
      baseline: long,
      policies: base.policies.map((p) => ({ ...p, name: rename(p.name) })),
      differences: base.differences.map((d) => ({ ...d, policy: rename(d.policy), against: rename(d.against) })),
      breakEven: { ...base.breakEven!, policies: [long, 'refund'] },
      sensitivity: { ...base.sensitivity!, baseline: long, comparisons: base.sensitivity!.comparisons.map((c) => ({ ...c, against: long })) },
      projection: { ...base.projection!, rows: base.projection!.rows.map((r) => ({ ...r, policy: rename(r.policy) })) },
    };
    for (const locale of LOCALES) {
      for (const { name, svg } of allCharts({ ...data, locale })) {
        const width = Number(/width="(\d+)"/.exec(svg)![1]);
        for (const m of svg.matchAll(/<text([^>]*)>([\s\S]*?)<\/text>/g)) {
          const size = Number(/font-size="([\d.]+)"/.exec(m[1]!)?.[1] ?? 12);
          for (const piece of m[2]!.split(/<tspan[^>]*>/)) {
            const line = piece.replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, '_');
            // The layout's own estimate of glyph width (0.58 of the font size; bold titles 0.62).
            expect(Array.from(line).length * size * 0.58, `${locale} ${name}: ${line}`).toBeLessThanOrEqual(width);
          }
        }
      }
    }
  });
});

describe('a Danish phone-shop report, end to end (issue 15 item 1)', () => {
  // examples/scenarios/telefonbutik.yaml with its policies' own descriptions removed, so the
  // tool describes them; 20 replicates (only the words are checked, not the numbers).
  const text = readFileSync(new URL('../../examples/scenarios/telefonbutik.yaml', import.meta.url), 'utf8');
  const file = readScenario(text, 'telefonbutik.yaml');
  const bare = { ...file, policies: file.policies.map(({ description: _d, ...p }) => (void _d, p)) };
  const run = runScenario(bare, { replicates: 20, source: 'telefonbutik.yaml' });
  const pages = () => [renderHtmlReport(run.report), renderMarkdownReport(run.report), ...allCharts(run.report).map((c) => c.svg)].join('\n');
  it('has no English left in the break-even chart, the projection assumptions, the policies the tool describes, the chart descriptions or the units', () => {
    expect(run.report.locale).toBe('da');
    const all = pages();
    for (const english of ['The local picture', 'for each kr of', '95% CI', 'not a finite number', 'are worth the same when', '(default;', '(scenario file)', 'total churn: ', 'measured over', 'a year = other causes', 'repair or replace', 'refuse and bill', 'refund plus a', 'gesture', '| currency |', '| pain 0–10 |', '| customers |', 'Waterfall charts', 'Tornado charts', 'Histograms of', 'Fan charts', 'Bars of the mean', 'better in', ' against ']) {
      expect(all, english).not.toContain(english);
    }
    for (const danish of [
      'Det lokale billede: en ret linje med den estimerede hældning',
      'kr for hver kr, gebyret stiger',
      '(standardværdi; ',
      '(scenariefilen)',
      'samlet kundeafgang: afvis, opkræv 200 kr = ',
      'afvis og opkræv et gebyr på 200\u00a0kr',
      'reparér eller ombyt (koster 600\u00a0kr)',
      'refundér og giv 200\u00a0kr som en gestus',
      '| valuta |',
      '| smerte 0–10 |',
      '| valuta/år |',
    ]) {
      expect(all, danish).toContain(danish);
    }
    expect(all).toMatch(/målt over 36 måneder: \d+,\d\u00a0% om året = andre årsager \d+,\d\u00a0% \+ problemer \d+,\d\u00a0% \+ mund-til-mund \d+,\d\u00a0%/);
  });
  it('the same run in English keeps the English words (the report data are language-neutral)', () => {
    const { locale: _l, ...english } = run.report;
    void _l;
    const md = renderMarkdownReport(english);
    expect(md).toContain('(default; ');
    expect(md).toContain('(scenario file)');
    expect(md).toMatch(/total churn: .* \(measured over 36 months: [\d.]+% a year = other causes/);
  });
});
