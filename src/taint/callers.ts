/**
 * Pattern findings that hinge on a function's parameters, and the calls that settle them.
 * A finding in a helper (`def run(cmd): subprocess.run(cmd, shell=True)`) whose flagged
 * value is built only from constants and the helper's parameters is as safe as what its
 * callers pass: when every call in the project passes constants for those parameters, the
 * value is a constant. The per-file pass records such findings (`Hinge`) and, in every
 * file, the calls of functions by name with which arguments are constants (`CallArgs`) and
 * the names used other than by a call (a callback: calls krait cannot see). The project
 * pass (pipeline/constant-callers.ts) puts them together. Everything is syntactic and
 * bounded: no recursion deeper than {@link MAX_DEPTH}, no walk longer than the module.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { pushChildrenReversed } from '../python/visit.js';
import { PROGRAM_LOOKUPS, PURE_METHODS, PURE_OF_CONSTANTS } from './models/pure.js';
import { constantFalse, importedConstant, selfFieldAssignments, shellParameter } from './models/predicates.js';
import { paramDefault } from '../python/helpers.js';
import { K, atUrlAttributeStart } from './model.js';
import { callSanitizer, escapeLeavesQuotes } from './sanitizers.js';

/** One parameter a hinged finding depends on. */
export interface HingeParam {
  name: string;
  /** Its position among the arguments a call passes (-1 for a keyword-only parameter; a method's `self` is not counted). */
  pos: number;
  /** It has a default built only from constants (a call that leaves it out passes a constant). */
  defaultLit: boolean;
}

/** How a function takes its arguments: a call that cannot bind to it raises `TypeError` before any sink, so it is not one of its calls. */
export interface HingeSig {
  /** Positional parameter names (without a method's `self`). */
  pos: string[];
  /** How many of them have no default. */
  required: number;
  kwonly: string[];
  /** The keyword-only parameters without a default. */
  kwRequired: string[];
  varargs?: true;
  varkw?: true;
}

/**
 * The calls whose arguments a hinged value is built from: of a module-level function
 * (`fn` its name), of a method of a module-level class (`.name`: called on any receiver,
 * so every call of a method of that name counts), or of a class whose constructor keeps a
 * parameter in the field the value reads (`self.binary` set from `binary` in `__init__`:
 * `fn` the class's name). `label` names it in verdicts.
 */
export interface HingePart {
  fn: string;
  label: string;
  params: HingeParam[];
  sig: HingeSig;
  /**
   * The parameter that decides whether the sink is the finding's at all (`shell` in `def
   * run(cmd, shell=False): subprocess.run(cmd, shell=shell)`): a call that passes a false
   * constant for it, or leaves it at a false default (`defaultOff`), is settled whatever it
   * passes for {@link params}.
   */
  gate?: { name: string; pos: number; defaultOff: boolean };
}

/** A pattern finding whose flagged value is built only from constants and the parameters of these calls. */
export interface Hinge {
  parts: HingePart[];
  rule: string;
  line: number;
  column: number;
}

/** A call of a function by name (its last name segment), with which arguments are built only from constants. */
export interface CallArgs {
  name: string;
  /** Per positional argument: built only from constants. */
  args: boolean[];
  /** Per keyword argument. */
  kw: Record<string, boolean>;
  /** `*args` or `**kwargs` is passed (which parameters they fill is not known). */
  star?: true;
  /** Some argument counted as constant is a number from a conversion (`int(v)`), or data the analysis saw cleared for every kind: safe, but not a constant. */
  num?: true;
  /** Per positional argument that is neither: the sink kinds (bits) the analysis saw it safe for (`re.fullmatch(r"[a-z]+", v)` checked: the shell). */
  kinds?: number[];
  /** The same per keyword argument. */
  kwKinds?: Record<string, number>;
  /**
   * Per positional argument that is none of these: what of other modules it is built from
   * besides constants — `f:q` a project function `q` (qualified as the caller imports it)
   * whose result it is, `t:q` a module-level table `q` it reads an entry of. When every
   * such function returns only constants and every such table holds only constants (the
   * project step reads that in their modules' facts), the argument is a constant.
   */
  litIf?: Record<number, string[]>;
  /**
   * Per positional argument that is none of these but is built only from constants and the
   * parameters of the function the call is in (`self.runner.run(f"ping {host}")` in
   * `def ping(self, host)`): the calls those parameters come from. The argument is as safe
   * as every one of them passes (settled like a hinge of that function).
   */
  via?: Record<number, HingePart[]>;
  /** The same per keyword argument. */
  kwVia?: Record<string, HingePart[]>;
  /** Positional arguments that are constants Python takes as false (`False`, `None`, `0`, `""`): a {@link HingePart.gate} they fill is off. */
  off?: number[];
  /** The same per keyword argument. */
  kwOff?: string[];
  line: number;
}

const MAX_DEPTH = 20;
const MAX_NODES = 200;
/** At most this many calls of functions are recorded per file (beyond, their names are listed as not recorded). */
export const MAX_CALL_ARGS = 2000;

/** Decorators that keep a function what it is (no framework gets to call it). */
const PLAIN_DECORATORS = /^(?:functools\.)?(?:lru_cache|cache|wraps)$|^(?:typing\.)?overload$/;
/** Class decorators that make no framework call the class's methods. */
const PLAIN_CLASS_DECORATORS = /^(?:dataclasses\.)?dataclass$|^(?:functools\.)?total_ordering$/;

/**
 * Whether only the project's own code calls the methods of `cls`: a module-level class
 * whose bases are none, `object`, or such classes of the module. A class deriving from a
 * framework's (`View`, `Thread`, `socketserver.BaseRequestHandler`…) has methods the
 * framework calls with its own arguments (`get(self, request, pk)`), which no call in the
 * project shows.
 */
