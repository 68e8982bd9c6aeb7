import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B415 pyghmi', () =>
    testRule('B415', { valid: ['import pysnmp'], invalid: [{ code: 'from pyghmi.ipmi import command', errors: [{ line: 1, column: 1, message: 'An IPMI-related module is being imported. IPMI is considered insecure. Use an encrypted protocol.' }], severity: 'high' }] }));
});
