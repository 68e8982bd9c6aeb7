/**
 * Environment mode in the scan (issue 18): the installed environments discovery found
 * (`discover/environment.ts`) are audited distribution by distribution. The dependency
 * audit matches each installed version against the advisory data (`installedDistributions`,
 * KR501 at the metadata's `Version:` line); every finding on a distribution's file is
 * attributed to it (`finding.distribution`, `files[].distribution`); the `.pth` files are
 * checked (KR610); and each environment gets its per-distribution table
 * (`report.environments`): advisories, high findings, egress channels, malicious-package
 * indicators, entry points, files changed since install, missing from or outside the record.
 */
import type { Finding } from '../core/finding.js';
import { runProjectRules } from '../core/project-rules.js';
import { BACKPORT_NOTE, type DependencyInput } from '../deps/index.js';
import { fileHead, type DistributionAudit, type EnvironmentAudit, type InstalledDistribution } from '../deps/installed.js';
import type { Report } from '../report/model.js';
import { pthFileRunsCode, type PthFacts } from '../rules/malicious/kr610-pth-file-runs-code.js';
import { isIndicatorRule, riskOf, type PackageVerdict } from '../rules/malicious/verdict.js';
import { redactText } from '../secrets/redact-text.js';
import type { DiscoveredEnvironment } from './discover/environment.js';
import type { Discovery } from './discover/walk.js';

type Dist = { name: string; version: string };

/** The environments of one scan, and which displayed path belongs to which distribution. */
export class EnvironmentScan {
  private readonly envs: DiscoveredEnvironment[];
  /** Display path (and its redacted form) → distribution, for files, metadata and `.pth` files. */
  private readonly owner = new Map<string, Dist>();
  /** Display paths of every file of the environments (owned or not). */
  private readonly inEnv = new Set<string>();

  constructor(disc: Discovery) {
    this.envs = disc.environments ?? [];
    for (const f of disc.files) {
      if (!this.envs.some((e) => f.root === e.environment.root)) continue;
      this.mark(f.path, f.distribution);
    }
    for (const e of this.envs) {
      for (const d of e.environment.distributions) this.mark(shown(e.path, d.metadataFile), { name: d.name, version: d.version });
      for (const p of e.environment.pthFiles) this.mark(shown(e.path, p.path), p.distribution ? this.byKey(e, p.distribution) : undefined);
    }
  }

  private mark(path: string, dist: Dist | undefined): void {
    this.inEnv.add(path);
    this.inEnv.add(redactText(path));
    if (dist) {
      this.owner.set(path, dist);
      this.owner.set(redactText(path), dist);
    }
  }

  private byKey(e: DiscoveredEnvironment, key: string): Dist | undefined {
    const d = e.environment.distributions.find((x) => `${x.name}==${x.version}` === key);
    return d ? { name: d.name, version: d.version } : undefined;
  }

  /** Is this displayed path a file of an environment (not of an ordinary project)? */
  owns(path: string): boolean {
    return this.inEnv.has(path);
  }

  /** The installed distributions, for the dependency audit (exact versions at their metadata's `Version:` line). */
  installedDistributions(): NonNullable<DependencyInput['installed']> {
    return this.envs.flatMap((e) =>
      e.environment.distributions.map((d) => ({ name: d.name, version: d.version, path: shown(e.path, d.metadataFile), absPath: `${e.environment.root}/${d.metadataFile}`, line: d.versionLine })),
    );
  }

  /**
   * KR610 over the environments' `.pth` files (when `enabled` admits it), appended to
   * `findings`; then every finding and analysed file of an environment gets its
   * distribution; then `report.environments` and, for the environments' files, the package
   * verdicts per distribution (replacing the verdict discovery's folders would give).
   */
  complete(report: Report, findings: Finding[], others: Finding[][], enabled: (id: string, name: string) => boolean): void {
    if (enabled(pthFileRunsCode.id, pthFileRunsCode.name)) {
      const facts: PthFacts = {
        files: this.envs.flatMap((e) =>
          e.environment.pthFiles.map((p) => ({
            path: shown(e.path, p.path),
            importLines: p.importLines,
            ...(p.distribution ? { distribution: p.distribution } : {}),
            lines: () => fileHead(`${e.environment.root}/${p.path}`, 10_000) ?? [],
          })),
        ),
      };
      runProjectRules([pthFileRunsCode], facts, findings);
    }
    for (const list of [findings, ...others]) {
      for (const f of list) {
        const d = this.owner.get(f.location.path);
        if (d) f.distribution = { ...d };
      }
    }
    for (const file of report.files) {
      const d = this.owner.get(file.path);
      if (d) file.distribution = { ...d };
    }
    const audits = this.envs.map((e) => this.audit(e, report, findings));
    report.environments = audits;
    const ownVerdicts = (report.packages ?? []).filter((v) => !this.envs.some((e) => v.root === e.path || v.root.startsWith(`${e.path}/`)) && !(this.envs.length && v.root === '.' && this.onlyEnvironments(report)));
    report.packages = [...ownVerdicts, ...this.verdicts(findings)];
  }

