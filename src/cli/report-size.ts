/**
 * A report keeps every replicate's dark number for every policy (data/dark-number.csv,
 * report.json, `--format json`), so its largest files grow with replicates × policies.
 * Node writes each file from one string, and a string holds at most 2^29 − 24 characters:
 * a run whose report would not fit is refused before it starts — not after hours of
 * simulation — with the number of replicates that would fit.
 */
import { MAX_TEXT_LENGTH } from './files.js';

/** The longest a number is written: `String(x)` of a double, e.g. `-1.2345678901234567e-100`. */
const NUMBER_CHARS = 24;
/** Room for everything in report.json besides the samples (summaries, assumptions, a projection). */
const OTHER_CHARS = 16_000_000;

function csvFieldLength(text: string): number {
  let length = text.length;
  if (/^[=+\-@\t\r]/.test(text)) length += 1; // the leading ' of a neutralised cell
  if (/[",\r\n]/.test(text)) length += 2 + (text.match(/"/g)?.length ?? 0);
  return length;
}

/**
 * Characters per replicate in the largest report file, an upper bound: in
 * data/dark-number.csv a row per policy (`name,replicate,value\r\n`), in report.json
 * (indented by 2) a line per policy (`        value,\n`). The larger of the two.
 */
export function charactersPerReplicate(policyNames: readonly string[], replicates: number): number {
  const indexChars = String(Math.max(0, replicates - 1)).length;
  let csv = 0;
  let json = 0;
  for (const name of policyNames) {
    csv += csvFieldLength(name) + 1 + indexChars + 1 + NUMBER_CHARS + 2;
    json += 8 + NUMBER_CHARS + 2;
  }
  return Math.max(csv, json);
}

/** The most replicates whose report fits in files Node can write (from {@link charactersPerReplicate}). */
export function maxReportReplicates(policyNames: readonly string[]): number {
  const fits = (r: number) => charactersPerReplicate(policyNames, r) * r + OTHER_CHARS <= MAX_TEXT_LENGTH;
  // Binary search: the size grows with the replicates.
  let low = 0;
  let high = MAX_TEXT_LENGTH;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Why a report of `replicates` replicates of these policies cannot be written, and the
 * way out; null when it can.
 */
export function reportTooLarge(policyNames: readonly string[], replicates: number): string | null {
  const chars = charactersPerReplicate(policyNames, replicates) * replicates + OTHER_CHARS;
  if (chars <= MAX_TEXT_LENGTH) return null;
  const most = maxReportReplicates(policyNames);
  return (
    `a report of ${replicates.toLocaleString('en-US')} replicates of ${policyNames.length} policies would not fit in a file: ` +
    `it keeps every replicate's dark number for every policy (data/dark-number.csv, report.json), up to about ` +
    `${chars.toLocaleString('en-US')} characters, and Node writes at most ${MAX_TEXT_LENGTH.toLocaleString('en-US')} in one file; ` +
    `run at most ${most.toLocaleString('en-US')} replicates (--replicates ${most}), or fewer policies at a time`
  );
}
