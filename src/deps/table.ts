/**
 * The `krait deps` table, in the seeds' format
 * (`../shared/seeds/python-security-analysis-assistant.md`, "Dependency Audit"):
 * `| Package | Version | Issue | Severity | Action |`, one row per dependency finding,
 * most severe first, followed by one line naming the advisory data and its date.
 */
import type { Finding, Severity } from '../findings.js';
import { severityRank } from '../findings.js';
import type { DependencyReport, DepsTableRow } from './types.js';
import { terminalSafe } from '../report/terminal.js';

/** A table cell: audited text on one line, `|` escaped, control and bidi characters shown as escapes. */
function cell(s: string): string {
  return terminalSafe(s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()) || '—';
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** One table row per dependency finding (see {@link renderDepsTable}). */
export function rowsFromFindings(findings: readonly Finding[]): DepsTableRow[] {
  const rows: DepsTableRow[] = [];
  for (const f of findings) {
    if (f.category !== 'dependencies') continue;
    const p = f.properties ?? {};
    const pkg = str(p['package']) || str(p['distribution']) || str(p['module']) || str(p['file']) || str(p['url']) || f.location.path;
    let version = str(p['version']) || str(p['specifier']) || '';
    let issue = f.message;
    let action = f.fix ?? '';
    switch (f.ruleId) {
      case 'KR501': {
        const aliases = Array.isArray(p['aliases']) ? (p['aliases'] as string[]) : [];
        issue = `${str(p['advisory'])}${aliases.length ? ` (${aliases.join(', ')})` : ''}: ${f.message.replace(/^.*? is affected by [^:]*: ?/, '')}`;
        const fixed = Array.isArray(p['fixedVersions']) ? (p['fixedVersions'] as string[]) : [];
        action = p['suggestedVersion'] ? `Upgrade to ${str(p['suggestedVersion'])}` : fixed.length ? `Upgrade (fixed in ${fixed.join(', ')})` : 'No fix published: replace or mitigate';
        break;
      }
      case 'KR505':
        version = version || 'any';
        issue = f.message.replace(/^\S+ \S+ /, 'Range ');
        break;
      case 'KR502':
        version = version || 'any';
        issue = version === 'any' ? 'Unpinned (no version constraint)' : 'Unpinned version range';
        break;
      case 'KR503':
        issue = `Possible typosquat of ${str(p['lookalike'])}`;
        break;
      default:
        break;
    }
    rows.push({ package: pkg, version: version || '—', issue, severity: f.severity, action });
  }
  return rows.sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.package.toLowerCase() < b.package.toLowerCase() ? -1 : a.package.toLowerCase() > b.package.toLowerCase() ? 1 : 0),
  );
}

const LABEL: Record<Severity, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO' };

/**
 * The Markdown table `krait deps PATH` prints: `| Package | Version | Issue | Severity | Action |`,
 * rows from `report.table`, then a line naming the advisory data used (source, date,
 * count and any fallback note). With no rows, the table has a single "no issues" row.
 */
export function renderDepsTable(report: DependencyReport): string {
  const out = ['| Package | Version | Issue | Severity | Action |', '|---|---|---|---|---|'];
  for (const r of report.table) out.push(`| ${cell(r.package)} | ${cell(r.version)} | ${cell(r.issue)} | ${LABEL[r.severity]} | ${cell(r.action)} |`);
  if (!report.table.length) out.push('| — | — | No dependency issues found | — | — |');
  const db = report.database;
  const counts = `${report.summary.requirements} requirements in ${report.manifests.length} manifest${report.manifests.length === 1 ? '' : 's'}, ${report.summary.vulnerable} vulnerable`;
  out.push('');
  out.push(
    terminalSafe(`Advisory data: ${db.source}${db.date ? `, ${db.date}` : ''}${db.commit ? ` (commit ${db.commit.slice(0, 12)})` : ''}, ${db.advisories} advisories. ${counts}.${db.note ? ` Note: ${db.note}.` : ''}`),
  );
  return out.join('\n');
}
