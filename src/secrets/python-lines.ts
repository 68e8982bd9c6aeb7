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

const PREFIX = /[rRbBuUfF]/;

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
    const ch = line[i]!;
    if (ch === '#') break;
    let q = -1;
    let start = i;
    if (ch === '"' || ch === "'") q = i;
    else if (PREFIX.test(ch) && (i === 0 || !/[\w]/.test(line[i - 1]!))) {
      let j = i;
      while (j < n && j - i < 2 && PREFIX.test(line[j]!)) j++;
      if (line[j] === '"' || line[j] === "'") q = j;
    }
    if (q < 0) {
      i++;
      continue;
    }
    start = i;
    const quote = line[q]!;
    const triple = line.startsWith(quote.repeat(3), q);
    const open = triple ? 3 : 1;
    const closeSeq = triple ? quote.repeat(3) : quote;
    let j = q + open;
    let closed = -1;
    while (j < n) {
      const c = line[j]!;
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (line.startsWith(closeSeq, j)) {
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

/** Characters allowed around string literals on a continuation line. */
const CONTINUATION_CODE = /^[\s()[\],+\\]*$/;

function codeOutside(line: string, lits: StringLiteral[]): string {
  let code = '';
  let at = 0;
  for (const l of lits) {
    code += line.slice(at, l.start);
    at = l.end;
  }
  const rest = line.slice(at);
  const hash = rest.indexOf('#');
  return code + (hash >= 0 ? rest.slice(0, hash) : rest);
}

/**
 * Joined logical lines for Python values split over several lines:
 *
 * ```python
 * API_KEY = (
 *     "sk-proj-abc"
 *     "def…"
 * )
 * ```
 *
 * becomes the virtual line `API_KEY = "sk-proj-abcdef…"` whose pieces point at the two
 * physical literals. Only runs of two or more literals are joined.
 */
export function joinPythonStrings(lines: readonly string[], maxLine = 4096): LogicalLine[] {
  const out: LogicalLine[] = [];
  const lits = lines.map((l) => (l.length <= maxLine && (l.includes('"') || l.includes("'")) ? pythonStrings(l) : []));
  const stringOnly = (i: number): boolean => lits[i]!.length > 0 && CONTINUATION_CODE.test(codeOutside(lines[i]!, lits[i]!));
  let i = 0;
  while (i < lines.length) {
    // A run is a head line followed by one or more string-only lines.
    if (i + 1 >= lines.length || !stringOnly(i + 1)) {
      i++;
      continue;
    }
    const head = lines[i]!;
    const headLits = lits[i]!;
    const headCode = codeOutside(head, headLits).trimEnd();
    const b = new JoinedLineBuilder();
    let ok = false;
    if (headLits.length > 0 && CONTINUATION_CODE.test(head.slice(headLits[headLits.length - 1]!.end).replace(/#.*$/, ''))) {
      // `NAME = ("abc"` or `"abc"` continuing onto the next lines.
      const last = headLits[headLits.length - 1]!;
      b.literal(head.slice(0, last.start).replace(/[\s([\\+]+$/, '') + ' "');
      b.piece(head.slice(last.cStart, last.cEnd), i + 1, last.cStart);
      ok = true;
    } else if (headLits.length === 0 && /(?:[=:(,[]|\\)\s*$/.test(headCode)) {
      // `NAME = (` with the value on the following lines.
      b.literal(head.replace(/#.*$/, '').replace(/[\s([\\]+$/, '') + ' "');
      ok = true;
    }
    let j = i + 1;
    while (j < lines.length && stringOnly(j)) {
      for (const l of lits[j]!) if (ok) b.piece(lines[j]!.slice(l.cStart, l.cEnd), j + 1, l.cStart);
      j++;
    }
    if (ok && b.pieceCount >= 2) out.push(b.literal('"').build());
    else if (ok && b.pieceCount === 1 && headLits.length === 0) out.push(b.literal('"').build());
    i = j;
  }
  return out;
}
