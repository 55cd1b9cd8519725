/**
 * How many people one person tells, or one public complaint reaches: a negative binomial
 * (heavy-tailed), drawn by inversion so that common random numbers stay paired.
 */
import { z } from 'zod';
import { describe, number } from '../parameters/index.js';

/** The most people one teller or one public complaint reaches on average. */
export const MAX_AUDIENCE = 1e6;

/** A negative-binomial audience with its own defaults; parts left out keep them. */
export function audienceSchema(defaults: { readonly mean: number; readonly dispersion: number }) {
  return z
    .strictObject({
      mean: number({ description: 'mean audience', unit: 'people' }, 0, MAX_AUDIENCE).default(defaults.mean),
      dispersion: describe(z.number().gt(0).max(1e6), { description: 'negative-binomial dispersion (smaller: heavier tail)' }).default(defaults.dispersion),
    })
    .prefault({});
}

/**
 * Negative binomial with the given mean and dispersion r, by inversion of one uniform u
 * in [0, 1): the same u gives the same or a larger count for a larger mean, which keeps
 * policies compared on common random numbers closely paired. The pmf recursion
 * p(k+1) = p(k)·(k + r)/(k + 1)·mean/(mean + r) starts from p(0) = (r/(r + mean))^r.
 */
export function negativeBinomialInverse(u: number, mean: number, dispersion: number): number {
  if (mean === 0) return 0;
  const q = mean / (mean + dispersion);
  let p = Math.pow(dispersion / (dispersion + mean), dispersion);
  if (p === 0) return negativeBinomialInverseLog(u, mean, dispersion, q);
  let cdf = p;
  let k = 0;
  // The tail beyond 10^6 people has probability far below one in 2^53 for any audience
  // this model allows (mean ≤ 10^6); stopping there changes nothing measurable.
  while (u >= cdf && k < 1_000_000) {
    p *= ((k + dispersion) / (k + 1)) * q;
    k++;
    cdf += p;
    if (p === 0 && cdf < u) break;
  }
  return k;
}

/**
 * The same inversion when p(0) underflows (a large, nearly Poisson audience): the pmf is
 * carried as a logarithm, so terms below the smallest double count as 0 on the way up to
 * the mode instead of stopping the search at k = 1.
 */
function negativeBinomialInverseLog(u: number, mean: number, dispersion: number, q: number): number {
  const logQ = Math.log(q);
  let logP = dispersion * Math.log(dispersion / (dispersion + mean));
  let cdf = 0;
  let k = 0;
  const mode = Math.max(0, Math.floor(((dispersion - 1) * mean) / dispersion));
  while (k < 1_000_000) {
    const p = Math.exp(logP);
    cdf += p;
    if (u < cdf) break;
    if (p === 0 && k > mode) break;
    logP += Math.log((k + dispersion) / (k + 1)) + logQ;
    k++;
  }
  return k;
}
