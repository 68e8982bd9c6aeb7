/**
 * Building a dependency finding: at a requirement's (or index's, or import's) source lines,
 * with the snippet from the file the dependency analysis read, in the `dependencies`
 * category; fingerprints are left empty for the pipeline to fill.
 */
import type { Confidence, Finding, Severity } from '../../core/finding.js';
import type { ProjectRuleContext } from '../../core/rule.js';
import type { RuleMeta } from '../../core/rule-meta.js';
import { snippetAt } from '../../core/snippet.js';
import type { DependencyFacts } from '../../deps/facts.js';
import type { RequirementSource } from '../../deps/types.js';

/** What a dependency rule states about one finding (the rule's defaults fill the rest). */
export interface DependencyReportOptions {
  message: string;
  fix?: string;
  severity?: Severity;
  confidence?: Confidence;
  properties?: Record<string, unknown>;
}

/** Report a finding of `rule` at `source` (1-based lines of a manifest, lock or Python file). */
export function reportDependency(ctx: ProjectRuleContext, rule: RuleMeta, facts: DependencyFacts, source: RequirementSource, f: DependencyReportOptions): void {
  const lines = facts.lines.get(source.path) ?? [];
  const endLine = source.endLine || source.line;
  const out: Finding = {
    ruleId: rule.id,
    ruleName: rule.name,
    category: 'dependencies',
    severity: f.severity ?? rule.severity,
    confidence: f.confidence ?? rule.confidence,
    cwe: [...rule.cwe],
    message: f.message,
    location: { path: source.path, startLine: source.line, startColumn: 0, endLine, endColumn: (lines[endLine - 1] ?? '').length },
    snippet: lines.length ? snippetAt(lines, source.line, endLine, 0) : '',
    fingerprint: '',
  };
  if (f.fix) out.fix = f.fix;
  if (f.properties) out.properties = f.properties;
  ctx.report(out);
}

/** The source of a finding about an import: one line of a Python file. */
export function importSource(at: { path: string; line: number }): RequirementSource {
  return { path: at.path, line: at.line, endLine: at.line, format: 'python' };
}

/** Strip credentials from an index URL before it goes into a report. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]+@/i, '$1***@');
}

/** `https://cwe.mitre.org/…` page of CWE `n`. */
export const cweUrl = (n: number): string => `https://cwe.mitre.org/data/definitions/${n}.html`;
