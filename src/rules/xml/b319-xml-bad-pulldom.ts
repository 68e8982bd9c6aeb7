import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B319 (bandit `xml_bad_pulldom`, call blacklist): Flags the `xml.dom.pulldom` parsing functions that bandit blacklists (B319). */
export const xmlBadPulldom = defineRule({
  id: 'B319',
  name: 'xml-bad-pulldom',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags the `xml.dom.pulldom` parsing functions that bandit blacklists (B319).',
    why: 'The standard library XML parsers expand entities; untrusted XML can then read local files or reach internal hosts (XXE, CWE-611) or exhaust memory with nested entities ("billion laughs", CWE-776).',
    example: 'events = pulldom.parseString(body)',
    instead: 'events = defusedxml.pulldom.parseString(body)',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b319-xml-bad-pulldom',
    ],
  },
  visit: { Call: callBlacklistVisitor('B319', 'Parse untrusted XML with defusedxml (e.g. defusedxml.pulldom.parseString), or call defusedxml.defuse_stdlib() at start-up.') },
});
