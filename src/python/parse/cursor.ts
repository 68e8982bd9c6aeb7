/**
 * Pass 1 of the parser: an iterative walk of tree-sitter's tree cursor that copies the
 * named nodes (and the few anonymous tokens the lowering needs: operators, `async`,
 * slice colons) into small `Raw` records, reading only type, field and byte range —
 * every read is a call across the native boundary, so this pass reads as little as it
 * can. Nesting deeper than {@link MAX_DEPTH} raw levels is cut: the subtree becomes a
 * `TOO_DEEP` record, so no later recursive pass can overflow the stack.
 */
import type Parser from 'tree-sitter';
import { NO_KIDS, type Raw } from './raw.js';
import type { SourceReader } from './reader.js';

/** Deepest raw tree-sitter level lowered; deeper subtrees become `Unparsed`. */
export const MAX_DEPTH = 400;

/** A comment: 1-based line, 0-based column and the comment's text (with `#`). */
export interface SourceComment {
  line: number;
  col: number;
  text: string;
}

/** What the cursor walk read: the raw tree and what it met on the way. */
export interface RawTree {
  root: Raw;
  comments: SourceComment[];
  /** The first ERROR node, if any (for the syntax error message). */
  firstError: Raw | null;
  /** True when some subtree was nested deeper than MAX_DEPTH and was cut. */
  tooDeep: boolean;
  /** True when the deadline passed during the walk: the rest of the tree was not read. */
  timedOut: boolean;
}

/** A syntax error's position and message. */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** Parents whose anonymous children (operators, keywords) the lowering needs. */
export const KEEP_ANON: ReadonlySet<string> = new Set([
  'binary_operator', 'unary_operator', 'boolean_operator', 'augmented_assignment', 'comparison_operator',
  'function_definition', 'for_statement', 'with_statement', 'for_in_clause', 'slice', 'yield',
  'import_from_statement', 'parameters', 'lambda_parameters', 'subscript', 'try_statement',
]);

/** Node types whose children the lowering never reads: the walk does not descend. */
export const LEAVES: ReadonlySet<string> = new Set([
  'identifier', 'integer', 'float', 'string_content', 'string_start', 'string_end', 'comment',
  'true', 'false', 'none', 'ellipsis', 'escape_sequence', 'type_conversion', 'line_continuation',
  'import_prefix', 'keyword_separator', 'positional_separator', 'wildcard_import', 'escape_interpolation',
]);

/** Caches of tree-sitter-python's symbol and field names by id (static per grammar). */
const TYPE_NAMES: (string | undefined)[] = [];
const TYPE_NAMED: (boolean | undefined)[] = [];
const FIELD_NAMES: (string | null | undefined)[] = [];

/**
 * Copy `tree` into `Raw` records, iteratively (a stack, not recursion). `source` is the
 * text that was parsed, with its line starts; the walk stops, with `timedOut`, once
 * `Date.now()` passes `deadline`.
 */
export function readTree(tree: Parser.Tree, source: SourceReader, src: string, deadline: number): RawTree {
  const c = tree.walk();
  const root: Raw = { t: 'module', f: null, s: 0, e: src.length, n: true, k: [] };
  const out: RawTree = { root, comments: [], firstError: null, tooDeep: false, timedOut: false };
  const stack: Raw[] = [root];
  if (!c.gotoFirstChild()) return out;
  // Type and field names are read across the native boundary once per id, then cached:
  // a number crosses far cheaper than a string.
  const typeNames = TYPE_NAMES;
  const namedById = TYPE_NAMED;
  const fieldNames = FIELD_NAMES;
  let steps = 0;
  for (;;) {
    if ((++steps & 1023) === 0 && deadline !== Infinity && Date.now() >= deadline) {
      out.timedOut = true;
      return out;
    }
    const parent = stack[stack.length - 1];
    let descend = false;
    const typeId = c.nodeTypeId;
    let t = typeNames[typeId];
    let named = namedById[typeId];
    if (t === undefined) {
      t = typeNames[typeId] = c.nodeType;
      named = namedById[typeId] = c.nodeIsNamed;
    }
    if (named || KEEP_ANON.has(parent.t)) {
      const fieldId = c.currentFieldId;
      let f: string | null = null;
      if (fieldId) {
        f = fieldNames[fieldId] ?? null;
        if (f === null) f = fieldNames[fieldId] = c.currentFieldName;
      }
      if (!named) {
        parent.k.push({ t, f, s: c.startIndex, e: c.endIndex, n: false, k: NO_KIDS });
      } else if (t === 'comment') {
        const s = c.startIndex;
        const [line, col] = source.position(s);
        out.comments.push({ line, col, text: src.slice(s, c.endIndex) });
      } else {
        const raw: Raw = { t, f, s: c.startIndex, e: c.endIndex, n: true, k: NO_KIDS };
        parent.k.push(raw);
        if (t === 'ERROR' && !out.firstError) out.firstError = raw;
        // A string without f/t prefix is read from the source text (see `strings.ts`): its
        // start/content/end/escape children need not cross the native boundary.
        if (!LEAVES.has(t) && !(t === 'string' && !interpolates(src, raw.s))) {
          if (stack.length >= MAX_DEPTH) {
            out.tooDeep = true;
            raw.t = 'TOO_DEEP';
          } else if (c.gotoFirstChild()) {
            raw.k = [];
            stack.push(raw);
            descend = true;
          }
        }
      }
    }
    if (descend) continue;
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent()) return out;
      stack.pop();
      if (stack.length === 0) return out;
    }
  }
}

/** Does the string literal starting at `offset` have an f or t prefix (so it holds interpolations)? */
function interpolates(src: string, offset: number): boolean {
  for (let i = offset; i < offset + 3 && i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 102 || c === 70 || c === 116 || c === 84) return true; // f F t T
    if (c === 34 || c === 39) return false; // the opening quote
  }
  return false;
}

/** The first node tree-sitter inserted as missing, as a syntax problem (null when there is none). */
export function findMissing(tree: Parser.Tree): SyntaxProblem | null {
  const c = tree.walk();
  for (;;) {
    if (c.nodeIsMissing) {
      return { line: c.startPosition.row + 1, column: c.startPosition.column, message: `missing ${JSON.stringify(c.nodeType)}` };
    }
    if (c.gotoFirstChild()) continue;
    while (!c.gotoNextSibling()) if (!c.gotoParent()) return null;
  }
}
