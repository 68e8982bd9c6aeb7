import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B105 hardcoded password string: assign, attribute, dict key, compare', () =>
    testRule('B105', {
      valid: ['password = get_password()', 'username = "admin"', 'password_hint = None'],
      invalid: [
        { code: 'password = "hunter2"', errors: [{ line: 1, column: 12, message: 'Possible hardcoded password: \'…(7 chars)\'' }] },
        { code: 'self.api_token = "abc"', lines: [1] },
        { code: 'cfg["password"] = "x"', lines: [1] },
        { code: 'if pwd == "letmein":\n    pass', lines: [1] },
      ],
    }));
});
