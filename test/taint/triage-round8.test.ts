/**
 * Reasoning-layer precision, eighth round: names the code defines (a Django model's table
 * and labels from `Model._meta`, a class's `__name__`) are constants in a query, whatever
 * object they are read from; each with a vulnerable twin.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { cleanTempDirs } from '../helpers/temp-project.js';
import { scanProject as scanAll } from '../helpers/scan-project.js';

cleanTempDirs();

/** Every finding of a project, dismissed ones included. */
const scanProject = (files: Record<string, string>): Promise<Finding[]> => scanAll(files, { dismissed: true, prefix: 'krait-round8-' });

/** A Django class-based view that formats `table` into a raw query and binds the tag. */
const djangoView = (table: string) =>
  [
    'from django.views.generic import ListView',
    'from .models import Article',
    'class Tagged(ListView):',
    '    def get_queryset(self):',
    '        tag = self.kwargs["tag"]',
    '        query = "SELECT * FROM {table} WHERE tag = %s".format(table=' + table + ')',
    '        return list(Article.objects.raw(query, [tag]))',
    '',
  ].join('\n');

const sqlAt6 = (found: Finding[]) => found.find((f) => f.location.path === 'blog/views.py' && f.location.startLine === 6 && f.ruleId === 'B608');

describe("a Django model's table name in a query", () => {
  const files = (table: string) => ({ 'blog/__init__.py': '', 'blog/models.py': 'from django.db import models\nclass Article(models.Model):\n    tag = models.CharField(max_length=20)\n', 'blog/views.py': djangoView(table) });

  it('Model._meta.db_table (and through self.model) is a constant: the SQL string is dismissed', async () => {
    for (const table of ['Article._meta.db_table', 'self.model._meta.db_table', 'Article._meta.app_label + "_article"']) {
      const f = sqlAt6(await scanProject(files(table)));
      expect(f?.status, table).toBe('dismissed');
      expect(f?.verdict?.kind, table).toBe('constant');
    }
  });

  it('a URL parameter in its place is reported', async () => {
    const f = sqlAt6(await scanProject(files('self.kwargs["table"]')));
    expect(f?.status).not.toBe('dismissed');
    expect(f?.verdict?.kind).toBe('reachable');
  });

  it('an attribute of _meta that is not one of its names, or such a name outside _meta, is not a constant', async () => {
    for (const table of ['self.kwargs["t"]._meta.db_field', 'self.kwargs["t"].label']) {
      const f = sqlAt6(await scanProject(files(table)));
      expect(f?.status, table).not.toBe('dismissed');
    }
  });
});

describe("a class's name in a query", () => {
  const view = (table: string) =>
    [
      'import sqlite3',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      '@app.route("/c")',
      'def count():',
      '    kind = request.args["kind"]',
      `    return str(sqlite3.connect("x").execute("SELECT count(*) FROM " + ${table}).fetchone())`,
      '',
    ].join('\n');
  const flows = async (table: string) => (await scanProject({ 'app.py': view(table) })).filter((f) => f.ruleId === 'KR101' || f.relatedRuleIds?.includes('KR101'));

  it('the __name__ of what request data is (its type) reaches no query', async () => {
    expect(await flows('type(kind).__name__.lower()')).toEqual([]);
    expect(await flows('kind.__class__.__name__')).toEqual([]);
  });

  it('the request data itself does', async () => {
    expect((await flows('kind.lower()')).map((f) => f.location.startLine)).toEqual([7]);
  });
});

