/**
 * Running project rules (`ProjectRule`, src/core/rule.ts) over the facts an analysis
 * computed: each rule's `check` gets the facts and a context whose `report` collects its
 * findings, checked to carry the rule's id, name, category and CWE.
 */
import type { Finding } from './finding.js';
import type { ProjectRule } from './rule.js';

/** Options for one run, by rule id (missing options take the rule's defaults). */
export type ProjectRuleOptions = Record<string, Record<string, unknown> | undefined>;

/**
 * Run `rules` over one set of facts, in order, appending their findings to `out` (rule by
 * rule; the report sorts findings later). Throws when a rule reports a finding of another
 * rule: that is a bug in the rule.
 */
export function runProjectRules<F>(rules: readonly ProjectRule<F>[], facts: F, out: Finding[], options: ProjectRuleOptions = {}): void {
  for (const rule of rules) {
    const own = options[rule.id] ?? {};
    rule.check(facts, {
      option<T>(name: string): T {
        return (name in own ? own[name] : rule.options?.[name]) as T;
      },
      report(f: Finding): void {
        if (f.ruleId !== rule.id || f.ruleName !== rule.name || f.category !== rule.category || !f.cwe.length) {
          throw new Error(`rule ${rule.id} reported a finding of ${f.ruleId} ${f.ruleName} (${f.category})`);
        }
        out.push(f);
      },
    });
  }
}
