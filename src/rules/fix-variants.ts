/**
 * Fix texts per web framework, for the rules whose advice (the rule's `docs.instead`, or
 * the fix it reports) is written for one framework — mostly Flask, the shortest to show.
 * When a finding's fix names a framework its file and project do not use, the project
 * pass (`pipeline/fit-fixes.ts`) puts the variant for the framework the project does use
 * in its place, or the neutral one when that is unknown. Data, one row per rule: the
 * `neutral` text is required and names no framework.
 */
import type { WebFramework } from '../core/frameworks.js';

/** A rule's fix for each framework; `neutral` for a project with none or several. */
export type FixVariants = { neutral: string } & Partial<Record<WebFramework, string>>;

const SQL_NEUTRAL = 'cur.execute("SELECT * FROM users WHERE name = %s", (name,))  # the value as a query parameter, never formatted into the SQL text';
const CMD_NEUTRAL = 'subprocess.run(["ping", "-c", "1", host], check=True)  # an argument list, no shell; validate host too';
const PATH_NEUTRAL = 'base = Path("/srv/reports").resolve()\ntarget = (base / name).resolve()\nif not target.is_relative_to(base):\n    raise PermissionError(name)\nreturn target.read_text()';
const SSRF_NEUTRAL = 'if urlparse(url).hostname not in ALLOWED_DOMAINS:\n    raise ValueError("host not allowed")\nreturn requests.get(url, timeout=5).text  # or the HTTP client the project uses';
const XSS_NEUTRAL = 'Render through an autoescaping template (Jinja2 with autoescape=True) or html.escape() every value written into HTML.';
const REDIRECT_NEUTRAL = 'if urlparse(target).netloc not in ("", OUR_HOST) or target.startswith("//"):\n    target = "/"  # only local paths or our own host';

