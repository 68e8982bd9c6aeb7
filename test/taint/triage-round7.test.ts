/**
 * Reasoning-layer precision, seventh round (gaps a second held-out labelled set showed), each
 * with a vulnerable twin: predicates of several statements (early `return False` / `raise`
 * exits, a `try` around the parsing, then `return <test>`) guard the argument they check,
 * in this module and from another; a predicate that binds its parameter again proves
 * nothing about the caller's value; `(parts.hostname or "") in HOSTS` is an allow-list test.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { cleanTempDirs } from '../helpers/temp-project.js';
import { scanProject as scanAll } from '../helpers/scan-project.js';
import { py, runPairs } from './models-helpers.js';
import { patternCharset, secondCharNotSlash } from '../../src/taint/models/regex.js';

cleanTempDirs();

const F = 'import requests\nfrom urllib.parse import urlsplit\nfrom flask import Flask, request, abort\napp = Flask(__name__)\nHOSTS = {"github.com", "en.wikipedia.org"}';

/** A view fetching `?url=` after `check(url)` aborts when false, with `predicate` defined above it. */
const fetchView = (predicate: string) =>
  py(`
${F}
${predicate}

@app.route("/preview")
def preview():
    url = request.args.get("url", "")
    if not check(url):
        abort(400)
    return requests.get(url, timeout=5).text
`);

describe('predicates of several statements are barrier guards', () => {
  runPairs([
    {
      name: 'early exits, a try around urlsplit, then the host allow-list: guards the URL (checking only the scheme does not)',
      rule: 'KR105',
      vuln: fetchView(`
def check(url):
    if "\\\\" in url or "@" in url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme == "https"`),
      safe: fetchView(`
def check(url):
    if "\\\\" in url or "@" in url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme != "https":
        return False
    return (parts.hostname or "") in HOSTS`),
      source: 'request.args',
    },
    {
      name: 'an early exit by raise, then return True: the exit test is the guard (an exit that only logs is none)',
      rule: 'KR105',
      vuln: fetchView(`
def check(url):
    host = urlsplit(url).hostname
    if host not in HOSTS:
        print("unknown host", host)
    return True`),
      safe: fetchView(`
def check(url):
    host = urlsplit(url).hostname
    if urlsplit(url).hostname not in HOSTS:
        raise ValueError("unknown host")
    return True`),
      source: 'request.args',
    },
    {
      name: 'a true result inside a branch: not read as a predicate (a check that can be skipped)',
      rule: 'KR105',
      vuln: fetchView(`
def check(url):
    if url.startswith("https://"):
        return True
    if urlsplit(url).hostname not in HOSTS:
        return False
    return True`),
      safe: fetchView(`
def check(url):
    if not url.startswith("https://"):
        return False
    if urlsplit(url).hostname not in HOSTS:
        return False
    return True`),
      source: 'request.args',
    },
    {
      name: 'an exit taken when the value is safe leaves the unsafe values on the true path',
      rule: 'KR104',
      vuln: py(`
${F}
def check(name):
    if name.isalnum():
        return False
    return True

@app.route("/f")
def f():
    name = request.args["n"]
    if not check(name):
        abort(400)
    return open("/data/" + name).read()
`),
      safe: py(`
${F}
def check(name):
    if not name.isalnum():
        return False
    return True

@app.route("/f")
def f():
    name = request.args["n"]
    if not check(name):
        abort(400)
    return open("/data/" + name).read()
`),
      source: 'request.args',
    },
    {
      name: 'a predicate that binds its parameter again proves nothing about the value passed',
      rule: 'KR104',
      vuln: py(`
${F}
def check(name):
    name = name.replace("../", "")
    if name.startswith("/"):
        return False
    return ".." not in name

@app.route("/f")
def f():
    name = request.args["n"]
    if not check(name):
        abort(400)
    return open("/data/" + name).read()
`),
      safe: py(`
${F}
def check(name):
    clean = name.replace("../", "")
    if name.startswith("/"):
        return False
    return ".." not in name and clean == name

@app.route("/f")
def f():
    name = request.args["n"]
    if not check(name):
        abort(400)
    return open("/data/" + name).read()
`),
      source: 'request.args',
    },
  ]);
});

