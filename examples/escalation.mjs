// The escalation chain (seed 000): a customer is owed a 200 kr credit note, but neither
// the front line nor the sales manager may grant it, so it climbs to the director. What
// does the climb cost against letting the front line grant it at once?
// Run after `npm run build`:  node examples/escalation.mjs
import { assignRoles, comparePolicies, groups } from '../dist/index.js';

const network = assignRoles(
  groups({ size: 20_000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.0003, seed: 'b2b' }),
  { customers: 0.25, prospects: 0.25 },
  'b2b',
);
const scenario = {
  network,
  // 50 customers a month are owed a 200 kr credit (about $30: between TARP's rows,
  // minor under $5 and major over $100; the minor row is used).
  incidents: { count: 50, severity: 'minor', amount: 200, period: 'month' },
  economics: { margin: 2000, retention: 0.8, discountRate: 0.12 },
};
const level = (name, authorityLimit, delayDays, handlingCost, giveUpProbability) => ({ name, authorityLimit, delayDays, handlingCost, giveUpProbability });
const climbs = [
  level('front line', 0, 2, 40, 0.05),
  level('sales manager', 0, 7, 150, 0.1),
  level('director', 5000, 14, 600, 0.1),
];
const empowered = [level('front line', 500, 2, 40, 0.05), level('sales manager', 500, 7, 150, 0.1), level('director', 5000, 14, 600, 0.1)];
const policies = [
  { name: 'climbs to the director', decision: 'full-refund', escalation: climbs },
  { name: 'front line may grant 500 kr', decision: 'full-refund', escalation: empowered },
];

const c = comparePolicies(scenario, policies, { seed: 7, replicates: 2000 });
console.log(`${c.replicates} replicates of 50 credit notes of 200 kr, seed ${c.seed}\n`);
for (const name of c.policies) {
  const s = c.summary[name];
  console.log(name);
  console.log(`  settled at first contact ${s.resolvedQuickly.mean.toFixed(1)}, later ${s.resolved.mean.toFixed(1)}, gave up ${s.gaveUp.mean.toFixed(1)}, silent ${s.silentUnhappy.mean.toFixed(1)}`);
  console.log(`  cases that climbed ${s.escalated.mean.toFixed(1)}, contacts ${s.contacts.mean.toFixed(1)}, handling cost ${Math.round(s.handlingCost.mean)} kr`);
  console.log(`  remembered pain ${s.meanRemembered.mean.toFixed(2)} / 10, customers lost ${(s.directChurn.mean + s.womChurn.mean).toFixed(1)}, prospects lost ${s.expectedLostProspects.mean.toFixed(2)}`);
  console.log(`  cost of these incidents ${Math.round(s.incidentCost.mean).toLocaleString('en-US')} kr a month`);
}
const d = c.differences.find((x) => x.policy === 'front line may grant 500 kr');
console.log(
  `\ngranting at the front line is worth ${Math.round(d.difference.mean).toLocaleString('en-US')} kr more a month, ${Math.round(d.perIncident.mean).toLocaleString('en-US')} kr per credit note (95% CI ${Math.round(d.difference.ci95Low).toLocaleString('en-US')}–${Math.round(d.difference.ci95High).toLocaleString('en-US')} kr a month)`,
);
