// The phone shop (seed 000): a customer brings a phone back as faulty; the shop says it is
// the customer's own fault and bills a 200 kr inspection fee. What did the shop earn by
// refusing — and what does a lost customer have to be worth for that to pay? Two cases:
// the shop pays for a repair (600 kr), or the phone is under warranty and a repair costs
// the shop nothing (the article's case: refusing keeps only the fee).
// Run after `npm run build`:   node examples/phone-shop.mjs
import { VALUE_PARTS, assignRoles, breakEven, comparePolicies, groups } from '../dist/index.js';

// A town of 20,000: circles of friends of ~10 with strong ties, weak ties across.
const town = groups({ size: 20_000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.0003, seed: 'town' });
// 20% buy their phones here, 30% are in the market for one; the rest only talk.
const network = assignRoles(town, { customers: 0.2, prospects: 0.3 }, 'town');
const counter = [{ name: 'shop counter', authorityLimit: 1000, delayDays: 7, handlingCost: 60, giveUpProbability: 0.05 }];
const refuse = { name: 'refuse, bill 200 kr', decision: 'refuse-with-fee', fee: 200, escalation: counter };

const kr = (x) => `${x < 0 ? '−' : x > 0 ? '+' : ''}${Math.abs(Math.round(x)).toLocaleString('en-US')} kr`;
const labels = {
  moneyKept: 'money kept or paid',
  handling: 'handling',
  customersLostDirect: 'customers lost after their episode',
  customersLostWordOfMouth: 'customers lost through word of mouth',
  prospectsLost: 'prospects lost (the dark number)',
  prospectsWon: 'prospects won (referrals)',
  winBacks: 'customers won back',
};

for (const [title, repairCost] of [['the shop pays the repair (600 kr)', 600], ['on warranty: the repair costs the shop nothing', 0]]) {
  const scenario = {
    network,
    // 100 faulty phones come back; a repair is worth 600 kr to the customer (a major problem).
    incidents: { count: 100, severity: 'major', amount: 600, period: '100 returned phones' },
    economics: { margin: 800, retention: 0.8, discountRate: 0.12, acquisitionCost: 600 },
  };
  const repair = { name: 'free repair', decision: 'repair-or-replace', repairCost, escalation: counter };
  const c = comparePolicies(scenario, [refuse, repair], { seed: 2026, replicates: 1000 });
  const d = c.differences.find((x) => x.policy === 'free repair' && x.against === refuse.name);
  const be = d.breakEvenLossValue;
  console.log(`${title} — free repair against refusing, ${c.replicates} runs of 100 returned phones`);
  console.log(`  per returned phone ${kr(d.perIncident.mean)} (95% CI ${kr(d.perIncident.ci95Low)} to ${kr(d.perIncident.ci95High)}); for the 100 ${kr(d.difference.mean)}`);
  for (const part of VALUE_PARTS) if (d.parts[part] !== 0) console.log(`    ${labels[part].padEnd(38)} ${kr(d.parts[part]).padStart(10)}`);
  console.log(`  refusing pays only if a lost customer or prospect is worth less than ${kr(be.value).slice(1)} (95% CI ${kr(be.ci95Low).slice(1)} to ${kr(be.ci95High).slice(1)})`);
  console.log(`  at lifetime value (2,000 kr) the repair wins by ${kr(d.valuations['lifetime-value'].difference.mean).slice(1)}; at replacement cost (600 kr) it ${d.valuations.replacement.difference.mean > 0 ? 'wins' : 'loses'} by ${kr(Math.abs(d.valuations.replacement.difference.mean)).slice(1)}`);
  const b = breakEven(scenario, [refuse, repair], { parameter: 'fee', low: 0, high: 5000, seed: 2026, replicates: 300 });
  console.log(`  the fee would have to be ${kr(b.value).slice(1)} (95% CI ${kr(b.ci95Low).slice(1)} to ${kr(b.ci95High).slice(1)}) for refusing to pay as well\n`);
}
