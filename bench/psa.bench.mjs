// How sure are we? The probabilistic sensitivity analysis of the phone-shop town
// (examples/scenarios/phone-shop.yaml: 20,000 people, 3 policies) with the built-in
// default distributions (`uncertainty: defaults`, 14 uncertain parameters): 1,000 draws,
// each running every policy 10 times (the default) on the same drawn scenario, beside the
// 1,000 base-case replicates — on worker threads (issue 13's target: under 60 s on this
// 2-core machine) — then the answers (EVPI, EVPPI of every parameter and a group, the
// acceptability curve). Break-even, sensitivity and projection are left out: they run at
// the base case and are measured by their own benches.
// Run `npm run build` first, then `node bench/psa.bench.mjs` (or `npm run bench -- psa`).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readScenario, runScenarioAsync } from '../dist/index.js';
import { runReplicatesParallel } from '../dist/node/index.js';
import { peakRssMb, table } from './util.mjs';

const WORKERS = Number(process.env.WORKERS ?? 2);
const path = fileURLToPath(new URL('../examples/scenarios/phone-shop.yaml', import.meta.url));
const text = readFileSync(path, 'utf8');
const file = { ...readScenario(text, 'phone-shop.yaml'), sensitivity: false, uncertainty: { defaults: true, groups: { 'repurchase, unresolved and resolved': ['behaviour.repurchase.major.unresolved', 'behaviour.repurchase.major.resolved'] } } };
delete file.breakEven;
delete file.projection;

const rows = [];
const load = loadavg()[0];
for (const replicatesPerDraw of [10, 1]) {
  let runMs = 0;
  const t0 = performance.now();
  const run = await runScenarioAsync(file, {
    source: 'phone-shop.yaml',
    replicatesPerDraw,
    runReplicates: async (network, spec, options) => {
      const r0 = performance.now();
      const result = await runReplicatesParallel(network, spec, { ...options, workers: WORKERS, workerUrl: new URL('../dist/node/worker.js', import.meta.url) });
      runMs = performance.now() - r0;
      return result;
    },
  });
  const total = performance.now() - t0;
  const u = run.uncertainty;
  rows.push({
    task: `1,000 draws × 3 policies × ${replicatesPerDraw} replicate${replicatesPerDraw === 1 ? '' : 's'}, + 1,000 base-case replicates, ${WORKERS} workers`,
    's (draws)': (runMs / 1000).toFixed(1),
    's (whole run)': (total / 1000).toFixed(1),
    result: `best: ${Object.entries(u.probabilityBest).map(([p, x]) => `${p} ${(100 * x).toFixed(1)}%`).join(', ')}; EVPI ${u.evpi.value.toFixed(0)} ± ${u.evpi.se.toFixed(0)} kr; top EVPPI ${u.evppi[0].parameter} ${u.evppi[0].value.toFixed(0)} ± ${u.evppi[0].se.toFixed(0)} kr`,
  });
}
table(rows);
console.log(`\n${file.uncertainty.defaults ? 14 : 0} uncertain parameters; load average at the start ${load.toFixed(1)} on ${WORKERS} workers; peak RSS of the main thread ${peakRssMb().toFixed(0)} MB`);
console.log('"whole run" = checks (every rule in each of the 1,000 draws), network, draws, and the answers (EVPI, 14 EVPPIs and a group with se from 500 coefficient draws each)');
