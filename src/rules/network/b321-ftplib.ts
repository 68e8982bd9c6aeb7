import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B321 (bandit `ftplib`, call blacklist): Flags calls into `ftplib`. */
export const ftplibCall = defineRule({
  id: 'B321',
  name: 'ftplib',
  category: 'code',
  severity: 'high',
  confidence: 'high',
  cwe: [319],
  docs: {
    what: 'Flags calls into `ftplib`.',
    why: 'FTP sends credentials and data in clear text (CWE-319).',
    example: 'ftp = ftplib.FTP(host)\nftp.login(user, password)',
    instead: 'transport = paramiko.Transport((host, 22))  # SFTP',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://docs.python.org/3/library/ftplib.html',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b321-ftplib',
    ],
  },
  visit: { Call: callBlacklistVisitor('B321', 'Use SFTP/SCP (paramiko) or at least ftplib.FTP_TLS with prot_p().') },
});
