/**
 * The playground page: pick a scenario, move its main assumptions, see the decision's
 * numbers. The simulation runs in a Web Worker made from a Blob (a worker cannot be loaded
 * by URL from file://), so the page needs no server and sends nothing anywhere.
 */
import type { Control, DifferenceView, Overrides, ResultView } from './model.js';
import type { Reply, Request } from './protocol.js';
import { decodeState, encodeState, MAX_LINKED_FILE, typedValue, type PageState } from './state.js';

/** Set by the build (scripts/build-playground.mjs): the worker's code and the bundled scenarios. */
declare const __WORKER_SOURCE__: string;
declare const __SCENARIOS__: Readonly<Record<string, string>>;

/** Runs while a slider moves: enough for the sign and size of the answer in a fraction of a second. */
export const PREVIEW_REPLICATES = 200;
/** Waits (ms): after a slider step before a preview, after it rests before a full run, after typing before a full run. */
const PREVIEW_DELAY = 60;
const SETTLE_DELAY = 250;
const TYPING_DELAY = 350;
const DEFAULT_SCENARIO = 'phone-shop';
/** Runs a spare worker makes of the scenario before it is needed, to compile the simulation's code. */
const WARM_UP_REPLICATES = 4;

const workerUrl = URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: 'text/javascript' }));
type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
};

// ---- The workers: one request at a time; stale work is dropped or ended ----
//
// A preview (while a slider moves) is short: one that is running finishes and its numbers
// show, and only the newest request waiting after it runs (the ones in between are dropped
// before they start). A full run (after the slider is let go, or a value typed) is long: a
// newer request ends it — a simulation cannot be interrupted otherwise — and the next
// request runs on a spare worker, started and warmed up in advance, so no request waits
// for a cold start.

type Kind = 'load' | 'preview' | 'full';
interface Job {
  readonly request: Body<Request>;
  readonly kind: Kind;
  readonly resolve: (reply: Reply | null) => void;
}

let nextId = 1;
let warmUp: Body<Request> | null = null;

function spawn(): Worker {
  const w = new Worker(workerUrl);
  // A few runs of the current scenario: the simulation's code is compiled before it is needed.
  if (warmUp !== null) w.postMessage({ ...warmUp, id: 0 } as Request);
  return w;
}

let active = spawn();
let spare: Worker | null = null;
let running: (Job & { readonly id: number }) | null = null;
let waiting: Job | null = null;

function run(job: Job): void {
  const id = nextId++;
  running = { ...job, id };
  active.onmessage = (event: MessageEvent<Reply>) => {
    if (running === null || event.data.id !== running.id) return; // a warm-up's answer
    const done = running;
    running = null;
    done.resolve(event.data);
    const next = waiting;
    waiting = null;
    if (next !== null) run(next);
  };
  active.postMessage({ ...job.request, id } as Request);
}

/** Runs a request once the running one is done or ended (see above); resolves null for a request dropped as stale. */
function submit(request: Body<Request>, kind: Kind): Promise<Reply | null> {
  return new Promise((resolve) => {
    const job: Job = { request, kind, resolve };
    waiting?.resolve(null);
    waiting = null;
    if (running === null) return run(job);
    // A short preview finishes; a long run, or a new scenario, is ended at once.
    if (running.kind === 'preview') {
      waiting = job;
      return;
    }
    active.terminate();
    running.resolve(null);
    running = null;
    active = spare ?? spawn();
    spare = spawn();
    run(job);
  });
}

/** Keeps a warmed-up spare worker for the scenario shown. */
function prepareSpare(request: Body<Request>): void {
  warmUp = request;
  spare?.terminate();
  spare = spawn();
}

/** A request on a worker of its own (the downloads: a slider does not cancel them). */
function oneShot(request: Body<Request>): Promise<Reply> {
  const w = new Worker(workerUrl);
  return new Promise((resolve) => {
    w.onmessage = (event: MessageEvent<Reply>) => {
      w.terminate();
      resolve(event.data);
    };
    w.postMessage({ ...request, id: nextId++ } as Request);
  });
}

