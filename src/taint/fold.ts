/**
 * Constant folding with Python's semantics, for the data-flow analysis: which values are
 * known constants (so a sink that receives one is not attacker-controlled) and which
 * branches can never run (`if (7 * 42) - 86 > 200:`). Only scalars are folded — str, int,
 * float, bool and None; containers are tracked element by element by the interpreter.
 * Anything this module cannot prove is `undefined` (unknown), never a guess.
 */
import type * as A from '../python/ast.js';

/** A folded Python scalar: str (and bytes as latin-1 text), int/float, bool, None. */
export type ConstV = string | number | boolean | null;

/** Where folding finds the values of names and of container elements. */
export interface FoldEnv {
  /** The constant value of a name at this point, or undefined when unknown. */
  name(e: A.Name): ConstV | undefined;
  /** The constant value of `container[key]` / `container.get(key)` for a tracked container. */
  item(container: A.Expr, key: ConstV): ConstV | undefined;
  /** Whether `container` is a tracked dict known to hold no entry for `key` (so `.get(key, d)` is d). */
  missing?(container: A.Expr, key: ConstV): boolean;
  /** Whether a bare name is Python's builtin of that name (not rebound in the module). */
  builtin(e: A.Name): boolean;
}

const MAX_DEPTH = 60;
/** Longest string folding builds (a guard against `'x' * 10**9`). */
const MAX_STRING = 1 << 16;

