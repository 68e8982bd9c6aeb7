import { defineRule } from '../../core/rule.js';
import { maskSecret } from '../../core/mask.js';
import { isStr } from '../../python/calls.js';
import { isPasswordName } from './candidates.js';

/**
 * B105: a string literal assigned to, compared with, or stored under a key named like a
 * password (bandit's `hardcoded_password_string`, same cases).
 */
export const hardcodedPasswordString = defineRule({
  id: 'B105',
  name: 'hardcoded-password-string',
  category: 'secrets',
  severity: 'low',
  confidence: 'medium',
  cwe: [259],
  docs: {
    what: 'Flags string literals assigned to names like `password`, `token` or `secret`, compared with such names, or stored under such dictionary keys.',
    why: 'A password in source code is visible to everyone who can read the repository, its history and every copy of the package, and it cannot be rotated without a release (CWE-259).',
    example: 'DB_PASSWORD = "s3cr3t-Pa55"',
    instead: 'DB_PASSWORD = os.environ["DB_PASSWORD"]  # or a secrets manager',
    references: ['https://cwe.mitre.org/data/definitions/259.html', 'https://bandit.readthedocs.io/en/latest/plugins/b105_hardcoded_password_string.html'],
  },
  visit: {
    Constant(node, ctx) {
      if (node.kind !== 'str') return;
      const value = node.value as string;
      const parent = node.parent;
      if (!parent) return;
      const report = (secret: string) =>
        ctx.report(node, {
          message: `Possible hardcoded password: '${maskSecret(secret)}'`,
          secret,
          fix: 'Read the value from the environment or a secrets manager (os.environ["NAME"]), never from a literal.',
        });
      if (parent.type === 'Assign' && parent.value === node) {
        for (const t of parent.targets) {
          if ((t.type === 'Name' && isPasswordName(t.id)) || (t.type === 'Attribute' && isPasswordName(t.attr))) return report(value);
        }
      } else if (parent.type === 'Subscript' && parent.slice === node && isPasswordName(value)) {
        // d["password"] = "literal"
        const assign = parent.parent;
        if (assign && assign.type === 'Assign' && assign.targets.includes(parent) && isStr(assign.value)) {
          ctx.report(node, { message: `Possible hardcoded password: '${maskSecret(assign.value.value)}'`, secret: assign.value.value, fix: 'Read the value from the environment or a secrets manager.' });
        }
      } else if (parent.type === 'Compare' && parent.comparators[0] === node) {
        const left = parent.left;
        if ((left.type === 'Name' && isPasswordName(left.id)) || (left.type === 'Attribute' && isPasswordName(left.attr))) return report(value);
      }
    },
  },
});
