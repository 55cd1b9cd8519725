/**
 * hearsay/node: the Node-only layer — worker threads for replicates on every core.
 * Everything in the main entry works without it (browsers, Deno).
 */
import type { KernelSpec } from '../kernels/registry.js';
import type { MonteCarloResult } from '../monte-carlo/runner.js';
import type { Network } from '../network/types.js';
import { runReplicatesParallel as runPool, type ParallelOptions } from './pool.js';
import type { CalibrationResult, CalibrationScenario } from '../calibration/calibrate.js';
import type { Observations } from '../calibration/observations.js';
import { calibrateParallel as calibrateInPool, type CalibrateParallelOptions } from './calibration.js';

/** The worker script built beside this entry (dist/node/worker.js). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Runs a kernel's replicates on worker threads, bit-identical to a single-threaded run
 * for the same seed, whatever the number of workers.
 *
 * @example
 * import { barabasiAlbert } from 'hearsay';
 * import { runReplicatesParallel } from 'hearsay/node';
 * const network = barabasiAlbert({ size: 1_000_000, edgesPerPerson: 5, seed: 1 });
 * const result = await runReplicatesParallel(network,
 *   { kind: 'independent-cascade', options: { probability: 0.1, tellers: { count: 5 } } },
 *   { seed: 42, replicates: 1000, workers: 2 });
 * result.summary.reached.mean;
 */
export function runReplicatesParallel(network: Network, spec: KernelSpec, options: ParallelOptions): Promise<MonteCarloResult> {
  return runPool(network, spec, { workerUrl: WORKER_URL, ...options });
}

/** The calibration's worker script, built beside this entry (dist/node/calibration-worker.js). */
const CALIBRATION_WORKER_URL = new URL('./calibration-worker.js', import.meta.url);

/**
 * Calibrates a scenario to observed months with the particles simulated on worker threads
 * (see `calibrate` in the main entry): the same seed gives the same posterior for any
 * number of workers.
 *
 * @example
 * import { parseObservations } from 'hearsay';
 * import { calibrateParallel } from 'hearsay/node';
 * const fit = await calibrateParallel(scenario, parseObservations(csv, 'shop.csv'),
 *   { policy, projection: { months: 24 }, seed: 1, workers: 2, budget: 20_000 });
 */
export function calibrateParallel(scenario: CalibrationScenario, observations: Observations, options: Omit<CalibrateParallelOptions, 'workerUrl'>): Promise<CalibrationResult> {
  return calibrateInPool(scenario, observations, { workerUrl: CALIBRATION_WORKER_URL, ...options });
}

export { defaultWorkers } from './pool.js';
export { calibrationPool } from './calibration.js';
export type { CalibrateParallelOptions, CalibrationPool } from './calibration.js';
export type { ParallelOptions } from './pool.js';
export { networkForWorkers, shareNetwork } from './share.js';
