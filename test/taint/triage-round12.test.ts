/**
 * Reasoning-layer precision, twelfth round: validators that raise (called as statements, in
 * one module and across modules), `is None` tests of regex matches and table lookups,
 * numeric `%` placeholders, per-parameter kinds in summaries, declared types of receivers and
 * fields, class constants, tuple elements built from constants, safe YAML loaders chosen at
 * import time, `repr()` before `eval`, signing helpers, host comparisons, `isabs` checks.
 * Each with its vulnerable or unsafe twin.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { cleanTempDirs } from '../helpers/temp-project.js';
import { active, at, lines, projectScanner, verdictOf } from '../helpers/triage-cases.js';

cleanTempDirs();

const scan = projectScanner('krait-round12-');
const flask = ['import os, re, subprocess', 'from flask import Flask, request', 'app = Flask(__name__)'];

describe('a validator that raises unless its check passes, called as a statement', () => {
  const app = (check: string) =>
    lines(
      ...flask,
      'NAME_RE = re.compile(r"[a-z0-9]+")',
      'def ensure_name(name):',
      `    ${check}`,
      '        raise ValueError(name)',
      '    return True',
      '@app.route("/run")',
      'def run():',
      '    name = request.args["name"]',
      '    ensure_name(name)',
      '    os.system(f"convert {name}.png out.jpg")',
      '    return "ok"',
    );

  it('raises unless the pattern fully matches: the shell finding is dismissed (sanitised)', async () => {
    const all = await scan({ 'app.py': app('if NAME_RE.fullmatch(name) is None:') });
    expect(verdictOf(all, 'B605', 'app.py', 13)).toBe('sanitised');
  });

  it('the same check with re.match (no end anchor): kept', async () => {
    const all = await scan({ 'app.py': app('if NAME_RE.match(name) is None:') });
    expect(at(all, 'B605', 'app.py', 13)).toHaveLength(1);
  });

  it('a validator that returns False instead of raising, its result ignored: kept', async () => {
    const src = lines(
      ...flask,
      'def check_name(name):',
      '    if not re.fullmatch(r"[a-z0-9]+", name):',
      '        return False',
      '    return True',
      '@app.route("/run")',
      'def run():',
      '    name = request.args["name"]',
      '    check_name(name)',
      '    os.system(f"convert {name}.png out.jpg")',
      '    return "ok"',
    );
    const all = await scan({ 'app.py': src });
    expect(at(all, 'B605', 'app.py', 12)).toHaveLength(1);
  });

  it('a validator of another module, in a try whose handler returns: dismissed; without the call: kept', async () => {
    const checks = lines('import re', 'def ensure_asset(name):', '    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):', '        raise ValueError(name)');
    const view = (call: string) =>
      lines(
        'import os',
        'from flask import Flask, request',
        'from checks import ensure_asset',
        'app = Flask(__name__)',
        '@app.route("/render")',
        'def render():',
        '    asset = request.args["a"]',
        '    try:',
        `        ${call}`,
        '    except ValueError:',
        '        return "rejected"',
        '    os.system(f"ffmpeg -i {asset}.mp4 out.webm")',
        '    return "ok"',
      );
    const safe = await scan({ 'checks.py': checks, 'app.py': view('ensure_asset(asset)') });
    expect(verdictOf(safe, 'B605', 'app.py', 12)).toBe('sanitised');
    const unsafe = await scan({ 'checks.py': checks, 'app.py': view('pass') });
    expect(at(unsafe, 'B605', 'app.py', 12)).toHaveLength(1);
  });

  it('a method of the class on self (`self._check(x)`): dismissed; checking another name: kept', async () => {
    const src = (arg: string) =>
      lines(
        ...flask,
        'class Runner:',
        '    def _check(self, value):',
        '        if not value.isalnum():',
        '            raise ValueError(value)',
        '    def run(self, target, label):',
        `        self._check(${arg})`,
        '        return subprocess.run(f"ping -c 1 {target}", shell=True)',
        '@app.route("/ping")',
        'def ping():',
        '    Runner().run(request.args["t"], request.args["l"])',
        '    return "ok"',
      );
    const safe = await scan({ 'app.py': src('target') });
    expect(at(safe, 'B602', 'app.py', 10)).toHaveLength(0);
    const unsafe = await scan({ 'app.py': src('label') });
    expect(at(unsafe, 'B602', 'app.py', 10)).toHaveLength(1);
  });
});

describe('regex matches and table lookups tested against None or by name', () => {
  const view = (...body: string[]) => lines(...flask, 'PRESETS = {"480p": "scale=-2:480", "720p": "scale=-2:720"}', '@app.route("/v")', 'def v():', '    p = request.args["p"]', ...body.map((b) => `    ${b}`), '    return "ok"');

  it('`m = re.fullmatch(...)` then `if not m: return`: dismissed; `re.search` without anchors: kept', async () => {
    const safe = await scan({ 'app.py': view('m = re.fullmatch(r"[0-9a-z]+", p)', 'if not m:', '    return "no"', 'os.system("ls " + p)') });
    expect(verdictOf(safe, 'B605', 'app.py', 11)).toBe('sanitised');
    const unsafe = await scan({ 'app.py': view('m = re.search(r"[0-9a-z]+", p)', 'if not m:', '    return "no"', 'os.system("ls " + p)') });
    expect(at(unsafe, 'B605', 'app.py', 11)).toHaveLength(1);
  });

  it('`scale = PRESETS.get(p)` then `if scale is None: raise`: p is one of the keys (dismissed)', async () => {
    const all = await scan({ 'app.py': view('scale = PRESETS.get(p)', 'if scale is None:', '    raise ValueError(p)', 'os.system(f"ffmpeg -vf {scale} -preset {p}")') });
    expect(at(all, 'B605', 'app.py', 11)).toHaveLength(0);
  });

  it('`PRESETS.get(p, p)` (the key itself as the default) then the same test: kept', async () => {
    const all = await scan({ 'app.py': view('scale = PRESETS.get(p, p)', 'if scale is None:', '    raise ValueError(p)', 'os.system(f"ffmpeg -preset {p}")') });
    expect(at(all, 'B605', 'app.py', 11)).toHaveLength(1);
  });

  it('`if not PRESETS.get(p): return` (truthiness): dismissed', async () => {
    const all = await scan({ 'app.py': view('if not PRESETS.get(p):', '    return "no"', 'os.system(f"ffmpeg -preset {p}")') });
    expect(at(all, 'B605', 'app.py', 10)).toHaveLength(0);
  });
});

describe('numbers in a command or a query', () => {
  it('`int(lines)` of a parameter inside an f-string kept in a variable: dismissed (sanitised)', async () => {
    const src = (expr: string) => lines('import subprocess', 'def tail(lines):', `    cmd = f"journalctl -n {${expr}} --no-pager"`, '    return subprocess.run(cmd, shell=True).stdout');
    expect(verdictOf(await scan({ 'ops.py': src('int(lines)') }), 'B602', 'ops.py', 4)).toBe('sanitised');
    expect(verdictOf(await scan({ 'ops.py': src('lines') }), 'B602', 'ops.py', 4)).toBe('unknown');
  });

  it('a numeric % placeholder (`%d`) formats only a number: dismissed; `%s`: reachable', async () => {
    const src = (fmt: string) => lines(...flask, '@app.route("/t")', 'def t():', `    return subprocess.run("journalctl -n ${fmt}" % request.args["n"], shell=True).stdout`);
    expect(verdictOf(await scan({ 'app.py': src('%d') }), 'B602', 'app.py', 6)).toBe('sanitised');
    expect(verdictOf(await scan({ 'app.py': src('%s') }), 'B602', 'app.py', 6)).toBe('reachable');
  });

  it('a tuple: only the operand under `%d` is a number (`%d %s` with the text second: reachable)', async () => {
    const src = (fmt: string) => lines(...flask, '@app.route("/t")', 'def t():', `    return subprocess.run("tail ${fmt}" % (request.args["n"], "/var/log/app.log"), shell=True).stdout`);
    expect(verdictOf(await scan({ 'app.py': src('-n %d %s') }), 'B602', 'app.py', 6)).toBe('sanitised');
    expect(verdictOf(await scan({ 'app.py': src('-n %s %s') }), 'B602', 'app.py', 6)).toBe('reachable');
  });

  it('a mapping: `%(n)d` formats a number, `%(n)s` text', async () => {
    const src = (spec: string) => lines(...flask, '@app.route("/t")', 'def t():', `    return subprocess.run("tail -n %(n)${spec}" % {"n": request.args["n"]}, shell=True).stdout`);
    expect(verdictOf(await scan({ 'app.py': src('d') }), 'B602', 'app.py', 6)).toBe('sanitised');
    expect(verdictOf(await scan({ 'app.py': src('s') }), 'B602', 'app.py', 6)).toBe('reachable');
  });
});

describe('the program of a list returned by a method', () => {
  const src = (first: string) =>
    lines(
      'import subprocess',
      'class Archiver:',
      '    def build_command(self, job):',
      `        cmd = [${first}, "-c", "-f", job.out]`,
      '        for pattern in job.excludes:',
      '            cmd.append(f"--exclude={pattern}")',
      '        return cmd',
      '    def run(self, job):',
      '        cmd = self.build_command(job)',
      '        subprocess.run(cmd, check=True)',
    );

  it('the list starts with "tar": a fixed program without a shell (dismissed)', async () => {
    expect(verdictOf(await scan({ 'archiver.py': src('"tar"') }), 'B603', 'archiver.py', 10)).toBe('constant');
  });

  it('the list starts with the job’s own program: kept', async () => {
    expect(verdictOf(await scan({ 'archiver.py': src('job.tool') }), 'B603', 'archiver.py', 10)).toBe('unknown');
  });
});

describe('what each parameter of a summarised function reaches', () => {
  const store = (name: string) =>
    lines(
      'import os',
      'class Store:',
      '    def __init__(self, root):',
      '        self.root = root',
      '    def _dir(self, ticket):',
      '        return os.path.join(self.root, str(ticket))',
      '    def save(self, ticket, filename, data):',
      `        name = ${name}`,
      '        target = os.path.join(self._dir(ticket), name)',
      '        with open(target, "wb") as fh:',
      '            fh.write(data)',
    );
  const view = lines('from flask import Flask, request', 'from store import Store', 'app = Flask(__name__)', 'store = Store("/srv/files")', '@app.post("/up")', 'def up():', '    f = request.files["f"]', '    store.save(7, f.filename, f.read())', '    return "ok"');

  it('the file name goes through basename beside another parameter’s path: no path traversal', async () => {
    expect(at(await scan({ 'store.py': store('os.path.basename(filename)'), 'app.py': view }), 'KR104', 'store.py')).toHaveLength(0);
  });

  it('the file name is used as it is: path traversal at the open', async () => {
    expect(at(await scan({ 'store.py': store('filename'), 'app.py': view }), 'KR104', 'store.py', 10)).toHaveLength(1);
  });
});

describe('receivers and fields known by their declared type', () => {
  it('`session: aiohttp.ClientSession = request.app["http"]`: its get() is an outgoing request (SSRF)', async () => {
    const src = (url: string) =>
      lines(
        'import aiohttp',
        'from aiohttp import web',
        'async def proxy(request: web.Request) -> web.Response:',
        '    url = request.query.get("u", "")',
        '    session: aiohttp.ClientSession = request.app["http"]',
        `    async with session.get(${url}) as upstream:`,
        '        return web.Response(body=await upstream.read())',
      );
    expect(at(await scan({ 'proxy.py': src('url') }), 'KR105', 'proxy.py', 6)).toHaveLength(1);
    expect(at(await scan({ 'proxy.py': src('"https://cdn.example.com/logo.png"') }), 'KR105', 'proxy.py')).toHaveLength(0);
  });

  it('a field set from a parameter declared as a class of another module (`self.loader = loader`)', async () => {
    const docs = (path: string) => lines('import os', 'class Loader:', '    def __init__(self, root):', '        self.root = root', '    def read(self, page):', `        with open(${path}) as fh:`, '            return fh.read()');
    const handlers = lines(
      'import tornado.web',
      'from docs import Loader',
      'class PageHandler(tornado.web.RequestHandler):',
      '    def initialize(self, loader: Loader):',
      '        self.loader = loader',
      '    def get(self):',
      '        self.write(self.loader.read(self.get_argument("page")))',
    );
    expect(at(await scan({ 'docs.py': docs('os.path.join(self.root, page)'), 'handlers.py': handlers }), 'KR104', 'docs.py', 6)).toHaveLength(1);
    expect(at(await scan({ 'docs.py': docs('os.path.join(self.root, "index.md")'), 'handlers.py': handlers }), 'KR104', 'docs.py')).toHaveLength(0);
  });
});

describe('constants the code holds', () => {
  it('`self.table` read from a class attribute no method sets: a constant in the SQL text', async () => {
    const src = (init: string) =>
      lines('import sqlite3', 'class Report:', '    table = "billing_invoice"', '    def __init__(self, table):', `        ${init}`, '    def rows(self, db):', '        return db.execute(f"SELECT id FROM {self.table}").fetchall()');
    expect(verdictOf(await scan({ 'report.py': src('self.db = None') }), 'B608', 'report.py', 7)).toBe('constant');
    expect(verdictOf(await scan({ 'report.py': src('self.table = table') }), 'B608', 'report.py', 7)).toBe('unknown');
  });

  it('a tuple element every return builds from constants (`where, params = self._where(f)`)', async () => {
    const src = (clause: string) =>
      lines(
        'import shared',
        'class Search:',
        '    def _where(self, text):',
        '        clauses, params = [], []',
        '        if text:',
        `            clauses.append(${clause})`,
        '            params.append(f"%{text}%")',
        '        return " AND ".join(clauses) or "TRUE", params',
        '    def run(self, cur, text):',
        '        where, params = self._where(text)',
        '        cur.execute(f"SELECT id FROM articles WHERE {where}", params)',
      );
    expect(verdictOf(await scan({ 'search.py': src('"title ILIKE %s"') }), 'B608', 'search.py', 11)).toBe('constant');
    // (A clause from a library: not a constant, though no parameter flows into it.)
    expect(verdictOf(await scan({ 'search.py': src('shared.extra_clause()') }), 'B608', 'search.py', 11)).toBe('unknown');
  });
});

describe('YAML loaders chosen when the module loads', () => {
  const src = (binding: string) => lines('import yaml', 'from flask import Flask, request', 'app = Flask(__name__)', ...binding.split('\n'), '@app.post("/p")', 'def p():', '    return str(yaml.load(request.data, Loader=LOADER))');

  it('`getattr(yaml, "CSafeLoader", yaml.SafeLoader)`: safe configuration', async () => {
    const all = await scan({ 'app.py': src('LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)') });
    expect(verdictOf(all, 'B506', 'app.py', 7)).toBe('safe-configuration');
  });

  it('`getattr(yaml, "CLoader", yaml.SafeLoader)` (the full loader when built with C): kept', async () => {
    expect(at(await scan({ 'app.py': src('LOADER = getattr(yaml, "CLoader", yaml.SafeLoader)') }), 'B506', 'app.py', 7)).toHaveLength(1);
  });

  it('`from yaml import CSafeLoader as LOADER`, SafeLoader on ImportError: safe; Loader on ImportError: kept', async () => {
    const safe = await scan({ 'app.py': src('try:\n    from yaml import CSafeLoader as LOADER\nexcept ImportError:\n    from yaml import SafeLoader as LOADER') });
    expect(verdictOf(safe, 'B506', 'app.py', 10)).toBe('safe-configuration');
    const unsafe = await scan({ 'app.py': src('try:\n    from yaml import CSafeLoader as LOADER\nexcept ImportError:\n    from yaml import Loader as LOADER') });
    expect(at(unsafe, 'B506', 'app.py', 10)).toHaveLength(1);
  });

  it('the safe loader in a helper module reached by request data from another: no finding', async () => {
    const parse = lines('import yaml', 'LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)', 'def parse(text):', '    return yaml.load(text, Loader=LOADER)');
    const view = lines('from flask import Flask, request', 'from parsing import parse', 'app = Flask(__name__)', '@app.post("/p")', 'def p():', '    return str(parse(request.data))');
    const all = await scan({ 'parsing.py': parse, 'app.py': view });
    expect(all.filter((x) => (x.ruleId === 'B506' || x.ruleId === 'KR109') && active(x))).toHaveLength(0);
  });
});

describe('Python literals made with repr() before eval', () => {
  const src = (expr: string) => lines(...flask, '@app.route("/f")', 'def f():', '    field = request.args["field"]', `    return str(eval(${expr}, {"__builtins__": {}}, {"row": {}}))`);

  it('`f"row.get({field!r})"` and `"row.get(" + repr(field) + ")"`: dismissed (sanitised)', async () => {
    expect(verdictOf(await scan({ 'app.py': src('f"row.get({field!r})"') }), 'B307', 'app.py', 7)).toBe('sanitised');
    expect(verdictOf(await scan({ 'app.py': src('"row.get(" + repr(field) + ")"') }), 'B307', 'app.py', 7)).toBe('sanitised');
  });

  it('`f"row.get(\'{field}\')"` (quotes of its own): reachable', async () => {
    expect(verdictOf(await scan({ 'app.py': src('f"row.get(\'{field}\')"') }), 'B307', 'app.py', 7)).toBe('reachable');
  });
});

describe('a signing helper on self that signs the bytes of its parameter', () => {
  const codec = (check: string) =>
    lines(
      'import hashlib, hmac, pickle, base64',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'class Codec:',
      '    def __init__(self, key):',
      '        self.key = key',
      '    def _sign(self, blob):',
      '        return hmac.new(self.key, blob.encode("ascii"), hashlib.sha256).hexdigest()',
      '    def loads(self, value):',
      '        blob, _, signature = value.partition(".")',
      `        if ${check}:`,
      '            raise ValueError("tampered")',
      '        return pickle.loads(base64.b64decode(blob))',
      'codec = Codec(b"server-secret")',
      '@app.route("/cart")',
      'def cart():',
      '    return str(codec.loads(request.cookies["cart"]))',
    );

  it('the signature must match: the pickle finding is dismissed', async () => {
    expect(at(await scan({ 'app.py': codec('not signature or not hmac.compare_digest(signature, self._sign(blob))') }), 'B301', 'app.py', 13)).toHaveLength(0);
  });

  it('a missing signature is let through: kept', async () => {
    expect(at(await scan({ 'app.py': codec('signature and not hmac.compare_digest(signature, self._sign(blob))') }), 'B301', 'app.py', 13)).toHaveLength(1);
  });
});

describe('host checks through a normalised name or a comparison with the server’s origin', () => {
  const client = (check: string) =>
    lines(
      'import requests',
      'from urllib.parse import urlparse',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'ORIGIN = urlparse("https://media.example.net")',
      'class Hooks:',
      '    def __init__(self, allowed):',
      '        self.allowed = {h.lower() for h in allowed}',
      '    def _check(self, url):',
      '        parsed = urlparse(url)',
      '        host = (parsed.hostname or "").lower()',
      `        if ${check}:`,
      '            raise ValueError(url)',
      '    def send(self, url):',
      '        self._check(url)',
      '        return requests.post(url, timeout=5)',
      'hooks = Hooks(["hooks.example.com"])',
      '@app.post("/t")',
      'def t():',
      '    return hooks.send(request.form["url"]).text',
    );

  it('`host = (parsed.hostname or "").lower()` in an allow-list: no SSRF', async () => {
    expect(at(await scan({ 'app.py': client('host not in self.allowed') }), 'KR105', 'app.py')).toHaveLength(0);
  });

  it('`(parsed.scheme, parsed.hostname) != (ORIGIN.scheme, ORIGIN.hostname)`: no SSRF', async () => {
    expect(at(await scan({ 'app.py': client('(parsed.scheme, parsed.hostname) != (ORIGIN.scheme, ORIGIN.hostname)') }), 'KR105', 'app.py')).toHaveLength(0);
  });

  it('only the scheme is compared: SSRF', async () => {
    expect(at(await scan({ 'app.py': client('parsed.scheme != ORIGIN.scheme') }), 'KR105', 'app.py', 16)).toHaveLength(1);
  });
});

describe('not an absolute path, and no `..`', () => {
  const src = (check: string) =>
    lines(
      'import os, zipfile',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      '@app.post("/themes")',
      'def themes():',
      '    with zipfile.ZipFile(request.files["a"].stream) as zf:',
      '        for member in zf.infolist():',
      '            name = member.filename',
      `            if ${check}:`,
      '                raise ValueError(name)',
      '            with open(os.path.join("/srv/themes", name), "wb") as out:',
      '                out.write(zf.read(member))',
      '    return "ok"',
    );

  // (The name is joined to a folder: KR115, path traversal through a joined part.)
  const traversal = (all: Finding[]) => [...at(all, 'KR104', 'app.py'), ...at(all, 'KR115', 'app.py')];

  it('`os.path.isabs(name) or name.startswith("..")` (`css/../../x` passes): path traversal', async () => {
    expect(traversal(await scan({ 'app.py': src('os.path.isabs(name) or name.startswith("..")') })).map((f) => f.location.startLine)).toEqual([11]);
  });

  it('`os.path.isabs(name)` alone: path traversal', async () => {
    expect(traversal(await scan({ 'app.py': src('os.path.isabs(name)') })).map((f) => f.location.startLine)).toEqual([11]);
  });

  it('`os.path.isabs(name) or ".." in name`, either order: no path traversal', async () => {
    expect(traversal(await scan({ 'app.py': src('os.path.isabs(name) or ".." in name') }))).toHaveLength(0);
    expect(traversal(await scan({ 'app.py': src('".." in name or os.path.isabs(name)') }))).toHaveLength(0);
  });
});

describe('mimetypes.guess_type reads only the name', () => {
  it('a request path given to guess_type is no file access; the same path opened is', async () => {
    const src = (call: string) => lines('import mimetypes', 'from flask import Flask, request', 'app = Flask(__name__)', '@app.route("/t")', 'def t():', `    return str(${call}(request.args["p"]))`);
    expect(at(await scan({ 'app.py': src('mimetypes.guess_type') }), 'KR104', 'app.py')).toHaveLength(0);
    expect(at(await scan({ 'app.py': src('open') }), 'KR104', 'app.py', 6)).toHaveLength(1);
  });
});

describe('a predicate checking a normalised copy of its parameter', () => {
  const src = (body: string) =>
    lines(
      'import requests',
      'from urllib.parse import urlparse',
      'from flask import Flask, request, abort',
      'app = Flask(__name__)',
      'ALLOWED = {"hooks.example.com", "api.example.com"}',
      'def allowed_host(host):',
      '    if not host:',
      '        return False',
      `    ${body}`,
      '@app.post("/t")',
      'def t():',
      '    url = request.form["url"]',
      '    if not allowed_host(urlparse(url).hostname):',
      '        abort(400)',
      '    return requests.get(url, timeout=5).text',
    );

  it('`h = host.strip().lower()` then `return h in ALLOWED`: the URL’s host is checked (no SSRF)', async () => {
    expect(at(await scan({ 'app.py': src('h = host.strip().lower()\n    return h in ALLOWED') }), 'KR105', 'app.py')).toHaveLength(0);
  });

  it('another name checked (`h = "api.example.com"`): SSRF', async () => {
    expect(at(await scan({ 'app.py': src('h = "api.example.com"\n    return h in ALLOWED') }), 'KR105', 'app.py', 16)).toHaveLength(1);
  });
});

describe('a `..` check on one parameter joined with another parameter’s folder', () => {
  it('the checked name may still be absolute: path traversal where the caller’s request value arrives', async () => {
    const src = lines(
      'import os',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'def save(root, name, data):',
      '    if ".." in name:',
      '        raise ValueError(name)',
      '    with open(os.path.join(root, name), "wb") as fh:',
      '        fh.write(data)',
      '@app.post("/u")',
      'def u():',
      '    save("/srv/files", request.form["name"], b"x")',
      '    return "ok"',
    );
    const all = await scan({ 'app.py': src });
    expect([...at(all, 'KR104', 'app.py'), ...at(all, 'KR115', 'app.py')].length).toBeGreaterThan(0);
  });
});

describe('a host compared with each domain of a constant list (`any(… for d in DOMAINS)`)', () => {
  const src = (test: string, domains = '("github.com", "vimeo.com")') =>
    lines(
      'import requests',
      'from urllib.parse import urlsplit',
      'from flask import Flask, request, abort',
      'app = Flask(__name__)',
      `DOMAINS = ${domains}`,
      '@app.post("/unfurl")',
      'def unfurl():',
      '    url = request.form["url"]',
      '    host = (urlsplit(url).hostname or "").lower()',
      `    if not any(${test} for d in DOMAINS):`,
      '        abort(400)',
      '    return requests.get(url, timeout=5).text',
    );

  it('`host == d or host.endswith("." + d)`: the host lies in those domains (no SSRF)', async () => {
    expect(at(await scan({ 'app.py': src('host == d or host.endswith("." + d)') }), 'KR105', 'app.py')).toHaveLength(0);
  });

  it('`host.endswith(d)` without the dot (`evilgithub.com` passes): SSRF', async () => {
    expect(at(await scan({ 'app.py': src('host == d or host.endswith(d)') }), 'KR105', 'app.py', 12)).toHaveLength(1);
  });

  it('the domains come from the request: SSRF', async () => {
    expect(at(await scan({ 'app.py': src('host == d or host.endswith("." + d)', 'request.args.getlist("d")') }), 'KR105', 'app.py', 12)).toHaveLength(1);
  });
});

describe('an instance made by a class method of another module (`Authenticator.from_env()`)', () => {
  const auth = (log: string) =>
    lines(
      'import logging, os',
      'audit = logging.getLogger("audit")',
      'class Authenticator:',
      '    def __init__(self, users):',
      '        self.users = users',
      '    @classmethod',
      '    def from_env(cls):',
      '        return cls(os.environ.get("USERS", "").split(","))',
      '    def login(self, username):',
      '        if username not in self.users:',
      `            ${log}`,
      '            return None',
      '        return username',
    );
  const view = lines('from flask import Flask, request', 'from auth import Authenticator', 'app = Flask(__name__)', 'auth = Authenticator.from_env()', '@app.post("/login")', 'def login():', '    return str(auth.login(request.form["username"]))');

  it('the method logs the form’s user name with %s: log injection in the other module', async () => {
    expect(at(await scan({ 'auth.py': auth('audit.warning("login failed user=%s", username)'), 'app.py': view }), 'KR116', 'auth.py', 11)).toHaveLength(1);
  });

  it('the method logs a fixed message: no finding', async () => {
    expect(at(await scan({ 'auth.py': auth('audit.warning("login failed")'), 'app.py': view }), 'KR116', 'auth.py')).toHaveLength(0);
  });
});
