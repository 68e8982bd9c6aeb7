import { defineRule } from '../../core/rule.js';

/** B307: `eval()` evaluates arbitrary expressions. */
export const evalUsed = defineRule({
  id: 'B307',
  name: 'eval',
  category: 'injection',
  severity: 'medium',
  confidence: 'high',
  cwe: [95, 94],
  docs: {
    what: 'Flags calls to the builtin `eval()`.',
    why: '`eval` evaluates any Python expression, including `__import__("os").system(...)`; with user-influenced input it is code injection (CWE-95).',
    example: 'value = eval(request.args["expr"])',
    instead: 'value = ast.literal_eval(request.args["expr"])  # literals only',
    references: ['https://cwe.mitre.org/data/definitions/95.html', 'https://docs.python.org/3/library/ast.html#ast.literal_eval', 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b307-eval'],
  },
  visit: {
    Call(node, ctx) {
      if (ctx.callName(node) === 'eval') {
        ctx.report(node, { message: 'Use of possibly insecure function - consider using safer ast.literal_eval.', fix: 'Use ast.literal_eval() for literals, json.loads() for data, or an explicit parser.' });
      }
    },
  },
});
