// The bad day (seed 004): three unhappy customers each tell the people around them, the
// story grows as it travels. How many hear it, and how many prospects are turned away?
// Run after `npm run build`:  node examples/bad-day.mjs
import { assignRoles, groups, prepareWordOfMouth, runReplicatesSync } from '../dist/index.js';

// 10,000 people in circles of ~10: strong ties inside, weak ties across.
const village = groups({ size: 10_000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.0005, seed: 'bad-day' });
// 30% buy from us, 40% are in the market, the rest only relay stories.
const network = assignRoles(village, { customers: 0.3, prospects: 0.4 }, 'bad-day');

const kernel = prepareWordOfMouth(network, {
  // Defaults for everything else: tell 40% of close ties, 31% retell, stories grow.
  stories: [{ valence: 'negative', tellers: { count: 3, among: 'customer' } }],
});
const result = runReplicatesSync(kernel, { seed: 2026, replicates: 5000 });
const s = result.summary;
const line = (label, m) =>
  `${label.padEnd(34)} mean ${m.mean.toFixed(2).padStart(6)}  95% CI ${m.ci95[0].toFixed(2)}–${m.ci95[1].toFixed(2)}  (5%–95% of days: ${m.p05}–${m.p95})`;
console.log(`${result.replicates} bad days, seed ${result.seed}`);
console.log(line('people who heard (tellers incl.)', s.reachedNegative));
console.log(line('heard first-hand (hop 1)', s['negativeByHop.1']));
console.log(line('heard second-hand (hop 2)', s['negativeByHop.2']));
console.log(line('prospects lost (dark number)', s.lostProspects));
console.log(line('customers at risk', s.customersAtRisk));
console.log(line('customers lost through the story', s.churnedCustomers));
