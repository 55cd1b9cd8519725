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
  hasSensitivity,
  isMoneyParameter,
  projectionPolicies,
  projectionRows,
  tornadoRows,
  tornadoView,
} from './data.js';
import {
  ci95Of,
  decimalsFor,
  formatInterval,
  formatMoney,
  formatNumber,
  formatPercent,
  formatValue,
  moneyDecimals,
} from './format.js';
import { parameterPhrase, periodNote, summarySentences, type Sentence } from './summary.js';
import { breakEvenChart, darkNumberChart, policyComparisonChart, projectionChart, tornadoChart, type ChartName } from './svg.js';
import { stepDecimals } from './scale.js';
import type { ReportData } from './types.js';
import { VALUE_PARTS } from '../economics/valuation.js';
import { PART_LABELS } from './wording.js';
import { uncertaintySection, uncertaintySummary, type UncertaintyChartName } from './uncertainty.js';

export interface TableColumn {
  readonly label: string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  /** Shown as code (parameter paths). */
  readonly code?: boolean;
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
  | { readonly kind: 'definitions'; readonly items: ReadonlyArray<readonly [string, string]> };

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

const CHART_ALT: Readonly<Record<ChartName, string>> = {
  'dark-number': 'The dark number: histograms of prospects lost per simulated period, by policy',
  'policy-comparison': 'Net value per policy with 95% confidence intervals, and differences from the baseline',
  'break-even': 'Break-even chart: mean paired difference against the parameter',
  tornado: 'Tornado chart: the outcome with each assumption at the low and high end of its range',
  projection: 'Projection fan charts: bands of the simulated runs month by month',
};

function figure(chart: ChartName, svg: string | null, caption: string): Block[] {
  return svg === null ? [] : [{ kind: 'figure', chart, svg, alt: CHART_ALT[chart], caption }];
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
    heading: 'The dark number',
    blocks: [
      {
        kind: 'paragraph',
        text: [
          'Prospects who hear a bad story and quietly buy elsewhere never show up in the sales figures. The histograms show how many were turned away in each simulated period; the table gives the mean with its 95% confidence interval and the spread between periods.',
        ],
      },
      ...figure('dark-number', darkNumberChart(data), 'Each panel is one policy; all panels share the bins and the vertical scale. The dashed line is the mean.'),
      {
        kind: 'table',
        title: 'Lost prospects per period',
        columns: [
          { label: 'policy' },
          { label: 'mean', numeric: true },
          { label: '95% CI', numeric: true },
          { label: '5%', numeric: true },
          { label: 'median', numeric: true },
          { label: '95%', numeric: true },
          { label: `worth (${cur})`, numeric: true },
        ],
        rows,
      },
      {
        kind: 'table',
        title: 'Histogram: simulated periods per bin',
        detail: true,
        columns: [{ label: 'lost prospects', numeric: true }, ...h.policies.map((name) => ({ label: name, numeric: true }))],
        rows: h.bins.map((b) => [
          `${formatNumber(b.low, binDecimals)} to ${formatNumber(b.high, binDecimals)}`,
          ...b.counts.map((c) => formatNumber(c, 0)),
        ]),
      },
    ],
  };
}

const MONEY_PARTS: ReadonlyArray<readonly [string, string]> = [...VALUE_PARTS.map((k) => [`parts.${k}`, PART_LABELS[k]] as const), ['netValue', 'net value']];

