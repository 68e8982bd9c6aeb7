/**
 * The row formats of krait's taint models (after CodeQL's models-as-data and Pysa's taint
 * models): per library, which expressions are **sources** of attacker-controlled data,
 * which calls are **sinks** of a given kind, which calls are **sanitizers** (and the sink
 * kinds they clear), and which calls are **pass-through** summaries (their result carries
 * the taint of their arguments). The tables under `src/taint/models/` are merged into the
 * lookup structures the interpreter reads (`SINKS`, `SANITIZERS`, `PROPAGATORS`, the
 * source finder); the interpreter itself names no library.
 *
 * Plain rows (names, method names, argument positions, keywords, kinds) are data and can
 * also come from a project's `[tool.krait.taint]` table; a few built-in rows add a
 * predicate (`when`, `pick`) written in code for what a table cannot say.
 */
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import type { Origin, Taint } from '../model.js';

/**
 * Kinds of sink, one per data-flow rule. `log`, `nosql`, `xxe` and `reflection` share
 * the taint bit of a related kind until the taint model has bits of their own (see
 * `kinds.ts`).
 */
export type SinkKind =
  | 'sql'
  | 'command'
  | 'code'
  | 'path'
  | 'ssrf'
  | 'ssti'
  | 'redirect'
  | 'xss'
  | 'deserialization'
  | 'ldap'
  | 'xpath'
  | 'header'
  | 'session'
  | 'traceback'
  | 'log'
  | 'nosql'
  | 'nosql-code'
  | 'xxe'
  | 'reflection'
  | 'regex';

/** The taints of one call's arguments, computed once per evaluation (what a sink row reads). */
export interface CallTaints {
  call: A.Call;
  args: (Taint | null)[];
  keywords: Map<string, Taint | null>;
  receiver: Taint | null;
}

/** A sink row: calls that do harm with controlled data in the given arguments. */
export interface SinkRow {
  kind: SinkKind;
  /** Qualified names (through import aliases): `sqlite3.Cursor.execute`, `os.system`. */
  names?: readonly string[];
  /** Method names, for receivers krait cannot type (`cursor.execute`); narrow them with `when`. */
  methods?: readonly string[];
  /** Positional argument indexes that matter (default [0]). */
  args?: readonly number[];
  /** Keyword names that matter. */
  keywords?: readonly string[];
  /** What the sink does, for messages (default: the kind's label). */
  label?: string;
  /** Extra condition (module imports, literal options, the receiver's shape). */
  when?: (call: A.Call, sem: SemanticModel) => boolean;
  /** Only a controlled head matters (the program of an argv list): summaries keep this for call sites. */
  needsHead?: (call: A.Call) => boolean;
  /** Custom choice of the taint that reaches the sink (overrides args/keywords). */
  pick?: (t: CallTaints, sem: SemanticModel) => Taint | null;
}

/**
 * Which objects a container sink (or a method sink on a container) applies to. An object
 * matches when it is one of `names`, an attribute in `attributes` of a non-request object,
 * an attribute in `requestAttributes` of a request object, or a name bound once to a call
 * of one of `madeBy` or to an item `X["k"]`/`X.get("k")` with "k" in `items`; `when` then
 * narrows it.
 */
export interface ContainerSpec {
  /** Qualified names: `flask.session`. */
  names?: readonly string[];
  /** `<x>.headers` for an `x` that is not a request object (nor a source). */
  attributes?: readonly string[];
  /** `request.session`, `self.request.session`. */
  requestAttributes?: readonly string[];
  /** Constructors (qualified names): `response = HttpResponse()`, `session = await get_session(request)`. */
  madeBy?: readonly string[];
  /** Constant keys of a mapping item: `environ["beaker.session"]`. */
  items?: readonly string[];
  /** Extra condition on the container expression. */
  when?: (container: A.Expr, sem: SemanticModel) => boolean;
}

/**
 * A subscript assignment sink: `session[k] = v`, `response.headers[k] = v`, Django's
 * `response["X-Frame"] = v`. The assigned value reaches the sink; with `keys`, a
 * controlled key does too (a session key the client chooses).
 */
export interface SubscriptSinkRow {
  kind: SinkKind;
  container: ContainerSpec;
  keys?: boolean;
  /** Only an assignment to this constant key, compared without case (a header name: `location`). */
  key?: string;
  label?: string;
}

/**
 * An attribute assignment sink: `resp.data = v` on a Flask/Werkzeug response, Django's
 * `response.content = v`. The assigned value reaches the sink.
 */
export interface AttributeSinkRow {
  kind: SinkKind;
  container: ContainerSpec;
  attributes: readonly string[];
  label?: string;
}

/** A sanitizer row: calls whose result is safe for the listed sink kinds. */
export interface SanitizerRow {
  names: readonly string[];
  /** Sink kinds the result can no longer reach; 'all' for conversions to numbers and identifiers. */
  clears: readonly SinkKind[] | 'all';
}

/** A source row: a call or attribute whose value is attacker-controlled. */
export interface SourceRow {
  /** Qualified name of the call (`input`, `os.getenv`) or attribute (`sys.argv`). */
  name: string;
  /** 'call': the call's result; 'attribute': the attribute's value. */
  form: 'call' | 'attribute';
  origin: Origin;
  /** What the data is, for messages: 'console input (input())'. */
  label: string;
}

/**
 * A method call that is a source when the module imports `module` (`parser.parse_args()`
 * with argparse): krait cannot type the receiver, so the import narrows it.
 */
export interface SourceMethodRow {
  methods: readonly string[];
  module: string;
  origin: Origin;
  label: string;
}

