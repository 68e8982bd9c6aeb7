/**
 * The one redaction step every string passes before it leaves a worker or reaches a
 * renderer: findings (message, snippet, fix, properties, trace), diagnostics, skipped-file
 * reasons, file paths, dependency tables, index URLs, routes — the whole report.
 *
 * It masks, keeping a short prefix as `maskSecret` does (`ghp_…(40 chars)`):
 * - every known credential format (the secrets analysis's format table, `SECRET_FORMATS`);
 * - the password (or a token-length user) in URL credentials: `https://user:tok@host`;
 * - token-like query parameters: `?token=`, `access_token=`, `key=`, `sig=`, `secret=`…;
 * - the value of every key that names a credential (`SECRET_KEY=…`, `password: …`,
 *   `api_key = "…"`, `"token": "…"`, `connect(password='…')`) in .env, YAML, TOML, INI,
 *   JSON and Python, whatever its length or entropy (below the detection thresholds too).
 *
 * Fast enough to run on every string: one Aho–Corasick pass over the lowercased text
 * decides whether anything can match; only strings holding a keyword are looked at, and
 * only the formats whose keywords occur run their regular expressions. Idempotent: a
 * masked value (`…(N chars)`) is never masked again.
 */
import { SECRET_FORMATS } from './formats/index.js';
import { KeywordMatcher } from './keyword-matcher.js';
import { maskSecret } from '../core/mask.js';
import { SECRET_KEYWORDS, isCredentialName } from '../core/credential-names.js';

/**
 * Regexes of the format table, with match indices (`d`) to find the `secret` group. An
 * underscore before a token does not hide it here (`keys_ghp_….py`, `AWS_AKIA…`): the
 * detector's left boundary keeps `_` to avoid false positives, redaction prefers to mask.
 */
const FORMAT_RES = SECRET_FORMATS.map(
  (f) => new RegExp(f.regex.source.split('(?<![A-Za-z0-9_])').join('(?<![A-Za-z0-9])'), 'gd' + f.regex.flags.replace(/[gd]/g, '')),
);

/** Keywords besides the formats': credential names, URLs, query parameters. */
const NAME_KEYWORDS = [...SECRET_KEYWORDS];
const EXTRA_KEYWORDS = ['://', 'sig', 'session', 'jwt'];

const KEYWORDS: string[] = [];
/** Keyword index → format indices (empty for the non-format keywords). */
const KEYWORD_FORMATS: number[][] = [];
/** Keyword indices that may start a key = value or query parameter. */
const NAME_KEYWORD_IDS = new Set<number>();
let URL_KEYWORD = -1;
{
  const at = new Map<string, number>();
  const add = (kw: string): number => {
    let k = at.get(kw);
    if (k === undefined) {
      k = KEYWORDS.length;
      at.set(kw, k);
      KEYWORDS.push(kw);
      KEYWORD_FORMATS.push([]);
    }
    return k;
  };
  SECRET_FORMATS.forEach((f, fi) => {
    for (const kw of f.keywords) KEYWORD_FORMATS[add(kw)].push(fi);
  });
  for (const kw of [...NAME_KEYWORDS, ...EXTRA_KEYWORDS]) NAME_KEYWORD_IDS.add(add(kw));
  URL_KEYWORD = add('://');
}
const MATCHER = new KeywordMatcher(KEYWORDS);

/** What a masked value looks like; such text is never masked again. */
const MASKED = /\u2026\(\d+ chars\)/;
/**
 * A span that starts with a mask (its kept prefix of at most four characters, then
 * `…(N chars)`): masked already, though the span ends before the mask does (an unquoted
 * value read up to a bracket or a space: `se…(13 chars` of `authkey=se…(13 chars))`).
 * Only at the start: text before a mask is not taken for masked.
 */
const MASK_AT_START = /^[^\s\u2026]{0,4}\u2026\(\d+ chars\)/;
function startsMasked(s: string, a: number): boolean {
  return MASK_AT_START.test(s.slice(a, a + 32));
}

/** Half-open span `[start, end)` of `text` to mask. */
type Span = [number, number];

