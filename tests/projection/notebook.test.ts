// The Deno notebook (examples/projection/churn-projection.ipynb) runs for real, under
// Deno's own Jupyter kernel (the `deno` devDependency), on copies of the notebook: inside
// the repository (where its deno.json links `npm:hearsay` to the build) and outside it
// (with the deno.json its text tells readers to write). Its outputs are checked against
// the same projection computed here under Node: same seed, same numbers on any runtime.
// Needs the build (npm test builds first) and Jupyter's jupyter_client + nbformat, which
// .ci/run installs; without them the test fails and says so. tests/helpers/notebook.ts
// says why the kernel is driven by execute_notebook.py rather than `nbconvert --execute`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignRoles, earlyWarningChartSpec, earlyWarningChartSvg, fanChartSpec, fanChartSvg, groups, projectChurn, type FanChartOptions, type FanChartRow, type ProjectionResult } from '../../src/index.js';
import { comparable, denoExecutable, denoVersion, executeNotebook, joined, jupyterPython, missingTools, type ExecutedNotebook, type NotebookOutput } from '../helpers/notebook.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const folder = join(root, 'examples/projection');
const committedPath = join(folder, 'churn-projection.ipynb');
/** Per cell; a whole run takes about 15 s on this project's 2-core machine. */
const CELL_TIMEOUT_SECONDS = 240;
const RUN_TIMEOUT_MS = CELL_TIMEOUT_SECONDS * 4 * 1000 + 60_000;

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it, outside Deno's node_modules and the examples' out/ folders. */
function sourceFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'out') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path, base) : [relative(base, path)];
  });
}

