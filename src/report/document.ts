/**
 * The report's content, once, as plain blocks (paragraphs, lists, tables, figures), so
 * the HTML page and its Markdown twin say exactly the same things; each renderer only
 * escapes and lays it out.
 */
import {
  baselineOf,
  checkReportData,
  darkNumberHistogram,
  darkNumberOf,
  differencesAgainstBaseline,
  hasBreakEven,
  hasComparison,
  hasDarkNumber,
  hasProjection,
  hasDifference,
  hasSensitivity,
  hasStory,
  incidentCostOf,
  isMoneyParameter,
  projectionPolicies,
  projectionRows,
  storyHops,
  tornadoRows,
  tornadoViews,
} from './data.js';
import type { MetricSummary } from '../monte-carlo/summary.js';
import {
  ci95Of,
  decimalsFor,
  formatInterval,
  formatMoney,
  formatNumber,
  formatPercent,
  moneyDecimals,
  roundedEstimate,
} from './format.js';
import { capitalise, metricName, parameterPhrase, periodNote, rangeText, summarySentences, type Sentence } from './summary.js';
import { activeLocale, t, withLocale } from './locale/index.js';
import { breakEvenChart, darkNumberChart, policyComparisonChart, projectionChart, storyChart, tornadoChart, waterfallChart, type ChartName } from './svg.js';
import { stepDecimals } from './scale.js';
import type { ReportData } from './types.js';
import { VALUE_PARTS } from '../economics/valuation.js';
import { breakEvenSentence, incidentsPhrase, partLabel } from './wording.js';
import { uncertaintySection, uncertaintySummary, type UncertaintyChartName } from './uncertainty.js';

/**
 * One of the projection's assumptions as the run wrote it (in English, as report.json keeps
 * it: `parameter = value (default; source)`, `… (scenario file)`, or a measured total churn),
 * with its fixed words in the report's language. The sources themselves are quoted as
 * published. A line of another form is printed as it is.
 */
function projectionAssumption(line: string): string {
  if (activeLocale() === 'en') return line;
  const c = t();
  const pct = (s: string) => formatPercent(Number(s) / 100);
  const churn = /^total churn: (.+) = (\S+) \(measured over (\d+) months: ([\d.]+)% a year = other causes ([\d.]+)% \+ problems ([\d.]+)% \+ word of mouth ([\d.]+)%\)$/.exec(line);
  if (churn !== null) {
    const [, policy, value, months, annual, other, problems, wom] = churn as unknown as [string, string, string, string, string, string, string, string];
    return c.projectionTotalChurn(policy, value, months, pct(annual), pct(other), pct(problems), pct(wom));
  }
  const fromFile = /^(.+? = [\s\S]*) \(scenario file\)$/.exec(line);
  if (fromFile !== null) return `${fromFile[1]!} (${c.sourceNames['scenario file'] ?? 'scenario file'})`;
  const byDefault = /^(.+? = [\s\S]*?) \(default; ([\s\S]*)\)$/.exec(line);
  if (byDefault !== null) return `${byDefault[1]!} (${c.projectionDefault(byDefault[2]!)})`;
  return line;
}

export interface TableColumn {
  readonly label: string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  /** Shown as code (parameter paths). */
  readonly code?: boolean;
  /** Cells are a human label with the raw parameter path in small print ({@link labelled}). */
  readonly labelled?: boolean;
}

/** A cell of a `labelled` column: "Customer retention" over `economics.retention` in small print. */
export function labelled(label: string | undefined, path: string): string {
  return label === undefined || label === '' ? path : `${label}\u0000${path}`;
}

/** A labelled cell's parts (the path alone when it has no label). */
export function labelParts(cell: string): { readonly label: string | null; readonly path: string } {
  const i = cell.indexOf('\u0000');
  return i < 0 ? { label: null, path: cell } : { label: cell.slice(0, i), path: cell.slice(i + 1) };
}

