/**
 * Installed environments (issue 18): what a virtualenv or a `site-packages` /
 * `dist-packages` folder holds, read from the installers' own records, never by running
 * Python. For each distribution: its name and version (`*.dist-info/METADATA`,
 * `*.egg-info/PKG-INFO`), its files (`RECORD`; for an `*.egg-info`, `installed-files.txt`,
 * else `SOURCES.txt`, else the folders and modules `top_level.txt` names), the files changed
 * since install (a `RECORD` hash that no longer matches), the files in its folders that no
 * record lists, its `RECORD` entries that point outside the scanned folder, and its console
 * entry points (`entry_points.txt`); and every `.pth` file of the site folders with its
 * `import` lines (code `site.py` runs at every interpreter start).
 *
 * Everything here is hostile input: a record path that is absolute, holds `..` out of the
 * root, a backslash or a NUL is listed, never opened; symbolic links are never followed
 * (neither as files nor as folders on the way); files past the size limits are listed as
 * not verified; the walk of the site folders is iterative and capped.
 *
 * Sources: PyPA "Recording installed projects" (RECORD, entry_points.txt)
 * <https://packaging.python.org/en/latest/specifications/recording-installed-packages/>,
 * setuptools' egg-info files, and `site` (.pth files) <https://docs.python.org/3/library/site.html>.
 */
