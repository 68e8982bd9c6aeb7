/**
 * Reasoning-layer precision, fifth round, each with a vulnerable (or unknown) and a safe
 * twin: code after a constant feature-flag check that leaves; module tables of constants
 * read with a computed key; helpers called only with numbers; containment through
 * `os.path.commonpath`; the local-path check before a redirect (and `startswith("/")`
 * alone, which is not one); predicate functions of the module as guards; JSON text as a
 * log sanitiser; module constants in capitals; one parameter's sanitiser not covering
 * another parameter at the same sink; MongoDB operators only from structured request data.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFindings as all, lineOf } from '../helpers/triage-helpers.js';
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/report/model.js';
import { scan } from '../../src/pipeline/scan.js';
import { cleanTempDirs, tempProject } from '../helpers/temp-project.js';
import { py, runPairs, type Pair } from './models-helpers.js';

cleanTempDirs();

async function runTree(files: Record<string, string>): Promise<Report> {
  const root = tempProject(files, 'krait-round5-');
  return scan({ targets: [root], jobs: 1, config: false, analyses: ['rules'] });
}

/** The finding of `rule` on the line marked `# sink` of `file`. */
async function findingAt(files: Record<string, string>, rule: string, file = 'app.py'): Promise<Finding | undefined> {
  const r = await runTree(files);
  const line = lineOf(files[file], '# sink');
  return all(r).find((x) => x.ruleId === rule && x.location.startLine === line && x.location.path.endsWith(file));
}

async function expectVerdict(files: Record<string, string>, rule: string, kind: string, reason?: RegExp, file = 'app.py'): Promise<void> {
  const f = await findingAt(files, rule, file);
  if (!f) throw new Error(`no ${rule} at the sink of ${file}`);
  expect(f.verdict?.kind, `${rule}: ${f.verdict?.reason}\n${files[file]}`).toBe(kind);
  if (reason) expect(f.verdict!.reason).toMatch(reason);
}

/** Flow findings of `rule` anywhere in the project, as `file:line`. */
async function flows(files: Record<string, string>, rule: string): Promise<string[]> {
  const r = await runTree(files);
  return r.findings.filter((f) => f.ruleId === rule).map((f) => `${path.basename(f.location.path)}:${f.location.startLine}`);
}

describe('a constant condition whose branch leaves makes the rest of the block dead code', () => {
  const code = (flag: string) =>
    py(`
from flask import Flask, request
app = Flask(__name__)
CONSOLE_ON = ${flag}

@app.route("/console", methods=["POST"])
def console():
    code = request.form.get("code", "")
    if not CONSOLE_ON:
        return "disabled", 403
    exec(code, {})  # sink
    return "ok"
`);
  it('exec after `if not CONSOLE_ON: return` with CONSOLE_ON = False never runs (constant, dismissed)', async () => {
    await expectVerdict({ 'app.py': code('False') }, 'B102', 'constant', /never runs: the condition `not CONSOLE_ON` at line 8 is always true and that branch leaves/);
  });
  it('with CONSOLE_ON = True the exec runs and the request reaches it', async () => {
    await expectVerdict({ 'app.py': code('True') }, 'B102', 'reachable');
  });
});

