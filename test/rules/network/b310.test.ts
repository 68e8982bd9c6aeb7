import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("bandit call blacklist (B302\u2013B323)", () => {
  it('B310 urlopen and friends', () =>
    testRule('B310', {
      valid: ['import urllib.parse\nurllib.parse.urlsplit(u)', 'import requests\nrequests.get(u, timeout=3)'],
      invalid: [
        { code: 'import urllib.request\nurllib.request.urlopen(u)', errors: [{ line: 2, column: 1, message: 'Audit url open for permitted schemes. Allowing use of file:/ or custom schemes is often unexpected.' }] },
        { code: 'from urllib.request import urlretrieve, URLopener\nurlretrieve(u, f)\nURLopener()', lines: [2, 3] },
        { code: 'from six.moves.urllib.request import urlopen\nurlopen(u)', lines: [2] },
      ],
    }));
});
