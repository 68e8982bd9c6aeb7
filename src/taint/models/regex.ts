/**
 * Character-set reasoning for sanitizers and barrier guards: the characters a value can
 * still hold after `re.sub(r"[^a-z0-9]", "", x)` or once `re.fullmatch(r"[\w-]+", x)`
 * held, and the sink kinds whose dangerous characters that set provably excludes.
 * A small recogniser of Python regular expressions: classes, escapes, literals, groups,
 * alternation and quantifiers; anything else (look-arounds, back-references) is unknown.
 */
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { K } from '../model.js';

/** A set of characters: the ASCII ones listed, and what non-ASCII characters it may hold. */
export interface CharSet {
  ascii: Set<string>;
  /**
   * 'digits': Unicode decimal digits (`\d`); 'word': Unicode letters and digits (`\w`);
   * 'any': anything (`.`, `\s`, `\W`, a negated class).
   */
  nonAscii: 'none' | 'digits' | 'word' | 'any';
  /** A `$` anchor matched: one newline may follow the characters (harmless but for headers and logs). */
  trailingNewline?: boolean;
  add(ch: string): void;
}

function charSet(): CharSet {
  const cs: CharSet = {
    ascii: new Set(),
    nonAscii: 'none',
    add(ch: string) {
      if (ch.charCodeAt(0) < 128) cs.ascii.add(ch);
      else cs.nonAscii = unionNonAscii(cs.nonAscii, /\p{Nd}/u.test(ch) ? 'digits' : /[\p{L}\p{N}]/u.test(ch) ? 'word' : 'any');
    },
  };
  return cs;
}

const range = (a: string, b: string): string[] => Array.from({ length: b.charCodeAt(0) - a.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(a.charCodeAt(0) + i));
const DIGITS = range('0', '9');
const WORD = [...range('a', 'z'), ...range('A', 'Z'), ...DIGITS, '_'];
const SPACE = [' ', '\t', '\n', '\r', '\f', '\v'];
const ALL_ASCII = range('\0', '\x7f');
const PRINTABLE = range(' ', '~');

function merge(into: CharSet, from: CharSet): void {
  for (const c of from.ascii) into.ascii.add(c);
  into.nonAscii = unionNonAscii(into.nonAscii, from.nonAscii);
}

/** The non-ASCII characters of two sets together. */
function unionNonAscii(a: CharSet['nonAscii'], b: CharSet['nonAscii']): CharSet['nonAscii'] {
  const rank = { none: 0, digits: 1, word: 2, any: 3 } as const;
  return rank[a] >= rank[b] ? a : b;
}

function complement(cs: CharSet): CharSet {
  const out = charSet();
  for (const c of ALL_ASCII) if (!cs.ascii.has(c)) out.ascii.add(c);
  out.nonAscii = 'any';
  return out;
}

/** Characters of an escape `\x` (after the backslash) in or out of a class; null when unsupported. */
function escapeSet(p: string, i: number): { set: CharSet; next: number } | null {
  const c = p[i];
  const s = charSet();
  if (c === undefined) return null;
  switch (c) {
    case 'w':
      WORD.forEach((x) => s.ascii.add(x));
      s.nonAscii = 'word';
      return { set: s, next: i + 1 };
    case 'd':
      DIGITS.forEach((x) => s.ascii.add(x));
      s.nonAscii = 'digits';
      return { set: s, next: i + 1 };
    case 's':
      SPACE.forEach((x) => s.ascii.add(x));
      s.nonAscii = 'any';
      return { set: s, next: i + 1 };
    case 'W':
    case 'D':
    case 'S': {
      const inner = escapeSet(c.toLowerCase(), 0)!;
      return { set: complement(inner.set), next: i + 1 };
    }
    case 'n':
      s.add('\n');
      return { set: s, next: i + 1 };
    case 't':
      s.add('\t');
      return { set: s, next: i + 1 };
    case 'r':
      s.add('\r');
      return { set: s, next: i + 1 };
    case 'f':
      s.add('\f');
      return { set: s, next: i + 1 };
    case 'v':
      s.add('\v');
      return { set: s, next: i + 1 };
    case 'x': {
      const h = p.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return null;
      s.add(String.fromCharCode(parseInt(h, 16)));
      return { set: s, next: i + 3 };
    }
    case 'u': {
      const h = p.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(h)) return null;
      s.add(String.fromCharCode(parseInt(h, 16)));
      return { set: s, next: i + 5 };
    }
    default:
      // Back-references, \b, \A, \Z are handled by the caller; other letters and digits are unknown.
      if (/[0-9a-zA-Z]/.test(c)) return null;
      s.add(c);
      return { set: s, next: i + 1 };
  }
}

