/**
 * Calibration on worker threads: a pool of workers, each with the calibration's simulator
 * built once on the shared network, simulates the engine's batches. Every proposal is
 * simulated on its own named stream and its summaries are put back at its own row, so the
 * posterior is identical for any number of workers (and to a run on this thread).
 */
import { Worker } from 'node:worker_threads';
import { calibrateAsync, localRunner, type CalibrateOptions, type CalibrationResult, type CalibrationScenario, type PreparedCalibration } from '../calibration/calibrate.js';
import type { AsyncBatchRunner, SimulationBatch } from '../calibration/abc-smc.js';
import { CalibrationSimulator, type CalibrationModelSpec } from '../calibration/model.js';
import type { Observations } from '../calibration/observations.js';
import { InvalidParameterError } from '../errors.js';
import type { Network } from '../network/types.js';
import { Rng } from '../random/rng.js';
import { requireInteger } from '../validate.js';
import type { FromCalibrationWorker } from './calibration-worker.js';
import { networkForWorkers } from './share.js';

/** A batch runner on worker threads; `close()` terminates them. */
export interface CalibrationPool {
  readonly runBatch: AsyncBatchRunner;
  readonly workers: number;
  close(): Promise<void>;
}

/**
 * Starts `workers` worker threads that simulate a calibration's batches (0: on this
 * thread). Each batch is cut into about four chunks per worker, handed out as workers
 * free up; the rows come back in proposal order whatever the scheduling.
 */
export async function calibrationPool(network: Network, spec: CalibrationModelSpec, options: { readonly workers: number; readonly workerUrl: URL }): Promise<CalibrationPool> {
  const count = requireInteger('workers', options.workers, 0, 256);
  if (count === 0) {
    const runBatch = localRunner(new CalibrationSimulator(network, spec), (stream) => new Rng(stream));
    return { runBatch, workers: 0, close: async () => {} };
  }
  const shared = networkForWorkers(network);
  const pool: Worker[] = [];
  const idle: Worker[] = [];
  let summaries = -1;
  /** The batch under way: its chunks, their results, and how to settle it. */
  let current:
    | {
        batch: SimulationBatch;
        out: Float64Array;
        chunks: Array<{ from: number; to: number }>;
        next: number;
        pending: number;
        failure: { index: number; error: Error } | undefined;
        resolve: (out: Float64Array) => void;
        reject: (error: unknown) => void;
      }
    | undefined;
  let broken: Error | undefined;

  const dispatch = () => {
    const c = current;
    if (c === undefined) return;
    while (idle.length > 0 && c.next < c.chunks.length && c.failure === undefined) {
      const worker = idle.pop()!;
      const id = c.next++;
      const { from, to } = c.chunks[id]!;
      const d = c.batch.dimension;
      c.pending++;
      worker.postMessage({ type: 'run', id, dimension: d, thetas: c.batch.thetas.slice(from * d, to * d), streams: c.batch.streams.slice(from, to) });
    }
    if (c.pending === 0 && (c.next === c.chunks.length || c.failure !== undefined)) {
      current = undefined;
      if (c.failure !== undefined) c.reject(c.failure.error);
      else c.resolve(c.out);
    }
  };
  const breakAll = (error: Error) => {
    broken ??= error;
    const c = current;
    current = undefined;
    c?.reject(error);
  };

  await new Promise<void>((resolve, reject) => {
    let ready = 0;
    for (let w = 0; w < count; w++) {
      const worker = new Worker(options.workerUrl, { workerData: { network: shared, spec } });
      pool.push(worker);
      worker.on('message', (message: FromCalibrationWorker) => {
        if (message.type === 'ready') {
          summaries = message.summaries;
          idle.push(worker);
          if (++ready === count) resolve();
          return;
        }
        if (message.type === 'failed' && message.id === null) {
          const error = Object.assign(new Error(message.message), { name: message.name });
          reject(error);
          breakAll(error);
          return;
        }
        const c = current;
        idle.push(worker);
        if (c === undefined) return;
        c.pending--;
        const { from } = c.chunks[message.id ?? 0]!;
        if (message.type === 'done') c.out.set(message.rows, from * c.batch.summaryLength);
        else {
          // The lowest failing proposal wins, as a single thread would have met it first.
          const index = from + message.index;
          const error = Object.assign(new Error(message.message), { name: message.name, stack: message.stack });
          if (c.failure === undefined || index < c.failure.index) c.failure = { index, error };
        }
        dispatch();
      });
      worker.on('error', (error) => {
        reject(error);
        breakAll(error);
      });
      worker.on('exit', (code) => {
        if (code !== 0) breakAll(new Error(`a calibration worker stopped with exit code ${code}`));
      });
    }
  });

  const runBatch: AsyncBatchRunner = (batch) =>
    new Promise<Float64Array>((resolve, reject) => {
      if (broken !== undefined) return reject(broken);
      if (current !== undefined) return reject(new InvalidParameterError('runBatch', 'one batch at a time', 'a second batch'));
      if (batch.summaryLength !== summaries) return reject(new InvalidParameterError('batch.summaryLength', `${summaries} (the simulator's summaries)`, batch.summaryLength));
      const size = Math.max(1, Math.ceil(batch.size / (4 * count)));
      const chunks: Array<{ from: number; to: number }> = [];
      for (let from = 0; from < batch.size; from += size) chunks.push({ from, to: Math.min(batch.size, from + size) });
      current = { batch, out: new Float64Array(batch.size * batch.summaryLength), chunks, next: 0, pending: 0, failure: undefined, resolve, reject };
      dispatch();
    });
  return {
    runBatch,
    workers: count,
    close: async () => {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}

/** Options of {@link calibrateParallel}: those of calibrate, and the worker threads. */
export interface CalibrateParallelOptions extends CalibrateOptions {
  /** Worker threads (0: this thread). */
  readonly workers: number;
  /** The worker script; `hearsay/node` fills in its own. */
  readonly workerUrl?: URL;
}

/**
 * {@link calibrateAsync} with the particles simulated on worker threads. The same seed
 * gives the same posterior for any number of workers.
 */
export async function calibrateParallel(scenario: CalibrationScenario, observations: Observations, options: CalibrateParallelOptions): Promise<CalibrationResult> {
  const { workers, workerUrl, ...rest } = options;
  if (workerUrl === undefined) throw new InvalidParameterError('workerUrl', 'the URL of the calibration worker script', workerUrl);
  let pool: Promise<CalibrationPool> | undefined;
  const runBatch = (prepared: PreparedCalibration): AsyncBatchRunner => async (batch) => {
    pool ??= calibrationPool(scenario.network, prepared.spec, { workers, workerUrl });
    return (await pool).runBatch(batch);
  };
  try {
    return await calibrateAsync(scenario, observations, { ...rest, runBatch });
  } finally {
    await pool?.then(
      (p) => p.close(),
      () => {},
    );
  }
}
