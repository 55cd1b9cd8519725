// Distributions in scenario files: checked in the same single pass as every other problem,
// each with the file's path and line; refused where the value is the same in every draw;
// rules across fields checked in every draw the run makes; the JSON Schema says "a number
// or a distribution"; a run with distributions reports the PSA and compares the base case
// exactly as a run of the file at its means would; a file without distributions runs as
// before, bit for bit.
import Ajv2020 from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ScenarioError, comparePolicies } from '../../src/index.js';
import { checkScenario, parseScenario, readScenario, runScenario, scenarioFromFile, scenarioJsonSchema } from '../../src/scenario-file/index.js';
import { checkUncertainFile } from '../../src/scenario-file/uncertainty.js';

const base = `name: uncertain
seed: 1
replicates: 20
network:
  generator: groups
  size: 1500
  groupSize: 10
  insideProbability: 0.5
  acrossProbability: 0.002
roles: { customers: 0.3, prospects: 0.3 }
incidents:
  count: 20
  amount: 300
economics:
  margin: 500
  retention: { dist: uniform, low: 0.74, high: 0.86, source: "[Q] churn 14–26%" }
policies:
  - name: fee
    decision: refuse-with-fee
    fee: 150
  - name: repair
    decision: repair-or-replace
uncertainty:
  draws: 30
  replicatesPerDraw: 2
`;

