import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B402 ftplib', () =>
    testRule('B402', { valid: ['import ssl'], invalid: [{ code: 'from ftplib import FTP', errors: [{ line: 1, column: 1, message: 'A FTP-related module is being imported.  FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.' }], severity: 'high' }] }));
});
