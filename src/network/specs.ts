/**
 * A network described as data: a generator and its parameters, or a file (an edge list
 * or a graphology JSON export). Every generator's parameters are declared once here —
 * their fields and the rules across them (an even `neighbors` below `size`, at most
 * C(size, 2) ties, group sizes that add up, the 32-bit tie limit…) — and used at both
 * boundaries: the scenario file's `network` section (with `generator`, the seed optional)
 * and the library's options of each generator function (the seed required, plus the
 * library-only `maxTies`, the groups' `groupSizes` and the configuration model), which
 * check them with `parseParameters`. So `hearsay validate` and the library refuse the
 * same values with the same words.
 */
import { z } from 'zod';
import { addProblem, count, describe, probability, seed, text, whenValid } from '../parameters/index.js';
import { GROUPS_DEFAULTS, MAX_EDGES, MAX_GROUPS, MAX_SIZE, pairCount } from './generators/shared.js';

const size = () => count({ description: 'people', label: 'People', unit: 'people' }, 0, MAX_SIZE);
const networkSeed = () => describe(seed(), { description: 'seed of the network', defaultText: 'the scenario seed' }).optional();
const librarySeed = (generator: string) => describe(seed(), { description: `seeds the stream network/${generator}` });
const maxTies = () =>
  count({ description: 'the most ties the caller accepts: a larger fixed count is refused before drawing, a random draw stops as soon as it passes it', unit: 'ties' }, 0, MAX_EDGES).default(
    MAX_EDGES,
  );

/** A list of numbers given as an array or a typed array (checked entry by entry by a rule). */
const numberList = (expected: string, description: string) =>
  describe(
    z.custom<ArrayLike<number>>((v) => typeof v === 'object' && v !== null && typeof (v as { length?: unknown }).length === 'number', { error: `expected ${expected}` }),
    { description },
  );

/**
 * A rule across a generator's fields: `keys` are the fields it reads (it runs whenever
 * those are valid, so every problem comes out in one pass). `maxTies` is present in the
 * library's options only; the file's tie limit is the scenario's (`--max-ties`).
 */
interface Rule<T> {
  readonly keys: readonly string[];
  readonly check: (options: T & { readonly maxTies?: number }, ctx: z.RefinementCtx) => void;
}

function withRules<S extends z.ZodObject>(schema: S, rules: ReadonlyArray<Rule<z.output<S>>>): S {
  let out = schema;
  for (const rule of rules) {
    const valid = whenValid(...rule.keys).when;
    // Never on a value that is not an options object at all (its one problem says so).
    const when = (payload: z.core.ParsePayload) => typeof payload.value === 'object' && payload.value !== null && valid(payload);
    out = out.superRefine((o, ctx) => rule.check(o as z.output<S>, ctx), { when }) as S;
  }
  return out;
}

/** Ties within the 32-bit limit (else `blame` is the problem) and within the caller's maxTies. */
function tieLimits(
  ctx: z.RefinementCtx,
  ties: number,
  maxTiesValue: number | undefined,
  blame: { readonly field: string; readonly expected: string; readonly received: unknown },
  limit: string,
): void {
  if (ties > MAX_EDGES) addProblem(ctx, [blame.field], blame.expected, blame.received);
  else if (maxTiesValue !== undefined && ties > maxTiesValue) addProblem(ctx, ['maxTies'], limit, maxTiesValue);
}

// ---- erdos-renyi-gnm ----

const gnmFields = {
  size: size(),
  edges: count({ description: 'ties, drawn uniformly among all pairs', unit: 'ties' }, 0, MAX_EDGES),
};
const gnmRules: ReadonlyArray<Rule<{ size: number; edges: number }>> = [
  {
    keys: ['size', 'edges'],
    check: (o, ctx) => {
      const pairs = pairCount(o.size);
      if (o.edges > pairs) addProblem(ctx, ['edges'], `an integer ≤ size·(size − 1)/2 = ${pairs} (the pairs among ${o.size} people)`, o.edges);
    },
  },
  {
    keys: ['size', 'edges', 'maxTies'],
    check: (o, ctx) => {
      if (o.maxTies !== undefined && o.edges > o.maxTies) addProblem(ctx, ['maxTies'], `a limit of at least the ${o.edges} ties this network has (edges)`, o.maxTies);
    },
  },
];

// ---- erdos-renyi-gnp ----

const gnpFields = {
  size: size(),
  probability: probability({ description: 'chance of a tie between any two people' }),
};
const gnpRules: ReadonlyArray<Rule<{ size: number; probability: number }>> = [
  {
    keys: ['size', 'probability', 'maxTies'],
    check: (o, ctx) => {
      const expected = pairCount(o.size) * o.probability;
      tieLimits(
        ctx,
        expected,
        o.maxTies,
        {
          field: 'probability',
          expected: `a probability giving at most ${MAX_EDGES} ties on average (size·(size − 1)/2 · probability; the network's offsets are 32-bit)`,
          received: o.probability,
        },
        `a limit of at least the ${Math.round(expected)} ties this network is expected to have`,
      );
    },
  },
];

