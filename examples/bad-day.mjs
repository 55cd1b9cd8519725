// The bad day (seed 004): three customers leave unhappy, each tells about ten people, and
// the story grows as it travels. How many hear it, and how many prospects are lost?
// Run after `npm run build`:  node examples/bad-day.mjs
import {
  WordOfMouthKernel,
  assignRoles,
  groups,
  resolveSpreadOptions,
  runReplicatesSync,
  sampleIndices,
} from '../dist/index.js';

// 10,000 people in circles of friends of ~12: strong ties inside, weak ties across.
const village = groups({ size: 10_000, groupSize: 12, insideProbability: 0.9, acrossProbability: 0.0005, seed: 'bad-day' });
// 30% buy from us, 40% are in the market, the rest only relay stories.
const network = assignRoles(village, { customers: 0.3, prospects: 0.4 }, 'bad-day');
const customers = Int32Array.from({ length: network.size }, (_, i) => i).filter((i) => network.role[i] === 1);

// Each of the three tells exactly ten of their friends (or all, if fewer). Listeners
// retell by the model's defaults: 31% retell, fewer at every hop, and the story grows
// (embellishment 0.2) — docs/model.md.
const kernel = new WordOfMouthKernel(network, [], resolveSpreadOptions({}));
const input = {
  tellers: new Int32Array(3),
  valence: new Uint8Array(3).fill(1), // negative
  intensity: new Float64Array(3).fill(0.8), // remembered pain 8 of 10
  audience: new Int32Array(3).fill(10),
  count: 3,
  onlookers: new Int32Array(0),
  onlookerNegative: new Int32Array(0),
  onlookerPositive: new Int32Array(0),
  onlookerCount: 0,
  excluded: new Int32Array(3),
  excludedCount: 3,
};
const badDay = {
  metricNames: kernel.metricNames,
  run(rng, out) {
    sampleIndices(rng, 3, customers.length, input.tellers);
    for (let i = 0; i < 3; i++) input.excluded[i] = input.tellers[i] = customers[input.tellers[i]];
    kernel.runEpisode(rng, input, out);
  },
};

const result = runReplicatesSync(badDay, { seed: 2026, replicates: 5000 });
const s = result.summary;
const line = (label, m) =>
  `${label.padEnd(34)} mean ${m.mean.toFixed(2).padStart(6)}  95% CI ${m.ci95Low.toFixed(2)}–${m.ci95High.toFixed(2)}  (5%–95% of days: ${m.p05}–${m.p95})`;
console.log(`${result.replicates} bad days, seed ${result.seed}`);
console.log(line('heard first-hand (hop 1)', s['negativeByHop.1']));
console.log(line('heard second-hand (hop 2)', s['negativeByHop.2']));
const later = s.reachedNegative.mean - s['negativeByHop.0'].mean - s['negativeByHop.1'].mean - s['negativeByHop.2'].mean;
console.log(`${'heard third-hand or later'.padEnd(34)} mean ${later.toFixed(2).padStart(6)}`);
console.log(line('everyone who heard (tellers incl.)', s.reachedNegative));
console.log(line('prospects lost (dark number)', s.lostProspects));
console.log(line('customers at risk', s.customersAtRisk));
console.log(line('customers lost through the story', s.churnedCustomers));
