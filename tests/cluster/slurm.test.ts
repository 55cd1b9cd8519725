// A real scheduler: a single-node Slurm cluster (Debian's slurmctld, slurmd, slurm-client
// and munge, started by tests/cluster/slurm-single-node.sh as plain background processes)
// runs the recipe in examples/cluster/slurm/ — a 4-task array of
// `hearsay compare SCENARIO --shard auto`, then `hearsay merge` as a job that depends on
// the array (afterok) — and the merged result must be byte-identical to one machine's
// `hearsay compare`. Every daemon the test started is stopped afterwards, also on failure,
// and the test checks that none is left.
//
// It never skips: without root (the daemons run as root here) or without Slurm and apt to
// install it, it fails and says why. CI (.ci/run) installs the packages beforehand so that
// the test's own time stays low; the script installs them when they are missing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const script = join(root, 'tests/cluster/slurm-single-node.sh');
const submit = join(root, 'examples/cluster/slurm/submit.sh');
const scenario = join(root, 'examples/scenarios/bad-day.yaml');
const flags = ['--format', 'json', '--replicates', '40'];

// The cluster's own directory (the script refuses one it did not make) and a work folder
// for the job logs, parts and result.
const clusterDir = join(tmpdir(), `hearsay-slurm-${process.pid}-${Date.now()}`);
const work = mkdtempSync(join(tmpdir(), 'hearsay-slurm-work-'));

// Scheduler variables of the machine running the tests must not leak into the jobs.
const baseEnv: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(SLURM_|JOB_COMPLETION_INDEX|AWS_BATCH_)/.test(e[0])),
);
let env: Record<string, string> = baseEnv;
const times: Record<string, number> = {};

