/**
 * The taint analysis of one module: an abstract interpretation of each function body in
 * statement order (branches joined, loops run twice, guards and sanitizers clearing sink
 * kinds), with summaries of the module's own functions so that a flow through a helper
 * (`def run(cmd): os.system(cmd)`) is found at the call site. Linear in the size of the
 * function (loops at most twice, nested loops bounded); every recursion is depth-bounded.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { walk } from '../python/visit.js';
import { ALL_MASK, K, USER_MASK, clear, join, type Origin, type Step, type Taint } from './model.js';
import { CONTAINER_ADDERS, NON_PROPAGATING_METHODS, PATH_JOINS, PROPAGATORS, SANITIZERS, prefixClears } from './sanitizers.js';
import { FLOW_RULES, sinkTaint, sinksFor, type CallTaints, type SinkSpec } from './sinks.js';
import { SourceFinder, clientParams, routeOf, type SourceHit } from './sources.js';
import { guardsOf, keyOf, type Guard } from './guards.js';

/** A source-to-sink flow found in the module. */
export interface Flow {
  rule: string;
  /** The node reported (the sink call or assignment). */
  node: A.AnyNode;
  origin: Origin;
  /** Last step before the sink (the source is reached through `prev`). */
  trace: Step;
  sinkLabel: string;
  /** The flow passes through a call to another function of the module. */
  interprocedural: boolean;
}

interface SummarySink {
  param: number;
  spec: SinkSpec;
  node: A.AnyNode;
  mask: number;
  needsHead: boolean;
}
interface Summary {
  params: string[];
  /** Which parameters flow into the return value, and which sink kinds survive. */
  ret: { params: number; mask: number } | null;
  sinks: SummarySink[];
}
const EMPTY: Summary = { params: [], ret: null, sinks: [] };

interface FnState {
  env: Map<string, Taint>;
  summary: Summary;
  /** Returns are HTTP responses (a route or error handler). */
  returnsResponse: boolean;
  /** Returned strings are HTML (a Flask view). */
  returnsHtml: boolean;
  loopDepth: number;
  inter: boolean;
}

const MAX_EXPR_DEPTH = 300;
const MAX_STMT_DEPTH = 120;
const MAX_CALL_DEPTH = 3;
const MAX_TRACE = 40;
const TERMINATORS = new Set(['flask.abort', 'abort', 'sys.exit', 'exit', 'quit', 'os._exit', 'werkzeug.exceptions.abort', 'django.http.Http404']);
const SAFE_SESSION = new Set(['flask.session', 'quart.session']);

/** Run the analysis over a module; `flows` holds what it found. */
export class TaintAnalysis {
  readonly flows: Flow[] = [];
  private readonly seen = new Set<string>();
  private readonly summaries = new Map<A.AnyNode, Summary | 'pending'>();
  private readonly sources: SourceFinder;
  private readonly flaskModule: boolean;
  private readonly fastapiModule: boolean;
  private callDepth = 0;

  constructor(
    readonly module: A.Module,
    readonly sem: SemanticModel,
    readonly lines: readonly string[],
  ) {
    this.sources = new SourceFinder(sem);
    const mods = sem.imports.map((i) => i.module.split('.')[0]);
    this.flaskModule = mods.includes('flask') || mods.includes('quart');
    this.fastapiModule = mods.includes('fastapi') || mods.includes('starlette');
  }

  /** Analyse module-level code and every function. */
  run(): this {
    const st = this.newState(EMPTY, false, false);
    this.execBlock(this.module.body, st, 0);
    walk(this.module, (n) => {
      if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') this.summaryOf(n);
      return n.type !== 'Lambda';
    });
    return this;
  }

  // ---------------------------------------------------------------- functions

  private newState(summary: Summary, returnsResponse: boolean, returnsHtml: boolean): FnState {
    return { env: new Map(), summary, returnsResponse, returnsHtml, loopDepth: 0, inter: false };
  }

  private summaryOf(fn: A.FunctionDef): Summary {
    const got = this.summaries.get(fn);
    if (got === 'pending') return EMPTY;
    if (got) return got;
    if (this.callDepth >= MAX_CALL_DEPTH) return EMPTY;
    this.summaries.set(fn, 'pending');
    this.callDepth++;
    try {
      const s = this.analyzeFunction(fn);
      this.summaries.set(fn, s);
      return s;
    } finally {
      this.callDepth--;
    }
  }

