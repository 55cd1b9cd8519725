/**
 * A scenario file as a calibration: its distributions (in incidents, complaints,
 * behaviour, spread, economics and the current practice's policy) are the priors, its
 * baseline policy (the first when none is named) is the current practice, its projection
 * section the projection; and the calibrated file: the same file with each calibrated
 * distribution replaced by its fitted posterior, which `validate`, `run` and `compare` take.
 */
import type { CalibrationResult, CalibrationScenario } from '../calibration/calibrate.js';
import type { CalibrationProjection } from '../calibration/model.js';
import { policyLinkKey } from '../decision/uncertainty.js';
import type { Network } from '../network/types.js';
import { formatPath, parsePath, setPath } from '../parameters/index.js';
import { findDistributions } from '../uncertainty/draw.js';
import { scenarioFileSchema, type ScenarioFile } from './schema.js';
import { fileRefusal } from './uncertain-paths.js';

const SECTIONS = ['incidents', 'complaints', 'behaviour', 'spread', 'economics'] as const;

/** What {@link fileCalibration} reads from a file. */
export interface FileCalibration {
  readonly scenario: CalibrationScenario;
  readonly policy: Readonly<Record<string, unknown>>;
  /** Index of the current practice among the file's policies. */
  readonly policyIndex: number;
  readonly projection: CalibrationProjection;
  /** The months projected (projection.months, or its default). */
  readonly months: number | undefined;
}

/** The scenario, current practice and projection of a (checked) scenario file, distributions as written. */
export function fileCalibration(file: ScenarioFile, network: Network): FileCalibration {
  const sections: Record<string, unknown> = {};
  for (const key of SECTIONS) if ((file as Record<string, unknown>)[key] !== undefined) sections[key] = (file as Record<string, unknown>)[key];
  const names = file.policies.map((p) => p.name);
  const policyIndex = Math.max(0, file.baseline === undefined ? 0 : names.indexOf(file.baseline));
  const { description: _d, ...policy } = file.policies[policyIndex] as Record<string, unknown>;
  void _d;
  const { replicates: _r, ...projection } = (file.projection ?? {}) as Record<string, unknown>;
  void _r;
  return {
    scenario: { network, ...sections },
    policy,
    policyIndex,
    projection: projection as CalibrationProjection,
    months: typeof projection.months === 'number' ? projection.months : undefined,
  };
}

/**
 * The calibrated scenario file: every calibrated distribution replaced by its fitted
 * posterior (with its source saying so), wherever the file wrote it — a distribution the
 * current practice shares with other policies (the same spec, e.g. a YAML anchor) is
 * replaced in all of them, as it is one unknown. Everything else is the file as written.
 */
export function calibratedScenarioFile(file: ScenarioFile, c: FileCalibration, result: CalibrationResult, note: string): ScenarioFile {
  const found = findDistributions(scenarioFileSchema, file, { refuse: fileRefusal, linkKey: policyLinkKey });
  let out: unknown = file;
  for (const p of result.parameters) {
    const parts = parsePath(p.name);
    const inFile = parts[0] === 'policies' ? ['policies', c.policyIndex, ...parts.slice(2)] : parts;
    const path = formatPath(inFile);
    const linked = found.parameters.find((q) => q.paths.includes(path));
    for (const at of linked?.paths ?? [path]) out = setPath(out, at, p.fitted);
  }
  const described = out as ScenarioFile;
  return { ...described, description: `${described.description === undefined ? '' : `${described.description.trim()} `}${note}` } as ScenarioFile;
}