describe('a sanitised part assigned to a name, in a function whose data comes from its caller', () => {
  const worker = (body: string) => ({ 'worker.py': ['import shlex', 'import subprocess', '', body, ''].join('\n') });
  const b602 = async (body: string) => (await scanProject(worker(body))).find((f) => f.ruleId === 'B602');

  it('`src = shlex.quote(job["name"])` then the command: sanitised; without the quote: kept', async () => {
    const safe = await b602('def run(job):\n    src = shlex.quote(job["name"])\n    subprocess.run("convert {} out.png".format(src), shell=True)');
    expect(safe?.status).toBe('dismissed');
    expect(safe?.verdict?.kind).toBe('sanitised');
    const vuln = await b602('def run(job):\n    src = job["name"]\n    subprocess.run("convert {} out.png".format(src), shell=True)');
    expect(vuln?.status).not.toBe('dismissed');
  });

  it('a number from int() assigned to a name: sanitised; the string itself: kept', async () => {
    const safe = await b602('def run(job):\n    first = int(job.get("first", 1))\n    subprocess.run("pdftotext -f {} a.pdf".format(first), shell=True)');
    expect(safe?.verdict?.kind).toBe('sanitised');
    const vuln = await b602('def run(job):\n    first = job.get("first", 1)\n    subprocess.run("pdftotext -f {} a.pdf".format(first), shell=True)');
    expect(vuln?.status).not.toBe('dismissed');
  });

  it('a helper of the module that builds the command from int() and shlex.quote(): sanitised at the call; one that does not: kept', async () => {
    const helper = (first: string, src: string) =>
      `def build(job):\n    first = ${first}\n    src = ${src}\n    return "pdftotext -f {} {}".format(first, src)\n\ndef run(job):\n    cmd = build(job)\n    subprocess.run(cmd, shell=True)`;
    const safe = await b602(helper('int(job["first"])', 'shlex.quote(job["path"])'));
    expect(safe?.verdict?.kind).toBe('sanitised');
    // Numbers only: safe for every kind, through int() (not a constant).
    const numbers = await b602('def build(job):\n    return "pdftotext -f {} a.pdf".format(int(job["first"]))\n\ndef run(job):\n    subprocess.run(build(job), shell=True)');
    expect(numbers?.verdict?.kind).toBe('sanitised');
    expect(numbers?.verdict?.reason).toContain('int()');
    for (const [first, src] of [['job["first"]', 'shlex.quote(job["path"])'], ['int(job["first"])', 'job["path"]']]) {
      const vuln = await b602(helper(first!, src!));
      expect(vuln?.status, `${first} ${src}`).not.toBe('dismissed');
    }
  });

  it('request data assigned after quoting is judged by its taint (sanitised by shlex.quote); unquoted, reachable', async () => {
    const view = (v: string) => ({ 'app.py': `import shlex, subprocess\nfrom flask import Flask, request\napp = Flask(__name__)\n@app.route("/c")\ndef c():\n    src = ${v}\n    subprocess.run("convert {} out.png".format(src), shell=True)\n    return "ok"\n` });
    const safe = (await scanProject(view('shlex.quote(request.args["f"])'))).find((f) => f.ruleId === 'B602');
    expect(safe?.verdict?.kind).toBe('sanitised');
    const vuln = (await scanProject(view('request.args["f"]'))).find((f) => f.ruleId === 'B602');
    expect(vuln?.verdict?.kind).toBe('reachable');
  });
});

