// The examples in examples/projection run end to end: the Node script writes its CSV
// files, and the notebook's code cells run in order (under Node, with a stand-in for
// Deno's Jupyter API) and display Vega-Lite v5 charts. Both are bundled against src/
// rather than dist/, so they test the code in this tree without a build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'hearsay-projection-examples-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The package entry as it will be built: the core plus the projection module.
const entry = join(work, 'hearsay.ts');
writeFileSync(
  entry,
  `export * from ${JSON.stringify(join(root, 'src/index.ts'))};\nexport * from ${JSON.stringify(join(root, 'src/projection/index.ts'))};\n`,
);

/** Bundles `source` (its hearsay import pointed at `entry`) and runs it with Node in `cwd`. */
function bundleAndRun(source: string, name: string, loader: 'js' | 'ts', args: string[] = []): { stdout: string; stderr: string; status: number | null } {
  const file = join(work, `${name}.${loader}`);
  writeFileSync(file, source);
  const out = join(work, `${name}.bundle.mjs`);
  const esbuild = spawnSync(
    join(root, 'node_modules', '.bin', 'esbuild'),
    [
      file,
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--log-level=error',
      `--outfile=${out}`,
      // Some dependencies are CommonJS and require Node built-ins.
      "--banner:js=import { createRequire as __hearsayRequire } from 'node:module'; const require = __hearsayRequire(import.meta.url);",
    ],
    { encoding: 'utf8' },
  );
  expect(esbuild.stderr).toBe('');
  return spawnSync(process.execPath, [out, ...args], { encoding: 'utf8', cwd: work });
}

describe('examples/projection', () => {
  it('the Node script writes the projection and the early warning as CSV', () => {
    const script = readFileSync(join(root, 'examples/projection/churn-projection.mjs'), 'utf8');
    expect(script).toContain("from '../../dist/index.js'");
    const r = bundleAndRun(script.replace("'../../dist/index.js'", JSON.stringify(entry)), 'script', 'js', [join(work, 'csv')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/After 60 months/);
    const lines = readFileSync(join(work, 'csv', 'projection.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('scenario,policy,month,metric,mean,se,p05,p25,p50,p75,p95');
    expect(lines.length).toBeGreaterThan(3000);
    expect(lines.some((l) => /NaN|undefined/.test(l))).toBe(false);
    expect(lines[1]).toBe('shop,"refuse, 200 kr fee",0,customers,5000,0,5000,5000,5000,5000,5000');
    const warning = readFileSync(join(work, 'csv', 'early-warning.csv'), 'utf8').trimEnd().split('\n');
    expect(warning[0]).toBe('scenario,policy,month,firstCrossings,cumulativeShare');
  });

  it('the Deno notebook imports npm:hearsay, and its cells run and display Vega-Lite v5 charts', () => {
    const notebook = JSON.parse(readFileSync(join(root, 'examples/projection/churn-projection.ipynb'), 'utf8')) as {
      metadata: { kernelspec: { name: string } };
      cells: Array<{ cell_type: string; source: string[] }>;
    };
    expect(notebook.metadata.kernelspec.name).toBe('deno');
    const cells = notebook.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join(''));
    expect(cells[0]).toMatch(/from "npm:hearsay";/);
    // A stand-in for the Deno runtime: displays are collected, files written to `work`.
    const stub = `
      const displays = [];
      const Deno = {
        jupyter: { display: async (bundle, options) => { displays.push({ bundle, options }); } },
        writeTextFile: async (path, text) => (await import('node:fs')).writeFileSync(path, text),
      };
      globalThis.__displays = displays;
    `;
    const program = [
      stub,
      ...cells.map((c) => c.replace('"npm:hearsay"', JSON.stringify(entry))),
      'console.log(JSON.stringify(globalThis.__displays));',
    ].join('\n;\n');
    const r = bundleAndRun(program, 'notebook', 'ts');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const displays = JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ bundle: Record<string, { $schema: string }>; options: unknown }>;
    expect(displays).toHaveLength(5);
    for (const d of displays) {
      expect(d.options).toEqual({ raw: true });
      expect(d.bundle['application/vnd.vegalite.v5+json']!.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    }
    expect(existsSync(join(work, 'projection.csv'))).toBe(true);
  });
});
