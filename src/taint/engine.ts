/**
 * The taint analysis of one module: an abstract interpretation of each function body in
 * statement order (branches joined, loops run twice, guards and sanitizers clearing sink
 * kinds), with summaries of the module's own functions so that a flow through a helper
 * (`def run(cmd): os.system(cmd)`) is found at the call site. Linear in the size of the
 * function (loops at most twice, nested loops bounded); every recursion is depth-bounded.
 */
import { readIni } from '../core/ini.js';
import type * as A from '../python/ast.js';
import type { Scope, SemanticModel } from '../python/semantic.js';
import { pushChildrenReversed, walk } from '../python/visit.js';
import { ALL_MASK, CONSTANT_NAME, K, STRUCTURED_MASK, USER_MASK, atUrlAttributeStart, clear, inQuotedAttribute, unescapedAsUrl, join, live, addKinds, originMask, paramMask, unescapedInAttribute, type Origin, type Step, type Taint } from './model.js';
import { binop, fold, truthy, type ConstV, type FoldEnv } from './fold.js';
import { CONTAINER_ADDERS, METHOD_PASS_THROUGH, RECEIVER_ADDERS, ROUND_TRIPS, NON_PROPAGATING_METHODS, PATH_JOINS, PROPAGATORS, SANITIZERS, argumentSanitizer, closedSegmentClears, escapeLeavesQuotes, prefixClears } from './sanitizers.js';
import { attributeSinksFor, FLOW_RULES, sinkTaint, sinksFor, subscriptSinksFor, type CallTaints, type SinkSpec, type SubscriptSinkSpec } from './sinks.js';
import { LOCAL_SOURCE_RULES } from './models/kinds.js';
import { SourceFinder, clientParams, handlerParams, modelAnnotation, platformField, routeOf, typedFieldsOf, typedModelField, type ParamSource, type SourceHit } from './sources.js';
import { guardsOf, keyOf, loopGuards, namesBound, paramGuardsOf, statementGuards, type ExternalGuards, type Guard, type ParamGuard } from './guards.js';
import { PROGRAM_LOOKUPS, PURE_METHODS, PURE_OF_CONSTANTS, READ_ONLY_CALLS } from './models/pure.js';
import { charSetFrom, charsetClears } from './models/regex.js';
import { IN_MEMORY_FILES } from './models/stdlib.js';
import { MARKUP_CLASSES } from './models/flask.js';
import { annotatedClass, boundCall, classAttributeValues, constantFalse, declaredAnnotation, enclosingClass, importedConstant, selfFieldAssignments, shellParameter } from './models/predicates.js';
import type { CallArgs, Hinge } from './callers.js';
import { frozenClassTable, frozenTable, recordsMethod } from './callers.js';
import { enclosingFunction } from '../python/helpers.js';
import { isStr } from '../python/calls.js';

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
  /** The file of the sink when it lies in another module of the project (a cross-module flow). */
  path?: string;
}

/**
 * A function or class of another module of the project, as the project pass resolves a
 * qualified name (`dao.find_user`, `helpers.wrapper.RequestWrapper`): its module's
 * analysis supplies the summary.
 */
export interface ExternalCallee {
  kind: 'function' | 'class';
  /** The function (for a class: its `__init__`, or null). */
  fn: A.FunctionDef | null;
  /** Name for messages: `find_user`, `RequestWrapper.get_query_parameter`. */
  name: string;
  /** Display path of the module's file. */
  path: string;
  /**
   * The analysis of the callee's module; null for a class the resolver answered from the
   * project facts alone (its constructor cannot keep a request object: nothing to analyse).
   */
  analysis: TaintAnalysis | null;
  /** 1 for methods (the instance is `self`). */
  offset: number;
  /** For a class: its qualified name, the type of the instances it makes. */
  cls?: string;
  /** For a class without `__init__` whose constructor sets its fields (a dataclass): the class. */
  classDef?: A.ClassDef;
}

/** Resolves calls into other modules of the project (set by the project pass). */
export interface ExternalResolver {
  /**
   * The callee a qualified name stands for, or null. `use` says what the caller needs, so that
   * a resolver can skip callees whose summary cannot change the result: `constants` (does it
   * return only constants), `class` (is it a class of the project), or `call` with whether any
   * argument or the receiver carries taint (without taint only a returned source matters).
   */
  lookup(qualified: string, use?: ExternalUse): ExternalCallee | null;
  /** What a predicate function of another module checks on its parameters (from its module's facts), or null. */
  guards?(qualified: string): readonly ParamGuard[] | null;
  /** The typed fields of a validated model class of another module (from its facts), or null. */
  typedFields?(qualified: string): readonly string[] | null;
  /** Whether a name of another module is a table of constants nothing changes (from its facts); null when it does not resolve. */
  constantTable?(qualified: string): boolean | null;
}

/** What a caller needs from an external callee (see {@link ExternalResolver.lookup}). */
export type ExternalUse =
  | { kind: 'constants' }
  | { kind: 'class'; /** A request object is passed to the constructor (it may keep it in a field). */ req?: boolean; /** Untrusted data is passed to the constructor (a method may reach a sink with the field that keeps it). */ tainted?: boolean }
  | { kind: 'factory' }
  | { kind: 'call'; tainted: boolean; /** A request object goes in (an argument, or a field of the instance). */ req?: boolean };

/** What one module tells the project pass about itself (plain, serialisable). */
export interface TaintFacts {
  /**
   * Functions and methods (`f`, `Class.m`, and `Class` when a method is) that return a source,
   * reach a sink from a parameter, or pass a parameter to their result; `cls` marks a class's
   * own entry (what its methods do together).
   */
  exports: Record<
    string,
    {
      src?: true;
      sinks?: true;
      /** One of those sinks is of a rule that reports local input too ({@link LOCAL_SOURCE_RULES}). */
      sinksLocal?: true;
      pass?: true;
      lit?: true;
      req?: true;
      fwd?: true;
      cls?: true;
      /** A factory: every return makes an instance of this class (its name as the module sees it: a class of its own, or an imported one). */
      make?: string;
      /** A predicate function: what it checks on its parameters (a caller's `if not is_safe(x): abort()` validates x). */
      guards?: ParamGuard[];
      /** A validated model class (pydantic): its fields whose types admit no injection (numbers, UUIDs, dates, choices). */
      typed?: string[];
    }
  >;
  /**
   * Calls into the project's own modules (qualified names), whether an argument carried
   * untrusted data or was a request object, and whether the call's result can reach a
   * pattern finding whose verdict is `unknown` (a callee returning only constants may settle it).
   */
  calls: {
    callee: string;
    src?: true;
    /** The untrusted data that goes in is local input only (command line, environment): only {@link LOCAL_SOURCE_RULES} report it. */
    local?: true;
    req?: true;
    unknown?: true;
    /** No argument carries live untrusted data and one carries sanitised data (`int()` of a request value): a callee passing it on returns it sanitised. */
    cleaned?: true;
  }[];
  /** Some call of the module is a sink of a rule that reports local input ({@link LOCAL_SOURCE_RULES}), whatever reaches it. */
  localSinks?: true;
  /** Pattern findings left `unknown` that hinge on the parameters of their function (see taint/callers.ts). */
  hinges?: Hinge[];
  /** Calls of functions by name, with which arguments are constants (see taint/callers.ts). */
  callArgs?: CallArgs[];
  /** Names of imported or module functions used other than by a call. */
  refs?: string[];
  /** The names of the calls beyond what {@link callArgs} holds: no hinge of these names can be settled. */
  unrecordedCalls?: string[];
  /** Methods called somewhere with no argument (not in {@link callArgs}): they pass their defaults. */
  bareCalls?: string[];
  /** Module-level tables of constants nothing changes (names), for the calls of other modules that read them (`CallArgs.litIf`). */
  tables?: string[];
}

/** What the analysis saw reach an expression that a pattern rule flagged (joined over every visit). */
export interface Observation {
  taint: Taint | null;
  /** The folded constant, when every visit saw the same one. */
  value: ConstV | undefined;
  /** The first element of an argv list (the program), when it is a known constant. */
  head: ConstV | undefined;
  /** The first element of an argv list display is built only from constants on every visit (`[shutil.which("soffice"), *args]`), whichever constant it folds to. */
  headLit: boolean;
  /** Built only from constants on every visit (which constant may depend on the path). */
  lit: boolean;
  /** Sink kinds the value is safe for on every visit although krait cannot follow all of it (see {@link Clean}). */
  clean: Clean;
  visits: number;
}

/**
 * What a value is safe for although krait cannot follow every part of it: each part that
 * is not a constant went through a sanitiser for the kinds in `bits` (`"ls " +
 * shlex.quote(d)` with `d` from a library) — `by` names one. `bits` is every kind for a
 * value built only from constants, 0 when some part is unknown.
 */
export interface Clean {
  bits: number;
  by?: string;
}
const NOT_CLEAN: Clean = { bits: 0 };
const ALL_CLEAN: Clean = { bits: ALL_MASK };

/** A value made of two parts is safe for what both parts are safe for. */
function andClean(a: Clean, b: Clean): Clean {
  // (A constant part keeps the other part's reason: `f"-n {int(n)}"` is safe through int().)
  if (a.bits === ALL_MASK) return b.by || !a.by ? b : { bits: b.bits, by: a.by };
  if (b.bits === ALL_MASK) return a.by || !b.by ? a : { bits: a.bits, by: b.by };
  const bits = a.bits & b.bits;
  return bits ? { bits, by: a.by ?? b.by } : NOT_CLEAN;
}

/** Attributes of an uploaded file that are still the file object: its stream (werkzeug's `.stream`, Starlette's `.file`). */
const UPLOAD_OBJECT_PARTS = new Set(['stream', 'file']);
/** Keys of Tornado's upload dicts that are values of their own (the client's name, the declared type). */
const UPLOAD_VALUE_KEYS = new Set(['filename', 'content_type']);
/** Constructors of in-memory file objects (see models/stdlib.ts): given where a path or a file is accepted, they name no file. */
const IN_MEMORY_FILE_MAKERS: ReadonlySet<string> = new Set(IN_MEMORY_FILES);
/** Methods of the files mapping that give the uploads themselves (`request.files.get("f")`, `getlist`). */
const UPLOAD_GETTERS = new Set(['get', 'getlist', 'getone', 'pop', 'values']);

/** The value without the mark of an uploaded file object (see `Taint.upload`): a value read from it, such as its name, is a path like any other. */
/**
 * Whether a call of a summarised function may pass true for the parameter its sink's
 * `shell=` names: a constant argument says so; a missing one takes the default.
 */
function shellGiven(sp: NonNullable<SummarySink['shellParam']>, call: A.Call, params: readonly string[], offset: number, sem: SemanticModel): boolean {
  const pos = sp.param - offset;
  if (call.args.some((a) => a.type === 'Starred') || call.keywords.some((k) => !k.arg)) return true;
  const given = pos >= 0 && pos < call.args.length ? call.args[pos] : call.keywords.find((k) => k.arg === params[sp.param])?.value;
  if (!given) return sp.dflt;
  return !constantFalse(given, sem);
}

function notUpload(t: Taint | null): Taint | null {
  if (!t?.upload) return t;
  const rest = { ...t };
  delete rest.upload;
  return rest;
}

/** Options of a Django model (`Model._meta`) that are names set in its code (django.db.models.options.Options). */
const DJANGO_META_NAMES = new Set(['db_table', 'app_label', 'model_name', 'object_name', 'label', 'label_lower', 'verbose_name', 'verbose_name_plural', 'db_tablespace']);

/**
 * An attribute that names something the code defines: a Django model's table or label
 * (`X._meta.db_table`), a class's or function's `__name__`/`__qualname__`. Whatever object
 * it is read from, input cannot choose it.
 */
function isCodeName(e: A.Attribute): boolean {
  if (e.attr === '__name__' || e.attr === '__qualname__') return true;
  return DJANGO_META_NAMES.has(e.attr) && e.value.type === 'Attribute' && e.value.attr === '_meta';
}

/** Code the analysis proved never runs (a branch of a constant condition), and why. */
export interface DeadCode {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  reason: string;
}

/** One element of a tracked container. */
interface Item {
  t: Taint | null;
  c: ConstV | undefined;
  /** Built only from constants although not folded to one (`pickle.dumps({"a": 1})`). */
  lit?: boolean;
}

/** Whether an element is a constant, folded or not. */
function constItem(i: Item): boolean {
  return i.c !== undefined || !!i.lit;
}

/**
 * A container tracked element by element: a list or tuple (`seq`) or a dict with constant
 * keys (`map`; a `configparser` object is a map keyed by section and option). Shapes are
 * immutable values: an update replaces the shape.
 */
type Shape =
  | { kind: 'seq'; items: readonly Item[]; /** An in-memory text stream (`io.StringIO()`): the pieces written to it, in order. */ stream?: true }
  | { kind: 'map'; items: ReadonlyMap<string, Item>; config: boolean };

/** An assigned value: its taint, its constant (if any) and its shape (if a tracked container). */
interface Val {
  t: Taint | null;
  c: ConstV | undefined;
  shape: Shape | null;
  /** Built only from constants (set when `c` is unknown but every leaf is a literal). */
  lit?: boolean;
  /** Safe for some sink kinds although not only constants (see {@link Clean}). */
  clean?: Clean;
  /** An instance of a class of another module (its qualified name). */
  cls?: string;
  /** A request object (a framework request, or a name that holds one). */
  req?: boolean;
  /** For an instance of a class of another module: its fields that hold a request object. */
  reqFields?: readonly string[];
  /** For an instance of a class of another module made with untrusted arguments: the constructor and what went in. */
  ctor?: CtorCall;
}

/** What the analysis saw of a call argument on every visit (see {@link TaintAnalysis.argSafety}). */
export type ArgSafety = 'constant' | 'safe' | false;

/** A constructor of a class of another module called with untrusted data (see {@link TaintAnalysis.instanceSummaryFor}). */
interface CtorCall {
  callee: ExternalCallee;
  args: readonly (Taint | null)[];
  keywords: ReadonlyMap<string, Taint | null>;
}

interface SummarySink {
  param: number;
  spec: SinkSpec;
  node: A.AnyNode;
  mask: number;
  needsHead: boolean;
  /** The sink's file when it lies in another module (reached through a call there). */
  path?: string;
  /** The steps from the parameter to the sink inside the function (see {@link paramTrace}). */
  trace?: Step;
  /** A path sink given the parameter's value as it is: a caller's file object names no file there (see `Taint.upload`). */
  object?: true;
  /** A MongoDB filter that holds the parameter's value as `$where` code: a caller's text that can be code makes it query-operator injection (see `Taint.mongoCode`). */
  mongo?: true;
  /**
   * The sink runs a shell only when this parameter of the function is true (`def run(cmd,
   * shell=False): subprocess.run(cmd, shell=shell)`): a call that leaves it at a false
   * default or passes a false constant reaches it as an argument list, where only the head
   * (the program) matters.
   */
  shellParam?: { param: number; dflt: boolean };
}
interface Summary {
  /** The parameters' names: positional, keyword-only, then `*args` and `**kwargs` (see {@link starParams}). */
  params: string[];
  /** Where `*args` and `**kwargs` sit in {@link params}, and how many parameters take positional arguments; absent without either. */
  starParams?: { positional: number; varargs: number; kwargs: number };
  /** Which parameters flow into the return value, and which sink kinds survive. */
  /** Parameters that flow to the returned value, and the kinds they can still reach there (`pmask[i]`: parameter i's own, when known). */
  ret: {
    params: number;
    mask: number;
    pmask?: number[];
    by?: string;
    trace?: Step;
    /** Parameters returned checked for `..` only (see `Taint.dots`). */
    dots?: number;
    /** Parameters some return gives other than as a later element of a list or tuple display (`Taint.head`): the others only after a fixed program (`[PING, "-c", "3", host]`). All when absent. */
    heads?: number;
  } | null;
  sinks: SummarySink[];
  /** Every value the function returns is built only from constants. */
  retLit?: boolean;
  /** Every value the function returns is a list or tuple whose first element is built only from constants (`return [tar, "-czf", dest]` with `tar = shutil.which("tar")`): an argument list that runs a fixed program. */
  retHeadLit?: boolean;
  /** What every value the function returns is safe for (see {@link Clean}). */
  retClean?: Clean;
  /** Untrusted data the function returns whatever its arguments (`return request.args["q"]`). */
  retSrc?: Taint | null;
  /** The imported object every return gives (`return yaml.SafeLoader`): its qualified name; null when the returns differ or are not one. */
  retName?: string | null;
  /** The class every return makes an instance of (`return Thing()`), as this module names it; null when the returns differ or are not one. */
  retCls?: string | null;
  /** Every value the function returns is text it builds (an f-string, `+`, `%`, a string method): a view returning its result sends that text. */
  retText?: boolean;
  /**
   * When every return is a tuple display of one length (`return sql, params`): what flows to
   * each element (as {@link ret} does for the whole); null when the returns differ.
   */
  retItems?: (NonNullable<Summary['ret']> | null)[] | null;
  /** With {@link retItems}: whether every return builds each element only from constants (as {@link retLit} does for the whole). */
  retLitItems?: boolean[];
  /** With {@link retItems}: the untrusted data each element carries whatever the arguments (as {@link retSrc} does for the whole). */
  retSrcItems?: (Taint | null)[];
  /** Request data (`args`, `form`, `get_json()`…) is read from a parameter or a field of `self` (it is a source when that holds a request object). */
  readsReq?: boolean;
  /** Fields of `self` that hold a request object when the function returns (a constructor that keeps the request: `self._req = req`). */
  reqFields?: readonly string[];
  /** A parameter's value is passed to a call into the project's own modules (followed by the project pass). */
  fwd?: boolean;
  /** Calls into the project's own modules (qualified names) made here or in the module's functions this one calls. */
  ext?: Set<string>;
  /** A function this one calls had no summary in this context (recursion, depth): `ext` may be incomplete. */
  extOpen?: boolean;
}
const EMPTY: Summary = { params: [], ret: null, sinks: [] };

/** What a method of a class of this module is analysed with for one instance (see `instanceSummary`). */
interface InstanceContext {
  /** Fields of `self` and the untrusted data the constructor put in them. */
  fields: ReadonlyMap<string, Taint>;
  /** For the constructor: the call's arguments (positional after `self`, and keywords by name). */
  args?: { args: readonly (Taint | null)[]; keywords: ReadonlyMap<string, Taint | null> };
  /** Called with the state at the end of the body and the name of `self`. */
  onExit?: (st: FnState, self: string) => void;
}

interface FnState {
  /** In a method (not a static or class method): the name of its first parameter, the instance. */
  selfName?: string;
  env: Map<string, Taint>;
  /** Names (and attribute chains) known to hold a constant at this point. */
  consts: Map<string, ConstV>;
  /** Names (and attribute chains) holding a container tracked element by element. */
  shapes: Map<string, Shape>;
  /** Names (and attribute chains) built only from constants, whichever constant it is. */
  lits: Set<string>;
  /** Names (and attribute chains) holding a value safe for some sink kinds (see {@link Clean}). */
  cleans: Map<string, Clean>;
  /** What every value returned so far is safe for. */
  retClean: Clean;
  /** Every return so far returned a value built only from constants (and nothing was yielded). */
  retLit: boolean;
  /** Every return so far returned a list or tuple whose first element is built only from constants (see `Summary.retHeadLit`). */
  retHeadLit: boolean;
  /** Names holding an instance of a class of another module (qualified class name). */
  types: Map<string, string>;
  /** For those instances: their fields that hold a request object. */
  instReq: Map<string, readonly string[]>;
  /** Names holding an instance of a class of another module made with untrusted arguments. */
  ctors: Map<string, CtorCall>;
  /**
   * Names and attribute chains that hold a request object (assumed for parameters and fields
   * of `self` when the caller passes one, or assigned one here); request data read from them
   * is a source. Flow-insensitive within the function (once a request object, always).
   */
  reqs: Set<string>;
  /** The function is a constructor (`__init__`). */
  ctor?: boolean;
  /** The scope whose names are tracked flow-sensitively (the function's, or the module's). */
  scope: Scope;
  fold: FoldEnv;
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
/** Analyses of a function in the context of one call (a closure, a lambda, an instance) per module (see `spendContext`). */
const MAX_CONTEXT_ANALYSES = 400;
/** Contexts (which parameters and fields hold a request object) a function is analysed in, besides the plain one. */
const MAX_SPECIALISED = 4;
/** A dict's views: what they give is what the dict holds. */
const DICT_VIEWS: ReadonlySet<string> = new Set(['items', 'keys', 'values']);
const MAX_TRACE = 40;
/** Calls that never return: they raise (the web frameworks' `abort`, Bottle's `redirect`) or exit. */
const TERMINATORS = new Set([
  'flask.abort', 'abort', 'sys.exit', 'exit', 'quit', 'os._exit', 'werkzeug.exceptions.abort', 'django.http.Http404',
  'bottle.abort', 'bottle.redirect', 'quart.abort',
]);

/** The string literals of a concatenation (`a + "/x/" + f"{b}/y/"`), in text order; not those inside calls or subscripts. */
function concatLiterals(e: A.Expr): string[] {
  const out: string[] = [];
  const stack: A.Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.type === 'Constant' && typeof x.value === 'string') out.push(x.value);
    else if (x.type === 'BinOp' && x.op === 'Add') stack.push(x.right, x.left);
    else if (x.type === 'JoinedStr') for (const v of x.values) stack.push(v);
  }
  return out;
}

/** The fixed text of a `%` format string before its first conversion (`%%` is a literal `%`). */
function percentPrefix(fmt: string): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') out += fmt[i];
    else if (fmt[i + 1] === '%') { out += '%'; i++; }
    else break;
  }
  return out;
}

/** A `%` conversion specifier (printf-style string formatting, Python's library reference); `%%` is matched to be skipped. */
const PERCENT_SPEC = /%(?:%|(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa])/g;

/** Whether a `%` format string has a `%r` or `%a` conversion (repr() or ascii() of the operand). */
function reprConversion(fmt: string): boolean {
  for (const m of fmt.matchAll(PERCENT_SPEC)) if (m[0].endsWith('r') || m[0].endsWith('a')) return true;
  return false;
}

/**
 * The operands of `fmt % right` that a numeric conversion (`%d`, `%i`, `%u`, `%o`, `%x`, `%X`,
 * `%e`, `%E`, `%f`, `%F`, `%g`, `%G`) formats: Python raises TypeError for anything but a
 * number there, so the text they give is digits, a sign, a point or an exponent (printf-style
 * string formatting, Python's library reference). Tuple elements by position, dict values by
 * `%(key)d`, or `right` itself for a format with one placeholder; empty when the specifiers
 * cannot be matched to operands (`*` widths, a starred element, non-constant keys).
 */
export function numericOperands(fmt: string, right: A.Expr): Set<A.Expr> {
  const out = new Set<A.Expr>();
  const specs = [...fmt.matchAll(PERCENT_SPEC)].map((m) => m[0]).filter((m) => m !== '%%');
  if (!specs.length || specs.some((m) => m.includes('*'))) return out;
  const numeric = (spec: string) => /[diouxXeEfFgG]$/.test(spec);
  const named = specs.every((m) => m.startsWith('%('));
  if (named && right.type === 'Dict') {
    const keys = new Map(specs.map((m) => [m.slice(2, m.indexOf(')')), numeric(m)] as const));
    right.keys.forEach((k, i) => {
      const all = specs.filter((m) => k?.type === 'Constant' && m.slice(2, m.indexOf(')')) === k.value);
      if (k?.type === 'Constant' && typeof k.value === 'string' && keys.has(k.value) && all.every(numeric)) out.add(right.values[i]);
    });
    return out;
  }
  if (named) return out;
  if (right.type === 'Tuple') {
    if (right.elts.length !== specs.length || right.elts.some((x) => x.type === 'Starred')) return out;
    right.elts.forEach((x, i) => numeric(specs[i]) && out.add(x));
    return out;
  }
  if (specs.length === 1 && numeric(specs[0])) out.add(right);
  return out;
}

/** The text of a format string before each of its placeholders (`re`: a global pattern of them). */
function placeholderTexts(fmt: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const m of fmt.matchAll(re)) if (m[0] !== '%%') out.push(fmt.slice(0, m.index));
  return out;
}

/** Run the analysis over a module; `flows` holds what it found. */
export class TaintAnalysis {
  readonly flows: Flow[] = [];
  /** Observations of the nodes in `observe` (see {@link Observation}). */
  readonly observed = new Map<A.AnyNode, Observation>();
  /** Branches the analysis pruned because their condition is constant. */
  readonly dead: DeadCode[] = [];
  /** Per function: its local names known to hold only text it builds (see {@link builtText}). */
  private readonly textNames = new WeakMap<A.AnyNode, Map<string, boolean>>();
  /** Calls of functions that return text they build (see {@link Summary.retText}). */
  private readonly textCalls = new WeakSet<A.Call>();
  /** Nodes whose values triage asks about (pattern findings' flagged arguments). */
  observe: ReadonlySet<A.AnyNode> | null = null;
  /** Calls into other modules of the project, resolved by the project pass (null in the per-file pass). */
  external: ExternalResolver | null = null;
  /** Guards of predicate functions of other modules, through {@link external} (the project pass). */
  private readonly extGuards: ExternalGuards = (q) => this.external?.guards?.(q) ?? null;
  /** Top-level names of the project's own modules: calls into them are recorded for the project pass. */
  localModules: ReadonlySet<string> | null = null;
  /** Statements executed (a deterministic measure of the analysis's work, for tests). */
  steps = 0;
  /** Calls into the project's own modules seen so far. */
  readonly projectCalls: TaintFacts['calls'] = [];
  /** Some call analysed is a sink of a rule that reports local input (see {@link TaintFacts.localSinks}). */
  private localSinks = false;
  /** Calls into the project's own modules made by module-level code (see {@link projectCalleesAround}). */
  private readonly moduleExt = new Set<string>();
  private moduleExtOpen = false;
  private readonly seen = new Set<string>();
  private readonly summaries = new Map<A.AnyNode | string, Summary | 'pending'>();
  /** Summaries of functions in a context where some parameters or fields hold a request object (see {@link summaryOf}). */
  private readonly specialised = new Map<A.AnyNode, Map<string, Summary | 'pending'>>();
  private readonly sources: SourceFinder;
  /** The module imports functools (else no call is of a partial object). */
  private readonly usesPartial: boolean;
  /** The module defines a class (else no call is a constructor of one of its classes). */
  private readonly definesClasses: boolean;
  /** The module imports Flask, Quart or Bottle: a route's returned string is an HTML response. */
  private readonly htmlViews: boolean;
  private readonly fastapiModule: boolean;
  private callDepth = 0;

  constructor(
    readonly module: A.Module,
    readonly sem: SemanticModel,
    readonly lines: readonly string[],
  ) {
    this.sources = new SourceFinder(sem);
    this.usesPartial = sem.importsModule('functools');
    // A text test, a superset of the class statements (at any depth), read once per module.
    this.definesClasses = lines.some((l) => /\bclass\s/.test(l));
    const mods = sem.imports.map((i) => i.module.split('.')[0]);
    // (Bottle sends a returned string as text/html too.)
    this.htmlViews = mods.includes('flask') || mods.includes('quart') || mods.includes('bottle');
    this.fastapiModule = mods.includes('fastapi') || mods.includes('starlette');
  }

  /** Analyse module-level code and every function. */
  run(): this {
    const st = this.newState(EMPTY, false, false, this.sem.module);
    this.execBlock(this.module.body, st, 0);
    walk(this.module, (n) => {
      if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') this.summaryOf(n);
      return n.type !== 'Lambda';
    });
    return this;
  }

  // ---------------------------------------------------------------- functions

  /** The summary of one of this module's functions (computed on first use). */
  summaryFor(fn: A.FunctionDef, assume: readonly string[] = []): Summary {
    return this.summaryOf(fn, assume);
  }

  /**
   * The calls into the project's own modules whose results can reach `node`: those made by
   * the functions around it (and by the module's functions they call) and by module-level
   * code; null when that is not known (a callee without a summary), so every call counts.
   * After {@link run}. The project pass only needs to bring in a callee's summary for a
   * pattern finding left `unknown` when the callee is among them.
   */
  projectCalleesAround(node: A.AnyNode): Set<string> | null {
    if (this.moduleExtOpen) return null;
    const out = new Set(this.moduleExt);
    for (let n: A.AnyNode | null = node.parent; n; n = n.parent) {
      if (n.type !== 'FunctionDef' && n.type !== 'AsyncFunctionDef') continue;
      const all = [this.summaries.get(n), ...(this.specialised.get(n)?.values() ?? [])];
      for (const s of all) {
        if (s === undefined || s === 'pending' || s.extOpen) return null;
        for (const q of s.ext ?? []) out.add(q);
      }
    }
    return out;
  }

