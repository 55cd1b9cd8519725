// Makes shop-data.csv: SYNTHETIC observations, made by hearsay's own projection of
// shop.yaml at known parameter values (the "truth" below), so the calibration's answer can
// be checked against them. Run from the repository after `npm run build`:
//   node examples/calibration/make-data.mjs > examples/calibration/shop-data.csv
import { readFileSync } from 'node:fs';
import { CalibrationSimulator, checkScenario, deriveRng, fileCalibration, readScenario } from '../../dist/index.js';

const TRUTH = {
  'complaints.probability': 0.3,
  'behaviour.repurchase.major.unresolved': 0.15,
  'behaviour.negativeTalkProbability': 0.4,
  'spread.tellProbability': 0.45,
};
const METRICS = ['complaints', 'churned', 'acquired'];

const path = new URL('./shop.yaml', import.meta.url);
const file = readScenario(readFileSync(path, 'utf8'), 'shop.yaml');
const { network } = checkScenario(file, { source: 'shop.yaml' });
const c = fileCalibration(file, network);
const months = c.months;
const targets = METRICS.flatMap((metric) => Array.from({ length: months }, (_, t) => ({ metric, month: t + 1 })));
const simulator = new CalibrationSimulator(network, { scenario: Object.fromEntries(Object.entries(c.scenario).filter(([k]) => k !== 'network')), policy: c.policy, projection: c.projection, targets, summaries: 'monthly' });
const theta = simulator.parameters.map((p) => TRUTH[p.name]);
const values = simulator.simulate(Float64Array.from(theta), deriveRng('shop-data', 1));
const lines = [
  '# SYNTHETIC DATA, made by the model: one run of hearsay\'s projection of shop.yaml under',
  '# its current practice (refuse, bill 200 kr) at known parameters, by make-data.mjs:',
  ...Object.entries(TRUTH).map(([k, v]) => `#   ${k} = ${v}`),
  '# A real shop would write its own monthly numbers here.',
  'month,metric,value',
];
targets.forEach((t, i) => lines.push(`${t.month},${t.metric},${values[i]}`));
process.stdout.write(`${lines.join('\n')}\n`);
