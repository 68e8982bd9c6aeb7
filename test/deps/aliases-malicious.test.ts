/**
 * Advisories counted once across aliases (PYSEC / GHSA / CVE, as the full OSV export holds
 * them), and OSV `MAL-` entries reported as known malicious packages (issue 16).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearDatabaseCache } from '../../src/deps/database.js';
import { updateDatabase } from '../../src/deps/update.js';
import { analyzeDependencies } from '../../src/pipeline/deps.js';
import { renderDepsTable } from '../../src/report/deps-table.js';

afterEach(() => clearDatabaseCache());

const range = (name: string, fixed?: string) => [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, ...(fixed ? [{ fixed }] : [])] }] }];

/** A project pinning `requirements`, with OSV records imported into its own data directory. */
async function audit(requirements: string, records: object[]) {
  const root = mkdtempSync(join(tmpdir(), 'krait-alias-'));
  const vulns = join(root, 'vulns');
  mkdirSync(vulns);
  records.forEach((r, i) => writeFileSync(join(vulns, `${i}.json`), JSON.stringify({ modified: '2099-01-01T00:00:00Z', ...r })));
  const dataDir = join(root, 'data');
  expect((await updateDatabase({ from: vulns, dataDir })).ok).toBe(true);
  writeFileSync(join(root, 'requirements.txt'), requirements);
  return analyzeDependencies({ roots: [root], files: [{ path: 'requirements.txt', absPath: join(root, 'requirements.txt'), kind: 'requirements' }], imports: [], localModules: [], online: false, dataDir });
}

describe('aliases', () => {
  it('PYSEC, GHSA and a CVE-only record of one flaw give one finding, under the PYSEC id, with the others as aliases', async () => {
    const { findings, report } = await audit('aiohttp==3.8.1\n', [
      { id: 'PYSEC-2023-250', aliases: ['CVE-2023-49081', 'GHSA-q3qx-c6g2-7pw2'], details: 'Improper validation lets an attacker modify the request.', affected: range('aiohttp', '3.9.0') },
      { id: 'GHSA-q3qx-c6g2-7pw2', aliases: ['CVE-2023-49081'], summary: 'aiohttp ClientSession is vulnerable to CRLF injection via version', database_specific: { severity: 'MODERATE' }, affected: range('aiohttp', '3.9.0') },
      { id: 'BIT-aiohttp-2023-49081', aliases: ['CVE-2023-49081'], affected: range('aiohttp', '3.9.0') },
      { id: 'PYSEC-2024-24', aliases: ['CVE-2024-23334'], details: 'Path traversal in static routes.', affected: range('aiohttp', '3.9.2') },
    ]);
    const kr501 = findings.filter((f) => f.ruleId === 'KR501');
    expect(kr501.map((f) => f.properties?.['advisory']).sort()).toEqual(['PYSEC-2023-250', 'PYSEC-2024-24']);
    const merged = kr501.find((f) => f.properties?.['advisory'] === 'PYSEC-2023-250');
    expect((merged?.properties?.['aliases'] as string[]).sort()).toEqual(['BIT-aiohttp-2023-49081', 'CVE-2023-49081', 'GHSA-q3qx-c6g2-7pw2']);
    expect(report.summary.vulnerable).toBe(1);
    expect(report.requirements[0].advisories).toHaveLength(2);
  });
});

describe('known malicious packages (OSV MAL- entries)', () => {
  it('are reported as malicious, critical, with removal as the fix', async () => {
    const { findings, report } = await audit('reqeusts==2.28.1\nrequests==2.32.3\n', [
      { id: 'MAL-2022-4710', summary: 'Malicious code in reqeusts (PyPI)', details: 'The package steals credentials.', affected: range('reqeusts') },
      { id: 'PYSEC-2099-7', details: 'A flaw in requests that an attacker can use.', affected: range('requests', '2.0') },
    ]);
    const mal = findings.filter((f) => f.properties?.['malicious'] === true);
    expect(mal).toHaveLength(1);
    expect(mal[0]).toMatchObject({ ruleId: 'KR501', severity: 'critical' });
    expect(mal[0].message).toBe("reqeusts 2.28.1 is a known malicious package (MAL-2022-4710): Malicious code in reqeusts (PyPI); installing it runs the attacker's code");
    expect(mal[0].fix).toMatch(/^remove reqeusts from the requirements and uninstall it/);
    expect(renderDepsTable(report)).toMatch(/\| reqeusts \| 2\.28\.1 \| Known malicious package: MAL-2022-4710: .* \| CRITICAL \| Remove it and treat installs as compromised \|/);
    // An ordinary advisory stays an ordinary one.
    expect(findings.filter((f) => f.ruleId === 'KR501' && f.properties?.['malicious'] !== true)).toHaveLength(0);
  });
});
