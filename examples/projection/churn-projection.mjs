// Where is the customer base heading under each complaint policy? A 60-month projection
// for a shop in a town of 20,000, written as tidy CSV for any charting tool.
//
// Run after `npm run build`:  node examples/projection/churn-projection.mjs [out-dir]
// Writes out-dir/projection.csv (one row per scenario, policy, month and metric: mean
// and the 5/25/50/75/95% quantiles over replicates) and out-dir/early-warning.csv (in
// how many replicates the early warning first went off in each month). out-dir is
// out/ beside this script unless given: git ignores it and the npm package leaves it out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignRoles, groups, projectChurn } from '../../dist/index.js';

const outDir = process.argv[2] ?? fileURLToPath(new URL('out/', import.meta.url));

// 20,000 people in circles of friends of ~12 (strong ties inside, a few weak ties
// across); 25% buy from the shop, 45% are in the market, the rest only relay stories.
const town = groups({ size: 20_000, groupSize: 12, insideProbability: 0.5, acrossProbability: 0.0002, seed: 'shop' });
const network = assignRoles(town, { customers: 0.25, prospects: 0.45 }, 'shop');

const scenario = {
  network,
  // A minor problem with 600 kr at stake. `count` is the one-shot figure; the projection
  // uses incidentRate instead.
  incidents: { count: 0, severity: 'minor', amount: 600 },
  economics: { margin: 1200 }, // kr per customer per year: revenue is 100 kr a month each
};
const policies = [
  { name: 'refuse, 200 kr fee', decision: 'refuse-with-fee', fee: 200 },
  { name: 'free repair', decision: 'repair-or-replace', repairCost: 350 },
  { name: 'goodwill', decision: 'goodwill', credit: 100 },
];

const projection = projectChurn(scenario, policies, {
  seed: 2026,
  replicates: 200,
  months: 60,
  incidentRate: 0.01, // 1% of customers have a problem each month
  marketingRate: 0.02, // 2% of prospects a month become customers through marketing
  name: 'shop',
});

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
const cell = (v) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const toCsv = (rows, columns) => [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';

mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'projection.csv'),
  toCsv(projection.rows, ['scenario', 'policy', 'month', 'metric', 'mean', 'se', 'p05', 'p25', 'p50', 'p75', 'p95']),
);
writeFileSync(join(outDir, 'early-warning.csv'), toCsv(projection.earlyWarningRows, ['scenario', 'policy', 'month', 'firstCrossings', 'cumulativeShare']));

console.log(`${projection.replicates} replicates, seed ${projection.seed}, ${projection.rows.length} rows → ${join(outDir, 'projection.csv')}`);
console.log('\nAssumptions:');
for (const a of projection.assumptions) console.log(`  ${a.parameter} = ${a.value}${a.isDefault ? ' (default)' : ''}: ${a.source}`);
const at = (policy, metric, month) => projection.rows.find((r) => r.policy === policy && r.metric === metric && r.month === month);
console.log('\nAfter 60 months (median, 5%–95% of replicates):');
for (const policy of projection.policies) {
  const c = at(policy, 'customers', 60);
  const lost = at(policy, 'lostProspects', 60);
  const w = projection.earlyWarning.find((x) => x.policy === policy);
  const r = (x) => Math.round(x);
  const warning =
    w.month === null ? 'never' : `month ${r(w.month.p50)} (5%–95%: ${r(w.month.p05)}–${r(w.month.p95)}; never in ${w.neverCrossed} of ${w.replicates})`;
  console.log(`  ${policy.padEnd(20)} customers ${r(c.p50)} (${r(c.p05)}–${r(c.p95)}), prospects turned away ${r(lost.p50)}, early warning ${warning}`);
}
