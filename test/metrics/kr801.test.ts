import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../helpers/rule-tester.js';
import { CODE_RULES } from '../../src/rules/index.js';

/** A function with `n` sequential `if` statements: complexity n + 1. */
function ifs(n: number, name = 'f', indent = ''): string {
  let s = `${indent}def ${name}(x):\n`;
  for (let i = 0; i < n; i++) s += `${indent}    if x == ${i}:\n${indent}        return ${i}\n`;
  return s;
}

describe('KR801 high-cyclomatic-complexity', () => {
  it('is registered with its metadata', () => {
    const rule = CODE_RULES.find((r) => r.id === 'KR801');
    expect(rule).toMatchObject({ name: 'high-cyclomatic-complexity', category: 'quality', severity: 'low', cwe: [1121], options: { max_complexity: 10 } });
  });

  it('flags functions and methods above 10, not at 10 (ifs(n) has complexity n + 1)', () => {
    testRule('KR801', {
      valid: [ifs(9), 'def f():\n    pass\n', { code: ifs(10), options: { ruleOptions: { KR801: { max_complexity: 11 } } } }],
      invalid: [
        { code: ifs(10), lines: [1], severity: 'low', confidence: 'high' },
        { code: `class A:\n${ifs(12, 'm', '    ')}`, lines: [2] },
        { code: `async def outer():\n${ifs(11, 'inner', '    ')}`, lines: [2] }, // the nested function only
        { code: `@decorator\n${ifs(11)}`, lines: [2] },
      ],
    });
  });

  it('the threshold is the max_complexity option', () => {
    expect(runOn(ifs(3), ['KR801'], { ruleOptions: { KR801: { max_complexity: 3 } } })).toHaveLength(1);
    expect(runOn(ifs(3), ['KR801'], { ruleOptions: { KR801: { max_complexity: 4 } } })).toHaveLength(0);
    // a nonsensical value falls back to the default
    expect(runOn(ifs(10), ['KR801'], { ruleOptions: { KR801: { max_complexity: 'x' } } })).toHaveLength(1);
  });

  it('reports the complexity and the threshold, and # noqa on the def line silences it', () => {
    const [f] = runOn(ifs(12), ['KR801']);
    expect(f!.message).toContain("'f' has a cyclomatic complexity of 13");
    expect(f!.properties).toEqual({ complexity: 13, threshold: 10 });
    expect(runOn(ifs(12).replace('def f(x):', 'def f(x):  # noqa: KR801'), ['KR801'])).toHaveLength(0);
  });
});
