/**
 * Bernoulli events on the person × month grid, drawn once per replicate and shared by
 * every policy: "person i has an incident in month t", "customer i would leave for
 * baseline reasons in month t", "prospect i would answer the marketing in month t".
 * Whether an event applies depends on the person's role in that month under the
 * policy, but the draw itself is the same for every policy (common random numbers):
 * the coupling comparePolicies gets from shared uniforms, kept through the months.
 *
 * Drawn by geometric skipping over the flattened grid (index (t − 1)·n + i), so the
 * work is proportional to the number of events, not to n × months.
 */
import type { Sfc32 } from '../random/fast.js';

const TWO_NEG_32 = 2 ** -32;

export class EventGrid {
  /** Person of every event, month by month. */
  persons: Int32Array;
  /** Events of month t (1-based) are persons[monthStart[t − 1] .. monthStart[t] − 1]. */
  readonly monthStart: Int32Array;
  count = 0;
  /** Probability 1: every person in every month (nothing is stored). */
  all = false;
  readonly size: number;
  readonly months: number;

  constructor(size: number, months: number, probability: number) {
    this.size = size;
    this.months = months;
    this.monthStart = new Int32Array(months + 1);
    const expected = probability >= 1 ? 0 : size * months * probability;
    this.persons = new Int32Array(Math.min(2 ** 31 - 1, Math.ceil(expected + 6 * Math.sqrt(expected) + 64)));
  }

  /** Draws the events of one replicate with chance `probability` per cell. */
  draw(gen: Sfc32, probability: number): void {
    this.count = 0;
    this.all = probability >= 1;
    const monthStart = this.monthStart;
    if (probability <= 0 || this.all) {
      monthStart.fill(0);
      return;
    }
    const n = this.size;
    const cells = n * this.months;
    // Failures before the next success: ⌊log U / log(1 − p)⌋ with U uniform on (0, 1].
    const inverseLog = 1 / Math.log1p(-probability);
    let k = -1;
    let filled = 0; // monthStart entries written so far
    let monthEnd = 0; // first cell after the month being filled
    for (;;) {
      k += 1 + Math.floor(Math.log((gen.nextUint32() + 1) * TWO_NEG_32) * inverseLog);
      if (k >= cells) break;
      while (k >= monthEnd) {
        monthStart[filled++] = this.count;
        monthEnd += n;
      }
      if (this.count === this.persons.length) this.#grow();
      this.persons[this.count++] = k - (monthEnd - n);
    }
    // monthStart[m] is the number of events before 0-based month m; months not reached
    // (and the end, monthStart[months]) get the total.
    while (filled <= this.months) monthStart[filled++] = this.count;
  }

  #grow(): void {
    const bigger = new Int32Array(Math.min(2 ** 31 - 1, Math.ceil(this.persons.length * 1.5) + 64));
    bigger.set(this.persons);
    this.persons = bigger;
  }
}
