/**
 * Who starts a story: fixed people, or K people drawn afresh in every replicate.
 */
import { InvalidParameterError, UnknownNodeError } from '../errors.js';
import { ROLE_NAMES, Role, indexOfKey, type Network, type RoleName } from '../network/types.js';
import { sampleIndices } from '../random/samplers.js';
import type { Rng } from '../random/rng.js';
import { rejectUnknownKeys, requireInteger, requireNumberIn, requireObject, requireOneOf } from '../validate.js';

export type Valence = 'negative' | 'positive';

/** One kind of story and who starts it. */
export interface StorySpec {
  readonly valence: Valence;
  /**
   * How strong the story is at its source, in (0, 1]: it scales the chance of passing it
   * on when transmission is `trust`. Default 1.
   */
  readonly intensity?: number;
  /**
   * The tellers: their ids (the same people every replicate), or `{ count, among }` to
   * draw `count` distinct people uniformly at random in every replicate, among one role
   * or anyone (default `anyone`).
   */
  readonly tellers: readonly string[] | { readonly count: number; readonly among?: RoleName | 'anyone' };
}

/** A story spec checked against a network. */
export interface ResolvedStory {
  readonly valence: Valence;
  readonly intensity: number;
  /** Fixed tellers, or null when drawn at random. */
  readonly fixed: Int32Array | null;
  readonly count: number;
  /** The people random tellers are drawn from, or null for anyone. */
  readonly pool: Int32Array | null;
  /** How many people random tellers are drawn from. */
  readonly universe: number;
}

export function resolveStories(network: Network, stories: readonly StorySpec[], field = 'stories'): ResolvedStory[] {
  if (!Array.isArray(stories) || stories.length === 0) {
    throw new InvalidParameterError(field, 'a non-empty list of stories', stories);
  }
  return stories.map((story, s) => {
    const f = `${field}[${s}]`;
    requireObject(f, story);
    rejectUnknownKeys(f, story, ['valence', 'intensity', 'tellers']);
    const valence = requireOneOf(`${f}.valence`, story.valence, ['negative', 'positive'] as const);
    const intensity =
      story.intensity === undefined
        ? 1
        : requireNumberIn(`${f}.intensity`, story.intensity, 0, 1, { minExclusive: true });
    const tellers = story.tellers;
    if (Array.isArray(tellers)) {
      if (tellers.length === 0) throw new InvalidParameterError(`${f}.tellers`, 'at least one teller', tellers);
      const fixed = new Int32Array(tellers.length);
      tellers.forEach((key: unknown, i) => {
        if (typeof key !== 'string') throw new InvalidParameterError(`${f}.tellers[${i}]`, 'a person id (string)', key);
        const index = indexOfKey(network, key);
        if (index < 0) throw new UnknownNodeError(`${f}.tellers[${i}]`, key);
        fixed[i] = index;
      });
      return { valence, intensity, fixed, count: fixed.length, pool: null, universe: network.size };
    }
    requireObject(`${f}.tellers`, tellers);
    rejectUnknownKeys(`${f}.tellers`, tellers as object, ['count', 'among']);
    const spec = tellers as { count: number; among?: RoleName | 'anyone' };
    const among = requireOneOf(`${f}.tellers.among`, spec.among ?? 'anyone', [...ROLE_NAMES, 'anyone'] as const);
    let pool: Int32Array | null = null;
    let available = network.size;
    if (among !== 'anyone') {
      const code = Role[among];
      let k = 0;
      for (let i = 0; i < network.size; i++) if (network.role[i] === code) k++;
      pool = new Int32Array(k);
      k = 0;
      for (let i = 0; i < network.size; i++) if (network.role[i] === code) pool[k++] = i;
      available = k;
    }
    const count = requireInteger(`${f}.tellers.count`, spec.count, 1, Math.max(1, available));
    if (count > available) {
      throw new InvalidParameterError(`${f}.tellers.count`, `at most ${available} (the ${among === 'anyone' ? 'people' : `${among}s`} in the network)`, count);
    }
    return { valence, intensity, fixed: null, count, pool, universe: available };
  });
}

/**
 * Writes the tellers of one replicate into `out` (length ≥ count) and returns how many.
 * Random tellers come from `rng`, the replicate's own stream.
 */
export function drawTellers(story: ResolvedStory, rng: Rng, out: Int32Array): number {
  if (story.fixed !== null) {
    out.set(story.fixed);
    return story.fixed.length;
  }
  sampleIndices(rng, story.count, story.universe, out);
  const pool = story.pool;
  if (pool !== null) for (let i = 0; i < story.count; i++) out[i] = pool[out[i]!]!;
  return story.count;
}
