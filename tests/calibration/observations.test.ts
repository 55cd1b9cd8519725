import { describe, expect, test } from 'vitest';
import {
  InvalidParameterError,
  OBSERVATION_METRICS,
  ObservationsError,
  PROJECTION_METRICS,
  observationVector,
  parseObservations,
  type ObservationProblem,
} from '../../src/index.js';

/** The problems of a file that must be refused (fails the test if it is accepted). */
function problemsOf(text: string, options: Parameters<typeof parseObservations>[2] = {}): ObservationProblem[] {
  try {
    parseObservations(text, 'data.csv', options);
  } catch (error) {
    expect(error).toBeInstanceOf(ObservationsError);
    return [...(error as ObservationsError).problems];
  }
  throw new Error('expected an ObservationsError');
}

describe('parseObservations', () => {
  test('reads a tidy file with comments, blank lines, a BOM, CRLF and columns in any order', () => {
    const text = '\uFEFF# shop, 2026\r\n\r\nmetric,Month,value\r\ncomplaints,1,14\r\n# a note\r\nchurned,1,31\r\ncomplaints,2,17\r\n"churned",2, 29.5 \r\nheardNegativeShare,6,0.18\r\n';
    const obs = parseObservations(text, 'shop.csv');
    expect(obs.source).toBe('shop.csv');
    expect(obs.count).toBe(5);
    expect(obs.lastMonth).toBe(6);
    // Series come in the order of OBSERVATION_METRICS, months increasing.
    expect(obs.series.map((s) => s.metric)).toEqual(['complaints', 'churned', 'heardNegativeShare']);
    const complaints = obs.series[0]!;
    expect(complaints.kind).toBe('count');
    expect([...complaints.months]).toEqual([1, 2]);
    expect([...complaints.values]).toEqual([14, 17]);
    expect([...complaints.lines]).toEqual([4, 7]);
    expect([...obs.series[1]!.values]).toEqual([31, 29.5]);
    expect(obs.series[2]!.kind).toBe('share');
    const vector = observationVector(obs);
    expect([...vector.values]).toEqual([14, 17, 31, 29.5, 0.18]);
    expect(vector.labels).toEqual([
      { metric: 'complaints', month: 1 },
      { metric: 'complaints', month: 2 },
      { metric: 'churned', month: 1 },
      { metric: 'churned', month: 2 },
      { metric: 'heardNegativeShare', month: 6 },
    ]);
  });

  test('rows may come in any order; a series may start after month 1; a survey share may skip months', () => {
    const obs = parseObservations('month,metric,value\n4,complaints,2\n3,complaints,1\n2,heardNegativeShare,0.1\n12,heardNegativeShare,0.3\n', 'x');
    expect([...obs.series[0]!.months]).toEqual([3, 4]);
    expect([...obs.series[1]!.months]).toEqual([2, 12]);
    expect(obs.lastMonth).toBe(12);
  });

  test('every metric with a projection metric names one the projection produces', () => {
    for (const [name, m] of Object.entries(OBSERVATION_METRICS)) {
      if (m.projectionMetric !== undefined) expect(PROJECTION_METRICS, name).toContain(m.projectionMetric);
      expect(['count', 'share']).toContain(m.kind);
    }
  });

  test('collects every problem in one pass, each with its line and field', () => {
    const text = [
      'month,metric,value', // 1
      '1,complaints,14', // 2
      '0,complaints,3', // 3: month < 1
      '2,complaint,5', // 4: unknown metric, a typo
      '2,churned,-4', // 5: negative count
      '2,heardNegativeShare,1.2', // 6: share > 1
      '1,complaints,15', // 7: repeated (month, metric)
      '3,complaints,many', // 8: not a number
      '1.5,churned,2', // 9: month not an integer
      '5,complaints,7', // 10: complaints jump from 1 to 5 (3 was refused)
      '4,churned', // 11: two fields
      '2,complaints,', // 12: empty value
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'month'],
      [4, 'metric'],
      [5, 'value'],
      [6, 'value'],
      [7, 'month'],
      [8, 'value'],
      [9, 'month'],
      [10, 'complaints'],
      [11, 'row'],
      [12, 'value'],
    ]);
    expect(problems[1]!.message).toContain('did you mean "complaints"?');
    expect(problems[2]!.message).toBe('expected a count ≥ 0 for churned, received -4');
    expect(problems[3]!.message).toBe('expected a share between 0 and 1 for heardNegativeShare, received 1.2');
    expect(problems[4]!.message).toContain('first on line 2');
    expect(problems[7]!.message).toContain('received no months 2–4');
  });

  test('the error message lists every problem with file and line', () => {
    let caught: unknown;
    try {
      parseObservations('month,metric,value\n1,complaints,-1\n2,complaints,x\n', 'shop.csv');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ObservationsError);
    expect((caught as Error).message).toBe(
      '2 problems in shop.csv:\nshop.csv:2: value: expected a count ≥ 0 for complaints, received -1\nshop.csv:3: value: expected a number, received "x"',
    );
    expect((caught as ObservationsError).source).toBe('shop.csv');
  });

  test('months beyond maxMonths (the projection horizon) are refused', () => {
    const problems = problemsOf('month,metric,value\n24,complaints,1\n25,complaints,2\n', { maxMonths: 24 });
    expect(problems).toEqual([{ line: 3, field: 'month', message: 'expected a month ≤ 24 (the months projected), received 25' }]);
    expect(parseObservations('month,metric,value\n24,complaints,1\n', 'x', { maxMonths: 24 }).lastMonth).toBe(24);
  });

  test('a missing or wrong header, an empty file and a file without rows are refused', () => {
    expect(problemsOf('1,complaints,14\n')).toEqual([
      { line: 1, field: 'header', message: 'expected the columns month,metric,value, received "1,complaints,14"' },
    ]);
    expect(problemsOf('month,metric,value,note\n')[0]!.field).toBe('header');
    expect(problemsOf('month,month,value\n')[0]!.field).toBe('header');
    expect(problemsOf('# nothing\n\n')).toEqual([{ field: 'header', message: 'expected the header month,metric,value, received an empty file' }]);
    expect(problemsOf('month,metric,value\n# no rows\n')).toEqual([{ field: 'row', message: 'expected at least one observation, received none' }]);
    expect(problemsOf('month,metric,value\n1,"complaints,5\n')[0]).toMatchObject({ line: 2, field: 'row' });
  });

  test('numbers are written in decimal: hex, Infinity and words are not numbers', () => {
    for (const bad of ['0x10', 'Infinity', 'NaN', '1,5', 'ten', '1e999']) {
      const problems = problemsOf(`month,metric,value\n1,complaints,"${bad}"\n`);
      expect(problems, bad).toHaveLength(1);
      expect(problems[0]!.field).toBe('value');
    }
    const ok = parseObservations('month,metric,value\n1,complaints,1e2\n2,complaints,.5\n3,complaints,+3\n', 'x');
    expect([...ok.series[0]!.values]).toEqual([100, 0.5, 3]);
  });

  test('the metric list can be extended', () => {
    const metrics = { ...OBSERVATION_METRICS, reviewsOneStar: { kind: 'count' as const, monthly: false, description: 'one-star reviews' } };
    const obs = parseObservations('month,metric,value\n1,reviewsOneStar,2\n5,reviewsOneStar,1\n', 'x', { metrics });
    expect(obs.series[0]!.metric).toBe('reviewsOneStar');
    expect(problemsOf('month,metric,value\n1,reviewsOneStar,2\n')[0]!.field).toBe('metric');
  });

  test('bad options are refused by field', () => {
    expect(() => parseObservations('month,metric,value\n1,complaints,1\n', 'x', { maxMonths: 0 })).toThrow(InvalidParameterError);
    expect(() => parseObservations('month,metric,value\n1,complaints,1\n', 'x', { maxMonths: 0 })).toThrow(/^options\.maxMonths: /);
    expect(() => parseObservations('month,metric,value\n1,complaints,1\n', 'x', { months: 3 } as never)).toThrow(/^options\.months: /);
  });
});
