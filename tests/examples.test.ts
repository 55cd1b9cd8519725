// Every example runs with one command, and the output the README quotes is what it
// prints today (the examples are seeded; nothing in their output depends on the machine).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}/README.md`, 'utf8');
const quoted = [...readme.matchAll(/<!-- output: (\S+) -->\n```\n([\s\S]*?)\n```/g)].map((m) => ({ script: m[1]!, text: m[2]! }));

describe('examples', () => {
  it('the README quotes the examples', () => {
    expect(quoted.map((q) => q.script)).toEqual(['examples/phone-shop.mjs', 'examples/escalation.mjs', 'examples/bad-day.mjs', 'examples/how-sure.mjs', 'examples/value-of-information.mjs']);
  });

  it.each(quoted)('$script prints what the README quotes', ({ script, text }) => {
    const r = spawnSync(process.execPath, [`${root}/${script}`], { encoding: 'utf8', cwd: root });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd()).toBe(text);
  });

  it('the split-and-merge example prints the same result twice', () => {
    const r = spawnSync('bash', [`${root}/examples/split-and-merge.sh`], { encoding: 'utf8', cwd: root });
    expect(r.status).toBe(0);
    const [, merged, , single] = r.stdout.trim().split('\n');
    expect(merged).toBe(single);
    expect(JSON.parse(merged!).replicates).toBe(1000);
  });
});
