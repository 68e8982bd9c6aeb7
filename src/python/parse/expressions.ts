/**
 * Expressions: names, numbers and constants, operators, calls and their arguments,
 * subscripts and slices, containers and comprehensions, lambdas (and the parameter lists
 * they share with `def`), and the type-annotation forms tree-sitter has nodes for.
 */
import type * as A from '../ast.js';
import { field, fields, hasToken, named, type Raw } from './raw.js';
import { StringLowering } from './strings.js';

/** Binary operator tokens (also the stem of augmented assignment's `+=`…). */
export const BINOPS: Record<string, A.Operator> = {
  '+': 'Add', '-': 'Sub', '*': 'Mult', '@': 'MatMult', '/': 'Div', '%': 'Mod', '**': 'Pow', '<<': 'LShift',
  '>>': 'RShift', '|': 'BitOr', '^': 'BitXor', '&': 'BitAnd', '//': 'FloorDiv',
};
const CMPOPS: Record<string, A.CmpOperator> = {
  '==': 'Eq', '!=': 'NotEq', '<>': 'NotEq', '<': 'Lt', '<=': 'LtE', '>': 'Gt', '>=': 'GtE', is: 'Is', 'is not': 'IsNot',
  in: 'In', 'not in': 'NotIn',
};
const UNOPS: Record<string, A.UnaryOperator> = { '~': 'Invert', not: 'Not', '+': 'UAdd', '-': 'USub' };

/** The expression part of the lowering (strings below it, patterns and statements above). */
export abstract class ExpressionLowering extends StringLowering {
  /** One expression node, by tree-sitter type; anything else becomes `Unparsed`. */
  protected expr(r: Raw): A.Expr {
    switch (r.t) {
      case 'identifier':
        return this.at<A.Name>(r, { type: 'Name', id: this.ident(r) });
      case 'integer':
      case 'float':
        return this.number(r);
      case 'true':
      case 'false':
        return this.at<A.Constant>(r, { type: 'Constant', value: r.t === 'true', kind: 'bool' });
      case 'none':
        return this.at<A.Constant>(r, { type: 'Constant', value: null, kind: 'None' });
      case 'ellipsis':
        return this.at<A.Constant>(r, { type: 'Constant', value: null, kind: 'Ellipsis' });
      case 'string':
        return this.strings(r, [r]);
      case 'concatenated_string':
        return this.strings(r, named(r).filter((k) => k.t === 'string'));
      case 'attribute':
        return this.attribute(r);
      case 'subscript':
        return this.subscript(r);
      case 'slice':
        return this.slice(r);
      case 'call':
        return this.call(r);
      case 'binary_operator':
        return this.binOp(r);
      case 'unary_operator':
        return this.unaryOp(r);
      case 'not_operator':
        return this.at<A.UnaryOp>(r, { type: 'UnaryOp', op: 'Not', operand: this.exprOrMissing(r, field(r, 'argument')) });
      case 'boolean_operator':
        return this.boolOp(r);
      case 'comparison_operator':
        return this.compare(r);
      case 'conditional_expression':
        return this.ifExp(r);
      case 'lambda':
        return this.lambda(r);
      case 'named_expression':
        return this.at<A.NamedExpr>(r, {
          type: 'NamedExpr',
          target: this.exprOrMissing(r, field(r, 'name')) as A.Name,
          value: this.exprOrMissing(r, field(r, 'value')),
        });
      case 'parenthesized_expression': {
        const v = named(r);
        if (v.length === 1) return this.rhs(v[0]);
        return this.unparsed(r, 'empty parentheses');
      }
      case 'tuple':
      case 'expression_list':
      case 'pattern_list':
      case 'tuple_pattern':
        return this.tuple(r, named(r));
      case 'list':
      case 'list_pattern':
        return this.at<A.ListExpr>(r, { type: 'List', elts: named(r).map((x) => this.expr(x)) });
      case 'set':
        return this.at<A.SetExpr>(r, { type: 'Set', elts: named(r).map((x) => this.expr(x)) });
      case 'dictionary':
        return this.dict(r);
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
        return this.comp(r);
      case 'dictionary_comprehension':
        return this.dictComp(r);
      case 'await': {
        const v = named(r)[0];
        return this.at<A.Await>(r, { type: 'Await', value: v ? this.expr(v) : this.unparsed(r, 'missing') });
      }
      case 'yield':
        return this.yieldExpr(r);
      case 'list_splat':
      case 'parenthesized_list_splat':
      case 'list_splat_pattern':
        return this.starred(r);
      case 'type':
      case 'as_pattern_target':
      case 'case_pattern': {
        const v = named(r);
        return v.length === 1 ? this.expr(v[0]) : this.unparsed(r, r.t);
      }
      case 'keyword_argument': {
        // Only reached inside error recovery; keep the value.
        const v = field(r, 'value');
        return v ? this.expr(v) : this.unparsed(r, 'keyword');
      }
      case 'generic_type':
        return this.genericType(r);
      case 'union_type':
        return this.unionType(r);
      case 'member_type':
        return this.memberType(r);
      case 'splat_type':
        return this.starred(r);
      case 'TOO_DEEP':
        return this.unparsed(r, 'nesting too deep');
      default:
        return this.unparsed(r, r.t);
    }
  }

