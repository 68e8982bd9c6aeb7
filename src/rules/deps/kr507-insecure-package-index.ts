import { defineProjectRule } from '../../core/rule.js';
import { isPlainHttp } from '../../deps/manifests/common.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { cweUrl, redactUrl, reportDependency } from './report.js';

/**
 * KR507: a package index or find-links location reached over plain http. CWE-494
 * "Download of Code Without Integrity Check" and CWE-319 "Cleartext Transmission of
 * Sensitive Information". Credentials in the URL are masked in the finding.
 */
export const insecurePackageIndex = defineProjectRule<DependencyFacts>({
  id: 'KR507',
  name: 'insecure-package-index',
  category: 'dependencies',
  severity: 'high',
  confidence: 'high',
  cwe: [494, 319],
  docs: {
    what: 'A package index or find-links location is reached over plain http.',
    why: 'Anyone on the network path can substitute packages; pip only accepts it with --trusted-host, which turns off the check.',
    example: '--index-url http://pypi.internal/simple',
    instead: '--index-url https://pypi.internal/simple',
    references: [cweUrl(494), cweUrl(319)],
  },
  check(facts, ctx) {
    for (const ix of facts.indexes) {
      if (!isPlainHttp(ix.url)) continue;
      reportDependency(ctx, insecurePackageIndex, facts, ix.source, {
        message: `package index ${redactUrl(ix.url)} is plain http: packages can be replaced in transit`,
        fix: `use https: ${redactUrl(ix.url).replace(/^http:/i, 'https:')}`,
        properties: { url: redactUrl(ix.url), kind: ix.kind },
      });
    }
  },
});
