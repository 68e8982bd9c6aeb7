import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

/**
 * The seeds' remaining checks (issue 17): ReDoS (KR135), symlink attacks on shared temporary
 * paths (KR136), user enumeration (KR317), personal data in LLM prompts (KR334), and
 * suppression comments without a reason or ids (KR802, KR803). Each fires on its vulnerable
 * snippet and stays quiet on the fixed one.
 */

describe("KR136 symlink-predictable-tmp-write", () => {
  it('flags writes to fixed names in shared temporary directories', () => {
    testRule('KR136', {
      valid: [
        'open("/tmp/report.csv")  # read only',
        'open("/tmp/report.csv", "x")  # O_EXCL',
        'import tempfile\nwith tempfile.NamedTemporaryFile("w") as f: f.write(d)',
        'import os\nfd = os.open("/tmp/app.lock", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)',
        'import os, uuid\nopen(os.path.join("/tmp", uuid.uuid4().hex), "w")',
        'open("/srv/app/report.csv", "w")',
        'import os\nopen(os.path.join("/tmp", f"{os.urandom(8).hex()}.txt"), "w")',
      ],
      invalid: [
        { code: 'with open("/tmp/report.csv", "w") as f:\n    f.write(data)', errors: [{ line: 1, column: 6, message: 'open(…, "w") writes to the predictable shared path "/tmp/report.csv": another local user can plant a symbolic link there first and redirect the write.' }] },
        { code: 'PATH = "/var/tmp/app.log"\ndef log(m):\n    with open(PATH, "a") as f: f.write(m)', lines: [3] },
        { code: 'import os\nfd = os.open("/tmp/app.lock", os.O_WRONLY | os.O_CREAT, 0o600)', lines: [2] },
        { code: 'import os, tempfile\nopen(os.path.join(tempfile.gettempdir(), "cache.json"), "w")', lines: [2] },
        { code: 'from pathlib import Path\nPath("/tmp/out.txt").write_text(s)', lines: [2] },
        { code: 'import shutil\nshutil.copy("a", "/dev/shm/a")', lines: [2] },
        { code: 'def f(user):\n    open(f"/tmp/{user}.log", "w")', lines: [2] },
      ],
    });
  });
});
