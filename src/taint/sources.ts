/**
 * Taint sources: where data an attacker controls enters a Python program. The rows live in
 * the per-library tables of `models/` (request objects of Flask, Django, DRF, Starlette,
 * aiohttp, Tornado, Bottle and Pyramid; `http.server` and Tornado handler classes; AWS
 * Lambda and click handlers; argparse; the console, command line and environment;
 * exception text, a source for the "traceback in response" check only); this module
 * recognises them in one module's code, and reads route decorators for the parameters of
 * route handlers.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import type { Origin } from './model.js';
import { MODELS, type FormSourceRow, type HandlerClassRow, type HandlerFunctionRow, type SourceMethodRow, type SourceRow } from './models/index.js';
import { boundCall, derivesFrom, enclosingClass } from './models/predicates.js';

/** A recognised source at an expression. */
export interface SourceHit {
  origin: Origin;
  /** What the data is, for messages: 'HTTP request data (request.args)'. */
  label: string;
  /** The data is parsed JSON (a dict or a list of the client's choosing), not a string. */
  structured?: boolean;
  /** Uploaded files (`request.files`, Django's `request.FILES`): file objects, whose name (not the object) is a path. */
  upload?: boolean;
}

/** Request attributes that hold uploaded files (werkzeug's FileStorage, Django's UploadedFile, Tornado's and Bottle's). */
const UPLOAD_ATTRS = new Set(['files', 'FILES']);

/** Request attributes and methods that give the parsed JSON body (`request.json`, `request.get_json()`, falcon's `req.media`). */
const STRUCTURED_ATTRS = new Set(['json', 'get_json', 'media']);

const METHODS_ONLY = new Set(MODELS.flatMap((m) => m.request?.methodsOnly ?? []));
/** Attributes of a request object that hold client data (every framework's, as krait cannot type the request). */
const REQUEST_ATTRS = new Set(MODELS.flatMap((m) => [...(m.request?.attributes ?? []), ...(m.request?.methodsOnly ?? [])]));
/** Framework request proxies imported by name. */
const REQUEST_GLOBALS = new Set(MODELS.flatMap((m) => m.request?.globals ?? []));
const HANDLER_CLASSES: readonly HandlerClassRow[] = MODELS.flatMap((m) => m.handlerClasses ?? []);
const HANDLER_FUNCTIONS: readonly HandlerFunctionRow[] = MODELS.flatMap((m) => m.handlerFunctions ?? []);
/** The platform's own fields of client data (see `HandlerFunctionRow.platformFields`): field key → the keys they sit under. */
const PLATFORM_FIELDS = new Map<string, Set<string>>();
for (const h of HANDLER_FUNCTIONS) for (const k of h.platformFields?.keys ?? []) PLATFORM_FIELDS.set(k, (PLATFORM_FIELDS.get(k) ?? new Set()).add(h.platformFields!.under));

/**
 * Whether `receiver[key]` (or `receiver.get(key)`) reads a field the platform sets, under its
 * key read within the three lookups before it (`event["requestContext"]["identity"]["sourceIp"]`,
 * `event.get("requestContext", {}).get("identity", {}).get("sourceIp")`): not client data.
 */
export function platformField(key: A.Expr | undefined, receiver: A.Expr): boolean {
  const under = key && key.type === 'Constant' && typeof key.value === 'string' ? PLATFORM_FIELDS.get(key.value) : undefined;
  if (!under) return false;
  let e = receiver;
  for (let i = 0; i < 3; i++) {
    let k: A.Expr | undefined;
    if (e.type === 'Subscript') [k, e] = [e.slice, e.value];
    else if (e.type === 'Call' && e.func.type === 'Attribute' && e.func.attr === 'get') [k, e] = [e.args[0], e.func.value];
    if (!k || k.type !== 'Constant' || typeof k.value !== 'string') return false;
    if (under.has(k.value)) return true;
  }
  return false;
}

const FORM_SOURCES: readonly FormSourceRow[] = MODELS.flatMap((m) => m.formSources ?? []);
const SOURCE_METHODS: readonly SourceMethodRow[] = MODELS.flatMap((m) => m.sourceMethods ?? []);
const HANDLER_ATTRS = new Set(HANDLER_CLASSES.flatMap((h) => h.attributes ?? []));
const HANDLER_METHODS = new Set(HANDLER_CLASSES.flatMap((h) => h.methods ?? []));

