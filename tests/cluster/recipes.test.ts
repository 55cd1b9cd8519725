// The cluster recipes in examples/cluster/. The Slurm scripts run for real in
// slurm.test.ts; here they are checked for syntax and for pitfalls. The Kubernetes
// manifests cannot be run here (no cluster): they must parse, keep --shards equal to the
// Job's completions, and merge the folder the shards write.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../examples/cluster/', import.meta.url));

function manifests(name: string): Array<Record<string, any>> {
  const docs = parseAllDocuments(readFileSync(`${dir}kubernetes/${name}`, 'utf8'));
  if (!Array.isArray(docs)) throw new Error(`${name}: no documents`);
  for (const doc of docs) expect(doc.errors, name).toEqual([]);
  return docs.map((d) => d.toJS() as Record<string, any>);
}

describe('Slurm recipe', () => {
  it.each(['compare-array.sbatch', 'merge.sbatch', 'submit.sh'])('%s is valid bash, with no --export list', (name) => {
    const r = spawnSync('bash', ['-n', `${dir}slurm/${name}`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // An explicit --export list makes slurmd rebuild a login environment per task (seconds each).
    const lines = readFileSync(`${dir}slurm/${name}`, 'utf8').split('\n');
    expect(lines.filter((l) => /--export/.test(l) && (/^#SBATCH/.test(l) || !/^\s*#/.test(l)))).toEqual([]);
  });

  it('the array runs --shard auto and the merge waits for every task (afterok)', () => {
    expect(readFileSync(`${dir}slurm/compare-array.sbatch`, 'utf8')).toMatch(/compare "\$scenario" --shard auto/);
    expect(readFileSync(`${dir}slurm/submit.sh`, 'utf8')).toMatch(/--dependency="afterok:\$array"/);
  });
});

describe('Kubernetes recipe (untested against a cluster)', () => {
  it('an indexed Job whose --shards is its completions, writing where the merge reads', () => {
    const docs = manifests('compare-job.yaml');
    expect(docs.map((d) => d.kind)).toEqual(['PersistentVolumeClaim', 'Job']);
    const job = docs[1]!;
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.spec.completionMode).toBe('Indexed');
    const container = job.spec.template.spec.containers[0];
    const command = container.args.join(' ');
    expect(command).toContain('--shard auto');
    expect(Number(/--shards (\d+)/.exec(command)?.[1])).toBe(job.spec.completions);
    expect(command).toContain('/parts/compare/part-$JOB_COMPLETION_INDEX.json');
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    // Every mounted volume is declared, and the parts volume is the claim above.
    const volumes = job.spec.template.spec.volumes.map((v: { name: string }) => v.name);
    for (const m of container.volumeMounts) expect(volumes).toContain(m.name);
    expect(job.spec.template.spec.volumes.find((v: any) => v.name === 'parts').persistentVolumeClaim.claimName).toBe(docs[0]!.metadata.name);

    const [merge] = manifests('merge-job.yaml');
    expect(merge!.kind).toBe('Job');
    const args = merge!.spec.template.spec.containers[0].args.join(' ');
    expect(args).toContain('hearsay merge /parts/compare/part-*.json');
    expect(merge!.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(docs[0]!.metadata.name);
  });
});
