// Network generators: construction time and peak resident memory at 1e5 and 1e6 people,
// mean degree ≈ 10. Every case runs in its own child process, so each peak RSS is that
// generator's alone (Barabási–Albert at 1e6 first: its target is < 3 s and < 400 MB for
// the whole process). Run `npm run build` first; `node bench/network.bench.mjs`.
// `node bench/network.bench.mjs --case <name> <people>` runs one case and prints JSON.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { peakRssMb, table, time } from './util.mjs';

const here = fileURLToPath(import.meta.url);

/** Each case's options at n people; degree sequences are built outside the timing. */
const CASES = {
  'barabasi-albert': (h, n) => () => h.barabasiAlbert({ size: n, edgesPerPerson: 5, seed: 1 }),
  'erdos-renyi-gnm': (h, n) => () => h.erdosRenyiGnm({ size: n, edges: 5 * n, seed: 1 }),
  'erdos-renyi-gnp': (h, n) => () => h.erdosRenyiGnp({ size: n, probability: 10 / (n - 1), seed: 1 }),
  'watts-strogatz': (h, n) => () => h.wattsStrogatz({ size: n, neighbors: 10, rewiring: 0.1, seed: 1 }),
  'random-regular': (h, n) => () => h.randomRegular({ size: n, degree: 10, seed: 1 }),
  'configuration-model': (h, n) => {
    // Degrees 5…15, mean 10; the random matching's self-loops and repeats are dropped.
    const degrees = new Int32Array(n);
    for (let i = 0; i < n; i++) degrees[i] = 5 + ((i * 7919) % 11);
    if (degrees.reduce((s, d) => s + d, 0) % 2 !== 0) degrees[0]++; // an even sum
    return () => h.configurationModel({ degrees, seed: 1, onSelfLoop: 'drop', onDuplicate: 'drop' });
  },
  groups: (h, n) => () =>
    // Groups of 50: ≈ 8 strong ties inside, ≈ 2 weak ties across.
    h.groups({ size: n, groupSize: 50, insideProbability: 8 / 49, acrossProbability: 2 / (n - 50), seed: 1 }),
};

if (process.argv[2] === '--case') {
  const [name, people] = [process.argv[3], Number(process.argv[4])];
  const hearsay = await import('../dist/index.js');
  const baseline = peakRssMb();
  if (name === 'baseline') {
    console.log(JSON.stringify({ baseline }));
  } else {
    const build = CASES[name](hearsay, people);
    const cpu0 = process.cpuUsage();
    const { ms, result } = time(build);
    const cpu = process.cpuUsage(cpu0);
    console.log(
      JSON.stringify({
        ms,
        cpuMs: (cpu.user + cpu.system) / 1000,
        peak: peakRssMb(),
        baseline,
        ties: hearsay.edgeCount(result),
        dropped: result.info.droppedSelfLoops + result.info.droppedDuplicates,
      }),
    );
  }
} else {
  const run = (name, people) => {
    const child = spawnSync(process.execPath, [here, '--case', name, String(people)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${name} at ${people}: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop());
  };
  const baseline = run('baseline', 0).baseline;
  const rows = [];
  const add = (name, people) => {
    const r = run(name, people);
    rows.push({
      generator: name,
      people: people.toLocaleString('en-US'),
      ties: r.ties.toLocaleString('en-US'),
      'mean degree': ((2 * r.ties) / people).toFixed(2),
      'time (s)': (r.ms / 1000).toFixed(2),
      'CPU (s)': (r.cpuMs / 1000).toFixed(2),
      'peak RSS (MB)': r.peak.toFixed(0),
      'above baseline (MB)': (r.peak - baseline).toFixed(0),
    });
  };
  add('barabasi-albert', 1e6); // first, on its own: the target case
  for (const people of [1e5, 1e6]) {
    for (const name of Object.keys(CASES)) if (!(name === 'barabasi-albert' && people === 1e6)) add(name, people);
  }
  rows.sort((a, b) => a.people.length - b.people.length || a.generator.localeCompare(b.generator));
  table(rows);
  console.log(
    `\nOne run per case, each in a fresh Node ${process.version} process. Time is wall clock; CPU is user + ` +
      `system time of all the process's threads (GC helpers included), steadier when the machine is busy. ` +
      `Peak RSS is the whole process (VmHWM), ${baseline.toFixed(0)} MB after importing dist/index.js alone.`,
  );
}
