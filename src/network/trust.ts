/**
 * Tie strength: how much a listener believes the teller, in (0, 1]. Strong ties (family,
 * close friends) near 1, weak ties (acquaintances) lower (DESIGN.md, DOMAIN.md). Drawn on
 * its own stream (`deriveRng(seed, 'trust')`), so changing the trust model never changes
 * the network or the roles.
 */
import { GraphStructureError, InvalidParameterError } from '../errors.js';
import { deriveRng, type Rng, type Seed } from '../random/rng.js';
import { gamma } from '../random/samplers.js';
import { rejectUnknownKeys, requireObject } from '../validate.js';
import { apportion, type RandomSource } from './roles.js';
import type { Network } from './types.js';

/**
 * Defaults of `{ kind: 'strong-weak' }`, from Goldenberg, Libai & Muller (2001), *Talk of
 * the network* (DOMAIN.md): each person has 5–29 strong ties and 5–29 weak ties in their
 * simulations, equal ranges, so half the ties are strong; per-period transmission is
 * 0.01–0.07 over a strong tie and 0.005–0.015 over a weak one, midpoints 0.04 and 0.01,
 * so a weak tie carries a quarter of a strong tie's weight. Both are [Q] figures (quoted
 * by secondary sources); change them when you know your market.
 */
export const STRONG_WEAK_DEFAULTS = { strongShare: 0.5, strong: 1, weak: 0.25 } as const;

/**
 * How tie strengths are drawn:
 * - `constant`: every tie has `value`;
 * - `strong-weak`: exactly `strongShare` of the ties (made whole by {@link apportion})
 *   are strong with trust `strong`, the rest weak with trust `weak`, chosen uniformly at
 *   random; defaults {@link STRONG_WEAK_DEFAULTS};
 * - `uniform`: uniform on (min, max], 0 ≤ min < max ≤ 1;
 * - `beta`: Beta(alpha, beta), see {@link assignTrust} for draws that round to 0.
 */
export type TrustSpec =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'strong-weak'; readonly strongShare?: number; readonly strong?: number; readonly weak?: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'beta'; readonly alpha: number; readonly beta: number };

/** Consecutive Beta draws rounding to 0 after which the parameters are rejected. */
const MAX_BETA_REDRAWS = 1000;

function tieStrength(field: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1) || Math.fround(value) === 0) {
    throw new InvalidParameterError(field, 'a tie strength > 0 and ≤ 1 (and ≥ 1.5e-45, the smallest single-precision value)', value);
  }
  return value;
}

function positive(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidParameterError(field, 'a number > 0', value);
  }
  return value;
}

function resolveRandom(random: RandomSource | undefined): Rng {
  if (typeof random === 'object' && random !== null && typeof (random as Rng).next === 'function') return random as Rng;
  if (random === undefined) throw new InvalidParameterError('random', 'an Rng or a seed (tie strengths are drawn at random)', random);
  return deriveRng(random as Seed, 'trust');
}

/**
 * Gives every tie a strength. Returns a new {@link Network} sharing every array of
 * `network` except `trust`.
 *
 * Ties are visited in row order (person u's ties to v > u, for u = 0, 1, …), one draw
 * each. In an undirected network both arcs of a tie get the same value (the reverse arc
 * is found by binary search in the sorted row); in a directed network every arc is a tie
 * of its own. Values are stored in single precision.
 *
 * Beta draws: Beta(α, β) is drawn as X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β). A draw
 * whose single-precision value is 0 (below about 7e-46) is not a valid tie strength and
 * is drawn again, so the values follow Beta(α, β) conditioned on not rounding to 0. That
 * conditioning removes probability P(B < 2^-150) ≈ 2^(-150α) / (α·B(α, β)), which only
 * small α makes visible: with β = 1 it is 2^-30 ≈ 1e-9 at α = 0.2, 0.6% at α = 0.05 and
 * 12.5% at α = 0.02. After 1,000 such draws in a row (α far too small for single
 * precision) an {@link InvalidParameterError} is thrown rather than looping.
 *
 * @param random An {@link Rng}, or a seed for the stream `deriveRng(seed, 'trust')`.
 *   Not needed for `constant`.
 * @throws {InvalidParameterError} for a parameter out of range (a strength outside
 *   (0, 1], weak > strong, min ≥ max, α or β ≤ 0) or an unknown kind.
 * @example
 * const trusted = assignTrust(network, { kind: 'strong-weak' }, 42); // half strong (1), half weak (0.25)
 * const noisy = assignTrust(network, { kind: 'beta', alpha: 2, beta: 5 }, 42); // mean 2/7
 */
