// Reading and writing edge lists at the size the CLI and the spread bench use: a
// Barabási–Albert network of 1,000,000 people (m = 5, 4,999,975 ties). Target: a few
// seconds to read. Three files: integer ids with blanks (the ic_ref.c format), string ids
// with commas and a trust column, and integer ids read with ids: 'indices'. Each read
// runs in a child process of its own, so its peak resident memory is its own.
//
//   node bench/edge-list.bench.mjs            (after npm run build)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignTrust, barabasiAlbert, edgeCount, formatEdgeList, parseEdgeList } from '../dist/index.js';
import { peakRssMb, table, time } from './util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'out');
const SIZE = 1_000_000;
const M = 5;

// Child mode: read one file (best of 2) and report time and peak memory as JSON.
if (process.argv[2] === '--read') {
  const [, , , file, options] = process.argv;
  const rssBefore = peakRssMb();
  const readMs = time(() => readFileSync(file, 'utf8')).ms;
  const text = readFileSync(file, 'utf8');
  const { ms, result } = time(() => parseEdgeList(text, JSON.parse(options)), 2);
  process.stdout.write(
    JSON.stringify({ readMs, parseMs: ms, size: result.size, ties: edgeCount(result), peakMb: peakRssMb(), baseMb: rssBefore }),
  );
  process.exit(0);
}

mkdirSync(out, { recursive: true });
const files = {
  indices: join(out, 'ba-1e6-m5.edges'),
  csv: join(out, 'ba-1e6-m5-keys-trust.csv'),
};

const rows = [];
if (!existsSync(files.indices) || !existsSync(files.csv)) {
  const built = time(() => barabasiAlbert({ size: SIZE, edgesPerPerson: M, seed: 1 }));
  const network = built.result;
  rows.push({ step: 'barabasiAlbert 1e6, m = 5', ms: built.ms.toFixed(0), detail: `${edgeCount(network)} ties` });
  const plain = time(() => formatEdgeList(network, { ids: 'indices', header: false }));
  writeFileSync(files.indices, plain.result);
  rows.push({ step: 'formatEdgeList, integer ids', ms: plain.ms.toFixed(0), detail: `${(plain.result.length / 1e6).toFixed(1)} MB` });
  // String ids and trust: keys "c0000001"…, trust uniform on (0, 1] (up to 9 digits each).
  const keyed = {
    ...assignTrust(network, { kind: 'uniform', min: 0, max: 1 }, 1),
    keys: Array.from({ length: SIZE }, (_, i) => `c${String(i).padStart(7, '0')}`),
  };
  const csv = time(() => formatEdgeList(keyed, { delimiter: ',' }));
  writeFileSync(files.csv, csv.result);
  rows.push({ step: 'formatEdgeList, string ids + trust, CSV', ms: csv.ms.toFixed(0), detail: `${(csv.result.length / 1e6).toFixed(1)} MB` });
}

const reads = [
  ['parseEdgeList, integer ids (keys)', files.indices, {}],
  ["parseEdgeList, integer ids, ids: 'indices'", files.indices, { ids: 'indices' }],
  ['parseEdgeList, string ids + trust, CSV', files.csv, {}],
];
for (const [step, file, options] of reads) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--read', file, JSON.stringify(options)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) {
    rows.push({ step, ms: 'failed', detail: child.stderr.split('\n').slice(0, 3).join(' ') });
    continue;
  }
  const r = JSON.parse(child.stdout);
  rows.push({
    step,
    ms: r.parseMs.toFixed(0),
    detail: `${(statSync(file).size / 1e6).toFixed(1)} MB file, readFileSync ${r.readMs.toFixed(0)} ms, ${r.size} people, ${r.ties} ties, peak RSS ${r.peakMb.toFixed(0)} MB (${r.baseMb.toFixed(0)} MB before reading)`,
  });
}
table(rows);
console.log(`\nnode ${process.version}; best of 2 reads; files kept in bench/out/ (delete them to regenerate).`);
