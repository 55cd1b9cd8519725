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
}

/** A run's kernel spec and seed (sent once per run), then the chunks of its replicates. */
export type ToWorker = { type: 'kernel'; key: number; spec: KernelSpec; seed: Seed } | { type: 'run'; key: number; from: number; to: number };
export type FromWorker =
  | { type: 'ready'; key: number; metrics: number }
  | { type: 'done'; key: number; from: number; to: number; rows: Float64Array }
  | { type: 'failed'; key: number; replicate: number | null; name: string; message: string; stack: string | undefined };

const port = parentPort!;
const { network } = workerData as WorkerData;

function fail(key: number, replicate: number | null, error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  port.postMessage({ type: 'failed', key, replicate, name: e.name, message: e.message, stack: e.stack } satisfies FromWorker);
}

let kernel: ReplicateKernel | undefined;
let seed: Seed = 0;
let row = new Float64Array(0);

port.on('message', (message: ToWorker) => {
  if (message.type === 'kernel') {
    // The pool sends a run's chunks only after this worker said it is ready for that run.
    kernel = undefined;
    loadKernel(network, message.spec).then(
      (built) => {
        kernel = built;
        seed = message.seed;
        row = new Float64Array(built.metricNames.length);
        port.postMessage({ type: 'ready', key: message.key, metrics: built.metricNames.length } satisfies FromWorker);
      },
      (error: unknown) => fail(message.key, null, error),
    );
    return;
  }
  const k = kernel!;
  const m = k.metricNames.length;
  const rows = new Float64Array((message.to - message.from) * m);
  let i = message.from;
  try {
    for (; i < message.to; i++) {
      k.run(replicateRng(seed, i), row, i);
      rows.set(row, (i - message.from) * m);
    }
  } catch (error) {
    fail(message.key, i, error);
    return;
  }
  port.postMessage({ type: 'done', key: message.key, from: message.from, to: message.to, rows } satisfies FromWorker, [rows.buffer]);
});
