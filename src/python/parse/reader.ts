/**
 * The reading core shared by every part of the lowering: the source text, its line
 * starts, offset → line/column look-ups, identifiers as CPython normalises them, and the
 * stamping of positions onto new AST nodes.
 */
import type * as A from '../ast.js';
import type { Raw } from './raw.js';

/** Only ASCII code units (no code unit from U+0080 up). */
const ASCII = /^[^\u0080-\uffff]*$/;

/** An AST node's own fields: everything but the position and parent that {@link SourceReader.at} sets. */
export type NodeFields<N extends A.AnyNode> = Omit<N, keyof A.NodeBase>;

/** The source text of one file, with the position and identifier helpers the lowering reads it with. */
export class SourceReader {
  /** Offsets of line starts (UTF-16 units). */
  readonly lineStarts: number[] = [0];
  /** Identifiers whose written spelling NFKC normalisation changes, in lowering order. */
  readonly renamed: A.RenamedIdentifier[] = [];

  constructor(protected readonly src: string) {
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** [1-based line, 0-based column] of an offset. */
  position(offset: number): [number, number] {
    const i = this.lineIndex(offset);
    return [i + 1, offset - this.lineStarts[i]];
  }

  /** Index in `lineStarts` of the line holding `offset`, searching from `from` (a line at or before it) when given. */
  lineIndex(offset: number, from = -1): number {
    const ls = this.lineStarts;
    if (from >= 0) {
      // End offsets are usually a few lines after the start: scan forward a little first.
      let i = from;
      for (let k = 0; k < 8 && i + 1 < ls.length && ls[i + 1] <= offset; k++) i++;
      if (i + 1 >= ls.length || ls[i + 1] > offset) return i;
    }
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The source text a raw node spans. */
  protected text(r: Raw): string {
    return this.src.slice(r.s, r.e);
  }

  /**
   * An identifier (or dotted name) as CPython sees it: NFKC-normalised (PEP 3131), so
   * `ｅｖａｌ` is `eval`. A spelling that normalisation changes is recorded in `renamed`.
   */
  protected ident(r: Raw): string {
    const t = this.src.slice(r.s, r.e);
    if (ASCII.test(t)) return t;
    const n = t.normalize('NFKC');
    if (n !== t) {
      const [line, col] = this.position(r.s);
      this.renamed.push({ line, col, endCol: col + (r.e - r.s), written: t, name: n });
    }
    return n;
  }

  /** The node `node` of type `N`, given the position of `r` and no parent yet (the object itself is completed, not copied). */
  protected at<N extends A.AnyNode>(r: Raw, node: NodeFields<N>): N {
    const ls = this.lineStarts;
    const a = this.lineIndex(r.s);
    const b = this.lineIndex(r.e, a);
    const n = node as N;
    n.lineno = a + 1;
    n.col_offset = r.s - ls[a];
    n.end_lineno = b + 1;
    n.end_col_offset = r.e - ls[b];
    n.parent = null;
    return n;
  }

  /** An `Unparsed` placeholder at `r`: a subtree krait could not lower, and why. */
  protected unparsed(r: Raw, reason: string): A.Unparsed {
    return this.at<A.Unparsed>(r, { type: 'Unparsed', reason });
  }
}
