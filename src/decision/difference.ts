/**
 * What a client decides on: the paired difference between a policy and current practice,
 * per incident and for the scenario's incidents, split into parts that add up to it, under
 * both valuations of a lost person, and the value of a lost person at which the two are
 * worth the same (the break-even loss value). See economics/valuation.ts for the parts and
 * docs/model.md for the counterfactual.
 */
import type { ResolvedEconomics, ResolvedWinBack } from '../economics/lifetime-value.js';
import { VALUE_PARTS, moneyAndPeople, valueParts, winBackOffered, type RunCounts, type ValuePart } from '../economics/valuation.js';
import type { MonteCarloResult } from '../monte-carlo/runner.js';
import { summarize, type MetricSummary } from '../monte-carlo/summary.js';

const Z95 = 1.959963984540054;

export type Valuation = 'lifetime-value' | 'replacement';

/** A paired difference under one valuation of a lost person. */
export interface ValuedDifference {
  /** The value of one lost (or won) person used (kr). */
  readonly lossValue: number;
  /** Net value of `policy` minus that of `against`, per replicate, summarised (kr for the scenario's incidents). */
  readonly difference: MetricSummary;
  /** The same per incident. */
  readonly perIncident: MetricSummary;
  /** Share of replicates in which `policy` is worth more. */
  readonly probabilityBetter: number;
}

/** The break-even value of a lost person, with its 95% interval (delta method). */
export interface BreakEvenLossValue {
  readonly value: number;
  /** null for a single replicate. */
  readonly se: number | null;
  readonly ci95Low: number | null;
  readonly ci95High: number | null;
}

/** One policy against another. */
export interface PairedDifference {
  readonly policy: string;
  readonly against: string;
  /** Net value of `policy` minus net value of `against`, per replicate, summarised (kr, the scenario's valuation). */
  readonly difference: MetricSummary;
  /** The difference per incident: `difference` ÷ incidents.count (same shape). */
  readonly perIncident: MetricSummary | null;
  /** Mean of each part of the difference (kr); the parts add up to `difference.mean`. */
  readonly parts: Readonly<Record<ValuePart, number>>;
  /** Share of replicates in which `policy` is worth more, with its standard error. */
  readonly probabilityBetter: number;
  readonly probabilityBetterSe: number;
  /**
   * The difference under each valuation of a lost person: lifetime value always,
   * replacement cost when the scenario gives an acquisition cost (else null).
   */
  readonly valuations: { readonly 'lifetime-value': ValuedDifference; readonly replacement: ValuedDifference | null };
  /**
   * The value of one lost person (customer or prospect) at which the two policies are
   * worth the same: the money difference ÷ the difference in people lost. `policy` is
   * better when a lost person is worth more than this if it loses fewer people, less if
   * it loses more. null when no such value exists (see the reason).
   */
  readonly breakEvenLossValue: BreakEvenLossValue | null;
  readonly breakEvenLossValueReason?: string;
  /** Money difference (kr) and difference in people lost at the scenario's valuation, as means. */
  readonly money: number;
  readonly peopleLost: number;
}

/** The per-replicate counts of one policy, read from a run's samples (columns `policy:metric`). */
export function countsOf(result: MonteCarloResult, policy: string): (i: number) => RunCounts {
  const col = (metric: string) => {
    const c = result.samples?.[`${policy}:${metric}`];
    if (c === undefined) throw new Error(`the run has no samples of ${policy}:${metric}`);
    return c;
  };
  const cash = col('moneyKept');
  const handling = col('handlingCost');
  const lever = col('leverCost');
  const direct = col('directChurn');
  const wom = col('expectedChurnedCustomers');
  const lost = col('expectedLostProspects');
  const won = col('expectedWonProspects');
  return (i) => ({
    cash: cash[i]!,
    handling: handling[i]! + lever[i]!,
    customersLostDirect: direct[i]!,
    customersLostWordOfMouth: wom[i]!,
    prospectsLost: lost[i]!,
    prospectsWon: won[i]!,
  });
}

export interface DifferenceContext {
  readonly economics: ResolvedEconomics;
  /** Incidents in one replicate (the per-incident figures divide by it; 0 gives none). */
  readonly incidents: number;
  /** Each policy's win-back offer (its own or the scenario's). */
  readonly winBack: (policy: string) => ResolvedWinBack | null;
}

