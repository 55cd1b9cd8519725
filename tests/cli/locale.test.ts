// `hearsay run` in the client's language, end to end on the built CLI: `locale:` in the
// scenario, `--locale` overriding it, and `--csv excel` writing what a spreadsheet in that
// language opens (semicolons, decimal comma, UTF-8 BOM).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');

function hearsay(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'hearsay-locale-'));
const scenario = (locale: string | null) => {
  const path = join(tmp, `shop-${locale ?? 'none'}.yaml`);
  writeFileSync(
    path,
    `name: Telefonbutikken
${locale === null ? '' : `locale: ${locale}\n`}seed: 5
replicates: 20
network: { generator: groups, size: 1500, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001 }
roles: { customers: 0.3, prospects: 0.3 }
incidents: { count: 30, amount: 600, period: month }
economics: { margin: 800, acquisitionCost: 600 }
policies:
  - { name: afvis, decision: refuse-with-fee, fee: 200 }
  - { name: gratis reparation, decision: repair-or-replace, repairCost: 600 }
`,
  );
  return path;
};

describe('hearsay run in another language', () => {
  it('locale: da in the file writes a Danish report; --locale overrides it; --csv excel writes Danish CSV', () => {
    const da = join(tmp, 'da');
    const r = hearsay(['run', scenario('da'), '--out', da, '--quiet', '--workers', '0', '--csv', 'excel']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(da, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="da-DK">');
    expect(html).toContain('<h2>Kort fortalt</h2>');
    expect(html).toContain('pr. måned (30 hændelser)');
    // The policies the file does not describe are described in the report's language.
    expect(html).toContain('afvis og opkræv et gebyr på 200\u00a0kr');
    expect(html).toContain('reparér eller ombyt (koster 600\u00a0kr)');
    const csv = readFileSync(join(da, 'data', 'differences.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFpolicy;against;metric;')).toBe(true);
    expect(csv).toMatch(/;-?\d+,\d+;/);
    const sv = join(tmp, 'sv');
    expect(hearsay(['run', scenario('da'), '--out', sv, '--quiet', '--workers', '0', '--locale', 'sv']).code).toBe(0);
    const svHtml = readFileSync(join(sv, 'report.html'), 'utf8');
    expect(svHtml).toContain('<html lang="sv-SE">');
    expect(svHtml).toContain('<h2>I korthet</h2>');
    // --locale describes them in its language, not the file's.
    expect(svHtml).toContain('avslå och ta ut en avgift på 200\u00a0kr');
    expect(svHtml).not.toContain('afvis og opkræv');
    // Plain CSV stays the machine format.
    expect(readFileSync(join(sv, 'data', 'differences.csv'), 'utf8').startsWith('policy,against,metric,')).toBe(true);
    const en = join(tmp, 'en');
    expect(hearsay(['run', scenario('da'), '--out', en, '--quiet', '--workers', '0', '--locale', 'en']).code).toBe(0);
    const none = join(tmp, 'none');
    expect(hearsay(['run', scenario(null), '--out', none, '--quiet', '--workers', '0']).code).toBe(0);
    // English from the flag is the same report as a file without a locale.
    expect(readFileSync(join(en, 'report.html'), 'utf8')).toBe(readFileSync(join(none, 'report.html'), 'utf8').replaceAll('shop-none.yaml', 'shop-da.yaml'));
  });
  it('an unknown language is one clear error', () => {
    const r = hearsay(['run', scenario('fi'), '--quiet', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/locale/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const flag = hearsay(['run', scenario(null), '--locale', 'de', '--quiet']);
    expect(flag.code).not.toBe(0);
    expect(flag.stderr).toMatch(/--locale/);
  });
});
