/**
 * Python parsing: tree-sitter-python (native binding) lowered once, with a tree cursor,
 * into plain objects shaped like CPython's `ast` (see `ast.ts`).
 *
 * Two passes, neither recursive over the input's nesting:
 *  1. an iterative cursor walk copies the named nodes (and the few anonymous tokens the
 *     lowering needs: operators, `async`, slice colons) into small `Raw` records, reading
 *     only type, field and byte range — every read is a call across the native boundary,
 *     so this pass reads as little as it can;
 *  2. a lowering from `Raw` to CPython node shapes, in plain JS.
 * Nesting deeper than {@link MAX_DEPTH} raw levels is cut (the subtree becomes an
 * `Unparsed` node and the result says `tooDeep`), so no later recursive pass can
 * overflow the stack, whatever the input. CPython itself rejects code nested ~200 deep.
 */
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import type * as A from './ast.js';

/** Deepest raw tree-sitter level lowered; deeper subtrees become `Unparsed`. */
export const MAX_DEPTH = 400;

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

export interface ParseResult {
  module: A.Module;
  /** Empty when the file parsed cleanly. */
  syntaxErrors: SyntaxProblem[];
  /** True when some subtree was nested deeper than MAX_DEPTH and was not lowered. */
  tooDeep: boolean;
  /** True when the deadline passed while parsing: the rest of the file was not parsed or lowered. */
  timedOut: boolean;
  /** Comments: 1-based line and the comment's text (with `#`). */
  comments: { line: number; col: number; text: string }[];
  /** Offsets of line starts (UTF-16 units), for position look-ups. */
  lineStarts: number[];
  /** Identifiers whose written spelling CPython's NFKC normalisation changes (the AST holds the normalised name). */
  renamed: RenamedIdentifier[];
}

export type { RenamedIdentifier } from './ast.js';
type RenamedIdentifier = A.RenamedIdentifier;

const ASCII = /^[\x00-\x7f]*$/;

/** The shared child list of raw nodes the walk did not descend into (never written to). */
const NO_KIDS: Raw[] = [];

interface Raw {
  /** tree-sitter node type ('identifier', 'call'…) or the token text for anonymous nodes. */
  t: string;
  /** Field name in the parent, or null. */
  f: string | null;
  /** Start and end offsets (UTF-16 code units). */
  s: number;
  e: number;
  /** Named node? */
  n: boolean;
  k: Raw[];
}

/** Parents whose anonymous children (operators, keywords) the lowering needs. */
const KEEP_ANON = new Set([
  'binary_operator', 'unary_operator', 'boolean_operator', 'augmented_assignment', 'comparison_operator',
  'function_definition', 'for_statement', 'with_statement', 'for_in_clause', 'slice', 'yield',
  'import_from_statement', 'parameters', 'lambda_parameters', 'subscript', 'try_statement',
]);

/** Node types whose children the lowering never reads: the walk does not descend. */
const LEAVES = new Set([
  'identifier', 'integer', 'float', 'string_content', 'string_start', 'string_end', 'comment',
  'true', 'false', 'none', 'ellipsis', 'escape_sequence', 'type_conversion', 'line_continuation',
  'import_prefix', 'keyword_separator', 'positional_separator', 'wildcard_import', 'escape_interpolation',
]);

/** Caches of tree-sitter-python's symbol and field names by id (static per grammar). */
const TYPE_NAMES: (string | undefined)[] = [];
const TYPE_NAMED: (boolean | undefined)[] = [];
const FIELD_NAMES: (string | null | undefined)[] = [];

let sharedParser: Parser | null = null;
function parser(): Parser {
  if (!sharedParser) {
    sharedParser = new Parser();
    sharedParser.setLanguage(Python);
  }
  return sharedParser;
}

/**
 * Parse Python source text into a CPython-shaped `Module`.
 * Never throws on bad input: syntax errors are returned in `syntaxErrors` and whatever
 * could be parsed is still lowered.
 */
export function parsePython(source: string, opts: { deadline?: number } = {}): ParseResult {
  const p = parser();
  const deadline = opts.deadline ?? Infinity;
  let timedOut = false;
  // tree-sitter's node binding reads the string in chunks through a callback when it is
  // large; past the deadline the callback ends the input (the rest is not parsed).
  const tree =
    source.length < 16384
      ? p.parse(source)
      : p.parse((index: number) => {
          if (index >= source.length) return null;
          if (deadline !== Infinity && Date.now() >= deadline) {
            timedOut = true;
            return null;
          }
          return source.slice(index, index + 16384);
        });
  const lowering = new Lowering(source, deadline);
  const root = lowering.walk(tree);
  timedOut ||= lowering.timedOut;
  const module = lowering.module(root);
  const syntaxErrors: SyntaxProblem[] = [];
  if (tree.rootNode.hasError) {
    const first = lowering.firstError;
    if (first) {
      const [line, column] = lowering.position(first.s);
      syntaxErrors.push({ line, column, message: `invalid syntax near ${JSON.stringify(source.slice(first.s, Math.min(first.e, first.s + 30)))}` });
    } else {
      const missing = findMissing(tree);
      syntaxErrors.push(missing ?? { line: 1, column: 0, message: 'invalid syntax' });
    }
  }
  (tree as unknown as { delete?: () => void }).delete?.();
  if (lowering.renamed.length) module.renamed = lowering.renamed;
  return { module, syntaxErrors, tooDeep: lowering.tooDeep, timedOut, comments: lowering.comments, lineStarts: lowering.lineStarts, renamed: lowering.renamed };
}

function findMissing(tree: Parser.Tree): SyntaxProblem | null {
  const c = tree.walk();
  for (;;) {
    if (c.nodeIsMissing) {
      return { line: c.startPosition.row + 1, column: c.startPosition.column, message: `missing ${JSON.stringify(c.nodeType)}` };
    }
    if (c.gotoFirstChild()) continue;
    while (!c.gotoNextSibling()) if (!c.gotoParent()) return null;
  }
}

const BINOPS: Record<string, A.Operator> = {
  '+': 'Add', '-': 'Sub', '*': 'Mult', '@': 'MatMult', '/': 'Div', '%': 'Mod', '**': 'Pow', '<<': 'LShift',
  '>>': 'RShift', '|': 'BitOr', '^': 'BitXor', '&': 'BitAnd', '//': 'FloorDiv',
};
const CMPOPS: Record<string, A.CmpOperator> = {
  '==': 'Eq', '!=': 'NotEq', '<>': 'NotEq', '<': 'Lt', '<=': 'LtE', '>': 'Gt', '>=': 'GtE', is: 'Is', 'is not': 'IsNot',
  in: 'In', 'not in': 'NotIn',
};
const UNOPS: Record<string, A.UnaryOperator> = { '~': 'Invert', not: 'Not', '+': 'UAdd', '-': 'USub' };

