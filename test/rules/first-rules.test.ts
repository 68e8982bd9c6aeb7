import { describe, it } from 'vitest';
import { testRule } from '../helpers/rule-tester.js';

describe('first bandit rules', () => {
  it('B101 assert-used', () =>
    testRule('B101', { valid: ['x = 1\nif not x:\n    raise ValueError()'], invalid: [{ code: 'def f(x):\n    assert x > 0\n', errors: [{ line: 2, column: 5, message: 'Use of assert detected. The enclosed code will be removed when compiling to optimised byte code.' }] }] }));

  it('B102 exec-used resolves builtins, not attributes of other objects', () =>
    testRule('B102', {
      valid: ['obj.exec("x")', 'cursor.exec_("x")'],
      invalid: [{ code: 'exec(code)\nimport builtins\n', errors: [{ line: 1, column: 1, message: 'Use of exec detected.' }], severity: 'medium', confidence: 'high' }],
    }));

  it('B104 bind all interfaces', () =>
    testRule('B104', { valid: ['host = "127.0.0.1"'], invalid: [{ code: 'app.run(\n  host="0.0.0.0")', errors: [{ line: 2, column: 8, message: 'Possible binding to all interfaces.' }] }] }));

  it('B105 hardcoded password string: assign, attribute, dict key, compare', () =>
    testRule('B105', {
      valid: ['password = get_password()', 'username = "admin"', 'password_hint = None'],
      invalid: [
        { code: 'password = "hunter2"', errors: [{ line: 1, column: 12, message: 'Possible hardcoded password: \'…(7 chars)\'' }] },
        { code: 'self.api_token = "abc"', lines: [1] },
        { code: 'cfg["password"] = "x"', lines: [1] },
        { code: 'if pwd == "letmein":\n    pass', lines: [1] },
      ],
    }));

  it('B106 hardcoded password funcarg', () =>
    testRule('B106', { valid: ['connect(password=pw)'], invalid: [{ code: 'connect(\n  user="a",\n  password="p4ss")', errors: [{ line: 1, column: 1, message: 'Possible hardcoded password: \'…(4 chars)\'' }] }] }));

  it('B107 hardcoded password default', () =>
    testRule('B107', {
      valid: ['def f(password=None): pass', 'def f(user="admin"): pass'],
      invalid: [{ code: '@dec\ndef login(user, password="admin"):\n    pass', errors: [{ line: 2, column: 1, message: 'Possible hardcoded password: \'…(5 chars)\'' }] }],
    }));

  it('B108 tmp directory, with the tmp_dirs option', () =>
    testRule('B108', {
      valid: ['p = "/home/tmp"'],
      invalid: [
        { code: 'open("/tmp/x", "w")', errors: [{ line: 1, column: 6, message: 'Probable insecure usage of temp file/directory.' }] },
        { code: 'p = "/scratch/x"', lines: [1], options: { ruleOptions: { B108: { tmp_dirs: ['/scratch'] } } } },
      ],
    }));

  it('B110 try/except/pass honours check_typed_exception', () =>
    testRule('B110', {
      valid: ['try:\n    a()\nexcept ValueError:\n    pass', 'try:\n    a()\nexcept Exception:\n    log()'],
      invalid: [
        { code: 'try:\n    a()\nexcept:\n    pass', errors: [{ line: 3, column: 1, message: 'Try, Except, Pass detected.' }] },
        { code: 'try:\n    a()\nexcept Exception:\n    pass', lines: [3] },
        { code: 'try:\n    a()\nexcept ValueError:\n    pass', lines: [3], options: { ruleOptions: { B110: { check_typed_exception: true } } } },
      ],
    }));

  it('B113 requests without timeout', () =>
    testRule('B113', {
      valid: ['import requests\nrequests.get(u, timeout=5)', 'import httpx\nhttpx.get(u)'],
      invalid: [
        { code: 'import requests\nrequests.get(u)', errors: [{ line: 2, column: 1, message: 'Call to requests without timeout' }] },
        { code: 'import requests as r\nr.post(u, timeout=None)', lines: [2] },
      ],
    }));

  it('B201 flask debug', () =>
    testRule('B201', {
      valid: ['from flask import Flask\napp = Flask(__name__)\napp.run()', 'app.run(debug=True)  # no flask import'],
      invalid: [{ code: 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)', errors: [{ line: 3, column: 1, message: 'A Flask app appears to be run with debug=True, which exposes the Werkzeug debugger and allows the execution of arbitrary code.' }] }],
    }));

  it('B301 pickle through aliases', () =>
    testRule('B301', {
      valid: ['import pickle\npickle.dumps(x)'],
      invalid: [
        { code: 'import pickle as p\np.loads(data)', errors: [{ line: 2, column: 1, message: 'Pickle and modules that wrap it can be unsafe when used to deserialize untrusted data, possible security issue.' }] },
        { code: 'from pickle import loads as l\nl(data)', lines: [2] },
        { code: '__import__("pickle").loads(data)', lines: [1] },
        { code: 'import importlib\nimportlib.import_module("pickle").load(f)', lines: [2] },
      ],
    }));

  it('B307 eval', () => testRule('B307', { valid: ['ast.literal_eval(x)'], invalid: [{ code: 'eval(x)', errors: [{ line: 1, column: 1, message: 'Use of possibly insecure function - consider using safer ast.literal_eval.' }] }] }));

  it('B324 weak hashes unless usedforsecurity=False', () =>
    testRule('B324', {
      valid: ['import hashlib\nhashlib.sha256(b)', 'import hashlib\nhashlib.md5(b, usedforsecurity=False)'],
      invalid: [
        { code: 'import hashlib\nhashlib.md5(b)', errors: [{ line: 2, column: 1, message: 'Use of weak MD5 hash for security. Consider usedforsecurity=False' }], severity: 'high' },
        { code: 'import hashlib\nhashlib.new("SHA1")', lines: [2] },
        { code: 'from hashlib import sha1\nsha1(b)', lines: [2] },
      ],
    }));

  it('B501 verify=False', () =>
    testRule('B501', {
      valid: ['import requests\nrequests.get(u, verify=True, timeout=3)'],
      invalid: [{ code: 'import requests\nrequests.get(u, verify=False)', errors: [{ line: 2, column: 1, message: 'Call to requests with verify=False disabling SSL certificate checks, security issue.' }], severity: 'high' }],
    }));

  it('B506 yaml.load without a safe loader', () =>
    testRule('B506', {
      valid: ['import yaml\nyaml.load(s, Loader=yaml.SafeLoader)', 'import yaml\nyaml.safe_load(s)', 'import yaml\nyaml.load(s, yaml.CSafeLoader)'],
      invalid: [{ code: 'import yaml\nyaml.load(s)', errors: [{ line: 2, column: 1, message: 'Use of unsafe yaml load. Allows instantiation of arbitrary objects. Consider yaml.safe_load().' }] }, { code: 'import yaml\nyaml.load(s, Loader=yaml.FullLoader)', lines: [2] }],
    }));

  it('B602 severity depends on a literal or computed command', () =>
    testRule('B602', {
      valid: ['import subprocess\nsubprocess.run(["ls"])', 'import subprocess\nsubprocess.run("ls", shell=False)'],
      invalid: [
        { code: 'import subprocess\nsubprocess.run("ls -l", shell=True)', errors: [{ line: 2, column: 31, message: 'subprocess call with shell=True seems safe, but may be changed in the future, consider rewriting without shell' }], severity: 'low' },
        { code: 'import subprocess as sp\nsp.Popen(cmd, shell=True)', lines: [2], severity: 'high' },
        { code: 'from subprocess import call\ncall(f"ls {d}", shell=1)', lines: [2], severity: 'high' },
      ],
    }));

  it('B603 subprocess without shell', () =>
    testRule('B603', {
      valid: ['import subprocess\nsubprocess.run("ls", shell=True)'],
      invalid: [
        { code: 'import subprocess\nsubprocess.check_output(["ls"])', errors: [{ line: 2, column: 1, message: 'subprocess call - check for execution of untrusted input.' }] },
        // On the line of an explicit shell= argument, as bandit.
        { code: 'import subprocess\nsubprocess.Popen(\n    ["ls"],\n    shell=False,\n)', lines: [4] },
      ],
    }));

  it('B605 shell functions', () =>
    testRule('B605', {
      valid: ['import os\nos.getcwd()'],
      invalid: [
        { code: 'import os\nos.system("ls")', errors: [{ line: 2, column: 1, message: 'Starting a process with a shell: Seems safe, but may be changed in the future, consider rewriting without shell' }], severity: 'low' },
        { code: 'from os import system as run\nrun(cmd)', lines: [2], severity: 'high' },
      ],
    }));

  it('B607 partial executable path', () =>
    testRule('B607', {
      valid: ['import subprocess\nsubprocess.run(["/bin/ls"])', 'import os\nos.system("./run.sh")'],
      invalid: [{ code: 'import subprocess\nsubprocess.run(["ls", "-l"])', errors: [{ line: 2, column: 1, message: 'Starting a process with a partial executable path' }] }, { code: 'import os\nos.execvp("git", args)', lines: [2] }],
    }));

  it('B608 SQL built from strings, medium confidence inside execute()', () =>
    testRule('B608', {
      valid: ['cur.execute("SELECT * FROM t WHERE id = %s", (i,))', 'q = "SELECT * FROM t"'],
      invalid: [
        { code: 'cur.execute("SELECT * FROM t WHERE id = %s" % i)', errors: [{ line: 1, column: 13, message: 'Possible SQL injection vector through string-based query construction.' }], confidence: 'medium' },
        { code: 'q = f"SELECT * FROM t WHERE name = {n}"', lines: [1], confidence: 'low' },
        { code: 'q = "DELETE FROM t WHERE id = {}".format(i)', lines: [1] },
      ],
    }));
});

describe('suppressions', () => {
  it('# nosec silences everything on the line; # nosec B602 only that rule', () =>
    testRule('B602', {
      valid: ['import subprocess\nsubprocess.run(cmd, shell=True)  # nosec', 'import subprocess\nsubprocess.run(cmd, shell=True)  # nosec B602', 'import subprocess\nsubprocess.run(cmd, shell=True)  # noqa: S602'],
      invalid: [
        { code: 'import subprocess\nsubprocess.run(cmd, shell=True)  # nosec B607', lines: [2] },
        { code: 'import subprocess\nsubprocess.run(cmd, shell=True)  # noqa: S603', lines: [2] },
        { code: 'import subprocess\nsubprocess.run(cmd, shell=True)  # nosec', lines: [2], options: { ignoreNosec: true } },
      ],
    }));

  it('a suppression on any line of a multi-line statement covers it', () =>
    testRule('B602', {
      valid: ['import subprocess\nsubprocess.run(\n    cmd,\n    shell=True,\n)  # nosec'],
      // B602 is reported on the `shell=` line, as bandit does.
      invalid: [{ code: 'import subprocess\nx = 1  # nosec\nsubprocess.run(\n    cmd,\n    shell=True)', lines: [5] }],
    }));
});
