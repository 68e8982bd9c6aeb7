/**
 * The per-package verdict: the malicious-package indicators found in each package of a
 * scan, combined into one risk level, so that "should I install this?" has an answer.
 *
 * A package is a folder holding `setup.py`, `pyproject.toml`, `setup.cfg`, `PKG-INFO` or a
 * wheel's `*.dist-info/METADATA`, or an archive given as a target (its files are shown as
 * `x.whl!/…`); every analysed file belongs to the innermost package around it. A scan
 * with no package metadata is one package, named after its first target.
 *
 * Indicators are the findings of KR601–KR609 and of the rules for disguised source
 * (B613 bidirectional controls, {@link EXTRA_INDICATOR_RULES}). The risk is the highest
 * indicator severity (info counts as low), raised to critical when two different
 * indicator rules report high or critical in the same package — droppers, stealers and
 * backdoors combine techniques, honest code rarely trips one.
 *
 * The package's own name is checked for typosquatting (`src/deps/typosquat.ts`): a name one
 * or two edits from a top PyPI project is finding KR609 at the manifest line that sets it.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { Finding, Severity } from '../../core/finding.js';
import { runProjectRules } from '../../core/project-rules.js';
import { packageNameTyposquat, type PackageNameFacts } from './kr609-package-name-typosquat.js';

/** Rules outside the KR6xx group whose findings are malicious-package indicators. */
export const EXTRA_INDICATOR_RULES: ReadonlySet<string> = new Set(['B613']);

/** Is this rule id a malicious-package indicator? */
export function isIndicatorRule(id: string): boolean {
  return /^KR6\d\d$/.test(id) || EXTRA_INDICATOR_RULES.has(id);
}

export type RiskLevel = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** One indicator as the verdict lists it. */
export interface Indicator {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  path: string;
  line: number;
  message: string;
}

/** The verdict for one package. */
export interface PackageVerdict {
  /** Name from the package metadata, else the folder or archive name. */
  name: string;
  version?: string;
  /** Display path of the package folder or archive. */
  root: string;
  risk: RiskLevel;
  /** Distinct indicator rules found, sorted. */
  indicatorRules: string[];
  indicators: Indicator[];
  /** The popular project this package's name imitates, when it does. */
  typosquatOf?: string;
}

/** A file of the scan, as the verdict needs it. */
export interface VerdictFile {
  /** Display path (`pkg/setup.py`, `dist/x.whl!/x/__init__.py`). */
  path: string;
  absPath: string;
}

interface Unit {
  root: string;
  name: string;
  version?: string;
  nameAt?: { path: string; absPath: string; line: number };
}

const METADATA_FILES = new Set(['setup.py', 'pyproject.toml', 'setup.cfg', 'PKG-INFO', 'METADATA']);
const RISK_ORDER: RiskLevel[] = ['none', 'low', 'medium', 'high', 'critical'];

/**
 * Work out the packages of a scan and their verdicts, and the KR609 findings for package
 * names that typosquat a popular project (`kr609-package-name-typosquat.ts`; returned for
 * the caller to add to the report).
 * `targets` are the display forms of the scan targets (to name a package-less scan).
 */
