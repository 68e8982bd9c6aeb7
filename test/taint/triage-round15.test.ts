/**
 * Reasoning-layer precision, fifteenth round: a failed conjunction as a barrier guard (`if
 * p != ROOT and not p.startswith(ROOT + os.sep): return`), equality with a module's
 * configured constant, a path normalised and checked before the name is bound again, a
 * check wrapped in `bool()`, an escaping call inside HTML whose other parts settle at the
 * callers, and a password-named constant that only names an environment variable. Each
 * with its twin.
 */
import { describe, expect, it } from 'vitest';
import { cleanTempDirs } from '../helpers/temp-project.js';
import { at, lines, projectScanner, verdictOf } from '../helpers/triage-cases.js';

cleanTempDirs();

const scan = projectScanner('krait-round15-');

/** A static-file handler of http.server reading through `fsutil.resolve_public`. */
const server = lines(
  'from http.server import BaseHTTPRequestHandler',
  'from urllib.parse import unquote, urlsplit',
  'from fsutil import resolve_public',
  'class StaticHandler(BaseHTTPRequestHandler):',
  '    def do_GET(self):',
  '        path = resolve_public(unquote(urlsplit(self.path).path))',
  '        if path is None:',
  '            self.send_error(403)',
  '            return',
  '        with open(path, "rb") as fh:',
  '            self.wfile.write(fh.read())',
);
const fsutil = (check: string, after = ['    return candidate']) =>
  lines(
    'import os',
    'PUBLIC_ROOT = os.path.realpath(os.environ.get("DOCS_ROOT", "/srv/docs"))',
    'def resolve_public(rel_path):',
    '    candidate = os.path.realpath(os.path.join(PUBLIC_ROOT, rel_path.lstrip("/")))',
    `    if ${check}:`,
    '        return None',
    ...after,
  );
const traversal = (all: Awaited<ReturnType<typeof scan>>) => [...at(all, 'KR104', 'server.py'), ...at(all, 'KR104', 'fsutil.py')];

describe('a conjunction that fails: what every part proves when it fails', () => {
  it('p != ROOT and not p.startswith(ROOT + os.sep): either p is the root or it lies under it — no KR104', async () => {
    const all = await scan({ 'server.py': server, 'fsutil.py': fsutil('candidate != PUBLIC_ROOT and not candidate.startswith(PUBLIC_ROOT + os.sep)') });
    expect(traversal(all)).toHaveLength(0);
  });

  it('a part that proves nothing of the path (endswith) leaves the value: KR104 stays', async () => {
    const all = await scan({ 'server.py': server, 'fsutil.py': fsutil('candidate != PUBLIC_ROOT and not candidate.endswith(".html")') });
    expect(at(all, 'KR104', 'server.py', 10)).toHaveLength(1);
  });

  it('the containment test the wrong way round (leaves when the path is inside): KR104 stays', async () => {
    const all = await scan({ 'server.py': server, 'fsutil.py': fsutil('candidate != PUBLIC_ROOT and candidate.startswith(PUBLIC_ROOT + os.sep)') });
    expect(at(all, 'KR104', 'server.py', 10)).toHaveLength(1);
  });
});

describe('equality with a module constant', () => {
  it('p != PUBLIC_ROOT: return — p is the configured root where it goes on: no KR104', async () => {
    const all = await scan({ 'server.py': server, 'fsutil.py': fsutil('candidate != PUBLIC_ROOT') });
    expect(traversal(all)).toHaveLength(0);
  });

  it('a lower-case name of the module is not a constant (it may be rebound): KR104 stays', async () => {
    const src = fsutil('candidate != public_root').replace('PUBLIC_ROOT = ', 'public_root = PUBLIC_ROOT = ');
    expect(at(await scan({ 'server.py': server, 'fsutil.py': src }), 'KR104', 'server.py', 10)).toHaveLength(1);
  });

  it('equality with a name of the function bound to request data proves nothing: KR104 stays', async () => {
    const app = lines(
      'import os',
      'from flask import Flask, request, send_file',
      'app = Flask(__name__)',
      '@app.route("/f")',
      'def f():',
      '    EXPECTED = request.args["expected"]',
      '    p = request.args["p"]',
      '    if p != EXPECTED:',
      '        return "no"',
      '    return send_file(p)',
    );
    const all = await scan({ 'app.py': app });
    expect([...at(all, 'KR104', 'app.py', 10), ...at(all, 'KR115', 'app.py', 10)].length).toBeGreaterThan(0);
  });
});

