/** KR610 (pth-file-runs-code) as a project rule over the .pth files of an environment. */
import { describe, it } from 'vitest';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { pthFileRunsCode, type PthFacts } from '../../../src/rules/malicious/kr610-pth-file-runs-code.js';

const pth = (lines: string[]): PthFacts => ({
  files: [
    {
      path: 'venv/site-packages/x.pth',
      importLines: lines.flatMap((text, i) => (/^import[ \t]/.test(text) ? [{ line: i + 1, text }] : [])),
      lines: () => lines,
    },
  ],
});

describe('KR610 pth-file-runs-code', () => {
  it('reports import lines (high for a payload, low for a helper), not path lines or comments', () => {
    testProjectRule(pthFileRunsCode, {
      valid: [
        { name: 'paths only', facts: pth(['/opt/app/src', '# import os', '../lib']) },
        { name: 'a path that starts with "import" but no space', facts: pth(['importlib_stuff']) },
      ],
      invalid: [
        { name: 'decode and exec', facts: pth(['/opt/x', "import base64; exec(base64.b64decode('eA=='))"]), findings: [{ line: 2, severity: 'high', message: 'runs at every Python start' }] },
        { name: 'starts a process', facts: pth(['import subprocess; subprocess.Popen(["sh", "-c", "x"])']), findings: [{ line: 1, severity: 'high' }] },
        { name: 'imports a helper', facts: pth(['import _virtualenv']), findings: [{ line: 1, severity: 'low' }] },
      ],
    });
  });
});
