/**
 * Reasoning-layer precision, sixteenth round: a command helper whose `shell=` is one of its
 * parameters (`def run(cmd, shell=False): subprocess.run(cmd, shell=shell)`). A call that
 * leaves the parameter false runs an argument list, where only the program matters: a flow
 * into a later element is not command injection, and the helper's B602 is settled by its
 * calls when each either leaves `shell` false or passes a command safe for a shell. Each
 * with its twin.
 */
import { describe, expect, it } from 'vitest';
import { cleanTempDirs } from '../helpers/temp-project.js';
import { at, lines, projectScanner, verdictOf } from '../helpers/triage-cases.js';

cleanTempDirs();

const scan = projectScanner('krait-round16-');

/** tools.py: the helper, then the functions that call it (`calls`). */
const tools = (signature: string, ...calls: string[]) =>
  lines(
    'import shlex',
    'import subprocess',
    `def _run(${signature}):`,
    '    proc = subprocess.run(cmd, shell=shell, capture_output=True, text=True)',
    '    return proc.stdout',
    ...calls,
  );
const ping = ['def ping(host):', '    return _run("ping -c 3 %s" % shlex.quote(host), shell=True)'];
const trace = ['def trace(host):', '    return _run(["traceroute", "-m", "20", host])'];
const app = (call: string) =>
  lines(
    'from flask import Flask, request',
    'from tools import ping, trace, _run',
    'app = Flask(__name__)',
    '@app.get("/diag")',
    'def diag():',
    '    host = request.args.get("host", "")',
    `    return ${call}`,
  );
const B602_LINE = 4;

describe('shell= a parameter of the helper: the data flow', () => {
  it('request data as a later element of an argument list, shell left at its false default: no command flow', async () => {
    const all = await scan({ 'tools.py': tools('cmd, shell=False', ...trace), 'app.py': app('trace(host)') });
    expect(at(all, 'KR102', 'tools.py')).toHaveLength(0);
    expect(at(all, 'KR102', 'app.py')).toHaveLength(0);
    expect(verdictOf(all, 'B602', 'tools.py', B602_LINE)).not.toBe('reachable');
  });

  it('the same list with shell=True passed: the flow reaches the shell', async () => {
    const all = await scan({ 'tools.py': tools('cmd, shell=False', 'def trace(host):', '    return _run(["traceroute", host], shell=True)'), 'app.py': app('trace(host)') });
    expect(verdictOf(all, 'B602', 'tools.py', B602_LINE)).toBe('reachable');
  });

  it('a default of True: leaving it out runs a shell', async () => {
    const all = await scan({ 'tools.py': tools('cmd, shell=True', 'def trace(host):', '    return _run("traceroute " + host)'), 'app.py': app('trace(host)') });
    expect(verdictOf(all, 'B602', 'tools.py', B602_LINE)).toBe('reachable');
  });

  it('request data as the program itself, shell false: still a command the user names', async () => {
    const all = await scan({ 'tools.py': tools('cmd, shell=False'), 'app.py': app('_run(host)') });
    expect(verdictOf(all, 'B602', 'tools.py', B602_LINE)).toBe('reachable');
  });
});

