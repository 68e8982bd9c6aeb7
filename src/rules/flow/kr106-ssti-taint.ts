import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR106: data-flow rule (see src/taint/). */
export const sstiTaint = defineRule({
  id: 'KR106',
  name: 'ssti-taint',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [1336],
  docs: {
    what: "Follows untrusted data into template source: `render_template_string()`, `jinja2.Template()`, `Environment.from_string()`, Django and Mako `Template()`.",
    why: "Template syntax in the data is executed: `{{ config }}` leaks secrets and `{{ ''.__class__.__mro__… }}` reaches code execution (server-side template injection, CWE-1336).",
    example: "name = request.args[\"name\"]\nreturn render_template_string(f\"<h1>Hello {name}</h1>\")",
    instead: "return render_template_string(\"<h1>Hello {{ name }}</h1>\", name=request.args[\"name\"])",
    references: ["https://cwe.mitre.org/data/definitions/1336.html", "https://portswigger.net/web-security/server-side-template-injection"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} becomes template source in \`${sink}\` (server-side template injection): pass it as a template variable, never into the template text.`);
    },
  },
});
