/**
 * Declared vs imported: the third-party distributions behind the scanned code's imports,
 * which requirement each import maps to, what is imported but never declared (KR510) and
 * what is declared but never imported (KR511), and the module security intelligence of the
 * report.
 */
import { isStdlibModule } from '../python/stdlib-modules.js';
import type { AdvisoryDatabase } from './database.js';
import { lowestVersionFreeOfAll } from './match.js';
import type { UndeclaredImport } from './facts.js';
import { ALTERNATIVE_DISTRIBUTIONS, ENVIRONMENT_MODULES, NOT_IMPORTED_DISTRIBUTIONS, distributionForImport, importsForDistribution } from './import-map.js';
import { normalizeName } from './pep440.js';
import type { ModuleIntelligence, Requirement, RequirementAudit } from './types.js';

/** One imported third-party distribution: its import name, where it is imported, and whether any import of it is unguarded. */
interface ImportedDistribution {
  module: string;
  dist: string;
  at: { path: string; line: number }[];
  required: boolean;
}

/** The scanned code's third-party imports, mapped onto distributions and the declared requirements. */
export class ImportMap {
  private readonly reverse = importsForDistribution();
  private readonly declaredNames: Set<string>;
  /** Imported distributions by normalised name, in first-import order. */
  readonly imported = new Map<string, ImportedDistribution>();

  constructor(
    imports: readonly { module: string; path: string; line: number; optional?: boolean }[],
    localModules: readonly string[],
    requirements: readonly Requirement[],
  ) {
    this.declaredNames = new Set(requirements.map((r) => r.normalizedName));
    const local = new Set(localModules.map((m) => m.split('.')[0] ?? m));
    for (const imp of imports) {
      if (!imp.module || imp.module.startsWith('.')) continue;
      const top = imp.module.split('.')[0] ?? imp.module;
      if (isStdlibModule(top) || local.has(top) || ENVIRONMENT_MODULES.has(top)) continue;
      const dist = distributionForImport(imp.module);
      const key = normalizeName(dist);
      const entry = this.imported.get(key) ?? { module: top === 'google' || top === 'azure' ? imp.module.split('.').slice(0, 3).join('.') : top, dist, at: [], required: false };
      entry.at.push({ path: imp.path, line: imp.line });
      if (!imp.optional) entry.required = true;
      this.imported.set(key, entry);
    }
  }

  /** The normalised distribution names an import may come from. */
  private candidates(module: string, dist: string): string[] {
    const top = module.split('.')[0] ?? module;
    return [dist, top, ...(ALTERNATIVE_DISTRIBUTIONS[top] ?? [])].map(normalizeName);
  }

  private isDeclared(module: string, dist: string): boolean {
    const top = module.split('.')[0] ?? module;
    if (this.candidates(module, dist).some((d) => this.declaredNames.has(d))) return true;
    for (const name of this.declaredNames) if (this.reverse.get(name)?.includes(top)) return true;
    return false;
  }

  /** The import names seen in the code that map to requirement `r`. */
  importedAs(r: Requirement): string[] {
    const out: string[] = [];
    for (const e of this.imported.values()) {
      if (this.candidates(e.module, e.dist).includes(r.normalizedName) || this.reverse.get(r.normalizedName)?.includes(e.module.split('.')[0] ?? '')) out.push(e.module);
    }
    return out;
  }

  /**
   * The module intelligence of every imported distribution (by module name), and the ones
   * imported outside `try/except ImportError` that no manifest declares.
   */
  modules(requirements: readonly Requirement[], audits: readonly RequirementAudit[], db: AdvisoryDatabase | undefined): { modules: ModuleIntelligence[]; undeclared: UndeclaredImport[] } {
    const modules: ModuleIntelligence[] = [];
    const undeclared: UndeclaredImport[] = [];
    for (const e of [...this.imported.values()].sort((a, b) => (a.module < b.module ? -1 : 1))) {
      const declared = this.isDeclared(e.module, e.dist);
      const names = this.candidates(e.module, e.dist);
      const reqs = requirements.filter((r) => names.includes(r.normalizedName) || this.reverse.get(r.normalizedName)?.includes(e.module.split('.')[0] ?? ''));
      const withVersion = reqs.find((r) => r.version && r.role !== 'requirement') ?? reqs.find((r) => r.version);
      const withSpec = reqs.find((r) => r.role === 'requirement');
      const distName = withVersion?.name ?? withSpec?.name ?? e.dist;
      const entries = db?.forPackage(normalizeName(distName)) ?? [];
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
      if (!declared) {
        const known = db?.forPackage(normalizeName(e.dist)) ?? [];
        const freeFrom = lowestVersionFreeOfAll(known);
        if (known.length) info.knownAdvisoryIds = known.map((k) => k.advisory.id);
        if (freeFrom) info.freeFrom = freeFrom;
        if (e.required) {
          undeclared.push({ module: e.module, distribution: e.dist, importedAt: e.at.slice(0, 20), knownAdvisories: known.length, advisoryIds: known.map((k) => k.advisory.id), ...(freeFrom ? { freeFrom } : {}) });
        }
      }
    }
    return { modules, undeclared };
  }
}

/** Names of distributions that are plugins, stubs or tools, loaded by name rather than imported. */
const LOADED_BY_NAME = /^(django-|types-|pytest-|flake8-|sphinx|mkdocs|jupyter|opentelemetry-instrumentation)|-stubs$|-plugin$/;

/**
 * Declared runtime requirements (group `main`, not local) none of whose modules the scanned
 * code imports, each name once (its first declaration decides); plugins, stubs and
 * distributions known not to be imported are left out.
 */
export function unusedRequirements(audits: readonly RequirementAudit[]): Requirement[] {
  const out: Requirement[] = [];
  const seen = new Set<string>();
  const lockStyle = lockStyleRequirementFiles(audits.map((a) => a.requirement));
  for (const a of audits) {
    const r = a.requirement;
    if (r.role !== 'requirement' || r.group !== 'main' || r.local || seen.has(r.normalizedName)) continue;
    // A fully pinned requirements file (pip-compile / pip freeze output) lists transitive
    // dependencies the code never imports by design.
    if (lockStyle.has(r.source.path)) continue;
    seen.add(r.normalizedName);
    if (a.importedAs.length || NOT_IMPORTED_DISTRIBUTIONS.has(r.normalizedName)) continue;
    if (LOADED_BY_NAME.test(r.normalizedName)) continue;
    out.push(r);
  }
  return out;
}

/**
 * The requirements files that are lock files in all but name: every requirement pinned
 * exactly (`name==1.2.3`, as `pip-compile` and `pip freeze` write them; local paths and VCS
 * URLs at a commit count as pinned) or any carrying
 * `--hash`. Their pins include transitive dependencies, which the project's code does not
 * import. Returns the files' paths (as in `RequirementSource.path`).
 */
export function lockStyleRequirementFiles(requirements: readonly Requirement[]): Set<string> {
  const byFile = new Map<string, Requirement[]>();
  for (const r of requirements) {
    if (r.role !== 'requirement' || r.source.format !== 'requirements') continue;
    const list = byFile.get(r.source.path) ?? [];
    list.push(r);
    byFile.set(r.source.path, list);
  }
  const out = new Set<string>();
  for (const [path, reqs] of byFile) {
    if (reqs.some((r) => r.hashes.length > 0) || reqs.every((r) => r.version !== undefined || r.local || r.vcs?.commitPinned)) out.add(path);
  }
  return out;
}
