import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("crypto and network plugins", () => {
  it('B509 SNMPv3 without auth and privacy', () =>
    testRule('B509', {
      valid: ['from pysnmp.hlapi import *\nUsmUserData("securityName", "authName", "privName")'],
      invalid: [{ code: 'from pysnmp.hlapi import *\nUsmUserData("securityName")\nUsmUserData("securityName", "authName")', errors: [{ line: 2, column: 1, message: 'You should not use SNMPv3 without encryption. noAuthNoPriv & authNoPriv is insecure' }, { line: 3, column: 1, message: 'You should not use SNMPv3 without encryption. noAuthNoPriv & authNoPriv is insecure' }], severity: 'medium' }],
    }));
});
