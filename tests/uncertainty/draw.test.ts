// Distributions in place of numbers: found along a value with its schema, each checked
// against the number it stands for (its spec, its support against the range, integers,
// refusals), a Dirichlet on shares that sum to 1 (its marginals against the closed-form
// beta moments, within Z = 4 standard errors), linked paths drawn once, and the streams:
// a parameter's draws depend on the seed, the draw and its own path only.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  childRng,
  createRng,
  drawParameters,
  findDistributions,
  formatDistribution,
  policyLinkKey,
  probability,
  replicateRng,
  substituteValues,
  count,
  money,
  addProblem,
} from '../../src/index.js';
import { expectMoments } from '../random/statistics.js';

/** A small model: a probability, money, an integer, shares that sum to 1, probabilities that need not, a list. */
const shares = z
  .strictObject({ a: probability({ description: 'a' }), b: probability({ description: 'b' }), c: probability({ description: 'c' }) })
  .superRefine((s, ctx) => {
    if (Math.abs(s.a + s.b + s.c - 1) > 1e-9) addProblem(ctx, [], 'shares that sum to 1', s.a + s.b + s.c);
  });
const schema = z.strictObject({
  share: probability({ description: 'a share' }),
  cost: money({ description: 'a cost' }),
  count: count({ description: 'a count' }, 0, 100),
  channels: shares,
  rates: z.strictObject({ x: probability({ description: 'x' }), y: probability({ description: 'y' }) }),
  policies: z.array(z.strictObject({ name: z.string(), fee: money({ description: 'fee' }) })),
});

const paths = (found: ReturnType<typeof findDistributions>) => found.problems.map((p) => p.path.join('.'));