/** Parse a class body starting after `[`; returns the listed characters, whether negated, and the index after `]`. */
function parseClass(p: string, i: number): { set: CharSet; negated: boolean; next: number } | null {
  const set = charSet();
  let negated = false;
  if (p[i] === '^') {
    negated = true;
    i++;
  }
  let first = true;
  while (i < p.length && (p[i] !== ']' || first)) {
    first = false;
    let lo: string | null = null;
    if (p[i] === '\\') {
      const e = escapeSet(p, i + 1);
      if (!e) return null;
      if (e.set.ascii.size === 1 && e.set.nonAscii === 'none' && !/[wdsWDS]/.test(p[i + 1])) lo = [...e.set.ascii][0]!;
      else {
        merge(set, e.set);
        i = e.next;
        continue;
      }
      i = e.next;
    } else if (p[i] === '[' && p[i + 1] === ':') {
      return null;
    } else {
      lo = p[i]!;
      i++;
    }
    if (p[i] === '-' && p[i + 1] !== undefined && p[i + 1] !== ']') {
      let hi: string;
      if (p[i + 1] === '\\') {
        const e = escapeSet(p, i + 2);
        if (!e || e.set.ascii.size !== 1) return null;
        hi = [...e.set.ascii][0]!;
        i = e.next;
      } else {
        hi = p[i + 1]!;
        i += 2;
      }
      if (hi < lo) return null;
      for (let c = lo.charCodeAt(0); c <= hi.charCodeAt(0); c++) set.add(String.fromCharCode(c));
    } else set.add(lo);
  }
  if (p[i] !== ']') return null;
  return { set, negated, next: i + 1 };
}

function withCase(cs: CharSet, ignoreCase: boolean): CharSet {
  if (!ignoreCase) return cs;
  for (const c of [...cs.ascii]) {
    cs.ascii.add(c.toLowerCase());
    cs.ascii.add(c.toUpperCase());
  }
  return cs;
}

interface Parsed {
  set: CharSet;
  /** The pattern ends with `$` (a trailing newline may follow) or `\Z`. */
  end: '$' | 'Z' | null;
  start: boolean;
  /** An alternation at the top level (`a|b`): anchors then hold for one branch only. */
  topAlternation?: boolean;
}