describe('a loop that checks every element before going on', () => {
  const calc = (allowed: string, extra = '') =>
    [
      'import ast',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      `ALLOWED = (${allowed})`,
      'def check(tree):',
      '    for node in ast.walk(tree):',
      '        if not isinstance(node, ALLOWED):',
      '            raise ValueError("unsupported")',
      extra,
      '    return tree',
      '@app.route("/calc")',
      'def calc():',
      '    tree = check(ast.parse(request.args["e"], mode="eval"))',
      '    return str(eval(compile(tree, "<calc>", "eval"), {"__builtins__": {}}, {}))',
      '',
    ].join('\n');
  const b307 = async (allowed: string, extra = '') => (await scanProject({ 'calc.py': calc(allowed, extra) })).find((f) => f.ruleId === 'B307');
  const ARITH = 'ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub';

  it('an allow-list of arithmetic ast classes over ast.walk: the evaluated tree is sanitised', async () => {
    const f = await b307(ARITH);
    expect(f?.status).toBe('dismissed');
    expect(f?.verdict?.reason).toContain('allow-list of arithmetic syntax');
  });

  it('an allow-list that admits calls or names, or a loop that can break out, does not sanitise', async () => {
    expect((await b307(`${ARITH}, ast.Call, ast.Name`))?.status).not.toBe('dismissed');
    expect((await b307(`${ARITH}, ast.Attribute`))?.status).not.toBe('dismissed');
    const breaking = calc(ARITH).replace('            raise ValueError("unsupported")', '            raise ValueError("unsupported")\n        if isinstance(node, ast.Expression):\n            break');
    expect((await scanProject({ 'calc.py': breaking })).find((f) => f.ruleId === 'B307')?.status).not.toBe('dismissed');
  });

  const shell = (check: string) =>
    [
      'import subprocess',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      '@app.route("/host")',
      'def host():',
      '    name = request.args["name"]',
      '    for ch in name:',
      `        if not ch.${check}():`,
      '            raise ValueError("bad name")',
      '    return subprocess.check_output("host " + name, shell=True)',
      '',
    ].join('\n');
  const cmd = async (check: string) => (await scanProject({ 'app.py': shell(check) })).find((f) => f.location.startLine === 10 && (f.ruleId === 'B602' || f.relatedRuleIds?.includes('KR102')));

  it('each character checked by a str class predicate (isalnum) before the shell: sanitised; isprintable lets ; through: reachable', async () => {
    const safe = await cmd('isalnum');
    expect(safe?.status).toBe('dismissed');
    expect(safe?.verdict?.kind).toBe('sanitised');
    const vuln = await cmd('isprintable');
    expect(vuln?.verdict?.kind).toBe('reachable');
  });

  it('a check that only continues past a bad character does not sanitise', async () => {
    const code = shell('isalnum').replace('            raise ValueError("bad name")', '            continue');
    const f = (await scanProject({ 'app.py': code })).find((x) => x.location.startLine === 10 && x.ruleId === 'B602');
    expect(f?.verdict?.kind).toBe('reachable');
  });
});

describe('uploaded archives: the file object is no path, the names of its members are', () => {
  const app = (extract: string, check: string) =>
    [
      'import os, zipfile',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'DEST = "/srv/themes"',
      'def extract(fileobj):',
      '    with zipfile.ZipFile(fileobj) as zf:',
      '        for member in zf.infolist():',
      `            target = ${extract}`,
      `            if ${check}:`,
      '                raise ValueError("unsafe path in archive")',
      '            with zf.open(member) as src, open(target, "wb") as out:',
      '                out.write(src.read())',
      '@app.post("/themes")',
      'def upload():',
      '    extract(request.files.get("archive").stream)',
      '    return "ok"',
      '',
    ].join('\n');
  const pathFlows = async (code: string) =>
    (await scanProject({ 'app.py': code })).filter((f) => ['KR104', 'KR115'].some((r) => f.ruleId === r || f.relatedRuleIds?.includes(r))).map((f) => f.location.startLine);

  it('member names checked only for an absolute path or a leading ..: the write is a zip slip', async () => {
    expect(await pathFlows(app('os.path.join(DEST, member.filename)', 'os.path.isabs(member.filename) or member.filename.startswith("..")'))).toEqual([11]);
  });

  it('each name resolved and kept inside the folder: nothing, and neither the archive nor its open(member) is a path', async () => {
    expect(await pathFlows(app('os.path.realpath(os.path.join(DEST, member.filename))', 'not target.startswith(DEST + os.sep)'))).toEqual([]);
  });

  it('an upload or an in-memory copy of the body given to ZipFile directly is no path; its filename is', async () => {
    const view = (body: string) => `import io, zipfile\nfrom flask import Flask, request\napp = Flask(__name__)\n@app.post("/z")\ndef z():\n    ${body}\n    return "ok"\n`;
    expect(await pathFlows(view('zipfile.ZipFile(io.BytesIO(request.get_data())).testzip()'))).toEqual([]);
    expect(await pathFlows(view('zipfile.ZipFile(request.files["a"]).testzip()'))).toEqual([]);
    expect(await pathFlows(view('zipfile.ZipFile(request.files["a"].filename).testzip()'))).toEqual([6]);
  });
});

