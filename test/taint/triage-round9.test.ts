/**
 * Reasoning-layer precision, ninth round: an object kept in a field of `self` that the
 * class's methods set to an instance of a class of another module (`self._client =
 * DirectoryClient()` in `__init__`, or lazily behind an accessor method) is that class's
 * instance, so a call of its method is followed into the other module; `.xpath(expr)` is an
 * XPath sink whatever the receiver. Each with a safe twin.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { cleanTempDirs } from '../helpers/temp-project.js';
import { scanProject } from '../helpers/scan-project.js';

cleanTempDirs();

const scan = (files: Record<string, string>): Promise<Finding[]> => scanProject(files, { prefix: 'krait-round9-' });

/** An LDAP client class; `escape` wraps the uid before it is formatted into the filter. */
const client = (escape: boolean) =>
  [
    'import ldap',
    ...(escape ? ['from ldap.filter import escape_filter_chars'] : []),
    'class DirectoryClient:',
    '    def __init__(self):',
    '        self.conn = ldap.initialize("ldap://ldap.internal")',
    '    def find_user(self, uid):',
    `        flt = "(&(objectClass=person)(uid=%s))" % ${escape ? 'escape_filter_chars(uid)' : 'uid'}`,
    '        return self.conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, flt)',
    '',
  ].join('\n');

const view = [
  'from django.http import JsonResponse',
  'from .service import PeopleService',
  'people = PeopleService()',
  'def lookup(request):',
  '    uid = request.GET.get("uid", "")',
  '    return JsonResponse({"entries": people.find(uid)})',
  '',
].join('\n');

const eager = [
  'from .client import DirectoryClient',
  'class PeopleService:',
  '    def __init__(self):',
  '        self._client = DirectoryClient()',
  '    def find(self, uid):',
  '        return self._client.find_user(uid.strip())',
  '',
].join('\n');

const lazy = [
  'from .client import DirectoryClient',
  'class PeopleService:',
  '    def __init__(self):',
  '        self._client = None',
  '    def client(self):',
  '        if self._client is None:',
  '            self._client = DirectoryClient()',
  '        return self._client',
  '    def find(self, uid):',
  '        return self.client().find_user(uid.strip())',
  '',
].join('\n');

const ldapAt = (found: Finding[]) => found.find((f) => f.ruleId === 'KR110');

describe('a field of self holding an instance of a class of another module', () => {
  for (const [name, service] of [['set in __init__', eager], ['behind a lazy accessor method', lazy]] as const) {
    it(`${name}: the request reaches the LDAP filter in the third module, with the whole trace`, async () => {
      const f = ldapAt(await scan({ 'dir/__init__.py': '', 'dir/client.py': client(false), 'dir/service.py': service, 'dir/views.py': view }));
      expect(f?.location.path).toBe('dir/client.py');
      expect(f?.location.startLine).toBe(7);
      const files = (f?.trace ?? []).map((s) => `${s.location.path.split(/[\\/]/).slice(-2).join("/")}:${s.location.startLine}`);
      expect(files[0]).toBe('dir/views.py:5');
      expect(files).toContain('dir/service.py:' + (service === eager ? 6 : 10));
      expect(files.at(-1)).toBe('dir/client.py:7');
    });

    it(`${name}: escape_filter_chars in the client clears it`, async () => {
      expect(ldapAt(await scan({ 'dir/__init__.py': '', 'dir/client.py': client(true), 'dir/service.py': service, 'dir/views.py': view }))).toBeUndefined();
    });
  }

  it('a field also set to an instance of another class is not known (no flow is invented through it)', async () => {
    const mixed = eager.replace('        self._client = DirectoryClient()', '        self._client = DirectoryClient()\n    def reset(self):\n        self._client = dict()');
    expect(ldapAt(await scan({ 'dir/__init__.py': '', 'dir/client.py': client(false), 'dir/service.py': mixed, 'dir/views.py': view }))).toBeUndefined();
  });
});

