import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B312 (bandit `telnetlib`, call blacklist): Flags calls into `telnetlib`. */
export const telnetlibCall = defineRule({
  id: 'B312',
  name: 'telnetlib',
  category: 'code',
  severity: 'high',
  confidence: 'high',
  cwe: [319],
  docs: {
    what: 'Flags calls into `telnetlib`.',
    why: 'Telnet sends everything, passwords included, in clear text over the network (CWE-319).',
    example: 'tn = telnetlib.Telnet(host)',
    instead: 'client = paramiko.SSHClient()  # SSH',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://docs.python.org/3.12/library/telnetlib.html',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b312-telnetlib',
    ],
  },
  visit: { Call: callBlacklistVisitor('B312', 'Use SSH (paramiko, asyncssh) or another encrypted protocol.') },
});
