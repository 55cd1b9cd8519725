/**
 * A network described as data, as a scenario file names it: a generator and its
 * parameters, or a file (an edge list or a graphology JSON export). Declared once here;
 * the scenario file's `network` section is this schema.
 */
import { z } from 'zod';
import { count, describe, probability, seed, text } from '../parameters/index.js';

const size = () => count({ description: 'people', label: 'People', unit: 'people' });
const networkSeed = () => describe(seed(), { description: 'seed of the network', defaultText: 'the scenario seed' }).optional();

export const generatorSpecSchemas = {
  'erdos-renyi-gnm': z.strictObject({
    generator: z.literal('erdos-renyi-gnm'),
    size: size(),
    edges: count({ description: 'ties, drawn uniformly among all pairs', unit: 'ties' }),
    seed: networkSeed(),
  }),
  'erdos-renyi-gnp': z.strictObject({
    generator: z.literal('erdos-renyi-gnp'),
    size: size(),
    probability: probability({ description: 'chance of a tie between any two people' }),
    seed: networkSeed(),
  }),
  'watts-strogatz': z.strictObject({
    generator: z.literal('watts-strogatz'),
    size: size(),
    neighbors: count({ description: 'ties per person on the ring before rewiring (even)', unit: 'ties' }),
    rewiring: probability({ description: 'chance each tie is rewired to a random person' }),
    seed: networkSeed(),
  }),
  'barabasi-albert': z.strictObject({
    generator: z.literal('barabasi-albert'),
    size: size(),
    edgesPerPerson: count({ description: 'ties each newcomer makes (mean degree ≈ 2×)', unit: 'ties' }),
    seed: networkSeed(),
  }),
  'random-regular': z.strictObject({
    generator: z.literal('random-regular'),
    size: size(),
    degree: count({ description: 'ties per person', unit: 'ties' }),
    seed: networkSeed(),
  }),
  groups: z.strictObject({
    generator: z.literal('groups'),
    size: size(),
    groupSize: count({ description: 'people per personal group (household, circle of friends)', unit: 'people' }, 1),
    insideProbability: probability({ description: 'chance of a strong tie between two people of one group' }),
    acrossProbability: probability({ description: 'chance of a weak tie between two people of different groups' }),
    strongTrust: describe(z.number().gt(0).max(1), { description: 'trust of ties inside groups', source: '[A] strong ties near 1 (Goldenberg, Libai & Muller 2001)' }).default(1),
    weakTrust: describe(z.number().gt(0).max(1), { description: 'trust of ties across groups', source: '[A] ratio of weak to strong transmission midpoints (Goldenberg et al. 2001)' }).default(0.25),
    seed: networkSeed(),
  }),
} as const;

export type GeneratorName = keyof typeof generatorSpecSchemas;
export const GENERATOR_NAMES = Object.keys(generatorSpecSchemas) as GeneratorName[];

export const networkFileSpecSchema = z.strictObject({
  file: text({ description: 'an edge list (source target [trust] per line) or a graphology JSON export (.json), relative to the scenario file' }),
  directed: describe(z.boolean(), { description: 'read "a b" as "a tells b" only' }).default(false),
  onDuplicate: describe(z.enum(['error', 'drop']), { description: 'repeated ties: fail, or keep the first' }).default('error'),
  onSelfLoop: describe(z.enum(['error', 'drop']), { description: 'self-loops: fail, or leave them out' }).default('error'),
});

const generatorSpecSchema = z.discriminatedUnion('generator', Object.values(generatorSpecSchemas) as unknown as [
  (typeof generatorSpecSchemas)[GeneratorName],
  ...(typeof generatorSpecSchemas)[GeneratorName][],
]);

/** A generator and its parameters, or a file. */
export const networkSpecSchema = describe(z.union([generatorSpecSchema, networkFileSpecSchema]), {
  description: 'a generator and its parameters, or a file',
});

export type NetworkSpec = z.input<typeof networkSpecSchema>;
export type GeneratorSpec = z.input<typeof generatorSpecSchema>;
export type NetworkFileSpec = z.input<typeof networkFileSpecSchema>;
