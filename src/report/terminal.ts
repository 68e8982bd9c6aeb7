/**
 * Text for a terminal: audited strings made safe to print, and lines wrapped to the
 * terminal's width (wrap-ansi, which keeps colour codes intact).
 */
import wrapAnsi from 'wrap-ansi';

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
