import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B603 subprocess without shell', () =>
    testRule('B603', {
      valid: ['import subprocess\nsubprocess.run("ls", shell=True)'],
      invalid: [
        { code: 'import subprocess\nsubprocess.check_output(["ls"])', errors: [{ line: 2, column: 1, message: 'subprocess call - check for execution of untrusted input.' }] },
        // On the line of an explicit shell= argument, as bandit.
        { code: 'import subprocess\nsubprocess.Popen(\n    ["ls"],\n    shell=False,\n)', lines: [4] },
      ],
    }));
});
