import { defineRule } from '../../core/rule.js';
import { maskSecret } from '../../core/mask.js';
import { isStr } from '../../python/calls.js';
import { isPasswordName } from './candidates.js';

/** B106: a password passed as a literal keyword argument (bandit's `hardcoded_password_funcarg`). */
export const hardcodedPasswordFuncarg = defineRule({
  id: 'B106',
  name: 'hardcoded-password-funcarg',
  category: 'secrets',
  severity: 'low',
  confidence: 'medium',
  cwe: [259],
  docs: {
    what: 'Flags keyword arguments named like `password`, `token` or `secret` that are given a string literal.',
    why: 'The credential is written into the source code and shipped with it (CWE-259).',
    example: 'connect(host="db", user="app", password="hunter2")',
    instead: 'connect(host="db", user="app", password=os.environ["DB_PASSWORD"])',
    references: ['https://cwe.mitre.org/data/definitions/259.html', 'https://bandit.readthedocs.io/en/latest/plugins/b106_hardcoded_password_funcarg.html'],
  },
  visit: {
    Call(node, ctx) {
      for (const k of node.keywords) {
        if (k.arg && isStr(k.value) && isPasswordName(k.arg)) {
          ctx.report(node, {
            message: `Possible hardcoded password: '${maskSecret(k.value.value)}'`,
            secret: k.value.value,
            fix: `Pass ${k.arg}= from the environment or a secrets manager instead of a literal.`,
          });
        }
      }
    },
  },
});
