import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR112: data-flow rule (see src/taint/). */
export const headerInjectionTaint = defineRule({
  id: 'KR112',
  name: 'header-injection-taint',
  category: 'injection',
  severity: 'medium',
  confidence: 'medium',
  cwe: [113],
  docs: {
    what: "Follows untrusted data into HTTP response header names and values: `send_header()` of `http.server` handlers (which write values as given), `response.headers[...] = value` and the `add`/`set`/`setdefault`/`extend`/`update` methods of response headers (Flask/Werkzeug, Django, Starlette/FastAPI, aiohttp), Django's `response[\"X-...\"] = value`, and the headers given to a response (`Response(..., headers=...)`, `make_response(body, status, headers)`, `HttpResponse(headers=...)`, `web.Response(headers=...)`). Outgoing requests' headers are not reported. A `replace()` chain or `re.sub()` that removes both CR and LF, a character filter that drops them, `urllib.parse.quote()` and `int()` sanitise.",
    why: "CR/LF in a header value ends the header block: the attacker adds headers (cookies) or a body to the response (HTTP response splitting, CWE-113). Werkzeug and Django reject newlines in headers; `http.server` does not.",
    example: "self.send_header(\"Location\", self.path)",
    instead: "self.send_header(\"Location\", quote(self.path, safe=\"/\"))",
    references: ["https://cwe.mitre.org/data/definitions/113.html", "https://owasp.org/www-community/attacks/HTTP_Response_Splitting"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is written into a response header in \`${sink}\`: strip or encode CR/LF (urllib.parse.quote) first.`);
    },
  },
});
