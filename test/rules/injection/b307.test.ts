import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B307 eval', () => testRule('B307', { valid: ['ast.literal_eval(x)'], invalid: [{ code: 'eval(x)', errors: [{ line: 1, column: 1, message: 'Use of possibly insecure function - consider using safer ast.literal_eval.' }] }] }));
});