export function packageVerdicts(
  files: VerdictFile[],
  findings: Finding[],
  targets: string[],
  maxFileSize: number,
): { verdicts: PackageVerdict[]; findings: Finding[] } {
  const units = new Map<string, Unit>();
  for (const f of files) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (!METADATA_FILES.has(base)) continue;
    let dir = f.path.slice(0, Math.max(0, f.path.lastIndexOf('/')));
    // A wheel's METADATA sits in name-1.0.dist-info/: the package is the archive (or folder) above it.
    if (base === 'METADATA' || base === 'PKG-INFO') dir = dir.replace(/\/?[^/]*\.(?:dist|egg)-info$/, '');
    const u = units.get(dir) ?? { root: dir, name: '' };
    units.set(dir, u);
    if (!u.name || base === 'pyproject.toml' || base === 'PKG-INFO' || base === 'METADATA') readIdentity(f, base, u, maxFileSize);
  }
  // Archives given as targets are packages even without metadata.
  for (const f of files) {
    const bang = f.path.indexOf('!/');
    if (bang > 0) {
      const root = f.path.slice(0, bang + 1);
      if (![...units.keys()].some((k) => k === root || k.startsWith(`${root}/`))) units.set(root, { root, name: '' });
    }
  }
  if (units.size === 0) units.set('', { root: targets[0] ?? '.', name: '' });
  for (const u of units.values()) {
    if (!u.name) u.name = fallbackName(u.root, targets);
  }
  const roots = [...units.keys()].sort((a, b) => b.length - a.length);
  const unitOf = (p: string): Unit => {
    for (const r of roots) if (r === '' || p === r || p.startsWith(`${r}/`)) return units.get(r)!;
    return units.get(roots[roots.length - 1])!;
  };

  const byUnit = new Map<Unit, Indicator[]>();
  const named: PackageNameFacts['packages'] = [];
  for (const u of units.values()) {
    byUnit.set(u, []);
    if (u.nameAt) {
      const { path: at, absPath, line } = u.nameAt;
      named.push({ name: u.name, at: { path: at, line, lines: () => readLines(absPath, maxFileSize) } });
    }
  }
  // KR609 runs here, not in the project pass: its findings are indicators of the verdict.
  const extra: Finding[] = [];
  runProjectRules([packageNameTyposquat], { packages: named }, extra);
  const squatOf = new Map<Unit, string>();
  for (const f of extra) squatOf.set(unitOf(f.location.path), String(f.properties?.['target']));
  for (const f of [...findings, ...extra]) {
    if (!isIndicatorRule(f.ruleId)) continue;
    byUnit.get(unitOf(f.location.path))!.push({
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      severity: f.severity,
      path: f.location.path,
      line: f.location.startLine,
      message: f.message,
    });
  }
  const verdicts: PackageVerdict[] = [];
  for (const [u, inds] of byUnit) {
    inds.sort((a, b) => sevRank(b.severity) - sevRank(a.severity) || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
    const v: PackageVerdict = { name: u.name, root: u.root || '.', risk: riskOf(inds), indicatorRules: [...new Set(inds.map((i) => i.ruleId))].sort(), indicators: inds };
    if (u.version) v.version = u.version;
    const squat = squatOf.get(u);
    if (squat) v.typosquatOf = squat;
    verdicts.push(v);
  }
  verdicts.sort((a, b) => RISK_ORDER.indexOf(b.risk) - RISK_ORDER.indexOf(a.risk) || (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  return { verdicts, findings: extra };
}

function sevRank(s: Severity): number {
  return ['info', 'low', 'medium', 'high', 'critical'].indexOf(s);
}

/** The risk level of a set of indicators (see the module comment). */
export function riskOf(inds: Pick<Indicator, 'ruleId' | 'severity'>[]): RiskLevel {
  if (!inds.length) return 'none';
  let top = 0;
  const strong = new Set<string>();
  for (const i of inds) {
    top = Math.max(top, Math.max(1, sevRank(i.severity)));
    if (sevRank(i.severity) >= 3) strong.add(i.ruleId);
  }
  if (strong.size >= 2) return 'critical';
  return RISK_ORDER[top];
}

function fallbackName(root: string, targets: string[]): string {
  const r = root || targets[0] || '.';
  const base = r.replace(/!$/, '').replace(/\/+$/, '').split('/').pop() || path.basename(path.resolve(r));
  return base.replace(/\.(?:whl|tar\.gz|tgz|zip|egg|tar\.bz2|tar)$/, '').replace(/-\d[^-]*(?:-.*)?$/, '') || base;
}

function readLines(absPath: string, maxFileSize: number): string[] {
  try {
    if (statSync(absPath).size > maxFileSize) return [];
    return readFileSync(absPath, 'utf8').split(/\r?\n/);
  } catch {
    return [];
  }
}

/** Fill the unit's name and version from one metadata file (first one found wins, pyproject/PKG-INFO/METADATA over setup.py). */
function readIdentity(f: VerdictFile, base: string, u: Unit, maxFileSize: number): void {
  const lines = readLines(f.absPath, maxFileSize);
  if (!lines.length) return;
  const at = (re: RegExp): number => lines.findIndex((l) => re.test(l)) + 1;
  if (base === 'pyproject.toml') {
    try {
      const doc = parseToml(lines.join('\n')) as { project?: { name?: unknown; version?: unknown }; tool?: { poetry?: { name?: unknown; version?: unknown } } };
      const proj = doc.project ?? doc.tool?.poetry;
      if (proj && typeof proj.name === 'string') {
        u.name = proj.name;
        if (typeof proj.version === 'string') u.version = proj.version;
        u.nameAt = { path: f.path, absPath: f.absPath, line: at(/^\s*name\s*=/) || 1 };
      }
    } catch {
      /* invalid TOML: the posture and config checks report it */
    }
  } else if (base === 'PKG-INFO' || base === 'METADATA') {
    const n = lines.findIndex((l) => /^Name:\s*\S/.test(l));
    if (n >= 0) {
      u.name = lines[n].replace(/^Name:\s*/, '').trim();
      u.nameAt = { path: f.path, absPath: f.absPath, line: n + 1 };
      const v = lines.find((l) => /^Version:\s*\S/.test(l));
      if (v) u.version = v.replace(/^Version:\s*/, '').trim();
    }
  } else if (base === 'setup.cfg') {
    const n = lines.findIndex((l) => /^\s*name\s*=\s*\S/.test(l));
    if (n >= 0 && !u.name) {
      u.name = lines[n].replace(/^\s*name\s*=\s*/, '').trim();
      u.nameAt = { path: f.path, absPath: f.absPath, line: n + 1 };
    }
  } else if (base === 'setup.py') {
    for (let i = 0; i < lines.length; i++) {
      const m = /\bname\s*=\s*["']([A-Za-z0-9][A-Za-z0-9._-]{0,100})["']/.exec(lines[i]);
      if (m && !u.name) {
        u.name = m[1]!;
        u.nameAt = { path: f.path, absPath: f.absPath, line: i + 1 };
        const v = /\bversion\s*=\s*["']([0-9][A-Za-z0-9.+!-]{0,40})["']/.exec(lines.slice(i, i + 3).join(' '));
        if (v) u.version = v[1]!;
        break;
      }
    }
  }
}
