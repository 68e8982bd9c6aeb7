/**
 * The semantic model, after ruff's `SemanticModel`: scopes, bindings, imports and aliases,
 * so that a rule asks "what does this name refer to?" once, whatever alias the code used:
 *
 *   import subprocess as sp; sp.Popen(...)           → 'subprocess.Popen'
 *   from os import system as run; run(x)              → 'os.system'
 *   __import__('os').system(x)                        → 'os.system'
 *   importlib.import_module('pickle').loads(b)        → 'pickle.loads'
 *   from .models import User  (in package a.b)        → 'a.models.User' when the module's package is known, else '.models.User'
 *
 * Literal strings and simple constants are folded (`constValue`), so rules can tell a
 * literal from a computed value.
 */
import type * as A from './ast.js';
import { children, pushChildrenReversed } from './visit.js';

export type ScopeNode = A.Module | A.FunctionDef | A.ClassDef | A.Lambda;

export interface Binding {
  kind: 'import' | 'assign' | 'def' | 'class' | 'param' | 'loop' | 'with' | 'except' | 'global';
  /** For imports: the qualified name the local name stands for. */
  qualified?: string;
  /** For single assignments: the assigned expression (used for folding and aliasing). */
  value?: A.Expr;
  node: A.AnyNode;
  /** How many times the name is bound in this scope (folding only trusts 1). */
  count: number;
  /** Every binding of the name in this scope, in the order bound, when there is more than one (see {@link SemanticModel.reachingValue}). */
  sites?: BindingSite[];
}

/** One binding of a name: what binds it, the node (the target `Name`, the parameter, the statement), the value of a plain assignment. */
export interface BindingSite {
  kind: Binding['kind'];
  node: A.AnyNode;
  value?: A.Expr;
}

export class Scope {
  readonly bindings = new Map<string, Binding>();
  /** Names declared `global` in this scope. */
  readonly globals = new Set<string>();
  constructor(
    readonly node: ScopeNode,
    readonly parent: Scope | null,
  ) {}
}

/** Builtin names that rules refer to by their bare name (as bandit does: 'eval', 'open'). */
const FOLD_DEPTH = 32;

const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
/** Names whose test makes a branch platform-, version- or typing-specific. */
const CONDITIONAL_NAMES = new Set(['TYPE_CHECKING', 'platform', 'version_info', 'PY2', 'PY3', 'PYPY', 'WINDOWS', 'IS_WINDOWS', 'MACOS', 'LINUX']);

/** Does an `except` clause type catch ImportError (a bare `except`, Exception, a tuple holding one)? */
function catchesImportError(e: A.Expr | null): boolean {
  return !e || (e.type === 'Name' && IMPORT_ERRORS.has(e.id)) || (e.type === 'Attribute' && IMPORT_ERRORS.has(e.attr)) || (e.type === 'Tuple' && e.elts.some(catchesImportError));
}

/** Does an `if` test look at the platform, the Python version or TYPE_CHECKING (`sys.platform`, `os.name`, `sys.version_info`, `PY3`…)? */
function conditionalTest(test: A.Expr): boolean {
  const stack: A.AnyNode[] = [test];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Name' && CONDITIONAL_NAMES.has(n.id)) return true;
    if (n.type === 'Attribute' && (CONDITIONAL_NAMES.has(n.attr) || (n.attr === 'name' && n.value.type === 'Name' && n.value.id === 'os'))) return true;
    pushChildrenReversed(n, stack);
  }
  return false;
}

export class SemanticModel {
  readonly module: Scope;
  private readonly scopes = new Map<ScopeNode, Scope>();
  /** Every import in the file: absolute module name (relative ones resolved when possible). */
  readonly imports: { module: string; name?: string; line: number; node: A.Import | A.ImportFrom }[] = [];
  private readonly qnameCache = new Map<A.Expr, string | null>();
  /** Every imported module and each of its dotted prefixes (`a.b.c` → `a`, `a.b`, `a.b.c`), made on first use. */
  private importPrefixes: Set<string> | undefined;