// ---- State ----

interface Loaded {
  readonly source: string;
  readonly text: string;
  /** A bundled scenario's name, or null for a loaded file. */
  readonly scenario: string | null;
  readonly controls: readonly Control[];
  readonly replicates: number;
}

let loaded: Loaded | null = null;
let overrides: Record<string, number | string> = {};
let policy: string | undefined;
let lastView: ResultView | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function pageState(): PageState {
  const base = { overrides: { ...overrides }, ...(policy === undefined ? {} : { policy }) };
  if (loaded === null || loaded.scenario !== null) return { scenario: loaded?.scenario ?? DEFAULT_SCENARIO, ...base };
  return { scenario: null, file: { name: loaded.source, text: loaded.text }, ...base };
}

function saveState(): void {
  const hash = encodeState(pageState());
  if (hash !== location.hash) history.replaceState(null, '', hash);
  const note = $('link-note');
  note.textContent = loaded !== null && loaded.scenario === null && loaded.text.length > MAX_LINKED_FILE
    ? `The loaded file is longer than ${MAX_LINKED_FILE.toLocaleString('en-US')} characters, so a link keeps the values changed but not the file.`
    : '';
}

// ---- Scenario choice ----

function titleOf(text: string): string {
  return /^name:\s*"?(.+?)"?\s*$/m.exec(text)?.[1] ?? '';
}

function fillScenarioChoice(): void {
  const select = $<HTMLSelectElement>('scenario-select');
  for (const name of Object.keys(__SCENARIOS__).sort()) {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = `${name} — ${titleOf(__SCENARIOS__[name]!)}`;
    select.append(option);
  }
  const option = document.createElement('option');
  option.value = '';
  option.textContent = 'a file you loaded';
  option.disabled = true;
  option.id = 'loaded-option';
  select.append(option);
}

async function load(source: string, text: string, scenario: string | null, state: { overrides: Overrides; policy?: string }): Promise<void> {
  setBusy('Reading the scenario…');
  const reply = await submit({ type: 'load', source, text }, 'load');
  if (reply === null) return;
  if (reply.type === 'problem') {
    loaded = { source, text, scenario, controls: [], replicates: 0 };
    overrides = { ...state.overrides };
    renderControls();
    showProblem(reply.message, reply.expected);
    return;
  }
  if (reply.type !== 'loaded') return;
  loaded = { source, text, scenario, controls: reply.controls, replicates: reply.replicates };
  overrides = { ...state.overrides };
  policy = state.policy;
  const select = $<HTMLSelectElement>('scenario-select');
  const loadedOption = $<HTMLOptionElement>('loaded-option');
  if (scenario !== null) select.value = scenario;
  else {
    loadedOption.textContent = `the file you loaded: ${source}`;
    loadedOption.disabled = false;
    select.value = '';
  }
  $('scenario-title').textContent = reply.title;
  renderControls();
  saveState();
  // First numbers soon from fewer runs, then the file's.
  if (reply.replicates > PREVIEW_REPLICATES) void compute(true);
  await compute(false);
  // Then, not before (it would compete for the processor), a spare worker warmed up on this scenario.
  if (loaded.text === text) prepareSpare({ type: 'evaluate', source, text, overrides: {}, replicates: WARM_UP_REPLICATES });
}

function loadBundled(name: string, state: { overrides: Overrides; policy?: string } = { overrides: {} }): Promise<void> {
  const text = __SCENARIOS__[name];
  if (text === undefined) {
    showProblem(`the link names a bundled scenario "${name}", and there is none of that name: expected one of ${Object.keys(__SCENARIOS__).sort().join(', ')}`, true);
    return loadBundled(DEFAULT_SCENARIO);
  }
  return load(`${name}.yaml`, text, name, state);
}

// ---- Controls, generated from the schema ----

