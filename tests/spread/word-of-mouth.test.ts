// The valenced model, the linear threshold and the rumour kernels: exact small cases,
// closed forms, and a reference value for the Maki–Thompson rumour.
import { describe, expect, it } from 'vitest';
import {
  IndependentCascadeKernel,
  InvalidParameterError,
  Outcome,
  Role,
  SPREAD_METRICS,
  SPREAD_SCALAR_METRICS,
  UnknownNodeError,
  WordOfMouthKernel,
  createRng,
  erdosRenyiGnm,
  resolveSpreadOptions,
  prepareWordOfMouth,
  runReplicatesSync,
  spreadWordOfMouth,
} from '../../src/index.js';
import { complete, fromPairs, meanSe, stars } from '../helpers/graphs.js';

const classic = { tellProbability: 1, transmission: 'plain', retellProbability: 0 } as const;

describe('valenced cascade: exact cases', () => {
  it('the bad day: 3 tellers each telling their 10 listeners, no retelling → 30 hear', () => {
    // DOMAIN.md: 3 unhappy customers each telling 10 people reach 30 people first-hand.
    const network = stars(3, 10);
    const r = spreadWordOfMouth(network, { ...classic, stories: [{ valence: 'negative', tellers: ['0', '11', '22'] }] }, 1);
    expect(r.byHop.negative).toEqual([3, 30]);
    expect(r.metrics.reachedNegative).toBe(33);
    expect(r.metrics.tellers).toBe(3);
    expect(r.metrics.maxHop).toBe(1);
  });

  it('with retelling certain and plain transmission it is the classic cascade in law', () => {
    const network = erdosRenyiGnm({ size: 5000, edges: 7500, seed: 4 });
    const valenced = prepareWordOfMouth(network, {
      tellProbability: 0.6,
      transmission: 'plain',
      retellProbability: 1,
      retellDecay: 1,
      stories: [{ valence: 'positive', tellers: { count: 2 } }],
    });
    const a = meanSe(runReplicatesSync(valenced, { seed: 'a', replicates: 400, samples: true }).samples!.reached!);
    const kernel = new IndependentCascadeKernel(network, { probability: 0.6, tellers: { count: 2 } });
    const b = meanSe(runReplicatesSync(kernel, { seed: 'b', replicates: 400, samples: true }).samples!.reached!);
    // Independent samples: SE of the difference √(se_a² + se_b²).
    expect(Math.abs(a.mean - b.mean)).toBeLessThan(4 * Math.hypot(a.se, b.se));
  });

  it('prospects hearing one negative story: expected loss exactly 0.1 each at prior 0.5', () => {
    // π' = π − π(1 − (1 − 2·0.1)) = 0.4 → expected lost per prospect = 0.1 (EHL shift).
    const network = stars(1, 200, Role.prospect);
    const kernel = prepareWordOfMouth(network, { ...classic, purchaseProbability: 0.5, stories: [{ valence: 'negative', tellers: ['0'] }] });
    const result = runReplicatesSync(kernel, { seed: 3, replicates: 300, samples: true });
    expect(result.summary.expectedLostProspects!.mean).toBeCloseTo(20, 10);
    expect(result.summary.expectedLostProspects!.sd).toBe(0);
    // Realised losses ~ Binomial(200, 0.1) per replicate: mean 20, SE √(200·0.1·0.9/300).
    expect(Math.abs(result.summary.lostProspects!.mean - 20)).toBeLessThan(4 * Math.sqrt(18 / 300));
    expect(result.summary.wonProspects!.mean).toBe(0);
    // All losses happen at hop 1.
    expect(result.summary['lostByHop.1']!.mean).toBe(result.summary.lostProspects!.mean);
  });

  it('mixed stories: one negative and one positive move a prior of 0.5 to 0.6', () => {
    // π' = 0.5 + 0.5·0.4 − 0.5·0.2 = 0.6: expected won 0.1 per prospect, none lost.
    const network = stars(1, 100, Role.prospect);
    const r = spreadWordOfMouth(
      network,
      {
        ...classic,
        purchaseProbability: 0.5,
        stories: [
          { valence: 'negative', tellers: ['0'] },
          { valence: 'positive', tellers: ['0'] },
        ],
      },
      2,
    );
    expect(r.metrics.expectedWonProspects).toBeCloseTo(10, 10);
    expect(r.metrics.expectedLostProspects).toBe(0);
    expect(r.metrics.lostProspects).toBe(0);
    expect(r.metrics.reached).toBe(101);
  });

  it('customers hearing a negative story are at risk; churn 0.025 each', () => {
    const network = stars(1, 400, Role.customer);
    const kernel = prepareWordOfMouth(network, { ...classic, stories: [{ valence: 'negative', tellers: ['0'] }] });
    const result = runReplicatesSync(kernel, { seed: 5, replicates: 200 });
    expect(result.summary.customersAtRisk!.mean).toBe(400);
    expect(result.summary.expectedChurnedCustomers!.mean).toBeCloseTo(10, 9);
    // Binomial(400, 0.025) per replicate: SE √(400·0.025·0.975/200).
    expect(Math.abs(result.summary.churnedCustomers!.mean - 10)).toBeLessThan(4 * Math.sqrt(9.75 / 200));
  });

  it('per-person outcomes on request', () => {
    const network = stars(1, 50, Role.prospect);
    const r = spreadWordOfMouth(network, { ...classic, stories: [{ valence: 'negative', tellers: ['0'] }] }, 8, { perPerson: true });
    const p = r.perPerson!;
    expect(p.outcome[0]! & Outcome.teller).toBeTruthy();
    expect(p.hopNegative[0]).toBe(0);
    expect(p.hopNegative[1]).toBe(1);
    expect(p.hopPositive[1]).toBe(-1);
    let lost = 0;
    for (let i = 0; i < 51; i++) if (p.outcome[i]! & Outcome.lost) lost++;
    expect(lost).toBe(r.metrics.lostProspects);
  });

  it('retelling decays hop by hop: on a long path the expected reach is a closed form', () => {
    // Path 0-1-2-…, teller 0, certain transmission. Hop h (h ≥ 1) is reached iff hops
    // 1 … h−1 all retold: P = Π_{j=1}^{h−1} r·d^(j−1). Expected reached = 1 + Σ_h P(h).
    const n = 40;
    const network = fromPairs(n, Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as [number, number]));
    const r = 0.8;
    const d = 0.9;
    let expected = 1;
    let p = 1;
    for (let h = 1; h < n; h++) {
      expected += p;
      p *= r * d ** (h - 1);
    }
    const kernel = prepareWordOfMouth(network, {
      tellProbability: 1,
      transmission: 'plain',
      retellProbability: r,
      retellDecay: d,
      stories: [{ valence: 'negative', tellers: ['0'] }],
    });
    const { mean, se } = meanSe(runReplicatesSync(kernel, { seed: 1, replicates: 4000, samples: true }).samples!.reached!);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
  });

  it('embellishment raises the chance of passing a negative story on, hop by hop', () => {
    // Path with trust 1, tellProbability 1, intensity s₀: hop h passes with probability
    // s(h−1) where s(h) = 1 − (1 − s₀)(1 − g)^h. Expected reach = 1 + Σ_h Π_{j<h} s(j).
    const n = 30;
    const network = fromPairs(n, Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as [number, number]));
    const s0 = 0.5;
    const g = 0.3;
    let expected = 1;
    let p = 1;
    for (let h = 1; h < n; h++) {
      p *= 1 - (1 - s0) * (1 - g) ** (h - 1);
      expected += p;
    }
    const kernel = prepareWordOfMouth(network, {
      tellProbability: 1,
      retellProbability: 1,
      retellDecay: 1,
      embellishment: g,
      stories: [{ valence: 'negative', intensity: s0, tellers: ['0'] }],
    });
    const { mean, se } = meanSe(runReplicatesSync(kernel, { seed: 2, replicates: 4000, samples: true }).samples!.reached!);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
    // Positive stories are not embellished: expected reach 1 + Σ s₀^h.
    const positive = prepareWordOfMouth(network, {
      tellProbability: 1,
      retellProbability: 1,
      retellDecay: 1,
      embellishment: g,
      stories: [{ valence: 'positive', intensity: s0, tellers: ['0'] }],
    });
    let expectedPositive = 0;
    for (let h = 0; h < n; h++) expectedPositive += s0 ** h;
    const b = meanSe(runReplicatesSync(positive, { seed: 3, replicates: 4000, samples: true }).samples!.reached!);
    expect(Math.abs(b.mean - expectedPositive)).toBeLessThan(4 * b.se);
  });
});