  /** Whether a module function returns only constants (its project calls count as the caller's). */
  private litCallee(fn: A.FunctionDef, st: FnState): boolean {
    const s = this.summaryOf(fn);
    this.inheritExt(st, s);
    return s.retLit === true;
  }

  /** A caller inherits the project calls of a module function it calls (see {@link projectCalleesAround}). */
  private inheritExt(st: FnState, callee: Summary): void {
    if (callee === EMPTY || callee.extOpen) {
      if (st.summary !== EMPTY) st.summary.extOpen = true;
      else this.moduleExtOpen = true;
      if (callee === EMPTY) return;
    }
    if (!callee.ext) return;
    if (st.summary === EMPTY) for (const q of callee.ext) this.moduleExt.add(q);
    else for (const q of callee.ext) (st.summary.ext ??= new Set()).add(q);
  }

  /** What the project pass needs to know about this module (after {@link run}). */
  facts(): TaintFacts {
    const exports: TaintFacts['exports'] = {};
    const add = (key: string, fn: A.FunctionDef, topLevel = false) => {
      const s = this.summaries.get(fn);
      if (!s || s === 'pending') return;
      const e: TaintFacts['exports'][string] = {};
      const guards = topLevel ? paramGuardsOf(fn, this.sem) : null;
      if (guards) e.guards = guards;
      // Only HTTP request data: command-line and environment readers are everywhere in
      // library code (argparse, getopt), and a flow from them is a local user's own input.
      if (s.retSrc && s.retSrc.origin === 'request' && live(s.retSrc)) e.src = true;
      if (s.sinks.length) e.sinks = true;
      if (s.sinks.some((k) => LOCAL_SOURCE_RULES.has(k.spec.rule))) e.sinksLocal = true;
      if (s.ret) e.pass = true;
      // Constants only, and something to use: a procedure (no value returned) gives callers nothing.
      if ((s.retLit && returnsValue(fn)) || s.retName) e.lit = true;
      if (s.retCls) e.make = s.retCls;
      // Passes an argument on to the project's own code (a chain the project pass may follow).
      if (s.fwd) e.fwd = true;
      // Reads request data from a parameter or a field: a source when given a request object.
      if (s.readsReq || s.reqFields) e.req = true;
      if (e.src || e.sinks || e.pass || e.lit || e.req || e.fwd || e.make || e.guards) exports[key] = e;
    };
    for (const st of this.module.body) {
      if (st.type === 'FunctionDef' || st.type === 'AsyncFunctionDef') add(st.name, st, true);
      if (st.type === 'ClassDef') {
        const typed = typedFieldsOf(st, this.sem);
        if (typed.length) exports[st.name] = { ...exports[st.name], typed };
        const methods = st.body.filter((m): m is A.FunctionDef => m.type === 'FunctionDef' || m.type === 'AsyncFunctionDef');
        for (const m of methods) {
          this.summaryOf(m);
          add(`${st.name}.${m.name}`, m);
        }
        // The class stands for what its methods do (an instance made here is used there).
        const flags = methods.map((m) => exports[`${st.name}.${m.name}`]).filter((x) => x !== undefined);
        const fieldUse = this.fieldUse(methods, st);
        if (flags.length || fieldUse) {
          // (A field's sink, found by its syntax, may be of any kind: counted as one that reports local input.)
          const merged: TaintFacts['exports'][string] = { cls: true, ...(fieldUse === 'sink' ? { sinks: true, sinksLocal: true } : fieldUse === 'pass' ? { pass: true } : {}) };
          for (const f of flags) Object.assign(merged, { ...(f.src ? { src: true } : {}), ...(f.sinks ? { sinks: true } : {}), ...(f.sinksLocal ? { sinksLocal: true } : {}), ...(f.pass ? { pass: true } : {}), ...(f.req ? { req: true } : {}), ...(f.fwd ? { fwd: true } : {}) });
          exports[st.name] = { ...merged, ...(exports[st.name]?.typed ? { typed: exports[st.name]?.typed } : {}) };
        }
      }
    }
    // Calls whose returned object triage asked about (`Loader=loader()`): the project pass brings the callee in.
    const calls = this.askedNames.size ? this.projectCalls.map((c) => (this.askedNames.has(c.callee) ? { ...c, unknown: true as const } : c)) : this.projectCalls;
    return { exports, calls, ...(this.localSinks ? { localSinks: true as const } : {}) };
  }

  /**
   * Whether a method of a class calls a sink (`'sink'`) or returns something (`'pass'`) with a
   * field of `self` that `__init__` sets from one of its parameters (`self.url = url` …
   * `requests.post(self.url)`): an instance made with untrusted arguments elsewhere can reach
   * that sink, or give the data back. Syntactic and cheap: the project pass analyses the
   * class with the arguments when an instance is made so. Null when neither.
   */
  private fieldUse(methods: readonly A.FunctionDef[], cls: A.ClassDef): 'sink' | 'pass' | null {
    const init = methods.find((m) => m.name === '__init__');
    const declared = init ? null : dataclassFields(cls, this.sem);
    if (!init && !declared?.length) return null;
    if (init && methods.length < 2) return null;
    const params = new Set(init ? [...init.args.posonlyargs, ...init.args.args, ...init.args.kwonlyargs].slice(1).map((p) => p.arg) : []);
    const fields = new Set<string>(declared ?? []);
    // A field set from a parameter or from something made of one (`self.name = args.get("name")[:80]`).
    const fromParam = (v: A.Expr): boolean => {
      let found = false;
      walk(v, (x) => {
        if (x.type === 'Name' && params.has(x.id)) found = true;
        return !found && x.type !== 'Lambda';
      });
      return found;
    };
    if (init) walk(init, (n) => {
      const targets = n.type === 'Assign' ? n.targets : n.type === 'AnnAssign' && n.value ? [n.target] : null;
      if (targets && (n as A.Assign | A.AnnAssign).value && fromParam((n as A.Assign | A.AnnAssign).value!)) {
        for (const t of targets) if (t.type === 'Attribute' && t.value.type === 'Name' && t.value.id === 'self') fields.add(t.attr);
      }
      return true;
    });
    if (!fields.size) return null;
    // From each read of such a field, up to its statement: a sink call around it, or a return.
    let use: 'sink' | 'pass' | null = null;
    for (const m of methods) {
      if (m === init) continue;
      walk(m, (n) => {
        if (use === 'sink') return false;
        if (n.type !== 'Attribute' || n.value.type !== 'Name' || n.value.id !== 'self' || !fields.has(n.attr)) return true;
        for (let p: A.AnyNode | null = n.parent; p && p !== m; p = p.parent) {
          if (p.type === 'Call' && sinksFor(p, this.sem.callName(p)).length) {
            use = 'sink';
            break;
          }
          if (p.type === 'Return') use = 'pass';
          if (p.type === 'FunctionDef' || p.type === 'AsyncFunctionDef' || p.type === 'ClassDef' || p.type === 'Lambda') break;
        }
        return true;
      });
      if (use === 'sink') break;
    }
    return use;
  }

  private newState(summary: Summary, returnsResponse: boolean, returnsHtml: boolean, scope: Scope): FnState {
    const st: FnState = { env: new Map(), consts: new Map(), shapes: new Map(), lits: new Set(), cleans: new Map(), retClean: ALL_CLEAN, retLit: true, retHeadLit: true, types: new Map(), instReq: new Map(), ctors: new Map(), reqs: new Set(), scope, fold: null as unknown as FoldEnv, summary, returnsResponse, returnsHtml, loopDepth: 0, inter: false };
    st.fold = {
      name: (e) => this.nameConst(e, st),
      item: (c, k) => {
        const sh = this.shapeAt(c, st);
        if (sh) return itemOf(sh, k)?.c;
        // A configparser option read through the mapping interface (`conf["s"]["k"]`).
        if (c.type !== 'Subscript' || c.slice.type === 'Slice') return undefined;
        const conf = this.configOf(c.value, st);
        const section = conf ? fold(c.slice, st.fold) : undefined;
        return conf && section !== undefined ? configOption(conf.items, section, k)?.c : undefined;
      },
      missing: (c, k) => {
        const sh = this.shapeAt(c, st);
        return !!sh && sh.kind === 'map' && !sh.config && !sh.items.has(itemKey(k)) && c.type === 'Name' && !this.escapes(c);
      },
      builtin: (e) => this.sem.lookup(e.id, e) === undefined,
    };
    return st;
  }

  /** The constant a name holds here: tracked for the current scope's own names, folded from a single binding for the others. */
  private nameConst(e: A.Name, st: FnState): ConstV | undefined {
    const c = st.consts.get(e.id);
    if (c !== undefined || st.consts.has(e.id)) return c;
    if (live(st.env.get(e.id) ?? null)) return undefined;
    if (st.scope.bindings.has(e.id) && !st.scope.globals.has(e.id)) return undefined;
    return this.sem.constValue(e);
  }

  /**
   * Whether the container a name holds may be changed behind the analysis's back: the name is
   * passed to a call, aliased, returned, captured by a nested function or used in any way other
   * than subscripts, membership tests, `len()` and the container methods the interpreter models.
   * Syntactic and per function (cached); anything unusual counts as an escape.
   */
  private escapes(name: A.Name): boolean {
    let scope: A.AnyNode | null = name.parent;
    while (scope && scope.type !== 'FunctionDef' && scope.type !== 'AsyncFunctionDef' && scope.type !== 'Lambda' && scope.type !== 'Module') scope = scope.parent;
    if (!scope) return true;
    let byName = this.escapeCache.get(scope);
    if (!byName) this.escapeCache.set(scope, (byName = new Map<string, boolean>()));
    const got = byName.get(name.id);
    if (got !== undefined) return got;
    let escaped = false;
    walk(scope, (n) => {
      if (escaped) return false;
      if (n !== scope && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda' || n.type === 'ClassDef')) {
        // A nested function or class that mentions the name may change it at any time.
        walk(n, (m) => {
          if (m.type === 'Name' && m.id === name.id) escaped = true;
          return !escaped;
        });
        return false;
      }
      if (n.type !== 'Name' || n.id !== name.id) return true;
      const p = n.parent;
      // Rebinding the name (a new container) is tracked by the interpreter.
      if (p?.type === 'Assign' && p.targets.includes(n)) return true;
      if ((p?.type === 'For' || p?.type === 'AsyncFor' || p?.type === 'comprehension') && p.target === n) return true;
      if (p?.type === 'Subscript' && p.value === n) return true;
      if (p?.type === 'Attribute' && p.value === n && CONTAINER_METHODS.has(p.attr) && p.parent?.type === 'Call' && p.parent.func === p) return true;
      if (p?.type === 'Compare' && p.comparators.includes(n) && p.ops.every((o) => o === 'In' || o === 'NotIn')) return true;
      if (p?.type === 'Call' && p.func.type === 'Name' && p.func.id === 'len' && p.args.length === 1) return true;
      escaped = true;
      return false;
    });
    byName.set(name.id, escaped);
    return escaped;
  }
  private readonly escapeCache = new WeakMap<A.AnyNode, Map<string, boolean>>();

  private shapeAt(e: A.Expr, st: FnState): Shape | undefined {
    const k = keyOf(e);
    return k ? st.shapes.get(k) : undefined;
  }

  /**
   * The summary of a function; with `assume`, its summary when those parameters (names) and
   * fields of `self` (`self._req`) hold a request object — a context the caller supplies
   * (`get_param(request, "q")`, `RequestWrapper(request).term`). At most
   * {@link MAX_SPECIALISED} such contexts per function.
   */
  private summaryOf(fn: A.FunctionDef, assume: readonly string[] = []): Summary {
    let cache = this.summaries;
    let key: A.AnyNode | string = fn;
    if (assume.length && fn.name !== '__init__') {
      // Only a function that reads request data from a parameter or a field (or keeps the
      // request, for a constructor) can change in the context: the others keep their summary.
      const plain = this.summaryOf(fn);
      if (!plain.readsReq && !plain.reqFields) return plain;
    }
    if (assume.length) {
      let m = this.specialised.get(fn);
      if (!m) this.specialised.set(fn, (m = new Map<string, Summary | 'pending'>()));
      key = [...assume].sort().join(',');
      if (!m.has(key) && m.size >= MAX_SPECIALISED) return this.summaryOf(fn);
      cache = m;
    }
    const got = cache.get(key);
    if (got === 'pending') return EMPTY;
    if (got) return got;
    if (this.callDepth >= MAX_CALL_DEPTH) return EMPTY;
    cache.set(key, 'pending');
    this.callDepth++;
    try {
      const s = this.analyzeFunction(fn, assume);
      cache.set(key, s);
      return s;
    } finally {
      this.callDepth--;
    }
  }

  /**
   * The summary of a function defined in the function being analysed, for a call made there:
   * its free names hold what they hold at the call (a closure reads the enclosing function's
   * variables when it runs). Not cached (it depends on the caller's state); null past the
   * call depth or when the function is already being analysed this way (recursion).
   */
  private closureSummary(fn: A.FunctionDef, outer: FnState): Summary | null {
    if (this.callDepth >= MAX_CALL_DEPTH || this.inClosure.has(fn) || !this.spendContext()) return null;
    this.inClosure.add(fn);
    this.callDepth++;
    try {
      return this.analyzeFunction(fn, [], outer);
    } finally {
      this.callDepth--;
      this.inClosure.delete(fn);
    }
  }

  private readonly inClosure = new Set<A.AnyNode>();

  /** Project functions whose returned object triage asked about in the per-file pass (see {@link returnedName}). */
  private readonly askedNames = new Set<string>();

  /** Whether `scope` is the scope of the function `st` analyses or of a function around it (where a closure it calls may be defined). */
  private enclosesState(scope: Scope, st: FnState): boolean {
    for (let s: Scope | null = st.scope; s; s = s.parent) {
      if (s.node.type === 'Module' || s.node.type === 'ClassDef') return false;
      if (s === scope) return true;
    }
    return false;
  }

  /**
   * Analyses in the context of one call (closures, lambdas, instances) are not cached: a
   * module gets at most {@link MAX_CONTEXT_ANALYSES} of them (a file with many calls of
   * nested closures would otherwise cost a product of their counts); past that, calls fall
   * back to the plain summaries.
   */
  private contextAnalyses = 0;

  private spendContext(): boolean {
    return this.contextAnalyses++ < MAX_CONTEXT_ANALYSES;
  }

  /** Copy into a closure's state what the enclosing state knows of the names the closure does not bind itself. */
  private capture(st: FnState, outer: FnState, home: Scope): void {
    // A closure defined further out than the caller (a sibling closure) reads the outer
    // function's names, not the caller's own locals: only what the caller captured passes.
    const callerOwn = home !== outer.scope ? outer.scope : null;
    const free = (k: string): boolean => {
      const dot = k.indexOf('.');
      const root = dot < 0 ? k : k.slice(0, dot);
      if (callerOwn?.bindings.has(root)) return false;
      return !st.scope.bindings.has(root) || st.scope.globals.has(root);
    };
    for (const [k, v] of outer.env) if (free(k) && !st.env.has(k)) st.env.set(k, v);
    for (const [k, v] of outer.consts) if (free(k) && !st.consts.has(k)) st.consts.set(k, v);
    for (const [k, v] of outer.shapes) if (free(k) && !st.shapes.has(k)) st.shapes.set(k, v);
    for (const k of outer.lits) if (free(k)) st.lits.add(k);
    for (const [k, v] of outer.cleans) if (free(k) && !st.cleans.has(k)) st.cleans.set(k, v);
    for (const [k, v] of outer.types) if (free(k) && !st.types.has(k)) st.types.set(k, v);
    for (const [k, v] of outer.instReq) if (free(k) && !st.instReq.has(k)) st.instReq.set(k, v);
    for (const k of outer.reqs) if (free(k)) st.reqs.add(k);
  }

  /**
   * A call of a lambda with this scope's values: a name bound once, in this scope, to a
   * lambda (`f = lambda: requests.get(url)` then `f()`), or `map(lambda u: …, items)` (the
   * parameter takes the elements). The lambda's body is evaluated here with its parameters
   * bound to the arguments; undefined when the call is neither.
   */
  private inlineLambda(call: A.Call, args: (Taint | null)[], st: FnState, d: number): Taint | null | undefined {
    let lam: A.Lambda | null = null;
    let bound: (Taint | null)[] = args;
    const f = call.func;
    if (f.type === 'Name') {
      if (f.id === 'map' && call.args.length === 2 && !this.shadowsBuiltin(call, 'map')) {
        const fnArg = call.args[0];
        lam = fnArg.type === 'Lambda' ? fnArg : fnArg.type === 'Name' ? this.boundLambda(fnArg, st) : null;
        const items = args[1] ?? null;
        bound = [items ? { ...items, head: true } : null];
      } else lam = this.boundLambda(f, st);
    }
    if (!lam || this.inClosure.has(lam) || this.callDepth >= MAX_CALL_DEPTH || !this.spendContext()) return undefined;
    const saved = snapshot(st);
    const params = [...lam.args.posonlyargs, ...lam.args.args];
    params.forEach((p, i) => {
      this.forget(p.arg, st);
      const t = bound[i] ?? null;
      if (t) st.env.set(p.arg, t);
    });
    this.inClosure.add(lam);
    this.callDepth++;
    let out: Taint | null;
    try {
      out = this.eval(lam.body, st, d + 1);
    } finally {
      this.callDepth--;
      this.inClosure.delete(lam);
    }
    adopt(st, saved);
    return out;
  }

  /**
   * A lambda made here and called elsewhere (a callback, `run_in_executor(None, lambda:
   * subprocess.run(cmd, shell=True))`): its body is evaluated with this scope's values as
   * they are where it is made (what its free names most often still hold when it runs), its
   * parameters unknown, so that the sinks it reaches are observed and its flows found.
   */
  private evalLambdaBody(lam: A.Lambda, st: FnState, d: number): void {
    if (this.inClosure.has(lam) || this.callDepth >= MAX_CALL_DEPTH || !this.spendContext()) return;
    const saved = snapshot(st);
    const a = lam.args;
    for (const p of [...a.posonlyargs, ...a.args, ...a.kwonlyargs, ...(a.vararg ? [a.vararg] : []), ...(a.kwarg ? [a.kwarg] : [])]) this.forget(p.arg, st);
    this.inClosure.add(lam);
    this.callDepth++;
    try {
      this.eval(lam.body, st, d + 1);
    } finally {
      this.callDepth--;
      this.inClosure.delete(lam);
    }
    adopt(st, saved);
  }

  /**
   * The call a call of a `functools.partial` object stands for: the partial's function with
   * its arguments first and the call's after, its keywords and the call's (at the call's
   * place). Null when the callee is not a name bound once to a partial.
   */
  private partialCall(call: A.Call): A.Call | null {
    if (call.func.type !== 'Name') return null;
    const b = this.sem.lookup(call.func.id, call);
    const p = b?.kind === 'assign' && b.count === 1 && b.value?.type === 'Call' ? b.value : null;
    if (!p || !p.args.length || p.args[0].type === 'Starred' || this.sem.callName(p) !== 'functools.partial') return null;
    const out = { ...call, func: p.args[0], args: [...p.args.slice(1), ...call.args], keywords: [...p.keywords, ...call.keywords] };
    return out;
  }

  /** The lambda a name is bound to once, by an assignment in the scope being analysed. */
  private boundLambda(name: A.Name, st: FnState): A.Lambda | null {
    const b = this.sem.lookup(name.id, name);
    if (!b || b.kind !== 'assign' || b.count !== 1 || b.value?.type !== 'Lambda') return null;
    return this.sem.scopeOf(b.value) === st.scope ? b.value : null;
  }

  private analyzeFunction(fn: A.FunctionDef, assume: readonly string[] = [], captured?: FnState, instance?: InstanceContext): Summary {
    const named = [...fn.args.posonlyargs, ...fn.args.args, ...fn.args.kwonlyargs];
    // `*args` and `**kwargs` are parameters too: what a caller passes beyond the named ones (`audit.record("x", account=a)`).
    const params = [...named, ...(fn.args.vararg ? [fn.args.vararg] : []), ...(fn.args.kwarg ? [fn.args.kwarg] : [])];
    const summary: Summary = { params: params.map((p) => p.arg), ret: null, sinks: [] };
    if (params.length > named.length) {
      const positional = fn.args.posonlyargs.length + fn.args.args.length;
      summary.starParams = { positional, varargs: fn.args.vararg ? named.length : -1, kwargs: fn.args.kwarg ? params.length - 1 : -1 };
    }
    const route = routeOf(fn, this.sem, this.fastapiModule);
    const errorHandler = fn.decorator_list.some((d) => d.type === 'Call' && d.func.type === 'Attribute' && (d.func.attr === 'errorhandler' || d.func.attr === 'exception_handler'));
    // Returned strings are HTML in a Flask view, and in a FastAPI route declared with `response_class=HTMLResponse`.
    const html = !!route && ((this.htmlViews && route.framework !== 'fastapi') || (route.framework === 'fastapi' && this.htmlResponseClass(fn)));
    const st = this.newState(summary, !!route || errorHandler, html, this.sem.scopeOf(fn.body[0] ?? fn));
    const client = route ? clientParams(fn, route, this.sem) : new Set<string>();
    const typed = route ? this.typedRouteParams(fn, route) : new Map<string, string>();
    // A command-line handler's parameters (click/typer commands) hold the user's input.
    const handler = route ? new Map<string, ParamSource>() : new Map(handlerParams(fn, this.sem).map((h) => [h.param, h]));
    params.forEach((p, i) => {
      if (p.arg === 'self' || p.arg === 'cls' || i >= 30) return;
      const by = typed.get(p.arg);
      if (by && !client.has(p.arg)) {
        // Client data validated into a number or UUID by the framework: a sanitised residue.
        const trace: Step = { node: p, message: `parameter '${p.arg}' of route handler ${fn.name}() (source: HTTP request data)`, kind: 'source', prev: null, len: 1 };
        st.env.set(p.arg, { mask: 0, head: false, params: 0, trace, origin: 'request', joined: false, cleared: USER_MASK, by });
        return;
      }
      // A symbolic value whose trace starts at the parameter (no origin: not a source), so that
      // a caller's trace can go on through the steps inside this function.
      const trace: Step = { node: p, message: `parameter '${p.arg}' of ${fn.name}()`, kind: 'step', prev: null, len: 1 };
      const t: Taint = { mask: ALL_MASK, head: true, params: 1 << i, trace, origin: null, joined: false };
      if (client.has(p.arg)) {
        // A Lambda event and a body parameter typed as a dict or a list are structured data.
        t.mask = route?.framework === 'lambda' || (p.annotation && STRUCTURED_ANNOTATION.test(this.text(p.annotation))) ? STRUCTURED_MASK : USER_MASK;
        t.origin = 'request';
        t.trace = { node: p, message: `parameter '${p.arg}' of route handler ${fn.name}() (source: HTTP request data)`, kind: 'source', prev: null, len: 1 };
      }
      const h = handler.get(p.arg);
      if (h) {
        t.mask = USER_MASK;
        t.origin = h.origin;
        t.trace = { node: p, message: `${h.label} (source)`, kind: 'source', prev: null, len: 1 };
      }
      // (A caller's value may be a file object: the summary notes the path sinks it reaches as it is.)
      if (!t.origin) t.upload = true;
      st.env.set(p.arg, t);
      // A parameter annotated with a class of the project's own modules holds an instance of it
      // (`storage: ExportStorage = Depends(get_storage)`): its methods are that class's.
      const cls = p.annotation && this.external ? this.annotatedProjectClass(p.annotation) : null;
      if (cls) st.types.set(p.arg, cls);
    });
    for (const k of assume) st.reqs.add(k);
    if (fn.parent?.type === 'ClassDef' && named[0] && !fn.decorator_list.some((d) => d.type === 'Name' && (d.id === 'staticmethod' || d.id === 'classmethod'))) st.selfName = named[0].arg;
    if (captured) this.capture(st, captured, this.sem.scopeOf(fn));
    if (instance) this.bindInstance(named, st, instance);
    if (fn.name === '__init__') st.ctor = true;
    // Falling off the end returns None: not one imported object.
    // (Falling off the end returns None.)
    const ended = this.execBlock(fn.body, st, 0);
    if (!ended) {
      summary.retName = null;
      summary.retCls = null;
    }
    const self = fn.parent?.type === 'ClassDef' ? params[0]?.arg : undefined;
    if (self) {
      const fields = [...st.reqs].filter((k) => k.startsWith(`${self}.`) && !k.slice(self.length + 1).includes('.')).map((k) => k.slice(self.length + 1));
      if (fields.length) summary.reqFields = fields;
    }
    summary.retLit = st.retLit;
    if (st.retHeadLit && ended) summary.retHeadLit = true;
    summary.retClean = st.retClean;
    if (instance?.onExit && self) instance.onExit(st, self);
    return summary;
  }

  /**
   * A method analysed for one instance: the fields its constructor call gave (`self.host`
   * holding the request value passed to `Job(host)`) and, for the constructor itself, the
   * call's arguments in place of symbolic parameters.
   */
  private bindInstance(params: readonly A.Arg[], st: FnState, inst: InstanceContext): void {
    const self = params[0]?.arg;
    if (!self) return;
    if (inst.args) {
      params.forEach((p, i) => {
        if (i === 0) return;
        this.forget(p.arg, st);
        const t = inst.args!.keywords.get(p.arg) ?? inst.args!.args[i - 1] ?? null;
        if (t) st.env.set(p.arg, t);
      });
    }
    for (const [field, t] of inst.fields) st.env.set(`${self}.${field}`, t);
  }

  /**
   * The summary of a method of a class of this module called on an instance made here with
   * untrusted arguments (`Job(request.args["h"]).run()`, or `j.run()` after `j = Job(h)`):
   * the constructor is run with the call's arguments, and the method with the fields it
   * set. Not cached; null when the instance is not such a one or past the call depth.
   */
  private instanceSummary(f: A.Attribute, fn: A.FunctionDef, st: FnState, d: number): Summary | null {
    if (this.callDepth >= MAX_CALL_DEPTH - 1 || this.inClosure.has(fn)) return null;
    let made: A.Call | null = null;
    if (f.value.type === 'Call') made = f.value;
    else if (f.value.type === 'Name') {
      const b = this.sem.lookup(f.value.id, f.value);
      if (b?.kind === 'assign' && b.count === 1 && b.value?.type === 'Call') made = b.value;
    }
    if (!made || made.func.type !== 'Name') return null;
    const cls = this.localClass(made.func.id, made);
    const init = cls && this.methodOf(cls, '__init__', 0);
    if (!cls || (!init && !dataclassFields(cls, this.sem)) || init?.decorator_list.length || made.args.some((a) => a.type === 'Starred') || made.keywords.some((k) => !k.arg)) return null;
    // Evaluated here when the call is the receiver; the value a name was bound to is read again in this state.
    const { args, keywords } = this.evalArgs(made, st, d + 1);
    if (!args.some(untrusted) && ![...keywords.values()].some(untrusted)) return null;
    if (!this.spendContext()) return null;
    this.inClosure.add(fn);
    this.callDepth++;
    try {
      const fields = this.constructedFields(cls, init, args, keywords);
      if (!fields.size) return null;
      return fn === init ? null : this.analyzeFunction(fn, [], undefined, { fields });
    } finally {
      this.callDepth--;
      this.inClosure.delete(fn);
    }
  }

  /**
   * Whether what follows `left` in `left + x` (`op` Add) or a placeholder of `left % x`
   * (`op` Mod) lies inside a quoted HTML attribute value, as far as `left`'s text is known:
   * a constant, the last constant added (`head + '<a title="'`), or an f-string.
   */
  private attributeBefore(left: A.Expr, op: string): boolean {
    const lit = this.sem.constValue(left);
    if (typeof lit === 'string') return op === 'Mod' ? placeholderTexts(lit, PERCENT_SPEC).some(inQuotedAttribute) : inQuotedAttribute(lit);
    return op === 'Add' && inQuotedAttribute(this.knownText(left, 0));
  }

