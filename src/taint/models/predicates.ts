/**
 * Conditions and argument choices shared by the model tables: what a table row cannot say
 * as data (a literal option, the shape of a receiver, an argv list that starts a shell).
 */
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { hasShellTrue, keywordArg } from '../../python/calls.js';
import { paramDefault } from '../../python/helpers.js';
import { pushChildrenReversed } from '../../python/visit.js';
import { CONSTANT_NAME, join, type Taint } from '../model.js';
import type { CallTaints, ContainerSpec } from './types.js';

export { hasShellTrue };

const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|pwsh)$/;

/** Argument `i` (or keyword `kw` when not given positionally). */
export function arg(t: CallTaints, i: number, kw?: string): Taint | null {
  if (i < t.call.args.length) return t.args[i] ?? null;
  return kw ? (t.keywords.get(kw) ?? null) : null;
}

/** subprocess without a shell runs what the first list element names: only a controlled head matters (or a `sh -c` list). */
export function pickSubprocess(t: CallTaints): Taint | null {
  const a0 = arg(t, 0, 'args');
  const exe = t.keywords.get('executable') ?? null;
  if (hasShellTrue(t.call)) return join(a0, exe);
  if (shellList(t.call)) return a0;
  return join(a0 && a0.head ? a0 : null, exe);
}

/** Whether `e` is a constant Python takes as false (`False`, `None`, `0`, `""`). */
export function constantFalse(e: A.Expr, sem: SemanticModel): boolean {
  if (e.type === 'Starred') return false;
  const v = sem.constValue(e);
  return v !== undefined && !v;
}

/**
 * `subprocess.run(cmd, shell=shell)` inside `def run(cmd, shell=False)`: the function, the
 * parameter `shell=` names (nothing rebinds it), and whether its default is a constant Python
 * takes as false (a parameter without a default is not: the caller must say). Null otherwise.
 */
export function shellParameter(call: A.Call, sem: SemanticModel): { fn: A.FunctionDef; param: A.Arg; defaultOff: boolean } | null {
  const k = keywordArg(call, 'shell');
  if (k?.value.type !== 'Name') return null;
  const b = sem.lookup(k.value.id, k.value);
  if (b?.kind !== 'param' || b.count !== 1 || b.node.type !== 'arg') return null;
  const fn = b.node.parent?.parent;
  if (fn?.type !== 'FunctionDef' && fn?.type !== 'AsyncFunctionDef') return null;
  const dflt = paramDefault(fn, b.node);
  return { fn, param: b.node, defaultOff: !!dflt && constantFalse(dflt, sem) };
}

/** `["sh", "-c", cmd]`: an argv list that starts a shell. */
export function shellList(call: A.Call): boolean {
  const first = call.args[0] ?? keywordArg(call, 'args')?.value;
  if (!first || (first.type !== 'List' && first.type !== 'Tuple')) return false;
  const head = first.elts[0];
  return !!head && head.type === 'Constant' && typeof head.value === 'string' && SHELLS.test(head.value);
}

/** The taint of every argument and keyword. */
export function allArguments(t: CallTaints): Taint | null {
  let out: Taint | null = null;
  for (const a of t.args) out = join(out, a);
  for (const k of t.keywords.values()) out = join(out, k);
  return out;
}

/** Only a controlled head of argument `i` (the program of an argv list). */
export function headOnly(i: number) {
  return (t: CallTaints): Taint | null => {
    const a = arg(t, i);
    return a && a.head ? a : null;
  };
}

/**
 * The receiver of a path method, when its head is controlled (`Path(user).read_text()`) or a
 * controlled part was joined onto a base (`(BASE / user).read_text()`: `..` climbs out of the
 * base and an absolute part replaces it — reported as KR115).
 */
export function receiverPath(t: CallTaints): Taint | null {
  return t.receiver && (t.receiver.head || t.receiver.joined) ? t.receiver : null;
}


/** A condition: the module imports one of `mods`. */
export function imports(...mods: string[]) {
  return (_c: A.Call, sem: SemanticModel): boolean => sem.importsModule(...mods);
}