describe('findDistributions', () => {
  it('finds each distribution with its path, range, mean and base-case value', () => {
    const found = findDistributions(schema, {
      share: { dist: 'beta', mean: 0.3, sd: 0.1, source: '[A] a guess' },
      cost: { dist: 'gamma', mean: 500, sd: 100 },
      count: { dist: 'discrete', values: [2, 3, 10] },
      channels: { a: 0.5, b: 0.3, c: 0.2 },
      rates: { x: 0.1, y: 0.2 },
      policies: [{ name: 'p', fee: 100 }],
    });
    expect(found.problems).toEqual([]);
    expect(found.parameters.map((p) => p.path)).toEqual(['share', 'cost', 'count']);
    const [share, cost, n] = found.parameters;
    expect(share).toMatchObject({ source: '[A] a guess', central: 0.3, range: { min: 0, max: 1, integer: false } });
    expect(share!.mean).toBeCloseTo(0.3, 12);
    expect(cost!.central).toBeCloseTo(500, 9);
    // An integer's base case is the value of its distribution nearest the mean (5): 3.
    expect(n).toMatchObject({ central: 3, range: { integer: true } });
    expect(formatDistribution(share!.spec)).toBe('beta (mean 0.3, sd 0.1)');
  });

  it('reports every problem with its path, never throwing', () => {
    const found = findDistributions(schema, {
      share: { dist: 'normal', mean: 0.3, sd: 0.1 }, // draws leave [0, 1]
      cost: { dist: 'beta', mean: 0.5, sd: 0.6 }, // sd² ≥ mean(1 − mean)
      count: { dist: 'uniform', low: 1, high: 9 }, // an integer takes only a discrete distribution
      channels: { a: { dist: 'beta', mean: 0.5, sd: 0.1 }, b: 0.3, c: 0.2 }, // one share alone
      rates: { dist: 'dirichlet', alpha: { x: 1, y: 1 } }, // x and y need not sum to 1
      policies: [{ name: { dist: 'uniform', low: 0, high: 1 }, fee: { dist: 'discrete', values: [0, 100, 1e13] } }],
    });
    expect(paths(found).sort()).toEqual(['channels.a', 'cost.sd', 'count', 'policies.0.fee', 'policies.0.name', 'rates', 'share'].sort());
    const message = Object.fromEntries(found.problems.map((p) => [p.path.join('.'), p.message]));
    expect(message.share).toMatch(/draws stay ≥ 0 and ≤ 1 \(truncate the normal with low and high\)/);
    expect(message['cost.sd']).toMatch(/sd² < mean\(1 − mean\) = 0\.25 for a beta, received 0\.6/);
    expect(message.count).toMatch(/discrete distribution with integer values/);
    expect(message['channels.a']).toMatch(/shares that sum to 1, drawn together \(write channels as \{ dist: dirichlet/);
    expect(message.rates).toMatch(/a dirichlet stands for shares of one mapping that sum to 1/);
    expect(message['policies.0.name']).toMatch(/received a uniform distribution/);
    expect(message['policies.0.fee']).toMatch(/draws stay ≥ 0 and ≤ 1000000000000/);
    // Every problem's place is a location, so a schema's own complaint about it is dropped.
    for (const p of found.problems) expect(found.locations.some((l) => p.path.join('.').startsWith(l.join('.')))).toBe(true);
  });

  it('refuses a distribution where the caller says none may stand, with the reason', () => {
    const found = findDistributions(schema, { share: { dist: 'beta', mean: 0.5, sd: 0.1 } }, { refuse: (parts) => (parts[0] === 'share' ? 'the share is the same in every draw' : null) });
    expect(found.parameters).toEqual([]);
    expect(found.problems).toEqual([expect.objectContaining({ path: ['share'], message: 'expected a value, not a distribution (the share is the same in every draw), received a beta distribution' })]);
  });

  it('leaves a key the schema does not know to the schema', () => {
    const found = findDistributions(schema, { shares: { dist: 'beta', mean: 0.5, sd: 0.1 } });
    expect(found.problems).toEqual([]);
    expect(found.locations).toEqual([]);
  });

  it('links the same distribution of the same parameter of several policies: one unit, one draw', () => {
    const fee = { dist: 'uniform', low: 0, high: 100 };
    const found = findDistributions(
      schema,
      { policies: [{ name: 'a', fee }, { name: 'b', fee: { dist: 'uniform', low: 0, high: 200 } }, { name: 'c', fee: { ...fee } }] },
      { linkKey: policyLinkKey },
    );
    expect(found.units.map((u) => u.paths)).toEqual([['policies[0].fee', 'policies[2].fee'], ['policies[1].fee']]);
    expect(found.parameters.map((p) => p.label)).toEqual(['policies[0,2].fee', 'policies[1].fee']);
    const values = new Float64Array(2);
    drawParameters(found.units, replicateRng(1, 0), values);
    const drawn = substituteValues({ policies: [{ name: 'a', fee }, { name: 'b', fee: 0 }, { name: 'c', fee }] }, found.units, values);
    expect(drawn.policies[0]!.fee).toBe(drawn.policies[2]!.fee);
  });
});

describe('Dirichlet shares', () => {
  /** Beta(a, b) moments (the marginal of a Dirichlet share): mean, variance, fourth central moment. */
  function betaMoments(a: number, b: number) {
    const s = a + b;
    const variance = (a * b) / (s * s * (s + 1));
    const excess = (6 * ((a - b) ** 2 * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3));
    return { mean: a / s, variance, mu4: (excess + 3) * variance * variance };
  }

  it('draws shares that sum to 1, each with its beta marginal (alpha and mean/concentration forms)', () => {
    for (const channels of [
      { dist: 'dirichlet', alpha: { a: 46, b: 2.5, c: 1.5 } },
      { dist: 'dirichlet', mean: { a: 0.92, b: 0.05, c: 0.03 }, concentration: 50 },
    ]) {
      const found = findDistributions(schema, { channels });
      expect(found.problems).toEqual([]);
      expect(found.parameters.map((p) => p.path)).toEqual(['channels.a', 'channels.b', 'channels.c']);
      const n = 20_000;
      const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
      const v = new Float64Array(3);
      let worst = 0;
      for (let j = 0; j < n; j++) {
        drawParameters(found.units, replicateRng('dirichlet', j), v);
        worst = Math.max(worst, Math.abs(v[0]! + v[1]! + v[2]! - 1));
        for (let k = 0; k < 3; k++) {
          expect(v[k]).toBeGreaterThanOrEqual(0);
          cols[k]![j] = v[k]!;
        }
      }
      // The shares' own rule allows 1e-9; stick-breaking stays within a few ulps.
      expect(worst).toBeLessThan(1e-12);
      [46, 2.5, 1.5].forEach((a, k) => expectMoments(cols[k]!, betaMoments(a, 50 - a), `share ${k}`));
      expect(found.parameters[1]!.mean).toBeCloseTo(0.05, 12);
    }
  });

  it('a weight of 0 is a share that is always 0', () => {
    const found = findDistributions(schema, { channels: { dist: 'dirichlet', alpha: { a: 3, b: 2, c: 0 } } });
    const v = new Float64Array(3);
    for (let j = 0; j < 100; j++) {
      drawParameters(found.units, replicateRng(1, j), v);
      expect(v[2]).toBe(0);
      expect(v[0]! + v[1]!).toBeCloseTo(1, 14);
    }
  });

  it('refuses a malformed Dirichlet with the path of each problem', () => {
    const bad = (channels: unknown) => paths(findDistributions(schema, { channels })).sort();
    expect(bad({ dist: 'dirichlet', alpha: { a: 1, b: -1 } })).toEqual(['channels.alpha.b', 'channels.alpha.c']);
    expect(bad({ dist: 'dirichlet', alpha: { a: 1, b: 1, c: 1, d: 1 } })).toEqual(['channels.alpha.d']);
    expect(bad({ dist: 'dirichlet', mean: { a: 0.5, b: 0.3, c: 0.3 }, concentration: 10 })).toEqual(['channels.mean']);
    expect(bad({ dist: 'dirichlet', mean: { a: 0.5, b: 0.3, c: 0.2 } })).toEqual(['channels.concentration']);
    expect(bad({ dist: 'dirichlet', alpha: { a: 1, b: 0, c: 0 } })).toEqual(['channels.alpha']);
    expect(bad({ dist: 'dirichlet', alpha: { a: 1, b: 1, c: 1 }, mean: { a: 1, b: 0, c: 0 } })).toEqual(['channels.mean']);
    expect(bad({ dist: 'dirichlet', alpha: { a: 1, b: 1, c: 1 }, scale: 2 })).toEqual(['channels.scale']);
  });
});

describe('streams', () => {
  it("a parameter's draws depend on the seed, the draw and its own path only", () => {
    const one = findDistributions(schema, { share: { dist: 'beta', mean: 0.3, sd: 0.1 } });
    const two = findDistributions(schema, { cost: { dist: 'gamma', mean: 500, sd: 100 }, share: { dist: 'beta', mean: 0.3, sd: 0.1 } });
    const a = new Float64Array(1);
    const b = new Float64Array(2);
    for (let j = 0; j < 50; j++) {
      drawParameters(one.units, replicateRng(7, j), a);
      drawParameters(two.units, replicateRng(7, j), b);
      expect(b[1]).toBe(a[0]); // adding `cost` before it changes nothing
    }
    // The stream is named after the path below the draw's stream.
    drawParameters(one.units, replicateRng(7, 3), a);
    const again = new Float64Array(1);
    one.units[0]!.sample(childRng(replicateRng(7, 3), 'parameter', 'share'), again, 0);
    expect(again[0]).toBe(a[0]);
    // A different draw, a different value.
    drawParameters(one.units, replicateRng(7, 4), again);
    expect(again[0]).not.toBe(a[0]);
  });

  it('childRng names a stream below its parent and does not advance it', () => {
    const parent = createRng(1);
    expect(childRng(parent, 'parameter', 'a/b').stream).toBe('hearsay/1/parameter/a%2Fb');
    const before = createRng(1).next();
    childRng(parent, 'x');
    expect(parent.next()).toBe(before);
    expect(() => childRng(parent, 1.5)).toThrow(/path\[0\]/);
  });

  it('substituteValues leaves its input alone', () => {
    const value = { share: { dist: 'beta', mean: 0.3, sd: 0.1 }, cost: 5 };
    const found = findDistributions(schema, value);
    const out = substituteValues(value, found.units, [0.25]);
    expect(out).toEqual({ share: 0.25, cost: 5 });
    expect(value.share).toEqual({ dist: 'beta', mean: 0.3, sd: 0.1 });
  });
});