/** Scan a project (file path → text) with the code rules; every finding, dismissed ones included, paths relative to the project. */
const scanProject = (files: Record<string, string>): Promise<Finding[]> => scanAll(files, { dismissed: true, prefix: 'krait-round7-' });

describe('a predicate of several statements in another module', () => {
  const policy = (last: string) =>
    ['from urllib.parse import urlsplit', 'HOSTS = frozenset({"github.com", "vimeo.com"})', 'def is_allowed(url):', '    if any(ch.isspace() for ch in url):', '        return False', '    try:', '        parts = urlsplit(url)', '    except ValueError:', '        return False', '    if parts.username is not None:', '        return False', `    ${last}`, ''].join('\n');
  const view = [
    'import requests',
    'from flask import Flask, request, abort',
    'from urlpolicy import is_allowed',
    'app = Flask(__name__)',
    '@app.get("/p")',
    'def p():',
    '    url = request.args.get("url", "")',
    '    if not is_allowed(url):',
    '        abort(400)',
    '    return requests.get(url, timeout=5).text',
    '',
  ].join('\n');
  const ssrf = async (last: string) => (await scanProject({ 'urlpolicy.py': policy(last), 'views.py': view })).filter((f) => f.location.path === 'views.py' && f.ruleId === 'KR105' && f.status !== 'dismissed');
  it('checking the host against the allow-list guards the caller\'s URL', async () => {
    expect(await ssrf('return (parts.hostname or "") in HOSTS')).toEqual([]);
  });
  it('checking only the scheme does not', async () => {
    expect(await ssrf('return parts.scheme in ("http", "https")')).toHaveLength(1);
  });
});

describe('instances of a class of another module', () => {
  const client = [
    'from ldap3 import Connection, Server',
    'class Directory:',
    '    def __init__(self):',
    '        self.conn = Connection(Server("ldaps://ldap.example"), "cn=svc", "pw", auto_bind=True)',
    '    def search(self, ldap_filter):',
    '        self.conn.search("ou=people,dc=example", ldap_filter)  # sink',
    '        return self.conn.entries',
    '',
  ].join('\n');
  const people = (make: string, value: string) =>
    ['from ldap3.utils.conv import escape_filter_chars', 'from .client import Directory', ...make.split('\n'), `    return directory.search(f"(uid={${value}})")`, ''].join('\n');
  const app = ['from flask import Flask, request', 'from directory import people', 'app = Flask(__name__)', '@app.get("/p")', 'def p():', '    return str(people.lookup(request.args.get("uid", "")))', ''].join('\n');
  const ldap = async (make: string, value = 'uid') =>
    (await scanProject({ 'directory/__init__.py': '', 'directory/client.py': client, 'directory/people.py': people(make, value), 'app.py': app })).filter((f) => f.ruleId === 'KR110' && f.status !== 'dismissed').map((f) => `${f.location.path}:${f.location.startLine}`);

  it('a default instance made when none is given (`d = d or Directory()`): the flow reaches the method of its class', async () => {
    expect(await ldap('def lookup(uid, directory=None):\n    directory = directory or Directory()')).toEqual(['directory/client.py:6']);
    expect(await ldap('def lookup(uid, directory=None):\n    directory = directory or Directory()', 'escape_filter_chars(uid)')).toEqual([]);
  });
  it('an instance made at module level and used in a function', async () => {
    expect(await ldap('directory = Directory()\ndef lookup(uid):')).toEqual(['directory/client.py:6']);
    expect(await ldap('directory = Directory()\ndef lookup(uid):', 'escape_filter_chars(uid)')).toEqual([]);
  });
});

