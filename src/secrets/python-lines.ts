/**
 * Python string literals on one line, and the joining of string literals written across
 * several lines (implicit concatenation in brackets, backslash continuations, `+`).
 */
import { JoinedLineBuilder, type LogicalLine } from './lines.js';

export interface StringLiteral {
  /** Offset of the prefix/opening quote and one past the closing quote. */
  start: number;
  end: number;
  /** Offsets of the content between the quotes. */
  cStart: number;
  cEnd: number;
  prefix: string;
}

/** r, R, b, B, u, U, f, F: the string prefix letters. */
function isPrefix(c: number): boolean {
  return c === 114 || c === 82 || c === 98 || c === 66 || c === 117 || c === 85 || c === 102 || c === 70;
}

/** [A-Za-z0-9_] (what `\w` matches). */
function isWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

const DQ = 34;
const SQ = 39;
const HASH = 35;
const BACKSLASH = 92;

/**
 * The complete string literals of one physical line, left to right, stopping at a
 * comment, at an unterminated string, or at a triple-quoted string that does not close
 * on the line. Escapes are kept raw. Linear in the line length.
 */
export function pythonStrings(line: string, max = line.length): StringLiteral[] {
  const out: StringLiteral[] = [];
  const n = Math.min(line.length, max);
  let i = 0;
  while (i < n) {
    const ch = line.charCodeAt(i);
    if (ch === HASH) break;
    let q = -1;
    if (ch === DQ || ch === SQ) q = i;
    else if (isPrefix(ch) && (i === 0 || !isWord(line.charCodeAt(i - 1)))) {
      let j = i;
      while (j < n && j - i < 2 && isPrefix(line.charCodeAt(j))) j++;
      const cj = line.charCodeAt(j);
      if (cj === DQ || cj === SQ) q = j;
    }
    if (q < 0) {
      i++;
      continue;
    }
    const start = i;
    const quote = line.charCodeAt(q);
    const triple = line.charCodeAt(q + 1) === quote && line.charCodeAt(q + 2) === quote;
    const open = triple ? 3 : 1;
    let j = q + open;
    let closed = -1;
    while (j < n) {
      const c = line.charCodeAt(j);
      if (c === BACKSLASH) {
        j += 2;
        continue;
      }
      if (c === quote && (!triple || (line.charCodeAt(j + 1) === quote && line.charCodeAt(j + 2) === quote))) {
        closed = j;
        break;
      }
      j++;
    }
    if (closed < 0) break;
    out.push({ start, end: closed + open, cStart: q + open, cEnd: closed, prefix: line.slice(start, q) });
    i = closed + open;
  }
  return out;
}

/** After a literal that the next line's literal continues: only spaces, `+`, `\\`, `(` or a comment. */
const CONTINUES = /^[\s+\\(]*(?:#.*)?$/;
/** Between two literals on one line of a concatenation: only spaces and `+`. */
const BETWEEN = /^[\s+]*$/;

/** The literals of line `i` when the line is nothing but a concatenation (with brackets around it). */
function concatenationOnly(line: string, lits: StringLiteral[]): boolean {
  if (lits.length === 0) return false;
  if (!/^[\s([]*$/.test(line.slice(0, lits[0].start))) return false;
  for (let k = 1; k < lits.length; k++) if (!BETWEEN.test(line.slice(lits[k - 1].end, lits[k].start))) return false;
  return /^[\s+\\()[\],]*(?:#.*)?$/.test(line.slice(lits[lits.length - 1].end));
}

/**
 * `stringsOf` (default {@link pythonStrings}) lets a caller that already listed a line's
 * literals share them.
 *
 * Joined logical lines for Python values split over several lines by implicit
 * concatenation:
 *
 * ```python
 * API_KEY = (
 *     "sk-proj-abc"
 *     "def…"
 * )
 * ```
 *
 * becomes the virtual line `API_KEY = "sk-proj-abcdef…"` whose pieces point at the two
 * physical literals. Literals separated by commas (list elements) are not joined.
 */
export function joinPythonStrings(lines: readonly string[], maxLine = 4096, stringsOf: (line: string) => StringLiteral[] = pythonStrings): LogicalLine[] {
  const out: LogicalLine[] = [];
  const lits = lines.map((l) => (l.length <= maxLine && (l.includes('"') || l.includes("'")) ? stringsOf(l) : []));
  const continues = (i: number): boolean => {
    const ls = lits[i];
    return ls.length > 0 && CONTINUES.test(lines[i].slice(ls[ls.length - 1].end));
  };
  let i = 0;
  while (i < lines.length - 1) {
    const head = lines[i];
    const headLits = lits[i];
    const b = new JoinedLineBuilder();
    let ok = false;
    if (headLits.length > 0 && continues(i) && concatenationOnly(lines[i + 1], lits[i + 1])) {
      // `NAME = ("abc"` continued by `"def"` on the next line.
      const last = headLits[headLits.length - 1];
      let first = headLits.length - 1;
      while (first > 0 && BETWEEN.test(head.slice(headLits[first - 1].end, headLits[first].start))) first--;
      b.literal(head.slice(0, headLits[first].start).replace(/[\s([\\+]+$/, '') + ' "');
      for (let k = first; k <= headLits.length - 1; k++) b.piece(head.slice(headLits[k].cStart, headLits[k].cEnd), i + 1, headLits[k].cStart);
      ok = last !== undefined;
    } else if (headLits.length === 0 && /(?:=|\()\s*(?:\\)?\s*(?:#.*)?$/.test(head) && head.length <= maxLine && concatenationOnly(lines[i + 1], lits[i + 1])) {
      // `NAME = (` with the value on the following lines.
      b.literal(head.replace(/#.*$/, '').replace(/[\s([\\]+$/, '') + ' "');
      ok = true;
    }
    if (!ok) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && concatenationOnly(lines[j], lits[j])) {
      for (const l of lits[j]) b.piece(lines[j].slice(l.cStart, l.cEnd), j + 1, l.cStart);
      if (!continues(j)) {
        j++;
        break;
      }
      j++;
    }
    if (b.pieceCount >= 2 || headLits.length === 0) out.push(b.literal('"').build());
    i = Math.max(i + 1, j);
  }
  return out;
}