/** Parses each document with Python's XML parser (Python is there: Jupyter runs on it); the problems, by index. */
function xmlProblems(documents: string[]): string[] {
  const script = [
    'import json, sys, xml.dom.minidom',
    'for i, d in enumerate(json.load(sys.stdin)):',
    '    try: xml.dom.minidom.parseString(d.encode("utf-8"))',
    '    except Exception as e: print(f"{i}: {e}")',
  ].join('\n');
  const r = spawnSync(jupyterPython()!, ['-c', script], { input: JSON.stringify(documents), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

/** The projection the notebook computes, computed here under Node. */
function referenceProjection(): ProjectionResult {
  const town = groups({ size: 20_000, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.0002, seed: 'shop' });
  const network = assignRoles(town, { customers: 0.25, prospects: 0.45 }, 'shop');
  return projectChurn(
    { network, incidents: { count: 0, severity: 'minor', amount: 600 }, economics: { margin: 1200 } },
    [
      { name: 'refuse, 200 kr fee', decision: 'refuse-with-fee', fee: 200 },
      { name: 'free repair', decision: 'repair-or-replace', repairCost: 350 },
      { name: 'goodwill', decision: 'goodwill', credit: 100 },
    ],
    { seed: 2026, replicates: 200, months: 60, incidentRate: 0.01, marketingRate: 0.02, name: 'shop' },
  );
}

let deno = '';
let inside: ExecutedNotebook;
let insideDir = '';
let reference: ProjectionResult;
let before: string[] = [];

beforeAll(() => {
  const missing = missingTools(root);
  if (missing !== null) throw new Error(missing);
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  deno = denoExecutable(root);
  console.log(`notebook test: ${denoVersion(deno)}`);
  reference = referenceProjection();
  // A copy inside the repository, in a git-ignored folder that the package leaves out: the
  // kernel finds examples/projection/deno.json above it, as it would for the notebook itself.
  before = sourceFiles(folder);
  mkdirSync(join(folder, 'out'), { recursive: true });
  insideDir = mkdtempSync(join(folder, 'out', 'notebook-test-'));
  cleanup.push(insideDir);
  cpSync(committedPath, join(insideDir, 'churn-projection.ipynb'));
  inside = executeNotebook(deno, join(insideDir, 'churn-projection.ipynb'), CELL_TIMEOUT_SECONDS);
  console.log(`notebook test: executed inside the repository in ${(inside.ms / 1000).toFixed(1)} s (${inside.log})`);
  if (process.env.HEARSAY_UPDATE_NOTEBOOK === '1') writeFileSync(committedPath, inside.text);
}, RUN_TIMEOUT_MS);

const codeOutputs = (e: ExecutedNotebook): NotebookOutput[][] => e.notebook.cells.filter((c) => c.cell_type === 'code').map((c) => c.outputs ?? []);
/** What a display shows: a chart (Vega-Lite + SVG), Markdown, or the MIME types it carries. */
const kind = (o: NotebookOutput): string => {
  const types = Object.keys(o.data ?? {}).sort().join(' + ');
  if (types === 'application/vnd.vegalite.v5+json + image/svg+xml + text/plain') return 'chart';
  if (types === 'text/markdown + text/plain') return 'markdown';
  return `${o.output_type}: ${types}`;
};
/** As the notebook writes whole numbers. */
const whole = (x: number) => Math.round(x).toLocaleString('en');

/** The charts the notebook draws, in order, as the library draws them from the reference rows. */
function referenceCharts(p: ProjectionResult): Array<{ spec: Record<string, unknown>; svg: string }> {
  const fan = (rows: readonly FanChartRow[], options: FanChartOptions) => ({ spec: fanChartSpec(rows, options), svg: fanChartSvg(rows, options) });
  const split = p.rows
    .filter((r) => r.metric === 'visibleLoss' || r.metric === 'invisibleLoss')
    .map((r) => ({ ...r, scenario: r.metric === 'visibleLoss' ? 'seen: customers who left' : 'unseen: prospects turned away', metric: 'people lost' }));
  return [
    fan(p.rows, { metric: 'customers', title: 'Customers by month' }),
    fan(p.rows, { metric: 'revenue', title: 'Revenue by month (kr)', yTitle: 'kr' }),
    fan(p.rows, { metric: 'lostProspects', title: 'Prospects turned away by word of mouth (running total)' }),
    fan(split, { metric: 'people lost', title: 'What the shop sees, and what it does not', width: 380 }),
    { spec: earlyWarningChartSpec(p.earlyWarningRows), svg: earlyWarningChartSvg(p.earlyWarningRows) },
  ];
}

describe('the Deno notebook under the real Deno kernel', () => {
  it('runs inside the repository without an edit: no errors, every cell shows what it should', () => {
    const outputs = codeOutputs(inside);
    expect(outputs.flat().filter((o) => o.output_type !== 'display_data')).toEqual([]);
    expect(outputs.map((o) => o.map(kind))).toEqual([
      [], // imports npm:hearsay
      [], // the town
      ['markdown'], // the projection's assumptions
      ['markdown'], // after 60 months
      ['chart'],
      ['chart'],
      ['chart'],
      ['chart'],
      ['markdown', 'chart'], // the early warning: table and chart
      ['markdown'], // the CSV
    ]);
    const text = (cell: number) => joined(outputs[cell]![0]!.data!['text/markdown'] as string | string[]);
    const p = reference;
    const row = (...cells: string[]) => `| ${cells.join(' | ')} |`;

    // The assumptions, with their sources.
    for (const a of p.assumptions) {
      expect(text(2)).toContain(row(a.parameter, String(a.value), a.isDefault ? 'default' : 'this notebook', a.source.replaceAll('|', '\\|')));
    }

    // The summary: Deno's numbers are Node's (same seed, same streams).
    const at = (policy: string, metric: string) => p.rows.find((r) => r.policy === policy && r.metric === metric && r.month === 60)!;
    const band = (r: { p05: number; p50: number; p95: number }) => `${whole(r.p50)} (${whole(r.p05)}–${whole(r.p95)})`;
    expect(text(3)).toBe(
      [
        'After 60 months, 200 replicates (seed 2026): median (5–95%)',
        '',
        row('policy', 'customers', 'prospects turned away'),
        row('---', '---', '---'),
        ...p.policies.map((policy) => row(policy, band(at(policy, 'customers')), band(at(policy, 'lostProspects')))),
      ].join('\n'),
    );
    // Read independently of the formatting: refusing keeps fewer customers than a free
    // repair and turns more prospects away, in the middle of the replicates.
    expect(text(3)).toMatch(/\| refuse, 200 kr fee \| \d,\d{3} \(/);
    expect(at('refuse, 200 kr fee', 'customers').p50).toBeLessThan(at('free repair', 'customers').p50);
    expect(at('refuse, 200 kr fee', 'lostProspects').p50).toBeGreaterThan(at('free repair', 'lostProspects').p50);

    // The early-warning table: one row per policy, its months rounded.
    for (const w of p.earlyWarning) {
      expect(text(8)).toContain(row(w.policy, whole(w.month!.p50), whole(w.month!.p05), whole(w.month!.p95), `${w.neverCrossed} of ${w.replicates}`));
    }

    // The CSV went to out/ beside the notebook, and nothing else was written in examples/projection.
    expect(text(9)).toBe(`${whole(p.rows.length)} rows written to \`out/projection.csv\``);
    const csv = readFileSync(join(insideDir, 'out', 'projection.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('scenario,policy,month,metric,mean,se,p05,p25,p50,p75,p95');
    expect(csv).toHaveLength(p.rows.length + 1);
    expect(sourceFiles(folder)).toEqual(before);
  });

  it('shows every chart as a Vega-Lite v5 spec and a static SVG, both as Node draws them from the same seed', () => {
    const displays = codeOutputs(inside)
      .flat()
      .filter((o) => kind(o) === 'chart');
    const expected = referenceCharts(reference);
    expect(displays).toHaveLength(expected.length);
    displays.forEach((d, i) => {
      const data = d.data!;
      expect(Object.keys(data).sort()).toEqual(['application/vnd.vegalite.v5+json', 'image/svg+xml', 'text/plain']);
      const spec = data['application/vnd.vegalite.v5+json'] as Record<string, unknown>;
      const svg = joined(data['image/svg+xml'] as string | string[]);
      expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
      expect(spec).toEqual(expected[i]!.spec);
      expect(svg).toBe(expected[i]!.svg);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
      expect(svg).toContain(`<title>${String(spec.title).replace(/&/g, '&amp;')}</title>`);
      expect(joined(data['text/plain'] as string | string[])).toBe(spec.title);
    });
    expect(xmlProblems(displays.map((d) => joined(d.data!['image/svg+xml'] as string | string[])))).toEqual([]);
  });

  it('the committed notebook holds these outputs, so the repository view shows them (HEARSAY_UPDATE_NOTEBOOK=1 rewrites it)', () => {
    const committed = JSON.parse(readFileSync(committedPath, 'utf8'));
    expect(committed.metadata.kernelspec.name).toBe('deno');
    expect(comparable(committed), 'stale outputs: run `npm run notebook` and commit examples/projection/churn-projection.ipynb').toEqual(
      comparable(inside.notebook),
    );
  });

  it(
    'runs outside the repository with the deno.json its text documents',
    () => {
      const intro = joined(inside.notebook.cells[0]!.source);
      const documented = /```json\n\s*(\{[^\n]*"links"[^\n]*\})\n/.exec(intro);
      expect(documented, 'the notebook shows the deno.json to write').not.toBeNull();
      expect(intro).not.toMatch(/comment out|edit the import|replace the import/i);
      const config = JSON.parse(documented![1]!) as { nodeModulesDir: string; links: string[] };
      expect(config).toEqual({ nodeModulesDir: 'auto', links: ['/path/to/hearsay'] });
      const outside = mkdtempSync(join(tmpdir(), 'hearsay-notebook-'));
      cleanup.push(outside);
      cpSync(committedPath, join(outside, 'churn-projection.ipynb'));
      writeFileSync(join(outside, 'deno.json'), JSON.stringify({ ...config, links: [root] }));
      const run = executeNotebook(deno, join(outside, 'churn-projection.ipynb'), CELL_TIMEOUT_SECONDS);
      console.log(`notebook test: executed outside the repository in ${(run.ms / 1000).toFixed(1)} s (${run.log})`);
      expect(comparable(run.notebook)).toEqual(comparable(inside.notebook));
      expect(existsSync(join(outside, 'out', 'projection.csv'))).toBe(true);
    },
    RUN_TIMEOUT_MS,
  );
});
