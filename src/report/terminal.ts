/**
 * Text for a terminal: audited strings made safe to print, and lines wrapped to the
 * terminal's width (wrap-ansi, which keeps colour codes intact).
 */
import wrapAnsi from 'wrap-ansi';

// C0 controls (tab kept), DEL, C1 controls, the Arabic letter mark, LRM/RLM, the bidi
// embeddings and overrides U+202A–202E and the isolates U+2066–2069, and the line and
// paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE_LINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const n = c.codePointAt(0)!;
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/**
 * Make one line of audited text (a path, a message, a route, a package name) safe for a
 * terminal: control characters — ESC, BEL, CR, LF and the other C0/C1 codes except tab —
 * and the bidirectional overrides and isolates (Trojan Source, CVE-2021-42574) are shown
 * as escapes (`\x1b`, `\x0a`, `\u202e`), so a scanned file cannot move the cursor,
 * recolour or retitle the terminal, fake extra lines or reorder what the reader sees.
 */
export function terminalSafe(s: unknown): string {
  return String(s).replace(UNSAFE_LINE, escapeChar);
}

/** As {@link terminalSafe}, but keeps line feeds: for multi-line text krait writes itself (fixes). */
export function terminalSafeBlock(s: unknown): string {
  return String(s).replace(UNSAFE_BLOCK, escapeChar);
}

/**
 * The width to wrap to: the terminal's columns when `stream` is a TTY (at least 40),
 * else undefined (no wrapping when output goes to a file or a pipe).
 */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number | undefined {
  if (!stream.isTTY || !stream.columns) return undefined;
  return Math.max(40, stream.columns);
}

/**
 * Wrap every line of `text` to `width` columns (words kept whole when they fit, longer
 * ones broken), continuation lines indented like the line they continue (plus two
 * spaces). ANSI colour codes are kept and not counted. No width: the text unchanged.
 */
export function wrapToWidth(text: string, width: number | undefined): string {
  if (!width) return text;
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width) return line;
      const indent = /^\s*/.exec(line)![0].length;
      const pad = ' '.repeat(Math.min(indent + 2, Math.floor(width / 2)));
      const wrapped = wrapAnsi(line.slice(indent), width - indent, { hard: true, trim: true }).split('\n');
      const first = ' '.repeat(indent) + wrapped[0];
      const rest = wrapped.slice(1).join(' ');
      if (!rest) return first;
      return [first, ...wrapAnsi(rest, width - pad.length, { hard: true, trim: true }).split('\n').map((l) => pad + l)].join('\n');
    })
    .join('\n');
}
