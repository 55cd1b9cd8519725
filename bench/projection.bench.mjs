// Month-by-month projection: 60 months on a 100,000-person network (circles of ~12
// friends, weak ties across), 30% customers and 40% prospects, two policies on common
// random numbers (refuse with a fee vs full refund), default incident rate, word of
// mouth, baseline churn and marketing, 200 replicates. Target: under 20 s here.
// Also one policy alone, and the work per replicate-policy-month.
import { assignRoles, groups, projectChurn } from '../dist/index.js';
import { peakRssMb, table } from './util.mjs';

const replicates = Number(process.env.BENCH_REPLICATES ?? 200);
const t0 = performance.now();
const network = assignRoles(
  groups({ size: 100_000, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.00003, seed: 'bench' }),
  { customers: 0.3, prospects: 0.4 },
  'bench',
);
console.log(`network: ${network.size} people, ${network.neighbors.length / 2} ties, built in ${((performance.now() - t0) / 1000).toFixed(2)} s`);

const scenario = { network, incidents: { count: 0, severity: 'major', amount: 600 }, economics: { margin: 1000 } };
const fee = { name: 'refuse with fee', decision: 'refuse-with-fee', fee: 200 };
const refund = { name: 'full refund', decision: 'full-refund' };

// Warm up the JIT on a few replicates before timing.
projectChurn(scenario, [fee, refund], { seed: 'warm-up', replicates: 3 });

const rows = [];
for (const policies of [[fee, refund], [fee]]) {
  const started = performance.now();
  const r = projectChurn(scenario, policies, { seed: 1, replicates });
  const ms = performance.now() - started;
  const at60 = (policy, metric) => r.rows.find((x) => x.policy === policy && x.metric === metric && x.month === 60);
  rows.push({
    policies: policies.length,
    months: r.months,
    replicates,
    'wall s': (ms / 1000).toFixed(2),
    'ms / replicate': (ms / replicates).toFixed(1),
    'µs / policy-month': ((ms * 1000) / (replicates * policies.length * r.months)).toFixed(1),
    'customers @60 (first policy)': at60(policies[0].name, 'customers').mean.toFixed(0),
    'dark number @60': at60(policies[0].name, 'lostProspects').mean.toFixed(0),
    'peak RSS MB': peakRssMb().toFixed(0),
  });
}
table(rows);
const target = Number(rows[0]['wall s']) < 20 ? 'met' : 'MISSED';
console.log(`\ntarget (2 policies, 60 months, 1e5 people, ${replicates} replicates < 20 s): ${target}`);
