/**
 * The dependency and supply-chain analysis (issue 5): manifests and lock files are parsed
 * statically, every requirement is matched against the advisory database (embedded PyPA
 * snapshot, or the OSV export `krait db update` stored), and the facts the supply-chain
 * rules KR501–KR512 check (src/rules/deps/) are computed for the whole project. See
 * `facts.ts` for what the rules get, `osv.ts` for the range semantics.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { FileDiagnostic, FileKind } from '../core/file.js';
import { severityRank, type Severity } from '../core/finding.js';
import { STALE_ADVISORY_DAYS, ageInDays, loadDatabase, loadDatabaseHeader, type AdvisoryDatabase, type DatabaseHeader } from './database.js';
import type { DependencyFacts, OnlineMatch, RequirementFacts } from './facts.js';
import { ImportMap, unusedRequirements } from './imports.js';
import { DEFAULT_INCLUDE_LIMIT } from './manifests/include.js';
import { isMaliciousAdvisory, matchRequirement, suggestVersion } from './match.js';
import { OBSOLETE_DISTRIBUTIONS } from './obsolete.js';
import { queryOsvBatch } from './online.js';
import { fileHead } from './installed.js';
import { hasUpperBound, normalizeName } from './pep440.js';
import { readManifests, readSourceLines, type ReadManifest } from './read.js';
import { checkTyposquat } from './typosquat.js';
import type { AdvisoryMatch, DependencyReport, PackageIndex, Requirement, RequirementAudit } from './types.js';

export type { DependencyReport } from './types.js';
export type { DependencyFacts } from './facts.js';

/** An advisory the user accepts, with why and until when (from configuration). */
export interface AdvisoryIgnore {
  /** Advisory id or alias (`PYSEC-2021-98`, `CVE-2021-33203`, `GHSA-…`), case-insensitive. */
  id: string;
  reason: string;
  /** ISO date (`YYYY-MM-DD`); after it the advisory is reported again. */
  expires?: string;
}

/** What the dependency audit gets from the scan. */
export interface DependencyInput {
  /** Scan roots (absolute). */
  roots: string[];
  /** Manifest and lock files found by discovery (`path` relative to its root, as in findings). */
  files: { path: string; absPath: string; kind: FileKind }[];
  /**
   * Every import of the scanned Python code (absolute module names, first segment matters
   * most). `optional`: guarded by `try: … except ImportError` or `if TYPE_CHECKING:`, so
   * the code runs without it (not reported as undeclared).
   */
  imports: { module: string; path: string; line: number; optional?: boolean }[];
  /** Modules that are local to the scanned project (top-level package/module names). */
  localModules: string[];
  /** May ask the OSV API. */
  online: boolean;
  /** Advisories to leave out (by id or alias), each with a reason and an optional expiry date. */
  ignore?: AdvisoryIgnore[];
  /** Data directory holding `krait db update` data (default: `defaultDataDir()` of database.ts). */
  dataDir?: string;
  /** Size limit (bytes) of a manifest or an included file; larger ones are not read (default 5 MB). */
  maxFileSize?: number;
  /** Today's date `YYYY-MM-DD` for ignore expiry (tests); default: the clock. */
  today?: string;
  /** "Now" for the advisory data's age (tests); default: the clock. */
  now?: Date;
  /**
   * Distributions installed in an environment given as a target (`deps/installed.ts`):
   * audited as exact versions (role `lock`, format `installed`), at the `Version:` line of
   * their metadata file (`path`, display form; `absPath` to read its lines).
   */
  installed?: { name: string; version: string; path: string; absPath: string; line: number }[];
}

/** The one-line caveat of matching installed versions against the advisory data. */
export const BACKPORT_NOTE =
  'installed versions are matched as published upstream; a distribution built by a Linux distribution or a vendor may carry backported fixes under the same version';

/** Formats where a bare range is normal (libraries) and only an unconstrained name is reported. */
const LIBRARY_FORMATS = /^(pyproject|setup-cfg|setup-py|dist-metadata)/;

