import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/krait.js');
const EXAMPLE = path.join(ROOT, 'examples/vulnerable-app');
const FIRST_RULES = ['B101', 'B102', 'B104', 'B105', 'B106', 'B107', 'B108', 'B110', 'B113', 'B201', 'B301', 'B307', 'B324', 'B501', 'B506', 'B602', 'B603', 'B605', 'B607', 'B608'];

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'krait-scan-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

function krait(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('scan', () => {
  it('gives the same report whatever the number of workers', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) {
      files[`pkg/m${i}.py`] = `import subprocess, pickle\npassword = "pw${i}-secret"\ndef f(x):\n    subprocess.call(x, shell=True)\n    return pickle.loads(x)\n`;
    }
    const root = tree(files);
    const one = await scan({ targets: [root], jobs: 1, config: false });
    const two = await scan({ targets: [root], jobs: 2, config: false });
    const strip = (r: typeof one) => JSON.stringify({ f: r.findings, s: r.skipped, files: r.files.map((f) => f.path) });
    expect(one.findings.filter((f) => f.ruleId === 'B602')).toHaveLength(60);
    expect(one.findings.filter((f) => f.ruleId === 'B301')).toHaveLength(60);
    expect(strip(two)).toBe(strip(one));
  });

  it('cross-module flows are the same on worker threads (the facts go to them in shared memory) as in-process', async () => {
    const files: Record<string, string> = {
      'app/__init__.py': '',
      'app/tools.py': 'import subprocess\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n',
      'app/views.py': 'from flask import Flask, request\nfrom .tools import run\napp = Flask(__name__)\n@app.get("/x")\ndef x():\n    return str(run(request.args["c"]))\n',
    };
    // (Enough files for the thread pool.)
    for (let i = 0; i < 40; i++) files[`app/m${i}.py`] = `from .tools import run\ndef f${i}():\n    return run("ls -l")\n`;
    const root = tree(files);
    const one = await scan({ targets: [root], jobs: 1, config: false, cache: false });
    const two = await scan({ targets: [root], jobs: 2, config: false, cache: false });
    const flows = (r: typeof one) => r.findings.filter((f) => f.ruleId === 'B602' && f.verdict?.kind === 'reachable').map((f) => f.location.path);
    expect(flows(one)).toEqual([path.join(root, 'app/tools.py')]);
    const strip = (r: typeof one) => JSON.stringify([...r.findings, ...(r.dismissed ?? [])].map((f) => [f.fingerprint, f.status, f.verdict?.kind]));
    expect(strip(two)).toBe(strip(one));
  });

  it('lists every file it could not analyse, with a reason, and keeps going', async () => {
    const root = tree({
      'ok.py': 'eval(x)\n',
      'latin.py': Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nname = "'), Buffer.from([0xe9]), Buffer.from('"\neval(name)\n')]),
      'bad_utf8.py': Buffer.from([0x65, 0x76, 0x61, 0x6c, 0x28, 0x78, 0x29, 0x0a, 0xff, 0xfe, 0x0a]),
      'binary.py': Buffer.from([0, 1, 2, 3]),
      'broken.py': 'def f(:\n  pass\neval(y)\n',
      'big.py': 'x = 1\n'.repeat(2000),
    });
    const r = await scan({ targets: [root], jobs: 1, config: false, maxFileSize: 5000 });
    const skipped = Object.fromEntries(r.skipped.map((s) => [path.basename(s.path), s.reason]));
    expect(skipped['binary.py']).toMatch(/binary/);
    expect(skipped['big.py']).toMatch(/size limit/);
    // latin.py evaluates a constant: the finding is there, dismissed by triage.
    const evals = [...r.findings, ...(r.dismissed ?? [])].filter((f) => f.ruleId === 'B307').map((f) => path.basename(f.location.path)).sort();
    expect(evals).toEqual(['bad_utf8.py', 'broken.py', 'latin.py', 'ok.py']);
    const diag = r.diagnostics.map((d) => `${path.basename(d.path)}:${d.kind}`).sort();
    // The replaced bytes stand alone on a line, which is then a syntax error too (as in CPython).
    expect(diag).toEqual(['bad_utf8.py:decode-error', 'bad_utf8.py:syntax-error', 'broken.py:syntax-error']);
  });

  it('reads [tool.bandit] skips / exclude_dirs / assert_used and [tool.krait] per-path ignores', async () => {
    const root = tree({
      'pyproject.toml': '[tool.bandit]\nskips = ["B602"]\nexclude_dirs = ["vendor"]\n[tool.bandit.assert_used]\nskips = ["*_test.py"]\n[tool.krait.per-path-ignores]\n"scripts/**" = ["B307"]\n',
      'app.py': 'import subprocess\nsubprocess.call(c, shell=True)\nassert x\neval(x)\n',
      'app_test.py': 'assert x\n',
      'vendor/lib.py': 'eval(x)\n',
      'scripts/tool.py': 'eval(x)\n',
    });
    const only = ['B101', 'B307', 'B602'];
    const r = await scan({ targets: [root], jobs: 1, analyses: ['rules'], select: only });
    const got = r.findings.map((f) => `${path.basename(f.location.path)}:${f.ruleId}`).sort();
    expect(got).toEqual(['app.py:B101', 'app.py:B307']);
    // Without the configuration every one of those findings is there.
    const all = await scan({ targets: [root], jobs: 1, analyses: ['rules'], config: false, select: only });
    expect(all.findings.map((f) => `${path.basename(f.location.path)}:${f.ruleId}`).sort()).toEqual([
      'app.py:B101', 'app.py:B307', 'app.py:B602', 'app_test.py:B101', 'tool.py:B307', 'lib.py:B307',
    ].sort());
  });

  it('reads a .bandit INI file', async () => {
    const root = tree({ '.bandit': '[bandit]\nskips = B101,B307\n', 'a.py': 'assert x\neval(x)\nexec(x)\n' });
    const r = await scan({ targets: [root], jobs: 1, analyses: ['rules'] });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['B102']);
  });

  it('applies --select / --ignore by id, prefix and name, and the severity threshold', async () => {
    const root = tree({ 'a.py': 'import subprocess\nassert x\neval(x)\nsubprocess.call(c, shell=True)\n' });
    const ids = async (o: Parameters<typeof scan>[0]) => (await scan({ ...o, targets: [root], jobs: 1, config: false, analyses: ['rules'] })).findings.map((f) => f.ruleId).sort();
    expect(await ids({ targets: [], select: ['B6'] })).toEqual(['B602']);
    expect(await ids({ targets: [], select: ['assert-used', 'eval'] })).toEqual(['B101', 'B307']);
    expect(await ids({ targets: [], ignore: ['B1', 'S602', 'B4', 'KR'] })).toEqual(['B307']);
    expect(await ids({ targets: [], severity: 'high', select: ['B'] })).toEqual(['B602']);
  });

  it('--select / --ignore and per-path ignores also cover secrets, dependencies and posture', async () => {
    const root = tree({
      'app.py': 'import subprocess\nsubprocess.call(c, shell=True)\nDB_PASSWORD = "Vx7#kQ2!mZ9@pL4r"\n',
      'tests/test_app.py': 'DB_PASSWORD = "Vx7#kQ2!mZ9@pL4r"\n',
      'requirements.txt': 'django==3.2.0\n',
      'Dockerfile': 'FROM python:latest\n',
      'pyproject.toml': '[tool.krait.per-path-ignores]\n"tests/**" = ["KR202"]\n',
    });
    const run = async (o: { select?: string[]; ignore?: string[] }) => (await scan({ targets: [root], jobs: 1, ...o })).findings;
    const all = await run({});
    const ids = new Set(all.map((f) => f.ruleId));
    for (const id of ['B602', 'KR202', 'KR501', 'KR350']) expect(ids.has(id), id).toBe(true);
    // The per-path ignore in pyproject keeps the test file's password out, not app.py's.
    expect(all.filter((f) => f.ruleId === 'KR202').map((f) => path.basename(f.location.path))).toEqual(['app.py']);
    expect(new Set((await run({ select: ['B602'] })).map((f) => f.ruleId))).toEqual(new Set(['B602']));
    const ignored = new Set((await run({ ignore: ['KR5', 'secret-assignment', 'KR350'] })).map((f) => f.ruleId));
    for (const id of ['KR501', 'KR202', 'KR350']) expect(ignored.has(id), id).toBe(false);
    expect(ignored.has('B602')).toBe(true);
  });
});

