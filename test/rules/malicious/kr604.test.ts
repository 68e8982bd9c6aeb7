import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

/**
 * The malicious-package indicator rules one by one, on malicious-style and benign
 * snippets (whole packages are in test/malicious/packages.test.ts).
 */

const SETUP = { path: 'pkg/setup.py' };
const INIT = { path: 'pkg/mod/__init__.py', packageName: 'mod' };

describe("malicious-package indicators", () => {
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
});
