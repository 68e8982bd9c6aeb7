/**
 * Glob matching in linear time, whatever the pattern. Patterns come from the scanned
 * project itself (`[tool.krait] exclude`, per-path ignores, `.gitignore`), so they are
 * hostile: picomatch's own regular expressions run on V8's backtracking engine, where
 * `a*a*a*a*…b` against a long path takes exponential time. Here picomatch only translates
 * the glob (its syntax stays the documented one: `*`, `**`, `?`, `[…]`, `{a,b}`,
 * extglobs); the resulting expression is compiled by re2js, a port of RE2, whose matching
 * time is linear in the length of the path.
 *
 * RE2 has no look-around. picomatch emits look-arounds only to refuse `.` and `..` path
 * segments and empty names; krait matches normalised relative paths, which never hold
 * such segments, so those parts are dropped. A pattern whose translation still needs a
 * look-around (the negating extglob `!(…)`) is refused with a clear message.
 */
import picomatch from 'picomatch';
import { RE2JS } from 're2js';
import ignore, { type Ignore } from 'ignore';

/** Look-arounds picomatch emits (with `dot: true`) that only guard `.`/`..` segments and empty names. */
const DOT_GUARDS: [string, string][] = [
  ['(?:(?!(?:^|\\/)\\.{1,2}(?:\\/|$)).)*?', '.*?'],
  ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', ''],
  ['(?!\\.{1,2}(?:\\/|$))', ''],
  ['(?=.)', ''],
];

/** A glob that cannot be matched in linear time (or is not a valid glob). */
export class GlobError extends Error {}

/**
 * Compile a glob (picomatch syntax, `dot: true`: `*` matches names starting with `.`) to a
 * predicate over `/`-separated relative paths, running in time linear in the path's length.
 * A leading `!` negates the pattern.
 *
 * @throws GlobError with a one-line message naming the pattern when it cannot be compiled.
 */
export function compileLinearGlob(glob: string): (path: string) => boolean {
  if (glob.startsWith('!') && !glob.startsWith('!(')) {
    const inner = compileLinearGlob(glob.slice(1));
    return (p) => !inner(p);
  }
  let source: string;
  try {
    source = picomatch.makeRe(glob, { dot: true }).source;
  } catch (err) {
    throw new GlobError(`invalid glob ${JSON.stringify(glob)}: ${(err as Error).message.split('\n')[0]}`);
  }
  for (const [from, to] of DOT_GUARDS) source = source.split(from).join(to);
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch {
    throw new GlobError(`unsupported glob ${JSON.stringify(glob)}: negating extglobs such as !(…) are not supported (use exclude patterns instead)`);
  }
  return (p) => re.matches(p);
}

/**
 * A `.gitignore` matcher (the `ignore` package, which implements git's rules) whose
 * patterns are matched in linear time. `ignore` turns each pattern into a regular
 * expression for V8's backtracking engine (`**\/a/**\/a/**\/…` is polynomial in the path's
 * depth); here each rule's expression, once `ignore` has built it, is compiled by re2js
 * instead. `ignore`'s only look-around, the trailing `(?=$|\/$)`, becomes the equivalent
 * consuming group. A rule RE2 cannot compile never matches: the files it names are
 * analysed rather than silently hidden.
 */
export function linearIgnore(): Ignore {
  patchIgnoreOnce();
  return ignore();
}

let patched: boolean | undefined;

/** Replace `ignore`'s per-rule RegExp factory (its `_make`, pinned version) by a re2js one; true once done. */
function patchIgnoreOnce(): boolean {
  if (patched !== undefined) return patched;
  patched = false;
  const probe = ignore().add('probe') as unknown as { _rules?: { _rules?: object[] } };
  const rule = probe._rules?._rules?.[0];
  const proto = rule ? (Object.getPrototypeOf(rule) as { _make?: (mode: string, key: string) => RegExp }) : undefined;
  const make = proto?._make;
  if (!proto || typeof make !== 'function') return false;
  proto._make = function (this: object, mode: string, key: string) {
    // Build the RegExp on a throwaway object inheriting the rule's fields (`ignore` defines it non-writable).
    const re = make.call(Object.create(this) as object, mode, key);
    const source = re.source.replace(/\(\?=\$\|\\\/\$\)$/, '(?:$|\\/$)');
    let linear: { test(p: string): boolean };
    try {
      const r2 = RE2JS.compile(source, re.flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
      linear = { test: (p: string) => r2.test(p) };
    } catch {
      linear = { test: () => false };
    }
    Object.defineProperty(this, key, { value: linear });
    return linear as unknown as RegExp;
  };
  patched = true;
  return true;
}
