import { describe, expect, it } from 'vitest';
import {
  GraphStructureError,
  InvalidParameterError,
  Role,
  STRONG_WEAK_DEFAULTS,
  apportion,
  assignRoles,
  assignSegments,
  assignTrust,
  compileNetwork,
  countRoles,
  createRng,
  deriveRng,
  edgeCount,
  type Network,
} from '../../src/index.js';
import { randomNetwork, thrown } from '../helpers/network.js';

/**
 * Tolerance for statistical checks: Z standard errors. |Z| > 5 happens by chance with
 * probability 5.7e-7 for a normal estimate, so a failure means a bug, not bad luck.
 */
const Z = 5;



/** Tie strengths, one per tie (the arc u → v with u < v when undirected). */
function tieValues(network: Network): Float64Array {
  const values: number[] = [];
  for (let u = 0; u < network.size; u++) {
    for (let a = network.offsets[u]!; a < network.offsets[u + 1]!; a++) {
      if (network.directed || network.neighbors[a]! > u) values.push(network.trust[a]!);
    }
  }
  return Float64Array.from(values);
}

function expectSymmetric(network: Network): void {
  for (let u = 0; u < network.size; u++) {
    for (let a = network.offsets[u]!; a < network.offsets[u + 1]!; a++) {
      const v = network.neighbors[a]!;
      const row = network.neighbors.subarray(network.offsets[v]!, network.offsets[v + 1]!);
      const back = network.offsets[v]! + row.indexOf(u);
      expect(network.trust[back]).toBe(network.trust[a]);
    }
  }
}

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2;
  return s / (x.length - 1);
}

function shareAtMost(x: ArrayLike<number>, q: number): number {
  let k = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! <= q) k++;
  return k / x.length;
}

/** |observed − expected| ≤ Z · se, with a readable failure. */
function expectWithin(observed: number, expected: number, se: number, label: string): void {
  expect(Math.abs(observed - expected), `${label}: observed ${observed}, expected ${expected} ± ${Z}·${se}`).toBeLessThanOrEqual(Z * se);
}

describe('apportion (largest remainder)', () => {
  it('matches hand-worked examples', () => {
    expect(apportion(10, [0.25, 0.25, 0.5])).toEqual([3, 2, 5]); // quotas 2.5, 2.5, 5: tie to the first
    expect(apportion(7, [0.3, 0.5, 0.2])).toEqual([2, 4, 1]); // quotas 2.1, 3.5, 1.4
    expect(apportion(34, [0.3, 0.5, 0.2])).toEqual([10, 17, 7]); // 10.2, 17, 6.8
    expect(apportion(3, [1 / 3, 1 / 3, 1 / 3])).toEqual([1, 1, 1]);
    expect(apportion(10, [0.1 + 0.2, 0.7])).toEqual([3, 7]); // 0.30000000000000004 · 10 loses nothing
    expect(apportion(0, [0.5, 0.5])).toEqual([0, 0]);
  });

  it('always sums to the total, each count within 1 of its quota', () => {
    const rng = createRng('apportion');
    for (let trial = 0; trial < 2000; trial++) {
      const total = Math.floor(rng.next() * 1000);
      const a = rng.next();
      const b = rng.next() * (1 - a);
      const shares = [a, b, 1 - a - b];
      const counts = apportion(total, shares);
      expect(counts.reduce((x, y) => x + y, 0)).toBe(total);
      counts.forEach((c, i) => expect(Math.abs(c - shares[i]! * total)).toBeLessThan(1));
    }
  });

  it('rejects shares that do not sum to 1 or lie outside [0, 1]', () => {
    expect(thrown(() => apportion(10, [0.5, 0.4]), InvalidParameterError).field).toBe('shares');
    expect(thrown(() => apportion(10, [1.5, -0.5]), InvalidParameterError).field).toBe('shares[0]');
    expect(thrown(() => apportion(2.5, [1]), InvalidParameterError).field).toBe('total');
  });
});