describe('a MongoDB filter that runs request data as JavaScript', () => {
  const app = (build: string) =>
    py(`
import os
from flask import Flask, request, jsonify
from pymongo import MongoClient
app = Flask(__name__)
articles = MongoClient(os.environ["MONGO_URL"])["kb"]["articles"]

def search(criteria):
    return list(articles.find(criteria))

@app.get("/a")
def a():
    tag = request.args.get("tag", "")
${build.replace(/^/gm, '    ')}
    return jsonify(search(query))
`);
  const flows = async (build: string) => (await scanProject({ 'app.py': app(build) })).filter((f) => f.ruleId === 'KR117' && f.status !== 'dismissed').length;
  it('set by item assignment, or in a dict passed to a helper, it reaches the helper\'s find', async () => {
    expect(await flows('query = {"published": True}\nquery["$where"] = "this.tag == \'%s\'" % tag')).toBe(1);
    expect(await flows('query = {"$where": f"this.tag == \'{tag}\'"}')).toBe(1);
    expect(await flows('query = dict({"$where": f"this.tag == \'{tag}\'"})')).toBe(1);
  });
  it('the same value under an ordinary key is compared, not run: no flow', async () => {
    expect(await flows('query = {"published": True}\nquery["tag"] = "%s" % tag')).toBe(0);
    expect(await flows('query = {"tag": f"{tag}"}')).toBe(0);
  });
});

describe('a path pattern as the whole local-path check before a redirect', () => {
  const view = (pattern: string, form: 'if' | 'ifexp') =>
    py(`
import re
from flask import Flask, request, redirect
app = Flask(__name__)
LOCAL = re.compile(r"${pattern}")

@app.get("/switch")
def switch():
    nxt = request.args.get("next", "/")
${form === 'if' ? '    if not LOCAL.fullmatch(nxt):\n        nxt = "/"\n    return redirect(nxt)' : '    target = nxt if LOCAL.fullmatch(nxt) else "/"\n    return redirect(target)'}
`);
  runPairs([
    { name: 'a lookahead after the slash rules out //host (a pattern letting // through does not)', rule: 'KR107', vuln: view('/[A-Za-z0-9/_.~-]*', 'if'), safe: view('/(?![/\\\\])[A-Za-z0-9/_.~-]*', 'if'), source: 'request.args' },
    { name: 'the same check in a conditional expression', rule: 'KR107', vuln: view('/[A-Za-z0-9/_.~-]*', 'ifexp'), safe: view('/(?![/\\\\])[A-Za-z0-9/_.~-]*', 'ifexp'), source: 'request.args' },
    { name: 'a class without / right after the slash (one that admits a backslash is no check)', rule: 'KR107', vuln: view('/(?!/)[\\w/.\\\\-]*', 'if'), safe: view('/[\\w-]+(/[\\w.-]*)*', 'if'), source: 'request.args' },
  ]);
});

describe('secondCharNotSlash (the pattern reading behind the local-path check)', () => {
  it('a lookahead after the slash, or a class without / and \\ that must match once', () => {
    expect(secondCharNotSlash(String.raw`/(?![/\\])[\w/]*`, '')).toBe(true);
    expect(secondCharNotSlash(String.raw`^/(?!/)[\w/]*$`, '')).toBe(true);
    expect(secondCharNotSlash(String.raw`/[\w-]+(/[\w-]*)*`, '')).toBe(true);
    expect(secondCharNotSlash(String.raw`/[a-z]{1,8}`, '')).toBe(true);
  });
  it('a class that may match nothing, or that holds / or \\, or a lookahead for something else: no', () => {
    expect(secondCharNotSlash(String.raw`/[\w-]*(/[\w-]*)*`, '')).toBe(false);
    expect(secondCharNotSlash(String.raw`/[\w-]?/x`, '')).toBe(false);
    expect(secondCharNotSlash(String.raw`/[\w/-]+`, '')).toBe(false);
    expect(secondCharNotSlash(String.raw`/[^a-z]+`, '')).toBe(false);
    expect(secondCharNotSlash(String.raw`/(?![a-z])[\w/]*`, '')).toBe(false);
    expect(secondCharNotSlash(String.raw`[/a-z]+`, '')).toBe(false);
  });
  it('lookarounds take no characters: the pattern\'s characters are read without them', () => {
    expect([...(patternCharset(String.raw`/(?![/\\])[a-c]*`, '', 'fullmatch')?.ascii ?? [])].sort().join('')).toBe('/abc');
  });
});