describe('secrets in documentation', () => {
  it('a generic secret in a docstring or comment is an example (low); in code it is not; known formats stay high', async () => {
    const gh = 'ghp_' + 'Zq9XkW2mV7bN4cR1tY6uP3sL8dF5gH0jK2aB';
    const root = tree({
      'conf.py': [
        '"""Configure the app::',
        '',
        '    SECRET_KEY = "Vx7#kQ2!mZ9@pL4r-doc"',
        '"""',
        '# DB_PASSWORD = "Vx7#kQ2!mZ9@pL4r-cmt"',
        'DB_PASSWORD = "Vx7#kQ2!mZ9@pL4r-code"',
        'def f():',
        `    """Token for the demo: ${gh}"""`,
        '',
      ].join('\n'),
    });
    const r = await scan({ targets: [root], jobs: 1, config: false, analyses: ['secrets'] });
    const by = (line: number) => r.findings.filter((f) => f.location.startLine === line).map((f) => `${f.ruleId}/${f.severity}`);
    expect(by(3)).toEqual(['KR202/low']);
    expect(by(5)).toEqual(['KR202/low']);
    expect(by(6)).toHaveLength(1);
    expect(by(6)[0]).toMatch(/^KR202\/(medium|high)$/);
    expect(by(8)).toEqual(['KR201/high']);
  });
});

