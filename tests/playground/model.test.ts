// The playground's model without a browser: controls generated from the schema, the
// scenario's text with the page's values written in, the URL's state, and numbers and
// messages checked against the CLI's own (`hearsay compare --format json`, `hearsay
// validate`) on the same text. CLI checks need `npm run build` first (npm test does it).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { applyOverrides, controlsFor, evaluate, validate } from '../../playground/src/model.js';
import { decodeState, encodeState, typedValue, type PageState } from '../../playground/src/state.js';
import { getPath, metaOf, numericRange, parsePath, schemaAt } from '../../src/parameters/index.js';
import { parameterRows } from '../../src/scenario-file/parameters.js';
import { readScenario } from '../../src/scenario-file/parse.js';
import { scenarioFileSchema } from '../../src/scenario-file/schema.js';
import { InvalidParameterError, ScenarioError } from '../../src/errors.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');
const scenarioText = (name: string) => readFileSync(join(root, 'examples/scenarios', `${name}.yaml`), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'hearsay-playground-model-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `hearsay <args>` on a text saved as `name` in a fresh folder, run there (so messages name the file as the page does). */
function cliOn(name: string, text: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(work, 'run-'));
  writeFileSync(join(dir, name), text);
  const r = spawnSync(process.execPath, [cli, ...args, name], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('controls generated from the schema', () => {
  const file = readScenario(scenarioText('phone-shop'));
  const controls = controlsFor(file);
  const rows = new Map(parameterRows().map((r) => [r.path, r]));

  it("carry each parameter's label, unit, range and source as the schema declares them", () => {
    expect(controls.length).toBeGreaterThan(10);
    for (const c of controls) {
      const schemaPath = c.key.replace(/\[\d+\]/g, '[]');
      const row = rows.get(schemaPath)!;
      expect(row, c.key).toBeDefined();
      const schema = schemaAt(scenarioFileSchema, parsePath(c.key), file)!;
      expect(c.label).toBe(metaOf(schema)?.label ?? row.label);
      expect(c.range).toBe(row.range);
      expect(c.source).toBe(row.source);
      expect(c.description).toBe(row.description);
      expect(c.unit).toBe(row.unit.replace('currency', 'kr'));
      if (c.kind === 'number') {
        const range = numericRange(schema)!;
        expect([c.min, c.max, c.integer]).toEqual([range.min, range.max, range.integer]);
        // The slider stays inside what the schema allows.
        expect(c.sliderMin).toBeGreaterThanOrEqual(range.min);
        expect(c.sliderMax).toBeLessThanOrEqual(range.max);
        expect(c.sliderMax).toBeGreaterThan(c.sliderMin);
      }
    }
  });

  it("start at the file's values, or the declared default where the file says nothing", () => {
    const byKey = new Map(controls.map((c) => [c.key, c]));
    expect(byKey.get('economics.margin')!.value).toBe(800);
    expect(byKey.get('economics.margin')!.origin).toBe('scenario file');
    expect(byKey.get('economics.retention')!.value).toBe(Number(rows.get('economics.retention')!.default));
    expect(byKey.get('economics.retention')!.origin).toBe('default');
    expect(byKey.get('policies[0].fee')!.value).toBe(200);
    expect(byKey.get('policies[1].repairCost')!.value).toBe(600);
    expect(byKey.get('policies[2].credit')!.value).toBe(200);
    const valuation = byKey.get('economics.lossValuation')!;
    expect(valuation.kind).toBe('choice');
    expect(valuation.options).toEqual(['lifetime-value', 'replacement']);
  });

  it('leave out word of mouth when the scenario has none (spread: false)', () => {
    const text = `${scenarioText('phone-shop')}\nspread: false\n`;
    const keys = controlsFor(readScenario(text)).map((c) => c.key);
    expect(keys.filter((k) => k.startsWith('spread.'))).toEqual([]);
    expect(controls.map((c) => c.key).filter((k) => k.startsWith('spread.')).length).toBeGreaterThan(0);
  });
});

describe("the scenario's text with the page's values", () => {
  it('changes exactly the values set, and keeps the comments', () => {
    const text = scenarioText('phone-shop');
    const changed = applyOverrides(text, { 'policies[0].fee': 250, 'economics.retention': 0.7, 'spread.tellProbability': 0.3 });
    const before = readScenario(text);
    const after = readScenario(changed);
    expect(getPath(after, 'policies[0].fee')).toBe(250);
    expect(getPath(after, 'economics.retention')).toBe(0.7);
    expect(getPath(after, 'spread.tellProbability')).toBe(0.3);
    // Everything else as it was.
    const strip = (f: Record<string, unknown>) => JSON.parse(JSON.stringify(f, (k, v) => (['fee', 'retention', 'spread'].includes(k) ? undefined : v)));
    expect(strip(after as never)).toEqual(strip(before as never));
    expect(changed).toContain('# phones returned');
    expect(changed).toContain('# circles of friends: strong ties inside, weak across');
  });

  it('refuses, naming it, a value the file has no place for (a link made for another file)', () => {
    const text = scenarioText('phone-shop');
    expect(() => applyOverrides(text, { 'policies[5].fee': 250 })).toThrow('policies[5].fee: expected a value of the scenario (it has no policies[5]), received 250');
    expect(() => applyOverrides(`${text}\nspread: false\n`, { 'spread.tellProbability': 0.3 })).toThrow('spread.tellProbability: expected a value of the scenario (spread is not a section), received 0.3');
    expect(() => applyOverrides(text, { 'economics.margin.x': 1 })).toThrow(InvalidParameterError);
  });

  it('writes a text typed where a number belongs as text, for the check to name', () => {
    const changed = applyOverrides(scenarioText('phone-shop'), { 'economics.margin': typedValue('12a') });
    expect(getPath(readScenario(changed), 'economics.margin')).toBe('12a');
    expect(typedValue(' 42 ')).toBe(42);
    expect(typedValue('')).toBe('');
    expect(typedValue('NaN')).toBe('NaN');
    expect(typedValue('Infinity')).toBe('Infinity');
  });
});

describe("the page's state in the URL", () => {
  it('round-trips a bundled scenario, its changed values and the policy shown', () => {
    const state: PageState = { scenario: 'phone-shop', overrides: { 'policies[0].fee': 250, 'economics.lossValuation': 'replacement', 'economics.margin': '12a' }, policy: 'repair + 200 kr voucher' };
    const hash = encodeState(state);
    expect(hash.startsWith('#')).toBe(true);
    expect(decodeState(hash)).toEqual(state);
    // A text that looks like a number stays text, a number stays a number.
    const tricky: PageState = { scenario: 'bad-day', overrides: { 'economics.margin': '900', 'economics.retention': 0.75 } };
    expect(decodeState(encodeState(tricky))).toEqual(tricky);
  });

  it('round-trips a loaded file, any characters included', () => {
    const text = 'name: "Ærø — café ☕ 😀"\n# a comment & more\n';
    const state: PageState = { scenario: null, file: { name: 'my shop.yaml', text }, overrides: {} };
    expect(decodeState(encodeState(state))).toEqual(state);
  });

  it('ignores keys that could reach a prototype', () => {
    const state = decodeState('#scenario=phone-shop&set.__proto__.x=1&set.a.constructor=2&set.economics.margin=5');
    expect(state.overrides).toEqual({ 'economics.margin': 5 });
  });
});

describe('the numbers and the messages are those of the CLI', () => {
  it("shows compare's differences for the same text and replicates (phone shop, fee changed)", () => {
    const text = applyOverrides(scenarioText('phone-shop'), { 'policies[0].fee': 300 });
    const view = evaluate(text, 'phone-shop.yaml', 60);
    const r = cliOn('phone-shop.yaml', text, ['compare', '--format', 'json', '--replicates', '60', '--quiet', '--workers', '0']);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as { differences: Array<{ policy: string; against: string; perIncident: { mean: number }; difference: { mean: number }; breakEvenLossValue: { value: number } | null }> };
    expect(view.replicates).toBe(60);
    for (const d of view.differences) {
      const c = json.differences.find((x) => x.policy === d.policy && x.against === d.against)!;
      // Same seed, same streams: the same numbers to the last digit, whatever thread ran them.
      expect(d.raw.perIncident).toBe(c.perIncident.mean);
      expect(d.raw.total).toBe(c.difference.mean);
      expect(d.raw.breakEven).toBe(c.breakEvenLossValue?.value ?? null);
    }
    expect(view.differences.map((d) => d.policy)).toEqual(['free repair', 'repair + 200 kr voucher']);
  });

  it('states the one message `hearsay validate` prints for the same text', () => {
    const text = applyOverrides(scenarioText('phone-shop'), { 'policies[0].fee': -200 });
    const r = cliOn('phone-shop.yaml', text, ['validate']);
    expect(r.status).toBe(2);
    let message = '';
    try {
      evaluate(text, 'phone-shop.yaml', 20);
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      message = (error as Error).message;
    }
    expect(message).toBe('phone-shop.yaml:40: policies[0].fee: expected a number ≥ 0 and ≤ 1e12, received -200');
    expect(r.stderr).toBe(`hearsay: ${message}\n`);
  });

  it('names a text typed where a number belongs, as validate does', () => {
    const text = applyOverrides(scenarioText('bad-day'), { 'economics.margin': '12a' });
    const r = cliOn('bad-day.yaml', text, ['validate']);
    expect(() => validate(text, 'bad-day.yaml')).toThrow(ScenarioError);
    try {
      validate(text, 'bad-day.yaml');
    } catch (error) {
      expect(r.stderr).toBe(`hearsay: ${(error as Error).message}\n`);
      expect((error as Error).message).toMatch(/economics\.margin: expected a number.*received "12a"/);
    }
  });

  it('never shows NaN: no incidents at all gives "n/a", not a division by zero', () => {
    const text = applyOverrides(scenarioText('bad-day'), { 'incidents.count': 0 });
    const view = evaluate(text, 'bad-day.yaml', 20);
    const shown = JSON.stringify(view);
    expect(shown).not.toMatch(/NaN|undefined|Infinity/);
    expect(view.differences[0]!.perIncident).toBe('n/a (no incidents)');
  });

  it('the bundled scenarios all load and evaluate', () => {
    const names = execFileSync('ls', [join(root, 'examples/scenarios')], { encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.yaml'));
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const text = readFileSync(join(root, 'examples/scenarios', name), 'utf8');
      const view = evaluate(text, name, 10);
      expect(view.differences.length, name).toBeGreaterThan(0);
      expect(JSON.stringify(view), name).not.toMatch(/NaN/);
      expect(controlsFor(readScenario(text)).length, name).toBeGreaterThan(5);
    }
  });
});
