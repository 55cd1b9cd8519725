// CSV cells a client opens in a spreadsheet: text that a spreadsheet would run as a formula
// is neutralised with a leading ', numbers are written as they are.
import { describe, expect, it } from 'vitest';
import { CHART_NAMES, REPORT_TABLE_NAMES, reportCharts, reportTables, toCsv } from '../../src/report/index.js';
import { handMadeReportData, realReportData } from './fixtures.js';

describe('toCsv and formulas', () => {
  it('prefixes text starting with =, +, -, @, tab or CR with a quote mark', () => {
    const csv = toCsv([
      { cell: '=HYPERLINK("http://x","y")' },
      { cell: '+SUM(A1)' },
      { cell: '-2+3' },
      { cell: '@cmd' },
      { cell: '\t=1' },
      { cell: '\r=1' },
    ]);
    expect(csv.split('\r\n').slice(1, 5)).toEqual([`"'=HYPERLINK(""http://x"",""y"")"`, "'+SUM(A1)", "'-2+3", "'@cmd"]);
    expect(csv).toContain(`'\t=1`);
    expect(csv).toContain(`"'\r=1"`);
  });

  it('leaves numbers, and text that is only a number, as they are', () => {
    expect(toCsv([{ a: -5, b: '-5', c: '+1.5e3', d: -0.25, e: 'plain', f: 'x=1' }])).toBe('a,b,c,d,e,f\r\n-5,-5,+1.5e3,-0.25,plain,x=1\r\n');
  });

  it('every table of a report with a formula as a policy name carries it neutralised', () => {
    const name = '=HYPERLINK("http://x","y")';
    const base = realReportData(20);
    const data = {
      ...base,
      baseline: name,
      policies: base.policies.map((p, i) => (i === 0 ? { ...p, name } : p)),
      differences: base.differences.map((d) => ({ ...d, policy: d.policy === base.policies[0]!.name ? name : d.policy, against: d.against === base.policies[0]!.name ? name : d.against })),
    };
    let cells = 0;
    for (const rows of Object.values(reportTables(data))) {
      const csv = toCsv(rows);
      expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
      cells += csv.split(`'=HYPERLINK`).length - 1;
    }
    expect(cells).toBeGreaterThan(20);
  });
});

describe('the names of report files', () => {
  it('REPORT_TABLE_NAMES and CHART_NAMES cover every table and chart a report can have', () => {
    const data = handMadeReportData();
    for (const name of Object.keys(reportTables(data))) expect(REPORT_TABLE_NAMES).toContain(name);
    for (const name of Object.keys(reportCharts(data))) expect(CHART_NAMES.map((c) => `charts/${c}.svg`)).toContain(name);
    for (const name of Object.keys(reportTables(realReportData(20)))) expect(REPORT_TABLE_NAMES).toContain(name);
  });
});
