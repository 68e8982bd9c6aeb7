import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../helpers/rule-tester.js';
import { stepsWithOneFlow } from '../helpers/triage-helpers.js';

const FLASK = 'from flask import Flask, request, redirect, session, jsonify, make_response, render_template_string, send_file\nimport os, subprocess, sqlite3, traceback, pickle, requests\napp = Flask(__name__)\n';
// FLASK is 3 lines: snippets below start at line 4.

describe('KR101 sql-injection-taint', () => {
  it('finds request data formatted into SQL, through assignments and helpers', () =>
    testRule('KR101', {
      valid: [
        FLASK + '@app.route("/u")\ndef u():\n    cur.execute("SELECT * FROM u WHERE name = ?", (request.args["name"],))',
        FLASK + '@app.route("/u")\ndef u():\n    uid = int(request.args["id"])\n    cur.execute(f"SELECT * FROM u WHERE id = {uid}")',
        FLASK + '@app.route("/u")\ndef u():\n    col = request.args["sort"]\n    if col not in ("id", "name"):\n        abort(400)\n    cur.execute(f"SELECT * FROM u ORDER BY {col}")',
        FLASK + '@app.route("/u")\ndef u():\n    name = request.args["name"]\n    name = "bob"\n    cur.execute(f"SELECT * FROM u WHERE name = \'{name}\'")',
        FLASK + '@app.route("/u/<int:uid>")\ndef u(uid):\n    cur.execute(f"SELECT * FROM u WHERE id = {uid}")',
        'def report(cur, name):\n    cur.execute(f"SELECT * FROM u WHERE name = \'{name}\'")\n',
      ],
      invalid: [
        { code: FLASK + '@app.route("/u")\ndef u():\n    name = request.args.get("name", "")\n    q = "SELECT * FROM u WHERE name = \'%s\'" % name\n    cur.execute(q)', lines: [8], severity: 'high', confidence: 'high' },
        { code: FLASK + '@app.route("/u/<name>")\ndef u(name):\n    cur.execute("SELECT * FROM u WHERE name = \'" + name + "\'")', lines: [6] },
        { code: FLASK + 'def find(conn, name):\n    return conn.execute(f"SELECT * FROM u WHERE name = \'{name}\'").fetchall()\n\n@app.route("/u")\ndef u():\n    return jsonify(find(db, request.form["name"]))', lines: [5], confidence: 'medium' },
        { code: 'from django.http import HttpResponse\ndef view(request):\n    q = request.GET["q"]\n    rows = Article.objects.raw("SELECT * FROM a WHERE t LIKE \'%%" + q + "%%\'")\n    return HttpResponse(len(rows))', errors: [{ line: 4, column: 12, message: 'HTTP request data (request.GET) reaches a SQL query in `Article.objects.raw("SELECT * FROM a WHERE t LIKE \'%%" + q + "%%\'")`: pass it as a query parameter instead of formatting it into the SQL text.' }] },
        { code: 'from fastapi import FastAPI\nfrom sqlalchemy import text\napp = FastAPI()\n@app.get("/items/{name}")\nasync def item(name: str, limit: int = 10):\n    return db.execute(text(f"SELECT * FROM items WHERE name = \'{name}\' LIMIT {limit}"))', lines: [6] },
        { code: 'import sys\nname = sys.argv[1]\ncur.execute("DELETE FROM t WHERE n = \'%s\'" % name)', lines: [3], severity: 'medium', confidence: 'low' },
        { code: 'import os\ncur.execute("SELECT * FROM " + os.environ["TABLE"])', lines: [2], severity: 'low', confidence: 'low' },
      ],
    }));

  it('FastAPI int parameters are not tainted', () =>
    testRule('KR101', {
      valid: ['from fastapi import FastAPI, Depends\napp = FastAPI()\n@app.get("/items/{item_id}")\ndef item(item_id: int, db = Depends(get_db)):\n    db.execute(f"SELECT * FROM items WHERE id = {item_id}")'],
      invalid: [],
    }));

  it('gives a source → steps → sink trace', () => {
    const code = FLASK + '@app.route("/u")\ndef u():\n    name = request.args.get("name")\n    q = f"SELECT * FROM u WHERE name = \'{name}\'"\n    cur.execute(q)';
    const [f] = runOn(code, ['KR101']);
    expect(f).toBeDefined();
    expect(f!.cwe).toEqual([89]);
    expect(f!.category).toBe('injection');
    expect(f!.trace!.map((s) => [s.kind, s.location.startLine])).toEqual([
      ['source', 6],
      ['step', 6],
      ['step', 7],
      ['sink', 8],
    ]);
    expect(f!.trace![0]!.message).toContain('request.args');
    expect(f!.trace![2]!.message).toBe('q = f"SELECT * FROM u WHERE name = \'{name}\'"');
    expect(f!.trace![3]!.message).toBe('cur.execute(q) (sink: a SQL query)');
    expect(f!.message).toContain('request.args');
  });
});