  /**
   * @param mod the parsed module (parents linked)
   * @param packageName dotted package of the file ('a.b' for a/b/c.py), for relative imports; '' if unknown
   */
  constructor(
    mod: A.Module,
    readonly packageName = '',
  ) {
    this.module = new Scope(mod, null);
    this.scopes.set(mod, this.module);
    this.build(mod);
  }

  /**
   * True when the file imports one of `modules` or a submodule of it (`import a.b.c` and
   * `from a.b import c` both import `a` and `a.b`). The one answer to "does this module
   * import X": a set look-up, cheap enough to call per node.
   */
  importsModule(...modules: string[]): boolean {
    let set = this.importPrefixes;
    if (!set) {
      set = this.importPrefixes = new Set();
      for (const i of this.imports) {
        let at = i.module.indexOf('.');
        while (at !== -1) {
          set.add(i.module.slice(0, at));
          at = i.module.indexOf('.', at + 1);
        }
        set.add(i.module);
      }
    }
    for (const m of modules) if (set.has(m)) return true;
    return false;
  }

  private build(mod: A.Module): void {
    // Iterative pre-order walk carrying the current scope: two parallel stacks, so nothing is
    // allocated per node.
    const nodes: A.AnyNode[] = [mod];
    const scopes: Scope[] = [this.module];
    while (nodes.length) {
      const node = nodes.pop()!;
      const scope = scopes.pop()!;
      let inner = scope;
      switch (node.type) {
        case 'FunctionDef':
        case 'AsyncFunctionDef':
          this.bind(scope, node.name, { kind: 'def', node });
          inner = this.newScope(node, scope);
          this.bindArgs(inner, node.args);
          break;
        case 'Lambda':
          inner = this.newScope(node, scope);
          this.bindArgs(inner, node.args);
          break;
        case 'ClassDef':
          this.bind(scope, node.name, { kind: 'class', node });
          inner = this.newScope(node, scope);
          break;
        case 'Import':
          for (const a of node.names) {
            this.imports.push({ module: a.name, line: node.lineno, node });
            if (a.asname) this.bind(scope, a.asname, { kind: 'import', qualified: a.name, node });
            else {
              const top = a.name.split('.')[0];
              this.bind(scope, top, { kind: 'import', qualified: top, node });
            }
          }
          break;
        case 'ImportFrom': {
          const base = this.resolveRelative(node.module, node.level);
          for (const a of node.names) {
            this.imports.push({ module: base, name: a.name, line: node.lineno, node });
            if (a.name === '*') continue;
            this.bind(scope, a.asname ?? a.name, { kind: 'import', qualified: base ? `${base}.${a.name}` : a.name, node });
          }
          break;
        }
        case 'Global':
        case 'Nonlocal':
          for (const n of node.names) scope.globals.add(n);
          break;
        case 'Assign':
          for (const t of node.targets) this.bindTarget(scope, t, 'assign', node.targets.length === 1 && t.type === 'Name' ? node.value : undefined);
          break;
        case 'AnnAssign':
          if (node.value) this.bindTarget(scope, node.target, 'assign', node.value);
          break;
        case 'AugAssign':
          this.bindTarget(scope, node.target, 'assign');
          break;
        case 'NamedExpr':
          this.bindTarget(scope, node.target, 'assign', node.value);
          break;
        case 'For':
        case 'AsyncFor':
          this.bindTarget(scope, node.target, 'loop');
          break;
        case 'withitem':
          if (node.optional_vars) this.bindTarget(scope, node.optional_vars, 'with');
          break;
        case 'ExceptHandler':
          if (node.name) this.bind(scope, node.name, { kind: 'except', node });
          break;
        default:
          break;
      }
      if (node.type === 'FunctionDef' || node.type === 'AsyncFunctionDef' || node.type === 'ClassDef') {
        const kids = children(node);
        for (let i = kids.length - 1; i >= 0; i--) {
          const k = kids[i];
          // Decorators and bases are evaluated in the enclosing scope.
          const evalOutside =
            node.decorator_list.includes(k as A.Expr) || (node.type === 'ClassDef' && (node.bases.includes(k as A.Expr) || node.keywords.includes(k as A.Keyword)));
          nodes.push(k);
          scopes.push(evalOutside ? scope : inner);
        }
        continue;
      }
      const from = nodes.length;
      pushChildrenReversed(node, nodes);
      for (let i = from; i < nodes.length; i++) scopes.push(inner);
    }
  }

