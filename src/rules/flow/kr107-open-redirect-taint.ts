import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR107: data-flow rule (see src/taint/). */
export const openRedirectTaint = defineRule({
  id: 'KR107',
  name: 'open-redirect-taint',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'high',
  cwe: [601],
  docs: {
    what: "Follows untrusted data into redirect targets: Flask/Werkzeug `redirect()`, Django `redirect()`/`HttpResponseRedirect`, Starlette/FastAPI `RedirectResponse`, and a `Location` header set by hand (`send_header(\"Location\", …)` in `http.server`, `response.headers[\"Location\"] = …`, Django's `response[\"Location\"] = …`). Targets that start with a fixed `/path` or `https://host/`, or that pass `url_has_allowed_host_and_scheme()` / an allow-list, are not reported.",
    why: "A link on the trusted domain sends users to the attacker's site: phishing that looks legitimate, OAuth token theft (CWE-601).",
    example: "return redirect(request.args.get(\"next\", \"/\"))",
    instead: "target = request.args.get(\"next\", \"/\")\nif not url_has_allowed_host_and_scheme(target, allowed_hosts={request.host}):\n    target = \"/\"\nreturn redirect(target)",
    references: ["https://cwe.mitre.org/data/definitions/601.html", "https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} chooses the redirect target in \`${sink}\` (open redirect): allow only relative paths or known hosts.`);
    },
  },
});