import { createHash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import type { Severity } from '../core/finding.js';
import { normalizeName } from './pep440.js';

/** A console or GUI script an installed distribution declares (`entry_points.txt`). */
export interface EntryPoint {
  group: 'console_scripts' | 'gui_scripts';
  /** The command's name. */
  name: string;
  /** `module:function` it runs. */
  target: string;
}

/** Where a distribution's file list came from. */
export type FileListSource = 'RECORD' | 'installed-files.txt' | 'SOURCES.txt' | 'top_level.txt' | 'name' | 'none';

/** One installed distribution. Paths are relative to the environment root, `/`-separated. */
export interface InstalledDistribution {
  name: string;
  /** PEP 503 normalised name. */
  normalizedName: string;
  version: string;
  format: 'dist-info' | 'egg-info';
  /** The metadata file (`…dist-info/METADATA`, `…egg-info/PKG-INFO`, or an `.egg-info` file). */
  metadataFile: string;
  /** 1-based line of its `Version:` header (1 when absent). */
  versionLine: number;
  /**
   * Where {@link files} came from: a record, or an approximation — the folders and modules
   * `top_level.txt` names, or (`name`) the folder or module named like the distribution
   * when nothing lists its files; `none`: no file could be attributed.
   */
  fileList: FileListSource;
  /** Its files inside the root that exist and are regular files (what is analysed), sorted. */
  files: string[];
  /** Record entries that point outside the root, or are absolute or malformed (as written; never read). */
  outside: string[];
  /** Files whose content no longer matches their `RECORD` hash (changed since install). */
  modified: string[];
  /** Files `RECORD` lists that are not there (deleted since install). */
  missing: string[];
  /** Files in the distribution's own folders that no record lists (added since install). */
  unrecorded: string[];
  /** Files listed with a hash that could not be checked (symbolic link, too large, unreadable), with why. */
  unverified: { path: string; reason: string }[];
  entryPoints: EntryPoint[];
  /** Top-level import names (`top_level.txt`), when given. */
  topLevel: string[];
}

/** A `.pth` file of a site folder: its `import` lines run at every interpreter start. */
export interface PthFile {
  /** Path relative to the root. */
  path: string;
  /** The lines `site.py` executes (those starting with `import` + space or tab), 1-based. */
  importLines: { line: number; text: string }[];
  /** Lines that add a folder to `sys.path`. */
  pathLines: number;
  /** `name==version` of the distribution whose record lists it, when one does. */
  distribution?: string;
}

/** An environment read from disk. */
export interface InstalledEnvironment {
  /** Absolute path of the environment root (the scan target). */
  root: string;
  /** `virtualenv` (a `pyvenv.cfg` at the root) or `site-packages` (a site folder given or found directly). */
  kind: 'virtualenv' | 'site-packages';
  /** Site folders, relative to the root (`''` for the root itself). */
  siteDirs: string[];
  distributions: InstalledDistribution[];
  pthFiles: PthFile[];
  /** Files of the site folders that no distribution owns (analysed, attributed to none). */
  unowned: string[];
  /** Entries of the site folders not read: symbolic links, devices, folders past the caps. */
  skipped: { path: string; reason: string }[];
}

/** Limits of the reading of one environment. */
export interface EnvironmentLimits {
  /** Metadata, record and `.pth` files larger than this are not read (bytes). */
  maxFileSize: number;
  /** Files larger than this are not hashed (bytes; default 64 MB). */
  maxHashBytes: number;
  /** At most this many files are listed across the site folders (default 500,000). */
  maxFiles: number;
}

const SITE_NAMES = new Set(['site-packages', 'dist-packages']);
const HASHES = new Set(['sha224', 'sha256', 'sha384', 'sha512', 'sha3_256', 'sha3_512', 'blake2b', 'blake2s']);
const DEFAULT_LIMITS: EnvironmentLimits = { maxFileSize: 5 * 1024 * 1024, maxHashBytes: 64 * 1024 * 1024, maxFiles: 500_000 };

/**
 * Whether a folder given as a scan target is an installed environment: it holds
 * `pyvenv.cfg` (a virtualenv), is itself named `site-packages`/`dist-packages`, or has such
 * a folder directly below it and no Python module of its own (a standard library folder,
 * `lib/python3.X`, holds `site-packages` too and is scanned as code). Returns its kind and site folders (relative, `/`-separated),
 * or undefined for an ordinary folder. Symbolic links below the target are not followed.
 */
export function detectEnvironment(dir: string): { kind: InstalledEnvironment['kind']; siteDirs: string[] } | undefined {
  if (isRegularFile(path.join(dir, 'pyvenv.cfg'))) {
    const sites: string[] = [];
    // POSIX: lib/pythonX.Y/site-packages (and lib64); Windows: Lib/site-packages.
    for (const lib of ['lib', 'lib64', 'Lib']) {
      const libAbs = path.join(dir, lib);
      if (!isRealDir(libAbs)) continue;
      if (isRealDir(path.join(libAbs, 'site-packages'))) sites.push(`${lib}/site-packages`);
      for (const e of readDirSafe(libAbs)) {
        if (e.isDirectory() && /^(?:python|pypy)\d/.test(e.name) && isRealDir(path.join(libAbs, e.name, 'site-packages'))) sites.push(`${lib}/${e.name}/site-packages`);
      }
    }
    return { kind: 'virtualenv', siteDirs: sites.sort() };
  }
  if (SITE_NAMES.has(path.basename(dir))) return { kind: 'site-packages', siteDirs: [''] };
  // A folder holding a site folder (Debian's /usr/lib/python3) — unless it holds Python
  // modules of its own: lib/python3.11 is the standard library, with site-packages inside.
  const entries = readDirSafe(dir);
  const below = entries.filter((e) => e.isDirectory() && SITE_NAMES.has(e.name)).map((e) => e.name).sort();
  if (!below.length || entries.some((e) => e.isFile() && /\.pyw?$/.test(e.name))) return undefined;
  return { kind: 'site-packages', siteDirs: below };
}

/**
 * Read an environment: its distributions, `.pth` files and the files of its site folders.
 * Never throws for a bad file: what cannot be read is listed (in `skipped`, `unverified`,
 * `outside`) and the reading goes on.
 */
export function readEnvironment(root: string, found: { kind: InstalledEnvironment['kind']; siteDirs: string[] }, limits: Partial<EnvironmentLimits> = {}): InstalledEnvironment {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const env: InstalledEnvironment = { root, kind: found.kind, siteDirs: found.siteDirs, distributions: [], pthFiles: [], unowned: [], skipped: [] };
  const realRoot = realpathOr(root);
  const present = new Set<string>();
  for (const site of found.siteDirs) walkFiles(root, site, lim.maxFiles, present, env.skipped);
  const owner = new Map<string, InstalledDistribution>();
  const recorded = new Set<string>();
  for (const site of found.siteDirs) {
    for (const e of readDirSafe(path.join(root, site)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const rel = join(site, e.name);
      const dist = e.name.endsWith('.dist-info') && e.isDirectory()
        ? readDistInfo(root, realRoot, site, rel, lim, present)
        : e.name.endsWith('.egg-info') && (e.isDirectory() || e.isFile())
          ? readEggInfo(root, site, rel, e.isDirectory(), lim, present)
          : undefined;
      if (!dist) continue;
      env.distributions.push(dist);
      for (const f of dist.files) if (!owner.has(f)) owner.set(f, dist);
      if (dist.fileList === 'RECORD' || dist.fileList === 'installed-files.txt') for (const f of [...dist.files, ...dist.missing]) recorded.add(f);
    }
  }
  findUnrecorded(found.siteDirs, env.distributions, present, recorded, owner);
  env.unowned = [...present].filter((f) => !owner.has(f) && !f.endsWith('.pth') && !/(?:^|\/)__pycache__\//.test(f)).sort();
  for (const site of found.siteDirs) {
    for (const e of readDirSafe(path.join(root, site))) {
      if (!e.isFile() || !e.name.endsWith('.pth')) continue;
      const rel = join(site, e.name);
      const pth = readPth(root, rel, lim.maxFileSize);
      const d = owner.get(rel);
      if (d) pth.distribution = `${d.name}==${d.version}`;
      env.pthFiles.push(pth);
    }
  }
  env.pthFiles.sort((a, b) => (a.path < b.path ? -1 : 1));
  env.distributions.sort((a, b) => (a.normalizedName < b.normalizedName ? -1 : a.normalizedName > b.normalizedName ? 1 : a.metadataFile < b.metadataFile ? -1 : 1));
  return env;
}

/** Every regular file under `root/site` (relative to root) into `out`; links and special files into `skipped`. Iterative; at most `max` files. */
function walkFiles(root: string, site: string, max: number, out: Set<string>, skipped: InstalledEnvironment['skipped']): void {
  const stack = [site];
  while (stack.length) {
    const rel = stack.pop()!;
    for (const e of readDirSafe(path.join(root, rel))) {
      const child = join(rel, e.name);
      if (e.isSymbolicLink()) skipped.push({ path: child, reason: 'symbolic link in an installed environment (not followed)' });
      else if (e.isDirectory()) stack.push(child);
      else if (e.isFile()) {
        if (out.size >= max) {
          skipped.push({ path: child, reason: `more than ${max} files in the environment (not listed)` });
          return;
        }
        out.add(child);
      } else skipped.push({ path: child, reason: 'not a regular file (device, socket or pipe)' });
    }
  }
}

/** A `*.dist-info` folder: METADATA, RECORD (checked), entry points, top-level names. */
function readDistInfo(root: string, realRoot: string, site: string, rel: string, lim: EnvironmentLimits, present: ReadonlySet<string>): InstalledDistribution | undefined {
  const metaRel = join(rel, 'METADATA');
  const meta = readText(root, metaRel, lim.maxFileSize);
  const id = meta !== undefined ? parseIdentity(meta) : undefined;
  const fallback = nameFromFolder(path.posix.basename(rel), '.dist-info');
  const name = id?.name ?? fallback.name;
  if (!name) return undefined;
  const dist = newDistribution(name, id?.version ?? fallback.version, 'dist-info', metaRel, id?.versionLine ?? 1);
  const record = readText(root, join(rel, 'RECORD'), lim.maxFileSize);
  if (record === undefined) {
    dist.fileList = 'none';
  } else {
    for (const row of parseRecord(record)) checkRecordEntry(root, realRoot, site, row, dist, lim, present);
  }
  addEntryPoints(dist, readText(root, join(rel, 'entry_points.txt'), lim.maxFileSize));
  dist.topLevel = topLevelNames(readText(root, join(rel, 'top_level.txt'), lim.maxFileSize));
  if (dist.fileList === 'none' && dist.topLevel.length) {
    dist.fileList = 'top_level.txt';
    dist.files = topLevelFiles(site, dist.topLevel, present);
  }
  finish(dist);
  return dist;
}

/** An `*.egg-info` folder (or single file): PKG-INFO, then installed-files.txt, SOURCES.txt or top_level.txt. */
function readEggInfo(root: string, site: string, rel: string, isDir: boolean, lim: EnvironmentLimits, present: ReadonlySet<string>): InstalledDistribution | undefined {
  const metaRel = isDir ? join(rel, 'PKG-INFO') : rel;
  const meta = readText(root, metaRel, lim.maxFileSize);
  const id = meta !== undefined ? parseIdentity(meta) : undefined;
  const fallback = nameFromFolder(path.posix.basename(rel), '.egg-info');
  const name = id?.name ?? fallback.name;
  if (!name) return undefined;
  const dist = newDistribution(name, id?.version ?? fallback.version, 'egg-info', metaRel, id?.versionLine ?? 1);
  if (!isDir) {
    guessFromName(site, dist, present);
    finish(dist);
    return dist;
  }
  const installed = readText(root, join(rel, 'installed-files.txt'), lim.maxFileSize);
  if (installed !== undefined) {
    dist.fileList = 'installed-files.txt';
    // Paths relative to the egg-info folder itself.
    for (const line of installed.split(/\r?\n/)) {
      const entry = line.trim();
      if (!entry) continue;
      const resolved = resolveEntry(rel, entry);
      if (!resolved) dist.outside.push(entry);
      else if (present.has(resolved)) dist.files.push(resolved);
      else if (!isListedLink(root, resolved, dist)) dist.missing.push(resolved);
    }
  }
  dist.topLevel = topLevelNames(readText(root, join(rel, 'top_level.txt'), lim.maxFileSize));
  if (installed === undefined) {
    const sources = readText(root, join(rel, 'SOURCES.txt'), lim.maxFileSize);
    const fromSources = sources !== undefined ? sourcesFiles(site, sources, present) : [];
    if (fromSources.length) {
      dist.fileList = 'SOURCES.txt';
      dist.files = fromSources;
    } else if (dist.topLevel.length) {
      dist.fileList = 'top_level.txt';
      dist.files = topLevelFiles(site, dist.topLevel, present);
    } else guessFromName(site, dist, present);
    // The egg-info folder's own files belong to it.
    for (const f of present) if (f.startsWith(`${rel}/`)) dist.files.push(f);
  }
  addEntryPoints(dist, readText(root, join(rel, 'entry_points.txt'), lim.maxFileSize));
  finish(dist);
  return dist;
}

function newDistribution(name: string, version: string, format: InstalledDistribution['format'], metadataFile: string, versionLine: number): InstalledDistribution {
  return {
    name,
    normalizedName: normalizeName(name),
    version,
    format,
    metadataFile,
    versionLine,
    fileList: 'RECORD',
    files: [],
    outside: [],
    modified: [],
    missing: [],
    unrecorded: [],
    unverified: [],
    entryPoints: [],
    topLevel: [],
  };
}

function finish(dist: InstalledDistribution): void {
  dist.files = [...new Set(dist.files)].sort();
  dist.missing = [...new Set(dist.missing)].sort();
  dist.modified.sort();
}

/** One RECORD row: resolve it, list it when it points outside, check its hash when it is inside. */
function checkRecordEntry(root: string, realRoot: string, site: string, row: RecordRow, dist: InstalledDistribution, lim: EnvironmentLimits, present: ReadonlySet<string>): void {
  const rel = resolveEntry(site, row.path);
  if (!rel) {
    dist.outside.push(row.path);
    return;
  }
  if (!present.has(rel)) {
    // Outside the site folders but inside the root (a virtualenv's bin/): check it exists as a regular file.
    const st = lstatOr(path.join(root, rel));
    if (!st) {
      dist.missing.push(rel);
      return;
    }
    if (st.isSymbolicLink() || !st.isFile() || !insideReal(realRoot, path.dirname(path.join(root, rel)))) {
      dist.unverified.push({ path: rel, reason: st.isSymbolicLink() ? 'symbolic link (not followed)' : 'not a regular file inside the environment' });
      return;
    }
  }
  dist.files.push(rel);
  if (!row.hash) return;
  const eq = row.hash.indexOf('=');
  const algo = row.hash.slice(0, eq).toLowerCase();
  if (eq <= 0 || !HASHES.has(algo)) {
    dist.unverified.push({ path: rel, reason: `hash algorithm ${algo || '(none)'} not checked` });
    return;
  }
  const st = lstatOr(path.join(root, rel));
  if (!st || Number(st.size) > lim.maxHashBytes) {
    dist.unverified.push({ path: rel, reason: st ? `larger than ${lim.maxHashBytes} bytes (not hashed)` : 'cannot be read' });
    return;
  }
  try {
    const digest = createHash(algo.replace('_', '-')).update(readFileSync(path.join(root, rel))).digest();
    // The specification says urlsafe base64 without padding; Debian's records hold hex digests.
    const want = row.hash.slice(eq + 1).replace(/=+$/, '');
    if (want !== digest.toString('base64url') && want.toLowerCase() !== digest.toString('hex')) dist.modified.push(rel);
  } catch {
    dist.unverified.push({ path: rel, reason: 'cannot be read' });
  }
}

/**
 * Files in a distribution's own top-level folders (the folders directly in a site folder that
 * its record lists files in, caches left out) that no record of the environment lists.
 */
function findUnrecorded(siteDirs: string[], dists: InstalledDistribution[], present: ReadonlySet<string>, recorded: ReadonlySet<string>, owner: Map<string, InstalledDistribution>): void {
  const prefixes = siteDirs.map((s) => (s ? `${s}/` : ''));
  const topOf = (f: string): string | undefined => {
    for (const p of prefixes) {
      if (!f.startsWith(p)) continue;
      const slash = f.indexOf('/', p.length);
      if (slash > p.length) return f.slice(0, slash);
    }
    return undefined;
  };
  const folderOwner = new Map<string, InstalledDistribution>();
  for (const d of dists) {
    if (d.fileList !== 'RECORD' && d.fileList !== 'installed-files.txt') continue;
    for (const f of d.files) {
      const top = topOf(f);
      if (top && !folderOwner.has(top)) folderOwner.set(top, d);
    }
  }
  for (const f of present) {
    if (recorded.has(f) || owner.has(f) || /(?:^|\/)__pycache__\//.test(f) || f.endsWith('.pyc')) continue;
    const top = topOf(f);
    const d = top === undefined ? undefined : folderOwner.get(top);
    if (!d) continue;
    d.unrecorded.push(f);
    d.files.push(f);
    owner.set(f, d);
  }
  for (const d of dists) {
    d.unrecorded.sort();
    d.files.sort();
  }
}

interface RecordRow {
  path: string;
  hash: string;
}

/** RECORD is CSV (path, hash, size); paths holding commas or quotes are quoted. */
export function parseRecord(text: string): RecordRow[] {
  const rows: RecordRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const cells: string[] = [];
    let i = 0;
    while (i <= line.length && cells.length < 3) {
      if (line[i] === '"') {
        let cell = '';
        i++;
        while (i < line.length) {
          if (line[i] === '"' && line[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else if (line[i] === '"') {
            i++;
            break;
          } else cell += line[i++];
        }
        cells.push(cell);
        const comma = line.indexOf(',', i);
        i = comma < 0 ? line.length + 1 : comma + 1;
      } else {
        const comma = line.indexOf(',', i);
        cells.push(line.slice(i, comma < 0 ? undefined : comma));
        i = comma < 0 ? line.length + 1 : comma + 1;
      }
    }
    if (cells[0]) rows.push({ path: cells[0], hash: cells[1] ?? '' });
  }
  return rows;
}

/**
 * A record path resolved against `base` (relative to the root), or undefined when it is
 * absolute, malformed (backslash, NUL, drive letter) or leaves the root.
 */
function resolveEntry(base: string, entry: string): string | undefined {
  if (!entry || entry.includes('\0') || entry.includes('\\') || entry.startsWith('/') || /^[A-Za-z]:/.test(entry)) return undefined;
  const joined = path.posix.normalize(base ? `${base}/${entry}` : entry);
  if (joined === '..' || joined.startsWith('../') || joined === '.' || path.posix.isAbsolute(joined)) return undefined;
  return joined;
}

/** A listed path that exists but is a symbolic link or special file: noted as unverified, not missing. */
function isListedLink(root: string, rel: string, dist: InstalledDistribution): boolean {
  const st = lstatOr(path.join(root, rel));
  if (!st) return false;
  dist.unverified.push({ path: rel, reason: st.isSymbolicLink() ? 'symbolic link (not followed)' : 'not a regular file' });
  return true;
}

/** `top_level.txt`: one import name a line (only plain dotted names are kept). */
function topLevelNames(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^[A-Za-z_][\w.]{0,200}$/.test(l)))].slice(0, 1000);
}

/** The files a set of top-level names covers in a site folder: `name/**`, `name.py`, `name.*.so`/`.pyd`. */
function topLevelFiles(site: string, names: string[], present: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const dirs = names.map((n) => join(site, n.replace(/\./g, '/')) + '/');
  const modules = new Set(names.map((n) => join(site, n)));
  for (const f of present) {
    if (dirs.some((d) => f.startsWith(d))) out.push(f);
    else {
      const m = /^(.*?)(?:\.py|\.pyw|\.[^/]*\.(?:so|pyd)|\.so|\.pyd)$/.exec(f);
      if (m && modules.has(m[1])) out.push(f);
    }
  }
  return out;
}

/** No file list at all: the folder or module named like the distribution (`python-foo` → `foo`), if there is one. */
function guessFromName(site: string, dist: InstalledDistribution, present: ReadonlySet<string>): void {
  const base = dist.normalizedName.replace(/-/g, '_');
  const files = topLevelFiles(site, [...new Set([base, base.replace(/^python_/, '')])], present);
  dist.fileList = files.length ? 'name' : 'none';
  dist.files = files;
}

/** SOURCES.txt lists source-tree paths: kept are those found in the site folder as written or without their first folder (`src/`, `lib/`). */
function sourcesFiles(site: string, text: string, present: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim();
    if (!entry || entry.endsWith('.egg-info') || entry.includes('.egg-info/')) continue;
    for (const cand of [entry, entry.slice(entry.indexOf('/') + 1)]) {
      const r = resolveEntry(site, cand);
      if (r && present.has(r)) {
        out.push(r);
        break;
      }
    }
  }
  return out;
}

/** `[console_scripts]` and `[gui_scripts]` of `entry_points.txt` (INI). */
function addEntryPoints(dist: InstalledDistribution, text: string | undefined): void {
  if (!text) return;
  let group: EntryPoint['group'] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (section) {
      group = section[1] === 'console_scripts' || section[1] === 'gui_scripts' ? section[1] : undefined;
      continue;
    }
    if (!group || !line || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    if (dist.entryPoints.length >= 1000) return;
    dist.entryPoints.push({ group, name: line.slice(0, eq).trim(), target: line.slice(eq + 1).trim() });
  }
}

/** Name, version and the version's line from core metadata headers (the block before the first blank line). */
export function parseIdentity(text: string): { name: string; version: string; versionLine: number } | undefined {
  let name = '';
  let version = '';
  let versionLine = 1;
  const lines = text.split(/\r\n|\r|\n/, 200);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim()) break;
    const m = /^(Name|Version):[ \t]*(.*?)\s*$/i.exec(l);
    if (!m) continue;
    if (m[1].toLowerCase() === 'name' && !name) name = m[2].slice(0, 200);
    else if (m[1].toLowerCase() === 'version' && !version) {
      version = m[2].slice(0, 100);
      versionLine = i + 1;
    }
  }
  return name ? { name, version, versionLine } : undefined;
}

