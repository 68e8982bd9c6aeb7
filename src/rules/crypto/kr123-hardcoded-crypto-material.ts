import { defineRule, type RuleContext } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { keywordArg } from '../../python/calls.js';

type Kind = 'key' | 'iv' | 'salt';
interface Slot { kind: Kind; arg?: number; kw?: string }

const CIPHERS = ['AES', 'DES', 'DES3', 'Blowfish', 'CAST', 'ARC2', 'ARC4', 'ChaCha20', 'ChaCha20_Poly1305', 'Salsa20'];
/** Crypto APIs and which of their arguments are keys, IVs/nonces or salts. */
const SLOTS = new Map<string, Slot[]>();
const add = (names: string[], slots: Slot[]): void => names.forEach((n) => SLOTS.set(n, slots));
for (const pkg of ['Crypto', 'Cryptodome']) {
  add(CIPHERS.map((c) => `${pkg}.Cipher.${c}.new`), [{ kind: 'key', arg: 0, kw: 'key' }, { kind: 'iv', arg: 2, kw: 'iv' }, { kind: 'iv', kw: 'nonce' }]);
  add([`${pkg}.Protocol.KDF.PBKDF2`, `${pkg}.Protocol.KDF.scrypt`, `${pkg}.Protocol.KDF.bcrypt`], [{ kind: 'salt', arg: 1, kw: 'salt' }]);
  add([`${pkg}.Hash.HMAC.new`], [{ kind: 'key', arg: 0, kw: 'key' }]);
}
const HAZ = 'cryptography.hazmat.primitives';
add([...['AES', 'AES128', 'AES256', 'Camellia', 'TripleDES', 'Blowfish', 'CAST5', 'SEED', 'ChaCha20', 'SM4'].map((a) => `${HAZ}.ciphers.algorithms.${a}`)], [{ kind: 'key', arg: 0, kw: 'key' }, { kind: 'iv', arg: 1, kw: 'nonce' }]);
add(['CBC', 'CTR', 'OFB', 'CFB', 'CFB8', 'GCM', 'XTS'].map((m) => `${HAZ}.ciphers.modes.${m}`), [{ kind: 'iv', arg: 0, kw: 'initialization_vector' }, { kind: 'iv', kw: 'nonce' }, { kind: 'iv', kw: 'tweak' }]);
add(['AESGCM', 'AESCCM', 'AESOCB3', 'AESSIV', 'ChaCha20Poly1305'].map((c) => `${HAZ}.ciphers.aead.${c}`), [{ kind: 'key', arg: 0, kw: 'key' }]);
add(['cryptography.fernet.Fernet'], [{ kind: 'key', arg: 0, kw: 'key' }]);
add([`${HAZ}.kdf.pbkdf2.PBKDF2HMAC`, `${HAZ}.kdf.scrypt.Scrypt`, `${HAZ}.kdf.hkdf.HKDF`], [{ kind: 'salt', kw: 'salt' }]);
add([`${HAZ}.hmac.HMAC`], [{ kind: 'key', arg: 0, kw: 'key' }]);
add(['hashlib.pbkdf2_hmac'], [{ kind: 'salt', arg: 2, kw: 'salt' }]);
add(['hashlib.scrypt'], [{ kind: 'salt', kw: 'salt' }]);
add(['bcrypt.hashpw'], [{ kind: 'salt', arg: 1, kw: 'salt' }]);
add(['crypt.crypt'], [{ kind: 'salt', arg: 1, kw: 'salt' }]);
add(['hmac.new', 'hmac.digest'], [{ kind: 'key', arg: 0, kw: 'key' }]);
add(['nacl.secret.SecretBox'], [{ kind: 'key', arg: 0, kw: 'key' }]);

const CWE: Record<Kind, number> = { key: 321, iv: 329, salt: 760 };
const WORD: Record<Kind, string> = { key: 'key', iv: 'IV/nonce', salt: 'salt' };

function slotValue(call: A.Call, s: Slot): A.Expr | undefined {
  if (s.arg !== undefined && call.args[s.arg] && call.args[s.arg].type !== 'Starred') return call.args[s.arg];
  return s.kw ? keywordArg(call, s.kw)?.value : undefined;
}

function literal(e: A.Expr, ctx: RuleContext): boolean {
  if (e.type === 'Call') {
    // bytes.fromhex("00ff…"), b"…" * 16, "k".encode()
    if (e.func.type === 'Attribute' && (e.func.attr === 'fromhex' || e.func.attr === 'encode') ) {
      const arg = e.func.attr === 'fromhex' ? e.args[0] : e.func.value;
      return !!arg && typeof ctx.constValue(arg) === 'string';
    }
    return false;
  }
  if (e.type === 'BinOp' && e.op === 'Mult') return typeof ctx.constValue(e.left) === 'string' && e.right.type === 'Constant';
  return typeof ctx.constValue(e) === 'string';
}

/** KR123: keys, IVs/nonces and salts written into the source. */
export const hardcodedCryptoMaterial = defineRule({
  id: 'KR123',
  name: 'hardcoded-crypto-material',
  category: 'code',
  severity: 'high',
  confidence: 'high',
  cwe: [321, 329, 760],
  docs: {
    what: 'Flags literal keys (CWE-321), IVs/nonces (CWE-329) and salts (CWE-760) passed to `cryptography`, PyCryptodome, `hashlib.pbkdf2_hmac`/`scrypt`, `bcrypt.hashpw`, `hmac.new` and Fernet — directly or through a constant.',
    why: 'A key in the source is known to everyone who has the code (and its git history). A fixed IV or nonce makes equal plaintexts encrypt alike, and with CTR/GCM reveals the XOR of messages or lets tags be forged; a fixed salt lets one precomputed table crack every password.',
    example: 'cipher = AES.new(b"0123456789abcdef", AES.MODE_CBC, b"\\x00" * 16)',
    instead: 'key = load_key_from_kms()\niv = os.urandom(16)\ncipher = AES.new(key, AES.MODE_CBC, iv)  # store iv with the ciphertext',
    references: ['https://cwe.mitre.org/data/definitions/321.html', 'https://cwe.mitre.org/data/definitions/329.html', 'https://cwe.mitre.org/data/definitions/760.html', 'https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/'],
  },
  visit: {
    Call(node, ctx) {
      const slots = SLOTS.get(ctx.callName(node) ?? '');
      if (!slots) return;
      for (const s of slots) {
        const v = slotValue(node, s);
        if (!v || !literal(v, ctx)) continue;
        ctx.report(node, {
          node: v,
          cwe: [CWE[s.kind]],
          severity: s.kind === 'key' ? 'high' : 'medium',
          message: `Hardcoded ${WORD[s.kind]} passed to ${ctx.callName(node)}: ${s.kind === 'key' ? 'load keys from a secret store or the environment' : `generate a fresh random ${WORD[s.kind]} (os.urandom/secrets.token_bytes) for every ${s.kind === 'iv' ? 'message' : 'password'} and store it alongside`}.`,
          ...(s.kind === 'key' && v.type === 'Constant' && typeof v.value === 'string' ? { secret: v.value } : {}),
        });
      }
    },
  },
});
