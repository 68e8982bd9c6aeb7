/**
 * B609, as bandit's `linux_commands_wildcard_injection`: a shell function (`os.system`…) or
 * a subprocess function with `shell=True` (bandit's exact `check_call_arg_value('shell',
 * 'True')`, so `shell=1` does not count) whose first argument — a literal string, or a
 * literal list joined with spaces — mentions chown, chmod, tar or rsync and a `*`.
 * Reported on the `shell=` line when given, as bandit.
 */
import { defineRule } from '../../core/rule.js';
import { banditLiteral, keywordArg, keywordIs } from '../../python/calls.js';
import { SHELL_OPTIONS } from './process-calls.js';

const VULNERABLE = ['chown', 'chmod', 'tar', 'rsync'];

export const linuxCommandsWildcardInjection = defineRule({
  id: 'B609',
  name: 'linux-commands-wildcard-injection',
  category: 'injection',
  severity: 'high',
  confidence: 'medium',
  cwe: [155],
  options: SHELL_OPTIONS,
  docs: {
    what: 'Flags `chown`, `chmod`, `tar` and `rsync` commands with a `*` wildcard run through a shell.',
    why: 'The shell expands `*` to file names, and a file named `--checkpoint-action=exec=sh x.sh` or `--reference=evil` becomes an option of the command (wildcard injection, CWE-155).',
    example: 'os.system("tar cf backup.tar *")',
    instead: 'subprocess.run(["tar", "cf", "backup.tar", "--", *os.listdir(".")], check=True)',
    references: [
      'https://cwe.mitre.org/data/definitions/155.html',
      'https://www.defensecode.com/public/DefenseCode_Unix_WildCards_Gone_Wild.txt',
      'https://bandit.readthedocs.io/en/latest/plugins/b609_linux_commands_wildcard_injection.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q || node.args.length === 0) return;
      const viaShell = ctx.option<string[]>('shell').includes(q) || (ctx.option<string[]>('subprocess').includes(q) && keywordIs(node, 'shell', 'True'));
      if (!viaShell) return;
      const arg = banditLiteral(node.args[0]);
      let text = '';
      if (Array.isArray(arg)) for (const x of arg) text += ` ${x === null ? 'None' : Array.isArray(x) ? '[...]' : String(x)}`;
      else if (typeof arg === 'string') text = arg;
      if (!text || !text.includes('*') || !VULNERABLE.some((v) => text.includes(v))) return;
      ctx.report(node, {
        node: keywordArg(node, 'shell')?.value ?? node,
        message: `Possible wildcard injection in call: ${q}`,
        fix: 'Run the command without a shell and pass explicit file names after "--" (or use glob.glob and check each name).',
      });
    },
  },
});
