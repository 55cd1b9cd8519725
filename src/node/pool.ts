/**
 * Replicates on all cores: worker threads share the network through SharedArrayBuffers,
 * and replicate i always runs on the stream (seed, i), so the result is bit-identical to
 * a single-threaded run whatever the number of workers and however the chunks fall.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AbortError, InvalidParameterError, ReplicateError } from '../errors.js';
import { buildKernel, loadKernel, specWithIndexTellers, type KernelSpec } from '../kernels/registry.js';
import {
  resolveRange,
  resultFromColumns,
  runReplicates,
  type AbortSignalLike,
  type MonteCarloResult,
  type ReplicateRange,
} from '../monte-carlo/runner.js';
import type { Network } from '../network/types.js';
import { seedKey, type Seed } from '../random/rng.js';
import { requireInteger } from '../validate.js';
import { networkForWorkers } from './share.js';
import type { FromWorker, ToWorker } from './worker.js';

export interface ParallelOptions {
  readonly seed: Seed;
  readonly replicates: number | ReplicateRange;
  /** Worker threads; default: the cores available. 0 runs on this thread (no workers). */
  readonly workers?: number;
  readonly samples?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignalLike & {
    addEventListener?: (type: 'abort', listener: () => void) => void;
    removeEventListener?: (type: 'abort', listener: () => void) => void;
  };
  /** Replicates per message; default about total / (16 × workers), at least 1. */
  readonly chunkSize?: number;
  /** The worker script; `hearsay/node` fills in its own dist/node/worker.js. */
  readonly workerUrl?: URL;
}

/** The number of cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Runs a kernel's replicates on worker threads. Same numbers as `runReplicates` on one
 * thread. A failing replicate rejects with a {@link ReplicateError} naming the lowest
 * failing replicate, whatever the scheduling (see {@link ReplicatePool.run}); an
 * AbortSignal stops every worker at once with an {@link AbortError}; workers are always
 * terminated before the promise settles.
 */
