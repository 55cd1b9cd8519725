/**
 * `hearsay run SCENARIO --shard I/N|auto`: one shard of a scenario's whole run (the
 * report), as a partial result of kind `run` for `hearsay merge`, which writes the same
 * report as one machine, file for file and byte for byte.
 *
 * What a shard runs: its share of the comparison's replicates (or the PSA's draws) and of
 * the projection's replicates (balanced contiguous ranges); the break-even whole on the
 * first shard (a bisection: each step depends on the one before) and the sensitivity
 * whole on the last (its bars are anchored at the merged headline by the merge).
 *
 * The part carries what the merge needs with no network and no scenario file at hand:
 * the scenario as parsed, the run's settings (seed, replicates, uncertainty overrides),
 * the output format and limits, what the report states besides its numbers (`facts`:
 * the file's name, word of mouth on or off, the warnings), the comparison's samples, and
 * its sections (`sections`: the break-even, the sensitivity's paired means, the
 * projection's samples as a nested partial result). Every part's meta but `sections`
 * must be the same; its fingerprint covers the network and the comparison's kernel spec.
 */
import { runFingerprint } from '../monte-carlo/fingerprint.js';
import { toPartialResult } from '../monte-carlo/merge.js';
import type { Shard } from '../monte-carlo/shards.js';
import type { ScenarioLimits } from '../scenario-file/parse.js';
import { runScenarioPart, type PolicyReplicateRunner, type RunScenarioOptions } from '../scenario-file/run.js';
import type { ScenarioFile } from '../scenario-file/schema.js';
import { VERSION } from '../version.js';
import { shardReplicates } from './shard.js';

export type RunFormat = 'json' | 'csv' | 'md' | 'html';

/** What a run part keeps in `meta` (checked field by field by `merge`). */
export type RunPartMeta = {
  readonly scenario: unknown;
  readonly seed: number | string;
  readonly replicates: number;
  readonly overrides: { readonly uncertainty?: boolean; readonly draws?: number; readonly replicatesPerDraw?: number };
  readonly format: RunFormat;
  readonly limits: ScenarioLimits;
  readonly facts: { readonly source: string; readonly wordOfMouth: boolean; readonly warnings: ReadonlyArray<{ readonly path: string; readonly message: string }> };
  readonly sections: Readonly<Record<string, unknown>>;
};

export async function runPartial(
  file: ScenarioFile,
  options: RunScenarioOptions & { readonly runReplicates: PolicyReplicateRunner },
  shard: Shard,
  flags: { readonly format: RunFormat },
): Promise<string> {
  const part = await runScenarioPart(file, options, shard, (total) => shardReplicates(total, shard));
  const { facts, sections } = part;
  const projection = sections.projection;
  const meta: RunPartMeta = {
    // As parsed, keys in their order (the report quotes some values as JSON).
    scenario: JSON.parse(JSON.stringify(file)) as unknown,
    seed: facts.seed,
    replicates: facts.replicates,
    overrides: {
      ...(options.uncertainty === true ? { uncertainty: true } : {}),
      ...(options.draws === undefined ? {} : { draws: options.draws }),
      ...(options.replicatesPerDraw === undefined ? {} : { replicatesPerDraw: options.replicatesPerDraw }),
    },
    format: flags.format,
    limits: options.limits ?? {},
    facts: { source: facts.source, wordOfMouth: facts.wordOfMouth, warnings: facts.warnings.map((w) => ({ path: w.path, message: w.message })) },
    sections: {
      ...(sections.breakEven === undefined ? {} : { breakEven: sections.breakEven }),
      ...(sections.sensitivity === undefined ? {} : { sensitivity: sections.sensitivity }),
      ...(projection === undefined
        ? {}
        : {
            projection: {
              params: projection.shape.params,
              policies: projection.shape.policies.map((p) => p.name),
              assumptions: projection.assumptions,
              part: toPartialResult(projection.result, {
                kind: 'projection',
                fingerprint: runFingerprint(part.network, { projection: projection.shape.params, policies: projection.shape.policies.map((p) => p.name) }),
                version: VERSION,
                total: projection.replicates,
                shard,
              }),
            },
          }),
    },
  };
  const partial = toPartialResult(part.result, {
    kind: 'run',
    fingerprint: runFingerprint(part.network, part.spec),
    version: VERSION,
    total: part.total,
    shard,
    meta,
  });
  return `${JSON.stringify(partial)}\n`;
}
