import { defineProjectRule } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { cweUrl, reportDependency } from './report.js';

/**
 * KR502: an application requirement without an exact version that no lock file pins.
 * CWE-1357 "Reliance on Insufficiently Trustworthy Component": the version that runs is
 * chosen at install time by whoever controls the index, not reviewed by the project.
 * Open-ended ranges are medium, bounded ones low; a library manifest (pyproject, setup.cfg,
 * setup.py) is only reported for a name without any constraint, at low severity.
 */
export const unpinnedRequirement = defineProjectRule<DependencyFacts>({
  id: 'KR502',
  name: 'unpinned-requirement',
  category: 'dependencies',
  severity: 'medium',
  confidence: 'high',
  cwe: [1357],
  docs: {
    what: 'An application requirement has no exact version (`==`) and no lock file pins it; open-ended ones (no upper bound) are medium, bounded ranges low.',
    why: 'Each install may pull a different release, including a compromised or broken one, and audits of one environment say nothing about the next.',
    example: 'requests>=2.0',
    instead: 'requests==2.32.3  # or keep the range in pyproject.toml and commit a lock file (uv.lock, poetry.lock…)',
    references: [cweUrl(1357), 'https://pip.pypa.io/en/stable/topics/repeatable-installs/'],
  },
  check(facts, ctx) {
    for (const { requirement: r, unpinned } of facts.requirements) {
      if (!unpinned) continue;
      const { library, openEnded: open } = unpinned;
      reportDependency(ctx, unpinnedRequirement, facts, r.source, {
        severity: library ? 'low' : open ? 'medium' : 'low',
        message: r.specifier
          ? `${r.name}${r.specifier} is not pinned${open ? ' and has no upper bound' : ''}: each install may get a different release`
          : `${r.name} has no version constraint at all: each install gets whatever the index serves`,
        fix: library ? `give ${r.name} a lower bound and commit a lock file` : `pin it (${r.name}==<tested version>) or install from a lock file`,
        properties: { package: r.name, specifier: r.specifier, openEnded: open },
      });
    }
  },
});
