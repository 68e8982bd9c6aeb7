import type { Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { worstSeverity } from '../../deps/index.js';
import { compareVersions, hasUpperBound, satisfies } from '../../deps/pep440.js';
import type { Requirement } from '../../deps/types.js';
import { cweUrl, reportDependency } from './report.js';

/**
 * KR505: a version range admits versions affected by advisories. CWE-1395 "Dependency on
 * Vulnerable Third-Party Component". Low and medium confidence while a fixed version is
 * inside the range (the installed version is unknown); the worst advisory's severity, high
 * confidence, when the range's upper bound excludes every fixed version. Build-system
 * requirements are left out.
 */
export const rangeAdmitsVulnerableVersion = defineProjectRule<DependencyFacts>({
  id: 'KR505',
  name: 'range-admits-vulnerable-version',
  category: 'dependencies',
  severity: 'low',
  confidence: 'medium',
  cwe: [1395],
  docs: {
    what: 'A version range admits versions affected by advisories; the installed version is not known, so krait does not claim it is vulnerable.',
    why: 'A resolver constrained by other packages, a cache or an old index may pick an affected version the range still allows.',
    example: 'urllib3>=1.24',
    instead: 'urllib3>=2.2.2  # raise the lower bound to the first version that fixes every listed advisory',
    references: [cweUrl(1395), 'https://ossf.github.io/osv-schema/#evaluation'],
  },
  check(facts, ctx) {
    for (const { requirement: r, advisories, suggestedVersion } of facts.requirements) {
      const ranged = advisories.filter((a) => !a.exact);
      if (!ranged.length || r.group === 'build-system') continue;
      const sortedLo = ranged.map((a) => a.allowedAffected?.lowest ?? '').filter(Boolean).sort(compareVersions);
      const sortedHi = ranged.map((a) => a.allowedAffected?.highest ?? '').filter(Boolean).sort(compareVersions);
      const fixExcluded = suggestedVersion !== undefined && !satisfiesRequirement(r, suggestedVersion) && hasUpperBound(r.specifier);
      const sev: Severity = fixExcluded ? worstSeverity(ranged.map((a) => a.severity)) : 'low';
      const spec = r.specifierAnyOf?.join(' || ') ?? (r.specifier || 'any version');
      const ids = ranged.map((a) => a.id);
      reportDependency(ctx, rangeAdmitsVulnerableVersion, facts, r.source, {
        severity: sev,
        confidence: fixExcluded ? 'high' : 'medium',
        message: `${r.name} ${spec} allows ${sortedLo[0]}–${sortedHi[sortedHi.length - 1]}, affected by ${ids.length} advisor${ids.length === 1 ? 'y' : 'ies'} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})${fixExcluded ? '; the range excludes every fixed version' : ''}`,
        fix: suggestedVersion ? `require ${r.name}>=${suggestedVersion}` : `no fixed release is known for ${r.name}`,
        properties: {
          package: r.name,
          specifier: spec,
          advisories: ranged.map((a) => ({ id: a.id, aliases: a.aliases, fixedVersions: a.fixedVersions, severity: a.severity, severitySource: a.severitySource, allows: a.allowedAffected })),
          suggestedVersion,
          worstSeverity: worstSeverity(ranged.map((a) => a.severity)),
        },
      });
    }
  },
});

/** Whether version `v` satisfies the requirement's specifier (any of Poetry's `||` alternatives). */
function satisfiesRequirement(r: Requirement, v: string): boolean {
  if (r.specifierAnyOf?.length) return r.specifierAnyOf.some((s) => satisfies(v, s));
  return satisfies(v, r.specifier);
}
