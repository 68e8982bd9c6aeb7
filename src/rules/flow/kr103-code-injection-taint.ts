import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR103: data-flow rule (see src/taint/). */
export const codeInjectionTaint = defineRule({
  id: 'KR103',
  name: 'code-injection-taint',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [95, 94],
  docs: {
    what: "Follows untrusted data into `eval()`, `exec()` and `compile()`.",
    why: "Evaluated text is Python: the attacker runs arbitrary code in the server process (CWE-95).",
    example: "expr = request.args[\"expr\"]\nresult = eval(expr)",
    instead: "import ast\nresult = ast.literal_eval(request.args[\"expr\"])  # literals only; better, parse the input yourself",
    references: ["https://cwe.mitre.org/data/definitions/95.html", "https://owasp.org/www-community/attacks/Code_Injection"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is evaluated as Python code in \`${sink}\`: never eval input; use ast.literal_eval() for literals or a real parser.`);
    },
  },
});