// ---- watts-strogatz ----

const wattsStrogatzFields = {
  size: size(),
  neighbors: count({ description: 'ties per person on the ring before rewiring (even, below size)', unit: 'ties' }),
  rewiring: probability({ description: 'chance each tie is rewired to a random person' }),
};
const wattsStrogatzRules: ReadonlyArray<Rule<{ size: number; neighbors: number }>> = [
  {
    keys: ['size', 'neighbors'],
    check: (o, ctx) => {
      const k = o.neighbors;
      if (k % 2 !== 0) addProblem(ctx, ['neighbors'], 'an even integer (k/2 ties on each side of the ring)', k);
      else if (k > 0 && k >= o.size) addProblem(ctx, ['neighbors'], `an even integer < size (${o.size}): a person has at most size − 1 ties`, k);
    },
  },
  {
    keys: ['size', 'neighbors', 'maxTies'],
    check: (o, ctx) => {
      const ties = (o.size * o.neighbors) / 2;
      tieLimits(
        ctx,
        ties,
        o.maxTies,
        { field: 'neighbors', expected: `a value giving at most ${MAX_EDGES} ties (size · neighbors / 2)`, received: o.neighbors },
        `a limit of at least the ${ties} ties this network has (size · neighbors / 2)`,
      );
    },
  },
];

// ---- barabasi-albert ----

const barabasiAlbertFields = {
  size: size(),
  edgesPerPerson: count({ description: 'ties each newcomer makes (mean degree ≈ 2×)', unit: 'ties' }, 1),
};
const barabasiAlbertRules: ReadonlyArray<Rule<{ size: number; edgesPerPerson: number }>> = [
  {
    keys: ['size', 'edgesPerPerson'],
    check: (o, ctx) => {
      const m = o.edgesPerPerson;
      if (o.size < m + 1) addProblem(ctx, ['size'], `an integer ≥ edgesPerPerson + 1 = ${m + 1} (the starting star has edgesPerPerson + 1 people)`, o.size);
    },
  },
  {
    keys: ['size', 'edgesPerPerson', 'maxTies'],
    check: (o, ctx) => {
      const m = o.edgesPerPerson;
      const ties = m * (o.size - m);
      tieLimits(
        ctx,
        ties,
        o.maxTies,
        { field: 'size', expected: `a value giving at most ${MAX_EDGES} ties (edgesPerPerson · (size − edgesPerPerson))`, received: o.size },
        `a limit of at least the ${ties} ties this network has (edgesPerPerson · (size − edgesPerPerson))`,
      );
    },
  },
];

// ---- random-regular ----

const randomRegularFields = {
  size: size(),
  degree: count({ description: 'ties per person (below size; size · degree even)', unit: 'ties' }),
};
const randomRegularRules: ReadonlyArray<Rule<{ size: number; degree: number }>> = [
  {
    keys: ['size', 'degree'],
    check: (o, ctx) => {
      const n = o.size;
      const d = o.degree;
      if (d > 0 && d >= n) addProblem(ctx, ['degree'], `an integer < size (${n}): a person has at most size − 1 distinct ties`, d);
      else if ((n * d) % 2 !== 0) {
        addProblem(ctx, ['degree'], `a degree making size · degree even, since every tie has two ends (size · degree = ${n} · ${d} = ${n * d} is odd: make size or degree even)`, d);
      }
    },
  },
  {
    keys: ['size', 'degree', 'maxTies'],
    check: (o, ctx) => {
      const ties = (o.size * o.degree) / 2;
      tieLimits(
        ctx,
        ties,
        o.maxTies,
        { field: 'degree', expected: `a value giving at most ${MAX_EDGES} ties (size · degree / 2)`, received: o.degree },
        `a limit of at least the ${ties} ties this network has (size · degree / 2)`,
      );
    },
  },
];

// ---- groups ----

const groupSize = () => count({ description: 'people per personal group (household, circle of friends)', unit: 'people' }, 1);
const groupsFields = {
  size: size(),
  groupSize: groupSize(),
  insideProbability: probability({ description: 'chance of a strong tie between two people of one group' }),
  acrossProbability: probability({ description: 'chance of a weak tie between two people of different groups' }),
  strongTrust: describe(z.number().gt(0).max(1), { description: 'trust of ties inside groups', source: '[A] strong ties near 1 (Goldenberg, Libai & Muller 2001)' }).default(
    GROUPS_DEFAULTS.strongTrust,
  ),
  weakTrust: describe(z.number().gt(0).max(1), {
    description: 'trust of ties across groups',
    source: '[A] ratio of weak to strong transmission midpoints (Goldenberg et al. 2001)',
  }).default(GROUPS_DEFAULTS.weakTrust),
};

