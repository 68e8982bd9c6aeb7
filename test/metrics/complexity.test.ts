import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, measure, measureFixture } from './helpers.js';

/** Worked out from radon's rules (the comment on each def line of the fixture); radon agrees except on `matcher`. */
const EXPECTED: Record<string, number> = {
  straight: 1,
  branches: 4,
  loops: 6,
  handlers: 5,
  booleans: 5,
  not_counted: 1,
  lambda_body: 2,
  asserts: 2,
  outer: 2,
  'outer.inner': 3,
  comprehensions: 6,
  matcher: 4,
  'Account.deposit': 2,
  'Account.withdraw': 3,
  'Account.conditional': 1,
  'Account.Inner.deep': 2,
};

const hasRadon = spawnSync('radon', ['--version']).status === 0;

describe('cyclomatic complexity (radon counting, plus match cases)', () => {
  const m = measureFixture('complexity.py');
  const byName = Object.fromEntries(m.complexity.map((c) => [c.name, c.complexity]));

  it('each function and method of the fixture', () => {
    expect(byName).toEqual(EXPECTED);
  });

  it('the expected values are the ones written in the fixture', () => {
    const src = readFileSync(path.join(FIXTURES, 'complexity.py'), 'utf8');
    for (const c of m.complexity) {
      const line = src.split('\n')[c.line - 1]!;
      expect(Number(/#\s*(\d+)/.exec(line)?.[1]), `${c.name} at line ${c.line}`).toBe(c.complexity);
    }
  });

  it('kinds, methods, per-file max and mean, class complexity as radon', () => {
    expect(m.functions).toBe(16);
    expect(m.methods).toBe(4);
    expect(m.asyncFunctions).toBe(1);
    expect(m.lambdas).toBe(2);
    expect(m.classes).toBe(2);
    expect(m.complexity.find((c) => c.name === 'Account.deposit')?.kind).toBe('method');
    expect(m.complexity.find((c) => c.name === 'outer.inner')?.kind).toBe('function');
    expect(m.maxComplexity).toBe(6);
    expect(m.meanComplexity).toBeCloseTo(Object.values(EXPECTED).reduce((a, b) => a + b, 0) / 16, 10);
    // radon: (1 + `if True` + 2 + 3 + 1) // 3 methods + 1 = 3
    expect(m.classComplexity.map((c) => [c.name, c.complexity])).toEqual([['Account', 3], ['Account.Inner', 3]]); // Inner: 1 + deep's 2, one method
  });

  it.runIf(hasRadon)('radon cc gives the same values (match left out: radon does not count cases)', () => {
    const out = JSON.parse(execFileSync('radon', ['cc', '-j', '-s', path.join(FIXTURES, 'complexity.py')], { encoding: 'utf8' })) as Record<string, RadonBlock[]>;
    const radon = new Map<string, number>();
    const stack = [...Object.values(out)[0]!];
    while (stack.length) {
      const b = stack.pop()!;
      if (b.type === 'class') stack.push(...(b.methods ?? []));
      else {
        radon.set(`${b.lineno}:${b.name}`, b.complexity);
        stack.push(...(b.closures ?? []));
      }
    }
    let compared = 0;
    for (const c of m.complexity) {
      const r = radon.get(`${c.line}:${c.name.split('.').pop()}`);
      if (r === undefined) continue; // radon does not list methods of nested classes
      compared++;
      expect(c.complexity, c.name).toBe(c.name === 'matcher' ? r + 3 : r);
    }
    expect(compared).toBe(15);
  });

  it('module-level decisions do not belong to a function', () => {
    const x = measure('if a:\n    pass\nfor i in x:\n    pass\ndef f():\n    return 1\n');
    expect(x.moduleComplexity).toBe(3);
    expect(x.complexity).toEqual([{ name: 'f', line: 5, column: 0, endLine: 6, kind: 'function', complexity: 1 }]);
  });

  it('match: every case counts, a final irrefutable case (wildcard or capture, no guard) is the else', () => {
    const f = (cases: string) => measure(`def f(x):\n    match x:\n${cases}`).complexity[0]!.complexity;
    expect(f('        case 1: pass\n        case 2: pass\n')).toBe(3);
    expect(f('        case 1: pass\n        case y: pass\n')).toBe(2);
    expect(f('        case 1: pass\n        case _ if x: pass\n')).toBe(3);
  });

  it('try/except* counts its handlers like try/except (radon 5 counts nothing)', () => {
    expect(measure('def f():\n    try:\n        g()\n    except* ValueError:\n        pass\n    except* OSError:\n        pass\n').complexity[0]!.complexity).toBe(3);
  });

  it('deeply nested code is measured without recursion', () => {
    const depth = 150;
    let src = 'def f(x):\n';
    for (let i = 0; i < depth; i++) src += `${' '.repeat(4 * (i + 1))}if x:\n`;
    src += `${' '.repeat(4 * (depth + 1))}pass\n`;
    const x = measure(src);
    expect(x.complexity[0]!.complexity).toBe(depth + 1);
    const expr = `def g(a):\n    return ${'('.repeat(300)}a${' and a)'.repeat(300)}\n`;
    expect(measure(expr).complexity[0]!.complexity).toBeGreaterThan(1);
  });
});

interface RadonBlock {
  type: 'function' | 'method' | 'class';
  name: string;
  lineno: number;
  complexity: number;
  methods?: RadonBlock[];
  closures?: RadonBlock[];
}
