/**
 * Reasoning-layer precision, sixth round (gaps a held-out labelled set showed), each with a
 * vulnerable (or unknown) and a safe twin: the body of a lambda made here and called
 * elsewhere (`run_in_executor(None, lambda: subprocess.run(cmd, shell=True))`); the program
 * of an argv list built by concatenation (`["tar", "--"] + paths`); a barrier guard on a
 * value that is no source (a parameter, a library's result) making what is built from it
 * safe for the guard's kinds; a Bottle route's returned string (an HTML response, as
 * Flask's); a Pyramid `Response` body given `content_type="text/html"`; a validator that
 * lets only numbers and operators through before `eval`; the local-path check before a
 * redirect written as `if not … or …: return "/"`, and with a validator whose pattern
 * starts with `/` and admits no backslash; a predicate of the module checking the host of
 * the parts `urlsplit` gave (`is_allowed(parts)`), which validates the URL they came from;
 * the line-break check (`"\\r" in v or "\\n" in v` rejected) before a header; a random
 * delay in a function about passwords (the value goes to the sleep, nowhere else); a helper
 * whose every call passes what the analysis saw built from constants, or allow-listed.
 */
import { describe, expect, it } from 'vitest';
import { allFindings as all, lineOf } from '../helpers/triage-helpers.js';
import type { Finding } from '../../src/core/finding.js';
import { scan } from '../../src/pipeline/scan.js';
import { cleanTempDirs, tempProject } from '../helpers/temp-project.js';
import { py, runPairs } from './models-helpers.js';

cleanTempDirs();

/** The lines of the active findings of `rule` in a project of one app.py. */
async function activeLines(code: string, rule: string): Promise<number[]> {
  const root = tempProject({ 'app.py': code }, 'krait-round6-');
  const r = await scan({ targets: [root], jobs: 1, config: false, analyses: ['rules'] });
  return r.findings.filter((f) => f.ruleId === rule).map((f) => f.location.startLine);
}

/** The finding of `rule` on the line marked `# sink` of app.py. */
async function findingAt(code: string, rule: string): Promise<Finding> {
  const root = tempProject({ 'app.py': code }, 'krait-round6-');
  const r = await scan({ targets: [root], jobs: 1, config: false, analyses: ['rules'] });
  const line = lineOf(code, '# sink');
  const f = all(r).find((x) => (x.ruleId === rule || x.relatedRuleIds?.includes(rule)) && x.location.startLine === line);
  if (!f) throw new Error(`no ${rule} at line ${line}:\n${all(r).map((x) => `${x.ruleId}@${x.location.startLine}`).join(' ')}`);
  return f;
}
const dismissed = (f: Finding) => f.status === 'dismissed';

describe('a lambda made here and called elsewhere', () => {
  const code = (build: string) =>
    py(`
import asyncio, shlex, subprocess
from aiohttp import web
async def ping(request):
    host = request.match_info["host"]
    cmd = ${build}
    loop = asyncio.get_running_loop()
    proc = await loop.run_in_executor(None, lambda: subprocess.run(cmd, shell=True, capture_output=True))  # sink
    return web.Response(text=proc.stdout.decode())
`);

  it('safe: the command it runs quotes the request value', async () => {
    const f = await findingAt(code('"ping -c 3 " + shlex.quote(host)'), 'B602');
    expect(dismissed(f)).toBe(true);
    expect(f.verdict?.kind).toBe('sanitised');
  });

  it('vulnerable: the request value goes into the command raw', async () => {
    const f = await findingAt(code('"ping -c 3 " + host'), 'B602');
    expect(dismissed(f)).toBe(false);
    expect(f.verdict?.kind).toBe('reachable');
    expect(f.relatedRuleIds).toContain('KR102');
  });

  it('a lambda with its own parameter: not the outer name it shadows (its value is not known)', async () => {
    const f = await findingAt(
      py(`
import subprocess
def runner():
    c = "ls -l"
    return lambda c: subprocess.run(c, shell=True)  # sink
`),
      'B602',
    );
    expect(f.verdict?.kind).toBe('unknown');
  });
});