  /** The text of a string expression with each part krait does not know as `x` (constants, `+` chains, f-strings). */
  private knownText(e: A.Expr, d: number): string {
    const lit = this.sem.constValue(e);
    if (typeof lit === 'string') return lit;
    if (d > 50) return 'x';
    if (e.type === 'BinOp' && e.op === 'Add') return this.knownText(e.left, d + 1) + this.knownText(e.right, d + 1);
    if (e.type === 'JoinedStr') return e.values.map((v) => (v.type === 'Constant' && typeof v.value === 'string' ? v.value : 'x')).join('');
    return 'x';
  }

  /** A route decorator declares `response_class=HTMLResponse` (FastAPI/Starlette). */
  private htmlResponseClass(fn: A.FunctionDef): boolean {
    return fn.decorator_list.some((d) => d.type === 'Call' && d.keywords.some((k) => k.arg === 'response_class' && /^(?:fastapi|starlette)\.(?:responses\.)?HTMLResponse$/.test(this.sem.qualifiedName(k.value) ?? '')));
  }

  /**
   * Route parameters the framework converts before the handler sees them — Flask's
   * `<int:id>`/`<float:x>`/`<uuid:u>` converters, FastAPI parameters annotated as numbers,
   * booleans, UUIDs or dates — with the reason, for the sanitised verdict.
   */
  private typedRouteParams(fn: A.FunctionDef, route: NonNullable<ReturnType<typeof routeOf>>): Map<string, string> {
    const out = new Map<string, string>();
    for (const a of [...fn.args.posonlyargs, ...fn.args.args, ...fn.args.kwonlyargs]) {
      const conv = route.pathParams.get(a.arg);
      const safe = route.framework === 'django' ? (route.safeConverters ?? []) : ['int', 'float', 'uuid'];
      if (conv && safe.includes(conv)) out.set(a.arg, `the <${conv}:${a.arg}> URL converter`);
      else if (a.annotation && (route.framework === 'fastapi' || route.framework === 'django')) {
        const ann = this.text(a.annotation);
        if (TYPED_ANNOTATION.test(ann)) out.set(a.arg, `the type annotation '${ann}' of route parameter '${a.arg}'`);
      }
    }
    return out;
  }

  /**
   * Whether an expression is built only from constants — literals, names holding them,
   * string and arithmetic operations, conditional expressions whose branches both are,
   * string methods, serialisers of constants, and calls to the module's own functions that
   * only ever return such values — even when which constant depends on the path taken.
   */
  /** The display of a module (or class) table that nothing changes, named by `e` and not shadowed here (see {@link frozenTable}); null otherwise. */
  private moduleTable(e: A.Expr, st: FnState): ReturnType<typeof frozenTable> {
    if (e.type === 'Attribute') return frozenClassTable(e, this.sem);
    if (e.type === 'Name' && !(st.scope.bindings.has(e.id) && !st.scope.globals.has(e.id))) return frozenTable(e, this.sem);
    return null;
  }

  /** Whether `e` names a module table of constants that nothing changes (see {@link frozenTable}) and is not shadowed here. */
  private constantTable(e: A.Expr, st: FnState, d: number): boolean {
    // A table another module defines, named in capitals (`from volumes import MOUNTS`, `config.MOUNTS`).
    if (this.importedTable(e) && !(e.type === 'Name' && st.env.has(e.id))) return this.importedConstantTable(e, st);
    const t = this.moduleTable(e, st);
    if (!t) return false;
    const values = t.type === 'Dict' ? t.values : t.elts;
    return values.length > 0 && values.length <= 200 && values.every((v) => v.type !== 'Starred' && this.litOnly(v, st, d + 1));
  }

  /**
   * `text.format(x)`, `sep.join(xs)`, `text.replace(a, b)` with untrusted arguments and an
   * untainted receiver: a literal's (or a constant table's) fixed prefix clears what it
   * pins; a `Markup` escapes what it is given; any other text holds the arguments anywhere.
   */
  private textMethod(call: A.Call, f: A.Attribute, allArgs: Taint, st: FnState): Taint | null {
    const lit = this.sem.constValue(f.value) ?? fold(f.value, st.fold);
    // (One of the texts of a module table of constants: `URLS["item"].format(id)`, each as a literal would be.)
    const texts = typeof lit === 'string' ? [lit] : this.tableTexts(f.value, st);
    if (texts) {
      if (f.attr === 'join') return allArgs;
      let out: Taint | null = null;
      for (const text of texts) {
        // (An argument escaped with its quotes left, and a placeholder in a quoted attribute: `'<a title="{}">'.format(q)`.)
        const arg = allArgs.quotesLeft && f.attr !== 'replace' && placeholderTexts(text, /\{[^{}]*\}/g).some(inQuotedAttribute) ? unescapedInAttribute(allArgs) : allArgs;
        const prefix = f.attr === 'format' ? text.slice(0, text.search(/\{|$/)) : text;
        const t = clear(arg, prefixClears(prefix), `the fixed prefix '${prefix.slice(0, 40)}'`);
        out = join(out, t ? { ...t, head: f.attr === 'format' && text.startsWith('{') && t.head } : null);
      }
      return out;
    }
    // `Markup(…).format(x)`, `.join(xs)`, `.replace(a, b)` escape what they are given (markupsafe).
    if (this.isMarkup(f.value, 0)) return clear(this.step(allArgs, call), K.XSS, `Markup.${f.attr}() (escapes its arguments)`);
    // A text krait does not know (`GREETINGS[lang].replace("{{ name }}", name)`, a template
    // from a helper): what goes in is in the result, anywhere in it.
    return this.step(allArgs, call);
  }

  /** A `Markup` instance: `Markup("…")` (markupsafe, or re-exported by jinja2 and flask), or a name bound once to one. */
  private isMarkup(e: A.Expr, d: number): boolean {
    if (e.type === 'Call') return MARKUP_CLASS_SET.has(this.sem.callName(e) ?? '');
    if (e.type !== 'Name' || d > 3) return false;
    const b = this.sem.lookup(e.id, e);
    return !!b && b.kind === 'assign' && b.count === 1 && !!b.value && b.value !== e && this.isMarkup(b.value, d + 1);
  }

  /**
   * The texts `TABLE[key]` or `TABLE.get(key[, default])` can be when TABLE is a module table
   * of constants that nothing changes and every value (and the default) is a string literal;
   * null otherwise.
   */
  private tableTexts(e: A.Expr, st: FnState): string[] | null {
    let table: A.Expr;
    const extra: A.Expr[] = [];
    if (e.type === 'Subscript' && e.slice.type !== 'Slice') table = e.value;
    else if (e.type === 'Call' && e.func.type === 'Attribute' && e.func.attr === 'get' && !e.keywords.length && e.args.length >= 1 && e.args.length <= 2) {
      table = e.func.value;
      if (e.args[1]) extra.push(e.args[1]);
    } else return null;
    const t = this.moduleTable(table, st);
    if (!t || t.type !== 'Dict') return null;
    const out: string[] = [];
    for (const v of [...t.values, ...extra]) {
      const c = this.sem.constValue(v);
      if (typeof c !== 'string' || out.length >= 200) return null;
      out.push(c);
    }
    return out.length ? out : null;
  }

  private litOnly(e: A.Expr, st: FnState, d: number): boolean {
    if (d > 30) return false;
    const l = (x: A.Expr | null | undefined) => !x || this.litOnly(x, st, d + 1);
    switch (e.type) {
      case 'Constant':
      case 'Compare':
        return true;
      case 'Name': {
        if (st.consts.has(e.id) || st.lits.has(e.id)) return true;
        if (live(st.env.get(e.id) ?? null)) return false;
        // A tracked list, tuple or dict whose every element is a known constant (`parts = ["ls", "-l"]`).
        const sh = st.shapes.get(e.id);
        const items = !sh || (sh.kind === 'map' && sh.config) ? [] : sh.kind === 'seq' ? sh.items : [...sh.items.values()];
        if (items.length && items.every(constItem)) return true;
        if (st.scope.bindings.has(e.id) && !st.scope.globals.has(e.id)) return false;
        if (this.sem.constValue(e) !== undefined) return true;
        // A constant another module defines, by convention in capitals (`from settings import TABLE`), as `settings.TABLE` below.
        if (importedConstant(e, this.sem)) return true;
        const b = this.sem.lookup(e.id, e);
        return !!b && b.kind === 'assign' && b.count === 1 && !!b.value && b.value !== e && d < 8 && this.litOnly(b.value, st, d + 4);
      }
      case 'Attribute': {
        const k = keyOf(e);
        if (k && (st.consts.has(k) || st.lits.has(k))) return true;
        // Names the code defines, not its input: a Django model's table and labels
        // (`Article._meta.db_table`, `self.model._meta.app_label`), a class's or function's name.
        if (isCodeName(e)) return true;
        // `self.table` with `table = "billing_invoice"` in the class body and no method setting the field.
        if (isSelfField(e) && !st.env.has(k ?? '') && this.classConstant(e, st, d)) return true;
        // A constant of an imported module, by convention in capitals (`pickle.HIGHEST_PROTOCOL`, `re.IGNORECASE`).
        return e.value.type === 'Name' && !st.env.has(e.value.id) && importedConstant(e, this.sem);
      }
      case 'JoinedStr':
      case 'List':
      case 'Tuple':
      case 'Set':
        return (e.type === 'JoinedStr' ? e.values : e.elts).every((x) => l(x));
      case 'FormattedValue':
        return l(e.value) && l(e.format_spec);
      case 'BinOp':
        // A string literal repeated (`"?" * len(ids)`): its characters only, whatever the count (or a TypeError).
        if (e.op === 'Mult' && (isStr(e.left) || isStr(e.right))) return true;
        return l(e.left) && l(e.right);
      case 'UnaryOp':
        return l(e.operand);
      case 'BoolOp':
        return e.values.every((x) => l(x));
      case 'IfExp':
        return l(e.body) && l(e.orelse);
      case 'Dict':
        return e.keys.every((k) => k !== null && l(k)) && e.values.every((x) => l(x));
      // Elements that are constants whatever is iterated (`", ".join("?" for _ in skus)`: placeholders).
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
        return l(e.elt);
      case 'Subscript': {
        const sh = this.shapeAt(e.value, st);
        if (sh && e.slice.type !== 'Slice') {
          const key = fold(e.slice, st.fold);
          const item = key === undefined ? undefined : itemOf(sh, key);
          if (item) return constItem(item);
        }
        // `COLUMNS[name]` of a module table of constants: one of its values, whatever the key.
        if (e.slice.type !== 'Slice' && this.constantTable(e.value, st, d)) return true;
        return l(e.value) && l(e.slice);
      }
      case 'Slice':
        return l(e.lower) && l(e.upper) && l(e.step);
      case 'Call': {
        // `COLUMNS.get(name, "id")` of a module table of constants: one of its values or the default.
        if (e.func.type === 'Attribute' && e.func.attr === 'get' && !e.keywords.length && e.args.length >= 1 && e.args.length <= 2 && l(e.args[1]) && this.constantTable(e.func.value, st, d)) return true;
        if (e.keywords.some((k) => !l(k.value)) || e.args.some((a) => !l(a))) {
          // A function that returns only constants ignores its arguments' values.
          const callee = this.localCallee(e);
          if (callee) return this.litCallee(callee.fn, st);
          return this.externalCall(e, st, { kind: 'constants' })?.summary.retLit === true;
        }
        const f = e.func;
        const q = this.sem.callName(e) ?? '';
        if ((PURE_OF_CONSTANTS.has(q) || PROGRAM_LOOKUPS.has(q)) && !this.shadowsBuiltin(e, q)) return true;
        if (f.type === 'Attribute' && PURE_METHODS.has(f.attr)) return l(f.value);
        // The views of a dict built only from constants (`for name, expr in TABLE.items()`).
        if (f.type === 'Attribute' && DICT_VIEWS.has(f.attr) && !e.args.length) {
          // (A dict tracked here, or a module table of constants that nothing changes, keys included.)
          if (f.value.type === 'Name' && st.shapes.has(f.value.id)) return l(f.value);
          const t = this.moduleTable(f.value, st);
          return this.constantTable(f.value, st, d) && (t?.type !== 'Dict' || t.keys.every((k) => k !== null && l(k)));
        }
        const callee = this.localCallee(e);
        if (callee) return this.litCallee(callee.fn, st);
        return this.externalCall(e, st, { kind: 'constants' })?.summary.retLit === true;
      }
      default:
        return false;
    }
  }

  /**
   * The value assigned from `e`, with what it is safe for when it is neither a constant nor
   * untrusted data (see {@link cleanOf}); a value built from the function's parameters counts
   * (`src = shlex.quote(job["name"])`: the caller's data goes in, but only quoted).
   */
  private withClean(v: Val, e: A.Expr, st: FnState): Val {
    if (v.c !== undefined || v.lit || (live(v.t) && v.t.origin)) return v;
    const clean = this.cleanOf(e, st, 0);
    // (Safe for every kind: a conversion's result, `n = int(count)`, not a constant.)
    return clean.bits && (clean.bits !== ALL_MASK || clean.by) ? { ...v, clean } : v;
  }

  /**
   * What a value is safe for although krait may not follow every part of it (see
   * {@link Clean}): constants are safe for every kind; a sanitiser's result for the kinds it
   * clears, whatever went in (`shlex.quote(d)` with `d` from a library); strings, lists and
   * joins built from such parts for what every part is safe for; a name for what was
   * assigned to it; a call of a module function for what all its returns are safe for.
   */
  private cleanOf(e: A.Expr, st: FnState, d: number): Clean {
    if (d > 30) return NOT_CLEAN;
    const c = (x: A.Expr | null | undefined): Clean => (x ? this.cleanOf(x, st, d + 1) : ALL_CLEAN);
    const all = (xs: readonly (A.Expr | null | undefined)[]): Clean => {
      let out = ALL_CLEAN;
      for (const x of xs) {
        out = andClean(out, c(x));
        if (!out.bits) break;
      }
      return out;
    };
    switch (e.type) {
      case 'Constant':
        return ALL_CLEAN;
      case 'Name':
      case 'Attribute': {
        const k = keyOf(e);
        const got = k ? st.cleans.get(k) : undefined;
        if (got) return got;
        if (e.type === 'Attribute') {
          // (Also the `.value` or `.name` of one: an enumeration member's.)
          const field = this.typedField(e, st) ?? (e.value.type === 'Attribute' && (e.attr === 'value' || e.attr === 'name') ? this.typedField(e.value, st) : null);
          if (field) return { bits: ALL_MASK, by: `the validated model field ${field}` };
        }
        // `uuid.uuid4().hex`: the hex digits of a UUID.
        if (e.type === 'Attribute' && e.attr === 'hex' && e.value.type === 'Call' && /^uuid\.uuid[1345]$/.test(this.sem.callName(e.value) ?? '')) return HEX_CLEAN;
        // `self.count` where every assignment of the field in the class is a number (`self.count = int(count)`).
        if (isSelfField(e) && this.numericField(e)) return { bits: ALL_MASK, by: `the field self.${e.attr}, only ever set to a number` };
        break;
      }
      case 'JoinedStr': {
        // (At the start of a URL attribute, `href="{escape(url)}"`, only a value safe for every kind is safe for HTML: escaping leaves `javascript:`.)
        let out = ALL_CLEAN;
        let text = '';
        for (const v of e.values) {
          let part = c(v);
          if (v.type === 'Constant' && typeof v.value === 'string') text += v.value;
          else {
            if (part.bits !== ALL_MASK && atUrlAttributeStart(text)) part = { ...part, bits: part.bits & ~K.XSS };
            text += 'x';
          }
          out = andClean(out, part);
          if (!out.bits) break;
        }
        return out;
      }
      case 'FormattedValue':
        // `!r`/`!a` wrap the text in new quotes (a shell expands `$(…)` inside double quotes).
        // (They make a Python literal of it: safe to evaluate.)
        if (e.conversion === 114 || e.conversion === 97) return andClean({ bits: K.CODE, by: 'repr() (`!r`)' }, all([e.value, e.format_spec]).bits === ALL_MASK ? ALL_CLEAN : { bits: K.CODE });
        return e.conversion === -1 || e.conversion === 115 ? all([e.value, e.format_spec]) : NOT_CLEAN;
      case 'BinOp': {
        const fmt = e.op === 'Mod' ? this.sem.constValue(e.left) : undefined;
        // `"ls %r" % quoted`: as `{x!r}`, new quotes around the text (a shell expands `$(…)` inside double quotes).
        if (typeof fmt === 'string' && reprConversion(fmt)) return andClean(c(e.left), andClean({ bits: K.CODE, by: 'repr() (`%r`)' }, all([e.right]).bits === ALL_MASK ? ALL_CLEAN : { bits: K.CODE }));
        const numbers = typeof fmt === 'string' ? numericOperands(fmt, e.right) : null;
        if (!numbers?.size) return all([e.left, e.right]);
        const by: Clean = { bits: ALL_MASK, by: 'a numeric % placeholder' };
        if (numbers.has(e.right)) return andClean(c(e.left), by);
        const parts = e.right.type === 'Tuple' ? e.right.elts : e.right.type === 'Dict' ? [...e.right.keys, ...e.right.values] : [e.right];
        return andClean(by, all([e.left, ...parts.filter((x) => !x || !numbers.has(x))]));
      }
      case 'List':
      case 'Tuple':
      case 'Set':
        return all(e.elts.map((x) => (x.type === 'Starred' ? x.value : x)));
      case 'IfExp':
        return all([e.body, e.orelse]);
      case 'BoolOp':
        return all(e.values);
      case 'Subscript': {
        // An element of a safe list or tuple (not a slice of a string: `shlex.quote(x)[1:-1]` drops the quotes).
        const seq = e.value.type === 'List' || e.value.type === 'Tuple' || this.shapeAt(e.value, st)?.kind === 'seq';
        const whole = seq && e.slice.type !== 'Slice' ? c(e.value) : NOT_CLEAN;
        if (whole.bits) return whole;
        break;
      }
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp': {
        // `shlex.quote(a) for a in xs`: the loop names hold what their iterables are safe for.
        const saved = new Map(st.cleans);
        for (const g of e.generators) {
          const it = c(g.iter);
          if (g.target.type === 'Name' && it.bits && it.bits !== ALL_MASK) st.cleans.set(g.target.id, it);
          else for (const n of namesBound(g.target)) st.cleans.delete(n);
        }
        const out = c(e.elt);
        st.cleans = saved;
        return out;
      }
      case 'Call': {
        const got = this.cleanCall(e, st, d);
        if (got) return got;
        break;
      }
      default:
        break;
    }
    return this.litOnly(e, st, d) ? ALL_CLEAN : NOT_CLEAN;
  }

  /** Whether every assignment of this field of `self` in its class gives a number (a numeric constant, `int(…)`, `float(…)`, `len(…)`, arithmetic of those). */
  private numericField(e: A.Attribute): boolean {
    const cls = enclosingClass(e);
    const list = cls ? selfFieldAssignments(cls).get(e.attr) : undefined;
    // (A class attribute of that name is what the field reads before any assignment.)
    const classValues = cls ? classAttributeValues(cls, e.attr) : [];
    return !!list?.length && list.every((a) => a.value !== null && this.numeric(a.value, 0)) && classValues.every((v) => this.numeric(v, 0));
  }

  /** The right operand of a binary operation; of `fmt % operands`, without what numeric placeholders (`%d`) make numbers of. */
  private evalFormatOperand(e: A.BinOp, st: FnState, d: number): Taint | null {
    const r = this.eval(e.right, st, d + 1);
    const fmt = e.op === 'Mod' && r ? this.sem.constValue(e.left) : undefined;
    const numbers = typeof fmt === 'string' ? numericOperands(fmt, e.right) : null;
    if (!numbers?.size) return r;
    if (numbers.has(e.right)) return clear(r, ALL_MASK, 'a numeric % placeholder');
    if (e.right.type !== 'Tuple' && e.right.type !== 'Dict') return r;
    const parts = e.right.type === 'Tuple' ? e.right.elts : [...e.right.keys.filter((k): k is A.Expr => k !== null), ...e.right.values];
    let out: Taint | null = null;
    for (const x of parts) out = join(out, numbers.has(x) ? clear(this.eval(x, st, d + 1), ALL_MASK, 'a numeric % placeholder') : this.eval(x, st, d + 1));
    return out;
  }

  /** Whether `self.<attr>` reads a class attribute bound once to constants that no method of the class sets on `self`. */
  private classConstant(e: A.Attribute, st: FnState, d: number): boolean {
    const cls = enclosingClass(e);
    if (!cls || selfFieldAssignments(cls).get(e.attr)?.length) return false;
    const values = classAttributeValues(cls, e.attr);
    return values.length === 1 && values[0].type !== 'Name' && this.litOnly(values[0], st, d + 4);
  }

  private numeric(e: A.Expr, d: number): boolean {
    if (d > 10) return false;
    if (e.type === 'Constant') return typeof e.value === 'number' || typeof e.value === 'boolean' || typeof e.value === 'bigint';
    if (e.type === 'UnaryOp') return this.numeric(e.operand, d + 1);
    if (e.type === 'BinOp') return e.op !== 'Mod' && this.numeric(e.left, d + 1) && this.numeric(e.right, d + 1);
    if (e.type !== 'Call') return false;
    const q = this.sem.callName(e) ?? '';
    // (min/max of numbers: `max(1, min(int(n), 50))`.)
    if (q === 'min' || q === 'max') return !this.shadowsBuiltin(e, q) && e.args.length > 0 && e.args.every((a) => a.type !== 'Starred' && this.numeric(a, d + 1));
    return NUMBER_MAKERS.has(q) && !this.shadowsBuiltin(e, q);
  }

  /** What a call's result is safe for (see {@link cleanOf}), or null to fall back to {@link litOnly}. */
  private cleanCall(e: A.Call, st: FnState, d: number): Clean | null {
    const q = this.sem.callName(e);
    const args = [...e.args.map((a) => (a.type === 'Starred' ? a.value : a)), ...e.keywords.map((k) => k.value)];
    const argsClean = (): Clean => {
      let out = ALL_CLEAN;
      for (const a of args) out = andClean(out, this.cleanOf(a, st, d + 1));
      return out;
    };
    if (q && !this.shadowsBuiltin(e, q)) {
      const made = CLEAN_RESULTS.get(q);
      if (made) return made;
      const bits = SANITIZERS.get(q) ?? argumentSanitizer(e, q, this.sem).bits;
      if (bits) {
        const rest = argsClean();
        return { bits: bits | rest.bits, by: `${q}()` };
      }
      if (CLEAN_PASS_THROUGH.has(q)) return argsClean();
      // `os.path.join(REPORT_DIR, name + ".md")` of parts safe for a kind: a `/` between them adds nothing to run or query (but a URL's host may change).
      if (CLEAN_JOINS.has(q)) {
        const r = argsClean();
        return { ...r, bits: r.bits & ~(K.REDIRECT | K.SSRF) };
      }
      if (UNWRAPPERS.has(q)) return deserOnly(argsClean());
    }
    const f = e.func;
    if (f.type === 'Attribute' && f.attr === 'decode') return deserOnly(this.cleanOf(f.value, st, d + 1));
    // A digest in hex (`hashlib.sha256(x).hexdigest()`): only [0-9a-f], whatever was hashed (not `digest()`'s bytes).
    if (f.type === 'Attribute' && f.attr === 'hexdigest' && !args.length) return HEX_CLEAN;
    // `when.strftime("%Y%m%d-%H%M%S")`: the format's own characters and digits.
    if (f.type === 'Attribute' && f.attr === 'strftime' && e.args.length === 1 && !e.keywords.length) {
      const format = this.sem.constValue(e.args[0]);
      const chars = typeof format === 'string' ? numericStrftime(format) : null;
      if (chars !== null) return cleanOfChars(chars, `strftime("${format as string}") (digits only)`);
    }
    if (f.type === 'Attribute' && (CLEAN_METHODS.has(f.attr) || (STRIPS.has(f.attr) && !args.length))) {
      const r = this.cleanOf(f.value, st, d + 1);
      return r.bits ? andClean(r, argsClean()) : null;
    }
    const callee = this.localCallee(e);
    if (callee) {
      const s = this.summaryOf(callee.fn);
      if (s.retClean && s.retClean.bits && (s.retClean.bits !== ALL_MASK || s.retClean.by)) return s.retClean;
    }
    return null;
  }

  /** A bare builtin name (`str`, `bytes.fromhex`) rebound in the module or function (`def str(...)`), so the call is not the builtin. */
  private shadowsBuiltin(call: A.Call, q: string): boolean {
    const root = q.split('.')[0];
    const b = this.sem.lookup(root, call);
    return b !== undefined && b.kind !== 'import';
  }

  /** The qualified name of an imported object an expression names (`yaml.SafeLoader`, `SafeLoader` imported from yaml), or null. */
  private importedName(e: A.Expr): string | null {
    let root: A.Expr = e;
    for (let i = 0; i < 20 && root.type === 'Attribute'; i++) root = root.value;
    if (root.type !== 'Name') return null;
    const b = this.sem.lookup(root.id, root);
    if (!b || b.kind !== 'import') return null;
    const q = this.sem.qualifiedName(e);
    return q && q.includes('.') ? q : null;
  }

  /**
   * The imported object a call always returns, when the callee is a function of this module
   * or (in the project pass) of another module whose every return names the same one
   * (`def loader(): return yaml.SafeLoader`); null otherwise.
   */
  returnedName(call: A.Call): string | null {
    const callee = this.localCallee(call);
    if (callee) return this.summaryOf(callee.fn).retName ?? null;
    const q = this.sem.callName(call);
    // Per file, a helper of another project module is not known yet: the project pass may tell.
    if (!this.external && q && this.localModules && this.isProjectName(q)) this.askedNames.add(q);
    const ext = this.external && q ? this.external.lookup(q, { kind: 'constants' }) : null;
    return ext && ext.kind === 'function' && ext.fn && ext.analysis ? (ext.analysis.summaryFor(ext.fn).retName ?? null) : null;
  }

  // ---------------------------------------------------------------- request objects passed around

  /** Whether an expression is a request object: a framework request, or a name or field that holds one here. */
  private isReqObj(e: A.Expr, st: FnState): boolean {
    const k = keyOf(e);
    if (k && st.reqs.has(k)) return true;
    // A parameter is a request object when the caller passes one, not by its name alone —
    // except a view's `request` (Django's convention), but not a constructor's.
    if (e.type === 'Name' && st.summary.params.includes(e.id) && (e.id !== 'request' || st.ctor)) return false;
    return this.sources.isRequestObject(e);
  }

  /**
   * Request data read from a name or field that holds a request object here (`r.args` when
   * the caller passed `request` as `r`; `self._req.values` when the constructor kept it).
   * Also notes, for the project pass, that the function reads request-like data from a
   * parameter or a field of `self` (it matters to a caller that passes a request object).
   */
  private assumedSource(e: A.Attribute, called: boolean, st: FnState): SourceHit | null {
    const k = keyOf(e.value);
    if (!k) return null;
    if (st.reqs.has(k)) return this.sources.requestData(e.attr, called, k);
    if (st.summary !== EMPTY && !st.summary.readsReq && this.sources.requestData(e.attr, called, k)) {
      const root = k.split('.')[0];
      const i = st.summary.params.indexOf(root);
      if (i >= 0 && (k !== root || (root !== 'self' && root !== 'cls'))) st.summary.readsReq = true;
    }
    return null;
  }

  /** The parameters (names) and fields of `self` (`self._req`) that hold a request object at a call of `fn`. */
  private assumedAt(fn: A.FunctionDef, offset: number, call: A.Call, st: FnState, fields: readonly string[]): string[] {
    const params = [...fn.args.posonlyargs, ...fn.args.args, ...fn.args.kwonlyargs];
    const out: string[] = [];
    call.args.forEach((a, i) => {
      const p = params[i + offset];
      if (p && a.type !== 'Starred' && this.isReqObj(a, st)) out.push(p.arg);
    });
    for (const k of call.keywords) if (k.arg && params.some((p) => p.arg === k.arg) && this.isReqObj(k.value, st)) out.push(k.arg);
    const self = offset === 1 ? params[0]?.arg : undefined;
    if (self) for (const f of fields) out.push(`${self}.${f}`);
    return out;
  }

  /** Whether a call passes a request object (an argument or a keyword): a superset of what {@link assumedAt} binds. */
  private passesReqObj(call: A.Call, st: FnState): boolean {
    return call.args.some((a) => a.type !== 'Starred' && this.isReqObj(a, st)) || call.keywords.some((k) => this.isReqObj(k.value, st));
  }

