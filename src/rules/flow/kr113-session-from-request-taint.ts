import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR113: data-flow rule (see src/taint/). */
export const sessionFromRequestTaint = defineRule({
  id: 'KR113',
  name: 'session-from-request-taint',
  category: 'auth',
  severity: 'medium',
  confidence: 'high',
  cwe: [501, 384, 20],
  docs: {
    what: "Reports request data stored straight into the session, as a value or as a key the client chooses: Flask/Quart `session[...] = ...`, Django, Starlette and Pyramid `request.session[...]`, `update()` and `setdefault()`, aiohttp_session's `await get_session(request)`, Beaker's `environ[\"beaker.session\"]`.",
    why: "The session is trusted state: copying unvalidated client data into it (a role, a user id, a redirect target) lets the client set what the server later believes (trust boundary violation, CWE-501; with ids, session fixation, CWE-384).",
    example: "session[\"role\"] = request.form[\"role\"]",
    instead: "user = authenticate(request.form[\"user\"], request.form[\"password\"])\nsession[\"user_id\"] = user.id  # server-side facts only",
    references: ["https://cwe.mitre.org/data/definitions/501.html", "https://cwe.mitre.org/data/definitions/384.html"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is stored in the session in \`${sink}\` without validation: store server-side facts (after authentication or an allow-list check), not client input.`);
    },
  },
});
