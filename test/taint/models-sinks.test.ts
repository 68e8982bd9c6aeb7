import { describe } from 'vitest';
import { py, runPairs, type Pair } from './models-helpers.js';

const F = 'from flask import Flask, request\napp = Flask(__name__)\n';
/** A Flask view whose body is `body` (indented by the caller), with `imports` first. */
const view = (imports: string, body: string): string => `${imports}\n${F}@app.route("/x", methods=["GET", "POST"])\ndef x():\n${body.replace(/^/gm, '    ')}\n`;
const u = 'request.args["u"]';

/** A vulnerable/safe pair for a sink call, with `${T}` standing for the tainted argument and `${S}` for a safe one. */
function sink(name: string, rule: string, imports: string, call: string, safe = '"constant"', extra: Partial<Pair> = {}): Pair {
  return { name, rule, vuln: view(imports, call.replaceAll('${T}', u)), safe: view(imports, call.replaceAll('${T}', safe)), source: 'request.args', ...extra };
}

const pairs: Pair[] = [
  // ---- SQL (KR101): DB-API drivers, only the SQL text (parameters are not a sink)
  ...[
    ['sqlite3', 'import sqlite3\ncur = sqlite3.connect("d").cursor()', 'cur.execute'],
    ['psycopg2', 'import psycopg2\ncur = psycopg2.connect("").cursor()', 'cur.execute'],
    ['psycopg (3)', 'import psycopg\nconn = psycopg.connect("")', 'conn.execute'],
    ['pymysql', 'import pymysql\ncur = pymysql.connect().cursor()', 'cur.execute'],
    ['MySQLdb', 'import MySQLdb\ncur = MySQLdb.connect().cursor()', 'cur.executemany'],
    ['aiosqlite', 'import aiosqlite\ndb = None', 'await db.execute'],
    ['asyncpg fetch', 'import asyncpg\nconn = None', 'await conn.fetch'],
    ['asyncpg fetchrow', 'import asyncpg\nconn = None', 'await conn.fetchrow'],
    ['asyncpg fetchval', 'import asyncpg\nconn = None', 'await conn.fetchval'],
    ['asyncpg execute', 'import asyncpg\nconn = None', 'await conn.execute'],
    ['pg8000 run', 'import pg8000.native\nconn = None', 'conn.run'],
  ].map(([lib, imports, call]): Pair => ({
    name: `sql sink ${lib}`,
    rule: 'KR101',
    vuln: view(imports!, `${call}("SELECT * FROM t WHERE n = '" + ${u} + "'")`).replace('def x', call!.startsWith('await') ? 'async def x' : 'def x'),
    safe: view(imports!, `${call}("SELECT * FROM t WHERE n = $1", ${u})`).replace('def x', call!.startsWith('await') ? 'async def x' : 'def x'),
    source: 'request.args',
  })),
  sink('sql sink sqlalchemy text()', 'KR101', 'from sqlalchemy import text', 'session.execute(text(f"SELECT * FROM t WHERE n = \'{${T}}\'"))', '1'),
  sink('sql sink sqlalchemy literal_column()', 'KR101', 'from sqlalchemy import literal_column, select', 'select(literal_column(${T}))', '"id"'),
  ...['order_by', 'group_by', 'having', 'distinct'].map((m) => sink(`sql sink sqlalchemy Query.${m}(string)`, 'KR101', 'import sqlalchemy', `session.query(User).${m}(\${T})`, 'User.name')),
  sink('sql sink django raw()', 'KR101', 'from django.db import models', 'User.objects.raw("SELECT * FROM u WHERE n = \'%s\'" % ${T})', '"bob"'),
  sink('sql sink django extra(where=)', 'KR101', 'from django.db import models', 'User.objects.extra(where=["n = \'%s\'" % ${T}])', '"bob"'),
  sink('sql sink django RawSQL', 'KR101', 'from django.db.models.expressions import RawSQL', 'User.objects.annotate(v=RawSQL("SELECT " + ${T}, []))', '"1"'),
  sink('sql sink django cursor.execute', 'KR101', 'from django.db import connection', 'connection.cursor().execute("SELECT * FROM u WHERE n = \'%s\'" % ${T})', '"bob"'),
  sink('sql sink psycopg2 sql.SQL()', 'KR101', 'from psycopg2 import sql', 'cur.execute(sql.SQL("SELECT * FROM " + ${T}))', '"t"'),
  sink('sql sink pandas.read_sql', 'KR101', 'import pandas as pd', 'pd.read_sql("SELECT * FROM " + ${T}, conn)', '"t"'),
  // ---- commands (KR102)
  sink('command sink os.system', 'KR102', 'import os', 'os.system("ping " + ${T})'),
  sink('command sink os.popen', 'KR102', 'import os', 'os.popen("ping " + ${T})'),
  sink('command sink subprocess shell=True', 'KR102', 'import subprocess', 'subprocess.run("ping " + ${T}, shell=True)'),
  sink('command sink subprocess argv head', 'KR102', 'import subprocess', 'subprocess.run([${T}, "-c", "1"])'),
  sink('command sink asyncio.create_subprocess_shell', 'KR102', 'import asyncio', 'asyncio.create_subprocess_shell("ping " + ${T})'),
  sink('command sink asyncio.create_subprocess_exec (program)', 'KR102', 'import asyncio', 'asyncio.create_subprocess_exec(${T}, "-c", "1")'),
  sink('command sink pexpect.spawn', 'KR102', 'import pexpect', 'pexpect.spawn("ssh " + ${T})'),
  sink('command sink pexpect.run', 'KR102', 'import pexpect', 'pexpect.run("ping " + ${T})'),
  sink('command sink paramiko exec_command', 'KR102', 'import paramiko\nclient = paramiko.SSHClient()', 'client.exec_command("ls " + ${T})'),
  sink('command sink fabric Connection.run', 'KR102', 'from fabric import Connection\nc = Connection("h")', 'c.run("ls " + ${T})'),
  sink('command sink fabric sudo', 'KR102', 'from fabric import Connection\nc = Connection("h")', 'c.sudo("ls " + ${T})'),
  sink('command sink fabric local', 'KR102', 'from fabric import Connection\nc = Connection("h")', 'c.local("ls " + ${T})'),
  // ---- code (KR103) and reflection (KR119)
  sink('code sink eval', 'KR103', '', 'eval(${T})', '"1 + 1"'),
  sink('code sink exec', 'KR103', '', 'exec(${T})', '"x = 1"'),
  sink('code sink compile', 'KR103', '', 'compile(${T}, "<s>", "exec")', '"x = 1"'),
  sink('reflection sink importlib.import_module', 'KR119', 'import importlib', 'importlib.import_module("plugins." + ${T})', '"json"'),
  sink('reflection sink __import__', 'KR119', '', '__import__(${T})', '"json"'),
  sink('reflection sink getattr with a tainted name', 'KR119', 'import actions', 'getattr(actions, ${T})()', '"list_items"'),
  // ---- templates (KR106)
  sink('template sink render_template_string', 'KR106', 'from flask import render_template_string', 'render_template_string("<p>" + ${T} + "</p>")'),
  sink('template sink jinja2.Template', 'KR106', 'import jinja2', 'jinja2.Template("Hi " + ${T}).render()'),
  sink('template sink jinja2 Environment.from_string', 'KR106', 'from jinja2 import Environment', 'Environment().from_string("Hi " + ${T}).render()'),
  sink('template sink mako Template', 'KR106', 'from mako.template import Template', 'Template("Hi " + ${T}).render()'),
  // ---- HTML responses (KR108)
  sink('xss sink make_response body', 'KR108', 'from flask import make_response', 'return make_response("<p>" + ${T})'),
  {
    name: 'xss sink make_response: a header is not the body',
    rule: 'KR108',
    vuln: view('from flask import make_response', `return make_response("<p>" + ${u}, 200)`),
    safe: view('from flask import make_response', `return make_response("<p>hi</p>", 200, {"X-Name": ${u}})`),
    source: 'request.args',
  },
  sink('xss sink django HttpResponse', 'KR108', 'from django.http import HttpResponse', 'return HttpResponse("<p>" + ${T})'),
  sink('xss sink starlette HTMLResponse', 'KR108', 'from starlette.responses import HTMLResponse', 'return HTMLResponse("<p>" + ${T})'),
  sink('xss sink Markup', 'KR108', 'from markupsafe import Markup', 'return Markup("<b>%s</b>" % ${T})'),
  sink('xss sink mark_safe', 'KR108', 'from django.utils.safestring import mark_safe', 'return mark_safe("<b>" + ${T} + "</b>")'),
  {
    name: 'xss sink format_html with a tainted format string (its arguments are escaped)',
    rule: 'KR108',
    vuln: view('from django.utils.html import format_html', `return format_html("<b>" + ${u} + "</b>")`),
    safe: view('from django.utils.html import format_html', `return format_html("<b>{}</b>", ${u})`),
    source: 'request.args',
  },
  sink('xss sink tornado RequestHandler.write', 'KR108', '', 'pass'),
  // ---- paths (KR104)
  sink('path sink open', 'KR104', '', 'open("/srv/" + ${T}).read()'),
  sink('path sink os.remove', 'KR104', 'import os', 'os.remove("/srv/" + ${T})'),
  sink('path sink os.path.exists (probes the file system)', 'KR104', 'import os', 'return str(os.path.exists("/srv/" + ${T}))'),
  sink('path sink os.path.isfile', 'KR104', 'import os', 'return str(os.path.isfile("/srv/" + ${T}))'),
  sink('path sink pathlib read_text', 'KR104', 'from pathlib import Path', 'return Path(${T}).read_text()'),
  sink('path sink pathlib open', 'KR104', 'from pathlib import Path', 'return Path(${T}).open().read()'),
  ...['read_text()', 'read_bytes()', 'write_text("x")', 'unlink()', 'open().read()'].map((m) =>
    sink(`path sink pathlib ${m} on a base with a part joined (secure_filename is the safe twin)`, 'KR115', 'from pathlib import Path\nfrom werkzeug.utils import secure_filename\nBASE = Path("/srv/data")', `return (BASE / \${T}).${m}`, `secure_filename(${u})`),
  ),
  sink('path sink pathlib joinpath(part).read_text()', 'KR115', 'from pathlib import Path\nimport os\nBASE = Path("/srv/data")', 'return BASE.joinpath(${T}).read_text()', `os.path.basename(${u})`),
  sink('path sink pathlib part joined through a name', 'KR115', 'from pathlib import Path\nBASE = Path("/srv/data")', 'p = BASE / ${T}\nreturn p.read_bytes()', '"report.txt"'),
  sink('path sink shutil.copy', 'KR104', 'import shutil', 'shutil.copy("/srv/" + ${T}, "/tmp/x")'),
  sink('path sink shutil.rmtree', 'KR104', 'import shutil', 'shutil.rmtree("/srv/" + ${T})'),
  sink('path sink send_file', 'KR104', 'from flask import send_file', 'return send_file("/srv/" + ${T})'),
  sink('path sink FileResponse', 'KR104', 'from starlette.responses import FileResponse', 'return FileResponse("/srv/" + ${T})'),
  // ---- SSRF (KR105)
  sink('ssrf sink requests.get', 'KR105', 'import requests', 'requests.get(${T}, timeout=5)'),
  sink('ssrf sink requests.Session().get', 'KR105', 'import requests', 'requests.Session().get(${T}, timeout=5)'),
  sink('ssrf sink httpx.get', 'KR105', 'import httpx', 'httpx.get(${T})'),
  sink('ssrf sink httpx.Client().get', 'KR105', 'import httpx', 'httpx.Client().get(${T})'),
  sink('ssrf sink httpx.Client as a context manager', 'KR105', 'import httpx', 'with httpx.Client() as c:\n    c.post(${T})'),
  sink('ssrf sink urllib.request.urlopen', 'KR105', 'import urllib.request', 'urllib.request.urlopen(${T})'),
  {
    name: 'ssrf sink aiohttp ClientSession().get',
    rule: 'KR105',
    vuln: view('import aiohttp', `async with aiohttp.ClientSession() as s:\n    await s.get(${u})`).replace('def x', 'async def x'),
    safe: view('import aiohttp', 'async with aiohttp.ClientSession() as s:\n    await s.get("https://api.example.com/")').replace('def x', 'async def x'),
    source: 'request.args',
  },
  // ---- redirects (KR107)
  sink('redirect sink flask.redirect', 'KR107', 'from flask import redirect', 'return redirect(${T})', '"/home"'),
  sink('redirect sink django HttpResponseRedirect', 'KR107', 'from django.http import HttpResponseRedirect', 'return HttpResponseRedirect(${T})', '"/home"'),
  sink('redirect sink starlette RedirectResponse', 'KR107', 'from starlette.responses import RedirectResponse', 'return RedirectResponse(${T})', '"/home"'),
  // ---- LDAP (KR110), XPath (KR111)
  sink('ldap sink python-ldap search_s', 'KR110', 'import ldap', 'conn.search_s("dc=x", ldap.SCOPE_SUBTREE, "(uid=" + ${T} + ")")'),
  sink('ldap sink ldap3 search', 'KR110', 'import ldap3', 'conn.search("dc=x", "(uid=" + ${T} + ")")'),
  sink('xpath sink lxml xpath()', 'KR111', 'from lxml import etree', 'tree.xpath("//u[@n=\'" + ${T} + "\']")'),
  sink('xpath sink elementpath.select', 'KR111', 'import elementpath', 'elementpath.select(root, "//u[@n=\'" + ${T} + "\']")'),
  // ---- deserialisation (KR109)
  ...['pickle.loads', 'marshal.loads', 'dill.loads', 'jsonpickle.decode', 'yaml.unsafe_load'].map((f) => sink(`deserialization sink ${f}`, 'KR109', `import ${f.split('.')[0]}`, `${f}(request.get_data())`.replace('request.get_data()', '${T}'), 'open("/srv/x", "rb").read()')),
  sink('deserialization sink yaml.load without SafeLoader', 'KR109', 'import yaml', 'yaml.load(${T}, Loader=yaml.Loader)', 'open("/srv/x").read()'),
  {
    name: 'deserialization sink yaml.load: SafeLoader is safe',
    rule: 'KR109',
    vuln: view('import yaml', `yaml.load(${u}, Loader=yaml.FullLoader)`),
    safe: view('import yaml', `yaml.load(${u}, Loader=yaml.SafeLoader)`),
    source: 'request.args',
  },
  sink('deserialization sink shelve.open', 'KR109', 'import shelve', 'shelve.open(${T})', '"/srv/db"'),
  sink('deserialization sink joblib.load', 'KR109', 'import joblib', 'joblib.load(${T})', '"/srv/model.pkl"'),
  {
    name: 'deserialization sink torch.load (weights_only=True is safe)',
    rule: 'KR109',
    vuln: view('import torch', `torch.load(request.files["m"])`),
    safe: view('import torch', `torch.load(request.files["m"], weights_only=True)`),
    source: 'request.files',
  },
  // ---- XXE (KR118)
  {
    name: 'xxe sink lxml fromstring with a parser resolving entities',
    rule: 'KR118',
    vuln: view('from lxml import etree', `parser = etree.XMLParser(resolve_entities=True)\nreturn str(etree.fromstring(request.get_data(), parser))`),
    safe: view('from lxml import etree', `parser = etree.XMLParser(resolve_entities=False)\nreturn str(etree.fromstring(request.get_data(), parser))`),
    source: 'request.get_data',
  },
  {
    name: 'xxe sink lxml fromstring with the default parser',
    rule: 'KR118',
    vuln: view('from lxml import etree', 'return str(etree.fromstring(request.get_data()))'),
    safe: view('from lxml import etree', 'return str(etree.fromstring(open("/srv/conf.xml", "rb").read()))'),
    source: 'request.get_data',
  },
  {
    name: 'xxe sink xml.sax parser with feature_external_ges on',
    rule: 'KR118',
    vuln: view('import xml.sax\nfrom xml.sax.handler import feature_external_ges', 'parser = xml.sax.make_parser()\nparser.setFeature(feature_external_ges, True)\nparser.parse(request.files["x"].stream)'),
    safe: view('import xml.sax\nfrom xml.sax.handler import feature_external_ges', 'parser = xml.sax.make_parser()\nparser.setFeature(feature_external_ges, False)\nparser.parse(request.files["x"].stream)'),
    source: 'request.files',
  },
  {
    name: 'xxe sink xml.dom.pulldom with a parser whose external entities are on',
    rule: 'KR118',
    vuln: view('import xml.sax\nfrom xml.dom import pulldom\nfrom xml.sax.handler import feature_external_ges', 'p = xml.sax.make_parser()\np.setFeature(feature_external_ges, True)\npulldom.parseString(request.get_data(as_text=True), parser=p)'),
    safe: view('import xml.sax\nfrom xml.dom import pulldom\nfrom xml.sax.handler import feature_external_ges', 'p = xml.sax.make_parser()\npulldom.parseString(request.get_data(as_text=True), parser=p)'),
    source: 'request.get_data',
  },
  // ---- headers (KR112)
  {
    name: 'header sink response.headers[k] = v',
    rule: 'KR112',
    vuln: view('from flask import make_response', `r = make_response("ok")\nr.headers["X-Name"] = ${u}\nreturn r`),
    safe: view('from flask import make_response', 'r = make_response("ok")\nr.headers["X-Name"] = "static"\nreturn r'),
    source: 'request.args',
  },
  {
    name: 'header sink send_header',
    rule: 'KR112',
    vuln: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_header("Location", self.path)',
    safe: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_header("Location", "/")',
    source: 'self.path',
  },
  // ---- redirects through the Location header (KR107): the header's name decides (another header with the same value is no redirect)
  {
    name: 'redirect sink send_header("Location", …)',
    rule: 'KR107',
    vuln: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(301)\n        self.send_header("Location", self.path + "/")',
    safe: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200)\n        self.send_header("X-Path", self.path + "/")',
    source: 'self.path',
  },
  {
    name: 'redirect sink response.headers["Location"]',
    rule: 'KR107',
    vuln: view('from flask import make_response', `r = make_response("", 302)\nr.headers["Location"] = ${u}\nreturn r`),
    safe: view('from flask import make_response', `r = make_response("", 200)\nr.headers["X-Next"] = ${u}\nreturn r`),
    source: 'request.args',
  },
  {
    name: 'redirect sink Django response["Location"]',
    rule: 'KR107',
    vuln: 'from django.http import HttpResponse\ndef v(request):\n    r = HttpResponse(status=302)\n    r["location"] = request.GET["next"]\n    return r',
    safe: 'from django.http import HttpResponse\ndef v(request):\n    r = HttpResponse(status=200)\n    r["X-Next"] = request.GET["next"]\n    return r',
    source: 'request.GET',
  },
  // ---- logs (KR116)
  sink('log sink logging.info(tainted)', 'KR116', 'import logging', 'logging.info("user: " + ${T})'),
  sink('log sink logger.warning("%s", tainted)', 'KR116', 'import logging\nlogger = logging.getLogger(__name__)', 'logger.warning("user %s", ${T})'),
  sink('log sink app.logger.error', 'KR116', '', 'app.logger.error("user %s", ${T})'),
  // An argument formatted with %r is written as its repr (CR and LF escaped); %s is not.
  {
    name: 'log sink: the argument at a %s is written as is, the one at a %r as its repr',
    rule: 'KR116',
    vuln: view('import logging\nlog = logging.getLogger("audit")', `log.warning("user=%r ip=%s", "x", ${u})`),
    safe: view('import logging\nlog = logging.getLogger("audit")', `log.warning("user=%r ip=%s", ${u}, "x")`),
    source: 'request.args',
  },
  {
    name: 'log sink: logger.log(level, msg, …) counts the placeholders after the level; %% is no placeholder',
    rule: 'KR116',
    vuln: view('import logging\nlog = logging.getLogger("audit")', `log.log(logging.INFO, "100%% user=%s", ${u})`),
    safe: view('import logging\nlog = logging.getLogger("audit")', `log.log(logging.INFO, "100%% user=%a", ${u})`),
    source: 'request.args',
  },
  ...[
    ['a * width', `logging.info("%*s %r", 3, ${u})`],
    ['a starred argument', `logging.info("%r", *[${u}])`],
    ['a mapping key', `logging.info("%(u)r", {"u": ${u}})`],
  ].map(([what, call]) => ({
    name: `log sink: with ${what} the message is not read, every argument counts`,
    rule: 'KR116',
    vuln: view('import logging', call),
    safe: view('import logging', `logging.info("%5s %r", 3, ${u})`),
    source: 'request.args',
  })),
  // ---- regular expression patterns (KR137): the pattern only, not the text searched
  sink('regex sink re.compile(pattern)', 'KR137', 'import re', 're.compile(${T})', '"^[a-z]+$"'),
  sink('regex sink re.search(pattern, text)', 'KR137', 'import re', 'return str(re.search("(" + ${T} + ")+", TEXT))', '"a"'),
  sink('regex sink re.sub(pattern=)', 'KR137', 'import re', 'return re.sub(pattern=${T}, repl="", string=TEXT)', '"x"'),
  sink('regex sink regex.match', 'KR137', 'import regex', 'return str(regex.match(${T}, TEXT))', '"a"'),
  {
    name: 'regex sink: the text searched is not a pattern',
    rule: 'KR137',
    vuln: view('import re', `return str(re.fullmatch(${u}, "abc"))`),
    safe: view('import re', `return str(re.fullmatch("[a-z]+", ${u}))`),
    source: 'request.args',
  },
  // ---- session (KR113)
  sink('session sink session[k] = v', 'KR113', 'from flask import session', 'session["next"] = ${T}'),
  sink('session sink session.update()', 'KR113', 'from flask import session', 'session.update({"next": ${T}})'),
  {
    name: 'session sink: a value krait computed (not from the request) is fine',
    rule: 'KR113',
    vuln: view('from flask import session', `session["role"] = request.form["role"]`),
    safe: view('from flask import session', `user = authenticate(request.form["u"], request.form["p"])\nsession["uid"] = user.id`),
    source: 'request.form',
  },
  {
    name: 'session sink: a tainted session key',
    rule: 'KR113',
    vuln: view('from flask import session', `session[${u}] = True`),
    safe: view('from flask import session', `session["seen"] = True`),
    source: 'request.args',
  },
  // ---- NoSQL (KR117)
  sink('nosql sink pymongo $where', 'KR117', 'import pymongo\nusers = pymongo.MongoClient().db.users', 'users.find({"$where": "this.name == \'" + ${T} + "\'"})'),
  {
    name: 'nosql sink a filter document from request JSON (a string value in a literal filter is fine)',
    rule: 'KR117',
    vuln: view('import pymongo\nusers = pymongo.MongoClient().db.users', 'return str(users.find_one(request.get_json()))'),
    safe: view('import pymongo\nusers = pymongo.MongoClient().db.users', `return str(users.find_one({"name": ${u}}))`),
    source: 'request.get_json',
  },
];