describe('assignRoles', () => {
  const network = randomNetwork(1000, 3000, 1);

  it('gives exact counts by share, sharing every array but role', () => {
    for (const [customers, prospects] of [
      [0.3, 0.5],
      [0.123, 0.4567],
      [0, 1],
      [1, 0],
      [0, 0],
      [0.3333, 0.3333],
    ] as const) {
      const labelled = assignRoles(network, { customers, prospects }, 1);
      const [c, p, b] = apportion(1000, [customers, prospects, 1 - customers - prospects]);
      expect(countRoles(labelled)).toEqual({ customers: c, prospects: p, bystanders: b });
    }
    const labelled = assignRoles(network, { customers: 0.3, prospects: 0.5 }, 1);
    expect(countRoles(labelled)).toEqual({ customers: 300, prospects: 500, bystanders: 200 });
    expect(labelled.offsets).toBe(network.offsets);
    expect(labelled.neighbors).toBe(network.neighbors);
    expect(labelled.trust).toBe(network.trust);
    expect(labelled.segment).toBe(network.segment);
    expect(labelled.role).not.toBe(network.role);
    expect(countRoles(network)).toEqual({ customers: 0, prospects: 0, bystanders: 1000 });
  });

  it('is deterministic: same seed same roles, another seed other roles; a seed means the stream "roles"', () => {
    const spec = { customers: 0.3, prospects: 0.5 };
    const a = assignRoles(network, spec, 42);
    expect(Array.from(assignRoles(network, spec, 42).role)).toEqual(Array.from(a.role));
    expect(Array.from(assignRoles(network, spec, deriveRng(42, 'roles')).role)).toEqual(Array.from(a.role));
    expect(Array.from(assignRoles(network, spec, 43).role)).not.toEqual(Array.from(a.role));
  });

  it('chooses people uniformly: each person is a customer with probability share', () => {
    // 10 people, 3 customers, 5 prospects: over R draws each person's customer frequency is
    // Binomial(R, 0.3)/R, standard error sqrt(0.3·0.7/R).
    const small = randomNetwork(10, 20, 2);
    const R = 4000;
    const customer = new Float64Array(10);
    const prospect = new Float64Array(10);
    const rng = createRng('uniformity');
    for (let r = 0; r < R; r++) {
      const labelled = assignRoles(small, { customers: 0.3, prospects: 0.5 }, rng);
      for (let i = 0; i < 10; i++) {
        if (labelled.role[i] === Role.customer) customer[i]!++;
        if (labelled.role[i] === Role.prospect) prospect[i]!++;
      }
    }
    for (let i = 0; i < 10; i++) {
      expectWithin(customer[i]! / R, 0.3, Math.sqrt((0.3 * 0.7) / R), `person ${i} customer`);
      expectWithin(prospect[i]! / R, 0.5, Math.sqrt((0.5 * 0.5) / R), `person ${i} prospect`);
    }
  });

  it('gives exact counts within each segment with bySegment', () => {
    const segmented = assignSegments(network, (i) => (i < 300 ? 'north' : i < 700 ? 'south' : 'east'));
    const labelled = assignRoles(
      segmented,
      { bySegment: { north: { customers: 0.5, prospects: 0.1 }, south: { customers: 0.25, prospects: 0.25 }, east: { customers: 0, prospects: 1 } } },
      7,
    );
    expect(countRoles(labelled, 'north')).toEqual({ customers: 150, prospects: 30, bystanders: 120 });
    expect(countRoles(labelled, 'south')).toEqual({ customers: 100, prospects: 100, bystanders: 200 });
    expect(countRoles(labelled, 'east')).toEqual({ customers: 0, prospects: 300, bystanders: 0 });
    expect(countRoles(labelled)).toEqual({ customers: 250, prospects: 430, bystanders: 320 });
  });

  it('takes an array or a function of role names', () => {
    const tiny = randomNetwork(4, 6, 3);
    const fromArray = assignRoles(tiny, ['customer', 'prospect', 'bystander', 'customer']);
    expect(Array.from(fromArray.role)).toEqual([Role.customer, Role.prospect, Role.bystander, Role.customer]);
    const fromFunction = assignRoles(tiny, (i, key) => (key === '2' || i === 0 ? 'prospect' : 'bystander'));
    expect(Array.from(fromFunction.role)).toEqual([Role.prospect, Role.bystander, Role.prospect, Role.bystander]);
  });

  it('rejects bad shares, segments, names and a missing random source', () => {
    let error = thrown(() => assignRoles(network, { customers: 0.7, prospects: 0.5 }, 1), InvalidParameterError);
    expect(error.message).toContain('customers and prospects that add up to at most 1');
    error = thrown(() => assignRoles(network, { customers: -0.1, prospects: 0.5 }, 1), InvalidParameterError);
    expect(error.field).toBe('roles.customers');
    error = thrown(() => assignRoles(network, { customers: 0.1, prospect: 0.5 } as never, 1), InvalidParameterError);
    expect(error.field).toBe('roles.prospect');
    error = thrown(() => assignRoles(network, { customers: 0.3, prospects: 0.5 }), InvalidParameterError);
    expect(error.field).toBe('random');
    const segmented = assignSegments(network, (i) => (i < 500 ? 'north' : 'south'));
    error = thrown(() => assignRoles(segmented, { bySegment: { north: { customers: 0.1, prospects: 0.1 } } }, 1), InvalidParameterError);
    expect(error.field).toBe('roles.bySegment.south');
    error = thrown(
      () => assignRoles(segmented, { bySegment: { north: { customers: 0.1, prospects: 0.1 }, south: { customers: 0, prospects: 0 }, west: { customers: 0, prospects: 0 } } }, 1),
      InvalidParameterError,
    );
    expect(error.field).toBe('roles.bySegment.west');
    error = thrown(() => assignRoles(randomNetwork(2, 1, 1), ['customer', 'vip' as never]), InvalidParameterError);
    expect(error.field).toBe('roles[1]');
    expect(error.message).toContain('received "vip"');
    error = thrown(() => assignRoles(network, ['customer']), InvalidParameterError);
    expect(error.field).toBe('roles');
    expect(thrown(() => countRoles(segmented, 'west'), InvalidParameterError).field).toBe('segment');
  });
});

