/**
 * Identifiers as CPython reads them: NFKC-normalised (PEP 3131). Rules and the semantic
 * model see the normalised name; a spelling that normalisation changes is KR145.
 */
import { describe, expect, it } from 'vitest';
import { analyze, hits } from './analyze-helpers.js';
import { parsePython } from '../../src/python/parse.js';

const fw = (s: string): string => [...s].map((c) => (/[a-z]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! - 0x61 + 0xff41) : c)).join('');
const bold = (s: string): string => [...s].map((c) => (/[a-z]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! - 0x61 + 0x1d41a) : c)).join('');

describe('hostile: identifier normalisation (NFKC)', () => {
  it('fullwidth eval is eval (B307) and is itself reported (KR145)', () => {
    const r = analyze('a.py', `${fw('eval')}(x)\n`);
    expect(hits(r)).toEqual(expect.arrayContaining(['B307@1', 'KR145@1']));
  });

  it('mathematical bold exec is exec (B102)', () => {
    const r = analyze('a.py', `${bold('exec')}(code)\n`);
    expect(hits(r)).toEqual(expect.arrayContaining(['B102@1', 'KR145@1']));
  });

  it('a fullwidth module name in an import resolves to the real module', () => {
    const r = analyze('a.py', `import ${fw('os')}\n${fw('os')}.system(cmd)\n`);
    expect(hits(r)).toContain('B605@2');
  });

  it('a fullwidth attribute name is the plain attribute', () => {
    const r = analyze('a.py', `import os\nos.${fw('system')}(cmd)\n`);
    expect(hits(r)).toContain('B605@2');
  });

  it('an import alias written in fullwidth binds the plain name', () => {
    const r = analyze('a.py', `import subprocess as ${fw('sp')}\nsp.call(cmd, shell=True)\n`);
    expect(hits(r)).toContain('B602@2');
  });

  it('from-import of a fullwidth name is the plain name', () => {
    const r = analyze('a.py', `from os import ${fw('system')}\nsystem(cmd)\n`);
    expect(hits(r)).toContain('B605@2');
  });

  it('a fullwidth keyword argument name is the plain keyword (shell=True)', () => {
    const r = analyze('a.py', `import subprocess\nsubprocess.Popen(cmd, ${fw('shell')}=True)\n`);
    expect(hits(r)).toContain('B602@2');
  });

  it('the ligature ﬁ in an identifier normalises to fi', () => {
    const p = parsePython('ﬁle = 1\n');
    const t = (p.module.body[0] as { targets: { id: string }[] }).targets[0]!;
    expect(t.id).toBe('file');
    expect(p.module.renamed?.[0]).toMatchObject({ line: 1, col: 0, written: 'ﬁle', name: 'file' });
  });

  it('a non-ASCII name already in normal form is not reported', () => {
    const r = analyze('a.py', 'données = 1\nprint(données)\n');
    expect(hits(r).filter((h) => h.startsWith('KR145'))).toEqual([]);
  });

  it('a function defined with a fullwidth name is called by its plain name', () => {
    const p = parsePython(`def ${fw('run')}():\n    pass\n`);
    expect((p.module.body[0] as { name: string }).name).toBe('run');
  });

  it('a fullwidth parameter name is the plain parameter', () => {
    const p = parsePython(`def f(${fw('cmd')}):\n    return cmd\n`);
    expect((p.module.body[0] as { args: { args: { arg: string }[] } }).args.args[0]!.arg).toBe('cmd');
  });

  it('KR145 gives the written form and the normalised name', () => {
    const r = analyze('a.py', `x = ${fw('getattr')}\n`);
    const f = r.findings.find((x) => x.ruleId === 'KR145')!;
    expect(f.message).toContain('getattr');
    expect(f.properties).toMatchObject({ written: fw('getattr'), normalised: 'getattr' });
    expect(f.location.startColumn).toBe(4);
  });

  it('KR145 is silenced by nosec on its line like any rule', () => {
    const r = analyze('a.py', `${fw('eval')}(x)  # nosec KR145\n`);
    expect(hits(r).filter((h) => h.startsWith('KR145'))).toEqual([]);
  });

  it('a fullwidth name in an except handler alias is normalised', () => {
    const p = parsePython(`try:\n    pass\nexcept E as ${fw('err')}:\n    pass\n`);
    const h = (p.module.body[0] as { handlers: { name: string }[] }).handlers[0]!;
    expect(h.name).toBe('err');
  });

  it('fullwidth __import__ is the builtin __import__', () => {
    const r = analyze('a.py', `m = ${fw('__import__')}('os')\nm.system(cmd)\n`);
    expect(hits(r)).toContain('KR145@1');
  });

  it('a fullwidth pickle.loads is still deserialisation (B301)', () => {
    const r = analyze('a.py', `import ${fw('pickle')}\n${fw('pickle')}.${fw('loads')}(data)\n`);
    expect(hits(r)).toContain('B301@2');
  });
});
