/**
 * Every error hearsay throws on purpose is a {@link HearsayError}. Subclasses say what
 * kind of problem it was; their messages name the field, what was expected and what was
 * received, so a user can fix the input without reading the source.
 */
export class HearsayError extends Error {
  override name = 'HearsayError';
}

/**
 * A received value that must not be quoted in a message: content of a file the user may
 * not own (a network file named by someone else's scenario). {@link describeValue} shows
 * only its kind.
 */
export class NotShown {
  readonly kind: string;
  constructor(value: unknown) {
    this.kind =
      value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'string' ? 'text' : typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'true or false' : typeof value === 'object' ? 'an object' : typeof value;
  }
}

/** Formats a received value for an error message: numbers as written, strings quoted. */
export function describeValue(value: unknown): string {
  if (value instanceof NotShown) return `${value.kind} (not shown: the file's content is never quoted)`;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'function') return 'a function';
  return 'an object';
}

/** `policies[0].escalation[1].authorityLimit` from its parts. */
export function formatPath(path: ReadonlyArray<string | number>, prefix = ''): string {
  let out = prefix;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out;
}

/** One problem with a parameter: where, what was expected, what was received. */
export interface ParameterProblem {
  /** Where, as parts (`['policies', 0, 'fee']`). */
  readonly path: ReadonlyArray<string | number>;
  readonly expected: string;
  readonly received: unknown;
  /** `expected …, received …`. */
  readonly message: string;
}

/**
 * A parameter is out of its domain: `field: expected X, received Y`.
 * `field` is a dotted path (`options.probability`, `tellers[2]`). When several
 * parameters are wrong at once, `problems` lists every one (the first is `field`).
 */
export class InvalidParameterError extends HearsayError {
  override name = 'InvalidParameterError';
  readonly field: string;
  readonly expected: string;
  readonly received: unknown;
  readonly problems: readonly ParameterProblem[];
  constructor(field: string, expected: string, received: unknown, problems?: readonly ParameterProblem[]) {
    const list = problems ?? [{ path: [field], expected, received, message: `expected ${expected}, received ${describeValue(received)}` }];
    const line = (p: ParameterProblem) => `${formatPath(p.path)}: ${p.message}`;
    super(list.length <= 1 ? `${field}: ${list[0]?.message ?? `expected ${expected}, received ${describeValue(received)}`}` : `${list.length} problems:\n${list.map(line).join('\n')}`);
    this.field = field;
    this.expected = expected;
    this.received = received;
    this.problems = list;
  }

  /** One error for several problems (at least one). */
  static fromProblems(problems: readonly ParameterProblem[]): InvalidParameterError {
    const first = problems[0];
    if (first === undefined) throw new Error('fromProblems needs at least one problem');
    return new InvalidParameterError(formatPath(first.path), first.expected, first.received, problems);
  }
}

/** A line of an edge list could not be read. `line` is 1-based. */
export class EdgeListParseError extends HearsayError {
  override name = 'EdgeListParseError';
  readonly line: number;
  readonly source: string | undefined;
  constructor(line: number, problem: string, source?: string) {
    super(`${source === undefined ? 'edge list' : source}, line ${line}: ${problem}`);
    this.line = line;
    this.source = source;
  }
}

/**
 * The graph itself breaks a rule: a self-loop, a duplicate edge, a random matching or
 * pairing that cannot be made simple. `field` names where it came from (`edges`,
 * `degrees`, a line number). A rule about the parameters alone (an odd degree sum, an odd
 * size · degree) is an {@link InvalidParameterError}, found before anything is drawn.
 */
export class GraphStructureError extends HearsayError {
  override name = 'GraphStructureError';
  readonly field: string;
  /** The option that would let the graph through (`onSelfLoop`, `onDuplicate`), when one would. */
  readonly option: 'onSelfLoop' | 'onDuplicate' | undefined;
  /** The part of the message that names {@link option}, so a caller can name its own flag instead. */
  readonly remedy: string | undefined;
  constructor(field: string, problem: string, fix?: { readonly option: 'onSelfLoop' | 'onDuplicate'; readonly remedy: string }) {
    super(`${field}: ${problem}`);
    this.field = field;
    this.option = fix?.option;
    this.remedy = fix?.remedy;
  }
}

