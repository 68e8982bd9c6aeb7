/**
 * B610, as bandit's `django_extra_used`: any call to a method named `extra` whose `where`
 * or `tables` is anything but a list of string literals, or whose `select` is anything
 * but a dict of string literals (positional arguments map to select, where, params,
 * tables, order_by, select_params). No Django import is required (bandit neither).
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { callFunctionName, isStr } from '../../python/calls.js';

const POSITIONS = ['select', 'where', 'params', 'tables', 'order_by', 'select_params'];

function insecure(call: A.Call): boolean {
  const kw = new Map<string, A.Expr>();
  for (const k of call.keywords) if (k.arg !== null) kw.set(k.arg, k.value);
  call.args.slice(0, POSITIONS.length).forEach((a, i) => kw.set(POSITIONS[i], a));
  for (const key of ['where', 'tables']) {
    const v = kw.get(key);
    if (!v) continue;
    if (v.type !== 'List') return true;
    if (v.elts.some((e) => !isStr(e))) return true;
  }
  const select = kw.get('select');
  if (!select) return false;
  if (select.type !== 'Dict') return true;
  return select.keys.some((k) => !isStr(k)) || select.values.some((v) => !isStr(v));
}

export const djangoExtraUsed = defineRule({
  id: 'B610',
  name: 'django-extra-used',
  category: 'injection',
  severity: 'medium',
  confidence: 'medium',
  cwe: [89],
  docs: {
    what: 'Flags Django `QuerySet.extra()` calls whose `select`, `where` or `tables` are not plain string literals.',
    why: '`extra()` pastes its SQL fragments into the query unescaped; a fragment built from input is SQL injection (CWE-89).',
    example: 'Entry.objects.extra(where=[f"headline = \'{headline}\'"])',
    instead: 'Entry.objects.extra(where=["headline = %s"], params=[headline])\n# better: Entry.objects.filter(headline=headline)',
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra',
      'https://bandit.readthedocs.io/en/latest/plugins/b610_django_extra_used.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      if (callFunctionName(ctx.callName(node), node) !== 'extra' || !insecure(node)) return;
      ctx.report(node, {
        message: 'Use of extra potential SQL attack vector.',
        fix: 'Use the ORM (filter, annotate with expressions); if extra() stays, keep SQL literal and pass values through params=.',
      });
    },
  },
});
