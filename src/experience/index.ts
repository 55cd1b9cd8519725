export { rememberedPain } from './memory.js';
export {
  DECISIONS,
  DEFAULT_LADDER,
  MAX_HAND_OFFS,
  MAX_LEVELS,
  PUBLIC_ANSWERS,
  escalationLevelSchema,
  policiesSchema,
  policyKey,
  policySchema,
  resolvePolicies,
  resolvePolicy,
} from './policy.js';
export type { Decision, EscalationLevel, PolicySpec, PublicAnswer, ResolvedPolicy } from './policy.js';
export { MAX_INCIDENTS, incidentsFitCustomers, incidentsSchema, resolveIncidents } from './incidents.js';
export type { IncidentSpec, ResolvedIncidents, Severity } from './incidents.js';
export { CHANNEL_DEFAULTS, COMPLAINT_PROBABILITY, complaintsSchema, resolveComplaints } from './complaints.js';
export type { ComplaintSpec, ResolvedComplaints } from './complaints.js';
export { MAX_AUDIENCE, audienceSchema, negativeBinomialInverse } from './audience.js';
export { AUDIENCE_DEFAULTS, OUTCOME_CATEGORIES, PAIN_DEFAULTS, TARP_REPURCHASE, behaviourSchema, painSchema, resolveBehaviour } from './behaviour.js';
export type { BehaviourSpec, OutcomeCategory, PainSpec, RepurchaseRow, ResolvedBehaviour } from './behaviour.js';
export { Category, Channel, EPISODE_UNIFORMS, EpisodeOutcome, Story, runEpisode } from './episode.js';
