import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B315 (bandit `xml_bad_expatreader`, call blacklist): Flags the `xml.sax.expatreader` parsing functions that bandit blacklists (B315). */
export const xmlBadExpatreader = defineRule({
  id: 'B315',
  name: 'xml-bad-expatreader',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags the `xml.sax.expatreader` parsing functions that bandit blacklists (B315).',
    why: 'The standard library XML parsers expand entities; untrusted XML can then read local files or reach internal hosts (XXE, CWE-611) or exhaust memory with nested entities ("billion laughs", CWE-776).',
    example: 'parser = xml.sax.expatreader.create_parser()',
    instead: 'parser = defusedxml.expatreader.create_parser()',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b315-xml-bad-expatreader',
    ],
  },
  visit: { Call: callBlacklistVisitor('B315', 'Parse untrusted XML with defusedxml (e.g. defusedxml.expatreader.create_parser), or call defusedxml.defuse_stdlib() at start-up.') },
});