describe('KR102 command-injection-taint', () => {
  it('shell strings, argv heads, helpers; lists without a shell and shlex.quote are safe', () =>
    testRule('KR102', {
      valid: [
        FLASK + '@app.route("/p")\ndef p():\n    host = request.form["host"]\n    subprocess.run(["ping", "-c", "1", host], check=True)',
        FLASK + '@app.route("/p")\ndef p():\n    import shlex\n    host = shlex.quote(request.form["host"])\n    os.system("ping -c 1 " + host)',
        FLASK + '@app.route("/p")\ndef p():\n    cmd = ["convert", request.args["f"], "out.png"]\n    subprocess.check_call(cmd)',
        FLASK + '@app.route("/p")\ndef p():\n    host = request.form["host"]\n    if not host.isalnum():\n        abort(400)\n    os.system("ping " + host)',
      ],
      invalid: [
        { code: FLASK + '@app.route("/p")\ndef p():\n    host = request.form["host"]\n    out = subprocess.check_output("ping -c 1 " + host, shell=True)\n    return out', lines: [7], severity: 'high', confidence: 'high' },
        { code: FLASK + '@app.route("/p")\ndef p():\n    os.system(f"convert {request.args[\'f\']} out.png")', lines: [6] },
        { code: FLASK + '@app.route("/p")\ndef p():\n    tool = request.args["tool"]\n    subprocess.run([tool, "--version"])', lines: [7] },
        { code: FLASK + '@app.route("/p")\ndef p():\n    subprocess.run(["sh", "-c", "ls " + request.args["d"]])', lines: [6] },
        { code: FLASK + 'class Job:\n    def run(self, cmd):\n        return os.popen(cmd).read()\n    def handle(self):\n        return self.run("grep " + request.args["q"] + " log.txt")', lines: [6] },
        { code: 'cmd = input("command: ")\nos.system(cmd)', errors: [{ line: 2, column: 1, message: 'command-line or console input (input("command: ")) reaches a shell command or program name in `os.system(cmd)`: pass arguments as a list without shell=True, or quote with shlex.quote().' }], severity: 'medium' },
      ],
    }));

  it('traces a flow through a helper function to the sink inside it', () => {
    const code = FLASK + 'def run(cmd):\n    return subprocess.check_output(cmd, shell=True)\n\n@app.route("/p")\ndef p():\n    host = request.form["host"]\n    return run("ping " + host)';
    const [f] = runOn(code, ['KR102']);
    expect(f!.location.startLine).toBe(5);
    expect(f!.trace!.map((s) => `${s.kind}:${s.location.startLine}`)).toEqual(['source:9', 'step:9', 'step:10', 'sink:5']);
    expect(f!.trace![2]!.message).toContain("parameter 'cmd' of run()");
    expect(f!.properties).toMatchObject({ origin: 'request', interprocedural: true });
  });

  it('honours # nosec', () => expect(runOn(FLASK + '@app.route("/p")\ndef p():\n    os.system(request.args["c"])  # nosec KR102', ['KR102'])).toEqual([]));
});

