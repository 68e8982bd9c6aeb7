import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR105: data-flow rule (see src/taint/). */
export const ssrfTaint = defineRule({
  id: 'KR105',
  name: 'ssrf-taint',
  category: 'input-validation',
  severity: 'high',
  confidence: 'high',
  cwe: [918],
  docs: {
    what: "Follows untrusted data into the URL or host of outgoing requests: `requests`, `httpx`, `urllib.request.urlopen`, `http.client`, `socket.create_connection`. A URL that starts with a fixed `https://host/` is not reported, nor a value checked against an allow-list (`urlparse(url).hostname in ALLOWED`).",
    why: "The server fetches whatever the attacker names: cloud metadata endpoints (`169.254.169.254`), internal admin services, `file://` URLs (CWE-918).",
    example: "url = request.args[\"url\"]\nreturn requests.get(url, timeout=5).text",
    instead: "url = request.args[\"url\"]\nif urlparse(url).hostname not in ALLOWED_HOSTS:\n    abort(400)\nreturn requests.get(url, timeout=5).text",
    references: ["https://cwe.mitre.org/data/definitions/918.html", "https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} chooses the target of an outgoing request in \`${sink}\` (SSRF): check the host against an allow-list first.`);
    },
  },
});