describe('a module table of constants read with any key gives one of its constants', () => {
  const code = (table: string, extra = '') =>
    py(`
import sqlite3
from flask import Flask, request
app = Flask(__name__)
SORTS = ${table}
${extra}
@app.route("/items")
def items():
    column = SORTS[request.args["sort"]]
    return str(sqlite3.connect("d").execute(f"SELECT * FROM items ORDER BY {column}").fetchall())  # sink
`);
  it('SORTS[key] of a dict of string constants is a constant (B608 dismissed)', async () => {
    await expectVerdict({ 'app.py': code('{"name": "name", "qty": "qty DESC"}') }, 'B608', 'constant', /built only from constants/);
  });
  it('a table something changes (`SORTS[k] = v` anywhere in the module) is not', async () => {
    await expectVerdict({ 'app.py': code('{"name": "name"}', 'def add(k, v):\n    SORTS[k] = v\n') }, 'B608', 'unknown');
  });
  it('a table with a value that is not a constant is not', async () => {
    await expectVerdict({ 'app.py': code('{"name": "name", "other": open("f").read()}') }, 'B608', 'unknown');
  });
  it('.get(key, constant) of a table of constants is a constant too; with a computed default it is not', async () => {
    const get = (dflt: string) =>
      py(`
import sqlite3
from flask import Flask, request
app = Flask(__name__)
SORTS = {"name": "name", "qty": "qty DESC"}

@app.route("/items")
def items():
    column = SORTS.get(request.args["sort"], ${dflt})
    return str(sqlite3.connect("d").execute(f"SELECT * FROM items ORDER BY {column}").fetchall())  # sink
`);
    await expectVerdict({ 'app.py': get('"name"') }, 'B608', 'constant');
    await expectVerdict({ 'app.py': get('request.args["d"]') }, 'B608', 'reachable', /request\.args/);
  });
  it('a helper called only with table lookups has its finding settled as constant', async () => {
    const code2 = (arg: string) =>
      py(`
from fastapi import FastAPI
app = FastAPI()
KEYS = {"name": "row['name']", "score": "row['score']"}

def make_key(expr):
    return eval("lambda row: " + expr)  # sink

@app.get("/rows")
def rows(sort: str):
    return sorted([], key=make_key(${arg}))
`);
    await expectVerdict({ 'app.py': code2('KEYS[sort]') }, 'B307', 'constant', /every call of make_key\(\) in the project passes constants/);
    await expectVerdict({ 'app.py': code2('sort') }, 'B307', 'reachable');
  });
});

describe('a helper every call gives numbers (int(), float(), len()) is settled as sanitised', () => {
  const code = (arg: string) =>
    py(`
from flask import Flask, request
app = Flask(__name__)

def apply_rule(percent):
    return eval(f"100 * (100 + {percent}) / 100")  # sink

@app.route("/price", methods=["POST"])
def price():
    percent = ${arg}
    return str(apply_rule(percent))
`);
  it('int() of request data, bound once, passed on: sanitised', async () => {
    await expectVerdict({ 'app.py': code('int(request.form["p"])') }, 'B307', 'sanitised', /passes constants or numbers/);
  });
  it('the raw request value passed on: not settled (the flow reaches it)', async () => {
    await expectVerdict({ 'app.py': code('request.form["p"]') }, 'B307', 'reachable');
  });
  it('a string built of a constant and a number: no number, but every part is safe (the analysis sees it): sanitised', async () => {
    await expectVerdict({ 'app.py': code('"1" + str(int(request.form["p"]))') }, 'B307', 'sanitised');
  });
  it('a string built of a number and the raw value: reachable', async () => {
    await expectVerdict({ 'app.py': code('request.form["q"] + str(int(request.form["p"]))') }, 'B307', 'reachable');
  });
});

