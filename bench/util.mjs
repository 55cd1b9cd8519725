// Shared helpers for the benchmarks: timing, peak resident memory, a table printer.
import { readFileSync } from 'node:fs';

/** Wall time of fn() in milliseconds (best of `repeat`), and its last result. */
export function time(fn, repeat = 1) {
  let best = Infinity;
  let result;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

/** This process's peak resident set size in MB (VmHWM on Linux, else maxRSS). */
export function peakRssMb() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    if (m) return Number(m[1]) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

export function table(rows) {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const cells = rows.map((r) => cols.map((c) => String(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (vals) => `| ${vals.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(cols));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of cells) console.log(line(r));
}