/** A Django function view (request data from `request.GET`), with `imports` first. */
const dj = (imports: string, body: string): string => `${imports}\ndef view(request):\n${body.replace(/^/gm, '    ')}\n`;
/** A Starlette/FastAPI or aiohttp handler. */
const asgi = (imports: string, body: string): string => `${imports}\nasync def view(request):\n${body.replace(/^/gm, '    ')}\n`;
const g = 'request.GET["u"]';

/** Response headers (KR112), every way a framework sets one; safe twins set constants, or headers that are not a response's. */
const headerPairs: Pair[] = [
  ...['add', 'set', 'setdefault'].map((m) => sink(`header sink Headers.${m}()`, 'KR112', 'from flask import make_response', `r = make_response("ok")\nr.headers.${m}("X-Name", \${T})\nreturn r`)),
  sink('header sink Headers.extend()', 'KR112', 'from flask import make_response', 'r = make_response("ok")\nr.headers.extend([("X-Name", ${T})])\nreturn r'),
  sink('header sink Headers.update()', 'KR112', 'from flask import make_response', 'r = make_response("ok")\nr.headers.update({"X-Name": ${T}})\nreturn r'),
  sink('header sink a tainted header name', 'KR112', 'from flask import make_response', 'r = make_response("ok")\nr.headers[${T}] = "1"\nreturn r', '"X-Name"'),
  sink('header sink flask Response(headers=)', 'KR112', 'from flask import Response', 'return Response("ok", headers={"X-Name": ${T}})'),
  sink('header sink flask Response(body, status, headers)', 'KR112', 'from flask import Response', 'return Response("ok", 200, {"X-Name": ${T}})'),
  sink('header sink make_response(body, status, headers)', 'KR112', 'from flask import make_response', 'return make_response("ok", 200, {"X-Name": ${T}})'),
  sink('header sink make_response(body, headers)', 'KR112', 'from flask import make_response', 'h = {"X-Name": ${T}}\nreturn make_response("ok", h)'),
  sink('header sink werkzeug Headers object', 'KR112', 'from werkzeug.datastructures import Headers\nfrom flask import Response', 'h = Headers()\nh.add("X-Name", ${T})\nreturn Response("ok", headers=h)'),
  sink('header sink after_request-style response parameter', 'KR112', '', 'def add(response):\n    response.headers["X-Name"] = ${T}\n    return response\nreturn add'),
  {
    name: 'header sink: outgoing request headers are not a response (requests, httpx, a session attribute)',
    rule: 'KR112',
    vuln: view('import requests\nfrom flask import make_response', `r = make_response("ok")\nr.headers["X-Name"] = ${u}\nreturn r`),
    safe: view('import requests, httpx', `s = requests.Session()\ns.headers["X-Name"] = ${u}\nc = httpx.Client()\nc.headers.update({"X-Name": ${u}})\nself.session.headers["X-Name"] = ${u}\nreturn "ok"`),
    source: 'request.args',
  },
  {
    name: 'header sink: the request\'s own headers and a plain dict are not a response',
    rule: 'KR112',
    vuln: view('from flask import make_response', `r = make_response("ok")\nr.headers.set("X-Name", ${u})\nreturn r`),
    safe: view('from flask import make_response', `request.headers.get(${u})\nd = {}\nd["X-Name"] = ${u}\nd.update({"X": ${u}})\nreturn "ok"`),
    source: 'request.args',
  },
  {
    name: 'header sink: make_response status is not a header',
    rule: 'KR112',
    vuln: view('from flask import make_response', `return make_response("ok", 200, {"X-Name": ${u}})`),
    safe: view('from flask import make_response', `return make_response("ok", 200, {"X-Name": "static"})`),
    source: 'request.args',
  },
  sink('header sink a Flask view returning (body, status, headers)', 'KR112', '', 'return "ok", 200, {"X-Name": ${T}}'),
  sink('header sink a Flask view returning (body, headers)', 'KR112', '', 'return "ok", {"X-Name": ${T}}'),
  {
    name: 'header sink: a Flask view\'s returned status is not a header',
    rule: 'KR112',
    vuln: view('', `return "ok", 302, [("Location", ${u})]`),
    safe: view('', `return "ok", ${u}`),
    source: 'request.args',
  },
  {
    name: 'header sink send_header with a tainted header name; http.client putheader rejects CR/LF',
    rule: 'KR112',
    vuln: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_header(self.path[1:], "1")',
    safe: 'import http.client\nfrom http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        c = http.client.HTTPConnection("backend")\n        c.putrequest("GET", "/")\n        c.putheader("X-Path", self.path)',
    source: 'self.path',
  },
  {
    name: 'header sink: a table\'s headers list in a module of no web framework is not a response',
    rule: 'KR112',
    vuln: view('from flask import make_response', `r = make_response("ok")\nr.headers.extend([("X-Name", ${u})])\nreturn r`),
    safe: py(`
from tabulate import tabulate
def report(request, table):
    table.headers.append(request.GET["col"])
    table.headers.extend([request.GET["col2"]])
    return tabulate(table.rows, headers=table.headers)
`),
    source: 'request.args',
  },
  // Django
  { name: 'header sink django response["X"] = v', rule: 'KR112', vuln: dj('from django.http import HttpResponse', `response = HttpResponse("ok")\nresponse["X-Name"] = ${g}\nreturn response`), safe: dj('from django.http import HttpResponse', 'response = HttpResponse("ok")\nresponse["X-Name"] = "static"\nreturn response'), source: 'request.GET' },
  { name: 'header sink django render() response["X"] = v', rule: 'KR112', vuln: dj('from django.shortcuts import render', `response = render(request, "t.html")\nresponse["X-Name"] = ${g}\nreturn response`), safe: dj('from django.shortcuts import render', `ctx = {}\nctx["X-Name"] = ${g}\nreturn render(request, "t.html", ctx)`), source: 'request.GET' },
  { name: 'header sink django a tainted header name', rule: 'KR112', vuln: dj('from django.http import HttpResponse', `response = HttpResponse("ok")\nresponse[${g}] = "1"\nreturn response`), safe: dj('from django.http import HttpResponse', 'response = HttpResponse("ok")\nresponse["X-Name"] = "1"\nreturn response'), source: 'request.GET' },
  { name: 'header sink django response.headers[...]', rule: 'KR112', vuln: dj('from django.http import JsonResponse', `response = JsonResponse({})\nresponse.headers["X-Name"] = ${g}\nreturn response`), safe: dj('from django.http import JsonResponse', 'response = JsonResponse({})\nresponse.headers["X-Name"] = "static"\nreturn response'), source: 'request.GET' },
  { name: 'header sink django HttpResponse(headers=)', rule: 'KR112', vuln: dj('from django.http import HttpResponse', `return HttpResponse("ok", headers={"X-Name": ${g}})`), safe: dj('from django.http import HttpResponse', `return HttpResponse("ok", headers={"X-Name": "static"})`), source: 'request.GET' },
  { name: 'header sink django: a redirect target is not a header sink (KR107 reports it)', rule: 'KR112', vuln: dj('from django.http import HttpResponseRedirect', `return HttpResponseRedirect("/", headers={"X-Name": ${g}})`), safe: dj('from django.http import HttpResponseRedirect', `return HttpResponseRedirect(${g})`), source: 'request.GET' },
  // Starlette / FastAPI
  { name: 'header sink starlette Response(headers=)', rule: 'KR112', vuln: asgi('from starlette.responses import Response', 'return Response("ok", headers={"X-Name": request.query_params["u"]})'), safe: asgi('from starlette.responses import Response', 'return Response(request.query_params["u"], headers={"X-Name": "static"}, media_type="text/plain")'), source: 'request.query_params' },
  { name: 'header sink starlette JSONResponse(content, status, headers)', rule: 'KR112', vuln: asgi('from starlette.responses import JSONResponse', 'return JSONResponse({}, 200, {"X-Name": request.query_params["u"]})'), safe: asgi('from starlette.responses import JSONResponse', 'return JSONResponse({"u": request.query_params["u"]}, 200, {"X-Name": "static"})'), source: 'request.query_params' },
  {
    name: 'header sink fastapi response parameter headers[...]',
    rule: 'KR112',
    vuln: py(`
from fastapi import FastAPI, Response
app = FastAPI()
@app.get("/x")
def x(q: str, response: Response):
    response.headers["X-Name"] = q
    return {}
`),
    safe: py(`
from fastapi import FastAPI, Response
app = FastAPI()
@app.get("/x")
def x(q: int, response: Response):
    response.headers["X-Name"] = str(q)
    return {}
`),
    source: "parameter 'q'",
  },
  // aiohttp
  { name: 'header sink aiohttp web.Response(headers=)', rule: 'KR112', vuln: asgi('from aiohttp import web', 'return web.Response(text="ok", headers={"X-Name": request.query["u"]})'), safe: asgi('from aiohttp import web', 'return web.Response(text=request.query["u"], headers={"X-Name": "static"})'), source: 'request.query' },
  { name: 'header sink aiohttp resp.headers[...]', rule: 'KR112', vuln: asgi('from aiohttp import web', 'resp = web.Response(text="ok")\nresp.headers["X-Name"] = request.match_info["u"]\nreturn resp'), safe: asgi('from aiohttp import web', 'resp = web.Response(text="ok")\nresp.headers["X-Name"] = "static"\nreturn resp'), source: 'request.match_info' },
  {
    name: 'header sink: an http.server handler\'s self.headers are the request\'s',
    rule: 'KR112',
    vuln: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_header("X-Path", self.path)',
    safe: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.headers["X-Path"] = self.path\n        self.send_header("X-Path", "/")',
    source: 'self.path',
  },
];

