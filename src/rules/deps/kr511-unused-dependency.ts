import { defineProjectRule } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { cweUrl, reportDependency } from './report.js';

/**
 * KR511: a runtime dependency none of whose modules the scanned code imports. CWE-1164
 * "Irrelevant Code": attack surface for nothing. Plugins, stubs, servers and drivers loaded
 * by name are left out by the analysis, and so are the pins of lock-style requirements files
 * (transitive dependencies); only runs when Python code was scanned.
 */
export const unusedDependency = defineProjectRule<DependencyFacts>({
  id: 'KR511',
  name: 'unused-dependency',
  category: 'dependencies',
  severity: 'info',
  confidence: 'low',
  cwe: [1164],
  docs: {
    what: 'A runtime dependency is declared but none of its modules is imported by the scanned code. Fully pinned requirements files (every line `==`, as pip-compile and pip freeze write them, or with `--hash` lines) are left out: like lock files they list transitive dependencies.',
    why: 'Every installed project can run code at install and import time; unneeded ones add attack surface and advisories. Plugins, servers and drivers loaded by name are legitimate exceptions.',
    example: 'requests==2.32.3 in requirements.txt, no `import requests` anywhere',
    instead: 'remove the requirement, or move tools to a dev group',
    references: [cweUrl(1164)],
  },
  check(facts, ctx) {
    for (const r of facts.unused) {
      reportDependency(ctx, unusedDependency, facts, r.source, {
        message: `${r.name} is declared but none of the scanned code imports it`,
        fix: `remove ${r.name} if nothing loads it by name (plugin, server, driver)`,
        properties: { package: r.name },
      });
    }
  },
});
