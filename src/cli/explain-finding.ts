/**
 * `krait explain --finding FINGERPRINT [PATHS]`: one finding of a scan, active or dismissed,
 * with everything the reasoning layer knows about it — status, verdict and its reason, the
 * rules merged into it and the data-flow trace step by step.
 */
import type { Finding, Location } from '../core/finding.js';
import type { Report } from '../report/model.js';
import { terminalSafe } from '../core/text.js';

/**
 * The finding of `report` (active first, then dismissed) whose fingerprint is `fingerprint`
 * (compared without surrounding blanks, case-insensitively), or undefined.
 */
export function findByFingerprint(report: Report, fingerprint: string): Finding | undefined {
  const want = fingerprint.trim().toLowerCase();
  if (!want) return undefined;
  return [...report.findings, ...(report.dismissed ?? [])].find((f) => f.fingerprint.toLowerCase() === want);
}

function where(l: Location): string {
  return `${terminalSafe(l.path)}:${l.startLine}:${l.startColumn + 1}`;
}

/**
 * Plain text for one finding: rule, location, message, status, verdict with its reason,
 * related rule ids, the trace (one numbered line per step: location, kind, what happens)
 * and the fingerprint. Audited text is made terminal-safe.
 */
export function renderFindingExplanation(f: Finding): string {
  const out = [
    terminalSafe(`${f.ruleId} ${f.ruleName}`),
    `Location:   ${where(f.location)}`,
    `Message:    ${terminalSafe(f.message)}`,
    `Severity:   ${f.severity}   Confidence: ${f.confidence}${f.cwe.length ? `   CWE: ${f.cwe.map((c) => `CWE-${c}`).join(', ')}` : ''}`,
    `Status:     ${f.status ?? 'active'}`,
    `Verdict:    ${f.verdict ? `${f.verdict.kind} — ${terminalSafe(f.verdict.reason)}` : 'none (the reasoning layer does not judge this rule, or --no-triage)'}`,
    `Related:    ${f.relatedRuleIds?.length ? f.relatedRuleIds.map(terminalSafe).join(', ') : 'none'}`,
  ];
  if (f.trace?.length) {
    out.push('Trace:');
    f.trace.forEach((s, i) => out.push(`  ${String(i + 1).padStart(2)}. ${where(s.location)}  ${s.kind.padEnd(6)}  ${terminalSafe(s.message)}`));
  } else out.push('Trace:      none');
  if (f.snippet) out.push('Code:', ...terminalSafe(f.snippet).split('\n').map((l) => `  ${l}`));
  if (f.proof) {
    const p = f.proof;
    out.push(
      'Impact:     ' + terminalSafe(p.impact),
      p.kind === 'http' ? `Route:      ${terminalSafe(`${p.method} ${p.path}`)} — parameter ${terminalSafe(p.parameter)} (${p.in}) reaches the sink` : `Entry:      ${terminalSafe(p.path)}`,
      `Payload:    ${JSON.stringify(p.payload)}`,
      `Proof:      ${terminalSafe(p.request)}   (for a local test instance; krait sends nothing)`,
    );
  }
  if (f.autofix) out.push(`Fix:        ${terminalSafe(f.autofix.description)} (${f.autofix.safety}; krait fix${f.autofix.safety === 'unsafe' ? ' --unsafe-fixes' : ''})`);
  out.push(`Fingerprint: ${terminalSafe(f.fingerprint)}`, `Run \`krait explain ${terminalSafe(f.ruleId)}\` for the rule's documentation.`, '');
  return out.join('\n');
}