/** Sessions (KR113): every way a framework writes one, values and keys; safe twins store constants or server-side facts. */
const sessionPairs: Pair[] = [
  { name: 'session sink django request.session[k] = v', rule: 'KR113', vuln: dj('import django', `request.session["next"] = ${g}`), safe: dj('import django', `request.session["next"] = "/home"`), source: 'request.GET' },
  { name: 'session sink django a tainted session key', rule: 'KR113', vuln: dj('import django', `request.session[${g}] = "true"`), safe: dj('import django', `request.session["seen"] = "true"`), source: 'request.GET' },
  { name: 'session sink django request.session.setdefault()', rule: 'KR113', vuln: dj('import django', `request.session.setdefault("next", ${g})`), safe: dj('import django', `request.session.setdefault("next", "/home")`), source: 'request.GET' },
  { name: 'session sink django request.session.update()', rule: 'KR113', vuln: dj('import django', `request.session.update({"next": ${g}})`), safe: dj('import django', `request.session.update({"next": "/home"})`), source: 'request.GET' },
  { name: 'session sink django class-based view self.request.session', rule: 'KR113', vuln: py(`
from django.views import View
class V(View):
    def get(self, request):
        self.request.session["role"] = self.request.GET["role"]
`), safe: py(`
from django.views import View
class V(View):
    def get(self, request):
        self.request.session["role"] = "guest"
`), source: 'request.GET' },
  { name: 'session sink starlette request.session[k] = v', rule: 'KR113', vuln: asgi('from starlette.requests import Request', 'request.session["next"] = request.query_params["u"]'), safe: asgi('from starlette.requests import Request', 'request.session["next"] = "/"'), source: 'request.query_params' },
  { name: 'session sink aiohttp_session get_session()', rule: 'KR113', vuln: asgi('from aiohttp_session import get_session', 'session = await get_session(request)\nsession["next"] = request.query["u"]'), safe: asgi('from aiohttp_session import get_session', 'session = await get_session(request)\nsession["next"] = "/"'), source: 'request.query' },
  { name: 'session sink aiohttp_session a tainted key', rule: 'KR113', vuln: asgi('from aiohttp_session import new_session', 'session = await new_session(request)\nsession[request.query["k"]] = 1'), safe: asgi('from aiohttp_session import new_session', 'cache = {}\ncache[request.query["k"]] = 1'), source: 'request.query' },
  { name: 'session sink beaker environ["beaker.session"]', rule: 'KR113', vuln: py(`
from bottle import request, route
@route("/x")
def x():
    s = request.environ.get("beaker.session")
    s["user"] = request.forms.get("user")
`), safe: py(`
from bottle import request, route
@route("/x")
def x():
    s = request.environ.get("beaker.session")
    s["user"] = "anonymous"
`), source: 'request.forms' },
  sink('session sink flask session.setdefault()', 'KR113', 'from flask import session', 'session.setdefault("next", ${T})'),
  sink('session sink: a value from a dead branch is safe', 'KR113', 'from flask import session', 'DEBUG = False\nif DEBUG or True:\n    session["next"] = ${T}', '"/"'),
  {
    name: 'session sink: the value of a dead branch never reaches the session',
    rule: 'KR113',
    vuln: view('from flask import session', `v = "/"\nif len(${u}) > 3:\n    v = ${u}\nsession["next"] = v`),
    safe: view('from flask import session', `v = "/"\nif False:\n    v = ${u}\nsession["next"] = v`),
    source: 'request.args',
  },
  {
    name: 'session sink: an allow-listed value is safe',
    rule: 'KR113',
    vuln: view('from flask import session', `lang = ${u}\nsession["lang"] = lang`),
    safe: view('from flask import session', `lang = ${u}\nif lang not in ("en", "fr"):\n    lang = "en"\nsession["lang"] = lang`),
    source: 'request.args',
  },
];
pairs.push(...headerPairs, ...sessionPairs);

// Tornado's write() is a method of the handler: its own snippet.
const tornado = pairs.findIndex((p) => p.name === 'xss sink tornado RequestHandler.write');
pairs[tornado] = {
  name: 'xss sink tornado RequestHandler.write',
  rule: 'KR108',
  vuln: py(`
import tornado.web
class H(tornado.web.RequestHandler):
    def get(self):
        self.write("<p>" + self.get_argument("q") + "</p>")
`),
  safe: py(`
import tornado.web, html
class H(tornado.web.RequestHandler):
    def get(self):
        self.write("<p>" + html.escape(self.get_argument("q")) + "</p>")
`),
  source: 'get_argument',
};

describe('taint model rows: sinks', () => runPairs(pairs));
