import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B305 ECB mode', () =>
    testRule('B305', {
      valid: ['from cryptography.hazmat.primitives.ciphers import modes\nmodes.GCM(iv)'],
      invalid: [{ code: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nc = Cipher(algorithms.AES(k),\n           modes.ECB())', errors: [{ line: 3, column: 12, message: 'Use of insecure cipher mode cryptography.hazmat.primitives.ciphers.modes.ECB.' }] }],
    }));
});
