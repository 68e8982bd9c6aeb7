import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR137: data-flow rule (see src/taint/): a regular expression pattern taken from the request. */
export const regexInjectionTaint = defineRule({
  id: 'KR137',
  name: 'regex-injection-taint',
  category: 'injection',
  severity: 'medium',
  confidence: 'medium',
  cwe: [1333],
  docs: {
    what: 'Follows HTTP request data into the pattern of a regular expression (`re.compile`, `re.search`, `re.match`, `re.sub`, … and the `regex` package), as the pattern itself or part of it.',
    why: 'An attacker who writes the pattern chooses its quantifiers: `(a+)+$` against a long input backtracks for hours and ties up a worker (ReDoS, CWE-1333), and a pattern like `.*` matches what a filter was meant to keep out.',
    example: 'import re\nfrom flask import request\n\n@app.route("/find")\ndef find():\n    return str(re.search(request.args["q"], TEXT))',
    instead: 'import re\nfrom flask import request\n\n@app.route("/find")\ndef find():\n    return str(re.search(re.escape(request.args["q"]), TEXT))  # matched literally',
    references: ['https://cwe.mitre.org/data/definitions/1333.html', 'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS'],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is used as a regular expression pattern in \`${sink}\`: escape it with re.escape() (matched literally) or choose among fixed patterns.`);
    },
  },
});