/** The characters any match of a whole pattern can hold, with its anchors; null when unsupported. */
function parsePattern(p: string, ignoreCase: boolean): Parsed | null {
  const set = charSet();
  let i = 0;
  let start = false;
  let end: Parsed['end'] = null;
  let depth = 0;
  let topAlternation = false;
  if (p.startsWith('(?i)')) {
    ignoreCase = true;
    i = 4;
  }
  if (p[i] === '^') {
    start = true;
    i++;
  } else if (p.startsWith('\\A', i)) {
    start = true;
    i += 2;
  }
  while (i < p.length) {
    const c = p[i];
    if (c === '$' && i === p.length - 1 && depth === 0) {
      end = '$';
      i++;
      continue;
    }
    if (c === '\\' && p[i + 1] === 'Z' && i === p.length - 2 && depth === 0) {
      end = 'Z';
      i += 2;
      continue;
    }
    if (c === '[') {
      const cls = parseClass(p, i + 1);
      if (!cls) return null;
      merge(set, withCase(cls.negated ? complement(cls.set) : cls.set, ignoreCase));
      i = cls.next;
    } else if (c === '\\') {
      if (p[i + 1] === 'b' || p[i + 1] === 'B') {
        i += 2;
        continue;
      }
      const e = escapeSet(p, i + 1);
      if (!e) return null;
      merge(set, withCase(e.set, ignoreCase));
      i = e.next;
    } else if (c === '.') {
      merge(set, complement(charSet()));
      i++;
    } else if (c === '(') {
      if (p[i + 1] === '?') {
        if (p[i + 2] === ':') i += 3;
        else if (p[i + 2] === 'P' && p[i + 3] === '<') {
          const close = p.indexOf('>', i);
          if (close < 0) return null;
          i = close + 1;
        } else return null;
      } else i++;
      depth++;
    } else if (c === ')') {
      if (--depth < 0) return null;
      i++;
    } else if (c === '|') {
      // Alternation: the union of the branches. At the top level, anchors hold for one branch only
      // (`^a|b$`): only a fullmatch, which anchors the whole pattern, can use it.
      if (depth === 0) {
        if (start || end) return null;
        topAlternation = true;
      }
      i++;
    } else if (c === '*' || c === '+' || c === '?') {
      i++;
    } else if (c === '{') {
      const m = /^\{\d*(?:,\d*)?\}/.exec(p.slice(i));
      if (!m) {
        set.add('{');
        i++;
      } else i += m[0].length;
    } else if (c === '^' || c === '$') {
      return null;
    } else {
      merge(set, withCase(charSetOf(c), ignoreCase));
      i++;
    }
  }
  if (depth !== 0 || (topAlternation && (start || end))) return null;
  return { set, end, start, topAlternation };
}

function charSetOf(c: string): CharSet {
  const s = charSet();
  s.add(c);
  return s;
}

function flagsOf(flags: string): { ignoreCase: boolean; multiline: boolean } {
  return { ignoreCase: /(?:^|\.)(?:I|IGNORECASE)\b/.test(flags), multiline: /(?:^|\.)(?:M|MULTILINE)\b/.test(flags) };
}

/**
 * The characters a value can hold after a regex operation with pattern `p`:
 * - 'negated-class' (`re.sub(p, "", x)`): `p` must be one negated class `[^...]` (optionally
 *   `+` or `*`); the result keeps only the listed characters.
 * - 'fullmatch' / 'match' / 'search' (a guard that held): every character of the value
 *   matched the pattern; `match` needs an end anchor, `search` both anchors; a `$` anchor
 *   lets a trailing newline through (unless the match was a fullmatch).
 * Null when the pattern does not pin the characters down.
 */
export function patternCharset(p: string, flags: string, mode: 'negated-class' | 'fullmatch' | 'match' | 'search'): CharSet | null {
  const { ignoreCase, multiline } = flagsOf(flags);
  if (mode === 'negated-class') {
    if (!p.startsWith('[^')) return null;
    const cls = parseClass(p, 1);
    if (!cls || !cls.negated || !/^[+*]?$/.test(p.slice(cls.next))) return null;
    return withCase(cls.set, ignoreCase);
  }
  // Lookarounds only take matches away (they consume nothing): the characters of the
  // pattern without them are a superset of what it lets through.
  const parsed = parsePattern(p.replace(LOOKAROUND, ''), ignoreCase);
  if (!parsed) return null;
  if (mode === 'fullmatch') return parsed.set;
  if (parsed.topAlternation) return null;
  if (!parsed.end || (mode === 'search' && !parsed.start)) return null;
  if (parsed.end === '$') {
    if (multiline) return null;
    parsed.set.trailingNewline = true;
  }
  return parsed.set;
}

