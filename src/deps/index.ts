/**
 * The dependency and supply-chain audit (issue 5): manifests and lock files are parsed
 * statically, every requirement is matched against the advisory database (embedded
 * PyPA snapshot, or the OSV export `krait db update` stored), and the supply-chain
 * checks KR501–KR512 run over the whole project. See `rules.ts` for the rules and
 * their CWEs, `osv.ts` for the range semantics.
 */
import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_INCLUDE_LIMIT, localTarget, outsideReason, readInclude } from './manifests/include.js';
import { dirname, isAbsolute, join, posix, resolve } from 'node:path';
import type { Finding, Severity } from '../core/finding.js';
import { severityRank, SEVERITIES } from '../core/finding.js';
import type { FileDiagnostic, FileKind } from '../core/file.js';
import { snippetAt, splitLines } from '../core/snippet.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { loadDatabase, type AdvisoryDatabase } from './database.js';
import {
  ALTERNATIVE_DISTRIBUTIONS,
  ENVIRONMENT_MODULES,
  NOT_IMPORTED_DISTRIBUTIONS,
  distributionForImport,
  importsForDistribution,
} from './import-map.js';
import { isPlainHttp, isPypi } from './manifests/common.js';
import { manifestKind, parseManifest, type ManifestResult } from './manifests/index.js';
import { parseRequirementsTxt } from './manifests/requirements-txt.js';
import { matchRequirement, suggestVersion } from './match.js';
import { queryOsvBatch } from './online.js';
import { compareVersions, hasUpperBound, normalizeName, satisfies } from './pep440.js';
import {
  EXTRA_INDEX,
  INSECURE_INDEX,
  MISSING_HASHES,
  NO_LOCK_FILE,
  OBSOLETE_DEPENDENCY,
  TYPOSQUAT,
  UNDECLARED_IMPORT,
  UNPINNED_REQUIREMENT,
  UNUSED_DEPENDENCY,
  VCS_WITHOUT_COMMIT,
  VULNERABLE_DEPENDENCY,
  VULNERABLE_RANGE,
} from './rules.js';
import { OBSOLETE_DISTRIBUTIONS } from './obsolete.js';
import { isStdlibModule } from '../python/stdlib-modules.js';
import { rowsFromFindings } from './table.js';
import { checkTyposquat } from './typosquat.js';
import type { AdvisoryMatch, DependencyReport, ModuleIntelligence, PackageIndex, Requirement, RequirementAudit } from './types.js';

export { updateDatabase } from './update.js';
export { DEPENDENCY_RULES } from './rules.js';
export { STDLIB_MODULES } from '../python/stdlib-modules.js';
export type { DependencyReport } from './types.js';

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
  /** Cache directory holding `krait db update` data (default: the user cache). */
  cacheDir?: string;
  /** Size limit (bytes) of a manifest or an included file; larger ones are not read (default 5 MB). */
  maxFileSize?: number;
  /** Today's date `YYYY-MM-DD` for ignore expiry (tests); default: the clock. */
  today?: string;
}

type Result = { findings: Finding[]; report: DependencyReport; diagnostics: FileDiagnostic[] };

const LOCK_FORMATS = new Set(['pipfile-lock', 'poetry-lock', 'uv-lock', 'pdm-lock', 'pylock']);
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

function worst(severities: Severity[]): Severity {
  return severities.reduce<Severity>((w, s) => (severityRank(s) > severityRank(w) ? s : w), 'info');
}

/** Project key of a file: its scan root and folder. */
function dirKey(root: string, path: string): string {
  return `${root}\u0000${posix.dirname(path.split('\\').join('/'))}`;
}

/**
 * Audit manifests, lock files and imports against the advisory database.
 *
 * Reads every file of `input.files` that is a manifest or lock file (by kind or name);
 * unreadable or unparsable files become `FileDiagnostic`s (`read-error` / `parse-error`)
 * and the audit goes on. Never runs pip, setup.py or Python. With `online`, also asks
 * the OSV API about exact versions (8 s timeout; offline → a one-line note in
 * `report.database.note`).
 * @returns findings (category `dependencies`, rules KR501–KR512, fingerprints empty for
 *   the engine to fill), the dependency report, and diagnostics.
 */
