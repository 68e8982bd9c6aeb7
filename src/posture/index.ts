/**
 * Project posture: the route inventory and the facts of the project-level checks.
 *
 * - Per file, in the worker: `collectRoutes(module, semantic, path)` (see `routes.ts`);
 *   the engine carries the result in `FileResult.routes`.
 * - Once, in the project pass: `postureFacts(input)` joins Django URLconfs with their
 *   views, resolves DRF defaults, adds `[project.scripts]` entry points, and reads the
 *   `.env` files, per-environment configuration, request-size limits, security headers,
 *   Dockerfiles and compose files into facts; the project rules (KR309, KR340–KR358, in
 *   `src/rules/project/`) turn them into findings.
 * - `renderRoutes(report, { color })` prints the inventory for `krait routes PATH`.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { withoutContent } from '../core/text.js';
import { parse as parseToml } from 'smol-toml';
import type { FileDiagnostic, FileKind } from '../core/file.js';
import { splitLines } from '../core/snippet.js';
import type { ComposeFacts, DockerfileFacts, EnvFileStatus, PostureFacts, PostureReport, PythonSigns, Route } from './types.js';
export type { PythonSigns } from './types.js';
import { terminalSafe } from '../core/text.js';
import { envFileFacts, type EnvGitStatus } from './env.js';
export { envGitStatus, isEnvName, type EnvGitStatus } from './env.js';
import { composeFacts, dockerfileFacts, literalSecret, unpinnedPipPackages } from './containers.js';
import { headersSetIn, SecurityHeaderSigns } from './security-headers.js';

export { collectRoutes } from './routes.js';
export { literalSecret, unpinnedPipPackages };
export type {
  Route, PostureReport, AuthStatus, ValidationStatus, RouteFramework, EnvFileStatus, PostureFacts, EnvFileFacts, DockerfileFacts,
  DockerInstruction, ComposeFacts, ComposeService,
} from './types.js';

/** What the project pass gives the posture analysis. */
export interface PostureInput {
  /** Absolute scan roots. */
  roots: string[];
  /** Every discovered file: display path (as in findings), absolute path, kind. */
  files: { path: string; absPath: string; kind: FileKind }[];
  /** `FileResult.routes` of every Python file, concatenated (order does not matter). */
  routes: Route[];
  /** Largest file read by the project checks, bytes (default 2 MiB). */
  maxFileSize?: number;
  /** Git's view of the `.env` files by display path, when recorded elsewhere (see env.ts `EnvInput.gitStatus`). */
  envGitStatus?: ReadonlyMap<string, EnvGitStatus>;
  /**
   * What the per-file pass read in each Python file's text ({@link pythonSigns}, by display
   * path): those files are not read again. A Python file without an entry is read here.
   */
  signs?: ReadonlyMap<string, PythonSigns>;
}

