/**
 * McCabe cyclomatic complexity, counted as radon's `ComplexityVisitor` counts it
 * (radon 5.1 and 6, `radon/visitors.py`), so that `krait` and `radon cc` agree on a
 * function's score. Every walk here is iterative (an explicit stack), so the depth of the
 * tree cannot overflow the call stack.
 *
 * Decision points (each adds to the complexity of the innermost enclosing function):
 *  - `if` / `elif` (an `elif` is a nested `If`) and the conditional expression: +1;
 *  - `for`, `async for`, `while`: +1, and +1 more when they have an `else`;
 *  - `try`: +1 per `except` handler, +1 for its `else` (`try`/`except*` alike);
 *  - `and` / `or`: +1 per extra operand (`a and b and c` is +2);
 *  - each comprehension `for` clause: +1, and +1 per `if` of that clause;
 *  - `assert`: +1 (its test is not looked into, as radon does);
 *  - `match` (krait only; radon 5 and 6 ignore it): +1 per `case`, except a last case
 *    that always matches (`case _:` or a bare capture, with no guard), which is the
 *    `else` of the chain (as ruff's C901 counts it).
 * Not counted: `with`, `lambda` itself (its body's decisions count for the enclosing
 * function), `return`/`break`/`continue`, a function's decorators, default values and
 * annotations (radon never visits them).
 *
 * A nested function or class is its own block: its decisions are not added to the
 * enclosing function (radon's closures).
 */
import type * as A from '../python/ast.js';
import { pushChildrenReversed } from '../python/visit.js';

/** Complexities computed once per function node, shared by the KR801 rule and the statistics (same worker, same tree). */
const cache = new WeakMap<A.FunctionDef, number>();

function isDefinition(n: A.AnyNode): boolean {
  return n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'ClassDef';
}

/**
 * The source lines of the file (0-based array), to read `match` patterns that the lowering
 * keeps as unparsed text (a capture name and a dotted value look alike without it).
 */
export type SourceLines = readonly string[];

/**
 * True when a `match` case always matches: no guard, and a wildcard (`_`), a capture name
 * (`case other:`) or either bound with `as`. Without the source only `_` is recognised.
 */
function isIrrefutable(c: A.MatchCase, lines?: SourceLines): boolean {
  if (c.guard !== null) return false;
  const p = c.pattern;
  if (p.type === 'Name') return true;
  if (p.type !== 'Unparsed' || !lines || p.lineno !== p.end_lineno) return false;
  const text = (lines[p.lineno - 1] ?? '').slice(p.col_offset, p.end_col_offset).trim();
  return /^[\p{L}_][\p{L}\p{N}_]*(\s+as\s+[\p{L}_][\p{L}\p{N}_]*)?$/u.test(text);
}

/** Decision points a single node adds by itself (its children are counted separately). */
export function decisionPoints(node: A.AnyNode, lines?: SourceLines): number {
  switch (node.type) {
    case 'If':
    case 'IfExp':
      return 1;
    case 'For':
    case 'AsyncFor':
    case 'While':
      return node.orelse.length ? 2 : 1;
    case 'Try':
    case 'TryStar':
      return node.handlers.length + (node.orelse.length ? 1 : 0);
    case 'BoolOp':
      return node.values.length - 1;
    case 'comprehension':
      return 1 + node.ifs.length;
    case 'Assert':
      return 1;
    case 'Match': {
      const n = node.cases.length;
      return n && isIrrefutable(node.cases[n - 1], lines) ? n - 1 : n;
    }
    default:
      return 0;
  }
}

/**
 * Sum of the decision points under `roots` (the roots included), not entering nested
 * functions and classes, nor the test and message of an `assert`.
 */
export function sumDecisions(roots: readonly A.AnyNode[], lines?: SourceLines): number {
  let total = 0;
  const stack: A.AnyNode[] = [...roots];
  while (stack.length) {
    const node = stack.pop()!;
    if (isDefinition(node)) continue;
    total += decisionPoints(node, lines);
    if (node.type === 'Assert') continue;
    pushChildrenReversed(node, stack);
  }
  return total;
}

/**
 * Cyclomatic complexity of a function or method: 1 + the decision points of its body.
 * `lines` (the file's source lines) lets a final `case name:` count as the `else`.
 */
export function functionComplexity(fn: A.FunctionDef, lines?: SourceLines): number {
  let c = cache.get(fn);
  if (c === undefined) {
    c = 1 + sumDecisions(fn.body, lines);
    cache.set(fn, c);
  }
  return c;
}

/** A definition found in a module, with its qualified name. */
export interface Definition {
  node: A.FunctionDef | A.ClassDef;
  /** `Class.method`, `outer.inner` (no `<locals>`). */
  qualname: string;
  /** Defined directly in a class body (statements such as `if` in between allowed). */
  isMethod: boolean;
}

/**
 * Every function and class of the module, in source order (pre-order), with qualified
 * names; also the number of `lambda` expressions.
 */
export function collectDefinitions(mod: A.Module): { defs: Definition[]; lambdas: number } {
  const defs: Definition[] = [];
  let lambdas = 0;
  // Two parallel stacks: the nodes, and for each the scope it sits in (shared by every
  // node of that scope, so nothing is allocated per node).
  type Scope = { prefix: string; inClass: boolean };
  const root: Scope = { prefix: '', inClass: false };
  const nodes: A.AnyNode[] = [mod];
  const scopes: Scope[] = [root];
  while (nodes.length) {
    const node = nodes.pop()!;
    let scope = scopes.pop()!;
    if (node.type === 'FunctionDef' || node.type === 'AsyncFunctionDef' || node.type === 'ClassDef') {
      const qualname = scope.prefix ? `${scope.prefix}.${node.name}` : node.name;
      defs.push({ node, qualname, isMethod: node.type !== 'ClassDef' && scope.inClass });
      scope = { prefix: qualname, inClass: node.type === 'ClassDef' };
    } else if (node.type === 'Lambda') lambdas++;
    const from = nodes.length;
    pushChildrenReversed(node, nodes);
    for (let i = from; i < nodes.length; i++) scopes.push(scope);
  }
  return { defs, lambdas };
}

/**
 * Radon's class complexity: `total = 1 + decisions of the class body's own statements +
 * the complexity of each method`, reported as `floor(total / methods) + (methods > 1)`
 * (`total` itself when the class has no method). Methods are the functions found in the
 * class body without crossing another function or class.
 */
export function classComplexity(cls: A.ClassDef, lines?: SourceLines): number {
  let total = 1;
  let methods = 0;
  const stack: A.AnyNode[] = [...cls.body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'FunctionDef' || node.type === 'AsyncFunctionDef') {
      methods++;
      total += functionComplexity(node, lines);
      continue;
    }
    if (node.type === 'ClassDef') continue;
    total += decisionPoints(node, lines);
    if (node.type === 'Assert') continue;
    pushChildrenReversed(node, stack);
  }
  return methods ? Math.floor(total / methods) + (methods > 1 ? 1 : 0) : total;
}
