import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { isStr, keywordArg, keywordValueText } from '../../python/calls.js';

const WEAK_HASHES = new Set(['md4', 'md5', 'sha', 'sha1']);
const WEAK_CRYPT = new Set(['METHOD_CRYPT', 'METHOD_MD5', 'METHOD_BLOWFISH']);

function usedForSecurity(call: A.Call): boolean {
  const k = keywordArg(call, 'usedforsecurity');
  return !k || keywordValueText(k.value) === 'True';
}

/** B324: weak hash functions from hashlib and crypt. */
export const hashlibWeak = defineRule({
  id: 'B324',
  name: 'hashlib',
  category: 'code',
  severity: 'high',
  confidence: 'high',
  cwe: [328],
  docs: {
    what: 'Flags `hashlib.md4/md5/sha/sha1` and `hashlib.new("md5"…)` unless `usedforsecurity=False` is passed, and weak `crypt` methods.',
    why: 'MD4, MD5 and SHA-1 have practical collision attacks; used for signatures, integrity or passwords they can be forged or brute-forced (CWE-328).',
    example: 'digest = hashlib.md5(data).hexdigest()',
    instead: 'digest = hashlib.sha256(data).hexdigest()\n# or, for a non-security checksum: hashlib.md5(data, usedforsecurity=False)',
    references: ['https://cwe.mitre.org/data/definitions/328.html', 'https://docs.python.org/3/library/hashlib.html', 'https://bandit.readthedocs.io/en/latest/plugins/b324_hashlib.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q) return;
      const parts = q.split('.');
      const fn = parts[parts.length - 1];
      if (parts.includes('hashlib') && WEAK_HASHES.has(fn)) {
        if (usedForSecurity(node)) {
          ctx.report(node, { message: `Use of weak ${fn.toUpperCase()} hash for security. Consider usedforsecurity=False`, fix: 'Use hashlib.sha256 (or blake2b); for passwords use argon2/bcrypt/scrypt; pass usedforsecurity=False for non-security checksums.' });
        }
      } else if (parts.includes('hashlib') && fn === 'new') {
        const nameArg = node.args[0] ?? keywordArg(node, 'name')?.value;
        // A literal or a constant that folds to one (`ALGO = "sha1"; hashlib.new(ALGO)`).
        const name = isStr(nameArg) ? nameArg.value : nameArg ? ctx.constValue(nameArg) : undefined;
        if (typeof name === 'string' && WEAK_HASHES.has(name.toLowerCase()) && usedForSecurity(node)) {
          ctx.report(node, { message: `Use of weak ${name.toUpperCase()} hash for security. Consider usedforsecurity=False`, fix: 'Use hashlib.new("sha256") or pass usedforsecurity=False for non-security checksums.' });
        }
      } else if (parts.includes('crypt') && (fn === 'crypt' || fn === 'mksalt')) {
        const arg = fn === 'crypt' ? (node.args[1] ?? keywordArg(node, 'salt')?.value) : (node.args[0] ?? keywordArg(node, 'method')?.value);
        const name = arg && (arg.type === 'Attribute' ? arg.attr : arg.type === 'Name' ? arg.id : undefined);
        if (name && WEAK_CRYPT.has(name)) {
          ctx.report(node, { severity: 'medium', message: `Use of insecure crypt.${name} hash function.`, fix: 'Use crypt.METHOD_SHA512 at least, or better a password hashing library (argon2, bcrypt).' });
        }
      }
    },
  },
});
