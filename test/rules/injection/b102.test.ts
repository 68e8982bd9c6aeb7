import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B102 exec-used resolves builtins, not attributes of other objects', () =>
    testRule('B102', {
      valid: ['obj.exec("x")', 'cursor.exec_("x")'],
      invalid: [{ code: 'exec(code)\nimport builtins\n', errors: [{ line: 1, column: 1, message: 'Use of exec detected.' }], severity: 'medium', confidence: 'high' }],
    }));
});
