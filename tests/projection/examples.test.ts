// The Node script in examples/projection runs end to end and writes its CSV files, by
// default into out/ beside itself (git-ignored, left out of the package). It is bundled
// against src/ rather than dist/, so it tests the code in this tree without a build. The
// notebook beside it runs under Deno's real Jupyter kernel in notebook.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('the Node script writes into out/ beside itself when given no folder', () => {
    const script = readFileSync(join(root, 'examples/projection/churn-projection.mjs'), 'utf8');
    // Bundled into work/, "beside itself" is work/out/.
    const r = bundleAndRun(script.replace("'../../dist/index.js'", JSON.stringify(entry)), 'default-out', 'js');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`→ ${join(work, 'out', 'projection.csv')}`);
    expect(readFileSync(join(work, 'out', 'early-warning.csv'), 'utf8')).toMatch(/^scenario,policy,month,firstCrossings,cumulativeShare\n/);
  });
});