const F = 'from flask import Flask, request, redirect, abort, url_for\napp = Flask(__name__)\n';
const guardPairs: Pair[] = [
  {
    name: 'guard os.path.commonpath([root, realpath(p)]) != root then 403: the path is contained (commonprefix compares characters: no guard)',
    rule: 'KR115',
    vuln: py(`
import os
${F}ROOT = os.path.realpath("/srv/www")

@app.route("/f")
def f():
    target = os.path.realpath(os.path.join(ROOT, request.args["p"]))
    if os.path.commonprefix([ROOT, target]) != ROOT:
        abort(403)
    return open(target).read()
`),
    safe: py(`
import os
${F}ROOT = os.path.realpath("/srv/www")

@app.route("/f")
def f():
    target = os.path.realpath(os.path.join(ROOT, request.args["p"]))
    if os.path.commonpath([ROOT, target]) != ROOT:
        abort(403)
    return open(target).read()
`),
    source: 'request.args',
  },
  {
    name: 'guard the local-path check (starts with one "/", no "//", no backslash) before a redirect; startswith("/") alone lets //evil through',
    rule: 'KR107',
    vuln: py(`
${F}
@app.route("/login")
def login():
    nxt = request.args["next"]
    if not nxt.startswith("/"):
        nxt = url_for("index")
    return redirect(nxt)
`),
    safe: py(`
${F}
@app.route("/login")
def login():
    nxt = request.args["next"]
    if not (nxt.startswith("/") and not nxt.startswith("//") and "\\\\" not in nxt):
        nxt = url_for("index")
    return redirect(nxt)
`),
    source: 'request.args',
  },
  {
    name: 'guard a predicate function of the module (def is_local(u): return <the local-path check>) guards its argument',
    rule: 'KR107',
    vuln: py(`
${F}
def is_local(u):
    return u.startswith("/")

@app.route("/login")
def login():
    nxt = request.args["next"]
    if not is_local(nxt):
        nxt = url_for("index")
    return redirect(nxt)
`),
    safe: py(`
${F}
def is_local(u):
    """Only a path on this site."""
    return bool(u) and u.startswith("/") and not u.startswith("//") and not u.startswith("/\\\\")

@app.route("/login")
def login():
    nxt = request.args["next"]
    if not is_local(nxt):
        nxt = url_for("index")
    return redirect(nxt)
`),
    source: 'request.args',
  },
  {
    name: 'guard a predicate function guards only the argument it checks',
    rule: 'KR104',
    vuln: py(`
${F}
def safe_name(n):
    return n.isalnum()

@app.route("/f")
def f():
    name = request.args["n"]
    other = request.args["o"]
    if not safe_name(name):
        abort(400)
    return open("/data/" + other).read()
`),
    safe: py(`
${F}
def safe_name(n):
    return n.isalnum()

@app.route("/f")
def f():
    name = request.args["n"]
    other = request.args["o"]
    if not safe_name(name):
        abort(400)
    return open("/data/" + name).read()
`),
    source: 'request.args',
  },
  {
    name: 'sanitiser json.dumps clears log injection (CR/LF escaped); json.loads undoes it',
    rule: 'KR116',
    vuln: py(`
import json, logging
${F}log = logging.getLogger("a")

@app.route("/s")
def s():
    log.info("q=%s", json.loads(json.dumps(request.args["q"])))
    return "ok"
`),
    safe: py(`
import json, logging
${F}log = logging.getLogger("a")

@app.route("/s")
def s():
    log.info("q=%s", json.dumps(request.args["q"]))
    return "ok"
`),
    source: 'request.args',
  },
  {
    name: "summary a helper's sanitised parameter beside a raw one at the same sink: only the raw parameter reaches it",
    rule: 'KR116',
    vuln: py(`
import json, logging
${F}log = logging.getLogger("a")

def record(actor, detail):
    log.info("a=%s d=%s", actor, json.dumps(detail))

@app.route("/s")
def s():
    record(request.args["q"], "search")
    return "ok"
`),
    safe: py(`
import json, logging
${F}log = logging.getLogger("a")

def record(actor, detail):
    log.info("a=%s d=%s", actor, json.dumps(detail))

@app.route("/s")
def s():
    record("x", request.args["q"])
    return "ok"
`),
    source: 'request.args',
  },
];

describe('guards, sanitisers and summaries (vulnerable and safe twins)', () => {
  runPairs(guardPairs);
});

