// Outputs that clients open and outputs that cannot be written: CSV cells that never run as
// formulas, a report that names the scenario by file name and is written atomically,
// stdout closed early or full, the decision numbers in CSV, sweep values as given, and the
// limits. As subprocesses on the built CLI (npm test builds first).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function hearsay(args: string[], options: { stdout?: number } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    ...(options.stdout === undefined ? {} : { stdio: ['ignore', options.stdout, 'pipe'] }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A shell pipeline (sh -c), for `| head` and `ulimit`. */
function shell(script: string) {
  const r = spawnSync('sh', ['-c', script], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

/** Splits one CSV line (RFC 4180) into its fields. */
function fields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (line[j] === '"' && line[j + 1] === '"') {
          text += '"';
          j += 2;
        } else if (line[j] === '"') break;
        else text += line[j++];
      }
      out.push(text);
      i = j + 2;
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return out;
}

function rows(csv: string): Array<Record<string, string>> {
  const lines = csv.trimEnd().split('\r\n');
  const header = fields(lines[0]!);
  return lines.slice(1).map((line) => Object.fromEntries(fields(line).map((v, i) => [header[i]!, v])));
}

const tmp = mkdtempSync(join(tmpdir(), 'hearsay-output-'));
const HYPERLINK = '=HYPERLINK("http://x","y")';

function scenario(name: string, extra = '', policies = `  - { name: '${HYPERLINK}', decision: refuse-with-fee, fee: 150 }\n  - { name: repair, decision: repair-or-replace }\n`): string {
  const path = join(tmp, name);
  writeFileSync(
    path,
    `name: output
seed: 3
replicates: 30
network: { generator: groups, size: 600, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.002 }
roles: { customers: 0.3, prospects: 0.3 }
incidents: { count: 20, amount: 300 }
economics: { margin: 500 }
policies:
${policies}${extra}`,
  );
  return path;
}

const shop = scenario('shop.yaml');
const withSensitivity = scenario('sensitive.yaml', 'sensitivity:\n  - { path: economics.retention, low: 0.7, high: 0.9 }\n');

describe('CSV cells that clients open', () => {
  it('a policy named =HYPERLINK(…) is neutralised in every data/*.csv of the report; numbers are untouched', () => {
    const out = join(tmp, 'csv-report');
    const r = hearsay(['run', shop, '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    let neutralised = 0;
    for (const file of readdirSync(join(out, 'data'))) {
      const csv = readFileSync(join(out, 'data', file), 'utf8');
      for (const row of rows(csv)) {
        for (const value of Object.values(row)) {
          expect(value.startsWith('=')).toBe(false);
          if (value === `'${HYPERLINK}`) neutralised++;
        }
      }
    }
    expect(neutralised).toBeGreaterThan(30);
    // A negative number stays a number.
    const differences = rows(readFileSync(join(out, 'data', 'differences.csv'), 'utf8'));
    expect(differences.some((d) => /^-\d/.test(d.mean!))).toBe(true);
  });

  it('run --format csv, compare --format csv and sweep neutralise it too', () => {
    for (const args of [
      ['run', shop, '--format', 'csv', '--quiet'],
      ['compare', shop, '--format', 'csv', '--quiet'],
      ['sweep', shop, '--parameter', 'economics.margin', '--from', '400', '--to', '500', '--steps', '2', '--quiet'],
    ]) {
      const r = hearsay(args);
      expect(r.code).toBe(0);
      const policies = rows(r.stdout).map((row) => row.policy);
      expect(policies).toContain(`'${HYPERLINK}`);
      expect(policies).not.toContain(HYPERLINK);
    }
  });
});

describe('the report names the scenario by its file name', () => {
  it('never the absolute path as typed: HTML, Markdown, JSON, CSV', () => {
    const out = join(tmp, 'named');
    expect(hearsay(['run', shop, '--out', out, '--quiet']).code).toBe(0);
    for (const file of ['report.html', 'report.md', 'report.json', 'data/run.csv']) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text, file).not.toContain(tmp);
      expect(text, file).toContain('shop.yaml');
    }
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).scenario).toBe('shop.yaml');
  });
});

