import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B401 (bandit `import_telnetlib`, import blacklist): Flags imports of `telnetlib`. */
export const importTelnetlib = defineRule({
  id: 'B401',
  name: 'import-telnetlib',
  category: 'code',
  severity: 'high',
  confidence: 'high',
  cwe: [319],
  docs: {
    what: 'Flags imports of `telnetlib`.',
    why: 'Telnet sends everything, passwords included, in clear text (CWE-319).',
    example: 'import telnetlib',
    instead: 'import paramiko  # SSH',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b401-import-telnetlib',
    ],
  },
  visit: importBlacklistVisitor('B401', 'Use SSH (paramiko, asyncssh) or another encrypted protocol.'),
});
