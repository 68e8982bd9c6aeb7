import type { Category, Confidence, Severity } from './finding.js';

/**
 * A rule's documentation, in the order ruff's rule docs use. `krait explain`, SARIF's
 * rule help and the Markdown/HTML reports all read this object, so the docs cannot
 * drift from the code.
 */
export interface RuleDocs {
  /** What it does: one or two sentences. */
  what: string;
  /** Why is this bad? */
  why: string;
  /** A short Python (or config) example that the rule flags. */
  example: string;
  /** Use instead: the fixed version of the example. */
  instead: string;
  /** References: CWE page first, then library docs/advisories. */
  references: string[];
}

/** Metadata every rule carries, whatever analysis reports it (code, secrets, deps, posture…). */
export interface RuleMeta {
  /** 'B602' for bandit-compatible checks, 'KR…' for krait's own. */
  id: string;
  /** Kebab-case name, e.g. 'subprocess-popen-with-shell-equals-true'. */
  name: string;
  category: Category;
  /** Default severity (a check may report another one for a given finding). */
  severity: Severity;
  /** Default confidence. */
  confidence: Confidence;
  /** Most specific CWE first. */
  cwe: number[];
  docs: RuleDocs;
}
