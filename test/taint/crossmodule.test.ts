import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';
import type { Finding } from '../../src/core/finding.js';
import { cleanTempDirs, tempProject } from '../helpers/temp-project.js';

cleanTempDirs();

/** Write a project (file path → text) into a fresh folder and scan it with every rule. */
async function scanProject(files: Record<string, string>, jobs = 1): Promise<Finding[]> {
  const root = tempProject(files, 'krait-xmod-');
  const r = await scan({ targets: [root], config: false, jobs, analyses: ['rules'] });
  return r.findings.map((f) => ({ ...f, location: { ...f.location, path: path.relative(root, path.resolve(f.location.path)) } }));
}

const tracePlaces = (f: Finding) => (f.trace ?? []).map((s) => `${path.basename(s.location.path)}:${s.location.startLine}`);

const VIEW_TO_DAO = {
  'app/__init__.py': '',
  'app/views.py': 'from flask import Flask, request\nfrom app import services\napp = Flask(__name__)\n@app.route("/u")\ndef user():\n    name = request.args.get("name", "")\n    return str(services.find_user(name))\n',
  'app/services.py': 'from app import dao\ndef find_user(name):\n    cleaned = name.strip()\n    return dao.lookup(cleaned)\n',
  'app/dao.py': 'import sqlite3\ndef lookup(user):\n    cur = sqlite3.connect("x.db").cursor()\n    cur.execute("SELECT * FROM users WHERE name = \'" + user + "\'")\n    return cur.fetchall()\n',
};

describe('cross-module data flow', () => {
  it('view → service → data-access module: one finding at the sink with the trace from the view', async () => {
    const found = await scanProject(VIEW_TO_DAO);
    const sql = found.filter((f) => f.location.path === 'app/dao.py' && (f.ruleId === 'KR101' || f.relatedRuleIds?.includes('KR101')));
    expect(sql).toHaveLength(1);
    expect(sql[0]!.location.startLine).toBe(4);
    expect(tracePlaces(sql[0]!)[0]).toBe('views.py:6');
    expect(tracePlaces(sql[0]!)).toContain('views.py:7');
    expect(sql[0]!.trace!.at(-1)!.location.path).toMatch(/dao\.py$/);
  });

  it('the same chain is safe when the service converts the value to an int', async () => {
    const found = await scanProject({ ...VIEW_TO_DAO, 'app/services.py': 'from app import dao\ndef find_user(name):\n    return dao.lookup(int(name))\n' });
    expect(found.filter((f) => f.ruleId === 'KR101' || f.relatedRuleIds?.includes('KR101'))).toHaveLength(0);
  });

  it('a request wrapper class in another module is a source through its method', async () => {
    const files = {
      'pkg/__init__.py': '',
      'pkg/wrapper.py': 'class RequestWrapper:\n    def __init__(self, request):\n        self.request = request\n    def get_query_parameter(self, name):\n        return self.request.args.get(name)\n',
      'pkg/views.py': 'import os\nfrom flask import Flask, request\nfrom pkg.wrapper import RequestWrapper\napp = Flask(__name__)\n@app.route("/w")\ndef w():\n    wrapped = RequestWrapper(request)\n    p = wrapped.get_query_parameter("x")\n    os.system("echo " + p)\n    return "ok"\n',
    };
    const found = await scanProject(files);
    const cmd = found.filter((f) => f.location.path === 'pkg/views.py' && f.location.startLine === 9);
    expect(cmd.map((f) => f.ruleId)).toEqual(['B605']);
    expect(cmd[0]!.relatedRuleIds).toEqual(['KR102']);
    expect(cmd[0]!.verdict?.kind).toBe('reachable');
    expect(tracePlaces(cmd[0]!)[0]).toBe('wrapper.py:5');
  });

  it('a helper in another module that returns request data; a helper that returns a constant is not', async () => {
    const files = {
      'h/__init__.py': '',
      'h/params.py': 'from flask import request\ndef get_param():\n    return request.args.get("v", "")\ndef get_mode():\n    return "fast"\n',
      'h/views.py': 'from flask import Flask\nfrom .params import get_param, get_mode\napp = Flask(__name__)\n@app.route("/h")\ndef h():\n    return str(eval(get_param()))\n@app.route("/k")\ndef k():\n    return str(eval(get_mode()))\n',
    };
    const found = await scanProject(files);
    const evals = found.filter((f) => f.ruleId === 'B307');
    expect(evals.map((f) => f.location.startLine)).toEqual([6]);
    expect(evals[0]!.relatedRuleIds).toEqual(['KR103']);
    expect(tracePlaces(evals[0]!)[0]).toBe('params.py:3');
  });

  it('a sanitising helper in another module clears the flow (allow-list in a conditional expression)', async () => {
    const files = {
      's/__init__.py': '',
      's/clean.py': 'def clean(value):\n    return value if value in ("/", "/account") else "/"\n',
      's/views.py': 'from flask import Flask, request, redirect\nfrom .clean import clean\napp = Flask(__name__)\n@app.route("/next")\ndef nxt():\n    return redirect(clean(request.args.get("next", "")))\n',
    };
    expect((await scanProject(files)).filter((f) => f.ruleId === 'KR107')).toHaveLength(0);
    const unsafe = { ...files, 's/clean.py': 'def clean(value):\n    return value.strip()\n' };
    expect((await scanProject(unsafe)).filter((f) => f.ruleId === 'KR107').map((f) => f.location.startLine)).toEqual([6]);
  });

  it('on worker threads (enough files for the pool) the second look gives the same findings as in-process', async () => {
    // 30 modules: the first pass and the cross-module step both run on two worker threads.
    const files: Record<string, string> = { ...VIEW_TO_DAO };
    for (let i = 0; i < 26; i++) files[`app/m${i}.py`] = `from app import dao\ndef f${i}(x):\n    return dao.lookup(x)\n`;
    files['app/other.py'] = 'from flask import Flask, request\nfrom app import m3\napp = Flask(__name__)\n@app.route("/o")\ndef o():\n    return str(m3.f3(request.args["q"]))\n';
    const pooled = await scanProject(files, 2);
    const alone = await scanProject(files, 1);
    const key = (f: Finding) => `${f.location.path}:${f.location.startLine} ${f.ruleId} ${f.relatedRuleIds?.join(',') ?? ''} ${tracePlaces(f).join(' ')}`;
    expect(pooled.map(key).sort()).toEqual(alone.map(key).sort());
    const sql = pooled.filter((f) => f.location.path === 'app/dao.py' && (f.ruleId === 'KR101' || f.relatedRuleIds?.includes('KR101')));
    expect(sql).toHaveLength(1);
    expect(tracePlaces(sql[0]!)[0]).toMatch(/^(views|other)\.py:6$/);
  });
});