const BUILTIN_SOURCES: readonly SourceRow[] = MODELS.flatMap((m) => m.sources ?? []);
const CALL_SOURCES = new Map<string, SourceHit>();
const ATTR_SOURCES = new Map<string, SourceHit>();
function indexSources(rows: readonly SourceRow[]): void {
  for (const r of rows) (r.form === 'call' ? CALL_SOURCES : ATTR_SOURCES).set(r.name, { origin: r.origin, label: r.label });
}
indexSources(BUILTIN_SOURCES);
/** Last segments of attribute sources (a cheap filter before resolving the qualified name). */
const ATTR_LAST = new Set<string>();
function indexAttrLast(): void {
  ATTR_LAST.clear();
  for (const k of ATTR_SOURCES.keys()) ATTR_LAST.add(k.split('.').pop()!);
}
indexAttrLast();

/** Recognises sources in one module (caches the per-class answer for handler classes). */
export class SourceFinder {
  private readonly handlerClasses = new Map<A.ClassDef, HandlerClassRow | null>();
  constructor(private readonly sem: SemanticModel) {}

  /** Is `e` a request object: `flask.request`, or a `request`/`req` name or `self.request` attribute? */
  isRequestObject(e: A.Expr): boolean {
    if (e.type === 'Name') {
      const b = this.sem.lookup(e.id, e);
      if (b && b.kind === 'import') return REQUEST_GLOBALS.has(b.qualified ?? '');
      return e.id === 'request' || e.id === 'req';
    }
    if (e.type === 'Attribute') {
      if (e.attr === 'request') return true;
      const q = this.sem.qualifiedName(e);
      return q !== null && REQUEST_GLOBALS.has(q);
    }
    return false;
  }

  /**
   * Request data read from an object the caller knows to be a request object (`r.args`,
   * `self._req.values`, `r.get_json()` when `r` holds one): the hit, or null when `attr` is
   * not a request attribute (or, not `called`, one that is only a method).
   */
  requestData(attr: string, called: boolean, on: string): SourceHit | null {
    if (!REQUEST_ATTRS.has(attr) || (!called && METHODS_ONLY.has(attr))) return null;
    return { origin: 'request', label: `HTTP request data (${on}.${attr}${called ? '()' : ''})`, ...this.structured(attr) };
  }

  /** `{ structured: true }` for a request attribute holding the parsed JSON body (DRF's `request.data` too), `{ upload: true }` for uploaded files, else nothing. */
  private structured(attr: string): { structured?: true; upload?: true } {
    if (UPLOAD_ATTRS.has(attr)) return { upload: true };
    return STRUCTURED_ATTRS.has(attr) || (attr === 'data' && this.sem.importsModule('rest_framework')) ? { structured: true } : {};
  }

  /** A source at an attribute access (`request.args`, `sys.argv`, `self.path` in a handler, `form.cleaned_data`). */
  attribute(e: A.Attribute): SourceHit | null {
    if (REQUEST_ATTRS.has(e.attr) && !METHODS_ONLY.has(e.attr) && this.isRequestObject(e.value)) {
      return { origin: 'request', label: `HTTP request data (request.${e.attr})`, ...this.structured(e.attr) };
    }
    if (ATTR_LAST.has(e.attr)) {
      const q = this.sem.qualifiedName(e);
      const hit = q ? ATTR_SOURCES.get(q) : undefined;
      if (hit) return hit;
    }
    if (HANDLER_ATTRS.has(e.attr) && e.value.type === 'Name' && e.value.id === 'self') {
      const h = this.handlerClass(e);
      if (h?.attributes?.includes(e.attr)) return { origin: 'request', label: `HTTP request data (self.${e.attr} of an ${h.framework} handler)` };
    }
    if (FORM_SOURCES.length) {
      for (const f of FORM_SOURCES) if (e.attr === f.attribute && this.sem.importsModule(f.module) && !this.safeFormField(e, f)) return { origin: 'request', label: f.label };
    }
    return null;
  }