function sh(args: string[], timeoutMs: number, extraEnv: Record<string, string> = {}) {
  const r = spawnSync('bash', args, { encoding: 'utf8', env: { ...env, ...extraEnv }, cwd: work, timeout: timeoutMs });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** Two TCP ports free right now, for slurmctld and slurmd (another cluster may hold 6817/6818). */
async function freePorts(): Promise<[number, number]> {
  const open = () =>
    new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  const servers = [await open(), await open()];
  const ports = servers.map((s) => (s.address() as { port: number }).port) as [number, number];
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Processes whose initial environment carries the cluster's token: daemons, slurmstepd, jobs. */
function processesOfCluster(): number[] {
  const tokenFile = join(clusterDir, 'token');
  if (!existsSync(tokenFile)) return [];
  const token = `SLURM_SN_TOKEN=${readFileSync(tokenFile, 'utf8').trim()}`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue; // a zombie holds nothing
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(token)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function logs(): string {
  const out: string[] = [];
  for (const dir of [work, join(clusterDir, 'log')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.log'))) {
      out.push(`----- ${join(dir, f)}\n${readFileSync(join(dir, f), 'utf8').split('\n').slice(-15).join('\n')}`);
    }
  }
  return out.join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `scontrol show job -o` until every record of the job is in a terminal state. */
async function waitFor(job: string, timeoutMs: number): Promise<Array<{ task: string; state: string; exit: string }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = spawnSync('scontrol', ['show', 'job', '-o', job], { encoding: 'utf8', env });
    const records = (r.stdout ?? '')
      .split('\n')
      .filter((line) => line.includes('JobState='))
      .map((line) => ({
        task: /ArrayTaskId=(\S+)/.exec(line)?.[1] ?? '-',
        state: /JobState=(\S+)/.exec(line)![1]!,
        exit: /ExitCode=(\S+)/.exec(line)?.[1] ?? '?',
      }));
    const terminal = /^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE|OUT_OF_MEMORY)/;
    if (records.length > 0 && records.every((x) => terminal.test(x.state))) return records;
    // A job whose dependency can never be met stays PENDING: say so instead of waiting.
    if (/Reason=DependencyNeverSatisfied/.test(r.stdout ?? '')) return records;
    if (Date.now() > deadline) throw new Error(`job ${job} not finished after ${timeoutMs / 1000} s: ${JSON.stringify(records)}\n${logs()}`);
    await sleep(300);
  }
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) {
    throw new Error('tests/cluster/slurm.test.ts needs root: it starts munged, slurmctld and slurmd as root (CI machines here are root Debian)');
  }
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build (npm test does it first)`);
  if (/\s/.test(process.execPath + cli)) throw new Error(`the jobs run "${process.execPath} ${cli}": a path with a space cannot be passed as HEARSAY`);
  const [ctld, slurmd] = await freePorts();
  env = { ...baseEnv, SLURM_SN_DIR: clusterDir, SLURM_SN_CTLD_PORT: String(ctld), SLURM_SN_SLURMD_PORT: String(slurmd), SLURM_SN_START_TIMEOUT: '60' };
  // Installs slurmctld, slurmd, slurm-client and munge with apt-get when missing (.ci/run does it beforehand).
  let t = Date.now();
  const install = sh([script, 'install'], 280_000);
  if (install.code !== 0) throw new Error(`could not install Slurm (slurm-single-node.sh install exited with ${install.code ?? install.error}):\n${install.stderr}`);
  times.install = Date.now() - t;
  t = Date.now();
  const start = sh([script, 'start'], 90_000);
  times.start = Date.now() - t;
  const conf = /export SLURM_CONF=(\S+)/.exec(start.stdout)?.[1];
  if (start.code !== 0 || conf === undefined) throw new Error(`the cluster did not start (exit ${start.code ?? start.error}):\n${start.stderr}`);
  // The jobs carry the cluster's token too, so that stopping finds any job process left.
  env = { ...env, SLURM_CONF: conf, SLURM_SN_TOKEN: readFileSync(join(clusterDir, 'token'), 'utf8').trim() };
}, 400_000);

afterAll(async () => {
  if (existsSync(clusterDir)) {
    const t = Date.now();
    const stop = sh([script, 'stop'], 60_000);
    times.stop = Date.now() - t;
    // Daemons are reparented to PID 1, which may reap them a little late.
    let left = processesOfCluster();
    for (let k = 0; k < 50 && left.length > 0; k++) {
      await sleep(100);
      left = processesOfCluster();
    }
    console.log(`slurm test times (ms): ${JSON.stringify(times)}`);
    if (stop.code !== 0 || left.length > 0) throw new Error(`stopping the cluster: exit ${stop.code}, processes left ${left.join(' ')}\n${stop.stderr}`);
    // Stopped cleanly: its state, logs and the parts go (a failure above keeps them, and the failing test prints their tails).
    rmSync(clusterDir, { recursive: true, force: true });
  }
  rmSync(work, { recursive: true, force: true });
}, 90_000);

describe('a single-node Slurm cluster', () => {
  it('a 4-task array of compare --shard auto, merged by a dependent job: byte-identical to one machine', async () => {
    let t = Date.now();
    const submitted = sh([submit, scenario, '4', ...flags], 30_000, { HEARSAY: `${process.execPath} ${cli}`, PARTS: join(work, 'parts') });
    const ids = /^array (\d+) merge (\d+) result (\S+)$/m.exec(submitted.stdout);
    if (submitted.code !== 0 || ids === null) throw new Error(`submit.sh exited with ${submitted.code}: ${submitted.stdout}${submitted.stderr}`);
    const [, array, merge, resultPath] = ids as unknown as [string, string, string, string];
    const tasks = await waitFor(array!, 150_000);
    const merged = await waitFor(merge!, 60_000);
    times.jobs = Date.now() - t;
    const detail = `${JSON.stringify({ tasks, merged })}\n${logs()}`;
    expect(tasks.map((x) => `${x.task} ${x.state} ${x.exit}`).sort(), detail).toEqual(['0 COMPLETED 0:0', '1 COMPLETED 0:0', '2 COMPLETED 0:0', '3 COMPLETED 0:0']);
    expect(merged.map((x) => `${x.state} ${x.exit}`), detail).toEqual(['COMPLETED 0:0']);

    // Each task ran its own shard, as --shard auto read it from the array.
    const parts = [0, 1, 2, 3].map((i) => JSON.parse(readFileSync(join(work, 'parts', array!, `part-${i}.json`), 'utf8')));
    expect(parts.map((p) => p.shard)).toEqual([0, 1, 2, 3].map((index) => ({ index, count: 4 })));
    expect(parts.map((p) => p.range)).toEqual([
      { from: 0, to: 10 },
      { from: 10, to: 20 },
      { from: 20, to: 30 },
      { from: 30, to: 40 },
    ]);

    // One machine, the same command without --shard.
    t = Date.now();
    const single = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, 'compare', scenario, ...flags, '--quiet'], { env: baseEnv });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    times.singleMachine = Date.now() - t;
    expect(single.code, single.stderr).toBe(0);
    const result = readFileSync(resultPath!, 'utf8');
    expect(result.length).toBeGreaterThan(1000);
    expect(result).toBe(single.stdout);
  }, 300_000);
});
