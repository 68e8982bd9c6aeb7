/**
 * Dependency audit results (issue 5: dependencies and supply chain). Filled by `deps/`;
 * serialised as `report.dependencies` in the JSON report.
 */
import type { Severity } from '../core/finding.js';

/** Where a requirement was written: path relative to its scan root, 1-based lines. */
export interface RequirementSource {
  path: string;
  line: number;
  endLine: number;
  /** Manifest format, e.g. `requirements`, `pyproject:pep621`, `poetry-lock`. */
  format: string;
}

/** A VCS reference (`git+https://…@ref`, Poetry `{git = …, rev = …}`, uv `source = {git = …}`). */
export interface VcsReference {
  type: 'git' | 'hg' | 'svn' | 'bzr';
  url: string;
  /** Branch, tag or commit as written; undefined when none is given (the default branch). */
  ref?: string;
  /** True when `ref` is a full commit id (40 or 64 hex digits), the only immutable ref. */
  commitPinned: boolean;
}

/** One dependency as written in a manifest or lock file. */
export interface Requirement {
  /** Name as written. */
  name: string;
  /** PEP 503 normalised name (the key used for matching). */
  normalizedName: string;
  extras: string[];
  /** PEP 440 specifier (Poetry/Pipfile syntax translated), `''` for "any version". */
  specifier: string;
  /** Alternatives for Poetry's `a || b` constraints (any of them); absent otherwise. */
  specifierAnyOf?: string[];
  /** The exact version when the requirement pins one (`==1.2.3`, or a lock-file entry). */
  version?: string;
  /** PEP 508 environment marker, if any. */
  marker?: string;
  /** Direct URL (`name @ https://…`, a path, a VCS URL). */
  url?: string;
  vcs?: VcsReference;
  /** Local path or editable install (`-e .`, `{path = "../lib"}`): not from an index. */
  local?: boolean;
  editable?: boolean;
  /** `--hash` values / lock-file hashes (`sha256:…`). */
  hashes: string[];
  /** Dependency group: `main`, an extra's name, `dev`, a Poetry/PDM/uv group, `build-system`… */
  group: string;
  /** `requirement` (manifest), `constraint` (`-c` file), or `lock` (lock file entry). */
  role: 'requirement' | 'constraint' | 'lock';
  source: RequirementSource;
}

/** A package index a manifest points pip (or Poetry, PDM, uv, Pipenv) at. */
export interface PackageIndex {
  url: string;
  /** `--index-url` replaces PyPI; `--extra-index-url` and secondary sources add to it. */
  kind: 'primary' | 'extra' | 'find-links';
  source: RequirementSource;
}

/** One known advisory that affects (or may affect) a requirement. */
export interface AdvisoryMatch {
  /** OSV id, e.g. `PYSEC-2021-98` or `GHSA-…`. */
  id: string;
  /** CVE / GHSA aliases. */
  aliases: string[];
  summary: string;
  severity: Severity;
  /** Where the severity came from: a CVSS vector, the advisory's own rating, or nothing. */
  severitySource: 'cvss' | 'database' | 'unknown';
  /** CVSS base score when a vector was given. */
  cvssScore?: number;
  cvssVector?: string;
  /** Versions named in `fixed` events, ascending. */
  fixedVersions: string[];
  /** Link to the advisory. */
  url: string;
  /** True when the requirement pins an affected version; false when its range merely admits one. */
  exact: boolean;
  /** An OSV `MAL-` entry (or one aliased to it): the package is known malware, not merely vulnerable. */
  malicious?: boolean;
  /** For ranges: the affected versions the specifier admits that the database knows of (lowest, highest). */
  allowedAffected?: { lowest: string; highest: string; count: number };
}

/** The audit of one requirement (one row of `krait deps`). */
export interface RequirementAudit {
  requirement: Requirement;
  advisories: AdvisoryMatch[];
  /**
   * The lowest version (from the advisories' `fixed` events) that no matched advisory
   * affects and that is above the pinned version; undefined when none is known.
   */
  suggestedVersion?: string;
  /** True when the name is within a small edit distance of a popular project (KR503). */
  typosquatOf?: string;
  /** Import names that map to this distribution and were seen in the code. */
  importedAs: string[];
  /** Advisories explicitly ignored by configuration (id and reason). */
  ignored: { id: string; reason: string; expires?: string }[];
}

/** One imported third-party module and what is known about it. */
export interface ModuleIntelligence {
  /** Top-level import name (`yaml`). */
  module: string;
  /** Distribution behind it (`PyYAML`), from the declared requirements or the import map. */
  distribution: string;
  /** Declared version (pinned or locked), when known. */
  declaredVersion?: string;
  /** Declared specifier (`>=5.1`), `''` when declared without one; undefined when not declared. */
  declaredSpecifier?: string;
  declared: boolean;
  /** Advisory ids affecting the declared version, or (no version known) any version of the project. */
  advisories: string[];
  /** Number of advisories the database holds for the project, whatever the version. */
  knownAdvisories: number;
  /** Their ids (an alias group once), for a module no manifest declares. */
  knownAdvisoryIds?: string[];
  /** The lowest release free of every known advisory, for a module no manifest declares (undefined when none is known). */
  freeFrom?: string;
  /** Files and lines importing it (first 20). */
  importedAt: { path: string; line: number }[];
}

/** One row of the `krait deps` table. */
export interface DepsTableRow {
  package: string;
  version: string;
  issue: string;
  severity: Severity;
  action: string;
}

export interface DependencyReport {
  /**
   * Which vulnerability data was used, and its date: `source` names it (embedded snapshot,
   * cached OSV export, or `none` when no data could be read), `date` is the snapshot's date
   * (ISO `YYYY-MM-DD`), `advisories` the number of PyPI advisories loaded, `ageDays` the
   * whole days from `date` to the scan, `stale` whether that is over 30 days.
   */
  database: { source: string; date: string; advisories: number; ageDays?: number; stale?: boolean; commit?: string; note?: string };
  /** Every requirement found, in file then line order. */
  requirements: RequirementAudit[];
  /** Manifests and lock files read (paths relative to their root) and their format. */
  manifests: { path: string; format: string; requirements: number }[];
  /** Package indexes configured by the manifests. */
  indexes: PackageIndex[];
  /** Imported third-party modules and their distributions (module security intelligence). */
  modules: ModuleIntelligence[];
  /** The rows `krait deps` prints (also derived from the findings). */
  table: DepsTableRow[];
  /** Counts for the score and the summary. */
  summary: {
    requirements: number;
    vulnerable: number;
    /** Vulnerable requirements by the severity of their worst advisory. */
    bySeverity: Record<Severity, number>;
    unpinned: number;
    typosquats: number;
    undeclaredImports: number;
    unusedDeclared: number;
    hasLockFile: boolean;
  };
}
