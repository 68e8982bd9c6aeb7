/**
 * Reasoning-layer precision, tenth round: a pattern finding in a *method* whose flagged value
 * is built from the method's parameters, or from fields of `self` the constructor sets from
 * its own parameters, is settled by the calls of the method (`.name` on any receiver) or of
 * the class; an argument built from the caller's own parameters is settled by the caller's
 * calls in turn. Calls that could not bind to the method's parameters are not its calls;
 * a method used other than by a call, a subclass, or a list the function changes keep the
 * finding. A field set from a parameter whose default is a sandboxed jinja2 environment is
 * that environment. Each with its unsafe twin.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { cleanTempDirs } from '../helpers/temp-project.js';
import { scanProject } from '../helpers/scan-project.js';

cleanTempDirs();

const scan = (files: Record<string, string>): Promise<Finding[]> => scanProject(files, { prefix: 'krait-round10-', dismissed: true });
const lines = (...xs: string[]) => `${xs.join('\n')}\n`;
/** The finding of `rule` in `file` (there must be one). */
async function findingOf(files: Record<string, string>, rule: string, file: string): Promise<Finding> {
  const all = await scan(files);
  const f = all.find((x) => x.ruleId === rule && x.location.path === file);
  expect(f, `${rule} in ${file}: ${all.map((x) => `${x.ruleId}@${x.location.path}`).join(' ')}`).toBeDefined();
  return f!;
}
const active = (f: Finding) => (f.status ?? 'active') === 'active';

describe('a method whose SQL is built from its parameters', () => {
  const repo = lines(
    'import sqlite3',
    'class TicketStore:',
    '    def __init__(self, path):',
    '        self.path = path',
    '    def listing(self, state, column, order):',
    '        sql = f"SELECT id, title FROM tickets WHERE state = ? ORDER BY {column} {order}"',
    '        with sqlite3.connect(self.path) as db:',
    '            return db.execute(sql, (state,)).fetchall()',
  );
  const config = lines('SORTS = {"new": "created", "old": "created", "title": "title"}', 'DEFAULT_SORT = "created"');
  const service = (order: string) =>
    lines(
      'import config',
      'from store import TicketStore',
      'class Tickets:',
      '    def __init__(self):',
      '        self.store = TicketStore("tickets.db")',
      '    def page(self, state, sort, order):',
      '        column = config.SORTS.get(sort, config.DEFAULT_SORT)',
      `        order = ${order}`,
      '        return self.store.listing(state, column, order)',
    );
  const view = lines(
    'from flask import Flask, request, jsonify',
    'from service import Tickets',
    'app = Flask(__name__)',
    'tickets = Tickets()',
    '@app.get("/tickets")',
    'def page():',
    '    a = request.args',
    '    return jsonify(tickets.page(a.get("state", "open"), a.get("sort", "new"), a.get("order", "asc")))',
    'if __name__ == "__main__":',
    '    app.run(host="127.0.0.1", port=8000)',
  );

  it('every call passes a table entry and one of two literals: dismissed as constant', async () => {
    const f = await findingOf({ 'store.py': repo, 'config.py': config, 'service.py': service('"DESC" if order == "desc" else "ASC"'), 'app.py': view }, 'B608', 'store.py');
    expect(active(f)).toBe(false);
    expect(f.verdict?.kind).toBe('constant');
    expect(f.verdict?.reason).toMatch(/every call of TicketStore\.listing\(\) in the project passes constants for 'column', 'order'/);
  });

  it('the order only upper-cased: kept', async () => {
    const f = await findingOf({ 'store.py': repo, 'config.py': config, 'service.py': service('order.upper()'), 'app.py': view }, 'B608', 'store.py');
    expect(active(f)).toBe(true);
  });

  it('one more call of a method of that name with request data: kept', async () => {
    const other = lines('from flask import request', 'def export(store):', '    return store.listing("open", request.args["c"], "ASC")');
    const f = await findingOf({ 'store.py': repo, 'config.py': config, 'service.py': service('"DESC" if order == "desc" else "ASC"'), 'app.py': view, 'export.py': other }, 'B608', 'store.py');
    expect(active(f)).toBe(true);
  });

  it('the method handed out as a callback: kept (calls krait cannot see)', async () => {
    const hook = lines('from service import Tickets', 'def register(registry, t: Tickets):', '    registry["listing"] = t.store.listing');
    const f = await findingOf({ 'store.py': repo, 'config.py': config, 'service.py': service('"DESC" if order == "desc" else "ASC"'), 'app.py': view, 'hooks.py': hook }, 'B608', 'store.py');
    expect(active(f)).toBe(true);
  });

  it('a list the method appends request text to is not a constant', async () => {
    const appended = lines(
      'import sqlite3',
      'class TicketStore:',
      '    def listing(self, states, column):',
      '        where = ["1 = 1"]',
      '        for s in states:',
      '            where.append(f"state = \'{s}\'")',
      '        sql = f"SELECT id FROM tickets WHERE {\' OR \'.join(where)} ORDER BY {column}"',
      '        return sqlite3.connect("t.db").execute(sql).fetchall()',
    );
    const caller = lines('from flask import request', 'from store import TicketStore', 'def page():', '    return TicketStore().listing(request.args.getlist("s"), "created")');
    const f = await findingOf({ 'store.py': appended, 'app.py': caller }, 'B608', 'store.py');
    expect(active(f)).toBe(true);
  });
});

