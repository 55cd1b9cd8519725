// Calibration at the size of the issue: four parameters (examples/calibration/shop.yaml),
// 24 months of three metrics (72 observed values, examples/calibration/shop-data.csv, made
// by the model at known values), a 20,000-person town, the particles on 2 worker threads.
// Reports the simulations used, simulations per second (wall), the stopping rule, ESS,
// final tolerance and each parameter's posterior against the truth the data were made at.
// Budget and particles by environment: CAL_BUDGET (default 12,000), CAL_PARTICLES (500),
// CAL_WORKERS (2). The issue asks for this within 5 minutes on a 2-core machine.
import { readFileSync } from 'node:fs';
import { checkScenario, fileCalibration, parseObservations, readScenario } from '../dist/index.js';
import { calibrateParallel } from '../dist/node/index.js';

const budget = Number(process.env.CAL_BUDGET ?? 12_000);
const particles = Number(process.env.CAL_PARTICLES ?? 500);
const workers = Number(process.env.CAL_WORKERS ?? 2);
const TRUTH = { 'complaints.probability': 0.3, 'behaviour.repurchase.major.unresolved': 0.15, 'behaviour.negativeTalkProbability': 0.4, 'spread.tellProbability': 0.45 };

const dir = new URL('../examples/calibration/', import.meta.url);
const file = readScenario(readFileSync(new URL('shop.yaml', dir), 'utf8'), 'shop.yaml');
const { network } = checkScenario(file, { source: 'shop.yaml' });
const c = fileCalibration(file, network);
const observations = parseObservations(readFileSync(new URL('shop-data.csv', dir), 'utf8'), 'shop-data.csv', { maxMonths: c.months });

const started = performance.now();
let lastGeneration = -1;
const fit = await calibrateParallel(c.scenario, observations, {
  policy: c.policy,
  projection: c.projection,
  seed: file.seed,
  particles,
  budget,
  workers,
  batchSize: 64,
  predictiveDraws: 0,
  onProgress: (p) => {
    if (p.generation !== lastGeneration) {
      lastGeneration = p.generation;
      console.error(`generation ${p.generation}: tolerance ${p.tolerance.toPrecision(3)}, ${p.simulations} simulations, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  },
});
const seconds = (performance.now() - started) / 1000;
const row = {
  'people': network.size,
  'parameters': fit.parameters.length,
  'observed values (months × metrics)': fit.observed.values.length,
  'particles': particles,
  'workers': workers,
  'simulations': fit.simulations,
  'wall seconds': seconds.toFixed(1),
  'simulations per second': (fit.simulations / seconds).toFixed(1),
  'stopped by': fit.stoppedBy,
  'populations': fit.generations.length,
  'final tolerance': fit.tolerance.toPrecision(3),
  'ESS': fit.ess.toFixed(0),
};
for (const [k, v] of Object.entries(row)) console.log(`${k.padEnd(36)} ${v}`);
console.log('');
console.log('| parameter | truth | posterior mean | 90% interval | sd / prior sd |');
console.log('| --- | --- | --- | --- | --- |');
for (const p of fit.parameters) {
  console.log(`| ${p.name} | ${TRUTH[p.name]} | ${p.posterior.mean.toFixed(3)} | ${p.posterior.p05.toFixed(3)}–${p.posterior.p95.toFixed(3)} | ${p.check.ratio.toFixed(2)} |`);
}
