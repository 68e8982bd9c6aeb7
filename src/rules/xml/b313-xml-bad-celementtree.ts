import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B313 (bandit `xml_bad_cElementTree`, call blacklist): Flags the `xml.etree.cElementTree` parsing functions that bandit blacklists (B313). */
export const xmlBadCElementTree = defineRule({
  id: 'B313',
  name: 'xml-bad-celementtree',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags the `xml.etree.cElementTree` parsing functions that bandit blacklists (B313).',
    why: 'The standard library XML parsers expand entities; untrusted XML can then read local files or reach internal hosts (XXE, CWE-611) or exhaust memory with nested entities ("billion laughs", CWE-776).',
    example: 'tree = xml.etree.cElementTree.parse(f)',
    instead: 'tree = defusedxml.ElementTree.parse(f)',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b313-xml-bad-celementtree',
    ],
  },
  visit: { Call: callBlacklistVisitor('B313', 'Parse untrusted XML with defusedxml (e.g. defusedxml.ElementTree.parse), or call defusedxml.defuse_stdlib() at start-up.') },
});
