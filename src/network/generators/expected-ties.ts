/**
 * The number of ties a generator will draw, known before drawing: exact for the
 * generators whose count is fixed, the mean for those whose count is random. One place,
 * so every check of a tie limit (the scenario's validation, buildNetwork, the CLI)
 * estimates the same way, and a network too large to build is refused before any memory
 * is spent on it.
 */
import { InvalidParameterError } from '../../errors.js';
import { pairCount } from './shared.js';

/**
 * A generator and its parameters, as a scenario file names them
 * (`{ generator: 'groups', size: 2000, groupSize: 10, … }`); other keys (a seed) are ignored.
 */
export interface GeneratorParameters {
  readonly generator: string;
  readonly [parameter: string]: unknown;
}

function nonNegative(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidParameterError(field, 'a number ≥ 0', value);
  }
  return value;
}

function count(spec: GeneratorParameters, key: string): number {
  return nonNegative(key, spec[key]);
}

function probability(spec: GeneratorParameters, key: string): number {
  const p = count(spec, key);
  if (p > 1) throw new InvalidParameterError(key, 'a probability between 0 and 1', p);
  return p;
}

/**
 * The ties of the network `spec` describes, before building it:
 *
 * - `erdos-renyi-gnm`: `edges`; `watts-strogatz`: size · neighbors / 2; `barabasi-albert`:
 *   edgesPerPerson · (size − edgesPerPerson); `random-regular`: size · degree / 2;
 *   `configuration-model`: the sum of `degrees` / 2 — exact;
 * - `erdos-renyi-gnp`: probability · size · (size − 1) / 2 — the mean of a binomial count;
 * - `groups`: insideProbability · (pairs inside groups) + acrossProbability · (pairs
 *   across groups) — the mean, with groups of `groupSize` in index order (the last holding
 *   the remainder) or of the given `groupSizes`.
 *
 * A random count can land above its mean; the generators' `maxTies` option stops such a
 * draw as soon as it passes the limit.
 *
 * @throws {InvalidParameterError} for an unknown generator or a parameter that is not a
 *   number ≥ 0 (a probability above 1).
 * @example
 * expectedTies({ generator: 'erdos-renyi-gnp', size: 10_000, probability: 0.001 }); // 49,995
 * expectedTies({ generator: 'groups', size: 46_000, groupSize: 46_000, insideProbability: 1, acrossProbability: 0 }); // 1,057,977,000
 */
export function expectedTies(spec: GeneratorParameters): number {
  if (typeof spec !== 'object' || spec === null) throw new InvalidParameterError('spec', 'a generator and its parameters', spec);
  switch (spec.generator) {
    case 'erdos-renyi-gnm':
      return count(spec, 'edges');
    case 'erdos-renyi-gnp':
      return pairCount(count(spec, 'size')) * probability(spec, 'probability');
    case 'watts-strogatz':
      return (count(spec, 'size') * count(spec, 'neighbors')) / 2;
    case 'barabasi-albert': {
      const m = count(spec, 'edgesPerPerson');
      return m * Math.max(0, count(spec, 'size') - m);
    }
    case 'random-regular':
      return (count(spec, 'size') * count(spec, 'degree')) / 2;
    case 'configuration-model': {
      const degrees = spec.degrees as ArrayLike<unknown> | undefined;
      if (typeof degrees !== 'object' || degrees === null || typeof degrees.length !== 'number') {
        throw new InvalidParameterError('degrees', 'an array of integers ≥ 0', degrees);
      }
      let total = 0;
      for (let i = 0; i < degrees.length; i++) total += nonNegative(`degrees[${i}]`, degrees[i]);
      return total / 2;
    }
    case 'groups': {
      const n = count(spec, 'size');
      let inside = 0;
      if (spec.groupSizes !== undefined) {
        const sizes = spec.groupSizes as ArrayLike<unknown>;
        if (typeof sizes !== 'object' || sizes === null || typeof sizes.length !== 'number') {
          throw new InvalidParameterError('groupSizes', 'an array of integers ≥ 1', sizes);
        }
        for (let g = 0; g < sizes.length; g++) inside += pairCount(nonNegative(`groupSizes[${g}]`, sizes[g]));
      } else {
        const size = count(spec, 'groupSize');
        if (!(size >= 1)) throw new InvalidParameterError('groupSize', 'a number ≥ 1', size);
        const full = Math.floor(n / size);
        inside = full * pairCount(size) + pairCount(n - full * size);
      }
      const across = Math.max(0, pairCount(n) - inside);
      return inside * probability(spec, 'insideProbability') + across * probability(spec, 'acrossProbability');
    }
    default:
      throw new InvalidParameterError(
        'generator',
        'one of erdos-renyi-gnm, erdos-renyi-gnp, watts-strogatz, barabasi-albert, random-regular, configuration-model, groups',
        spec.generator,
      );
  }
}
