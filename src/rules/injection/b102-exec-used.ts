import { defineRule } from '../../core/rule.js';

/** B102: `exec()` runs arbitrary code. */
export const execUsed = defineRule({
  id: 'B102',
  name: 'exec-used',
  category: 'injection',
  severity: 'medium',
  confidence: 'high',
  cwe: [95, 94],
  docs: {
    what: 'Flags calls to the builtin `exec()`.',
    why: '`exec` runs any Python code it is given. If any part of the string comes from a user, a file or the network, an attacker can run code in your process (CWE-95, eval injection).',
    example: 'exec(request.form["code"])',
    instead: 'Dispatch to known functions instead of building code:\nACTIONS = {"start": start, "stop": stop}\nACTIONS[request.form["action"]]()',
    references: ['https://cwe.mitre.org/data/definitions/95.html', 'https://bandit.readthedocs.io/en/latest/plugins/b102_exec_used.html'],
  },
  visit: {
    Call(node, ctx) {
      if (ctx.callName(node) === 'exec') {
        ctx.report(node, { message: 'Use of exec detected.', fix: 'Remove exec(); map allowed inputs to functions, or parse data with a real parser (json, ast.literal_eval for literals).' });
      }
    },
  },
});
