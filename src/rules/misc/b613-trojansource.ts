/**
 * B613, as bandit's `trojansource`: the first line of the file (comments and strings
 * included) that contains a bidirectional control character; one finding per file.
 */
import { defineRule } from '../../core/rule.js';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200F'];

export const trojansource = defineRule({
  id: 'B613',
  name: 'trojansource',
  category: 'code',
  severity: 'high',
  confidence: 'medium',
  cwe: [838],
  docs: {
    what: 'Flags source files that contain Unicode bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200F).',
    why: 'These characters reorder how code is displayed, so a reviewer sees different logic than the interpreter runs: a comment that hides an early return, a string that closes early (Trojan Source, CVE-2021-42574; CWE-838).',
    example: 'access_level = "user\u202E \u2066# Check if admin\u2069 \u2066"',
    instead: 'access_level = "user"  # no invisible control characters',
    references: [
      'https://cwe.mitre.org/data/definitions/838.html',
      'https://trojansource.codes/',
      'https://bandit.readthedocs.io/en/latest/plugins/b613_trojansource.html',
    ],
  },
  visit: {
    Module(node, ctx) {
      for (let i = 0; i < ctx.lines.length; i++) {
        const line = ctx.lines[i];
        for (const ch of BIDI) {
          const col = line.indexOf(ch);
          if (col < 0) continue;
          const code = `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;
          ctx.report(node, {
            node: { ...node, lineno: i + 1, end_lineno: i + 1, col_offset: col, end_col_offset: col + 1 },
            message: `A Python source file contains bidirectional control characters ('${code}').`,
            fix: 'Remove the bidirectional control characters (or write them as escapes such as "\\u202e" inside strings).',
          });
          return;
        }
      }
    },
  },
});
