/**
 * A worker thread of the replicate pool: builds the kernel once on the shared network,
 * then runs the ranges of replicates it is sent, each on its own stream.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadKernel, type KernelSpec } from '../kernels/registry.js';
import type { ReplicateKernel } from '../monte-carlo/runner.js';
import type { Network } from '../network/types.js';
import { replicateRng, type Seed } from '../random/rng.js';

interface WorkerData {
  network: Network;
  spec: KernelSpec;
  seed: Seed;
}

export type ToWorker = { type: 'run'; from: number; to: number };
export type FromWorker =
  | { type: 'ready'; metrics: number }
  | { type: 'done'; from: number; to: number; rows: Float64Array }
  | { type: 'failed'; replicate: number | null; name: string; message: string; stack: string | undefined };

const port = parentPort!;
const { network, spec, seed } = workerData as WorkerData;

function fail(replicate: number | null, error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  port.postMessage({ type: 'failed', replicate, name: e.name, message: e.message, stack: e.stack } satisfies FromWorker);
}

let kernel: ReplicateKernel;
try {
  kernel = await loadKernel(network, spec);
  port.postMessage({ type: 'ready', metrics: kernel.metricNames.length } satisfies FromWorker);
} catch (error) {
  fail(null, error);
}

port.on('message', (message: ToWorker) => {
  const m = kernel.metricNames.length;
  const rows = new Float64Array((message.to - message.from) * m);
  const row = new Float64Array(m);
  let i = message.from;
  try {
    for (; i < message.to; i++) {
      kernel.run(replicateRng(seed, i), row, i);
      rows.set(row, (i - message.from) * m);
    }
  } catch (error) {
    fail(i, error);
    return;
  }
  port.postMessage({ type: 'done', from: message.from, to: message.to, rows } satisfies FromWorker, [rows.buffer]);
});
