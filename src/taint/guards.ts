/**
 * Barrier guards: tests that validate a value on one branch (allow-lists, shape checks,
 * containment tests, URL host and scheme checks), as facts the taint analysis applies to
 * the environment of that branch.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { ALL_MASK, K } from './model.js';
import { prefixClears } from './sanitizers.js';

/** A check on a value: `key` is validated for sink kinds `bits` on the branch where the test is `when`. */
export interface Guard {
  key: string;
  bits: number;
  when: boolean;
}

/**
 * Barrier guards in a test (CodeQL's term): which variable the test validates, for which
 * sink kinds, and on which branch (`if x in ALLOWED:` → x is safe for every kind where the
 * test holds; `if '..' in p: return` → p is safe for paths after the return).
 */
export function guardsOf(test: A.Expr, sem: SemanticModel, d = 0): Guard[] {
  if (d > 20) return [];
  switch (test.type) {
    case 'UnaryOp':
      return test.op === 'Not' ? guardsOf(test.operand, sem, d + 1).map((g) => ({ ...g, when: !g.when })) : [];
    case 'BoolOp': {
      // `a and b` true → both hold; `a or b` false → neither holds.
      const want = test.op === 'And';
      return test.values.flatMap((v) => guardsOf(v, sem, d + 1)).filter((g) => g.when === want);
    }
    case 'Compare': {
      if (test.ops.length !== 1) return [];
      const op = test.ops[0]!;
      const right = test.comparators[0]!;
      if (op === 'In' || op === 'NotIn') {
        // Allow-list membership: `x in ALLOWED`, `urlparse(x).netloc in HOSTS`.
        const when = op === 'In';
        const k = keyOf(test.left);
        if (k) return [{ key: k, bits: ALL_MASK, when }];
        const parsed = parsedUrlKey(test.left, sem);
        if (parsed) return [{ key: parsed, bits: K.SSRF | K.REDIRECT, when }];
        return [];
      }
      if ((op === 'Eq' || op === 'NotEq') && right.type === 'Constant') {
        const k = keyOf(test.left);
        if (k) return [{ key: k, bits: ALL_MASK, when: op === 'Eq' }];
        const parsed = parsedUrlKey(test.left, sem);
        if (parsed) return [{ key: parsed, bits: K.SSRF | K.REDIRECT, when: op === 'Eq' }];
      }
      return [];
    }
    case 'Call': {
      const f = test.func;
      const q = sem.callName(test) ?? '';
      if (f.type === 'Attribute') {
        const recvKey = keyOf(f.value);
        if (recvKey && /^is(?:digit|decimal|numeric|alnum|alpha|identifier)$/.test(f.attr)) return [{ key: recvKey, bits: ALL_MASK, when: true }];
        if (recvKey && f.attr === 'startswith' && test.args[0]) {
          const lit = sem.constValue(test.args[0]);
          const bits = K.PATH | (typeof lit === 'string' ? prefixClears(lit) : 0);
          return [{ key: recvKey, bits, when: true }];
        }
        if (recvKey && f.attr === 'is_relative_to') return [{ key: recvKey, bits: K.PATH, when: true }];
        if ((f.attr === 'fullmatch' || f.attr === 'match') && test.args.length) {
          const target = q.startsWith('re.') ? test.args[1] : test.args[0];
          const k = target ? keyOf(target) : null;
          if (k) return [{ key: k, bits: ALL_MASK, when: true }];
        }
      }
      if (/(?:^|\.)(?:url_has_allowed_host_and_scheme|is_safe_url|is_safe_redirect_url|is_safe_redirect|is_allowed_url|validate_url)$/.test(q) && test.args[0]) {
        const k = keyOf(test.args[0]);
        if (k) return [{ key: k, bits: K.SSRF | K.REDIRECT, when: true }];
      }
      if (q === 'os.path.isabs' && test.args[0]) {
        const k = keyOf(test.args[0]);
        if (k) return [{ key: k, bits: K.PATH, when: false }];
      }
      return [];
    }
    default:
      return [];
  }
}

/** Env key of a name or a dotted attribute chain (`self.query`), else null. */
export function keyOf(e: A.Expr): string | null {
  if (e.type === 'Name') return e.id;
  if (e.type === 'Attribute') {
    const base = keyOf(e.value);
    return base && base.length < 200 ? `${base}.${e.attr}` : null;
  }
  return null;
}

/** `urlparse(x).netloc` / `.hostname` / `.scheme` → key of x. */
function parsedUrlKey(e: A.Expr, sem: SemanticModel): string | null {
  if (e.type !== 'Attribute' || !['netloc', 'hostname', 'host', 'scheme'].includes(e.attr)) return null;
  const v = e.value;
  if (v.type !== 'Call' || !v.args[0]) return null;
  const q = sem.callName(v) ?? '';
  if (!/(?:^|\.)(?:urlparse|urlsplit)$/.test(q)) return null;
  return keyOf(v.args[0]);
}

