// Files stay where they belong: a scenario's network file is read inside the scenario's
// folder only, only if it is a regular file and not too large, and its content never
// reaches a message. As subprocesses on the built CLI (npm test builds first).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const SECRET = 'AKIA_SECRET_42';

function hearsay(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr holds exactly one line (a message, not a stack trace). */
function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

const tmp = mkdtempSync(join(tmpdir(), 'hearsay-files-'));
const folder = join(tmp, 'scenarios');
mkdirSync(folder);
const ring = Array.from({ length: 60 }, (_, i) => `${i} ${(i + 1) % 60}\n${i} ${(i + 7) % 60}`).join('\n');
writeFileSync(join(folder, 'ring.edges'), `${ring}\n`);
// Outside the folder: a valid network, and a file that is no network at all (a .env).
writeFileSync(join(tmp, 'ring-outside.edges'), `${ring}\n`);
writeFileSync(join(tmp, 'secret.env'), `API_KEY=${SECRET}\nPASSWORD=${SECRET} x y z\n`);

/** A scenario in the folder whose network is `network` (line 4 of the file). */
function scenarioWith(name: string, network: string): string {
  const path = join(folder, name);
  writeFileSync(
    path,
    `name: files
seed: 1
replicates: 20
network: ${network}
roles: { customers: 0.3, prospects: 0.3 }
incidents: { count: 5, amount: 300 }
economics: { margin: 500 }
policies:
  - { name: fee, decision: refuse-with-fee, fee: 150 }
  - { name: repair, decision: repair-or-replace }
`,
  );
  return path;
}

describe('network.file stays in the scenario folder', () => {
  const inside = scenarioWith('inside.yaml', '{ file: ring.edges }');
  const up = scenarioWith('up.yaml', '{ file: ../secret.env }');
  const absolute = scenarioWith('absolute.yaml', `{ file: ${JSON.stringify(join(tmp, 'secret.env'))} }`);
  symlinkSync(join(tmp, 'secret.env'), join(folder, 'link.edges'));
  const link = scenarioWith('link.yaml', '{ file: link.edges }');
  const outsideValid = scenarioWith('outside-valid.yaml', '{ file: ../ring-outside.edges }');

  it('a file inside the folder is read', () => {
    const r = hearsay(['validate', inside]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/valid — 2 policies, 60 people, 120 ties/);
  });

  it.each([
    ['..', up, `"../secret.env", which leaves it`],
    ['an absolute path', absolute, 'the absolute path'],
    ['a symbolic link that leads out', link, 'a symbolic link that leads out of it'],
  ])('%s is refused: exit 2, one line naming network.file and its line, nothing of the file', (_what, path, reason) => {
    const r = hearsay(['validate', path]);
    expect(r.code).toBe(2);
    const line = oneLine(r.stderr);
    expect(line).toContain(`${path}:4: network.file: expected a`);
    expect(line).toContain(reason);
    expect(line).toContain('--allow-files-outside');
    expect(line).not.toContain(SECRET);
  });

  it('with --allow-files-outside the file is read, and its content is still never quoted', () => {
    const r = hearsay(['validate', up, '--allow-files-outside']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`hearsay: ${up}:4: network.file: ../secret.env, line 1: expected 2 fields (source, target) or 3 (source, target, trust), found 1`);
    const ok = hearsay(['validate', outsideValid, '--allow-files-outside']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/60 people, 120 ties/);
  });

  it.each([
    ['run', ['--format', 'json', '--quiet']],
    ['compare', ['--quiet']],
    ['sweep', ['--parameter', 'economics.margin', '--from', '400', '--to', '500', '--steps', '2', '--quiet']],
  ])('%s refuses the file outside, and reads it with --allow-files-outside', (command, extra) => {
    const refused = hearsay([command, outsideValid, ...extra]);
    expect(refused.code).toBe(2);
    expect(oneLine(refused.stderr)).toContain('network.file: expected a path inside the scenario\'s folder');
    const allowed = hearsay([command, outsideValid, ...extra, '--allow-files-outside']);
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
  });

  it('examples run takes --allow-files-outside', () => {
    const r = hearsay(['examples', 'run', 'nothing', '--allow-files-outside']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/examples run: expected one of/);
  });
});

describe('only regular files, never more than --max-network-bytes', () => {
  it('network.file: /dev/zero fails at once with a clear message', () => {
    const path = scenarioWith('zero.yaml', '{ file: /dev/zero }');
    const r = hearsay(['validate', path, '--allow-files-outside']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`hearsay: ${path}:4: network.file: expected a regular file, received "/dev/zero" (a character device)`);
  });

  it('a named pipe (FIFO) fails at once instead of waiting for a writer', () => {
    const made = spawnSync('mkfifo', [join(folder, 'pipe.edges')]);
    expect(made.status).toBe(0);
    const path = scenarioWith('fifo.yaml', '{ file: pipe.edges }');
    const r = hearsay(['validate', path]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`hearsay: ${path}:4: network.file: expected a regular file, received "pipe.edges" (a named pipe)`);
    // spread --edges reads the same way.
    const s = hearsay(['spread', '--edges', join(folder, 'pipe.edges'), '--probability', '0.5', '--tellers', '1']);
    expect(s.code).toBe(2);
    expect(oneLine(s.stderr)).toContain('(a named pipe, not a regular file)');
  });

  it('a file over --max-network-bytes is refused before it is read', () => {
    const path = scenarioWith('small-limit.yaml', '{ file: ring.edges }');
    const size = Buffer.byteLength(`${ring}\n`);
    const r = hearsay(['validate', path, '--max-network-bytes', String(size - 1)]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      `hearsay: ${path}:4: network.file: expected a file of at most ${size - 1} bytes (raise it with --max-network-bytes), received "ring.edges" of ${size} bytes`,
    );
    expect(hearsay(['validate', path, '--max-network-bytes', String(size)]).code).toBe(0);
  });

  it('without --max-network-bytes the limit is 10 bytes per tie of --max-ties', () => {
    // The ring has 120 ties in about 700 bytes; a comment of 2,000 bytes takes the file past
    // 10 × 120 = 1,200 bytes, which --max-ties 120 allows by default, while the ties fit.
    writeFileSync(join(folder, 'commented.edges'), `# ${'x'.repeat(2000)}\n${ring}\n`);
    const path = scenarioWith('commented.yaml', '{ file: commented.edges }');
    const size = Buffer.byteLength(`# ${'x'.repeat(2000)}\n${ring}\n`);
    const r = hearsay(['validate', path, '--max-ties', '120']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      `hearsay: ${path}:4: network.file: expected a file of at most 1200 bytes (raise it with --max-network-bytes), received "commented.edges" of ${size} bytes`,
    );
    // Ten bytes per tie of a limit that allows the file: read, and valid.
    expect(hearsay(['validate', path, '--max-ties', String(Math.ceil(size / 10))]).code).toBe(0);
  });

  it('the scenario file itself must be a regular file', () => {
    const r = hearsay(['validate', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('hearsay: /dev/zero: cannot read the scenario file (a character device, not a regular file)');
  });
});

describe('graphology JSON exports', () => {
  it.each([
    ['null', 'null', 'null.json: expected a graphology JSON export (an object with nodes and edges), received null'],
    ['an edge to an unknown node', '{"nodes": [{"key": "a"}], "edges": [{"source": "a", "target": "b"}]}', 'edge.json, edges[0].target: expected the key of a node in the list, received a key that no node has'],
    ['duplicate nodes', '{"nodes": [{"key": "a"}, {"key": "a"}]}', 'dup.json, nodes[1].key: repeats the key of nodes[0] (each node is given once)'],
    ['a bad options.type', '{"options": {"type": "hyper"}, "nodes": []}', 'type.json, options.type: expected "mixed", "directed" or "undirected", received text'],
    ['not JSON', `{"nodes": [${SECRET}`, 'text.json: expected a graphology JSON export, received text that is not JSON'],
  ])('%s: exit 2 and one line naming the file, no stack trace', (_what, text, message) => {
    const file = message.slice(0, message.search(/[,:]/));
    writeFileSync(join(folder, file), text);
    const path = scenarioWith(`${file}.yaml`, `{ file: ${file} }`);
    const r = hearsay(['validate', path]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`hearsay: ${path}:4: network.file: ${message}`);
  });

  it("graphology's default (mixed) export reads as two-way ties", () => {
    // new Graph() then addEdge: a mixed graph of directed edges, as graphology exports it.
    const nodes = Array.from({ length: 40 }, (_, i) => ({ key: String(i) }));
    const edges = Array.from({ length: 40 }, (_, i) => ({ key: `geid_${i}`, source: String(i), target: String((i + 1) % 40) }));
    writeFileSync(join(folder, 'mixed.json'), JSON.stringify({ options: { type: 'mixed', multi: false, allowSelfLoops: true }, attributes: {}, nodes, edges }));
    const r = hearsay(['validate', scenarioWith('mixed.yaml', '{ file: mixed.json }')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/40 people, 40 ties/);
  });
});