describe('a method the framework calls', () => {
  const queries = lines(
    'from django.db import connection',
    'class StockQueries:',
    '    def levels_for(self, warehouse, minimum=0):',
    '        sql = f"SELECT sku FROM stock WHERE warehouse = {warehouse} AND quantity >= %s"',
    '        with connection.cursor() as cursor:',
    '            cursor.execute(sql, [minimum])',
    '            return cursor.fetchall()',
  );
  const view = (base: string) =>
    lines(
      'from django.views import View',
      'from django.http import JsonResponse',
      'from .queries import StockQueries',
      `class LevelView(${base}):`,
      '    def get(self, request, warehouse):',
      '        minimum = int(request.GET.get("min", "0"))',
      '        return JsonResponse({"levels": StockQueries().levels_for(warehouse, minimum)})',
    );
  const urls = lines('from django.urls import path', 'from . import views', 'urlpatterns = [path("w/<str:warehouse>/", views.LevelView.as_view())]');

  it('a View’s get(): its parameters come from the URL, not from the calls of other get() methods', async () => {
    const f = await findingOf({ 'stock/__init__.py': '', 'stock/queries.py': queries, 'stock/views.py': view('View'), 'stock/urls.py': urls }, 'B608', 'stock/queries.py');
    expect(active(f)).toBe(true);
  });

  it('the same method of a plain class whose every caller passes a constant: dismissed', async () => {
    const plain = lines('from .queries import StockQueries', 'class Report:', '    def fetch(self, request, warehouse):', '        return StockQueries().levels_for(warehouse)', 'def daily():', '    return Report().fetch(None, 7)');
    const f = await findingOf({ 'stock/__init__.py': '', 'stock/queries.py': queries, 'stock/report.py': plain }, 'B608', 'stock/queries.py');
    expect(active(f)).toBe(false);
  });
});