describe('the program of an argv list built by concatenation', () => {
  const code = (argv: string) =>
    py(`
import subprocess, sys
def main():
    paths = sys.argv[2:]
    argv = ${argv}
    subprocess.run(argv)  # sink
`);

  it('a list display of constants first: the fixed program', async () => {
    const f = await findingAt(code('["tar", "-czf", "/var/backups/x.tgz", "--"] + list(paths)'), 'B603');
    expect(dismissed(f)).toBe(true);
    expect(f.verdict?.reason).toMatch(/fixed program 'tar'/);
  });

  it('untrusted data in the fixed list too, after the program: still the fixed program', async () => {
    const f = await findingAt(code('["tar", "-czf", sys.argv[1], "--"] + list(paths)'), 'B603');
    expect(dismissed(f)).toBe(true);
    expect(f.verdict?.reason).toMatch(/fixed program 'tar'/);
  });

  it('the command line first: the program comes from argv', async () => {
    const f = await findingAt(code('list(paths) + ["--", "tar"]'), 'B603');
    expect(dismissed(f)).toBe(false);
  });

  it('a concatenation passed directly', async () => {
    const f = await findingAt(
      py(`
import subprocess, sys
subprocess.run(["grep", "-e"] + sys.argv[1:])  # sink
`),
      'B603',
    );
    expect(dismissed(f)).toBe(true);
  });
});

describe('a guard on a value that is no source', () => {
  const code = (check: string) =>
    py(`
import re, subprocess
HOST = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}")
def trace(host):
${check}
    return subprocess.run(f"traceroute -m 8 {host}", shell=True, capture_output=True).stdout  # sink
`);

  it('a parameter checked with fullmatch, raising otherwise: sanitised for the shell', async () => {
    const f = await findingAt(code('    if not HOST.fullmatch(host):\n        raise ValueError(host)'), 'B602');
    expect(dismissed(f)).toBe(true);
    expect(f.verdict?.kind).toBe('sanitised');
    expect(f.verdict?.reason).toMatch(/HOST\.fullmatch\(host\)/);
  });

  it('the check not enforced: unknown', async () => {
    const f = await findingAt(code('    if not HOST.fullmatch(host):\n        print("odd host")'), 'B602');
    expect(f.verdict?.kind).toBe('unknown');
  });

  it('a check that allows shell metacharacters: unknown', async () => {
    const f = await findingAt(code('    if not re.fullmatch(r"[^/]+", host):\n        raise ValueError(host)'), 'B602');
    expect(f.verdict?.kind).toBe('unknown');
  });

  it("a library's result checked the same way", async () => {
    const f = await findingAt(
      py(`
import re, socket, subprocess
def trace():
    host = socket.gethostname()
    if not re.fullmatch(r"[a-z0-9.-]+", host):
        return None
    return subprocess.run("traceroute " + host, shell=True)  # sink
`),
      'B602',
    );
    expect(dismissed(f)).toBe(true);
  });
});

describe('HTML responses of Bottle and Pyramid', () => {
  runPairs([
    {
      name: 'a Bottle route returns a page built with the query value',
      rule: 'KR108',
      vuln: py(`
from bottle import Bottle, request
app = Bottle()
@app.get("/search")
def search():
    q = request.query.getunicode("q", default="")
    body = "<p>No results for <b>" + q + "</b></p>"
    return "<html>" + body + "</html>"
`),
      safe: py(`
import html
from bottle import Bottle, request
app = Bottle()
@app.get("/search")
def search():
    q = request.query.getunicode("q", default="")
    body = "<p>No results for <b>" + html.escape(q) + "</b></p>"
    return "<html>" + body + "</html>"
`),
      source: 'request.query',
    },
    {
      name: 'a Pyramid Response with an HTML content type',
      rule: 'KR108',
      vuln: py(`
from pyramid.response import Response
def preview(request):
    name = request.params.get("name", "")
    return Response(f"<h2>{name}</h2>", content_type="text/html", charset="utf-8")
`),
      safe: py(`
from pyramid.response import Response
def preview(request):
    name = request.params.get("name", "")
    return Response(f"<h2>{name}</h2>", content_type="application/json", charset="utf-8")
`),
      source: 'request.params',
    },
  ]);
});

describe('eval of text validated to numbers and operators', () => {
  const code = (pattern: string) =>
    py(`
import re
from flask import Flask, request, abort
app = Flask(__name__)
@app.route("/calc")
def calc():
    expr = request.args.get("e", "")
    if not re.fullmatch(r"${pattern}", expr):
        abort(400)
    return str(eval(expr))  # sink
`);

  it('digits, arithmetic operators, dots, spaces and parentheses: nothing to name, sanitised', async () => {
    const f = await findingAt(code('[\\d+\\-*/(). ]+'), 'B307');
    expect(dismissed(f)).toBe(true);
    expect(f.verdict?.kind).toBe('sanitised');
  });

  it('letters and parentheses too: a call can be spelled, reachable', async () => {
    const f = await findingAt(code('[a-z0-9+()]+'), 'B307');
    expect(dismissed(f)).toBe(false);
    expect(f.verdict?.kind).toBe('reachable');
  });

  it('\\w with operators: a name can be spelled in any script, reachable', async () => {
    const f = await findingAt(code('[\\w+*() ]+'), 'B307');
    expect(dismissed(f)).toBe(false);
  });
});