function plainClass(cls: A.ClassDef, sem: SemanticModel, d: number): boolean {
  if (d > 5 || cls.parent?.type !== 'Module' || cls.keywords.length) return false;
  if (!cls.decorator_list.every((x) => PLAIN_CLASS_DECORATORS.test(sem.qualifiedName(x.type === 'Call' ? x.func : x) ?? ''))) return false;
  return cls.bases.every((b) => {
    if (b.type !== 'Name') return false;
    if (b.id === 'object' && sem.lookup(b.id, b) === undefined) return true;
    const bound = sem.lookup(b.id, b);
    return bound?.kind === 'class' && bound.count === 1 && bound.node.type === 'ClassDef' && bound.node !== cls && plainClass(bound.node, sem, d + 1);
  });
}

/**
 * Add to `parts` the gate of a sink call in `fn` whose `shell=` names a parameter of `fn`
 * that nothing rebinds (`subprocess.run(cmd, shell=shell)`): see {@link HingePart.gate}.
 * The part of `fn` is added, without parameters, when the flagged value does not depend on
 * them. Returns `parts` unchanged when there is no such gate.
 */
export function withShellGate(parts: HingePart[], call: A.Call, fn: A.FunctionDef, sem: SemanticModel): HingePart[] {
  const p = shellParameter(call, sem);
  const at = callableOf(fn, sem);
  if (!at || !p || p.fn !== fn) return parts;
  const positional = [...fn.args.posonlyargs, ...fn.args.args];
  const i = positional.indexOf(p.param);
  if ((i < 0 && !fn.args.kwonlyargs.includes(p.param)) || (i >= 0 && i < at.shift)) return parts;
  const gate = { name: p.param.arg, pos: i >= 0 ? i - at.shift : -1, defaultOff: p.defaultOff };
  const own = parts.find((p) => p.fn === at.key);
  if (own) return parts.map((p) => (p === own ? { ...p, gate } : p));
  return [...parts, { fn: at.key, label: at.label, params: [], sig: sigOf(fn, at.shift), gate }];
}

/**
 * What a function is to its callers: the key its calls are recorded under, and how many
 * leading parameters a call does not pass (a method's `self`). Null for functions a
 * framework may call (decorated, or methods of a class deriving from a framework's).
 */
function callableOf(fn: A.FunctionDef, sem: SemanticModel): { key: string; label: string; shift: number } | null {
  const owner = fn.parent;
  if (!fn.decorator_list.every((x) => PLAIN_DECORATORS.test(sem.qualifiedName(x.type === 'Call' ? x.func : x) ?? ''))) return null;
  if (owner?.type === 'Module') return { key: fn.name, label: `${fn.name}()`, shift: 0 };
  // A plain method of a plain module-level class (no decorator: not a static or class method, not a property).
  if (owner?.type !== 'ClassDef' || !plainClass(owner, sem, 0) || fn.decorator_list.length) return null;
  if (!fn.args.posonlyargs.length && !fn.args.args.length) return null;
  if (fn.name === '__init__') return owner.decorator_list.length ? null : { key: owner.name, label: `${owner.name}()`, shift: 1 };
  if (fn.name.startsWith('__') && fn.name.endsWith('__')) return null;
  return { key: `.${fn.name}`, label: `${owner.name}.${fn.name}()`, shift: 1 };
}

/** The signature of `fn` as its callers see it (`shift` leading parameters bound already). */
function sigOf(fn: A.FunctionDef, shift: number): HingeSig {
  const all = [...fn.args.posonlyargs, ...fn.args.args];
  const pos = all.slice(shift).map((a) => a.arg);
  const kwonly = fn.args.kwonlyargs.map((a) => a.arg);
  return {
    pos,
    required: Math.max(0, all.length - fn.args.defaults.length - shift),
    kwonly,
    kwRequired: kwonly.filter((_, i) => !fn.args.kw_defaults[i]),
    ...(fn.args.vararg ? { varargs: true as const } : {}),
    ...(fn.args.kwarg ? { varkw: true as const } : {}),
  };
}

/**
 * What a field of `self` read in a method of `cls` holds: the expression `__init__` sets it
 * to (as one of its own statements, the only assignment of that field in the class), or a
 * constant the class body binds it to when no method assigns it. Null otherwise.
 */
function ctorField(cls: A.ClassDef, attr: string): { value: A.Expr; init: A.FunctionDef | null } | null {
  const list = selfFieldAssignments(cls).get(attr);
  if (list) {
    const [a] = list;
    const init = a.method.name === '__init__' && a.method.type === 'FunctionDef' && !a.method.decorator_list.length;
    return list.length === 1 && init && a.direct && a.value ? { value: a.value, init: a.method } : null;
  }
  // Not assigned by a method: a constant of the class body (`binary = "convert"`), bound once.
  const bound = cls.body.filter((st) => (st.type === 'Assign' && st.targets.some((t) => t.type === 'Name' && t.id === attr)) || (st.type === 'AnnAssign' && st.target.type === 'Name' && st.target.id === attr));
  const only = bound.length === 1 ? bound[0] : null;
  const value = only?.type === 'Assign' && only.targets.length === 1 ? only.value : only?.type === 'AnnAssign' ? only.value : null;
  return value ? { value, init: null } : null;
}

/**
 * Whether a parameter's one rebinding is a statement of the function's body itself (not in a
 * branch or a loop), before the line of `use`, whose value `assignedSafe` vouches for (the
 * analysis saw it safe for the finding's sink kind on every visit: `fmt = _validate(fmt)`
 * with an allow-list in `_validate`).
 */
