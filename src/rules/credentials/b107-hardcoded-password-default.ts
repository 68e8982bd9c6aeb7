import { defineRule } from '../../core/rule.js';
import { maskSecret } from '../../core/mask.js';
import { isStr } from '../../python/calls.js';
import { isPasswordName } from './candidates.js';

/** B107: a parameter named like a password with a literal default (bandit's `hardcoded_password_default`). */
export const hardcodedPasswordDefault = defineRule({
  id: 'B107',
  name: 'hardcoded-password-default',
  category: 'secrets',
  severity: 'low',
  confidence: 'medium',
  cwe: [259],
  docs: {
    what: 'Flags function parameters named like `password`, `token` or `secret` whose default value is a string literal.',
    why: 'Every caller that omits the argument silently uses a password that is public in the source (CWE-259).',
    example: 'def login(user, password="admin"):\n    ...',
    instead: 'def login(user, password):\n    ...  # require it, or default to None and fail closed',
    references: ['https://cwe.mitre.org/data/definitions/259.html', 'https://bandit.readthedocs.io/en/latest/plugins/b107_hardcoded_password_default.html'],
  },
  visit: {
    FunctionDef(node, ctx) {
      // As bandit: positional parameters aligned with their defaults.
      const args = node.args.args;
      const defaults = node.args.defaults;
      const offset = args.length - defaults.length;
      for (let i = 0; i < args.length; i++) {
        const def = i >= offset ? defaults[i - offset] : undefined;
        if (def && isStr(def) && isPasswordName(args[i].arg)) {
          ctx.report(node, {
            message: `Possible hardcoded password: '${maskSecret(def.value)}'`,
            secret: def.value,
            fix: `Remove the default of ${args[i].arg} (or use None and fail closed); pass the value from configuration.`,
          });
        }
      }
    },
  },
});