/**
 * Sources on `self` inside a handler class: attributes (`self.path` of an `http.server`
 * handler) and methods (`self.get_argument()` of a Tornado `RequestHandler`).
 */
export interface HandlerClassRow {
  /** Qualified names of the base classes (matched on the last segments too: `web.RequestHandler`). */
  bases: readonly string[];
  attributes?: readonly string[];
  methods?: readonly string[];
  /** Methods whose parameters (after self) are bound from the URL (Tornado's `get(self, slug)`). */
  paramMethods?: readonly string[];
  framework: string;
}

/** Request-object knowledge: the attributes and methods of a framework's request that hold client data. */
export interface RequestRow {
  /** Attributes (and methods) of a request object that hold client data. */
  attributes?: readonly string[];
  /** Of these, the ones that are sources only when called (`request.get_json()`). */
  methodsOnly?: readonly string[];
  /** Qualified names of request proxies imported by name (`flask.request`). */
  globals?: readonly string[];
}

/**
 * Functions whose parameters are sources because of how the function is called: an AWS
 * Lambda handler `def handler(event, context)`, a click command's options and arguments.
 */
export interface HandlerFunctionRow {
  framework: string;
  origin: Origin;
  /** The handler's parameter names, exactly (`event`, `context`); `_`-prefixed names match too. */
  params?: readonly string[];
  /** Decorators (qualified names, called or not) that make a function a handler: `click.command`. */
  decorators?: readonly string[];
  /**
   * With `decorators`: the qualified names of decorators made on an object another module
   * makes (`from proj.celery import app` then `@app.task`), which krait cannot follow, in a
   * module importing `modules` when given.
   */
  decoratorPattern?: RegExp;
  /** Which parameters hold client data: names, 'all' (every one but self/cls), or 'rest' (every one after `leading`). */
  clientParams: readonly string[] | 'all' | 'rest';
  /**
   * The handler's leading parameters (`request` of a Django function view): a module-level
   * function that starts with them, in a module importing one of `modules`, that returns
   * one of `returns`, is a handler unless the module calls it itself (a helper) or it is a
   * test or fixture; its parameters without a default value after them hold client data
   * (a default is a view option the URL configuration passes, `document_root=None`).
   */
  leading?: readonly string[];
  /** Modules one of which the handler's module imports (`django.http`, `django.shortcuts`), with `leading` or `decoratorPattern`. */
  modules?: readonly string[];
  /** URL converters that validate a parameter into something harmless (Django's `<int:pk>`, `<slug:s>`). */
  safeConverters?: readonly string[];
  /** With `leading`: a handler returns a call of one of these (a response class or shortcut), directly or through a name. */
  returns?: readonly string[];
  /**
   * Keys of the client data that the platform fills itself, not the client: read within three
   * lookups of the key `under` (`event["requestContext"]["identity"]["sourceIp"]`), they are
   * not a source.
   */
  platformFields?: { under: string; keys: readonly string[] };
  label: string;
}

/**
 * Validated form data: `form.cleaned_data["name"]` is a source unless the form class
 * declares `name` with one of `safeFields` (a number, a date, a choice...).
 */
export interface FormSourceRow {
  attribute: string;
  module: string;
  safeFields: readonly string[];
  label: string;
}

/**
 * Methods that behave as a summary only on some receivers, which krait recognises by how
 * they were made (`PATTERN.sub(r, s)` where `PATTERN = re.compile(...)`; `buf.write(x)`
 * where `buf = io.StringIO()`): a table cannot type receivers, so `when` does.
 */
export interface MethodRow {
  methods: readonly string[];
  when: (call: A.Call, sem: SemanticModel) => boolean;
}

/** A serialiser whose load gives back the elements its dump was given, each with its own taint (`json.loads(json.dumps(x))`). */
export interface RoundTripRow {
  dumps: readonly string[];
  loads: readonly string[];
}

/** One library's model. Every field is optional; the tables are merged in `models/index.ts`. */
export interface LibraryModel {
  /** Short name of the library or framework: 'flask', 'stdlib'. */
  id: string;
  request?: RequestRow;
  sources?: readonly SourceRow[];
  sourceMethods?: readonly SourceMethodRow[];
  handlerClasses?: readonly HandlerClassRow[];
  handlerFunctions?: readonly HandlerFunctionRow[];
  formSources?: readonly FormSourceRow[];
  sinks?: readonly SinkRow[];
  /** Item assignments that are sinks (`session[k] = v`, `response.headers[k] = v`). */
  subscriptSinks?: readonly SubscriptSinkRow[];
  /** Attribute assignments that are sinks (`resp.data = v`). */
  attributeSinks?: readonly AttributeSinkRow[];
  sanitizers?: readonly SanitizerRow[];
  /** Calls whose result carries the taint of every argument (pass-through summaries). */
  passThrough?: readonly string[];
  /** Joins of path parts (a controlled later part may be absolute and replace the base). */
  pathJoins?: readonly string[];
  /** Methods of a container that add their arguments to it (`cmd.append(x)`, `cfg.set(s, k, v)`). */
  containerAdders?: readonly string[];
  /** Methods whose result carries the receiver's and the arguments' taint on the receivers `when` accepts (`PATTERN.sub(r, s)`). */
  methodPassThrough?: readonly MethodRow[];
  /** Serialiser round trips that keep a container's elements apart. */
  roundTrips?: readonly RoundTripRow[];
  /** Methods that add their arguments to the receivers `when` accepts (`buf.write(x)` on an `io.StringIO`; `self.write()` elsewhere must not taint `self`). */
  receiverAdders?: readonly MethodRow[];
  /** Methods whose result says something about the receiver but carries none of it (`isdigit`). */
  nonPropagatingMethods?: readonly string[];
}