describe('the local-path check spread over the exits of a predicate', () => {
  const view = (backslash: string) =>
    py(`
from flask import Flask, request, redirect
app = Flask(__name__)

def is_safe_next(target):
    if not target:
        return False
${backslash}
    if not target.startswith("/") or target.startswith("//"):
        return False
    return True

@app.get("/login")
def login():
    nxt = request.args.get("next", "")
    if not is_safe_next(nxt):
        nxt = "/"
    return redirect(nxt)
`);
  runPairs([
    {
      name: 'slash, no double slash and no backslash, each in its own exit (without the backslash exit: /\\\\host passes)',
      rule: 'KR107',
      vuln: view('    if any(ord(ch) < 0x21 for ch in target):\n        return False'),
      safe: view('    if any(ord(ch) < 0x21 or ch == "\\\\" for ch in target):\n        return False'),
      source: 'request.args',
    },
    {
      name: 'the backslash exit written as a containment test',
      rule: 'KR107',
      vuln: view('    if "\\\\\\\\" in target:\n        print("odd")'),
      safe: view('    if "\\\\" in target:\n        return False'),
      source: 'request.args',
    },
  ]);
});

describe('unpacking a value built only from constants', () => {
  const code = (value: string) =>
    [
      'import json',
      'FORMULAS = {"a": ("x * y", ("x", "y")), "b": ("x + y", ("x", "y"))}',
      'def handler(event, context):',
      '    body = json.loads(event.get("body") or "{}")',
      '    name = body.get("formula", "a")',
      '    if name not in FORMULAS:',
      '        return None',
      `    formula, required = ${value}`,
      '    return eval(formula, {"__builtins__": {}}, {k: float(body[k]) for k in required})',
      '',
    ].join('\n');
  const b307 = async (value: string) => (await scanProject({ 'app.py': code(value) })).find((f) => f.ruleId === 'B307');
  it('each part of an entry of a constant table is a constant', async () => {
    const f = await b307('FORMULAS[name]');
    expect(f?.status).toBe('dismissed');
    expect(f?.verdict?.kind).toBe('constant');
  });
  it('also in a nested target', async () => {
    const f = await b307('FORMULAS[name]\n    (formula, required), _ = FORMULAS[name], 1');
    expect(f?.verdict?.kind).toBe('constant');
  });
  it('each part of request data is request data', async () => {
    const f = await b307('body["spec"]');
    expect(f?.status).not.toBe('dismissed');
    expect(f?.verdict?.kind).toBe('reachable');
  });
});

