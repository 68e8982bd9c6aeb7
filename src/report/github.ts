/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding
 * (`::error file=app.py,line=3,col=5,endLine=3,endColumn=20,title=B602 …::message`), which
 * GitHub shows on the pull request's diff. Critical and high findings are `error`, medium
 * `warning`, low and info `notice`.
 *
 * Escaping follows the runner's rules (actions/toolkit `command.ts`): in the message `%`,
 * CR and LF become `%25`, `%0D`, `%0A`; in property values `:` and `,` too (`%3A`, `%2C`).
 * Audited text is made terminal-safe first, so no control character reaches the log.
 */
import type { Finding, Severity } from '../core/finding.js';
import type { Report } from './model.js';
import { terminalSafe, terminalSafeBlock } from '../core/text.js';
import { fixCommand } from './fix-notes.js';

/** Escape the message part of a workflow command. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a workflow command. */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };

/** One finding as a workflow annotation. */
export function githubAnnotation(f: Finding): string {
  const l = f.location;
  const props = [
    `file=${escapeGithubProperty(terminalSafe(l.path))}`,
    `line=${l.startLine}`,
    `col=${l.startColumn + 1}`,
    `endLine=${l.endLine}`,
    ...(l.endLine === l.startLine ? [`endColumn=${l.endColumn + 1}`] : []),
    `title=${escapeGithubProperty(terminalSafe(`${f.ruleId} ${f.ruleName} [${f.severity}]`))}`,
  ];
  const fix = (f.fix ? `\nFix: ${f.fix}` : '') + (f.autofix ? `\nFix available (${f.autofix.safety}): ${f.autofix.description} — ${fixCommand(f)}` : '');
  return `::${LEVEL[f.severity]} ${props.join(',')}::${escapeGithubData(terminalSafe(f.message) + terminalSafeBlock(fix))}`;
}

/** The annotations of every active finding, one per line. */
export function renderGithub(report: Report): string {
  return report.findings.map(githubAnnotation).join('\n') + (report.findings.length ? '\n' : '');
}
