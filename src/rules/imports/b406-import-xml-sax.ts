import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B406 (bandit `import_xml_sax`, import blacklist): Flags imports of `xml.sax` (bandit B406), whose parsers are unsafe on untrusted XML. */
export const importXmlSax = defineRule({
  id: 'B406',
  name: 'import-xml-sax',
  category: 'input-validation',
  severity: 'low',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags imports of `xml.sax` (bandit B406), whose parsers are unsafe on untrusted XML.',
    why: 'The standard library XML parsers expand entities; untrusted XML can read local files or reach internal hosts (XXE, CWE-611) or exhaust memory ("billion laughs").',
    example: 'import xml.sax',
    instead: 'import defusedxml.sax',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b406-import-xml-sax',
    ],
  },
  visit: importBlacklistVisitor('B406', 'Import the defusedxml equivalent of xml.sax, or call defusedxml.defuse_stdlib() before parsing untrusted XML.'),
});