describe('.xpath(expr) on an object made in another module', () => {
  const files = (expr: string) => ({
    'cat/__init__.py': '',
    'cat/data.py': 'from lxml import etree\ndef load_catalog():\n    return etree.fromstring(b"<catalog/>")\n',
    'cat/finder.py': ['from .data import load_catalog', 'class Finder:', '    def __init__(self):', '        self.tree = load_catalog()', '    def find(self, name):', `        return self.tree.xpath(${expr})`, ''].join('\n'),
    'cat/views.py': ['from flask import Flask, request', 'from .finder import Finder', 'app = Flask(__name__)', 'finder = Finder()', '@app.route("/p")', 'def price():', '    return str(finder.find(request.args.get("name", "")))', ''].join('\n'),
  });

  it('a formatted expression is XPath injection', async () => {
    const f = (await scan(files(`"//product[@name='%s']" % name`))).find((x) => x.ruleId === 'KR111');
    expect(f?.location.path).toBe('cat/finder.py');
    expect(f?.location.startLine).toBe(6);
  });

  it('a constant expression with an XPath variable is not', async () => {
    expect((await scan(files('"//product[@name=$n]", n=name'))).find((x) => x.ruleId === 'KR111')).toBeUndefined();
  });
});

describe('a constant another module defines, named in capitals', () => {
  const scanAll = (files: Record<string, string>): Promise<Finding[]> => scanProject(files, { dismissed: true, prefix: 'krait-round9-' });
  const ops = (lookup: string) => ({
    'volumes.py': 'MOUNTS = {"data": "/mnt/data", "logs": "/var/log"}\nmounts = dict(MOUNTS)\n',
    'ops.py': ['import os', 'from flask import Flask, request', `from volumes import MOUNTS, mounts`, 'app = Flask(__name__)', '@app.get("/disk")', 'def disk():', '    volume = request.args.get("volume", "data")', `    mount = ${lookup}`, '    return os.popen(f"df -hP {mount}").read()', ''].join('\n'),
  });
  const popen = (found: Finding[]) => found.find((f) => f.ruleId === 'B605' && f.location.startLine === 9);

  it('a value looked up in an imported table in capitals is a constant: the command is dismissed', async () => {
    for (const lookup of ['MOUNTS.get(volume)', 'MOUNTS[volume]', 'MOUNTS.get(volume, "/")']) {
      const f = popen(await scanAll(ops(lookup)));
      expect(f?.status, lookup).toBe('dismissed');
      expect(f?.verdict?.kind, lookup).toBe('constant');
    }
  });

  it('the request value as the default, or a table not named in capitals, is not', async () => {
    for (const lookup of ['MOUNTS.get(volume, volume)', 'mounts.get(volume)']) {
      const f = popen(await scanAll(ops(lookup)));
      expect(f, lookup).toBeDefined();
      expect(f?.status ?? 'active', lookup).toBe('active');
    }
  });

  it('a table its module changes (MOUNTS["x"] = input()) is not a table of constants', async () => {
    const files = ops('MOUNTS.get(volume)');
    const f = popen(await scanAll({ ...files, 'volumes.py': `${files['volumes.py']}MOUNTS["custom"] = input()\n` }));
    expect(f, 'changed').toBeDefined();
    expect(f?.status ?? 'active').toBe('active');
  });

  it('in a second look brought on by an unchanged table, the changed one still counts', async () => {
    const files = ops('f"{TOOLS.get(volume)} {MOUNTS.get(volume)}"');
    const volumes = `TOOLS = {"df": "df -h"}\n${files['volumes.py']}MOUNTS["custom"] = input()\n`;
    const f = popen(await scanAll({ 'volumes.py': volumes, 'ops.py': files['ops.py'].replace('from volumes import MOUNTS, mounts', 'from volumes import MOUNTS, TOOLS') }));
    expect(f).toBeDefined();
    expect(f?.status ?? 'active').toBe('active');
    const same = popen(await scanAll({ 'volumes.py': volumes.replace('MOUNTS["custom"] = input()\n', ''), 'ops.py': files['ops.py'].replace('from volumes import MOUNTS, mounts', 'from volumes import MOUNTS, TOOLS') }));
    expect(same?.status).toBe('dismissed');
  });

  it('an imported name in capitals formatted into SQL is a constant; a lower-case one is not known', async () => {
    const repo = (name: string) => ({
      'settings.py': 'TABLE = "subscribers"\ntable = "subscribers"\n',
      'repo.py': ['import sqlite3', `from settings import ${name}`, 'def find(conn, email):', `    return conn.execute(f"SELECT id FROM {${name}} WHERE email = ?", (email,)).fetchone()`, ''].join('\n'),
    });
    const sql = (found: Finding[]) => found.find((f) => f.ruleId === 'B608');
    expect(sql(await scanAll(repo('TABLE')))?.verdict?.kind).toBe('constant');
    const lower = sql(await scanAll(repo('table')));
    expect(lower).toBeDefined();
    expect(lower?.status ?? 'active').toBe('active');
  });
});

