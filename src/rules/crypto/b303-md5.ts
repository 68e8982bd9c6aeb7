import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B303 (bandit `md5`, call blacklist): Flags MD2, MD4, MD5 and SHA-1 from PyCrypto/PyCryptodome (`Crypto.Hash.MD5.new`…) and `cryptography` (`hashes.MD5`, `hashes.SHA1`). `hashlib` is B324. */
export const insecureHashCall = defineRule({
  id: 'B303',
  name: 'md5',
  category: 'code',
  severity: 'medium',
  confidence: 'high',
  cwe: [328],
  docs: {
    what: 'Flags MD2, MD4, MD5 and SHA-1 from PyCrypto/PyCryptodome (`Crypto.Hash.MD5.new`…) and `cryptography` (`hashes.MD5`, `hashes.SHA1`). `hashlib` is B324.',
    why: 'MD2, MD4, MD5 and SHA-1 have practical collision attacks: signatures, integrity checks and password hashes built on them can be forged or brute-forced (CWE-328).',
    example: 'from Crypto.Hash import MD5\nh = MD5.new(data)',
    instead: 'from Crypto.Hash import SHA256\nh = SHA256.new(data)',
    references: [
      'https://cwe.mitre.org/data/definitions/328.html',
      'https://cryptography.io/en/latest/hazmat/primitives/cryptographic-hashes/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b303-md5',
    ],
  },
  visit: { Call: callBlacklistVisitor('B303', 'Use SHA-256 or better (SHA256.new, hashes.SHA256()); for passwords use argon2/bcrypt/scrypt.') },
});