describe('equality with values that are no module constants', () => {
  it("a helper's parameter (a caller may pass request data for both): KR104 stays", async () => {
    const files = {
      'files.py': lines('def read_doc(path, EXPECTED):', '    if path != EXPECTED:', '        return None', '    with open(path) as fh:', '        return fh.read()'),
      'app.py': lines(
        'from flask import Flask, request',
        'from files import read_doc',
        'app = Flask(__name__)',
        '@app.route("/doc")',
        'def doc():',
        '    return read_doc(request.args["p"], request.args["q"]) or ""',
      ),
    };
    const all = await scan(files);
    expect([...at(all, 'KR104', 'files.py'), ...at(all, 'KR104', 'app.py')].length).toBeGreaterThan(0);
  });

  it('either a configured host or the request\'s own Host header: KR107 stays', async () => {
    const app = lines(
      'import os',
      'from urllib.parse import urlparse',
      'from flask import Flask, abort, redirect, request',
      'app = Flask(__name__)',
      'ALLOWED_HOST = os.environ["PUBLIC_HOST"]',
      '@app.route("/go")',
      'def go():',
      '    target = request.args["next"]',
      '    host = urlparse(target).hostname',
      '    if host != ALLOWED_HOST and host != request.host:',
      '        abort(400)',
      '    return redirect(target)',
    );
    expect(at(await scan({ 'app.py': app }), 'KR107', 'app.py', 12)).toHaveLength(1);
  });

  it('a configured host alone: no KR107', async () => {
    const app = lines(
      'import os',
      'from urllib.parse import urlparse',
      'from flask import Flask, abort, redirect, request',
      'app = Flask(__name__)',
      'ALLOWED_HOST = os.environ["PUBLIC_HOST"]',
      '@app.route("/go")',
      'def go():',
      '    target = request.args["next"]',
      '    if urlparse(target).hostname != ALLOWED_HOST:',
      '        abort(400)',
      '    return redirect(target)',
    );
    expect(at(await scan({ 'app.py': app }), 'KR107', 'app.py')).toHaveLength(0);
  });
});

describe('a path checked before its name is bound again', () => {
  const index = ['    if os.path.isdir(candidate):', '        candidate = os.path.join(candidate, "index.html")', '    return candidate'];

  it('realpath, startswith check, then `candidate = join(candidate, "index.html")` further on: no KR104', async () => {
    const all = await scan({ 'server.py': server, 'fsutil.py': fsutil('not candidate.startswith(PUBLIC_ROOT + os.sep)', index) });
    expect(traversal(all)).toHaveLength(0);
  });

  it('bound again in a branch before the check (the check may see the unnormalised path): KR104 stays', async () => {
    const src = fsutil('not candidate.startswith(PUBLIC_ROOT + os.sep)', ['    return candidate']).replace(
      '    if not candidate',
      '    if rel_path.endswith("/"):\n        candidate = os.path.join(PUBLIC_ROOT, rel_path)\n    if not candidate',
    );
    expect(at(await scan({ 'server.py': server, 'fsutil.py': src }), 'KR104', 'server.py', 10)).toHaveLength(1);
  });

  it('bound again later inside a loop around the check (the next turn checks that value unnormalised): KR104 stays', async () => {
    const src = lines(
      'import os',
      'ROOT = "/srv/docs"',
      'def resolve_public(rel_path):',
      '    candidate = os.path.realpath(os.path.join(ROOT, rel_path))',
      '    for _ in range(2):',
      '        if not candidate.startswith(ROOT + os.sep):',
      '            return None',
      '        candidate = os.path.join(ROOT, rel_path)',
      '    return candidate',
    );
    expect(at(await scan({ 'server.py': server, 'fsutil.py': src }), 'KR104', 'server.py', 10)).toHaveLength(1);
  });
});

