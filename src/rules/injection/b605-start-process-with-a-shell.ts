import { defineRule } from '../../core/rule.js';
import { SHELL_OPTIONS, shellCallRisk } from './process-calls.js';

/** B605: functions that always start a shell (`os.system`, `os.popen`…). */
export const startProcessWithAShell = defineRule({
  id: 'B605',
  name: 'start-process-with-a-shell',
  category: 'injection',
  severity: 'high',
  confidence: 'high',
  cwe: [78],
  options: SHELL_OPTIONS,
  docs: {
    what: 'Flags `os.system`, `os.popen`, `subprocess.getoutput` and the other calls that always run a shell: high severity when the command is computed, low when it is a literal.',
    why: 'The command string is interpreted by `/bin/sh`; any user-influenced part can inject further commands (CWE-78).',
    example: 'os.system("ping -c1 " + host)',
    instead: 'subprocess.run(["ping", "-c1", host], check=True)',
    references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://bandit.readthedocs.io/en/latest/plugins/b605_start_process_with_a_shell.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q || !ctx.option<string[]>('shell').includes(q) || node.args.length === 0) return;
      if (shellCallRisk(node) === 'low') {
        ctx.report(node, {
          severity: 'low',
          message: 'Starting a process with a shell: Seems safe, but may be changed in the future, consider rewriting without shell',
          fix: 'Use subprocess.run([...]) with a list of arguments.',
        });
      } else {
        ctx.report(node, {
          message: 'Starting a process with a shell, possible injection detected, security issue.',
          fix: 'Use subprocess.run(["prog", arg, ...]) without a shell; never build command strings from input.',
        });
      }
    },
  },
});
