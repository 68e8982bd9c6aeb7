import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B106 hardcoded password funcarg', () =>
    testRule('B106', { valid: ['connect(password=pw)'], invalid: [{ code: 'connect(\n  user="a",\n  password="p4ss")', errors: [{ line: 1, column: 1, message: 'Possible hardcoded password: \'…(4 chars)\'' }] }] }));
});
