/**
 * Reasoning-layer precision, fourteenth round: SQL placeholders built from a literal
 * (`", ".join("?" for _ in ids)`, `"?" * len(ids)`), a random pick among fixed phrases,
 * the line-break check written `any(ch in v for ch in "\r\n")`, `*args` and `**kwargs` as
 * parameters of a summary, text krait does not know formatted or replaced with untrusted
 * data, and Django's `strip_tags` in a quoted attribute. Each with its twin.
 */
import { describe, expect, it } from 'vitest';
import { cleanTempDirs } from '../helpers/temp-project.js';
import { at, lines, projectScanner, verdictOf } from '../helpers/triage-cases.js';

cleanTempDirs();

const scan = projectScanner('krait-round14-');

describe('SQL placeholders built from a literal', () => {
  const store = (marks: string, execute: string) =>
    lines(
      'import sqlite3',
      'def find(db, skus):',
      `    marks = ${marks}`,
      '    sql = f"SELECT sku FROM products WHERE sku IN ({marks})"',
      '    conn = sqlite3.connect(db)',
      `    return conn.execute(${execute}).fetchall()`,
    );

  it('", ".join("?" for _ in skus) is constant text: B608 dismissed', async () => {
    const all = await scan({ 'store.py': store('", ".join("?" for _ in skus)', 'sql, skus') });
    expect(verdictOf(all, 'B608', 'store.py', 4)).toBe('constant');
    expect(at(all, 'B608', 'store.py', 4)).toHaveLength(0);
  });

  it('",".join("?" * len(skus)) is constant text: B608 dismissed', async () => {
    const all = await scan({ 'store.py': store('",".join("?" * len(skus))', 'sql, skus') });
    expect(verdictOf(all, 'B608', 'store.py', 4)).toBe('constant');
  });

  it('joining the values themselves is not: B608 stays', async () => {
    const all = await scan({ 'store.py': store('", ".join(s for s in skus)', 'sql') });
    expect(at(all, 'B608', 'store.py', 4)).toHaveLength(1);
  });

  it('a value repeated (not a literal) is not: B608 stays', async () => {
    const all = await scan({ 'store.py': store('open("sep.txt").read() * 3', 'sql') });
    expect(at(all, 'B608', 'store.py', 4)).toHaveLength(1);
  });
});

describe('a random pick among fixed phrases', () => {
  const tokens = (body: string) => lines('import random', 'PHRASES = ["Welcome aboard!", "Glad you are here!", "Hello and welcome!"]', 'WORDS = ["apple", "river", "stone"]', 'def pick():', `    return ${body}`);

  it('random.choice(PHRASES) of phrases is one of a few texts: B311 dismissed as a non-security use', async () => {
    const all = await scan({ 'tokens.py': tokens('random.choice(PHRASES)') });
    expect(verdictOf(all, 'B311', 'tokens.py', 5)).toBe('non-security-use');
    expect(at(all, 'B311', 'tokens.py', 5)).toHaveLength(0);
  });

  it('several phrases put together may be a passphrase: B311 stays', async () => {
    const all = await scan({ 'tokens.py': tokens('" ".join(random.choice(PHRASES) for _ in range(4))') });
    expect(verdictOf(all, 'B311', 'tokens.py', 5)).toBe('unknown');
  });

  it('a pick among single words is not known to be harmless: B311 stays', async () => {
    const all = await scan({ 'tokens.py': tokens('random.choice(WORDS)') });
    expect(verdictOf(all, 'B311', 'tokens.py', 5)).toBe('unknown');
  });
});

describe('the line-break check as any() over the characters', () => {
  const links = (chars: string, leave: string) =>
    lines(
      'def _has_line_break(value):',
      `    return any(ch in value for ch in ${chars})`,
      'def build_headers(lang):',
      '    if _has_line_break(lang):',
      `        ${leave}`,
      '    return [("Content-Language", lang)]',
    );
  const server = lines(
    'from http.server import BaseHTTPRequestHandler',
    'from urllib.parse import parse_qs, urlparse',
    'from links import build_headers',
    'class Handler(BaseHTTPRequestHandler):',
    '    def do_GET(self):',
    '        lang = parse_qs(urlparse(self.path).query).get("lang", ["en"])[0]',
    '        headers = build_headers(lang)',
    '        if headers is None:',
    '            return',
    '        for name, value in headers:',
    '            self.send_header(name, value)',
  );

  it('CR and LF tested, the helper returning early: no header injection', async () => {
    const all = await scan({ 'links.py': links('"\\r\\n"', 'return None'), 'server.py': server });
    expect(at(all, 'KR112', 'server.py')).toHaveLength(0);
  });

  it('the same over a tuple of the two characters: no header injection', async () => {
    const all = await scan({ 'links.py': links('("\\r", "\\n")', 'return None'), 'server.py': server });
    expect(at(all, 'KR112', 'server.py')).toHaveLength(0);
  });

  it('LF alone tested: the header injection stays', async () => {
    const all = await scan({ 'links.py': links('"\\n"', 'return None'), 'server.py': server });
    expect(at(all, 'KR112', 'server.py', 11)).toHaveLength(1);
  });

  it('a check that only logs: the header injection stays', async () => {
    const all = await scan({ 'links.py': links('"\\r\\n"', 'print("line break")'), 'server.py': server });
    expect(at(all, 'KR112', 'server.py', 11)).toHaveLength(1);
  });
});