/** Python truthiness of a scalar. */
export function truthy(v: ConstV): boolean {
  if (v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  return v;
}

/** `str(v)` for the scalars whose text is certain (floats with a fraction are left out: repr rules differ). */
export function pyStr(v: ConstV): string | undefined {
  if (typeof v === 'string') return v;
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Number.isInteger(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER) return String(v);
  return undefined;
}

function num(v: ConstV): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

/** A binary operator on two folded scalars (`+ - * / // % **` on numbers, `+`/`*` on strings). */
export function binop(op: A.BinOp['op'], l: ConstV, r: ConstV): ConstV | undefined {
  if (typeof l === 'string' || typeof r === 'string') {
    if (op === 'Add' && typeof l === 'string' && typeof r === 'string') return l.length + r.length > MAX_STRING ? undefined : l + r;
    if (op === 'Mult') {
      const s = typeof l === 'string' ? l : r;
      const n = num(typeof l === 'string' ? r : l);
      if (typeof s !== 'string' || n === undefined || !Number.isInteger(n)) return undefined;
      return n <= 0 ? '' : s.length * n > MAX_STRING ? undefined : s.repeat(n);
    }
    if (op === 'Mod' && typeof l === 'string') return percentFormat(l, r);
    return undefined;
  }
  const a = num(l);
  const b = num(r);
  if (a === undefined || b === undefined) return undefined;
  switch (op) {
    case 'Add':
      return a + b;
    case 'Sub':
      return a - b;
    case 'Mult':
      return a * b;
    case 'Div':
      return b === 0 ? undefined : a / b;
    case 'FloorDiv':
      return b === 0 ? undefined : Math.floor(a / b);
    case 'Mod':
      // Python's modulo takes the sign of the divisor.
      return b === 0 ? undefined : ((a % b) + b) % b;
    case 'Pow':
      return Math.abs(b) > 64 ? undefined : a ** b;
    case 'BitAnd':
      return Number.isInteger(a) && Number.isInteger(b) ? a & b : undefined;
    case 'BitOr':
      return Number.isInteger(a) && Number.isInteger(b) ? a | b : undefined;
    case 'BitXor':
      return Number.isInteger(a) && Number.isInteger(b) ? a ^ b : undefined;
    case 'LShift':
      return Number.isInteger(a) && Number.isInteger(b) && b >= 0 && b < 31 ? a * 2 ** b : undefined;
    case 'RShift':
      return Number.isInteger(a) && Number.isInteger(b) && b >= 0 ? Math.floor(a / 2 ** b) : undefined;
    default:
      return undefined;
  }
}

/** `'%s-%d' % x` for one scalar argument and the plain `%s`/`%d`/`%%` conversions. */
function percentFormat(fmt: string, arg: ConstV): ConstV | undefined {
  let used = false;
  let bad = false;
  const out = fmt.replace(/%([%sdir])/g, (_m, c: string) => {
    if (c === '%') return '%';
    if (used) bad = true;
    used = true;
    if (c === 's' || c === 'r') {
      const s = pyStr(arg);
      if (s === undefined || (c === 'r' && typeof arg === 'string')) bad = true;
      return s ?? '';
    }
    const n = num(arg);
    if (n === undefined || !Number.isInteger(n)) bad = true;
    return String(n);
  });
  if (bad || !used || /%[^%]/.test(fmt.replace(/%([%sdir])/g, ''))) return undefined;
  return out;
}

/** One comparison of two folded scalars, as Python answers it (undefined when the types make it unclear). */
export function compare(op: A.CmpOperator, l: ConstV, r: ConstV | ConstV[]): boolean | undefined {
  if (Array.isArray(r)) {
    if (op !== 'In' && op !== 'NotIn') return undefined;
    const has = r.some((x) => x === l || (num(x) !== undefined && num(x) === num(l) && typeof x !== 'string' && typeof l !== 'string'));
    return op === 'In' ? has : !has;
  }
  switch (op) {
    case 'Is':
    case 'IsNot': {
      // Identity is only certain for None and the bools.
      if (!(l === null || r === null || typeof l === 'boolean' || typeof r === 'boolean')) return undefined;
      return (l === r) === (op === 'Is');
    }
    case 'Eq':
    case 'NotEq': {
      let eq: boolean;
      if (typeof l === 'string' || typeof r === 'string' || l === null || r === null) eq = l === r;
      else eq = num(l) === num(r);
      return eq === (op === 'Eq');
    }
    case 'In':
    case 'NotIn': {
      if (typeof l !== 'string' || typeof r !== 'string') return undefined;
      const has = r.includes(l);
      return op === 'In' ? has : !has;
    }
    default: {
      if (typeof l === 'string' && typeof r === 'string') {
        return op === 'Lt' ? l < r : op === 'LtE' ? l <= r : op === 'Gt' ? l > r : l >= r;
      }
      const a = num(l);
      const b = num(r);
      if (a === undefined || b === undefined) return undefined;
      return op === 'Lt' ? a < b : op === 'LtE' ? a <= b : op === 'Gt' ? a > b : a >= b;
    }
  }
}

/** Python's `s[lower:upper:step]` on a string (step 1 or -1). */
function sliceStr(s: string, lower: number | null, upper: number | null, step: number | null): string | undefined {
  const st = step ?? 1;
  if (st === -1 && lower === null && upper === null) return [...s].reverse().join('');
  if (st !== 1) return undefined;
  const n = s.length;
  const norm = (i: number | null, dflt: number) => (i === null ? dflt : i < 0 ? Math.max(0, n + i) : Math.min(n, i));
  return s.slice(norm(lower, 0), norm(upper, n));
}

function index(s: string, i: number): string | undefined {
  const k = i < 0 ? s.length + i : i;
  return Number.isInteger(k) && k >= 0 && k < s.length ? s[k] : undefined;
}

/** Methods of `str` folded when the receiver and arguments are constants. */
function strMethod(recv: string, name: string, args: (ConstV | undefined)[]): ConstV | undefined {
  if (args.some((a) => a === undefined)) return undefined;
  const a = args as ConstV[];
  const s0 = typeof a[0] === 'string' ? a[0] : undefined;
  switch (name) {
    case 'lower':
    case 'casefold':
      return a.length === 0 ? recv.toLowerCase() : undefined;
    case 'upper':
      return a.length === 0 ? recv.toUpperCase() : undefined;
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      if (a.length > 1 || (a.length === 1 && a[0] !== null && s0 === undefined)) return undefined;
      const chars = s0 ?? ' \t\n\r\f\v';
      let from = 0;
      let to = recv.length;
      if (name !== 'rstrip') while (from < to && chars.includes(recv[from])) from++;
      if (name !== 'lstrip') while (to > from && chars.includes(recv[to - 1])) to--;
      return recv.slice(from, to);
    }
    case 'replace':
      if (typeof a[0] !== 'string' || typeof a[1] !== 'string' || a.length !== 2) return undefined;
      return a[0] === '' ? undefined : recv.split(a[0]).join(a[1]);
    case 'startswith':
      return s0 !== undefined && a.length === 1 ? recv.startsWith(s0) : undefined;
    case 'endswith':
      return s0 !== undefined && a.length === 1 ? recv.endsWith(s0) : undefined;
    case 'capitalize':
      return a.length === 0 ? recv.charAt(0).toUpperCase() + recv.slice(1).toLowerCase() : undefined;
    case 'isdigit':
    case 'isdecimal':
    case 'isnumeric':
      return a.length === 0 ? recv.length > 0 && /^[0-9]+$/.test(recv) : undefined;
    case 'isalnum':
      return a.length === 0 ? recv.length > 0 && /^[A-Za-z0-9]+$/.test(recv) : undefined;
    case 'isalpha':
      return a.length === 0 ? recv.length > 0 && /^[A-Za-z]+$/.test(recv) : undefined;
    case 'find':
      return s0 !== undefined && a.length === 1 ? recv.indexOf(s0) : undefined;
    case 'count':
      return s0 !== undefined && s0 !== '' && a.length === 1 ? recv.split(s0).length - 1 : undefined;
    case 'format':
      return formatStr(recv, a);
    default:
      return undefined;
  }
}