describe('other sinks', () => {
  it('KR103 eval of request data', () =>
    testRule('KR103', {
      valid: [FLASK + '@app.route("/c")\ndef c():\n    import ast\n    return str(ast.literal_eval(request.args["e"]))'],
      invalid: [{ code: FLASK + '@app.route("/c")\ndef c():\n    expr = request.args["e"]\n    return str(eval(expr))', lines: [7] }],
    }));

  it('KR104 path traversal; basename/secure_filename and containment checks sanitise', () =>
    testRule('KR104', {
      valid: [
        'import sys\nwith open(sys.argv[1]) as f:\n    print(f.read())',
        'import os\nopen(os.path.join(os.environ["HOME"], ".apprc"))',
        FLASK + 'from werkzeug.utils import secure_filename\n@app.route("/f")\ndef f():\n    return open("/srv/" + secure_filename(request.args["n"])).read()',
        FLASK + '@app.route("/f")\ndef f():\n    p = os.path.realpath("/srv/" + request.args["n"])\n    if not p.startswith("/srv/"):\n        abort(403)\n    return open(p).read()',
        FLASK + '@app.route("/f")\ndef f():\n    from flask import send_from_directory\n    return send_from_directory("/srv", request.args["n"])',
      ],
      invalid: [
        { code: FLASK + '@app.route("/f")\ndef f():\n    name = request.args["n"]\n    with open(f"/srv/reports/{name}") as fh:\n        return fh.read()', lines: [7] },
        { code: FLASK + '@app.route("/up", methods=["POST"])\ndef up():\n    f = request.files["doc"]\n    f.save("/srv/uploads/" + f.filename)', lines: [7] },
      ],
    }));

  it('KR115 absolute path through os.path.join / Path, quiet after is_relative_to', () =>
    testRule('KR115', {
      valid: [
        'from pathlib import Path\nfrom fastapi import FastAPI\nfrom fastapi.responses import FileResponse\napp = FastAPI()\n@app.get("/files/{filename}")\ndef get_file(filename: str):\n    base = Path("/data").resolve()\n    target = (base / filename).resolve()\n    if not target.is_relative_to(base):\n        raise HTTPException(403)\n    return FileResponse(target)',
        FLASK + '@app.route("/f")\ndef f():\n    return send_file(os.path.join("/srv", os.path.basename(request.args["n"])))',
      ],
      invalid: [
        { code: FLASK + '@app.route("/f")\ndef f():\n    p = os.path.join("/srv/files", request.args["n"])\n    return send_file(p)', lines: [7] },
        { code: 'from pathlib import Path\nfrom fastapi import FastAPI\nfrom fastapi.responses import FileResponse\napp = FastAPI()\n@app.get("/files/{filename}")\ndef get_file(filename: str):\n    return FileResponse(Path("/data") / filename)', errors: [{ line: 7, column: 12, message: 'HTTP request data (parameter \'filename\' of route handler get_file()) is joined into a path that reaches `FileResponse(Path("/data") / filename)`: an absolute value replaces the base directory; use secure_filename()/basename() or check the resolved path stays inside the base.' }] },
      ],
    }));

  it('KR105 SSRF; a fixed host or an allow-list check is safe', () =>
    testRule('KR105', {
      valid: [
        FLASK + '@app.route("/w")\ndef w():\n    return requests.get(f"https://api.example.com/users/{request.args[\'id\']}", timeout=5).text',
        FLASK + 'from urllib.parse import urlparse\n@app.route("/w")\ndef w():\n    url = request.args["url"]\n    if urlparse(url).hostname not in ALLOWED:\n        abort(400)\n    return requests.get(url, timeout=5).text',
      ],
      invalid: [
        { code: FLASK + '@app.route("/w")\ndef w():\n    url = request.args["url"]\n    return requests.get(url, timeout=5).text', lines: [7] },
        { code: FLASK + '@app.route("/w")\ndef w():\n    return requests.get("http://" + request.args["host"] + "/status", timeout=5).text', lines: [6] },
      ],
    }));

  it('KR106 SSTI, KR107 open redirect, KR108 XSS', () => {
    testRule('KR106', {
      valid: [FLASK + '@app.route("/h")\ndef h():\n    return render_template_string("Hello {{ n }}", n=request.args["n"])'],
      invalid: [{ code: FLASK + '@app.route("/h")\ndef h():\n    return render_template_string("<h1>Hello " + request.args["n"] + "</h1>")', lines: [6] }],
    });
    testRule('KR107', {
      valid: [
        FLASK + '@app.route("/l")\ndef l():\n    return redirect("/profile/" + request.args["u"])',
        FLASK + 'from django.utils.http import url_has_allowed_host_and_scheme\n@app.route("/l")\ndef l():\n    nxt = request.args.get("next", "/")\n    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts=None):\n        nxt = "/"\n    return redirect(nxt)',
      ],
      invalid: [{ code: FLASK + '@app.route("/l")\ndef l():\n    return redirect(request.args.get("next", "/"))', lines: [6], severity: 'medium' }],
    });
    testRule('KR108', {
      valid: [
        FLASK + 'import html\n@app.route("/h")\ndef h():\n    return f"<h1>Hello {html.escape(request.args[\'n\'])}</h1>"',
        FLASK + '@app.route("/h")\ndef h():\n    return jsonify(name=request.args["n"])',
        FLASK + '@app.route("/h")\ndef h():\n    return make_response(request.args["n"], 200, mimetype="text/plain")',
      ],
      invalid: [
        { code: FLASK + '@app.route("/h")\ndef h():\n    name = request.args["n"]\n    return f"<h1>Hello {name}</h1>"', lines: [7] },
        { code: FLASK + 'from markupsafe import Markup\n@app.route("/h")\ndef h():\n    return Markup("<b>%s</b>" % request.args["n"])', lines: [7] },
      ],
    });
  });

  it('KR109 deserialisation, KR110 LDAP, KR111 XPath', () => {
    testRule('KR109', {
      valid: [FLASK + 'import yaml\n@app.route("/d")\ndef d():\n    return jsonify(yaml.load(request.data, Loader=yaml.SafeLoader))'],
      invalid: [
        { code: FLASK + 'import base64\n@app.route("/d")\ndef d():\n    return jsonify(pickle.loads(base64.b64decode(request.cookies["state"])))', lines: [7] },
        { code: FLASK + 'import yaml\n@app.route("/d")\ndef d():\n    return jsonify(yaml.load(request.data))', lines: [7] },
      ],
    });
    testRule('KR110', {
      valid: ['import ldap\nfrom ldap.filter import escape_filter_chars\nfrom flask import request\ndef f():\n    u = escape_filter_chars(request.form["u"])\n    conn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(uid={u})")'],
      invalid: [
        { code: 'import ldap\nfrom flask import request\ndef f():\n    conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(uid=" + request.form["u"] + ")")', errors: [{ line: 4, column: 5, message: 'HTTP request data (request.form) is built into an LDAP filter in `conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(uid=" + request.form["u"] + ")")`: escape it with escape_filter_chars().' }] },
        // Local input into a query language is injection too (lower severity and confidence).
        { code: 'import ldap, sys\nconn.search_s(BASE, ldap.SCOPE_SUBTREE, "(uid=" + sys.argv[1] + ")")', lines: [2], severity: 'medium', confidence: 'low' },
      ],
    });
    testRule('KR111', {
      valid: [
        'from lxml import etree\nfrom flask import request\ndef f():\n    return tree.xpath("//u[name=$n]", n=request.args["n"])',
        'import sys\nfrom lxml import etree\ntree = etree.parse("users.xml")\nprint(tree.xpath("//u[name=$n]", n=sys.argv[1]))',
      ],
      invalid: [
        { code: 'from lxml import etree\nfrom flask import request\ndef f():\n    return tree.xpath(f"//u[name=\'{request.args[\'n\']}\']")', errors: [{ line: 4, column: 12, message: 'HTTP request data (request.args) is built into an XPath expression in `tree.xpath(f"//u[name=\'{request.args[\'n\']}\']")`: pass it as an XPath variable ($name) instead.' }] },
        { code: 'import os\nfrom lxml import etree\ntree = etree.parse("users.xml")\nprint(tree.xpath(f"//u[name=\'{os.environ[\'USER_NAME\']}\']"))', lines: [4], severity: 'low', confidence: 'low' },
      ],
    });
  });

  it('KR112 header injection in http.server handlers', () =>
    testRule('KR112', {
      valid: ['from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_header("Content-Type", "text/html")'],
      invalid: [{ code: 'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(301)\n        self.send_header("Location", self.path + "/")', errors: [{ line: 5, column: 9, message: 'HTTP request data (self.path) is written into a response header in `self.send_header("Location", self.path + "/")`: strip or encode CR/LF (urllib.parse.quote) first.' }] }],
    }));

  it('KR113 session values from the request', () =>
    testRule('KR113', {
      valid: [FLASK + '@app.route("/l")\ndef l():\n    user = auth(request.form["u"], request.form["p"])\n    session["uid"] = user.id'],
      invalid: [
        { code: FLASK + '@app.route("/l")\ndef l():\n    session["role"] = request.form["role"]', lines: [6] },
        { code: 'def view(request):\n    request.session["next"] = request.GET.get("next")', errors: [{ line: 2, column: 5, message: 'HTTP request data (request.GET) is stored in the session in `request.session["next"] = request.GET.get("next")` without validation: store server-side facts (after authentication or an allow-list check), not client input.' }] },
      ],
    }));

  it('KR114 traceback in a response', () =>
    testRule('KR114', {
      valid: [FLASK + '@app.route("/x")\ndef x():\n    try:\n        work()\n    except Exception:\n        app.logger.error(traceback.format_exc())\n        return jsonify(error="internal error"), 500'],
      invalid: [
        { code: FLASK + '@app.route("/x")\ndef x():\n    try:\n        work()\n    except Exception:\n        return jsonify(error=traceback.format_exc()), 500', lines: [9] },
        { code: FLASK + '@app.errorhandler(500)\ndef err(e):\n    tb = traceback.format_exc()\n    return {"error": str(e), "trace": tb}, 500', lines: [7] },
      ],
    }));
});

