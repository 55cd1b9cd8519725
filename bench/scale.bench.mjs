// Scale: 1,000 replicates of the classic cascade on a 1,000,000-person Barabási–Albert
// network (m = 5, p = 0.1, 5 tellers) on worker threads, with the peak resident memory
// of the whole process (workers are threads of it); and the speed-up from 1 to 2 workers.
// Targets: under 60 s and 1 GB on this 2-core machine; speed-up ≥ 1.7×.
import { barabasiAlbert } from '../dist/index.js';
import { runReplicatesParallel } from '../dist/node/index.js';
import { peakRssMb, table } from './util.mjs';

const replicates = Number(process.env.BENCH_REPLICATES ?? 1000);
const t0 = performance.now();
const network = barabasiAlbert({ size: 1_000_000, edgesPerPerson: 5, seed: 1 });
const buildS = (performance.now() - t0) / 1000;
const spec = { kind: 'independent-cascade', options: { probability: 0.1, tellers: { count: 5 } } };

const rows = [];
const timed = async (workers, n) => {
  const started = performance.now();
  const result = await runReplicatesParallel(network, spec, { seed: 1, replicates: n, workers });
  return { seconds: (performance.now() - started) / 1000, result };
};

const one = await timed(1, 200);
const two = await timed(2, 200);
rows.push({ run: '200 replicates, 1 worker', seconds: one.seconds.toFixed(2), 'mean reached': one.result.summary.reached.mean.toFixed(1) });
rows.push({ run: '200 replicates, 2 workers', seconds: two.seconds.toFixed(2), 'mean reached': two.result.summary.reached.mean.toFixed(1) });
const full = await timed(2, replicates);
rows.push({ run: `${replicates} replicates, 2 workers`, seconds: full.seconds.toFixed(2), 'mean reached': full.result.summary.reached.mean.toFixed(1) });

console.log(`network built in ${buildS.toFixed(2)} s`);
table(rows);
console.log(`\nspeed-up 1 → 2 workers: ${(one.seconds / two.seconds).toFixed(2)}× (target ≥ 1.7×)`);
console.log(`${replicates} replicates: ${full.seconds.toFixed(1)} s (target < 60 s); peak resident memory ${peakRssMb().toFixed(0)} MB (target < 1024 MB)`);
