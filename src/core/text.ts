/**
 * Audited text made safe to show: escapes for a terminal (control and bidi characters) and
 * error messages cut to their first line without the offending content.
 */

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
 * What a parser's error says, without what it read: the first line of the message (TOML
 * and YAML errors carry a code frame after it), with every quoted piece (`"…"`, `'…'`,
 * `` `…` ``) replaced by `…` (JSON errors quote the offending text) and cut to 160
 * characters. Where the error is goes in the diagnostic's line, never the file's content.
 */
export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : typeof e === 'object' && e && 'message' in e ? String((e).message) : String(e);
  return withoutContent(msg);
}

/** {@link firstLine} for a message string. */
export function withoutContent(msg: string): string {
  let line = (msg.split(/\r\n|\r|\n/)[0] ?? '').trim().replace(/:\s*$/, '');
  line = line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '…');
  // An unbalanced quote: drop everything from it on.
  line = line.replace(/["'`].*$/, '…');
  return line.length > 160 ? line.slice(0, 160) + '…' : line;
}
