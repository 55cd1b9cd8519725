// Executes a Jupyter notebook under Deno's real Jupyter kernel, hermetically: the
// kernelspec is written into a temporary JUPYTER_PATH (nothing is installed in the user's
// Jupyter folders), and Jupyter's data, config and runtime folders are temporary too. Deno
// is the binary of the npm package `deno` (a devDependency); jupyter_client and nbformat
// come from Debian's packages or pip (.ci/run installs them); execute_notebook.py drives
// the kernel.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NotebookOutput {
  readonly output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  readonly name?: string;
  readonly text?: string | string[];
  readonly data?: Record<string, unknown>;
  readonly ename?: string;
  readonly evalue?: string;
}

export interface NotebookCell {
  readonly cell_type: 'code' | 'markdown' | 'raw';
  readonly id?: string;
  readonly source: string | string[];
  readonly outputs?: NotebookOutput[];
}

export interface Notebook {
  readonly metadata: { readonly kernelspec?: { readonly name: string } };
  readonly cells: NotebookCell[];
}

/** nbformat stores multi-line strings as lists of lines. */
export const joined = (s: string | string[] | undefined): string => (Array.isArray(s) ? s.join('') : (s ?? ''));

const INSTALL_HINT =
  '.ci/run installs them (Debian: apt-get install jupyter-nbconvert jupyter-client; elsewhere: pip install nbconvert jupyter_client)';

/**
 * A Python that imports jupyter_client and nbformat: `$HEARSAY_PYTHON`, else the first of
 * python3, /usr/bin/python3 (Debian's packages install there even when another python3
 * comes first on PATH) and python; null when none does.
 */
export function jupyterPython(): string | null {
  const candidates = [process.env.HEARSAY_PYTHON, 'python3', '/usr/bin/python3', 'python'].filter((c): c is string => c !== undefined && c !== '');
  for (const python of candidates) {
    if (spawnSync(python, ['-c', 'import jupyter_client, nbformat'], { encoding: 'utf8' }).status === 0) return python;
  }
  return null;
}

/** Why the tools are unusable, or null when Python with jupyter_client and nbformat, and Deno, are there. */
export function missingTools(root: string): string | null {
  const problems: string[] = [];
  if (jupyterPython() === null) problems.push('no Python here imports jupyter_client and nbformat (tried $HEARSAY_PYTHON, python3, /usr/bin/python3, python)');
  if (!existsSync(join(root, 'node_modules', '.bin', 'deno'))) problems.push('node_modules/.bin/deno is missing (the devDependency `deno`: run npm install)');
  if (problems.length === 0) return null;
  return `The notebook test needs Jupyter and Deno: ${problems.join('; ')}. ${INSTALL_HINT}.`;
}

/** The Deno executable itself (not the npm wrapper that starts it), so Jupyter can signal and stop the kernel. */
export function denoExecutable(root: string): string {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'deno'), ['eval', 'console.log(Deno.execPath())'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node_modules/.bin/deno does not run: ${r.error?.message ?? r.stderr}`);
  return r.stdout.trim();
}

export function denoVersion(deno: string): string {
  return spawnSync(deno, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]!.trim();
}

export interface ExecutedNotebook {
  /** The executed notebook, parsed. */
  readonly notebook: Notebook;
  /** Its file as nbformat wrote it. */
  readonly text: string;
  readonly ms: number;
  /** What the executor reported (cells run, outputs that came after their cell's idle status). */
  readonly log: string;
}

const EXECUTOR = fileURLToPath(new URL('./execute_notebook.py', import.meta.url));

/**
 * Executes `input` under Deno's Jupyter kernel with execute_notebook.py (jupyter_client;
 * it keeps outputs that Deno sends after a cell's idle status, which `jupyter nbconvert
 * --execute` drops) and returns the executed copy, written beside it as
 * `<name>.executed.ipynb`. The kernel starts in the notebook's folder. Throws with the
 * executor's output when a cell raises or times out (`timeoutSeconds` per cell; four
 * times that for the whole run).
 */
export function executeNotebook(deno: string, input: string, timeoutSeconds: number): ExecutedNotebook {
  const python = jupyterPython();
  if (python === null) throw new Error('no Python with jupyter_client and nbformat');
  const jupyter = mkdtempSync(join(tmpdir(), 'hearsay-jupyter-'));
  try {
    const spec = join(jupyter, 'path', 'kernels', 'deno');
    mkdirSync(spec, { recursive: true });
    // What `deno jupyter --install` writes into ~/.local/share/jupyter, here in a temporary JUPYTER_PATH.
    writeFileSync(
      join(spec, 'kernel.json'),
      JSON.stringify({ argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'], display_name: 'Deno', language: 'typescript' }),
    );
    const output = input.replace(/\.ipynb$/, '.executed.ipynb');
    const started = performance.now();
    const r = spawnSync(python, [EXECUTOR, input, output, '--timeout', String(timeoutSeconds)], {
      encoding: 'utf8',
      timeout: timeoutSeconds * 4 * 1000,
      env: {
        ...process.env,
        JUPYTER_PATH: join(jupyter, 'path'),
        JUPYTER_DATA_DIR: join(jupyter, 'data'),
        JUPYTER_CONFIG_DIR: join(jupyter, 'config'),
        JUPYTER_RUNTIME_DIR: join(jupyter, 'runtime'),
        NO_COLOR: '1',
      },
    });
    const ms = performance.now() - started;
    if (r.status !== 0 || !existsSync(output)) {
      throw new Error(`executing ${basename(input)} failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${r.stderr.slice(-4000)}`);
    }
    const text = readFileSync(output, 'utf8');
    const log = r.stderr.split('\n').filter((l) => l.startsWith('executed ')).join('\n');
    return { notebook: JSON.parse(text) as Notebook, text, ms, log };
  } finally {
    rmSync(jupyter, { recursive: true, force: true });
  }
}

/** Cells as they compare across runs: type, source and outputs (no execution counts or metadata). */
export function comparable(notebook: Notebook): unknown[] {
  return notebook.cells.map((c) => ({
    cell_type: c.cell_type,
    source: joined(c.source),
    outputs: (c.outputs ?? []).map((o) => ({
      output_type: o.output_type,
      ...(o.name === undefined ? {} : { name: o.name }),
      ...(o.text === undefined ? {} : { text: joined(o.text) }),
      ...(o.data === undefined ? {} : { data: Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, typeof v === 'string' || Array.isArray(v) ? joined(v as string | string[]) : v])) }),
    })),
  }));
}
