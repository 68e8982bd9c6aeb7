/**
 * Web frameworks in advice: which framework a piece of fix text is written for, and which
 * frameworks a project uses (from the modules it imports and the distributions it
 * declares). A fix must fit the project: a Django project is not told to use Flask's
 * `before_request`, an aiohttp project is not told to upgrade Django.
 */

/** The web frameworks (and SQLAlchemy, the ORM outside Django) whose advice krait tailors. */
export type WebFramework = 'flask' | 'django' | 'fastapi' | 'aiohttp' | 'starlette' | 'sqlalchemy';

export const WEB_FRAMEWORKS: readonly WebFramework[] = ['flask', 'django', 'fastapi', 'aiohttp', 'starlette', 'sqlalchemy'];

/**
 * What names a framework in advice text: its own name, or an API only it has
 * (`request.args` is Flask's, `request.GET` Django's, `Depends(` FastAPI's, `web.Response`
 * aiohttp's). Names shared by several frameworks (`@login_required`, `redirect(`,
 * `session[...]`) name none. Case matters for the APIs (`request.GET` vs `request.get`).
 */
const MARKERS: Readonly<Record<WebFramework, RegExp>> = {
  flask: /\b[Ff]lask\b|\bflask[_-]\w|\bFLASK_|@(app|bp|blueprint)\.route\(|\bbefore_request\b|\brender_template(_string)?\(|\brequest\.(args|values|files|get_json|get_data)\b|\brequest\.form\b(?!\()|\bjsonify\(|\babort\(\d|\bsecure_filename\(|\bsend_file\(|\bTalisman\b|\bapp\.logger\b|@limiter\.limit\b|@roles_required\b|\bUser\.query\b|\bMAX_CONTENT_LENGTH\b|\bapp\.config\b/,
  django: /\b[Dd]jango\b|\bdjango[_-]\w|\bDJANGO_|\bHttpResponse\w*\b|\bmark_safe\b|\bformat_html\b|\bLoginRequiredMixin\b|\brequest\.(GET|POST|FILES|META)\b|\bget_object_or_404\b|\bselect_for_update\b|\burl_has_allowed_host_and_scheme\b|\.objects\.|\bALLOWED_HOSTS\b|\bMIDDLEWARE\b|\bpermission_classes\b|\bthrottle_classes\b|\bIsAdminUser\b|\bserializers?\b|@ratelimit\(/,
  fastapi: /\b[Ff]ast[Aa][Pp][Ii]\b|\bfastapi\b|\bDepends\(|\bAPIRouter\b|@(app|router)\.(get|post|put|patch|delete)\(|\bUploadFile\b/,
  aiohttp: /\baiohttp\b|\bweb\.(Response|json_response|HTTP\w+)\b|\brequest\.(query|match_info)\b|\bclient_max_size\b/,
  starlette: /\b[Ss]tarlette\b/,
  sqlalchemy: /\b(SQLA|sqla)lchemy\b|\bdb\.session\b|\bwith_for_update\b|\bsession\.execute\(text\(/,
};

/** The frameworks `text` is written for (empty for framework-neutral advice). */
export function frameworksNamedIn(text: string): WebFramework[] {
  return WEB_FRAMEWORKS.filter((fw) => MARKERS[fw].test(text));
}

/**
 * The framework an imported module (or declared distribution) belongs to: `flask`,
 * `flask_login`, `flask-wtf` → flask; `django`, `rest_framework`, `django-environ` →
 * django; `fastapi`; `aiohttp`; `starlette`; `sqlalchemy`, `flask_sqlalchemy`, `sqlmodel` →
 * sqlalchemy (Flask-SQLAlchemy is both). Undefined for anything else.
 */
export function frameworkOfModule(name: string): WebFramework | undefined {
  const top = name.split('.')[0].toLowerCase().replace(/-/g, '_');
  if (top === 'flask_sqlalchemy') return 'sqlalchemy';
  if (top === 'flask' || top.startsWith('flask_') || top === 'quart' || top === 'apiflask') return 'flask';
  if (top === 'django' || top.startsWith('django_') || top === 'rest_framework' || top === 'djangorestframework') return 'django';
  if (top === 'fastapi') return 'fastapi';
  if (top === 'aiohttp') return 'aiohttp';
  if (top === 'starlette') return 'starlette';
  if (top === 'sqlalchemy' || top === 'flask_sqlalchemy' || top === 'sqlmodel') return 'sqlalchemy';
  return undefined;
}
