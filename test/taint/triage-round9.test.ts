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
