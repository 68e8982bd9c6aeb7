import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B108 tmp directory, with the tmp_dirs option', () =>
    testRule('B108', {
      valid: ['p = "/home/tmp"'],
      invalid: [
        { code: 'open("/tmp/x", "w")', errors: [{ line: 1, column: 6, message: 'Probable insecure usage of temp file/directory.' }] },
        { code: 'p = "/scratch/x"', lines: [1], options: { ruleOptions: { B108: { tmp_dirs: ['/scratch'] } } } },
      ],
    }));
});
