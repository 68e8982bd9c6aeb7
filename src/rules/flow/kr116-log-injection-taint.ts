import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR116: data-flow rule (see src/taint/). */
export const logInjectionTaint = defineRule({
  id: 'KR116',
  name: 'log-injection-taint',
  category: 'injection',
  severity: 'low',
  confidence: 'medium',
  cwe: [117],
  docs: {
    what: 'Follows HTTP request data into log messages (`logging.info(...)`, `logger.warning(...)`, `app.logger.error(...)`), as the message or one of its arguments.',
    why: 'A CR/LF in a logged value starts a new log line: the attacker forges entries (a fake "login succeeded for admin"), hides their own, or injects markup into a log viewer (CWE-117).',
    example: 'logger.info("login failed for %s", request.form["user"])',
    instead: 'user = request.form["user"].replace("\\r", "").replace("\\n", "")\nlogger.info("login failed for %r", user)  # or a formatter that escapes control characters',
    references: ['https://cwe.mitre.org/data/definitions/117.html', 'https://owasp.org/www-community/attacks/Log_Injection'],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is written to a log in \`${sink}\`: remove CR/LF (or log it with %r) so that it cannot forge log lines.`);
    },
  },
});
