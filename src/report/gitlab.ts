/**
 * `--format gitlab`: a GitLab Code Quality report (the JSON array GitLab reads from
 * `artifacts:reports:codequality`), one issue per finding: `description`, `check_name`,
 * `fingerprint`, `severity` and `location.path` / `location.lines.begin`, as ruff writes it.
 */
import type { Severity } from '../core/finding.js';
import type { Report } from './model.js';
import { fixCommand, fixNote } from './fix-notes.js';

const SEVERITY: Record<Severity, 'blocker' | 'critical' | 'major' | 'minor' | 'info'> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'major',
  low: 'minor',
  info: 'info',
};

/** One Code Quality issue. */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: (typeof SEVERITY)[Severity];
  location: { path: string; lines: { begin: number; end: number } };
}

/** The Code Quality issues of the active findings (fingerprints made unique if two collide). */
export function buildGitlab(report: Report): CodeQualityIssue[] {
  const seen = new Set<string>();
  return report.findings.map((f) => {
    let fp = f.fingerprint || `${f.ruleId}:${f.location.path}:${f.location.startLine}`;
    for (let i = 2; seen.has(fp); i++) fp = `${f.fingerprint}-${i}`;
    seen.add(fp);
    return {
      description: `${f.ruleId} ${f.message}${f.autofix ? ` (${fixNote(f)}: ${fixCommand(f)})` : ''}`,
      check_name: f.ruleId,
      fingerprint: fp,
      severity: SEVERITY[f.severity],
      location: { path: f.location.path, lines: { begin: f.location.startLine, end: f.location.endLine } },
    };
  });
}

/** The Code Quality report as JSON text. */
export function renderGitlab(report: Report): string {
  return JSON.stringify(buildGitlab(report), null, 2) + '\n';
}
