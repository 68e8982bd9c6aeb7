import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B401 telnetlib', () =>
    testRule('B401', {
      valid: ['import paramiko'],
      invalid: [{ code: 'import os\nimport telnetlib', errors: [{ line: 2, column: 1, message: 'A telnet-related module is being imported.  Telnet is considered insecure. Use SSH or some other encrypted protocol.' }], severity: 'high', confidence: 'high' }],
    }));
});
