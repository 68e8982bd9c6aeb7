/**
 * Cross-module summaries beyond "returns a source": helpers in another module that clear or
 * fix a value (sanitisers per sink kind, constants, a fixed safe configuration), request
 * wrapper objects and helpers that read request data from the request object they are
 * given, and traces that list the steps inside the other modules. Each with a vulnerable
 * and a safe twin, through `scan()` on multi-file projects written here.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/report/model.js';
import { buildSarif } from '../../src/report/sarif.js';
import { renderJson } from '../../src/report/json.js';
import { cleanTempDirs, tempProject } from '../helpers/temp-project.js';

cleanTempDirs();

/** Write a project (file path → text) into a fresh folder and scan it with the code rules. */
async function scanProject(files: Record<string, string>): Promise<{ report: Report; all: Finding[]; root: string }> {
  const root = tempProject(files, 'krait-xsum-');
  const report = await scan({ targets: [root], config: false, jobs: 1, analyses: ['rules'] });
  const rel = (f: Finding): Finding => ({ ...f, location: { ...f.location, path: path.relative(root, path.resolve(f.location.path)) } });
  return { report, all: [...report.findings, ...(report.dismissed ?? [])].map(rel), root };
}

/** The one finding of `ruleId` (or merged with it) at `file:line`. */
function at(all: Finding[], ruleId: string, file: string, line: number): Finding {
  const got = all.filter((f) => (f.ruleId === ruleId || f.relatedRuleIds?.includes(ruleId)) && f.location.path === file && f.location.startLine === line);
  if (got.length !== 1) throw new Error(`expected one ${ruleId} at ${file}:${line}; got ${all.map((f) => `${f.ruleId}@${f.location.path}:${f.location.startLine}`).join(' ')}`);
  return got[0]!;
}

const tracePlaces = (f: Finding) => (f.trace ?? []).map((s) => `${path.basename(s.location.path)}:${s.location.startLine}`);