function problems(text: string, check: 'parse' | 'run' = 'run'): ScenarioError {
  try {
    if (check === 'parse') parseScenario(text, 'test.yaml');
    else checkScenario(readScenario(text, 'test.yaml'), { source: 'test.yaml' });
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

const lineOf = (text: string, fragment: string) => text.split('\n').findIndex((l) => l.includes(fragment)) + 1;

describe('distributions in a file', () => {
  it('a file with distributions is valid, and its base case has each at its mean', () => {
    const file = parseScenario(base, 'test.yaml');
    expect(checkScenario(file, { source: 'test.yaml' }).policies).toEqual(['fee', 'repair']);
    expect(checkUncertainFile(file).base.economics.retention).toBeCloseTo(0.8, 12);
  });

  it('refuses invalid distributions with their path and line, together with every other problem, in one pass', () => {
    const text = base
      .replace('retention: { dist: uniform, low: 0.74, high: 0.86, source: "[Q] churn 14–26%" }', 'retention: { dist: normal, mean: 0.8, sd: 0.05 }')
      .replace('margin: 500', 'margin: -5')
      .replace('  amount: 300', '  amount: { dist: beta, mean: 0.5, sd: 0.6 }')
      .replace('  count: 20', '  count: { dist: uniform, low: 10, high: 30 }')
      .replace('    fee: 150', '    fee: { dist: gamma, mean: 150 }');
    for (const check of ['parse', 'run'] as const) {
      const e = problems(text, check);
      const byPath = Object.fromEntries(e.problems.map((p) => [p.path, p]));
      expect(Object.keys(byPath).sort(), check).toEqual(['economics.margin', 'economics.retention', 'incidents.amount.sd', 'incidents.count', 'policies[0].fee.sd'].sort());
      expect(byPath['economics.retention']).toMatchObject({ line: lineOf(text, 'retention:'), message: expect.stringMatching(/draws stay ≥ 0 and ≤ 1 \(truncate the normal with low and high\)/) });
      expect(byPath['incidents.amount.sd']).toMatchObject({ line: lineOf(text, 'amount:'), message: expect.stringMatching(/sd² < mean\(1 − mean\) = 0\.25 for a beta, received 0\.6/) });
      expect(byPath['incidents.count']!.message).toMatch(/a discrete distribution with integer values \(this parameter is an integer\)/);
      expect(byPath['policies[0].fee.sd']!.message).toMatch(/a finite number \(a gamma takes mean and sd, or shape and scale\), received undefined/);
      expect(byPath['economics.margin']!.line).toBe(lineOf(text, 'margin:'));
    }
  });

  it("a probability's distribution must stay in [0, 1]", () => {
    for (const [spec, why] of [
      ['{ dist: uniform, low: 0.2, high: 1.2 }', /draws stay ≥ 0 and ≤ 1/],
      ['{ dist: gamma, mean: 0.4, sd: 0.1 }', /draws stay ≥ 0 and ≤ 1/],
      ['{ dist: pert, low: -0.1, mode: 0.3, high: 0.6 }', /draws stay ≥ 0 and ≤ 1/],
    ] as const) {
      const e = problems(`${base}spread:\n  tellProbability: ${spec}\n`);
      expect(e.problems).toEqual([expect.objectContaining({ path: 'spread.tellProbability', message: expect.stringMatching(why) })]);
    }
    expect(() => parseScenario(`${base}spread:\n  tellProbability: { dist: beta, mean: 0.4, sd: 0.1 }\n`, 'ok.yaml')).not.toThrow();
  });

  it('refuses distributions where the value is the same in every draw, saying why', () => {
    const text = base.replace('  size: 1500', '  size: { dist: discrete, values: [1000, 2000] }').replace('roles: { customers: 0.3, prospects: 0.3 }', 'roles: { customers: { dist: uniform, low: 0.2, high: 0.4 }, prospects: 0.3 }');
    const e = problems(text, 'parse');
    const byPath = Object.fromEntries(e.problems.map((p) => [p.path, p.message]));
    expect(Object.keys(byPath).sort()).toEqual(['network.size', 'roles.customers']);
    expect(byPath['network.size']).toBe('expected a value, not a distribution (the network is the same in every draw), received a discrete distribution');
    expect(byPath['roles.customers']).toMatch(/roles are assigned once, with the network/);
    const projection = problems(`${base}projection:\n  incidentRate: { dist: uniform, low: 0.005, high: 0.02 }\n`);
    expect(projection.problems).toEqual([expect.objectContaining({ path: 'projection.incidentRate', message: expect.stringMatching(/the projection runs at the base case/) })]);
  });

  it('a rule across fields must hold in every draw the run makes: refused at the distribution, with the values that broke it', () => {
    const text = `${base}behaviour:\n  positiveUpTo: { dist: uniform, low: 1, high: 4 }\n  negativeFrom: { dist: uniform, low: 3, high: 6 }\n`;
    // Each rule holds at the base case (2.5 < 4.5): only the draws break it.
    expect(() => parseScenario(text, 'test.yaml')).not.toThrow();
    const e = problems(text);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ path: 'behaviour.positiveUpTo', line: lineOf(text, 'positiveUpTo') });
    expect(e.problems[0]!.message).toMatch(/^expected a pain below negativeFrom \([\d.]+\) in every draw \(\d+ of 30 draws break it; the first, draw \d+ of seed 1, has behaviour\.positiveUpTo = [\d.]+, behaviour\.negativeFrom = [\d.]+\); narrow the distributions/);
  });

  it('shares that sum to 1 take a Dirichlet; a distribution on one share alone is refused with that hint', () => {
    const dirichlet = `${base}complaints:\n  channels: { dist: dirichlet, mean: { frontLine: 0.92, headOffice: 0.05, public: 0.03 }, concentration: 60 }\n`;
    expect(() => checkScenario(readScenario(dirichlet, 'd.yaml'))).not.toThrow();
    const one = problems(`${base}complaints:\n  channels: { frontLine: { dist: beta, mean: 0.9, sd: 0.03 }, headOffice: 0.05, public: 0.05 }\n`, 'parse');
    expect(one.problems).toEqual([expect.objectContaining({ path: 'complaints.channels.frontLine', message: expect.stringMatching(/complaints\.channels are shares that sum to 1, drawn together \(write complaints\.channels as \{ dist: dirichlet/) })]);
  });

  it('the uncertainty section: named groups must name uncertain parameters; a section with nothing to draw is refused', () => {
    const groups = problems(base.replace('  replicatesPerDraw: 2\n', '  replicatesPerDraw: 2\n  groups:\n    money: [economics.retention, economics.margin]\n'), 'parse');
    expect(groups.problems).toEqual([expect.objectContaining({ path: 'uncertainty.groups.money[1]', line: lineOf(base, 'replicatesPerDraw') + 2 })]);
    const nothing = base.replace('  retention: { dist: uniform, low: 0.74, high: 0.86, source: "[Q] churn 14–26%" }\n', '');
    expect(problems(nothing, 'parse').problems).toEqual([expect.objectContaining({ path: 'uncertainty', message: expect.stringMatching(/expected distributions to draw.*received an uncertainty section with nothing uncertain/) })]);
    // `uncertainty: defaults` places the built-in distributions: something to draw.
    expect(() => parseScenario(nothing.replace(/uncertainty:\n[\s\S]*$/, 'uncertainty: defaults\n'), 'defaults.yaml')).not.toThrow();
  });
});

describe('the JSON Schema', () => {
  const schema = scenarioJsonSchema();
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

  it('accepts a number or a distribution where the file may draw one, and a Dirichlet on the channels', () => {
    const value = parseYaml(`${base}complaints:\n  channels: { dist: dirichlet, alpha: { frontLine: 46, headOffice: 2.5, public: 1.5 } }\nspread:\n  tellProbability: { dist: pert, low: 0.2, mode: 0.4, high: 0.6 }\n`);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parseYaml(base.replace('fee: 150', 'fee: { dist: uniform, low: 100, high: 200 }')))).toBe(true);
  });

  it('refuses a distribution without its parameters, and one where the value is fixed', () => {
    expect(validate(parseYaml(base.replace('fee: 150', 'fee: { dist: beta, mean: 0.5 }')))).toBe(false);
    expect(validate(parseYaml(base.replace('  size: 1500', '  size: { dist: uniform, low: 1000, high: 2000 }')))).toBe(false);
    // An integer takes a discrete distribution of integers only.
    expect(validate(parseYaml(base.replace('  count: 20', '  count: { dist: uniform, low: 10, high: 30 }')))).toBe(false);
    expect(validate(parseYaml(base.replace('  count: 20', '  count: { dist: discrete, values: [10, 20, 30] }')))).toBe(true);
  });
});