export type Block =
  | { readonly kind: 'paragraph'; readonly text: Sentence; readonly note?: boolean }
  | { readonly kind: 'list'; readonly items: readonly Sentence[] }
  | {
      readonly kind: 'table';
      readonly title?: string;
      readonly columns: readonly TableColumn[];
      readonly rows: ReadonlyArray<readonly string[]>;
      /** Detail for readers who want every number: folded away in HTML, kept in Markdown. */
      readonly detail?: boolean;
    }
  | { readonly kind: 'figure'; readonly chart: ChartName | UncertaintyChartName; readonly svg: string; readonly alt: string; readonly caption: string }
  | { readonly kind: 'definitions'; readonly items: ReadonlyArray<readonly [string, string]> }
  | { readonly kind: 'subheading'; readonly text: string };

export interface ReportSection {
  readonly id: string;
  readonly heading: string;
  readonly blocks: readonly Block[];
}

export interface ReportDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly ReportSection[];
}

function figure(chart: ChartName, svg: string | null, caption: string): Block[] {
  return svg === null ? [] : [{ kind: 'figure', chart, svg, alt: t().chartAlt[chart], caption }];
}

const money = (x: number | null | undefined, decimals = moneyDecimals(x)) => formatNumber(x, decimals);

function darkNumberSection(data: ReportData): ReportSection {
  const cur = data.currency;
  const rows = data.policies.map((p) => {
    const s = darkNumberOf(p);
    const d = decimalsFor(s?.mean, s?.p95);
    return [
      p.name,
      formatNumber(s?.mean, d),
      formatInterval(ci95Of(s), d),
      formatNumber(s?.p05, d),
      formatNumber(s?.p50, d),
      formatNumber(s?.p95, d),
      money(p.metrics['parts.prospectsLost'] === undefined ? undefined : -p.metrics['parts.prospectsLost'].mean),
    ];
  });
  const h = darkNumberHistogram(data);
  const binDecimals = stepDecimals(h.width);
  return {
    id: 'dark-number',
    heading: t().darkHeading,
    blocks: [
      {
        kind: 'paragraph',
        text: [t().darkIntro(incidentsPhrase(data.incidents), formatNumber(data.replicates, 0))],
      },
      ...figure('dark-number', darkNumberChart(data), t().darkCaption),
      {
        kind: 'table',
        title: t().darkTable(incidentsPhrase(data.incidents)),
        columns: [
          { label: t().policy },
          { label: t().mean, numeric: true },
          { label: t().ciColumn, numeric: true },
          { label: '5%', numeric: true },
          { label: t().median, numeric: true },
          { label: '95%', numeric: true },
          { label: t().worthColumn(cur), numeric: true },
        ],
        rows,
      },
      {
        kind: 'table',
        title: t().histogramTable,
        detail: true,
        columns: [{ label: t().lostProspectsColumn, numeric: true }, ...h.policies.map((name) => ({ label: name, numeric: true }))],
        rows: h.bins.map((b) => [
          t().rangeTo(formatNumber(b.low, binDecimals), formatNumber(b.high, binDecimals)),
          ...b.counts.map((c) => formatNumber(c, 0)),
        ]),
      },
    ],
  };
}

const moneyParts = (): ReadonlyArray<readonly [string, string]> => VALUE_PARTS.map((k) => [`parts.${k}`, partLabel(k)] as const);

const signedMoney = (x: number | null | undefined, decimals = moneyDecimals(x)): string => {
  const text = money(x, decimals);
  return typeof x === 'number' && Number.isFinite(x) && x > 0 && text !== formatNumber(0, decimals) ? `+${text}` : text;
};

