// Library results as data: JSON writes samples as plain arrays (and leaves them out on
// request), intervals have one flat shape everywhere, and every result reports its seed
// as it was given. Partial results keep their canonical text seed and still merge.
import { describe, expect, it } from 'vitest';
import {
  IndependentCascadeKernel,
  SampleArray,
  assignRoles,
  breakEven,
  comparePolicies,
  erdosRenyiGnm,
  estimateDarkNumber,
  groups,
  mergeResults,
  projectChurn,
  runFingerprint,
  runReplicatesSync,
  simulateBass,
  summarize,
  toPartialResult,
  withoutSamples,
  type KernelSpec,
  type PolicySpec,
  type Scenario,
} from '../../src/index.js';
import { VERSION } from '../../src/version.js';

const network = assignRoles(
  groups({ size: 2000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001, seed: 'town' }),
  { customers: 0.3, prospects: 0.4 },
  'town',
);
const scenario: Scenario = { network, incidents: { count: 30, severity: 'major', amount: 600 }, economics: { margin: 800 } };
const fee: PolicySpec = { name: 'fee', decision: 'refuse-with-fee', fee: 200 };
const refund: PolicySpec = { name: 'refund', decision: 'full-refund' };
const cascade = (net = network) => new IndependentCascadeKernel(net, { probability: 0.2, tellers: { count: 2 } });

