/**
 * `hearsay merge`: combines partial results (from `--replicates FROM:TO --partial` runs on
 * any number of machines) into exactly the result of one run over the whole range.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { mergeResults, type PartialResult } from '../index.js';
import { UsageError } from './errors.js';
import { spreadJson } from './spread.js';

export function mergeCommand(): Command {
  return new Command('merge')
    .summary('combine partial results of one run split across machines')
    .description(
      'Reads partial results written by `hearsay spread ... --replicates FROM:TO --partial` and prints\n' +
        'the result of one run over their union: the same numbers a single run would give. Refuses\n' +
        'parts of different runs (network, model, seed or version), overlaps and gaps.',
    )
    .argument('<files...>', 'partial result files (JSON)')
    .option('--json', 'print one JSON object on stdout (as `spread --json` does)')
    .option('--samples', 'with --json: add every replicate\'s value')
    .action((files: string[], flags: { json?: boolean; samples?: boolean }) => {
      if (flags.samples && !flags.json) throw new UsageError('--samples: only with --json');
      const partials = files.map((file) => readPartial(file));
      const merged = mergeResults(partials, { samples: flags.samples ?? false });
      const meta = partials[0]!.meta ?? {};
      if (meta.command === 'spread') {
        const seed = meta.seed as number | string;
        const json = spreadJson(merged, seed, String(meta.model), flags.samples ?? false);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(json)}\n`);
        } else {
          const r = json.reached;
          process.stdout.write(
            `hearsay merge · ${files.length} parts, replicates ${merged.range.from}:${merged.range.to} of ${String(meta.edges)}, seed ${JSON.stringify(seed)}\n` +
              `people reached: mean ${r.mean.toFixed(1)} (sd ${r.sd?.toFixed(1) ?? 'n/a'}), 5% ${r.p05} · median ${r.p50} · 95% ${r.p95}\n`,
          );
        }
        return;
      }
      process.stdout.write(`${JSON.stringify({ replicates: merged.replicates, range: merged.range, seed: merged.seed, summary: merged.summary })}\n`);
    });
}

function readPartial(file: string): PartialResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text) as PartialResult;
  } catch {
    throw new UsageError(`${file}: expected a partial result (JSON), received text that is not JSON`);
  }
}