describe('callee summaries that clear or fix a value', () => {
  const helpers = {
    'h/__init__.py': '',
    'h/clean.py': [
      'import html, shlex',
      'def clean(value):',
      '    return str(int(value))',
      'def esc(value):',
      '    return html.escape(value)',
      'def quote(value):',
      '    return shlex.quote(value)',
      'def strip(value):',
      '    return value.strip()',
      '',
    ].join('\n'),
    'h/views.py': [
      'import os',
      'from flask import Flask, request',
      'from markupsafe import Markup',
      'from h.clean import clean, esc, quote, strip',
      'app = Flask(__name__)',
      '@app.route("/a")',
      'def a():',
      '    param = request.args.get("x", "")',
      '    bar = clean(param)',
      '    eval(bar)', // 10: int() clears every kind
      '    os.system("echo " + quote(param))', // 11: shlex.quote clears the shell
      '    eval(quote(param))', // 12: but not code
      '    eval(strip(param))', // 13: strip clears nothing
      '    m = Markup(esc(param))', // 14: escape clears XSS
      '    n = Markup(strip(param))', // 15: strip does not
      '    os.system("echo " + esc(param))', // 16: escape does not clear the shell
      '    return "ok"',
      '',
    ].join('\n'),
  };

  it('a sanitiser in another module sanitises the caller for the sink kinds it covers (pattern verdicts and flow rules)', async () => {
    const { all } = await scanProject(helpers);
    const v = (id: string, line: number) => at(all, id, 'h/views.py', line);
    expect(v('B307', 10).verdict?.kind).toBe('sanitised');
    expect(v('B307', 10).status).toBe('dismissed');
    expect(v('B307', 10).verdict?.reason).toMatch(/clean\(\) \(int\(\)\)/);
    expect(v('B605', 11).verdict?.kind).toBe('sanitised');
    expect(v('B605', 11).verdict?.reason).toMatch(/quote\(\) \(shlex\.quote\(\)\)/);
    // The vulnerable twins: the same helpers do not clear other kinds; strip() clears nothing.
    for (const line of [12, 13]) {
      expect(v('B307', line).verdict?.kind).toBe('reachable');
      expect(v('B307', line).relatedRuleIds).toEqual(['KR103']);
    }
    expect(v('B704', 14).verdict?.kind).toBe('sanitised');
    expect(v('B704', 15).verdict?.kind).toBe('reachable');
    expect(v('B605', 16).verdict?.kind).toBe('reachable');
    expect(all.filter((f) => f.ruleId === 'KR102' || f.relatedRuleIds?.includes('KR102')).map((f) => f.location.startLine)).toEqual([16]);
  });

  it('a helper returning a fixed safe loader or a constant in another module settles the verdict', async () => {
    const files = {
      'c/__init__.py': '',
      'c/conf.py': 'import yaml\ndef loader():\n    return yaml.SafeLoader\ndef full_loader():\n    return yaml.Loader\ndef maybe(x):\n    if x:\n        return yaml.SafeLoader\ndef default():\n    return "x"\n',
      'c/load.py': [
        'import yaml',
        'from c.conf import loader, full_loader, maybe, default',
        'def read(path):',
        '    with open(path) as fh:',
        '        return yaml.load(fh, Loader=loader())', // 5: safe configuration
        'def read_full(path):',
        '    with open(path) as fh:',
        '        return yaml.load(fh, Loader=full_loader())', // 8: unsafe loader
        'def read_maybe(path, x):',
        '    with open(path) as fh:',
        '        return yaml.load(fh, Loader=maybe(x))', // 11: may return None (the default loader)
        'def run():',
        '    return eval(default())', // 13: constant
        '',
      ].join('\n'),
    };
    const { all } = await scanProject(files);
    const safe = at(all, 'B506', 'c/load.py', 5);
    expect(safe.verdict?.kind).toBe('safe-configuration');
    expect(safe.status).toBe('dismissed');
    expect(safe.verdict?.reason).toMatch(/yaml\.SafeLoader/);
    expect(at(all, 'B506', 'c/load.py', 8).verdict?.kind).toBe('unknown');
    expect(at(all, 'B506', 'c/load.py', 8).status ?? 'active').toBe('active');
    expect(at(all, 'B506', 'c/load.py', 11).verdict?.kind).toBe('unknown');
    expect(at(all, 'B307', 'c/load.py', 13).verdict?.kind).toBe('constant');
  });

  it('request data loaded with the loader a helper of another module returns: the file is analysed again with the helper, safe-configuration for SafeLoader, a flow otherwise', async () => {
    const files = {
      'w/__init__.py': '',
      'w/conf.py': 'import yaml\ndef safe_loader():\n    return yaml.SafeLoader\ndef full_loader():\n    return yaml.Loader\n',
      'w/views.py': [
        'import yaml',
        'from flask import Flask, request',
        'from w.conf import safe_loader, full_loader',
        'app = Flask(__name__)',
        '@app.route("/a")',
        'def a():',
        '    return str(yaml.load(request.args["d"], Loader=safe_loader()))', // 7: safe
        '@app.route("/b")',
        'def b():',
        '    return str(yaml.load(request.args["d"], Loader=full_loader()))', // 10: vulnerable
        '',
      ].join('\n'),
    };
    const { all } = await scanProject(files);
    const safe = at(all, 'B506', 'w/views.py', 7);
    expect(safe.verdict?.kind).toBe('safe-configuration');
    expect(safe.relatedRuleIds ?? []).not.toContain('KR109');
    expect(all.filter((f) => f.ruleId === 'KR109' && f.location.startLine === 7)).toEqual([]);
    const bad = at(all, 'B506', 'w/views.py', 10);
    expect(bad.verdict?.kind).toBe('reachable');
    expect(bad.relatedRuleIds).toContain('KR109');
  });
});