function emptySummary(): DependencyReport['summary'] {
  return {
    requirements: 0,
    vulnerable: 0,
    bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    unpinned: 0,
    typosquats: 0,
    undeclaredImports: 0,
    unusedDeclared: 0,
    hasLockFile: false,
  };
}

/** The most severe of `severities` (`info` for none). */
export function worstSeverity(severities: readonly Severity[]): Severity {
  return severities.reduce<Severity>((w, s) => (severityRank(s) > severityRank(w) ? s : w), 'info');
}

/**
 * Compute the dependency facts of a scan: read every file of `input.files` that is a
 * manifest or lock file (by kind or name), match each requirement against the advisory
 * database, map the code's imports onto distributions, and (with `online`) ask the OSV API
 * about exact versions (8 s timeout; offline → a one-line note in `report.database.note`).
 *
 * Unreadable or unparsable files become `FileDiagnostic`s (`read-error` / `parse-error`) and
 * the audit goes on. Never runs pip, setup.py or Python.
 * @returns the facts for the dependency rules, the dependency report (its `table` empty:
 *   it lists the rules' findings), and diagnostics.
 */
export async function dependencyFacts(input: DependencyInput): Promise<{ facts: DependencyFacts; report: DependencyReport; diagnostics: FileDiagnostic[] }> {
  const { manifests, texts, diagnostics } = readManifests(input.files, input.maxFileSize ?? DEFAULT_INCLUDE_LIMIT);
  const requirements: Requirement[] = [...manifests.flatMap((m) => m.result.requirements), ...installedRequirements(input, texts)];
  const indexes: PackageIndex[] = manifests.flatMap((m) => m.result.indexes);
  const lock = lockCoverage(manifests, requirements);
  const imports = new ImportMap(input.imports, [...input.localModules, ...firstPartyFolders(input)], requirements);
  // The advisories are read only when something is matched against them.
  const { db, database } = loadAdvisories(input.dataDir, diagnostics, requirements.length > 0 || imports.imported.size > 0 || input.online, input.now);
  const ignoreFor = ignoreList(input, manifests, diagnostics);

  const summary = emptySummary();
  summary.hasLockFile = lock.dirs.size > 0;
  const audited = auditRequirements(requirements, { db, lockFor: lock.lockFor, ignoreFor, importedAs: (r) => imports.importedAs(r) }, summary);
  const audits = audited.map((a) => a.audit);
  const { modules, undeclared } = imports.modules(requirements, audits, db);
  summary.undeclaredImports = undeclared.length;
  const unused = input.imports.length ? unusedRequirements(audits) : [];
  summary.unusedDeclared = unused.length;

  // The Python files the undeclared-import findings point at.
  for (const e of manifests.length ? undeclared : undeclared.slice(0, 1)) {
    const at = e.importedAt[0];
    if (!at || texts.has(at.path)) continue;
    const lines = readSourceLines(at.path, input.roots);
    if (lines) texts.set(at.path, lines);
  }
  const online = input.online && db ? await askOsv(audits, db, database) : [];
  if (input.installed?.length) database.note = `${database.note ? database.note + '; ' : ''}${BACKPORT_NOTE}`;

  summary.requirements = requirements.length;
  const report: DependencyReport = {
    database,
    requirements: audits,
    manifests: manifests.map((m) => ({ path: m.path, format: m.result.format, requirements: m.result.requirements.length })),
    indexes,
    modules,
    table: [],
    summary,
  };
  const facts: DependencyFacts = {
    lines: texts,
    hasManifests: manifests.length > 0,
    importCount: input.imports.length,
    requirements: audited.map((a) => a.facts),
    manifests: manifests.map((m) => ({
      path: m.path,
      format: m.result.format,
      isLock: m.result.isLock,
      requireHashes: !!m.result.requireHashes,
      dir: m.dir,
      projectLocked: lock.dirs.has(m.dir),
      requirements: m.result.requirements,
    })),
    indexes: uniqueIndexes(indexes),
    undeclared,
    unused,
    online,
  };
  return { facts, report, diagnostics };
}

