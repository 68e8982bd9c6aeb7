import { defineProjectRule } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { cweUrl, reportDependency } from './report.js';

/**
 * KR504: a project folder declares dependencies by range and has no lock file. CWE-1357
 * "Reliance on Insufficiently Trustworthy Component". Once per folder, at the first ranged
 * requirement of its first such manifest; built distributions' metadata is left out (a
 * lock file belongs to the application that installs a wheel, not to the wheel).
 */
export const noLockFile = defineProjectRule<DependencyFacts>({
  id: 'KR504',
  name: 'no-lock-file',
  category: 'dependencies',
  severity: 'low',
  confidence: 'medium',
  cwe: [1357],
  docs: {
    what: 'A project declares dependencies with ranges but has no lock file and no fully pinned requirements file.',
    why: 'Without a lock, the transitive dependency tree is resolved anew on every install and cannot be audited or reproduced.',
    example: 'pyproject.toml with dependencies = ["flask>=2"] and nothing else',
    instead: 'commit uv.lock / poetry.lock / pdm.lock / Pipfile.lock, or a pip-compile --generate-hashes requirements.txt',
    references: [cweUrl(1357), 'https://peps.python.org/pep-0751/'],
  },
  check(facts, ctx) {
    const done = new Set<string>();
    for (const m of facts.manifests) {
      if (m.isLock || m.projectLocked || done.has(m.dir)) continue;
      // A built distribution's METADATA/PKG-INFO declares what a library accepts; a lock file
      // belongs to the application that installs it, not to the wheel or sdist.
      if (m.format.startsWith('dist-metadata')) continue;
      const ranged = m.requirements.filter((r) => r.role === 'requirement' && !r.version && !r.local && !r.vcs && !r.url && r.group !== 'build-system');
      const first = ranged[0];
      if (!first) continue;
      done.add(m.dir);
      reportDependency(ctx, noLockFile, facts, first.source, {
        message: `${m.path} declares ${ranged.length} dependenc${ranged.length === 1 ? 'y' : 'ies'} by range and the project has no lock file (uv.lock, poetry.lock, pdm.lock, Pipfile.lock, pylock.toml or a fully pinned requirements file)`,
        fix: 'generate and commit a lock file (uv lock, poetry lock, pdm lock, pip-compile --generate-hashes)',
        properties: { file: m.path, ranged: ranged.length },
      });
    }
  },
});
