/**
 * Python parsing: tree-sitter-python lowered once into plain objects shaped like CPython's
 * `ast` (see `ast.ts`).
 *
 * Two passes, neither recursive over the input's nesting beyond {@link MAX_DEPTH}:
 *  1. krait's parser addon parses and copies the tree out in one native call
 *     (`native-parse.ts`); without the addon, an iterative walk of the tree-sitter binding's
 *     cursor (`parse/cursor.ts`) does the same. Either copies the named nodes (and the few
 *     anonymous tokens the lowering needs) into small `Raw` records (`parse/raw.ts`);
 *  2. a lowering from `Raw` to CPython node shapes, in plain JS, split by concern, each
 *     part a class extending the one below it (so imports go one way, no cycle):
 *     `parse/reader.ts` (positions, identifiers) ← `parse/strings.ts` (literals, f-strings)
 *     ← `parse/expressions.ts` ← `parse/patterns.ts` (`match`) ← `parse/statements.ts`.
 *     The lower parts reach the upper ones only through an abstract method (`rhs`, `body`).
 * Nesting deeper than {@link MAX_DEPTH} raw levels is cut (the subtree becomes an
 * `Unparsed` node and the result says `tooDeep`), so no later recursive pass can
 * overflow the stack, whatever the input. CPython itself rejects code nested ~200 deep.
 */
import type Parser from 'tree-sitter';
import { createRequire } from 'node:module';
import type * as A from './ast.js';
import { nativeParser, type NativeRawTree } from './native-parse.js';
import { findMissing, MAX_DEPTH, readTree, type SourceComment, type SyntaxProblem } from './parse/cursor.js';
import type { Raw } from './parse/raw.js';
import { Lowering } from './parse/statements.js';

export { MAX_DEPTH, type SyntaxProblem } from './parse/cursor.js';
export { decodeLiteral } from './parse/strings.js';
export type { RenamedIdentifier } from './ast.js';

export interface ParseResult {
  module: A.Module;
  /** Empty when the file parsed cleanly. */
  syntaxErrors: SyntaxProblem[];
  /** True when some subtree was nested deeper than MAX_DEPTH and was not lowered. */
  tooDeep: boolean;
  /** True when the deadline passed while parsing: the rest of the file was not parsed or lowered. */
  timedOut: boolean;
  /** Comments: 1-based line and the comment's text (with `#`). */
  comments: SourceComment[];
  /** Offsets of line starts (UTF-16 units), for position look-ups. */
  lineStarts: number[];
  /** Identifiers whose written spelling CPython's NFKC normalisation changes (the AST holds the normalised name). */
  renamed: A.RenamedIdentifier[];
}

// The binding is loaded only when krait's own reader (native-parse.ts) is not built.
let sharedParser: Parser | null = null;
function parser(): Parser {
  if (!sharedParser) {
    const require = createRequire(import.meta.url);
    const P = require('tree-sitter') as typeof Parser;
    sharedParser = new P();
    sharedParser.setLanguage(require('tree-sitter-python') as Parser.Language);
  }
  return sharedParser;
}

/**
 * Parse Python source text into a CPython-shaped `Module`.
 * Never throws on bad input: syntax errors are returned in `syntaxErrors` and whatever
 * could be parsed is still lowered. `deadline` is in ms since the epoch (`Date.now()`);
 * `reader: 'cursor'` reads the tree through the tree-sitter binding's cursor even when the
 * addon is built (both readers give the same result; the tests compare them).
 */
export function parsePython(source: string, opts: { deadline?: number; reader?: 'native' | 'cursor' } = {}): ParseResult {
  const deadline = opts.deadline ?? Infinity;
  const native = opts.reader === 'cursor' ? null : nativeParser();
  const lowering = new Lowering(source);
  const raw = native ? native.read(source, lowering, deadline, MAX_DEPTH) : readWithBinding(source, lowering, deadline);
  const module = lowering.module(raw.root);
  const syntaxErrors: SyntaxProblem[] = raw.hasError ? [syntaxError(raw.firstError, lowering, source) ?? raw.missing ?? { line: 1, column: 0, message: 'invalid syntax' }] : [];
  if (lowering.renamed.length) module.renamed = lowering.renamed;
  return { module, syntaxErrors, tooDeep: raw.tooDeep, timedOut: raw.timedOut, comments: raw.comments, lineStarts: lowering.lineStarts, renamed: lowering.renamed };
}

/** Parse with the tree-sitter binding and read its tree through the cursor (when the addon is not built). */
function readWithBinding(source: string, lowering: Lowering, deadline: number): NativeRawTree {
  const p = parser();
  let timedOut = false;
  // tree-sitter's node binding reads the string in chunks through a callback when it is
  // large; past the deadline the callback ends the input (the rest is not parsed).
  const tree =
    source.length < 16384
      ? p.parse(source)
      : p.parse((index: number) => {
          if (index >= source.length) return null;
          if (deadline !== Infinity && Date.now() >= deadline) {
            timedOut = true;
            return null;
          }
          return source.slice(index, index + 16384);
        });
  const raw = readTree(tree, lowering, source, deadline);
  const hasError = tree.rootNode.hasError;
  const missing = hasError && !raw.firstError ? findMissing(tree) : null;
  (tree as unknown as { delete?: () => void }).delete?.();
  return { ...raw, timedOut: timedOut || raw.timedOut, hasError, missing };
}

/** The syntax error an ERROR node stands for (null when there is none). */
function syntaxError(first: Raw | null, lowering: Lowering, source: string): SyntaxProblem | null {
  if (!first) return null;
  const [line, column] = lowering.position(first.s);
  return { line, column, message: `invalid syntax near ${JSON.stringify(source.slice(first.s, Math.min(first.e, first.s + 30)))}` };
}