describe('a field of self the constructor sets from its parameter', () => {
  const job = lines(
    'import os',
    'class MirrorJob:',
    '    def __init__(self, remote, timeout=20):',
    '        self.remote = remote',
    '        self.timeout = timeout',
    '    def branches(self):',
    '        return os.popen(f"timeout {self.timeout} git ls-remote --heads {self.remote}").read()',
  );
  const handler = (lookup: string) =>
    lines(
      'import json',
      'from mirror import MirrorJob',
      'REMOTES = {"api": "https://git.example/api.git", "web": "https://git.example/web.git"}',
      'def handler(event, context):',
      '    name = json.loads(event["body"]).get("repo", "")',
      `    remote = ${lookup}`,
      '    if not remote:',
      '        return {"statusCode": 404}',
      '    return {"statusCode": 200, "body": MirrorJob(remote, timeout=int(event.get("t", 20))).branches()}',
    );

  it('every construction passes an entry of a table of constants and a number: dismissed', async () => {
    const f = await findingOf({ 'mirror.py': job, 'lambda_function.py': handler('REMOTES.get(name)') }, 'B605', 'mirror.py');
    expect(active(f)).toBe(false);
    expect(f.verdict?.reason).toMatch(/every call of MirrorJob\(\) in the project passes/);
  });

  it('the table falls back to the request value: reported', async () => {
    const f = await findingOf({ 'mirror.py': job, 'lambda_function.py': handler('REMOTES.get(name, name)') }, 'B605', 'mirror.py');
    expect(active(f)).toBe(true);
  });

  it('a field a later method also sets: kept', async () => {
    const reset = job.replace('    def branches(self):', '    def retarget(self, remote):\n        self.remote = remote\n    def branches(self):');
    const f = await findingOf({ 'mirror.py': reset, 'lambda_function.py': handler('REMOTES.get(name)') }, 'B605', 'mirror.py');
    expect(active(f)).toBe(true);
  });

  it('a subclass of the class (constructed another way): kept', async () => {
    const sub = lines('from mirror import MirrorJob', 'class Fork(MirrorJob):', '    def __init__(self, remote):', '        super().__init__(remote)');
    const f = await findingOf({ 'mirror.py': job, 'lambda_function.py': handler('REMOTES.get(name)'), 'fork.py': sub }, 'B605', 'mirror.py');
    expect(active(f)).toBe(true);
  });

  it('a field another method also sets: kept', async () => {
    // (Defined before the constructor: the order of the methods does not matter.)
    const reset = job.replace('    def __init__(', '    def retarget(self, remote):\n        self.remote = remote\n    def __init__(');
    const f = await findingOf({ 'mirror.py': reset, 'lambda_function.py': handler('REMOTES.get(name)') }, 'B605', 'mirror.py');
    expect(active(f)).toBe(true);
  });
});