function comparisonSection(data: ReportData): ReportSection {
  const cur = data.currency;
  const policies = data.policies.filter((p) => p.metrics.netValue !== undefined);
  const diffs = differencesAgainstBaseline(data);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        'Net value = money kept − handling cost − the lifetime value of customers and prospects lost + the value of referrals and win-backs (see docs/model.md). Every policy ran on the same random streams — the same customers had the same problems — so the differences between policies are paired and much less noisy than the net values themselves.',
      ],
    },
    ...figure(
      'policy-comparison',
      policyComparisonChart(data),
      `Dots are means, thick bars their 95% confidence intervals, thin grey lines the range of 90% of simulated periods. Lower panel: the paired difference from ${data.baseline}; right of the black line is better.`,
    ),
    {
      kind: 'table',
      title: `Net value per period (${cur})`,
      columns: [{ label: 'policy' }, { label: 'mean', numeric: true }, { label: '95% CI', numeric: true }, { label: '5% to 95% of periods', numeric: true }],
      rows: policies.map((p) => {
        const s = p.metrics.netValue!;
        const d = moneyDecimals(s.mean, s.p05, s.p95);
        return [p.name, money(s.mean, d), formatInterval(ci95Of(s), d), formatInterval([s.p05, s.p95], d)];
      }),
    },
  ];
  if (diffs.length > 0) {
    blocks.push({
      kind: 'table',
      title: `Against ${data.baseline}: paired difference in net value per period (${cur})`,
      columns: [
        { label: 'policy' },
        { label: 'mean', numeric: true },
        { label: '95% CI', numeric: true },
        { label: '5% to 95% of periods', numeric: true },
        { label: 'better in', numeric: true },
      ],
      rows: diffs.map(({ policy, difference }) => {
        const s = difference.difference;
        const d = moneyDecimals(s.mean, s.p05, s.p95);
        return [
          policy.name,
          money(s.mean, d),
          formatInterval(ci95Of(s), d),
          formatInterval([s.p05, s.p95], d),
          `${formatPercent(difference.probabilityBetter)} ± ${formatPercent(difference.probabilityBetterSe)}`,
        ];
      }),
    });
  }
  const parts = MONEY_PARTS.filter(([m]) => policies.some((p) => p.metrics[m] !== undefined));
  if (parts.length > 1) {
    blocks.push({
      kind: 'table',
      title: `Where the net value comes from: means per period (${cur})`,
      detail: true,
      columns: [{ label: 'part' }, ...policies.map((p) => ({ label: p.name, numeric: true }))],
      rows: parts.map(([m, label]) => [label, ...policies.map((p) => money(p.metrics[m]?.mean))]),
    });
  }
  return { id: 'comparison', heading: 'Which policy is worth more', blocks };
}

function breakEvenSection(data: ReportData): ReportSection {
  const be = data.breakEven!;
  const isMoney = isMoneyParameter(be.parameter);
  const dec = isMoney ? moneyDecimals(be.value, be.ci95Low, be.ci95High) : decimalsFor(be.value, be.ci95Low, be.ci95High);
  const unit = isMoney ? ` (${data.currency})` : '';
  const [a, b] = be.policies;
  return {
    id: 'break-even',
    heading: 'Break-even',
    blocks: [
      {
        kind: 'paragraph',
        text: [
          `At which ${parameterPhrase(be.parameter).replace(/^the /, '')} would `,
          { strong: a },
          ' and ',
          { strong: b },
          ` be worth the same? Found by bisection on the mean paired difference of net value (${formatNumber(be.evaluations, 0)} evaluations on the same random streams); the standard error comes from the delta method, SE of the difference divided by its slope.`,
        ],
      },
      ...figure('break-even', breakEvenChart(data), ''),
      {
        kind: 'table',
        columns: [
          { label: 'parameter', code: true },
          { label: `break-even${unit}`, numeric: true },
          { label: 'standard error', numeric: true },
          { label: '95% CI', numeric: true },
          { label: `slope (${data.currency} per period per ${isMoney ? data.currency : 'unit'})`, numeric: true },
        ],
        rows: [[be.parameter, formatNumber(be.value, dec), formatNumber(be.se, decimalsFor(be.se)), formatInterval(ci95Of(be), dec), formatNumber(be.slope, decimalsFor(be.slope))]],
      },
    ],
  };
}

function sensitivitySection(data: ReportData): ReportSection {
  const sens = tornadoView(data)!;
  const rows = tornadoRows(data);
  const dec = moneyDecimals(sens.base, ...rows.flatMap((r) => [r.atLow, r.atHigh]));
  return {
    id: 'sensitivity',
    heading: 'What drives the result',
    blocks: [
      {
        kind: 'paragraph',
        text: [
          `Each assumption is moved to the low and then the high end of its range while every other stays at its base value, all on the same random streams. The outcome is ${sens.outcome}; its base value is `,
          { strong: formatMoney(sens.base, data.currency, dec) },
          '. The longest bars are the assumptions worth checking first.',
        ],
      },
      ...figure('tornado', tornadoChart(data), 'Sorted by swing, the largest first. Ranges and their sources are in the table.'),
      {
        kind: 'table',
        title: `${sens.outcome} (${data.currency} per period)`,
        columns: [
          { label: 'parameter', code: true },
          { label: 'range', numeric: true },
          { label: 'at low', numeric: true },
          { label: 'at high', numeric: true },
          { label: 'swing', numeric: true },
          { label: 'source of the range' },
        ],
        rows: rows.map((r) => [r.parameter, `${formatValue(r.low)} to ${formatValue(r.high)}`, money(r.atLow, dec), money(r.atHigh, dec), money(r.swing, dec), r.source]),
      },
    ],
  };
}

