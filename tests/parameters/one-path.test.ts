// One validation path: every parameter is declared once, in the module that owns it, and
// checked by the same schema whether it arrives through a scenario file or through the
// library. These tests hold the two boundaries against each other (parity at every
// boundary value), and check that a file's problems are all reported in one pass, with
// the file's paths and lines, suggestions for slips, and defaults that merge.
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  InvalidParameterError,
  ScenarioError,
  assignRoles,
  barabasiAlbert,
  barabasiAlbertOptionsSchema,
  buildNetwork,
  checkScenario,
  erdosRenyiGnm,
  erdosRenyiGnmOptionsSchema,
  erdosRenyiGnp,
  erdosRenyiGnpOptionsSchema,
  expectedTies,
  generatorSpecSchemas,
  groups,
  groupsOptionsSchema,
  parseParameters,
  parseScenario,
  randomRegular,
  randomRegularOptionsSchema,
  wattsStrogatz,
  wattsStrogatzOptionsSchema,
  type GeneratorName,
  numericRange,
  parameterRows,
  parsePath,
  prepareUncertainty,
  prepareWordOfMouth,
  readScenario,
  resolvePolicies,
  resolveProjectionOptions,
  resolveScenario,
  scenarioFileSchema,
  scenarioJsonSchema,
  schemaAt,
  setPath,
  type ScenarioFile,
} from '../../src/index.js';
import { MAX_EDGES, MAX_SIZE } from '../../src/network/generators/shared.js';

/** A complete small scenario: every section given, so setting one value changes one thing. */
const base = {
  name: 'parity',
  seed: 3,
  replicates: 20,
  network: { generator: 'groups', size: 300, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.002 },
  roles: { customers: 0.3, prospects: 0.3 },
  incidents: { count: 5, severity: 'major', amount: 600, moneyLoss: true },
  complaints: { probability: 0.5, channels: { frontLine: 0.9, headOffice: 0.05, public: 0.05 }, publicAudience: { mean: 30, dispersion: 0.5 } },
  behaviour: { negativeFrom: 5, positiveUpTo: 2 },
  spread: { tellProbability: 0.4 },
  economics: { margin: 800, retention: 0.8, discountRate: 0.12, acquisitionCost: 600, winBack: { offerCost: 100, successProbability: 0.2 } },
  policies: [
    {
      name: 'fee',
      decision: 'refuse-with-fee',
      fee: 200,
      escalation: [
        { name: 'counter', authorityLimit: 100, delayDays: 2, handlingCost: 50, giveUpProbability: 0.05 },
        { name: 'director', authorityLimit: 5000, delayDays: 7, handlingCost: 300, giveUpProbability: 0.1 },
      ],
    },
    { name: 'repair', decision: 'repair-or-replace', repairCost: 600 },
  ],
  projection: { months: 24, incidentRate: 0.01 },
} as const satisfies ScenarioFile;

type Verdict = readonly string[];

function pathsOf(error: unknown): Verdict {
  if (error instanceof ScenarioError) return error.problems.map((p) => p.path).sort();
  if (error instanceof InvalidParameterError) return error.problems.map((p) => p.path.map((x) => (typeof x === 'number' ? `[${x}]` : `.${String(x)}`)).join('').replace(/^\./, '')).sort();
  throw error;
}

/** The verdict of the file path: parse the file, then every check a run makes. */
function fileVerdict(file: unknown): Verdict {
  try {
    checkScenario(readScenario(JSON.stringify(file), 'parity.json'), { source: 'parity.json' });
    return [];
  } catch (error) {
    return pathsOf(error);
  }
}

const people = groups({ size: 300, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.002, seed: 'parity' });
const network = assignRoles(people, base.roles, 1);

