#!/usr/bin/env node
// Builds the playground: one self-contained HTML file, playground/dist/index.html (git-ignored,
// not in the npm package). esbuild bundles the worker (the pure core, from src/) into a
// string, then the page's script with that string and the bundled scenarios
// (examples/scenarios/*.yaml) defined in; both go inline into playground/index.html. The page
// makes its worker from a Blob, so it opens from file:// and from any static host, and
// loads nothing. Usage: node scripts/build-playground.mjs [--out <dir>]
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const outDir = outArg >= 0 ? resolve(process.argv[outArg + 1]) : join(root, 'playground', 'dist');

const common = {
  bundle: true,
  write: false,
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'error',
  absWorkingDir: root,
};

const started = performance.now();
const worker = await build({ ...common, entryPoints: ['playground/src/worker.ts'], format: 'iife' });
const workerSource = worker.outputFiles[0].text;

const scenarioDir = join(root, 'examples', 'scenarios');
const scenarios = Object.fromEntries(
  readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f.replace(/\.yaml$/, ''), readFileSync(join(scenarioDir, f), 'utf8')]),
);

const page = await build({
  ...common,
  entryPoints: ['playground/src/main.ts'],
  format: 'iife',
  define: { __WORKER_SOURCE__: JSON.stringify(workerSource), __SCENARIOS__: JSON.stringify(scenarios) },
});
// Inside an inline <script>, "</script" would end it: written "<\/script" it means the same in JS.
const script = page.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');

const template = readFileSync(join(root, 'playground', 'index.html'), 'utf8');
if (!template.includes('/*__APP__*/')) throw new Error('playground/index.html has no /*__APP__*/ placeholder');
const html = template.replace('/*__APP__*/', () => script);
mkdirSync(outDir, { recursive: true });
const out = join(outDir, 'index.html');
writeFileSync(out, html);
const kb = (n) => `${Math.round(n / 1024)} KB`;
process.stdout.write(
  `playground: wrote ${out} (${kb(Buffer.byteLength(html))}: worker ${kb(workerSource.length)}, ${Object.keys(scenarios).length} scenarios) in ${Math.round(performance.now() - started)} ms\n`,
);