  /** A source at a call (`input()`, `os.getenv()`, `request.get_json()`, `parser.parse_args()`, `self.get_argument()`). */
  call(call: A.Call, qualified: string | null): SourceHit | null {
    const f = call.func;
    if (f.type === 'Attribute') {
      if (REQUEST_ATTRS.has(f.attr) && this.isRequestObject(f.value)) return { origin: 'request', label: `HTTP request data (request.${f.attr}())`, ...this.structured(f.attr) };
      if (HANDLER_METHODS.has(f.attr) && f.value.type === 'Name' && f.value.id === 'self') {
        const h = this.handlerClass(call);
        if (h?.methods?.includes(f.attr)) return { origin: 'request', label: `HTTP request data (self.${f.attr}() of a ${h.framework} handler)` };
      }
      for (const m of SOURCE_METHODS) if (m.methods.includes(f.attr) && this.sem.importsModule(m.module)) return { origin: m.origin, label: m.label };
    }
    if (qualified) {
      const hit = CALL_SOURCES.get(qualified);
      if (hit && (qualified.includes('.') || !this.sem.lookup(qualified, call))) return hit;
    }
    return null;
  }

  private handlerClass(node: A.AnyNode): HandlerClassRow | null {
    const cls = enclosingClass(node);
    if (!cls) return null;
    let v = this.handlerClasses.get(cls);
    if (v === undefined) {
      v = HANDLER_CLASSES.find((h) => derivesFrom(cls, this.sem, h.bases)) ?? null;
      this.handlerClasses.set(cls, v);
    }
    return v;
  }

  /** `form.cleaned_data["age"]` where the form class declares `age = forms.IntegerField()` (or another safe field). */
  private safeFormField(e: A.Attribute, row: FormSourceRow): boolean {
    const p = e.parent;
    let key: unknown;
    if (p && p.type === 'Subscript' && p.value === e) key = this.sem.constValue(p.slice);
    else if (p && p.type === 'Attribute' && p.attr === 'get' && p.parent?.type === 'Call' && p.parent.args[0]) key = this.sem.constValue(p.parent.args[0]);
    if (typeof key !== 'string') return false;
    const cls = this.formClass(e.value);
    if (!cls) return false;
    for (const s of cls.body) {
      if (s.type !== 'Assign' || s.targets.length !== 1 || s.targets[0].type !== 'Name' || s.targets[0].id !== key || s.value.type !== 'Call') continue;
      const field = (this.sem.callName(s.value) ?? '').split('.').pop()!;
      return row.safeFields.includes(field);
    }
    return false;
  }

  private formClass(e: A.Expr): A.ClassDef | null {
    if (e.type === 'Name' && e.id === 'self') return enclosingClass(e);
    if (e.type !== 'Name') return null;
    const b = this.sem.lookup(e.id, e);
    if (!b || b.kind !== 'assign' || b.count !== 1 || b.value?.type !== 'Call' || b.value.func.type !== 'Name') return null;
    const c = this.sem.lookup(b.value.func.id, b.value);
    return c && c.kind === 'class' && c.node.type === 'ClassDef' ? c.node : null;
  }
}

/** How a route decorator (or a handler convention) declares its handler's parameters. */
export interface RouteInfo {
  framework: 'flask' | 'fastapi' | 'other' | 'lambda' | 'tornado' | 'django';
  /** Parameter names bound from the URL path (Flask `<name>`, FastAPI `{name}`), with Flask's converter. */
  pathParams: Map<string, string>;
  /** For handler conventions (Lambda, Tornado, Django function views): the parameters that hold client data. */
  params?: Set<string>;
  /** URL converters that validate a parameter into something harmless (Django's `int`, `uuid`, `slug`). */
  safeConverters?: readonly string[];
}

const ROUTE_ATTRS = new Set(['route', 'get', 'post', 'put', 'delete', 'patch', 'api_route', 'websocket', 'options', 'head', 'add_url_rule']);

/**
 * A text test that a module may hold a source: every source above needs one of these words
 * in the file (request objects `request`/`req`, the last segment of a call or attribute
 * source, an HTTP handler base class, a route decorator, a Lambda handler, argparse, a form).
 * False means no flow can start. A project's own sources add their words (see `setProjectSources`).
 */