/** The headline: each policy against the baseline, per incident and for the scenario's incidents, its parts, the break-even loss value, both valuations. */
function differenceSection(data: ReportData): ReportSection {
  const c = t();
  const cur = data.currency;
  const per = incidentsPhrase(data.incidents);
  const diffs = differencesAgainstBaseline(data);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        c.eachAgainst,
        { strong: data.baseline },
        c.differenceIntro(per),
      ],
    },
    {
      kind: 'table',
      title: c.differenceTable(data.baseline, cur),
      columns: [
        { label: c.policy },
        { label: c.perIncidentColumn, numeric: true },
        { label: per, numeric: true },
        { label: c.ciColumn, numeric: true },
        { label: c.betterIn, numeric: true },
      ],
      rows: diffs.map(({ policy, difference }) => {
        const s = difference.difference;
        const pi = difference.perIncident;
        // Rounded to what the uncertainty supports: two significant digits of the CI half-width.
        const r = roundedEstimate(s.mean, ci95Of(s), moneyDecimals(s.mean, s.p05, s.p95));
        const ri = pi === null ? null : roundedEstimate(pi.mean, ci95Of(pi), moneyDecimals(pi.mean, ...(ci95Of(pi) ?? [])));
        return [
          policy.name,
          ri === null ? 'n/a' : signedMoney(ri.mean, ri.decimals),
          signedMoney(r.mean, r.decimals),
          formatInterval(r.ci, r.decimals),
          `${formatPercent(difference.probabilityBetter)} ± ${formatPercent(difference.probabilityBetterSe)}`,
        ];
      }),
    },
    { kind: 'subheading', text: c.partsHeading },
    {
      kind: 'paragraph',
      text: [
        c.partsIntro,
      ],
    },
    ...figure('waterfall', waterfallChart(data), c.waterfallCaption(per)),
    {
      kind: 'table',
      title: c.partsTable(per, cur),
      columns: [{ label: c.part }, ...diffs.map(({ policy }) => ({ label: policy.name, numeric: true }))],
      rows: [
        ...VALUE_PARTS.filter((k) => diffs.some(({ difference }) => difference.parts[k] !== 0)).map((k) => [partLabel(k), ...diffs.map(({ difference }) => signedMoney(difference.parts[k], 0))]),
        [c.theDifference, ...diffs.map(({ difference }) => signedMoney(difference.difference.mean, 0))],
      ],
    },
    { kind: 'subheading', text: c.lossValueHeading },
    {
      kind: 'paragraph',
      text: [c.lossValueIntro],
    },
    { kind: 'list', items: diffs.map(({ policy, difference }) => [{ strong: `${policy.name}:` }, ` ${capitalise(breakEvenSentence(difference, data))}`]) },
  ];
  const acq = data.economics.acquisitionCost;
  const ltv = data.economics.customerValue;
  const headlineIsLtv = data.economics.lossValuation === 'lifetime-value';
  blocks.push(
    { kind: 'subheading', text: c.valuationsHeading },
    {
      kind: 'paragraph',
      text: [
        c.valuationsIntro(formatMoney(ltv, cur, moneyDecimals(ltv)), acq === null ? null : formatMoney(acq, cur, moneyDecimals(acq)), headlineIsLtv),
        ...(acq === null ? [c.noReplacement] : []),
      ],
    },
    {
      kind: 'table',
      title: c.valuationsTable(per, cur),
      columns: [
        { label: c.policy },
        { label: c.lifetimeValueColumn(formatMoney(ltv, cur, moneyDecimals(ltv))), numeric: true },
        { label: c.betterIn, numeric: true },
        ...(acq === null ? [] : [{ label: c.replacementColumn(formatMoney(acq, cur, moneyDecimals(acq))), numeric: true }, { label: c.betterIn, numeric: true }]),
      ],
      rows: diffs.map(({ policy, difference }) => {
        const l = difference.valuations['lifetime-value'];
        const r = difference.valuations.replacement;
        return [
          policy.name,
          signedMoney(l.difference.mean, 0),
          formatPercent(l.probabilityBetter),
          ...(acq === null ? [] : r === null ? ['n/a', 'n/a'] : [signedMoney(r.difference.mean, 0), formatPercent(r.probabilityBetter)]),
        ];
      }),
    },
  );
  return { id: 'difference', heading: c.differenceHeading, blocks };
}

