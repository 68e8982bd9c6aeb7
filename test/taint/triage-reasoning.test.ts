/**
 * Reasoning-layer precision (issue 14), each with a vulnerable and a safe twin: values that
 * krait cannot follow but that go through a sanitiser for the sink (shlex.quote around a
 * library's value); helpers in other modules called only with constants; object fields;
 * configparser; functools.partial; closures; weak randomness used for non-security
 * purposes; hash digests.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFindings as all, lineOf } from '../helpers/triage-helpers.js';
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/report/model.js';
import { scan } from '../../src/pipeline/scan.js';
import { cleanTempDirs, tempProject } from '../helpers/temp-project.js';

cleanTempDirs();

async function runTree(files: Record<string, string>): Promise<Report> {
  const root = tempProject(files, 'krait-reasoning-');
  return scan({ targets: [root], jobs: 1, config: false, analyses: ['rules'] });
}

/** The finding of `rule` on the line marked `# sink` of `file` (app.py by default). */
async function verdictIn(files: Record<string, string>, rule: string, file = 'app.py'): Promise<Finding> {
  const r = await runTree(files);
  const line = lineOf(files[file], '# sink');
  const f = all(r).find((x) => x.ruleId === rule && x.location.startLine === line && x.location.path.endsWith(file));
  if (!f) throw new Error(`no ${rule} at ${file}:${line}; got ${all(r).map((x) => `${x.ruleId}@${path.basename(x.location.path)}:${x.location.startLine}`).join(' ')}`);
  return f;
}

async function expectVerdict(code: string | Record<string, string>, rule: string, kind: string, reason?: RegExp, file = 'app.py'): Promise<Finding> {
  const files = typeof code === 'string' ? { 'app.py': code } : code;
  const f = await verdictIn(files, rule, file);
  expect(f.verdict?.kind, `${rule} in:\n${JSON.stringify(files, null, 1)}\nreason: ${f.verdict?.reason}`).toBe(kind);
  expect(f.status ?? 'active').toBe(['constant', 'sanitised', 'safe-configuration', 'non-security-use'].includes(kind) ? 'dismissed' : 'active');
  if (reason) expect(f.verdict!.reason).toMatch(reason);
  return f;
}

const LIB = 'import shlex, subprocess\nfrom thirdparty import get_dir, get_files\n';

describe('shlex.quote around values krait cannot follow sanitises the shell sink', () => {
  it('quote in concatenation, f-string, %, a joined list and a generator is sanitised; the unquoted twin stays unknown', async () => {
    const shapes = [
      '"ls " + shlex.quote(d)',
      'f"ls {shlex.quote(d)}"',
      '"ls %s" % shlex.quote(d)',
      '" ".join(["ls", shlex.quote(d)])',
      '" ".join(shlex.quote(a) for a in get_files())',
    ];
    for (const cmd of shapes) {
      await expectVerdict(`${LIB}def main():\n    d = get_dir()\n    subprocess.run(${cmd}, shell=True)  # sink\n`, 'B602', 'sanitised', /shlex\.quote\(\)/);
      const bare = cmd.replace(/shlex\.quote\((\w)\)/, '$1');
      await expectVerdict(`${LIB}def main():\n    d = get_dir()\n    subprocess.run(${bare}, shell=True)  # sink\n`, 'B602', 'unknown');
    }
  });

  it('through names, appends, a loop and a helper that quotes; stays unknown once an unquoted part is added', async () => {
    const safe = `${LIB}def q(x):\n    return shlex.quote(x)\ndef main():\n    d = get_dir()\n    cmd = ["ls"]\n    cmd.append(shlex.quote(d))\n    c = " ".join(cmd)\n    for f in get_files():\n        c += " " + q(f)\n    subprocess.run(c, shell=True)  # sink\n`;
    await expectVerdict(safe, 'B602', 'sanitised');
    await expectVerdict(safe.replace('c += " " + q(f)', 'c += " " + f'), 'B602', 'unknown');
    await expectVerdict(safe.replace('cmd.append(shlex.quote(d))', 'cmd.append(shlex.quote(d))\n    cmd.append(d)'), 'B602', 'unknown');
    await expectVerdict(`${LIB}def main():\n    d = get_dir()\n    x = shlex.quote(d)\n    x = d\n    subprocess.run("ls " + x, shell=True)  # sink\n`, 'B602', 'unknown');
  });

  it('operations that can undo the quoting, and other sink kinds, are not sanitised', async () => {
    for (const cmd of ['shlex.quote(d)[1:-1]', 'f"ls {shlex.quote(d)!r}"', '"ls " + shlex.quote(d).replace("\'", "")', '"ls " + shlex.quote(d).strip("\'")']) {
      await expectVerdict(`${LIB}def main():\n    d = get_dir()\n    subprocess.run(${cmd}, shell=True)  # sink\n`, 'B602', 'unknown');
    }
    await expectVerdict(`${LIB}import sqlite3\ndef main(db):\n    d = get_dir()\n    db.execute("SELECT * FROM t WHERE a = " + shlex.quote(d))  # sink\n`, 'B608', 'unknown');
  });

  it('request data quoted inside a joined list is sanitised; unquoted it is reachable', async () => {
    const code = (v: string) => `import subprocess, shlex\nfrom flask import request\ndef view():\n    parts = ["ls", ${v}]\n    subprocess.run(" ".join(parts), shell=True)  # sink\n`;
    await expectVerdict(code('shlex.quote(request.args["d"])'), 'B602', 'sanitised');
    await expectVerdict(code('request.args["d"]'), 'B602', 'reachable');
  });
});

