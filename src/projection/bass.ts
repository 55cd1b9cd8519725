/**
 * Adoption through marketing and word of mouth on a network, in small time steps: the
 * stochastic, networked form of the Bass (1969) diffusion model. Each person who has
 * not adopted adopts during a step of length Δt with probability
 *
 *     1 − exp(−(p + q·a)·Δt)
 *
 * where p is the innovation rate (marketing, per year), q the imitation rate (word of
 * mouth, per year) and a the trust-weighted share of the people who can tell them
 * (their in-neighbours) who have adopted. On a complete network a is the adopted share
 * F, and as the network grows and Δt shrinks the expected share follows Bass's
 * dF/dt = (p + qF)(1 − F), whose solution is {@link bassAdoption}. The tests check that.
 */
import { InvalidParameterError } from '../errors.js';
import { runReplicatesSync, type MonteCarloResult, type ReplicateKernel, type ReplicateRange } from '../monte-carlo/runner.js';
import type { Network } from '../network/types.js';
import { Sfc32 } from '../random/fast.js';
import type { Rng, Seed } from '../random/rng.js';
import { rejectUnknownKeys, requireInteger, requireNumberIn, requireObject } from '../validate.js';
import type { QuantileBand } from '../monte-carlo/summary.js';

/**
 * The Bass adoption curve F(t) = (1 − e^−(p+q)t) / (1 + (q/p)·e^−(p+q)t), the share
 * adopted by time t (years) with innovation p and imitation q per year (Bass 1969).
 *
 * @example
 * bassAdoption(5, 0.03, 0.38);  // 0.3312…  (Sultan, Farley & Lehmann 1990 averages)
 * bassAdoption(10, 0.03, 0.38); // 0.8128…
 */
export function bassAdoption(t: number, innovation: number, imitation: number): number {
  requireNumberIn('t', t, 0, Infinity);
  const p = requireNumberIn('innovation', innovation, 0, Infinity, { minExclusive: true });
  const q = requireNumberIn('imitation', imitation, 0, Infinity);
  const decay = Math.exp(-(p + q) * t);
  return (1 - decay) / (1 + (q / p) * decay);
}

export interface BassOptions {
  /** p: the rate at which a person adopts on their own (marketing), per year, ≥ 0. */
  readonly innovation: number;
  /** q: the rate of adopting through word of mouth when everyone they listen to has adopted, per year, ≥ 0. */
  readonly imitation: number;
  /** Years simulated. Default 10. */
  readonly years?: number;
  /** Time steps per year (Δt = 1/stepsPerYear). Default 100. */
  readonly stepsPerYear?: number;
  readonly seed: Seed;
  readonly replicates: number | ReplicateRange;
}

/** The adopted share at one time, summarised over replicates. */
export interface BassRow extends QuantileBand {
  readonly year: number;
  readonly step: number;
  readonly se: number | null;
}

export interface BassResult {
  /** The seed as given (a number stays a number). */
  readonly seed: Seed;
  readonly replicates: number;
  readonly years: number;
  readonly stepsPerYear: number;
  /** One row per step, from year 0. */
  readonly rows: readonly BassRow[];
  readonly result: MonteCarloResult;
}

/** One replicate of the networked Bass model: columns `adopted.0` … `adopted.S` (shares). */
export class BassKernel implements ReplicateKernel {
  readonly metricNames: readonly string[];
  readonly network: Network;
  readonly innovation: number;
  readonly imitation: number;
  readonly steps: number;
  readonly dt: number;
  readonly #gen = new Sfc32();
  readonly #adopted: Uint8Array;
  readonly #pressure: Float64Array;
  readonly #inTrust: Float64Array;
  readonly #waiting: Int32Array;
  readonly #fresh: Int32Array;

  constructor(network: Network, innovation: number, imitation: number, steps: number, dt: number) {
    this.network = network;
    this.innovation = innovation;
    this.imitation = imitation;
    this.steps = steps;
    this.dt = dt;
    this.metricNames = Array.from({ length: steps + 1 }, (_, s) => `adopted.${s}`);
    const n = network.size;
    this.#adopted = new Uint8Array(n);
    this.#pressure = new Float64Array(n);
    this.#waiting = new Int32Array(n);
    this.#fresh = new Int32Array(n);
    // Σ trust over the arcs into each person: whoever can tell them something.
    this.#inTrust = new Float64Array(n);
    const { neighbors, trust } = network;
    for (let a = 0; a < neighbors.length; a++) this.#inTrust[neighbors[a]!]! += trust[a]!;
  }

