import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { keywordArg } from '../../python/calls.js';
import { JWT_DECODE, dictEntry, isFalse } from './kr120-jwt-signature-not-verified.js';

const CLAIM_CHECKS = ['verify_exp', 'verify_aud', 'verify_iat', 'verify_nbf', 'verify_iss'];
const JWT_ENCODE = new Set(['jwt.encode', 'jwt.api_jwt.encode', 'jose.jwt.encode']);

/** A dict literal an expression stands for (directly, or a name bound once to one). */
function dictLiteral(e: A.Expr | undefined, ctx: { semantic: { lookup(n: string, at: A.AnyNode): { value?: A.Expr; count: number } | undefined } }): A.Dict | undefined {
  if (!e) return undefined;
  if (e.type === 'Dict') return e;
  if (e.type === 'Name') {
    const b = ctx.semantic.lookup(e.id, e);
    if (b && b.count === 1 && b.value && b.value.type === 'Dict') return b.value;
  }
  return undefined;
}

/** KR121: JWTs decoded without expiry/audience checks, or issued without an expiry. */
export const jwtClaimsNotVerified = defineRule({
  id: 'KR121',
  name: 'jwt-claims-not-verified',
  category: 'auth',
  severity: 'medium',
  confidence: 'high',
  cwe: [613],
  docs: {
    what: 'Flags `jwt.decode()` with `options` that turn off the `exp`, `aud`, `iat`, `nbf` or `iss` checks, and `jwt.encode()` of a literal payload without an `exp` claim.',
    why: 'A token that never expires, or is accepted by every audience, stays valid after logout, after a leak and across services: a stolen token is a permanent session (CWE-613).',
    example: 'jwt.encode({"sub": user.id}, SECRET_KEY, algorithm="HS256")\njwt.decode(token, SECRET_KEY, algorithms=["HS256"], options={"verify_exp": False})',
    instead: 'jwt.encode({"sub": user.id, "exp": now + timedelta(minutes=15), "aud": "my-api"}, SECRET_KEY, algorithm="HS256")\njwt.decode(token, SECRET_KEY, algorithms=["HS256"], audience="my-api")',
    references: ['https://cwe.mitre.org/data/definitions/613.html', 'https://pyjwt.readthedocs.io/en/stable/usage.html#expiration-time-claim-exp', 'https://datatracker.ietf.org/doc/html/rfc8725'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node) ?? '';
      if (JWT_DECODE.has(q)) {
        const opts = keywordArg(node, 'options')?.value;
        if (isFalse(dictEntry(opts, 'verify_signature'))) return; // KR120 reports it
        const off = CLAIM_CHECKS.filter((c) => isFalse(dictEntry(opts, c)));
        if (off.length) {
          ctx.report(node, { node: opts, message: `jwt.decode turns off ${off.join(', ')}: expired or foreign tokens are accepted. Keep the claim checks on (pass audience=/issuer=).` });
        }
        return;
      }
      if (JWT_ENCODE.has(q)) {
        const payload = dictLiteral(node.args[0] ?? keywordArg(node, 'payload')?.value ?? keywordArg(node, 'claims')?.value, ctx);
        if (!payload || payload.keys.some((k) => k === null)) return;
        if (!payload.keys.some((k) => k && k.type === 'Constant' && k.value === 'exp')) {
          ctx.report(node, { confidence: 'medium', message: 'jwt.encode of a payload without an "exp" claim: the token never expires. Add a short expiry.' });
        }
      }
    },
  },
});
