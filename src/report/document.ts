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
} from './format.js';
import { parameterPhrase, periodNote, rangeText, summarySentences, type Sentence } from './summary.js';
import { breakEvenChart, darkNumberChart, policyComparisonChart, projectionChart, storyChart, tornadoChart, waterfallChart, type ChartName } from './svg.js';
import { stepDecimals } from './scale.js';
import type { ReportData } from './types.js';
import { VALUE_PARTS } from '../economics/valuation.js';
import { COUNTERFACTUAL, PART_LABELS, breakEvenSentence, incidentsPhrase } from './wording.js';
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

const CHART_ALT: Readonly<Record<ChartName, string>> = {
  'dark-number': 'The dark number: histograms of prospects lost in each simulated run, by policy',
  'policy-comparison': 'Net value per policy with 95% confidence intervals, and differences from the baseline',
  'break-even': 'Break-even chart: mean paired difference against the parameter',
  tornado: 'Tornado chart: the outcome with each assumption at the low and high end of its range',
  projection: 'Projection fan charts: bands of the simulated runs month by month',
  waterfall: 'Waterfall chart: the parts of each policy\'s difference from the baseline, adding up to the difference',
  story: 'Bar chart: people who heard the bad story, by hop from the unhappy customer',
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
          `Prospects who hear a bad story and quietly buy elsewhere never show up in the sales figures. The histograms show how many were turned away ${incidentsPhrase(data.incidents)} in each of ${formatNumber(data.replicates, 0)} simulated runs; the table gives the mean with its 95% confidence interval and the spread between runs.`,
        ],
      },
      ...figure('dark-number', darkNumberChart(data), 'Each panel is one policy; all panels share the bins and the vertical scale. The dashed line is the mean.'),
      {
        kind: 'table',
        title: `Lost prospects ${incidentsPhrase(data.incidents)}`,
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
        title: 'Histogram: simulated runs per bin',
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

const MONEY_PARTS: ReadonlyArray<readonly [string, string]> = VALUE_PARTS.map((k) => [`parts.${k}`, PART_LABELS[k]] as const);

const signedMoney = (x: number | null | undefined, decimals = moneyDecimals(x)): string => {
  const text = money(x, decimals);
  return typeof x === 'number' && Number.isFinite(x) && x > 0 && text !== formatNumber(0, decimals) ? `+${text}` : text;
};

/** The headline: each policy against the baseline, per incident and for the scenario's incidents, its parts, the break-even loss value, both valuations. */
function differenceSection(data: ReportData): ReportSection {
  const cur = data.currency;
  const per = incidentsPhrase(data.incidents);
  const diffs = differencesAgainstBaseline(data);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        'Each policy against ',
        { strong: data.baseline },
        ` (the baseline, current practice), ${per}. Every policy ran on the same random streams — the same customers had the same problems and told the same friends — so the differences are paired and much less noisy than the costs themselves. A positive difference means the policy is worth more than the baseline.`,
      ],
    },
    {
      kind: 'table',
      title: `Against ${data.baseline}: the difference (${cur})`,
      columns: [
        { label: 'policy' },
        { label: 'per incident', numeric: true },
        { label: per, numeric: true },
        { label: '95% CI', numeric: true },
        { label: 'better in', numeric: true },
      ],
      rows: diffs.map(({ policy, difference }) => {
        const s = difference.difference;
        const pi = difference.perIncident;
        const d = moneyDecimals(s.mean, s.p05, s.p95);
        return [
          policy.name,
          pi === null ? 'n/a' : signedMoney(pi.mean, moneyDecimals(pi.mean, ...(ci95Of(pi) ?? []))),
          signedMoney(s.mean, d),
          formatInterval(ci95Of(s), d),
          `${formatPercent(difference.probabilityBetter)} ± ${formatPercent(difference.probabilityBetterSe)}`,
        ];
      }),
    },
    { kind: 'subheading', text: 'Where the difference comes from' },
    {
      kind: 'paragraph',
      text: [
        'The difference splits into parts that add up to it exactly: money kept or paid out, handling, customers lost after their own episode, customers lost through word of mouth, prospects lost (the dark number), prospects won and customers won back. Each part is counted in favour of the policy (+) or of the baseline (−).',
      ],
    },
    ...figure('waterfall', waterfallChart(data), `Each bar starts where the previous one ended; the last bar is the difference ${per}. Right of the line favours the policy, left of it the baseline.`),
    {
      kind: 'table',
      title: `The parts of the difference, means ${per} (${cur})`,
      columns: [{ label: 'part' }, ...diffs.map(({ policy }) => ({ label: policy.name, numeric: true }))],
      rows: [
        ...VALUE_PARTS.filter((k) => diffs.some(({ difference }) => difference.parts[k] !== 0)).map((k) => [PART_LABELS[k], ...diffs.map(({ difference }) => signedMoney(difference.parts[k], 0))]),
        ['the difference', ...diffs.map(({ difference }) => signedMoney(difference.difference.mean, 0))],
      ],
    },
    { kind: 'subheading', text: 'What a lost customer must be worth' },
    {
      kind: 'paragraph',
      text: [
        'The money one policy keeps is weighed against the people it loses. Divided, they give the value of one lost customer or prospect at which the two policies are worth the same (the break-even loss value):',
      ],
    },
    { kind: 'list', items: diffs.map(({ policy, difference }) => [{ strong: `${policy.name}:` }, ` ${capitalise(breakEvenSentence(difference, data))}`]) },
  ];
  const acq = data.economics.acquisitionCost;
  const ltv = data.economics.customerValue;
  const headlineIsLtv = data.economics.lossValuation === 'lifetime-value';
  blocks.push(
    { kind: 'subheading', text: 'Two ways to value a lost customer' },
    {
      kind: 'paragraph',
      text: [
        `A lost customer can be valued at what they would have brought in (lifetime value, ${formatMoney(ltv, cur, moneyDecimals(ltv))}) or at what winning a new one costs (replacement cost${acq === null ? '' : `, ${formatMoney(acq, cur, moneyDecimals(acq))}`}). A won customer or prospect is valued alike. The headline above uses ${headlineIsLtv ? 'lifetime value' : 'replacement cost'}.`,
        ...(acq === null ? [' The replacement valuation is left out: the scenario gives no economics.acquisitionCost.'] : []),
      ],
    },
    {
      kind: 'table',
      title: `The difference ${per} under each valuation (${cur})`,
      columns: [
        { label: 'policy' },
        { label: `lifetime value (${formatMoney(ltv, cur, moneyDecimals(ltv))})`, numeric: true },
        { label: 'better in', numeric: true },
        ...(acq === null ? [] : [{ label: `replacement cost (${formatMoney(acq, cur, moneyDecimals(acq))})`, numeric: true }, { label: 'better in', numeric: true }]),
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
  return { id: 'difference', heading: `What changing the policy is worth`, blocks };
}

/** How far the story travelled: people who heard, by hop, and the customers at risk. */
function storySection(data: ReportData): ReportSection {
  const per = incidentsPhrase(data.incidents);
  const hops = storyHops(data);
  const q = (s: MetricSummary | undefined) => (s === undefined ? 'n/a' : formatNumber(s.mean, decimalsFor(s.mean)));
  const rows: Array<readonly [string, string]> = [
    ['tellers', 'unhappy customers who told someone'],
    ['reachedNegative', 'people who heard the bad story'],
    ['customersAtRisk', 'of them, customers of the company'],
    ['expectedChurnedCustomers', 'customers expected to leave because of it'],
    ['expectedLostProspects', 'prospects expected to buy elsewhere (the dark number)'],
    ['publicViewers', 'people who saw a public complaint'],
    ['maxHop', 'hops the story travelled (mean of the farthest)'],
  ];
  const present = rows.filter(([m]) => data.policies.some((p) => p.metrics[m] !== undefined && (m !== 'publicViewers' || p.metrics[m]!.mean > 0)));
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        `Unhappy customers tell friends, who tell others. Means ${per}: how many heard the story, how many of them were the company's own customers, and how many were lost because of it. Hop 1 is the people an unhappy customer told, hop 2 the people they told, and so on.`,
      ],
    },
    ...figure('story', storyChart(data), 'Mean number of people who heard the bad story at each hop, by policy.'),
    {
      kind: 'table',
      title: `How far the story travelled, means ${per}`,
      columns: [{ label: '' }, ...data.policies.map((p) => ({ label: p.name, numeric: true }))],
      rows: present.map(([m, label]) => [label, ...data.policies.map((p) => q(p.metrics[m]))]),
    },
  ];
  if (hops.length > 0) {
    blocks.push({
      kind: 'table',
      title: 'People who heard the bad story, by hop (means)',
      detail: true,
      columns: [{ label: 'hop', numeric: true }, ...data.policies.map((p) => ({ label: p.name, numeric: true }))],
      rows: hops.map((h) => [formatNumber(h, 0), ...data.policies.map((p) => q(p.metrics[`negativeByHop.${h}`]))]),
    });
  }
  return { id: 'story', heading: 'How far the story travelled', blocks };
}

