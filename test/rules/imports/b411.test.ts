import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit import blacklist (B401\u2013B415)", () => {
  it('B411 xmlrpc', () =>
    testRule('B411', {
      valid: ['import defusedxml.xmlrpc'],
      invalid: [{ code: 'import xmlrpc.client', errors: [{ line: 1, column: 1, message: 'Using xmlrpc.client to parse untrusted XML data is known to be vulnerable to XML attacks. Use defusedxml.xmlrpc.monkey_patch() function to monkey-patch xmlrpclib and mitigate XML vulnerabilities.' }], severity: 'high' }, { code: 'from xmlrpc.server import SimpleXMLRPCServer', lines: [1] }],
    }));
});