describe("shell= a parameter of the helper: the helper's B602 settled by its calls", () => {
  it('one call quotes for the shell, the other leaves shell false: dismissed', async () => {
    const all = await scan({ 'tools.py': tools('cmd, shell=False', ...ping, ...trace), 'app.py': app('ping(host) + trace(host)') });
    expect(at(all, 'B602', 'tools.py', B602_LINE)).toHaveLength(0);
    const f = all.find((x) => x.ruleId === 'B602' && x.location.path === 'tools.py');
    expect(f?.verdict?.reason).toContain("leaves 'shell' false");
  });

  it('shell=False passed as a keyword and as a positional argument: both count as off', async () => {
    const calls = ['def a(host):', '    return _run(["ls", host], shell=False)', 'def b(host):', '    return _run(["ls", host], False)'];
    const all = await scan({ 'tools.py': tools('cmd, shell=True', ...calls), 'app.py': app('a(host) + b(host)') });
    expect(at(all, 'B602', 'tools.py', B602_LINE)).toHaveLength(0);
  });

  it('a call that passes shell=True with an unquoted parameter keeps the finding', async () => {
    const calls = [...trace, 'def raw(host):', '    return _run("ping " + host, shell=True)'];
    const all = await scan({ 'tools.py': tools('cmd, shell=False', ...calls), 'app.py': app('trace(host)') });
    expect(at(all, 'B602', 'tools.py', B602_LINE)).toHaveLength(1);
  });

  it('a call that passes a computed shell value keeps the finding', async () => {
    const calls = ['def maybe(host, sh):', '    return _run(["ls", host], shell=sh)'];
    const all = await scan({ 'tools.py': tools('cmd, shell=False', ...calls), 'app.py': app('maybe(host, True)') });
    expect(at(all, 'B602', 'tools.py', B602_LINE)).toHaveLength(1);
  });

  it('a shell parameter rebound in the helper is no gate', async () => {
    const helper = lines(
      'import subprocess',
      'def _run(cmd, shell=False):',
      '    shell = shell or " " in cmd',
      '    return subprocess.run(cmd, shell=shell)',
      'def trace(host):',
      '    return _run(["traceroute", host])',
    );
    const all = await scan({ 'tools.py': helper, 'app.py': app('trace(host)') });
    expect(at(all, 'B602', 'tools.py', 4)).toHaveLength(1);
  });
});

describe('a containment check on the result of a normalising helper of the module', () => {
  const app = (check: string, after = '        abort(404)') =>
    lines(
      'import os',
      'from flask import Flask, abort, request, send_file',
      'app = Flask(__name__)',
      'ROOT = os.path.realpath(os.environ.get("EXPORT_ROOT", "/srv/exports"))',
      'def _resolve(tenant, name):',
      '    return os.path.realpath(os.path.join(ROOT, tenant, name))',
      'def _joined(tenant, name):',
      '    return os.path.join(ROOT, tenant, name)',
      '@app.get("/exports/<tenant>")',
      'def download(tenant):',
      '    name = request.args.get("file", "")',
      `    full = ${check.split(' @ ')[0]}`,
      `    if ${check.split(' @ ')[1]}:`,
      after,
      '    return send_file(full)',
    );
  it('full = _resolve(...) (every return a realpath), then commonpath([full, ROOT]) != ROOT → abort: no KR104', async () => {
    const all = await scan({ 'app.py': app('_resolve(tenant, name) @ os.path.commonpath([full, ROOT]) != ROOT') });
    expect(at(all, 'KR104', 'app.py')).toHaveLength(0);
  });
  it('a helper that only joins (no normalisation): the check proves nothing, KR104 stays', async () => {
    const all = await scan({ 'app.py': app('_joined(tenant, name) @ os.path.commonpath([full, ROOT]) != ROOT') });
    expect(at(all, 'KR104', 'app.py', 15)).toHaveLength(1);
  });
  it('the check that only logs: KR104 stays', async () => {
    const all = await scan({ 'app.py': app('_resolve(tenant, name) @ os.path.commonpath([full, ROOT]) != ROOT', '        print("outside")') });
    expect(at(all, 'KR104', 'app.py', 15)).toHaveLength(1);
  });
});

describe('all(test for v in (a, b, c)): the test holds of each value', () => {
  const app = (check: string) =>
    lines(
      'from flask import Flask, abort, request',
      'from pymongo import MongoClient',
      'app = Flask(__name__)',
      'users = MongoClient()["db"]["users"]',
      '@app.post("/reset")',
      'def reset():',
      '    data = request.get_json(silent=True) or {}',
      '    email = data.get("email")',
      '    token = data.get("token")',
      `    if not ${check}:`,
      '        abort(400)',
      '    return str(users.find_one({"email": email, "token": token}))',
    );
  it('not all(isinstance(v, str) and v for v in (email, token)) → abort: no KR117', async () => {
    const all = await scan({ 'app.py': app('all(isinstance(v, str) and v for v in (email, token))') });
    expect(at(all, 'KR117', 'app.py')).toHaveLength(0);
  });
  it('the type check left out of the loop (truthiness only): KR117 stays', async () => {
    const all = await scan({ 'app.py': app('all(v for v in (email, token))') });
    expect(at(all, 'KR117', 'app.py', 12)).toHaveLength(1);
  });
  it('a value missing from the tuple is not checked: KR117 stays', async () => {
    const all = await scan({ 'app.py': app('all(isinstance(v, str) for v in (email,))') });
    expect(at(all, 'KR117', 'app.py', 12)).toHaveLength(1);
  });
  it('any() proves nothing of each value: KR117 stays', async () => {
    const all = await scan({ 'app.py': app('any(isinstance(v, str) for v in (email, token))') });
    expect(at(all, 'KR117', 'app.py', 12)).toHaveLength(1);
  });
});