function projectionSection(data: ReportData): ReportSection {
  const proj = data.projection!;
  const rows = projectionRows(data);
  const names = projectionPolicies(data);
  const ordered = names.flatMap((n) => rows.filter((r) => r.policy === n).slice().sort((a, b) => a.month - b.month));
  const d = decimalsFor(...rows.map((r) => r.p95));
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [`How ${proj.metric} may develop month by month under each policy. The bands hold 50% and 90% of the simulated runs; the line is the median run.`],
    },
    ...figure('projection', projectionChart(data), 'One panel per policy, on a common scale.'),
  ];
  if (proj.assumptions.length > 0) {
    blocks.push({ kind: 'paragraph', text: ['The projection assumes:'] }, { kind: 'list', items: proj.assumptions.map((a) => [a]) });
  }
  blocks.push({
    kind: 'table',
    title: `${proj.metric} by month`,
    detail: true,
    columns: [
      { label: 'policy' },
      { label: 'month', numeric: true },
      { label: 'mean', numeric: true },
      { label: '5%', numeric: true },
      { label: '25%', numeric: true },
      { label: 'median', numeric: true },
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
  return { id: 'projection', heading: 'Projection', blocks };
}

function policiesSection(data: ReportData): ReportSection {
  return {
    id: 'policies',
    heading: 'The policies compared',
    blocks: [
      {
        kind: 'table',
        columns: [{ label: 'policy' }, { label: 'what it does' }],
        rows: data.policies.map((p) => [p.name === data.baseline ? `${p.name} (baseline)` : p.name, p.description]),
      },
    ],
  };
}

function assumptionsSection(data: ReportData): ReportSection {
  const ranks = new Map(tornadoRows(data).map((r, i) => [r.parameter, i + 1]));
  const withRank = data.sensitivity !== undefined;
  return {
    id: 'assumptions',
    heading: 'Assumptions',
    blocks: [
      {
        kind: 'paragraph',
        text: [
          'The values the result rests on. Sources are labelled [Q] quoted by a secondary source, [S] seen in the source, [A] an assumption to replace with your own figure when you have one.',
          ...(withRank ? [' "Rank" is the place in the sensitivity ranking above, for the assumptions that were swung.'] : []),
        ],
      },
      {
        kind: 'table',
        columns: [
          { label: 'parameter', code: true },
          { label: 'value', numeric: true },
          { label: 'unit' },
          { label: 'source' },
          ...(withRank ? [{ label: 'rank', numeric: true }] : []),
        ],
        rows: data.assumptions.map((a) => [a.parameter, a.value, a.unit, a.source, ...(withRank ? [ranks.has(a.parameter) ? String(ranks.get(a.parameter)) : ''] : [])]),
      },
    ],
  };
}

function reproduceSection(data: ReportData): ReportSection {
  return {
    id: 'reproduce',
    heading: 'Reproducing these numbers',
    blocks: [
      {
        kind: 'definitions',
        items: [
          ['scenario', data.scenario],
          ['seed', data.seed],
          ['replicates', formatNumber(data.replicates, 0)],
          ['hearsay version', data.version],
        ],
      },
      {
        kind: 'paragraph',
        note: true,
        text: ['The same scenario, seed, number of replicates and hearsay version give the same numbers on any machine, whatever the number of worker threads.'],
      },
    ],
  };
}

/** Builds the report's content from the data. */
export function buildReportDocument(data: ReportData): ReportDocument {
  checkReportData(data);
  const sections: ReportSection[] = [
    {
      id: 'summary',
      heading: 'In short',
      blocks: [
        { kind: 'list', items: [...summarySentences(data), ...uncertaintySummary(data)] },
        { kind: 'paragraph', note: true, text: [periodNote(data)] },
      ],
    },
    policiesSection(data),
  ];
  if (hasDarkNumber(data)) sections.push(darkNumberSection(data));
  if (hasComparison(data)) sections.push(comparisonSection(data));
  if (hasBreakEven(data)) sections.push(breakEvenSection(data));
  if (hasSensitivity(data)) sections.push(sensitivitySection(data));
  const uncertainty = uncertaintySection(data);
  if (uncertainty !== null) sections.push(uncertainty);
  if (hasProjection(data)) sections.push(projectionSection(data));
  if (data.assumptions.length > 0) sections.push(assumptionsSection(data));
  sections.push(reproduceSection(data));
  const subtitle = `${data.scenario} · baseline: ${baselineOf(data).name} · ${formatNumber(data.replicates, 0)} simulated periods · seed ${data.seed} · hearsay ${data.version}`;
  return { title: data.title, subtitle, sections };
}
