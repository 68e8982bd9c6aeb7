import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B411 (bandit `import_xmlrpclib`, import blacklist): Flags imports of `xmlrpc` (and `xmlrpclib`-style names starting with `xmlrpc`). */
export const importXmlrpclib = defineRule({
  id: 'B411',
  name: 'import-xmlrpclib',
  category: 'input-validation',
  severity: 'high',
  confidence: 'high',
  cwe: [611],
  docs: {
    what: 'Flags imports of `xmlrpc` (and `xmlrpclib`-style names starting with `xmlrpc`).',
    why: 'XML-RPC parses XML from the network with the standard library parsers, which are open to entity-expansion attacks (CWE-611, CWE-776).',
    example: 'from xmlrpc.server import SimpleXMLRPCServer',
    instead: 'import defusedxml.xmlrpc\ndefusedxml.xmlrpc.monkey_patch()\nfrom xmlrpc.server import SimpleXMLRPCServer',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xmlrpc.html',
      'https://pypi.org/project/defusedxml/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b411-import-xmlrpclib',
    ],
  },
  visit: importBlacklistVisitor('B411', 'Call defusedxml.xmlrpc.monkey_patch() before using xmlrpc, or move to a JSON API.'),
});
