import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("crypto and network plugins", () => {
  it('B508 SNMPv1/v2c', () =>
    testRule('B508', {
      valid: ['from pysnmp.hlapi import *\nCommunityData("public", mpModel=2)', 'CommunityData("public")'],
      invalid: [
        { code: 'from pysnmp.hlapi import *\na = CommunityData("public", mpModel=0)\nb = CommunityData("public", mpModel=1)', errors: [{ line: 2, column: 5, message: 'The use of SNMPv1 and SNMPv2 is insecure. You should use SNMPv3 if able.' }, { line: 3, column: 5, message: 'The use of SNMPv1 and SNMPv2 is insecure. You should use SNMPv3 if able.' }], severity: 'medium', confidence: 'high' },
        { code: 'from pysnmp.hlapi import CommunityData\nCommunityData("public", mpModel=0)', lines: [2] },
      ],
    }));
});
