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

/** Push a field's node, or its list's nodes in reverse (absent entries skipped). */
function pushField(stack: AnyNode[], v: unknown): void {
  if (v == null) return;
  if (Array.isArray(v)) {
    for (let i = v.length - 1; i >= 0; i--) if (v[i]) stack.push(v[i] as AnyNode);
  } else stack.push(v as AnyNode);
}

/** Push the children of `node` onto `stack` in reverse source order (so they pop in order), without an intermediate array. */
export function pushChildrenReversed(node: AnyNode, stack: AnyNode[]): void {
  // One case per node type with its fields named (as CHILD_FIELDS lists them): a named
  // property load is much cheaper than a load by a computed key over many node shapes.
  const n = node as unknown as Record<string, unknown> & { type: NodeType };
  switch (n.type) {
    case 'Dict': {
      const d = node as Extract<AnyNode, { type: 'Dict' }>;
      for (let i = d.values.length - 1; i >= 0; i--) {
        stack.push(d.values[i]);
        const k = d.keys[i];
        if (k) stack.push(k);
      }
      return;
    }
    case 'Module':
      pushField(stack, n.body); return;
    case 'FunctionDef':
    case 'AsyncFunctionDef':
      pushField(stack, n.body); pushField(stack, n.returns); pushField(stack, n.args); pushField(stack, n.decorator_list); return;
    case 'ClassDef':
      pushField(stack, n.body); pushField(stack, n.keywords); pushField(stack, n.bases); pushField(stack, n.decorator_list); return;
    case 'Return':
    case 'Expr':
    case 'Await':
    case 'Yield':
    case 'YieldFrom':
    case 'Attribute':
    case 'Starred':
    case 'keyword':
      pushField(stack, n.value); return;
    case 'Delete':
      pushField(stack, n.targets); return;
    case 'Assign':
      pushField(stack, n.value); pushField(stack, n.targets); return;
    case 'AugAssign':
    case 'NamedExpr':
      pushField(stack, n.value); pushField(stack, n.target); return;
    case 'AnnAssign':
      pushField(stack, n.value); pushField(stack, n.annotation); pushField(stack, n.target); return;
    case 'For':
    case 'AsyncFor':
      pushField(stack, n.orelse); pushField(stack, n.body); pushField(stack, n.iter); pushField(stack, n.target); return;
    case 'While':
    case 'If':
    case 'IfExp':
      pushField(stack, n.orelse); pushField(stack, n.body); pushField(stack, n.test); return;
    case 'With':
    case 'AsyncWith':
      pushField(stack, n.body); pushField(stack, n.items); return;
    case 'Match':
      pushField(stack, n.cases); pushField(stack, n.subject); return;
    case 'Raise':
      pushField(stack, n.cause); pushField(stack, n.exc); return;
    case 'Try':
    case 'TryStar':
      pushField(stack, n.finalbody); pushField(stack, n.orelse); pushField(stack, n.handlers); pushField(stack, n.body); return;
    case 'Assert':
      pushField(stack, n.msg); pushField(stack, n.test); return;
    case 'Import':
    case 'ImportFrom':
      pushField(stack, n.names); return;
    case 'Global':
    case 'Nonlocal':
    case 'Pass':
    case 'Break':
    case 'Continue':
    case 'Constant':
    case 'Name':
    case 'Unparsed':
    case 'alias':
      return;
    case 'TypeAlias':
      pushField(stack, n.value); pushField(stack, n.name); return;
    case 'BoolOp':
    case 'JoinedStr':
      pushField(stack, n.values); return;
    case 'BinOp':
      pushField(stack, n.right); pushField(stack, n.left); return;
    case 'UnaryOp':
      pushField(stack, n.operand); return;
    case 'Lambda':
      pushField(stack, n.body); pushField(stack, n.args); return;
    case 'Set':
    case 'List':
    case 'Tuple':
      pushField(stack, n.elts); return;
    case 'ListComp':
    case 'SetComp':
    case 'GeneratorExp':
      pushField(stack, n.generators); pushField(stack, n.elt); return;
    case 'DictComp':
      pushField(stack, n.generators); pushField(stack, n.value); pushField(stack, n.key); return;
    case 'Compare':
      pushField(stack, n.comparators); pushField(stack, n.left); return;
    case 'Call':
      pushField(stack, n.keywords); pushField(stack, n.args); pushField(stack, n.func); return;
    case 'FormattedValue':
      pushField(stack, n.format_spec); pushField(stack, n.value); return;
    case 'Subscript':
      pushField(stack, n.slice); pushField(stack, n.value); return;
    case 'Slice':
      pushField(stack, n.step); pushField(stack, n.upper); pushField(stack, n.lower); return;
    case 'comprehension':
      pushField(stack, n.ifs); pushField(stack, n.iter); pushField(stack, n.target); return;
    case 'ExceptHandler':
      pushField(stack, n.body); pushField(stack, n.exc_type); return;
    case 'arguments':
      pushField(stack, n.defaults); pushField(stack, n.kwarg); pushField(stack, n.kw_defaults); pushField(stack, n.kwonlyargs); pushField(stack, n.vararg); pushField(stack, n.args); pushField(stack, n.posonlyargs); return;
    case 'arg':
      pushField(stack, n.annotation); return;
    case 'withitem':
      pushField(stack, n.optional_vars); pushField(stack, n.context_expr); return;
    case 'match_case':
      pushField(stack, n.body); pushField(stack, n.guard); pushField(stack, n.pattern); return;
    default:
      pushGeneric(node, stack);
  }
}

function pushGeneric(node: AnyNode, stack: AnyNode[]): void {
  const rec = node as unknown as Record<string, unknown>;
  const fields = CHILD_FIELDS[node.type];
  for (let f = fields.length - 1; f >= 0; f--) pushField(stack, rec[fields[f]]);
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