/** `'{} {}'.format(a, b)` / `'{0}'.format(a)` with scalar arguments and no format specs. */
function formatStr(fmt: string, args: ConstV[]): ConstV | undefined {
  let auto = 0;
  let bad = false;
  const out = fmt.replace(/\{\{|\}\}|\{(\d*)\}/g, (m, idx: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const i = idx === undefined || idx === '' ? auto++ : Number(idx);
    const s = i < args.length ? pyStr(args[i]) : undefined;
    if (s === undefined) bad = true;
    return s ?? '';
  });
  if (bad || /[{}]/.test(fmt.replace(/\{\{|\}\}|\{(\d*)\}/g, ''))) return undefined;
  return out;
}

/**
 * Fold an expression to a scalar constant, or undefined when its value is not certain.
 * Iterative depth is bounded (a deeply nested expression is simply unknown).
 */
export function fold(e: A.Expr, env: FoldEnv, depth = 0): ConstV | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const d = depth + 1;
  switch (e.type) {
    case 'Constant':
      return e.kind === 'Ellipsis' || e.kind === 'complex' ? undefined : e.value;
    case 'Name':
      return env.name(e);
    case 'JoinedStr': {
      let s = '';
      for (const v of e.values) {
        const x = fold(v, env, d);
        if (typeof x !== 'string') return undefined;
        s += x;
        if (s.length > MAX_STRING) return undefined;
      }
      return s;
    }
    case 'FormattedValue': {
      if (e.format_spec) return undefined;
      const v = fold(e.value, env, d);
      if (v === undefined) return undefined;
      // !r of a string adds quotes; !s and !a (ASCII text) leave it as str() does.
      if (e.conversion === 114 && typeof v === 'string') return undefined;
      return pyStr(v);
    }
    case 'BinOp': {
      const l = fold(e.left, env, d);
      if (l === undefined) return undefined;
      const r = fold(e.right, env, d);
      return r === undefined ? undefined : binop(e.op, l, r);
    }
    case 'UnaryOp': {
      const v = fold(e.operand, env, d);
      if (v === undefined) return undefined;
      if (e.op === 'Not') return !truthy(v);
      const n = num(v);
      if (n === undefined) return undefined;
      return e.op === 'USub' ? -n : e.op === 'UAdd' ? n : Number.isInteger(n) ? ~n : undefined;
    }
    case 'BoolOp': {
      // Python returns the deciding operand, not a bool.
      let last: ConstV | undefined;
      for (const v of e.values) {
        last = fold(v, env, d);
        if (last === undefined) return undefined;
        if (e.op === 'And' ? !truthy(last) : truthy(last)) return last;
      }
      return last;
    }
    case 'Compare': {
      let left = fold(e.left, env, d);
      if (left === undefined) return undefined;
      for (let i = 0; i < e.ops.length; i++) {
        const rhs = e.comparators[i];
        const op = e.ops[i];
        let right: ConstV | ConstV[] | undefined;
        if ((op === 'In' || op === 'NotIn') && (rhs.type === 'Tuple' || rhs.type === 'List' || rhs.type === 'Set')) {
          const elts = rhs.elts.map((x) => fold(x, env, d));
          if (elts.some((x) => x === undefined)) return undefined;
          right = elts as ConstV[];
        } else right = fold(rhs, env, d);
        if (right === undefined) return undefined;
        const r = compare(op, left, right);
        if (r === undefined) return undefined;
        if (!r) return false;
        if (!Array.isArray(right)) left = right;
      }
      return true;
    }
    case 'IfExp': {
      const t = fold(e.test, env, d);
      if (t === undefined) return undefined;
      return fold(truthy(t) ? e.body : e.orelse, env, d);
    }
    case 'Subscript': {
      const sl = e.slice;
      if (sl.type === 'Slice') {
        const v = fold(e.value, env, d);
        if (typeof v !== 'string') return undefined;
        const part = (x: A.Expr | null): number | null | undefined => {
          if (!x) return null;
          const n = fold(x, env, d);
          return typeof n === 'number' && Number.isInteger(n) ? n : n === null ? null : undefined;
        };
        const lo = part(sl.lower);
        const hi = part(sl.upper);
        const st = part(sl.step);
        if (lo === undefined || hi === undefined || st === undefined) return undefined;
        return sliceStr(v, lo, hi, st);
      }
      const key = fold(sl, env, d);
      if (key === undefined) return undefined;
      const item = env.item(e.value, key);
      if (item !== undefined) return item;
      if ((e.value.type === 'Tuple' || e.value.type === 'List') && typeof key === 'number') {
        const k = key < 0 ? e.value.elts.length + key : key;
        const x = e.value.elts[k];
        return x && x.type !== 'Starred' ? fold(x, env, d) : undefined;
      }
      if (e.value.type === 'Dict') {
        for (let i = e.value.keys.length - 1; i >= 0; i--) {
          const k = e.value.keys[i];
          if (!k) return undefined;
          const kv = fold(k, env, d);
          if (kv === undefined) return undefined;
          if (kv === key) return fold(e.value.values[i], env, d);
        }
        return undefined;
      }
      const v = fold(e.value, env, d);
      return typeof v === 'string' && typeof key === 'number' ? index(v, key) : undefined;
    }
    case 'Call':
      return foldCall(e, env, d);
    default:
      return undefined;
  }
}