describe('results serialise', () => {
  it('samples stay Float64Arrays in memory and are plain arrays in JSON', () => {
    const r = runReplicatesSync(cascade(), { seed: 3, replicates: 40, samples: true });
    const reached = r.samples!.reached!;
    expect(reached).toBeInstanceOf(Float64Array);
    expect(reached).toBeInstanceOf(SampleArray);
    const json = JSON.parse(JSON.stringify(r));
    expect(Array.isArray(json.samples.reached)).toBe(true);
    expect(json.samples.reached).toEqual(Array.from(reached));
    // Everything else round-trips as it is.
    expect(json.summary).toEqual(r.summary);
    expect(json.range).toEqual({ from: 0, to: 40 });
  });

  it('a comparison writes one number per replicate and metric, not {"0": …} objects; withoutSamples leaves them out', () => {
    const c = comparePolicies(scenario, [fee, refund], { seed: 42, replicates: 50 });
    const text = JSON.stringify(c);
    expect(text).not.toMatch(/\{"0":/);
    const json = JSON.parse(text);
    for (const name of c.result.metricNames) expect(json.result.samples[name]).toEqual(Array.from(c.result.samples![name]!));
    const lean = JSON.stringify(c, withoutSamples);
    expect(lean).not.toContain('"samples"');
    const leanJson = JSON.parse(lean);
    expect(leanJson.result.summary).toEqual(json.result.summary);
    expect(leanJson.differences).toEqual(json.differences);
    expect(leanJson.result).not.toHaveProperty('samples');
    // Exactly the samples are left out, nothing else.
    expect(lean.length).toBe(text.length - `,"samples":${JSON.stringify(json.result.samples)}`.length);
  });

  it('withoutSamples keeps a partial result\'s samples (merging needs them) and other fields named samples', () => {
    const r = runReplicatesSync(cascade(), { seed: 1, replicates: 5, samples: true });
    const partial = toPartialResult(r, { fingerprint: '0123456789abcdef', version: VERSION });
    expect(JSON.parse(JSON.stringify(partial, withoutSamples)).samples.reached).toEqual(Array.from(r.samples!.reached!));
    expect(JSON.parse(JSON.stringify({ samples: [1, 2] }, withoutSamples))).toEqual({ samples: [1, 2] });
  });
});

describe('one shape for a 95% interval: ci95Low and ci95High', () => {
  it('in a metric summary (null with one replicate), a tidy row and a break-even result', () => {
    const s = summarize([1, 2, 3, 4]);
    const se = Math.sqrt(5 / 3) / 2; // sample sd of 1..4 is √(5/3)
    expect(s.ci95Low).toBeCloseTo(2.5 - 1.959963984540054 * se, 12);
    expect(s.ci95High).toBeCloseTo(2.5 + 1.959963984540054 * se, 12);
    expect(Object.keys(s)).not.toContain('ci95');
    expect(summarize([7])).toMatchObject({ ci95Low: null, ci95High: null });

    const c = comparePolicies(scenario, [fee, refund], { seed: 5, replicates: 30 });
    const row = c.rows.find((x) => x.policy === 'fee' && x.metric === 'netValue')!;
    expect([row.ci95Low, row.ci95High]).toEqual([c.summary.fee!.netValue!.ci95Low, c.summary.fee!.netValue!.ci95High]);
    expect(Object.keys(c.differences[0]!.difference)).toEqual(expect.arrayContaining(['ci95Low', 'ci95High']));

    const be = breakEven(scenario, [fee, refund], { parameter: 'fee', low: 0, high: 100_000, seed: 5, replicates: 30 });
    expect(be.ci95Low).toBeCloseTo(be.value - 1.959963984540054 * be.se, 9);
    expect(be.ci95High).toBeCloseTo(be.value + 1.959963984540054 * be.se, 9);
    expect(Object.keys(be)).not.toContain('ci95');
  });
});

describe('the seed as given', () => {
  it('a number stays a number, text stays text; 42 and "42" are the same streams', () => {
    const n = runReplicatesSync(cascade(), { seed: 42, replicates: 20, samples: true });
    const t = runReplicatesSync(cascade(), { seed: '42', replicates: 20, samples: true });
    expect(n.seed).toBe(42);
    expect(t.seed).toBe('42');
    expect(runReplicatesSync(cascade(), { seed: 'abc', replicates: 2 }).seed).toBe('abc');
    expect(Array.from(n.samples!.reached!)).toEqual(Array.from(t.samples!.reached!));
    expect(JSON.parse(JSON.stringify(n)).seed).toBe(42);
  });

  it('in every result that carries one', () => {
    expect(comparePolicies(scenario, [fee, refund], { seed: 42, replicates: 5 }).seed).toBe(42);
    expect(estimateDarkNumber(scenario, fee, { seed: 42, replicates: 5 }).seed).toBe(42);
    expect(projectChurn(scenario, [fee], { seed: 42, replicates: 2, months: 2 }).seed).toBe(42);
    expect(simulateBass(network, { innovation: 0.03, imitation: 0.38, years: 1, stepsPerYear: 4, seed: 42, replicates: 2 }).seed).toBe(42);
    expect(comparePolicies(scenario, [fee, refund], { seed: 'abc', replicates: 5 }).seed).toBe('abc');
  });

  it('partial results keep the canonical text, and parts of seed 42 and "42" merge into the whole run', () => {
    const net = erdosRenyiGnm({ size: 300, edges: 600, seed: 1 });
    const spec: KernelSpec = { kind: 'independent-cascade', options: { probability: 0.2, tellers: { count: 2 } } };
    const fingerprint = runFingerprint(net, spec);
    const a = toPartialResult(runReplicatesSync(cascade(net), { seed: 42, replicates: { from: 0, to: 10 }, samples: true }), { fingerprint, version: VERSION });
    const b = toPartialResult(runReplicatesSync(cascade(net), { seed: '42', replicates: { from: 10, to: 20 }, samples: true }), { fingerprint, version: VERSION });
    expect([a.seed, b.seed]).toEqual(['42', '42']);
    const merged = mergeResults(JSON.parse(JSON.stringify([a, b])), { samples: true });
    const whole = runReplicatesSync(cascade(net), { seed: 42, replicates: 20, samples: true });
    expect(Array.from(merged.samples!.reached!)).toEqual(Array.from(whole.samples!.reached!));
    expect(merged.summary).toEqual(whole.summary);
  });
});
