// Customers who react to what was done to them (issue 12; docs/model.md, "What the
// customer does"). For every mechanism: a closed-form or limiting-case check on one
// episode with chosen uniforms, and a sweep showing that the lever moves the result in the
// documented direction by more than its standard error. Sweeps run both settings on the
// same seed, so replicate i of one meets the same customers and uniforms as replicate i of
// the other (common random numbers); the SE is that of the paired difference, and the
// difference must exceed Z = 4 of them (two-sided P(|N(0,1)| > 4) ≈ 6e-5 by chance).
import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_PRESETS,
  Category,
  EPISODE_UNIFORMS,
  EpisodeOutcome,
  InvalidParameterError,
  REACTION_DEFAULTS,
  Story,
  assignRoles,
  comparePolicies,
  complaintWarnings,
  groups,
  policyWarnings,
  resolveBehaviour,
  resolveComplaints,
  resolveIncidents,
  resolvePolicy,
  runEpisode,
  type BehaviourSpec,
  type ComplaintSpec,
  type IncidentSpec,
  type PolicySpec,
  type Scenario,
} from '../../src/index.js';

const Z = 4;

// ---------- one episode with chosen uniforms ----------

/** Uniform positions (src/experience/episode.ts): complain, silent follow-up, channel, first contact, stay, talk, audience, public, hand-offs (20), give-up per level (10), complainer follow-up. */
const U = { complain: 0, followUp: 1, channel: 2, firstContact: 3, stay: 4, talk: 5, audience: 6, handOff: 8, giveUp: 28, complainerFollowUp: 38 } as const;

function episode(
  policy: PolicySpec,
  options: { incidents?: Partial<IncidentSpec>; behaviour?: BehaviourSpec; complaints?: ComplaintSpec; set?: Record<number, number>; fill?: number } = {},
): EpisodeOutcome {
  const incidents = resolveIncidents({ count: 1, severity: 'major', amount: 600, ...options.incidents });
  const complaints = resolveComplaints(options.complaints ?? { probability: 1, channels: { frontLine: 1, headOffice: 0, public: 0 } }, incidents);
  const u = new Float64Array(EPISODE_UNIFORMS).fill(options.fill ?? 0.99);
  for (const [k, v] of Object.entries(options.set ?? {})) u[Number(k)] = v;
  const out = new EpisodeOutcome();
  runEpisode(resolvePolicy(policy), incidents, complaints, resolveBehaviour(options.behaviour ?? {}), u, 0, out);
  return out;
}

const counter = [{ name: 'counter', authorityLimit: 1e6, delayDays: 7, handlingCost: 50, giveUpProbability: 0.05 }];

describe('money taken hurts (closed form)', () => {
  const fee = (amount: number, set: Record<number, number> = {}, behaviour: BehaviourSpec = {}) =>
    episode({ name: 'fee', decision: 'refuse-with-fee', fee: amount, escalation: counter }, { set: { [U.complain]: 0, ...set }, behaviour });

  it('the end, the chance of buying again and the chance of keeping quiet scale by (1 − q)^(fee / amount)', () => {
    const k = 0.5 ** (1200 / 600); // a fee twice the 600 at stake: 0.25
    expect(fee(1200).endPain).toBeCloseTo(10 - (10 - 9) * k, 12);
    // Unresolved major: 19% buy again, times k = 4.75%.
    expect(fee(1200, { [U.stay]: 0.19 * k - 1e-9 }).stays).toBe(true);
    expect(fee(1200, { [U.stay]: 0.19 * k + 1e-9 }).stays).toBe(false);
    // Tells with 1 − (1 − 0.31)·k = 0.8275.
    const talk = 1 - (1 - 0.31) * k;
    expect(fee(1200, { [U.talk]: talk - 1e-9 }).story).toBe(Story.negative);
    expect(fee(1200, { [U.talk]: talk + 1e-9 }).story).toBe(Story.none);
  });

  it('limiting cases: no fee, or moneyTaken 0, leave the refusal as it was', () => {
    expect(fee(0).endPain).toBe(9);
    expect(fee(5000, {}, { moneyTaken: 0 }).endPain).toBe(9);
    expect(fee(5000, { [U.stay]: 0.19 - 1e-9 }, { moneyTaken: 0 }).stays).toBe(true);
    // moneyTaken 1: any fee ends at 10, and nobody buys again.
    expect(fee(1, {}, { moneyTaken: 1 }).endPain).toBe(10);
    expect(fee(1, { [U.stay]: 0 }, { moneyTaken: 1 }).stays).toBe(false);
  });

  it('a fee on nothing at stake is all loss, never NaN', () => {
    const out = episode({ name: 'fee', decision: 'refuse-with-fee', fee: 100, escalation: counter }, { incidents: { amount: 0 }, set: { [U.complain]: 0, [U.stay]: 0 } });
    expect(out.endPain).toBe(10);
    expect(out.stays).toBe(false);
  });
});