describe('the items of a module table of constants are constants', () => {
  const limits = (...more: string[]) =>
    lines(
      'RAW = {"max_upload": "25 * 1024 * 1024", "ttl": "60 * 60 * 8"}',
      'def limits():',
      '    return {name: eval(expr, {"__builtins__": {}}) for name, expr in RAW.items()}',
      'def each():',
      '    for name, expr in RAW.items():',
      '        print(name, eval(expr))',
      ...more,
    );
  it('for name, expr in RAW.items() (and in a comprehension): B307 dismissed as constant', async () => {
    const all = await scan({ 'limits.py': limits() });
    expect(verdictOf(all, 'B307', 'limits.py', 3)).toBe('constant');
    expect(verdictOf(all, 'B307', 'limits.py', 6)).toBe('constant');
  });
  it('a table some function adds to is no table of constants: B307 stays', async () => {
    const all = await scan({ 'limits.py': limits('def add(request):', '    RAW["x"] = request.args["e"]') });
    expect(at(all, 'B307', 'limits.py', 3)).toHaveLength(1);
    expect(at(all, 'B307', 'limits.py', 6)).toHaveLength(1);
  });
});

describe('B105 on a name that describes the credential, holding a value of that shape', () => {
  const settings = (...xs: string[]) => lines('import os', ...xs);
  it('TOKEN_HEADER = "X-Billing-Signature", PASSWORD_FIELD = "password", TOKEN_URL = "https://auth.example.com/oauth/token": dismissed', async () => {
    const all = await scan({ 's.py': settings('TOKEN_HEADER = "X-Billing-Signature"', 'PASSWORD_FIELD = "password"', 'TOKEN_URL = "https://auth.example.com/oauth/token"', 'TOKEN_PREFIX = "Bearer "') });
    for (const line of [2, 3, 4, 5]) expect(verdictOf(all, 'B105', 's.py', line)).toBe('non-security-use');
  });
  it('a descriptor name holding what looks like a secret, or a plain password name: B105 stays', async () => {
    const all = await scan({
      's.py': settings(
        'TOKEN_HEADER = "f8a9c0d7e6b5a4c3d2e1f0a9"',
        'TOKEN_URL = "https://api.example.com/v1?token=abc123secret"',
        'PASSWORD = "X-Billing-Signature"',
        'TOKEN_URL = "https://user:pw@host/x"',
        'TOKEN_HEADER = "qWeRtYuIoPaSdFgH"',
        'PASSWORD_FIELD = "HjKlQwErTyUi"',
      ),
    });
    for (const line of [2, 3, 4, 5, 6, 7]) expect(at(all, 'B105', 's.py', line)).toHaveLength(1);
  });
});

describe("Django's format_html and format_html_join escape what they format", () => {
  const view = (header: string, items = 'format_html_join("\\n", "<li>{}</li>", ((t,) for t in selected))') =>
    lines(
      'from django.http import HttpResponse',
      'from django.utils.html import format_html, format_html_join',
      'from django.utils.safestring import mark_safe',
      'def tags(request):',
      '    selected = request.GET.getlist("tag")',
      `    items = ${items}`,
      `    header = ${header}`,
      '    return HttpResponse(mark_safe(f"{header}<ul>{items}</ul>"))',
    );
  it('request data through format_html and format_html_join into mark_safe: B308 dismissed', async () => {
    const all = await scan({ 'views.py': view('format_html("<h3>{}</h3>", ", ".join(selected))') });
    expect(at(all, 'B308', 'views.py', 8)).toHaveLength(0);
    expect(at(all, 'KR108', 'views.py')).toHaveLength(0);
  });
  it('the same header built with % formatting: B308 stays', async () => {
    const all = await scan({ 'views.py': view('"<h3>%s</h3>" % ", ".join(selected)') });
    expect(at(all, 'B308', 'views.py', 8)).toHaveLength(1);
  });
  it("request data as format_html_join's format string: an XSS flow", async () => {
    const all = await scan({ 'views.py': view('""', 'format_html_join("\\n", selected[0], ((t,) for t in selected))') });
    expect(at(all, 'KR108', 'views.py', 6).length + at(all, 'B308', 'views.py', 8).length).toBeGreaterThan(0);
    expect(at(all, 'KR108', 'views.py', 6)).toHaveLength(1);
  });
});

