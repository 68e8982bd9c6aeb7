import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("crypto and network plugins", () => {
  it('B503 bad protocol as a default argument', () =>
    testRule('B503', {
      valid: ['def f(v=ssl.PROTOCOL_TLS_CLIENT): pass', 'def f(*, v=ssl.PROTOCOL_SSLv3): pass  # keyword-only: bandit does not read it'],
      invalid: [{ code: 'import ssl\n\n@decorator\ndef open_socket(host, version=ssl.PROTOCOL_SSLv2):\n    pass', errors: [{ line: 4, column: 1, message: 'Function definition identified with insecure SSL/TLS protocol version by default, possible security issue.' }], severity: 'medium', confidence: 'medium' }],
    }));
});
