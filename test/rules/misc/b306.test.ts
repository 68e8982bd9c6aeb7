import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B306 tempfile.mktemp', () =>
    testRule('B306', {
      valid: ['import tempfile\ntempfile.mkstemp()', 'mktemp()'],
      invalid: [{ code: 'import tempfile\np = tempfile.mktemp()', errors: [{ line: 2, column: 5, message: 'Use of insecure and deprecated function (mktemp).' }] }, { code: 'from tempfile import mktemp\nmktemp(suffix=".x")', lines: [2] }],
    }));
});