  private analyzeFunction(fn: A.FunctionDef): Summary {
    const params = [...fn.args.posonlyargs, ...fn.args.args, ...fn.args.kwonlyargs];
    const summary: Summary = { params: params.map((p) => p.arg), ret: null, sinks: [] };
    const route = routeOf(fn, this.sem, this.fastapiModule);
    const errorHandler = fn.decorator_list.some((d) => d.type === 'Call' && d.func.type === 'Attribute' && (d.func.attr === 'errorhandler' || d.func.attr === 'exception_handler'));
    const st = this.newState(summary, !!route || errorHandler, !!route && this.flaskModule && route.framework !== 'fastapi');
    const client = route ? clientParams(fn, route, this.sem) : new Set<string>();
    params.forEach((p, i) => {
      if (p.arg === 'self' || p.arg === 'cls' || i >= 30) return;
      const t: Taint = { mask: ALL_MASK, head: true, params: 1 << i, trace: null, origin: null, joined: false };
      if (client.has(p.arg)) {
        t.mask = USER_MASK;
        t.origin = 'request';
        t.trace = { node: p, message: `parameter '${p.arg}' of route handler ${fn.name}() (source: HTTP request data)`, kind: 'source', prev: null, len: 1 };
      }
      st.env.set(p.arg, t);
    });
    this.execBlock(fn.body, st, 0);
    return summary;
  }

  // ---------------------------------------------------------------- statements

  /** Execute a block; true when it always leaves (return, raise, break, continue, abort()). */
  private execBlock(body: readonly A.Stmt[], st: FnState, depth: number): boolean {
    for (const s of body) if (this.execStmt(s, st, depth)) return true;
    return false;
  }

  private execStmt(s: A.Stmt, st: FnState, depth: number): boolean {
    if (depth > MAX_STMT_DEPTH) return false;
    switch (s.type) {
      case 'FunctionDef':
      case 'AsyncFunctionDef':
      case 'ClassDef':
      case 'Import':
      case 'ImportFrom':
      case 'Global':
      case 'Nonlocal':
      case 'Pass':
      case 'TypeAlias':
        return false;
      case 'Break':
      case 'Continue':
        return true;
      case 'Expr': {
        this.eval(s.value, st, 0);
        const v = s.value;
        return v.type === 'Call' && TERMINATORS.has(this.sem.callName(v) ?? '');
      }
      case 'Assign': {
        const first = s.targets[0]!;
        if (s.targets.length === 1 && (first.type === 'Tuple' || first.type === 'List') && (s.value.type === 'Tuple' || s.value.type === 'List') && first.elts.length === s.value.elts.length) {
          first.elts.forEach((e, i) => this.assign(e, this.eval((s.value as A.TupleExpr).elts[i]!, st, 0), s, st));
          return false;
        }
        const t = this.eval(s.value, st, 0);
        for (const tg of s.targets) this.assign(tg, t, s, st);
        return false;
      }
      case 'AnnAssign':
        if (s.value) this.assign(s.target, this.eval(s.value, st, 0), s, st);
        return false;
      case 'AugAssign': {
        const cur = this.eval(s.target, st, 0);
        const v = this.eval(s.value, st, 0);
        const t = join(cur, v);
        this.assign(s.target, t ? { ...t, head: cur ? cur.head : false } : null, s, st);
        return false;
      }
      case 'Return': {
        if (!s.value) return true;
        const t = this.eval(s.value, st, 0);
        if (t) {
          if (t.params) st.summary.ret = { params: (st.summary.ret?.params ?? 0) | t.params, mask: (st.summary.ret?.mask ?? 0) | t.mask };
          if (st.returnsResponse) this.hit(t, RETURN_RESPONSE, s, st, false);
          if (st.returnsHtml && isStringBuilding(s.value, this.sem)) this.hit(t, RETURN_HTML, s, st, false);
        }
        return true;
      }
      case 'Raise':
        if (s.exc) this.eval(s.exc, st, 0);
        if (s.cause) this.eval(s.cause, st, 0);
        return true;
      case 'Assert':
        this.eval(s.test, st, 0);
        if (s.msg) this.eval(s.msg, st, 0);
        this.applyGuards(st.env, guardsOf(s.test, this.sem), true);
        return false;
      case 'Delete':
        for (const t of s.targets) {
          const k = keyOf(t);
          if (k) st.env.delete(k);
          else this.eval(t, st, 0);
        }
        return false;
      case 'If':
        return this.execIf(s, st, depth);
      case 'For':
      case 'AsyncFor':
      case 'While':
        return this.execLoop(s, st, depth);
      case 'With':
      case 'AsyncWith':
        for (const it of s.items) {
          const t = this.eval(it.context_expr, st, 0);
          if (it.optional_vars) this.assign(it.optional_vars, t, s, st);
        }
        return this.execBlock(s.body, st, depth + 1);
      case 'Try':
      case 'TryStar': {
        const before = new Map(st.env);
        const bodyLeaves = this.execBlock(s.body, st, depth + 1);
        const afterBody = st.env;
        const outs: Map<string, Taint>[] = [];
        if (!bodyLeaves) {
          if (!this.execBlock(s.orelse, st, depth + 1)) outs.push(st.env);
        }
        for (const h of s.handlers) {
          st.env = merge(before, afterBody);
          if (h.name) st.env.delete(h.name);
          if (h.exc_type) this.eval(h.exc_type, st, 0);
          if (!this.execBlock(h.body, st, depth + 1)) outs.push(st.env);
        }
        const leaves = outs.length === 0;
        st.env = leaves ? merge(before, afterBody) : outs.reduce((a, b) => merge(a, b));
        return this.execBlock(s.finalbody, st, depth + 1) || leaves;
      }
      case 'Match': {
        const subject = this.eval(s.subject, st, 0);
        const base = st.env;
        let out = new Map(base);
        for (const c of s.cases) {
          st.env = new Map(base);
          if (subject && c.pattern.type === 'Name') this.assign(c.pattern, subject, s, st);
          if (c.guard) this.eval(c.guard, st, 0);
          if (!this.execBlock(c.body, st, depth + 1)) out = merge(out, st.env);
        }
        st.env = out;
        return false;
      }
      default:
        return false;
    }
  }

