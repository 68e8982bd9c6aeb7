import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR122 password hashed with a fast hash', () =>
    testRule('KR122', {
      valid: [
        'import hashlib\nh = hashlib.sha256(data).hexdigest()',
        'import hashlib\nh = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)',
        'import hashlib\nh = hashlib.md5(password_reset_url.encode())',
      ],
      invalid: [
        { code: 'import hashlib\nuser.pw_hash = hashlib.sha256(salt + password.encode()).hexdigest()', errors: [{ line: 2, column: 16, message: 'Password \'password\' hashed with sha256, a fast hash: use argon2, bcrypt, scrypt or PBKDF2 (hashlib.pbkdf2_hmac with a high iteration count).' }] },
        { code: 'import hashlib as h\ndigest = h.md5(form.new_password.data.encode("utf-8")).hexdigest()', lines: [2] },
        { code: 'import hashlib\nm = hashlib.sha1()\nm.update(passwd)', lines: [3] },
      ],
    }));
});