/** The folded value of keyword `name`, or undefined. */
export function constKw(call: A.Call, sem: SemanticModel, name: string): unknown {
  const k = keywordArg(call, name);
  if (k) return sem.constValue(k.value);
  // `**OPTIONS` with OPTIONS bound once to `dict(name=…)` or `{"name": …}`.
  for (const kw of call.keywords) {
    if (kw.arg || kw.value.type !== 'Name') continue;
    const b = sem.lookup(kw.value.id, kw.value);
    const v = b && b.kind === 'assign' && b.count === 1 ? b.value : null;
    if (v?.type === 'Call' && sem.callName(v) === 'dict' && !v.args.length) {
      const given = v.keywords.find((x) => x.arg === name);
      if (given) return sem.constValue(given.value);
    } else if (v?.type === 'Dict') {
      const i = v.keys.findIndex((key) => !!key && sem.constValue(key) === name);
      if (i >= 0) return sem.constValue(v.values[i]);
    }
  }
  return undefined;
}

/**
 * Flask/Django/Starlette/aiohttp responses that are HTML unless told otherwise: by a
 * `mimetype`/`content_type`/`media_type` keyword, or by a statement after the one that
 * makes the response, in the same block, that sets its content type to a constant
 * (`resp.headers["Content-Type"] = "text/plain"`, `resp.mimetype = "application/json"`,
 * Django's `resp["Content-Type"] = …`).
 */
export function htmlResponse(call: A.Call, sem: SemanticModel): boolean {
  for (const n of ['mimetype', 'content_type', 'media_type']) {
    const k = keywordArg(call, n);
    if (!k) continue;
    const v = sem.constValue(k.value);
    return typeof v !== 'string' || v.includes('html');
  }
  const later = contentTypeSetLater(call, sem);
  return later === undefined || later === null || later.toLowerCase().includes('html');
}

const CONTENT_TYPE_FIELDS = new Set(['mimetype', 'content_type', 'media_type']);

/**
 * The content type the statements after `name = call(...)` (in the same block, until the
 * name is bound again) give the response: the last constant set; null when one sets a value
 * that is not a constant; undefined when none sets it.
 */
function contentTypeSetLater(call: A.Call, sem: SemanticModel): string | null | undefined {
  const stmt = call.parent;
  if (!stmt || stmt.type !== 'Assign' || stmt.value !== call || stmt.targets.length !== 1 || stmt.targets[0].type !== 'Name') return undefined;
  const name = stmt.targets[0].id;
  const block = blockOf(stmt);
  if (!block) return undefined;
  const isName = (e: A.Expr): boolean => e.type === 'Name' && e.id === name;
  const isContentTypeKey = (e: A.Expr): boolean => {
    const v = sem.constValue(e);
    return typeof v === 'string' && v.toLowerCase() === 'content-type';
  };
  let out: string | null | undefined;
  const set = (v: A.Expr) => {
    const c = sem.constValue(v);
    out = typeof c === 'string' ? c : null;
  };
  for (let i = block.indexOf(stmt) + 1; i < block.length; i++) {
    const s = block[i];
    if (s.type === 'Assign') {
      for (const t of s.targets) {
        if (isName(t)) return out; // bound again: later statements are about another object
        if (t.type === 'Attribute' && isName(t.value) && CONTENT_TYPE_FIELDS.has(t.attr)) set(s.value);
        if (t.type === 'Subscript' && isContentTypeKey(t.slice) && (isName(t.value) || (t.value.type === 'Attribute' && t.value.attr === 'headers' && isName(t.value.value)))) set(s.value);
      }
    } else if (s.type === 'Expr' && s.value.type === 'Call') {
      // resp.headers.set("Content-Type", v) / resp.headers["Content-Type"] via __setitem__
      const f = s.value.func;
      const args = s.value.args;
      if (f.type === 'Attribute' && (f.attr === 'set' || f.attr === '__setitem__') && f.value.type === 'Attribute' && f.value.attr === 'headers' && isName(f.value.value) && args.length === 2 && isContentTypeKey(args[0])) set(args[1]);
    }
  }
  return out;
}

