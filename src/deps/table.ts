/**
 * The rows of the dependency table (`report.dependencies.table`), one per dependency
 * finding, most severe first; `report/deps-table.ts` renders them.
 */
import type { Finding } from '../core/finding.js';
import { severityRank } from '../core/finding.js';
import type { DepsTableRow } from './types.js';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** One table row per dependency finding (rendered by `renderDepsTable` in report/deps-table.ts). */
export function rowsFromFindings(findings: readonly Finding[]): DepsTableRow[] {
  const rows: DepsTableRow[] = [];
  for (const f of findings) {
    if (f.category !== 'dependencies') continue;
    const p = f.properties ?? {};
    const pkg = str(p['package']) || str(p['distribution']) || str(p['module']) || str(p['file']) || str(p['url']) || f.location.path;
    let version = str(p['version']) || str(p['specifier']) || '';
    let issue = f.message;
    let action = f.fix ?? '';
    switch (f.ruleId) {
      case 'KR501': {
        const aliases = Array.isArray(p['aliases']) ? (p['aliases'] as string[]) : [];
        issue = `${str(p['advisory'])}${aliases.length ? ` (${aliases.join(', ')})` : ''}: ${f.message.replace(/^.*? is affected by [^:]*: ?/, '')}`;
        const fixed = Array.isArray(p['fixedVersions']) ? (p['fixedVersions'] as string[]) : [];
        if (p['malicious'] === true) {
          issue = `Known malicious package: ${issue}`;
          action = 'Remove it and treat installs as compromised';
          break;
        }
        action = p['suggestedVersion'] ? `Upgrade to ${str(p['suggestedVersion'])}` : fixed.length ? `Upgrade (fixed in ${fixed.join(', ')})` : 'No fix published: replace or mitigate';
        break;
      }
      case 'KR505':
        version = version || 'any';
        issue = f.message.replace(/^\S+ \S+ /, 'Range ');
        break;
      case 'KR502':
        version = version || 'any';
        issue = version === 'any' ? 'Unpinned (no version constraint)' : 'Unpinned version range';
        break;
      case 'KR503':
        issue = `Possible typosquat of ${str(p['lookalike'])}`;
        break;
      default:
        break;
    }
    rows.push({ package: pkg, version: version || '—', issue, severity: f.severity, action });
  }
  return rows.sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.package.toLowerCase() < b.package.toLowerCase() ? -1 : a.package.toLowerCase() > b.package.toLowerCase() ? 1 : 0),
  );
}