/**
 * A network file (a graphology JSON export) cannot be read: not JSON, not the export's
 * shape, a node given twice, an edge to a node that is not there. `at` says where
 * (`nodes[3]`, `edges[12].target`, `options.type`).
 */
export class NetworkFileError extends HearsayError {
  override name = 'NetworkFileError';
  readonly source: string | undefined;
  readonly at: string;
  constructor(source: string | undefined, at: string, problem: string) {
    super(`${source === undefined ? 'network file' : source}${at === '' ? '' : `, ${at}`}: ${problem}`);
    this.source = source;
    this.at = at;
  }
}

/** A person was named (by key) who is not in the network. */
export class UnknownNodeError extends HearsayError {
  override name = 'UnknownNodeError';
  readonly field: string;
  readonly key: string;
  constructor(field: string, key: string) {
    super(`${field}: expected a person in the network, received ${describeValue(key)} (no such id)`);
    this.field = field;
    this.key = key;
  }
}

/** A run was stopped through its AbortSignal. */
export class AbortError extends HearsayError {
  override name = 'AbortError';
  constructor(message = 'the run was aborted') {
    super(message);
  }
}

/** Partial results that cannot be combined: different runs, overlaps or gaps. */
export class MergeError extends HearsayError {
  override name = 'MergeError';
}

/** A replicate failed: which one, and why (the original error is the `cause`). */
export class ReplicateError extends HearsayError {
  override name = 'ReplicateError';
  readonly replicate: number;
  constructor(replicate: number, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`replicate ${replicate} failed: ${reason}`, { cause });
    this.replicate = replicate;
  }
}

/** One problem found in a scenario file. */
export interface ScenarioProblem {
  /** Where: `policies[1].fee`. */
  readonly path: string;
  /** What was expected and what was received. */
  readonly message: string;
  /** 1-based line in the file, when known. */
  readonly line?: number;
}

/** A scenario file with problems: all of them, each with its path (and line). */
export class ScenarioError extends HearsayError {
  override name = 'ScenarioError';
  readonly problems: readonly ScenarioProblem[];
  readonly source: string;
  constructor(source: string, problems: readonly ScenarioProblem[]) {
    const lines = problems.map((p) => `${source}${p.line === undefined ? '' : `:${p.line}`}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`);
    super(problems.length === 1 ? lines[0]! : `${problems.length} problems in ${source}:\n${lines.join('\n')}`);
    this.problems = problems;
    this.source = source;
  }
}

/** One problem found in a file of observations: its line, the field and what was wrong. */
export interface ObservationProblem {
  /** 1-based line in the file, when the problem belongs to one line. */
  readonly line?: number;
  /** Which column or part: `month`, `metric`, `value`, `header`, or a metric's name for a whole series. */
  readonly field: string;
  /** What was expected and what was received. */
  readonly message: string;
}

/** A file of observations with problems: all of them, each with its line and field. */
export class ObservationsError extends HearsayError {
  override name = 'ObservationsError';
  readonly problems: readonly ObservationProblem[];
  readonly source: string;
  constructor(source: string, problems: readonly ObservationProblem[]) {
    const lines = problems.map((p) => `${source}${p.line === undefined ? '' : `:${p.line}`}: ${p.field}: ${p.message}`);
    super(problems.length === 1 ? lines[0]! : `${problems.length} problems in ${source}:\n${lines.join('\n')}`);
    this.problems = problems;
    this.source = source;
  }
}

/**
 * A calibration could not go on: a simulator returned the wrong number of summaries or a
 * non-finite one, a prior drew outside its own support, the particles collapsed to one
 * point. `field` names the part at fault (`simulate`, `priors[1]`, `resume.particles`).
 */
export class CalibrationError extends HearsayError {
  override name = 'CalibrationError';
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
}