  private execIf(s: A.If, st: FnState, depth: number): boolean {
    this.eval(s.test, st, 0);
    const guards = guardsOf(s.test, this.sem);
    const base = st.env;
    st.env = new Map(base);
    this.applyGuards(st.env, guards, true);
    const leavesT = this.execBlock(s.body, st, depth + 1);
    const envT = st.env;
    st.env = new Map(base);
    this.applyGuards(st.env, guards, false);
    const leavesF = this.execBlock(s.orelse, st, depth + 1);
    const envF = st.env;
    if (leavesT && leavesF) {
      st.env = base;
      return true;
    }
    st.env = leavesT ? envF : leavesF ? envT : merge(envT, envF);
    return false;
  }

  private execLoop(s: A.For | A.While, st: FnState, depth: number): boolean {
    const iterT = s.type === 'While' ? (this.eval(s.test, st, 0), null) : this.eval(s.iter, st, 0);
    const rounds = st.loopDepth < 3 ? 2 : 1;
    st.loopDepth++;
    const base = new Map(st.env);
    for (let r = 0; r < rounds; r++) {
      if (s.type !== 'While') this.assign(s.target, iterT ? { ...iterT, head: true } : null, s, st);
      this.execBlock(s.body, st, depth + 1);
      st.env = merge(base, st.env);
    }
    st.loopDepth--;
    this.execBlock(s.orelse, st, depth + 1);
    return false;
  }

  private assign(target: A.Expr, t: Taint | null, stmt: A.AnyNode, st: FnState): void {
    switch (target.type) {
      case 'Name':
      case 'Attribute': {
        const k = keyOf(target);
        if (target.type === 'Attribute') this.eval(target.value, st, 0);
        if (!k) return;
        if (t) st.env.set(k, this.step(t, stmt));
        else st.env.delete(k);
        return;
      }
      case 'Subscript': {
        this.eval(target.slice, st, 0);
        this.eval(target.value, st, 0);
        if (t) {
          const sink = this.subscriptSink(target);
          if (sink) this.hit(t, sink, stmt, st, false);
        }
        const k = keyOf(target.value);
        if (k && t) st.env.set(k, this.step({ ...(join(st.env.get(k) ?? null, t) as Taint), head: st.env.get(k)?.head ?? false }, stmt));
        return;
      }
      case 'Tuple':
      case 'List':
        for (const e of target.elts) this.assign(e, t, stmt, st);
        return;
      case 'Starred':
        this.assign(target.value, t, stmt, st);
        return;
      default:
        return;
    }
  }

