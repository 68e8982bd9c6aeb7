/**
 * B508, as bandit's `snmp_insecure_version_check`: `CommunityData(..., mpModel=0|1)`.
 * bandit compares the qualified name to the bare 'CommunityData' (so it only sees
 * `from pysnmp.hlapi import *`); krait also accepts the name imported from pysnmp.
 */
import { defineRule } from '../../core/rule.js';
import { keywordIs } from '../../python/calls.js';

export const snmpInsecureVersion = defineRule({
  id: 'B508',
  name: 'snmp-insecure-version',
  category: 'config',
  severity: 'medium',
  confidence: 'high',
  cwe: [319],
  docs: {
    what: 'Flags pysnmp `CommunityData(..., mpModel=0)` or `mpModel=1` (SNMPv1 and SNMPv2c).',
    why: 'SNMPv1/v2c authenticate with a community string sent in clear text and encrypt nothing; anyone on the path can read it and query or reconfigure the device (CWE-319).',
    example: 'CommunityData("public", mpModel=0)',
    instead: 'UsmUserData("user", auth_key, priv_key, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://bandit.readthedocs.io/en/latest/plugins/b508_snmp_insecure_version.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!(q === 'CommunityData' || (q?.startsWith('pysnmp.') && q.endsWith('.CommunityData')))) return;
      if (!keywordIs(node, 'mpModel', '0') && !keywordIs(node, 'mpModel', '1')) return;
      ctx.report(node, {
        message: 'The use of SNMPv1 and SNMPv2 is insecure. You should use SNMPv3 if able.',
        fix: 'Use SNMPv3 (UsmUserData) with authentication and privacy protocols.',
      });
    },
  },
});
