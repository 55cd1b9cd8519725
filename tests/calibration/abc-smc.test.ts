import { beforeAll, describe, expect, test } from 'vitest';
import {
  AbortError,
  CalibrationError,
  InvalidParameterError,
  Rng,
  abcSmc,
  abcSmcAsync,
  createRng,
  deriveRng,
  drawBinomial,
  priorVsPosterior,
  standardNormal,
  summarizePosterior,
  type AbcSmcOptions,
  type AbcSmcResult,
  type AbcState,
  type BatchRunner,
  type NamedPrior,
  type SimulationBatch,
} from '../../src/index.js';
import { betaPrior, binomialShare, normalPrior, uniformPrior } from './priors.js';

/** How many standard errors an estimate may miss by: two-sided P(|Z| > 4) ≈ 6.3e-5. */
const Z = 4;

// The conjugate toy: p ~ Beta(2, 3), y = 6 successes of n = 20; posterior Beta(8, 17).
const BETA = { a: 2, b: 3, n: 20, y: 6 };
const posteriorA = BETA.a + BETA.y;
const posteriorB = BETA.b + BETA.n - BETA.y;
const posteriorMean = posteriorA / (posteriorA + posteriorB); // 0.32
const posteriorSd = Math.sqrt((posteriorA * posteriorB) / ((posteriorA + posteriorB) ** 2 * (posteriorA + posteriorB + 1))); // 0.0914854

// The recovery toy: a shifts a normal summary (sd 0.2), b is a binomial share of 100, c
// changes nothing (not identified by any summary).
const recoveryPriors: NamedPrior[] = [
  { name: 'a', prior: uniformPrior(-5, 5) },
  { name: 'b', prior: uniformPrior(0, 1) },
  { name: 'c', prior: uniformPrior(0, 1) },
];
function simulateRecovery(theta: Float64Array, rng: Rng): number[] {
  return [theta[0]! + 0.2 * standardNormal(rng), drawBinomial(rng, 100, theta[1]!) / 100];
}
const truth = Float64Array.of(1.3, 0.35, 0.7);
const recoveryObserved = simulateRecovery(truth, createRng('recovery truth'));

/** Options of the recovery toy; an option given as undefined is left out (`simulate: undefined` with a runBatch). */
function recoveryOptions(extra: { [K in keyof AbcSmcOptions]?: AbcSmcOptions[K] | undefined } = {}): AbcSmcOptions {
  const options: Record<string, unknown> = { priors: recoveryPriors, observed: recoveryObserved, simulate: simulateRecovery, seed: 'recovery', particles: 200, maxGenerations: 5, ...extra };
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  return options as unknown as AbcSmcOptions;
}

/** Everything a result says, as plain data (typed arrays as arrays) for toEqual. */
function plain(r: AbcSmcResult): unknown {
  return JSON.parse(JSON.stringify({ ...r, particles: r.particles.map((p) => [...p]), weights: [...r.weights], distances: [...r.distances], scale: [...r.scale] }));
}

describe('abcSmc: the conjugate toy', () => {
  test('Beta(2, 3) prior, 6 successes in 20: the ABC posterior matches Beta(8, 17)', () => {
    const r = abcSmc({ priors: [{ name: 'p', prior: betaPrior(BETA.a, BETA.b) }], observed: [BETA.y / BETA.n], simulate: binomialShare(BETA.n), seed: 'conjugate', particles: 2000 });
    // y/n is discrete: the tolerance steps down to 0, an exact match, where ABC is exact.
    expect(r.stoppedBy).toBe('tolerance');
    expect(r.tolerance).toBe(0);
    expect(r.distances.every((d) => d === 0)).toBe(true);
    const [s] = summarizePosterior(r);
    // Importance-sampling standard errors from the effective sample size: SE(mean) =
    // σ/√ESS; SE(sd) ≈ σ/√(2·ESS) (normal theory; Beta(8, 17) has excess kurtosis −0.09,
    // so this is slightly conservative).
    expect(r.ess).toBeGreaterThan(1000);
    expect(Math.abs(s!.mean - posteriorMean)).toBeLessThan((Z * posteriorSd) / Math.sqrt(r.ess));
    expect(Math.abs(s!.sd - posteriorSd)).toBeLessThan((Z * posteriorSd) / Math.sqrt(2 * r.ess));
    // Tolerances decrease strictly; every generation is recorded with its simulations.
    for (let g = 1; g < r.generations.length; g++) expect(r.generations[g]!.tolerance).toBeLessThan(r.generations[g - 1]!.tolerance);
    expect(r.generations.reduce((sum, g) => sum + g.simulations, 0)).toBe(r.simulations);
    expect(r.generations[0]).toMatchObject({ generation: 0, acceptanceRate: 1, simulations: 2000 });
    expect(r.generations[0]!.ess).toBeCloseTo(2000, 6);
  });
});