describe('robustness', () => {
  it('deeply nested code and long chains stay fast and do not overflow', () => {
    let code = FLASK + '@app.route("/d")\ndef d():\n    x = request.args["x"]\n';
    let indent = '    ';
    for (let i = 0; i < 90; i++) {
      code += `${indent}if x:\n`;
      indent += '    ';
    }
    code += `${indent}os.system(x)\n`;
    code += '    y = "a"' + ' + x'.repeat(300) + '\n    os.system(y)\n';
    code += '    z = ' + '('.repeat(150) + 'x' + ')'.repeat(150) + '\n    os.system(z)\n';
    const t = Date.now();
    const found = runOn(code, ['KR102']);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(found.map((f) => f.location.startLine).length).toBeGreaterThanOrEqual(2);
  });

  it('many sequential loops and branches stay linear', () => {
    // Work is counted in statements executed (deterministic), not in milliseconds: doubling
    // the number of loops at most doubles it (loops run at most twice, nested ones once).
    const work = (n: number) => {
      let code = FLASK + '@app.route("/d")\ndef d():\n    x = request.args["x"]\n';
      for (let i = 0; i < n; i++) code += `    for i${i} in range(3):\n        while x:\n            if i${i}:\n                x = x + "a"\n            else:\n                y${i} = x\n`;
      code += '    os.system(x)\n';
      return stepsWithOneFlow(code, 'KR102');
    };
    const small = work(200);
    const big = work(400);
    expect(big / small).toBeLessThan(2.1);
    expect(big / small).toBeGreaterThan(1.9);
  });
});

describe('name resolution', () => {
  it('a module function named like a builtin sink is not the builtin', () =>
    testRule('KR103', {
      valid: ['import sys\ndef compile(file, doraise=False):\n    pass\nfor name in sys.stdin.readlines():\n    compile(name, doraise=True)'],
      invalid: [{ code: 'import sys\nfor line in sys.stdin.readlines():\n    exec(line)', errors: [{ line: 3, column: 5, message: 'command-line or console input (sys.stdin) is evaluated as Python code in `exec(line)`: never eval input; use ast.literal_eval() for literals or a real parser.' }] }],
    }));
});
