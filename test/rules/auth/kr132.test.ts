import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR132 insecure cookies', () =>
    testRule('KR132', {
      valid: [
        'resp.set_cookie("session", sid, secure=True, httponly=True, samesite="Lax")',
        'from fastapi import FastAPI\nresp.set_cookie("session", sid, secure=True, httponly=True)',
        'resp.set_cookie(**opts)',
        'jar.set_cookie(cookie)',
        'response.set_signed_cookie("uid", "42", secure=True, httponly=True, samesite="Strict")',
      ],
      invalid: [
        { code: 'resp.set_cookie("session_token", token)', errors: [{ line: 1, column: 1, message: 'Cookie \'session_token\' set without secure=True, httponly=True, samesite="Lax".' }], severity: 'medium' },
        { code: 'resp.set_cookie("theme", "dark", secure=True, httponly=True)', lines: [1], severity: 'low' },
        { code: 'resp.set_cookie("sid", v, secure=True, httponly=True, samesite=None)', lines: [1] },
        { code: 'response.set_signed_cookie("uid", "42", httponly=True)', lines: [1], severity: 'medium' },
      ],
    }));
});
