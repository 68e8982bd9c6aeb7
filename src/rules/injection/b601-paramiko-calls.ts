/**
 * B601, as bandit's `paramiko_calls`: in a file importing paramiko, any call to a method
 * named `exec_command`. Literal commands are flagged too (bandit does).
 */
import { defineRule } from '../../core/rule.js';
import { callFunctionName, isModuleImportedLike } from '../../python/calls.js';

export const paramikoCalls = defineRule({
  id: 'B601',
  name: 'paramiko-calls',
  category: 'injection',
  severity: 'medium',
  confidence: 'medium',
  cwe: [78],
  docs: {
    what: 'Flags paramiko `exec_command(...)` calls, which run a command through the remote shell.',
    why: 'The command string is interpreted by the remote user\'s shell; any user-influenced part can run further commands on the remote host (CWE-78).',
    example: 'client.exec_command("tail -n 100 " + logfile)',
    instead: 'client.exec_command("tail -n 100 " + shlex.quote(logfile))',
    references: [
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.exec_command',
      'https://bandit.readthedocs.io/en/latest/plugins/b601_paramiko_calls.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      if (callFunctionName(ctx.callName(node), node) !== 'exec_command') return;
      if (!isModuleImportedLike(ctx.semantic, 'paramiko')) return;
      ctx.report(node, {
        message: 'Possible shell injection via Paramiko call, check inputs are properly sanitized.',
        fix: 'Quote every variable part with shlex.quote(), or validate it against an allow-list, before building the command.',
      });
    },
  },
});
