/**
 * B604, as bandit's `any_other_function_with_shell_equals_true`: any call outside the
 * configured `subprocess` functions with a truthy `shell=` (bandit's `has_shell`).
 * Reported on the line of the `shell=` value, as bandit.
 */
import { defineRule } from '../../core/rule.js';
import { hasShellTrue, keywordArg } from '../../python/calls.js';
import { SHELL_OPTIONS } from './process-calls.js';

export const anyOtherFunctionWithShellEqualsTrue = defineRule({
  id: 'B604',
  name: 'any-other-function-with-shell-equals-true',
  category: 'injection',
  severity: 'medium',
  confidence: 'low',
  cwe: [78],
  options: SHELL_OPTIONS,
  docs: {
    what: 'Flags calls to functions other than the known `subprocess` ones that pass `shell=True` (project helpers that wrap a shell).',
    why: 'A `shell=True` parameter usually means the command string reaches `/bin/sh`; any user-influenced part can then run further commands (CWE-78).',
    example: 'utils.execute(f"tar xf {name}", shell=True)',
    instead: 'utils.execute(["tar", "xf", name])',
    references: [
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://bandit.readthedocs.io/en/latest/plugins/b604_any_other_function_with_shell_equals_true.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      if (!hasShellTrue(node)) return;
      const q = ctx.callName(node);
      if (q && ctx.option<string[]>('subprocess').includes(q)) return;
      ctx.report(node, {
        node: keywordArg(node, 'shell')!.value,
        message: 'Function call with shell=True parameter identified, possible security issue.',
        fix: 'Pass the command as a list of arguments without a shell; quote values with shlex.quote() if a shell is unavoidable.',
      });
    },
  },
});
