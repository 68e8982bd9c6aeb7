import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B324 weak hashes unless usedforsecurity=False', () =>
    testRule('B324', {
      valid: ['import hashlib\nhashlib.sha256(b)', 'import hashlib\nhashlib.md5(b, usedforsecurity=False)', 'import hashlib\nALGO = "sha512"\nhashlib.new(ALGO)'],
      invalid: [
        { code: 'import hashlib\nhashlib.md5(b)', errors: [{ line: 2, column: 1, message: 'Use of weak MD5 hash for security. Consider usedforsecurity=False' }], severity: 'high' },
        { code: 'import hashlib\nhashlib.new("SHA1")', lines: [2] },
        { code: 'from hashlib import sha1\nsha1(b)', lines: [2] },
        // The name folds to a weak hash through a module constant.
        { code: 'import hashlib\nALGO = "sha1"\nhashlib.new(ALGO)', lines: [3] },
      ],
    }));
});
