import { defineProjectRule } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { cweUrl, reportDependency } from './report.js';

/**
 * KR503: a requested name one or two edits away from a very popular project. CWE-829
 * "Inclusion of Functionality from Untrusted Control Sphere": the look-alike project is
 * published by someone else entirely (its hashes would match the attacker's files, so 494
 * "without integrity check" does not describe it). Once per name and file.
 */
export const possibleTyposquat = defineProjectRule<DependencyFacts>({
  id: 'KR503',
  name: 'possible-typosquat',
  category: 'dependencies',
  severity: 'high',
  confidence: 'medium',
  cwe: [829],
  docs: {
    what: 'A requested project name is one or two edits away from a very popular project and is not popular itself.',
    why: 'Typosquatted packages on PyPI run code at install time (setup.py) or import time and have stolen credentials and tokens.',
    example: 'reqeusts==2.31.0',
    instead: 'requests==2.31.0',
    references: [cweUrl(829), 'https://arxiv.org/abs/2003.03471', 'https://blog.pypi.org/posts/2024-03-28-incident-report-typosquatting/'],
  },
  check(facts, ctx) {
    for (const { requirement: r, typosquat: hit } of facts.requirements) {
      if (!hit) continue;
      reportDependency(ctx, possibleTyposquat, facts, r.source, {
        confidence: hit.confidence,
        severity: hit.confidence === 'low' ? 'medium' : 'high',
        message: `${r.name} is not a popular project but is ${hit.distance} edit${hit.distance === 1 ? '' : 's'} away from ${hit.target} (download rank ${hit.targetRank}): possible typosquat`,
        fix: `check the name: did you mean ${hit.target}?`,
        properties: { package: r.name, version: r.version ?? r.specifier, lookalike: hit.target, lookalikeRank: hit.targetRank, distance: hit.distance },
      });
    }
  },
});
