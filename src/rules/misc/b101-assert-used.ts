import { defineRule } from '../../core/rule.js';

/** B101: `assert` is removed under `python -O`, so it cannot guard security decisions. */
export const assertUsed = defineRule({
  id: 'B101',
  name: 'assert-used',
  category: 'code',
  severity: 'low',
  confidence: 'high',
  cwe: [703],
  docs: {
    what: 'Flags `assert` statements.',
    why: 'Python removes `assert` statements when run with `-O` or `PYTHONOPTIMIZE`, so a check written as an assertion silently disappears in optimised deployments. Never use it for authentication, authorisation or input validation.',
    example: 'def delete(user):\n    assert user.is_admin\n    ...',
    instead: 'def delete(user):\n    if not user.is_admin:\n        raise PermissionError("admin only")\n    ...',
    references: ['https://cwe.mitre.org/data/definitions/703.html', 'https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html'],
  },
  visit: {
    Assert(node, ctx) {
      ctx.report(node, { message: 'Use of assert detected. The enclosed code will be removed when compiling to optimised byte code.', fix: 'Raise an exception explicitly (if not cond: raise ...) for checks that must hold in production.' });
    },
  },
});