/** URL credentials: `scheme://user:password@` (the password), or `scheme://token@` (a long user). */
const URL_USERINFO = /[a-z][a-z0-9+.-]{0,30}:\/\/([^\s/?#@:'"<>\\`]{0,256})(?::([^\s/?#@'"<>\\`]{1,1024}))?@/dgi;
/** Query and fragment parameters: `?name=value`, `&name=value`, `;name=value`. */
const QUERY_PARAM = /[?&;#]([A-Za-z0-9_.[\]-]{1,64})=([^&#\s'"<>`]{1,4096})/dg;
const QUERY_SECRET_NAME = /token|key|sig|secret|pass|pwd|auth|session|jwt|credential|cred/i;

/** Occurrences of credential-name keywords (in identifiers or keys). */
const NAME_HIT = new RegExp(
  NAME_KEYWORDS.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  'gi',
);
const IDENT_CHAR = /[A-Za-z0-9_.-]/;
/** After a key: its closing quote, then the separator. */
const SEPARATOR = /^(?:\\?["'])?[ \t]{0,20}(?:==|:=|=>|=|:)(?!=)[ \t]{0,20}/;
/** A Python annotation between `name:` and `=`: `password: str = "…"`. */
const ANNOTATION = /^[A-Za-z_][\w.[\], |]{0,80}?[ \t]{0,20}=(?!=)[ \t]{0,20}/;
/** Values that are code or absent, not a secret. */
const NOT_A_VALUE = /^(?:None|null|nil|true|false|True|False|~|undefined|\$\{[^}]*\}?|\$[A-Za-z_]\w*|\{\{[^}]*\}\}|%\([^)]*\)s|%s|<[^>]*>|\*+|x+|\.\.\.)$/;

/**
 * Mask every secret in `s` (see the module comment). Returns `s` itself when nothing
 * matched. Never throws.
 */
export function redactText(s: string): string {
  if (s.length < 6) return s;
  const lower = s.toLowerCase();
  const hits = MATCHER.scan(lower);
  if (hits.size === 0) return s;
  const spans: Span[] = [];

  // Known credential formats.
  const formats = new Set<number>();
  for (const k of hits) for (const fi of KEYWORD_FORMATS[k]) formats.add(fi);
  for (const fi of formats) {
    const re = FORMAT_RES[fi];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      const idx = m.indices?.groups?.['secret'] ?? m.indices?.[0];
      if (idx && idx[1] > idx[0]) spans.push([idx[0], idx[1]]);
      if (m[0].length === 0) re.lastIndex++;
    }
  }

  if (hits.has(URL_KEYWORD)) {
    URL_USERINFO.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = URL_USERINFO.exec(s))) {
      const pw = m.indices?.[2];
      const user = m.indices?.[1];
      if (pw) spans.push([pw[0], pw[1]]);
      else if (user && user[1] - user[0] >= 16) spans.push([user[0], user[1]]);
    }
  }

  let names = false;
  for (const k of hits) if (NAME_KEYWORD_IDS.has(k)) names = true;
  if (names) {
    if (s.includes('=')) {
      QUERY_PARAM.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = QUERY_PARAM.exec(s))) {
        const v = m.indices?.[2];
        if (v && QUERY_SECRET_NAME.test(m[1]) && !MASKED.test(m[2])) spans.push([v[0], v[1]]);
      }
    }
    keyValues(s, spans);
  }
  return spans.length ? applySpans(s, spans) : s;
}

/** Spans of the values of credential-named keys in `s`. */
function keyValues(s: string, spans: Span[]): void {
  NAME_HIT.lastIndex = 0;
  let lastNameEnd = -1;
  let m: RegExpExecArray | null;
  while ((m = NAME_HIT.exec(s))) {
    // The whole identifier or key around the keyword.
    let a = m.index;
    while (a > 0 && IDENT_CHAR.test(s[a - 1]) && m.index - a < 100) a--;
    let b = m.index + m[0].length;
    while (b < s.length && IDENT_CHAR.test(s[b]) && b - m.index < 100) b++;
    NAME_HIT.lastIndex = Math.max(NAME_HIT.lastIndex, b);
    if (b <= lastNameEnd) continue;
    lastNameEnd = b;
    const name = s.slice(a, b).replace(/^[.-]+|[.-]+$/g, '');
    // A path component (`/etc/passwd: …`, `C:\\keys\\token = …`) names a file, not a key.
    if (a > 0 && (s[a - 1] === '/' || s[a - 1] === '\\')) continue;
    if (!isCredentialName(name)) continue;
    const sep = SEPARATOR.exec(s.slice(b, b + 64));
    if (!sep) continue;
    let v = b + sep[0].length;
    if (sep[0].includes(':') && !sep[0].includes('=') && s[v] !== '"' && s[v] !== "'" && s[v] !== '\\') {
      const ann = ANNOTATION.exec(s.slice(v, v + 120));
      if (ann && !/^[ \t]*$/.test(s.slice(v + ann[0].length, v + ann[0].length + 1) || 'x')) v += ann[0].length;
    }
    const span = valueSpan(s, v);
    if (span) spans.push(span);
  }
}