export async function analyzeDependencies(input: DependencyInput): Promise<Result> {
  const diagnostics: FileDiagnostic[] = [];
  const findings: Finding[] = [];
  const texts = new Map<string, string[]>(); // reported path → lines
  const manifests: { result: ManifestResult; path: string; root: string; dir: string }[] = [];
  const seen = new Set<string>();

  // Files reached through `-c` are constraint files wherever they are discovered.
  const candidates = input.files
    .map((f) => ({ ...f, mkind: manifestKind(f.path, f.kind) }))
    .filter((f): f is typeof f & { mkind: NonNullable<typeof f.mkind> } => f.mkind !== undefined)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const fileTexts = new Map<string, string>();
  const constraintFiles = new Set<string>();
  const maxBytes = input.maxFileSize ?? DEFAULT_INCLUDE_LIMIT;
  for (const f of candidates) {
    try {
      const size = statSync(f.absPath).size;
      if (size > maxBytes) {
        diagnostics.push({ path: f.path, kind: 'read-error', message: `not read: larger than the size limit (${size} bytes > ${maxBytes}; raise it with --max-file-size)` });
        continue;
      }
      const text = readFileSync(f.absPath, 'utf8');
      fileTexts.set(f.absPath, text);
      if (f.mkind === 'requirements') {
        for (const m of text.matchAll(/^\s*(?:-c|--constraint)[=\s]+(\S+)/gm)) constraintFiles.add(resolve(dirname(f.absPath), m[1] ?? ''));
      }
    } catch (e) {
      diagnostics.push({ path: f.path, kind: 'read-error', message: `cannot read ${f.path} (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  // Includers first, so that included files keep their role and are read once.
  const order = [...candidates].sort((a, b) => Number(constraintFiles.has(resolve(a.absPath))) - Number(constraintFiles.has(resolve(b.absPath))));
  for (const f of order) {
    const text = fileTexts.get(f.absPath);
    if (text === undefined || seen.has(resolve(f.absPath))) continue;
    const root = rootOf(f.absPath, f.path);
    const result =
      f.mkind === 'requirements'
        ? parseManifestWithRole(f, text, root, seen, constraintFiles.has(resolve(f.absPath)), maxBytes)
        : parseManifest({ path: f.path, absPath: f.absPath, text }, f.mkind, { root, seen });
    seen.add(resolve(f.absPath));
    texts.set(f.path, splitLines(text));
    for (const inc of result.included ?? []) {
      // Only the files the parser followed (inside the root, regular, within the limit), read again under the same checks.
      const got = readInclude(isAbsolute(inc) ? inc : join(root, inc), root, maxBytes);
      if (got.ok) texts.set(inc, splitLines(got.text));
    }
    checkLocalSources(result, f.absPath, root, diagnostics);
    diagnostics.push(...result.diagnostics);
    manifests.push({ result, path: f.path, root, dir: dirKey(root, f.path) });
  }

  // The advisory database.
  let db: AdvisoryDatabase | undefined;
  const database: DependencyReport['database'] = { source: 'none', date: '', advisories: 0 };
  try {
    const loaded = loadDatabase(input.cacheDir !== undefined ? { cacheDir: input.cacheDir } : {});
    db = loaded.db;
    database.source = db.source;
    database.date = db.date;
    database.advisories = db.advisories.length;
    if (db.commit) database.commit = db.commit;
    if (loaded.note) database.note = loaded.note;
  } catch (e) {
    database.note = `advisory data unreadable (${(e as Error).message.split('\n')[0]}); vulnerability matching skipped`;
    diagnostics.push({ path: 'data/advisories.json.gz', kind: 'read-error', message: database.note });
  }

  const requirements: Requirement[] = manifests.flatMap((m) => m.result.requirements);
  const indexes: PackageIndex[] = manifests.flatMap((m) => m.result.indexes);
  const reqDir = new Map<Requirement, string>();
  for (const m of manifests) for (const r of m.result.requirements) reqDir.set(r, m.dir);

  // Lock coverage: lock files, and requirements files in which every line is pinned.
  const lockedByDir = new Map<string, Map<string, Requirement>>();
  const lockDirs = new Set<string>();
  for (const m of manifests) {
    const reqs = m.result.requirements.filter((r) => r.source.path === m.path);
    const fullyPinned = m.result.format === 'requirements' && reqs.length > 0 && reqs.every((r) => r.version || r.local || r.vcs?.commitPinned);
    if (!m.result.isLock && !fullyPinned) continue;
    lockDirs.add(m.dir);
    const map = lockedByDir.get(m.dir) ?? new Map<string, Requirement>();
    for (const r of reqs) if (r.version && !map.has(r.normalizedName)) map.set(r.normalizedName, r);
    lockedByDir.set(m.dir, map);
  }
  const constraintPins = new Map<string, Requirement>();
  for (const r of requirements) if (r.role === 'constraint' && r.version) constraintPins.set(r.normalizedName, r);

  /** The lock entry (or constraint pin) that decides which version of a manifest requirement is installed. */
  const lockFor = (r: Requirement): Requirement | undefined => {
    const dir = reqDir.get(r);
    const l = (dir ? lockedByDir.get(dir)?.get(r.normalizedName) : undefined) ?? constraintPins.get(r.normalizedName);
    return l && l !== r && l.source.path !== r.source.path ? l : undefined;
  };

  // Ignore list.
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const ignores = (input.ignore ?? []).map((i) => ({ ...i, key: i.id.toUpperCase() }));
  for (const i of ignores) {
    if (i.expires && i.expires < today) {
      diagnostics.push({ path: manifests[0]?.path ?? '.', kind: 'config-error', message: `ignore entry ${i.id} expired on ${i.expires} (${i.reason}); the advisory is reported again` });
    }
  }
  const ignoreFor = (m: AdvisoryMatch): AdvisoryIgnore | undefined =>
    ignores.find((i) => (!i.expires || i.expires >= today) && (i.key === m.id.toUpperCase() || m.aliases.some((a) => a.toUpperCase() === i.key)));

  // Imports → distributions.
  const reverse = importsForDistribution();
  const declaredNames = new Set(requirements.map((r) => r.normalizedName));
  const local = new Set(input.localModules.map((m) => m.split('.')[0] ?? m));
  const thirdParty = new Map<string, { module: string; dist: string; at: { path: string; line: number }[]; required: boolean }>();
  for (const imp of input.imports) {
    if (!imp.module || imp.module.startsWith('.')) continue;
    const top = imp.module.split('.')[0] ?? imp.module;
    if (isStdlibModule(top) || local.has(top) || ENVIRONMENT_MODULES.has(top)) continue;
    const dist = distributionForImport(imp.module);
    const key = normalizeName(dist);
    const entry = thirdParty.get(key) ?? { module: top === 'google' || top === 'azure' ? imp.module.split('.').slice(0, 3).join('.') : top, dist, at: [], required: false };
    entry.at.push({ path: imp.path, line: imp.line });
    if (!imp.optional) entry.required = true;
    thirdParty.set(key, entry);
  }
  const distCandidates = (module: string, dist: string): string[] => {
    const top = module.split('.')[0] ?? module;
    return [dist, top, ...(ALTERNATIVE_DISTRIBUTIONS[top] ?? [])].map(normalizeName);
  };
  const isDeclared = (module: string, dist: string): boolean => {
    const top = module.split('.')[0] ?? module;
    if (distCandidates(module, dist).some((d) => declaredNames.has(d))) return true;
    for (const name of declaredNames) if (reverse.get(name)?.includes(top)) return true;
    return false;
  };
  const importedAs = (r: Requirement): string[] => {
    const out: string[] = [];
    for (const e of thirdParty.values()) {
      if (distCandidates(e.module, e.dist).includes(r.normalizedName) || reverse.get(r.normalizedName)?.includes(e.module.split('.')[0] ?? '')) out.push(e.module);
    }
    return out;
  };

  // Per requirement: advisories, typosquats, pinning, VCS, hashes.
  const audits: RequirementAudit[] = [];
  const typoSeen = new Set<string>();
  const summary = emptySummary();
  summary.hasLockFile = lockDirs.size > 0;
  for (const r of requirements) {
    const audit: RequirementAudit = { requirement: r, advisories: [], importedAs: importedAs(r), ignored: [] };
    audits.push(audit);
    const locked = r.role === 'requirement' ? lockFor(r) : undefined;
    if (db && !locked) {
      for (const m of matchRequirement(r, db)) {
        const ig = ignoreFor(m);
        if (ig) audit.ignored.push({ id: m.id, reason: ig.reason, ...(ig.expires ? { expires: ig.expires } : {}) });
        else audit.advisories.push(m);
      }
      const s = suggestVersion(r, audit.advisories, db);
      if (s) audit.suggestedVersion = s;
    }
    const exact = audit.advisories.filter((a) => a.exact);
    const ranged = audit.advisories.filter((a) => !a.exact);
    for (const a of exact) {
      const ids = [a.id, ...a.aliases].join(', ');
      findings.push(
        finding(VULNERABLE_DEPENDENCY, r, texts, {
          severity: a.severity,
          message: `${r.name} ${r.version} is affected by ${ids}${a.summary ? `: ${a.summary}` : ''}${a.fixedVersions.length ? ` (fixed in ${a.fixedVersions.join(', ')})` : ' (no fixed version published)'}`,
          fix: audit.suggestedVersion ? `upgrade to ${r.name}==${audit.suggestedVersion}` : `no fixed release is known: replace ${r.name} or mitigate ${a.id}`,
          properties: advisoryProperties(r, a, audit.suggestedVersion),
        }),
      );
    }
    if (ranged.length && r.group !== 'build-system') {
      const lo = ranged.map((a) => a.allowedAffected?.lowest ?? '').filter(Boolean);
      const hi = ranged.map((a) => a.allowedAffected?.highest ?? '').filter(Boolean);
      const sortedLo = [...lo].sort(compareVersions);
      const sortedHi = [...hi].sort(compareVersions);
      const fixExcluded = audit.suggestedVersion !== undefined && !satisfiesReq(r, audit.suggestedVersion) && hasUpperBound(r.specifier);
      const sev: Severity = fixExcluded ? worst(ranged.map((a) => a.severity)) : 'low';
      const spec = r.specifierAnyOf?.join(' || ') ?? (r.specifier || 'any version');
      const ids = ranged.map((a) => a.id);
      findings.push(
        finding(VULNERABLE_RANGE, r, texts, {
          severity: sev,
          confidence: fixExcluded ? 'high' : 'medium',
          message: `${r.name} ${spec} allows ${sortedLo[0]}–${sortedHi[sortedHi.length - 1]}, affected by ${ids.length} advisor${ids.length === 1 ? 'y' : 'ies'} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})${fixExcluded ? '; the range excludes every fixed version' : ''}`,
          fix: audit.suggestedVersion ? `require ${r.name}>=${audit.suggestedVersion}` : `no fixed release is known for ${r.name}`,
          properties: {
            package: r.name,
            specifier: spec,
            advisories: ranged.map((a) => ({ id: a.id, aliases: a.aliases, fixedVersions: a.fixedVersions, severity: a.severity, severitySource: a.severitySource, allows: a.allowedAffected })),
            suggestedVersion: audit.suggestedVersion,
            worstSeverity: worst(ranged.map((a) => a.severity)),
          },
        }),
      );
    }
    if (audit.advisories.length) {
      summary.vulnerable++;
      summary.bySeverity[worst(audit.advisories.map((a) => a.severity))]++;
    }

    // Typosquatting (once per name and file).
    const typoKey = `${r.source.path}\u0000${r.normalizedName}`;
    if (!r.local && !typoSeen.has(typoKey)) {
      typoSeen.add(typoKey);
      const hit = checkTyposquat(r.name);
      if (hit) {
        audit.typosquatOf = hit.target;
        summary.typosquats++;
        findings.push(
          finding(TYPOSQUAT, r, texts, {
            confidence: hit.confidence,
            severity: hit.confidence === 'low' ? 'medium' : 'high',
            message: `${r.name} is not a popular project but is ${hit.distance} edit${hit.distance === 1 ? '' : 's'} away from ${hit.target} (download rank ${hit.targetRank}): possible typosquat`,
            fix: `check the name: did you mean ${hit.target}?`,
            properties: { package: r.name, version: r.version ?? r.specifier, lookalike: hit.target, lookalikeRank: hit.targetRank, distance: hit.distance },
          }),
        );
      }
    }

    // Obsolete projects (once per name and file, like typosquats).
    const obsolete = OBSOLETE_DISTRIBUTIONS[r.normalizedName];
    if (obsolete && !typoSeen.has(`obsolete\u0000${typoKey}`)) {
      typoSeen.add(`obsolete\u0000${typoKey}`);
      findings.push(
        finding(OBSOLETE_DEPENDENCY, r, texts, {
          message: `${r.name} is obsolete: ${obsolete.reason}`,
          fix: `replace it with ${obsolete.instead}`,
          properties: { package: r.name, version: r.version ?? r.specifier, reason: obsolete.reason, instead: obsolete.instead },
        }),
      );
    }

    // Pinning.
    if (r.role === 'requirement' && !r.version && !r.local && !r.vcs && !r.url && r.group !== 'build-system' && !locked) {
      const library = LIBRARY_FORMATS.test(r.source.format);
      if (!library || r.specifier === '') {
        const open = !hasUpperBound(r.specifier);
        summary.unpinned++;
        findings.push(
          finding(UNPINNED_REQUIREMENT, r, texts, {
            severity: library ? 'low' : open ? 'medium' : 'low',
            message: r.specifier
              ? `${r.name}${r.specifier} is not pinned${open ? ' and has no upper bound' : ''}: each install may get a different release`
              : `${r.name} has no version constraint at all: each install gets whatever the index serves`,
            fix: library ? `give ${r.name} a lower bound and commit a lock file` : `pin it (${r.name}==<tested version>) or install from a lock file`,
            properties: { package: r.name, specifier: r.specifier, openEnded: open },
          }),
        );
      }
    }

    // VCS without a commit id.
    if (r.vcs && !r.vcs.commitPinned) {
      findings.push(
        finding(VCS_WITHOUT_COMMIT, r, texts, {
          message: `${r.name} is installed from ${r.vcs.type} ${r.vcs.url} ${r.vcs.ref ? `at the movable ref "${r.vcs.ref}"` : 'at its default branch'}`,
          fix: `pin the full commit id: ${r.vcs.type}+${r.vcs.url}@<40-hex commit>`,
          properties: { package: r.name, url: r.vcs.url, ref: r.vcs.ref ?? null },
        }),
      );
    }
  }

  // Hashes.
  for (const m of manifests) {
    const own = m.result.requirements.filter((r) => r.source.path === m.path && !r.local && !r.editable);
    if (m.result.format === 'requirements') {
      const anyHash = own.some((r) => r.hashes.length);
      if (m.result.requireHashes || anyHash) {
        for (const r of own.filter((x) => !x.hashes.length && x.role !== 'constraint')) {
          findings.push(
            finding(MISSING_HASHES, r, texts, {
              severity: 'medium',
              message: `${r.name} has no --hash while ${m.result.requireHashes ? '--require-hashes is set' : 'other lines use hash-checking mode'}: pip will refuse to install, or the line is edited by hand`,
              fix: 'regenerate with pip-compile --generate-hashes',
              properties: { package: r.name },
            }),
          );
        }
      } else if (own.length >= 1 && own.every((r) => r.version)) {
        const first = own[0];
        findings.push(
          finding(MISSING_HASHES, first, texts, {
            message: `${m.path} pins all ${own.length} requirements but none has a --hash: pip cannot check the files it downloads`,
            fix: 'pip-compile --generate-hashes, then pip install --require-hashes -r ' + m.path,
            properties: { file: m.path, requirements: own.length },
          }),
        );
      }
    } else if (m.result.isLock) {
      const noHash = own.filter((r) => !r.hashes.length && !r.vcs && !r.url);
      if (noHash.length) {
        const first = noHash[0];
        findings.push(
          finding(MISSING_HASHES, first, texts, {
            message: `${noHash.length} of ${own.length} entries of ${m.path} carry no file hashes (${noHash.slice(0, 5).map((r) => r.name).join(', ')}${noHash.length > 5 ? ', …' : ''})`,
            fix: 'regenerate the lock file with a tool version that records hashes',
            properties: { file: m.path, packages: noHash.map((r) => r.name) },
          }),
        );
      }
    }
  }

  // Indexes.
  const indexSeen = new Set<string>();
  for (const ix of indexes) {
    const key = `${ix.source.path}\u0000${ix.source.line}\u0000${ix.url}`;
    if (indexSeen.has(key)) continue;
    indexSeen.add(key);
    const pseudo = pseudoRequirement(ix.source);
    if (isPlainHttp(ix.url)) {
      findings.push(
        finding(INSECURE_INDEX, pseudo, texts, {
          message: `package index ${redactUrl(ix.url)} is plain http: packages can be replaced in transit`,
          fix: `use https: ${redactUrl(ix.url).replace(/^http:/i, 'https:')}`,
          properties: { url: redactUrl(ix.url), kind: ix.kind },
        }),
      );
    }
    if ((ix.kind === 'extra' || ix.kind === 'find-links') && !isPypi(ix.url)) {
      findings.push(
        finding(EXTRA_INDEX, pseudo, texts, {
          message: `${ix.kind === 'extra' ? 'extra index' : 'find-links location'} ${redactUrl(ix.url)} is searched besides the primary index: a package of the same name and a higher version on either one wins (dependency confusion)`,
          fix: 'serve everything through one index (--index-url to a proxy of PyPI), or pin each internal package to its index (uv: [tool.uv.sources] index=…)',
          properties: { url: redactUrl(ix.url), kind: ix.kind },
        }),
      );
    }
  }

  // No lock file, per project folder that has ranged requirements.
  const dirsDone = new Set<string>();
  for (const m of manifests) {
    if (m.result.isLock || lockDirs.has(m.dir) || dirsDone.has(m.dir)) continue;
    // A built distribution's METADATA/PKG-INFO declares what a library accepts; a lock file
    // belongs to the application that installs it, not to the wheel or sdist.
    if (m.result.format.startsWith('dist-metadata')) continue;
    const ranged = m.result.requirements.filter((r) => r.role === 'requirement' && !r.version && !r.local && !r.vcs && !r.url && r.group !== 'build-system');
    if (!ranged.length) continue;
    dirsDone.add(m.dir);
    const first = ranged[0];
    findings.push(
      finding(NO_LOCK_FILE, first, texts, {
        message: `${m.path} declares ${ranged.length} dependenc${ranged.length === 1 ? 'y' : 'ies'} by range and the project has no lock file (uv.lock, poetry.lock, pdm.lock, Pipfile.lock, pylock.toml or a fully pinned requirements file)`,
        fix: 'generate and commit a lock file (uv lock, poetry lock, pdm lock, pip-compile --generate-hashes)',
        properties: { file: m.path, ranged: ranged.length },
      }),
    );
  }

  // Declared vs imported.
  const modules: ModuleIntelligence[] = [];
  const undeclared: { module: string; dist: string; at: { path: string; line: number }[] }[] = [];
  for (const e of [...thirdParty.values()].sort((a, b) => (a.module < b.module ? -1 : 1))) {
    const declared = isDeclared(e.module, e.dist);
    const names = distCandidates(e.module, e.dist);
    const reqs = requirements.filter((r) => names.includes(r.normalizedName) || reverse.get(r.normalizedName)?.includes(e.module.split('.')[0] ?? ''));
    const withVersion = reqs.find((r) => r.version && r.role !== 'requirement') ?? reqs.find((r) => r.version);
    const withSpec = reqs.find((r) => r.role === 'requirement');
    const distName = withVersion?.name ?? withSpec?.name ?? e.dist;
    const norm = normalizeName(distName);
    const entries = db?.forPackage(norm) ?? [];
    const info: ModuleIntelligence = {
      module: e.module,
      distribution: distName,
      declared,
      advisories: [],
      knownAdvisories: entries.length,
      importedAt: e.at.slice(0, 20),
    };
    if (withVersion?.version) info.declaredVersion = withVersion.version;
    if (withSpec) info.declaredSpecifier = withSpec.specifier;
    const audit = audits.find((a) => a.requirement === withVersion) ?? audits.find((a) => a.requirement === withSpec);
    if (audit) info.advisories = audit.advisories.map((a) => a.id);
    modules.push(info);
    if (!declared && e.required) undeclared.push(e);
  }
  summary.undeclaredImports = undeclared.length;
  if (undeclared.length && manifests.length) {
    for (const e of undeclared) {
      const at = e.at[0];
      const norm = normalizeName(e.dist);
      const known = db?.forPackage(norm).length ?? 0;
      findings.push(
        importFinding(UNDECLARED_IMPORT, at, texts, input.roots, {
          message: `${e.module} is imported but ${e.dist} is not declared in any manifest${known ? ` (${known} advisories exist for ${e.dist}; its version is never audited)` : ''}`,
          fix: `declare ${e.dist} (pinned) in the project's requirements`,
          properties: { module: e.module, distribution: e.dist, importedAt: e.at.slice(0, 20), knownAdvisories: known },
        }),
      );
    }
  } else if (undeclared.length && !manifests.length && input.imports.length) {
    const at = undeclared[0]?.at[0];
    findings.push(
      importFinding(UNDECLARED_IMPORT, at, texts, input.roots, {
        message: `no dependency manifest declares the ${undeclared.length} third-party distribution${undeclared.length === 1 ? '' : 's'} the code imports (${undeclared.slice(0, 8).map((e) => e.dist).join(', ')}${undeclared.length > 8 ? ', …' : ''})`,
        fix: 'add a requirements.txt or pyproject.toml that declares (and pins) them',
        properties: { distributions: undeclared.map((e) => e.dist) },
      }),
    );
  }
  if (input.imports.length) {
    const usedSeen = new Set<string>();
    for (const a of audits) {
      const r = a.requirement;
      if (r.role !== 'requirement' || r.group !== 'main' || r.local || usedSeen.has(r.normalizedName)) continue;
      usedSeen.add(r.normalizedName);
      if (a.importedAs.length || NOT_IMPORTED_DISTRIBUTIONS.has(r.normalizedName)) continue;
      if (/^(django-|types-|pytest-|flake8-|sphinx|mkdocs|jupyter|opentelemetry-instrumentation)|-stubs$|-plugin$/.test(r.normalizedName)) continue;
      summary.unusedDeclared++;
      findings.push(
        finding(UNUSED_DEPENDENCY, r, texts, {
          message: `${r.name} is declared but none of the scanned code imports it`,
          fix: `remove ${r.name} if nothing loads it by name (plugin, server, driver)`,
          properties: { package: r.name },
        }),
      );
    }
  }

  // --online.
  if (input.online && db) {
    const exact = audits.filter((a) => a.requirement.version && !a.requirement.local);
    const res = await queryOsvBatch(exact.map((a) => ({ name: a.requirement.name, version: a.requirement.version as string })));
    if ('error' in res) {
      database.note = `${database.note ? database.note + '; ' : ''}--online: ${res.error}; used the local data only`;
    } else {
      res.ids.forEach((ids, i) => {
        const a = exact[i];
        for (const id of ids) {
          if (a.advisories.some((m) => m.id === id || m.aliases.includes(id)) || db?.find(id)) continue;
          const m: AdvisoryMatch = { id, aliases: [], summary: 'reported by the OSV API; not in the local data', severity: 'medium', severitySource: 'unknown', fixedVersions: [], url: `https://osv.dev/vulnerability/${id}`, exact: true };
          a.advisories.push(m);
          findings.push(
            finding(VULNERABLE_DEPENDENCY, a.requirement, texts, {
              severity: 'medium',
              message: `${a.requirement.name} ${a.requirement.version} is affected by ${id} (OSV API; run krait db update for details)`,
              fix: `see https://osv.dev/vulnerability/${id}`,
              properties: advisoryProperties(a.requirement, m, undefined),
            }),
          );
        }
      });
      database.note = `${database.note ? database.note + '; ' : ''}--online: OSV API consulted for ${exact.length} pinned versions`;
    }
  }

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
  report.table = rowsFromFindings(findings);
  return { findings, report, diagnostics };
}

