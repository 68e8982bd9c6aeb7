import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';

const AUTH_WORDS = new Set(['login', 'logon', 'signin', 'password', 'passwd', 'verify', 'permission', 'permissions', 'perm', 'perms', 'token', 'jwt', 'signature', 'csrf', 'xsrf', 'credential', 'credentials', 'acl', 'admin', 'otp', 'mfa', 'totp']);

/** Does a (dotted, snake or camel case) name talk about authentication or authorisation? */
function isAuthName(name: string): boolean {
  const words = name.split(/[._]|(?<=[a-z0-9])(?=[A-Z])/).map((w) => w.toLowerCase());
  return words.some((w) => AUTH_WORDS.has(w) || w.startsWith('auth'));
}
const BROAD = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);

function swallows(body: readonly A.Stmt[]): 'pass' | 'allow' | null {
  if (body.length !== 1) return null;
  const s = body[0];
  if (s.type === 'Pass' || s.type === 'Continue') return 'pass';
  if (s.type === 'Expr' && s.value.type === 'Constant') return 'pass';
  if (s.type === 'Return' && s.value && s.value.type === 'Constant' && s.value.value === true) return 'allow';
  return null;
}

/** KR134: broad exceptions silently ignored around authentication and authorisation code. */
export const authExceptionSwallowed = defineRule({
  id: 'KR134',
  name: 'auth-exception-swallowed',
  category: 'error-handling',
  severity: 'medium',
  confidence: 'medium',
  cwe: [390, 703],
  docs: {
    what: 'Flags `except:` / `except Exception:` handlers that only `pass`/`continue` (or `return True`) when the `try` body calls authentication or authorisation code (names with auth, login, verify, permission, token, jwt, signature, csrf…) or the handler sits in such a function.',
    why: 'When a signature check, token decode or permission lookup raises, swallowing the error lets the request go on as if the check had passed: the code fails open (CWE-390, CWE-703).',
    example: 'try:\n    claims = jwt.decode(token, KEY, algorithms=["HS256"])\n    g.user = claims["sub"]\nexcept Exception:\n    pass',
    instead: 'try:\n    claims = jwt.decode(token, KEY, algorithms=["HS256"])\nexcept jwt.InvalidTokenError:\n    abort(401)',
    references: ['https://cwe.mitre.org/data/definitions/390.html', 'https://cwe.mitre.org/data/definitions/703.html', 'https://owasp.org/www-community/Fail_securely'],
  },
  visit: {
    Try(node, ctx) {
      let authCall: string | undefined;
      for (const s of node.body) {
        walk(s, (n) => {
          if (authCall) return false;
          if (n.type === 'Call') {
            const name = ctx.callName(n) ?? (n.func.type === 'Attribute' ? n.func.attr : '');
            if (isAuthName(name)) authCall = name;
          }
          return n.type !== 'FunctionDef' && n.type !== 'ClassDef';
        });
      }
      let fn: A.AnyNode | null = node.parent;
      while (fn && fn.type !== 'FunctionDef' && fn.type !== 'AsyncFunctionDef') fn = fn.parent;
      const fnName = fn && (fn.type === 'FunctionDef' || fn.type === 'AsyncFunctionDef') ? fn.name : '';
      const inAuthFn = fnName !== '' && isAuthName(fnName);
      if (!authCall && !inAuthFn) return;
      for (const h of node.handlers) {
        const t = h.exc_type;
        const broad = !t || BROAD.has(ctx.qualifiedName(t) ?? '') || (t.type === 'Tuple' && t.elts.some((e) => BROAD.has(ctx.qualifiedName(e) ?? '')));
        if (!broad) continue;
        const kind = swallows(h.body);
        if (!kind) continue;
        const where = authCall ? `around ${authCall}()` : `in ${fnName}()`;
        ctx.report(h, {
          severity: kind === 'allow' ? 'high' : 'medium',
          message: kind === 'allow'
            ? `A broad except ${where} returns True: any error grants access. Deny on error and catch only the exceptions you expect.`
            : `A broad except ${where} silently ignores the error: a failed check can fall through as success. Deny (raise/abort) and catch only the expected exception types.`,
        });
      }
    },
  },
});
