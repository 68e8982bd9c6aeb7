import { defineProjectRule } from '../../core/rule.js';
import { isPypi } from '../../deps/manifests/common.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { cweUrl, redactUrl, reportDependency } from './report.js';

/**
 * KR508: an extra index or find-links location searched besides the primary index (PyPI
 * itself excepted). CWE-427 "Uncontrolled Search Path Element", the CWE MITRE and the
 * dependency-confusion write-ups use for a resolver searching several indexes.
 */
export const extraIndexDependencyConfusion = defineProjectRule<DependencyFacts>({
  id: 'KR508',
  name: 'extra-index-dependency-confusion',
  category: 'dependencies',
  severity: 'medium',
  confidence: 'medium',
  cwe: [427],
  docs: {
    what: 'An extra package index is configured besides the primary one (`--extra-index-url`, a secondary Poetry/PDM/Pipenv/uv source).',
    why: 'pip picks the highest version across all indexes: an attacker who publishes an internal package name on PyPI with a higher version wins (dependency confusion).',
    example: '--extra-index-url https://pypi.internal/simple',
    instead: 'use one index that proxies PyPI (--index-url), or uv/Poetry explicit per-package index pinning',
    references: [cweUrl(427), 'https://medium.com/@alex.birsan/dependency-confusion-4a5d60fec610', 'https://docs.astral.sh/uv/configuration/indexes/'],
  },
  check(facts, ctx) {
    for (const ix of facts.indexes) {
      if ((ix.kind !== 'extra' && ix.kind !== 'find-links') || isPypi(ix.url)) continue;
      reportDependency(ctx, extraIndexDependencyConfusion, facts, ix.source, {
        message: `${ix.kind === 'extra' ? 'extra index' : 'find-links location'} ${redactUrl(ix.url)} is searched besides the primary index: a package of the same name and a higher version on either one wins (dependency confusion)`,
        fix: 'serve everything through one index (--index-url to a proxy of PyPI), or pin each internal package to its index (uv: [tool.uv.sources] index=…)',
        properties: { url: redactUrl(ix.url), kind: ix.kind },
      });
    }
  },
});