describe('the local-path check before a redirect, in its other spellings', () => {
  const code = (check: string) =>
    py(`
import re
from flask import Flask, request, redirect
app = Flask(__name__)
LOCAL = re.compile(r"/[A-Za-z0-9_\\-/]*")
ANY = re.compile(r"/[^ ]*")
def target(raw):
    if ${check}:
        return "/"
    return raw
@app.route("/logout")
def logout():
    return redirect(target(request.args.get("next", "/")))  # sink
`);
  const flowAt = (check: string) => activeLines(code(check), 'KR107');
  const sink = lineOf(code('x'), '# sink');

  it('every part negated in one `or`: safe', async () => {
    expect(await flowAt('not raw.startswith("/") or raw.startswith("//") or "\\\\" in raw')).toEqual([]);
  });

  it('the same without the backslash test (browsers read /\\ as //): reported', async () => {
    expect(await flowAt('not raw.startswith("/") or raw.startswith("//")')).toEqual([sink]);
  });

  it('a validator starting with / that admits no backslash, and no //: safe', async () => {
    expect(await flowAt('not LOCAL.fullmatch(raw) or raw.startswith("//")')).toEqual([]);
  });

  it('the validator alone lets //evil.example through: reported', async () => {
    expect(await flowAt('not LOCAL.fullmatch(raw)')).toEqual([sink]);
  });

  it('a validator that admits a backslash: reported', async () => {
    expect(await flowAt('not ANY.fullmatch(raw) or raw.startswith("//")')).toEqual([sink]);
  });
});

describe('a predicate checking the host of a parsed URL validates the URL', () => {
  const code = (predicate: string) =>
    py(`
from urllib.parse import urlsplit
from urllib.request import urlopen
from django.http import HttpResponse, HttpResponseBadRequest
HOSTS = frozenset({"avatars.example.com", "cdn.example.com"})
def is_allowed(parts):
    return ${predicate}
def avatar(request):
    source = request.GET.get("src", "")
    parts = urlsplit(source)
    if not is_allowed(parts):
        return HttpResponseBadRequest("no")
    with urlopen(source, timeout=5) as upstream:  # sink
        return HttpResponse(upstream.read(), content_type="image/png")
`);

  it('the host in an allow-list: sanitised', async () => {
    const f = await findingAt(code('parts.hostname in HOSTS and parts.scheme == "https"'), 'B310');
    expect(dismissed(f)).toBe(true);
    expect(f.verdict?.reason).toMatch(/is_allowed\(\)/);
  });

  it('only the scheme checked: reachable', async () => {
    const f = await findingAt(code('parts.scheme == "https"'), 'B310');
    expect(dismissed(f)).toBe(false);
    expect(f.verdict?.kind).toBe('reachable');
  });
});

describe('the line-break check before a header', () => {
  const code = (check: string) =>
    py(`
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        name = parse_qs(urlsplit(self.path).query).get("name", ["report.csv"])[0]
        if ${check}:
            self.send_error(400, "bad name")
            return
        self.send_response(200)
        self.send_header("Content-Disposition", f'attachment; filename="{name}"')
        self.end_headers()
`);
  const headerFlows = async (check: string) => (await activeLines(code(check), 'KR112')).length;

  it('CR and LF rejected: safe', async () => {
    expect(await headerFlows('"\\r" in name or "\\n" in name')).toBe(0);
  });

  it('the same as a conjunction of the allowed case: safe', async () => {
    expect(await headerFlows('not ("\\r" not in name and "\\n" not in name)')).toBe(0);
  });

  it('LF only: a lone CR still breaks the header, reported', async () => {
    expect(await headerFlows('"\\n" in name')).toBe(1);
    expect(await headerFlows('"\\n" in name or len(name) > 100')).toBe(1);
  });

  it('the test turned around (rejects a name without them): reported', async () => {
    expect(await headerFlows('"\\r" not in name or "\\n" not in name')).toBe(1);
  });

  it('the check on another value: reported', async () => {
    expect(await headerFlows('"\\r" in self.path or "\\n" in self.path')).toBe(1);
  });
});

