/**
 * Taint sources: where data an attacker controls enters a Python program. HTTP request
 * data of Flask, Django, Starlette/FastAPI, aiohttp and `http.server` handlers; route
 * parameters; the command line, standard input and the environment; and exception text
 * (a source for the "traceback in response" check only).
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import type { Origin } from './model.js';

/** A recognised source at an expression. */
export interface SourceHit {
  origin: Origin;
  /** What the data is, for messages: 'HTTP request data (request.args)'. */
  label: string;
}

/** Attributes of a request object that hold client data (Flask/Werkzeug, Django, DRF, Starlette, aiohttp). */
const REQUEST_ATTRS = new Set([
  'args', 'form', 'values', 'json', 'data', 'files', 'cookies', 'headers', 'stream', 'view_args', 'referrer', 'query_string',
  'environ', 'GET', 'POST', 'body', 'COOKIES', 'META', 'FILES', 'REQUEST', 'query_params', 'path_params', 'content', 'raw_post_data',
  'match_info', 'query', 'rel_url', 'text', 'post', 'get_json', 'get_data', 'read', 'authorization',
]);
/** Of these, the ones that are only sources when called (`request.get_json()`, aiohttp's `await request.post()`). */
const REQUEST_METHODS_ONLY = new Set(['get_json', 'get_data', 'read', 'text', 'post']);

/** Framework request proxies imported by name. */
const REQUEST_GLOBALS = new Set(['flask.request', 'quart.request', 'bottle.request', 'sanic.request', 'werkzeug.local.request', 'flask.globals.request']);

/** Base classes whose `self.path`/`self.headers`/`self.rfile` are client data. */
const HTTP_HANDLER_BASES = /(?:^|\.)(?:BaseHTTPRequestHandler|SimpleHTTPRequestHandler|CGIHTTPRequestHandler|StreamRequestHandler|BaseRequestHandler)$/;
const HANDLER_ATTRS = new Set(['path', 'headers', 'rfile', 'requestline', 'raw_requestline']);

const CALL_SOURCES = new Map<string, SourceHit>([
  ['input', { origin: 'cli', label: 'console input (input())' }],
  ['raw_input', { origin: 'cli', label: 'console input (raw_input())' }],
  ['os.getenv', { origin: 'env', label: 'an environment variable (os.getenv)' }],
  ['os.getenvb', { origin: 'env', label: 'an environment variable (os.getenvb)' }],
  ['traceback.format_exc', { origin: 'traceback', label: 'a stack trace (traceback.format_exc())' }],
  ['traceback.format_exception', { origin: 'traceback', label: 'a stack trace (traceback.format_exception())' }],
  ['traceback.format_tb', { origin: 'traceback', label: 'a stack trace (traceback.format_tb())' }],
  ['traceback.format_stack', { origin: 'traceback', label: 'a stack trace (traceback.format_stack())' }],
  ['traceback.extract_tb', { origin: 'traceback', label: 'a stack trace (traceback.extract_tb())' }],
]);
const ATTR_SOURCES = new Map<string, SourceHit>([
  ['sys.argv', { origin: 'cli', label: 'command-line arguments (sys.argv)' }],
  ['sys.stdin', { origin: 'cli', label: 'standard input (sys.stdin)' }],
  ['os.environ', { origin: 'env', label: 'the environment (os.environ)' }],
  ['os.environb', { origin: 'env', label: 'the environment (os.environb)' }],
]);

/** Recognises sources in one module (caches the per-class answer for `http.server` handlers). */
export class SourceFinder {
  private readonly handlerClasses = new Map<A.ClassDef, boolean>();
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

  /** A source at an attribute access (`request.args`, `sys.argv`, `self.path` in a handler). */
  attribute(e: A.Attribute): SourceHit | null {
    if (REQUEST_ATTRS.has(e.attr) && !REQUEST_METHODS_ONLY.has(e.attr) && this.isRequestObject(e.value)) {
      return { origin: 'request', label: `HTTP request data (request.${e.attr})` };
    }
    if (e.attr === 'argv' || e.attr === 'stdin' || e.attr === 'environ' || e.attr === 'environb') {
      const q = this.sem.qualifiedName(e);
      const hit = q ? ATTR_SOURCES.get(q) : undefined;
      if (hit) return hit;
    }
    if (HANDLER_ATTRS.has(e.attr) && e.value.type === 'Name' && e.value.id === 'self' && this.inHttpHandler(e)) {
      return { origin: 'request', label: `HTTP request data (self.${e.attr} of an http.server handler)` };
    }
    return null;
  }

  /** A source at a call (`input()`, `os.getenv()`, `request.get_json()`, `traceback.format_exc()`). */
  call(call: A.Call, qualified: string | null): SourceHit | null {
    const f = call.func;
    if (f.type === 'Attribute' && REQUEST_ATTRS.has(f.attr) && this.isRequestObject(f.value)) {
      return { origin: 'request', label: `HTTP request data (request.${f.attr}())` };
    }
    if (qualified) {
      const hit = CALL_SOURCES.get(qualified);
      if (hit && (qualified.includes('.') || !this.sem.lookup(qualified, call))) return hit;
    }
    return null;
  }

