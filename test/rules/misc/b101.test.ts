import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B101 assert-used', () =>
    testRule('B101', { valid: ['x = 1\nif not x:\n    raise ValueError()'], invalid: [{ code: 'def f(x):\n    assert x > 0\n', errors: [{ line: 2, column: 5, message: 'Use of assert detected. The enclosed code will be removed when compiling to optimised byte code.' }] }] }));
});
