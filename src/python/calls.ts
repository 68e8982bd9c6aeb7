/**
 * Helpers for rules about calls, with bandit's own semantics where a rule is bandit-compatible.
 */
import type * as A from './ast.js';

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

/**
 * bandit's `_get_literal_value` as its `call_args` / `call_keywords` apply it: attributes
 * by their last name (`ssl.PROTOCOL_SSLv3` → 'PROTOCOL_SSLv3'), names by id, numbers and
 * strings as themselves, booleans and None as Python prints them, lists and tuples
 * element-wise; anything computed is null.
 */
export type BanditLiteral = string | number | BanditLiteral[] | null;
export function banditLiteral(e: A.Expr): BanditLiteral {
  switch (e.type) {
    case 'Attribute':
      return e.attr;
    case 'Name':
      return e.id;
    case 'Constant':
      if (e.kind === 'bool') return e.value ? 'True' : 'False';
      if (e.kind === 'None') return 'None';
      if (e.kind === 'Ellipsis') return null;
      return e.value as string | number;
    case 'List':
    case 'Tuple':
      return e.elts.map(banditLiteral);
    default:
      return null;
  }
}

/** bandit's `get_call_arg_at_position(i)`: the i-th positional argument as a literal, or null. */
export function positionalLiteral(call: A.Call, i: number): BanditLiteral {
  const a = call.args[i];
  return a ? banditLiteral(a) : null;
}

/** bandit's `get_call_arg_value(name)`: the keyword's literal value, or undefined when not given. */
export function keywordLiteral(call: A.Call, name: string): BanditLiteral | undefined {
  const k = keywordArg(call, name);
  return k ? banditLiteral(k.value) : undefined;
}

/**
 * bandit's `context.call_function_name`: the last segment of the call's qualified name
 * (through import aliases), or of the callee as written when it is computed (`a().b()` → 'b').
 */
export function callFunctionName(qualified: string | null, call: A.Call): string | undefined {
  if (qualified) return qualified.slice(qualified.lastIndexOf('.') + 1);
  return calledName(call);
}

interface ImportLike {
  module: string;
  name?: string;
}
const importSets = new WeakMap<object, Set<string>>();

/**
 * bandit's `context._context['imports']` for a file: `import a.b` adds 'a.b',
 * `from a import b` adds 'a.b' (not 'a'), `from . import b` adds 'b'.
 */
export function banditImports(semantic: { imports: readonly ImportLike[] }): Set<string> {
  let s = importSets.get(semantic);
  if (s) return s;
  s = new Set();
  for (const i of semantic.imports) {
    if (i.name === undefined) s.add(i.module);
    else if (i.module && !/^\.+$/.test(i.module)) s.add(`${i.module}.${i.name}`);
    else s.add(i.name);
  }
  importSets.set(semantic, s);
  return s;
}

/** bandit's `is_module_imported_like(m)`: some import contains `m` as a substring. */
export function isModuleImportedLike(semantic: { imports: readonly ImportLike[] }, m: string): boolean {
  for (const i of banditImports(semantic)) if (i.includes(m)) return true;
  return false;
}

/** bandit's `is_module_imported_exact(m)`. */
export function isModuleImportedExact(semantic: { imports: readonly ImportLike[] }, m: string): boolean {
  return banditImports(semantic).has(m);
}

/** Python's `fnmatch.fnmatch` for the patterns bandit's blacklists use (`*` and `?`; case-sensitive on POSIX). */
export function fnmatch(name: string, pattern: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return name === pattern;
  let re = fnmatchCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
    fnmatchCache.set(pattern, re);
  }
  return re.test(name);
}
/** Compiled patterns (the blacklists hold a few dozen; each is compiled once per process). */
const fnmatchCache = new Map<string, RegExp>();
