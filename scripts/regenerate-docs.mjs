// Regenerates what is read off the code: the parameter table in README.md and the JSON
// Schema beside the bundled scenarios (tests check both are current). Run after changing a
// parameter's declaration: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parameterTableMarkdown, scenarioJsonSchema } from '../dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
writeFileSync(`${root}examples/scenarios/scenario.schema.json`, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
const readme = readFileSync(`${root}README.md`, 'utf8');
const start = readme.indexOf('| parameter | description | unit | range | default | source |');
let end = readme.indexOf('\n\n', start);
if (start < 0 || end < 0) throw new Error('README.md has no parameter table to replace');
// The table's footnotes (paragraphs starting with †) are part of what is generated: replace them, never add another copy.
while (readme.startsWith('\n\n†', end)) {
  const next = readme.indexOf('\n\n', end + 2);
  end = next < 0 ? readme.length : next;
}
writeFileSync(`${root}README.md`, readme.slice(0, start) + parameterTableMarkdown().trimEnd() + readme.slice(end));
console.log('wrote examples/scenarios/scenario.schema.json and the README parameter table');

// The examples' output the README quotes (tests/examples.test.ts holds them to it).
import { spawnSync } from 'node:child_process';
let text = readFileSync(`${root}README.md`, 'utf8');
text = text.replace(/<!-- output: (\S+) -->\n```\n[\s\S]*?\n```/g, (_, script) => {
  const r = spawnSync(process.execPath, [`${root}${script}`], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return `<!-- output: ${script} -->\n\`\`\`\n${r.stdout.trimEnd()}\n\`\`\``;
});
writeFileSync(`${root}README.md`, text);
console.log('refreshed the examples quoted in README.md');
