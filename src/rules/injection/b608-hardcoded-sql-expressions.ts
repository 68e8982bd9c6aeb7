import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { isStr } from '../../python/calls.js';

const SIMPLE_SQL = /(select\s[\s\S]*from\s|delete\s+from\s|insert\s+into\s[\s\S]*values\s|update\s[\s\S]*set\s)/i;

/**
 * bandit's `utils.concat_string`: climb to the outermost BinOp and collect its string
 * pieces (skipping the subtree `stop`), joined by spaces.
 */
function concatString(node: A.Constant, stop: A.AnyNode): [A.AnyNode, string] {
  const bits: A.Expr[] = [node];
  let top: A.AnyNode = node;
  while (top.parent && top.parent.type === 'BinOp') top = top.parent;
  if (top.type === 'BinOp') {
    // Iterative version of bandit's recursive _get (left before right).
    const stack: A.Expr[] = [top];
    const order: A.Expr[] = [];
    while (stack.length) {
      const n = stack.pop()!;
      if (n === stop) continue;
      if (n.type === 'BinOp') {
        stack.push(n.right, n.left);
      } else order.push(n);
    }
    bits.push(...order);
  }
  return [top, bits.filter(isStr).map((b) => (b as A.Constant).value as string).join(' ')];
}

function calledNameOf(wrapper: A.AnyNode | null): string | undefined {
  if (!wrapper || wrapper.type !== 'Call') return undefined;
  const f = wrapper.func;
  return f.type === 'Attribute' ? f.attr : f.type === 'Name' ? f.id : undefined;
}

/** B608: SQL built by string formatting. */
export const hardcodedSqlExpressions = defineRule({
  id: 'B608',
  name: 'hardcoded-sql-expressions',
  category: 'injection',
  severity: 'medium',
  confidence: 'low',
  cwe: [89],
  docs: {
    what: 'Flags SQL statements built with `+`, `%`, `.format()` or f-strings (medium confidence when passed straight to `execute()`/`executemany()`).',
    why: 'Values formatted into SQL text can close the literal and add their own SQL: the classic SQL injection (CWE-89).',
    example: 'cursor.execute("SELECT * FROM users WHERE name = \'%s\'" % name)',
    instead: 'cursor.execute("SELECT * FROM users WHERE name = %s", (name,))  # parameters, not formatting',
    references: ['https://cwe.mitre.org/data/definitions/89.html', 'https://owasp.org/www-community/attacks/SQL_Injection', 'https://bandit.readthedocs.io/en/latest/plugins/b608_hardcoded_sql_expressions.html'],
  },
  visit: {
    Constant(node, ctx) {
      if (node.kind !== 'str') return;
      const parent = node.parent;
      if (!parent) return;
      let wrapper: A.AnyNode | null = null;
      let statement = '';
      if (parent.type === 'BinOp') {
        const [top, s] = concatString(node, parent);
        wrapper = top.parent;
        statement = s;
      } else if (parent.type === 'Attribute' && parent.attr === 'format') {
        statement = node.value as string;
        wrapper = parent.parent?.parent ?? null;
      } else if (parent.type === 'JoinedStr') {
        const strs = parent.values.filter(isStr);
        if (strs.length && strs[0] === node) {
          statement = strs.map((s) => s.value).join('');
          wrapper = parent.parent;
        }
      }
      if (!statement || !SIMPLE_SQL.test(statement)) return;
      const name = calledNameOf(wrapper);
      const inExecute = name === 'execute' || name === 'executemany';
      ctx.report(node, {
        confidence: inExecute ? 'medium' : 'low',
        message: 'Possible SQL injection vector through string-based query construction.',
        fix: 'Use query parameters (cursor.execute("... WHERE id = %s", (value,))) or the ORM; never format values into SQL text.',
      });
    },
  },
});