  /** The fields of a new instance of a class of another module that hold a request object (its constructor keeps one). */
  /** A constructor call of a class of another module with untrusted arguments (`Comment(request.args["t"]).render()`). */
  private ctorCall(call: A.Call, st: FnState): CtorCall | undefined {
    const q = this.sem.callName(call);
    const ctor = q && this.external ? this.ctorArgs(call, st) : null;
    const ext = ctor ? this.external!.lookup(q!, { kind: 'class', tainted: true }) : null;
    return ctor && ext && ext.kind === 'class' && (ext.fn || ext.classDef) && ext.analysis ? { callee: ext, ...ctor } : undefined;
  }

  /** The taints of a constructor call's arguments when one carries untrusted data (evaluated in this state), else null. */
  private ctorArgs(call: A.Call, st: FnState): { args: (Taint | null)[]; keywords: Map<string, Taint | null> } | null {
    if (call.args.some((a) => a.type === 'Starred') || call.keywords.some((k) => !k.arg)) return null;
    const got = this.evalArgs(call, st, 1);
    return got.args.some(untrusted) || [...got.keywords.values()].some(untrusted) ? got : null;
  }

  /** The taints of a call's positional arguments and named keywords (no `*`/`**`: the caller checks), in this state. */
  private evalArgs(call: A.Call, st: FnState, d: number): { args: (Taint | null)[]; keywords: Map<string, Taint | null> } {
    return { args: call.args.map((a) => this.eval(a, st, d)), keywords: new Map(call.keywords.map((k) => [k.arg!, this.eval(k.value, st, d)] as [string, Taint | null])) };
  }

