import { defineRule } from '../../core/rule.js';

/** B112: an exception handler inside a loop whose whole body is `continue`. */
export const tryExceptContinue = defineRule({
  id: 'B112',
  name: 'try-except-continue',
  category: 'error-handling',
  severity: 'low',
  confidence: 'high',
  cwe: [703],
  options: { check_typed_exception: false },
  docs: {
    what: 'Flags `except:` and `except Exception:` handlers whose only statement is `continue` (every typed handler too with the option `check_typed_exception`).',
    why: 'Skipping to the next iteration on any error silently drops failures, including security failures (a record that failed validation, a permission error), and hides attacks from logs (CWE-703).',
    example: 'for item in items:\n    try:\n        process(item)\n    except Exception:\n        continue',
    instead: 'for item in items:\n    try:\n        process(item)\n    except ValueError:\n        log.warning("skipping bad item %r", item)\n        continue',
    references: ['https://cwe.mitre.org/data/definitions/703.html', 'https://bandit.readthedocs.io/en/latest/plugins/b112_try_except_continue.html'],
  },
  visit: {
    ExceptHandler(node, ctx) {
      if (node.body.length !== 1 || node.body[0].type !== 'Continue') return;
      const t = node.exc_type;
      if (!ctx.option<boolean>('check_typed_exception') && t && !(t.type === 'Name' && t.id === 'Exception')) return;
      ctx.report(node, { message: 'Try, Except, Continue detected.', fix: 'Catch the specific exception you expect and log it before continuing; let the others propagate.' });
    },
  },
});
