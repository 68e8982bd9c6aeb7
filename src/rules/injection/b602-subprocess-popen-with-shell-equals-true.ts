import { defineRule } from '../../core/rule.js';
import { hasShellTrue, keywordArg } from '../../python/calls.js';
import { SHELL_OPTIONS, shellCallRisk } from './process-calls.js';

/** B602: subprocess with `shell=True`. */
export const subprocessPopenWithShellEqualsTrue = defineRule({
  id: 'B602',
  name: 'subprocess-popen-with-shell-equals-true',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [78],
  options: SHELL_OPTIONS,
  docs: {
    what: 'Flags `subprocess` calls made with `shell=True`: high severity when the command is computed, low when it is a string literal.',
    why: 'With a shell, metacharacters in the command (`;`, `|`, `$()`, backticks) run further commands; any user-influenced part becomes OS command injection (CWE-78).',
    example: 'subprocess.run(f"convert {name} out.png", shell=True)',
    instead: 'subprocess.run(["convert", name, "out.png"], check=True)  # a list, no shell',
    references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://docs.python.org/3/library/subprocess.html#security-considerations', 'https://bandit.readthedocs.io/en/latest/plugins/b602_subprocess_popen_with_shell_equals_true.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q || !ctx.option<string[]>('subprocess').includes(q)) return;
      if (!hasShellTrue(node) || node.args.length === 0) return;
      const at = keywordArg(node, 'shell')!.value; // bandit reports on the line of `shell=`
      if (shellCallRisk(node) === 'low') {
        ctx.report(node, {
          node: at,
          severity: 'low',
          message: 'subprocess call with shell=True seems safe, but may be changed in the future, consider rewriting without shell',
          fix: 'Pass the command as a list of arguments and drop shell=True.',
        });
      } else {
        ctx.report(node, {
          node: at,
          message: 'subprocess call with shell=True identified, security issue.',
          fix: 'Pass the command as a list (["prog", arg]) without shell=True; if a shell is unavoidable, quote every value with shlex.quote().',
        });
      }
    },
  },
});