/** The posture signs of one Python file's text; undefined when it has none. */
export function pythonSigns(text: string): PythonSigns | undefined {
  const out: PythonSigns = {};
  const env = ENV_CONFIG_SIGNS.filter(([re]) => re.test(text)).map(([, label]) => label);
  if (env.length) out.env = env;
  const headers = headersSetIn(text);
  if (headers.length) out.headers = headers;
  if (/MAX_CONTENT_LENGTH/.test(text)) out.maxContentLength = true;
  const m = /DEFAULT_PERMISSION_CLASSES['"]\s*:\s*[[(]([^\])]*)/.exec(text);
  if (m) out.drfDefaultAuth = /IsAuthenticated|IsAdminUser|DjangoModelPermissions|Permission/.test(m[1].replace(/AllowAny/g, ''));
  if (/DEFAULT_THROTTLE_CLASSES/.test(text)) out.drfDefaultThrottle = true;
  return Object.keys(out).length ? out : undefined;
}

/** What the posture analysis computed: the facts for the project rules, the report section, diagnostics. */
export interface PostureAnalysis {
  facts: PostureFacts;
  report: PostureReport;
  diagnostics: FileDiagnostic[];
}

/** Signs of per-environment configuration in Python source. */
const ENV_CONFIG_SIGNS: [RegExp, string][] = [
  [/\bos\.environ\b|\bos\.getenv\b|\bgetenv\(|\benviron\.get\(/, 'settings read from the environment'],
  [/\bBaseSettings\b/, 'pydantic BaseSettings'],
  [/\bfrom decouple import|\bimport decouple\b/, 'python-decouple'],
  [/\benviron\.Env\b/, 'django-environ'],
  [/\bload_dotenv\b|\bdotenv_values\b/, 'python-dotenv'],
  [/\b(Production|Development|Staging|Testing)Config\b/, 'per-environment config classes'],
];
const ENV_CONFIG_FILES = /(^|\/)(settings|config|conf)\/(prod|production|dev|development|staging|local|test)\.py$|(^|\/)(settings|config)_(prod|production|dev|development|staging)\.py$|(^|\/)\.env\.(example|sample|template|production|staging|development)$/;

/**
 * Compute the project posture facts (for the KR309/KR34x/KR35x rules in
 * `src/rules/project/`) and the posture report. Never throws for bad input files:
 * unreadable or unparsable files become diagnostics and the other files are still read.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- async so that a synchronous failure reaches the pipeline as a rejection
export async function postureFacts(input: PostureInput): Promise<PostureAnalysis> {
  const diagnostics: FileDiagnostic[] = [];
  const maxSize = input.maxFileSize ?? 2 * 1024 * 1024;
  const read = (f: { path: string; absPath: string }): string | undefined => {
    try {
      if (statSync(f.absPath).size > maxSize) return undefined;
      return readFileSync(f.absPath, 'utf8');
    } catch (err) {
      diagnostics.push({ path: f.path, kind: 'read-error', message: `cannot read ${f.path}: ${(err as Error).message.split('\n')[0]}` });
      return undefined;
    }
  };
  const displayOf = (abs: string): string => {
    const known = input.files.find((f) => path.resolve(f.absPath) === abs);
    if (known) return known.path;
    const root = input.roots.find((r) => abs.startsWith(r + path.sep));
    return root ? path.relative(root, abs).split(path.sep).join('/') : abs;
  };

  // .env files
  const envFiles = envFileFacts({ roots: input.roots.map((r) => path.resolve(r)), envFiles: input.files.filter((f) => f.kind === 'env'), display: displayOf, ...(input.envGitStatus ? { gitStatus: input.envGitStatus } : {}) }, diagnostics);

  // Containers
  const containerFiles: string[] = [];
  const dockerfiles: DockerfileFacts[] = [];
  const composeFiles: ComposeFacts[] = [];
  for (const f of input.files) {
    if (f.kind !== 'dockerfile' && f.kind !== 'compose') continue;
    const text = read(f);
    if (text === undefined) continue;
    containerFiles.push(f.path);
    try {
      if (f.kind === 'dockerfile') dockerfiles.push(dockerfileFacts(f.path, text));
      else {
        const compose = composeFacts(f.path, text, diagnostics);
        if (compose) composeFiles.push(compose);
      }
    } catch (err) {
      diagnostics.push({ path: f.path, kind: 'parse-error', message: `${f.path}: could not be checked (${withoutContent((err as Error).message ?? String(err))})` });
    }
  }

  // Python-wide facts: per-environment configuration, request size limits, DRF defaults.
  const environmentConfig = new Set<string>();
  let maxContentLength = false;
  let drfDefaultAuth: boolean | undefined;
  let drfDefaultThrottle = false;
  const headers = new SecurityHeaderSigns();
  for (const f of input.files) {
    if (ENV_CONFIG_FILES.test(f.path)) environmentConfig.add(f.path);
    if (f.kind !== 'python') continue;
    let signs: PythonSigns | undefined;
    if (input.signs?.has(f.path)) signs = input.signs.get(f.path);
    else {
      const text = read(f);
      if (text === undefined) continue;
      signs = pythonSigns(text);
    }
    if (!signs) continue;
    for (const label of signs.env ?? []) environmentConfig.add(label);
    headers.addHeaders(signs.headers ?? []);
    if (signs.maxContentLength) maxContentLength = true;
    if (signs.drfDefaultAuth !== undefined) drfDefaultAuth = signs.drfDefaultAuth;
    if (signs.drfDefaultThrottle) drfDefaultThrottle = true;
  }

  const routes = joinRoutes(input.routes, drfDefaultAuth, drfDefaultThrottle);
  routes.push(...projectScripts(input.files, read));
  routes.sort((a, b) => (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : a.location.line - b.location.line));

  const config = [...environmentConfig].sort();
  const envStatus = envFiles.map(({ path: p, example, gitignored, tracked, valuesCount }): EnvFileStatus => ({ path: p, example, gitignored, tracked, valuesCount }));
  return {
    facts: { envFiles, dockerfiles, composeFiles, routes, environmentConfig: config, maxContentLength, missingSecurityHeaders: headers.missing() },
    diagnostics,
    report: { routes, envFiles: envStatus, containerFiles, environmentConfig: config },
  };
}

/** Does a dotted view target name the view `handler` ('.views.order_detail' ~ 'shop.views.order_detail')? */
function sameView(target: string, handler: string): boolean {
  const t = target.replace(/^\.+/, '');
  return handler === t || handler.endsWith('.' + t) || t.endsWith('.' + handler);
}

/**
 * Join Django/DRF URL patterns with the views found in other files: the URL entry takes
 * the view's methods, auth and validation, and the view entry is dropped. Views with no
 * URL stay listed (path null). DRF views without permission classes take the project's
 * DEFAULT_PERMISSION_CLASSES (AllowAny when none is set).
 */
export function joinRoutes(routes: readonly Route[], drfDefaultAuth?: boolean, drfThrottle = false): Route[] {
  const out = routes.map((r) => ({ ...r, authBy: [...r.authBy], validatedBy: [...r.validatedBy], inputs: [...r.inputs] }));
  const views = out.filter((r) => r.path === null && r.target && (r.framework === 'django' || r.framework === 'drf'));
  const used = new Set<Route>();
  for (const u of out) {
    if (u.path === null || !u.target || u.auth !== 'unknown' || u.validation !== 'unknown') continue;
    const v = views.find((x) => sameView(u.target!, x.target!));
    if (!v) continue;
    used.add(v);
    Object.assign(u, {
      framework: v.framework, methods: v.methods, auth: v.auth, authBy: v.authBy, validation: v.validation, validatedBy: v.validatedBy,
      inputs: v.inputs, stateChanging: v.stateChanging, rateLimited: v.rateLimited, csrfExempt: v.csrfExempt, handler: v.target!,
      handlerLocation: v.location,
    });
  }
  const result = out.filter((r) => !used.has(r));
  for (const r of result) {
    if (r.framework === 'drf' && r.auth === 'unknown' && drfDefaultAuth !== undefined && (r.handlerLocation || r.path === null || r.validation !== 'unknown')) {
      r.auth = drfDefaultAuth ? 'required' : 'none';
      if (drfDefaultAuth) r.authBy.push('REST_FRAMEWORK DEFAULT_PERMISSION_CLASSES');
    } else if (r.framework === 'drf' && r.auth === 'unknown' && drfDefaultAuth === undefined && (r.handlerLocation || r.validation !== 'unknown')) {
      r.auth = 'none';
    }
    if (r.framework === 'drf' && drfThrottle) r.rateLimited = true;
  }
  return result;
}

/** `[project.scripts]` (PEP 621) and `[tool.poetry.scripts]` entries of pyproject files. */
function projectScripts(files: PostureInput['files'], read: (f: { path: string; absPath: string }) => string | undefined): Route[] {
  const out: Route[] = [];
  for (const f of files) {
    if (f.kind !== 'pyproject') continue;
    const text = read(f);
    if (text === undefined) continue;
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(text);
    } catch {
      continue; // the dependency audit reports unparsable pyproject files
    }
    const project = doc.project as Record<string, unknown> | undefined;
    const poetry = ((doc.tool as Record<string, unknown> | undefined)?.poetry as Record<string, unknown> | undefined) ?? undefined;
    const lines = splitLines(text);
    for (const table of [project?.scripts, project?.['gui-scripts'], poetry?.scripts]) {
      if (!table || typeof table !== 'object') continue;
      for (const [name, value] of Object.entries(table as Record<string, unknown>)) {
        const target = typeof value === 'string' ? value : typeof value === 'object' && value && 'callable' in value ? String((value).callable) : '?';
        const idx = lines.findIndex((l) => new RegExp(`^\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*=`).test(l));
        out.push({
          kind: 'cli', framework: 'project.scripts', path: name, methods: [], handler: target, location: { path: f.path, line: idx + 1 || 1 },
          auth: 'not-applicable', authBy: [], validation: 'not-applicable', validatedBy: [], inputs: [], stateChanging: false, rateLimited: false, csrfExempt: false,
        });
      }
    }
  }
  return out;
}

/**
 * The route inventory as text for `krait routes PATH`: HTTP routes (methods, path,
 * handler, file:line, auth and validation status with their evidence), then CLI entry
 * points. Colours only when `color` is true.
 */
export function renderRoutes(report: PostureReport, opts: { color: boolean }): string {
  const c = pc.createColors(opts.color);
  const routes = report.routes ?? [];
  const http = routes.filter((r) => r.kind === 'http');
  const cli = routes.filter((r) => r.kind === 'cli');
  const out: string[] = [];
  const authText = (r: Route) => (r.auth === 'required' ? c.green('auth') : r.auth === 'none' ? (r.stateChanging ? c.red('NO AUTH') : c.yellow('no auth')) : c.dim('auth ?'));
  const valText = (r: Route) => (r.validation === 'validated' ? c.green('validated') : r.validation === 'unvalidated' ? c.red('NOT VALIDATED') : r.validation === 'no-input' ? c.dim('no input') : c.dim('validation ?'));
  out.push(c.bold(`HTTP routes (${http.length})`));
  if (!http.length) out.push('  none found');
  // Everything but the counts comes from audited files: escaped for the terminal
  // (control characters, ANSI, bidi overrides, newlines) before it is padded or coloured.
  const t = terminalSafe;
  const methodsOf = (r: Route) => t(r.methods.join(','));
  const width = Math.min(48, Math.max(4, ...http.map((r) => (r.path === undefined ? '(no URL found)' : t(r.path)).length)));
  const mwidth = Math.min(24, Math.max(3, ...http.map((r) => methodsOf(r).length)));
  for (const r of http) {
    const p = r.path === undefined ? c.dim('(no URL found)'.padEnd(width)) : t(r.path).padEnd(width);
    const loc = `${t(r.location.path)}:${r.location.line}`;
    const extras = [r.rateLimited ? 'rate-limited' : '', r.csrfExempt ? c.yellow('csrf-exempt') : ''].filter(Boolean).join(' ');
    out.push(`  ${methodsOf(r).padEnd(mwidth)}  ${p}  ${authText(r)}  ${valText(r)}  ${c.dim(loc)} ${t(r.handler)}${extras ? '  ' + extras : ''}`);
    const ev = [...(r.authBy.length ? [`auth: ${r.authBy.map(t).join(', ')}`] : []), ...(r.validatedBy.length ? [`validation: ${r.validatedBy.map(t).join(', ')}`] : []), ...(r.inputs.length ? [`reads: ${r.inputs.map(t).join(', ')}`] : [])];
    if (ev.length) out.push(`  ${''.padEnd(mwidth)}  ${c.dim(ev.join('; '))}`);
  }
  out.push('', c.bold(`CLI entry points (${cli.length})`));
  if (!cli.length) out.push('  none found');
  for (const r of cli) out.push(`  ${t(r.path ?? '?').padEnd(24)}  ${t(r.framework).padEnd(15)}  ${c.dim(`${t(r.location.path)}:${r.location.line}`)} ${t(r.handler)}`);
  const unauth = http.filter((r) => r.auth === 'none' && r.stateChanging).length;
  const unval = http.filter((r) => r.validation === 'unvalidated').length;
  out.push('', `${http.length} routes: ${unauth} state-changing without authentication, ${unval} reading input without validation.`);
  return out.join('\n');
}
