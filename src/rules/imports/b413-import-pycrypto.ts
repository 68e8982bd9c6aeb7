import { defineRule } from '../../core/rule.js';
import { importBlacklistVisitor } from '../blacklists/imports.js';

/** B413 (bandit `import_pycrypto`, import blacklist): Flags imports from PyCrypto's `Crypto.*` packages (Cipher, Hash, PublicKey, Random…). */
export const importPycrypto = defineRule({
  id: 'B413',
  name: 'import-pycrypto',
  category: 'dependencies',
  severity: 'high',
  confidence: 'high',
  cwe: [327],
  docs: {
    what: 'Flags imports from PyCrypto\'s `Crypto.*` packages (Cipher, Hash, PublicKey, Random…).',
    why: 'PyCrypto has not been maintained since 2013 and has known vulnerabilities (e.g. CVE-2013-7459); its primitives make weak choices easy (CWE-327).',
    example: 'from Crypto.Cipher import AES',
    instead: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://cryptography.io/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b413-import-pycrypto',
    ],
  },
  visit: importBlacklistVisitor('B413', 'Use pyca/cryptography (or PyCryptodome, its maintained fork, under the Cryptodome namespace).'),
});
