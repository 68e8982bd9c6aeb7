import { defineRule, type RuleContext } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { keywordArg } from '../../python/calls.js';

const TEXT = new Set(['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'sqlmodel.text', 'django.db.models.expressions.RawSQL', 'django.db.models.RawSQL']);

/** Is the expression a string built at run time from non-constant parts (f-string, `+`, `%`, `.format()`)? Follows a name bound once. */
export function builtString(e: A.Expr, ctx: RuleContext, depth = 0): boolean {
  if (depth > 4 || ctx.constValue(e) !== undefined) return false;
  switch (e.type) {
    case 'JoinedStr':
      return e.values.some((v) => v.type === 'FormattedValue');
    case 'BinOp':
      return (e.op === 'Add' || e.op === 'Mod') && (e.left.type === 'Constant' || e.left.type === 'JoinedStr' || builtString(e.left, ctx, depth + 1) || e.op === 'Mod');
    case 'Call':
      return e.func.type === 'Attribute' && e.func.attr === 'format' && ctx.constValue(e.func.value) !== undefined;
    case 'Name': {
      const b = ctx.semantic.lookup(e.id, e);
      return !!b && b.count === 1 && !!b.value && b.value !== e && builtString(b.value, ctx, depth + 1);
    }
    default:
      return false;
  }
}

/** KR129: SQLAlchemy `text()`, Django `raw()`/`extra()`/`RawSQL` given SQL built from strings. */
export const sqlBuiltFromStrings = defineRule({
  id: 'KR129',
  name: 'orm-raw-sql-built-from-strings',
  category: 'injection',
  severity: 'medium',
  confidence: 'medium',
  cwe: [89],
  docs: {
    what: 'Flags SQLAlchemy `text()`, Django `Manager.raw()`, `QuerySet.extra()` and `RawSQL()` whose SQL is an f-string, a concatenation, `%` or `.format()` result — the ORM escape hatches that B608 does not see (KR101 reports the same when it can prove the data comes from a request).',
    why: 'These APIs send the string to the database as SQL: anything formatted into it can change the query (CWE-89). Each has a parameter mechanism that cannot.',
    example: 'db.session.execute(text(f"SELECT * FROM users WHERE email = \'{email}\'"))\nUser.objects.raw("SELECT * FROM app_user WHERE name = \'%s\'" % name)',
    instead: 'db.session.execute(text("SELECT * FROM users WHERE email = :email"), {"email": email})\nUser.objects.raw("SELECT * FROM app_user WHERE name = %s", [name])',
    references: ['https://cwe.mitre.org/data/definitions/89.html', 'https://docs.sqlalchemy.org/en/20/core/sqlelement.html#sqlalchemy.sql.expression.text', 'https://docs.djangoproject.com/en/stable/topics/db/sql/'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node) ?? '';
      const f = node.func;
      let sql: A.Expr | undefined;
      let api = q;
      if (TEXT.has(q)) sql = node.args[0] ?? keywordArg(node, 'text')?.value ?? keywordArg(node, 'sql')?.value;
      else if (f.type === 'Attribute' && f.attr === 'raw' && f.value.type === 'Attribute' && f.value.attr === 'objects') {
        sql = node.args[0] ?? keywordArg(node, 'raw_query')?.value;
        api = 'Manager.raw';
      } else if (f.type === 'Attribute' && f.attr === 'extra') {
        for (const k of ['where', 'select', 'tables', 'order_by']) {
          const v = keywordArg(node, k)?.value;
          const parts = v && (v.type === 'List' || v.type === 'Tuple') ? v.elts : v && v.type === 'Dict' ? v.values : [];
          const bad = parts.find((p) => builtString(p, ctx));
          if (bad) {
            ctx.report(node, { node: bad, message: `QuerySet.extra(${k}=...) with SQL built from strings: use params= (or better, ORM expressions).` });
            return;
          }
        }
        return;
      }
      if (!sql || !builtString(sql, ctx)) return;
      ctx.report(node, { message: `${api}() with SQL built from strings: use bound parameters (${api === 'Manager.raw' ? 'raw(sql, [params])' : 'text("... :name"), {"name": value}'}).` });
    },
  },
});
