/**
 * The route and entry-point inventory of one Python file, computed from the shared parse:
 * Flask (`@app.route`, `@bp.get`, `add_url_rule`), FastAPI/Starlette (`@app.get`,
 * `@router.post`, `api_route`), Django URLconfs (`path()`, `re_path()`, `url()`, DRF
 * `router.register`) and views (function views, class-based views, DRF viewsets and
 * `@api_view`), aiohttp (`@routes.get`, `router.add_get`, `web.post(...)`), and CLI entry
 * points (argparse parsers and sub-commands, click and typer commands).
 *
 * For each HTTP route it decides, from what the file shows, whether authentication is
 * applied and whether the input is validated (see `AuthStatus`/`ValidationStatus` in
 * `types.ts`), and keeps the facts the KR3xx rules read (role checks, rate limiting,
 * CSRF exemption, the tainted names of the handler). The analysis is cached per module,
 * so the rules and `collectRoutes` share one computation per file.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { walk } from '../python/visit.js';
import type { Route, RouteFramework } from './types.js';
import { allParams, dotted, enclosingFunction, exitsEarly, identifiers, lastSegment, namesIn, paramDefault, strList, strValue } from '../python/helpers.js';
import { keywordArg } from '../python/calls.js';

/** A route with the syntax it came from (for rules). */
export interface RouteHandler {
  route: Route;
  /** The handler function (null for class-based views and CLI parsers). */
  fn: A.FunctionDef | null;
  /** The handler class (Django CBV, DRF viewset/APIView). */
  cls: A.ClassDef | null;
  /** Node to report findings at (the `def`/`class` line, or the declaring call). */
  node: A.AnyNode;
  /** Functions whose bodies handle the request (the function, or the class's handler methods). */
  bodies: A.FunctionDef[];
  /** Names holding request-supplied data in the handler (path parameters, request reads and what is assigned from them). */
  tainted: Set<string>;
  /** Path parameters ('order_id'). */
  pathParams: string[];
  /** A role/permission check was seen (decorator, dependency, permission class, in-body check). */
  roleCheck: boolean;
  /** A handler can authenticate with in-body checks only; recorded for messages. */
  decoratorNames: string[];
}

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace']);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE', '*']);

/** Decorator names (last segment) that require an authenticated user. */
const AUTH_DECORATOR =
  /^(login_required|auth_required|authentication_required|jwt_required|fresh_jwt_required|token_required|requires?_(auth|authentication|login|user|role|roles|permission|permissions|admin|scope|scopes|api_key|token)|permission_required|permissions_required|user_passes_test|staff_member_required|superuser_required|admin_required|roles?_required|roles_accepted|authenticated|api_key_required|protected|authorized|authorize|auth|verify_token|permission_classes|has_permission|has_role)$/i;
/** Decorator names that check a role or permission (beyond being logged in). */
const ROLE_DECORATOR =
  /^(admin_required|superuser_required|staff_member_required|roles?_required|roles_accepted|requires?_(role|roles|permission|permissions|admin|scope|scopes)|permission_required|permissions_required|user_passes_test|has_role|has_permission)$/i;
const RATE_DECORATOR = /^(limit|limits|shared_limit|ratelimit|rate_limit|rate_limited|throttle|throttled|throttle_classes)$/i;
const CSRF_EXEMPT = /^(csrf_exempt|exempt)$/;
/** Dependency callables (FastAPI `Depends(x)`) that authenticate. */
const AUTH_DEPENDENCY = /user|auth|token|verify|api_?key|admin|permission|scope|jwt|login|oauth|scheme|session|principal|bearer|credential|require/i;
const ROLE_DEPENDENCY = /admin|role|permission|scope|superuser|staff/i;
const RATE_DEPENDENCY = /limit|throttl/i;
/** Identifiers in an `if` test that show an authentication check. */
const AUTH_TEST = /^(is_authenticated|is_anonymous|current_user|session|authorization|Authorization|HTTP_AUTHORIZATION|api_key|x-api-key|X-API-Key|verify_token|check_auth|logged_in)$/;
const ROLE_TEST = /^(is_admin|is_staff|is_superuser|role|roles|has_perm|has_perms|has_permission|has_role|permissions|scopes|admin|ADMIN)$/;
const AUTH_CALL = /^(verify_jwt_in_request|check_auth|require_login|require_auth|verify_token|authenticate_request|ensure_authenticated|check_permissions|check_object_permissions)$/;

const PRIMITIVE_TYPES = /^(int|float|bool|str|bytes|UUID|uuid\.UUID|date|datetime|time|Decimal|EmailStr|HttpUrl|AnyUrl|PositiveInt|NonNegativeInt|conint|constr|confloat|Literal|Enum|IPvAnyAddress|SecretStr)$/;

/** Flask/Django/DRF/Starlette/aiohttp request attributes that carry client input. */
const FLASK_INPUTS = new Set(['args', 'form', 'json', 'values', 'data', 'files', 'cookies', 'get_json', 'get_data', 'stream', 'headers']);
const OBJ_INPUTS = new Set([
  'GET', 'POST', 'body', 'FILES', 'data', 'query_params', 'COOKIES', 'META', 'headers', 'json', 'form', 'query', 'post', 'read', 'text',
  'content', 'match_info', 'path_params', 'stream', 'cookies', 'multipart', 'query_string', 'files', 'args', 'get_json', 'get_data', 'values',
]);

const cache = new WeakMap<A.Module, RouteHandler[]>();

/**
 * The routes and CLI entry points declared in one module, with auth and validation status.
 * `path` is the file path shown in findings. Pure function of the tree; cached per module.
 */
export function collectRoutes(module: A.Module, semantic: SemanticModel, path: string): Route[] {
  return routeHandlers(module, semantic, path).map((h) => h.route);
}

/** Routes with their syntax, for the KR3xx rules (cached per module). */
export function routeHandlers(module: A.Module, semantic: SemanticModel, path: string): RouteHandler[] {
  let hit = cache.get(module);
  if (!hit) {
    hit = new RouteCollector(module, semantic, path).run();
    cache.set(module, hit);
  }
  return hit;
}