export function assignTrust(network: Network, spec: TrustSpec, random?: RandomSource): Network {
  const object = requireObject('trust', spec);
  const { offsets, neighbors, directed, size: n } = network;
  const ties = directed ? neighbors.length : neighbors.length / 2;
  let draw: (rng: Rng) => number;
  let rng: Rng;
  switch (object.kind) {
    case 'constant': {
      rejectUnknownKeys('trust', object, ['kind', 'value']);
      const value = tieStrength('trust.value', object.value);
      return { ...network, trust: new Float32Array(neighbors.length).fill(value) };
    }
    case 'strong-weak': {
      rejectUnknownKeys('trust', object, ['kind', 'strongShare', 'strong', 'weak']);
      const share = object.strongShare ?? STRONG_WEAK_DEFAULTS.strongShare;
      if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
        throw new InvalidParameterError('trust.strongShare', 'a share between 0 and 1', share);
      }
      const strong = tieStrength('trust.strong', object.strong ?? STRONG_WEAK_DEFAULTS.strong);
      const weak = tieStrength('trust.weak', object.weak ?? STRONG_WEAK_DEFAULTS.weak);
      if (weak > strong) throw new InvalidParameterError('trust.weak', `a strength ≤ trust.strong (${strong})`, weak);
      // Selection sampling (Knuth's Algorithm S): exactly `strongLeft` of the ties, every subset equally likely.
      let strongLeft = apportion(ties, [share, 1 - share])[0]!;
      let tiesLeft = ties;
      draw = (r) => {
        const isStrong = r.next() * tiesLeft < strongLeft;
        tiesLeft--;
        if (isStrong) {
          strongLeft--;
          return strong;
        }
        return weak;
      };
      rng = resolveRandom(random);
      break;
    }
    case 'uniform': {
      rejectUnknownKeys('trust', object, ['kind', 'min', 'max']);
      const { min, max } = object;
      if (typeof min !== 'number' || !Number.isFinite(min) || min < 0 || min >= 1) {
        throw new InvalidParameterError('trust.min', 'a number ≥ 0 and < 1', min);
      }
      if (typeof max !== 'number' || !Number.isFinite(max) || max <= min || max > 1) {
        throw new InvalidParameterError('trust.max', `a number > trust.min (${min}) and ≤ 1`, max);
      }
      const width = max - min;
      draw = (r) => {
        for (;;) {
          const x = min + width * (1 - r.next()); // (min, max]
          if (Math.fround(x) > 0) return x;
        }
      };
      rng = resolveRandom(random);
      break;
    }
    case 'beta': {
      rejectUnknownKeys('trust', object, ['kind', 'alpha', 'beta']);
      const alpha = positive('trust.alpha', object.alpha);
      const beta = positive('trust.beta', object.beta);
      const gx = gamma(alpha);
      const gy = gamma(beta);
      draw = (r) => {
        for (let tries = 0; tries < MAX_BETA_REDRAWS; tries++) {
          const x = gx(r);
          const z = x / (x + gy(r));
          if (Math.fround(z) > 0) return z;
        }
        throw new InvalidParameterError(
          'trust.alpha',
          `a shape for which Beta(alpha, ${beta}) draws do not round to 0 in single precision (${MAX_BETA_REDRAWS} did in a row)`,
          alpha,
        );
      };
      rng = resolveRandom(random);
      break;
    }
    default:
      throw new InvalidParameterError('trust.kind', "one of 'constant', 'strong-weak', 'uniform', 'beta'", object.kind);
  }

  const trust = new Float32Array(neighbors.length);
  const r = rng;
  if (directed) {
    for (let a = 0; a < neighbors.length; a++) trust[a] = draw(r);
    return { ...network, trust };
  }
  for (let u = 0; u < n; u++) {
    const end = offsets[u + 1]!;
    for (let a = offsets[u]!; a < end; a++) {
      const v = neighbors[a]!;
      if (v <= u) continue;
      const t = draw(r);
      trust[a] = t;
      // The reverse arc v → u, by binary search in v's sorted row.
      let lo = offsets[v]!;
      let hi = offsets[v + 1]! - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (neighbors[mid]! < u) lo = mid + 1;
        else hi = mid;
      }
      if (lo > hi || neighbors[lo] !== u) {
        throw new GraphStructureError(`arc ${u} → ${v}`, 'has no reverse arc in an undirected network (rows must be sorted and symmetric)');
      }
      trust[lo] = t;
    }
  }
  return { ...network, trust };
}
