/**
 * `krait db update`: store OSV PyPI advisories in the user's data directory, where
 * {@link loadDatabase} picks them up when they are newer than the embedded snapshot.
 * The data comes from OSV's PyPI export (`all.zip`, one OSV JSON per advisory), either
 * downloaded or — offline — read from disk with `--from`: the zip, or a folder of OSV JSON
 * files. The export is checked before anything is replaced (it must hold OSV records with
 * PyPI entries), converted to krait's compact database, and written atomically (a temporary
 * file renamed over the old one). Every failure is one line and leaves the data unchanged.
 *
 * Source of the export: <https://google.github.io/osv.dev/data/#data-dumps>.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { writeFileSafely } from '../core/safe-write.js';
import { STORED_DB_NAME, clearDatabaseCache, defaultDataDir, loadDatabase, withRecordCount } from './database.js';
import { compactOsv, type CompactAdvisory, type CompactDatabase } from './osv.js';

export const OSV_PYPI_ZIP = 'https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip';

/** Files of an export folder krait reads at most, and the size of one file (bytes). */
export const EXPORT_LIMITS = { files: 500_000, fileBytes: 5_000_000, zipBytes: 1_000_000_000 };

export interface UpdateOptions {
  /** Where to store the database (default: `defaultDataDir()`). */
  dataDir?: string;
  /** The export to download: an `https:` URL (default {@link OSV_PYPI_ZIP}), a `file:` URL or a local path to a zip. */
  url?: string;
  /** Read the export from disk instead (offline): an OSV `all.zip` or a folder of OSV JSON files. */
  from?: string;
  /** Milliseconds to wait for the server to answer (default 10 000); the body then gets 5 minutes. */
  connectTimeoutMs?: number;
  /** "Now", for the date of downloaded data (tests). */
  now?: Date;
}

/** One file of an export: its name and bytes. */
interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

/** Why an export is refused, in one line (no `krait db update:` prefix). */
class ExportError extends Error {}

/** The ecosystems an OSV document names (`affected[].package.ecosystem`), for the wrong-ecosystem message. */
function ecosystemsOf(doc: unknown): string[] {
  const affected = (doc as { affected?: unknown } | null)?.affected;
  if (!Array.isArray(affected)) return [];
  return affected.map((a) => (a as { package?: { ecosystem?: unknown } } | null)?.package?.ecosystem).filter((e): e is string => typeof e === 'string');
}

/** An OSV record: an object with a string `id` and a `modified` time (both required by the OSV schema). */
function isOsvRecord(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && typeof (doc as { id?: unknown }).id === 'string' && typeof (doc as { modified?: unknown }).modified === 'string';
}

/**
 * Convert the JSON files of an OSV export to a compact database. Withdrawn advisories and
 * entries of other ecosystems are left out; one unreadable file does not spoil the export.
 * @param date the data's date (`YYYY-MM-DD`); default: the day of the newest `modified` time.
 * @throws {@link ExportError} when the export holds no JSON file, no OSV record, or no
 *   PyPI advisory (naming the ecosystems it does hold).
 */
export function databaseFromOsvFiles(files: Iterable<ExportFile>, source: string, date?: string): CompactDatabase {
  const advisories: CompactAdvisory[] = [];
  const decoder = new TextDecoder();
  const ecosystems = new Set<string>();
  let jsonFiles = 0;
  let records = 0;
  let newest = '';
  for (const f of files) {
    jsonFiles++;
    let doc: unknown;
    try {
      doc = JSON.parse(decoder.decode(f.bytes));
    } catch {
      continue;
    }
    if (!isOsvRecord(doc)) continue;
    records++;
    const modified = (doc as { modified: string }).modified;
    if (modified > newest) newest = modified;
    for (const e of ecosystemsOf(doc)) ecosystems.add(e.split(':')[0]);
    const rec = compactOsv(doc);
    if (rec) advisories.push(rec);
  }
  if (!jsonFiles) throw new ExportError('holds no JSON file');
  if (!records) throw new ExportError(`holds no OSV record (${jsonFiles} JSON file${jsonFiles === 1 ? '' : 's'}, none with an "id" and a "modified" field)`);
  if (!advisories.length) {
    const other = [...ecosystems].sort();
    throw new ExportError(`holds no PyPI advisory (${records} OSV record${records === 1 ? '' : 's'}${other.length ? ` for ${other.slice(0, 5).join(', ')}` : ''}); use the PyPI export`);
  }
  advisories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    format: 1,
    source,
    date: date ?? newest.slice(0, 10),
    newestModified: newest,
    license: 'CC-BY-4.0 (PyPA advisory-database) and the licences of the other OSV sources',
    advisories,
  };
}

/** Convert the entries of an OSV zip export to a compact database ({@link databaseFromOsvFiles}). */
export function databaseFromZip(zip: Uint8Array, source: string, date?: string): CompactDatabase {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, { filter: (f) => f.name.endsWith('.json') && f.originalSize <= EXPORT_LIMITS.fileBytes });
  } catch (e) {
    throw new ExportError(`is not a readable zip (${reason(e)})`);
  }
  const names = Object.keys(entries).sort();
  return databaseFromOsvFiles(
    names.map((name) => ({ name, bytes: entries[name] })),
    source,
    date,
  );
}

