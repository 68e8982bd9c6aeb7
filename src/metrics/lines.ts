/**
 * Line classification: every physical line of a Python file is exactly one of code,
 * docstring, comment or blank (definitions in `docs/statistics.md`).
 *
 * A small lexer finds string literals and comments (the parts of Python's tokenizer that
 * decide what a line holds): prefixes (`r`, `b`, `f`, `rb`…), single and triple quotes,
 * backslash escapes, and f-string replacement fields, nested as Python 3.12 allows
 * (`f"{x["k"]}"`). It is iterative with an explicit stack and linear in the file size.
 * Lines are separated by `\n` (a `\r` before it is whitespace), as the AST's line numbers.
 */

/** A docstring statement's source range (the `Expr` statement: parentheses included). */
export interface DocstringRange {
  /** 1-based. */
  startLine: number;
  /** 0-based, UTF-16 code units. */
  startCol: number;
  endLine: number;
  /** Exclusive. */
  endCol: number;
}

/** Counts of physical lines by kind; `code + docstring + comment + blank === lines`. */
export interface LineCounts {
  lines: number;
  code: number;
  docstring: number;
  comment: number;
  blank: number;
}

/** What the lexer saw on each line (1-based index; index 0 unused). */
interface LineFacts {
  count: number;
  /** Line holds part of a string literal, or lies inside one. */
  str: Uint8Array;
  /** Line holds a comment. */
  comment: Uint8Array;
  /** First and last column of a code character (not whitespace, comment or string); -1 when none. */
  codeMin: Int32Array;
  codeMax: Int32Array;
}

type Frame =
  | { kind: 'code'; depth: number }
  | { kind: 'str'; quote: string; triple: boolean; f: boolean }
  | { kind: 'spec'; triple: boolean };

const PREFIXES = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);

function isIdentChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return /[A-Za-z0-9_]/.test(ch) || ch.charCodeAt(0) > 0x7f;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\f' || ch === '\r' || ch === '\v' || ch === '\ufeff';
}

/** Number of physical lines: `\n` count, plus one for a last line without `\n`. */
export function physicalLineCount(source: string): number {
  if (source.length === 0) return 0;
  let n = 0;
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) n++;
  return source.endsWith('\n') ? n : n + 1;
}

