/**
 * Barrier guards: tests that validate a value on one branch (allow-lists, shape checks,
 * containment tests, URL host checks, regular-expression validators), and statements that
 * validate a value by raising when it is invalid (`int(x)`), as facts the taint analysis
 * applies to the environment of the branch (or the code after the statement).
 */
import { keywordArg } from '../python/calls.js';
import type * as A from '../python/ast.js';
import type { SemanticModel } from '../python/semantic.js';
import { walk } from '../python/visit.js';
import { ALL_MASK, CONSTANT_NAME, K } from './model.js';
import { boundCall, importedConstant } from './models/predicates.js';
import { charsetClears, patternCharset, patternClears, secondCharNotSlash, strPredicateCharset } from './models/regex.js';
import { prefixClears } from './sanitizers.js';

/** A check on a value: `key` is validated for sink kinds `bits` on the branch where the test is `when`. */
export interface Guard {
  key: string;
  bits: number;
  when: boolean;
  /** What the check is, for verdict reasons ('the HMAC signature check'); 'the check' when absent. */
  label?: string;
  /** The check proves nothing when this expression holds untrusted data (an HMAC key the attacker chose). */
  unlessTainted?: A.Expr;
  /** Where the check holds, the value is one of the constants it lists (`x in ("a", "b")`, `x == "a"`). */
  pins?: boolean;
  /** A check for `..` alone: no traversal, but an absolute path is still possible (see `Taint.dots`). */
  dotsOnly?: true;
  /** A check that the path is not absolute (`os.path.isabs`): with a `..` check it rules traversal out, alone it does not (see `Taint.notAbs`). */
  absOnly?: true;
  /** A check that proves something only of a host name (`host.endswith(".example.com")`): a predicate's guard applies only where it is given one (`urlsplit(u).hostname`). */
  hostOnly?: true;
}

/**
 * A guard a predicate function puts on one of its parameters, as data another module can
 * use (`def is_safe(name): return NAME.fullmatch(name) is not None` in a validators module):
 * the parameter (position, and name for keyword arguments) and the rest of the key under it.
 */
export interface ParamGuard {
  param: number;
  name: string;
  rest: string;
  bits: number;
  when: boolean;
  label: string;
  pins?: true;
  hostOnly?: true;
  /** The guard holds wherever a call returns, whatever it returns: the function raises when the check fails (see {@link raisingGuards}). */
  raises?: true;
  /** A check for `..` alone (see `Guard.dotsOnly`). */
  dotsOnly?: true;
}

/** The parameter guards of a predicate function of another module, by the call's qualified name (null when it is none). */
export type ExternalGuards = (qualified: string) => readonly ParamGuard[] | null;


/** Functions that normalise a path (so a prefix test on their result is a containment test). */
const NORMALISERS = /^(?:os\.path\.(?:realpath|normpath|abspath)|posixpath\.(?:realpath|normpath|abspath)|ntpath\.(?:realpath|normpath|abspath)|os\.fspath|str)$/;
/** Callees of the URL allow-list checks frameworks ship. */
const SAFE_URL_CHECKS = /(?:^|\.)(?:url_has_allowed_host_and_scheme|is_safe_url|is_safe_redirect_url|is_safe_redirect|is_allowed_url|validate_url)$/;

/**
 * Classes of Python's `ast` whose trees compute no more than arithmetic and comparisons on
 * literals: no names, attributes, calls, subscripts, lambdas or comprehensions
 * (https://docs.python.org/3/library/ast.html).
 */
const ARITHMETIC_AST = new Set([
  'Expression', 'Name', 'BinOp', 'UnaryOp', 'BoolOp', 'Compare', 'IfExp', 'Constant', 'Num', 'Tuple', 'List', 'Load',
  'Add', 'Sub', 'Mult', 'Div', 'FloorDiv', 'Mod', 'Pow', 'MatMult', 'USub', 'UAdd', 'Not', 'Invert',
  'BitAnd', 'BitOr', 'BitXor', 'LShift', 'RShift', 'And', 'Or', 'Eq', 'NotEq', 'Lt', 'LtE', 'Gt', 'GtE',
]);

/** A block that leaves the function or the program: it ends with `raise`, `return`, or `abort(...)` / `sys.exit(...)`. */
function leavesBlock(body: readonly A.Stmt[], sem: SemanticModel): boolean {
  const last = body[body.length - 1];
  if (!last) return false;
  if (last.type === 'Raise' || last.type === 'Return') return true;
  if (last.type !== 'Expr' || last.value.type !== 'Call') return false;
  const q = sem.callName(last.value) ?? '';
  return q === 'sys.exit' || q === 'abort' || q.endsWith('.abort');
}

/** Whether a loop body has a `break` of its own (not one of a nested loop or function). */
function breaksOut(body: readonly A.Stmt[]): boolean {
  const stack: A.Stmt[] = [...body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Break') return true;
    if (n.type === 'If' || n.type === 'With' || n.type === 'AsyncWith') stack.push(...n.body, ...(n.type === 'If' ? n.orelse : []));
    else if (n.type === 'Try' || n.type === 'TryStar') stack.push(...n.body, ...n.orelse, ...n.finalbody, ...n.handlers.flatMap((h) => h.body));
    else if (n.type === 'Match') stack.push(...n.cases.flatMap((c) => c.body));
  }
  return false;
}

/** The classes of `isinstance(name, CLASSES)`, as a list of expressions (a tuple display, or a module constant bound once to one). */
function isinstanceClasses(e: A.Expr, name: string, sem: SemanticModel): readonly A.Expr[] | null {
  if (e.type !== 'Call' || sem.callName(e) !== 'isinstance' || e.args.length !== 2 || e.args[0].type !== 'Name' || e.args[0].id !== name) return null;
  let cls = e.args[1];
  if (cls.type === 'Name') {
    const b = sem.lookup(cls.id, cls);
    if (b?.kind === 'assign' && b.count === 1 && b.value) cls = b.value;
  }
  return cls.type === 'Tuple' || cls.type === 'List' || cls.type === 'Set' ? cls.elts : [cls];
}

/**
 * A loop that checks each element first and leaves the function when one fails, with no
 * `break`: where it has run to its end, the iterated value holds only what the check lets
 * through. Characters of a string against a `str` class predicate (`for ch in name: if not
 * ch.isalnum(): raise …`) give that class's guard; the nodes of a parsed expression
 * against an allow-list of `ast` classes that compute only arithmetic on literals (`for node
 * in ast.walk(tree): if not isinstance(node, ALLOWED): raise …`) make the tree safe to
 * evaluate; a check of each variable of a literal tuple or list (`for value in (host,
 * server): if not is_valid(value): raise …`) gives each of them the check's guard. Guards hold
 * on the `true` side (after the loop).
 */
export function loopGuards(s: A.For, sem: SemanticModel, ext?: ExternalGuards): Guard[] {
  const first = s.body[0];
  if (s.target.type !== 'Name' || !first || first.type !== 'If' || first.orelse.length || !leavesBlock(first.body, sem) || breaksOut(s.body)) return [];
  const v = s.target.id;
  const test = first.test;
  if (s.iter.type === 'Tuple' || s.iter.type === 'List') return eachElementGuards(s.iter.elts, v, test, sem, ext);
  if (test.type !== 'UnaryOp' || test.op !== 'Not') return [];
  const inner = test.operand;
  if (s.iter.type === 'Call' && sem.callName(s.iter) === 'ast.walk' && s.iter.args.length === 1) {
    const key = keyOf(s.iter.args[0]);
    const classes = isinstanceClasses(inner, v, sem);
    const arithmetic = classes?.length && classes.every((c) => { const q = sem.qualifiedName(c); return q !== null && q.startsWith('ast.') && ARITHMETIC_AST.has(q.slice(4)); });
    return key && arithmetic ? [{ key, bits: K.CODE, when: true, label: 'the allow-list of arithmetic syntax' }] : [];
  }
  const key = keyOf(s.iter);
  if (!key || inner.type !== 'Call' || inner.args.length || inner.func.type !== 'Attribute' || inner.func.value.type !== 'Name' || inner.func.value.id !== v) return [];
  const cs = strPredicateCharset(inner.func.attr);
  return cs ? [{ key, bits: charsetClears(cs), when: true, label: 'the check of each character' }] : [];
}

/**
 * `for value in (host, server): if not is_valid(value): raise …`: the loop checks every
 * variable it lists, so what the check proves of the loop variable on the path that goes on
 * holds of each of them after the loop (not of an element that is not a plain variable).
 */
function eachElementGuards(elts: A.Expr[], v: string, test: A.Expr, sem: SemanticModel, ext?: ExternalGuards): Guard[] {
  const keys = elts.map((e) => (e.type === 'Starred' ? null : keyOf(e)));
  if (!keys.length || keys.some((k) => !k)) return [];
  const held = guardsOf(test, sem, 0, ext).filter((g) => g.key === v && !g.when);
  return held.flatMap((g) => keys.map((key) => ({ ...g, key: key!, when: true })));
}

