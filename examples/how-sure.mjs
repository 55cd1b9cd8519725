// How sure are we? The phone shop's choice — bill a 200 kr inspection fee or repair for
// free — in a town of 5,000 with a 500 kr margin, when four assumptions are ranges, not
// numbers. analyseUncertainty draws them (the same draw for every policy), runs both
// policies on each draw, and says how often each is best, what knowing everything would
// be worth (EVPI) and what knowing each assumption would be worth (EVPPI). Run after
// `npm run build`:
//   node examples/how-sure.mjs
import { analyseUncertainty, assignRoles, drawScenario, groups } from '../dist/index.js';

const network = assignRoles(groups({ size: 5000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001, seed: 2026 }), { customers: 0.2, prospects: 0.3 }, 2026);
const counter = [{ name: 'shop counter', authorityLimit: 1000, delayDays: 7, handlingCost: 60, giveUpProbability: 0.05 }];
const scenario = {
  network,
  incidents: { count: 25, severity: 'major', amount: 600, period: 'month' },
  behaviour: { repurchase: { major: { unresolved: { dist: 'beta', mean: 0.19, sd: 0.06, source: '[Q] TARP 19%; sd [A]' } } } },
  spread: { tellProbability: { dist: 'pert', low: 0.2, mode: 0.4, high: 0.6, source: '[A]' } },
  economics: { margin: 500, acquisitionCost: 600, retention: { dist: 'uniform', low: 0.74, high: 0.86, source: '[Q] churn 14–26%' } },
};
const policies = [
  { name: 'refuse, bill 200 kr', decision: 'refuse-with-fee', fee: 200, escalation: counter },
  { name: 'free repair', decision: 'repair-or-replace', repairCost: { dist: 'gamma', mean: 600, sd: 150, source: '[A]' }, escalation: counter },
];

const psa = analyseUncertainty(scenario, policies, { seed: 2026, draws: 400, replicatesPerDraw: 4 });
const kr = (x) => `${Math.round(x).toLocaleString('en-US')} kr`;
const pct = (p) => `${(100 * p).toFixed(1)}%`;
console.log(`${psa.draws} draws of ${psa.parameters.length} uncertain assumptions × ${psa.replicatesPerDraw} replicates, seed 2026`);
// netValue is minus the cost of the incidents (against no incident at all): printed as a cost.
for (const p of psa.policies) console.log(`  ${p.padEnd(20)} best in ${pct(psa.probabilityBest[p])} of draws, cost of the month's incidents ${kr(-psa.netValue[p].mean)} (95% of draws ${kr(-psa.netValue[p].p975)} to ${kr(-psa.netValue[p].p025)})`);
const d = psa.differences[0];
console.log(`free repair − refusing: ${kr(d.difference.mean)} (95% of draws ${kr(d.difference.p025)} to ${kr(d.difference.p975)})`);
console.log(`EVPI ${kr(psa.evpi.value)} a month (25 returned phones); measure first:`);
for (const e of psa.evppi) console.log(`  ${e.parameter.padEnd(38)} ${kr(e.value).padStart(9)} ± ${kr(e.se)}`);
const lost = psa.acceptability.filter((a) => a.policy === 'free repair' && [0, 1000, 1250, 2000, 3750].includes(Math.round(a.lossValue)));
console.log(`free repair best, by the value of a lost customer: ${lost.map((a) => `${kr(a.lossValue)} ${pct(a.probabilityBest)}`).join(', ')}`);
// Draw 0 as the PSA ran it: plain numbers for every policy.
const draw = drawScenario(scenario, policies, { seed: 2026, draw: 0 });
console.log(`draw 0: ${Object.entries(draw.values).map(([k, v]) => `${k} = ${v.toFixed(3)}`).join(', ')}`);
