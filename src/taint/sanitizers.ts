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
import { bitsOf, MODELS, type SanitizerRow } from './models/index.js';
import { charsetClears, patternCharset, removedChars } from './models/regex.js';
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
  if (prefix.startsWith('/') && !prefix.startsWith('//') && !prefix.startsWith('/\\')) return K.SSRF | K.REDIRECT;
  return 0;
}

/**
 * The sink kinds (bits) a call's result is safe for, looking at its arguments too: the
 * table's sanitizers by name; `re.sub(r"[^a-z0-9]", "", x)` (and `PATTERN.sub("", x)` with
 * a compiled pattern) with a negated allow-list class, which clears every kind whose
 * dangerous characters the class excludes; a chain of `.replace(c, "")` that removes CR
 * and LF (header and log injection). 0 when the call clears nothing; the interpreter
 * clears these bits from whatever taint the call's result carries.
 */
export function callSanitizer(call: A.Call, qualified: string | null, sem: SemanticModel): number {
  if (qualified) {
    const s = SANITIZERS.get(qualified);
    if (s !== undefined) return s;
  }
  const f = call.func;
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
    const removed = removedChars(call, sem);
    return removed.has('\r') && removed.has('\n') ? K.HEADER : 0;
  }
  if (!pattern || !repl) return 0;
  if (count && sem.constValue(count) !== 0) return 0;
  const p = sem.constValue(pattern);
  const r = sem.constValue(repl);
  if (typeof p !== 'string' || typeof r !== 'string' || r.includes('\\')) return 0;
  const kept = patternCharset(p, flags ? sem.qualifiedName(flags) ?? '' : '', 'negated-class');
  if (!kept) return 0;
  for (const ch of r) kept.add(ch);
  return charsetClears(kept);
}
