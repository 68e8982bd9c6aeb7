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
  // ---- logs (KR116)
  sink('log sink logging.info(tainted)', 'KR116', 'import logging', 'logging.info("user: " + ${T})'),
  sink('log sink logger.warning("%s", tainted)', 'KR116', 'import logging\nlogger = logging.getLogger(__name__)', 'logger.warning("user %s", ${T})'),
  sink('log sink app.logger.error', 'KR116', '', 'app.logger.error("user %s", ${T})'),
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
    needs: 'report a tainted subscript key of session[...] = v (only the value is checked)',
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
