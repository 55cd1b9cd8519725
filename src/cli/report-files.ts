/**
 * Writing a report folder so that a failure never leaves a half-written report:
 *
 * 1. everything is rendered first (the caller passes the finished texts);
 * 2. the files are written into a hidden temporary folder beside `--out`, or inside it
 *    when it exists (the same file system either way);
 * 3. then moved into place: a new folder is renamed as a whole; into an existing one,
 *    hearsay's own report files from an earlier run (only the names hearsay writes:
 *    report.html, report.md, report.json, charts/<chart>.svg, data/<table>.csv) are moved
 *    aside, the new ones moved in, and the old ones deleted. Renames do not need free
 *    space, so a full disk stops the run at step 2, with the previous report intact.
 *    A failure during step 3 puts the old files back.
 *
 * Anything else in the folder (the user's notes, their own charts) is never touched, and
 * a file of the previous report that this run does not write (a tornado chart from a run
 * that had a sensitivity) does not survive beside the new report.
 */
import { lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CHART_NAMES, REPORT_TABLE_NAMES } from '../report/index.js';

/** Every file a report can have, relative to its folder ('/'-separated). */
export const REPORT_FILE_NAMES: readonly string[] = [
  'report.html',
  'report.md',
  'report.json',
  ...CHART_NAMES.map((name) => `charts/${name}.svg`),
  ...REPORT_TABLE_NAMES.map((name) => `data/${name}.csv`),
];

/** File operations, replaceable in tests (a writer that fails like a full disk). */
export interface FileOps {
  writeFile(path: string, text: string): void;
  rename(from: string, to: string): void;
}

const nodeOps: FileOps = {
  writeFile: (path, text) => writeFileSync(path, text),
  rename: (from, to) => renameSync(from, to),
};

function exists(path: string): 'file' | 'folder' | null {
  try {
    return lstatSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return null;
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Leftovers in a hidden temporary folder are better than hiding the first error.
  }
}

/**
 * Writes `files` (relative name → text; names among {@link REPORT_FILE_NAMES}) into the
 * folder `out`, atomically as described above. Returns the paths written.
 * @throws the first file-system error; the previous report is then as it was.
 */
export function writeReportFolder(out: string, files: ReadonlyMap<string, string>, ops: FileOps = nodeOps): string[] {
  const target = resolve(out);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const state = exists(target);
  if (state === 'file') {
    const error = new Error(`${out} is a file`) as NodeJS.ErrnoException;
    error.code = 'ENOTDIR';
    throw error;
  }
  // The new report is a folder inside a private temporary one: created with mkdir, so it has
  // the permissions of any new folder (mkdtemp's are owner-only), and renamed out whole.
  // Beside a new folder; inside an existing one (the same file system, and `--out .` needs
  // no right to write in the folder above).
  const home = state === 'folder' ? target : parent;
  const prefix = state === 'folder' ? '.hearsay-' : `.${basename(target)}.hearsay-`;
  const container = mkdtempSync(join(home, `${prefix}new-`));
  const stage = join(container, 'report');
  try {
    mkdirSync(stage);
    for (const [name, text] of files) {
      mkdirSync(dirname(join(stage, name)), { recursive: true });
      ops.writeFile(join(stage, name), text);
    }
  } catch (error) {
    removeQuietly(container);
    throw error;
  }
  const written = [...files.keys()].map((name) => join(out, name));
  if (state === null) {
    try {
      ops.rename(stage, target);
      removeQuietly(container);
      return written;
    } catch (error) {
      // Someone made the folder meanwhile: fall through to moving file by file.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTEMPTY') {
        removeQuietly(container);
        throw error;
      }
    }
  }
  const old = mkdtempSync(join(home, `${prefix}old-`));
  const movedAside: string[] = [];
  const movedIn: string[] = [];
  try {
    for (const name of REPORT_FILE_NAMES) {
      if (exists(join(target, name)) !== 'file') continue;
      mkdirSync(dirname(join(old, name)), { recursive: true });
      ops.rename(join(target, name), join(old, name));
      movedAside.push(name);
    }
    for (const name of files.keys()) {
      mkdirSync(dirname(join(target, name)), { recursive: true });
      ops.rename(join(stage, name), join(target, name));
      movedIn.push(name);
    }
  } catch (error) {
    for (const name of movedIn.reverse()) removeQuietly(join(target, name));
    for (const name of movedAside.reverse()) {
      try {
        renameSync(join(old, name), join(target, name));
      } catch {
        // Keep going: put back every file that can be put back.
      }
    }
    removeQuietly(container);
    if (movedAside.length === 0 || movedAside.every((name) => exists(join(target, name)) === 'file')) removeQuietly(old);
    throw error;
  }
  removeQuietly(old);
  removeQuietly(container);
  // charts/ and data/ left empty by a run that writes none there (never a folder with the user's files).
  for (const folder of ['charts', 'data']) {
    if (![...files.keys()].some((name) => name.startsWith(`${folder}/`))) {
      try {
        rmdirSync(join(target, folder));
      } catch {
        // Not empty, or not there.
      }
    }
  }
  return written;
}