describe('a helper\'s finding settled by callers passing constants of other modules', () => {
  const shell = 'import subprocess\ndef capture(command):\n    return subprocess.check_output(command, shell=True, text=True)  # sink\n';
  const project = (constants: string, services: string) => ({
    'ops/__init__.py': '',
    'ops/shell.py': shell,
    'ops/constants.py': constants,
    'ops/services.py': `from . import constants, shell\nfrom .constants import VOLUMES\n${services}`,
    'ops/views.py': 'from flask import Flask, request\nfrom .services import run_tool\napp = Flask(__name__)\n@app.get("/t")\ndef t():\n    return run_tool(request.args["tool"], request.args["volume"])\n',
  });
  const TABLES = 'TOOLS = {"disk": "df -h", "usage": "du -sh"}\nVOLUMES = {"data": "/srv/data", "logs": "/var/log/app"}\ndef default_tool():\n    return "df -h"\ndef tool_for(name):\n    return name.strip()\n';
  const b602 = async (constants: string, services: string) => (await scanProject(project(constants, services))).find((f) => f.ruleId === 'B602' && f.location.path === 'ops/shell.py');
  const RUN = (command: string, path = 'VOLUMES.get(volume)') =>
    `def run_tool(tool, volume):\n    command = ${command}\n    path = ${path}\n    if command is None or path is None:\n        raise KeyError(tool)\n    return shell.capture(f"{command} {path}")\n`;

  it('entries of constant tables of another module (by module or imported by name), and a function returning only constants: dismissed', async () => {
    for (const command of ['constants.TOOLS.get(tool)', 'constants.TOOLS[tool]', 'constants.default_tool()']) {
      const f = await b602(TABLES, RUN(command));
      expect(f?.status, command).toBe('dismissed');
      expect(f?.verdict?.kind, command).toBe('constant');
    }
  });
  it('a default that is the key itself, a table changed in its module, a function returning what it is given: kept', async () => {
    expect((await b602(TABLES, RUN('constants.TOOLS.get(tool, tool)')))?.status).not.toBe('dismissed');
    expect((await b602(`${TABLES}TOOLS["custom"] = input()\n`, RUN('constants.TOOLS.get(tool)')))?.status).not.toBe('dismissed');
    expect((await b602(TABLES, RUN('constants.tool_for(tool)')))?.status).not.toBe('dismissed');
    expect((await b602(TABLES, RUN('constants.TOOLS.get(tool)', 'volume')))?.status).not.toBe('dismissed');
  });
});

describe('a file-name pattern with a dot in it, before a join under a base folder', () => {
  const view = (pattern: string) =>
    py(`
import os, re
from flask import Flask, request, send_file, abort
app = Flask(__name__)
NAME = re.compile(r"${pattern}")

def clean_name(name):
    if not NAME.fullmatch(name):
        raise ValueError("invalid file name")
    return name

@app.get("/a")
def a():
    return send_file(os.path.join("/srv/uploads", clean_name(request.args["name"])))
`);
  runPairs([
    { name: 'a first character that is no dot, no separator anywhere: not .. (a pattern matching .. is no check)', rule: 'KR115', vuln: view('[\\w.-]+'), safe: view('[A-Za-z0-9][\\w-]{0,99}\\.(?:pdf|png|txt)'), source: 'request.args' },
    { name: 'a separator allowed after the first character is no check', rule: 'KR115', vuln: view('[A-Za-z0-9][\\w/-]*\\.pdf'), safe: view('[A-Za-z0-9][\\w-]*\\.pdf'), source: 'request.args' },
    { name: 'a first character that may be missing is no check', rule: 'KR115', vuln: view('[A-Za-z0-9]?[\\w.-]*'), safe: view('[A-Za-z0-9][\\w.-]*'), source: 'request.args' },
  ]);
});

describe('a local name spelled like a project module is not the module', () => {
  it('a call on a local object named like a module with a constants-only function does not settle the helper', async () => {
    const files = {
      'ops/__init__.py': '',
      'ops/shell.py': 'import subprocess\ndef capture(command):\n    return subprocess.check_output(command, shell=True, text=True)  # sink\n',
      'ops/constants.py': 'def pick(name):\n    return "df -h"\n',
      'ops/services.py': 'from . import shell\ndef run_tool(tool, constants):\n    command = constants.pick(tool)\n    return shell.capture(command)\n',
      'ops/views.py': 'from flask import Flask, request\nfrom .services import run_tool\napp = Flask(__name__)\n@app.get("/t")\ndef t():\n    return run_tool(request.args["tool"], None)\n',
    };
    const f = (await scanProject(files)).find((x) => x.ruleId === 'B602' && x.location.path === 'ops/shell.py');
    expect(f?.status).not.toBe('dismissed');
    // Imported, the same call settles it.
    const imported = { ...files, 'ops/services.py': 'from . import shell, constants\ndef run_tool(tool, loader):\n    command = constants.pick(tool)\n    return shell.capture(command)\n' };
    expect((await scanProject(imported)).find((x) => x.ruleId === 'B602' && x.location.path === 'ops/shell.py')?.status).toBe('dismissed');
  });
});