describe('an argument list built by a helper of the module', () => {
  const cli = (...helper: string[]) =>
    lines(
      'import shutil',
      'import subprocess',
      'import sys',
      ...helper,
      'def main():',
      '    cmd = tar_command(sys.argv[1], sys.argv[2])',
      '    subprocess.run(cmd)',
    );
  const RUN = 9;
  it('every return a list that starts with a fixed program (shutil.which("tar")): B603 dismissed', async () => {
    const all = await scan({ 'cli.py': cli('def tar_command(src, dest):', '    tar = shutil.which("tar")', '    return [tar, "-czf", dest, "--", src]') });
    expect(verdictOf(all, 'B603', 'cli.py', RUN)).toBe('constant');
  });
  it('the program is a parameter of the helper: B603 stays', async () => {
    const all = await scan({ 'cli.py': cli('def tar_command(prog, dest):', '    tar = prog', '    return [tar, "-czf", dest, "--"]') });
    expect(at(all, 'B603', 'cli.py', RUN)).toHaveLength(1);
  });
  it('one return of the helper names another program: B603 stays', async () => {
    const all = await scan({ 'cli.py': cli('def tar_command(src, dest):', '    if src.endswith(".sh"):', '        return [src]', '    return ["tar", "-czf", dest, src]') });
    expect(at(all, 'B603', 'cli.py', RUN + 1)).toHaveLength(1);
  });
});

describe('a mapping lookup with a default gives the default back', () => {
  const app = (lookup: string) =>
    lines(
      'import os',
      'import requests',
      'HOSTS = {"eu": os.environ.get("CDN_EU", "cdn-eu.example.net"), "us": os.environ.get("CDN_US", "cdn-us.example.net")}',
      'def avatar(request):',
      '    region = request.args.get("region", "eu")',
      `    host = ${lookup}`,
      '    return requests.get(f"https://{host}/a.png", timeout=5).content',
    );
  it('HOSTS.get(region, region) of a table of configured hosts: the request value can be the host (KR105)', async () => {
    const all = await scan({ 'app.py': app('HOSTS.get(region, region)') });
    expect(at(all, 'KR105', 'app.py', 7)).toHaveLength(1);
  });
  it('HOSTS.get(region, HOSTS["eu"]): one of the configured hosts, no KR105', async () => {
    const all = await scan({ 'app.py': app('HOSTS.get(region, HOSTS["eu"])') });
    expect(at(all, 'KR105', 'app.py')).toHaveLength(0);
  });
});

describe('a check on a field that only warns leaves the field as the object gives it', () => {
  const app = (onFail: string) =>
    lines(
      'import httpx',
      'from urllib.parse import urlparse',
      'from fastapi import FastAPI, HTTPException',
      'from pydantic import BaseModel',
      'HOSTS = frozenset({"feeds.example.com"})',
      'app = FastAPI()',
      'class Req(BaseModel):',
      '    url: str',
      'def is_partner(url):',
      '    return (urlparse(url).hostname or "") in HOSTS',
      '@app.post("/imports")',
      'async def create(body: Req):',
      '    warnings = []',
      '    if not is_partner(body.url):',
      `        ${onFail}`,
      '    async with httpx.AsyncClient(timeout=5) as client:',
      '        return (await client.get(body.url)).text',
    );
  it('if not is_partner(body.url): warnings.append(…) — the request goes on with any host: KR105', async () => {
    const all = await scan({ 'app.py': app('warnings.append("not a partner")') });
    expect(at(all, 'KR105', 'app.py', 17)).toHaveLength(1);
  });
  it('the same check raising: no KR105', async () => {
    const all = await scan({ 'app.py': app('raise HTTPException(400)') });
    expect(at(all, 'KR105', 'app.py')).toHaveLength(0);
  });
});
