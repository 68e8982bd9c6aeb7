import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B302 marshal', () =>
    testRule('B302', {
      valid: ['import marshal\nmarshal.dumps(x)', 'loads(x)'],
      invalid: [
        { code: 'import marshal\nmarshal.loads(b)\nmarshal.load(f)', errors: [{ line: 2, column: 1, message: 'Deserialization with the marshal module is possibly dangerous.' }, { line: 3, column: 1, message: 'Deserialization with the marshal module is possibly dangerous.' }], severity: 'medium', confidence: 'high' },
        { code: 'from marshal import loads as l\nl(b)', lines: [2] },
      ],
    }));
});
