/**
 * Linear scales and round tick values for the charts (the 1-2-5 steps of d3-array's
 * `ticks`, written out so the core keeps its few dependencies).
 */

/** A step of 1, 2 or 5 × 10^k that cuts [start, stop] into about `count` pieces. */
export function tickStep(start: number, stop: number, count: number): number {
  const raw = Math.abs(stop - start) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  let step = 10 ** Math.floor(Math.log10(raw));
  const error = raw / step;
  if (error >= Math.sqrt(50)) step *= 10;
  else if (error >= Math.sqrt(10)) step *= 5;
  else if (error >= Math.sqrt(2)) step *= 2;
  return step;
}

/** k · step without the binary noise of a product like 3 × 0.1. */
export function multipleOf(k: number, step: number): number {
  if (step < 1) {
    const inverse = Math.round(1 / step);
    if (Math.abs(inverse - 1 / step) < 1e-9) return k / inverse;
  }
  return Number((k * step).toPrecision(12));
}

/** Decimals needed to write multiples of `step` exactly. */
export function stepDecimals(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  return Math.max(0, Math.min(12, -Math.floor(Math.log10(step) + 1e-9)));
}

export interface Axis {
  /** The domain, widened to whole ticks. */
  readonly lo: number;
  readonly hi: number;
  readonly step: number;
  readonly ticks: readonly number[];
  readonly decimals: number;
}

/**
 * A domain widened to round ticks, covering every finite value given. With no finite
 * value the domain is [0, 1]; with one distinct value it is widened around it.
 */
export function niceAxis(values: readonly number[], count = 6, options: { readonly includeZero?: boolean } = {}): Axis {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (options.includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === Infinity) {
    lo = 0;
    hi = 1;
  }
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  let step = tickStep(lo, hi, count);
  // Widen to whole steps, then once more in case the wider span wants a coarser step.
  for (let i = 0; i < 2; i++) {
    const a = Math.floor(lo / step) * step;
    const b = Math.ceil(hi / step) * step;
    const next = tickStep(a, b, count);
    if (next === step) break;
    step = next;
  }
  const k0 = Math.floor(lo / step + 1e-9);
  const k1 = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let k = k0; k <= k1; k++) ticks.push(multipleOf(k, step));
  return { lo: ticks[0]!, hi: ticks[ticks.length - 1]!, step, ticks, decimals: stepDecimals(step) };
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to the middle. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  const span = d1 - d0;
  if (span === 0 || !Number.isFinite(span)) return () => (r0 + r1) / 2;
  return (x: number) => r0 + ((x - d0) / span) * (r1 - r0);
}