describe('valence from the recovery (closed form)', () => {
  const quick = (decision: 'goodwill' | 'repair-or-replace', severity: 'minor' | 'major', behaviour: BehaviourSpec = {}) =>
    episode(
      { name: 'quick', decision, ...(decision === 'goodwill' ? { credit: 200 } : {}), escalation: counter },
      { incidents: { severity }, set: { [U.complain]: 0, [U.firstContact]: 0, [U.talk]: 0 }, behaviour },
    );

  it('a quick refund with a voucher is a positive story after a minor and a major problem; peak-end sets its intensity', () => {
    for (const [severity, problem] of [['minor', 4], ['major', 7]] as const) {
      const out = quick('goodwill', severity);
      expect(out.category).toBe(Category.resolvedQuickly);
      // Judged on the handling: (contact 2 + end 0) / 2 = 1 ≤ 2.
      expect(out.judgement).toBe(1);
      expect(out.story).toBe(Story.positive);
      // Remembered: (problem + end 0) / 2; the positive story's intensity 1 − that / 10.
      expect(out.intensity).toBeCloseTo(1 - problem / 2 / 10, 12);
    }
  });

  it('the neutral setting (valence by the whole episode) gives no story after a major problem', () => {
    expect(quick('goodwill', 'major', { valence: 'episode' }).story).toBe(Story.none);
  });

  it('a silent customer has a negative story whatever the severity; by the episode a minor one had none', () => {
    const silent = (severity: 'minor' | 'major', behaviour: BehaviourSpec = {}) =>
      episode({ name: 'any', decision: 'full-refund' }, { incidents: { severity }, complaints: { probability: 0 }, set: { [U.talk]: 0.3 }, behaviour });
    expect(silent('minor').story).toBe(Story.negative);
    expect(silent('minor').intensity).toBeCloseTo(0.4, 12);
    expect(silent('major').story).toBe(Story.negative);
    expect(silent('minor', { valence: 'episode' }).story).toBe(Story.none);
  });

  it('TARP\'s "unhappy customers tell twice as many as happy ones" is applied once: people told per customer, 2:1', () => {
    const b = resolveBehaviour();
    const negative = b.negativeTalkProbability * b.audience.negative.mean;
    const positive = b.positiveTalkProbability * b.audience.positive.mean;
    expect(negative / positive).toBeCloseTo(2, 12);
  });

  it('compensation relative to the stake: a gesture of 10% of the stake with scale 25% ends 40% of the way from a refund (1) to goodwill (0)', () => {
    const out = episode({ name: 'small gesture', decision: 'goodwill', credit: 60, escalation: counter }, { set: { [U.complain]: 0, [U.firstContact]: 0 } });
    expect(out.endPain).toBeCloseTo(1 - 0.4, 12);
    const full = episode({ name: 'gesture', decision: 'goodwill', credit: 150, escalation: counter }, { set: { [U.complain]: 0, [U.firstContact]: 0 } });
    expect(full.endPain).toBe(0);
    // Neutral: any gesture has the full effect.
    expect(episode({ name: 'small gesture', decision: 'goodwill', credit: 60, escalation: counter }, { set: { [U.complain]: 0, [U.firstContact]: 0 }, behaviour: { compensationScale: 0 } }).endPain).toBe(0);
  });
});

