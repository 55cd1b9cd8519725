/**
 * The playground's model, free of the DOM: which assumptions get a control (read off the
 * scenario file's schema), a scenario's text with the controls' values written into it,
 * the check `hearsay validate` runs, and the numbers the page shows. The Web Worker runs
 * this; the tests run it in Node.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import { withLines } from '../../src/cli/lines.js';
import { HearsayError, InvalidParameterError, ScenarioError, formatPath } from '../../src/errors.js';
import { VALUE_PARTS } from '../../src/economics/valuation.js';
import { getPath, metaOf, numericRange, parsePath, schemaAt } from '../../src/parameters/index.js';
import { formatInterval, formatMoney, formatNumber, formatPercent, formatValue, moneyDecimals } from '../../src/report/format.js';
import { renderHtmlReport } from '../../src/report/html.js';
import { PART_LABELS, breakEvenSentence, incidentsPhrase } from '../../src/report/wording.js';
import { parameterRows, type ParameterRow } from '../../src/scenario-file/parameters.js';
import { readScenario } from '../../src/scenario-file/parse.js';
import { checkScenario, runScenario } from '../../src/scenario-file/run.js';
import { scenarioFileSchema, type ScenarioFile } from '../../src/scenario-file/schema.js';
import { checkUncertainFile } from '../../src/scenario-file/uncertainty.js';

/** The scenario-wide assumptions that get a control, as schema paths (in the page's order). */
export const MAIN_ASSUMPTIONS = [
  'incidents.count',
  'incidents.amount',
  'complaints.probability',
  'behaviour.negativeTalkProbability',
  'spread.tellProbability',
  'spread.purchaseProbability',
  'spread.negativeShift',
  'spread.customerChurnShift',
  'economics.margin',
  'economics.retention',
  'economics.discountRate',
  'economics.acquisitionCost',
  'economics.lossValuation',
] as const;

/** The money each decision turns on: the control a policy gets. */
const POLICY_MONEY: Readonly<Record<string, string>> = {
  'refuse-with-fee': 'fee',
  'partial-credit': 'credit',
  goodwill: 'credit',
  'repair-or-replace': 'repairCost',
};

/** One control of the page, generated from the schema. */
export interface Control {
  /** The value's path in the file (`economics.margin`, `policies[0].fee`): the key of its override. */
  readonly key: string;
  /** The section it belongs to on the page ("Economics", or the policy's name). */
  readonly group: string;
  readonly label: string;
  readonly description: string;
  readonly unit: string;
  /** The schema's range in words ("number ≥ 0 and ≤ 1"). */
  readonly range: string;
  readonly source: string;
  readonly kind: 'number' | 'choice';
  /** The schema's bounds (the number input's min and max). */
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** The slider's span: the schema's range where it is finite and small, else around the value. */
  readonly sliderMin: number;
  readonly sliderMax: number;
  readonly step: number;
  readonly options: readonly string[];
  /** The value in the file, or the default. */
  readonly value: number | string;
  /** Where the value comes from: "scenario file", "default", or the file's distribution. */
  readonly origin: string;
}

/** The file's value at a path, if any: a number, a text, or a distribution's mean. */
function fileValue(file: ScenarioFile, key: string): { value: number | string; origin: string } | undefined {
  const v = getPath(file, key);
  if (typeof v === 'number' || typeof v === 'string') return { value: v, origin: 'scenario file' };
  if (v !== null && typeof v === 'object' && typeof (v as { mean?: unknown }).mean === 'number') {
    return { value: (v as { mean: number }).mean, origin: `a distribution in the file (${String((v as { dist?: unknown }).dist ?? '')}); its mean is shown, and moving it fixes the value` };
  }
  return undefined;
}

