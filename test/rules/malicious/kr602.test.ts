import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../../helpers/rule-tester.js';

/**
 * The malicious-package indicator rules one by one, on malicious-style and benign
 * snippets (whole packages are in test/malicious/packages.test.ts).
 */

const SETUP = { path: 'pkg/setup.py' };
const INIT = { path: 'pkg/mod/__init__.py', packageName: 'mod' };

describe("malicious-package indicators", () => {
  it('KR602 obfuscated-code-execution', () =>
    testRule('KR602', {
      valid: [
        'import base64, json\ndata = json.loads(base64.b64decode(blob))',
        'exec(compile(open(path).read(), path, "exec"))',
        'import codecs\nprint(codecs.decode(s, "rot13"))',
        'import zlib\nraw = zlib.decompress(b)\nwith open("out", "wb") as f:\n    f.write(raw)',
        // The client sends the payload: a code/command injection flow, not code hidden in the package.
        'import base64\nfrom flask import request\ndef run():\n    exec(base64.b64decode(request.form["code"]))',
        'import base64, os\nfrom flask import request\ndef run():\n    data = request.args.get("c", "")\n    cmd = base64.b64decode(data).decode()\n    os.system("echo " + cmd)',
      ],
      invalid: [
        { code: 'import base64\nexec(base64.b64decode("cHJpbnQoMSk="))', errors: [{ line: 2, column: 1, message: 'Decoded or obfuscated data is executed as code (exec) at import time.' }], severity: 'critical', options: INIT },
        { code: 'import zlib, marshal\ncode = marshal.loads(zlib.decompress(B))\ndef run():\n    exec(code)', lines: [4], severity: 'high' },
        { code: 'import codecs\np = codecs.decode("vzcbeg bf", "rot13")\nexec(p)', lines: [3], options: SETUP },
        { code: 'eval(bytes.fromhex("7072696e74283129").decode())', lines: [1] },
        { code: 's = "".join(chr(c) for c in [112, 114])\nexec(s)', lines: [2] },
        { code: 'import builtins\nbuiltins.exec(")1(tnirp"[::-1])', lines: [2] },
        { code: 'import os, base64\nos.system(base64.b64decode(CMD).decode())', lines: [2] },
        { code: 'from cryptography.fernet import Fernet\nexec(Fernet(K).decrypt(T))', lines: [2] },
        { code: 'import base64\nfrom flask import request\ndef run():\n    data = request.args.get("c", "")\n    exec(base64.b64decode(PAYLOAD) + data.encode())', lines: [5] },
      ],
    }));

  it('every finding of the group carries its phase and a CWE', () => {
    const f = runOn('import base64\nexec(base64.b64decode(X))', ['KR602'], INIT);
    expect(f[0]!.properties).toMatchObject({ indicator: 'obfuscated-exec', phase: 'import' });
    expect(f[0]!.cwe).toEqual([506]);
  });
});