describe('running a file with distributions', () => {
  const file = parseScenario(`${base}spread:\n  tellProbability: { dist: beta, mean: 0.4, sd: 0.1 }\n`, 'test.yaml');
  const run = runScenario(file, { source: 'test.yaml' });

  it('reports the PSA beside the base case, with the distributions among the assumptions', () => {
    expect(run.uncertainty).toBeDefined();
    expect(run.uncertainty!.draws).toBe(30);
    expect(run.uncertainty!.parameters.map((p) => p.parameter)).toEqual(['economics.retention', 'spread.tellProbability']);
    expect(run.report.uncertainty).toBe(run.uncertainty);
    expect(run.report.assumptions.find((a) => a.parameter === 'economics.retention')).toMatchObject({ value: 'uniform (0.74 to 0.86)', source: 'scenario file; [Q] churn 14–26%' });
  });

  it('its comparison is the base case run as any file is, bit for bit', () => {
    const central = checkUncertainFile(file).base;
    const { scenario, policies } = scenarioFromFile(central, run.network);
    const direct = comparePolicies(scenario, policies, { seed: 1, replicates: 20 });
    expect(run.comparison.rows).toEqual(direct.rows);
    expect(run.comparison.differences).toEqual(direct.differences);
  });

  it('--draws and --replicates-per-draw override the file; --uncertainty adds the built-in defaults', () => {
    const r = runScenario(file, { source: 'test.yaml', draws: 20, replicatesPerDraw: 1, uncertainty: true });
    expect(r.uncertainty!.draws).toBe(20);
    expect(r.uncertainty!.replicatesPerDraw).toBe(1);
    const names = r.uncertainty!.parameters.map((p) => p.parameter);
    expect(names).toContain('behaviour.repurchase.major.unresolved');
    expect(names).toContain('policies[0,1].firstContactResolution');
    // The file's own value is kept: tellProbability stays the file's beta.
    expect(r.uncertainty!.parameters.find((p) => p.parameter === 'spread.tellProbability')).toMatchObject({ distribution: 'beta (mean 0.4, sd 0.1)', isDefault: false });
  });
});

describe('with no distribution anywhere', () => {
  const text = base.replace('  retention: { dist: uniform, low: 0.74, high: 0.86, source: "[Q] churn 14–26%" }\n', '').replace(/uncertainty:\n[\s\S]*$/, '');

  it('the file is checked and run exactly as before: its own object, the policy kernel, no uncertainty', () => {
    const file = parseScenario(text, 'plain.yaml');
    expect(checkUncertainFile(file).base).toBe(file);
    const run = runScenario(file, { source: 'plain.yaml' });
    expect(run.uncertainty).toBeUndefined();
    expect('uncertainty' in run.report).toBe(false);
    const { scenario, policies } = scenarioFromFile(file, run.network);
    const direct = comparePolicies(scenario, policies, { seed: 1, replicates: 20 });
    for (const [name, column] of Object.entries(direct.result.samples!)) expect(Array.from(run.comparison.result.samples![name]!), name).toEqual(Array.from(column));
  });

  it('asking for draws without distributions is refused', () => {
    expect(() => checkScenario(parseScenario(text, 'plain.yaml'), { source: 'plain.yaml', draws: 50 })).toThrow(/uncertainty: expected distributions to draw.*received --draws or --replicates-per-draw with nothing uncertain/);
  });
});