/** The paired difference of `a` against `b` over a run's samples. */
export function pairedDifference(result: MonteCarloResult, a: string, b: string, context: DifferenceContext): PairedDifference {
  const n = result.range.to - result.range.from;
  const ca = countsOf(result, a);
  const cb = countsOf(result, b);
  const wa = context.winBack(a);
  const wb = context.winBack(b);
  const k = VALUE_PARTS.length;
  const pa = new Float64Array(k);
  const pb = new Float64Array(k);
  const economics = context.economics;

  /** Differences at value L: per replicate the sum of part differences (so the parts add up exactly). */
  const at = (lossValue: number, parts: Float64Array | null) => {
    const d = new Float64Array(n);
    let better = 0;
    for (let i = 0; i < n; i++) {
      valueParts(ca(i), lossValue, wa, pa);
      valueParts(cb(i), lossValue, wb, pb);
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const part = pa[p]! - pb[p]!;
        if (parts !== null) parts[p * n + i] = part;
        sum += part;
      }
      d[i] = sum;
      if (sum > 0) better++;
    }
    return { d, better };
  };
  const perIncident = (d: Float64Array, label: string) => (context.incidents > 0 ? summarize(d.map((x) => x / context.incidents), label) : null);
  const valued = (lossValue: number): ValuedDifference => {
    const { d, better } = at(lossValue, null);
    const pi = perIncident(d, `${a} − ${b} per incident`);
    return {
      lossValue,
      difference: summarize(d, `${a} − ${b}`),
      perIncident: pi ?? summarize(new Float64Array(n), 'per incident'),
      probabilityBetter: better / n,
    };
  };

  const lossValue = economics.lossPerCustomer;
  const partSamples = new Float64Array(k * n);
  const { d, better } = at(lossValue, partSamples);
  const parts = {} as Record<ValuePart, number>;
  VALUE_PARTS.forEach((name, p) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += partSamples[p * n + i]!;
    parts[name] = s / n;
  });
  const p = better / n;
  const lifetime = valued(economics.valuations['lifetime-value']);
  const replacement = economics.valuations.replacement === null ? null : valued(economics.valuations.replacement);

  let money = 0;
  let people = 0;
  for (let i = 0; i < n; i++) {
    const x = moneyAndPeople(ca(i), lossValue, wa);
    const y = moneyAndPeople(cb(i), lossValue, wb);
    money += x.money - y.money;
    people += x.people - y.people;
  }
  const be = breakEvenLossValue(n, ca, cb, wa, wb);
  return {
    policy: a,
    against: b,
    difference: summarize(d, `${a} − ${b}`),
    perIncident: perIncident(d, `${a} − ${b} per incident`),
    parts,
    probabilityBetter: p,
    probabilityBetterSe: Math.sqrt((p * (1 - p)) / n),
    valuations: { 'lifetime-value': lifetime, replacement },
    breakEvenLossValue: be.value,
    ...(be.reason === undefined ? {} : { breakEvenLossValueReason: be.reason }),
    money: money / n,
    peopleLost: people / n,
  };
}

/** Values of L at which a policy's win-back decision switches. */
function thresholds(w: ResolvedWinBack | null): number[] {
  if (w === null || w.offer === 'always') return [];
  const per = w.successProbability * w.worth;
  return per > 0 ? [w.offerCost / per] : [];
}

/**
 * L* with Δmoney(L) − L·Δpeople(L) = 0. The win-back decisions may switch at a few values
 * of L; between them both differences are fixed, so L* is found interval by interval
 * (the lowest one that falls inside its interval). SE by the delta method:
 * sd(Δmoney_i − L*·Δpeople_i) / (√n · |mean Δpeople|).
 */
function breakEvenLossValue(
  n: number,
  ca: (i: number) => RunCounts,
  cb: (i: number) => RunCounts,
  wa: ResolvedWinBack | null,
  wb: ResolvedWinBack | null,
): { value: BreakEvenLossValue | null; reason?: string } {
  const cuts = [...new Set([...thresholds(wa), ...thresholds(wb)])].filter((t) => t > 0).sort((x, y) => x - y);
  const edges = [0, ...cuts, Infinity];
  const dm = new Float64Array(n);
  const dp = new Float64Array(n);
  let sawZero = false;
  let sawDominance = false;
  for (let j = 0; j + 1 < edges.length; j++) {
    const lo = edges[j]!;
    const hi = edges[j + 1]!;
    // A value inside the interval decides each policy's win-back offer there.
    const probe = hi === Infinity ? lo + 1 : (lo + hi) / 2;
    let sm = 0;
    let sp = 0;
    for (let i = 0; i < n; i++) {
      const x = moneyAndPeople(ca(i), probe, wa);
      const y = moneyAndPeople(cb(i), probe, wb);
      dm[i] = x.money - y.money;
      dp[i] = x.people - y.people;
      sm += dm[i]!;
      sp += dp[i]!;
    }
    const meanM = sm / n;
    const meanP = sp / n;
    if (meanP === 0) {
      sawZero = true;
      continue;
    }
    const value = meanM / meanP;
    if (!(value >= lo && value <= hi)) {
      if (value < 0) sawDominance = true;
      continue;
    }
    let ss = 0;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += dm[i]! - value * dp[i]!;
    mean /= n;
    for (let i = 0; i < n; i++) ss += (dm[i]! - value * dp[i]! - mean) ** 2;
    if (n < 2) return { value: { value, se: null, ci95Low: null, ci95High: null } };
    const se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n) / Math.abs(meanP);
    return { value: { value, se, ci95Low: value - Z95 * se, ci95High: value + Z95 * se } };
  }
  if (sawZero && !sawDominance) {
    return { value: null, reason: 'the two policies lose the same number of people, so the value of a lost person cannot make them equal: the money alone decides' };
  }
  return {
    value: null,
    reason: 'one policy keeps more money and also loses fewer people (or the same), so it is better whatever a lost person is worth',
  };
}

/** Whether a valuation is available in a scenario's economics. */
export function hasValuation(economics: ResolvedEconomics, valuation: Valuation): boolean {
  return valuation === 'lifetime-value' || economics.valuations.replacement !== null;
}

export { winBackOffered };