function comparisonSection(data: ReportData): ReportSection {
  const cur = data.currency;
  const per = incidentsPhrase(data.incidents);
  const policies = data.policies.filter((p) => incidentCostOf(p) !== undefined);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        `What the incidents cost each policy ${per}: money paid out and handling, plus the value of the customers and prospects lost, less referrals and customers won back (positive = a cost; see docs/model.md). ${COUNTERFACTUAL}`,
      ],
    },
    ...figure(
      'policy-comparison',
      policyComparisonChart(data),
      `Dots are means, thick bars their 95% confidence intervals, thin grey lines the range of 90% of simulated runs. Lower panel: the paired difference from ${data.baseline}; right of the black line is better.`,
    ),
    {
      kind: 'table',
      title: `Cost of these incidents, ${per} (${cur})`,
      columns: [{ label: 'policy' }, { label: 'mean', numeric: true }, { label: '95% CI', numeric: true }, { label: '5% to 95% of runs', numeric: true }],
      rows: policies.map((p) => {
        const s = incidentCostOf(p)!;
        const d = moneyDecimals(s.mean, s.p05, s.p95);
        return [p.name, money(s.mean, d), formatInterval(ci95Of(s), d), formatInterval([s.p05, s.p95], d)];
      }),
    },
  ];
  const parts = MONEY_PARTS.filter(([m]) => policies.some((p) => p.metrics[m] !== undefined));
  if (parts.length > 1) {
    blocks.push({
      kind: 'table',
      title: `Where the cost comes from: means ${per} (${cur})`,
      detail: true,
      columns: [{ label: 'part' }, ...policies.map((p) => ({ label: p.name, numeric: true }))],
      rows: [
        ...parts.map(([m, label]) => [label, ...policies.map((p) => money(p.metrics[m] === undefined ? undefined : -p.metrics[m]!.mean))]),
        ['cost of these incidents', ...policies.map((p) => money(incidentCostOf(p)!.mean))],
      ],
    });
  }
  return { id: 'comparison', heading: 'What the incidents cost', blocks };
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
          ` be worth the same? Found by bisection on the mean paired difference of net value (${formatNumber(be.evaluations, 0)} evaluations on the same random streams, ${formatNumber(be.replicates, 0)} replicates each${be.replicates < data.replicates ? `, fewer than the headline's ${formatNumber(data.replicates, 0)}` : ''}); the standard error comes from the delta method, SE of the difference divided by its slope.`,
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
          { label: `slope (${data.currency} per ${isMoney ? data.currency : 'unit'})`, numeric: true },
        ],
        rows: [[be.parameter, formatNumber(be.value, dec), formatNumber(be.se, decimalsFor(be.se)), formatInterval(ci95Of(be), dec), formatNumber(be.slope, decimalsFor(be.slope))]],
      },
    ],
  };
}

