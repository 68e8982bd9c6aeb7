/**
 * The data model of krait's taint analysis: which kinds of sink a tainted value can still
 * reach (a bit mask, so that a sanitizer clears only what it neutralises — `shlex.quote`
 * makes a value safe for a shell, not for SQL), where the taint came from, and the steps
 * it took (a linked list, so extending a trace is O(1)).
 */
import type * as A from '../python/ast.js';

/** Sink kinds, one bit each. A taint's `mask` holds the kinds it can still reach. */
export const K = {
  SQL: 1 << 0,
  SHELL: 1 << 1,
  CODE: 1 << 2,
  PATH: 1 << 3,
  SSRF: 1 << 4,
  SSTI: 1 << 5,
  REDIRECT: 1 << 6,
  XSS: 1 << 7,
  DESER: 1 << 8,
  LDAP: 1 << 9,
  XPATH: 1 << 10,
  HEADER: 1 << 11,
  SESSION: 1 << 12,
  REGEX: 1 << 13,
  /** Exception details (traceback text): only reach "HTTP response" sinks. */
  RESPONSE: 1 << 14,
  /**
   * Query operators in a MongoDB filter (`{"password": {"$ne": null}}`): only a value that
   * may be a dict or a list parsed from the request (a JSON body, `json.loads` of request
   * data) carries it; a string from a query parameter or a form field cannot be an operator.
   */
  NOSQL: 1 << 15,
} as const;

/** Every kind user-controlled data can reach (a string: every kind but {@link K.NOSQL}, which needs {@link STRUCTURED_MASK}). */
export const USER_MASK = (1 << 14) - 1;
/** What user data parsed into dicts and lists (a JSON body) can reach: every user kind and MongoDB operators. */
export const STRUCTURED_MASK = USER_MASK | K.NOSQL;
/** Every kind (used for the symbolic taint of a function's parameters). */
export const ALL_MASK = (1 << 16) - 1;

/**
 * Where tainted data came from: an HTTP request (remote attacker), the command line or
 * standard input (local user), the environment (deployment), or exception text.
 */
export type Origin = 'request' | 'cli' | 'env' | 'traceback';

const ORIGIN_RANK: Record<Origin, number> = { request: 3, cli: 2, env: 1, traceback: 0 };

/** Rank of an origin for choosing which trace to keep when two taints merge. */
export function originRank(o: Origin | null): number {
  return o === null ? -1 : ORIGIN_RANK[o];
}

/** One step of a taint's history; `prev` points towards the source. */
export interface Step {
  node: A.AnyNode;
  message: string;
  kind: 'source' | 'step';
  prev: Step | null;
  /** Number of steps from the source (1 for the source itself). */
  len: number;
  /** The file of `node` when it is not the module being analysed (a step in another module). */
  path?: string;
}