export async function runReplicatesParallel(network: Network, spec: KernelSpec, options: ParallelOptions): Promise<MonteCarloResult> {
  seedKey(options.seed);
  const range = resolveRange(options.replicates);
  const workers = requireInteger('workers', options.workers ?? defaultWorkers(), 0, 256);
  if (workers === 0) {
    const kernel = await loadKernel(network, spec);
    return runReplicates(kernel, {
      seed: options.seed,
      replicates: range,
      samples: options.samples ?? false,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
  if (options.workerUrl === undefined) throw new InvalidParameterError('workerUrl', 'the URL of the worker script', options.workerUrl);
  const pool = new ReplicatePool(network, { workers: Math.min(workers, range.to - range.from), workerUrl: options.workerUrl });
  try {
    return await pool.run(spec, options);
  } finally {
    await pool.close();
  }
}

/** The kernel spec and seed a run sends its workers once, with a key that names them. */
type Job = { readonly key: number; readonly spec: KernelSpec; readonly seed: Seed };

/**
 * Worker threads started once on a network and kept for many runs: each run sends its
 * kernel spec (any spec on that network: a comparison at another fee, a projection, …),
 * so a study of many small runs (a break-even's bisection, a sensitivity's swings) pays
 * for starting threads and sharing the network once. Runs are one at a time.
 */
export class ReplicatePool {
  readonly #network: Network;
  readonly #workers: Worker[] = [];
  readonly #count: number;
  readonly #workerUrl: URL;
  #started = false;
  #closed = false;
  #busy = false;
  #key = 0;
  /** Per worker: its message handler for the run in progress. */
  readonly #handlers = new Map<Worker, (message: FromWorker) => void>();
  #onFailure: (error: Error) => void = () => {};

  constructor(network: Network, options: { readonly workers: number; readonly workerUrl: URL }) {
    this.#network = network;
    this.#count = requireInteger('workers', options.workers, 1, 256);
    this.#workerUrl = options.workerUrl;
  }

  #start(): void {
    if (this.#started) return;
    this.#started = true;
    const shared = networkForWorkers(this.#network);
    for (let w = 0; w < this.#count; w++) {
      const worker = new Worker(this.#workerUrl, { workerData: { network: shared } });
      this.#workers.push(worker);
      worker.on('message', (message: FromWorker) => this.#handlers.get(worker)?.(message));
      worker.on('error', (error) => this.#onFailure(error));
      worker.on('exit', (code) => {
        if (this.#closed) return;
        // A pool that lost a worker runs nothing more.
        this.#closed = true;
        this.#onFailure(new Error(`a worker thread stopped with exit code ${code}`));
      });
    }
  }

  /**
   * Runs a kernel's replicates on the pool's workers. Which failure is reported: once a
   * chunk reports a failure, no further chunk is handed out, the chunks already in flight
   * are awaited, and the lowest failing index among all reports wins. That is the lowest
   * failing replicate of the whole run: chunks are handed out in increasing order, so
   * every replicate below a failing one was either in a chunk that has already reported
   * (its failure, if any, is recorded) or in a chunk still in flight (awaited); a worker
   * stops a chunk at its first failure, and replicates in chunks never handed out all lie
   * above it. So the error is the one a single thread would raise. A failed or aborted
   * run closes the pool.
   */
  async run(spec: KernelSpec, options: Omit<ParallelOptions, 'workers' | 'workerUrl'>): Promise<MonteCarloResult> {
    if (this.#closed) throw new Error('the worker pool is closed');
    if (this.#busy) throw new Error('the worker pool runs one study at a time');
    seedKey(options.seed);
    const range = resolveRange(options.replicates);
    const total = range.to - range.from;
    // Validate the spec here, where the user's ids still exist, so errors name them.
    const metricNames = spec.kind === 'module' ? (await loadKernel(this.#network, spec)).metricNames : buildKernel(this.#network, spec).metricNames;
    const m = metricNames.length;
    const count = Math.min(this.#count, total);
    const chunk = options.chunkSize === undefined ? Math.max(1, Math.ceil(total / (16 * count))) : requireInteger('chunkSize', options.chunkSize, 1, 1e9);
    const job: Job = { key: ++this.#key, spec: specWithIndexTellers(this.#network, spec), seed: options.seed };
    const columns = metricNames.map(() => new Float64Array(total));
    const started = Date.now();
    if (options.signal?.aborted) throw new AbortError('the run was aborted before it started');
    this.#busy = true;
    this.#start();
    const onAbortOutside = () => abortRun();
    let abortRun: () => void = () => {};
    let next = range.from;
    let done = 0;
    let lastReport = 0;
    /** Chunks handed out whose worker has not reported yet (at most one per worker). */
    let inFlight = 0;
    /** The lowest failing replicate reported so far; once set, no new chunk is handed out. */
    let failure: { readonly replicate: number; readonly error: Error } | undefined;
    let ok = false;
    try {
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const finish = (error?: unknown) => {
          if (settled) return;
          settled = true;
          if (error === undefined) resolve();
          else reject(error);
        };
        const onAbort = () => finish(new AbortError(`the run was aborted after ${done} of ${total} replicates`));
        abortRun = onAbort;
        this.#onFailure = (error) => finish(error);
        options.signal?.addEventListener?.('abort', onAbortOutside);
        const send = (worker: Worker) => {
          if (failure !== undefined || next >= range.to) return false;
          const from = next;
          const to = Math.min(range.to, from + chunk);
          next = to;
          inFlight++;
          worker.postMessage({ type: 'run', key: job.key, from, to } satisfies ToWorker);
          return true;
        };
        const failAt = (replicate: number, error: Error) => {
          if (failure === undefined || replicate < failure.replicate) failure = { replicate, error };
        };
        /** A worker's chunk has reported (finished or failed): settle, or hand it the next chunk. */
        const chunkReported = (worker: Worker) => {
          inFlight--;
          if (failure !== undefined) {
            if (inFlight === 0) finish(failure.error);
          } else if (done === total) finish();
          else if (options.signal?.aborted) onAbort();
          else send(worker);
        };
        const handler = (worker: Worker) => (message: FromWorker) => {
          if (settled || message.key !== job.key) return;
          if (message.type === 'ready') {
            if (message.metrics !== m) finish(new Error(`worker built a kernel with ${message.metrics} metrics, expected ${m}`));
            else send(worker);
          } else if (message.type === 'done') {
            const rows = message.rows;
            rows: for (let i = message.from; i < message.to; i++) {
              const base = (i - message.from) * m;
              for (let j = 0; j < m; j++) {
                const v = rows[base + j]!;
                if (!Number.isFinite(v)) {
                  // The chunk's first bad replicate; the rest of it does not matter.
                  failAt(i, new ReplicateError(i, new InvalidParameterError(metricNames[j]!, 'a finite number', v)));
                  break rows;
                }
                columns[j]![i - range.from] = v;
              }
            }
            if (failure === undefined) {
              done += message.to - message.from;
              if (options.onProgress && (done === total || Date.now() - lastReport >= 100)) {
                lastReport = Date.now();
                options.onProgress(done, total);
              }
            }
            chunkReported(worker);
          } else {
            const cause = Object.assign(new Error(message.message), { name: message.name, stack: message.stack });
            // A kernel that cannot even be built names no replicate: nothing to wait for.
            if (message.replicate === null) finish(cause);
            else {
              failAt(message.replicate, new ReplicateError(message.replicate, cause));
              chunkReported(worker);
            }
          }
        };
        for (let w = 0; w < count; w++) {
          const worker = this.#workers[w]!;
          this.#handlers.set(worker, handler(worker));
          worker.postMessage({ type: 'kernel', ...job } satisfies ToWorker);
        }
      });
      ok = true;
    } finally {
      options.signal?.removeEventListener?.('abort', onAbortOutside);
      this.#handlers.clear();
      this.#onFailure = () => {};
      this.#busy = false;
      // A run that failed or was aborted may have left workers busy: stop them all.
      if (!ok) await this.close();
    }
    return resultFromColumns(metricNames, options.seed, range, columns, options.samples ?? false, Date.now() - started);
  }

  /** Terminates every worker; the pool cannot run again. */
  async close(): Promise<void> {
    this.#closed = true;
    const workers = this.#workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
