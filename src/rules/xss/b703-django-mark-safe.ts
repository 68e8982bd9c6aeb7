/**
 * B703, as bandit's `django_mark_safe`: in a file importing from `django.utils.safestring`,
 * a call to `mark_safe` / `SafeText` / `SafeUnicode` / `SafeString` / `SafeBytes` whose
 * first argument is not a string literal, unless bandit's small assignment analysis
 * proves it safe:
 * - a name assigned (before the call, in the enclosing `def` or module, nested blocks
 *   included) only from string literals, from other such names or from `"…".format(…)`
 *   of safe values — and not a parameter of the enclosing `def`;
 * - `"…".format(safe, …)` without keyword arguments, or `"…" % safe` / `"…" % (safe, …)`.
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { callFunctionName, isModuleImportedLike, isStr } from '../../python/calls.js';

const AFFECTED = new Set(['mark_safe', 'SafeText', 'SafeUnicode', 'SafeString', 'SafeBytes']);

type Scope = A.Module | A.FunctionDef;
/** What a statement assigns to the variable: nothing, one value (or the `with` node), or several. */
type Assigned = false | A.AnyNode | A.AnyNode[];

function scopeOf(node: A.AnyNode): Scope {
  let p = node.parent;
  while (p && p.type !== 'Module' && p.type !== 'FunctionDef') p = p.parent;
  return (p ?? node) as Scope;
}

function isParam(scope: Scope, name: string): boolean {
  return scope.type === 'FunctionDef' && scope.args.args.some((a) => a.arg === name);
}

function assignedIn(items: readonly A.AnyNode[], name: string): A.AnyNode[] {
  const out: A.AnyNode[] = [];
  for (const it of items) {
    const a = assigned(it, name);
    if (a === false) continue;
    if (Array.isArray(a)) for (const x of a) out.push(x);
    else out.push(a);
  }
  return out;
}

/** bandit's `DeepAssignation.is_assigned`. */
function assigned(node: A.AnyNode, name: string): Assigned {
  switch (node.type) {
    case 'Expr':
      return assigned(node.value, name);
    case 'FunctionDef':
      return assignedIn(node.body, name);
    case 'With': {
      let r: Assigned = false;
      for (const item of node.items) {
        const v = item.optional_vars;
        r = v && v.type === 'Name' && v.id === name ? node : assignedIn(node.body, name);
      }
      return r;
    }
    case 'Try':
      return [...assignedIn(node.body, name), ...assignedIn(node.handlers, name), ...assignedIn(node.orelse, name), ...assignedIn(node.finalbody, name)];
    case 'ExceptHandler':
      return assignedIn(node.body, name);
    case 'If':
    case 'For':
    case 'While':
      return [...assignedIn(node.body, name), ...assignedIn(node.orelse, name)];
    case 'AugAssign':
      return node.target.type === 'Name' && node.target.id === name ? node.value : false;
    case 'Assign': {
      const t = node.targets[0];
      if (!t) return false;
      if (t.type === 'Name') return t.id === name ? node.value : false;
      if (t.type === 'Tuple') {
        const i = t.elts.findIndex((e) => e.type === 'Name' && e.id === name);
        if (i < 0) return false;
        return node.value.type === 'Tuple' || node.value.type === 'List' ? (node.value.elts[i] ?? node.value) : node.value;
      }
      return false;
    }
    default:
      return false;
  }
}

/** bandit's `evaluate_var`: is `v` only ever assigned safe values before line `until`? */
function safeVar(v: A.Name, scope: Scope, until: number, depth: number): boolean {
  if (depth > 20 || isParam(scope, v.id)) return false;
  let secure = false;
  for (const stmt of scope.body) {
    if (stmt.lineno >= until) break;
    const to = assigned(stmt, v.id);
    if (to === false || (Array.isArray(to) && to.length === 0)) continue;
    if (Array.isArray(to)) {
      let ok = 0;
      for (const t of to) {
        if (isStr(t as A.Expr)) ok++;
        else if (t.type === 'Name' && safeVar(t, scope, stmt.lineno, depth + 1)) ok++;
        else break;
      }
      secure = ok === to.length;
      if (!secure) break;
    } else if (isStr(to as A.Expr)) secure = true;
    else if (to.type === 'Name') secure = safeVar(to, scope, to.lineno, depth + 1);
    else if (to.type === 'Call') secure = safeFormat(to.func, to.args, to.keywords.length > 0, scope, depth + 1);
    else {
      secure = false;
      break;
    }
  }
  return secure;
}

/** bandit's `evaluate_call`: `"…".format(args)` with only safe arguments (no keywords). */
function safeFormat(func: A.Expr, callArgs: readonly A.Expr[], hasKeywords: boolean, scope: Scope, depth: number): boolean {
  if (depth > 20 || func.type !== 'Attribute' || func.attr !== 'format' || !isStr(func.value) || hasKeywords) return false;
  const args: A.Expr[] = [];
  for (const a of callArgs) {
    if (a.type === 'Starred' && (a.value.type === 'List' || a.value.type === 'Tuple')) for (const e of a.value.elts) args.push(e);
    else args.push(a);
  }
  return args.every((a) => {
    if (isStr(a)) return true;
    if (a.type === 'Name') return safeVar(a, scope, a.lineno, depth + 1);
    if (a.type === 'Call') return safeFormat(a.func, a.args, a.keywords.length > 0, scope, depth + 1);
    return false;
  });
}

function safeArgument(call: A.Call, x: A.Expr): boolean {
  const scope = scopeOf(call);
  if (x.type === 'Name') return !isParam(scope, x.id) && safeVar(x, scope, call.lineno, 0);
  if (x.type === 'Call') return safeFormat(x.func, x.args, x.keywords.length > 0, scope, 0);
  if (x.type === 'BinOp' && x.op === 'Mod' && isStr(x.left)) {
    if (x.right.type === 'Dict') return false;
    const args = x.right.type === 'Tuple' ? x.right.elts : [x.right];
    const fmt: A.Attribute = { ...x.left, type: 'Attribute', value: x.left, attr: 'format' };
    return safeFormat(fmt, args, false, scope, 0);
  }
  return false;
}

export const djangoMarkSafe = defineRule({
  id: 'B703',
  name: 'django-mark-safe',
  category: 'injection',
  severity: 'medium',
  confidence: 'high',
  cwe: [79],
  docs: {
    what: 'Flags Django `mark_safe(...)` (and `SafeString`…) applied to a value that is not provably built from string literals.',
    why: '`mark_safe` disables auto-escaping; a value that contains user input then reaches the page as HTML (cross-site scripting, CWE-79).',
    example: 'return mark_safe("<a href=\'%s\'>link</a>" % url)',
    instead: 'return format_html("<a href=\'{}\'>link</a>", url)',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html',
      'https://bandit.readthedocs.io/en/latest/plugins/b703_django_mark_safe.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const fn = callFunctionName(ctx.callName(node), node);
      if (!fn || !AFFECTED.has(fn)) return;
      const x = node.args[0];
      if (!x || isStr(x)) return;
      if (!isModuleImportedLike(ctx.semantic, 'django.utils.safestring')) return;
      if (safeArgument(node, x)) return;
      ctx.report(node, {
        message: 'Potential XSS on mark_safe function.',
        fix: 'Use django.utils.html.format_html() (escapes its arguments) or escape() each user value before mark_safe().',
      });
    },
  },
});
