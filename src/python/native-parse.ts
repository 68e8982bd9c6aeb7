/**
 * The bulk reader: tree-sitter's parse and the walk of `parse/cursor.ts` done in one native
 * call by krait's own addon (`native/krait_parse.c`, built from `binding.gyp` at install),
 * which returns the kept nodes as one `Uint32Array`; this module turns that array into the
 * same `Raw` records the cursor walk makes. The addon compiles the tree-sitter runtime and
 * the tree-sitter-python grammar from the two npm packages, so both readers see the same
 * grammar. When the addon is missing (a failed build: no C compiler) or `KRAIT_PARSER=cursor`
 * is set, {@link nativeParser} returns null and the parser reads the tree through the
 * binding's cursor, as before. The addon deletes each tree before it returns, so parsing
 * holds no native memory that waits for V8's garbage collector.
 *
 * This module sits two folders below the package root (dist/python/), as the bundle
 * (dist/cli/krait.cjs) does: the addon's path relative to `import.meta.url` is right in both.
 */
import { createRequire } from 'node:module';
import { NO_KIDS, type Raw } from './parse/raw.js';
import type { RawTree, SyntaxProblem } from './parse/cursor.js';
import { KEEP_ANON, LEAVES } from './parse/cursor.js';
import type { SourceReader } from './parse/reader.js';

interface Addon {
  configure(flags: Uint8Array): void;
  symbols(): [string[], boolean[], (string | null)[]];
  parse(source: string, deadlineMs: number, maxDepth: number): Uint32Array; // deadline: ms since the epoch, Infinity for none
}

/** A parse read into raw records, with what the tree told of errors (by the addon, or by the binding in parse.ts). */
export interface NativeRawTree extends RawTree {
  hasError: boolean;
  /** The first node tree-sitter inserted as missing (only looked for when `hasError`). */
  missing: SyntaxProblem | null;
}

/** What the reader needs of the addon: `read(source, reader, deadline, maxDepth)`. */
export interface NativeParser {
  read(source: string, reader: SourceReader, deadline: number, maxDepth: number): NativeRawTree;
}

const HEADER = 4;
const NAMED = 0x80000000;
const TOO_DEEP = 0x40000000;
const PARENT = 0x3fffffff;
/** tree-sitter's built-in symbol of ERROR nodes (`ts_builtin_sym_error`), outside the grammar's table. */
const ERROR = 0xffff;

let loaded: NativeParser | null | undefined;

/**
 * The native reader, or null when the addon is not built (or `KRAIT_PARSER=cursor`).
 * Loaded once per thread.
 */
export function nativeParser(): NativeParser | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (process.env.KRAIT_PARSER === 'cursor') return loaded;
  let addon: Addon;
  try {
    addon = createRequire(import.meta.url)('../../build/Release/krait_parse.node') as Addon;
  } catch {
    return loaded;
  }
  const [types, named, fields] = addon.symbols();
  const flags = new Uint8Array(types.length);
  for (let i = 0; i < types.length; i++) {
    const t = types[i];
    flags[i] = (KEEP_ANON.has(t) ? 1 : 0) | (named[i] && LEAVES.has(t) ? 2 : 0) | (named[i] && t === 'string' ? 4 : 0);
  }
  addon.configure(flags);
  loaded = { read: (source, reader, deadline, maxDepth) => decode(addon, types, fields, source, reader, deadline, maxDepth) };
  return loaded;
}

function decode(
  addon: Addon,
  types: string[],
  fields: (string | null)[],
  src: string,
  reader: SourceReader,
  deadline: number,
  maxDepth: number,
): NativeRawTree {
  const a = addon.parse(src, deadline, maxDepth);
  const flags = a[0];
  const root: Raw = { t: 'module', f: null, s: 0, e: src.length, n: true, k: [] };
  const out: NativeRawTree = {
    root,
    comments: [],
    firstError: null,
    tooDeep: (flags & 2) !== 0,
    timedOut: (flags & 1) !== 0,
    hasError: (flags & 4) !== 0,
    missing: null,
  };
  if (flags & 8) out.missing = { line: a[1] + 1, column: a[2], message: `missing ${JSON.stringify(a[3] === ERROR ? 'ERROR' : types[a[3]])}` };
  // Records in pre-order: a parent always comes before its children.
  const count = (a.length - HEADER) >> 2;
  const nodes: Raw[] = new Array<Raw>(count);
  nodes[0] = root;
  for (let i = 1, o = HEADER + 4; i < count; i++, o += 4) {
    const tf = a[o];
    const meta = a[o + 3];
    const sym = tf & 0xffff;
    const t = sym === ERROR ? 'ERROR' : types[sym];
    const fieldId = tf >>> 16;
    const f = fieldId ? fields[fieldId] ?? null : null;
    const s = a[o + 1];
    const e = a[o + 2];
    const parent = nodes[meta & PARENT];
    if (parent.k === NO_KIDS) parent.k = [];
    if (!(meta & NAMED)) {
      parent.k.push({ t, f, s, e, n: false, k: NO_KIDS });
      continue;
    }
    if (t === 'comment') {
      const [line, col] = reader.position(s);
      out.comments.push({ line, col, text: src.slice(s, e) });
      continue;
    }
    const raw: Raw = { t: meta & TOO_DEEP ? 'TOO_DEEP' : t, f, s, e, n: true, k: NO_KIDS };
    parent.k.push(raw);
    nodes[i] = raw;
    if (t === 'ERROR' && !out.firstError) out.firstError = raw;
  }
  return out;
}
