import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("crypto and network plugins", () => {
  it('B502 bad protocol versions: ssl.wrap_socket and SSL.Context high, other calls medium, on the keyword line', () =>
    testRule('B502', {
      valid: [
        'import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLS_CLIENT)',
        'from OpenSSL import SSL\nSSL.Context(SSL.TLSv1_2_METHOD)',
        'import ssl\nssl.wrap_socket(s, ssl.PROTOCOL_SSLv3)  # positional: bandit does not read it',
      ],
      invalid: [
        { code: 'import ssl\nssl.wrap_socket(s,\n    ssl_version=ssl.PROTOCOL_SSLv3)', errors: [{ line: 3, column: 17, message: 'ssl.wrap_socket call with insecure SSL/TLS protocol version identified, security issue.' }], severity: 'high', confidence: 'high' },
        { code: 'from OpenSSL import SSL\nSSL.Context(method=SSL.TLSv1_1_METHOD)', lines: [2], severity: 'medium', confidence: 'medium' },
        { code: 'import pyOpenSSL\npyOpenSSL.SSL.Context(method=SSLv2_METHOD)', lines: [2], severity: 'high' },
        { code: 'herp_derp(ssl_version=ssl.PROTOCOL_TLSv1)', lines: [1], severity: 'medium' },
      ],
    }));
});
