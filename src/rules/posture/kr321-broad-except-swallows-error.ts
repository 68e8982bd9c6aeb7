import { defineRule } from '../../core/rule.js';
import { walk } from '../../python/visit.js';
import { dotted, lastSegment } from '../../python/helpers.js';

const BROAD = /^(Exception|BaseException|builtins\.Exception|builtins\.BaseException)$/;
const LOGGING = /^(debug|info|warning|warn|error|exception|critical|log|fatal|print_exc|capture_exception|captureException|print)$/;

/** KR321: `except Exception:` that neither logs, re-raises nor uses the error. */
export const broadExceptSwallowsError = defineRule({
  id: 'KR321',
  name: 'broad-except-swallows-error',
  category: 'error-handling',
  severity: 'low',
  confidence: 'medium',
  cwe: [390, 396],
  docs: {
    what: 'Flags `except:` / `except Exception:` / `except BaseException:` handlers that do something other than `pass`/`continue` (those are B110/B112) but never log, never re-raise and never look at the exception, e.g. `return []` or `return None`.',
    why: 'A broad handler that turns every failure into a normal-looking value hides attacks and bugs alike: failed integrity checks, database errors and programming errors vanish without a trace (CWE-390 detection of error condition without action, CWE-396 catch of generic exception).',
    example: 'try:\n    return parse(raw)\nexcept Exception:\n    return []',
    instead: 'try:\n    return parse(raw)\nexcept ValueError:\n    log.warning("bad input", exc_info=True)\n    raise',
    references: ['https://cwe.mitre.org/data/definitions/390.html', 'https://cwe.mitre.org/data/definitions/396.html'],
  },
  visit: {
    ExceptHandler(node, ctx) {
      const t = node.exc_type;
      if (t) {
        const names = t.type === 'Tuple' ? t.elts : [t];
        if (!names.some((x) => BROAD.test(ctx.qualifiedName(x) ?? ''))) return;
      }
      if (node.body.every((s) => s.type === 'Pass' || s.type === 'Continue' || (s.type === 'Expr' && s.value.type === 'Constant'))) return;
      let handled = false;
      for (const s of node.body) {
        walk(s, (n) => {
          if (handled) return false;
          if (n.type === 'Raise') handled = true;
          else if (n.type === 'Call' && LOGGING.test(lastSegment(dotted(n.func)))) handled = true;
          else if (n.type === 'Name' && node.name && n.id === node.name) handled = true;
          return undefined;
        });
      }
      if (!handled) ctx.report(node, { message: `A broad except (${t ? dotted(t) : 'bare'}) hides the failure: it neither logs, re-raises nor inspects the error.`, fix: 'Catch the specific exceptions you expect, and log (log.exception) or re-raise the rest.' });
    },
  },
});
