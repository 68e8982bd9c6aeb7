/**
 * Logical lines: what the detectors read. A physical line is one; a value written across
 * several lines (Python implicit concatenation, YAML block and multi-line scalars) is
 * joined into a virtual line whose pieces map back to the physical lines, so findings get
 * real locations and every piece of the secret can be masked.
 */

/** A stretch of a virtual line that comes from one physical line. */
export interface Piece {
  /** Offsets in the virtual text, [vStart, vEnd). */
  vStart: number;
  vEnd: number;
  /** 1-based physical line and 0-based column of vStart. */
  line: number;
  col: number;
}

export interface LogicalLine {
  text: string;
  pieces: Piece[];
  /** True for joined lines (their findings must cross a piece boundary or bind a name). */
  joined: boolean;
}

/** A physical span: 1-based line, [start, end) columns. */
export interface Span {
  line: number;
  start: number;
  end: number;
}

/** The logical line of a single physical line. */
export function physicalLine(text: string, line: number): LogicalLine {
  return { text, pieces: [{ vStart: 0, vEnd: text.length, line, col: 0 }], joined: false };
}

/** Map virtual [a, b) to physical spans (text outside every piece is dropped). */
export function toSpans(l: LogicalLine, a: number, b: number): Span[] {
  const out: Span[] = [];
  for (const p of l.pieces) {
    const s = Math.max(a, p.vStart);
    const e = Math.min(b, p.vEnd);
    if (s < e) out.push({ line: p.line, start: p.col + (s - p.vStart), end: p.col + (e - p.vStart) });
  }
  return out;
}

/** Builder for a joined line: literal text (not mapped) and mapped pieces. */
export class JoinedLineBuilder {
  private text = '';
  private readonly pieces: Piece[] = [];
  literal(s: string): this {
    this.text += s;
    return this;
  }
  piece(s: string, line: number, col: number): this {
    this.pieces.push({ vStart: this.text.length, vEnd: this.text.length + s.length, line, col });
    this.text += s;
    return this;
  }
  get pieceCount(): number {
    return this.pieces.length;
  }
  build(): LogicalLine {
    return { text: this.text, pieces: this.pieces, joined: true };
  }
}
