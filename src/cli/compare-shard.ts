/**
 * `hearsay compare SCENARIO --shard I/N|auto`: one shard of a scenario's policy
 * comparison, as a partial result of kind `compare` for `hearsay merge`.
 *
 * The part carries what the merge needs to print exactly what `compare` prints for the
 * whole run, with no network and no scenario file at hand: the parsed scenario (canonical
 * JSON), the seed as given, the output format and the limits it was checked against
 * (`meta`), and the samples of every policy metric. Its fingerprint covers the network
 * and the kernel spec; seed, version and total replicates are fields of their own.
 */
import { canonicalJson, runFingerprint } from '../monte-carlo/fingerprint.js';
import { toPartialResult } from '../monte-carlo/merge.js';
import type { Shard } from '../monte-carlo/shards.js';
import type { ScenarioLimits } from '../scenario-file/parse.js';
import { policyRun, type PolicyReplicateRunner, type RunScenarioOptions } from '../scenario-file/run.js';
import type { ScenarioFile } from '../scenario-file/schema.js';
import { VERSION } from '../version.js';
import { shardReplicates } from './shard.js';

/** What a compare part keeps in `meta` (checked field by field by `merge`). */
export type ComparePartMeta = {
  readonly scenario: unknown;
  readonly seed: number | string;
  readonly format: 'md' | 'csv' | 'json';
  readonly limits: ScenarioLimits;
};

export async function comparePartial(
  file: ScenarioFile,
  options: RunScenarioOptions & { readonly runReplicates: PolicyReplicateRunner },
  shard: Shard,
  flags: { readonly format: 'md' | 'csv' | 'json' },
): Promise<string> {
  const plan = policyRun(file, options);
  const replicates = shardReplicates(plan.replicates, shard);
  const result = await options.runReplicates(plan.network, plan.spec, {
    seed: plan.seed,
    replicates,
    samples: true,
    onProgress: (done, total) => options.onProgress?.('policies', done, total),
  });
  const meta: ComparePartMeta = {
    // With a PSA, the file with the run's settings folded in (replicates, draws, …).
    scenario: JSON.parse(canonicalJson(plan.scenario)) as unknown,
    seed: plan.seed,
    format: flags.format,
    limits: options.limits ?? {},
  };
  const part = toPartialResult(result, {
    kind: 'compare',
    fingerprint: runFingerprint(plan.network, plan.spec),
    version: VERSION,
    total: plan.replicates,
    shard,
    meta,
  });
  return `${JSON.stringify(part)}\n`;
}
