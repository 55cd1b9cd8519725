/**
 * What a customer remembers of an episode: the peak-end rule. A remembered episode is
 * well predicted by the mean of its worst moment and its last one; duration hardly
 * matters (Kahneman et al. 1993; Redelmeier & Kahneman 1996; meta-analysis r = 0.58,
 * Alaybek et al. 2022) [S].
 *
 * Moments are on one pain scale from 0 (no discomfort at all) to 10 (the worst
 * imaginable), as in the colonoscopy studies.
 */
import { InvalidParameterError } from '../errors.js';

/**
 * The remembered pain of an episode: (worst moment + last moment) / 2.
 *
 * @example
 * rememberedPain([2, 8, 7]); // 7.5 (peak 8, end 7)
 * rememberedPain([2, 8, 5, 3, 1]); // 4.5 (peak 8, end 1, although it lasted longer)
 */
export function rememberedPain(moments: ArrayLike<number>, count = moments.length): number {
  if (count < 1) throw new InvalidParameterError('moments', 'at least one moment', moments);
  let peak = -Infinity;
  for (let i = 0; i < count; i++) {
    const m = moments[i]!;
    if (!(m >= 0 && m <= 10)) throw new InvalidParameterError(`moments[${i}]`, 'a pain between 0 and 10', m);
    if (m > peak) peak = m;
  }
  return (peak + moments[count - 1]!) / 2;
}