describe('abcSmc: recovery', () => {
  let r: AbcSmcResult;
  let summary: ReturnType<typeof summarizePosterior>;
  beforeAll(() => {
    r = abcSmc(recoveryOptions({ particles: 1000, maxGenerations: 12, minAcceptanceRate: 0.05 }));
    summary = summarizePosterior(r);
  });

  test('the two identified parameters are recovered, much narrower than their priors', () => {
    for (const p of [0, 1]) {
      const s = summary[p]!;
      // The truth within Z posterior sds of the posterior mean (P(miss) ≈ 6e-5 for a
      // calibrated posterior; ABC's tolerance only widens it).
      expect(Math.abs(s.mean - truth[p]!), s.parameter).toBeLessThan(Z * s.sd);
    }
    const checks = priorVsPosterior(recoveryPriors, r);
    // Expected ratios: a 0.2/2.89 ≈ 0.07, b √(0.35·0.65/100)/0.289 ≈ 0.17 (plus ABC's tolerance).
    expect(checks[0]!.ratio).toBeLessThan(0.2);
    expect(checks[1]!.ratio).toBeLessThan(0.35);
    expect(checks[0]!.identified && checks[1]!.identified).toBe(true);
    expect(checks[0]!.warning).toBeUndefined();
  });

  test('the parameter no summary depends on is flagged: its posterior is its prior', () => {
    const [, , c] = priorVsPosterior(recoveryPriors, r);
    // Its posterior sd estimates the prior's 0.2887 within about 1/√(2·ESS) relative.
    expect(r.ess).toBeGreaterThan(300);
    expect(Math.abs(c!.ratio - 1)).toBeLessThan(Z / Math.sqrt(2 * r.ess));
    expect(c!.identified).toBe(false);
    expect(c!.warning).toMatch(/^the data say nothing about c: its posterior sd \(0\.\d+\) is \d+% of its prior sd \(0\.289\)$/);
  });
});

