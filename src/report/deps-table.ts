/**
 * The `krait deps` table, in the seeds' format
 * (`../shared/seeds/python-security-analysis-assistant.md`, "Dependency Audit"):
 * `| Package | Version | Issue | Severity | Action |`, one row per dependency finding,
 * most severe first, followed by one line naming the advisory data and its date.
 */
import type { Severity } from '../core/finding.js';
import type { DependencyReport } from '../deps/types.js';
import { terminalSafe } from '../core/text.js';

/** A table cell: audited text on one line, `|` escaped, control and bidi characters shown as escapes. */
function cell(s: string): string {
  return terminalSafe(s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()) || '—';
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
