// How sure are we? The phone shop's choice — bill a 200 kr inspection fee or repair for
// free — when the assumptions behind it are ranges, not numbers. Each assumption is a
// distribution with its source; 1,000 draws give the chance each policy is best, what
// perfect knowledge would be worth (EVPI) and what knowing one assumption would be worth
// (EVPPI, with its standard error). A deliberately small model, per 100 returned phones,
// so the example runs in a second. Run after `npm run build`:
//   node examples/value-of-information.mjs
import { acceptabilityCurve, compileDistribution, deriveRng, evppi, evpi, netBenefitAt, probabilityBest } from '../dist/index.js';

const SEED = 2026;
const DRAWS = 1000;
const assumptions = {
  'repurchase after a refusal': { dist: 'beta', mean: 0.19, sd: 0.06, source: '[Q] TARP: major problem, unresolved 19%' },
  'repurchase after a repair': { dist: 'pert', low: 0.54, mode: 0.65, high: 0.82, source: '[Q] TARP: resolved 54%, quickly 82%' },
  'share of unhappy who talk': { dist: 'beta', mean: 0.31, sd: 0.08, source: '[Q] Verde 2006: 31% told anyone' },
  'people told per talker': { dist: 'lognormal', mean: 4, sd: 3, source: '[Q] Verde 2006: on average four' },
  'prospects dissuaded per hearing': { dist: 'beta', mean: 0.1, sd: 0.05, source: '[Q] East et al. 2008: −0.1' },
};
const INCIDENTS = 100;
const FEE = 200; // kr billed when refusing
const REPAIR = 600; // kr a repair costs the shop
const PROSPECT_SHARE = 0.3; // [A] share of listeners in the market
const UNHAPPY_AFTER_REPAIR = 0.2; // [A] still unhappy after a free repair
const LOSS_VALUE = 2000; // [A] kr: one lost customer's lifetime value

// Each assumption draws from its own stream, so adding one changes no other's draws.
const names = Object.keys(assumptions);
const draws = names.map((name, i) => {
  const d = compileDistribution(assumptions[name], name);
  const rng = deriveRng(SEED, 'assumption', i);
  return Float64Array.from({ length: DRAWS }, () => d.sample(rng));
});
const [refusedBack, repairedBack, talk, told, dissuaded] = draws;

// Per draw and policy: money kept (kr) and people lost (customers + prospects).
const money = [new Float64Array(DRAWS).fill(INCIDENTS * FEE), new Float64Array(DRAWS).fill(-INCIDENTS * REPAIR)];
const lost = [new Float64Array(DRAWS), new Float64Array(DRAWS)];
for (let j = 0; j < DRAWS; j++) {
  const hearsay = talk[j] * told[j] * PROSPECT_SHARE * dissuaded[j];
  lost[0][j] = INCIDENTS * (1 - refusedBack[j]) + INCIDENTS * hearsay;
  lost[1][j] = INCIDENTS * (1 - repairedBack[j]) + INCIDENTS * UNHAPPY_AFTER_REPAIR * hearsay;
}
const policies = ['refuse, bill 200 kr', 'free repair'];
const netBenefit = netBenefitAt({ money, lost }, LOSS_VALUE);

const kr = (x) => `${Math.round(x).toLocaleString('en-US')} kr`;
const pct = (p) => `${(100 * p).toFixed(1)}%`;
const best = probabilityBest(netBenefit);
const perfect = evpi(netBenefit);
console.log(`${DRAWS} draws of ${names.length} uncertain assumptions, seed ${SEED}, a lost customer worth ${kr(LOSS_VALUE)}`);
console.log(`expected net value: ${policies.map((p, k) => `${p} ${kr(perfect.means[k])}`).join(', ')}`);
console.log(`probability best: ${policies.map((p, k) => `${p} ${pct(best[k])}`).join(', ')}`);
console.log(`EVPI: ${kr(perfect.value)} per ${INCIDENTS} returned phones (se ${kr(perfect.se)})`);
console.log('EVPPI, what knowing one assumption exactly would be worth:');
const partial = draws.map((d, i) => ({ name: names[i], ...evppi(d, netBenefit, { seed: SEED }) })).sort((a, b) => b.value - a.value);
for (const r of partial) console.log(`  ${r.name.padEnd(32)} ${kr(r.value).padStart(9)} ± ${kr(r.se)}  (${r.method})`);
// The decision turns on the gap between the two repurchase rates: together they are worth
// more than the sum of each alone.
const both = evppi([refusedBack, repairedBack], netBenefit, { seed: SEED });
console.log(`  ${'both repurchase rates together'.padEnd(32)} ${kr(both.value).padStart(9)} ± ${kr(both.se)}  (${both.method})`);
const curve = acceptabilityCurve({ money, lost }, [0, 1000, 1500, 2000, 3000, 6000]).filter((r) => r.strategy === 1);
console.log(`probability free repair is best, by the value of a lost customer: ${curve.map((r) => `${kr(r.lossValue)} ${pct(r.probabilityBest)}`).join(', ')}`);
