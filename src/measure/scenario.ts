/**
 * A scenario in code: the network (with roles), the incidents, how people complain,
 * behave and talk, and the economics. Policies are given separately, so the same
 * scenario can be run under several of them. A scenario file describes the same
 * sections (plus the policies and what to compute): both are checked by the schemas
 * composed here, and by the same rules that need the built network.
 */
import { z } from 'zod';
import { InvalidParameterError, describeValue, type ParameterProblem } from '../errors.js';
import { resolveEconomics, economicsSchema, type ResolvedEconomics } from '../economics/lifetime-value.js';
import { behaviourSchema, resolveBehaviour, type ResolvedBehaviour } from '../experience/behaviour.js';
import { complaintsSchema, resolveComplaints, type ResolvedComplaints } from '../experience/complaints.js';
import { incidentsFitCustomers, incidentsSchema, resolveIncidents, type ResolvedIncidents } from '../experience/incidents.js';
import { Role, type Network } from '../network/types.js';
import { describe, parsePath, schemaProblems } from '../parameters/index.js';
import { resolveSpreadOptions, spreadOptionsSchema, type ResolvedSpreadOptions } from '../spread/options.js';

/** `false` switches word of mouth off; a mapping sets its parameters. */
export const spreadSectionSchema = describe(z.union([z.literal(false), spreadOptionsSchema]), {
  description: 'how stories travel (docs/model.md), or false for no word of mouth',
});

/** Every section of a scenario but the network, each declared by the module that owns it. */
export const scenarioSectionsSchema = z.strictObject({
  incidents: incidentsSchema,
  complaints: complaintsSchema.optional(),
  behaviour: behaviourSchema.optional(),
  spread: spreadSectionSchema.optional(),
  economics: economicsSchema,
});

type Sections = z.input<typeof scenarioSectionsSchema>;

/** The scenario as given: the built network and the sections. */
export interface Scenario extends Sections {
  /** The people and their ties, with roles (see assignRoles): incidents happen to customers. */
  readonly network: Network;
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

/** People by role: customers (whom incidents happen to) and the market (customers and prospects). */
function peopleByRole(network: Network): { customers: Int32Array; audiencePool: Int32Array } {
  let customerCount = 0;
  let poolCount = 0;
  for (let i = 0; i < network.size; i++) {
    if (network.role[i] === Role.customer) customerCount++;
    if (network.role[i] === Role.customer || network.role[i] === Role.prospect) poolCount++;
  }
  const customers = new Int32Array(customerCount);
  const audiencePool = new Int32Array(poolCount);
  for (let i = 0, c = 0, a = 0; i < network.size; i++) {
    if (network.role[i] === Role.customer) customers[c++] = i;
    if (network.role[i] === Role.customer || network.role[i] === Role.prospect) audiencePool[a++] = i;
  }
  return { customers, audiencePool };
}

/**
 * The rules that need the built network, for sections that are otherwise valid: paths
 * relative to the scenario's root.
 */
export function scenarioNetworkProblems(sections: { readonly incidents?: unknown }, network: Network): ParameterProblem[] {
  const out: ParameterProblem[] = [];
  const count = (sections.incidents as { count?: unknown } | undefined)?.count;
  if (typeof count === 'number' && Number.isInteger(count)) {
    let customers = 0;
    for (let i = 0; i < network.size; i++) if (network.role[i] === Role.customer) customers++;
    const broken = incidentsFitCustomers(count, customers);
    if (broken !== null) out.push({ path: ['incidents', 'count'], expected: broken.expected, received: count, message: `expected ${broken.expected}, received ${count}` });
  }
  return out;
}

function isNetwork(value: unknown): value is Network {
  return typeof value === 'object' && value !== null && (value as Network).offsets instanceof Int32Array;
}

/**
 * Checks every section at once (every problem is reported together) and fills in the
 * defaults.
 * @throws {InvalidParameterError} listing every problem, paths prefixed with `field`.
 */
export function resolveScenario(scenario: Scenario, field = 'scenario'): ResolvedScenario {
  if (typeof scenario !== 'object' || scenario === null) throw new InvalidParameterError(field, 'a scenario object', scenario);
  const { network, ...sections } = scenario;
  const problems: ParameterProblem[] = [];
  if (!isNetwork(network)) {
    const expected = 'a Network (from a generator, parseEdgeList or fromGraphology)';
    problems.push({ path: ['network'], expected, received: network, message: `expected ${expected}, received ${describeValue(network)}` });
  }
  const sectionProblems = schemaProblems(scenarioSectionsSchema, sections);
  problems.push(...sectionProblems);
  // The network's rules judge sections that are otherwise sound (one problem per mistake).
  const broken = new Set(sectionProblems.map((p) => String(p.path[0])));
  if (isNetwork(network)) problems.push(...scenarioNetworkProblems(sections, network).filter((p) => !broken.has(String(p.path[0]))));
  if (problems.length > 0) {
    const prefix = field === '' ? [] : parsePath(field);
    throw InvalidParameterError.fromProblems(
      problems.map((p) => ({ ...p, path: [...prefix, ...p.path] })),
    );
  }
  return Object.freeze({ network: network as Network, ...resolveSections(sections, field), ...peopleByRole(network as Network) });
}

/** A scenario's sections with every default filled in, without a network. */
export type ResolvedSections = Pick<ResolvedScenario, 'incidents' | 'complaints' | 'behaviour' | 'spread' | 'economics'>;

/**
 * Checks a scenario's sections and fills in the defaults, without the network (what
 * needs people — enough customers for the incidents — is checked by resolveScenario).
 * @throws {InvalidParameterError} listing every problem.
 */
export function resolveSections(sections: Omit<Scenario, 'network'>, field = 'scenario'): ResolvedSections {
  const at = (section: string) => (field === '' ? section : `${field}.${section}`);
  const incidents = resolveIncidents(sections.incidents, at('incidents'));
  return {
    incidents,
    complaints: resolveComplaints(sections.complaints ?? {}, incidents, at('complaints')),
    behaviour: resolveBehaviour(sections.behaviour ?? {}, at('behaviour')),
    spread: sections.spread === false ? null : resolveSpreadOptions(sections.spread ?? {}, at('spread')),
    economics: resolveEconomics(sections.economics, at('economics')),
  };
}
