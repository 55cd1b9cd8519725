/**
 * What a report shows: plain data, assembled by the CLI (or by a user) from the results
 * of comparePolicies, breakEven, sensitivity and projectChurn. The report functions only
 * render it: they compute nothing that changes a number.
 */
import type { BreakEvenResult, PairedDifference } from '../decision/compare.js';
import type { SensitivityResult } from '../decision/sensitivity.js';
import type { UncertaintyResult } from '../decision/uncertainty.js';
import type { MetricSummary } from '../monte-carlo/summary.js';
import type { QuantileBand } from '../monte-carlo/summary.js';
import type { Locale } from './locale/index.js';

export interface ReportPolicy {
  readonly name: string;
  /** One sentence on what the policy does ("refuse the repair and bill a 200 kr fee"). */
  readonly description: string;
  /** Summaries of every policy metric (see docs/model.md), keyed by metric name. */
  readonly metrics: Readonly<Record<string, MetricSummary>>;
  /** Per-replicate expected lost prospects, for the dark number's distribution. */
  readonly lostProspectSamples: readonly number[];
}

export interface ReportAssumption {
  /** Dotted path as in scenario files (`spread.tellProbability`). */
  readonly parameter: string;
  /** Its human label, from the schema ("Customer retention"); the report shows the path in small print beside it. */
  readonly label?: string;
  readonly value: string;
  readonly unit: string;
  /** Where the value comes from, with its label: [Q], [S], [A] or "scenario file". */
  readonly source: string;
}

/** One row of a projection, tidy: one policy, month and metric. */
export interface ReportProjectionRow extends QuantileBand {
  readonly policy: string;
  readonly month: number;
  readonly metric: string;
}

export interface ReportData {
  readonly title: string;
  /** The scenario's name or file, for the record. */
  readonly scenario: string;
  /** The report's language (English by default): sentences, headings, labels, and numbers formatted by Intl for it. */
  readonly locale?: Locale;
  /** What situation the scenario models, in the author's words (shown at the top). */
  readonly description?: string;
  readonly version: string;
  readonly seed: string;
  readonly replicates: number;
  /** Currency label for money ("kr"). */
  readonly currency: string;
  /** The policy the others are compared against (usually the one in use today). */
  readonly baseline: string;
  /** The incidents one replicate simulates: how many, and when ("month", "year", or words). */
  readonly incidents: { readonly count: number; readonly period: string | null };
  /** What one customer is worth, what winning one costs (null: not given), and the valuation the headline uses. */
  readonly economics: { readonly customerValue: number; readonly acquisitionCost: number | null; readonly lossValuation: 'lifetime-value' | 'replacement' };
  readonly policies: readonly ReportPolicy[];
  /** Paired differences of net value, every ordered pair (from comparePolicies), with their parts and break-even loss values. */
  readonly differences: readonly PairedDifference[];
  /** Whether stories travel in this scenario (the report then shows how far they went). */
  readonly wordOfMouth: boolean;
  readonly breakEven?: BreakEvenResult & { readonly policies: readonly [string, string]; readonly replicates: number };
  readonly sensitivity?: SensitivityResult;
  readonly projection?: { readonly metric: string; readonly rows: readonly ReportProjectionRow[]; readonly assumptions: readonly string[]; readonly replicates: number };
  /** Things the reader should know before trusting a number (a fee larger than what was at stake, …). */
  readonly warnings?: readonly string[];
  readonly assumptions: readonly ReportAssumption[];
  /** With distributions: the probabilistic sensitivity analysis ("How sure are we?"). */
  readonly uncertainty?: UncertaintyResult;
}