describe('abcSmc: determinism', () => {
  let reference: AbcSmcResult;
  beforeAll(() => {
    reference = abcSmc(recoveryOptions());
  });

  test('the same seed gives the same posterior for any batch size and any order of simulation', () => {
    expect(reference.generations).toHaveLength(5);
    for (const batchSize of [1, 7, 64, 100_000]) {
      expect(plain(abcSmc(recoveryOptions({ batchSize }))), `batchSize ${batchSize}`).toEqual(plain(reference));
    }
    // A runner that simulates a batch backwards (as a pool of workers might finish it).
    const backwards: BatchRunner = (batch: SimulationBatch) => {
      const out = new Float64Array(batch.size * batch.summaryLength);
      for (let i = batch.size - 1; i >= 0; i--) {
        const s = simulateRecovery(batch.thetas.slice(i * batch.dimension, (i + 1) * batch.dimension), new Rng(batch.streams[i]!));
        out.set(s, i * batch.summaryLength);
      }
      return out;
    };
    expect(plain(abcSmc(recoveryOptions({ runBatch: backwards, batchSize: 33 })))).toEqual(plain(reference));
  });

  test('abcSmcAsync with a runner returning Promises gives the same result', async () => {
    const runBatch = (batch: SimulationBatch) =>
      new Promise<Float64Array>((resolve) => {
        const out = new Float64Array(batch.size * batch.summaryLength);
        for (let i = 0; i < batch.size; i++) out.set(simulateRecovery(batch.thetas.subarray(i * 3, i * 3 + 3), new Rng(batch.streams[i]!)), i * 2);
        setTimeout(() => resolve(out), 0);
      });
    const { simulate: _unused, ...rest } = recoveryOptions({ batchSize: 50 });
    expect(plain(await abcSmcAsync({ ...rest, runBatch }))).toEqual(plain(reference));
  });

  test('attempt j of generation g simulates on the stream deriveRng(seed, "abc", g, j, "simulation")', () => {
    const batches: SimulationBatch[] = [];
    const runner: BatchRunner = (batch) => {
      batches.push(batch);
      const out = new Float64Array(batch.size * batch.summaryLength);
      for (let i = 0; i < batch.size; i++) out.set(simulateRecovery(batch.thetas.subarray(i * 3, i * 3 + 3), new Rng(batch.streams[i]!)), i * 2);
      return out;
    };
    abcSmc(recoveryOptions({ simulate: undefined, runBatch: runner, maxGenerations: 2, batchSize: 150 }));
    for (const batch of batches.slice(0, 3)) {
      batch.streams.forEach((stream, i) => expect(stream).toBe(deriveRng('recovery', 'abc', batch.generation, batch.first + i, 'simulation').stream));
    }
    expect(batches.map((b) => [b.generation, b.first])).toContainEqual([1, 0]);
  });

  test('a different seed gives a different posterior', () => {
    expect(abcSmc(recoveryOptions({ seed: 'other' })).particles[0]).not.toEqual(reference.particles[0]);
  });

  test('resuming from a saved state (through JSON) continues exactly where the run left off', () => {
    const states: AbcState[] = [];
    const first = abcSmc(recoveryOptions({ maxGenerations: 3, onGeneration: (s) => states.push(s) }));
    expect(first.stoppedBy).toBe('generations');
    expect(states.map((s) => s.generation)).toEqual([0, 1, 2]);
    expect(first.state).toEqual(states[2]);
    const saved = JSON.parse(JSON.stringify(states[2])) as AbcState;
    const resumed = abcSmc(recoveryOptions({ resume: saved }));
    expect(plain(resumed)).toEqual(plain(reference));
    // From generation 1's state too, with a different batch size.
    expect(plain(abcSmc(recoveryOptions({ resume: JSON.parse(JSON.stringify(states[1])) as AbcState, batchSize: 9 })))).toEqual(plain(reference));
  });

  test('a state is refused for another seed, other priors or other observations', () => {
    const state = abcSmc(recoveryOptions({ maxGenerations: 2 })).state;
    expect(() => abcSmc(recoveryOptions({ resume: state, seed: 'x' }))).toThrow(/^options\.resume\.seed: /);
    expect(() => abcSmc(recoveryOptions({ resume: state, observed: [0, 0] }))).toThrow(/^options\.resume\.observed: /);
    expect(() => abcSmc(recoveryOptions({ resume: state, priors: recoveryPriors.slice(0, 2) }))).toThrow(/^options\.resume\.parameters: /);
    expect(() => abcSmc(recoveryOptions({ resume: { ...state, weights: state.weights.slice(1) } }))).toThrow(/^options\.resume\./);
  });
});

