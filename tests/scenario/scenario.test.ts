// Scenario files: every problem collected with its path, value and line; unsafe keys and
// size limits; the JSON Schema accepts every bundled example; examples build and run.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/index.js';
import { parameterRows, parameterTableMarkdown, parseScenario, runScenario, scenarioJsonSchema } from '../../src/scenario-file/index.js';

const examplesDir = fileURLToPath(new URL('../../examples/scenarios/', import.meta.url));
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.yaml')).sort();

const base = `name: test
seed: 1
replicates: 20
network:
  generator: groups
  size: 2000
  groupSize: 10
  insideProbability: 0.5
  acrossProbability: 0.001
roles: { customers: 0.3, prospects: 0.3 }
incidents:
  count: 20
  amount: 300
economics:
  margin: 500
policies:
  - name: fee
    decision: refuse-with-fee
    fee: 150
  - name: repair
    decision: repair-or-replace
`;

function problems(text: string): ScenarioError {
  try {
    parseScenario(text, 'test.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('parsing scenario files', () => {
  it('accepts a valid file', () => {
    expect(parseScenario(base, 'test.yaml').policies).toHaveLength(2);
    // JSON is read too.
    expect(parseScenario(JSON.stringify(parseYaml(base)), 'test.json').name).toBe('test');
  });

  it('collects every problem with its path, the value received and the line', () => {
    const bad = base
      .replace('fee: 150', 'fee: -200')
      .replace('insideProbability: 0.5', 'insideProbability: 1.5')
      .replace('margin: 500', 'margin: "lots"\n  marign: 3');
    const e = problems(bad);
    const lines = e.message.split('\n');
    expect(lines[0]).toBe('4 problems in test.yaml:');
    expect(e.problems).toEqual(
      expect.arrayContaining([
        { path: 'policies[0].fee', message: 'expected a number ≥ 0 and ≤ 1e12, received -200', line: 20 },
        { path: 'network.insideProbability', message: 'expected a number ≥ 0 and ≤ 1, received 1.5', line: 8 },
        { path: 'economics.margin', message: 'expected a number ≥ 0 and ≤ 1e12, received "lots"', line: 15 },
        { path: 'economics.marign', message: 'expected no parameter of this name (did you mean "margin"?), received "marign"', line: 16 },
      ]),
    );
    expect(e.message).toContain('test.yaml:20: policies[0].fee: expected a number ≥ 0 and ≤ 1e12, received -200');
  });

  it('names a missing required parameter and an unknown generator', () => {
    expect(problems(base.replace('  amount: 300\n', '')).problems).toContainEqual(expect.objectContaining({ path: 'incidents.amount', message: 'expected a number ≥ 0 and ≤ 1e12, received nothing (this parameter is required)' }));
    expect(problems(base.replace('generator: groups', 'generator: village')).problems[0]!.message).toMatch(/^expected one of "erdos-renyi-gnm", .* \(or network\.file\), received "village"$/);
  });

  it('checks rules across fields', () => {
    expect(problems(`${base}  - name: fee\n    decision: refuse\n`).problems[0]).toMatchObject({ path: 'policies[2].name', message: 'expected a name no other policy has (policy 1 is "fee"), received "fee"', line: 22 });
    expect(problems(`${base}baseline: nobody\n`).problems[0]!.message).toMatch(/expected the name of one of the policies/);
    expect(problems(base.replace('customers: 0.3, prospects: 0.3', 'customers: 0.7, prospects: 0.5')).problems[0]!.path).toBe('roles');
  });

  it('rejects keys that reach prototypes, custom tags and syntax errors, with lines', () => {
    const proto = problems(`${base}__proto__:\n  polluted: true\n`);
    expect(proto.problems[0]).toMatchObject({ path: '__proto__', line: 22 });
    expect(problems(base.replace('economics:', 'constructor: 1\neconomics:')).problems[0]!.path).toBe('constructor');
    expect(problems(`${base}x: !!js/function "function () { return 1 }"\n`).problems[0]!.message).toMatch(/does not parse/);
    expect(problems('name: [unclosed\n').problems[0]).toMatchObject({ path: '', line: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('enforces size limits with a clear message', () => {
    expect(problems(base.replace('size: 2000', 'size: 9000000')).problems.map((p) => p.message)).toContain('expected at most 5000000 people (the limit), received 9000000');
    expect(problems(base.replace('replicates: 20', 'replicates: 2000000')).problems[0]!.message).toMatch(/at most 1000000 replicates/);
    expect(() => parseScenario(base, 'test.yaml', { maxPeople: 1000 })).toThrow(/at most 1000 people/);
    expect(() => parseScenario(`${base}#${'x'.repeat(2_000_000)}\n`, 'big.yaml')).toThrow(/at most 1000000 bytes/);
    // Bytes, not UTF-16 units: 400,000 euro signs are 400,000 units but 1,200,000 bytes in UTF-8.
    expect(() => parseScenario(`${base}#${'€'.repeat(400_000)}\n`, 'euro.yaml')).toThrow(/at most 1000000 bytes/);
    expect(() => parseScenario(`${base}#${'€'.repeat(300_000)}\n`, 'euro.yaml')).not.toThrow();
  });

  it('rejects a policy the library refuses (a fee on a repair) when the file is read, with its line', () => {
    const e = problems(base.replace('    decision: repair-or-replace\n', '    decision: repair-or-replace\n    fee: 10\n'));
    expect(e.problems).toEqual([expect.objectContaining({ path: 'policies[1].fee', line: 22 })]);
    expect(e.problems[0]!.message).toMatch(/^expected no fee \(only decision "refuse-with-fee" has one; this policy's is "repair-or-replace"\), received 10$/);
  });
});

describe('the JSON Schema and the parameter table', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(scenarioJsonSchema());

  it.each(examples)('%s validates against the exported JSON Schema and parses', (name) => {
    const text = readFileSync(`${examplesDir}/${name}`, 'utf8');
    const value = parseYaml(text);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(() => parseScenario(text, name)).not.toThrow();
  });

  it('the schema rejects what the parser rejects', () => {
    expect(validate(parseYaml(base.replace('fee: 150', 'fee: -200')))).toBe(false);
    expect(validate(parseYaml(`${base}surprise: 1\n`))).toBe(false);
  });

  it('every parameter row has a description, and defaults carry a source or are plain choices', () => {
    const rows = parameterRows();
    expect(rows.length).toBeGreaterThan(60);
    for (const r of rows) expect(r.description, r.path).not.toBe('');
  });

  it('the bundled scenarios point editors at a current copy of the JSON Schema', () => {
    const committed = JSON.parse(readFileSync(`${examplesDir}/scenario.schema.json`, 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
    for (const name of examples) expect(readFileSync(`${examplesDir}/${name}`, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
  });

  it('the README carries the current parameter table', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    expect(readme).toContain(parameterTableMarkdown());
    // Regenerating replaces the table's footnote; it never adds another copy.
    expect(readme.split('\n† may also be written as a distribution').length - 1).toBe(1);
  });
});

describe('running a scenario', () => {
  it('is deterministic and fills the report data', () => {
    const file = parseScenario(`${base}breakEven: { parameter: fee, policies: [fee, repair], low: 0, high: 20000 }\nsensitivity:\n  - { path: economics.retention, low: 0.7, high: 0.9 }\n`, 'test.yaml');
    const a = runScenario(file, { source: 'test.yaml' });
    const b = runScenario(file, { source: 'test.yaml' });
    expect(a.report).toEqual(b.report);
    expect(a.report.policies.map((p) => p.name)).toEqual(['fee', 'repair']);
    expect(a.report.breakEven?.policies).toEqual(['fee', 'repair']);
    expect(a.report.sensitivity?.comparisons[0]?.rows).toHaveLength(1);
    expect(a.report.assumptions.find((x) => x.parameter === 'economics.margin')).toMatchObject({ value: '500', source: 'scenario file' });
    expect(a.report.assumptions.find((x) => x.parameter === 'spread.tellProbability')).toMatchObject({ value: '0.4' });
    const c = runScenario(file, { source: 'test.yaml', seed: 2 });
    expect(c.report.policies[0]!.metrics.netValue!.mean).not.toBe(a.report.policies[0]!.metrics.netValue!.mean);
  });
});

describe('sensitivity in a scenario file', () => {
  it("policies[i] names the file's policy i; the bars are anchored at the headline difference", () => {
    // The baseline (default: the first policy, "fee") against "repair": policies[0].fee is
    // the fee policy's fee, so a higher fee makes "repair minus fee" smaller.
    const file = parseScenario(`${base}sensitivity:\n  - { path: 'policies[0].fee', low: 0, high: 5000 }\n`, 'test.yaml');
    const run = runScenario(file, { source: 'test.yaml' });
    const tornado = run.report.sensitivity!.comparisons[0]!;
    expect([tornado.policy, tornado.against]).toEqual(['repair', 'fee']);
    const row = tornado.rows[0]!;
    expect(row.parameter).toBe('policies[0].fee');
    expect(row.atHigh).toBeLessThan(row.atLow);
    // The base of the tornado is the headline the report leads with.
    expect(tornado.base).toBe(run.comparison.differences.find((d) => d.policy === 'repair' && d.against === 'fee')!.difference.mean);
  });
  it('every policy gets its own tornado against the baseline, a path into any of them included', () => {
    const three = `${base}  - name: refund\n    decision: full-refund\nsensitivity:\n  - { path: 'policies[2].firstContactResolution', low: 0, high: 1 }\n`;
    const run = runScenario(parseScenario(three, 'test.yaml'), { source: 'test.yaml' });
    const byPolicy = Object.fromEntries(run.report.sensitivity!.comparisons.map((c) => [c.policy, c.rows[0]!]));
    expect(Object.keys(byPolicy).sort()).toEqual(['refund', 'repair']);
    // policies[2] is the refund: its first-contact resolution moves the refund's difference only.
    expect(byPolicy.refund!.swing).toBeGreaterThan(0);
    expect(byPolicy.repair!.swing).toBe(0);
  });
  it('a share swings around the scenario\'s own value, held inside the parameter\'s range', () => {
    const file = parseScenario(`${base.replace('margin: 500', 'margin: 500\ncomplaints:\n  probability: 1')}sensitivity:\n  - { path: complaints.probability, share: 0.2 }\n`, 'test.yaml');
    const row = runScenario(file, { source: 'test.yaml' }).report.sensitivity!.comparisons[0]!.rows[0]!;
    // 1 ± 20%: the low end is 0.8, the high end held at 1 (a probability), and said so.
    expect(row.low).toBeCloseTo(0.8, 12);
    expect(row.high).toBe(1);
    expect(row.capped).toMatch(/held at 1/);
  });
});

describe('scenario sections that cannot be computed', () => {
  it('a break-even range in which the policies never swap places names the section', () => {
    const file = parseScenario(`${base}breakEven: { parameter: fee, policies: [fee, repair], low: 0, high: 1 }\n`, 'test.yaml');
    expect(() => runScenario(file, { source: 'test.yaml' })).toThrow(ScenarioError);
    expect(() => runScenario(file, { source: 'test.yaml' })).toThrow(/^test\.yaml: breakEven: low, high: expected a range where the difference changes sign/);
  });
});
