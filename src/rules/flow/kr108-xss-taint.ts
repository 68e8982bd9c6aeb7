import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR108: data-flow rule (see src/taint/). */
export const xssTaint = defineRule({
  id: 'KR108',
  name: 'xss-taint',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [79],
  docs: {
    what: "Follows untrusted data into HTML that is not escaped: `Markup()`, `mark_safe()`, `make_response()`/`HttpResponse()`/`StreamingHttpResponse()`/`HTMLResponse` bodies (built in place or in a variable), `response.write()` on a Django response, strings a Flask view builds and returns, and variables a constant template prints raw (`{{ x|safe }}`, `{% autoescape false %}`, a Jinja2 `Environment` or `Template` without autoescape). The URL parameters of Django function views (`def view(request, slug)`) are request data unless an `int`/`uuid`/`slug` converter or a type annotation validates them. `html.escape()`, `markupsafe.escape()` and `bleach.clean()` sanitise.",
    why: "Markup in the data runs as script in the victim's browser: session theft, actions on the user's behalf (reflected XSS, CWE-79).",
    example: "@app.route(\"/hello\")\ndef hello():\n    return f\"<h1>Hello {request.args['name']}</h1>\"",
    instead: "@app.route(\"/hello\")\ndef hello():\n    return render_template(\"hello.html\", name=request.args[\"name\"])  # autoescaped",
    references: ["https://cwe.mitre.org/data/definitions/79.html", "https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is written into HTML without escaping in \`${sink}\` (XSS): render it through an autoescaping template or html.escape() it.`);
    },
  },
});
