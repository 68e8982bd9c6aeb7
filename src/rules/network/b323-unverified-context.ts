import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B323 (bandit `unverified_context`, call blacklist): Flags `ssl._create_unverified_context`. */
export const unverifiedContext = defineRule({
  id: 'B323',
  name: 'unverified-context',
  category: 'code',
  severity: 'medium',
  confidence: 'high',
  cwe: [295],
  docs: {
    what: 'Flags `ssl._create_unverified_context`.',
    why: 'The unverified context checks neither the certificate nor the host name, so anyone on the network path can impersonate the server (CWE-295).',
    example: 'ctx = ssl._create_unverified_context()',
    instead: 'ctx = ssl.create_default_context()',
    references: [
      'https://cwe.mitre.org/data/definitions/295.html',
      'https://docs.python.org/3/library/ssl.html#ssl.create_default_context',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b323-unverified-context',
    ],
  },
  visit: { Call: callBlacklistVisitor('B323', 'Use ssl.create_default_context() (add a CA file with cafile= for private certificates).') },
});
