/**
 * B103, as bandit's `general_bad_file_permissions`: a call whose function name contains
 * `chmod` (`os.chmod`, `os.fchmod`, `os.lchmod`, `Path.chmod`…) with exactly two positional
 * arguments, the second a literal integer mode that is world-writable (high) or group- or
 * other-executable (medium). A group-writable mode alone (0o664) is not flagged, as
 * bandit 1.9 and ruff's S103. A mode given as `stat.S_I…` constants or computed is not
 * judged (bandit neither).
 */
import { defineRule } from '../../core/rule.js';
import { callFunctionName, positionalLiteral } from '../../python/calls.js';

const S_IWOTH = 0o2;
const S_IXOTH = 0o1;
const S_IXGRP = 0o10;

/** Python's `oct()`: '0o777', '-0o1'. */
function pyOct(n: number): string {
  return n < 0 ? `-0o${(-n).toString(8)}` : `0o${n.toString(8)}`;
}

/** Python's `str()` of a bandit literal (the file name in the message). */
function pyStr(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? `'${x}'` : pyStr(x))).join(', ')}]`;
  return String(v);
}

export const setBadFilePermissions = defineRule({
  id: 'B103',
  name: 'set-bad-file-permissions',
  category: 'config',
  severity: 'high',
  confidence: 'high',
  cwe: [732],
  docs: {
    what: '`chmod` calls with a literal mode that makes the file writable or executable by group or others: high severity when world-writable, medium otherwise.',
    why: 'A world-writable file can be replaced or altered by any local user (a script run later, a config read by a service); group/other-executable files widen who can run them (CWE-732).',
    example: 'os.chmod("/etc/app/key.pem", 0o777)',
    instead: 'os.chmod("/etc/app/key.pem", 0o600)',
    references: [
      'https://cwe.mitre.org/data/definitions/732.html',
      'https://security.openstack.org/guidelines/dg_apply-restrictive-file-permissions.html',
      'https://bandit.readthedocs.io/en/latest/plugins/b103_set_bad_file_permissions.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const fn = callFunctionName(ctx.callName(node), node);
      if (!fn || !fn.includes('chmod') || node.args.length !== 2) return;
      const mode = positionalLiteral(node, 1);
      if (typeof mode !== 'number' || !Number.isInteger(mode)) return;
      if (!(mode & S_IWOTH || mode & S_IXGRP || mode & S_IXOTH)) return;
      const file = positionalLiteral(node, 0);
      ctx.report(node, {
        severity: mode & S_IWOTH ? 'high' : 'medium',
        message: `Chmod setting a permissive mask ${pyOct(mode)} on file (${file === null ? 'NOT PARSED' : pyStr(file)}).`,
        fix: 'Use the narrowest mode that works: 0o600 for secrets, 0o644 for readable files, 0o755 only for programs and directories.',
      });
    },
  },
});