describe('a random delay in a security-related function', () => {
  const code = (line: string) =>
    py(`
import random, secrets, time
from flask import Flask, request, jsonify
app = Flask(__name__)
def send_reset(email, token):
    print(email, token)
@app.post("/password/forgot")
def forgot_password():
    email = request.form.get("email", "")
    ${line}  # sink
    send_reset(email, secrets.token_urlsafe(32))
    return jsonify(ok=True)
`);

  it('time.sleep(random.uniform(…)): a delay, not a secret', async () => {
    const f = await findingAt(code('time.sleep(random.uniform(0.05, 0.25))'), 'B311');
    expect(dismissed(f)).toBe(true);
    expect(f.verdict?.kind).toBe('non-security-use');
  });

  it('a scaled delay too', async () => {
    const f = await findingAt(code('time.sleep(0.05 + random.random() * 0.2)'), 'B311');
    expect(f.verdict?.kind).toBe('non-security-use');
  });

  it('a random value kept in a name there: not known', async () => {
    const f = await findingAt(code('delay = random.uniform(0.05, 0.25); time.sleep(delay)'), 'B311');
    expect(dismissed(f)).toBe(false);
  });

  it('the duration is not the random value (sleep with it as a keyword elsewhere): not known', async () => {
    const f = await findingAt(code('time.sleep(1, random.random())'), 'B311');
    expect(dismissed(f)).toBe(false);
  });
});

describe('a helper whose every call passes constants or allow-listed values (as the analysis saw them)', () => {
  const code = (view: string) =>
    py(`
from bottle import Bottle, request, abort
app = Bottle()
SORTABLE = frozenset({"name", "size", "owner"})
def key_function(field):
    return eval("lambda row: row['" + field + "']")  # sink
${view}
`);
  const checked = `
@app.post("/sorted")
def sorted_rows():
    field = request.forms.get("sort_by", "name")
    if field not in SORTABLE:
        abort(400, "unknown field")
    return str(key_function(field))
`;

  it('the value allow-listed before the call: sanitised', async () => {
    const f = await findingAt(code(checked), 'B307');
    expect(dismissed(f)).toBe(true);
    expect(f.verdict?.kind).toBe('sanitised');
    expect(f.verdict?.reason).toMatch(/every call of key_function\(\)/);
  });

  it('a name that holds one constant or another on every path: constant', async () => {
    const f = await findingAt(
      code(`
def pick(desc):
    field = "name"
    if desc:
        field = "size"
    return key_function(field)
`),
      'B307',
    );
    expect(dismissed(f)).toBe(true);
    expect(f.verdict?.kind).toBe('constant');
  });

  it('vulnerable: a second call passes the raw value', async () => {
    const f = await findingAt(
      code(`${checked}
@app.post("/raw")
def raw_rows():
    return str(key_function(request.forms.get("sort_by", "name")))
`),
      'B307',
    );
    expect(dismissed(f)).toBe(false);
  });

  it("unknown: a wrapper's parameter passed on (whatever its callers pass)", async () => {
    const f = await findingAt(code('def outer(v):\n    return key_function(v)'), 'B307');
    expect(dismissed(f)).toBe(false);
  });

  it('unknown: a closure called once with a value from a file and once with a constant', async () => {
    const f = await findingAt(
      code(`
import json
def c():
    field = json.load(open("fields.json"))["sort"]
    def go():
        return key_function(field)
    go()
    field = "name"
    return str(go())
`),
      'B307',
    );
    expect(dismissed(f)).toBe(false);
  });

  it('vulnerable: only the length checked', async () => {
    const f = await findingAt(code(checked.replace('field not in SORTABLE', 'len(field) > 20')), 'B307');
    expect(dismissed(f)).toBe(false);
  });
});

describe('a helper whose every call passes values safe for its sink kind', () => {
  const code = (check: string, arg = 'expr') =>
    py(`
import html, re, shlex, subprocess
from flask import Flask, request, abort
app = Flask(__name__)
EXPR = re.compile(r"[a-z0-9.-]{1,64}")
def run_shell(cmd):
    return subprocess.run("echo " + cmd, shell=True)  # sink
@app.route("/x")
def x():
    expr = request.args.get("e", "0")
${check}
    return str(run_shell(${arg}))
`);

  it('quoted for the shell before every call: sanitised', async () => {
    const f = await findingAt(code('    expr = shlex.quote(expr)'), 'B602');
    expect(dismissed(f)).toBe(true);
    expect(f.verdict?.reason).toMatch(/every call of run_shell\(\)/);
  });

  it('validated by a pattern that clears the shell: sanitised', async () => {
    const f = await findingAt(code('    if not EXPR.fullmatch(expr):\n        abort(400)'), 'B602');
    expect(dismissed(f)).toBe(true);
  });

  it('escaped for HTML only (another kind): not settled', async () => {
    const f = await findingAt(code('    expr = html.escape(expr)'), 'B602');
    expect(dismissed(f)).toBe(false);
  });
});