describe('*args and **kwargs are parameters of a summary', () => {
  const audit = (part: string) =>
    lines(
      'import logging',
      'def _single_line(value):',
      '    return str(value).replace("\\r", "\\\\r").replace("\\n", "\\\\n")',
      'class AuditLogger:',
      '    def __init__(self, name):',
      '        self._log = logging.getLogger(name)',
      '    def record(self, action, **fields):',
      `        parts = " ".join(${part} for k, v in sorted(fields.items()))`,
      '        self._log.info("%s %s", action, parts)',
      '    def note(self, *words):',
      '        self._log.info(" ".join(words))',
      '    def tag(self, label, **extra):',
      '        self._log.info(" ".join(f"{k}={v}" for k, v in extra.items()))',
      '    def names(self, **extra):',
      '        for k in extra:',
      '            self._log.info(k)',
      '    def values(self, **extra):',
      '        for k in extra:',
      '            self._log.info(extra[k])',
    );
  const handler = (call: string) =>
    lines(
      'import json',
      'from audit import AuditLogger',
      'audit = AuditLogger("payments")',
      'def lambda_handler(event, context):',
      '    body = json.loads(event.get("body") or "{}")',
      '    account = body.get("account", "")',
      `    ${call}`,
      '    return {"statusCode": 202}',
    );

  it('a keyword argument reaches the log line through **fields: log injection in the callee', async () => {
    const all = await scan({ 'audit.py': audit('f"{_single_line(k)}={v}"'), 'handler.py': handler('audit.record("refund", account=account)') });
    expect(at(all, 'KR116', 'audit.py', 9)).toHaveLength(1);
  });

  it('the keyword names are identifiers, the values cleaned: no log injection', async () => {
    const all = await scan({ 'audit.py': audit('f"{k}={_single_line(v)}"'), 'handler.py': handler('audit.record("refund", account=account)') });
    expect(at(all, 'KR116', 'audit.py')).toHaveLength(0);
  });

  it('a positional argument beyond the named ones reaches the log line through *words', async () => {
    const all = await scan({ 'audit.py': audit('f"{k}={_single_line(v)}"'), 'handler.py': handler('audit.note("refund", account)') });
    expect(at(all, 'KR116', 'audit.py', 11)).toHaveLength(1);
  });

  it('a named parameter is not part of **extra: no log injection from it', async () => {
    const all = await scan({ 'audit.py': audit('f"{k}={_single_line(v)}"'), 'handler.py': handler('audit.tag(label=account, size="1")') });
    expect(at(all, 'KR116', 'audit.py')).toHaveLength(0);
  });

  it('the keyword names of **extra iterated: no log injection', async () => {
    const all = await scan({ 'audit.py': audit('f"{k}={_single_line(v)}"'), 'handler.py': handler('audit.names(account=account)') });
    expect(at(all, 'KR116', 'audit.py')).toHaveLength(0);
  });

  it('the values of **extra by its keys: log injection', async () => {
    const all = await scan({ 'audit.py': audit('f"{k}={_single_line(v)}"'), 'handler.py': handler('audit.values(account=account)') });
    expect(at(all, 'KR116', 'audit.py', 19)).toHaveLength(1);
  });

  it('constants through *words: no log injection', async () => {
    const all = await scan({ 'audit.py': audit('f"{k}={_single_line(v)}"'), 'handler.py': handler('audit.note("refund", "requested")') });
    expect(at(all, 'KR116', 'audit.py')).toHaveLength(0);
  });
});