  /** An integer, float or imaginary literal (`1_000`, `0x1f`, `2j`, Python 2's `017` and `10L`). */
  private number(r: Raw): A.Constant {
    const t = this.text(r).replace(/_/g, '');
    if (/[jJ]$/.test(t)) return this.at<A.Constant>(r, { type: 'Constant', value: Number(t.slice(0, -1)), kind: 'complex' });
    const isInt = r.t === 'integer';
    const clean = isInt ? t.replace(/[lL]$/, '') : t;
    let value = Number(clean);
    if (Number.isNaN(value) && isInt && /^0[0-7]+$/.test(clean)) value = parseInt(clean, 8); // Python 2 octal
    return this.at<A.Constant>(r, { type: 'Constant', value, kind: isInt ? 'int' : 'float' });
  }

  private attribute(r: Raw): A.Attribute {
    const obj = field(r, 'object');
    const attr = field(r, 'attribute');
    return this.at<A.Attribute>(r, {
      type: 'Attribute',
      value: obj ? this.expr(obj) : this.unparsed(r, 'missing object'),
      attr: attr ? this.ident(attr) : '',
    });
  }

  /** `value[i]`, `value[i, j]` (a Tuple slice) and `value[a:b]`. */
  private subscript(r: Raw): A.Subscript {
    const value = field(r, 'value');
    const subs = fields(r, 'subscript');
    const hasComma = hasToken(r, ',');
    const slice = subs.length === 1 && !hasComma ? this.expr(subs[0]) : this.tuple(r, subs);
    return this.at<A.Subscript>(r, { type: 'Subscript', value: value ? this.expr(value) : this.unparsed(r, 'missing value'), slice });
  }

  private binOp(r: Raw): A.BinOp {
    const op = r.k.find((k) => k.f === 'operator');
    return this.at<A.BinOp>(r, {
      type: 'BinOp',
      left: this.exprOrMissing(r, field(r, 'left')),
      op: BINOPS[op ? op.t : '+'] ?? 'Add',
      right: this.exprOrMissing(r, field(r, 'right')),
    });
  }

  private unaryOp(r: Raw): A.UnaryOp {
    const op = r.k.find((k) => k.f === 'operator');
    return this.at<A.UnaryOp>(r, {
      type: 'UnaryOp',
      op: UNOPS[op ? op.t : '-'] ?? 'USub',
      operand: this.exprOrMissing(r, field(r, 'argument')),
    });
  }

