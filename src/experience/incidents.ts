/**
 * The problem customers have: how many, how bad, and what is at stake. Declared once
 * here; the library's options and the scenario file's `incidents` section are both
 * checked against this schema.
 */
import { z } from 'zod';
import { count, describe, money, parseParameters } from '../parameters/index.js';

export type Severity = 'minor' | 'major';

/** At most this many incidents in one replicate (buffers are sized by it). */
export const MAX_INCIDENTS = 10_000_000;

export const incidentsSchema = describe(
  z.strictObject({
    count: count({ description: 'customers who have the problem in one replicate, drawn among the customers', label: 'Incidents', unit: 'customers' }, 0, MAX_INCIDENTS),
    severity: describe(z.enum(['minor', 'major']), {
      description: 'row of the TARP repurchase table and pain of the problem',
      label: 'Severity',
    }).default('major'),
    amount: money({ description: 'the money at stake: the repair or refund the customer asks for', label: 'Amount at stake' }),
    period: describe(z.string().trim().min(1).max(80), {
      description: 'when these incidents happen: "month", "year", or words such as "100 returned phones"; results are stated for them',
      label: 'Period',
      defaultText: 'the incidents of one run',
    }).optional(),
    moneyLoss: describe(z.boolean(), {
      description: 'the problem costs the customer money (a refused refund, a fee): such problems are complained about far more often',
      label: 'Money at stake for the customer',
    }).default(true),
  }),
  { description: 'the problem customers have' },
);

/** The incidents as given (optional fields may be left out). */
export type IncidentSpec = z.input<typeof incidentsSchema>;
/** The incidents with every default filled in. */
export type ResolvedIncidents = Readonly<z.output<typeof incidentsSchema>>;

/** Checks the incidents once and fills in the defaults. */
export function resolveIncidents(spec: IncidentSpec, field = 'incidents'): ResolvedIncidents {
  return Object.freeze(parseParameters(incidentsSchema, spec, field));
}

/** The rule that needs the network: incidents happen to customers, so there must be enough of them. */
export function incidentsFitCustomers(count: number, customers: number): { expected: string } | null {
  return count <= customers ? null : { expected: `at most the number of customers in the network (${customers})` };
}
