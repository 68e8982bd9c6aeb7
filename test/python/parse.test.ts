import { describe, expect, it } from 'vitest';
import { parsePython, MAX_DEPTH } from '../../src/python/parse.js';
import { linkParents, walk } from '../../src/python/visit.js';
import type * as A from '../../src/python/ast.js';

function nodes(code: string): A.AnyNode[] {
  const r = parsePython(code);
  linkParents(r.module);
  const out: A.AnyNode[] = [];
  walk(r.module, (n) => void out.push(n));
  return out;
}

describe('lowering to CPython ast shapes', () => {
  it('lowers calls, keywords, attributes and constants with exact positions', () => {
    const r = parsePython('import os\nx = os.path.join("a", b=1)\n');
    const assign = r.module.body[1] as A.Assign;
    expect(assign.type).toBe('Assign');
    const call = assign.value as A.Call;
    expect(call.type).toBe('Call');
    expect((call.func as A.Attribute).attr).toBe('join');
    expect(call.args[0]).toMatchObject({ type: 'Constant', value: 'a', kind: 'str', lineno: 2, col_offset: 17 });
    expect(call.keywords[0]).toMatchObject({ type: 'keyword', arg: 'b' });
    expect(call).toMatchObject({ lineno: 2, col_offset: 4, end_lineno: 2, end_col_offset: 26 });
  });

  it('decodes string escapes, joins implicit concatenation and builds f-strings', () => {
    const r = parsePython('a = "x\\ty" "z"\nb = rb"\\n"\nc = f"id={i!r:>5} {{lit}}"\n');
    const [a, b, c] = r.module.body as A.Assign[];
    expect(a!.value).toMatchObject({ type: 'Constant', value: 'x\tyz', kind: 'str' });
    expect(b!.value).toMatchObject({ type: 'Constant', value: '\\n', kind: 'bytes' });
    const js = c!.value as A.JoinedStr;
    expect(js.type).toBe('JoinedStr');
    expect(js.values.map((v) => v.type)).toEqual(['Constant', 'FormattedValue', 'Constant']);
    expect((js.values[1] as A.FormattedValue).conversion).toBe(114);
    expect((js.values[2] as A.Constant).value).toBe(' {lit}');
  });

  it('reads every kind of literal exactly as CPython: raw strings ending in backslashes, triple quotes, prefixes', () => {
    const src = [
      "a = r'\\\\'", // r'\\'  → two backslashes
      "b = r'\\\\\\\\'", // r'\\\\' → four
      "c = '\\\\'", // '\\' → one
      'd = """x\\ty\n"q"\n"""',
      "e = U'\\u00e9'",
      "f = Rb'\\x00'",
      "g = 'unterminated",
      '',
    ].join('\n');
    const body = parsePython(src).module.body as A.Assign[];
    const v = (i: number) => (body[i]!.value as A.Constant).value;
    expect(v(0)).toBe('\\\\');
    expect(v(1)).toBe('\\\\\\\\');
    expect(v(2)).toBe('\\');
    expect(v(3)).toBe('x\ty\n"q"\n');
    expect(v(4)).toBe('é');
    expect(v(5)).toBe('\\x00');
    expect((body[5]!.value as A.Constant).kind).toBe('bytes');
  });

  it('lowers function arguments like CPython (posonly, defaults, kwonly, varargs)', () => {
    const r = parsePython('def f(a, /, b=1, *args, c, d=2, **kw):\n    pass\n');
    const f = r.module.body[0] as A.FunctionDef;
    expect(f.args.posonlyargs.map((x) => x.arg)).toEqual(['a']);
    expect(f.args.args.map((x) => x.arg)).toEqual(['b']);
    expect(f.args.defaults).toHaveLength(1);
    expect(f.args.vararg?.arg).toBe('args');
    expect(f.args.kwonlyargs.map((x) => x.arg)).toEqual(['c', 'd']);
    expect(f.args.kw_defaults.map((x) => x && x.type)).toEqual([null, 'Constant']);
    expect(f.args.kwarg?.arg).toBe('kw');
  });

  it('flattens and/or chains, splits comparisons and keeps elif as nested If', () => {
    const r = parsePython('if a and b and c:\n  pass\nelif x not in y is not z:\n  pass\nelse:\n  pass\n');
    const iff = r.module.body[0] as A.If;
    expect((iff.test as A.BoolOp).values).toHaveLength(3);
    const elif = iff.orelse[0] as A.If;
    expect((elif.test as A.Compare).ops).toEqual(['NotIn', 'IsNot']);
    expect(elif.orelse[0]!.type).toBe('Pass');
  });

  it('reads except handlers with names, try/else/finally, with items and decorators', () => {
    const r = parsePython('@dec\nclass C(B, metaclass=M):\n  pass\ntry:\n  pass\nexcept (A, B) as e:\n  pass\nelse:\n  pass\nfinally:\n  pass\nwith open(p) as fh, lock:\n  pass\n');
    const c = r.module.body[0] as A.ClassDef;
    expect(c.lineno).toBe(2);
    expect(c.decorator_list).toHaveLength(1);
    expect(c.keywords[0]!.arg).toBe('metaclass');
    const t = r.module.body[1] as A.Try;
    expect(t.handlers[0]).toMatchObject({ name: 'e' });
    expect(t.handlers[0]!.exc_type!.type).toBe('Tuple');
    expect(t.orelse).toHaveLength(1);
    expect(t.finalbody).toHaveLength(1);
    const w = r.module.body[2] as A.With;
    expect(w.items).toHaveLength(2);
    expect(w.items[0]!.optional_vars).toMatchObject({ type: 'Name', id: 'fh' });
  });

  it('resolves relative import levels', () => {
    const r = parsePython('from ..pkg.mod import a as b, c\nfrom . import d\n');
    expect(r.module.body[0]).toMatchObject({ type: 'ImportFrom', module: 'pkg.mod', level: 2 });
    expect(r.module.body[1]).toMatchObject({ type: 'ImportFrom', module: null, level: 1 });
  });
});

describe('hostile input', () => {
  it('reports syntax errors and still lowers the valid statements around them', () => {
    const r = parsePython('import os\ndef broken(:\n    pass\nos.system(cmd)\n');
    expect(r.syntaxErrors.length).toBeGreaterThan(0);
    expect(r.syntaxErrors[0]!.line).toBeGreaterThanOrEqual(1);
    const calls = nodes('import os\ndef broken(:\n    pass\nos.system(cmd)\n').filter((n) => n.type === 'Call');
    expect(calls.length).toBe(1);
  });

  it('survives nesting thousands of levels deep without overflowing the stack', () => {
    for (const depth of [5000, 20000]) {
      const code = 'x = ' + '('.repeat(depth) + '1' + ')'.repeat(depth) + '\n' + 'y = ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
      const r = parsePython(code);
      linkParents(r.module);
      let count = 0;
      walk(r.module, () => void count++);
      expect(count).toBeGreaterThan(2);
    }
    const deep = 'f(' .repeat(3000) + ')'.repeat(3000);
    expect(parsePython(deep).tooDeep).toBe(true);
    expect(MAX_DEPTH).toBeGreaterThan(100);
  });

  it('handles an empty file and a file of only comments', () => {
    expect(parsePython('').module.body).toEqual([]);
    const r = parsePython('# a\n# b\n');
    expect(r.module.body).toEqual([]);
    expect(r.comments.map((c) => c.line)).toEqual([1, 2]);
  });
});
