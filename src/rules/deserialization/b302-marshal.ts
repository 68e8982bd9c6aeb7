import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B302 (bandit `marshal`, call blacklist): Flags `marshal.load` and `marshal.loads`. */
export const marshalUsage = defineRule({
  id: 'B302',
  name: 'marshal',
  category: 'code',
  severity: 'medium',
  confidence: 'high',
  cwe: [502],
  docs: {
    what: 'Flags `marshal.load` and `marshal.loads`.',
    why: '`marshal` is an internal format for `.pyc` files: it is not hardened against malformed or malicious input, can crash the interpreter and can build code objects (CWE-502).',
    example: 'obj = marshal.loads(blob)',
    instead: 'obj = json.loads(blob)',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://docs.python.org/3/library/marshal.html',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b302-marshal',
    ],
  },
  visit: { Call: callBlacklistVisitor('B302', 'Use a data-only format (JSON) for data that crosses a trust boundary.') },
});