describe('abcSmc: stopping rules', () => {
  test('tolerance: a continuous distance stops at exactly the target tolerance', () => {
    const r = abcSmc(recoveryOptions({ targetTolerance: 0.5, maxGenerations: 50 }));
    expect(r.stoppedBy).toBe('tolerance');
    expect(r.tolerance).toBe(0.5);
    expect(r.generations.slice(0, -1).every((g) => g.tolerance > 0.5)).toBe(true);
    expect(r.distances.every((d) => d <= 0.5)).toBe(true);
  });

  test('acceptance rate: the population that would accept too few is abandoned after particles / rate simulations', () => {
    const r = abcSmc(recoveryOptions({ minAcceptanceRate: 0.2, maxGenerations: 50 }));
    expect(r.stoppedBy).toBe('acceptance-rate');
    for (const g of r.generations) expect(g.acceptanceRate).toBeGreaterThanOrEqual(0.2);
    // The abandoned generation used floor(200 / 0.2) = 1000 simulations.
    expect(r.simulations - r.generations.reduce((sum, g) => sum + g.simulations, 0)).toBe(1000);
  });

  test('budget: never more simulations than allowed, and the last complete population is returned', () => {
    const r = abcSmc(recoveryOptions({ maxSimulations: 2500, maxGenerations: 50, minAcceptanceRate: 0 }));
    expect(r.stoppedBy).toBe('budget');
    expect(r.simulations).toBeLessThanOrEqual(2500);
    expect(r.generation).toBe(r.generations.length - 1);
    // Either a generation was abandoned at the budget, or fewer than 200 were left.
    const used = r.generations.reduce((sum, g) => sum + g.simulations, 0);
    expect(r.simulations === 2500 || 2500 - used < 200).toBe(true);
  });

  test('generations: maxGenerations populations, generation 0 included', () => {
    const r = abcSmc(recoveryOptions({ maxGenerations: 2 }));
    expect(r.stoppedBy).toBe('generations');
    expect(r.generations.map((g) => g.generation)).toEqual([0, 1]);
  });

  test('stalled: when every particle is at the same distance the tolerance cannot decrease', () => {
    const r = abcSmc({ priors: [{ name: 'x', prior: uniformPrior(0, 1) }], observed: [0], scale: [1], simulate: () => [1], seed: 1, particles: 20 });
    expect(r.stoppedBy).toBe('stalled');
    expect(r.tolerance).toBe(1);
  });

  test('aborted: the last complete population is returned (sync and async); before the first one, an AbortError', async () => {
    const controller = new AbortController();
    const r = abcSmc(recoveryOptions({ signal: controller.signal, onGeneration: (s) => s.generation === 2 && controller.abort() }));
    expect(r.stoppedBy).toBe('aborted');
    expect(r.generation).toBe(2);
    const reference = abcSmc(recoveryOptions({ maxGenerations: 3 }));
    expect(r.particles).toEqual(reference.particles);

    const asyncController = new AbortController();
    const ra = await abcSmcAsync(recoveryOptions({ signal: asyncController.signal, onGeneration: (s) => s.generation === 1 && asyncController.abort() }));
    expect(ra.stoppedBy).toBe('aborted');
    expect(ra.generation).toBe(1);

    const early = new AbortController();
    early.abort();
    expect(() => abcSmc(recoveryOptions({ signal: early.signal }))).toThrow(AbortError);
  });

  test('progress is reported after every batch with the tolerance and acceptance rate', () => {
    const seen: { generation: number; tolerance: number; acceptanceRate: number; simulations: number }[] = [];
    const r = abcSmc(recoveryOptions({ batchSize: 50, onProgress: (p) => seen.push(p) }));
    expect(seen[0]).toMatchObject({ generation: 0, tolerance: Infinity, acceptanceRate: 1, simulations: 50 });
    expect(seen.at(-1)!.simulations).toBe(r.simulations);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.simulations).toBeGreaterThan(seen[i - 1]!.simulations);
  });
});

