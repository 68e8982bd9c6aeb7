/**
 * What the dependency analysis computes for the dependency rules KR501–KR512
 * (src/rules/deps/): the manifests and lock files read, every requirement with its matched
 * advisories and the facts the checks need about it, the package indexes, the imported
 * distributions nothing declares, the declared ones nothing imports, and the OSV API's
 * answers. Everything a report counts (summary, typosquat of, unused) is decided here, so
 * the report does not depend on which rules run; the rules turn facts into findings.
 */
import type { ObsoleteEntry } from './obsolete.js';
import type { TyposquatHit } from './typosquat.js';
import type { AdvisoryMatch, PackageIndex, Requirement } from './types.js';

/** One manifest or lock file read (with the requirements of the files it includes). */
export interface ManifestFacts {
  /** Reported path (relative to its scan root). */
  path: string;
  /** Manifest format, e.g. `requirements`, `pyproject:pep621`, `poetry-lock`, `dist-metadata`. */
  format: string;
  isLock: boolean;
  /** `--require-hashes` was given (requirements files). */
  requireHashes: boolean;
  /** The project it belongs to: its scan root and folder. */
  dir: string;
  /** The project has a lock file or a fully pinned requirements file (in the same folder). */
  projectLocked: boolean;
  /** Requirements parsed from it and from the files it includes (`source.path` tells which). */
  requirements: Requirement[];
}

/** One requirement and what the analysis found about it. */
export interface RequirementFacts {
  requirement: Requirement;
  /**
   * Advisories of the local data affecting it (not ignored by configuration): `exact` ones
   * for a pinned version, the others for a range. Empty when a lock entry or constraint pin
   * decides the installed version (that entry is audited instead).
   */
  advisories: AdvisoryMatch[];
  /** The lowest version no matched advisory affects, above the pinned one, when known. */
  suggestedVersion?: string;
  /**
   * Set when an application requirement has no exact version and nothing pins it (no lock
   * entry, no constraint): `library` when its manifest is a library's (pyproject, setup.cfg,
   * setup.py, dist metadata; then only a missing constraint counts), `openEnded` when its
   * specifier has no upper bound.
   */
  unpinned?: { library: boolean; openEnded: boolean };
  /** The popular project its name imitates (first occurrence of the name in a file only). */
  typosquat?: TyposquatHit;
  /** Why the project is obsolete (first occurrence of the name in a file only). */
  obsolete?: ObsoleteEntry;
}

/** A third-party distribution the code imports (outside `try/except ImportError`) that no manifest declares. */
export interface UndeclaredImport {
  /** Import name (`yaml`; `google.cloud.storage` for namespace packages). */
  module: string;
  /** Distribution behind it (`PyYAML`). */
  distribution: string;
  /** Files and lines importing it (first 20). */
  importedAt: { path: string; line: number }[];
  /** Number of advisories the database holds for the distribution. */
  knownAdvisories: number;
  /** Their ids (an alias group once). */
  advisoryIds: string[];
  /** The lowest release free of all of them (see `lowestVersionFreeOfAll`); undefined when none is known. */
  freeFrom?: string;
}

/** An advisory only the OSV API reported (`--online`) for a pinned version. */
export interface OnlineMatch {
  requirement: Requirement;
  match: AdvisoryMatch;
}

/** The facts the dependency rules check, for one scan. */
export interface DependencyFacts {
  /** Lines of every file a finding can point at (manifests, included files, importing Python files), by reported path. */
  lines: ReadonlyMap<string, readonly string[]>;
  /** At least one manifest or lock file was read. */
  hasManifests: boolean;
  /** Number of imports in the scanned Python code. */
  importCount: number;
  /** Every requirement, in manifest then file order. */
  requirements: RequirementFacts[];
  /** Manifests and lock files, in the order they were read. */
  manifests: ManifestFacts[];
  /** Package indexes the manifests configure, each (file, line, URL) once. */
  indexes: PackageIndex[];
  /** Imported distributions no manifest declares, by module name. */
  undeclared: UndeclaredImport[];
  /** Declared runtime requirements none of the scanned code imports (each name once; empty when no code was scanned). */
  unused: Requirement[];
  /** Advisories only the OSV API reported, in requirement order. */
  online: OnlineMatch[];
}