const M = 'import json\nfrom pymongo import MongoClient\nfrom flask import Flask, request\napp = Flask(__name__)\nusers = MongoClient().db.users\n';
const mongo = (body: string): string => `${M}\n@app.route("/x", methods=["POST"])\ndef x():\n${body.replace(/^/gm, '    ')}\n`;
const nosqlPairs: Pair[] = [
  {
    name: 'nosql a value of a JSON body in a literal filter can be an operator; a query-string value cannot',
    rule: 'KR117',
    vuln: mongo('body = request.get_json()\nreturn str(users.find_one({"name": body["name"], "pw": body["pw"]}))'),
    safe: mongo('return str(users.find_one({"name": request.args["name"], "pw": request.args["pw"]}))'),
    source: 'request.get_json',
  },
  {
    name: 'nosql json.loads of request data is structured; str() of it is not',
    rule: 'KR117',
    vuln: mongo('f = json.loads(request.data).get("filter", {})\nf["tenant"] = 3\nreturn str(users.find(f))'),
    safe: mongo('f = {"name": str(json.loads(request.data)["name"])}\nreturn str(users.find(f))'),
    source: 'request.data',
  },
  {
    name: 'nosql $where built in a helper of the module is JavaScript; the helper without $where is an equality filter',
    rule: 'KR117',
    vuln: py(`
${M}
def by_price(limit):
    return {"$where": "this.price <= " + limit}

@app.route("/p")
def p():
    return str(users.find(by_price(request.args["max"])))
`),
    safe: py(`
${M}
def by_price(limit):
    return {"price": {"$lte": limit}}

@app.route("/p")
def p():
    return str(users.find(by_price(request.args["max"])))
`),
    source: 'request.args',
  },
  {
    name: 'nosql a constant $where beside a query-string value is no flow; a computed one is',
    rule: 'KR117',
    vuln: mongo('q = {"cat": request.args["c"], "$where": "this.n > " + request.args["n"]}\nreturn str(users.find(q))'),
    safe: py(`
${M}
AVAILABLE = "this.on_hand > 0"

@app.route("/x")
def x():
    q = {"cat": request.args["c"], "$where": AVAILABLE}
    return str(users.find(q))
`),
    source: 'request.args',
  },
];

describe('MongoDB operators come only from structured request data; $where is JavaScript', () => {
  runPairs(nosqlPairs);
  it('a Lambda event is structured: its values reach a filter as operators', async () => {
    const code = (v: string) =>
      py(`
from pymongo import MongoClient
users = MongoClient().db.users

def lambda_handler(event, context):
    return users.find_one({"name": ${v}})
`);
    expect(await flows({ 'handler.py': code('event["name"]') }, 'KR117')).toEqual(['handler.py:5']);
    expect(await flows({ 'handler.py': code('str(event["name"])') }, 'KR117')).toEqual([]);
  });
});

describe('a constant of an imported module in capitals is a constant', () => {
  it('pickle.loads(pickle.dumps(TEMPLATE, protocol=pickle.HIGHEST_PROTOCOL)) is constant; of a lower-case attribute it is not', async () => {
    const code = (attr: string) =>
      py(`
import pickle
import settings
TEMPLATE = {"columns": ["a", "b"]}
BLANK = pickle.dumps(TEMPLATE, protocol=${attr})

def new_board():
    return pickle.loads(BLANK)  # sink
`);
    await expectVerdict({ 'app.py': code('pickle.HIGHEST_PROTOCOL'), 'settings.py': 'level = input()\n' }, 'B301', 'constant');
    await expectVerdict({ 'app.py': code('settings.level'), 'settings.py': 'level = input()\n' }, 'B301', 'unknown');
  });
});

describe('an HMAC check through a signing helper of the module authenticates the message it is given', () => {
  const code = (signed: string) =>
    py(`
import hashlib, hmac, os, pickle
from flask import Flask, request
app = Flask(__name__)
KEY = os.environ["SIGNING_KEY"].encode()

def sign(blob):
    return hmac.new(KEY, blob, hashlib.sha256).hexdigest()

@app.route("/import", methods=["POST"])
def import_state():
    blob = bytes.fromhex(request.form["blob"])
    if not hmac.compare_digest(sign(${signed}), request.form["sig"]):
        return "bad signature", 403
    return str(pickle.loads(blob))  # sink
`);
  it('sign(blob) checked before pickle.loads(blob): sanitised (dismissed)', async () => {
    await expectVerdict({ 'app.py': code('blob') }, 'B301', 'sanitised', /HMAC signature check/);
  });
  it('a check of another value leaves blob unverified: reachable', async () => {
    await expectVerdict({ 'app.py': code('b"fixed"') }, 'B301', 'reachable');
  });
});

