/**
 * The advisory database: the embedded snapshot (`data/advisories.json.gz`, compiled by
 * `scripts/build-advisories.mjs` from the PyPA advisory database, CC-BY-4.0) or, when
 * `krait db update` has stored a newer one, the OSV PyPI export in the user cache.
 * Loaded once per process; indexed by PEP 503 name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { CompactAdvisory, CompactAffected, CompactDatabase } from './osv.js';

/** `<package>/data`, from `src/deps` or `dist/deps` alike. */
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
export const EMBEDDED_DB = join(DATA_DIR, 'advisories.json.gz');
/** File name of the converted OSV export inside the cache directory. */
export const CACHED_DB_NAME = 'osv-pypi.json.gz';

/**
 * The user cache directory for krait: `$KRAIT_CACHE_DIR`, else `$XDG_CACHE_HOME/krait`,
 * else `~/.cache/krait` (on Windows `%LOCALAPPDATA%\krait`).
 */
export function defaultCacheDir(): string {
  const env = process.env;
  if (env['KRAIT_CACHE_DIR']) return env['KRAIT_CACHE_DIR'];
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'krait');
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return join(env['LOCALAPPDATA'], 'krait');
  return join(homedir(), '.cache', 'krait');
}

export class AdvisoryDatabase {
  readonly source: string;
  readonly date: string;
  readonly commit?: string;
  readonly advisories: readonly CompactAdvisory[];
  /** Where it was read from (a path). */
  readonly path: string;
  private readonly byName = new Map<string, { advisory: CompactAdvisory; affected: CompactAffected[] }[]>();

  constructor(db: CompactDatabase, path: string) {
    this.source = db.source;
    this.date = db.date;
    if (db.commit) this.commit = db.commit;
    this.advisories = db.advisories;
    this.path = path;
    for (const advisory of db.advisories) {
      const byPkg = new Map<string, CompactAffected[]>();
      for (const a of advisory.affected) {
        const list = byPkg.get(a.name) ?? [];
        list.push(a);
        byPkg.set(a.name, list);
      }
      for (const [name, affected] of byPkg) {
        const list = this.byName.get(name) ?? [];
        list.push({ advisory, affected });
        this.byName.set(name, list);
      }
    }
  }

  /** Advisories naming the project (PEP 503 normalised name), with that project's `affected` entries. */
  forPackage(normalizedName: string): readonly { advisory: CompactAdvisory; affected: CompactAffected[] }[] {
    return this.byName.get(normalizedName) ?? [];
  }

  /** Find an advisory by id or alias (case-insensitive). */
  find(idOrAlias: string): CompactAdvisory | undefined {
    const k = idOrAlias.toUpperCase();
    return this.advisories.find((a) => a.id.toUpperCase() === k || a.aliases?.some((x) => x.toUpperCase() === k));
  }
}

/** Read a compiled database file (gzip'd JSON in the {@link CompactDatabase} shape). Throws on a bad file. */
export function readDatabaseFile(path: string): CompactDatabase {
  const db = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as CompactDatabase;
  if (db.format !== 1 || !Array.isArray(db.advisories)) throw new Error(`${path}: not a krait advisory database (format ${String(db.format)})`);
  return db;
}

const cache = new Map<string, AdvisoryDatabase>();

/**
 * Load the newest local database: the cached OSV export (`<cacheDir>/osv-pypi.json.gz`)
 * when it exists, is readable and is not older than the embedded snapshot; else the
 * embedded snapshot. `note` explains a fallback (e.g. a corrupt cache file).
 * @throws when even the embedded snapshot cannot be read (a broken installation).
 */
export function loadDatabase(opts: { cacheDir?: string; useCache?: boolean } = {}): { db: AdvisoryDatabase; note?: string } {
  const embeddedKey = `embedded:${EMBEDDED_DB}`;
  let embedded = cache.get(embeddedKey);
  if (!embedded) {
    embedded = new AdvisoryDatabase(readDatabaseFile(EMBEDDED_DB), EMBEDDED_DB);
    cache.set(embeddedKey, embedded);
  }
  if (opts.useCache === false) return { db: embedded };
  const cached = join(opts.cacheDir ?? defaultCacheDir(), CACHED_DB_NAME);
  if (!existsSync(cached)) return { db: embedded };
  try {
    let db = cache.get(cached);
    if (!db) {
      db = new AdvisoryDatabase(readDatabaseFile(cached), cached);
      cache.set(cached, db);
    }
    if (db.date < embedded.date) return { db: embedded, note: `cached OSV data (${db.date}) is older than the embedded snapshot; using the snapshot` };
    return { db };
  } catch (e) {
    return { db: embedded, note: `cannot read ${cached} (${(e as Error).message.split('\n')[0]}); using the embedded snapshot` };
  }
}

/** Forget loaded databases (tests, and after `krait db update`). */
export function clearDatabaseCache(): void {
  cache.clear();
}