  /** `session[k] = v` (trust boundary) and `response.headers[k] = v` (header injection). */
  private subscriptSink(target: A.Subscript): SinkSpec | null {
    const v = target.value;
    const q = this.sem.qualifiedName(v);
    if ((q && SAFE_SESSION.has(q)) || (v.type === 'Attribute' && v.attr === 'session' && this.sources.isRequestObject(v.value))) return SESSION_SINK;
    if (v.type === 'Attribute' && v.attr === 'headers' && !this.sources.isRequestObject(v.value)) return HEADER_SINK;
    return null;
  }

  private applyGuards(env: Map<string, Taint>, guards: Guard[], branch: boolean): void {
    for (const g of guards) {
      if (g.when !== branch) continue;
      const t = env.get(g.key);
      if (!t) continue;
      const c = clear(t, g.bits);
      if (c) env.set(g.key, c);
      else env.delete(g.key);
    }
  }

  // ---------------------------------------------------------------- expressions

  private eval(e: A.Expr, st: FnState, d: number): Taint | null {
    if (d > MAX_EXPR_DEPTH) return null;
    switch (e.type) {
      case 'Constant':
      case 'Lambda':
      case 'Unparsed':
        return null;
      case 'Name':
        return st.env.get(e.id) ?? null;
      case 'Attribute': {
        const src = this.sources.attribute(e);
        if (src) return this.sourceTaint(e, src);
        const k = keyOf(e);
        if (k && st.env.has(k)) {
          this.eval(e.value, st, d + 1);
          return st.env.get(k)!;
        }
        return this.eval(e.value, st, d + 1);
      }
      case 'Subscript': {
        this.eval(e.slice, st, d + 1);
        return this.eval(e.value, st, d + 1);
      }
      case 'Call':
        return this.evalCall(e, st, d);
      case 'BinOp': {
        const l = this.eval(e.left, st, d + 1);
        const r = this.eval(e.right, st, d + 1);
        let t = join(l, r);
        if (!t) return null;
        if (!l) {
          const lit = this.sem.constValue(e.left);
          t = { ...t, head: false };
          if (typeof lit === 'string') t = clear(t, prefixClears(lit));
          if (t && e.op === 'Div' && r && this.isPathExpr(e.left, st)) t = { ...t, joined: true };
        }
        return t;
      }
      case 'JoinedStr': {
        let t: Taint | null = null;
        let prefix = '';
        let inPrefix = true;
        let head = false;
        e.values.forEach((v, i) => {
          const vt = this.eval(v, st, d + 1);
          if (inPrefix && v.type === 'Constant' && typeof v.value === 'string') prefix += v.value;
          else inPrefix = false;
          if (i === 0 && vt) head = vt.head;
          t = join(t, vt);
        });
        if (!t) return null;
        return clear({ ...(t as Taint), head }, prefixClears(prefix));
      }
      case 'FormattedValue':
        if (e.format_spec) this.eval(e.format_spec, st, d + 1);
        return this.eval(e.value, st, d + 1);
      case 'BoolOp':
        return e.values.map((v) => this.eval(v, st, d + 1)).reduce<Taint | null>((a, b) => join(a, b), null);
      case 'IfExp':
        this.eval(e.test, st, d + 1);
        return join(this.eval(e.body, st, d + 1), this.eval(e.orelse, st, d + 1));
      case 'Dict': {
        let t: Taint | null = null;
        for (const k of e.keys) if (k) t = join(t, this.eval(k, st, d + 1));
        for (const v of e.values) t = join(t, this.eval(v, st, d + 1));
        return t;
      }
      case 'List':
      case 'Tuple':
      case 'Set': {
        let t: Taint | null = null;
        let head = false;
        e.elts.forEach((x, i) => {
          const xt = this.eval(x, st, d + 1);
          if (i === 0 && xt) head = xt.head || x.type === 'Starred';
          t = join(t, xt);
        });
        return t ? { ...(t as Taint), head } : null;
      }
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
      case 'DictComp': {
        const saved = st.env;
        st.env = new Map(saved);
        let t: Taint | null = null;
        for (const g of e.generators) {
          const it = this.eval(g.iter, st, d + 1);
          this.assign(g.target, it, g, st);
          for (const c of g.ifs) {
            this.eval(c, st, d + 1);
            this.applyGuards(st.env, guardsOf(c, this.sem), true);
          }
        }
        if (e.type === 'DictComp') t = join(this.eval(e.key, st, d + 1), this.eval(e.value, st, d + 1));
        else t = this.eval(e.elt, st, d + 1);
        st.env = saved;
        return t;
      }
      case 'Await':
      case 'Starred':
        return this.eval(e.value, st, d + 1);
      case 'YieldFrom':
      case 'Yield':
        if (e.value) this.eval(e.value, st, d + 1);
        return null;
      case 'NamedExpr': {
        const t = this.eval(e.value, st, d + 1);
        this.assign(e.target, t, e, st);
        return t;
      }
      case 'Compare':
        this.eval(e.left, st, d + 1);
        for (const c of e.comparators) this.eval(c, st, d + 1);
        return null;
      case 'UnaryOp': {
        const t = this.eval(e.operand, st, d + 1);
        return e.op === 'Not' ? null : t;
      }
      case 'Slice':
        if (e.lower) this.eval(e.lower, st, d + 1);
        if (e.upper) this.eval(e.upper, st, d + 1);
        if (e.step) this.eval(e.step, st, d + 1);
        return null;
      default:
        return null;
    }
  }