describe('the program of an argv list built by appending stays the first element of its literal', () => {
  const code = (extra: string) =>
    py(`
import subprocess
from flask import Flask, request
app = Flask(__name__)

@app.route("/grep")
def grep():
    parts = ["grep", "-n", "-e"]
    parts.append(request.args["pattern"])
    parts.append("--")
    for name in request.args.getlist("f"):
        parts.append("/var/log/" + name)
${extra}    return subprocess.run(parts, capture_output=True).stdout  # sink
`);
  it('appends in loops and branches keep the program: B603 judged constant', async () => {
    await expectVerdict({ 'app.py': code('') }, 'B603', 'constant', /fixed program 'grep'/);
  });
  it('parts.insert(0, …) may change the program: not constant', async () => {
    const f = await findingAt({ 'app.py': code('    parts.insert(0, request.args["tool"])\n') }, 'B603');
    expect(f?.verdict?.kind).not.toBe('constant');
  });
  it('parts[0] = … may change the program: not constant', async () => {
    const f = await findingAt({ 'app.py': code('    parts[0] = request.args["tool"]\n') }, 'B603');
    expect(f?.verdict?.kind).not.toBe('constant');
  });
});

describe('iteration helpers carry their elements', () => {
  const loop = (use: string) =>
    py(`
import sqlite3
from flask import Flask, request
app = Flask(__name__)

@app.route("/ids")
def ids():
    clause = ""
    for i, cid in enumerate(request.args["ids"].split(",")):
        clause += " OR id = " + ${use}
    return str(sqlite3.connect("d").execute("SELECT * FROM t WHERE 0" + clause).fetchall())
`);
  runPairs([
    { name: 'for i, x in enumerate(xs): x is an element of xs, i a count', rule: 'KR101', vuln: loop('cid'), safe: loop('str(i)'), source: 'request.args' },
    {
      name: 'zip() gives the elements of its iterables',
      rule: 'KR101',
      vuln: loop('"".join(a for a, b in zip(cid, cid))'),
      safe: loop('"".join(a for a, b in zip("12", "34"))'),
      source: 'request.args',
    },
  ]);
});

describe('a view returning what a helper builds as text sends that text as HTML', () => {
  const helper = (body: string) => `def render_banner(name):\n${body.replace(/^/gm, '    ')}\n`;
  const view = 'from flask import Flask, request\napp = Flask(__name__)\n';
  const route = '@app.route("/d")\ndef dashboard():\n    return render_banner(request.cookies.get("name", "friend"))\n';
  runPairs([
    {
      name: 'xss a helper of the module returning an f-string; its twin returns a dict (sent as JSON)',
      rule: 'KR108',
      vuln: `${view}\n${helper('return f"<div>Hello {name}</div>"')}\n${route}`,
      safe: `${view}\n${helper('return {"greeting": name}')}\n${route}`,
      source: 'request.cookies',
    },
    {
      name: 'xss a helper building its text in a name (html = …; html += …); its twin escapes it',
      rule: 'KR108',
      vuln: `import html as h\n${view}\n${helper('html = "<div>"\nhtml += name\nhtml += "</div>"\nreturn html')}\n${route}`,
      safe: `import html as h\n${view}\n${helper('html = "<div>"\nhtml += h.escape(name)\nhtml += "</div>"\nreturn html')}\n${route}`,
      source: 'request.cookies',
    },
  ]);
  it('a helper in another module: the whole trace, at the view', async () => {
    const files = {
      'formatting.py': 'def banner(name):\n    return "<div>%s</div>" % (name,)\n',
      'views.py': `${view}from formatting import banner\n\n@app.route("/d")\ndef d():\n    return banner(request.cookies.get("n", ""))\n`,
    };
    expect(await flows(files, 'KR108')).toEqual(['views.py:7']);
    expect(await flows({ ...files, 'formatting.py': 'import json\ndef banner(name):\n    return json.dumps({"n": name})\n' }, 'KR108')).toEqual([]);
  });
});

