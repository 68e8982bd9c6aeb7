import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B602 severity depends on a literal or computed command', () =>
    testRule('B602', {
      valid: ['import subprocess\nsubprocess.run(["ls"])', 'import subprocess\nsubprocess.run("ls", shell=False)'],
      invalid: [
        { code: 'import subprocess\nsubprocess.run("ls -l", shell=True)', errors: [{ line: 2, column: 31, message: 'subprocess call with shell=True seems safe, but may be changed in the future, consider rewriting without shell' }], severity: 'low' },
        { code: 'import subprocess as sp\nsp.Popen(cmd, shell=True)', lines: [2], severity: 'high' },
        { code: 'from subprocess import call\ncall(f"ls {d}", shell=1)', lines: [2], severity: 'high' },
      ],
    }));
});

describe("suppressions", () => {
  it('# nosec silences everything on the line; # nosec B602 only that rule', () =>
    testRule('B602', {
      valid: ['import subprocess\nsubprocess.run(cmd, shell=True)  # nosec', 'import subprocess\nsubprocess.run(cmd, shell=True)  # nosec B602', 'import subprocess\nsubprocess.run(cmd, shell=True)  # noqa: S602'],
      invalid: [
        { code: 'import subprocess\nsubprocess.run(cmd, shell=True)  # nosec B607', lines: [2] },
        { code: 'import subprocess\nsubprocess.run(cmd, shell=True)  # noqa: S603', lines: [2] },
        { code: 'import subprocess\nsubprocess.run(cmd, shell=True)  # nosec', lines: [2], options: { ignoreNosec: true } },
      ],
    }));

  it('a suppression on any line of a multi-line statement covers it', () =>
    testRule('B602', {
      valid: ['import subprocess\nsubprocess.run(\n    cmd,\n    shell=True,\n)  # nosec'],
      // B602 is reported on the `shell=` line, as bandit does.
      invalid: [{ code: 'import subprocess\nx = 1  # nosec\nsubprocess.run(\n    cmd,\n    shell=True)', lines: [5] }],
    }));
});
