import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR102: data-flow rule (see src/taint/). */
export const commandInjectionTaint = defineRule({
  id: 'KR102',
  name: 'command-injection-taint',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [78],
  docs: {
    what: "Follows untrusted data into OS commands: `os.system()`, `os.popen()`, `subprocess` with `shell=True`, or as the program an argv list runs (`subprocess.run([user_value, ...])`, `os.exec*`). Arguments after the program in a list are not reported; `shlex.quote()` sanitises for a shell.",
    why: "A shell reads `;`, `|`, `$()` and backquotes in the data as more commands: the attacker runs anything the server can (CWE-78).",
    example: "host = request.form[\"host\"]\nsubprocess.check_output(\"ping -c 1 \" + host, shell=True)",
    instead: "host = request.form[\"host\"]\nsubprocess.check_output([\"ping\", \"-c\", \"1\", host])  # no shell; validate host too",
    references: ["https://cwe.mitre.org/data/definitions/78.html", "https://owasp.org/www-community/attacks/Command_Injection", "https://docs.python.org/3/library/subprocess.html#security-considerations"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} reaches a shell command or program name in \`${sink}\`: pass arguments as a list without shell=True, or quote with shlex.quote().`);
    },
  },
});