class SourceHint extends RegExp {
  extra: RegExp | null = null;
  override test(s: string): boolean {
    return super.test(s) || (this.extra !== null && this.extra.test(s));
  }
}
export const SOURCE_TEXT_HINT: RegExp = new SourceHint(
  [
    'request',
    '\\breq\\b',
    'Handler',
    ...[...CALL_SOURCES.keys(), ...ATTR_SOURCES.keys()].map((q) => q.split('.').pop()!),
    ...SOURCE_METHODS.flatMap((m) => m.methods),
    ...FORM_SOURCES.map((f) => f.attribute),
    // Handler functions: the module their decorators come from (it is imported), or their first two parameters.
    ...HANDLER_FUNCTIONS.flatMap((h) => (h.decorators ?? []).map((d) => d.split('.')[0])),
    ...HANDLER_FUNCTIONS.flatMap((h) => (h.params && !h.leading ? [`def\\s+\\w+\\s*\\(\\s*_?${h.params[0]}\\s*,\\s*_?${h.params[1]}\\b`] : [])),
    `@[\\w.\\s]*\\.(?:${[...ROUTE_ATTRS].join('|')})\\s*\\(`,
  ].join('|'),
);

/**
 * Replace the project's own source rows (from `[tool.krait.taint]`) until the next call;
 * an empty list restores the built-ins.
 */
export function setProjectSources(rows: readonly SourceRow[]): void {
  CALL_SOURCES.clear();
  ATTR_SOURCES.clear();
  indexSources(BUILTIN_SOURCES);
  indexSources(rows);
  indexAttrLast();
  const words = rows.map((r) => r.name.split('.').pop()!.replace(/[^\w]/g, '')).filter(Boolean);
  (SOURCE_TEXT_HINT as SourceHint).extra = words.length ? new RegExp(words.join('|')) : null;
}

/**
 * A module-level function whose parameters start with `h.leading`, with more after them,
 * in a module that imports one of `h.modules` (and not pytest), not called by name in its
 * own module (a helper), and not a test or a fixture.
 */
function leadingHandler(fn: A.FunctionDef, names: readonly string[], h: HandlerFunctionRow, sem: SemanticModel): boolean {
  const lead = h.leading!;
  if (fn.parent?.type !== 'Module' || /^test/.test(fn.name)) return false;
  const extra = names.length - lead.length + fn.args.kwonlyargs.length + (fn.args.vararg ? 1 : 0) + (fn.args.kwarg ? 1 : 0);
  if (extra <= 0 || !lead.every((n, i) => names[i] === n)) return false;
  if (!h.modules?.some((m) => sem.importsModule(m)) || sem.importsModule('pytest')) return false;
  if (fn.decorator_list.some((d) => /fixture/.test(sem.qualifiedName(d.type === 'Call' ? d.func : d) ?? ''))) return false;
  if (h.returns && !returnsOneOf(fn, h.returns, sem)) return false;
  return !calledInModule(fn, sem);
}

/** Does `fn` return a call of one of `names` (`return render(...)`, `response = HttpResponse(); ...; return response`)? */
function returnsOneOf(fn: A.FunctionDef, names: readonly string[], sem: SemanticModel): boolean {
  const stack: A.AnyNode[] = [...fn.body];
  let guard = 0;
  while (stack.length && guard++ < 50000) {
    const n = stack.pop()!;
    if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'ClassDef' || n.type === 'Lambda') continue;
    if (n.type === 'Return' && n.value) {
      const v = n.value;
      const made = v.type === 'Call' ? v : boundCall(v, sem);
      if (made && names.includes(sem.callName(made) ?? '')) return true;
      continue;
    }
    for (const v of Object.values(n)) {
      if (!v || typeof v !== 'object' || v === n.parent) continue;
      if (Array.isArray(v)) {
        for (const x of v) if (x && typeof x === 'object' && 'type' in x) stack.push(x as A.AnyNode);
      } else if ('type' in v) stack.push(v as A.AnyNode);
    }
  }
  return false;
}

/** Per module: the names it calls, and the URL converters of views routed in it (`path("<int:pk>/", views.detail)`). */
interface ModuleCalls {
  called: Set<string>;
  converters: Map<string, Map<string, string>>;
}
const moduleCalls = new WeakMap<A.Module, ModuleCalls>();