/**
 * The installed distributions as exact requirements (role `lock`: an installed version is
 * what runs, nothing to pin), their metadata lines added to `texts` for the snippets.
 */
function installedRequirements(input: DependencyInput, texts: Map<string, readonly string[]>): Requirement[] {
  const out: Requirement[] = [];
  for (const d of input.installed ?? []) {
    if (!d.version) continue;
    if (!texts.has(d.path)) {
      // Only the header block up to the version line is needed for the snippet.
      const lines = fileHead(d.absPath, Math.min(d.line + 3, 200));
      if (lines) texts.set(d.path, lines);
    }
    out.push({
      name: d.name,
      normalizedName: normalizeName(d.name),
      extras: [],
      specifier: `==${d.version}`,
      version: d.version,
      hashes: [],
      group: 'installed',
      role: 'lock',
      source: { path: d.path, line: d.line, endLine: d.line, format: 'installed' },
    });
  }
  return out;
}

/**
 * Top-level names the code imports that are folders or modules of the project itself,
 * beyond the packages discovery found: a folder (a PEP 420 namespace package, with no
 * `__init__.py`) holding Python files, or a `.py` file of that name next to the importing file or in one of its
 * parent folders up to the scan root, or in a `src/` folder there — where Python would
 * find it first on `sys.path`. Such a module is never taken for a third-party one.
 */
