import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B321 ftplib.*', () =>
    testRule('B321', {
      valid: ['ftp.login(u, p)'],
      invalid: [{ code: 'import ftplib\nftp = ftplib.FTP(host)\nftplib.FTP_TLS(host)', errors: [{ line: 2, column: 7, message: 'FTP-related functions are being called. FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.' }, { line: 3, column: 1, message: 'FTP-related functions are being called. FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.' }], severity: 'high' }],
    }));
});