/** `name-1.0.dist-info` → name and version (for a folder whose metadata cannot be read). */
function nameFromFolder(folder: string, suffix: string): { name: string; version: string } {
  const stem = folder.slice(0, -suffix.length);
  const m = /^([^-]+)-([^-]+)/.exec(stem);
  return m ? { name: m[1], version: m[2] } : { name: stem, version: '' };
}

/** A `.pth` file: lines starting with `import` (space or tab) are executed by `site.py`; other non-comment lines are paths. */
function readPth(root: string, rel: string, maxFileSize: number): PthFile {
  const pth: PthFile = { path: rel, importLines: [], pathLines: 0 };
  const text = readText(root, rel, maxFileSize);
  if (text === undefined) return pth;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim() || l.startsWith('#')) continue;
    if (/^import[ \t]/.test(l)) pth.importLines.push({ line: i + 1, text: l.slice(0, 2000) });
    else pth.pathLines++;
  }
  return pth;
}

/** A regular file's text (never through a link; at most `max` bytes), or undefined. */
function readText(root: string, rel: string, max: number): string | undefined {
  const abs = path.join(root, rel);
  const st = lstatOr(abs);
  if (!st || !st.isFile() || Number(st.size) > max) return undefined;
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

function join(a: string, b: string): string {
  return a ? `${a}/${b}` : b;
}

function readDirSafe(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function lstatOr(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

function isRegularFile(p: string): boolean {
  return lstatOr(p)?.isFile() ?? false;
}

function isRealDir(p: string): boolean {
  return lstatOr(p)?.isDirectory() ?? false;
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Is `dir` (resolved) inside `realRoot`? */
function insideReal(realRoot: string, dir: string): boolean {
  const r = realpathOr(dir);
  return r === realRoot || r.startsWith(realRoot + path.sep);
}

/**
 * The first `maxLines` lines of a regular file (at most 64 KB read; never through a link),
 * for snippets at a metadata file's `Version:` line; undefined when it cannot be read.
 */
export function fileHead(absPath: string, maxLines: number): string[] | undefined {
  const st = lstatOr(absPath);
  if (!st?.isFile()) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(absPath, 'r');
    const buf = Buffer.alloc(Math.min(Number(st.size), 64 * 1024));
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').split(/\r\n|\r|\n/).slice(0, maxLines);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** One row of an environment's per-distribution table (environment mode, `report.environments`). */
export interface DistributionAudit {
  name: string;
  version: string;
  /** Display path of its metadata file. */
  metadata: string;
  fileList: FileListSource;
  /** Files of the distribution that were analysed. */
  files: number;
  /** Advisories affecting the installed version (KR501). */
  advisories: { id: string; severity: Severity; fixedVersions: string[] }[];
  /** Findings at high or critical severity in its files (advisories not counted). */
  highFindings: number;
  /** Egress channels of its files that can send data out (`http`, `socket`…). */
  egressChannels: string[];
  /** Malicious-package indicator rules (KR601–KR610, B613) found in its files. */
  indicators: string[];
  /** The package verdict's risk level from those indicators. */
  risk: 'none' | 'low' | 'medium' | 'high' | 'critical';
  entryPoints: EntryPoint[];
  /** Files changed since install (`RECORD` hash mismatch). */
  modified: string[];
  /** Files the record lists that are gone. */
  missing: string[];
  /** Files in its folders that no record lists. */
  unrecorded: string[];
  /** Record entries outside the scanned root, or absolute or malformed (listed, never read). */
  outside: string[];
  /** Files listed with a hash that could not be checked, with why. */
  unverified: { path: string; reason: string }[];
}

/** One installed environment as the report shows it. */
export interface EnvironmentAudit {
  /** Display path of the environment root. */
  path: string;
  kind: InstalledEnvironment['kind'];
  siteDirs: string[];
  /** How installed versions are matched against the advisory data (backported fixes). */
  note: string;
  distributions: DistributionAudit[];
  pthFiles: PthFile[];
  /** Files no distribution owns (analysed, attributed to none): count and the first 50. */
  unowned: { count: number; first: string[] };
}
