/**
 * Snippets: the source lines around a finding, as shown in every report.
 */

/** Lines longer than this are cut in snippets (a minified line must not flood a report). */
export const MAX_SNIPPET_LINE = 240;

/**
 * The lines `startLine - context … endLine + context` (1-based, inclusive) of `lines`,
 * each prefixed with its number, long lines cut to {@link MAX_SNIPPET_LINE} characters.
 * At most 12 lines are returned.
 */
export function snippetAt(lines: readonly string[], startLine: number, endLine = startLine, context = 1): string {
  const from = Math.max(1, startLine - context);
  const to = Math.min(lines.length, Math.max(endLine, startLine) + context, from + 11);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    let text = lines[n - 1] ?? '';
    if (text.length > MAX_SNIPPET_LINE) text = text.slice(0, MAX_SNIPPET_LINE) + '…';
    out.push(`${String(n).padStart(width)} ${text}`);
  }
  return out.join('\n');
}

/** Split source text into lines the way Python counts them (\n, \r\n, \r). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