describe('abcSmc: scale and priors', () => {
  test('a summary that never varies is left out of the distance (scale 0)', () => {
    const r = abcSmc({
      priors: [{ name: 'p', prior: betaPrior(2, 3) }],
      observed: [0.3, 5],
      simulate: (theta, rng) => [drawBinomial(rng, 20, theta[0]!) / 20, 7],
      seed: 2,
      particles: 200,
    });
    expect(r.scale[1]).toBe(0);
    expect(r.scale[0]).toBeGreaterThan(0);
    expect(r.stoppedBy).toBe('tolerance');
  });

  test('proposals outside a bounded support are drawn again, never simulated', () => {
    const seen: number[] = [];
    abcSmc({
      priors: [{ name: 'p', prior: uniformPrior(0.2, 0.4) }, { name: 'm', prior: normalPrior(0, 1) }],
      observed: [0.3, 0],
      simulate: (theta, rng) => {
        seen.push(theta[0]!);
        return [drawBinomial(rng, 50, theta[0]!) / 50, theta[1]! + 0.1 * standardNormal(rng)];
      },
      seed: 3,
      particles: 200,
      maxGenerations: 6,
    });
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0.2);
    expect(Math.max(...seen)).toBeLessThanOrEqual(0.4);
  });
});

describe('abcSmc: bad input', () => {
  test('options are checked by field', () => {
    const cases: [Parameters<typeof recoveryOptions>[0], string][] = [
      [{ particles: 1 }, 'options.particles'],
      [{ alpha: 1 }, 'options.alpha'],
      [{ alpha: 0 }, 'options.alpha'],
      [{ minAcceptanceRate: 1 }, 'options.minAcceptanceRate'],
      [{ targetTolerance: -1 }, 'options.targetTolerance'],
      [{ maxSimulations: 100 }, 'options.maxSimulations'],
      [{ maxGenerations: 0 }, 'options.maxGenerations'],
      [{ batchSize: 0 }, 'options.batchSize'],
      [{ observed: [] }, 'options.observed'],
      [{ observed: [1, Number.NaN] }, 'options.observed[1]'],
      [{ scale: [1] }, 'options.scale'],
      [{ scale: [1, 0] }, 'options.scale[1]'],
      [{ priors: [] }, 'options.priors'],
      [{ priors: [recoveryPriors[0]!, { ...recoveryPriors[1]!, name: 'a' }] }, 'options.priors[1].name'],
      [{ priors: [{ name: 'x', prior: { ...uniformPrior(0, 1), support: { low: 1, high: 0 } } }] }, 'options.priors[0].prior.support'],
      [{ seed: Number.NaN }, 'options.seed'],
      [{ simulate: undefined }, 'options.simulate'],
      [{ tolerance: 1 } as never, 'options.tolerance'],
    ];
    for (const [extra, field] of cases) {
      let caught: unknown;
      try {
        abcSmc(recoveryOptions(extra));
      } catch (error) {
        caught = error;
      }
      expect(caught, field).toBeInstanceOf(InvalidParameterError);
      expect((caught as InvalidParameterError).field, field).toBe(field);
    }
  });

  test('a simulator returning the wrong number of summaries, or a non-finite one, is a CalibrationError', () => {
    expect(() => abcSmc(recoveryOptions({ simulate: () => [1] }))).toThrow(CalibrationError);
    expect(() => abcSmc(recoveryOptions({ simulate: () => [1] }))).toThrow(/^simulate: expected 2 summaries/);
    expect(() => abcSmc(recoveryOptions({ simulate: () => [1, Number.NaN] }))).toThrow(/^simulate: expected finite summaries, received NaN as summary 1 of simulation 0 in generation 0$/);
    expect(() => abcSmc(recoveryOptions({ simulate: undefined, runBatch: () => new Float64Array(3) }))).toThrow(/^runBatch: expected /);
  });

  test('a prior drawing outside its own support is a CalibrationError naming it', () => {
    const broken = { ...uniformPrior(0, 1), sample: () => 2 };
    expect(() => abcSmc(recoveryOptions({ priors: [recoveryPriors[0]!, { name: 'b', prior: broken }, recoveryPriors[2]!] }))).toThrow(/^options\.priors\[1\]\.prior: /);
  });

  test('abcSmc refuses a runner that returns a Promise (abcSmcAsync takes it)', () => {
    const runBatch = (() => Promise.resolve(new Float64Array(0))) as unknown as BatchRunner;
    expect(() => abcSmc(recoveryOptions({ simulate: undefined, runBatch }))).toThrow(/^options\.runBatch: /);
  });
});
