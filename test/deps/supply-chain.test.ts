import { createServer } from 'node:http';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { updateDatabase } from '../../src/deps/update.js';
import { analyzeDependencies } from '../../src/pipeline/deps.js';
import { renderDepsTable } from '../../src/report/deps-table.js';
import { clearDatabaseCache, loadDatabase } from '../../src/deps/database.js';
import { checkTyposquat, loadTopPackages } from '../../src/deps/typosquat.js';
import { STDLIB_MODULES } from '../../src/python/stdlib-modules.js';
import { distributionForImport } from '../../src/deps/import-map.js';
import { fixtureInput } from './helpers.js';

describe('typosquatting', () => {
  it('flags reqeusts, djang0 and python-dateutils, not requests or django', async () => {
    expect(checkTyposquat('reqeusts')?.target).toBe('requests');
    expect(checkTyposquat('djang0')?.target).toBe('django');
    expect(checkTyposquat('python-dateutils')?.target).toBe('python-dateutil');
    for (const ok of ['requests', 'django', 'python-dateutil', 'Python_DateUtil', 'pyaml', 'numpy', 'flask']) expect(checkTyposquat(ok), ok).toBeUndefined();
    const { findings } = await analyzeDependencies(fixtureInput('typosquat'));
    const hits = findings.filter((f) => f.ruleId === 'KR503');
    expect(hits.map((f) => [f.properties?.['package'], f.properties?.['lookalike'], f.location.startLine])).toEqual([
      ['reqeusts', 'requests', 1],
      ['djang0', 'django', 2],
      ['python-dateutils', 'python-dateutil', 3],
    ]);
    expect(hits.every((f) => f.severity === 'high' && f.cwe[0] === 829)).toBe(true);
  });

  it('rarely fires on real, less popular project names (the advisory database\'s own packages)', async () => {
    const top = loadTopPackages();
    expect(top.names.length).toBeGreaterThan(10_000);
    const { readDatabaseFile, EMBEDDED_DB } = await import('../../src/deps/database.js');
    const names = [...new Set(readDatabaseFile(EMBEDDED_DB).advisories.flatMap((a) => a.affected.map((x) => x.name)))];
    const flagged = names.filter((n) => checkTyposquat(n) && checkTyposquat(n)!.confidence !== 'low');
    // Measured: see the report; keep it under 5 %.
    expect(flagged.length / names.length).toBeLessThan(0.05);
  });
});

describe('imports ↔ declared distributions', () => {
  it('maps import names to distributions and knows the standard library', () => {
    expect(distributionForImport('yaml')).toBe('PyYAML');
    expect(distributionForImport('cv2')).toBe('opencv-python');
    expect(distributionForImport('PIL.Image')).toBe('Pillow');
    expect(distributionForImport('sklearn.model_selection')).toBe('scikit-learn');
    expect(distributionForImport('bs4')).toBe('beautifulsoup4');
    expect(distributionForImport('google.cloud.storage')).toBe('google-cloud-storage');
    for (const m of ['os', 'asyncio', 'tomllib', 'distutils', 'asyncore', 'zoneinfo', '__future__']) expect(STDLIB_MODULES.has(m), m).toBe(true);
    for (const m of ['yaml', 'requests', 'numpy']) expect(STDLIB_MODULES.has(m), m).toBe(false);
  });

  it('reports undeclared imports and unused declared packages, and links modules to advisories', async () => {
    const imports = [
      { module: 'os', path: 'app/main.py', line: 1 },
      { module: 'requests', path: 'app/main.py', line: 2 },
      { module: 'yaml', path: 'app/main.py', line: 3 },
      { module: 'cv2', path: 'app/main.py', line: 4 },
      { module: 'bs4', path: 'app/main.py', line: 5 },
      { module: '.helpers', path: 'app/main.py', line: 6 },
      { module: 'app.helpers', path: 'app/main.py', line: 7 },
    ];
    const { findings, report } = await analyzeDependencies(fixtureInput('imports', { imports, localModules: ['app'] }));
    const undeclared = findings.filter((f) => f.ruleId === 'KR510');
    expect(undeclared.map((f) => [f.properties?.['distribution'], f.location.path, f.location.startLine])).toEqual([['beautifulsoup4', 'app/main.py', 5]]);
    expect(undeclared[0]?.snippet).toContain('from bs4 import BeautifulSoup');
    expect(findings.filter((f) => f.ruleId === 'KR511').map((f) => f.properties?.['package'])).toEqual(['unused-thing']);
    const yaml = report.modules.find((m) => m.module === 'yaml');
    expect(yaml).toMatchObject({ distribution: 'PyYAML', declared: true, declaredVersion: '5.3' });
    expect(yaml?.advisories).toEqual(expect.arrayContaining(['PYSEC-2020-96', 'PYSEC-2021-142']));
    expect(report.modules.find((m) => m.module === 'cv2')).toMatchObject({ declared: true, distribution: 'opencv-python-headless' });
    expect(report.modules.map((m) => m.module)).not.toContain('os');
  });
});