/** Reported path, root-relative → root: the root is `absPath` minus `path`. */
function rootOf(absPath: string, path: string): string {
  const a = resolve(absPath);
  const rel = path.split(/[\\/]/).filter(Boolean);
  let root = a;
  for (let i = 0; i < rel.length; i++) root = dirname(root);
  return root;
}

function parseManifestWithRole(
  f: { path: string; absPath: string },
  text: string,
  root: string,
  seen: Set<string>,
  constraint: boolean,
  maxBytes: number,
): ManifestResult {
  return parseRequirementsTxt({ path: f.path, absPath: f.absPath, text }, { root, seen, maxBytes, role: constraint ? 'constraint' : 'requirement' });
}

/**
 * Local sources a manifest or lock file names (`path =`, `directory`, `file:` URLs,
 * editable paths) that point outside the scan root become diagnostics naming them. They
 * are never opened. Requirements files check their own (`-e`, path requirements).
 */
function checkLocalSources(result: ManifestResult, absPath: string, root: string, diagnostics: FileDiagnostic[]): void {
  if (result.format === 'requirements') return;
  const dir = dirname(absPath);
  const done = new Set<string>();
  const check = (target: string, path: string, line: number, what: string) => {
    const key = `${path}\u0000${line}\u0000${target}`;
    if (done.has(key)) return;
    done.add(key);
    const abs = localTarget(target, dir);
    if (abs === undefined) return;
    const why = outsideReason(abs, root);
    if (why) diagnostics.push({ path, kind: 'parse-error', line, message: `${what} ${target}: not followed (${why})` });
  };
  for (const s of result.localSources ?? []) check(s.target, s.path, s.line, s.what);
  for (const r of result.requirements) if (r.local && r.url) check(r.url, r.source.path, r.source.line, `local source of ${r.name}`);
}