/** How far the story travelled: people who heard, by hop, and the customers at risk. */
function storySection(data: ReportData): ReportSection {
  const c = t();
  const per = incidentsPhrase(data.incidents);
  const hops = storyHops(data);
  const q = (s: MetricSummary | undefined) => (s === undefined ? 'n/a' : formatNumber(s.mean, decimalsFor(s.mean)));
  const rows: Array<readonly [string, string]> = ['tellers', 'reachedNegative', 'customersAtRisk', 'expectedChurnedCustomers', 'expectedLostProspects', 'publicViewers', 'maxHop'].map(
    (m) => [m, c.storyRows[m] ?? m] as const,
  );
  const present = rows.filter(([m]) => data.policies.some((p) => p.metrics[m] !== undefined && (m !== 'publicViewers' || p.metrics[m]!.mean > 0)));
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [c.storyIntro(per)],
    },
    ...figure('story', storyChart(data), c.storyCaption),
    {
      kind: 'table',
      title: c.storyTable(per),
      columns: [{ label: '' }, ...data.policies.map((p) => ({ label: p.name, numeric: true }))],
      rows: present.map(([m, label]) => [label, ...data.policies.map((p) => q(p.metrics[m]))]),
    },
  ];
  if (hops.length > 0) {
    blocks.push({
      kind: 'table',
      title: c.storyHopTable,
      detail: true,
      columns: [{ label: c.hop, numeric: true }, ...data.policies.map((p) => ({ label: p.name, numeric: true }))],
      rows: hops.map((h) => [formatNumber(h, 0), ...data.policies.map((p) => q(p.metrics[`negativeByHop.${h}`]))]),
    });
  }
  return { id: 'story', heading: c.storyHeading, blocks };
}

function comparisonSection(data: ReportData): ReportSection {
  const c = t();
  const cur = data.currency;
  const per = incidentsPhrase(data.incidents);
  const policies = data.policies.filter((p) => incidentCostOf(p) !== undefined);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [c.costIntro(per, c.counterfactual)],
    },
    ...figure(
      'policy-comparison',
      policyComparisonChart(data),
      c.costCaption(data.baseline),
    ),
    {
      kind: 'table',
      title: c.costTable(per, cur),
      columns: [{ label: c.policy }, { label: c.mean, numeric: true }, { label: c.ciColumn, numeric: true }, { label: c.rangeOfRuns, numeric: true }],
      rows: policies.map((p) => {
        const s = incidentCostOf(p)!;
        const d = moneyDecimals(s.mean, s.p05, s.p95);
        return [p.name, money(s.mean, d), formatInterval(ci95Of(s), d), formatInterval([s.p05, s.p95], d)];
      }),
    },
  ];
  const parts = moneyParts().filter(([m]) => policies.some((p) => p.metrics[m] !== undefined));
  if (parts.length > 1) {
    blocks.push({
      kind: 'table',
      title: c.costPartsTable(per, cur),
      detail: true,
      columns: [{ label: c.part }, ...policies.map((p) => ({ label: p.name, numeric: true }))],
      rows: [
        ...parts.map(([m, label]) => [label, ...policies.map((p) => money(p.metrics[m] === undefined ? undefined : -p.metrics[m]!.mean))]),
        [c.costOfIncidents, ...policies.map((p) => money(incidentCostOf(p)!.mean))],
      ],
    });
  }
  return { id: 'comparison', heading: c.costHeading, blocks };
}

function breakEvenSection(data: ReportData): ReportSection {
  const be = data.breakEven!;
  const isMoney = isMoneyParameter(be.parameter);
  const dec = isMoney ? moneyDecimals(be.value, be.ci95Low, be.ci95High) : decimalsFor(be.value, be.ci95Low, be.ci95High);
  const unit = isMoney ? ` (${data.currency})` : '';
  const [a, b] = be.policies;
  const c = t();
  return {
    id: 'break-even',
    heading: c.breakEvenHeading,
    blocks: [
      {
        kind: 'paragraph',
        text: [
          c.breakEvenIntro1(parameterPhrase(be.parameter)),
          { strong: a },
          c.and,
          { strong: b },
          c.breakEvenIntro2(formatNumber(be.evaluations, 0), formatNumber(be.replicates, 0), be.replicates < data.replicates ? formatNumber(data.replicates, 0) : null),
        ],
      },
      ...figure('break-even', breakEvenChart(data), ''),
      {
        kind: 'table',
        columns: [
          { label: c.parameter, code: true },
          { label: c.breakEvenColumn(unit), numeric: true },
          { label: c.standardError, numeric: true },
          { label: c.ciColumn, numeric: true },
          { label: c.slopeColumn(data.currency, isMoney ? data.currency : c.unit), numeric: true },
        ],
        rows: [[be.parameter, formatNumber(be.value, dec), formatNumber(be.se, decimalsFor(be.se)), formatInterval(ci95Of(be), dec), formatNumber(be.slope, decimalsFor(be.slope))]],
      },
    ],
  };
}