/** The list of statements a statement belongs to (a body, an `else`, a `finally`…), or null. */
function blockOf(stmt: A.AnyNode): readonly A.AnyNode[] | null {
  const p = stmt.parent as unknown as Record<string, unknown> | null;
  if (!p) return null;
  for (const f of ['body', 'orelse', 'finalbody']) {
    const list = p[f];
    if (Array.isArray(list) && list.includes(stmt)) return list as A.AnyNode[];
  }
  return null;
}

/**
 * A condition on a container: it is a response (made by one of `constructors`, bound to the
 * name) whose content type stays HTML (see {@link htmlResponse}).
 */
export function htmlResponseObject(constructors: readonly string[]) {
  const set = new Set(constructors);
  return (e: A.Expr, sem: SemanticModel): boolean => {
    const made = boundCall(e, sem);
    return !!made && set.has(sem.callName(made) ?? '') && htmlResponse(made, sem);
  };
}

/** One assignment to a field of `self` in a method of a class (see {@link selfFieldAssignments}). */
export interface FieldAssignment {
  /** The value given (`self.x = v`, `self.x: T = v`); null for unpacking, augmented assignment, a loop target, `with … as self.x`, `del`. */
  value: A.Expr | null;
  /** The method the assignment is in. */
  method: A.FunctionDef;
  /** It is one of that method's own statements, with one target. */
  direct: boolean;
}

const fieldAssignments = new WeakMap<A.ClassDef, Map<string, FieldAssignment[]>>();

/**
 * Every assignment to a field of the instance in the methods of `cls` (to an attribute of
 * each method's first parameter, nested classes aside), by field name. Computed once per class.
 */
export function selfFieldAssignments(cls: A.ClassDef): ReadonlyMap<string, readonly FieldAssignment[]> {
  let out = fieldAssignments.get(cls);
  if (out) return out;
  const found = new Map<string, FieldAssignment[]>();
  out = found;
  for (const m of cls.body) {
    if (m.type !== 'FunctionDef' && m.type !== 'AsyncFunctionDef') continue;
    const self = (m.args.posonlyargs[0] ?? m.args.args[0])?.arg;
    if (!self) continue;
    const stack: A.AnyNode[] = [...m.body];
    // (One closure per method, not per node: this walks every statement of every method.)
    let n: A.AnyNode = m;
    let given: A.Expr | null = null;
    const add = (t: A.Expr, unpacked: boolean): void => {
      if (t.type === 'Tuple' || t.type === 'List') for (const x of t.elts) add(x, true);
      else if (t.type === 'Starred') add(t.value, true);
      else if (t.type === 'Attribute' && t.value.type === 'Name' && t.value.id === self) {
        const direct = !unpacked && m.body.includes(n as A.Stmt) && (n.type === 'AnnAssign' || (n.type === 'Assign' && n.targets.length === 1));
        const list = found.get(t.attr);
        const a = { value: unpacked ? null : given, method: m, direct };
        if (list) list.push(a);
        else found.set(t.attr, [a]);
      }
    };
    while (stack.length) {
      n = stack.pop()!;
      if (n.type === 'ClassDef') continue;
      given = n.type === 'Assign' || n.type === 'AnnAssign' ? n.value : null;
      if (n.type === 'Assign' || n.type === 'Delete') for (const t of n.targets) add(t, false);
      else if (n.type === 'AugAssign' || n.type === 'AnnAssign' || n.type === 'For' || n.type === 'AsyncFor') add(n.target, false);
      else if (n.type === 'withitem' && n.optional_vars) add(n.optional_vars, false);
      pushChildrenReversed(n, stack);
    }
  }
  fieldAssignments.set(cls, out);
  return out;
}

/** Per class: the call each field of `self` is set to (see {@link selfFieldCall}), null when that is not one call. */
const fieldCalls = new WeakMap<A.ClassDef, Map<string, A.Call | null>>();

/**
 * The call a field of `self` holds: the class's methods set it only to calls of one callee
 * (`self.session = requests.Session()` in `__init__`, or lazily after `self._s = None`),
 * or the class body binds it so (`session = requests.Session()`, a class attribute);
 * `None` assignments aside. Null when the field is set to anything else.
 */
