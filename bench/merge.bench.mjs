// Issue 16 target: `hearsay merge` of 1,000 parts of a 1,000,000-replicate spread in
// under 10 s. The parts are real shards (`spread --shard i/1000` computes exactly these):
// the classic cascade on the 8-person fixture network, so that making a million
// replicates is quick — merging reads only the samples, whatever the network. The merged
// output is checked byte for byte against the whole run on one machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildKernel, parseEdgeList, runFingerprint, runReplicatesSync, shardRange, toPartialResult } from '../dist/index.js';
import { table } from './util.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const edges = join(root, 'tests/fixtures/two-triangles.edges');
const total = Number(process.env.BENCH_REPLICATES ?? 1_000_000);
const shards = Number(process.env.BENCH_SHARDS ?? 1000);
const seed = 5;

const network = parseEdgeList(readFileSync(edges, 'utf8'), { source: edges });
const spec = { kind: 'independent-cascade', options: { probability: 0.5, tellers: { count: 2 } } };
const kernel = buildKernel(network, spec);
const fingerprint = runFingerprint(network, spec);
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const dir = mkdtempSync(join(tmpdir(), 'hearsay-merge-bench-'));

let t = performance.now();
const files = [];
let bytes = 0;
for (let i = 0; i < shards; i++) {
  const result = runReplicatesSync(kernel, { seed, replicates: shardRange(total, i, shards), samples: true });
  const part = toPartialResult(result, {
    kind: 'spread',
    fingerprint,
    version,
    total,
    shard: { index: i, count: shards },
    metrics: ['reached'],
    meta: { seed, model: 'cascade', edges },
  });
  const file = join(dir, `part-${String(i).padStart(4, '0')}.json`);
  writeFileSync(file, `${JSON.stringify(part)}\n`);
  bytes += statSync(file).size;
  files.push(file);
}
const makeS = (performance.now() - t) / 1000;

t = performance.now();
const merged = spawnSync(process.execPath, [cli, 'merge', ...files, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
const mergeS = (performance.now() - t) / 1000;
if (merged.status !== 0) throw new Error(`merge failed: ${merged.stderr}`);

t = performance.now();
const whole = spawnSync(process.execPath, [cli, 'spread', '--edges', edges, '--probability', '0.5', '--tellers', '2', '--seed', String(seed), '--replicates', String(total), '--json', '--quiet'], {
  encoding: 'utf8',
});
const wholeS = (performance.now() - t) / 1000;
rmSync(dir, { recursive: true, force: true });

table([
  { what: `making ${shards} parts of ${total.toLocaleString('en-US')} replicates (in process)`, figure: `${makeS.toFixed(1)} s, ${(bytes / 1e6).toFixed(1)} MB of JSON`, target: '' },
  { what: `hearsay merge of the ${shards} parts (one process, read + check + merge + print)`, figure: `${mergeS.toFixed(2)} s`, target: '< 10 s' },
  { what: 'the same run on one machine (hearsay spread --json)', figure: `${wholeS.toFixed(1)} s`, target: '' },
  { what: 'merged output identical to the one-machine run', figure: merged.stdout === whole.stdout ? 'yes (bytes)' : 'NO', target: 'yes' },
]);
if (merged.stdout !== whole.stdout) process.exitCode = 1;
