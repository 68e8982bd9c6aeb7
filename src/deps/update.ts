/**
 * `krait db update`: download OSV's PyPI export (`all.zip`, one OSV JSON per advisory),
 * convert it to krait's compact database and store it in the user cache, where
 * {@link loadDatabase} picks it up from then on. Offline it fails in one line, quickly,
 * and the embedded snapshot stays in use.
 *
 * Source of the export: <https://google.github.io/osv.dev/data/#data-dumps>.
 */
import { readFileSync } from 'node:fs';
import { writeFileSafely } from '../core/safe-write.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { CACHED_DB_NAME, clearDatabaseCache, defaultCacheDir } from './database.js';
import { compactOsv, type CompactAdvisory, type CompactDatabase } from './osv.js';

export const OSV_PYPI_ZIP = 'https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip';

export interface UpdateOptions {
  /** Where to store the database (default: {@link defaultCacheDir}). */
  cacheDir?: string;
  /** The export to read: an `https:` URL (default {@link OSV_PYPI_ZIP}), a `file:` URL or a local path. */
  url?: string;
  /** Milliseconds to wait for the server to answer (default 10 000); the body then gets 5 minutes. */
  connectTimeoutMs?: number;
}

/** Convert the entries of an OSV zip export to a compact database. */
export function databaseFromZip(zip: Uint8Array, source: string, date: string): CompactDatabase {
  const files = unzipSync(zip, { filter: (f) => f.name.endsWith('.json') });
  const advisories: CompactAdvisory[] = [];
  const decoder = new TextDecoder();
  let newest = '';
  for (const name of Object.keys(files).sort()) {
    let doc: unknown;
    try {
      doc = JSON.parse(decoder.decode(files[name]));
    } catch {
      continue; // one bad entry does not spoil the export
    }
    const rec = compactOsv(doc);
    if (!rec) continue;
    if (rec.modified && rec.modified > newest) newest = rec.modified;
    advisories.push(rec);
  }
  advisories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { format: 1, source, date, newestModified: newest, license: 'CC-BY-4.0 (PyPA advisory-database) and the licences of the other OSV sources', advisories };
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

/**
 * Download and install the OSV PyPI export into the cache.
 * @returns `{ ok, message }`; `message` is one line, fit to print as is. Never throws and
 *   never waits more than `connectTimeoutMs` for a server that does not answer.
 */
export async function updateDatabase(opts: UpdateOptions = {}): Promise<{ ok: boolean; message: string }> {
  const url = opts.url ?? OSV_PYPI_ZIP;
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  let zip: Uint8Array;
  try {
    if (/^https?:\/\//i.test(url)) zip = await download(url, opts.connectTimeoutMs ?? 10_000);
    else zip = new Uint8Array(readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url));
  } catch (e) {
    return { ok: false, message: `krait db update: cannot download ${url} (${reason(e)}); scans keep using the local advisory data` };
  }
  let db: CompactDatabase;
  try {
    db = databaseFromZip(zip, `OSV PyPI export (${url})`, new Date().toISOString().slice(0, 10));
  } catch (e) {
    return { ok: false, message: `krait db update: ${url} is not a readable zip (${reason(e)}); local advisory data unchanged` };
  }
  if (!db.advisories.length) return { ok: false, message: `krait db update: ${url} holds no PyPI advisories; local advisory data unchanged` };
  try {
    const target = join(cacheDir, CACHED_DB_NAME);
    // No writing through a link planted as the cache file (report/safe-write.ts).
    writeFileSafely(target, gzipSync(Buffer.from(JSON.stringify(db))), 'advisory cache');
    clearDatabaseCache();
    return { ok: true, message: `krait db update: ${db.advisories.length} PyPI advisories stored in ${target} (${db.date})` };
  } catch (e) {
    return { ok: false, message: `krait db update: cannot write to ${cacheDir} (${reason(e)}); set KRAIT_CACHE_DIR to a writable folder` };
  }
}
