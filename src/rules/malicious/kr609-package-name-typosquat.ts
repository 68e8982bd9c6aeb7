/**
 * KR609: the audited package's own name typosquats a popular PyPI project (the test of
 * KR503, `src/deps/typosquat.ts`, applied to the name the package's metadata sets). Run by
 * the package verdict (`verdict.ts`), whose facts name each package and where its name is
 * set; the finding is one of the package's malicious-package indicators.
 */
import { createHash } from 'node:crypto';
import { defineProjectRule } from '../../core/rule.js';
import { snippetAt } from '../../core/snippet.js';
import { checkTyposquat } from '../../deps/typosquat.js';

/** The packages of a scan whose metadata names them, with the manifest line that does. */
export interface PackageNameFacts {
  /** `at.lines()` reads the manifest's lines (only for a name that is reported). */
  packages: { name: string; at: { path: string; line: number; lines: () => readonly string[] } }[];
}

export const packageNameTyposquat = defineProjectRule<PackageNameFacts>({
  id: 'KR609',
  name: 'package-name-typosquat',
  category: 'code',
  severity: 'high',
  confidence: 'medium',
  cwe: [829],
  docs: {
    what: "The audited package's own name (from pyproject.toml, setup.cfg, setup.py, PKG-INFO or METADATA) is one or two edits away from one of the most downloaded PyPI projects and is not popular itself (same test as KR503 for requirements).",
    why: 'Typosquats (`reqeusts`, `djangoo`, `python-dateutils`) are published to be installed by mistake, and the installer then runs their code with the user\'s rights: including functionality from an untrusted control sphere (CWE-829). A package with such a name deserves a close look before anything else.',
    example: '[project]\nname = "reqeusts"',
    instead: 'Install the real project (`requests`); if this is your own package, pick a name that cannot be mistaken for a popular one.',
    references: ['https://cwe.mitre.org/data/definitions/829.html', 'https://arxiv.org/abs/2003.03471', 'https://blog.pypi.org/posts/2024-03-28-incident-report-typosquatting/'],
  },
  check(facts, ctx) {
    for (const { name, at } of facts.packages) {
      const hit = checkTyposquat(name);
      if (!hit || hit.confidence === 'low') continue;
      const lines = at.lines();
      const snippet = lines.length ? snippetAt(lines, at.line, at.line, 0) : '';
      ctx.report({
        ruleId: packageNameTyposquat.id,
        ruleName: packageNameTyposquat.name,
        category: packageNameTyposquat.category,
        severity: packageNameTyposquat.severity,
        confidence: hit.confidence,
        cwe: [...packageNameTyposquat.cwe],
        message: `The package is named '${name}', ${hit.distance} edit${hit.distance === 1 ? '' : 's'} from the popular project '${hit.target}' (download rank ${hit.targetRank}).`,
        location: { path: at.path, startLine: at.line, startColumn: 0, endLine: at.line, endColumn: (lines[at.line - 1] ?? '').length },
        snippet,
        fix: `Check that you meant '${name}' and not '${hit.target}'.`,
        // Fingerprinted like the other findings: rule, path, line text.
        fingerprint: createHash('sha256').update(`${packageNameTyposquat.id}\u0000${at.path}\u0000${snippet.replace(/\s+/g, ' ').trim()}\u00000`).digest('hex').slice(0, 16),
        properties: { indicator: 'typosquat', target: hit.target },
      });
    }
  },
});
