/**
 * A scenario in code: the network (with roles), the incidents, how people complain,
 * behave and talk, and the economics. Policies are given separately, so the same
 * scenario can be run under several of them.
 */
import { InvalidParameterError } from '../errors.js';
import { type Network } from '../network/types.js';
import { resolveSpreadOptions, type ResolvedSpreadOptions, type SpreadOptions } from '../spread/options.js';
import { rejectUnknownKeys, requireObject } from '../validate.js';
import { resolveEconomics, type EconomicsSpec, type ResolvedEconomics } from '../economics/lifetime-value.js';
import {
  resolveBehaviour,
  resolveComplaints,
  resolveIncidents,
  type BehaviourSpec,
  type ComplaintSpec,
  type IncidentSpec,
  type ResolvedBehaviour,
  type ResolvedComplaints,
  type ResolvedIncidents,
} from '../experience/behaviour.js';

export interface Scenario {
  /** The people and their ties, with roles (see assignRoles): incidents happen to customers. */
  readonly network: Network;
  readonly incidents: IncidentSpec;
  readonly complaints?: ComplaintSpec;
  readonly behaviour?: BehaviourSpec;
  /** How stories travel (see docs/model.md), or `false` to switch word of mouth off. */
  readonly spread?: SpreadOptions | false;
  readonly economics: EconomicsSpec;
}

export interface ResolvedScenario {
  readonly network: Network;
  readonly incidents: ResolvedIncidents;
  readonly complaints: ResolvedComplaints;
  readonly behaviour: ResolvedBehaviour;
  readonly spread: ResolvedSpreadOptions | null;
  readonly economics: ResolvedEconomics;
  /** The customers incidents are drawn from. */
  readonly customers: Int32Array;
  /** The people who may see a public complaint (customers and prospects). */
  readonly audiencePool: Int32Array;
}

export function resolveScenario(scenario: Scenario, field = 'scenario'): ResolvedScenario {
  requireObject(field, scenario);
  rejectUnknownKeys(field, scenario, ['network', 'incidents', 'complaints', 'behaviour', 'spread', 'economics']);
  const network = scenario.network;
  if (typeof network !== 'object' || network === null || !(network.offsets instanceof Int32Array)) {
    throw new InvalidParameterError(`${field}.network`, 'a Network (from a generator, parseEdgeList or fromGraphology)', network);
  }
  const incidents = resolveIncidents(scenario.incidents, `${field}.incidents`);
  let customerCount = 0;
  let poolCount = 0;
  for (let i = 0; i < network.size; i++) {
    if (network.role[i] === 1) customerCount++;
    if (network.role[i] === 1 || network.role[i] === 2) poolCount++;
  }
  if (incidents.count > customerCount) {
    throw new InvalidParameterError(
      `${field}.incidents.count`,
      `at most the number of customers in the network (${customerCount}; see assignRoles)`,
      incidents.count,
    );
  }
  const customers = new Int32Array(customerCount);
  const audiencePool = new Int32Array(poolCount);
  for (let i = 0, c = 0, a = 0; i < network.size; i++) {
    if (network.role[i] === 1) customers[c++] = i;
    if (network.role[i] === 1 || network.role[i] === 2) audiencePool[a++] = i;
  }
  return Object.freeze({
    network,
    incidents,
    complaints: resolveComplaints(scenario.complaints ?? {}, incidents, `${field}.complaints`),
    behaviour: resolveBehaviour(scenario.behaviour ?? {}, `${field}.behaviour`),
    spread: scenario.spread === false ? null : resolveSpreadOptions(scenario.spread ?? {}, `${field}.spread`),
    economics: resolveEconomics(scenario.economics, `${field}.economics`),
    customers,
    audiencePool,
  });
}
