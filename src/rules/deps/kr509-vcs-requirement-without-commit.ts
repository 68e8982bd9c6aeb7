import { defineProjectRule } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { cweUrl, reportDependency } from './report.js';

/**
 * KR509: a dependency installed from a VCS URL at a branch, a tag or no ref instead of a
 * full commit id. CWE-494 "Download of Code Without Integrity Check": whoever can push to
 * the repository decides what gets installed next.
 */
export const vcsRequirementWithoutCommit = defineProjectRule<DependencyFacts>({
  id: 'KR509',
  name: 'vcs-requirement-without-commit',
  category: 'dependencies',
  severity: 'medium',
  confidence: 'high',
  cwe: [494],
  docs: {
    what: 'A dependency is installed from a VCS URL with a branch, a tag or no ref instead of a full commit id.',
    why: 'Branches and tags move: whoever can push to the repository decides what gets installed next time.',
    example: 'git+https://github.com/org/lib.git@main#egg=lib',
    instead: 'git+https://github.com/org/lib.git@3f2c1e…(40 hex digits)#egg=lib',
    references: [cweUrl(494), 'https://pip.pypa.io/en/stable/topics/vcs-support/'],
  },
  check(facts, ctx) {
    for (const { requirement: r } of facts.requirements) {
      if (!r.vcs || r.vcs.commitPinned) continue;
      reportDependency(ctx, vcsRequirementWithoutCommit, facts, r.source, {
        message: `${r.name} is installed from ${r.vcs.type} ${r.vcs.url} ${r.vcs.ref ? `at the movable ref "${r.vcs.ref}"` : 'at its default branch'}`,
        fix: `pin the full commit id: ${r.vcs.type}+${r.vcs.url}@<40-hex commit>`,
        properties: { package: r.name, url: r.vcs.url, ref: r.vcs.ref ?? null },
      });
    }
  },
});