function safeRebinding(use: A.Name, fn: A.FunctionDef, assignedSafe: (s: A.Assign) => boolean): boolean {
  const at = fn.body.filter((st): st is A.Assign => st.type === 'Assign' && st.targets.length === 1 && st.targets[0].type === 'Name' && st.targets[0].id === use.id);
  return at.length === 1 && at[0].end_lineno < use.lineno && assignedSafe(at[0]);
}

/**
 * The calls the value of `e` (in `fn`) depends on, when it is built only from constants,
 * the parameters of `fn` (never rebound, or rebound once to a value `assignedSafe` vouches
 * for: see {@link safeRebinding}), names bound once in `fn` to such values or to one
 * `assignedSafe` vouches for, pure string operations, and — in a method — fields of `self`
 * that `__init__` sets from its own parameters and constants (`self.binary`, then the
 * class's constructor calls count);
 * null otherwise (or when it depends on no parameter); an empty list when it depends on no
 * parameter but on a value `assignedSafe` vouched for (the value is safe as it is). `fn` is
 * a module-level function, a method of a module-level class or its `__init__` (see
 * {@link HingePart}).
 */
export function hingeParts(e: A.Expr, fn: A.FunctionDef, sem: SemanticModel, assignedSafe?: (s: A.Assign) => boolean, kind = 0): HingePart[] | null {
  const parts = new Map<string, HingePart>();
  let nodes = 0;
  // Whether a value the analysis saw safe stood for a name (then no parameter left means a safe value, not a constant one).
  let usedSafe = false;
  const paramOf = (name: A.Name, f: A.FunctionDef, call: { key: string; label: string; shift: number }, b: { node: A.AnyNode }): boolean => {
    const positional = [...f.args.posonlyargs, ...f.args.args];
    const i = positional.findIndex((p) => p === b.node);
    const k = f.args.kwonlyargs.findIndex((p) => p === b.node);
    if ((i < 0 && k < 0) || (i >= 0 && i < call.shift) || b.node.type !== 'arg') return false;
    const dflt = paramDefault(f, b.node);
    let part = parts.get(call.key);
    if (!part) parts.set(call.key, (part = { fn: call.key, label: call.label, params: [], sig: sigOf(f, call.shift) }));
    if (!part.params.some((p) => p.name === name.id)) part.params.push({ name: name.id, pos: i >= 0 ? i - call.shift : -1, defaultLit: !!dflt && constantExpr(dflt, sem, 0) });
    return true;
  };
  // `asIs`: x is used as it is, a part of the text (`"ls " + x`, `f"ls {x}"`), not transformed (`x!r`, `b64decode(x)`), so a sanitiser's result stays safe.
  // `strict`: x starts a URL attribute's value in HTML (`href="{url}"`), where an escape or a value safe for HTML elsewhere is not safe (`javascript:`).
  const ok = (x: A.Expr | null | undefined, f: A.FunctionDef, d: number, asIs = false, strict = false): boolean => {
    if (!x) return true;
    if (d > MAX_DEPTH || ++nodes > MAX_NODES) return false;
    switch (x.type) {
      case 'Constant':
        return true;
      case 'Name': {
        if (sem.constValue(x) !== undefined) return true;
        const b = sem.lookup(x.id, x);
        // `fmt = _validate(fmt)` first, the analysis seeing the value safe for the sink: nothing of the parameter's is left.
        if (b && b.kind === 'param' && b.count === 2 && assignedSafe && f === fn && !strict) return (usedSafe = safeRebinding(x, f, assignedSafe));
        if (!b || b.count !== 1) return false;
        if (b.kind === 'param') {
          const call = callableOf(f, sem);
          return !!call && paramOf(x, f, call, b);
        }
        if (b.kind !== 'assign' || !b.value || b.value === x || enclosingFunction(b.node) !== f || mayChange(b.value, x.id, f)) return false;
        if (ok(b.value, f, d + 1, asIs, strict)) return true;
        // A value the analysis saw safe for the sink whatever the parameters (`stamp = datetime.now().strftime("%Y%m%d")`).
        const stmt = b.node.parent;
        return (usedSafe = !strict && !!assignedSafe && f === fn && stmt?.type === 'Assign' && assignedSafe(stmt));
      }
      case 'Attribute': {
        // `self.binary` in a method: what `__init__` set it to.
        const self = [...f.args.posonlyargs, ...f.args.args][0];
        const cls = f.parent;
        if (x.value.type !== 'Name' || !self || x.value.id !== self.arg || cls?.type !== 'ClassDef' || !plainClass(cls, sem, 0) || f.decorator_list.length) return false;
        if (sem.lookup(x.value.id, x)?.node !== self) return false;
        const field = ctorField(cls, x.attr);
        if (!field) return false;
        if (!field.init) return constantExpr(field.value, sem, 0);
        return ok(field.value, field.init, d + 1);
      }
      case 'JoinedStr': {
        let text = '';
        return x.values.every((v) => {
          if (v.type === 'Constant') {
            text += String(v.value);
            return true;
          }
          const urlStart = !!(kind & K.XSS) && atUrlAttributeStart(text);
          text += 'x';
          return ok(v, f, d + 1, asIs && !urlStart, strict || urlStart);
        });
      }
      case 'FormattedValue':
        return ok(x.value, f, d + 1, asIs && x.conversion === -1 && !x.format_spec, strict) && ok(x.format_spec, f, d + 1);
      case 'BinOp':
        return ok(x.left, f, d + 1, asIs && x.op === 'Add') && ok(x.right, f, d + 1, asIs && x.op === 'Add');
      case 'List':
      case 'Tuple':
        return x.elts.every((v) => v.type !== 'Starred' && ok(v, f, d + 1, asIs));
      case 'Call': {
        if (x.args.some((a) => a.type === 'Starred') || x.keywords.some((k) => !k.arg)) return false;
        const args = [...x.args, ...x.keywords.map((k) => k.value)];
        const q = sem.callName(x) ?? '';
        // A sanitiser for the sink's kind (`escape(label)` in HTML marked safe), whatever its argument holds.
        if (asIs && !strict && kind && f === fn && (callSanitizer(x, q || null, sem) & kind) === kind && !escapeLeavesQuotes(x, q || null, sem)) return (usedSafe = true);
        const pure = (x.func.type === 'Attribute' && PURE_METHODS.has(x.func.attr) && ok(x.func.value, f, d + 1)) || ((PURE_OF_CONSTANTS.has(q) || PROGRAM_LOOKUPS.has(q)) && sem.lookup(q.split('.')[0], x)?.kind !== 'def');
        return pure && args.every((a) => ok(a, f, d + 1));
      }
      default:
        return false;
    }
  };
  if (!callableOf(fn, sem) || !ok(e, fn, 0, true)) return null;
  // (No parameter left, but a value the analysis saw safe: nothing to settle, the value is safe; see hingesOf and judge in triage.ts.)
  if (!parts.size) return usedSafe ? [] : null;
  return [...parts.values()];
}