describe('linear threshold', () => {
  it('a threshold of 1 needs every voice', () => {
    // Star: each leaf's only neighbour tells → all act. Cycle of 4: one voice of two.
    const star = spreadWordOfMouth(stars(1, 5), { model: 'threshold', threshold: 1, stories: [{ valence: 'negative', tellers: ['0'] }] }, 1);
    expect(star.metrics.reached).toBe(6);
    const cycle = fromPairs(4, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
    ]);
    expect(spreadWordOfMouth(cycle, { model: 'threshold', threshold: 1, stories: [{ valence: 'negative', tellers: ['0'] }] }, 1).metrics.reached).toBe(1);
    expect(spreadWordOfMouth(cycle, { model: 'threshold', threshold: 0.5, stories: [{ valence: 'negative', tellers: ['0'] }] }, 1).metrics.reached).toBe(4);
  });

  it('uniform thresholds: on a path 0-1-2 from 0, E[reached] = 1 + 1/2 + 1/2 = 2', () => {
    // Node 1 has two neighbours: pressure 1/2 acts with probability 1/2; node 2 then acts.
    const path = fromPairs(3, [
      [0, 1],
      [1, 2],
    ]);
    const kernel = prepareWordOfMouth(path, { model: 'threshold', stories: [{ valence: 'negative', tellers: ['0'] }] });
    const { mean, se } = meanSe(runReplicatesSync(kernel, { seed: 4, replicates: 4000, samples: true }).samples!.reached!);
    // Reached − 1 ∈ {0, 2} with probability 1/2 each: sd = 1, so se ≈ 1/√4000.
    expect(Math.abs(mean - 2)).toBeLessThan(4 * se);
  });
});

