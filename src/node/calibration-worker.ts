/**
 * A worker thread of the calibration pool: builds the calibration's simulator once on the
 * shared network, then simulates the proposals it is sent, each on its own named stream.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CalibrationSimulator, type CalibrationModelSpec } from '../calibration/model.js';
import type { Network } from '../network/types.js';
import { Rng } from '../random/rng.js';

interface WorkerData {
  network: Network;
  spec: CalibrationModelSpec;
}

export type ToCalibrationWorker = { type: 'run'; id: number; dimension: number; thetas: Float64Array; streams: string[] };
export type FromCalibrationWorker =
  | { type: 'ready'; summaries: number }
  | { type: 'done'; id: number; rows: Float64Array }
  | { type: 'failed'; id: number | null; index: number; name: string; message: string; stack: string | undefined };

const port = parentPort!;
const { network, spec } = workerData as WorkerData;

function fail(id: number | null, index: number, error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  port.postMessage({ type: 'failed', id, index, name: e.name, message: e.message, stack: e.stack } satisfies FromCalibrationWorker);
}

let simulator: CalibrationSimulator;
try {
  simulator = new CalibrationSimulator(network, spec);
  port.postMessage({ type: 'ready', summaries: simulator.summaryLength } satisfies FromCalibrationWorker);
} catch (error) {
  fail(null, 0, error);
}

port.on('message', (message: ToCalibrationWorker) => {
  const k = simulator.summaryLength;
  const d = message.dimension;
  const n = message.streams.length;
  const rows = new Float64Array(n * k);
  let i = 0;
  try {
    for (; i < n; i++) simulator.simulate(message.thetas.subarray(i * d, (i + 1) * d), new Rng(message.streams[i]!), rows.subarray(i * k, (i + 1) * k));
  } catch (error) {
    fail(message.id, i, error);
    return;
  }
  port.postMessage({ type: 'done', id: message.id, rows } satisfies FromCalibrationWorker, [rows.buffer]);
});