/** A round step for a slider spanning [a, b]: about 200 steps, a 1-2-5 number. */
function niceStep(a: number, b: number, integer: boolean): number {
  const raw = (b - a) / 200;
  if (!(raw > 0)) return integer ? 1 : 0.01;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const step = (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  return integer ? Math.max(1, Math.round(step)) : Number(step.toPrecision(2));
}

function control(file: ScenarioFile, row: ParameterRow, key: string, group: string): Control | undefined {
  const schema = schemaAt(scenarioFileSchema, parsePath(key), file);
  if (schema === undefined) return undefined;
  const meta = metaOf(schema);
  const found = fileValue(file, key);
  const currency = typeof file.currency === 'string' ? file.currency : 'kr';
  const unit = row.unit.replace(/\bcurrency\b/, currency);
  const base = { key, group, label: meta?.label ?? row.label, description: row.description, unit, range: row.range, source: row.source };
  const enumOptions = /^"[^"]+"( \| "[^"]+")+$/.test(row.range) ? [...row.range.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : null;
  if (enumOptions !== null) {
    const value = found?.value ?? (row.default || enumOptions[0]!);
    return { ...base, kind: 'choice', min: 0, max: 0, integer: false, sliderMin: 0, sliderMax: 0, step: 1, options: enumOptions, value, origin: found?.origin ?? 'default' };
  }
  const range = numericRange(schema);
  if (range === undefined) return undefined;
  const fallback = Number(row.default);
  const value = found?.value ?? (row.default !== '' && Number.isFinite(fallback) ? fallback : undefined);
  // A parameter the file leaves out and whose default is not a number (acquisitionCost: unknown) starts empty.
  const numeric = typeof value === 'number' ? value : Math.max(range.min, 0);
  const small = Number.isFinite(range.max) && range.max - range.min <= 1;
  const sliderMin = Number.isFinite(range.min) ? range.min : Math.min(0, numeric);
  const sliderMax = small ? range.max : Math.min(range.max, Math.max(sliderMin + (range.integer ? 10 : 1), numeric * 3, numeric + 1));
  const origin = found?.origin ?? (value === undefined ? `not set (${row.default || 'no default'})` : 'default');
  return {
    ...base,
    kind: 'number',
    min: range.min,
    max: range.max,
    integer: range.integer,
    sliderMin,
    sliderMax,
    step: small && !range.integer ? 0.005 : niceStep(sliderMin, sliderMax, range.integer),
    options: [],
    value: value ?? '',
    origin,
  };
}

/** The controls for a scenario: the main assumptions, then each policy's money. */
export function controlsFor(file: ScenarioFile): Control[] {
  const rows = new Map(parameterRows().map((r) => [r.path, r]));
  const out: Control[] = [];
  const wordOfMouth = (file as { spread?: unknown }).spread !== false;
  for (const path of MAIN_ASSUMPTIONS) {
    if (path.startsWith('spread.') && !wordOfMouth) continue;
    const row = rows.get(path);
    const c = row === undefined ? undefined : control(file, row, path, sectionName(path));
    if (c !== undefined) out.push(c);
  }
  const policies = Array.isArray(file.policies) ? file.policies : [];
  policies.forEach((p, i) => {
    const field = POLICY_MONEY[String((p as { decision?: unknown }).decision)];
    const row = field === undefined ? undefined : rows.get(`policies[].${field}`);
    const c = row === undefined ? undefined : control(file, row, `policies[${i}].${field}`, `Policy: ${String((p as { name?: unknown }).name ?? i + 1)}`);
    if (c !== undefined) out.push(c);
  });
  return out;
}

function sectionName(path: string): string {
  const first = path.split('.')[0]!;
  return { incidents: 'Incidents', complaints: 'Complaints', behaviour: 'Behaviour', spread: 'Word of mouth', economics: 'Economics' }[first] ?? first;
}

/** What the page changed: a file path → the value typed or slid (a text that is not a number stays text, for the check to name). */
export type Overrides = Readonly<Record<string, number | string>>;

/**
 * The scenario's text with the overrides written into it, its comments and layout kept
 * (the YAML document is edited, not re-written). A missing section is created; a path
 * through a value that is not a section, or to a list item the file does not have (a link
 * made for another file), is refused with the path named.
 * @throws {InvalidParameterError}
 */
export function applyOverrides(text: string, overrides: Overrides): string {
  const keys = Object.keys(overrides);
  if (keys.length === 0) return text;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return text;
  for (const key of keys) {
    const path = parsePath(key);
    const refuse = (why: string) => new InvalidParameterError(key, `a value of the scenario (${why})`, overrides[key]);
    const notSection = (depth: number) => refuse(`${formatPath(path.slice(0, depth)) || 'the file'} is not a section`);
    let node: unknown = doc.contents;
    for (const [i, part] of path.slice(0, -1).entries()) {
      if (isMap(node) && typeof part === 'string') node = node.get(part, true);
      else if (isSeq(node) && typeof part === 'number') {
        if (part >= node.items.length) throw refuse(`it has no ${formatPath(path.slice(0, i + 1))}`);
        node = node.get(part, true);
      } else throw notSection(i);
      if (node === undefined) break; // a missing section: setIn creates it
    }
    if (node !== undefined && !isMap(node) && !isSeq(node)) throw notSection(path.length - 1);
    doc.setIn(path, overrides[key]);
  }
  return doc.toString();
}

/**
 * Every check `hearsay validate` runs on a file (syntax, the schema, the limits, the
 * network built from it), with the same message, lines included.
 * @throws {ScenarioError} as `hearsay validate` reports it.
 */
export function validate(text: string, source: string): ScenarioFile {
  const file = readScenario(text, source);
  try {
    checkScenario(file, { source });
  } catch (error) {
    if (error instanceof ScenarioError) throw withLines(error, text);
    throw error;
  }
  return file;
}

/** One policy against the baseline, as the page shows it (text already formatted). */
export interface DifferenceView {
  readonly policy: string;
  readonly against: string;
  readonly perIncident: string;
  readonly perIncidentInterval: string;
  readonly total: string;
  readonly totalInterval: string;
  readonly probabilityBetter: string;
  readonly parts: ReadonlyArray<{ readonly label: string; readonly value: string; readonly raw: number }>;
  readonly breakEven: string;
  readonly breakEvenInterval: string;
  readonly breakEvenSentence: string;
  /** Prospects lost (the dark number) under the policy and under the baseline, in people. */
  readonly darkNumber: string;
  readonly darkNumberInterval: string;
  readonly darkNumberBaseline: string;
  readonly otherValuation: string;
  /** The raw means, for tests and the URL: kr per incident, kr for the incidents, people, kr. */
  readonly raw: { readonly perIncident: number | null; readonly total: number; readonly darkNumber: number; readonly breakEven: number | null };
}

export interface ResultView {
  readonly title: string;
  readonly replicates: number;
  readonly seed: string;
  readonly currency: string;
  readonly baseline: string;
  readonly incidents: string;
  readonly customerValue: string;
  readonly policies: readonly string[];
  readonly differences: readonly DifferenceView[];
  readonly warnings: readonly string[];
  /** Whether the file's distributions were set at their means (the PSA runs in `hearsay run`). */
  readonly atMeans: boolean;
}

/** The file's comparison only, with every distribution at its mean: what the page recomputes on every change. */
function comparisonOnly(file: ScenarioFile): { file: ScenarioFile; atMeans: boolean } {
  const { breakEven: _b, sensitivity: _s, projection: _p, ...rest } = file;
  void _b;
  void _s;
  void _p;
  const checked = checkUncertainFile(rest as ScenarioFile);
  const { uncertainty: _u, ...base } = checked.base as ScenarioFile & { uncertainty?: unknown };
  void _u;
  return { file: base as ScenarioFile, atMeans: checked.base !== (rest as ScenarioFile) || (rest as { uncertainty?: unknown }).uncertainty !== undefined };
}

/**
 * The numbers of the page: each policy against the baseline, from `replicates` runs (the
 * file's when not given). Validates first, with the messages of `hearsay validate`.
 * @throws {ScenarioError} when the scenario is not valid.
 */
export function evaluate(text: string, source: string, replicates?: number): ResultView {
  const file = validate(text, source);
  const { file: base, atMeans } = comparisonOnly(file);
  const run = runScenario(base, { source, ...(replicates === undefined ? {} : { replicates: Math.min(replicates, base.replicates ?? 1000) }) });
  const report = run.report;
  const cur = report.currency;
  const per = incidentsPhrase(report.incidents);
  const signed = (x: number | null | undefined, d: number) => (typeof x === 'number' && x > 0 ? `+${formatMoney(x, cur, d)}` : formatMoney(x, cur, d));
  const lost = (name: string) => report.policies.find((p) => p.name === name)?.metrics.expectedLostProspects;
  const differences = run.comparison.differences
    .filter((d) => d.against === report.baseline)
    .map((d): DifferenceView => {
      const pi = d.perIncident;
      const dec = pi === null ? 0 : moneyDecimals(pi.mean, pi.ci95Low, pi.ci95High);
      const be = d.breakEvenLossValue;
      const beDec = be === null ? 0 : moneyDecimals(be.value, be.ci95Low, be.ci95High);
      const dark = lost(d.policy);
      const darkBase = lost(d.against);
      const other = report.economics.lossValuation === 'lifetime-value' ? d.valuations.replacement : d.valuations['lifetime-value'];
      const otherName = report.economics.lossValuation === 'lifetime-value' ? 'replacement cost' : 'lifetime value';
      return {
        policy: d.policy,
        against: d.against,
        perIncident: pi === null ? 'n/a (no incidents)' : signed(pi.mean, dec),
        perIncidentInterval: pi === null ? '' : formatInterval([pi.ci95Low ?? NaN, pi.ci95High ?? NaN], dec, cur),
        total: `${signed(d.difference.mean, 0)} ${per}`,
        totalInterval: formatInterval([d.difference.ci95Low ?? NaN, d.difference.ci95High ?? NaN], 0, cur),
        probabilityBetter: formatPercent(d.probabilityBetter),
        parts: VALUE_PARTS.map((k) => ({ label: PART_LABELS[k], value: signed(d.parts[k], 0), raw: d.parts[k] })),
        breakEven: be === null ? 'none' : formatMoney(be.value, cur, beDec),
        breakEvenInterval: be === null ? '' : formatInterval([be.ci95Low ?? NaN, be.ci95High ?? NaN], beDec, cur),
        breakEvenSentence: breakEvenSentence(d, report),
        darkNumber: formatNumber(dark?.mean, 1),
        darkNumberInterval: formatInterval(dark === undefined || dark.ci95Low === null || dark.ci95High === null ? null : [dark.ci95Low, dark.ci95High], 1),
        darkNumberBaseline: formatNumber(darkBase?.mean, 1),
        otherValuation:
          other === null
            ? 'The replacement valuation is left out: the scenario gives no economics.acquisitionCost.'
            : `Valuing a lost person at ${otherName} (${formatMoney(other.lossValue, cur)}) instead: ${signed(other.difference.mean, 0)} ${per}, better in ${formatPercent(other.probabilityBetter)} of runs.`,
        raw: { perIncident: pi?.mean ?? null, total: d.difference.mean, darkNumber: dark?.mean ?? 0, breakEven: be?.value ?? null },
      };
    });
  return {
    title: report.title,
    replicates: run.replicates,
    seed: report.seed,
    currency: cur,
    baseline: report.baseline,
    incidents: per,
    customerValue: formatMoney(report.economics.customerValue, cur, moneyDecimals(report.economics.customerValue)),
    policies: report.policies.map((p) => p.name),
    differences,
    warnings: run.warnings.map((w) => `${w.path}: ${w.message}`),
    atMeans,
  };
}

/** The full report of the scenario as `hearsay run` writes report.html (break-even, sensitivity, projection and PSA as the file asks). */
export function reportHtml(text: string, source: string): string {
  const file = validate(text, source);
  return renderHtmlReport(runScenario(file, { source }).report);
}

/** A problem as the page states it: the message of `hearsay validate` for a user's mistake. */
export function problemText(error: unknown): { readonly message: string; readonly expected: boolean } {
  if (error instanceof HearsayError) return { message: error.message, expected: true };
  return { message: `unexpected failure: ${error instanceof Error ? error.message : String(error)}`, expected: false };
}

/** A number for an input box as a person writes it ("0.025", "5000"). */
export function inputText(value: number | string): string {
  return typeof value === 'number' ? String(Number(value.toPrecision(12))) : value;
}

export { formatValue };