/** Displays and comprehensions make objects code can change in place. */
const MUTABLE = new Set(['List', 'Dict', 'Set', 'ListComp', 'DictComp', 'SetComp']);

/**
 * Whether a name bound to `value` in `fn` may hold something else than `value` when read: it
 * is a list, dict or set that `fn` uses other than by reading it whole (`where.append(…)`,
 * `where[0] = …`, passed to a call that may change it).
 */
function mayChange(value: A.Expr, name: string, fn: A.FunctionDef): boolean {
  if (!MUTABLE.has(value.type)) return false;
  const stack: A.AnyNode[] = [...fn.body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Name' && n.id === name) {
      const up = n.parent;
      // (An argument of a string method, `" AND ".join(where)`, is only read.)
      const read = up?.type === 'Call' && up.func !== n && up.func.type === 'Attribute' && PURE_METHODS.has(up.func.attr) && up.func.value.type === 'Constant';
      if (!read && (up?.type === 'Attribute' || up?.type === 'Subscript' || up?.type === 'Call' || up?.type === 'keyword' || up?.type === 'Starred' || up?.type === 'AugAssign')) return true;
    }
    pushChildrenReversed(n, stack);
  }
  return false;
}

/** The function a node lies in (the nearest; null at module level). */
export function enclosingFunction(n: A.AnyNode): A.FunctionDef | null {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'FunctionDef' || p.type === 'AsyncFunctionDef') return p;
    if (p.type === 'Lambda' || p.type === 'ClassDef') return null;
  }
  return null;
}

/** An expression built only from literals and names the semantic model folds to constants. */
export function constantExpr(e: A.Expr, sem: SemanticModel, d: number): boolean {
  if (d > MAX_DEPTH) return false;
  if (e.type === 'Constant' || sem.constValue(e) !== undefined) return true;
  switch (e.type) {
    case 'Subscript':
      // `TABLES[kind]`: whatever the key, an element of a constant table (or a KeyError).
      {
      const t = e.slice.type !== 'Slice' && e.value.type === 'Name' ? frozenTable(e.value, sem) : null;
      const values = t ? tableValues(t) : [];
      return values.length > 0 && values.length <= 200 && values.every((v) => v.type !== 'Starred' && constantExpr(v, sem, d + 1));
    }
    case 'JoinedStr':
      return e.values.every((v) => constantExpr(v, sem, d + 1));
    case 'FormattedValue':
      return constantExpr(e.value, sem, d + 1) && (!e.format_spec || constantExpr(e.format_spec, sem, d + 1));
    case 'BinOp':
      return constantExpr(e.left, sem, d + 1) && constantExpr(e.right, sem, d + 1);
    case 'List':
    case 'Tuple':
    case 'Set':
      return e.elts.length <= 50 && e.elts.every((v) => v.type !== 'Starred' && constantExpr(v, sem, d + 1));
    default:
      return false;
  }
}

/**
 * What of the project's other modules `e` is built from besides constants (see
 * {@link CallArgs.litIf}): calls of their functions (`sorting.order_clause(s, d)`, whatever
 * the arguments: a function returning only constants ignores them) and entries of their
 * tables (`constants.TOOLS.get(k)`, `FORMULAS[k]` imported from a module), through names
 * bound once. Null when some part is neither a constant nor one of those; an empty list
 * is a plain constant.
 */