export function firstPartyFolders(input: Pick<DependencyInput, 'imports' | 'localModules' | 'roots'>): string[] {
  const known = new Set(input.localModules);
  const found = new Set<string>();
  const seen = new Map<string, boolean>();
  const holds = (dir: string, top: string): boolean => {
    const key = `${dir}\u0000${top}`;
    let hit = seen.get(key);
    if (hit === undefined) {
      hit = holdsPython(join(dir, top)) || isFile(join(dir, `${top}.py`)) || holdsPython(join(dir, 'src', top));
      seen.set(key, hit);
    }
    return hit;
  };
  for (const imp of input.imports) {
    const top = imp.module.split('.')[0] ?? '';
    if (!top || known.has(top) || found.has(top)) continue;
    for (const root of input.roots) {
      const file = isAbsolute(imp.path) ? imp.path : join(root, imp.path);
      if (!isFile(file)) continue;
      const base = isDir(root) ? resolve(root) : dirname(resolve(root));
      for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
        if (holds(dir, top)) found.add(top);
        if (found.has(top) || dir === base || !dir.startsWith(base) || dirname(dir) === dir) break;
      }
      break;
    }
  }
  return [...found];
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A folder with Python files directly in it (a folder of yaml files named `yaml/` is not the `yaml` module). */
function holdsPython(p: string): boolean {
  try {
    return readdirSync(p).some((n) => n.endsWith('.py'));
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The advisory database (only when `needed`: otherwise undefined, and the description
 * comes from the files' headers) and the report's description of it (a diagnostic when it
 * cannot be read).
 */
function loadAdvisories(dataDir: string | undefined, diagnostics: FileDiagnostic[], needed: boolean, now?: Date): { db: AdvisoryDatabase | undefined; database: DependencyReport['database'] } {
  const database: DependencyReport['database'] = { source: 'none', date: '', advisories: 0 };
  try {
    const opts = dataDir !== undefined ? { dataDir } : {};
    let db: AdvisoryDatabase | undefined;
    let loaded: { header: DatabaseHeader; note?: string };
    if (needed) {
      const full = loadDatabase(opts);
      db = full.db;
      loaded = { header: { source: db.source, date: db.date, ...(db.commit ? { commit: db.commit } : {}), count: db.advisories.length, path: db.path }, ...(full.note ? { note: full.note } : {}) };
    } else loaded = loadDatabaseHeader(opts);
    const h = loaded.header;
    database.source = h.source;
    database.date = h.date;
    const age = ageInDays(h.date, now);
    if (age !== undefined) {
      database.ageDays = age;
      database.stale = age > STALE_ADVISORY_DAYS;
    }
    database.advisories = h.count;
    if (h.commit) database.commit = h.commit;
    if (loaded.note) database.note = loaded.note;
    return { db, database };
  } catch (e) {
    database.note = `advisory data unreadable (${(e as Error).message.split('\n')[0]}); vulnerability matching skipped`;
    diagnostics.push({ path: 'data/advisories.json.gz', kind: 'read-error', message: database.note });
    return { db: undefined, database };
  }
}

/**
 * Lock coverage: the project folders with a lock file or a requirements file in which every
 * line is pinned, and for a manifest requirement the lock entry (or constraint pin) that
 * decides which version is installed.
 */
function lockCoverage(manifests: readonly ReadManifest[], requirements: readonly Requirement[]): { dirs: Set<string>; lockFor: (r: Requirement) => Requirement | undefined } {
  const reqDir = new Map<Requirement, string>();
  for (const m of manifests) for (const r of m.result.requirements) reqDir.set(r, m.dir);
  const lockedByDir = new Map<string, Map<string, Requirement>>();
  const dirs = new Set<string>();
  for (const m of manifests) {
    const reqs = m.result.requirements.filter((r) => r.source.path === m.path);
    const fullyPinned = m.result.format === 'requirements' && reqs.length > 0 && reqs.every((r) => r.version || r.local || r.vcs?.commitPinned);
    if (!m.result.isLock && !fullyPinned) continue;
    dirs.add(m.dir);
    const map = lockedByDir.get(m.dir) ?? new Map<string, Requirement>();
    for (const r of reqs) if (r.version && !map.has(r.normalizedName)) map.set(r.normalizedName, r);
    lockedByDir.set(m.dir, map);
  }
  const constraintPins = new Map<string, Requirement>();
  for (const r of requirements) if (r.role === 'constraint' && r.version) constraintPins.set(r.normalizedName, r);
  const lockFor = (r: Requirement): Requirement | undefined => {
    const dir = reqDir.get(r);
    const l = (dir ? lockedByDir.get(dir)?.get(r.normalizedName) : undefined) ?? constraintPins.get(r.normalizedName);
    return l && l !== r && l.source.path !== r.source.path ? l : undefined;
  };
  return { dirs, lockFor };
}

/** The configured advisory ignores still in force (expired ones become a diagnostic each). */
function ignoreList(input: DependencyInput, manifests: readonly ReadManifest[], diagnostics: FileDiagnostic[]): (m: AdvisoryMatch) => AdvisoryIgnore | undefined {
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const ignores = (input.ignore ?? []).map((i) => ({ ...i, key: i.id.toUpperCase() }));
  for (const i of ignores) {
    if (i.expires && i.expires < today) {
      diagnostics.push({ path: manifests[0]?.path ?? '.', kind: 'config-error', message: `ignore entry ${i.id} expired on ${i.expires} (${i.reason}); the advisory is reported again` });
    }
  }
  return (m) => ignores.find((i) => (!i.expires || i.expires >= today) && (i.key === m.id.toUpperCase() || m.aliases.some((a) => a.toUpperCase() === i.key)));
}

/**
 * Per requirement: its advisories (unless a lock entry decides its version), suggested
 * version, typosquat and obsolete status (once per name and file), and whether it is
 * unpinned; the summary counts of those.
 */
function auditRequirements(
  requirements: readonly Requirement[],
  using: {
    db: AdvisoryDatabase | undefined;
    lockFor: (r: Requirement) => Requirement | undefined;
    ignoreFor: (m: AdvisoryMatch) => AdvisoryIgnore | undefined;
    importedAs: (r: Requirement) => string[];
  },
  summary: DependencyReport['summary'],
): { audit: RequirementAudit; facts: RequirementFacts }[] {
  const { db } = using;
  const out: { audit: RequirementAudit; facts: RequirementFacts }[] = [];
  const seen = new Set<string>();
  for (const r of requirements) {
    const audit: RequirementAudit = { requirement: r, advisories: [], importedAs: using.importedAs(r), ignored: [] };
    const locked = r.role === 'requirement' ? using.lockFor(r) : undefined;
    if (db && !locked) {
      for (const m of matchRequirement(r, db)) {
        const ig = using.ignoreFor(m);
        if (ig) audit.ignored.push({ id: m.id, reason: ig.reason, ...(ig.expires ? { expires: ig.expires } : {}) });
        else audit.advisories.push(m);
      }
      const s = suggestVersion(r, audit.advisories, db);
      if (s) audit.suggestedVersion = s;
    }
    const facts: RequirementFacts = { requirement: r, advisories: [...audit.advisories] };
    if (audit.suggestedVersion) facts.suggestedVersion = audit.suggestedVersion;
    out.push({ audit, facts });
    if (audit.advisories.length) {
      summary.vulnerable++;
      summary.bySeverity[worstSeverity(audit.advisories.map((a) => a.severity))]++;
    }
    // Typosquats and obsolete projects: once per name and file.
    const key = `${r.source.path}\u0000${r.normalizedName}`;
    if (!r.local && !seen.has(key)) {
      seen.add(key);
      const hit = checkTyposquat(r.name);
      if (hit) {
        audit.typosquatOf = hit.target;
        facts.typosquat = hit;
        summary.typosquats++;
      }
    }
    const obsolete = OBSOLETE_DISTRIBUTIONS[r.normalizedName];
    if (obsolete && !seen.has(`obsolete\u0000${key}`)) {
      seen.add(`obsolete\u0000${key}`);
      facts.obsolete = obsolete;
    }
    // Pinning.
    if (r.role === 'requirement' && !r.version && !r.local && !r.vcs && !r.url && r.group !== 'build-system' && !locked) {
      const library = LIBRARY_FORMATS.test(r.source.format);
      if (!library || r.specifier === '') {
        facts.unpinned = { library, openEnded: !hasUpperBound(r.specifier) };
        summary.unpinned++;
      }
    }
  }
  return out;
}

/** Package indexes, each (file, line, URL) once. */
function uniqueIndexes(indexes: readonly PackageIndex[]): PackageIndex[] {
  const seen = new Set<string>();
  return indexes.filter((ix) => {
    const key = `${ix.source.path}\u0000${ix.source.line}\u0000${ix.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `--online`: ask the OSV API about every exact, non-local version; advisories it names that
 * the local data lacks join the requirement's audit (medium severity, unknown source) and
 * are returned. The outcome is noted in `database.note`.
 */
async function askOsv(audits: readonly RequirementAudit[], db: AdvisoryDatabase, database: DependencyReport['database']): Promise<OnlineMatch[]> {
  const out: OnlineMatch[] = [];
  const exact = audits.filter((a) => a.requirement.version && !a.requirement.local);
  const res = await queryOsvBatch(exact.map((a) => ({ name: a.requirement.name, version: a.requirement.version as string })));
  if ('error' in res) {
    database.note = `${database.note ? database.note + '; ' : ''}--online: ${res.error}; used the local data only`;
    return out;
  }
  res.ids.forEach((ids, i) => {
    const a = exact[i];
    for (const id of ids) {
      if (a.advisories.some((m) => m.id === id || m.aliases.includes(id)) || db.find(id)) continue;
      const m: AdvisoryMatch = { id, aliases: [], summary: 'reported by the OSV API; not in the local data', severity: 'medium', severitySource: 'unknown', fixedVersions: [], url: `https://osv.dev/vulnerability/${id}`, exact: true };
      if (isMaliciousAdvisory(id)) Object.assign(m, { malicious: true, severity: 'critical' });
      a.advisories.push(m);
      out.push({ requirement: a.requirement, match: m });
    }
  });
  database.note = `${database.note ? database.note + '; ' : ''}--online: OSV API consulted for ${exact.length} pinned versions`;
  return out;
}
