/**
 * Sanitizers and pass-through summaries: calls that neutralise taint for some sink kinds,
 * and calls whose result carries the taint of their arguments. The rows live in the
 * per-library tables of `models/`; this module indexes them for the interpreter, and holds
 * the recognisers that look at a call's arguments (`re.sub(r"[^a-z0-9]", "", x)`, a chain
 * of `.replace()` that removes CR and LF). Everything else that krait cannot see into (a
 * library function, a database lookup) returns untainted data — the analysis prefers a
 * missed flow to a wrong one.
 */
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { K } from './model.js';
import { bitsOf, MODELS, type MethodRow, type RoundTripRow, type SanitizerRow } from './models/index.js';
import { charSetFrom, charsetClears, deniedChars, intersect, patternCharset, removedChars, strPredicateCharset, type CharSet } from './models/regex.js';
import { boundCall } from './models/predicates.js';

function buildSanitizers(rows: readonly SanitizerRow[], into: Map<string, number>): void {
  for (const r of rows) {
    const bits = bitsOf(r.clears);
    for (const n of r.names) into.set(n, (into.get(n) ?? 0) | bits);
  }
}

const BUILTIN_SANITIZERS = new Map<string, number>();
buildSanitizers(
  MODELS.flatMap((m) => m.sanitizers ?? []),
  BUILTIN_SANITIZERS,
);

/** Qualified call name → sink kinds (bits) its result is safe for. */
export const SANITIZERS: ReadonlyMap<string, number> = new Map(BUILTIN_SANITIZERS);

const BUILTIN_PROPAGATORS = new Set(MODELS.flatMap((m) => m.passThrough ?? []));
/** Calls whose result carries the taint of every argument (pass-through summaries). */
export const PROPAGATORS: ReadonlySet<string> = new Set(BUILTIN_PROPAGATORS);

/** Joins of path parts: a controlled part after the first may be absolute and replace the base. */
export const PATH_JOINS: ReadonlySet<string> = new Set(MODELS.flatMap((m) => m.pathJoins ?? []));

/** Methods whose result says something about the receiver but carries none of it. */
export const NON_PROPAGATING_METHODS: ReadonlySet<string> = new Set(MODELS.flatMap((m) => m.nonPropagatingMethods ?? []));

/** Methods whose result carries the receiver's and the arguments' taint on some receivers (`PATTERN.sub(r, s)`), by method name. */
export const METHOD_PASS_THROUGH: ReadonlyMap<string, readonly MethodRow[]> = indexMethods(MODELS.flatMap((m) => m.methodPassThrough ?? []));

/** Methods that add their arguments to some receivers only (`buf.write(x)` on an `io.StringIO`), by method name. */
export const RECEIVER_ADDERS: ReadonlyMap<string, readonly MethodRow[]> = indexMethods(MODELS.flatMap((m) => m.receiverAdders ?? []));

function indexMethods(rows: readonly MethodRow[]): Map<string, MethodRow[]> {
  const out = new Map<string, MethodRow[]>();
  for (const r of rows) for (const m of r.methods) (out.get(m) ?? out.set(m, []).get(m)!).push(r);
  return out;
}

/** Serialiser round trips that keep a container's elements apart (`json.loads(json.dumps(x))`). */
export const ROUND_TRIPS: readonly RoundTripRow[] = MODELS.flatMap((m) => m.roundTrips ?? []);

/** Methods of a container that add their arguments to it (`cmd.append(x)`). */
export const CONTAINER_ADDERS: ReadonlySet<string> = new Set(MODELS.flatMap((m) => m.containerAdders ?? []));

/**
 * Replace the project's own sanitizer and pass-through rows (from `[tool.krait.taint]`)
 * until the next call; empty lists restore the built-ins.
 */
export function setProjectSanitizers(rows: readonly SanitizerRow[], passThrough: readonly string[]): void {
  const s = SANITIZERS as Map<string, number>;
  const p = PROPAGATORS as Set<string>;
  s.clear();
  for (const [k, v] of BUILTIN_SANITIZERS) s.set(k, v);
  buildSanitizers(rows, s);
  p.clear();
  for (const n of BUILTIN_PROPAGATORS) p.add(n);
  for (const n of passThrough) p.add(n);
}