  /** True when every analysed file belongs to an environment. */
  private onlyEnvironments(report: Report): boolean {
    return report.files.every((f) => this.owns(f.path));
  }

  /** The per-distribution table of one environment. */
  private audit(e: DiscoveredEnvironment, report: Report, findings: Finding[]): EnvironmentAudit {
    const rows = new Map<string, DistributionAudit>();
    const key = (d: Dist) => `${d.name}\u0000${d.version}`;
    for (const d of e.environment.distributions) {
      if (!rows.has(key(d))) rows.set(key(d), newRow(e, d));
    }
    const advisoriesOf = new Map<string, DistributionAudit['advisories']>();
    for (const a of report.dependencies?.requirements ?? []) {
      if (a.requirement.source.format !== 'installed') continue;
      advisoriesOf.set(a.requirement.source.path, a.advisories.filter((m) => m.exact).map((m) => ({ id: m.id, severity: m.severity, fixedVersions: m.fixedVersions })));
    }
    for (const row of rows.values()) row.advisories = advisoriesOf.get(row.metadata) ?? [];
    for (const f of findings) {
      const d = f.distribution;
      const row = d && rows.get(key(d));
      if (!row || !this.owns(f.location.path) || f.category === 'dependencies') continue;
      if (f.severity === 'high' || f.severity === 'critical') row.highFindings++;
      if (isIndicatorRule(f.ruleId) && !row.indicators.includes(f.ruleId)) row.indicators.push(f.ruleId);
    }
    for (const file of report.files) {
      const d = this.owner.get(file.path);
      const row = d && rows.get(key(d));
      if (!row) continue;
      row.files++;
      for (const v of file.egress?.via ?? []) if (v.counts && !row.egressChannels.includes(v.channel)) row.egressChannels.push(v.channel);
    }
    const indicatorFindings = findings.filter((f) => isIndicatorRule(f.ruleId));
    for (const row of rows.values()) {
      row.indicators.sort();
      row.egressChannels.sort();
      row.risk = riskOf(indicatorFindings.filter((f) => f.distribution?.name === row.name && f.distribution.version === row.version));
    }
    const unowned = e.environment.unowned.map((p) => shown(e.path, p));
    return {
      path: e.path,
      kind: e.environment.kind,
      siteDirs: e.environment.siteDirs,
      note: BACKPORT_NOTE,
      distributions: [...rows.values()],
      pthFiles: e.environment.pthFiles.map((p) => ({ ...p, path: shown(e.path, p.path) })),
      unowned: { count: unowned.length, first: unowned.slice(0, 50) },
    };
  }

  /** Package verdicts per installed distribution (and one for the files no distribution owns, when it has indicators). */
  private verdicts(findings: Finding[]): PackageVerdict[] {
    const out: PackageVerdict[] = [];
    for (const e of this.envs) {
      for (const d of e.environment.distributions) {
        const inds = findings.filter((f) => isIndicatorRule(f.ruleId) && f.distribution?.name === d.name && f.distribution.version === d.version && this.owns(f.location.path));
        out.push({
          name: d.name,
          ...(d.version ? { version: d.version } : {}),
          root: shown(e.path, d.metadataFile.replace(/\/[^/]*$/, '')),
          risk: riskOf(inds),
          indicatorRules: [...new Set(inds.map((f) => f.ruleId))].sort(),
          indicators: inds.map((f) => ({ ruleId: f.ruleId, ruleName: f.ruleName, severity: f.severity, path: f.location.path, line: f.location.startLine, message: f.message })),
        });
      }
    }
    const order = ['critical', 'high', 'medium', 'low', 'none'];
    return out.sort((a, b) => order.indexOf(a.risk) - order.indexOf(b.risk) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

function newRow(e: DiscoveredEnvironment, d: InstalledDistribution): DistributionAudit {
  const show = (p: string) => shown(e.path, p);
  return {
    name: d.name,
    version: d.version,
    metadata: show(d.metadataFile),
    fileList: d.fileList,
    files: 0,
    advisories: [],
    highFindings: 0,
    egressChannels: [],
    indicators: [],
    risk: 'none',
    entryPoints: d.entryPoints,
    modified: d.modified.map(show),
    missing: d.missing.map(show),
    unrecorded: d.unrecorded.map(show),
    outside: d.outside,
    unverified: d.unverified.map((u) => ({ path: show(u.path), reason: u.reason })),
  };
}

/** A path inside an environment as the report shows it (the root's display path, then the path inside it). */
function shown(root: string, rel: string): string {
  return root === '.' ? rel : `${root}/${rel}`;
}
