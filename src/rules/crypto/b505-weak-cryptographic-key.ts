/**
 * B505, as bandit's `weak_cryptographic_key`: RSA/DSA key generation with `cryptography`
 * (`rsa.generate_private_key(…, key_size)`, `dsa.generate_private_key(key_size)`) and
 * PyCrypto/PyCryptodome (`RSA.generate(bits)`), and EC keys on weak curves. Sizes come
 * from a literal keyword or positional argument; a size in a variable is not judged.
 *
 * Difference, on purpose: bandit reads the curve only as an attribute (`curve=ec.SECP192R1`),
 * which `cryptography` rejects at run time; krait also reads the instance form that real
 * code writes (`ec.SECP192R1()`).
 */
import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import type { RuleContext } from '../../core/rule.js';
import { keywordArg, keywordLiteral, positionalLiteral, type BanditLiteral } from '../../python/calls.js';

type KeyType = 'DSA' | 'RSA' | 'EC';

const CRYPTOGRAPHY = new Map<string, KeyType>(Object.entries({
  'cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key': 'DSA',
  'cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key': 'RSA',
  'cryptography.hazmat.primitives.asymmetric.ec.generate_private_key': 'EC',
}) as [string, KeyType][]);
const PYCRYPTO = new Map<string, KeyType>(Object.entries({
  'Crypto.PublicKey.DSA.generate': 'DSA',
  'Crypto.PublicKey.RSA.generate': 'RSA',
  'Cryptodome.PublicKey.DSA.generate': 'DSA',
  'Cryptodome.PublicKey.RSA.generate': 'RSA',
}) as [string, KeyType][]);
const CURVE_SIZES = new Map<string, number>([['SECP192R1', 192], ['SECT163K1', 163], ['SECT163R2', 163]]);

/** Python's `a or b`: the first truthy literal. */
function or(...vals: (BanditLiteral | undefined)[]): BanditLiteral | undefined {
  for (const v of vals) if (v !== undefined && v !== null && v !== 0 && v !== '' && !(Array.isArray(v) && v.length === 0)) return v;
  return vals[vals.length - 1];
}

function curveName(e: A.Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.type === 'Attribute') return e.attr;
  if (e.type === 'Name') return e.id;
  if (e.type === 'Call') return curveName(e.func);
  return undefined;
}

function classify(ctx: RuleContext, node: A.Call, keyType: KeyType, size: BanditLiteral | undefined): void {
  if (typeof size !== 'number') return; // computed or a name: bandit cannot judge it
  const key = keyType.toLowerCase();
  const levels: [number, 'high' | 'medium'][] = [
    [ctx.option<number>(`weak_key_size_${key}_high`), 'high'],
    [ctx.option<number>(`weak_key_size_${key}_medium`), 'medium'],
  ];
  for (const [limit, severity] of levels) {
    if (size < limit) {
      ctx.report(node, {
        severity,
        message: `${keyType} key sizes below ${limit} bits are considered breakable.`,
        fix: keyType === 'EC' ? 'Use a curve of at least 224 bits (SECP256R1, SECP384R1) or Ed25519.' : `Use ${keyType} keys of at least 2048 bits (3072 for use beyond 2030).`,
      });
      return;
    }
  }
}

export const weakCryptographicKey = defineRule({
  id: 'B505',
  name: 'weak-cryptographic-key',
  category: 'code',
  severity: 'medium',
  confidence: 'high',
  cwe: [326],
  options: {
    weak_key_size_dsa_high: 1024,
    weak_key_size_dsa_medium: 2048,
    weak_key_size_rsa_high: 1024,
    weak_key_size_rsa_medium: 2048,
    weak_key_size_ec_high: 160,
    weak_key_size_ec_medium: 224,
  },
  docs: {
    what: 'Flags RSA and DSA keys shorter than 2048 bits (high below 1024) and EC keys on curves under 224 bits (high below 160).',
    why: 'Short keys can be factored or brute-forced with available computing power; whatever they protect (signatures, key exchange) can then be forged or decrypted (CWE-326).',
    example: 'rsa.generate_private_key(public_exponent=65537, key_size=1024)',
    instead: 'rsa.generate_private_key(public_exponent=65537, key_size=3072)',
    references: [
      'https://cwe.mitre.org/data/definitions/326.html',
      'https://csrc.nist.gov/publications/detail/sp/800-131a/rev-2/final',
      'https://bandit.readthedocs.io/en/latest/plugins/b505_weak_cryptographic_key.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q) return;
      const lib = CRYPTOGRAPHY.get(q);
      if (lib === 'DSA' || lib === 'RSA') {
        classify(ctx, node, lib, or(keywordLiteral(node, 'key_size'), positionalLiteral(node, lib === 'DSA' ? 0 : 1), 2048));
      } else if (lib === 'EC') {
        const curve = curveName(keywordArg(node, 'curve')?.value ?? node.args[0]);
        classify(ctx, node, 'EC', (curve && CURVE_SIZES.get(curve)) || 224);
      } else {
        const old = PYCRYPTO.get(q);
        if (old) classify(ctx, node, old, or(keywordLiteral(node, 'bits'), positionalLiteral(node, 0), 2048));
      }
    },
  },
});
