import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { keywordArg } from '../../python/calls.js';

/** Qualified names of JWT decoders (PyJWT, python-jose). */
export const JWT_DECODE = new Set(['jwt.decode', 'jwt.api_jwt.decode', 'jose.jwt.decode', 'jwt.PyJWT.decode']);

/** Value of a string key in a dict literal (`{"verify_signature": False}`), or undefined. */
export function dictEntry(d: A.Expr | undefined, key: string): A.Expr | undefined {
  if (!d || d.type !== 'Dict') return undefined;
  for (let i = 0; i < d.keys.length; i++) {
    const k = d.keys[i];
    if (k && k.type === 'Constant' && k.value === key) return d.values[i];
  }
  return undefined;
}

/** True for a literal False (or 0). */
export function isFalse(e: A.Expr | undefined): boolean {
  return !!e && e.type === 'Constant' && (e.value === false || e.value === 0);
}

/** KR120: `jwt.decode` that does not check the token's signature. */
export const jwtSignatureNotVerified = defineRule({
  id: 'KR120',
  name: 'jwt-signature-not-verified',
  category: 'auth',
  severity: 'high',
  confidence: 'high',
  cwe: [347],
  docs: {
    what: 'Flags `jwt.decode()` (PyJWT, python-jose) with `verify=False`, `options={"verify_signature": False}` or `algorithms` that include `"none"`.',
    why: 'Without the signature check anyone can write a token: change `sub` to another user or `role` to admin and the server believes it (CWE-347).',
    example: 'claims = jwt.decode(token, options={"verify_signature": False})',
    instead: 'claims = jwt.decode(token, SECRET_KEY, algorithms=["HS256"], audience="my-api")',
    references: ['https://cwe.mitre.org/data/definitions/347.html', 'https://pyjwt.readthedocs.io/en/stable/api.html#jwt.decode', 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html'],
  },
  visit: {
    Call(node, ctx) {
      if (!JWT_DECODE.has(ctx.callName(node) ?? '')) return;
      const verify = keywordArg(node, 'verify');
      if (verify && isFalse(verify.value)) {
        ctx.report(node, { node: verify, message: 'jwt.decode(verify=False) accepts tokens with any signature: verify it with the key and a fixed algorithm list.' });
        return;
      }
      const opts = keywordArg(node, 'options');
      const vs = dictEntry(opts?.value, 'verify_signature');
      if (vs && isFalse(vs)) {
        ctx.report(node, { node: vs, message: 'jwt.decode with options={"verify_signature": False} accepts forged tokens: verify the signature.' });
        return;
      }
      const algs = keywordArg(node, 'algorithms')?.value;
      const list = algs && (algs.type === 'List' || algs.type === 'Tuple') ? algs.elts : algs ? [algs] : [];
      for (const a of list) {
        const v = ctx.constValue(a);
        if (typeof v === 'string' && v.toLowerCase() === 'none') {
          ctx.report(node, { node: a, message: 'jwt.decode allows the "none" algorithm: unsigned tokens are accepted. List only the algorithm you sign with.' });
          return;
        }
      }
    },
  },
});
