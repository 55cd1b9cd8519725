// Replicates on worker threads: bit-identical to one thread for any worker count,
// split-and-merged ranges equal to one run, abort, failures, and merge's refusals.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  MergeError,
  ReplicateError,
  buildKernel,
  erdosRenyiGnm,
  assignRoles,
  mergeResults,
  parseEdgeList,
  runFingerprint,
  runReplicatesSync,
  toPartialResult,
  type KernelSpec,
  type MonteCarloResult,
} from '../../src/index.js';
import { runReplicatesParallel } from '../../src/node/pool.js';
import { VERSION } from '../../src/version.js';

// Workers run the built script (npm test builds first); the main thread runs src/.
const workerUrl = new URL('../../dist/node/worker.js', import.meta.url);
const fixtures = pathToFileURL(fileURLToPath(new URL('../fixtures/kernels.mjs', import.meta.url))).href;

beforeAll(() => {
  if (!existsSync(workerUrl)) throw new Error(`${fileURLToPath(workerUrl)} is missing: run npm run build (npm test does it first)`);
});

const network = assignRoles(erdosRenyiGnm({ size: 3000, edges: 6000, seed: 1 }), { customers: 0.3, prospects: 0.4 }, 2);
const named = parseEdgeList('ann bob\nbob cy\ncy dan\ndan ann\ncy eve\neve fay\n');

const specs: Array<[string, KernelSpec, typeof network]> = [
  ['classic cascade', { kind: 'independent-cascade', options: { probability: 0.5, tellers: { count: 3 } } }, network],
  [
    'valenced cascade',
    {
      kind: 'word-of-mouth',
      options: {
        stories: [
          { valence: 'negative', tellers: { count: 4, among: 'customer' } },
          { valence: 'positive', tellers: { count: 2 } },
        ],
      },
    },
    network,
  ],
  ['rumour, named tellers', { kind: 'word-of-mouth', options: { model: 'rumour', stories: [{ valence: 'negative', tellers: ['cy', 'fay'] }] } }, named],
];

function bytes(result: MonteCarloResult): string[] {
  return result.metricNames.map((m) => Buffer.from(result.samples![m]!.buffer).toString('hex'));
}

