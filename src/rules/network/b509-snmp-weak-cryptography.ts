/**
 * B509, as bandit's `snmp_crypto_check`: `UsmUserData(...)` with fewer than three
 * positional arguments (no auth key and privacy key). As B508, krait also accepts the
 * name imported from pysnmp, where bandit only sees the bare name.
 */
import { defineRule } from '../../core/rule.js';

export const snmpWeakCryptography = defineRule({
  id: 'B509',
  name: 'snmp-weak-cryptography',
  category: 'config',
  severity: 'medium',
  confidence: 'high',
  cwe: [319],
  docs: {
    what: 'Flags pysnmp `UsmUserData(...)` given fewer than three positional arguments, i.e. SNMPv3 without authentication and privacy keys (noAuthNoPriv / authNoPriv).',
    why: 'Without the privacy key SNMPv3 sends everything in clear text, and without the auth key anyone can query the device (CWE-319).',
    example: 'UsmUserData("securityName")',
    instead: 'UsmUserData("securityName", auth_key, priv_key, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://bandit.readthedocs.io/en/latest/plugins/b509_snmp_weak_cryptography.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!(q === 'UsmUserData' || (q?.startsWith('pysnmp.') && q.endsWith('.UsmUserData')))) return;
      if (node.args.length >= 3) return;
      ctx.report(node, {
        message: 'You should not use SNMPv3 without encryption. noAuthNoPriv & authNoPriv is insecure',
        fix: 'Pass an authentication key and a privacy key (with SHA and AES protocols).',
      });
    },
  },
});