/**
 * Barrier guards in a test (CodeQL's term): which variable the test validates, for which
 * sink kinds, and on which branch (`if x in ALLOWED:` → x is safe for every kind where the
 * test holds; `if '..' in p: return` → p is safe for paths after the return).
 */
export function guardsOf(given: A.Expr, sem: SemanticModel, d = 0, ext?: ExternalGuards): Guard[] {
  if (d > 20) return [];
  const test = truthOf(given, sem);
  switch (test.type) {
    case 'UnaryOp':
      return test.op === 'Not' ? guardsOf(test.operand, sem, d + 1, ext).map((g) => ({ ...g, when: !g.when })) : [];
    case 'BoolOp': {
      // `a and b` true → both hold; `a or b` false → neither holds.
      const want = test.op === 'And';
      const values = test.values.map((v) => truthOf(v, sem));
      const out = values.flatMap((v) => guardsOf(v, sem, d + 1, ext)).filter((g) => g.when === want);
      // (`a and b` false → one of them is false: what each one's failure proves, where all prove it.)
      if (want) out.push(...literalShape(values, sem), ...localPath(values, sem, false), ...noLineBreaks(values, sem, false), ...eitherHolds(values, sem, d, ext, false));
      else out.push(...plainName(values, sem), ...localPath(values, sem, true), ...noLineBreaks(values, sem, true), ...eitherHolds(values, sem, d, ext, true));
      return out;
    }
    case 'Compare': {
      if (test.ops.length !== 1) return [];
      const op = test.ops[0];
      const right = test.comparators[0];
      // `PATTERN.fullmatch(x) is None`: a regex test gives a match object (true) or None.
      // `scale = PRESETS.get(preset)` … `scale is None`: a lookup in a table of constants finds the key or gives None.
      if ((op === 'Is' || op === 'IsNot' || op === 'Eq' || op === 'NotEq') && right.type === 'Constant' && right.value === null) {
        const m = regexMatch(test.left, sem);
        const found = m ? guardsOf(m, sem, d + 1, ext) : tableLookupGuards(test.left, sem);
        return found.map((g) => (op === 'Is' || op === 'Eq' ? { ...g, when: !g.when } : g));
      }
      if (op === 'In' || op === 'NotIn') {
        const when = op === 'In';
        // Containment test: `'..' in p`, `'/' in p` (paths).
        const lit = sem.constValue(test.left);
        const rk = keyOf(right);
        if (typeof lit === 'string' && rk) {
          let bits = 0;
          if (lit.includes('..') || lit === '/' || lit === '\\' || lit === '\0') bits |= K.PATH;
          // (Without a separator check, `/etc/passwd` has no `..` and still leaves the folder.)
          const dotsOnly = lit.includes('..') && !lit.includes('/') && !lit.includes('\\');
          return bits ? [{ key: rk, bits, when: !when, ...(dotsOnly ? { dotsOnly: true as const } : {}) }] : [];
        }
        // Allow-list membership: `x in ALLOWED`, `urlparse(x).netloc in HOSTS` (also through
        // `parts = urlparse(x)`: then both `parts.netloc` and x are validated).
        // (`(parts.hostname or "") in HOSTS`: a falsy value replaced by a constant is no less checked.)
        const left = orConstant(test.left);
        const k = keyOf(left);
        const out: Guard[] = [];
        if (k) out.push({ key: k, bits: ALL_MASK, when, ...(constantCollection(right, sem) ? { pins: true } : {}) });
        for (const parsed of parsedUrlKeys(left, sem)) if (parsed !== k) out.push({ key: parsed, bits: K.SSRF | K.REDIRECT, when });
        return out;
      }
      if (op === 'Eq' || op === 'NotEq') {
        // `os.path.commonpath([root, p]) == root` on a normalised p: p lies under root.
        const contained = commonPathGuards(test.left, sem) ?? commonPathGuards(right, sem);
        if (contained) return contained.map((key) => ({ key, bits: K.PATH, when: op === 'Eq' }));
        // `(parts.scheme, parts.hostname) != (origin.scheme, origin.hostname)`: every pair is equal where the tuples are.
        if (test.left.type === 'Tuple' && right.type === 'Tuple' && test.left.elts.length === right.elts.length && test.left.elts.length <= 8) {
          const l = test.left.elts;
          return right.elts.flatMap((r, i) => guardsOf({ ...test, ops: ['Eq'], comparators: [r], left: l[i] }, sem, d + 1, ext).map((g) => ({ ...g, when: op === 'Eq' ? g.when : !g.when })));
        }
        // Equality with a constant: the value is that constant.
        const fixed = (x: A.Expr): boolean => sem.constValue(x) !== undefined || importedConstant(x, sem) || (x.type === 'Name' && constantLoopTarget(x, sem));
        const [side, other] = fixed(right) ? [test.left, right] : fixed(test.left) ? [right, test.left] : [null, null];
        if (!side || !other) {
          // A host name equal to another value the server holds (`parts.hostname == self._origin.hostname`): the host
          // is that one — unless the other value is request data (checked where the guard applies).
          const hostGuards = (host: A.Expr, to: A.Expr): Guard[] => parsedUrlKeys(host, sem).map((key) => ({ key, bits: K.SSRF | K.REDIRECT, when: op === 'Eq', unlessTainted: to }));
          // A value equal to a module's configured constant (`candidate == PUBLIC_ROOT`, `PUBLIC_ROOT = realpath(env…)`)
          // is that value — unless it holds request data.
          const heldGuards = (x: A.Expr, to: A.Expr): Guard[] => {
            const k = moduleConstant(to, sem) ? keyOf(x) : null;
            return k ? [{ key: k, bits: ALL_MASK, when: op === 'Eq', unlessTainted: to }] : [];
          };
          return [...hostGuards(test.left, right), ...hostGuards(right, test.left), ...heldGuards(test.left, right), ...heldGuards(right, test.left)];
        }
        const k = keyOf(side);
        const out: Guard[] = [];
        if (k) out.push({ key: k, bits: ALL_MASK, when: op === 'Eq', pins: true });
        for (const parsed of parsedUrlKeys(side, sem)) if (parsed !== k) out.push({ key: parsed, bits: K.SSRF | K.REDIRECT, when: op === 'Eq' });
        return out;
      }
      return [];
    }
    case 'Call':
      return [...callGuards(test, sem, d, ext), ...tableLookupGuards(test, sem), ...everyElement(test, sem, d, ext)];
    case 'Name': {
      // `m = PATTERN.fullmatch(x)` then `if not m:` (a name bound once, in the same function, to a regex test).
      const m = regexMatch(test, sem);
      return m ? guardsOf(m, sem, d + 1, ext) : tableLookupGuards(test, sem);
    }
    default:
      return [];
  }
}

/**
 * `all(isinstance(v, str) and v for v in (email, token))`: where it is true, the test holds
 * of each value the loop names (a tuple or list display): the test's guards on the loop
 * variable, for each of them.
 */
function everyElement(call: A.Call, sem: SemanticModel, d: number, ext: ExternalGuards | undefined): Guard[] {
  const g = call.args[0];
  if (call.func.type !== 'Name' || call.func.id !== 'all' || call.args.length !== 1 || call.keywords.length || sem.lookup('all', call)) return [];
  if ((g.type !== 'GeneratorExp' && g.type !== 'ListComp') || g.generators.length !== 1) return [];
  const { target, iter, ifs, is_async } = g.generators[0];
  if (target.type !== 'Name' || ifs.length || is_async || (iter.type !== 'Tuple' && iter.type !== 'List')) return [];
  const keys = iter.elts.map((x) => (x.type === 'Starred' ? null : keyOf(x)));
  if (!keys.length || keys.some((k) => !k)) return [];
  const v = target.id;
  const out: Guard[] = [];
  for (const guard of guardsOf(g.elt, sem, d + 1, ext)) {
    if (guard.key !== v && !guard.key.startsWith(`${v}.`)) continue;
    for (const k of keys) out.push({ ...guard, key: k + guard.key.slice(v.length) });
  }
  return out;
}

/** The regex test (`re.fullmatch(p, x)`, `PATTERN.match(x)`) an expression is, or a name bound once in its scope holds; null otherwise. */
function regexMatch(e: A.Expr, sem: SemanticModel): A.Call | null {
  const v = boundHere(e, sem);
  return v?.type === 'Call' && v.func.type === 'Attribute' && /^(?:fullmatch|match|search)$/.test(v.func.attr) && regexTest(v, sem) ? v : null;
}

/** The expression itself, or for a name the value it is bound to once in the same scope (null when bound otherwise). */
function boundHere(e: A.Expr, sem: SemanticModel): A.Expr | null {
  if (e.type !== 'Name') return e;
  const b = sem.lookup(e.id, e);
  return b && b.kind === 'assign' && b.count === 1 && b.value && sem.scopeOf(b.value) === sem.scopeOf(e) ? b.value : null;
}

/**
 * `TABLE.get(key)` on a table of constants (or a name bound to that lookup): where the result
 * is true (not None, for {@link guardsOf}'s comparison), the key is one of the table's keys.
 */