/** Characters that cannot hurt, per sink kind (ASCII); a kind is cleared when a value's characters are all among them. */
const set = (...parts: (string | string[])[]): Set<string> => new Set(parts.flatMap((x) => (typeof x === 'string' ? [...x] : x)));
const PRINTABLE_EXCEPT = (bad: string): Set<string> => new Set(PRINTABLE.filter((c) => !bad.includes(c)));

/** Numbers, white space and the operators of arithmetic and comparisons, with parentheses: an expression of these names nothing (safe to evaluate). */
const ARITHMETIC = set(DIGITS, SPACE, '+-*/%()<>=!&|^~.,');

const SAFE: [number, Set<string>][] = [
  [K.SQL, set(WORD, '-.@:+')],
  [K.SHELL, set(WORD, '-.,/:@+=%^')],
  [K.CODE, set(WORD, '-+')],
  [K.PATH, set(WORD, '-+@,=% ')],
  [K.SSRF, set(DIGITS, '-_')],
  [K.SSTI, PRINTABLE_EXCEPT('{}%$#<>\\')],
  [K.REDIRECT, PRINTABLE_EXCEPT('/\\:')],
  [K.XSS, PRINTABLE_EXCEPT('<>&"\'`=:')],
  [K.DESER, set(WORD, '-.')],
  [K.LDAP, set(WORD, '-._@ :/')],
  [K.XPATH, set(WORD, '-._ ')],
  [K.HEADER, new Set([...PRINTABLE, '\t'])],
];

/**
 * The sink kinds (bits) a value made only of `cs`'s characters cannot exploit. Session
 * values and exception text are never cleared by their characters (what matters there is
 * where the value came from).
 */
export function charsetClears(cs: CharSet): number {
  if (cs.nonAscii === 'any') return 0;
  let bits = 0;
  // Evaluated text without a letter, a quote or a bracket holds no name: numbers and operators only.
  if (cs.nonAscii !== 'word' && [...cs.ascii].every((c) => ARITHMETIC.has(c))) bits |= K.CODE;
  for (const [bit, safe] of SAFE) {
    if (cs.nonAscii !== 'none' && bit === K.SSRF) continue;
    let ok = true;
    for (const c of cs.ascii) {
      if (!safe.has(c)) {
        ok = false;
        break;
      }
    }
    if (ok) bits |= bit;
  }
  return cs.trailingNewline ? bits & ~K.HEADER : bits;
}

/** The sink kinds a `re.fullmatch`/`match`/`search` guard with pattern `p` clears, 0 when it proves nothing. */
export function patternClears(p: string, flags: string, mode: 'fullmatch' | 'match' | 'search'): number {
  const cs = patternCharset(p, flags, mode);
  return (cs ? charsetClears(cs) | plainFileName(p, flags, cs) : 0) | (quotedLiteral(p, flags, mode) ? K.CODE : 0);
}

/**
 * A file name that cannot leave its folder: no separator (`/`, `\\`) nor NUL among the
 * pattern's characters, and a first character that cannot be a dot, so the value is neither
 * `..` nor `.` (`[A-Za-z0-9][\w-]*\.(?:pdf|png)`): safe to join under a base folder, dots
 * and all. K.PATH then, else 0.
 */
function plainFileName(p: string, flags: string, cs: CharSet): number {
  if (cs.nonAscii === 'any' || cs.ascii.has('/') || cs.ascii.has('\\') || cs.ascii.has('\0')) return 0;
  const first = requiredClass(p.replace(/^(?:\^|\\A)/, ''), flags);
  return first && !first.ascii.has('.') && first.nonAscii !== 'any' ? K.PATH : 0;
}

