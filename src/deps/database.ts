/**
 * The advisory database: the embedded snapshot (`data/advisories.json.gz`, compiled by
 * `scripts/build-advisories.mjs` from the PyPA advisory database, CC-BY-4.0) or, when
 * `krait db update` (download, or `--from` an OSV export on disk) has stored one that is
 * newer, that data in the user's data directory. Loaded once per process; indexed by
 * PEP 503 name.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import type { CompactAdvisory, CompactAffected, CompactDatabase } from './osv.js';

/** `<package>/data`, from `src/deps` or `dist/deps` alike. */
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
export const EMBEDDED_DB = join(DATA_DIR, 'advisories.json.gz');
/** File name of the converted OSV export inside the user's data directory. */
export const STORED_DB_NAME = 'osv-pypi.json.gz';

/**
 * The user's data directory for krait, where `krait db update` stores advisory data:
 * `$KRAIT_DATA_DIR`, else `$XDG_DATA_HOME/krait` (`KRAIT_CACHE_DIR` is the result cache's), else
 * `~/.local/share/krait` (on Windows `%LOCALAPPDATA%\krait`).
 */
export function defaultDataDir(): string {
  const env = process.env;
  if (env['KRAIT_DATA_DIR']) return env['KRAIT_DATA_DIR'];
  if (env['XDG_DATA_HOME']) return join(env['XDG_DATA_HOME'], 'krait');
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return join(env['LOCALAPPDATA'], 'krait');
  return join(homedir(), '.local', 'share', 'krait');
}

/** Advisory data older than this many days is flagged in every report and by `krait db info`. */
export const STALE_ADVISORY_DAYS = 30;

/** Whole days from `date` (YYYY-MM-DD or ISO 8601) to `now`, never negative; undefined when the date does not parse. */
export function ageInDays(date: string, now: Date = new Date()): number | undefined {
  const t = Date.parse(date);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.floor((now.getTime() - t) / 86_400_000));
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
    for (const [name, list] of this.byName) this.byName.set(name, mergeAliases(list));
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

/** Which record of a group of aliases speaks for it: PyPA's PYSEC, then GitHub's GHSA, then the others (by id). */
function aliasRank(id: string): number {
  return /^PYSEC-/i.test(id) ? 0 : /^GHSA-/i.test(id) ? 1 : /^MAL-/i.test(id) ? 2 : 3;
}

/**
 * One entry per vulnerability: records of one project that name each other (an id or a
 * shared alias: PYSEC-2023-250 ~ GHSA-q3qx-c6g2-7pw2 ~ CVE-2023-49081, as the full OSV
 * export holds them) are merged into the highest-ranked one ({@link aliasRank}), which
 * takes the others' ids as aliases and fills in a summary or severity it lacks.
 */
function mergeAliases(list: { advisory: CompactAdvisory; affected: CompactAffected[] }[]): { advisory: CompactAdvisory; affected: CompactAffected[] }[] {
  if (list.length < 2) return list;
  const parent = list.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const owner = new Map<string, number>();
  list.forEach(({ advisory }, i) => {
    for (const key of [advisory.id, ...(advisory.aliases ?? [])].map((k) => k.toUpperCase())) {
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[root(i)] = root(j);
    }
  });
  const groups = new Map<number, number[]>();
  list.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  if (groups.size === list.length) return list;
  const out: { advisory: CompactAdvisory; affected: CompactAffected[] }[] = [];
  for (const members of groups.values()) {
    if (members.length === 1) {
      out.push(list[members[0]]);
      continue;
    }
    const entries = members.map((i) => list[i]).sort((a, b) => aliasRank(a.advisory.id) - aliasRank(b.advisory.id) || (a.advisory.id < b.advisory.id ? -1 : 1));
    const lead = entries[0];
    const ids = new Set<string>();
    for (const { advisory } of entries) for (const k of [advisory.id, ...(advisory.aliases ?? [])]) if (k.toUpperCase() !== lead.advisory.id.toUpperCase()) ids.add(k);
    const merged: CompactAdvisory = { ...lead.advisory, aliases: [...ids] };
    for (const { advisory } of entries.slice(1)) {
      merged.summary ??= advisory.summary;
      merged.severity ??= advisory.severity;
      merged.databaseSeverity ??= advisory.databaseSeverity;
    }
    out.push({ advisory: merged, affected: lead.affected });
  }
  return out;
}

/**
 * What a report says of the advisory data without reading the advisories: a database file's
 * header fields and its record count (before aliases are merged, as `advisories.length`).
 */
export interface DatabaseHeader {
  source: string;
  date: string;
  commit?: string;
  /** Number of advisory records in the file. */
  count: number;
  path: string;
}

/** Compressed bytes read for a header: the header fields come first and take a few hundred bytes. */
const HEADER_READ_BYTES = 4096;

/**
 * The header of a compiled database file, read from its first few kilobytes: the fields before
 * `"advisories"` (written first by krait's writers, with `count`). Undefined when the file has
 * no `count` there (written by an older krait) or its start does not parse: read it whole then.
 */
