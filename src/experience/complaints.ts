/**
 * How unhappy customers complain: the complaint iceberg (most never do), the channels,
 * and how many people see a complaint made in public.
 */
import { z } from 'zod';
import { addProblem, describe, parseParameters, probability } from '../parameters/index.js';
import { audienceSchema } from './audience.js';
import type { ResolvedIncidents } from './incidents.js';

/** The chance of complaining when the scenario leaves it out, by whether money is at stake. */
export const COMPLAINT_PROBABILITY = Object.freeze({ moneyLoss: 0.625, other: 0.06 });

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
  z.strictObject({
    probability: probability({
      description: 'chance an unhappy customer complains at all',
      label: 'Chance of complaining',
      defaultText: '0.625 when money is at stake, else 0.06',
      source: '[Q] Goodman/TARP 50–75% for money-loss problems; Wharton/Verde 2006 6%',
    }).optional(),
    channels: describe(channelsSchema, {
      description: 'shares of complainers by channel, summing to 1',
      source: '[Q] Goodman: 1–5% go to a manager or head office; public [A]',
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
    probability: c.probability ?? (incidents.moneyLoss ? COMPLAINT_PROBABILITY.moneyLoss : COMPLAINT_PROBABILITY.other),
    channels: Object.freeze({ ...c.channels }),
    publicAudience: Object.freeze({ ...c.publicAudience }),
  });
}
