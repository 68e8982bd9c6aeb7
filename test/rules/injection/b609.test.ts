import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("injection plugins", () => {
  it('B609 wildcard injection through a shell', () =>
    testRule('B609', {
      valid: [
        'import subprocess\nsubprocess.Popen("/bin/rsync *")',
        'import os\nos.system("ls *")',
        'import subprocess\nsubprocess.Popen("/bin/chown *", shell=1)  # bandit compares the text True',
        'import os\nos.system("/bin/chmod 600 x")',
      ],
      invalid: [
        { code: 'import os\nos.system("/bin/tar cvf x.tar *")', errors: [{ line: 2, column: 1, message: 'Possible wildcard injection in call: os.system' }], severity: 'high', confidence: 'medium' },
        { code: 'import subprocess as subp\nsubp.Popen(\n    "/bin/chown *",\n    shell=True)', lines: [4] },
        { code: 'import os\nos.popen2(["chmod", "+w", "*"])', lines: [2] },
      ],
    }));
});