export function constantIf(e: A.Expr, sem: SemanticModel, localModules: ReadonlySet<string>, d = 0): string[] | null {
  if (d > MAX_DEPTH) return null;
  if (constantExpr(e, sem, 0)) return [];
  const all = (xs: readonly (A.Expr | null | undefined)[]): string[] | null => {
    const out: string[] = [];
    for (const x of xs) {
      if (!x) continue;
      const got = constantIf(x, sem, localModules, d + 1);
      if (!got) return null;
      out.push(...got);
    }
    return out;
  };
  const project = (x: A.Expr): string | null => {
    // (The semantic model names only what an import binds: a local name spelled like a project module is not the module.)
    const q = sem.qualifiedName(x);
    if (!q || !q.includes('.')) return null;
    const bare = q.replace(/^\.+/, '');
    const dot = bare.indexOf('.');
    return q.startsWith('.') || localModules.has(dot < 0 ? bare : bare.slice(0, dot)) ? q : null;
  };
  switch (e.type) {
    case 'Name': {
      const b = sem.lookup(e.id, e);
      if (b?.kind === 'assign' && b.count === 1 && b.value && b.value !== e) return constantIf(b.value, sem, localModules, d + 1);
      // A name in capitals imported from a project module is one of its constants (the convention the data flow follows too).
      if (importedConstant(e, sem) && project(e)) return [];
      return null;
    }
    case 'Attribute':
      // `settings.DEFAULT_SORT`: a constant of a project module, by the same convention.
      return importedConstant(e, sem) && project(e) ? [] : null;
    case 'JoinedStr':
      return all(e.values);
    case 'FormattedValue':
      return all([e.value, e.format_spec]);
    case 'BinOp':
      return e.op === 'Add' || e.op === 'Mod' ? all([e.left, e.right]) : null;
    case 'IfExp':
      return all([e.body, e.orelse]);
    case 'Tuple':
    case 'List':
      return e.elts.some((x) => x.type === 'Starred') ? null : all(e.elts);
    case 'Subscript': {
      const q = e.slice.type !== 'Slice' ? project(e.value) : null;
      return q ? [`t:${q}`] : null;
    }
    case 'Call': {
      const f = e.func;
      // `TABLE.get(key[, default])` of a table of another module: one of its values, or the default.
      if (f.type === 'Attribute' && f.attr === 'get' && !e.keywords.length && e.args.length >= 1 && e.args.length <= 2) {
        const q = project(f.value);
        const dflt = e.args[1] ? constantIf(e.args[1], sem, localModules, d + 1) : [];
        if (q && dflt) return [`t:${q}`, ...dflt];
      }
      const q = project(f);
      return q ? [`f:${q}`] : null;
    }
    default:
      return null;
  }
}

/** The module-level names of a module bound to a table of constants nothing changes (see {@link frozenTable}). */
export function constantTables(module: A.Module, sem: SemanticModel): string[] {
  const out: string[] = [];
  for (const st of module.body) {
    if (st.type !== 'Assign' || st.targets.length !== 1 || st.targets[0].type !== 'Name') continue;
    const t = frozenTable(st.targets[0], sem);
    const values = t ? tableValues(t) : [];
    if (values.length && values.length <= 200 && values.every((v) => v.type !== 'Starred' && constantExpr(v, sem, 1))) out.push(st.targets[0].id);
  }
  return out;
}

/** Builtins whose result is a number (or a bool) whatever their argument: nothing of it can inject. */
const NUMBER_CALLS = new Set(['int', 'float', 'round', 'len', 'abs', 'bool', 'ord']);

/**
 * Whether `e` is a number built from a conversion (`int(v)`, `float(v)`, `len(v)`), numeric
 * constants and arithmetic on them, or a name bound once to such a value: a value no
 * injection can go through, whatever `v` was.
 */
export function numberExpr(e: A.Expr, sem: SemanticModel, d: number): boolean {
  if (d > MAX_DEPTH) return false;
  switch (e.type) {
    case 'Constant':
      return typeof e.value === 'number' || typeof e.value === 'boolean' || typeof e.value === 'bigint';
    case 'Call':
      return e.func.type === 'Name' && NUMBER_CALLS.has(e.func.id) && sem.lookup(e.func.id, e) === undefined && !e.keywords.some((k) => !k.arg) && !e.args.some((a) => a.type === 'Starred');
    case 'UnaryOp':
      return e.op !== 'Not' && numberExpr(e.operand, sem, d + 1);
    case 'BinOp':
      return numberExpr(e.left, sem, d + 1) && numberExpr(e.right, sem, d + 1);
    case 'Name': {
      const b = sem.lookup(e.id, e);
      return !!b && b.kind === 'assign' && b.count === 1 && !!b.value && b.value !== e && numberExpr(b.value, sem, d + 1);
    }
    default:
      return false;
  }
}

/** Methods that change a list, dict or set in place. */
const MUTATORS = new Set(['update', 'setdefault', 'pop', 'popitem', 'clear', 'append', 'extend', 'insert', 'remove', 'add', 'discard', '__setitem__', '__delitem__', 'sort', 'reverse', '__ior__', 'difference_update', 'intersection_update', 'symmetric_difference_update']);

/** Per module: the module-level names something may change in place (see {@link frozenTable}). */
const changedNames = new WeakMap<A.Module, Set<string>>();

function namesChangedIn(module: A.Module): Set<string> {
  let out = changedNames.get(module);
  if (out) return out;
  out = new Set();
  const stack: A.AnyNode[] = [module];
  while (stack.length) {
    const n = stack.pop()!;
    const targets = n.type === 'Assign' || n.type === 'Delete' ? n.targets : n.type === 'AugAssign' || n.type === 'AnnAssign' || n.type === 'For' || n.type === 'AsyncFor' ? [n.target] : [];
    for (const t of targets) storedSubscripts(t, out);
    if (n.type === 'Call' && n.func.type === 'Attribute' && MUTATORS.has(n.func.attr) && n.func.value.type === 'Name') out.add(n.func.value.id);
    else if (n.type === 'Global') for (const g of n.names) out.add(g);
    else if (n.type === 'AugAssign' && n.target.type === 'Name') out.add(n.target.id);
    pushChildrenReversed(n, stack);
  }
  changedNames.set(module, out);
  return out;
}

/** The names whose elements a target stores to (`d[k] = …`, `a, d[k] = …`), into `out`. */
function storedSubscripts(t: A.Expr, out: Set<string>): void {
  if (t.type === 'Subscript' && t.value.type === 'Name') out.add(t.value.id);
  else if (t.type === 'Tuple' || t.type === 'List') for (const e of t.elts) storedSubscripts(e, out);
  else if (t.type === 'Starred') storedSubscripts(t.value, out);
}