function sensitivitySection(data: ReportData): ReportSection {
  const views = tornadoViews(data);
  const sens = data.sensitivity!;
  const all = views.flatMap((v) => [v.base, ...v.rows.flatMap((r) => [r.atLow, r.atHigh])]);
  const dec = moneyDecimals(...all);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        `Each assumption is moved to the low and then the high end of its range while every other stays at its value in the scenario, on the same random streams, for every policy against ${data.baseline}. Each swing ran ${formatNumber(sens.replicates, 0)} replicates${sens.replicates < data.replicates ? ` (fewer than the headline's ${formatNumber(data.replicates, 0)})` : ''}; the bars are anchored at the headline difference. The longest bars are the assumptions worth checking first.`,
      ],
    },
    ...figure('tornado', tornadoChart(data), 'One panel per policy, sorted by swing, the largest first. Ranges and their sources are in the table.'),
    ...views.map(
      (v): Block => ({
        kind: 'table',
        title: `${v.policy} against ${v.against}: the difference with each assumption at the ends of its range (${data.currency}, ${incidentsPhrase(data.incidents)})`,
        columns: [
          { label: 'parameter', code: true },
          { label: 'range' },
          { label: 'at low', numeric: true },
          { label: 'at high', numeric: true },
          { label: 'swing', numeric: true },
          { label: 'source of the range' },
        ],
        rows: v.rows.map((r) => [r.parameter, rangeText(r), money(r.atLow, dec), money(r.atHigh, dec), money(r.swing, dec), r.source]),
      }),
    ),
  ];
  if (sens.skipped.length > 0) {
    blocks.push({ kind: 'paragraph', note: true, text: ['Not swung: ', ...sens.skipped.map((x, i) => `${i > 0 ? '; ' : ''}${x.parameter} (${x.reason})`), '.'] });
  }
  return { id: 'sensitivity', heading: 'What drives the result', blocks };
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
      text: [`How ${proj.metric} may develop month by month under each policy. The bands hold 50% and 90% of the ${formatNumber(proj.replicates, 0)} simulated runs${proj.replicates < data.replicates ? ` (fewer than the headline's ${formatNumber(data.replicates, 0)})` : ''}; the line is the median run.`],
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
  const summary: Block[] = [];
  if (data.description !== undefined && data.description !== '') summary.push({ kind: 'paragraph', text: [data.description] });
  summary.push({ kind: 'list', items: [...summarySentences(data), ...uncertaintySummary(data)] });
  if (data.warnings !== undefined && data.warnings.length > 0) {
    summary.push({ kind: 'paragraph', text: [{ strong: 'Check before relying on these numbers:' }] }, { kind: 'list', items: data.warnings.map((w) => [w]) });
  }
  summary.push({ kind: 'paragraph', note: true, text: [periodNote(data)] });
  const sections: ReportSection[] = [{ id: 'summary', heading: 'In short', blocks: summary }, policiesSection(data)];
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
  const subtitle = `${data.scenario} · baseline: ${baselineOf(data).name} · ${formatNumber(data.replicates, 0)} simulated runs, figures ${incidentsPhrase(data.incidents)} · seed ${data.seed} · hearsay ${data.version}`;
  return { title: data.title, subtitle, sections };
}

const capitalise = (text: string): string => (text.startsWith('\u201c') ? text : text.charAt(0).toUpperCase() + text.slice(1));