class Lowering {
  readonly lineStarts: number[] = [0];
  readonly comments: ParseResult['comments'] = [];
  readonly renamed: RenamedIdentifier[] = [];
  tooDeep = false;
  timedOut = false;
  firstError: Raw | null = null;

  constructor(
    private readonly src: string,
    private readonly deadline = Infinity,
  ) {
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** [1-based line, 0-based column] of an offset. */
  position(offset: number): [number, number] {
    const i = this.lineIndex(offset);
    return [i + 1, offset - this.lineStarts[i]];
  }

  // ---------------- pass 1: cursor walk ----------------

  walk(tree: Parser.Tree): Raw {
    const c = tree.walk();
    const root: Raw = { t: 'module', f: null, s: 0, e: this.src.length, n: true, k: [] };
    const stack: Raw[] = [root];
    if (!c.gotoFirstChild()) return root;
    // Type and field names are read across the native boundary once per id, then cached:
    // a number crosses far cheaper than a string.
    const typeNames = TYPE_NAMES;
    const namedById = TYPE_NAMED;
    const fieldNames = FIELD_NAMES;
    const deadline = this.deadline;
    let steps = 0;
    for (;;) {
      if ((++steps & 1023) === 0 && deadline !== Infinity && Date.now() >= deadline) {
        this.timedOut = true;
        return root;
      }
      const parent = stack[stack.length - 1];
      let descend = false;
      const typeId = c.nodeTypeId;
      let t = typeNames[typeId];
      let named = namedById[typeId];
      if (t === undefined) {
        t = typeNames[typeId] = c.nodeType;
        named = namedById[typeId] = c.nodeIsNamed;
      }
      if (named || KEEP_ANON.has(parent.t)) {
        const fieldId = c.currentFieldId;
        let f: string | null = null;
        if (fieldId) {
          f = fieldNames[fieldId] ?? null;
          if (f === null) f = fieldNames[fieldId] = c.currentFieldName;
        }
        if (!named) {
          parent.k.push({ t, f, s: c.startIndex, e: c.endIndex, n: false, k: NO_KIDS });
        } else if (t === 'comment') {
          const s = c.startIndex;
          const [line, col] = this.position(s);
          this.comments.push({ line, col, text: this.src.slice(s, c.endIndex) });
        } else {
          const raw: Raw = { t, f, s: c.startIndex, e: c.endIndex, n: true, k: NO_KIDS };
          parent.k.push(raw);
          if (t === 'ERROR' && !this.firstError) this.firstError = raw;
          // A string without f/t prefix is read from the source text (see `strings`): its
          // start/content/end/escape children need not cross the native boundary.
          if (!LEAVES.has(t) && !(t === 'string' && !this.interpolates(raw.s))) {
            if (stack.length >= MAX_DEPTH) {
              this.tooDeep = true;
              raw.t = 'TOO_DEEP';
            } else if (c.gotoFirstChild()) {
              raw.k = [];
              stack.push(raw);
              descend = true;
            }
          }
        }
      }
      if (descend) continue;
      while (!c.gotoNextSibling()) {
        if (!c.gotoParent()) return root;
        stack.pop();
        if (stack.length === 0) return root;
      }
    }
  }

  /** Does the string literal starting at `offset` have an f or t prefix (so it holds interpolations)? */
  private interpolates(offset: number): boolean {
    const src = this.src;
    for (let i = offset; i < offset + 3 && i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === 102 || c === 70 || c === 116 || c === 84) return true; // f F t T
      if (c === 34 || c === 39) return false; // the opening quote
    }
    return false;
  }

  /** Prefix, quote length and content range of a string literal read from the source (for strings not descended into). */
  private literalParts(s: Raw): { prefix: string; contentStart: number; contentEnd: number } {
    const src = this.src;
    let i = s.s;
    while (i < s.e && /[a-zA-Z]/.test(src[i])) i++;
    const prefix = src.slice(s.s, i).toLowerCase();
    const q = src[i] ?? '"';
    const qlen = src.startsWith(q + q + q, i) ? 3 : 1;
    const contentStart = Math.min(i + qlen, s.e);
    const close = q.repeat(qlen);
    const contentEnd = s.e - qlen >= contentStart && src.startsWith(close, s.e - qlen) ? s.e - qlen : s.e;
    return { prefix, contentStart, contentEnd };
  }

  // ---------------- pass 2: lowering ----------------

  private text(r: Raw): string {
    return this.src.slice(r.s, r.e);
  }

  /**
   * An identifier (or dotted name) as CPython sees it: NFKC-normalised (PEP 3131), so
   * `ｅｖａｌ` is `eval`. A spelling that normalisation changes is recorded in `renamed`.
   */
  private ident(r: Raw): string {
    const t = this.src.slice(r.s, r.e);
    if (ASCII.test(t)) return t;
    const n = t.normalize('NFKC');
    if (n !== t) {
      const [line, col] = this.position(r.s);
      this.renamed.push({ line, col, endCol: col + (r.e - r.s), written: t, name: n });
    }
    return n;
  }