describe('Maki–Thompson rumour', () => {
  it('on a complete graph about 20.3% never hear (Sudbury 1985)', () => {
    // The share x who never hear solves x = exp(−2(1 − x)): x = 0.203188.
    let x = 0.5;
    for (let i = 0; i < 200; i++) x = Math.exp(-2 * (1 - x));
    expect(x).toBeCloseTo(0.203188, 5);
    const n = 1500;
    const kernel = prepareWordOfMouth(complete(n), {
      model: 'rumour',
      tellProbability: 1,
      transmission: 'plain',
      stories: [{ valence: 'negative', tellers: ['0'] }],
    });
    const reached = runReplicatesSync(kernel, { seed: 6, replicates: 300, samples: true }).samples!.reached!;
    const never = Array.from(reached, (r) => 1 - r / n);
    const { mean, se } = meanSe(never);
    // The finite-n bias is O(1/n) ≈ 0.0007, well inside 4·SE here (SE ≈ 0.001).
    expect(Math.abs(mean - x)).toBeLessThan(4 * se + 1 / n);
  });
});

describe('errors', () => {
  const network = stars(1, 5);
  it('rejects bad options by class, naming the field', () => {
    const stories = [{ valence: 'negative' as const, tellers: ['0'] }];
    expect(() => prepareWordOfMouth(network, { tellProbability: 1.5, stories })).toThrow(InvalidParameterError);
    expect(() => prepareWordOfMouth(network, { tellProbability: 1.5, stories })).toThrow(/options\.tellProbability: expected a number ≥ 0 and ≤ 1, received 1\.5/);
    expect(() => prepareWordOfMouth(network, { retellDecay: Number.NaN, stories })).toThrow(/retellDecay.*NaN/);
    expect(() => prepareWordOfMouth(network, { model: 'gossip' as never, stories })).toThrow(/options.model/);
    expect(() => prepareWordOfMouth(network, { threshold: 0, stories })).toThrow(/options.threshold/);
    expect(() => prepareWordOfMouth(network, { tellprobability: 0.3, stories } as never)).toThrow(/options.tellprobability/);
    expect(() => prepareWordOfMouth(network, { stories: [] })).toThrow(/stories: expected a non-empty list/);
    expect(() => prepareWordOfMouth(network, { stories: [{ valence: 'sad' as never, tellers: ['0'] }] })).toThrow(/stories\[0\].valence/);
    expect(() => prepareWordOfMouth(network, { stories: [{ valence: 'negative', intensity: 0, tellers: ['0'] }] })).toThrow(/stories\[0\].intensity/);
    expect(() => prepareWordOfMouth(network, { stories: [{ valence: 'negative', tellers: { count: 7 } }] })).toThrow(/tellers.count/);
    expect(() => prepareWordOfMouth(network, { stories: [{ valence: 'negative', tellers: { count: 1, among: 'prospect' } }] })).toThrow(/at most 0/);
  });
  it('names an unknown teller', () => {
    expect(() => prepareWordOfMouth(network, { stories: [{ valence: 'negative', tellers: ['99'] }] })).toThrow(UnknownNodeError);
  });
});

