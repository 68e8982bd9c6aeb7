import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { parsePython, MAX_DEPTH } from '../../src/python/parse.js';
import { nativeParser } from '../../src/python/native-parse.js';

/** The parse result as plain data (the AST has no parent links before linkParents). */
function both(code: string, deadline?: number): [string, string] {
  const n = parsePython(code, { deadline, reader: 'native' });
  const c = parsePython(code, { deadline, reader: 'cursor' });
  return [JSON.stringify(n), JSON.stringify(c)];
}

const SAMPLES: Record<string, string> = {
  plain: 'import os\n\ndef f(a, *, b=1, **kw):\n    return os.path.join(a, b)\n',
  operators: 'x = a + b * -c ** 2 // d\ny = not a or b and c\nz = a if b else c\nx += 1\nw = a[1:2:3]\n',
  fstrings: 'x = f"{a!r:>{w}} {b}" + F\'{c}\' + t"{d}" + "plain {e}" + r"raw"\n',
  nested: 'x = f"{f\'{a}\'}"\ns = "a" "b" f"c{d}"\n',
  comments: '# head\nx = 1  # tail\n\n    # indented\ndef f():\n    pass  # body\n',
  crlf: 'x = 1\r\nif x:\r\n    y = "é"\r\n',
  astral: 's = "𝒳 😀"\nt = f"{s}😀{s}"  # 😀\nu = 1\n',
  async: 'async def f():\n    async with a as b, c:\n        async for x in y:\n            await z\n    return [i async for i in g()]\n',
  match: 'match p:\n    case {"k": v, **rest}:\n        pass\n    case [1, *others] | Point(x=0):\n        pass\n    case _:\n        pass\n',
  tryStar: 'try:\n    pass\nexcept* ValueError as e:\n    raise\nfinally:\n    x = 1\n',
  imports: 'from . import a\nfrom ..b.c import (d as e, f)\nfrom m import *\nimport x.y as z\n',
  lambdas: 'f = lambda a, /, b=2, *c, d, **e: (yield)\ng = [x for x in y if x for z in x]\n',
  decorators: '@a.b(c)\nclass K(B, metaclass=M):\n    @property\n    def p(self) -> int: ...\n',
  errorNode: 'def f(:\n    return 1\nx = = 2\n',
  missing: 'x = (1, 2\ny = 3\n',
  errorOnly: '€ = 2\n',
  typeAlias: 'type A[T] = list[T]\ndef f[T: int](x: T) -> T: return x\n',
  global: 'def f():\n    global a, b\n    nonlocal c\n    del d[0], e.f\n    assert x, "m"\n',
};

describe('the parser addon reads the same tree as the binding\'s cursor', () => {
  it('is built by npm install (binding.gyp) and loads', () => {
    expect(nativeParser()).not.toBeNull();
  });

  for (const [name, code] of Object.entries(SAMPLES)) {
    it(`same AST, comments, positions and errors: ${name}`, () => {
      const [n, c] = both(code);
      expect(n).toBe(c);
    });
  }

  it('a syntax error is reported the same way by both: an ERROR node, then a missing token', () => {
    expect(parsePython(SAMPLES.errorNode).syntaxErrors[0].message).toMatch(/^invalid syntax near/);
    expect(parsePython(SAMPLES.errorOnly).syntaxErrors).toHaveLength(1);
    const missing = parsePython(SAMPLES.missing).syntaxErrors;
    expect(missing).toEqual(parsePython(SAMPLES.missing, { reader: 'cursor' }).syntaxErrors);
    expect(missing).toHaveLength(1);
  });

  it('cuts nesting deeper than MAX_DEPTH the same way (TOO_DEEP, tooDeep)', () => {
    const deep = `x = ${'('.repeat(MAX_DEPTH)}1${')'.repeat(MAX_DEPTH)}\n`;
    const n = parsePython(deep, { reader: 'native' });
    expect(n.tooDeep).toBe(true);
    const [a, b] = both(deep);
    expect(a).toBe(b);
  });

  it('a deadline already passed cuts the walk; a deadline during the parse cuts the input', () => {
    expect(parsePython(`x = [${'1,'.repeat(100_000)}]\n`, { deadline: 0, reader: 'native' }).timedOut).toBe(true);
    expect(parsePython(`x = [${'1,'.repeat(400_000)}]\n`, { deadline: Date.now() + 2, reader: 'native' }).timedOut).toBe(true);
    const whole = parsePython(`x = [${'1,'.repeat(400_000)}]\n`, { reader: 'native' });
    expect(whole.timedOut).toBe(false);
    expect(whole.syntaxErrors).toEqual([]);
  });

  it('a large file (read in chunks) gives the same tree as the cursor', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `def f${i}(a):\n    return a + "${'é'.repeat(i % 7)}"  # c${i}\n`).join('');
    expect(big.length).toBeGreaterThan(16384 * 4);
    const [n, c] = both(big);
    expect(n).toBe(c);
  });

  it('parses in several worker threads at once (each thread has its own parser)', async () => {
    const url = new URL('../../dist/python/parse.js', import.meta.url).href;
    const code = `const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(url)}).then(({ parsePython }) => {
        let n = 0;
        for (let i = 0; i < 200; i++) n += parsePython('def f(x):\\n    return [y for y in x if y]\\n' + 'z = ' + i + '\\n').module.body.length;
        parentPort.postMessage(n);
      });`;
    const runs = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<number>((resolve, reject) => {
            const w = new Worker(code, { eval: true });
            w.once('message', (m: number) => void w.terminate().then(() => resolve(m)));
            w.once('error', reject);
          }),
      ),
    );
    expect(runs).toEqual([400, 400, 400]);
  });
});
