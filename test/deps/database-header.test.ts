/**
 * Start-up (issue 15): a scan with nothing to match against the advisory data (no
 * requirement, no third-party import, not --online) describes the data from the files'
 * headers and never reads the advisories; the description is the same as the full load's.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { clearDatabaseCache, EMBEDDED_DB, loadDatabase, loadDatabaseHeader, readDatabaseFile, readDatabaseHeader, STORED_DB_NAME, withRecordCount } from '../../src/deps/database.js';
import { dependencyFacts } from '../../src/deps/index.js';
import type { CompactDatabase } from '../../src/deps/osv.js';

afterEach(() => clearDatabaseCache());

function dataDirWith(content: Buffer | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'krait-header-'));
  if (content) writeFileSync(join(dir, STORED_DB_NAME), content);
  return dir;
}

const advisory = (id: string) => ({ id, summary: 's', affected: [{ name: 'requests', ranges: [{ introduced: '0', fixed: '2.0' }], versions: [] }] });

function storedDb(date: string, ids: string[], count = true): Buffer {
  const db = { format: 1, source: `test export ${date}`, date, advisories: ids.map(advisory) } as unknown as CompactDatabase;
  return gzipSync(Buffer.from(JSON.stringify(count ? withRecordCount(db) : db)));
}

/** The description the full load gives, in the header's shape. */
function fullDescription(dataDir: string) {
  const { db, note } = loadDatabase({ dataDir });
  return { header: { source: db.source, date: db.date, ...(db.commit ? { commit: db.commit } : {}), count: db.advisories.length, path: db.path }, ...(note ? { note } : {}) };
}

describe('advisory data header', () => {
  it('the embedded snapshot carries its record count before the advisories, equal to the full read', () => {
    const full = readDatabaseFile(EMBEDDED_DB);
    const h = readDatabaseHeader(EMBEDDED_DB);
    expect(h).toEqual({ source: full.source, date: full.date, commit: full.commit, count: full.advisories.length, path: EMBEDDED_DB });
    expect(full.count).toBe(full.advisories.length);
  });

  it('describes the data as the full load does: no stored data, newer, older, without a count (older krait), unreadable', () => {
    const cases: [string, Buffer | undefined][] = [
      ['none', undefined],
      ['newer', storedDb('2031-01-01', ['PYSEC-2031-1', 'PYSEC-2031-2'])],
      ['older', storedDb('2001-01-01', ['PYSEC-2001-1'])],
      ['no count', storedDb('2031-02-02', ['PYSEC-2031-3'], false)],
      ['garbage', Buffer.from('not gzip at all')],
    ];
    for (const [name, content] of cases) {
      const dataDir = dataDirWith(content);
      const expected = fullDescription(dataDir);
      clearDatabaseCache();
      expect(loadDatabaseHeader({ dataDir }), name).toEqual(expected);
    }
  });

  it('a header with a hostile or missing count is not trusted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'krait-header-'));
    for (const count of [-1, 1.5, '3', null]) {
      const f = join(dir, `${String(count)}.json.gz`);
      writeFileSync(f, gzipSync(Buffer.from(JSON.stringify({ format: 1, source: 's', date: '2030-01-01', count, advisories: [] }))));
      expect(readDatabaseHeader(f)).toBeUndefined();
    }
  });
});

describe('a scan reads the advisories only when something is matched against them', () => {
  // Stored data whose header reads (newer than the snapshot) but whose advisories are cut off:
  // reading them whole fails, and the scan falls back to the snapshot with a note.
  const cutOff = () => {
    const whole = JSON.stringify(withRecordCount({ format: 1, source: 'cut-off export', date: '2031-01-01', advisories: [advisory('PYSEC-2031-9')] } as unknown as CompactDatabase));
    return dataDirWith(gzipSync(Buffer.from(whole.slice(0, whole.indexOf('"advisories":[') + 30))));
  };
  const root = () => {
    const d = mkdtempSync(join(tmpdir(), 'krait-header-root-'));
    mkdirSync(join(d, 'pkg'));
    return d;
  };

  it('nothing to match (standard-library imports only): only the header is read', async () => {
    const dataDir = cutOff();
    const r = root();
    const { report } = await dependencyFacts({ roots: [r], files: [], imports: [{ module: 'os', path: 'a.py', line: 1 }], localModules: [], online: false, dataDir });
    expect(report.database.source).toBe('cut-off export');
    expect(report.database.advisories).toBe(1);
    expect(report.database.note).toBeUndefined();
  });

  it('a third-party import is matched: the advisories are read (and the cut-off file found out)', async () => {
    const dataDir = cutOff();
    const r = root();
    const { report } = await dependencyFacts({ roots: [r], files: [], imports: [{ module: 'requests', path: 'a.py', line: 1 }], localModules: [], online: false, dataDir });
    expect(report.database.source).toBe('PyPA advisory-database (embedded snapshot)');
    expect(report.database.note).toMatch(/^cannot read .*; using the embedded snapshot$/);
  });

  it('a requirement is matched: the advisories are read', async () => {
    const dataDir = cutOff();
    const r = root();
    writeFileSync(join(r, 'requirements.txt'), 'requests==1.0\n');
    const { report } = await dependencyFacts({ roots: [r], files: [{ path: 'requirements.txt', absPath: join(r, 'requirements.txt'), kind: 'requirements' }], imports: [], localModules: [], online: false, dataDir });
    expect(report.database.source).toBe('PyPA advisory-database (embedded snapshot)');
    expect(report.requirements[0].advisories.length).toBeGreaterThan(0);
  });
});
