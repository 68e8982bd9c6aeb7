/**
 * Generic traversal of the CPython-shaped tree: which fields hold child nodes, an
 * iterative walk (no recursion, so any depth is safe), and parent links.
 */
import type { AnyNode, Module, NodeType } from './ast.js';

/** Child-holding fields of each node type, in source order (as CPython's `_fields`). */
export const CHILD_FIELDS: Record<NodeType, readonly string[]> = {
  Module: ['body'],
  FunctionDef: ['decorator_list', 'args', 'returns', 'body'],
  AsyncFunctionDef: ['decorator_list', 'args', 'returns', 'body'],
  ClassDef: ['decorator_list', 'bases', 'keywords', 'body'],
  Return: ['value'],
  Delete: ['targets'],
  Assign: ['targets', 'value'],
  AugAssign: ['target', 'value'],
  AnnAssign: ['target', 'annotation', 'value'],
  For: ['target', 'iter', 'body', 'orelse'],
  AsyncFor: ['target', 'iter', 'body', 'orelse'],
  While: ['test', 'body', 'orelse'],
  If: ['test', 'body', 'orelse'],
  With: ['items', 'body'],
  AsyncWith: ['items', 'body'],
  Match: ['subject', 'cases'],
  Raise: ['exc', 'cause'],
  Try: ['body', 'handlers', 'orelse', 'finalbody'],
  TryStar: ['body', 'handlers', 'orelse', 'finalbody'],
  Assert: ['test', 'msg'],
  Import: ['names'],
  ImportFrom: ['names'],
  Global: [],
  Nonlocal: [],
  Expr: ['value'],
  Pass: [],
  Break: [],
  Continue: [],
  TypeAlias: ['name', 'value'],
  BoolOp: ['values'],
  NamedExpr: ['target', 'value'],
  BinOp: ['left', 'right'],
  UnaryOp: ['operand'],
  Lambda: ['args', 'body'],
  IfExp: ['test', 'body', 'orelse'],
  Dict: ['keys', 'values'],
  Set: ['elts'],
  ListComp: ['elt', 'generators'],
  SetComp: ['elt', 'generators'],
  GeneratorExp: ['elt', 'generators'],
  DictComp: ['key', 'value', 'generators'],
  Await: ['value'],
  Yield: ['value'],
  YieldFrom: ['value'],
  Compare: ['left', 'comparators'],
  Call: ['func', 'args', 'keywords'],
  FormattedValue: ['value', 'format_spec'],
  JoinedStr: ['values'],
  Constant: [],
  Attribute: ['value'],
  Subscript: ['value', 'slice'],
  Starred: ['value'],
  Name: [],
  List: ['elts'],
  Tuple: ['elts'],
  Slice: ['lower', 'upper', 'step'],
  Unparsed: [],
  comprehension: ['target', 'iter', 'ifs'],
  ExceptHandler: ['exc_type', 'body'],
  arguments: ['posonlyargs', 'args', 'vararg', 'kwonlyargs', 'kw_defaults', 'kwarg', 'defaults'],
  arg: ['annotation'],
  keyword: ['value'],
  alias: [],
  withitem: ['context_expr', 'optional_vars'],
  match_case: ['pattern', 'guard', 'body'],
};

/** Push the children of `node` onto `stack` in reverse source order (so they pop in order), without an intermediate array. */
export function pushChildrenReversed(node: AnyNode, stack: AnyNode[]): void {
  if (node.type === 'Dict') {
    for (let i = node.values.length - 1; i >= 0; i--) {
      stack.push(node.values[i]);
      const k = node.keys[i];
      if (k) stack.push(k);
    }
    return;
  }
  const rec = node as unknown as Record<string, unknown>;
  const fields = CHILD_FIELDS[node.type];
  for (let f = fields.length - 1; f >= 0; f--) {
    const v = rec[fields[f]];
    if (v == null) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (v[i]) stack.push(v[i] as AnyNode);
    } else stack.push(v as AnyNode);
  }
}

/** The direct children of `node`, in field order (Dict keys and values are interleaved as written). */
export function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  pushChildrenReversed(node, out);
  return out.reverse();
}

/**
 * Visit every node in pre-order (a node before its children, children in source order),
 * iteratively. Return `false` from `enter` to skip a node's children.
 */
export function walk(root: AnyNode, enter: (node: AnyNode) => boolean | void): void {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    pushChildrenReversed(node, stack);
  }
}

/** Set `parent` on every node of the module. Returns the number of nodes. */
export function linkParents(module: Module): number {
  let count = 0;
  const stack: AnyNode[] = [module];
  while (stack.length) {
    const node = stack.pop()!;
    count++;
    const from = stack.length;
    pushChildrenReversed(node, stack);
    for (let i = from; i < stack.length; i++) stack[i].parent = node;
  }
  return count;
}
