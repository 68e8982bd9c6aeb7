import { defineProjectRule, type ProjectRuleContext } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import type { AdvisoryMatch, Requirement } from '../../deps/types.js';
import { cweUrl, reportDependency } from './report.js';

/**
 * KR501: a pinned or locked version is affected by a published advisory. CWE-1395
 * "Dependency on Vulnerable Third-Party Component". One finding per advisory, at the
 * advisory's own severity; then the advisories only the OSV API knows (`--online`). An OSV
 * `MAL-` entry (a known malicious package) is reported as such, critical, with removal as the fix.
 */
export const vulnerableDependency = defineProjectRule<DependencyFacts>({
  id: 'KR501',
  name: 'vulnerable-dependency',
  category: 'dependencies',
  severity: 'high',
  confidence: 'high',
  cwe: [1395],
  docs: {
    what: 'A pinned or locked dependency version is affected by a published advisory (PyPA / OSV database).',
    why: 'Known vulnerabilities come with public details and often public exploits; the fixed version is usually a drop-in upgrade.',
    example: 'django==3.2.0',
    instead: 'django==3.2.25  # the lowest version that fixes every advisory krait lists',
    references: [cweUrl(1395), 'https://github.com/pypa/advisory-database', 'https://ossf.github.io/osv-schema/'],
  },
  check(facts, ctx) {
    for (const { requirement: r, advisories, suggestedVersion } of facts.requirements) {
      for (const a of advisories.filter((x) => x.exact)) {
        const ids = [a.id, ...a.aliases].join(', ');
        if (a.malicious) {
          reportMalicious(ctx, facts, r, a);
          continue;
        }
        reportDependency(ctx, vulnerableDependency, facts, r.source, {
          severity: a.severity,
          message: `${r.name} ${r.version} is affected by ${ids}${a.summary ? `: ${a.summary}` : ''}${a.fixedVersions.length ? ` (fixed in ${a.fixedVersions.join(', ')})` : ' (no fixed version published)'}`,
          fix: suggestedVersion ? `upgrade to ${r.name}==${suggestedVersion}` : `no fixed release is known: replace ${r.name} or mitigate ${a.id}`,
          properties: advisoryProperties(r, a, suggestedVersion),
        });
      }
    }
    for (const { requirement: r, match } of facts.online) {
      if (match.malicious) {
        reportMalicious(ctx, facts, r, match);
        continue;
      }
      reportDependency(ctx, vulnerableDependency, facts, r.source, {
        severity: 'medium',
        message: `${r.name} ${r.version} is affected by ${match.id} (OSV API; run krait db update for details)`,
        fix: `see https://osv.dev/vulnerability/${match.id}`,
        properties: advisoryProperties(r, match, undefined),
      });
    }
  },
});

/**
 * An OSV `MAL-` entry: the version is known malware (ossf/malicious-packages). Critical,
 * whatever the entry's own rating; the fix is removal, not an upgrade.
 */
function reportMalicious(ctx: ProjectRuleContext, facts: DependencyFacts, r: Requirement, a: AdvisoryMatch): void {
  reportDependency(ctx, vulnerableDependency, facts, r.source, {
    severity: 'critical',
    message: `${r.name} ${r.version} is a known malicious package (${[a.id, ...a.aliases].join(', ')})${a.summary ? `: ${a.summary}` : ''}; installing it runs the attacker's code`,
    fix: `remove ${r.name} from the requirements and uninstall it; treat machines where it was installed as compromised (rotate their credentials)`,
    properties: { ...advisoryProperties(r, a, undefined), malicious: true },
  });
}

function advisoryProperties(r: Requirement, a: AdvisoryMatch, suggested: string | undefined): Record<string, unknown> {
  const p: Record<string, unknown> = {
    package: r.name,
    version: r.version,
    advisory: a.id,
    aliases: a.aliases,
    fixedVersions: a.fixedVersions,
    severitySource: a.severitySource,
    url: a.url,
    role: r.role,
  };
  if (a.cvssScore !== undefined) p['cvssScore'] = a.cvssScore;
  if (a.cvssVector) p['cvssVector'] = a.cvssVector;
  if (suggested) p['suggestedVersion'] = suggested;
  return p;
}
