import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B303 md5/sha1 from PyCrypto(dome) and cryptography, not hashlib (B324)', () =>
    testRule('B303', {
      valid: ['import hashlib\nhashlib.md5(b)', 'from Crypto.Hash import SHA256\nSHA256.new(b)', 'from cryptography.hazmat.primitives import hashes\nhashes.SHA256()'],
      invalid: [
        { code: 'from Crypto.Hash import MD5\nMD5.new(b)', errors: [{ line: 2, column: 1, message: 'Use of insecure MD2, MD4, MD5, or SHA1 hash function.' }], severity: 'medium' },
        { code: 'from Cryptodome.Hash import SHA\nh = SHA.new(b)', lines: [2] },
        { code: 'from cryptography.hazmat.primitives import hashes\nhashes.SHA1()', lines: [2] },
      ],
    }));
});
