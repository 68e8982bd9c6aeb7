import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR110: data-flow rule (see src/taint/). */
export const ldapInjectionTaint = defineRule({
  id: 'KR110',
  name: 'ldap-injection-taint',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [90],
  docs: {
    what: "Follows untrusted data into LDAP search filters (python-ldap `search_s()`/`search_ext_s()`, ldap3 `Connection.search()`). `escape_filter_chars()` sanitises.",
    why: "Filter metacharacters (`*`, `)(`, `|`) change the query: log in as anyone, enumerate the directory (CWE-90).",
    example: "conn.search_s(BASE, ldap.SCOPE_SUBTREE, f\"(uid={request.form['user']})\")",
    instead: "user = escape_filter_chars(request.form[\"user\"])\nconn.search_s(BASE, ldap.SCOPE_SUBTREE, f\"(uid={user})\")",
    references: ["https://cwe.mitre.org/data/definitions/90.html", "https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is built into an LDAP filter in \`${sink}\`: escape it with escape_filter_chars().`);
    },
  },
});
