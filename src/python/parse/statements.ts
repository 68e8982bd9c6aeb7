/**
 * Statements: simple statements, assignments, imports, compound statements (if, loops,
 * try, with), function and class definitions, and the Python 2 `print`/`exec` forms; on
 * top of the pattern, expression and string parts, this is the whole lowering.
 */
import type * as A from '../ast.js';
import { BINOPS } from './expressions.js';
import { PatternLowering } from './patterns.js';
import { field, fields, hasToken, named, type Raw } from './raw.js';

/** Pass 2 of the parser: `Raw` records to CPython-shaped AST nodes, in plain JS. */
export class Lowering extends PatternLowering {
  /** The Module of a raw tree's root. */
  module(root: Raw): A.Module {
    return this.at<A.Module>(root, { type: 'Module', body: this.block(root.k) });
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

  protected body(r: Raw | undefined): A.Stmt[] {
    if (!r) return [];
    if (r.t === 'block') return this.block(r.k);
    const s = this.stmt(r);
    return s ? [s] : [];
  }

  /** One statement node, by tree-sitter type (null for nothing to keep). */
  private stmt(r: Raw): A.Stmt | null {
    switch (r.t) {
      case 'expression_statement':
        return this.exprStatement(r);
      case 'return_statement': {
        const v = named(r);
        return this.at<A.Return>(r, { type: 'Return', value: v.length ? this.exprList(r, v) : null });
      }
      case 'delete_statement': {
        const v = named(r);
        const targets = v.length === 1 && v[0].t === 'expression_list' ? named(v[0]).map((x) => this.expr(x)) : v.map((x) => this.expr(x));
        return this.at<A.Delete>(r, { type: 'Delete', targets });
      }
      case 'raise_statement': {
        const cause = field(r, 'cause');
        const v = named(r).filter((x) => x !== cause);
        return this.at<A.Raise>(r, {
          type: 'Raise',
          exc: v.length ? this.exprList(r, v) : null,
          cause: cause ? this.expr(cause) : null,
        });
      }
      case 'pass_statement':
        return this.at<A.SimpleStmt>(r, { type: 'Pass' });
      case 'break_statement':
        return this.at<A.SimpleStmt>(r, { type: 'Break' });
      case 'continue_statement':
        return this.at<A.SimpleStmt>(r, { type: 'Continue' });
      case 'assert_statement': {
        const v = named(r);
        return this.at<A.Assert>(r, { type: 'Assert', test: this.expr(v[0]), msg: v[1] ? this.expr(v[1]) : null });
      }
      case 'global_statement':
      case 'nonlocal_statement':
        return this.at<A.Global>(r, {
          type: r.t === 'global_statement' ? 'Global' : 'Nonlocal',
          names: named(r).map((x) => this.ident(x)),
        });
      case 'import_statement':
        return this.at<A.Import>(r, { type: 'Import', names: fields(r, 'name').map((x) => this.alias(x)) });
      case 'import_from_statement':
        return this.importFrom(r);
      case 'future_import_statement':
        return this.at<A.ImportFrom>(r, {
          type: 'ImportFrom',
          module: '__future__',
          names: fields(r, 'name').map((x) => this.alias(x)),
          level: 0,
        });
      case 'if_statement':
        return this.ifStatement(r);
      case 'for_statement':
        return this.forStatement(r);
      case 'while_statement':
        return this.whileStatement(r);
      case 'try_statement':
        return this.tryStatement(r);
      case 'with_statement':
        return this.withStatement(r);
      case 'function_definition':
        return this.functionDef(r, []);
      case 'class_definition':
        return this.classDef(r, []);
      case 'decorated_definition':
        return this.decorated(r);
      case 'match_statement':
        return this.matchStatement(r);
      case 'type_alias_statement': {
        const left = field(r, 'left');
        const right = field(r, 'right');
        return this.at<A.TypeAlias>(r, {
          type: 'TypeAlias',
          name: left ? this.expr(left) : this.unparsed(r, 'missing name'),
          value: right ? this.expr(right) : this.unparsed(r, 'missing value'),
        });
      }
      case 'print_statement':
      case 'exec_statement':
        return this.python2Statement(r);
      case 'ERROR':
      case 'TOO_DEEP':
        return this.recovered(r);
      case 'block':
        return null;
      default: {
        // An expression where a statement was expected (inside ERROR recovery).
        const e = this.expr(r);
        return this.at<A.ExprStmt>(r, { type: 'Expr', value: e });
      }
    }
  }

  /** An expression statement, or the assignment / augmented assignment it holds. */
  private exprStatement(r: Raw): A.Stmt {
    const v = named(r);
    if (v.length === 1) {
      const only = v[0];
      if (only.t === 'assignment') return this.assignment(only, r);
      if (only.t === 'augmented_assignment') {
        const op = only.k.find((k) => k.f === 'operator');
        return this.at<A.AugAssign>(r, {
          type: 'AugAssign',
          target: this.target(field(only, 'left')),
          op: BINOPS[(op ? op.t : '+=').slice(0, -1)] ?? 'Add',
          value: this.exprOrMissing(only, field(only, 'right')),
        });
      }
    }
    return this.at<A.ExprStmt>(r, { type: 'Expr', value: this.exprList(r, v) });
  }

  /** `a = b = value` (one Assign with several targets) or `a: T = value` (AnnAssign). */
  private assignment(a: Raw, stmtRaw: Raw): A.Stmt {
    const type = field(a, 'type');
    const left = field(a, 'left');
    const right = field(a, 'right');
    if (type) {
      return this.at<A.AnnAssign>(stmtRaw, {
        type: 'AnnAssign',
        target: this.target(left),
        annotation: this.expr(type),
        value: right ? this.rhs(right) : null,
      });
    }
    const targets: A.Expr[] = [this.target(left)];
    let value = right;
    while (value && value.t === 'assignment' && !field(value, 'type')) {
      targets.push(this.target(field(value, 'left')));
      value = field(value, 'right');
    }
    return this.at<A.Assign>(stmtRaw, { type: 'Assign', targets, value: value ? this.rhs(value) : this.unparsed(a, 'missing value') });
  }

  /** `name` or `name as asname` of an import. */
  private alias(r: Raw): A.Alias {
    if (r.t === 'aliased_import') {
      const name = field(r, 'name');
      const as = field(r, 'alias');
      return this.at<A.Alias>(r, { type: 'alias', name: name ? this.dotted(name) : '', asname: as ? this.ident(as) : null });
    }
    return this.at<A.Alias>(r, { type: 'alias', name: this.dotted(r), asname: null });
  }

  /** A dotted module name, without the spaces Python allows around its dots. */
  private dotted(r: Raw): string {
    return this.ident(r).replace(/\s+/g, '');
  }

  /** `from .mod import a, b as c` / `from . import *`: module, level (leading dots) and names. */
  private importFrom(r: Raw): A.ImportFrom {
    const mod = field(r, 'module_name');
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
    const names = fields(r, 'name').map((x) => this.alias(x));
    const wildcard = r.k.find((k) => k.t === 'wildcard_import');
    if (wildcard) names.push(this.at<A.Alias>(wildcard, { type: 'alias', name: '*', asname: null }));
    return this.at<A.ImportFrom>(r, { type: 'ImportFrom', module, names, level });
  }

  /** `if`/`elif`/`else`: each `elif` an If nested in the previous one's `orelse`, as CPython does. */
  private ifStatement(r: Raw): A.If {
    const node = this.at<A.If>(r, {
      type: 'If',
      test: this.exprOrMissing(r, field(r, 'condition')),
      body: this.body(field(r, 'consequence')),
      orelse: [],
    });
    let tail = node;
    for (const alt of fields(r, 'alternative')) {
      if (alt.t === 'elif_clause') {
        const elif = this.at<A.If>(alt, {
          type: 'If',
          test: this.exprOrMissing(alt, field(alt, 'condition')),
          body: this.body(field(alt, 'consequence')),
          orelse: [],
        });
        elif.end_lineno = node.end_lineno;
        elif.end_col_offset = node.end_col_offset;
        tail.orelse = [elif];
        tail = elif;
      } else if (alt.t === 'else_clause') {
        tail.orelse = this.body(field(alt, 'body') ?? named(alt)[0]);
      }
    }
    return node;
  }

  /** `for` / `async for`, with its `else`. */
  private forStatement(r: Raw): A.For {
    const isAsync = hasToken(r, 'async');
    const alt = field(r, 'alternative');
    return this.at<A.For>(r, {
      type: isAsync ? 'AsyncFor' : 'For',
      target: this.target(field(r, 'left')),
      iter: this.exprOrMissing(r, field(r, 'right')),
      body: this.body(field(r, 'body')),
      orelse: alt ? this.body(field(alt, 'body') ?? named(alt)[0]) : [],
    });
  }

  /** `while`, with its `else`. */
  private whileStatement(r: Raw): A.While {
    const alt = field(r, 'alternative');
    return this.at<A.While>(r, {
      type: 'While',
      test: this.exprOrMissing(r, field(r, 'condition')),
      body: this.body(field(r, 'body')),
      orelse: alt ? this.body(field(alt, 'body') ?? named(alt)[0]) : [],
    });
  }

  /** `try` (TryStar when a handler is `except*`), with handlers, `else` and `finally`. */
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
        orelse = this.body(field(k, 'body') ?? named(k)[0]);
      } else if (k.t === 'finally_clause') {
        finalbody = this.block(k.k);
      }
    }
    return this.at<A.Try>(r, {
      type: star ? 'TryStar' : 'Try',
      body: this.body(field(r, 'body')),
      handlers,
      orelse,
      finalbody,
    });
  }

  /** `except E as e:` in the grammar's current and older shapes (and Python 2's `except E, e:`). */
  private exceptHandler(k: Raw): A.ExceptHandler {
    let excType: A.Expr | null = null;
    let name: string | null = null;
    const value = field(k, 'value');
    const alias = field(k, 'alias');
    const blockRaw = k.k.find((x) => x.t === 'block');
    if (value && value.t === 'as_pattern') {
      const target = field(value, 'alias');
      const inner = named(value).filter((x) => x !== target);
      excType = inner[0] ? this.expr(inner[0]) : null;
      if (target) name = this.ident(target).trim();
    } else if (value) excType = this.expr(value);
    if (alias) name = this.ident(alias);
    if (!value) {
      // Older grammar shapes: `except E as e:` as an as_pattern child, or bare expressions.
      const exprs = named(k).filter((x) => x !== blockRaw && x !== alias);
      const first = exprs[0];
      if (first) {
        if (first.t === 'as_pattern') {
          const inner = named(first);
          excType = inner[0] ? this.expr(inner[0]) : null;
          const target = field(first, 'alias') ?? inner[1];
          if (target) name = this.ident(target).trim();
        } else {
          excType = this.expr(first);
          if (exprs[1]) name = this.ident(exprs[1]);
        }
      }
    }
    return this.at<A.ExceptHandler>(k, { type: 'ExceptHandler', exc_type: excType, name, body: this.body(blockRaw) });
  }

  /** `with` / `async with` and its `expr as target` items. */
  private withStatement(r: Raw): A.With {
    const isAsync = hasToken(r, 'async');
    const clause = r.k.find((k) => k.t === 'with_clause');
    const items: A.WithItem[] = [];
    for (const item of clause ? clause.k.filter((k) => k.t === 'with_item') : []) {
      const v = field(item, 'value') ?? named(item)[0];
      if (!v) continue;
      if (v.t === 'as_pattern') {
        const inner = named(v);
        const target = field(v, 'alias');
        const ctx = inner.find((x) => x !== target);
        const tgt = target ? (named(target)[0] ?? target) : undefined;
        items.push(
          this.at<A.WithItem>(item, {
            type: 'withitem',
            context_expr: ctx ? this.expr(ctx) : this.unparsed(v, 'missing context'),
            optional_vars: tgt ? this.target(tgt) : null,
          }),
        );
      } else {
        items.push(this.at<A.WithItem>(item, { type: 'withitem', context_expr: this.expr(v), optional_vars: null }));
      }
    }
    return this.at<A.With>(r, {
      type: isAsync ? 'AsyncWith' : 'With',
      items,
      body: this.body(field(r, 'body')),
    });
  }

  /** A decorated `def` or `class` (null when the definition is missing). */
  private decorated(r: Raw): A.Stmt | null {
    const decorators = named(r)
      .filter((k) => k.t === 'decorator')
      .map((d) => {
        const e = named(d)[0];
        return e ? this.expr(e) : this.unparsed(d, 'empty decorator');
      });
    const def = field(r, 'definition');
    if (!def) return null;
    if (def.t === 'class_definition') return this.classDef(def, decorators, r);
    return this.functionDef(def, decorators, r);
  }

  /** `def` / `async def`; `outer` is the decorated definition around it, whose range the node spans. */
  private functionDef(r: Raw, decorators: A.Expr[], outer?: Raw): A.FunctionDef {
    const isAsync = hasToken(r, 'async');
    const name = field(r, 'name');
    const params = field(r, 'parameters');
    const ret = field(r, 'return_type');
    const node = this.at<A.FunctionDef>(outer ?? r, {
      type: isAsync ? 'AsyncFunctionDef' : 'FunctionDef',
      name: name ? this.ident(name) : '',
      args: this.parameters(params ?? r, !params),
      body: this.body(field(r, 'body')),
      decorator_list: decorators,
      returns: ret ? this.expr(ret) : null,
    });
    if (outer && name) {
      // CPython puts a decorated def's position at the `def`/`class` keyword line.
      const [l, c] = this.position(r.s);
      node.lineno = l;
      node.col_offset = c;
    }
    return node;
  }

  /** `class`; `outer` is the decorated definition around it, whose range the node spans. */
  private classDef(r: Raw, decorators: A.Expr[], outer?: Raw): A.ClassDef {
    const name = field(r, 'name');
    const sup = field(r, 'superclasses');
    const bases: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    if (sup) this.callArgs(sup, bases, keywords);
    const node = this.at<A.ClassDef>(outer ?? r, {
      type: 'ClassDef',
      name: name ? this.ident(name) : '',
      bases,
      keywords,
      body: this.body(field(r, 'body')),
      decorator_list: decorators,
    });
    if (outer) {
      const [l, c] = this.position(r.s);
      node.lineno = l;
      node.col_offset = c;
    }
    return node;
  }

  /** Python 2's `print x` and `exec code`: lowered as calls so that rules still see them. */
  private python2Statement(r: Raw): A.ExprStmt {
    const name = r.t === 'print_statement' ? 'print' : 'exec';
    const func = this.at<A.Name>(r, { type: 'Name', id: name });
    func.end_lineno = func.lineno;
    func.end_col_offset = func.col_offset + name.length;
    const call = this.at<A.Call>(r, { type: 'Call', func, args: named(r).map((x) => this.expr(x)), keywords: [] });
    return this.at<A.ExprStmt>(r, { type: 'Expr', value: call });
  }

  /** An ERROR (or too deep) node in statement position: keep the statements still inside it. */
  private recovered(r: Raw): A.Stmt | null {
    const inner = this.block(r.k);
    if (inner.length === 1) return inner[0];
    if (inner.length > 1) {
      return this.at<A.If>(r, { type: 'If', test: this.unparsed(r, 'syntax error'), body: inner, orelse: [] });
    }
    return null;
  }
}
