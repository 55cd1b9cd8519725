// Layers that only look down: the README's layout lists src/ from the ground floor up;
// a file may import from its own floor or below, never from a floor above. This test reads
// that list and every import in src/, so a new arrow running back up fails here.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

/** Floors in README order: `src/` entries of the layout block, top line = ground floor. */
function floorsFromReadme(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = readme.slice(readme.indexOf('## Layout'));
  const code = block.slice(block.indexOf('```\nsrc/') + 4, block.indexOf('```', block.indexOf('```\nsrc/') + 4));
  return code
    .split('\n')
    .filter((line) => /^ {2}\S/.test(line))
    .map((line) => line.trim().split(/\s+/)[0]!.replace(/\/$/, ''));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The floor entry of a file: its top-level folder under src/, or its own name. */
function entryOf(file: string): string {
  const rel = relative(src, file).split(/[\\/]/);
  return rel.length > 1 ? rel[0]! : rel[0]!;
}

describe('layers', () => {
  const floors = floorsFromReadme();
  const floorOf = (entry: string) => floors.indexOf(entry);

  it('the README lists every part of src/ once', () => {
    const entries = new Set(sourceFiles(src).map(entryOf));
    for (const entry of entries) expect(floors, `src/${entry} has no floor in the README's layout`).toContain(entry);
    expect(new Set(floors).size).toBe(floors.length);
  });

  it('no import runs from a lower floor to a higher one', () => {
    const upward: string[] = [];
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)) {
        const target = resolve(dirname(file), (m[1] ?? m[2])!).replace(/\.js$/, '.ts');
        const from = entryOf(file);
        const to = entryOf(target);
        if (floorOf(to) > floorOf(from)) upward.push(`${relative(root, file)} (${from}, floor ${floorOf(from)}) imports ${relative(root, target)} (${to}, floor ${floorOf(to)})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('catches an upward import (the check itself works)', () => {
    // monte-carlo sits below decision: a runner that named ComparisonKernel would run back up.
    expect(floorOf('monte-carlo')).toBeLessThan(floorOf('decision'));
    expect(floorOf('economics')).toBeLessThan(floorOf('measure'));
    expect(floorOf('kernels')).toBeGreaterThan(floorOf('decision'));
  });
});