describe('a table of another module read with a default', () => {
  const project = (get: string) => ({
    'feeds/__init__.py': '',
    'feeds/config.py': 'FEED_SOURCES = {"status": "https://status.example.com/feed.json"}\n',
    'feeds/fetcher.py': 'import requests\ndef fetch_json(url):\n    return requests.get(url, timeout=5).json()  # sink\n',
    'feeds/services.py': `from . import config, fetcher\ndef load_feed(source):\n    url = ${get}\n    if url is None:\n        raise KeyError(source)\n    return fetcher.fetch_json(url)\n`,
    'feeds/views.py': 'from flask import Flask, request, jsonify\nfrom . import services\napp = Flask(__name__)\n@app.get("/f")\ndef f():\n    return jsonify(services.load_feed(request.args.get("source", "status")))\n',
  });
  const ssrf = async (get: string) => (await scanProject(project(get))).filter((f) => f.ruleId === 'KR105' && f.status !== 'dismissed').map((f) => `${f.location.path}:${f.location.startLine}`);
  it('the key as the default: the caller\'s value may come back and reach the request', async () => {
    expect(await ssrf('config.FEED_SOURCES.get(source, source)')).toEqual(['feeds/fetcher.py:3']);
  });
  it('a constant default, or none: one of the table\'s URLs', async () => {
    expect(await ssrf('config.FEED_SOURCES.get(source, "https://status.example.com/feed.json")')).toEqual([]);
    expect(await ssrf('config.FEED_SOURCES.get(source)')).toEqual([]);
  });
});

describe('a check for .. alone leaves absolute paths', () => {
  const view = (check: string, use: string, helper = '') =>
    py(`
import os
from flask import Flask, request, abort, send_file
app = Flask(__name__)
BASE = "/srv/files"
${helper}
@app.get("/f")
def f():
    name = request.args["name"]
${check.replace(/^/gm, '    ')}
    return send_file(${use})
`);
  runPairs([
    { name: 'joined under a folder (an absolute name replaces it); concatenated after it, safe', rule: 'KR115', vuln: view('if ".." in name:\n    abort(400)', 'os.path.join(BASE, name)'), safe: view('if ".." in name:\n    abort(400)', 'BASE + "/" + name'), source: 'request.args' },
    { name: 'two parts each checked for .. alone, put together and joined', rule: 'KR115', vuln: view('ext = request.args["ext"]\nif ".." in name or ".." in ext:\n    abort(400)', 'os.path.join(BASE, name + ext)'), safe: view('ext = request.args["ext"]\nif ".." in name or ".." in ext:\n    abort(400)', 'BASE + "/" + name + ext'), source: 'request.args' },
    { name: 'used as the whole path; with the separators ruled out too, safe', rule: 'KR104', vuln: view('if ".." in name:\n    abort(400)', 'name'), safe: view('if ".." in name or "/" in name:\n    abort(400)', 'os.path.join(BASE, name)'), source: 'request.args' },
    {
      name: 'checked for .. in a helper that returns it, then joined',
      rule: 'KR115',
      vuln: view('name = clean(name)', 'os.path.join(BASE, name)', 'def clean(n):\n    if ".." in n:\n        raise ValueError(n)\n    return n\n'),
      safe: view('name = clean(name)', 'os.path.join(BASE, name)', 'def clean(n):\n    if ".." in n or "/" in n:\n        raise ValueError(n)\n    return n\n'),
      source: 'request.args',
    },
  ]);
});
