/**
 * Running a kernel spec from the CLI: on worker threads (--workers N, default the cores
 * available) or on this thread (--workers 0), with progress on stderr.
 */
import { availableParallelism } from 'node:os';
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError } from 'commander';
import { loadKernel, type KernelSpec } from '../kernels/registry.js';
import { runReplicates, type MonteCarloResult, type ReplicateRange } from '../monte-carlo/runner.js';
import type { Network } from '../network/types.js';
import { ReplicatePool, runReplicatesParallel } from '../node/pool.js';
import { runFingerprint } from '../monte-carlo/fingerprint.js';
import type { Seed } from '../random/rng.js';

/** The worker script, built beside the CLI at dist/node/worker.js. */
const WORKER_URL = new URL('../node/worker.js', import.meta.url);

export function workersArg(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n > 256) {
    throw new InvalidArgumentError('expected a whole number of worker threads from 0 (no workers) to 256.');
  }
  return n;
}

export const DEFAULT_WORKERS = availableParallelism();

export interface RunFlags {
  readonly seed: Seed;
  readonly replicates: number | ReplicateRange;
  readonly workers: number;
  readonly samples: boolean;
  readonly quiet?: boolean;
  /** Report progress here instead of drawing it (the caller draws). */
  readonly onProgress?: (done: number, total: number) => void;
}

export async function runSpec(network: Network, spec: KernelSpec, flags: RunFlags): Promise<MonteCarloResult> {
  const progress = progressReporter(flags.quiet ?? false);
  const common = { seed: flags.seed, replicates: flags.replicates, samples: flags.samples, onProgress: flags.onProgress ?? progress.update };
  try {
    if (flags.workers === 0) return await runReplicates(await loadKernel(network, spec), common);
    return await runReplicatesParallel(network, spec, { ...common, workers: flags.workers, workerUrl: WORKER_URL });
  } finally {
    progress.done();
  }
}

/**
 * Runs many kernel specs on one network (a scenario's comparison, break-even,
 * sensitivity, projection; a sweep's steps) on worker threads started once: `run` starts
 * them on the first call and keeps them while the network stays the same (the same object,
 * or the same content: {@link runFingerprint}); `close` stops them. With
 * 0 workers, everything runs on this thread. Same numbers either way.
 */
export function pooledRunner(workers: number) {
  let pool: { network: Network; key: string; pool: ReplicatePool } | undefined;
  const close = async () => {
    const open = pool;
    pool = undefined;
    await open?.pool.close();
  };
  return {
    async run(
      network: Network,
      spec: KernelSpec,
      options: { readonly seed: Seed; readonly replicates: number | ReplicateRange; readonly samples: boolean; readonly onProgress?: (done: number, total: number) => void },
    ): Promise<MonteCarloResult> {
      const common = { seed: options.seed, replicates: options.replicates, samples: options.samples, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) };
      if (workers === 0) return runReplicates(await loadKernel(network, spec), common);
      if (pool?.network !== network) {
        // A sweep builds each step's network anew: the same people and ties keep the threads.
        const key = runFingerprint(network, null);
        if (pool?.key === key) pool.network = network;
        else {
          await close();
          pool = { network, key, pool: new ReplicatePool(network, { workers, workerUrl: WORKER_URL }) };
        }
      }
      return pool.pool.run(spec, common);
    },
    close,
  };
}

/**
 * Progress on stderr, never on stdout, only once a run has taken a second: on a terminal
 * a bar (cli-progress) redrawn in place, one per stage; otherwise a plain line at most
 * every 10% of the way, which logs and CI keep readable.
 */
export function progressReporter(
  quiet: boolean,
  { now = Date.now, stream = process.stderr }: { readonly now?: () => number; readonly stream?: NodeJS.WritableStream & { readonly isTTY?: boolean } } = {},
) {
  const started = now();
  const tty = stream.isTTY === true;
  let bar: SingleBar | null = null;
  let lastTenth = -1;
  let lastStage = '';
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    update(done: number, total: number, stage = 'replicates') {
      if (stage !== lastStage) {
        stop();
        lastStage = stage;
        lastTenth = -1;
      }
      if (quiet || now() - started < 1000) return;
      if (tty) {
        if (bar === null) {
          bar = new SingleBar(
            { stream, format: `${stage.padEnd(11)} [{bar}] {value}/{total} replicates ({percentage}%) · eta {eta_formatted}`, hideCursor: true, clearOnComplete: false },
            Presets.shades_classic,
          );
          bar.start(total, done);
        } else bar.update(done);
        return;
      }
      const percent = Math.floor((100 * done) / total);
      if (Math.floor(percent / 10) > lastTenth) {
        lastTenth = Math.floor(percent / 10);
        stream.write(`hearsay: ${stage}: ${done}/${total} replicates (${percent}%)\n`);
      }
    },
    done() {
      stop();
    },
  };
}
