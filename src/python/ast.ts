/**
 * Python syntax tree as plain JS objects, shaped and named like CPython's `ast` module
 * (https://docs.python.org/3/library/ast.html). Every node has 1-based `lineno` /
 * `end_lineno` and 0-based `col_offset` / `end_col_offset` in UTF-16 code units (CPython
 * counts UTF-8 bytes; for ASCII lines the two agree), and a `parent` link (null for the
 * Module). Produced by `parsePython` in `parse.ts`; read by every analysis.
 */

export interface NodeBase {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
  parent: AnyNode | null;
}

// ---------- module and statements ----------

export interface Module extends NodeBase {
  type: 'Module';
  body: Stmt[];
  /** Identifiers written in a form NFKC normalisation changes (set by the parser when there are any). */
  renamed?: RenamedIdentifier[];
}

/**
 * An identifier written in a form that CPython's NFKC normalisation (PEP 3131) changes
 * (`ｅｖａｌ` → `eval`): 1-based line, 0-based start/end column (UTF-16 units) of the
 * written form, the written text and the name CPython binds.
 */
export interface RenamedIdentifier {
  line: number;
  col: number;
  endCol: number;
  written: string;
  name: string;
}

export interface FunctionDef extends NodeBase {
  type: 'FunctionDef' | 'AsyncFunctionDef';
  name: string;
  args: Arguments;
  body: Stmt[];
  decorator_list: Expr[];
  returns: Expr | null;
}
export interface ClassDef extends NodeBase {
  type: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorator_list: Expr[];
}
export interface Return extends NodeBase { type: 'Return'; value: Expr | null }
export interface Delete extends NodeBase { type: 'Delete'; targets: Expr[] }
export interface Assign extends NodeBase { type: 'Assign'; targets: Expr[]; value: Expr }
export interface AugAssign extends NodeBase { type: 'AugAssign'; target: Expr; op: Operator; value: Expr }
export interface AnnAssign extends NodeBase { type: 'AnnAssign'; target: Expr; annotation: Expr; value: Expr | null }
export interface For extends NodeBase { type: 'For' | 'AsyncFor'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
export interface While extends NodeBase { type: 'While'; test: Expr; body: Stmt[]; orelse: Stmt[] }
export interface If extends NodeBase { type: 'If'; test: Expr; body: Stmt[]; orelse: Stmt[] }
export interface With extends NodeBase { type: 'With' | 'AsyncWith'; items: WithItem[]; body: Stmt[] }
export interface Match extends NodeBase { type: 'Match'; subject: Expr; cases: MatchCase[] }
export interface Raise extends NodeBase { type: 'Raise'; exc: Expr | null; cause: Expr | null }
export interface Try extends NodeBase {
  type: 'Try' | 'TryStar';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}
export interface Assert extends NodeBase { type: 'Assert'; test: Expr; msg: Expr | null }
export interface Import extends NodeBase { type: 'Import'; names: Alias[] }
export interface ImportFrom extends NodeBase { type: 'ImportFrom'; module: string | null; names: Alias[]; level: number }
export interface Global extends NodeBase { type: 'Global' | 'Nonlocal'; names: string[] }
export interface ExprStmt extends NodeBase { type: 'Expr'; value: Expr }
export interface SimpleStmt extends NodeBase { type: 'Pass' | 'Break' | 'Continue' }
export interface TypeAlias extends NodeBase { type: 'TypeAlias'; name: Expr; value: Expr }

export type Stmt =
  | FunctionDef | ClassDef | Return | Delete | Assign | AugAssign | AnnAssign | For | While | If | With
  | Match | Raise | Try | Assert | Import | ImportFrom | Global | ExprStmt | SimpleStmt | TypeAlias;

// ---------- expressions ----------

export type Operator =
  | 'Add' | 'Sub' | 'Mult' | 'MatMult' | 'Div' | 'Mod' | 'Pow' | 'LShift' | 'RShift'
  | 'BitOr' | 'BitXor' | 'BitAnd' | 'FloorDiv';
export type UnaryOperator = 'Invert' | 'Not' | 'UAdd' | 'USub';
export type CmpOperator = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE' | 'Is' | 'IsNot' | 'In' | 'NotIn';

export interface BoolOp extends NodeBase { type: 'BoolOp'; op: 'And' | 'Or'; values: Expr[] }
export interface NamedExpr extends NodeBase { type: 'NamedExpr'; target: Name; value: Expr }
export interface BinOp extends NodeBase { type: 'BinOp'; left: Expr; op: Operator; right: Expr }
export interface UnaryOp extends NodeBase { type: 'UnaryOp'; op: UnaryOperator; operand: Expr }
export interface Lambda extends NodeBase { type: 'Lambda'; args: Arguments; body: Expr }
export interface IfExp extends NodeBase { type: 'IfExp'; test: Expr; body: Expr; orelse: Expr }
/** `keys[i]` is null for a `**mapping` entry. */
export interface Dict extends NodeBase { type: 'Dict'; keys: (Expr | null)[]; values: Expr[] }
export interface SetExpr extends NodeBase { type: 'Set'; elts: Expr[] }
export interface Comp extends NodeBase { type: 'ListComp' | 'SetComp' | 'GeneratorExp'; elt: Expr; generators: Comprehension[] }
export interface DictComp extends NodeBase { type: 'DictComp'; key: Expr; value: Expr; generators: Comprehension[] }
export interface Await extends NodeBase { type: 'Await'; value: Expr }
export interface Yield extends NodeBase { type: 'Yield'; value: Expr | null }
export interface YieldFrom extends NodeBase { type: 'YieldFrom'; value: Expr }
export interface Compare extends NodeBase { type: 'Compare'; left: Expr; ops: CmpOperator[]; comparators: Expr[] }
export interface Call extends NodeBase { type: 'Call'; func: Expr; args: Expr[]; keywords: Keyword[] }
export interface FormattedValue extends NodeBase {
  type: 'FormattedValue';
  value: Expr;
  /** -1 none, 115 's', 114 'r', 97 'a' (as CPython). */
  conversion: number;
  format_spec: JoinedStr | null;
}
export interface JoinedStr extends NodeBase { type: 'JoinedStr'; values: Expr[] }
export type ConstantKind = 'str' | 'bytes' | 'int' | 'float' | 'complex' | 'bool' | 'None' | 'Ellipsis';
export interface Constant extends NodeBase {
  type: 'Constant';
  /** str and bytes: the decoded text (bytes as latin-1 code points); numbers as JS numbers (ints beyond 2^53 lose precision); bool; null for None and Ellipsis. */
  value: string | number | boolean | null;
  kind: ConstantKind;
}
export interface Attribute extends NodeBase { type: 'Attribute'; value: Expr; attr: string }
export interface Subscript extends NodeBase { type: 'Subscript'; value: Expr; slice: Expr }
export interface Starred extends NodeBase { type: 'Starred'; value: Expr }
export interface Name extends NodeBase { type: 'Name'; id: string }
export interface ListExpr extends NodeBase { type: 'List'; elts: Expr[] }
export interface TupleExpr extends NodeBase { type: 'Tuple'; elts: Expr[] }
export interface Slice extends NodeBase { type: 'Slice'; lower: Expr | null; upper: Expr | null; step: Expr | null }
/** Not a CPython node: a subtree krait did not lower (syntax error or nesting too deep). */
export interface Unparsed extends NodeBase { type: 'Unparsed'; reason: string }

export type Expr =
  | BoolOp | NamedExpr | BinOp | UnaryOp | Lambda | IfExp | Dict | SetExpr | Comp | DictComp | Await
  | Yield | YieldFrom | Compare | Call | FormattedValue | JoinedStr | Constant | Attribute | Subscript
  | Starred | Name | ListExpr | TupleExpr | Slice | Unparsed;

// ---------- auxiliary nodes ----------

export interface Comprehension extends NodeBase {
  type: 'comprehension';
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  is_async: boolean;
}
export interface ExceptHandler extends NodeBase { type: 'ExceptHandler'; exc_type: Expr | null; name: string | null; body: Stmt[] }
export interface Arguments extends NodeBase {
  type: 'arguments';
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  /** One per kwonly arg; null where it has no default. */
  kw_defaults: (Expr | null)[];
  kwarg: Arg | null;
  /** Defaults of the last `defaults.length` of posonlyargs + args. */
  defaults: Expr[];
}
export interface Arg extends NodeBase { type: 'arg'; arg: string; annotation: Expr | null }
/** `arg` is null for `**kwargs`. */
export interface Keyword extends NodeBase { type: 'keyword'; arg: string | null; value: Expr }
export interface Alias extends NodeBase { type: 'alias'; name: string; asname: string | null }
export interface WithItem extends NodeBase { type: 'withitem'; context_expr: Expr; optional_vars: Expr | null }
export interface MatchCase extends NodeBase {
  type: 'match_case';
  /** Patterns are kept as expressions (capture names as Name, literals as Constant…). */
  pattern: Expr;
  guard: Expr | null;
  body: Stmt[];
}

export type AuxNode = Comprehension | ExceptHandler | Arguments | Arg | Keyword | Alias | WithItem | MatchCase;
export type AnyNode = Module | Stmt | Expr | AuxNode;
export type NodeType = AnyNode['type'];

/** The node type named `T`. */
export type NodeOfType<T extends NodeType> = AnyNode extends infer N ? (N extends { type: infer U } ? (T extends U ? N : never) : never) : never;
