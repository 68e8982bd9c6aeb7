import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B415 (bandit `import_pyghmi`, import blacklist): Flags imports of `pyghmi` (IPMI). */
export const importPyghmi = defineRule({
  id: 'B415',
  name: 'import-pyghmi',
  category: 'code',
  severity: 'high',
  confidence: 'high',
  cwe: [319],
  docs: {
    what: 'Flags imports of `pyghmi` (IPMI).',
    why: 'IPMI exposes hashed credentials to anyone who asks (RAKP) and often runs without encryption (CWE-319).',
    example: 'from pyghmi.ipmi import command',
    instead: '# manage the BMC over Redfish (HTTPS) instead of IPMI',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://www.rapid7.com/blog/post/2013/07/02/a-penetration-testers-guide-to-ipmi/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b415-import-pyghmi',
    ],
  },
  visit: importBlacklistVisitor('B415', 'Use an encrypted management protocol (Redfish over HTTPS); if IPMI is unavoidable keep it on an isolated network.'),
});