  /** A comparison chain `a < b <= c`: one Compare with the operands and operators in order. */
  private compare(r: Raw): A.Compare {
    const operands: A.Expr[] = [];
    const ops: A.CmpOperator[] = [];
    for (const k of r.k) {
      if (k.n) operands.push(this.expr(k));
      else if (k.f === 'operators') ops.push(CMPOPS[k.t.replace(/\s+/g, ' ')] ?? 'Eq');
    }
    return this.at<A.Compare>(r, { type: 'Compare', left: operands[0] ?? this.unparsed(r, 'missing'), ops, comparators: operands.slice(1) });
  }

  /** `body if test else orelse`. */
  private ifExp(r: Raw): A.IfExp {
    const v = named(r);
    return this.at<A.IfExp>(r, {
      type: 'IfExp',
      body: v[0] ? this.expr(v[0]) : this.unparsed(r, 'missing'),
      test: v[1] ? this.expr(v[1]) : this.unparsed(r, 'missing'),
      orelse: v[2] ? this.expr(v[2]) : this.unparsed(r, 'missing'),
    });
  }

  private lambda(r: Raw): A.Lambda {
    const params = field(r, 'parameters');
    return this.at<A.Lambda>(r, {
      type: 'Lambda',
      args: this.parameters(params ?? r, !params),
      body: this.exprOrMissing(r, field(r, 'body')),
    });
  }

  /** A dict display: `**mapping` entries have a null key. */
  private dict(r: Raw): A.Dict {
    const keys: (A.Expr | null)[] = [];
    const values: A.Expr[] = [];
    for (const k of named(r)) {
      if (k.t === 'pair') {
        keys.push(this.exprOrMissing(k, field(k, 'key')));
        values.push(this.exprOrMissing(k, field(k, 'value')));
      } else if (k.t === 'dictionary_splat') {
        keys.push(null);
        const v = named(k)[0];
        values.push(v ? this.expr(v) : this.unparsed(k, 'missing'));
      }
    }
    return this.at<A.Dict>(r, { type: 'Dict', keys, values });
  }

  /** A list or set comprehension or a generator expression. */
  private comp(r: Raw): A.Comp {
    const type = r.t === 'list_comprehension' ? 'ListComp' : r.t === 'set_comprehension' ? 'SetComp' : 'GeneratorExp';
    return this.at<A.Comp>(r, {
      type,
      elt: this.exprOrMissing(r, field(r, 'body')),
      generators: this.comprehensions(r),
    });
  }

  private dictComp(r: Raw): A.DictComp {
    const body = field(r, 'body');
    return this.at<A.DictComp>(r, {
      type: 'DictComp',
      key: body ? this.exprOrMissing(body, field(body, 'key')) : this.unparsed(r, 'missing'),
      value: body ? this.exprOrMissing(body, field(body, 'value')) : this.unparsed(r, 'missing'),
      generators: this.comprehensions(r),
    });
  }

  /** `yield`, `yield a, b` and `yield from it`. */
  private yieldExpr(r: Raw): A.Yield | A.YieldFrom {
    const isFrom = hasToken(r, 'from');
    const v = named(r);
    if (isFrom) return this.at<A.YieldFrom>(r, { type: 'YieldFrom', value: v[0] ? this.expr(v[0]) : this.unparsed(r, 'missing') });
    return this.at<A.Yield>(r, { type: 'Yield', value: v.length ? this.exprList(r, v) : null });
  }

  /** `*value` (in a call, display, target or type). */
  private starred(r: Raw): A.Starred {
    const v = named(r)[0];
    return this.at<A.Starred>(r, { type: 'Starred', value: v ? this.expr(v) : this.unparsed(r, 'missing') });
  }

