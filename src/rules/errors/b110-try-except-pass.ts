import { defineRule } from '../../core/rule.js';

/** B110: an exception handler whose whole body is `pass`. */
export const tryExceptPass = defineRule({
  id: 'B110',
  name: 'try-except-pass',
  category: 'error-handling',
  severity: 'low',
  confidence: 'high',
  cwe: [703],
  options: { check_typed_exception: false },
  docs: {
    what: 'Flags `except:` and `except Exception:` handlers whose only statement is `pass` (every typed handler too with the option `check_typed_exception`).',
    why: 'Swallowing every error hides failures, including security failures such as a failed signature check or permission error, and leaves the program in an unknown state (CWE-703).',
    example: 'try:\n    verify(token)\nexcept Exception:\n    pass',
    instead: 'try:\n    verify(token)\nexcept InvalidToken:\n    log.warning("invalid token")\n    raise',
    references: ['https://cwe.mitre.org/data/definitions/703.html', 'https://bandit.readthedocs.io/en/latest/plugins/b110_try_except_pass.html'],
  },
  visit: {
    ExceptHandler(node, ctx) {
      if (node.body.length !== 1 || node.body[0].type !== 'Pass') return;
      const t = node.exc_type;
      if (!ctx.option<boolean>('check_typed_exception') && t && !(t.type === 'Name' && t.id === 'Exception')) return;
      ctx.report(node, { message: 'Try, Except, Pass detected.', fix: 'Catch the specific exception you expect and log or handle it; let the others propagate.' });
    },
  },
});
