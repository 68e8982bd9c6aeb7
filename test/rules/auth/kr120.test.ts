import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR120 jwt signature not verified', () =>
    testRule('KR120', {
      valid: ['import jwt\nclaims = jwt.decode(token, KEY, algorithms=["HS256"])', 'import jwt\njwt.decode(t, K, algorithms=["RS256"], options={"verify_exp": True})'],
      invalid: [
        { code: 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})', errors: [{ line: 2, column: 57, message: 'jwt.decode with options={"verify_signature": False} accepts forged tokens: verify the signature.' }], severity: 'high' },
        { code: 'import jwt\nclaims = jwt.decode(token, KEY, verify=False)', lines: [2] },
        { code: 'from jose import jwt\nclaims = jwt.decode(token, KEY,\n    algorithms=["HS256", "none"])', lines: [3] },
      ],
    }));
});