describe('undeclared imports', () => {
  it('imports guarded by ImportError, suppress(ImportError), TYPE_CHECKING or a platform test are optional, not undeclared', async () => {
    const root = tree({
      'requirements.txt': 'flask==3.0.3\n',
      'app.py': [
        'import contextlib, sys',
        'from typing import TYPE_CHECKING',
        'import flask',
        'import requests',
        'try:',
        '    import ujson as json',
        'except ImportError:',
        '    import json',
        'if TYPE_CHECKING:',
        '    import mypy_boto3_s3',
        'with contextlib.suppress(ImportError):',
        '    import orjson',
        'if sys.platform == "win32":',
        '    import pywintypes',
        'try:',
        '    import lxml',
        'finally:',
        '    pass',
        '',
      ].join('\n'),
    });
    const r = await scan({ targets: [root], jobs: 1, config: false, analyses: ['rules', 'deps'] });
    const undeclared = r.findings.filter((f) => f.ruleId === 'KR510').map((f) => f.properties?.['module']).sort();
    expect(undeclared).toEqual(['lxml', 'requests']);
  });
});

describe('hostile sizes', () => {
  it('a file of 150,000 statements (and as many findings) is analysed without an internal error', async () => {
    const root = tree({ 'many.py': 'assert x\n'.repeat(150_000) });
    const r = await scan({ targets: [root], jobs: 1, config: false, analyses: ['rules'], select: ['B101'] });
    expect(r.diagnostics).toEqual([]);
    expect(r.findings).toHaveLength(150_000);
    // Every analysis over a module body of 150,000 statements (no spread of a huge array).
    const root2 = tree({ 'flat.py': 'x = f(1)\n'.repeat(150_000) });
    const all = await scan({ targets: [root2], jobs: 1, config: false });
    expect(all.diagnostics).toEqual([]);
    expect(all.files[0]!.metrics!.lines).toBe(150_000);
  }, 120_000);
});

describe('project pass', () => {
  it('joins routes across files, runs the posture checks and summarises egress', async () => {
    const root = tree({
      'app.py': [
        'from flask import Flask, request',
        'import requests',
        'app = Flask(__name__)',
        '@app.route("/orders/<int:order_id>", methods=["DELETE"])',
        'def delete_order(order_id):',
        '    return "ok"',
        '@app.route("/upload", methods=["POST"])',
        'def upload():',
        '    data = request.get_data()',
        '    requests.post("https://collector.example.com/in", data=data, timeout=5)',
        '    return "ok"',
        '',
      ].join('\n'),
      'quiet.py': 'import textwrap\nprint(textwrap.dedent("x"))\n',
      'Dockerfile': 'FROM python:latest\nRUN pip install flask\n',
      '.env': 'API_TOKEN=abc\n',
    });
    const r = await scan({ targets: [root], jobs: 1, config: false });
    const routes = r.posture?.routes ?? [];
    expect(routes.map((x) => `${x.methods.join(',')} ${x.path} ${x.auth}`).sort()).toEqual(['DELETE /orders/<int:order_id> none', 'POST /upload none']);
    // Routes live in the posture section only, not repeated per file.
    expect(r.files.some((f) => 'routes' in f)).toBe(false);
    const ids = new Set(r.findings.map((f) => f.ruleId));
    for (const id of ['KR310', 'KR340', 'KR345', 'KR350', 'KR353', 'KR354']) expect(ids.has(id), id).toBe(true);
    expect(r.egress?.files.map((f) => path.basename(f.path))).toEqual(['app.py']);
    const without = await scan({ targets: [root], jobs: 1, config: false, analyses: ['rules'] });
    expect(without.posture).toBeUndefined();
    expect(without.egress).toBeUndefined();
    // The project checks (KR340+) belong to the posture analysis; the posture code rules run with the rules.
    expect(without.findings.some((f) => /^KR3[45]\d$/.test(f.ruleId))).toBe(false);
    expect(without.findings.some((f) => f.ruleId === 'KR310')).toBe(true);
  });
});

