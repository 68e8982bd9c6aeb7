import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B318 (bandit `xml_bad_minidom`, call blacklist): Flags the `xml.dom.minidom` parsing functions that bandit blacklists (B318). */
export const xmlBadMinidom = defineRule({
  id: 'B318',
  name: 'xml-bad-minidom',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags the `xml.dom.minidom` parsing functions that bandit blacklists (B318).',
    why: 'The standard library XML parsers expand entities; untrusted XML can then read local files or reach internal hosts (XXE, CWE-611) or exhaust memory with nested entities ("billion laughs", CWE-776).',
    example: 'doc = minidom.parseString(body)',
    instead: 'doc = defusedxml.minidom.parseString(body)',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b318-xml-bad-minidom',
    ],
  },
  visit: { Call: callBlacklistVisitor('B318', 'Parse untrusted XML with defusedxml (e.g. defusedxml.minidom.parseString), or call defusedxml.defuse_stdlib() at start-up.') },
});
