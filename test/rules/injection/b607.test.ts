import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B607 partial executable path', () =>
    testRule('B607', {
      valid: ['import subprocess\nsubprocess.run(["/bin/ls"])', 'import os\nos.system("./run.sh")'],
      invalid: [{ code: 'import subprocess\nsubprocess.run(["ls", "-l"])', errors: [{ line: 2, column: 1, message: 'Starting a process with a partial executable path' }] }, { code: 'import os\nos.execvp("git", args)', lines: [2] }],
    }));
});