describe("a helper's parameters each keep the kinds of the returns they reach", () => {
  const helper = 'KNOWN = ("EUR", "USD")\n\ndef currency(raw, default="EUR"):\n    code = raw.strip().upper()\n    if code in KNOWN:\n        return code\n    return default\n';
  const view = (call: string) => `from flask import Flask, make_response, request\napp = Flask(__name__)\n\n${helper}\n@app.route("/p")\ndef p():\n    resp = make_response("ok")\n    resp.headers["X-Currency"] = ${call}\n    return resp\n`;
  runPairs([
    {
      name: 'header the allow-listed parameter is safe although another parameter is returned raw; the raw one given request data is not',
      rule: 'KR112',
      vuln: view('currency("x", request.cookies.get("c"))'),
      safe: view('currency(request.cookies.get("c"))'),
      source: 'request.cookies',
    },
  ]);
});

describe('the plain-name check before joining path parts (as http.server does)', () => {
  const code = (check: string) =>
    py(`
import os
from flask import Flask, request
app = Flask(__name__)

@app.route("/f")
def f():
    path = "/srv/files"
    for word in filter(None, request.args["p"].split("/")):
        if ${check}:
            continue
        path = os.path.join(path, word)
    return open(path).read()
`);
  runPairs([
    {
      name: 'guard os.path.dirname(w) or w in (os.curdir, os.pardir) → continue: w is a plain name; dirname alone lets ".." through',
      rule: 'KR115',
      vuln: code('os.path.dirname(word)'),
      safe: code('os.path.dirname(word) or word in (os.curdir, os.pardir)'),
      source: 'request.args',
    },
  ]);
});

describe('a local name spelled like a project module is the instance it holds, not the module', () => {
  it('repo = MemberRepository(db); repo.search(x) with a module named repo: the flow into the method is found', async () => {
    const files = {
      'repo.py': 'class MemberRepository:\n    def __init__(self, db):\n        self.collection = db\n\n    def search(self, team):\n        return self.collection.find({"$where": "this.team == \'" + team + "\'"})\n',
      'views.py': 'from flask import Flask, request\nfrom repo import MemberRepository\napp = Flask(__name__)\n\n@app.route("/m")\ndef m():\n    repo = MemberRepository(None)\n    return str(repo.search(request.args["team"]))\n',
    };
    expect(await flows(files, 'KR117')).toEqual(['repo.py:6']);
    expect(await flows({ ...files, 'views.py': files['views.py'].replace('request.args["team"]', '"core"') }, 'KR117')).toEqual([]);
  });
});

describe('a container element built only from constants stays one, folded or not', () => {
  const code = (key: string) =>
    py(`
import base64, pickle
from flask import Flask, request
app = Flask(__name__)

@app.route("/restore", methods=["POST"])
def restore():
    store = {}
    store["default"] = base64.b64encode(pickle.dumps({"user": "anonymous"})).decode("ascii")
    store["client"] = request.headers.get("X-Blob", "")
    blob = store["${key}"]
    return str(pickle.loads(base64.b64decode(blob)))  # sink
`);
  it('the element set from pickle.dumps of a literal is a constant (dismissed)', async () => {
    await expectVerdict({ 'app.py': code('default') }, 'B301', 'constant');
  });
  it('the element set from the request is reachable', async () => {
    await expectVerdict({ 'app.py': code('client') }, 'B301', 'reachable');
  });
});

describe('a function returning tuple displays gives each unpacked target its own element', () => {
  const code = (ret: string) =>
    py(`
import sqlite3
from flask import Flask, request
app = Flask(__name__)

def build_lookup(name):
    return ${ret}

@app.route("/u")
def u():
    sql, params = build_lookup(request.args["name"])
    return str(sqlite3.connect("d").execute(sql, params).fetchall())
`);
  runPairs([
    {
      name: 'sql sql, params = build(q): q only in params leaves the SQL text clean; q in the text is a flow',
      rule: 'KR101',
      vuln: code('"SELECT * FROM users WHERE name = \'" + name + "\'", ()'),
      safe: code('"SELECT * FROM users WHERE name = ?", (name.strip(),)'),
      source: 'request.args',
    },
  ]);
});

