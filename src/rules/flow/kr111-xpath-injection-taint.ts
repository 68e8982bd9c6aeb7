import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR111: data-flow rule (see src/taint/). */
export const xpathInjectionTaint = defineRule({
  id: 'KR111',
  name: 'xpath-injection-taint',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [643],
  docs: {
    what: "Follows untrusted data into lxml XPath expressions (`tree.xpath()`, `etree.XPath()`).",
    why: "Quotes and operators in the data rewrite the query: `' or '1'='1` returns every node (CWE-643).",
    example: "tree.xpath(f\"//user[name='{request.args['name']}']\")",
    instead: "tree.xpath(\"//user[name=$name]\", name=request.args[\"name\"])  # XPath variables",
    references: ["https://cwe.mitre.org/data/definitions/643.html", "https://lxml.de/xpathxslt.html#the-xpath-method"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is built into an XPath expression in \`${sink}\`: pass it as an XPath variable ($name) instead.`);
    },
  },
});
