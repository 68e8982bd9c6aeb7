import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B409 (bandit `import_xml_pulldom`, import blacklist): Flags imports of `xml.dom.pulldom` (bandit B409), whose parsers are unsafe on untrusted XML. */
export const importXmlPulldom = defineRule({
  id: 'B409',
  name: 'import-xml-pulldom',
  category: 'input-validation',
  severity: 'low',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags imports of `xml.dom.pulldom` (bandit B409), whose parsers are unsafe on untrusted XML.',
    why: 'The standard library XML parsers expand entities; untrusted XML can read local files or reach internal hosts (XXE, CWE-611) or exhaust memory ("billion laughs").',
    example: 'from xml.dom import pulldom',
    instead: 'from defusedxml import pulldom',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b409-import-xml-pulldom',
    ],
  },
  visit: importBlacklistVisitor('B409', 'Import the defusedxml equivalent of xml.dom.pulldom, or call defusedxml.defuse_stdlib() before parsing untrusted XML.'),
});