/**
 * The literal a module-level name holds when it is a table of constants nothing changes:
 * bound once, at module level, to a dict, list, tuple or set display, and never the target
 * of a subscript assignment or deletion, a mutating method (`update`, `append`…), an
 * augmented assignment or a `global` statement anywhere in the module. Null otherwise.
 * (A function it is passed to could still change it: such code is rare for a table of
 * constants, and the engine's other container rules make the same assumption.)
 */
export function frozenTable(name: A.Name, sem: SemanticModel): A.Dict | A.ListExpr | A.TupleExpr | A.SetExpr | null {
  if (!tableNamesOf(sem).has(name.id)) return null;
  const b = sem.lookup(name.id, name);
  if (!b || b.kind !== 'assign' || b.count !== 1 || !b.value) return null;
  const v = b.value;
  if (v.type !== 'Dict' && v.type !== 'List' && v.type !== 'Tuple' && v.type !== 'Set') return null;
  if (sem.scopeOf(b.node) !== sem.module) return null;
  let root: A.AnyNode = v;
  while (root.parent) root = root.parent;
  if (root.type !== 'Module' || namesChangedIn(root).has(name.id)) return null;
  return v;
}

/** Per module: the names bound, at module level or in a class body, to a dict, list, tuple or set display (the candidates of {@link frozenTable} and {@link frozenClassTable}). */
const tableNames = new WeakMap<SemanticModel, Set<string>>();

function tableNamesOf(sem: SemanticModel): Set<string> {
  let out = tableNames.get(sem);
  if (out) return out;
  out = new Set();
  const bodies: A.Stmt[][] = [];
  const mod = sem.module.node;
  if (mod.type === 'Module') bodies.push(mod.body);
  for (let i = 0; i < bodies.length; i++) {
    for (const st of bodies[i]) {
      if (st.type === 'ClassDef') bodies.push(st.body);
      else if (st.type === 'If' || st.type === 'Try') bodies.push(st.body, st.orelse);
      const value = st.type === 'Assign' || st.type === 'AnnAssign' ? st.value : null;
      if (!value || (value.type !== 'Dict' && value.type !== 'List' && value.type !== 'Tuple' && value.type !== 'Set')) continue;
      for (const t of st.type === 'Assign' ? st.targets : st.type === 'AnnAssign' ? [st.target] : []) if (t.type === 'Name') out.add(t.id);
    }
  }
  tableNames.set(sem, out);
  return out;
}

/** Per module: attribute names something may assign or change in place (`x.NAME = …`, `x.NAME[k] = …`, `x.NAME.update(…)`). */
const changedAttrs = new WeakMap<A.Module, Set<string>>();

function attrsChangedIn(module: A.Module): Set<string> {
  let out = changedAttrs.get(module);
  if (out) return out;
  const names = (out = new Set<string>());
  const stored = (t: A.Expr): void => {
    if (t.type === 'Attribute') names.add(t.attr);
    else if (t.type === 'Subscript' && t.value.type === 'Attribute') names.add(t.value.attr);
    else if (t.type === 'Tuple' || t.type === 'List') t.elts.forEach(stored);
    else if (t.type === 'Starred') stored(t.value);
  };
  const stack: A.AnyNode[] = [module];
  while (stack.length) {
    const n = stack.pop()!;
    const targets = n.type === 'Assign' || n.type === 'Delete' ? n.targets : n.type === 'AugAssign' || n.type === 'AnnAssign' || n.type === 'For' || n.type === 'AsyncFor' ? [n.target] : [];
    targets.forEach(stored);
    if (n.type === 'Call' && n.func.type === 'Attribute' && MUTATORS.has(n.func.attr) && n.func.value.type === 'Attribute') out.add(n.func.value.attr);
    if (n.type === 'Call' && n.func.type === 'Name' && (n.func.id === 'setattr' || n.func.id === 'delattr')) out.add('*');
    pushChildrenReversed(n, stack);
  }
  changedAttrs.set(module, out);
  return out;
}

/**
 * The literal a class attribute holds when it is a table of constants nothing changes:
 * `self.COLUMNS` or `cls.COLUMNS` in a method, `Repo.COLUMNS`, for `COLUMNS = {…}` in the
 * class body (bound once there), when no code of the module assigns an attribute of that
 * name or changes one in place, and no `setattr` is called. Null otherwise.
 */
export function frozenClassTable(e: A.Attribute, sem: SemanticModel): A.Dict | A.ListExpr | A.TupleExpr | A.SetExpr | null {
  if (e.value.type !== 'Name' || !tableNamesOf(sem).has(e.attr)) return null;
  let cls: A.AnyNode | null = null;
  if (e.value.id === 'self' || e.value.id === 'cls') {
    for (let n: A.AnyNode | null = e.parent; n; n = n.parent) {
      if (n.type === 'ClassDef') {
        cls = n;
        break;
      }
    }
  } else {
    const b = sem.lookup(e.value.id, e);
    if (b?.kind === 'class') cls = b.node;
  }
  if (!cls || cls.type !== 'ClassDef') return null;
  let found: A.Expr | null = null;
  let count = 0;
  for (const st of cls.body) {
    if (st.type === 'Assign' && st.targets.some((t) => t.type === 'Name' && t.id === e.attr)) {
      count++;
      found = st.targets.length === 1 ? st.value : null;
    } else if (st.type === 'AnnAssign' && st.target.type === 'Name' && st.target.id === e.attr) {
      count++;
      found = st.value;
    }
  }
  if (count !== 1 || !found || (found.type !== 'Dict' && found.type !== 'List' && found.type !== 'Tuple' && found.type !== 'Set')) return null;
  let root: A.AnyNode = cls;
  while (root.parent) root = root.parent;
  const changed = root.type === 'Module' ? attrsChangedIn(root) : null;
  return changed && !changed.has(e.attr) && !changed.has('*') ? found : null;
}