describe('a check wrapped in bool()', () => {
  const app = (predicate: string) => ({
    'navigation.py': lines('import re', '_PATH_RE = re.compile(r"/[A-Za-z0-9_\\-./]*")', 'def is_local_path(target):', `    return ${predicate}`),
    'app.py': lines(
      'from flask import Flask, redirect, request',
      'from navigation import is_local_path',
      'app = Flask(__name__)',
      '@app.route("/login", methods=["POST"])',
      'def login():',
      '    target = request.args.get("next", "/")',
      '    if not is_local_path(target):',
      '        target = "/"',
      '    return redirect(target)',
    ),
  });

  it('bool(PATH.fullmatch(t)) and not t.startswith("//") in another module is the local-path check: no KR107', async () => {
    const all = await scan(app('bool(_PATH_RE.fullmatch(target)) and not target.startswith("//")'));
    expect(at(all, 'KR107', 'app.py')).toHaveLength(0);
  });

  it('the pattern alone admits //host: KR107 stays', async () => {
    const all = await scan(app('bool(_PATH_RE.fullmatch(target))'));
    expect(at(all, 'KR107', 'app.py', 9)).toHaveLength(1);
  });

  it('bool() of the value itself checks nothing: KR107 stays', async () => {
    const all = await scan(app('bool(target) and not target.startswith("//")'));
    expect(at(all, 'KR107', 'app.py', 9)).toHaveLength(1);
  });
});

describe('HTML marked safe: an escaped part and parts its callers settle', () => {
  const widgets = (label: string) =>
    lines(
      'import html',
      'from django.utils.html import escape, strip_tags',
      'from django.utils.safestring import mark_safe',
      'def badge(label, color):',
      `    return mark_safe(f'<span class="badge" style="color:{color}" title="${label}">${label}</span>')`,
    );
  const views = (color: string) =>
    lines(
      'from django.http import HttpResponse',
      'from widgets import badge',
      'LEVEL_COLORS = {"gold": "#c9a400", "silver": "#9a9a9a"}',
      'def profile_badge(request):',
      '    label = request.GET.get("label", "member")',
      `    color = ${color}`,
      '    return HttpResponse(badge(label, color))',
    );

  it('escape(label) with every caller passing a colour from a table: B308 dismissed', async () => {
    const all = await scan({ 'widgets.py': widgets('{escape(label)}'), 'views.py': views('LEVEL_COLORS.get(request.GET.get("level"), "#333333")') });
    expect(verdictOf(all, 'B308', 'widgets.py', 5)).toBe('constant');
    expect(at(all, 'B308', 'widgets.py', 5)).toHaveLength(0);
  });

  it('escape(label) but a caller passing request data as the colour: B308 stays', async () => {
    const all = await scan({ 'widgets.py': widgets('{escape(label)}'), 'views.py': views('request.GET.get("color", "#333333")') });
    expect(at(all, 'B308', 'widgets.py', 5)).toHaveLength(1);
  });

  it('html.escape(label, quote=False) leaves quotes (the label is also in an attribute): B308 stays', async () => {
    // (A label from storage krait does not know: no flow, only the callers settle it.)
    const stored = views('LEVEL_COLORS.get(request.GET.get("level"), "#333333")').replace('request.GET.get("label", "member")', 'storage.load_label()').replace('from widgets', 'import storage\nfrom widgets');
    const all = await scan({ 'widgets.py': widgets('{html.escape(label, quote=False)}'), 'views.py': stored });
    expect(at(all, 'B308', 'widgets.py', 5)).toHaveLength(1);
  });

  it('strip_tags leaves quotes (the label is also in an attribute): B308 stays', async () => {
    const all = await scan({ 'widgets.py': widgets('{strip_tags(label)}'), 'views.py': views('LEVEL_COLORS.get(request.GET.get("level"), "#333333")') });
    expect(at(all, 'B308', 'widgets.py', 5)).toHaveLength(1);
  });
});

