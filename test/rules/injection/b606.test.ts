import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("injection plugins", () => {
  it('B606 process without a shell', () =>
    testRule('B606', {
      valid: ['import os\nos.system("ls")', 'import os\nos.getpid()'],
      invalid: [
        { code: 'import os\nos.execl(path, arg0)\nos.spawnv(os.P_WAIT, p, a)\nos.startfile(p)', errors: [{ line: 2, column: 1, message: 'Starting a process without a shell.' }, { line: 3, column: 1, message: 'Starting a process without a shell.' }, { line: 4, column: 1, message: 'Starting a process without a shell.' }], severity: 'low', confidence: 'medium' },
        { code: 'from os import execvp as ex\nex(p, a)', lines: [2] },
      ],
    }));
});
