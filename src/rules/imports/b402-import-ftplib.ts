import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B402 (bandit `import_ftplib`, import blacklist): Flags imports of `ftplib`. */
export const importFtplib = defineRule({
  id: 'B402',
  name: 'import-ftplib',
  category: 'code',
  severity: 'high',
  confidence: 'high',
  cwe: [319],
  docs: {
    what: 'Flags imports of `ftplib`.',
    why: 'FTP sends credentials and data in clear text (CWE-319).',
    example: 'from ftplib import FTP',
    instead: 'import paramiko  # SFTP',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b402-import-ftplib',
    ],
  },
  visit: importBlacklistVisitor('B402', 'Use SFTP/SCP (paramiko) or ftplib.FTP_TLS with prot_p().'),
});