describe('a password-named constant that names an environment variable', () => {
  const settings = (...rest: string[]) => lines('import os', 'PASSWORD_ENV = "REPORTING_DB_PASSWORD"', ...rest);

  it('read only as os.environ[PASSWORD_ENV]: B105 dismissed as a non-security use', async () => {
    const all = await scan({ 'settings.py': settings('DB_PASSWORD = os.environ[PASSWORD_ENV]') });
    expect(verdictOf(all, 'B105', 'settings.py', 2)).toBe('non-security-use');
    expect(at(all, 'B105', 'settings.py', 2)).toHaveLength(0);
  });

  it('read as os.getenv(PASSWORD_ENV): dismissed too', async () => {
    const all = await scan({ 'settings.py': settings('DB_PASSWORD = os.getenv(PASSWORD_ENV, "")') });
    expect(verdictOf(all, 'B105', 'settings.py', 2)).toBe('non-security-use');
  });

  it('also the default of another variable\'s read: B105 stays', async () => {
    const all = await scan({ 'settings.py': settings('DB_PASSWORD = os.getenv("OTHER", PASSWORD_ENV)') });
    expect(at(all, 'B105', 'settings.py', 2)).toHaveLength(1);
  });

  it('also passed as the password itself: B105 stays', async () => {
    const all = await scan({ 'settings.py': settings('DB_PASSWORD = os.environ.get(PASSWORD_ENV) or PASSWORD_ENV') });
    expect(at(all, 'B105', 'settings.py', 2)).toHaveLength(1);
  });

  it('not read in the module, but the same variable is read with the literal as its key: B105 dismissed', async () => {
    const all = await scan({ 'settings.py': lines('import os', 'DB_PASSWORD = os.environ.get("REPORTING_DB_PASSWORD", "")', 'PASSWORD_ENV = "REPORTING_DB_PASSWORD"') });
    expect(verdictOf(all, 'B105', 'settings.py', 3)).toBe('non-security-use');
  });

  it('the same literal as the key of something else than the environment: B105 stays', async () => {
    const all = await scan({ 'settings.py': lines('import os', 'DB_PASSWORD = CONFIG.get("REPORTING_DB_PASSWORD", "")', 'PASSWORD_ENV = "REPORTING_DB_PASSWORD"') });
    expect(at(all, 'B105', 'settings.py', 3)).toHaveLength(1);
  });

  it('never read in the module (another module may use it as the password): B105 stays', async () => {
    expect(at(await scan({ 'settings.py': settings() }), 'B105', 'settings.py', 2)).toHaveLength(1);
  });

  it('a value that is no environment variable name (lower case): B105 stays', async () => {
    const all = await scan({ 'settings.py': lines('import os', 'PASSWORD_ENV = "hunter2-pass"', 'DB_PASSWORD = os.environ[PASSWORD_ENV]') });
    expect(at(all, 'B105', 'settings.py', 2)).toHaveLength(1);
  });
});

describe('a sanitiser inside a value its callers settle: only where its text is used as it is', () => {
  const tool = (command: string) => ({ 'tool.py': lines('import os, shlex', 'def run(x):', `    os.system(${command})`) });

  it('"ls " + shlex.quote(x): the quoted part is safe whatever x holds — B605 sanitised', async () => {
    expect(verdictOf(await scan(tool('"ls " + shlex.quote(x)')), 'B605', 'tool.py', 3)).toBe('sanitised');
  });

  it('"ls %r" % shlex.quote(x): repr() puts the quoted text in double quotes, where $(…) runs — B605 stays', async () => {
    const all = await scan(tool('"ls %r" % shlex.quote(x)'));
    expect(at(all, 'B605', 'tool.py', 3)).toHaveLength(1);
  });
});

