import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B404 (bandit `import_subprocess`, import blacklist): Flags imports of `subprocess`. */
export const importSubprocess = defineRule({
  id: 'B404',
  name: 'import-subprocess',
  category: 'injection',
  severity: 'low',
  confidence: 'high',
  cwe: [78],
  docs: {
    what: 'Flags imports of `subprocess`.',
    why: 'A module that starts processes needs review: any user-influenced argument can become OS command injection (CWE-78). B602–B607 check the calls themselves.',
    example: 'import subprocess',
    instead: 'import subprocess  # nosec B404: only fixed argument lists below',
    references: [
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://docs.python.org/3/library/subprocess.html#security-considerations',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b404-import-subprocess',
    ],
  },
  visit: importBlacklistVisitor('B404', 'Review the subprocess calls (list arguments, no shell, absolute executable paths), then silence with # nosec B404.'),
});
