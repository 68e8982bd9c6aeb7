/**
 * B611, as bandit's `django_rawsql_used`: in a file importing something from
 * `django.db.models`, a call to a function named `RawSQL` whose SQL (first positional or
 * `sql=`) is not a string literal.
 */
import { defineRule } from '../../core/rule.js';
import { callFunctionName, isModuleImportedLike, isStr, keywordArg } from '../../python/calls.js';

export const djangoRawsqlUsed = defineRule({
  id: 'B611',
  name: 'django-rawsql-used',
  category: 'injection',
  severity: 'medium',
  confidence: 'medium',
  cwe: [89],
  docs: {
    what: 'Flags Django `RawSQL(...)` expressions whose SQL is not a string literal.',
    why: 'The SQL of `RawSQL` goes to the database as written; SQL assembled from input is SQL injection (CWE-89).',
    example: 'qs.annotate(val=RawSQL(f"select col from t where id = {pk}", []))',
    instead: 'qs.annotate(val=RawSQL("select col from t where id = %s", [pk]))',
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://docs.djangoproject.com/en/stable/ref/models/expressions/#raw-sql-expressions',
      'https://bandit.readthedocs.io/en/latest/plugins/b611_django_rawsql_used.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      if (callFunctionName(ctx.callName(node), node) !== 'RawSQL') return;
      if (!isModuleImportedLike(ctx.semantic, 'django.db.models')) return;
      const sql = node.args[0] ?? keywordArg(node, 'sql')?.value;
      if (!sql || isStr(sql)) return;
      ctx.report(node, {
        message: 'Use of RawSQL potential SQL attack vector.',
        fix: 'Keep the SQL a literal with %s placeholders and pass the values as the params list.',
      });
    },
  },
});