describe('an argument built from the caller’s own parameters', () => {
  const runner = lines(
    'import subprocess',
    'class Runner:',
    '    def __init__(self, timeout=30):',
    '        self.timeout = timeout',
    '    def run(self, command):',
    '        return subprocess.run(command, shell=True, capture_output=True, timeout=self.timeout)',
  );
  const service = lines(
    'from runner import Runner',
    'class Diagnostics:',
    '    def __init__(self):',
    '        self.runner = Runner()',
    '    def ping(self, count, host="localhost"):',
    '        return self.runner.run(f"ping -c {count} {host}")',
    '    def uptime(self):',
    '        return self.runner.run("uptime")',
  );
  const app = (count: string) =>
    lines(
      'from flask import Flask, request',
      'from service import Diagnostics',
      'app = Flask(__name__)',
      'diag = Diagnostics()',
      '@app.post("/ping")',
      'def ping():',
      `    return str(diag.ping(${count}))`,
      'if __name__ == "__main__":',
      '    app.run(host="0.0.0.0", port=8700)',
    );

  it('the caller of the caller passes a number and leaves the host to its default: dismissed', async () => {
    const f = await findingOf({ 'runner.py': runner, 'service.py': service, 'app.py': app('int(request.form.get("count", 3))') }, 'B602', 'runner.py');
    expect(active(f)).toBe(false);
    expect(f.verdict?.kind).toBe('sanitised');
    expect(f.verdict?.reason).toMatch(/Runner\.run\(\)/);
  });

  it('a method named like a method of str or dict (its calls are not recorded): kept', async () => {
    const named = (x: string) => x.replace(/\.runner\.run\(/g, '.runner.write(').replace('def run(', 'def write(');
    const f = await findingOf({ 'runner.py': named(runner), 'service.py': named(service), 'app.py': app('int(request.form.get("count", 3))') }, 'B602', 'runner.py');
    expect(active(f)).toBe(true);
  });

  it('a call with no argument passes a default that is not a constant: kept', async () => {
    const defaulted = runner.replace('def run(self, command):', 'def run(self, command=DEFAULT):').replace('import subprocess', 'import os, subprocess\nDEFAULT = os.environ.get("DIAG", "uptime")');
    const idle = lines('from runner import Runner', 'def idle():', '    return Runner().run()');
    const f = await findingOf({ 'runner.py': defaulted, 'service.py': service, 'app.py': app('int(request.form.get("count", 3))'), 'idle.py': idle }, 'B602', 'runner.py');
    expect(active(f)).toBe(true);
  });

  it('the same default with no call lacking the argument: dismissed', async () => {
    const defaulted = runner.replace('def run(self, command):', 'def run(self, command=DEFAULT):').replace('import subprocess', 'import os, subprocess\nDEFAULT = os.environ.get("DIAG", "uptime")');
    const f = await findingOf({ 'runner.py': defaulted, 'service.py': service, 'app.py': app('int(request.form.get("count", 3))') }, 'B602', 'runner.py');
    expect(active(f)).toBe(false);
  });

  it('calls of other methods named run that could not bind to it do not count', async () => {
    const other = lines(
      'import threading',
      'from flask import request',
      'def work():',
      '    worker = threading.Thread(target=print)',
      '    worker.run()',
      '    return scheduler().run(request.args["job"], 1, 2)',
      'def scheduler():',
      '    return None',
    );
    const f = await findingOf({ 'runner.py': runner, 'service.py': service, 'app.py': app('int(request.form.get("count", 3))'), 'jobs.py': other }, 'B602', 'runner.py');
    expect(active(f)).toBe(false);
  });

  it('the method called through its class with the instance first: kept (krait does not match such a call)', async () => {
    const batch = lines('import runner', 'from flask import request', 'def go(job):', '    return runner.Runner.run(job, request.args["cmd"])');
    const f = await findingOf({ 'runner.py': runner, 'service.py': service, 'app.py': app('int(request.form.get("count", 3))'), 'batch.py': batch }, 'B602', 'runner.py');
    expect(active(f)).toBe(true);
  });

  it('the count is request text: reported', async () => {
    const f = await findingOf({ 'runner.py': runner, 'service.py': service, 'app.py': app('request.form.get("count", "3")') }, 'B602', 'runner.py');
    expect(active(f)).toBe(true);
  });

  it('a call that passes the host too, from the request: reported', async () => {
    const f = await findingOf({ 'runner.py': runner, 'service.py': service, 'app.py': app('3, request.form["host"]') }, 'B602', 'runner.py');
    expect(active(f)).toBe(true);
  });
});

describe('a field set from a parameter whose default is a jinja2 environment', () => {
  const renderer = (env: string) =>
    lines(
      `from jinja2 import StrictUndefined${env === 'Environment' ? ', Environment' : ''}`,
      ...(env === 'Environment' ? [] : ['from jinja2.sandbox import SandboxedEnvironment']),
      `_env = ${env}(undefined=StrictUndefined, autoescape=True)`,
      'class HeaderRenderer:',
      '    def __init__(self, env=_env):',
      '        self.env = env',
      '    def render(self, source, tenant):',
      '        return self.env.from_string(source).render(tenant=tenant)',
    );
  const api = lines(
    'from fastapi import FastAPI, Header',
    'from reports import HeaderRenderer',
    'app = FastAPI()',
    'renderer = HeaderRenderer()',
    '@app.get("/header")',
    'def header(template: str, tenant: str = Header("acme")):',
    '    return {"html": renderer.render(template, tenant)}',
  );

  it('a sandboxed environment: no template injection', async () => {
    const all = await scan({ 'reports.py': renderer('SandboxedEnvironment'), 'main.py': api });
    expect(all.filter((f) => f.ruleId === 'KR106' && active(f))).toEqual([]);
  });

  it('a plain environment: template injection', async () => {
    const all = await scan({ 'reports.py': renderer('Environment'), 'main.py': api });
    expect(all.filter((f) => f.ruleId === 'KR106' && active(f)).length).toBeGreaterThan(0);
  });
});

describe('a file with more calls than the record holds', () => {
  const util = lines('import subprocess', 'def run(cmd):', '    return subprocess.run(cmd, shell=True)', 'def noise(x):', '    return x');
  const main = lines('from util import run', 'def listing():', '    return run("ls -l")');
  const big = (last: string) => lines('from flask import request', 'from util import noise, run', 'def busy():', ...Array.from({ length: 2100 }, (_, i) => `    noise(${i})`), `    ${last}`);

  it('calls of other functions beyond the cap do not keep a finding', async () => {
    const f = await findingOf({ 'util.py': util, 'main.py': main, 'big.py': big('noise(-1)') }, 'B602', 'util.py');
    expect(active(f)).toBe(false);
  });

  it('a call of the function beyond the cap (not recorded) keeps it', async () => {
    const f = await findingOf({ 'util.py': util, 'main.py': main, 'big.py': big('run(request.args["cmd"])') }, 'B602', 'util.py');
    expect(active(f)).toBe(true);
  });
});

describe('a character map that writes control characters as codes (log injection)', () => {
  const app = (mapping: string) =>
    lines(
      'import logging',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'log = logging.getLogger("hooks")',
      'def printable(value):',
      '    text = str(value)',
      `    return "".join(${mapping} for ch in text)`,
      '@app.post("/hook")',
      'def hook():',
      '    log.info("hook from agent=%s", printable(request.headers.get("User-Agent", "")))',
      '    return "ok"',
    );
  const kr116 = async (mapping: string) => (await scan({ 'app.py': app(mapping) })).filter((f) => f.ruleId === 'KR116' && active(f));

  it('non-printable characters as \\xNN codes: no log injection', async () => {
    expect(await kr116('ch if ch.isprintable() else f"\\\\x{ord(ch):02x}"')).toEqual([]);
  });

  it('the same written the other way round, with a %-template: no log injection', async () => {
    expect(await kr116('"\\\\x%02x" % ord(ch) if not ch.isprintable() else ch')).toEqual([]);
  });

  it('only tabs replaced: log injection', async () => {
    expect((await kr116('ch if ch != "\\t" else " "')).length).toBeGreaterThan(0);
  });

  it('non-printable characters replaced by the character itself in another form: log injection', async () => {
    expect((await kr116('ch if ch.isprintable() else ch.upper()')).length).toBeGreaterThan(0);
  });

  it('a replacement that writes a newline: log injection', async () => {
    expect((await kr116('ch if ch.isprintable() else "\\n"')).length).toBeGreaterThan(0);
  });
});

describe('an allow-list imported from another module', () => {
  const inventory = lines('SERVICES = frozenset({"nginx", "gunicorn", "celery"})');
  const ops = (check: string) =>
    lines(
      'import subprocess',
      'from flask import Flask, request, abort',
      'from inventory import SERVICES',
      'app = Flask(__name__)',
      '@app.post("/restart")',
      'def restart():',
      '    service = request.form["service"]',
      `    if ${check}:`,
      '        abort(400)',
      '    subprocess.run(f"systemctl restart {service}", shell=True)',
      '    return "ok"',
    );
  const b602 = async (check: string) => (await scan({ 'inventory.py': inventory, 'ops.py': ops(check) })).find((f) => f.ruleId === 'B602')!;

  it('membership in an imported set of constants pins the value: dismissed', async () => {
    expect(active(await b602('service not in SERVICES'))).toBe(false);
  });

  it('only checked for being empty: reported', async () => {
    expect(active(await b602('not service'))).toBe(true);
  });
});

describe('a deserialiser reading a file at a fixed path', () => {
  const settings = lines('from pathlib import Path', 'BASE_DIR = Path(__file__).resolve().parent', 'MODEL_FILE = BASE_DIR / "artifacts" / "churn.pkl"');
  const store = (body: string[]) => lines('import pickle', 'import settings', 'from flask import Flask, request', 'app = Flask(__name__)', ...body);
  const b301 = async (body: string[]) => (await scan({ 'settings.py': settings, 'store.py': store(body) })).find((f) => f.ruleId === 'B301')!;

  it('a model file the application ships (settings constant): dismissed as constant', async () => {
    const f = await b301(['def model():', '    with open(settings.MODEL_FILE, "rb") as fh:', '        return pickle.load(fh)']);
    expect(active(f)).toBe(false);
    expect(f.verdict?.reason).toMatch(/fixed path `settings\.MODEL_FILE`/);
  });

  it('the same path, built in the module from __file__: dismissed', async () => {
    const f = await b301(['import os', 'HERE = os.path.dirname(os.path.abspath(__file__))', 'def model():', '    return pickle.load(open(os.path.join(HERE, "model.pkl"), "rb"))']);
    expect(active(f)).toBe(false);
  });

  it('the module also saves an upload to that path: kept', async () => {
    const f = await b301([
      '@app.post("/model")',
      'def upload():',
      '    request.files["model"].save(settings.MODEL_FILE)',
      '    return "ok"',
      'def model():',
      '    with open(settings.MODEL_FILE, "rb") as fh:',
      '        return pickle.load(fh)',
    ]);
    expect(active(f)).toBe(true);
  });

  it('a path in a shared temporary folder: kept', async () => {
    const f = await b301(['def model():', '    with open("/tmp/churn.pkl", "rb") as fh:', '        return pickle.load(fh)']);
    expect(active(f)).toBe(true);
  });

  it('an imported name not spelled as a constant: kept', async () => {
    const f = await b301(['from config import model_path', 'def model():', '    with open(model_path, "rb") as fh:', '        return pickle.load(fh)']);
    expect(active(f)).toBe(true);
  });

  it('a path computed from a parameter: kept', async () => {
    const f = await b301(['def model(name):', '    with open(name, "rb") as fh:', '        return pickle.load(fh)']);
    expect(active(f)).toBe(true);
  });

  it('a shelve database at a fixed path: dismissed', async () => {
    const all = await scan({ 'prefs.py': lines('import shelve', 'PREFS_DB = "/var/lib/notes/prefs"', 'def prefs(user):', '    with shelve.open(PREFS_DB) as db:', '        return db.get(user, {})') });
    expect(active(all.find((f) => f.ruleId === 'B301')!)).toBe(false);
  });
});

describe('the value of an enumeration field of a validated model of another module', () => {
  const schemas = (type: string) =>
    lines('from enum import Enum', 'from pydantic import BaseModel', 'class Status(str, Enum):', '    open = "open"', '    closed = "closed"', 'class Filter(BaseModel):', `    status: ${type}`, '    team: int');
  const repo = lines(
    'from sqlalchemy import text',
    'from schemas import Filter',
    'class Tickets:',
    '    def __init__(self, engine):',
    '        self.engine = engine',
    '    def search(self, filters: Filter):',
    '        status = filters.status.value',
    `        sql = text(f"SELECT id FROM tickets WHERE team = :team AND status = '{status}'")`,
    '        with self.engine.connect() as conn:',
    '            return conn.execute(sql, {"team": filters.team}).fetchall()',
  );
  const b608 = async (type: string) => (await scan({ 'schemas.py': schemas(type), 'repo.py': repo })).find((f) => f.ruleId === 'B608')!;

  it('an Enum field: its value is one of the members’ (sanitised)', async () => {
    expect(active(await b608('Status'))).toBe(false);
  });

  it('a str field (then .value of whatever it holds): kept', async () => {
    expect(active(await b608('str'))).toBe(true);
  });
});

describe('a list of SQL clauses that grows under a condition', () => {
  const repo = (added: string) =>
    lines(
      'from sqlalchemy import text',
      'def invoices(session, customer, search=None):',
      '    clauses = ["customer_id = :customer"]',
      '    params = {"customer": customer}',
      '    if search:',
      `        clauses.append(${added})`,
      '        params["pattern"] = f"%{search}%"',
      '    sql = text(f"SELECT id FROM invoices WHERE {\' AND \'.join(clauses)} LIMIT 50")',
      '    return session.execute(sql, params).fetchall()',
    );
  const b608 = async (added: string) => (await scan({ 'repo.py': repo(added) })).find((f) => f.ruleId === 'B608')!;

  it('a fixed clause with a placeholder added: constant', async () => {
    const f = await b608('"number ILIKE :pattern"');
    expect(active(f)).toBe(false);
    expect(f.verdict?.kind).toBe('constant');
  });

  it('the search text itself added: kept', async () => {
    expect(active(await b608('f"number ILIKE \'%{search}%\'"'))).toBe(true);
  });

  it('the search text added, then the last clause alone: kept', async () => {
    const last = repo('f"number ILIKE \'%{search}%\'"').replace("{\' AND \'.join(clauses)}", '{clauses[-1]}');
    expect(last).toContain('clauses[-1]');
    expect(active((await scan({ 'repo.py': last })).find((f) => f.ruleId === 'B608')!)).toBe(true);
  });
});
