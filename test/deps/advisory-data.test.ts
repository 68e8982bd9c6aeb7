/**
 * Advisory data you can trust (issue 16): every report and `krait db info` state the data's
 * date and age (a warning past 30 days, the clock fixed here), and `krait db update --from`
 * imports an OSV export offline — validated, stored atomically in the data directory, used
 * only when newer than the embedded snapshot.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { writeReport } from '../../src/report/index.js';
import { makeReport } from '../report/make-report.js';
import { clearDatabaseCache, defaultDataDir, EMBEDDED_DB, loadDatabase, readDatabaseFile } from '../../src/deps/database.js';
import { updateDatabase } from '../../src/deps/update.js';
import { renderDbInfo } from '../../src/cli/db.js';
import { analyzeDependencies } from '../../src/pipeline/deps.js';
import { fixtureInput } from './helpers.js';

const BIN = fileURLToPath(new URL('../../bin/krait.js', import.meta.url));
const FRESH = new Date('2025-12-10T12:00:00Z'); // 10 days after the report's data (2025-11-30)
const STALE = new Date('2026-02-28T12:00:00Z'); // 90 days after

afterEach(() => clearDatabaseCache());

describe('every report states the advisory data date and age', () => {
  const render = async (format: 'json' | 'sarif' | 'html' | 'text', now: Date) => (await writeReport(makeReport(), { format, color: false, now })) as string;

  it('JSON: dependencies.database carries ageDays and stale', async () => {
    const fresh = JSON.parse(await render('json', FRESH)) as { dependencies: { database: Record<string, unknown> } };
    expect(fresh.dependencies.database).toMatchObject({ date: '2025-11-30', ageDays: 10, stale: false });
    const stale = JSON.parse(await render('json', STALE)) as { dependencies: { database: Record<string, unknown> } };
    expect(stale.dependencies.database).toMatchObject({ ageDays: 90, stale: true });
  });

  it('SARIF: run properties, and a warning notification when stale', async () => {
    const fresh = JSON.parse(await render('sarif', FRESH)) as { runs: { properties: Record<string, unknown>; invocations: { toolExecutionNotifications: { descriptor: { id: string } }[] }[] }[] };
    expect(fresh.runs[0].properties['krait/advisoryData']).toEqual({ source: 'embedded PyPA advisory database snapshot', date: '2025-11-30', advisories: 4210, ageDays: 10, stale: false });
    expect(fresh.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.descriptor.id)).not.toContain('stale-advisory-data');
    const stale = JSON.parse(await render('sarif', STALE)) as typeof fresh;
    expect(stale.runs[0].properties['krait/advisoryData']).toMatchObject({ ageDays: 90, stale: true });
    expect(stale.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.descriptor.id)).toContain('stale-advisory-data');
  });

  it('HTML: the dependencies section, with the warning when stale', async () => {
    expect(await render('html', FRESH)).toContain('of 2025-11-30 (10 days old)');
    const stale = await render('html', STALE);
    expect(stale).toContain('<p class="bad">Advisory data: <strong>embedded PyPA advisory database snapshot</strong> of 2025-11-30 (90 days old — WARNING: over 30 days; refresh it with krait db update)');
  });

  it('text: the head line and, when stale, the summary', async () => {
    const fresh = await render('text', FRESH);
    expect(fresh).toContain('Advisory data: embedded PyPA advisory database snapshot of 2025-11-30 (10 days old), 4210 advisories');
    expect(fresh).not.toContain('WARNING');
    const stale = await render('text', STALE);
    expect(stale.trimEnd().split('\n').slice(-3).join('\n')).toContain('(90 days old — WARNING: over 30 days');
  });

  it('Markdown: the overview', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'krait-md-'));
    await writeReport(makeReport(), { format: 'markdown', output: join(dir, 'out'), color: false, now: STALE, date: STALE });
    const summary = readFileSync(join(dir, 'out', 'security-analysis-2026-02-28.md'), 'utf8');
    expect(summary).toContain('- **Advisory Data**: embedded PyPA advisory database snapshot of 2025-11-30 (90 days old — WARNING: over 30 days; refresh it with krait db update), 4210 advisories');
  });

  it('the scan records the age at its own clock', async () => {
    const { report } = await analyzeDependencies(fixtureInput('safe', { now: new Date('2024-10-20T00:00:00Z') }));
    expect(report.database).toMatchObject({ date: '2024-10-10', ageDays: 10, stale: false });
    const { report: old } = await analyzeDependencies(fixtureInput('safe', { now: new Date('2024-12-10T00:00:00Z') }));
    expect(old.database).toMatchObject({ ageDays: 61, stale: true });
  });
});

describe('krait db info', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'krait-data-'));
  it('states the date and age; a warning past 30 days', () => {
    const fresh = renderDbInfo(new Date('2024-10-15T00:00:00Z'), dataDir());
    expect(fresh).toMatch(/^date: 2024-10-10 \(5 days old\)$/m);
    expect(fresh).not.toContain('WARNING');
    const stale = renderDbInfo(new Date('2025-01-10T00:00:00Z'), dataDir());
    expect(stale).toMatch(/^date: 2024-10-10 \(92 days old — WARNING: over 30 days; refresh it with krait db update\)$/m);
    expect(stale).toMatch(/^data directory: .*krait-data-/m);
  });
});

/** One OSV record. */
function osv(id: string, extra: object = {}): object {
  return {
    id,
    modified: '2030-01-02T03:04:05Z',
    aliases: [`CVE-${id.slice(-4)}`],
    summary: `Flaw ${id} in requests`,
    affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '9.0' }] }] }],
    ...extra,
  };
}