function tableLookupGuards(e: A.Expr, sem: SemanticModel): Guard[] {
  const v = boundHere(e, sem);
  if (v?.type !== 'Call' || v.func.type !== 'Attribute' || v.func.attr !== 'get' || v.args.length !== 1 || v.keywords.length || !constantCollection(v.func.value, sem)) return [];
  const k = keyOf(v.args[0]);
  return k ? [{ key: k, bits: ALL_MASK, when: true, pins: true }] : [];
}

/**
 * A list, tuple, set or dict literal of constants (or `frozenset(…)` of one), a name bound
 * once to one (`ALLOWED = {"ls", "pwd"}`), or a name in capitals imported from another
 * module (`from .inventory import SERVICES`, `settings.ALLOWED_HOSTS`): a constant by the
 * convention the data flow follows (PEP 8).
 */
function constantCollection(e: A.Expr, sem: SemanticModel, d = 0): boolean {
  if (importedConstant(e, sem)) return true;
  if (e.type === 'Name' && d < 3) {
    const b = sem.lookup(e.id, e);
    return !!b && b.kind === 'assign' && b.count === 1 && !!b.value && b.value !== e && constantCollection(b.value, sem, d + 1);
  }
  // `frozenset({"a", "b"})`, `set(["a"])`: the same constants.
  if (e.type === 'Call' && e.args.length === 1 && !e.keywords.length && /^(?:frozenset|set|tuple|list)$/.test(sem.callName(e) ?? '') && !sem.lookup(sem.callName(e)!, e)) return constantCollection(e.args[0], sem, d + 1);
  if (e.type === 'List' || e.type === 'Tuple' || e.type === 'Set') return e.elts.length <= 1000 && e.elts.every((x) => x.type !== 'Starred' && sem.constValue(x) !== undefined);
  if (e.type === 'Dict') return e.keys.length <= 1000 && e.keys.every((k) => k !== null && sem.constValue(k) !== undefined);
  return false;
}

function callGuards(test: A.Call, sem: SemanticModel, d = 0, ext?: ExternalGuards): Guard[] {
  const f = test.func;
  const q = sem.callName(test) ?? '';
  // A predicate function of another module of the project (the project pass knows its guards).
  const remote = ext && q.includes('.') ? ext(q) : null;
  if (remote) return argumentGuards(test, remote, sem);
  if (f.type === 'Attribute') {
    const recvKey = keyOf(f.value);
    // str allow-list predicates: isdigit, isalnum, isalpha, isidentifier...
    const cs = strPredicateCharset(f.attr);
    if (recvKey && cs) return [{ key: recvKey, bits: charsetClears(cs), when: true }];
    if (f.attr === 'startswith' && test.args[0]) {
      // A URL prefix pins the host; a path prefix proves containment only on a normalised path.
      const lit = sem.constValue(test.args[0]);
      const prefixBits = typeof lit === 'string' ? prefixClears(lit) : 0;
      const norm = normalisedKey(f.value, sem);
      const out: Guard[] = [];
      // (A constant folder without its final separator, `startswith("/srv/docs")`, also admits the sibling `/srv/docs_private`.)
      const sibling = typeof lit === 'string' && lit.length > 1 && !/[\\/]$/.test(lit);
      if (norm && !sibling) out.push({ key: norm, bits: K.PATH | prefixBits, when: true });
      if (recvKey && recvKey !== norm && prefixBits) out.push({ key: recvKey, bits: prefixBits, when: true });
      return out;
    }
    // `host.endswith(".example.com")`: a host in that domain (only a host name: a URL may end so anywhere).
    if (f.attr === 'endswith' && test.args.length === 1 && (isDomainSuffix(sem.constValue(test.args[0])) || loopDomainSuffix(test.args[0], sem))) {
      const v = f.value;
      const bound = v.type === 'Name' ? sem.lookup(v.id, v) : undefined;
      const hostPart = v.type === 'Attribute' ? v : bound?.kind === 'assign' && bound.count === 1 && bound.value?.type === 'Attribute' ? bound.value : null;
      // (Also a name for the normalised host: `host = (parts.hostname or "").lower()`.)
      const parsed = hostPart && HOST_PARTS.has(hostPart.attr) ? parsedUrlKeys(hostPart, sem) : parsedUrlKeys(v, sem);
      if ((hostPart && HOST_PARTS.has(hostPart.attr)) || parsed.length) {
        const keys = [...(recvKey ? [recvKey] : []), ...parsed];
        return keys.map((key) => ({ key, bits: K.SSRF | K.REDIRECT, when: true }));
      }
      // A predicate's parameter: it holds only where a caller gives it a host name (see `hostOnly`).
      if (recvKey && bound?.kind === 'param') return [{ key: recvKey, bits: K.SSRF | K.REDIRECT, when: true, hostOnly: true }];
      return [];
    }
    if (f.attr === 'is_relative_to') {
      const norm = normalisedKey(f.value, sem) ?? recvKey;
      return norm ? [{ key: norm, bits: K.PATH, when: true }] : [];
    }
    // re.fullmatch(p, x), re.match(r"^...$", x), PATTERN.fullmatch(x) with PATTERN = re.compile(p).
    if (f.attr === 'fullmatch' || f.attr === 'match' || f.attr === 'search') {
      const r = regexTest(test, sem);
      if (!r) return [];
      const bits = patternClears(r.pattern, r.flags, r.mode);
      // (A path pattern alone can be the whole local-path check: `/(?![/\\])[\w/.-]*`.)
      return [...(bits ? [{ key: r.key, bits, when: true }] : []), ...localPath([test], sem, false)];
    }
  }
  if (f.type === 'Name' && d < 3) {
    const checked = predicateGuards(test, f, sem, d);
    if (checked) return checked;
  }
  if (q === 'isinstance' && test.args.length === 2 && !sem.lookup('isinstance', test)) return typeGuards(test.args[0], test.args[1]);
  // `any(host == d or host.endswith("." + d) for d in DOMAINS)`: true for some constant d, so what the test proves for
  // every d holds (of the values other than d).
  const gen = q === 'any' && test.args.length === 1 && !sem.lookup('any', test) ? test.args[0] : null;
  const absent = gen ? charsInValue(gen, sem) : null;
  // `any(ch in v for ch in "\r\n")` false: v holds neither CR nor LF (the line-break check, see noLineBreaks).
  if (absent && absent.chars.includes('\r') && absent.chars.includes('\n')) return [{ key: absent.key, bits: K.HEADER, when: false, label: 'the line-break check' }];
  if (gen?.type === 'GeneratorExp' && gen.generators.length === 1 && !gen.generators[0].ifs.length && gen.generators[0].target.type === 'Name' && constantCollection(gen.generators[0].iter, sem)) {
    const d0 = gen.generators[0].target.id;
    return guardsOf(gen.elt, sem, d + 1, ext).filter((g) => g.when && g.key !== d0 && !g.key.startsWith(`${d0}.`) && !g.unlessTainted);
  }
  if ((q === 'hmac.compare_digest' || q === 'secrets.compare_digest') && test.args.length === 2) return hmacGuards(test.args[0], test.args[1], sem);
  if (SAFE_URL_CHECKS.test(q) && test.args[0]) {
    const k = keyOf(test.args[0]);
    if (k) return [{ key: k, bits: K.SSRF | K.REDIRECT, when: true }];
  }
  if (q === 'os.path.isabs' && test.args[0]) {
    const k = keyOf(test.args[0]);
    if (k) return [{ key: k, bits: K.PATH, when: false, absOnly: true }];
  }
  return [];
}

/**
 * The key of a path that was normalised before a prefix test: `os.path.realpath(p)`
 * (the key of p), `Path(p).resolve()`, or a name bound once to one of those.
 */
function normalisedKey(e: A.Expr, sem: SemanticModel, d = 0): string | null {
  if (d > 4) return null;
  if (e.type === 'Call') {
    const q = sem.callName(e) ?? '';
    if (NORMALISERS.test(q) && e.args[0]) return q === 'str' || q === 'os.fspath' ? normalisedKey(e.args[0], sem, d + 1) : (keyOf(e.args[0]) ?? normalisedKey(e.args[0], sem, d + 1));
    if (e.func.type === 'Attribute' && (e.func.attr === 'resolve' || e.func.attr === 'absolute')) return keyOf(e.func.value) ?? innerKey(e.func.value);
    return null;
  }
  if (e.type === 'Name') {
    // (Where the name is read: `p = realpath(…)`, checked, then `p = join(p, "index.html")` further on.)
    const v = sem.reachingValue(e);
    if (v && v !== e && isNormalised(v, sem, d + 1)) return e.id;
  }
  return null;
}

/** Is `e` the result of a path normalisation (`realpath(...)`, `Path(...).resolve()`, `str()` of one)? */
function isNormalised(e: A.Expr, sem: SemanticModel, d: number): boolean {
  if (d > 6 || e.type !== 'Call') return e.type === 'Name' && d <= 6 && normalisedKey(e, sem, d + 1) !== null;
  const q = sem.callName(e) ?? '';
  if (q === 'str' || q === 'os.fspath') return !!e.args[0] && isNormalised(e.args[0], sem, d + 1);
  if (NORMALISERS.test(q)) return true;
  if (e.func.type === 'Name') return returnsNormalised(e.func, sem, d + 1);
  return e.func.type === 'Attribute' && (e.func.attr === 'resolve' || e.func.attr === 'absolute');
}