function selfFieldCall(e: A.Attribute, sem: SemanticModel): A.Call | null {
  const cls = enclosingClass(e);
  if (!cls) return null;
  let fields = fieldCalls.get(cls);
  if (!fields) {
    fields = new Map();
    // A class attribute bound to a call (`client = StatusClient()` in the class body) is what
    // `self.client` reads until a method sets the field: it counts as one more assignment.
    for (const st of cls.body) {
      if (st.type !== 'Assign' || st.targets.length !== 1 || st.targets[0].type !== 'Name') continue;
      const value = defaultedCall(st.value);
      const name = st.targets[0].id;
      fields.set(name, value.type === 'Call' && !fields.has(name) ? value : null);
    }
    for (const [attr, list] of selfFieldAssignments(cls)) {
      for (const { value: given } of list) {
        if (given?.type === 'Constant' && given.value === null) continue;
        // (A field set by unpacking, `self.a, self.b = …`, or changed in place holds something not known.)
        const value = given && (paramDefaultCall(given, sem) ?? defaultedCall(given));
        const prev = fields.get(attr);
        const same = value?.type === 'Call' && (prev === undefined || (prev !== null && sem.callName(prev) === sem.callName(value)));
        fields.set(attr, same ? (prev ?? value) : null);
      }
    }
    fieldCalls.set(cls, fields);
  }
  return fields.get(e.attr) ?? null;
}

/**
 * The call a parameter's default makes or names, for a field set from the parameter
 * (`def __init__(self, env=_env): self.env = env` with `_env = SandboxedEnvironment()`
 * at module level, or `client=Client()`): the injectable default, as with `session or
 * Client()`. Null when the value is no parameter with such a default.
 */
function paramDefaultCall(v: A.Expr, sem: SemanticModel): A.Call | null {
  if (v.type !== 'Name') return null;
  const b = sem.lookup(v.id, v);
  if (!b || b.kind !== 'param' || b.count !== 1) return null;
  const fn = b.node.parent?.parent;
  if (!fn || (fn.type !== 'FunctionDef' && fn.type !== 'AsyncFunctionDef') || b.node.type !== 'arg') return null;
  const dflt = paramDefault(fn, b.node);
  if (!dflt) return null;
  if (dflt.type === 'Call') return dflt;
  // A module-level name bound once to a call.
  return dflt.type === 'Name' && sem.lookup(dflt.id, dflt)?.kind === 'assign' ? boundCall(dflt, sem) : null;
}

/**
 * The call a value falls back to when a parameter is not given: `session or
 * requests.Session()`, `requests.Session() if session is None else session` (the idiom of
 * an injectable client); the value itself otherwise.
 */
function defaultedCall(v: A.Expr): A.Expr {
  if (v.type === 'BoolOp' && v.op === 'Or' && v.values.length === 2 && v.values[0].type === 'Name' && v.values[1].type === 'Call') return v.values[1];
  if (v.type === 'IfExp') {
    if (v.body.type === 'Call' && v.orelse.type === 'Name') return v.body;
    if (v.orelse.type === 'Call' && v.body.type === 'Name') return v.orelse;
  }
  return v;
}

/**
 * The call an expression stands for: the expression itself, a name bound once to a call
 * (`s = requests.Session()`), the target of `with X() as s` / `async with`, or a field of
 * `self` that the class's methods set to calls of one callee (`self.session =
 * requests.Session()` in `__init__`, then `self.session.get(url)`).
 */
