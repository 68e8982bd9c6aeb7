import { describe, expect, it } from 'vitest';
import { parsePython } from '../../src/python/parse.js';
import { linkParents } from '../../src/python/visit.js';
import { SemanticModel } from '../../src/python/semantic.js';
import type * as A from '../../src/python/ast.js';
import { guardsOf, statementGuards } from '../../src/taint/guards.js';
import { K, ALL_MASK } from '../../src/taint/model.js';
import { runPairs, type Pair } from './models-helpers.js';

const F = 'from flask import Flask, request, abort\napp = Flask(__name__)\n';
const view = (imports: string, body: string): string => `${imports}\n${F}@app.route("/x", methods=["GET", "POST"])\ndef x():\n${body.replace(/^/gm, '    ')}\n`;

/** A guard pair: the same flow without the guard (or with a guard that proves nothing) and with it. */
function guard(name: string, rule: string, imports: string, pre: string, vulnCheck: string, safeCheck: string, use: string, extra: Partial<Pair> = {}): Pair {
  const body = (check: string) => `${pre}\n${check}\n${use}`;
  return { name, rule, vuln: view(imports, body(vulnCheck)), safe: view(imports, body(safeCheck)), source: 'request.', ...extra };
}

const pairs: Pair[] = [
  guard('containment test: ".." in p → abort', 'KR104', '', 'p = request.args["p"]', 'if p.endswith(".."):\n    abort(400)', 'if ".." in p:\n    abort(400)', 'return open("/srv/files/" + p).read()'),
  guard('containment test: "/" in p or ".." in p → abort', 'KR104', '', 'p = request.args["p"]', 'if "x" in p:\n    abort(400)', 'if "/" in p or ".." in p:\n    abort(400)', 'return open("/srv/files/" + p).read()'),
  guard(
    'startswith after os.path.realpath (a raw startswith proves nothing)',
    'KR104',
    'import os',
    'p = "/srv/" + request.args["p"]\nreal = os.path.realpath(p)',
    'if not p.startswith("/srv/"):\n    abort(403)',
    'if not real.startswith("/srv/"):\n    abort(403)',
    'return open(real).read()',
  ),
  guard(
    'startswith after os.path.normpath',
    'KR104',
    'import os',
    'p = os.path.normpath("/srv/" + request.args["p"])',
    'if not request.args["p"].startswith("/srv/"):\n    abort(403)',
    'if not p.startswith("/srv/"):\n    abort(403)',
    'return open(p).read()',
  ),
  guard(
    'startswith after Path.resolve()',
    'KR115',
    'from pathlib import Path\nBASE = Path("/srv")',
    'p = (BASE / request.args["p"]).resolve()',
    'if not str(request.args["p"]).startswith(str(BASE)):\n    abort(403)',
    'if not str(p).startswith(str(BASE)):\n    abort(403)',
    'return open(p).read()',
  ),
  guard(
    'is_relative_to after Path.resolve()',
    'KR115',
    'from pathlib import Path\nBASE = Path("/srv")',
    'p = (BASE / request.args["p"]).resolve()',
    'if not p.exists():\n    abort(404)',
    'if not p.is_relative_to(BASE):\n    abort(403)',
    'return open(p).read()',
  ),
  guard('allow-list: x not in {...} → abort', 'KR101', '', 'col = request.args["sort"]', 'if col == "":\n    col = "id"', 'if col not in {"id", "name"}:\n    abort(400)', 'cur.execute(f"SELECT * FROM t ORDER BY {col}")'),
  guard('allow-list: if x in (...):', 'KR101', '', 'col = request.args["sort"]', 'if col:', 'if col in ("id", "name"):', '    cur.execute(f"SELECT * FROM t ORDER BY {col}")'),
  guard('equality with a constant', 'KR102', 'import os', 'mode = request.args["m"]', 'if mode != "":', 'if mode == "fast":', '    os.system("run --" + mode)'),
  guard(
    'host allow-list: urlparse(u).netloc in ALLOWED',
    'KR105',
    'import requests\nfrom urllib.parse import urlparse\nALLOWED = {"api.example.com"}',
    'u = request.args["u"]',
    'if not u:\n    abort(400)',
    'if urlparse(u).netloc not in ALLOWED:\n    abort(400)',
    'return requests.get(u, timeout=5).text',
  ),
  guard(
    'scheme check alone pins no host (scheme and netloc do)',
    'KR105',
    'import requests\nfrom urllib.parse import urlparse\nALLOWED = {"api.example.com"}',
    'u = request.args["u"]',
    'if urlparse(u).scheme not in ("http", "https"):\n    abort(400)',
    'if urlparse(u).scheme not in ("http", "https") or urlparse(u).hostname not in ALLOWED:\n    abort(400)',
    'return requests.get(u, timeout=5).text',
  ),
  guard(
    'host allow-list through a parsed name: parts = urlparse(u); parts.netloc not in ALLOWED',
    'KR105',
    'import requests\nfrom urllib.parse import urlparse\nALLOWED = {"api.example.com"}',
    'u = request.args["u"]\nparts = urlparse(u)',
    'if parts.scheme != "https":\n    abort(400)',
    'if parts.scheme != "https" or parts.netloc not in ALLOWED:\n    abort(400)',
    'return requests.get(u, timeout=5).text',
  ),
  guard(
    'redirect host allow-list through a parsed name (a host of another URL proves nothing)',
    'KR107',
    'from flask import redirect\nfrom urllib.parse import urlparse\nALLOWED = {"www.example.com"}',
    'u = request.args["next"]\nother = urlparse(request.url)\nparts = urlparse(u)',
    'if other.hostname not in ALLOWED:\n    abort(400)',
    'if parts.hostname not in ALLOWED:\n    abort(400)',
    'return redirect(u)',
  ),
  guard('isdigit validator (isascii is not one)', 'KR101', '', 'n = request.args["n"]', 'if not n.isascii():\n    abort(400)', 'if not n.isdigit():\n    abort(400)', 'cur.execute("SELECT * FROM t WHERE id = " + n)'),
  guard('isalnum validator', 'KR102', 'import os', 'h = request.args["h"]', 'if not h.islower():\n    abort(400)', 'if not h.isalnum():\n    abort(400)', 'os.system("ping " + h)'),
  guard('assert validator', 'KR102', 'import os', 'h = request.args["h"]', 'assert h', 'assert h.isalnum()', 'os.system("ping " + h)'),
  ...[
    ['path', 'KR104', 'return open("/srv/" + v).read()'],
    ['shell', 'KR102', 'import os\nos.system("convert " + v)'],
    ['SQL', 'KR101', 'cur.execute("SELECT * FROM t WHERE n = \'" + v + "\'")'],
  ].map(([kind, rule, use]) =>
    guard(`re.fullmatch(r"[\\w-]+", x) clears ${kind} (a pattern with .* clears nothing)`, rule!, 'import re', 'v = request.args["v"]', 'if not re.fullmatch(r"[\\w-]*.*", v):\n    abort(400)', 'if not re.fullmatch(r"[\\w-]+", v):\n    abort(400)', use!),
  ),
  guard('re.match(r"^\\d+$", x) clears SQL (re.match without $ does not)', 'KR101', 'import re', 'v = request.args["v"]', 'if not re.match(r"^\\d+", v):\n    abort(400)', 'if not re.match(r"^\\d+$", v):\n    abort(400)', 'cur.execute("SELECT * FROM t WHERE id = " + v)'),
  guard('re.search needs both anchors', 'KR101', 'import re', 'v = request.args["v"]', 'if not re.search(r"\\d+$", v):\n    abort(400)', 'if not re.search(r"^\\d+$", v):\n    abort(400)', 'cur.execute("SELECT * FROM t WHERE id = " + v)'),
  guard(
    're.match with $ lets a trailing newline through (headers); fullmatch does not',
    'KR112',
    'import re\nfrom flask import make_response',
    'v = request.args["v"]\nr = make_response("ok")',
    'if not re.match(r"^[a-z]+$", v):\n    abort(400)',
    'if not re.fullmatch(r"[a-z]+", v):\n    abort(400)',
    'r.headers["X-V"] = v\nreturn r',
  ),
  // One quoted string literal: eval gives back a string. A class that lets the quote or a backslash in does not prove it.
  guard('re.fullmatch of one quoted literal before eval (a class with a backslash proves nothing)', 'KR103', 'import re', 's = request.args["s"]', 'if not re.fullmatch(r"\'[\\w\\\\ ]*\'", s):\n    abort(400)', 'if not re.fullmatch(r"\'[A-Za-z0-9 _.-]*\'", s):\n    abort(400)', 'eval(s)'),
  guard('re.match of one quoted literal needs the end anchor', 'KR103', 'import re', 's = request.args["s"]', 'if not re.match(r"\'[a-z]*\'", s):\n    abort(400)', 'if not re.match(r"^\'[a-z]*\'$", s):\n    abort(400)', 'eval(s)'),
  guard('compiled pattern: NAME.fullmatch(x)', 'KR102', 'import os, re\nNAME = re.compile(r"[a-z0-9]+")\nANY = re.compile(r".+")', 'h = request.args["h"]', 'if not ANY.fullmatch(h):\n    abort(400)', 'if not NAME.fullmatch(h):\n    abort(400)', 'os.system("ping " + h)'),
  guard(
    'literal-shape check before eval (the inner quote test is needed)',
    'KR103',
    '',
    's = request.args["s"]',
    'if not (s.startswith("\'") and s.endswith("\'")):\n    abort(400)',
    'if not (s.startswith("\'") and s.endswith("\'") and "\'" not in s[1:-1]):\n    abort(400)',
    'return str(eval(s))',
  ),
  guard(
    'url_has_allowed_host_and_scheme',
    'KR107',
    'from flask import redirect\nfrom django.utils.http import url_has_allowed_host_and_scheme',
    'nxt = request.args["next"]',
    'if not nxt:\n    nxt = "/"',
    'if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={"example.com"}):\n    nxt = "/"',
    'return redirect(nxt)',
  ),
  guard('int() in a try/except that returns', 'KR101', '', 'v = request.args["v"]', 'try:\n    float("1")\nexcept ValueError:\n    return "bad"', 'try:\n    int(v)\nexcept ValueError:\n    return "bad"', 'cur.execute("SELECT * FROM t WHERE id = " + v)'),
  guard('uuid.UUID() in a try/except that returns', 'KR104', 'import uuid', 'v = request.args["v"]', 'try:\n    uuid.uuid4()\nexcept ValueError:\n    return "bad"', 'try:\n    uuid.UUID(v)\nexcept ValueError:\n    return "bad"', 'return open("/srv/" + v).read()'),
  guard(
    'n = int(v) validates v only when a failure leaves (an except that goes on does not)',
    'KR102',
    'import os',
    'v = request.args["v"]',
    'try:\n    n = int(v)\nexcept ValueError:\n    n = 0',
    'try:\n    n = int(v)\nexcept ValueError:\n    raise',
    'os.system("kill " + v)',
  ),
];