  private inHttpHandler(node: A.AnyNode): boolean {
    let n: A.AnyNode | null = node.parent;
    while (n && n.type !== 'ClassDef') n = n.parent;
    if (!n) return false;
    let v = this.handlerClasses.get(n);
    if (v === undefined) {
      v = n.bases.some((b) => HTTP_HANDLER_BASES.test(this.sem.qualifiedName(b) ?? ''));
      this.handlerClasses.set(n, v);
    }
    return v;
  }
}

/** How a route decorator declares its handler's parameters. */
export interface RouteInfo {
  framework: 'flask' | 'fastapi' | 'other';
  /** Parameter names bound from the URL path (Flask `<name>`, FastAPI `{name}`), with Flask's converter. */
  pathParams: Map<string, string>;
}

const ROUTE_ATTRS = new Set(['route', 'get', 'post', 'put', 'delete', 'patch', 'api_route', 'websocket', 'options', 'head', 'add_url_rule']);

/**
 * A text test that a module may hold a source: every source above needs one of these words
 * in the file (request objects `request`/`req`, the last segment of a call or attribute
 * source, an HTTP handler base class, a route decorator). False means no flow can start.
 */
export const SOURCE_TEXT_HINT = new RegExp(
  [
    'request',
    '\\breq\\b',
    'Handler',
    ...[...CALL_SOURCES.keys(), ...ATTR_SOURCES.keys()].map((q) => q.split('.').pop()!),
    `@[\\w.\\s]*\\.(?:${[...ROUTE_ATTRS].join('|')})\\s*\\(`,
  ].join('|'),
);

/** The route a function is registered for, from its decorators (`@app.route('/u/<name>')`, `@router.get('/i/{id}')`). */
export function routeOf(fn: A.FunctionDef, sem: SemanticModel, fastapiModule: boolean): RouteInfo | null {
  for (const d of fn.decorator_list) {
    if (d.type !== 'Call' || d.func.type !== 'Attribute' || !ROUTE_ATTRS.has(d.func.attr)) continue;
    const first = d.args[0] ?? d.keywords.find((k) => k.arg === 'path' || k.arg === 'rule')?.value;
    const path = first ? sem.constValue(first) : undefined;
    if (typeof path !== 'string' || !path.startsWith('/')) continue;
    const pathParams = new Map<string, string>();
    for (const m of path.matchAll(/<(?:([a-zA-Z_]\w*):)?([a-zA-Z_]\w*)>/g)) pathParams.set(m[2]!, m[1] ?? 'string');
    for (const m of path.matchAll(/\{([a-zA-Z_]\w*)(?::\w+)?\}/g)) pathParams.set(m[1]!, 'string');
    const framework = fastapiModule || /\{\w+\}/.test(path) ? 'fastapi' : /<\w/.test(path) || d.func.attr === 'route' ? 'flask' : 'other';
    return { framework, pathParams };
  }
  return null;
}

/** Annotations of FastAPI parameters that are validated into something harmless, or are not client data. */
const SAFE_ANNOTATIONS = /^(?:int|float|bool|complex|UUID|uuid\.UUID|datetime|date|time|timedelta|Decimal|PositiveInt|NonNegativeInt|conint|confloat|Request|Response|WebSocket|HTTPConnection|BackgroundTasks|Session|AsyncSession|SecurityScopes|Optional\[(?:int|float|bool|UUID)\]|(?:int|float|bool|UUID) \| None)$/;
const NOT_CLIENT_DEFAULTS = /^(?:Depends|Security|fastapi\.Depends|fastapi\.Security)$/;

/**
 * Which parameters of a route handler hold client data: Flask's path parameters (not the
 * `int`/`float`/`uuid` converters), FastAPI's path, query, body, header and cookie
 * parameters whose type does not validate them into numbers (not `Depends(...)`).
 */
export function clientParams(fn: A.FunctionDef, route: RouteInfo, sem: SemanticModel): Set<string> {
  const out = new Set<string>();
  const all = [...fn.args.posonlyargs, ...fn.args.args, ...fn.args.kwonlyargs];
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
  fn.args.defaults.forEach((d, i) => defaults.set(positional[positional.length - fn.args.defaults.length + i]!.arg, d));
  fn.args.kwonlyargs.forEach((a, i) => {
    const d = fn.args.kw_defaults[i];
    if (d) defaults.set(a.arg, d);
  });
  for (const a of all) {
    if (a.arg === 'self' || a.arg === 'cls') continue;
    const ann = a.annotation ? annotationText(a.annotation) : '';
    if (ann && SAFE_ANNOTATIONS.test(ann)) continue;
    const d = defaults.get(a.arg);
    if (d && d.type === 'Call') {
      const q = sem.callName(d) ?? '';
      if (NOT_CLIENT_DEFAULTS.test(q) || /(?:^|\.)(?:Depends|Security)$/.test(q)) continue;
    }
    out.add(a.arg);
  }
  return out;
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
