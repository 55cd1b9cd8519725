/**
 * The win-back offer: what a company spends to bring back a customer it sees leave, and
 * what a won-back customer is worth. Declared once here; the scenario's `economics.winBack`
 * and each policy's own `winBack` use this schema.
 */
import { z } from 'zod';
import { describe, money, probability } from '../parameters/index.js';

export const WIN_BACK_OFFERS = ['when-it-pays', 'always'] as const;
export type WinBackOffer = (typeof WIN_BACK_OFFERS)[number];

export const winBackSchema = describe(
  z.strictObject({
    offerCost: money({ description: 'what one offer costs (a discount, a call, a gift)', label: 'Win-back offer cost' }),
    successProbability: probability({ description: 'chance the offer brings the customer back', label: 'Win-back success' }),
    retention: probability({
      description: "a won-back customer's own retention (share still buying a year later)",
      defaultText: 'economics.retention',
      source: '[A] a won-back customer is no less loyal than any other unless you know better',
    }).optional(),
    offer: describe(z.enum(WIN_BACK_OFFERS), {
      description: 'when-it-pays: offered only when success × the value of a won-back customer > the offer cost; always: offered to every customer seen to leave, even at a loss',
    }).default('when-it-pays'),
  }),
  { description: 'a win-back offer to customers seen to leave after an incident or a story' },
);

export type WinBackSpec = z.input<typeof winBackSchema>;
