// expectedTies: the ties of a generator spec before building (exact where the count is
// fixed, the binomial mean where it is random), and generators that stop at maxTies.
import { describe, expect, it } from 'vitest';
import {
  InvalidParameterError,
  barabasiAlbert,
  configurationModel,
  edgeCount,
  erdosRenyiGnm,
  erdosRenyiGnp,
  expectedTies,
  groups,
  randomRegular,
  wattsStrogatz,
} from '../../src/index.js';

function caught(make: () => unknown): Error {
  try {
    make();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}

describe('expectedTies', () => {
  it('is the exact count of the generators whose count is fixed', () => {
    const seed = 4;
    const specs = [
      [{ generator: 'erdos-renyi-gnm', size: 300, edges: 900 }, erdosRenyiGnm({ size: 300, edges: 900, seed })],
      [{ generator: 'watts-strogatz', size: 301, neighbors: 6, rewiring: 0.3 }, wattsStrogatz({ size: 301, neighbors: 6, rewiring: 0.3, seed })],
      [{ generator: 'barabasi-albert', size: 500, edgesPerPerson: 3 }, barabasiAlbert({ size: 500, edgesPerPerson: 3, seed })],
      [{ generator: 'random-regular', size: 200, degree: 5 }, randomRegular({ size: 200, degree: 5, seed })],
    ] as const;
    for (const [spec, network] of specs) expect(expectedTies(spec)).toBe(edgeCount(network));
    expect(expectedTies({ generator: 'configuration-model', degrees: [3, 1, 2, 2] })).toBe(4);
  });

  it('is exact for G(n, p) and groups when every probability is 0 or 1', () => {
    // p = 1: every pair, C(n, 2); groups of 7 (the last of 5) with p = 1 inside only: Σ C(size, 2).
    expect(expectedTies({ generator: 'erdos-renyi-gnp', size: 120, probability: 1 })).toBe(edgeCount(erdosRenyiGnp({ size: 120, probability: 1, seed: 1 })));
    expect(expectedTies({ generator: 'erdos-renyi-gnp', size: 120, probability: 0 })).toBe(0);
    const inside = { size: 40, groupSize: 7, insideProbability: 1, acrossProbability: 0 };
    expect(expectedTies({ generator: 'groups', ...inside })).toBe(5 * 21 + 10);
    expect(expectedTies({ generator: 'groups', ...inside })).toBe(edgeCount(groups({ ...inside, seed: 1 })));
    const across = { size: 40, groupSize: 7, insideProbability: 0, acrossProbability: 1 };
    expect(expectedTies({ generator: 'groups', ...across })).toBe(edgeCount(groups({ ...across, seed: 1 })));
    const listed = { size: 10, groupSizes: [2, 3, 5], insideProbability: 1, acrossProbability: 0 };
    expect(expectedTies({ generator: 'groups', ...listed })).toBe(1 + 3 + 10);
  });

  it('is the mean of the random count: one G(n, p) draw lies within 5 binomial sd', () => {
    // Ties ~ Binomial(C(2000, 2), 0.01): mean 19,990, sd √(19,990 · 0.99) ≈ 140.7.
    const expected = expectedTies({ generator: 'erdos-renyi-gnp', size: 2000, probability: 0.01 });
    expect(expected).toBeCloseTo(19990, 6);
    const drawn = edgeCount(erdosRenyiGnp({ size: 2000, probability: 0.01, seed: 9 }));
    expect(Math.abs(drawn - expected)).toBeLessThan(5 * Math.sqrt(expected * 0.99));
  });

  it('counts the groups network that passed every check and needed ~25 GB', () => {
    expect(expectedTies({ generator: 'groups', size: 46000, groupSize: 46000, insideProbability: 1, acrossProbability: 1 })).toBe((46000 * 45999) / 2);
  });

  it('refuses an unknown generator or a parameter that is not a number', () => {
    expect(caught(() => expectedTies({ generator: 'village', size: 3 }))).toBeInstanceOf(InvalidParameterError);
    expect((caught(() => expectedTies({ generator: 'erdos-renyi-gnp', size: 10, probability: 'x' })) as InvalidParameterError).field).toBe('probability');
  });
});

describe('maxTies', () => {
  it('a fixed count over the limit is refused before drawing, naming the limit; at the limit it builds', () => {
    const cases: Array<[string, (maxTies: number) => unknown, number]> = [
      ['erdosRenyiGnm', (maxTies) => erdosRenyiGnm({ size: 100, edges: 300, seed: 1, maxTies }), 300],
      ['wattsStrogatz', (maxTies) => wattsStrogatz({ size: 100, neighbors: 4, rewiring: 0.1, seed: 1, maxTies }), 200],
      ['barabasiAlbert', (maxTies) => barabasiAlbert({ size: 100, edgesPerPerson: 2, seed: 1, maxTies }), 196],
      ['randomRegular', (maxTies) => randomRegular({ size: 100, degree: 4, seed: 1, maxTies }), 200],
      ['configurationModel', (maxTies) => configurationModel({ degrees: [1, 1, 1, 1], seed: 1, maxTies }), 2],
    ];
    for (const [name, make, ties] of cases) {
      const e = caught(() => make(ties - 1)) as InvalidParameterError;
      expect(e, name).toBeInstanceOf(InvalidParameterError);
      expect(e.field).toBe(`${name}.maxTies`);
      expect(e.message).toContain(`at least the ${ties} ties`);
      expect(edgeCount(make(ties) as never)).toBe(ties);
    }
  });

  it('a random count stops the draw as soon as it passes the limit', () => {
    // The mean (9,999.99) is within a limit of 10,000; this seed's draw is not.
    const options = { size: 1000, probability: 0.02002, seed: 7 };
    const ties = edgeCount(erdosRenyiGnp(options));
    expect(ties).toBeGreaterThan(10000);
    const e = caught(() => erdosRenyiGnp({ ...options, maxTies: ties - 1 })) as InvalidParameterError;
    expect(e.field).toBe('erdosRenyiGnp.maxTies');
    expect(e.message).toContain(`the draw passed ${ties - 1} ties and was stopped`);
    expect(edgeCount(erdosRenyiGnp({ ...options, maxTies: ties }))).toBe(ties);
    // Mean 17,000; this seed draws more.
    const g = { size: 1000, groupSize: 50, insideProbability: 0.5, acrossProbability: 0.01, seed: 4 };
    const groupTies = edgeCount(groups(g));
    expect(groupTies).toBeGreaterThan(17000);
    expect((caught(() => groups({ ...g, maxTies: groupTies - 1 })) as InvalidParameterError).field).toBe('groups.maxTies');
    expect(edgeCount(groups({ ...g, maxTies: groupTies }))).toBe(groupTies);
  });

  it('a mean over the limit is refused before any memory is spent (groups of 46,000 at probability 1)', () => {
    const e = caught(() => groups({ size: 46000, groupSize: 46000, insideProbability: 1, acrossProbability: 0, seed: 1, maxTies: 50_000_000 })) as InvalidParameterError;
    expect(e.field).toBe('groups.maxTies');
    expect(e.message).toContain('1057977000 ties');
    expect((caught(() => erdosRenyiGnp({ size: 1_000_000, probability: 0.00011, seed: 1, maxTies: 50_000_000 })) as InvalidParameterError).field).toBe('erdosRenyiGnp.maxTies');
  });
});