/** Which web framework a module imports (first match), or null. */
function importedFramework(semantic: SemanticModel): RouteFramework | null {
  const mods = semantic.imports.map((i) => i.module);
  const has = (p: string) => mods.some((m) => m === p || m.startsWith(p + '.'));
  if (has('fastapi')) return 'fastapi';
  if (has('flask') || has('quart') || has('apiflask')) return 'flask';
  if (has('starlette')) return 'starlette';
  if (has('aiohttp')) return 'aiohttp';
  if (has('rest_framework')) return 'drf';
  if (has('django')) return 'django';
  return null;
}

/** What a route's declaration says about it, gathered from decorators, its class and its body. */
interface RouteEvidence {
  authBy: string[];
  roleCheck: boolean;
  rateLimited: boolean;
  csrfExempt: boolean;
  validatedBy: string[];
}

interface RouterObject {
  framework: RouteFramework;
  prefix: string;
  authBy: string[];
  rateLimited: boolean;
}

class RouteCollector {
  private readonly out: RouteHandler[] = [];
  private readonly framework: RouteFramework | null;
  private readonly routers = new Map<string, RouterObject>();
  /** Object names (app, bp) with an auth `before_request`/middleware hook. */
  private readonly hookAuth = new Map<string, string>();
  private appWideLimiter = false;
  /** The module sets MAX_CONTENT_LENGTH (Flask's request size limit). */
  private moduleSetsMaxLength = false;
  private readonly localClasses = new Map<string, A.ClassDef>();
  private readonly localFunctions = new Map<string, A.FunctionDef>();
  private readonly moduleName: string;
  private readonly isViewsModule: boolean;

  constructor(
    private readonly module: A.Module,
    private readonly semantic: SemanticModel,
    private readonly path: string,
  ) {
    this.framework = importedFramework(semantic);
    const base = path.split('/').pop()!.replace(/\.pyw?$/, '');
    const pkg = semantic.packageName;
    this.moduleName = base === '__init__' ? pkg : pkg ? `${pkg}.${base}` : base;
    this.isViewsModule = /(^|\/)views(\/[^/]+)?\.py$|(^|\/)(api|viewsets)\.py$/.test(path);
  }

  run(): RouteHandler[] {
    // Every route or entry point needs a web framework or CLI library import, or a Django
    // URLconf file: without them there is nothing to collect (most files of a project).
    if (!this.framework && !/(^|\/)urls\.py$/.test(this.path) && !this.semantic.importsModule('argparse') && !this.semantic.importsModule('click') && !this.semantic.importsModule('typer')) return this.out;
    this.prepare();
    walk(this.module, (n) => {
      if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') this.onFunction(n);
      else if (n.type === 'ClassDef') this.onClass(n);
      else if (n.type === 'Call') this.onCall(n);
      return undefined;
    });
    this.out.sort((a, b) => a.route.location.line - b.route.location.line);
    return this.out;
  }

