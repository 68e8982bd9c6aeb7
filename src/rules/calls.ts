/**
 * Helpers for rules about calls, with bandit's own semantics where a rule is bandit-compatible.
 */
import type * as A from '../python/ast.js';

/** The keyword argument `name` of a call, if present. */
export function keywordArg(call: A.Call, name: string): A.Keyword | undefined {
  return call.keywords.find((k) => k.arg === name);
}

/** True if the call passes `**kwargs` (an argument may hide in it). */
export function hasKwargsSplat(call: A.Call): boolean {
  return call.keywords.some((k) => k.arg === null);
}

/**
 * bandit's `check_call_arg_value` rendering of a keyword value: constants as Python
 * prints them ('True', 'None', '5', the string itself), names by id, attributes by attr.
 */
export function keywordValueText(value: A.Expr): string | undefined {
  switch (value.type) {
    case 'Constant':
      if (value.kind === 'bool') return value.value ? 'True' : 'False';
      if (value.kind === 'None') return 'None';
      return String(value.value);
    case 'Name':
      return value.id;
    case 'Attribute':
      return value.attr;
    default:
      return undefined;
  }
}

/** bandit's `check_call_arg_value(name, expected)`: is keyword `name` given as `expected`? */
export function keywordIs(call: A.Call, name: string, expected: string): boolean {
  const k = keywordArg(call, name);
  return !!k && keywordValueText(k.value) === expected;
}

/** The last segment of a dotted call name (`subprocess.Popen` → `Popen`), bandit's `call_function_name`. */
export function calledName(call: A.Call): string | undefined {
  const f = call.func;
  if (f.type === 'Name') return f.id;
  if (f.type === 'Attribute') return f.attr;
  return undefined;
}

/** A string literal (Constant of kind str), as bandit's `isinstance(node, ast.Str)`. */
export function isStr(e: A.Expr | null | undefined): e is A.Constant & { value: string } {
  return !!e && e.type === 'Constant' && e.kind === 'str';
}

/**
 * bandit's `has_shell`: is `shell=` given a truthy value? Constants by their truth value,
 * `False`/`None` names false, non-empty list/dict literals true, anything computed true.
 */
export function hasShellTrue(call: A.Call): boolean {
  const k = keywordArg(call, 'shell');
  if (!k) return false;
  const v = k.value;
  switch (v.type) {
    case 'Constant':
      if (v.kind === 'str' || v.kind === 'bytes') return true; // bandit: a Str is "other" → True
      return Boolean(v.value);
    case 'List':
      return v.elts.length > 0;
    case 'Dict':
      return v.keys.length > 0;
    case 'Name':
      return !(v.id === 'False' || v.id === 'None');
    default:
      return true;
  }
}
