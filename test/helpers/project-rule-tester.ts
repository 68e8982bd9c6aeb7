/**
 * ProjectRuleTester: the project-rule counterpart of `testRule` (rule-tester.ts). A project
 * rule checks facts an analysis computed (manifests and advisories, `.env`/Dockerfile/compose
 * files, routes, secret candidates), so each case gives the facts — usually built by the
 * analysis itself from a few files — and the findings it must (or must not) produce.
 */
import { expect } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import type { ProjectRule } from '../../src/core/rule.js';

/** One expected finding: where and what (the message as a substring or a pattern). */
export interface ExpectedProjectFinding {
  path?: string;
  line: number;
  message?: string | RegExp;
  severity?: Finding['severity'];
}

/** Run one project rule over one set of facts, with options (defaults from the rule). */
export function runProjectRule<F>(rule: ProjectRule<F>, facts: F, options: Record<string, unknown> = {}): Finding[] {
  const out: Finding[] = [];
  rule.check(facts, {
    option<T>(name: string): T {
      return (name in options ? options[name] : rule.options?.[name]) as T;
    },
    report(f: Finding) {
      out.push(f);
    },
  });
  return out;
}

/**
 * Assert that `rule` reports nothing on each valid set of facts and exactly the expected
 * findings (in order: path, line, message, severity) on each invalid one. Every finding must
 * carry the rule's id and name and at least one CWE.
 */
export function testProjectRule<F>(
  rule: ProjectRule<F>,
  cases: {
    valid: { name: string; facts: F; options?: Record<string, unknown> }[];
    invalid: { name: string; facts: F; options?: Record<string, unknown>; findings: ExpectedProjectFinding[] }[];
  },
): void {
  for (const v of cases.valid) {
    const found = runProjectRule(rule, v.facts, v.options);
    expect(found.map((f) => `${f.location.path}:${f.location.startLine}: ${f.message}`), `valid case "${v.name}" of ${rule.id}`).toEqual([]);
  }
  for (const c of cases.invalid) {
    const found = runProjectRule(rule, c.facts, c.options);
    expect(found.length, `number of ${rule.id} findings in "${c.name}": ${found.map((f) => f.message).join(' | ')}`).toBe(c.findings.length);
    found.forEach((f, i) => {
      const want = c.findings[i]!;
      expect(f.ruleId).toBe(rule.id);
      expect(f.ruleName).toBe(rule.name);
      expect(f.cwe.length, `CWE of finding ${i} in "${c.name}"`).toBeGreaterThan(0);
      expect(f.location.startLine, `line of finding ${i} in "${c.name}"`).toBe(want.line);
      if (want.path !== undefined) expect(f.location.path, `path of finding ${i} in "${c.name}"`).toBe(want.path);
      if (typeof want.message === 'string') expect(f.message, `message of finding ${i} in "${c.name}"`).toContain(want.message);
      else if (want.message) expect(f.message, `message of finding ${i} in "${c.name}"`).toMatch(want.message);
      if (want.severity) expect(f.severity, `severity of finding ${i} in "${c.name}"`).toBe(want.severity);
    });
  }
}