describe('class attributes holding tables of constants', () => {
  const code = (extra: string) =>
    py(`
import sqlite3
from flask import Flask, request
app = Flask(__name__)

class Orders:
    SORTS = {"total": "total_cents", "created": "created_at"}

    def search(self, order_by):
        column = self.SORTS.get(order_by, "created_at")
        return sqlite3.connect("d").execute("SELECT * FROM orders ORDER BY " + column).fetchall()  # sink
${extra}
@app.route("/o")
def o():
    return str(Orders().search(request.args["sort"]))
`);
  it('self.SORTS.get(key, default) of a class table of constants is a constant (B608 dismissed)', async () => {
    await expectVerdict({ 'app.py': code('') }, 'B608', 'constant');
  });
  it('a table some code of the module changes (x.SORTS[k] = v) is not', async () => {
    const f = await findingAt({ 'app.py': code('\ndef extend(o, k, v):\n    o.SORTS[k] = v\n') }, 'B608');
    expect(f?.verdict?.kind).not.toBe('constant');
  });
});

/**
 * STORE beside the file `name` holding `caller`: the request value there reaches STORE's
 * sink (KR104 at storage.py:5), and the caller with `swap[0]` replaced by `swap[1]` (its safe
 * twin) gives no flow.
 */
async function expectStoreFlow(name: string, caller: string, swap: [string, string]): Promise<void> {
  const files = { 'storage.py': STORE, [name]: caller };
  expect(await flows(files, 'KR104')).toEqual(['storage.py:5']);
  expect(await flows({ ...files, [name]: caller.replace(swap[0], swap[1]) }, 'KR104')).toEqual([]);
}

/** A module of another file whose method joins its argument into a path (KR104 at line 5). */
const STORE = 'import os\n\nclass Store:\n    def open_export(self, name):\n        return open(os.path.join("/srv/exports", name), "rb")\n';

describe('modules of a folder without __init__.py importing each other relatively', () => {
  it('from .storage import Store in a folder without a package: the module beside it is followed', async () => {
    const router = 'from flask import Flask, request\nfrom .storage import Store\napp = Flask(__name__)\n\n@app.route("/d")\ndef d():\n    store = Store()\n    return store.open_export(request.args["f"]).read()\n';
    await expectStoreFlow('router.py', router, ['request.args["f"]', '"report.csv"']);
  });
});

describe('a parameter annotated with a class of another module holds an instance of it', () => {
  it('storage: Store = Depends(get_storage) in a FastAPI route: storage.open_export(name) is Store.open_export', async () => {
    const api = 'from fastapi import FastAPI, Depends\nfrom storage import Store\napp = FastAPI()\n\ndef get_storage():\n    return Store()\n\n@app.get("/d")\ndef d(name: str, storage: Store = Depends(get_storage)):\n    return storage.open_export(name).read()\n';
    await expectStoreFlow('api.py', api, ['storage: Store = Depends(get_storage)', 'storage=Depends(get_storage)']);
  });
});

describe('the unicode_escape codec clears log injection', () => {
  const code = (expr: string) => py(`
import logging
from flask import Flask, request
app = Flask(__name__)
log = logging.getLogger("auth")

@app.route("/login", methods=["POST"])
def login():
    log.warning("failed login for %s", ${expr})
    return "no", 401
`);
  runPairs([
    {
      name: 'sanitiser x.encode("unicode_escape").decode("ascii") writes CR/LF as escapes; .encode("utf-8") does not',
      rule: 'KR116',
      vuln: code('request.form["u"].encode("utf-8").decode("ascii")'),
      safe: code('request.form["u"].encode("unicode_escape").decode("ascii")'),
      source: 'request.form',
    },
  ]);
});