interface GroupsShape {
  size: number;
  groupSize?: number | undefined;
  groupSizes?: ArrayLike<number> | undefined;
  insideProbability: number;
  acrossProbability: number;
}

/** Pairs of people in the same group: groups of `groupSize` in index order (the last one the remainder), or of `groupSizes`. */
function pairsInsideGroups(size: number, groupSize: number | undefined, groupSizes: ArrayLike<number> | undefined): number {
  let inside = 0;
  if (groupSizes !== undefined) {
    for (let g = 0; g < groupSizes.length; g++) inside += pairCount(groupSizes[g]!);
  } else if (groupSize !== undefined) {
    const full = Math.floor(size / groupSize);
    inside = full * pairCount(groupSize) + pairCount(size - full * groupSize);
  }
  return inside;
}

/** At most this many entries of a list are named one by one; the rest are counted. */
const LISTED = 10;

const groupsRules: ReadonlyArray<Rule<GroupsShape>> = [
  {
    keys: ['size', 'groupSize', 'groupSizes'],
    check: (o, ctx) => {
      const n = o.size;
      if ((o.groupSize === undefined) === (o.groupSizes === undefined)) {
        const field = o.groupSize === undefined ? 'groupSize' : 'groupSizes';
        addProblem(ctx, [field], 'exactly one of groupSize and groupSizes', o.groupSize === undefined ? o.groupSizes : o.groupSize);
      } else if (o.groupSize !== undefined) {
        const s = o.groupSize;
        if (s > Math.max(1, n)) addProblem(ctx, ['groupSize'], `an integer ≤ size (${n})`, s);
        else if (Math.ceil(n / s) > MAX_GROUPS) addProblem(ctx, ['groupSize'], `a size giving at most ${MAX_GROUPS} groups (⌈size / groupSize⌉ = ${Math.ceil(n / s)})`, s);
      } else {
        const list = o.groupSizes!;
        if (list.length > MAX_GROUPS) {
          addProblem(ctx, ['groupSizes'], `at most ${MAX_GROUPS} groups`, list);
          return;
        }
        let sum = 0;
        let bad = 0;
        for (let g = 0; g < list.length; g++) {
          const s = list[g];
          if (typeof s !== 'number' || !Number.isInteger(s) || s < 1 || s > n) {
            if (bad++ < LISTED) addProblem(ctx, ['groupSizes', g], `an integer ≥ 1 and ≤ size (${n})`, s);
          } else sum += s;
        }
        if (bad > LISTED) addProblem(ctx, ['groupSizes'], `integers ≥ 1 and ≤ size (${n}): ${bad - LISTED} more entries are not`, list);
        if (bad === 0 && sum !== n) addProblem(ctx, ['groupSizes'], `group sizes summing to size (${n}), not ${sum}`, list);
      }
    },
  },
  {
    keys: ['size', 'groupSize', 'groupSizes', 'insideProbability', 'acrossProbability', 'maxTies'],
    check: (o, ctx) => {
      const inside = pairsInsideGroups(o.size, o.groupSize, o.groupSizes);
      const across = pairCount(o.size) - inside;
      const expected = inside * o.insideProbability + across * o.acrossProbability;
      if (inside * o.insideProbability > MAX_EDGES) {
        addProblem(ctx, ['insideProbability'], `a probability giving at most ${MAX_EDGES} ties on average`, o.insideProbability);
        return;
      }
      tieLimits(
        ctx,
        expected,
        o.maxTies,
        { field: 'acrossProbability', expected: `a probability giving at most ${MAX_EDGES} ties on average`, received: o.acrossProbability },
        `a limit of at least the ${Math.round(expected)} ties this network is expected to have`,
      );
    },
  },
];

// ---- configuration-model (library only) ----

const configurationModelFields = {
  degrees: numberList('an array of integers ≥ 0 (ties per person)', 'ties wanted per person; the number of people is its length'),
  seed: librarySeed('configuration-model'),
  onSelfLoop: describe(z.enum(['error', 'drop']), { description: 'a person matched to themselves: fail, or leave the tie out' }).default('error'),
  onDuplicate: describe(z.enum(['error', 'drop']), { description: 'two people matched more than once: fail, or keep one tie' }).default('error'),
  maxTies: maxTies(),
};

/** Σ degrees when every entry is a valid degree (0 … length − 1), else undefined. */
function degreeSum(degrees: ArrayLike<number>): number | undefined {
  let total = 0;
  for (let i = 0; i < degrees.length; i++) {
    const d = degrees[i];
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > degrees.length - 1) return undefined;
    total += d;
  }
  return total;
}