describe('argument lists without a shell: only the program matters', () => {
  const netutil = (build: string) => lines('import subprocess', 'PING_BIN = "/bin/ping"', 'def build_command(host, count):', `    return ${build}`, 'def run_ping(host, count):', '    cmd = build_command(host, count)', '    return subprocess.run(cmd, capture_output=True)');
  const main = lines('from fastapi import FastAPI', 'from netutil import run_ping', 'app = FastAPI()', '@app.get("/ping")', 'def ping(host: str, count: int = 3):', '    return run_ping(host, count).returncode');

  it('a helper returning [PING_BIN, "-c", n, host]: the host is no program — B603 dismissed, no KR102', async () => {
    const all = await scan({ 'netutil.py': netutil('[PING_BIN, "-c", str(int(count)), host]'), 'main.py': main });
    expect(verdictOf(all, 'B603', 'netutil.py', 7)).toBe('constant');
    expect([...at(all, 'B603', 'netutil.py'), ...at(all, 'KR102', 'netutil.py')]).toHaveLength(0);
  });

  it('a helper returning [host, "-c", n]: the request names the program — B603 stays', async () => {
    const all = await scan({ 'netutil.py': netutil('[host, "-c", str(int(count))]'), 'main.py': main });
    expect(at(all, 'B603', 'netutil.py', 7)).toHaveLength(1);
  });

  it('[shutil.which("soffice"), x]: a program a constant names — B603 constant', async () => {
    const all = await scan({ 'a.py': lines('import shutil, subprocess', 'def f(x):', '    subprocess.run([shutil.which("soffice"), x])') });
    expect(verdictOf(all, 'B603', 'a.py', 3)).toBe('constant');
  });

  it('[shutil.which(x), "--version"]: the argument names the program — B603 stays', async () => {
    const all = await scan({ 'a.py': lines('import shutil, subprocess', 'def f(x):', '    subprocess.run([shutil.which(x), "--version"])') });
    expect(at(all, 'B603', 'a.py', 3)).toHaveLength(1);
  });

  const shell = lines(
    'import shutil, subprocess',
    'class Shell:',
    '    def __init__(self, binary):',
    '        path = shutil.which(binary)',
    '        if path is None:',
    '            raise FileNotFoundError(binary)',
    '        self.binary = path',
    '    def run(self, *args):',
    '        return subprocess.run([self.binary, *args], capture_output=True).stdout',
  );

  it('a wrapper class whose program every caller names with a constant (`Shell("soffice").run(..., src)`): B603 dismissed', async () => {
    const all = await scan({ 'shell.py': shell, 'tasks.py': lines('from shell import Shell', 'def convert(src):', '    return Shell("soffice").run("--headless", src)') });
    expect(verdictOf(all, 'B603', 'shell.py', 9)).toBe('constant');
  });

  it('a caller naming the program with its own parameter: B603 stays', async () => {
    const all = await scan({ 'shell.py': shell, 'tasks.py': lines('from shell import Shell', 'def convert(tool, src):', '    return Shell(tool).run("--headless", src)') });
    expect(at(all, 'B603', 'shell.py', 9)).toHaveLength(1);
  });
});

describe('a path joined from parts checked for the sink', () => {
  const exporter = (check: string) =>
    lines(
      'import os, re, subprocess',
      'REPORT_DIR = "/srv/reports"',
      'NAME_RE = re.compile(r"[A-Za-z0-9_-]+")',
      'def _validate(name):',
      '    if not NAME_RE.fullmatch(name):',
      '        raise ValueError("invalid report name")',
      'def export_report(name):',
      `    ${check}`,
      '    src = os.path.join(REPORT_DIR, name + ".md")',
      '    subprocess.run(f"pandoc {src}", shell=True, check=True)',
    );

  it('os.path.join(REPORT_DIR, name + ".md") after the validator: B602 sanitised', async () => {
    expect(verdictOf(await scan({ 'exporter.py': exporter('_validate(name)') }), 'B602', 'exporter.py', 10)).toBe('sanitised');
  });

  it('without the validator: B602 stays', async () => {
    expect(at(await scan({ 'exporter.py': exporter('pass') }), 'B602', 'exporter.py', 10)).toHaveLength(1);
  });
});

describe('a containment check against a constant folder', () => {
  const storage = (root: string, prefix: string) =>
    lines('import os', `DOCS_ROOT = "${root}"`, 'def resolve_document(name):', '    candidate = os.path.abspath(os.path.join(DOCS_ROOT, name))', `    if not candidate.startswith(${prefix}):`, '        raise PermissionError(name)', '    return candidate');
  const app = lines('from flask import Flask, request, send_file', 'from storage import resolve_document', 'app = Flask(__name__)', '@app.route("/docs")', 'def doc():', '    return send_file(resolve_document(request.args["name"]))');

  it('startswith(DOCS_ROOT + os.sep): no KR104', async () => {
    expect(at(await scan({ 'storage.py': storage('/srv/app/docs', 'DOCS_ROOT + os.sep'), 'app.py': app }), 'KR104', 'app.py')).toHaveLength(0);
  });

  it('a folder written with its final slash: no KR104', async () => {
    expect(at(await scan({ 'storage.py': storage('/srv/app/docs/', 'DOCS_ROOT'), 'app.py': app }), 'KR104', 'app.py')).toHaveLength(0);
  });

  it('startswith(DOCS_ROOT) without the separator admits /srv/app/docs_private: KR104 stays', async () => {
    expect(at(await scan({ 'storage.py': storage('/srv/app/docs', 'DOCS_ROOT'), 'app.py': app }), 'KR104', 'app.py', 6)).toHaveLength(1);
  });
});

