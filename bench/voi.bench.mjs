// Value of information on a probabilistic sensitivity analysis of 1,000 draws × 3
// strategies with 20 uncertain parameters (issue 13's target: EVPPI for all 20 single
// parameters in under 5 s; EVPI trivially fast). Run `npm run build` first, then
// `node bench/voi.bench.mjs` (or `npm run bench -- voi`).
//
// The net benefit is synthetic but shaped like a hearsay PSA: a few parameters drive the
// difference between strategies (one nonlinearly, two through their product), the rest
// barely matter, and every draw carries Monte Carlo noise from the inner simulation.
import { compileDistribution, deriveRng, evpi, evppi, probabilityBest } from '../dist/index.js';
import { peakRssMb, table, time } from './util.mjs';

const DRAWS = 1000;
const STRATEGIES = 3;
const SPECS = [
  { dist: 'beta', mean: 0.5, sd: 0.15 },
  { dist: 'beta', alpha: 2, beta: 8 },
  { dist: 'gamma', mean: 600, sd: 200 },
  { dist: 'lognormal', mean: 4, sd: 2 },
  { dist: 'normal', mean: 0.3, sd: 0.1, low: 0, high: 1 },
  { dist: 'pert', low: 0.1, mode: 0.2, high: 0.5 },
  { dist: 'triangular', low: 2, mode: 4, high: 10 },
  { dist: 'uniform', low: 0.5, high: 0.9 },
  { dist: 'discrete', values: [1, 2, 3], weights: [1, 2, 1] },
];
const params = Array.from({ length: 20 }, (_, p) => {
  const d = compileDistribution(SPECS[p % SPECS.length], `parameters[${p}]`);
  const rng = deriveRng('voi-bench', 'parameter', p);
  return Float64Array.from({ length: DRAWS }, () => d.sample(rng));
});
const noise = compileDistribution({ dist: 'normal', mean: 0, sd: 1 });
const rng = deriveRng('voi-bench', 'noise');
const netBenefit = Array.from({ length: STRATEGIES }, () => new Float64Array(DRAWS));
for (let j = 0; j < DRAWS; j++) {
  const x = params.map((p) => p[j]);
  const common = 1000 * x[1] - 2 * x[2]; // the same in every strategy: worth nothing to learn
  netBenefit[0][j] = common + 10 * noise.sample(rng);
  netBenefit[1][j] = common + 4000 * (x[0] - 0.5) ** 2 - 60 + 40 * x[3] * (x[9] - 0.25) + 20 * x[4] + 10 * noise.sample(rng);
  netBenefit[2][j] = common + 600 * (x[5] - 0.25) + 5 * x[6] - 25 + 10 * noise.sample(rng);
}

const rows = [];
const evpiRun = time(() => evpi(netBenefit), 20);
rows.push({ task: 'EVPI', ms: evpiRun.ms.toFixed(2), result: `${evpiRun.result.value.toFixed(1)} (se ${evpiRun.result.se.toFixed(1)})` });
const best = time(() => probabilityBest(netBenefit), 20);
rows.push({ task: 'probability best', ms: best.ms.toFixed(2), result: best.result.map((p) => p.toFixed(3)).join(' / ') });
const singles = time(() => params.map((p) => evppi(p, netBenefit)), 1);
const ranked = singles.result.map((r, p) => ({ p, r })).sort((a, b) => b.r.value - a.r.value);
rows.push({
  task: 'EVPPI, 20 single parameters (se from 500 draws)',
  ms: singles.ms.toFixed(0),
  result: ranked.slice(0, 4).map(({ p, r }) => `#${p} ${r.value.toFixed(1)}±${r.se.toFixed(1)}`).join(', '),
});
const noSe = time(() => params.map((p) => evppi(p, netBenefit, { seSamples: 0 })), 1);
rows.push({ task: 'EVPPI, 20 single parameters, no se', ms: noSe.ms.toFixed(0), result: '' });
for (const group of [[3, 9], [0, 3, 9], [0, 3, 5, 9]]) {
  const run = time(() => evppi(group.map((g) => params[g]), netBenefit), 1);
  rows.push({ task: `EVPPI, group of ${group.length} (${group.join(', ')})`, ms: run.ms.toFixed(0), result: `${run.result.value.toFixed(1)}±${run.result.se.toFixed(1)} (${run.result.method})` });
}
table(rows);
console.log(`\n${DRAWS} draws × ${STRATEGIES} strategies; peak RSS ${peakRssMb().toFixed(0)} MB`);