/** The abstract value of a tainted expression. */
export interface Taint {
  /** Sink kinds (bits of {@link K}) this value can still reach. */
  mask: number;
  /**
   * Whether the start of the value may be controlled (a list whose first element, or a
   * string whose first character, comes from the source). `["convert", name]` is not:
   * without a shell, only the program name (the head) matters.
   */
  head: boolean;
  /** Bit i: flows from parameter i of the function being analysed (for summaries). */
  params: number;
  /**
   * When the parameters' parts reach different kinds (`os.path.join(self._dir(ticket_id),
   * basename(filename))`): per parameter i, the kinds its part can reach; parameter i's
   * kinds are `mask & pmask[i]` (see {@link paramMask}). Absent: every parameter reaches `mask`.
   */
  pmask?: number[];
  /** Last step of the trace from a real source; null when only from parameters. */
  trace: Step | null;
  origin: Origin | null;
  /** Built by os.path.join/Path with a controlled later part (an absolute value replaces the base). */
  joined: boolean;
  /**
   * Sink kinds a sanitiser or barrier guard removed on the way (a value whose `mask` is 0
   * is kept, as a residue, so that triage can say "sanitised by shlex.quote()" rather than
   * "unknown"); `by` names the last one.
   */
  cleared?: number;
  by?: string;
  /**
   * When a value joins untrusted data with a parameter's symbolic value (`"%d %s" % (count,
   * shlex.quote(host))` in a function): the kinds the untrusted part can reach. The
   * parameter's part keeps every kind in `mask` (for the function's summary), but only
   * this part makes a flow here. See {@link originMask}.
   */
  omask?: number;
  /**
   * Path traversal was cleared by a check for `..` alone: the value may still be an absolute
   * path, which replaces the folder when it starts the path or is joined as a later part
   * (`os.path.join(BASE, name)`). See `TaintAnalysis.hit`.
   */
  dots?: true;
  /** Checked not to be an absolute path (`not os.path.isabs(p)`): a later check for `..` alone then rules traversal out. */
  notAbs?: true;
  /**
   * The value is a file object, not a string: an upload itself (`request.files["f"]`,
   * `.get("f")`, its `.stream`) or an in-memory file (`io.BytesIO(data)`). Given where a path
   * or a file is accepted (`zipfile.ZipFile(upload.stream)`) it names no file. Anything read from it (`.filename`, `.read()`) or made from it is a
   * value of its own, without the mark. See `TaintAnalysis.hit`.
   */
  upload?: true;
  /** The query-operator kind was added because the value holds `$where` (`$function`, `$accumulator`) code of a MongoDB filter. */
  mongoCode?: true;
  /**
   * Cross-site scripting was cleared by an escape that leaves quotes as they are
   * (`html.escape(s, quote=False)`, `xml.sax.saxutils.escape`): safe as element text, not
   * inside a quoted attribute value, where a quote ends the value (see {@link inQuotedAttribute}).
   */
  quotesLeft?: true;
}

/**
 * Whether text that follows `before` in HTML lies inside a quoted attribute value
 * (`<input value="` … ): the last tag opened in `before` is not closed and one of its
 * quotes is open. Per the HTML Living Standard's attribute value states (13.2.5.36–37).
 */
export function inQuotedAttribute(before: string): boolean {
  const lt = before.lastIndexOf('<');
  if (lt < 0 || !/^<[A-Za-z]/.test(before.slice(lt, lt + 2))) return false;
  let quote = '';
  for (let i = lt + 1; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return false;
  }
  return quote !== '';
}