export function readDatabaseHeader(path: string): DatabaseHeader | undefined {
  try {
    const fd = openSync(path, 'r');
    let head: Buffer;
    try {
      const buf = Buffer.alloc(HEADER_READ_BYTES);
      head = buf.subarray(0, readSync(fd, buf, 0, HEADER_READ_BYTES, 0));
    } finally {
      closeSync(fd);
    }
    // A truncated stream inflates as far as it goes with a sync flush (no end-of-stream error).
    const text = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
    // Inside a JSON string a quote before the colon would be escaped: this is the key itself.
    const at = text.indexOf('"advisories":[');
    if (at < 0) return undefined;
    const h = JSON.parse(`${text.slice(0, at)}"advisories":[]}`) as Partial<CompactDatabase> & { count?: unknown };
    if (h.format !== 1 || typeof h.source !== 'string' || typeof h.date !== 'string' || typeof h.count !== 'number' || !Number.isInteger(h.count) || h.count < 0) return undefined;
    return { source: h.source, date: h.date, ...(typeof h.commit === 'string' && h.commit ? { commit: h.commit } : {}), count: h.count, path };
  } catch {
    return undefined;
  }
}

/** `db` with its record count written before the advisories, so that {@link readDatabaseHeader} finds it in the first kilobytes. */
export function withRecordCount(db: CompactDatabase): CompactDatabase & { count: number } {
  const { advisories, ...head } = db;
  return { ...head, count: advisories.length, advisories };
}

/** Read a compiled database file (gzip'd JSON in the {@link CompactDatabase} shape). Throws on a bad file. */
export function readDatabaseFile(path: string): CompactDatabase {
  const db = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as CompactDatabase;
  if (db.format !== 1 || !Array.isArray(db.advisories)) throw new Error(`${path}: not a krait advisory database (format ${String(db.format)})`);
  return db;
}

const cache = new Map<string, AdvisoryDatabase>();

/**
 * Load the advisory data scans use: the stored OSV export (`<dataDir>/osv-pypi.json.gz`)
 * when it exists, is readable and is newer than the embedded snapshot; else the embedded
 * snapshot. `note` explains a fallback (an older or corrupt stored file).
 * @throws when even the embedded snapshot cannot be read (a broken installation).
 */
export function loadDatabase(opts: { dataDir?: string; useStored?: boolean } = {}): { db: AdvisoryDatabase; note?: string } {
  const embeddedKey = `embedded:${EMBEDDED_DB}`;
  let embedded = cache.get(embeddedKey);
  if (!embedded) {
    embedded = new AdvisoryDatabase(readDatabaseFile(EMBEDDED_DB), EMBEDDED_DB);
    cache.set(embeddedKey, embedded);
  }
  if (opts.useStored === false) return { db: embedded };
  const stored = join(opts.dataDir ?? defaultDataDir(), STORED_DB_NAME);
  if (!existsSync(stored)) return { db: embedded };
  try {
    let db = cache.get(stored);
    if (!db) {
      db = new AdvisoryDatabase(readDatabaseFile(stored), stored);
      cache.set(stored, db);
    }
    if (!(db.date > embedded.date)) return { db: embedded, note: `stored OSV data (${db.date}) is not newer than the embedded snapshot (${embedded.date}); using the snapshot` };
    return { db };
  } catch (e) {
    return { db: embedded, note: `cannot read ${stored} (${(e as Error).message.split('\n')[0]}); using the embedded snapshot` };
  }
}

/** The header of a loaded database. */
function headerOf(db: AdvisoryDatabase): DatabaseHeader {
  return { source: db.source, date: db.date, ...(db.commit ? { commit: db.commit } : {}), count: db.advisories.length, path: db.path };
}

/**
 * Which advisory data a scan would use and what it is, as {@link loadDatabase} decides it
 * (the stored export when newer than the embedded snapshot), from the files' headers
 * alone: a scan with nothing to match (no requirement, no third-party import) needs no
 * more, and reading, parsing and indexing the whole database was a tenth of the time of a
 * scan of one small file. Falls back to {@link loadDatabase} when a file has no readable
 * header. A stored file whose header reads but whose body is corrupt is only found out
 * when its advisories are needed.
 * @throws when even the embedded snapshot cannot be read (a broken installation).
 */
export function loadDatabaseHeader(opts: { dataDir?: string } = {}): { header: DatabaseHeader; note?: string } {
  const embedded = headerCached(EMBEDDED_DB);
  const stored = join(opts.dataDir ?? defaultDataDir(), STORED_DB_NAME);
  const storedHeader = embedded && existsSync(stored) ? headerCached(stored) : undefined;
  if (!embedded || (existsSync(stored) && !storedHeader)) {
    const { db, note } = loadDatabase(opts);
    return { header: headerOf(db), ...(note ? { note } : {}) };
  }
  if (!storedHeader) return { header: embedded };
  if (!(storedHeader.date > embedded.date)) return { header: embedded, note: `stored OSV data (${storedHeader.date}) is not newer than the embedded snapshot (${embedded.date}); using the snapshot` };
  return { header: storedHeader };
}

const headers = new Map<string, DatabaseHeader | undefined>();

function headerCached(path: string): DatabaseHeader | undefined {
  if (!headers.has(path)) headers.set(path, readDatabaseHeader(path));
  return headers.get(path);
}

/** Forget loaded databases (tests, and after `krait db update`). */
export function clearDatabaseCache(): void {
  cache.clear();
  headers.clear();
}