/** The constant values of a table of constants (see {@link frozenTable}): a dict's values, a sequence's elements. */
function tableValues(t: A.Dict | A.ListExpr | A.TupleExpr | A.SetExpr): A.Expr[] {
  return t.type === 'Dict' ? t.values : t.elts;
}

/**
 * The calls in a module of functions named by a bare name bound here (a `def`, an import)
 * or through a project module (`util.run(...)`), of methods by name on any receiver but an
 * imported module of elsewhere (`.run` for `self.runner.run(...)`), and of a class by
 * `cls(...)` in its own methods, with which arguments are constants; and the names of such
 * functions and methods used other than by a call (`callback=self.runner.run`,
 * `getattr(obj, "run")`, a base class: calls krait cannot see). `seen` adds what the
 * data-flow analysis saw: an argument built only from constants on every path counts as a
 * constant, untrusted data it saw cleared for every kind (`field` after `if field not in
 * ALLOWED: abort()`) as safe, like a number, and for the others the kinds they were safe
 * for. An argument built from the parameters of the function the call is in gets the calls
 * they come from (`via`). Annotations are not references.
 */
export function callArgsOf(
  module: A.Module,
  sem: SemanticModel,
  localModules: ReadonlySet<string>,
  seen?: { safety(call: A.Call, arg: A.Expr): 'constant' | 'safe' | false; kinds(call: A.Call, arg: A.Expr): number },
): { calls: CallArgs[]; refs: string[]; unrecorded: string[]; bare: string[] } {
  const calls: CallArgs[] = [];
  const refs = new Set<string>();
  const attrRefs = new Set<string>();
  // The names of the calls beyond the caps: no hinge of those names can be settled.
  const unrecorded = new Set<string>();
  const bare = new Set<string>();
  let methods = 0;
  const rootOf = (e: A.Expr): A.Expr => {
    let root: A.Expr = e;
    let links = 0;
    while (root.type === 'Attribute' && links < 30) {
      root = root.value;
      links++;
    }
    return root;
  };
  const projectName = (e: A.Expr): string | null => {
    if (e.type === 'Name') {
      if (!sem.mayBeDefOrImport(e.id)) return null;
      const b = sem.lookup(e.id, e);
      return b && (b.kind === 'def' || b.kind === 'import') ? e.id : null;
    }
    if (e.type === 'Attribute') {
      // The first segment of the qualified name is the first segment of its root name's
      // (cached per node), so the chain's own name need not be built for every attribute.
      const root = rootOf(e);
      // (A local name spelled like a project module, `def export(store): store.listing(…)`, is not the module.)
      if (root.type === 'Name' && (!sem.mayBeDefOrImport(root.id) || sem.lookup(root.id, root)?.kind !== 'import')) return null;
      const q = root.type === 'Name' ? sem.qualifiedName(root) : root.type === 'Attribute' ? null : sem.qualifiedName(e);
      if (!q) return null;
      const dot = q.indexOf('.');
      return localModules.has(dot < 0 ? q : q.slice(0, dot)) ? e.attr : null;
    }
    return null;
  };
  /** `.attr` for a method called or read on anything but a module of elsewhere (`subprocess.run` is no project method). */
  const methodName = (e: A.Attribute): string | null => {
    const root = rootOf(e);
    if (root.type === 'Name' && sem.mayBeDefOrImport(root.id) && sem.lookup(root.id, root)?.kind === 'import') {
      const q = sem.qualifiedName(root) ?? '';
      const dot = q.indexOf('.');
      if (!localModules.has(dot < 0 ? q : q.slice(0, dot)) && !q.startsWith('.')) return null;
    }
    return `.${e.attr}`;
  };
  /** `cls(...)` in a class method: a call of the class. */
  const classCall = (e: A.Expr): string | null => {
    if (e.type !== 'Name' || e.id !== 'cls' || sem.lookup(e.id, e)?.kind !== 'param') return null;
    const cls = enclosingFunction(e)?.parent;
    return cls?.type === 'ClassDef' && cls.parent?.type === 'Module' ? cls.name : null;
  };
  const stack: A.AnyNode[] = [module];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Import' || n.type === 'ImportFrom' || n.type === 'arg') continue;
    // (Annotations name types: no call, no reference.)
    const up = n.parent;
    if (up && ((up.type === 'AnnAssign' && up.annotation === n) || ((up.type === 'FunctionDef' || up.type === 'AsyncFunctionDef') && up.returns === n))) continue;
    if (n.type === 'Call') {
      const fnName = projectName(n.func) ?? classCall(n.func);
      const name = fnName ?? (n.func.type === 'Attribute' ? methodName(n.func) : null);
      const method = !fnName && !!name;
      const full = method ? methods >= MAX_METHOD_CALLS || BUILTIN_METHODS.has(name) : calls.length - methods >= MAX_CALL_ARGS;
      // (A method called with no argument passes only its defaults: recorded by name.)
      if (method && !n.args.length && !n.keywords.length) bare.add(name);
      else if (name && full) unrecorded.add(name);
      else if (name) {
        if (method) methods++;
        calls.push(callArgs(n, name, sem, localModules, seen));
      }
      // `Runner.run(job, cmd)` through a project module: a call of the method krait does not match (its arguments shift).
      if (fnName && n.func.type === 'Attribute') refs.add(`.${n.func.attr}`);
      // `getattr(obj, "run")`: the method is used other than by a call.
      if (n.func.type === 'Name' && (n.func.id === 'getattr' || n.func.id === 'hasattr') && n.args[1]?.type === 'Constant' && typeof n.args[1].value === 'string') refs.add(`.${n.args[1].value}`);
      if (name || n.func.type === 'Attribute') {
        // The callee itself is not a reference (`subprocess.run(…)` is no use of a method `run`); its arguments are visited.
        if (n.func.type === 'Attribute') stack.push(n.func.value);
        for (const a of [...n.args, ...n.keywords]) stack.push(a);
        continue;
      }
    } else if (n.type === 'Name' || n.type === 'Attribute') {
      const name = projectName(n);
      if (name) refs.add(name);
      // (Any attribute read of a method's name may be the method: `callback=self.runner.run`.)
      if (n.type === 'Attribute') attrRefs.add(n.attr);
    }
    pushChildrenReversed(n, stack);
  }
  for (const a of attrRefs) if (recordsMethod(a)) refs.add(`.${a}`);
  return { calls, refs: [...refs], unrecorded: [...unrecorded], bare: [...bare] };
}

