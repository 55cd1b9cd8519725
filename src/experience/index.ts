export { rememberedPain } from './memory.js';
export {
  DECISIONS,
  DEFAULT_LADDER,
  FOLLOW_UP_TARGETS,
  MAX_HAND_OFFS,
  MAX_LEVELS,
  PUBLIC_ANSWERS,
  escalationLevelSchema,
  policiesSchema,
  policyKey,
  policySchema,
  resolvePolicies,
  policyWarnings,
  resolvePolicy,
} from './policy.js';
export type { Decision, EscalationLevel, FollowUpTarget, ParameterWarning, PolicySpec, PublicAnswer, ResolvedPolicy } from './policy.js';
export { MAX_INCIDENTS, incidentsFitCustomers, incidentsSchema, resolveIncidents } from './incidents.js';
export type { IncidentSpec, ResolvedIncidents, Severity } from './incidents.js';
export { CHANNEL_DEFAULTS, COMPLAINT_PRESETS, COMPLAINT_PRESET_NAMES, COMPLAINT_PROBABILITY, complaintWarnings, complaintsSchema, resolveComplaints } from './complaints.js';
export type { ComplaintPreset, ComplaintSpec, ResolvedComplaints } from './complaints.js';
export { MAX_AUDIENCE, audienceSchema, negativeBinomialInverse } from './audience.js';
export {
  AUDIENCE_DEFAULTS,
  OUTCOME_CATEGORIES,
  PAIN_DEFAULTS,
  REACTION_DEFAULTS,
  REACTION_NEUTRAL,
  TARP_REPURCHASE,
  VALENCE_SOURCES,
  behaviourSchema,
  painSchema,
  resolveBehaviour,
} from './behaviour.js';
export type { BehaviourSpec, OutcomeCategory, PainSpec, RepurchaseRow, ResolvedBehaviour, ValenceSource } from './behaviour.js';
export { Category, Channel, EPISODE_BASE_UNIFORMS, EPISODE_UNIFORMS, EpisodeOutcome, Story, runEpisode } from './episode.js';
