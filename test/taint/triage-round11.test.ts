/**
 * Reasoning-layer precision, eleventh round: methods called on a field of `self` that holds
 * an instance of a class of the same module (`self.client = Client()`, or `client or
 * Client()`), in one module and across modules. Each with its safe twin.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { cleanTempDirs } from '../helpers/temp-project.js';
import { active, at, lines, projectScanner } from '../helpers/triage-cases.js';

cleanTempDirs();

const scan = projectScanner('krait-round11-');

describe('a method called on a field of self holding an instance of a class of the module', () => {
  const service = (field: string, arg: string) =>
    lines(
      'import requests',
      'class Client:',
      '    def post_json(self, url, payload):',
      '        return requests.post(url, json=payload, timeout=5)',
      'class Notifier:',
      '    def __init__(self, client=None):',
      `        self.client = ${field}`,
      '    def deliver(self, url):',
      `        return self.client.post_json(${arg}, {"ok": True})`,
    );
  const view = lines(
    'from flask import Flask, request',
    'from notifier import Notifier',
    'app = Flask(__name__)',
    'notifier = Notifier()',
    '@app.post("/hooks/test")',
    'def test_hook():',
    '    return notifier.deliver(request.form["url"]).text',
  );

  it('the request URL reaches the client’s request through the field: SSRF, traced from the view', async () => {
    const all = await scan({ 'notifier.py': service('Client()', 'url'), 'app.py': view });
    const hits = at(all, 'KR105', 'notifier.py', 4);
    expect(hits.length, all.map((x) => `${x.ruleId}@${x.location.path}:${x.location.startLine}`).join(' ')).toBe(1);
    expect(hits[0].trace?.[0]?.location.path.endsWith('app.py')).toBe(true);
  });

  it('a field defaulting to the class (`client or Client()`): the same flow', async () => {
    const all = await scan({ 'notifier.py': service('client or Client()', 'url'), 'app.py': view });
    expect(at(all, 'KR105', 'notifier.py', 4)).toHaveLength(1);
  });

  it('the method posts to a fixed URL instead: no SSRF', async () => {
    const all = await scan({ 'notifier.py': service('Client()', '"https://hooks.example.com/notify"'), 'app.py': view });
    expect(at(all, 'KR105', 'notifier.py')).toHaveLength(0);
  });

  it('in one module: the view, the service and the client', async () => {
    const one = (arg: string) =>
      lines(
        'import sqlite3',
        'from flask import Flask, request',
        'app = Flask(__name__)',
        'class Repo:',
        '    def find(self, name):',
        '        db = sqlite3.connect("app.db")',
        '        return db.execute("SELECT * FROM users WHERE name = \'%s\'" % name).fetchall()',
        'class Users:',
        '    def __init__(self):',
        '        self.repo = Repo()',
        '    def lookup(self, name):',
        `        return self.repo.find(${arg})`,
        'users = Users()',
        '@app.get("/u")',
        'def u():',
        '    return str(users.lookup(request.args["name"]))',
      );
    const bad = await scan({ 'app.py': one('name') });
    expect(at(bad, 'KR101', 'app.py', 7).length + at(bad, 'B608', 'app.py', 7).filter((f) => f.verdict?.kind === 'reachable').length).toBeGreaterThan(0);
    const good = await scan({ 'app.py': one('"admin"') });
    expect(at(good, 'KR101', 'app.py')).toHaveLength(0);
  });
});

describe('a value returned by a validator of another module, passed to a function whose pattern finding hinges on it', () => {
  const naming = (check: string) =>
    lines(
      'import re',
      '_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")',
      'class InvalidName(ValueError):',
      '    pass',
      'def require_name(value):',
      `    if not isinstance(value, str) or not ${check}:`,
      '        raise InvalidName(value)',
      '    return value',
    );
  const runner = lines(
    'import subprocess',
    'def archive(name):',
    '    cmd = f"tar czf /var/backups/{name}.tgz -C /srv/projects {name}"',
    '    return subprocess.run(cmd, shell=True, capture_output=True)',
  );
  const view = lines(
    'from flask import Flask, request',
    'from naming import InvalidName, require_name',
    'from runner import archive',
    'app = Flask(__name__)',
    '@app.post("/backups")',
    'def backup():',
    '    try:',
    '        name = require_name(request.form.get("project"))',
    '    except InvalidName:',
    '        return "bad", 400',
    '    archive(name)',
    '    return "ok"',
  );

  it('the name must fully match a strict pattern: the shell finding is dismissed (sanitised)', async () => {
    const all = await scan({ 'naming.py': naming('_NAME.fullmatch(value)'), 'runner.py': runner, 'app.py': view });
    const f = all.find((x) => x.ruleId === 'B602' && x.location.path === 'runner.py');
    expect(f?.status, JSON.stringify(f?.verdict)).toBe('dismissed');
    expect(f?.verdict?.kind).toBe('sanitised');
  });

  it('the pattern only has to match at the start (re.match without an end anchor): kept', async () => {
    const all = await scan({ 'naming.py': naming('_NAME.match(value)'), 'runner.py': runner, 'app.py': view });
    expect(at(all, 'B602', 'runner.py').length + at(all, 'KR102', 'runner.py').length).toBeGreaterThan(0);
  });
});

describe('an escape that leaves quotes, in a quoted attribute (XSS)', () => {
  const view = (escape: string, body: string) =>
    lines(
      'import html',
      'from xml.sax.saxutils import escape as xml_escape',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      '@app.get("/search")',
      'def search():',
      '    q = request.args.get("q", "")',
      `    shown = ${escape}`,
      `    return ${body}`,
    );
  const xss = (all: Finding[]) => all.filter((f) => active(f) && (f.cwe ?? []).some((c) => /79$/.test(String(c))));

  it.each([
    ['an f-string', 'html.escape(q, quote=False)', `f'<form><input name="q" value="{shown}"></form>'`],
    ['a + chain after another attribute', 'html.escape(q, quote=False)', `'<a href="/s?page=' + str(2) + '" title="' + shown + '">next</a>'`],
    ['a % template', 'html.escape(q, quote=False)', `'<p>Results</p><input value="%s">' % shown`],
    ['str.format', 'html.escape(q, quote=False)', `'<input value=\\'{}\\'>'.format(shown)`],
    ['xml.sax.saxutils.escape', 'xml_escape(q)', `f'<input value="{shown}">'`],
  ])('%s: reported', async (_what, escape, body) => {
    expect(xss(await scan({ 'app.py': view(escape, body) })).length).toBeGreaterThan(0);
  });

  it.each([
    ['quotes escaped too (the default)', 'html.escape(q)', `f'<input value="{shown}">'`],
    ['quotes left, in element text', 'html.escape(q, quote=False)', `f'<p title="results">{shown}</p>'`],
    ['quotes left, after a closed attribute, in quotes of the text', 'html.escape(q, quote=False)', `'<p class="a">Results for "' + shown + '"</p>'`],
    ['quotes left, a % template whose placeholder is text', 'html.escape(q, quote=False)', `'<p class="a">%s</p>' % shown`],
    ['saxutils with both quotes mapped', 'xml_escape(q, {chr(34): "&quot;", chr(39): "&#x27;"})', `f'<input value="{shown}">'`],
  ])('%s: not reported', async (_what, escape, body) => {
    expect(xss(await scan({ 'app.py': view(escape, body) }))).toHaveLength(0);
  });
});

describe('a check on a field of a validated request model (no name of its own)', () => {
  const app = (check: string) =>
    lines(
      'from urllib.parse import urlparse',
      'import httpx',
      'from fastapi import FastAPI, HTTPException',
      'from pydantic import BaseModel',
      'ALLOWED_HOSTS = frozenset({"hooks.slack.com", "discord.com"})',
      'app = FastAPI()',
      'class Hook(BaseModel):',
      '    url: str',
      'def allowed(url):',
      `    return ${check}`,
      '@app.post("/hooks/test")',
      'async def test_hook(body: Hook):',
      '    if not allowed(body.url):',
      '        raise HTTPException(status_code=422)',
      '    return httpx.get(body.url, timeout=5).text',
    );
  const ssrf = (all: Finding[]) => at(all, 'KR105', 'app.py', 15);

  it('the parsed host must be in an allow-list: no SSRF', async () => {
    expect(ssrf(await scan({ 'app.py': app('urlparse(url).hostname in ALLOWED_HOSTS') }))).toHaveLength(0);
  });

  it('a prefix test on the raw URL (https://hooks.slack.com.evil.example passes): SSRF', async () => {
    expect(ssrf(await scan({ 'app.py': app('url.startswith("https://hooks.slack.com")') }))).toHaveLength(1);
  });

  it('the check reads another field: SSRF', async () => {
    const text = app('urlparse(url).hostname in ALLOWED_HOSTS').replace('if not allowed(body.url):', 'if not allowed(body.callback):').replace('    url: str', '    url: str\n    callback: str');
    expect(at(await scan({ 'app.py': text }), 'KR105', 'app.py')).toHaveLength(1);
  });
});

describe('an object of another module made from a request mapping, and a method returning a tuple', () => {
  const cards = (source: string, context: string) =>
    lines(
      'GREETINGS = {"birthday": "Happy birthday!", "thanks": "Thank you!"}',
      'class Card:',
      '    def __init__(self, args):',
      '        self.name = args.get("name", "friend")[:80]',
      '        self.occasion = args.get("occasion", "birthday")',
      '    def build(self):',
      '        heading = GREETINGS.get(self.occasion, "Hello!")',
      `        source = ${source}`,
      `        return source, ${context}`,
    );
  const app = lines(
    'from flask import Flask, request, render_template_string',
    'from cards import Card',
    'app = Flask(__name__)',
    '@app.get("/preview")',
    'def preview():',
    '    card = Card(request.args)',
    '    source, context = card.build()',
    '    return render_template_string(source, **context)',
  );
  const ssti = (all: Finding[]) => at(all, 'KR106', 'app.py', 8);

  it('the name spliced into the template source: template injection', async () => {
    expect(ssti(await scan({ 'cards.py': cards(`"<h1>" + heading + "</h1><p>Dear " + self.name + "</p>"`, '{}'), 'app.py': app }))).toHaveLength(1);
  });

  it('the name passed in the context, the source constant: no template injection', async () => {
    expect(ssti(await scan({ 'cards.py': cards(`"<h1>{{ heading }}</h1><p>Dear {{ name }}</p>"`, '{"heading": heading, "name": self.name}'), 'app.py': app }))).toHaveLength(0);
  });

  it('in one module: the same two', async () => {
    const one = (source: string, context: string) => `${cards(source, context)}${app.replace('from cards import Card\n', '')}`;
    expect(at(await scan({ 'app.py': one(`"<p>Dear " + self.name + "</p>"`, '{}') }), 'KR106', 'app.py')).toHaveLength(1);
    expect(at(await scan({ 'app.py': one(`"<p>Dear {{ name }}</p>"`, '{"name": self.name}') }), 'KR106', 'app.py')).toHaveLength(0);
  });
});

describe('yaml.load with a loader named by a module constant', () => {
  const loader = (value: string, extra = '') =>
    lines('import sys', 'import yaml', `DEFINITION_LOADER = ${value}`, extra, 'def read(stream):', '    return yaml.load(stream.read(), Loader=DEFINITION_LOADER)', 'print(read(open(sys.argv[1])))');
  const b506 = (all: Finding[]) => at(all, 'B506', 'loader.py');

  it('bound to yaml.SafeLoader: dismissed (safe configuration)', async () => {
    const all = await scan({ 'loader.py': loader('yaml.SafeLoader') });
    expect(b506(all)).toHaveLength(0);
    expect(all.find((f) => f.ruleId === 'B506')?.verdict?.kind).toBe('safe-configuration');
  });

  it('bound to yaml.UnsafeLoader: kept', async () => {
    expect(b506(await scan({ 'loader.py': loader('yaml.UnsafeLoader') }))).toHaveLength(1);
  });

  it('bound to SafeLoader, then to another loader under a condition: kept', async () => {
    expect(b506(await scan({ 'loader.py': loader('yaml.SafeLoader', 'if sys.argv[2:]:\n    DEFINITION_LOADER = yaml.FullLoader') }))).toHaveLength(1);
  });
});

describe('queue messages: Celery task arguments and a pika consumer’s body', () => {
  const task = (decorator: string, check: string) =>
    lines(
      'from urllib.parse import urlparse',
      'import requests',
      'from celery import Celery, shared_task',
      'app = Celery("feeds", broker="amqp://localhost//")',
      'FEED_HOSTS = {"feeds.example.com"}',
      decorator,
      'def refresh(message):',
      '    url = message["feed_url"]',
      `    ${check}`,
      '    return requests.get(url, timeout=5).text',
    );
  const ssrf = (all: Finding[]) => at(all, 'KR105', 'tasks.py', 10);

  it.each(['@app.task(name="feeds.refresh")', '@shared_task'])('a URL from the message of %s is fetched: SSRF', async (decorator) => {
    expect(ssrf(await scan({ 'tasks.py': task(decorator, 'pass') }))).toHaveLength(1);
  });

  it('the host checked against an allow-list first: no SSRF', async () => {
    expect(ssrf(await scan({ 'tasks.py': task('@app.task', 'if urlparse(url).hostname not in FEED_HOSTS: return None') }))).toHaveLength(0);
  });

  it('the same function without the task decorator: no source', async () => {
    expect(ssrf(await scan({ 'tasks.py': task('', 'pass') }))).toHaveLength(0);
  });

  const consumer = (convert: string) =>
    lines(
      'import json',
      'import subprocess',
      'import pika',
      'def on_message(ch, method, properties, body):',
      '    job = json.loads(body)',
      `    count = ${convert}`,
      '    subprocess.run(f"ping -c {count} example.com", shell=True)',
      'conn = pika.BlockingConnection(pika.ConnectionParameters("localhost"))',
      'conn.channel().basic_consume(queue="jobs", on_message_callback=on_message)',
    );

  it('a pika message body formatted into a shell command: command injection', async () => {
    const all = await scan({ 'worker.py': consumer('job["count"]') });
    expect(at(all, 'B602', 'worker.py', 7).length + at(all, 'KR102', 'worker.py', 7).length).toBeGreaterThan(0);
    expect(all.find((f) => f.ruleId === 'B602')?.verdict?.kind).toBe('reachable');
  });

  it('the count converted with int(): not reachable', async () => {
    const all = await scan({ 'worker.py': consumer('int(job["count"])') });
    expect(all.find((f) => f.ruleId === 'B602')?.verdict?.kind).not.toBe('reachable');
    expect(at(all, 'KR102', 'worker.py')).toHaveLength(0);
  });
});

describe('a dataclass made with request data, whose method reads its fields (also through another method)', () => {
  const cards = (headline: string) =>
    lines(
      'from dataclasses import dataclass, field',
      'from typing import ClassVar',
      'from flask import render_template_string',
      '@dataclass',
      'class Card:',
      '    KIND: ClassVar[str] = "card"',
      '    occasion: str',
      '    recipient: str',
      '    notes: list = field(default_factory=list)',
      '    def headline(self):',
      `        return ${headline}`,
      '    def render(self):',
      '        page = "<div>" + f"<h1>{self.headline()}</h1>" + "<p>{{ occasion }}</p></div>"',
      '        return render_template_string(page, occasion=self.occasion)',
    );
  const app = (make: string) =>
    lines(
      'from flask import Flask, request',
      'from cards import Card',
      'app = Flask(__name__)',
      '@app.get("/card")',
      'def card():',
      `    greeting = ${make}`,
      '    return greeting.render()',
    );
  const ssti = (all: Finding[]) => at(all, 'KR106', 'cards.py', 14);

  it('made by keywords; the recipient spliced into the template source through headline(): template injection', async () => {
    expect(ssti(await scan({ 'cards.py': cards('f"Happy birthday, {self.recipient}!"'), 'app.py': app('Card(occasion="birthday", recipient=request.args["to"])') }))).toHaveLength(1);
  });

  it('made positionally (fields in order, the ClassVar skipped): the same', async () => {
    expect(ssti(await scan({ 'cards.py': cards('f"Happy birthday, {self.recipient}!"'), 'app.py': app('Card("birthday", request.args["to"])') }))).toHaveLength(1);
  });

  it('the request value in the field the template gets as a variable only: no template injection', async () => {
    expect(ssti(await scan({ 'cards.py': cards('"Happy birthday!"'), 'app.py': app('Card(occasion=request.args["o"], recipient="friend")') }))).toHaveLength(0);
  });

  it('in one module', async () => {
    const one = cards('f"Happy birthday, {self.recipient}!"') + app('Card("birthday", request.args["to"])').replace('from cards import Card\n', '').replace('from flask import Flask, request', 'from flask import Flask, request');
    expect(at(await scan({ 'cards.py': one }), 'KR106', 'cards.py', 14)).toHaveLength(1);
  });
});

describe('a host-name check given the parsed URL’s host (SSRF)', () => {
  const app = (predicate: string, call: string) =>
    lines(
      'from urllib.parse import urlsplit',
      'import requests',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'ALLOWED_HOSTS = {"a.example.com", "b.example.com"}',
      'RELAY = "relay.example.net"',
      'def host_ok(host):',
      `    return ${predicate}`,
      '@app.post("/fetch")',
      'def fetch():',
      '    url = request.form["u"]',
      `    if not ${call}:`,
      '        return "no"',
      '    return requests.get(url, timeout=5).text',
    );
  const ssrf = (all: Finding[]) => at(all, 'KR105', 'app.py', 14);
  const host = 'host_ok(urlsplit(url).hostname)';

  it.each([
    ['an allow-list of hosts', 'host in ALLOWED_HOSTS', host],
    ['the relay domain or a subdomain of it (a constant by name, a suffix with its dot)', 'host == RELAY or host.endswith("." + RELAY)', host],
    ['a suffix written out', 'host.endswith(".example.net")', 'host_ok(urlsplit(url).netloc)'],
    ['the suffix tested on the parsed host in the view', 'True', 'urlsplit(url).hostname.endswith(".example.net")'],
  ])('%s: no SSRF', async (_what, predicate, call) => {
    expect(ssrf(await scan({ 'app.py': app(predicate, call) }))).toHaveLength(0);
  });

  it.each([
    ['only that there is a host', 'host is not None', host],
    ['a suffix without its dot (evil-example.net ends so)', 'host.endswith("example.net")', host],
    ['the relay domain or a prefix of a name', 'host == RELAY or host.startswith("relay")', host],
    ['the suffix check given the whole URL (it may end so in its query)', 'host.endswith(".example.net")', 'host_ok(url)'],
    ['the domain or a subdomain, given the whole URL', 'host == RELAY or host.endswith("." + RELAY)', 'host_ok(url)'],
    ['the suffix tested on the URL itself', 'True', 'url.endswith(".example.net")'],
  ])('%s: SSRF', async (_what, predicate, call) => {
    expect(ssrf(await scan({ 'app.py': app(predicate, call) }))).toHaveLength(1);
  });
});

describe('host-name checks that prove less than they seem', () => {
  it('a URL parameter checked for a domain suffix in the function that fetches it: SSRF', async () => {
    const all = await scan({
      'app.py': lines(
        'import requests',
        'from flask import Flask, request',
        'app = Flask(__name__)',
        'def fetch(url):',
        '    if not url.endswith(".example.net"):',
        '        return None',
        '    return requests.get(url, timeout=5).text',
        '@app.post("/fetch")',
        'def view():',
        '    return fetch(request.form["u"]) or ""',
      ),
    });
    expect(at(all, 'KR105', 'app.py', 7)).toHaveLength(1);
  });

  it('one constant or a domain suffix does not pin a value for a shell command', async () => {
    const all = await scan({
      'app.py': lines(
        'import subprocess',
        'from flask import Flask, request, abort',
        'app = Flask(__name__)',
        '@app.post("/probe")',
        'def probe():',
        '    host = request.form["host"]',
        '    if not (host == "localhost" or host.endswith(".example.net")):',
        '        abort(400)',
        '    return subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True).stdout',
      ),
    });
    expect(all.find((f) => f.ruleId === 'B602')?.verdict?.kind).toBe('reachable');
  });
});

describe('a field of self only ever set to a number', () => {
  const pinger = (init: string, extra = '') =>
    lines(
      'import subprocess',
      'class Pinger:',
      '    def __init__(self, count):',
      `        self.count = ${init}`,
      extra,
      '    def run(self):',
      '        return subprocess.run(f"ping -c {self.count} example.com", shell=True)',
    );
  const b602 = (all: Finding[]) => all.find((f) => f.ruleId === 'B602');

  it.each(['int(count)', 'max(1, min(int(count), 50))', 'len(count) * 2'])('set to %s: dismissed (sanitised)', async (init) => {
    const f = b602(await scan({ 'ping.py': pinger(init) }));
    expect(f?.status, JSON.stringify(f?.verdict)).toBe('dismissed');
  });

  it.each([
    ['set to the text given', 'count', ''],
    ['another method sets it to text', 'int(count)', '    def reset(self, text):\n        self.count = text.strip()'],
    ['a % template', '"%s" % count', ''],
    ['a class attribute of that name holds text until then', 'int(count)', '    count = "1; id"'],
  ])('%s: kept', async (_what, init, extra) => {
    const f = b602(await scan({ 'ping.py': pinger(init, extra) }));
    expect(f?.status ?? 'active').toBe('active');
  });
});

describe('random numbers returned by a helper whose callers keep them as secrets', () => {
  const keys = (receiver: string) =>
    lines(
      'import random',
      'class KeyFactory:',
      '    def _hex(self, bits):',
      '        return "%0*x" % (bits // 4, random.getrandbits(bits))',
      '    def create(self):',
      `        ${receiver} = self._hex(128)`,
      `        return ${receiver}`,
    );
  it('kept as a secret: insecure random for a secret', async () => {
    expect(at(await scan({ 'keys.py': keys('secret') }), 'KR124', 'keys.py', 4)).toHaveLength(1);
  });
  it('kept as a colour: not a secret', async () => {
    expect(at(await scan({ 'keys.py': keys('colour') }), 'KR124', 'keys.py')).toHaveLength(0);
  });
});

describe('a predicate that normalises its parameter first (case, surrounding characters)', () => {
  const app = (normalise: string, sink: string) =>
    lines(
      'import subprocess',
      'from urllib.parse import urlsplit',
      'import requests',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'RELAY = "relay.example.net"',
      'def host_allowed(host):',
      `    host = ${normalise}`,
      '    return host == RELAY or host.endswith("." + RELAY)',
      '@app.post("/hook")',
      'def hook():',
      '    url = request.form["u"]',
      '    if not host_allowed(urlsplit(url).hostname):',
      '        return "no"',
      `    return ${sink}`,
    );
  it('lower-cased and stripped of a trailing dot: the host check holds (no SSRF)', async () => {
    expect(at(await scan({ 'app.py': app('(host or "").lower().rstrip(".")', 'requests.get(url, timeout=5).text') }), 'KR105', 'app.py')).toHaveLength(0);
  });
  it('rebound to something else (a replacement): the check proves nothing of the value passed', async () => {
    expect(at(await scan({ 'app.py': app('host.replace("internal", "")', 'requests.get(url, timeout=5).text') }), 'KR105', 'app.py')).toHaveLength(1);
  });
  it('an allow-list after strip(), then the value goes to a shell: a newline around it is left (still reachable)', async () => {
    const all = await scan({
      'app.py': lines(
        'import subprocess',
        'from flask import Flask, request',
        'app = Flask(__name__)',
        'HOSTS = {"a.example.net", "b.example.net"}',
        'def host_allowed(host):',
        '    host = host.strip().lower()',
        '    return host in HOSTS',
        '@app.post("/ping")',
        'def ping():',
        '    h = request.form["h"]',
        '    if not host_allowed(h):',
        '        return "no"',
        '    return subprocess.run(f"ping -c 1 {h}", shell=True, capture_output=True).stdout',
      ),
    });
    expect(all.find((f) => f.ruleId === 'B602')?.verdict?.kind).toBe('reachable');
  });
});

describe('task and command decorators of an application object another module makes', () => {
  it('@app.task with app imported from the project’s celery module: a source', async () => {
    const all = await scan({
      'proj/__init__.py': '',
      'proj/celery.py': lines('from celery import Celery', 'app = Celery("proj")'),
      'proj/tasks.py': lines('import requests', 'from proj.celery import app', '@app.task', 'def fetch(url):', '    return requests.get(url, timeout=5).status_code'),
    });
    expect(at(all, 'KR105', 'proj/tasks.py', 5)).toHaveLength(1);
  });
  it('@app.route-like decorators of another object named app: no source', async () => {
    const all = await scan({
      'proj/__init__.py': '',
      'proj/jobs.py': lines('import requests', 'from proj.scheduler import app', '@app.job', 'def fetch(url):', '    return requests.get(url, timeout=5).status_code'),
    });
    expect(at(all, 'KR105', 'proj/jobs.py')).toHaveLength(0);
  });
  it('@app.command() of a typer application imported from another module: command-line input', async () => {
    const all = await scan({
      'cli/__init__.py': '',
      'cli/main.py': lines('import typer', 'app = typer.Typer()'),
      'cli/run.py': lines('import subprocess', 'import typer', 'from cli.main import app', '@app.command()', 'def run(target: str):', '    subprocess.run(f"ping -c 1 {target}", shell=True)'),
    });
    expect(all.find((f) => f.ruleId === 'B602')?.verdict?.kind).toBe('reachable');
  });
});

describe('a command decorator in a module that does not use typer', () => {
  it('@registry.command() of the project’s own registry: no command-line source', async () => {
    const all = await scan({
      'tools/__init__.py': '',
      'tools/registry.py': lines('class Registry:', '    def command(self):', '        return lambda f: f', 'registry = Registry()'),
      'tools/run.py': lines('import subprocess', 'from tools.registry import registry', '@registry.command()', 'def run(target: str):', '    subprocess.run(f"ping -c 1 {target}", shell=True)'),
    });
    expect(all.find((f) => f.ruleId === 'B602')?.verdict?.kind).not.toBe('reachable');
  });
});