describe('hand-offs, waiting and tracking (closed form)', () => {
  const ladder = [{ name: 'front line', authorityLimit: 1e6, delayDays: 10, handlingCost: 40, giveUpProbability: 0.05 }];
  const slow = (policy: Partial<PolicySpec>, set: Record<number, number>) =>
    episode({ name: 'slow', decision: 'full-refund', firstContactResolution: 0, maxHandOffs: 3, escalation: ladder, ...policy } as PolicySpec, { set: { [U.complain]: 0, ...set } });

  it('the chance of giving up is 1 − (1 − g)(1 − 0.15)^hand-offs (1 − 0.01)^days felt', () => {
    // Two hand-offs, ten days: 1 − 0.95 · 0.85² · 0.99^10.
    const p = 1 - 0.95 * 0.85 ** 2 * 0.99 ** 10;
    const handOffs = { [U.handOff]: 0, [U.handOff + 1]: 0 };
    expect(slow({ handOffProbability: 0.5 }, { ...handOffs, [U.giveUp]: p - 1e-9 }).gaveUp).toBe(true);
    const stays = slow({ handOffProbability: 0.5 }, { ...handOffs, [U.giveUp]: p + 1e-9 });
    expect(stays.gaveUp).toBe(false);
    expect(stays.handOffs).toBe(2);
    expect(stays.category).toBe(Category.resolved);
    // With tracking, five of the ten days are felt: the wait hurts 10·(1 − e^(−5/30)) and
    // the chance of giving up is 1 − 0.95 · 0.85² · 0.99^5.
    const tracked = 1 - 0.95 * 0.85 ** 2 * 0.99 ** 5;
    expect(slow({ handOffProbability: 0.5, tracking: true }, { ...handOffs, [U.giveUp]: tracked - 1e-9 }).gaveUp).toBe(true);
    expect(slow({ handOffProbability: 0.5, tracking: true }, { ...handOffs, [U.giveUp]: tracked + 1e-9 }).gaveUp).toBe(false);
    const noHandOff = slow({ handOffProbability: 0, tracking: true }, { [U.giveUp]: 0.99 });
    expect(noHandOff.feltDays).toBe(5);
    expect(noHandOff.waitedDays).toBe(10);
    // Handling moments: contact 2, the wait 10·(1 − e^(−1/6)) ≈ 1.54, the refund 1.
    expect(noHandOff.handlingPeak).toBe(2);
  });

  it('limiting case: no hand-off, no waiting, the level\'s own chance (neutral settings give it at any wait)', () => {
    const b = { giveUpPerHandOff: 0, giveUpPerDay: 0 };
    const out = episode(
      { name: 'slow', decision: 'full-refund', firstContactResolution: 0, handOffProbability: 0.5, escalation: ladder },
      { set: { [U.complain]: 0, [U.handOff]: 0, [U.giveUp]: 0.05 + 1e-9 }, behaviour: b },
    );
    expect(out.gaveUp).toBe(false);
  });
});

describe('follow-up calls to complainers (closed form)', () => {
  const ladder = [{ name: 'front line', authorityLimit: 1e6, delayDays: 3, handlingCost: 40, giveUpProbability: 0.5 }];
  const base: PolicySpec = { name: 'calls', decision: 'full-refund', firstContactResolution: 0, handOffProbability: 0, escalation: ladder, followUpReach: 0.6, followUpCostPerContact: 30 };

  it('a reached complainer does not give up; the call is the last moment, the end less 25%', () => {
    const kept = episode({ ...base, followUpTarget: 'complainers' }, { set: { [U.complain]: 0, [U.giveUp]: 0, [U.complainerFollowUp]: 0.59 } });
    expect(kept.keptByFollowUp).toBe(true);
    expect(kept.gaveUp).toBe(false);
    expect(kept.category).toBe(Category.resolved);
    expect(kept.endPain).toBeCloseTo(1 * 0.75, 12);
    expect(kept.followUpCalls).toBe(1);
    const missed = episode({ ...base, followUpTarget: 'complainers' }, { set: { [U.complain]: 0, [U.giveUp]: 0, [U.complainerFollowUp]: 0.61 } });
    expect(missed.gaveUp).toBe(true);
    expect(missed.endPain).toBe(8);
    expect(missed.followUpCalls).toBe(1); // the call was made, and paid for
  });

  it('calls to silent customers only (the default target) leave complainers alone; "both" makes two calls', () => {
    const silentOnly = episode(base, { set: { [U.complain]: 0, [U.giveUp]: 0, [U.complainerFollowUp]: 0 } });
    expect(silentOnly.gaveUp).toBe(true);
    expect(silentOnly.followUpCalls).toBe(1);
    // Would have stayed silent; the first call surfaces the complaint, the second follows the case.
    const both = episode({ ...base, followUpTarget: 'both' }, { complaints: { probability: 0, channels: { frontLine: 1, headOffice: 0, public: 0 } }, set: { [U.followUp]: 0, [U.giveUp]: 0.99, [U.complainerFollowUp]: 0 } });
    expect(both.byFollowUp).toBe(true);
    expect(both.followUpCalls).toBe(2);
    // Complainers only: a silent customer is not called.
    const quiet = episode({ ...base, followUpTarget: 'complainers' }, { complaints: { probability: 0 }, set: { [U.followUp]: 0 } });
    expect(quiet.complained).toBe(false);
    expect(quiet.followUpCalls).toBe(0);
  });
});