describe('request wrapper objects and helpers that read the request they are given', () => {
  const wrapper = [
    'class RequestWrapper:',
    '    def __init__(self, req):',
    '        self._req = req',
    '    def get_query_parameter(self, name, default=""):',
    '        return self._req.args.get(name, default)', // 5
    '    @property',
    '    def term(self):',
    '        return self._req.values.get("term", "")', // 8
    '    def form_value(self, name):',
    '        value = self._req.form[name]', // 10
    '        return value.strip()',
    '    def page(self):',
    '        return int(self._req.args.get("page", "1"))', // 13
    '    def mode(self):',
    '        return "fast"',
    '    def body(self):',
    '        return self._req.get_json()', // 17
    'def get_param(r, name):',
    '    return r.args.get(name)', // 19
    'def get_count(r):',
    '    return int(r.args.get("n", "0"))',
    '',
  ].join('\n');
  const views = [
    'import os, sqlite3',
    'from flask import Flask, request, make_response, session',
    'from helpers.request_wrapper import RequestWrapper, get_param, get_count',
    'app = Flask(__name__)',
    '@app.route("/a")',
    'def a():',
    '    param = RequestWrapper(request).get_query_parameter("x")', // 7
    '    os.system("echo " + param)', // 8: shell
    '    return "ok"',
    '@app.route("/b")',
    'def b():',
    '    w = RequestWrapper(request)',
    '    cur = sqlite3.connect("x").cursor()',
    '    cur.execute("SELECT * FROM t WHERE a = \'" + w.term + "\'")', // 14: SQL through a property
    '    eval(w.form_value("f"))', // 15: code
    '    os.system("echo %d" % w.page())', // 16: int() in the wrapper: sanitised
    '    eval(w.mode())', // 17: constant
    '    session["k"] = w.body()', // 18: session (trust boundary)
    '    return "ok"',
    '@app.route("/c")',
    'def c():',
    '    resp = make_response("ok")',
    '    resp.headers["X-A"] = get_param(request, "h")', // 23: header, a plain helper
    '    eval(str(get_count(request)))', // 24: sanitised
    '    return resp',
    'def not_a_request(cfg):',
    '    w = RequestWrapper(cfg)',
    '    eval(w.get_query_parameter("x"))', // 28: not a request: no source
    '    eval(get_param(cfg, "x"))', // 29: likewise
    '',
  ].join('\n');
  const files = { 'helpers/__init__.py': '', 'helpers/request_wrapper.py': wrapper, 'web/__init__.py': '', 'web/views.py': views };

  it('a wrapper built over the request is a source through its methods and properties, with the trace through the wrapper', async () => {
    const { all } = await scanProject(files);
    const v = (id: string, line: number) => at(all, id, 'web/views.py', line);
    const shell = v('KR102', 8);
    expect(shell.ruleId).toBe('B605');
    expect(shell.verdict?.kind).toBe('reachable');
    expect(tracePlaces(shell)[0]).toBe('request_wrapper.py:5');
    expect(tracePlaces(shell)).toContain('views.py:7');
    expect(tracePlaces(shell).at(-1)).toBe('views.py:8');
    expect(tracePlaces(v('KR101', 14))[0]).toBe('request_wrapper.py:8');
    expect(v('KR103', 15).verdict?.kind).toBe('reachable');
    expect(tracePlaces(v('KR103', 15))[0]).toBe('request_wrapper.py:10');
    expect(tracePlaces(v('KR113', 18))[0]).toBe('request_wrapper.py:17');
    const header = v('KR112', 23);
    expect(tracePlaces(header)[0]).toBe('request_wrapper.py:19');
    expect(header.trace![0]!.location.path).toMatch(/helpers[\\/]request_wrapper\.py$/);
  });

  it('the safe twins: int() in the wrapper sanitises, a constant method is constant, a wrapper over something else is no source', async () => {
    const { all } = await scanProject(files);
    const v = (id: string, line: number) => at(all, id, 'web/views.py', line);
    expect(v('B605', 16).verdict?.kind).toBe('sanitised');
    expect(v('B605', 16).verdict?.reason).toMatch(/int\(\)/);
    expect(v('B307', 17).verdict?.kind).toBe('constant');
    expect(v('B307', 24).verdict?.kind).toBe('sanitised');
    for (const line of [28, 29]) {
      expect(v('B307', line).verdict?.kind).toBe('unknown');
      expect(v('B307', line).relatedRuleIds).toBeUndefined();
    }
    // No data-flow finding from the wrapper built over `cfg`.
    expect(all.filter((f) => f.location.startLine >= 26 && f.location.path === 'web/views.py' && (f.ruleId.startsWith('KR1') || f.relatedRuleIds?.length))).toEqual([]);
  });

  it('a helper in the same module that reads the request object it is given', async () => {
    const code = [
      'import os',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'def param_of(r, name):',
      '    return r.form.get(name, "")', // 5
      'def number_of(r, name):',
      '    return int(r.form.get(name, "0"))',
      '@app.route("/p", methods=["POST"])',
      'def p():',
      '    os.system("ls " + param_of(request, "d"))', // 10
      '    os.system("ls %d" % number_of(request, "d"))', // 11
      '    return "ok"',
      'def q(options):',
      '    os.system("ls " + param_of(options, "d"))', // 14
      '',
    ].join('\n');
    const { all } = await scanProject({ 'one.py': code });
    const f = at(all, 'KR102', 'one.py', 10);
    expect(f.verdict?.kind).toBe('reachable');
    expect(tracePlaces(f)[0]).toBe('one.py:5');
    expect(at(all, 'B605', 'one.py', 11).verdict?.kind).toBe('sanitised');
    expect(at(all, 'B605', 'one.py', 14).verdict?.kind).toBe('unknown');
  });
});

