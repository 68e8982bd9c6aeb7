/**
 * Universal newlines: CPython ends a line at `\n`, `\r\n` and a lone `\r`, so code after a
 * `\r` is code. Line numbers, suppressions, snippets, secrets and statistics follow
 * CPython's numbering (checked against python3's `ast` when these cases were written).
 */
import { describe, expect, it } from 'vitest';
import { analyze, hits } from './analyze-helpers.js';

describe('hostile: CR and CRLF line ends', () => {
  it('a lone CR after a comment ends the comment: the call after it is code', () => {
    const r = analyze('a.py', 'import os\n# harmless comment\ros.system(cmd)\n');
    expect(hits(r)).toContain('B605@3');
  });

  it('a CR-only file is numbered as CPython numbers it', () => {
    const r = analyze('a.py', 'import subprocess\rx = 1\rsubprocess.call(cmd, shell=True)\r');
    expect(hits(r)).toEqual(expect.arrayContaining(['B404@1', 'B602@3']));
    expect(r.diagnostics.filter((d) => d.kind === 'syntax-error')).toEqual([]);
  });

  it('a CRLF file has the same findings and lines as the LF file', () => {
    const lf = 'import pickle\n\ndef f(b):\n    return pickle.loads(b)\n';
    expect(hits(analyze('a.py', lf.replace(/\n/g, '\r\n')))).toEqual(hits(analyze('a.py', lf)));
  });

  it('mixed LF, CRLF and CR line ends count one line each', () => {
    const r = analyze('a.py', 'import os\nx = 1\r\ny = 2\ros.system(z)\n');
    expect(hits(r)).toContain('B605@4');
  });

  it('a nosec comment ended by a lone CR suppresses only its own line', () => {
    const r = analyze('a.py', 'import os\nos.system(a)  # nosec\ros.system(b)\n');
    expect(hits(r).filter((h) => h.startsWith('B605'))).toEqual(['B605@3']);
  });

  it('a nosec on a CR-ended line suppresses the finding on that line', () => {
    const r = analyze('a.py', 'import os\ros.system(a)  # nosec\rx = 1\r');
    expect(hits(r).filter((h) => h.startsWith('B605'))).toEqual([]);
  });

  it('a lone CR inside a comment cannot hide a call behind a nosec on the first part', () => {
    // "# nosec" belongs to the comment line only; the call on the next CPython line is reported.
    const r = analyze('a.py', 'import os\n# nosec\ros.system(b)\n');
    expect(hits(r)).toContain('B605@3');
  });

  it('the snippet of a finding after a lone CR shows the code line, not the comment', () => {
    const r = analyze('a.py', 'import os\n# note\ros.system(cmd)\n');
    const f = r.findings.find((x) => x.ruleId === 'B605')!;
    expect(f.snippet).toContain('os.system(cmd)');
    expect(f.snippet).not.toContain('\r');
  });

  it('a secret after a lone CR is found on its CPython line', () => {
    const r = analyze('a.py', 'x = 1\r# c\raws_key = "AKIAIOSFODNN7EXAMPLF"\n');
    const f = r.findings.find((x) => x.category === 'secrets');
    expect(f?.location.startLine).toBe(3);
  });

  it('statistics count CR-separated lines as CPython does', () => {
    const r = analyze('a.py', 'import os\r# comment\rdef f():\r    return 1\r');
    expect(r.metrics?.lines).toBe(4);
    expect(r.metrics?.commentLines).toBe(1);
    expect(r.metrics?.codeLines).toBe(3);
    expect(r.metrics?.functions).toBe(1);
  });

  it('a function defined after CRs is seen with its real line', () => {
    const r = analyze('a.py', 'import subprocess\r\rdef run(c):\r    subprocess.Popen(c, shell=True)\r');
    expect(hits(r)).toContain('B602@4');
  });

  it('a triple-quoted string spanning CRs keeps the lines after it aligned', () => {
    // python3: ast.parse(b'import os\rs = """a\rb\rc"""\ros.system(x)\r') puts the call on line 5.
    const r = analyze('a.py', 'import os\rs = """a\rb\rc"""\ros.system(x)\r');
    expect(hits(r)).toContain('B605@5');
  });

  it('a CR-only line continuation with backslash joins lines as in CPython', () => {
    const r = analyze('a.py', 'import os\ros.system(\\\r  x)\r');
    expect(hits(r)).toContain('B605@2');
    expect(r.diagnostics.filter((d) => d.kind === 'syntax-error')).toEqual([]);
  });

  it('a CR-only .env file is read line by line', () => {
    const r = analyze('.env', 'A=1\rAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLF\r');
    const f = r.findings.find((x) => x.category === 'secrets');
    expect(f?.location.startLine).toBe(2);
  });
});
