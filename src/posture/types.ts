/**
 * Project posture results: the route and entry-point inventory, and what the project-level
 * checks looked at. Filled by `posture/` (`collectRoutes` per file in the worker,
 * `analyzePosture` once in the project pass).
 */

/** Web frameworks and CLI libraries whose entry points krait recognises. */
export type RouteFramework =
  | 'flask'
  | 'fastapi'
  | 'starlette'
  | 'django'
  | 'drf'
  | 'aiohttp'
  | 'argparse'
  | 'click'
  | 'typer'
  | 'project.scripts';

/**
 * Whether authentication is applied to a route:
 * - `required`: a decorator, dependency, permission class, mixin, `before_request` hook or
 *   an in-body check was found (see `authBy`);
 * - `none`: the route is defined and nothing of the above was seen;
 * - `unknown`: the view could not be seen (a Django URL whose view lives in a file that
 *   was not scanned) or the decision belongs to project defaults (DRF
 *   `DEFAULT_PERMISSION_CLASSES`);
 * - `not-applicable`: CLI entry points.
 */
export type AuthStatus = 'required' | 'none' | 'unknown' | 'not-applicable';

/**
 * Whether the input a route reads goes through validation:
 * - `validated`: Pydantic models or typed FastAPI parameters, Django forms, DRF
 *   serializers, marshmallow/webargs schemas, WTForms, or explicit checks (see `validatedBy`);
 * - `unvalidated`: the route reads request data and none of the above was seen;
 * - `no-input`: the route reads no request data (typed path converters like `<int:id>` count as validated);
 * - `unknown`: the view could not be seen;
 * - `not-applicable`: CLI entry points.
 */
export type ValidationStatus = 'validated' | 'unvalidated' | 'no-input' | 'unknown' | 'not-applicable';

/** One HTTP route or CLI entry point. */
export interface Route {
  kind: 'http' | 'cli';
  framework: RouteFramework;
  /**
   * URL pattern as written, with a blueprint/router prefix when it is known
   * ('/orders/<int:order_id>', 'api/orders/<int:pk>/'); the command name for a CLI entry;
   * null when computed or when a Django view's URL was not found.
   */
  path: string | null;
  /** Upper-case HTTP methods; `['*']` when any method reaches the view; `[]` for CLI entries. */
  methods: string[];
  /** The handler as written or qualified: 'delete_order', 'OrderViewSet', 'shop.views.order_detail'. */
  handler: string;
  /** Where the route is declared (decorator, `path()` call, parser, script entry); 1-based line. */
  location: { path: string; line: number };
  /** Where the handler is defined, when it differs from `location` (Django URLconf → view). */
  handlerLocation?: { path: string; line: number };
  auth: AuthStatus;
  /** Evidence for `auth` ('@login_required', 'Depends(get_current_user)', 'permission_classes=[IsAuthenticated]'…). */
  authBy: string[];
  validation: ValidationStatus;
  /** Evidence for `validation` ('OrderIn (Pydantic)', 'form.is_valid()', 'explicit check'…). */
  validatedBy: string[];
  /** Request data the handler reads ('request.form', 'request.get_json()', 'path:order_id', 'body:OrderIn'…). */
  inputs: string[];
  /** True when one of the methods changes state (POST, PUT, PATCH, DELETE, or any). */
  stateChanging: boolean;
  /** Rate limiting seen on the route (decorator, dependency, throttle classes, app-wide limiter). */
  rateLimited: boolean;
  /**
   * A whole-body read (`request.get_data()`, `request.data`, `request.files`, `await
   * request.body()`) with no size check in the handler and no `MAX_CONTENT_LENGTH` in the
   * file; the project pass reports it unless another file sets a limit.
   */
  unboundedRead?: string;
  /** `@csrf_exempt` or equivalent on the route. */
  csrfExempt: boolean;
  /**
   * For Django: the dotted view a URL pattern points to (`shop.views.order_detail`, or
   * `.views.order_detail` when the package is unknown); used by the project pass to join
   * URLconf entries with the views found in other files.
   */
  target?: string;
}

/** A `.env`-style file the project pass looked at. */
export interface EnvFileStatus {
  path: string;
  /** True for `.env.example`, `.env.sample`, `.env.template`, `.env.dist`. */
  example: boolean;
  /** Ignored by a `.gitignore` of the project. */
  gitignored: boolean;
  /** Listed in the git index (`.git/index`) of the repository that holds it. */
  tracked: boolean;
  /** Number of `NAME=value` lines with a non-empty value. */
  valuesCount: number;
}

