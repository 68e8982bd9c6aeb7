import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B605 shell functions', () =>
    testRule('B605', {
      valid: ['import os\nos.getcwd()'],
      invalid: [
        { code: 'import os\nos.system("ls")', errors: [{ line: 2, column: 1, message: 'Starting a process with a shell: Seems safe, but may be changed in the future, consider rewriting without shell' }], severity: 'low' },
        { code: 'from os import system as run\nrun(cmd)', lines: [2], severity: 'high' },
      ],
    }));
});
