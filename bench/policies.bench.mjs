// Issue target: a comparison of three policies on a 100,000-person network with 1,000
// replicates each, under 30 s on one core (no workers).
import { assignRoles, comparePolicies, groups } from '../dist/index.js';
import { peakRssMb, table } from './util.mjs';

const t0 = performance.now();
const network = assignRoles(
  groups({ size: 100_000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.00005, seed: 'bench' }),
  { customers: 0.3, prospects: 0.4 },
  'bench',
);
const buildS = (performance.now() - t0) / 1000;
const counter = [{ name: 'counter', authorityLimit: 1000, delayDays: 7, handlingCost: 60, giveUpProbability: 0.05 }];
const scenario = {
  network,
  incidents: { count: 200, severity: 'major', amount: 600 },
  economics: { margin: 800, acquisitionCost: 600 },
};
const policies = [
  { name: 'fee', decision: 'refuse-with-fee', fee: 200, escalation: counter },
  { name: 'repair', decision: 'repair-or-replace', escalation: counter },
  { name: 'goodwill', decision: 'goodwill', credit: 200, escalation: counter },
];
const replicates = Number(process.env.BENCH_REPLICATES ?? 1000);
const started = performance.now();
const c = comparePolicies(scenario, policies, { seed: 1, replicates, measureVarianceReduction: true });
const seconds = (performance.now() - started) / 1000;
table(
  c.policies.map((name) => ({
    policy: name,
    'net value (mean)': Math.round(c.summary[name].netValue.mean),
    'people reached': c.summary[name].reached.mean.toFixed(1),
    'lost prospects': c.summary[name].expectedLostProspects.mean.toFixed(2),
  })),
);
console.log(`\nnetwork (100,000 people, ${network.neighbors.length / 2} ties) built in ${buildS.toFixed(2)} s`);
console.log(`3 policies × ${replicates} replicates on common random numbers: ${seconds.toFixed(1)} s on one core (target < 30 s) — this includes the`);
console.log(`  ${replicates} × 3 extra independent replicates run to measure the variance reduction; peak RSS ${peakRssMb().toFixed(0)} MB`);
for (const v of c.varianceReduction) console.log(`variance of ${v.policy} − ${v.against}: ${v.ratio.toFixed(1)}× smaller with common random numbers`);