/** The variants, by rule id. */
export const FIX_VARIANTS: Readonly<Record<string, FixVariants>> = {
  B102: {
    neutral: 'Dispatch to known functions instead of building code:\nACTIONS = {"start": start, "stop": stop}\nACTIONS[action]()  # a KeyError for anything else',
  },
  B307: { neutral: 'value = ast.literal_eval(text)  # literals only' },
  KR101: {
    neutral: SQL_NEUTRAL,
    django: 'Order.objects.filter(city=request.GET["city"])  # or cursor.execute("... WHERE city = %s", [city])',
    fastapi: '@app.get("/users")\ndef users(name: str):\n    cur.execute("SELECT * FROM users WHERE name = %s", (name,))',
    aiohttp: 'name = request.query["name"]\nrows = db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()',
  },
  KR102: {
    neutral: CMD_NEUTRAL,
    django: 'host = request.GET["host"]\nsubprocess.check_output(["ping", "-c", "1", host])  # no shell; validate host too',
    aiohttp: 'host = request.query["host"]\nproc = await asyncio.create_subprocess_exec("ping", "-c", "1", host)  # no shell; validate host too',
  },
  KR103: { neutral: 'import ast\nresult = ast.literal_eval(text)  # literals only; better, parse the input yourself' },
  KR104: {
    neutral: PATH_NEUTRAL,
    django: 'base = Path("/srv/reports").resolve()\ntarget = (base / request.GET["file"]).resolve()\nif not target.is_relative_to(base):\n    raise PermissionDenied\nreturn FileResponse(target.open("rb"))',
    aiohttp: 'base = Path("/srv/reports").resolve()\ntarget = (base / request.query["file"]).resolve()\nif not target.is_relative_to(base):\n    raise web.HTTPForbidden()\nreturn web.FileResponse(target)',
  },
  KR105: {
    neutral: SSRF_NEUTRAL,
    aiohttp: 'url = request.query["url"]\nif urlparse(url).hostname not in ALLOWED_DOMAINS:\n    raise web.HTTPBadRequest()\nasync with session.get(url, timeout=aiohttp.ClientTimeout(total=5)) as resp:\n    return web.Response(text=await resp.text())',
  },
  KR106: { neutral: 'Keep templates fixed: load them from files and pass user values as context (template.render(name=name)); never build template source from input.' },
  KR107: {
    neutral: REDIRECT_NEUTRAL,
    django: 'target = request.GET.get("next", "/")\nif not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):\n    target = "/"\nreturn redirect(target)',
  },
  KR108: {
    neutral: XSS_NEUTRAL,
    django: 'return render(request, "hello.html", {"name": request.GET["name"]})  # autoescaped; or format_html("<b>{}</b>", name)',
    fastapi: 'return templates.TemplateResponse("hello.html", {"request": request, "name": name})  # Jinja2Templates autoescape .html',
    aiohttp: 'return web.Response(text=f"<h1>{html.escape(name)}</h1>", content_type="text/html")  # or aiohttp_jinja2 with autoescape',
  },
  KR110: { neutral: 'user = escape_filter_chars(user)  # ldap.filter / ldap3.utils.conv\nconn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(uid={user})")' },
  KR111: { neutral: 'tree.xpath("//user[name=$name]", name=name)  # XPath variables, never formatted into the expression' },
  KR113: { neutral: 'user = authenticate(username, password)\nsession["user_id"] = user.id  # server-side facts only, never values the client sent' },
  KR114: {
    neutral: 'except Exception:\n    log.exception("checkout failed")\n    return an error response with a generic message (and an error id), never the traceback',
    django: 'except Exception:\n    log.exception("checkout failed")\n    return JsonResponse({"error": "internal error"}, status=500)',
    fastapi: 'except Exception:\n    log.exception("checkout failed")\n    raise HTTPException(status_code=500, detail="internal error")',
    aiohttp: 'except Exception:\n    log.exception("checkout failed")\n    return web.json_response({"error": "internal error"}, status=500)',
  },
  KR115: { neutral: 'name = os.path.basename(name)  # or an allow-list of names\npath = os.path.join(UPLOAD_DIR, name)  # an absolute name would replace UPLOAD_DIR' },
  KR116: { neutral: 'user = user.replace("\\r", "").replace("\\n", "")\nlogger.info("login failed for %r", user)  # or a formatter that escapes control characters' },
  KR117: { neutral: 'users.find_one({"name": str(body["name"]), "password_hash": hash_of(str(body["password"]))})  # plain strings, never client-supplied operators' },
  KR119: { neutral: 'ACTIONS = {"list": actions.list_items, "show": actions.show_item}\nhandler = ACTIONS.get(action)\nif handler is None:\n    raise ValueError(action)' },
  KR129: {
    neutral: 'Pass values as bound parameters of the raw query ("... WHERE email = :email" with {"email": email}, or %s with a list), never formatted into the SQL text.',
    django: 'User.objects.raw("SELECT * FROM app_user WHERE name = %s", [name])  # or the ORM: User.objects.filter(name=name)',
    sqlalchemy: 'db.session.execute(text("SELECT * FROM users WHERE email = :email"), {"email": email})',
  },
  KR326: {
    neutral: 'Do the check and the change in one transaction with the row locked (SELECT ... FOR UPDATE), or as one atomic UPDATE ... WHERE balance >= amount.',
    django: 'with transaction.atomic():\n    account = Account.objects.select_for_update().get(pk=user_id)\n    # or: Account.objects.filter(pk=user_id, balance__gte=amount).update(balance=F("balance") - amount)',
    sqlalchemy: 'with db.session.begin():\n    account = Account.query.with_for_update().get(user_id)\n    if account.balance >= amount:\n        account.balance -= amount',
  },
  KR134: {
    neutral: 'try:\n    claims = jwt.decode(token, KEY, algorithms=["HS256"])\nexcept jwt.InvalidTokenError:\n    deny()  # answer 401 and stop: never go on as if the token were valid',
    django: 'try:\n    claims = jwt.decode(token, KEY, algorithms=["HS256"])\nexcept jwt.InvalidTokenError:\n    return HttpResponse(status=401)',
    fastapi: 'try:\n    claims = jwt.decode(token, KEY, algorithms=["HS256"])\nexcept jwt.InvalidTokenError:\n    raise HTTPException(status_code=401)  # from fastapi',
    aiohttp: 'try:\n    claims = jwt.decode(token, KEY, algorithms=["HS256"])\nexcept jwt.InvalidTokenError:\n    raise web.HTTPUnauthorized()',
  },
  KR137: { neutral: 'import re\nre.search(re.escape(query), TEXT)  # the input matched literally' },
  KR145: { neutral: 'eval(text)  # written plainly, so review and tools see it (better: no eval at all)' },
  KR309: {
    neutral: 'Set a Content-Security-Policy (default-src \'self\') on every HTML response, with X-Frame-Options and X-Content-Type-Options, in a middleware or the web server.',
    flask: 'Talisman(app, content_security_policy={"default-src": "\'self\'"})  # flask-talisman',
    django: 'Install django-csp (MIDDLEWARE += ["csp.middleware.CSPMiddleware"], CSP_DEFAULT_SRC = ("\'self\'",)) or set SECURE_CSP (Django 6).',
    fastapi: '@app.middleware("http") adding response.headers["Content-Security-Policy"] = "default-src \'self\'" (and X-Frame-Options, X-Content-Type-Options)',
  },
  KR344: {
    neutral: 'settings = SETTINGS[os.environ.get("APP_ENV", "production")]  # one settings object per environment, chosen at start-up',
    django: 'DJANGO_SETTINGS_MODULE=shop.settings.production  # settings/base.py, development.py, production.py',
    fastapi: 'class Settings(BaseSettings):  # pydantic-settings: values per environment from the environment or .env\n    debug: bool = False',
  },
  KR310: {
    neutral: 'Require an authenticated user before the handler changes anything (an auth decorator, dependency or middleware).',
    flask: 'Decorate the view with @login_required (or check the user in a before_request hook).',
    aiohttp: 'Check the user before the handler runs: an auth middleware (@web.middleware) or aiohttp_security\'s check_authorized(request).',
  },
  KR311: {
    neutral: 'Require an administrator role before the handler runs (a role check in a decorator, dependency or middleware).',
    flask: 'Require an administrator role (e.g. @roles_required("admin") from Flask-Security, or a check of current_user in a decorator).',
    django: 'Require an administrator role: @user_passes_test(lambda u: u.is_staff), @permission_required(...), or permission_classes=[IsAdminUser] in DRF.',
    fastapi: 'Require an administrator role: a dependency (Depends(require_admin)) that checks the current user\'s role.',
    aiohttp: 'Require an administrator role: aiohttp_security\'s check_permission(request, "admin") or a middleware that checks the user\'s role.',
  },
  KR312: { neutral: 'order = find_order(pk)\nif order is None or order.owner_id != current_user.id:\n    deny()  # 404/403: look records up with the owner in the query' },
  KR313: {
    neutral: 'Add a rate limit to the login route (per client address and per account), in the application or at the proxy.',
    flask: 'Add a limiter (e.g. @limiter.limit("5 per minute") with Flask-Limiter).',
    django: 'Add a limiter (e.g. @ratelimit(key="ip", rate="5/m") from django-ratelimit, or DRF throttle_classes).',
    fastapi: 'Add a limiter (e.g. slowapi: a Limiter with limiter.limit("5/minute") on the path operation, or a dependency that counts attempts).',
  },
  KR315: {
    neutral: 'Validate the input at the boundary: a schema (Pydantic, marshmallow) or explicit type/length/range checks.',
    flask: 'Validate the input at the boundary: a Pydantic model, a marshmallow schema, a WTForms form, or explicit type/length/range checks.',
    django: 'Validate the input at the boundary: a Django form or DRF serializer (is_valid()), or explicit type/length/range checks.',
    fastapi: 'Validate the input at the boundary: declare a Pydantic model or typed parameters on the path operation.',
    aiohttp: 'Validate the input at the boundary: parse await request.json() into a Pydantic model (or marshmallow schema), or check type/length/range explicitly.',
  },
  KR316: {
    neutral: 'Check the extension/content type against an allow-list, keep only the base name of the file name, and cap the size.',
    flask: 'Check the extension/content type against an allow-list, use secure_filename(), and cap the size (MAX_CONTENT_LENGTH).',
    django: 'Check the extension/content type against an allow-list (FileExtensionValidator), keep only the base name, and cap the size (DATA_UPLOAD_MAX_MEMORY_SIZE / upload.size).',
    fastapi: 'Check UploadFile.content_type and the extension against an allow-list, keep only the base name, and cap UploadFile.size.',
  },
  KR317: { neutral: 'user = find_user(email)\nif user is None or not user.check_password(password):\n    fail("Invalid email or password")  # one answer whatever failed' },
  KR320: { neutral: 'except ValueError:\n    log.exception("import failed")\n    return an error response with a generic message ("could not import the file"), not str(exc)' },
  KR323: { neutral: 'if not user.check_password(pw):\n    log.warning("failed login for %s from %s", email, client_address)\n    # and log successful sign-ins too' },
};
