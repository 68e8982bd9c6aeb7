import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B304 weak ciphers, high severity, name in the message', () => {
    testRule('B304', {
      valid: ['from Crypto.Cipher import AES\nAES.new(k, AES.MODE_GCM)', 'from cryptography.hazmat.primitives.ciphers import algorithms\nalgorithms.AES(k)'],
      invalid: [
        { code: 'from Crypto.Cipher import DES\nDES.new(k)', errors: [{ line: 2, column: 1, message: 'Use of insecure cipher Crypto.Cipher.DES.new. Replace with a known secure cipher such as AES.' }], severity: 'high' },
        { code: 'from cryptography.hazmat.primitives.ciphers import algorithms\nalgorithms.TripleDES(k)\nalgorithms.ARC4(k)', lines: [2, 3] },
        { code: 'from cryptography.hazmat.decrepit.ciphers.algorithms import Blowfish\nBlowfish(k)', lines: [2] },
      ],
    });
  });
});
