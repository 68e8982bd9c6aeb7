import { defineProjectRule } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import type { UndeclaredImport } from '../../deps/facts.js';
import { cweUrl, importSource, reportDependency } from './report.js';

/** Advisory ids listed in a message at most. */
const MAX_IDS = 8;

/**
 * `; 4 known advisories for PyYAML (PYSEC-2018-49, …), none from 5.4 on; its version is never audited`,
 * or `''` when the database knows none.
 */
function knownAdvisoriesText(e: UndeclaredImport): string {
  const n = e.knownAdvisories;
  if (!n) return '';
  const ids = e.advisoryIds.slice(0, MAX_IDS).join(', ') + (e.advisoryIds.length > MAX_IDS ? `, … ${e.advisoryIds.length - MAX_IDS} more` : '');
  const free = e.freeFrom ? `versions from ${e.freeFrom} on are free of them` : 'no release is known to be free of them';
  return `; ${n} known ${n === 1 ? 'advisory' : 'advisories'} for ${e.distribution} (${ids}), ${free}; the installed version is never audited`;
}

/**
 * KR510: the code imports a third-party module whose distribution no manifest declares.
 * CWE-1357 "Reliance on Insufficiently Trustworthy Component": the module comes from
 * whatever happens to be installed. One finding per distribution at its first import; a
 * project without any manifest gets one finding listing them all.
 */
export const undeclaredDependency = defineProjectRule<DependencyFacts>({
  id: 'KR510',
  name: 'undeclared-dependency',
  category: 'dependencies',
  severity: 'low',
  confidence: 'medium',
  cwe: [1357],
  docs: {
    what: 'The code imports a third-party module whose distribution no manifest of the project declares.',
    why: 'It works only because something else installed it: its version is never audited, and a fresh install may fetch a different (or a squatted) project.',
    example: 'import yaml   # PyYAML in no requirements file',
    instead: 'declare PyYAML==6.0.2 in requirements.txt / pyproject.toml',
    references: [cweUrl(1357)],
  },
  check(facts, ctx) {
    const undeclared = facts.undeclared;
    if (undeclared.length && facts.hasManifests) {
      for (const e of undeclared) {
        reportDependency(ctx, undeclaredDependency, facts, importSource(e.importedAt[0]), {
          message: `${e.module} is imported but ${e.distribution} is not declared in any manifest${knownAdvisoriesText(e)}`,
          fix: e.freeFrom
            ? `declare ${e.distribution} in the project's requirements, pinned at ${e.freeFrom} or later (free of its known advisories)`
            : `declare ${e.distribution} (pinned) in the project's requirements`,
          properties: { module: e.module, distribution: e.distribution, importedAt: e.importedAt, knownAdvisories: e.knownAdvisories, advisoryIds: e.advisoryIds, ...(e.freeFrom ? { freeFrom: e.freeFrom } : {}) },
        });
      }
    } else if (undeclared.length && !facts.hasManifests && facts.importCount) {
      reportDependency(ctx, undeclaredDependency, facts, importSource(undeclared[0].importedAt[0]), {
        message: `no dependency manifest declares the ${undeclared.length} third-party distribution${undeclared.length === 1 ? '' : 's'} the code imports (${undeclared.slice(0, 8).map((e) => e.distribution).join(', ')}${undeclared.length > 8 ? ', …' : ''})`,
        fix: 'add a requirements.txt or pyproject.toml that declares (and pins) them',
        properties: { distributions: undeclared.map((e) => e.distribution) },
      });
    }
  },
});
