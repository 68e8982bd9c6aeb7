import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR101: data-flow rule (see src/taint/). */
export const sqlInjectionTaint = defineRule({
  id: 'KR101',
  name: 'sql-injection-taint',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [89],
  docs: {
    what: "Follows request data, command-line input and environment values through assignments, string building and the module's own functions into SQL text: `cursor.execute()`, `executemany()`, SQLAlchemy `text()`, Django `raw()`, `extra()` and `RawSQL`, `pandas.read_sql()`.",
    why: "Data formatted into SQL text can close the literal and add its own SQL: read or change any table, bypass a login (CWE-89). Parameters are sent apart from the query and cannot.",
    example: "@app.route(\"/users\")\ndef users():\n    name = request.args[\"name\"]\n    cur.execute(f\"SELECT * FROM users WHERE name = '{name}'\")",
    instead: "@app.route(\"/users\")\ndef users():\n    cur.execute(\"SELECT * FROM users WHERE name = %s\", (request.args[\"name\"],))",
    references: ["https://cwe.mitre.org/data/definitions/89.html", "https://owasp.org/www-community/attacks/SQL_Injection", "https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} reaches a SQL query in \`${sink}\`: pass it as a query parameter instead of formatting it into the SQL text.`);
    },
  },
});
