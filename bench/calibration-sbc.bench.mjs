// Simulation-based calibration of abcSmc (Talts, Betancourt, Simpson, Vehtari & Gelman
// 2018, arXiv:1804.06788): for M datasets, draw θ̃ from the prior, simulate data at θ̃,
// calibrate, and record where θ̃ falls in its posterior. For a calibrated method the
// position is uniform. With weighted particles we use the posterior distribution function
// at the truth, u = Σ wᵢ·[θᵢ < θ̃] (the rank statistic of Talts et al. with L → ∞ draws,
// free of the ties that resampling would make), binned into 10 equal bins: Pearson
// chi-square with 9 degrees of freedom, and a Kolmogorov–Smirnov test on the u's. Both at
// a significance of 0.01.
//
// Two small models:
//  A. p ~ Beta(2, 3); y ~ Binomial(20, p); summary y/20. Discrete: the tolerance reaches 0
//     (exact match), where ABC is exact, so u must be uniform.
//  B. μ ~ Normal(0, 1), p ~ Uniform(0, 1); summaries x̄ of 10 Normal(μ, 1) draws and
//     y/30, y ~ Binomial(30, p). x̄ is continuous: the run stops when a population would
//     accept fewer than 5% of its proposals, and the remaining tolerance widens the
//     posterior a little (u piles up in the middle bins if it matters).
// Also: simulations per second of the whole calibration (engine included), per wall and
// per CPU second (the machine may be shared).
import { abcSmc, deriveRng, drawBinomial, gamma, standardNormal } from '../dist/index.js';

const datasets = Number(process.env.SBC_DATASETS ?? 200);
const particles = Number(process.env.SBC_PARTICLES ?? 400);
const BINS = 10;

function betaPrior(a, b) {
  const ga = gamma(a);
  const gb = gamma(b);
  return {
    mean: a / (a + b),
    variance: (a * b) / ((a + b) ** 2 * (a + b + 1)),
    support: { low: 0, high: 1 },
    sample: (rng) => {
      const x = ga(rng);
      return x / (x + gb(rng));
    },
    logDensity: (x) => (x > 0 && x < 1 ? (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) : -Infinity),
  };
}
const uniform01 = { mean: 0.5, variance: 1 / 12, support: { low: 0, high: 1 }, sample: (rng) => rng.next(), logDensity: (x) => (x >= 0 && x <= 1 ? 0 : -Infinity) };
const normal01 = { mean: 0, variance: 1, support: { low: -Infinity, high: Infinity }, sample: (rng) => standardNormal(rng), logDensity: (x) => -0.5 * x * x };

const models = {
  'A: Beta-binomial (exact match)': {
    priors: [{ name: 'p', prior: betaPrior(2, 3) }],
    simulate: (t, rng) => [drawBinomial(rng, 20, t[0]) / 20],
    options: {},
  },
  'B: normal mean + binomial share': {
    priors: [
      { name: 'mu', prior: normal01 },
      { name: 'p', prior: uniform01 },
    ],
    simulate: (t, rng) => [t[0] + standardNormal(rng) / Math.sqrt(10), drawBinomial(rng, 30, t[1]) / 30],
    options: { minAcceptanceRate: 0.05 },
  },
};

/** Pearson chi-square upper tail for 9 df at 0.01 (tables: 21.666). */
const CHI2_9_01 = 21.666;
/** Kolmogorov–Smirnov: asymptotic critical value 1.628/√n at 0.01. */
const KS_01 = 1.628;

const rows = [];
for (const [name, model] of Object.entries(models)) {
  const d = model.priors.length;
  const us = model.priors.map(() => []);
  let simulations = 0;
  let generations = 0;
  let finalTolerance = 0;
  const stops = {};
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let m = 0; m < datasets; m++) {
    const truthRng = deriveRng('sbc', name, m, 'truth');
    const truth = Float64Array.from(model.priors, (p) => p.prior.sample(truthRng));
    const observed = model.simulate(truth, deriveRng('sbc', name, m, 'data'));
    const r = abcSmc({ priors: model.priors, observed, simulate: model.simulate, seed: `sbc/${m}`, particles, ...model.options });
    simulations += r.simulations;
    generations += r.generations.length;
    finalTolerance += r.tolerance;
    stops[r.stoppedBy] = (stops[r.stoppedBy] ?? 0) + 1;
    for (let p = 0; p < d; p++) {
      let u = 0;
      for (let i = 0; i < r.weights.length; i++) if (r.particles[p][i] < truth[p]) u += r.weights[i];
      us[p].push(u);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  model.priors.forEach((prior, p) => {
    const u = us[p];
    const counts = new Array(BINS).fill(0);
    for (const x of u) counts[Math.min(BINS - 1, Math.floor(x * BINS))]++;
    const expected = u.length / BINS;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    const sorted = [...u].sort((a, b) => a - b);
    let ks = 0;
    sorted.forEach((x, i) => (ks = Math.max(ks, (i + 1) / sorted.length - x, x - i / sorted.length)));
    rows.push({
      model: name,
      parameter: prior.name,
      datasets,
      particles,
      'bins (10)': counts.join(' '),
      'chi2 (9 df)': chi2.toFixed(2),
      'uniform at 0.01 (chi2 < 21.67)': chi2 < CHI2_9_01 ? 'yes' : 'NO',
      'KS D': ks.toFixed(3),
      'KS ok at 0.01': ks < KS_01 / Math.sqrt(u.length) ? 'yes' : 'NO',
      'sims / dataset': (simulations / datasets).toFixed(0),
      'generations / dataset': (generations / datasets).toFixed(1),
      'mean final tolerance': (finalTolerance / datasets).toFixed(3),
      stopped: Object.entries(stops).map(([k, v]) => `${k} ${v}`).join(', '),
      'sims / s (wall)': (simulations / seconds).toFixed(0),
      'sims / CPU s': (simulations / cpuSeconds).toFixed(0),
      'wall s': seconds.toFixed(1),
    });
  });
}
for (const row of rows) {
  console.log('');
  for (const [k, v] of Object.entries(row)) console.log(`${k.padEnd(32)} ${v}`);
}