describe('assignSegments', () => {
  const network = randomNetwork(6, 10, 4);

  it('numbers labels in order of first appearance, or as given', () => {
    const a = assignSegments(network, ['b', 'a', 'b', 'c', 'a', 'a']);
    expect(a.segmentNames).toEqual(['b', 'a', 'c']);
    expect(Array.from(a.segment)).toEqual([0, 1, 0, 2, 1, 1]);
    expect(a.neighbors).toBe(network.neighbors);
    const b = assignSegments(network, ['b', 'a', 'b', 'c', 'a', 'a'], ['a', 'b', 'c', 'd']);
    expect(b.segmentNames).toEqual(['a', 'b', 'c', 'd']);
    expect(Array.from(b.segment)).toEqual([1, 0, 1, 2, 0, 0]);
  });

  it('rejects labels outside the given names, non-strings and wrong lengths', () => {
    expect(thrown(() => assignSegments(network, ['a', 'b', 'a', 'a', 'a', 'x'], ['a', 'b']), InvalidParameterError).field).toBe('segments[5]');
    expect(thrown(() => assignSegments(network, () => 3 as never), InvalidParameterError).field).toBe('segments(0, "0")');
    expect(thrown(() => assignSegments(network, ['a']), InvalidParameterError).field).toBe('segments');
  });
});