function callsOf(mod: A.Module, sem: SemanticModel): ModuleCalls {
  let got = moduleCalls.get(mod);
  if (got) return got;
  got = { called: new Set(), converters: new Map() };
  const stack: A.AnyNode[] = [...mod.body];
  let guard = 0;
  while (stack.length && guard++ < 200000) {
    const n = stack.pop()!;
    if (n.type === 'Call') {
      if (n.func.type === 'Name') got.called.add(n.func.id);
      const view = n.args[1];
      const route = n.args[0] ? sem.constValue(n.args[0]) : undefined;
      if (typeof route === 'string' && view && (view.type === 'Name' || view.type === 'Attribute') && /(?:^|\.)(?:path|re_path|url)$/.test(sem.callName(n) ?? '')) {
        const name = view.type === 'Name' ? view.id : view.attr;
        const conv = got.converters.get(name) ?? new Map<string, string>();
        for (const m of route.matchAll(/<(?:([a-zA-Z_]\w*):)?([a-zA-Z_]\w*)>/g)) conv.set(m[2], m[1] ?? 'str');
        got.converters.set(name, conv);
      }
    }
    for (const v of Object.values(n)) {
      if (!v || typeof v !== 'object' || v === n.parent) continue;
      if (Array.isArray(v)) {
        for (const x of v) if (x && typeof x === 'object' && 'type' in x) stack.push(x as A.AnyNode);
      } else if ('type' in v) stack.push(v as A.AnyNode);
    }
  }
  moduleCalls.set(mod, got);
  return got;
}

/** Does the module call `fn` by its name anywhere (then it is a helper, not a view)? */
function calledInModule(fn: A.FunctionDef, sem: SemanticModel): boolean {
  return callsOf(fn.parent as A.Module, sem).called.has(fn.name);
}

/** Converters of a view's URL parameters declared in the same module: `path("<int:pk>/", view)` (Django's default converter is `str`). */
function urlConverters(fn: A.FunctionDef, sem: SemanticModel): Map<string, string> {
  return callsOf(fn.parent as A.Module, sem).converters.get(fn.name) ?? new Map<string, string>();
}

function paramMatches(names: readonly string[], want: readonly string[]): boolean {
  return names.length === want.length && names.every((n, i) => n.replace(/^_+/, '') === want[i]);
}

/** The route a function is registered for, from its decorators (`@app.route('/u/<name>')`, `@router.get('/i/{id}')`), or a handler convention (Lambda, Tornado). */
export function routeOf(fn: A.FunctionDef, sem: SemanticModel, fastapiModule: boolean): RouteInfo | null {
  for (const d of fn.decorator_list) {
    if (d.type !== 'Call' || d.func.type !== 'Attribute' || !ROUTE_ATTRS.has(d.func.attr)) continue;
    const first = d.args[0] ?? d.keywords.find((k) => k.arg === 'path' || k.arg === 'rule')?.value;
    const path = first ? sem.constValue(first) : undefined;
    if (typeof path !== 'string' || !path.startsWith('/')) continue;
    const pathParams = new Map<string, string>();
    for (const m of path.matchAll(/<(?:([a-zA-Z_]\w*):)?([a-zA-Z_]\w*)>/g)) pathParams.set(m[2], m[1] ?? 'string');
    for (const m of path.matchAll(/\{([a-zA-Z_]\w*)(?::\w+)?\}/g)) pathParams.set(m[1], 'string');
    const framework = fastapiModule || /\{\w+\}/.test(path) ? 'fastapi' : /<\w/.test(path) || d.func.attr === 'route' ? 'flask' : 'other';
    return { framework, pathParams };
  }
  const names = [...fn.args.posonlyargs, ...fn.args.args].map((a) => a.arg);
  // Function views by their leading parameters (Django's `def view(request, slug)`).
  for (const h of HANDLER_FUNCTIONS) {
    if (h.origin !== 'request' || !h.leading || !leadingHandler(fn, names, h, sem)) continue;
    // Parameters without a default (a default is a view option from the URL configuration).
    const positional = [...fn.args.posonlyargs, ...fn.args.args];
    const firstDefault = positional.length - fn.args.defaults.length;
    const rest = positional.slice(h.leading.length, Math.max(h.leading.length, firstDefault)).map((a) => a.arg);
    fn.args.kwonlyargs.forEach((a, i) => {
      if (!fn.args.kw_defaults[i]) rest.push(a.arg);
    });
    if (fn.args.vararg) rest.push(fn.args.vararg.arg);
    if (fn.args.kwarg) rest.push(fn.args.kwarg.arg);
    if (!rest.length) continue;
    return { framework: 'django', pathParams: urlConverters(fn, sem), params: new Set(rest), safeConverters: h.safeConverters ?? [] };
  }
  // Handler functions by their parameters (Lambda's `def handler(event, context)`), only request-origin ones.
  for (const h of HANDLER_FUNCTIONS) {
    if (h.origin !== 'request' || !h.params || !paramMatches(names, h.params)) continue;
    if (fn.parent?.type === 'ClassDef') continue;
    const cp = h.clientParams === 'all' ? names : h.clientParams;
    return { framework: 'lambda', pathParams: new Map(), params: new Set(names.filter((n) => cp.includes(n.replace(/^_+/, '')))) };
  }
  // Methods of handler classes whose parameters are URL path groups (Tornado's get(self, slug)).
  const cls = fn.parent?.type === 'ClassDef' ? fn.parent : null;
  if (cls && names.length > 1) {
    for (const h of HANDLER_CLASSES) {
      if (h.paramMethods?.includes(fn.name) && derivesFrom(cls, sem, h.bases)) return { framework: 'tornado', pathParams: new Map(), params: new Set(names.slice(1)) };
    }
  }
  return null;
}