describe('traces across modules list the steps inside the other modules', () => {
  const files = {
    'app/__init__.py': '',
    'app/views.py': 'from flask import Flask, request\nfrom app import services\napp = Flask(__name__)\n@app.route("/u")\ndef user():\n    name = request.args.get("name", "")\n    return str(services.find_user(name))\n',
    'app/services.py': 'from app import dao\ndef find_user(name):\n    cleaned = name.strip()\n    return dao.lookup(cleaned)\n',
    'app/dao.py': 'import sqlite3\ndef lookup(user):\n    cur = sqlite3.connect("x.db").cursor()\n    query = "SELECT * FROM users WHERE name = \'" + user + "\'"\n    cur.execute(query)\n    return cur.fetchall()\n',
  };
  const expected = ['views.py:6', 'views.py:6', 'views.py:7', 'services.py:3', 'services.py:4', 'dao.py:4', 'dao.py:5'];

  it('view → service → data access: each step with its own file and line, in JSON and in SARIF codeFlows', async () => {
    const { report, all, root } = await scanProject(files);
    const sql = at(all, 'KR101', 'app/dao.py', 5);
    expect(tracePlaces(sql)).toEqual(expected);
    expect(sql.trace![3]!.message).toBe('cleaned = name.strip()');
    expect(path.relative(root, path.resolve(sql.trace![3]!.location.path))).toBe(path.join('app', 'services.py'));
    // JSON: the same steps.
    const json = JSON.parse(renderJson(report)) as { findings: Finding[] };
    const j = json.findings.find((f) => f.ruleId === 'KR101')!;
    expect(tracePlaces(j)).toEqual(expected);
    // SARIF: one thread flow whose locations carry each step's file.
    const sarif = buildSarif(report) as { runs: { results: { ruleId: string; codeFlows?: { threadFlows: { locations: { location: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } } }[] }[] }[] }[] }[] };
    const res = sarif.runs[0]!.results.find((r) => r.ruleId === 'KR101')!;
    const locs = res.codeFlows![0]!.threadFlows[0]!.locations.map((l) => `${path.basename(l.location.physicalLocation.artifactLocation.uri)}:${l.location.physicalLocation.region.startLine}`);
    expect(locs).toEqual(expected);
  });

  it('a service that converts the value has no trace to report (the safe twin)', async () => {
    const { all } = await scanProject({ ...files, 'app/services.py': 'from app import dao\ndef find_user(name):\n    cleaned = int(name)\n    return dao.lookup(cleaned)\n' });
    expect(all.filter((f) => f.ruleId === 'KR101' || f.relatedRuleIds?.includes('KR101'))).toEqual([]);
  });
});

