import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B314 (bandit `xml_bad_ElementTree`, call blacklist): Flags the `xml.etree.ElementTree` parsing functions that bandit blacklists (B314). */
export const xmlBadElementTree = defineRule({
  id: 'B314',
  name: 'xml-bad-elementtree',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags the `xml.etree.ElementTree` parsing functions that bandit blacklists (B314).',
    why: 'The standard library XML parsers expand entities; untrusted XML can then read local files or reach internal hosts (XXE, CWE-611) or exhaust memory with nested entities ("billion laughs", CWE-776).',
    example: 'root = ET.fromstring(body)',
    instead: 'root = defusedxml.ElementTree.fromstring(body)',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b314-xml-bad-elementtree',
    ],
  },
  visit: { Call: callBlacklistVisitor('B314', 'Parse untrusted XML with defusedxml (e.g. defusedxml.ElementTree.fromstring), or call defusedxml.defuse_stdlib() at start-up.') },
});