/** Annotations of FastAPI parameters that are validated into something harmless, or are not client data. */
const SAFE_ANNOTATIONS = /^(?:int|float|bool|complex|UUID|uuid\.UUID|datetime|date|time|timedelta|Decimal|PositiveInt|NonNegativeInt|conint|confloat|Request|Response|WebSocket|HTTPConnection|BackgroundTasks|Session|AsyncSession|SecurityScopes|Optional\[(?:int|float|bool|UUID)\]|(?:int|float|bool|UUID) \| None)$/;
const NOT_CLIENT_DEFAULTS = /^(?:Depends|Security|fastapi\.Depends|fastapi\.Security)$/;

/**
 * Which parameters of a route handler hold client data: Flask's path parameters (not the
 * `int`/`float`/`uuid` converters), FastAPI's path, query, body, header and cookie
 * parameters whose type does not validate them into numbers (not `Depends(...)`), a
 * Lambda handler's event, a Tornado handler method's path groups.
 */
export function clientParams(fn: A.FunctionDef, route: RouteInfo, sem: SemanticModel): Set<string> {
  const out = new Set<string>();
  const all = [...fn.args.posonlyargs, ...fn.args.args, ...fn.args.kwonlyargs];
  if (route.params && route.framework === 'django') {
    // A converter or a type annotation that validates the value leaves it out.
    for (const a of all) {
      if (!route.params.has(a.arg)) continue;
      const conv = route.pathParams.get(a.arg);
      const ann = a.annotation ? annotationText(a.annotation) : '';
      if ((conv && route.safeConverters?.includes(conv)) || (ann && SAFE_ANNOTATIONS.test(ann))) continue;
      out.add(a.arg);
    }
    for (const p of route.params) if (!all.some((a) => a.arg === p)) out.add(p);
    return out;
  }
  if (route.params) return new Set(route.params);
  if (route.framework === 'flask') {
    for (const a of all) {
      const conv = route.pathParams.get(a.arg);
      if (conv !== undefined && !['int', 'float', 'uuid'].includes(conv)) out.add(a.arg);
    }
    return out;
  }
  if (route.framework !== 'fastapi') return out;
  const defaults = new Map<string, A.Expr>();
  const positional = [...fn.args.posonlyargs, ...fn.args.args];
  fn.args.defaults.forEach((d, i) => defaults.set(positional[positional.length - fn.args.defaults.length + i].arg, d));
  fn.args.kwonlyargs.forEach((a, i) => {
    const d = fn.args.kw_defaults[i];
    if (d) defaults.set(a.arg, d);
  });
  for (const a of all) {
    if (a.arg === 'self' || a.arg === 'cls') continue;
    const ann = a.annotation ? annotationText(a.annotation) : '';
    if (ann && SAFE_ANNOTATIONS.test(ann)) continue;
    if (a.annotation && choiceAnnotation(a.annotation, sem, 0)) continue;
    const d = defaults.get(a.arg);
    if (d && d.type === 'Call') {
      const q = sem.callName(d) ?? '';
      if (NOT_CLIENT_DEFAULTS.test(q) || /(?:^|\.)(?:Depends|Security)$/.test(q)) continue;
    }
    out.add(a.arg);
  }
  return out;
}

/** A parameter source of a handler function that is not an HTTP route (a click command's options). */
export interface ParamSource {
  param: string;
  origin: Origin;
  label: string;
}

