import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B304 (bandit `ciphers`, call blacklist): Flags broken or weak ciphers: ARC2, ARC4, Blowfish, DES, XOR (PyCrypto/PyCryptodome) and ARC4, Blowfish, CAST5, IDEA, SEED, TripleDES (`cryptography`). */
export const insecureCipher = defineRule({
  id: 'B304',
  name: 'ciphers',
  category: 'code',
  severity: 'high',
  confidence: 'high',
  cwe: [327],
  docs: {
    what: 'Flags broken or weak ciphers: ARC2, ARC4, Blowfish, DES, XOR (PyCrypto/PyCryptodome) and ARC4, Blowfish, CAST5, IDEA, SEED, TripleDES (`cryptography`).',
    why: 'These ciphers have short keys, small blocks (Sweet32) or known biases; data encrypted with them can be recovered (CWE-327).',
    example: 'from Crypto.Cipher import DES\ncipher = DES.new(key, DES.MODE_CBC, iv)',
    instead: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\nct = AESGCM(key).encrypt(nonce, data, None)',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://cryptography.io/en/latest/hazmat/decrepit/ciphers/',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b304-ciphers',
    ],
  },
  visit: { Call: callBlacklistVisitor('B304', 'Use AES-GCM or ChaCha20-Poly1305 (cryptography.hazmat.primitives.ciphers.aead).') },
});
