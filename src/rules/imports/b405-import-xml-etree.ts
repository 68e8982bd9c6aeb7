import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B405 (bandit `import_xml_etree`, import blacklist): Flags imports of `xml.etree.ElementTree / cElementTree` (bandit B405), whose parsers are unsafe on untrusted XML. */
export const importXmlEtree = defineRule({
  id: 'B405',
  name: 'import-xml-etree',
  category: 'input-validation',
  severity: 'low',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags imports of `xml.etree.ElementTree / cElementTree` (bandit B405), whose parsers are unsafe on untrusted XML.',
    why: 'The standard library XML parsers expand entities; untrusted XML can read local files or reach internal hosts (XXE, CWE-611) or exhaust memory ("billion laughs").',
    example: 'import xml.etree.ElementTree as ET',
    instead: 'import defusedxml.ElementTree as ET',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b405-import-xml-etree',
    ],
  },
  visit: importBlacklistVisitor('B405', 'Import the defusedxml equivalent of xml.etree.ElementTree / cElementTree, or call defusedxml.defuse_stdlib() before parsing untrusted XML.'),
});