function controlValue(c: Control): number | string {
  return overrides[c.key] ?? c.value;
}

function renderControls(): void {
  const host = $('controls');
  host.replaceChildren();
  const controls = loaded?.controls ?? [];
  const groups = new Map<string, Control[]>();
  for (const c of controls) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  let n = 0;
  for (const [group, items] of groups) {
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = group;
    fieldset.append(legend);
    for (const c of items) fieldset.append(controlElement(c, n++));
    host.append(fieldset);
  }
}

function controlElement(c: Control, n: number): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'control';
  wrap.dataset.key = c.key;
  const id = `control-${n}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = c.label;
  if (c.unit !== '') {
    const unit = document.createElement('span');
    unit.className = 'unit';
    unit.textContent = ` (${c.unit})`;
    label.append(unit);
  }
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.id = `${id}-meta`;
  const path = document.createElement('code');
  path.textContent = c.key;
  meta.append(path, ` — ${c.description}. Range: ${c.range}.`, c.source === '' ? '' : ` Source: ${c.source}.`, ` Value from: ${c.origin}.`);
  const row = document.createElement('div');
  row.className = 'inputs';
  const value = controlValue(c);
  if (c.kind === 'choice') {
    const select = document.createElement('select');
    select.id = id;
    select.setAttribute('aria-describedby', meta.id);
    for (const o of c.options) {
      const option = document.createElement('option');
      option.value = o;
      option.textContent = o;
      select.append(option);
    }
    select.value = String(value);
    select.addEventListener('change', () => {
      change(c.key, select.value);
      schedule(false, 0);
    });
    row.append(select);
  } else {
    const range = document.createElement('input');
    range.type = 'range';
    range.min = String(c.sliderMin);
    range.max = String(c.sliderMax);
    range.step = String(c.step);
    range.setAttribute('aria-label', `${c.label}, slider`);
    range.setAttribute('aria-describedby', meta.id);
    range.dataset.testid = 'slider';
    const box = document.createElement('input');
    // Text, not type=number: what a person types is what the check names (a number box would hand over "" for "12a").
    box.type = 'text';
    box.inputMode = c.integer ? 'numeric' : 'decimal';
    box.className = 'value';
    box.id = id;
    box.autocomplete = 'off';
    box.spellcheck = false;
    box.setAttribute('aria-describedby', meta.id);
    box.value = typeof value === 'number' ? numberText(value) : value;
    if (value === '') box.placeholder = 'default';
    range.value = String(typeof value === 'number' ? value : c.sliderMin);
    range.addEventListener('input', () => {
      box.value = numberText(Number(range.value));
      change(c.key, Number(range.value));
      schedule(true, PREVIEW_DELAY);
    });
    // Let go (or a key pressed): the file's runs once the slider rests.
    range.addEventListener('change', () => schedule(false, SETTLE_DELAY));
    box.addEventListener('input', () => {
      const typed = typedValue(box.value);
      change(c.key, typed);
      if (typeof typed === 'number') range.value = String(typed);
      schedule(false, TYPING_DELAY);
    });
    row.append(range, box);
  }
  wrap.append(label, row, meta);
  return wrap;
}

function numberText(x: number): string {
  return String(Number(x.toPrecision(12)));
}

function change(key: string, value: number | string): void {
  overrides[key] = value;
  changedAt = performance.now();
  saveState();
}

// ---- Computing and showing the numbers ----

/** When the last value changed (ms, performance.now()): the page states how long its numbers took to follow. */
let changedAt = 0;

function schedule(preview: boolean, delay: number): void {
  if (timer !== undefined) clearTimeout(timer);
  setBusy(preview ? `Updating (preview from ${PREVIEW_REPLICATES.toLocaleString('en-US')} runs)…` : 'Updating…');
  timer = setTimeout(() => {
    timer = undefined;
    void compute(preview);
  }, delay);
}

async function compute(preview: boolean): Promise<void> {
  if (loaded === null) return;
  const replicates = preview ? Math.min(PREVIEW_REPLICATES, loaded.replicates) : undefined;
  const since = changedAt;
  const request = { type: 'evaluate', source: loaded.source, text: loaded.text, overrides: { ...overrides }, ...(replicates === undefined ? {} : { replicates }) } as const;
  const reply = await submit(request, preview ? 'preview' : 'full');
  if (reply === null) return; // dropped or ended: a newer request follows
  if (reply.type === 'problem') {
    showProblem(reply.message, reply.expected);
    return;
  }
  if (reply.type !== 'result') return;
  lastView = reply.view;
  showResult(reply.view, preview, reply.milliseconds);
  if (since > 0) $('results').dataset.followedChangeMs = String(Math.round(performance.now() - since));
  // The numbers of an earlier preview must not stay when a full run is still to come.
  if (preview && (running !== null || waiting !== null || timer !== undefined)) $('results').dataset.state = 'running';
}

function setBusy(text: string): void {
  $('results').dataset.state = 'running';
  $('results').setAttribute('aria-busy', 'true');
  $('status').textContent = text;
}

function showProblem(message: string, expected: boolean): void {
  const results = $('results');
  results.dataset.state = 'invalid';
  results.setAttribute('aria-busy', 'false');
  const problem = $('problem');
  problem.hidden = false;
  problem.textContent = expected ? message : `${message} (please report this)`;
  $('numbers').hidden = true;
  $('status').textContent = 'The scenario is not valid as it stands: fix the value named above.';
}

function showResult(view: ResultView, preview: boolean, milliseconds: number): void {
  const results = $('results');
  $('problem').hidden = true;
  $('numbers').hidden = false;
  const choice = $<HTMLSelectElement>('policy-select');
  const names = view.differences.map((d) => d.policy);
  if (choice.options.length !== names.length || names.some((n, i) => choice.options[i]!.value !== n)) {
    choice.replaceChildren(...names.map((n) => Object.assign(document.createElement('option'), { value: n, textContent: n })));
  }
  const shown = view.differences.find((d) => d.policy === policy) ?? view.differences[0];
  if (shown === undefined) {
    showProblem('The scenario has one policy only: there is nothing to compare it with.', true);
    return;
  }
  choice.value = shown.policy;
  $('baseline').textContent = `\u201c${view.baseline}\u201d (the baseline)`;
  fillHeadline(shown, view);
  $('warnings').textContent = view.warnings.length === 0 ? '' : `Worth a second look: ${view.warnings.join('; ')}.`;
  $('replicates').textContent = view.replicates.toLocaleString('en-US');
  $('status').textContent = preview
    ? `Preview from ${view.replicates.toLocaleString('en-US')} simulated runs (computed in ${milliseconds} ms); the file\u2019s ${loaded?.replicates.toLocaleString('en-US')} runs follow once the slider rests.`
    : `From ${view.replicates.toLocaleString('en-US')} simulated runs, seed ${view.seed}, computed in your browser in ${milliseconds} ms.${view.atMeans ? ' The file\u2019s distributions are at their means here; the uncertainty analysis is in the downloaded report.' : ''}`;
  results.dataset.state = preview ? 'preview' : 'ready';
  results.dataset.shown = String(Number(results.dataset.shown ?? '0') + 1);
  results.dataset.replicates = String(view.replicates);
  results.setAttribute('aria-busy', preview ? 'true' : 'false');
}

function fillHeadline(d: DifferenceView, view: ResultView): void {
  $('difference').textContent = d.perIncident;
  $('difference-interval').textContent = d.perIncidentInterval === '' ? '' : `95% CI ${d.perIncidentInterval}`;
  $('difference-total').textContent = `${d.total} (95% CI ${d.totalInterval}); better in ${d.probabilityBetter} of runs.`;
  $('dark-number').textContent = d.darkNumber;
  $('dark-number-detail').textContent = `${view.incidents}, 95% CI ${d.darkNumberInterval}; ${d.darkNumberBaseline} under the baseline`;
  $('break-even-loss-value').textContent = d.breakEven;
  $('break-even-detail').textContent = d.breakEvenInterval === '' ? '' : `95% CI ${d.breakEvenInterval}`;
  $('break-even-sentence').textContent = d.breakEvenSentence;
  $('other-valuation').textContent = d.otherValuation;
  const body = $('parts-body');
  body.replaceChildren(
    ...d.parts.map((p) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = p.label;
      const td = document.createElement('td');
      td.textContent = p.value;
      td.className = p.raw > 0 ? 'plus' : p.raw < 0 ? 'minus' : '';
      tr.append(th, td);
      return tr;
    }),
  );
  $('parts-caption').textContent = `Where the difference comes from, ${view.incidents} (the parts add up to the difference)`;
}

// ---- Downloads ----

function save(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function baseName(): string {
  return (loaded?.source ?? 'scenario.yaml').replace(/\.(ya?ml|json)$/i, '');
}

async function downloadYaml(): Promise<void> {
  if (loaded === null) return;
  const reply = await oneShot({ type: 'yaml', source: loaded.source, text: loaded.text, overrides: { ...overrides } });
  if (reply.type === 'text') save(`${baseName()}.yaml`, reply.text, 'application/yaml');
  else if (reply.type === 'problem') $('report-note').textContent = reply.message;
}

async function downloadReport(): Promise<void> {
  if (loaded === null) return;
  const button = $<HTMLButtonElement>('download-report');
  const note = $('report-note');
  button.disabled = true;
  note.textContent = `Running the full report: ${loaded.replicates.toLocaleString('en-US')} runs, and the break-even, sensitivity, projection and uncertainty analysis where the file asks for them (this can take a minute)…`;
  try {
    const reply = await oneShot({ type: 'report', source: loaded.source, text: loaded.text, overrides: { ...overrides } });
    if (reply.type === 'text') {
      save(`${baseName()}-report.html`, reply.text, 'text/html');
      note.textContent = 'The report is downloaded.';
    } else if (reply.type === 'problem') note.textContent = reply.message;
  } finally {
    button.disabled = false;
  }
}

// ---- Start ----

async function fromHash(): Promise<void> {
  const state = decodeState(location.hash);
  const rest = { overrides: state.overrides, ...(state.policy === undefined ? {} : { policy: state.policy }) };
  if (state.file !== undefined) return load(state.file.name, state.file.text, null, rest);
  if (state.fileMissing === true) {
    await loadBundled(DEFAULT_SCENARIO);
    showProblem('The link names a loaded file whose text it does not carry (the file was too long for a link): load the file again.', true);
    return;
  }
  return loadBundled(state.scenario ?? DEFAULT_SCENARIO, rest);
}

function startPage(): void {
  fillScenarioChoice();
  $<HTMLSelectElement>('scenario-select').addEventListener('change', (event) => {
    const name = (event.target as HTMLSelectElement).value;
    if (name !== '') void loadBundled(name);
  });
  $<HTMLInputElement>('file-input').addEventListener('change', async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file === undefined) return;
    await load(file.name, await file.text(), null, { overrides: {} });
  });
  $<HTMLSelectElement>('policy-select').addEventListener('change', (event) => {
    policy = (event.target as HTMLSelectElement).value;
    saveState();
    const d = lastView?.differences.find((x) => x.policy === policy);
    if (d !== undefined && lastView !== null) fillHeadline(d, lastView);
  });
  $('reset').addEventListener('click', () => {
    overrides = {};
    renderControls();
    saveState();
    schedule(false, 0);
  });
  $('download-yaml').addEventListener('click', () => void downloadYaml());
  $('download-report').addEventListener('click', () => void downloadReport());
  window.addEventListener('hashchange', () => {
    if (location.hash !== encodeState(pageState())) void fromHash();
  });
  void fromHash();
}

startPage();