function foldCall(e: A.Call, env: FoldEnv, d: number): ConstV | undefined {
  if (e.keywords.length) return undefined;
  const f = e.func;
  if (f.type === 'Attribute') {
    if (f.attr === 'get' && e.args.length >= 1 && e.args.length <= 2) {
      const key = fold(e.args[0], env, d);
      if (key !== undefined) {
        const item = env.item(f.value, key);
        if (item !== undefined) return item;
        if (env.missing?.(f.value, key)) return e.args[1] ? fold(e.args[1], env, d) : null;
      }
    }
    if (f.attr === 'join' && e.args.length === 1) {
      const sep = fold(f.value, env, d);
      const it = e.args[0];
      if (typeof sep !== 'string' || (it.type !== 'List' && it.type !== 'Tuple')) return undefined;
      const parts = it.elts.map((x) => fold(x, env, d));
      return parts.every((p) => typeof p === 'string') ? (parts).join(sep) : undefined;
    }
    const recv = fold(f.value, env, d);
    if (typeof recv !== 'string') return undefined;
    return strMethod(recv, f.attr, e.args.map((a) => (a.type === 'Starred' ? undefined : fold(a, env, d))));
  }
  if (f.type !== 'Name' || e.args.length !== 1 || !env.builtin(f)) return undefined;
  const v = fold(e.args[0], env, d);
  if (v === undefined) return undefined;
  switch (f.id) {
    case 'str':
      return pyStr(v);
    case 'int': {
      if (typeof v === 'string') return /^\s*[-+]?\d+\s*$/.test(v) ? Number.parseInt(v, 10) : undefined;
      const n = num(v);
      return n === undefined ? undefined : Math.trunc(n);
    }
    case 'len':
      return typeof v === 'string' ? [...v].length : undefined;
    case 'bool':
      return truthy(v);
    default:
      return undefined;
  }
}
