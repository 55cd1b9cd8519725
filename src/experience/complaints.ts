/**
 * How unhappy customers complain: the complaint iceberg (most never do), the channels,
 * and how many people see a complaint made in public.
 */
import { z } from 'zod';
import { addProblem, describe, parseParameters, probability } from '../parameters/index.js';
import { audienceSchema } from './audience.js';
import type { ResolvedIncidents } from './incidents.js';
import type { ParameterWarning } from './policy.js';

/**
 * Published shares of unhappy customers who complain, by name: `complaints.preset`. Each
 * gives the chance of complaining at all (the model does not distinguish when).
 */
export type ComplaintPreset = 'tarp-money-loss' | 'verde-retail' | 'denmark' | 'norway';
export const COMPLAINT_PRESETS: Readonly<Record<ComplaintPreset, { readonly probability: number; readonly source: string }>> = Object.freeze({
  'tarp-money-loss': Object.freeze({ probability: 0.625, source: 'derived: the middle of Goodman/TARP\'s 50–75% for problems that cost the customer money [Q]' }),
  'verde-retail': Object.freeze({ probability: 0.06, source: '[Q] Wharton/Verde 2006: 6% of shoppers with a problem contacted the retailer' }),
  denmark: Object.freeze({ probability: 0.16, source: '[Q] S. Bechmann: 4% complain at once and ~12% later (~84% never): 16% complain' }),
  norway: Object.freeze({ probability: 0.2, source: '[S] B. Tronvoll: ~80% refrain from complaining: 20% complain' }),
});
export const COMPLAINT_PRESET_NAMES = Object.keys(COMPLAINT_PRESETS) as ComplaintPreset[];

/** The chance of complaining when the scenario leaves it out, by whether money is at stake (the TARP and Verde presets). */
export const COMPLAINT_PROBABILITY = Object.freeze({ moneyLoss: COMPLAINT_PRESETS['tarp-money-loss'].probability, other: COMPLAINT_PRESETS['verde-retail'].probability });

export const CHANNEL_DEFAULTS = Object.freeze({ frontLine: 0.92, headOffice: 0.05, public: 0.03 });

const channelsSchema = z
  .strictObject({
    frontLine: probability({ description: 'share complaining to the front line' }),
    headOffice: probability({ description: 'share complaining to head office (starts at the second rung of the ladder)' }),
    public: probability({ description: 'share complaining in public (reviews, social media)' }),
  })
  .superRefine((c, ctx) => {
    const sum = c.frontLine + c.headOffice + c.public;
    if (Math.abs(sum - 1) > 1e-9) addProblem(ctx, [], `shares of complainers that sum to 1 (front line + head office + public)`, sum);
  });

export const complaintsSchema = describe(
  z
    .strictObject({
      preset: describe(z.enum(COMPLAINT_PRESET_NAMES as [ComplaintPreset, ...ComplaintPreset[]]), {
        description:
          'a published share of unhappy customers who complain: tarp-money-loss 62.5% (the middle of 50–75%), verde-retail 6%, denmark 16% (4% at once, ~12% later), norway 20% (~80% refrain)',
        defaultText: 'tarp-money-loss when money is at stake, else verde-retail',
        source: '[Q] Goodman/TARP; Wharton/Verde 2006; S. Bechmann; [S] B. Tronvoll',
      }).optional(),
      probability: probability({
        description: 'chance an unhappy customer complains at all (given beside a preset, it wins, with a warning)',
        label: 'Chance of complaining',
        defaultText: 'the preset\'s: 0.625 when money is at stake, else 0.06',
        source: 'derived: the middle of Goodman/TARP\'s 50–75% for money-loss problems [Q]; [Q] Wharton/Verde 2006 6%',
      }).optional(),
      channels: describe(channelsSchema, {
        description: 'shares of complainers by channel, summing to 1',
        source: 'derived: head office 5%, the top of Goodman\'s 1–5% who take a complaint to a manager or head office [Q]; public [A]',
      }).default(CHANNEL_DEFAULTS),
      publicAudience: describe(audienceSchema({ mean: 30, dispersion: 0.5 }), {
        description: 'people who see one public complaint (negative binomial)',
        source: '[A]',
      }),
    }),
  { description: 'how unhappy customers complain (the complaint iceberg)' },
);

export type ComplaintSpec = z.input<typeof complaintsSchema>;
export interface ResolvedComplaints {
  readonly probability: number;
  readonly channels: { readonly frontLine: number; readonly headOffice: number; readonly public: number };
  readonly publicAudience: { readonly mean: number; readonly dispersion: number };
}

/** Checks the complaint settings once and fills in the defaults (the chance of complaining depends on the incidents). */
export function resolveComplaints(spec: ComplaintSpec = {}, incidents: ResolvedIncidents, field = 'complaints'): ResolvedComplaints {
  const c = parseParameters(complaintsSchema, spec, field);
  return Object.freeze({
    probability: c.probability ?? (c.preset !== undefined ? COMPLAINT_PRESETS[c.preset].probability : incidents.moneyLoss ? COMPLAINT_PROBABILITY.moneyLoss : COMPLAINT_PROBABILITY.other),
    channels: Object.freeze({ ...c.channels }),
    publicAudience: Object.freeze({ ...c.publicAudience }),
  });
}

/**
 * Warnings about complaint settings that are valid but probably not meant: a probability
 * given beside a preset overrides it (a sensitivity swing of complaints.probability does
 * exactly that, on purpose). Pure; paths relative to the scenario.
 */
export function complaintWarnings(spec: ComplaintSpec | undefined): ParameterWarning[] {
  if (spec?.preset === undefined || spec.probability === undefined) return [];
  const preset = COMPLAINT_PRESETS[spec.preset];
  return [{ path: ['complaints', 'preset'], message: `complaints.probability (${spec.probability}) is given too and wins over the preset "${spec.preset}" (${preset.probability})` }];
}
