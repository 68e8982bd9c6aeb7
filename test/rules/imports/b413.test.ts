import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B413 pycrypto', () =>
    testRule('B413', {
      valid: ['from Cryptodome.Cipher import AES', 'import cryptography'],
      invalid: [{ code: 'from Crypto.Cipher import AES', errors: [{ line: 1, column: 1, message: 'The pyCrypto library and its module AES are no longer actively maintained and have been deprecated. Consider using pyca/cryptography library.' }], severity: 'high' }, { code: 'import Crypto.PublicKey.RSA', lines: [1] }],
    }));
});
