/**
 * B507, as bandit's `ssh_no_host_key_verification`: in a file importing paramiko, any
 * `set_missing_host_key_policy(...)` call whose argument is (an instance of) `AutoAddPolicy`
 * or `WarningPolicy`, written as an attribute, a name or a call.
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { callFunctionName, isModuleImportedLike } from '../../python/calls.js';

function policyName(e: A.Expr): string | undefined {
  if (e.type === 'Attribute') return e.attr;
  if (e.type === 'Name') return e.id;
  if (e.type === 'Call') return policyName(e.func);
  return undefined;
}

export const sshNoHostKeyVerification = defineRule({
  id: 'B507',
  name: 'ssh-no-host-key-verification',
  category: 'config',
  severity: 'high',
  confidence: 'medium',
  cwe: [295],
  docs: {
    what: 'Flags paramiko clients told to accept unknown host keys (`AutoAddPolicy`, `WarningPolicy`).',
    why: 'Without host key checking the client trusts whatever server answers, so a man-in-the-middle receives the credentials and the session (CWE-295).',
    example: 'client.set_missing_host_key_policy(paramiko.AutoAddPolicy())',
    instead: 'client.load_system_host_keys()\nclient.set_missing_host_key_policy(paramiko.RejectPolicy())',
    references: [
      'https://cwe.mitre.org/data/definitions/295.html',
      'https://docs.paramiko.org/en/stable/api/client.html',
      'https://bandit.readthedocs.io/en/latest/plugins/b507_ssh_no_host_key_verification.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      if (callFunctionName(ctx.callName(node), node) !== 'set_missing_host_key_policy' || node.args.length === 0) return;
      if (!isModuleImportedLike(ctx.semantic, 'paramiko')) return;
      const p = policyName(node.args[0]);
      if (p !== 'AutoAddPolicy' && p !== 'WarningPolicy') return;
      ctx.report(node, {
        message: 'Paramiko call with policy set to automatically trust the unknown host key.',
        fix: 'Load known host keys (load_system_host_keys / load_host_keys) and use RejectPolicy.',
      });
    },
  },
});