describe('krait db update --from (offline import)', () => {
  const setup = () => {
    const root = mkdtempSync(join(tmpdir(), 'krait-import-'));
    return { root, dataDir: join(root, 'data') };
  };

  it('imports the all.zip export into the data directory; scans use it (newer than the snapshot)', async () => {
    const { root, dataDir } = setup();
    const zip = join(root, 'all.zip');
    writeFileSync(zip, zipSync({ 'PYSEC-2030-1.json': strToU8(JSON.stringify(osv('PYSEC-2030-1'))), 'GHSA-x.json': strToU8(JSON.stringify(osv('GHSA-aaaa-bbbb-cccc', { affected: [{ package: { ecosystem: 'npm', name: 'left-pad' } }] }))) }));
    const r = await updateDatabase({ from: zip, dataDir });
    expect(r.ok).toBe(true);
    expect(r.message).toBe(`krait db update: 1 PyPI advisories of 2030-01-02 stored in ${join(dataDir, 'osv-pypi.json.gz')}; scans use it from now on`);
    expect(readdirSync(dataDir)).toEqual(['osv-pypi.json.gz']); // no temporary file left
    const { db } = loadDatabase({ dataDir });
    expect(db.date).toBe('2030-01-02');
    expect(db.advisories.map((a) => a.id)).toEqual(['PYSEC-2030-1']);
    const { report, findings } = await analyzeDependencies(fixtureInput('safe', { dataDir }));
    expect(report.database.source).toBe(`OSV PyPI export (${zip})`);
    expect(findings.some((f) => f.properties?.['advisory'] === 'PYSEC-2030-1')).toBe(true);
  });

  it('imports a folder of OSV JSON files (nested), and replaces the earlier data', async () => {
    const { root, dataDir } = setup();
    const dir = join(root, 'vulns');
    mkdirSync(join(dir, 'requests'), { recursive: true });
    writeFileSync(join(dir, 'requests', 'PYSEC-2030-2.json'), JSON.stringify(osv('PYSEC-2030-2')));
    writeFileSync(join(dir, 'PYSEC-2030-3.json'), JSON.stringify(osv('PYSEC-2030-3', { modified: '2030-03-01T00:00:00Z' })));
    writeFileSync(join(dir, 'README.md'), 'not json');
    expect((await updateDatabase({ from: dir, dataDir })).ok).toBe(true);
    expect(loadDatabase({ dataDir }).db.advisories.map((a) => a.id)).toEqual(['PYSEC-2030-2', 'PYSEC-2030-3']);
    expect(loadDatabase({ dataDir }).db.date).toBe('2030-03-01');
    const one = join(root, 'one');
    mkdirSync(one);
    writeFileSync(join(one, 'a.json'), JSON.stringify(osv('PYSEC-2031-1', { modified: '2031-01-01T00:00:00Z' })));
    expect((await updateDatabase({ from: one, dataDir })).ok).toBe(true);
    clearDatabaseCache();
    expect(loadDatabase({ dataDir }).db.advisories.map((a) => a.id)).toEqual(['PYSEC-2031-1']);
  });

  it('refuses an empty export, a non-OSV one and one of another ecosystem, in one line, data unchanged', async () => {
    const { root, dataDir } = setup();
    const ok = join(root, 'ok');
    mkdirSync(ok);
    writeFileSync(join(ok, 'a.json'), JSON.stringify(osv('PYSEC-2030-4')));
    expect((await updateDatabase({ from: ok, dataDir })).ok).toBe(true);
    const before = readFileSync(join(dataDir, 'osv-pypi.json.gz'));
    const cases: [string, () => string, RegExp][] = [
      ['empty', () => { const d = join(root, 'empty'); mkdirSync(d); return d; }, /holds no JSON file/],
      ['non-OSV', () => { const d = join(root, 'nonosv'); mkdirSync(d); writeFileSync(join(d, 'package.json'), '{"name":"x"}'); return d; }, /holds no OSV record/],
      ['npm', () => { const d = join(root, 'npm'); mkdirSync(d); writeFileSync(join(d, 'g.json'), JSON.stringify(osv('GHSA-1', { affected: [{ package: { ecosystem: 'npm', name: 'x' } }] }))); return d; }, /holds no PyPI advisory \(1 OSV record for npm\)/],
      ['not a zip', () => { const f = join(root, 'x.txt'); writeFileSync(f, 'hello'); return f; }, /is not a zip/],
      ['empty zip', () => { const f = join(root, 'e.zip'); writeFileSync(f, zipSync({})); return f; }, /holds no JSON file/],
      ['missing', () => join(root, 'nope'), /cannot be read/],
    ];
    for (const [, make, why] of cases) {
      const path = make();
      const r = await updateDatabase({ from: path, dataDir });
      expect(r.ok).toBe(false);
      expect(r.message.split('\n')).toHaveLength(1);
      expect(r.message).toMatch(why);
      expect(r.message).toMatch(/; advisory data unchanged$/);
      expect(readFileSync(join(dataDir, 'osv-pypi.json.gz')).equals(before)).toBe(true);
    }
  });

  it('keeps using the embedded snapshot when the imported data is not newer', async () => {
    const { root, dataDir } = setup();
    const dir = join(root, 'old');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(osv('PYSEC-2020-9', { modified: '2020-01-01T00:00:00Z' })));
    const r = await updateDatabase({ from: dir, dataDir });
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/not newer than the embedded snapshot \(2024-10-10\), which scans keep using$/);
    const { db, note } = loadDatabase({ dataDir });
    expect(db.path).toBe(EMBEDDED_DB);
    expect(note).toMatch(/stored OSV data \(2020-01-01\) is not newer than the embedded snapshot/);
    expect(readDatabaseFile(join(dataDir, 'osv-pypi.json.gz')).advisories).toHaveLength(1);
  });

  it('KRAIT_DATA_DIR sets the data directory; the CLI exits 2 with one line on a bad export', () => {
    const { root, dataDir } = setup();
    const saved = process.env['KRAIT_DATA_DIR'];
    process.env['KRAIT_DATA_DIR'] = dataDir;
    try {
      expect(defaultDataDir()).toBe(dataDir);
    } finally {
      if (saved === undefined) delete process.env['KRAIT_DATA_DIR'];
      else process.env['KRAIT_DATA_DIR'] = saved;
    }
    const env = { ...process.env, KRAIT_DATA_DIR: dataDir, NO_COLOR: '1' };
    const bad = spawnSync(process.execPath, [BIN, 'db', 'update', '--from', root], { encoding: 'utf8', env });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    const dir = join(root, 'v');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(osv('PYSEC-2030-5')));
    const good = spawnSync(process.execPath, [BIN, 'db', 'update', '--from', dir], { encoding: 'utf8', env });
    expect(good.status).toBe(0);
    const info = spawnSync(process.execPath, [BIN, 'db', 'info'], { encoding: 'utf8', env });
    expect(info.stdout).toMatch(/^date: 2030-01-02 \(0 days old\)$/m);
    expect(info.stdout).toContain(`file: ${join(dataDir, 'osv-pypi.json.gz')}`);
  });
});
