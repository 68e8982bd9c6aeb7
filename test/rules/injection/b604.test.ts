import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("injection plugins", () => {
  it('B604 shell=True on other functions, reported on the shell= line', () =>
    testRule('B604', {
      valid: ['import subprocess\nsubprocess.Popen("ls", shell=True)', 'foo(shell=False)', 'foo(shell=None)', 'foo(shell=0)'],
      invalid: [
        { code: 'utils.execute(cmd, shell=True)', errors: [{ line: 1, column: 26, message: 'Function call with shell=True parameter identified, possible security issue.' }], severity: 'medium', confidence: 'low' },
        { code: 'run_cmd(\n    "ls",\n    shell=True,\n)', lines: [3] },
        { code: 'foo(shell=[1])\nfoo(shell="yes")', lines: [1, 2] },
      ],
    }));
});
