import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B107 hardcoded password default', () =>
    testRule('B107', {
      valid: ['def f(password=None): pass', 'def f(user="admin"): pass'],
      invalid: [{ code: '@dec\ndef login(user, password="admin"):\n    pass', errors: [{ line: 2, column: 1, message: 'Possible hardcoded password: \'…(5 chars)\'' }] }],
    }));
});