export function boundCall(e: A.Expr, sem: SemanticModel): A.Call | null {
  if (e.type === 'Call') return e;
  if (e.type === 'Attribute' && e.value.type === 'Name' && e.value.id === 'self') return selfFieldCall(e, sem);
  if (e.type !== 'Name') return null;
  const b = sem.lookup(e.id, e);
  if (!b) return null;
  if (b.kind === 'assign' && b.count === 1 && b.value?.type === 'Call') return b.value;
  if (b.kind === 'assign' && b.count === 1 && b.value?.type === 'Await' && b.value.value.type === 'Call') return b.value.value;
  if (b.kind === 'with' && b.count === 1) {
    for (let n = b.node.parent; n; n = n.parent) {
      if (n.type === 'withitem') return n.context_expr.type === 'Call' && n.optional_vars === b.node ? n.context_expr : null;
      if (n.type === 'With' || n.type === 'AsyncWith') {
        const it = n.items.find((i) => i.optional_vars === b.node);
        return it && it.context_expr.type === 'Call' ? it.context_expr : null;
      }
    }
  }
  return null;
}

/**
 * A condition: the method's receiver is an object made by one of `constructors` (qualified
 * names), directly or through a name (`requests.Session().get(u)`, `with httpx.Client() as c: c.get(u)`).
 */
export function receiverMadeBy(constructors: readonly string[]) {
  const set = new Set(constructors);
  return (call: A.Call, sem: SemanticModel): boolean => {
    if (call.func.type !== 'Attribute') return false;
    const made = boundCall(call.func.value, sem);
    // (Or declared one: `session: aiohttp.ClientSession = request.app["http"]`, a parameter's annotation.)
    return made ? set.has(sem.callName(made) ?? '') : set.has(annotatedClass(call.func.value, sem) ?? '');
  };
}

/**
 * The class a name is declared as (its qualified name): the annotation of its only binding,
 * an annotated assignment or a parameter (`session: aiohttp.ClientSession = app["http"]`,
 * `def fetch(client: httpx.Client)`), also through a field of `self` set once from such a
 * name; null otherwise.
 */
export function annotatedClass(e: A.Expr, sem: SemanticModel, d = 0): string | null {
  // (A field of `self` set once from such a name: `self.session = session`.)
  if (e.type === 'Attribute' && e.value.type === 'Name' && e.value.id === 'self' && d < 2) {
    const cls = enclosingClass(e);
    const set = cls ? selfFieldAssignments(cls).get(e.attr) : undefined;
    const v = set?.length === 1 ? set[0].value : null;
    return v ? annotatedClass(v, sem, d + 1) : null;
  }
  if (e.type !== 'Name' || sem.lookup(e.id, e)?.count !== 1) return null;
  const ann = declaredAnnotation(e, sem);
  return ann && (ann.type === 'Name' || ann.type === 'Attribute') ? sem.qualifiedName(ann) : null;
}

/**
 * The annotation a name is declared with: its parameter's (however often the body binds the
 * name again), or that of its only binding when it is an annotated assignment
 * (`service: ThumbnailService = request.app["thumbs"]`); null otherwise.
 */
export function declaredAnnotation(e: A.Name, sem: SemanticModel): A.Expr | null {
  const b = sem.lookup(e.id, e);
  if (!b) return null;
  if (b.kind === 'param') return b.node.type === 'arg' ? (b.node.annotation ?? null) : null;
  const p = b.node.parent;
  return b.kind === 'assign' && b.count === 1 && p?.type === 'AnnAssign' && p.target === b.node ? p.annotation : null;
}

/** The values a class body assigns to `name` (`table = "invoice"`, `count: int = 0`): what `self.<name>` reads before any assignment to the instance. */
export function classAttributeValues(cls: A.ClassDef, name: string): A.Expr[] {
  return cls.body.flatMap((st) => (st.type === 'Assign' && st.targets.some((t) => t.type === 'Name' && t.id === name) ? [st.value] : st.type === 'AnnAssign' && st.target.type === 'Name' && st.target.id === name && st.value ? [st.value] : []));
}

/** The enclosing class of a node, if any (stops at the module). */
export function enclosingClass(node: A.AnyNode): A.ClassDef | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'ClassDef') return n;
  return null;
}

/** Does the class derive (directly) from one of `bases` (qualified names, or their last segments)? */
export function derivesFrom(cls: A.ClassDef, sem: SemanticModel, bases: readonly string[]): boolean {
  return cls.bases.some((b) => {
    const q = sem.qualifiedName(b) ?? '';
    return bases.some((base) => q === base || q.endsWith(`.${base.split('.').pop()}`) || q === base.split('.').pop());
  });
}