/**
 * The parameters of a non-HTTP handler that hold outside data, with their origin: a click
 * or typer command's arguments and options (origin 'cli'). The interpreter seeds these
 * parameters as sources with the given origin (route parameters are always 'request').
 */
export function handlerParams(fn: A.FunctionDef, sem: SemanticModel): ParamSource[] {
  const names = [...fn.args.posonlyargs, ...fn.args.args, ...fn.args.kwonlyargs].map((a) => a.arg).filter((n) => n !== 'self' && n !== 'cls' && n !== 'ctx');
  for (const h of HANDLER_FUNCTIONS) {
    if (!h.decorators) continue;
    const decorated = fn.decorator_list.some((d) => {
      const q = decoratorName(d.type === 'Call' ? d.func : d, sem);
      return h.decorators!.includes(q) || (!!h.decoratorPattern?.test(q) && (!h.modules || h.modules.some((m) => sem.importsModule(m))));
    });
    if (!decorated) continue;
    const cp = h.clientParams === 'all' ? names : names.filter((n) => (h.clientParams as readonly string[]).includes(n));
    return cp.map((param) => ({ param, origin: h.origin, label: `parameter '${param}' of ${fn.name}() (${h.label})` }));
  }
  return [];
}

/**
 * The qualified name of a decorator: a method of an object the module makes is named by its
 * class (`app.task` with `app = Celery(...)` is `celery.Celery.task`, `cli.command` with
 * `cli = typer.Typer()` is `typer.Typer.command`).
 */
function decoratorName(d: A.Expr, sem: SemanticModel): string {
  if (d.type === 'Attribute' && d.value.type === 'Name') {
    const made = boundCall(d.value, sem);
    const cls = made ? sem.callName(made) : null;
    if (cls) return `${cls}.${d.attr}`;
  }
  return sem.qualifiedName(d) ?? '';
}

/** Base classes of models whose fields are validated to their annotations when an instance is made. */
const VALIDATED_MODELS = new Set(['pydantic.BaseModel', 'pydantic.main.BaseModel', 'pydantic.v1.BaseModel', 'sqlmodel.SQLModel', 'ninja.Schema']);
/** Field types whose values hold no characters an injection needs (beyond SAFE_ANNOTATIONS: addresses in dotted form, constrained numbers). */
const SAFE_FIELD_TYPES = /^(?:(?:ipaddress\.)?IPv4Address|PositiveFloat|NonNegativeFloat|NegativeInt|NegativeFloat|StrictInt|StrictFloat|StrictBool|conint\(.*\)|confloat\(.*\)|condecimal\(.*\))$/;

/**
 * A field of a validated model read from a parameter annotated with the model
 * (`query.account_id` in `def daily(query: UsageQuery)`, `class UsageQuery(BaseModel):
 * account_id: int`), whose type admits no characters an injection needs: numbers, UUIDs,
 * dates, `Literal[…]`, an enumeration, an IPv4 address. The model is a class of the module
 * deriving (through the module's classes) from pydantic's `BaseModel` (or SQLModel, Django
 * Ninja's `Schema`), which validates every field when an instance is made — or a class
 * another module defines, when `imported` (given the annotation's qualified name) knows its
 * typed fields. Returns the field's description, or null.
 */
export function typedModelField(e: A.Attribute, sem: SemanticModel, imported?: (q: string) => readonly string[] | null): string | null {
  const ann = modelAnnotation(e, sem);
  if (!ann) return null;
  const cls = modelClass(ann, sem);
  if (cls) return typedFieldsOf(cls, sem).includes(e.attr) ? `${cls.name}.${e.attr}` : null;
  const q = imported && (ann.type === 'Name' || ann.type === 'Attribute') ? sem.qualifiedName(ann) : null;
  return q && imported!(q)?.includes(e.attr) ? `${q.split('.').pop()}.${e.attr}` : null;
}

/** The annotation of the parameter an attribute is read from (`Model`, also out of `Optional[Model]` and `Model | None`), or null. */
export function modelAnnotation(e: A.Attribute, sem: SemanticModel): A.Expr | null {
  if (e.value.type !== 'Name') return null;
  const b = sem.lookup(e.value.id, e);
  if (!b || b.kind !== 'param' || b.count !== 1 || b.node.type !== 'arg' || !b.node.annotation) return null;
  let ann: A.Expr = b.node.annotation;
  // `Optional[Model]`, `Model | None`: the field of an instance, when there is one.
  if (ann.type === 'Subscript' && /(?:^|\.)Optional$/.test(sem.qualifiedName(ann.value) ?? annotationText(ann.value))) ann = ann.slice;
  if (ann.type === 'BinOp' && ann.op === 'BitOr') ann = ann.left.type === 'Constant' ? ann.right : ann.left;
  return ann;
}

