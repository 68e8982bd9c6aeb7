import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B316 (bandit `xml_bad_expatbuilder`, call blacklist): Flags the `xml.dom.expatbuilder` parsing functions that bandit blacklists (B316). */
export const xmlBadExpatbuilder = defineRule({
  id: 'B316',
  name: 'xml-bad-expatbuilder',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags the `xml.dom.expatbuilder` parsing functions that bandit blacklists (B316).',
    why: 'The standard library XML parsers expand entities; untrusted XML can then read local files or reach internal hosts (XXE, CWE-611) or exhaust memory with nested entities ("billion laughs", CWE-776).',
    example: 'doc = xml.dom.expatbuilder.parseString(body)',
    instead: 'doc = defusedxml.expatbuilder.parseString(body)',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b316-xml-bad-expatbuilder',
    ],
  },
  visit: { Call: callBlacklistVisitor('B316', 'Parse untrusted XML with defusedxml (e.g. defusedxml.expatbuilder.parseString), or call defusedxml.defuse_stdlib() at start-up.') },
});