/** A condition: the method is called on `self` in a class deriving from `bases`. */
export function selfIn(bases: readonly string[]) {
  return (call: A.Call, sem: SemanticModel): boolean => {
    const f = call.func;
    if (f.type !== 'Attribute' || f.value.type !== 'Name' || f.value.id !== 'self') return false;
    const cls = enclosingClass(call);
    return !!cls && derivesFrom(cls, sem, bases);
  };
}

/**
 * A request object, by the conventions every framework shares: a `request`/`req` name,
 * a `.request` attribute (`self.request`), a request proxy imported by name
 * (`flask.request`, `bottle.request`).
 */
export function isRequestLike(e: A.Expr, sem: SemanticModel): boolean {
  if (e.type === 'Name') {
    const q = sem.qualifiedName(e);
    return e.id === 'request' || e.id === 'req' || (q !== null && /(?:^|\.)request$/.test(q));
  }
  return e.type === 'Attribute' && e.attr === 'request';
}

/** The value a name is bound to once (`x = ...`, `x = await ...`), or the expression itself. */
function boundValue(e: A.Expr, sem: SemanticModel): A.Expr {
  if (e.type !== 'Name') return e;
  const b = sem.lookup(e.id, e);
  if (!b || b.kind !== 'assign' || b.count !== 1 || !b.value) return e;
  return b.value.type === 'Await' ? b.value.value : b.value;
}

/** Does `e` match a container spec (see {@link ContainerSpec})? */
export function containerMatches(spec: ContainerSpec, e: A.Expr, sem: SemanticModel): boolean {
  if (!matches(spec, e, sem)) return false;
  return !spec.when || spec.when(e, sem);
}

function matches(spec: ContainerSpec, e: A.Expr, sem: SemanticModel): boolean {
  if (spec.names) {
    const q = sem.qualifiedName(e);
    if (q && spec.names.includes(q)) return true;
  }
  if (e.type === 'Attribute') {
    if (spec.requestAttributes?.includes(e.attr) && isRequestLike(e.value, sem)) return true;
    if (spec.attributes?.includes(e.attr) && !isRequestLike(e.value, sem)) return true;
  }
  if (spec.madeBy) {
    const made = boundCall(e, sem);
    if (made && spec.madeBy.includes(sem.callName(made) ?? '')) return true;
  }
  if (spec.items) {
    const v = boundValue(e, sem);
    let key: unknown;
    if (v.type === 'Subscript') key = sem.constValue(v.slice);
    else if (v.type === 'Call' && v.func.type === 'Attribute' && v.func.attr === 'get' && v.args[0]) key = sem.constValue(v.args[0]);
    if (typeof key === 'string' && spec.items.includes(key)) return true;
  }
  return false;
}

/** A condition: the method is called on a container matching `spec` (`response.headers.add(...)`, `request.session.update(...)`). */
export function methodOn(spec: ContainerSpec) {
  return (call: A.Call, sem: SemanticModel): boolean => call.func.type === 'Attribute' && containerMatches(spec, call.func.value, sem);
}

/** The name an object is reached by, last segment (`self._session` → `_session`), for naming conventions. */
export function lastName(e: A.Expr): string | null {
  return e.type === 'Name' ? e.id : e.type === 'Attribute' ? e.attr : null;
}

/**
 * A constant of another module by the convention the data flow follows (PEP 8): a name in
 * capitals imported by name (`from settings import ALLOWED`) or read from an imported module
 * (`settings.ALLOWED`, `config.MODEL_FILE`).
 */
export function importedConstant(e: A.Expr, sem: SemanticModel): boolean {
  if (e.type === 'Name') {
    const b = sem.lookup(e.id, e);
    return b?.kind === 'import' && b.count === 1 && CONSTANT_NAME.test(e.id);
  }
  return e.type === 'Attribute' && e.value.type === 'Name' && CONSTANT_NAME.test(e.attr) && sem.lookup(e.value.id, e)?.kind === 'import';
}