function sensitivitySection(data: ReportData): ReportSection {
  const c = t();
  const views = tornadoViews(data);
  const sens = data.sensitivity!;
  const all = views.flatMap((v) => [v.base, ...v.rows.flatMap((r) => [r.atLow, r.atHigh])]);
  const dec = moneyDecimals(...all);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [c.sensitivityIntro(data.baseline, formatNumber(sens.replicates, 0), sens.replicates < data.replicates ? formatNumber(data.replicates, 0) : null)],
    },
    ...figure('tornado', tornadoChart(data), c.tornadoCaption),
    ...views.map(
      (v): Block => ({
        kind: 'table',
        title: c.sensitivityTable(v.policy, v.against, data.currency, incidentsPhrase(data.incidents)),
        columns: [
          { label: c.parameter, code: true },
          { label: c.range },
          { label: c.atLow, numeric: true },
          { label: c.atHigh, numeric: true },
          { label: c.swing, numeric: true },
          { label: c.sourceOfRange },
        ],
        rows: v.rows.map((r) => [r.parameter, rangeText(r), money(r.atLow, dec), money(r.atHigh, dec), money(r.swing, dec), r.source]),
      }),
    ),
  ];
  if (sens.skipped.length > 0) {
    blocks.push({ kind: 'paragraph', note: true, text: [c.notSwung, ...sens.skipped.map((x, i) => `${i > 0 ? '; ' : ''}${x.parameter} (${x.reason})`), '.'] });
  }
  return { id: 'sensitivity', heading: c.sensitivityHeading, blocks };
}

function projectionSection(data: ReportData): ReportSection {
  const proj = data.projection!;
  const rows = projectionRows(data);
  const names = projectionPolicies(data);
  const ordered = names.flatMap((n) => rows.filter((r) => r.policy === n).slice().sort((a, b) => a.month - b.month));
  const d = decimalsFor(...rows.map((r) => r.p95));
  const c = t();
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [c.projectionIntro(metricName(proj.metric), formatNumber(proj.replicates, 0), proj.replicates < data.replicates ? formatNumber(data.replicates, 0) : null)],
    },
    ...figure('projection', projectionChart(data), c.projectionCaption),
  ];
  if (proj.assumptions.length > 0) {
    blocks.push({ kind: 'paragraph', text: [c.projectionAssumes] }, { kind: 'list', items: proj.assumptions.map((a) => [projectionAssumption(a)]) });
  }
  blocks.push({
    kind: 'table',
    title: c.projectionTable(metricName(proj.metric)),
    detail: true,
    columns: [
      { label: c.policy },
      { label: c.month, numeric: true },
      { label: c.mean, numeric: true },
      { label: '5%', numeric: true },
      { label: '25%', numeric: true },
      { label: c.median, numeric: true },
      { label: '75%', numeric: true },
      { label: '95%', numeric: true },
    ],
    rows: ordered.map((r) => [
      r.policy,
      formatNumber(r.month, 0),
      formatNumber(r.mean, d),
      formatNumber(r.p05, d),
      formatNumber(r.p25, d),
      formatNumber(r.p50, d),
      formatNumber(r.p75, d),
      formatNumber(r.p95, d),
    ]),
  });
  return { id: 'projection', heading: c.projectionHeading, blocks };
}