/** The span of the value that starts at `v` (quoted or not), or undefined for code and empty values. */
function valueSpan(s: string, v: number): Span | undefined {
  const eol = lineEnd(s, v);
  // String prefixes: r'…', b"…", f'…'.
  const pre = /^[rRbBuUfF]{1,2}(?=["'])/.exec(s.slice(v, v + 3));
  if (pre) v += pre[0].length;
  const c = s[v];
  if (c === '\\' && s[v + 1] === '"') {
    // An escaped quote (JSON inside JSON, a notebook's source line).
    const close = s.indexOf('\\"', v + 2);
    return checked(s, v + 2, close >= 0 && close <= eol ? close : eol);
  }
  if (c === '"' || c === "'") {
    const triple = s.startsWith(c.repeat(3), v);
    const open = v + (triple ? 3 : 1);
    let close = triple ? s.indexOf(c.repeat(3), open) : indexOfUnescaped(s, c, open, eol);
    if (close < 0 || (!triple && close > eol)) close = triple ? s.length : eol; // unterminated: to the end
    return checked(s, open, close);
  }
  // Unquoted: to the end of the line, a comment, or a closing bracket/separator.
  let end = v;
  while (end < eol) {
    const ch = s[end];
    if (ch === ',' || ch === ';' || ch === ')' || ch === '}' || ch === ']' || ch === '&') break;
    if (ch === '#' && (end === v || s[end - 1] === ' ' || s[end - 1] === '\t')) break;
    end++;
  }
  while (end > v && (s[end - 1] === ' ' || s[end - 1] === '\t' || s[end - 1] === '\r')) end--;
  if (end <= v) return undefined;
  const value = s.slice(v, end);
  // Code, not a value: a call, a subscript, a collection.
  if (/^[A-Za-z_][\w.]*\s*[([]/.test(value) || /^[([{]/.test(value)) return undefined;
  return checked(s, v, end);
}

function checked(s: string, start: number, end: number): Span | undefined {
  if (end <= start) return undefined;
  const value = s.slice(start, end);
  if (NOT_A_VALUE.test(value.trim()) || MASKED.test(value) || startsMasked(s, start)) return undefined;
  return [start, end];
}

function lineEnd(s: string, from: number): number {
  const n = s.indexOf('\n', from);
  return n < 0 ? s.length : n;
}

function indexOfUnescaped(s: string, q: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const ch = s[i];
    if (ch === '\\') i++;
    else if (ch === q) return i;
  }
  return -1;
}

/** Replace each span (merged where they overlap) by its mask. */
function applySpans(s: string, spans: Span[]): string {
  spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged: Span[] = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && sp[0] < last[1]) last[1] = Math.max(last[1], sp[1]);
    else merged.push([sp[0], sp[1]]);
  }
  let out = '';
  let at = 0;
  for (const [a, b] of merged) {
    const piece = s.slice(a, b);
    out += s.slice(at, a) + (MASKED.test(piece) || startsMasked(s, a) ? piece : maskSecret(piece));
    at = b;
  }
  return out + s.slice(at);
}

/** Objects whose every string was redacted where they were made (see {@link markRedacted}). */
const REDACTED = new WeakSet<object>();

/**
 * Record that every string reachable from `value` is redacted already and will not change
 * (a file's statistics, redacted in the worker that analysed the file or read back from the
 * result cache, which stores redacted results): {@link redactDeep} skips it.
 */
export function markRedacted(value: object): void {
  REDACTED.add(value);
}

/**
 * Redact, in place, every string reachable from `value` (objects and arrays; keys are
 * left as they are) with {@link redactText}, except objects {@link markRedacted} recorded.
 * Returns `value`.
 */
export function redactDeep<T>(value: T): T {
  const seen = new WeakSet<object>();
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v);
    if (typeof v !== 'object' || v === null || seen.has(v) || REDACTED.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === 'string') {
          const r = redactText(x);
          if (r !== x) v[i] = r;
        } else if (typeof x === 'object' && x !== null) visit(x);
      }
      return v;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) v.set(k, visit(x));
      return v;
    }
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const x = o[k];
      if (typeof x === 'string') {
        const r = redactText(x);
        if (r !== x) o[k] = r;
      } else if (typeof x === 'object' && x !== null) visit(x);
    }
    return v;
  };
  return visit(value) as T;
}
