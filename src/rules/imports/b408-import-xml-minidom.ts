import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B408 (bandit `import_xml_minidom`, import blacklist): Flags imports of `xml.dom.minidom` (bandit B408), whose parsers are unsafe on untrusted XML. */
export const importXmlMinidom = defineRule({
  id: 'B408',
  name: 'import-xml-minidom',
  category: 'input-validation',
  severity: 'low',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags imports of `xml.dom.minidom` (bandit B408), whose parsers are unsafe on untrusted XML.',
    why: 'The standard library XML parsers expand entities; untrusted XML can read local files or reach internal hosts (XXE, CWE-611) or exhaust memory ("billion laughs").',
    example: 'from xml.dom import minidom',
    instead: 'from defusedxml import minidom',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b408-import-xml-minidom',
    ],
  },
  visit: importBlacklistVisitor('B408', 'Import the defusedxml equivalent of xml.dom.minidom, or call defusedxml.defuse_stdlib() before parsing untrusted XML.'),
});
