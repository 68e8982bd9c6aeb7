/**
 * How the report formats find a rule's metadata (name, CWE, documentation). The lead's
 * `rules/catalog.ts` provides `ruleMeta(id)`; the formats take it as a parameter so that
 * they also work (with what the finding itself carries) when no catalog is given.
 */
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { frameworksNamedIn } from '../core/frameworks.js';

/** Looks up a rule by id; `undefined` when the rule is unknown. */
export type RuleLookup = (id: string) => RuleMeta | undefined;

/** A lookup that knows no rule. */
export const noRules: RuleLookup = () => undefined;

/**
 * The metadata of a finding's rule: the catalog's entry when there is one, otherwise one
 * built from the finding (its name, category, severity, confidence and CWE; no docs).
 */
export function ruleFor(f: Finding, lookup: RuleLookup = noRules): RuleMeta & { known: boolean } {
  let meta: RuleMeta | undefined;
  try {
    meta = lookup(f.ruleId);
  } catch {
    meta = undefined;
  }
  if (meta) return { ...meta, known: true };
  return {
    id: f.ruleId,
    name: f.ruleName,
    category: f.category,
    severity: f.severity,
    confidence: f.confidence,
    cwe: f.cwe,
    docs: { what: '', why: '', example: '', instead: '', references: [] },
    known: false,
  };
}

/** The MITRE page of a CWE. */
export function cweUrl(cwe: number): string {
  return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
}

/**
 * The rule's "use instead" example to show under a finding, or undefined: not when it
 * repeats the finding's fix, and not when it is written for a web framework (or package)
 * by name — the finding's fix, fitted to the project's framework, stands in for it there
 * (`kr501`'s `django==…` is no advice for an aiohttp project).
 */
export function insteadFor(f: Finding, instead: string): string | undefined {
  if (!instead || instead === f.fix) return undefined;
  return frameworksNamedIn(instead).length ? undefined : instead;
}