/**
 * Sink kinds a value built from a literal prefix can no longer reach: a fixed
 * `https://host/` start pins the host (no SSRF, no open redirect), a single leading `/`
 * keeps a redirect on the same site.
 */
export function prefixClears(prefix: string): number {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s{}]+[/?#]/i.test(prefix)) return K.SSRF | K.REDIRECT;
  // A path on this site: `/` and then something that is not another `/` or `\\` (`"/" + u`
  // with u = `/evil.example` is `//evil.example`, another host).
  if (/^\/[^/\\]/.test(prefix)) return K.SSRF | K.REDIRECT;
  return 0;
}

/**
 * Sink kinds a value can no longer reach when fixed text before its untrusted part holds a
 * whole path segment (`f"{settings.BASE}/stock/{sku}"`, `base + "/v1/" + name`): whatever
 * the developer's values before it are, a `/segment/` ends the URL's authority, so the host
 * is theirs (or the URL is a path on this site). Only a segment within one literal counts
 * (`"/" + v + "/"` with an empty `v` could make `//`).
 */
export function closedSegmentClears(literal: string): number {
  return /\/[^/\\?#]+[/?#]/.test(literal) ? K.SSRF | K.REDIRECT : 0;
}

/**
 * The sink kinds (bits) a call's result is safe for, looking at its arguments too: the
 * table's sanitizers by name, else {@link argumentSanitizer}. 0 when the call clears
 * nothing; the interpreter clears these bits from whatever taint the call's result carries.
 */
export function callSanitizer(call: A.Call, qualified: string | null, sem: SemanticModel): number {
  if (qualified) {
    const s = SANITIZERS.get(qualified);
    if (s !== undefined) return s;
  }
  return argumentSanitizer(call, qualified, sem).bits;
}

/** What an argument-dependent sanitiser clears, and how to name it in explanations. */
export interface ArgumentSanitizer {
  bits: number;
  label: string;
}

const NONE: ArgumentSanitizer = { bits: 0, label: '' };
const CR_LF = (s: Set<string> | null): boolean => !!s && s.has('\r') && s.has('\n');

/**
 * Sanitisers that depend on their arguments, not their name:
 * - `re.sub(r"[^a-z0-9]", "", x)` (and `PATTERN.sub("", x)` with a compiled pattern) with
 *   a negated allow-list class: clears every kind whose dangerous characters the class
 *   excludes;
 * - `re.sub(r"[\r\n]", "", x)` / `re.sub(r"\r|\n", " ", x)`: a deny-list that removes
 *   both CR and LF clears header (and log) injection;
 * - a chain of `.replace(c, r)` that removes CR and LF (one of them, or other characters,
 *   clears nothing);
 * - `"".join(ch for ch in x if ch not in "\r\n")`: a character filter; a deny-list of CR
 *   and LF clears header injection, an allow-list (`ch in ALLOWED`, `ch.isalnum()`) every
 *   kind its characters cannot exploit.
 */
export function argumentSanitizer(call: A.Call, qualified: string | null, sem: SemanticModel): ArgumentSanitizer {
  const f = call.func;
  if (qualified && QUOTES.has(qualified)) return quoteClears(call, qualified, sem);
  let pattern: A.Expr | undefined;
  let repl: A.Expr | undefined;
  let flags: A.Expr | undefined;
  let count: A.Expr | undefined;
  if (qualified === 're.sub') {
    [pattern, repl] = call.args;
    count = call.args[3] ?? call.keywords.find((k) => k.arg === 'count')?.value;
    flags = call.args[4] ?? call.keywords.find((k) => k.arg === 'flags')?.value;
  } else if (f.type === 'Attribute' && f.attr === 'sub') {
    const compiled = boundCall(f.value, sem);
    if (compiled && sem.callName(compiled) === 're.compile') {
      pattern = compiled.args[0];
      flags = compiled.args[1] ?? compiled.keywords.find((k) => k.arg === 'flags')?.value;
      repl = call.args[0];
      count = call.args[2] ?? call.keywords.find((k) => k.arg === 'count')?.value;
    }
  } else if (f.type === 'Attribute' && f.attr === 'replace') {
    return CR_LF(removedChars(call, sem)) ? { bits: K.HEADER, label: 'the replace() chain that removes CR and LF' } : NONE;
  } else if (f.type === 'Attribute' && f.attr === 'encode' && call.args[0] && sem.constValue(call.args[0]) === 'unicode_escape') {
    // The unicode_escape codec writes CR, LF and every other control character as `\n`-style escapes.
    return { bits: K.HEADER, label: 'the unicode_escape encoding' };
  } else if (f.type === 'Attribute' && f.attr === 'join' && call.args.length === 1 && !call.keywords.length) {
    const bits = filterClears(call.args[0], sem);
    return bits ? { bits, label: 'the character filter' } : NONE;
  }
  if (!pattern || !repl) return NONE;
  if (count && sem.constValue(count) !== 0) return NONE;
  const p = sem.constValue(pattern);
  const given = sem.constValue(repl);
  // (A string replacement may refer to groups with `\`; a function's result is used as it is.)
  const r = typeof given === 'string' ? (given.includes('\\') ? undefined : given) : replacementChars(repl, sem);
  if (typeof p !== 'string' || typeof r !== 'string') return NONE;
  const fl = flags ? (sem.qualifiedName(flags) ?? '') : '';
  const kept = patternCharset(p, fl, 'negated-class');
  if (kept) {
    for (const ch of r) kept.add(ch);
    const bits = charsetClears(kept);
    return bits ? { bits, label: `re.sub() with the allow-list ${p.slice(0, 40)}` } : NONE;
  }
  if (!r.includes('\r') && !r.includes('\n') && CR_LF(deniedChars(p, fl))) return { bits: K.HEADER, label: `re.sub() of ${p.slice(0, 40)}, which removes CR and LF` };
  return NONE;
}

/**
 * The characters a replacement function can return, when it is a lambda formatting numbers
 * into a constant template (`lambda m: "\\x%02x" % ord(m.group())`, `"\\u{:04x}".format(…)`):
 * the template's own characters and hexadecimal digits. Undefined otherwise.
 */
function replacementChars(repl: A.Expr, sem: SemanticModel): string | undefined {
  return repl.type === 'Lambda' ? numberTemplateChars(repl.body, sem) : undefined;
}

/** A constant template formatting numbers only (`"\\x%02x" % n`, `"\\u{:04x}".format(n)`): its characters and hexadecimal digits. Undefined otherwise. */
function numberTemplateChars(body: A.Expr, sem: SemanticModel): string | undefined {
  let template: unknown;
  if (body.type === 'BinOp' && body.op === 'Mod') {
    template = sem.constValue(body.left);
    // Only numeric conversions (`%d`, `%02x`, `%o`…): no `%s` or `%r` of the matched text.
    if (typeof template !== 'string' || /%(?![-#0 +]*\d*(?:\.\d+)?[diouxX%])/.test(template)) return undefined;
  } else if (body.type === 'Call' && body.func.type === 'Attribute' && body.func.attr === 'format') {
    template = sem.constValue(body.func.value);
    // Only numeric format specs (`{:02x}`, `{:d}`, `{0:x}`).
    if (typeof template !== 'string' || /\{(?![^{}]*:[^{}]*[dxXob]\})/.test(template.replace(/\{\{|\}\}/g, ''))) return undefined;
  } else {
    return undefined;
  }
  return `${template}0123456789abcdefABCDEF`;
}

/** Percent-encoders whose `safe` argument (positional 1) names characters left as they are. */
const QUOTES = new Map([
  ['urllib.parse.quote', '/'],
  ['urllib.parse.quote_plus', ''],
  ['urllib.quote', '/'],
  ['urllib.quote_plus', ''],
]);

/** Characters that, kept by `safe=`, let a value exploit a sink kind again. */
const QUOTE_DANGER: [number, string][] = [
  [K.SSRF, ':'],
  [K.REDIRECT, ':/\\'],
  [K.SQL, '\'"\\;'],
  [K.SHELL, ';|&$`\'"<>()\\ \n'],
  [K.XSS, '<>"\'&`'],
  [K.LDAP, '()*\\'],
  [K.XPATH, '\'"[]()'],
  [K.SSTI, '{}%'],
  [K.HEADER, '\r\n'],
];

/**
 * `urllib.parse.quote(x, safe=S)` / `quote_plus`: everything but [A-Za-z0-9_.~-] and S is
 * percent-encoded. It clears the kinds whose dangerous characters S does not keep — so the
 * default `safe='/'` does not clear redirects (`//evil.example` stays a protocol-relative
 * URL) and `safe=':/'` does not clear SSRF. A `safe` krait cannot fold clears nothing.
 * Percent-encoding never changes where a value came from (sessions), nor makes it a path.
 */
function quoteClears(call: A.Call, q: string, sem: SemanticModel): ArgumentSanitizer {
  const arg = call.args[1] ?? call.keywords.find((k) => k.arg === 'safe')?.value;
  const safe = arg ? sem.constValue(arg) : QUOTES.get(q);
  if (typeof safe !== 'string') return NONE;
  const kept = safe;
  let bits = K.DESER;
  for (const [bit, danger] of QUOTE_DANGER) if (![...danger].some((c) => kept.includes(c))) bits |= bit;
  return { bits, label: `${q.split('.').pop()}()${arg ? ` with safe=${JSON.stringify(kept).slice(0, 20)}` : ''}` };
}

/**
 * `ch for ch in x if COND` (a generator or list comprehension that keeps some characters):
 * the kinds its result is safe for. COND may be `ch not in "..."`/`ch != "c"` (a deny-list:
 * CR and LF both out clears headers), `ch in "..."` (an allow-list) or `ch.isalnum()` and
 * the like, joined with `and`.
 */
function filterClears(e: A.Expr, sem: SemanticModel): number {
  if ((e.type !== 'GeneratorExp' && e.type !== 'ListComp') || e.generators.length !== 1) return 0;
  const g = e.generators[0];
  if (g.target.type !== 'Name' || g.is_async) return 0;
  const v = g.target.id;
  const conds: A.Expr[] = [];
  // `ch if COND else REPL for ch in x` (or `REPL if not COND else ch`): the characters COND
  // lets through, and what REPL writes instead of the others (a constant, or a code of the
  // character in digits: `f"\\x{ord(ch):02x}"`).
  let replaced = '';
  let elt = e.elt;
  if (elt.type === 'IfExp') {
    let test = elt.test;
    let keep = elt.body;
    let repl = elt.orelse;
    if (test.type === 'UnaryOp' && test.op === 'Not') [test, keep, repl] = [test.operand, repl, keep];
    const chars = mappedChars(repl, v, sem);
    if (chars === undefined) return 0;
    replaced = chars;
    conds.push(test);
    elt = keep;
  }
  if (elt.type !== 'Name' || elt.id !== v) return 0;
  const denied = new Set<string>();
  let allowed: CharSet | null = null;
  for (const c of [...conds.splice(0), ...g.ifs]) {
    if (c.type === 'BoolOp' && c.op === 'And') conds.push(...c.values);
    else conds.push(c);
  }
  for (const c of conds) {
    if (c.type === 'Compare' && c.ops.length === 1 && c.left.type === 'Name' && c.left.id === v) {
      const op = c.ops[0];
      const chars = literalChars(c.comparators[0], sem);
      if (!chars) continue;
      if (op === 'NotIn' || op === 'NotEq') for (const ch of chars) denied.add(ch);
      else if (op === 'In' || op === 'Eq') {
        const cs = charSetFrom(chars);
        allowed = allowed ? intersect(allowed, cs) : cs;
      }
    } else if (c.type === 'Call' && c.func.type === 'Attribute' && c.func.value.type === 'Name' && c.func.value.id === v && !c.args.length) {
      // (`isprintable()` is false for every control character, CR and LF among them.)
      if (c.func.attr === 'isprintable') for (let i = 0; i < 32; i++) denied.add(String.fromCharCode(i));
      const cs = strPredicateCharset(c.func.attr);
      if (cs) allowed = allowed ? intersect(allowed, cs) : cs;
    }
  }
  for (const ch of replaced) {
    denied.delete(ch);
    allowed?.add(ch);
  }
  let bits = allowed ? charsetClears(allowed) : 0;
  if (denied.has('\r') && denied.has('\n')) bits |= K.HEADER;
  return bits;
}

/**
 * The characters an expression standing for a replacement of the character `v` can hold:
 * a string constant's, or a template of constants and numeric conversions of the character
 * (`f"\\x{ord(ch):02x}"`, `"\\x%02x" % ord(ch)`, `"&#{};".format(ord(ch))`: the
 * template's characters and hexadecimal digits). Undefined otherwise.
 */
function mappedChars(e: A.Expr, v: string, sem: SemanticModel): string | undefined {
  const c = sem.constValue(e);
  if (typeof c === 'string') return c;
  const numeric = (x: A.Expr): boolean => x.type === 'Call' && x.func.type === 'Name' && (x.func.id === 'ord' || x.func.id === 'len') && x.args.length === 1 && x.args[0].type === 'Name' && x.args[0].id === v && sem.lookup(x.func.id, x) === undefined;
  if (e.type === 'JoinedStr') {
    let out = '';
    for (const part of e.values) {
      if (part.type === 'Constant' && typeof part.value === 'string') out += part.value;
      else if (part.type === 'FormattedValue' && numeric(part.value) && part.conversion === -1) {
        const spec = part.format_spec ? sem.constValue(part.format_spec) ?? (part.format_spec.type === 'JoinedStr' && part.format_spec.values.length === 1 ? sem.constValue(part.format_spec.values[0]) : undefined) : '';
        if (typeof spec !== 'string' || !/^[0#]?\d*[dxXob]?$/.test(spec)) return undefined;
      } else return undefined;
    }
    return `${out}0123456789abcdefABCDEF`;
  }
  if (e.type === 'BinOp' || e.type === 'Call') {
    const arg = e.type === 'BinOp' ? e.right : e.args[0];
    return arg && numeric(arg) ? numberTemplateChars(e, sem) : undefined;
  }
  return undefined;
}

/** The characters of a literal string, or of a tuple/list/set of one-character literals. */
function literalChars(e: A.Expr, sem: SemanticModel): string[] | null {
  const c = sem.constValue(e);
  if (typeof c === 'string') return [...c];
  if (e.type === 'Tuple' || e.type === 'List' || e.type === 'Set') {
    const out: string[] = [];
    for (const x of e.elts) {
      const v = sem.constValue(x);
      if (typeof v !== 'string') return null;
      out.push(...v);
    }
    return out;
  }
  return null;
}

/**
 * Whether an HTML escaping call leaves quotes as they are: `html.escape(s, quote=False)`,
 * `cgi.escape(s)` (its `quote` defaults to false), `xml.sax.saxutils.escape(s)` (only `&`,
 * `<` and `>` unless given more entities), Django's `strip_tags(s)` (removes tags, escapes
 * nothing). Python's documentation of `html.escape`, `cgi.escape` and
 * `xml.sax.saxutils.escape`; Django's of `django.utils.html.strip_tags`.
 */
export function escapeLeavesQuotes(call: A.Call, qualified: string | null, sem: SemanticModel): boolean {
  const flag = (pos: number): unknown => {
    const k = call.keywords.find((x) => x.arg === 'quote');
    const e = k ? k.value : call.args[pos];
    return e === undefined ? undefined : e.type === 'Starred' ? true : (sem.constValue(e) ?? true);
  };
  if (qualified === 'html.escape') return flag(1) === false;
  if (qualified === 'cgi.escape') return !flag(1);
  // (Entities that map both quotes make it safe in attributes, as quoteattr is.)
  if (qualified === 'xml.sax.saxutils.escape') return call.args.length < 2 && !call.keywords.some((k) => k.arg === 'entities');
  // Django's strip_tags removes tags and escapes nothing: a quote ends an attribute value.
  if (qualified === 'django.utils.html.strip_tags') return true;
  return false;
}