describe('an injectable client kept in a field (session or requests.Session())', () => {
  const files = (prefix: string, field: string) => ({
    'preview.py': [
      'import requests',
      `API_PREFIX = "${prefix}"`,
      'class Fetcher:',
      '    def __init__(self, session=None):',
      `        self.session = ${field}`,
      '    def fetch(self, url):',
      '        if not url.startswith(API_PREFIX):',
      '            raise ValueError("origin")',
      '        return self.session.get(url, timeout=4).text',
      '',
    ].join('\n'),
    'app.py': ['from flask import Flask, request', 'from preview import Fetcher', 'app = Flask(__name__)', 'fetcher = Fetcher()', '@app.get("/p")', 'def p():', '    return fetcher.fetch(request.args.get("url", ""))', ''].join('\n'),
  });
  const ssrf = (found: Finding[]) => found.find((f) => f.ruleId === 'KR105' && f.location.path === 'preview.py');

  for (const field of ['session or requests.Session()', 'requests.Session() if session is None else session']) {
    it(`${field}: a prefix check that ends at the host is bypassed (user@host, host.evil)`, async () => {
      expect(ssrf(await scan(files('https://api.partner.example', field)))?.location.startLine).toBe(9);
    });
    it(`${field}: a prefix that ends with the path's slash holds`, async () => {
      expect(ssrf(await scan(files('https://api.partner.example/', field)))).toBeUndefined();
    });
  }
});

describe("Tornado's HTTP clients", () => {
  const handler = (url: string) =>
    ['import tornado.web', 'from tornado.httpclient import AsyncHTTPClient', 'class H(tornado.web.RequestHandler):', '    async def get(self):', '        feed = self.get_argument("feed")', '        client = AsyncHTTPClient()', `        resp = await client.fetch(${url})`, '        self.write(resp.body)', ''].join('\n');
  it('fetch(url) with the request argument is SSRF', async () => {
    expect((await scan({ 'h.py': handler('feed') })).find((f) => f.ruleId === 'KR105')?.location.startLine).toBe(7);
  });
  it('fetch of a fixed host with the argument in the query string is not', async () => {
    expect((await scan({ 'h.py': handler('"https://feeds.example.com/get?name=" + feed') })).find((f) => f.ruleId === 'KR105')).toBeUndefined();
  });
});

describe('instances the class body or the module makes with arguments', () => {
  const client = ['import requests', 'class StatusClient:', '    def __init__(self, timeout=3.0):', '        self.session = requests.Session()', '        self.timeout = timeout', '    def fetch(self, url):', '        return self.session.get(url, timeout=self.timeout).json()', ''].join('\n');
  const view = (url: string) =>
    ['from rest_framework import viewsets', 'from rest_framework.response import Response', 'from client import StatusClient', 'FEEDS = {"github": "https://www.githubstatus.com/api/v2/summary.json"}', 'class StatusViewSet(viewsets.ViewSet):', '    client = StatusClient(timeout=5)', '    def list(self, request):', '        source = request.query_params.get("source")', `        return Response(self.client.fetch(${url}))`, ''].join('\n');
  const ssrf = (found: Finding[]) => found.find((f) => f.ruleId === 'KR105');

  it('a client kept in a class attribute (client = StatusClient()) is what self.client calls: the URL from the request is SSRF', async () => {
    expect(ssrf(await scan({ 'client.py': client, 'views.py': view('source') }))?.location.path).toBe('client.py');
  });
  it('the same client given a URL from a constant table is not', async () => {
    expect(ssrf(await scan({ 'client.py': client, 'views.py': view('FEEDS["github"]') }))).toBeUndefined();
  });

  const importer = (resolve: string) =>
    ['from lxml import etree', `OPTIONS = dict(resolve_entities=${resolve}, load_dtd=True)`, 'class Importer:', '    def __init__(self, repository):', '        self.repository = repository', '        self.parser = etree.XMLParser(resolve_entities=' + resolve + ')', '    def run(self, payload):', '        return etree.fromstring(payload, self.parser)', ''].join('\n');
  const routes = ['from flask import Flask, request', 'from importer import Importer', 'from repo import Repository', 'app = Flask(__name__)', 'importer = Importer(Repository())', '@app.post("/import")', 'def upload():', '    return str(importer.run(request.get_data()))', ''].join('\n');
  const xxe = (found: Finding[]) => found.find((f) => f.ruleId === 'KR118');

  it('a module-level instance made with arguments is followed: the request body reaches a parser that resolves entities', async () => {
    expect(xxe(await scan({ 'importer.py': importer('True'), 'routes.py': routes, 'repo.py': 'class Repository:\n    pass\n' }))?.location.path).toBe('importer.py');
  });
  it('the same parser with resolve_entities=False is not an XXE sink', async () => {
    expect(xxe(await scan({ 'importer.py': importer('False'), 'routes.py': routes, 'repo.py': 'class Repository:\n    pass\n' }))).toBeUndefined();
  });
});

