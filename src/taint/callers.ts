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
import { PURE_METHODS, PURE_OF_CONSTANTS } from './models/pure.js';

/** One parameter a hinged finding depends on. */
export interface HingeParam {
  name: string;
  /** Its position (-1 for a keyword-only parameter). */
  pos: number;
  /** It has a default built only from constants (a call that leaves it out passes a constant). */
  defaultLit: boolean;
}

/** A pattern finding of a module-level function whose flagged value is built only from constants and these parameters. */
export interface Hinge {
  /** The function's name. */
  fn: string;
  params: HingeParam[];
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
  line: number;
}

const MAX_DEPTH = 20;
const MAX_NODES = 200;
/** At most this many calls are recorded per file (beyond, `truncated` is set and nothing is settled). */
export const MAX_CALL_ARGS = 2000;

/**
 * The parameters of `fn` that the value of `e` depends on, when it is built only from
 * constants, those parameters (never rebound in `fn`), names bound once in `fn` to such
 * values, and pure string operations; null otherwise (or when it depends on none).
 */
export function paramDeps(e: A.Expr, fn: A.FunctionDef, sem: SemanticModel): HingeParam[] | null {
  const positional = [...fn.args.posonlyargs, ...fn.args.args];
  const deps = new Map<string, HingeParam>();
  let nodes = 0;
  const ok = (x: A.Expr | null | undefined, d: number): boolean => {
    if (!x) return true;
    if (d > MAX_DEPTH || ++nodes > MAX_NODES) return false;
    switch (x.type) {
      case 'Constant':
        return true;
      case 'Name': {
        if (sem.constValue(x) !== undefined) return true;
        const b = sem.lookup(x.id, x);
        if (!b || b.count !== 1) return false;
        if (b.kind === 'param') {
          const i = positional.findIndex((p) => p === b.node);
          const k = fn.args.kwonlyargs.findIndex((p) => p === b.node);
          if (i < 0 && k < 0) return false;
          const dflt = i >= 0 ? fn.args.defaults[i - (positional.length - fn.args.defaults.length)] : fn.args.kw_defaults[k];
          deps.set(x.id, { name: x.id, pos: i, defaultLit: !!dflt && constantExpr(dflt, sem, 0) });
          return true;
        }
        return b.kind === 'assign' && !!b.value && b.value !== x && enclosingFunction(b.node) === fn && ok(b.value, d + 1);
      }
      case 'JoinedStr':
        return x.values.every((v) => ok(v, d + 1));
      case 'FormattedValue':
        return ok(x.value, d + 1) && ok(x.format_spec, d + 1);
      case 'BinOp':
        return ok(x.left, d + 1) && ok(x.right, d + 1);
      case 'List':
      case 'Tuple':
        return x.elts.every((v) => v.type !== 'Starred' && ok(v, d + 1));
      case 'Call': {
        if (x.args.some((a) => a.type === 'Starred') || x.keywords.some((k) => !k.arg)) return false;
        const args = [...x.args, ...x.keywords.map((k) => k.value)];
        const q = sem.callName(x) ?? '';
        const pure = (x.func.type === 'Attribute' && PURE_METHODS.has(x.func.attr) && ok(x.func.value, d + 1)) || (PURE_OF_CONSTANTS.has(q) && sem.lookup(q.split('.')[0], x)?.kind !== 'def');
        return pure && args.every((a) => ok(a, d + 1));
      }
      default:
        return false;
    }
  };
  if (!ok(e, 0) || !deps.size) return null;
  return [...deps.values()];
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
 * The calls in a module of functions named by a bare name bound here (a `def`, an import)
 * or through a project module (`util.run(...)`), with which arguments are constants; and
 * the names of such functions used other than by a call.
 */
export function callArgsOf(module: A.Module, sem: SemanticModel, localModules: ReadonlySet<string>): { calls: CallArgs[]; refs: string[]; truncated: boolean } {
  const calls: CallArgs[] = [];
  const refs = new Set<string>();
  let truncated = false;
  const projectName = (e: A.Expr): string | null => {
    if (e.type === 'Name') {
      const b = sem.lookup(e.id, e);
      return b && (b.kind === 'def' || b.kind === 'import') ? e.id : null;
    }
    if (e.type === 'Attribute') {
      // The first segment of the qualified name is the first segment of its root name's
      // (cached per node), so the chain's own name need not be built for every attribute.
      let root: A.Expr = e;
      let links = 0;
      while (root.type === 'Attribute' && links < 30) {
        root = root.value;
        links++;
      }
      const q = root.type === 'Name' ? sem.qualifiedName(root) : root.type === 'Attribute' ? null : sem.qualifiedName(e);
      if (!q) return null;
      const dot = q.indexOf('.');
      return localModules.has(dot < 0 ? q : q.slice(0, dot)) ? e.attr : null;
    }
    return null;
  };
  const stack: A.AnyNode[] = [module];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Import' || n.type === 'ImportFrom') continue;
    if (n.type === 'Call') {
      const name = projectName(n.func);
      if (name) {
        if (calls.length >= MAX_CALL_ARGS) truncated = true;
        else {
          const kw: Record<string, boolean> = {};
          let star = n.args.some((a) => a.type === 'Starred');
          for (const k of n.keywords) {
            if (k.arg) kw[k.arg] = constantExpr(k.value, sem, 0);
            else star = true;
          }
          calls.push({ name, args: n.args.map((a) => a.type !== 'Starred' && constantExpr(a, sem, 0)), kw, ...(star ? { star: true as const } : {}), line: n.lineno });
        }
        // The callee itself is not a reference; its arguments are visited.
        if (n.func.type === 'Attribute') stack.push(n.func.value);
        for (const a of [...n.args, ...n.keywords]) stack.push(a);
        continue;
      }
    } else if (n.type === 'Name' || n.type === 'Attribute') {
      const name = projectName(n);
      if (name) refs.add(name);
    }
    pushChildrenReversed(n, stack);
  }
  return { calls, refs: [...refs], truncated };
}