describe('worker threads', () => {
  it.each(specs)('%s: identical for 1, 2 and 3 workers and on one thread', async (_, spec, net) => {
    const single = runReplicatesSync(buildKernel(net, spec), { seed: 'w', replicates: 60, samples: true });
    for (const workers of [1, 2, 3]) {
      const parallel = await runReplicatesParallel(net, spec, { seed: 'w', replicates: 60, samples: true, workers, workerUrl, chunkSize: 7 });
      expect(bytes(parallel)).toEqual(bytes(single));
      expect(parallel.summary).toEqual(single.summary);
    }
  });

  it('split ranges merged give exactly the whole run', async () => {
    const spec = specs[1]![1];
    const whole = runReplicatesSync(buildKernel(network, spec), { seed: 5, replicates: 50, samples: true });
    const fingerprint = runFingerprint(network, spec);
    const parts = await Promise.all(
      [
        [30, 50],
        [0, 12],
        [12, 30],
      ].map(async ([from, to]) =>
        toPartialResult(
          await runReplicatesParallel(network, spec, { seed: 5, replicates: { from: from!, to: to! }, samples: true, workers: 2, workerUrl }),
          { fingerprint, version: VERSION },
        ),
      ),
    );
    // Through JSON, as files between machines.
    const merged = mergeResults(JSON.parse(JSON.stringify(parts)), { samples: true });
    expect(merged.range).toEqual({ from: 0, to: 50 });
    expect(bytes(merged)).toEqual(bytes(whole));
    expect(merged.summary).toEqual(whole.summary);
  });

  it('a failing replicate fails the run with its index and cause', async () => {
    const spec: KernelSpec = { kind: 'module', module: fixtures, options: { failAt: 7 } };
    const run = runReplicatesParallel(network, spec, { seed: 1, replicates: 20, workers: 2, workerUrl, chunkSize: 3 });
    await expect(run).rejects.toThrow(ReplicateError);
    await expect(runReplicatesParallel(network, spec, { seed: 1, replicates: 20, workers: 2, workerUrl })).rejects.toThrow(
      /replicate 7 failed: RangeError: boom at 7/,
    );
    const error = await runReplicatesParallel(network, spec, { seed: 1, replicates: 20, workers: 1, workerUrl }).catch((e: unknown) => e);
    expect((error as ReplicateError).replicate).toBe(7);
  });

  it('a NaN never reaches a result', async () => {
    const spec: KernelSpec = { kind: 'module', module: fixtures, export: 'nan' };
    await expect(runReplicatesParallel(network, spec, { seed: 1, replicates: 4, workers: 2, workerUrl })).rejects.toThrow(/replicate 0 failed.*x: expected a finite number, received NaN/);
  });

  // Replicate 1 fails first and replicate 0 some 300 ms later, in the other worker: a pool
  // that reported the first failure to arrive would name replicate 1. The numbers the test
  // checks do not depend on that timing: whatever the order, the lowest failing replicate
  // (0, the one a single thread would report) is named.
  it.each(['throw', 'nan'])('names the lowest failing replicate even when a higher one fails first (%s)', async (how) => {
    const flag = new SharedArrayBuffer(8);
    const spec: KernelSpec = { kind: 'module', module: fixtures, export: 'failOutOfOrder', options: { flag, how, lagMs: 300 } };
    const error = await runReplicatesParallel(network, spec, { seed: 1, replicates: 6, workers: 2, workerUrl, chunkSize: 1 }).catch((e: unknown) => e);
    // Replicate 1 did fail, in the other worker, before replicate 0 reported.
    expect(new Int32Array(flag)[0]).toBe(1);
    expect(error).toBeInstanceOf(ReplicateError);
    expect((error as ReplicateError).replicate).toBe(0);
    expect((error as Error).message).toMatch(how === 'nan' ? /^replicate 0 failed.*x: expected a finite number, received NaN/ : /^replicate 0 failed: RangeError: failure at 0/);
  });

  it('an AbortSignal stops every worker promptly, and no thread is left behind', async () => {
    // Replicates begun on any thread, counted by the kernel in shared memory.
    const begun = new SharedArrayBuffer(4);
    const spec: KernelSpec = { kind: 'module', module: fixtures, export: 'slow', options: { started: begun } };
    // Worker threads are OS threads of this process (Linux lists them in /proc/self/task).
    const threads = () => readdirSync('/proc/self/task').length;
    const threadsBefore = threads();
    let threadsDuring = 0;
    let doneAtAbort = -1;
    const controller = new AbortController();
    const run = runReplicatesParallel(network, spec, {
      seed: 1,
      replicates: 2000, // 20 s of work per worker if it were not stopped
      workers: 2,
      workerUrl,
      chunkSize: 1,
      signal: controller.signal,
      onProgress: (done) => {
        threadsDuring = Math.max(threadsDuring, threads());
        if (done >= 10 && doneAtAbort < 0) {
          doneAtAbort = done;
          controller.abort();
        }
      },
    });
    await expect(run).rejects.toThrow(AbortError);
    // Promptly, counted in work rather than time: after the abort no replicate is begun;
    // at most the one chunk (of one replicate) each worker had in flight.
    expect(doneAtAbort).toBeGreaterThanOrEqual(10);
    expect(Atomics.load(new Int32Array(begun), 0)).toBeLessThanOrEqual(doneAtAbort + 2);
    expect(threadsDuring).toBeGreaterThanOrEqual(threadsBefore + 2);
    expect(threads()).toBe(threadsBefore);
    // Aborted before starting: no worker is made at all.
    await expect(runReplicatesParallel(network, spec, { seed: 1, replicates: 5, workers: 2, workerUrl, signal: AbortSignal.abort() })).rejects.toThrow(AbortError);
  });

  it('names a bad teller before any worker starts', async () => {
    const spec: KernelSpec = { kind: 'independent-cascade', options: { probability: 0.5, tellers: ['zed'] } };
    await expect(runReplicatesParallel(named, spec, { seed: 1, replicates: 5, workers: 2, workerUrl })).rejects.toThrow(/tellers\[0\]: expected a person in the network, received "zed"/);
  });
});

describe('merge refuses what is not one run', () => {
  const spec = specs[0]![1];
  const part = (seed: number | string, from: number, to: number, net = network, s = spec) =>
    toPartialResult(runReplicatesSync(buildKernel(net, s), { seed, replicates: { from, to }, samples: true }), { fingerprint: runFingerprint(net, s), version: VERSION });

  it('different seeds', () => {
    expect(() => mergeResults([part(1, 0, 5), part(2, 5, 10)])).toThrow(MergeError);
    expect(() => mergeResults([part(1, 0, 5), part(2, 5, 10)])).toThrow(/part 2 \(replicates 5:10\) was run with seed "2", part 1 \(replicates 0:5\) with "1"/);
  });

  it('different scenarios: another network or another model', () => {
    const other = erdosRenyiGnm({ size: 3000, edges: 6000, seed: 99 });
    expect(() => mergeResults([part(1, 0, 5), part(1, 5, 10, other)])).toThrow(/different network or model/);
    const spec2: KernelSpec = { kind: 'independent-cascade', options: { probability: 0.6, tellers: { count: 3 } } };
    expect(() => mergeResults([part(1, 0, 5), part(1, 5, 10, network, spec2)])).toThrow(/different network or model/);
  });

  it('overlaps and gaps', () => {
    expect(() => mergeResults([part(1, 0, 6), part(1, 5, 10)])).toThrow(/overlaps/);
    expect(() => mergeResults([part(1, 0, 4), part(1, 5, 10)])).toThrow(/replicates 4:5 are missing/);
  });

  it('other versions and things that are not partials', () => {
    const p = part(1, 0, 5);
    expect(() => mergeResults([p, { ...part(1, 5, 10), version: '0.0.1' }])).toThrow(/made by hearsay 0\.0\.1/);
    expect(() => mergeResults([{ hello: 1 } as never])).toThrow(/expected a partial result/);
  });
});
