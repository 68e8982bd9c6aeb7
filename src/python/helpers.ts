/**
 * Small readers over the CPython-shaped tree used by the posture analysis (routes and
 * the KR3xx rules): dotted names as written, identifiers in an expression, early exits.
 */
import type * as A from './ast.js';
import { walk } from './visit.js';

/**
 * The dotted text of a Name/Attribute chain as written (`app.route`, `self.request.POST`);
 * calls add `()` and subscripts `[]` (`request.get_json()`, `request.files[]`); '?' for
 * anything else.
 */
export function dotted(e: A.Expr): string {
  switch (e.type) {
    case 'Name':
      return e.id;
    case 'Attribute':
      return `${dotted(e.value)}.${e.attr}`;
    case 'Call':
      return `${dotted(e.func)}()`;
    case 'Subscript':
      return `${dotted(e.value)}[]`;
    default:
      return '?';
  }
}

/** The last segment of a dotted name (`flask_login.login_required` → `login_required`). */
export function lastSegment(name: string): string {
  const s = name.replace(/\(\)$/, '');
  const i = s.lastIndexOf('.');
  return i < 0 ? s : s.slice(i + 1);
}

/** Every identifier (Name ids and Attribute attrs) in an expression or statement. */
export function identifiers(node: A.AnyNode): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'Name') out.push(n.id);
    else if (n.type === 'Attribute') out.push(n.attr);
    else if (n.type === 'Constant' && typeof n.value === 'string' && n.value.length < 40) out.push(n.value);
    else if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'ClassDef' || n.type === 'Lambda') return n === node;
    return undefined;
  });
  return out;
}

/** Names read (Name nodes) in an expression. */
export function namesIn(node: A.AnyNode): Set<string> {
  const out = new Set<string>();
  walk(node, (n) => {
    if (n.type === 'Name') out.add(n.id);
  });
  return out;
}

/** True when the statements leave the handler early: raise, return, `abort()`, `redirect()`, HTTP 4xx responses. */
export function exitsEarly(body: readonly A.Stmt[]): boolean {
  for (const s of body) {
    let found = false;
    walk(s, (n) => {
      if (found) return false;
      if (n.type === 'Raise' || n.type === 'Return') found = true;
      else if (n.type === 'Call') {
        const name = lastSegment(dotted(n.func));
        if (/^(abort|redirect|HttpResponseForbidden|HttpResponseBadRequest|PermissionDenied|HTTPException|Unauthorized|Forbidden)$/.test(name)) found = true;
      }
      return undefined;
    });
    if (found) return true;
  }
  return false;
}

/** The string value of a literal (str constant), or undefined. */
export function strValue(e: A.Expr | null | undefined): string | undefined {
  return e && e.type === 'Constant' && e.kind === 'str' ? (e.value as string) : undefined;
}

/** String literals of a list/tuple/set literal (`['GET', 'POST']`), or undefined when not all literal. */
export function strList(e: A.Expr | null | undefined): string[] | undefined {
  if (!e) return undefined;
  if (e.type === 'Constant' && e.kind === 'str') return [e.value as string];
  if (e.type !== 'List' && e.type !== 'Tuple' && e.type !== 'Set') return undefined;
  const out: string[] = [];
  for (const x of e.elts) {
    const v = strValue(x);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

/** The function or class that encloses `node` (nearest), or null at module level. */
export function enclosingFunction(node: A.AnyNode): A.FunctionDef | null {
  let n = node.parent;
  while (n) {
    if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') return n;
    n = n.parent;
  }
  return null;
}

/** Every function around `node`, innermost first (empty at module level). */
export function enclosingFunctions(node: A.AnyNode): A.FunctionDef[] {
  const out: A.FunctionDef[] = [];
  for (let n = node.parent; n; n = n.parent) if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') out.push(n);
  return out;
}

/** All parameters of a function, in order (positional-only, positional, *args, keyword-only, **kwargs). */
export function allParams(fn: A.FunctionDef): A.Arg[] {
  const a = fn.args;
  return [...a.posonlyargs, ...a.args, ...(a.vararg ? [a.vararg] : []), ...a.kwonlyargs, ...(a.kwarg ? [a.kwarg] : [])];
}

/** The default value of a parameter, or null. */
export function paramDefault(fn: A.FunctionDef, p: A.Arg): A.Expr | null {
  const a = fn.args;
  const positional = [...a.posonlyargs, ...a.args];
  const i = positional.indexOf(p);
  if (i >= 0) {
    const off = positional.length - a.defaults.length;
    return i >= off ? (a.defaults[i - off] ?? null) : null;
  }
  const k = a.kwonlyargs.indexOf(p);
  return k >= 0 ? (a.kw_defaults[k] ?? null) : null;
}