describe('the deps table', () => {
  it('prints the seed table with the data source and date', async () => {
    const { report } = await analyzeDependencies(fixtureInput('vulnerable'));
    const text = renderDepsTable(report);
    const lines = text.split('\n');
    expect(lines[0]).toBe('| Package | Version | Issue | Severity | Action |');
    expect(lines.find((l) => l.includes('PYSEC-2021-98'))).toMatch(/^\| django \| 3\.2\.0 \| PYSEC-2021-98 \(CVE-2021-33203, GHSA-68w8-qjq3-2gfm\): .* \| MEDIUM \| Upgrade to 3\.2\.25 \|$/);
    expect(text).toMatch(/Advisory data: PyPA advisory-database \(embedded snapshot\), 2024-10-10 \(commit 3ccb612573e2\), 2651 advisories\./);
  });
  it('says so when there is nothing to report', async () => {
    const { report } = await analyzeDependencies(fixtureInput('safe'));
    expect(renderDepsTable(report)).toContain('| — | — | No dependency issues found | — | — |');
  });
});

describe('krait db update', () => {
  it('fails in one line, quickly, without network, and the scan still works', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'krait-db-'));
    const t0 = Date.now();
    const res = await updateDatabase({ dataDir, connectTimeoutMs: 3000 });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(res.ok).toBe(false);
    expect(res.message.split('\n')).toHaveLength(1);
    expect(res.message).toMatch(/^krait db update: cannot download https:\/\/osv-vulnerabilities\.storage\.googleapis\.com\/PyPI\/all\.zip \(.+\); scans keep using the local advisory data \(offline: krait db update --from all\.zip\)$/);
    const { report } = await analyzeDependencies(fixtureInput('vulnerable', { dataDir }));
    expect(report.summary.vulnerable).toBe(5);
    expect(report.database.source).toMatch(/embedded/);
  });

  it('gives up on a server that never answers', async () => {
    const server = createServer(() => {
      /* never responds */
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const t0 = Date.now();
    const res = await updateDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'krait-db-')), url: `http://127.0.0.1:${port}/all.zip`, connectTimeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(res).toMatchObject({ ok: false, message: expect.stringContaining('no answer within') });
    server.closeAllConnections();
    server.close();
  });

  it('installs an OSV zip export into the cache, which scans then use', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'krait-db-'));
    const osv = (id: string, extra: object) => strToU8(JSON.stringify({ id, modified: '2030-01-01T00:00:00Z', ...extra }));
    const zipPath = join(dataDir, 'all.zip');
    const zip = zipSync({
      'PYSEC-9999-1.json': osv('PYSEC-9999-1', {
        aliases: ['CVE-9999-0001'],
        details: 'A new flaw in requests found after the snapshot.',
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
        affected: [{ package: { ecosystem: 'PyPI', name: 'Requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.32.0' }, { fixed: '2.32.4' }] }] }],
      }),
      'PYSEC-9999-2.json': osv('PYSEC-9999-2', { withdrawn: '2030-01-02T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }] }),
      'not-json.json': strToU8('{'),
    });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(zipPath, zip);
    const res = await updateDatabase({ dataDir, url: zipPath });
    expect(res).toMatchObject({ ok: true, message: expect.stringMatching(/^krait db update: 1 PyPI advisories of \d{4}-\d\d-\d\d stored in .*; scans use it from now on$/) });
    expect(existsSync(join(dataDir, 'osv-pypi.json.gz'))).toBe(true);
    clearDatabaseCache();
    expect(loadDatabase({ dataDir }).db.advisories.map((a) => a.id)).toEqual(['PYSEC-9999-1']);
    const { findings, report } = await analyzeDependencies(fixtureInput('safe', { dataDir }));
    expect(report.database.source).toMatch(/^OSV PyPI export/);
    expect(findings.filter((f) => f.ruleId === 'KR501').map((f) => [f.properties?.['advisory'], f.severity, f.properties?.['suggestedVersion']])).toEqual([['PYSEC-9999-1', 'critical', '2.32.4']]);
    clearDatabaseCache();
  });

  it('--online without network notes it in one line and keeps the local results', async () => {
    const { report } = await analyzeDependencies(fixtureInput('vulnerable', { online: true }));
    expect(report.database.note).toMatch(/--online: OSV API unreachable \(.+\); used the local data only/);
    expect(report.summary.vulnerable).toBe(5);
  });
});

describe('obsolete projects', () => {
  it('flags abandoned projects with the reason and a replacement (CWE-1104)', async () => {
    const { findings } = await analyzeDependencies(fixtureInput('obsolete'));
    const hits = findings.filter((f) => f.ruleId === 'KR512');
    expect(hits.map((f) => [f.properties?.['package'], f.location.startLine, f.cwe])).toEqual([
      ['pycrypto', 1, [1104]],
      ['nose', 2, [1104]],
    ]);
    expect(hits[0]?.fix).toBe('replace it with pycryptodome, or cryptography');
    // pycrypto 2.6.1 also has advisories in the snapshot.
    expect(findings.some((f) => f.ruleId === 'KR501' && f.properties?.['package'] === 'pycrypto')).toBe(true);
  });
});