/** The verdict of the library path: the functions a developer calls with the same values. */
function libraryVerdict(file: typeof base): Verdict {
  const found: string[] = [];
  const attempt = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      found.push(...pathsOf(error));
    }
  };
  let labelled = network;
  attempt(() => {
    labelled = assignRoles(people, file.roles, 1);
  });
  let resolved: ReturnType<typeof resolveScenario> | undefined;
  attempt(() => {
    resolved = resolveScenario({ network: labelled, incidents: file.incidents, complaints: file.complaints, behaviour: file.behaviour, spread: file.spread, economics: file.economics }, '');
  });
  attempt(() => resolvePolicies(file.policies, 'policies'));
  if (resolved !== undefined) attempt(() => resolveProjectionOptions({ ...file.projection, seed: 1, replicates: 2 }, resolved!, 'projection', ''));
  return found.sort();
}

/** Every numeric parameter a library function takes, as a concrete path into `base`. */
const numericParameters = parameterRows()
  .filter((r) => /^(roles|incidents|complaints|behaviour|spread|economics|policies|projection)[.[]/.test(r.path))
  .filter((r) => !r.path.startsWith('projection.replicates'))
  .map((r) => r.path.replace('policies[].escalation[]', 'policies[0].escalation[0]').replace('policies[]', 'policies[0]'))
  .filter((path) => {
    const here = schemaAt(scenarioFileSchema, parsePath(path), base);
    return here !== undefined && numericRange(here) !== undefined;
  });

function boundaryValues(path: string): number[] {
  const range = numericRange(schemaAt(scenarioFileSchema, parsePath(path), base)!)!;
  const step = (x: number) => (range.integer ? 1 : Math.max(1e-9, Math.abs(x) * 1e-9));
  const values: number[] = [];
  if (Number.isFinite(range.min)) values.push(range.min - step(range.min), range.min);
  if (Number.isFinite(range.max) && range.max < 9e15) values.push(range.max, range.max + step(range.max));
  return values;
}

describe('one validation path', () => {
  it('the base scenario is valid through both paths', () => {
    expect(fileVerdict(base)).toEqual([]);
    expect(libraryVerdict(base)).toEqual([]);
  });

  it('covers every numeric parameter of the library sections', () => {
    // Every section a developer can pass: roles, incidents, complaints, behaviour, spread,
    // economics, policies with their ladder, the projection.
    expect(numericParameters.length).toBeGreaterThan(60);
    for (const expected of ['spread.stiflingProbability', 'incidents.count', 'complaints.channels.frontLine', 'policies[0].escalation[0].authorityLimit', 'economics.margin', 'projection.warningFalseAlarmRate']) {
      expect(numericParameters).toContain(expected);
    }
  });

  it.each(numericParameters)('%s: the file and the library give the same verdict at every boundary', (path) => {
    for (const value of boundaryValues(path)) {
      const changed = setPath(base, path, value);
      const file = fileVerdict(changed);
      const library = libraryVerdict(changed);
      expect(file, `${path} = ${value}`).toEqual(library);
    }
  });

  it('a rumour with stiflingProbability 0 is refused by the library as by a file (it would never end)', () => {
    const stories = [{ valence: 'negative' as const, tellers: ['0'] }];
    expect(() => prepareWordOfMouth(network, { model: 'rumour', stiflingProbability: 0, stories })).toThrow(InvalidParameterError);
    expect(fileVerdict(setPath(base, 'spread', { model: 'rumour', stiflingProbability: 0 }))).toEqual(['spread.stiflingProbability']);
  });
});

describe('one validation path for the network', () => {
  // Each generator: a small valid network, its library function, the options schema that
  // function checks with, and the boundaries of its rules across fields (the ones a
  // field's own range cannot show).
  type Spec = Record<string, unknown>;
  const generators: Record<GeneratorName, { spec: Spec; build: (options: never) => unknown; schema: z.ZodType; name: string; rules: Array<[string, number]> }> = {
    'erdos-renyi-gnm': {
      spec: { size: 300, edges: 600 },
      build: erdosRenyiGnm,
      schema: erdosRenyiGnmOptionsSchema,
      name: 'erdosRenyiGnm',
      rules: [['edges', 44850], ['edges', 44851]], // C(300, 2) = 44,850
    },
    'erdos-renyi-gnp': {
      spec: { size: 300, probability: 0.02 },
      build: erdosRenyiGnp,
      schema: erdosRenyiGnpOptionsSchema,
      name: 'erdosRenyiGnp',
      rules: [],
    },
    'watts-strogatz': {
      spec: { size: 300, neighbors: 6, rewiring: 0.1 },
      build: wattsStrogatz,
      schema: wattsStrogatzOptionsSchema,
      name: 'wattsStrogatz',
      rules: [['neighbors', 3], ['neighbors', 298], ['neighbors', 299], ['neighbors', 300]],
    },
    'barabasi-albert': {
      spec: { size: 300, edgesPerPerson: 3 },
      build: barabasiAlbert,
      schema: barabasiAlbertOptionsSchema,
      name: 'barabasiAlbert',
      rules: [['edgesPerPerson', 299], ['edgesPerPerson', 300], ['size', 4], ['size', 3]],
    },
    'random-regular': {
      spec: { size: 301, degree: 4 },
      build: randomRegular,
      schema: randomRegularOptionsSchema,
      name: 'randomRegular',
      rules: [['degree', 3], ['degree', 300], ['degree', 301], ['size', 4], ['size', 5]],
    },
    groups: {
      spec: { size: 300, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.002 },
      build: groups,
      schema: groupsOptionsSchema,
      name: 'groups',
      rules: [['groupSize', 300], ['groupSize', 301]],
    },
  };
  // The library's own limits, so the file's resource limits (--max-people, --max-ties) are not what is compared.
  const libraryLimits = { maxPeople: MAX_SIZE, maxTies: MAX_EDGES };

  /** Whether a network is small enough to build in a test (else both paths stop at their options' check). */
  function buildable(generator: GeneratorName, spec: Spec): boolean {
    try {
      return typeof spec.size === 'number' && spec.size <= 100_000 && expectedTies({ generator, ...spec }) <= 1_000_000;
    } catch {
      return false;
    }
  }

  /** The options refused by the file path (`network.neighbors` → `neighbors`): its checks, then every check a run makes. */
  function networkFileVerdict(generator: GeneratorName, spec: Spec): Verdict {
    const text = JSON.stringify({ ...base, network: { generator, ...spec } });
    const options = (error: unknown) => pathsOf(error).filter((p) => p.startsWith('network')).map((p) => p.replace(/^network\.?/, ''));
    try {
      parseScenario(text, 'parity.json', libraryLimits);
      if (buildable(generator, spec)) checkScenario(readScenario(text, 'parity.json'), { source: 'parity.json', limits: libraryLimits });
      return [];
    } catch (error) {
      return options(error);
    }
  }

  /**
   * The options refused by the library path (`wattsStrogatz.neighbors` → `neighbors`): the
   * generator itself; for a network too large to build here, the check it starts with.
   */
  function networkLibraryVerdict(generator: GeneratorName, spec: Spec): Verdict {
    const g = generators[generator];
    const options = { ...spec, seed: 'parity' };
    try {
      if (buildable(generator, spec)) g.build(options as never);
      else parseParameters(g.schema, options, g.name);
      return [];
    } catch (error) {
      return pathsOf(error).map((p) => p.replace(new RegExp(`^${g.name}\\.?`), ''));
    }
  }

  /** Every numeric parameter of every generator with its boundary values, and the rules' boundaries. */
  const cases = (Object.keys(generators) as GeneratorName[]).flatMap((generator) => {
    const shape = generatorSpecSchemas[generator].shape as Record<string, z.ZodType>;
    const fromRanges = Object.keys(shape).flatMap((field) => {
      const range = numericRange(shape[field]!);
      if (range === undefined) return [];
      const step = (x: number) => (range.integer ? 1 : Math.max(1e-9, Math.abs(x) * 1e-9));
      const values: number[] = [];
      if (Number.isFinite(range.min)) values.push(range.min - step(range.min), range.min);
      if (Number.isFinite(range.max) && range.max < 9e15) values.push(range.max, range.max + step(range.max));
      return values.map((value) => [generator, field, value] as const);
    });
    return [...fromRanges, ...generators[generator].rules.map(([field, value]) => [generator, field, value] as const)];
  });

  it('covers every numeric parameter of every generator', () => {
    const covered = new Set(cases.map(([g, field]) => `${g}.${field}`));
    for (const g of Object.keys(generators) as GeneratorName[]) {
      for (const field of Object.keys(generatorSpecSchemas[g].shape)) {
        if (field !== 'generator' && field !== 'seed') expect(covered, `${g}.${field}`).toContain(`${g}.${field}`);
      }
    }
    expect(covered.size).toBe(17);
  });

  it.each(cases)('%s %s = %s: the file and the library give the same verdict', (generator, field, value) => {
    const spec = { ...generators[generator].spec, [field]: value };
    const file = networkFileVerdict(generator, spec);
    expect(file).toEqual(networkLibraryVerdict(generator, spec));
  });

  it('the rules across fields refuse through both paths (the parity above is not two acceptances)', () => {
    const refused: Array<[GeneratorName, Spec, string]> = [
      ['erdos-renyi-gnm', { size: 300, edges: 44851 }, 'edges'],
      ['watts-strogatz', { size: 300, neighbors: 3, rewiring: 0 }, 'neighbors'],
      ['watts-strogatz', { size: 300, neighbors: 300, rewiring: 0 }, 'neighbors'],
      ['barabasi-albert', { size: 300, edgesPerPerson: 300 }, 'size'],
      ['random-regular', { size: 301, degree: 3 }, 'degree'],
      ['random-regular', { size: 301, degree: 301 }, 'degree'],
      ['groups', { size: 300, groupSize: 301, insideProbability: 0.5, acrossProbability: 0.002 }, 'groupSize'],
      ['groups', { size: 70_000, groupSize: 1, insideProbability: 0, acrossProbability: 0 }, 'groupSize'],
      ['erdos-renyi-gnp', { size: 100_000, probability: 0.5 }, 'probability'],
      ['watts-strogatz', { size: 2_000_000_000, neighbors: 2, rewiring: 0 }, 'neighbors'],
    ];
    for (const [generator, spec, field] of refused) {
      expect(networkFileVerdict(generator, spec), `${generator} ${JSON.stringify(spec)}`).toEqual([field]);
      expect(networkLibraryVerdict(generator, spec), `${generator} ${JSON.stringify(spec)}`).toEqual([field]);
    }
  });

  it("a generator's problem found while building is named network.<option> in the file's words", () => {
    // buildNetwork on a file nobody checked: the generator's own check refuses, and its
    // `wattsStrogatz.neighbors` becomes the file's `network.neighbors`.
    const unchecked = readScenario(JSON.stringify({ ...base, network: { generator: 'watts-strogatz', size: 300, neighbors: 3, rewiring: 0 } }), 'parity.json');
    let caught: unknown;
    try {
      buildNetwork(unchecked, 1, { source: 'parity.json' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    expect((caught as ScenarioError).problems).toEqual([{ path: 'network.neighbors', message: 'expected an even integer (k/2 ties on each side of the ring), received 3' }]);
  });
});

function problems(file: unknown): ScenarioError {
  try {
    checkScenario(readScenario(typeof file === 'string' ? file : JSON.stringify(file, null, 1), 'shop.json'), { source: 'shop.json' });
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected problems');
}

describe('validate runs every check a run makes, in one pass, with file paths and lines', () => {
  it('what validate used to call valid and run refused is refused at once, each with its line', () => {
    let bad: unknown = setPath(base, 'complaints.channels.frontLine', 0.95); // shares sum to 1.05
    bad = setPath(bad, 'policies[0].escalation[1].authorityLimit', 50); // authority goes down
    bad = setPath(bad, 'policies[1]', { name: 'refund', decision: 'full-refund', fee: 30 }); // a fee on a full refund
    bad = setPath(bad, 'incidents.count', 500); // more incidents than customers
    bad = setPath(bad, 'breakEven', { parameter: 'fee', policies: ['fee', 'fee'], low: 0, high: 1000 }); // one policy twice
    bad = setPath(bad, 'sensitivity', [
      { path: 'economics.marign', low: 1, high: 2 },
      { path: 'policies[7].fee', low: 0, high: 100 },
      { path: 'economics.retention', low: 0.5, high: 1.5 },
    ]);
    const e = problems(bad);
    const byPath = Object.fromEntries(e.problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual(
      [
        'breakEven.policies[1]',
        'complaints.channels',
        'incidents.count',
        'policies[0].escalation[1].authorityLimit',
        'policies[1].fee',
        'sensitivity[0].path',
        'sensitivity[1].path',
        'sensitivity[2].high',
      ].sort(),
    );
    for (const p of e.problems) {
      expect(p.line, p.path).toBeGreaterThan(0);
      expect(p.path.startsWith('scenario.'), p.path).toBe(false);
    }
    expect(byPath['complaints.channels']!.message).toMatch(/sum to 1.*received 1\.05/);
    expect(byPath['incidents.count']!.message).toMatch(/at most the number of customers in the network \(90\), received 500/);
  });

  it('incidents beyond the library limit are refused by validate', () => {
    expect(problems(setPath(base, 'incidents.count', 20_000_000)).problems.map((p) => p.path)).toContain('incidents.count');
  });

  it('problems in several sections and one that needs the network all come in one pass', () => {
    let bad: unknown = setPath(base, 'economics.margin', -1);
    bad = setPath(bad, 'spread.tellProbability', 2);
    bad = setPath(bad, 'policies[1].firstContactResolution', 7);
    bad = setPath(bad, 'projection.months', 0);
    bad = setPath(bad, 'incidents.count', 91);
    expect(problems(bad).problems.map((p) => p.path).sort()).toEqual(['economics.margin', 'incidents.count', 'policies[1].firstContactResolution', 'projection.months', 'spread.tellProbability']);
  });

  it("a network's rule across fields is reported at schema time, with its line, beside another section's problem", () => {
    const yaml = [
      'name: one pass',
      'network:',
      '  generator: watts-strogatz',
      '  size: 300',
      '  neighbors: 3',
      '  rewiring: 0.1',
      'roles: { customers: 0.3, prospects: 0.3 }',
      'incidents: { count: 5, amount: 600 }',
      'economics:',
      '  margin: -1',
      'policies:',
      '  - { name: refuse, decision: refuse }',
    ].join('\n');
    const e = problems(yaml);
    expect(e.problems).toEqual([
      { path: 'network.neighbors', message: 'expected an even integer (k/2 ties on each side of the ring), received 3', line: 5 },
      { path: 'economics.margin', message: expect.stringMatching(/^expected a number ≥ 0 .*received -1$/), line: 10 },
    ]);
    // parseScenario (the schema and the limits, nothing built) finds the network's problem too.
    expect(() => parseScenario(yaml, 'shop.yaml')).toThrow(/shop\.yaml:5: network\.neighbors: expected an even integer/);
  });

  it('a network past the 32-bit tie limit is one problem, its rule\'s, not also the --max-ties limit\'s', () => {
    const e = problems(setPath(base, 'network', { generator: 'erdos-renyi-gnp', size: 100_000, probability: 0.5 }));
    expect(e.problems.map((p) => [p.path, p.message])).toEqual([
      ['network.probability', 'expected a probability giving at most 1073741823 ties on average (size·(size − 1)/2 · probability; the network\'s offsets are 32-bit), received 0.5'],
    ]);
    // Within the 32-bit limit but past the scenario's: the limit says so.
    expect(problems(setPath(base, 'network', { generator: 'erdos-renyi-gnp', size: 100_000, probability: 0.02 })).problems.map((p) => p.path)).toEqual(['network']);
  });

  it('money has an upper bound, named with its line', () => {
    const text = JSON.stringify(setPath(base, 'economics.margin', 1e308), null, 1);
    const e = problems(text);
    expect(e.problems[0]).toMatchObject({ path: 'economics.margin' });
    expect(e.problems[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes('"margin"')) + 1);
  });

  it('policy names that differ only by spaces or case are duplicates', () => {
    const e = problems(setPath(base, 'policies[1].name', '  FEE '));
    expect(e.problems.map((p) => p.path)).toEqual(['policies[1].name']);
  });
});

describe('slips and variants', () => {
  it('suggests the key a misspelt one was meant to be', () => {
    const e = problems(setPath(setPath(base, 'policies[0].maxHandoffs', 2), 'economics.discountrate', 0.1));
    const messages = Object.fromEntries(e.problems.map((p) => [p.path, p.message]));
    expect(messages['policies[0].maxHandoffs']).toMatch(/did you mean "maxHandOffs"\?/);
    expect(messages['economics.discountrate']).toMatch(/did you mean "discountRate"\?/);
  });

  it('a network key that means the generator says so; a key of another generator names it', () => {
    const { generator: _g, ...rest } = base.network;
    void _g;
    const model = problems(setPath(base, 'network', { model: 'groups', ...rest }));
    expect(model.problems).toEqual([expect.objectContaining({ path: 'network.model', message: expect.stringMatching(/did you mean "generator"\?/) })]);
    const other = problems(setPath(base, 'network.edgesPerPerson', 3));
    expect(other.problems).toEqual([expect.objectContaining({ path: 'network.edgesPerPerson', message: expect.stringMatching(/belongs to generator "barabasi-albert"/) })]);
  });

  it('a misspelt required key is reported once, as the slip', () => {
    const e = problems(setPath(setPath(base, 'roles', { customers: 0.3, prospect: 0.3 }), 'name', 'x'));
    expect(e.problems.map((p) => p.path)).toEqual(['roles.prospect']);
  });
});

describe('partial nested settings merge with the defaults', () => {
  it('one audience, one repurchase cell, one pain are valid and keep every other default', () => {
    const partial = setPath(setPath(setPath(base, 'behaviour', { audience: { negative: { mean: 6 } } }), 'behaviour.repurchase', { major: { silent: 0.2 } }), 'behaviour.pain', { outcome: { refuse: 9 } });
    expect(fileVerdict(partial)).toEqual([]);
    const s = resolveScenario({ network, incidents: base.incidents, behaviour: partial.behaviour, economics: base.economics });
    expect(s.behaviour.audience.negative).toEqual({ mean: 6, dispersion: 1 });
    expect(s.behaviour.audience.positive).toEqual({ mean: 2, dispersion: 1 });
    expect(s.behaviour.repurchase.major).toEqual({ silent: 0.2, unresolved: 0.19, resolved: 0.54, resolvedQuickly: 0.82 });
    expect(s.behaviour.repurchase.minor.silent).toBe(0.37);
    expect(s.behaviour.pain.outcome.refuse).toBe(9);
    expect(s.behaviour.pain.outcome['refuse-with-fee']).toBe(9);
    expect(s.behaviour.pain.problem.major).toBe(7);
  });
});

describe('the JSON Schema and the parameter table', () => {
  it("every default in the JSON Schema is a valid value of its own property (editors insert defaults)", () => {
    const ajv = new Ajv2020({ strict: false });
    const found: string[] = [];
    // A number that may be a distribution refers to the root's definitions.
    const { $defs } = scenarioJsonSchema() as { $defs: unknown };
    const walk = (node: unknown, path: string) => {
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if ('default' in schema) {
        const { default: value, ...rest } = schema;
        found.push(path);
        const validate = ajv.compile({ ...rest, $defs });
        expect(validate(value), `${path}: default ${JSON.stringify(value)} ${JSON.stringify(validate.errors)}`).toBe(true);
      }
      for (const [key, child] of Object.entries(schema)) {
        if (key === 'default') continue;
        if (Array.isArray(child)) child.forEach((c, i) => walk(c, `${path}.${key}[${i}]`));
        else walk(child, `${path}.${key}`);
      }
    };
    walk(scenarioJsonSchema(), '');
    expect(found.length).toBeGreaterThan(50);
  });

  it('lists every field, the rungs of the escalation ladder and the sensitivity list form included', () => {
    const paths = parameterRows().map((r) => r.path);
    for (const p of [
      'policies[].escalation[].authorityLimit',
      'policies[].escalation[].giveUpProbability',
      'sensitivity[].path',
      'sensitivity[].low',
      'behaviour.pain.outcome.refuse-with-fee',
      'network(groups).groupSize',
      'network(file).file',
      'projection.warningFalseAlarmRate',
    ]) {
      expect(paths).toContain(p);
    }
    // A default that is prose lives in the table, never in the JSON Schema's `default`.
    expect(parameterRows().find((r) => r.path === 'policies[].repairCost')!.default).toBe('the amount at stake');
    expect(JSON.stringify(scenarioJsonSchema())).not.toContain('"default":"the amount at stake"');
  });
});

describe('one validation path for distributions', () => {
  /** The model's numbers (the drawn sections and the policies), as concrete paths into `base`. */
  const drawnParameters = numericParameters.filter((path) => !/^(roles|projection)\./.test(path) && !path.startsWith('complaints.channels.'));

  /** A distribution whose draws stay inside the parameter's range (integers: a discrete of two integers). */
  function inside(path: string): unknown {
    const range = numericRange(schemaAt(scenarioFileSchema, parsePath(path), base)!)!;
    if (range.integer) return { dist: 'discrete', values: [range.min, range.min + 1] };
    const top = Math.min(range.max, range.min + 100);
    const w = top - range.min;
    return { dist: 'uniform', low: range.min + w / 4, high: range.min + w / 2 };
  }

  /** The library's verdict on the same values: the PSA's preparation (every check, and the draws). */
  function uncertainVerdict(file: typeof base): Verdict {
    try {
      prepareUncertainty(
        { network, incidents: file.incidents, complaints: file.complaints, behaviour: file.behaviour, spread: file.spread, economics: file.economics } as never,
        file.policies as never,
        { seed: 3, draws: 20, replicatesPerDraw: 1 },
      );
      return [];
    } catch (error) {
      return pathsOf(error).map((p) => p.replace(/^options\./, ''));
    }
  }

  const withSettings = (file: unknown) => ({ ...(file as object), uncertainty: { draws: 20, replicatesPerDraw: 1 } });

  it('covers every number of the drawn sections and the policies', () => {
    expect(drawnParameters.length).toBeGreaterThan(50);
    expect(drawnParameters).toContain('policies[0].escalation[0].handlingCost');
  });

  it.each(drawnParameters)('%s: a distribution inside its range, and one outside, get the same verdict from a file and from the library', (path) => {
    const good = setPath(base, path, inside(path));
    expect(fileVerdict(withSettings(good)), `${path} inside`).toEqual(uncertainVerdict(good));
    const bad = setPath(base, path, { dist: 'normal', mean: 1, sd: 1 });
    const fileBad = fileVerdict(withSettings(bad));
    expect(fileBad, `${path} outside`).toContain(path);
    expect(fileBad).toEqual(uncertainVerdict(bad));
  });
});
