/**
 * Running a kernel spec from the CLI: on worker threads (--workers N, default the cores
 * available) or on this thread (--workers 0), with progress on stderr.
 */
import { availableParallelism } from 'node:os';
import { InvalidArgumentError } from 'commander';
import { loadKernel, type KernelSpec } from '../monte-carlo/kernels.js';
import { runReplicates, type MonteCarloResult, type ReplicateRange } from '../monte-carlo/runner.js';
import type { Network } from '../network/types.js';
import { runReplicatesParallel } from '../node/pool.js';
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
}

export async function runSpec(network: Network, spec: KernelSpec, flags: RunFlags): Promise<MonteCarloResult> {
  const progress = progressReporter(flags.quiet ?? false);
  const common = { seed: flags.seed, replicates: flags.replicates, samples: flags.samples, onProgress: progress.update };
  try {
    if (flags.workers === 0) return await runReplicates(await loadKernel(network, spec), common);
    return await runReplicatesParallel(network, spec, { ...common, workers: flags.workers, workerUrl: WORKER_URL });
  } finally {
    progress.done();
  }
}

/**
 * Progress on stderr, never on stdout: after a second of work, a line rewritten in place
 * when stderr is a terminal; otherwise a plain line at most every 10% of the way.
 */
export function progressReporter(quiet: boolean) {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let shown = false;
  let lastTenth = -1;
  let lastStage = '';
  return {
    update(done: number, total: number, stage = 'replicates') {
      if (stage !== lastStage) {
        lastStage = stage;
        lastTenth = -1;
      }
      if (quiet || Date.now() - started < 1000) return;
      const percent = Math.floor((100 * done) / total);
      if (tty) {
        const width = 30;
        const filled = Math.round((width * done) / total);
        process.stderr.write(`\r${stage.padEnd(11)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} replicates (${percent}%)`);
        shown = true;
      } else if (Math.floor(percent / 10) > lastTenth) {
        lastTenth = Math.floor(percent / 10);
        process.stderr.write(`hearsay: ${stage}: ${done}/${total} replicates (${percent}%)\n`);
      }
    },
    done() {
      if (shown) process.stderr.write('\n');
    },
  };
}