function satisfiesReq(r: Requirement, v: string): boolean {
  if (r.specifierAnyOf?.length) return r.specifierAnyOf.some((s) => satisfies(v, s));
  return satisfies(v, r.specifier);
}

function advisoryProperties(r: Requirement, a: AdvisoryMatch, suggested: string | undefined): Record<string, unknown> {
  const p: Record<string, unknown> = {
    package: r.name,
    version: r.version,
    advisory: a.id,
    aliases: a.aliases,
    fixedVersions: a.fixedVersions,
    severitySource: a.severitySource,
    url: a.url,
    role: r.role,
  };
  if (a.cvssScore !== undefined) p['cvssScore'] = a.cvssScore;
  if (a.cvssVector) p['cvssVector'] = a.cvssVector;
  if (suggested) p['suggestedVersion'] = suggested;
  return p;
}

/** Strip credentials from an index URL before it goes into a report. */
function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]+@/i, '$1***@');
}

function pseudoRequirement(source: Requirement['source']): Requirement {
  return { name: '', normalizedName: '', extras: [], specifier: '', hashes: [], group: 'main', role: 'requirement', source };
}

function finding(
  rule: RuleMeta,
  r: Requirement,
  texts: Map<string, string[]>,
  f: { message: string; fix?: string; severity?: Severity; confidence?: Finding['confidence']; properties?: Record<string, unknown> },
): Finding {
  const lines = texts.get(r.source.path) ?? [];
  const endLine = r.source.endLine || r.source.line;
  const out: Finding = {
    ruleId: rule.id,
    ruleName: rule.name,
    category: 'dependencies',
    severity: f.severity ?? rule.severity,
    confidence: f.confidence ?? rule.confidence,
    cwe: [...rule.cwe],
    message: f.message,
    location: { path: r.source.path, startLine: r.source.line, startColumn: 0, endLine, endColumn: (lines[endLine - 1] ?? '').length },
    snippet: lines.length ? snippetAt(lines, r.source.line, endLine, 0) : '',
    fingerprint: '',
  };
  if (f.fix) out.fix = f.fix;
  if (f.properties) out.properties = f.properties;
  return out;
}

function importFinding(
  rule: RuleMeta,
  at: { path: string; line: number },
  texts: Map<string, string[]>,
  roots: string[],
  f: { message: string; fix: string; properties: Record<string, unknown> },
): Finding {
  if (!texts.has(at.path)) {
    for (const root of roots) {
      try {
        texts.set(at.path, splitLines(readFileSync(isAbsolute(at.path) ? at.path : join(root, at.path), 'utf8')));
        break;
      } catch {
        /* try the next root */
      }
    }
  }
  return finding(rule, { ...pseudoRequirement({ path: at.path, line: at.line, endLine: at.line, format: 'python' }) }, texts, f);
}

/** Severity order helper for other modules. */
export const DEPENDENCY_SEVERITIES: readonly Severity[] = SEVERITIES;
