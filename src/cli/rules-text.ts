/**
 * Terminal text for `krait rules` (one line per rule) and `krait explain ID` (the rule's
 * documentation, in the order of ruff's rule pages).
 */
import type { RuleMeta } from '../core/rule-meta.js';

/** One line per rule: id, severity, CWE, name, what it checks (first sentence). */
export function renderRuleList(rules: readonly RuleMeta[]): string {
  const lines = rules.map((r) => {
    const what = r.docs.what.split(/(?<=\.)\s/)[0] ?? '';
    return `${r.id.padEnd(7)} ${r.severity.padEnd(8)} ${('CWE-' + (r.cwe[0] ?? '?')).padEnd(9)} ${r.name.padEnd(44)} ${what}`;
  });
  return `${'ID'.padEnd(7)} ${'SEVERITY'.padEnd(8)} ${'CWE'.padEnd(9)} ${'NAME'.padEnd(44)} WHAT IT CHECKS\n${lines.join('\n')}\n\n${rules.length} rules\n`;
}

/** The full documentation of one rule. */
export function renderExplain(r: RuleMeta): string {
  const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');
  return [
    `${r.id} ${r.name}`,
    `Category: ${r.category}   Severity: ${r.severity}   Confidence: ${r.confidence}   CWE: ${r.cwe.map((c) => `CWE-${c}`).join(', ')}`,
    '',
    '## What it does',
    r.docs.what,
    '',
    '## Why is this bad?',
    r.docs.why,
    '',
    '## Example',
    indent(r.docs.example),
    '',
    'Use instead:',
    indent(r.docs.instead),
    '',
    '## References',
    ...r.docs.references.map((u) => `- ${u}`),
    '',
  ].join('\n');
}