describe('taint model rows: barrier guards', () => runPairs(pairs));

function testExpr(code: string): { test: A.Expr; sem: SemanticModel; stmt: A.Stmt } {
  const parsed = parsePython(code);
  linkParents(parsed.module);
  const sem = new SemanticModel(parsed.module, '');
  const stmt = parsed.module.body[parsed.module.body.length - 1]!;
  return { test: stmt.type === 'If' ? stmt.test : stmt.type === 'Expr' ? stmt.value : (stmt as A.Assign).value, sem, stmt };
}

describe('barrier guard recognisers', () => {
  it('containment tests guard paths on the branch where the test fails', () => {
    const { test, sem } = testExpr('if ".." in p: pass');
    // (A check for `..` alone still lets an absolute path through: marked so.)
    expect(guardsOf(test, sem)).toEqual([{ key: 'p', bits: K.PATH, when: false, dotsOnly: true }]);
    const sep = testExpr('if "/" in p: pass');
    expect(guardsOf(sep.test, sep.sem)).toEqual([{ key: 'p', bits: K.PATH, when: false }]);
  });

  it('regex validators clear the kinds the pattern excludes, and nothing for .*', () => {
    const bits = (src: string) => guardsOf(testExpr(`import re\nif ${src}: pass`).test, testExpr(`import re\nif ${src}: pass`).sem)[0]?.bits ?? 0;
    const w = bits('re.fullmatch(r"[\\w-]+", x)');
    for (const k of [K.PATH, K.SHELL, K.SQL, K.XSS, K.HEADER]) expect(w & k).toBe(k);
    expect(w & K.SSRF).toBe(0);
    expect(w & K.SESSION).toBe(0);
    expect(bits('re.fullmatch(r".*", x)')).toBe(0);
    expect(bits('re.fullmatch(r"[^/]+", x)')).toBe(0);
    expect(bits('re.match(r"[a-z]+", x)')).toBe(0);
    expect(bits('re.match(r"^[a-z]+$", x)') & K.HEADER).toBe(0);
    expect(bits('re.match(r"^[a-z]+\\Z", x)') & K.HEADER).toBe(K.HEADER);
    expect(bits('re.match(r"^[a-z]+$", x, re.M)')).toBe(0);
    expect(bits('re.fullmatch(r"[a-z.]+", x)') & K.PATH).toBe(0);
    expect(bits('re.fullmatch(r"(?:foo|bar)", x)') & K.SHELL).toBe(K.SHELL);
    expect(bits('re.fullmatch(r"[0-9]{1,5}", x)') & K.SSRF).toBe(K.SSRF);
    // [A-Za-z0-9_]+ clears every injection kind (not SSRF: a bare word can name an internal host).
    const word = bits('re.fullmatch(r"[A-Za-z0-9_]+", x)');
    for (const k of [K.SQL, K.SHELL, K.CODE, K.PATH, K.XSS, K.HEADER, K.LDAP, K.XPATH, K.SSTI, K.REDIRECT, K.DESER]) expect(word & k).toBe(k);
    expect(word & K.SSRF).toBe(0);
    // A top-level alternation is fine for fullmatch (it anchors the whole pattern), not for an anchor on one branch.
    expect(bits('re.fullmatch(r"[a-z]+|[0-9]+", x)') & K.SHELL).toBe(K.SHELL);
    expect(bits('re.fullmatch(r"[a-z]+|.*", x)')).toBe(0);
    expect(bits('re.match(r"[a-z]+|[0-9]+$", x)')).toBe(0);
    expect(bits('re.match(r"^[a-z]+|[0-9]+$", x)')).toBe(0);
    expect(bits('re.search(r"^(?:[a-z]+|[0-9]+)$", x)') & K.SHELL).toBe(K.SHELL);
    // Quotes pass SQL's dangerous characters; <, > pass XSS's; a dot allows '..' in paths.
    expect(bits(`re.fullmatch(r"[a-z']+", x)`) & K.SQL).toBe(0);
    expect(bits('re.fullmatch(r"[a-z<>]+", x)') & K.XSS).toBe(0);
    expect(bits('re.fullmatch(r"[a-z()]+", x)') & K.CODE).toBe(0);
    expect(bits('re.fullmatch(r"[a-z;|&]+", x)') & K.SHELL).toBe(0);
    // (Each of those patterns parses: it still clears header injection.)
    for (const p of [`r"[a-z']+"`, 'r"[a-z<>]+"', 'r"[a-z()]+"', 'r"[a-z;|&]+"']) expect(bits(`re.fullmatch(${p}, x)`) & K.HEADER).toBe(K.HEADER);
    // \\d also matches non-ASCII digits, which a URL parser may read as a host.
    expect(bits('re.fullmatch(r"\\d{1,5}", x)') & K.SSRF).toBe(0);
  });

  it('conversions that raise validate their argument for the code after them', () => {
    const { stmt, sem } = testExpr('n = int(v)');
    expect(statementGuards(stmt, sem)).toEqual([{ key: 'v', bits: ALL_MASK & ~(K.HEADER | K.SESSION | K.RESPONSE), when: true }]);
    const u = testExpr('import uuid\nuuid.UUID(v)');
    expect(statementGuards(u.stmt, u.sem)[0]!.key).toBe('v');
    const o = testExpr('n = str(v)');
    expect(statementGuards(o.stmt, o.sem)).toEqual([]);
  });
});

const bottleView = (guard: string): string => `import subprocess
from bottle import route, request, abort, redirect
@route("/run")
def run():
    arg = request.query.get("a")
    if not arg.isalnum():
${guard.replace(/^/gm, '        ')}
    subprocess.run("echo " + arg, shell=True)
    return "done"
`;

describe('calls that never return end the path a guard rejects', () => {
  runPairs([
    {
      name: "bottle's abort() raises: the isalnum guard holds after it",
      rule: 'KR102',
      vuln: bottleView('print("bad")'),
      safe: bottleView('abort(400)'),
      source: 'request.query',
    },
    {
      name: "bottle's redirect() raises too",
      rule: 'KR102',
      vuln: bottleView('print("bad")'),
      safe: bottleView('redirect("/")'),
      source: 'request.query',
    },
  ]);
});
