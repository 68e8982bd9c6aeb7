import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B403 (bandit `import_pickle`, import blacklist): Flags imports of `pickle`, `cPickle`, `dill` and `shelve` (and, as bandit, any module whose name starts so, e.g. `pickletools`). */
export const importPickle = defineRule({
  id: 'B403',
  name: 'import-pickle',
  category: 'code',
  severity: 'low',
  confidence: 'high',
  cwe: [502],
  docs: {
    what: 'Flags imports of `pickle`, `cPickle`, `dill` and `shelve` (and, as bandit, any module whose name starts so, e.g. `pickletools`).',
    why: 'Unpickling runs code named in the data; a module that unpickles is one step from remote code execution if the data is not trusted (CWE-502).',
    example: 'import pickle',
    instead: 'import json',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://docs.python.org/3/library/pickle.html',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b403-import-pickle',
    ],
  },
  visit: importBlacklistVisitor('B403', 'Use a data-only format (JSON) for untrusted data; if pickle is needed, sign the data (hmac) and verify before loading.'),
});