describe('parameter residues', () => {
  it('a parameter pinned by an allow-list of constants is still constant (its sanitised residue is no source); without the check it is unknown', async () => {
    const code = [
      'class Helper:',
      '    def help(self, request):',
      '        request = request.strip()',
      "        if request in ['True', 'False', 'None']:",
      '            return eval(request)', // 5
      '        return eval(request)', // 6
      '',
    ].join('\n');
    const { all } = await scanProject({ 'p.py': code });
    expect(at(all, 'B307', 'p.py', 5).verdict?.kind).toBe('constant');
    expect(at(all, 'B307', 'p.py', 6).verdict?.kind).toBe('unknown');
  });
});

describe('instances of classes of other modules', () => {
  // The instance's type comes from the project facts when no request object goes into the
  // constructor (the class's file is parsed only for the method the caller calls).
  const runner = [
    'import shlex, subprocess',
    'class Runner:',
    '    def __init__(self, prefix):',
    '        self.prefix = prefix',
    '    def run(self, arg):',
    '        return subprocess.call(self.prefix + arg, shell=True)', // 6: the sink
    '',
  ].join('\n');
  const views = (arg: string) =>
    [
      'import shlex',
      'from flask import Flask, request',
      'from tools.runner import Runner',
      'app = Flask(__name__)',
      '@app.route("/r")',
      'def r():',
      '    job = Runner("ls ")',
      `    job.run(${arg})`, // 8
      '    return "ok"',
      '',
    ].join('\n');

  it('a method of an instance built from a constant reaches a sink with request data: the flow is reported at the sink', async () => {
    const { all } = await scanProject({ 'tools/__init__.py': '', 'tools/runner.py': runner, 'web/__init__.py': '', 'web/views.py': views('request.args["d"]') });
    const sink = at(all, 'KR102', 'tools/runner.py', 6);
    expect(sink.verdict?.kind).toBe('reachable');
    expect(tracePlaces(sink)).toContain('views.py:8');
  });

  // Factories (a function or a static method of another module that returns a new instance).
  const things = [
    'class Echo:',
    '    def render(self, value):',
    '        return value',
    'class Fixed:',
    '    def render(self, value):',
    '        return "index.html"',
    'class Factory:',
    '    @staticmethod',
    '    def create():',
    '        return Echo()',
    'def make_fixed():',
    '    return Fixed()',
    '',
  ].join('\n');
  const factoryViews = [
    'from flask import Flask, request',
    'from lib.things import Factory, make_fixed',
    'app = Flask(__name__)',
    '@app.route("/f")',
    'def f():',
    '    thing = Factory.create()',
    '    name = thing.render(request.args["n"])',
    '    return open(name).read()', // 8: the path comes back from Echo.render
    '@app.route("/g")',
    'def g():',
    '    thing = make_fixed()',
    '    name = thing.render(request.args["n"])',
    '    return open(name).read()', // 13: Fixed.render returns a constant
    '',
  ].join('\n');

  it('a method of an instance a factory of another module makes: the request value comes back through it', async () => {
    const { all } = await scanProject({ 'lib/__init__.py': '', 'lib/things.py': things, 'web/__init__.py': '', 'web/views.py': factoryViews });
    const open = at(all, 'KR104', 'web/views.py', 8);
    expect(tracePlaces(open).at(-1)).toBe('views.py:8');
    expect(tracePlaces(open)).toContain('views.py:7');
  });

  it('the safe twin: the factory makes an instance whose method returns a constant', async () => {
    const { all } = await scanProject({ 'lib/__init__.py': '', 'lib/things.py': things, 'web/__init__.py': '', 'web/views.py': factoryViews });
    expect(all.filter((f) => f.location.path === 'web/views.py' && f.location.startLine === 13 && (f.ruleId === 'KR104' || f.relatedRuleIds?.includes('KR104')))).toEqual([]);
  });

  it('the safe twin: the argument is quoted for the shell', async () => {
    const { all } = await scanProject({ 'tools/__init__.py': '', 'tools/runner.py': runner, 'web/__init__.py': '', 'web/views.py': views('shlex.quote(request.args["d"])') });
    expect(all.filter((f) => f.ruleId === 'KR102' || f.relatedRuleIds?.includes('KR102'))).toEqual([]);
  });
});