const normalisingHelpers = new WeakMap<A.FunctionDef, boolean>();

/**
 * Is `f` a function of this module (defined once, undecorated) whose every `return` gives a
 * normalised path (`def _resolve(a, b): return os.path.realpath(os.path.join(ROOT, a, b))`)?
 */
function returnsNormalised(f: A.Name, sem: SemanticModel, d: number): boolean {
  const b = sem.lookup(f.id, f);
  const fn = b?.kind === 'def' && b.count === 1 && b.node.type === 'FunctionDef' ? b.node : null;
  if (!fn || fn.decorator_list.length || d > 6) return false;
  const known = normalisingHelpers.get(fn);
  if (known !== undefined) return known;
  normalisingHelpers.set(fn, false); // (a helper that calls itself proves nothing by that call)
  const returns: A.Return[] = [];
  let yields = false;
  walk(fn, (n) => {
    if (n !== fn && (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda' || n.type === 'ClassDef')) return false;
    if (n.type === 'Return') returns.push(n);
    else if (n.type === 'Yield' || n.type === 'YieldFrom') yields = true;
  });
  // (Falling off the end returns None: no path, nothing opened with it.)
  const ok = !yields && returns.length > 0 && returns.every((r) => !r.value || (r.value.type === 'Constant' && r.value.value === null) || isNormalised(r.value, sem, d + 1));
  normalisingHelpers.set(fn, ok);
  return ok;
}

/** `Path(p)` / `Path(base) / p` → the key of the controlled part. */
function innerKey(e: A.Expr): string | null {
  if (e.type === 'Call' && e.args.length) return keyOf(e.args[e.args.length - 1]);
  if (e.type === 'BinOp' && e.op === 'Div') return keyOf(e.right);
  return null;
}

/**
 * A check by a predicate function of the module, `def is_safe(p): return <test>` (the whole
 * body, a docstring aside): the guards of its test on its parameters, moved to the
 * arguments of the call (`if not is_safe(path): abort(403)`). Null when the callee is not
 * such a function; guards on anything but a parameter are dropped.
 */
function predicateGuards(call: A.Call, f: A.Name, sem: SemanticModel, d: number): Guard[] | null {
  const fn = moduleFunction(f, call, sem);
  if (!fn || call.args.some((a) => a.type === 'Starred') || call.keywords.some((k) => !k.arg)) return null;
  return argumentGuards(call, predicateParamGuards(fn, sem, d + 1), sem);
}

/**
 * A function of the module (by the name `f` called at `at`) whose whole body, a docstring
 * aside, is `return <value>`, undecorated and bound once. Null otherwise.
 */
function singleReturn(f: A.Name, at: A.AnyNode, sem: SemanticModel): A.FunctionDef | null {
  const fn = moduleFunction(f, at, sem);
  return fn && predicateBody(fn) ? fn : null;
}

/** The undecorated function of the module the name `f` called at `at` stands for, bound once; null otherwise. */
function moduleFunction(f: A.Name, at: A.AnyNode, sem: SemanticModel): A.FunctionDef | null {
  const b = sem.lookup(f.id, at);
  if (!b || b.kind !== 'def' || b.count !== 1) return null;
  return b.node.type === 'FunctionDef' && !b.node.decorator_list.length ? b.node : null;
}

/** The names an assignment target binds (`a`, `a, (b, *c)`), without recursion (at most 1,000). */
export function namesBound(t: A.Expr): string[] {
  const out: string[] = [];
  const stack = [t];
  while (stack.length && out.length < 1000) {
    const x = stack.pop()!;
    if (x.type === 'Name') out.push(x.id);
    else if (x.type === 'Tuple' || x.type === 'List') stack.push(...x.elts);
    else if (x.type === 'Starred') stack.push(x.value);
  }
  return out;
}

/** A return of a constant Python treats as false (`return False`, `return None`, a bare `return`, `0`, `""`). */
function returnsFalsy(s: A.Stmt): boolean {
  if (s.type !== 'Return') return false;
  const v = s.value;
  return !v || (v.type === 'Constant' && !v.value);
}

/** A block that leaves the function without a true result: a falsy return or a raise (after statements that do not matter). */
function exitsFalsy(body: readonly A.Stmt[]): boolean {
  const last = body[body.length - 1];
  return !!last && (returnsFalsy(last) || last.type === 'Raise') && body.slice(0, -1).every((s) => s.type === 'Expr' || s.type === 'Pass');
}

/**
 * The guards that hold wherever a predicate of several statements returns a true value: a
 * sequence of early exits (`if <test>: return False` / `raise`, a `try` whose handlers exit
 * so), assignments, and a last `return <test>` (or `return True`). Each exit's test is
 * false past it; the last test is true. Null for any other shape (a loop, a true return
 * inside a branch).
 */
function truthyPathGuards(fn: A.FunctionDef, sem: SemanticModel, d: number): Guard[] | null {
  const out: Guard[] = [];
  /** Every condition that holds where the function returns a true value, with its polarity. */
  const parts: { c: A.Expr; neg: boolean }[] = [];
  // (A parameter bound again — `p = p.replace("../", "")` — is not the value the caller passed.)
  const params = new Set([...fn.args.posonlyargs, ...fn.args.args, ...fn.args.kwonlyargs].map((p) => p.arg));
  // (`host = (host or "").lower().rstrip(".")`: the same text up to case and surrounding
  // characters — what the checks after it prove of a host name holds for the value passed.)
  let normalised = false;
  // (`candidate = target.strip().replace("\\", "/")`: a local name for a parameter normalised the same way.)
  const aliases = new Map<string, string>();
  const rebinds = (s: A.Stmt): boolean => {
    const bound = (s.type === 'Assign' && s.targets.some((t) => namesBound(t).some((n) => params.has(n)))) || (s.type === 'AnnAssign' && s.target.type === 'Name' && params.has(s.target.id));
    const t = s.type === 'Assign' && s.targets.length === 1 ? s.targets[0] : s.type === 'AnnAssign' ? s.target : null;
    if (!bound) {
      const value = s.type === 'Assign' || s.type === 'AnnAssign' ? s.value : null;
      const of = t?.type === 'Name' && value ? [...params].find((p) => normalisationOf(value, p)) : undefined;
      if (of && t?.type === 'Name' && sem.lookup(t.id, t)?.count === 1) aliases.set(t.id, of);
      return false;
    }
    if (t?.type === 'Name' && s.value && normalisationOf(s.value, t.id)) {
      normalised = true;
      return false;
    }
    return true;
  };
  const walk = (body: readonly A.Stmt[], last: boolean): boolean => {
    for (let i = 0; i < body.length; i++) {
      const s = body[i];
      const end = last && i === body.length - 1;
      if (s.type === 'Expr' && s.value.type === 'Constant') continue;
      if (s.type === 'Pass') continue;
      if (s.type === 'Assign' || s.type === 'AnnAssign') {
        if (rebinds(s)) return false;
        continue;
      }
      if (s.type === 'If' && !s.orelse.length && exitsFalsy(s.body)) {
        for (const g of guardsOf(s.test, sem, d)) if (!g.when) out.push({ ...g, when: true });
        parts.push(...(s.test.type === 'BoolOp' && s.test.op === 'Or' ? partsOf(s.test.values, true) : partsOf([s.test], true)));
        continue;
      }
      if (s.type === 'Try' && !s.orelse.length && !s.finalbody.length && s.handlers.every((h) => exitsFalsy(h.body)) && s.body.every((x) => x.type !== 'Return')) {
        if (!walk(s.body, false)) return false;
        continue;
      }
      if (end && s.type === 'Return' && s.value && !returnsFalsy(s)) {
        if (!(s.value.type === 'Constant' && s.value.value === true)) for (const g of guardsOf(s.value, sem, d)) if (g.when) out.push(g);
        parts.push(...(s.value.type === 'BoolOp' && s.value.op === 'And' ? partsOf(s.value.values, false) : partsOf([s.value], false)));
        return true;
      }
      return false;
    }
    return !last;
  };
  const body = fn.body;
  if (body.length < 2 || !walk(body, true)) return null;
  // The parts of the local-path check may come from several exits (`if not t.startswith("/") or t.startswith("//"): return False`).
  out.push(...localPathParts(parts, sem, true));
  for (const [i, g] of out.entries()) {
    const dot = g.key.indexOf('.');
    const of = aliases.get(dot < 0 ? g.key : g.key.slice(0, dot));
    if (!of) continue;
    out[i] = { ...g, key: of + (dot < 0 ? '' : g.key.slice(dot)) };
    normalised = true;
  }
  if (normalised) {
    const hosts = out.flatMap((g) => (g.bits & (K.SSRF | K.REDIRECT) ? [{ ...g, bits: g.bits & (K.SSRF | K.REDIRECT), pins: false }] : []));
    return hosts.length ? hosts : null;
  }
  return out.length ? out : null;
}

/** The returned value and positional parameter names of an undecorated function whose whole body, a docstring aside, is `return <value>`. */
function predicateBody(fn: A.FunctionDef): { value: A.Expr; params: string[] } | null {
  if (fn.decorator_list.length) return null;
  const body = fn.body.filter((s, i) => !(i === 0 && s.type === 'Expr' && s.value.type === 'Constant' && typeof s.value.value === 'string'));
  const value = body.length === 1 && body[0].type === 'Return' ? body[0].value : null;
  return value ? { value, params: [...fn.args.posonlyargs, ...fn.args.args].map((p) => p.arg) } : null;
}

/** A predicate's guard on a parameter, with what only a call in the same module can use (an HMAC key's expression). */
type LocalParamGuard = ParamGuard & { unlessTainted?: A.Expr };

/** The guards a single-return predicate function puts on its parameters (none when it is not one). */
function predicateParamGuards(fn: A.FunctionDef, sem: SemanticModel, d: number): LocalParamGuard[] {
  const body = predicateBody(fn);
  const guards = body ? guardsOf(body.value, sem, d) : fn.decorator_list.length ? null : truthyPathGuards(fn, sem, d);
  return guards ? onParams(fn, guards) : [];
}

/**
 * The guards a validator establishes by raising: the tests of its top-level
 * `if <test>: raise …` statements and `assert`s, up to the first statement that may return
 * or that binds a parameter again. Wherever a call of it completes they hold on the
 * arguments (`check_name(name)` as a statement). An exit by `return False` does not count:
 * a caller that ignores the result goes on with the unchecked value.
 */
export function raisingGuards(fn: A.FunctionDef, sem: SemanticModel, d = 1): Guard[] {
  let got = raising.get(fn);
  if (!got) raising.set(fn, (got = findRaisingGuards(fn, sem, d)));
  return got;
}

/** Per function: its {@link raisingGuards} (every call of it as a statement asks again). */
const raising = new WeakMap<A.FunctionDef, Guard[]>();

function findRaisingGuards(fn: A.FunctionDef, sem: SemanticModel, d: number): Guard[] {
  if (fn.decorator_list.length) return [];
  const params = new Set([...fn.args.posonlyargs, ...fn.args.args, ...fn.args.kwonlyargs].map((p) => p.arg));
  const out: Guard[] = [];
  for (const s of fn.body) {
    if (s.type === 'If' && !s.orelse.length && s.body[s.body.length - 1]?.type === 'Raise' && s.body.every((x) => x.type === 'Expr' || x.type === 'Pass' || x.type === 'Raise')) {
      for (const g of guardsOf(s.test, sem, d)) if (!g.when) out.push({ ...g, when: true });
      continue;
    }
    if (s.type === 'Assert') {
      for (const g of guardsOf(s.test, sem, d)) if (g.when) out.push(g);
      continue;
    }
    if ((s.type === 'Assign' && s.targets.some((t) => namesBound(t).some((n) => params.has(n)))) || (s.type === 'AnnAssign' && s.target.type === 'Name' && params.has(s.target.id))) break;
    if (mayReturn(s)) break;
  }
  return out;
}

/** Whether a statement holds a `return` (or `yield`) of its function (not of a function inside it). */
function mayReturn(s: A.Stmt): boolean {
  let found = false;
  walk(s, (n) => {
    if (found) return false;
    if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'Lambda' || n.type === 'ClassDef') return false;
    if (n.type === 'Return' || n.type === 'Yield' || n.type === 'YieldFrom') found = true;
    return !found;
  });
  return found;
}

/** Guards on a function's names moved to its positional parameters (a method's `self` aside when `method`). */
function onParams(fn: A.FunctionDef, guards: readonly Guard[], method = false, raises = false): LocalParamGuard[] {
  const params = [...fn.args.posonlyargs, ...fn.args.args].map((p) => p.arg).slice(method ? 1 : 0);
  const out: LocalParamGuard[] = [];
  for (const g of guards) {
    const dot = g.key.indexOf('.');
    const head = dot < 0 ? g.key : g.key.slice(0, dot);
    const param = params.indexOf(head);
    if (param < 0) continue;
    out.push({
      param,
      name: head,
      rest: g.key.slice(head.length),
      bits: g.bits,
      when: g.when,
      label: g.label ?? `the check ${fn.name}()`,
      ...(g.pins ? { pins: true as const } : {}),
      ...(g.hostOnly ? { hostOnly: true as const } : {}),
      ...(g.unlessTainted ? { unlessTainted: g.unlessTainted } : {}),
      ...(raises ? { raises: true as const } : {}),
      ...(g.dotsOnly ? { dotsOnly: true as const } : {}),
    });
  }
  return out;
}

/**
 * What a top-level predicate function of this module checks on its parameters, for the
 * other modules that call it (`TaintFacts` exports): null when it is not a single-return
 * function or checks none of its parameters. Checks that depend on taint elsewhere (an
 * HMAC key) are left out: they cannot be carried as data.
 */
export function paramGuardsOf(fn: A.FunctionDef, sem: SemanticModel): ParamGuard[] | null {
  if (fn.type !== 'FunctionDef') return null;
  const out = [...predicateParamGuards(fn, sem, 1), ...onParams(fn, raisingGuards(fn, sem), false, true)].filter((g) => !g.unlessTainted);
  return out.length ? out : null;
}

/**
 * A predicate's guards moved to the arguments of a call to it (of this module or another).
 * `is_allowed(parts)` checking `parts.hostname`, with `parts = urlsplit(url)` at the call,
 * validates url's host too.
 */
function argumentGuards(call: A.Call, guards: readonly LocalParamGuard[], sem: SemanticModel): Guard[] {
  if (call.args.some((a) => a.type === 'Starred') || call.keywords.some((k) => !k.arg)) return [];
  const out: Guard[] = [];
  for (const g of guards) {
    const a = call.args[g.param] ?? call.keywords.find((k) => k.arg === g.name)?.value;
    if (!a) continue;
    const k = keyOf(a);
    // (A host-name check given something that is not a host name proves nothing.)
    const hostArg = !g.rest && a.type === 'Attribute' && HOST_PARTS.has(a.attr);
    if (g.hostOnly && !hostArg) continue;
    if (k) out.push({ key: k + g.rest, bits: g.bits, when: g.when, label: g.label, ...(g.pins ? { pins: true } : {}), ...(g.unlessTainted ? { unlessTainted: g.unlessTainted } : {}), ...(g.dotsOnly ? { dotsOnly: true } : {}) });
    else if (!hostArg) continue;
    const host = /^\.(?:netloc|hostname|host)$/.test(g.rest) ? g.rest.slice(1) : null;
    const urls = host ? parsedUrlKeys({ type: 'Attribute', value: a, attr: host, ctx: 'Load', lineno: a.lineno, col_offset: a.col_offset, end_lineno: a.end_lineno, end_col_offset: a.end_col_offset, parent: a.parent } as unknown as A.Attribute, sem) : [];
    // `is_allowed(urlsplit(url).hostname)`: a check that pins the host (or allows it by its domain) pins the URL's host.
    if (hostArg && g.bits & K.SSRF) urls.push(...parsedUrlKeys(a, sem));
    for (const url of urls) out.push({ key: url, bits: K.SSRF | K.REDIRECT, when: g.when, label: g.label });
  }
  return out;
}

/** Builtin scalar types: a value that is one cannot be a query operator (a dict); a number cannot be anything else either. */
const NUMBER_TYPES = new Set(['int', 'float', 'bool']);

/**
 * `isinstance(x, str)` / `isinstance(x, (int, float))`: where it holds, x is a string (not a
 * dict of MongoDB operators) or a number (safe for every sink).
 */
function typeGuards(value: A.Expr, types: A.Expr): Guard[] {
  const k = keyOf(value);
  const names = types.type === 'Tuple' ? types.elts : [types];
  if (!k || !names.length || !names.every((n) => n.type === 'Name' && (n.id === 'str' || NUMBER_TYPES.has(n.id)))) return [];
  const numbers = names.every((n) => n.type === 'Name' && NUMBER_TYPES.has(n.id));
  return [{ key: k, bits: numbers ? ALL_MASK & ~(K.SESSION | K.RESPONSE) : K.NOSQL, when: true, label: `the type check isinstance(…, ${names.map((n) => (n as A.Name).id).join(', ')})` }];
}

/**
 * `os.path.commonpath([root, p])` compared with a value: the keys of the normalised paths
 * among its arguments (`p` when `p = os.path.realpath(...)`), or null when `e` is no such call.
 */
function commonPathGuards(e: A.Expr, sem: SemanticModel): string[] | null {
  if (e.type !== 'Call' || !/^(?:os\.path|posixpath|ntpath)\.commonpath$/.test(sem.callName(e) ?? '')) return null;
  const list = e.args[0];
  if (!list || (list.type !== 'List' && list.type !== 'Tuple')) return null;
  const keys = list.elts.map((x) => normalisedKey(x, sem)).filter((k): k is string => !!k);
  return keys.length ? keys : null;
}

/**
 * The parts of a boolean operation as tests that hold (`neg` false) or fail (`neg` true)
 * where the whole is true (`a and b`), or, `negated`, where the whole is false (`a or b`
 * false: each part fails); a `not` in front of a part turns it around.
 */
function partsOf(values: readonly A.Expr[], negated: boolean): { c: A.Expr; neg: boolean }[] {
  return values.map((v) => {
    const not = v.type === 'UnaryOp' && v.op === 'Not';
    return { c: not ? v.operand : v, neg: not !== negated };
  });
}

/**
 * The local-path check before a redirect: `u.startswith("/") and not u.startswith("//")
 * and "\\" not in u` (or `not u.startswith("/\\")`, which browsers read as `//`) proves u
 * is a path on this site, not another host: safe for redirects and for a URL built on a
 * fixed origin. Each part alone proves nothing. A validator whose pattern starts with `/`
 * and admits no backslash stands for the first and the last part, and for the second when
 * the character after the slash can be neither `/` nor `\\` (`/(?![/\\])…`, `/[\w-]+…`). `negated`: the parts of
 * `a or b or …`, which proves the check where it is false (`if not … or …: return "/"`).
 */
function localPath(values: readonly A.Expr[], sem: SemanticModel, negated: boolean): Guard[] {
  return localPathParts(partsOf(values, negated), sem, !negated);
}

/** The local-path check over parts that all hold where the guard is `when` (see {@link localPath}); they may come from several statements. */
function localPathParts(parts: readonly { c: A.Expr; neg: boolean }[], sem: SemanticModel, when: boolean): Guard[] {
  const slash = new Set<string>();
  const noDouble = new Set<string>();
  const noBackslash = new Set<string>();
  for (const { c, neg } of parts) {
    // `not any(ch == "\\" or … for ch in u)`: no backslash in u.
    const scanned = neg ? charTestedAbsent(c, '\\') : null;
    if (scanned) noBackslash.add(scanned);
    if (c.type === 'Call' && c.func.type === 'Attribute' && c.func.attr === 'startswith' && c.args.length === 1) {
      const k = keyOf(c.func.value);
      const lit = sem.constValue(c.args[0]);
      if (k && !neg && lit === '/') slash.add(k);
      if (k && neg && lit === '//') noDouble.add(k);
      if (k && neg && lit === '/\\') noBackslash.add(k);
    }
    if (c.type === 'Compare' && c.ops.length === 1 && (c.ops[0] === 'NotIn' || c.ops[0] === 'In') && (c.ops[0] === 'NotIn') !== neg && sem.constValue(c.left) === '\\') {
      const k = keyOf(c.comparators[0]);
      if (k) noBackslash.add(k);
    }
    // A validator whose pattern starts with "/" and lets no backslash through (`/[A-Za-z0-9_/-]*`).
    const r = !neg && c.type === 'Call' ? regexTest(c, sem) : null;
    if (r && (r.mode !== 'search' || /^(?:\^|\\A)/.test(r.pattern)) && /^(?:\^|\\A)?\//.test(r.pattern)) {
      const cs = patternCharset(r.pattern, r.flags, r.mode);
      slash.add(r.key);
      if (cs && cs.nonAscii !== 'any' && !cs.ascii.has('\\')) noBackslash.add(r.key);
      if (secondCharNotSlash(r.pattern, r.flags)) noDouble.add(r.key);
    }
  }
  return [...slash].filter((k) => noDouble.has(k) && noBackslash.has(k)).map((key) => ({ key, bits: K.REDIRECT | K.SSRF, when, label: 'the local-path check' }));
}

/**
 * `any(ch == c or … for ch in u)`: the key of u when one alternative tests each character
 * for `c` (so where the call is false, u holds no `c`); null otherwise.
 */
function charTestedAbsent(e: A.Expr, c: string): string | null {
  if (e.type !== 'Call' || e.func.type !== 'Name' || e.func.id !== 'any' || e.args.length !== 1 || e.keywords.length) return null;
  const g = e.args[0];
  if (g.type !== 'GeneratorExp' || g.generators.length !== 1 || g.generators[0].ifs.length || g.generators[0].target.type !== 'Name') return null;
  const ch = g.generators[0].target.id;
  const alts = g.elt.type === 'BoolOp' && g.elt.op === 'Or' ? g.elt.values : [g.elt];
  const tests = alts.some((a) => a.type === 'Compare' && a.ops.length === 1 && a.ops[0] === 'Eq' && ((a.left.type === 'Name' && a.left.id === ch && a.comparators[0].type === 'Constant' && a.comparators[0].value === c) || (a.comparators[0].type === 'Name' && a.comparators[0].id === ch && a.left.type === 'Constant' && a.left.value === c)));
  return tests ? keyOf(g.generators[0].iter) : null;
}

/**
 * `ch in v for ch in "\r\n"` (or over a tuple of one-character strings) as the argument of
 * `any()`: the key of v and the characters tested; null otherwise.
 */
function charsInValue(g: A.Expr, sem: SemanticModel): { key: string; chars: string[] } | null {
  if (g.type !== 'GeneratorExp' || g.generators.length !== 1 || g.generators[0].ifs.length || g.generators[0].target.type !== 'Name') return null;
  const ch = g.generators[0].target.id;
  const e = g.elt;
  if (e.type !== 'Compare' || e.ops.length !== 1 || e.ops[0] !== 'In' || e.left.type !== 'Name' || e.left.id !== ch) return null;
  const key = keyOf(e.comparators[0]);
  const iter = g.generators[0].iter;
  const lit = sem.constValue(iter);
  const chars = typeof lit === 'string' ? [...lit] : iter.type === 'Tuple' || iter.type === 'List' || iter.type === 'Set' ? iter.elts.map((x) => sem.constValue(x)) : [];
  return key && chars.length && chars.every((c): c is string => typeof c === 'string' && c.length === 1) ? { key, chars } : null;
}

/**
 * The line-break check before a header or a log line: `"\\r" in v or "\\n" in v` false (or
 * `"\\r" not in v and "\\n" not in v` true) proves v holds neither CR nor LF, so it cannot
 * start a new header or log line. One of the two alone proves nothing (a lone CR or LF
 * breaks the line for some servers and viewers).
 */
function noLineBreaks(values: readonly A.Expr[], sem: SemanticModel, negated: boolean): Guard[] {
  const cr = new Set<string>();
  const lf = new Set<string>();
  for (const { c, neg } of partsOf(values, negated)) {
    if (c.type !== 'Compare' || c.ops.length !== 1 || (c.ops[0] !== 'In' && c.ops[0] !== 'NotIn')) continue;
    // Where this part holds, the character is not in the value.
    if ((c.ops[0] === 'NotIn') === neg) continue;
    const lit = sem.constValue(c.left);
    const k = keyOf(c.comparators[0]);
    if (!k) continue;
    if (lit === '\r') cr.add(k);
    if (lit === '\n') lf.add(k);
  }
  return [...cr].filter((k) => lf.has(k)).map((key) => ({ key, bits: K.HEADER, when: !negated, label: 'the line-break check' }));
}

/**
 * A regular-expression test of a value: `re.fullmatch(p, x)`, `re.match(p, x)`,
 * `re.search(p, x)`, or the same methods of a pattern bound once to `re.compile(p)`. The
 * value's key, the constant pattern, its flags (qualified names) and the mode; null otherwise.
 */
function regexTest(test: A.Call, sem: SemanticModel): { key: string; pattern: string; flags: string; mode: 'fullmatch' | 'match' | 'search' } | null {
  const f = test.func;
  if (f.type !== 'Attribute') return null;
  const mode = f.attr === 'fullmatch' ? 'fullmatch' : f.attr === 'match' ? 'match' : f.attr === 'search' ? 'search' : null;
  if (!mode) return null;
  let pattern: A.Expr | undefined;
  let target: A.Expr | undefined;
  let flags: A.Expr | undefined;
  if (sem.callName(test) === `re.${mode}`) {
    [pattern, target] = test.args;
    flags = test.args[2] ?? test.keywords.find((k) => k.arg === 'flags')?.value;
  } else {
    const compiled = boundCall(f.value, sem);
    if (compiled && sem.callName(compiled) === 're.compile') {
      pattern = compiled.args[0];
      flags = compiled.args[1] ?? compiled.keywords.find((k) => k.arg === 'flags')?.value;
      target = test.args[0];
    }
  }
  // (`PATTERN.fullmatch(value or "")`: a falsy value replaced by a constant is no less checked.)
  const key = target ? keyOf(orConstant(target)) : null;
  const p = pattern ? sem.constValue(pattern) : undefined;
  return key && typeof p === 'string' ? { key, pattern: p, flags: flags ? (sem.qualifiedName(flags) ?? '') : '', mode } : null;
}

/** `x or CONSTANT` → x (a check of it checks x where x is truthy, and a constant otherwise); any other expression as it is. */
function orConstant(e: A.Expr): A.Expr {
  return e.type === 'BoolOp' && e.op === 'Or' && e.values.length === 2 && e.values[1].type === 'Constant' ? e.values[0] : e;
}

/** The names of the current and parent directory, as constants or as `os.curdir`/`os.pardir`. */
const DOT_NAMES = new Set(['.', '..', 'os.curdir', 'os.pardir', 'posixpath.curdir', 'posixpath.pardir']);

/**
 * The plain-name check before joining a path part (http.server's): `os.path.dirname(w) or
 * w in (os.curdir, os.pardir)` false proves w has no directory part and is neither `.` nor
 * `..`, so joining it stays in the directory. Each part alone proves nothing.
 */
function plainName(values: readonly A.Expr[], sem: SemanticModel): Guard[] {
  const noDir = new Set<string>();
  const noDots = new Set<string>();
  for (const v of values) {
    if (v.type === 'Call' && /^(?:os\.path|posixpath|ntpath)\.dirname$/.test(sem.callName(v) ?? '') && v.args.length === 1) {
      const k = keyOf(v.args[0]);
      if (k) noDir.add(k);
    }
    if (v.type === 'Compare' && v.ops.length === 1 && v.ops[0] === 'In') {
      const list = v.comparators[0];
      const k = keyOf(v.left);
      const names = list.type === 'Tuple' || list.type === 'List' || list.type === 'Set' ? list.elts.map((x) => (x.type === 'Constant' ? String(x.value) : (sem.qualifiedName(x) ?? ''))) : [];
      if (k && names.some((n) => n === '..' || n.endsWith('pardir')) && names.every((n) => DOT_NAMES.has(n))) noDots.add(k);
    }
  }
  return [...noDir].filter((k) => noDots.has(k)).map((key) => ({ key, bits: K.PATH, when: false, label: 'the plain-name check' }));
}

/**
 * A literal-shape check before `eval`/`literal_eval`: `x.startswith("'") and
 * x.endswith("'") and "'" not in x[1:-1]` proves x is one quoted string literal (no code).
 */
function literalShape(values: readonly A.Expr[], sem: SemanticModel): Guard[] {
  const starts = new Map<string, string>();
  const ends = new Map<string, string>();
  const inner = new Map<string, string>();
  for (const v of values) {
    if (v.type === 'Call' && v.func.type === 'Attribute' && (v.func.attr === 'startswith' || v.func.attr === 'endswith') && v.args[0]) {
      const k = keyOf(v.func.value);
      const lit = sem.constValue(v.args[0]);
      if (k && (lit === "'" || lit === '"')) (v.func.attr === 'startswith' ? starts : ends).set(k, lit);
    }
    if (v.type === 'Compare' && v.ops.length === 1 && v.ops[0] === 'NotIn') {
      const lit = sem.constValue(v.left);
      const r = v.comparators[0];
      if ((lit === "'" || lit === '"') && r.type === 'Subscript' && r.slice.type === 'Slice') {
        const lo = r.slice.lower ? sem.constValue(r.slice.lower) : undefined;
        const hi = r.slice.upper ? sem.constValue(r.slice.upper) : undefined;
        const k = keyOf(r.value);
        if (k && lo === 1 && hi === -1 && !r.slice.step) inner.set(k, lit);
      }
    }
  }
  const out: Guard[] = [];
  for (const [k, q] of starts) if (ends.get(k) === q && inner.get(k) === q) out.push({ key: k, bits: K.CODE, when: true });
  return out;
}

/**
 * An authenticity check: `hmac.compare_digest(sig, expected)` where one side is an HMAC of
 * a message under a key — `hmac.new(key, msg, digestmod).digest()`/`.hexdigest()`,
 * `hmac.digest(key, msg, digest)`, or a name bound once to one of those — and the other is
 * not. Where it holds, the message was made by a holder of the key, so deserialising it
 * (`pickle.loads(msg)`) runs no attacker's payload: msg is cleared for deserialisation
 * only (a server may well sign strings a user chose, which stay dangerous elsewhere).
 * The message must be a name bound once (so the value verified is the value used).
 */
function hmacGuards(a: A.Expr, b: A.Expr, sem: SemanticModel): Guard[] {
  const ma = hmacMessage(a, sem, 0);
  const mb = hmacMessage(b, sem, 0);
  const mac = ma && !mb ? ma : mb && !ma ? mb : null;
  if (!mac) return [];
  const { key } = mac;
  const msg = withoutEncoding(mac.msg);
  const k = keyOf(msg);
  if (!k) return [];
  if (msg.type === 'Name') {
    const bnd = sem.lookup(msg.id, msg);
    if (!bnd || bnd.count !== 1) return [];
  }
  return [{ key: k, bits: K.DESER, when: true, label: 'the HMAC signature check', unlessTainted: key }];
}

/** Methods that turn text into bytes or back: the signature or message they give is the one signed. */
const ENCODINGS = new Set(['encode', 'decode']);

/** `payload.encode()` (or `.decode()`) stands for `payload`: verifying its bytes verifies the text. */
function withoutEncoding(e: A.Expr): A.Expr {
  for (let i = 0; i < 4 && e.type === 'Call' && e.func.type === 'Attribute' && ENCODINGS.has(e.func.attr); i++) e = e.func.value;
  return e;
}

/** The undecorated method `self.name` of the class around the call names (the first of that name), or null. */
function selfMethod(f: A.Expr): A.FunctionDef | null {
  if (f.type !== 'Attribute' || f.value.type !== 'Name' || f.value.id !== 'self') return null;
  let cls: A.AnyNode | null = f.parent;
  while (cls && cls.type !== 'ClassDef') cls = cls.parent;
  if (!cls || cls.type !== 'ClassDef') return null;
  const m = cls.body.find((x): x is A.FunctionDef => x.type === 'FunctionDef' && x.name === f.attr);
  return m && !m.decorator_list.length ? m : null;
}

/** The message and key arguments of an HMAC computation (see {@link hmacGuards}), or null. */
function hmacMessage(e: A.Expr, sem: SemanticModel, d: number): { msg: A.Expr; key: A.Expr } | null {
  if (d > 4) return null;
  if (e.type === 'Name') {
    const b = sem.lookup(e.id, e);
    return b && b.kind === 'assign' && b.count === 1 && b.value && b.value !== e ? hmacMessage(b.value, sem, d + 1) : null;
  }
  if (e.type !== 'Call') return null;
  // The signature as bytes or text (`sign(p).encode()`) is the same signature.
  if (e.func.type === 'Attribute' && ENCODINGS.has(e.func.attr)) return hmacMessage(e.func.value, sem, d + 1);
  // A signing helper of the module, `def sign(blob): return hmac.new(KEY, blob, sha256).hexdigest()`:
  // the message is the argument given for the parameter it signs.
  // (Or a method of the class called on self, `self._sign(blob)` with `return hmac.new(self.secret, blob, …)`.)
  const fn = e.func.type === 'Name' ? singleReturn(e.func, e, sem) : selfMethod(e.func);
  const helper = fn && predicateBody(fn);
  if (helper) {
    const inner = hmacMessage(helper.value, sem, d + 1);
    const offset = e.func.type === 'Attribute' ? 1 : 0;
    // (The parameter signed as bytes, `blob.encode("ascii")`, is the parameter.)
    const signed = inner ? withoutEncoding(inner.msg) : null;
    const i = signed?.type === 'Name' ? helper.params.indexOf(signed.id) - offset : -1;
    const arg = i >= 0 ? e.args[i] : undefined;
    return inner && arg && arg.type !== 'Starred' ? { msg: arg, key: inner.key } : null;
  }
  const q = sem.callName(e) ?? '';
  const msgArg = (c: A.Call): { msg: A.Expr; key: A.Expr } | null => {
    const at = (i: number, kw: string): A.Expr | null => {
      const p = c.args[i];
      if (p && p.type !== 'Starred') return p;
      return keywordArg(c, kw)?.value ?? null;
    };
    const msg = at(1, 'msg');
    const key = at(0, 'key');
    return msg && key ? { msg, key } : null;
  };
  if (q === 'hmac.digest') return msgArg(e);
  if (e.func.type === 'Attribute' && (e.func.attr === 'digest' || e.func.attr === 'hexdigest') && !e.args.length) {
    let m: A.Expr = e.func.value;
    if (m.type === 'Name') {
      const b = sem.lookup(m.id, m);
      if (!b || b.kind !== 'assign' || b.count !== 1 || !b.value) return null;
      m = b.value;
    }
    return m.type === 'Call' && sem.callName(m) === 'hmac.new' ? msgArg(m) : null;
  }
  return null;
}

/** Conversions that raise on anything but a number or an identifier, with the kinds their success proves safe. */
const VALIDATING_CONVERSIONS = new Map<string, number>([
  // int(" 1\n") succeeds: surrounding whitespace (a newline) is still possible.
  ['int', ALL_MASK & ~(K.HEADER | K.SESSION | K.RESPONSE)],
  ['float', ALL_MASK & ~(K.HEADER | K.SESSION | K.RESPONSE)],
  ['decimal.Decimal', ALL_MASK & ~(K.HEADER | K.SESSION | K.RESPONSE)],
  ['uuid.UUID', ALL_MASK & ~(K.SESSION | K.RESPONSE)],
]);

/**
 * Guards a statement establishes for the code after it: `int(x)` / `n = int(x)` /
 * `uuid.UUID(x)` raise unless x is a number or a UUID, so once the statement completed x
 * is one (inside a `try` whose handler returns, or anywhere: an exception leaves the
 * block). The interpreter applies them after executing the statement.
 */
export function statementGuards(stmt: A.Stmt, sem: SemanticModel, ext?: ExternalGuards): Guard[] {
  let value = stmt.type === 'Expr' ? stmt.value : stmt.type === 'Assign' || stmt.type === 'AnnAssign' ? stmt.value : null;
  if (value?.type === 'Await') value = value.value;
  if (!value || value.type !== 'Call' || !value.args[0]) return [];
  const q = sem.callName(value) ?? '';
  const bits = VALIDATING_CONVERSIONS.get(q);
  const k = keyOf(value.args[0]);
  if (bits) return k ? [{ key: k, bits, when: true }] : [];
  // A validator that raises unless its checks pass (`ensure_name(name)`): of this module, of its class, or of another module.
  const f = value.func;
  const local = f.type === 'Name' ? moduleFunction(f, value, sem) : null;
  const method = local ? null : selfMethod(f);
  if (local || method) return argumentGuards(value, onParams((local ?? method)!, raisingGuards((local ?? method)!, sem), !!method, true), sem);
  const remote = ext && q.includes('.') ? ext(q) : null;
  return remote ? argumentGuards(value, remote.filter((g) => g.raises), sem) : [];
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

/** The parts of a parsed URL that name its host. */
const HOST_PARTS = new Set(['netloc', 'hostname', 'host']);

/**
 * `urlparse(x).netloc` / `.hostname` / `.host` → key of x (the scheme alone pins no host);
 * also `parts.netloc` where `parts` is bound once to `urlparse(x)`: then `parts` itself too
 * (`parts.geturl()`, `urlunparse(parts)` rebuild the checked URL).
 */
function parsedUrlKeys(e: A.Expr, sem: SemanticModel): string[] {
  // (Through a name bound to it and case or whitespace normalisation: `host = (parsed.hostname or "").lower()`.)
  for (let i = 0; i < 6 && e.type !== 'Attribute'; i++) {
    const next: A.Expr | null =
      e.type === 'Name' ? boundHere(e, sem) : e.type === 'BoolOp' && e.op === 'Or' && e.values.length === 2 && e.values[1].type === 'Constant' ? e.values[0] : e.type === 'Call' && e.func.type === 'Attribute' && !e.args.length && /^(?:lower|casefold|strip|rstrip|lstrip)$/.test(e.func.attr) ? e.func.value : null;
    if (!next || next === e) return [];
    e = next;
  }
  if (e.type !== 'Attribute' || !HOST_PARTS.has(e.attr)) return [];
  const v = boundCall(e.value, sem);
  if (!v || !v.args[0]) return [];
  const q = sem.callName(v) ?? '';
  if (!/(?:^|\.)(?:urlparse|urlsplit)$/.test(q)) return [];
  const out: string[] = [];
  const source = keyOf(v.args[0]);
  if (source) out.push(source);
  const parts = e.value.type === 'Name' ? keyOf(e.value) : null;
  if (parts) out.push(parts);
  return out;
}

/**
 * `a or b` true: what every alternative proves of the same value (`host == DOMAIN or
 * host.endswith("." + DOMAIN)`: a host in that domain), the kinds all of them clear (not
 * which constants it is: no `pins`).
 */
function eitherHolds(values: readonly A.Expr[], sem: SemanticModel, d: number, ext: ExternalGuards | undefined, side: boolean): Guard[] {
  const alts = values.map((v) => guardsOf(v, sem, d + 1, ext).filter((g) => g.when === side && !g.dotsOnly && !g.absOnly));
  const out: Guard[] = [];
  for (const key of new Set((alts[0] ?? []).map((g) => g.key))) {
    let bits = ALL_MASK;
    let hostOnly = false;
    // A condition of one alternative (`unless the other value is request data`) stays a condition of the whole; two such are not merged.
    const conditions = new Set<A.Expr>();
    for (const gs of alts) {
      const same = gs.filter((g) => g.key === key);
      bits &= same.reduce((b, g) => b | g.bits, 0);
      hostOnly ||= same.some((g) => g.hostOnly);
      for (const g of same) if (g.unlessTainted) conditions.add(g.unlessTainted);
    }
    if (!bits || conditions.size > 1) continue;
    const [unlessTainted] = conditions;
    out.push({ key, bits, when: side, ...(hostOnly ? { hostOnly: true as const } : {}), ...(unlessTainted ? { unlessTainted } : {}) });
  }
  return out;
}

/** The test inside `bool(test)`: a test's truth is that of its `bool()` (the builtin, not a rebound name). */
function truthOf(e: A.Expr, sem: SemanticModel): A.Expr {
  return e.type === 'Call' && e.args.length === 1 && !e.keywords.length && e.args[0].type !== 'Starred' && e.func.type === 'Name' && e.func.id === 'bool' && !sem.lookup('bool', e) ? e.args[0] : e;
}

/**
 * A module's configured constant: an upper-case name bound once at module level
 * (`PUBLIC_ROOT = os.path.realpath(os.environ.get("DOCS_ROOT", …))`) or imported, or such a
 * name read from an imported module (`settings.MEDIA_ROOT`): the operator's value, fixed
 * for the process (where it comes from a request, {@link Guard.unlessTainted} sees it).
 */
function moduleConstant(e: A.Expr, sem: SemanticModel): boolean {
  if (importedConstant(e, sem)) return true;
  if (e.type !== 'Name' || !CONSTANT_NAME.test(e.id)) return false;
  const b = sem.lookup(e.id, e);
  return b?.kind === 'assign' && b.count === 1 && sem.scopeOf(b.node).node.type === 'Module';
}

/** Case and surrounding-character normalisations of a string (`str` methods). */
const NORMALISING_METHODS = new Set(['lower', 'upper', 'casefold', 'strip', 'lstrip', 'rstrip']);
/** `.replace("\\", "/")`: backslashes read as the slashes browsers take them for (a check on the result is stricter). */
const isSlashReplace = (x: A.Call): boolean => x.func.type === 'Attribute' && x.func.attr === 'replace' && x.args.length === 2 && x.args[0].type === 'Constant' && x.args[0].value === '\\' && x.args[1].type === 'Constant' && x.args[1].value === '/';

/** Whether `e` is `name` normalised: `(name or "").lower().rstrip(".")`, `name.strip()`. */
function normalisationOf(e: A.Expr, name: string): boolean {
  let x = e;
  for (let i = 0; i < 10; i++) {
    if (x.type === 'Call' && x.func.type === 'Attribute' && (NORMALISING_METHODS.has(x.func.attr) || isSlashReplace(x))) x = x.func.value;
    else if (x.type === 'BoolOp' && x.op === 'Or' && x.values.length === 2 && x.values[1].type === 'Constant') x = x.values[0];
    else break;
  }
  return x.type === 'Name' && x.id === name;
}

/** The collection a comprehension walks to bind `e` (`DOMAINS` for `d` in `… for d in DOMAINS`, without `if`s); null otherwise. */
function loopIter(e: A.Name): A.Expr | null {
  for (let n: A.AnyNode | null = e.parent; n; n = n.parent) {
    if (n.type !== 'GeneratorExp' && n.type !== 'ListComp' && n.type !== 'SetComp') continue;
    const g = n.generators.find((x) => x.target.type === 'Name' && x.target.id === e.id);
    if (g) return g.ifs.length ? null : g.iter;
  }
  return null;
}

/** The string constants of a tuple, list or set display, or of a name bound once to one; null otherwise. */
function constantStrings(e: A.Expr, sem: SemanticModel): string[] | null {
  const b = e.type === 'Name' ? sem.lookup(e.id, e) : undefined;
  const v = b ? (b.kind === 'assign' && b.count === 1 ? b.value : undefined) : e;
  if (!v || (v.type !== 'Tuple' && v.type !== 'List' && v.type !== 'Set')) return null;
  const out: string[] = [];
  for (const x of v.elts) {
    if (x.type !== 'Constant' || typeof x.value !== 'string') return null;
    out.push(x.value);
  }
  return out;
}

/** A name a comprehension binds to each string of a collection of constants (`d` in `… for d in DOMAINS`). */
function constantLoopTarget(e: A.Name, sem: SemanticModel): boolean {
  const it = loopIter(e);
  return !!it && constantStrings(it, sem) !== null;
}

/** `"." + d` with `d` walking a collection of domain names (see {@link constantLoopTarget}): a domain suffix for each. */
function loopDomainSuffix(e: A.Expr, sem: SemanticModel): boolean {
  if (e.type !== 'BinOp' || e.op !== 'Add' || e.right.type !== 'Name' || sem.constValue(e.left) !== '.') return false;
  const it = loopIter(e.right);
  const domains = it ? constantStrings(it, sem) : null;
  return !!domains?.length && domains.every((d) => isDomainSuffix(`.${d}`));
}

/** A suffix that names a domain with its leading dot (`.example.com`): a host ending with it lies in that domain. */
function isDomainSuffix(v: unknown): boolean {
  return typeof v === 'string' && /^\.[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(v);
}
