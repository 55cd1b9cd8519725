// The HTML report of a small real run, opened in headless Chromium (Debian's `chromium`
// package, driven by playwright-core): no console errors, no page errors, every chart
// present and drawn, nothing requested from the network, no text that reads NaN, no
// horizontal overflow; a screenshot goes to artifacts/report.png (git-ignored).
//
// Where Chromium or playwright-core is missing the test fails, saying how to install it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHART_NAMES, renderHtmlReport, renderMarkdownReport, reportCharts, reportTables, toCsv } from '../../src/report/index.js';
import { chromiumPath, requireChromium } from '../helpers/chromium.js';
import { realReportData } from './fixtures.js';

// The page's globals, for the callbacks run inside Chromium (the tests type-check without the DOM library).
declare const document: { readonly body: { readonly innerText: string }; readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number } };
declare const DOMParser: new () => { parseFromString(text: string, type: string): { getElementsByTagName(name: string): { readonly length: number } } };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = join(root, 'artifacts');
const executablePath = chromiumPath;

describe('the HTML report in headless Chromium', () => {
  it('opens offline with every chart, no errors and no network request', async () => {
    requireChromium();
    const data = realReportData(60);
    const html = renderHtmlReport(data);
    mkdirSync(join(artifacts, 'report', 'charts'), { recursive: true });
    const htmlPath = join(artifacts, 'report.html');
    writeFileSync(htmlPath, html);
    // The Markdown twin, its charts and the tables beside it, for a look by hand.
    writeFileSync(join(artifacts, 'report', 'report.md'), renderMarkdownReport(data));
    for (const [path, svg] of Object.entries(reportCharts(data))) writeFileSync(join(artifacts, 'report', path), svg);
    for (const [name, rows] of Object.entries(reportTables(data))) writeFileSync(join(artifacts, 'report', `${name}.csv`), toCsv(rows));

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      const url = pathToFileURL(htmlPath).href;
      const consoleErrors: string[] = [];
      const pageErrors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.route('**/*', async (route) => {
        const requested = route.request().url();
        if (requested === url) return route.continue();
        requests.push(requested);
        return route.abort();
      });
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response === null || response.ok()).toBe(true);

      // Every chart is there once, and drawn at a real size.
      const charts = await page.$$eval('svg.hearsay-chart', (svgs) =>
        svgs.map((s) => ({ name: s.getAttribute('data-chart'), width: s.getBoundingClientRect().width, height: s.getBoundingClientRect().height, label: s.getAttribute('aria-label') })),
      );
      expect(charts.map((c) => c.name)).toEqual([...CHART_NAMES]);
      for (const c of charts) {
        expect(c.width, c.name!).toBeGreaterThan(300);
        expect(c.height, c.name!).toBeGreaterThan(100);
        expect(c.label, c.name!).toBeTruthy();
      }
      // Every chart file is well-formed XML on its own (as the Markdown report links it).
      const files = reportCharts(data);
      const parseErrors = await page.evaluate((svgs) => {
        return Object.entries(svgs)
          .filter(([, text]) => new DOMParser().parseFromString(text, 'image/svg+xml').getElementsByTagName('parsererror').length > 0)
          .map(([name]) => name);
      }, files);
      expect(parseErrors).toEqual([]);

      const text = await page.evaluate(() => document.body.innerText);
      expect(text).not.toMatch(/NaN|undefined/);
      expect(text).toContain('In short');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await page.$$('script')).toHaveLength(0);

      await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
      // Print layout (A4) lays out without errors too.
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: join(artifacts, 'report.pdf'), format: 'A4', printBackground: true });

      expect(consoleErrors).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
