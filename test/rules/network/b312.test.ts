import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B312 telnetlib.*', () =>
    testRule('B312', {
      valid: ['import telnetlib\nx = telnetlib', 'tn.write(b"x")'],
      invalid: [{ code: 'import telnetlib\ntn = telnetlib.Telnet(host)', errors: [{ line: 2, column: 6, message: 'Telnet-related functions are being called. Telnet is considered insecure. Use SSH or some other encrypted protocol.' }], severity: 'high' }],
    }));
});