/** HTML attributes whose value is a URL the browser follows or loads (a `javascript:` URL there runs script). */
const URL_ATTRIBUTE_START = /\s(?:href|src|action|formaction|xlink:href|poster|background|cite)\s*=\s*["']?$/i;

/**
 * Whether the text before a value ends where a URL attribute's value starts, inside a tag
 * (`<a href="` + value): HTML escaping leaves a `javascript:` URL as it is there (HTML
 * Living Standard, URL attributes; OWASP XSS prevention, rule 5).
 */
export function atUrlAttributeStart(before: string): boolean {
  const lt = before.lastIndexOf('<');
  return lt >= 0 && before.lastIndexOf('>') < lt && URL_ATTRIBUTE_START.test(before.slice(lt));
}

/** The value with cross-site scripting back in its mask when a sanitiser that cleared only some kinds cleared it (an HTML escape at the start of a URL attribute). */
export function unescapedAsUrl(t: Taint): Taint {
  const cleared = t.cleared ?? 0;
  if (!(cleared & K.XSS) || cleared === ALL_MASK) return t;
  return { ...addKinds(t, K.XSS), cleared: cleared & ~K.XSS };
}

/** The value with cross-site scripting back in its mask when it was cleared by an escape that leaves quotes (see {@link Taint.quotesLeft}). */
export function unescapedInAttribute(t: Taint): Taint {
  if (!t.quotesLeft || !((t.cleared ?? 0) & K.XSS)) return t;
  return { ...addKinds(t, K.XSS), cleared: (t.cleared ?? 0) & ~K.XSS };
}

/** The sink kinds the untrusted part of a value can still reach (a flow needs one of them). */
export function originMask(t: Taint): number {
  return t.omask === undefined ? t.mask : t.mask & t.omask;
}

/** The taint reaching `bits` again (every parameter's part too: a decoder undoes what an encoder cleared, a quote left open re-opens XSS). */
export function addKinds(t: Taint, bits: number): Taint {
  return { ...t, mask: t.mask | bits, ...(t.pmask ? { pmask: t.pmask.map((m) => (m ?? 0) | bits) } : {}) };
}

/** The kinds parameter i's part of a value can reach (see {@link Taint.pmask}); 0 when the value holds none of it. */
export function paramMask(t: Taint, i: number): number {
  return t.params & (1 << i) ? t.mask & (t.pmask?.[i] ?? t.mask) : 0;
}

/** Per parameter, the kinds each side's part reaches when they differ from the joined mask; undefined when they do not. */
function joinedPmask(a: Taint, b: Taint, params: number, mask: number): number[] | undefined {
  if (!a.pmask && !b.pmask && (!(a.params & params) || a.mask === mask) && (!(b.params & params) || b.mask === mask)) return undefined;
  let out: number[] | undefined;
  for (let i = 0; i < 30; i++) {
    if (!(params & (1 << i))) continue;
    const m = paramMask(a, i) | paramMask(b, i);
    if (m !== mask) (out ??= [])[i] = m;
  }
  if (!out) return undefined;
  for (let i = 0; i < 30; i++) if (params & (1 << i) && out[i] === undefined) out[i] = mask;
  return out;
}

/** Union of two abstract values (may-taint): masks and parameters join, the strongest origin's trace is kept. */
export function join(a: Taint | null, b: Taint | null): Taint | null {
  if (!a) return b;
  if (!b || a === b) return a;
  const pick = originRank(a.origin) >= originRank(b.origin) ? a : b;
  // Untrusted data joined with a parameter's value: remember what the untrusted part reaches.
  const mixes = (a.origin !== null && b.origin === null && b.params !== 0) || (b.origin !== null && a.origin === null && a.params !== 0);
  const omask = mixes || a.omask !== undefined || b.omask !== undefined ? (a.origin ? originMask(a) : 0) | (b.origin ? originMask(b) : 0) : undefined;
  const mask = a.mask | b.mask;
  const params = a.params | b.params;
  const pmask = params ? joinedPmask(a, b, params, mask) : undefined;
  return {
    mask,
    ...(pmask ? { pmask } : {}),
    head: a.head || b.head,
    params,
    trace: pick.trace,
    origin: pick.origin,
    joined: a.joined || b.joined,
    ...(a.cleared || b.cleared ? { cleared: (a.cleared ?? 0) | (b.cleared ?? 0), by: a.by ?? b.by } : {}),
    ...(omask !== undefined && pick.origin ? { omask } : {}),
    ...(a.dots || b.dots ? { dots: true as const } : {}),
    ...(a.upload && b.upload ? { upload: true as const } : {}),
    ...(a.mongoCode || b.mongoCode ? { mongoCode: true as const } : {}),
    ...(a.quotesLeft || b.quotesLeft ? { quotesLeft: true as const } : {}),
  };
}

/**
 * The taint with sink kinds `bits` removed by `by` (a sanitiser or guard, for explanations).
 * A value from a real source or from a parameter keeps a residue with mask 0 (it reaches no
 * sink, but triage can tell it was sanitised, and a function's summary that its result is
 * its parameter sanitised: `def clean(v): return str(int(v))`); any other value whose mask
 * empties becomes null.
 */
export function clear(t: Taint | null, bits: number, by?: string): Taint | null {
  if (!t) return null;
  const mask = t.mask & ~bits;
  if (mask === t.mask && !(bits & K.PATH && t.joined)) return t;
  const removed = t.mask & bits;
  if (mask === 0 && !t.origin && !t.params) return null;
  return { ...t, mask, joined: bits & K.PATH ? false : t.joined, cleared: (t.cleared ?? 0) | removed, by: removed && by ? by : t.by };
}

/** A value that still reaches some sink kind (not a sanitised residue). */
export function live(t: Taint | null): t is Taint {
  return t !== null && t.mask !== 0;
}

/** A name spelled in capitals: a module's constant by convention (PEP 8); the data flow and triage take such a name imported from another module for a constant. */
export const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;