  private newScope(node: ScopeNode, parent: Scope): Scope {
    const s = new Scope(node, parent);
    this.scopes.set(node, s);
    return s;
  }

  private bindArgs(scope: Scope, args: A.Arguments): void {
    for (const a of [...args.posonlyargs, ...args.args, ...args.kwonlyargs]) this.bind(scope, a.arg, { kind: 'param', node: a });
    if (args.vararg) this.bind(scope, args.vararg.arg, { kind: 'param', node: args.vararg });
    if (args.kwarg) this.bind(scope, args.kwarg.arg, { kind: 'param', node: args.kwarg });
  }

  private bindTarget(scope: Scope, t: A.Expr, kind: Binding['kind'], value?: A.Expr): void {
    if (t.type === 'Name') this.bind(scope, t.id, { kind, node: t, value });
    else if (t.type === 'Tuple' || t.type === 'List') for (const e of t.elts) this.bindTarget(scope, e, kind);
    else if (t.type === 'Starred') this.bindTarget(scope, t.value, kind);
  }

  private bind(scope: Scope, name: string, b: Omit<Binding, 'count'>): void {
    const target = scope.globals.has(name) ? this.module : scope;
    const prev = target.bindings.get(name);
    if (prev) {
      // Keep the first import binding (imports usually come first); count re-bindings.
      (prev.sites ??= [{ kind: prev.kind, node: prev.node, ...(prev.value ? { value: prev.value } : {}) }]).push({ kind: b.kind, node: b.node, ...(b.value ? { value: b.value } : {}) });
      prev.count++;
      if (prev.kind !== 'import' && b.kind === 'import') {
        prev.kind = 'import';
        prev.qualified = b.qualified;
      }
      prev.value = undefined;
      return;
    }
    target.bindings.set(name, { ...b, count: 1 });
  }

  /** Absolute module for `from <dots><module> import …` (best effort when the package is unknown). */
  resolveRelative(module: string | null, level: number): string {
    if (level === 0) return module ?? '';
    const parts = this.packageName ? this.packageName.split('.') : [];
    if (this.packageName && level - 1 <= parts.length) {
      const base = parts.slice(0, parts.length - (level - 1));
      if (module) base.push(module);
      return base.join('.');
    }
    return '.'.repeat(level) + (module ?? '');
  }

