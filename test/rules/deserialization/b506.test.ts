import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B506 yaml.load without a safe loader', () =>
    testRule('B506', {
      valid: ['import yaml\nyaml.load(s, Loader=yaml.SafeLoader)', 'import yaml\nyaml.safe_load(s)', 'import yaml\nyaml.load(s, yaml.CSafeLoader)'],
      invalid: [{ code: 'import yaml\nyaml.load(s)', errors: [{ line: 2, column: 1, message: 'Use of unsafe yaml load. Allows instantiation of arbitrary objects. Consider yaml.safe_load().' }] }, { code: 'import yaml\nyaml.load(s, Loader=yaml.FullLoader)', lines: [2] }],
    }));
});