describe("jinja2's sandbox", () => {
  const app = (env: string) =>
    ['from flask import Flask, request', 'from jinja2 import Environment', 'from jinja2.sandbox import SandboxedEnvironment', 'app = Flask(__name__)', `env = ${env}(autoescape=True)`, '@app.post("/preview")', 'def preview():', '    return env.from_string(request.form["body"]).render(name="x")', ''].join('\n');
  const ssti = (found: Finding[]) => found.find((f) => f.ruleId === 'KR106');
  it('a template compiled from the request by a plain Environment is template injection', async () => {
    expect(ssti(await scan({ 'app.py': app('Environment') }))?.location.startLine).toBe(8);
  });
  it('by a SandboxedEnvironment it is not', async () => {
    expect(ssti(await scan({ 'app.py': app('SandboxedEnvironment') }))).toBeUndefined();
  });
});

describe('fields of a validated model (pydantic) read from a parameter annotated with it', () => {
  const scanAll = (files: Record<string, string>): Promise<Finding[]> => scanProject(files, { dismissed: true, prefix: 'krait-round9-' });
  const app = (field: string, base = 'BaseModel') =>
    [
      'from fastapi import FastAPI',
      'from pydantic import BaseModel, Field',
      'from sqlalchemy import text, create_engine',
      'from typing import Literal',
      'engine = create_engine("sqlite://")',
      'app = FastAPI()',
      `class UsageQuery(${base}):`,
      '    account_id: int = Field(gt=0)',
      '    order: Literal["asc", "desc"] = "asc"',
      '    name: str = ""',
      'class UsageService:',
      '    def daily(self, query: UsageQuery):',
      `        stmt = text(f"SELECT day FROM usage WHERE x = {query.${field}}")`,
      '        with engine.connect() as conn:',
      '            return conn.execute(stmt).all()',
      '@app.post("/daily")',
      'def daily_usage(query: UsageQuery):',
      '    return UsageService().daily(query)',
      '',
    ].join('\n');
  const at13 = (found: Finding[]) => found.filter((f) => f.location.startLine === 13 && ['B608', 'KR101', 'KR129'].includes(f.ruleId));

  it('an int or Literal field is no injection: no flow, and the SQL string is dismissed as sanitised', async () => {
    for (const field of ['account_id', 'order']) {
      const found = at13(await scanAll({ 'app.py': app(field) }));
      expect(found.filter((f) => (f.status ?? 'active') === 'active'), field).toEqual([]);
      expect(found.find((f) => f.ruleId === 'B608')?.verdict?.kind, field).toBe('sanitised');
    }
  });

  it('a str field is the request data: reported', async () => {
    expect(at13(await scanAll({ 'app.py': app('name') })).filter((f) => (f.status ?? 'active') === 'active').length).toBeGreaterThan(0);
  });

  it('an int field of a class that is not a validated model (annotations are not enforced) is reported', async () => {
    const plain = app('account_id', 'object').replace('    account_id: int = Field(gt=0)', '    account_id: int = 0');
    expect(at13(await scanAll({ 'app.py': plain })).filter((f) => (f.status ?? 'active') === 'active').length).toBeGreaterThan(0);
  });
});

describe('a validated model of another module', () => {
  const scanAll = (files: Record<string, string>): Promise<Finding[]> => scanProject(files, { dismissed: true, prefix: 'krait-round9-' });
  const files = (field: string) => ({
    'schemas.py': ['from pydantic import BaseModel, Field', 'class UsageQuery(BaseModel):', '    account_id: int = Field(gt=0)', '    days: int = 30', '    name: str = ""', ''].join('\n'),
    'service.py': [
      'from sqlalchemy import text',
      'from schemas import UsageQuery',
      'class UsageService:',
      '    def __init__(self, engine):',
      '        self.engine = engine',
      '    def daily(self, query: UsageQuery):',
      `        stmt = text(f"SELECT day FROM usage WHERE account_id = {query.account_id} AND d > {query.${field}}")`,
      '        with self.engine.connect() as conn:',
      '            return conn.execute(stmt).all()',
      '',
    ].join('\n'),
    'router.py': ['from fastapi import APIRouter', 'from schemas import UsageQuery', 'from service import UsageService', 'router = APIRouter()', '@router.post("/daily")', 'def daily(query: UsageQuery):', '    return UsageService(None).daily(query)', ''].join('\n'),
  });
  const sqlAt7 = (found: Finding[]) => found.filter((f) => f.location.path === 'service.py' && f.location.startLine === 7);

  it('int fields of the model: the SQL string in the service is dismissed as sanitised, and no flow is reported', async () => {
    const found = sqlAt7(await scanAll(files('days')));
    expect(found.filter((f) => (f.status ?? 'active') === 'active')).toEqual([]);
    expect(found.find((f) => f.ruleId === 'B608')?.verdict?.kind).toBe('sanitised');
  });

  it('a str field of the model: the request reaches the SQL text in the service', async () => {
    const found = sqlAt7(await scanAll(files('name')));
    expect(found.filter((f) => (f.status ?? 'active') === 'active').map((f) => f.ruleId)).toContain('B608');
  });
});

