// The phone shop (seed 000): a customer brings a phone back as faulty; the shop says it is
// the customer's own fault and bills a 200 kr inspection fee. What does keeping that fee
// cost, against a free repair or a goodwill gesture? Run after `npm run build`:
//   node examples/phone-shop.mjs
import { assignRoles, breakEven, comparePolicies, groups } from '../dist/index.js';

// A town of 20,000: circles of friends of ~10 with strong ties, weak ties across.
const town = groups({ size: 20_000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.0003, seed: 'town' });
// 20% buy their phones here, 30% are in the market for one; the rest only talk.
const network = assignRoles(town, { customers: 0.2, prospects: 0.3 }, 'town');

const scenario = {
  network,
  // 100 faulty phones come back in the period; a repair costs 600 kr (a major problem).
  incidents: { count: 100, severity: 'major', amount: 600 },
  // Money-loss problems: 62.5% complain (derived: the middle of Goodman/TARP's 50–75%);
  // defaults for the rest.
  economics: { margin: 800, retention: 0.8, discountRate: 0.12, acquisitionCost: 600 },
};
const counter = [{ name: 'shop counter', authorityLimit: 1000, delayDays: 7, handlingCost: 60, giveUpProbability: 0.05 }];
const policies = [
  { name: 'refuse, bill 200 kr', decision: 'refuse-with-fee', fee: 200, escalation: counter },
  { name: 'free repair', decision: 'repair-or-replace', repairCost: 600, escalation: counter },
  { name: 'repair + 200 kr voucher', decision: 'goodwill', credit: 200, escalation: counter },
];

const c = comparePolicies(scenario, policies, { seed: 2026, replicates: 1000, measureVarianceReduction: true });
const kr = (x) => `${Math.round(x).toLocaleString('en-US')} kr`;
console.log(`${c.replicates} replicates of 100 returned phones, seed ${c.seed}\n`);
console.log('policy                    net value      kept/paid   customers lost  prospects lost  won');
for (const name of c.policies) {
  const s = c.summary[name];
  console.log(
    `${name.padEnd(25)} ${kr(s.netValue.mean).padStart(12)} ${kr(s.moneyKept.mean).padStart(13)} ${s.directChurn.mean.toFixed(1).padStart(10)} + ${s.womChurn.mean.toFixed(1).padEnd(5)} ${s.expectedLostProspects.mean.toFixed(1).padStart(8)} ${s.expectedWonProspects.mean.toFixed(1).padStart(10)}`,
  );
}
console.log('');
for (const d of c.differences.filter((x) => x.against === 'refuse, bill 200 kr')) {
  const { ci95Low: lo, ci95High: hi } = d.difference;
  console.log(`${d.policy} vs refusing: ${kr(d.difference.mean)} (95% CI ${kr(lo)} to ${kr(hi)}), better in ${(100 * d.probabilityBetter).toFixed(1)}% of replicates`);
}
for (const v of c.varianceReduction) {
  console.log(`common random numbers: ${v.policy} − ${v.against} variance ${v.ratio.toFixed(1)}× smaller than independent runs`);
}
const b = breakEven(scenario, [policies[0], policies[1]], { parameter: 'fee', low: 0, high: 5000, seed: 2026, replicates: 300 });
console.log(`\nthe fee would have to be ${kr(b.value)} (95% CI ${kr(b.ci95Low)}–${kr(b.ci95High)}) for refusing to pay as well as repairing`);
