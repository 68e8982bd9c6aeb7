import { defineRule } from '../../core/rule.js';
import { callBlacklistVisitor } from '../blacklists/calls.js';

/** B310 (bandit `urllib_urlopen`, call blacklist): Flags `urllib.request.urlopen`, `urlretrieve`, `URLopener` and their Python 2 and `six` equivalents. */
export const urllibUrlopen = defineRule({
  id: 'B310',
  name: 'urllib-urlopen',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'high',
  cwe: [22],
  docs: {
    what: 'Flags `urllib.request.urlopen`, `urlretrieve`, `URLopener` and their Python 2 and `six` equivalents.',
    why: 'These accept `file:` and custom schemes as well as HTTP: a URL taken from input can read local files (CWE-22) or reach internal services.',
    example: 'urllib.request.urlopen(url)',
    instead: 'if urllib.parse.urlsplit(url).scheme not in ("http", "https"):\n    raise ValueError("bad scheme")\nurllib.request.urlopen(url, timeout=10)',
    references: [
      'https://cwe.mitre.org/data/definitions/22.html',
      'https://docs.python.org/3/library/urllib.request.html',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b310-urllib-urlopen',
    ],
  },
  visit: { Call: callBlacklistVisitor('B310', 'Check the URL scheme against an allow-list (http/https) before opening it, or use requests/httpx which only speak HTTP.') },
});
