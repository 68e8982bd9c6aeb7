import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B407 (bandit `import_xml_expat`, import blacklist): Flags imports of `xml.dom.expatbuilder` (bandit B407), whose parsers are unsafe on untrusted XML. */
export const importXmlExpat = defineRule({
  id: 'B407',
  name: 'import-xml-expat',
  category: 'input-validation',
  severity: 'low',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags imports of `xml.dom.expatbuilder` (bandit B407), whose parsers are unsafe on untrusted XML.',
    why: 'The standard library XML parsers expand entities; untrusted XML can read local files or reach internal hosts (XXE, CWE-611) or exhaust memory ("billion laughs").',
    example: 'from xml.dom import expatbuilder',
    instead: 'from defusedxml import expatbuilder',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b407-import-xml-expat',
    ],
  },
  visit: importBlacklistVisitor('B407', 'Import the defusedxml equivalent of xml.dom.expatbuilder, or call defusedxml.defuse_stdlib() before parsing untrusted XML.'),
});