describe('assignTrust', () => {
  // About 50,000 ties: enough for standard errors of a few thousandths.
  const network = randomNetwork(20000, 50000, 5);
  const ties = edgeCount(network);

  it('constant: every arc the same value, no random source needed', () => {
    const trusted = assignTrust(network, { kind: 'constant', value: 0.4 });
    expect(trusted.trust.every((t) => t === Math.fround(0.4))).toBe(true);
    expect(trusted.neighbors).toBe(network.neighbors);
    expect(trusted.role).toBe(network.role);
  });

  it('strong-weak: exactly strongShare of the ties strong, both arcs alike, defaults from Goldenberg et al.', () => {
    expect(STRONG_WEAK_DEFAULTS).toEqual({ strongShare: 0.5, strong: 1, weak: 0.25 });
    const trusted = assignTrust(network, { kind: 'strong-weak' }, 1);
    const values = tieValues(trusted);
    const strong = values.filter((t) => t === 1).length;
    expect(strong).toBe(apportion(ties, [0.5, 0.5])[0]);
    expect(values.filter((t) => t === 0.25).length).toBe(ties - strong);
    expectSymmetric(trusted);
    const custom = assignTrust(network, { kind: 'strong-weak', strongShare: 0.2, strong: 0.9, weak: 0.1 }, 1);
    expect(tieValues(custom).filter((t) => t === Math.fround(0.9)).length).toBe(apportion(ties, [0.2, 0.8])[0]);
  });

  it('strong-weak: every tie is strong with probability strongShare (selection sampling is uniform)', () => {
    // A path of 11 people (10 ties), strongShare 0.3: over R draws each tie's strong
    // frequency has standard error sqrt(0.3·0.7/R).
    const path = compileNetwork(
      { size: 11, sources: Int32Array.from({ length: 10 }, (_, i) => i), targets: Int32Array.from({ length: 10 }, (_, i) => i + 1) },
      { info: { source: 'test', parameters: {} } },
    );
    const R = 4000;
    const strong = new Float64Array(10);
    const rng = createRng('strong-weak');
    for (let r = 0; r < R; r++) {
      const values = tieValues(assignTrust(path, { kind: 'strong-weak', strongShare: 0.3 }, rng));
      values.forEach((t, i) => {
        if (t === 1) strong[i]!++;
      });
    }
    strong.forEach((k, i) => expectWithin(k / R, 0.3, Math.sqrt((0.3 * 0.7) / R), `tie ${i}`));
  });

  it('uniform: values in (min, max], mean (min+max)/2 and variance (max−min)²/12', () => {
    const min = 0.2;
    const max = 0.8;
    const trusted = assignTrust(network, { kind: 'uniform', min, max }, 2);
    const values = tieValues(trusted);
    expect(values.every((t) => t > Math.fround(min) - 1e-7 && t <= Math.fround(max))).toBe(true);
    expectSymmetric(trusted);
    const w = max - min;
    // SE of the mean: σ/√m with σ² = w²/12. SE of the sample variance: √((μ4 − σ⁴)/m),
    // and for a uniform μ4 = w⁴/80, σ⁴ = w⁴/144, so μ4 − σ⁴ = w⁴/180.
    expectWithin(mean(values), (min + max) / 2, Math.sqrt((w * w) / 12 / ties), 'mean');
    expectWithin(variance(values), (w * w) / 12, (w * w) / Math.sqrt(180 * ties), 'variance');
  });

  it('beta(2, 5): mean α/(α+β) and the exact CDF at 0.25', () => {
    const trusted = assignTrust(network, { kind: 'beta', alpha: 2, beta: 5 }, 3);
    const values = tieValues(trusted);
    expectSymmetric(trusted);
    // Mean 2/7, variance αβ/((α+β)²(α+β+1)) = 10/392; SE of the mean √(var/m).
    expectWithin(mean(values), 2 / 7, Math.sqrt(10 / 392 / ties), 'mean');
    // For integer α, β: I_x(α, β) = P(Binomial(α+β−1, x) ≥ α); with α = 2, β = 5:
    // 1 − (1−x)^6 − 6x(1−x)^5 = 0.466064453125 at x = 0.25. SE √(p(1−p)/m).
    const p = 1 - 0.75 ** 6 - 6 * 0.25 * 0.75 ** 5;
    expect(p).toBeCloseTo(0.466064453125, 12);
    expectWithin(shareAtMost(values, 0.25), p, Math.sqrt((p * (1 - p)) / ties), 'P(X ≤ 0.25)');
  });

  it('beta(0.5, 0.5): the arcsine law P(X ≤ x) = (2/π)·asin(√x)', () => {
    const values = tieValues(assignTrust(network, { kind: 'beta', alpha: 0.5, beta: 0.5 }, 4));
    for (const x of [0.01, 0.1, 0.5, 0.9]) {
      const p = (2 / Math.PI) * Math.asin(Math.sqrt(x));
      expectWithin(shareAtMost(values, x), p, Math.sqrt((p * (1 - p)) / ties), `P(X ≤ ${x})`);
    }
  });

  it('beta with a tiny alpha: draws that round to 0 are redrawn, the law is Beta conditioned on X > 2^-150', () => {
    const alpha = 0.02;
    const values = tieValues(assignTrust(network, { kind: 'beta', alpha, beta: 1 }, 5));
    expect(values.every((t) => t > 0 && t <= 1)).toBe(true);
    // Beta(α, 1) has CDF x^α. Single precision keeps X > ε = 2^-150 only, which at α = 0.02
    // is 1 − ε^α = 1 − 2^-3 of the draws; the rest are redrawn, so the law is Beta
    // conditioned on X > ε: P(X ≤ x) = (x^α − ε^α)/(1 − ε^α). The unconditioned value
    // differs by more than 10 standard errors at small x, so this checks the redraw itself.
    const eps = 2 ** (-150 * alpha);
    for (const x of [1e-30, 1e-6, 0.01]) {
      const p = (x ** alpha - eps) / (1 - eps);
      const se = Math.sqrt((p * (1 - p)) / ties);
      if (x <= 1e-6) expect(Math.abs(x ** alpha - p)).toBeGreaterThan(10 * se);
      expectWithin(shareAtMost(values, x), p, se, `P(X ≤ ${x})`);
    }
  });

  it('directed networks: each arc is a tie of its own', () => {
    const directed = randomNetwork(2000, 8000, 6, true);
    const trusted = assignTrust(directed, { kind: 'strong-weak' }, 1);
    expect(Array.from(trusted.trust).filter((t) => t === 1).length).toBe(apportion(directed.neighbors.length, [0.5, 0.5])[0]);
  });

  it('is deterministic: same seed same values, another seed other values; a seed means the stream "trust"', () => {
    const spec = { kind: 'beta', alpha: 2, beta: 2 } as const;
    const a = assignTrust(network, spec, 9);
    expect(Array.from(assignTrust(network, spec, 9).trust)).toEqual(Array.from(a.trust));
    expect(Array.from(assignTrust(network, spec, deriveRng(9, 'trust')).trust)).toEqual(Array.from(a.trust));
    expect(Array.from(assignTrust(network, spec, 10).trust)).not.toEqual(Array.from(a.trust));
  });

  it('rejects parameters out of range, unknown kinds and a missing random source', () => {
    const cases: Array<[unknown, string]> = [
      [{ kind: 'constant', value: 0 }, 'trust.value'],
      [{ kind: 'constant', value: 1.2 }, 'trust.value'],
      [{ kind: 'strong-weak', strong: 0.2, weak: 0.5 }, 'trust.weak'],
      [{ kind: 'strong-weak', strongShare: 1.5 }, 'trust.strongShare'],
      [{ kind: 'uniform', min: 0.5, max: 0.5 }, 'trust.max'],
      [{ kind: 'uniform', min: -0.1, max: 0.5 }, 'trust.min'],
      [{ kind: 'beta', alpha: 0, beta: 1 }, 'trust.alpha'],
      [{ kind: 'beta', alpha: 1, beta: Number.NaN }, 'trust.beta'],
      [{ kind: 'beta', alpha: 1e-9, beta: 1 }, 'trust.alpha'], // P(X > 2^-150) ≈ 1e-7: every draw rounds to 0
      [{ kind: 'lognormal' }, 'trust.kind'],
      [{ kind: 'constant', value: 0.5, extra: 1 }, 'trust.extra'],
    ];
    for (const [spec, field] of cases) {
      expect(thrown(() => assignTrust(network, spec as never, 1), InvalidParameterError).field, JSON.stringify(spec)).toBe(field);
    }
    expect(thrown(() => assignTrust(network, { kind: 'uniform', min: 0, max: 1 }), InvalidParameterError).field).toBe('random');
  });

  it('refuses an undirected network whose rows are not symmetric', () => {
    // Arc 0 → 1 without its reverse 1 → 0: not something compileNetwork makes.
    const broken: Network = { ...randomNetwork(2, 1, 1), size: 2, offsets: Int32Array.of(0, 1, 1), neighbors: Int32Array.of(1), trust: Float32Array.of(1) };
    const error = thrown(() => assignTrust(broken, { kind: 'uniform', min: 0, max: 1 }, 1), GraphStructureError);
    expect(error.field).toBe('arc 0 → 1');
  });
});