describe('text krait does not know, formatted or replaced with untrusted data', () => {
  const store = lines('GREETINGS = {"en": "<p>Hello {{ who }}</p>", "de": "<p>Hallo {{ who }}</p>"}', 'def greeting_for(locale):', '    return GREETINGS.get(locale, GREETINGS["en"])');
  const views = (call: string) =>
    lines(
      'from flask import Flask, render_template_string, request',
      'from store import greeting_for',
      'app = Flask(__name__)',
      '@app.route("/preview", methods=["POST"])',
      'def preview():',
      '    payload = request.get_json(force=True)',
      `    template = greeting_for(payload.get("locale", "en")).${call}`,
      '    return render_template_string(template)',
    );

  it('.replace() with request data in the template source: SSTI', async () => {
    const all = await scan({ 'store.py': store, 'views.py': views('replace("{{ who }}", payload.get("who", ""))') });
    expect(at(all, 'KR106', 'views.py', 8)).toHaveLength(1);
  });

  it('.format() with request data into a template source of a table: SSTI', async () => {
    const all = await scan({
      'views.py': lines(
        'from flask import Flask, render_template_string, request',
        'app = Flask(__name__)',
        'PAGES = {"a": "<p>{}</p>"}',
        '@app.route("/p")',
        'def page():',
        '    return render_template_string(PAGES[request.args.get("k", "a")].format(request.args["who"]))',
      ),
    });
    expect(at(all, 'KR106', 'views.py', 6)).toHaveLength(1);
  });

  it('.format() of a known URL template of a table fixes the host: no SSRF', async () => {
    const all = await scan({
      'views.py': lines(
        'import requests',
        'from flask import Flask, request',
        'app = Flask(__name__)',
        'URLS = {"item": "https://api.example.com/items/{}"}',
        '@app.route("/p")',
        'def page():',
        '    return requests.get(URLS["item"].format(request.args["id"])).text',
      ),
    });
    expect(at(all, 'KR105', 'views.py')).toHaveLength(0);
  });

  const page = (template: string) =>
    lines(
      'from django.http import HttpResponse',
      'from markupsafe import Markup',
      'from layouts import load_layout',
      'def hello(request):',
      `    page = ${template}`,
      '    return HttpResponse(page.format(request.GET.get("name", "")))',
    );

  it('a layout krait does not know formatted with request data: XSS', async () => {
    const all = await scan({ 'views.py': page('load_layout("hello")') });
    expect(at(all, 'KR108', 'views.py', 6)).toHaveLength(1);
  });

  it('a Markup template formatted with request data (Markup.format escapes): no XSS', async () => {
    const all = await scan({ 'views.py': page('Markup(load_layout("hello"))') });
    expect(at(all, 'KR108', 'views.py')).toHaveLength(0);
  });

  it('.replace() with a constant: no SSTI', async () => {
    const all = await scan({ 'store.py': store, 'views.py': views('replace("{{ who }}", "friend")') });
    expect(at(all, 'KR106', 'views.py')).toHaveLength(0);
  });
});

describe("Django's strip_tags", () => {
  const widgets = (markup: string) => lines('from django.utils.html import strip_tags', 'def search_box(query):', '    value = strip_tags(query)', `    return f'${markup}'`);
  const views = lines(
    'from django.http import HttpResponse',
    'from widgets import search_box',
    'def search(request):',
    '    return HttpResponse("<html>" + search_box(request.GET.get("q", "")) + "</html>")',
  );

  it('in a quoted attribute (quotes left as they are): XSS', async () => {
    const all = await scan({ 'widgets.py': widgets('<input name="q" value="{value}">'), 'views.py': views });
    expect(at(all, 'KR108', 'views.py', 4)).toHaveLength(1);
  });

  it('as element text: no XSS', async () => {
    const all = await scan({ 'widgets.py': widgets('<p>{value}</p>'), 'views.py': views });
    expect(at(all, 'KR108', 'views.py')).toHaveLength(0);
  });
});