describe('an instance of a class of another module made with untrusted arguments', () => {
  const notifier = 'import requests\n\nclass Notifier:\n    def __init__(self, url, secret=None):\n        self.url = url\n        self.secret = secret\n\n    def send(self, event):\n        return requests.post(self.url, json={"event": event}, timeout=5).status_code\n';
  const routes = (arg: string) => `from flask import Flask, request\nfrom notifier import Notifier\napp = Flask(__name__)\n\n@app.route("/jobs", methods=["POST"])\ndef jobs():\n    body = request.get_json()\n    n = Notifier(${arg})\n    return str(n.send("created"))\n`;
  it('a field its constructor keeps reaches a sink in a method: reported at the sink, the trace from the request', async () => {
    const r = await runTree({ 'notifier.py': notifier, 'routes.py': routes('body["callback"]') });
    const f = r.findings.find((x) => x.ruleId === 'KR105');
    expect(f && `${path.basename(f.location.path)}:${f.location.startLine}`).toBe('notifier.py:9');
    expect(path.basename(f!.trace![0]!.location.path)).toBe('routes.py');
    expect(f!.trace![0]!.kind).toBe('source');
  });
  it('made with a constant URL (untrusted data only in another field the sink does not use): no flow', async () => {
    expect(await flows({ 'notifier.py': notifier, 'routes.py': routes('"https://hooks.example/x", secret=body["s"]') }, 'KR105')).toEqual([]);
  });
  it('a method returning the field: the caller sends it as HTML', async () => {
    const files = {
      'models.py': 'class Comment:\n    def __init__(self, text):\n        self.text = text\n\n    def render(self):\n        return "<li>%s</li>" % (self.text,)\n',
      'views.py': 'from flask import Flask, request\nfrom models import Comment\napp = Flask(__name__)\n\n@app.route("/c")\ndef c():\n    return "<ul>" + Comment(request.args["t"]).render() + "</ul>"\n',
    };
    const r = await runTree(files);
    const f = r.findings.find((x) => x.ruleId === 'KR108');
    expect(f && `${path.basename(f.location.path)}:${f.location.startLine}`).toBe('views.py:7');
    // The source is the caller's; the constructor's step that keeps it is in models.py.
    expect(f!.trace!.map((s) => `${path.basename(s.location.path)}:${s.location.startLine}`)).toContain('models.py:3');
    expect(path.basename(f!.trace![0]!.location.path)).toBe('views.py');
    expect(await flows({ ...files, 'views.py': files['views.py'].replace('request.args["t"]', '"hello"') }, 'KR108')).toEqual([]);
  });
});

describe('a function of the module that makes an instance of a class of another module', () => {
  it('_store().open_export(name) with def _store(): return Store(): the method of Store is followed', async () => {
    const views = 'from flask import Flask, request\nfrom storage import Store\napp = Flask(__name__)\n\ndef _store():\n    return Store()\n\n@app.route("/d")\ndef d():\n    return _store().open_export(request.args["f"]).read()\n';
    await expectStoreFlow('views.py', views, ['request.args["f"]', '"report.csv"']);
  });
});

describe('isinstance() checks as guards', () => {
  runPairs([
    {
      name: 'guard isinstance(x, str) → a JSON value that is a string cannot be a MongoDB operator',
      rule: 'KR117',
      vuln: mongo('body = request.get_json()\nemail = body.get("email")\nreturn str(users.find_one({"email": email}))'),
      safe: mongo('body = request.get_json()\nemail = body.get("email")\nif not isinstance(email, str):\n    return "bad", 400\nreturn str(users.find_one({"email": email}))'),
      source: 'request.get_json',
    },
    {
      name: 'guard isinstance(x, int) → a number is safe in a SQL text; isinstance(x, str) is not',
      rule: 'KR101',
      vuln: py(`
import sqlite3
from flask import Flask, request
app = Flask(__name__)

@app.route("/u", methods=["POST"])
def u():
    uid = request.get_json()["id"]
    if not isinstance(uid, str):
        return "bad", 400
    return str(sqlite3.connect("d").execute("SELECT * FROM users WHERE id = %s" % uid).fetchall())
`),
      safe: py(`
import sqlite3
from flask import Flask, request
app = Flask(__name__)

@app.route("/u", methods=["POST"])
def u():
    uid = request.get_json()["id"]
    if not isinstance(uid, int):
        return "bad", 400
    return str(sqlite3.connect("d").execute("SELECT * FROM users WHERE id = %s" % uid).fetchall())
`),
      source: 'request.get_json',
    },
  ]);
});