const configurationModelRules: ReadonlyArray<Rule<{ degrees: ArrayLike<number> }>> = [
  {
    keys: ['degrees'],
    check: (o, ctx) => {
      const list = o.degrees;
      if (list.length > MAX_SIZE) {
        addProblem(ctx, ['degrees'], `at most ${MAX_SIZE} people`, list);
        return;
      }
      let bad = 0;
      for (let i = 0; i < list.length; i++) {
        const d = list[i];
        if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > list.length - 1) {
          if (bad++ < LISTED) addProblem(ctx, ['degrees', i], `an integer from 0 to ${list.length - 1} (a person has at most size − 1 distinct ties)`, d);
        }
      }
      if (bad > LISTED) addProblem(ctx, ['degrees'], `integers from 0 to ${list.length - 1}: ${bad - LISTED} more entries are not`, list);
      const total = degreeSum(list);
      if (total !== undefined && total % 2 !== 0) {
        addProblem(ctx, ['degrees'], `degrees with an even sum, since every tie has two ends (these sum to ${total}, an odd number)`, list);
      }
    },
  },
  {
    keys: ['degrees', 'maxTies'],
    check: (o, ctx) => {
      const total = degreeSum(o.degrees);
      if (total === undefined || total % 2 !== 0) return;
      tieLimits(
        ctx,
        total / 2,
        o.maxTies,
        { field: 'degrees', expected: `degrees summing to at most ${2 * MAX_EDGES}`, received: o.degrees },
        `a limit of at least the ${total / 2} ties this network has (the sum of degrees / 2, before any self-loop or repeat is dropped)`,
      );
    },
  },
];

// ---- the library's options ----

/** The options of `erdosRenyiGnm`. */
export const erdosRenyiGnmOptionsSchema = withRules(z.strictObject({ ...gnmFields, seed: librarySeed('erdos-renyi-gnm'), maxTies: maxTies() }), gnmRules);
/** The options of `erdosRenyiGnp`. */
export const erdosRenyiGnpOptionsSchema = withRules(z.strictObject({ ...gnpFields, seed: librarySeed('erdos-renyi-gnp'), maxTies: maxTies() }), gnpRules);
/** The options of `wattsStrogatz`. */
export const wattsStrogatzOptionsSchema = withRules(z.strictObject({ ...wattsStrogatzFields, seed: librarySeed('watts-strogatz'), maxTies: maxTies() }), wattsStrogatzRules);
/** The options of `barabasiAlbert`. */
export const barabasiAlbertOptionsSchema = withRules(z.strictObject({ ...barabasiAlbertFields, seed: librarySeed('barabasi-albert'), maxTies: maxTies() }), barabasiAlbertRules);
/** The options of `randomRegular`. */
export const randomRegularOptionsSchema = withRules(z.strictObject({ ...randomRegularFields, seed: librarySeed('random-regular'), maxTies: maxTies() }), randomRegularRules);
/** The options of `groups`: `groupSize` or, in the library only, `groupSizes`. */
export const groupsOptionsSchema = withRules(
  z.strictObject({
    ...groupsFields,
    groupSize: groupSize().optional(),
    groupSizes: numberList('an array of integers ≥ 1', 'the size of every group in index order (integers ≥ 1 summing to size)').optional(),
    seed: librarySeed('groups'),
    maxTies: maxTies(),
  }),
  groupsRules,
);
/** The options of `configurationModel` (a library function: a degree list is not written in a scenario file). */
export const configurationModelOptionsSchema = withRules(z.strictObject(configurationModelFields), configurationModelRules);

// ---- the scenario file's network section ----

export const generatorSpecSchemas = {
  'erdos-renyi-gnm': withRules(z.strictObject({ generator: z.literal('erdos-renyi-gnm'), ...gnmFields, seed: networkSeed() }), gnmRules),
  'erdos-renyi-gnp': withRules(z.strictObject({ generator: z.literal('erdos-renyi-gnp'), ...gnpFields, seed: networkSeed() }), gnpRules),
  'watts-strogatz': withRules(z.strictObject({ generator: z.literal('watts-strogatz'), ...wattsStrogatzFields, seed: networkSeed() }), wattsStrogatzRules),
  'barabasi-albert': withRules(z.strictObject({ generator: z.literal('barabasi-albert'), ...barabasiAlbertFields, seed: networkSeed() }), barabasiAlbertRules),
  'random-regular': withRules(z.strictObject({ generator: z.literal('random-regular'), ...randomRegularFields, seed: networkSeed() }), randomRegularRules),
  groups: withRules(z.strictObject({ generator: z.literal('groups'), ...groupsFields, seed: networkSeed() }), groupsRules),
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
