import { defineRule } from '../../core/rule.js';
import { secretReceiver } from '../../taint/random-use.js';

const RANDOM_FUNCS = /^random\.(?:random|randint|randrange|choice|choices|sample|getrandbits|shuffle|uniform|randbytes|Random)$/;
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
      const name = secretReceiver(node);
      if (!name) return;
      ctx.report(node, { message: `${q}() produces '${name}', a secret: random is predictable. Use secrets (token_urlsafe, token_hex, choice) or random.SystemRandom.` });
    },
  },
});
