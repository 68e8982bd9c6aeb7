import { defineRule } from '../../core/rule.js';
import { SHELL_OPTIONS } from './process-calls.js';

/** B606, as bandit's `start_process_with_no_shell`: `os.exec*`, `os.spawn*`, `os.startfile`. */
export const startProcessWithNoShell = defineRule({
  id: 'B606',
  name: 'start-process-with-no-shell',
  category: 'injection',
  severity: 'low',
  confidence: 'medium',
  cwe: [78],
  options: SHELL_OPTIONS,
  docs: {
    what: 'Flags process starts without a shell: `os.execl…`, `os.spawnl…`, `os.startfile` (the `no_shell` list of the shell rules\' options).',
    why: 'No shell means no metacharacter injection, but the program and its arguments still decide what runs; a user-chosen program or option (`--output=/etc/…`) is still command injection (CWE-78).',
    example: 'os.execvp(tool, [tool, user_arg])',
    instead: 'subprocess.run(["/usr/bin/convert", "--", user_arg], check=True)',
    references: [
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://bandit.readthedocs.io/en/latest/plugins/b606_start_process_with_no_shell.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q || !ctx.option<string[]>('no_shell').includes(q)) return;
      ctx.report(node, {
        message: 'Starting a process without a shell.',
        fix: 'Use a fixed, absolute program path; validate arguments and end options with "--" before user values.',
      });
    },
  },
});