function policiesSection(data: ReportData): ReportSection {
  return {
    id: 'policies',
    heading: t().policiesHeading,
    blocks: [
      {
        kind: 'table',
        columns: [{ label: t().policy }, { label: t().whatItDoes }],
        rows: data.policies.map((p) => [p.name === data.baseline ? t().baselineMark(p.name) : p.name, p.description]),
      },
    ],
  };
}

function assumptionsSection(data: ReportData): ReportSection {
  const ranks = new Map(tornadoRows(data).map((r, i) => [r.parameter, i + 1]));
  const withRank = data.sensitivity !== undefined;
  const c = t();
  return {
    id: 'assumptions',
    heading: c.assumptionsHeading,
    blocks: [
      {
        kind: 'paragraph',
        text: [
          c.assumptionsIntro,
          ...(withRank ? [c.assumptionsRank] : []),
        ],
      },
      {
        kind: 'table',
        columns: [
          { label: c.parameter, labelled: true },
          // Values are numbers and words ("lifetime-value", "no limit"): left-aligned, free to wrap.
          { label: c.value },
          { label: c.unit },
          { label: c.source },
          ...(withRank ? [{ label: c.rank, numeric: true }] : []),
        ],
        rows: data.assumptions.map((a) => [labelled(c.parameterLabels[a.parameter] ?? a.label, a.parameter), a.value, c.unitNames[a.unit] ?? a.unit, c.sourceNames[a.source] ?? a.source, ...(withRank ? [ranks.has(a.parameter) ? String(ranks.get(a.parameter)) : ''] : [])]),
      },
    ],
  };
}

function reproduceSection(data: ReportData): ReportSection {
  return {
    id: 'reproduce',
    heading: t().reproduceHeading,
    blocks: [
      {
        kind: 'definitions',
        items: [
          [t().scenario, data.scenario],
          [t().seed, data.seed],
          [t().replicates, formatNumber(data.replicates, 0)],
          [t().version, data.version],
        ],
      },
      {
        kind: 'paragraph',
        note: true,
        text: [t().reproduceNote],
      },
    ],
  };
}

/** Builds the report's content from the data, in its language (data.locale, English by default). */
export function buildReportDocument(data: ReportData): ReportDocument {
  checkReportData(data);
  return withLocale(data.locale, () => build(data));
}

function build(data: ReportData): ReportDocument {
  const c = t();
  const summary: Block[] = [];
  if (data.description !== undefined && data.description !== '') summary.push({ kind: 'paragraph', text: [data.description] });
  summary.push({ kind: 'list', items: [...summarySentences(data), ...uncertaintySummary(data)] });
  if (data.warnings !== undefined && data.warnings.length > 0) {
    summary.push({ kind: 'paragraph', text: [{ strong: c.checkFirst }] }, { kind: 'list', items: data.warnings.map((w) => [w]) });
  }
  summary.push({ kind: 'paragraph', note: true, text: [periodNote(data)] });
  const sections: ReportSection[] = [{ id: 'summary', heading: c.inShort, blocks: summary }, policiesSection(data)];
  if (hasDifference(data)) sections.push(differenceSection(data));
  if (hasStory(data)) sections.push(storySection(data));
  if (hasDarkNumber(data)) sections.push(darkNumberSection(data));
  if (hasComparison(data)) sections.push(comparisonSection(data));
  if (hasBreakEven(data)) sections.push(breakEvenSection(data));
  if (hasSensitivity(data)) sections.push(sensitivitySection(data));
  const uncertainty = uncertaintySection(data);
  if (uncertainty !== null) sections.push(uncertainty);
  if (hasProjection(data)) sections.push(projectionSection(data));
  if (data.assumptions.length > 0) sections.push(assumptionsSection(data));
  sections.push(reproduceSection(data));
  const subtitle = c.subtitle(data.scenario, baselineOf(data).name, formatNumber(data.replicates, 0), incidentsPhrase(data.incidents), data.seed, data.version);
  return { title: data.title, subtitle, sections };
}

