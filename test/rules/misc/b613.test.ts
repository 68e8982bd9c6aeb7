import { describe, expect, it } from 'vitest';
import { runOn, testRule } from '../../helpers/rule-tester.js';

describe("misc plugins", () => {
  it('B613 bidirectional control characters: first line only', () =>
    testRule('B613', {
      valid: ['x = "plain"\n# comment', 's = "\\u202e escaped is fine"'],
      invalid: [
        { code: 'a = 1\nif access_level != "user\u202E \u2066# Check if admin\u2069 \u2066":\n    pass\n# \u200F', errors: [{ line: 2, column: 25, message: 'A Python source file contains bidirectional control characters (\'\\u202e\').' }], severity: 'high', confidence: 'medium' },
      ],
    }));

  it('B613 message', () => {
    expect(runOn('# \u202e\n', ['B613'])[0]!.message).toBe("A Python source file contains bidirectional control characters ('\\u202e').");
  });
});
