// The report writer with failures injected (a disk that fills up while writing, a rename
// that fails while swapping), and the report-size bound against real report files.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_FILE_NAMES, writeReportFolder, type FileOps } from '../../src/cli/report-files.js';
import { MAX_TEXT_LENGTH } from '../../src/cli/files.js';
import { charactersPerReplicate, maxReportReplicates, reportTooLarge } from '../../src/cli/report-size.js';
import { reportTables, toCsv } from '../../src/report/index.js';
import { realReportData } from '../report/fixtures.js';

function full(): NodeJS.ErrnoException {
  const error = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
  error.code = 'ENOSPC';
  return error;
}

/** Every file under `dir` with its text. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }).map(String)) {
    const path = join(dir, name);
    try {
      out[name] = readFileSync(path, 'utf8');
    } catch {
      // a folder
    }
  }
  return out;
}

const oldReport = new Map([
  ['report.html', 'old html'],
  ['report.md', 'old md'],
  ['report.json', '{"old":true}'],
  ['charts/tornado.svg', '<svg>old tornado</svg>'],
  ['data/sensitivity.csv', 'old,sensitivity\r\n'],
]);
const newReport = new Map([
  ['report.html', 'new html'],
  ['report.md', 'new md'],
  ['report.json', '{"new":true}'],
  ['charts/dark-number.svg', '<svg>new</svg>'],
  ['data/policies.csv', 'new,policies\r\n'],
]);

function setUp(): { parent: string; out: string } {
  const parent = mkdtempSync(join(tmpdir(), 'hearsay-writer-'));
  const out = join(parent, 'report');
  writeReportFolder(out, oldReport);
  mkdirSync(join(out, 'charts'), { recursive: true });
  writeFileSync(join(out, 'notes.txt'), 'mine');
  writeFileSync(join(out, 'charts', 'mine.svg'), '<svg>mine</svg>');
  return { parent, out };
}

describe('writeReportFolder', () => {
  it('writes a new folder whole', () => {
    const parent = mkdtempSync(join(tmpdir(), 'hearsay-writer-'));
    writeReportFolder(join(parent, 'a', 'report'), newReport);
    expect(snapshot(join(parent, 'a', 'report'))).toEqual(Object.fromEntries(newReport));
    expect(readdirSync(join(parent, 'a'))).toEqual(['report']);
  });

  it('replaces the previous report, leaving the user’s files alone', () => {
    const { parent, out } = setUp();
    writeReportFolder(out, newReport);
    expect(snapshot(out)).toEqual({ ...Object.fromEntries(newReport), 'notes.txt': 'mine', 'charts/mine.svg': '<svg>mine</svg>' });
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it.each([0, 1, 3, 4])('a disk that fills up after %i files leaves the previous report exactly as it was', (after) => {
    const { parent, out } = setUp();
    const before = snapshot(out);
    let writes = 0;
    const ops: FileOps = {
      writeFile: (path, text) => {
        if (writes++ === after) {
          writeFileSync(path, text.slice(0, 3)); // half a file, then the disk is full
          throw full();
        }
        writeFileSync(path, text);
      },
      rename: renameSync,
    };
    expect(() => writeReportFolder(out, newReport, ops)).toThrow(/ENOSPC/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it.each([0, 2, 6, 8])('a rename that fails at step %i of the swap puts every old file back', (failAt) => {
    const { parent, out } = setUp();
    const before = snapshot(out);
    let renames = 0;
    const ops: FileOps = {
      writeFile: writeFileSync,
      rename: (from, to) => {
        if (renames++ === failAt) {
          const error = new Error('EIO') as NodeJS.ErrnoException;
          error.code = 'EIO';
          throw error;
        }
        renameSync(from, to);
      },
    };
    expect(() => writeReportFolder(out, newReport, ops)).toThrow(/EIO/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('knows every file a report can have, and no other', () => {
    expect(REPORT_FILE_NAMES).toContain('report.html');
    expect(REPORT_FILE_NAMES).toContain('charts/tornado.svg');
    expect(REPORT_FILE_NAMES).toContain('data/dark-number.csv');
    expect(REPORT_FILE_NAMES.every((n) => /^(report\.(html|md|json)|charts\/[a-z-]+\.svg|data\/[a-z-]+\.csv)$/.test(n))).toBe(true);
  });
});

describe('the report-size bound', () => {
  it('is an upper bound of the characters per replicate of the real files', () => {
    const replicates = 200;
    const data = realReportData(replicates);
    const names = data.policies.map((p) => p.name);
    const bound = charactersPerReplicate(names, replicates);
    const csv = toCsv(reportTables(data)['dark-number']!);
    expect(csv.length / replicates).toBeLessThanOrEqual(bound);
    // report.json: what the samples add, one replicate more for every policy.
    const withOne = { ...data, policies: data.policies.map((p) => ({ ...p, lostProspectSamples: [...p.lostProspectSamples, -1.2345678901234567e-100] })) };
    expect(JSON.stringify(withOne, null, 2).length - JSON.stringify(data, null, 2).length).toBeLessThanOrEqual(bound);
  });

  it('gives the most replicates that fit, and refuses one more', () => {
    const names = Array.from({ length: 20 }, (_, i) => `policy ${i}`);
    const most = maxReportReplicates(names);
    expect(charactersPerReplicate(names, most) * most).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(reportTooLarge(names, most)).toBeNull();
    expect(reportTooLarge(names, most + 1)).toMatch(new RegExp(`run at most ${most.toLocaleString('en-US')} replicates \\(--replicates ${most}\\)`));
    // Three short names at the 1,000,000-replicate limit fit.
    expect(reportTooLarge(['a', 'b', 'c'], 1_000_000)).toBeNull();
  });
});