  /** Index in `lineStarts` of the line holding `offset`, searching from `from` (a line at or before it) when given. */
  lineIndex(offset: number, from = -1): number {
    const ls = this.lineStarts;
    if (from >= 0) {
      // End offsets are usually a few lines after the start: scan forward a little first.
      let i = from;
      for (let k = 0; k < 8 && i + 1 < ls.length && ls[i + 1] <= offset; k++) i++;
      if (i + 1 >= ls.length || ls[i + 1] > offset) return i;
    }
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private at<T extends object>(r: Raw, node: T): T & A.NodeBase {
    const ls = this.lineStarts;
    const a = this.lineIndex(r.s);
    const b = this.lineIndex(r.e, a);
    const n = node as T & A.NodeBase;
    n.lineno = a + 1;
    n.col_offset = r.s - ls[a];
    n.end_lineno = b + 1;
    n.end_col_offset = r.e - ls[b];
    n.parent = null;
    return n;
  }

  private unparsed(r: Raw, reason: string): A.Unparsed {
    return this.at(r, { type: 'Unparsed' as const, reason }) as A.Unparsed;
  }

  module(root: Raw): A.Module {
    const m = this.at(root, { type: 'Module' as const, body: this.block(root.k) }) as A.Module;
    return m;
  }

  /** The named children (the child list itself when all are named: callers never mutate it). */
  private named(r: Raw): Raw[] {
    const k = r.k;
    for (let i = 0; i < k.length; i++) if (!k[i].n) return k.filter((x) => x.n);
    return k;
  }
  private field(r: Raw, name: string): Raw | undefined {
    return r.k.find((k) => k.f === name);
  }
  private fields(r: Raw, name: string): Raw[] {
    return r.k.filter((k) => k.f === name);
  }

  /** Statements of a block (or module / ERROR node). */
  private block(children: Raw[]): A.Stmt[] {
    const out: A.Stmt[] = [];
    for (const k of children) {
      if (!k.n) continue;
      if (k.t === 'block') {
        for (const s of this.block(k.k)) out.push(s);
        continue;
      }
      const s = this.stmt(k);
      if (s) out.push(s);
    }
    return out;
  }

  private body(r: Raw | undefined): A.Stmt[] {
    if (!r) return [];
    if (r.t === 'block') return this.block(r.k);
    const s = this.stmt(r);
    return s ? [s] : [];
  }

  private stmt(r: Raw): A.Stmt | null {
    switch (r.t) {
      case 'expression_statement':
        return this.exprStatement(r);
      case 'return_statement': {
        const v = this.named(r);
        return this.at(r, { type: 'Return' as const, value: v.length ? this.exprList(r, v) : null }) as A.Return;
      }
      case 'delete_statement': {
        const v = this.named(r);
        const targets = v.length === 1 && v[0].t === 'expression_list' ? this.named(v[0]).map((x) => this.expr(x)) : v.map((x) => this.expr(x));
        return this.at(r, { type: 'Delete' as const, targets }) as A.Delete;
      }
      case 'raise_statement': {
        const cause = this.field(r, 'cause');
        const v = this.named(r).filter((x) => x !== cause);
        return this.at(r, {
          type: 'Raise' as const,
          exc: v.length ? this.exprList(r, v) : null,
          cause: cause ? this.expr(cause) : null,
        }) as A.Raise;
      }
      case 'pass_statement':
        return this.at(r, { type: 'Pass' as const });
      case 'break_statement':
        return this.at(r, { type: 'Break' as const });
      case 'continue_statement':
        return this.at(r, { type: 'Continue' as const });
      case 'assert_statement': {
        const v = this.named(r);
        return this.at(r, { type: 'Assert' as const, test: this.expr(v[0]), msg: v[1] ? this.expr(v[1]) : null }) as A.Assert;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        return this.at(r, {
          type: r.t === 'global_statement' ? ('Global' as const) : ('Nonlocal' as const),
          names: this.named(r).map((x) => this.ident(x)),
        }) as A.Global;
      case 'import_statement':
        return this.at(r, { type: 'Import' as const, names: this.fields(r, 'name').map((x) => this.alias(x)) }) as A.Import;
      case 'import_from_statement':
        return this.importFrom(r);
      case 'future_import_statement':
        return this.at(r, {
          type: 'ImportFrom' as const,
          module: '__future__',
          names: this.fields(r, 'name').map((x) => this.alias(x)),
          level: 0,
        });
      case 'if_statement':
        return this.ifStatement(r);
      case 'for_statement': {
        const isAsync = r.k.some((k) => !k.n && k.t === 'async');
        const alt = this.field(r, 'alternative');
        return this.at(r, {
          type: isAsync ? ('AsyncFor' as const) : ('For' as const),
          target: this.target(this.field(r, 'left')),
          iter: this.exprOrMissing(r, this.field(r, 'right')),
          body: this.body(this.field(r, 'body')),
          orelse: alt ? this.body(this.field(alt, 'body') ?? this.named(alt)[0]) : [],
        }) as A.For;
      }
      case 'while_statement': {
        const alt = this.field(r, 'alternative');
        return this.at(r, {
          type: 'While' as const,
          test: this.exprOrMissing(r, this.field(r, 'condition')),
          body: this.body(this.field(r, 'body')),
          orelse: alt ? this.body(this.field(alt, 'body') ?? this.named(alt)[0]) : [],
        }) as A.While;
      }
      case 'try_statement':
        return this.tryStatement(r);
      case 'with_statement':
        return this.withStatement(r);
      case 'function_definition':
        return this.functionDef(r, []);
      case 'class_definition':
        return this.classDef(r, []);
      case 'decorated_definition': {
        const decorators = this.named(r)
          .filter((k) => k.t === 'decorator')
          .map((d) => {
            const e = this.named(d)[0];
            return e ? this.expr(e) : this.unparsed(d, 'empty decorator');
          });
        const def = this.field(r, 'definition');
        if (!def) return null;
        if (def.t === 'class_definition') return this.classDef(def, decorators, r);
        return this.functionDef(def, decorators, r);
      }
      case 'match_statement':
        return this.matchStatement(r);
      case 'type_alias_statement': {
        const left = this.field(r, 'left');
        const right = this.field(r, 'right');
        return this.at(r, {
          type: 'TypeAlias' as const,
          name: left ? this.expr(left) : this.unparsed(r, 'missing name'),
          value: right ? this.expr(right) : this.unparsed(r, 'missing value'),
        }) as A.TypeAlias;
      }
      case 'print_statement':
      case 'exec_statement': {
        // Python 2 statements: lowered as calls so that rules still see them.
        const name = r.t === 'print_statement' ? 'print' : 'exec';
        const func = this.at(r, { type: 'Name' as const, id: name }) as A.Name;
        func.end_lineno = func.lineno;
        func.end_col_offset = func.col_offset + name.length;
        const call = this.at(r, { type: 'Call' as const, func, args: this.named(r).map((x) => this.expr(x)), keywords: [] }) as A.Call;
        return this.at(r, { type: 'Expr' as const, value: call });
      }
      case 'ERROR':
      case 'TOO_DEEP': {
        // Keep what can still be analysed: statements inside an error node.
        const inner = this.block(r.k);
        if (inner.length === 1) return inner[0];
        if (inner.length > 1) {
          return this.at(r, { type: 'If' as const, test: this.unparsed(r, 'syntax error'), body: inner, orelse: [] });
        }
        return null;
      }
      case 'block':
        return null;
      default: {
        // An expression where a statement was expected (inside ERROR recovery).
        const e = this.expr(r);
        return this.at(r, { type: 'Expr' as const, value: e }) as A.ExprStmt;
      }
    }
  }

  private exprStatement(r: Raw): A.Stmt {
    const v = this.named(r);
    if (v.length === 1) {
      const only = v[0];
      if (only.t === 'assignment') return this.assignment(only, r);
      if (only.t === 'augmented_assignment') {
        const op = only.k.find((k) => k.f === 'operator');
        return this.at(r, {
          type: 'AugAssign' as const,
          target: this.target(this.field(only, 'left')),
          op: BINOPS[(op ? op.t : '+=').slice(0, -1)] ?? 'Add',
          value: this.exprOrMissing(only, this.field(only, 'right')),
        }) as A.AugAssign;
      }
    }
    return this.at(r, { type: 'Expr' as const, value: this.exprList(r, v) }) as A.ExprStmt;
  }

  private assignment(a: Raw, stmtRaw: Raw): A.Stmt {
    const type = this.field(a, 'type');
    const left = this.field(a, 'left');
    const right = this.field(a, 'right');
    if (type) {
      return this.at(stmtRaw, {
        type: 'AnnAssign' as const,
        target: this.target(left),
        annotation: this.expr(type),
        value: right ? this.rhs(right) : null,
      }) as A.AnnAssign;
    }
    const targets: A.Expr[] = [this.target(left)];
    let value = right;
    while (value && value.t === 'assignment' && !this.field(value, 'type')) {
      targets.push(this.target(this.field(value, 'left')));
      value = this.field(value, 'right');
    }
    return this.at(stmtRaw, { type: 'Assign' as const, targets, value: value ? this.rhs(value) : this.unparsed(a, 'missing value') }) as A.Assign;
  }

  private rhs(r: Raw): A.Expr {
    if (r.t === 'expression_list') return this.tuple(r, this.named(r));
    return this.expr(r);
  }

  private target(r: Raw | undefined): A.Expr {
    if (!r) return { type: 'Unparsed', reason: 'missing target', lineno: 1, col_offset: 0, end_lineno: 1, end_col_offset: 0, parent: null };
    if (r.t === 'pattern_list' || r.t === 'expression_list') return this.tuple(r, this.named(r));
    return this.expr(r);
  }

  private exprOrMissing(parent: Raw, r: Raw | undefined): A.Expr {
    return r ? this.rhs(r) : this.unparsed(parent, 'missing expression');
  }

  /** One expression, or a Tuple when several are listed (`return a, b`). */
  private exprList(r: Raw, v: Raw[]): A.Expr {
    if (v.length === 1) return this.rhs(v[0]);
    if (v.length === 0) return this.unparsed(r, 'empty');
    return this.tuple(r, v);
  }

  private tuple(r: Raw, v: Raw[]): A.TupleExpr {
    return this.at(r, { type: 'Tuple' as const, elts: v.map((x) => this.expr(x)) }) as A.TupleExpr;
  }

  private alias(r: Raw): A.Alias {
    if (r.t === 'aliased_import') {
      const name = this.field(r, 'name');
      const as = this.field(r, 'alias');
      return this.at(r, { type: 'alias' as const, name: name ? this.dotted(name) : '', asname: as ? this.ident(as) : null }) as A.Alias;
    }
    return this.at(r, { type: 'alias' as const, name: this.dotted(r), asname: null });
  }

  private dotted(r: Raw): string {
    return this.ident(r).replace(/\s+/g, '');
  }

  private importFrom(r: Raw): A.ImportFrom {
    const mod = this.field(r, 'module_name');
    let module: string | null = null;
    let level = 0;
    if (mod) {
      if (mod.t === 'relative_import') {
        const prefix = mod.k.find((k) => k.t === 'import_prefix');
        level = prefix ? this.text(prefix).replace(/\s+/g, '').length : 0;
        const dn = mod.k.find((k) => k.t === 'dotted_name');
        module = dn ? this.dotted(dn) : null;
      } else {
        module = this.dotted(mod);
      }
    }
    const names = this.fields(r, 'name').map((x) => this.alias(x));
    const wildcard = r.k.find((k) => k.t === 'wildcard_import');
    if (wildcard) names.push(this.at(wildcard, { type: 'alias' as const, name: '*', asname: null }));
    return this.at(r, { type: 'ImportFrom' as const, module, names, level }) as A.ImportFrom;
  }

  private ifStatement(r: Raw): A.If {
    const node = this.at(r, {
      type: 'If' as const,
      test: this.exprOrMissing(r, this.field(r, 'condition')),
      body: this.body(this.field(r, 'consequence')),
      orelse: [] as A.Stmt[],
    }) as A.If;
    let tail = node;
    for (const alt of this.fields(r, 'alternative')) {
      if (alt.t === 'elif_clause') {
        const elif = this.at(alt, {
          type: 'If' as const,
          test: this.exprOrMissing(alt, this.field(alt, 'condition')),
          body: this.body(this.field(alt, 'consequence')),
          orelse: [] as A.Stmt[],
        }) as A.If;
        elif.end_lineno = node.end_lineno;
        elif.end_col_offset = node.end_col_offset;
        tail.orelse = [elif];
        tail = elif;
      } else if (alt.t === 'else_clause') {
        tail.orelse = this.body(this.field(alt, 'body') ?? this.named(alt)[0]);
      }
    }
    return node;
  }

  private tryStatement(r: Raw): A.Try {
    const handlers: A.ExceptHandler[] = [];
    let orelse: A.Stmt[] = [];
    let finalbody: A.Stmt[] = [];
    let star = false;
    for (const k of r.k) {
      if (k.t === 'except_clause' || k.t === 'except_group_clause') {
        if (k.t === 'except_group_clause') star = true;
        handlers.push(this.exceptHandler(k));
      } else if (k.t === 'else_clause') {
        orelse = this.body(this.field(k, 'body') ?? this.named(k)[0]);
      } else if (k.t === 'finally_clause') {
        finalbody = this.block(k.k);
      }
    }
    return this.at(r, {
      type: star ? ('TryStar' as const) : ('Try' as const),
      body: this.body(this.field(r, 'body')),
      handlers,
      orelse,
      finalbody,
    }) as A.Try;
  }

  private exceptHandler(k: Raw): A.ExceptHandler {
    let excType: A.Expr | null = null;
    let name: string | null = null;
    const value = this.field(k, 'value');
    const alias = this.field(k, 'alias');
    const blockRaw = k.k.find((x) => x.t === 'block');
    if (value && value.t === 'as_pattern') {
      const target = this.field(value, 'alias');
      const inner = this.named(value).filter((x) => x !== target);
      excType = inner[0] ? this.expr(inner[0]) : null;
      if (target) name = this.ident(target).trim();
    } else if (value) excType = this.expr(value);
    if (alias) name = this.ident(alias);
    if (!value) {
      // Older grammar shapes: `except E as e:` as an as_pattern child, or bare expressions.
      const exprs = this.named(k).filter((x) => x !== blockRaw && x !== alias);
      const first = exprs[0];
      if (first) {
        if (first.t === 'as_pattern') {
          const inner = this.named(first);
          excType = inner[0] ? this.expr(inner[0]) : null;
          const target = this.field(first, 'alias') ?? inner[1];
          if (target) name = this.ident(target).trim();
        } else {
          excType = this.expr(first);
          if (exprs[1]) name = this.ident(exprs[1]);
        }
      }
    }
    return this.at(k, { type: 'ExceptHandler' as const, exc_type: excType, name, body: this.body(blockRaw) }) as A.ExceptHandler;
  }

  private withStatement(r: Raw): A.With {
    const isAsync = r.k.some((k) => !k.n && k.t === 'async');
    const clause = r.k.find((k) => k.t === 'with_clause');
    const items: A.WithItem[] = [];
    for (const item of clause ? clause.k.filter((k) => k.t === 'with_item') : []) {
      const v = this.field(item, 'value') ?? this.named(item)[0];
      if (!v) continue;
      if (v.t === 'as_pattern') {
        const inner = this.named(v);
        const target = this.field(v, 'alias');
        const ctx = inner.find((x) => x !== target);
        const tgt = target ? (this.named(target)[0] ?? target) : undefined;
        items.push(
          this.at(item, {
            type: 'withitem' as const,
            context_expr: ctx ? this.expr(ctx) : this.unparsed(v, 'missing context'),
            optional_vars: tgt ? this.target(tgt) : null,
          }) as A.WithItem,
        );
      } else {
        items.push(this.at(item, { type: 'withitem' as const, context_expr: this.expr(v), optional_vars: null }));
      }
    }
    return this.at(r, {
      type: isAsync ? ('AsyncWith' as const) : ('With' as const),
      items,
      body: this.body(this.field(r, 'body')),
    }) as A.With;
  }

  private functionDef(r: Raw, decorators: A.Expr[], outer?: Raw): A.FunctionDef {
    const isAsync = r.k.some((k) => !k.n && k.t === 'async');
    const name = this.field(r, 'name');
    const params = this.field(r, 'parameters');
    const ret = this.field(r, 'return_type');
    const node = this.at(outer ?? r, {
      type: isAsync ? ('AsyncFunctionDef' as const) : ('FunctionDef' as const),
      name: name ? this.ident(name) : '',
      args: this.parameters(params ?? r, !params),
      body: this.body(this.field(r, 'body')),
      decorator_list: decorators,
      returns: ret ? this.expr(ret) : null,
    }) as A.FunctionDef;
    if (outer && name) {
      // CPython puts a decorated def's position at the `def`/`class` keyword line.
      const [l, c] = this.position(r.s);
      node.lineno = l;
      node.col_offset = c;
    }
    return node;
  }

  private classDef(r: Raw, decorators: A.Expr[], outer?: Raw): A.ClassDef {
    const name = this.field(r, 'name');
    const sup = this.field(r, 'superclasses');
    const bases: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    if (sup) this.callArgs(sup, bases, keywords);
    const node = this.at(outer ?? r, {
      type: 'ClassDef' as const,
      name: name ? this.ident(name) : '',
      bases,
      keywords,
      body: this.body(this.field(r, 'body')),
      decorator_list: decorators,
    }) as A.ClassDef;
    if (outer) {
      const [l, c] = this.position(r.s);
      node.lineno = l;
      node.col_offset = c;
    }
    return node;
  }

  private parameters(r: Raw, empty: boolean): A.Arguments {
    const args: A.Arguments = this.at(r, {
      type: 'arguments' as const,
      posonlyargs: [] as A.Arg[],
      args: [] as A.Arg[],
      vararg: null as A.Arg | null,
      kwonlyargs: [] as A.Arg[],
      kw_defaults: [] as (A.Expr | null)[],
      kwarg: null as A.Arg | null,
      defaults: [] as A.Expr[],
    }) as A.Arguments;
    if (empty) return args;
    let kwonly = false;
    const mkArg = (nameRaw: Raw | undefined, at: Raw, annotation: Raw | undefined): A.Arg =>
      this.at(at, {
        type: 'arg' as const,
        arg: nameRaw ? this.ident(nameRaw) : '',
        annotation: annotation ? this.expr(annotation) : null,
      }) as A.Arg;
    for (const p of r.k) {
      if (!p.n) {
        continue;
      }
      let nameRaw: Raw | undefined;
      let typeRaw: Raw | undefined;
      let defRaw: Raw | undefined;
      let splat: 'var' | 'kw' | null = null;
      switch (p.t) {
        case 'identifier':
          nameRaw = p;
          break;
        case 'default_parameter':
          nameRaw = this.field(p, 'name');
          defRaw = this.field(p, 'value');
          break;
        case 'typed_default_parameter':
          nameRaw = this.field(p, 'name');
          typeRaw = this.field(p, 'type');
          defRaw = this.field(p, 'value');
          break;
        case 'typed_parameter': {
          typeRaw = this.field(p, 'type');
          const inner = p.k.find((k) => k.n && k.f !== 'type');
          if (inner?.t === 'list_splat_pattern') {
            splat = 'var';
            nameRaw = this.named(inner)[0];
          } else if (inner?.t === 'dictionary_splat_pattern') {
            splat = 'kw';
            nameRaw = this.named(inner)[0];
          } else nameRaw = inner;
          break;
        }
        case 'list_splat_pattern':
          splat = 'var';
          nameRaw = this.named(p)[0];
          break;
        case 'dictionary_splat_pattern':
          splat = 'kw';
          nameRaw = this.named(p)[0];
          break;
        case 'keyword_separator':
          kwonly = true;
          continue;
        case 'positional_separator':
          for (const a of args.args) args.posonlyargs.push(a);
          args.args = [];
          continue;
        default:
          continue; // tuple parameters (Python 2) and error nodes
      }
      const arg = mkArg(nameRaw, p, typeRaw);
      if (splat === 'var') {
        args.vararg = arg;
        kwonly = true;
      } else if (splat === 'kw') {
        args.kwarg = arg;
      } else if (kwonly) {
        args.kwonlyargs.push(arg);
        args.kw_defaults.push(defRaw ? this.expr(defRaw) : null);
      } else {
        args.args.push(arg);
        if (defRaw) args.defaults.push(this.expr(defRaw));
      }
    }
    return args;
  }

  private matchStatement(r: Raw): A.Match {
    const subjects = this.fields(r, 'subject');
    const subject = subjects.length === 1 ? this.expr(subjects[0]) : subjects.length ? this.tuple(r, subjects) : this.unparsed(r, 'missing subject');
    const cases: A.MatchCase[] = [];
    const bodyRaw = this.field(r, 'body');
    for (const c of bodyRaw ? bodyRaw.k.filter((k) => k.t === 'case_clause') : []) {
      const pats = c.k.filter((k) => k.t === 'case_pattern');
      const guard = this.field(c, 'guard');
      const guardExpr = guard ? (guard.t === 'if_clause' ? this.named(guard)[0] : guard) : undefined;
      cases.push(
        this.at(c, {
          type: 'match_case' as const,
          pattern: pats.length === 1 ? this.pattern(pats[0]) : pats.length ? this.at(c, { type: 'Tuple' as const, elts: pats.map((p) => this.pattern(p)) }) as A.TupleExpr : this.unparsed(c, 'missing pattern'),
          guard: guardExpr ? this.expr(guardExpr) : null,
          body: this.body(this.field(c, 'consequence')),
        }) as A.MatchCase,
      );
    }
    return this.at(r, { type: 'Match' as const, subject, cases }) as A.Match;
  }

  private pattern(p: Raw): A.Expr {
    const inner = this.named(p);
    if (inner.length === 1) {
      const x = inner[0];
      if (x.t === 'class_pattern' || x.t === 'dict_pattern' || x.t === 'union_pattern' || x.t === 'complex_pattern' || x.t === 'keyword_pattern' || x.t === 'splat_pattern') {
        return this.unparsed(x, 'pattern');
      }
      return this.expr(x);
    }
    return inner.length ? this.unparsed(p, 'pattern') : this.at(p, { type: 'Name' as const, id: '_' }) as A.Name;
  }

  // ---------------- expressions ----------------

  expr(r: Raw): A.Expr {
    switch (r.t) {
      case 'identifier':
        return this.at(r, { type: 'Name' as const, id: this.ident(r) }) as A.Name;
      case 'integer':
      case 'float': {
        const t = this.text(r).replace(/_/g, '');
        if (/[jJ]$/.test(t)) return this.at(r, { type: 'Constant' as const, value: Number(t.slice(0, -1)), kind: 'complex' as const });
        const isInt = r.t === 'integer';
        const clean = isInt ? t.replace(/[lL]$/, '') : t;
        let value = Number(clean);
        if (Number.isNaN(value) && isInt && /^0[0-7]+$/.test(clean)) value = parseInt(clean, 8); // Python 2 octal
        return this.at(r, { type: 'Constant' as const, value, kind: isInt ? ('int' as const) : ('float' as const) });
      }
      case 'true':
      case 'false':
        return this.at(r, { type: 'Constant' as const, value: r.t === 'true', kind: 'bool' as const });
      case 'none':
        return this.at(r, { type: 'Constant' as const, value: null, kind: 'None' as const });
      case 'ellipsis':
        return this.at(r, { type: 'Constant' as const, value: null, kind: 'Ellipsis' as const });
      case 'string':
        return this.strings(r, [r]);
      case 'concatenated_string':
        return this.strings(r, this.named(r).filter((k) => k.t === 'string'));
      case 'attribute': {
        const obj = this.field(r, 'object');
        const attr = this.field(r, 'attribute');
        return this.at(r, {
          type: 'Attribute' as const,
          value: obj ? this.expr(obj) : this.unparsed(r, 'missing object'),
          attr: attr ? this.ident(attr) : '',
        }) as A.Attribute;
      }
      case 'subscript': {
        const value = this.field(r, 'value');
        const subs = this.fields(r, 'subscript');
        const hasComma = r.k.some((k) => !k.n && k.t === ',');
        const slice = subs.length === 1 && !hasComma ? this.expr(subs[0]) : this.tuple(r, subs);
        return this.at(r, { type: 'Subscript' as const, value: value ? this.expr(value) : this.unparsed(r, 'missing value'), slice }) as A.Subscript;
      }
      case 'slice':
        return this.slice(r);
      case 'call':
        return this.call(r);
      case 'binary_operator': {
        const op = r.k.find((k) => k.f === 'operator');
        return this.at(r, {
          type: 'BinOp' as const,
          left: this.exprOrMissing(r, this.field(r, 'left')),
          op: BINOPS[op ? op.t : '+'] ?? 'Add',
          right: this.exprOrMissing(r, this.field(r, 'right')),
        }) as A.BinOp;
      }
      case 'unary_operator': {
        const op = r.k.find((k) => k.f === 'operator');
        return this.at(r, {
          type: 'UnaryOp' as const,
          op: UNOPS[op ? op.t : '-'] ?? 'USub',
          operand: this.exprOrMissing(r, this.field(r, 'argument')),
        }) as A.UnaryOp;
      }
      case 'not_operator':
        return this.at(r, { type: 'UnaryOp' as const, op: 'Not' as const, operand: this.exprOrMissing(r, this.field(r, 'argument')) });
      case 'boolean_operator':
        return this.boolOp(r);
      case 'comparison_operator': {
        const operands: A.Expr[] = [];
        const ops: A.CmpOperator[] = [];
        for (const k of r.k) {
          if (k.n) operands.push(this.expr(k));
          else if (k.f === 'operators') ops.push(CMPOPS[k.t.replace(/\s+/g, ' ')] ?? 'Eq');
        }
        return this.at(r, { type: 'Compare' as const, left: operands[0] ?? this.unparsed(r, 'missing'), ops, comparators: operands.slice(1) }) as A.Compare;
      }
      case 'conditional_expression': {
        const v = this.named(r);
        return this.at(r, {
          type: 'IfExp' as const,
          body: v[0] ? this.expr(v[0]) : this.unparsed(r, 'missing'),
          test: v[1] ? this.expr(v[1]) : this.unparsed(r, 'missing'),
          orelse: v[2] ? this.expr(v[2]) : this.unparsed(r, 'missing'),
        }) as A.IfExp;
      }
      case 'lambda': {
        const params = this.field(r, 'parameters');
        return this.at(r, {
          type: 'Lambda' as const,
          args: this.parameters(params ?? r, !params),
          body: this.exprOrMissing(r, this.field(r, 'body')),
        }) as A.Lambda;
      }
      case 'named_expression':
        return this.at(r, {
          type: 'NamedExpr' as const,
          target: this.exprOrMissing(r, this.field(r, 'name')) as A.Name,
          value: this.exprOrMissing(r, this.field(r, 'value')),
        }) as A.NamedExpr;
      case 'parenthesized_expression': {
        const v = this.named(r);
        if (v.length === 1) return this.rhs(v[0]);
        return this.unparsed(r, 'empty parentheses');
      }
      case 'tuple':
      case 'expression_list':
      case 'pattern_list':
      case 'tuple_pattern':
        return this.tuple(r, this.named(r));
      case 'list':
      case 'list_pattern':
        return this.at(r, { type: 'List' as const, elts: this.named(r).map((x) => this.expr(x)) }) as A.ListExpr;
      case 'set':
        return this.at(r, { type: 'Set' as const, elts: this.named(r).map((x) => this.expr(x)) }) as A.SetExpr;
      case 'dictionary': {
        const keys: (A.Expr | null)[] = [];
        const values: A.Expr[] = [];
        for (const k of this.named(r)) {
          if (k.t === 'pair') {
            keys.push(this.exprOrMissing(k, this.field(k, 'key')));
            values.push(this.exprOrMissing(k, this.field(k, 'value')));
          } else if (k.t === 'dictionary_splat') {
            keys.push(null);
            const v = this.named(k)[0];
            values.push(v ? this.expr(v) : this.unparsed(k, 'missing'));
          }
        }
        return this.at(r, { type: 'Dict' as const, keys, values }) as A.Dict;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression': {
        const type = r.t === 'list_comprehension' ? 'ListComp' : r.t === 'set_comprehension' ? 'SetComp' : 'GeneratorExp';
        return this.at(r, {
          type: type as 'ListComp',
          elt: this.exprOrMissing(r, this.field(r, 'body')),
          generators: this.comprehensions(r),
        });
      }
      case 'dictionary_comprehension': {
        const body = this.field(r, 'body');
        return this.at(r, {
          type: 'DictComp' as const,
          key: body ? this.exprOrMissing(body, this.field(body, 'key')) : this.unparsed(r, 'missing'),
          value: body ? this.exprOrMissing(body, this.field(body, 'value')) : this.unparsed(r, 'missing'),
          generators: this.comprehensions(r),
        }) as A.DictComp;
      }
      case 'await': {
        const v = this.named(r)[0];
        return this.at(r, { type: 'Await' as const, value: v ? this.expr(v) : this.unparsed(r, 'missing') }) as A.Await;
      }
      case 'yield': {
        const isFrom = r.k.some((k) => !k.n && k.t === 'from');
        const v = this.named(r);
        if (isFrom) return this.at(r, { type: 'YieldFrom' as const, value: v[0] ? this.expr(v[0]) : this.unparsed(r, 'missing') }) as A.YieldFrom;
        return this.at(r, { type: 'Yield' as const, value: v.length ? this.exprList(r, v) : null }) as A.Yield;
      }
      case 'list_splat':
      case 'parenthesized_list_splat':
      case 'list_splat_pattern': {
        const v = this.named(r)[0];
        return this.at(r, { type: 'Starred' as const, value: v ? this.expr(v) : this.unparsed(r, 'missing') }) as A.Starred;
      }
      case 'type':
      case 'as_pattern_target':
      case 'case_pattern': {
        const v = this.named(r);
        return v.length === 1 ? this.expr(v[0]) : this.unparsed(r, r.t);
      }
      case 'keyword_argument': {
        // Only reached inside error recovery; keep the value.
        const v = this.field(r, 'value');
        return v ? this.expr(v) : this.unparsed(r, 'keyword');
      }
      case 'generic_type': {
        const v = this.named(r);
        const params = v.filter((x) => x.t === 'type_parameter').flatMap((x) => this.named(x));
        return this.at(r, {
          type: 'Subscript' as const,
          value: v[0] ? this.expr(v[0]) : this.unparsed(r, 'missing'),
          slice: params.length === 1 ? this.expr(params[0]) : this.tuple(r, params),
        }) as A.Subscript;
      }
      case 'union_type': {
        const v = this.named(r);
        if (v.length !== 2) return this.unparsed(r, r.t);
        return this.at(r, { type: 'BinOp' as const, left: this.expr(v[0]), op: 'BitOr' as const, right: this.expr(v[1]) });
      }
      case 'member_type': {
        const v = this.named(r);
        if (v.length !== 2) return this.unparsed(r, r.t);
        return this.at(r, { type: 'Attribute' as const, value: this.expr(v[0]), attr: this.ident(v[1]) }) as A.Attribute;
      }
      case 'splat_type': {
        const v = this.named(r)[0];
        return this.at(r, { type: 'Starred' as const, value: v ? this.expr(v) : this.unparsed(r, 'missing') }) as A.Starred;
      }
      case 'TOO_DEEP':
        return this.unparsed(r, 'nesting too deep');
      default:
        return this.unparsed(r, r.t);
    }
  }

  private boolOp(r: Raw): A.BoolOp {
    const opTok = r.k.find((k) => k.f === 'operator');
    const op = opTok && opTok.t === 'or' ? ('Or' as const) : ('And' as const);
    const values: A.Expr[] = [];
    // Flatten left-nested chains of the same operator, iteratively.
    const pending: Raw[] = [];
    let cur: Raw | undefined = r;
    const rights: Raw[] = [];
    while (cur && cur.t === 'boolean_operator') {
      const o = cur.k.find((k) => k.f === 'operator');
      const curOp = o && o.t === 'or' ? 'Or' : 'And';
      if (curOp !== op) break;
      const right = this.field(cur, 'right');
      if (right) rights.push(right);
      cur = this.field(cur, 'left');
    }
    if (cur) pending.push(cur);
    for (let i = rights.length - 1; i >= 0; i--) pending.push(rights[i]);
    for (const p of pending) values.push(this.expr(p));
    return this.at(r, { type: 'BoolOp' as const, op, values }) as A.BoolOp;
  }

  private slice(r: Raw): A.Slice {
    const parts: (Raw | null)[] = [null];
    for (const k of r.k) {
      if (!k.n && k.t === ':') parts.push(null);
      else if (k.n) parts[parts.length - 1] = k;
    }
    const e = (x: Raw | null | undefined) => (x ? this.expr(x) : null);
    return this.at(r, { type: 'Slice' as const, lower: e(parts[0]), upper: e(parts[1]), step: e(parts[2]) }) as A.Slice;
  }

  private comprehensions(r: Raw): A.Comprehension[] {
    const gens: A.Comprehension[] = [];
    for (const k of r.k) {
      if (k.t === 'for_in_clause') {
        const rights = this.fields(k, 'right');
        gens.push(
          this.at(k, {
            type: 'comprehension' as const,
            target: this.target(this.field(k, 'left')),
            iter: rights.length > 1 ? this.tuple(k, rights) : this.exprOrMissing(k, rights[0]),
            ifs: [] as A.Expr[],
            is_async: k.k.some((x) => !x.n && x.t === 'async'),
          }) as A.Comprehension,
        );
      } else if (k.t === 'if_clause') {
        const v = this.named(k)[0];
        const last = gens[gens.length - 1];
        if (v && last) last.ifs.push(this.expr(v));
      }
    }
    return gens;
  }

  private call(r: Raw): A.Expr {
    const fn = this.field(r, 'function');
    const argsRaw = this.field(r, 'arguments');
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    if (argsRaw) {
      if (argsRaw.t === 'generator_expression') args.push(this.expr(argsRaw));
      else this.callArgs(argsRaw, args, keywords);
    }
    return this.at(r, { type: 'Call' as const, func: fn ? this.expr(fn) : this.unparsed(r, 'missing function'), args, keywords }) as A.Call;
  }

  private callArgs(list: Raw, args: A.Expr[], keywords: A.Keyword[]): void {
    for (const k of list.k) {
      if (!k.n) continue;
      if (k.t === 'keyword_argument') {
        const name = this.field(k, 'name');
        keywords.push(
          this.at(k, { type: 'keyword' as const, arg: name ? this.ident(name) : null, value: this.exprOrMissing(k, this.field(k, 'value')) }) as A.Keyword,
        );
      } else if (k.t === 'dictionary_splat') {
        const v = this.named(k)[0];
        keywords.push(this.at(k, { type: 'keyword' as const, arg: null, value: v ? this.expr(v) : this.unparsed(k, 'missing') }));
      } else {
        args.push(this.expr(k));
      }
    }
  }

  /** One string literal or an implicit concatenation of several. */
  private strings(r: Raw, parts: Raw[]): A.Expr {
    let isF = false;
    let isBytes = false;
    const pieces: (string | A.FormattedValue)[] = [];
    for (const s of parts) {
      let prefix: string;
      let contentStart: number;
      let contentEnd: number;
      if (s.k.length === 0) {
        // Not descended into (no f/t prefix): read from the source.
        ({ prefix, contentStart, contentEnd } = this.literalParts(s));
      } else {
        const start = s.k.find((k) => k.t === 'string_start');
        const end = s.k.find((k) => k.t === 'string_end');
        if (!start) continue;
        prefix = this.text(start).replace(/['"]+$/, '').toLowerCase();
        contentStart = start.e;
        contentEnd = end ? end.s : s.e;
      }
      const raw = prefix.includes('r');
      const fstr = prefix.includes('f') || prefix.includes('t');
      if (prefix.includes('b')) isBytes = true;
      if (!fstr) {
        pieces.push(decodeLiteral(this.src.slice(contentStart, contentEnd), raw));
        continue;
      }
      isF = true;
      let pos = contentStart;
      for (const k of s.k) {
        if (k.t !== 'interpolation') continue;
        if (k.s > pos) pieces.push(decodeLiteral(this.src.slice(pos, k.s), raw).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
        pieces.push(this.interpolation(k));
        pos = k.e;
      }
      if (contentEnd > pos) pieces.push(decodeLiteral(this.src.slice(pos, contentEnd), raw).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
    }
    if (!isF) {
      return this.at(r, { type: 'Constant' as const, value: pieces.join(''), kind: isBytes ? ('bytes' as const) : ('str' as const) });
    }
    const values: A.Expr[] = [];
    let acc = '';
    for (const p of pieces) {
      if (typeof p === 'string') acc += p;
      else {
        if (acc) values.push(this.at(r, { type: 'Constant' as const, value: acc, kind: 'str' as const }));
        acc = '';
        values.push(p);
      }
    }
    if (acc) values.push(this.at(r, { type: 'Constant' as const, value: acc, kind: 'str' as const }));
    return this.at(r, { type: 'JoinedStr' as const, values }) as A.JoinedStr;
  }

  private interpolation(k: Raw): A.FormattedValue {
    const e = this.field(k, 'expression');
    const conv = this.field(k, 'type_conversion');
    const spec = this.field(k, 'format_specifier');
    let conversion = -1;
    if (conv) {
      const c = this.text(conv).replace('!', '');
      conversion = c.charCodeAt(0);
    }
    let format_spec: A.JoinedStr | null = null;
    if (spec) {
      const values: A.Expr[] = [];
      let pos = spec.s + 1; // skip ':'
      for (const x of spec.k) {
        if (x.t !== 'interpolation' && x.t !== 'format_expression') continue;
        if (x.s > pos) values.push(this.at(spec, { type: 'Constant' as const, value: this.src.slice(pos, x.s), kind: 'str' as const }));
        values.push(this.interpolation(x));
        pos = x.e;
      }
      if (spec.e > pos) values.push(this.at(spec, { type: 'Constant' as const, value: this.src.slice(pos, spec.e), kind: 'str' as const }));
      format_spec = this.at(spec, { type: 'JoinedStr' as const, values }) as A.JoinedStr;
    }
    return this.at(k, {
      type: 'FormattedValue' as const,
      value: e ? this.rhs(e) : this.unparsed(k, 'missing'),
      conversion,
      format_spec,
    }) as A.FormattedValue;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '', '\r': '',
};

/** Decode the escapes of a Python string literal's body (not raw strings). */
export function decodeLiteral(body: string, raw: boolean): string {
  if (raw || body.indexOf('\\') === -1) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|\r\n|[\s\S])/g, (m, esc: string) => {
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) return simple;
    if (esc === '\r\n') return '';
    const c = esc[0];
    if (c === 'x' || c === 'u' || c === 'U') {
      const cp = parseInt(esc.slice(1), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    if (c >= '0' && c <= '7') return String.fromCharCode(parseInt(esc, 8) & 0xffff);
    return m; // unknown escapes and \N{...} are kept as written
  });
}
