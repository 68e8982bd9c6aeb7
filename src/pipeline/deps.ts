/**
 * The dependency pass: the dependency analysis computes the facts (src/deps/), the enabled
 * dependency rules KR501–KR512 (src/rules/deps/) turn them into findings, and the
 * dependency table of the report lists those findings.
 */
import type { Finding } from '../core/finding.js';
import type { FileDiagnostic } from '../core/file.js';
import type { ProjectRule } from '../core/rule.js';
import { dependencyFacts, type DependencyInput } from '../deps/index.js';
import type { DependencyFacts } from '../deps/facts.js';
import { rowsFromFindings } from '../deps/table.js';
import type { DependencyReport } from '../deps/types.js';
import { DEPENDENCY_RULES } from '../rules/deps/index.js';

/** The fact lists a dependency rule iterates. */
type FactList = 'requirements' | 'manifests' | 'indexes' | 'undeclared' | 'unused' | 'online';

/**
 * The order of the dependency findings (the report's dependency table keeps it among rows
 * of equal severity and package): per requirement, the requirement rules in this order;
 * then the hash rule over the manifests; per index, the two index rules; the lock-file
 * rule; undeclared and unused dependencies; the advisories only the OSV API reported.
 * Each step shows its rules only its own list (one item at a time with `each`), so a rule
 * that checks several lists (KR501: local and online advisories) reports each in its step.
 */
const STEPS: readonly { list: FactList; each: boolean; rules: readonly string[] }[] = [
  { list: 'requirements', each: true, rules: ['KR501', 'KR505', 'KR503', 'KR512', 'KR502', 'KR509'] },
  { list: 'manifests', each: false, rules: ['KR506'] },
  { list: 'indexes', each: true, rules: ['KR507', 'KR508'] },
  { list: 'manifests', each: false, rules: ['KR504'] },
  { list: 'undeclared', each: false, rules: ['KR510'] },
  { list: 'unused', each: false, rules: ['KR511'] },
  { list: 'online', each: false, rules: ['KR501'] },
];

/** `facts` with every list but `list` empty, and `list` replaced by `items`. */
function only<K extends FactList>(facts: DependencyFacts, list: K, items: DependencyFacts[K]): DependencyFacts {
  return { ...facts, requirements: [], manifests: [], indexes: [], undeclared: [], unused: [], online: [], [list]: items };
}

/**
 * Run dependency rules over one project's facts.
 * @param rules the enabled rules; ones the order above does not name run last, over all facts.
 * @returns their findings, in the order above.
 */
export function runDependencyRules(facts: DependencyFacts, rules: readonly ProjectRule<DependencyFacts>[]): Finding[] {
  const findings: Finding[] = [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  const ctxFor = (rule: ProjectRule<DependencyFacts>) => ({
    option<T>(name: string): T {
      return rule.options?.[name] as T;
    },
    report(f: Finding) {
      findings.push(f);
    },
  });
  for (const step of STEPS) {
    const stepRules = step.rules.map((id) => byId.get(id)).filter((r): r is ProjectRule<DependencyFacts> => r !== undefined);
    if (!stepRules.length) continue;
    const items = facts[step.list] as readonly unknown[];
    const views = step.each ? items.map((item) => only(facts, step.list, [item] as never)) : [only(facts, step.list, items as never)];
    for (const view of views) for (const rule of stepRules) rule.check(view, ctxFor(rule));
  }
  const ordered = new Set(STEPS.flatMap((s) => s.rules));
  for (const rule of rules) if (!ordered.has(rule.id)) rule.check(facts, ctxFor(rule));
  return findings;
}

/**
 * The dependency audit of a scan: facts, then the dependency rules `enabled` admits (by id
 * and name; default all), then the report's dependency table from their findings.
 * @returns findings (category `dependencies`, fingerprints empty for the pipeline to fill),
 *   the dependency report, and diagnostics.
 */
export async function analyzeDependencies(
  input: DependencyInput,
  enabled: (id: string, name: string) => boolean = () => true,
): Promise<{ findings: Finding[]; report: DependencyReport; diagnostics: FileDiagnostic[] }> {
  const { facts, report, diagnostics } = await dependencyFacts(input);
  const findings = runDependencyRules(
    facts,
    DEPENDENCY_RULES.filter((r) => enabled(r.id, r.name)),
  );
  report.table = rowsFromFindings(findings);
  return { findings, report, diagnostics };
}