describe('complaint presets: the published shares', () => {
  const incidents = resolveIncidents({ count: 1, amount: 100 });
  it.each([
    ['tarp-money-loss', 0.625],
    ['verde-retail', 0.06],
    ['denmark', 0.16],
    ['norway', 0.2],
  ] as const)('%s: %f complain', (preset, share) => {
    expect(COMPLAINT_PRESETS[preset].probability).toBe(share);
    expect(resolveComplaints({ preset }, incidents).probability).toBe(share);
  });

  it('a simulation of each preset gives its share of complainers within its standard error', () => {
    const network = assignRoles(groups({ size: 4000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001, seed: 'presets' }), { customers: 0.5, prospects: 0.2 }, 'presets');
    for (const preset of ['tarp-money-loss', 'verde-retail', 'denmark', 'norway'] as const) {
      const c = comparePolicies(
        { network, incidents: { count: 1000, severity: 'minor', amount: 100 }, complaints: { preset }, spread: false, economics: { margin: 100 } },
        [{ name: 'p', decision: 'full-refund' }],
        { seed: preset, replicates: 50 },
      );
      const s = c.summary.p!.complaints!;
      expect(Math.abs(s.mean / 1000 - COMPLAINT_PRESETS[preset].probability), preset).toBeLessThan((Z * s.se!) / 1000);
    }
  });

  it('the defaults are the TARP and Verde presets; a probability given beside a preset wins, with a warning', () => {
    expect(resolveComplaints({}, resolveIncidents({ count: 1, amount: 1, moneyLoss: true })).probability).toBe(COMPLAINT_PRESETS['tarp-money-loss'].probability);
    expect(resolveComplaints({}, resolveIncidents({ count: 1, amount: 1, moneyLoss: false })).probability).toBe(COMPLAINT_PRESETS['verde-retail'].probability);
    expect(resolveComplaints({ preset: 'denmark', probability: 0.3 }, incidents).probability).toBe(0.3);
    expect(complaintWarnings({ preset: 'denmark', probability: 0.3 })).toEqual([
      { path: ['complaints', 'preset'], message: 'complaints.probability (0.3) is given too and wins over the preset "denmark" (0.16)' },
    ]);
    expect(complaintWarnings({ preset: 'denmark' })).toEqual([]);
    expect(() => resolveComplaints({ preset: 'sweden' as never }, incidents)).toThrow(InvalidParameterError);
    expect(() => resolveComplaints({ preset: 'sweden' as never }, incidents)).toThrow(/complaints\.preset/);
  });
});

describe('warnings: a fee or credit above the amount at stake', () => {
  it('names the field; none at or below the amount', () => {
    const w = policyWarnings(
      [
        { decision: 'refuse-with-fee', fee: 5000 },
        { decision: 'refuse-with-fee', fee: 600 },
        { decision: 'partial-credit', credit: 700 },
        { decision: 'goodwill', credit: 900 },
        { decision: 'full-refund' },
      ],
      600,
    );
    expect(w.map((x) => x.path)).toEqual([
      ['policies', 0, 'fee'],
      ['policies', 2, 'credit'],
      ['policies', 3, 'credit'],
    ]);
    expect(w[0]!.message).toMatch(/a fee of 5,000 is 8\.33 times the amount at stake \(600\)/);
  });
});

// ---------- sweeps on common random numbers ----------

const town = assignRoles(groups({ size: 6000, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001, seed: 'reactions' }), { customers: 0.3, prospects: 0.3 }, 'reactions');
const REPLICATES = 300;

function scenario(over: Partial<Scenario> = {}): Scenario {
  return { network: town, incidents: { count: 150, severity: 'major', amount: 600 }, economics: { margin: 800 }, ...over };
}

/** Per-replicate samples of a metric (or the sum of several) of one policy run alone. */
function samples(s: Scenario, policy: PolicySpec, metrics: readonly string[], seed = 'sweep'): Float64Array {
  const c = comparePolicies(s, [policy], { seed, replicates: REPLICATES });
  const out = new Float64Array(REPLICATES);
  for (const m of metrics) {
    const x = c.result.samples![`${policy.name}:${m}`]!;
    for (let i = 0; i < REPLICATES; i++) out[i]! += x[i]!;
  }
  return out;
}

