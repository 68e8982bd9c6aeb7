import { defineProjectRule } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { reportDependency } from './report.js';

/**
 * KR512: a dependency its maintainers abandoned or deprecated (krait's curated list in
 * src/deps/obsolete.ts, with reasons). CWE-1104 "Use of Unmaintained Third Party
 * Components". Once per name and file.
 */
export const obsoleteDependency = defineProjectRule<DependencyFacts>({
  id: 'KR512',
  name: 'obsolete-dependency',
  category: 'dependencies',
  severity: 'medium',
  confidence: 'high',
  cwe: [1104],
  docs: {
    what: 'A dependency is a project its maintainers abandoned or deprecated (krait ships a short curated list with the reasons).',
    why: 'Nobody fixes its vulnerabilities any more; several on the list carry known, unfixed advisories.',
    example: 'pycrypto==2.6.1',
    instead: 'pycryptodome==3.21.0',
    references: ['https://cwe.mitre.org/data/definitions/1104.html'],
  },
  check(facts, ctx) {
    for (const { requirement: r, obsolete } of facts.requirements) {
      if (!obsolete) continue;
      reportDependency(ctx, obsoleteDependency, facts, r.source, {
        message: `${r.name} is obsolete: ${obsolete.reason}`,
        fix: `replace it with ${obsolete.instead}`,
        properties: { package: r.name, version: r.version ?? r.specifier, reason: obsolete.reason, instead: obsolete.instead },
      });
    }
  },
});
