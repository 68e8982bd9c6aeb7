/**
 * `--format concise`: one line per finding, `path:line:col: ID [severity] message` (ruff's
 * concise format, with the severity added; `(fix available)` at the end of a finding
 * `krait fix` can rewrite), then the summary lines (with ruff's count of fixable findings). Every field from the
 * audited project is made terminal-safe.
 */
import type { Finding } from '../core/finding.js';
import type { Report } from './model.js';
import { countsBySeverity, dismissedLine, suppressedLine } from './summary.js';
import { terminalSafe } from '../core/text.js';
import { fixableLine, fixNote } from './fix-notes.js';

/** One finding as `path:line:col: ID [severity] message` (column 1-based), then `(fix available)` when it has a fix. */
export function conciseLine(f: Finding): string {
  const l = f.location;
  const note = fixNote(f);
  return `${terminalSafe(l.path)}:${l.startLine}:${l.startColumn + 1}: ${terminalSafe(f.ruleId)} [${f.severity}] ${terminalSafe(f.message)}${note ? ` (${note})` : ''}`;
}

/** The concise report: the findings, one line each, then `Found N findings (…).` and the suppressed/dismissed counts. */
export function renderConcise(report: Report, opts: { showSuppressed?: boolean; summaryOnly?: boolean } = {}): string {
  const out = opts.summaryOnly ? [] : report.findings.map(conciseLine);
  if (opts.showSuppressed && !opts.summaryOnly) for (const f of report.suppressed ?? []) out.push(`${conciseLine(f)} (${f.status ?? 'suppressed'})`);
  const n = report.findings.length;
  out.push(n ? `Found ${n} finding${n === 1 ? '' : 's'} (${countsBySeverity(report.findings)}).` : 'Found no findings.');
  const fixable = fixableLine(report.findings);
  if (fixable) out.push(fixable);
  const sup = suppressedLine(report, opts.showSuppressed);
  if (sup) out.push(sup);
  const dis = dismissedLine(report);
  if (dis) out.push(dis);
  return out.join('\n') + '\n';
}
