/**
 * The client report: an HTML page and its Markdown twin, charts as inline SVG, and tidy
 * tables (CSV) of everything charted. Renders a {@link ReportData}; computes nothing
 * that changes a number. No `node:` imports: browsers can render reports too.
 */
export type { ReportAssumption, ReportData, ReportPolicy, ReportProjectionRow } from './types.js';
export { renderHtmlReport } from './html.js';
export { renderMarkdownReport, reportCharts } from './markdown.js';
export type { MarkdownReportOptions } from './markdown.js';
export { REPORT_TABLE_NAMES, reportTables, toCsv } from './csv.js';
export type { CsvOptions, CsvRow, CsvValue } from './csv.js';
export {
  CHART_NAMES,
  allCharts,
  breakEvenChart,
  darkNumberChart,
  policyComparisonChart,
  projectionChart,
  storyChart,
  tornadoChart,
  waterfallChart,
} from './svg.js';
export { CATALOGS, LOCALES, LOCALE_TAGS, withLocale } from './locale/index.js';
export type { Catalog, Locale } from './locale/index.js';
export type { ChartName } from './svg.js';
export { summarySentences, sentenceText } from './summary.js';
export type { Sentence, SentencePart } from './summary.js';
export { checkReportData, darkNumberHistogram } from './data.js';
export type { Histogram, HistogramBin } from './data.js';
export { earlyWarningChartSvg, fanChartSvg } from './projection-svg.js';
export {
  UNCERTAINTY_CHART_NAMES,
  acceptabilityChart,
  evppiChart,
  measureFirstSentence,
  uncertaintyCharts,
  uncertaintyCsvRows,
  uncertaintyDifferenceChart,
  uncertaintyJson,
  uncertaintyMarkdown,
  uncertaintyTables,
} from './uncertainty.js';
export type { UncertaintyChartName } from './uncertainty.js';
export { CALIBRATION_TEXT, calibrationCheckSvg, calibrationMarkdown, predictiveCoverage } from './calibration.js';
export type { CalibrationReportOptions } from './calibration.js';
