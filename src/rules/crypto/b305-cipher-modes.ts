import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B305 (bandit `cipher_modes`, call blacklist): Flags the ECB block-cipher mode from `cryptography` (`modes.ECB`). */
export const insecureCipherMode = defineRule({
  id: 'B305',
  name: 'cipher-modes',
  category: 'code',
  severity: 'medium',
  confidence: 'high',
  cwe: [327],
  docs: {
    what: 'Flags the ECB block-cipher mode from `cryptography` (`modes.ECB`).',
    why: 'ECB encrypts equal plaintext blocks to equal ciphertext blocks, so patterns in the data stay visible and blocks can be reordered (CWE-327).',
    example: 'Cipher(algorithms.AES(key), modes.ECB())',
    instead: 'AESGCM(key).encrypt(nonce, data, None)',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/#cryptography.hazmat.primitives.ciphers.modes.ECB',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b305-cipher-modes',
    ],
  },
  visit: { Call: callBlacklistVisitor('B305', 'Use an authenticated mode (AES-GCM via AESGCM, or modes.GCM) with a fresh nonce per message.') },
});
