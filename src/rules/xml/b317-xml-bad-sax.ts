import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B317 (bandit `xml_bad_sax`, call blacklist): Flags the `xml.sax` parsing functions that bandit blacklists (B317). */
export const xmlBadSax = defineRule({
  id: 'B317',
  name: 'xml-bad-sax',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags the `xml.sax` parsing functions that bandit blacklists (B317).',
    why: 'The standard library XML parsers expand entities; untrusted XML can then read local files or reach internal hosts (XXE, CWE-611) or exhaust memory with nested entities ("billion laughs", CWE-776).',
    example: 'xml.sax.parseString(body, handler)',
    instead: 'defusedxml.sax.parseString(body, handler)',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b317-xml-bad-sax',
    ],
  },
  visit: { Call: callBlacklistVisitor('B317', 'Parse untrusted XML with defusedxml (e.g. defusedxml.sax.parseString), or call defusedxml.defuse_stdlib() at start-up.') },
});