  private evalCall(call: A.Call, st: FnState, d: number): Taint | null {
    const f = call.func;
    let receiver: Taint | null = null;
    let fnSource: SourceHit | null = null;
    if (f.type === 'Attribute') {
      fnSource = this.sources.attribute(f);
      if (!fnSource) receiver = this.eval(f.value, st, d + 1);
    } else if (f.type !== 'Name') this.eval(f, st, d + 1);
    const args = call.args.map((a) => this.eval(a, st, d + 1));
    const keywords = new Map<string, Taint | null>();
    let kwAll: Taint | null = null;
    for (const k of call.keywords) {
      const t = this.eval(k.value, st, d + 1);
      keywords.set(k.arg ?? '**', t);
      kwAll = join(kwAll, t);
    }
    const q = this.sem.callName(call);
    const src = this.sources.call(call, q);
    if (src) return this.sourceTaint(call, src);

    const taints: CallTaints = { call, args, keywords, receiver };
    // A bare name bound in the module (a function of its own called `compile` or `open`) is not the builtin.
    const shadowed = q !== null && !q.includes('.') && this.sem.lookup(q, call) !== undefined;
    for (const spec of shadowed ? [] : sinksFor(call, q)) {
      const t = sinkTaint(spec, taints, this.sem);
      if (t) this.hit(t, spec, call, st, spec.needsHead ? spec.needsHead(call) : false);
    }
    let allArgs: Taint | null = kwAll;
    for (const a of args) allArgs = join(allArgs, a);

    if (q) {
      const san = SANITIZERS.get(q);
      if (san !== undefined) return clear(allArgs, san);
      if (PATH_JOINS.has(q)) {
        let t = args[0] ?? null;
        let later: Taint | null = null;
        for (let i = 1; i < args.length; i++) later = join(later, args[i] ?? null);
        if (later) t = join(t, { ...later, joined: true, head: args[0] ? args[0].head : false });
        return t;
      }
      if (PROPAGATORS.has(q)) return allArgs;
    }
    const callee = this.localCallee(call);
    if (callee) return this.applySummary(callee.fn, callee.offset, call, args, keywords, st);
    if (f.type === 'Attribute') {
      if (fnSource) return this.sourceTaint(call, fnSource);
      if (receiver) {
        if (NON_PROPAGATING_METHODS.has(f.attr)) return null;
        if (CONTAINER_ADDERS.has(f.attr) && allArgs) {
          const k = keyOf(f.value);
          if (k) st.env.set(k, this.step({ ...allArgs, ...join(receiver, allArgs)!, head: receiver.head || (f.attr === 'insert' && !!args[1]) }, call));
          return null;
        }
        return join(receiver, f.attr === 'format' || f.attr === 'join' || f.attr === 'replace' || f.attr === 'get' ? allArgs : null);
      }
      if (CONTAINER_ADDERS.has(f.attr) && allArgs) {
        const k = keyOf(f.value);
        if (k) st.env.set(k, this.step({ ...allArgs, head: f.attr === 'insert' && !!args[1] && args[0] === null && isZero(call.args[0]) }, call));
        return null;
      }
      // "literal".format(x), ", ".join(xs), "x".replace(a, b)
      if ((f.attr === 'format' || f.attr === 'join' || f.attr === 'replace' || f.attr === 'format_map') && allArgs) {
        const lit = this.sem.constValue(f.value);
        if (typeof lit === 'string') {
          if (f.attr === 'join') return allArgs;
          const prefix = f.attr === 'format' ? lit.slice(0, lit.search(/\{|$/)) : lit;
          const t = clear(allArgs, prefixClears(prefix));
          return t ? { ...t, head: f.attr === 'format' && lit.startsWith('{') && t.head } : null;
        }
      }
    }
    return null;
  }

  private isPathExpr(e: A.Expr, st: FnState): boolean {
    if (e.type === 'Call') return PATH_JOINS.has(this.sem.callName(e) ?? '') || (e.func.type === 'Attribute' && (e.func.attr === 'resolve' || e.func.attr === 'absolute'));
    if (e.type === 'BinOp' && e.op === 'Div') return this.isPathExpr(e.left, st);
    if (e.type === 'Name') {
      const b = this.sem.lookup(e.id, e);
      if (b?.value && b.value !== e) return this.isPathExpr(b.value, st);
      return /(?:dir|path|root|base|folder)$/i.test(e.id);
    }
    if (e.type === 'Attribute') return /(?:dir|path|root|base|folder|DIR|PATH|ROOT|FOLDER)$/.test(e.attr);
    return false;
  }

  // ---------------------------------------------------------------- calls to the module's own functions

  private localCallee(call: A.Call): { fn: A.FunctionDef; offset: number } | null {
    const f = call.func;
    if (f.type === 'Name') {
      const b = this.sem.lookup(f.id, call);
      if (b && b.kind === 'def' && b.count === 1 && (b.node.type === 'FunctionDef' || b.node.type === 'AsyncFunctionDef')) return { fn: b.node, offset: 0 };
      return null;
    }
    if (f.type === 'Attribute' && f.value.type === 'Name' && (f.value.id === 'self' || f.value.id === 'cls')) {
      let n: A.AnyNode | null = call.parent;
      while (n && n.type !== 'ClassDef') n = n.parent;
      if (!n) return null;
      for (const s of n.body) if ((s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef') && s.name === f.attr) return { fn: s, offset: 1 };
    }
    return null;
  }

  private applySummary(fn: A.FunctionDef, offset: number, call: A.Call, args: (Taint | null)[], keywords: Map<string, Taint | null>, st: FnState): Taint | null {
    const s = this.summaryOf(fn);
    if (s === EMPTY) return null;
    const argFor = (i: number): Taint | null => {
      const pos = i - offset;
      if (pos >= 0 && pos < call.args.length && call.args[pos]?.type !== 'Starred') return args[pos] ?? null;
      return keywords.get(s.params[i] ?? '') ?? null;
    };
    const via = (t: Taint, i: number): Taint => {
      if (!t.trace) return t;
      const step: Step = { node: call, message: `${this.text(call)} → parameter '${s.params[i]}' of ${fn.name}()`, kind: 'step', prev: t.trace, len: t.trace.len + 1 };
      return { ...t, trace: t.trace.len < MAX_TRACE ? step : t.trace };
    };
    for (const sink of s.sinks) {
      const a = argFor(sink.param);
      if (!a || !(a.mask & sink.mask) || (sink.needsHead && !a.head)) continue;
      const saved = st.inter;
      st.inter = true;
      this.hit({ ...via(a, sink.param), mask: a.mask & sink.mask }, sink.spec, sink.node, st, sink.needsHead);
      st.inter = saved;
    }
    if (!s.ret) return null;
    let out: Taint | null = null;
    for (let i = 0; i < s.params.length && i < 30; i++) {
      if (!(s.ret.params & (1 << i))) continue;
      const a = argFor(i);
      if (a) out = join(out, clear(via(a, i), ~s.ret.mask & ALL_MASK));
    }
    return out;
  }

  // ---------------------------------------------------------------- findings

  private hit(t: Taint, spec: SinkSpec, node: A.AnyNode, st: FnState, needsHead: boolean): void {
    if (!(t.mask & spec.bit)) return;
    if (t.origin && t.trace) {
      const rule = spec.rule === FLOW_RULES.path && t.joined ? FLOW_RULES.absolutePath : spec.rule;
      const key = `${rule}:${node.lineno}:${node.col_offset}:${node.end_lineno}:${node.end_col_offset}`;
      if (!this.seen.has(key)) {
        this.seen.add(key);
        this.flows.push({ rule, node, origin: t.origin, trace: t.trace, sinkLabel: spec.label, interprocedural: st.inter });
      }
    }
    if (t.params) {
      for (let i = 0; i < 30; i++) {
        if (!(t.params & (1 << i))) continue;
        if (st.summary.sinks.length >= 64) break;
        if (!st.summary.sinks.some((s) => s.node === node && s.param === i && s.spec === spec)) {
          st.summary.sinks.push({ param: i, spec, node, mask: t.mask & spec.bit, needsHead });
        }
      }
    }
  }

  private sourceTaint(node: A.Expr, src: SourceHit): Taint {
    const step: Step = { node, message: `${this.text(node)} (source: ${src.label})`, kind: 'source', prev: null, len: 1 };
    return { mask: src.origin === 'traceback' ? K.RESPONSE : USER_MASK, head: true, params: 0, trace: step, origin: src.origin, joined: false };
  }

  private step(t: Taint, node: A.AnyNode): Taint {
    if (!t.trace || t.trace.len >= MAX_TRACE || t.trace.node === node) return t;
    return { ...t, trace: { node, message: this.text(node), kind: 'step', prev: t.trace, len: t.trace.len + 1 } };
  }

  /** The source text of a node's first line, trimmed to 100 characters. */
  text(node: A.AnyNode): string {
    const line = this.lines[node.lineno - 1] ?? '';
    let s = node.end_lineno === node.lineno ? line.slice(node.col_offset, node.end_col_offset) : line.slice(node.col_offset) + ' …';
    s = s.trim();
    return s.length > 100 ? `${s.slice(0, 97)}…` : s;
  }
}

const RETURN_RESPONSE: SinkSpec = { rule: FLOW_RULES.traceback, bit: K.RESPONSE, label: 'an HTTP response (returned by the handler)' };
const RETURN_HTML: SinkSpec = { rule: FLOW_RULES.xss, bit: K.XSS, label: 'an HTML response (a string returned by a Flask view)' };
const SESSION_SINK: SinkSpec = { rule: FLOW_RULES.session, bit: K.SESSION, label: 'the session' };
const HEADER_SINK: SinkSpec = { rule: FLOW_RULES.header, bit: K.HEADER, label: 'an HTTP response header' };

function isZero(e: A.Expr | undefined): boolean {
  return !!e && e.type === 'Constant' && e.value === 0;
}

/** Union of two environments (a name is tainted after a branch if it is on either side). */
function merge(a: Map<string, Taint>, b: Map<string, Taint>): Map<string, Taint> {
  if (a === b) return new Map(a);
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, join(out.get(k) ?? null, v)!);
  return out;
}

/** A returned expression that builds a string (f-string, concatenation with a literal, `%`, `.format()`). */
function isStringBuilding(e: A.Expr, sem: SemanticModel): boolean {
  switch (e.type) {
    case 'JoinedStr':
      return true;
    case 'BinOp':
      return (e.op === 'Add' || e.op === 'Mod') && (sem.isLiteralString(e.left) || e.left.type === 'JoinedStr' || isStringBuilding(e.left, sem));
    case 'Call':
      return e.func.type === 'Attribute' && e.func.attr === 'format';
    case 'Tuple':
      return !!e.elts[0] && isStringBuilding(e.elts[0], sem);
    default:
      return false;
  }
}
