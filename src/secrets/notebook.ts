/**
 * Jupyter notebooks: the cells' source (code and markdown) and text outputs, each line
 * mapped back to the line of the `.ipynb` file that holds it.
 */
import type { FileKind } from '../core/file.js';

export interface NotebookCell {
  kind: FileKind;
  /** The cell's lines, without trailing newlines. */
  lines: string[];
  /** For each cell line, the 1-based line of the .ipynb file holding it. */
  fileLines: number[];
  /** 1-based position of the cell in the notebook (outputs carry their cell's). */
  cell: number;
  /** True for a code cell's source (not its outputs, not a markdown or raw cell). */
  code: boolean;
}

interface Token {
  start: number;
  end: number;
  line: number;
}

/** Every JSON string token of `text` with its 1-based line (linear scan). */
function stringTokens(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else j++;
      }
      out.push({ start: i, end: j + 1, line });
      i = j;
    }
  }
  return out;
}

function asLines(src: unknown): string[] | undefined {
  if (typeof src === 'string') return [src];
  if (Array.isArray(src) && src.every((s) => typeof s === 'string')) return src;
  return undefined;
}

/**
 * The cells of a notebook, or `undefined` when `text` is not notebook JSON. Code cells
 * read as Python, markdown cells and text outputs as text.
 */
export function notebookCells(text: string): NotebookCell[] | undefined {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch {
    return undefined;
  }
  const cells = (nb as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) return undefined;
  const tokens = stringTokens(text);
  let at = 0;
  /** The file line of the next JSON string equal to `s` (searching forward), or the last known line. */
  let lastLine = 1;
  const locate = (s: string): number => {
    const limit = Math.min(tokens.length, at + 5000);
    for (let k = at; k < limit; k++) {
      const t = tokens[k];
      const rawLen = t.end - t.start - 2;
      if (rawLen < s.length || rawLen > s.length * 6 + 2) continue;
      let v: unknown;
      try {
        v = JSON.parse(text.slice(t.start, t.end));
      } catch {
        continue;
      }
      if (v === s) {
        at = k + 1;
        lastLine = t.line;
        return t.line;
      }
    }
    return lastLine;
  };
  const out: NotebookCell[] = [];
  let cellNo = 0;
  const add = (kind: FileKind, src: unknown, code = false): void => {
    const parts = asLines(src);
    if (!parts) return;
    const lines: string[] = [];
    const fileLines: number[] = [];
    for (const part of parts) {
      const line = locate(part);
      const split = part.replace(/\n$/, '').split(/\r\n|\r|\n/);
      // A single string holding several lines: its lines share the token's line.
      for (const s of split) {
        lines.push(s);
        fileLines.push(line);
      }
    }
    out.push({ kind, lines, fileLines, cell: cellNo, code });
  };
  for (const cell of cells as Array<Record<string, unknown>>) {
    cellNo++;
    if (!cell || typeof cell !== 'object') continue;
    add(cell.cell_type === 'code' ? 'python' : 'text', cell.source, cell.cell_type === 'code');
    if (Array.isArray(cell.outputs)) {
      for (const o of cell.outputs as Array<Record<string, unknown>>) {
        if (!o || typeof o !== 'object') continue;
        if (o.text !== undefined) add('text', o.text);
        const data = o.data as Record<string, unknown> | undefined;
        if (data && typeof data === 'object' && data['text/plain'] !== undefined) add('text', data['text/plain']);
      }
    }
  }
  return out;
}