  /**
   * A flow found in another module's analysis with this module's data (a method using a
   * field its constructor got from here): reported at its sink there, with the steps in
   * that module tagged with its file.
   */
  private remoteFlow(fl: Flow, module: A.Module, path: string): void {
    const key = `${path}:${fl.rule}:${fl.node.lineno}:${fl.node.col_offset}:${fl.node.end_lineno}:${fl.node.end_col_offset}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.flows.push({ ...fl, trace: tagForeignSteps(fl.trace, module, path), interprocedural: true, path });
  }

  /** The fields of `self` that hold untrusted data once `init` ran with these arguments. */
  /**
   * The summary of a function of the module for this call in its context, not cached: a
   * closure with the names it reads as they are here; a method of an instance made here
   * with untrusted arguments; a method called on `self` while fields of `self` hold
   * untrusted data. Null when none applies (the plain summary does).
   */
  private contextSummary(call: A.Call, callee: { fn: A.FunctionDef; offset: number }, st: FnState, d: number): Summary | null {
    const f = call.func;
    // A function defined in the function being analysed reads its names as they are here (a closure).
    if (callee.offset === 0) return st.summary !== EMPTY && this.enclosesState(this.sem.scopeOf(callee.fn), st) ? this.closureSummary(callee.fn, st) : null;
    if (f.type !== 'Attribute') return null;
    const onSelf = f.value.type === 'Name' && (f.value.id === 'self' || f.value.id === 'cls');
    const made = onSelf ? null : this.instanceSummary(f, callee.fn, st, d);
    if (made) return made;
    // (Set here, or by the constructor of the instance being analysed: the method reads them too.)
    return f.value.type === 'Name' && f.value.id === st.selfName ? this.selfCallSummary(callee.fn, st) : null;
  }

  /** The summary of a method of the class called on `self` with the fields of `self` that hold untrusted data in `st`; null when none does (or past the limits). */
  private selfCallSummary(fn: A.FunctionDef, st: FnState): Summary | null {
    const self = st.selfName;
    if (!self || this.callDepth >= MAX_CALL_DEPTH || this.inClosure.has(fn)) return null;
    const fields = new Map<string, Taint>();
    for (const [k, t] of st.env) if (k.startsWith(`${self}.`) && !k.includes('.', self.length + 1) && untrusted(t)) fields.set(k.slice(self.length + 1), t);
    if (!fields.size || !this.spendContext()) return null;
    this.inClosure.add(fn);
    this.callDepth++;
    try {
      return this.analyzeFunction(fn, [], undefined, { fields });
    } finally {
      this.callDepth--;
      this.inClosure.delete(fn);
    }
  }

  /**
   * The fields of a new instance that hold untrusted data: what `__init__` stores, or, for a
   * dataclass (no `__init__` of its own), the arguments bound to its fields in order and by name.
   */
  private constructedFields(cls: A.ClassDef, init: A.FunctionDef | null, args: readonly (Taint | null)[], keywords: ReadonlyMap<string, Taint | null>): Map<string, Taint> {
    if (init) return this.fieldsFromInit(init, args, keywords);
    const fields = new Map<string, Taint>();
    const names = dataclassFields(cls, this.sem) ?? [];
    names.forEach((name, i) => {
      const t = i < args.length ? args[i] : keywords.get(name);
      if (t && t.origin) fields.set(name, t);
    });
    return fields;
  }

  private fieldsFromInit(init: A.FunctionDef, args: readonly (Taint | null)[], keywords: ReadonlyMap<string, Taint | null>): Map<string, Taint> {
    const fields = new Map<string, Taint>();
    this.analyzeFunction(init, [], undefined, {
      fields: new Map(),
      args: { args, keywords },
      onExit: (end, self) => {
        for (const [k, t] of end.env) if (k.startsWith(`${self}.`) && !k.slice(self.length + 1).includes('.') && t.origin) fields.set(k.slice(self.length + 1), t);
      },
    });
    return fields;
  }

  /**
   * A method's summary for an instance made here with these constructor arguments (from
   * another module's analysis): `__init__` runs with them, then the method with the fields
   * that hold untrusted data. The flows found on the way (a field reaching a sink) are
   * returned, not kept: they belong to the caller. Null when no field holds untrusted data
   * or past the depth and context limits.
   */
  instanceSummaryFor(fn: A.FunctionDef, ctor: { init: A.FunctionDef | null; cls: A.ClassDef }, args: readonly (Taint | null)[], keywords: ReadonlyMap<string, Taint | null>): { summary: Summary; flows: Flow[] } | null {
    const { init, cls } = ctor;
    if (this.callDepth >= MAX_CALL_DEPTH - 1 || this.inClosure.has(fn) || init?.decorator_list.length || !this.spendContext()) return null;
    const before = this.flows.length;
    const seen = new Set(this.seen);
    this.inClosure.add(fn);
    this.callDepth++;
    try {
      const fields = this.constructedFields(cls, init, args, keywords);
      if (!fields.size) return null;
      const summary = this.analyzeFunction(fn, [], undefined, { fields });
      return { summary, flows: this.flows.slice(before) };
    } finally {
      // The caller's flows are not this module's: neither kept nor remembered as seen.
      this.flows.length = before;
      for (const k of this.seen) if (!seen.has(k)) this.seen.delete(k);
      this.callDepth--;
      this.inClosure.delete(fn);
    }
  }

  private ctorFields(ext: ExternalCallee, call: A.Call, st: FnState): readonly string[] {
    if (!ext.fn || !ext.analysis) return [];
    return ext.analysis.summaryFor(ext.fn, this.assumedAt(ext.fn, 1, call, st, [])).reqFields ?? [];
  }

  /**
   * A call of a function of another module (in the project pass): a function, a class's
   * method called on an instance (`w.get_query_parameter("x")`, `RequestWrapper(request).term()`),
   * with its summary in the context of the call (which parameters and fields hold a request object).
   */
  private externalCall(call: A.Call, st: FnState, use: ExternalUse): { callee: ExternalCallee; summary: Summary; offset: number } | null {
    if (!this.external) return null;
    const f = call.func;
    const inst = f.type === 'Attribute' ? this.instanceOf(f.value, st) : null;
    const q = inst ? null : this.sem.callName(call);
    if (use.kind === 'call') {
      // A request object going in (an argument, or a field of the instance) may make the callee a source.
      const req = !!inst?.fields.length || this.passesReqObj(call, st);
      if (req) use = { ...use, req };
    }
    const ctor = inst && f.type === 'Attribute' ? (f.value.type === 'Name' ? st.ctors.get(f.value.id) : f.value.type === 'Call' ? this.ctorCall(f.value, st) : undefined) : undefined;
    // (The method may use the fields the constructor filled with untrusted data: the callee's file matters.)
    if (ctor && use.kind === 'call') use = { ...use, tainted: true };
    const ext = inst && f.type === 'Attribute' ? this.external.lookup(`${inst.cls}.${f.attr}`, use) : q ? this.external.lookup(q, use) : null;
    if (!ext || ext.kind !== 'function' || !ext.fn || !ext.analysis) return null;
    const offset = inst ? 1 : ext.offset;
    const made = ctor ? { init: ctor.callee.fn, cls: ctor.callee.classDef ?? (ctor.callee.fn && enclosingClass(ctor.callee.fn)) } : null;
    if (ctor && made?.cls && ctor.callee.analysis === ext.analysis && ext.fn !== ctor.callee.fn) {
      const got = ext.analysis.instanceSummaryFor(ext.fn, { init: made.init, cls: made.cls }, ctor.args, ctor.keywords);
      if (got) {
        for (const fl of got.flows) this.remoteFlow(fl, ext.analysis.module, ext.path);
        return { callee: ext, summary: got.summary, offset };
      }
    }
    const assume = this.assumedAt(ext.fn, offset, call, st, inst?.fields ?? []);
    return { callee: ext, summary: ext.analysis.summaryFor(ext.fn, assume), offset };
  }

  /**
   * A field of a validated model (see {@link typedModelField}), described; null otherwise. A
   * model of another project module is known in the project pass (from its facts); per file,
   * its use is noted as a call into that module, so that a pattern finding it leaves
   * `unknown` gets a second look.
   */
  private typedField(e: A.Attribute, st: FnState): string | null {
    const external = this.external;
    const got = typedModelField(e, this.sem, external ? (q) => external.typedFields?.(q) ?? null : undefined);
    if (got || external || !this.localModules) return got;
    const ann = modelAnnotation(e, this.sem);
    const q = ann && (ann.type === 'Name' || ann.type === 'Attribute') && this.importedRoot(ann) ? this.sem.qualifiedName(ann) : null;
    if (q && q.includes('.') && this.isProjectName(q)) this.noteModuleRead(q, st);
    return null;
  }

  /** Models and tables of other modules this module reads (noted once as calls, see {@link noteModuleRead}). */
  private readonly modelUses = new Set<string>();

  /**
   * Whether a table in capitals imported from another module holds only constants: a
   * library's, by convention; a project module's, when its facts say nothing changes it (in
   * the project pass; per file its read is noted, so that a pattern finding it leaves
   * `unknown` gets a second look).
   */
  private importedConstantTable(e: A.Expr, st: FnState): boolean {
    const q = this.sem.qualifiedName(e);
    if (!q || !q.includes('.') || !this.localModules || !this.isProjectName(q)) return true;
    if (this.external) return this.external.constantTable?.(q) ?? false;
    this.noteModuleRead(q, st);
    return false;
  }

  /** A read of a name of another project module that the project pass may settle (a model's fields, a table): noted as a call into it. */
  private noteModuleRead(q: string, st: FnState): void {
    if (!this.modelUses.has(q) && this.projectCalls.length < 500) {
      this.modelUses.add(q);
      this.projectCalls.push({ callee: q });
    }
    if (st.summary === EMPTY) this.moduleExt.add(q);
    else (st.summary.ext ??= new Set()).add(q);
  }

  /** An instance of a class of another module: a name holding one, or a constructor call (`RequestWrapper(request).term`). */
  private instanceOf(e: A.Expr, st: FnState): { cls: string; fields: readonly string[] } | null {
    if (e.type === 'Name') {
      const cls = st.types.get(e.id);
      if (cls) return { cls, fields: st.instReq.get(e.id) ?? [] };
      // A module-level instance (`_store = XmlStore()`) read in a function: the class it was made of.
      const made = st.summary !== EMPTY ? this.moduleInstance(e) : null;
      return made ? this.instanceOf(made, st) : this.declaredInstance(e);
    }
    // A field of `self` the class's methods set to one constructor (`self.client = Client()` in `__init__`),
    // or to a parameter declared an instance of a class of the project (`self.repo = repo` with `repo: UserRepository`).
    if (isSelfField(e)) {
      const made = boundCall(e, this.sem);
      if (made) return this.instanceOf(made, st);
      const cls = enclosingClass(e);
      const set = cls ? selfFieldAssignments(cls).get(e.attr) : undefined;
      return set?.length === 1 && set[0].value?.type === 'Name' ? this.declaredInstance(set[0].value) : null;
    }
    if (e.type !== 'Call' || !this.external) return null;
    // (`_store().open(name)` with `def _store(): return Store()`, Store of another module.)
    const fromFactory = this.factoryClass(e);
    if (fromFactory) return { cls: fromFactory, fields: [] };
    const q = this.sem.callName(e);
    const ext = q ? this.external.lookup(q, { kind: 'class', req: this.passesReqObj(e, st) }) : null;
    if (ext && ext.kind === 'class' && ext.cls) return { cls: ext.cls, fields: this.ctorFields(ext, e, st) };
    // A factory of another module (`Authenticator.from_env()`, a class method returning `cls(...)`): the class it makes.
    const made = q ? this.external.lookup(q, { kind: 'factory' }) : null;
    return made && made.kind === 'class' && made.cls ? { cls: made.cls, fields: [] } : null;
  }

  /** An instance a name is declared to hold by its annotation (`loader: DocumentLoader`), of a class of another module of the project (the project pass); null otherwise. */
  private declaredInstance(e: A.Name): { cls: string; fields: readonly string[] } | null {
    const q = this.external ? annotatedClass(e, this.sem) : null;
    const ext = q && q.includes('.') ? this.external!.lookup(q, { kind: 'class' }) : null;
    return ext && ext.kind === 'class' && ext.cls ? { cls: ext.cls, fields: [] } : null;
  }

  /** A name in capitals imported from another module, or read through one (`config.FEED_SOURCES`): a table by convention. */
  private importedTable(e: A.Expr): boolean {
    const name = e.type === 'Attribute' ? e.attr : e.type === 'Name' ? e.id : '';
    return CONSTANT_NAME.test(name) && this.importedRoot(e);
  }

  /**
   * The constructor call a name is bound to once at module level (`_store = XmlStore()`,
   * `importer = Importer(Repository())`); null otherwise. (What its arguments put in the
   * instance's fields is not followed: module-level code rarely reads a request.)
   */
  private moduleInstance(e: A.Name): A.Call | null {
    const b = this.sem.lookup(e.id, e);
    if (!b || b.kind !== 'assign' || b.count !== 1 || b.value?.type !== 'Call') return null;
    return this.sem.scopeOf(b.value).node.type === 'Module' ? b.value : null;
  }

  /**
   * A property of an instance of a class of another module (`wrapper.term` where `term` is a
   * `@property`): the value its getter returns; undefined when `e` is not one.
   */
  private propertyRead(e: A.Attribute, st: FnState): Taint | null | undefined {
    if (!this.external || (e.value.type !== 'Name' && e.value.type !== 'Call')) return undefined;
    const inst = this.instanceOf(e.value, st);
    if (!inst) return undefined;
    const ext = this.external.lookup(`${inst.cls}.${e.attr}`, { kind: 'call', tainted: false, req: inst.fields.length > 0 });
    if (!ext || ext.kind !== 'function' || !ext.fn || !ext.analysis || !ext.fn.decorator_list.some((d) => /^(?:property|cached_property|functools\.cached_property)$/.test(this.sem.qualifiedName(d) ?? ''))) return undefined;
    if (e.value.type === 'Call') this.eval(e.value, st, 1);
    const read: A.Call = { type: 'Call', func: e, args: [], keywords: [], lineno: e.lineno, col_offset: e.col_offset, end_lineno: e.end_lineno, end_col_offset: e.end_col_offset, parent: e.parent } as unknown as A.Call;
    return this.applySummary(ext.analysis.summaryFor(ext.fn, this.assumedAt(ext.fn, 1, read, st, inst.fields)), ext.name, 1, read, [], new Map(), st, ext.path);
  }

  // ---------------------------------------------------------------- statements

  /** Execute a block; true when it always leaves (return, raise, break, continue, abort()). */
  private execBlock(body: readonly A.Stmt[], st: FnState, depth: number): boolean {
    for (let i = 0; i < body.length; i++) {
      const s = body[i];
      // (Folded before the branch runs: the branch may rebind a name of the condition.)
      const c = s.type === 'If' && i + 1 < body.length && this.observe !== null ? fold(s.test, st.fold) : undefined;
      if (!this.execStmt(s, st, depth)) continue;
      // `if not FEATURE_ON: return` with a constant condition: what follows never runs.
      if (s.type === 'If' && c !== undefined) this.markDead(body.slice(i + 1), `the condition \`${this.text(s.test)}\` at line ${s.lineno} is always ${truthy(c) ? 'true' : 'false'} and that branch leaves`);
      return true;
    }
    return false;
  }

  private execStmt(s: A.Stmt, st: FnState, depth: number): boolean {
    if (depth > MAX_STMT_DEPTH) return false;
    this.steps++;
    const leaves = this.execStmt1(s, st, depth);
    // A conversion that raises on invalid input (`n = int(v)`, `uuid.UUID(v)`) validates its argument for the code after it.
    if (!leaves && (s.type === 'Expr' || s.type === 'Assign' || s.type === 'AnnAssign')) {
      const guards = statementGuards(s, this.sem, this.extGuards);
      if (guards.length && s.value) this.applyGuards(st, guards, true, s.value);
    }
    return leaves;
  }

  private execStmt1(s: A.Stmt, st: FnState, depth: number): boolean {
    switch (s.type) {
      case 'FunctionDef':
      case 'AsyncFunctionDef':
      case 'ClassDef':
        this.forget(s.name, st);
        return false;
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
      case 'Assign':
        this.execAssign(s, st);
        return false;
      case 'AnnAssign':
        if (s.value) this.assign(s.target, this.withClean(this.valueOf(s.value, st), s.value, st), s, st);
        return false;
      case 'AugAssign': {
        const cur = this.eval(s.target, st, 0);
        const curClean = s.target.type === 'Name' || s.target.type === 'Attribute' ? this.cleanOf(s.target, st, 0) : NOT_CLEAN;
        const sh = this.shapeAt(s.target, st);
        const added = sh && sh.kind === 'seq' && s.op === 'Add' ? this.seqItems(s.value, st) : null;
        if (sh && sh.kind === 'seq' && added) {
          const items = [...sh.items, ...added];
          this.assign(s.target, { t: joinItems(items), c: undefined, shape: { kind: 'seq', items } }, s, st);
          return false;
        }
        const curC = fold(s.target, st.fold);
        const v = this.eval(s.value, st, 0);
        const vc = fold(s.value, st.fold);
        const t = join(cur, v);
        const c = curC !== undefined && vc !== undefined ? binop(s.op, curC, vc) : undefined;
        const lit = c === undefined && this.litOnly(s.target, st, 0) && this.litOnly(s.value, st, 0);
        const clean = c === undefined && !lit && !live(t) && curClean.bits ? andClean(curClean, this.cleanOf(s.value, st, 0)) : undefined;
        this.assign(s.target, { t: t ? { ...t, head: cur ? cur.head : false } : null, c, shape: null, lit, ...(clean ? { clean } : {}) }, s, st);
        return false;
      }
      case 'Return':
        return this.execReturn(s, st);
      case 'Raise':
        if (s.exc) this.eval(s.exc, st, 0);
        if (s.cause) this.eval(s.cause, st, 0);
        return true;
      case 'Assert':
        this.eval(s.test, st, 0);
        if (s.msg) this.eval(s.msg, st, 0);
        this.applyGuards(st, guardsOf(s.test, this.sem, 0, this.extGuards), true, s.test);
        return false;
      case 'Delete':
        for (const t of s.targets) {
          const k = keyOf(t);
          if (k) this.forget(k, st);
          else {
            this.eval(t, st, 0);
            if (t.type === 'Subscript') {
              const ck = keyOf(t.value);
              if (ck) st.shapes.delete(ck);
            }
          }
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
          if (it.optional_vars) this.assign(it.optional_vars, { t, c: undefined, shape: null }, s, st);
        }
        return this.execBlock(s.body, st, depth + 1);
      case 'Try':
      case 'TryStar':
        return this.execTry(s, st, depth);
      case 'Match':
        return this.execMatch(s, st, depth);
      default:
        return false;
    }
  }

  /** `a = b = value`, with tuple unpacking item by item when the value's shape is known. */
  private execAssign(s: A.Assign, st: FnState): void {
    const first = s.targets[0];
    if (s.targets.length === 1 && (first.type === 'Tuple' || first.type === 'List') && !first.elts.some((e) => e.type === 'Starred')) {
      const v = s.value;
      if ((v.type === 'Tuple' || v.type === 'List') && first.elts.length === v.elts.length && !v.elts.some((e) => e.type === 'Starred')) {
        const vals = v.elts.map((e) => this.withClean(this.valueOf(e, st), e, st));
        first.elts.forEach((e, i) => this.assign(e, vals[i], s, st));
        return;
      }
      // (Only the summary this evaluation applies counts: not one left from another context.)
      if (v.type === 'Call') this.tupleSummaries.delete(v);
      const whole = this.valueOf(v, st);
      const sh = whole.shape;
      if (sh && sh.kind === 'seq' && sh.items.length === first.elts.length) {
        first.elts.forEach((e, i) => this.assign(e, { t: sh.items[i].t, c: sh.items[i].c, shape: null }, s, st));
        return;
      }
      const parts = whole.t ? this.unpackedCall(v, first.elts.length, st) : null;
      // (An element every return builds from constants: `where, params = self._where(flt)` with only fixed clauses in `where`.)
      const lits = v.type === 'Call' ? this.tupleSummaries.get(v)?.s.retLitItems : undefined;
      if (parts) {
        first.elts.forEach((e, i) => this.assign(e, { t: parts[i], c: undefined, shape: null, ...(lits?.[i] && !live(parts[i]) ? { lit: true } : {}) }, s, st));
        return;
      }
      if (lits?.length === first.elts.length && !whole.t) {
        first.elts.forEach((e, i) => this.assign(e, { t: null, c: undefined, shape: null, ...(lits[i] ? { lit: true } : {}) }, s, st));
        return;
      }
      for (const tg of s.targets) this.assign(tg, { t: whole.t, c: undefined, shape: null, ...(whole.lit && !live(whole.t) ? { lit: true } : {}) }, s, st);
      return;
    }
    const val = this.withClean(this.valueOf(s.value, st), s.value, st);
    if (first.type === 'Name' && s.targets.length === 1) {
      const kinds = val.t ? ALL_MASK & ~val.t.mask : val.lit || val.c !== undefined ? ALL_MASK : (val.clean?.bits ?? 0);
      this.assignedSafety.set(s, kinds & (this.assignedSafety.get(s) ?? ALL_MASK));
    }
    // `alias = config`: two names for one container; a change through either is not seen
    // through the other, so neither keeps the elements it knew.
    for (const tg of s.targets) this.assign(tg, val, s, st);
    if (s.value.type === 'Name' && !s.targets.some((tg) => tg.type === 'Name' && tg.id === (s.value as A.Name).id)) st.shapes.delete(s.value.id);
  }

  /** A list or tuple (a display, or a name holding a tracked one) whose first element is built only from constants. */
  private litHead(e: A.Expr, st: FnState): boolean {
    if ((e.type === 'List' || e.type === 'Tuple') && e.elts[0] && e.elts[0].type !== 'Starred') return this.litOnly(e.elts[0], st, 0);
    const sh = this.shapeAt(e, st);
    return !!sh && sh.kind === 'seq' && !!sh.items[0] && constItem(sh.items[0]) && !live(sh.items[0].t);
  }

  /** `cmd = build(…)` (or the call itself) of a function whose every return is an argument list of a fixed program (see `Summary.retHeadLit`). */
  private returnsLitHead(e: A.Expr, st: FnState): boolean {
    const v = e.type === 'Name' ? this.sem.reachingValue(e) : e;
    if (v?.type !== 'Call') return false;
    const callee = this.localCallee(v);
    if (callee) return callee.offset === 0 && this.summaryOf(callee.fn).retHeadLit === true;
    return this.externalCall(v, st, { kind: 'constants' })?.summary.retHeadLit === true;
  }

  /** `return value`: the function summary's return facts, and the response/HTML sinks of a returned value; the statement leaves the block. */
  private execReturn(s: A.Return, st: FnState): boolean {
    if (!s.value) {
      st.summary.retName = null;
      st.summary.retCls = null;
      st.summary.retText = false;
      st.summary.retItems = null;
      return true;
    }
    if (st.summary.retCls !== null && st.summary !== EMPTY) {
      const made = this.madeClass(s.value);
      st.summary.retCls = made && (st.summary.retCls === undefined || st.summary.retCls === made) ? made : null;
    }
    if (st.retLit && !this.litOnly(s.value, st, 0)) st.retLit = false;
    if (st.retHeadLit && !this.litHead(s.value, st)) st.retHeadLit = false;
    if (st.retClean.bits && !st.retLit) st.retClean = andClean(st.retClean, this.cleanOf(s.value, st, 0));
    if (st.summary.retName !== null && st.summary !== EMPTY) {
      const qn = this.importedName(s.value);
      st.summary.retName = qn && (st.summary.retName === undefined || st.summary.retName === qn) ? qn : null;
    }
    const body = s.value.type === 'Tuple' && s.value.elts[0] ? s.value.elts[0] : s.value;
    const t = this.eval(s.value, st, 0);
    if (st.summary !== EMPTY && st.summary.retText !== false) st.summary.retText = this.builtText(s.value, st);
    if (st.summary !== EMPTY && st.summary.retItems !== null) this.noteReturnedItems(s.value, st);
    if (t) {
      if (t.params) {
        const by = st.summary.ret ? st.summary.ret.by : t.by;
        st.summary.ret = { ...addReturned(st.summary.ret, t, s.value.type === 'List' || s.value.type === 'Tuple'), ...(by ? { by } : {}) };
      }
      // Sanitised residues too: the caller's value is then sanitised (`return int(request.args["n"])`).
      if (t.origin && t.trace && st.summary !== EMPTY) st.summary.retSrc = join(st.summary.retSrc ?? null, { ...t, params: 0, mask: originMask(t), omask: undefined });
      if (st.returnsResponse) this.hit(t, RETURN_RESPONSE, s, st, false);
      if (st.returnsHtml) {
        // (body, status, headers) or (body, headers): Flask sends the headers as given.
        const v = s.value;
        const headers = v.type === 'Tuple' ? (v.elts.length === 3 ? v.elts[2] : v.elts.length === 2 && (v.elts[1].type === 'Dict' || v.elts[1].type === 'List') ? v.elts[1] : undefined) : undefined;
        const ht = headers ? this.eval(headers, st, 0) : null;
        if (ht) this.hit(ht, RETURN_HEADERS, headers!, st, false);
        const bt = body === s.value ? t : this.eval(body, st, 0);
        if (bt && this.isHtmlBody(body, st, 0) && !fromJsonBody(bt)) this.hit(bt, RETURN_HTML, s, st, false);
      }
    }
    return true;
  }

  /** Element by element, what a returned tuple display carries from the parameters (see {@link Summary.retItems}). */
  private noteReturnedItems(value: A.Expr, st: FnState): void {
    const sum = st.summary;
    if (value.type !== 'Tuple' || value.elts.some((e) => e.type === 'Starred') || (sum.retItems && sum.retItems.length !== value.elts.length)) {
      sum.retItems = null;
      return;
    }
    const items = sum.retItems ? [...sum.retItems] : value.elts.map(() => null);
    const srcItems = sum.retSrcItems ? [...sum.retSrcItems] : value.elts.map(() => null);
    const litItems = sum.retLitItems ? [...sum.retLitItems] : value.elts.map(() => true);
    value.elts.forEach((e, j) => {
      if (litItems[j] && !this.litOnly(e, st, 0)) litItems[j] = false;
      const t = this.eval(e, st, 1);
      if (!t) return;
      if (t.origin && t.trace) srcItems[j] = join(srcItems[j] ?? null, { ...t, params: 0, mask: originMask(t), omask: undefined });
      if (t.params) items[j] = addReturned(items[j], t, false);
    });
    sum.retItems = items;
    sum.retSrcItems = srcItems;
    sum.retLitItems = litItems;
  }

  /**
   * `a, b = f(x)` where f, a function of the module, returns tuple displays: each target gets
   * what flows to its element (`sql, params = build(q)` with q only in params leaves sql
   * clean). Null when that is not known (then every target gets the whole result).
   */
  private unpackedCall(v: A.Expr, n: number, st: FnState): (Taint | null)[] | null {
    if (v.type !== 'Call' || v.args.some((a) => a.type === 'Starred') || v.keywords.some((k) => !k.arg)) return null;
    // The summary the call's evaluation applied: a function of the module, a method of an
    // instance made with untrusted arguments (`source, ctx = Cards(request.args).build()`),
    // or a callee of another module (the project pass).
    const got = this.tupleSummaries.get(v);
    const s = got?.s;
    if (!got || !s?.retItems || s.retItems.length !== n) return null;
    const { args, keywords } = this.evalArgs(v, st, 1);
    return s.retItems.map((item, i) => {
      const src = s.retSrcItems?.[i] ?? null;
      return item || src ? this.applySummary({ params: s.params, ret: item, retSrc: src, sinks: [] }, got.name, got.offset, v, args, keywords, st, got.remote) : null;
    });
  }

  /** Per call: the last summary applied to it that returns tuple displays (see {@link unpackedCall}). */
  private readonly tupleSummaries = new WeakMap<A.Call, { s: Summary; name: string; offset: number; remote: string | null }>();

  /** `try`: the handlers start from the state before or after the body; the branches that fall through are merged, then `finally` runs. */
  private execTry(s: A.Try, st: FnState, depth: number): boolean {
    const before = snapshot(st);
    const bodyLeaves = this.execBlock(s.body, st, depth + 1);
    const afterBody = snapshot(st);
    const outs: Snap[] = [];
    if (!bodyLeaves) {
      if (!this.execBlock(s.orelse, st, depth + 1)) outs.push(take(st));
    }
    for (const h of s.handlers) {
      adopt(st, mergeSnap(before, afterBody));
      if (h.name) this.forget(h.name, st);
      if (h.exc_type) this.eval(h.exc_type, st, 0);
      if (!this.execBlock(h.body, st, depth + 1)) outs.push(take(st));
    }
    const leaves = outs.length === 0;
    adopt(st, leaves ? mergeSnap(before, afterBody) : outs.reduce((a, b) => mergeSnap(a, b)));
    return this.execBlock(s.finalbody, st, depth + 1) || leaves;
  }

  private execIf(s: A.If, st: FnState, depth: number): boolean {
    this.eval(s.test, st, 0);
    const c = fold(s.test, st.fold);
    if (c !== undefined) {
      // Dead-branch pruning: a constant condition runs one branch only.
      const holds = truthy(c);
      this.markDead(holds ? s.orelse : s.body, `the condition \`${this.text(s.test)}\` at line ${s.lineno} is always ${holds ? 'true' : 'false'}`);
      return this.execBlock(holds ? s.body : s.orelse, st, depth + 1);
    }
    const guards = guardsOf(s.test, this.sem, 0, this.extGuards);
    const base = snapshot(st);
    this.applyGuards(st, guards, true, s.test);
    const leavesT = this.execBlock(s.body, st, depth + 1);
    const snapT = take(st);
    restore(st, base);
    this.applyGuards(st, guards, false, s.test);
    const leavesF = this.execBlock(s.orelse, st, depth + 1);
    const snapF = take(st);
    if (leavesT && leavesF) {
      adopt(st, base);
      return true;
    }
    adopt(st, leavesT ? snapF : leavesF ? snapT : mergeSnap(snapT, snapF));
    return false;
  }

  /** `match` on a constant runs the first case whose literal pattern matches; otherwise every case is a branch. */
  private execMatch(s: A.Match, st: FnState, depth: number): boolean {
    const subject = this.valueOf(s.subject, st);
    if (subject.c !== undefined) {
      const i = s.cases.findIndex((c) => !c.guard && patternMatches(c.pattern, subject.c!) !== false);
      const chosen = s.cases[i];
      if (chosen && patternMatches(chosen.pattern, subject.c) === true) {
        for (const c of s.cases) if (c !== chosen) this.markDead(c.body, `\`match\` on the constant ${JSON.stringify(subject.c)} at line ${s.lineno} never takes this case`);
        if (chosen.pattern.type === 'Name' && chosen.pattern.id !== '_') this.assign(chosen.pattern, subject, s, st);
        return this.execBlock(chosen.body, st, depth + 1);
      }
    }
    const base = snapshot(st);
    let out: Snap | null = null;
    let irrefutable = false;
    for (const c of s.cases) {
      restore(st, base);
      if (c.pattern.type === 'Name') {
        if (c.pattern.id !== '_') this.assign(c.pattern, subject, s, st);
        if (!c.guard) irrefutable = true;
      }
      if (c.guard) this.eval(c.guard, st, 0);
      if (!this.execBlock(c.body, st, depth + 1)) out = out ? mergeSnap(out, take(st)) : take(st);
    }
    if (!irrefutable) out = out ? mergeSnap(out, base) : base;
    if (!out) {
      adopt(st, base);
      return true;
    }
    adopt(st, out);
    return false;
  }

  private execLoop(s: A.For | A.While, st: FnState, depth: number): boolean {
    if (s.type === 'While') {
      this.eval(s.test, st, 0);
      const c = fold(s.test, st.fold);
      if (c !== undefined && !truthy(c)) {
        this.markDead(s.body, `the loop condition \`${this.text(s.test)}\` at line ${s.lineno} is always false`);
        return this.execBlock(s.orelse, st, depth + 1);
      }
    }
    const iterT = s.type === 'While' ? null : this.eval(s.iter, st, 0);
    const rounds = st.loopDepth < 3 ? 2 : 1;
    st.loopDepth++;
    const base = snapshot(st);
    for (let r = 0; r < rounds; r++) {
      // `for name in CONSTANTS:` — each element of a collection built only from constants is a constant.
      if (s.type !== 'While') {
        // (`for name, expr in TABLE.items()`: each part of each element too.)
        const v: Val = { t: iterT ? { ...iterT, head: true } : null, c: undefined, shape: null, lit: !live(iterT) && this.litOnly(s.iter, st, 0) };
        // `for i, x in enumerate(xs)`: i is a count, x an element of xs.
        if (s.target.type === 'Tuple' && s.target.elts.length === 2 && s.iter.type === 'Call' && this.sem.callName(s.iter) === 'enumerate' && !this.shadowsBuiltin(s.iter, 'enumerate')) {
          this.assign(s.target.elts[0], { t: null, c: undefined, shape: null }, s, st);
          this.assign(s.target.elts[1], v, s, st);
        } else this.assignIterated(s.target, s.iter, v, s, st);
      }
      this.execBlock(s.body, st, depth + 1);
      adopt(st, mergeSnap(base, take(st)));
    }
    st.loopDepth--;
    // A loop that checked every element (`for ch in name: if not ch.isalnum(): raise …`).
    if (s.type === 'For') this.applyGuards(st, loopGuards(s, this.sem, this.extGuards), true, s.iter);
    this.execBlock(s.orelse, st, depth + 1);
    return false;
  }

  /** A name or attribute chain is rebound to something untracked. */
  private forget(k: string, st: FnState): void {
    st.env.delete(k);
    st.consts.delete(k);
    st.shapes.delete(k);
    st.lits.delete(k);
    st.cleans.delete(k);
  }

  private assign(target: A.Expr, v: Val, stmt: A.AnyNode, st: FnState): void {
    switch (target.type) {
      case 'Name':
      case 'Attribute': {
        const k = keyOf(target);
        if (target.type === 'Attribute') {
          this.eval(target.value, st, 0);
          // `resp.data = body` on an HTML response: the body is written out.
          if (v.t) for (const sink of attributeSinksFor(target, this.sem)) this.hit(v.t, sink.spec, stmt, st, false);
        }
        if (!k) return;
        if (v.t) st.env.set(k, this.step(v.t, stmt));
        else st.env.delete(k);
        if (v.c !== undefined) st.consts.set(k, v.c);
        else st.consts.delete(k);
        if (v.c === undefined && v.lit) st.lits.add(k);
        else st.lits.delete(k);
        if (v.c === undefined && !v.lit && v.clean?.bits) st.cleans.set(k, v.clean);
        else st.cleans.delete(k);
        if (v.shape) st.shapes.set(k, v.shape);
        else st.shapes.delete(k);
        if (v.cls) st.types.set(k, v.cls);
        else st.types.delete(k);
        if (v.reqFields) st.instReq.set(k, v.reqFields);
        else st.instReq.delete(k);
        if (v.ctor) st.ctors.set(k, v.ctor);
        else st.ctors.delete(k);
        if (v.req) st.reqs.add(k);
        return;
      }
      case 'Subscript': {
        const kt = this.eval(target.slice, st, 0);
        this.eval(target.value, st, 0);
        let t = v.t;
        if (t || kt) {
          for (const sink of this.subscriptSinks(target)) {
            if (t) this.hit(t, sink.spec, stmt, st, false);
            if (kt && sink.keys) this.hit(kt, sink.spec, stmt, st, false);
          }
        }
        if (this.assignConfig(target, v, stmt, st)) return;
        const k = keyOf(target.value);
        if (!k) return;
        const sh = st.shapes.get(k);
        const key = target.slice.type === 'Slice' ? undefined : fold(target.slice, st.fold);
        // (`query["$where"] = clause`: the filter now runs that JavaScript.)
        if (t && runsMongoCode(target.slice)) t = withMongoCode(t, t);
        if (sh && key !== undefined) {
          const next = setItem(sh, key, { t, c: v.c, ...(v.c === undefined && v.lit ? { lit: true } : {}) });
          if (next) {
            this.setShape(k, next, stmt, st);
            return;
          }
        }
        st.shapes.delete(k);
        st.consts.delete(k);
        if (t) st.env.set(k, this.step({ ...(join(st.env.get(k) ?? null, t) as Taint), head: st.env.get(k)?.head ?? false }, stmt));
        return;
      }
      case 'Tuple':
      case 'List':
        // (Each part of a value built only from constants is one: `formula, names = FORMULAS[key]`.)
        for (const e of target.elts) this.assign(e, { t: v.t, c: undefined, shape: null, ...(v.lit && !live(v.t) ? { lit: true } : {}) }, stmt, st);
        return;
      case 'Starred':
        this.assign(target.value, { t: v.t, c: undefined, shape: null, ...(v.lit && !live(v.t) ? { lit: true } : {}) }, stmt, st);
        return;
      default:
        return;
    }
  }

  /** A name (or attribute chain) holding a tracked `configparser` object, with its options. */
  private configOf(e: A.Expr, st: FnState): { k: string; items: ReadonlyMap<string, Item> } | null {
    const k = keyOf(e);
    const sh = k ? st.shapes.get(k) : undefined;
    return k && sh && sh.kind === 'map' && sh.config ? { k, items: sh.items } : null;
  }

  /**
   * The option a `configparser` mapping read stands for (`conf["s"]["k"]`, falling back to the
   * DEFAULT section as configparser does): null when the parser is tracked and has no such
   * option (reading it raises), undefined when `e` is not such a read.
   */
  private configItem(e: A.Subscript, st: FnState): Item | null | undefined {
    if (e.slice.type === 'Slice' || e.value.type !== 'Subscript' || e.value.slice.type === 'Slice') return undefined;
    const conf = this.configOf(e.value.value, st);
    if (!conf) return undefined;
    const section = fold(e.value.slice, st.fold);
    const option = fold(e.slice, st.fold);
    if (section === undefined || option === undefined) return undefined;
    return configOption(conf.items, section, option) ?? null;
  }

  /**
   * An assignment into a tracked `configparser` object through its mapping interface: an
   * option (`conf["s"]["k"] = v`), or a whole section (`conf["s"] = {"k": v}`, which replaces
   * the section's options). With a key or a value the analysis cannot read, the parser is no
   * longer tracked option by option and holds the value's taint. False when the target is not
   * such an object.
   */
  private assignConfig(target: A.Subscript, v: Val, stmt: A.AnyNode, st: FnState): boolean {
    if (target.slice.type === 'Slice') return false;
    const option = target.value.type === 'Subscript' && target.value.slice.type !== 'Slice' ? this.configOf(target.value.value, st) : null;
    const conf = option ?? this.configOf(target.value, st);
    if (!conf) return false;
    const items = new Map(conf.items);
    let known = true;
    if (option && target.value.type === 'Subscript') {
      const section = fold(target.value.slice, st.fold);
      const key = fold(target.slice, st.fold);
      if (section === undefined || key === undefined) known = false;
      else items.set(configKey(section, key), { t: v.t, c: v.c });
    } else {
      const section = fold(target.slice, st.fold);
      const entries = v.shape?.kind === 'map' && !v.shape.config ? [...v.shape.items] : null;
      if (section === undefined || !entries || entries.some(([ik]) => !ik.startsWith('string:'))) known = false;
      else {
        const prefix = `${String(section)}\u0000`;
        for (const key of [...items.keys()]) if (key.startsWith(prefix)) items.delete(key);
        for (const [ik, item] of entries) items.set(configKey(section, ik.slice('string:'.length)), item);
      }
    }
    if (known) {
      this.setShape(conf.k, { kind: 'map', items, config: true }, stmt, st);
      return true;
    }
    st.shapes.delete(conf.k);
    if (v.t) st.env.set(conf.k, this.step({ ...(join(st.env.get(conf.k) ?? null, v.t) as Taint), head: false }, stmt));
    return true;
  }

  /** Replace a tracked container's shape and keep its overall taint the join of its elements. */
  private setShape(k: string, sh: Shape, node: A.AnyNode, st: FnState): void {
    st.shapes.set(k, sh);
    st.consts.delete(k);
    const t = joinItems(sh.kind === 'seq' ? sh.items : [...sh.items.values()], sh.kind === 'seq');
    if (t) st.env.set(k, this.step(t, node));
    else st.env.delete(k);
  }

  /** Item-assignment sinks of the models (`session[k] = v`, `response.headers[k] = v`); a container that is itself a source (`request.headers`, a handler's `self.headers`) is none. */
  private subscriptSinks(target: A.Subscript): SubscriptSinkSpec[] {
    const v = target.value;
    if (v.type === 'Attribute' && this.sources.attribute(v)) return [];
    return subscriptSinksFor(v, this.sem, target.slice);
  }

  private applyGuards(st: FnState, guards: Guard[], branch: boolean, test: A.Expr): void {
    for (const g of guards) {
      if (g.when !== branch || g.hostOnly) continue;
      // A field with no value of its own (`body.url` of a validated model): what the test
      // read, cleared from here on as a name would be.
      const t = st.env.get(g.key) ?? this.fieldRead(g.key, test, st);
      // Where the check holds, the value is safe for its kinds whatever it holds (a parameter,
      // a library's result): a value built from it is then safe for them too.
      const label = `${g.label ?? 'the check'} \`${this.text(test)}\` at line ${test.lineno}`;
      // A key from the request proves nothing; one from the environment or the command line
      // is the operator's own secret (where signing keys live).
      if (g.unlessTainted) {
        const kt = this.eval(g.unlessTainted, st, 0);
        if (live(kt) && kt.origin === 'request') continue;
      }
      if (g.bits !== ALL_MASK && !g.absOnly) {
        const had = cleanAt(take(st), g.key);
        if (had.bits !== ALL_MASK) st.cleans.set(g.key, { bits: had.bits | g.bits, by: had.by ?? label });
      }
      // An allow-list of constants: where it holds, a value that came from no source is one of those constants.
      if (!t) {
        if (g.pins) st.lits.add(g.key);
        continue;
      }
      // `not os.path.isabs(p)` alone leaves `a/../../x`; after (or before) a check for `..` it completes it.
      if (g.absOnly && !t?.dots) {
        if (t) st.env.set(g.key, { ...t, notAbs: true });
        continue;
      }
      let c = clear(t, g.bits, label);
      // A `..` check leaves absolute paths: the value still leaves the folder where it starts the path or is joined.
      if (c && g.dotsOnly && t.mask & K.PATH && !t.notAbs) c = { ...c, joined: t.joined, dots: true };
      else if (c?.dots && !g.dotsOnly && g.bits & K.PATH) c = withoutDots(c);
      if (c) st.env.set(g.key, c);
      else st.env.delete(g.key);
      // (A parameter's sanitised residue is no source either: pinned like a cleared value.)
      if (g.pins && (c === null || (c.mask === 0 && !c.origin))) st.lits.add(g.key);
    }
  }

  /**
   * The value of the field `key` (`a.b`) as the test `test` read it (from its object: the
   * field has no value of its own in the state); undefined when the test reads no such field.
   */
  private fieldRead(key: string, test: A.Expr, st: FnState): Taint | undefined {
    if (!key.includes('.')) return undefined;
    const stack: A.AnyNode[] = [test];
    for (let n = 0; stack.length && n < 200; n++) {
      const x = stack.pop()!;
      if (x.type === 'Attribute' && keyOf(x) === key) return this.eval(x, st, 0) ?? undefined;
      pushChildrenReversed(x, stack);
    }
    return undefined;
  }

  /** Record statements that never run (a pruned branch), for triage. */
  private markDead(body: readonly A.AnyNode[], reason: string): void {
    if (!body.length || this.observe === null) return;
    const a = body[0];
    const b = body[body.length - 1];
    this.dead.push({ startLine: a.lineno, startColumn: a.col_offset, endLine: b.end_lineno, endColumn: b.end_col_offset, reason });
  }

  // ---------------------------------------------------------------- expressions

  /** The taint of an expression; records it when triage observes the node. */
  private eval(e: A.Expr, st: FnState, d: number): Taint | null {
    const t = this.eval1(e, st, d);
    if (this.observe !== null && this.observe.has(e)) this.record(e, t, st);
    return t;
  }

  private record(e: A.Expr, t: Taint | null, st: FnState): void {
    const folded = fold(e, st.fold);
    const value = folded !== undefined || e.type !== 'Call' ? folded : this.popped.get(e)?.c;
    let head: ConstV | undefined;
    let headLit = false;
    const sh = this.shapeAt(e, st);
    if (sh && sh.kind === 'seq') {
      head = sh.items[0]?.c;
      headLit = !!sh.items[0] && constItem(sh.items[0]) && !live(sh.items[0].t);
    } else if (e.type === 'Name') {
      head = this.appendOnlyHead(e, st);
      headLit = head === undefined && this.returnsLitHead(e, st);
    } else if (e.type === 'Call') headLit = this.returnsLitHead(e, st);
    else {
      // `["tar", "-czf", dest, "--"] + paths`: a concatenation starts with its leftmost list.
      const list = leftmostOperand(e);
      if ((list.type === 'List' || list.type === 'Tuple') && list.elts[0] && list.elts[0].type !== 'Starred') {
        head = fold(list.elts[0], st.fold);
        headLit = head !== undefined || this.litOnly(list.elts[0], st, 0);
      }
    }
    const lit = value !== undefined || (!live(t) && this.litOnly(e, st, 0));
    const clean = lit ? ALL_CLEAN : this.cleanOf(e, st, 0);
    const prev = this.observed.get(e);
    if (!prev) {
      this.observed.set(e, { taint: t, value, head, headLit, lit, clean, visits: 1 });
      return;
    }
    prev.lit &&= lit;
    prev.headLit &&= headLit;
    prev.clean = andClean(prev.clean, clean);
    prev.taint = join(prev.taint, t);
    if (prev.value !== value) prev.value = undefined;
    if (prev.head !== head) prev.head = undefined;
    prev.visits++;
  }

  /**
   * The first element of an argv list built by appending (`parts = ["grep", "-e"]`, then
   * `parts.append(x)` in loops and branches, where the element-by-element shape is lost):
   * the folded constant that starts the list literal the name is bound to once in its
   * function, when every other use of the name there is `parts.append(…)`,
   * `parts.extend(…)`, `parts += …` or `use` itself (nothing can change the first
   * element). Undefined otherwise.
   */
  private appendOnlyHead(use: A.Name, st: FnState | null, d = 0): ConstV | undefined {
    const b = this.sem.lookup(use.id, use);
    if (!b || b.kind !== 'assign' || b.count !== 1 || !b.value) return undefined;
    // (Bound to what a function of the module returns: `cmd = self.build_command(job)`.)
    if (b.value.type === 'Call') return d < 3 ? this.returnedHead(b.value, d + 1) : undefined;
    // (Bound to a list display, or to a concatenation that starts with one: `["tar", "--"] + paths`.)
    const list = leftmostOperand(b.value);
    if (list.type !== 'List') return undefined;
    const first = list.elts[0];
    if (!first || first.type === 'Starred') return undefined;
    const head = st ? fold(first, st.fold) : this.sem.constValue(first);
    if (typeof head !== 'string') return undefined;
    let ok = this.appendOnly.get(b.value);
    if (ok === undefined) this.appendOnly.set(b.value, (ok = this.onlyAppended(use, b.value)));
    return ok ? head : undefined;
  }

  /**
   * The program every return of a module function or method called by `call` names: the
   * constant first element of the list display it returns, or of the list a returned name
   * holds and the function only appends to (see {@link appendOnlyHead}).
   */
  private returnedHead(call: A.Call, d: number): ConstV | undefined {
    const fn = this.localCallee(call)?.fn;
    if (!fn) return undefined;
    let head: ConstV | undefined;
    let ok = true;
    walk(fn, (n) => {
      if (!ok) return false;
      if (n !== fn && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda' || n.type === 'ClassDef')) return false;
      if (n.type !== 'Return') return true;
      const v = n.value;
      const first = v?.type === 'List' ? v.elts[0] : undefined;
      const h = v?.type === 'Name' ? this.appendOnlyHead(v, null, d) : first && first.type !== 'Starred' ? this.sem.constValue(first) : undefined;
      if (typeof h !== 'string' || (head !== undefined && head !== h)) ok = false;
      else head = h;
      return false;
    });
    return ok ? head : undefined;
  }

  /** Per list display a name is bound to: whether its function only appends to the name (see {@link appendOnlyHead}). */
  private readonly appendOnly = new WeakMap<A.AnyNode, boolean>();

  private onlyAppended(use: A.Name, list: A.Expr): boolean {
    const scope = this.sem.scopeOf(use);
    if (this.sem.scopeOf(list) !== scope || scope.node.type === 'Module') return false;
    let ok = true;
    walk(scope.node, (n) => {
      if (!ok) return false;
      if (n !== scope.node && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda' || n.type === 'ClassDef')) return false;
      if (n.type !== 'Name' || n.id !== use.id || n === use) return true;
      const p = n.parent;
      const target = p && p.type === 'Assign' && p.targets.includes(n) && p.value === list;
      const adds = p && p.type === 'Attribute' && p.value === n && (p.attr === 'append' || p.attr === 'extend') && p.parent?.type === 'Call' && p.parent.func === p;
      const augmented = p && p.type === 'AugAssign' && p.target === n && p.op === 'Add';
      if (!target && !adds && !augmented) ok = false;
      return true;
    });
    return ok;
  }

  /**
   * The value of an expression that is being assigned: its taint, its constant, and the
   * element-by-element shape of a list, tuple, dict literal or `configparser` object.
   */
  /** The elements of a list or tuple literal (without `*`), or of a name holding a tracked sequence; null otherwise. */
  private seqItems(e: A.Expr, st: FnState): Item[] | null {
    if (e.type === 'List' || e.type === 'Tuple') {
      if (e.elts.some((x) => x.type === 'Starred')) return null;
      return e.elts.map((x) => ({ t: this.eval(x, st, 1), c: fold(x, st.fold) }));
    }
    const sh = this.shapeAt(e, st);
    if (sh && sh.kind === 'seq') {
      this.eval(e, st, 1);
      return [...sh.items];
    }
    return null;
  }

  /**
   * The shape a serialiser round trip keeps (`json.loads(json.dumps(x))`, or through a name
   * bound once to the dump): a sequence, or a mapping whose keys are all strings (JSON
   * turns other keys into strings). Undefined when `e` is not such a load.
   */
  private roundTripShape(e: A.Call, q: string, st: FnState): Shape | null | undefined {
    const rt = ROUND_TRIPS.find((r) => r.loads.includes(q));
    if (!rt || e.args.length !== 1) return undefined;
    let dumped: A.Expr = e.args[0];
    if (dumped.type === 'Name') {
      const b = this.sem.lookup(dumped.id, dumped);
      if (!b || b.kind !== 'assign' || b.count !== 1 || !b.value) return undefined;
      dumped = b.value;
    }
    if (dumped.type !== 'Call' || !rt.dumps.includes(this.sem.callName(dumped) ?? '') || !dumped.args[0]) return undefined;
    const inner = dumped.args[0];
    const sh = inner.type === 'List' || inner.type === 'Tuple' || inner.type === 'Dict' ? this.valueOf(inner, st).shape : (this.shapeAt(inner, st) ?? null);
    if (!sh) return null;
    if (sh.kind === 'map' && (sh.config || [...sh.items.keys()].some((k) => !k.startsWith('string:')))) return null;
    return sh;
  }

  private valueOf(e: A.Expr, st: FnState): Val {
    switch (e.type) {
      case 'BinOp': {
        // [a, b] + [c]: the elements of both sides, in order.
        if (e.op !== 'Add') break;
        const isSeq = (x: A.Expr) => x.type === 'List' || x.type === 'Tuple' || this.shapeAt(x, st)?.kind === 'seq';
        if (!isSeq(e.left) || !isSeq(e.right)) break;
        const l = this.seqItems(e.left, st);
        const r = l ? this.seqItems(e.right, st) : null;
        if (!l || !r) break;
        const items = [...l, ...r];
        const t = joinItems(items, true);
        if (this.observe !== null && this.observe.has(e)) this.record(e, t, st);
        return { t, c: undefined, shape: { kind: 'seq', items } };
      }
      case 'List':
      case 'Tuple': {
        if (e.elts.some((x) => x.type === 'Starred')) break;
        const items = e.elts.map((x) => ({ t: this.eval(x, st, 1), c: fold(x, st.fold) }));
        const t = joinItems(items, true);
        if (this.observe !== null && this.observe.has(e)) this.record(e, t, st);
        return { t, c: undefined, shape: { kind: 'seq', items } };
      }
      case 'Dict': {
        const items = new Map<string, Item>();
        let t: Taint | null = null;
        let code: Taint | null = null;
        let exact = true;
        e.keys.forEach((k, i) => {
          const vt = this.eval(e.values[i], st, 1);
          t = join(t, vt);
          if (runsMongoCode(k)) code = join(code, vt);
          if (!k) {
            exact = false;
            return;
          }
          t = join(t, this.eval(k, st, 1));
          const kc = fold(k, st.fold);
          if (kc === undefined) exact = false;
          else {
            const c = fold(e.values[i], st.fold);
            items.set(itemKey(kc), { t: vt, c, ...(c === undefined && !live(vt) && this.litOnly(e.values[i], st, 0) ? { lit: true } : {}) });
          }
        });
        return { t: withMongoCode(t, code), c: undefined, shape: exact ? { kind: 'map', items, config: false } : null };
      }
      case 'BoolOp': {
        // `directory = directory or Directory()`: an instance made when the caller gave none (the usual default).
        const last = e.values[e.values.length - 1];
        if (e.op !== 'Or' || last.type !== 'Call' || !this.external) break;
        // (Each operand is evaluated once: the call may reach a sink.)
        const made = this.valueOf(last, st);
        let t = made.t;
        for (const x of e.values.slice(0, -1)) t = join(t, this.eval(x, st, 1));
        if (this.observe !== null && this.observe.has(e)) this.record(e, t, st);
        if (!made.cls) {
          const c = fold(e, st.fold);
          return { t, c, shape: null, lit: c === undefined && !live(t) && this.litOnly(e, st, 0) };
        }
        return { t, c: undefined, shape: null, cls: made.cls, ...(made.reqFields ? { reqFields: made.reqFields } : {}) };
      }
      case 'Call': {
        const q = this.sem.callName(e) ?? '';
        if (!e.args.length && !e.keywords.length && (q === 'list' || q === 'dict' || q === 'tuple' || q === 'collections.deque')) {
          return { t: null, c: undefined, shape: q === 'dict' ? { kind: 'map', items: new Map(), config: false } : { kind: 'seq', items: [] } };
        }
        // An empty in-memory text stream: what is written to it is tracked piece by piece.
        if (STRING_STREAMS.has(q) && !e.args.length && !e.keywords.length) return { t: null, c: undefined, shape: { kind: 'seq', items: [], stream: true } };
        const rt = this.roundTripShape(e, q, st);
        if (rt) return { t: this.eval(e, st, 0), c: undefined, shape: rt };
        if (/^configparser\.(?:Raw|Safe)?ConfigParser$/.test(q)) {
          const t = this.eval(e, st, 0);
          return { t, c: undefined, shape: { kind: 'map', items: new Map(), config: true } };
        }
        if (this.external && q) {
          const ctor = this.ctorArgs(e, st);
          const ext = this.external.lookup(q, { kind: 'class', req: this.passesReqObj(e, st), ...(ctor ? { tainted: true } : {}) });
          if (ext && ext.kind === 'class' && ext.cls) {
            const t = this.eval(e, st, 0);
            const reqFields = this.ctorFields(ext, e, st);
            return { t, c: undefined, shape: null, cls: ext.cls, ...(reqFields.length ? { reqFields } : {}), ...(ctor && (ext.fn || ext.classDef) && ext.analysis ? { ctor: { callee: ext, ...ctor } } : {}) };
          }
          // A factory of another module (`thing = ThingFactory.create()`): the class it makes.
          const made = this.external.lookup(q, { kind: 'factory' });
          if (made && made.kind === 'class' && made.cls) return { t: this.eval(e, st, 0), c: undefined, shape: null, cls: made.cls };
        }
        if (e.func.type === 'Attribute' && e.func.attr === 'copy' && !e.args.length) {
          const sh = this.shapeAt(e.func.value, st);
          if (sh) return { t: this.eval(e, st, 0), c: undefined, shape: sh };
        }
        break;
      }
      default:
        break;
    }
    const t = this.eval(e, st, 0);
    // An element taken out of a tracked container (`d.popleft()`) keeps its constant.
    const folded = fold(e, st.fold);
    const c = folded !== undefined || e.type !== 'Call' ? folded : this.popped.get(e)?.c;
    return { t, c, shape: null, lit: c === undefined && !live(t) && this.litOnly(e, st, 0), ...(this.isReqObj(e, st) ? { req: true } : {}) };
  }

  /** The element the last visit of a `pop()`/`popleft()` call took out of a tracked container. */
  private readonly popped = new WeakMap<A.Call, Item>();

  private eval1(e: A.Expr, st: FnState, d: number): Taint | null {
    if (d > MAX_EXPR_DEPTH) return null;
    switch (e.type) {
      case 'Constant':
      case 'Unparsed':
        return null;
      case 'Lambda':
        this.evalLambdaBody(e, st, d);
        return null;
      case 'Name':
        return st.env.get(e.id) ?? null;
      case 'Attribute': {
        const src = this.sources.attribute(e) ?? this.assumedSource(e, false, st);
        if (src) return this.sourceTaint(e, src);
        const prop = this.propertyRead(e, st);
        if (prop !== undefined) return prop;
        const k = keyOf(e);
        if (k && st.env.has(k)) {
          this.eval(e.value, st, d + 1);
          return st.env.get(k)!;
        }
        const got = this.eval(e.value, st, d + 1);
        const t = UPLOAD_OBJECT_PARTS.has(e.attr) ? got : notUpload(got);
        return t && (isCodeName(e) || this.typedField(e, st)) ? null : t; // (a validated model's typed field holds no injection)
      }
      case 'Subscript': {
        this.eval(e.slice, st, d + 1);
        const option = this.configItem(e, st);
        if (option !== undefined) return option?.t ?? null;
        const sh = this.shapeAt(e.value, st);
        if (sh && e.slice.type !== 'Slice') {
          const key = fold(e.slice, st.fold);
          const item = key === undefined ? undefined : itemOf(sh, key);
          if (item) return item.t;
        }
        // An upload of the files mapping is the file object; Tornado's uploads are dicts whose `filename` is the client's name.
        const t = this.eval(e.value, st, d + 1);
        if (platformField(e.slice, e.value)) return null;
        return e.slice.type === 'Constant' && typeof e.slice.value === 'string' && UPLOAD_VALUE_KEYS.has(e.slice.value) ? notUpload(t) : t;
      }
      case 'Call':
        return this.evalCall(e, st, d);
      case 'BinOp': {
        const l = this.eval(e.left, st, d + 1);
        let r = this.evalFormatOperand(e, st, d);
        // (A value escaped with its quotes left, placed in a quoted attribute: `'<a title="' + q`, `'<a title="%s">' % q`.)
        if (r?.quotesLeft && (e.op === 'Add' || e.op === 'Mod') && this.attributeBefore(e.left, e.op)) r = unescapedInAttribute(r);
        let t = join(l, r);
        if (!t) return null;
        // `["tar", "-czf", dest, "--"] + paths`: the program is the left list's first element.
        if (l && e.op === 'Add' && (e.left.type === 'List' || e.left.type === 'Tuple') && e.left.elts.length && e.left.elts[0].type !== 'Starred') t = { ...t, head: l.head };
        if (!l) {
          const lit = this.sem.constValue(e.left);
          t = { ...t, head: false };
          if (typeof lit === 'string') {
            // `"http://%s/x" % host`: only the text before the first placeholder is fixed.
            const prefix = e.op === 'Mod' ? percentPrefix(lit) : lit;
            t = clear(t, prefixClears(prefix), `the fixed prefix '${prefix.slice(0, 40)}'`);
          } else if (e.op === 'Add') {
            // `settings.BASE + "/stock/" + sku`: a whole path segment in the text before it.
            const segment = concatLiterals(e.left).reduce((bits, piece) => bits | closedSegmentClears(piece), 0);
            if (segment) t = clear(t, segment, 'the fixed path segment before it');
          }
          if (t && e.op === 'Div' && r && this.isPathExpr(e.left, st)) t = { ...t, joined: true };
        }
        return t;
      }
      case 'JoinedStr':
        return this.evalJoinedStr(e, st, d);
      case 'FormattedValue': {
        if (e.format_spec) this.eval(e.format_spec, st, d + 1);
        const t = this.eval(e.value, st, d + 1);
        // `{x!r}`, `{x!a}`: a Python literal of the value (see the repr() sanitiser in models/stdlib.ts).
        return e.conversion === 114 || e.conversion === 97 ? clear(t, K.CODE, 'repr() (`!r`)') : t;
      }
      case 'BoolOp': {
        // `a or b` is `a` when `a` is a truthy constant (and `a and b` when a falsy one).
        let t: Taint | null = null;
        for (const v of e.values) {
          t = join(t, this.eval(v, st, d + 1));
          const c = fold(v, st.fold);
          if (c !== undefined && truthy(c) === (e.op === 'Or')) break;
        }
        return t;
      }
      case 'IfExp':
        return this.evalIfExp(e, st, d);
      case 'Dict': {
        let t: Taint | null = null;
        for (const k of e.keys) if (k) t = join(t, this.eval(k, st, d + 1));
        let code: Taint | null = null;
        e.values.forEach((v, i) => {
          const vt = this.eval(v, st, d + 1);
          t = join(t, vt);
          if (runsMongoCode(e.keys[i])) code = join(code, vt);
        });
        return withMongoCode(t, code);
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
      case 'DictComp':
        return this.evalComp(e, st, d);
      case 'Await':
      case 'Starred':
        return this.eval(e.value, st, d + 1);
      case 'YieldFrom':
      case 'Yield':
        st.retLit = false;
        st.retHeadLit = false;
        st.retClean = NOT_CLEAN;
        if (st.summary !== EMPTY) st.summary.retName = null;
        if (e.value) this.eval(e.value, st, d + 1);
        return null;
      case 'NamedExpr': {
        const v = this.withClean(this.valueOf(e.value, st), e.value, st);
        this.assign(e.target, v, e, st);
        return v.t;
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

  /** An f-string: what its values carry, cleared by a fixed prefix (a value escaped with its quotes left is XSS again inside a quoted attribute). */
  private evalJoinedStr(e: A.JoinedStr, st: FnState, d: number): Taint | null {
    let t: Taint | null = null;
    let prefix = '';
    let inPrefix = true;
    let head = false;
    let text = '';
    // A whole path segment in a literal before the first untrusted value (see closedSegmentClears).
    let segment = 0;
    let untrusted = false;
    e.values.forEach((v, i) => {
      let vt = this.eval(v, st, d + 1);
      if (inPrefix && v.type === 'Constant' && typeof v.value === 'string') prefix += v.value;
      else inPrefix = false;
      if (!untrusted && v.type === 'Constant' && typeof v.value === 'string') segment |= closedSegmentClears(v.value);
      if (live(vt)) untrusted = true;
      if (v.type === 'Constant' && typeof v.value === 'string') text += v.value;
      else {
        // (A value escaped with its quotes left, placed in a quoted attribute: `f'<input value="{q}">'`.)
        if (vt?.quotesLeft && inQuotedAttribute(text)) vt = unescapedInAttribute(vt);
        // (An HTML escape at the start of a URL attribute: `javascript:` stays.)
        if (vt && atUrlAttributeStart(text)) vt = unescapedAsUrl(vt);
        text += 'x';
      }
      if (i === 0 && vt) head = vt.head;
      t = join(t, vt);
    });
    if (!t) return null;
    const fixed = clear({ ...(t as Taint), head }, prefixClears(prefix), `the fixed prefix '${prefix.slice(0, 40)}'`);
    return segment ? clear(fixed, segment, 'the fixed path segment before it') : fixed;
  }

  /** `body if test else orelse`: one branch when the test folds to a constant, each branch under its guards otherwise. */
  private evalIfExp(e: A.IfExp, st: FnState, d: number): Taint | null {
    this.eval(e.test, st, d + 1);
    const c = fold(e.test, st.fold);
    if (c !== undefined) {
      const holds = truthy(c);
      this.markDead([holds ? e.orelse : e.body], `the condition \`${this.text(e.test)}\` at line ${e.lineno} is always ${holds ? 'true' : 'false'}`);
      return this.eval(holds ? e.body : e.orelse, st, d + 1);
    }
    // Barrier guards hold in the branch they select (`v if v in ALLOWED else "/"`).
    const guards = guardsOf(e.test, this.sem, 0, this.extGuards);
    if (!guards.length) return join(this.eval(e.body, st, d + 1), this.eval(e.orelse, st, d + 1));
    const base = snapshot(st);
    this.applyGuards(st, guards, true, e.test);
    const tb = this.eval(e.body, st, d + 1);
    restore(st, base);
    this.applyGuards(st, guards, false, e.test);
    const to = this.eval(e.orelse, st, d + 1);
    adopt(st, base);
    return join(tb, to);
  }

  /**
   * Bind a loop's or a comprehension's target from what it iterates: the keys of the
   * function's `**kwargs` (`for k, v in kwargs.items()`, `for k in kwargs`) are the keyword
   * names of the call, identifiers, not data; the values carry what the callers passed.
   */
  private assignIterated(target: A.Expr, iter: A.Expr, v: Val, node: A.AnyNode, st: FnState): void {
    const kw = this.kwargsIteration(iter, st);
    if (kw === 'keys') {
      this.assign(target, { t: null, c: undefined, shape: null }, node, st);
      return;
    }
    if (kw === 'items' && target.type === 'Tuple' && target.elts.length === 2) {
      this.assign(target.elts[0], { t: null, c: undefined, shape: null }, node, st);
      this.assign(target.elts[1], v, node, st);
      return;
    }
    this.assign(target, v, node, st);
  }

  /** `kwargs.items()` (or `sorted()`/`list()` of it), `kwargs`, `kwargs.keys()` of the function's `**kwargs` parameter, still as passed: which of them; null otherwise. */
  private kwargsIteration(iter: A.Expr, st: FnState): 'items' | 'keys' | null {
    const star = st.summary.starParams;
    if (!star || star.kwargs < 0) return null;
    let e = iter;
    for (let i = 0; i < 3 && e.type === 'Call' && e.func.type === 'Name' && (e.func.id === 'sorted' || e.func.id === 'list') && e.args.length === 1 && !this.shadowsBuiltin(e, e.func.id); i++) e = e.args[0];
    let how: 'items' | 'keys' = 'keys';
    if (e.type === 'Call' && e.func.type === 'Attribute' && !e.args.length && (e.func.attr === 'items' || e.func.attr === 'keys')) {
      how = e.func.attr;
      e = e.func.value;
    }
    const name = st.summary.params[star.kwargs];
    if (e.type !== 'Name' || e.id !== name) return null;
    const b = this.sem.lookup(name, e);
    return b && b.kind === 'param' && b.count === 1 ? how : null;
  }

  /** A comprehension's element (key and value for a dict), its targets bound from the iterables and its `if`s applied as guards, in a scope of its own. */
  private evalComp(e: A.Comp | A.DictComp, st: FnState, d: number): Taint | null {
    const saved = snapshot(st);
    let t: Taint | null = null;
    for (const g of e.generators) {
      const it = this.eval(g.iter, st, d + 1);
      // (As a `for` loop: the elements of a collection built only from constants are constants.)
      this.assignIterated(g.target, g.iter, { t: it, c: undefined, shape: null, lit: !live(it) && this.litOnly(g.iter, st, 0) }, g, st);
      for (const c of g.ifs) {
        this.eval(c, st, d + 1);
        this.applyGuards(st, guardsOf(c, this.sem, 0, this.extGuards), true, c);
      }
    }
    if (e.type === 'DictComp') t = join(this.eval(e.key, st, d + 1), this.eval(e.value, st, d + 1));
    else t = this.eval(e.elt, st, d + 1);
    adopt(st, saved);
    return t;
  }

  /** A call's taint, less the kinds an argument-dependent sanitiser clears (`re.sub(r"[^\w]", "", x)`, a `replace()` chain). */
  private evalCall(call: A.Call, st: FnState, d: number): Taint | null {
    let t = this.evalCallBase(call, st, d);
    // A call gives a new value, except the files mapping's getters (`request.files.get("f")` is
    // the upload); an in-memory file (`io.BytesIO(data)`) is a file object like an upload.
    if (t && IN_MEMORY_FILE_MAKERS.has(this.sem.callName(call) ?? '')) t = { ...t, upload: true };
    else if (t?.upload && !(call.func.type === 'Attribute' && UPLOAD_GETTERS.has(call.func.attr))) t = notUpload(t);
    if (!t || !(t.mask & USER_MASK)) return t;
    const san = argumentSanitizer(call, this.sem.callName(call), this.sem);
    return san.bits ? clear(t, san.bits, san.label) : t;
  }

  private evalCallBase(call: A.Call, st: FnState, d: number): Taint | null {
    // `run = functools.partial(subprocess.call, shell=True)` then `run(cmd)`: the call the partial stands for.
    const partial = this.usesPartial && d < MAX_EXPR_DEPTH ? this.partialCall(call) : null;
    if (partial) return this.evalCallBase(partial, st, d + 1);
    const f = call.func;
    let receiver: Taint | null = null;
    let fnSource: SourceHit | null = null;
    if (f.type === 'Attribute') {
      fnSource = this.sources.attribute(f) ?? this.assumedSource(f, false, st);
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
    const src = this.sources.call(call, q) ?? (f.type === 'Attribute' ? this.assumedSource(f, true, st) : null);
    if (src) return this.sourceTaint(call, src);
    // `event.get("requestContext", {}).get("identity", {}).get("sourceIp")`: a field API Gateway sets.
    if (f.type === 'Attribute' && f.attr === 'get' && platformField(call.args[0], f.value)) return null;

    const taints: CallTaints = { call, args, keywords, receiver };
    // A bare name bound in the module (a function of its own called `compile` or `open`) is not the builtin.
    const shadowed = q !== null && !q.includes('.') && this.sem.lookup(q, call) !== undefined;
    if (!shadowed) this.reachSinks(call, q, taints, st);
    let allArgs: Taint | null = kwAll;
    for (const a of args) allArgs = join(allArgs, a);
    if (f.type === 'Attribute' && (st.cleans.size || CONTAINER_ADDERS.has(f.attr))) this.cleanMethodCall(call, f, st);
    if (st.shapes.size) this.dropEscapingShapes(call, q, shadowed, st);

    if (f.type === 'Attribute') {
      const shaped = this.shapeCall(call, f, args, st);
      if (shaped !== undefined) return shaped;
    }
    // `base.joinpath(part)` on a path: like `base / part`, a controlled part is joined.
    if (f.type === 'Attribute' && f.attr === 'joinpath' && allArgs && this.isPathExpr(f.value, st)) {
      return join(receiver, { ...allArgs, joined: true, head: receiver ? receiver.head : false });
    }
    if (f.type === 'Attribute' && !fnSource) {
      for (const row of METHOD_PASS_THROUGH.get(f.attr) ?? []) if (row.when(call, this.sem)) return join(receiver, allArgs);
    }
    if (q) {
      const san = SANITIZERS.get(q);
      if (san !== undefined) {
        const t = clear(allArgs, san, `${q}()`);
        return t && san & K.XSS && escapeLeavesQuotes(call, q, this.sem) ? { ...t, quotesLeft: true, by: `${q}() (quotes left as they are)` } : t;
      }
      if (PATH_JOINS.has(q)) {
        let t = args[0] ?? null;
        let later: Taint | null = null;
        for (let i = 1; i < args.length; i++) later = join(later, args[i] ?? null);
        if (later) t = join(t, { ...later, joined: true, head: args[0] ? args[0].head : false });
        return t;
      }
      // Parsed JSON may be a dict or a list: structured data (query operators). It also
      // undoes json.dumps, which cleared CR/LF on the way in.
      if (JSON_PARSERS.has(q) && allArgs) {
        const t = allArgs.cleared && allArgs.cleared & K.HEADER ? { ...addKinds(allArgs, K.HEADER), cleared: allArgs.cleared & ~K.HEADER } : allArgs;
        return t.mask & USER_MASK ? addKinds(t, K.NOSQL) : t;
      }
      // A decoder undoes the encoding that cleared kinds on the way in (quote → unquote).
      if (DECODERS.has(q)) return allArgs && allArgs.cleared ? { ...addKinds(allArgs, allArgs.cleared), cleared: 0 } : allArgs;
      // A string is never a MongoDB query operator (a dict is).
      if ((q === 'str' || q === 'repr') && allArgs && allArgs.mask & K.NOSQL) return { ...allArgs, mask: allArgs.mask & ~K.NOSQL };
      if (PROPAGATORS.has(q)) return allArgs;
    }
    // A lambda bound in this scope, or passed to map() with this scope's values.
    const lam = this.inlineLambda(call, args, st, d);
    if (lam !== undefined) return lam;
    const callee = this.localCallee(call);
    const inContext = callee ? this.contextSummary(call, callee, st, d) : null;
    if (callee && inContext) {
      this.inheritExt(st, inContext);
      return this.applySummary(inContext, callee.fn.name, callee.offset, call, args, keywords, st, null);
    }
    if (!callee && f.type === 'Name' && this.definesClasses) {
      // A class of this module: its constructor runs with the arguments (sinks it reaches are flows here).
      const cls = this.localClass(f.id, call);
      const init = cls && this.methodOf(cls, '__init__', 0);
      if (init && !init.decorator_list.length) {
        const s = this.summaryOf(init);
        this.inheritExt(st, s);
        this.applySummary(s, `${cls.name}.__init__`, 1, call, args, keywords, st, null);
      }
    }
    if (callee) {
      // A method of the same class called on `self` sees the fields of `self` that hold a request object.
      const self = callee.offset === 1 && f.type === 'Attribute' && f.value.type === 'Name' ? `${f.value.id}.` : null;
      const fields = self ? [...st.reqs].filter((k) => k.startsWith(self) && !k.slice(self.length).includes('.')).map((k) => k.slice(self.length)) : [];
      const assume = this.assumedAt(callee.fn, callee.offset, call, st, fields);
      const s = this.summaryOf(callee.fn, assume);
      this.inheritExt(st, s);
      this.noteLiteralArgs(call, args, keywords, st);
      return this.applySummary(s, callee.fn.name, callee.offset, call, args, keywords, st, null);
    }
    this.noteCall(call, f, q, args, keywords, st);
    const ext = this.externalCall(call, st, { kind: 'call', tainted: !!allArgs || !!receiver });
    if (ext) return this.applySummary(ext.summary, ext.callee.name, ext.offset, call, args, keywords, st, ext.callee.path);
    if (f.type === 'Attribute') {
      if (fnSource) return this.sourceTaint(call, fnSource);
      if (allArgs && (RECEIVER_ADDERS.get(f.attr) ?? []).some((r) => r.when(call, this.sem))) {
        const k = keyOf(f.value);
        if (k) st.env.set(k, this.step({ ...join(receiver, allArgs)!, head: receiver ? receiver.head : allArgs.head }, call));
        return null;
      }
      // `TABLE.get(k, default)` of a module table of constants: one of its constants, or the default.
      // So is a table another module defines (`config.FEED_SOURCES.get(source, source)`): the default may be what comes back.
      if (f.attr === 'get' && !receiver && (this.constantTable(f.value, st, 0) || this.importedTable(f.value))) return args[1] ?? keywords.get('default') ?? null;
      // `HOSTS.get(region, region)` of any mapping: one of its values, or the default (`pop` too).
      if ((f.attr === 'get' || f.attr === 'pop') && !receiver && call.args.length === 2 && !keywords.size) return args[1] ?? null;
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
      // "literal".format(x), ", ".join(xs), "x".replace(a, b), and the same of texts krait does not know
      if ((f.attr === 'format' || f.attr === 'join' || f.attr === 'replace' || f.attr === 'format_map') && allArgs) return this.textMethod(call, f, allArgs, st);
    }
    return null;
  }

  /**
   * Record what a call that is not a function of this module passes: a call into the
   * project's own modules, a function or class by name, or a method of an instance of a
   * project class (`Runner("ls ").run(x)`, `job.run(x)` after `job = Runner(…)`), for the
   * project pass; or a method of some object with computed arguments, for the findings that
   * hinge on a method's parameters (taint/callers.ts).
   */
  private noteCall(call: A.Call, f: A.Expr, q: string | null, args: readonly (Taint | null)[], keywords: ReadonlyMap<string, Taint | null>, st: FnState): void {
    if (this.localModules) {
      // (A local name spelled like a project module, `repo = Repo(db); repo.search(x)`, is not the module.)
      const pq = q && this.isProjectName(q) && this.importedRoot(f) ? q : f.type === 'Attribute' ? this.projectInstanceMethod(f) : null;
      if (pq) {
        this.noteProjectCall(pq, call, args, keywords, st);
        return;
      }
    }
    if (f.type === 'Attribute' && recordsMethod(f.attr) && !this.importedRoot(f.value) && (call.args.some((a) => a.type !== 'Constant') || call.keywords.some((k) => k.value.type !== 'Constant'))) this.noteLiteralArgs(call, args, keywords, st);
  }

  /** The sinks a call is (by its qualified name `q`) and what its arguments bring to each. */
  private reachSinks(call: A.Call, q: string | null, taints: CallTaints, st: FnState): void {
    for (const spec of sinksFor(call, q)) {
      if (LOCAL_SOURCE_RULES.has(spec.rule)) this.localSinks = true;
      const t = sinkTaint(spec, taints, this.sem);
      if (!t) continue;
      const needsHead = spec.needsHead ? spec.needsHead(call) : false;
      const shellParam = spec.needsHead && !needsHead && t.params ? this.shellParam(call, st) : undefined;
      // Parameters reach the sink each with its own argument's taint: joined, a sanitised
      // parameter would count as reaching it beside a raw one (`log.info("%s %s", a, json.dumps(b))`).
      const parts = t.params ? sinkParts(spec, taints, this.sem) : null;
      if (parts) for (const p of parts) this.hit(p, spec, call, st, needsHead, undefined, shellParam);
      else this.hit(t, spec, call, st, needsHead, undefined, shellParam);
    }
  }

  /**
   * `subprocess.run(cmd, shell=shell)` with `shell` a parameter of the function being
   * analysed that nothing rebinds: its index among the summary's parameters, and whether its
   * default is true (a parameter without a default counts as true: the caller must say).
   */
  private shellParam(call: A.Call, st: FnState): SummarySink['shellParam'] {
    const p = shellParameter(call, this.sem);
    const index = p && p.fn === enclosingFunction(call) ? st.summary.params.indexOf(p.param.arg) : -1;
    return index < 0 ? undefined : { param: index, dflt: !p!.defaultOff };
  }

  /**
   * A method call on a name holding a value safe for some sink kinds: adding to it
   * (`parts.append(x)`) keeps what both are safe for; a method that only reads keeps it;
   * any other method may change the value, which is then no longer known to be safe.
   */
  private cleanMethodCall(call: A.Call, f: A.Attribute, st: FnState): void {
    const k = keyOf(f.value);
    if (!k) return;
    // (A list of constants, `cmd = ["ls"]`, is safe for everything until something is added.)
    const cur = st.cleans.get(k) ?? (CONTAINER_ADDERS.has(f.attr) && this.litOnly(f.value, st, 0) ? ALL_CLEAN : undefined);
    if (!cur) return;
    if (CONTAINER_ADDERS.has(f.attr)) {
      let c = cur;
      for (const a of [...call.args, ...call.keywords.map((kw) => kw.value)]) c = andClean(c, this.cleanOf(a.type === 'Starred' ? a.value : a, st, 0));
      if (c.bits && c.bits !== ALL_MASK) st.cleans.set(k, c);
      else st.cleans.delete(k);
    } else if (!PURE_METHODS.has(f.attr) && !READ_METHODS.has(f.attr)) st.cleans.delete(k);
  }

  /**
   * A call that may change a tracked container drops what the analysis knew of it: a
   * container passed in (an argument, a keyword, `*args`), and every container a nested
   * function or lambda of this scope mentions (the call may run it). Calls known not to
   * change their arguments keep them: builtins that only read, serialisers, sinks,
   * sanitisers and pass-through functions of the models. Method calls on the container
   * itself are modelled separately ({@link shapeCall}).
   */
  private dropEscapingShapes(call: A.Call, q: string | null, shadowed: boolean, st: FnState): void {
    if (q && !shadowed && (READ_ONLY_CALLS.has(q) || PURE_OF_CONSTANTS.has(q) || SANITIZERS.has(q) || PROPAGATORS.has(q) || sinksFor(call, q).length)) return;
    // A string method of a string constant (`" ".join(parts)`, `"{a}".format(**d)`) only reads its arguments.
    if (call.func.type === 'Attribute' && PURE_METHODS.has(call.func.attr) && typeof this.sem.constValue(call.func.value) === 'string') return;
    for (const a of [...call.args, ...call.keywords.map((k) => k.value)]) {
      const e = a.type === 'Starred' ? a.value : a;
      const k = keyOf(e);
      // (A string is immutable: only a tracked list the call may change loses what it was safe for.)
      if (k && st.shapes.delete(k)) st.cleans.delete(k);
    }
    if (call.func.type === 'Attribute' && st.shapes.has(keyOf(call.func.value) ?? '')) return; // a method of a tracked container: modelled
    // (Over the tracked containers, not the captured names: a module's nested functions mention thousands.)
    const captured = this.capturedNames(call);
    if (captured.size) for (const k of st.shapes.keys()) if (captured.has(k)) st.shapes.delete(k);
  }

  /** Names that nested functions, lambdas and classes of the scope around `n` mention (cached per scope). */
  private capturedNames(n: A.AnyNode): ReadonlySet<string> {
    let scope: A.AnyNode | null = n.parent;
    while (scope && scope.type !== 'FunctionDef' && scope.type !== 'AsyncFunctionDef' && scope.type !== 'Lambda' && scope.type !== 'Module') scope = scope.parent;
    if (!scope) return EMPTY_NAMES;
    let names = this.capturedCache.get(scope);
    if (names) return names;
    const found = new Set<string>();
    const top = scope;
    walk(top, (m) => {
      if (m !== top && (m.type === 'FunctionDef' || m.type === 'AsyncFunctionDef' || m.type === 'Lambda' || m.type === 'ClassDef')) {
        walk(m, (x) => {
          if (x.type === 'Name') found.add(x.id);
          return true;
        });
        return false;
      }
      return true;
    });
    names = found;
    this.capturedCache.set(scope, names);
    return names;
  }
  private readonly capturedCache = new WeakMap<A.AnyNode, ReadonlySet<string>>();

  /**
   * Methods of a tracked `configparser` object: `get` reads an option, `set`, `read_dict` of
   * literal dicts and `read_string` of a constant INI text write options; `add_section` keeps
   * what is known. Undefined when the call is not one of them with arguments the analysis can
   * read (the caller then stops tracking the object option by option).
   */
  private configCall(call: A.Call, method: string, k: string, options: ReadonlyMap<string, Item>, args: (Taint | null)[], cs: (ConstV | undefined)[], st: FnState): Taint | null | undefined {
    const n = call.args.length;
    const write = (items: Map<string, Item>): null => {
      this.setShape(k, { kind: 'map', items, config: true }, call, st);
      return null;
    };
    switch (method) {
      case 'get': {
        if (n !== 2 || cs[0] === undefined || cs[1] === undefined) return undefined;
        const got = configOption(options, cs[0], cs[1]);
        if (got) this.popped.set(call, got);
        return got?.t ?? null;
      }
      case 'set':
        if (n !== 3 || cs[0] === undefined || cs[1] === undefined) return undefined;
        return write(new Map(options).set(configKey(cs[0], cs[1]), { t: args[2] ?? null, c: cs[2] }));
      case 'add_section':
        return n === 1 ? null : undefined;
      case 'read_dict': {
        // A dict literal of sections, each a dict literal of options with constant names.
        const d = call.args[0];
        if (n !== 1 || d?.type !== 'Dict') return undefined;
        const items = new Map(options);
        let known = true;
        d.keys.forEach((sk, i) => {
          const section = sk ? fold(sk, st.fold) : undefined;
          const opts = d.values[i];
          if (section === undefined || opts?.type !== 'Dict') {
            known = false;
            return;
          }
          opts.keys.forEach((ok, j) => {
            const key = ok ? fold(ok, st.fold) : undefined;
            if (key === undefined) known = false;
            else items.set(configKey(section, key), { t: this.eval(opts.values[j], st, 1), c: fold(opts.values[j], st.fold) });
          });
        });
        return known ? write(items) : undefined;
      }
      case 'read_string': {
        // A constant INI text: its options are constants (an untrusted text taints the whole parser below).
        if (n < 1 || typeof cs[0] !== 'string' || args[0]) return undefined;
        const items = new Map(options);
        for (const [key, v] of iniOptions(cs[0])) items.set(key, v);
        return write(items);
      }
      default:
        return undefined;
    }
  }

  /**
   * Methods of a tracked container: reads return the element (`d.get("k")`, `lst.pop(0)`),
   * writes update the shape (`append`, `insert`, `extend` with a literal, configparser
   * `set`). Returns undefined when the call is not one of them (the shape is dropped when
   * an unknown method may have changed the container).
   */
  private shapeCall(call: A.Call, f: A.Attribute, args: (Taint | null)[], st: FnState): Taint | null | undefined {
    const k = keyOf(f.value);
    const sh = k ? st.shapes.get(k) : undefined;
    if (!k || !sh) return undefined;
    const cs = call.args.map((a) => (a.type === 'Starred' ? undefined : fold(a, st.fold)));
    if (call.keywords.length || call.args.some((a) => a.type === 'Starred')) {
      st.shapes.delete(k);
      return undefined;
    }
    const item = (i: number): Item => ({ t: args[i] ?? null, c: cs[i] });
    this.popped.delete(call);
    if (sh.kind === 'map' && sh.config) {
      const got = this.configCall(call, f.attr, k, sh.items, args, cs, st);
      if (got !== undefined) return got;
    }
    switch (f.attr) {
      case 'get': {
        if (sh.kind !== 'map' || sh.config || !call.args.length || cs[0] === undefined) return undefined;
        const got = sh.items.get(itemKey(cs[0]));
        return got ? got.t : (args[1] ?? null);
      }
      case 'write':
        if (sh.kind === 'seq' && sh.stream && call.args.length === 1) {
          this.setShape(k, { kind: 'seq', items: [...sh.items, item(0)], stream: true }, call, st);
          return null;
        }
        break;
      case 'getvalue':
        if (sh.kind === 'seq' && sh.stream && !call.args.length) {
          // The text written so far: a constant when every piece was one.
          const t = joinItems(sh.items, false);
          const pieces = sh.items.map((x) => x.c);
          this.popped.set(call, { t, c: pieces.every((c) => typeof c === 'string') ? pieces.join('') : undefined });
          return t;
        }
        break;
      case 'append':
        if (sh.kind === 'seq' && !sh.stream && call.args.length === 1) {
          this.setShape(k, { kind: 'seq', items: [...sh.items, item(0)] }, call, st);
          return null;
        }
        break;
      case 'appendleft':
        if (sh.kind === 'seq' && call.args.length === 1) {
          this.setShape(k, { kind: 'seq', items: [item(0), ...sh.items] }, call, st);
          return null;
        }
        break;
      case 'popleft':
        if (sh.kind === 'seq' && !call.args.length && sh.items.length) {
          const [got, ...items] = sh.items;
          this.setShape(k, { kind: 'seq', items }, call, st);
          this.popped.set(call, got);
          return got.t;
        }
        break;
      case 'insert':
        if (sh.kind === 'seq' && call.args.length === 2 && typeof cs[0] === 'number' && Number.isInteger(cs[0])) {
          const items = [...sh.items];
          const at = cs[0] < 0 ? Math.max(0, items.length + cs[0]) : Math.min(items.length, cs[0]);
          items.splice(at, 0, item(1));
          this.setShape(k, { kind: 'seq', items }, call, st);
          return null;
        }
        break;
      case 'extend': {
        const a = call.args[0];
        if (sh.kind === 'seq' && a && (a.type === 'List' || a.type === 'Tuple') && !a.elts.some((x) => x.type === 'Starred')) {
          const added = a.elts.map((x) => ({ t: this.eval(x, st, 1), c: fold(x, st.fold) }));
          this.setShape(k, { kind: 'seq', items: [...sh.items, ...added] }, call, st);
          return null;
        }
        const other = a ? this.shapeAt(a, st) : undefined;
        if (sh.kind === 'seq' && other && other.kind === 'seq') {
          this.setShape(k, { kind: 'seq', items: [...sh.items, ...other.items] }, call, st);
          return null;
        }
        break;
      }
      case 'pop': {
        if (sh.kind === 'seq' && call.args.length <= 1) {
          const i = call.args.length ? cs[0] : -1;
          if (typeof i !== 'number' || !Number.isInteger(i) || !sh.items.length) break;
          const at = i < 0 ? sh.items.length + i : i;
          if (at < 0 || at >= sh.items.length) break;
          const items = [...sh.items];
          const [got] = items.splice(at, 1);
          this.setShape(k, { kind: 'seq', items }, call, st);
          this.popped.set(call, got);
          return got.t;
        }
        if (sh.kind === 'map' && !sh.config && call.args.length >= 1 && cs[0] !== undefined) {
          const key = itemKey(cs[0]);
          const got = sh.items.get(key);
          const items = new Map(sh.items);
          items.delete(key);
          this.setShape(k, { kind: 'map', items, config: false }, call, st);
          return got ? got.t : (args[1] ?? null);
        }
        break;
      }
      case 'keys':
      case 'values':
      case 'items':
      case 'count':
      case 'index':
      case 'copy':
      case 'has_section':
      case 'has_option':
      case 'sections':
        return undefined;
      default:
        break;
    }
    // Anything else may change the container: stop tracking its elements.
    st.shapes.delete(k);
    return undefined;
  }

  /**
   * Whether a value a Flask view returns is its HTML body: a string built or passed through
   * (a name, an attribute, a subscript, an f-string, string methods), not a dict or list
   * (Flask serialises those as JSON) nor a response another sink already checks.
   */
  private isHtmlBody(e: A.Expr, st: FnState, d: number): boolean {
    if (d > 8) return false;
    switch (e.type) {
      case 'JoinedStr':
      case 'Subscript':
        return true;
      case 'BinOp':
        return e.op === 'Add' || e.op === 'Mod';
      case 'Name':
      case 'Attribute':
        return !this.shapeAt(e, st);
      case 'IfExp':
        return this.isHtmlBody(e.body, st, d + 1) || this.isHtmlBody(e.orelse, st, d + 1);
      case 'Call': {
        const f = e.func;
        // A function (here or in another module) that returns text it builds.
        if (this.textCalls.has(e)) return true;
        // String methods, and the text of an in-memory file (`buf.getvalue()`).
        if (f.type === 'Attribute' && (STRING_METHODS.has(f.attr) || f.attr === 'getvalue')) return true;
        const q = this.sem.callName(e) ?? '';
        return q === 'str' || q === 'format';
      }
      default:
        return false;
    }
  }

  /**
   * Whether a returned value is text the function builds: an f-string, `+`/`%`, a string
   * method, `str()`/`format()`, or a local name every assignment of which in the function is
   * one (`html = "<ul>"`, `html += item`). A name or a subscript that may hold a dict is not.
   */
  private builtText(e: A.Expr, st: FnState): boolean {
    if (e.type === 'Subscript' || e.type === 'Attribute') return false;
    if (e.type !== 'Name') return e.type === 'Constant' ? typeof e.value === 'string' : this.isHtmlBody(e, st, 0);
    const scope = this.sem.scopeOf(e);
    const b = scope.bindings.get(e.id);
    if (!b || b.kind !== 'assign' || scope.node.type === 'Module') return false;
    let known = this.textNames.get(scope.node);
    if (!known) this.textNames.set(scope.node, (known = new Map<string, boolean>()));
    let got = known.get(e.id);
    if (got === undefined) known.set(e.id, (got = this.textName(e, scope.node, st)));
    return got;
  }

  /** Whether every assignment of the name in its function `fnNode` is text it builds (see {@link builtText}). */
  private textName(e: A.Name, fnNode: A.AnyNode, st: FnState): boolean {
    const scope = { node: fnNode };
    let text = true;
    let seen = false;
    const names = (t: A.Expr | null | undefined): boolean => !!t && (t.type === 'Name' ? t.id === e.id : (t.type === 'Tuple' || t.type === 'List') && t.elts.some(names));
    const textValue = (v: A.Expr): boolean => (v.type === 'Constant' ? typeof v.value === 'string' : v.type !== 'Name' && v.type !== 'Subscript' && v.type !== 'Attribute' && this.isHtmlBody(v, st, 0));
    walk(scope.node, (n) => {
      if (!text) return false;
      if (n !== scope.node && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda' || n.type === 'ClassDef')) return false;
      if (n.type === 'Assign' && n.targets.some(names)) {
        seen = true;
        if (n.targets.length !== 1 || n.targets[0].type !== 'Name' || !textValue(n.value)) text = false;
      } else if (n.type === 'AugAssign' && names(n.target)) {
        if (n.op !== 'Add') text = false;
      } else if ((n.type === 'For' || n.type === 'AsyncFor' || n.type === 'AnnAssign') && names(n.target)) text = false;
      else if (n.type === 'With' || n.type === 'AsyncWith') {
        if (n.items.some((i) => names(i.optional_vars))) text = false;
      } else if (n.type === 'NamedExpr' && n.target.id === e.id) text = false;
      return true;
    });
    return text && seen;
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
    let got = this.localCallees.get(call);
    if (got === undefined) this.localCallees.set(call, (got = this.findLocalCallee(call)));
    return got;
  }

  /** What {@link localCallee} found for each call (the tree and its bindings do not change). */
  private readonly localCallees = new WeakMap<A.Call, { fn: A.FunctionDef; offset: number } | null>();

  private findLocalCallee(call: A.Call): { fn: A.FunctionDef; offset: number } | null {
    const f = call.func;
    if (f.type === 'Name') {
      const b = this.sem.lookup(f.id, call);
      if (b && b.kind === 'def' && b.count === 1 && (b.node.type === 'FunctionDef' || b.node.type === 'AsyncFunctionDef')) return { fn: b.node, offset: 0 };
      return null;
    }
    if (f.type !== 'Attribute') return null;
    return f.value.type === 'Name' && (f.value.id === 'self' || f.value.id === 'cls') ? ownMethod(call, f.attr) : this.classMethodCallee(f);
  }

  /** Whether a qualified name lies in one of the project's own top-level modules (memoised: asked at every call). */
  /** Whether the name an expression starts from (`a` of `a.b.c`) is bound by an import where it is used. */
  private importedRoot(e: A.Expr): boolean {
    let root = e;
    for (let i = 0; i < 30 && root.type === 'Attribute'; i++) root = root.value;
    return root.type === 'Name' && this.sem.lookup(root.id, e)?.kind === 'import';
  }

  private isProjectName(q: string): boolean {
    let v = this.projectNames.get(q);
    if (v === undefined) {
      // A relative import the file's package could not resolve (`.storage.Store` in a folder
      // without `__init__.py`) names a module beside it.
      const name = q.replace(/^\.+/, '');
      const dot = name.indexOf('.');
      this.projectNames.set(q, (v = this.localModules!.has(dot < 0 ? name : name.slice(0, dot))));
    }
    return v;
  }

  private readonly projectNames = new Map<string, boolean>();

  /**
   * Per call of a function of the module or of the project: which arguments were built only
   * from constants on every visit (`field` after `if field not in SORTABLE: abort(400)`), for
   * the findings that hinge on a helper's parameters (taint/callers.ts).
   */
  /** Per assignment to one name: the sink kinds its value was safe for on every visit (see {@link assignedKinds}). */
  private readonly assignedSafety = new Map<A.Assign, number>();

  /**
   * The sink kinds (bits of `K`) the value an assignment to one name gave was safe for on
   * every visit of the analysis: every kind for a constant; for untrusted data or a
   * parameter, the kinds a sanitiser or guard cleared (an allow-list clears all); for any
   * other value, what it is made of is safe for (a conversion, `strftime("%Y%m%d")`). 0 when
   * the analysis never reached it.
   */
  assignedKinds(s: A.Assign): number {
    return this.assignedSafety.get(s) ?? 0;
  }

  private readonly literalArgs = new Map<A.Call, { args: ArgSafety[]; kw: Map<string, ArgSafety>; bits: number[]; kwBits: Map<string, number> }>();

  private noteLiteralArgs(call: A.Call, args: readonly (Taint | null)[], keywords: ReadonlyMap<string, Taint | null>, st: FnState): void {
    // Built from constants; or untrusted data cleared for every kind (allow-listed, converted to a number).
    const safety = (a: A.Expr, t: Taint | null): ArgSafety => (t ? (t.mask === 0 ? 'safe' : false) : fold(a, st.fold) !== undefined || this.litOnly(a, st, 0) ? 'constant' : false);
    // Otherwise the kinds it is safe for: those untrusted data no longer carries, or those a sanitiser or guard cleared.
    const kinds = (a: A.Expr, t: Taint | null): number => (t ? ALL_MASK & ~t.mask : this.cleanOf(a, st, 0).bits);
    const both = (x: ArgSafety, y: ArgSafety | undefined): ArgSafety => (!x || !y ? false : x === 'constant' && y === 'constant' ? 'constant' : 'safe');
    const named = call.keywords.filter((k): k is A.Keyword & { arg: string } => !!k.arg);
    const now = {
      args: call.args.map((a, i) => (a.type === 'Starred' ? false : safety(a, args[i] ?? null))),
      kw: new Map(named.map((k) => [k.arg, safety(k.value, keywords.get(k.arg) ?? null)] as const)),
      bits: call.args.map((a, i) => (a.type === 'Starred' ? 0 : kinds(a, args[i] ?? null))),
      kwBits: new Map(named.map((k) => [k.arg, kinds(k.value, keywords.get(k.arg) ?? null)] as const)),
    };
    const prev = this.literalArgs.get(call);
    if (prev) {
      now.args = now.args.map((x, i) => both(x, prev.args[i]));
      for (const [k, v] of now.kw) now.kw.set(k, both(v, prev.kw.get(k)));
      now.bits = now.bits.map((b, i) => b & (prev.bits[i] ?? 0));
      for (const [k, v] of now.kwBits) now.kwBits.set(k, v & (prev.kwBits.get(k) ?? 0));
    }
    this.literalArgs.set(call, now);
  }

  /** The sink kinds (bits) an argument of a call was safe for on every visit of the analysis (0 when it never reached the call). */
  argKinds(call: A.Call, arg: A.Expr): number {
    const got = this.literalArgs.get(call);
    if (!got) return 0;
    const i = call.args.indexOf(arg);
    if (i >= 0) return got.bits[i] ?? 0;
    const k = call.keywords.find((x) => x.value === arg)?.arg;
    return (k && got.kwBits.get(k)) || 0;
  }

  /**
   * What an argument of a call (of a function of the module or the project) held on every
   * visit of the analysis: `constant` (built only from constants), `safe` (untrusted data
   * cleared for every sink kind: allow-listed, converted to a number), or false (anything
   * else, or the analysis never reached the call).
   */
  argSafety(call: A.Call, arg: A.Expr): ArgSafety {
    const got = this.literalArgs.get(call);
    if (!got) return false;
    const i = call.args.indexOf(arg);
    if (i >= 0) return got.args[i] ?? false;
    const k = call.keywords.find((x) => x.value === arg)?.arg;
    return (k && got.kw.get(k)) || false;
  }

  /** Record a call into the project's own modules for the project pass (see {@link TaintFacts.calls}). */
  private noteProjectCall(q: string, call: A.Call, args: readonly (Taint | null)[], keywords: ReadonlyMap<string, Taint | null>, st: FnState): void {
    this.noteLiteralArgs(call, args, keywords, st);
    const given = [...args, ...keywords.values()].filter((a): a is Taint => live(a) && !!a.origin);
    const src = given.length > 0;
    // Local input only: command-line or environment data (request data outranks both in a
    // joined taint's origin; exception text keeps the response bit, which they lack).
    const local = src && given.every((a) => (a.origin === 'cli' || a.origin === 'env') && !(a.mask & K.RESPONSE));
    const req = this.passesReqObj(call, st);
    const all = [...args, ...keywords.values()];
    const cleaned = !src && !all.some(live) && all.some((a) => !!a?.origin);
    if (all.some((a) => live(a) && !!a.params)) st.summary.fwd = true;
    if (this.projectCalls.length < 500) this.projectCalls.push({ callee: q, ...(src ? { src: true as const } : {}), ...(local ? { local: true as const } : {}), ...(req ? { req: true as const } : {}), ...(cleaned ? { cleaned: true as const } : {}) });
    if (st.summary === EMPTY) this.moduleExt.add(q);
    else (st.summary.ext ??= new Set()).add(q);
  }

  /**
   * The qualified name of a method called on an object made by a call into the project's
   * own modules (`tools.runner.Runner.run` for `Runner("ls ").run(x)`, or `job.run(x)` with
   * `job = Runner("ls ")` bound once), or null. Whether the callee is a class is for the
   * project pass to resolve.
   */
  private projectInstanceMethod(f: A.Attribute): string | null {
    let got = this.instanceMethods.get(f);
    if (got === undefined) this.instanceMethods.set(f, (got = this.findProjectInstanceMethod(f)));
    return got;
  }

  private readonly instanceMethods = new WeakMap<A.Attribute, string | null>();

  /** The qualified name of a parameter annotation that names a class of the project's own modules (imported by name), else null. */
  private annotatedProjectClass(ann: A.Expr): string | null {
    if (ann.type !== 'Name' && ann.type !== 'Attribute') return null;
    const q = this.sem.qualifiedName(ann);
    if (!q || !q.includes('.') || !this.importedRoot(ann)) return null;
    // Per file, the project's module names tell; in the project pass, the resolver does (a name it cannot resolve is no callee).
    return (this.localModules ? this.isProjectName(q) : !!this.external) ? q : null;
  }

  private findProjectInstanceMethod(f: A.Attribute): string | null {
    let made: A.Expr | null = f.value;
    if (isSelfField(made)) {
      const field: A.Attribute = made;
      made = boundCall(field, this.sem);
      // (`self.loader = loader` once, with `loader: DocumentLoader`: the field holds that class's instance.)
      const cls = made ? null : enclosingClass(field);
      const set = cls ? selfFieldAssignments(cls).get(field.attr) : undefined;
      const v = set?.length === 1 ? set[0].value : null;
      const ann = v?.type === 'Name' && this.sem.lookup(v.id, v)?.kind === 'param' ? declaredAnnotation(v, this.sem) : null;
      const q = ann ? this.annotatedProjectClass(ann) : null;
      if (q) return `${q}.${f.attr}`;
    } else if (made.type === 'Name') {
      const b = this.sem.lookup(made.id, made);
      // (A parameter, or `service: ThumbnailService = request.app["thumbs"]`.)
      const ann = declaredAnnotation(made, this.sem);
      const cls = ann ? this.annotatedProjectClass(ann) : null;
      if (cls || (ann && b?.kind === 'param')) return cls ? `${cls}.${f.attr}` : null;
      made = b?.kind === 'assign' && b.count === 1 && b.value?.type === 'Call' ? b.value : null;
    }
    if (made?.type !== 'Call') return null;
    const fromFactory = this.factoryClass(made);
    if (fromFactory) return `${fromFactory}.${f.attr}`;
    const cq = this.sem.callName(made);
    return cq && this.isProjectName(cq) ? `${cq}.${f.attr}` : null;
  }

  /**
   * A method of a class of this module called through an instance or the class:
   * `Repo().find(x)`, `repo.find(x)` with `repo = Repo()` bound once (here or at module
   * level), `Repo.find(obj, x)`, `Repo.build(x)` for a static or class method. The method is
   * looked up in the class and its bases defined in this module.
   */
  private classMethodCallee(f: A.Attribute): { fn: A.FunctionDef; offset: number } | null {
    let cls: A.ClassDef | null = null;
    let instance = false;
    const v = f.value;
    if (v.type === 'Call' && v.func.type === 'Name') {
      cls = this.localClass(v.func.id, v);
      instance = true;
    } else if (v.type === 'Name') {
      const b = this.sem.lookup(v.id, v);
      if (b?.kind === 'class' && b.count === 1 && b.node.type === 'ClassDef') cls = b.node;
      else if (b?.kind === 'assign' && b.count === 1 && b.value?.type === 'Call' && b.value.func.type === 'Name') {
        cls = this.localClass(b.value.func.id, b.value);
        instance = true;
      }
    } else if (isSelfField(v)) {
      // `self.client.post(u)` with `self.client = Client()` (or `client or Client()`) set by the class's methods.
      const made = boundCall(v, this.sem);
      if (made?.func.type === 'Name') {
        cls = this.localClass(made.func.id, made);
        instance = true;
      }
    }
    if (!cls) return null;
    const m = this.methodOf(cls, f.attr, 0);
    if (!m) return null;
    const decorators = m.decorator_list.map((d) => (d.type === 'Name' ? d.id : ''));
    if (decorators.includes('staticmethod')) return { fn: m, offset: 0 };
    if (decorators.includes('classmethod')) return { fn: m, offset: 1 };
    if (m.decorator_list.length) return null; // a property or a wrapped method: not a plain call
    return { fn: m, offset: instance ? 1 : 0 };
  }

  /** The class a name stands for when it is a class of this module bound once. */
  /** The class an expression makes an instance of (`Thing()`): a class of this module by name, or a name imported from the project's own modules; null otherwise. */
  private madeClass(e: A.Expr): string | null {
    // (`return self._client`, a field the class's methods set to one constructor.)
    if (isSelfField(e)) {
      const made = boundCall(e, this.sem);
      return made ? this.madeClass(made) : null;
    }
    if (e.type !== 'Call' || e.func.type === 'Call') return null;
    if (e.func.type === 'Name' && this.localClass(e.func.id, e)) return e.func.id;
    // `return cls(...)` in a class method of a class of the module: that class (`Authenticator.from_env()`).
    if (e.func.type === 'Name') {
      const fn = enclosingFunction(e);
      const cls = fn?.parent?.type === 'ClassDef' && fn.parent.parent?.type === 'Module' ? fn.parent : null;
      const first = fn?.args.posonlyargs[0] ?? fn?.args.args[0];
      if (cls && first?.arg === e.func.id && fn!.decorator_list.some((d) => d.type === 'Name' && d.id === 'classmethod')) return cls.name;
    }
    const q = this.sem.callName(e);
    // Per file, the project's module names tell; in the project pass, the resolver does.
    return q && q.includes('.') && (this.localModules ? this.isProjectName(q) : !!this.external) && this.importedName(e.func) === q ? q : null;
  }

  /** The class of another module of the project a call of a function of this module always makes (`def repo(): return Repo(db)`), else null. */
  private factoryClass(call: A.Call): string | null {
    const callee = this.localCallee(call);
    // A function of this module, or a method of the same class called on `self` (`self.client()`).
    if (!callee || (callee.offset !== 0 && !(call.func.type === 'Attribute' && isSelfField(call.func)))) return null;
    const made = this.summaryOf(callee.fn).retCls;
    return made && made.includes('.') ? made : null;
  }

  private localClass(name: string, at: A.AnyNode): A.ClassDef | null {
    const b = this.sem.lookup(name, at);
    return b?.kind === 'class' && b.count === 1 && b.node.type === 'ClassDef' ? b.node : null;
  }

  /** A method defined in a class or (depth-first, as far as they are classes of this module) its bases. */
  private methodOf(cls: A.ClassDef, name: string, depth: number): A.FunctionDef | null {
    for (const s of cls.body) if ((s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef') && s.name === name) return s;
    if (depth >= 5) return null;
    for (const b of cls.bases) {
      const base = b.type === 'Name' ? this.localClass(b.id, cls) : null;
      const m = base && base !== cls ? this.methodOf(base, name, depth + 1) : null;
      if (m) return m;
    }
    return null;
  }

  /**
   * The value of a call to a summarised function: sinks its parameters reach become flows
   * (in `remote`'s file when the function lives in another module), and its result carries
   * the arguments that flow to it and the untrusted data it returns.
   */
  private applySummary(s: Summary, fnName: string, offset: number, call: A.Call, args: (Taint | null)[], keywords: Map<string, Taint | null>, st: FnState, remote: string | null): Taint | null {
    if (s === EMPTY) return null;
    if (s.retText) this.textCalls.add(call);
    if (s.retItems) this.tupleSummaries.set(call, { s, name: fnName, offset, remote });
    const fn = { name: fnName };
    const star = s.starParams;
    const argFor = (i: number): Taint | null => {
      // `*args`: the positional arguments beyond the named parameters; `**kwargs`: the keywords no parameter takes.
      if (star && i === star.varargs) return args.slice(Math.max(0, star.positional - offset)).reduce<Taint | null>((acc, t) => join(acc, t ?? null), null);
      if (star && i === star.kwargs) {
        let out: Taint | null = null;
        for (const [k, t] of keywords) if (!s.params.includes(k) || k === s.params[i]) out = join(out, t);
        return out;
      }
      const pos = i - offset;
      if (pos >= 0 && pos < call.args.length && call.args[pos]?.type !== 'Starred') return args[pos] ?? null;
      return keywords.get(s.params[i] ?? '') ?? null;
    };
    const via = (t: Taint, i: number): Taint => {
      if (!t.trace) return t;
      const step: Step = { node: call, message: `${this.text(call)} → parameter '${s.params[i]}' of ${fn.name}()`, kind: 'step', prev: t.trace, len: t.trace.len + 1 };
      return { ...t, trace: t.trace.len < MAX_TRACE ? step : t.trace };
    };
    // The caller's trace goes on through the steps inside the callee (in its file, when it
    // lies in another module), from the parameter the value went into.
    const inside = (t: Taint, i: number, steps: Step | undefined): Taint => {
      if (!t.trace || !steps) return t;
      const chain: Step[] = [];
      for (let x: Step | null = steps; x && x.prev; x = x.prev) chain.push(x);
      const root = chain.length ? chain[chain.length - 1].prev : null;
      if (!root || root.node.type !== 'arg' || root.node.arg !== s.params[i] || t.trace.len + chain.length > MAX_TRACE) return t;
      let prev = t.trace;
      for (let k = chain.length - 1; k >= 0; k--) {
        const x = chain[k];
        prev = { ...x, prev, len: prev.len + 1, ...(x.path || remote ? { path: x.path ?? remote! } : {}) };
      }
      return { ...t, trace: prev };
    };
    for (const sink of s.sinks) {
      const given = argFor(sink.param);
      // Code the callee puts under `$where` makes the filter query-operator injection, as in one function.
      const a = given && sink.mongo && given.mask & (K.SQL | K.CODE) ? addKinds(given, K.NOSQL) : given;
      // (`shell=` a parameter this call leaves false: an argument list, where only the program matters.)
      const needsHead = sink.needsHead || (!!sink.shellParam && !shellGiven(sink.shellParam, call, s.params, offset, this.sem));
      if (!a || !(a.mask & sink.mask) || (needsHead && !a.head)) continue;
      // A file object the callee gives as it is to a path sink names no file; one it reads a name from does.
      if (sink.object && a.upload) continue;
      const saved = st.inter;
      st.inter = true;
      this.hit({ ...notUpload(inside(via(a, sink.param), sink.param, sink.trace))!, mask: a.mask & sink.mask }, sink.spec, sink.node, st, needsHead, sink.path ?? remote ?? undefined);
      st.inter = saved;
    }
    let out: Taint | null = null;
    if (s.retSrc && s.retSrc.trace) {
      // A helper that returns request data (here or in another module): a source at the call.
      const tr = remote ? tagSteps(s.retSrc.trace, remote, this.module) : s.retSrc.trace;
      const step: Step = { node: call, message: `${this.text(call)} (returns what ${fn.name}() read)`, kind: 'step', prev: tr, len: tr.len + 1 };
      out = { ...s.retSrc, trace: tr.len < MAX_TRACE ? step : tr };
    }
    if (!s.ret) return out;
    for (let i = 0; i < s.params.length && i < 30; i++) {
      if (!(s.ret.params & (1 << i))) continue;
      const a = argFor(i);
      if (!a) continue;
      let r = clear(inside(via(a, i), i, s.ret.trace), ~(s.ret.pmask?.[i] ?? s.ret.mask) & ALL_MASK, s.ret.by ? `${fn.name}() (${s.ret.by})` : `${fn.name}()`);
      // (Checked for `..` only in the callee: the caller's value may still be absolute.)
      if (r && (s.ret.dots ?? 0) & (1 << i) && a.mask & K.PATH) r = { ...r, joined: a.joined, dots: true };
      // (Returned after a fixed start: not the program of an argument list. A path checked for `..` only keeps
      // its head: an absolute part joined later still replaces the start, see `hit`.)
      if (r?.head && s.ret.heads !== undefined && !(s.ret.heads & (1 << i))) r = { ...r, head: false };
      out = join(out, r);
    }
    return out;
  }

  // ---------------------------------------------------------------- findings

  private hit(t: Taint, spec: SinkSpec, node: A.AnyNode, st: FnState, needsHead: boolean, path?: string, shellParam?: SummarySink['shellParam']): void {
    // A file object given where a path or a file is accepted (`zipfile.ZipFile(upload.stream)`)
    // names no file; a parameter so used reaches the sink only when the caller's value is a path.
    const object = !!t.upload && spec.bit === K.PATH;
    if (object && !t.params) return;
    // Checked for `..` only, a value that starts the path or is joined as a later part may be absolute.
    const dotsBack = !!t.dots && spec.bit === K.PATH && (t.head || t.joined);
    if (t.dots && spec.bit === K.PATH && !(t.mask & K.PATH) && (t.head || t.joined)) t = { ...addKinds(t, K.PATH), ...(t.omask !== undefined ? { omask: t.omask | K.PATH } : {}) };
    if (!(t.mask & spec.bit)) return;
    if (t.origin && t.trace && originMask(t) & spec.bit && !object) {
      const rule = spec.rule === FLOW_RULES.path && t.joined ? FLOW_RULES.absolutePath : spec.rule;
      const key = `${path ?? ''}:${rule}:${node.lineno}:${node.col_offset}:${node.end_lineno}:${node.end_col_offset}`;
      if (!this.seen.has(key)) {
        this.seen.add(key);
        this.flows.push({ rule, node, origin: t.origin, trace: t.trace, sinkLabel: spec.label, interprocedural: st.inter || !!path, ...(path ? { path } : {}) });
      }
    }
    if (t.params) {
      for (let i = 0; i < 30; i++) {
        // (Only the parameters whose own part still reaches this kind; a part checked for `..` only may be absolute.)
        const m = (dotsBack && t.params & (1 << i) ? K.PATH : paramMask(t, i)) & spec.bit;
        if (!m) continue;
        if (st.summary.sinks.length >= 64) break;
        if (!st.summary.sinks.some((s) => s.node === node && s.param === i && s.spec === spec)) {
          const trace = paramTrace(t.trace);
          const mongo = !!t.mongoCode && spec.bit === K.NOSQL;
          st.summary.sinks.push({ param: i, spec, node, mask: m, needsHead, ...(path ? { path } : {}), ...(trace ? { trace } : {}), ...(object ? { object: true as const } : {}), ...(mongo ? { mongo: true as const } : {}), ...(shellParam && shellParam.param !== i ? { shellParam } : {}) });
        }
      }
    }
  }

  private sourceTaint(node: A.Expr, src: SourceHit): Taint {
    const step: Step = { node, message: `${this.text(node)} (source: ${src.label})`, kind: 'source', prev: null, len: 1 };
    if (src.upload) return { mask: USER_MASK, head: true, params: 0, trace: step, origin: src.origin, joined: false, upload: true };
    return { mask: src.origin === 'traceback' ? K.RESPONSE : src.structured ? STRUCTURED_MASK : USER_MASK, head: true, params: 0, trace: step, origin: src.origin, joined: false };
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
const RETURN_HEADERS: SinkSpec = { rule: FLOW_RULES.header, bit: K.HEADER, label: 'the headers of a response (returned by a Flask view)', kind: 'header' };
const RETURN_HTML: SinkSpec = { rule: FLOW_RULES.xss, bit: K.XSS, label: 'an HTML response (a string returned by a Flask view)' };

/** The leftmost operand of a chain of `+` (`[a, b] + xs + ys` → `[a, b]`); the expression itself otherwise. */
function leftmostOperand(e: A.Expr): A.Expr {
  let x = e;
  for (let i = 0; i < 50 && x.type === 'BinOp' && x.op === 'Add'; i++) x = x.left;
  return x;
}

function isZero(e: A.Expr | undefined): boolean {
  return !!e && e.type === 'Constant' && e.value === 0;
}

/** A trace that starts at a parameter of the function being analysed (a symbolic value's steps), or undefined. */
function paramTrace(t: Step | null): Step | undefined {
  if (!t) return undefined;
  let root = t;
  for (let i = 0; root.prev && i <= MAX_TRACE; i++) root = root.prev;
  return root.node.type === 'arg' && root.kind === 'step' ? t : undefined;
}

/** A copy of a trace whose steps without a file are marked as steps in `path` (a step in another module). */
function tagSteps(step: Step, path: string, home?: A.Module): Step {
  const chain: Step[] = [];
  for (let s: Step | null = step; s && chain.length < MAX_TRACE; s = s.prev) chain.push(s);
  let prev: Step | null = null;
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = chain[i];
    // (A step at a node of `home`, the caller's own module, stays in the caller's file.)
    prev = s.path || (home && moduleOf(s.node) === home) ? { ...s, prev } : { ...s, prev, path };
  }
  return prev!;
}

/** The module a node belongs to (the root of its tree). */
function moduleOf(n: A.AnyNode): A.AnyNode {
  let root = n;
  while (root.parent) root = root.parent;
  return root;
}

/** The state of a function at one point, copied at branches (shapes are immutable values, so copying the maps is enough). */
interface Snap {
  env: Map<string, Taint>;
  consts: Map<string, ConstV>;
  shapes: Map<string, Shape>;
  lits: Set<string>;
  cleans: Map<string, Clean>;
}

function snapshot(st: FnState): Snap {
  return { env: new Map(st.env), consts: new Map(st.consts), shapes: new Map(st.shapes), lits: new Set(st.lits), cleans: new Map(st.cleans) };
}

function restore(st: FnState, s: Snap): void {
  st.env = new Map(s.env);
  st.consts = new Map(s.consts);
  st.shapes = new Map(s.shapes);
  st.lits = new Set(s.lits);
  st.cleans = new Map(s.cleans);
}

/**
 * The state's own maps as a snapshot, without copying: the caller must give the state other
 * maps ({@link restore} or {@link adopt}) before it changes again.
 */
function take(st: FnState): Snap {
  return { env: st.env, consts: st.consts, shapes: st.shapes, lits: st.lits, cleans: st.cleans };
}

/** Make a snapshot the state's own maps, without copying: the snapshot must not be used again. */
function adopt(st: FnState, s: Snap): void {
  st.env = s.env;
  st.consts = s.consts;
  st.shapes = s.shapes;
  st.lits = s.lits;
  st.cleans = s.cleans;
}

/** What a name holds is safe for at one point: everything for a constant, its clean kinds, or nothing. */
function cleanAt(s: Snap, k: string): Clean {
  return s.consts.has(k) || s.lits.has(k) ? ALL_CLEAN : (s.cleans.get(k) ?? NOT_CLEAN);
}

/** The state after either of two paths: taints join, constants and shapes survive only where both paths agree. */
/**
 * What an attribute chain (`body.url`) holds on a path where it has no entry of its own: it
 * is read from the object it hangs on (`body`), so that object's taint. A check that cleared
 * `body.url` on one branch only leaves it as the object gives it on the other. Null for a
 * plain name (no entry there means nothing untrusted).
 */
function derivedTaint(s: Snap, k: string): Taint | null {
  for (let i = k.lastIndexOf('.'); i > 0; i = k.lastIndexOf('.', i - 1)) {
    const t = s.env.get(k.slice(0, i));
    if (t) return t;
  }
  return null;
}

function mergeSnap(a: Snap, b: Snap): Snap {
  if (a === b) return { env: new Map(a.env), consts: new Map(a.consts), shapes: new Map(a.shapes), lits: new Set(a.lits), cleans: new Map(a.cleans) };
  const env = new Map(a.env);
  for (const [k, v] of b.env) env.set(k, join(env.get(k) ?? derivedTaint(a, k), v)!);
  for (const [k, v] of a.env) {
    if (b.env.has(k) || !k.includes('.')) continue;
    const d = derivedTaint(b, k);
    if (d) env.set(k, join(v, d)!);
  }
  const consts = new Map<string, ConstV>();
  for (const [k, v] of a.consts) if (b.consts.has(k) && b.consts.get(k) === v) consts.set(k, v);
  const shapes = new Map<string, Shape>();
  for (const [k, v] of a.shapes) {
    const w = b.shapes.get(k);
    const m = w ? mergeShape(v, w) : null;
    if (m) shapes.set(k, m);
  }
  // Built from constants on both paths (a constant on one, another on the other counts too).
  const lits = new Set<string>();
  for (const k of [...a.lits, ...a.consts.keys()]) if ((b.lits.has(k) || b.consts.has(k)) && !consts.has(k)) lits.add(k);
  // Safe on both paths for the kinds both are safe for (a constant is safe for every kind).
  const cleans = new Map<string, Clean>();
  for (const k of new Set([...a.cleans.keys(), ...b.cleans.keys()])) {
    const c = andClean(cleanAt(a, k), cleanAt(b, k));
    if (c.bits && c.bits !== ALL_MASK) cleans.set(k, c);
  }
  return { env, consts, shapes, lits, cleans };
}

function mergeItem(a: Item, b: Item): Item {
  const c = a.c === b.c ? a.c : undefined;
  return { t: join(a.t, b.t), c, ...(c === undefined && constItem(a) && constItem(b) ? { lit: true } : {}) };
}

function mergeShape(a: Shape, b: Shape): Shape | null {
  if (a === b) return a;
  if (a.kind === 'seq' && b.kind === 'seq') {
    if (!a.stream !== !b.stream) return null;
    if (a.items.length !== b.items.length) {
      // Constants on both paths, more on one (`clauses.append("b = :b")` under an `if`): whatever the length, every element is a constant.
      if (!a.items.every(constItem) || !b.items.every(constItem)) return null;
      const items = Array.from({ length: Math.max(a.items.length, b.items.length) }, (): Item => ({ t: null, c: undefined, lit: true }));
      return { kind: 'seq', items, ...(a.stream ? { stream: true as const } : {}) };
    }
    return { kind: 'seq', items: a.items.map((x, i) => mergeItem(x, b.items[i])), ...(a.stream ? { stream: true as const } : {}) };
  }
  if (a.kind === 'map' && b.kind === 'map' && a.config === b.config && a.items.size === b.items.size) {
    const items = new Map<string, Item>();
    for (const [k, v] of a.items) {
      const w = b.items.get(k);
      if (!w) return null;
      items.set(k, mergeItem(v, w));
    }
    return { kind: 'map', items, config: a.config };
  }
  return null;
}

/** The overall taint of a container: the join of its elements (a list's head is its first element's). */
function joinItems(items: readonly Item[], seq = true): Taint | null {
  let t: Taint | null = null;
  for (const it of items) t = join(t, it.t);
  if (!t || !seq) return t;
  const head = items[0]?.t?.head ?? false;
  return t.head === head ? t : { ...t, head };
}

function itemKey(c: ConstV): string {
  return `${typeof c}:${String(c)}`;
}

function configKey(section: ConstV, option: ConstV): string {
  return `${String(section)}\u0000${String(option).toLowerCase()}`;
}

/** A configparser option as configparser reads it: the section's own, else DEFAULT's. */
function configOption(options: ReadonlyMap<string, Item>, section: ConstV, option: ConstV): Item | undefined {
  return options.get(configKey(section, option)) ?? options.get(configKey('DEFAULT', option));
}

/**
 * The options of a constant INI text as `configparser.read_string` reads it (option names
 * lowercased, continuation lines joined with newlines). A value with `%` (interpolation) is
 * not taken as a constant; a text {@link readIni} cannot read yields no options (they stay
 * unknown, never tainted).
 */
function iniOptions(text: string): Map<string, Item> {
  const out = new Map<string, Item>();
  const { values, error } = readIni(text);
  if (error) return out;
  for (const v of values) {
    const value = v.items.map((x) => x.text).join('\n');
    out.set(configKey(v.section, v.key), { t: null, c: value.includes('%') ? undefined : value });
  }
  return out;
}

/** The element of a tracked container at a constant key or index, if known. */
function itemOf(sh: Shape, key: ConstV): Item | undefined {
  if (sh.kind === 'map') return sh.config ? undefined : sh.items.get(itemKey(key));
  if (typeof key !== 'number' || !Number.isInteger(key)) return undefined;
  return sh.items[key < 0 ? sh.items.length + key : key];
}

/** The shape after `container[key] = value`, or null when it can no longer be tracked. */
function setItem(sh: Shape, key: ConstV, v: Item): Shape | null {
  if (sh.kind === 'map') {
    if (sh.config) return null;
    const items = new Map(sh.items);
    items.set(itemKey(key), v);
    return { kind: 'map', items, config: false };
  }
  if (typeof key !== 'number' || !Number.isInteger(key)) return null;
  const at = key < 0 ? sh.items.length + key : key;
  if (at < 0 || at >= sh.items.length) return null;
  const items = [...sh.items];
  items[at] = v;
  return { kind: 'seq', items };
}

/** Whether a `case` pattern matches a constant subject: true, false, or undefined when krait cannot tell. */
function patternMatches(p: A.Expr, subject: ConstV): boolean | undefined {
  if (p.type === 'Name') return true;
  if (p.type === 'Constant') return p.value === subject;
  if (p.type === 'BinOp' && p.op === 'BitOr') {
    const l = patternMatches(p.left, subject);
    const r = patternMatches(p.right, subject);
    if (l === true || r === true) return true;
    return l === false && r === false ? false : undefined;
  }
  return undefined;
}

/** A value that came from a JSON body (a dict or list, which Flask returns as JSON, not HTML). */
function fromJsonBody(t: Taint): boolean {
  let s = t.trace;
  while (s && s.prev) s = s.prev;
  return !!s && /\b(?:get_json|json)\b/.test(s.message);
}

/** Annotations of FastAPI parameters that the framework validates into a number, boolean, UUID or date. */
const TYPED_ANNOTATION = /^(?:Optional\[)?(?:int|float|bool|UUID|uuid\.UUID|Decimal|decimal\.Decimal|date|datetime|time|timedelta|PositiveInt|NegativeInt|NonNegativeInt|NonPositiveInt|conint\(.*\)|confloat\(.*\))\]?(?:\s*\|\s*None)?$/;

/** No names (a shared empty set). */
const EMPTY_NAMES: ReadonlySet<string> = new Set();


/** Decoders that undo an encoding which cleared sink kinds (`quote` → `unquote`, `html.escape` → `html.unescape`). */
/**
 * What each input of a sink call (an argument, a keyword, the receiver) brings to the sink,
 * through the sink's own pick; null when fewer than two inputs are tainted (then the joined
 * taint is the same thing).
 */
function sinkParts(spec: SinkSpec, t: CallTaints, sem: SemanticModel): Taint[] | null {
  const inputs = t.args.filter((a) => a).length + [...t.keywords.values()].filter((a) => a).length + (t.receiver ? 1 : 0);
  if (inputs < 2) return null;
  const none = t.args.map(() => null);
  const out: Taint[] = [];
  const add = (part: CallTaints) => {
    const x = sinkTaint(spec, part, sem);
    if (x) out.push(x);
  };
  t.args.forEach((a, i) => {
    if (a) add({ call: t.call, args: none.map((_, j) => (j === i ? a : null)), keywords: new Map(), receiver: null });
  });
  for (const [k, a] of t.keywords) if (a) add({ call: t.call, args: none, keywords: new Map([[k, a]]), receiver: null });
  if (t.receiver) add({ call: t.call, args: none, keywords: new Map(), receiver: t.receiver });
  return out;
}

/** Whether a taint carries untrusted data (a real source, not only parameters or a sanitised residue). */
function untrusted(t: Taint | null): boolean {
  return live(t) && !!t.origin;
}

/**
 * A summary's record of what flows to a returned value, with one more returned taint `t`
 * (from parameters): the parameters, the kinds they reach, per parameter (`return code`
 * after an allow-list beside `return default`: one mask for all would let a checked one
 * through), and the first trace inside the function.
 */
function addReturned(prev: Summary['ret'] | undefined, t: Taint, display: boolean): NonNullable<Summary['ret']> {
  const pmask = [...(prev?.pmask ?? [])];
  for (let i = 0; i < 30; i++) if (t.params & (1 << i)) pmask[i] = (pmask[i] ?? 0) | paramMask(t, i);
  const trace = prev ? prev.trace : paramTrace(t.trace);
  const dots = (prev?.dots ?? 0) | (t.dots ? t.params : 0);
  // (Only an argument list loses its head here: a path or a string built after a fixed start keeps what the caller's value says of it.)
  const heads = (prev?.heads ?? 0) | (t.head || !display ? t.params : 0);
  return { params: (prev?.params ?? 0) | t.params, mask: (prev?.mask ?? 0) | t.mask, pmask, heads, ...(prev?.by ? { by: prev.by } : {}), ...(trace ? { trace } : {}), ...(dots ? { dots } : {}) };
}

/** The steps of a trace whose nodes lie in `module` (another module's file), tagged with its path. */
function tagForeignSteps(last: Step, module: A.Module, path: string): Step {
  const chain: Step[] = [];
  for (let x: Step | null = last; x; x = x.prev) chain.push(x);
  let prev: Step | null = null;
  for (let i = chain.length - 1; i >= 0; i--) {
    const x = chain[i];
    prev = { ...x, prev, ...(moduleOf(x.node) === module && !x.path ? { path } : {}) };
  }
  return prev!;
}

/** Annotations of a route parameter that holds parsed JSON (a dict or a list of the client's choosing). */
const STRUCTURED_ANNOTATION = /^(?:typing\.)?(?:dict|Dict|list|List|Any|Json|Mapping)\b/;
/** Parsers of JSON text: what they give back may be a dict or a list (query operators). */
const JSON_PARSERS = new Set(['json.loads', 'json.load', 'simplejson.loads', 'ujson.loads', 'orjson.loads', 'rapidjson.loads', 'flask.json.loads']);

const DECODERS = new Set(['urllib.parse.unquote', 'urllib.parse.unquote_plus', 'urllib.parse.unquote_to_bytes', 'urllib.unquote', 'urllib.unquote_plus', 'html.unescape', 'xml.sax.saxutils.unescape']);

const STRING_METHODS = new Set(['format', 'join', 'replace', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'format_map', 'center', 'ljust', 'rjust', 'zfill', 'decode', 'encode', 'casefold', 'split', 'rsplit', 'splitlines', 'removeprefix', 'removesuffix', 'swapcase']);


/** `self.name` (a field of the instance, or a method read from it). */
function isSelfField(e: A.Expr): e is A.Attribute & { value: A.Name } {
  return e.type === 'Attribute' && e.value.type === 'Name' && e.value.id === 'self';
}

/** The method `name` of the class around `call` (a call on `self` or `cls`), or null. */
function ownMethod(call: A.Call, name: string): { fn: A.FunctionDef; offset: number } | null {
  let n: A.AnyNode | null = call.parent;
  while (n && n.type !== 'ClassDef') n = n.parent;
  if (!n) return null;
  for (const s of n.body) if ((s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef') && s.name === name) return { fn: s, offset: 1 };
  return null;
}

/** Whether a function returns a value somewhere (`return x`, not a bare `return` or `return None`), and is not a generator. */
function returnsValue(fn: A.FunctionDef): boolean {
  let value = false;
  let generator = false;
  walk(fn, (n) => {
    if (n !== fn && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda' || n.type === 'ClassDef')) return false;
    if (n.type === 'Yield' || n.type === 'YieldFrom') generator = true;
    if (n.type === 'Return' && n.value && !(n.value.type === 'Constant' && n.value.value === null)) value = true;
    return true;
  });
  return value && !generator;
}

/** In-memory text streams whose contents the analysis tracks when made empty (see `shapeCall`). */
const STRING_STREAMS: ReadonlySet<string> = new Set(IN_MEMORY_FILES.filter((q) => q.endsWith('StringIO')));

/** Methods of a container or string that only read it. */
const READ_METHODS: ReadonlySet<string> = new Set(['get', 'keys', 'values', 'items', 'copy', 'count', 'index', 'find', 'rfind', 'startswith', 'endswith', 'isdigit', 'isalnum', 'isalpha', 'has_section', 'has_option', 'sections', 'options']);

/** A value made only of the characters `chars`: safe for the kinds none of them can exploit. */
function cleanOfChars(chars: string, by: string): Clean {
  return { bits: charsetClears(charSetFrom(chars)), by };
}
/**
 * The characters `strftime(format)` can give when every directive of the format is numeric
 * (`%Y %m %d %H %M %S %f %j %y %I %U %W %w %u %G %V` give digits, `%z` a sign and digits,
 * `%%` a percent sign: Python's documentation of strftime format codes); null when a
 * directive gives names (`%A %B %Z %c`…) or the format is malformed.
 */
function numericStrftime(format: string): string | null {
  let chars = '0123456789';
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      chars += format[i];
      continue;
    }
    const code = format[++i];
    if (code === undefined || !'YmdHMSfjyIUWwuGVz%'.includes(code)) return null;
    chars += code === 'z' ? '+-' : code === '%' ? '%' : '';
  }
  return chars;
}
const HEX = '0123456789abcdef';
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX_CLEAN = cleanOfChars(HEX, 'hexdigest() (hex digits only)');
/** Calls whose result is made only of a few characters whatever their arguments: hex digests and tokens, UUIDs, URL-safe tokens. */
const CLEAN_RESULTS: ReadonlyMap<string, Clean> = new Map([
  ['secrets.token_hex', cleanOfChars(HEX, 'secrets.token_hex() (hex digits only)')],
  ['secrets.token_urlsafe', cleanOfChars(`${ALNUM}-_`, 'secrets.token_urlsafe() (letters, digits, - and _ only)')],
  ...['uuid.uuid1', 'uuid.uuid3', 'uuid.uuid4', 'uuid.uuid5'].map((q): [string, Clean] => [q, cleanOfChars(`${HEX}-`, `${q}() (hex digits and - only)`)]),
]);

/** Calls whose result is safe for what their arguments are safe for (they only convert or copy text). */
const CLEAN_PASS_THROUGH: ReadonlySet<string> = new Set(['str', 'os.fspath', 'list', 'tuple', 'sorted']);
/** POSIX path joins: their parts with `/` between (Python's library reference, os.path.join). */
const CLEAN_JOINS: ReadonlySet<string> = new Set(['os.path.join', 'posixpath.join']);

/** The taint without the mark of a `..`-only check (a later check also ruled out separators). */
function withoutDots(t: Taint): Taint {
  const out = { ...t };
  delete out.dots;
  return out;
}

/** A MongoDB filter key whose value is JavaScript the server runs (`$where`, `$function`, `$accumulator`). */
function runsMongoCode(k: A.Expr | null): boolean {
  return !!k && k.type === 'Constant' && typeof k.value === 'string' && /^\$(?:where|function|accumulator)$/.test(k.value);
}

/**
 * A dict holding untrusted data under such a key is a filter that runs the attacker's
 * JavaScript: wherever it goes (a helper's `collection.find(criteria)` in another module),
 * it carries query-operator injection (`K.NOSQL`), as a filter parsed from JSON does.
 */
function withMongoCode(t: Taint | null, code: Taint | null): Taint | null {
  return t && code && live(code) && code.mask & (K.SQL | K.CODE) ? { ...addKinds(t, K.NOSQL), mongoCode: true } : t;
}

/**
 * Decoders and decompressors: their bytes follow from their input alone, so data verified
 * before it (an HMAC check over the encoded form) is still data the signer made — safe to
 * deserialise. For other kinds they clear nothing (decoding can produce any character).
 */
const UNWRAPPERS: ReadonlySet<string> = new Set([
  'base64.b64decode', 'base64.urlsafe_b64decode', 'base64.standard_b64decode', 'base64.b32decode', 'base64.b16decode', 'base64.b85decode', 'base64.a85decode', 'base64.decodebytes',
  'binascii.unhexlify', 'binascii.a2b_hex', 'binascii.a2b_base64', 'bytes.fromhex', 'codecs.decode', 'zlib.decompress', 'gzip.decompress', 'bz2.decompress', 'lzma.decompress',
]);

/** What a decoded value stays safe for: deserialisation, when its input was (see {@link UNWRAPPERS}). */
function deserOnly(c: Clean): Clean | null {
  if (c.bits === ALL_MASK) return c; // constants decoded are constants
  return c.bits & K.DESER ? { bits: K.DESER, ...(c.by ? { by: c.by } : {}) } : null;
}

/**
 * String methods whose result is safe for what the receiver and the arguments are safe for:
 * they change case, pad, encode, or put safe parts together. Not `replace`, `split` or a
 * slice, which can remove the quotes a sanitiser added, nor `decode`.
 */
const CLEAN_METHODS: ReadonlySet<string> = new Set(['lower', 'upper', 'title', 'capitalize', 'casefold', 'swapcase', 'center', 'ljust', 'rjust', 'zfill', 'encode', 'format', 'join']);
/** Whitespace stripping (without arguments: with them, quotes can go). */
const STRIPS: ReadonlySet<string> = new Set(['strip', 'lstrip', 'rstrip']);

/** Methods of a dict or list the interpreter models (reads, and writes it tracks or drops the shape for). */
const CONTAINER_METHODS = new Set(['get', 'keys', 'values', 'items', 'copy', 'count', 'index', 'pop', 'popleft', 'append', 'appendleft', 'insert', 'extend', 'update', 'setdefault', 'set', 'has_section', 'has_option', 'sections', 'options']);

/** Builtins whose result is a number whatever they are given (or they raise). */
const NUMBER_MAKERS = new Set(['int', 'float', 'len', 'round', 'abs', 'bool', 'ord', 'hash']);


/** Decorators that write a class's `__init__` from its annotated fields (dataclasses, attrs). */
const DATACLASS_DECORATORS = /^(?:dataclasses\.dataclass|attr\.s|attr\.attrs|attr\.define|attr\.frozen|attr\.mutable|attrs\.define|attrs\.frozen|attrs\.mutable)$/;

/**
 * The fields a dataclass's generated `__init__` sets, in order (annotated names of the class
 * body but `ClassVar`s and `field(init=False)`); null when the class is no dataclass or
 * defines `__init__` itself. Python's `dataclasses` documentation; attrs' `define`.
 */
export function dataclassFields(cls: A.ClassDef, sem: SemanticModel): string[] | null {
  if (!cls.decorator_list.some((d) => DATACLASS_DECORATORS.test(sem.qualifiedName(d.type === 'Call' ? d.func : d) ?? ''))) return null;
  const out: string[] = [];
  for (const st of cls.body) {
    if ((st.type === 'FunctionDef' || st.type === 'AsyncFunctionDef') && st.name === '__init__') return null;
    if (st.type !== 'AnnAssign' || st.target.type !== 'Name') continue;
    if (/ClassVar|InitVar/.test(sem.qualifiedName(st.annotation.type === 'Subscript' ? st.annotation.value : st.annotation) ?? '')) continue;
    const v = st.value;
    if (v?.type === 'Call' && v.keywords.some((k) => k.arg === 'init' && k.value.type === 'Constant' && k.value.value === false)) continue;
    out.push(st.target.id);
  }
  return out;
}

/** The classes of markupsafe's `Markup` (its methods escape their arguments), from the model's sink table (models/flask.ts). */
const MARKUP_CLASS_SET: ReadonlySet<string> = new Set(MARKUP_CLASSES);