describe('writing a report', () => {
  const listing = (dir: string): string[] =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => !['charts', 'data'].includes(f))
      .sort();

  it('a re-run removes the files of the previous report it does not write, and nothing of the user’s', () => {
    const out = join(tmp, 'rerun');
    expect(hearsay(['run', withSensitivity, '--out', out, '--quiet']).code).toBe(0);
    expect(existsSync(join(out, 'charts', 'tornado.svg'))).toBe(true);
    expect(existsSync(join(out, 'data', 'sensitivity.csv'))).toBe(true);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    writeFileSync(join(out, 'charts', 'my-chart.svg'), '<svg/>');
    writeFileSync(join(out, 'data', 'my-table.csv'), 'a\r\n1\r\n');
    const r = hearsay(['run', shop, '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'charts', 'tornado.svg'))).toBe(false);
    expect(existsSync(join(out, 'data', 'sensitivity.csv'))).toBe(false);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(out, 'charts', 'my-chart.svg'))).toBe(true);
    expect(existsSync(join(out, 'data', 'my-table.csv'))).toBe(true);
    const written = Number(/wrote (\d+) files/.exec(r.stdout)![1]);
    expect(listing(out)).toHaveLength(written + 3);
    // No temporary folder is left beside it.
    expect(readdirSync(tmp).filter((f) => f.includes('hearsay-'))).toEqual([]);
  });

  it('a write that fails (the file-size limit standing in for a full disk) leaves the previous report intact and no half-written file', () => {
    const out = join(tmp, 'full');
    expect(hearsay(['run', withSensitivity, '--out', out, '--quiet']).code).toBe(0);
    const before = new Map(listing(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    // ulimit -f 16: no file over 8 KiB (16 blocks of 512 bytes in sh); report.html is larger, so
    // the write fails with EFBIG (Node ignores SIGXFSZ), as it would with ENOSPC on a full disk.
    const r = shell(`ulimit -f 16 && exec "${process.execPath}" "${cli}" run "${shop}" --out "${out}" --quiet`);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(`hearsay: --out: cannot write the report to "${out}" (EFBIG); the folder is as it was`);
    expect(r.stdout).toBe('');
    const after = new Map(listing(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    expect(after).toEqual(before);
    expect(readdirSync(tmp).filter((f) => f.includes('hearsay-'))).toEqual([]);
  });

  it('--out naming a file: exit 2, one line', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const r = hearsay(['run', shop, '--out', file, '--quiet']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`hearsay: --out: cannot write the report to "${file}" (ENOTDIR); the folder is as it was`);
  });
});

describe('output errors never crash raw', () => {
  it('generate --out into a missing folder: exit 2, one line', () => {
    const r = hearsay(['generate', 'groups', 'size=300', 'groupSize=6', 'insideProbability=0.7', 'acrossProbability=0.01', '--out', join(tmp, 'missing', 'net.edges')]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`hearsay: --out: cannot write "${join(tmp, 'missing', 'net.edges')}" (ENOENT: no such folder)`);
  });

  it('stdout closed early (| head -c 100) ends quietly, whatever the command', () => {
    // Each writes well over a pipe's 64 KiB buffer, so the write after head exits must fail (EPIPE).
    // (run: about 200 KB of JSON; generate: about 3 MB of edge list; sweep: about 140 KB of
    // CSV; spread: about 220 KB of JSON samples.)
    const edges = join(tmp, 'ba.edges');
    writeFileSync(edges, hearsay(['generate', 'barabasi-albert', 'size=2000', 'edgesPerPerson=3']).stdout);
    for (const args of [
      `run "${shop}" --format json --quiet --replicates 5000`,
      'generate barabasi-albert size=100000 edgesPerPerson=3',
      `sweep "${shop}" --parameter economics.margin --from 100 --to 1000 --steps 40 --replicates 10 --quiet`,
      `spread --edges "${edges}" --probability 0.1 --tellers 1 --json --samples --replicates 100000 --quiet`,
    ]) {
      const r = shell(`"${process.execPath}" "${cli}" ${args} | head -c 100 | wc -c`);
      expect(r.stderr, args).toBe('');
      expect(r.stdout.trim()).toBe('100');
    }
  });

  it('stdout on a full disk (/dev/full): one line, exit 1', () => {
    for (const args of [['run', shop, '--format', 'json', '--quiet'], ['compare', shop, '--format', 'csv', '--quiet'], ['schema']]) {
      const full = openSync('/dev/full', 'w');
      try {
        const r = hearsay(args, { stdout: full });
        expect(r.code, args.join(' ')).toBe(1);
        expect(oneLine(r.stderr)).toBe('hearsay: cannot write the output to stdout (ENOSPC)');
      } finally {
        closeSync(full);
      }
    }
  });
});

describe('the decision numbers in CSV', () => {
  it('compare --format csv adds the paired differences against the baseline', () => {
    const r = hearsay(['compare', shop, '--format', 'csv', '--quiet']);
    expect(r.code).toBe(0);
    const all = rows(r.stdout);
    const diffs = all.filter((row) => row.metric === 'netValueDifference');
    expect(diffs).toHaveLength(1);
    const d = diffs[0]!;
    expect(d.policy).toBe('repair');
    expect(d.against).toBe(`'${HYPERLINK}`);
    for (const key of ['mean', 'se', 'ci95Low', 'ci95High', 'probabilityBetter']) expect(Number.isFinite(Number(d[key])), key).toBe(true);
    // The same numbers as compare --format json prints.
    const json = JSON.parse(hearsay(['compare', shop, '--format', 'json', '--quiet']).stdout);
    const j = json.differences.find((x: { policy: string; against: string }) => x.policy === 'repair' && x.against === HYPERLINK);
    expect(Number(d.mean)).toBe(j.difference.mean);
    expect(Number(d.se)).toBe(j.difference.se);
    expect(Number(d.ci95Low)).toBe(j.difference.ci95Low);
    expect(Number(d.probabilityBetter)).toBe(j.probabilityBetter);
  });

  it('sweep adds them for every value, and prints values as given (0.2 to 1 in 5 steps: 0.6, not 0.6000000000000001)', () => {
    const r = hearsay(['sweep', shop, '--parameter', 'spread.tellProbability', '--from', '0.2', '--to', '1', '--steps', '5', '--quiet', '--format', 'csv']);
    expect(r.code).toBe(0);
    const all = rows(r.stdout);
    expect([...new Set(all.map((row) => row.value))]).toEqual(['0.2', '0.4', '0.6', '0.8', '1']);
    const diffs = all.filter((row) => row.metric === 'netValueDifference');
    expect(diffs.map((row) => row.value)).toEqual(['0.2', '0.4', '0.6', '0.8', '1']);
    for (const d of diffs) expect(Number.isFinite(Number(d.probabilityBetter))).toBe(true);
    const six = hearsay(['sweep', shop, '--parameter', 'spread.tellProbability', '--from', '0', '--to', '1', '--steps', '6', '--quiet', '--format', 'json']);
    expect([...new Set(JSON.parse(six.stdout).map((row: { value: number }) => row.value))]).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const third = hearsay(['sweep', shop, '--parameter', 'economics.retention', '--from', '0', '--to', '0.3', '--steps', '4', '--quiet', '--format', 'json']);
    expect([...new Set(JSON.parse(third.stdout).map((row: { value: number }) => row.value))]).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe('limits', () => {
  it.each(['run', 'compare', 'sweep'])('%s refuses --replicates 1, naming the flag', (command) => {
    const sweepArgs = command === 'sweep' ? ['--parameter', 'economics.margin', '--from', '1', '--to', '2'] : [];
    const r = hearsay([command, shop, '--replicates', '1', ...sweepArgs]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/option '--replicates <r>' argument '1' is invalid\. expected a whole number ≥ 2/);
  });

  it('sweep applies the replicate limit, which --max-replicates raises', () => {
    const args = ['sweep', shop, '--parameter', 'economics.margin', '--from', '400', '--to', '500', '--steps', '2', '--quiet'];
    const r = hearsay([...args, '--replicates', '1000001']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('hearsay: --replicates: expected at most 1000000 (raise it with --max-replicates), received 1000001');
    const low = hearsay([...args, '--replicates', '40', '--max-replicates', '39']);
    expect(low.code).toBe(2);
    expect(hearsay([...args, '--replicates', '40', '--max-replicates', '40']).code).toBe(0);
  });

  it.each([
    ['a policy the scenario does not have', ['--parameter', 'policies[9].fee', '--from', '0', '--to', '100'], `--parameter: expected one of the scenario's 2 policies (policies[0] to policies[1]), received "policies[9].fee"`],
    ['a path naming no parameter', ['--parameter', 'economics.marign', '--from', '0', '--to', '100'], '--parameter: expected a numeric parameter of the scenario (hearsay schema --format text lists them), received "economics.marign"'],
    ['a parameter that is not a number', ['--parameter', 'policies[0].decision', '--from', '0', '--to', '100'], '--parameter: expected a numeric parameter, and this one is "full-refund" | "repair-or-replace" | "partial-credit" | "refuse" | "refuse-with-fee" | "apology-only" | "goodwill", received "policies[0].decision"'],
    ['a part the sweep leaves out', ['--parameter', 'breakEven.low', '--from', '0', '--to', '100'], '--parameter: expected a parameter of the comparison (a sweep leaves out the break-even, the sensitivity and the projection, so this changes nothing), received "breakEven.low"'],
  ])('sweep refuses %s with one clear message', (_what, args, message) => {
    const r = hearsay(['sweep', shop, ...args, '--quiet']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`hearsay: ${message}`);
  });

  it('sweep refuses an empty or NaN --from / --to', () => {
    for (const [flag, value] of [['--from', ''], ['--to', 'NaN'], ['--from', 'abc']] as const) {
      const args = ['sweep', shop, '--parameter', 'economics.margin', '--from', '1', '--to', '2'];
      args[args.indexOf(flag) + 1] = value;
      const r = hearsay(args);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(`error: option '${flag} <x>' argument '${value}' is invalid. expected a number.`);
    }
  });

  it('spread names its flag for a repeated tie, not the library option', () => {
    const edges = join(tmp, 'dup.edges');
    writeFileSync(edges, 'a b\nb c\nb a\n');
    const r = hearsay(['spread', '--edges', edges, '--probability', '0.5', '--tellers', '1']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`hearsay: ${edges}, line 3: repeats the tie between "a" and "b" first given at ${edges}, line 1 (pass --drop-duplicates to keep only the first)`);
  });

  it('a run whose report could not be written is refused up front, with the number of replicates that fits', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `  - { name: policy ${i}, decision: refuse-with-fee, fee: ${10 * i} }\n`).join('');
    const many = scenario('many.yaml', '', twenty);
    const r = hearsay(['run', many, '--replicates', '1000000', '--out', join(tmp, 'too-large'), '--quiet']);
    expect(r.code).toBe(2);
    const line = oneLine(r.stderr);
    expect(line).toMatch(/^hearsay: a report of 1,000,000 replicates of 20 policies would not fit in a file: .*; run at most [\d,]+ replicates \(--replicates \d+\), or fewer policies at a time$/);
    expect(existsSync(join(tmp, 'too-large'))).toBe(false);
  });
});
