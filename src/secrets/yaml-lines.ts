/**
 * YAML values written across several lines: block scalars (`key: |`, `key: >-`), quoted
 * scalars continued with `\` or folded, and plain scalars continued on indented lines.
 * Each becomes a virtual line `key: "joined"` (pieces concatenated without separator, as
 * a token split for line length is meant to be read).
 */
import { JoinedLineBuilder, type LogicalLine } from './lines.js';

const KEY_LINE = /^(\s{0,80})(?:-\s{1,5}){0,1}["']{0,1}([A-Za-z_][\w.-]{0,100})["']{0,1}\s{0,5}:(?:\s{1,10}(.{0,4000}))?$/;

function indentOf(s: string): number {
  const m = /^\s*/.exec(s);
  return m ? m[0].length : 0;
}

/** Joined logical lines for the multi-line YAML values of `lines`. */
export function joinYamlValues(lines: readonly string[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i];
    if (line.length > 4096) continue;
    const m = KEY_LINE.exec(line);
    if (!m) continue;
    const indent = m[1].length;
    const key = m[2];
    const rest = (m[3] ?? '').replace(/\s+#.*$/, '').trim();
    const b = new JoinedLineBuilder().literal(`${key}: "`);
    let j = i + 1;
    const more = (k: number): boolean => k < lines.length && (lines[k].trim() === '' || indentOf(lines[k]) > indent);
    if (/^[|>][-+0-9]{0,3}$/.test(rest)) {
      // Block scalar: every more-indented line.
      while (more(j)) {
        const t = lines[j];
        const s = t.trim();
        if (s) b.piece(s, j + 1, t.indexOf(s));
        j++;
      }
    } else if (rest.length > 0 && !/^[[{&*!]/.test(rest)) {
      const quoted = rest[0] === '"' || rest[0] === "'";
      const q = rest[0];
      if (quoted && rest.length > 1 && rest.endsWith(q) && !rest.endsWith('\\' + q)) continue;
      // Plain or quoted scalar continued on more-indented lines that are not `key:` lines.
      const first = quoted ? rest.slice(1).replace(/\\$/, '') : rest;
      const col = line.indexOf(rest) + (quoted ? 1 : 0);
      b.piece(first, i + 1, col);
      while (more(j) && lines[j].trim() !== '' && !(/^\s*[\w.\-"']{1,100}\s*:(?:\s|$)/.test(lines[j]) && !quoted) && !/^\s*- /.test(lines[j])) {
        const t = lines[j];
        let s = t.trim();
        let end = false;
        if (quoted && s.endsWith(q)) {
          s = s.slice(0, -1);
          end = true;
        }
        s = s.replace(/\\$/, '');
        if (s) b.piece(s, j + 1, t.indexOf(s));
        j++;
        if (end) break;
      }
    } else continue;
    if (b.pieceCount >= 2 || (b.pieceCount === 1 && /^[|>]/.test(rest))) out.push(b.literal('"').build());
    i = j - 1;
  }
  return out;
}