describe('a helper whose every project call passes constants (the project pass)', () => {
  const UTIL = 'import subprocess\n\ndef run(cmd, check=False):\n    return subprocess.run(cmd, shell=True, check=check)  # sink\n';
  const A = 'from util import run\n\ndef listing():\n    return run("ls -l")\n';

  it('is dismissed as constant when every caller in every module passes constants (positional, keyword, a module constant)', async () => {
    const b = 'import util\nCMD = "uptime"\n\ndef x():\n    util.run(CMD)\n    util.run(cmd="df -h", check=True)\n';
    const f = await expectVerdict({ 'util.py': UTIL, 'a.py': A, 'b.py': b }, 'B602', 'constant', /every call of run\(\) in the project passes constants for 'cmd' \(3 calls/, 'util.py');
    expect(f.status).toBe('dismissed');
  });

  it('stays reported when one caller passes request data (reachable) or a value krait cannot follow (unknown)', async () => {
    const req = 'from flask import Flask, request\nfrom util import run\napp = Flask(__name__)\n\n@app.route("/x")\ndef x():\n    run(request.args["c"])\n    return "ok"\n';
    await expectVerdict({ 'util.py': UTIL, 'a.py': A, 'b.py': req }, 'B602', 'reachable', undefined, 'util.py');
    const lib = 'from thirdparty import get_cmd\nfrom util import run\n\ndef x():\n    run(get_cmd())\n';
    await expectVerdict({ 'util.py': UTIL, 'a.py': A, 'b.py': lib }, 'B602', 'unknown', undefined, 'util.py');
  });

  it('stays unknown when the helper is passed as a callback, called with *args, or never called', async () => {
    const cb = 'from util import run\n\ndef x(cmds):\n    return list(map(run, cmds))\n';
    await expectVerdict({ 'util.py': UTIL, 'a.py': A, 'b.py': cb }, 'B602', 'unknown', undefined, 'util.py');
    const star = 'from util import run\n\ndef x(args):\n    run(*args)\n';
    await expectVerdict({ 'util.py': UTIL, 'a.py': A, 'b.py': star }, 'B602', 'unknown', undefined, 'util.py');
    await expectVerdict({ 'util.py': UTIL, 'b.py': 'import util\n' }, 'B602', 'unknown', undefined, 'util.py');
  });

  it('a flagged value built from the parameter and other unknown values is not settled by constant callers', async () => {
    const util = 'import subprocess\nfrom thirdparty import opts\n\ndef run(cmd):\n    return subprocess.run(cmd + opts(), shell=True)  # sink\n';
    await expectVerdict({ 'util.py': util, 'a.py': A }, 'B602', 'unknown', undefined, 'util.py');
  });
});

describe('B311: what the random value is used for', () => {
  it('a secret (token, password) is reachable; ordering for display, a simulation, jitter and a tip are dismissed as non-security-use', async () => {
    await expectVerdict('import random, string\n\ndef make_token():\n    return "".join(random.choice(string.ascii_letters) for _ in range(32))  # sink\n', 'B311', 'reachable', /'make_token', a secret/);
    await expectVerdict('import random, string\n\ndef reset(user):\n    password = "".join(random.choices(string.ascii_letters, k=12))  # sink\n    user.set_password(password)\n', 'B311', 'reachable');
    const safe = [
      'def rotate_for_display(items):\n    i = random.randint(0, len(items) - 1)  # sink\n    return items[i:] + items[:i]\n',
      'def simulate(n):\n    total = 0\n    for _ in range(n):\n        total += random.randint(1, 6)  # sink\n    return total\n',
      'def fetch(fn):\n    for attempt in range(5):\n        try:\n            return fn()\n        except OSError:\n            time.sleep(2 ** attempt + random.random())  # sink\n',
      'def pick_tip(tips):\n    return random.choice(tips)  # sink\n',
      'random.seed(1234)\n\ndef pick(xs):\n    return random.choice(xs)  # sink\n',
      'TIPS = ["Press q to quit", "Use -v"]\n\ndef main():\n    print("Tip:", random.choice(TIPS))  # sink\n',
    ];
    for (const body of safe) await expectVerdict(`import random, time\n\n${body}`, 'B311', 'non-security-use', /predictability does not matter/);
  });

  it('stays unknown without evidence, or when the function mentions anything security-related', async () => {
    await expectVerdict('import random\n\ndef pick_server(servers):\n    return random.choice(servers)  # sink\n', 'B311', 'unknown');
    await expectVerdict('import random\n\ndef shuffle_codes(user):\n    codes = [str(random.randint(0, 9)) for _ in range(6)]  # sink\n    random.shuffle(codes)\n    user.reset_code = "".join(codes)\n', 'B311', 'unknown');
    await expectVerdict('import random\n\ndef simulate_login(user):\n    return random.randint(100000, 999999)  # sink\n', 'B311', 'unknown');
    await expectVerdict('import random\n\ndef indices(n):\n    picked = random.randrange(n)  # sink\n    return picked\n', 'B311', 'unknown');
    // The population's name is evidence only when it names something harmless, and never beside a secret.
    await expectVerdict('import random\nALPHABET = "abcdefghijklmnopqrstuvwxyz"\n\ndef gen():\n    return "".join(random.choice(ALPHABET) for _ in range(8))  # sink\n', 'B311', 'unknown');
    await expectVerdict('import random\nTIPS = ["a", "b"]\n\ndef main(user):\n    user.token = random.choice(TIPS)  # sink\n', 'B311', 'reachable');
  });
});

describe('hex digests, UUIDs and int() are clean for SQL, shell and HTML; digest() bytes are not', () => {
  const code = (value: string) =>
    `import hashlib, sqlite3, subprocess, uuid, secrets\nfrom flask import request\n\ndef view(db):\n    h = ${value}\n    db.execute(f"SELECT * FROM t WHERE h = '{h}'")  # sink\n    subprocess.run(f"echo {h}", shell=True)  # shell\n`;
  it('hexdigest(), uuid4().hex, str(uuid4()), token_hex() of anything are sanitised', async () => {
    for (const v of ['hashlib.sha256(request.args["x"].encode()).hexdigest()', 'hashlib.md5(get_data()).hexdigest()', 'uuid.uuid4().hex', 'str(uuid.uuid4())', 'secrets.token_hex(16)']) {
      await expectVerdict(code(v), 'B608', 'sanitised', /hex digits/);
    }
  });

  it('digest() bytes decoded, or the hashed value itself, are not', async () => {
    await expectVerdict(code('hashlib.sha256(get_data()).digest().decode("latin-1")'), 'B608', 'unknown');
    await expectVerdict(code('get_data()'), 'B608', 'unknown');
    await expectVerdict(code('request.args["x"]'), 'B608', 'reachable');
  });
});