describe('review: who reacts, and nothing carried over between replicates', () => {
  it('tellers do not react, even when they hear each other', () => {
    // docs/model.md: "Tellers do not react in the spread stage". Two adjacent tellers
    // with certain transmission each hear the other once.
    const prospects = fromPairs(2, [[0, 1]], [Role.prospect, Role.prospect]);
    const r = spreadWordOfMouth(prospects, { ...classic, stories: [{ valence: 'negative', tellers: ['0', '1'] }] }, 1);
    expect(r.metrics.expectedLostProspects).toBe(0);
    expect(r.metrics.lostProspects).toBe(0);
    const customers = fromPairs(2, [[0, 1]], [Role.customer, Role.customer]);
    const c = spreadWordOfMouth(customers, { ...classic, stories: [{ valence: 'negative', tellers: ['0', '1'] }] }, 1);
    expect(c.metrics.customersAtRisk).toBe(0);
    expect(c.metrics.expectedChurnedCustomers).toBe(0);
  });

  it('linear threshold: a negative hearing from an earlier replicate does not reach a later one', () => {
    // A=0 and Z=1 are customers (the negative teller is one of them, at random); Y=2 and
    // B=4 bystanders; P=3 a prospect tied to A and B. Threshold 1: every voice needed.
    // Positive tellers A and B always activate P. When Z tells, P hears nothing negative
    // in that replicate: π' = 0.5 + 0.5·(1 − 0.6²) = 0.82, expected won 0.32 exactly.
    const network = fromPairs(5, [[0, 3], [4, 3], [1, 2]], [Role.customer, Role.customer, Role.bystander, Role.prospect, Role.bystander]);
    const kernel = prepareWordOfMouth(network, {
      model: 'threshold',
      threshold: 1,
      purchaseProbability: 0.5,
      stories: [
        { valence: 'negative', tellers: { count: 1, among: 'customer' } },
        { valence: 'positive', tellers: ['0', '4'] },
      ],
    });
    const r = runReplicatesSync(kernel, { seed: 9, replicates: 60, samples: true });
    const reachedNegative = r.samples!.reachedNegative!;
    const won = r.samples!.expectedWonProspects!;
    let zReplicates = 0;
    for (let i = 0; i < reachedNegative.length; i++) {
      if (reachedNegative[i] !== 2) continue; // Z told Y
      zReplicates++;
      expect(won[i]).toBeCloseTo(0.32, 12);
    }
    expect(zReplicates).toBeGreaterThan(10);
  });
});

describe('review: onlookers of a public complaint', () => {
  it('linear threshold: an onlooker who heard the story without acting still reacts to what they saw', () => {
    // T=1 (the incident customer) tells P=0 and Q=2; P also knows R=3, so with threshold 1
    // P hears once without acting. P then sees the public complaint (one negative story):
    // two negative hearings, π' = 0.5 − 0.5·(1 − 0.8²) = 0.32, expected lost 0.18.
    const network = fromPairs(4, [[1, 0], [1, 2], [0, 3]], [Role.prospect, Role.customer, Role.bystander, Role.bystander]);
    const kernel = new WordOfMouthKernel(network, [], resolveSpreadOptions({ model: 'threshold', threshold: 1, purchaseProbability: 0.5 }));
    const input = {
      tellers: Int32Array.of(1),
      valence: Uint8Array.of(1),
      intensity: Float64Array.of(1),
      audience: Int32Array.of(-1),
      count: 1,
      onlookers: Int32Array.of(0),
      onlookerNegative: Int32Array.of(1),
      onlookerPositive: Int32Array.of(0),
      onlookerCount: 1,
      excluded: Int32Array.of(1),
      excludedCount: 1,
    };
    const out = new Float64Array(SPREAD_METRICS.length);
    kernel.runEpisode(createRng('onlooker'), input, out);
    const at = (m: string) => out[SPREAD_SCALAR_METRICS.indexOf(m as never)]!;
    expect(at('reachedNegative')).toBe(3); // T, Q and the onlooker P
    expect(at('expectedLostProspects')).toBeCloseTo(0.18, 12);
  });
});
