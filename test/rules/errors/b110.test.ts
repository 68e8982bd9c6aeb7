import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B110 try/except/pass honours check_typed_exception', () =>
    testRule('B110', {
      valid: ['try:\n    a()\nexcept ValueError:\n    pass', 'try:\n    a()\nexcept Exception:\n    log()'],
      invalid: [
        { code: 'try:\n    a()\nexcept:\n    pass', errors: [{ line: 3, column: 1, message: 'Try, Except, Pass detected.' }] },
        { code: 'try:\n    a()\nexcept Exception:\n    pass', lines: [3] },
        { code: 'try:\n    a()\nexcept ValueError:\n    pass', lines: [3], options: { ruleOptions: { B110: { check_typed_exception: true } } } },
      ],
    }));
});