  run(rng: Rng, out: Float64Array): void {
    const n = this.network.size;
    const { offsets, neighbors, trust } = this.network;
    const gen = this.#gen;
    gen.seedFrom(rng);
    const adopted = this.#adopted;
    const pressure = this.#pressure;
    const inTrust = this.#inTrust;
    const waiting = this.#waiting;
    const fresh = this.#fresh;
    adopted.fill(0);
    pressure.fill(0);
    let waitingCount = n;
    for (let i = 0; i < n; i++) waiting[i] = i;
    const p = this.innovation;
    const q = this.imitation;
    const dt = this.dt;
    let adoptedCount = 0;
    out[0] = 0;
    for (let step = 1; step <= this.steps; step++) {
      // Everyone decides on the state at the start of the step, then adoptions apply.
      let freshCount = 0;
      for (let k = 0; k < waitingCount; k++) {
        const v = waiting[k]!;
        const share = inTrust[v]! > 0 ? pressure[v]! / inTrust[v]! : 0;
        const chance = 1 - Math.exp(-(p + q * share) * dt);
        if (gen.nextFloat() < chance) fresh[freshCount++] = k;
      }
      // Remove from the back so earlier positions stay valid.
      for (let f = freshCount - 1; f >= 0; f--) {
        const k = fresh[f]!;
        const u = waiting[k]!;
        waiting[k] = waiting[--waitingCount]!;
        adopted[u] = 1;
        adoptedCount++;
        for (let a = offsets[u]!; a < offsets[u + 1]!; a++) pressure[neighbors[a]!]! += trust[a]!;
      }
      out[step] = n > 0 ? adoptedCount / n : 0;
    }
  }
}

/**
 * Simulates adoption through marketing (innovation p) and word of mouth (imitation q)
 * on the network, in steps of 1/stepsPerYear years, and returns the adopted share over
 * time summarised over replicates. On a complete network it reproduces the Bass curve
 * ({@link bassAdoption}); on a clustered one, word of mouth saturates inside groups and
 * adoption is slower.
 *
 * @example
 * const r = simulateBass(network, { innovation: 0.03, imitation: 0.38, years: 10, seed: 1, replicates: 20 });
 * r.rows.find((row) => row.year === 5)!.mean; // ≈ 0.33 on a large complete network
 */
export function simulateBass(network: Network, options: BassOptions): BassResult {
  if (typeof network !== 'object' || network === null || !(network.offsets instanceof Int32Array)) {
    throw new InvalidParameterError('network', 'a Network (from a generator, parseEdgeList or fromGraphology)', network);
  }
  requireObject('options', options);
  rejectUnknownKeys('options', options, ['innovation', 'imitation', 'years', 'stepsPerYear', 'seed', 'replicates']);
  const p = requireNumberIn('options.innovation', options.innovation, 0, 1000);
  const q = requireNumberIn('options.imitation', options.imitation, 0, 1000);
  const years = requireNumberIn('options.years', options.years ?? 10, 0, 1000, { minExclusive: true });
  const stepsPerYear = requireInteger('options.stepsPerYear', options.stepsPerYear ?? 100, 1, 100_000);
  const steps = Math.round(years * stepsPerYear);
  if (Math.abs(steps - years * stepsPerYear) > 1e-9 || steps > 1_000_000) {
    throw new InvalidParameterError('options.years', `a whole number of steps (years × stepsPerYear = ${years * stepsPerYear}), at most 10^6`, years);
  }
  const kernel = new BassKernel(network, p, q, steps, 1 / stepsPerYear);
  const result = runReplicatesSync(kernel, { seed: options.seed, replicates: options.replicates });
  const rows: BassRow[] = kernel.metricNames.map((name, step) => {
    const s = result.summary[name]!;
    return { year: step / stepsPerYear, step, mean: s.mean, se: s.se, p05: s.p05, p25: s.p25, p50: s.p50, p75: s.p75, p95: s.p95 };
  });
  return { seed: result.seed, replicates: result.replicates, years, stepsPerYear, rows, result };
}