describe('krait CLI', () => {
  it('scans the example app: findings for every first rule, with file:line, exit 1', () => {
    const r = krait(['scan', 'examples/vulnerable-app', '--format', 'json', '-q']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    const ids = new Set(report.findings.map((f: { ruleId: string }) => f.ruleId));
    for (const id of FIRST_RULES) expect(ids.has(id), id).toBe(true);
    for (const f of report.findings) {
      expect(f.location.path).toMatch(/^examples\/vulnerable-app\//);
      expect(f.location.startLine).toBeGreaterThan(0);
      expect(f.cwe.length).toBeGreaterThan(0);
    }
    const text = krait(['scan', EXAMPLE]).stdout;
    expect(text).toMatch(/OVERALL SCORE: [\d.]+\/25/);
    expect(text).toMatch(/app\/utils\.py:\d+:\d+ +HIGH\/high +B602/);
    expect(text).not.toMatch(/\x1b\[/);
  });

  it('exit codes: --fail-on, --exit-zero, and 2 for usage errors with a message', () => {
    expect(krait(['scan', EXAMPLE, '--fail-on', 'critical', '-q']).status).toBe(0);
    expect(krait(['scan', EXAMPLE, '--exit-zero', '-q']).status).toBe(0);
    const missing = krait(['scan', 'no/such/dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/path not found: no\/such\/dir/);
    const badOpt = krait(['scan', EXAMPLE, '--severity', 'urgent']);
    expect(badOpt.status).toBe(2);
  });

  it('never prints a whole secret', () => {
    const out = krait(['scan', EXAMPLE, '--format', 'json', '-q']).stdout + krait(['scan', EXAMPLE, '-q']).stdout;
    for (const secret of ['Sup3rS3cretPassw0rd', 'R3p0rt-Only-2024', 'ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R', 'tok_4f9a8b7c6d5e4f3a2b1c']) {
      expect(out.includes(secret), secret).toBe(false);
    }
  });

  it('ends quietly when the reader closes the pipe early', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" scan "${EXAMPLE}" | head -c 10`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout).toBe('PYTHON SEC');
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });

  it('lists rules and explains one', () => {
    const rules = krait(['rules']).stdout;
    expect(rules).toMatch(/B602 +high +CWE-78 +subprocess-popen-with-shell-equals-true/);
    expect(rules).toMatch(/KR350 +medium +CWE-250 +dockerfile-runs-as-root/);
    expect(krait(['explain', 'KR358']).stdout).toMatch(/docker socket/i);
    const explain = krait(['explain', 'S602']).stdout;
    expect(explain).toMatch(/## Why is this bad\?/);
    expect(explain).toMatch(/cwe\.mitre\.org\/data\/definitions\/78/);
    expect(krait(['explain', 'B999']).status).toBe(2);
  });

  it('a project pyproject.toml that is not TOML is a diagnostic, not the end of the scan', () => {
    const root = tree({ 'pyproject.toml': 'a = ' + '['.repeat(5000) + ']'.repeat(5000) + '\n', 'a.py': 'eval(x)\n' });
    const r = krait(['scan', root, '--format', 'json', '-q']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('B307');
    expect(report.diagnostics.some((d: { kind: string; message: string }) => d.kind === 'config-error' && /invalid TOML/.test(d.message))).toBe(true);
  });

  it('reports an unparsable configuration in one line and exits 2', () => {
    const root = tree({ 'pyproject.toml': '[tool.krait]\nseverity = "urgent"\n', 'a.py': 'x = 1\n' });
    const r = krait(['scan', root]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/invalid \[tool\.krait\].*severity/);
  });
});

describe('library API', () => {
  it('is importable from the built package entry', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', "import { scan } from 'krait'; const r = await scan({ targets: ['examples/vulnerable-app'], config: false, jobs: 1 }); console.log(r.findings.length > 0, r.schemaVersion)"], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toMatch(/^true \d+\.\d+\.\d+$/);
  });
});
