import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("krait's own checks beyond bandit", () => {
  it('KR128 TLS verification disabled', () =>
    testRule('KR128', {
      valid: ['import ssl\nctx = ssl.create_default_context()\nctx.verify_mode = ssl.CERT_REQUIRED', 'import aiohttp\nconn = aiohttp.TCPConnector(ssl=ctx)'],
      invalid: [
        { code: 'import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE', errors: [{ line: 3, column: 1, message: 'check_hostname = False: any valid certificate for any host is accepted. Keep host-name checking on.' }, { line: 4, column: 1, message: 'verify_mode = CERT_NONE: the peer certificate is not checked. Keep CERT_REQUIRED and load the right CA.' }] },
        { code: 'import urllib3\nhttp = urllib3.PoolManager(cert_reqs="CERT_NONE")', lines: [2] },
        { code: 'import aiohttp\nconn = aiohttp.TCPConnector(ssl=False)', lines: [2] },
      ],
    }));
});