  /** Router objects (app, blueprints, APIRouters), hooks and app-wide limiters. */
  private prepare(): void {
    walk(this.module, (n) => {
      if (n.type === 'ClassDef') this.localClasses.set(n.name, n);
      if (n.type === 'Constant' && n.value === 'MAX_CONTENT_LENGTH') this.moduleSetsMaxLength = true;
      if ((n.type === 'Name' && n.id === 'MAX_CONTENT_LENGTH') || (n.type === 'keyword' && n.arg === 'MAX_CONTENT_LENGTH')) this.moduleSetsMaxLength = true;
      if ((n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') && n.parent?.type === 'Module') this.localFunctions.set(n.name, n);
      if (n.type === 'Assign' && n.value.type === 'Call' && n.targets.length === 1) {
        const t = n.targets[0];
        const name = t.type === 'Name' ? t.id : t.type === 'Attribute' ? dotted(t) : null;
        if (name) {
          const ctor = this.semantic.callName(n.value) ?? dotted(n.value.func);
          const r = this.routerFrom(ctor, n.value);
          if (r) this.routers.set(name, r);
        }
      }
      if (n.type === 'Call') {
        if (n.keywords.some((k) => k.arg === 'default_limits' || k.arg === 'application_limits')) this.appWideLimiter = true;
        const callee = dotted(n.func);
        const seg = lastSegment(callee);
        if (seg === 'add_middleware' && n.args[0]) {
          const mw = dotted(n.args[0]);
          if (/auth|jwt|login|token|apikey|api_key/i.test(mw) && !/CORS|Session|GZip|TrustedHost|HTTPSRedirect/.test(mw)) this.hookAuth.set(callee.split('.')[0], `middleware ${lastSegment(mw)}`);
          if (/Limit|Throttl/i.test(mw)) this.appWideLimiter = true;
        }
        if (seg === 'include_router' && n.args[0]) {
          const deps = keywordArg(n, 'dependencies')?.value;
          const r = this.routers.get(dotted(n.args[0]));
          if (deps && r) r.authBy.push(...this.dependencyAuth(deps).auth);
        }
      }
      if ((n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') && n.decorator_list.length) {
        for (const d of n.decorator_list) {
          const name = dotted(d.type === 'Call' ? d.func : d);
          const seg = lastSegment(name);
          const isHook = seg === 'before_request' || seg === 'before_app_request' || (seg === 'middleware' && d.type === 'Call');
          if (isHook && this.hasAuthCheck([n])) this.hookAuth.set(name.split('.')[0], `${seg} hook ${n.name}()`);
        }
      }
      return undefined;
    });
  }

  private routerFrom(ctor: string, call: A.Call): RouterObject | null {
    const seg = lastSegment(ctor);
    let framework: RouteFramework | null = null;
    if (/^(flask|quart|apiflask)\./.test(ctor) || (['Flask', 'Blueprint', 'APIFlask', 'APIBlueprint', 'Quart'].includes(seg) && this.framework === 'flask')) framework = 'flask';
    else if (/^fastapi\./.test(ctor) || (['FastAPI', 'APIRouter'].includes(seg) && this.framework === 'fastapi')) framework = 'fastapi';
    else if (/^starlette\./.test(ctor) && ['Starlette', 'Router'].includes(seg)) framework = 'starlette';
    else if (/^aiohttp\./.test(ctor) && ['RouteTableDef', 'Application'].includes(seg)) framework = 'aiohttp';
    else if (/^(typer)\./.test(ctor) && seg === 'Typer') framework = 'typer';
    if (!framework) return null;
    const prefix = strValue(keywordArg(call, 'url_prefix')?.value ?? keywordArg(call, 'prefix')?.value) ?? '';
    const deps = keywordArg(call, 'dependencies')?.value;
    const authBy = deps ? this.dependencyAuth(deps).auth.map((a) => `${a} (router)`) : [];
    return { framework, prefix, authBy, rateLimited: !!deps && this.dependencyAuth(deps).rate };
  }

  /** Auth/role/rate evidence in a `dependencies=[Depends(x), …]` list or a single `Depends(x)`. */
  private dependencyAuth(e: A.Expr): { auth: string[]; role: boolean; rate: boolean } {
    const out = { auth: [] as string[], role: false, rate: false };
    walk(e, (n) => {
      if (n.type !== 'Call') return undefined;
      const seg = lastSegment(dotted(n.func));
      if (seg !== 'Depends' && seg !== 'Security') return undefined;
      const target = n.args[0] ? dotted(n.args[0]) : '';
      if (RATE_DEPENDENCY.test(target)) out.rate = true;
      else if (AUTH_DEPENDENCY.test(target)) {
        out.auth.push(`${seg}(${target.replace(/\(\)$/, '')})`);
        if (ROLE_DEPENDENCY.test(target)) out.role = true;
      }
      return undefined;
    });
    return out;
  }

  // ---------- decorated functions (Flask, FastAPI, aiohttp, click, typer, Django function views) ----------

  private onFunction(fn: A.FunctionDef): void {
    for (const d of fn.decorator_list) {
      if (d.type !== 'Call') continue;
      const fnName = d.func.type === 'Attribute' ? d.func.attr : null;
      if (!fnName || d.func.type !== 'Attribute') continue;
      const objName = dotted(d.func.value);
      const router = this.routers.get(objName);
      const fw = router?.framework ?? this.framework;
      if (fnName === 'command' || fnName === 'group') {
        const q = this.semantic.qualifiedName(d.func) ?? '';
        if (q.startsWith('click.') || this.semantic.importsModule('click') || router?.framework === 'typer' || this.semantic.importsModule('typer')) {
          this.addCli(q.startsWith('click.') || this.semantic.importsModule('click') ? 'click' : 'typer', strValue(d.args[0]) ?? strValue(keywordArg(d, 'name')?.value) ?? fn.name.replace(/_/g, '-'), fn.name, d);
        }
        continue;
      }
      if (fw !== 'flask' && fw !== 'fastapi' && fw !== 'starlette' && fw !== 'aiohttp') continue;
      let methods: string[] | undefined;
      if (fnName === 'route' || fnName === 'api_route') {
        methods = strList(keywordArg(d, 'methods')?.value)?.map((m) => m.toUpperCase()) ?? (fw === 'aiohttp' && d.args[0] ? [strValue(d.args[0]) ?? '*'] : ['GET']);
      } else if (HTTP_VERBS.has(fnName)) methods = [fnName.toUpperCase()];
      else if (fnName === 'websocket' || fnName === 'websocket_route') methods = ['WEBSOCKET'];
      else continue;
      const rawPath = fw === 'aiohttp' && fnName === 'route' ? strValue(d.args[1]) : (strValue(d.args[0]) ?? strValue(keywordArg(d, 'path')?.value) ?? strValue(keywordArg(d, 'rule')?.value));
      const full = rawPath === undefined ? null : (router?.prefix ?? '') + rawPath;
      this.addHttp(fw, full, methods, fn, null, d, router, d);
    }
    // Django function views: `def view(request, …)` in a views module or under @api_view.
    if (fn.parent?.type === 'Module' && !this.out.some((h) => h.fn === fn)) {
      const first = fn.args.posonlyargs[0] ?? fn.args.args[0];
      const apiView = fn.decorator_list.find((d) => lastSegment(dotted(d.type === 'Call' ? d.func : d)) === 'api_view');
      const djangoish = this.framework === 'django' || this.framework === 'drf';
      if (first && first.arg === 'request' && (apiView || (this.isViewsModule && djangoish))) {
        let methods = apiView && apiView.type === 'Call' ? strList(apiView.args[0] ?? keywordArg(apiView, 'http_method_names')?.value)?.map((m) => m.toUpperCase()) : undefined;
        if (apiView && !methods) methods = ['GET'];
        methods ??= this.djangoMethods(fn);
        this.addHttp(apiView ? 'drf' : 'django', null, methods, fn, null, fn, undefined, fn, `${this.moduleName}.${fn.name}`);
      }
    }
  }

  /** Methods of a Django function view: `@require_POST`, `@require_http_methods([...])`, or `request.method == 'X'` tests; '*' otherwise. */
  private djangoMethods(fn: A.FunctionDef): string[] {
    for (const d of fn.decorator_list) {
      const seg = lastSegment(dotted(d.type === 'Call' ? d.func : d));
      if (seg === 'require_POST') return ['POST'];
      if (seg === 'require_GET') return ['GET'];
      if (seg === 'require_safe') return ['GET', 'HEAD'];
      if (seg === 'require_http_methods' && d.type === 'Call') {
        const l = strList(d.args[0]);
        if (l) return l.map((m) => m.toUpperCase());
      }
    }
    return ['*'];
  }

  // ---------- class-based views ----------

  private onClass(cls: A.ClassDef): void {
    if (cls.parent?.type !== 'Module') return;
    const bases = cls.bases.map((b) => lastSegment(dotted(b)));
    const isDrf = bases.some((b) => /ViewSet$|APIView$|^(Generic|List|Create|Retrieve|Update|Destroy|ListCreate|RetrieveUpdate|RetrieveDestroy|RetrieveUpdateDestroy)APIView$/.test(b));
    const isDjango = !isDrf && bases.some((b) => /^(View|TemplateView|FormView|CreateView|UpdateView|DeleteView|DetailView|ListView|RedirectView|MethodView)$/.test(b));
    if (!isDrf && !isDjango) return;
    // In a Flask module a class based on `View` is Flask's own (flask.views.View), not Django's.
    if (this.framework === 'flask' && !cls.bases.some((b) => /^(django|rest_framework)\./.test(this.semantic.qualifiedName(b) ?? ''))) return;
    if (bases.includes('MethodView') && this.framework !== 'flask') return;
    if (bases.includes('MethodView')) return; // Flask MethodView: routed through add_url_rule (onCall)
    const handlers = cls.body.filter((s): s is A.FunctionDef => (s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef') && /^(get|post|put|patch|delete|head|list|create|retrieve|update|partial_update|destroy|form_valid|perform_create|perform_update|perform_destroy)$/.test(s.name));
    const methods = new Set<string>();
    for (const h of handlers) {
      const m = ({ list: 'GET', retrieve: 'GET', create: 'POST', update: 'PUT', partial_update: 'PATCH', destroy: 'DELETE', form_valid: 'POST', perform_create: 'POST', perform_update: 'PUT', perform_destroy: 'DELETE' } as Record<string, string>)[h.name] ?? h.name.toUpperCase();
      methods.add(m);
    }
    for (const b of bases) {
      if (b === 'ModelViewSet' || b === 'ViewSet' && methods.size === 0) ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].forEach((m) => methods.add(m));
      if (/^ReadOnlyModelViewSet$|^(List|Retrieve|Detail|Template)(API)?View$|^ListView$|^DetailView$/.test(b)) methods.add('GET');
      if (/Create/.test(b)) methods.add('POST');
      if (/Update/.test(b)) ['PUT', 'PATCH'].forEach((m) => methods.add(m));
      if (/Destroy|Delete/.test(b)) methods.add('DELETE');
      if (/^(FormView|CreateView|UpdateView|DeleteView)$/.test(b)) ['GET', 'POST'].forEach((m) => methods.add(m));
    }
    if (methods.size === 0) methods.add('GET');
    this.addHttp(isDrf ? 'drf' : 'django', null, [...methods], null, cls, cls, undefined, cls, `${this.moduleName}.${cls.name}`, handlers);
  }

  // ---------- calls: Django URLconf, DRF routers, aiohttp, add_url_rule, argparse ----------

  private onCall(call: A.Call): void {
    const q = this.semantic.callName(call) ?? '';
    const seg = lastSegment(q || dotted(call.func));
    // Django URLconf
    if (q === 'django.urls.path' || q === 'django.urls.re_path' || q === 'django.conf.urls.url' || ((seg === 'path' || seg === 're_path' || seg === 'url') && /(^|\/)urls\.py$/.test(this.path) && call.args.length >= 2)) {
      const pattern = strValue(call.args[0]);
      const view = call.args[1];
      if (!view || pattern === undefined) return;
      if (view.type === 'Call' && lastSegment(dotted(view.func)) === 'include') return;
      const targetExpr = view.type === 'Call' && view.func.type === 'Attribute' && view.func.attr === 'as_view' ? view.func.value : view;
      this.addUrl('django', pattern, targetExpr, call);
      return;
    }
    // DRF router.register(r'orders', OrderViewSet)
    if (seg === 'register' && call.args.length >= 2 && (this.framework === 'drf' || this.semantic.importsModule('rest_framework'))) {
      const pattern = strValue(call.args[0]);
      if (pattern !== undefined) this.addUrl('drf', pattern.endsWith('/') ? pattern : `${pattern}/`, call.args[1], call);
      return;
    }
    // aiohttp: app.router.add_get('/x', handler), web.get('/x', handler), add_route('POST', '/x', h)
    const isAiohttp = this.framework === 'aiohttp' || q.startsWith('aiohttp.');
    if (isAiohttp && (/^add_(get|post|put|patch|delete|head)$/.test(seg) || (q.startsWith('aiohttp.web.') && HTTP_VERBS.has(seg)) || seg === 'add_route')) {
      const isRoute = seg === 'add_route' || (q.startsWith('aiohttp.web.') && seg === 'route');
      const method = isRoute ? (strValue(call.args[0]) ?? '*').toUpperCase() : seg.replace(/^add_/, '').toUpperCase();
      const p = strValue(call.args[isRoute ? 1 : 0]) ?? null;
      const h = call.args[isRoute ? 2 : 1];
      const fn = h && h.type === 'Name' ? this.localFunctions.get(h.id) : undefined;
      this.addHttp('aiohttp', p, [method], fn ?? null, null, call, undefined, call, h ? dotted(h) : '?');
      return;
    }
    // Flask add_url_rule('/x', view_func=f, methods=[...])
    if (seg === 'add_url_rule' && this.framework === 'flask') {
      const p = strValue(call.args[0]) ?? strValue(keywordArg(call, 'rule')?.value) ?? null;
      const vf = keywordArg(call, 'view_func')?.value ?? call.args[2];
      const methods = strList(keywordArg(call, 'methods')?.value)?.map((m) => m.toUpperCase()) ?? ['GET'];
      const fn = vf && vf.type === 'Name' ? this.localFunctions.get(vf.id) : undefined;
      const router = call.func.type === 'Attribute' ? this.routers.get(dotted(call.func.value)) : undefined;
      let cls: A.ClassDef | undefined;
      if (vf && vf.type === 'Call' && vf.func.type === 'Attribute' && vf.func.attr === 'as_view' && vf.func.value.type === 'Name') cls = this.localClasses.get(vf.func.value.id);
      if (cls) {
        const hs = cls.body.filter((s): s is A.FunctionDef => (s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef') && HTTP_VERBS.has(s.name));
        const ms = hs.length ? hs.map((h) => h.name.toUpperCase()) : methods;
        this.addHttp('flask', p === null ? null : (router?.prefix ?? '') + p, ms, null, cls, call, router, call, cls.name, hs);
      } else this.addHttp('flask', p === null ? null : (router?.prefix ?? '') + p, methods, fn ?? null, null, call, router, call, vf ? dotted(vf) : '?');
      return;
    }
    // argparse
    if (q === 'argparse.ArgumentParser') {
      const fn = enclosingFunction(call);
      this.addCli('argparse', strValue(keywordArg(call, 'prog')?.value) ?? (fn ? fn.name : this.moduleName), fn ? fn.name : '<module>', call);
      return;
    }
    if (seg === 'add_parser' && this.semantic.importsModule('argparse')) {
      const name = strValue(call.args[0]);
      if (name) this.addCli('argparse', name, enclosingFunction(call)?.name ?? '<module>', call);
    }
  }

  private addCli(framework: RouteFramework, name: string, handler: string, node: A.AnyNode): void {
    this.out.push({
      route: {
        kind: 'cli', framework, path: name, methods: [], handler, location: { path: this.path, line: node.lineno },
        auth: 'not-applicable', authBy: [], validation: 'not-applicable', validatedBy: [], inputs: [], stateChanging: false, rateLimited: false, csrfExempt: false,
      },
      fn: null, cls: null, node, bodies: [], tainted: new Set(), pathParams: [], roleCheck: false, decoratorNames: [],
    });
  }

  /** A URL pattern pointing to a view (Django, DRF router): the view is resolved here when local, else by the project pass. */
  private addUrl(framework: RouteFramework, pattern: string, viewExpr: A.Expr, call: A.Call): void {
    const target = this.semantic.qualifiedName(viewExpr) ?? dotted(viewExpr);
    const local = viewExpr.type === 'Name' ? (this.localFunctions.get(viewExpr.id) ?? this.localClasses.get(viewExpr.id)) : undefined;
    if (local) {
      // Same-file view: the view's own entry carries auth/validation; give it the pattern.
      const existing = this.out.find((h) => h.fn === local || h.cls === local);
      if (existing && existing.route.path === null) {
        existing.route.path = pattern;
        existing.route.location = { path: this.path, line: call.lineno };
        existing.route.handlerLocation = { path: this.path, line: local.lineno };
        return;
      }
    }
    this.out.push({
      route: {
        kind: 'http', framework, path: pattern, methods: ['*'], handler: dotted(viewExpr), location: { path: this.path, line: call.lineno },
        auth: 'unknown', authBy: [], validation: 'unknown', validatedBy: [], inputs: [], stateChanging: true, rateLimited: false, csrfExempt: false, target,
      },
      fn: null, cls: null, node: call, bodies: [], tainted: new Set(), pathParams: pathParamsOf(pattern), roleCheck: false, decoratorNames: [],
    });
  }

  private addHttp(
    framework: RouteFramework,
    path: string | null,
    methods: string[],
    fn: A.FunctionDef | null,
    cls: A.ClassDef | null,
    declNode: A.AnyNode,
    router: RouterObject | undefined,
    reportNode: A.AnyNode,
    target?: string,
    classHandlers: A.FunctionDef[] = [],
  ): void {
    const bodies = fn ? [fn] : classHandlers;
    const decorators = [...(fn?.decorator_list ?? []), ...(cls?.decorator_list ?? []), ...classHandlers.flatMap((h) => h.decorator_list)];
    const decoratorNames = decorators.map((d) => dotted(d.type === 'Call' ? d.func : d));
    const ev: RouteEvidence = { authBy: [...(router?.authBy ?? [])], roleCheck: false, rateLimited: this.appWideLimiter || !!router?.rateLimited, csrfExempt: false, validatedBy: [] };
    this.decoratorEvidence(decorators, decoratorNames, ev);
    // Object-wide hooks (before_request, auth middleware) on the router object this route is declared on.
    const objName = declNode.type === 'Call' && declNode.func.type === 'Attribute' ? dotted(declNode.func.value).split('.')[0] : '';
    for (const [obj, how] of this.hookAuth) if (obj === objName || (framework !== 'flask' && this.hookAuth.size)) ev.authBy.push(how);
    if (cls) this.classEvidence(cls, ev);
    // FastAPI parameters: dependencies (auth), typed parameters and models (validation).
    const tainted = new Set<string>();
    const inputs: string[] = [];
    const pathParams = path ? pathParamsOf(path) : [];
    let unvalidatedParams = false;
    for (const body of bodies) {
      const params = allParams(body).filter((p) => p.arg !== 'self' && p.arg !== 'cls');
      for (const p of params) {
        const def = paramDefault(body, p);
        const ann = p.annotation;
        const annText = ann ? dotted(ann) : '';
        const depCall = depCallOf(def) ?? (ann && ann.type === 'Subscript' && dotted(ann.value).endsWith('Annotated') ? depCallIn(ann.slice) : undefined);
        if (depCall) {
          const da = this.dependencyAuth(depCall);
          ev.authBy.push(...da.auth);
          ev.roleCheck ||= da.role;
          ev.rateLimited ||= da.rate;
          continue;
        }
        if (p.arg === 'request' || /^(Request|WebSocket|HttpRequest)$/.test(lastSegment(annText))) continue;
        if ((framework === 'django' || framework === 'drf') && fn) {
          // Django URL keyword arguments: typed by the URLconf converter (not visible here).
          tainted.add(p.arg);
          inputs.push(`path:${p.arg}`);
          continue;
        }
        if (framework === 'flask' || framework === 'django' || framework === 'drf' || framework === 'aiohttp') {
          // Path parameters: typed converters (<int:id>, <uuid:pk>) are validated by the router.
          if (pathParams.includes(p.arg)) {
            tainted.add(p.arg);
            inputs.push(`path:${p.arg}`);
            if (!typedPathParam(path ?? '', p.arg)) unvalidatedParams = true;
          }
          continue;
        }
        // FastAPI / Starlette endpoint parameter: client input, validated when annotated.
        tainted.add(p.arg);
        const model = ann ? this.modelName(ann) : undefined;
        inputs.push(pathParams.includes(p.arg) ? `path:${p.arg}` : model ? `body:${model}` : `param:${p.arg}`);
        if (!ann) unvalidatedParams = true;
        else if (model) ev.validatedBy.push(`${model} (Pydantic)`);
        else if (!ev.validatedBy.includes('typed parameters')) ev.validatedBy.push('typed parameters');
      }
      // Request reads in the body and names assigned from them.
      const reads = requestReads(body, this.semantic);
      for (const r of reads) if (!inputs.includes(r)) inputs.push(r);
      propagateTaint(body, this.semantic, tainted);
      if (this.hasAuthCheck([body])) ev.authBy.push('in-body check');
      if (this.hasRoleCheck([body])) ev.roleCheck = true;
      ev.validatedBy.push(...this.validationEvidence(body, tainted));
    }
    if (path && framework === 'flask') for (const p of pathParams) if (!tainted.has(p)) tainted.add(p);
    const readsBody = inputs.some((i) => !i.startsWith('path:') && !i.startsWith('param:') && !i.startsWith('body:'));
    let validation: Route['validation'];
    if (inputs.length === 0) validation = ev.validatedBy.length ? 'validated' : 'no-input';
    else if (ev.validatedBy.length && !unvalidatedParams) validation = 'validated';
    else if (ev.validatedBy.length && unvalidatedParams && readsBody) validation = 'validated';
    else if (!readsBody && !unvalidatedParams) validation = 'validated';
    else validation = 'unvalidated';
    if (!readsBody && !unvalidatedParams && inputs.length && !ev.validatedBy.length) ev.validatedBy.push('typed path parameters');
    const bodyRead = inputs.find((i) => /^request\.(get_data\(\)|data|stream|files|body\(\)|body|read)$/.test(i) && i !== 'request.body' || (framework !== 'django' && framework !== 'drf' && i === 'request.body'));
    const sizeChecked = this.moduleSetsMaxLength || bodies.some((b) => {
      let seen = false;
      walk(b, (n) => {
        if (seen) return false;
        if (n.type === 'Attribute' && /^(content_length|max_content_length|size)$/.test(n.attr)) seen = true;
        // len(raw) > N on a name holding the body
        if (n.type === 'Compare' && identifiers(n).includes('len') && [...namesIn(n)].some((x) => tainted.has(x))) seen = true;
        return undefined;
      });
      return seen;
    });
    let stateChanging = methods.some((m) => STATE_CHANGING.has(m));
    if (methods.includes('*') && bodies.length && !bodies.some((b) => writesState(b, inputs))) stateChanging = false;
    let auth: Route['auth'] = ev.authBy.length ? 'required' : 'none';
    if (framework === 'drf' && !ev.authBy.length) auth = 'unknown';
    this.out.push({
      route: {
        kind: 'http', framework, path, methods, handler: target ?? fn?.name ?? cls?.name ?? '?',
        location: { path: this.path, line: (fn ?? cls ?? declNode).lineno },
        auth, authBy: dedupe(ev.authBy), validation, validatedBy: dedupe(ev.validatedBy), inputs, stateChanging, rateLimited: ev.rateLimited, csrfExempt: ev.csrfExempt,
        ...(bodyRead && !sizeChecked && (framework === 'flask' || framework === 'fastapi' || framework === 'starlette' || framework === 'aiohttp') ? { unboundedRead: bodyRead } : {}),
        ...(target && (framework === 'django' || framework === 'drf') && path === null ? { target } : {}),
      },
      fn, cls, node: reportNode.type === 'Call' && !fn && !cls ? reportNode : (fn ?? cls ?? reportNode), bodies, tainted, pathParams, roleCheck: ev.roleCheck, decoratorNames,
    });
  }

  /** What a route's decorators say: login/permission/role checks, rate limits, CSRF exemption, request validation (FastAPI route dependencies too). */
  private decoratorEvidence(decorators: A.Expr[], decoratorNames: string[], ev: RouteEvidence): void {
    for (let i = 0; i < decorators.length; i++) {
      const d = decorators[i];
      const name = decoratorNames[i];
      const seg = lastSegment(name);
      if (seg === 'method_decorator' && d.type === 'Call' && d.args[0]) {
        const inner = lastSegment(dotted(d.args[0].type === 'Call' ? d.args[0].func : d.args[0]));
        if (AUTH_DECORATOR.test(inner)) ev.authBy.push(`@method_decorator(${inner})`);
        if (ROLE_DECORATOR.test(inner)) ev.roleCheck = true;
        if (CSRF_EXEMPT.test(inner)) ev.csrfExempt = true;
        if (RATE_DECORATOR.test(inner) || /ratelimit/.test(inner)) ev.rateLimited = true;
        continue;
      }
      if (seg === 'permission_classes' && d.type === 'Call') {
        const perms = d.args[0] ? permissionNames(d.args[0]) : [];
        if (perms.some((p) => p !== 'AllowAny')) ev.authBy.push(`@permission_classes([${perms.join(', ')}])`);
        if (perms.some((p) => /Admin|Staff|Superuser|Permission|Owner|Role|Scope/.test(p) && p !== 'IsAuthenticatedOrReadOnly')) ev.roleCheck = true;
        continue;
      }
      if (AUTH_DECORATOR.test(seg) && seg !== 'auth') ev.authBy.push(`@${name}`);
      if (ROLE_DECORATOR.test(seg)) ev.roleCheck = true;
      if (RATE_DECORATOR.test(seg) || /limiter/i.test(name)) ev.rateLimited = true;
      if (CSRF_EXEMPT.test(seg) && (seg === 'csrf_exempt' || /csrf/i.test(name))) ev.csrfExempt = true;
      if (/^(use_args|use_kwargs|validate|expects_json|input|validate_json|validate_request|accepts|body|marshal_with_input|arguments)$/.test(seg) && d.type === 'Call') ev.validatedBy.push(`@${name}`);
      if (seg === 'api_route' || HTTP_VERBS.has(seg)) {
        // FastAPI route-level dependencies=[...]
        const deps = d.type === 'Call' ? keywordArg(d, 'dependencies')?.value : undefined;
        if (deps) {
          const da = this.dependencyAuth(deps);
          ev.authBy.push(...da.auth);
          ev.roleCheck ||= da.role;
          ev.rateLimited ||= da.rate;
        }
      }
    }
  }

  /** Class attributes: DRF permission_classes / throttle_classes / serializer_class; Django mixins. */
  private classEvidence(cls: A.ClassDef, ev: RouteEvidence): void {
    for (const b of cls.bases.map((x) => lastSegment(dotted(x)))) {
      if (/^(LoginRequiredMixin|PermissionRequiredMixin|UserPassesTestMixin|StaffRequiredMixin|SuperuserRequiredMixin|AccessMixin)$/.test(b)) ev.authBy.push(b);
      if (/^(PermissionRequiredMixin|UserPassesTestMixin|StaffRequiredMixin|SuperuserRequiredMixin)$/.test(b)) ev.roleCheck = true;
    }
    for (const s of cls.body) {
      if (s.type !== 'Assign' || s.targets[0]?.type !== 'Name') continue;
      const attr = s.targets[0].id;
      if (attr === 'permission_classes') {
        const perms = permissionNames(s.value);
        if (perms.some((p) => p !== 'AllowAny')) ev.authBy.push(`permission_classes=[${perms.join(', ')}]`);
        if (perms.some((p) => /Admin|Staff|Superuser|DjangoModelPermissions|Owner|Role|Scope/.test(p))) ev.roleCheck = true;
      }
      if (attr === 'throttle_classes') ev.rateLimited = true;
      if (attr === 'serializer_class') ev.validatedBy.push(`serializer_class=${dotted(s.value)}`);
      if (attr === 'form_class' || attr === 'fields') ev.validatedBy.push(attr === 'form_class' ? `form_class=${dotted(s.value)}` : 'ModelForm fields');
    }
  }

  /** A Pydantic/dataclass model name for an annotation that is not a primitive type. */
  private modelName(ann: A.Expr): string | undefined {
    let a = ann;
    if (a.type === 'Subscript') {
      const base = lastSegment(dotted(a.value));
      if (base === 'Annotated') return undefined;
      if (/^(list|List|Optional|Sequence|set|Set)$/.test(base)) a = a.slice.type === 'Tuple' ? a.slice.elts[0] : a.slice;
      else return undefined;
    }
    if (a.type === 'BinOp') a = a.left; // Model | None
    const name = dotted(a);
    if (name === '?' || PRIMITIVE_TYPES.test(lastSegment(name)) || /^(dict|Dict|Any|object|list)$/.test(lastSegment(name))) return undefined;
    if (/^(UploadFile|File|Form)$/.test(lastSegment(name))) return undefined;
    return lastSegment(name);
  }

  private hasAuthCheck(bodies: A.FunctionDef[]): boolean {
    for (const b of bodies) {
      let found = false;
      walk(b, (n) => {
        if (found || (n !== b && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef'))) return false;
        if (n.type === 'If' && identifiers(n.test).some((x) => AUTH_TEST.test(x)) && exitsEarly(n.body)) found = true;
        if (n.type === 'Call' && AUTH_CALL.test(lastSegment(dotted(n.func)))) found = true;
        return undefined;
      });
      if (found) return true;
    }
    return false;
  }

  private hasRoleCheck(bodies: A.FunctionDef[]): boolean {
    for (const b of bodies) {
      let found = false;
      walk(b, (n) => {
        if (found) return false;
        if (n.type === 'If' && identifiers(n.test).some((x) => ROLE_TEST.test(x)) && exitsEarly(n.body)) found = true;
        if (n.type === 'Call' && /^(has_perm|has_perms|has_role|check_permissions|require_role|require_admin|ensure_admin)$/.test(lastSegment(dotted(n.func)))) found = true;
        return undefined;
      });
      if (found) return true;
    }
    return false;
  }

  /** Validation evidence inside a handler body. */
  private validationEvidence(body: A.FunctionDef, tainted: Set<string>): string[] {
    const out: string[] = [];
    walk(body, (n) => {
      if (n.type === 'Call') {
        const name = dotted(n.func);
        const seg = lastSegment(name);
        if (seg === 'is_valid') out.push(`${name}()`);
        else if (seg === 'validate_on_submit' || (seg === 'validate' && n.func.type === 'Attribute')) out.push(`${name}()`);
        else if (/^(model_validate|model_validate_json|parse_obj|parse_raw|validate_python)$/.test(seg)) out.push(`${name}() (Pydantic)`);
        else if ((seg === 'load' || seg === 'loads' || seg === 'validate') && /schema/i.test(name)) out.push(`${name}() (schema)`);
        else if (name === 'jsonschema.validate' || (this.semantic.qualifiedName(n.func) ?? '') === 'jsonschema.validate') out.push('jsonschema.validate()');
        else if (n.func.type === 'Name' && this.isModelClass(n.func)) out.push(`${n.func.id}(...)`);
        else if (/^(isinstance|fullmatch|secure_filename)$/.test(seg) && n.args.some((a) => [...namesIn(a)].some((x) => tainted.has(x)))) out.push(`${seg}()`);
      } else if (n.type === 'If' && [...namesIn(n.test)].some((x) => tainted.has(x)) && exitsEarly(n.body)) {
        out.push('explicit check');
      }
      return undefined;
    });
    return out;
  }

  /** A class defined here or imported from a forms/serializers/schemas module that validates input. */
  private isModelClass(name: A.Name): boolean {
    const cls = this.localClasses.get(name.id);
    if (cls) return cls.bases.some((b) => /^(BaseModel|Schema|Form|ModelForm|FlaskForm|Serializer|ModelSerializer|BaseSettings)$/.test(lastSegment(dotted(b))));
    const q = this.semantic.qualifiedName(name) ?? '';
    return /(^|\.)(forms|serializers|schemas)\.[A-Za-z_]\w*$/.test(q) || /(Form|Serializer|Schema)$/.test(name.id);
  }
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** DRF permission class names in a list/tuple (`[IsAuthenticated, IsOwner]`), or `(A & B)` expressions. */
function permissionNames(e: A.Expr): string[] {
  const out: string[] = [];
  walk(e, (n) => {
    if (n.type === 'Name') out.push(n.id);
    else if (n.type === 'Attribute') {
      out.push(n.attr);
      return false;
    }
    return undefined;
  });
  return out;
}

/** `Depends(x)` / `Security(x)` as a parameter default. */
function depCallOf(def: A.Expr | null): A.Call | undefined {
  if (def && def.type === 'Call' && /^(Depends|Security)$/.test(lastSegment(dotted(def.func)))) return def;
  return undefined;
}

/** `Depends(x)` inside `Annotated[T, Depends(x)]`. */
function depCallIn(slice: A.Expr): A.Call | undefined {
  const elts = slice.type === 'Tuple' ? slice.elts : [slice];
  for (const e of elts) {
    const d = depCallOf(e);
    if (d) return d;
  }
  return undefined;
}

/** Path parameters of a URL pattern: Flask/Django `<int:id>`/`<id>`, FastAPI/aiohttp `{id}`, regex `(?P<id>…)`. */
export function pathParamsOf(p: string): string[] {
  const out: string[] = [];
  for (const m of p.matchAll(/<(?:[\w.]+:)?(\w+)>|\{(\w+)(?::[^}]*)?\}/g)) out.push((m[1] ?? m[2]));
  return [...new Set(out)];
}

/** True when a path parameter has a typed converter (`<int:id>`, `<uuid:pk>`, `{id:int}`, `(?P<id>\d+)`). */
function typedPathParam(p: string, name: string): boolean {
  if (new RegExp(`<(int|uuid|float|slug):${name}>`).test(p)) return true;
  if (new RegExp(`\\{${name}:(int|float|uuid|\\\\d\\+|[^}]*\\\\d)`).test(p)) return true;
  if (new RegExp(`\\(\\?P<${name}>(\\\\d|\\[0-9\\]|\\[a-f0-9)`).test(p)) return true;
  return false;
}

/**
 * The request data a handler reads, as `request.<attr>` strings: Flask's global
 * `request`, and the `request` parameter (or `self.request`) of Django, DRF, Starlette
 * and aiohttp handlers.
 */
export function requestReads(fn: A.FunctionDef, semantic: SemanticModel): string[] {
  const out = new Set<string>();
  walk(fn, (n) => {
    if (n.type !== 'Attribute') return undefined;
    const attr = requestAttr(n, semantic);
    if (attr) out.add(`request.${attr}${attr === 'get_json' || attr === 'get_data' || attr === 'json' && n.parent?.type === 'Call' ? '()' : ''}`);
    return undefined;
  });
  return [...out];
}

/** If `n` is `request.<input attr>` (Flask global or a request object), the attribute name. */
export function requestAttr(n: A.Attribute, semantic: SemanticModel): string | undefined {
  const base = n.value;
  const q = semantic.qualifiedName(base) ?? '';
  if (q === 'flask.request' || q === 'quart.request' || q === 'werkzeug.local.request') return FLASK_INPUTS.has(n.attr) ? n.attr : undefined;
  const isReqObj = (base.type === 'Name' && base.id === 'request' && q === 'request') || (base.type === 'Attribute' && base.attr === 'request' && base.value.type === 'Name' && base.value.id === 'self');
  if (isReqObj && OBJ_INPUTS.has(n.attr)) return n.attr;
  return undefined;
}

/** True when an expression reads request data or a tainted name. */
export function isTaintedExpr(e: A.AnyNode, semantic: SemanticModel, tainted: ReadonlySet<string>): boolean {
  let hit = false;
  walk(e, (n) => {
    if (hit) return false;
    if (n.type === 'Name' && tainted.has(n.id)) hit = true;
    else if (n.type === 'Attribute' && requestAttr(n, semantic)) hit = true;
    return undefined;
  });
  return hit;
}

/** Add to `tainted` the names assigned (in source order) from request data or tainted names. */
export function propagateTaint(fn: A.FunctionDef, semantic: SemanticModel, tainted: Set<string>): void {
  for (let pass = 0; pass < 2; pass++) {
    walk(fn, (n) => {
      if (n.type === 'Assign' || n.type === 'AnnAssign' || n.type === 'NamedExpr') {
        const value = n.value;
        if (!value || !isTaintedExpr(value, semantic, tainted)) return undefined;
        const targets = n.type === 'Assign' ? n.targets : [n.target];
        for (const t of targets) for (const name of namesIn(t)) tainted.add(name);
      } else if ((n.type === 'For' || n.type === 'AsyncFor') && isTaintedExpr(n.iter, semantic, tainted)) {
        for (const name of namesIn(n.target)) tainted.add(name);
      }
      return undefined;
    });
  }
}

/** Does a handler with unknown methods change state (ORM writes, reads of POST/body/FILES)? */
function writesState(fn: A.FunctionDef, inputs: string[]): boolean {
  if (inputs.some((i) => /request\.(POST|body|FILES|data|form|json|get_json)/.test(i))) return true;
  let w = false;
  walk(fn, (n) => {
    if (w) return false;
    if (n.type === 'Call' && n.func.type === 'Attribute' && /^(save|delete|create|update|bulk_create|bulk_update|get_or_create|update_or_create|commit|add|execute)$/.test(n.func.attr)) w = true;
    if (n.type === 'Compare' && identifiers(n).includes('method') && identifiers(n).some((x) => /^(POST|PUT|PATCH|DELETE)$/.test(x))) w = true;
    return undefined;
  });
  return w;
}
