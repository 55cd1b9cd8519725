// The classic independent cascade against the C reference (../shared/bench/ic_ref.c),
// side by side on the same edge list, probability and tellers: a Barabási–Albert
// network of 1,000,000 people (m = 5), p = 0.1, 5 tellers. Also 1e5-person
// Erdős–Rényi and Watts–Strogatz figures. Target: hearsay ≤ 1.5 × the C time per
// replicate, mean reach agreeing within standard errors.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  IndependentCascadeKernel,
  barabasiAlbert,
  erdosRenyiGnm,
  runReplicatesSync,
  wattsStrogatz,
} from '../dist/index.js';
import { table } from './util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'out');
mkdirSync(out, { recursive: true });
const refSource = join(here, '..', '..', 'shared', 'bench', 'ic_ref.c');
const refBinary = join(out, 'ic_ref');

function buildReference() {
  if (!existsSync(refSource)) return `no reference source at ${refSource}`;
  const cc = spawnSync('cc', ['-O2', '-o', refBinary, refSource, '-lm'], { encoding: 'utf8' });
  if (cc.error) return 'no C compiler (cc) on this machine';
  if (cc.status !== 0) return `cc failed: ${cc.stderr}`;
  return null;
}

function writeEdges(network, file) {
  const { offsets, neighbors, size } = network;
  const parts = [];
  let chunk = '';
  for (let u = 0; u < size; u++) {
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const v = neighbors[a];
      if (u < v) chunk += `${u} ${v}\n`;
    }
    if (chunk.length > 1 << 20) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  writeFileSync(file, parts.join(''));
}

function ours(network, probability, tellers, replicates, seed, method = 'skip') {
  const kernel = new IndependentCascadeKernel(network, { probability, tellers: tellers.map(String), method });
  // Warm up the JIT on a few replicates before timing.
  runReplicatesSync(kernel, { seed: 'warm-up', replicates: 5 });
  const result = runReplicatesSync(kernel, { seed, replicates });
  const s = result.summary;
  return {
    msPerReplicate: result.elapsedMs / replicates,
    mean: s.reached.mean,
    se: s.reached.se,
    arcs: s.arcsExamined.mean,
  };
}

const rows = [];
const problem = buildReference();
if (problem) console.log(`C reference not run: ${problem}.`);

// BA 1e6 against the reference.
{
  const t0 = performance.now();
  const network = barabasiAlbert({ size: 1_000_000, edgesPerPerson: 5, seed: 1 });
  console.log(`Barabási–Albert 1e6 (m = 5) built in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const tellers = [17, 4242, 99_991, 500_000, 999_999];
  const replicates = Number(process.env.BENCH_REPLICATES ?? 100);
  for (const method of ['skip', 'plain']) {
    const r = ours(network, 0.1, tellers, replicates, 1, method);
    rows.push({
      network: 'BA 1e6, m=5',
      program: `hearsay (${method})`,
      'ms/replicate': r.msPerReplicate.toFixed(1),
      'mean reached': r.mean.toFixed(1),
      se: r.se.toFixed(1),
      'arcs/replicate': Math.round(r.arcs),
    });
  }
  if (!problem) {
    const file = join(out, 'ba-1e6.edges');
    writeEdges(network, file);
    const text = execFileSync(refBinary, [file, '0.1', tellers.join(','), String(replicates), '1', 'both'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    for (const line of text.trim().split('\n')) {
      const j = JSON.parse(line);
      rows.push({
        network: 'BA 1e6, m=5',
        program: `C reference (${j.peer.replace('c-ref-', '')})`,
        'ms/replicate': (j.time_per_rep_s * 1000).toFixed(1),
        'mean reached': j.mean_size.toFixed(1),
        se: j.se_size.toFixed(1),
        'arcs/replicate': Math.round(j.arcs_scanned_mean),
      });
    }
  }
}

// 1e5-person Erdős–Rényi and Watts–Strogatz, mean degree 10.
for (const [name, network] of [
  ['ER 1e5, c=10, p=0.3', erdosRenyiGnm({ size: 100_000, edges: 500_000, seed: 2 })],
  ['WS 1e5, k=10, β=0.1, p=0.3', wattsStrogatz({ size: 100_000, neighbors: 10, rewiring: 0.1, seed: 3 })],
]) {
  const r = ours(network, 0.3, [1, 2, 3, 4, 5], 200, 1);
  rows.push({
    network: name,
    program: 'hearsay (skip)',
    'ms/replicate': r.msPerReplicate.toFixed(2),
    'mean reached': r.mean.toFixed(1),
    se: r.se.toFixed(1),
    'arcs/replicate': Math.round(r.arcs),
  });
}

table(rows);
const c = rows.find((r) => r.program === 'C reference (plain)');
const h = rows.find((r) => r.program === 'hearsay (skip)');
if (c && h) {
  const ratio = Number(h['ms/replicate']) / Number(c['ms/replicate']);
  const diff = Math.abs(Number(h['mean reached']) - Number(c['mean reached']));
  const se = Math.hypot(Number(h.se), Number(c.se));
  console.log(
    `\nhearsay / C plain = ${ratio.toFixed(2)}× (target ≤ 1.5×); mean reach differs by ${diff.toFixed(1)} = ${(diff / se).toFixed(1)} SE`,
  );
}
