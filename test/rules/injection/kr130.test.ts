import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR130 shell=True through **kwargs', () =>
    testRule('KR130', {
      valid: ['import subprocess\nopts = {"check": True}\nsubprocess.run(["ls"], **opts)', 'import subprocess\nsubprocess.run(cmd, **{"shell": False})'],
      invalid: [
        { code: 'import subprocess\nopts = {"shell": True, "check": True}\nsubprocess.run(f"tar czf {n}.tgz {p}", **opts)', errors: [{ line: 3, column: 40, message: 'subprocess.run() gets shell=True through **kwargs: the command runs in a shell. Pass an argument list without shell.' }] },
        { code: 'import subprocess as sp\nsp.Popen(cmd, **dict(shell=True))', lines: [2] },
      ],
    }));
});
