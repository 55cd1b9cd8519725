export { rememberedPain } from './memory.js';
export { DECISIONS, DEFAULT_LADDER, MAX_HAND_OFFS, MAX_LEVELS, POLICY_DEFAULTS, PUBLIC_ANSWERS, resolvePolicies, resolvePolicy } from './policy.js';
export type { Decision, EscalationLevel, PolicySpec, PublicAnswer, ResolvedPolicy } from './policy.js';
export {
  OUTCOME_CATEGORIES,
  PAIN_DEFAULTS,
  TARP_REPURCHASE,
  negativeBinomialInverse,
  resolveBehaviour,
  resolveComplaints,
  resolveIncidents,
} from './behaviour.js';
export type {
  BehaviourSpec,
  ComplaintSpec,
  IncidentSpec,
  OutcomeCategory,
  PainSpec,
  RepurchaseRow,
  ResolvedBehaviour,
  ResolvedComplaints,
  ResolvedIncidents,
  Severity,
} from './behaviour.js';
export { Category, Channel, EPISODE_UNIFORMS, EpisodeOutcome, Story, runEpisode } from './episode.js';
