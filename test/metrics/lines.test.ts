import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countLines, lineKinds, LINE_BLANK, LINE_CODE, LINE_COMMENT, LINE_DOCSTRING } from '../../src/metrics/lines.js';
import { FIXTURES, measure, measureFixture } from './helpers.js';

/** Expected counts, worked out line by line (see the comments in each fixture) and equal to reference_lines.py's. */
const EXPECTED: Record<string, { lines: number; code: number; docstring: number; comment: number; blank: number }> = {
  'strings.py': { lines: 41, code: 19, docstring: 11, comment: 2, blank: 9 },
  'brackets.py': { lines: 18, code: 12, docstring: 0, comment: 4, blank: 2 },
  'continuation.py': { lines: 10, code: 8, docstring: 0, comment: 1, blank: 1 },
  'crlf.py': { lines: 6, code: 4, docstring: 0, comment: 1, blank: 1 },
  'no_newline.py': { lines: 2, code: 2, docstring: 0, comment: 0, blank: 0 },
  'empty.py': { lines: 0, code: 0, docstring: 0, comment: 0, blank: 0 },
};

function counts(rel: string) {
  const m = measureFixture(path.join('lines', rel));
  return { lines: m.lines, code: m.codeLines, docstring: m.docstringLines, comment: m.commentLines, blank: m.blankLines };
}

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('line counts', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: code, docstring, comment and blank lines`, () => {
      const got = counts(file);
      expect(got).toEqual(expected);
      expect(got.code + got.docstring + got.comment + got.blank).toBe(got.lines);
    });
  }

  it.runIf(hasPython)('agree with the reference count (CPython tokenize + ast) on every fixture', () => {
    const files = Object.keys(EXPECTED).map((f) => path.join(FIXTURES, 'lines', f));
    const out = execFileSync('python3', [path.join(FIXTURES, 'reference_lines.py'), ...files], { encoding: 'utf8' });
    for (const row of out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)) {
      const { path: p, ...ref } = row;
      expect(counts(path.basename(String(p))), String(p)).toEqual(ref);
    }
  });

  it('classifies each line of the strings fixture as documented', () => {
    const m = measureFixture('lines/strings.py');
    expect(m.docstringLines).toBe(11);
    const src = '"""doc\n\n"""\nx = """\n\n# no\n"""  # yes\n# c\n\n';
    // module docstring (3 lines), a string with a blank line and a '#' inside (code), a trailing comment on code, a comment, a blank
    expect([...lineKinds(src, [{ startLine: 1, startCol: 0, endLine: 3, endCol: 3 }])].slice(1)).toEqual([
      LINE_DOCSTRING, LINE_DOCSTRING, LINE_DOCSTRING, LINE_CODE, LINE_CODE, LINE_CODE, LINE_CODE, LINE_COMMENT, LINE_BLANK,
    ]);
  });

  it('a docstring sharing its line with other code is code', () => {
    expect(measure('def f(): "doc"\n').docstringLines).toBe(0);
    expect(measure('"doc"; x = 1\n').docstringLines).toBe(0);
    expect(measure('"doc"  # note\n')).toMatchObject({ docstringLines: 1, commentLines: 0, codeLines: 0 });
  });

  it('f-strings: nested quotes (3.12) and braces do not end the string early', () => {
    const src = 'x = f"{d["k"]} {{ #"\ny = 1  # c\n';
    expect(countLines(src, [])).toEqual({ lines: 2, code: 2, docstring: 0, comment: 0, blank: 0 });
    const spec = "z = f'''{v:{w}}\n# inside\n'''\n";
    expect(countLines(spec, [])).toMatchObject({ code: 3, comment: 0 });
  });

  it('escaped line breaks continue single-quoted strings; prefixes and keywords before quotes', () => {
    expect(countLines("s = 'a\\\n#b'\n# c\n", [])).toEqual({ lines: 3, code: 2, docstring: 0, comment: 1, blank: 0 });
    expect(countLines("if'#'in x: pass\n# c\n", [])).toEqual({ lines: 2, code: 1, docstring: 0, comment: 1, blank: 0 });
    expect(countLines("r = rb'\\''  # q\n", [])).toMatchObject({ code: 1, comment: 0 });
  });

  it('an unterminated string does not swallow the rest of the file', () => {
    expect(countLines("x = 'oops\n# comment\n\n", [])).toEqual({ lines: 3, code: 1, docstring: 0, comment: 1, blank: 1 });
  });
});
