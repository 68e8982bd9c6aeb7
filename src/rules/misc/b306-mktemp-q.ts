import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B306 (bandit `mktemp_q`, call blacklist): Flags `tempfile.mktemp`. */
export const mktempUsage = defineRule({
  id: 'B306',
  name: 'mktemp-q',
  category: 'code',
  severity: 'medium',
  confidence: 'high',
  cwe: [377],
  docs: {
    what: 'Flags `tempfile.mktemp`.',
    why: '`mktemp` only returns a name; another process can create that file (or a symlink) before the program opens it, and the program then writes where the attacker chose (CWE-377).',
    example: 'path = tempfile.mktemp()\nopen(path, "w").write(data)',
    instead: 'with tempfile.NamedTemporaryFile("w", delete=False) as f:\n    f.write(data)',
    references: [
      'https://cwe.mitre.org/data/definitions/377.html',
      'https://docs.python.org/3/library/tempfile.html#tempfile.mktemp',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b306-mktemp-q',
    ],
  },
  visit: { Call: callBlacklistVisitor('B306', 'Use tempfile.mkstemp(), NamedTemporaryFile() or TemporaryDirectory(), which create the file atomically.') },
});
