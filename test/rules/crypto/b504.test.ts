import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("crypto and network plugins", () => {
  it('B504 wrap_socket without ssl_version', () =>
    testRule('B504', {
      valid: ['import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLSv1_2)', 'ctx.wrap_socket(s)'],
      invalid: [{ code: 'import ssl\nssl.wrap_socket(s)', errors: [{ line: 2, column: 1, message: 'ssl.wrap_socket call with no SSL/TLS protocol version specified, the default SSLv23 could be insecure, possible security issue.' }], severity: 'low', confidence: 'medium' }],
    }));
});
