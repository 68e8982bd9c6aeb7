import { defineRule } from '../../core/rule.js';
import { hasShellTrue, keywordArg } from '../../python/calls.js';
import { SHELL_OPTIONS } from './process-calls.js';

/** B603: subprocess without a shell: still check what is executed. */
export const subprocessWithoutShellEqualsTrue = defineRule({
  id: 'B603',
  name: 'subprocess-without-shell-equals-true',
  category: 'injection',
  severity: 'low',
  confidence: 'high',
  cwe: [78],
  options: SHELL_OPTIONS,
  docs: {
    what: 'Flags `subprocess` calls without a shell, so that a reviewer checks where the program and its arguments come from.',
    why: 'No shell means no metacharacter injection, but a user who controls the program path or its options (`--output=/etc/...`, `-o ProxyCommand=...`) can still make it do harm (CWE-78, argument injection CWE-88).',
    example: 'subprocess.run([tool, user_arg])',
    instead: 'subprocess.run(["/usr/bin/convert", "--", user_arg], check=True)  # fixed program, end options with --',
    references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://bandit.readthedocs.io/en/latest/plugins/b603_subprocess_without_shell_equals_true.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q || !ctx.option<string[]>('subprocess').includes(q)) return;
      if (hasShellTrue(node)) return;
      // Like bandit, on the line of an explicit `shell=` argument when there is one.
      ctx.report(node, {
        node: keywordArg(node, 'shell')?.value ?? node,
        message: 'subprocess call - check for execution of untrusted input.',
        fix: 'Use a fixed, absolute program path and validate every argument that comes from outside; end options with "--".',
      });
    },
  },
});