  /** A generic type `list[int]` (tree-sitter's own node in annotations) as the Subscript CPython makes. */
  private genericType(r: Raw): A.Subscript {
    const v = named(r);
    const params = v.filter((x) => x.t === 'type_parameter').flatMap((x) => named(x));
    return this.at<A.Subscript>(r, {
      type: 'Subscript',
      value: v[0] ? this.expr(v[0]) : this.unparsed(r, 'missing'),
      slice: params.length === 1 ? this.expr(params[0]) : this.tuple(r, params),
    });
  }

  /** `A | B` in an annotation, as a BinOp. */
  private unionType(r: Raw): A.Expr {
    const v = named(r);
    if (v.length !== 2) return this.unparsed(r, r.t);
    return this.at<A.BinOp>(r, { type: 'BinOp', left: this.expr(v[0]), op: 'BitOr', right: this.expr(v[1]) });
  }

  /** `a.B` in an annotation, as an Attribute. */
  private memberType(r: Raw): A.Expr {
    const v = named(r);
    if (v.length !== 2) return this.unparsed(r, r.t);
    return this.at<A.Attribute>(r, { type: 'Attribute', value: this.expr(v[0]), attr: this.ident(v[1]) });
  }

  private boolOp(r: Raw): A.BoolOp {
    const opTok = r.k.find((k) => k.f === 'operator');
    const op = opTok && opTok.t === 'or' ? 'Or' : 'And';
    const values: A.Expr[] = [];
    // Flatten left-nested chains of the same operator, iteratively.
    const pending: Raw[] = [];
    let cur: Raw | undefined = r;
    const rights: Raw[] = [];
    while (cur && cur.t === 'boolean_operator') {
      const o = cur.k.find((k) => k.f === 'operator');
      const curOp = o && o.t === 'or' ? 'Or' : 'And';
      if (curOp !== op) break;
      const right = field(cur, 'right');
      if (right) rights.push(right);
      cur = field(cur, 'left');
    }
    if (cur) pending.push(cur);
    for (let i = rights.length - 1; i >= 0; i--) pending.push(rights[i]);
    for (const p of pending) values.push(this.expr(p));
    return this.at<A.BoolOp>(r, { type: 'BoolOp', op, values });
  }

  private slice(r: Raw): A.Slice {
    const parts: (Raw | null)[] = [null];
    for (const k of r.k) {
      if (!k.n && k.t === ':') parts.push(null);
      else if (k.n) parts[parts.length - 1] = k;
    }
    const e = (x: Raw | null | undefined) => (x ? this.expr(x) : null);
    return this.at<A.Slice>(r, { type: 'Slice', lower: e(parts[0]), upper: e(parts[1]), step: e(parts[2]) });
  }

  /** The `for … in … if …` clauses of a comprehension. */
  private comprehensions(r: Raw): A.Comprehension[] {
    const gens: A.Comprehension[] = [];
    for (const k of r.k) {
      if (k.t === 'for_in_clause') {
        const rights = fields(k, 'right');
        gens.push(
          this.at<A.Comprehension>(k, {
            type: 'comprehension',
            target: this.target(field(k, 'left')),
            iter: rights.length > 1 ? this.tuple(k, rights) : this.exprOrMissing(k, rights[0]),
            ifs: [],
            is_async: hasToken(k, 'async'),
          }),
        );
      } else if (k.t === 'if_clause') {
        const v = named(k)[0];
        const last = gens[gens.length - 1];
        if (v && last) last.ifs.push(this.expr(v));
      }
    }
    return gens;
  }

  private call(r: Raw): A.Expr {
    const fn = field(r, 'function');
    const argsRaw = field(r, 'arguments');
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    if (argsRaw) {
      if (argsRaw.t === 'generator_expression') args.push(this.expr(argsRaw));
      else this.callArgs(argsRaw, args, keywords);
    }
    return this.at<A.Call>(r, { type: 'Call', func: fn ? this.expr(fn) : this.unparsed(r, 'missing function'), args, keywords });
  }