  /** The innermost scope that contains `node`. */
  scopeOf(node: A.AnyNode): Scope {
    let n: A.AnyNode | null = node.parent;
    let child: A.AnyNode = node;
    while (n) {
      if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda') {
        // Decorators and defaults belong to the enclosing scope.
        if (n.type !== 'Lambda' && n.decorator_list.includes(child as A.Expr)) {
          child = n;
          n = n.parent;
          continue;
        }
        return this.scopes.get(n) ?? this.module;
      }
      if (n.type === 'ClassDef') {
        if (n.body.includes(child as A.Stmt)) return this.scopes.get(n) ?? this.module;
      }
      if (n.type === 'Module') return this.module;
      child = n;
      n = n.parent;
    }
    return this.module;
  }

  /**
   * Whether some scope of the file binds `name` to a function definition or an import (a
   * set look-up: when false, {@link lookup} of the name cannot give such a binding anywhere).
   */
  mayBeDefOrImport(name: string): boolean {
    let set = this.defOrImportNames;
    if (!set) {
      set = this.defOrImportNames = new Set();
      for (const scope of this.scopes.values()) for (const [n, b] of scope.bindings) if (b.kind === 'def' || b.kind === 'import') set.add(n);
    }
    return set.has(name);
  }

  private defOrImportNames: Set<string> | undefined;

  /**
   * The expression a name holds where `use` reads it. For a name bound once, its assigned
   * value; for one bound several times, the last plain assignment (`name = value`) before
   * `use` when it lies in the same statement list as a statement holding `use` (it runs
   * first on every path to `use`) and every other binding comes before it, or after `use`
   * outside every loop between the two (a later binding in such a loop comes round before
   * the next read). Undefined when no single assignment reaches `use` so (a binding in a
   * branch, a loop target, an augmented assignment, a `global` rebinding elsewhere).
   */
  reachingValue(use: A.Name): A.Expr | undefined {
    const b = this.lookup(use.id, use);
    if (!b) return undefined;
    if (b.count === 1) return b.kind === 'assign' ? b.value : undefined;
    const sites = b.sites;
    if (!sites) return undefined;
    const before = (n: A.AnyNode, m: A.AnyNode): boolean => n.lineno < m.lineno || (n.lineno === m.lineno && n.col_offset < m.col_offset);
    let last: BindingSite | undefined;
    for (const site of sites) if (before(site.node, use) && (!last || before(last.node, site.node))) last = site;
    const stmt = last?.node.parent;
    if (!last || stmt?.type !== 'Assign' || !stmt.parent) return undefined;
    const owner = stmt.parent;
    // The statement of the same list that holds `use`, and the loops between them.
    let holder: A.AnyNode = use;
    const loops: A.AnyNode[] = [];
    while (holder.parent && holder.parent !== owner) {
      holder = holder.parent;
      if (holder.type === 'FunctionDef' || holder.type === 'AsyncFunctionDef' || holder.type === 'Lambda' || holder.type === 'ClassDef') return undefined;
      if (holder.type === 'For' || holder.type === 'AsyncFor' || holder.type === 'While') loops.push(holder);
    }
    const list = Object.values(owner).find((v): v is A.AnyNode[] => Array.isArray(v) && v.includes(stmt as never));
    if (!list || list.indexOf(holder) <= list.indexOf(stmt)) return undefined;
    const scope = this.scopeOf(use);
    for (const site of sites) {
      // (A `global` rebinding in another function may run at any time.)
      if (this.scopeOf(site.node) !== scope) return undefined;
      if (site === last || before(site.node, last.node)) continue;
      for (const loop of loops) for (let n: A.AnyNode | null = site.node; n; n = n.parent) if (n === loop) return undefined;
    }
    return last.value;
  }

  /** The binding `name` resolves to at `from`, following Python's scope rules (class scopes skipped for nested functions). */
  lookup(name: string, from: A.AnyNode): Binding | undefined {
    let scope: Scope | null = this.scopeOf(from);
    let first = true;
    while (scope) {
      if (first || scope.node.type !== 'ClassDef') {
        const b = scope.bindings.get(name);
        if (b) return b;
      }
      first = false;
      scope = scope.parent;
    }
    return undefined;
  }

  /**
   * The qualified name an expression refers to, or null when it is computed.
   * Names bound to imports resolve through the import; unbound names (builtins) and
   * locally defined names resolve to themselves, as bandit does; `x = mod.func` aliases
   * are followed when `x` is bound once.
   */
  qualifiedName(expr: A.Expr, depth = 0): string | null {
    if (depth > FOLD_DEPTH) return null;
    // Rules ask about the same callee many times: answers are cached per node (the tree
    // and its bindings do not change once the model is built).
    // Only top-level answers are cached: a nested one may have been cut by the depth limit.
    if (depth > 0) return this.computeQualifiedName(expr, depth);
    const cached = this.qnameCache.get(expr);
    if (cached !== undefined) return cached;
    const q = this.computeQualifiedName(expr, 0);
    this.qnameCache.set(expr, q);
    return q;
  }

  private computeQualifiedName(expr: A.Expr, depth: number): string | null {
    switch (expr.type) {
      case 'Name': {
        const b = this.lookup(expr.id, expr);
        if (!b) return expr.id;
        if (b.kind === 'import') return b.qualified ?? expr.id;
        if (b.kind === 'assign' && b.count === 1 && b.value && (b.value.type === 'Attribute' || b.value.type === 'Name') && b.value !== expr) {
          const q = this.qualifiedName(b.value, depth + 1);
          if (q && q.includes('.')) return q;
        }
        return expr.id;
      }
      case 'Attribute': {
        const base = this.qualifiedName(expr.value, depth + 1);
        return base === null ? null : `${base}.${expr.attr}`;
      }
      case 'Call': {
        // __import__('x') and importlib.import_module('x') with literal names.
        const fn = this.qualifiedName(expr.func, depth + 1);
        if ((fn === '__import__' || fn === 'importlib.import_module' || fn === 'importlib.__import__') && expr.args[0]) {
          const v = this.constValue(expr.args[0], depth + 1);
          if (typeof v === 'string') return fn === '__import__' ? v.split('.')[0] : v;
        }
        return null;
      }
      default:
        return null;
    }
  }

  /**
   * An import the module runs without: inside the body of a `try` one of whose handlers
   * catches ImportError (or ModuleNotFoundError, Exception, a bare `except`), of a `with
   * contextlib.suppress(ImportError)`, or of an `if` on the platform, the Python version or
   * `TYPE_CHECKING` (either branch). Needs parent links. The search stops at the enclosing
   * function or class: a lazy import in a function body is a dependency like any other.
   */
  isOptionalImport(node: A.Import | A.ImportFrom): boolean {
    let child: A.AnyNode = node;
    for (let n = node.parent; n; child = n, n = n.parent) {
      if ((n.type === 'Try' || n.type === 'TryStar') && n.body.includes(child as A.Stmt) && n.handlers.some((h) => catchesImportError(h.exc_type))) return true;
      if (
        (n.type === 'With' || n.type === 'AsyncWith') &&
        n.items.some((it) => it.context_expr.type === 'Call' && /(^|\.)suppress$/.test(this.callName(it.context_expr) ?? '') && it.context_expr.args.some(catchesImportError))
      ) {
        return true;
      }
      if (n.type === 'If' && conditionalTest(n.test)) return true;
      if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'ClassDef' || n.type === 'Lambda') return false;
    }
    return false;
  }

  /** Qualified name of a call's callee (see {@link qualifiedName}). */
  callName(call: A.Call): string | null {
    return this.qualifiedName(call.func);
  }

  /**
   * Fold an expression to a constant: literals, implicit and `+` string concatenation,
   * f-strings of constants, `%` formatting of constants, and names bound once to a constant
   * in their scope. Returns undefined when the value is computed.
   */
  constValue(expr: A.Expr, depth = 0): string | number | boolean | null | undefined {
    if (depth > FOLD_DEPTH) return undefined;
    switch (expr.type) {
      case 'Constant':
        return expr.value;
      case 'JoinedStr': {
        let s = '';
        for (const v of expr.values) {
          const x = v.type === 'FormattedValue' ? (v.format_spec ? undefined : this.constValue(v.value, depth + 1)) : this.constValue(v, depth + 1);
          if (x === undefined) return undefined;
          s += String(x);
        }
        return s;
      }
      case 'BinOp': {
        if (expr.op !== 'Add') return undefined;
        const l = this.constValue(expr.left, depth + 1);
        if (l === undefined) return undefined;
        const r = this.constValue(expr.right, depth + 1);
        if (r === undefined) return undefined;
        if (typeof l === 'string' && typeof r === 'string') return l + r;
        if (typeof l === 'number' && typeof r === 'number') return l + r;
        return undefined;
      }
      case 'UnaryOp': {
        const v = this.constValue(expr.operand, depth + 1);
        if (typeof v !== 'number') return undefined;
        return expr.op === 'USub' ? -v : expr.op === 'UAdd' ? v : undefined;
      }
      case 'Name': {
        const b = this.lookup(expr.id, expr);
        if (b && b.kind === 'assign' && b.count === 1 && b.value && b.value !== expr) return this.constValue(b.value, depth + 1);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** True when the expression is a string literal (or folds to one). */
  isLiteralString(expr: A.Expr): boolean {
    return typeof this.constValue(expr) === 'string';
  }
}