/** The `.json` files under `dir` (links not followed, hidden folders skipped), walked without recursion. */
function* jsonFilesUnder(dir: string): Generator<ExportFile> {
  const stack = [dir];
  let seen = 0;
  while (stack.length) {
    const d = stack.pop() as string;
    for (const ent of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? 1 : -1))) {
      const p = join(d, ent.name);
      if (ent.isDirectory() && !ent.name.startsWith('.')) stack.push(p);
      else if (ent.isFile() && ent.name.endsWith('.json')) {
        if (++seen > EXPORT_LIMITS.files) throw new ExportError(`holds more than ${EXPORT_LIMITS.files} JSON files`);
        if (statSync(p).size > EXPORT_LIMITS.fileBytes) continue;
        yield { name: relative(dir, p), bytes: readFileSync(p) };
      }
    }
  }
}

/** Read an export from disk: a folder of OSV JSON files, or a zip of them. */
function databaseFromPath(path: string): CompactDatabase {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    throw new ExportError(`cannot be read (${reason(e)})`);
  }
  if (st.isSymbolicLink()) st = statSync(path);
  const source = `OSV PyPI export (${path})`;
  if (st.isDirectory()) return databaseFromOsvFiles(jsonFilesUnder(path), source);
  if (!st.isFile()) throw new ExportError('is neither a file nor a folder');
  if (st.size > EXPORT_LIMITS.zipBytes) throw new ExportError(`is larger than ${EXPORT_LIMITS.zipBytes} bytes`);
  const bytes = new Uint8Array(readFileSync(path));
  if (bytes.length === 0) throw new ExportError('is empty');
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new ExportError('is not a zip (give the OSV all.zip, or a folder of OSV JSON files)');
  return databaseFromZip(bytes, source);
}

async function download(url: string, connectTimeoutMs: number): Promise<Uint8Array> {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(new Error(`no answer within ${Math.round(connectTimeoutMs / 1000)} s`)), connectTimeoutMs);
  try {
    const res = await fetch(url, { signal: controller.signal });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error('download took more than 5 minutes')), 300_000);
    return new Uint8Array(await res.arrayBuffer());
  } finally {
    clearTimeout(timer);
  }
}

function reason(e: unknown): string {
  const err = e as { message?: string; cause?: { message?: string } };
  const msg = err?.cause?.message ?? err?.message ?? String(e);
  return msg.split('\n')[0] ?? msg;
}

/** Write `db` atomically into `dataDir`; the outcome as one line. */
function store(db: CompactDatabase, dataDir: string): { ok: boolean; message: string } {
  const target = join(dataDir, STORED_DB_NAME);
  try {
    // A temporary file renamed over the old one; never through a link planted there (core/safe-write.ts).
    writeFileSafely(target, gzipSync(Buffer.from(JSON.stringify(withRecordCount(db)))), 'advisory data');
  } catch (e) {
    return { ok: false, message: `krait db update: cannot write to ${dataDir} (${reason(e)}); set KRAIT_DATA_DIR to a writable folder` };
  }
  clearDatabaseCache();
  const used = loadDatabase({ dataDir }).db;
  const note = used.path === target ? 'scans use it from now on' : `not newer than the embedded snapshot (${used.date}), which scans keep using`;
  return { ok: true, message: `krait db update: ${db.advisories.length} PyPI advisories of ${db.date} stored in ${target}; ${note}` };
}

/**
 * Download the OSV PyPI export, or read it from disk (`from`), and install it into the
 * user's data directory.
 * @returns `{ ok, message }`; `message` is one line, fit to print as is. Never throws and
 *   never waits more than `connectTimeoutMs` for a server that does not answer.
 */
export async function updateDatabase(opts: UpdateOptions = {}): Promise<{ ok: boolean; message: string }> {
  const dataDir = opts.dataDir ?? defaultDataDir();
  if (opts.from !== undefined) {
    try {
      return store(databaseFromPath(opts.from), dataDir);
    } catch (e) {
      return { ok: false, message: `krait db update: ${opts.from} ${e instanceof ExportError ? e.message : `cannot be read (${reason(e)})`}; advisory data unchanged` };
    }
  }
  const url = opts.url ?? OSV_PYPI_ZIP;
  let zip: Uint8Array;
  try {
    if (/^https?:\/\//i.test(url)) zip = await download(url, opts.connectTimeoutMs ?? 10_000);
    else zip = new Uint8Array(readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url));
  } catch (e) {
    return { ok: false, message: `krait db update: cannot download ${url} (${reason(e)}); scans keep using the local advisory data (offline: krait db update --from all.zip)` };
  }
  try {
    // A live export is as new as the day it was fetched.
    return store(databaseFromZip(zip, `OSV PyPI export (${url})`, (opts.now ?? new Date()).toISOString().slice(0, 10)), dataDir);
  } catch (e) {
    return { ok: false, message: `krait db update: ${url} ${e instanceof ExportError ? e.message : `cannot be read (${reason(e)})`}; advisory data unchanged` };
  }
}
