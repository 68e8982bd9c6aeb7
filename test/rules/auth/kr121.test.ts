import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR121 jwt claims not verified / tokens without expiry', () =>
    testRule('KR121', {
      valid: [
        'import jwt\njwt.encode({"sub": uid, "exp": exp}, KEY, algorithm="HS256")',
        'import jwt\njwt.encode(payload, KEY, algorithm="HS256")',
        'import jwt\njwt.decode(token, options={"verify_signature": False, "verify_exp": False})',
      ],
      invalid: [
        { code: 'import jwt\njwt.decode(token, KEY, algorithms=["HS256"], options={"verify_exp": False, "verify_aud": False})', errors: [{ line: 2, column: 54, message: 'jwt.decode turns off verify_exp, verify_aud: expired or foreign tokens are accepted. Keep the claim checks on (pass audience=/issuer=).' }] },
        { code: 'import jwt\npayload = {"sub": user.id, "role": "admin"}\ntoken = jwt.encode(payload, KEY, algorithm="HS256")', lines: [3], confidence: 'medium' },
      ],
    }));
});