describe('a parameter rebound to its validated value before a pattern finding', () => {
  const convert = (rebind: string) =>
    lines(
      'import subprocess',
      'PERMITTED = {"png", "jpg"}',
      'def _validate(fmt):',
      '    fmt = fmt.lower()',
      '    if fmt not in PERMITTED:',
      '        raise ValueError(fmt)',
      '    return fmt',
      'def convert_image(path, fmt):',
      `    ${rebind}`,
      '    command = f"convert {path} {path}.{fmt}"',
      '    return subprocess.run(command, shell=True).returncode',
    );
  const handler = lines(
    'import json',
    'import uuid',
    'from convert import convert_image',
    'def handler(event, context):',
    '    for record in event.get("Records", []):',
    '        message = json.loads(record["body"])',
    '        convert_image("/tmp/" + uuid.uuid4().hex, message.get("format", "png"))',
  );

  it('fmt = _validate(fmt) (an allow-list), the other parameter given constants: B602 dismissed in the project pass', async () => {
    const all = await scan({ 'convert.py': convert('fmt = _validate(fmt)'), 'handler.py': handler });
    expect(verdictOf(all, 'B602', 'convert.py', 11)).toBe('sanitised');
    expect(at(all, 'B602', 'convert.py', 11)).toHaveLength(0);
  });

  // A value of a library krait does not know for fmt: no flow, so only the rebinding can settle the finding.
  const cli = lines('from imaging_settings import default_format', 'from convert import convert_image', 'def main():', '    convert_image("/tmp/out", default_format())');

  it('the same with a value krait does not know for fmt: B602 dismissed', async () => {
    const all = await scan({ 'convert.py': convert('fmt = _validate(fmt)'), 'cli.py': cli });
    expect(verdictOf(all, 'B602', 'convert.py', 11)).toBe('constant');
  });

  it('fmt = fmt.lower() proves nothing: B602 stays', async () => {
    const all = await scan({ 'convert.py': convert('fmt = fmt.lower()'), 'cli.py': cli });
    expect(at(all, 'B602', 'convert.py', 11)).toHaveLength(1);
  });

  it('the validation on one branch only: B602 stays', async () => {
    const all = await scan({ 'convert.py': convert('if path: fmt = _validate(fmt)'), 'cli.py': cli });
    expect(at(all, 'B602', 'convert.py', 11)).toHaveLength(1);
  });
});

describe('a local value the analysis saw safe for the sink, whatever the parameters', () => {
  const runner = (stamp: string) =>
    lines(
      'import subprocess',
      'from datetime import datetime, timezone',
      'def archive_project(name):',
      `    stamp = ${stamp}`,
      '    cmd = f"tar czf /backups/{name}-{stamp}.tgz {name}"',
      '    return subprocess.run(cmd, shell=True)',
    );
  const api = lines('from runner import archive_project', 'def nightly():', '    archive_project("billing")');

  it('a timestamp of numeric strftime directives, every call passing a constant: B602 dismissed', async () => {
    const all = await scan({ 'runner.py': runner('datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")'), 'api.py': api });
    expect(verdictOf(all, 'B602', 'runner.py', 6)).toBe('constant');
  });

  it('strftime with a named directive (%Z) is not known safe: B602 stays', async () => {
    const all = await scan({ 'runner.py': runner('datetime.now(timezone.utc).strftime("%Y%Z")'), 'api.py': api });
    expect(at(all, 'B602', 'runner.py', 6)).toHaveLength(1);
  });

  it('a value of a library krait does not know: B602 stays', async () => {
    const all = await scan({ 'runner.py': runner('datetime.now(timezone.utc).isoformat()'), 'api.py': api });
    expect(at(all, 'B602', 'runner.py', 6)).toHaveLength(1);
  });
});

describe('an arithmetic allow-list of ast nodes before compile() and eval()', () => {
  const formula = (allowed: string) =>
    lines(
      'import ast',
      `ALLOWED = (${allowed})`,
      'def compile_formula(source):',
      '    tree = ast.parse(source, mode="eval")',
      '    for node in ast.walk(tree):',
      '        if not isinstance(node, ALLOWED):',
      '            raise ValueError("unsupported syntax")',
      '    return compile(tree, "<formula>", "eval")',
      'def evaluate(source, variables):',
      '    code = compile_formula(source)',
      '    return eval(code, {"__builtins__": {}}, dict(variables))',
    );
  const app = lines(
    'from flask import Flask, request',
    'from formula import evaluate',
    'app = Flask(__name__)',
    '@app.post("/quote")',
    'def quote():',
    '    return str(evaluate(request.form["formula"], {"qty": 2}))',
  );
  const arithmetic = 'ast.Expression, ast.BinOp, ast.Constant, ast.Name, ast.Load, ast.Add, ast.Mult';

  it('names, numbers and operators only: the eval is dismissed as sanitised', async () => {
    const all = await scan({ 'formula.py': formula(arithmetic), 'app.py': app });
    expect(verdictOf(all, 'B307', 'formula.py', 11)).toBe('sanitised');
    expect(at(all, 'B307', 'formula.py', 11)).toHaveLength(0);
  });

  it('calls and attributes allowed too: the eval stays', async () => {
    const all = await scan({ 'formula.py': formula(`${arithmetic}, ast.Call, ast.Attribute`), 'app.py': app });
    expect(at(all, 'B307', 'formula.py', 11)).toHaveLength(1);
  });

  it('no allow-list: request data reaches the eval through ast.parse() and compile()', async () => {
    const all = await scan({
      'app.py': lines('import ast', 'from flask import request', 'def run():', '    tree = ast.parse(request.args["f"], mode="eval")', '    return eval(compile(tree, "<f>", "eval"))'),
    });
    expect(verdictOf(all, 'B307', 'app.py', 5)).toBe('reachable');
  });
});