describe('a URL rebuilt from its parse after the host was checked', () => {
  const policy = (check: string) =>
    ['from urllib.parse import urlparse', 'ALLOWED_HOSTS = frozenset({"api.github.com", "gitlab.com"})', 'def checked_url(raw):', '    parsed = urlparse(raw)', `    if ${check}:`, '        raise ValueError("rejected")', '    return parsed.geturl()', ''].join('\n');
  const main = ['import httpx', 'from fastapi import FastAPI', 'from link_policy import checked_url', 'app = FastAPI()', '@app.get("/preview")', 'async def preview(url: str):', '    async with httpx.AsyncClient() as client:', '        return (await client.get(checked_url(url))).json()', ''].join('\n');
  const ssrf = (found: Finding[]) => found.find((f) => f.ruleId === 'KR105');

  it('parsed.geturl() after `parsed.hostname not in ALLOWED_HOSTS: raise` (a helper of another module) is not SSRF', async () => {
    expect(ssrf(await scan({ 'link_policy.py': policy('parsed.hostname not in ALLOWED_HOSTS'), 'main.py': main }))).toBeUndefined();
  });
  it('after a check of the scheme alone it is', async () => {
    expect(ssrf(await scan({ 'link_policy.py': policy('parsed.scheme != "https"'), 'main.py': main }))?.location.path).toBe('main.py');
  });
});

describe('a validator that checks `value or ""`', () => {
  const app = (pattern: string) =>
    [
      'import re, subprocess',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      `NAME = re.compile(r"${pattern}")`,
      'def require_name(value):',
      '    if not NAME.fullmatch(value or ""):',
      '        raise ValueError("bad name")',
      '    return value',
      '@app.post("/backup")',
      'def backup():',
      '    name = require_name(request.form.get("project"))',
      '    return subprocess.run(f"tar czf /b/{name}.tgz {name}", shell=True).returncode',
      '',
    ].join('\n');
  const cmd = (found: Finding[]) => found.find((f) => f.ruleId === 'KR102' || (f.ruleId === 'B602' && (f.status ?? 'active') === 'active'));
  it('a full match of [a-z0-9_-] clears the shell', async () => {
    expect(cmd(await scan({ 'app.py': app('[a-z0-9_-]{1,32}') }))).toBeUndefined();
  });
  it('a class that lets ; through does not', async () => {
    expect(cmd(await scan({ 'app.py': app('[a-z0-9_;-]{1,32}') }))?.location.startLine).toBe(12);
  });
});

describe('parser options given as **OPTIONS', () => {
  const app = (options: string) =>
    ['from flask import Flask, request', 'from lxml import etree', `OPTIONS = ${options}`, 'PARSER = etree.XMLParser(**OPTIONS)', 'app = Flask(__name__)', '@app.post("/import")', 'def upload():', '    return str(etree.fromstring(request.get_data(), PARSER))', ''].join('\n');
  const xxe = (found: Finding[]) => found.find((f) => f.ruleId === 'KR118');
  it('dict(resolve_entities=True) or {"resolve_entities": True}: XXE', async () => {
    expect(xxe(await scan({ 'app.py': app('dict(resolve_entities=True, load_dtd=True)') }))?.location.startLine).toBe(8);
    expect(xxe(await scan({ 'app.py': app('{"resolve_entities": True}') }))?.location.startLine).toBe(8);
  });
  it('dict(resolve_entities=False) or {"resolve_entities": False}: not', async () => {
    expect(xxe(await scan({ 'app.py': app('dict(resolve_entities=False, no_network=True)') }))).toBeUndefined();
    expect(xxe(await scan({ 'app.py': app('{"resolve_entities": False}') }))).toBeUndefined();
  });
});