/**
 * Whether every value the guard lets through is one Python string literal: a quote, a class
 * of characters that holds neither that quote, a backslash nor a line break, a quantifier, and
 * the same quote (`'[A-Za-z0-9 _.-]*'`). Evaluating such a value gives back a string, so it is
 * safe for `eval`/`exec`. The anchors `match` and `search` need are those of {@link patternCharset}.
 */
function quotedLiteral(p: string, flags: string, mode: 'fullmatch' | 'match' | 'search'): boolean {
  const { ignoreCase, multiline } = flagsOf(flags);
  if (multiline) return false;
  let body = p;
  let start = false;
  let end = false;
  if (body.startsWith('^') || body.startsWith('\\A')) {
    start = true;
    body = body.slice(body[0] === '^' ? 1 : 2);
  }
  if (body.endsWith('\\Z') || (body.endsWith('$') && !body.endsWith('\\$'))) {
    end = true;
    body = body.slice(0, body.endsWith('$') ? -1 : -2);
  }
  if ((mode === 'match' && !end) || (mode === 'search' && !(start && end))) return false;
  const quote = /^\\?(['"])/.exec(body);
  if (!quote) return false;
  const q = quote[1];
  let i = quote[0].length;
  if (body[i] !== '[') return false;
  const cls = parseClass(body, i + 1);
  if (!cls) return false;
  const chars = withCase(cls.negated ? complement(cls.set) : cls.set, ignoreCase);
  if (chars.ascii.has(q) || chars.ascii.has('\\') || chars.ascii.has('\n') || chars.ascii.has('\r')) return false;
  i = cls.next;
  const quant = /^(?:[*+?]|\{\d*(?:,\d*)?\})/.exec(body.slice(i));
  if (quant) i += quant[0].length;
  return body.slice(i) === q || body.slice(i) === `\\${q}`;
}

/** A lookahead or lookbehind without groups inside (`(?![/\\])`, `(?<=x)`). */
const LOOKAROUND = /\(\?<?[=!](?:[^()\\]|\\.)*\)/g;

/**
 * Whether a pattern that starts with `/` (after `^` or `\A`) cannot match a value whose
 * second character is `/` or `\` (a protocol-relative `//host` or `/\host` that browsers
 * follow to another site): a negative lookahead for them right after the slash
 * (`/(?![/\\])…`), or a character class without them that must match once (`/[\w-]+…`,
 * `/[a-z]…`). Any other form answers false.
 */
export function secondCharNotSlash(p: string, flags: string): boolean {
  const m = /^(?:\^|\\A)?\//.exec(p);
  if (!m) return false;
  const rest = p.slice(m[0].length);
  // `(?!/)`, `(?!\/)`, `(?![/\\])`, `(?![\\/])`: neither may follow the slash (a lookahead of one class or one character).
  const look = /^\(\?!(\[[^\]]*\]|\\?\/)\)/.exec(rest);
  if (look) {
    if (!look[1].startsWith('[')) return true; // (?!/): then a backslash is left to the character check
    const cls = parseClass(look[1], 1);
    return !!cls && !cls.negated && cls.set.ascii.has('/') && cls.set.ascii.has('\\');
  }
  const first = requiredClass(rest, flags);
  return !!first && !first.ascii.has('/') && !first.ascii.has('\\');
}

/**
 * The characters of the class a pattern (`rest`) starts with when it must match once (no
 * quantifier, `+` or `{1,…}`: not `*`, `?` or `{0,…}`), case folded by the flags; null when
 * the pattern starts otherwise.
 */
function requiredClass(rest: string, flags: string): CharSet | null {
  if (rest[0] !== '[') return null;
  const cls = parseClass(rest, 1);
  if (!cls || /^(?:[*?]|\{0?,)/.test(rest.slice(cls.next))) return null;
  return withCase(cls.negated ? complement(cls.set) : cls.set, flagsOf(flags).ignoreCase);
}

/** The characters of a str method's allow-list: `isdigit`, `isalnum`, `isalpha`, `isidentifier`... (null for others). */
export function strPredicateCharset(method: string): CharSet | null {
  const cs = charSet();
  switch (method) {
    case 'isdigit':
    case 'isdecimal':
    case 'isnumeric':
      DIGITS.forEach((c) => cs.ascii.add(c));
      break;
    case 'isalpha':
      WORD.filter((c) => /[a-zA-Z]/.test(c)).forEach((c) => cs.ascii.add(c));
      break;
    case 'isalnum':
      WORD.filter((c) => c !== '_').forEach((c) => cs.ascii.add(c));
      break;
    case 'isidentifier':
      WORD.forEach((c) => cs.ascii.add(c));
      break;
    default:
      return null;
  }
  cs.nonAscii = 'word';
  return cs;
}

/** Single characters a chain of `.replace(c, r)` calls removes (r a literal without them). */
export function removedChars(call: A.Call, sem: SemanticModel): Set<string> {
  const out = new Set<string>();
  let c: A.Expr = call;
  for (let d = 0; d < 20 && c.type === 'Call' && c.func.type === 'Attribute' && c.func.attr === 'replace'; d++) {
    const a = c.args[0] ? sem.constValue(c.args[0]) : undefined;
    const b = c.args[1] ? sem.constValue(c.args[1]) : undefined;
    if (typeof a === 'string' && a.length === 1 && typeof b === 'string' && !b.includes('\r') && !b.includes('\n') && c.args.length === 2) out.add(a);
    c = c.func.value;
  }
  return out;
}

/**
 * The ASCII characters every occurrence of which a `re.sub(p, repl, x)` removes: `p` is
 * one atom (a class, an escape, a literal character, optionally with `+` or `*`) or an
 * alternation of such atoms (`\r|\n`; a multi-character branch like `\r\n` removes no
 * single character for sure). Null when the pattern is not of that form.
 */
export function deniedChars(p: string, flags: string): Set<string> | null {
  const { ignoreCase } = flagsOf(flags);
  let body = p;
  const group = /^\((?:\?:)?(.*)\)([+*]?)$/s.exec(body);
  if (group && !group[1].includes('(')) body = group[1]!;
  const out = new Set<string>();
  let i = 0;
  let branchAtoms = 0;
  let branch = charSet();
  const endBranch = (): void => {
    if (branchAtoms === 1) for (const c of branch.ascii) out.add(c);
    branchAtoms = 0;
    branch = charSet();
  };
  while (i < body.length) {
    const c = body[i];
    if (c === '|') {
      endBranch();
      i++;
      continue;
    }
    if (c === '+' || c === '*') {
      i++;
      continue;
    }
    let atom: CharSet | null;
    if (c === '[') {
      const cls = parseClass(body, i + 1);
      if (!cls) return null;
      atom = cls.negated ? complement(cls.set) : cls.set;
      i = cls.next;
    } else if (c === '\\') {
      const e = escapeSet(body, i + 1);
      if (!e) return null;
      atom = e.set;
      i = e.next;
    } else if ('()?{}.^$'.includes(c)) {
      return null;
    } else {
      atom = charSetOf(c);
      i++;
    }
    branchAtoms++;
    merge(branch, withCase(atom, ignoreCase));
  }
  endBranch();
  return out;
}

/** The set of the given characters (each one character long). */
export function charSetFrom(chars: Iterable<string>): CharSet {
  const s = charSet();
  for (const c of chars) s.add(c);
  return s;
}

/** The characters both sets hold. */
export function intersect(a: CharSet, b: CharSet): CharSet {
  const s = charSet();
  for (const c of a.ascii) if (b.ascii.has(c)) s.ascii.add(c);
  const rank = { none: 0, digits: 1, word: 2, any: 3 } as const;
  s.nonAscii = rank[a.nonAscii] <= rank[b.nonAscii] ? a.nonAscii : b.nonAscii;
  return s;
}