function lex(source: string): LineFacts {
  const count = physicalLineCount(source);
  const size = count + 2;
  const facts: LineFacts = {
    count,
    str: new Uint8Array(size),
    comment: new Uint8Array(size),
    codeMin: new Int32Array(size).fill(-1),
    codeMax: new Int32Array(size).fill(-1),
  };
  const stack: Frame[] = [{ kind: 'code', depth: 0 }];
  let line = 1;
  let lineStart = 0;
  const code = (i: number): void => {
    const col = i - lineStart;
    if (facts.codeMin[line] < 0) facts.codeMin[line] = col;
    facts.codeMax[line] = col;
  };
  const n = source.length;
  /**
   * Offset after the escape sequence at `at` (a backslash inside a string): one character
   * skipped, or an escaped line break, which continues even a single-quoted string.
   */
  const escape = (at: number): number => {
    const next = source[at + 1];
    const nl = next === '\n' ? at + 1 : next === '\r' && source[at + 2] === '\n' ? at + 2 : -1;
    if (nl === -1) return at + 2;
    line++;
    lineStart = nl + 1;
    facts.str[line] = 1;
    return nl + 1;
  };
  let i = 0;
  while (i < n) {
    const ch = source[i];
    const top = stack[stack.length - 1];
    if (ch === '\n') {
      // A newline inside a single-quoted string (or its format spec) ends it: a syntax
      // error in Python, recovered here so that one bad line does not swallow the file.
      while (stack.length > 1) {
        const t = stack[stack.length - 1];
        if ((t.kind === 'str' || t.kind === 'spec') && !t.triple) stack.pop();
        else break;
      }
      line++;
      lineStart = i + 1;
      const now = stack[stack.length - 1];
      if (now.kind !== 'code' || stack.length > 1) facts.str[line] = 1;
      i++;
      continue;
    }
    if (top.kind === 'code') {
      if (isSpace(ch)) {
        i++;
        continue;
      }
      if (ch === '#') {
        facts.comment[line] = 1;
        const nl = source.indexOf('\n', i);
        i = nl === -1 ? n : nl;
        continue;
      }
      if (ch === '"' || ch === "'") {
        let p = i;
        while (p > lineStart && i - p < 2 && /[A-Za-z]/.test(source[p - 1])) p--;
        let prefix = source.slice(p, i).toLowerCase();
        if (prefix && (!PREFIXES.has(prefix) || isIdentChar(source[p - 1]))) prefix = '';
        const triple = source.startsWith(ch + ch + ch, i);
        stack.push({ kind: 'str', quote: ch, triple, f: prefix.includes('f') || prefix.includes('t') });
        facts.str[line] = 1;
        i += triple ? 3 : 1;
        continue;
      }
      code(i);
      if (stack.length > 1) {
        // Inside an f-string replacement field.
        if (ch === '(' || ch === '[' || ch === '{') top.depth++;
        else if (ch === ')' || ch === ']') top.depth = Math.max(0, top.depth - 1);
        else if (ch === '}') {
          if (top.depth > 0) top.depth--;
          // End of the field: back to the string, or to the format spec holding a nested field.
          else stack.pop();
        } else if (ch === ':' && top.depth === 0) {
          // Start of the format spec; `!=`/`:=` at depth 0 are invalid in a field anyway.
          const under = stack[stack.length - 2];
          const triple = under && under.kind !== 'code' ? under.triple : false;
          stack[stack.length - 1] = { kind: 'spec', triple };
        }
      }
      i++;
      continue;
    }
    facts.str[line] = 1;
    if (top.kind === 'spec') {
      if (ch === '{') {
        stack.push({ kind: 'code', depth: 0 });
        i++;
      } else if (ch === '}') {
        stack.pop();
        i++;
      } else if (ch === '\\') i = escape(i);
      else i++;
      continue;
    }
    // A string literal.
    if (ch === '\\') {
      // Skip the escaped character (also in raw strings, where `\"` does not end the string).
      i = escape(i);
      continue;
    }
    if (ch === top.quote && (!top.triple || source.startsWith(ch + ch + ch, i))) {
      stack.pop();
      i += top.triple ? 3 : 1;
      continue;
    }
    if (top.f && ch === '{') {
      if (source[i + 1] === '{') i += 2;
      else {
        stack.push({ kind: 'code', depth: 0 });
        i++;
      }
      continue;
    }
    i++;
  }
  return facts;
}

/**
 * Count the lines of `source` by kind. `docstrings` are the ranges of the docstring
 * statements (first statement `Expr(Constant str)` of a module, class or function body).
 * Precedence on one line: code, then docstring, then comment, then blank.
 */
export function countLines(source: string, docstrings: readonly DocstringRange[]): LineCounts {
  const kinds = lineKinds(source, docstrings);
  const out: LineCounts = { lines: kinds.length - 1, code: 0, docstring: 0, comment: 0, blank: 0 };
  for (let l = 1; l < kinds.length; l++) {
    const k = kinds[l];
    if (k === LINE_CODE) out.code++;
    else if (k === LINE_DOCSTRING) out.docstring++;
    else if (k === LINE_COMMENT) out.comment++;
    else out.blank++;
  }
  return out;
}

/** Line kinds in the array `lineKinds` returns. */
export const LINE_BLANK = 0;
export const LINE_COMMENT = 1;
export const LINE_DOCSTRING = 2;
export const LINE_CODE = 3;

/** The kind of every line (index = 1-based line; index 0 unused): LINE_BLANK … LINE_CODE. */
export function lineKinds(source: string, docstrings: readonly DocstringRange[]): Uint8Array {
  const f = lex(source);
  const kinds = new Uint8Array(f.count + 1); // 0 blank, 1 comment, 2 docstring, 3 code
  for (let l = 1; l <= f.count; l++) {
    if (f.codeMin[l] >= 0 || f.str[l]) kinds[l] = 3;
    else if (f.comment[l]) kinds[l] = 1;
  }
  for (const d of docstrings) {
    for (let l = d.startLine; l <= d.endLine && l <= f.count; l++) {
      if (kinds[l] !== 3) continue; // blank or comment lines between concatenated parts stay so
      const codeBefore = l === d.startLine && f.codeMin[l] >= 0 && f.codeMin[l] < d.startCol;
      const codeAfter = l === d.endLine && f.codeMax[l] >= d.endCol;
      if (!codeBefore && !codeAfter) kinds[l] = 2;
    }
  }
  return kinds;
}