  /** The arguments of a call (or a class's bases), appended to `args` and `keywords`. */
  protected callArgs(list: Raw, args: A.Expr[], keywords: A.Keyword[]): void {
    for (const k of list.k) {
      if (!k.n) continue;
      if (k.t === 'keyword_argument') {
        const name = field(k, 'name');
        keywords.push(
          this.at<A.Keyword>(k, { type: 'keyword', arg: name ? this.ident(name) : null, value: this.exprOrMissing(k, field(k, 'value')) }),
        );
      } else if (k.t === 'dictionary_splat') {
        const v = named(k)[0];
        keywords.push(this.at<A.Keyword>(k, { type: 'keyword', arg: null, value: v ? this.expr(v) : this.unparsed(k, 'missing') }));
      } else {
        args.push(this.expr(k));
      }
    }
  }

  /** The parameter list of a `def` or `lambda` (`empty` when it has none). */
  protected parameters(r: Raw, empty: boolean): A.Arguments {
    const args = this.at<A.Arguments>(r, {
      type: 'arguments',
      posonlyargs: [],
      args: [],
      vararg: null,
      kwonlyargs: [],
      kw_defaults: [],
      kwarg: null,
      defaults: [],
    });
    if (empty) return args;
    let kwonly = false;
    const mkArg = (nameRaw: Raw | undefined, at: Raw, annotation: Raw | undefined): A.Arg =>
      this.at<A.Arg>(at, {
        type: 'arg',
        arg: nameRaw ? this.ident(nameRaw) : '',
        annotation: annotation ? this.expr(annotation) : null,
      });
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
          nameRaw = field(p, 'name');
          defRaw = field(p, 'value');
          break;
        case 'typed_default_parameter':
          nameRaw = field(p, 'name');
          typeRaw = field(p, 'type');
          defRaw = field(p, 'value');
          break;
        case 'typed_parameter': {
          typeRaw = field(p, 'type');
          const inner = p.k.find((k) => k.n && k.f !== 'type');
          if (inner?.t === 'list_splat_pattern') {
            splat = 'var';
            nameRaw = named(inner)[0];
          } else if (inner?.t === 'dictionary_splat_pattern') {
            splat = 'kw';
            nameRaw = named(inner)[0];
          } else nameRaw = inner;
          break;
        }
        case 'list_splat_pattern':
          splat = 'var';
          nameRaw = named(p)[0];
          break;
        case 'dictionary_splat_pattern':
          splat = 'kw';
          nameRaw = named(p)[0];
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

  /** One expression (or an implicit tuple) as the right-hand side of an assignment. */
  protected rhs(r: Raw): A.Expr {
    if (r.t === 'expression_list') return this.tuple(r, named(r));
    return this.expr(r);
  }

  /** An assignment or loop target (a Tuple for `a, b`). */
  protected target(r: Raw | undefined): A.Expr {
    if (!r) return { type: 'Unparsed', reason: 'missing target', lineno: 1, col_offset: 0, end_lineno: 1, end_col_offset: 0, parent: null };
    if (r.t === 'pattern_list' || r.t === 'expression_list') return this.tuple(r, named(r));
    return this.expr(r);
  }

  /** `r` as an expression, or `Unparsed` (at `parent`) when tree-sitter left it out. */
  protected exprOrMissing(parent: Raw, r: Raw | undefined): A.Expr {
    return r ? this.rhs(r) : this.unparsed(parent, 'missing expression');
  }

  /** One expression, or a Tuple when several are listed (`return a, b`). */
  protected exprList(r: Raw, v: Raw[]): A.Expr {
    if (v.length === 1) return this.rhs(v[0]);
    if (v.length === 0) return this.unparsed(r, 'empty');
    return this.tuple(r, v);
  }

  protected tuple(r: Raw, v: Raw[]): A.TupleExpr {
    return this.at<A.TupleExpr>(r, { type: 'Tuple', elts: v.map((x) => this.expr(x)) });
  }
}
