import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';

const RANDOM_FUNCS = /^random\.(?:random|randint|randrange|choice|choices|sample|getrandbits|shuffle|uniform|randbytes|Random)$/;
const SECRET_NAME = /token|passw|passwd|secret|nonce|salt|otp|api_?key|apikey|session_?id|sessid|csrf|xsrf|reset_?code|verification_?code|auth_?code|(?:^|_)key$|(?:^|_)pin$|(?:^|_)iv$|activation|invite_?code|one_?time/i;

/** The name that receives a call's value: an assignment target, a keyword, a dict key, or the enclosing function for a return. */
function receivingNames(node: A.AnyNode): string[] {
  let n: A.AnyNode | null = node;
  for (let i = 0; n && i < 12; i++, n = n.parent) {
    const p: A.AnyNode | null = n.parent;
    if (!p) return [];
    switch (p.type) {
      case 'Assign':
        return p.targets.flatMap(targetNames);
      case 'AnnAssign':
      case 'AugAssign':
        return targetNames(p.target);
      case 'NamedExpr':
        return [p.target.id];
      case 'keyword':
        // sort(key=...) and friends name a function argument, not a secret.
        return p.arg && p.arg !== 'key' ? [p.arg] : [];
      case 'Dict': {
        const i2 = p.values.indexOf(n as A.Expr);
        const k = i2 >= 0 ? p.keys[i2] : null;
        return k && k.type === 'Constant' && typeof k.value === 'string' ? [k.value] : [];
      }
      case 'Return': {
        let f: A.AnyNode | null = p.parent;
        while (f && f.type !== 'FunctionDef' && f.type !== 'AsyncFunctionDef') f = f.parent;
        return f && (f.type === 'FunctionDef' || f.type === 'AsyncFunctionDef') ? [f.name] : [];
      }
      default:
        if (p.type === 'Expr' || p.type === 'If' || p.type === 'For' || p.type === 'While' || p.type === 'FunctionDef') return [];
    }
  }
  return [];
}

function targetNames(t: A.Expr): string[] {
  if (t.type === 'Name') return [t.id];
  if (t.type === 'Attribute') return [t.attr];
  if (t.type === 'Subscript' && t.slice.type === 'Constant' && typeof t.slice.value === 'string') return [t.slice.value];
  if (t.type === 'Tuple' || t.type === 'List') return t.elts.flatMap(targetNames);
  return [];
}

/** KR124: the `random` module used for tokens, passwords, keys and nonces. */
export const insecureRandomSecret = defineRule({
  id: 'KR124',
  name: 'insecure-random-secret',
  category: 'code',
  severity: 'medium',
  confidence: 'medium',
  cwe: [338, 330],
  docs: {
    what: 'Flags `random` calls whose result becomes a token, password, key, salt, nonce, OTP or session id (by the name of the variable, keyword, dict key or function that receives it). Unlike B311 it ignores `random` used for simulations or sampling.',
    why: '`random` is a Mersenne Twister seeded predictably; after 624 outputs its whole future is known. Tokens or reset codes made from it can be predicted (CWE-338).',
    example: 'reset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))',
    instead: 'reset_token = secrets.token_urlsafe(32)',
    references: ['https://cwe.mitre.org/data/definitions/338.html', 'https://docs.python.org/3/library/secrets.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node) ?? '';
      if (!RANDOM_FUNCS.test(q)) return;
      const name = receivingNames(node).find((n) => SECRET_NAME.test(n));
      if (!name) return;
      ctx.report(node, { message: `${q}() produces '${name}', a secret: random is predictable. Use secrets (token_urlsafe, token_hex, choice) or random.SystemRandom.` });
    },
  },
});