/** At most this many method calls are recorded per file (beyond, their names are listed as not recorded). */
export const MAX_METHOD_CALLS = 4000;

/**
 * Methods of Python's built-in types (str, bytes, list, dict, set, file objects): their
 * calls are everywhere and seldom a project method's, so they are not recorded — a method
 * of the project of one of these names is listed as not recorded and never settled.
 */
const BUILTIN_METHODS: ReadonlySet<string> = new Set(
  [...PURE_METHODS, 'append', 'extend', 'insert', 'pop', 'remove', 'index', 'count', 'sort', 'reverse', 'copy', 'clear', 'get', 'items', 'keys', 'values', 'update', 'setdefault', 'popitem', 'add', 'discard', 'union', 'intersection', 'difference', 'issubset', 'issuperset', 'startswith', 'endswith', 'find', 'rfind', 'rindex', 'isdigit', 'isalnum', 'isalpha', 'isspace', 'isupper', 'islower', 'read', 'readline', 'readlines', 'write', 'writelines', 'seek', 'tell', 'flush', 'close', 'fileno'].map((m) => `.${m}`),
);

/** Whether calls of a method of this name are recorded (not a method of a built-in type: see {@link BUILTIN_METHODS}). */
export function recordsMethod(attr: string): boolean {
  return !BUILTIN_METHODS.has(`.${attr}`);
}

/** One call's record (see {@link CallArgs}). */
function callArgs(
  n: A.Call,
  name: string,
  sem: SemanticModel,
  localModules: ReadonlySet<string>,
  seen: { safety(call: A.Call, arg: A.Expr): 'constant' | 'safe' | false; kinds(call: A.Call, arg: A.Expr): number } | undefined,
): CallArgs {
  const kw: Record<string, boolean> = {};
  let numbers = false;
  const safeArg = (a: A.Expr): boolean => {
    if (constantExpr(a, sem, 0)) return true;
    const safety = seen?.safety(n, a);
    if (safety === 'constant') return true;
    if (!safety && !numberExpr(a, sem, 0)) return false;
    numbers = true;
    return true;
  };
  let star = n.args.some((a) => a.type === 'Starred');
  const kwKinds: Record<string, number> = {};
  const kwVia: Record<string, HingePart[]> = {};
  const around = enclosingFunction(n);
  const viaOf = (a: A.Expr): HingePart[] | null => (around ? hingeParts(a, around, sem) : null);
  for (const k of n.keywords) {
    if (!k.arg) star = true;
    else if (!(kw[k.arg] = safeArg(k.value))) {
      if (seen) kwKinds[k.arg] = seen.kinds(n, k.value);
      const via = viaOf(k.value);
      if (via) kwVia[k.arg] = via;
    }
  }
  const args = n.args.map((a) => a.type !== 'Starred' && safeArg(a));
  // For the arguments that are neither: the sink kinds the analysis saw them safe for.
  const kinds = seen && args.some((x) => !x) ? n.args.map((a, i) => (args[i] || a.type === 'Starred' ? 0 : seen.kinds(n, a))) : [];
  const anyKinds = kinds.some((b) => b) || Object.values(kwKinds).some((b) => b);
  // And what of other modules they are constants with, or which parameters of the caller they come from.
  const litIf: Record<number, string[]> = {};
  const via: Record<number, HingePart[]> = {};
  n.args.forEach((a, i) => {
    if (args[i] || a.type === 'Starred') return;
    const deps = constantIf(a, sem, localModules);
    if (deps?.length) litIf[i] = deps;
    else {
      const parts = viaOf(a);
      if (parts) via[i] = parts;
    }
  });
  const off = n.args.flatMap((a, i) => (constantFalse(a, sem) ? [i] : []));
  const kwOff = n.keywords.flatMap((k) => (k.arg && constantFalse(k.value, sem) ? [k.arg] : []));
  return {
    name,
    args,
    kw,
    ...(off.length ? { off } : {}),
    ...(kwOff.length ? { kwOff } : {}),
    ...(star ? { star: true as const } : {}),
    ...(numbers ? { num: true as const } : {}),
    ...(anyKinds ? { kinds, kwKinds } : {}),
    ...(Object.keys(litIf).length ? { litIf } : {}),
    ...(Object.keys(via).length ? { via } : {}),
    ...(Object.keys(kwVia).length ? { kwVia } : {}),
    line: n.lineno,
  };
}
