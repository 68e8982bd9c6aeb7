import { defineRule } from '../../core/rule.js';
import { keywordArg } from '../../python/calls.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';

const FAST_HASHES = /^hashlib\.(?:md5|sha1|sha224|sha256|sha384|sha512|sha3_224|sha3_256|sha3_384|sha3_512|blake2b|blake2s|new)$/;
const PASSWORD_NAME = /pass(?:word|wd|phrase)|(?:^|_)pwd(?:_|$)|^pw$/i;

/** The password-like name an expression mentions (`password`, `user.passwd`, `pwd.encode()`), if any. */
export function passwordNameIn(e: A.Expr): string | undefined {
  let found: string | undefined;
  let seen = 0;
  walk(e, (n) => {
    if (found || ++seen > 200) return false;
    const id = n.type === 'Name' ? n.id : n.type === 'Attribute' ? n.attr : undefined;
    if (id && PASSWORD_NAME.test(id) && !/hash|policy|reset|length|_len$|field|url|prompt|label/i.test(id)) found = id;
    return n.type !== 'Call' || n === e || (n.func.type === 'Attribute' && ['encode', 'strip', 'lower'].includes(n.func.attr));
  });
  return found;
}

/** KR122: passwords hashed with a fast, general-purpose hash. */
export const weakPasswordHash = defineRule({
  id: 'KR122',
  name: 'weak-password-hash',
  category: 'auth',
  severity: 'high',
  confidence: 'medium',
  cwe: [916],
  docs: {
    what: 'Flags `hashlib` digests (md5, sha1, sha256, sha512, blake2…) computed over something named like a password, directly or through `.update()`.',
    why: 'General-purpose hashes are built to be fast: a GPU tries billions of guesses a second, so a leaked table of salted SHA-256 passwords falls quickly. Password storage needs a slow, memory-hard KDF (CWE-916).',
    example: 'user.password_hash = hashlib.sha256(salt + password.encode()).hexdigest()',
    instead: 'from argon2 import PasswordHasher\nuser.password_hash = PasswordHasher().hash(password)  # or bcrypt, scrypt, hashlib.pbkdf2_hmac with 600k iterations',
    references: ['https://cwe.mitre.org/data/definitions/916.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node) ?? '';
      let data: A.Expr | undefined;
      let algo = q.slice(q.lastIndexOf('.') + 1);
      if (FAST_HASHES.test(q)) {
        if (algo === 'new') {
          const name = node.args[0] ? ctx.constValue(node.args[0]) : undefined;
          algo = typeof name === 'string' ? name : 'hashlib.new';
          data = node.args[1] ?? keywordArg(node, 'data')?.value;
        } else data = node.args[0] ?? keywordArg(node, 'data')?.value ?? keywordArg(node, 'string')?.value;
      } else if (node.func.type === 'Attribute' && node.func.attr === 'update' && node.args[0]) {
        // h = hashlib.sha256(); h.update(password)
        const recv = node.func.value;
        const init = recv.type === 'Call' ? recv : recv.type === 'Name' ? ctx.semantic.lookup(recv.id, recv)?.value : undefined;
        if (!init || init.type !== 'Call' || !FAST_HASHES.test(ctx.callName(init) ?? '')) return;
        const iq = ctx.callName(init)!;
        algo = iq.slice(iq.lastIndexOf('.') + 1);
        data = node.args[0];
      }
      if (!data) return;
      const name = passwordNameIn(data);
      if (!name) return;
      ctx.report(node, { message: `Password '${name}' hashed with ${algo}, a fast hash: use argon2, bcrypt, scrypt or PBKDF2 (hashlib.pbkdf2_hmac with a high iteration count).` });
    },
  },
});
