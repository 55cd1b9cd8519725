import { defineConfig } from 'tsup';

// One build per module format, each with code splitting, so the main entry, hearsay/node
// and the worker script share one copy of the core (error classes stay one class).
const shared = {
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts', 'node/worker': 'src/node/worker.ts', 'node/calibration-worker': 'src/node/calibration-worker.ts' },
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
  splitting: true,
  shims: true,
} as const;

export default defineConfig([
  { ...shared, format: ['esm'], dts: { entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' } }, clean: true },
  { ...shared, format: ['cjs'], entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' }, dts: true, clean: false },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    // No source map: the CLI never shows a stack trace for a user's mistake, and its map
    // (the whole core again, 1.6 MB) was a fifth of the package. The library keeps its maps.
    sourcemap: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