/** Project posture: inventory and facts behind the posture findings. */
export interface PostureReport {
  /** Every HTTP route and CLI entry point, sorted by path then line. */
  routes: Route[];
  /** `.env` files found and their status. */
  envFiles?: EnvFileStatus[];
  /** Dockerfiles and compose files checked. */
  containerFiles?: string[];
  /** Signs of per-environment configuration found ('settings/production.py', 'ProductionConfig', 'BaseSettings'…). */
  environmentConfig?: string[];
}

// ---------------------------------------------------------------------------------------
// Facts for the project rules (src/rules/project/): what the posture analysis computed
// from the project's `.env` files, Dockerfiles, compose files and Python sources.

/** A `.env`-style file: its status and its text. */
export interface EnvFileFacts extends EnvFileStatus {
  /** Absolute folder holding the file (files of one folder share one template). */
  dir: string;
  /** The file's text. */
  text: string;
  /** The file's lines with every value masked (for snippets). */
  maskedLines: string[];
}

/** One instruction of a Dockerfile that a project rule reads; `line` is 1-based. */
export type DockerInstruction =
  | { keyword: 'FROM'; line: number; image: string; tag: string | null; digest: string | null; stage: string | null; arguments: string }
  | { keyword: 'USER'; line: number; user: string }
  | { keyword: 'ENV' | 'ARG'; line: number; properties: { name: string; value: string | null; line: number }[] }
  | { keyword: 'ADD'; line: number; flags: string[]; arguments: string[] }
  | { keyword: 'RUN'; line: number; command: string };

/** A Dockerfile, parsed. */
export interface DockerfileFacts {
  path: string;
  /** The file's lines with every literal credential of ENV/ARG masked (for snippets). */
  lines: string[];
  /** FROM, USER, ENV, ARG, ADD and RUN instructions in file order. */
  instructions: DockerInstruction[];
}

/** One service of a compose file; lines are 1-based. */
export interface ComposeService {
  name: string;
  /** Settings whose value is a scalar, in file order: key, value, line of the key. */
  settings: { key: string; value: unknown; line: number }[];
  /** Sources of `volumes:` entries in file order ('/var/run/docker.sock'). */
  volumes: { source: string; line: number }[];
  /** `environment:` entries (list or map form) in file order; value null when none is given. */
  environment: { name: string; value: string | null; line: number }[];
}

/** A compose file, parsed. */
export interface ComposeFacts {
  path: string;
  /** The file's lines with every literal credential masked (for snippets). */
  lines: string[];
  services: ComposeService[];
}

/** Everything the project posture rules check, computed once per scan. */
export interface PostureFacts {
  /** `.env` files that could be read, sorted by display path. */
  envFiles: EnvFileFacts[];
  /** Dockerfiles, in discovery order. */
  dockerfiles: DockerfileFacts[];
  /** Valid compose files, in discovery order. */
  composeFiles: ComposeFacts[];
  /** Every route and entry point (Django URLs joined with their views), sorted by path then line. */
  routes: Route[];
  /** Signs of per-environment configuration found (see `PostureReport.environmentConfig`). */
  environmentConfig: string[];
  /** Some Python file sets `MAX_CONTENT_LENGTH` (Flask's request size limit). */
  maxContentLength: boolean;
  /** Browser security headers no Python file sets, in the order CSP, X-Frame-Options, X-Content-Type-Options. */
  missingSecurityHeaders: string[];
}

/**
 * What one Python file's text tells the project-wide posture checks: signs of
 * per-environment configuration, browser security headers set, a request size limit, and
 * Django REST Framework defaults. Computed in the per-file pass (and kept in the result
 * cache), so the project pass need not read every file again.
 */
export interface PythonSigns {
  /** Labels of the per-environment configuration signs found (posture's `ENV_CONFIG_SIGNS`). */
  env?: string[];
  /** Security headers set (see `headersSetIn`). */
  headers?: string[];
  maxContentLength?: true;
  /** DRF's `DEFAULT_PERMISSION_CLASSES` names an authenticating class (false: it names none). */
  drfDefaultAuth?: boolean;
  drfDefaultThrottle?: true;
}
