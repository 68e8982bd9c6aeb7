import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR123 hardcoded keys, IVs and salts', () =>
    testRule('KR123', {
      valid: [
        'from Crypto.Cipher import AES\nimport os\ncipher = AES.new(key, AES.MODE_CBC, os.urandom(16))',
        'import hashlib, os\nhashlib.pbkdf2_hmac("sha256", pw, os.urandom(16), 600000)',
      ],
      invalid: [
        { code: 'from Crypto.Cipher import AES\ncipher = AES.new(b"0123456789abcdef", AES.MODE_CBC, b"\\x00" * 16)', errors: [{ line: 2, column: 18, message: 'Hardcoded key passed to Crypto.Cipher.AES.new: load keys from a secret store or the environment.' }, { line: 2, column: 53, message: 'Hardcoded IV/nonce passed to Crypto.Cipher.AES.new: generate a fresh random IV/nonce (os.urandom/secrets.token_bytes) for every message and store it alongside.' }] },
        { code: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nIV = b"fixedfixedfixed!"\nc = Cipher(algorithms.AES(key), modes.CBC(IV))', lines: [3], severity: 'medium' },
        { code: 'import hashlib\nSALT = b"pepper"\nhashlib.pbkdf2_hmac("sha256", pw, SALT, 100000)', lines: [3] },
        { code: 'import hmac\nsig = hmac.new(b"s3cr3t", msg, "sha256").hexdigest()', lines: [2], severity: 'high' },
      ],
    }));
});
