import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR118: data-flow rule (see src/taint/). */
export const xxeTaint = defineRule({
  id: 'KR118',
  name: 'xxe-taint',
  category: 'injection',
  severity: 'high',
  confidence: 'medium',
  cwe: [611],
  docs: {
    what: 'Follows HTTP request data into XML parsers that resolve external entities: lxml without `resolve_entities=False` (lxml before 5.0 resolves them by default), `xml.sax`/`xml.dom.pulldom` parsers with `feature_external_ges` switched on.',
    why: 'An external entity in the document makes the parser read local files (`<!ENTITY x SYSTEM "file:///etc/passwd">`) or fetch URLs from the server, and return them in the parsed data (XXE, CWE-611).',
    example: 'doc = etree.fromstring(request.data)',
    instead: 'parser = etree.XMLParser(resolve_entities=False, no_network=True)\ndoc = etree.fromstring(request.data, parser)  # or defusedxml',
    references: ['https://cwe.mitre.org/data/definitions/611.html', 'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html'],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is parsed as XML with external entities enabled in \`${sink}\`: use resolve_entities=False / defusedxml.`);
    },
  },
});