/** Mean and SE of the paired difference b − a. */
function paired(a: Float64Array, b: Float64Array): { mean: number; se: number } {
  const n = a.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += b[i]! - a[i]!;
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (b[i]! - a[i]! - m) ** 2;
  return { mean: m, se: Math.sqrt(v / (n - 1) / n) };
}

const CHURN = ['directChurn', 'womChurn'] as const;

describe('every lever moves the result the documented way, by more than its standard error', () => {
  it('a fee of 2,000 instead of 0 on a 600 stake costs more customers and more stories', () => {
    const fee = (f: number): PolicySpec => ({ name: 'fee', decision: 'refuse-with-fee', fee: f, escalation: counter });
    const churn = paired(samples(scenario(), fee(0), CHURN), samples(scenario(), fee(2000), CHURN));
    expect(churn.mean).toBeGreaterThan(Z * churn.se);
    const tellers = paired(samples(scenario(), fee(0), ['negativeTellers']), samples(scenario(), fee(2000), ['negativeTellers']));
    expect(tellers.mean).toBeGreaterThan(Z * tellers.se);
    // Neutral (moneyTaken 0): the fee's size moves no customer.
    const neutral = scenario({ behaviour: { moneyTaken: 0 } });
    expect(paired(samples(neutral, fee(0), CHURN), samples(neutral, fee(2000), CHURN)).mean).toBe(0);
  });

  it('hand-offs 0 → 0.8 raise churn (outsourced support)', () => {
    const outsourced = (h: number): PolicySpec => ({ name: 'outsourced', decision: 'repair-or-replace', firstContactResolution: 0.5, handOffProbability: h, maxHandOffs: 5 });
    const d = paired(samples(scenario(), outsourced(0), CHURN), samples(scenario(), outsourced(0.8), CHURN));
    expect(d.mean).toBeGreaterThan(Z * d.se);
  });

  it('tracking lowers churn and the pain remembered', () => {
    const slow: PolicySpec = { name: 'slow', decision: 'repair-or-replace', firstContactResolution: 0.5, escalation: [{ name: 'depot', authorityLimit: 1e6, delayDays: 21, handlingCost: 50, giveUpProbability: 0.05 }] };
    const churn = paired(samples(scenario(), slow, CHURN), samples(scenario(), { ...slow, tracking: true }, CHURN));
    expect(-churn.mean).toBeGreaterThan(Z * churn.se);
    const pain = paired(samples(scenario(), slow, ['meanRemembered']), samples(scenario(), { ...slow, tracking: true }, ['meanRemembered']));
    expect(-pain.mean).toBeGreaterThan(Z * pain.se);
  });

  it('a longer escalation delay (1 → 14 days at the sales manager) raises churn', () => {
    const climb = (days: number): PolicySpec => ({
      name: 'climb',
      decision: 'full-refund',
      escalation: [
        { name: 'front line', authorityLimit: 0, delayDays: 2, handlingCost: 40, giveUpProbability: 0.05 },
        { name: 'sales manager', authorityLimit: 0, delayDays: days, handlingCost: 150, giveUpProbability: 0.1 },
        { name: 'director', authorityLimit: 5000, delayDays: 14, handlingCost: 600, giveUpProbability: 0.1 },
      ],
    });
    const minor = scenario({ incidents: { count: 150, severity: 'minor', amount: 200 } });
    const d = paired(samples(minor, climb(1), CHURN), samples(minor, climb(14), CHURN));
    expect(d.mean).toBeGreaterThan(Z * d.se);
  });

  it.each(['minor', 'major'] as const)('a quick refund with a voucher wins referrals after a %s problem (none by the whole-episode rule after a major one)', (severity) => {
    const s = scenario({ incidents: { count: 150, severity, amount: 600 } });
    const voucher: PolicySpec = { name: 'voucher', decision: 'goodwill', credit: 200, firstContactResolution: 0.9, escalation: counter };
    const c = comparePolicies(s, [voucher], { seed: 'voucher', replicates: REPLICATES });
    const positive = c.summary.voucher!.positiveTellers!;
    const won = c.summary.voucher!.expectedWonProspects!;
    expect(positive.mean).toBeGreaterThan(Z * positive.se!);
    expect(won.mean).toBeGreaterThan(Z * won.se!);
    // About the sourced rate: the quick ones (≈ 0.625 · 0.9 of 150) tell with 0.31.
    expect(Math.abs(positive.mean - 150 * 0.625 * 0.9 * 0.31)).toBeLessThan(150 * 0.625 * 0.1 * 0.31 + Z * positive.se!);
    if (severity === 'major') {
      const old = comparePolicies({ ...s, behaviour: { valence: 'episode' } }, [voucher], { seed: 'voucher', replicates: REPLICATES });
      expect(old.summary.voucher!.positiveTellers!.mean).toBe(0);
    }
  });

  it('a larger gesture (relative to the stake) is remembered better and wins more referrals', () => {
    const gesture = (credit: number): PolicySpec => ({ name: 'gesture', decision: 'goodwill', credit, handOffProbability: 0.5, escalation: counter });
    const pain = paired(samples(scenario(), gesture(30), ['meanRemembered']), samples(scenario(), gesture(150), ['meanRemembered']));
    expect(-pain.mean).toBeGreaterThan(Z * pain.se);
    const won = paired(samples(scenario(), gesture(30), ['expectedWonProspects']), samples(scenario(), gesture(150), ['expectedWonProspects']));
    expect(won.mean).toBeGreaterThan(Z * won.se);
  });

  it('silent customers talk at the quoted rate whatever the severity', () => {
    const silent = scenario({ incidents: { count: 150, severity: 'minor', amount: 600 }, complaints: { probability: 0 } });
    const c = comparePolicies(silent, [{ name: 'any', decision: 'full-refund' }], { seed: 'silent', replicates: REPLICATES });
    const tellers = c.summary.any!.negativeTellers!;
    expect(Math.abs(tellers.mean - 150 * 0.31)).toBeLessThan(Z * tellers.se!);
    // By the whole episode (neutral), a silent customer with a minor problem (pain 4) never talked.
    const old = comparePolicies({ ...silent, behaviour: { valence: 'episode' } }, [{ name: 'any', decision: 'full-refund' }], { seed: 'silent', replicates: REPLICATES });
    expect(old.summary.any!.negativeTellers!.mean).toBe(0);
  });

  it('follow-up calls to complainers: fewer give up, the memory is milder, and each complainer costs one call', () => {
    const ladder = [{ name: 'front line', authorityLimit: 1e6, delayDays: 14, handlingCost: 40, giveUpProbability: 0.2 }];
    const none: PolicySpec = { name: 'calls', decision: 'repair-or-replace', firstContactResolution: 0.3, escalation: ladder };
    const calls: PolicySpec = { ...none, followUpTarget: 'complainers', followUpReach: 0.8, followUpCostPerContact: 25 };
    const gaveUp = paired(samples(scenario(), none, ['gaveUp']), samples(scenario(), calls, ['gaveUp']));
    expect(-gaveUp.mean).toBeGreaterThan(Z * gaveUp.se);
    const churn = paired(samples(scenario(), none, CHURN), samples(scenario(), calls, CHURN));
    expect(-churn.mean).toBeGreaterThan(Z * churn.se);
    const pain = paired(samples(scenario(), none, ['meanRemembered']), samples(scenario(), calls, ['meanRemembered']));
    expect(-pain.mean).toBeGreaterThan(Z * pain.se);
    // The cost: exactly one call per complainer, replicate by replicate.
    const c = comparePolicies(scenario(), [calls], { seed: 'sweep', replicates: 20 });
    const complaints = c.result.samples!['calls:complaints']!;
    const cost = c.result.samples!['calls:leverCost']!;
    for (let i = 0; i < 20; i++) expect(cost[i]).toBe(25 * complaints[i]!);
  });

  it('the follow-up call\'s relief lowers the pain remembered (0 → 0.5)', () => {
    const calls: PolicySpec = { name: 'calls', decision: 'refuse', followUpTarget: 'complainers', followUpReach: 1 };
    const pain = paired(samples(scenario({ behaviour: { pain: { followUpRelief: 0 } } }), calls, ['meanRemembered']), samples(scenario({ behaviour: { pain: { followUpRelief: 0.5 } } }), calls, ['meanRemembered']));
    expect(-pain.mean).toBeGreaterThan(Z * pain.se);
  });

  it('the defaults are the documented ones', () => {
    const b = resolveBehaviour();
    expect(b.valence).toBe(REACTION_DEFAULTS.valence);
    expect(b.moneyTaken).toBe(0.5);
    expect(b.giveUpPerHandOff).toBe(0.15);
    expect(b.giveUpPerDay).toBe(0.01);
    expect(b.trackingRelief).toBe(0.5);
    expect(b.pain.followUpRelief).toBe(0.25);
    expect(b.compensationScale).toBe(0.25);
  });
});