/**
 * The fields of a validated model class whose types admit no injection (its own and those
 * it inherits from classes of the module); empty when the class is not a validated model.
 */
export function typedFieldsOf(cls: A.ClassDef, sem: SemanticModel): string[] {
  if (!validatedModel(cls, sem, 0)) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (let c: A.ClassDef | null = cls, depth = 0; c && depth < 5; depth++) {
    for (const st of c.body) {
      if (st.type !== 'AnnAssign' || st.target.type !== 'Name' || seen.has(st.target.id)) continue;
      seen.add(st.target.id);
      const text = annotationText(st.annotation);
      if (SAFE_ANNOTATIONS.test(text) || SAFE_FIELD_TYPES.test(text) || choiceAnnotation(st.annotation, sem, 0)) out.push(st.target.id);
    }
    // Fields inherited from a model of the module.
    c = c.bases.map((x) => modelClass(x, sem)).find((x) => x) ?? null;
  }
  return out;
}

/** The class of the module an annotation names, when it is a validated model (see {@link typedModelField}). */
function modelClass(e: A.Expr, sem: SemanticModel): A.ClassDef | null {
  if (e.type !== 'Name') return null;
  const b = sem.lookup(e.id, e);
  if (!b || b.kind !== 'class' || b.count !== 1 || b.node.type !== 'ClassDef') return null;
  return validatedModel(b.node, sem, 0) ? b.node : null;
}

function validatedModel(c: A.ClassDef, sem: SemanticModel, d: number): boolean {
  return (
    c.bases.some((x) => VALIDATED_MODELS.has(sem.qualifiedName(x) ?? '')) ||
    (d < 5 &&
      c.bases.some((x) => {
        const base = x.type === 'Name' ? sem.lookup(x.id, x) : undefined;
        return base?.kind === 'class' && base.node.type === 'ClassDef' && base.node !== c && validatedModel(base.node, sem, d + 1);
      }))
  );
}

/**
 * A type that admits only listed constants, which FastAPI validates before the handler
 * runs: `Literal["small", "large"]` (also inside `Optional[…]`, `Annotated[…, Query()]` and
 * `… | None`), or an enumeration of the module (`class Size(str, Enum)`).
 */
function choiceAnnotation(e: A.Expr, sem: SemanticModel, d: number): boolean {
  if (d > 4) return false;
  if (e.type === 'BinOp' && e.op === 'BitOr') return [e.left, e.right].every((x) => (x.type === 'Constant' && x.value === null) || choiceAnnotation(x, sem, d + 1));
  if (e.type === 'Subscript') {
    const head = (sem.qualifiedName(e.value) ?? annotationText(e.value)).split('.').pop();
    const elts = e.slice.type === 'Tuple' ? e.slice.elts : [e.slice];
    if (head === 'Literal') return elts.length > 0 && elts.every((x) => x.type === 'Constant');
    if (head === 'Optional') return choiceAnnotation(elts[0], sem, d + 1);
    if (head === 'Annotated') return !!elts[0] && choiceAnnotation(elts[0], sem, d + 1);
    return false;
  }
  if (e.type !== 'Name') return false;
  const b = sem.lookup(e.id, e);
  if (!b || b.kind !== 'class' || b.count !== 1 || b.node.type !== 'ClassDef') return false;
  return b.node.bases.some((x) => /^(?:enum\.)?(?:Enum|IntEnum|StrEnum)$/.test(sem.qualifiedName(x) ?? ''));
}

function annotationText(e: A.Expr): string {
  switch (e.type) {
    case 'Name':
      return e.id;
    case 'Attribute':
      return `${annotationText(e.value)}.${e.attr}`;
    case 'Subscript':
      return `${annotationText(e.value)}[${annotationText(e.slice)}]`;
    case 'BinOp':
      return `${annotationText(e.left)} | ${annotationText(e.right)}`;
    case 'Constant':
      return e.value === null ? 'None' : String(e.value);
    default:
      return '?';
  }
}