describe('an HTML escape at the start of a URL attribute', () => {
  const presenter = (tpl: string) =>
    lines('from django.utils.html import escape', 'from django.utils.safestring import mark_safe', 'def profile_link(profile):', '    url = escape(profile.website)', '    name = escape(profile.display_name)', `    return mark_safe(f'${tpl}')`);

  it('href="{url}" with url escaped: javascript: stays — B308 not dismissed', async () => {
    const all = await scan({ 'presenters.py': presenter('<a href="{url}">{name}</a>') });
    expect(at(all, 'B308', 'presenters.py', 6)).toHaveLength(1);
  });

  it('the escaped value after a fixed path (href="/u/{url}") and as element text: B308 sanitised', async () => {
    expect(verdictOf(await scan({ 'presenters.py': presenter('<a href="/u/{url}">{name}</a>') }), 'B308', 'presenters.py', 6)).toBe('sanitised');
  });

  it('a value from a library krait cannot follow, escaped into href="…": B308 not dismissed', async () => {
    const src = lines('from django.utils.html import escape', 'from django.utils.safestring import mark_safe', 'from sitelib import current_site', 'def home_link():', '    url = escape(current_site())', `    return mark_safe(f'<a href="{url}">home</a>')`);
    expect(at(await scan({ 'presenters.py': src }), 'B308', 'presenters.py', 6)).toHaveLength(1);
  });

  it('the same value as element text: B308 sanitised', async () => {
    const src = lines('from django.utils.html import escape', 'from django.utils.safestring import mark_safe', 'from sitelib import current_site', 'def home_link():', '    url = escape(current_site())', `    return mark_safe(f'<p>see href="{url}"</p>')`);
    expect(verdictOf(await scan({ 'presenters.py': src }), 'B308', 'presenters.py', 6)).toBe('sanitised');
  });

  it('a title attribute is no URL: B308 sanitised', async () => {
    expect(verdictOf(await scan({ 'presenters.py': presenter('<a title="{url}">{name}</a>') }), 'B308', 'presenters.py', 6)).toBe('sanitised');
  });

  const view = (tpl: string) =>
    lines('import html', 'from flask import Flask, request', 'app = Flask(__name__)', '@app.route("/link")', 'def link():', '    site = html.escape(request.args.get("site", ""))', `    return f'${tpl}'`);

  it('request data escaped into <a href="…">: KR108', async () => {
    expect(at(await scan({ 'app.py': view('<a href="{site}">home</a>') }), 'KR108', 'app.py', 7)).toHaveLength(1);
  });

  it('request data escaped into element text: no KR108', async () => {
    expect(at(await scan({ 'app.py': view('<p>{site}</p>') }), 'KR108', 'app.py')).toHaveLength(0);
  });
});

describe('a path a helper returns joined after a fixed root', () => {
  const files = (check: string) =>
    lines('from pathlib import Path', 'ROOT = Path("/srv/attachments").resolve()', 'def attachment_path(name):', '    candidate = ROOT / name', `    if ${check}:`, '        raise PermissionError(name)', '    return candidate', 'def read_attachment(name):', '    return attachment_path(name).read_bytes()');
  const app = lines('from flask import Flask, request', 'from files import read_attachment', 'app = Flask(__name__)', '@app.route("/a")', 'def a():', '    return read_attachment(request.args["file"])');

  it('only ".." rejected: an absolute name replaces the root — a path-traversal flow in the reader', async () => {
    const all = await scan({ 'files.py': files('".." in name'), 'app.py': app });
    expect([...at(all, 'KR104', 'files.py', 9), ...at(all, 'KR115', 'files.py', 9)]).toHaveLength(1);
  });

  it('resolved and checked to lie under the root: no KR104', async () => {
    const src = files('not candidate.resolve().is_relative_to(ROOT)').replace('    return candidate', '    return candidate.resolve()');
    const all = await scan({ 'files.py': src, 'app.py': app });
    expect([...at(all, 'KR104', 'files.py'), ...at(all, 'KR115', 'files.py')]).toHaveLength(0);
  });
});
