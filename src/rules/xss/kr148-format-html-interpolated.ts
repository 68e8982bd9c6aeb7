/**
 * KR148: Django's `format_html()` given a format string that already holds values (an
 * f-string with placeholders, `%` or `.format()` of a string, a concatenation). format_html
 * escapes the arguments it fills into `{}`, not its format string, and marks the whole
 * result safe: values interpolated before the call reach the page unescaped (Django's
 * documentation of django.utils.html.format_html; Django 5.0 deprecates calling it without
 * arguments for this reason). Constants and escaped parts (`escape(x)`,
 * `conditional_escape(x)`) do not count.
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { K } from '../../taint/model.js';
import { callSanitizer, escapeLeavesQuotes } from '../../taint/sanitizers.js';

const FORMAT_HTML = new Set(['django.utils.html.format_html']);

/** A part of the format string that may hold unescaped text: not a constant, not a call of an HTML sanitiser of the models that escapes quotes too. */
function rawPart(e: A.Expr, sem: SemanticModel): boolean {
  if (sem.constValue(e) !== undefined) return false;
  if (e.type !== 'Call') return true;
  const q = sem.callName(e);
  return !(callSanitizer(e, q, sem) & K.XSS) || escapeLeavesQuotes(e, q, sem);
}

/** The parts of `e` interpolated into the text when it is built by formatting (empty for a literal, a name or anything else). */
function interpolated(e: A.Expr, sem: SemanticModel): A.Expr[] {
  if (e.type === 'JoinedStr') return e.values.flatMap((v) => (v.type === 'FormattedValue' ? [v.value] : []));
  if (e.type === 'BinOp' && (e.op === 'Mod' || e.op === 'Add')) {
    const parts = e.op === 'Mod' ? (e.right.type === 'Tuple' ? e.right.elts : [e.right]) : [e.left, e.right];
    return e.op === 'Mod' && sem.constValue(e.left) === undefined ? [] : parts;
  }
  if (e.type === 'Call' && e.func.type === 'Attribute' && e.func.attr === 'format' && typeof sem.constValue(e.func.value) === 'string') return [...e.args, ...e.keywords.map((k) => k.value)];
  return [];
}

export const formatHtmlInterpolated = defineRule({
  id: 'KR148',
  name: 'format-html-interpolated',
  category: 'injection',
  severity: 'medium',
  confidence: 'high',
  cwe: [79],
  docs: {
    what: "Flags Django's `format_html()` called with a format string that already holds values: an f-string with placeholders, `%` or `.format()` of a string, a concatenation.",
    why: '`format_html` escapes only the arguments it fills into `{}` and marks the whole result safe; what was interpolated into the format string before the call reaches the page unescaped (cross-site scripting, CWE-79).',
    example: 'from django.utils.html import format_html\nformat_html(f"<span>{obj.text}</span>")',
    instead: 'from django.utils.html import format_html\nformat_html("<span>{}</span>", obj.text)',
    references: ['https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html', 'https://cwe.mitre.org/data/definitions/79.html'],
  },
  visit: {
    Call(node, ctx) {
      if (!FORMAT_HTML.has(ctx.callName(node) ?? '')) return;
      const kw = node.keywords.find((k) => k.arg === 'format_string');
      const fmt = kw ? kw.value : node.args[0];
      if (!fmt || fmt.type === 'Starred') return;
      if (!interpolated(fmt, ctx.semantic).some((p) => rawPart(p, ctx.semantic))) return;
      ctx.report(node, {
        message: 'format_html() with values already interpolated into its format string: they are not escaped, and the result is marked safe.',
        fix: 'Pass a constant format string with {} placeholders and give the values as arguments: format_html("<b>{}</b>", value).',
      });
    },
  },
});