describe('$where code built from a parameter, the filter run elsewhere', () => {
  const files = (convert: string) => ({
    'shop/__init__.py': '',
    'shop/db.py': 'from pymongo import MongoClient\n_client = MongoClient("mongodb://localhost")\ndef find_products(criteria):\n    return list(_client["shop"]["products"].find(criteria))\n',
    'shop/services.py': 'from . import db\ndef products_under(max_price):\n    criteria = {"$where": f"this.price <= {max_price}"}\n    return db.find_products(criteria)\n',
    'shop/views.py': `from flask import Flask, request, jsonify\nfrom .services import products_under\napp = Flask(__name__)\n@app.route("/cheap")\ndef cheap():\n    return jsonify(products_under(${convert}))\n`,
  });
  const nosql = async (convert: string) => (await scanProject(files(convert))).filter((f) => f.ruleId === 'KR117' || f.relatedRuleIds?.includes('KR117'));

  it('request text through a service into the data module: reported at the find, traced from the view', async () => {
    const hits = await nosql('request.args.get("max_price", "100")');
    expect(hits.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['shop/db.py:4']);
    expect(hits[0]!.trace![0]!.location.path).toMatch(/views\.py$/);
  });

  it('the price converted to a number first: nothing', async () => {
    expect(await nosql('float(request.args.get("max_price", "100"))')).toEqual([]);
  });

  it('in one module, through a helper that builds the filter: reported; with a number: nothing', async () => {
    const one = (convert: string) => ({
      'app.py': `from flask import Flask, request\nfrom pymongo import MongoClient\napp = Flask(__name__)\ncoll = MongoClient()["shop"]["products"]\ndef under(p):\n    return list(coll.find({"$where": "this.price <= " + p}))\n@app.route("/c")\ndef c():\n    return str(under(${convert}))\n`,
    });
    const hits = async (convert: string) => (await scanProject(one(convert))).filter((f) => f.ruleId === 'KR117' || f.relatedRuleIds?.includes('KR117')).map((f) => f.location.startLine);
    expect(await hits('request.args["p"]')).toEqual([6]);
    expect(await hits('str(int(request.args["p"]))')).toEqual([]);
  });
});

describe('a client object kept in a field of self', () => {
  const app = (init: string, call: string) =>
    [
      'import requests',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'class Preview:',
      '    def __init__(self):',
      `        ${init}`,
      '    def fetch(self, url):',
      `        return ${call}`,
      'client = Preview()',
      '@app.route("/p")',
      'def p():',
      '    return client.fetch(request.args.get("url", ""))',
      '',
    ].join('\n');
  const ssrf = async (code: string) => (await scanProject({ 'app.py': code })).filter((f) => f.ruleId === 'KR105' || f.relatedRuleIds?.includes('KR105')).map((f) => f.location.startLine);

  it('self.session = requests.Session() in __init__, then self.session.get(url): the URL is the sink', async () => {
    expect(await ssrf(app('self.session = requests.Session()', 'self.session.get(url, timeout=5).content'))).toEqual([8]);
  });

  it('the request data only as a query parameter of a fixed URL: nothing', async () => {
    expect(await ssrf(app('self.session = requests.Session()', 'self.session.get("https://api.example.com/search", params={"q": url}).content'))).toEqual([]);
  });

  it('set lazily after None: still the client; also set to something else: not known to hold it', async () => {
    const lazy = 'self.session = None\n    def _client(self):\n        if self.session is None:\n            self.session = requests.Session()\n        return self.session';
    expect(await ssrf(app(lazy, 'self._client() and self.session.get(url, timeout=5).content'))).toEqual([12]);
    expect(await ssrf(app('self.session = requests.Session()\n        self.session = make_fake_session()', 'self.session.get(url, timeout=5).content'))).toEqual([]);
    expect(await ssrf(app('self.session = requests.Session()\n        self.session, self.other = make_pair()', 'self.session.get(url, timeout=5).content'))).toEqual([]);
  });
});
